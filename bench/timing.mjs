// The timing pieces bench/run.mjs (in Node) and bench/browser-page.mjs (in Chromium) share, so
// that both measure with the same loop, the same library order and the same summary.

/** The two kinds timed: valid bodies, and the rest (invalid and type mismatches). */
export const KINDS = { valid: (c) => c.kind === "valid", invalid: (c) => c.kind !== "valid" };

/**
 * A fresh loop function per (library, kind), so every loop keeps its own type feedback. It calls
 * each item's `f(b)` over the items until `min` has passed on the clock `now` (Node:
 * `process.hrtime.bigint` with `min` in ns as a BigInt; browsers: `performance.now` in ms), and
 * returns `{calls, elapsed, ok}` (`elapsed` in the clock's unit).
 */
export const makeLoop = () =>
  new Function(
    "items",
    "min",
    "now",
    `const n = items.length; let calls = 0, ok = 0; const t0 = now(); let t;
     for (;;) {
       for (let i = 0; i < n; i++) { const it = items[i]; if (it.f(it.b)) ok++; }
       calls += n; t = now() - t0; if (t >= min) break;
     }
     return { calls, elapsed: t, ok };`,
  );

/**
 * Per library (`{name, make(endpoint) => (body) => ok}`), per kind: the corpus items with the
 * library's function for their endpoint, a loop of its own, and what `extra()` adds.
 */
export function makeRunners(libs, corpus, endpoints, extra = () => ({})) {
  return libs.map((lib) => {
    const fns = Object.fromEntries(endpoints.map((e) => [e, lib.make(e)]));
    const kinds = {};
    for (const [kind, pick] of Object.entries(KINDS)) {
      kinds[kind] = { items: corpus.filter(pick).map((c) => ({ f: fns[c.endpoint], b: c.body })), loop: makeLoop(), ...extra() };
    }
    return { name: lib.name, kinds };
  });
}

/** Library order for round `r`: rotated, and reversed every other round. */
export const orderFor = (runners, r) => {
  const rot = runners.map((_, i) => runners[(i + r) % runners.length]);
  return r % 2 ? rot.reverse() : rot;
};

export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** `{library: {kind: [ops/s per round]}}` as `{library: {kind: {median, min, max, rounds}}}`. */
export const summarise = (ops) =>
  Object.fromEntries(
    Object.entries(ops).map(([name, k]) => [
      name,
      Object.fromEntries(Object.entries(k).map(([kind, xs]) => [kind, { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), rounds: xs.length }])),
    ]),
  );
