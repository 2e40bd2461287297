// The CommonJS side of pkg/ (run by scripts/build-pkg.sh): each Node ESM entry bundled as
// CommonJS by the pinned esbuild, with the glue, its snippet and the shared modules inlined and
// `import.meta.url` defined from the bundle's own file, so that it reads the same .wasm beside the
// glue. The schema data is the one part both bundles share, as pkg/data.cjs (a CommonJS copy of
// pkg/data.js), so that it ships twice (ESM and CommonJS), not once per entry.
import { build } from "esbuild";

const pkg = new URL("../pkg/", import.meta.url).pathname;

await build({ entryPoints: [`${pkg}data.js`], outfile: `${pkg}data.cjs`, format: "cjs", platform: "node", target: "node18", logLevel: "warning" });

// Both bundles sit one folder below pkg/ (cjs/, validator/).
const sharedData = {
  name: "shared-data",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/data\.js$/ }, () => ({ path: "../data.cjs", external: true }));
  },
};

for (const [entry, outfile] of [
  ["node/index.js", "cjs/index.cjs"],
  ["validator/node.js", "validator/index.cjs"],
]) {
  await build({
    entryPoints: [`${pkg}${entry}`],
    outfile: `${pkg}${outfile}`,
    bundle: true,
    format: "cjs",
    platform: "node",
    target: "node18",
    define: { "import.meta.url": "import_meta_url" },
    banner: { js: 'const import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
    plugins: [sharedData],
    logLevel: "warning",
    // The glue's imports object names its one inline-JS snippet once per import, each the same
    // module: esbuild's warning about the repeated key is silenced.
    logOverride: { "duplicate-object-key": "silent" },
  });
}
