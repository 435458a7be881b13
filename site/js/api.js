// Calls to the API: JSON in and out, RFC 9457 problems turned into ApiError.
import { apiBase } from "../config.js";

// A trailing slash in config.js would make "//api"; tolerate it.
export const apiUrl = (path) => `${apiBase.replace(/\/+$/, "")}${path}`;

/** A failed call: status 0 when the service could not be reached at all. */
export class ApiError extends Error {
  constructor(status, problem, retryAfterSeconds) {
    super(problem?.detail ?? problem?.title ?? `The service answered ${status}.`);
    this.status = status;
    this.problem = problem;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function retryAfter(response) {
  const value = response.headers.get("Retry-After");
  if (!value) {
    return null;
  }
  const seconds = Number(value);
  if (Number.isFinite(seconds)) {
    return Math.max(0, Math.ceil(seconds));
  }
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Turns a non-success response into an ApiError, reading its problem document when there is one. */
export async function toApiError(response) {
  let problem = null;
  if ((response.headers.get("Content-Type") ?? "").includes("json")) {
    problem = await response.json().catch(() => null);
  }
  return new ApiError(response.status, problem, retryAfter(response));
}

export async function send(path, init) {
  let response;
  try {
    // The sign-in cookie belongs to the API's origin: send it (CORS allows credentials for the site's origin).
    response = await fetch(apiUrl(path), { credentials: "include", ...init });
  } catch (error) {
    if (error.name === "AbortError") {
      throw error;
    }
    throw new ApiError(0, { title: "The service could not be reached.", detail: "Check your connection and try again." }, null);
  }
  if (!response.ok) {
    throw await toApiError(response);
  }
  return response;
}

export const getJson = async (path, signal) =>
  (await send(path, { headers: { Accept: "application/json" }, signal })).json();

export const postJson = async (path, body, signal) =>
  (await send(path, {
    method: "POST", signal, body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", Accept: "application/json" },
  })).json();

/** The chat's title for "no Gemini configuration" (Functions/Chat/ChatProblems.cs): retrying will not help. */
export const chatNotConfiguredTitle = "Chat is not configured.";

export const chatNotConfiguredText =
  "The assistant is not available on this site: it has not been set up. The risk checks work without it.";

let chatStatus = null;

/**
 * Whether this deployment has chat, from GET /api/health: true, false, or null when health could not be
 * read (then the assistant is offered, and a failed send says why). Asked once per page.
 */
export function chatConfigured() {
  chatStatus ??= getJson("/api/health").then(health => health?.chat?.configured ?? null, () => null);
  return chatStatus;
}

/** A sentence for a person, for the errors that are not about one field: the real reason, and the wait when there is one. */
export function describe(error) {
  switch (error.status) {
    case 0:
      return "The service could not be reached. Check your connection and try again.";
    case 429:
      return `Too many requests. Please wait ${error.retryAfterSeconds ?? 60} seconds, then try again.`;
    case 503: {
      if (error.problem?.title === chatNotConfiguredTitle) {
        return chatNotConfiguredText;
      }
      const what = error.problem?.title?.replace(/\.$/, "") ?? "The service is not available right now";
      return `${what}. ${error.retryAfterSeconds ? `Try again in ${error.retryAfterSeconds} seconds.` : "Please try again later."}`;
    }
    case 502:
      return "The assistant's model failed to answer. Please try again.";
    case 504:
      return "The assistant's model did not answer in time. Please try again.";
    default:
      return error.problem?.detail ?? error.problem?.title ?? `Something went wrong (${error.status}). Please try again.`;
  }
}
