// The account page: the profile form, download my data, erase my data (the JSON routes of /api/me).
import { send } from "../api.js";
import { me, sendJson, signInUrl, signOutUrl } from "./session.js";

const status = document.getElementById("account-status");
const form = document.getElementById("profile-form");
const errors = document.getElementById("profile-errors");
const profileStatus = document.getElementById("profile-status");
const dataStatus = document.getElementById("data-status");
const confirmBox = document.getElementById("erase-confirm");
const names = ["dateOfBirth", "sex", "bloodGroup"];

function fill(profile) {
  for (const name of names) {
    form.elements[name].value = profile?.[name] ?? "";
  }
}

/** The server's messages, each after its field's label (the labels are the page's). */
function showErrors(problem) {
  const list = document.createElement("ul");
  for (const [field, messages] of Object.entries(problem?.errors ?? {})) {
    const item = document.createElement("li");
    // The server names the field as the API does (dateOfBirth); a person reads the field's label in its place.
    const label = form.elements[field]?.dataset.label ?? "This value";
    item.textContent = [].concat(messages).map(message => message.startsWith(`${field} `) ? `${label}${message.slice(field.length)}` : `${label}: ${message}`).join(" ");
    list.append(item);
  }
  const heading = document.createElement("h2");
  heading.textContent = "There is a problem";
  errors.replaceChildren(heading, list);
  errors.setAttribute("role", "alert");
  errors.hidden = false;
  errors.focus();
}

const reason = (result) => result.body?.detail ?? result.body?.title ?? `The service answered ${result.status}. Please try again.`;

async function saveProfile(event) {
  event.preventDefault();
  errors.hidden = true;
  const value = (name) => form.elements[name].value || null;
  profileStatus.textContent = "Saving…";
  const result = await sendJson("PUT", "/api/me/profile", { dateOfBirth: value("dateOfBirth"), sex: value("sex"), bloodGroup: value("bloodGroup") })
    .catch(() => ({ ok: false, status: 0, body: { title: "The service could not be reached." } }));
  if (result.ok) {
    fill(result.body);
    profileStatus.textContent = result.body.age === null ? "Profile saved." : `Profile saved. Your age on the forms: ${result.body.age}.`;
  } else if (result.status === 400) {
    profileStatus.textContent = "";
    showErrors(result.body);
  } else {
    profileStatus.textContent = reason(result);
  }
}

async function download() {
  dataStatus.textContent = "Preparing your data…";
  const response = await send("/api/me/export", { headers: { Accept: "application/json" } }).catch(() => null);
  if (!response?.ok) {
    dataStatus.textContent = "Your data could not be downloaded. Please try again.";
    return;
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement("a");
  link.href = url;
  link.download = "healthoracle-export.json";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
  dataStatus.textContent = "Your data was downloaded as healthoracle-export.json.";
}

async function erase() {
  dataStatus.textContent = "Erasing…";
  const result = await sendJson("DELETE", "/api/me").catch(() => ({ ok: false, status: 0, body: null }));
  if (result.ok) {
    confirmBox.hidden = true;
    fill(null);
    dataStatus.textContent = "Everything stored about you was erased. You are still signed in; sign out to finish.";
  } else {
    dataStatus.textContent = `${reason(result)} Nothing may have been erased yet; please try again.`;
  }
}

const person = await me();
status.textContent = "";
if (person === undefined) {
  document.querySelector("[data-status=unavailable]").hidden = false;
} else if (person === null) {
  document.getElementById("sign-in-link").href = signInUrl();
  document.getElementById("signed-out").hidden = false;
} else {
  document.getElementById("signed-in").hidden = false;
  document.getElementById("account-name").textContent = person.name ?? person.userId;
  document.getElementById("sign-out-link").href = signOutUrl();
  fill(person.profile);
  form.addEventListener("submit", saveProfile);
  document.getElementById("download-data").addEventListener("click", download);
  document.getElementById("erase-data").addEventListener("click", () => {
    confirmBox.hidden = false;
    document.getElementById("erase-no").focus();
  });
  document.getElementById("erase-no").addEventListener("click", () => {
    confirmBox.hidden = true;
    document.getElementById("erase-data").focus();
  });
  document.getElementById("erase-yes").addEventListener("click", erase);
}
document.body.dataset.ready = "true";
