// The one Node API the package uses (the Node entries read their .wasm), for `tsc -p js` without
// @types/node. Not shipped.
declare module "node:fs" {
  export function readFileSync(path: URL): Uint8Array;
}
