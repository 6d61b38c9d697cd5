// casewise patient page: wires the steps together. Start (what is stored, pick files) -> progress
// (one row per document) -> review (profile with evidence and corrections) -> ask -> delete.
// Plain ES modules, no build step, nothing loaded from outside this server.

import {
  ApiError, DEFAULT_LIMITS, accessCode, api, forgetCase, loadLimits, parseAccessCode,
  saveCase, saveJobs, savedCase, savedJobs,
} from "./js/api.js";
import { renderAnswer, renderSuggestions, suggestQuestions } from "./js/ask.js";
import { focusRegion, formatBytes } from "./js/dom.js";
import { renderProfile } from "./js/profile.js";
import { createTracker } from "./js/progress.js";
import { setupPicker } from "./js/upload.js";

const $ = (id) => document.getElementById(id);
const state = { kase: savedCase(), limits: DEFAULT_LIMITS, profile: null, openIds: new Set() };

const status = (text) => {
  $("global-status").textContent = text;
};

// --- case --------------------------------------------------------------------------------------

function showCase() {
  const has = Boolean(state.kase);
  $("case-panel").hidden = !has;
  $("delete").hidden = !has;
  if (has) $("access-code").textContent = accessCode(state.kase);
}

async function ensureCase() {
  if (state.kase) return state.kase;
  const created = await api.createCase();
  state.kase = { id: created.id, token: created.token };
  saveCase(state.kase);
  showCase();
  return state.kase;
}

$("copy-code").addEventListener("click", async () => {
  const code = $("access-code").textContent;
  try {
    await navigator.clipboard.writeText(code);
    $("copy-status").textContent = "Access code copied. Keep it somewhere private.";
  } catch {
    // No clipboard permission (plain http): select the code so the patient can copy it.
    const range = document.createRange();
    range.selectNodeContents($("access-code"));
    getSelection().removeAllRanges();
    getSelection().addRange(range);
    $("copy-status").textContent = "Press Ctrl+C (or ⌘+C) to copy the selected access code.";
  }
});

$("resume-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const kase = parseAccessCode($("resume-code").value);
  $("resume-error").textContent = "";
  if (!kase) {
    $("resume-error").textContent = "That does not look like an access code. Paste the whole code.";
    return;
  }
  try {
    const profile = await api.profile(kase);
    tracker.reset();
    state.kase = kase;
    saveCase(kase);
    saveJobs([]);
    showCase();
    showProfile(profile);
    $("resume-code").value = "";
  } catch (err) {
    $("resume-error").textContent = [401, 403, 404].includes(err.status)
      ? "We could not open a case with that access code. Check it and try again."
      : err.message;
  }
});

// --- upload and progress -------------------------------------------------------------------------

const tracker = createTracker({
  listEl: $("job-list"),
  announcer: $("progress-announcer"),
  onSettled: ({ succeeded, failed }) => {
    if (succeeded) loadProfile();
    if (failed && !succeeded) status("None of the files could be read. See the messages above.");
  },
});

const picker = setupPicker({
  zone: $("drop-zone"),
  input: $("file-input"),
  listEl: $("selected-files"),
  errorsEl: $("file-errors"),
  button: $("upload-button"),
  getLimits: () => state.limits,
});

$("upload-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const files = picker.files();
  if (!files.length) return;
  const button = $("upload-button");
  button.disabled = true;
  button.textContent = "Uploading…";
  $("file-errors").replaceChildren();
  try {
    const kase = await ensureCase();
    const result = await api.upload(kase, files);
    const jobs = (result.jobs || []).map((j, i) => ({ id: j.id, name: files[i] ? files[i].name : `Document ${i + 1}` }));
    saveJobs([...savedJobs(), ...jobs]);
    picker.clear();
    $("progress").hidden = false;
    tracker.track(kase, jobs);
    focusRegion($("progress-title"));
  } catch (err) {
    const p = document.createElement("p");
    p.className = "error-text";
    p.textContent = err instanceof ApiError ? err.message : "The upload failed. Please try again.";
    $("file-errors").replaceChildren(p);
    button.disabled = false;
  } finally {
    button.textContent = "Upload and read";
  }
});

// --- review --------------------------------------------------------------------------------------

async function saveCorrection(change) {
  const profile = await api.correct(state.kase, change);
  const focusedId = change.fact_id;
  state.openIds.add(focusedId);
  showProfile(profile);
  const words = { confirm: "Saved: you confirmed this fact.", reject: "Saved: marked as wrong.", correct: "Saved: your correction." };
  $("review-status").textContent = words[change.action];
  const toggle = [...$("profile").querySelectorAll(".fact-toggle")].find((b) => b.dataset.factId === focusedId);
  if (toggle) toggle.focus();
}

function showProfile(profile) {
  state.profile = profile;
  $("review").hidden = false;
  renderProfile($("profile"), profile, { save: saveCorrection, openIds: state.openIds });
  renderSuggestions($("suggestions"), suggestQuestions(profile), ask);
}

async function loadProfile() {
  try {
    showProfile(await api.profile(state.kase));
    status("Your profile is ready below. Please check it.");
  } catch (err) {
    if ([401, 403, 404].includes(err.status)) {
      // The case is gone (deleted in another tab) or the token is wrong: start afresh.
      forgetCase();
      state.kase = null;
      showCase();
    }
    status(err.message);
  }
}

// --- ask -------------------------------------------------------------------------------------------

async function ask(question) {
  const q = String(question || "").trim();
  if (!q) {
    $("question").focus();
    return;
  }
  $("question").value = q;
  const box = $("answer");
  box.setAttribute("aria-busy", "true");
  box.replaceChildren(Object.assign(document.createElement("p"), { className: "hint", textContent: "Looking through your profile and our sources…" }));
  $("ask-button").disabled = true;
  try {
    const answer = await api.ask(state.kase, q);
    renderAnswer(box, answer, ask);
    box.querySelector(".answer-question").focus();
  } catch (err) {
    box.replaceChildren(Object.assign(document.createElement("p"), { className: "error-text", textContent: err.message }));
  } finally {
    box.setAttribute("aria-busy", "false");
    $("ask-button").disabled = false;
  }
}

$("ask-form").addEventListener("submit", (e) => {
  e.preventDefault();
  ask($("question").value);
});

// --- delete ----------------------------------------------------------------------------------------

$("delete-button").addEventListener("click", () => {
  $("delete-dialog").returnValue = "";
  $("delete-dialog").showModal();
});
$("delete-dialog").addEventListener("close", async () => {
  if ($("delete-dialog").returnValue !== "confirm" || !state.kase) {
    $("delete-button").focus();
    return;
  }
  try {
    await api.deleteCase(state.kase);
  } catch (err) {
    if (err.status !== 404) {
      status(`Your data could not be deleted: ${err.message}`);
      return;
    }
  }
  tracker.reset();
  forgetCase();
  Object.assign(state, { kase: null, profile: null, openIds: new Set() });
  showCase();
  for (const id of ["progress", "review"]) $(id).hidden = true;
  $("profile").replaceChildren();
  $("answer").replaceChildren();
  renderSuggestions($("suggestions"), suggestQuestions(null), ask);
  status("Your data has been deleted: files, profile and answers.");
  focusRegion($("start-title"));
});

// --- start -----------------------------------------------------------------------------------------

async function start() {
  showCase();
  renderSuggestions($("suggestions"), suggestQuestions(null), ask);
  state.limits = await loadLimits();
  $("max-size").textContent = formatBytes(state.limits.maxUploadBytes);
  if (!state.kase) return;
  const jobs = savedJobs();
  if (jobs.length) {
    $("progress").hidden = false;
    tracker.track(state.kase, jobs);
  } else {
    loadProfile();
  }
}

start();
