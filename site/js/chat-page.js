// The assistant. The conversation, its Markdown, the reasons and the form come from the server (/api/pages/chat);
// here the reply streams in as plain text (server-sent events) until the last event's page replaces it, Enter sends,
// a failed send keeps the question and shows the server's reason once (with the wait it names), and the form is off
// where the deployment has no assistant.
import { actionOf, bodyOf, fetchPage, swapMain } from "./enhance.js";
import { getJson } from "./api.js";
import { readEvents } from "./sse.js";

let configured = null;
let waitUntil = 0;

const form = () => document.getElementById("chat-form");
const input = () => document.getElementById("chat-message");
const sendButton = () => form().querySelector("button[type=submit]");

/** Once the reply is done: focus back in the box, Send as the wait and the configuration allow. */
function ready() {
  const off = configured === false;
  document.getElementById("chat-unavailable").hidden = !off;
  input().disabled = off;
  sendButton().disabled = off || Date.now() < waitUntil;
  form().dataset.ready = "true";
}

/** Shows the server's reason (from its page) and keeps the question; a wait disables Send until it has passed. */
function refused(doc, question) {
  const error = document.getElementById("chat-error");
  const reason = doc.getElementById("chat-error");
  const said = reason?.textContent ?? "";
  // The reason as the server wrote it (text, and a sign-in link where one is needed).
  error.replaceChildren(...[...(reason?.childNodes ?? [])].map(node => document.adoptNode(node)));
  error.hidden = !said;
  if (!input().value.trim()) {
    input().value = question;
  }
  const seconds = Number(reason?.dataset.retryAfter ?? 0);
  if (seconds > 0) {
    waitUntil = Date.now() + seconds * 1000;
    setTimeout(() => {
      error.hidden = true;
      ready();
    }, seconds * 1000);
  }
  if (doc.getElementById("chat-unavailable") && said === doc.getElementById("chat-unavailable").textContent) {
    configured = false;
  }
}

async function ask(event) {
  event.preventDefault();
  const question = input().value.trim();
  if (!question || sendButton().disabled) {
    input().focus();
    return;
  }
  const body = bodyOf(form());
  const log = document.getElementById("chat-log");
  const [asked, reply] = [...document.getElementById("chat-turns").content.cloneNode(true).children];
  asked.querySelector(".body").textContent = question;
  reply.classList.add("streaming");
  log.append(asked, reply);
  reply.scrollIntoView({ block: "nearest" });
  document.getElementById("chat-error").hidden = true;
  document.getElementById("chat-log-region").setAttribute("aria-busy", "true");
  input().value = "";
  sendButton().disabled = true;
  let response;
  try {
    response = await fetch(actionOf(form()), { method: "POST", body, credentials: "include", headers: { Accept: "text/event-stream" } });
  } catch {
    asked.remove();
    reply.remove();
    input().value = question;
    ready();
    // Not reachable: let the browser post it and show what the API answers.
    form().action = actionOf(form());
    HTMLFormElement.prototype.submit.call(form());
    return;
  }
  if (!(response.headers.get("Content-Type") ?? "").startsWith("text/event-stream")) {
    // Refused before it started (a page with the reason): the exchange leaves the conversation.
    asked.remove();
    reply.remove();
    refused(new DOMParser().parseFromString(await response.text(), "text/html"), question);
    document.getElementById("chat-log-region").setAttribute("aria-busy", "false");
    ready();
    return;
  }
  const text = document.createElement("p");
  reply.querySelector(".body").append(text);
  for await (const { event: name, data } of readEvents(response.body)) {
    const payload = JSON.parse(data);
    if (payload.html !== undefined) {
      // done, or error: the server's page of the conversation replaces the streamed text.
      swapMain(payload.html);
      if (name === "error") {
        input().value ||= question;
      }
      break;
    }
    text.textContent += payload.text ?? "";
  }
  ready();
  input().focus();
}

document.addEventListener("submit", (event) => {
  if (event.target.id === "chat-form") {
    ask(event);
  }
});
document.addEventListener("keydown", (event) => {
  if (event.target.id === "chat-message" && event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form().requestSubmit();
  }
});
document.addEventListener("page:swapped", ready);

// "Ask the assistant about this result": the result's form, kept for this tab, posted as the page opens.
const start = sessionStorage.getItem("healthoracle.chat-start");
sessionStorage.removeItem("healthoracle.chat-start");
if (start) {
  try {
    swapMain((await fetchPage(actionOf(form()), { method: "POST", body: new URLSearchParams(start) })).doc);
  } catch {
    // The conversation starts without the result.
  }
}
configured = (await getJson("/api/health"))?.chat?.configured ?? null;
ready();
