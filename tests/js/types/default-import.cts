// A CommonJS TypeScript consumer using the default import the declarations offer. tsc accepts it;
// types.test.mjs emits this file and runs it to check the runtime agrees with the types.
import init, { validate } from "workspace-requests";

const report = { initType: typeof init, ok: false, error: "" };
try {
  void init();
  report.ok = validate("databrain.createWorkspace", { name: "W", connectionType: "MULTI_DATASOURCE" }).ok;
} catch (e) {
  report.error = String(e);
}
console.log(JSON.stringify(report));
