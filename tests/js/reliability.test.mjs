// Nothing a caller passes can break the instance, hang it, or make it send what it did not
// validate. Each test ends by checking that the same instance still validates a known body, and
// the last ones that the externref table and wasm memory did not grow past their warmed-up size.
//
// The package's WebAssembly instance is captured while it loads (./instance.mjs), to read its
// memory and externref table.
import { test } from "node:test";
import assert from "node:assert/strict";
import { prng } from "./prng.mjs";
import { wr, captured, table, memory } from "./instance.mjs";
import { startMock } from "../../mock/start.mjs";

const CW = "databrain.createWorkspace";
const PATCH = "paradigm.updateWorkspace";
const okBody = () => ({ name: "W", connectionType: "MULTI_DATASOURCE" });
function stillWorks() {
  assert.deepEqual(wr.validate(CW, okBody()), { ok: true, issues: [], warnings: [] });
  assert.deepEqual(wr.validate(CW, {}).issues.map((i) => i.path), ["/name", "/connectionType"]);
}

test("the instance was captured", () => {
  assert.ok(captured, "the package's wasm instance");
  assert.ok(table() > 0 && memory() > 0);
});

test("re-entrant calls from getters, Proxy traps and toJSON are refused cleanly", () => {
  const inner = [];
  const call = (f) => {
    try {
      f();
      inner.push("returned");
    } catch (e) {
      inner.push(e instanceof TypeError && /called from inside a value it was reading/.test(e.message) ? "refused" : `other: ${e}`);
    }
  };
  const users = [];
  Object.defineProperty(users, 0, {
    enumerable: true,
    get() {
      call(() => wr.validate(CW, {}));
      return { id: 1 };
    },
  });
  assert.equal(wr.validate(PATCH, { members: { users } }).ok, true);
  // A Proxy trap that calls every entry point.
  const trap = new Proxy(
    { id: 1 },
    {
      get(target, key) {
        call(() => wr.validate(CW, okBody()));
        call(() => wr.validateMany(CW, [okBody()]));
        call(() => wr.toCurl({ method: "GET", url: "https://x" }));
        call(() => wr.redactRequest({ method: "GET", url: "https://x" }));
        call(() => wr.buildRequest(CW, okBody(), { token: "t" }));
        return target[key];
      },
    },
  );
  const r = wr.validate(PATCH, { members: { users: [trap] } });
  assert.equal(r.ok, true, JSON.stringify(r));
  assert.ok(inner.length >= 6 && inner.every((x) => x === "refused"), inner.join(", "));
  // toJSON runs while buildRequest serialises: not inside the module, so calls there are allowed.
  const body = { ...okBody(), toJSON() { return wr.validate(CW, okBody()).ok ? okBody() : {}; } };
  assert.throws(() => wr.buildRequest(CW, body, { token: "t" }), (e) => e instanceof TypeError || e instanceof wr.ValidationError);
  // A getter of validateMany's array reading validate.
  const bodies = [];
  Object.defineProperty(bodies, 0, { enumerable: true, get: () => (call(() => wr.validate(CW, {})), okBody()) });
  assert.deepEqual(wr.validateMany(CW, bodies).map((x) => x.ok), [true]);
  stillWorks();
});

test("no caller exception unwinds through wasm: bad requests are TypeErrors, thousands of times", () => {
  const boom = () => {
    throw new Error("caller-secret-in-message");
  };
  const request = wr.buildRequest(CW, okBody(), { token: "t" });
  const before = table();
  const bad = [
    { ...request, headers: new Proxy({}, { ownKeys: boom }) },
    { ...request, get headers() { return boom(); } },
    { ...request, get url() { return boom(); } },
    new Proxy({}, { get: boom }),
    { ...request, method: 5 },
    { ...request, body: {} },
    { ...request, headers: "x" },
    null,
    "a string",
  ];
  for (let i = 0; i < 5000; i++) {
    const r = bad[i % bad.length];
    for (const f of [wr.toCurl, wr.redactRequest]) {
      assert.throws(() => f(r), (e) => e instanceof TypeError && !e.message.includes("caller-secret"));
    }
  }
  // A body that is not JSON: redacted whole, and no table slot kept per call.
  for (let i = 0; i < 5000; i++) {
    assert.equal(wr.redactRequest({ ...request, body: "{not json" }).body, "<redacted>");
    wr.toCurl({ ...request, body: "{not json" });
  }
  assert.equal(table(), before, "the externref table did not grow");
  stillWorks();
});

test("bounded work: sparse and huge arrays, many keys, long keys", () => {
  const t0 = Date.now();
  const sparse = wr.validate("databrain.updateDatasource", { datasourceType: "csv", credentials: { name: "c", x: new Array(2 ** 32 - 1) } });
  assert.deepEqual(sparse.issues.map((i) => [i.path, i.code]), [["", "invalid_value"]]);
  assert.match(sparse.issues[0].message, /more than 1000000 values/);
  const huge = wr.validate(PATCH, { members: { users: new Array(600_000).fill({ id: 1 }) } });
  assert.deepEqual(huge.issues.map((i) => [i.path, i.code]), [["", "invalid_value"]]);
  const infinite = new Proxy([], { get: (t, k) => (k === "length" ? Infinity : { id: 1 }) });
  assert.equal(wr.validate(PATCH, { members: { users: infinite } }).ok, false);
  const manyKeys = Object.fromEntries(Array.from({ length: 200_000 }, (_, i) => [`k${i}`, i]));
  const keyed = wr.validate("databrain.createDatasource", { datasourceType: "csv", credentials: { name: "c", ...manyKeys } });
  assert.equal(keyed.ok, true);
  assert.ok(Date.now() - t0 < 20_000, `bounded time: ${Date.now() - t0} ms`);
  // One 10 MB key, repeated in 60 members: never copied whole (paths and messages hold 1,024 units).
  const memBefore = memory();
  const long = "k".repeat(1e7);
  const r = wr.validate(PATCH, { members: { users: Array.from({ length: 60 }, () => ({ id: 1, [long]: 1 })) } });
  assert.equal(r.warnings.length, 60);
  assert.equal(r.warnings[0].path, `/members/users/0/${"k".repeat(1024)}`);
  assert.ok(r.warnings.every((w) => w.message.length < 1000));
  assert.ok(memory() - memBefore < 16 * 2 ** 20, `wasm memory grew by ${memory() - memBefore} bytes`);
  stillWorks();
});

/** The data validate() reads in a value: own enumerable keys, undefined as absent. */
function asRead(v) {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return Array.from(v, asRead);
  const out = {};
  for (const k of Object.keys(v)) if (v[k] !== undefined) out[k] = asRead(v[k]);
  return out;
}

test("what is validated is what is sent (property over hostile values)", () => {
  const rand = prng(0x5e27);
  const pick = (list) => list[Math.floor(rand() * list.length)];
  class Named {
    constructor(name) {
      this.name = name;
      this.connectionType = "MULTI_DATASOURCE";
    }
  }
  const makers = [
    () => okBody(),
    () => new Named("W"),
    () => ({ ...okBody(), toJSON: () => ({ name: 5 }) }),
    () => ({ ...okBody(), toJSON: () => true }),
    () => ({ ...okBody(), isEnableMetricSummary: new Boolean(false) }),
    () => ({ ...okBody(), themeName: new String("dark") }),
    () => ({ ...okBody(), llmName: new Date(0) }),
    () => ({ ...okBody(), aiCopilotLlms: ["a", undefined] }),
    () => ({ ...okBody(), extra: () => 1 }),
    () => new Proxy(okBody(), {}),
    () => {
      const o = { connectionType: "MULTI_DATASOURCE" };
      Object.defineProperty(o, "name", { enumerable: true, get: () => "W" });
      return o;
    },
    () => {
      let n = 0;
      const o = { connectionType: "MULTI_DATASOURCE" };
      Object.defineProperty(o, "name", { enumerable: true, get: () => (n++ % 2 ? 5 : "W") });
      return o;
    },
    () => ({ ...okBody(), aiCopilotLlms: Object.assign(["gpt"], { toJSON: () => [] }) }),
    () => ({ ...okBody(), themeName: "t", llmName: undefined }),
  ];
  let sent = 0;
  let refused = 0;
  for (let i = 0; i < 3000; i++) {
    const make = pick(makers);
    const v = make();
    if (!wr.validate(CW, v).ok) continue;
    let request;
    try {
      request = wr.buildRequest(CW, make(), { token: "t" });
    } catch (e) {
      assert.ok(e instanceof TypeError || e instanceof wr.ValidationError, String(e));
      refused++;
      continue;
    }
    assert.deepEqual(JSON.parse(request.body), asRead(make()), `sent what was validated (${make})`);
    sent++;
  }
  assert.ok(sent > 100 && refused > 100, `${sent} sent, ${refused} refused`);
  stillWorks();
});

test("table and memory stay at their warmed-up size over 10^6 mixed validations", () => {
  const bodies = [okBody(), {}, { ...okBody(), colour: 1 }, { name: 5 }, null, "x", { members: 1 }];
  const request = wr.buildRequest(CW, okBody(), { token: "t" });
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      wr.validate(CW, bodies[i % bodies.length]);
      wr.validate(PATCH, { members: { users: [{ id: i }, { id: 0 }] } }, { strict: i % 2 === 0 });
      if (i % 10 === 0) {
        wr.toCurl(request);
        wr.redactRequest({ ...request, body: "{bad" });
        try {
          wr.buildRequest(CW, bodies[i % bodies.length], { token: "t" });
        } catch {
          // Invalid bodies are refused; only the sizes matter here.
        }
      }
    }
  };
  round(20_000);
  const warm = { table: table(), memory: memory() };
  // Two validations per round: 10^6 in all.
  round(500_000);
  assert.deepEqual({ table: table(), memory: memory() }, warm);
  stillWorks();
});

test("table and memory stay at their warmed-up size over 10^4 client calls through every fault of the mock", async () => {
  const mock = await startMock();
  const admin = (method, path, body) =>
    fetch(`${mock.url}${path}`, { method, headers: { "content-type": "application/json" }, body: body && JSON.stringify(body) }).then((r) => r.json());
  const client = new wr.DatabrainClient({ token: mock.token, baseUrl: mock.url, timeoutMs: 2000 });
  const paradigm = new wr.ParadigmClient({ token: mock.token, baseUrl: mock.url });
  const bad = new wr.DatabrainClient({ token: "wrong", baseUrl: mock.url });
  const FAULTS = [null, "malformed", "empty", "wrong-shape", "status=500", "status=503", "status=429", "code=SCHEMA_CACHE_FAILED", "drop", "status=404"];
  const outcomes = new Map();
  const call = async (i) => {
    const fault = FAULTS[i % FAULTS.length];
    if (fault) await admin("POST", "/__mock/faults", { fault, count: 1 });
    const which = i % 4;
    try {
      if (which === 0) await client.createWorkspace({ name: `Workspace ${i}`, connectionType: "MULTI_DATASOURCE" });
      else if (which === 1) await paradigm.updateWorkspace(101, { description: `d${i}` });
      else if (which === 2) await bad.createWorkspace({ name: `W${i}`, connectionType: "MULTI_DATASOURCE" });
      else await client.createWorkspace({ name: "", connectionType: "MULTI_DATASOURCE" });
      outcomes.set("ok", (outcomes.get("ok") ?? 0) + 1);
    } catch (e) {
      outcomes.set(e.name, (outcomes.get(e.name) ?? 0) + 1);
      await admin("DELETE", "/__mock/faults");
    }
  };
  try {
    for (let i = 0; i < 1000; i++) await call(i);
    const warm = { table: table(), memory: memory() };
    for (let i = 0; i < 10_000; i++) await call(i);
    assert.deepEqual({ table: table(), memory: memory() }, warm);
    for (const name of ["ok", "ApiError", "ResponseError", "NetworkError", "ValidationError"]) assert.ok(outcomes.get(name) > 0, `${name}: ${[...outcomes]}`);
  } finally {
    await mock.close();
  }
  stillWorks();
});
