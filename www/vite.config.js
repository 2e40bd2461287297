// The demo is built like any app that depends on the package: Vite resolves `workspace-requests`
// through www/node_modules (a link to ../pkg, made by `npm install` here) and the package's
// `exports` (the browser entry, `web/index.js`), and emits its .wasm as an asset.
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));

export default {
  root: here,
  base: "./",
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("../target/www", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
  },
};
