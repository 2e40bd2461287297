// The Standard Schema objects in the libraries that take them, installed from npm (the
// repository's devDependencies): react-hook-form's standardSchemaResolver, TanStack Form's
// FormApi, tRPC v11's .input() through a caller, Hono's sValidator. For each, a valid body goes
// through and an invalid one gives our path and message in the library's own error structure.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as wr from "workspace-requests";
import { standardSchemaResolver } from "@hookform/resolvers/standard-schema";
import { FieldApi, FormApi } from "@tanstack/form-core";
import { initTRPC, TRPCError } from "@trpc/server";
import { Hono } from "hono";
import { sValidator } from "@hono/standard-validator";

const ID = "paradigm.updateWorkspace";
const schema = wr.schemas[ID];
const GOOD = { name: "Renamed", members: { users: [{ id: 1, role: "owner" }] } };
const BAD = { name: "", members: { users: [{ id: 1, role: "owner" }, { id: 2, role: "boss" }] } };
const ours = wr.validate(ID, BAD);
const message = (pointer) => ours.issues.find((i) => i.path === pointer).message;

test("our report on the invalid body has the two issues the consumers must show", () => {
  assert.deepEqual(ours.issues.map((i) => [i.path, i.code]), [["/name", "too_short"], ["/members/users/1/role", "invalid_enum"]]);
});

test("react-hook-form: standardSchemaResolver puts our messages at each field", async () => {
  const resolver = standardSchemaResolver(schema);
  const options = { fields: {}, shouldUseNativeValidation: false };
  assert.deepEqual(await resolver(GOOD, undefined, options), { values: GOOD, errors: {} });
  const bad = await resolver(BAD, undefined, options);
  assert.deepEqual(bad.values, {});
  assert.equal(bad.errors.name.message, message("/name"));
  assert.ok(Array.isArray(bad.errors.members.users), "an index is an array element");
  assert.equal(bad.errors.members.users[1].role.message, message("/members/users/1/role"));
});

test("TanStack Form: FormApi with our schema as a validator maps issues to its fields", async () => {
  const form = new FormApi({ defaultValues: BAD, validators: { onSubmit: schema } });
  form.mount();
  const name = new FieldApi({ form, name: "name" });
  name.mount();
  const role = new FieldApi({ form, name: "members.users[1].role" });
  role.mount();
  await form.handleSubmit();
  assert.equal(form.state.canSubmit, false);
  assert.deepEqual(name.state.meta.errors.map((e) => e.message), [message("/name")]);
  assert.deepEqual(role.state.meta.errors.map((e) => [e.message, e.code, e.pointer]), [[message("/members/users/1/role"), "invalid_enum", "/members/users/1/role"]]);
  let submitted;
  const ok = new FormApi({ defaultValues: GOOD, validators: { onSubmit: schema }, onSubmit: ({ value }) => (submitted = value) });
  ok.mount();
  await ok.handleSubmit();
  assert.deepEqual(submitted, GOOD);
});

test("tRPC v11: .input(schema) through a caller: the value, or a BAD_REQUEST carrying our issues", async () => {
  const t = initTRPC.create();
  const router = t.router({ update: t.procedure.input(schema).mutation(({ input }) => ({ name: input.name })) });
  const caller = t.createCallerFactory(router)({});
  assert.deepEqual(await caller.update(GOOD), { name: "Renamed" });
  await assert.rejects(caller.update(BAD), (e) => {
    assert.ok(e instanceof TRPCError);
    assert.equal(e.code, "BAD_REQUEST");
    assert.deepEqual(e.cause.issues.map((i) => [i.path, i.message, i.apiCode]), [
      [["name"], message("/name"), "validation_error"],
      [["members", "users", 1, "role"], message("/members/users/1/role"), "validation_error"],
    ]);
    return true;
  });
});

test("Hono: sValidator('json', schema) passes the body on, or answers 400 with our issues", async () => {
  const app = new Hono();
  app.post("/workspaces", sValidator("json", schema), (c) => c.json({ name: c.req.valid("json").name }));
  const post = (body) => app.request("/workspaces", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });
  const good = await post(GOOD);
  assert.equal(good.status, 200);
  assert.deepEqual(await good.json(), { name: "Renamed" });
  const bad = await post(BAD);
  assert.equal(bad.status, 400);
  const answer = await bad.json();
  assert.deepEqual(answer.error.map((i) => [i.path, i.message, i.code]), [
    [["name"], message("/name"), "too_short"],
    [["members", "users", 1, "role"], message("/members/users/1/role"), "invalid_enum"],
  ]);
});
