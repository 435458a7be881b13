// The result of one prediction: a bar coloured by category, the percentage, the advice, the model
// and the disclaimer, and the ways on to the assistant. Built with DOM nodes and textContent only.
import { describe, postJson } from "./api.js";
import { showExplanation } from "./explain-view.js";
import { appendInline } from "./markdown.js";

export const predictionKey = "healthoracle.prediction";

function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name === "text") {
      node.textContent = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  node.append(...children);
  return node;
}

function gauge(percentage, category) {
  const fill = el("span", { class: "gauge-fill" });
  fill.style.width = `${Math.min(100, Math.max(0, percentage))}%`;
  const marks = [0, 30, 60, 100].map(v => {
    const mark = el("span", { text: String(v) });
    mark.style.left = `${v}%`;
    return mark;
  });
  return el("div", {
    class: "gauge", role: "img",
    "aria-label": `${percentage}% on a scale from 0 to 100, where below 30 is low, 30 to 60 is moderate and above 60 is high: ${category}.`,
  }, el("div", { class: "gauge-track" }, fill), el("div", { class: "gauge-scale", "aria-hidden": "true" }, ...marks));
}

function modelLine(model) {
  const sha = model.sha256 ? `, SHA-256 ${model.sha256.slice(0, 12)}…` : "";
  return el("p", { class: "model-line", text: `Model: ${model.name}, version ${model.version}${sha}` });
}

async function loadSuggestions(prediction, button, target) {
  button.disabled = true;
  target.replaceChildren(el("p", { class: "status", text: "Asking the assistant for suggestions…" }));
  try {
    const { suggestions } = await postJson("/api/chat/suggestions", { prediction });
    const list = el("ul", { class: "suggestions" });
    for (const suggestion of suggestions) {
      const item = el("li");
      appendInline(item, suggestion);
      list.append(item);
    }
    target.replaceChildren(el("h3", { text: "Suggestions" }), list);
  } catch (error) {
    target.replaceChildren(el("p", { class: "error-message", role: "alert", text: describe(error) }));
  } finally {
    button.disabled = false;
  }
}

/** Fills the result section and moves focus to its heading. */
export function showResult(section, prediction) {
  const category = String(prediction.category);
  const suggestions = el("div", { class: "suggestions-area", "aria-live": "polite" });
  const ask = el("button", { type: "button", class: "button", text: "Ask the assistant about this result" });
  const suggest = el("button", { type: "button", class: "button secondary", text: "Get suggestions" });
  ask.addEventListener("click", () => {
    // Session storage lasts only as long as this tab; nothing is kept after it closes.
    sessionStorage.setItem(predictionKey, JSON.stringify(prediction));
    location.href = "chat.html?about=result";
  });
  suggest.addEventListener("click", () => loadSuggestions(prediction, suggest, suggestions));

  const notice = prediction.model?.synthetic || prediction.model?.notice
    ? el("p", { class: "notice", role: "note" }, el("strong", { text: prediction.model.notice ?? "Demonstration only: this model was trained on synthetic data." }))
    : "";
  const explanation = el("div", { class: "explanation" });
  section.className = `result risk-${category.toLowerCase()}`;
  section.replaceChildren(
    el("h2", { id: "result-heading", tabindex: "-1", text: `Result: ${category} risk` }),
    el("p", { class: "risk-figure" },
      el("span", { class: "risk-percent", text: `${prediction.riskPercentage}%` }),
      el("span", { class: "badge", text: category })),
    gauge(prediction.riskPercentage, category),
    notice,
    explanation,
    el("h3", { text: "What you can do" }),
    el("ul", { class: "advice" }, ...(prediction.advice ?? []).map(a => el("li", { text: a }))),
    el("p", { class: "disclaimer" }, el("strong", { text: "Not a diagnosis. " }), prediction.disclaimer ?? ""),
    modelLine(prediction.model ?? {}),
    el("div", { class: "actions" }, ask, suggest),
    suggestions);
  section.hidden = false;
  section.querySelector("h2").focus();
  showExplanation(explanation, prediction);
}
