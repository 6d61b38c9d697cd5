// Progress rows: one per uploaded document, updated by polling GET /v1/jobs/{id} with backoff.
// Polls send If-None-Match (a 304 costs the server nothing) and never come sooner than the
// server's Retry-After. Stage changes are announced through one polite live region.

import { api } from "./api.js";
import { el } from "./dom.js";

const MIN_DELAY_MS = 750;
const MAX_DELAY_MS = 8000;
const TERMINAL = new Set(["succeeded", "failed"]);

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** What a patient reads for a job state, e.g. "Recognising text (OCR): page 3 of 7". */
export function describeJob(job) {
  if (job.status === "succeeded") return "Done: added to your profile";
  if (job.status === "failed") return "Could not read this file";
  const total = Number(job.pages_total) || 0;
  const done = Number(job.pages_done) || 0;
  const pages = total ? `: page ${Math.min(done + 1, total)} of ${total}` : "";
  switch (job.stage) {
    case "reading":
      return total ? `Reading the text: page ${Math.min(done + 1, total)} of ${total}` : "Reading the file";
    case "ocr":
      return `Recognising text (OCR)${pages}`;
    case "extracting":
      return "Finding facts in the text";
    case "merging":
      return "Adding the facts to your profile";
    case "done":
      return "Finishing";
    default:
      return "Waiting to start";
  }
}

/** 0-100 for the progress bar. */
export function percentOf(job) {
  if (TERMINAL.has(job.status)) return 100;
  const total = Number(job.pages_total) || 0;
  const frac = total ? Math.min(Number(job.pages_done) || 0, total) / total : 0;
  return { queued: 2, reading: 5 + 10 * frac, ocr: 15 + 60 * frac, extracting: 80, merging: 92, done: 98 }[job.stage] ?? 2;
}

export function createTracker({ listEl, announcer, onSettled }) {
  let generation = 0; // bumps on reset, so loops of a deleted case stop
  const rows = new Map(); // job id -> {row parts, state}

  const announce = (text) => {
    announcer.textContent = text;
  };

  function addRow(job) {
    const status = el("span", { class: "job-status" }, "Uploaded, waiting to start");
    const bar = el("progress", { max: "100", value: "0", "aria-label": `Progress for ${job.name}` });
    const message = el("p", { class: "job-error", hidden: true });
    const icon = el("span", { class: "job-icon", "aria-hidden": "true" }, "…");
    const row = el("li", { class: "job", "data-job-id": job.id, "data-state": "queued" }, [
      icon,
      el("div", { class: "job-body" }, [el("span", { class: "job-name" }, job.name), status, bar, message]),
    ]);
    listEl.append(row);
    const entry = { job, row, status, bar, message, icon, state: null, lastText: "" };
    rows.set(job.id, entry);
    return entry;
  }

  function update(entry, state) {
    entry.state = state;
    const text = describeJob(state);
    entry.status.textContent = text;
    entry.bar.value = percentOf(state);
    entry.row.dataset.state = state.status === "running" ? state.stage : state.status;
    entry.icon.textContent = { succeeded: "✓", failed: "✕" }[state.status] || "…";
    if (state.status === "failed") {
      const err = state.error || {};
      entry.message.textContent = err.message || "This file could not be read. Try uploading it again.";
      entry.message.hidden = false;
      entry.bar.hidden = true;
    }
    // Announce stage changes and outcomes, not every page, so a screen reader is not flooded.
    const spoken = state.status === "failed" ? `${text}. ${entry.message.textContent}` : text.replace(/: page.*/, "");
    if (spoken !== entry.lastText) {
      entry.lastText = spoken;
      announce(`${entry.job.name}: ${spoken}`);
    }
  }

  function fail(entry, message, code) {
    update(entry, { ...(entry.state || {}), status: "failed", error: { code, message } });
  }

  async function poll(kase, entry, gen) {
    let delay = MIN_DELAY_MS;
    let etag = null;
    while (gen === generation) {
      let wait;
      try {
        const r = await api.job(kase, entry.job.id, etag);
        if (gen !== generation) return;
        if (r.status === 200) {
          etag = r.etag;
          update(entry, r.body);
          if (TERMINAL.has(r.body.status)) break;
          delay = MIN_DELAY_MS;
        } else {
          delay = Math.min(delay * 1.6, MAX_DELAY_MS);
        }
        wait = Math.max(delay, (r.retryAfter ?? 0) * 1000);
      } catch (e) {
        if (gen !== generation) return;
        if ([401, 403, 404].includes(e.status)) {
          fail(entry, e.message, e.code);
          break;
        }
        // Network or server trouble: keep the row, back off, try again.
        entry.status.textContent = "Connection problem: retrying…";
        delay = Math.min(delay * 2, MAX_DELAY_MS);
        wait = Math.max(delay, (e.retryAfter ?? 0) * 1000);
      }
      await sleep(wait);
    }
    settle(gen);
  }

  function settle(gen) {
    if (gen !== generation) return;
    const states = [...rows.values()].map((e) => e.state);
    if (states.some((s) => !s || !TERMINAL.has(s.status))) return;
    onSettled({
      succeeded: states.filter((s) => s.status === "succeeded").length,
      failed: states.filter((s) => s.status === "failed").length,
    });
  }

  return {
    /** Start rows and polling for jobs [{id, name, status?}] of a case. */
    track(kase, jobs) {
      const gen = generation;
      for (const job of jobs) {
        if (rows.has(job.id)) continue;
        const entry = addRow(job);
        poll(kase, entry, gen);
      }
    },
    reset() {
      generation += 1;
      rows.clear();
      listEl.replaceChildren();
      announcer.textContent = "";
    },
  };
}
