// The assistant asked about a saved result (chat.html?prediction=<id>): the page sends only the id and
// the server reads the saved result itself.
import { describe, getJson } from "../api.js";
import { navNames } from "../views.js";
import { percentText } from "../risk-text.js";

export const savedPredictionId = () => new URLSearchParams(location.search).get("prediction");

/** Describes the saved result in the context box; answers false when it cannot be read. */
export async function showSavedContext(box, id) {
  const text = document.createElement("p");
  box.replaceChildren(text);
  box.hidden = false;
  try {
    const saved = await getJson(`/api/me/predictions/${encodeURIComponent(id)}`);
    const p = saved.prediction;
    text.textContent = `The assistant can see your saved ${navNames[p.disease] ?? p.disease} result of `
      + `${new Date(saved.savedAt).toLocaleDateString()}: ${percentText(p.riskPercentage, p.category)}, ${p.category} risk, and the values it came from.`;
    return true;
  } catch (error) {
    text.textContent = error.status === 404 ? "That saved result is not in your history." : describe(error);
    return false;
  }
}
