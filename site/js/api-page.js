// The API reference (api.html): Swagger UI, served from vendor/ (copied by tools/SiteBuilder), rendering the API's own
// /api/openapi.json at config.js's apiBase. Reading only: requests are made with curl or a generated client
// (docs/api.md), so "Try it out" is off.
import { apiBase } from "../config.js";

const documentUrl = `${apiBase}/api/openapi.json`;
const status = document.getElementById("api-reference-status");
document.getElementById("api-document").href = documentUrl;

function start() {
  if (typeof window.SwaggerUIBundle !== "function") {
    status.hidden = true;
    document.getElementById("api-viewer-missing").hidden = false;
    return;
  }
  window.SwaggerUIBundle({
    url: documentUrl,
    dom_id: "#api-reference",
    // A deep link is an anchor inside the operation's toggle button: nested controls for a screen reader.
    deepLinking: false,
    supportedSubmitMethods: [],
    // One relative server (/api, beside this document): nothing to choose, and the viewer's select has no label.
    plugins: [() => ({ wrapComponents: { ServersContainer: () => () => null } })],
    defaultModelsExpandDepth: 0,
    docExpansion: "list",
    onComplete: () => { status.textContent = ""; },
  });
}

// Swagger UI draws its operations and schemas each in a <main>, inside this page's main: a page has one main landmark,
// so they become named regions; and its tag headings (h3) come after this page's h1: they are level 2 here. Redone
// whenever the viewer draws again (it re-renders as sections open).
function fitIntoThePage(root) {
  root.querySelectorAll("main:not([role])").forEach(main => {
    main.setAttribute("role", "region");
    main.setAttribute("aria-label", main.getAttribute("aria-label") ?? (main.id === "operations" ? "Operations" : "Schemas"));
  });
  root.querySelectorAll("h3.opblock-tag:not([aria-level])").forEach(heading => heading.setAttribute("aria-level", "2"));
}
const reference = document.getElementById("api-reference");
new MutationObserver(() => fitIntoThePage(reference)).observe(reference, { childList: true, subtree: true });

// The bundle is a deferred classic script: it has run once the document is parsed.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
