// Throughput of workspace-requests' `validate` against zod 4, valibot and ajv 8 in headless Chromium
// (Debian's /usr/bin/chromium through playwright-core), on the same corpus and with the same loop
// as bench/run.mjs in Node.
//
//   node bench/browser.mjs [--quick]      (bench/run.mjs calls browserBench() after its own measurements)
//
// bench/browser-page.mjs (our browser entry pkg/web/index.js, the peers of bench/peers/, the corpus)
// is bundled in memory by esbuild (bundle, minify, format esm, platform browser) and served, with
// pkg/web/workspace_requests_bg.wasm next to it (init() with no argument fetches it from there), by
// a local http server on 127.0.0.1 (random port), cross-origin isolated so that performance.now()
// has its fine resolution. ajv compiles our jsonSchema(e, { strict: true }) at runtime in the page.
// The page first checks every peer agrees with validate(...).ok on every corpus body (and the
// corpus kinds); any disagreement, page error or console error is thrown (nothing is timed after a
// disagreement).
import { createServer } from "node:http";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(BENCH, "..");
const CHROMIUM = "/usr/bin/chromium";
const PEERS = ["zod", "valibot", "ajv"];

const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><link rel="icon" href="data:,"><title>workspace-requests bench</title>
<script type="module" src="/bench.js"></script></head>
<body></body>
</html>`;

async function bundlePage() {
  const esbuild = await import("esbuild");
  const r = await esbuild.build({
    entryPoints: [join(BENCH, "browser-page.mjs")],
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    write: false,
    logLevel: "silent",
  });
  return r.outputFiles[0].contents;
}

function serve(files) {
  const server = createServer((req, res) => {
    const path = new URL(req.url, "http://127.0.0.1").pathname;
    const f = files[path];
    if (!f) return res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
    res.writeHead(200, {
      "Content-Type": f.type,
      "Cache-Control": "no-store",
      // Cross-origin isolation: performance.now() at 5 µs instead of 100 µs.
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Embedder-Policy": "require-corp",
    });
    res.end(f.body);
  });
  return new Promise((ok, ko) => {
    server.once("error", ko);
    server.listen(0, "127.0.0.1", () => ok({ server, origin: `http://127.0.0.1:${server.address().port}` }));
  });
}

/**
 * Runs the page; `P` gives warmupMs, warmupRounds, rounds, roundMs (run.mjs's). Returns
 * { ratio: {peer: {valid, invalid}}, ops: {lib: {valid, invalid}}, ops_range, chromium, ... };
 * throws on any disagreement, page error or console error.
 */
export async function browserBench(P, { log = () => {} } = {}) {
  const t0 = Date.now();
  // Chromium starts while esbuild bundles the page (two other processes).
  const launching = import("playwright-core").then(({ chromium }) =>
    chromium.launch({
      executablePath: CHROMIUM,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    }),
  );
  launching.catch(() => {}); // awaited below
  let http;
  let browser;
  try {
    const files = {
      "/": { type: "text/html; charset=utf-8", body: PAGE },
      "/bench.js": { type: "text/javascript; charset=utf-8", body: await bundlePage() },
      "/workspace_requests_bg.wasm": { type: "application/wasm", body: readFileSync(join(ROOT, "pkg", "web", "workspace_requests_bg.wasm")) },
    };
    http = await serve(files);
    browser = await launching;
    const page = await (await browser.newContext()).newPage();
    const problems = [];
    page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
    // A console error fails the run; a warning (ajv's strict-mode log, say) is only shown.
    page.on("console", (m) => {
      if (m.type() === "error") problems.push(`console.error: ${m.text()}`);
      else if (m.type() === "warning") log(`browser console.warn: ${m.text()}`);
    });
    page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()} ${r.failure()?.errorText ?? ""}`));
    await page.goto(`${http.origin}/`);
    await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 60_000 }).catch((e) => {
      throw new Error(`the page did not start: ${e.message}\n${problems.join("\n")}`);
    });
    const state = await page.evaluate(() => ({ ready: window.__bench.ready === true, error: window.__bench.error }));
    if (!state.ready) throw new Error(`the page failed to set up: ${state.error}\n${problems.join("\n")}`);

    const disagreements = await page.evaluate(() => window.__bench.agreement());
    if (disagreements.length) throw new Error(`${disagreements.length} disagreement(s) on the corpus in Chromium; nothing was timed.\n\n${disagreements.join("\n\n")}`);
    log(`browser agreement: zod, valibot and ajv agree with validate().ok on every corpus body in Chromium`);

    const { warmupMs, warmupRounds, rounds, roundMs } = P;
    const r = await page.evaluate((p) => window.__bench.throughput(p), { warmupMs, warmupRounds, rounds, roundMs });
    if (problems.length) throw new Error(`the page reported problems:\n${problems.join("\n")}`);

    const round2 = (x) => Math.round(x * 100) / 100;
    const t = r.throughput;
    return {
      ratio: Object.fromEntries(PEERS.map((p) => [p, { valid: round2(t.ours.valid.median / t[p].valid.median), invalid: round2(t.ours.invalid.median / t[p].invalid.median) }])),
      ops: Object.fromEntries(Object.entries(t).map(([n, k]) => [n, { valid: Math.round(k.valid.median), invalid: Math.round(k.invalid.median) }])),
      ops_range: t,
      chromium: browser.version(),
      user_agent: r.userAgent,
      cross_origin_isolated: r.crossOriginIsolated,
      method: { warmupMs, warmupRounds, rounds, roundMs, timer: "performance.now()" },
      ajv: "runtime compile in the page (ajv 2020, from jsonSchema(e, { strict: true }))",
      seconds: round2((Date.now() - t0) / 1000),
    };
  } finally {
    await (browser ?? (await launching.catch(() => null)))?.close();
    if (http) await new Promise((ok) => http.server.close(ok));
  }
}

/** The RESULTS.md section for `b` (browserBench's result). */
export function browserTable(b) {
  const fmt = (n) => Math.round(n).toLocaleString("en-US");
  const lines = [];
  lines.push("## Throughput in headless Chromium");
  lines.push("");
  lines.push(
    `bench/browser.mjs: the same corpus and loop as above, in a page of headless Chromium ${b.chromium} (${CHROMIUM}, playwright-core): ` +
      `median of ${b.method.rounds} rounds of ~${b.method.roundMs} ms per library and kind, after ${b.method.warmupRounds} warm-up rounds, library order rotated each round, timed with performance.now()${b.cross_origin_isolated ? " (cross-origin isolated)" : ""}. ` +
      "One esbuild bundle (minified, format esm, platform browser) of our browser entry (pkg/web/index.js, `await init()`), the peers and the corpus; ajv compiles our `jsonSchema(endpoint, { strict: true })` in the page. Every library agreed with `validate(...).ok` on every body in the page before timing.",
  );
  lines.push("");
  lines.push("| library | valid ops/s | ours ÷ it | invalid ops/s | ours ÷ it |");
  lines.push("| --- | ---: | ---: | ---: | ---: |");
  for (const name of ["ours", ...PEERS]) {
    const o = b.ops[name];
    const rv = name === "ours" ? "1" : b.ratio[name].valid.toFixed(2);
    const ri = name === "ours" ? "1" : b.ratio[name].invalid.toFixed(2);
    lines.push(`| ${name} | ${fmt(o.valid)} | ${rv} | ${fmt(o.invalid)} | ${ri} |`);
  }
  lines.push("");
  lines.push(
    "Round-to-round spread (min–max ops/s): " +
      Object.entries(b.ops_range).map(([n, k]) => `${n} valid ${fmt(k.valid.min)}–${fmt(k.valid.max)}, invalid ${fmt(k.invalid.min)}–${fmt(k.invalid.max)}`).join("; ") +
      ".",
  );
  return lines;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const quick = process.argv.includes("--quick");
  const P = quick ? { warmupMs: 20, warmupRounds: 1, rounds: 3, roundMs: 10 } : { warmupMs: 300, warmupRounds: 2, rounds: 15, roundMs: 100 };
  try {
    const b = await browserBench(P, { log: console.log });
    console.log(browserTable(b).join("\n"));
    console.log(`(${b.seconds} s)`);
  } catch (e) {
    console.error(`bench/browser.mjs: ${e.message}`);
    process.exit(1);
  }
}
