// One saved result (prediction.html?id=…): the API's page (/api/pages/predictions/{id}) put into main; here only
// marking a suggestion read and deleting the result (the JSON routes of /api/me/predictions). Signed out, the page's
// own sign-in shows and nothing is asked of the API that would fail.
import { fetchPage, swapMain } from "../enhance.js";
import { apiUrl } from "../api.js";
import { sendJson, signedInElseSignIn } from "./session.js";
import { unitSystem } from "../units.js";

const id = new URLSearchParams(location.search).get("id") ?? "";
const path = `/api/me/predictions/${encodeURIComponent(id)}`;

document.addEventListener("change", async (event) => {
  const box = event.target.closest("input[data-suggestion]");
  if (!box) {
    return;
  }
  const status = document.getElementById("suggestions-status");
  const result = await sendJson("PATCH", `${path}/suggestions/${encodeURIComponent(box.dataset.suggestion)}`, { read: box.checked })
    .catch(() => ({ ok: false }));
  if (result.ok) {
    status.textContent = box.checked ? "Marked as read." : "Marked as not read.";
  } else {
    box.checked = !box.checked;
    status.textContent = "That could not be saved. Please try again.";
  }
});

document.addEventListener("click", async (event) => {
  const confirmBox = document.getElementById("delete-confirm");
  switch (event.target.id) {
    case "delete-prediction":
      confirmBox.hidden = false;
      document.getElementById("delete-no").focus();
      break;
    case "delete-no":
      confirmBox.hidden = true;
      document.getElementById("delete-prediction").focus();
      break;
    case "delete-yes": {
      const result = await sendJson("DELETE", path).catch(() => ({ ok: false }));
      if (result.ok) {
        location.href = "history.html?deleted=1";
      } else {
        document.getElementById("saved-status").textContent = "The result could not be deleted. Please try again.";
      }
      break;
    }
  }
});

if (await signedInElseSignIn()) {
  try {
    // Each value in the unit it was typed in (kept with the result); a result saved before the units were kept, in the
    // unit system the person reads their lab values in (remembered by the forms).
    swapMain((await fetchPage(apiUrl(`/api/pages/predictions/${encodeURIComponent(id)}?units=${unitSystem()}`))).doc);
  } catch {
    document.querySelector("[data-status=unavailable]").hidden = false;
  }
}
document.body.dataset.ready = "true";
