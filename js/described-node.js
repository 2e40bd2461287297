// @ts-check
// Node's ESM entries: ./described-source.js, reading the data on first use. The entries' shared
// chunk sits in pkg/, beside described.cjs (the CommonJS copy of described.js), which it requires
// synchronously, so that describe() and jsonSchema() stay synchronous.
import { createRequire } from "node:module";

/** @type {typeof import("./described.js") | undefined} */
let data;

/** The data of describe() and jsonSchema(), read on the first call. */
export const described = () => (data ??= createRequire(import.meta.url)("./described.cjs"));
