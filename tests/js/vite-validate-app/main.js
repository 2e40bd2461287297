// A consumer page that only validates: it imports from `workspace-requests/validate` alone, so
// Vite must ship the validator wasm and none of the clients' code.
import init, { validate } from "workspace-requests/validate";

const out = document.getElementById("out");
try {
  await init();
  const good = validate("databrain.createWorkspace", { name: "Sales", connectionType: "DATASOURCE", datasourceName: "pg" });
  const bad = validate("databrain.createWorkspace", { name: "Sales", connectionType: "DATASOURCE" });
  out.textContent = JSON.stringify({ good, bad });
} catch (e) {
  out.textContent = JSON.stringify({ error: String(e && e.stack ? e.stack : e) });
}
document.body.dataset.done = "1";
