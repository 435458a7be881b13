// The account pages (profile, history, one saved result), in the site's shared frame. They need
// JavaScript and a signed-in person; the markup here is what a browser sees before the scripts run.
import { h } from "../h.js";
import { chrome } from "../views.js";

const noscript = h("noscript", null, h("p", { class: "notice" }, "Your account pages need JavaScript. The risk forms work without it."));

/** Shown until the script knows who is signed in; replaced by the signed-out or signed-in view. */
const signedOut = (what) =>
  h("div", { id: "signed-out", class: "signed-out", hidden: true },
    h("p", null, `Sign in to ${what}. Predictions you make while signed in are saved to your history; you can download or erase everything at any time.`),
    h("p", null, h("a", { id: "sign-in-link", class: "button", href: "#" }, "Sign in")));

export function accountPage(schemas) {
  return chrome({
    schemas,
    title: "Your account", active: "account", description: "Your profile and your data: download or erase it.",
    scripts: ["js/account/account-page.js"],
    main: [
      h("h1", null, "Your account"),
      noscript,
      h("p", { id: "account-status", class: "status", role: "status" }, "Checking whether you are signed in…"),
      signedOut("keep a profile and a history"),
      h("div", { id: "signed-in", hidden: true },
        h("p", null, "Signed in as ", h("strong", { id: "account-name" }), ". ", h("a", { id: "sign-out-link", href: "#" }, "Sign out")),
        h("h2", null, "Profile"),
        h("p", null, "Used to fill in your age and sex on the risk forms. All fields are optional."),
        h("form", { id: "profile-form", class: "profile-form" },
          h("div", { id: "profile-errors", class: "error-summary", tabindex: "-1", hidden: true }),
          h("div", { class: "field" },
            h("label", { for: "dateOfBirth" }, "Date of birth"),
            h("p", { class: "hint", id: "dateOfBirth-hint" }, "For example 1961-03-15. Your age is worked out from it."),
            h("input", { id: "dateOfBirth", name: "dateOfBirth", type: "date", "aria-describedby": "dateOfBirth-hint", autocomplete: "bday" })),
          h("div", { class: "field" },
            h("label", { for: "sex" }, "Sex"),
            h("p", { class: "hint", id: "sex-hint" }, "As the models use it (they were trained on data that recorded female or male)."),
            h("select", { id: "sex", name: "sex", "aria-describedby": "sex-hint" },
              h("option", { value: "" }, "Not said"), h("option", { value: "female" }, "Female"), h("option", { value: "male" }, "Male"))),
          h("div", { class: "field" },
            h("label", { for: "bloodGroup" }, "Blood group"),
            h("select", { id: "bloodGroup", name: "bloodGroup" },
              h("option", { value: "" }, "Not said"),
              ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"].map(g => h("option", { value: g }, g)))),
          h("div", { class: "actions" }, h("button", { type: "submit", class: "button" }, "Save profile"))),
        h("p", { id: "profile-status", class: "status", role: "status" }),
        h("h2", null, "Your data"),
        h("p", null, "Everything stored about you: your profile, your saved results and the suggestions saved with them."),
        h("div", { class: "actions" },
          h("button", { type: "button", id: "download-data", class: "button secondary" }, "Download my data"),
          h("button", { type: "button", id: "erase-data", class: "button danger" }, "Erase my data")),
        h("div", { id: "erase-confirm", class: "confirm", role: "alertdialog", "aria-labelledby": "erase-confirm-title", hidden: true },
          h("h3", { id: "erase-confirm-title" }, "Erase everything?"),
          h("p", null, "This deletes your profile, every saved result and every saved suggestion. It cannot be undone. Download your data first if you want a copy."),
          h("div", { class: "actions" },
            h("button", { type: "button", id: "erase-yes", class: "button danger" }, "Yes, erase everything"),
            h("button", { type: "button", id: "erase-no", class: "button secondary" }, "Cancel"))),
        h("p", { id: "data-status", class: "status", role: "status" })),
    ],
  });
}

export function historyPage(schemas) {
  return chrome({
    schemas,
    title: "Your history", active: "history", description: "Your saved risk results, and how each risk changed over time.",
    scripts: ["js/account/history-page.js"],
    main: [
      h("h1", null, "Your history"),
      noscript,
      h("p", { id: "history-status", class: "status", role: "status" }, "Loading your history…"),
      signedOut("see your saved results"),
      h("div", { id: "signed-in", hidden: true },
        h("div", { class: "field" },
          h("label", { for: "disease-filter" }, "Show"),
          h("select", { id: "disease-filter" },
            h("option", { value: "" }, "All tests"),
            schemas.map(s => h("option", { value: s.disease }, s.shortName ?? s.displayName)))),
        h("section", { id: "charts", class: "charts", "aria-labelledby": "charts-heading" },
          h("h2", { id: "charts-heading" }, "Risk over time"),
          h("p", { class: "hint" }, "Each point is one saved result: the model's estimate on that day, not a diagnosis. Results from different model versions are estimates of different models.")),
        h("section", { "aria-labelledby": "list-heading" },
          h("h2", { id: "list-heading" }, "Saved results, newest first"),
          h("p", { id: "history-empty", hidden: true }, "No saved results yet. Results you get while signed in are saved here."),
          h("table", { id: "history-table", class: "history-table", hidden: true },
            h("thead", null, h("tr", null,
              h("th", { scope: "col" }, "Date"), h("th", { scope: "col" }, "Test"), h("th", { scope: "col" }, "Risk"),
              h("th", { scope: "col" }, "Category"), h("th", { scope: "col" }, h("span", { class: "visually-hidden" }, "Details")))),
            h("tbody", { id: "history-rows" })),
          h("div", { class: "actions" }, h("button", { type: "button", id: "history-more", class: "button secondary", hidden: true }, "Show older results")))),
    ],
  });
}

export function predictionPage(schemas) {
  return chrome({
    schemas,
    title: "Saved result", active: "history", description: "One saved risk result, its values and suggestions.",
    scripts: ["js/account/prediction-page.js"],
    main: [
      h("p", null, h("a", { href: "history.html" }, "Back to your history")),
      h("h1", { id: "saved-title" }, "Saved result"),
      noscript,
      h("p", { id: "saved-status", class: "status", role: "status" }, "Loading…"),
      signedOut("see your saved results"),
      h("div", { id: "signed-in", hidden: true },
        h("section", { id: "saved-result", class: "result", "aria-labelledby": "saved-title" }),
        h("section", { class: "saved-suggestions", "aria-labelledby": "suggestions-heading" },
          h("h2", { id: "suggestions-heading" }, "Suggestions"),
          h("p", { id: "suggestions-none" }, "No suggestions saved with this result yet."),
          h("ul", { id: "suggestions-list", class: "suggestion-list" }),
          h("div", { class: "actions" },
            h("button", { type: "button", id: "get-suggestions", class: "button secondary" }, "Get suggestions from the assistant"),
            h("a", { id: "ask-assistant", class: "button", href: "chat.html" }, "Ask the assistant about this result")),
          h("p", { id: "suggestions-status", class: "status", role: "status" })),
        h("h2", null, "Remove it"),
        h("div", { class: "actions" }, h("button", { type: "button", id: "delete-prediction", class: "button danger" }, "Delete this result")),
        h("div", { id: "delete-confirm", class: "confirm", role: "alertdialog", "aria-labelledby": "delete-confirm-title", hidden: true },
          h("h3", { id: "delete-confirm-title" }, "Delete this result?"),
          h("p", null, "The result and the suggestions saved with it are deleted. This cannot be undone."),
          h("div", { class: "actions" },
            h("button", { type: "button", id: "delete-yes", class: "button danger" }, "Yes, delete it"),
            h("button", { type: "button", id: "delete-no", class: "button secondary" }, "Cancel")))),
    ],
  });
}

export const accountPages = (schemas) => ({
  "account.html": accountPage(schemas),
  "history.html": historyPage(schemas),
  "prediction.html": predictionPage(schemas),
});
