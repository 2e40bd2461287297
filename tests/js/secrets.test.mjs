// Secrets never leak through the installed package: thousands of random secrets, under every key a
// word list would miss, in the credentials of every datasource type of both APIs, in credential
// headers and in URLs. toCurl and redactRequest must hide them (unless revealSecrets), and no
// validation message or error text may contain them.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as wr from "workspace-requests";
import { prng } from "./prng.mjs";

const rand = prng(Number(process.env.WR_FUZZ_SEED ?? 0x5ec2e7) >>> 0);
const pick = (list) => list[Math.floor(rand() * list.length)];
const CHARS = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%+-_=~@:/?&";
const secret = () => {
  let s = "Sx";
  const n = 12 + Math.floor(rand() * 30);
  for (let i = 0; i < n; i++) s += CHARS[Math.floor(rand() * CHARS.length)];
  return s;
};

/** Keys a word list misses: all must be hidden inside credentials. */
const TRICKY_KEYS = [
  "service_account_file", "serviceAccountJson", "keyfile", "pem", "jwt", "auth", "signature", "connectionString",
  "dsn", "p@ssword", "p\u0430ssword", "passw0rd", "sslkey", "sslcert", "sslrootcert", "note", "extra", "options", "url",
];
/** Unknown keys outside credentials whose names look secret. */
const SECRET_LOOKING = ["dbPassword", "apiKey", "client_secret", "privateKeyPem", "serviceAccountJson", "p@ssword", "p\u0430ssword", "jwt", "auth", "accessToken"];

const DATABRAIN_TYPES = wr.describe("databrain.updateDatasource").body.union.variants.map((v) => v.value);
const PARADIGM_TYPES = wr.describe("paradigm.testDatasource").body.union.variants.map((v) => v.value);

/** Everything the package shows about a request, redacted. */
function shownOf(request) {
  const curl = wr.toCurl(request);
  const redacted = wr.redactRequest(request);
  return `${curl}\n${JSON.stringify(redacted)}`;
}

/** A built request with extra headers (as a caller or a proxy adds them). */
function withHeaders(request, s) {
  return {
    ...request,
    url: request.url.replace("://", `://user:${encodeURIComponent(s)}@`),
    headers: {
      ...request.headers,
      "Proxy-Authorization": `Basic ${s}`,
      Cookie: `session=${s}`,
      "X-Api-Key": s,
      "X-Auth-Token": s,
    },
  };
}

test("toCurl and redactRequest hide every value inside credentials but the known non-secret ones", () => {
  let checked = 0;
  for (let round = 0; round < 40; round++) {
    for (const type of DATABRAIN_TYPES) {
      const s = secret();
      const key = pick(TRICKY_KEYS);
      const credentials = { name: `ds-${round}`, [key]: pick([s, { nested: s }, [s], `{"private_key":"${s}"}`]) };
      const id = pick(["databrain.createDatasource", "databrain.updateDatasource"]);
      const request = wr.buildRequest(id, { datasourceType: type, credentials }, { token: `tok-${s}` });
      const shown = shownOf(withHeaders(request, s));
      assert.ok(!shown.includes(s) && !shown.includes(encodeURIComponent(s)), `${type} ${key}: ${shown}`);
      assert.ok(shown.includes(`"name":"ds-${round}"`) || shown.includes(`\\"name\\":\\"ds-${round}\\"`), `the name stays visible: ${shown}`);
      // Revealed on request only.
      assert.ok(wr.toCurl(request, { revealSecrets: true }).includes(JSON.stringify(credentials[key]).slice(1, 10)));
      checked++;
    }
    for (const type of PARADIGM_TYPES) {
      const s = secret();
      const key = pick(TRICKY_KEYS);
      const credentials = { [key]: s };
      const body = { type, name: `P-${round}`, credentials, filter_criteria: {} };
      // Built by hand: such a body has issues, but a caller may log any request.
      const request = { endpoint: "paradigm.testDatasource", method: "POST", url: "https://api.lighton.ai/api/v3/workspaces/1/datasource/test", headers: { Authorization: `Bearer ${s}` }, body: JSON.stringify(body) };
      const shown = shownOf(withHeaders(request, s));
      assert.ok(!shown.includes(s) && !shown.includes(encodeURIComponent(s)), `${type} ${key}: ${shown}`);
      checked++;
    }
  }
  assert.ok(checked >= 800, `${checked} requests`);
});

test("credential headers of any scheme, and user info in URLs, are hidden", () => {
  const request = wr.buildRequest("databrain.createWorkspace", { name: "W", connectionType: "MULTI_DATASOURCE" }, { token: "t0k3n-SECRET" });
  for (let i = 0; i < 500; i++) {
    const s = secret();
    const auth = pick([`Bearer ${s}`, `bearer ${s}`, `Token ${s}`, `Basic ${s}`, s, `${s} trailing`, `ApiKey ${s}`]);
    const headers = { ...request.headers, Authorization: auth, [pick(["Cookie", "X-Api-Key", "api-key", "X-Access-Token", "Proxy-Authorization"])]: s };
    const shown = shownOf({ ...request, headers, url: `https://u:${s.replace(/[/?#@]/g, "x")}@bi.example.com/api/v2/workspace` });
    assert.ok(!shown.includes(s) && !shown.includes(s.replace(/[/?#@]/g, "x")), shown);
  }
  const curl = wr.toCurl(request);
  assert.match(curl, /--header "Authorization: Bearer \$\{DATABRAIN_TOKEN\}"/);
  assert.ok(!curl.includes("t0k3n-SECRET"));
  assert.ok(wr.toCurl(request, { revealSecrets: true }).includes("t0k3n-SECRET"));
});

test("secret-looking unknown keys, strings in object slots and key material are hidden outside credentials too", () => {
  for (let i = 0; i < 300; i++) {
    const s = secret();
    const bodies = [
      ["databrain.createWorkspace", { name: "W", connectionType: "MULTI_DATASOURCE", [pick(SECRET_LOOKING)]: s }],
      ["databrain.updateDatasource", { datasourceType: "csv", credentials: { name: "c" }, [pick(SECRET_LOOKING)]: { deep: [s] } }],
      ["paradigm.updateWorkspace", { name: "W", members: { users: [{ id: 1, [pick(SECRET_LOOKING)]: s }] } }],
      ["databrain.createWorkspace", { name: `-----BEGIN PRIVATE KEY-----\n${s}`, connectionType: "MULTI_DATASOURCE" }],
    ];
    for (const [id, body] of bodies) {
      const request = { ...wr.buildRequest(id, body, { token: "t", id: id.startsWith("paradigm") ? 1 : undefined }) };
      assert.ok(!shownOf(request).includes(s), `${id}: ${shownOf(request)}`);
    }
    // Strings where an object belongs (built by hand: validation refuses them).
    const request = { endpoint: "databrain.updateDatasource", method: "PUT", url: "https://x/api/v2/datasource", headers: {}, body: JSON.stringify({ datasourceType: "postgres", credentials: JSON.stringify({ password: s }) }) };
    assert.ok(!shownOf(request).includes(s), shownOf(request));
  }
});

test("no validation message or error text quotes a secret", () => {
  let checked = 0;
  for (let i = 0; i < 300; i++) {
    const s = secret();
    const cases = [
      // A double-encoded object, a string body, Paradigm credentials / datasource as strings.
      ["databrain.updateDatasource", { datasourceType: "postgres", credentials: JSON.stringify({ password: s }) }],
      ["databrain.createWorkspace", JSON.stringify({ password: s })],
      ["databrain.createWorkspace", s],
      ["paradigm.testDatasource", { type: "sharepoint", name: "S", credentials: JSON.stringify({ client_secret: s }), filter_criteria: {} }],
      ["paradigm.updateWorkspace", { datasource: JSON.stringify({ type: "servicenow", credentials: { password: s } }) }],
      ["paradigm.updateWorkspace", { members: s }],
      // Key material in non-secret fields.
      ["databrain.createWorkspace", { name: "W", connectionType: `-----BEGIN RSA PRIVATE KEY-----${s}` }],
      ["databrain.updateDatasource", { datasourceType: "postgres", credentials: { name: "p", port: `-----BEGIN-----${s}`, sslMode: `-----BEGIN-----${s}` } }],
      // Secret values under secret-looking unknown keys, and in secret fields of the wrong type.
      ["databrain.createWorkspace", { name: "W", connectionType: "MULTI_DATASOURCE", [pick(SECRET_LOOKING)]: [s] }],
      ["databrain.updateDatasource", { datasourceType: pick(DATABRAIN_TYPES), credentials: { name: "n", password: [s], secretAccessKey: { s }, privateKey: 5, token: [s] } }],
      ["paradigm.testDatasource", { type: "googledrive", name: "D", credentials: { service_account_file: `{"private_key":"${s}"` }, filter_criteria: { folder_id: "f" } }],
    ];
    for (const [id, body] of cases) {
      for (const options of [undefined, { strict: true }]) {
        const r = wr.validate(id, body, options);
        const text = JSON.stringify(r);
        assert.ok(!text.includes(s), `${id}: ${text}`);
        try {
          wr.buildRequest(id, body, { token: "t", id: id.startsWith("paradigm") ? 1 : undefined, ...options });
        } catch (e) {
          assert.ok(!String(e.message).includes(s) && !JSON.stringify(e).includes(s), `${id}: ${e.message}`);
        }
        checked++;
      }
    }
  }
  assert.ok(checked >= 6000, `${checked} validations`);
});

test("a double-encoded body says so, without quoting it", () => {
  const r = wr.validate("databrain.updateDatasource", { datasourceType: "postgres", credentials: '{"password":"hunter2"}' });
  assert.deepEqual(r.issues.map((i) => [i.path, i.code]), [["/credentials", "invalid_type"]]);
  assert.equal(r.issues[0].message, "credentials must be an object, found a string holding JSON text (send the value itself, not its JSON encoding).");
  const e = (() => {
    try {
      wr.buildRequest("databrain.updateDatasource", { datasourceType: "postgres", credentials: '{"password":"hunter2"}' }, { token: "t" });
    } catch (err) {
      return err;
    }
  })();
  assert.ok(e instanceof wr.ValidationError);
  assert.ok(!e.message.includes("hunter2"), e.message);
});
