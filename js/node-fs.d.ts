// The Node APIs the package uses, for `tsc -p js` without @types/node. Not shipped. The Node
// entries read their .wasm; Node's ESM entries require the data of describe() on first use.
declare module "node:fs" {
  export function readFileSync(path: URL): Uint8Array;
}
declare module "node:module" {
  export function createRequire(url: string): (id: string) => any;
}
