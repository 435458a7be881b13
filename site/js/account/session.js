// Who is signed in. The platform (App Service Authentication, or DevHost playing it) signs people in on the API's
// origin; the site sends people there and back, and asks GET /api/me with the cookie.
import { signInPath } from "../../config.js";
import { apiUrl, send } from "../api.js";

let current = null;

/**
 * The signed-in person ({ userId, name, profile }), null when nobody is, or undefined when accounts are off or unreachable.
 * Asked of /api/pages/session, which answers null (200) for nobody: /api/me's 401 would be a failure in the console.
 */
export function me() {
  current ??= send("/api/pages/session", { headers: { Accept: "application/json" } })
    .then(async response => {
      if (response.ok) {
        return response.json();
      }
      // Read the refusal to its end: an unread body of a no-store answer keeps the request open in the browser.
      await response.text();
      return undefined;
    })
    .catch(() => undefined);
  return current;
}

/**
 * For a page whose main part is the API's page for the signed-in person (history.html, prediction.html): asks who is
 * signed in first, so that a signed-out page sends nothing that fails (a 401 in the console). Signed out, it shows the
 * page's sign-in (back to this very page); accounts unreachable, it says so. Answers whether someone is signed in.
 */
export async function signedInElseSignIn() {
  const person = await me();
  if (person) {
    return true;
  }
  if (person === null) {
    document.querySelector("[data-page]").textContent = "You are not signed in.";
    document.getElementById("sign-in-link").href = signInUrl();
    document.getElementById("signed-out").hidden = false;
  } else {
    document.querySelector("[data-status=unavailable]").hidden = false;
  }
  return false;
}

export const signInUrl = (back = location.href) => apiUrl(`${signInPath}?post_login_redirect_uri=${encodeURIComponent(back)}`);

export const signOutUrl = (back = new URL("index.html", location.href).href) =>
  apiUrl(`/.auth/logout?post_logout_redirect_uri=${encodeURIComponent(back)}`);

/** JSON to the API with a method; answers { ok, status, body } (body null for 204 or no JSON). */
export async function sendJson(method, path, body) {
  const response = await send(path, {
    method,
    headers: body === undefined ? { Accept: "application/json" } : { "Content-Type": "application/json", Accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (response.headers.get("Content-Type") ?? "").includes("json") ? await response.json().catch(() => null) : await drain(response);
  return { ok: response.ok, status: response.status, body: json };
}

/** Reads an answer's body to its end and answers null (an unread body keeps the request open). */
const drain = (response) => response.text().then(() => null, () => null);
