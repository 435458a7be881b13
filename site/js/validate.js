// Reading what a person typed, and the client-side checks, mirroring the server's rules and wording
// (Functions/Predictions/Requests/FieldRules.cs). They read the rendered form (required, data-min,
// data-max, kind, options, the unit chosen and its factor), so they work the same on the static form and
// on the form built from the live schema. Cross-field rules stay with the server; its answers are shown
// per field. Soft checks (the schema's plausibility) are in plausibility.js.

/** Up to three decimals, no trailing zeros, a decimal point: as the server writes numbers. */
export const formatNumber = (n) => String(Math.round(n * 1000) / 1000);

// Two decimals below 10, one below 100, whole numbers above: the precision a lab prints.
function roundInward(value, up) {
  const scale = value >= 100 ? 1 : value >= 10 ? 10 : 100;
  return (up ? Math.ceil(value * scale - 1e-9) : Math.floor(value * scale + 1e-9)) / scale;
}

/** The field's range in another unit (factor to the field's unit), rounded inward so every value it allows is accepted. */
export const inwardRange = (field, factor) => [roundInward(field.min / factor, true), roundInward(field.max / factor, false)];

const decimalPoint = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const thousandsLike = /^[+-]?\d{1,3},\d{3}$/;

export const ambiguousComma =
  "could be read two ways (a thousands separator or a decimal comma), and both are in range: write it without a thousands separator, or with a decimal point.";

/**
 * Reads a typed number: a decimal point, or a single comma as a decimal comma (0,9 is 0.9). Only 1,250
 * style could also be a thousands separator: then the reading inside the range is taken (fits(n) says),
 * and when both are, { ambiguous: true }. Null when it is not a number.
 */
export function parseTyped(text, fits = () => true) {
  const value = text.trim();
  const comma = value.indexOf(",");
  if (comma < 0 || value.lastIndexOf(",") !== comma || value.includes(".")) {
    return decimalPoint.test(value) ? { value: Number(value) } : null;
  }
  const asDecimal = value.replace(",", ".");
  if (!decimalPoint.test(asDecimal)) {
    return null;
  }
  const decimal = Number(asDecimal);
  if (!thousandsLike.test(value)) {
    return { value: decimal };
  }
  const thousands = Number(value.replace(",", ""));
  const [decimalFits, thousandsFits] = [fits(decimal), fits(thousands)];
  if (decimalFits && thousandsFits) {
    return { value: decimal, ambiguous: true };
  }
  return { value: thousandsFits ? thousands : decimal };
}

/** The unit select of a control, if its field has a choice of units. */
export const unitSelectOf = (control) => control.form?.querySelector(`[data-unit-for="${control.name}"]`) ?? null;

/** The unit the value was typed in and its factor to the field's unit. */
export function unitOf(control) {
  const select = unitSelectOf(control);
  const option = select?.selectedOptions[0];
  return option
    ? { unit: option.value, factor: Number(option.dataset.factor), own: option.value === control.dataset.unit }
    : { unit: control.dataset.unit ?? "", factor: 1, own: true };
}

const inRange = (n, min, max) => n >= min && n <= max;

/**
 * Reads one control: { value } in the field's unit (NaN when not given, or 0 where 0 means not
 * measured), the text and unit as typed, and a message for a person when the value is not acceptable.
 */
export function readField(control) {
  const label = control.dataset.label;
  const text = control.value.trim();
  const typed = { text, ...unitOf(control) };
  if (text === "") {
    return { ...typed, value: NaN, message: control.required ? `${label} is required.` : null };
  }
  if (control.dataset.kind === "code") {
    const allowed = [...control.options].map(o => o.value).filter(v => v !== "");
    return { ...typed, value: Number(text), message: allowed.includes(text) ? null : `${label} must be one of the listed options.` };
  }
  const [min, max] = [Number(control.dataset.min), Number(control.dataset.max)];
  const integer = control.dataset.kind === "integer";
  const fits = (n) => inRange(n * typed.factor, min, max) && (!integer || Number.isInteger(n * typed.factor));
  const parsed = parseTyped(text, fits);
  if (!parsed || !Number.isFinite(parsed.value)) {
    return { ...typed, value: NaN, message: `${label} must be a number.` };
  }
  if (parsed.ambiguous) {
    return { ...typed, value: NaN, message: `${label} ${ambiguousComma}` };
  }
  const value = parsed.value * typed.factor;
  if (value === 0 && control.dataset.zeroMeansNotMeasured === "true") {
    return { ...typed, value: NaN, typedValue: 0, notMeasured: true, message: null };
  }
  const unit = control.dataset.unit ? ` ${control.dataset.unit}` : "";
  let rule = `${label} must be ${integer ? "a whole number" : "a number"} from ${formatNumber(min)} to ${formatNumber(max)}${unit}.`;
  if (!typed.own) {
    const [low, high] = inwardRange({ min, max }, typed.factor);
    rule = `${rule.slice(0, -1)} (${formatNumber(low)} to ${formatNumber(high)} ${typed.unit}).`;
  }
  const ok = (!integer || Number.isInteger(value)) && inRange(value, min, max);
  return { ...typed, value, typedValue: parsed.value, message: ok ? null : rule };
}

/** A message for a person, or null when the value is acceptable. */
export const checkField = (control) => readField(control).message;

/** The form's value controls by field name (unit selects are not fields). */
export const controlsOf = (form) =>
  new Map([...form.querySelectorAll("[data-kind]")].map(c => [c.name, c]));

/** The body to post: numbers in the fields' own units, with fields not given left out (the model imputes them). */
export function valuesOf(form) {
  const body = {};
  for (const [name, control] of controlsOf(form)) {
    const { value } = readField(control);
    if (!Number.isNaN(value)) {
      body[name] = value;
    }
  }
  return body;
}
