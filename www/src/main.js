// The demo page: everything below goes through the package's public API, imported by name as
// any app would (`workspace-requests`, resolved by the bundler through the package's exports).
import init, {
  endpoints,
  describe,
  validate,
  buildRequest,
  toCurl,
  redactRequest,
  DatabrainClient,
  ParadigmClient,
} from "workspace-requests";
import { renderForm, withRequiredObjects } from "./form.js";
import * as pointer from "./pointer.js";
import { el } from "./dom.js";
import { EXAMPLES } from "./examples.js";

const $ = (id) => document.getElementById(id);

/** The mock's address and token: served by `make demo` (www/serve.mjs), else its defaults. */
async function mockConfig() {
  try {
    const res = await fetch("./demo-config.json", { cache: "no-store" });
    if (res.ok) return (await res.json()).mock;
  } catch {
    // A static host without the demo server: the defaults of `make mock`.
  }
  return { url: "http://127.0.0.1:8787", token: "mock-service-token" };
}

const ENDPOINTS = endpoints();
const byId = new Map(ENDPOINTS.map((e) => [e.id, e]));

const state = {
  endpoint: ENDPOINTS[0].id,
  /** The body per endpoint, so switching back keeps what was typed. */
  bodies: new Map(),
  /** The JSON text per endpoint while in JSON mode (it may not parse). */
  texts: new Map(),
  ids: new Map(),
  mode: "form",
  target: "mock",
  mock: null,
  mockToken: "",
  /** Base URL and token per API for "your server". */
  custom: { databrain: { baseUrl: "", token: "" }, paradigm: { baseUrl: "", token: "" } },
  reveal: false,
  /** Validate in strict mode (unknown keys of documented objects are issues). */
  strict: false,
  /** The last validation result, and the JSON syntax error in JSON mode. */
  result: null,
  syntax: null,
  inflight: null,
};

const info = () => byId.get(state.endpoint);
/** The current endpoint's body: `{}` until edited; in JSON mode any JSON value (`null` too). */
const body = () => (state.bodies.has(state.endpoint) ? state.bodies.get(state.endpoint) : {});

// ---- endpoint and mode ---------------------------------------------------------------------

function fillEndpoints() {
  const select = $("endpoint");
  for (const api of ["databrain", "paradigm"]) {
    const group = el("optgroup", { label: api === "databrain" ? "Databrain v2" : "LightOn Paradigm v3" });
    for (const e of ENDPOINTS.filter((x) => x.api === api)) {
      group.append(el("option", { value: e.id, text: `${e.method} ${e.path} · ${e.summary}` }));
    }
    select.append(group);
  }
  select.addEventListener("change", () => selectEndpoint(select.value));
}

function selectEndpoint(id) {
  if (!byId.has(id)) return;
  state.endpoint = id;
  $("endpoint").value = id;
  if (location.hash.slice(1) !== id) history.replaceState(null, "", `#${id}`);
  const e = info();
  const d = describe(id);
  $("endpoint-summary").textContent = `${d.body.doc} Invalid bodies answer ${d.bodyError}.`;
  $("id-row").hidden = e.api !== "paradigm";
  $("errors-body").replaceChildren(
    ...d.errors.map((x) =>
      el("tr", { "data-code": x.code }, el("td", { text: String(x.status) }), el("td", { class: "mono", text: x.code }), el("td", { text: x.doc })),
    ),
  );
  $("workspace-id").value = state.ids.get(id) ?? "";
  $("response").replaceChildren();
  showTarget();
  render();
}

function setMode(mode) {
  if (mode === "form" && state.mode === "json") {
    if (state.syntax) return note("The JSON does not parse yet: fix it before going back to the form.");
    if (!isObject(body())) return note("The form edits an object body; this JSON is not one.");
  }
  note("");
  state.mode = mode;
  $("mode-form").setAttribute("aria-selected", String(mode === "form"));
  $("mode-json").setAttribute("aria-selected", String(mode === "json"));
  $("form-panel").hidden = mode !== "form";
  $("json-panel").hidden = mode !== "json";
  render();
}

function note(text) {
  $("mode-note").textContent = text;
  $("mode-note").hidden = text === "";
}

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/** Renders the body editor of the current mode, then validates. */
function render() {
  if (state.mode === "form") {
    const focused = document.activeElement?.closest("[data-path]")?.dataset.path;
    const schema = describe(state.endpoint).body;
    state.bodies.set(state.endpoint, withRequiredObjects(schema, body()));
    renderForm($("form"), schema, body(), edit);
    // After a structural change (a new datasource type, an added item) keep the user's place.
    const again = focused && $("form").querySelector(`[data-path="${CSS.escape(focused)}"] :is(select, input, textarea, button)`);
    if (again) again.focus();
  } else {
    const text = state.texts.get(state.endpoint) ?? JSON.stringify(body(), null, 2);
    $("json").value = text;
    takeJson(text);
  }
  check();
}

function edit(path, value, structural) {
  state.bodies.set(state.endpoint, pointer.set(body(), path, value));
  state.texts.delete(state.endpoint);
  if (structural) render();
  else check();
}

/** The JSON text as the body: parsed, or the syntax error (the body keeps its last parsed value). */
function takeJson(text) {
  state.texts.set(state.endpoint, text);
  try {
    state.bodies.set(state.endpoint, JSON.parse(text));
    state.syntax = null;
  } catch (e) {
    state.syntax = syntaxError(text, e);
  }
}

function onJsonInput() {
  takeJson($("json").value);
  check();
}

/** JSON.parse's message, with the line and column of its position when it gives one. */
function syntaxError(text, e) {
  const at = /position (\d+)/.exec(String(e.message));
  if (!at) return { message: String(e.message), offset: text.length };
  const offset = Number(at[1]);
  const before = text.slice(0, offset).split("\n");
  const message = String(e.message).replace(/\s*\(line \d+ column \d+\)/, "");
  return { message: `${message} (line ${before.length}, column ${before[before.length - 1].length + 1})`, offset };
}

// ---- validation ------------------------------------------------------------------------------

function check() {
  state.result = state.syntax ? null : validate(state.endpoint, body(), { strict: state.strict });
  showFindings();
  showRequest();
}

function showFindings() {
  const list = $("issues");
  list.replaceChildren();
  const status = $("status");
  if (state.syntax) {
    status.className = "status bad";
    status.textContent = "not JSON";
    list.append(item("error", "", "syntax", state.syntax.message, () => selectText(state.syntax.offset, state.syntax.offset + 1)));
    return;
  }
  const { issues, warnings } = state.result;
  const count = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
  status.className = `status ${issues.length ? "bad" : warnings.length ? "warn" : "good"}`;
  status.textContent = issues.length
    ? `${count(issues.length, "issue")}${warnings.length ? ` · ${count(warnings.length, "warning")}` : ""}`
    : warnings.length
      ? `valid · ${count(warnings.length, "warning")}`
      : "valid";
  for (const [level, findings] of [["error", issues], ["warning", warnings]]) {
    for (const f of findings) list.append(item(level, f.path, f.code, f.message, () => reveal(f.path)));
  }
  if (!issues.length && !warnings.length) {
    list.append(el("li", { class: "none", text: "No issues: the body matches the docs." }));
  }
  if (state.mode === "form") placeInForm([...issues.map((f) => ["error", f]), ...warnings.map((f) => ["warning", f])]);
}

function item(level, path, code, message, onClick) {
  return el(
    "li",
    { class: `finding ${level}` },
    el(
      "button",
      { type: "button", class: "finding-link", onclick: onClick },
      el("code", { class: "path", text: path === "" ? "(body)" : path }),
      el("span", { class: "code", text: code }),
      el("span", { class: "message", text: message }),
    ),
  );
}

/** The form's elements by their `data-path`. */
const formIndex = () => new Map([...$("form").querySelectorAll("[data-path]")].map((e) => [e.dataset.path, e]));

/** The element a path's finding belongs to: the path's own, else its nearest ancestor's: `[path, element]`. */
function ownerOf(index, path) {
  let p = path;
  while (p !== "" && !index.has(p)) p = pointer.parent(p);
  return [p, index.get(p)];
}

/** Each finding next to the control of its path (or of the nearest enclosing one). */
function placeInForm(findings) {
  const form = $("form");
  for (const ul of document.querySelectorAll("#form-panel .field-issues")) ul.replaceChildren();
  for (const e of form.querySelectorAll(".has-error, .has-warning")) e.classList.remove("has-error", "has-warning");
  for (const e of form.querySelectorAll("[aria-invalid]")) e.removeAttribute("aria-invalid");
  const index = formIndex();
  for (const [level, f] of findings) {
    const [path, owner] = ownerOf(index, f.path);
    const ul = owner ? owner.querySelector(":scope > .field-issues") : $("form-issues");
    const rest = f.path.slice(path.length);
    ul.append(el("li", { class: `finding ${level}`, "data-code": f.code }, `${rest ? `${rest}: ` : ""}${f.message}`, " ", el("code", { text: f.code })));
    if (owner) {
      owner.classList.add(level === "error" ? "has-error" : "has-warning");
      const control = owner.querySelector(":scope > :is(input, select, textarea), :scope > .control :is(input, select, textarea)");
      if (control && level === "error") control.setAttribute("aria-invalid", "true");
    }
  }
}

/** Shows where a finding is: its control in the form, its text in JSON mode. */
function reveal(path) {
  if (state.mode === "json") {
    const span = pointer.locate($("json").value, path);
    if (span) selectText(span[0], span[1]);
    return;
  }
  const [, owner] = ownerOf(formIndex(), path);
  if (!owner) return;
  owner.scrollIntoView({ block: "center", behavior: "smooth" });
  owner.querySelector("input, select, textarea, button")?.focus({ preventScroll: true });
}

function selectText(start, end) {
  const area = $("json");
  area.focus();
  area.setSelectionRange(start, end);
  // Bring the selection into view: put the caret there and let the browser scroll.
  const line = area.value.slice(0, start).split("\n").length;
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
  area.scrollTop = Math.max(0, (line - 4) * lineHeight);
}

// ---- the request -----------------------------------------------------------------------------

function showTarget() {
  const api = info().api;
  const custom = state.target === "custom";
  const base = $("base-url");
  const token = $("token");
  base.readOnly = !custom;
  base.value = custom ? state.custom[api].baseUrl : state.mock.url;
  base.placeholder = custom ? (api === "databrain" ? "https://api.usedatabrain.com (default)" : "https://api.lighton.ai (default)") : "";
  token.value = custom ? state.custom[api].token : state.mockToken;
  token.placeholder = custom ? (api === "databrain" ? "Databrain service token" : "Paradigm API key") : "";
  $("custom-note").hidden = !custom;
}

/** buildRequest's options for the page's settings, and the id as typed (for the page's own message). */
function requestOptions() {
  const api = info().api;
  const custom = state.target === "custom";
  const baseUrl = custom ? state.custom[api].baseUrl.trim() || undefined : state.mock.url;
  const token = custom ? state.custom[api].token : state.mockToken;
  const idText = (state.ids.get(state.endpoint) ?? "").trim();
  const id = api === "paradigm" ? (idText === "" ? undefined : Number(idText)) : undefined;
  return { options: { baseUrl, token, id, strict: state.strict }, idText };
}

/** The request as the builder makes it (or why it does not), secrets hidden unless revealed. */
function showRequest() {
  const preview = $("preview");
  const curl = $("curl");
  preview.classList.remove("muted");
  curl.classList.remove("muted");
  const why = (text) => {
    preview.textContent = text;
    preview.classList.add("muted");
    curl.textContent = "";
    curl.classList.add("muted");
  };
  if (state.syntax) return why("Not built: the body is not JSON.");
  const { issues } = state.result;
  if (issues.length) {
    return why(
      `Not built: the body has ${issues.length} issue${issues.length === 1 ? "" : "s"}.\nbuildRequest() never builds, and the clients never send, an invalid body.`,
    );
  }
  const { options, idText } = requestOptions();
  if (options.id !== undefined && !Number.isFinite(options.id)) return why(`Not built: the workspace id must be an integer, not ${JSON.stringify(idText)}.`);
  let request;
  try {
    request = buildRequest(state.endpoint, body(), options);
  } catch (e) {
    return why(`Not built: ${e.message}.`);
  }
  const shown = state.reveal ? request : redactRequest(request);
  const headers = Object.entries(shown.headers).map(([k, v]) => `${k}: ${v}`);
  let text = shown.body;
  try {
    text = JSON.stringify(JSON.parse(shown.body), null, 2);
  } catch {
    // Shown as it is.
  }
  preview.textContent = [`${shown.method} ${shown.url}`, ...headers, "", text].join("\n");
  curl.textContent = toCurl(request, { revealSecrets: state.reveal });
}

// ---- sending ---------------------------------------------------------------------------------

async function send() {
  if (state.inflight) return;
  const out = $("response");
  if (state.syntax) {
    out.replaceChildren(result("error", "Not sent", "The body is not JSON.", null));
    return;
  }
  const e = info();
  const { baseUrl, token, id } = requestOptions().options;
  const controller = new AbortController();
  state.inflight = controller;
  $("send").disabled = true;
  $("cancel").hidden = false;
  out.replaceChildren(el("p", { class: "doc", text: `Sending ${e.method} ${e.path}…` }));
  const started = performance.now();
  try {
    const options = { token, baseUrl, timeoutMs: 15_000, strict: state.strict };
    const method = state.endpoint.split(".")[1];
    const data =
      e.api === "databrain"
        ? await new DatabrainClient(options)[method](body(), { signal: controller.signal })
        : await new ParadigmClient(options)[method](id, body(), { signal: controller.signal });
    const ms = Math.round(performance.now() - started);
    out.replaceChildren(result("ok", "Success", `${e.method} ${e.path} answered in ${ms} ms.`, data));
  } catch (error) {
    out.replaceChildren(errorView(error));
  } finally {
    state.inflight = null;
    $("send").disabled = false;
    $("cancel").hidden = true;
  }
}

function result(kind, title, text, data, extra = []) {
  return el(
    "div",
    { class: `result ${kind}` },
    el("div", { class: "result-head" }, el("strong", { text: title }), ...extra),
    el("p", { text }),
    data !== null && data !== undefined && el("pre", { class: "mono", text: shownData(data) }),
  );
}

/** Data as the page shows it: JSON text, or a note where it cannot be stringified (a cycle, a BigInt). */
function shownData(data) {
  if (typeof data === "string") return data;
  try {
    return JSON.stringify(data, null, 2) ?? String(data);
  } catch (e) {
    return `(this value cannot be shown as JSON: ${e instanceof Error ? e.message : typeof e})`;
  }
}

const tag = (cls, text) => el("code", { class: cls, text });

/** A list of findings as `path code message` lines. */
const findingList = (findings) =>
  el("ul", {}, ...findings.map((f) => el("li", {}, tag("path", f.path || "(body)"), " ", tag("code", f.code), ` ${f.message}`)));

/** A typed error as the client rejected with it: its class, code, status and what came back. */
function errorView(error) {
  const name = typeof error?.name === "string" ? error.name : "Error";
  const extra = [];
  if (error?.code !== undefined) extra.push(tag("code", String(error.code)));
  if (error?.status !== undefined) extra.push(tag("status", `HTTP ${error.status}`));
  const box = result("error", name, String(error?.message ?? error), error?.body ?? null, extra);
  box.dataset.error = name;
  if (error?.code !== undefined) box.dataset.code = String(error.code);
  if (error?.fields && Object.keys(error.fields).length) {
    // Paradigm's per-field errors.
    box.append(findingList(Object.entries(error.fields).flatMap(([path, list]) => list.map((f) => ({ path, code: f.error, message: f.detail })))));
  }
  if (name === "ValidationError") {
    box.append(findingList(error.issues));
    box.querySelector("p").textContent = "Nothing was sent: the body breaks the schema.";
  }
  return box;
}

// ---- start -----------------------------------------------------------------------------------

function wire() {
  for (const form of [$("form"), $("settings")]) form.addEventListener("submit", (e) => e.preventDefault());
  $("mode-form").addEventListener("click", () => setMode("form"));
  $("mode-json").addEventListener("click", () => setMode("json"));
  $("json").addEventListener("input", onJsonInput);
  $("load-example").addEventListener("click", () => {
    const ex = EXAMPLES[state.endpoint];
    state.bodies.set(state.endpoint, structuredClone(ex.body));
    state.texts.delete(state.endpoint);
    if (ex.id !== undefined) {
      state.ids.set(state.endpoint, String(ex.id));
      $("workspace-id").value = String(ex.id);
    }
    render();
  });
  $("clear-body").addEventListener("click", () => {
    state.bodies.set(state.endpoint, {});
    state.texts.delete(state.endpoint);
    render();
  });
  for (const radio of document.querySelectorAll('input[name="target"]')) {
    radio.addEventListener("change", () => {
      state.target = radio.value;
      showTarget();
      showRequest();
    });
  }
  $("base-url").addEventListener("input", () => {
    if (state.target === "custom") state.custom[info().api].baseUrl = $("base-url").value;
    showRequest();
  });
  $("token").addEventListener("input", () => {
    if (state.target === "custom") state.custom[info().api].token = $("token").value;
    else state.mockToken = $("token").value;
    showRequest();
  });
  $("workspace-id").addEventListener("input", () => {
    state.ids.set(state.endpoint, $("workspace-id").value);
    showRequest();
  });
  $("reveal").addEventListener("change", () => {
    state.reveal = $("reveal").checked;
    showRequest();
  });
  $("strict").addEventListener("change", () => {
    state.strict = $("strict").checked;
    check();
  });
  $("copy-curl").addEventListener("click", async () => {
    const button = $("copy-curl");
    try {
      await navigator.clipboard.writeText($("curl").textContent);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Copy failed";
    }
    setTimeout(() => (button.textContent = "Copy"), 1500);
  });
  $("send").addEventListener("click", send);
  $("cancel").addEventListener("click", () => state.inflight?.abort("cancelled from the page"));
  $("reset-mock").addEventListener("click", async () => {
    const button = $("reset-mock");
    try {
      const res = await fetch(`${state.mock.url}/__mock/reset`, { method: "POST" });
      button.textContent = res.ok ? "Mock data reset" : `Reset failed (${res.status})`;
    } catch {
      button.textContent = "The mock is not reachable";
    }
    setTimeout(() => (button.textContent = "Reset the mock's data"), 1500);
  });
  window.addEventListener("hashchange", () => selectEndpoint(location.hash.slice(1)));
}

async function start() {
  const [mock] = await Promise.all([mockConfig(), init()]);
  state.mock = mock;
  state.mockToken = mock.token;
  for (const e of ENDPOINTS) if (EXAMPLES[e.id]?.id !== undefined) state.ids.set(e.id, String(EXAMPLES[e.id].id));
  $("mock-info").textContent = `Local mock: ${mock.url} (token ${mock.token})`;
  fillEndpoints();
  wire();
  const wanted = location.hash.slice(1);
  selectEndpoint(byId.has(wanted) ? wanted : ENDPOINTS[0].id);
  document.body.dataset.ready = "true";
}

start().catch((e) => {
  document.body.dataset.ready = "failed";
  document.body.prepend(el("p", { class: "fatal", text: `The demo could not start: ${e?.message ?? e}` }));
});
