// The factors that moved the percentage: a diverging bar chart of each input's
// contribution in percentage points from the baseline (the model's estimate for a typical patient of its
// training data). Every bar is also text, so the chart reads the same to a screen reader and in print.
// Built with DOM nodes and textContent only; its styles live in css/explain.css, loaded with it.
import { el } from "./dom.js";

let stylesLoaded = false;

/** Loads this feature's small stylesheet once: the chart only exists when JavaScript runs. */
export function loadExplainStyles(doc = document) {
  if (stylesLoaded || doc.querySelector('link[data-explain]')) {
    stylesLoaded = true;
    return;
  }
  const link = doc.createElement("link");
  link.rel = "stylesheet";
  link.href = "css/explain.css";
  link.dataset.explain = "";
  doc.head.append(link);
  stylesLoaded = true;
}

const number = (value) => Number(value).toLocaleString("en", { maximumFractionDigits: 2 });

/** "+2.5 points", "−0.75 points": the sign spelled with a real minus. */
export function points(value) {
  const size = number(Math.abs(value));
  const sign = value > 0 ? "+" : value < 0 ? "−" : "±";
  return `${sign}${size} ${Math.abs(value) === 1 ? "point" : "points"}`;
}

/** The value as a person reads it: the code's label, or the number with its unit. */
export function describeValue(field, value) {
  if (value === null || value === undefined) {
    return "not given";
  }
  const code = field?.codes?.find(c => c.value === value);
  if (code) {
    return code.label;
  }
  return field?.unit ? `${number(value)} ${field.unit}` : number(value);
}

/**
 * The chart of factors, largest first; inputs that moved nothing are left out of the bars and counted in a line.
 * `fields` maps a field name to its schema entry (label, unit, codes) when known.
 */
export function factorsView(prediction, fields = new Map()) {
  const factors = prediction.factors;
  if (!Array.isArray(factors) || prediction.baseline === undefined || prediction.baseline === null) {
    return null;
  }
  loadExplainStyles();
  const moving = factors.filter(f => f.contribution !== 0);
  const largest = Math.max(...moving.map(f => Math.abs(f.contribution)), 0.01);
  const list = el("ol", { class: "factor-bars" });
  for (const factor of moving) {
    const field = fields.get(factor.field);
    const width = `${Math.max(1, (Math.abs(factor.contribution) / largest) * 100)}%`;
    const bar = el("span", { class: "factor-bar" });
    bar.style.width = width;
    const track = el("span", { class: "factor-track", "aria-hidden": "true" },
      el("span", { class: "factor-half lowers" }, factor.contribution < 0 ? bar : ""),
      el("span", { class: "factor-half raises" }, factor.contribution > 0 ? bar : ""));
    list.append(el("li", { class: `factor ${factor.direction}`, "data-field": factor.field },
      el("span", { class: "factor-name" },
        el("strong", { text: factor.label }), ` (${describeValue(field, factor.value)})`),
      track,
      el("span", { class: "factor-points", text: `${factor.contribution > 0 ? "raises" : "lowers"} ${points(factor.contribution)}` }),
      factor.note ? el("p", { class: "factor-note", text: factor.note }) : ""));
  }
  const still = factors.length - moving.length;
  return el("section", { class: "factors", "aria-labelledby": "factors-heading" },
    el("h3", { id: "factors-heading", text: "What moved the estimate" }),
    el("p", { class: "factors-lead", text: `Compared with ${number(prediction.baseline)}%, the model's estimate for a typical patient of its training data. ` +
      `Each bar is how many percentage points one value moves the estimate; together they make up the ${points(prediction.riskPercentage - prediction.baseline)} difference.` }),
    moving.length > 0 ? list : el("p", { text: "Your values are those of the typical patient: nothing moved the estimate." }),
    still > 0 && moving.length > 0 ? el("p", { class: "factors-still", text: `${still} other ${still === 1 ? "value" : "values"} moved it by less than 0.01 points.` }) : "",
    el("p", { class: "factors-note", text: prediction.factorsNote ?? "These are associations in a statistical model, not causes, and not a diagnosis." }));
}
