// Who is signed in. The platform (App Service Authentication, or DevHost playing it) signs people in on
// the API's origin; the site only sends people there and back, and asks GET /api/me with the cookie.
import { apiUrl, send } from "../api.js";

let current = null;

/** The signed-in person ({ userId, name, profile }), null when nobody is, or undefined when accounts are off or unreachable. */
export function me() {
  current ??= send("/api/me", { headers: { Accept: "application/json" } })
    .then(response => response.json())
    .catch(error => (error.status === 401 ? null : undefined));
  return current;
}

export const signInUrl = (back = location.href) => apiUrl(`/.auth/login/aad?post_login_redirect_uri=${encodeURIComponent(back)}`);

export const signOutUrl = (back = new URL("index.html", location.href).href) =>
  apiUrl(`/.auth/logout?post_logout_redirect_uri=${encodeURIComponent(back)}`);

/** The common start of an account page: shows the sign-in link or the signed-in part; answers the person or null. */
export async function signedInPart(status) {
  const person = await me();
  const signedOut = document.getElementById("signed-out");
  const signedIn = document.getElementById("signed-in");
  if (person === undefined) {
    status.textContent = "Accounts are not available right now. Please try again later.";
    return null;
  }
  if (person === null) {
    status.textContent = "You are not signed in.";
    document.getElementById("sign-in-link").href = signInUrl();
    signedOut.hidden = false;
    return null;
  }
  status.textContent = "";
  signedIn.hidden = false;
  return person;
}

/** JSON to the API with a method; answers the parsed body, or null for 204. */
export async function sendJson(method, path, body) {
  const response = await send(path, {
    method,
    headers: body === undefined ? { Accept: "application/json" } : { "Content-Type": "application/json", Accept: "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return response.status === 204 ? null : response.json();
}
