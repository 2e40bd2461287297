// An ESM TypeScript consumer of the validator-only entry (`workspace-requests/validate`), checked
// by types.test.mjs: its types are the validation and introspection part of the main entry's, and
// nothing of the clients. Every line after `// @ts-expect-error` must be a type error.
import init, * as v from "workspace-requests/validate";
import type { EndpointId, FieldDescription, Issue, RequestBodies, ValidationResult } from "workspace-requests/validate";

await init();
const id: EndpointId = "databrain.createWorkspace";
const body: RequestBodies["databrain.createWorkspace"] = { name: "W", connectionType: "MULTI_DATASOURCE" };
const result: ValidationResult = v.validate(id, body, { strict: true });
const issues: Issue[] = v.validateMany(id, [body])[0]!.issues;
// Each variant gives the fields in force for its tag value.
const inForce: FieldDescription[] = v.describe("databrain.createDatasource").body.union?.variants[0]?.fieldsInForce ?? [];
console.log(result, issues, inForce, v.jsonSchema(id, { strict: true }).$schema, v.endpoints().length, v.initSync, new Error() instanceof v.ValidationError);

// @ts-expect-error TS2345 an unknown endpoint id
v.validate("databrain.nope", {});

// @ts-expect-error TS2614 the clients are not part of this entry
import { DatabrainClient } from "workspace-requests/validate";

// @ts-expect-error TS2614 nor is the request builder
import { buildRequest } from "workspace-requests/validate";

console.log(DatabrainClient, buildRequest);
