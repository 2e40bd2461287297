// The Node side of pkg/ (run by scripts/build-pkg.sh), by the pinned esbuild.
//
// CommonJS: each Node ESM entry bundled as CommonJS, with the glue, its snippet and the shared modules inlined and
// `import.meta.url` defined from the bundle's own file, so that it reads the same .wasm beside the
// glue. The schema data is the one part both bundles share, as pkg/data.cjs and pkg/described.cjs
// (CommonJS copies of pkg/data.js and pkg/described.js), so that it ships twice (ESM and
// CommonJS), not once per entry; the ESM entries require described.cjs on first use.
import { build } from "esbuild";
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const pkg = new URL("../pkg/", import.meta.url).pathname;

for (const data of ["data", "described"]) {
  await build({ entryPoints: [`${pkg}${data}.js`], outfile: `${pkg}${data}.cjs`, format: "cjs", platform: "node", target: "node18", logLevel: "warning" });
}

// Node parses every bundle at start-up: whitespace and syntax are minified (names are kept, so
// stack traces still read), which takes about 0.9 ms from import to the first validation.
const startUp = { minifyWhitespace: true, minifySyntax: true };

// Both bundles sit one folder below pkg/ (cjs/, validator/).
const sharedData = {
  name: "shared-data",
  setup(b) {
    b.onResolve({ filter: /^\.\.?\/(data|described)\.js$/ }, (a) => ({ path: `../${a.path.split("/").pop().replace(/\.js$/, ".cjs")}`, external: true }));
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
    ...startUp,
    logLevel: "warning",
    // The glue's imports object names its one inline-JS snippet once per import, each the same
    // module: esbuild's warning about the repeated key is silenced.
    logOverride: { "duplicate-object-key": "silent" },
  });
}

// ESM: the two Node entries bundled together with code splitting, so that Node loads three
// modules (the entry, one shared chunk, data.js) instead of a dozen: each module file costs
// Node's loader time at start-up. The shared chunk keeps one copy of what both entries share
// (the error classes, the call guard), as the separate modules did. The entries stay where they
// were (pkg/node/index.js, pkg/validator/node.js: each reads its .wasm relative to itself); the
// chunk sits in pkg/, beside data.js, which stays a module of its own (the browser entries import
// it too). Runs after the CommonJS bundles, which read the unbundled modules.
const out = mkdtempSync(join(pkg, ".esm-"));
await build({
  entryPoints: [`${pkg}node/index.js`, `${pkg}validator/node.js`],
  outdir: out,
  outbase: pkg,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node18",
  chunkNames: "node-shared-[hash]",
  ...startUp,
  plugins: [
    {
      name: "data-module",
      setup(b) {
        b.onResolve({ filter: /^\.\.?\/data\.js$/ }, () => ({ path: "./data.js", external: true }));
        // describe() and jsonSchema() read their data on first use (js/described-node.js).
        b.onResolve({ filter: /^\.\/described-source\.js$/ }, (a) => ({ path: join(a.resolveDir, "described-node.js") }));
      },
    },
  ],
  logLevel: "warning",
  logOverride: { "duplicate-object-key": "silent" },
});
// data.js is named "./data.js" wherever it is imported: right for the chunk in pkg/, one folder
// up for the entries.
for (const f of readdirSync(out)) {
  const from = join(out, f);
  if (statSync(from).isDirectory()) {
    for (const g of readdirSync(from)) {
      const code = readFileSync(join(from, g), "utf8").replace(/from\s*"\.\/data\.js"/g, 'from "../data.js"');
      writeFileSync(join(pkg, f, g), code);
    }
  } else {
    renameSync(from, join(pkg, f));
  }
}
rmSync(out, { recursive: true });
