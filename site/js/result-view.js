// The result of one prediction: the whole percentage and a bar coloured by category, what it is
// relative to, any values worth a second look, the advice, the values used (in the units typed), the
// date, the model and the disclaimer, and the ways to keep it (print, a summary for a doctor) and to go
// on to the assistant. Built with DOM nodes and textContent only.
//
// Other features add their own sections under the advice without touching this file:
//   import { resultSections } from "./result-view.js";
//   resultSections.push((prediction, context) => node);   // a Node, or null to add nothing
// context is { schema, typed, at } as below. Sections are appended in the order they were pushed.
import { chatConfigured, chatNotConfiguredText, describe, postJson } from "./api.js";
import { showExplanation } from "./explain-view.js";
import { appendInline } from "./markdown.js";
import { percentText, relativeTo } from "./risk-text.js";
import { formatNumber } from "./validate.js";
import { el } from "./dom.js";

export const predictionKey = "healthoracle.prediction";

/** Section builders other modules register: (prediction, context) => Node | null. */
export const resultSections = [];

function gauge(percentage, category, text) {
  const fill = el("span", { class: "gauge-fill" });
  fill.style.width = `${Math.min(100, Math.max(0, percentage))}%`;
  const marks = [0, 30, 60, 100].map(v => {
    const mark = el("span", { text: String(v) });
    mark.style.left = `${v}%`;
    return mark;
  });
  return el("div", {
    class: "gauge", role: "img",
    "aria-label": `${text} on a scale from 0 to 100, where below 30 is low, 30 to 60 is moderate and above 60 is high: ${category}.`,
  }, el("div", { class: "gauge-track" }, fill), el("div", { class: "gauge-scale", "aria-hidden": "true" }, ...marks));
}

const dateText = (at) => at.toLocaleString("en-GB", { day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });

/** One value as the person typed it, with the field's own unit beside it when they typed another. */
export function valueText(field, value, typed) {
  if (value === null || value === undefined) {
    return field.zeroMeansNotMeasured ? "not measured" : "not given";
  }
  const code = field.codes?.find(c => c.value === value);
  if (code) {
    return code.label;
  }
  const own = `${formatNumber(value)}${field.unit ? ` ${field.unit}` : ""}`;
  return typed && !typed.own ? `${typed.text} ${typed.unit} (${own})` : own;
}

function valuesTable(prediction, schema, typed) {
  const rows = schema.fields.map(field =>
    el("tr", null, el("th", { scope: "row", text: field.label }), el("td", { text: valueText(field, prediction.inputs?.[field.name], typed?.get(field.name)) })));
  return el("table", { class: "values-used" }, el("tbody", null, ...rows));
}

function warningsList(prediction, schema) {
  const warnings = prediction.warnings ?? [];
  if (warnings.length === 0) {
    return [];
  }
  const items = warnings.map(w => {
    const field = schema.fields.find(f => f.name === w.field);
    const suggestion = w.suggestion !== null && w.suggestion !== undefined ? ` Did you mean ${formatNumber(w.suggestion)} ${field?.unit ?? ""}?` : "";
    return el("li", null, el("strong", { text: `${field?.label ?? w.field}: ` }), `${w.message}${suggestion}`);
  });
  return [el("h3", { text: "Please check these values" }), el("ul", { class: "warnings" }, ...items)];
}

/** The plain-text summary a person can paste into a message or hand to a doctor. */
export function summaryText(prediction, schema, typed, at) {
  const lines = [
    `HealthOracle: ${schema.displayName} risk estimate, ${dateText(at)}`,
    `Estimated risk: ${percentText(prediction.riskPercentage, prediction.category)} (${prediction.category})`,
    relativeTo(schema, prediction),
    ...(prediction.warnings ?? []).map(w => `Check: ${schema.fields.find(f => f.name === w.field)?.label ?? w.field}: ${w.message}`),
    "",
    "Values used:",
    ...schema.fields.map(f => `- ${f.label}: ${valueText(f, prediction.inputs?.[f.name], typed?.get(f.name))}`),
    "",
    `Model: ${prediction.model?.name}, version ${prediction.model?.version}`,
    prediction.disclaimer ?? "",
  ];
  return lines.join("\n").trim();
}

async function copySummary(text, button, target) {
  try {
    await navigator.clipboard.writeText(text);
    target.replaceChildren(el("p", { class: "status", text: "Summary copied. Paste it into a message or a document for your doctor." }));
  } catch {
    // No clipboard (permissions, an older browser): show the text, selected, to copy by hand.
    const area = el("textarea", { id: "summary-text", rows: 12, readonly: "", "aria-describedby": "summary-hint" });
    area.value = text;
    target.replaceChildren(
      el("label", { for: "summary-text", text: "Summary for your doctor" }),
      el("p", { class: "hint", id: "summary-hint", text: "Copying was not allowed here: select the text and copy it." }),
      area);
    area.focus();
    area.select();
  }
  button.blur();
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

/** The assistant's buttons, or a plain note when this deployment has no assistant. */
function assistantActions(prediction) {
  const area = el("div", { class: "assistant-actions" });
  const suggestions = el("div", { class: "suggestions-area", "aria-live": "polite" });
  const ask = el("button", { type: "button", class: "button", text: "Ask the assistant about this result" });
  const suggest = el("button", { type: "button", class: "button secondary", text: "Get suggestions" });
  ask.addEventListener("click", () => {
    // Session storage lasts only as long as this tab; nothing is kept after it closes.
    sessionStorage.setItem(predictionKey, JSON.stringify(prediction));
    location.href = "chat.html?about=result";
  });
  suggest.addEventListener("click", () => loadSuggestions(prediction, suggest, suggestions));
  area.append(el("div", { class: "actions" }, ask, suggest), suggestions);
  chatConfigured().then(configured => {
    if (configured === false) {
      area.replaceChildren(el("p", { class: "note", text: `${chatNotConfiguredText} There are no suggestions or questions about this result here.` }));
    }
  });
  return area;
}

/**
 * Fills the result section and moves focus to its heading. context: { schema } (the live schema, for
 * labels, units and population), typed (Map of field name → { text, unit, own } as typed) and at (a Date).
 */
export function showResult(section, prediction, context) {
  const { schema, typed } = context;
  const at = context.at ?? new Date();
  const category = String(prediction.category);
  const text = percentText(prediction.riskPercentage, category);
  const keep = el("div", { class: "keep-area", "aria-live": "polite" });
  const print = el("button", { type: "button", class: "button secondary", text: "Print this result" });
  const copy = el("button", { type: "button", class: "button secondary", text: "Copy a summary for my doctor" });
  print.addEventListener("click", () => window.print());
  copy.addEventListener("click", () => copySummary(summaryText(prediction, schema, typed, at), copy, keep));

  const notice = prediction.model?.synthetic || prediction.model?.notice
    ? el("p", { class: "notice", role: "note" }, el("strong", { text: prediction.model.notice ?? "Demonstration only: this model was trained on synthetic data." }))
    : "";
  const extra = el("div", { class: "result-sections" });
  for (const section of resultSections) {
    const node = section(prediction, { schema, typed, at });
    if (node) {
      extra.append(node);
    }
  }
  const card = el("a", { href: `model-${schema.disease}.html`, text: "How this model was made" });
  const explanation = el("div", { class: "explanation" });
  section.className = `result risk-${category.toLowerCase()}`;
  section.replaceChildren(
    el("h2", { id: "result-heading", tabindex: "-1", text: `Result: ${category} risk` }),
    el("p", { class: "risk-figure" },
      el("span", { class: "risk-percent", text }),
      el("span", { class: "badge", text: category })),
    gauge(prediction.riskPercentage, category, text),
    el("p", { class: "relative-to population", text: relativeTo(schema, prediction) }),
    notice,
    ...warningsList(prediction, schema),
    explanation,
    el("h3", { text: "What you can do" }),
    el("ul", { class: "advice" }, ...(prediction.advice ?? []).map(a => el("li", { text: a }))),
    extra,
    el("h3", { text: "Values used" }),
    valuesTable(prediction, schema, typed),
    el("p", { class: "model-line" },
      `Estimated on ${dateText(at)} by the model ${prediction.model?.name}, version ${prediction.model?.version}. `, card, "."),
    el("p", { class: "disclaimer" }, el("strong", { text: "Not a diagnosis. " }), prediction.disclaimer ?? ""),
    el("div", { class: "actions keep" }, print, copy),
    keep,
    assistantActions(prediction));
  section.hidden = false;
  section.querySelector("h2").focus();
  showExplanation(explanation, prediction);
}
