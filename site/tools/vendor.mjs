// Copies the API reference's viewer (Swagger UI, from the npm package swagger-ui-dist pinned in the root
// package-lock.json) into site/vendor/swagger-ui/, so that api.html serves it from the site itself (no CDN).
// The copy is not committed (see .gitignore); scripts/run.sh and the tests run this, a deployment must too.
//
//   node site/tools/vendor.mjs                               # into this site/
//   node site/tools/vendor.mjs --node-modules <dir>          # from another install (a copy of site/ elsewhere)
import { copyFile, mkdir, readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const site = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const nodeModules = args.includes("--node-modules") ? args[args.indexOf("--node-modules") + 1] : join(site, "..", "node_modules");
const source = join(nodeModules, "swagger-ui-dist");
const target = join(site, "vendor", "swagger-ui");

const { version } = JSON.parse(await readFile(join(source, "package.json"), "utf8").catch(() => {
  console.error(`${source} is missing: run npm ci at the repository root.`);
  process.exit(1);
}));
await mkdir(target, { recursive: true });
for (const file of ["swagger-ui-bundle.js", "swagger-ui.css", "LICENSE", "NOTICE"]) {
  await copyFile(join(source, file), join(target, file));
}
console.log(`swagger-ui-dist ${version} copied to ${target}`);
