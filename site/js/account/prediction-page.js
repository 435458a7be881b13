// One saved result: the risk and what it is relative to, what moved it, the values it came from (labelled from the live schema), the advice, the
// suggestions saved with it (each can be marked read), a way to ask the assistant about it (the server
// reads the saved result itself), and delete.
import { describe, getJson, postJson } from "../api.js";
import { appendInline } from "../markdown.js";
import { navNames } from "../views.js";
import { signedInPart, sendJson } from "./session.js";
import { factorsView } from "../factors-view.js";
import { percentText, relativeTo } from "../risk-text.js";

const id = new URLSearchParams(location.search).get("id") ?? "";
const status = document.getElementById("saved-status");
const section = document.getElementById("saved-result");
const list = document.getElementById("suggestions-list");
const none = document.getElementById("suggestions-none");
const suggestionsStatus = document.getElementById("suggestions-status");
const getSuggestions = document.getElementById("get-suggestions");
const confirmBox = document.getElementById("delete-confirm");
const path = `/api/me/predictions/${encodeURIComponent(id)}`;

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = text;
  }
  if (className) {
    node.className = className;
  }
  return node;
}

function valueText(field, value) {
  if (value === null || value === undefined) {
    return "not measured";
  }
  const code = field?.codes?.find(c => c.value === value);
  return code ? code.label : `${value}${field?.unit ? ` ${field.unit}` : ""}`;
}

async function showResult(saved) {
  const p = saved.prediction;
  const name = navNames[p.disease] ?? p.disease;
  document.getElementById("saved-title").textContent = `${name}: saved result`;
  document.title = `${name}: saved result · HealthOracle`;
  let schema = null;
  try {
    schema = await getJson(`/api/predict/${p.disease}`);
  } catch {
    // Field names stand in for labels.
  }
  const fields = new Map((schema?.fields ?? []).map(f => [f.name, f]));
  const values = el("table", undefined, "values");
  const body = el("tbody");
  for (const [name, value] of Object.entries(p.inputs ?? {})) {
    const tr = el("tr");
    const th = el("th", fields.get(name)?.label ?? name);
    th.scope = "row";
    tr.append(th, el("td", valueText(fields.get(name), value)));
    body.append(tr);
  }
  values.append(body);
  const advice = el("ul", undefined, "advice");
  advice.append(...(p.advice ?? []).map(a => el("li", a)));
  section.className = `result risk-${String(p.category).toLowerCase()}`;
  const figure = el("p", undefined, "risk-figure");
  figure.append(el("span", percentText(p.riskPercentage, p.category), "risk-percent"), el("span", p.category, "badge"));
  section.replaceChildren(
    el("p", `Saved ${new Date(saved.savedAt).toLocaleString(undefined, { dateStyle: "long", timeStyle: "short" })}`, "saved-when"),
    figure,
    el("p", relativeTo(schema ?? { displayName: name }, p), "relative-to"),
    p.model?.notice ? el("p", p.model.notice, "notice") : "",
    el("h2", "What you can do"), advice,
    // Saved with its explanation (the factors of the model version that answered then).
    factorsView(p, fields) ?? "",
    el("h2", "Values used"), values,
    el("p", `Model: ${p.model?.name}, version ${p.model?.version}`, "model-line"),
    el("p", p.disclaimer ?? "", "disclaimer"));
}

function showSuggestions(suggestions) {
  list.replaceChildren(...suggestions.map(s => {
    const item = el("li");
    item.dataset.id = s.id;
    const box = el("input");
    box.type = "checkbox";
    box.id = `read-${s.id}`;
    box.checked = s.read;
    const label = el("label");
    label.htmlFor = box.id;
    appendInline(label, s.text);
    item.classList.toggle("read", s.read);
    box.addEventListener("change", async () => {
      box.disabled = true;
      try {
        const updated = await sendJson("PATCH", `${path}/suggestions/${s.id}`, { read: box.checked });
        item.classList.toggle("read", updated.read);
        suggestionsStatus.textContent = updated.read ? "Marked as read." : "Marked as not read.";
      } catch (error) {
        box.checked = !box.checked;
        suggestionsStatus.textContent = describe(error);
      } finally {
        box.disabled = false;
      }
    });
    item.append(box, label);
    return item;
  }));
  none.hidden = suggestions.length > 0;
  const unread = suggestions.filter(s => !s.read).length;
  list.setAttribute("aria-label", `${suggestions.length} suggestions, ${unread} not read yet; tick one when you have read it`);
}

async function requestSuggestions() {
  getSuggestions.disabled = true;
  suggestionsStatus.textContent = "Asking the assistant for suggestions…";
  try {
    const reply = await postJson("/api/chat/suggestions", { predictionId: id });
    if (reply.history?.saved) {
      showSuggestions((await getJson(path)).suggestions);
      suggestionsStatus.textContent = `${reply.suggestions.length} suggestions saved with this result.`;
    } else {
      showSuggestions(reply.suggestions.map((text, i) => ({ id: String(i).padStart(2, "0"), text, read: false })));
      suggestionsStatus.textContent = `Not saved: ${reply.history?.reason ?? "unknown reason"}`;
    }
  } catch (error) {
    suggestionsStatus.textContent = describe(error);
  } finally {
    getSuggestions.disabled = false;
  }
}

async function remove() {
  status.textContent = "Deleting…";
  try {
    await sendJson("DELETE", path);
    location.href = "history.html?deleted=1";
  } catch (error) {
    status.textContent = describe(error);
  }
}

if (await signedInPart(status)) {
  try {
    const saved = await getJson(path);
    await showResult(saved);
    showSuggestions(saved.suggestions);
    document.getElementById("ask-assistant").href = `chat.html?prediction=${encodeURIComponent(id)}`;
    getSuggestions.addEventListener("click", requestSuggestions);
    document.getElementById("delete-prediction").addEventListener("click", () => {
      confirmBox.hidden = false;
      document.getElementById("delete-no").focus();
    });
    document.getElementById("delete-no").addEventListener("click", () => { confirmBox.hidden = true; });
    document.getElementById("delete-yes").addEventListener("click", remove);
  } catch (error) {
    status.textContent = error.status === 404 ? "There is no such result in your history." : describe(error);
    document.getElementById("signed-in").hidden = true;
  }
}
document.body.dataset.ready = "true";
