// Progressive enhancement of the pages the server renders. A form marked data-enhance posts as it would without
// JavaScript (the same fields, values as typed) with fetch, and the page the API answers replaces this page's main
// region (or, with data-swap, one element of it); focus moves to what the new page marks data-focus, and what it
// marks data-announce is said in a live region. Nothing here words or draws anything: the server does.
import { apiUrl } from "./api.js";

const announcer = document.createElement("p");
announcer.className = "visually-hidden";
announcer.setAttribute("role", "status");
document.body.append(announcer);

/** The API address a form posts to: its data-api-path at config.js's apiBase (the markup may come from anywhere). */
export const actionOf = (form) => (form.dataset.apiPath ? apiUrl(form.dataset.apiPath) : form.action) + (form.dataset.query ?? "");

/** Fetches a page of the API; answers its document and response, or throws when it is not a page. */
export async function fetchPage(url, init = {}) {
  const response = await fetch(url, { credentials: "include", ...init, headers: { Accept: "text/html", ...init.headers } });
  if (!(response.headers.get("Content-Type") ?? "").startsWith("text/html")) {
    throw new Error(`not a page: ${response.status}`);
  }
  return { response, doc: new DOMParser().parseFromString(await response.text(), "text/html") };
}

/** Replaces this page's main region with the answered page's (or with markup of a main region). */
export function swapMain(source) {
  const main = document.querySelector("main");
  const next = typeof source === "string" ? new DOMParser().parseFromString(`<main>${source}</main>`, "text/html").querySelector("main") : source.querySelector("main");
  main.replaceChildren(...[...next.childNodes].map(node => document.adoptNode(node)));
  if (typeof source !== "string" && source.title) {
    document.title = source.title;
  }
  settle(main);
}

/** Replaces one element (by selector) with the answered page's. */
export function swapRegion(doc, selector) {
  const current = document.querySelector(selector);
  const next = doc.querySelector(selector);
  if (!current || !next) {
    swapMain(doc);
    return;
  }
  const adopted = document.adoptNode(next);
  current.replaceWith(adopted);
  settle(adopted);
}

function settle(region) {
  reveal(region);
  const announce = region.querySelector("[data-announce]")?.textContent ?? (region.matches("[role=status]") ? region.textContent : "");
  if (announce) {
    announcer.textContent = announce;
  }
  region.querySelector("[data-focus]")?.focus();
  document.dispatchEvent(new CustomEvent("page:swapped", { detail: region }));
}

/**
 * Shows what works only with a script (print, copy, delete), points the forms at the API and marks them ready, but for
 * the chat and prediction forms, which their pages' scripts mark ready once set up (a signed-in person's prediction form
 * after its prefill from the profile).
 */
function reveal(root) {
  root.querySelectorAll("[data-needs-script]").forEach(node => { node.hidden = false; });
  // A page the API answered posts to the API's own routes: here they are the API at config.js's address.
  root.querySelectorAll("form[data-api-path]").forEach(form => { form.action = apiUrl(form.dataset.apiPath); });
  root.querySelectorAll("form[data-enhance]:not([data-enhance=chat]):not([data-enhance=predict])").forEach(form => { form.dataset.ready = "true"; });
}

/** The form's fields as a urlencoded body, as the browser would post them. */
export const bodyOf = (form, submitter) => new URLSearchParams(new FormData(form, submitter ?? undefined));

/** Posts (or gets) the form with fetch and puts the answered page in place; falls back to the browser's own submit. */
export async function submit(form, submitter) {
  const get = (form.getAttribute("method") ?? "get").toLowerCase() === "get";
  const body = bodyOf(form, submitter);
  const buttons = [...form.querySelectorAll("button[type=submit]")];
  buttons.forEach(button => { button.disabled = true; });
  form.setAttribute("aria-busy", "true");
  try {
    const { doc } = get ? await fetchPage(`${actionOf(form)}?${body}`) : await fetchPage(actionOf(form), { method: "POST", body });
    if (form.dataset.swap) {
      swapRegion(doc, form.dataset.swap);
    } else {
      swapMain(doc);
    }
  } catch {
    // Not reachable, or not a page: let the browser post it and show what the API answers.
    form.action = actionOf(form);
    HTMLFormElement.prototype.submit.call(form);
  } finally {
    buttons.forEach(button => { button.disabled = false; });
    form.removeAttribute("aria-busy");
  }
}

document.addEventListener("submit", (event) => {
  const form = event.target;
  if (form.matches("form[data-navigate]")) {
    // "Ask the assistant about this result": the assistant's page posts it when it opens (this tab only).
    event.preventDefault();
    sessionStorage.setItem("healthoracle.chat-start", bodyOf(form).toString());
    location.href = form.dataset.navigate;
  } else if (form.matches("form[data-enhance]:not([data-enhance=chat])")) {
    event.preventDefault();
    submit(form, event.submitter);
  }
});

document.addEventListener("change", (event) => {
  if (event.target.matches("select[data-submit-on-change]")) {
    submit(event.target.form);
  }
});

document.addEventListener("click", async (event) => {
  const button = event.target.closest("button[data-print], button[data-copy]");
  if (!button) {
    return;
  }
  if (button.dataset.print !== undefined) {
    window.print();
    return;
  }
  const area = document.getElementById(button.dataset.copy);
  const keep = area.closest(".keep-area");
  try {
    await navigator.clipboard.writeText(area.value);
    keep.querySelector("[data-copied]").hidden = false;
  } catch {
    // No clipboard (permissions, an older browser): show the summary, selected, to copy by hand.
    area.closest(".summary").hidden = false;
    area.focus();
    area.select();
  }
});

reveal(document);
