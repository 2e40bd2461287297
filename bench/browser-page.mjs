// The page script of bench/browser.mjs, bundled by esbuild (format esm, platform browser) and run
// in headless Chromium: our browser entry (pkg/web/index.js; init() fetches the .wasm served next
// to the bundle), zod, valibot and ajv (runtime-compiled here, from our jsonSchema(e, { strict: true }),
// as bench/run.mjs does in Node) on bench/corpus.mjs.
//
// window.__bench: { ready: true } once init() and ajv's compilation are done, or { error }.
// window.__bench.agreement() → a list of problems (empty when every peer agrees with validate().ok).
// window.__bench.throughput(P) → { valid: {median, min, max, rounds}, invalid: {...} } per library,
// timed exactly as run.mjs does (median of rounds, order rotated each round, warm-up first).
import init, { validate, jsonSchema } from "../pkg/web/index.js";
import * as zodPeer from "./peers/zod.mjs";
import * as valibotPeer from "./peers/valibot.mjs";
import * as ajvPeer from "./peers/ajv.mjs";
import { corpus, ENDPOINTS } from "./corpus.mjs";

const MODE = { strict: true };

async function setup() {
  await init();
  const ajvValidators = ajvPeer.compileAll(Object.fromEntries(ENDPOINTS.map((e) => [e, jsonSchema(e, MODE)])));

  const issuesOf = {
    zod: zodPeer.issues,
    valibot: valibotPeer.issues,
    ajv: (e, b) => ajvPeer.issuesOf(ajvValidators[e], b),
  };
  const LIBS = [
    { name: "ours", make: (e) => (b) => validate(e, b, MODE).ok },
    { name: "zod", make: zodPeer.validator },
    { name: "valibot", make: valibotPeer.validator },
    { name: "ajv", make: (e) => ajvValidators[e] },
  ];

  function agreement() {
    const problems = [];
    const show = (list) => list.map((i) => `      ${i.path || "(body)"}  ${i.code}: ${i.message}`).join("\n") || "      (none)";
    for (const c of corpus) {
      const r = validate(c.endpoint, c.body, MODE);
      const where = `${c.endpoint} [${c.kind}] "${c.name}"`;
      if ((c.kind === "valid") !== r.ok) problems.push(`${where}: our validate says ${r.ok ? "ok" : "not ok"} in Chromium:\n${show(r.issues)}`);
      for (const [peer, issues] of Object.entries(issuesOf)) {
        const list = issues(c.endpoint, c.body);
        if ((list.length === 0) !== r.ok) {
          problems.push(
            `${where}: ${peer} says ${list.length === 0 ? "ok" : "not ok"}, validate says ${r.ok ? "ok" : "not ok"} (in Chromium)\n` +
              `    body: ${JSON.stringify(c.body)}\n    ours:\n${show(r.issues)}\n    ${peer}:\n${show(list)}`,
          );
        }
      }
    }
    return problems;
  }

  // ---------------------------------------------------------------- timing (as bench/run.mjs)
  // run.mjs's loop, with performance.now() (ms; 5 µs resolution: the page is cross-origin
  // isolated) in place of process.hrtime.bigint(). A fresh function per (library, kind), so every
  // loop keeps its own type feedback.
  const now = () => performance.now();
  let sink = 0;
  const makeLoop = () =>
    new Function(
      "items",
      "minMs",
      "now",
      `const n = items.length; let calls = 0, ok = 0; const t0 = now(); let t;
       for (;;) {
         for (let i = 0; i < n; i++) { const it = items[i]; if (it.f(it.b)) ok++; }
         calls += n; t = now() - t0; if (t >= minMs) break;
       }
       return { calls, ms: t, ok };`,
    );
  const KINDS = { valid: (c) => c.kind === "valid", invalid: (c) => c.kind !== "valid" };
  const runners = LIBS.map((lib) => {
    const fns = Object.fromEntries(ENDPOINTS.map((e) => [e, lib.make(e)]));
    const kinds = {};
    for (const [kind, pick] of Object.entries(KINDS)) {
      kinds[kind] = { items: corpus.filter(pick).map((c) => ({ f: fns[c.endpoint], b: c.body })), loop: makeLoop() };
    }
    return { name: lib.name, kinds };
  });
  const orderFor = (r) => {
    const rot = runners.map((_, i) => runners[(i + r) % runners.length]);
    return r % 2 ? rot.reverse() : rot;
  };
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = s.length >> 1;
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  const yieldToBrowser = () => new Promise((resolve) => setTimeout(resolve, 0));

  async function throughput(P) {
    // Warm-up: every library on every kind.
    for (const r of runners) for (const k of Object.values(r.kinds)) sink += k.loop(k.items, P.warmupMs, now).ok;
    const ops = Object.fromEntries(runners.map((r) => [r.name, { valid: [], invalid: [] }]));
    for (let round = 0; round < P.warmupRounds + P.rounds; round++) {
      for (const kind of Object.keys(KINDS)) {
        for (const r of orderFor(round + (kind === "invalid" ? 1 : 0))) {
          const k = r.kinds[kind];
          const res = k.loop(k.items, P.roundMs, now);
          sink += res.ok;
          if (round >= P.warmupRounds) ops[r.name][kind].push((res.calls / res.ms) * 1e3);
        }
      }
      await yieldToBrowser(); // between rounds only: keeps the renderer responsive on long runs
    }
    return {
      throughput: Object.fromEntries(
        Object.entries(ops).map(([name, k]) => [
          name,
          Object.fromEntries(Object.entries(k).map(([kind, xs]) => [kind, { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), rounds: xs.length }])),
        ]),
      ),
      sink: sink % 2,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      userAgent: navigator.userAgent,
    };
  }

  return { ready: true, agreement, throughput };
}

window.__bench = await setup().catch((e) => ({ error: String(e && e.stack ? e.stack : e) }));
