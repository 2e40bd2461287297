// Differential check: ajv 8 (draft 2020-12), compiled from jsonSchema(id, {strict}), must agree
// with validate(id, body, {strict}).ok, in the default mode and in strict mode, on (a) every body
// the Rust tests validated (WR_CORPUS, with their expected `ok` and `strictOk`), (b) 30,000 bodies
// per mode generated from valid seeds by random mutations (seeded, deterministic), and (c)
// hand-picked edge cases. json_schema.rs promises the exported schema "accepts exactly the bodies
// validate() reports without issues" in the same mode, with one documented exception: the nesting
// limit.
//
// ajv treats contentMediaType/contentSchema as annotations; JSON Schema 2020-12 lets an
// implementation assert them, and our schema uses them for "a string holding a JSON object", so
// contentSchema is replaced by an asserting keyword (see contentAssertingAjv).
import { test } from "node:test";
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import * as wr from "workspace-requests";
import { prng } from "./prng.mjs";

const require = createRequire(import.meta.url);
const Ajv2020 = require("ajv/dist/2020.js").default;
const AJV_VERSION = require("ajv/package.json").version;

const IDS = wr.endpoints().map((e) => e.id);
const SEED = Number(process.env.WR_FUZZ_SEED ?? 0x5eed2025) >>> 0;
const PER_ENDPOINT = Number(process.env.WR_FUZZ_COUNT ?? 5000);

// ---------------------------------------------------------------------------------------------
// ajv, strict, with contentSchema asserted.

/**
 * Ajv options: strict mode in full except `strictRequired`. Our schemas put `required` in
 * `allOf[i].then` (a cross-field rule: "datasourceName is required when connectionType is
 * DATASOURCE") while the property is declared two levels up, in the object's `properties`; that is
 * valid JSON Schema, but ajv's strictRequired lint only looks at the same and the parent schema
 * object and throws "required property ... is not defined". The test below pins that this is the
 * only strict-mode complaint.
 */
const AJV_OPTIONS = { allErrors: true, strict: true, strictRequired: false };

/**
 * An Ajv2020 whose `contentSchema` asserts: when the sibling `contentMediaType` is
 * "application/json", a string must JSON.parse and the parsed value must validate against the
 * contentSchema. ajv 8.20 registers contentMediaType/contentEncoding/contentSchema as
 * annotation-only keywords of the content vocabulary; `removeKeyword("contentSchema")` drops it from
 * the known keywords (checked below), so it can be added again with a validating definition.
 */
function contentAssertingAjv(options = AJV_OPTIONS) {
  const ajv = new Ajv2020(options);
  assert.equal(ajv.RULES.keywords.contentSchema, true, "ajv knows contentSchema as an annotation");
  ajv.removeKeyword("contentSchema");
  assert.equal(ajv.RULES.keywords.contentSchema, undefined, "removeKeyword dropped it");
  ajv.addKeyword({
    keyword: "contentSchema",
    schemaType: ["object", "boolean"],
    compile(schema, parentSchema) {
      const inner = ajv.compile(schema);
      const asJson = parentSchema.contentMediaType === "application/json";
      const check = (data) => {
        check.errors = null;
        if (!asJson || typeof data !== "string") return true; // `type` reports other kinds
        let decoded;
        try {
          decoded = JSON.parse(data);
        } catch (e) {
          check.errors = [{ keyword: "contentSchema", message: `must be JSON text (${e.message})`, params: {} }];
          return false;
        }
        if (inner(decoded)) return true;
        check.errors = [{ keyword: "contentSchema", message: "decoded content must match contentSchema", params: { errors: inner.errors } }];
        return false;
      };
      return check;
    },
  });
  return ajv;
}

/** The two modes: unknown keys of documented objects are warnings (default) or issues (strict). */
const MODES = [
  { name: "default", strict: false },
  { name: "strict", strict: true },
];
const ajv = contentAssertingAjv();
const ajvValidate = Object.fromEntries(
  MODES.map((m) => [m.name, Object.fromEntries(IDS.map((id) => [id, ajv.compile(wr.jsonSchema(id, { strict: m.strict }))]))]),
);

const oursOk = (id, body, mode = MODES[0]) => wr.validate(id, body, { strict: mode.strict }).ok;
const theirsOk = (id, body, mode = MODES[0]) => ajvValidate[mode.name][id](body);
const ourIssues = (id, body, mode = MODES[0]) => {
  const r = wr.validate(id, body, { strict: mode.strict });
  return { issues: r.issues.map((i) => `${i.path} ${i.code}`), warnings: r.warnings.map((i) => `${i.path} ${i.code}`) };
};
const ajvErrors = (id, body, mode = MODES[0]) => {
  const check = ajvValidate[mode.name][id];
  check(body);
  return (check.errors ?? []).map((e) => `${e.instancePath || "(root)"} ${e.keyword}: ${e.message}`);
};

function report(examples) {
  return examples
    .map((x, n) =>
      [
        `#${n + 1} ${x.endpoint} (${(x.mode ?? MODES[0]).name} mode): validate ok=${x.ours}, ajv ok=${x.theirs}${x.expected === undefined ? "" : `, corpus ok=${x.expected}`}`,
        `  body:   ${JSON.stringify(x.body)}`,
        x.how ? `  mutations: ${x.how.join("; ")}` : null,
        x.minimal ? `  minimal: ${JSON.stringify(x.minimal)}` : null,
        `  ours:   ${JSON.stringify(ourIssues(x.endpoint, x.minimal ?? x.body, x.mode))}`,
        `  ajv:    ${JSON.stringify(ajvErrors(x.endpoint, x.minimal ?? x.body, x.mode))}`,
      ]
        .filter(Boolean)
        .join("\n"),
    )
    .join("\n");
}

// ---------------------------------------------------------------------------------------------
// Setup checks.

test(`ajv ${AJV_VERSION} strict mode: strictRequired is the only complaint about our schemas`, (t) => {
  assert.equal(AJV_VERSION, "8.20.0");
  for (const id of IDS) {
    for (const strict of [false, true]) {
      // Full strict mode: only strictRequired may complain (and does, for schemas with such rules).
      try {
        new Ajv2020({ allErrors: true, strict: true }).compile(wr.jsonSchema(id, { strict }));
        t.diagnostic(`${id}: compiles in full strict mode`);
      } catch (e) {
        assert.match(e.message, /^strict mode: required property "[^"]+" is not defined at "[^"]+\/allOf\/\d+\/(then|if\/allOf\/0)" \(strictRequired\)$/, `${id}: ${e.message}`);
        t.diagnostic(`${id}: ${e.message}`);
      }
      // Everything else strict, including strictTypes and strictTuples, compiles.
      assert.doesNotThrow(() => new Ajv2020(AJV_OPTIONS).compile(wr.jsonSchema(id, { strict })), id);
    }
  }
});

test("the contentSchema keyword asserts JSON content (and plain ajv does not)", () => {
  const plain = new Ajv2020(AJV_OPTIONS).compile(wr.jsonSchema("paradigm.testDatasource"));
  const ours = ajvValidate.default["paradigm.testDatasource"];
  const body = (file) => ({ type: "googledrive", name: "D", credentials: { service_account_file: file }, filter_criteria: { folder_id: "f" } });
  for (const [file, ok] of [["{}", true], ['{"type":"service_account"}', true], ["[1,2]", false], ["not json", false], ["42", false], ["null", false], ['"s"', false]]) {
    assert.equal(ours(body(file)), ok, `asserting keyword: ${file}`);
    assert.equal(oursOk("paradigm.testDatasource", body(file)), ok, `validate: ${file}`);
    assert.equal(plain(body(file)), true, `plain ajv only annotates: ${file}`);
  }
  assert.equal(ours(body("")), false, "minLength 1");
  assert.equal(ours(body({})), false, "type string");
});

// ---------------------------------------------------------------------------------------------
// (a) The Rust tests' corpus.

function readCorpus() {
  const file = process.env.WR_CORPUS;
  assert.ok(file, "WR_CORPUS names the corpus file (scripts/test-js.sh sets it)");
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l));
}

test("(a) every body of the Rust tests' corpus: validate, ajv and the recorded ok agree", () => {
  const corpus = readCorpus();
  assert.ok(corpus.length >= 100, `corpus has ${corpus.length} lines`);
  assert.deepEqual([...new Set(corpus.map((c) => c.endpoint))].sort(), [...IDS].sort(), "every endpoint is in the corpus");
  for (const id of IDS) {
    const of = corpus.filter((c) => c.endpoint === id);
    assert.ok(of.some((c) => c.ok) && of.some((c) => !c.ok), `${id}: valid and invalid bodies`);
  }
  assert.ok(corpus.some((c) => c.ok && !c.strictOk), "the corpus has bodies only strict mode refuses");
  const bad = [];
  for (const mode of MODES) {
    for (const { endpoint, body, ok, strictOk } of corpus) {
      const expected = mode.strict ? strictOk : ok;
      assert.equal(typeof expected, "boolean", "every corpus line records both modes");
      const ours = oursOk(endpoint, body, mode);
      const theirs = theirsOk(endpoint, body, mode);
      if (ours !== expected || theirs !== expected) bad.push({ endpoint, body, ours, theirs, expected, mode });
    }
  }
  assert.equal(bad.length, 0, `${bad.length} of ${2 * corpus.length} corpus checks disagree:\n${report(bad.slice(0, 20))}`);
});

// ---------------------------------------------------------------------------------------------
// (b) Generated bodies.


/** Field names, enum values and tag values found by walking describe(id). */
function vocabulary(id) {
  const fields = new Set();
  const enums = new Set();
  const tags = new Map(); // tag field name -> values
  const seen = new Set();
  const walkType = (t) => {
    if (t.kind === "enum") t.values.forEach((v) => enums.add(v.value));
    else if (t.kind === "array") walkType(t.items);
    else if (t.kind === "nullable") walkType(t.inner);
    else if (t.kind === "object") walkObject(t.object);
  };
  const walkObject = (o) => {
    if (seen.has(o.name)) return;
    seen.add(o.name);
    const all = [...o.fields, ...(o.union?.variants.flatMap((v) => v.fields) ?? [])];
    for (const f of all) {
      fields.add(f.name);
      walkType(f.type);
    }
    if (o.union) tags.set(o.union.tag, o.union.variants.map((v) => v.value));
  };
  walkObject(wr.describe(id).body);
  return { fields: [...fields], enums: [...enums], tags };
}

const LONG = "x".repeat(101);
const BASE_PALETTE = [
  null, true, false, 0, -1, 1.5, 65535, 65536, "", "x", LONG,
  "DATASOURCE", "DATAMART", "MULTI_DATASOURCE", "TABLE", "DATABASE", "NUMBER", "self-managed", "elastic-cloud",
  "custom", "owner", "admin", "5432", "123456", "42", [], [1], {}, { a: { b: [1, { c: null }], d: "e" } },
  // A few more shapes, so that mutations also produce valid bodies and JSON-text strings.
  1, 2, 3306, ["gpt"], [{ id: 1 }], [{ id: 2, role: "editor" }], { id: 1 }, { tenancyLevel: "DATABASE" },
  { name: "n" }, "{}", '{"type":"service_account"}', "[1]", "null",
];
/** Boundary values, drawn half of the time so that nested numeric and length limits get hit. */
const BOUNDARY = [null, true, 0, -1, 1, 1.5, 65535, 65536, "", "x", LONG, "5432", [], {}];

const SEED_BODIES = {
  "databrain.createWorkspace": [
    { name: "Sales", connectionType: "DATASOURCE", datasourceName: "pg" },
    { name: "Sales", connectionType: "DATAMART", datamartName: "m" },
    { name: "W", connectionType: "MULTI_DATASOURCE" },
    { name: "W", connectionType: "MULTI_DATAMART", isEnableMetricSuggestions: false },
    {
      name: "Sales", connectionType: "DATAMART", datamartName: "sales-mart", llmName: "gpt", aiCopilotLlms: ["gpt", "claude"],
      isEnableMetricSuggestions: true, isEnableMetricSummary: true, summaryType: "custom", customSummaryPrompt: "Be brief.", themeName: "dark",
    },
    { name: "W", connectionType: "MULTI_DATAMART", isEnableMetricSummary: true, summaryType: "forecastAndTrendAnalysis" },
  ],
  "databrain.createDatasource": [],
  "paradigm.updateWorkspace": [
    {},
    { name: "Legal", description: "Contracts" },
    { description: null },
    { members: { users: [{ id: 1, role: "owner" }, { id: 2 }], groups: [{ id: 3, role: "viewer" }] } },
    { name: "Team", members: { users: [{ id: 7, role: "editor" }] } },
    { description: "", members: { groups: [{ id: 9 }] } },
  ],
  "paradigm.testDatasource": [],
};
SEED_BODIES["databrain.updateWorkspace"] = SEED_BODIES["databrain.createWorkspace"];

const CREDENTIALS = {
  postgres: { name: "pg", host: "h", port: 5432, username: "u", password: "p", database: "d", schema: "public", sslMode: "enable" },
  redshift: { name: "rs", host: "h", port: 5439, username: "u", password: "p", database: "d", schema: "public" },
  cockroachdb: { name: "c", host: "h", port: 26257, username: "u", password: "p", sslMode: "enable" },
  trino: { name: "t", host: "h", port: 8080, username: "u", password: "p", catalog: "c", sslMode: "disable" },
  mysql: { name: "m", host: "h", port: 3306, username: "u", password: "p", database: "d" },
  mongodb: { name: "mo", host: "h", port: 27017, username: "u", password: "p", database: "d" },
  clickhouse: { name: "ch", host: "h", port: 8123, username: "u", password: "p", database: "d" },
  singlestore: { name: "ss", host: "h", port: 3306, username: "u", password: "p", database: "d" },
  snowflake: { name: "s", host: "acme.snowflakecomputing.com", username: "u", authenticationMethod: "username/password", password: "p", warehouse: "w", role: "r" },
  bigquery: { name: "b", projectId: "p", serviceAccountKey: { type: "service_account" }, location: "EU" },
  databricks: { name: "d", host: "h", httpPath: "/sql/1.0", token: "t", catalog: "c", schema: "s" },
  elasticsearch: { name: "e", server_type: "self-managed", host: "https://es:9200", disableAuth: true },
  opensearch: { name: "o", server_type: "elastic-cloud", cloudId: "c", username: "u", password: "p" },
  mssql: { name: "ms", server: "sql.example.com", user: "sa", password: "p", port: 1433, database: "d", schema: "dbo" },
  awss3: { name: "s3", region: "us-east-1", accessKeyId: "a", secretAccessKey: "s", bucket: "b", path: "p", pathType: "Folder" },
  csv: { name: "sales.csv" },
  firebolt: { name: "f", clientId: "id", clientSecret: "s", account: "a", database: "d", engine: "e" },
  athena: { name: "a", region: "eu-west-1", s3OutputLocation: "s3://out/", workgroup: "w", database: "d" },
};
const TENANCY_TABLE = {
  tenancyLevel: "TABLE", clientColumnType: "NUMBER", schemaName: "public", tableName: "client_mapping",
  tableClientNameColumn: "client_id", tablePrimaryKeyColumn: "id",
};
for (const [kind, credentials] of Object.entries(CREDENTIALS)) {
  SEED_BODIES["databrain.createDatasource"].push({ datasourceType: kind, credentials });
}
SEED_BODIES["databrain.createDatasource"].push(
  { datasourceType: "postgres", credentials: CREDENTIALS.postgres, tenancySettings: TENANCY_TABLE },
  { datasourceType: "mysql", credentials: CREDENTIALS.mysql, tenancySettings: { tenancyLevel: "DATABASE" } },
  // Valid with warnings only: the documented default sent where the key is not used, a redundant
  // MSSQL key next to the one to use, and a rule whose condition field is missing.
  { datasourceType: "elasticsearch", credentials: { name: "e2", server_type: "elastic-cloud", cloudId: "c", disableAuth: false, username: "u", password: "p" } },
  { datasourceType: "mssql", credentials: { name: "m2", server: "s", user: "sa", host: "s", username: "sa" } },
  { datasourceType: "opensearch", credentials: { name: "o2", disableAuth: true } },
);
SEED_BODIES["databrain.updateDatasource"] = SEED_BODIES["databrain.createDatasource"];

const PARADIGM_DATASOURCES = [
  { type: "googledrive", name: "Drive", credentials: { service_account_file: '{"type":"service_account","private_key":"k"}' }, filter_criteria: { folder_id: "1AbC", recursive: true } },
  { type: "sharepoint", name: "SP", credentials: { client_id: "c", client_secret: "s", tenant_id: "t", site_id: "i", site_name: "Team" }, filter_criteria: { folder_path: "Shared Documents", recursive: false } },
  { type: "servicenow", name: "SN", credentials: { instance_url: "https://acme.service-now.com", username: "u", password: "p" }, filter_criteria: { doc_type: "knowledge" } },
  { type: "webscrapper", name: "Site", filter_criteria: { start_url: "https://example.com" } },
  { type: "webscrapper", name: "Site", credentials: {}, filter_criteria: { start_url: "https://example.com" } },
];
SEED_BODIES["paradigm.testDatasource"].push(...PARADIGM_DATASOURCES);
SEED_BODIES["paradigm.updateWorkspace"].push(...PARADIGM_DATASOURCES.map((d) => ({ name: "Synced", datasource: d })));

/** Containers (objects and arrays) of a value, with their JSON Pointers. */
function containers(v, pointer = "", out = []) {
  if (Array.isArray(v)) {
    out.push({ node: v, pointer, array: true });
    v.forEach((x, i) => containers(x, `${pointer}/${i}`, out));
  } else if (v !== null && typeof v === "object") {
    out.push({ node: v, pointer, array: false });
    for (const [k, x] of Object.entries(v)) containers(x, `${pointer}/${k}`, out);
  }
  return out;
}

function nearMiss(rand, key) {
  const pick = (n) => Math.floor(rand() * n);
  const i = pick(Math.max(key.length, 1));
  const letters = "abcdefghijklmnopqrstuvwxyz_";
  switch (pick(6)) {
    case 0: return key.slice(0, i) + key.slice(i + 1) || "k"; // drop a character
    case 1: return i + 1 < key.length ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2) : `${key}s`; // swap
    case 2: return key.slice(0, i) + (key[i] === key[i]?.toUpperCase() ? key[i]?.toLowerCase() : key[i]?.toUpperCase()) + key.slice(i + 1); // case
    case 3: return key.slice(0, i) + letters[pick(letters.length)] + key.slice(i); // insert
    case 4: return key.includes("_") ? key.replace("_", "") : key.replace(/[A-Z]/, (c) => `_${c.toLowerCase()}`); // snake/camel
    default: return key.toLowerCase() === key ? key.toUpperCase() : key.toLowerCase();
  }
}

function randomKey(rand) {
  const chars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
  const n = 1 + Math.floor(rand() * 12);
  let s = "";
  for (let i = 0; i < n; i++) s += chars[Math.floor(rand() * chars.length)];
  return s;
}

/** Values near `v`, of its own type and of the neighbouring ones. */
function neighbours(v) {
  if (typeof v === "number") return [v - 1, v + 1, 0, -1, 1, v + 0.5, -v, 65535, 65536, String(v), null];
  if (typeof v === "string") return ["", v + v, v.slice(1), v.toUpperCase(), v.toLowerCase(), `${v} `, LONG, v.padEnd(101, "x"), 5432, null];
  if (typeof v === "boolean") return [!v, String(v), v ? 1 : 0, null];
  return [false, 0, "", "null", {}];
}

/** Applies one random mutation to `body` in place; returns its description. */
function mutate(rand, body, vocab, palette) {
  const pick = (list) => list[Math.floor(rand() * list.length)];
  const all = containers(body);
  const objects = all.filter((c) => !c.array);
  const arrays = all.filter((c) => c.array);
  const value = () => structuredClone(pick(rand() < 0.5 ? BOUNDARY : palette));
  for (let attempt = 0; attempt < 10; attempt++) {
    const kind = Math.floor(rand() * 7);
    if (kind === 6) {
      // Replace a leaf (a key or element holding a string, number, boolean or null), uniformly.
      const leaves = all.flatMap((c) =>
        (c.array ? [...c.node.keys()] : Object.keys(c.node)).filter((k) => c.node[k] === null || typeof c.node[k] !== "object").map((k) => ({ c, k })),
      );
      if (leaves.length === 0) continue;
      const { c, k } = pick(leaves);
      c.node[k] = rand() < 0.5 ? pick(neighbours(c.node[k])) : value();
      return `leaf ${c.pointer}/${k}`;
    }
    if (kind === 0) {
      // Delete a key.
      const withKeys = objects.filter((c) => Object.keys(c.node).length > 0);
      if (withKeys.length === 0) continue;
      const c = pick(withKeys);
      const k = pick(Object.keys(c.node));
      delete c.node[k];
      return `delete ${c.pointer}/${k}`;
    }
    if (kind === 1) {
      // Set a key (present, or any field name of the endpoint) to a palette value.
      const c = pick(objects);
      const keys = Object.keys(c.node);
      const k = keys.length > 0 && rand() < 0.6 ? pick(keys) : pick(vocab.fields);
      c.node[k] = value();
      return `set ${c.pointer}/${k}`;
    }
    if (kind === 2) {
      // Add an unknown key: a near miss of a known key, or a random one.
      const c = pick(objects);
      const keys = Object.keys(c.node);
      const k = rand() < 0.7 ? nearMiss(rand, pick(keys.length > 0 ? keys : vocab.fields)) : randomKey(rand);
      if (k === "__proto__") continue;
      c.node[k] = value();
      return `add ${c.pointer}/${k}`;
    }
    if (kind === 3) {
      // Change a discriminator to another variant's value.
      const tagged = objects.flatMap((c) => [...vocab.tags.keys()].filter((t) => t in c.node).map((t) => ({ c, t })));
      if (tagged.length === 0) continue;
      const { c, t } = pick(tagged);
      c.node[t] = rand() < 0.9 ? pick(vocab.tags.get(t)) : nearMiss(rand, String(c.node[t]));
      return `retag ${c.pointer}/${t}`;
    }
    if (kind === 4) {
      // Change, add or remove an array element.
      if (arrays.length === 0) continue;
      const c = pick(arrays);
      const r = rand();
      if (r < 0.4 && c.node.length > 0) c.node[Math.floor(rand() * c.node.length)] = value();
      else if (r < 0.7) c.node.push(value());
      else if (c.node.length > 0) c.node.splice(Math.floor(rand() * c.node.length), 1);
      else c.node.push(value());
      return `array ${c.pointer}`;
    }
    // Set an enum or tag value somewhere.
    const c = pick(objects);
    const keys = Object.keys(c.node);
    const k = keys.length > 0 ? pick(keys) : pick(vocab.fields);
    c.node[k] = pick(vocab.enums.length > 0 && rand() < 0.7 ? vocab.enums : [...vocab.tags.values()].flat());
    return `enum ${c.pointer}/${k}`;
  }
  return "none";
}

/** Greedily removes keys and array elements while `still(body)` holds. */
function shrink(body, still) {
  let current = structuredClone(body);
  let progress = true;
  while (progress) {
    progress = false;
    for (const c of containers(current)) {
      const keys = c.array ? [...c.node.keys()].reverse() : Object.keys(c.node);
      for (const k of keys) {
        const candidate = structuredClone(current);
        const target = c.pointer === "" ? candidate : c.pointer.split("/").slice(1).reduce((o, p) => o[p], candidate);
        if (c.array) target.splice(k, 1);
        else delete target[k];
        if (still(candidate)) {
          current = candidate;
          progress = true;
          break;
        }
      }
      if (progress) break;
    }
  }
  return current;
}

/**
 * Generates `count` bodies for `id` from the seeds (deterministic for `seed`) and returns how many
 * were valid and up to 20 bodies on which `validate` and `theirs` disagree (each also shrunk).
 */
function fuzz(id, seed, count, theirs, seeds, mode = MODES[0]) {
  const rand = prng(seed);
  const vocab = vocabulary(id);
  const palette = [...BASE_PALETTE, ...vocab.enums, ...[...vocab.tags.values()].flat()];
  const disagreements = [];
  let valid = 0;
  for (let i = 0; i < count; i++) {
    const body = structuredClone(seeds[Math.floor(rand() * seeds.length)]);
    const steps = 1 + Math.floor(rand() * 3);
    const how = [];
    for (let s = 0; s < steps; s++) how.push(mutate(rand, body, vocab, palette));
    const sent = JSON.parse(JSON.stringify(body)); // what would go on the wire
    const ours = oursOk(id, sent, mode);
    const other = theirs(sent);
    if (ours) valid++;
    if (ours !== other && disagreements.length < 20) {
      const minimal = shrink(sent, (b) => oursOk(id, b, mode) === ours && theirs(b) === other);
      disagreements.push({ endpoint: id, body: sent, minimal, ours, theirs: other, how, mode });
    }
  }
  return { valid, disagreements };
}

/** Seeds: valid in both modes (so every mutation starts from a body both modes accept). */
const seedsOf = (id, corpus) => [...SEED_BODIES[id], ...corpus.filter((c) => c.endpoint === id && c.strictOk).map((c) => c.body)];

test("(b) the seed bodies are valid for both, in both modes", () => {
  const corpus = readCorpus();
  for (const mode of MODES) {
    for (const id of IDS) {
      for (const s of seedsOf(id, corpus)) {
        assert.equal(oursOk(id, s, mode), true, `${id} (${mode.name}): seed is valid for validate: ${JSON.stringify(s)}`);
        assert.equal(theirsOk(id, s, mode), true, `${id} (${mode.name}): seed is valid for ajv: ${JSON.stringify(s)}`);
      }
    }
  }
  const types = new Set(SEED_BODIES["databrain.createDatasource"].map((b) => b.datasourceType));
  assert.deepEqual([...types].sort(), wr.describe("databrain.createDatasource").body.union.variants.map((v) => v.value).sort());
  const ptypes = new Set(SEED_BODIES["paradigm.testDatasource"].map((b) => b.type));
  assert.deepEqual([...ptypes].sort(), wr.describe("paradigm.testDatasource").body.union.variants.map((v) => v.value).sort());
});

test(`(b) generated bodies: validate and ajv agree in both modes (seed ${SEED}, ${PER_ENDPOINT} per endpoint and mode)`, async (t) => {
  t.diagnostic(`seed ${SEED} (set WR_FUZZ_SEED to replay another, WR_FUZZ_COUNT for more bodies per endpoint)`);
  console.log(`differential: fuzz seed ${SEED}`);
  const corpus = readCorpus();
  let total = 0;
  for (const mode of MODES) {
    for (const [n, id] of IDS.entries()) {
      await t.test(`${id} (${mode.name})`, () => {
        const theirs = (b) => theirsOk(id, b, mode);
        const { valid, disagreements } = fuzz(id, (SEED + n * 0x9e3779b9) >>> 0, PER_ENDPOINT, theirs, seedsOf(id, corpus), mode);
        total += PER_ENDPOINT;
        t.diagnostic(`${id} (${mode.name}): ${PER_ENDPOINT} bodies, ${valid} valid, ${PER_ENDPOINT - valid} invalid`);
        assert.ok(valid > PER_ENDPOINT * 0.05 && valid < PER_ENDPOINT * 0.95, `${id}: a useful mix of valid (${valid}) and invalid bodies`);
        assert.equal(disagreements.length, 0, `${id}: validate and ajv disagree (seed ${SEED}, ${mode.name} mode):\n${report(disagreements)}`);
      });
    }
  }
  assert.ok(total >= 20_000, `${total} generated bodies`);
});

/** Schemas with one deliberate mistake each: the generator must expose every one. */
const MUTANTS = [
  ["databrain.createWorkspace", "the body lets unknown keys through (strict)", (s) => delete s.$defs.DatabrainCreateWorkspaceBody.additionalProperties, true],
  ["databrain.createWorkspace", "the body refuses unknown keys by default", (s) => { s.$defs.DatabrainCreateWorkspaceBody.additionalProperties = false; }],
  ["paradigm.updateWorkspace", "members let unknown keys through (strict)", (s) => delete s.$defs.ParadigmMember.additionalProperties, true],
  ["databrain.updateDatasource", "disableAuth false refused outside self-managed", (s) => {
    for (const def of [s.$defs.ElasticsearchCredentials, s.$defs.OpensearchCredentials]) def.allOf[0].then.properties.disableAuth = false;
  }],
  ["databrain.updateDatasource", "the disableAuth rule fires without server_type", (s) => {
    for (const def of [s.$defs.ElasticsearchCredentials, s.$defs.OpensearchCredentials]) def.allOf[0].if = def.allOf[0].if.allOf[1];
  }],
  ["databrain.updateDatasource", "credentials do not require name", (s) => {
    for (const def of Object.values(s.$defs)) if (Array.isArray(def.required)) def.required = def.required.filter((r) => r !== "name");
  }],
  ["databrain.createDatasource", "tenancy TABLE rule dropped", (s) => delete s.$defs.TenancySettings.allOf],
  ["paradigm.testDatasource", "variants dropped", (s) => delete s.$defs.ParadigmDatasource.allOf],
  ["paradigm.updateWorkspace", "member id may be 0", (s) => { s.$defs.ParadigmMember.properties.id.minimum = 0; }],
  ["paradigm.updateWorkspace", "name has no maxLength", (s) => delete s.$defs.ParadigmUpdateWorkspaceBody.properties.name.maxLength],
  ["paradigm.updateWorkspace", "description is not nullable", (s) => { s.$defs.ParadigmUpdateWorkspaceBody.properties.description = { type: "string" }; }],
  ["databrain.updateWorkspace", "summaryType rule dropped", (s) => {
    s.$defs.DatabrainUpdateWorkspaceBody.allOf = s.$defs.DatabrainUpdateWorkspaceBody.allOf.filter((r) => !JSON.stringify(r).includes("summaryType"));
  }],
  ["databrain.updateDatasource", "postgres port may be 65536", (s) => { s.$defs.PostgresCredentials.properties.port.anyOf[0].maximum = 65536; }],
  ["databrain.updateDatasource", "mssql host allowed without server", (s) => {
    s.$defs.MssqlCredentials.allOf = s.$defs.MssqlCredentials.allOf.filter((r) => !JSON.stringify(r).includes('"host"'));
  }],
  ["databrain.updateDatasource", "mssql host refused next to server", (s) => { s.$defs.MssqlCredentials.properties.host = false; }],
  ["databrain.createDatasource", "disableAuth rule dropped", (s) => { delete s.$defs.ElasticsearchCredentials.allOf; delete s.$defs.OpensearchCredentials.allOf; }],
  ["paradigm.testDatasource", "service_account_file content not checked", (s) => delete s.$defs.GoogledriveCredentials.properties.service_account_file.contentSchema],
  ["paradigm.testDatasource", "filter criteria open (strict)", (s) => delete s.$defs.WebscrapperFilterCriteria.additionalProperties, true],
  ["paradigm.testDatasource", "webscrapper credentials closed", (s) => { s.$defs.WebscrapperCredentials.additionalProperties = false; }, true],
];

test("(b) the generator exposes deliberately broken schemas (a check of the check)", async (t) => {
  const corpus = readCorpus();
  for (const [id, what, breakIt, strict = false] of MUTANTS) {
    await t.test(`${id}: ${what}`, () => {
      const mode = MODES[strict ? 1 : 0];
      const schema = wr.jsonSchema(id, { strict });
      breakIt(schema);
      const broken = contentAssertingAjv().compile(schema);
      const { disagreements } = fuzz(id, SEED, PER_ENDPOINT, (b) => broken(b), seedsOf(id, corpus), mode);
      // The hand-picked edge cases of (c) are part of the check too.
      // (The two Databrain datasource endpoints share one body schema.)
      const sameBody = (e) => wr.describe(e).body.name === wr.describe(id).body.name;
      const edges = EDGES.filter(([, e, body]) => sameBody(e) && oursOk(id, body, mode) !== broken(body));
      assert.ok(disagreements.length + edges.length > 0, `the mutant "${what}" went unnoticed`);
    });
  }
});

// ---------------------------------------------------------------------------------------------
// (c) Edge cases.

const member = (id) => ({ members: { users: [{ id }] } });
const drive = (file) => ({ type: "googledrive", name: "D", credentials: { service_account_file: file }, filter_criteria: { folder_id: "f" } });
const nestedArrays = (n) => "[".repeat(n) + "]".repeat(n);

/** [name, endpoint, body, todo?]: validate and ajv must agree. */
const EDGES = [
  ["member id 2^53", "paradigm.updateWorkspace", member(2 ** 53)],
  ["member id 2^63 (= i64::MAX as f64)", "paradigm.updateWorkspace", member(2 ** 63)],
  [
    "member id 1e19 (above 2^63)",
    "paradigm.updateWorkspace",
    member(1e19),
  ],
  ["member id 1e300", "paradigm.updateWorkspace", member(1e300)],
  ["member id 1.0", "paradigm.updateWorkspace", member(1.0)],
  ["member id 1.0000000000000002", "paradigm.updateWorkspace", member(1.0000000000000002)],
  ["port 65535.0", "databrain.updateDatasource", { datasourceType: "postgres", credentials: { name: "p", port: 65535.0 } }],
  ["port '00000' (digits)", "databrain.updateDatasource", { datasourceType: "postgres", credentials: { name: "p", port: "00000" } }],
  ["port '٣٣' (non-ASCII digits)", "databrain.updateDatasource", { datasourceType: "postgres", credentials: { name: "p", port: "٣٣" } }],
  ["name of 100 astral characters", "paradigm.updateWorkspace", { name: "😀".repeat(100) }],
  ["name of 101 astral characters", "paradigm.updateWorkspace", { name: "😀".repeat(101) }],
  ["name of 100 combining sequences (200 code points)", "paradigm.updateWorkspace", { name: "e\u0301".repeat(100) }],
  // Own "__proto__" keys, as JSON.parse makes them.
  ["elasticsearch disableAuth false on elastic-cloud", "databrain.updateDatasource", { datasourceType: "elasticsearch", credentials: { name: "e", server_type: "elastic-cloud", disableAuth: false } }],
  ["elasticsearch disableAuth true on elastic-cloud", "databrain.updateDatasource", { datasourceType: "elasticsearch", credentials: { name: "e", server_type: "elastic-cloud", disableAuth: true } }],
  ["elasticsearch disableAuth true without server_type", "databrain.updateDatasource", { datasourceType: "elasticsearch", credentials: { name: "e", disableAuth: true } }],
  ["mssql host next to server", "databrain.updateDatasource", { datasourceType: "mssql", credentials: { name: "m", server: "s", host: "s" } }],
  ["mssql host without server", "databrain.updateDatasource", { datasourceType: "mssql", credentials: { name: "m", host: "s" } }],
  ["tenancy TABLE fields without tenancyLevel", "databrain.updateDatasource", { datasourceType: "csv", credentials: { name: "c" }, tenancySettings: { tableName: "t" } }],
  ["an unknown key in sharepoint credentials", "paradigm.testDatasource", { type: "sharepoint", name: "S", credentials: { client_id: "c", client_secret: "s", tenant_id: "t", site_url: "u" }, filter_criteria: { folder_path: "" } }],
  ["own __proto__ key in a strict body", "databrain.createWorkspace", JSON.parse('{"name":"W","connectionType":"MULTI_DATASOURCE","__proto__":{"x":1}}')],
  ["own __proto__ key holding the required fields", "databrain.createWorkspace", JSON.parse('{"__proto__":{"name":"W","connectionType":"MULTI_DATASOURCE"}}')],
  ["own __proto__ key in open credentials", "databrain.createDatasource", JSON.parse('{"datasourceType":"csv","credentials":{"name":"c","__proto__":{"a":1}}}')],
  ["own __proto__ key in a member", "paradigm.updateWorkspace", JSON.parse('{"members":{"users":[{"id":1,"__proto__":null}]}}')],
  ["service_account_file ' {} ' (whitespace)", "paradigm.testDatasource", drive(" {} ")],
  ["service_account_file with a BOM", "paradigm.testDatasource", drive("\ufeff{}")],
  ["service_account_file with duplicate keys", "paradigm.testDatasource", drive('{"a":1,"a":2}')],
  ["service_account_file with trailing garbage", "paradigm.testDatasource", drive('{"a":1} x')],
  ["service_account_file nested 100 levels", "paradigm.testDatasource", drive(`{"a":${nestedArrays(99)}}`)],
  [
    "service_account_file nested 200 levels",
    "paradigm.testDatasource",
    drive(`{"a":${nestedArrays(199)}}`),
  ],
  [
    "service_account_file with a number out of double range (1e400)",
    "paradigm.testDatasource",
    drive('{"a":1e400}'),
  ],
  [
    "service_account_file with an escaped lone surrogate",
    "paradigm.testDatasource",
    drive('{"a":"\\ud800"}'),
  ],
];

test("(c) edge cases: validate and ajv agree in both modes", async (t) => {
  for (const [name, id, body, todo] of EDGES) {
    await t.test(name, todo ? { todo } : {}, () => {
      for (const mode of MODES) {
        const ours = oursOk(id, body, mode);
        const theirs = theirsOk(id, body, mode);
        assert.equal(ours, theirs, report([{ endpoint: id, body, ours, theirs, mode }]));
      }
    });
  }
});

test("(c) documented exception: values nested deeper than 64 levels fail validate only", () => {
  let deep = "leaf";
  for (let i = 0; i < 70; i++) deep = { d: deep };
  const body = { datasourceType: "csv", credentials: { name: "c", extra: deep } };
  assert.equal(oursOk("databrain.createDatasource", body), false);
  assert.deepEqual(ourIssues("databrain.createDatasource", body).issues.map((i) => i.split(" ")[1]), ["invalid_value"]);
  assert.equal(theirsOk("databrain.createDatasource", body), true, "no JSON Schema keyword expresses a nesting limit");
});
