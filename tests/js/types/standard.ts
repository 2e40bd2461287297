// A consumer of the Standard Schema objects, type-checked by types.test.mjs: they are the spec's
// interfaces (@standard-schema/spec from npm), and InferInput / InferOutput give the body types.
import type { StandardJSONSchemaV1, StandardSchemaV1 } from "@standard-schema/spec";
import { flattenIssues, isValid, parse, schema, schemas, treeifyIssues, type IssueCode, type RequestBodies } from "workspace-requests";

export const asSpec: StandardSchemaV1 = schemas["databrain.createWorkspace"];
export const asJsonSpec: StandardJSONSchemaV1 = schema("paradigm.updateWorkspace", { strict: true });
export const typed: StandardSchemaV1<RequestBodies["paradigm.testDatasource"]> = schemas["paradigm.testDatasource"];

type In = StandardSchemaV1.InferInput<(typeof schemas)["databrain.createWorkspace"]>;
type Out = StandardSchemaV1.InferOutput<(typeof schemas)["databrain.createWorkspace"]>;
export const input: In = { name: "Sales", connectionType: "DATASOURCE", datasourceName: "pg" };
export const output: Out = input;
// @ts-expect-error TS2322 the name is a string
export const wrong: In = { name: 5, connectionType: "DATASOURCE" };

const result = schemas["paradigm.updateWorkspace"]["~standard"].validate({});
if (result.issues) {
  const path: ReadonlyArray<string | number> = result.issues[0].path;
  const code: IssueCode = result.issues[0].code;
  const pointer: string = result.issues[0].pointer;
  void [path, code, pointer];
} else {
  const body: RequestBodies["paradigm.updateWorkspace"] = result.value;
  void body;
}
export const warnings = result.warnings.length;
// @ts-expect-error TS2345 no such endpoint
schema("paradigm.nope");
export const jsonSchema07 = schemas["paradigm.testDatasource"]["~standard"].jsonSchema.input({ target: "draft-07" });
export const fields: string[] | undefined = flattenIssues(result).fieldErrors["name"];
export const tree: string[] = treeifyIssues(result).errors;
// @ts-expect-error TS2345 a string is no result
flattenIssues("x");

// isValid narrows; parse returns the body type.
declare const unknownBody: unknown;
if (isValid("databrain.updateDatasource", unknownBody)) {
  const kind: RequestBodies["databrain.updateDatasource"]["datasourceType"] = unknownBody.datasourceType;
  void kind;
}
export const parsed: RequestBodies["paradigm.updateWorkspace"] = parse("paradigm.updateWorkspace", unknownBody);
// @ts-expect-error TS2322 parse gives the endpoint's own body type
export const mismatched: RequestBodies["databrain.createWorkspace"] = parse("paradigm.testDatasource", unknownBody);
// @ts-expect-error TS18046 without the guard the body stays unknown
export const notNarrowed = unknownBody.datasourceType;
