// The mock of both APIs as a node:http request listener over in-memory state: Databrain v2
// (POST/PUT /api/v2/workspace, POST/PUT /api/v2/datasource) and LightOn Paradigm v3
// (PATCH /api/v3/workspaces/{id}, POST /api/v3/workspaces/{id}/datasource/test).
//
// Bodies are judged by the package itself (`validate`), the routes are its `endpoints()` (method
// and path of each endpoint id), the error tables (codes and HTTP statuses) come from its
// `describe(endpoint).errors`, and everything the mock shows of a request or of what it stores is
// redacted by its `redactRequest`: the mock cannot drift from the library. What the library cannot
// know (whether a name exists, the v3 sync rules) is implemented here. mock/README.md has the
// reference; choices the docs leave open are marked "Choice:" below.
//
// Order of checks for an API route: fault injection (header X-Mock-Fault, else the queue), then
// authentication, then (Paradigm) the workspace lookup and the PERSONAL rule, then the body
// (Content-Type, JSON, validate()), then the business rules. A request that fails any check changes
// no state (every update is all-or-nothing).

import { readFileSync } from "node:fs";
// The package: the one place its module path is written.
import { validate, redactRequest, describe as describeEndpoint, endpoints } from "../pkg/node/index.js";

export const DEFAULT_TOKEN = "mock-service-token";
export const SEED_PATH = new URL("./seed.json", import.meta.url);
const MAX_BODY = 1024 * 1024;
const MAX_DELAY_MS = 120_000;
const DOC_URL = "https://developers.lighton.ai/errors#";
const ALLOWED_HEADERS = ["authorization", "content-type", "x-mock-fault"];

// ---------------------------------------------------------------------------------------------
// Routes: one per endpoint of the package, `${method} ${path}` as its key ("PATCH
// /api/v3/workspaces/{id}"); the handlers are below the app.

const HANDLERS = {
  "databrain.createWorkspace": createWorkspace,
  "databrain.updateWorkspace": updateWorkspace,
  "databrain.createDatasource": createDatasource,
  "databrain.updateDatasource": updateDatasource,
  "paradigm.updateWorkspace": patchWorkspace,
  "paradigm.testDatasource": testDatasource,
};

/**
 * The path template as a pattern: literal text, a trailing slash allowed, and each `{param}` an
 * integer (reference §5.1); anything else does not match the route (404), as a Django `<int:id>`
 * converter would.
 */
function pathPattern(template) {
  const parts = template.split(/\{[^}]+\}/).map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("(\\d+)")}/?$`);
}

const ROUTES = endpoints().map((e) => {
  const run = HANDLERS[e.id];
  if (!run) throw new Error(`mock: the package's endpoint ${e.id} has no handler in mock/app.mjs`);
  return {
    key: `${e.method} ${e.path}`,
    method: e.method,
    re: pathPattern(e.path),
    path: e.path,
    endpoint: e.id,
    family: e.api,
    run,
    // The documented error table of the endpoint, from the package.
    errors: new Map(describeEndpoint(e.id).errors.map((x) => [x.code, x])),
  };
});
for (const id of Object.keys(HANDLERS)) {
  if (!ROUTES.some((r) => r.endpoint === id)) throw new Error(`mock: a handler for ${id}, which the package does not list`);
}
export const ROUTE_KEYS = [...ROUTES.map((r) => r.key), "unmatched"];
const UNMATCHED = { key: "unmatched", errors: new Map() };

function matchRoute(method, path) {
  for (const route of ROUTES) {
    const m = route.re.exec(path);
    if (m && route.method === method) return { route, id: m[1] === undefined ? undefined : Number(m[1]) };
  }
  return null;
}

const familyOf = (path) => (path.startsWith("/api/v3/") || path === "/api/v3" ? "paradigm" : "databrain");

// ---------------------------------------------------------------------------------------------
// Faults: "delay=<ms>", "status=<code>", "code=<DOCUMENTED_CODE>", "malformed", "empty",
// "wrong-shape", "drop"; several may be joined with commas, at most one besides delay
// ("delay=200,status=503").

export function parseFault(spec) {
  if (typeof spec !== "string" || spec.trim() === "") throw new Error("a fault is a non-empty string");
  const fault = { spec: spec.trim(), delay: 0, kind: null };
  for (const raw of spec.split(",")) {
    const part = raw.trim();
    const eq = part.indexOf("=");
    const name = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? null : part.slice(eq + 1).trim();
    const terminal = (kind, extra = {}) => {
      if (fault.kind) throw new Error(`fault "${spec}" has two answers ("${fault.kind}" and "${kind}"); only delay combines`);
      fault.kind = kind;
      Object.assign(fault, extra);
    };
    switch (name) {
      case "delay": {
        const ms = Number(value);
        if (value === null || !Number.isInteger(ms) || ms < 0 || ms > MAX_DELAY_MS) {
          throw new Error(`delay must be an integer number of milliseconds in 0..${MAX_DELAY_MS}`);
        }
        fault.delay = ms;
        break;
      }
      case "status": {
        const status = Number(value);
        if (value === null || !Number.isInteger(status) || status < 400 || status > 599) {
          throw new Error("status must be an HTTP error status in 400..599");
        }
        terminal("status", { status });
        break;
      }
      case "code":
        if (!value) throw new Error("code needs a documented error code, e.g. code=SCHEMA_CACHE_FAILED");
        terminal("code", { code: value });
        break;
      case "malformed":
      case "empty":
      case "wrong-shape":
      case "drop":
        if (value !== null) throw new Error(`fault "${name}" takes no value`);
        terminal(name);
        break;
      case "ratelimit": {
        const m = /^(\d+)\/(\d+)(ms|s|m)?$/.exec(value ?? "");
        const limit = m ? Number(m[1]) : NaN;
        const windowMs = m ? Number(m[2]) * ({ ms: 1, s: 1000, m: 60_000 }[m[3] ?? "ms"] ?? 1) : NaN;
        if (!m || limit < 1 || limit > 1_000_000 || windowMs < 1 || windowMs > 3_600_000) {
          throw new Error("ratelimit needs <n>/<window>: at most n requests per window (ms, or with a unit: 500ms, 2s, 2m; up to an hour), e.g. ratelimit=500/2m");
        }
        terminal("ratelimit", { limit, windowMs });
        break;
      }
      default:
        throw new Error(`unknown fault "${part}"; known: delay=<ms>, status=<code>, code=<CODE>, malformed, empty, wrong-shape, drop, ratelimit=<n>/<window>`);
    }
  }
  return fault;
}

// ---------------------------------------------------------------------------------------------
// State.

export function loadSeed(path = SEED_PATH) {
  const seed = JSON.parse(readFileSync(path, "utf8"));
  const ids = new Set();
  for (const ws of seed.paradigm.workspaces) {
    if (!Number.isInteger(ws.id) || ids.has(ws.id)) throw new Error(`seed: Paradigm workspace ids must be unique integers (${ws.id})`);
    ids.add(ws.id);
  }
  return seed;
}

function freshState(seed) {
  const s = structuredClone(seed);
  delete s._comment;
  for (const ws of s.paradigm.workspaces) {
    delete ws._role;
    // `editable` is derived, never stored (the seed writes it for the reader only).
    if (ws.sync) delete ws.sync.editable;
  }
  return s;
}

const now = () => new Date().toISOString();
const quote = (s) => JSON.stringify(String(s).length > 60 ? String(s).slice(0, 60) + "…" : String(s));

// ---------------------------------------------------------------------------------------------
// Redaction: everything the mock shows of a request (the stats, the log) or of what it stores (the
// state view) goes through the package's redactRequest, so there is one rule and one placeholder.

/** The package's placeholder for a hidden value (what it writes for a body that is not JSON). */
const HIDDEN = redactRequest({ method: "POST", url: "/", body: "not JSON" }).body;

/**
 * A request-shaped object ({endpoint?, method, url, headers?, body?: JSON text}) redacted by the
 * package: {path, headers, body}, the body parsed back when it is JSON (null when empty), `path`
 * the url with any userinfo hidden (a query string kept as sent). What the mock shows is readable
 * by anyone who can reach it, so it must never show what the redaction would hide, and it must
 * answer whatever arrived: if the redaction throws, every header value and the body are hidden and
 * the path is `pathname` (no query).
 */
function redacted(request, pathname) {
  let out;
  try {
    out = redactRequest(request);
  } catch {
    out = {
      url: pathname,
      headers: Object.fromEntries(Object.keys(request.headers ?? {}).map((k) => [k, HIDDEN])),
      body: request.body === undefined ? undefined : HIDDEN,
    };
  }
  let body = null;
  if (typeof out.body === "string") {
    try {
      body = JSON.parse(out.body);
    } catch {
      body = out.body;
    }
  }
  return { path: typeof out.url === "string" ? out.url : pathname, headers: out.headers ?? {}, body };
}

/** The request as `/__mock/stats` shows it (credential headers "Bearer <redacted>", secrets hidden). */
function redactedRequest(req, endpoint, pathname, buffer) {
  const request = { method: req.method, url: req.url, headers: { ...req.headers } };
  if (endpoint !== undefined) request.endpoint = endpoint;
  if (buffer.length > 0) request.body = buffer.toString("utf8");
  return redacted(request, pathname);
}

/**
 * A stored object as the body of a request to `endpoint` (undefined: no endpoint, the generic
 * rules), redacted: the package's schema-aware rules apply (a datasource's credentials by its
 * type). If the redaction fails or does not give an object back, every value is hidden.
 */
function redactedData(endpoint, value) {
  const route = ROUTES.find((r) => r.endpoint === endpoint);
  const request = { method: route?.method ?? "POST", url: route?.path ?? "/", body: JSON.stringify(value) };
  if (endpoint !== undefined) request.endpoint = endpoint;
  const { body } = redacted(request, request.url);
  if (body !== null && typeof body === "object" && !Array.isArray(body)) return body;
  return Object.fromEntries(Object.keys(value).map((k) => [k, HIDDEN]));
}

/** A copy of `obj` with keys renamed by `names` ({from: to}), in the same order. */
const renamed = (obj, names) => Object.fromEntries(Object.entries(obj).map(([k, v]) => [names[k] ?? k, v]));

/**
 * Whether a browser Origin may read the mock's answers: loopback only (127.0.0.0/8, localhost,
 * [::1]; http or https, any port), i.e. the demo page, the browser tests and a dev server on this
 * machine. The hostname is compared after URL parsing, not as a prefix (so
 * "http://127.0.0.1.evil.example" is refused), and the header must be a serialised origin (no
 * path, userinfo or odd spelling): that is all a browser sends, and what
 * Access-Control-Allow-Origin must repeat exactly.
 */
function loopbackOrigin(origin) {
  let url;
  try {
    url = new URL(origin);
  } catch {
    return false; // includes "null" (sandboxed frames, file: pages)
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.origin !== origin) return false;
  const host = url.hostname; // IPv4 is canonical dotted decimal after parsing ("127.1" -> "127.0.0.1")
  return host === "localhost" || host === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

// ---------------------------------------------------------------------------------------------
// Credential tests. Nothing connects anywhere: a connection "fails" when a credential value names
// the reserved host `unreachable.invalid` (RFC 2606 .invalid: it can never resolve), and for
// Paradigm also when a Google service-account file contains "invalid".

function mentionsUnreachable(value, skipKey) {
  if (typeof value === "string") return value.toLowerCase().includes("unreachable.invalid");
  if (Array.isArray(value)) return value.some((v) => mentionsUnreachable(v));
  if (value && typeof value === "object") {
    return Object.entries(value).some(([k, v]) => k !== skipKey && mentionsUnreachable(v));
  }
  return false;
}

function paradigmConnectionProblem(ds) {
  const file = ds.credentials?.service_account_file;
  if (typeof file === "string" && file.toLowerCase().includes("invalid")) {
    return "Google Drive rejected the service account key.";
  }
  if (mentionsUnreachable(ds.credentials) || mentionsUnreachable(ds.filter_criteria)) {
    return `Could not connect to the ${ds.type} source: the host could not be reached.`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// The app.

/**
 * A fixed-window limiter, as express-rate-limit (Databrain's) counts: every request of the window
 * counts, the first one opens it, and once `limit` is passed each answer is a 429 until it ends.
 * @param {{ limit: number, windowMs: number }} fault
 */
function limiter({ limit, windowMs }) {
  let start = -Infinity;
  let used = 0;
  /** @returns {{ allowed: boolean, headers: Record<string, string> }} */
  return function hit(now = Date.now()) {
    if (now - start >= windowMs) {
      start = now;
      used = 0;
    }
    used++;
    const resetMs = start + windowMs - now;
    const remaining = Math.max(0, limit - used);
    const headers = {
      "RateLimit-Limit": String(limit),
      "RateLimit-Remaining": String(remaining),
      "RateLimit-Reset": String(Math.ceil(resetMs / 1000)),
      "X-RateLimit-Limit": String(limit),
      "X-RateLimit-Remaining": String(remaining),
      "X-RateLimit-Reset": String(Math.ceil((start + windowMs) / 1000)),
    };
    if (used <= limit) return { allowed: true, headers };
    return { allowed: false, headers: { "Retry-After": String(Math.ceil(resetMs / 1000)), ...headers } };
  };
}

export function createMockApp({ seed = loadSeed(), token = DEFAULT_TOKEN, log = () => {}, rateLimit } = {}) {
  let state;
  let stats;
  let faults; // [{spec, parsed, remaining, route, hit?}]: a ratelimit entry stays (its `hit` counts)
  const timers = new Set();
  // MOCK_RATELIMIT: a limiter over every API request, kept through resets (as a server's config).
  const baseLimiter = rateLimit ? limiter(parseFault(`ratelimit=${rateLimit}`)) : null;
  // X-Mock-Fault: ratelimit=...: one limiter per spec, for as long as the mock runs.
  const headerLimiters = new Map();

  function reset() {
    state = freshState(seed);
    stats = { requests: 0, byRoute: Object.fromEntries(ROUTE_KEYS.map((k) => [k, 0])), preflights: 0, limited: 0, last: null };
    faults = [];
  }
  reset();

  function sleep(ms) {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        timers.delete(t);
        resolve();
      }, ms);
      timers.add(t);
    });
  }

  // ----- responses -------------------------------------------------------------------------

  /**
   * CORS headers; returns false when the request comes from a browser origin that is refused.
   * Only a loopback origin gets Access-Control-Allow-* headers: with `*` (or any origin echoed) any
   * web page open in the browser could read the stats and the state. A request without an Origin
   * (curl, Node's fetch, the test suites) gets none either: a non-browser client does not need
   * them. Vary: Origin always, since the answer's headers depend on it.
   */
  function cors(req, res) {
    const origin = req.headers.origin;
    res.setHeader("Vary", "Origin");
    if (origin === undefined) return true;
    if (!loopbackOrigin(origin)) return false;
    res.setHeader("Access-Control-Allow-Origin", origin);
    // The three headers the APIs and the mock use, plus whatever a preflight asks for.
    const asked = String(req.headers["access-control-request-headers"] ?? "").split(",").map((h) => h.trim()).filter((h) => h && !ALLOWED_HEADERS.includes(h.toLowerCase()));
    res.setHeader("Access-Control-Allow-Headers", ["Authorization", "Content-Type", "X-Mock-Fault", ...asked].join(", "));
    res.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, PATCH, DELETE, OPTIONS");
    res.setHeader("Access-Control-Expose-Headers", "Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, WWW-Authenticate, X-Mock-Error");
    return true;
  }

  function sendRaw(ctx, status, text, headers = {}) {
    if (ctx.done) return;
    ctx.done = true;
    const res = ctx.res;
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (!res.hasHeader("Content-Type")) res.setHeader("Content-Type", "application/json; charset=utf-8");
    res.setHeader("Content-Length", Buffer.byteLength(text));
    res.writeHead(status);
    res.end(text);
    if (ctx.entry) ctx.entry.status = status;
    log(`${ctx.req.method} ${ctx.shownUrl} -> ${status}${ctx.fault ? ` [fault ${ctx.fault.spec}]` : ""} (${Date.now() - ctx.t0} ms)`);
  }

  function send(ctx, status, body, headers) {
    let text;
    try {
      text = JSON.stringify(body);
    } catch (e) {
      text = JSON.stringify({ mock_error: `could not serialise the answer: ${e.message}` });
      status = 500;
    }
    sendRaw(ctx, status, text, headers);
  }

  /** A harness error (bad fault spec, unknown admin route): not an API envelope, flagged by a header. */
  function mockError(ctx, status, message) {
    send(ctx, status, { mock_error: message }, { "X-Mock-Error": "1" });
  }

  function databrainError(ctx, status, code, message, headers) {
    const body = { error: { code, message } };
    // Workspace endpoints answer {data, error}; on failure data is null (reference §1.3–1.4).
    send(ctx, status, ctx.route?.endpoint?.endsWith("Workspace") ? { data: null, ...body } : body, headers);
  }

  function paradigmError(ctx, status, error, detail, extra = {}, headers) {
    send(ctx, status, { id: null, code: status, error, detail, doc_url: DOC_URL + error, ...extra }, headers);
  }

  /** A documented error of the current endpoint: its status comes from the endpoint's table. */
  function documented(ctx, code, message, extra) {
    const entry = ctx.route.errors.get(code);
    if (!entry) throw new Error(`${code} is not documented for ${ctx.route.key}`);
    if (ctx.route.family === "databrain") return databrainError(ctx, entry.status, code, message ?? entry.doc);
    return paradigmError(ctx, entry.status, code, message ?? entry.doc, extra);
  }

  // ----- faults ----------------------------------------------------------------------------

  /**
   * The rate limiters this request meets (MOCK_RATELIMIT, the queued `ratelimit` faults of its
   * route, a `ratelimit` X-Mock-Fault), each counting it: the first that refuses it gives the
   * fault of a 429; else its RateLimit headers are set on the answer. Never consumed by count.
   */
  function limited(ctx, headerFault) {
    const hits = [];
    if (baseLimiter) hits.push(baseLimiter);
    for (const f of faults) if (f.hit && (f.route === null || f.route === ctx.routeKey)) hits.push(f.hit);
    if (headerFault?.kind === "ratelimit") {
      if (!headerLimiters.has(headerFault.spec)) headerLimiters.set(headerFault.spec, limiter(headerFault));
      hits.push(headerLimiters.get(headerFault.spec));
    }
    let refused = null;
    for (const hit of hits) {
      const { allowed, headers } = hit();
      if (!allowed && !refused) refused = headers;
      if (!refused) for (const [k, v] of Object.entries(headers)) ctx.res.setHeader(k, v);
    }
    return refused;
  }

  function takeFault(ctx) {
    const header = ctx.req.headers["x-mock-fault"];
    const headerFault = header === undefined ? null : parseFault(Array.isArray(header) ? header.join(",") : header);
    const refused = limited(ctx, headerFault);
    if (refused) return { spec: headerFault?.kind === "ratelimit" ? headerFault.spec : "ratelimit", delay: headerFault?.delay ?? 0, kind: "limited", headers: refused };
    if (headerFault) return headerFault.kind === "ratelimit" ? (headerFault.delay ? { ...headerFault, kind: null } : null) : headerFault;
    const i = faults.findIndex((f) => !f.hit && (f.route === null || f.route === ctx.routeKey));
    if (i < 0) return null;
    const f = faults[i];
    if (--f.remaining <= 0) faults.splice(i, 1);
    return f.parsed;
  }

  const DATABRAIN_GENERIC = { 404: "NOT_FOUND", 429: "TOO_MANY_REQUESTS" };
  const PARADIGM_GENERIC = { 404: "not_found", 405: "method_not_allowed", 429: "throttled" };

  function answerFault(ctx, fault) {
    const family = ctx.family;
    switch (fault.kind) {
      case "limited": {
        // The message is express-rate-limit's default; the body the family's envelope.
        stats.limited++;
        const message = "Too many requests, please try again later.";
        if (family === "databrain") return databrainError(ctx, 429, "TOO_MANY_REQUESTS", message, fault.headers);
        return paradigmError(ctx, 429, "throttled", message, {}, fault.headers);
      }
      case "status": {
        const status = fault.status;
        const retry = status === 429 || status === 503 ? { "Retry-After": "1" } : undefined;
        // 5xx: the generic server error (INTERNAL_SERVER_ERROR / server_error), not one of the
        // specific 500 codes (code=SCHEMA_CACHE_FAILED gives those). Otherwise the endpoint's
        // first documented code with that status (401 → its 401 code), else a generic one.
        const documentedCode = status >= 500 ? undefined : [...ctx.route.errors.values()].find((e) => e.status === status);
        if (family === "databrain") {
          const code = documentedCode?.code ?? DATABRAIN_GENERIC[status] ?? (status >= 500 ? "INTERNAL_SERVER_ERROR" : `HTTP_${status}`);
          const message = documentedCode?.doc ?? (status >= 500 ? "Server error occurred" : `Injected HTTP ${status}.`);
          return databrainError(ctx, status, code, message, retry);
        }
        const error = documentedCode?.code ?? PARADIGM_GENERIC[status] ?? (status >= 500 ? "server_error" : "error");
        const extra = error === "validation_error" ? { fields: {} } : {};
        return paradigmError(ctx, status, error, status >= 500 ? "A server error occurred." : `Injected HTTP ${status}.`, extra, retry);
      }
      case "code": {
        if (ctx.route === UNMATCHED) return mockError(ctx, 400, `fault code=${fault.code}: the route is unknown, so it has no documented codes`);
        const entry = ctx.route.errors.get(fault.code);
        if (!entry) {
          return mockError(ctx, 400, `fault code=${fault.code} is not documented for ${ctx.route.key}; documented: ${[...ctx.route.errors.keys()].join(", ")}`);
        }
        return documented(ctx, fault.code, entry.doc, fault.code === "validation_error" ? { fields: {} } : {});
      }
      case "malformed":
        return sendRaw(ctx, 200, family === "databrain" ? '{"data": {"name": "Sales Analyt' : '{"id": 101, "name": "Team Hand');
      case "empty":
        return sendRaw(ctx, 200, "");
      case "wrong-shape":
        return send(ctx, 200, { mock: "wrong-shape", result: ["this", "is", "not", "the", "documented", "shape"] });
      case "drop":
        ctx.done = true;
        if (ctx.entry) ctx.entry.status = "dropped";
        log(`${ctx.req.method} ${ctx.shownUrl} -> dropped [fault ${fault.spec}]`);
        ctx.req.socket.destroy();
        return undefined;
      default:
        return undefined;
    }
  }

  // ----- body ------------------------------------------------------------------------------

  function readBody(req) {
    return new Promise((resolve, reject) => {
      const chunks = [];
      let size = 0;
      let tooLarge = false;
      req.on("data", (c) => {
        size += c.length;
        if (size > MAX_BODY) tooLarge = true;
        else chunks.push(c);
      });
      req.on("end", () => resolve({ buffer: Buffer.concat(chunks), tooLarge }));
      req.on("error", reject);
    });
  }

  /** The JSON body, or undefined after answering the family's error. An empty body is `{}`. */
  function jsonBody(ctx) {
    const { buffer, tooLarge } = ctx.raw;
    const databrain = ctx.family === "databrain";
    if (tooLarge) {
      // Choice: 413 with an undocumented code; neither API documents a size limit.
      return databrain
        ? void databrainError(ctx, 413, "PAYLOAD_TOO_LARGE", `Request body is larger than ${MAX_BODY} bytes.`)
        : void paradigmError(ctx, 413, "payload_too_large", `Request body is larger than ${MAX_BODY} bytes.`);
    }
    if (buffer.length === 0) return {};
    const type = String(ctx.req.headers["content-type"] ?? "");
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
      // Docs: "Content-Type: Must be set to application/json for all requests."
      return databrain
        ? void documented(ctx, "INVALID_REQUEST_BODY", `Content-Type must be application/json, found ${type ? quote(type) : "none"}.`)
        : void paradigmError(ctx, 415, "unsupported_media_type", `Unsupported media type ${quote(type || "none")} in request.`);
    }
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(buffer);
      return JSON.parse(text);
    } catch (e) {
      const why = `Request body is not valid JSON: ${e.message}`;
      return databrain ? void documented(ctx, "INVALID_REQUEST_BODY", why) : void paradigmError(ctx, 400, "bad_request", `JSON parse error - ${e.message}`);
    }
  }

  /**
   * validate() from the package; answers the endpoint's body error and returns false on issues.
   * Default mode, never strict: warnings (unknown keys of documented objects) leave the body ok,
   * since the real API is believed to accept them and the mock must accept what the API accepts.
   */
  function validBody(ctx, body) {
    const result = validate(ctx.route.endpoint, body);
    if (result.ok) return true;
    if (ctx.route.family === "databrain") {
      documented(ctx, "INVALID_REQUEST_BODY", result.issues[0].message);
      return false;
    }
    // 422 validation_error, with `fields` keyed by the dotted path of each issue (the body itself:
    // "non_field_errors", as in Django REST framework); `error` is our issue code.
    // A Map, then own data properties: a field named "constructor" or "__proto__" is data, not
    // something Object.prototype already has.
    const byKey = new Map();
    for (const issue of result.issues) {
      const key = issue.path === "" ? "non_field_errors" : issue.path.slice(1).split("/").map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")).join(".");
      if (!byKey.has(key)) byKey.set(key, []);
      byKey.get(key).push({ error: issue.code, detail: issue.message });
    }
    const fields = {};
    for (const [key, list] of byKey) Object.defineProperty(fields, key, { value: list, enumerable: true, writable: true, configurable: true });
    documented(ctx, "validation_error", "One or more fields failed validation.", { fields });
    return false;
  }

  // ----- auth ------------------------------------------------------------------------------

  function authorised(ctx) {
    const header = ctx.req.headers.authorization;
    const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
    if (m && m[1].trim() === token) return true;
    const www = { "WWW-Authenticate": 'Bearer realm="mock"' };
    if (ctx.route.family === "paradigm") {
      paradigmError(ctx, 401, "unauthorized", header ? "Invalid token." : "Authentication credentials were not provided.", {}, www);
    } else {
      // The endpoint's documented 401 code: INVALID_DATA_APP_API_KEY (workspace),
      // AUTHENTICATION_ERROR (datasource).
      const entry = [...ctx.route.errors.values()].find((e) => e.status === 401);
      databrainError(ctx, 401, entry.code, entry.doc, www);
    }
    return false;
  }

  // ----- handlers --------------------------------------------------------------------------

  // What the route handlers (below the app) use.
  const api = { state: () => state, documented, send, jsonBody, validBody };

  // ----- admin -----------------------------------------------------------------------------

  /**
   * The organisation as /__mock/state shows it, through the package's redactRequest: each stored
   * object as the body of the endpoint that creates it, under that body's key names (a
   * datasource's `type` is `datasourceType`; a Paradigm workspace's `sync` is its `datasource`,
   * whose `datasource_type` is `type`), the rest (datamarts, LLMs, themes) as one body of no
   * endpoint. `sync.editable` is computed.
   */
  function stateView() {
    const { datasources, workspaces, ...names } = state.databrain;
    const { workspaces: paradigmWorkspaces, ...others } = state.paradigm;
    const datasource = (ds) => renamed(redactedData("databrain.createDatasource", renamed(ds, { type: "datasourceType" })), { datasourceType: "type" });
    const paradigmWorkspace = (ws) => {
      const body = renamed({ ...ws, sync: ws.sync && renamed(ws.sync, { datasource_type: "type" }) }, { sync: "datasource" });
      const shown = renamed(redactedData("paradigm.updateWorkspace", body), { datasource: "sync" });
      if (shown.sync !== null && typeof shown.sync === "object") shown.sync = { ...renamed(shown.sync, { type: "datasource_type" }), editable: editable(ws) };
      return shown;
    };
    return {
      databrain: {
        datasources: datasources.map(datasource),
        ...redactedData(undefined, names),
        workspaces: workspaces.map((ws) => redactedData("databrain.createWorkspace", ws)),
      },
      paradigm: { ...redactedData(undefined, others), workspaces: paradigmWorkspaces.map(paradigmWorkspace) },
    };
  }
  const findParadigm = (id) => state.paradigm.workspaces.find((w) => w.id === id);

  async function admin(ctx, path) {
    const method = ctx.req.method;
    const body = () => {
      const { buffer } = ctx.raw;
      if (buffer.length === 0) return {};
      try {
        return JSON.parse(buffer.toString("utf8"));
      } catch (e) {
        throw new Error(`body is not JSON: ${e.message}`);
      }
    };
    try {
      if ((path === "/__mock" || path === "/__mock/") && method === "GET") {
        return send(ctx, 200, {
          routes: ROUTES.map((r) => r.key),
          token: "see the start line (env MOCK_TOKEN)",
          faults: "X-Mock-Fault header or POST /__mock/faults {fault, count, route?}: delay=<ms>, status=<code>, code=<CODE>, malformed, empty, wrong-shape, drop, ratelimit=<n>/<window>",
          admin: ["GET /__mock/stats", "POST /__mock/reset", "GET /__mock/state", "GET|POST|DELETE /__mock/faults", "POST /__mock/sync/{id}"],
        });
      }
      if (path === "/__mock/stats" && method === "GET") return send(ctx, 200, stats);
      if (path === "/__mock/reset" && method === "POST") {
        reset();
        return send(ctx, 200, { reset: true });
      }
      if (path === "/__mock/state" && method === "GET") return send(ctx, 200, stateView());
      if (path === "/__mock/faults") {
        if (method === "GET") return send(ctx, 200, { faults: faults.map(({ spec, remaining, route }) => ({ fault: spec, remaining, route })) });
        if (method === "DELETE") {
          faults = [];
          return send(ctx, 200, { faults: [] });
        }
        if (method === "POST") {
          const b = body();
          const count = b.count ?? 1;
          if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new Error("count must be an integer in 1..100000");
          const route = b.route ?? null;
          if (route !== null && !ROUTE_KEYS.includes(route)) throw new Error(`route must be one of ${ROUTE_KEYS.join(", ")}`);
          const parsed = parseFault(b.fault);
          // A rate limit is a standing limiter: it stays queued (`count` does not apply) until
          // DELETE /__mock/faults or a reset.
          faults.push({ spec: parsed.spec, parsed, remaining: count, route, ...(parsed.kind === "ratelimit" ? { hit: limiter(parsed) } : {}) });
          return send(ctx, 200, { faults: faults.map(({ spec, remaining, route }) => ({ fault: spec, remaining, route })) });
        }
      }
      const sync = /^\/__mock\/sync\/(\d+)$/.exec(path);
      if (sync && method === "POST") {
        // Drive a synced workspace's sync lifecycle (nothing syncs by itself in the mock).
        const ws = findParadigm(Number(sync[1]));
        if (!ws) return mockError(ctx, 404, `no Paradigm workspace ${sync[1]}`);
        if (!ws.sync) return mockError(ctx, 409, `workspace ${ws.id} is not synced`);
        const b = body();
        const statuses = ["SUCCESS", "WAITING", "PROCESSING", "FAILED", null];
        if (!("last_status" in b) || !statuses.includes(b.last_status)) throw new Error(`last_status must be one of ${JSON.stringify(statuses)}`);
        ws.sync.last_status = b.last_status;
        ws.sync.updated_at = now();
        if (b.last_status === "SUCCESS") ws.sync.has_succeeded = true;
        if (b.files_count !== undefined) {
          if (!Number.isInteger(b.files_count) || b.files_count < 0) throw new Error("files_count must be a non-negative integer");
          ws.files_count = b.files_count;
        }
        return send(ctx, 200, toV3(ws));
      }
      return mockError(ctx, 404, `unknown admin route ${method} ${path}`);
    } catch (e) {
      return mockError(ctx, 400, e.message);
    }
  }

  // ----- the listener ----------------------------------------------------------------------

  async function handle(req, res) {
    const ctx = { req, res, t0: Date.now(), done: false, route: null, family: null, entry: null, fault: null };
    const corsAllowed = cors(req, res);
    let url;
    try {
      url = new URL(req.url, "http://mock.invalid");
    } catch {
      url = new URL("http://mock.invalid/");
    }
    const path = url.pathname;
    // The log line's URL, redacted like the stats' (userinfo of an absolute-form target hidden).
    ctx.shownUrl = redacted({ method: req.method, url: req.url }, path).path;
    if (req.method === "OPTIONS") {
      // CORS preflight: not an API request (not counted in `requests`, no faults).
      stats.preflights++;
      req.resume();
      if (!corsAllowed) {
        // A preflight from a page that is not on this machine: refused, without any allow header
        // (the browser then never sends the request).
        return mockError(ctx, 403, `CORS: origin ${quote(req.headers.origin)} is not a loopback origin (127.0.0.0/8, localhost, [::1])`);
      }
      if (req.headers.origin !== undefined) {
        res.setHeader("Access-Control-Max-Age", "600");
        if (req.headers["access-control-request-private-network"]) res.setHeader("Access-Control-Allow-Private-Network", "true");
      }
      res.writeHead(204);
      return res.end();
    }
    ctx.raw = await readBody(req);
    if (path === "/__mock" || path.startsWith("/__mock/")) return admin(ctx, path);

    const matched = matchRoute(req.method, path);
    ctx.route = matched?.route ?? UNMATCHED;
    ctx.id = matched?.id;
    ctx.family = matched?.route.family ?? familyOf(path);
    ctx.routeKey = ctx.route.key;
    stats.requests++;
    stats.byRoute[ctx.routeKey]++;
    const shown = redactedRequest(req, matched?.route.endpoint, path, ctx.raw.buffer);
    ctx.entry = { method: req.method, path: shown.path, route: ctx.routeKey, headers: shown.headers, body: shown.body, status: null, fault: null };
    stats.last = ctx.entry;

    let fault;
    try {
      fault = takeFault(ctx);
    } catch (e) {
      return mockError(ctx, 400, `X-Mock-Fault: ${e.message}`);
    }
    if (fault) {
      ctx.fault = fault;
      ctx.entry.fault = fault.spec;
      if (fault.delay) await sleep(fault.delay);
      if (req.socket.destroyed) return undefined;
      // A faulted answer replaces the real one: it never changes state.
      if (fault.kind) return answerFault(ctx, fault);
    }

    if (ctx.route === UNMATCHED) {
      return ctx.family === "paradigm"
        ? paradigmError(ctx, 404, "not_found", "Not found.")
        : databrainError(ctx, 404, "NOT_FOUND", `Cannot ${req.method} ${path}`);
    }
    if (!authorised(ctx)) return undefined;
    return ctx.route.run(ctx, api);
  }

  const listener = (req, res) => {
    handle(req, res).catch((e) => {
      console.error(e);
      const ctx = { req, res, t0: Date.now(), done: res.headersSent, shownUrl: redacted({ method: req.method, url: req.url }, "/").path };
      if (!ctx.done) send(ctx, 500, { error: { code: "INTERNAL_SERVER_ERROR", message: `mock bug: ${e.message}` } });
    });
  };

  return {
    listener,
    reset,
    state: () => state,
    stats: () => stats,
    clearTimers() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Databrain v2.

function databrainOrg(api) {
  return api.state().databrain;
}

/**
 * The names a workspace body refers to must exist: datasourceName, datamartName (whenever sent,
 * whatever the connectionType; choice: the docs say they "must already exist"), llmName, every
 * aiCopilotLlms entry, themeName. Checked in the order of the docs' error table.
 */
function workspaceReferencesProblem(ctx, api, body) {
  const org = databrainOrg(api);
  if (body.datasourceName !== undefined && !org.datasources.some((d) => d.name === body.datasourceName)) {
    return ["INVALID_DATASOURCE_NAME", `Datasource not found: ${quote(body.datasourceName)}.`];
  }
  if (body.datamartName !== undefined && !org.datamarts.includes(body.datamartName)) {
    return ["INVALID_DATAMART_NAME", `Datamart not found: ${quote(body.datamartName)}.`];
  }
  if (body.llmName !== undefined && !org.llms.includes(body.llmName)) {
    return ["INVALID_LLM_NAME", `Invalid LLM name provided: ${quote(body.llmName)}.`];
  }
  if (body.aiCopilotLlms !== undefined) {
    const unknown = body.aiCopilotLlms.filter((n) => !org.llms.includes(n));
    if (unknown.length) return ["INVALID_AI_COPILOT_LLMS", `Invalid AI Copilot LLM list: unknown ${unknown.map(quote).join(", ")}.`];
  }
  if (body.themeName !== undefined && !org.themes.includes(body.themeName)) {
    return ["INVALID_THEME_NAME", `Invalid theme name provided: ${quote(body.themeName)}.`];
  }
  return null;
}

const WORKSPACE_FIELDS = ["llmName", "aiCopilotLlms", "isEnableMetricSuggestions", "isEnableMetricSummary", "summaryType", "customSummaryPrompt", "themeName"];

function applyConnection(ws, body) {
  ws.connectionType = body.connectionType;
  // The single link follows the connection type; multi modes clear prior single links unless sent
  // (reference §3: "the API clears prior single-datasource or single-datamart links").
  ws.datasourceName = body.datasourceName;
  ws.datamartName = body.datamartName;
  if (ws.datasourceName === undefined) delete ws.datasourceName;
  if (ws.datamartName === undefined) delete ws.datamartName;
}

function createWorkspace(ctx, api) {
  const body = api.jsonBody(ctx);
  if (body === undefined || !api.validBody(ctx, body)) return;
  const org = databrainOrg(api);
  if (org.workspaces.some((w) => w.name === body.name)) {
    return api.documented(ctx, "WORKSPACE_NAME_ALREADY_EXISTS", `Workspace name already exists: ${quote(body.name)}.`);
  }
  const problem = workspaceReferencesProblem(ctx, api, body);
  if (problem) return api.documented(ctx, ...problem);
  const ws = { name: body.name, isEnableMetricSuggestions: false, isEnableMetricSummary: false };
  applyConnection(ws, body);
  for (const f of WORKSPACE_FIELDS) if (body[f] !== undefined) ws[f] = body[f];
  org.workspaces.push(ws);
  return api.send(ctx, 200, { data: { name: ws.name }, error: null });
}

function updateWorkspace(ctx, api) {
  const body = api.jsonBody(ctx);
  if (body === undefined || !api.validBody(ctx, body)) return;
  const ws = databrainOrg(api).workspaces.find((w) => w.name === body.name);
  if (!ws) return api.documented(ctx, "WORKSPACE_DOES_NOT_EXIST", `Workspace not found: ${quote(body.name)}.`);
  const problem = workspaceReferencesProblem(ctx, api, body);
  if (problem) return api.documented(ctx, ...problem);
  applyConnection(ws, body);
  // Choice: optional fields left out of a PUT keep their value (the docs do not say).
  for (const f of WORKSPACE_FIELDS) if (body[f] !== undefined) ws[f] = body[f];
  return api.send(ctx, 200, { data: { name: ws.name }, error: null });
}

function createDatasource(ctx, api) {
  const body = api.jsonBody(ctx);
  if (body === undefined || !api.validBody(ctx, body)) return;
  const org = databrainOrg(api);
  const name = body.credentials.name;
  if (org.datasources.some((d) => d.name === name)) {
    return api.documented(ctx, "DATASOURCE_NAME_ERROR", `Datasource name already exists: ${quote(name)}.`);
  }
  if (mentionsUnreachable(body.credentials, "name")) {
    return api.documented(ctx, "CREDENTIAL_TEST_FAILED", "Connection test failed: the host could not be reached.");
  }
  org.datasources.push({ name, type: body.datasourceType, credentials: body.credentials, tenancySettings: body.tenancySettings ?? null });
  return api.send(ctx, 200, { name });
}

function updateDatasource(ctx, api) {
  const body = api.jsonBody(ctx);
  if (body === undefined || !api.validBody(ctx, body)) return;
  const name = body.credentials.name;
  const ds = databrainOrg(api).datasources.find((d) => d.name === name);
  // Choice: an unknown name answers DATASOURCE_NOT_FOUND (404). The docs also list
  // DATASOURCE_NAME_ERROR (400, "Datasource not found") for PUT; which one the API sends is
  // unconfirmed (reference §4.5); X-Mock-Fault: code=DATASOURCE_NAME_ERROR gives the other.
  if (!ds) return api.documented(ctx, "DATASOURCE_NOT_FOUND", `The specified datasource does not exist: ${quote(name)}.`);
  if (ds.type !== body.datasourceType) {
    // Docs (datasourceType on PUT): "Must match the existing datasource type."
    return api.documented(
      ctx,
      "INVALID_REQUEST_BODY",
      `datasourceType: Must match the existing datasource type (${quote(name)} is ${quote(ds.type)}, not ${quote(body.datasourceType)}).`,
    );
  }
  if (mentionsUnreachable(body.credentials, "name")) {
    return api.documented(ctx, "CREDENTIAL_TEST_FAILED", "Connection test failed: the host could not be reached.");
  }
  // Docs: partial updates are not supported (the credentials are replaced whole); tenancy settings
  // are created or replaced when sent and unchanged when left out.
  ds.credentials = body.credentials;
  if (body.tenancySettings !== undefined) ds.tenancySettings = body.tenancySettings;
  return api.send(ctx, 200, { name });
}

// ---------------------------------------------------------------------------------------------
// Paradigm v3.

const IN_FLIGHT = ["WAITING", "PROCESSING"];
const SOURCE_NAMES = { googledrive: "Google Drive", sharepoint: "SharePoint", servicenow: "ServiceNow", webscrapper: "Web scrapper" };

/** sync.editable: a synced workspace whose first sync has not succeeded and none is in flight. */
function editable(ws) {
  return Boolean(ws.sync) && !ws.sync.has_succeeded && !IN_FLIGHT.includes(ws.sync.last_status);
}

/** The V3 workspace object (reference §5.3): never members internals or secret credentials. */
function toV3(ws) {
  const s = ws.sync;
  const cred = s?.credentials ?? {};
  return {
    id: ws.id,
    name: ws.name,
    workspace_type: ws.workspace_type,
    document_upload_method: ws.document_upload_method,
    description: ws.description,
    created_at: ws.created_at,
    updated_at: ws.updated_at,
    files_count: ws.files_count,
    used_storage: ws.used_storage,
    summaries: ws.summaries,
    sync: s
      ? {
          datasource_type: s.datasource_type,
          // Choice: source_name is not described anywhere; the mock gives the source's display name.
          source_name: SOURCE_NAMES[s.datasource_type] ?? s.datasource_type,
          last_status: s.last_status,
          updated_at: s.updated_at,
          failed_files_count: s.failed_files_count,
          next_import_date: s.next_import_date,
          editable: editable(ws),
          name: s.name,
          instance_url: cred.instance_url ?? null,
          tenant_id: cred.tenant_id ?? null,
          site_name: cred.site_name ?? null,
          client_id: cred.client_id ?? null,
          filter_criteria: s.filter_criteria ?? null,
        }
      : null,
    scoped_api_keys: ws.scoped_api_keys,
  };
}

/** The workspace of the path, or undefined after a 404. */
function paradigmWorkspace(ctx, api) {
  const ws = api.state().paradigm.workspaces.find((w) => w.id === ctx.id);
  // Choice: 404 not_found. The docs say the *retrieve* endpoint "Returns 403 for both non-existent
  // and unauthorized workspaces", which may hold for PATCH too (unconfirmed); a distinct 404 makes
  // a wrong id obvious in tests. X-Mock-Fault: code=forbidden gives the 403.
  if (!ws) api.documented(ctx, "not_found", "No Workspace matches the given query.");
  return ws;
}

function patchWorkspace(ctx, api) {
  const ws = paradigmWorkspace(ctx, api);
  if (!ws) return;
  // Choice: 403 forbidden for PERSONAL workspaces, checked before the body: "PERSONAL workspaces
  // cannot be modified" is about the target, not the body (no body can succeed), which is what
  // 403 means; a 400 would suggest fixing the request.
  if (ws.workspace_type !== "SHARED") {
    return api.documented(ctx, "forbidden", "Only SHARED workspaces can be updated; PERSONAL workspaces cannot be modified.");
  }
  const body = api.jsonBody(ctx);
  if (body === undefined || !api.validBody(ctx, body)) return;

  const ds = body.datasource;
  if (ds !== undefined) {
    if (ws.document_upload_method !== "synced") {
      // Conversion: "The target workspace must be empty (no documents) and not already synced."
      if (ws.files_count > 0 || ws.sync) {
        return api.documented(ctx, "bad_request", `The workspace must be empty (no documents) and not already synced to be converted; it holds ${ws.files_count} document(s).`);
      }
    } else {
      // Edit in place: locked (409) after the first successful sync and while a sync is in flight,
      // checked before the type (the field itself is rejected then); the type is immutable (400).
      if (ws.sync.has_succeeded) {
        return api.documented(ctx, "conflict", "The datasource cannot be edited after the first successful sync; delete and recreate the workspace to change its configuration.");
      }
      if (IN_FLIGHT.includes(ws.sync.last_status)) {
        return api.documented(ctx, "conflict", `The datasource cannot be edited while a sync is in flight (${ws.sync.last_status}).`);
      }
      if (ds.type !== ws.sync.datasource_type) {
        return api.documented(ctx, "bad_request", `The datasource type is immutable: this workspace syncs from ${quote(ws.sync.datasource_type)}, not ${quote(ds.type)}.`);
      }
    }
    // "Credentials are validated against the external source before persistence."
    const problem = paradigmConnectionProblem(ds);
    if (problem) return api.documented(ctx, "bad_request", `Datasource credentials were rejected: ${problem}`);
  }

  const t = now();
  if (body.name !== undefined) ws.name = body.name;
  // Choice: a cleared description (null or "") reads back as "".
  if (body.description !== undefined) ws.description = body.description ?? "";
  if (body.members !== undefined) {
    // "REPLACES all existing members": a list left out is replaced by an empty one; a role left
    // out is viewer. Member ids are not checked against a user directory (the mock has none).
    const list = (l) => (l ?? []).map((m) => ({ id: m.id, role: m.role ?? "viewer" }));
    ws.members = { users: list(body.members.users), groups: list(body.members.groups) };
  }
  if (ds !== undefined) {
    // Conversion or edit in place; the next sync is (re)triggered. Choice: nothing syncs in the
    // mock, so last_status becomes WAITING and stays there (a second datasource edit then meets the
    // in-flight 409, as it would against the API right after a PATCH); POST /__mock/sync/{id}
    // moves it on, POST /__mock/reset restores the seed.
    ws.document_upload_method = "synced";
    ws.sync = {
      datasource_type: ds.type,
      name: ds.name,
      last_status: "WAITING",
      has_succeeded: ws.sync?.has_succeeded ?? false,
      updated_at: t,
      failed_files_count: 0,
      next_import_date: t,
      credentials: ds.credentials ?? {},
      filter_criteria: ds.filter_criteria,
    };
  }
  ws.updated_at = t;
  return api.send(ctx, 200, toV3(ws));
}

function testDatasource(ctx, api) {
  // Any authenticated user may test credentials (reference §5.2): the workspace must exist, its
  // type does not matter, and nothing is persisted.
  const ws = paradigmWorkspace(ctx, api);
  if (!ws) return;
  const body = api.jsonBody(ctx);
  if (body === undefined || !api.validBody(ctx, body)) return;
  const problem = paradigmConnectionProblem(body);
  if (problem) return api.documented(ctx, "bad_request", `Connection failed: ${problem}`);
  return api.send(ctx, 200, { detail: "Connection successful" });
}
