// @ts-check
// The package's error classes, shared by every entry (so `instanceof` holds whichever entry threw):
// ValidationError from validate's report, the others from what the wasm export `send` answers
// (src/wasm/client.rs). Declared for TypeScript in ./index.d.ts.
/** @import { EndpointId, Issue, JsonValue, Sent, ValidationResult, Warning } from "./index.js" */
import { formatIssues } from "./issues.js";
import { retryAfterOf } from "./retry-after.js";

/**
 * A body that breaks the schema: nothing was sent.
 * @implements {Omit<import("./index.js").ValidationError, "name">}
 */
export class ValidationError extends Error {
  /**
   * @param {EndpointId} endpoint
   * @param {ValidationResult} result
   */
  constructor(endpoint, result) {
    // Every issue on its own line, path first (formatIssues).
    const lines = result.issues.length > 0 ? formatIssues(result.issues) : "it has issues";
    super(`${endpoint}: the body is not valid:\n${lines}`);
    this.name = "ValidationError";
    this.endpoint = endpoint;
    /** @type {Issue[]} */
    this.issues = result.issues;
    /** @type {Warning[]} */
    this.warnings = result.warnings;
  }
}

/** The answer's headers, or empty ones when an outcome built by hand has none. */
const headersOf = (/** @type {{ headers?: unknown }} */ outcome) =>
  /** @type {Headers} */ (outcome.headers ?? (typeof Headers === "function" ? new Headers() : {}));

/**
 * The API answered with an error: its documented code (or `TOO_MANY_REQUESTS`, or
 * `HTTP_<status>`), message, body and headers; how long it asks to wait (`retryAfter`), and
 * Paradigm's documentation link (`docUrl`).
 * @implements {Omit<import("./index.js").ApiError, "name" | "code" | "endpoint">}
 */
export class ApiError extends Error {
  /**
   * @param {EndpointId} endpoint
   * @param {Extract<Sent<JsonValue>, { kind: "api" }>} outcome
   */
  constructor(endpoint, outcome) {
    super(outcome.message);
    this.name = "ApiError";
    this.endpoint = endpoint;
    this.status = outcome.status;
    this.code = outcome.code;
    /** @type {string | null} */
    this.serverCode = outcome.serverCode ?? null;
    this.body = outcome.body;
    this.headers = headersOf(outcome);
    /** @type {number | null} */
    this.retryAfter = retryAfterOf(this.headers, outcome.status);
    /** @type {string | null} */
    this.docUrl = outcome.docUrl ?? null;
    const fields = fieldErrors(outcome.body);
    if (fields) this.fields = fields;
    /** @type {import("./index.js").ServerIssue[]} */
    this.issues = fields ? serverIssues(fields) : [];
  }
}

/** Keys Django REST Framework (Paradigm's server) gives errors about the whole object. */
const BODY_KEYS = new Set(["non_field_errors", "__all__"]);

/**
 * Paradigm's per-field errors as issues in our path form: the field's dotted name
 * (`members.users.0.id`) as a JSON Pointer (`/members/users/0/id`), `error` as the code,
 * `detail` as the message; so that flattenIssues, treeifyIssues and formatIssues read them as
 * they read validate's.
 * @param {{ [field: string]: { error: string, detail: string }[] }} fields
 */
function serverIssues(fields) {
  /** @type {import("./index.js").ServerIssue[]} */
  const out = [];
  for (const [field, list] of Object.entries(fields)) {
    const path = BODY_KEYS.has(field) ? "" : field.split(".").map((k) => "/" + k.replaceAll("~", "~0").replaceAll("/", "~1")).join("");
    for (const e of list) out.push({ path, field, code: e.error, message: e.detail || e.error });
  }
  return out;
}

/**
 * Paradigm's per-field errors (`fields: {<field>: [{error, detail}]}`, documented for its 422
 * `validation_error`), kept only in that shape: entries that are not objects are left out, and
 * `error` / `detail` are strings ("" when missing).
 * @param {unknown} body
 * @returns {{ [field: string]: { error: string, detail: string }[] } | undefined}
 */
function fieldErrors(body) {
  const fields = body !== null && typeof body === "object" ? /** @type {{ fields?: unknown }} */ (body).fields : undefined;
  if (fields === null || typeof fields !== "object" || Array.isArray(fields)) return undefined;
  /** @type {{ [field: string]: { error: string, detail: string }[] }} */
  const out = {};
  for (const [key, list] of Object.entries(fields)) {
    if (!Array.isArray(list)) continue;
    const value = list
      .filter((e) => e !== null && typeof e === "object")
      .map((e) => ({ error: typeof e.error === "string" ? e.error : "", detail: typeof e.detail === "string" ? e.detail : "" }));
    // Defined, not assigned: a field named "__proto__" stays data, never a prototype.
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/**
 * What lies under a fetch failure: the system error code (Node's `TypeError: fetch failed`
 * holds it in its `cause`: `ECONNREFUSED`, `ENOTFOUND`, `UND_ERR_SOCKET`...), and the innermost
 * cause's message (`bad port`), when there is one.
 * @param {unknown} cause
 * @returns {{ code: string | undefined, detail: string | undefined }}
 */
function underlying(cause) {
  /** @type {string | undefined} */ let code;
  /** @type {string | undefined} */ let detail;
  let e = cause;
  for (let depth = 0; e !== null && typeof e === "object" && depth < 4; depth++) {
    try {
      const c = /** @type {{ code?: unknown }} */ (e).code;
      if (code === undefined && typeof c === "string" && /^[A-Z][A-Z0-9_]*$/.test(c)) code = c;
      const m = /** @type {{ message?: unknown }} */ (e).message;
      if (depth > 0 && typeof m === "string" && m !== "") detail = m.slice(0, 200);
      e = /** @type {{ cause?: unknown }} */ (e).cause;
    } catch (_) {
      break;
    }
  }
  return { code, detail };
}

/**
 * The request did not complete: no connection, or it dropped before an answer. `cause` is what
 * fetch rejected with; `systemCode` the system code under it (`ECONNREFUSED`), when there is one.
 * @implements {Omit<import("./index.js").NetworkError, "name">}
 */
export class NetworkError extends Error {
  /**
   * @param {EndpointId} endpoint
   * @param {string} message
   * @param {unknown} [cause]
   */
  constructor(endpoint, message, cause) {
    const { code, detail } = underlying(cause);
    // What the message does not say already (a detail often names the code itself).
    const more = [];
    if (detail !== undefined && !message.includes(detail)) more.push(detail);
    if (code !== undefined && !message.includes(code) && !detail?.includes(code)) more.push(code);
    super(`${endpoint}: the request failed: ${message}${more.length ? ` (${more.join(": ")})` : ""}`, cause === undefined || cause === null ? undefined : { cause });
    this.name = "NetworkError";
    this.endpoint = endpoint;
    /** @type {string | null} */
    this.systemCode = code ?? null;
  }
}

/**
 * No answer within the client's `timeoutMs`.
 * @implements {Omit<import("./index.js").TimeoutError, "name">}
 */
export class TimeoutError extends Error {
  /**
   * @param {EndpointId} endpoint
   * @param {number} timeoutMs
   */
  constructor(endpoint, timeoutMs) {
    super(`${endpoint}: no answer within ${timeoutMs} ms`);
    this.name = "TimeoutError";
    this.endpoint = endpoint;
    this.timeoutMs = timeoutMs;
  }
}

/**
 * The caller's AbortSignal fired; `reason` is its reason, whatever it was.
 * @implements {Omit<import("./index.js").AbortError, "name">}
 */
export class AbortError extends Error {
  /**
   * @param {EndpointId} endpoint
   * @param {unknown} reason
   */
  constructor(endpoint, reason) {
    super(`${endpoint}: the request was aborted`);
    this.name = "AbortError";
    this.endpoint = endpoint;
    this.reason = reason;
  }
}

/**
 * A success status whose body is not the documented JSON.
 * @implements {Omit<import("./index.js").ResponseError, "name">}
 */
export class ResponseError extends Error {
  /**
   * @param {EndpointId} endpoint
   * @param {Extract<Sent<JsonValue>, { kind: "response" }>} outcome
   */
  constructor(endpoint, outcome) {
    super(outcome.message);
    this.name = "ResponseError";
    this.endpoint = endpoint;
    this.status = outcome.status;
    this.body = outcome.body;
    this.headers = headersOf(outcome);
  }
}
