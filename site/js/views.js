// The site's markup, described once. The generator (tools/render-pages.mjs) renders every page from
// these views and the API's published schemas; the disease pages rebuild their fields from the live
// schema with the same fieldView, so the static and the enhanced forms cannot drift apart.
import { h } from "./h.js";

export const diseases = ["heart", "diabetes", "liver", "lung", "kidney"];

export const disclaimer =
  "HealthOracle estimates risk from a statistical model. It is not a diagnosis and not medical advice. " +
  "Talk to a doctor or other qualified professional about your health; in an emergency call your local emergency number.";

const formatRange = (field) => `${field.min}–${field.max}${field.unit ? ` ${field.unit}` : ""}`;

/** One field: label, hint, an error slot, then the input or select (GOV.UK order). */
export function fieldView(field) {
  const id = `f-${field.name}`;
  const label = h("label", { for: id }, field.label, field.unit ? h("span", { class: "unit" }, ` (${field.unit})`) : null,
    field.required ? null : h("span", { class: "optional" }, " — optional"));
  const hintText = field.type === "code" ? field.description : `${field.description} ${formatRange(field)}.`;
  const common = {
    id, name: field.name, required: field.required, "aria-describedby": `${id}-hint`,
    "data-kind": field.type, "data-label": field.label,
  };
  const control = field.type === "code"
    ? h("select", common,
      h("option", { value: "" }, "Choose…"),
      field.codes.map(code => h("option", { value: code.value }, code.label)))
    : h("input", {
      ...common, type: "number", inputmode: field.type === "integer" ? "numeric" : "decimal",
      step: field.type === "integer" ? 1 : "any", min: field.min, max: field.max,
      "data-unit": field.unit ?? false, autocomplete: "off",
    });
  return h("div", { class: "field", "data-field": field.name },
    label,
    h("p", { class: "hint", id: `${id}-hint` }, hintText),
    h("p", { class: "error", id: `${id}-error`, hidden: true }),
    control);
}

export const fieldsView = (schema) => schema.fields.map(fieldView);

export function noticeView(schema) {
  return schema.synthetic || schema.notice
    ? h("p", { class: "notice", role: "note" }, h("strong", null, schema.notice ?? "Demonstration only: this model was trained on synthetic data."))
    : null;
}

export function chrome({ title, active, main, scripts = [], description }) {
  const nav = [["index.html", "Home", "home"], ...diseases.map(d => [`${d}.html`, navNames[d], d]), ["chat.html", "Assistant", "chat"], ...accountNav];
  // Every page shows who is signed in (js/account/nav.js); the account pages add their own scripts.
  scripts = [...scripts, accountScript];
  return h("html", { lang: "en" },
    h("head", null,
      h("meta", { charset: "utf-8" }),
      h("meta", { name: "viewport", content: "width=device-width, initial-scale=1" }),
      h("meta", { name: "description", content: description }),
      h("title", null, `${title} · HealthOracle`),
      h("link", { rel: "stylesheet", href: "css/site.css" }),
      h("link", { rel: "stylesheet", href: accountStyle }),
      scripts.map(src => h("script", { type: "module", src }))),
    h("body", null,
      h("a", { class: "skip-link", href: "#main" }, "Skip to main content"),
      h("header", { class: "site-header" },
        h("div", { class: "wrap" },
          h("a", { class: "brand", href: "index.html" }, "HealthOracle"),
          h("nav", { "aria-label": "Main" },
            h("ul", null, nav.map(([href, text, key]) =>
              h("li", null, h("a", { href, "aria-current": key === active ? "page" : false }, text))))))),
      h("main", { id: "main", class: "wrap", tabindex: "-1" }, main),
      h("footer", { class: "site-footer" },
        h("div", { class: "wrap" }, h("p", null, h("strong", null, "Not a diagnosis. "), disclaimer)))));
}

const accountNav = [["history.html", "History", "history"], ["account.html", "Account", "account"]];
const accountScript = "js/account/nav.js";
const accountStyle = "css/account.css";

export const navNames = { heart: "Heart", diabetes: "Diabetes", liver: "Liver", lung: "Lung", kidney: "Kidney" };

export function indexPage(schemas) {
  return chrome({
    title: "Check a health risk", active: "home",
    description: "Estimate the risk of heart disease, diabetes, liver disease, lung cancer or chronic kidney disease from clinical values.",
    main: [
      h("h1", null, "Check a health risk"),
      h("p", { class: "lead" }, "Enter values from a check-up or lab report and get an estimate of risk, with general advice. Each test takes a minute."),
      h("p", { class: "disclaimer" }, h("strong", null, "This is not a diagnosis. "), disclaimer),
      h("ul", { class: "cards" }, schemas.map(schema =>
        h("li", { class: "card" },
          h("h2", null, h("a", { href: `${schema.disease}.html` }, schema.displayName)),
          h("p", null, schema.summary),
          h("p", { class: "needs-title" }, "You will need:"),
          h("ul", { class: "needs" }, schema.fields.map(f =>
            h("li", null, f.label, f.unit && f.type !== "code" ? ` (${f.unit})` : "", f.required ? "" : " — optional"))),
          h("p", null, h("a", { class: "button", href: `${schema.disease}.html` }, `Start the ${navNames[schema.disease].toLowerCase()} test`))))),
      h("h2", null, "Questions?"),
      h("p", null, "The ", h("a", { href: "chat.html" }, "health assistant"), " answers general health questions and can explain a result."),
    ],
  });
}

export function diseasePage(schema, action) {
  return chrome({
    title: `${schema.displayName} risk`, active: schema.disease,
    description: schema.summary, scripts: ["js/predict-page.js"],
    main: [
      h("h1", null, `${schema.displayName}: check the risk`),
      h("p", { class: "lead" }, schema.summary),
      noticeView(schema),
      h("p", null, "All fields are required unless marked optional. Ranges are what the model accepts."),
      h("form", { id: "predict-form", class: "predict-form", method: "post", action, "data-disease": schema.disease },
        h("div", { id: "error-summary", class: "error-summary", tabindex: "-1", hidden: true }),
        h("div", { id: "fields", class: "fields" }, fieldsView(schema)),
        h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, "Check the risk"))),
      h("p", { id: "predict-status", class: "status", role: "status" }),
      h("section", { id: "result", class: "result", "aria-labelledby": "result-heading", hidden: true }),
    ],
  });
}

export function chatPage() {
  return chrome({
    title: "Health assistant", active: "chat",
    description: "Ask general health questions, or about a risk result.",
    scripts: ["js/chat-page.js"],
    main: [
      h("h1", null, "Health assistant"),
      h("p", { class: "lead" }, "Ask a general health question, or about a result. The assistant gives general information only: it cannot examine you, and it is not a doctor."),
      h("noscript", null, h("p", { class: "notice" }, "The assistant needs JavaScript. The risk forms work without it.")),
      h("div", { id: "chat-context", class: "chat-context", hidden: true }),
      h("ol", { id: "chat-log", class: "chat-log", role: "log", "aria-live": "polite", "aria-label": "Conversation" }),
      h("p", { id: "chat-status", class: "status", role: "status" }),
      h("form", { id: "chat-form", class: "chat-form" },
        h("label", { for: "chat-message" }, "Your question"),
        h("p", { class: "hint", id: "chat-message-hint" }, "Enter sends; Shift+Enter starts a new line. Don't include names or other details that identify you."),
        h("textarea", { id: "chat-message", name: "message", rows: 3, maxlength: 2000, required: true, "aria-describedby": "chat-message-hint" }),
        h("div", { class: "actions" },
          h("button", { type: "submit", class: "button" }, "Send"),
          h("button", { type: "button", id: "chat-reset", class: "button secondary" }, "Start a new conversation"))),
    ],
  });
}
