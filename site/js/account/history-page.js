// The history page: the signed-in part (the list, the filter, the charts) is the API's page (/api/pages/history),
// put into main; the filter and "Show older results" are forms that js/enhance.js posts the same way.
import { fetchPage, swapMain } from "../enhance.js";
import { apiUrl } from "../api.js";

try {
  swapMain((await fetchPage(apiUrl("/api/pages/history"))).doc);
} catch {
  document.querySelector("[data-status=unavailable]").hidden = false;
}
document.body.dataset.ready = "true";
