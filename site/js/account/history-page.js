// The history page: the signed-in part (the list, the filter, the charts) is the API's page (/api/pages/history),
// put into main; the filter and "Show older results" are forms that js/enhance.js posts the same way. Signed out, the
// page's own sign-in shows and nothing is asked of the API that would fail.
import { fetchPage, swapMain } from "../enhance.js";
import { apiUrl } from "../api.js";
import { signedInElseSignIn } from "./session.js";

if (await signedInElseSignIn()) {
  try {
    const { doc } = await fetchPage(apiUrl("/api/pages/history"));
    if (new URLSearchParams(location.search).has("deleted")) {
      // Back from deleting a saved result: say that it is gone (said first, in the status the page announces).
      const status = doc.getElementById("history-status");
      status?.prepend("The result was deleted. ");
    }
    swapMain(doc);
  } catch {
    document.querySelector("[data-status=unavailable]").hidden = false;
  }
}
document.body.dataset.ready = "true";
