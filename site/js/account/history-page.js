// The history page: saved results newest first (100 at a time, "Show older results" for more), a filter
// by test, and one risk-over-time chart per test drawn from the results shown.
import { describe, getJson } from "../api.js";
import { navNames } from "../views.js";
import { riskChart } from "./chart.js";
import { signedInPart } from "./session.js";
import { percentText } from "../risk-text.js";

const status = document.getElementById("history-status");
const filter = document.getElementById("disease-filter");
const rows = document.getElementById("history-rows");
const table = document.getElementById("history-table");
const empty = document.getElementById("history-empty");
const more = document.getElementById("history-more");
const charts = document.getElementById("charts");
const pageSize = 100;

let items = [];
let continuation = null;

const when = (iso) => new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });

function row(item) {
  const tr = document.createElement("tr");
  tr.dataset.id = item.id;
  const cells = [when(item.savedAt), navNames[item.disease] ?? item.disease, percentText(item.riskPercentage, item.category), item.category];
  for (const text of cells) {
    const td = document.createElement("td");
    td.textContent = text;
    tr.append(td);
  }
  const link = document.createElement("a");
  link.href = `prediction.html?id=${encodeURIComponent(item.id)}`;
  link.textContent = "View";
  link.setAttribute("aria-label", `View the ${navNames[item.disease] ?? item.disease} result of ${when(item.savedAt)}`);
  const td = document.createElement("td");
  td.append(link);
  tr.append(td);
  return tr;
}

function drawCharts() {
  charts.querySelectorAll("figure").forEach(figure => figure.remove());
  const byDisease = Map.groupBy(items, item => item.disease);
  for (const [disease, results] of byDisease) {
    charts.append(riskChart(navNames[disease] ?? disease, results));
  }
  charts.hidden = items.length === 0;
}

async function load(reset) {
  if (reset) {
    items = [];
    continuation = null;
    rows.replaceChildren();
  }
  status.textContent = "Loading your history…";
  more.disabled = true;
  try {
    const query = new URLSearchParams({ pageSize: String(pageSize) });
    if (filter.value) {
      query.set("disease", filter.value);
    }
    if (continuation) {
      query.set("continuation", continuation);
    }
    const page = await getJson(`/api/me/predictions?${query}`);
    items.push(...page.items);
    continuation = page.continuation;
    rows.append(...page.items.map(row));
    table.hidden = items.length === 0;
    empty.hidden = items.length > 0;
    more.hidden = !continuation;
    drawCharts();
    status.textContent = `${items.length} saved result${items.length === 1 ? "" : "s"} shown${continuation ? "; older ones are not shown yet" : ""}.`;
  } catch (error) {
    status.textContent = describe(error);
  } finally {
    more.disabled = false;
  }
}

if (await signedInPart(status)) {
  filter.addEventListener("change", () => load(true));
  more.addEventListener("click", () => load(false));
  await load(true);
}
document.body.dataset.ready = "true";
