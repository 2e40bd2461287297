// openApi() (src/gen/openapi.rs), jsonSchema's embedding options and the Standard JSON Schema
// "openapi-3.0" target, over the installed package: the document is valid under an OpenAPI
// validator from npm, its request bodies judge every corpus body as validate does, and
// openapi-typescript turns it into types that a consumer type-checks against.
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Validator } from "@seriousme/openapi-schema-validator";
import openapiTS, { astToString } from "openapi-typescript";
import * as wr from "workspace-requests";
import { corpus } from "./corpus.mjs";
import * as validator from "workspace-requests/validate";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020.js").default;
const Ajv07 = require("ajv").default;
const cjs = require("workspace-requests");
const here = path.dirname(fileURLToPath(import.meta.url));
const IDS = wr.endpoints().map((e) => e.id);
const AJV = { allErrors: true, strict: true, strictRequired: false };


/** The operation of an endpoint in the document. */
function operation(doc, id) {
  const ep = wr.endpoints().find((e) => e.id === id);
  return doc.paths[ep.path][ep.method.toLowerCase()];
}

test("openApi() is a valid OpenAPI 3.1 document, the same from every entry, a fresh copy per call", async () => {
  const doc = wr.openApi();
  const v = new Validator();
  const res = await v.validate(structuredClone(doc));
  assert.equal(res.valid, true, JSON.stringify(res.errors, null, 1)?.slice(0, 3000));
  assert.equal(v.version, "3.1");
  assert.equal(doc.openapi, "3.1.0");
  assert.equal(doc.info.version, JSON.parse(fs.readFileSync(require.resolve("workspace-requests/package.json"), "utf8")).version);
  assert.deepEqual(validator.openApi(), doc);
  assert.deepEqual(cjs.openApi(), doc);
  doc.paths = {};
  assert.notDeepEqual(wr.openApi().paths, {}, "a fresh copy");
});

test("openApi(): servers, security, a body, a success and every documented code per operation", () => {
  const doc = wr.openApi();
  assert.deepEqual(Object.keys(doc.components.securitySchemes).sort(), ["databrainToken", "paradigmToken"]);
  for (const scheme of Object.values(doc.components.securitySchemes)) assert.deepEqual([scheme.type, scheme.scheme], ["http", "bearer"]);
  for (const ep of wr.endpoints()) {
    const item = doc.paths[ep.path];
    const cloud = ep.api === "databrain" ? "https://api.usedatabrain.com" : "https://api.lighton.ai";
    assert.deepEqual(item.servers.map((s) => s.url), [cloud, "{baseUrl}"], ep.id);
    const op = operation(doc, ep.id);
    assert.equal(op.operationId, ep.id);
    assert.deepEqual(op.security, [{ [`${ep.api}Token`]: [] }]);
    assert.equal(op.requestBody.required, true);
    const d = wr.describe(ep.id);
    assert.equal(op.requestBody.content["application/json"].schema.$ref, `#/components/schemas/${d.body.name}`);
    assert.ok(op.responses["200"].content["application/json"], `${ep.id} success`);
    for (const e of d.errors) {
      const answer = op.responses[String(e.status)];
      assert.ok(answer.description.includes(`\`${e.code}\`: ${e.doc}`), `${ep.id} ${e.code}`);
      const codes = JSON.stringify(answer.content["application/json"].schema);
      assert.ok(codes.includes(JSON.stringify(e.code)), `${ep.id} ${e.code} in the envelope's enum`);
    }
    assert.match(op.responses["429"].description, /TOO_MANY_REQUESTS/);
    assert.equal(op.parameters?.[0]?.name, ep.path.includes("{id}") ? "id" : undefined);
  }
});

test("openApi()'s request bodies are jsonSchema()'s: they judge every corpus body the same", () => {
  const doc = wr.openApi();
  // The components as a schema of their own (`components` is no keyword: not strict about it),
  // so that the document's references resolve into it.
  const ajv = new Ajv2020({ ...AJV, strictSchema: false });
  ajv.addSchema({ $id: "urn:wr:openapi", components: { schemas: doc.components.schemas } }, "urn:wr:openapi");
  const checks = new Map(IDS.map((id) => [id, ajv.compile({ $ref: `urn:wr:openapi${operation(doc, id).requestBody.content["application/json"].schema.$ref}` })]));
  const direct = new Map(IDS.map((id) => [id, new Ajv2020(AJV).compile(wr.jsonSchema(id))]));
  let n = 0;
  for (const c of corpus()) {
    assert.equal(checks.get(c.endpoint)(c.body), direct.get(c.endpoint)(c.body), `${c.endpoint} ${JSON.stringify(c.body).slice(0, 300)}`);
    n++;
  }
  assert.ok(n > 300, `${n} bodies`);
});

test("openapi-typescript generates types from openApi() that a consumer type-checks against", async () => {
  // A property's `default` is what the API assumes when the key is left out: in a request body it
  // stays optional (openapi-typescript makes such properties required unless told otherwise).
  const ts = astToString(await openapiTS(wr.openApi(), { defaultNonNullable: false }));
  assert.match(ts, /"databrain\.createWorkspace": \{/);
  const dir = path.join(here, ".openapi-types");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "api.ts"), ts);
  const consumer = [
    'import type { operations, paths, components } from "./api.js";',
    'type CreateWorkspace = operations["databrain.createWorkspace"]["requestBody"]["content"]["application/json"];',
    'export const ok: CreateWorkspace = { name: "W", connectionType: "MULTI_DATASOURCE" };',
    "// @ts-expect-error TS2322 connectionType is one of four values",
    'export const bad: CreateWorkspace = { name: "W", connectionType: "multi" };',
    'type Patch = paths["/api/v3/workspaces/{id}"]["patch"];',
    'export const id: Patch["parameters"]["path"]["id"] = 3;',
    'export const members: components["schemas"]["ParadigmUpdateWorkspaceBody"] = { members: { users: [{ id: 1, role: "owner" }] } };',
    'type Conflict = Patch["responses"][409]["content"]["application/json"];',
    'export const conflict: Conflict = { error: "conflict", detail: "locked" };',
    "",
  ].join("\n");
  fs.writeFileSync(path.join(dir, "consumer.ts"), consumer);
  const tsc = require.resolve("typescript/bin/tsc");
  const options = { strict: true, module: "nodenext", moduleResolution: "nodenext", noEmit: true, skipLibCheck: false, types: [] };
  fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: options, files: ["consumer.ts"] }));
  const run = () => spawnSync(process.execPath, [tsc, "-p", "tsconfig.json", "--pretty", "false"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  const r = run();
  assert.equal(r.status, 0, `${r.stdout}${r.stderr}`);
  // Without the directive the bad body is an error: the generated types constrain.
  fs.writeFileSync(path.join(dir, "consumer.ts"), consumer.replace(/\/\/ @ts-expect-error .*\n/, ""));
  const bad = run();
  assert.notEqual(bad.status, 0);
  assert.match(bad.stdout, /consumer\.ts\(4,\d+\): error TS2322/, "the line the directive was on");
  fs.rmSync(dir, { recursive: true, force: true });
});

test("jsonSchema(endpoint, { id, refPrefix }) writes a schema for embedding; bad options are TypeErrors", () => {
  const plain = wr.jsonSchema("paradigm.updateWorkspace");
  const embedded = wr.jsonSchema("paradigm.updateWorkspace", { id: "https://example.com/pw.json", refPrefix: "#/components/schemas/" });
  assert.deepEqual(Object.keys(embedded).slice(0, 2), ["$schema", "$id"]);
  assert.equal(embedded.$id, "https://example.com/pw.json");
  const refs = (s) => [...JSON.stringify(s).matchAll(/"\$ref":"([^"]+)"/g)].map((m) => m[1]);
  assert.ok(refs(embedded).length > 3);
  assert.deepEqual(refs(embedded), refs(plain).map((r) => r.replace("#/$defs/", "#/components/schemas/")));
  assert.deepEqual(embedded.$defs, JSON.parse(JSON.stringify(plain.$defs).replaceAll('"#/$defs/', '"#/components/schemas/')));
  // The components of openApi() are these definitions.
  const doc = wr.openApi();
  for (const [name, def] of Object.entries(embedded.$defs)) assert.deepEqual(doc.components.schemas[name], def, name);
  // An id alone keeps the references; the schema still compiles, under its id.
  const withId = wr.jsonSchema("databrain.createWorkspace", { id: "urn:example:cw", strict: true });
  const ajv = new Ajv2020(AJV);
  const check = ajv.compile(withId);
  assert.equal(check({ name: "W", connectionType: "MULTI_DATASOURCE" }), true);
  assert.equal(ajv.getSchema("urn:example:cw"), check);
  for (const [options, message] of [
    [{ id: 5 }, /options\.id must be a non-empty string/],
    [{ id: "" }, /options\.id must be a non-empty string/],
    [{ refPrefix: null }, /options\.refPrefix must be a string/],
    [{ prefix: "#/x/" }, /unknown option "prefix"; known: strict, id, refPrefix/],
    [{ strict: 1 }, /options\.strict must be a boolean/],
  ]) {
    assert.throws(() => wr.jsonSchema("databrain.createWorkspace", options), (e) => e instanceof TypeError && message.test(e.message), JSON.stringify(options));
  }
});

test('Standard JSON Schema "openapi-3.0": valid inside an OpenAPI 3.0 document, and judges every corpus body as 2020-12 does', async () => {
  const bodies = corpus();
  for (const id of IDS) {
    for (const strict of [false, true]) {
      const s = wr.schema(id, { strict })["~standard"].jsonSchema;
      const o = s.input({ target: "openapi-3.0" });
      assert.deepEqual(s.output({ target: "openapi-3.0" }), o);
      const text = JSON.stringify(o);
      for (const word of ["$ref", "$defs", "$schema", '"if"', '"then"', '"const"', "contentSchema", "contentMediaType", '"examples"', '"type":"null"']) {
        assert.ok(!text.includes(word), `${id}: no ${word} in an OpenAPI 3.0 schema`);
      }
      const doc = {
        openapi: "3.0.3",
        info: { title: id, version: "1" },
        paths: { "/x": { post: { requestBody: { content: { "application/json": { schema: o } } }, responses: { 200: { description: "ok" } } } } },
      };
      const v = new Validator();
      const res = await v.validate(doc);
      assert.equal(res.valid, true, `${id} strict=${strict}: ${JSON.stringify(res.errors)?.slice(0, 2000)}`);
      // ajv reads OpenAPI's `nullable`; `example` is an annotation.
      const ajv = new Ajv07({ ...AJV, strict: false });
      const a30 = ajv.compile(o);
      const a2020 = new Ajv2020(AJV).compile(wr.jsonSchema(id, { strict }));
      for (const c of bodies.filter((c) => c.endpoint === id)) {
        assert.equal(a30(c.body), a2020(c.body), `${id} strict=${strict} ${JSON.stringify(c.body).slice(0, 300)}`);
      }
    }
  }
});
