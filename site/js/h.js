// A tiny element description shared by the browser (toDom) and the page generator (toHtml), so the
// static no-JavaScript forms and the forms built from the live schema come from one renderer.
// Text is always text: toDom uses text nodes and toHtml escapes, so no string becomes markup.

/** Describes an element: h("p", { class: "hint" }, "text", h("strong", null, "bold")). */
export function h(tag, attrs, ...children) {
  return { tag, attrs: attrs ?? {}, children: children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false) };
}

const voidTags = new Set(["meta", "link", "input", "br", "hr", "img"]);
const inlineTags = new Set(["a", "span", "strong", "em", "abbr", "code", "option", "title", "label", "button", "li", "dt", "dd", "h1", "h2", "h3", "p", "small", "script", "textarea", "summary"]);

function attrEntries(attrs) {
  return Object.entries(attrs).filter(([, v]) => v !== false && v !== null && v !== undefined);
}

/** Builds real DOM nodes (browser only). */
export function toDom(node, doc = document) {
  if (typeof node === "string" || typeof node === "number") {
    return doc.createTextNode(String(node));
  }
  const el = doc.createElement(node.tag);
  for (const [name, value] of attrEntries(node.attrs)) {
    el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of node.children) {
    el.append(toDom(child, doc));
  }
  return el;
}

const escapeText = s => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const escapeAttr = s => escapeText(s).replace(/"/g, "&quot;");

/** Serialises to indented HTML (the generator); block children go on their own lines. */
export function toHtml(node, indent = "") {
  if (typeof node === "string" || typeof node === "number") {
    return escapeText(node);
  }
  const attrs = attrEntries(node.attrs).map(([n, v]) => (v === true ? ` ${n}` : ` ${n}="${escapeAttr(v)}"`)).join("");
  const open = `<${node.tag}${attrs}>`;
  if (voidTags.has(node.tag)) {
    return open;
  }
  const inline = inlineTags.has(node.tag) || node.children.every(c => typeof c === "string" || typeof c === "number");
  if (inline) {
    return `${open}${node.children.map(c => toHtml(c, indent)).join("")}</${node.tag}>`;
  }
  const inner = node.children.map(c => `${indent}  ${toHtml(c, indent + "  ")}`).join("\n");
  return `${open}\n${inner}\n${indent}</${node.tag}>`;
}
