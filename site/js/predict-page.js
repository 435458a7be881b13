// A disease page. Without JavaScript the static form posts urlencoded to the API and the server
// answers an HTML result page. With it, the fields are rebuilt from the live schema, checked here
// first (nothing is sent while a value is invalid), posted as JSON, and the server's per-field
// problems are shown beside their fields.
import { ApiError, apiUrl, describe, getJson, postJson } from "./api.js";
import { toDom } from "./h.js";
import { showResult } from "./result-view.js";
import { checkField, controlsOf, valuesOf } from "./validate.js";
import { fieldsView } from "./views.js";
import { prefill, saveQuery, showSaved } from "./account/prefill.js";

const form = document.getElementById("predict-form");
const disease = form.dataset.disease;
const fields = document.getElementById("fields");
const summary = document.getElementById("error-summary");
const status = document.getElementById("predict-status");
const result = document.getElementById("result");
const submit = form.querySelector("button[type=submit]");
const path = `/api/predict/${disease}`;

form.noValidate = true;
form.action = apiUrl(path);

function setError(control, message) {
  const error = document.getElementById(`${control.id}-error`);
  const hint = `${control.id}-hint`;
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
  control.setAttribute("aria-describedby", message ? `${hint} ${error.id}` : hint);
  control.closest(".field").classList.toggle("has-error", Boolean(message));
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
  for (const [name, control] of controls) {
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

async function onSubmit(event) {
  event.preventDefault();
  // A result belongs to the values it was computed from; hide it while they change.
  result.hidden = true;
  const problems = new Map();
  for (const [name, control] of controlsOf(form)) {
    const message = checkField(control);
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
  try {
    const prediction = await postJson(path + saveQuery(), valuesOf(form));
    status.textContent = `Result ready: ${prediction.category} risk, ${prediction.riskPercentage}%.`;
    showResult(result, prediction);
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

/** Rebuilds the fields from the live schema, keeping anything already typed. */
async function enhance() {
  try {
    const schema = await getJson(path);
    const typed = new Map([...controlsOf(form)].map(([name, c]) => [name, c.value]));
    const focused = fields.contains(document.activeElement) ? document.activeElement.name : null;
    fields.replaceChildren(...fieldsView(schema).map(node => toDom(node)));
    for (const [name, control] of controlsOf(form)) {
      control.value = typed.get(name) ?? "";
      if (name === focused) {
        control.focus();
      }
    }
  } catch {
    // The static form carries the same rules; keep it when the schema cannot be fetched.
  }
  await prefill(form);
  form.dataset.ready = "true";
}

form.addEventListener("submit", onSubmit);
// Once a field has shown an error, re-check it as the person corrects it.
form.addEventListener("change", (event) => {
  const control = event.target.closest("[data-kind]");
  if (control?.getAttribute("aria-invalid") === "true") {
    setError(control, checkField(control));
  }
});
enhance();
