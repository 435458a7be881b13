// What-if: for each input a person can change, a control set to their value; moving it re-asks the API
// (POST /api/predict/{disease}/what-if, debounced, the previous request cancelled) and shows the new
// estimate beside the one of the result. Sliders and selects are native controls, so they work by keyboard
// (arrows, Page Up/Down, Home/End), and the new estimate is announced in a polite live region.
import { describe, postJson } from "./api.js";
import { describeValue, loadExplainStyles, points } from "./factors-view.js";
import { percentText } from "./risk-text.js";
import { el } from "./dom.js";

export const debounceMilliseconds = 350;

/** A slider step that gives a few hundred positions at most, in the field's own precision. */
function stepOf(field) {
  if (field.type === "integer") {
    return 1;
  }
  const span = field.max - field.min;
  return span > 100 ? 1 : 0.1;
}

function control(field, value, id) {
  if (field.type === "code") {
    const select = el("select", { id, name: field.name });
    for (const code of field.codes) {
      const option = el("option", { value: String(code.value), text: code.label });
      option.selected = code.value === value;
      select.append(option);
    }
    return select;
  }
  const step = stepOf(field);
  return el("input", {
    id, name: field.name, type: "range", min: String(field.min), max: String(field.max), step: String(step),
    value: String(value), "aria-valuetext": describeValue(field, value),
  });
}

/**
 * The what-if panel: the answer's own "at the healthy target" results as text, then one control per
 * changeable input the person gave. `schema` is the disease's published schema.
 */
export function whatIfView(prediction, schema) {
  const changeable = (schema?.fields ?? []).filter(f => f.changeable && prediction.inputs?.[f.name] !== null && prediction.inputs?.[f.name] !== undefined);
  if (changeable.length === 0 && !(prediction.whatIf?.length > 0)) {
    return null;
  }
  loadExplainStyles();
  const fields = new Map((schema?.fields ?? []).map(f => [f.name, f]));
  const section = el("section", { class: "what-if", "aria-labelledby": "what-if-heading" },
    el("h3", { id: "what-if-heading", text: "What if a value changed?" }));
  if (prediction.whatIf?.length > 0) {
    const list = el("ul", { class: "what-if-targets" });
    for (const answer of prediction.whatIf) {
      const field = fields.get(answer.field);
      list.append(el("li", { "data-field": answer.field },
        el("strong", { text: answer.label }),
        ` at its healthy target (${describeValue(field, answer.value)} → ${describeValue(field, answer.target)}): estimate ${percentText(answer.riskPercentage)} (${points(answer.difference)})`));
    }
    section.append(el("p", { text: "If one value were at its healthy target, the others unchanged:" }), list);
  }
  if (changeable.length === 0) {
    return section;
  }

  const changes = new Map();
  const outcome = el("p", { class: "what-if-outcome", role: "status", "aria-live": "polite" });
  const reset = el("button", { type: "button", class: "button secondary", text: "Back to your values", disabled: "" });
  const controls = el("div", { class: "what-if-controls" });
  let timer = null;
  let inFlight = null;

  async function ask() {
    inFlight?.abort();
    if (changes.size === 0) {
      outcome.textContent = "";
      return;
    }
    const request = new AbortController();
    inFlight = request;
    outcome.textContent = "Asking the model…";
    try {
      const answer = await postJson(`/api/predict/${prediction.disease}/what-if`,
        { patient: prediction.inputs, changes: Object.fromEntries(changes) }, request.signal);
      if (inFlight !== request) {
        return;
      }
      outcome.replaceChildren(
        el("span", { class: "what-if-new", text: percentText(answer.after.riskPercentage, answer.after.category) }),
        ` (${answer.after.category}) instead of ${percentText(answer.before.riskPercentage, answer.before.category)}: ${points(answer.difference)}.`);
      outcome.dataset.risk = String(answer.after.riskPercentage);
    } catch (error) {
      if (error.name !== "AbortError" && inFlight === request) {
        outcome.textContent = describe(error);
      }
    }
  }

  function changed(field, input) {
    const value = Number(input.value);
    if (input.type === "range") {
      input.setAttribute("aria-valuetext", describeValue(field, value));
      input.closest(".what-if-field").querySelector("output").textContent = describeValue(field, value);
    }
    if (value === prediction.inputs[field.name]) {
      changes.delete(field.name);
    } else {
      changes.set(field.name, value);
    }
    reset.disabled = changes.size === 0;
    clearTimeout(timer);
    timer = setTimeout(ask, debounceMilliseconds);
  }

  for (const field of changeable) {
    const id = `what-if-${field.name}`;
    const value = prediction.inputs[field.name];
    const input = control(field, value, id);
    const target = field.target ? `Healthy: ${describeValue(field, field.target.low)}–${describeValue(field, field.target.high)}.` : "";
    input.setAttribute("aria-describedby", `${id}-hint`);
    input.addEventListener("input", () => changed(field, input));
    input.addEventListener("change", () => changed(field, input));
    controls.append(el("div", { class: "what-if-field", "data-field": field.name },
      el("label", { for: id, text: field.label }),
      input.type === "range" ? el("output", { for: id, text: describeValue(field, value) }) : "",
      el("p", { class: "hint", id: `${id}-hint`, text: `Yours: ${describeValue(field, value)}. ${target}` }),
      input));
  }
  reset.addEventListener("click", () => {
    for (const field of changeable) {
      const input = controls.querySelector(`[name="${field.name}"]`);
      input.value = String(prediction.inputs[field.name]);
      if (input.type === "range") {
        input.setAttribute("aria-valuetext", describeValue(field, prediction.inputs[field.name]));
        input.closest(".what-if-field").querySelector("output").textContent = describeValue(field, prediction.inputs[field.name]);
      }
    }
    changes.clear();
    reset.disabled = true;
    clearTimeout(timer);
    ask();
  });
  section.append(
    el("p", { text: "Move a value to see the model's estimate with it changed and the others held." }),
    controls, outcome, el("div", { class: "actions" }, reset),
    el("p", { class: "factors-note", text: prediction.whatIfNote ?? "A what-if shows an association in a statistical model, not what a treatment would do." }));
  return section;
}
