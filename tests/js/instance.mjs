// The installed package, with its WebAssembly instance captured while it loads (a Proxy around the
// constructor: the glue keeps the instance private), so tests can read the instance's memory and
// the externref table wasm-bindgen hands JS values through. Import this module first.
const instances = [];
const Instance = WebAssembly.Instance;
WebAssembly.Instance = new Proxy(Instance, {
  construct(target, args, newTarget) {
    const instance = Reflect.construct(target, args, newTarget === WebAssembly.Instance ? target : newTarget);
    instances.push(instance);
    return instance;
  },
});
let loaded;
try {
  loaded = await import("workspace-requests");
} finally {
  WebAssembly.Instance = Instance;
}
export const wr = loaded;
const exports = instances.map((i) => i.exports).find((e) => e.memory instanceof WebAssembly.Memory);
export const captured = exports !== undefined;
/** Slots of the externref table. */
export const table = () => exports.__wbindgen_externrefs.length;
/** Bytes of wasm linear memory (it only grows: a high-water mark). */
export const memory = () => exports.memory.buffer.byteLength;
