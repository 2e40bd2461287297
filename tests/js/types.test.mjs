// The shipped TypeScript declarations, as a consumer sees them: `tsc --noEmit` over the consumer
// project in ./types (strict, module/moduleResolution nodenext, skipLibCheck false, types []).
// consumer.ts uses the API with correct types and has lines that must fail, each after a
// `// @ts-expect-error TSxxxx reason` directive; consumer.cts checks index.d.cts under require;
// validate.ts and validate.cts the validator-only entry's declarations.
// Nothing is written into node_modules (checked); scratch output goes to ./.types-* folders.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import fs from "node:fs";
import path from "node:path";
import { prng } from "./prng.mjs";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
const typesDir = path.join(here, "types");
const tsc = require.resolve("typescript/bin/tsc");
const ts = require("typescript");
const pkgDir = path.dirname(require.resolve("workspace-requests/package.json"));
const nodeModules = path.join(here, "node_modules");
const scratch = path.join(here, ".types-strict");
const emitted = path.join(here, ".types-out");

function runTsc(...args) {
  const r = spawnSync(process.execPath, [tsc, "--pretty", "false", ...args], { cwd: here, encoding: "utf8", timeout: 60_000 });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Every file under `dir` with its size and modification time. */
function snapshot(dir) {
  const out = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else {
        const st = fs.lstatSync(p);
        out[path.relative(dir, p)] = `${st.size}:${st.mtimeMs}`;
      }
    }
  };
  walk(dir);
  return out;
}

let before_;
before(() => {
  before_ = snapshot(nodeModules);
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.rmSync(emitted, { recursive: true, force: true });
});

after(() => {
  assert.deepEqual(snapshot(nodeModules), before_, "nothing was written into node_modules");
});

/** `{line: code}` of every `// @ts-expect-error TSxxxx` directive: the code expected on the next line. */
function directives(file) {
  const expected = new Map();
  fs.readFileSync(file, "utf8")
    .split("\n")
    .forEach((l, i) => {
      const m = /^\s*\/\/ @ts-expect-error (TS\d+) /.exec(l);
      if (m) expected.set(i + 2, m[1]); // 1-based line number of the next line
    });
  return expected;
}

/** Type-checks a copy of `file` without its directives; every directive's line must then error. */
function checkDirectives(file, config) {
  const expected = directives(path.join(typesDir, file));
  fs.mkdirSync(scratch, { recursive: true });
  const text = fs.readFileSync(path.join(typesDir, file), "utf8").replace(/\/\/ @ts-expect-error .*/g, "// (directive removed)");
  fs.writeFileSync(path.join(scratch, file), text);
  const cfg = path.join(scratch, `${file}.tsconfig.json`);
  fs.writeFileSync(cfg, JSON.stringify({ extends: path.join(typesDir, config), files: [file] }));
  const { status, out } = runTsc("-p", cfg);
  assert.notEqual(status, 0);
  const errors = new Map();
  for (const m of out.matchAll(/^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/gm)) {
    assert.equal(path.basename(m[1]), file, `errors only in ${file}: ${m[0]}`);
    const line = Number(m[2]);
    errors.set(line, [...(errors.get(line) ?? []), `${m[4]} ${m[5]}`]);
  }
  assert.deepEqual([...errors.keys()].sort((a, b) => a - b), [...expected.keys()].sort((a, b) => a - b), `the lines that error are exactly the directives' lines:\n${out}`);
  for (const [line, code] of expected) {
    assert.ok(errors.get(line).some((e) => e.startsWith(`${code} `)), `${file}:${line} errors with ${code}: ${errors.get(line)}`);
  }
  return expected.size;
}

test("the ESM consumer type-checks against index.d.ts (tsc exits 0)", () => {
  const { status, out } = runTsc("--noEmit", "-p", typesDir, "--listFiles");
  assert.equal(status, 0, out);
  const files = out.split("\n").map((l) => l.trim());
  assert.ok(files.includes(path.join(pkgDir, "index.d.ts")), out);
  assert.ok(!files.some((f) => f.endsWith("index.d.cts")), out);
});

test("every @ts-expect-error line of the ESM consumer is an error, with the stated code", () => {
  const n = checkDirectives("consumer.ts", "tsconfig.json");
  assert.ok(n >= 8, `at least 8 lines that must fail (found ${n})`);
});

test("the CommonJS consumer (import = require) type-checks against index.d.cts", () => {
  const { status, out } = runTsc("--noEmit", "-p", path.join(typesDir, "tsconfig.cjs.json"), "--listFiles");
  assert.equal(status, 0, out);
  const files = out.split("\n").map((l) => l.trim());
  assert.ok(files.includes(path.join(pkgDir, "index.d.cts")), out);
  assert.ok(!files.includes(path.join(pkgDir, "index.d.ts")), out);
  assert.ok(checkDirectives("consumer.cts", "tsconfig.cjs.json") >= 3);
});

test("the Standard Schema objects are @standard-schema/spec's interfaces, with the body types as input and output", () => {
  const cfg = path.join(scratch, "standard.ok.tsconfig.json");
  fs.mkdirSync(scratch, { recursive: true });
  fs.writeFileSync(cfg, JSON.stringify({ extends: path.join(typesDir, "tsconfig.json"), files: [path.join(typesDir, "standard.ts")] }));
  const { status, out } = runTsc("-p", cfg, "--listFiles");
  assert.equal(status, 0, out);
  assert.ok(out.split("\n").some((f) => f.includes(path.join("@standard-schema", "spec"))), "the spec's own declarations from npm");
  assert.ok(checkDirectives("standard.ts", "tsconfig.json") >= 5);
});

test("honest types: ApiError codes by endpoint, typed issue params, the cross-field rules in the body types", () => {
  assert.ok(checkDirectives("honest.ts", "tsconfig.json") >= 11);
});

test("the validator entry's declarations (workspace-requests/validate), under import and require", () => {
  assert.ok(checkDirectives("validate.ts", "tsconfig.json") >= 3);
  assert.ok(checkDirectives("validate.cts", "tsconfig.cjs.json") >= 1);
});

test("the shipped declarations contain no `any`", () => {
  const shipped = fs.readdirSync(pkgDir, { recursive: true }).filter((f) => /\.d\.c?ts$/.test(f));
  assert.ok(shipped.includes("index.d.ts") && shipped.includes(path.join("validator", "index.d.cts")), shipped.join(", "));
  for (const name of shipped) {
    const file = path.join(pkgDir, name);
    const text = fs.readFileSync(file, "utf8");
    const source = ts.createSourceFile(name, text, ts.ScriptTarget.Latest, true);
    const found = [];
    const visit = (node) => {
      if (node.kind === ts.SyntaxKind.AnyKeyword) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push(`${name}:${line + 1}: ${text.split("\n")[line].trim()}`);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    assert.deepEqual(found, [], `no any type in ${name}`);
    assert.ok(source.statements.length > 0, `${name} parsed`);
  }
});

// ---------------------------------------------------------------------------------------------
// The body types against validate(): bodies validate accepts without warnings must type-check as
// RequestBodies[id], and so must those whose only warnings the types admit (ADMITTED); bodies with
// an issue a type can express (EXPRESSIBLE) must not. Lengths and ranges are beyond the types and
// are skipped.

function corpus() {
  const file = process.env.WR_CORPUS;
  assert.ok(file, "WR_CORPUS names the corpus file");
  return fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim()).map((l) => JSON.parse(l));
}


/** Enum and tag values of an endpoint, from describe(). */
function choices(wr, id) {
  const out = new Set();
  const seen = new Set();
  const walkType = (t) => {
    if (t.kind === "enum") t.values.forEach((v) => out.add(v.value));
    else if (t.kind === "array") walkType(t.items);
    else if (t.kind === "nullable") walkType(t.inner);
    else if (t.kind === "object") walkObject(t.object);
  };
  const walkObject = (o) => {
    if (seen.has(o.name)) return;
    seen.add(o.name);
    for (const f of [...o.fields, ...(o.union?.variants.flatMap((v) => v.fields) ?? [])]) walkType(f.type);
    o.union?.variants.forEach((v) => out.add(v.value));
  };
  walkObject(wr.describe(id).body);
  return [...out];
}

/** Mutates `body` in place once: delete a key, set a key or element, or add a near-miss key. */
function mutateOnce(rand, body, palette) {
  const pick = (l) => l[Math.floor(rand() * l.length)];
  const nodes = [];
  const walk = (v) => {
    if (v !== null && typeof v === "object") {
      nodes.push(v);
      Object.values(v).forEach(walk);
    }
  };
  walk(body);
  const node = pick(nodes);
  const keys = Array.isArray(node) ? [...node.keys()] : Object.keys(node);
  const r = rand();
  if (Array.isArray(node)) {
    if (keys.length > 0 && r < 0.5) node[pick(keys)] = structuredClone(pick(palette));
    else node.push(structuredClone(pick(palette)));
  } else if (keys.length > 0 && r < 0.25) {
    delete node[pick(keys)];
  } else if (keys.length > 0 && r < 0.85) {
    node[pick(keys)] = structuredClone(pick(palette));
  } else {
    const k = keys.length > 0 ? pick(keys) : "name";
    const near = rand() < 0.5 ? k.slice(0, -1) || "x" : k.toLowerCase() === k ? k.toUpperCase() : k.toLowerCase();
    if (near !== "__proto__") node[near] = structuredClone(pick(palette));
  }
}

// Issues a type can express: wrong types, values outside an enum, unknown keys of strict objects,
// missing required keys, keys typed `never`, and the cross-field rules over an enum or boolean
// field (required when, only when).
const EXPRESSIBLE = (issue) =>
  ["invalid_type", "invalid_enum", "unknown_field"].includes(issue.code) ||
  ["required", "required_when", "only_when", "use_instead"].includes(issue.params.rule);

// Warnings the types admit, as validate does: a digit-string port, a rule that only warns (the
// other kind's name, a field the docs do not confirm), a field the docs' examples send.
const ADMITTED = (warning) => ["numeric_string", "only_when", "required", "required_when", "expected"].includes(warning.params.rule);

test("the body types agree with validate (corpus bodies and generated ones)", async () => {
  const wr = await import("workspace-requests");
  const rand = prng(0x7e57);
  const seedsById = new Map();
  for (const c of corpus()) if (c.ok) seedsById.set(c.endpoint, [...(seedsById.get(c.endpoint) ?? []), c.body]);
  const accept = [];
  const reject = [];
  const classify = (id, body) => {
    if (JSON.stringify(body).length > 2000) return; // e.g. the corpus' 5000-element list: slow for tsc, nothing new
    const r = wr.validate(id, body);
    if (r.ok && r.warnings.every(ADMITTED)) accept.push({ id, body });
    else if (r.issues.some(EXPRESSIBLE)) reject.push({ id, body, why: r.issues.filter(EXPRESSIBLE).map((i) => `${i.path} ${i.code}`) });
  };
  for (const c of corpus()) classify(c.endpoint, c.body);
  for (const [id, seeds] of seedsById) {
    const palette = [null, true, false, 0, 1, -1, 1.5, 65536, "", "x", "5432", [], [1], ["a"], {}, { a: 1 }, { id: 1 }, ...choices(wr, id)];
    for (let i = 0; i < 250; i++) {
      const body = structuredClone(seeds[Math.floor(rand() * seeds.length)]);
      const n = 1 + Math.floor(rand() * 2);
      for (let k = 0; k < n; k++) mutateOnce(rand, body, palette);
      classify(id, JSON.parse(JSON.stringify(body)));
    }
  }
  assert.ok(accept.length >= 200 && reject.length >= 200, `accepted ${accept.length}, rejected ${reject.length}`);
  fs.mkdirSync(scratch, { recursive: true });
  const all = [...accept, ...reject];
  const lines = ['import type { RequestBodies } from "workspace-requests";'];
  all.forEach(({ id, body }, n) => lines.push(`export const b${n}: RequestBodies[${JSON.stringify(id)}] = ${JSON.stringify(body)};`));
  fs.writeFileSync(path.join(scratch, "bodies.ts"), `${lines.join("\n")}\n`);
  const cfg = path.join(scratch, "bodies.tsconfig.json");
  fs.writeFileSync(cfg, JSON.stringify({ extends: path.join(typesDir, "tsconfig.json"), files: ["bodies.ts"] }));
  const { out } = runTsc("-p", cfg);
  const failing = new Set([...out.matchAll(/bodies\.ts\((\d+),\d+\): error/g)].map((m) => Number(m[1]) - 2)); // line 2 is b0
  const wronglyRejected = accept.map((b, n) => ({ ...b, n })).filter((b) => failing.has(b.n));
  const wronglyAccepted = reject.map((b, n) => ({ ...b, n: n + accept.length })).filter((b) => !failing.has(b.n));
  const show = (list) => list.slice(0, 10).map((b) => `  ${b.id} ${JSON.stringify(b.body)}${b.why ? ` (${b.why.join(", ")})` : ""}`).join("\n");
  assert.equal(wronglyRejected.length, 0, `valid bodies the types reject:\n${show(wronglyRejected)}\n${out.slice(0, 3000)}`);
  assert.equal(wronglyAccepted.length, 0, `invalid bodies the types accept:\n${show(wronglyAccepted)}`);
});

test(
  "a CommonJS TypeScript consumer's default import (`import init from`) works at runtime",
  () => {
    const { status, out } = runTsc("-p", path.join(typesDir, "tsconfig.cjs-emit.json"));
    assert.equal(status, 0, out);
    const js = path.join(emitted, "default-import.cjs");
    const run = spawnSync(process.execPath, [js], { cwd: here, encoding: "utf8", timeout: 30_000 });
    assert.equal(run.status, 0, run.stderr);
    const report = JSON.parse(run.stdout.trim().split("\n").pop());
    assert.deepEqual(report, { initType: "function", ok: true, error: "" });
  },
);

test(
  "the declarations type-check in a project without lib.dom (lib es2022, types [])",
  () => {
    const { status, out } = runTsc("-p", path.join(typesDir, "tsconfig.nodom.json"));
    assert.equal(status, 0, out);
  },
);
