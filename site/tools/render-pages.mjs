#!/usr/bin/env node
// Renders the site's pages from the API's published schemas (GET /api/predict/{disease}), so that the
// static forms (what a browser with JavaScript off posts) match the server's contract, and each served
// model's card (models/manifest.json, models/<disease>/<version>/card.md) as a page of the site.
//
//   node site/tools/render-pages.mjs                       # schemas from http://127.0.0.1:7071 (bash scripts/run.sh)
//   node site/tools/render-pages.mjs --api http://host:port
//   node site/tools/render-pages.mjs --check               # exit 1 if a committed page differs
//   node site/tools/render-pages.mjs --rebase              # only point the forms at config.js's apiBase (no API needed)
//
// A form's action is "<apiBase from site/config.js><its data-api-path>".
import { copyFile, mkdir, readFile, readdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { apiBase as configured } from "../config.js";
import { toHtml } from "../js/h.js";
import { accountPages } from "../js/account/views.js";
import { aboutPage, apiPage, chatPage, diseasePage, diseases, indexPage, modelCardPage } from "../js/views.js";
import { cardView } from "./card.mjs";

const apiBase = configured.replace(/\/+$/, "");
const site = join(dirname(fileURLToPath(import.meta.url)), "..");
const models = join(site, "..", "models");
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const api = option("--api", "http://127.0.0.1:7071").replace(/\/$/, "");
const check = args.includes("--check");
const escapeAttr = (s) => s.replace(/&/g, "&amp;").replace(/"/g, "&quot;");

if (args.includes("--rebase")) {
  for (const file of (await readdir(site)).filter(f => f.endsWith(".html"))) {
    const path = join(site, file);
    const html = await readFile(path, "utf8");
    const rebased = html.replace(/(<form [^>]*?action=")[^"]*("[^>]*? data-api-path="([^"]*)")/g,
      (_, start, end, apiPath) => `${start}${escapeAttr(apiBase + apiPath)}${end}`);
    if (rebased !== html) {
      await writeFile(path, rebased);
    }
  }
  console.log(`forms now post to ${apiBase || "this origin"}/api/…`);
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
const manifest = JSON.parse(await readFile(join(models, "manifest.json"), "utf8"));
const pages = {
  "index.html": indexPage(schemas),
  "chat.html": chatPage(schemas, `${apiBase}/api/chat`),
  "about.html": aboutPage(schemas),
  "api.html": apiPage(schemas, `${apiBase}/api/openapi.json`),
  ...Object.fromEntries(schemas.map(s => [`${s.disease}.html`, diseasePage(s, `${apiBase}/api/predict/${s.disease}`, schemas)])),
  ...accountPages(schemas),
};
const images = [];
for (const schema of schemas) {
  const entry = manifest.models[schema.disease];
  if (!entry) {
    continue;
  }
  const folder = dirname(entry.blobPath);
  const card = await readFile(join(models, folder, "card.md"), "utf8");
  pages[`model-${schema.disease}.html`] = modelCardPage(schema, schemas, cardView(card, `models/${schema.disease}`));
  for (const image of card.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
    images.push([join(models, folder, image[1]), join(site, "models", schema.disease, image[1])]);
  }
}

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
    console.error(`${file} differs from the schema served by ${api} (or from models/)`);
  } else {
    await writeFile(path, html);
    console.log(`wrote ${file}`);
  }
}
for (const [from, to] of images) {
  const [source, target] = await Promise.all([readFile(from), readFile(to).catch(() => null)]);
  if (target && source.equals(target)) {
    continue;
  }
  stale++;
  if (check) {
    console.error(`${to} differs from ${from}`);
  } else {
    await mkdir(dirname(to), { recursive: true });
    await copyFile(from, to);
    console.log(`copied ${to}`);
  }
}
process.exit(check && stale > 0 ? 1 : 0);
