// A model card (models/<disease>/<version>/card.md, written by tools/Training) as the site's element
// descriptions (h.js): headings, paragraphs, bullet lists, tables, images, **bold**, `code` and plain
// links. Only what the cards use; every piece of text stays text.
import { h } from "../js/h.js";

const inlinePattern = /\*\*(.+?)\*\*|`([^`]+)`|(https?:\/\/[^\s)]+[^\s).,;])/g;

function inline(text) {
  const parts = [];
  let last = 0;
  for (const match of text.matchAll(inlinePattern)) {
    parts.push(text.slice(last, match.index));
    if (match[1] !== undefined) {
      parts.push(h("strong", null, ...inline(match[1])));
    } else if (match[2] !== undefined) {
      parts.push(h("code", null, match[2]));
    } else {
      parts.push(h("a", { href: match[3] }, match[3]));
    }
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return parts.filter(p => p !== "");
}

const cells = (line) => line.trim().replace(/^\|/, "").replace(/\|$/, "").split("|").map(c => c.trim());

/** The card's blocks; images point at imageBase (a folder of the site the generator copies them to). */
export function cardView(markdown, imageBase) {
  const lines = markdown.split(/\r?\n/);
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") {
      continue;
    }
    const heading = line.match(/^(#{1,4})\s+(.*)$/);
    if (heading) {
      blocks.push(h(`h${heading[1].length}`, null, ...inline(heading[2])));
      continue;
    }
    const image = line.match(/^!\[([^\]]*)\]\(([^)]+)\)\s*$/);
    if (image) {
      blocks.push(h("figure", null, h("img", { src: `${imageBase}/${image[2]}`, alt: image[1] }), h("figcaption", null, image[1])));
      continue;
    }
    if (line.startsWith("|")) {
      const rows = [];
      for (; i < lines.length && lines[i].startsWith("|"); i++) {
        rows.push(cells(lines[i]));
      }
      i--;
      const [head, , ...body] = rows;
      blocks.push(h("div", { class: "table-scroll", tabindex: "0", role: "region", "aria-label": "Metrics" },
        h("table", null,
          h("thead", null, h("tr", null, head.map(c => h("th", { scope: "col" }, ...inline(c))))),
          h("tbody", null, body.map(r => h("tr", null, r.map((c, n) => (n === 0 ? h("th", { scope: "row" }, ...inline(c)) : h("td", null, ...inline(c))))))))));
      continue;
    }
    if (/^\s*[-*]\s+/.test(line)) {
      const items = [];
      for (; i < lines.length && /^\s*[-*]\s+/.test(lines[i]); i++) {
        items.push(h("li", null, ...inline(lines[i].replace(/^\s*[-*]\s+/, ""))));
      }
      i--;
      blocks.push(h("ul", null, items));
      continue;
    }
    const paragraph = [line];
    for (; i + 1 < lines.length && lines[i + 1].trim() !== "" && !/^(#|\||!\[|\s*[-*]\s)/.test(lines[i + 1]); i++) {
      paragraph.push(lines[i + 1]);
    }
    blocks.push(h("p", null, ...inline(paragraph.join(" "))));
  }
  return h("article", { class: "model-card" }, blocks);
}
