// Benchmarks workspace-requests' `validate` against zod 4, valibot and ajv 8, side by side in one
// Node process, on the same corpus (bench/corpus.mjs).
//
//   node bench/run.mjs [--quick] [--out DIR]
//
// Before timing, every library must agree with `validate(...).ok` on every corpus body (and the
// corpus must be what it says: valid bodies ok, invalid ones with >= 3 issues, type mismatches
// not ok); otherwise it prints the diff and exits 1. Then: throughput (median of rounds of
// ~100 ms, library order rotated per round, after warm-up), per-call latency (batches of 32 calls
// timed with process.hrtime.bigint), cold start (bench/cold.mjs in fresh processes, median), gzip
// and brotli sizes (ours: the wasm + JS glue; peers: esbuild bundles of their schema modules) and
// wasm memory growth (bench/memory.mjs), then throughput again in headless Chromium
// (bench/browser.mjs). Writes RESULTS.md and results.json to bench/ (full run) or to a temporary
// directory (--quick), or to --out DIR.
//
// --quick runs the same code paths with a few iterations; it never fails on speed, only on errors
// or disagreement.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createHash } from "node:crypto";
import { brotliCompressSync, constants as zc, gzipSync } from "node:zlib";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, "..");
const PKG = join(ROOT, "pkg");

// ------------------------------------------------------------------ options
const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const outIdx = argv.indexOf("--out");
for (const a of argv) {
  if (a.startsWith("--") && !["--quick", "--out"].includes(a)) fail(`unknown option ${a}\nusage: node bench/run.mjs [--quick] [--out DIR]`);
}
if (outIdx >= 0 && !argv[outIdx + 1]) fail("--out needs a directory");
const OUT = outIdx >= 0 ? resolve(argv[outIdx + 1]) : quick ? mkdtempSync(join(os.tmpdir(), "workspace-requests-bench-")) : BENCH;
mkdirSync(OUT, { recursive: true });
// Intermediate files (the JSON Schemas for ajv's cold start, ajv's standalone bundle): removed at exit.
const WORK = mkdtempSync(join(os.tmpdir(), "workspace-requests-bench-work-"));
process.on("exit", () => rmSync(WORK, { recursive: true, force: true }));

const P = quick
  ? { warmupMs: 20, warmupRounds: 1, rounds: 3, roundMs: 10, batches: 200, chunk: 100, perBodyMs: 1, perBodyReps: 1, coldRuns: 2, memN1: 1e3, memN2: 2e4 }
  : { warmupMs: 300, warmupRounds: 2, rounds: 15, roundMs: 100, batches: 20000, chunk: 1000, perBodyMs: 50, perBodyReps: 5, coldRuns: 15, memN1: 1e3, memN2: 1e6 };
const BATCH = 32;

function fail(msg) {
  console.error(`bench: ${msg}`);
  process.exit(1);
}
const log = (...a) => console.log(...a);

// ------------------------------------------------------------------ libraries
for (const f of ["node/index.js", "web/index.js", "web/workspace_requests.js", "web/workspace_requests_bg.wasm", "validator/web.js", "validator/workspace_requests_bg.wasm"]) {
  try {
    statSync(join(PKG, f));
  } catch {
    fail(`pkg/${f} is missing: build the package first (make pkg)`);
  }
}
const ours = await import("../pkg/node/index.js");
// The peers' hand-written schemas close documented objects (zod/valibot strictObject), as our
// strict mode does; ours and ajv run in that mode so that every library judges the same rules.
const MODE = { strict: true };
const zodPeer = await import("./peers/zod.mjs");
const valibotPeer = await import("./peers/valibot.mjs");
const ajvPeer = await import("./peers/ajv.mjs");
const { corpus, ENDPOINTS } = await import("./corpus.mjs");
const { edgeCases } = await import("./edge-cases.mjs");
const { KINDS, makeLoop, makeRunners, orderFor: orderForRound, median, summarise } = await import("./timing.mjs");

const jsonSchemas = Object.fromEntries(ENDPOINTS.map((e) => [e, ours.jsonSchema(e, MODE)]));
const schemasFile = join(WORK, "json-schemas.json");
writeFileSync(schemasFile, JSON.stringify(jsonSchemas));
const ajvValidators = ajvPeer.compileAll(jsonSchemas);

const esbuild = await import("esbuild");
const standaloneCode = (await import("ajv/dist/standalone/index.js")).default;
const STANDALONE_EXPORTS = { createWorkspace: ENDPOINTS[0], updateDatasource: ENDPOINTS[1], updateParadigmWorkspace: ENDPOINTS[2], testParadigmDatasource: ENDPOINTS[3] };
const standaloneSource = (() => {
  const ajv = ajvPeer.makeAjv({ code: { source: true, esm: true } });
  for (const e of ENDPOINTS) ajv.addSchema(jsonSchemas[e], e);
  return standaloneCode(ajv, STANDALONE_EXPORTS);
})();
const bundle = async (options) => {
  const r = await esbuild.build({ bundle: true, minify: true, format: "esm", platform: "browser", write: false, logLevel: "silent", ...options });
  return r.outputFiles[0].contents;
};
const standaloneBundle = await bundle({ stdin: { contents: standaloneSource, resolveDir: BENCH, sourcefile: "ajv-standalone.mjs" } });
const standaloneFile = join(WORK, "ajv-standalone.bundle.mjs");
writeFileSync(standaloneFile, standaloneBundle);
const standalone = await import(pathToFileURL(standaloneFile).href);

const issuesOf = {
  ours: (e, b) => ours.validate(e, b, MODE).issues,
  zod: zodPeer.issues,
  valibot: valibotPeer.issues,
  ajv: (e, b) => ajvPeer.issuesOf(ajvValidators[e], b),
  "ajv-standalone": (e, b) => {
    const fn = standalone[Object.keys(STANDALONE_EXPORTS).find((k) => STANDALONE_EXPORTS[k] === e)];
    return ajvPeer.issuesOf(fn, b);
  },
};
/** The timed libraries: each gives, per endpoint, `(body) => ok`. */
const LIBS = [
  { name: "ours", make: (e) => (b) => ours.validate(e, b, MODE).ok },
  { name: "zod", make: zodPeer.validator },
  { name: "valibot", make: valibotPeer.validator },
  { name: "ajv", make: (e) => ajvValidators[e] },
];
const PEERS = LIBS.slice(1).map((l) => l.name);

// ------------------------------------------------------------------ agreement
function checkAgreement() {
  const problems = [];
  const show = (list) => list.map((i) => `      ${i.path || "(body)"}  ${i.code}: ${i.message}`).join("\n") || "      (none)";
  for (const c of corpus) {
    const r = ours.validate(c.endpoint, c.body, MODE);
    const where = `${c.endpoint} [${c.kind}] "${c.name}"`;
    if (c.kind === "valid" && !r.ok) problems.push(`${where}: a "valid" body is refused by our validate:\n${show(r.issues)}`);
    if (c.kind !== "valid" && r.ok) problems.push(`${where}: an "${c.kind}" body is accepted by our validate`);
    if (c.kind === "invalid" && r.issues.length < 3) problems.push(`${where}: an "invalid" body must have >= 3 issues, ours has ${r.issues.length}:\n${show(r.issues)}`);
    for (const peer of [...PEERS, "ajv-standalone"]) {
      const issues = issuesOf[peer](c.endpoint, c.body);
      if ((issues.length === 0) !== r.ok) {
        problems.push(
          `${where}: ${peer} says ${issues.length === 0 ? "ok" : "not ok"}, validate says ${r.ok ? "ok" : "not ok"}\n` +
            `    body: ${JSON.stringify(c.body)}\n    ours:\n${show(r.issues)}\n    ${peer}:\n${show(issues)}`,
        );
      }
    }
  }
  return problems;
}

function edgeDisagreements() {
  const rows = [];
  for (const [endpoint, name, body] of edgeCases) {
    const r = ours.validate(endpoint, body, MODE);
    const disagree = [...PEERS, "ajv-standalone"].filter((p) => (issuesOf[p](endpoint, body).length === 0) !== r.ok);
    if (disagree.length) {
      rows.push({ endpoint, name, body: JSON.stringify(body).slice(0, 200), oursOk: r.ok, disagree, ourIssues: r.issues.map((i) => `${i.path.length > 48 ? `${i.path.slice(0, 45)}...` : i.path} ${i.code}: ${i.message}`) });
    }
  }
  return rows;
}

// ------------------------------------------------------------------ timing primitives
const hr = process.hrtime.bigint;
let sink = 0;
const makeBatches = () =>
  new Function(
    "items",
    "count",
    "out",
    "offset",
    "hr",
    "state",
    `const n = items.length; let j = state.j, ok = 0;
     for (let b = 0; b < count; b++) {
       const t0 = hr();
       for (let k = 0; k < ${BATCH}; k++) { const it = items[j]; if (it.f(it.b)) ok++; if (++j === n) j = 0; }
       out[offset + b] = Number(hr() - t0) / ${BATCH};
     }
     state.j = j; return ok;`,
  );

const runners = makeRunners(LIBS, corpus, ENDPOINTS, () => ({ batches: makeBatches() }));
const orderFor = (r) => orderForRound(runners, r);
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

// ------------------------------------------------------------------ run
const started = Date.now();
const loadBefore = os.loadavg()[0];
log(`workspace-requests bench${quick ? " (quick)" : ""}: ${corpus.length} bodies, ${ENDPOINTS.length} endpoints; output in ${OUT}`);

const problems = checkAgreement();
if (problems.length) {
  console.error(`bench: ${problems.length} disagreement(s) on the corpus; nothing was timed.\n\n${problems.join("\n\n")}`);
  process.exit(1);
}
log(`agreement: all ${PEERS.length + 1} peers (with ajv standalone) agree with validate().ok on all ${corpus.length} bodies`);
const edges = edgeDisagreements();
log(`edge cases: ${edgeCases.length} minimal bodies, ${edges.length} with a disagreement (reported, not fatal)`);

// Warm-up: every library on every kind.
for (const r of runners) for (const k of Object.values(r.kinds)) sink += k.loop(k.items, BigInt(P.warmupMs * 1e6), hr).ok;

// Throughput.
const ops = Object.fromEntries(runners.map((r) => [r.name, { valid: [], invalid: [] }]));
for (let round = 0; round < P.warmupRounds + P.rounds; round++) {
  for (const kind of Object.keys(KINDS)) {
    for (const r of orderFor(round + (kind === "invalid" ? 1 : 0))) {
      const k = r.kinds[kind];
      const res = k.loop(k.items, BigInt(P.roundMs * 1e6), hr);
      sink += res.ok;
      if (round >= P.warmupRounds) ops[r.name][kind].push((res.calls / Number(res.elapsed)) * 1e9);
    }
  }
}
const throughput = summarise(ops);
log("throughput done");

// Latency: batches of 32 calls, chunks interleaved across libraries.
const latency = {};
for (const kind of Object.keys(KINDS)) {
  const samples = Object.fromEntries(runners.map((r) => [r.name, new Float64Array(P.batches)]));
  const state = Object.fromEntries(runners.map((r) => [r.name, { j: 0 }]));
  for (let done = 0, chunkNo = 0; done < P.batches; done += P.chunk, chunkNo++) {
    const count = Math.min(P.chunk, P.batches - done);
    for (const r of orderFor(chunkNo)) {
      const k = r.kinds[kind];
      sink += k.batches(k.items, count, samples[r.name], done, hr, state[r.name]);
    }
  }
  for (const [name, s] of Object.entries(samples)) {
    const sorted = Float64Array.from(s).sort();
    (latency[name] ??= {})[kind] = { p50: percentile(sorted, 50), p99: percentile(sorted, 99), batches: sorted.length };
  }
}
log("latency done");

// Per body: each library alone on one body at a time (where the time goes; not in the ratios).
const perBody = corpus.map((c) => ({ endpoint: c.endpoint, kind: c.kind, name: c.name, ourIssues: ours.validate(c.endpoint, c.body, MODE).issues.length, ns: {} }));
for (const [ci, c] of corpus.entries()) {
  for (let li = 0; li < LIBS.length; li++) {
    const l = LIBS[(li + ci) % LIBS.length]; // order rotated per body
    const r = runners.find((x) => x.name === l.name);
    r.perBody ??= { loop: makeLoop(), fns: Object.fromEntries(ENDPOINTS.map((e) => [e, l.make(e)])) };
    // Median of short repetitions, so that one GC pause does not decide the figure.
    const reps = [];
    for (let k = 0; k < P.perBodyReps; k++) {
      const res = r.perBody.loop([{ f: r.perBody.fns[c.endpoint], b: c.body }], BigInt(Math.round((P.perBodyMs / P.perBodyReps) * 1e6)), hr);
      sink += res.ok;
      reps.push(Number(res.elapsed) / res.calls);
    }
    perBody[ci].ns[l.name] = Math.round(median(reps));
  }
}
log("per-body done");

// Memory growth, in a fresh process.
const mem = spawnSync(process.execPath, [join(BENCH, "memory.mjs"), String(P.memN1), String(P.memN2)], { encoding: "utf8" });
if (mem.status !== 0) fail(`bench/memory.mjs failed:\n${mem.stderr}`);
const memory = JSON.parse(mem.stdout.trim().split("\n").pop());
log("memory done");

// Cold start: fresh processes, library order rotated per run.
const COLD_LIBS = ["ours", "zod", "valibot", "ajv", "ajv-standalone"];
const coldRuns = Object.fromEntries(COLD_LIBS.map((l) => [l, []]));
for (let i = 0; i < P.coldRuns; i++) {
  for (let j = 0; j < COLD_LIBS.length; j++) {
    const lib = COLD_LIBS[(i + j) % COLD_LIBS.length];
    const p = spawnSync(process.execPath, [join(BENCH, "cold.mjs"), lib, "--schemas", schemasFile, "--standalone", standaloneFile], { encoding: "utf8" });
    if (p.status !== 0) fail(`bench/cold.mjs ${lib} failed:\n${p.stderr}`);
    coldRuns[lib].push(JSON.parse(p.stdout.trim().split("\n").pop()));
  }
}
const coldStart = Object.fromEntries(
  Object.entries(coldRuns).map(([lib, runs]) => [
    lib,
    { ms: median(runs.map((r) => r.ms)), sinceProcessStartMs: median(runs.map((r) => r.sinceProcessStartMs)), runs: runs.length },
  ]),
);
log("cold start done");

// Sizes: gzip -9 and brotli (quality 11) of each file, summed (each is fetched on its own).
const gz = (buf) => gzipSync(buf, { level: 9 }).length;
const br = (buf) => brotliCompressSync(buf, { params: { [zc.BROTLI_PARAM_QUALITY]: 11, [zc.BROTLI_PARAM_SIZE_HINT]: buf.length } }).length;
const sizeOf = (files) => {
  const bufs = files.map((f) => (typeof f === "string" ? readFileSync(f) : f));
  return {
    raw: bufs.reduce((n, b) => n + b.length, 0),
    gzip: bufs.reduce((n, b) => n + gz(b), 0),
    brotli: bufs.reduce((n, b) => n + br(b), 0),
    files: files.map((f) => (typeof f === "string" ? relative(ROOT, f) : "(bundle)")),
  };
};
const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
const webGlue = walk(join(PKG, "web")).filter((f) => f.endsWith(".js"));
const snippets = webGlue.filter((f) => f.includes(`${join("web", "snippets")}`));
const pkgManifest = JSON.parse(readFileSync(join(PKG, "package.json"), "utf8"));
// Whether pkg/package.json's "files" publishes `rel` (entries: a folder "x/", a top-level "*.ext", a file).
const publishes = (rel) =>
  pkgManifest.files.some((p) => (p.endsWith("/") ? rel.startsWith(p) : p.startsWith("*") ? !rel.includes("/") && rel.endsWith(p.slice(1)) : rel === p));
// The web entry's files of the published package: web/ and the top-level modules it shares with
// the other entries (the introspection data among them), not the Node entries' own (their shared
// chunk, their lazy data loader).
const nodeOnly = (rel) => /^node-shared-.*\.js$/.test(rel) || rel === "described-node.js";
const published = walk(PKG).filter((f) => {
  const rel = relative(PKG, f);
  const forWeb = rel.startsWith("web/") || (!rel.includes("/") && rel.endsWith(".js") && !nodeOnly(rel));
  return forWeb && /\.(js|wasm)$/.test(f) && publishes(rel);
});
// What a bundler keeps of the validator-only entry (`workspace-requests/validate`) for an app that
// only validates.
const ourGlueBundle = await bundle({
  stdin: {
    contents: `export { default as init, initSync, validate, validateMany } from ${JSON.stringify(join(PKG, "validator", "web.js"))};`,
    resolveDir: BENCH,
    sourcefile: "validate-only.mjs",
  },
});
// The validator alone: the wasm built without the fetch clients, its glue and the modules its
// browser entry runs (the data module it reads endpoint ids from is counted in `full`).
const ALONE = join(PKG, "validator");
const aloneSnippets = walk(ALONE).filter((f) => f.includes("snippets") && f.endsWith(".js"));
// The Vite build of a page importing only validate from workspace-requests/validate, as measured by
// tests/js/vite.test.mjs (`make test-js`), when it has run.
const viteFile = join(ROOT, "target", "vite-validate-size.json");
const vite = existsSync(viteFile) ? JSON.parse(readFileSync(viteFile, "utf8")) : null;
const sizes = {
  validator: sizeOf([
    join(ALONE, "workspace_requests_bg.wasm"),
    join(ALONE, "workspace_requests.js"),
    ...aloneSnippets,
    join(ALONE, "web.js"),
    join(PKG, "wasm.js"),
    join(PKG, "validate.js"),
    join(PKG, "readers.js"),
  ]),
  full: sizeOf(published),
  validator_minified: sizeOf([join(ALONE, "workspace_requests_bg.wasm"), ourGlueBundle]),
  ...(vite && { validator_vite: { ...vite.total, files: vite.files.map((f) => f.file) } }),
  wasm: sizeOf([join(PKG, "web", "workspace_requests_bg.wasm")]),
  zod: sizeOf([await bundle({ entryPoints: [join(BENCH, "peers", "zod.mjs")] })]),
  // The same schemas with `import * as z from "zod"`: the `z` object of `import { z }` also
  // carries every locale, which a namespace import lets the bundler drop.
  zod_namespace_import: sizeOf([
    await bundle({
      stdin: {
        contents: (() => {
          const src = readFileSync(join(BENCH, "peers", "zod.mjs"), "utf8");
          const out = src.replace('import { z } from "zod";', 'import * as z from "zod";');
          if (out === src) fail("bench/peers/zod.mjs no longer has `import { z } from \"zod\";`");
          return out;
        })(),
        resolveDir: join(BENCH, "peers"),
        sourcefile: "zod-namespace.mjs",
      },
    }),
  ]),
  valibot: sizeOf([await bundle({ entryPoints: [join(BENCH, "peers", "valibot.mjs")] })]),
  ajv: sizeOf([
    await bundle({
      stdin: {
        contents: `import { compileAll } from "./peers/ajv.mjs"; import schemas from ${JSON.stringify(schemasFile)}; export const validators = compileAll(schemas);`,
        resolveDir: BENCH,
        sourcefile: "ajv-entry.mjs",
      },
    }),
  ]),
  ajv_standalone: sizeOf([standaloneBundle]),
};
sizes.validator_minified.files = ["pkg/validator/workspace_requests_bg.wasm", "esbuild bundle of init/initSync/validate/validateMany from pkg/validator/web.js"];
log("sizes done");

// Throughput in headless Chromium (bench/browser.mjs): the same corpus and loop, in a page.
const { browserBench, browserTable } = await import("./browser.mjs");
const browserResults = await browserBench(P, { log }).catch((e) => fail(`bench/browser.mjs: ${e.message}`));
log("browser done");

// ------------------------------------------------------------------ report
const version = (name) => JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
const versions = { "workspace-requests": pkgManifest.version, zod: version("zod"), valibot: version("valibot"), ajv: version("ajv"), esbuild: version("esbuild") };
const gitOut = (...a) => {
  const p = spawnSync("git", a, { cwd: ROOT, encoding: "utf8" });
  return p.status === 0 ? p.stdout.trim() : null;
};
const build = {
  wasm_sha256: createHash("sha256").update(readFileSync(join(PKG, "web", "workspace_requests_bg.wasm"))).digest("hex").slice(0, 16),
  wasm_mtime: statSync(join(PKG, "web", "workspace_requests_bg.wasm")).mtime.toISOString(),
  git_head: gitOut("rev-parse", "--short", "HEAD"),
  git_dirty: (gitOut("status", "--porcelain", "--", "src", "Cargo.toml", "Cargo.lock") ?? "") !== "",
};
const cpus = os.cpus();
const machine = {
  cpu: cpus[0]?.model ?? "unknown",
  cores: cpus.length,
  os: `${os.type()} ${os.release()} ${os.arch()}`,
  node: process.version,
  loadavg1: { start: Math.round(loadBefore * 100) / 100, end: Math.round(os.loadavg()[0] * 100) / 100 },
};
const round2 = (x) => Math.round(x * 100) / 100;
const ratio = Object.fromEntries(
  PEERS.map((p) => [p, { valid: round2(throughput.ours.valid.median / throughput[p].valid.median), invalid: round2(throughput.ours.invalid.median / throughput[p].invalid.median) }]),
);
const results = {
  quick,
  date: new Date().toISOString(),
  machine,
  versions,
  build,
  corpus: { bodies: corpus.length, valid: corpus.filter(KINDS.valid).length, invalid: corpus.filter((c) => c.kind === "invalid").length, type: corpus.filter((c) => c.kind === "type").length },
  method: { ...P, batchSize: BATCH },
  ratio,
  ops_per_sec: Object.fromEntries(Object.entries(throughput).map(([n, k]) => [n, { valid: Math.round(k.valid.median), invalid: Math.round(k.invalid.median) }])),
  ops_per_sec_range: throughput,
  p50_ns: { valid: round2(latency.ours.valid.p50), invalid: round2(latency.ours.invalid.p50) },
  p99_ns: { valid: round2(latency.ours.valid.p99), invalid: round2(latency.ours.invalid.p99) },
  latency_ns: latency,
  cold_start_ms: Object.fromEntries(Object.entries(coldStart).map(([l, c]) => [l === "ajv-standalone" ? "ajv_standalone" : l, round2(c.ms)])),
  cold_start_since_process_start_ms: Object.fromEntries(Object.entries(coldStart).map(([l, c]) => [l, round2(c.sinceProcessStartMs)])),
  gzip_bytes: Object.fromEntries(Object.entries(sizes).map(([k, s]) => [k, s.gzip])),
  brotli_bytes: Object.fromEntries(Object.entries(sizes).map(([k, s]) => [k, s.brotli])),
  raw_bytes: Object.fromEntries(Object.entries(sizes).map(([k, s]) => [k, s.raw])),
  size_files: Object.fromEntries(Object.entries(sizes).map(([k, s]) => [k, s.files])),
  memory_growth_bytes: memory.growthBytes,
  memory,
  per_body_ns: perBody,
  edge_case_disagreements: edges,
  browser: browserResults,
  seconds: round2((Date.now() - started) / 1000),
};
// The targets of issue 13, each with what this run measured and whether it met it.
const TARGETS = [
  ["valid bodies vs zod 4", "ratio.zod.valid", ratio.zod.valid, ">=", 1.5, "x"],
  ["valid bodies vs ajv", "ratio.ajv.valid", ratio.ajv.valid, ">=", 0.8, "x"],
  ["invalid bodies vs zod 4", "ratio.zod.invalid", ratio.zod.invalid, ">=", 2, "x"],
  ["invalid bodies vs valibot", "ratio.valibot.invalid", ratio.valibot.invalid, ">=", 1.5, "x"],
  ["p99, valid", "p99_ns.valid", results.p99_ns.valid / 1000, "<=", 2, " µs"],
  ["p99, invalid", "p99_ns.invalid", results.p99_ns.invalid / 1000, "<=", 5, " µs"],
  ["cold start vs valibot", "cold_start_ms.ours / cold_start_ms.valibot", round2(results.cold_start_ms.ours / results.cold_start_ms.valibot), "<=", 1.2, "x"],
  ["validator size, gzip", "gzip_bytes.validator", results.gzip_bytes.validator / 1000, "<=", 30, " kB"],
  ["memory growth over 10^6 validations", "memory_growth_bytes", results.memory_growth_bytes, "<=", 0, " B"],
  ...(browserResults?.ratio ? [["Chromium: valid bodies vs zod 4", "browser.ratio.zod.valid", browserResults.ratio.zod.valid, ">=", 1.2, "x"]] : []),
].map(([what, key, measured, op, target, unit]) => ({ what, key, measured: round2(measured), op, target, unit, met: op === ">=" ? measured >= target : measured <= target }));
results.targets = TARGETS;
results.sink = sink % 2; // keeps every result observed
writeFileSync(join(OUT, "results.json"), JSON.stringify(results, null, 2) + "\n");

const fmt = (n) => Math.round(n).toLocaleString("en-US");
const fmtNs = (n) => (n >= 1000 ? `${(n / 1000).toFixed(2)} µs` : `${Math.round(n)} ns`);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const lines = [];
lines.push(`# workspace-requests benchmark${quick ? " (quick run: few iterations, numbers are not meaningful)" : ""}`);
lines.push("");
lines.push(`Generated by \`node bench/run.mjs${quick ? " --quick" : ""}\` on ${results.date.slice(0, 10)}. Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.os}; Node ${machine.node}; 1-minute load average ${machine.loadavg1.start} at start, ${machine.loadavg1.end} at end (other work on the machine moves absolute numbers; ratios within one run are steadier).`);
lines.push(`Versions: ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(", ")}. Our build: wasm sha256 ${build.wasm_sha256}… (built ${build.wasm_mtime}), git ${build.git_head}${build.git_dirty ? " with uncommitted changes in src/" : ""}.`);
lines.push("");
lines.push(
  `Corpus (bench/corpus.mjs): ${results.corpus.bodies} bodies for ${ENDPOINTS.map((e) => `\`${e}\``).join(", ")}: ${results.corpus.valid} valid, ${results.corpus.invalid} invalid (3+ rule violations each), ${results.corpus.type} type mismatches. "invalid" below = invalid + type-mismatch bodies. Every library agreed with \`validate(...).ok\` on every body before timing. ours = \`validate(endpoint, body, { strict: true })\` from pkg/node (a full report with messages); zod 4 classic \`safeParse\`, valibot \`safeParse\` (hand-written schemas in bench/peers/), ajv 2020 compiled from our \`jsonSchema(endpoint, { strict: true })\` with \`allErrors: true\` and the content vocabulary asserted.`,
);
lines.push("");
lines.push(`Throughput: median of ${P.rounds} rounds of ~${P.roundMs} ms per library and kind, after ${P.warmupRounds} warm-up rounds, library order rotated each round, all in one process. Latency: ${fmt(P.batches)} batches of ${BATCH} calls per library and kind (per-call time = batch time / ${BATCH}), interleaved in chunks of ${P.chunk}.`);
lines.push("");
lines.push("## Targets");
lines.push("");
lines.push("What issue 13 asks of this benchmark, and what this run measured (speed never fails CI; a miss is stated here and in the closing note).");
lines.push("");
lines.push("| target | results.json | wanted | measured | met |");
lines.push("| --- | --- | ---: | ---: | --- |");
for (const t of TARGETS) lines.push(`| ${t.what} | \`${t.key}\` | ${t.op.replace(">=", "≥").replace("<=", "≤")} ${t.target}${t.unit} | ${t.measured}${t.unit} | ${t.met ? "yes" : "no"} |`);
lines.push("");
lines.push("## Throughput and latency");
lines.push("");
lines.push("| library | valid ops/s | ours ÷ it | invalid ops/s | ours ÷ it | valid p50 | valid p99 | invalid p50 | invalid p99 |");
lines.push("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
for (const r of runners) {
  const t = throughput[r.name];
  const l = latency[r.name];
  const rv = r.name === "ours" ? "1" : ratio[r.name].valid.toFixed(2);
  const ri = r.name === "ours" ? "1" : ratio[r.name].invalid.toFixed(2);
  lines.push(`| ${r.name} | ${fmt(t.valid.median)} | ${rv} | ${fmt(t.invalid.median)} | ${ri} | ${fmtNs(l.valid.p50)} | ${fmtNs(l.valid.p99)} | ${fmtNs(l.invalid.p50)} | ${fmtNs(l.invalid.p99)} |`);
}
lines.push("");
lines.push("Round-to-round spread (min–max ops/s): " + runners.map((r) => `${r.name} valid ${fmt(throughput[r.name].valid.min)}–${fmt(throughput[r.name].valid.max)}, invalid ${fmt(throughput[r.name].invalid.min)}–${fmt(throughput[r.name].invalid.max)}`).join("; ") + ".");
lines.push("");
lines.push(`Per body (each library alone on one body, ${P.perBodyReps} runs of ~${P.perBodyMs / P.perBodyReps} ms; median of the mean ns per call; not used for the ratios):`);
lines.push("");
lines.push("| endpoint | kind | body | our issues | ours | zod | valibot | ajv |");
lines.push("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
for (const b of perBody) lines.push(`| \`${b.endpoint}\` | ${b.kind} | ${b.name} | ${b.ourIssues} | ${fmt(b.ns.ours)} | ${fmt(b.ns.zod)} | ${fmt(b.ns.valibot)} | ${fmt(b.ns.ajv)} |`);
lines.push("");
lines.push(...browserTable(browserResults), "");
lines.push("## Cold start");
lines.push("");
lines.push(`Fresh \`node bench/cold.mjs <lib>\` process, ${P.coldRuns} runs each (order rotated), median; from the top of the script (import, schema construction or compilation included) to the first validation result. Node's own start-up is excluded; the second column includes it (performance.now() since performance.timeOrigin).`);
lines.push("");
lines.push("| library | cold start | since process start |");
lines.push("| --- | ---: | ---: |");
for (const [lib, c] of Object.entries(coldStart)) lines.push(`| ${lib} | ${c.ms.toFixed(1)} ms | ${c.sinceProcessStartMs.toFixed(1)} ms |`);
lines.push("");
lines.push("## Size");
lines.push("");
lines.push("Each file compressed on its own (gzip -9, brotli quality 11) and summed. Peers: one esbuild bundle (`bundle, minify, format esm, platform browser`) of their schema module for the corpus endpoints; ajv = the ajv runtime + our JSON Schemas + compile; ajv standalone = the code `ajv/dist/standalone` generates, bundled.");
lines.push("");
lines.push("| artefact | raw | gzip | brotli | files |");
lines.push("| --- | ---: | ---: | ---: | --- |");
const sizeNote = {
  validator: "the validator alone (`workspace-requests/validate`): wasm built without the fetch clients + its web JS glue + validator/web.js, wasm.js, validate.js, readers.js (the generated readers)",
  full: `every JS + wasm file of the published package for the web entry: ${published.map((f) => relative(PKG, f)).join(", ")}`,
  validator_minified: "the validator-only wasm + an esbuild bundle (minified) of init/initSync/validate/validateMany from pkg/validator/web.js",
  validator_vite: `what Vite ${vite?.vite ?? ""} emits for a page importing only validate from workspace-requests/validate (tests/js/vite.test.mjs, target/vite-validate-size.json)`,
  wasm: "the .wasm alone",
  zod: "bench/peers/zod.mjs bundled (`import { z } from \"zod\"`: includes all locales)",
  zod_namespace_import: "the same with `import * as z from \"zod\"`",
  valibot: "bench/peers/valibot.mjs bundled",
  ajv: "bench/peers/ajv.mjs + JSON Schemas bundled",
  ajv_standalone: "ajv standalone code bundled",
};
for (const [k, s] of Object.entries(sizes)) lines.push(`| ${k} | ${fmt(s.raw)} B | ${fmt(s.gzip)} B (${kb(s.gzip)}) | ${fmt(s.brotli)} B | ${sizeNote[k]} |`);
lines.push("");
lines.push("## Memory");
lines.push("");
lines.push(
  memory.captured
    ? `Wasm linear memory (\`bench/memory.mjs\`, fresh process, cycling through the corpus): ${fmt(memory.afterN1.wasmMemoryBytes)} B after ${fmt(memory.n1)} validations, ${fmt(memory.afterN2.wasmMemoryBytes)} B after ${fmt(memory.n2)}: growth **${fmt(memory.growthBytes)} B**. Externref table: ${memory.afterN1.externrefTableLength} → ${memory.afterN2.externrefTableLength} slots.`
    : `The wasm instance could not be captured; growth of process.memoryUsage().arrayBuffers between ${memory.n1} and ${memory.n2} validations: ${fmt(memory.growthBytes)} B.`,
);
lines.push("");
lines.push("## Edge cases (not timed)");
lines.push("");
if (edges.length === 0) lines.push(`All libraries agree with \`validate\` on the ${edgeCases.length} minimal bodies of bench/edge-cases.mjs.`);
else {
  lines.push(`Minimal bodies of bench/edge-cases.mjs (${edgeCases.length}) where a library disagrees with \`validate(...).ok\`:`);
  lines.push("");
  lines.push("| endpoint | body | validate | disagreeing | our issues |");
  lines.push("| --- | --- | --- | --- | --- |");
  const cell = (s) => String(s).replace(/\|/g, "\\|").replace(/\n/g, " ");
  for (const e of edges) {
    lines.push(`| \`${e.endpoint}\` | ${cell(e.name)} | ${e.oursOk ? "ok" : "not ok"} | ${e.disagree.join(", ")} | ${cell(e.ourIssues.join("; ").slice(0, 240)) || "–"} |`);
  }
}
lines.push("");
writeFileSync(join(OUT, "RESULTS.md"), lines.join("\n"));

log("");
log(lines.slice(lines.indexOf("## Throughput and latency")).join("\n"));
log(`wrote ${join(OUT, "RESULTS.md")} and ${join(OUT, "results.json")} in ${results.seconds} s`);
