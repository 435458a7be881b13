// The unit system (conventional or SI) a person reads their lab values in: one choice for the whole site, remembered
// on this device. The forms' unit choices follow it (values already typed are converted, at a lab's precision), and a
// saved result is asked for in it. The server converts and words everything; here only the choice is kept.
const key = "healthoracle.units";

/** "si" or "conventional" (the default). */
export function unitSystem() {
  try {
    return localStorage.getItem(key) === "si" ? "si" : "conventional";
  } catch {
    return "conventional"; // storage refused (private mode, a policy): the default, every time
  }
}

function remember(system) {
  try {
    localStorage.setItem(key, system);
  } catch {
    // not remembered: the choice holds for this page
  }
}

/** A typed value read as the server reads it (a decimal comma is a decimal), or NaN. */
const read = (text) => Number(/^-?\d*,\d+$/.test(text.trim()) ? text.trim().replace(",", ".") : text.trim());

/** A converted value at a lab's precision: three significant digits, no float noise. */
const labPrecision = (value) => String(Number(value.toPrecision(3)));

/** Sets one unit choice to the system's unit; with convert, the value typed is converted to it. */
function follow(select, system, convert) {
  const wanted = system === "si" && select.options.length > 1 ? 1 : 0;
  if (select.selectedIndex === wanted) {
    return;
  }
  const input = select.form?.elements[select.dataset.unitFor];
  const value = input ? read(input.value) : NaN;
  if (convert && input && input.value.trim() !== "" && Number.isFinite(value)) {
    const from = Number(select.selectedOptions[0].dataset.factor);
    const to = Number(select.options[wanted].dataset.factor);
    input.value = labPrecision((value * from) / to);
  }
  select.selectedIndex = wanted;
}

/**
 * Wires the page-wide switch of a form and sets the form's unit choices by the remembered system: on a fresh form all
 * of them; on an answered one (its choices are what was posted) none, so that values stay in the unit typed.
 * onChange runs after a switch (the page asks the server again when a result is showing).
 */
export function setUpUnits(form, onChange) {
  const choice = form.querySelector("#unit-system");
  if (!choice) {
    return;
  }
  const system = unitSystem();
  choice.value = system;
  const answered = document.getElementById("result") || form.querySelector("[aria-invalid=true]");
  if (!answered) {
    form.querySelectorAll("select.unit-select").forEach(select => follow(select, system, true));
  }
  choice.addEventListener("change", () => {
    remember(choice.value);
    form.querySelectorAll("select.unit-select").forEach(select => follow(select, choice.value, true));
    onChange?.();
  });
}
