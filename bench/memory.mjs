// Wasm memory of our validator after N1 and after N2 validations, in a fresh process.
//
//   node bench/memory.mjs [N1=1000] [N2=1000000]
//
// The Node glue keeps its instance private, so the WebAssembly.Instance it creates on import is
// captured (scripts/wasm-instance.mjs) to read its linear memory (it only grows: this is the
// high-water mark) and the size of the externref table wasm-bindgen hands JS values through. Validations cycle
// through the whole corpus (valid, invalid and type-mismatch bodies). Prints one JSON line.
import { corpus } from "./corpus.mjs";
import { loadCapturing } from "../scripts/wasm-instance.mjs";

const n1 = Number(process.argv[2] ?? 1e3);
const n2 = Number(process.argv[3] ?? 1e6);

const { module, memory, table, captured } = await loadCapturing(() => import("../pkg/node/index.js"));
const { validate } = module;
const snapshot = () => ({
  wasmMemoryBytes: memory(),
  externrefTableLength: table(),
  arrayBuffersBytes: process.memoryUsage().arrayBuffers,
});

const before = snapshot();
let done = 0;
let issues = 0;
const runTo = (n) => {
  for (; done < n; done++) {
    const c = corpus[done % corpus.length];
    issues += validate(c.endpoint, c.body, { strict: true }).issues.length;
  }
};
runTo(n1);
const afterN1 = snapshot();
runTo(n2);
const afterN2 = snapshot();
console.log(
  JSON.stringify({
    captured,
    n1,
    n2,
    before,
    afterN1,
    afterN2,
    growthBytes: captured ? afterN2.wasmMemoryBytes - afterN1.wasmMemoryBytes : afterN2.arrayBuffersBytes - afterN1.arrayBuffersBytes,
    externrefTableGrowth: captured ? afterN2.externrefTableLength - afterN1.externrefTableLength : null,
    issues,
  }),
);
