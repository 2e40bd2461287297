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
import { KINDS, makeRunners, orderFor, summarise } from "./timing.mjs";

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

  // ---------------------------------------------------------------- timing (bench/timing.mjs, as run.mjs)
  // run.mjs's loop, with performance.now() (ms; 5 µs resolution: the page is cross-origin
  // isolated) in place of process.hrtime.bigint().
  const now = () => performance.now();
  let sink = 0;
  const runners = makeRunners(LIBS, corpus, ENDPOINTS);
  const yieldToBrowser = () => new Promise((resolve) => setTimeout(resolve, 0));

  async function throughput(P) {
    // Warm-up: every library on every kind.
    for (const r of runners) for (const k of Object.values(r.kinds)) sink += k.loop(k.items, P.warmupMs, now).ok;
    const ops = Object.fromEntries(runners.map((r) => [r.name, { valid: [], invalid: [] }]));
    for (let round = 0; round < P.warmupRounds + P.rounds; round++) {
      for (const kind of Object.keys(KINDS)) {
        for (const r of orderFor(runners, round + (kind === "invalid" ? 1 : 0))) {
          const k = r.kinds[kind];
          const res = k.loop(k.items, P.roundMs, now);
          sink += res.ok;
          if (round >= P.warmupRounds) ops[r.name][kind].push((res.calls / res.elapsed) * 1e3);
        }
      }
      await yieldToBrowser(); // between rounds only: keeps the renderer responsive on long runs
    }
    return {
      throughput: summarise(ops),
      sink: sink % 2,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      userAgent: navigator.userAgent,
    };
  }

  return { ready: true, agreement, throughput };
}

window.__bench = await setup().catch((e) => ({ error: String(e && e.stack ? e.stack : e) }));
