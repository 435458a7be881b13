// A disease page. The form, its messages and the result come from the server (js/enhance.js posts the form and
// puts the answered page in place). Here: the soft checks beside a field as values change (each check, its message
// and its "did you mean" are in the page; the value suggested is the typed value times the check's factor), the
// what-if fields as sliders that ask the server as they move, and for a signed-in person, age and sex from the
// profile and the choice not to save.
import { submit } from "./enhance.js";
import { me } from "./account/session.js";
import { setUpUnits } from "./units.js";

const debounceMilliseconds = 350;

// The person's choice not to save, kept across answers (each answer brings a new form).
let saveQuery = "";

/** A typed value in the field's own unit (a decimal comma is a decimal), or NaN: only to decide whether a check speaks. */
function valueOf(form, name) {
  const control = form.elements[name];
  if (!control || control.value.trim() === "") {
    return NaN;
  }
  const text = control.value.trim();
  const number = Number(/^-?\d*,\d+$/.test(text) ? text.replace(",", ".") : text);
  const factor = Number(form.elements[`${name}.unit`]?.selectedOptions[0]?.dataset.factor ?? 1);
  return number * factor;
}

/** "total_bilirubin >= 5;direct_bilirubin < 0.1 * total_bilirubin": every condition holds. */
function holds(form, when) {
  return when.split(";").every(condition => {
    const [field, comparison, bound, , times] = condition.trim().split(" ");
    const value = valueOf(form, field);
    const limit = Number(bound) * (times ? valueOf(form, times) : 1);
    return !Number.isNaN(value) && !Number.isNaN(limit) && (comparison === ">=" ? value >= limit : value < limit);
  });
}

const suggest = (value) => String(Number(value.toPrecision(3)));

/** Ties the control to its hint, its error and the warnings showing. */
function describeBy(control) {
  const shown = [...control.closest("[data-field]").querySelectorAll(".hint, .error, .warning")].filter(node => !node.hidden);
  control.setAttribute("aria-describedby", shown.map(node => node.id).join(" "));
}

/** Shows the checks that speak for the values typed: never blocking, never changing a value unasked. */
function showWarnings(form) {
  for (const warning of form.querySelectorAll(".warning[data-when]")) {
    const field = warning.closest("[data-field]").dataset.field;
    const speaks = holds(form, warning.dataset.when);
    const fresh = speaks && warning.hidden;
    warning.hidden = !speaks;
    if (speaks && warning.dataset.suggestFactor) {
      const value = suggest(valueOf(form, field) * Number(warning.dataset.suggestFactor));
      warning.querySelectorAll("[data-suggested]").forEach(slot => { slot.textContent = value; });
      warning.dataset.value = value;
    }
    describeBy(form.elements[field]);
    if (fresh) {
      document.querySelector("p.visually-hidden[role=status]").textContent = warning.querySelector("p").textContent;
    }
  }
}

/** The what-if's number fields become sliders over the field's range; moving one asks the server (debounced). */
function sliders(root) {
  for (const form of root.querySelectorAll(".what-if-form")) {
    let timer = null;
    const ask = () => { clearTimeout(timer); timer = setTimeout(() => submit(form), debounceMilliseconds); };
    for (const input of form.querySelectorAll("input[data-min]")) {
      const unit = input.dataset.unit ? ` ${input.dataset.unit}` : "";
      const output = document.createElement("output");
      output.htmlFor = input.id;
      // The range first, then the type, then the value again: a range input clamps its value to the range it has.
      const value = input.value;
      Object.assign(input, { min: input.dataset.min, max: input.dataset.max, step: input.dataset.step });
      input.type = "range";
      input.value = value;
      input.removeAttribute("inputmode");
      const show = () => {
        output.textContent = `${input.value}${unit}`;
        input.setAttribute("aria-valuetext", `${input.value}${unit}`);
      };
      show();
      input.before(output);
      input.addEventListener("input", () => { show(); ask(); });
    }
    form.querySelectorAll("select").forEach(select => select.addEventListener("change", ask));
  }
}

/** Signed in: age and sex from the profile (into empty fields only) and the save choice (unticked: ?save=false). */
async function forPerson(form) {
  const person = await me();
  if (!person) {
    return;
  }
  const profile = person.profile;
  if (form.elements.age && !form.elements.age.value && Number.isInteger(profile?.age)) {
    form.elements.age.value = String(profile.age);
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
  const choice = form.querySelector(".save-choice");
  choice.hidden = false;
  const box = choice.querySelector("input");
  box.checked = saveQuery === "";
  box.addEventListener("change", () => {
    saveQuery = box.checked ? "" : "?save=false";
    form.dataset.query = saveQuery;
  });
}

async function setUp() {
  const form = document.getElementById("predict-form");
  form.dataset.query = saveQuery;
  form.addEventListener("input", () => showWarnings(form));
  form.addEventListener("change", () => showWarnings(form));
  form.addEventListener("click", (event) => {
    const use = event.target.closest(".warning button");
    if (use) {
      const warning = use.closest(".warning");
      const control = form.elements[warning.closest("[data-field]").dataset.field];
      control.value = warning.dataset.value;
      const unit = form.elements[`${control.name}.unit`];
      if (unit) {
        unit.selectedIndex = 0;
      }
      showWarnings(form);
      control.focus();
    }
  });
  // One unit system for the site; switched with a result showing, the result is asked for again in it.
  setUpUnits(form, () => {
    showWarnings(form);
    if (document.getElementById("result")) {
      submit(form);
    }
  });
  showWarnings(form);
  sliders(document);
  await forPerson(form);
  form.dataset.ready = "true";
}

document.addEventListener("page:swapped", (event) => {
  if (event.detail.tagName === "MAIN") {
    setUp();
  }
});
setUp();
