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

// The bundle is a deferred classic script: it has run once the document is parsed.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
