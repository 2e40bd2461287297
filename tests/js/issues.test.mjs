// flattenIssues, treeifyIssues and formatIssues (js/issues.js) over the installed package, from
// each kind of input they take, and ValidationError's message listing every issue.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import fs from "node:fs";
import * as wr from "workspace-requests";
import * as validator from "workspace-requests/validate";

const require = createRequire(import.meta.url);
const cjs = require("workspace-requests");

// Five issues and a warning: at the top, nested, in an array, with a key to escape.
const PARADIGM = {
  name: "",
  members: { users: [{ id: 1, role: "owner" }, { id: 0, role: "boss" }] },
  datasource: { type: "sharepoint", name: "S", credentials: { client_id: "c", client_secret: "" }, filter_criteria: { folder_path: "/x" } },
  "a/b~c": 1,
};

test("flattenIssues: form errors for the body, field errors by dotted path", () => {
  const result = wr.validate("paradigm.updateWorkspace", PARADIGM);
  assert.equal(result.ok, false);
  const flat = wr.flattenIssues(result);
  assert.deepEqual(flat.formErrors, []);
  const byPointer = (p) => result.issues.filter((i) => i.path === p).map((i) => i.message);
  assert.deepEqual(flat.fieldErrors["name"], byPointer("/name"));
  assert.deepEqual(flat.fieldErrors["members.users.1.id"], byPointer("/members/users/1/id"));
  assert.deepEqual(flat.fieldErrors["members.users.1.role"], byPointer("/members/users/1/role"));
  assert.deepEqual(flat.fieldErrors["datasource.credentials.client_secret"], byPointer("/datasource/credentials/client_secret"));
  assert.equal(Object.values(flat.fieldErrors).flat().length, result.issues.length, "every issue once");
  // The whole body, and the same from a Standard Schema result and from a list.
  assert.deepEqual(wr.flattenIssues(wr.validate("paradigm.updateWorkspace", [])), { formErrors: ["body must be an object, found an array."], fieldErrors: {} });
  const standard = wr.schemas["paradigm.updateWorkspace"]["~standard"].validate(PARADIGM);
  assert.deepEqual(wr.flattenIssues(standard), flat);
  assert.deepEqual(wr.flattenIssues(result.issues), flat);
  // A key named __proto__ is a field, not a prototype.
  const proto = wr.flattenIssues([{ path: "/__proto__", message: "m" }]);
  assert.deepEqual(Object.keys(proto.fieldErrors), ["__proto__"]);
  assert.equal(Object.getPrototypeOf(proto.fieldErrors), Object.prototype);
  assert.throws(() => wr.flattenIssues(undefined), TypeError);
  assert.throws(() => wr.flattenIssues("x"), TypeError);
});

test("treeifyIssues: errors at each level, properties for keys, items for Standard Schema's indices", () => {
  const standard = wr.schemas["paradigm.updateWorkspace"]["~standard"].validate(PARADIGM);
  const tree = wr.treeifyIssues(standard);
  assert.deepEqual(tree.errors, []);
  assert.ok(tree.properties.name.errors.length === 1);
  const second = tree.properties.members.properties.users.items[1];
  assert.deepEqual(Object.keys(second.properties).sort(), ["id", "role"]);
  assert.equal(tree.properties.members.properties.users.items[0], undefined, "no entry for an element without issues");
  // From validate's result (pointers), indices are keys.
  const fromPointers = wr.treeifyIssues(wr.validate("paradigm.updateWorkspace", PARADIGM));
  assert.deepEqual(Object.keys(fromPointers.properties.members.properties.users.properties), ["1"]);
  assert.deepEqual(wr.treeifyIssues({ issues: [] }), { errors: [] });
});

test("formatIssues and ValidationError's message: every issue on its own line, path first", () => {
  const strict = wr.validate("paradigm.updateWorkspace", PARADIGM, { strict: true });
  const lax = wr.validate("paradigm.updateWorkspace", PARADIGM);
  assert.ok(lax.warnings.length === 1 && strict.issues.length === lax.issues.length + 1);
  const text = wr.formatIssues(lax);
  const lines = text.split("\n");
  assert.equal(lines.length, lax.issues.length + lax.warnings.length);
  lax.issues.forEach((i, n) => assert.equal(lines[n], `${i.path} (${i.code}): ${i.message}`));
  assert.equal(lines.at(-1), `/a~1b~0c (unknown_field, warning): ${lax.warnings[0].message}`);
  assert.equal(wr.formatIssues(wr.validate("databrain.createWorkspace", 5)), "(body) (invalid_type): body must be an object, found 5.");
  for (const entry of [wr, cjs]) {
    let error;
    try {
      entry.buildRequest("paradigm.updateWorkspace", PARADIGM, { token: "t", id: 1 });
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof entry.ValidationError);
    assert.equal(error.message, `paradigm.updateWorkspace: the body is not valid:\n${wr.formatIssues(error.issues)}`);
    assert.equal(error.message.split("\n").length, 1 + error.issues.length);
    assert.ok(!/\bmore\)/.test(error.message));
  }
  assert.equal(validator.formatIssues(lax), text);
  assert.equal(typeof validator.flattenIssues, "function");
});

test("isValid and parse: validate's verdict as a guard, the body itself or a ValidationError", () => {
  for (const entry of [wr, cjs, validator]) {
    const good = { name: "W", connectionType: "MULTI_DATASOURCE", themName: "dark" }; // a warning only
    assert.equal(entry.isValid("databrain.createWorkspace", good), true);
    assert.equal(entry.parse("databrain.createWorkspace", good), good, "the body itself");
    assert.equal(entry.isValid("databrain.createWorkspace", good, { strict: true }), false);
    assert.equal(entry.isValid("paradigm.updateWorkspace", PARADIGM), false);
    let error;
    try {
      entry.parse("paradigm.updateWorkspace", PARADIGM);
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof entry.ValidationError);
    assert.deepEqual(error.issues, entry.validate("paradigm.updateWorkspace", PARADIGM).issues);
    assert.equal(error.endpoint, "paradigm.updateWorkspace");
    assert.throws(() => entry.isValid("paradigm.nope", {}), TypeError);
    assert.throws(() => entry.parse("databrain.createWorkspace", good, { strcit: true }), TypeError);
  }
});

// ---------------------------------------------------------------------------------------------
// Params: the keys each rule has, as index.d.ts declares them (IssueParams).
const PARAMS = {
  required: [[], []],
  required_when: [["when"], []],
  expected: [[], []],
  type: [["expected", "found"], []],
  enum: [["allowed", "found"], ["suggestion"]],
  empty: [["minimum"], []],
  length: [["maximum", "length"], []],
  unknown_key: [["sent", "known"], ["suggestion"]],
  only_when: [["when", "siblingFound", "atDefault"], []],
  use_instead: [["instead", "redundant"], []],
  range: [["minimum", "maximum", "found"], []],
  integer: [["found"], []],
  numeric_string: [["expected", "found"], []],
  json_text: [["encodes"], []],
  depth: [["maximum"], []],
  too_many: [["maximum"], []],
  too_large: [["maximum"], []],
};
const CODE_OF_RULE = {
  required: ["required"],
  required_when: ["required"],
  expected: ["required"],
  type: ["invalid_type"],
  enum: ["invalid_enum"],
  empty: ["too_short"],
  length: ["too_long"],
  unknown_key: ["unknown_field"],
  only_when: ["not_allowed"],
  use_instead: ["not_allowed"],
  range: ["invalid_value"],
  integer: ["invalid_value"],
  numeric_string: ["invalid_type"],
  json_text: ["invalid_value"],
  depth: ["invalid_value"],
  too_many: ["invalid_value", "too_long", "unknown_field", "required", "invalid_type"],
  too_large: ["invalid_value", "too_long", "unknown_field", "required", "invalid_type"],
};

function checkParams(f) {
  const p = f.params;
  assert.ok(p && typeof p === "object" && Object.hasOwn(PARAMS, p.rule), `a known rule: ${JSON.stringify(p)}`);
  const [must, may] = PARAMS[p.rule];
  const keys = Object.keys(p).filter((k) => k !== "rule");
  for (const k of must) assert.ok(keys.includes(k), `${p.rule} has ${k}: ${JSON.stringify(p)}`);
  for (const k of keys) assert.ok(must.includes(k) || may.includes(k), `${p.rule} declares ${k}: ${JSON.stringify(p)}`);
  assert.ok(CODE_OF_RULE[p.rule].includes(f.code), `${p.rule} goes with ${f.code}`);
  if ("when" in p) assert.equal(typeof p.when.field, "string");
  if ("allowed" in p) assert.ok(p.allowed.every((v) => typeof v === "string") && p.allowed.length > 0);
}

test("every finding of the corpus has params of its rule's declared shape, in both entries and modes", () => {
  const lines = fs.readFileSync(process.env.WR_CORPUS, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
  const rules = new Set();
  for (const { endpoint, body } of lines) {
    for (const strict of [false, true]) {
      const r = wr.validate(endpoint, body, { strict });
      assert.deepEqual(validator.validate(endpoint, body, { strict }), r, "the validator entry gives the same params");
      for (const f of [...r.issues, ...r.warnings]) {
        checkParams(f);
        rules.add(f.params.rule);
      }
    }
  }
  // The walk's limits, which the corpus leaves out (JSON Schema cannot state them).
  let deep = 1;
  for (let i = 0; i < 70; i++) deep = [deep];
  const many = Object.fromEntries(Array.from({ length: 1100 }, (_, n) => [`k${n}`, 1]));
  const large = { name: "W", connectionType: "MULTI_DATASOURCE", extra: new Array(1_000_001).fill(0) };
  for (const [body, strict] of [[{ name: "W", connectionType: "MULTI_DATASOURCE", extra: deep }, false], [many, true], [large, false]]) {
    const r = wr.validate("databrain.createWorkspace", body, { strict });
    for (const f of [...r.issues, ...r.warnings]) {
      checkParams(f);
      rules.add(f.params.rule);
    }
  }
  const missing = Object.keys(PARAMS).filter((r) => !rules.has(r));
  assert.deepEqual(missing, [], "the corpus reaches every rule");
});

test("params: enum values, a condition and a limit as data, the same in Standard Schema issues", () => {
  const body = { name: "W", connectionType: "DATA_SOURCE", isEnableMetricSummary: true };
  const r = wr.validate("databrain.createWorkspace", body);
  const at = (p) => r.issues.find((i) => i.path === p).params;
  assert.deepEqual(at("/connectionType"), {
    rule: "enum",
    allowed: ["DATASOURCE", "DATAMART", "MULTI_DATASOURCE", "MULTI_DATAMART"],
    found: "string",
    suggestion: "DATASOURCE",
  });
  assert.deepEqual(at("/summaryType"), { rule: "required_when", when: { field: "isEnableMetricSummary", equals: true } });
  const long = wr.validate("paradigm.updateWorkspace", { name: "x".repeat(101) });
  assert.deepEqual(long.issues[0].params, { rule: "length", maximum: 100, length: 101 });
  const standard = wr.schemas["databrain.createWorkspace"]["~standard"].validate(body);
  assert.deepEqual(
    standard.issues.map((i) => i.params),
    r.issues.map((i) => i.params),
  );
  // Params are frozen (readonly in the types) and shared by the findings with the same text:
  // no result can change another's.
  assert.ok(Object.isFrozen(at("/connectionType")) && Object.isFrozen(at("/connectionType").allowed));
  assert.throws(() => at("/connectionType").allowed.push("X"), TypeError);
  assert.throws(() => { "use strict"; at("/summaryType").when.field = "x"; }, TypeError);
  const again = wr.validate("databrain.createWorkspace", body).issues.find((i) => i.path === "/connectionType").params;
  assert.equal(again, at("/connectionType"), "the same object: parsed once");
  assert.equal(again.allowed.length, 4);
  // Params that differ (here the length) are different objects.
  assert.deepEqual(wr.validate("paradigm.updateWorkspace", { name: "x".repeat(102) }).issues[0].params, { rule: "length", maximum: 100, length: 102 });
});

test("a UI can write its own messages from the params", () => {
  const fr = {
    required: () => "obligatoire",
    required_when: (p) => `obligatoire quand ${p.when.field} vaut ${JSON.stringify(p.when.equals ?? p.when.notEquals)}`,
    enum: (p) => `une de : ${p.allowed.join(", ")}`,
    empty: () => "ne peut pas être vide",
  };
  const r = wr.validate("databrain.createWorkspace", { name: "", connectionType: "DATASOURCE" });
  assert.deepEqual(
    r.issues.map((i) => `${i.path}: ${fr[i.params.rule](i.params)}`),
    ["/name: ne peut pas être vide", '/datasourceName: obligatoire quand connectionType vaut "DATASOURCE"'],
  );
});
