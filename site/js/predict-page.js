// A disease page. Without JavaScript the static form posts urlencoded to the API (with each value's
// unit) and the server answers a page of the site. With it, the fields are rebuilt from the live schema,
// each value is read as typed (a decimal comma, the unit chosen) and checked here first (nothing is sent
// while a value is invalid), values in range but unusual together get a soft warning, the values are
// posted as JSON in the fields' own units, and the server's per-field problems are shown beside their fields.
import { ApiError, apiUrl, describe, getJson, postJson } from "./api.js";
import { toDom } from "./h.js";
import { warningsFor } from "./plausibility.js";
import { percentText } from "./risk-text.js";
import { showResult } from "./result-view.js";
import { controlsOf, formatNumber, readField, unitSelectOf, valuesOf } from "./validate.js";
import { fieldsView } from "./views.js";
import { prefill, saveQuery, showSaved } from "./account/prefill.js";

const form = document.getElementById("predict-form");
const disease = form.dataset.disease;
const fields = document.getElementById("fields");
const summary = document.getElementById("error-summary");
const status = document.getElementById("predict-status");
const result = document.getElementById("result");
const submit = form.querySelector("button[type=submit]");
const path = form.dataset.apiPath;
let schema = null;

form.noValidate = true;
form.action = apiUrl(path);

function setError(control, message) {
  const error = document.getElementById(`${control.id}-error`);
  error.replaceChildren();
  if (message) {
    const hidden = document.createElement("span");
    hidden.className = "visually-hidden";
    hidden.textContent = "Error: ";
    error.append(hidden, message);
  }
  error.hidden = !message;
  if (message) {
    control.setAttribute("aria-invalid", "true");
  } else {
    control.removeAttribute("aria-invalid");
  }
  describeBy(control);
  control.closest(".field").classList.toggle("has-error", Boolean(message));
}

/** Ties the control to its hint, its error and its warning, whichever are showing. */
function describeBy(control) {
  const ids = [`${control.id}-hint`, `${control.id}-error`, `${control.id}-warning`]
    .filter(id => id.endsWith("-hint") || !document.getElementById(id)?.hidden);
  control.setAttribute("aria-describedby", ids.join(" "));
}

/** Shows the errors beside their fields and in a summary that links to each; focuses the summary. */
function showErrors(byField, general = []) {
  const controls = controlsOf(form);
  const items = [];
  for (const [name, control] of controls) {
    const message = byField.get(name) ?? null;
    setError(control, message);
    if (message) {
      const link = document.createElement("a");
      link.href = `#${control.id}`;
      link.textContent = message;
      link.addEventListener("click", (event) => { event.preventDefault(); control.focus(); });
      items.push(link);
    }
  }
  const heading = document.createElement("h2");
  heading.textContent = "There is a problem";
  const list = document.createElement("ul");
  for (const item of [...general, ...items]) {
    const li = document.createElement("li");
    li.append(item);
    list.append(li);
  }
  summary.replaceChildren(heading, list);
  summary.setAttribute("role", "alert");
  summary.hidden = false;
  summary.focus();
}

function clearErrors() {
  for (const control of controlsOf(form).values()) {
    setError(control, null);
  }
  summary.hidden = true;
  summary.removeAttribute("role");
  summary.replaceChildren();
}

/** Server error keys are field names (snake_case, or camelCase from a JSON client). */
const normalise = (key) => key.replace(/_/g, "").toLowerCase();

/** The server's messages name the rule ("must be …") and other fields by wire name; labels make them a sentence. */
function sentence(label, message, controls) {
  let text = message;
  for (const [name, control] of [...controls].sort(([a], [b]) => b.length - a.length)) {
    const other = control.dataset.label;
    text = text.replaceAll(name, /^[A-Z][a-z]/.test(other) ? other[0].toLowerCase() + other.slice(1) : other);
  }
  return /^[a-z]/.test(text) ? `${label} ${text}` : text;
}

function serverErrors(problem) {
  const controls = controlsOf(form);
  const names = new Map([...controls.keys()].map(n => [normalise(n), n]));
  const byField = new Map();
  const general = [];
  for (const [key, messages] of Object.entries(problem?.errors ?? {})) {
    const name = names.get(normalise(key));
    const label = name ? controls.get(name).dataset.label : key;
    const text = [].concat(messages).map(m => sentence(label, m, controls)).join(" ");
    if (name) {
      byField.set(name, text);
    } else {
      general.push(text);
    }
  }
  return { byField, general };
}

let shownWarnings = new Set();

/** Shows the schema's soft checks beside their fields: never blocking, never changing a value unasked. */
function showWarnings() {
  const controls = controlsOf(form);
  const values = new Map([...controls].map(([name, control]) => [name, readField(control)]));
  const warnings = warningsFor(schema, name => (values.get(name)?.message ? NaN : values.get(name)?.value ?? NaN));
  for (const [name, control] of controls) {
    const slot = document.getElementById(`${control.id}-warning`);
    const warning = warnings.find(w => w.field === name);
    slot.replaceChildren();
    slot.hidden = !warning;
    if (warning) {
      const text = document.createElement("p");
      text.textContent = `Please check: ${warning.message}`;
      slot.append(text);
      if (warning.suggestion !== null) {
        const use = document.createElement("button");
        use.type = "button";
        use.className = "button secondary";
        use.textContent = `Use ${formatNumber(warning.suggestion)} ${control.dataset.unit ?? ""}`.trim();
        use.addEventListener("click", () => {
          control.value = formatNumber(warning.suggestion);
          const unit = unitSelectOf(control);
          if (unit) {
            unit.value = control.dataset.unit;
          }
          showWarnings();
          control.focus();
          status.textContent = `${control.dataset.label} is now ${formatNumber(warning.suggestion)} ${control.dataset.unit ?? ""}.`.replace(" .", ".");
        });
        const ask = document.createElement("p");
        ask.textContent = `Did you mean ${formatNumber(warning.suggestion)} ${control.dataset.unit ?? ""}?`.replace(" ?", "?");
        slot.append(ask, use);
      }
    }
    describeBy(control);
  }
  // A warning that has just appeared is said once on the status line; the slot is tied to its field.
  const fresh = warnings.find(w => !shownWarnings.has(w.field));
  if (fresh) {
    status.textContent = `Please check ${controls.get(fresh.field)?.dataset.label ?? fresh.field}: ${fresh.message}`;
  }
  shownWarnings = new Set(warnings.map(w => w.field));
}

/** What each value was typed as, for the result's table and the summary. */
const typedValues = () => new Map([...controlsOf(form)].map(([name, control]) => [name, readField(control)]));

async function onSubmit(event) {
  event.preventDefault();
  // A result belongs to the values it was computed from; hide it while they change.
  result.hidden = true;
  const problems = new Map();
  for (const [name, control] of controlsOf(form)) {
    const { message } = readField(control);
    if (message) {
      problems.set(name, message);
    }
  }
  if (problems.size > 0) {
    status.textContent = "";
    showErrors(problems);
    return;
  }
  clearErrors();
  submit.disabled = true;
  status.textContent = "Checking…";
  const typed = typedValues();
  try {
    const prediction = await postJson(path + saveQuery(), valuesOf(form));
    schema ??= await getJson(path).catch(() => null);
    status.textContent = `Result ready: ${prediction.category} risk, ${percentText(prediction.riskPercentage, prediction.category)}.`;
    showResult(result, prediction, { schema: schema ?? { disease, displayName: document.title, fields: [] }, typed, at: new Date() });
    showSaved(result, prediction);
  } catch (error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    status.textContent = "";
    const { byField, general } = serverErrors(error.problem);
    if (byField.size === 0 && general.length === 0) {
      general.push(describe(error));
    }
    showErrors(byField, general.map(text => document.createTextNode(text)));
  } finally {
    submit.disabled = false;
  }
}

/** Rebuilds the fields from the live schema, keeping anything already typed and every unit chosen. */
async function enhance() {
  try {
    schema = await getJson(path);
    const kept = new Map([...form.querySelectorAll("input, select")].filter(c => c.name).map(c => [c.name, c.value]));
    const focused = fields.contains(document.activeElement) ? document.activeElement.name : null;
    fields.replaceChildren(...fieldsView(schema).map(node => toDom(node)));
    for (const control of fields.querySelectorAll("input, select")) {
      if (kept.has(control.name)) {
        control.value = kept.get(control.name);
      }
      if (control.name === focused) {
        control.focus();
      }
    }
    showWarnings();
  } catch {
    // The static form carries the same rules; keep it when the schema cannot be fetched.
  }
  await prefill(form);
  form.dataset.ready = "true";
}

form.addEventListener("submit", onSubmit);
form.addEventListener("change", (event) => {
  const control = event.target.closest("[data-kind]") ?? form.querySelector(`[name="${event.target.dataset.unitFor}"]`);
  // Once a field has shown an error, re-check it as the person corrects it.
  if (control?.getAttribute("aria-invalid") === "true") {
    setError(control, readField(control).message);
  }
  showWarnings();
});
enhance();
