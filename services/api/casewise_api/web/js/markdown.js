// A small, safe Markdown renderer for answers: headings, bullet and numbered lists, bold,
// italics, inline code, paragraphs and [n] citation markers. It builds DOM nodes and sets all
// text as text, so HTML in an answer is shown literally and can never run.

import { el } from "./dom.js";

// Bold, inline code, italics (*x*, or _x_ not inside a word such as snake_case), [n] citations.
const INLINE = /(\*\*[^*\n]+\*\*|__[^_\n]+__|`[^`\n]+`|\*[^*\s][^*\n]*\*|(?<!\w)_[^_\s][^_\n]*_(?!\w)|\[\d+(?:\s*[,–-]\s*\d+)*\])/g;

/** Inline spans of one line of text as an array of nodes/strings. */
export function renderInline(text, { citeHref = (n) => `#cite-${n}` } = {}) {
  const out = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const tok = m[0];
    if (tok.startsWith("**") || tok.startsWith("__")) out.push(el("strong", {}, renderInline(tok.slice(2, -2), { citeHref })));
    else if (tok.startsWith("`")) out.push(el("code", {}, tok.slice(1, -1)));
    else if (tok.startsWith("*") || tok.startsWith("_")) out.push(el("em", {}, tok.slice(1, -1)));
    else {
      const nums = tok.slice(1, -1).split(/\s*,\s*/);
      const sup = el("sup", { class: "cite-ref" }, ["["]);
      nums.forEach((n, i) => {
        if (i) sup.append(", ");
        const first = n.split(/[–-]/)[0].trim();
        sup.append(el("a", { href: citeHref(first), "aria-label": `Source ${n}` }, n));
      });
      sup.append("]");
      out.push(sup);
    }
    last = m.index + tok.length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

/** Markdown source -> DocumentFragment. The top heading level becomes `baseLevel` (default h3). */
export function renderMarkdown(source, { baseLevel = 3, citeHref } = {}) {
  const frag = document.createDocumentFragment();
  const lines = String(source || "").replace(/\r\n?/g, "\n").split("\n");
  let para = [];
  let list = null;
  // The answer's own top heading level ("##" usually) becomes `baseLevel`.
  const depths = lines.map((l) => /^\s*(#{1,6})\s/.exec(l)).filter(Boolean).map((m) => m[1].length);
  const top = depths.length ? Math.min(...depths) : 1;

  const flushPara = () => {
    if (para.length) frag.append(el("p", {}, renderInline(para.join(" "), { citeHref })));
    para = [];
  };
  const flushList = () => {
    if (list) frag.append(list.node);
    list = null;
  };

  for (const raw of lines) {
    const line = raw.trimEnd();
    const heading = /^(#{1,6})\s+(.*)$/.exec(line.trim());
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*(\d+)[.)]\s+(.*)$/.exec(line);
    if (!line.trim()) {
      flushPara();
      flushList();
    } else if (heading) {
      flushPara();
      flushList();
      const level = Math.min(6, baseLevel + heading[1].length - top);
      frag.append(el(`h${level}`, {}, renderInline(heading[2].replace(/\s#+$/, ""), { citeHref })));
    } else if (bullet || numbered) {
      flushPara();
      const kind = bullet ? "ul" : "ol";
      if (!list || list.kind !== kind) {
        flushList();
        list = { kind, node: el(kind, numbered && numbered[1] !== "1" ? { start: numbered[1] } : {}) };
      }
      list.node.append(el("li", {}, renderInline(bullet ? bullet[1] : numbered[2], { citeHref })));
    } else if (list && /^\s{2,}\S/.test(raw)) {
      // A continuation line of the last list item.
      list.node.lastChild.append(" ", ...renderInline(line.trim(), { citeHref }));
    } else {
      flushList();
      para.push(line.trim());
    }
  }
  flushPara();
  flushList();
  return frag;
}

/** The source without the sections whose heading is one of `names` (e.g. a "Sources" list the
 * page renders itself from the structured citations). */
export function withoutSections(source, names) {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const out = [];
  let skipDepth = 0;
  for (const line of String(source || "").split(/\r?\n/)) {
    const h = /^\s*(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h && skipDepth && h[1].length <= skipDepth) skipDepth = 0;
    if (h && !skipDepth && wanted.has(h[2].replace(/[:*_]/g, "").trim().toLowerCase())) skipDepth = h[1].length;
    if (!skipDepth) out.push(line);
  }
  return out.join("\n");
}
