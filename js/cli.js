#!/usr/bin/env node
// @ts-check
// The `workspace-requests` command (the package's "bin"): validate, preview and send request
// bodies from files, folders, NDJSON and stdin, and print what the package knows of each
// endpoint. It is a user of the package's Node entry like any script: every judgement (validity,
// redaction, the curl preview, the API's error codes) comes from there; this file reads files,
// parses arguments, schedules requests and prints.
//
// Exit codes: 0 all bodies valid (or sent), 1 any invalid (or failed), 2 usage or unreadable
// input, 130 interrupted (Ctrl-C) while sending.
// A namespace import: Node 18.0–18.2 have no parseArgs, and a named import would fail to link
// with a stack trace instead of the message below.
import * as util from "node:util";
import { readFileSync, readdirSync, realpathSync, statSync } from "node:fs";
import { join, relative, isAbsolute } from "node:path";
import * as wr from "./node/index.js";
/** @import { ApiName, CallOptions, EndpointId, ValidationResult } from "./index.js" */

/**
 * The flags any command may get (parseArgs, `strict`: only each command's own are accepted).
 * @typedef {{
 *   help?: boolean, json?: boolean, "no-color"?: boolean, strict?: boolean,
 *   id?: string, "base-url"?: string, "token-env"?: string, header?: string[], "reveal-secrets"?: boolean,
 *   concurrency?: string, retry?: boolean, retries?: string, timeout?: string,
 *   continue?: boolean, "dry-run"?: boolean, verbose?: boolean,
 * }} Flags
 */

/**
 * One body of the input, or what could not be read of it.
 * @typedef {{ source: string, line?: number, column?: number, body?: unknown, error?: string }} Found
 */

/** @typedef {{ red: Paint, green: Paint, yellow: Paint, dim: Paint, bold: Paint }} Colours */
/** @typedef {(text: unknown) => string} Paint */

/** @typedef {{ code: string, message: string, status?: number, [more: string]: unknown }} SendError */
/**
 * A body's outcome in `send`.
 * @typedef {{ ok: true, sent: true, data: unknown } | { ok: false, sent: boolean, error: SendError }} SendResult
 */

const EXIT_OK = 0;
const EXIT_FAILED = 1;
const EXIT_USAGE = 2;
const EXIT_INTERRUPTED = 130;

/** A usage error or unreadable input: exit 2 with this message. */
class UsageError extends Error {}

const ENDPOINTS = wr.endpoints();
const IDS = ENDPOINTS.map((e) => e.id);
/** @type {Record<ApiName, string>} */
const TOKEN_ENV = { databrain: "DATABRAIN_TOKEN", paradigm: "PARADIGM_TOKEN" };
/**
 * Each endpoint's client method. (The client and the body are the endpoint's own; validate has
 * already judged the body, so they are not narrowed here.)
 * @type {Record<EndpointId, (client: any, body: any, id: number | undefined, options: CallOptions) => Promise<unknown>>}
 */
const CLIENT_METHOD = {
  "databrain.createWorkspace": (c, b, _id, o) => c.createWorkspace(b, o),
  "databrain.updateWorkspace": (c, b, _id, o) => c.updateWorkspace(b, o),
  "databrain.createDatasource": (c, b, _id, o) => c.createDatasource(b, o),
  "databrain.updateDatasource": (c, b, _id, o) => c.updateDatasource(b, o),
  "paradigm.updateWorkspace": (c, b, id, o) => c.updateWorkspace(id, b, o),
  "paradigm.testDatasource": (c, b, id, o) => c.testDatasource(id, b, o),
};

// ----- output ------------------------------------------------------------------------------

/**
 * Colour on a terminal only, never with NO_COLOR (any non-empty value) or --no-color.
 * @param {{ isTTY?: boolean }} stream
 * @param {Flags} flags
 * @returns {Colours}
 */
function colours(stream, flags) {
  const on = Boolean(stream.isTTY) && !(process.env.NO_COLOR ?? "") && !flags["no-color"];
  const wrap = (/** @type {number} */ code) => (/** @type {unknown} */ text) => (on ? `\x1b[${code}m${text}\x1b[0m` : String(text));
  return { red: wrap(31), green: wrap(32), yellow: wrap(33), dim: wrap(2), bold: wrap(1) };
}

/** Whether stdout is closed (`| head`), and what a command does then (send stops sending). */
let stdoutClosed = false;
let onStdoutClosed = () => {};
// Once stdout is closed, nothing more is written to it.
const out = (line = "") => void (stdoutClosed || process.stdout.write(line + "\n"));
const err = (line = "") => process.stderr.write(line + "\n");
const jsonLine = (/** @type {unknown} */ value) => out(JSON.stringify(value));
const plural = (/** @type {number} */ n, /** @type {string} */ word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const shownPath = (/** @type {string} */ p) => (p === "" ? "(body)" : p);

// ----- arguments ---------------------------------------------------------------------------

/** @typedef {Record<string, { type: "string" | "boolean", short?: string, multiple?: boolean }>} OptionSpecs */
/** @type {OptionSpecs} */
const COMMON = {
  help: { type: "boolean", short: "h" },
  json: { type: "boolean" },
  "no-color": { type: "boolean" },
};
/** @type {OptionSpecs} */
const BODY = { strict: { type: "boolean" } };
/** @type {OptionSpecs} */
const TARGET = {
  id: { type: "string" },
  "base-url": { type: "string" },
  "token-env": { type: "string" },
  header: { type: "string", multiple: true, short: "H" },
};

const HELP = {
  main: `workspace-requests: validate, preview and send Databrain v2 and LightOn Paradigm v3 workspace requests

Usage: workspace-requests <command> [options]

Commands:
  validate ENDPOINT [PATH...]   check bodies from JSON files, folders, .ndjson files or stdin (-)
  curl ENDPOINT PATH            print the curl command for one body (secrets hidden)
  send ENDPOINT [PATH...]       validate every body, then send them (token from the environment)
  endpoints                     list the endpoint ids
  describe ENDPOINT             the fields, rules and error codes of an endpoint's body
  schema ENDPOINT               the body's JSON Schema (2020-12)
  openapi                       the OpenAPI 3.1 document of both APIs

Run "workspace-requests <command> --help" for a command's options.
Endpoints: ${IDS.join(", ")}

Exit codes: 0 valid / sent, 1 invalid / failed, 2 usage or unreadable input, 130 interrupted.`,
  validate: `Usage: workspace-requests validate ENDPOINT [PATH...] [options]

Validates each body and prints, per body, its file (and line), then each issue and warning
with its path, code and message. PATH is a .json file (one body), a .ndjson or .jsonl file (one
body a line), a folder (its .json, .ndjson and .jsonl files, recursively, in name order) or - for
stdin (one JSON body, or NDJSON). Without PATH, stdin is read when it is not a terminal.

Options:
  --strict      unknown keys of documented objects are issues, not warnings
  --json        one JSON result a line: {"source", "line"?, "ok", "issues", "warnings"}
  --no-color    no colour (also NO_COLOR=1; colour is only ever used on a terminal)
  -h, --help    this help

Exit: 0 every body valid, 1 any invalid, 2 usage or unreadable input.`,
  curl: `Usage: workspace-requests curl ENDPOINT PATH [options]

Prints the curl command that sends the body in PATH (a .json file, or - for stdin). The token is
read by the command from $DATABRAIN_TOKEN or $PARADIGM_TOKEN (or --token-env's variable) and the
body's secret values read <redacted>, unless --reveal-secrets.

Options:
  --id N              the Paradigm workspace id (Paradigm endpoints)
  --base-url URL      a self-hosted API (default: the API's cloud URL)
  --token-env NAME    the environment variable holding the token
  -H, --header "Name: value"   an extra header (repeatable; never Authorization)
  --reveal-secrets    print the token and the secret values as they are
  --strict            validate in strict mode
  -h, --help          this help

Exit: 0 printed, 1 the body is invalid (its issues on stderr), 2 usage, unreadable input, or
no token with --reveal-secrets.`,
  send: `Usage: workspace-requests send ENDPOINT [PATH...] [options]

Validates every body first and sends nothing if any is invalid (unless --continue), then sends
them, --concurrency at a time. The token comes from DATABRAIN_TOKEN or PARADIGM_TOKEN (or the
variable --token-env names), never from the command line. Ctrl-C stops sending new requests,
waits for those in flight (Ctrl-C again aborts them), prints what was and was not sent, and
exits 130. PATH is read as by validate.

Options:
  --id N              the Paradigm workspace id (Paradigm endpoints)
  --base-url URL      a self-hosted API (default: the API's cloud URL)
  --token-env NAME    the environment variable holding the token
  -H, --header "Name: value"   an extra header (repeatable; never Authorization)
  --concurrency N     requests in flight at once (default 4, at most 64)
  --retry             retry rate-limited answers (429: as Retry-After / RateLimit-Reset say,
                      every method) and, for PUT only, network errors and 5xx
  --retries N         how many times (with --retry; default 5)
  --timeout MS        give up on an answer after MS milliseconds
  --continue          send the valid bodies even when some are invalid
  --dry-run           validate and show what would be sent; send nothing
  --strict            validate in strict mode
  --verbose           a line for every body sent, not only for failures
  --json              one JSON result a line on stdout (the summary goes to stderr)
  --no-color          no colour
  -h, --help          this help

Exit: 0 every body sent and accepted, 1 any invalid or failed, 2 usage, unreadable input or no
token, 130 interrupted.`,
  endpoints: `Usage: workspace-requests endpoints [--json]

Lists every endpoint: its id (what the other commands take), method, path and summary.`,
  describe: `Usage: workspace-requests describe ENDPOINT [--json]

The endpoint's body: each field with its type, whether it is required, and its doc line; the
rules between fields; the error codes the API documents for it. --json prints describe()'s object.`,
  schema: `Usage: workspace-requests schema ENDPOINT [--strict]

Prints the body's JSON Schema (draft 2020-12), as jsonSchema() returns it.`,
  openapi: `Usage: workspace-requests openapi

Prints the OpenAPI 3.1 document of both APIs (openApi()).`,
};

/**
 * parseArgs, with its errors as usage errors.
 * @param {string[]} args
 * @param {OptionSpecs} options the command's own, besides COMMON
 * @returns {{ values: Flags, positionals: string[] }}
 */
function parse(args, options) {
  try {
    const { values, positionals } = util.parseArgs({ args, options: { ...COMMON, ...options }, allowPositionals: true, strict: true });
    return { values: /** @type {Flags} */ (values), positionals };
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/**
 * Levenshtein distance, for "did you mean".
 * @param {string} a
 * @param {string} b
 */
function distance(a, b) {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = next;
    }
  }
  return row[b.length];
}

/**
 * @param {string | undefined} value
 * @returns {EndpointId}
 */
function endpointArg(value) {
  if (value === undefined) throw new UsageError(`an ENDPOINT is needed: one of ${IDS.join(", ")}`);
  const known = IDS.find((id) => id === value);
  if (known) return known;
  const lower = value.toLowerCase();
  const near = IDS.filter((id) => id.toLowerCase() === lower || id.toLowerCase().endsWith("." + lower) || distance(id.toLowerCase(), lower) <= 3);
  throw new UsageError(`unknown endpoint "${value}"${near.length ? `; did you mean ${near.join(" or ")}?` : ""} (endpoints: ${IDS.join(", ")})`);
}

/**
 * @param {string} name
 * @param {string | undefined} value
 * @param {number} min
 * @param {number} max
 */
function integerArg(name, value, min, max) {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) throw new UsageError(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

/**
 * `-H "Name: value"` options as a headers object.
 * @param {string[] | undefined} list
 */
function headersArg(list) {
  if (!list) return undefined;
  /** @type {Record<string, string>} */
  const headers = {};
  for (const h of list) {
    const colon = h.indexOf(":");
    // (Never echoed: a header value is often a credential.)
    if (colon <= 0) throw new UsageError(`--header must be "Name: value" (a name, a colon, the value)`);
    headers[h.slice(0, colon).trim()] = h.slice(colon + 1).trim();
  }
  return headers;
}

// ----- input -------------------------------------------------------------------------------

/** A file error's code (`ENOENT`), else its message. */
const why = (/** @type {unknown} */ e) => {
  const x = /** @type {{ code?: unknown, message?: unknown }} */ (e);
  return String(x?.code ?? x?.message ?? e);
};

const NDJSON = /\.(ndjson|jsonl)$/i;
const JSON_FILE = /\.json$/i;

/**
 * Where a text stops being JSON, and why, for a message that names the line and column but
 * never quotes the text (V8's JSON.parse messages quote it, and it may hold a secret). Only run
 * once JSON.parse has failed.
 * @param {string} t
 * @returns {{ line: number, column: number, why: string }}
 */
function jsonError(t) {
  let i = 0;
  const fail = (why = "an unexpected character") => {
    throw { at: i, why: i >= t.length ? "the text ends before the JSON value is complete" : why };
  };
  const ws = () => {
    while (i < t.length && (t[i] === " " || t[i] === "\t" || t[i] === "\n" || t[i] === "\r")) i++;
  };
  const string = () => {
    i++;
    while (i < t.length) {
      const c = t[i];
      if (c === '"') return void i++;
      if (c === "\\") {
        i++;
        if (t[i] === "u" && /^[0-9a-fA-F]{4}$/.test(t.slice(i + 1, i + 5))) i += 5;
        else if (i < t.length && '"\\/bfnrt'.includes(t[i])) i++;
        else fail("an invalid escape in a string");
      } else if (c < " ") fail("a control character in a string");
      else i++;
    }
    fail();
  };
  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const scalar = () => {
    if (t[i] === '"') return string();
    NUMBER.lastIndex = i;
    if (NUMBER.test(t)) return void (i = NUMBER.lastIndex);
    for (const w of ["true", "false", "null"]) if (t.startsWith(w, i)) return void (i += w.length);
    fail();
  };
  // Iterative, with the open containers on a stack: nesting as deep as the text is no stack overflow.
  const open = [];
  let expect = "value"; // "value", "key", or "after" (a value)
  let at = t.length;
  let why = "not JSON";
  try {
    for (;;) {
      ws();
      if (expect === "value") {
        const c = t[i];
        if (c === "{" || c === "[") {
          i++;
          ws();
          if (t[i] === (c === "{" ? "}" : "]")) {
            i++;
            expect = "after";
          } else {
            open.push(c);
            expect = c === "{" ? "key" : "value";
          }
        } else {
          scalar();
          expect = "after";
        }
      } else if (expect === "key") {
        if (t[i] !== '"') fail("a key that is not a double-quoted string");
        string();
        ws();
        if (t[i] !== ":") fail("a missing colon after a key");
        i++;
        expect = "value";
      } else if (open.length === 0) {
        if (i < t.length) fail("more text after the JSON value");
        break;
      } else {
        const top = open[open.length - 1];
        const close = top === "{" ? "}" : "]";
        if (t[i] === ",") {
          i++;
          expect = top === "{" ? "key" : "value";
        } else if (t[i] === close) {
          i++;
          open.pop();
        } else fail(`a missing comma or ${close}`);
      }
    }
  } catch (e) {
    const stop = /** @type {{ at?: unknown, why?: unknown }} */ (e);
    if (typeof stop?.at !== "number" || typeof stop.why !== "string") throw e;
    ({ at, why } = /** @type {{ at: number, why: string }} */ (stop));
  }
  const before = t.slice(0, at);
  const line = before.split("\n").length;
  return { line, column: at - before.lastIndexOf("\n"), why };
}

/**
 * The bodies of one source text: `{source, line?, body}` each, or `{source, line, column,
 * error}` for what is not JSON. `ndjson`: true for one body a line, false for one body, null
 * (stdin) for either: one JSON text, else NDJSON when it has several lines of which one parses.
 * @param {string} source
 * @param {string} text
 * @param {boolean | null} ndjson
 * @returns {Found[]}
 */
function bodiesOf(source, text, ndjson) {
  // A byte order mark (editors on Windows write one) is not part of the JSON text.
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = () => {
    /** @type {Found[]} */
    const found = [];
    text.split("\n").forEach((raw, i) => {
      const line = raw.trim();
      if (line === "") return;
      try {
        found.push({ source, line: i + 1, body: JSON.parse(line) });
      } catch (_) {
        const e = jsonError(line);
        found.push({ source, line: i + 1, column: e.column + (raw.length - raw.trimStart().length), error: `not JSON: ${e.why}` });
      }
    });
    return found;
  };
  if (ndjson) return lines();
  if (text.trim() === "") return [{ source, error: "empty: no JSON body" }];
  try {
    return [{ source, body: JSON.parse(text) }];
  } catch (_) {
    if (ndjson === null && text.trim().includes("\n")) {
      const found = lines();
      if (found.some((f) => !f.error)) return found;
    }
    const e = jsonError(text);
    return [{ source, line: e.line, column: e.column, error: `not JSON: ${e.why}` }];
  }
}

/**
 * Files under a folder, recursively, in name order: .json, .ndjson and .jsonl; what cannot be
 * read goes to `problems`.
 * @param {string} dir
 * @param {string[]} problems
 * @returns {string[]}
 */
function walk(dir, problems) {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push(`${dir}: cannot be read (${why(e)})`);
    return [];
  }
  /** @type {string[]} */
  const files = [];
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...walk(p, problems));
    else if (JSON_FILE.test(entry.name) || NDJSON.test(entry.name)) files.push(p);
  }
  return files;
}

const label = (/** @type {Found} */ f) => `${f.source}${f.line === undefined ? "" : `:${f.line}`}`;
const shownFile = (/** @type {string} */ p) => (isAbsolute(p) ? p : relative(".", p) || p);

/**
 * Every body of the PATH arguments (stdin when there are none and it is not a terminal). Throws
 * a UsageError naming each file (and line) that cannot be read or is not JSON.
 * @param {string[]} paths
 * @returns {Found[]}
 */
function readBodies(paths) {
  if (paths.length === 0) {
    if (process.stdin.isTTY) throw new UsageError("no PATH given and stdin is a terminal: name files or folders, or pipe bodies in (-)");
    paths = ["-"];
  }
  /** @type {Found[]} */
  const found = [];
  /** @type {string[]} */
  const problems = [];
  // A file named twice (or inside a folder also named) is read once: no body is sent twice.
  const seen = new Set();
  for (const p of paths) {
    if (p === "-") {
      let text;
      try {
        text = readFileSync(0, "utf8");
      } catch (e) {
        problems.push(`<stdin>: cannot be read (${why(e)})`);
        continue;
      }
      found.push(...bodiesOf("<stdin>", text, null));
      continue;
    }
    let stat;
    try {
      stat = statSync(p);
    } catch (e) {
      problems.push(`${p}: ${why(e) === "ENOENT" ? "no such file or folder" : `cannot be read (${why(e)})`}`);
      continue;
    }
    const files = stat.isDirectory() ? walk(p, problems) : [p];
    if (stat.isDirectory() && files.length === 0) problems.push(`${p}: a folder without .json, .ndjson or .jsonl files`);
    for (const file of files) {
      let real;
      try {
        real = realpathSync(file);
      } catch (_) {
        real = file;
      }
      if (seen.has(real)) continue;
      seen.add(real);
      let text;
      try {
        text = readFileSync(file, "utf8");
      } catch (e) {
        problems.push(`${file}: cannot be read (${why(e)})`);
        continue;
      }
      found.push(...bodiesOf(shownFile(file), text, NDJSON.test(file)));
    }
  }
  for (const f of found) if (f.error) problems.push(`${label(f)}${f.column ? `:${f.column}` : ""}: ${f.error}`);
  if (problems.length) throw new UsageError(`unreadable input:\n  ${problems.join("\n  ")}`);
  if (found.length === 0) throw new UsageError("no body found in the input");
  return found;
}

// ----- commands ----------------------------------------------------------------------------

/**
 * A body's report lines: each issue, then each warning.
 * @param {ValidationResult} result
 * @param {Colours} c
 */
function reportLines(result, c) {
  const lines = [];
  for (const i of result.issues) lines.push(`    ${c.red("error")}   ${shownPath(i.path)}  ${c.bold(i.code)}  ${i.message}`);
  for (const w of result.warnings) lines.push(`    ${c.yellow("warning")} ${shownPath(w.path)}  ${c.bold(w.code)}  ${w.message}`);
  return lines;
}

const resultJson = (/** @type {Found} */ f, /** @type {ValidationResult} */ r) => ({ source: f.source, ...(f.line === undefined ? {} : { line: f.line }), ok: r.ok, issues: r.issues, warnings: r.warnings });

/** @param {string[]} args */
function validateCommand(args) {
  const { values, positionals } = parse(args, BODY);
  if (values.help) return help("validate");
  const endpoint = endpointArg(positionals[0]);
  const bodies = readBodies(positionals.slice(1));
  const c = colours(process.stdout, values);
  let invalid = 0;
  let issues = 0;
  let warnings = 0;
  for (const f of bodies) {
    const r = wr.validate(endpoint, f.body, { strict: Boolean(values.strict) });
    if (!r.ok) invalid++;
    issues += r.issues.length;
    warnings += r.warnings.length;
    if (values.json) {
      jsonLine(resultJson(f, r));
      continue;
    }
    out(`${r.ok ? c.green("valid  ") : c.red("invalid")} ${label(f)}`);
    for (const line of reportLines(r, c)) out(line);
  }
  if (!values.json) {
    out(
      `${plural(bodies.length, "body", "bodies")}: ${bodies.length - invalid} valid, ${invalid} invalid` +
        ` (${plural(issues, "issue")}, ${plural(warnings, "warning")})`,
    );
  }
  return invalid ? EXIT_FAILED : EXIT_OK;
}

/**
 * The token from the environment: `--token-env NAME`, else the API's variable.
 * @param {Flags} values
 * @param {ApiName} api
 * @param {boolean} required
 */
function tokenFrom(values, api, required) {
  const chosen = values["token-env"];
  const name = chosen ?? TOKEN_ENV[api];
  const token = process.env[name];
  const set = token !== undefined && token.trim() !== "";
  // A --token-env that names no set variable is refused without repeating it: the usual slip is
  // passing the token itself (`--token-env "$DATABRAIN_TOKEN"`).
  if (chosen !== undefined && (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(chosen) || !set)) {
    throw new UsageError("--token-env names no environment variable that is set: give the variable's name (the token stays in the environment)");
  }
  if (!set && required) {
    throw new UsageError(`no token: set ${name} in the environment (or name another variable with --token-env); a token is never taken from the command line`);
  }
  return { name, token: set ? token : undefined };
}

/**
 * Where and to what a command sends: the endpoint's table entry, the id, the base URL, headers.
 * @param {Flags} values
 * @param {EndpointId} endpoint
 */
function targetOf(values, endpoint) {
  const info = ENDPOINTS.find((e) => e.id === endpoint);
  if (info === undefined) throw new UsageError(`unknown endpoint "${endpoint}"`);
  const id = integerArg("id", values.id, 1, Number.MAX_SAFE_INTEGER);
  if (info.api === "paradigm" && id === undefined) throw new UsageError(`${endpoint} needs --id N (the Paradigm workspace id)`);
  if (info.api !== "paradigm" && id !== undefined) throw new UsageError(`${endpoint} takes no --id`);
  return { info, id, baseUrl: values["base-url"], headers: headersArg(values.header) };
}

/**
 * A TypeError of the package about options (a bad base URL, header or id) as a usage error.
 * @template T
 * @param {() => T} f
 * @returns {T}
 */
function asUsage(f) {
  try {
    return f();
  } catch (e) {
    if (e instanceof TypeError) throw new UsageError(e.message);
    throw e;
  }
}

/** @param {string[]} args */
function curlCommand(args) {
  const { values, positionals } = parse(args, { ...BODY, ...TARGET, "reveal-secrets": { type: "boolean" } });
  if (values.help) return help("curl");
  const endpoint = endpointArg(positionals[0]);
  if (positionals.length !== 2) throw new UsageError("curl takes one PATH (a .json file, or - for stdin)");
  const target = targetOf(values, endpoint);
  const reveal = Boolean(values["reveal-secrets"]);
  const { name, token } = tokenFrom(values, target.info.api, reveal);
  const bodies = readBodies([positionals[1]]);
  if (bodies.length !== 1) throw new UsageError(`curl takes one body; ${positionals[1]} holds ${bodies.length} (use send --dry-run for a batch)`);
  const [f] = bodies;
  const r = wr.validate(endpoint, f.body, { strict: Boolean(values.strict) });
  if (!r.ok) {
    const c = colours(process.stderr, values);
    err(`${c.red("invalid")} ${label(f)}`);
    for (const line of reportLines(r, c)) err(line);
    return EXIT_FAILED;
  }
  const request = asUsage(() =>
    // Without --reveal-secrets the command reads the token from $NAME: the placeholder is never shown.
    wr.buildRequest(endpoint, /** @type {any} */ (f.body), { token: token ?? "placeholder", baseUrl: target.baseUrl, id: target.id, strict: Boolean(values.strict), headers: target.headers }),
  );
  out(wr.toCurl(request, { revealSecrets: reveal, tokenVariable: name }));
  return EXIT_OK;
}

/**
 * What a failed send becomes in a result: never the body or the token.
 * @param {unknown} e
 * @returns {{ name: string, code: string, message: string, status?: number, [more: string]: unknown }}
 */
function failure(e) {
  if (e instanceof wr.ApiError) {
    return { name: e.name, code: e.code, status: e.status, message: e.message, serverCode: e.serverCode, retryAfter: e.retryAfter, docUrl: e.docUrl, issues: e.issues };
  }
  if (e instanceof wr.ValidationError) return { name: e.name, code: "VALIDATION", message: e.message, issues: e.issues };
  if (e instanceof wr.NetworkError) return { name: e.name, code: e.systemCode ?? "NETWORK", message: e.message };
  if (e instanceof wr.TimeoutError) return { name: e.name, code: "TIMEOUT", message: e.message };
  if (e instanceof wr.AbortError) return { name: e.name, code: "ABORTED", message: e.message };
  if (e instanceof wr.ResponseError) return { name: e.name, code: "UNEXPECTED_RESPONSE", status: e.status, message: e.message };
  const x = /** @type {{ name?: unknown, message?: unknown } | null | undefined} */ (e);
  return { name: String(x?.name ?? "Error"), code: "ERROR", message: String(x?.message ?? e) };
}

/**
 * A progress bar on stderr, redrawn at most every 80 ms.
 * @param {number} total
 * @param {boolean} enabled
 */
function progress(total, enabled) {
  let last = 0;
  const draw = (/** @type {number} */ done, /** @type {number} */ failed, /** @type {boolean} */ force) => {
    if (!enabled) return;
    const now = Date.now();
    if (!force && now - last < 80) return;
    last = now;
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stderr.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}${failed ? `, ${failed} failed` : ""}\x1b[K`);
  };
  return { draw, clear: () => enabled && process.stderr.write("\r\x1b[K") };
}

/** Why a call was stopped on the first Ctrl-C (or a closed stdout): between attempts, never mid-request. */
class Stopped extends Error {}

/** @param {string[]} args */
async function sendCommand(args) {
  const { values, positionals } = parse(args, {
    ...BODY,
    ...TARGET,
    concurrency: { type: "string" },
    retry: { type: "boolean" },
    retries: { type: "string" },
    timeout: { type: "string" },
    continue: { type: "boolean" },
    "dry-run": { type: "boolean" },
    verbose: { type: "boolean" },
  });
  if (values.help) return help("send");
  const endpoint = endpointArg(positionals[0]);
  const target = targetOf(values, endpoint);
  const concurrency = integerArg("concurrency", values.concurrency, 1, 64) ?? 4;
  const retries = integerArg("retries", values.retries, 0, 100);
  if (retries !== undefined && !values.retry) throw new UsageError("--retries needs --retry");
  const timeoutMs = integerArg("timeout", values.timeout, 1, 2_147_483_647);
  const strict = Boolean(values.strict);
  const { token } = tokenFrom(values, target.info.api, !values["dry-run"]);
  const bodies = readBodies(positionals.slice(1));
  const c = colours(process.stdout, values);
  const ce = colours(process.stderr, values);
  // Human output goes to stdout; with --json (or once stdout is closed) the summary goes to stderr.
  /** @type {(line: string, colour?: (k: Colours) => Paint) => void} */
  const say = (line, colour) => {
    if (values.json || stdoutClosed) err(colour ? colour(ce)(line) : line);
    else out(colour ? colour(c)(line) : line);
  };
  const where = (/** @type {Found} */ f) => ({ source: f.source, ...(f.line === undefined ? {} : { line: f.line }) });

  // Every body is validated before anything is sent.
  /** @type {Found[]} */
  const valid = [];
  /** @type {Found[]} */
  const invalid = [];
  for (const f of bodies) {
    const r = wr.validate(endpoint, f.body, { strict });
    (r.ok ? valid : invalid).push(f);
    if (!r.ok) {
      if (values.json) jsonLine({ ...resultJson(f, r), sent: false, error: { code: "INVALID", message: `the body has ${plural(r.issues.length, "issue")}` } });
      else {
        out(`${c.red("invalid")} ${label(f)}`);
        for (const line of reportLines(r, c)) out(line);
      }
    }
  }
  if (invalid.length && !values.continue) {
    // Every body accounted for: the valid ones were not sent either.
    if (values.json) for (const f of valid) jsonLine({ ...where(f), ok: false, sent: false, error: { code: "NOT_SENT", message: "not sent: another body is invalid (--continue sends the valid ones)" } });
    say(`${plural(invalid.length, "invalid body", "invalid bodies")} of ${bodies.length}: nothing sent (--continue sends the valid ones)`);
    return EXIT_FAILED;
  }
  const options = {
    token: token ?? "dry-run",
    baseUrl: target.baseUrl,
    timeoutMs,
    strict,
    headers: target.headers,
    retry: values.retry ? { retries: retries ?? 5 } : false,
  };
  const Client = target.info.api === "paradigm" ? wr.ParadigmClient : wr.DatabrainClient;
  // The options are read (and checked) once here: a bad base URL or header is a usage error.
  asUsage(() => new Client(options));
  if (values["dry-run"]) {
    for (const f of valid) {
      const request = asUsage(() => wr.buildRequest(endpoint, /** @type {any} */ (f.body), { token: "dry-run", baseUrl: target.baseUrl, id: target.id, strict, headers: target.headers }));
      if (values.json) jsonLine({ ...where(f), ok: true, sent: false, dryRun: true, method: request.method, url: request.url });
      else out(`${c.dim("would send")} ${request.method} ${request.url}  ${label(f)}`);
    }
    say(`dry run: ${valid.length} would be sent, ${invalid.length} invalid; nothing sent`);
    return invalid.length ? EXIT_FAILED : EXIT_OK;
  }

  // Sending: a pool of `concurrency` workers over the valid bodies; each body is taken once.
  // Each call has its own client, so that its hooks know whether it is in flight or waiting to
  // retry, and its own controller: the first Ctrl-C stops every call that is waiting (a body
  // refused by a 429 was not processed: it is reported not sent) and lets those in flight
  // finish; the second aborts those too.
  const bar = progress(valid.length, Boolean(process.stderr.isTTY) && valid.length > 1);
  /** @type {(SendResult | undefined)[]} */
  const results = new Array(valid.length);
  /** @typedef {{ controller: AbortController, inFlight: boolean, lastStatus: number | undefined, attempts: number }} Call */
  /** @type {Set<Call>} */
  const active = new Set();
  let next = 0;
  let done = 0;
  let failed = 0;
  let stopping = 0; // 0 sending, 1 stopping (Ctrl-C or stdout closed), 2 aborting
  const stop = (/** @type {string} */ why) => {
    stopping = Math.max(stopping, 1);
    bar.clear();
    err(ce.yellow(`${why}: no new requests; waiting for those in flight${why === "interrupted" ? " (Ctrl-C again aborts them)" : ""}`));
    for (const call of active) if (!call.inFlight) call.controller.abort(new Stopped());
  };
  const onSigint = () => {
    if (stopping === 0) return stop("interrupted");
    stopping = 2;
    for (const call of active) call.controller.abort(new Error("aborted"));
  };
  let interrupted = false;
  const sigint = () => {
    interrupted = true;
    onSigint();
  };
  process.on("SIGINT", sigint);
  onStdoutClosed = () => {
    if (stopping === 0) stop("stdout closed");
  };
  /** @type {(f: Found, result: SendResult) => void} */
  const report = (f, result) => {
    if (!result.ok && result.sent) failed++;
    if (result.sent) done++;
    if (values.json) jsonLine({ ...where(f), ok: result.ok, sent: result.sent, ...(result.ok ? { data: result.data } : { error: result.error }) });
    else if (result.ok) {
      if (values.verbose) {
        bar.clear();
        out(`${c.green("sent   ")} ${label(f)}`);
      }
    } else {
      bar.clear();
      if (result.sent) out(`${c.red("failed ")} ${label(f)}  ${c.bold(result.error.code)}${result.error.status ? ` (${result.error.status})` : ""}  ${result.error.message}`);
    }
    bar.draw(done, failed, false);
  };
  /** @type {(f: Found) => Promise<SendResult>} */
  const sendOne = async (f) => {
    /** @type {Call} */
    const call = { controller: new AbortController(), inFlight: false, lastStatus: undefined, attempts: 0 };
    active.add(call);
    const client = new Client({
      ...options,
      onRequest: () => {
        // Between attempts a stop ends the call: no new request once Ctrl-C was pressed.
        if (stopping) throw new Stopped();
        call.inFlight = true;
        call.attempts++;
        call.lastStatus = undefined;
      },
      // In flight from the request to its answer's end (onResponse) or fetch's rejection: a call
      // waiting to retry after a network error is not in flight, and a stop ends its wait.
      fetch: (request) =>
        globalThis.fetch(request).catch((e) => {
          call.inFlight = false;
          throw e;
        }),
      onResponse: (e) => {
        call.inFlight = false;
        call.lastStatus = e.status;
        // Stopped while this attempt was in flight: no retry after it.
        if (stopping) call.controller.abort(new Stopped());
      },
    });
    try {
      const data = await CLIENT_METHOD[endpoint](client, f.body, target.id, { signal: call.controller.signal });
      return { ok: true, sent: true, data };
    } catch (e) {
      const stoppedHere = e instanceof Stopped || (e instanceof wr.AbortError && e.reason instanceof Stopped);
      // Refused before any request (an option the library rejects for this body): not sent.
      if (!stoppedHere && call.attempts === 0) return { ok: false, sent: false, error: failure(e) };
      if (stoppedHere && (call.attempts === 0 || call.lastStatus === 429)) {
        // Never sent, or refused by a rate limit before it was processed: safe to send again.
        return { ok: false, sent: false, error: { code: "NOT_SENT", message: call.attempts === 0 ? "interrupted before it was sent" : "interrupted while waiting out a rate limit (429: not processed)" } };
      }
      if (stoppedHere) {
        return { ok: false, sent: true, error: { code: "INTERRUPTED", status: call.lastStatus, message: `interrupted before a retry; the last answer was ${call.lastStatus ?? "no answer (a network error)"}, and may have been processed` } };
      }
      return { ok: false, sent: true, error: failure(e) };
    } finally {
      active.delete(call);
      call.inFlight = false;
    }
  };
  const worker = async () => {
    while (!stopping && next < valid.length) {
      const i = next++;
      results[i] = await sendOne(valid[i]);
      report(valid[i], results[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, valid.length) }, worker));
  process.off("SIGINT", sigint);
  onStdoutClosed = () => {};
  bar.clear();

  // Every body not taken is reported too, so that the output accounts for each one.
  /** @type {SendResult[]} */
  const all = valid.map((f, i) => {
    const r = results[i];
    if (r !== undefined) return r;
    const error = { code: "NOT_SENT", message: "interrupted before it was sent" };
    if (values.json) jsonLine({ ...where(f), ok: false, sent: false, error });
    return { ok: false, sent: false, error };
  });
  // The summary: what was sent, what succeeded, what failed by code, what was not sent.
  /** @type {Map<string, number>} */
  const byCode = new Map();
  for (const r of all) if (!r.ok && r.sent) byCode.set(r.error.code, (byCode.get(r.error.code) ?? 0) + 1);
  const unsent = valid.filter((_, i) => {
    const r = all[i];
    return r !== undefined && !r.ok && !r.sent && r.error.code === "NOT_SENT";
  }).map(label);
  const refused = all.flatMap((r) => (!r.ok && !r.sent && r.error.code !== "NOT_SENT" ? [r.error] : []));
  const codes = [...byCode].sort((a, b) => b[1] - a[1]).map(([code, n]) => `${code} ${n}`).join(", ");
  const parts = [`sent ${done} of ${bodies.length}: ${done - failed} succeeded, ${failed} failed${codes ? ` (${codes})` : ""}`];
  if (invalid.length) parts.push(`${invalid.length} invalid, not sent`);
  if (refused.length) parts.push(`${refused.length} refused before sending (${refused[0]?.message})`);
  if (unsent.length) parts.push(`${unsent.length} not sent (${interrupted ? "interrupted" : "stdout closed"})`);
  say(parts.join("; "), (k) => (failed || invalid.length || unsent.length || refused.length ? k.yellow : k.green));
  if (unsent.length && !values.json) say(`not sent: ${unsent.slice(0, 20).join(", ")}${unsent.length > 20 ? `, and ${unsent.length - 20} more` : ""}`);
  if (interrupted) return EXIT_INTERRUPTED;
  // A closed stdout lost results even when every body was sent: never a success.
  return failed || invalid.length || unsent.length || refused.length || stdoutClosed ? EXIT_FAILED : EXIT_OK;
}

/** @param {string[]} args */
function endpointsCommand(args) {
  const { values, positionals } = parse(args, {});
  if (values.help) return help("endpoints");
  if (positionals.length) throw new UsageError("endpoints takes no argument");
  if (values.json) {
    out(JSON.stringify(ENDPOINTS, null, 2));
    return EXIT_OK;
  }
  const width = Math.max(...IDS.map((id) => id.length));
  for (const e of ENDPOINTS) out(`${e.id.padEnd(width)}  ${e.method.padEnd(5)} ${e.path}  ${e.summary}`);
  return EXIT_OK;
}

/**
 * @param {import("./index.js").TypeDescription} t
 * @returns {string}
 */
function typeText(t) {
  switch (t.kind) {
    case "string":
      return `string${t.minLength !== undefined || t.maxLength !== undefined ? ` (${t.minLength ?? 0}..${t.maxLength ?? ""} chars)` : ""}`;
    case "enum":
      return t.values.map((v) => JSON.stringify(v.value)).join(" | ");
    case "integer":
      return `integer (>= ${t.minimum}${t.maximum !== undefined ? `, <= ${t.maximum}` : ""})`;
    case "port":
      return `port (${t.minimum}..${t.maximum})`;
    case "array":
      return `array of ${typeText(t.items)}`;
    case "object":
      return `object ${t.object.name}`;
    case "nullable":
      return `${typeText(t.inner)} | null`;
    case "jsonObjectString":
      return "string (a JSON object)";
    case "tag":
      return "string (selects the variant)";
    default:
      return t.kind;
  }
}

/**
 * @param {{ fields: import("./index.js").FieldDescription[], rules: import("./index.js").RuleDescription[], union?: import("./index.js").UnionDescription }} o
 * @param {number} indent
 * @param {Set<string>} seen
 */
function describeObject(o, indent, seen) {
  const pad = " ".repeat(indent);
  for (const f of o.fields) {
    const flags = [f.required, f.secret ? "secret" : "", f.confirmed ? "" : "unconfirmed"].filter(Boolean).join(", ");
    out(`${pad}${f.name}: ${typeText(f.type)}  [${flags}]${f.doc ? `  ${f.doc}` : ""}`);
    const inner = f.type.kind === "object" ? f.type.object : f.type.kind === "array" && f.type.items.kind === "object" ? f.type.items.object : null;
    if (inner && !seen.has(inner.name)) {
      seen.add(inner.name);
      describeObject(inner, indent + 2, seen);
    }
  }
  for (const r of o.rules) out(`${pad}rule (${r.level}): ${r.fields.join(", ")}: ${r.doc}`);
  if (o.union) {
    for (const v of o.union.variants) {
      out(`${pad}when ${o.union.tag} = ${JSON.stringify(v.value)}${v.doc ? `: ${v.doc}` : ""}`);
      describeObject({ fields: v.fields, rules: [] }, indent + 2, seen);
    }
  }
}

/** @param {string[]} args */
function describeCommand(args) {
  const { values, positionals } = parse(args, {});
  if (values.help) return help("describe");
  const d = wr.describe(endpointArg(positionals[0]));
  if (values.json) {
    out(JSON.stringify(d, null, 2));
    return EXIT_OK;
  }
  out(`${d.id}: ${d.method} ${d.path}`);
  out(d.summary);
  out("");
  out(`body (${d.body.name}):`);
  describeObject(d.body, 2, new Set([d.body.name]));
  out("");
  out(`errors (an invalid body is ${d.bodyError}):`);
  for (const e of d.errors) out(`  ${e.status} ${e.code}  ${e.doc}`);
  return EXIT_OK;
}

/** @param {string[]} args */
function schemaCommand(args) {
  const { values, positionals } = parse(args, BODY);
  if (values.help) return help("schema");
  out(JSON.stringify(wr.jsonSchema(endpointArg(positionals[0]), { strict: Boolean(values.strict) }), null, 2));
  return EXIT_OK;
}

/** @param {string[]} args */
function openapiCommand(args) {
  const { values, positionals } = parse(args, {});
  if (values.help) return help("openapi");
  if (positionals.length) throw new UsageError("openapi takes no argument");
  out(JSON.stringify(wr.openApi(), null, 2));
  return EXIT_OK;
}

/** @param {keyof typeof HELP} command */
function help(command) {
  out(HELP[command]);
  return EXIT_OK;
}

/** @type {Record<string, (args: string[]) => number | Promise<number>>} */
const COMMANDS = {
  validate: validateCommand,
  curl: curlCommand,
  send: sendCommand,
  endpoints: endpointsCommand,
  describe: describeCommand,
  schema: schemaCommand,
  openapi: openapiCommand,
};

/**
 * @param {string[]} argv
 * @returns {Promise<number>}
 */
async function main(argv) {
  const [command, ...rest] = argv;
  if (command === undefined) {
    err(HELP.main);
    return EXIT_USAGE;
  }
  if (command === "help" || command === "--help" || command === "-h") {
    const topic = /** @type {keyof typeof HELP | undefined} */ (Object.keys(HELP).find((k) => k === rest[0]));
    if (command === "help" && topic) return help(topic);
    out(HELP.main);
    return EXIT_OK;
  }
  if (command === "--version" || command === "-v") {
    out(JSON.parse(readFileSync(new URL("./package.json", import.meta.url), "utf8")).version);
    return EXIT_OK;
  }
  const run = COMMANDS[command];
  if (!run) throw new UsageError(`unknown command "${command}"; commands: ${Object.keys(COMMANDS).join(", ")} (--help)`);
  return run(rest);
}

// A closed pipe (`| head`) ends the output, not with a stack trace: the command goes on to its
// own exit code (send stops sending: its results could not be reported).
process.stdout.on("error", (e) => {
  if (e.code !== "EPIPE" && e.code !== "ERR_STREAM_DESTROYED") throw e;
  stdoutClosed = true;
  onStdoutClosed();
});
process.stderr.on("error", (e) => {
  if (e.code !== "EPIPE" && e.code !== "ERR_STREAM_DESTROYED") throw e;
});

if (typeof util.parseArgs !== "function") {
  err(`workspace-requests: this command needs Node 18.3 or later (this is ${process.version})`);
  process.exit(EXIT_USAGE);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e) => {
    if (e instanceof UsageError) {
      err(`workspace-requests: ${e.message}`);
      process.exitCode = EXIT_USAGE;
    } else {
      err(`workspace-requests: unexpected error: ${e?.stack ?? e}`);
      process.exitCode = EXIT_FAILED;
    }
  },
);
