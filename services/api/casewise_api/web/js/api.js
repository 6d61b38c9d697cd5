// The API client: fetch wrappers for the /v1 contract, the error shape, and the case kept in
// sessionStorage (id + token; the token is shown once by the server and never logged here).

const CASE_KEY = "casewise.case";
const JOBS_KEY = "casewise.jobs";

// Mirrors the server's defaults (core ReadingSettings.max_upload_bytes and the reader's accepted
// types); replaced by GET /v1/config when the API provides it.
export const DEFAULT_LIMITS = Object.freeze({
  maxUploadBytes: 50 * 1024 * 1024,
  extensions: ["pdf", "png", "jpg", "jpeg", "tif", "tiff", "txt"],
  mimeTypes: ["application/pdf", "image/png", "image/jpeg", "image/tiff", "text/plain"],
});

/** An error from the API (or the network), with the server's stable code and its message. */
export class ApiError extends Error {
  constructor(status, code, message, retryAfter = null) {
    super(message);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }
}

const NETWORK_MESSAGE = "We could not reach casewise. Check your connection and try again.";

async function errorFrom(response) {
  let code = `http_${response.status}`;
  let message = `The request failed (${response.status}). Please try again.`;
  try {
    const body = await response.json();
    const err = body && (body.error || body);
    if (err && typeof err.message === "string") message = err.message;
    if (err && typeof err.code === "string") code = err.code;
    else if (body && typeof body.detail === "string") message = body.detail;
  } catch {
    // Not JSON (a proxy page, say): keep the generic message.
  }
  return new ApiError(response.status, code, message, retryAfterOf(response));
}

function retryAfterOf(response) {
  const seconds = Number.parseFloat(response.headers.get("Retry-After") || "");
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : null;
}

/** fetch() that turns network failures and non-2xx answers into ApiError. */
export async function request(path, { method = "GET", token, json, body, headers = {} } = {}) {
  const h = { Accept: "application/json", ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  let payload = body;
  if (json !== undefined) {
    h["Content-Type"] = "application/json";
    payload = JSON.stringify(json);
  }
  let response;
  try {
    response = await fetch(path, { method, headers: h, body: payload, cache: "no-store" });
  } catch {
    throw new ApiError(0, "network_error", NETWORK_MESSAGE);
  }
  if (response.status === 304) return response;
  if (!response.ok) throw await errorFrom(response);
  return response;
}

async function json(path, options) {
  const response = await request(path, options);
  return response.status === 204 ? null : response.json();
}

export async function loadLimits() {
  try {
    const response = await fetch("/v1/config", { headers: { Accept: "application/json" } });
    if (!response.ok) return DEFAULT_LIMITS;
    const cfg = await response.json();
    const types = cfg.accepted_types || cfg.allowed_types || cfg.content_types;
    const exts = cfg.accepted_extensions || cfg.extensions;
    return {
      maxUploadBytes: Number(cfg.max_upload_bytes) > 0 ? Number(cfg.max_upload_bytes) : DEFAULT_LIMITS.maxUploadBytes,
      extensions: Array.isArray(exts) ? exts.map((e) => String(e).replace(/^\./, "").toLowerCase()) : DEFAULT_LIMITS.extensions,
      mimeTypes: Array.isArray(types) ? types.map((t) => String(t).toLowerCase()) : DEFAULT_LIMITS.mimeTypes,
    };
  } catch {
    return DEFAULT_LIMITS;
  }
}

export const api = {
  createCase: () => json("/v1/cases", { method: "POST", json: {} }),
  upload(kase, files) {
    const form = new FormData();
    for (const f of files) form.append("files", f, f.name);
    return json(`/v1/cases/${encodeURIComponent(kase.id)}/documents`, { method: "POST", token: kase.token, body: form });
  },
  /** Returns {status: 304} or {status: 200, etag, body}, plus retryAfter seconds when sent. */
  async job(kase, jobId, etag) {
    const headers = etag ? { "If-None-Match": etag } : {};
    const r = await request(`/v1/jobs/${encodeURIComponent(jobId)}`, { token: kase.token, headers });
    const retryAfter = retryAfterOf(r);
    if (r.status === 304) return { status: 304, retryAfter, etag };
    return { status: 200, retryAfter, etag: r.headers.get("ETag"), body: await r.json() };
  },
  profile: (kase) => json(`/v1/cases/${encodeURIComponent(kase.id)}/profile`, { token: kase.token }),
  correct: (kase, change) =>
    json(`/v1/cases/${encodeURIComponent(kase.id)}/profile`, { method: "PATCH", token: kase.token, json: change }),
  /** An answer; a 202 {poll_url} (still being written) is polled, honouring Retry-After. */
  async ask(kase, question, { maxWaitMs = 180_000 } = {}) {
    const token = kase ? kase.token : undefined;
    const path = kase ? `/v1/cases/${encodeURIComponent(kase.id)}/answers` : "/v1/answers";
    let r = await request(path, { method: "POST", token, json: { question } });
    const deadline = Date.now() + maxWaitMs;
    while (r.status === 202) {
      const pending = await r.json();
      if (Date.now() > deadline || !pending.poll_url) {
        throw new ApiError(504, "answer_timed_out", "The answer is taking too long. Please try again in a minute.");
      }
      const wait = Math.max(1, retryAfterOf(r) ?? 1) * 1000;
      await new Promise((resolve) => setTimeout(resolve, wait));
      r = await request(pending.poll_url, { token });
    }
    return r.json();
  },
  deleteCase: (kase) => json(`/v1/cases/${encodeURIComponent(kase.id)}`, { method: "DELETE", token: kase.token }),
};

// --- the case in this tab ---------------------------------------------------------------------

export function savedCase() {
  try {
    const c = JSON.parse(sessionStorage.getItem(CASE_KEY) || "null");
    return c && c.id && c.token ? c : null;
  } catch {
    return null;
  }
}

export function saveCase(kase) {
  sessionStorage.setItem(CASE_KEY, JSON.stringify({ id: kase.id, token: kase.token }));
}

export function forgetCase() {
  sessionStorage.removeItem(CASE_KEY);
  sessionStorage.removeItem(JOBS_KEY);
}

/** Jobs started in this tab ({id, name}), so a reload resumes their progress rows. */
export function savedJobs() {
  try {
    return JSON.parse(sessionStorage.getItem(JOBS_KEY) || "[]");
  } catch {
    return [];
  }
}

export function saveJobs(jobs) {
  sessionStorage.setItem(JOBS_KEY, JSON.stringify(jobs));
}

// The access code a patient can copy: "<case id>.<token>" (ids never contain a dot).
export const accessCode = (kase) => `${kase.id}.${kase.token}`;

export function parseAccessCode(code) {
  const s = String(code || "").trim();
  const dot = s.indexOf(".");
  if (dot < 1 || dot === s.length - 1) return null;
  return { id: s.slice(0, dot), token: s.slice(dot + 1) };
}
