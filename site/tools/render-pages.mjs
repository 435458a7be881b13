#!/usr/bin/env node
// Renders the site's pages from the API's published schemas (GET /api/predict/{disease}), so that the
// static forms (what a browser with JavaScript off posts) match the server's contract.
//
//   node site/tools/render-pages.mjs                       # schemas from http://127.0.0.1:7071 (bash scripts/run.sh)
//   node site/tools/render-pages.mjs --api http://host:port
//   node site/tools/render-pages.mjs --check               # exit 1 if a committed page differs
//   node site/tools/render-pages.mjs --rebase              # only point the forms at config.js's apiBase (no API needed)
//
// The forms' action is "<apiBase from site/config.js>/api/predict/<disease>".
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { apiBase as configured } from "../config.js";
import { toHtml } from "../js/h.js";
import { chatPage, diseasePage, diseases, indexPage } from "../js/views.js";
import { accountPages } from "../js/account/views.js";

const apiBase = configured.replace(/\/+$/, "");
const site = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const api = option("--api", "http://127.0.0.1:7071").replace(/\/$/, "");
const check = args.includes("--check");

if (args.includes("--rebase")) {
  for (const disease of diseases) {
    const path = join(site, `${disease}.html`);
    const html = await readFile(path, "utf8");
    const action = `${apiBase}/api/predict/${disease}`.replace(/&/g, "&amp;").replace(/"/g, "&quot;");
    await writeFile(path, html.replace(/(<form id="predict-form"[^>]* action=")[^"]*(")/, `$1${action}$2`));
  }
  console.log(`forms now post to ${apiBase || "this origin"}/api/predict/…`);
  process.exit(0);
}

async function schemaOf(disease) {
  const response = await fetch(`${api}/api/predict/${disease}`, { headers: { Accept: "application/json" } });
  if (!response.ok) {
    throw new Error(`GET ${api}/api/predict/${disease} answered ${response.status}`);
  }
  return response.json();
}

const schemas = await Promise.all(diseases.map(schemaOf));
const pages = {
  "index.html": indexPage(schemas),
  "chat.html": chatPage(),
  ...accountPages(),
  ...Object.fromEntries(schemas.map(s => [`${s.disease}.html`, diseasePage(s, `${apiBase}/api/predict/${s.disease}`)])),
};

let stale = 0;
for (const [file, view] of Object.entries(pages)) {
  const html = `<!doctype html>\n${toHtml(view)}\n`;
  const path = join(site, file);
  const current = await readFile(path, "utf8").catch(() => "");
  if (current === html) {
    continue;
  }
  stale++;
  if (check) {
    console.error(`${file} differs from the schema served by ${api}`);
  } else {
    await writeFile(path, html);
    console.log(`wrote ${file}`);
  }
}
process.exit(check && stale > 0 ? 1 : 0);
