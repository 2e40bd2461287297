// The `workspace-requests` command as a user runs it: the bin of the installed tarball (and once
// through `npx`), in child processes, against the mock over HTTP. Every command and exit code;
// files, folders, NDJSON and stdin; colour only on a terminal; a 1,000-body batch through a rate
// limit, each body sent exactly once; Ctrl-C in the middle of a batch; the token never printed.

import { test, before, after, beforeEach } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startMock } from "../../mock/start.mjs";
import { prng } from "./prng.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const BIN = join(here, "node_modules", ".bin", "workspace-requests");
const TOKEN = "tok-CLI-SECRET-4242";
const SECRET = "pw-CLI-SECRET-777";

let mock;
let dir;
const outputs = []; // every stdout and stderr of the run, checked for the token at the end

before(async () => {
  mock = await startMock({ env: { MOCK_TOKEN: TOKEN } });
  dir = mkdtempSync(join(tmpdir(), "wr-cli-"));
});

after(async () => {
  await mock?.close();
  rmSync(dir, { recursive: true, force: true });
  for (const o of outputs) {
    assert.ok(!o.includes(TOKEN), "the token never appears in any output");
    assert.ok(!o.includes(SECRET), "no secret body value appears in any output");
  }
});

beforeEach(async () => {
  await admin("POST", "/__mock/reset");
  await admin("DELETE", "/__mock/faults");
});

async function admin(method, path, body) {
  const res = await fetch(`${mock.url}${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}

/**
 * Starts the bin in the scratch folder, collecting its output; `closed` resolves to its exit code
 * and signal once the output has joined those checked for secrets at the end (unless
 * `revealing`: --reveal-secrets shows them, as asked).
 */
function start(args, { env = {}, token = true, revealing = false } = {}) {
  const child = spawn(BIN, args, {
    cwd: dir,
    env: { ...process.env, NO_COLOR: "", DATABRAIN_TOKEN: token ? TOKEN : "", PARADIGM_TOKEN: token ? TOKEN : "", ...env },
  });
  const io = { child, stdout: "", stderr: "" };
  child.stdout.on("data", (d) => (io.stdout += d));
  child.stderr.on("data", (d) => (io.stderr += d));
  io.closed = new Promise((resolve) =>
    child.on("close", (code, signal) => {
      if (!revealing) outputs.push(io.stdout, io.stderr);
      resolve({ code, signal });
    }),
  );
  return io;
}

/** Runs the bin to its end with `input` on stdin; resolves to {code, signal, stdout, stderr}. */
async function run(args, { input, ...options } = {}) {
  const io = start(args, options);
  io.child.stdin.end(input ?? "");
  const { code, signal } = await io.closed;
  return { code, signal, stdout: io.stdout, stderr: io.stderr };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const file = (name, content) => {
  const p = join(dir, name);
  mkdirSync(join(p, ".."), { recursive: true });
  writeFileSync(p, typeof content === "string" ? content : JSON.stringify(content));
  return name;
};
const workspace = (name) => ({ name, connectionType: "DATASOURCE", datasourceName: "postgres-main" });
const ndjson = (bodies) => bodies.map((b) => JSON.stringify(b)).join("\n") + "\n";
const jsonLines = (text) => text.split("\n").filter(Boolean).map((l) => JSON.parse(l));
const base = () => ["--base-url", mock.url];

test("--help for the command and every subcommand; usage errors exit 2", async () => {
  let r = await run(["--help"]);
  assert.equal(r.code, 0);
  for (const c of ["validate", "curl", "send", "endpoints", "describe", "schema", "openapi"]) assert.match(r.stdout, new RegExp(`^  ${c} `, "m"));
  for (const c of ["validate", "curl", "send", "endpoints", "describe", "schema", "openapi"]) {
    r = await run([c, "--help"]);
    assert.equal(r.code, 0, c);
    assert.match(r.stdout, new RegExp(`^Usage: workspace-requests ${c}`), c);
  }
  r = await run([]);
  assert.equal(r.code, 2);
  r = await run(["frobnicate"]);
  assert.deepEqual([r.code, r.stderr], [2, 'workspace-requests: unknown command "frobnicate"; commands: validate, curl, send, endpoints, describe, schema, openapi (--help)\n']);
  r = await run(["validate", "databrain.createworkspac", "x.json"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown endpoint "databrain\.createworkspac"; did you mean databrain\.createWorkspace\?/);
  r = await run(["validate", "databrain.createWorkspace", "--frob"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /Unknown option '--frob'/);
});

test("through npx, as a user calls it", () => {
  const r = spawnSync("npx", ["--no-install", "workspace-requests", "endpoints", "--json"], { cwd: here, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout).map((e) => e.id), ["databrain.createWorkspace", "databrain.updateWorkspace", "databrain.createDatasource", "databrain.updateDatasource", "paradigm.updateWorkspace", "paradigm.testDatasource"]);
});

test("validate: files, folders and NDJSON; each issue with its path, code and message; exit 0 or 1", async () => {
  file("ok/a.json", workspace("A"));
  let r = await run(["validate", "databrain.createWorkspace", "ok/a.json"]);
  assert.deepEqual([r.code, r.stdout], [0, "valid   ok/a.json\n1 body: 1 valid, 0 invalid (0 issues, 0 warnings)\n"]);
  file("mixed/1.json", workspace("B"));
  file("mixed/2.ndjson", ndjson([workspace("C"), { name: 5, connectionType: "DATASOURCE", datasourceName: "x" }]) + "\n\n" + JSON.stringify({ ...workspace("D"), extra: 1 }) + "\n");
  file("mixed/notes.txt", "ignored: not .json or .ndjson");
  r = await run(["validate", "databrain.createWorkspace", "mixed"]);
  assert.equal(r.code, 1);
  assert.equal(
    r.stdout,
    [
      "valid   mixed/1.json",
      "valid   mixed/2.ndjson:1",
      "invalid mixed/2.ndjson:2",
      "    error   /name  invalid_type  name must be a string, found 5.",
      "valid   mixed/2.ndjson:5",
      "    warning /extra  unknown_field  extra is not a field the docs define for this object; the API may ignore or reject it. Known fields: name, connectionType, datasourceName, datamartName, llmName, aiCopilotLlms, isEnableMetricSuggestions, isEnableMetricSummary, summaryType, customSummaryPrompt, themeName.",
      "4 bodies: 3 valid, 1 invalid (1 issue, 1 warning)",
      "",
    ].join("\n"),
  );
  // --strict: the unknown key is an issue.
  r = await run(["validate", "databrain.createWorkspace", "mixed/2.ndjson", "--strict", "--json"]);
  assert.equal(r.code, 1);
  const lines = jsonLines(r.stdout);
  assert.deepEqual(lines.map((l) => [l.source, l.line, l.ok]), [["mixed/2.ndjson", 1, true], ["mixed/2.ndjson", 2, false], ["mixed/2.ndjson", 5, false]]);
  assert.deepEqual(lines[2].issues.map((i) => [i.path, i.code, i.apiCode]), [["/extra", "unknown_field", "INVALID_REQUEST_BODY"]]);
  assert.deepEqual(lines[1].issues[0].params, { rule: "type", expected: "string", found: "number" });
});

test("validate: stdin, one body or NDJSON; unreadable input names the file and line and exits 2", async () => {
  let r = await run(["validate", "databrain.createWorkspace", "-"], { input: JSON.stringify(workspace("S"), null, 2) });
  assert.deepEqual([r.code, r.stdout.split("\n")[0]], [0, "valid   <stdin>"]);
  r = await run(["validate", "databrain.createWorkspace"], { input: ndjson([workspace("S1"), { name: "S2" }]) });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^valid   <stdin>:1\ninvalid <stdin>:2\n    error   \/connectionType  required  connectionType is required\.\n/);
  file("bad.ndjson", ndjson([workspace("X")]) + '{"name": "Y",\n');
  r = await run(["validate", "databrain.createWorkspace", "bad.ndjson"]);
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "workspace-requests: unreadable input:\n  bad.ndjson:2:14: not JSON: the text ends before the JSON value is complete\n");
  assert.equal(r.stdout, "", "nothing validated when input is unreadable");
  file("bad.json", '{\n  "name": "Z",\n  oops\n}');
  r = await run(["validate", "databrain.createWorkspace", "bad.json", "missing.json"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /  missing\.json: no such file or folder\n/);
  assert.match(r.stderr, /  bad\.json:3:3: not JSON: a key that is not a double-quoted string\n/);
  // A byte order mark and CRLF line endings are read as any editor writes them.
  file("bom.json", "\ufeff" + JSON.stringify(workspace("Bom")));
  file("crlf.ndjson", ndjson([workspace("Crlf 1"), workspace("Crlf 2")]).replaceAll("\n", "\r\n"));
  r = await run(["validate", "databrain.createWorkspace", "bom.json", "crlf.ndjson"]);
  assert.deepEqual([r.code, r.stdout.split("\n").slice(0, 3)], [0, ["valid   bom.json", "valid   crlf.ndjson:1", "valid   crlf.ndjson:2"]]);
  // A line that is not JSON in NDJSON on stdin: its own line; the text is never quoted back
  // (V8's own message would quote it, and it may hold a secret).
  r = await run(["validate", "databrain.createWorkspace", "-"], { input: ndjson([workspace("L1"), workspace("L2"), workspace("L3"), workspace("L4")]) + `{"password": ${SECRET}}\n` + JSON.stringify(workspace("L6")) });
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "workspace-requests: unreadable input:\n  <stdin>:5:14: not JSON: an unexpected character\n");
  r = await run(["validate", "databrain.createWorkspace", "-"], { input: `{"name": "x", "password": "${SECRET}"` });
  assert.equal(r.stderr, "workspace-requests: unreadable input:\n  <stdin>:1:${41 + SECRET.length - SECRET.length}: not JSON: the text ends before the JSON value is complete\n".replace("${41 + SECRET.length - SECRET.length}", String(`{"name": "x", "password": "${SECRET}"`.length + 1)));
  // A file named twice, or inside a folder also named, is read once.
  r = await run(["validate", "databrain.createWorkspace", "ok", "ok/a.json", "./ok/a.json", "--json"]);
  assert.deepEqual(jsonLines(r.stdout).map((l) => l.source), ["ok/a.json"]);
  file("empty/readme.md", "");
  r = await run(["validate", "databrain.createWorkspace", "empty"]);
  assert.match(r.stderr, /empty: a folder without \.json, \.ndjson or \.jsonl files/);
  assert.equal(r.code, 2);
});

test("unreadable lines: exactly those JSON.parse refuses, each by line and column, the text never quoted", async () => {
  const random = prng(15);
  const seeds = [
    { ...workspace("Seed"), secretNote: SECRET },
    { datasourceType: "postgres", credentials: { name: "pg", host: "h", port: 5432, password: SECRET, nested: [1, [2, { deep: [true, null, -1.5e3] }]] } },
    ["a", { b: "c\\\"d" }, 0.25, "\u00e9"],
  ].map((b) => JSON.stringify(b));
  const lines = [];
  for (let i = 0; i < 2000; i++) {
    let t = seeds[i % seeds.length];
    for (let k = 0, edits = 1 + Math.floor(random() * 3); k < edits; k++) {
      const at = Math.floor(random() * (t.length + 1));
      const ch = '{}[]":,\\ 0-e.tnfu'[Math.floor(random() * 18)];
      const op = random();
      t = op < 0.4 ? t.slice(0, at) + ch + t.slice(at) : op < 0.7 ? t.slice(0, at) + t.slice(at + 1) : t.slice(0, at) + ch + t.slice(at + 1);
    }
    lines.push(t.replaceAll("\n", " "));
  }
  file("fuzzed.ndjson", lines.join("\n") + "\n");
  const refused = new Set(lines.map((t, i) => [t, i + 1]).filter(([t]) => t.trim() !== "" && (() => { try { JSON.parse(t); return false; } catch { return true; } })()).map(([, n]) => n));
  assert.ok(refused.size > 1000 && refused.size < 2000, `${refused.size} of 2000 refused`);
  const r = await run(["validate", "databrain.createWorkspace", "fuzzed.ndjson"]);
  assert.equal(r.code, 2);
  const reported = r.stderr.split("\n").slice(1).filter(Boolean);
  const WHY = /^  fuzzed\.ndjson:(\d+):(\d+): not JSON: (an unexpected character|the text ends before the JSON value is complete|a key that is not a double-quoted string|a missing colon after a key|a missing comma or [}\]]|more text after the JSON value|an invalid escape in a string|a control character in a string)$/;
  const lineNumbers = reported.map((l) => {
    const m = WHY.exec(l);
    assert.ok(m, l);
    const [line, column] = [Number(m[1]), Number(m[2])];
    assert.ok(column >= 1 && column <= lines[line - 1].trimEnd().length + 1, l);
    return line;
  });
  assert.deepEqual(lineNumbers, [...refused].sort((a, b) => a - b));
  assert.ok(!r.stderr.includes("SECRET"), "no text quoted back");
});

test("colour only on a terminal, and never with NO_COLOR", { skip: spawnSync("script", ["--version"]).status !== 0 && "no script(1)" }, async () => {
  file("c.json", { name: 5 });
  const tty = (env) =>
    spawnSync("script", ["-qec", `${BIN} validate databrain.createWorkspace c.json`, "/dev/null"], { cwd: dir, encoding: "utf8", env: { ...process.env, ...env } });
  const coloured = tty({ NO_COLOR: "" });
  assert.equal(coloured.status, 1);
  assert.match(coloured.stdout, /\x1b\[31minvalid\x1b\[0m c\.json/);
  const plain = tty({ NO_COLOR: "1" });
  assert.ok(!plain.stdout.includes("\x1b["), "NO_COLOR");
  const piped = await run(["validate", "databrain.createWorkspace", "c.json"]);
  assert.ok(!piped.stdout.includes("\x1b["), "not a terminal");
  // send on a terminal: a progress bar on stderr for a batch (never on a pipe).
  file("p.ndjson", ndjson([1, 2, 3, 4, 5].map((i) => workspace(`Progress ${i}`))));
  const bar = spawnSync("script", ["-qec", `${BIN} send databrain.createWorkspace p.ndjson --base-url ${mock.url}`, "/dev/null"], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, DATABRAIN_TOKEN: TOKEN, NO_COLOR: "1" },
  });
  outputs.push(bar.stdout);
  assert.equal(bar.status, 0, bar.stdout);
  assert.match(bar.stdout, /\r\[#+-*\] [1-5]\/5/);
  assert.match(bar.stdout, /sent 5 of 5: 5 succeeded, 0 failed/);
  const quiet = await run(["send", "databrain.createWorkspace", "p.ndjson", ...base(), "--continue"]);
  assert.ok(!quiet.stderr.includes("\r["), "no progress bar on a pipe");
});

test("curl: the command reads the token from the environment; secrets hidden unless asked", async () => {
  const ds = { datasourceType: "postgres", credentials: { name: "pg-cli", host: "db.example.com", port: 5432, username: "u", password: SECRET, schema: "public" } };
  file("ds.json", ds);
  let r = await run(["curl", "databrain.createDatasource", "ds.json", ...base()]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /--header "Authorization: Bearer \$\{DATABRAIN_TOKEN\}"/);
  assert.match(r.stdout, /"password":"<redacted>"/);
  assert.match(r.stdout, new RegExp(`--url '${mock.url}/api/v2/datasource'`));
  r = await run(["curl", "databrain.createDatasource", "ds.json", "--token-env", "MY_DB_TOKEN", "-H", "X-Request-Id: r1"], { env: { MY_DB_TOKEN: "hidden-token-SECRET" } });
  assert.match(r.stdout, /Bearer \$\{MY_DB_TOKEN\}/);
  assert.ok(!r.stdout.includes("hidden-token-SECRET"));
  assert.match(r.stdout, /--header 'X-Request-Id: r1'/);
  // --reveal-secrets shows them (read from the environment, never from argv).
  r = await run(["curl", "databrain.createDatasource", "ds.json", "--reveal-secrets", "--token-env", "MY_DB_TOKEN"], { env: { MY_DB_TOKEN: "revealed-token" }, revealing: true });
  assert.ok(r.stdout.includes(SECRET), "the body's password too");
  assert.equal(r.code, 0);
  assert.match(r.stdout, /Bearer revealed-token/);
  r = await run(["curl", "databrain.createDatasource", "ds.json", "--reveal-secrets"], { token: false });
  assert.deepEqual([r.code, r.stderr], [2, "workspace-requests: no token: set DATABRAIN_TOKEN in the environment (or name another variable with --token-env); a token is never taken from the command line\n"]);
  // The printed command runs as is against the mock.
  r = await run(["curl", "databrain.createWorkspace", file("w.json", workspace("Curl WS")), ...base()]);
  const curl = spawnSync("sh", ["-c", r.stdout], { encoding: "utf8", env: { ...process.env, DATABRAIN_TOKEN: TOKEN } });
  assert.deepEqual(JSON.parse(curl.stdout), { data: { name: "Curl WS" }, error: null });
  // An invalid body: its issues on stderr, exit 1; Paradigm needs --id; Databrain takes none.
  r = await run(["curl", "databrain.createWorkspace", file("bad-w.json", { name: "" })]);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^invalid bad-w\.json\n    error   \/name  too_short/);
  r = await run(["curl", "paradigm.updateWorkspace", file("p.json", { name: "P" })]);
  assert.deepEqual([r.code, r.stderr], [2, "workspace-requests: paradigm.updateWorkspace needs --id N (the Paradigm workspace id)\n"]);
  r = await run(["curl", "paradigm.updateWorkspace", "p.json", "--id", "101"]);
  assert.match(r.stdout, /--url 'https:\/\/api\.lighton\.ai\/api\/v3\/workspaces\/101'/);
  assert.match(r.stdout, /\$\{PARADIGM_TOKEN\}/);
  r = await run(["curl", "databrain.createWorkspace", "w.json", "--id", "3"]);
  assert.equal(r.code, 2);
  r = await run(["send", "paradigm.updateWorkspace", "p.json", ...base(), "--id", "0"]);
  assert.deepEqual([r.code, r.stderr], [2, "workspace-requests: --id must be a whole number from 1 to 9007199254740991\n"]);
  r = await run(["curl", "databrain.createWorkspace", "w.json", "-H", "Authorization: Bearer x"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /the header "Authorization" cannot be set here/);
  // A malformed -H is not echoed (it is often a credential); a value fetch cannot send is a usage error.
  r = await run(["curl", "databrain.createWorkspace", "w.json", "-H", `Bearer ${SECRET}`]);
  assert.deepEqual([r.code, r.stderr], [2, 'workspace-requests: --header must be "Name: value" (a name, a colon, the value)\n']);
  r = await run(["send", "databrain.createWorkspace", "w.json", ...base(), "-H", "X-Api-Key: s€cret"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /the header "X-Api-Key" has a character fetch cannot send/);
  assert.ok(!r.stderr.includes("s€cret"));
});

test("send: validated first, nothing sent if any is invalid; --continue; --dry-run; a summary by code", async () => {
  file("batch.ndjson", ndjson([workspace("Send 1"), { name: "" }, workspace("Sales Analytics"), workspace("Send 2")]));
  let r = await run(["send", "databrain.createWorkspace", "batch.ndjson", ...base()]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^invalid batch\.ndjson:2\n    error   \/name  too_short/);
  assert.match(r.stdout, /1 invalid body of 4: nothing sent \(--continue sends the valid ones\)\n$/);
  assert.equal((await admin("GET", "/__mock/stats")).requests, 0, "nothing sent");
  // With --json every body has its line: the invalid one, and the valid ones not sent.
  r = await run(["send", "databrain.createWorkspace", "batch.ndjson", ...base(), "--json"]);
  assert.deepEqual(jsonLines(r.stdout).map((x) => [x.line, x.ok, x.sent, x.error.code]), [[2, false, false, "INVALID"], [1, false, false, "NOT_SENT"], [3, false, false, "NOT_SENT"], [4, false, false, "NOT_SENT"]]);
  r = await run(["send", "databrain.createWorkspace", "batch.ndjson", ...base(), "--dry-run", "--continue"], { token: false });
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^dry run: 3 would be sent, 1 invalid; nothing sent$/m);
  assert.match(r.stdout, new RegExp(`^would send POST ${mock.url}/api/v2/workspace  batch\\.ndjson:1$`, "m"));
  assert.equal((await admin("GET", "/__mock/stats")).requests, 0, "a dry run sends nothing");
  r = await run(["send", "databrain.createWorkspace", "batch.ndjson", ...base(), "--continue", "--concurrency", "1"]);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^failed  batch\.ndjson:3  WORKSPACE_NAME_ALREADY_EXISTS \(400\)  /m);
  assert.match(r.stdout, /sent 3 of 4: 2 succeeded, 1 failed \(WORKSPACE_NAME_ALREADY_EXISTS 1\); 1 invalid, not sent\n$/);
  // --json: one result a line (the summary on stderr).
  await admin("POST", "/__mock/reset");
  r = await run(["send", "databrain.createWorkspace", "batch.ndjson", ...base(), "--continue", "--json", "--concurrency", "1"]);
  const results = jsonLines(r.stdout);
  assert.equal(results[0].issues[0].code, "too_short");
  assert.deepEqual(results.map((x) => [x.line, x.ok, x.sent, x.error?.code ?? null]), [
    [2, false, false, "INVALID"],
    [1, true, true, null],
    [3, false, true, "WORKSPACE_NAME_ALREADY_EXISTS"],
    [4, true, true, null],
  ]);
  assert.deepEqual(results[1].data, { name: "Send 1" });
  assert.match(r.stderr, /^sent 3 of 4/);
  // Every body valid and accepted: exit 0. Paradigm with --id.
  r = await run(["send", "databrain.createWorkspace", file("good.json", workspace("Send Good")), ...base(), "--verbose"]);
  assert.deepEqual([r.code, r.stdout], [0, "sent    good.json\nsent 1 of 1: 1 succeeded, 0 failed\n"]);
  r = await run(["send", "paradigm.updateWorkspace", file("pw.json", { name: "Renamed" }), ...base(), "--id", "101", "--json"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(jsonLines(r.stdout)[0].data.name, "Renamed");
  r = await run(["send", "paradigm.updateWorkspace", "pw.json", ...base(), "--id", "103", "--json"]);
  assert.equal(r.code, 1);
  assert.deepEqual(jsonLines(r.stdout)[0].error, { name: "ApiError", code: "forbidden", status: 403, message: jsonLines(r.stdout)[0].error.message, serverCode: null, retryAfter: null, docUrl: "https://developers.lighton.ai/errors#forbidden", issues: [] });
});

test("send: the token comes from the environment only, and is never printed", async () => {
  let r = await run(["send", "databrain.createWorkspace", file("t.json", workspace("Tok")), ...base()], { token: false });
  assert.deepEqual([r.code, r.stderr], [2, "workspace-requests: no token: set DATABRAIN_TOKEN in the environment (or name another variable with --token-env); a token is never taken from the command line\n"]);
  assert.equal((await admin("GET", "/__mock/stats")).requests, 0);
  r = await run(["send", "databrain.createWorkspace", "t.json", ...base(), "--token-env", "CI_DB_TOKEN"], { token: false, env: { CI_DB_TOKEN: TOKEN } });
  assert.equal(r.code, 0, r.stderr);
  r = await run(["send", "databrain.createWorkspace", "t.json", ...base(), "--token", TOKEN]);
  assert.equal(r.code, 2, "no --token option");
  // The usual slip, the token itself as --token-env: refused without repeating it.
  for (const command of ["send", "curl"]) {
    r = await run([command, "databrain.createWorkspace", "t.json", ...base(), "--token-env", TOKEN]);
    assert.deepEqual([r.code, r.stderr], [2, "workspace-requests: --token-env names no environment variable that is set: give the variable's name (the token stays in the environment)\n"], command);
  }
  // A wrong token: the documented 401, and neither token in the output.
  r = await run(["send", "databrain.createWorkspace", file("t2.json", workspace("Tok 2")), ...base(), "--json"], { env: { DATABRAIN_TOKEN: "wrong-SECRET-token" } });
  assert.equal(r.code, 1);
  assert.equal(jsonLines(r.stdout)[0].error.code, "INVALID_DATA_APP_API_KEY");
  assert.ok(!(r.stdout + r.stderr).includes("wrong-SECRET-token"));
  // Unreachable: a NetworkError naming ECONNREFUSED.
  r = await run(["send", "databrain.createWorkspace", "t.json", "--base-url", "http://127.0.0.1:1", "--json"]);
  assert.equal(r.code, 1);
  assert.match(jsonLines(r.stdout)[0].error.message, /fetch failed/);
});

test("a batch of 1,000 bodies from NDJSON through a rate limit, --concurrency 8: each sent exactly once", async () => {
  const names = Array.from({ length: 1000 }, (_, i) => `Bulk ${String(i).padStart(4, "0")}`);
  file("bulk.ndjson", ndjson(names.map(workspace)));
  await admin("POST", "/__mock/faults", { fault: "ratelimit=300/1s" });
  const t0 = Date.now();
  const r = await run(["send", "databrain.createWorkspace", "bulk.ndjson", ...base(), "--concurrency", "8", "--retry", "--retries", "10", "--json"]);
  assert.equal(r.code, 0, r.stderr.slice(0, 2000));
  const results = jsonLines(r.stdout);
  assert.equal(results.length, 1000);
  assert.ok(results.every((x) => x.ok && x.sent));
  assert.deepEqual(results.map((x) => x.data.name).sort(), names);
  assert.deepEqual(new Set(results.map((x) => x.line)).size, 1000);
  assert.match(r.stderr, /^sent 1000 of 1000: 1000 succeeded, 0 failed\n$/m);
  const stats = await admin("GET", "/__mock/stats");
  assert.ok(stats.limited > 0, "the limit was met");
  assert.equal(stats.byRoute["POST /api/v2/workspace"], 1000 + stats.limited, "every body accepted once; only refused ones were sent again");
  const state = await admin("GET", "/__mock/state");
  const stored = state.databrain.workspaces.map((w) => w.name).filter((n) => n.startsWith("Bulk "));
  assert.deepEqual(stored.sort(), names, "each workspace created once");
  assert.ok(Date.now() - t0 >= 2000, "three windows at least");
});

test("Ctrl-C in the middle of a batch: no new requests, the in-flight ones finish, a summary, exit 130", async () => {
  const names = Array.from({ length: 200 }, (_, i) => `Sig ${i}`);
  file("sig.ndjson", ndjson(names.map(workspace)));
  const io = start(["send", "databrain.createWorkspace", "sig.ndjson", ...base(), "--concurrency", "4", "--json", "-H", "X-Mock-Fault: delay=100"]);
  let signalled = false;
  io.child.stdout.on("data", () => {
    if (!signalled && io.stdout.split("\n").length > 10) {
      signalled = true;
      io.child.kill("SIGINT");
    }
  });
  const { code } = await io.closed;
  const { stdout, stderr } = io;
  assert.equal(code, 130);
  assert.match(stderr, /interrupted: no new requests; waiting for those in flight/);
  const results = jsonLines(stdout);
  assert.equal(results.length, 200, "a line for every body, sent or not");
  const sent = results.filter((x) => x.sent);
  const unsent = results.filter((x) => !x.sent);
  assert.ok(sent.length >= 10 && sent.length < 200, `${sent.length} sent`);
  assert.ok(unsent.every((x) => x.error.code === "NOT_SENT"));
  assert.ok(sent.every((x) => x.ok), "the in-flight requests finished");
  assert.equal(new Set(results.map((x) => x.line)).size, 200, "no body twice");
  assert.match(stderr, new RegExp(`sent ${sent.length} of 200: ${sent.length} succeeded, 0 failed; ${unsent.length} not sent \\(interrupted\\)`));
  const stats = await admin("GET", "/__mock/stats");
  assert.equal(stats.byRoute["POST /api/v2/workspace"], sent.length, "the mock received exactly the bodies reported sent");

  // A second Ctrl-C aborts the requests in flight: they are results too (ABORTED), at once.
  const slow = start(["send", "databrain.createWorkspace", "sig.ndjson", ...base(), "--concurrency", "3", "--json", "-H", "X-Mock-Fault: delay=5000"]);
  await sleep(700);
  const t0 = Date.now();
  slow.child.kill("SIGINT");
  await sleep(200);
  slow.child.kill("SIGINT");
  const { code: slowCode } = await slow.closed;
  const { stdout: slowOut, stderr: slowErr } = slow;
  assert.equal(slowCode, 130);
  assert.ok(Date.now() - t0 < 3000, "did not wait for the 5 s answers");
  const aborted = jsonLines(slowOut);
  assert.equal(aborted.filter((x) => x.sent && x.error?.code === "ABORTED").length, 3);
  assert.equal(aborted.length, 200);
  assert.match(slowErr, /sent 3 of 200: 0 succeeded, 3 failed \(ABORTED 3\); 197 not sent \(interrupted\)/);
});

test("Ctrl-C while waiting out a rate limit: no retry, the refused bodies are reported not sent", async () => {
  file("limited.ndjson", ndjson([1, 2, 3, 4, 5, 6].map((i) => workspace(`Wait ${i}`))));
  const io = start(["send", "databrain.createWorkspace", "limited.ndjson", ...base(), "--concurrency", "6", "--retry", "--json", "-H", "X-Mock-Fault: ratelimit=2/20s"]);
  // Two are created, four refused with Retry-After: 20 and waiting.
  for (let i = 0; i < 50 && jsonLines(io.stdout).length < 2; i++) await sleep(100);
  await sleep(300);
  const t0 = Date.now();
  io.child.kill("SIGINT");
  const { code } = await io.closed;
  const { stdout, stderr } = io;
  assert.equal(code, 130);
  assert.ok(Date.now() - t0 < 3000, "did not wait out the 20 s");
  const results = jsonLines(stdout);
  assert.deepEqual(results.map((x) => [x.ok, x.sent, x.error?.code ?? null]).sort(), [
    [false, false, "NOT_SENT"], [false, false, "NOT_SENT"], [false, false, "NOT_SENT"], [false, false, "NOT_SENT"],
    [true, true, null], [true, true, null],
  ].sort());
  assert.ok(results.filter((x) => !x.sent).every((x) => /rate limit/.test(x.error.message)));
  const stats = await admin("GET", "/__mock/stats");
  assert.equal(stats.byRoute["POST /api/v2/workspace"], 6, "no request after the Ctrl-C");
  assert.match(stderr, /sent 2 of 6: 2 succeeded, 0 failed; 4 not sent \(interrupted\)/);
});

test("Ctrl-C while a PUT waits to retry after a network error: the wait ends, the body is reported interrupted", async () => {
  file("put.json", workspace("Sales Analytics"));
  const io = start(["send", "databrain.updateWorkspace", "put.json", ...base(), "--retry", "--retries", "12", "--json", "-H", "X-Mock-Fault: drop"]);
  // Dropped answers, then back-offs of 200 ms doubling: by 1.8 s it is waiting (1.6 s, then 3.2 s).
  await sleep(1800);
  const t0 = Date.now();
  io.child.kill("SIGINT");
  const { code } = await io.closed;
  const { stdout } = io;
  assert.equal(code, 130);
  assert.ok(Date.now() - t0 < 1000, `ended its wait at once (${Date.now() - t0} ms)`);
  const [result] = jsonLines(stdout);
  assert.deepEqual([result.ok, result.sent, result.error.code], [false, true, "INTERRUPTED"]);
  assert.match(result.error.message, /no answer \(a network error\), and may have been processed/);
});

test("stdout closed in the middle of a batch: sending stops, the summary says so on stderr, exit 1", async () => {
  file("pipe.ndjson", ndjson(Array.from({ length: 60 }, (_, i) => workspace(`Pipe ${i}`))));
  const r = spawnSync("bash", ["-o", "pipefail", "-c", `${BIN} send databrain.createWorkspace pipe.ndjson --base-url ${mock.url} --json --concurrency 2 -H "X-Mock-Fault: delay=30" | head -1`], {
    cwd: dir,
    encoding: "utf8",
    env: { ...process.env, DATABRAIN_TOKEN: TOKEN },
  });
  outputs.push(r.stdout, r.stderr);
  assert.equal(r.status, 1);
  assert.equal(jsonLines(r.stdout).length, 1);
  const m = /sent (\d+) of 60: \1 succeeded, 0 failed; (\d+) not sent \(stdout closed\)/.exec(r.stderr);
  assert.ok(m, r.stderr);
  assert.equal(Number(m[1]) + Number(m[2]), 60);
  assert.ok(Number(m[2]) > 0);
  const stats = await admin("GET", "/__mock/stats");
  assert.equal(stats.byRoute["POST /api/v2/workspace"], Number(m[1]), "the mock saw exactly the bodies counted as sent");
});

test("a closed pipe ends the output quietly", () => {
  // (Without the EPIPE handler, Node throws on most of these runs: the write races head's exit.)
  for (let i = 0; i < 5; i++) {
    const r = spawnSync("sh", ["-c", `${BIN} openapi | head -c 1 >/dev/null`], { cwd: dir, encoding: "utf8" });
    assert.deepEqual([r.status, r.stderr], [0, ""]);
  }
});

test("endpoints, describe, schema and openapi print what the package knows", async () => {
  let r = await run(["endpoints"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^databrain\.createWorkspace\s+POST\s+\/api\/v2\/workspace\s+Create a workspace$/m);
  r = await run(["describe", "databrain.createDatasource"]);
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^databrain\.createDatasource: POST \/api\/v2\/datasource$/m);
  assert.match(r.stdout, /^  datasourceType: /m);
  assert.match(r.stdout, /password: .*secret/);
  assert.match(r.stdout, /^  400 DATASOURCE_NAME_ERROR/m);
  assert.match(r.stdout, /^    rule \(issue\): clientColumnType, schemaName, tableName, tableClientNameColumn, tablePrimaryKeyColumn: Required when tenancyLevel is "TABLE"\.$/m);
  r = await run(["describe", "paradigm.updateWorkspace", "--json"]);
  assert.equal(JSON.parse(r.stdout).id, "paradigm.updateWorkspace");
  r = await run(["schema", "databrain.createWorkspace", "--strict"]);
  const schema = JSON.parse(r.stdout);
  assert.equal(schema.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.equal(schema.$defs.DatabrainCreateWorkspaceBody.additionalProperties, false, "--strict closes the object");
  r = await run(["openapi"]);
  assert.equal(JSON.parse(r.stdout).openapi, "3.1.0");
  r = await run(["describe"]);
  assert.equal(r.code, 2);
  r = await run(["--version"]);
  assert.match(r.stdout, /^\d+\.\d+\.\d+\n$/);
});
