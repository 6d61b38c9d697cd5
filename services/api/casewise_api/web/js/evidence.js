// Evidence: the sentence a fact was read from, with the mention highlighted, and where it is
// (document, page). start/end are offsets in the page text; they are used when they fall within
// the sentence and point at the mention, otherwise the mention is found by its text.

import { el } from "./dom.js";

function findTerm(sentence, terms) {
  const lower = sentence.toLowerCase();
  for (const term of terms) {
    const t = String(term || "").trim();
    if (t.length < 2) continue;
    const variants = [t, t.replace(/::/g, "-"), t.replace(/-/g, "::"), t.replace(/^p\./, "")];
    for (const v of variants) {
      const at = lower.indexOf(v.toLowerCase());
      if (at >= 0) return [at, at + v.length];
    }
  }
  return null;
}

/** [start, end) of the mention inside ev.text, or null. Pure: exported for tests. */
export function highlightRange(ev, terms = []) {
  const text = String(ev.text || "");
  const { start, end } = ev;
  const spanFits = Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end > start && end <= text.length;
  const found = findTerm(text, terms);
  if (spanFits) {
    const spanText = text.slice(start, end).toLowerCase();
    const agrees = !found || terms.some((t) => t && (spanText.includes(String(t).toLowerCase()) || String(t).toLowerCase().includes(spanText.trim())));
    if (agrees && spanText.trim()) return [start, end];
  }
  return found;
}

/** A <figure> for one evidence item: "report.pdf, page 2" and the sentence with <mark>. */
export function renderEvidence(ev, terms) {
  const text = String(ev.text || "");
  const range = highlightRange(ev, terms);
  const quote = el("blockquote", { class: "evidence-text" });
  if (range) {
    quote.append(text.slice(0, range[0]), el("mark", {}, text.slice(range[0], range[1])), text.slice(range[1]));
  } else {
    quote.append(text);
  }
  const where = [ev.document || "Uploaded document", ev.page ? `page ${ev.page}` : null]
    .filter(Boolean)
    .join(", ");
  const extra = ev.document_date ? ` (report dated ${ev.document_date})` : "";
  return el("figure", { class: "evidence" }, [quote, el("figcaption", {}, `From ${where}${extra}`)]);
}

export function renderEvidenceList(evidence, terms) {
  if (!evidence || evidence.length === 0) {
    return el("p", { class: "hint" }, "No source sentence was recorded for this fact.");
  }
  // Several rules can cite the same sentence: show it once.
  const seen = new Set();
  const unique = evidence.filter((ev) => {
    const k = [ev.document_id || ev.document, ev.page, ev.text].join("\u0000");
    return seen.has(k) ? false : seen.add(k);
  });
  return el("div", { class: "evidence-list" }, unique.map((ev) => renderEvidence(ev, terms)));
}
