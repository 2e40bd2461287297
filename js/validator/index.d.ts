// The types of `workspace-requests/validate`: the validation and introspection part of the main
// entry's declarations (../index.d.ts), over the validator wasm.
export {
  default,
  initSync,
  validate,
  validateMany,
  schemas,
  schema,
  endpoints,
  describe,
  jsonSchema,
  ValidationError,
} from "../index.js";
export type {
  Issue,
  Warning,
  ValidateOptions,
  ValidationResult,
  StandardIssue,
  StandardJsonSchemaOptions,
  BodySchema,
  EndpointInfo,
  EndpointDescription,
  ObjectDescription,
  FieldDescription,
  RuleDescription,
  TypeDescription,
  UnionDescription,
  VariantDescription,
  JsonValue,
  JsonSchema,
  GlobalInstance,
  WasmModule,
  WasmBytes,
  InitInput,
} from "../index.js";
export * from "../types.js";
