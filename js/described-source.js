// @ts-check
// Where describe() and jsonSchema() find their data (./described.js, about 260 kB of JSON text):
// imported with the package, for browsers and bundlers, and for Node's CommonJS entries.
// Node's ESM entries take ./described-node.js instead (scripts/bundle-node.mjs swaps it in),
// which reads it on the first call, so that a script that only validates never parses it.
import * as data from "./described.js";

/** The data of describe() and jsonSchema(). */
export const described = () => data;
