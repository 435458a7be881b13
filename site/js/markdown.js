// Renders the little Markdown a model writes (paragraphs, **bold**, *emphasis*, bullet and numbered
// lists, headings as bold lines) as DOM nodes. Every piece of model text becomes a text node:
// nothing it says can become markup, script or a link.

const bulletLine = /^\s*[-*•]\s+(.*)$/;
const numberedLine = /^\s*\d+[.)]\s+(.*)$/;
const headingLine = /^\s*#{1,6}\s+(.*)$/;

/** Appends inline text with **bold** and *emphasis* to a parent element. */
export function appendInline(parent, text) {
  const doc = parent.ownerDocument;
  const pattern = /\*\*(.+?)\*\*|__(.+?)__|(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])/g;
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    parent.append(doc.createTextNode(text.slice(last, match.index)));
    const strong = match[1] ?? match[2];
    const el = doc.createElement(strong !== undefined ? "strong" : "em");
    el.textContent = strong ?? match[3];
    parent.append(el);
    last = match.index + match[0].length;
  }
  parent.append(doc.createTextNode(text.slice(last)));
}

/** Replaces the container's content with the rendered text. */
export function renderMarkdown(container, text) {
  const doc = container.ownerDocument;
  const blocks = [];
  let list = null;
  let paragraph = null;
  for (const line of text.split(/\r?\n/)) {
    const bullet = line.match(bulletLine);
    const numbered = bullet ? null : line.match(numberedLine);
    if (bullet || numbered) {
      const tag = bullet ? "ul" : "ol";
      if (!list || list.tagName.toLowerCase() !== tag) {
        list = doc.createElement(tag);
        blocks.push(list);
      }
      const item = doc.createElement("li");
      appendInline(item, (bullet ?? numbered)[1]);
      list.append(item);
      paragraph = null;
      continue;
    }
    list = null;
    if (line.trim() === "") {
      paragraph = null;
      continue;
    }
    const heading = line.match(headingLine);
    if (heading) {
      const p = doc.createElement("p");
      const strong = doc.createElement("strong");
      strong.textContent = heading[1];
      p.append(strong);
      blocks.push(p);
      paragraph = null;
      continue;
    }
    if (paragraph) {
      paragraph.append(doc.createElement("br"));
    } else {
      paragraph = doc.createElement("p");
      blocks.push(paragraph);
    }
    appendInline(paragraph, line);
  }
  container.replaceChildren(...blocks);
}
