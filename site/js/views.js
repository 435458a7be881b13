// The site's markup, described once. The generator (tools/render-pages.mjs) renders every page from
// these views and the API's published schemas; the disease pages rebuild their fields from the live
// schema with the same fieldView, so the static and the enhanced forms cannot drift apart.
import { h } from "./h.js";
import { formatNumber, inwardRange } from "./validate.js";

export const diseases = ["heart", "diabetes", "liver", "lung", "kidney"];

/** Each disease's name in a word, for the pages that draw without the schemas (history, a saved result): the schemas' shortName. */
export const navNames = { heart: "Heart", diabetes: "Diabetes", liver: "Liver", lung: "Lung", kidney: "Kidney" };

export const disclaimer =
  "HealthOracle estimates risk from a statistical model. It is not a diagnosis and not medical advice. " +
  "Talk to a doctor or other qualified professional about your health; in an emergency call your local emergency number.";

/**
 * The main navigation: [page, text, key]. The app's no-JavaScript pages draw the same list
 * (Functions/Site/SiteFrame.cs). A new page adds its entry here (and there), then re-render the pages.
 */
export function navigation(schemas) {
  return [
    ["index.html", "Home", "home"],
    ...schemas.map(s => [`${s.disease}.html`, s.shortName ?? s.displayName, s.disease]),
    ["chat.html", "Assistant", "chat"],
    ["history.html", "History", "history"],
    ["account.html", "Account", "account"],
    ["api.html", "API", "api"],
    ["about.html", "About", "about"],
  ];
}

const unitText = (unit) => (unit ? ` ${unit}` : "");

/** The accepted range in the field's unit and, for each other unit, the same range rounded inward. */
export function rangeText(field) {
  const own = `${formatNumber(field.min)}–${formatNumber(field.max)}${unitText(field.unit)}`;
  const others = (field.alternativeUnits ?? []).map(u => {
    const [min, max] = inwardRange(field, u.toFieldUnit);
    return `${formatNumber(min)}–${formatNumber(max)} ${u.unit}`;
  });
  return others.length ? `${own} (${others.join("; ")})` : own;
}

function hintText(field) {
  if (field.type === "code") {
    return field.description;
  }
  const zero = field.zeroMeansNotMeasured ? " Leave it empty, or type 0, if it was not measured." : "";
  return `${field.description} ${rangeText(field)}.${zero}`;
}

/** A choice of unit for a field that labs print in more than one; each option carries its exact factor. */
function unitSelect(field, id) {
  return h("select", { id: `${id}-unit`, name: `${field.name}.unit`, class: "unit-select", "data-unit-for": field.name },
    h("option", { value: field.unit, "data-factor": 1 }, field.unit),
    field.alternativeUnits.map(u => h("option", { value: u.unit, "data-factor": u.toFieldUnit }, u.unit)));
}

/**
 * One field: label, hint, an error slot, the input or select (with its unit choice), then a slot for a
 * soft warning (GOV.UK order). Numbers are text inputs with a numeric keyboard: a number input would
 * turn a decimal comma into a thousands separator (0,9 into 9) before any script could see it.
 */
export function fieldView(field) {
  const id = `f-${field.name}`;
  const units = field.type !== "code" && field.alternativeUnits?.length > 0;
  const label = h("label", { for: id }, field.label,
    field.unit && !units && field.type !== "code" ? h("span", { class: "unit" }, ` (${field.unit})`) : null,
    field.required ? null : h("span", { class: "optional" }, " — optional"));
  const common = {
    id, name: field.name, required: field.required, "aria-describedby": `${id}-hint`,
    "data-kind": field.type, "data-label": field.label,
  };
  const control = field.type === "code"
    ? h("select", common,
      h("option", { value: "" }, "Choose…"),
      field.codes.map(code => h("option", { value: code.value }, code.label)))
    : h("input", {
      ...common, type: "text", inputmode: field.type === "integer" ? "numeric" : "decimal",
      "data-min": field.min, "data-max": field.max, "data-unit": field.unit ?? false,
      "data-zero-means-not-measured": field.zeroMeansNotMeasured ? "true" : false,
      autocomplete: "off", spellcheck: "false",
    });
  return h("div", { class: "field", "data-field": field.name },
    label,
    h("p", { class: "hint", id: `${id}-hint` }, hintText(field)),
    h("p", { class: "error", id: `${id}-error`, hidden: true }),
    units
      ? h("div", { class: "with-unit" }, control,
        h("label", { for: `${id}-unit`, class: "visually-hidden" }, `${field.label}: unit`), unitSelect(field, id))
      : control,
    h("div", { class: "warning", id: `${id}-warning`, hidden: true }));
}

export const fieldsView = (schema) => schema.fields.map(fieldView);

export function noticeView(schema) {
  return schema.synthetic || schema.notice
    ? h("p", { class: "notice", role: "note" }, h("strong", null, schema.notice ?? "Demonstration only: this model was trained on synthetic data."))
    : null;
}

/** What the test needs and who the model learned from, with the way to the model card. */
export function contextView(schema) {
  return h("section", { class: "context", "aria-labelledby": "context-heading" },
    h("h2", { id: "context-heading" }, "Before you start"),
    h("dl", null,
      schema.requires ? [h("dt", null, "What you need"), h("dd", null, schema.requires)] : null,
      h("dt", null, "Who the model learned from"),
      h("dd", null, schema.population?.description ?? "Not stated.", " ",
        h("a", { href: `model-${schema.disease}.html` }, `How the ${(schema.shortName ?? schema.disease).toLowerCase()} model was made`))));
}

export function chrome({ title, active, main, scripts = [], description, schemas, head = [] }) {
  // Every page shows who is signed in (js/account/nav.js); the account pages add their own scripts.
  scripts = [...scripts, accountScript];
  return h("html", { lang: "en" },
    h("head", null,
      h("meta", { charset: "utf-8" }),
      h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
      h("meta", { name: "description", content: description }),
      h("title", null, `${title} · HealthOracle`),
      h("link", { rel: "icon", href: "favicon.svg", type: "image/svg+xml" }),
      h("link", { rel: "stylesheet", href: "css/site.css" }),
      h("link", { rel: "stylesheet", href: accountStyle }),
      head,
      scripts.map(src => h("script", { type: "module", src }))),
    h("body", null,
      h("a", { class: "skip-link", href: "#main" }, "Skip to main content"),
      h("header", { class: "site-header" },
        h("div", { class: "wrap" },
          h("a", { class: "brand", href: "index.html" }, "HealthOracle"),
          h("nav", { "aria-label": "Main" },
            h("ul", null, navigation(schemas).map(([href, text, key]) =>
              h("li", null, h("a", { href, "aria-current": key === active ? "page" : false }, text))))))),
      h("main", { id: "main", class: "wrap", tabindex: "-1" }, main),
      h("footer", { class: "site-footer" },
        h("div", { class: "wrap" },
          h("p", null, h("strong", null, "Not a diagnosis. "), disclaimer),
          h("p", null, h("a", { href: "about.html" }, "About HealthOracle, its models and your data"))))));
}

const accountScript = "js/account/nav.js";
const accountStyle = "css/account.css";

export function indexPage(schemas) {
  return chrome({
    title: "Check a health risk", active: "home", schemas,
    description: "Estimate the risk of heart disease, diabetes, liver disease, lung cancer or chronic kidney disease from clinical values.",
    main: [
      h("h1", null, "Check a health risk"),
      h("p", { class: "lead" }, "Enter values from a check-up or lab report and get an estimate of risk, with general advice. Each test takes a minute."),
      h("p", { class: "disclaimer" }, h("strong", null, "This is not a diagnosis. "), disclaimer),
      h("ul", { class: "cards" }, schemas.map(schema =>
        h("li", { class: "card" },
          h("h2", null, h("a", { href: `${schema.disease}.html` }, schema.displayName)),
          h("p", null, schema.summary),
          schema.requires ? h("p", null, h("strong", null, "Needs: "), schema.requires) : null,
          h("p", { class: "learned-from" }, h("strong", null, "Learned from: "), schema.population?.description ?? "Not stated."),
          h("details", null,
            h("summary", null, "The values you will enter"),
            h("ul", { class: "needs" }, schema.fields.map(f =>
              h("li", null, f.label, f.unit && f.type !== "code" ? ` (${[f.unit, ...(f.alternativeUnits ?? []).map(u => u.unit)].join(" or ")})` : "", f.required ? "" : " — optional")))),
          h("p", null, h("a", { class: "button", href: `${schema.disease}.html` }, `Start the ${(schema.shortName ?? schema.disease).toLowerCase()} test`))))),
      h("h2", null, "Questions?"),
      h("p", null, "The ", h("a", { href: "chat.html" }, "health assistant"), " answers general health questions and can explain a result."),
    ],
  });
}

/** The place a result appears; result-view.js fills it, and other modules append their sections to it. */
export const resultSlot = () => h("section", { id: "result", class: "result", "aria-labelledby": "result-heading", hidden: true });

export function diseasePage(schema, action, schemas) {
  return chrome({
    title: `${schema.displayName} risk`, active: schema.disease, schemas,
    description: schema.summary, scripts: ["js/predict-page.js"],
    main: [
      h("h1", null, `${schema.displayName}: check the risk`),
      h("p", { class: "lead" }, schema.summary),
      noticeView(schema),
      contextView(schema),
      h("h2", { id: "form-heading" }, "Your values"),
      h("p", { class: "form-intro" }, "All fields are required unless marked optional. Ranges are what the model accepts; a decimal comma (0,9) is fine."),
      h("form", { id: "predict-form", class: "predict-form", method: "post", action, "data-api-path": `/api/predict/${schema.disease}`, "data-disease": schema.disease, "aria-labelledby": "form-heading" },
        h("div", { id: "error-summary", class: "error-summary", tabindex: "-1", hidden: true }),
        h("div", { id: "fields", class: "fields" }, fieldsView(schema)),
        h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, "Check the risk"))),
      h("p", { id: "predict-status", class: "status", role: "status" }),
      resultSlot(),
    ],
  });
}

export function chatPage(schemas, action) {
  return chrome({
    title: "Health assistant", active: "chat", schemas,
    description: "Ask general health questions, or about a risk result.",
    scripts: ["js/chat-page.js"],
    main: [
      h("h1", null, "Health assistant"),
      h("p", { class: "lead" }, "Ask a general health question, or about a result. The assistant gives general information only: it cannot examine you, and it is not a doctor."),
      h("div", { id: "chat-unavailable", class: "notice", role: "note", hidden: true }),
      h("div", { id: "chat-context", class: "chat-context", hidden: true }),
      h("div", { id: "chat-log-region", role: "log", "aria-live": "polite", "aria-label": "Conversation" },
        h("ol", { id: "chat-log", class: "chat-log" })),
      h("p", { id: "chat-error", class: "error-message", role: "alert", hidden: true }),
      h("p", { id: "chat-status", class: "status", role: "status" }),
      h("form", { id: "chat-form", class: "chat-form", method: "post", action, "data-api-path": "/api/chat" },
        h("label", { for: "chat-message" }, "Your question"),
        h("p", { class: "hint", id: "chat-message-hint" }, "Enter sends; Shift+Enter starts a new line. Don't include names or other details that identify you."),
        h("textarea", { id: "chat-message", name: "message", rows: 3, maxlength: 2000, required: true, "aria-describedby": "chat-message-hint" }),
        h("div", { class: "actions" },
          h("button", { type: "submit", class: "button" }, "Send"),
          h("button", { type: "button", id: "chat-reset", class: "button secondary", hidden: true }, "Start a new conversation"))),
    ],
  });
}

/** The API's reference, drawn in the browser by Swagger UI (copied from npm into vendor/ by tools/vendor.mjs: no CDN). */
export function apiPage(schemas, documentUrl) {
  return chrome({
    title: "API reference", active: "api", schemas,
    description: "The HealthOracle API's reference: every route, field, range, unit, code and error, from its OpenAPI document.",
    head: [
      h("link", { rel: "stylesheet", href: "vendor/swagger-ui/swagger-ui.css" }),
      h("link", { rel: "stylesheet", href: "css/api.css" }),
      h("script", { src: "vendor/swagger-ui/swagger-ui-bundle.js", defer: true }),
    ],
    scripts: ["js/api-page.js"],
    main: [
      h("h1", null, "API reference"),
      h("p", { class: "lead" }, "For programs that call HealthOracle: every route, its fields with their units, ranges and codes, its answers and its errors, with a worked example per test. It is drawn from the API's own OpenAPI document, ",
        h("a", { id: "api-document", href: documentUrl }, "openapi.json"), ", which is also what you generate a client from."),
      h("p", { id: "api-reference-status", class: "status", role: "status" }, "Loading the reference…"),
      h("noscript", null, h("p", null, "The reference needs JavaScript. The document itself is plain JSON, at ", h("code", null, "/api/openapi.json"), " on the API's address.")),
      h("div", { id: "api-reference", class: "api-reference" }),
    ],
  });
}

export function aboutPage(schemas) {
  return chrome({
    title: "About HealthOracle", active: "about", schemas,
    description: "What HealthOracle is, where its models come from, what its numbers mean and what happens to your data.",
    main: [
      h("h1", null, "About HealthOracle"),
      h("p", { class: "lead" }, "HealthOracle estimates the risk of five conditions from values you may find on a check-up or lab report, and answers general health questions."),
      h("h2", null, "What the numbers mean"),
      h("p", null, "Each test is a statistical model that learned from one published data set. The percentage is the share of people with values like yours, among the people that model learned from, who had the condition. Applied to other people it can be wrong in either direction, so each test says who its model learned from."),
      h("p", null, "Percentages are shown as whole numbers: the models are not more precise than that. Below 30% is called low, 30 to 60% moderate and above 60% high, as in the original HealthOracle app."),
      h("p", { class: "disclaimer" }, h("strong", null, "Not a diagnosis. "), disclaimer),
      h("h2", null, "The models"),
      h("table", { class: "models" },
        h("thead", null, h("tr", null, h("th", { scope: "col" }, "Test"), h("th", { scope: "col" }, "Learned from"), h("th", { scope: "col" }, "Details"))),
        h("tbody", null, schemas.map(s => h("tr", null,
          h("th", { scope: "row" }, h("a", { href: `${s.disease}.html` }, s.displayName)),
          h("td", null, s.population?.description ?? "Not stated."),
          h("td", null, h("a", { href: `model-${s.disease}.html` }, "Model card")))))),
      h("h2", null, "Your data"),
      h("ul", null,
        h("li", null, "The values you enter are sent to the HealthOracle service to calculate the estimate. Unless you are signed in and choose to keep your results, nothing you enter is stored."),
        h("li", null, "What you enter and what you ask the assistant never goes into the service's logs; only counts, timings and outcomes do."),
        h("li", null, "Questions to the assistant are sent to Google's Gemini model to be answered. Don't include names or other details that identify you."),
        h("li", null, "A result you take to the assistant travels in this browser tab only, and you can stop sharing it at any time.")),
      h("h2", null, "Keeping a result"),
      h("p", null, "Every result can be printed on one page, with the values used, the advice, the date and the model's version, or copied as a short summary to give to your doctor."),
      h("h2", null, "Without JavaScript"),
      h("p", null, "Every test and the assistant work without JavaScript: the service answers with a page of this site."),
    ],
  });
}

/** A model card (models/<disease>/<version>/card.md) as a page of the site; <main> holds the rendered card. */
export function modelCardPage(schema, schemas, card) {
  return chrome({
    title: `${schema.displayName}: how the model was made`, active: null, schemas,
    description: `The model card of the ${schema.displayName.toLowerCase()} model: data, method, metrics and limits.`,
    main: [
      h("p", { class: "breadcrumb" }, h("a", { href: `${schema.disease}.html` }, `Back to the ${(schema.shortName ?? schema.disease).toLowerCase()} test`)),
      card,
    ],
  });
}
