// On every page: "Sign in", or "Sign out" for the person signed in, at the end of the main navigation (both links
// are in the page, hidden, until it is known who is signed in).
import { me, signInUrl, signOutUrl } from "./session.js";

const person = await me();
const signIn = document.querySelector("a[data-sign-in]");
const signOut = document.querySelector("a[data-sign-out]");
if (signIn && signOut && person !== undefined) {
  const link = person ? signOut : signIn;
  link.href = person ? signOutUrl() : signInUrl();
  link.closest("li").hidden = false;
}
document.documentElement.dataset.account = person ? "signed-in" : person === null ? "signed-out" : "unavailable";
