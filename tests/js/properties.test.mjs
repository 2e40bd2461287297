// fast-check properties over the installed package: hostile values anywhere in a body (getters,
// Proxies, toJSON, boxed primitives, Dates, class instances, sparse and huge arrays, long keys,
// values JSON cannot hold, re-entrant calls), what is validated is what is sent, and secrets never
// shown. Each property runs twice with the same seed: the first pass is the warm-up (the table and
// memory reach the high-water mark of the values alive at once), and the second must leave the
// externref table and wasm memory exactly as the first left them; then the same instance still
// validates a known body.
import { test } from "node:test";
import assert from "node:assert/strict";
import fc from "fast-check";
import { wr, table, memory } from "./instance.mjs";

const IDS = wr.endpoints().map((e) => e.id);
const CW = "databrain.createWorkspace";
const SEED = Number(process.env.WR_FUZZ_SEED ?? 0x5eed) >>> 0;
const RUNS = Number(process.env.WR_PROPERTY_RUNS ?? 600);
const okBody = () => ({ name: "W", connectionType: "MULTI_DATASOURCE" });

/** Runs the property twice with one seed; the second pass may not grow the table or memory. */
function twice(name, property) {
  fc.assert(property, { seed: SEED, numRuns: RUNS });
  const warm = { table: table(), memory: memory() };
  fc.assert(property, { seed: SEED, numRuns: RUNS });
  assert.deepEqual({ table: table(), memory: memory() }, warm, `${name}: the second pass grew the externref table or wasm memory`);
  assert.deepEqual(wr.validate(CW, okBody()), { ok: true, issues: [], warnings: [] }, `${name}: the instance still validates`);
}

/** A value as a hostile caller may pass it, built around `inner`. */
const hostile = (inner) =>
  fc.oneof(
    inner,
    inner.map((v) => ({ toJSON: () => v })),
    inner.map((v) => new Proxy(typeof v === "object" && v !== null ? v : { v }, {})),
    fc.constant(new Proxy({}, { ownKeys() { throw new Error("trap"); }, get() { throw new Error("trap"); } })),
    inner.map((v) => {
      const o = {};
      Object.defineProperty(o, "k", { enumerable: true, get: () => v });
      return o;
    }),
    fc.constant(Object.defineProperty({}, "boom", { enumerable: true, get() { throw new Error("getter"); } })),
    fc.boolean().map((b) => new Boolean(b)),
    fc.string().map((s) => new String(s)),
    fc.date({ noInvalidDate: false }),
    fc.constant(new (class Thing { constructor() { this.name = "W"; } })()),
    // Sparse arrays, now and then the largest one.
    fc.nat(50).map((n) => new Array(n === 50 ? 2 ** 32 - 1 : n)),
    fc.string({ minLength: 1 }).map((k) => ({ [k.repeat(2000)]: 1 })),
    fc.constantFrom(undefined, NaN, Infinity, -0, 10n, Symbol("s"), () => 1),
    // Re-entrant: a getter that calls the package again.
    fc.constant(
      Object.defineProperty({}, "again", {
        enumerable: true,
        get() {
          try {
            wr.validate(CW, {});
          } catch {
            // refused: the package is mid-call
          }
          return 1;
        },
      }),
    ),
  );

const json = fc.jsonValue({ maxDepth: 4 });
const anyValue = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, hostile(json), fc.array(tie("value"), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 12 }), tie("value"), { maxKeys: 4 })),
})).value;

/** A valid body of `id`, with `value` put at a random place (key or element). */
const BASES = {
  "databrain.createWorkspace": () => okBody(),
  "databrain.updateWorkspace": () => okBody(),
  "databrain.createDatasource": () => ({ datasourceType: "postgres", credentials: { name: "p", host: "h", port: 5432 } }),
  "databrain.updateDatasource": () => ({ datasourceType: "csv", credentials: { name: "c" }, tenancySettings: { tenancyLevel: "DATABASE" } }),
  "paradigm.updateWorkspace": () => ({ name: "W", members: { users: [{ id: 1 }] } }),
  "paradigm.testDatasource": () => ({ type: "webscrapper", name: "S", filter_criteria: { start_url: "https://x" } }),
};
const KEYS = ["name", "connectionType", "credentials", "port", "host", "members", "users", "id", "role", "tenancySettings", "extra", "__proto__", "constructor"];
const placed = fc.record({ id: fc.constantFrom(...IDS), path: fc.array(fc.constantFrom(...KEYS), { minLength: 1, maxLength: 3 }), value: anyValue }).map(({ id, path, value }) => {
  const body = BASES[id]();
  const own = (o, k, v) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  let at = body;
  for (const k of path.slice(0, -1)) {
    // Own properties only: "__proto__" must never lead into Object.prototype.
    let next = Object.getOwnPropertyDescriptor(at, k)?.value;
    if (Array.isArray(next) && next[0] !== null && typeof next[0] === "object") next = next[0];
    if (next === null || typeof next !== "object") own(at, k, (next = {}));
    at = next;
  }
  own(at, path[path.length - 1], value);
  return { id, body };
});

test("validate never throws and answers a well-formed report for any value anywhere", () => {
  twice(
    "validate",
    fc.property(placed, fc.boolean(), ({ id, body }, strict) => {
      const r = wr.validate(id, body, { strict });
      assert.deepEqual(Object.keys(r).sort(), ["issues", "ok", "warnings"]);
      assert.equal(r.ok, r.issues.length === 0);
      for (const f of [...r.issues, ...r.warnings]) {
        assert.ok(f.path === "" || f.path.startsWith("/"));
        assert.ok(typeof f.message === "string" && f.message.length > 0 && f.message.length < 4000);
      }
      for (const w of r.warnings) assert.equal(w.apiCode, null);
    }),
  );
});

/** The data validate() reads in a value: own enumerable keys, undefined as absent. */
function asRead(v) {
  // JSON has one zero: -0 is sent as 0.
  if (Object.is(v, -0)) return 0;
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return Array.from(v, asRead);
  const out = {};
  for (const k of Object.keys(v)) if (v[k] !== undefined) Object.defineProperty(out, k, { value: asRead(v[k]), enumerable: true, writable: true, configurable: true });
  return out;
}

test("what is validated is what is sent: a valid body is sent as the data validate read, or refused", () => {
  let sent = 0;
  twice(
    "buildRequest",
    fc.property(placed, ({ id, body }) => {
      if (!wr.validate(id, body).ok) return;
      let request;
      try {
        request = wr.buildRequest(id, body, { token: "t", id: id.startsWith("paradigm.") ? 1 : undefined });
      } catch (e) {
        assert.ok(e instanceof TypeError || e instanceof wr.ValidationError, String(e));
        return;
      }
      assert.deepEqual(JSON.parse(request.body), asRead(body));
      sent++;
    }),
  );
  assert.ok(sent > 0, "some bodies were sent");
});

test("secrets in secret fields and under secret-looking keys never show in previews or messages", () => {
  const secret = fc.string({ minLength: 12, maxLength: 40, unit: fc.constantFrom(..."ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789") }).map((s) => `Sx${s}`);
  const key = fc.constantFrom("password", "secretAccessKey", "privateKey", "token", "clientSecret", "dbPassword", "apiKey", "p@ssword", "dsn", "keyfile", "connectionString");
  const type = fc.constantFrom(...wr.describe("databrain.updateDatasource").body.union.variants.map((v) => v.value));
  twice(
    "secrets",
    fc.property(secret, key, type, fc.constantFrom("string", "array", "object"), (s, k, t, shape) => {
      const value = shape === "string" ? s : shape === "array" ? [s] : { s };
      const body = { datasourceType: t, credentials: { name: "n", [k]: value } };
      const request = { endpoint: "databrain.updateDatasource", method: "PUT", url: "https://x/api/v2/datasource", headers: { Authorization: `Bearer ${s}` }, body: JSON.stringify(body) };
      const shown = [wr.toCurl(request), JSON.stringify(wr.redactRequest(request)), JSON.stringify(wr.validate("databrain.updateDatasource", body)), JSON.stringify(wr.validate("databrain.updateDatasource", body, { strict: true }))];
      for (const text of shown) assert.ok(!text.includes(s), text);
    }),
  );
});
