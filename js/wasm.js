// @ts-check
// One entry's WebAssembly module, loaded once from the wasm-bindgen glue (`--target web`): in
// browsers by init() / initSync(), before which every call that needs it throws; in Node on first
// use, from the .wasm file's bytes (init() and initSync() load it at once). Each entry has its own,
// so the validator-only entry and the full one never share an instance.

/**
 * An entry's module: `exports()` gives the glue's functions once the module is loaded (loading
 * it first in Node), and the entry's `init` / `initSync`.
 * @template E
 * @typedef {{
 *   exports: () => E,
 *   init: typeof import("./index.js").default,
 *   initSync: typeof import("./index.js").initSync,
 * }} Wasm
 */

/**
 * What the glue exports besides the module's functions: its loaders.
 * @typedef {{
 *   default: (input?: { module_or_path: unknown }) => Promise<unknown>,
 *   initSync: (input: { module: unknown }) => unknown,
 * }} Loaders
 */

/**
 * In browsers (and bundlers): the module loads when `init(input)` or `initSync(input)` is called
 * (with no argument, init fetches the .wasm next to the glue); before that, calls throw.
 * @template E
 * @param {E & Loaders} glue
 * @returns {Wasm<E>}
 */
export function browserWasm(glue) {
  let ready = false;
  return {
    exports() {
      if (!ready) throw new Error("workspace-requests: call `await init()` before validating in a browser");
      return glue;
    },
    async init(input) {
      if (ready) return;
      const source = await input;
      await glue.default(source === undefined ? undefined : { module_or_path: source });
      ready = true;
    },
    initSync(input) {
      if (ready) return;
      glue.initSync({ module: input });
      ready = true;
    },
  };
}

/**
 * In Node: the module is compiled from `bytes()` on first use, so that importing the package and
 * reading its data (endpoints, describe, jsonSchema) instantiates nothing. `init()` and
 * `initSync()` load it at once; their argument is ignored (the package loads its own .wasm).
 * @template E
 * @param {E & Loaders} glue
 * @param {() => Uint8Array} bytes
 * @returns {Wasm<E>}
 */
export function nodeWasm(glue, bytes) {
  let ready = false;
  const load = () => {
    if (!ready) {
      glue.initSync({ module: bytes() });
      ready = true;
    }
    return glue;
  };
  return {
    exports: load,
    async init() {
      load();
    },
    initSync() {
      load();
    },
  };
}
