// A CommonJS TypeScript consumer: `import x = require(...)` resolves through the `node` + `require`
// condition to index.d.cts (types.test.mjs checks which declaration file tsc loaded).
import wr = require("workspace-requests");

const body: wr.RequestBodies["paradigm.updateWorkspace"] = {
  name: "Legal",
  members: { users: [{ id: 1, role: "editor" }] },
};
const result: wr.ValidationResult = wr.validate("paradigm.updateWorkspace", body);
const codes: wr.IssueCode[] = result.issues.map((i) => i.code);
const many: wr.ValidationResult[] = wr.validateMany("databrain.createWorkspace", [{}, { name: "W" }]);
const ids: wr.EndpointId[] = wr.endpoints().map((e) => e.id);
const variants: number = wr.describe("databrain.createDatasource").body.union?.variants.length ?? 0;
const schema: wr.JsonSchema = wr.jsonSchema("databrain.createWorkspace");
const ready: Promise<void> = wr.default();
const sync: (input: BufferSource | WebAssembly.Module) => void = wr.initSync;
const pg: wr.RequestBodies["databrain.updateDatasource"] = {
  datasourceType: "postgres",
  credentials: { name: "p", host: "h", port: 5432 },
};

// @ts-expect-error TS2345 an unknown endpoint id
wr.validate("databrain.nope", {});

// @ts-expect-error TS2322 an IssueCode outside the union
const bad: wr.IssueCode = "missing";

// @ts-expect-error TS2322 a Paradigm member role outside the enum
const admin: wr.ParadigmMember = { id: 1, role: "admin" };

export = { result, codes, many, ids, variants, schema, ready, sync, pg, bad, admin };
