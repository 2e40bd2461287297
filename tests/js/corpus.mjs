// The Rust tests' corpus (WR_CORPUS: one {endpoint, body, ok, strictOk} a line), shared by the JS
// tests that judge every body of it.
import assert from "node:assert/strict";
import fs from "node:fs";

/** Every line of the corpus, parsed. */
export function corpus() {
  const file = process.env.WR_CORPUS;
  assert.ok(file && fs.existsSync(file), "WR_CORPUS names the Rust tests' corpus");
  return fs.readFileSync(file, "utf8").trim().split("\n").map((l) => JSON.parse(l));
}
