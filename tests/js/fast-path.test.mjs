// The fast path against the generic path: the same installed module, one validator taking the
// generated readers and `checkFast` (what `validate` does), one forced onto the generic reader
// (`check`), must give identical results (ok, every issue and warning, their order, paths, codes,
// messages, API codes) in the default and the strict mode, on
//   (a) every body of the Rust tests' corpus (WR_CORPUS) and of the benchmark corpus,
//   (b) WR_FAST_COUNT (10^5) bodies generated from valid seeds by seeded mutations, hostile
//       values among them: getters, Proxies (quiet and throwing), toJSON, Dates, Maps, class
//       instances, null-prototype objects, sparse, long and huge arrays, astral and long strings,
//       values JSON cannot hold, deep and cyclic objects, long keys, re-entrant calls.
// It also checks that the fast path is really taken (most generated objects are read by it).
//
// One difference is by design and is not generated: a getter that answers differently each time
// it is read. The fast path reads every known key once; the generic path may read a scalar again
// for a message's text.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { prng } from "./prng.mjs";

const require = createRequire(import.meta.url);
const dir = path.dirname(require.resolve("workspace-requests/package.json"));
const load = (f) => import(pathToFileURL(path.join(dir, f)).href);
const { validation } = await load("validate.js");
const { nodeWasm } = await load("wasm.js");
const glue = await load("validator/workspace_requests.js");
const bytes = () => fs.readFileSync(path.join(dir, "validator/workspace_requests_bg.wasm"));

let fastCalls = 0;
const counted = { ...glue, checkFast: (i, s) => (fastCalls++, glue.checkFast(i, s)) };
const fast = validation(nodeWasm(counted, bytes));
const generic = validation(nodeWasm(glue, bytes), { generic: true });
const { endpoints } = await load("introspect.js");
const IDS = endpoints().map((e) => e.id);

const SEED = Number(process.env.WR_FUZZ_SEED ?? 0xfa57) >>> 0;
const COUNT = Number(process.env.WR_FAST_COUNT ?? 100000);
const MODES = [{}, { strict: true }];

/** Both results for a body, in both modes; the first difference, or null. */
function differs(id, body) {
  for (const mode of MODES) {
    const a = fast.validate(id, body, mode);
    const b = generic.validate(id, body, mode);
    try {
      assert.deepEqual(a, b);
    } catch (_) {
      return { mode, fast: a, generic: b };
    }
  }
  return null;
}

function show(v) {
  try {
    return JSON.stringify(v, (_, x) => (typeof x === "bigint" ? `${x}n` : x))?.slice(0, 600);
  } catch (_) {
    return "(a value JSON.stringify refuses)";
  }
}

function readCorpus() {
  const file = process.env.WR_CORPUS;
  assert.ok(file && fs.existsSync(file), "WR_CORPUS names the Rust tests' corpus (make test-rust writes it)");
  return fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
}

test("(a) every body of the Rust tests' corpus and of the benchmark corpus: identical results", async () => {
  const rust = readCorpus();
  const root = process.env.WR_TARGET ? path.resolve(process.env.WR_TARGET, "..") : null;
  const bench = root && fs.existsSync(path.join(root, "bench/corpus.mjs")) ? (await import(pathToFileURL(path.join(root, "bench/corpus.mjs")).href)).corpus : [];
  assert.ok(rust.length > 300, `the Rust corpus has ${rust.length} bodies`);
  assert.ok(bench.length >= 50, `the bench corpus has ${bench.length} bodies`);
  const before = fastCalls;
  for (const c of [...rust, ...bench]) {
    const d = differs(c.endpoint, c.body);
    assert.equal(d, null, `${c.endpoint} ${show(c.body)}\n${show(d)}`);
  }
  assert.ok(fastCalls - before > rust.length, `the fast path judged ${fastCalls - before} of ${2 * (rust.length + bench.length)} calls`);
});

test("(a) bodies at the limits: identical results", () => {
  const base = () => ({ name: "W", connectionType: "MULTI_DATASOURCE" });
  const bodies = [
    { ...base(), aiCopilotLlms: new Array(2 ** 20) },
    { ...base(), extra: new Array(2 ** 32 - 1) },
    { ...base(), aiCopilotLlms: Array.from({ length: 1500 }, (_, i) => i) },
    { ...base(), name: "x".repeat(1e6) },
    { ...base(), ["k".repeat(1e5)]: 1 },
    // Unknown keys: as many as a reader lists, one more, many more (the generic reader's).
    { ...base(), ...Object.fromEntries(Array.from({ length: 64 }, (_, i) => [`extra${i}`, i])) },
    { ...base(), ...Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`extra${i}`, { i }])) },
    { ...base(), ...Object.fromEntries(Array.from({ length: 3000 }, (_, i) => [`nme${i}`, "x"])) },
  ];
  for (const body of bodies) assert.equal(differs("databrain.createWorkspace", body), null);
  const users = Array.from({ length: 1200 }, (_, i) => ({ id: i, role: i % 7 ? "viewer" : "boss" }));
  assert.equal(differs("paradigm.updateWorkspace", { members: { users } }), null);
});

test("(a) a value of any type (serviceAccountKey), measured as a tree: identical results at its limits", () => {
  const body = (key) => ({
    datasourceType: "bigquery",
    credentials: { name: "bq", projectId: "p", serviceAccountKey: key, location: "US" },
    tenancySettings: { tenancyLevel: "DATABASE" },
  });
  const nest = (levels, leaf) => {
    let v = leaf;
    for (let i = 1; i < levels; i++) v = i % 2 ? { v } : [v];
    return v;
  };
  const sized = (n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
  const cyclic = { a: 1 };
  cyclic.self = cyclic;
  const keys = [
    { type: "service_account", nested: { list: [1, "a", true, null, { deep: [] }] } },
    nest(15, {}), nest(16, {}), nest(17, {}), nest(70, {}), nest(16, [NaN]),
    // 1 + n values: the tree's limit is 1,024 values.
    sized(1022), sized(1023), sized(1024), Array.from({ length: 1023 }, () => 0), Array.from({ length: 1024 }, () => 0),
    [, 1, , 2], new Array(5), [undefined, { a: undefined }], cyclic,
    { f() {} }, { s: Symbol("s") }, { b: 10n }, { n: Infinity }, [[[-0, 1e300, 5e-324]]],
    new Date(0), new Map([["a", 1]]), new (class Q { constructor() { this.a = 1; } })(), Object.create(null), Object.assign(Object.create(null), { a: () => 1 }),
    Object.defineProperty({}, "g", { enumerable: true, get: () => ({ x: [1] }) }),
    Object.defineProperty({}, "g", { enumerable: true, get: () => () => 1 }),
    Object.defineProperty({}, "g", { enumerable: true, get() { throw new Error("getter"); } }),
    Object.defineProperty({ a: 1 }, "hidden", { enumerable: false, value: () => 1 }),
    Object.assign([1, 2], { extra: () => 1 }),
    new Proxy([1, 2], {}), new Proxy({ a: [1] }, {}),
    new Proxy([1, 2], { ownKeys() { throw new Error("trap"); } }),
    new Proxy([1, 2], { get: (t, k) => (k === "length" ? "2" : t[k]) }),
    new Proxy([1, 2], { get: (t, k) => (k === "length" ? 1.5 : t[k]) }),
    new Proxy([1, 2], { get: (t, k) => (k === "length" ? 2 ** 40 : t[k]) }),
    new Proxy({ a: 1 }, { get() { throw new Error("trap"); } }),
    (() => { const r = Proxy.revocable([], {}); r.revoke(); return r.proxy; })(),
    { [Symbol("hidden")]: () => 1, plain: "yes" },
  ];
  for (const key of keys) {
    const d = differs("databrain.updateDatasource", body(key));
    assert.equal(d, null, `${show(key)?.slice(0, 200)}\n${show(d)}`);
  }
});

test("(a) an Object.prototype with enumerable keys, before or during a read: identical results", () => {
  const bodies = () => [
    { name: "W", connectionType: "MULTI_DATASOURCE" },
    { connectionType: "DATASOURCE", extra: 1 },
    { name: "W", connectionType: "DATASOURCE", datasourceName: "pg", isEnableMetricSummary: true },
  ];
  try {
    Object.prototype.name = "inherited";
    Object.prototype.datasourceName = "inherited";
    for (const body of bodies()) assert.equal(differs("databrain.createWorkspace", body), null);
  } finally {
    delete Object.prototype.name;
    delete Object.prototype.datasourceName;
  }
  // A getter that pollutes Object.prototype while the body is read, and one that cleans it up.
  for (const body of bodies()) {
    Object.defineProperty(body, "themeName", {
      enumerable: true,
      get() {
        Object.prototype.datasourceName = "inherited";
        return "dark";
      },
    });
    try {
      assert.equal(differs("databrain.createWorkspace", body), null);
    } finally {
      delete Object.prototype.datasourceName;
    }
  }
  assert.equal(Object.keys(Object.prototype).length, 0);
});

// ---------------------------------------------------------------------------------------------
// (b) generated bodies.

class Point {
  constructor() {
    this.name = "p";
  }
}

/** A fresh value for a mutation: plain, boundary or hostile. */
function values(rand, vocab) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const leaf = () => pick([null, true, false, 0, -1, 1.5, 5432, 65535, 65536, "", "x", "5432", pick(vocab.enums)]);
  const makers = [
    () => null, () => true, () => false, () => 0, () => -0, () => -1, () => 1.5, () => 65535, () => 65536, () => 1e21,
    () => NaN, () => Infinity, () => 2 ** 53 + 2, () => "", () => "x", () => " ", () => "5432", () => "05432", () => "123456",
    () => "x".repeat(100), () => "x".repeat(101), () => "🙂".repeat(60), () => "🙂".repeat(101), () => "\ud800".repeat(101),
    () => "é".repeat(101), () => "-----BEGIN PRIVATE KEY-----\nMIIE", () => "A".repeat(64), () => '{"type":"service_account"}',
    () => "[1,2]", () => "{", () => " {}", () => pick(vocab.enums), () => pick(vocab.enums).toLowerCase(),
    () => pick(vocab.tags), () => `${pick(vocab.tags)}x`, () => 10n, () => Symbol("s"), () => () => 1, () => undefined,
    () => [], () => [leaf(), leaf()], () => new Array(3), () => [, "x", ,], () => Array.from({ length: 70 }, leaf),
    () => Array.from({ length: 64 }, () => ({ id: 1, role: "viewer" })), () => Array.from({ length: 65 }, () => ({ id: 2 })),
    () => [{ id: 1, role: "owner" }, { id: "2", role: "boss" }, null, [1]], () => new Array(3000),
    () => ({}), () => ({ a: leaf() }), () => ({ toJSON: () => "x" }), () => new Date(0), () => new Map([["a", 1]]),
    () => new Point(), () => Object.assign(Object.create(null), { name: "n", host: "h" }), () => new String("s"), () => new Number(5),
    () => new Proxy({ name: "p", role: "viewer" }, {}),
    () => new Proxy({}, { ownKeys() { throw new Error("trap"); } }),
    () => new Proxy({ name: "p" }, { get() { throw new Error("trap"); } }),
    () => { const r = Proxy.revocable({}, {}); r.revoke(); return r.proxy; },
    () => Object.defineProperty({ a: 1 }, "b", { enumerable: true, get() { throw new Error("getter"); } }),
    () => Object.defineProperty({}, "name", { enumerable: true, get: () => "g" }),
    () => Object.defineProperty({ name: "n" }, "host", { enumerable: false, value: "hidden" }),
    () => { let o = {}; for (let i = 0; i < 70; i++) o = { o }; return o; },
    () => { const o = { name: "c" }; o.self = o; return o; },
    () => ({ ["k".repeat(2000)]: 1 }),
    () => Object.fromEntries(Array.from({ length: 80 }, (_, i) => [`key${i}`, i])),
    () => ({ [pick(vocab.fields)]: leaf(), [pick(vocab.fields)]: leaf() }),
    () => ({ get name() { return fast.validate(IDS[0], {}); } }),
  ];
  return pick(makers)();
}

/** Every plain object and array of a body, not into hostile values (a getter, a Proxy). */
function containers(v, out = [], depth = 0) {
  try {
    if (v === null || typeof v !== "object" || depth > 6 || out.includes(v)) return out;
    if (Object.getPrototypeOf(v) !== (Array.isArray(v) ? Array.prototype : Object.prototype)) return out;
    if (Array.isArray(v) && v.length > 100) return out;
    const keys = Object.keys(v);
    out.push(v);
    for (const k of keys) {
      const d = Object.getOwnPropertyDescriptor(v, k);
      if (d && "value" in d) containers(d.value, out, depth + 1);
    }
  } catch (_) {
    // A Proxy whose traps throw: not mutated further.
  }
  return out;
}

/** Applies 1–4 mutations to a copy of `seed`; returns the body and what was done. */
function generate(rand, seed, vocab) {
  const body = structuredClone(seed);
  const log = [];
  const n = 1 + Math.floor(rand() * 4);
  for (let m = 0; m < n; m++) {
    const all = containers(body);
    const node = all[Math.floor(rand() * all.length)];
    if (node === undefined) break;
    let keys;
    try {
      keys = Array.isArray(node) ? [...node.keys()].map(String) : Object.keys(node);
    } catch (_) {
      continue;
    }
    const r = rand();
    const key = keys.length > 0 && r < 0.5 ? keys[Math.floor(rand() * keys.length)] : Array.isArray(node) ? String(node.length) : vocab.fields[Math.floor(rand() * vocab.fields.length)];
    if (r < 0.08 && keys.length > 0) {
      try {
        delete node[keys[Math.floor(rand() * keys.length)]];
      } catch (_) {
        continue;
      }
      log.push("delete");
    } else if (r < 0.16 && !Array.isArray(node)) {
      // The same key behind a getter (it answers the same each time).
      const d = Object.getOwnPropertyDescriptor(node, key);
      const v = d && "value" in d ? d.value : values(rand, vocab);
      if (d && !d.configurable) continue;
      delete node[key];
      Object.defineProperty(node, key, { enumerable: true, configurable: true, get: () => v });
      log.push(`getter ${key}`);
    } else {
      const v = values(rand, vocab);
      try {
        Object.defineProperty(node, key, { value: v, enumerable: true, writable: true, configurable: true });
      } catch (_) {
        continue;
      }
      log.push(`${key} = ${typeof v === "symbol" ? "symbol" : show(v)?.slice(0, 60)}`);
    }
  }
  const r = rand();
  // Sometimes the whole body is hostile or no object.
  if (r < 0.03) return { body: new Proxy(body, {}), log: [...log, "proxy body"] };
  if (r < 0.05) return { body: Object.setPrototypeOf(body, { name: "inherited" }), log: [...log, "prototype"] };
  if (r < 0.06) return { body: values(rand, vocab), log: ["a value as the body"] };
  return { body, log };
}

function vocabulary(id) {
  const d = endpoints().find((e) => e.id === id) && JSON.parse(JSON.stringify(describeOf(id)));
  const fields = new Set(["name", "port", "host", "credentials", "password", "tenancySettings", "members", "users", "role", "id"]);
  const enums = new Set(["DATASOURCE", "TABLE", "custom", "owner", "self-managed"]);
  const tags = new Set(["postgres", "bigquery", "snowflake", "mssql", "elasticsearch", "googledrive", "sharepoint"]);
  (function walk(node) {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== "object") return;
    if (typeof node.name === "string" && "type" in node) fields.add(node.name);
    for (const key of ["values", "choices", "enum"]) if (Array.isArray(node[key])) node[key].forEach((x) => typeof x === "string" ? enums.add(x) : x && typeof x.value === "string" && enums.add(x.value));
    if (node.union && Array.isArray(node.union.variants)) node.union.variants.forEach((v) => typeof v.value === "string" && tags.add(v.value));
    Object.values(node).forEach(walk);
  })(d);
  return { fields: [...fields], enums: [...enums], tags: [...tags] };
}
const { describe: describeOf } = await load("introspect.js");

test(`(b) ${COUNT} generated bodies, hostile ones included: identical results in both modes (seed ${SEED})`, () => {
  const rust = readCorpus();
  const rand = prng(SEED);
  const perEndpoint = Math.ceil(COUNT / IDS.length);
  let compared = 0;
  const before = fastCalls;
  for (const id of IDS) {
    const vocab = vocabulary(id);
    const seeds = rust.filter((c) => c.endpoint === id && c.ok && c.body && typeof c.body === "object").map((c) => c.body);
    assert.ok(seeds.length > 0, `valid seeds for ${id}`);
    for (let i = 0; i < perEndpoint; i++) {
      const { body, log } = generate(rand, seeds[Math.floor(rand() * seeds.length)], vocab);
      const d = differs(id, body);
      if (d !== null) assert.fail(`${id} body #${i} (${log.join("; ")}):\n${show(body)}\nmode ${show(d.mode)}\nfast:    ${show(d.fast)}\ngeneric: ${show(d.generic)}`);
      compared++;
    }
  }
  assert.ok(compared >= COUNT);
  // Two calls per body go to the fast path unless the body is no object or its reading threw.
  assert.ok(fastCalls - before > 1.5 * compared, `the fast path judged ${fastCalls - before} of ${2 * compared} calls`);
});

test("after all that the instance still validates, on both paths", () => {
  for (const v of [fast, generic]) {
    assert.deepEqual(v.validate("databrain.createWorkspace", { name: "W", connectionType: "MULTI_DATASOURCE" }), { ok: true, issues: [], warnings: [] });
  }
});
