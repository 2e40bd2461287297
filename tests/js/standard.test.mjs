// Standard Schema v1 and Standard JSON Schema v1 (js/standard.js) over the installed package:
// the schema objects of every endpoint, their validate against ours (the same issues, messages
// and warnings, paths as arrays), their JSON Schemas in both targets (draft-07 compiled by ajv's
// draft-07 class must judge every corpus body as the draft 2020-12 schema does), in ESM and
// CommonJS, and from the validator-only entry.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import * as wr from "workspace-requests";
import { corpus } from "./corpus.mjs";
import * as validator from "workspace-requests/validate";

const require = createRequire(import.meta.url);
const Ajv07 = require("ajv").default;
const Ajv2020 = require("ajv/dist/2020.js").default;
const cjs = require("workspace-requests");
const IDS = wr.endpoints().map((e) => e.id);
// As in differential.test.mjs: strict in full but for the lint that cannot see `required` in `then`.
const AJV = { allErrors: true, strict: true, strictRequired: false };


/** What ~standard.validate must answer for `body`, from validate's own result. */
function expected(id, body, strict) {
  const r = wr.validate(id, body, { strict });
  return r;
}

test("every endpoint has a Standard Schema v1 in both modes, in each entry and module system", () => {
  for (const entry of [wr, cjs, validator]) {
    assert.deepEqual(Object.keys(entry.schemas).sort(), [...IDS].sort());
    for (const id of IDS) {
      const s = entry.schemas[id];
      assert.equal(s["~standard"].version, 1);
      assert.equal(s["~standard"].vendor, "workspace-requests");
      assert.equal(typeof s["~standard"].validate, "function");
      assert.equal(s.endpoint, id);
      assert.equal(s.strict, false);
      assert.equal(entry.schema(id), s);
      assert.equal(entry.schema(id, { strict: false }), s);
      const strict = entry.schema(id, { strict: true });
      assert.equal(strict.strict, true);
      assert.equal(entry.schema(id, { strict: true }), strict);
      assert.ok(Object.isFrozen(s) && Object.isFrozen(s["~standard"]));
    }
    assert.throws(() => entry.schema("paradigm.nope"), TypeError);
    assert.throws(() => entry.schema("databrain.createWorkspace", { strcit: true }), TypeError);
  }
});

test("~standard.validate answers validate's result: the value, or its issues; warnings on both", () => {
  const bodies = corpus();
  let failed = 0, warned = 0;
  for (const { endpoint, body } of bodies) {
    for (const strict of [false, true]) {
      const r = expected(endpoint, body, strict);
      const s = wr.schema(endpoint, { strict })["~standard"].validate(body);
      assert.equal(typeof s.then, "undefined", "synchronous");
      const asStandard = (list) => list.map((i) => ({ message: i.message, code: i.code, pointer: i.path, apiCode: i.apiCode }));
      const strip = (list) => list.map(({ message, code, pointer, apiCode }) => ({ message, code, pointer, apiCode }));
      assert.deepEqual(strip(s.warnings), asStandard(r.warnings));
      if (r.ok) {
        assert.equal(s.value, body, "the value itself");
        assert.equal(s.issues, undefined);
      } else {
        failed++;
        assert.equal("value" in s, false);
        assert.deepEqual(strip(s.issues), asStandard(r.issues));
      }
      if (r.warnings.length > 0) warned++;
      for (const i of [...(s.issues ?? []), ...s.warnings]) {
        assert.ok(Array.isArray(i.path));
        // The path names the pointer's steps.
        const pointer = i.path.map((k) => "/" + String(k).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
        assert.equal(pointer, i.pointer);
      }
    }
  }
  assert.ok(failed > 100 && warned > 10, `${failed} failing and ${warned} warned results`);
});

test("a path has array indices as numbers, object keys as strings, pointer escapes undone", () => {
  const s = wr.schemas["paradigm.updateWorkspace"]["~standard"];
  const r = s.validate({ members: { users: [{ id: 1, role: "owner" }, { id: 2, role: "boss" }] } });
  assert.deepEqual(r.issues.map((i) => i.path), [["members", "users", 1, "role"]]);
  assert.equal(r.issues[0].pointer, "/members/users/1/role");
  assert.equal(r.issues[0].code, "invalid_enum");
  assert.equal(r.issues[0].apiCode, "validation_error");
  // A key "0" of an object stays a string; "a/b~c" comes back whole.
  const w = wr.schema("databrain.createWorkspace", { strict: true })["~standard"].validate({ name: "W", connectionType: "MULTI_DATASOURCE", 0: 1, "a/b~c": 2 });
  assert.deepEqual(w.issues.map((i) => i.path), [["0"], ["a/b~c"]]);
  assert.deepEqual(w.issues.map((i) => i.pointer), ["/0", "/a~1b~0c"]);
  // The whole body: an empty path.
  const b = wr.schemas["databrain.createWorkspace"]["~standard"].validate([]);
  assert.deepEqual(b.issues.map((i) => i.path), [[]]);
  // A warning does not fail validation, and stays reachable.
  const ok = wr.schemas["databrain.createWorkspace"]["~standard"].validate({ name: "W", connectionType: "MULTI_DATASOURCE", themName: "dark" });
  assert.equal(ok.issues, undefined);
  assert.deepEqual(ok.warnings.map((x) => [x.path, x.code, x.apiCode]), [[["themName"], "unknown_field", null]]);
});

test("~standard.jsonSchema: draft-2020-12 is jsonSchema(); draft-07 judges every corpus body the same; unknown targets throw", () => {
  const bodies = corpus();
  for (const id of IDS) {
    for (const strict of [false, true]) {
      const s = wr.schema(id, { strict })["~standard"].jsonSchema;
      assert.deepEqual(s.input({ target: "draft-2020-12" }), wr.jsonSchema(id, { strict }));
      assert.deepEqual(s.output({ target: "draft-2020-12" }), wr.jsonSchema(id, { strict }));
      const d7 = s.input({ target: "draft-07" });
      assert.deepEqual(s.output({ target: "draft-07" }), d7);
      assert.equal(d7.$schema, "http://json-schema.org/draft-07/schema#");
      const text = JSON.stringify(d7);
      assert.ok(!text.includes("$defs") && !text.includes("contentSchema"), "draft-07 spelling");
      const a07 = new Ajv07(AJV).compile(d7);
      const a2020 = new Ajv2020(AJV).compile(wr.jsonSchema(id, { strict }));
      for (const c of bodies.filter((c) => c.endpoint === id)) {
        assert.equal(a07(c.body), a2020(c.body), `${id} strict=${strict} ${JSON.stringify(c.body).slice(0, 300)}`);
      }
      for (const target of ["openapi-3.1", "draft-04", "", 7]) {
        assert.throws(() => s.input({ target }), TypeError);
      }
    }
  }
});
