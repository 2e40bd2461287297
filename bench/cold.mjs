// Cold start of one library, in this fresh process: from the top of this script (after its only
// static import, the corpus) to the first validation result, so the library's import, module
// evaluation, schema construction or compilation all count.
// Prints one JSON line.
//
//   node bench/cold.mjs <ours|zod|valibot|ajv|ajv-standalone> [--schemas FILE] [--standalone FILE]
//
// `ajv` compiles the JSON Schemas (from our jsonSchema(), dumped by run.mjs to FILE: reading it is
// timed, as a schema module's loading would be); `ajv-standalone` imports the esbuild bundle of
// ajv's standalone code that run.mjs generated. Node's own start-up is not included in `ms`
// (`sinceProcessStartMs` has it: performance.now() counts from performance.timeOrigin).
import { firstCall } from "./corpus.mjs";

const t0 = performance.now();

const lib = process.argv[2];
const opt = (name) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
};
// The first call: a valid Postgres update. corpus.mjs is imported statically, so it is evaluated
// before t0 (ES modules run their imports first) and is not part of the measured time.
const ENDPOINT = firstCall.endpoint;
const BODY = firstCall.body;

let ok;
switch (lib) {
  case "ours": {
    const { validate } = await import("../pkg/node/index.js");
    ok = validate(ENDPOINT, BODY, { strict: true }).ok;
    break;
  }
  case "zod": {
    const { schemas } = await import("./peers/zod.mjs");
    ok = schemas[ENDPOINT].safeParse(BODY).success;
    break;
  }
  case "valibot": {
    const v = await import("valibot");
    const { schemas } = await import("./peers/valibot.mjs");
    ok = v.safeParse(schemas[ENDPOINT], BODY).success;
    break;
  }
  case "ajv": {
    const { readFileSync } = await import("node:fs");
    const { compileAll } = await import("./peers/ajv.mjs");
    const validators = compileAll(JSON.parse(readFileSync(opt("--schemas"), "utf8")));
    ok = validators[ENDPOINT](BODY);
    break;
  }
  case "ajv-standalone": {
    const { pathToFileURL } = await import("node:url");
    const mod = await import(pathToFileURL(opt("--standalone")).href);
    ok = mod.updateDatasource(BODY);
    break;
  }
  default:
    console.error(`cold.mjs: unknown library ${JSON.stringify(lib)}`);
    process.exit(2);
}
const t1 = performance.now();
if (ok !== true) {
  console.error(`cold.mjs: ${lib} rejected the first (valid) body`);
  process.exit(1);
}
console.log(JSON.stringify({ lib, ms: t1 - t0, sinceProcessStartMs: t1 }));
