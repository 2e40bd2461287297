// Loads the package through `load` (an `() => import(...)` of the caller, so the specifier
// resolves from the caller's folder) while capturing the WebAssembly instance its glue creates
// (a Proxy around the constructor: the glue keeps the instance private). Returns the module, and
// readers of the instance's linear memory and of the externref table wasm-bindgen hands JS values
// through. Used by the reliability tests and bench/memory.mjs.
export async function loadCapturing(load) {
  const instances = [];
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(Instance, {
    construct(target, args, newTarget) {
      const instance = Reflect.construct(target, args, newTarget === WebAssembly.Instance ? target : newTarget);
      instances.push(instance);
      return instance;
    },
  });
  let module;
  try {
    module = await load();
    // The Node entries instantiate on first use (or at initSync()): load it now, while watched.
    module.initSync();
  } finally {
    WebAssembly.Instance = Instance;
  }
  const exports = instances.map((i) => i.exports).find((e) => e.memory instanceof WebAssembly.Memory);
  return {
    module,
    captured: exports !== undefined,
    /** Bytes of wasm linear memory (it only grows: a high-water mark). */
    memory: () => exports?.memory.buffer.byteLength ?? null,
    /** Slots of the externref table. */
    table: () => exports?.__wbindgen_externrefs?.length ?? null,
  };
}
