// The client-side checks, mirroring the server's per-field rules and wording. They read the rendered form (its
// required, min, max, kind and options), so they work the same on the static form and on the form
// built from the live schema. Cross-field rules stay with the server; its answers are shown per field.

const inRange = (n, min, max) => n >= min && n <= max;

/** A message for a person, or null when the value is acceptable. */
export function checkField(control) {
  const label = control.dataset.label;
  const value = control.value.trim();
  if (control.validity?.badInput) {
    return `${label} must be a number.`;
  }
  if (value === "") {
    if (!control.required) {
      return null;
    }
    return `${label} is required.`;
  }
  if (control.dataset.kind === "code") {
    const allowed = [...control.options].map(o => o.value).filter(v => v !== "");
    return allowed.includes(value) ? null : `${label} must be one of the listed options.`;
  }
  const n = Number(value);
  if (!Number.isFinite(n)) {
    return `${label} must be a number.`;
  }
  const integer = control.dataset.kind === "integer";
  const unit = control.dataset.unit ? ` ${control.dataset.unit}` : "";
  const rule = `${label} must be ${integer ? "a whole number" : "a number"} from ${control.min} to ${control.max}${unit}.`;
  return (integer && !Number.isInteger(n)) || !inRange(n, Number(control.min), Number(control.max)) ? rule : null;
}

/** The form's controls by field name. */
export const controlsOf = (form) =>
  new Map([...form.querySelectorAll("[data-kind]")].map(c => [c.name, c]));

/** The body to post: numbers, with empty optional fields left out (the model imputes them). */
export function valuesOf(form) {
  const body = {};
  for (const [name, control] of controlsOf(form)) {
    const value = control.value.trim();
    if (value !== "") {
      body[name] = Number(value);
    }
  }
  return body;
}
