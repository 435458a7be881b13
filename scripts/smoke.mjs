#!/usr/bin/env node
// Checks a running HealthOracle as its users meet it: any deployment, or DevHost locally. Needs no secret.
//
//   bash scripts/smoke.sh <api-url> [site-url]         (this file does the work; node 18 or later)
//
// <api-url> is the Functions app's origin (SERVICE_API_URI); [site-url] the site's (SITE_URI). Optional,
// from the environment:
//   SMOKE_GATEWAY_URL        the API through the gateway, e.g. https://apim-<token>.azure-api.net/api
//   SMOKE_SUBSCRIPTION_KEY   a subscription key for it (only then is a call through the gateway made)
//   SMOKE_SESSION_COOKIE     a signed-in session (AppServiceAuthSession=...) for the cross-site check
//   SMOKE_EMULATED_SIGN_IN=1 sign a made-up person in through DevHost's emulated /.auth/login/aad instead
//   SMOKE_SIGN_IN_PATH       the sign-in route to check, when no site is given (else the site's config.js names it)
//   SMOKE_TIMEOUT_SECONDS    per request (60)
//
// Every check prints PASS, FAIL or SKIP (with what it needs to run); the exit code is 1 if any failed.
// Nothing here hard-codes a disease: the list and the example patients come from /api/openapi.json.
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

const [apiArg, siteArg] = process.argv.slice(2);
if (!apiArg || apiArg.startsWith("-")) {
  console.error("usage: bash scripts/smoke.sh <api-url> [site-url]");
  process.exit(2);
}

const env = process.env;
const api = origin(apiArg);
const site = siteArg ? origin(siteArg) : null;
const gateway = env.SMOKE_GATEWAY_URL ? env.SMOKE_GATEWAY_URL.replace(/\/+$/, "") : null;
const subscriptionKey = env.SMOKE_SUBSCRIPTION_KEY || null;
const timeoutMs = 1000 * Number(env.SMOKE_TIMEOUT_SECONDS || 60);
const crossSiteOrigin = "https://cross-site.smoke.invalid";

const results = [];
const report = (outcome, name, detail = "") => {
  results.push(outcome);
  console.log(`${outcome.padEnd(4)} ${name}${detail ? `: ${detail}` : ""}`);
};

/** The origin of a URL given on the command line (scheme, host and port; no path or trailing slash). */
function origin(text) {
  try {
    return new URL(text).origin;
  } catch {
    console.error(`not a URL: ${text}`);
    process.exit(2);
  }
}

/** One HTTP request, nothing added and no redirect followed: answers { status, headers, text, json() }. */
function send(method, url, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const payload = body === undefined ? undefined : Buffer.from(body);
    const call = (target.protocol === "https:" ? httpsRequest : httpRequest)(target, {
      method,
      headers: { ...(payload ? { "content-length": payload.length } : {}), ...headers },
      timeout: timeoutMs,
    }, response => {
      const chunks = [];
      response.on("data", chunk => chunks.push(chunk));
      response.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        resolve({
          status: response.statusCode,
          headers: response.headers,
          text,
          json: () => JSON.parse(text),
        });
      });
    });
    call.on("timeout", () => call.destroy(new Error(`${method} ${url}: no answer within ${timeoutMs / 1000} s`)));
    call.on("error", reject);
    if (payload) {
      call.write(payload);
    }
    call.end();
  });
}

const json = (value, headers = {}) => ({ headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(value) });
const short = text => (text.length > 300 ? `${text.slice(0, 300)}…` : text);

/** An answer for a message: a problem's status, title, reason and detail, else the start of the body. */
function describe(response) {
  try {
    const problem = JSON.parse(response.text);
    if (problem && typeof problem === "object" && (problem.title || problem.detail)) {
      return `${response.status} ${problem.title ?? ""}${problem.reason ? ` (${problem.reason})` : ""}: ${short(String(problem.detail ?? ""))}`;
    }
  } catch {
    // Not JSON: the body as it came.
  }
  return `${response.status}: ${short(response.text)}`;
}

/** Runs one check; an exception is a FAIL with its message, never a crash of the whole run. */
async function check(name, body) {
  try {
    const outcome = await body();
    if (outcome) {
      report(outcome[0], name, outcome[1]);
    }
  } catch (error) {
    report("FAIL", name, error.message);
  }
}

// The contract: every disease's prediction operation and its example patients, from the app's own document.
async function diseasesFromDocument() {
  const response = await send("GET", `${api}/api/openapi.json`, { headers: { accept: "application/json" } });
  if (response.status !== 200) {
    throw new Error(`GET /api/openapi.json answered ${response.status}`);
  }
  const document = response.json();
  // Paths are relative to the first server's path (`/api`), or already full.
  const prefix = new URL(document.servers?.[0]?.url ?? "/", api).pathname.replace(/\/+$/, "");
  const diseases = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    const full = prefix && !path.startsWith(`${prefix}/`) ? prefix + path : path;
    const match = /^\/api\/predict\/([A-Za-z]+)$/.exec(full);
    const content = item.post?.requestBody?.content?.["application/json"];
    if (!match || !content) {
      continue;
    }
    const examples = Object.values(content.examples ?? {}).map(example => example.value).concat(content.example ?? []);
    diseases.push({
      key: match[1],
      path: `/api/predict/${match[1]}`,
      // The site's form posts here (Functions/Pages); page routes are not in the contract, so the path is the convention.
      pagePath: `/api/pages/predict/${match[1]}`,
      patient: examples.find(value => value && !Array.isArray(value) && typeof value === "object"),
      batch: examples.find(Array.isArray),
    });
  }
  if (diseases.length === 0) {
    throw new Error("the document lists no POST /predict/{disease} operation");
  }
  return diseases;
}

/** A patient as the site's form posts it (application/x-www-form-urlencoded). */
const asForm = patient => new URLSearchParams(Object.entries(patient).map(([name, value]) => [name, String(value)])).toString();

async function signIn() {
  if (env.SMOKE_SESSION_COOKIE) {
    return env.SMOKE_SESSION_COOKIE;
  }
  if (env.SMOKE_EMULATED_SIGN_IN !== "1") {
    return null;
  }
  // DevHost's emulated sign-in: its form (any hidden field, such as an anti-forgery token, is sent back), posted
  // as a browser on the API's own page would.
  const page = await send("GET", `${api}/.auth/login/aad`, { headers: { accept: "text/html" } });
  const hidden = [...page.text.matchAll(/<input[^>]*type="hidden"[^>]*>/g)].map(input => [
    /name="([^"]*)"/.exec(input[0])?.[1], /value="([^"]*)"/.exec(input[0])?.[1] ?? "",
  ]).filter(([name]) => name);
  const cookies = [].concat(page.headers["set-cookie"] ?? []).map(c => c.split(";")[0]);
  const form = new URLSearchParams([...hidden, ["user_id", `smoke-${Date.now()}`], ["user_name", "Smoke Test"]]).toString();
  const answer = await send("POST", `${api}/.auth/login/aad`, {
    headers: { "content-type": "application/x-www-form-urlencoded", origin: api, "sec-fetch-site": "same-origin", ...(cookies.length ? { cookie: cookies.join("; ") } : {}) },
    body: form,
  });
  const session = [].concat(answer.headers["set-cookie"] ?? []).map(c => c.split(";")[0]).find(c => c.startsWith("AppServiceAuthSession="));
  if (!session) {
    throw new Error(`the emulated sign-in answered ${answer.status} without a session cookie`);
  }
  return session;
}

const savedIds = async cookie => {
  const page = await send("GET", `${api}/api/me/predictions?pageSize=100`, { headers: { cookie, accept: "application/json" } });
  if (page.status !== 200) {
    throw new Error(`GET /api/me/predictions answered ${describe(page)}`);
  }
  return page.json().items.map(item => item.id);
};

console.log(`smoke: API ${api}${site ? `, site ${site}` : ""}${gateway ? `, gateway ${gateway}` : ""}`);

await check("health is ok", async () => {
  const response = await send("GET", `${api}/api/health`, { headers: { accept: "application/json" } });
  if (response.status !== 200) {
    return ["FAIL", `GET /api/health answered ${describe(response)}`];
  }
  const health = response.json();
  return health.status === "ok" ? ["PASS", ""] : ["FAIL", `status ${health.status}: ${(health.problems ?? []).join("; ")}`];
});

let diseases = [];
await check("the contract lists the diseases", async () => {
  diseases = await diseasesFromDocument();
  return ["PASS", diseases.map(d => d.key).join(", ")];
});

for (const disease of diseases) {
  await check(`a prediction for ${disease.key}`, async () => {
    if (!disease.patient) {
      return ["FAIL", `the document has no example patient for ${disease.key}`];
    }
    const response = await send("POST", `${api}${disease.path}`, json(disease.patient, { accept: "application/json" }));
    if (response.status !== 200) {
      return ["FAIL", describe(response)];
    }
    const answer = response.json();
    const ok = answer.disease === disease.key && typeof answer.probability === "number" && typeof answer.category === "string";
    return ok ? ["PASS", `${answer.category}, model ${answer.model?.version ?? "?"}`] : ["FAIL", `unexpected answer: ${short(response.text)}`];
  });
}

await check("a forged X-MS-CLIENT-PRINCIPAL on /api/me is nobody", async () => {
  const claims = { auth_typ: "aad", name_typ: "name", role_typ: "roles", claims: [{ typ: "http://schemas.microsoft.com/identity/claims/objectidentifier", val: "smoke-forged" }] };
  const response = await send("GET", `${api}/api/me`, {
    headers: {
      accept: "application/json",
      "x-ms-client-principal-id": "smoke-forged",
      "x-ms-client-principal-name": "forged@example.invalid",
      "x-ms-client-principal-idp": "aad",
      "x-ms-client-principal": Buffer.from(JSON.stringify(claims)).toString("base64"),
    },
  });
  return response.status === 401 ? ["PASS", ""] : ["FAIL", `answered ${describe(response)}`];
});

await check("sign-in is the platform's (its route answers, nobody is signed in by default)", async () => {
  // The route the site links to (its config.js, or SMOKE_SIGN_IN_PATH): a 404 there means the platform's
  // authentication is off and the site's "Sign in" leads nowhere.
  let signInPath = env.SMOKE_SIGN_IN_PATH;
  if (signInPath === undefined && site) {
    signInPath = /export const signInPath = "([^"]*)"/.exec((await send("GET", `${site}/config.js`)).text)?.[1];
  }
  if (!signInPath) {
    return ["SKIP", "no sign-in route (the site's config.js names none: this deployment has no sign-in)"];
  }
  const login = await send("GET", `${api}${signInPath}`, { headers: { accept: "text/html" } });
  const me = await send("GET", `${api}/.auth/me`, { headers: { accept: "application/json" } });
  return [200, 302].includes(login.status) && me.status === 401
    ? ["PASS", `${signInPath} answered ${login.status}`]
    : ["FAIL", `${signInPath} answered ${login.status}, /.auth/me ${me.status} (expected 200 or 302, and 401)`];
});

const first = diseases.find(d => d.patient);
await check("a batch straight to the app is refused (the paid API is the gateway's)", async () => {
  if (!first) {
    return ["SKIP", "no example patient"];
  }
  const batch = first.batch ?? [first.patient, first.patient];
  const response = await send("POST", `${api}${first.path}`, json(batch, { accept: "application/json" }));
  if (response.status === 403) {
    return ["PASS", ""];
  }
  if (response.status === 200 && !gateway) {
    return ["SKIP", "accepted: this deployment has no gateway in front (give SMOKE_GATEWAY_URL where it has one)"];
  }
  return ["FAIL", response.status === 200 ? "answered 200: the gateway's key check is open" : `answered ${describe(response)}`];
});

await check("the same batch through the gateway is answered", async () => {
  if (!gateway || !subscriptionKey) {
    return ["SKIP", "needs SMOKE_GATEWAY_URL and SMOKE_SUBSCRIPTION_KEY"];
  }
  if (!first) {
    return ["SKIP", "no example patient"];
  }
  const batch = first.batch ?? [first.patient, first.patient];
  const path = first.path.replace(/^\/api/, "");
  const response = await send("POST", `${gateway}${path}`, json(batch, { accept: "application/json", "ocp-apim-subscription-key": subscriptionKey }));
  if (response.status !== 200) {
    return ["FAIL", describe(response)];
  }
  const answers = response.json();
  return Array.isArray(answers) && answers.length === batch.length ? ["PASS", `${answers.length} patients`] : ["FAIL", `unexpected answer: ${short(response.text)}`];
});

await check("a cross-site form post is not saved to the signed-in person's history", async () => {
  if (!first) {
    return ["SKIP", "no example patient"];
  }
  const cookie = await signIn();
  if (!cookie) {
    return ["SKIP", "needs a signed-in session: SMOKE_SESSION_COOKIE (or SMOKE_EMULATED_SIGN_IN=1 against DevHost)"];
  }
  // The control: the same person's own page (the site's origin, or the API's) does save, so a "not saved" below means refused.
  const own = site ?? api;
  const saved = await send("POST", `${api}${first.path}`, json(first.patient, { accept: "application/json", cookie, origin: own, "sec-fetch-site": site ? "same-site" : "same-origin" }));
  const history = saved.status === 200 ? saved.json().history : null;
  if (!history?.saved || !history.id) {
    return ["FAIL", `a post from ${own} was not saved either (${describe(saved)}), so this check proves nothing`];
  }
  // Another site's page posts the form, as a browser sends it with the person's cookie, to the route the site's own
  // form posts to (the page route) and to the JSON route (which takes forms too).
  const before = await savedIds(cookie);
  const answers = [];
  for (const path of [first.pagePath, first.path]) {
    const crossSite = await send("POST", `${api}${path}`, {
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html", cookie, origin: crossSiteOrigin, "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate" },
      body: asForm(first.patient),
    });
    answers.push(`${path} ${crossSite.status}`);
  }
  const after = await savedIds(cookie);
  const added = after.filter(id => !before.includes(id));
  // Leave the person's history as it was.
  for (const id of [history.id, ...added]) {
    await send("DELETE", `${api}/api/me/predictions/${encodeURIComponent(id)}`, { headers: { cookie, origin: own, "sec-fetch-site": site ? "same-site" : "same-origin" } });
  }
  return added.length === 0
    ? ["PASS", `answered ${answers.join(", ")}; nothing saved`]
    : ["FAIL", `posts from ${crossSiteOrigin} were saved (${added.length} of ${answers.length}; answered ${answers.join(", ")})`];
});

await check("the site answers and its config.js points at the API", async () => {
  if (!site) {
    return ["SKIP", "no site URL given"];
  }
  const page = await send("GET", `${site}/`, { headers: { accept: "text/html" } });
  if (page.status !== 200 || !String(page.headers["content-type"]).includes("text/html")) {
    return ["FAIL", `GET ${site}/ answered ${page.status} ${page.headers["content-type"] ?? ""}`];
  }
  const config = await send("GET", `${site}/config.js`);
  const apiBase = /export const apiBase = "([^"]*)"/.exec(config.text)?.[1];
  if (config.status !== 200 || apiBase === undefined) {
    return ["FAIL", `GET ${site}/config.js answered ${config.status} without an apiBase`];
  }
  if ((apiBase || site) !== api) {
    return ["FAIL", `apiBase is "${apiBase}", not ${api}`];
  }
  // Without JavaScript a form cannot read config.js: the disease's page must post to the API's page route itself.
  if (first) {
    const form = await send("GET", `${site}/${first.key}.html`, { headers: { accept: "text/html" } });
    const action = /<form [^>]*?action="([^"]*)"/.exec(form.text)?.[1];
    if (form.status !== 200 || action !== `${apiBase}${first.pagePath}`) {
      return ["FAIL", `${first.key}.html answered ${form.status} with a form posting to "${action ?? "(none)"}", not ${apiBase}${first.pagePath}`];
    }
  }
  return ["PASS", `apiBase ${apiBase || "(its own origin)"}${first ? `; ${first.key}.html posts to ${first.pagePath}` : ""}`];
});

await check("the API lets the site's origin call it with credentials (CORS)", async () => {
  if (!site || site === api || !first) {
    return ["SKIP", site === api ? "the site is the API's own origin" : "no site URL given"];
  }
  const preflight = await send("OPTIONS", `${api}${first.path}`, {
    headers: { origin: site, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
  });
  const allowed = preflight.headers["access-control-allow-origin"];
  const credentials = preflight.headers["access-control-allow-credentials"];
  return preflight.status < 300 && allowed === site && credentials === "true"
    ? ["PASS", ""]
    : ["FAIL", `preflight answered ${preflight.status}, allow-origin ${allowed ?? "(none)"}, allow-credentials ${credentials ?? "(none)"}`];
});

const failed = results.filter(r => r === "FAIL").length;
console.log(`smoke: ${results.filter(r => r === "PASS").length} passed, ${failed} failed, ${results.filter(r => r === "SKIP").length} skipped`);
process.exit(failed === 0 ? 0 : 1);
