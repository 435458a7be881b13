// A risk-over-time chart for one disease, drawn as SVG by the site (no chart service): 0–100 % on the
// vertical axis with the category lines at 30 and 60, time on the horizontal axis, one point per saved
// result (its value, as a whole percentage, and date in the point's title and in the table below the charts).
import { percentText } from "../risk-text.js";

const svgNs = "http://www.w3.org/2000/svg";
const width = 600;
const height = 220;
const pad = { left: 44, right: 16, top: 12, bottom: 30 };

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(svgNs, tag);
  for (const [name, value] of Object.entries(attrs)) {
    node.setAttribute(name, String(value));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

const day = (iso) => new Date(iso).toLocaleDateString(undefined, { year: "numeric", month: "short", day: "numeric" });

/** A figure with the chart of `items` ({ savedAt, riskPercentage, category }), oldest to newest. */
export function riskChart(title, items) {
  const points = [...items].sort((a, b) => Date.parse(a.savedAt) - Date.parse(b.savedAt));
  const times = points.map(p => Date.parse(p.savedAt));
  const first = Math.min(...times);
  const last = Math.max(...times);
  const x = (t) => pad.left + (last === first ? 0.5 : (t - first) / (last - first)) * (width - pad.left - pad.right);
  const y = (v) => pad.top + (1 - v / 100) * (height - pad.top - pad.bottom);
  const latest = points[points.length - 1];

  const chart = svg("svg", {
    viewBox: `0 0 ${width} ${height}`, class: "risk-chart", role: "img",
    "aria-label": `${title}: ${points.length} result${points.length === 1 ? "" : "s"} from ${day(points[0].savedAt)} to ${day(latest.savedAt)}; latest ${percentText(latest.riskPercentage, latest.category)} (${latest.category}).`,
  });
  for (const [from, to, band] of [[0, 30, "low"], [30, 60, "moderate"], [60, 100, "high"]]) {
    chart.append(svg("rect", { x: pad.left, y: y(to), width: width - pad.left - pad.right, height: y(from) - y(to), class: `band band-${band}` }));
  }
  for (const value of [0, 30, 60, 100]) {
    chart.append(svg("line", { x1: pad.left, x2: width - pad.right, y1: y(value), y2: y(value), class: "grid" }));
    chart.append(svg("text", { x: pad.left - 6, y: y(value) + 4, "text-anchor": "end", class: "axis" }, `${value}%`));
  }
  chart.append(svg("text", { x: pad.left, y: height - 8, class: "axis" }, day(points[0].savedAt)));
  if (last !== first) {
    chart.append(svg("text", { x: width - pad.right, y: height - 8, "text-anchor": "end", class: "axis" }, day(latest.savedAt)));
  }
  if (points.length > 1) {
    chart.append(svg("polyline", { points: points.map((p, i) => `${x(times[i])},${y(p.riskPercentage)}`).join(" "), class: "line" }));
  }
  points.forEach((p, i) => {
    const dot = svg("circle", { cx: x(times[i]), cy: y(p.riskPercentage), r: 5, class: `point point-${String(p.category).toLowerCase()}` });
    dot.append(svg("title", {}, `${day(p.savedAt)}: ${percentText(p.riskPercentage, p.category)} (${p.category}), model ${p.model.version}`));
    chart.append(dot);
  });

  const figure = document.createElement("figure");
  figure.className = "chart";
  figure.dataset.disease = points[0].disease;
  const caption = document.createElement("figcaption");
  const versions = [...new Set(points.map(p => p.model.version))];
  caption.textContent = `${title}: estimated risk, ${points.length} result${points.length === 1 ? "" : "s"}`
    + (versions.length > 1 ? ` (model versions ${versions.join(", ")})` : "");
  figure.append(caption, chart);
  return figure;
}
