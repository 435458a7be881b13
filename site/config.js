// The one place the site learns where the API lives.
//
// "" means "same origin": the site is served by the same host as the API (DevHost on
// http://127.0.0.1:7071 serves both, as does a Functions app or a reverse proxy). When the site is
// hosted elsewhere (a storage account, Static Web Apps), put the API's origin here, with no trailing
// slash, e.g. "https://func-healthoracle.azurewebsites.net", and allow the site's origin in the
// Functions host's CORS settings.
//
// The forms also work with JavaScript off; their action attributes are rendered from this value,
// so after changing it run: node site/tools/render-pages.mjs
export const apiBase = globalThis.location?.protocol === "file:" ? "http://127.0.0.1:7071" : "";
