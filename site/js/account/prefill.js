// A disease form for a signed-in person: age and sex filled in from the profile (only into empty
// fields), a "Save to my history" choice, and after a result, whether it was saved.
import { me } from "./session.js";

let saveBox = null;

/** Fills empty age and sex/gender fields from the profile and adds the save choice. */
export async function prefill(form) {
  const person = await me();
  if (!person) {
    return;
  }
  const profile = person.profile;
  const age = form.elements.age;
  if (age && !age.value && Number.isInteger(profile?.age)) {
    age.value = String(profile.age);
  }
  for (const name of ["sex", "gender"]) {
    const control = form.elements[name];
    if (control?.tagName === "SELECT" && !control.value && profile?.sex) {
      const option = [...control.options].find(o => o.textContent.trim().toLowerCase() === profile.sex);
      if (option) {
        control.value = option.value;
      }
    }
  }
  const label = document.createElement("label");
  label.className = "save-choice";
  saveBox = document.createElement("input");
  saveBox.type = "checkbox";
  saveBox.name = "save-to-history";
  saveBox.checked = true;
  label.append(saveBox, ` Save this result to my history (signed in as ${person.name ?? person.userId})`);
  form.querySelector(".actions").before(label);
}

/** The query that tells the API not to save, when the person unticked the box. */
export const saveQuery = () => (saveBox && !saveBox.checked ? "?save=false" : "");

/** After a result: a line saying it was saved (with a link to it) or why it was not. */
export function showSaved(section, prediction) {
  const history = prediction.history;
  if (!history) {
    return;
  }
  const note = document.createElement("p");
  note.className = history.saved ? "saved-note" : "notice";
  note.setAttribute("role", "status");
  if (history.saved) {
    const link = document.createElement("a");
    link.href = `prediction.html?id=${encodeURIComponent(history.id)}`;
    link.textContent = "see it in your history";
    note.append("Saved to your history: ", link, ".");
  } else {
    note.textContent = `Not saved: ${history.reason}`;
  }
  section.querySelector("h2")?.after(note);
}
