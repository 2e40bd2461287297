// A consumer page bundled by Vite: the bare import resolves to the package's browser entry
// (web/index.js), whose .wasm Vite emits as an asset.
import init, { validate, endpoints } from "workspace-requests";

const out = document.getElementById("out");
try {
  await init();
  const good = validate("databrain.createWorkspace", { name: "Sales", connectionType: "DATASOURCE", datasourceName: "pg" });
  const bad = validate("databrain.createWorkspace", { name: "Sales", connectionType: "DATASOURCE" });
  out.textContent = JSON.stringify({ good, bad, endpoints: endpoints().length });
} catch (e) {
  out.textContent = JSON.stringify({ error: String(e && e.stack ? e.stack : e) });
}
document.body.dataset.done = "1";
