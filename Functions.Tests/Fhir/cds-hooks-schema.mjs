// JSON Schema (2020-12) derived from the CDS Hooks logical models as HL7 publishes them (the FHIR tools IG's
// StructureDefinitions, copied in TestData/cds-hooks/tools-ig), and ajv's verdict on JSON documents against it.
//
//   node Functions.Tests/Fhir/cds-hooks-schema.mjs <Services|Request|Response> file.json... [--also <ValueSet url>=<code>]
//   node Functions.Tests/Fhir/cds-hooks-schema.mjs <Services|Request|Response> --print     # the derived schema
//
// Prints one JSON line per file: {"file", "errors": ["<instance path> <message>", ...]}. The derivation reads the models'
// differentials as the FHIR validator does for logical models in JSON: an element's min/max (max * an array;
// json-empty-behavior present: the array is written even empty, absent: never empty), its type (FHIR primitives by
// their regular expressions; Coding; Resource an object with a resourceType; Base anything; another model by its own
// elements; contentReference the referenced element), json-name, json-property-key (an object keyed by the key, the
// value as the element's value), json-nullable, implied-string-prefix (urn:uuid: not written), the type-specifier of the
// request's context (patient-view's context when hook is patient-view), required bindings (the value set's code system's
// codes), and the closed content of each model (no property a model does not define; extensions go in "extension").
// The models' FHIRPath invariants (cds-resp-1 ...) are not JSON Schema: CdsHooksLogicalModel.cs checks them.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const require = createRequire(join(root, 'package.json'));
const Ajv2020 = require('ajv/dist/2020').default;

const models = join(here, 'TestData', 'cds-hooks', 'tools-ig');
const tools = 'http://hl7.org/fhir/tools/StructureDefinition/';
const ext = (element, name) => (element.extension ?? []).filter(e => e.url.endsWith('/' + name));
const sds = new Map(readdirSync(models).filter(f => f.startsWith('structuredefinition-'))
  .map(f => JSON.parse(readFileSync(join(models, f), 'utf8'))).map(sd => [sd.url, sd]));

// Required bindings: value set url -> its code system's codes (plus codes added with --also).
const codes = new Map();
const systems = new Map();
for (const f of readdirSync(models).filter(f => f.startsWith('codesystem-'))) {
  const xml = readFileSync(join(models, f), 'utf8');
  systems.set(/<url value="([^"]+)"/.exec(xml)[1], [...xml.matchAll(/<concept>\s*<code value="([^"]+)"/g)].map(m => m[1]));
}
for (const f of readdirSync(models).filter(f => f.startsWith('valueset-'))) {
  const xml = readFileSync(join(models, f), 'utf8');
  const include = /<include>\s*<system value="([^"]+)"/.exec(xml)[1];
  codes.set(/<url value="([^"]+)"/.exec(xml)[1], [...systems.get(include)]);
}

const args = process.argv.slice(2);
const kind = args.shift();
for (let i = args.indexOf('--also'); i >= 0; i = args.indexOf('--also')) {
  const [url, code] = args[i + 1].split('=');
  codes.get(url).push(code);
  args.splice(i, 2);
}

// FHIR R4 primitive types' regular expressions (hl7.org/fhir/R4/datatypes.html), anchored.
const primitives = {
  string: { type: 'string', pattern: '^[ \\r\\n\\t\\S]+$' },
  markdown: { type: 'string', pattern: '^[ \\r\\n\\t\\S]+$' },
  code: { type: 'string', pattern: '^[^\\s]+( [^\\s]+)*$' },
  id: { type: 'string', pattern: '^[A-Za-z0-9\\-\\.]{1,64}$' },
  uri: { type: 'string', pattern: '^\\S+$' },
  url: { type: 'string', pattern: '^\\S+$' },
  canonical: { type: 'string', pattern: '^\\S+$' },
  uuid: { type: 'string', pattern: '^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
  integer: { type: 'integer' },
  boolean: { type: 'boolean' },
};
const closed = (properties, required) => ({ type: 'object', properties, ...(required.length ? { required } : {}), additionalProperties: false });
const coding = closed({ system: primitives.uri, version: primitives.string, code: primitives.code, display: primitives.string, userSelected: primitives.boolean }, []);
const resource = { type: 'object', required: ['resourceType'], properties: { resourceType: { type: 'string', pattern: '^[A-Z][A-Za-z]+$' } } };

function elementsOf(sd) { return sd.differential.element; }

// The properties a model inherits from its base models (CDSHooksElement: extension).
function inherited(url) {
  const sd = sds.get(url);
  if (!sd) return [];
  return [...inherited(sd.baseDefinition), ...elementsOf(sd).filter(e => e.path.split('.').length === 2).map(e => ({ sd, element: e }))];
}

function typeSchema(sd, element) {
  if (element.contentReference) {
    const path = element.contentReference.slice(1);
    return itemSchema(sd, elementsOf(sd).find(e => e.path === path));
  }
  const code = element.type?.[0]?.code;
  const children = elementsOf(sd).filter(e => e.path.startsWith(element.path + '.') && e.path.split('.').length === element.path.split('.').length + 1);
  if (children.length > 0) {
    const base = code ? (code.includes('/') ? code : tools + code) : null;
    return objectSchema(sd, children, base ? inherited(base) : []);
  }
  if (!code || code === 'Base') return {};
  if (code === 'Coding') return coding;
  if (code === 'Resource') return resource;
  if (primitives[code]) {
    const implied = ext(element, 'implied-string-prefix')[0]?.valueString;
    if (code === 'uuid' && implied === 'urn:uuid:') return { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' };
    const binding = element.binding?.strength === 'required' ? codes.get(element.binding.valueSet) : null;
    return binding ? { ...primitives[code], enum: binding } : primitives[code];
  }
  return modelSchema(code.includes('/') ? code : tools + code);
}

// An element's value as one item (before its cardinality makes it an array or a keyed object).
function itemSchema(sd, element) {
  const key = ext(element, 'json-property-key')[0]?.valueCode;
  if (key) {
    const parts = elementsOf(sd).filter(e => e.path.startsWith(element.path + '.'));
    const keyElement = parts.find(e => e.path === element.path + '.' + key);
    const valueElement = parts.find(e => e.path === element.path + '.value');
    return { type: 'object', propertyNames: typeSchema(sd, keyElement), additionalProperties: valueSchema(sd, valueElement) };
  }
  return typeSchema(sd, element);
}

function valueSchema(sd, element) {
  const item = typeSchema(sd, element);
  return ext(element, 'json-nullable')[0]?.valueBoolean ? { anyOf: [item, { type: 'null' }] } : item;
}

function objectSchema(sd, elements, inheritedElements) {
  const properties = {};
  const required = [];
  for (const { sd: owner, element } of [...inheritedElements, ...elements.map(element => ({ sd, element }))]) {
    const name = ext(element, 'json-name')[0]?.valueString ?? element.path.split('.').pop();
    const empty = ext(element, 'json-empty-behavior')[0]?.valueCode;
    const keyed = ext(element, 'json-property-key').length > 0;
    let schema = itemSchema(owner, element);
    if (element.max === '*' && !keyed) {
      schema = { type: 'array', items: schema, ...(element.min > 0 || empty === 'absent' ? { minItems: Math.max(element.min ?? 0, 1) } : {}) };
    } else if (keyed && element.min > 0) {
      schema = { ...schema, minProperties: element.min };
    }
    if (ext(element, 'json-nullable')[0]?.valueBoolean && !keyed) schema = { anyOf: [schema, { type: 'null' }] };
    properties[name] = schema;
    if (element.min > 0 || empty === 'present') required.push(name);
  }
  const object = closed(properties, required);
  // A type-specifier: the element's model chosen by a condition on the resource (the request's hook).
  const specified = elements.flatMap(e => ext(e, 'type-specifier').map(s => ({ e, s })))
    .map(({ e, s }) => ({
      name: e.path.split('.').pop(),
      hook: /%resource\.hook = '([^']+)'/.exec(s.extension.find(x => x.url === 'condition').valueString)?.[1],
      type: s.extension.find(x => x.url === 'type').valueCode,
    }))
    .filter(s => s.hook && sds.has(s.type));
  if (specified.length) {
    object.allOf = specified.map(s => ({ if: { properties: { hook: { const: s.hook } }, required: ['hook'] }, then: { properties: { [s.name]: modelSchema(s.type) } } }));
  }
  return object;
}

function modelSchema(url) {
  const sd = sds.get(url);
  if (!sd) throw new Error(`no StructureDefinition ${url} among the copies`);
  // An abstract model (a hook's context) is given by its specialisation; extensions written as named elements are
  // properties of any name.
  if (sd.abstract || ext(sd, 'extension-style')[0]?.valueCode === 'named-elements') return { type: 'object' };
  const top = elementsOf(sd).filter(e => e.path.split('.').length === 2);
  return objectSchema(sd, top, inherited(sd.baseDefinition));
}

const schema = { $schema: 'https://json-schema.org/draft/2020-12/schema', ...modelSchema(tools + 'CDSHooks' + kind) };
if (args[0] === '--print') {
  console.log(JSON.stringify(schema, null, 2));
} else {
  const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
  for (const file of args) {
    const ok = validate(JSON.parse(readFileSync(file, 'utf8')));
    console.log(JSON.stringify({ file, errors: ok ? [] : validate.errors.map(e => `${e.instancePath || '/'} ${e.message}${e.params?.allowedValues ? ' ' + e.params.allowedValues.join('|') : ''}${e.params?.additionalProperty ? ' ' + e.params.additionalProperty : ''}`) }));
  }
}
