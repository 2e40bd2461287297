// The installed package, with its WebAssembly instance captured while it loads, so tests can read
// the instance's memory and externref table. Import this module before the package.
import { loadCapturing } from "../../scripts/wasm-instance.mjs";

const loaded = await loadCapturing(() => import("workspace-requests"));
export const wr = loaded.module;
export const captured = loaded.captured;
export const table = loaded.table;
export const memory = loaded.memory;
