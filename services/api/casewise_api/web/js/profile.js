// The review step: the extracted profile in plain words — cancer type, stage, biomarkers (status
// shown by icon and words, not by colour alone), treatments on a timeline — each fact a card
// from facts.js with its evidence and the patient's corrections.

import { el, formatDate } from "./dom.js";
import { renderEvidenceList } from "./evidence.js";
import { renderFact } from "./facts.js";

export const STATUS = {
  positive: { icon: "+", label: "Positive", help: "found" },
  negative: { icon: "−", label: "Negative", help: "tested, not found" },
  uncertain: { icon: "?", label: "Uncertain", help: "variant of uncertain significance" },
  equivocal: { icon: "≈", label: "Equivocal", help: "borderline result" },
  unknown: { icon: "○", label: "Not known", help: "test failed or was not done" },
};
const STATUS_ORDER = ["positive", "uncertain", "equivocal", "negative", "unknown"];
const PREFIX = { c: "clinical", p: "pathologic (after surgery)", yp: "after treatment, at surgery", yc: "after treatment", r: "at recurrence", a: "at autopsy" };
const OUTCOME = { response: "responded", stable: "disease stable", progression: "disease progressed", ongoing: "ongoing", stopped: "stopped" };

const cap = (s) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);
const key = (kind, ...parts) => [kind, ...parts.map((p) => String(p || "").replace(/:/g, "-").replace(/ /g, "_"))].join(":").replace(/:+$/, "");

export function biomarkerName(b) {
  if (b.alteration === "mutation" && b.detail) return `${b.gene} ${b.detail.replace(/^p\./, "")} mutation`;
  if (b.alteration === "fusion") return b.detail && b.detail.includes(b.gene) ? `${b.detail} fusion` : `${b.gene} fusion`;
  if (["expression", "signature"].includes(b.alteration)) return b.detail ? `${b.gene} ${b.detail}` : b.gene;
  return `${b.gene} ${b.detail || b.alteration}`;
}

function statusBadge(status) {
  const s = STATUS[status] || STATUS.unknown;
  return el("span", { class: `badge status-${status in STATUS ? status : "unknown"}` }, [
    el("span", { class: "badge-icon", "aria-hidden": "true" }, s.icon),
    ` ${s.label}`,
    el("span", { class: "badge-help" }, ` (${s.help})`),
  ]);
}

function section(title, body, extra = {}) {
  return el("section", { class: "profile-section", ...extra }, [el("h3", {}, title), body]);
}

function cancerFact(p) {
  const c = p.cancer || {};
  if (!c.name && !c.histology) return null;
  const code = c.oncotree_code ? ` (OncoTree ${c.oncotree_code})` : "";
  return {
    id: "cancer",
    title: `${c.name || c.histology}${code}`,
    details: [c.histology && c.histology !== c.name ? `Histology: ${c.histology}` : null, c.tissue ? `Tissue: ${c.tissue}` : null].filter(Boolean),
    evidence: c.evidence,
    terms: [c.histology, c.name],
    fields: [{ name: "name", label: "Cancer type" }, { name: "histology", label: "Histology" }],
  };
}

function stageFact(p) {
  const s = p.stage || {};
  if (!s.group && !s.t && !s.n && !s.m) return null;
  const tnm = [s.t, s.n, s.m].filter(Boolean).join(" ");
  const pre = s.prefix || "";
  return {
    id: "stage",
    title: s.group ? `Stage ${s.group}` : `${pre}${tnm}`,
    details: [tnm ? `TNM: ${pre}${tnm}` : null, s.prefix ? `Staged ${PREFIX[s.prefix] || s.prefix}` : null].filter(Boolean),
    evidence: s.evidence,
    terms: [s.group && `stage ${s.group}`, s.group, s.t && `${pre}${s.t}`, s.t],
    fields: ["group", "t", "n", "m"].map((f) => ({ name: f, label: f === "group" ? "Stage group" : f.toUpperCase() })),
    below: stageHistory(p),
  };
}

// One stage of the history in words: "Stage IIA (cT2 cN0 cM0), clinical, 5 Feb 2024".
function stageLine(s) {
  const pre = s.prefix || "";
  const tnm = [s.t, s.n, s.m].filter(Boolean).map((x) => `${pre}${x}`).join(" ");
  const name = s.group ? `Stage ${s.group}${tnm ? ` (${tnm})` : ""}` : tnm;
  const date = (s.evidence || []).map((e) => e.document_date).find(Boolean);
  return [name, s.prefix ? PREFIX[s.prefix] || s.prefix : null, date ? formatDate(date) : null].filter(Boolean).join(", ");
}

// Every stage the records state, oldest first, shown under the current one when there are
// several: after treatment before surgery (yp) the stage at diagnosis still matters.
function stageHistory(p) {
  const history = p.stage_history || [];
  if (history.length < 2) return null;
  return el("div", { class: "stage-history" }, [
    el("p", { class: "stage-history-title" }, "Stage over time (oldest first)"),
    el("ol", { "aria-label": "Stage over time, oldest first" }, history.map((s) => el("li", {}, stageLine(s)))),
  ]);
}

function biomarkerFact(b) {
  return {
    id: b.id || key("biomarker", b.gene, b.alteration, b.detail),
    title: biomarkerName(b),
    badge: statusBadge(b.status),
    details: [
      b.value,
      b.method ? `Method: ${b.method}` : null,
      b.origin ? `${cap(b.origin)} (${b.origin === "germline" ? "inherited" : "in the tumour"})` : null,
    ].filter(Boolean),
    evidence: b.evidence,
    terms: [b.detail, b.detail && b.detail.replace(/^p\./, ""), b.gene, b.value],
    fields: [
      { name: "status", label: "Result (status)", options: Object.keys(STATUS) },
      { name: "detail", label: "Alteration" },
      { name: "value", label: "Value" },
    ],
  };
}

function treatmentFact(t) {
  const range = t.start ? (t.end ? `${formatDate(t.start)} – ${formatDate(t.end)}` : `Since ${formatDate(t.start)}`) : "Date not stated";
  return {
    id: t.id || key("treatment", t.agent, t.start),
    title: `${cap(t.agent)}${t.regimen ? ` (${t.regimen})` : ""}`,
    details: [range, t.line ? `Line ${t.line} of treatment` : null, t.outcome ? `Outcome: ${OUTCOME[t.outcome] || t.outcome}` : null].filter(Boolean),
    evidence: t.evidence,
    terms: [t.agent, t.regimen],
    fields: [
      { name: "agent", label: "Medicine" },
      { name: "start", label: "Start date" },
      { name: "end", label: "End date" },
      { name: "outcome", label: "Outcome", options: Object.keys(OUTCOME) },
    ],
    range,
  };
}

/** Renders the whole profile into `container`. ctx: {save(change), openIds: Set}. */
export function renderProfile(container, profile, ctx) {
  const p = profile || {};
  const fctx = { ...ctx, corrections: p.corrections || [] };
  const parts = [];

  const flags = p.flags || [];
  if (flags.length) {
    parts.push(el("div", { class: "flags", role: "note" }, [
      el("h3", {}, "For your oncologist to check"),
      el("ul", {}, flags.map((f) => el("li", {}, f.message))),
    ]));
  }

  const about = [cancerFact(p), stageFact(p)].filter(Boolean);
  parts.push(section("Cancer type and stage", about.length
    ? el("ul", { class: "facts" }, about.map((f) => {
        const item = renderFact(f, fctx);
        if (f.below) item.append(f.below);
        return item;
      }))
    : el("p", { class: "hint" }, "We did not find the cancer type or stage in these records.")));

  const bms = [...(p.biomarkers || [])].sort((a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status));
  parts.push(section("Biomarkers (tumour test results)", bms.length
    ? el("ul", { class: "facts biomarkers" }, bms.map((b) => renderFact(biomarkerFact(b), fctx)))
    : el("p", { class: "hint" }, "No biomarker results found yet.")));

  const ts = [...(p.treatments || [])].sort((a, b) => String(a.start || "9999").localeCompare(String(b.start || "9999")));
  parts.push(section("Treatments over time", ts.length
    ? el("ol", { class: "facts timeline" }, ts.map((t) => {
        const spec = treatmentFact(t);
        const item = renderFact(spec, fctx);
        item.prepend(el("span", { class: "timeline-date" }, spec.range));
        return item;
      }))
    : el("p", { class: "hint" }, "No treatments found yet.")));

  const procs = p.procedures || [];
  if (procs.length) {
    parts.push(section("Surgery and radiation", el("ul", { class: "facts" }, procs.map((x) => renderFact({
      id: x.id || key("procedure", x.kind, x.name),
      title: `${cap(x.name)}${x.date ? `, ${formatDate(x.date)}` : ""}`,
      details: [cap(x.kind)],
      evidence: x.evidence,
      terms: [x.name],
      fields: [{ name: "name", label: "Name" }, { name: "date", label: "Date" }],
    }, fctx)))));
  }

  const conflicts = p.conflicts || [];
  if (conflicts.length) {
    parts.push(section("Records that disagree", el("ul", { class: "conflicts" }, conflicts.map((c) => el("li", {}, [
      el("p", {}, `${c.field.replace(/[:._]/g, " ")}: ${c.values.join(" or ")}${c.note ? `. ${c.note}` : ""}`),
      renderEvidenceList(c.evidence, c.values),
    ])))));
  }

  container.replaceChildren(...parts);
}
