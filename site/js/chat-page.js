// The assistant. Replies stream over server-sent events from POST /api/chat; the conversation lives
// in this page and is sent back with each question. Model text is rendered by markdown.js as text
// nodes only.
import { ApiError, apiUrl, chatConfigured, chatNotConfiguredText, chatNotConfiguredTitle, describe, toApiError } from "./api.js";
import { renderMarkdown } from "./markdown.js";
import { predictionKey } from "./result-view.js";
import { percentText } from "./risk-text.js";
import { readEvents } from "./sse.js";
import { savedPredictionId, showSavedContext } from "./account/saved-chat.js";

// The server's bounds (Functions/Chat/ChatLimits.cs): 20 turns, 16 KB of history.
const maxHistoryTurns = 20;
const maxHistoryBytes = 15 * 1024;
const log = document.getElementById("chat-log");
const logRegion = document.getElementById("chat-log-region");
const errorLine = document.getElementById("chat-error");
const unavailable = document.getElementById("chat-unavailable");
const form = document.getElementById("chat-form");
const input = document.getElementById("chat-message");
const status = document.getElementById("chat-status");
const send = form.querySelector("button[type=submit]");
const contextBox = document.getElementById("chat-context");

const history = [];
let prediction = null;
// chat.html?prediction=<id>: a result saved to the person's history, read by the server from its id.
const savedId = savedPredictionId();

const finishNotes = {
  SAFETY: "The assistant stopped this reply because it may have touched on unsafe content. Try asking in a different way, or talk to a health professional.",
  MAX_TOKENS: "The reply was cut short because it reached its length limit.",
  RECITATION: "The assistant stopped this reply because it repeated a source too closely.",
  BLOCKLIST: "The assistant stopped this reply because of a blocked term.",
  PROHIBITED_CONTENT: "The assistant stopped this reply because of prohibited content.",
};

function addMessage(role, text) {
  const item = document.createElement("li");
  item.className = `message ${role}`;
  const who = document.createElement("p");
  who.className = "who";
  who.textContent = role === "user" ? "You" : "Assistant";
  const body = document.createElement("div");
  body.className = "body";
  if (role === "user") {
    body.textContent = text;
  } else {
    renderMarkdown(body, text);
  }
  item.append(who, body);
  log.append(item);
  item.scrollIntoView({ block: "nearest" });
  return { item, body };
}

function addNote(item, text, kind) {
  const note = document.createElement("p");
  note.className = kind;
  note.textContent = text;
  item.append(note);
}

function showContext() {
  const stored = sessionStorage.getItem(predictionKey);
  if (!stored || !new URLSearchParams(location.search).has("about")) {
    return;
  }
  prediction = JSON.parse(stored);
  const text = document.createElement("p");
  text.textContent = `The assistant can see your ${prediction.disease} result: ${percentText(prediction.riskPercentage, prediction.category)}, ${prediction.category} risk, and the values you entered.`;
  const forget = document.createElement("button");
  forget.type = "button";
  forget.className = "button secondary";
  forget.textContent = "Stop sharing this result";
  forget.addEventListener("click", () => {
    prediction = null;
    sessionStorage.removeItem(predictionKey);
    contextBox.hidden = true;
    input.focus();
    status.textContent = "The result is no longer shared with the assistant.";
  });
  contextBox.replaceChildren(text, forget);
  contextBox.hidden = false;
  input.placeholder = "For example: what does this result mean?";
}

/** The most recent turns that fit the server's bounds, oldest first. */
function recentHistory() {
  const recent = history.slice(-maxHistoryTurns);
  const size = () => new TextEncoder().encode(JSON.stringify(recent)).length;
  while (recent.length > 0 && size() > maxHistoryBytes) {
    recent.splice(0, 2);
  }
  return recent;
}

/** What the assistant needs of a result: the disease, the risk, the inputs and the model. */
function predictionContext() {
  if (!prediction) {
    return undefined;
  }
  const { disease, probability, riskPercentage, category, inputs, model } = prediction;
  return { disease, probability, riskPercentage, category, inputs, model: model && { name: model.name, version: model.version } };
}

/** Streams one reply into the log; returns its text, finish reason and any note from the server. */
async function stream(message, target) {
  const response = await fetch(apiUrl("/api/chat"), {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "text/event-stream" },
    credentials: "include",
    body: JSON.stringify({ message, history: recentHistory(), ...(savedId ? { predictionId: savedId } : { prediction: predictionContext() }) }),
  }).catch(() => { throw new ApiError(0, null, null); });
  if (!response.ok) {
    throw await toApiError(response);
  }
  if (!(response.headers.get("Content-Type") ?? "").includes("text/event-stream")) {
    const whole = await response.json();
    renderMarkdown(target, whole.reply ?? "");
    return { text: whole.reply ?? "", finishReason: whole.finishReason, note: whole.message };
  }
  let text = "";
  for await (const { event, data } of readEvents(response.body)) {
    const payload = JSON.parse(data);
    if (event === "done") {
      return { text, finishReason: payload.finishReason, note: payload.message };
    }
    if (event === "error") {
      // The stream broke off after it started: { status, title }.
      throw new ApiError(payload.status ?? 502, { title: payload.title }, null);
    }
    text += payload.text ?? "";
    renderMarkdown(target, text);
  }
  return { text, finishReason: "INTERRUPTED" };
}

/** One message, in one place, for a send that failed: the real reason and, when there is one, the wait. */
function showError(text) {
  errorLine.textContent = text;
  errorLine.hidden = !text;
}

/** The assistant cannot work on this deployment: say so plainly and switch the form off. */
function switchOff(reason) {
  unavailable.textContent = reason;
  unavailable.hidden = false;
  input.disabled = true;
  send.disabled = true;
  status.textContent = "";
}

async function ask(message) {
  showError("");
  const question = addMessage("user", message);
  const { item, body } = addMessage("model", "");
  item.classList.add("streaming");
  logRegion.setAttribute("aria-busy", "true");
  send.disabled = true;
  status.textContent = "The assistant is replying…";
  let waitSeconds = 0;
  try {
    const { text, finishReason, note } = await stream(message, body);
    if (text) {
      history.push({ role: "user", text: message }, { role: "model", text });
    }
    if (finishReason === "INTERRUPTED") {
      addNote(item, "The reply was interrupted. Please try again.", "error-message");
    } else if (finishReason && finishReason !== "STOP") {
      addNote(item, note ?? finishNotes[finishReason] ?? `The reply ended early (${finishReason}).`, "finish-note");
    }
    status.textContent = finishReason === "STOP" ? "The assistant replied." : "The assistant's reply stopped early.";
  } catch (error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    // Nothing was answered: the exchange leaves the conversation, the question goes back into the box,
    // and the reason is said once.
    question.item.remove();
    item.remove();
    if (!input.value.trim()) {
      input.value = message;
    }
    status.textContent = "";
    showError(describe(error));
    if (error.status === 503 && error.problem?.title === chatNotConfiguredTitle) {
      switchOff(chatNotConfiguredText);
      return;
    }
    waitSeconds = error.status === 429 ? error.retryAfterSeconds ?? 60 : 0;
  } finally {
    item.classList.remove("streaming");
    logRegion.setAttribute("aria-busy", "false");
    send.disabled = waitSeconds > 0 || input.disabled;
  }
  if (waitSeconds > 0) {
    // Rate limited: Send stays off until the server's Retry-After has passed.
    setTimeout(() => {
      send.disabled = false;
      showError("");
      status.textContent = "You can send your question again.";
    }, waitSeconds * 1000);
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const message = input.value.trim();
  if (!message || send.disabled) {
    input.focus();
    status.textContent = message ? status.textContent : "Type a question first.";
    return;
  }
  input.value = "";
  ask(message);
});
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});
const reset = document.getElementById("chat-reset");
reset.hidden = false;
reset.addEventListener("click", () => {
  history.length = 0;
  log.replaceChildren();
  showError("");
  status.textContent = "Started a new conversation.";
  input.focus();
});
if (savedId) {
  await showSavedContext(contextBox, savedId);
} else {
  showContext();
}
chatConfigured().then(configured => {
  if (configured === false) {
    switchOff(chatNotConfiguredText);
  }
  form.dataset.ready = "true";
});
