// One fact of the profile as a patient sees it: a button that opens its evidence, the patient's
// past confirmations/corrections, and the actions to confirm, correct or reject it (PATCH).

import { el, formatDate } from "./dom.js";
import { renderEvidenceList } from "./evidence.js";

let uid = 0;

const ACTION_TEXT = {
  confirm: "You confirmed this is right",
  reject: "You marked this as wrong",
};

export function describeCorrection(c) {
  const when = c.at ? ` on ${formatDate(c.at)}` : "";
  let text = ACTION_TEXT[c.action];
  if (c.action === "correct") {
    text = c.field ? `You corrected ${c.field.replace(/_/g, " ")} to “${c.value ?? ""}”` : "You corrected this";
  }
  return `${text}${when}${c.note ? `: “${c.note}”` : "."}`;
}

/**
 * A fact card.
 * spec: {id, title, badge?: Node, details: string[], evidence, terms, corrections,
 *        fields: [{name, label, options?}]}
 * ctx: {save(change) -> Promise, openIds: Set}
 */
export function renderFact(spec, ctx) {
  uid += 1;
  const panelId = `fact-panel-${uid}`;
  const mine = (ctx.corrections || []).filter((c) => c.fact_id === spec.id);
  const latest = mine[mine.length - 1];
  const open = ctx.openIds.has(spec.id);

  const toggle = el("button", {
    type: "button",
    class: "fact-toggle",
    "aria-expanded": String(open),
    "aria-controls": panelId,
    "data-fact-id": spec.id,
  }, [
    el("span", { class: "fact-title" }, spec.title),
    spec.badge || null,
    latest ? el("span", { class: `tag tag-${latest.action}` }, { confirm: "Confirmed", correct: "Corrected", reject: "Marked wrong" }[latest.action]) : null,
    el("span", { class: "fact-more" }, open ? "Hide source" : "Show source"),
  ]);

  const panel = el("div", { class: "fact-panel", id: panelId, hidden: !open }, [
    spec.details.length ? el("p", { class: "fact-details" }, spec.details.join(" · ")) : null,
    renderEvidenceList(spec.evidence, spec.terms),
    mine.length ? el("ul", { class: "corrections", "aria-label": "Your corrections" }, mine.map((c) => el("li", {}, describeCorrection(c)))) : null,
    renderActions(spec, ctx),
  ]);

  toggle.addEventListener("click", () => {
    const nowOpen = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(nowOpen));
    toggle.querySelector(".fact-more").textContent = nowOpen ? "Hide source" : "Show source";
    panel.hidden = !nowOpen;
    if (nowOpen) ctx.openIds.add(spec.id);
    else ctx.openIds.delete(spec.id);
  });

  return el("li", { class: "fact", "data-fact-id": spec.id, "data-corrected": latest ? latest.action : null }, [toggle, panel]);
}

function renderActions(spec, ctx) {
  const error = el("p", { class: "error-text", role: "alert" });
  const form = renderCorrectionForm(spec, ctx, error);
  const run = async (change, button) => {
    error.textContent = "";
    button.disabled = true;
    try {
      await ctx.save(change);
    } catch (e) {
      error.textContent = e.message;
      button.disabled = false;
    }
  };
  const confirm = el("button", { type: "button", class: "btn btn-small" }, "Yes, this is right");
  confirm.addEventListener("click", () => run({ fact_id: spec.id, action: "confirm" }, confirm));
  const reject = el("button", { type: "button", class: "btn btn-small" }, "This is wrong");
  reject.addEventListener("click", () => run({ fact_id: spec.id, action: "reject" }, reject));
  const correct = el("button", { type: "button", class: "btn btn-small", "aria-expanded": "false" }, "Correct this");
  correct.addEventListener("click", () => {
    form.hidden = !form.hidden;
    correct.setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) form.querySelector("select, input").focus();
  });
  return el("div", { class: "fact-actions" }, [
    el("div", { class: "button-row", role: "group", "aria-label": `Is “${spec.title}” right?` }, [confirm, correct, reject]),
    form,
    error,
  ]);
}

function renderCorrectionForm(spec, ctx, error) {
  uid += 1;
  const ids = { field: `corr-field-${uid}`, value: `corr-value-${uid}`, note: `corr-note-${uid}` };
  const fieldSelect = el("select", { id: ids.field, name: "field" }, spec.fields.map((f) => el("option", { value: f.name }, f.label)));
  const noteInput = el("input", { id: ids.note, name: "note", autocomplete: "off" });
  // A closed list (status, outcome) is a <select>, so only values the API accepts can be sent.
  const valueControl = (f) =>
    f && f.options
      ? el("select", { id: ids.value, name: "value" }, f.options.map((o) => el("option", { value: o }, o)))
      : el("input", { id: ids.value, name: "value", required: true, autocomplete: "off" });
  let valueInput = valueControl(spec.fields[0]);
  fieldSelect.addEventListener("change", () => {
    const next = valueControl(spec.fields.find((x) => x.name === fieldSelect.value));
    valueInput.replaceWith(next);
    valueInput = next;
  });
  const save = el("button", { type: "submit", class: "btn btn-small btn-primary" }, "Save correction");
  const form = el("form", { class: "correction-form", hidden: true }, [
    el("label", { for: ids.field }, "What is wrong"),
    fieldSelect,
    el("label", { for: ids.value }, "The right value"),
    valueInput,
    el("label", { for: ids.note }, "Note (optional)"),
    noteInput,
    save,
  ]);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const value = valueInput.value.trim();
    if (!value) {
      error.textContent = "Type the right value first.";
      valueInput.focus();
      return;
    }
    error.textContent = "";
    save.disabled = true;
    try {
      const change = { fact_id: spec.id, action: "correct", field: fieldSelect.value, value };
      if (noteInput.value.trim()) change.note = noteInput.value.trim();
      await ctx.save(change);
    } catch (err) {
      error.textContent = err.message;
      save.disabled = false;
    }
  });
  return form;
}
