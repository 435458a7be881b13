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
    plugins: [() => ({ wrapComponents: { ServersContainer: () => () => null } }), pageLayout],
    layout: "PageLayout",
    defaultModelsExpandDepth: 0,
    docExpansion: "list",
    onComplete: () => { status.textContent = ""; },
  });
}

// Swagger UI's own layout puts its operations in a <main>, inside this page's main (a page has one main landmark, and
// it is not inside another). This layout is Swagger UI's, with that element a plain one: the information, then the
// operations and the schemas. Its tag headings (h3) follow this page's h1, so they are level 2 here, and the
// headings under them one level lower; redone whenever the viewer draws again (it re-renders as sections open).
const pageLayout = (system) => {
  const h = system.React.createElement;
  return {
    components: {
      PageLayout: (props) => {
        const get = props.getComponent;
        const status = props.specSelectors.loadingStatus();
        if (status !== "success") {
          return h("div", { className: "swagger-ui" }, h("p", null, status === "loading" ? "Loading…" : "The reference could not be loaded."));
        }
        const [Row, Col, Info, Operations, Models, Errors, SvgAssets] =
          ["Row", "Col", "InfoContainer", "operations", "Models", "errors", "SvgAssets"].map(name => get(name, !["Row", "Col", "SvgAssets"].includes(name)));
        const row = (child, className) => h(Row, { className }, h(Col, { mobile: 12, desktop: 12 }, h(child)));
        return h("div", { className: "swagger-ui" }, h(SvgAssets), h(Errors),
          row(Info, "information-container"), h("div", { id: "operations" }, row(Operations), row(Models)));
      },
    },
  };
};

function fitIntoThePage(root) {
  root.querySelectorAll("h3.opblock-tag:not([aria-level])").forEach(heading => heading.setAttribute("aria-level", "2"));
  root.querySelectorAll("h4:not([aria-level])").forEach(heading => heading.setAttribute("aria-level", "3"));
}
const reference = document.getElementById("api-reference");
new MutationObserver(() => fitIntoThePage(reference)).observe(reference, { childList: true, subtree: true });

// The bundle is a deferred classic script: it has run once the document is parsed.
if (document.readyState === "loading") {
  document.addEventListener("DOMContentLoaded", start);
} else {
  start();
}
