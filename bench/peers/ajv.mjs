// ajv 8 (JSON Schema 2020-12), compiled from our own `jsonSchema(endpoint)`, with allErrors.
//
// JSON Schema 2020-12 lets an implementation assert the content vocabulary. Ours writes "a string
// holding a JSON object" (Paradigm's service_account_file) as contentMediaType application/json +
// contentSchema {type: "object"}, which ajv only annotates by default; here `contentSchema` is
// replaced by a code-generating keyword that asserts it (so it also works in standalone code).
// That makes ajv accept exactly what `validate` accepts, except the 64-level nesting limit.
import Ajv2020, { _ } from "ajv/dist/2020.js";

const isJsonObjectCode = (data) =>
  _`typeof ${data} == "string" && !(function (s) { try { var v = JSON.parse(s); return v !== null && typeof v == "object" && !Array.isArray(v); } catch (e) { return false; } })(${data})`;

export function assertContent(ajv) {
  ajv.removeKeyword("contentSchema");
  ajv.addKeyword({
    keyword: "contentSchema",
    schemaType: "object",
    code(cxt) {
      const { data, schema, parentSchema } = cxt;
      if (parentSchema.contentMediaType !== "application/json") {
        throw new Error(`bench/peers/ajv.mjs: contentSchema with contentMediaType ${parentSchema.contentMediaType} is not supported`);
      }
      if (Object.keys(schema).length !== 1 || schema.type !== "object") {
        throw new Error(`bench/peers/ajv.mjs: contentSchema ${JSON.stringify(schema)} is not supported (only {"type":"object"})`);
      }
      cxt.fail(isJsonObjectCode(data));
    },
  });
  return ajv;
}

export function makeAjv(options = {}) {
  return assertContent(new Ajv2020({ allErrors: true, strictTypes: false, ...options }));
}

/** `schemas`: {endpoint: jsonSchema(endpoint)} → {endpoint: compiled validate function}. */
export function compileAll(schemas) {
  const ajv = makeAjv();
  return Object.fromEntries(Object.entries(schemas).map(([e, s]) => [e, ajv.compile(s)]));
}

export const issuesOf = (fn, body) =>
  fn(body) ? [] : fn.errors.map((e) => ({ path: e.instancePath, code: e.keyword, message: e.message }));
