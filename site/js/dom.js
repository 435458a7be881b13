// One way to build a node on a live page: el("p", { class: "note", text: "…" }, child, …). Text goes in
// as textContent and attributes as attributes, never as HTML.

/** A new element with these attributes (`text` sets its textContent) and children (nodes or strings). */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props ?? {})) {
    if (name === "text") {
      node.textContent = value;
    } else {
      node.setAttribute(name, value);
    }
  }
  node.append(...children);
  return node;
}
