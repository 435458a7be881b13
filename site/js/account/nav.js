// On every page: "Sign in", or who is signed in and "Sign out", at the end of the main navigation.
import { me, signInUrl, signOutUrl } from "./session.js";

const list = document.querySelector(".site-header nav ul");
const person = await me();
if (list && person !== undefined) {
  const item = document.createElement("li");
  item.className = "account-link";
  const link = document.createElement("a");
  if (person) {
    link.href = signOutUrl();
    link.textContent = "Sign out";
    link.setAttribute("aria-label", `Sign out (signed in as ${person.name ?? person.userId})`);
  } else {
    link.href = signInUrl();
    link.textContent = "Sign in";
  }
  item.append(link);
  list.append(item);
}
document.documentElement.dataset.account = person ? "signed-in" : person === null ? "signed-out" : "unavailable";
