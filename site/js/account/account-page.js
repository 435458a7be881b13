// The account page: the profile form, download my data, erase my data.
import { ApiError, describe, send } from "../api.js";
import { signedInPart, sendJson, signOutUrl } from "./session.js";

const status = document.getElementById("account-status");
const form = document.getElementById("profile-form");
const errors = document.getElementById("profile-errors");
const profileStatus = document.getElementById("profile-status");
const dataStatus = document.getElementById("data-status");
const confirmBox = document.getElementById("erase-confirm");
const fieldNames = { dateOfBirth: "Date of birth", sex: "Sex", bloodGroup: "Blood group" };

function fill(profile) {
  for (const name of Object.keys(fieldNames)) {
    form.elements[name].value = profile?.[name] ?? "";
  }
}

function showErrors(problem) {
  const list = document.createElement("ul");
  for (const [field, messages] of Object.entries(problem?.errors ?? {})) {
    const item = document.createElement("li");
    item.textContent = `${fieldNames[field] ?? field}: ${[].concat(messages).join(" ")}`;
    list.append(item);
  }
  const heading = document.createElement("h2");
  heading.textContent = "There is a problem";
  errors.replaceChildren(heading, list);
  errors.setAttribute("role", "alert");
  errors.hidden = false;
  errors.focus();
}

async function saveProfile(event) {
  event.preventDefault();
  errors.hidden = true;
  const value = (name) => form.elements[name].value || null;
  profileStatus.textContent = "Saving…";
  try {
    const saved = await sendJson("PUT", "/api/me/profile", { dateOfBirth: value("dateOfBirth"), sex: value("sex"), bloodGroup: value("bloodGroup") });
    fill(saved);
    profileStatus.textContent = saved.age === null ? "Profile saved." : `Profile saved. Your age on the forms: ${saved.age}.`;
  } catch (error) {
    if (!(error instanceof ApiError)) {
      throw error;
    }
    profileStatus.textContent = "";
    if (error.status === 400) {
      showErrors(error.problem);
    } else {
      profileStatus.textContent = describe(error);
    }
  }
}

async function download() {
  dataStatus.textContent = "Preparing your data…";
  try {
    const response = await send("/api/me/export", { headers: { Accept: "application/json" } });
    const url = URL.createObjectURL(await response.blob());
    const link = document.createElement("a");
    link.href = url;
    link.download = "healthoracle-export.json";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    dataStatus.textContent = "Your data was downloaded as healthoracle-export.json.";
  } catch (error) {
    dataStatus.textContent = describe(error);
  }
}

async function erase() {
  dataStatus.textContent = "Erasing…";
  try {
    await sendJson("DELETE", "/api/me");
    confirmBox.hidden = true;
    fill(null);
    dataStatus.textContent = "Everything stored about you was erased. You are still signed in; sign out to finish.";
  } catch (error) {
    dataStatus.textContent = `${describe(error)} Nothing may have been erased yet; please try again.`;
  }
}

const person = await signedInPart(status);
if (person) {
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
