// The API's address (config.js, the one place it is set) and calls to it with the sign-in cookie.
import { apiBase } from "../config.js";

// A trailing slash in config.js would make "//api"; tolerate it.
export const apiUrl = (path) => `${apiBase.replace(/\/+$/, "")}${path}`;

/** fetch() to the API with the sign-in cookie (it belongs to the API's origin; CORS allows credentials for the site's). */
export const send = (path, init = {}) => fetch(apiUrl(path), { credentials: "include", ...init });

/** JSON from the API, or null when it answered otherwise or could not be reached. */
export async function getJson(path) {
  try {
    const response = await send(path, { headers: { Accept: "application/json" } });
    if (response.ok) {
      return await response.json();
    }
    await response.text(); // read to its end: an unread body of a no-store answer keeps the request open
    return null;
  } catch {
    return null;
  }
}
