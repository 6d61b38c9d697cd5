// The ask step: suggested questions built from the profile (positive biomarkers, treatments),
// and the answer rendered with its sections, numbered citations and any warnings.

import { el } from "./dom.js";
import { renderMarkdown, withoutSections } from "./markdown.js";

function markerPhrase(b) {
  if (b.alteration === "mutation") return `${b.gene}${b.detail ? ` ${b.detail.replace(/^p\./, "")}` : ""} mutation`;
  if (["expression", "signature"].includes(b.alteration)) return b.detail ? `${b.gene} ${b.detail}` : b.gene;
  return `${b.gene} ${b.alteration}`;
}

/** Up to `max` questions a patient with this profile is likely to ask. Pure: exported for tests. */
export function suggestQuestions(profile, max = 5) {
  const p = profile || {};
  const out = [];
  const rejected = new Set((p.corrections || []).filter((c) => c.action === "reject").map((c) => c.fact_id));
  for (const b of p.biomarkers || []) {
    if (b.status === "positive" && !rejected.has(b.id)) out.push(`What does my ${markerPhrase(b)} mean?`);
  }
  const ts = [...(p.treatments || [])].filter((t) => !rejected.has(t.id));
  ts.sort((a, b) => String(b.start || "").localeCompare(String(a.start || "")));
  for (const t of ts) out.push(`What are options after ${t.agent}?`);
  if (p.stage && p.stage.group) out.push(`What does stage ${p.stage.group} mean?`);
  if (p.cancer && p.cancer.name) out.push(`Which clinical trials could fit my ${p.cancer.name.toLowerCase()}?`);
  if (!out.length) {
    out.push("What is a biomarker test?", "What questions should I ask my oncologist?");
  }
  return [...new Set(out)].slice(0, max);
}

export function renderSuggestions(container, questions, onPick) {
  container.replaceChildren(
    ...questions.map((q) => el("button", { type: "button", class: "chip", onclick: () => onPick(q) }, q)),
  );
}

/** The answer: question, Markdown body, numbered sources, warnings. */
export function renderAnswer(container, answer, onPick) {
  const citeHref = (n) => `#cite-${n}`;
  const cites = [...(answer.citations || [])].map((c, i) => ({ ...c, number: c.number ?? i + 1 }));
  cites.sort((a, b) => a.number - b.number);
  // The numbered sources are listed below from `citations` (with anchors for the [n] links), so a
  // "Sources" section inside the Markdown would repeat them.
  const body = cites.length ? withoutSections(answer.answer_markdown, ["Sources", "References"]) : answer.answer_markdown;
  const parts = [
    el("h3", { class: "answer-question", tabindex: "-1" }, answer.question),
    el("p", { class: "answer-meta" }, answer.personalized ? "Based on your profile and our sources." : "A general answer (not based on your records)."),
    el("div", { class: "answer-body" }, [renderMarkdown(body, { baseLevel: 4, citeHref })]),
  ];
  if ((answer.warnings || []).length) {
    parts.push(el("div", { class: "warnings", role: "note" }, [
      el("h4", {}, "Please note"),
      el("ul", {}, answer.warnings.map((w) => el("li", {}, w))),
    ]));
  }
  if (cites.length) {
    parts.push(el("h4", {}, "Sources"));
    parts.push(el("ol", { class: "citations" }, cites.map((c) =>
      el("li", { id: `cite-${c.number}`, value: String(c.number), tabindex: "-1" }, [
        el("span", { class: "cite-title" }, c.title),
        c.source ? el("span", { class: "cite-source" }, ` — ${c.source}`) : null,
      ]),
    )));
  }
  if ((answer.suggested_questions || []).length) {
    const more = el("div", { class: "suggestions", role: "group", "aria-label": "Follow-up questions" });
    renderSuggestions(more, answer.suggested_questions.slice(0, 4), onPick);
    parts.push(el("h4", {}, "You could also ask"), more);
  }
  container.replaceChildren(...parts);
}
