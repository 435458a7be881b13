// An outside check of the API against its own document: from the served /api/openapi.json alone, generate
// valid and invalid requests for every JSON operation, send them to the running app, and check with ajv
// (JSON Schema 2020-12, the dialect of OpenAPI 3.1) that
//   (a) every answer matches the document: its status is declared, its body validates against the schema
//       declared for that status and media type, and the headers declared as required are there and valid;
//   (b) every request the document forbids is refused with a 4xx application/problem+json;
//   (c) every request the document allows is answered 2xx, or with a 4xx the document declares for a state
//       the request cannot see (401 signed out, 404 for an id that is not in your history).
// Deterministic: the seed fixes every request. Prints counts as one JSON line; exits 1 on any failure.
//
//   node contract-run.mjs --base http://127.0.0.1:7071 [--seed 26] [--rounds 1] [--concurrency 4]
//
// --base is the host's root (the document is /api/openapi.json; DevHost's /.auth/login/aad signs a person in).
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith("--") ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const base = (args.base ?? "http://127.0.0.1:7071").replace(/\/$/, "");
const seed = Number(args.seed ?? 26);
const rounds = Number(args.rounds ?? 1);
const concurrency = Number(args.concurrency ?? 4);

// ---- a deterministic generator (mulberry32) -------------------------------------------------------------
let state = seed >>> 0;
const random = () => {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (items) => items[Math.floor(random() * items.length)];
const between = (min, max) => min + random() * (max - min);

// ---- the document, as ajv sees it ------------------------------------------------------------------------
const documentUrl = `${base}/api/openapi.json`;
const served = await fetch(documentUrl);
if (!served.ok) throw new Error(`${documentUrl}: ${served.status}`);
const doc = await served.json();
const DOC_ID = "https://healthoracle.invalid/openapi.json";
const ajv = new Ajv2020({ strict: false, allErrors: false });
addFormats(ajv);
ajv.addSchema({ ...doc, $id: DOC_ID });
const compiled = new Map();
const validator = (schema) => {
  const key = JSON.stringify(schema);
  if (!compiled.has(key)) compiled.set(key, ajv.compile({ $id: `${DOC_ID}/s${compiled.size}`, ...rebase(schema) }));
  return compiled.get(key);
};
// A schema taken out of the document keeps its $refs pointing into it.
function rebase(node) {
  if (Array.isArray(node)) return node.map(rebase);
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === "$ref" && typeof v === "string" && v.startsWith("#") ? DOC_ID + v : rebase(v)]));
  }
  return node;
}
const resolve = (node) => (node && node.$ref ? resolve(node.$ref.slice(2).split("/").reduce((n, part) => n[part.replace(/~1/g, "/").replace(/~0/g, "~")], doc)) : node);
const schemaOf = (ref) => resolve(ref);

// ---- what the document says about one request ------------------------------------------------------------
// The document's own version (the one value its api-version parameter allows): every call here is written against it.
const apiVersionOf = (op) => resolve(op.parameters?.find((p) => resolve(p).name === "api-version"))?.schema?.enum?.[0] ?? doc.info.version;

/** Null when the document allows the request; else why it does not. */
function forbiddenBy(op, query, pathValues, bodyText, mediaType) {
  for (const p of (op.parameters ?? []).map(resolve)) {
    const value = p.in === "query" ? query[p.name] : p.in === "path" ? pathValues[p.name] : undefined;
    if (value === undefined) {
      if (p.required) return `missing ${p.in} parameter ${p.name}`;
      continue;
    }
    if (!validator(p.schema)(fromText(value, resolve(p.schema)))) return `${p.in} parameter ${p.name}=${value}`;
  }
  for (const name of Object.keys(query)) {
    if (!(op.parameters ?? []).map(resolve).some((p) => p.in === "query" && p.name === name)) continue; // unknown query names: OpenAPI does not forbid them
  }
  const body = op.requestBody ? resolve(op.requestBody) : null;
  if (bodyText === undefined) return body?.required ? "missing body" : null;
  if (!body) return null;
  const content = body.content?.[mediaType];
  if (!content) return `media type ${mediaType} not declared`;
  if (mediaType.endsWith("json")) {
    let parsed;
    try {
      parsed = JSON.parse(bodyText);
    } catch {
      return "not JSON";
    }
    if (hasDuplicateNames(bodyText)) return "a name given twice (the document says bodies are I-JSON, RFC 7493, in info.description)";
    const validate = validator(content.schema);
    if (!validate(parsed)) return `body: ${ajv.errorsText(validate.errors)}`;
    const broken = brokenRule(schemaOf(content.schema), parsed);
    if (broken) return `the patient's rule ${broken} (x-rules)`;
  }
  return null;
}

/**
 * A rule across fields (the patient schema's x-rules: field ≤ limit) that a body breaks, found wherever a patient
 * is in it: the body itself, each of a batch's patients, a what-if's patient and that patient with its changes.
 * Values sent with a unit are left out (only the server converts them; the generator keeps rule fields plain).
 */
function brokenRule(schema, body) {
  const patientsIn = () => {
    if (schema.properties?.patients) return body.patients.map((p) => [schemaOf(schema.properties.patients.items), p]);
    if (schema.properties?.changes) {
      const patientSchema = schemaOf(schema.properties.patient);
      return [[patientSchema, body.patient], [patientSchema, { ...body.patient, ...body.changes }]];
    }
    return [[schema, body]];
  };
  for (const [patientSchema, patient] of patientsIn()) {
    for (const rule of patientSchema["x-rules"] ?? []) {
      const [a, b] = [patient[rule.field], patient[rule.notMoreThan]];
      if (typeof a === "number" && typeof b === "number" && a > b) return `${rule.field} ≤ ${rule.notMoreThan}`;
    }
  }
  return null;
}

/** A query or path value as the type its schema says (OpenAPI's simple style); an unreadable one stays a string, which fails. */
function fromText(text, schema) {
  const types = [schema.type].flat().filter(Boolean);
  if (types.includes("boolean")) return text === "true" ? true : text === "false" ? false : text;
  if (types.includes("integer") || types.includes("number")) return /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(text) ? Number(text) : text;
  return text;
}

function hasDuplicateNames(text) {
  // A small JSON scanner: a stack of name sets, one per open object.
  const stack = [];
  let expectName = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{") {
      stack.push(new Set());
      expectName = true;
    } else if (c === "[") {
      stack.push(null);
    } else if (c === "}" || c === "]") {
      stack.pop();
    } else if (c === ",") {
      expectName = stack.at(-1) instanceof Set;
    } else if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      if (expectName) {
        const name = JSON.parse(text.slice(i, j + 1));
        if (stack.at(-1).has(name)) return true;
        stack.at(-1).add(name);
        expectName = false;
      }
      i = j;
    }
  }
  return false;
}

// ---- what the document says about one answer -------------------------------------------------------------
function answerMismatch(op, response, text) {
  const status = String(response.status);
  const declared = op.responses[status] ?? op.responses[`${status[0]}XX`] ?? op.responses.default;
  if (!declared) return `status ${status} is not declared`;
  const answer = resolve(declared);
  for (const [name, header] of Object.entries(answer.headers ?? {})) {
    const h = resolve(header);
    const value = response.headers.get(name);
    if (value === null) {
      if (h.required) return `required header ${name} missing`;
      continue;
    }
    if (h.schema && !validator(h.schema)(fromText(value, resolve(h.schema)))) return `header ${name}: ${value}`;
  }
  const mediaType = (response.headers.get("content-type") ?? "").split(";")[0].trim();
  if (!answer.content) return text.length === 0 ? null : `a body where ${status} declares none`;
  const content = answer.content[mediaType];
  if (!content) return `media type ${mediaType || "(none)"} not declared for ${status}`;
  if (!mediaType.endsWith("json") || !content.schema) return null;
  let parsed;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "answer is not JSON";
  }
  const validate = validator(content.schema);
  return validate(parsed) ? null : `answer body: ${ajv.errorsText(validate.errors)}`;
}

// ---- requests --------------------------------------------------------------------------------------------
const paths = doc.paths;
const operation = (path, method) => paths[path]?.[method];
const diseases = Object.keys(paths).filter((p) => /^\/predict\/[^/{]+$/.test(p)).map((p) => p.split("/")[2]);

function patientSchemaOf(disease) {
  return schemaOf(operation(`/predict/${disease}`, "post").requestBody.content["application/json"].schema);
}

function examplePatient(disease) {
  const examples = operation(`/predict/${disease}`, "post").requestBody.content["application/json"].examples ?? {};
  const first = Object.values(examples)[0];
  return first ? structuredClone(resolve(first).value) : null;
}

/** A value the field's schema allows, drawn at random (the plain number branch of a field with units, or its unit object). */
function validValue(schema, withUnits = true) {
  const s = resolve(schema);
  if (s.anyOf) {
    const numberBranch = plainBranch(s);
    const unitBranch = s.anyOf.map(resolve).find((b) => b.type === "object");
    const constant = s.anyOf.map(resolve).find((b) => "const" in b);
    if (constant && random() < 0.1) return constant.const;
    if (withUnits && unitBranch && random() < 0.3) {
      const choice = pick(unitBranch.oneOf.map(resolve));
      const unit = choice.properties.unit.enum[0];
      return { value: round(between(choice.properties.value.minimum, choice.properties.value.maximum), 2), unit };
    }
    return validValue(numberBranch, withUnits);
  }
  const types = [s.type].flat();
  if (s.enum) return pick(s.enum.filter((v) => v !== null));
  if (types.includes("integer")) return Math.floor(between(s.minimum ?? 0, (s.maximum ?? 100) + 1));
  if (types.includes("number")) return round(between(s.minimum ?? 0, s.maximum ?? 100), 2);
  return null;
}

/** A field's plain number: the branch of its anyOf with a range (the outer schema may carry the type). */
function plainBranch(s) {
  if (!s.anyOf) return s;
  const branch = s.anyOf.map(resolve).find((b) => b.type !== "object" && !("const" in b));
  return { type: s.type, ...branch };
}

const round = (x, digits) => Math.round(x * 10 ** digits) / 10 ** digits;

/** A valid patient: the document's example with one to three fields drawn anew, optional ones sometimes left out. */
function validPatient(disease) {
  const schema = patientSchemaOf(disease);
  const patient = examplePatient(disease) ?? {};
  const names = Object.keys(schema.properties);
  for (const name of schema.required) if (!(name in patient)) patient[name] = validValue(schema.properties[name]);
  const draws = 1 + Math.floor(random() * 3);
  for (let i = 0; i < draws; i++) {
    const name = pick(names);
    if (!schema.required.includes(name) && random() < 0.25) delete patient[name];
    else patient[name] = validValue(schema.properties[name]);
  }
  for (const rule of schema["x-rules"] ?? []) keepRule(schema, patient, rule);
  return patient;
}

/** Makes a valid patient keep a rule across fields: both values plain, the field at most its limit. */
function keepRule(schema, patient, rule) {
  if (!(rule.field in patient) || !(rule.notMoreThan in patient) || patient[rule.field] === null || patient[rule.notMoreThan] === null) return;
  for (const name of [rule.field, rule.notMoreThan]) if (typeof patient[name] === "object") patient[name] = validValue(schema.properties[name], false);
  const field = plainBranch(resolve(schema.properties[rule.field]));
  if (patient[rule.field] > patient[rule.notMoreThan]) patient[rule.field] = Math.max(field.minimum ?? 0, round(patient[rule.notMoreThan] * random(), 2));
}

/** A patient the document forbids, and how. */
function invalidPatient(disease) {
  const schema = patientSchemaOf(disease);
  const patient = validPatient(disease);
  const names = Object.keys(schema.properties);
  const name = pick(names);
  const field = resolve(schema.properties[name]);
  const plain = plainBranch(field);
  const unitBranch = field.anyOf?.map(resolve).find((b) => b.type === "object");
  const kinds = ["string", "numberAsString", "unknown", "bool", "array", "object", "nested"];
  if (schema.required.length) kinds.push("missing", "missing");
  if (plain.minimum !== undefined) kinds.push("below", "below");
  if (plain.maximum !== undefined) kinds.push("above", "above");
  if (plain.enum) kinds.push("enum", "enum");
  if ([plain.type].flat().includes("integer") && !plain.enum) kinds.push("fraction");
  if (![plain.type].flat().includes("null")) kinds.push("null");
  if (unitBranch) kinds.push("badUnit", "badUnit", "unitOutOfRange", "unitExtra");
  const kind = pick(kinds);
  switch (kind) {
    case "string": patient[name] = "high"; break;
    case "numberAsString": patient[name] = String(validValue(plain)); break;
    case "unknown": patient[pick(["nope", "Age ", "cholesterol", "chol.unit", "__proto__x"])] = 1; break;
    case "bool": patient[name] = true; break;
    case "array": patient[name] = [validValue(plain)]; break;
    case "object": patient[name] = { value: validValue(plain) }; break;
    case "nested": patient[name] = { value: { value: 1 }, unit: "x" }; break;
    case "missing": delete patient[pick(schema.required)]; break;
    case "below": patient[name] = plain.minimum - pick([1, 0.5, 1000]); break;
    case "above": patient[name] = plain.maximum + pick([1, 0.5, 1e6]); break;
    case "enum": patient[name] = Math.max(...plain.enum.filter((v) => typeof v === "number")) + 1; break;
    case "fraction": patient[name] = (plain.minimum ?? 0) + 0.5; break;
    case "null": patient[name] = null; break;
    case "badUnit": patient[name] = { value: 1, unit: pick(["furlongs", "mmol", "MG/DL ", "", "g/l/l"]) }; break;
    case "unitOutOfRange": {
      const choice = pick(unitBranch.oneOf.map(resolve));
      patient[name] = { value: choice.properties.value.maximum * 10 + 1, unit: choice.properties.unit.enum[0] };
      break;
    }
    case "unitExtra": {
      const choice = pick(unitBranch.oneOf.map(resolve));
      patient[name] = { value: choice.properties.value.minimum, unit: choice.properties.unit.enum[0], note: "x" };
      break;
    }
  }
  return { patient, kind };
}

/** A body with the same name twice, as text. */
function duplicateNames(patient) {
  const [name, value] = Object.entries(patient)[0];
  return JSON.stringify(patient).replace(/^\{/, `{${JSON.stringify(name)}:${JSON.stringify(value)},`);
}

function* requests(signedIn) {
  const version = { "api-version": apiVersionOf(operation("/diseases", "get")) };
  yield { method: "GET", path: "/diseases", query: { ...version } };
  yield { method: "GET", path: "/health", query: { ...version } };
  yield { method: "GET", path: "/openapi.json", query: {} };
  yield { method: "GET", path: "/diseases", query: { "api-version": "2020-01-01" } };
  for (const disease of diseases) {
    yield { method: "GET", path: `/predict/${disease}`, query: { ...version } };
    yield { method: "GET", path: `/predict/${disease}`, query: { "api-version": pick(["1", "", "2026-12-1"]) } };
    const single = `/predict/${disease}`;
    const query = () => {
      const q = { ...version };
      if (random() < 0.3) q.explain = pick(["true", "false"]);
      if (random() < 0.2) q.save = "false";
      return q;
    };
    for (let i = 0; i < 12; i++) yield { method: "POST", path: single, query: query(), json: validPatient(disease), signedIn };
    for (let i = 0; i < 12; i++) {
      const { patient, kind } = invalidPatient(disease);
      yield { method: "POST", path: single, query: query(), json: patient, kind, signedIn };
    }
    yield { method: "POST", path: single, query: { ...version, explain: pick(["yes", "1", "TRUE", ""]) }, json: validPatient(disease), kind: "badFlag" };
    yield { method: "POST", path: single, query: { ...version }, text: duplicateNames(validPatient(disease)), kind: "duplicate" };
    yield { method: "POST", path: single, query: { ...version }, json: [validPatient(disease)], kind: "array" };
    yield { method: "POST", path: single, query: { ...version }, text: pick(["", "{", "null", "42", '"x"']), kind: "notAPatient" };

    const batch = `${single}/batch`;
    const patients = (n) => Array.from({ length: n }, () => validPatient(disease));
    for (let i = 0; i < 3; i++) yield { method: "POST", path: batch, query: query(), json: { patients: patients(1 + Math.floor(random() * 5)) } };
    for (let i = 0; i < 3; i++) {
      const list = patients(1 + Math.floor(random() * 4));
      const at = Math.floor(random() * list.length);
      const { patient, kind } = invalidPatient(disease);
      list[at] = patient;
      yield { method: "POST", path: batch, query: query(), json: { patients: list }, kind: `batch:${kind}` };
    }
    const wrongBatch = pick([
      () => ({ json: { patients: [] }, kind: "emptyBatch" }),
      () => ({ json: { patients: patients(1001) }, kind: "tooMany" }),
      () => ({ json: { patients: patients(1), extra: 1 }, kind: "batchExtra" }),
      () => ({ json: patients(2), kind: "bareArray" }),
      () => ({ json: { instances: patients(1) }, kind: "wrongName" }),
    ])();
    yield { method: "POST", path: batch, query: { ...version }, ...wrongBatch };

    const whatIf = `${single}/what-if`;
    const whatIfOp = operation(whatIf, "post");
    if (whatIfOp) {
      const schema = patientSchemaOf(disease);
      const changeable = Object.keys(schemaOf(schemaOf(whatIfOp.requestBody.content["application/json"].schema).properties.changes).properties);
      for (let i = 0; i < 3; i++) {
        const name = pick(changeable);
        const inRule = (schema["x-rules"] ?? []).some((r) => r.field === name || r.notMoreThan === name);
        yield { method: "POST", path: whatIf, query: { ...version }, json: { patient: validPatient(disease), changes: { [name]: validValue(schema.properties[name], !inRule) } } };
      }
      const { patient, kind } = invalidPatient(disease);
      yield pick([
        { method: "POST", path: whatIf, query: { ...version }, json: { patient, changes: { [pick(changeable)]: validValue(schema.properties[pick(changeable)]) } }, kind: `whatIf:${kind}` },
        { method: "POST", path: whatIf, query: { ...version }, json: { patient: validPatient(disease), changes: {} }, kind: "noChanges" },
        { method: "POST", path: whatIf, query: { ...version }, json: { patient: validPatient(disease) }, kind: "missingChanges" },
        { method: "POST", path: whatIf, query: { ...version }, json: { patient: validPatient(disease), changes: { [pick(changeable)]: "10" } }, kind: "changeAsString" },
      ]);
    }
  }
  // Chat: only bodies the document forbids (no language model is asked).
  const chats = [
    [{ message: "" }, "empty"], [{}, "missing"], [{ message: 5 }, "number"], [{ message: "x".repeat(2001) }, "long"],
    [{ message: "hi", history: "no" }, "history"], [{ message: "hi", history: Array.from({ length: 21 }, () => ({ role: "user", text: "a" })) }, "longHistory"],
    [{ message: "hi", predictionId: "" }, "emptyId"], [[], "array"],
  ];
  const [chat, chatKind] = pick(chats);
  yield { method: "POST", path: "/chat", query: { ...version }, json: chat, kind: `chat:${chatKind}` };
  const suggestions = [[{}, "none"], [{ predictionId: "" }, "emptyId"], [{ prediction: 5 }, "number"], [[], "array"]];
  const [suggestion, suggestionKind] = pick(suggestions);
  yield { method: "POST", path: "/chat/suggestions", query: { ...version }, json: suggestion, kind: `suggestions:${suggestionKind}` };

  // A person's own routes: signed out they are a 401 the document declares; signed in, valid and invalid.
  yield { method: "GET", path: "/me", query: { ...version }, signedIn };
  yield { method: "GET", path: "/me/predictions", query: { ...version, pageSize: pick(["1", "20", "100", "0", "101", "x"]) }, signedIn };
  yield { method: "GET", path: "/me/predictions", query: { ...version, disease: pick([...diseases, "cancer"]) }, signedIn };
  yield { method: "GET", path: "/me/predictions/{id}", pathValues: { id: pick(["0000000000000000000abcdef12", "nope", "x".repeat(27)]) }, query: { ...version }, signedIn };
  const profiles = [
    [{ dateOfBirth: "1970-05-01", sex: "female", bloodGroup: "O+" }], [{ sex: null }], [{}],
    [{ sex: "other" }, "sex"], [{ bloodGroup: "C" }, "bloodGroup"], [{ dateOfBirth: "01/05/1970" }, "date"], [{ height: 180 }, "unknown"], [{ sex: 1 }, "type"],
  ];
  const [profile, profileKind] = pick(profiles);
  yield { method: "PUT", path: "/me/profile", query: { ...version }, json: profile, kind: profileKind && `profile:${profileKind}`, signedIn };
  yield {
    method: "PATCH", path: "/me/predictions/{id}/suggestions/{suggestionId}", pathValues: { id: "0000000000000000000abcdef12", suggestionId: "00" }, query: { ...version },
    json: pick([{ read: true }, { read: "yes" }, {}, { read: true, more: 1 }]), signedIn,
  };
}

// ---- sending and judging ---------------------------------------------------------------------------------
const counts = { requests: 0, valid: 0, invalid: 0, answered2xx: 0, refused4xx: 0, stateDependent: 0, mismatches: 0, acceptedForbidden: 0, refusedAllowed: 0, byStatus: {} };
const failures = [];
const kinds = {};

async function signIn() {
  const response = await fetch(`${base}/.auth/login/aad`, {
    method: "POST", redirect: "manual", body: new URLSearchParams({ user_id: `contract-run-${seed}`, user_name: "Contract Run" }),
  });
  const cookie = response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error(`sign-in at ${base}/.auth/login/aad gave no cookie (${response.status})`);
  return cookie;
}

async function send(request, cookie) {
  const op = operation(request.path, request.method.toLowerCase());
  if (!op) throw new Error(`no operation ${request.method} ${request.path} in the document`);
  const concretePath = request.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(request.pathValues[name]));
  const url = new URL(`${base}/api${concretePath}`);
  for (const [name, value] of Object.entries(request.query)) url.searchParams.set(name, value);
  const bodyText = request.text ?? (request.json === undefined ? undefined : JSON.stringify(request.json));
  const headers = { accept: "application/json" };
  if (bodyText !== undefined) headers["content-type"] = "application/json";
  if (request.signedIn && cookie) headers.cookie = cookie;
  const forbidden = forbiddenBy(op, request.query, request.pathValues ?? {}, bodyText, "application/json");
  const response = await fetch(url, { method: request.method, headers, body: bodyText });
  const text = await response.text();

  counts.requests++;
  counts[forbidden ? "invalid" : "valid"]++;
  counts.byStatus[response.status] = (counts.byStatus[response.status] ?? 0) + 1;
  if (request.kind) kinds[request.kind.split(":").pop()] = (kinds[request.kind.split(":").pop()] ?? 0) + 1;
  const what = `${request.method} ${url.pathname}${url.search}${request.kind ? ` [${request.kind}]` : ""}`;
  const fail = (counter, reason) => {
    counts[counter]++;
    if (failures.length < 40) failures.push({ request: what, status: response.status, reason, body: bodyText?.slice(0, 300), answer: text.slice(0, 400) });
  };

  const mismatch = answerMismatch(op, response, text);
  if (mismatch) fail("mismatches", mismatch);

  const ok = response.status >= 200 && response.status < 300;
  const problem = response.status >= 400 && response.status < 500 && (response.headers.get("content-type") ?? "").startsWith("application/problem+json");
  if (forbidden) {
    if (problem) counts.refused4xx++;
    else fail("acceptedForbidden", `the document forbids it (${forbidden}) but it was answered ${response.status}`);
  } else if (ok) {
    counts.answered2xx++;
  } else if (stateDependent(op, request, response.status, cookie)) {
    counts.stateDependent++;
  } else {
    fail("refusedAllowed", `the document allows it but it was answered ${response.status}`);
  }
}

/** A 4xx the document declares for a state the request does not carry: signed out on a signed-in route, an id not in the history. */
function stateDependent(op, request, status, cookie) {
  const signInOnly = (op.security ?? doc.security ?? []).every((alternative) => "signIn" in alternative);
  if (status === 401 && signInOnly && !(request.signedIn && cookie)) return true;
  if (status === 404 && request.pathValues?.id !== undefined) return true;
  return false;
}

async function run() {
  const cookie = await signIn();
  const all = [];
  for (let round = 0; round < rounds; round++) {
    for (const signedIn of [false, true]) all.push(...requests(signedIn));
  }
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < all.length) {
      const request = all[next++];
      await send(request, request.signedIn ? cookie : null);
    }
  }));
}

await run();
console.log(JSON.stringify({ seed, rounds, ...counts, kinds, failures }, null, 1));
process.exit(counts.mismatches + counts.acceptedForbidden + counts.refusedAllowed === 0 ? 0 : 1);
