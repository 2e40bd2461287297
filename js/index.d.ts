// The package's hand-written TypeScript declarations: `workspace-requests` (web/index.js,
// node/index.js, cjs/index.cjs), and through validator/index.d.ts `workspace-requests/validate`.
// The names that derive from the schemas (EndpointId, IssueCode, RequestBodies, the body types...)
// are generated into ./types.d.ts by `cargo run --bin gen -- types`, and so are the structs that
// cross the wasm boundary (ClientOptions, BuildOptions, CurlOptions, BuiltRequestData, Sent: from
// src/http by tsify). The JS modules check their implementations against these declarations
// (`tsc -p js`).

/**
 * Validate request bodies of Databrain's v2 workspace/datasource API and LightOn Paradigm's v3
 * workspace API before sending them.
 *
 * Every function works on an endpoint id (`EndpointId`). `validate` reports every problem at once,
 * each with a JSON Pointer path, a stable code, a message and the API's error code.
 *
 * @packageDocumentation
 */

import type {
  ApiErrorCode,
  ApiName,
  BuildOptions,
  BuiltRequestData,
  ClientOptions,
  CurlOptions,
  DatabrainCreateWorkspaceBody,
  DatabrainDatasourceBody,
  DatabrainUpdateWorkspaceBody,
  EndpointId,
  ErrorCodes,
  HttpMethod,
  IssueCode,
  ParadigmDatasource,
  ParadigmUpdateWorkspaceBody,
  RateLimitCode,
  RequestBodies,
  Sent,
} from "./types.js";

export * from "./types.js";

// ---------------------------------------------------------------------------------------------
// Validation (./validate.js)

/** A condition on a sibling field: it equals (or does not equal) a value. */
export type IssueCondition =
  | { readonly field: string; readonly equals: string | boolean }
  | { readonly field: string; readonly notEquals: string | boolean };

/** The type a value should have had (`params.expected`). */
export type ExpectedType = "string" | "boolean" | "integer" | "port" | "array" | "object" | "json_text" | "string_or_null" | "json";

/** What a value was (`params.found`): `typeof`-like, with `null` and `array` apart, `other` for what JSON cannot hold. */
export type FoundKind = "null" | "boolean" | "number" | "string" | "array" | "object" | "undefined" | "other";

/**
 * The structured data of a finding, so that a UI can write the message in its own words.
 * `rule` names the check (finer than the code); params never hold a value of the body.
 */
export type IssueParams =
  | { readonly rule: "required" }
  | { readonly rule: "required_when"; readonly when: IssueCondition }
  /** A field the docs list for this datasource type is missing (a warning). */
  | { readonly rule: "expected" }
  | { readonly rule: "type"; readonly expected: ExpectedType; readonly found: FoundKind }
  | { readonly rule: "enum"; readonly allowed: readonly string[]; readonly found: FoundKind; readonly suggestion?: string }
  | { readonly rule: "empty"; readonly minimum: 1 }
  /** `maximum` and `length` count characters (code points). */
  | { readonly rule: "length"; readonly maximum: number; readonly length: number }
  /** `sent`: the key goes to the API as it is (credential objects); `known`: the object's fields. */
  | { readonly rule: "unknown_key"; readonly sent: boolean; readonly suggestion?: string; readonly known: readonly string[] }
  /** `siblingFound`: what the condition's field holds; `atDefault`: the key holds its documented default. */
  | { readonly rule: "only_when"; readonly when: IssueCondition; readonly siblingFound: FoundKind; readonly atDefault: boolean }
  /** `redundant`: `instead` is sent too. */
  | { readonly rule: "use_instead"; readonly instead: string; readonly redundant: boolean }
  | { readonly rule: "range"; readonly minimum: number; readonly maximum: number; readonly found: FoundKind }
  | { readonly rule: "integer"; readonly found: FoundKind }
  /** A string of digits where a port number is documented (a warning). */
  | { readonly rule: "numeric_string"; readonly expected: "port"; readonly found: "string" }
  | { readonly rule: "json_text"; readonly encodes: "invalid_json" | "array" | "string" | "scalar" }
  /** `maximum`: containers deep. */
  | { readonly rule: "depth"; readonly maximum: number }
  /** `maximum`: findings reported. */
  | { readonly rule: "too_many"; readonly maximum: number }
  /** `maximum`: values read. */
  | { readonly rule: "too_large"; readonly maximum: number };

/** One problem found in a body. */
export interface Issue {
  /** A JSON Pointer into the body (`""` for the body itself). */
  readonly path: string;
  /** What is wrong, as a stable code. */
  readonly code: IssueCode;
  /** A human-readable explanation. It never contains a secret value. */
  readonly message: string;
  /** The error code the API answers for this problem. */
  readonly apiCode: ApiErrorCode;
  /** What the message says, as data (expected type, what was found, allowed values, limits, suggestion). */
  readonly params: IssueParams;
}

/** A likely mistake the API may accept: not an error the API is known to answer, so `apiCode` is `null`. */
export interface Warning {
  /** A JSON Pointer into the body (`""` for the body itself). */
  readonly path: string;
  readonly code: IssueCode;
  /** A human-readable explanation. It never contains a secret value. */
  readonly message: string;
  readonly apiCode: null;
  readonly params: IssueParams;
}

/** How `validate` judges a body. */
export interface ValidateOptions {
  /** Unknown keys of documented objects are issues, not warnings (default `false`). Credential objects stay open. */
  strict?: boolean;
}

/** The result of validating one body. */
export interface ValidationResult {
  /** `true` when the API should accept the body: no issues (warnings do not count). */
  readonly ok: boolean;
  /** Problems the API rejects the body for. */
  readonly issues: Issue[];
  /** Likely mistakes the API may not reject (e.g. a misspelled key it ignores). */
  readonly warnings: Warning[];
}

/**
 * Validates a request body against the endpoint's schema and reports every problem at once.
 *
 * Never throws, whatever `body` is.
 *
 * @param endpoint The endpoint the body is for.
 * @param body The body, as it would be sent (a parsed JSON value).
 * @param options `strict`: unknown keys of documented objects are issues, not warnings.
 * @returns `ok`, and the issues (the API would reject the body) and warnings (it may not).
 */
export function validate(endpoint: EndpointId, body: unknown, options?: ValidateOptions): ValidationResult;

/**
 * Validates several bodies for the same endpoint.
 *
 * @returns One result per body, in the same order.
 */
export function validateMany(endpoint: EndpointId, bodies: readonly unknown[], options?: ValidateOptions): ValidationResult[];

/**
 * Whether the API should accept the body (`validate(...).ok`: warnings do not count), as a type
 * guard to the endpoint's body type.
 */
export function isValid<E extends EndpointId>(endpoint: E, body: unknown, options?: ValidateOptions): body is RequestBodies[E];

/**
 * The body itself, typed as the endpoint's body, when the API should accept it; otherwise throws
 * a `ValidationError` listing every issue. Warnings never throw.
 */
export function parse<E extends EndpointId>(endpoint: E, body: unknown, options?: ValidateOptions): RequestBodies[E];

// ---------------------------------------------------------------------------------------------
// Standard Schema (./standard.js)

/** An issue or warning as Standard Schema reports it, with ours beside it. */
export interface StandardIssue {
  /** The same message as `Issue.message`. */
  readonly message: string;
  /** The keys from the body to the value; an array index is a number. */
  readonly path: ReadonlyArray<string | number>;
  readonly code: IssueCode;
  /** The JSON Pointer (`Issue.path`). */
  readonly pointer: string;
  /** The API's error code for an issue, `null` for a warning. */
  readonly apiCode: ApiErrorCode | null;
  readonly params: IssueParams;
}

/** The options of `~standard.jsonSchema.input` and `.output` (Standard JSON Schema v1). */
export interface StandardJsonSchemaOptions {
  /**
   * `"draft-2020-12"`, `"draft-07"` or `"openapi-3.0"` (a self-contained Schema Object: references
   * inlined, conditions as `anyOf`/`not`, `nullable`); any other target throws a TypeError.
   */
  readonly target: "draft-2020-12" | "draft-07" | "openapi-3.0" | ({} & string);
  readonly libraryOptions?: Record<string, unknown> | undefined;
}

/**
 * One endpoint's body as a Standard Schema v1 and a Standard JSON Schema v1: what
 * react-hook-form's `standardSchemaResolver`, TanStack Form, tRPC's `.input()` and Hono's
 * `sValidator` take. Validation is `validate`'s (warnings do not fail it; both results carry them).
 */
export interface BodySchema<E extends EndpointId = EndpointId> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: "workspace-requests";
    readonly validate: (
      value: unknown,
    ) =>
      | { readonly value: RequestBodies[E]; readonly issues?: undefined; readonly warnings: readonly StandardIssue[] }
      | { readonly issues: readonly StandardIssue[]; readonly warnings: readonly StandardIssue[] };
    readonly types?: { readonly input: RequestBodies[E]; readonly output: RequestBodies[E] } | undefined;
    readonly jsonSchema: {
      readonly input: (options: StandardJsonSchemaOptions) => Record<string, unknown>;
      readonly output: (options: StandardJsonSchemaOptions) => Record<string, unknown>;
    };
  };
  readonly endpoint: E;
  /** Whether unknown keys of documented objects are issues (`schema(endpoint, { strict: true })`). */
  readonly strict: boolean;
}

// ---------------------------------------------------------------------------------------------
// Issues for forms and logs (./issues.js)

/** What the issue helpers read: a result (`validate`'s, a Standard Schema one), a `ValidationError`, an `ApiError` (its server issues), or a list of issues. */
export type IssueList =
  | { readonly issues?: readonly (Issue | StandardIssue | ServerIssue)[] | undefined; readonly warnings?: readonly (Warning | StandardIssue)[] }
  | readonly (Issue | Warning | StandardIssue | ServerIssue)[];

/** `flattenIssues`: the messages about the whole body, and the others by their path's keys joined with dots. */
export interface FlatIssues {
  formErrors: string[];
  /** `"credentials.port"`, `"members.users.0.role"`: the names form libraries give nested fields. */
  fieldErrors: Record<string, string[]>;
}

/** `treeifyIssues`: the messages at each level, object keys in `properties`, array indices in `items`. */
export interface IssueTree {
  errors: string[];
  properties?: Record<string, IssueTree>;
  items?: IssueTree[];
}

/** The shape of zod 4's `z.flattenError`, with full dotted paths as keys. */
export function flattenIssues(from: IssueList): FlatIssues;
/** The shape of zod 4's `z.treeifyError`; indices are `items` where the path has numbers (Standard Schema issues). */
export function treeifyIssues(from: IssueList): IssueTree;
/** Every issue on its own line, path first (`/credentials/port (invalid_value): …`), then the warnings of a result, marked. */
export function formatIssues(from: IssueList): string;

/** Every endpoint's body schema, in the default mode (unknown keys are warnings). */
export const schemas: { readonly [E in EndpointId]: BodySchema<E> };

/** An endpoint's body schema, in the mode `options.strict` says. */
export function schema<E extends EndpointId>(endpoint: E, options?: ValidateOptions): BodySchema<E>;

// ---------------------------------------------------------------------------------------------
// Introspection (./introspect.js): the shapes `describe` and `jsonSchema` return (src/gen/describe.rs)

/** An endpoint this package knows. */
export interface EndpointInfo {
  id: EndpointId;
  api: ApiName;
  method: HttpMethod;
  /** The path, with `{id}` where a path parameter goes. */
  path: string;
  summary: string;
}

/** Every endpoint this package knows, in a fixed order. */
export function endpoints(): EndpointInfo[];

/**
 * Describes an endpoint and its body schema as plain data: fields, types, doc lines, rules and
 * variants, enough to render a form.
 */
export function describe(endpoint: EndpointId): EndpointDescription;

/** The JSON Schema (draft 2020-12) of an endpoint's body, accepting what `validate` accepts in the same mode. */
export function jsonSchema(endpoint: EndpointId, options?: JsonSchemaOptions): JsonSchema;

/** How `jsonSchema` writes a schema for embedding. */
export interface JsonSchemaOptions extends ValidateOptions {
  /** The root's `$id` (a URI), written after `$schema`. */
  id?: string;
  /**
   * How references to the definitions start (default `"#/$defs/"`): `"#/components/schemas/"`
   * for an OpenAPI document. The definitions stay under `$defs`, for the caller to place where
   * the prefix points.
   */
  refPrefix?: string;
}

/**
 * An OpenAPI 3.1 document of the six endpoints: each API's servers (cloud and self-hosted), bearer
 * security, the request bodies (the default mode's JSON Schemas, shared under
 * `components.schemas`), the success answers and every documented error code by status, and the
 * 429 of the rate limit. A fresh copy per call.
 */
export function openApi(): OpenApiDocument;

/** An OpenAPI 3.1 document (the parts `openApi()` writes are typed; the rest is JSON). */
export interface OpenApiDocument {
  readonly openapi: "3.1.0";
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly paths: { readonly [path: string]: JsonValue };
  readonly components: { readonly schemas: { readonly [name: string]: JsonSchema }; readonly securitySchemes: { readonly [name: string]: JsonValue } };
  readonly [key: string]: JsonValue;
}

/** An endpoint and its body schema, as `describe` returns them. */
export interface EndpointDescription extends EndpointInfo {
  /** The error code the API answers for a body that breaks the schema. */
  bodyError: ApiErrorCode;
  /** The documented error answers of the endpoint. */
  errors: { code: ApiErrorCode; status: number; doc: string }[];
  body: ObjectDescription;
}

/** An object schema. */
export interface ObjectDescription {
  /** The type name (as in these declarations and in the JSON Schema's `$defs`). */
  name: string;
  doc: string;
  /** Whether an unknown key is an issue in strict mode (a warning otherwise); `false` where unknown keys are always let through (credentials). */
  closesInStrictMode: boolean;
  /** Whether the public docs document every key of this object. */
  documented: boolean;
  fields: FieldDescription[];
  rules: RuleDescription[];
  /** Present when a discriminator field selects variants of the object. */
  union?: UnionDescription;
}

/** One key of an object. */
export interface FieldDescription {
  name: string;
  type: TypeDescription;
  /** `expected`: the docs' examples always send it; a missing one is a warning. `forbidden`: never send it. */
  required: "required" | "optional" | "expected" | "forbidden";
  /** For a `forbidden` key: the key to send instead. */
  useInstead?: string;
  doc: string;
  /** A password, key or token: never echoed anywhere. */
  secret: boolean;
  /** `false` when the public docs do not confirm the key's name: problems with it are only warnings. */
  confirmed: boolean;
  /** The value the API assumes when the key is omitted, where the docs state one. */
  default?: string | boolean;
}

/** A cross-field rule of an object. */
export interface RuleDescription {
  /** `requiredWhen`: the fields must be present when `when` holds. `onlyWhen`: they must be absent unless it holds. */
  kind: "requiredWhen" | "onlyWhen";
  fields: string[];
  /** `eq`: the sibling is present and equals `value`. `ne`: it is absent or differs. */
  when: { field: string; op: "eq" | "ne"; value: string | boolean };
  /** Whether breaking the rule is an issue or only a warning. */
  level: "issue" | "warning";
  /** The rule in words, e.g. `Required when connectionType is "DATASOURCE".` */
  doc: string;
}

/** The type of a field's value. */
export type TypeDescription =
  | { kind: "string"; minLength?: number; maxLength?: number }
  | { kind: "enum"; values: { value: string; doc: string }[] }
  | { kind: "tag" }
  | { kind: "boolean" }
  | { kind: "integer"; minimum: number; maximum?: number }
  | { kind: "port"; minimum: number; maximum: number }
  | { kind: "array"; items: TypeDescription }
  | { kind: "object"; object: ObjectDescription }
  | { kind: "jsonObjectString" }
  | { kind: "nullable"; inner: TypeDescription }
  | { kind: "any" };

/** The variants of an object whose `tag` field (of kind `tag`) selects them. */
export interface UnionDescription {
  tag: string;
  variants: VariantDescription[];
}

/** One variant: the tag's value, the fields that replace the base fields of the same name, and the result. */
export interface VariantDescription {
  value: string;
  doc: string;
  /** The variant's own fields. */
  fields: FieldDescription[];
  /** The object's fields in force for this value: the base fields in order, the variant's in place of those of the same name. */
  fieldsInForce: FieldDescription[];
}

/** A JSON value. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A JSON Schema document. */
export type JsonSchema = { [key: string]: JsonValue };

// ---------------------------------------------------------------------------------------------
// Loading the WebAssembly module (./wasm.js)

/**
 * The instance type of the global constructor `K`, or `never` where the project's type libraries
 * do not declare it (no DOM and no Node types): these declarations need neither.
 */
export type GlobalInstance<K extends string> = typeof globalThis extends { [P in K]: abstract new (...args: never[]) => infer I } ? I : never;

/** A compiled `WebAssembly.Module`, where the type libraries declare one. */
export type WasmModule = typeof globalThis extends { WebAssembly: { Module: abstract new (...args: never[]) => infer M } } ? M : never;

/** Bytes of the `.wasm` file. */
export type WasmBytes = ArrayBuffer | ArrayBufferView;

/** What `init` can load the WebAssembly module from: a URL, a fetch `Request` or `Response`, bytes, or a compiled module. */
export type InitInput = string | GlobalInstance<"URL"> | GlobalInstance<"Request"> | GlobalInstance<"Response"> | WasmBytes | WasmModule;

/**
 * Loads the WebAssembly module in browsers: await it once before calling the other functions.
 *
 * In Node it loads the package's own `.wasm` (its argument is ignored); without it, the module
 * loads on first use.
 */
export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;

/** Loads the WebAssembly module synchronously from its bytes or a compiled module. */
export function initSync(input: WasmBytes | WasmModule): void;

// ---------------------------------------------------------------------------------------------
// Requests (./request.js)

/** What `buildRequest` returns: ready for `fetch`, or for `toCurl`. */
export interface BuiltRequest<E extends EndpointId = EndpointId> extends Readonly<BuiltRequestData<string>> {
  /** The endpoint the request is for (used by `toCurl` to find secret fields). */
  readonly endpoint: E;
  readonly method: HttpMethod;
  /** The absolute URL: the base URL (or the API's default) and the endpoint's path. */
  readonly url: string;
  /** `Authorization: Bearer <token>`, `Content-Type` and `Accept: application/json`. */
  readonly headers: { readonly [name: string]: string };
  /** The body as JSON text. */
  readonly body: string;
}

/**
 * Validates `body` and builds the request. Throws `ValidationError` (with every issue) for an
 * invalid body, and `TypeError` for a bad token, base URL (one holding `user:password@` too) or id,
 * or for a body whose JSON differs from what `validate` reads in it (toJSON, a Date, a boxed
 * primitive, a getter): the body is serialised once, and what is validated is what is sent.
 */
export function buildRequest<E extends EndpointId>(endpoint: E, body: RequestBodies[E], options: BuildOptions): BuiltRequest<E>;

/**
 * A curl command that runs as is in a POSIX shell. Unless `revealSecrets`, the bearer token is read
 * from `$DATABRAIN_TOKEN` / `$PARADIGM_TOKEN`, every other credential header (`Authorization` of
 * another scheme, `Cookie`, `X-Api-Key`, ...) and the URL's user info show `<redacted>`, and so does
 * every body value that may be secret: inside `credentials`, all but the keys known not to be.
 */
export function toCurl(request: BuiltRequest, options?: CurlOptions): string;

/**
 * A copy of a request that is safe to show or log, redacted as `toCurl` redacts it: credential
 * headers (`Bearer <redacted>`), the URL's user info, and every body value that may be secret.
 */
export function redactRequest<E extends EndpointId>(request: BuiltRequest<E>): BuiltRequest<E>;

// ---------------------------------------------------------------------------------------------
// Errors (./errors.js)

/** The code of an error answer whose body names none and whose status the docs do not list. */
export type HttpStatusCode = `HTTP_${number}`;

/** A body that breaks the schema: nothing was sent. */
export class ValidationError extends Error {
  readonly name: "ValidationError";
  readonly endpoint: EndpointId;
  readonly issues: Issue[];
  readonly warnings: Warning[];
}

/** Every code `ApiError.code` holds for an endpoint: the documented ones, `TOO_MANY_REQUESTS`, or `HTTP_<status>`. */
export type ApiErrorCodeOf<E extends EndpointId> = ErrorCodes[E] | RateLimitCode | HttpStatusCode;

/** One of Paradigm's per-field errors (`ApiError.fields`) in the path form of `Issue`. */
export interface ServerIssue {
  /** A JSON Pointer (`/members/users/0/id` for the field `members.users.0.id`; `""` for `non_field_errors`). */
  readonly path: string;
  /** The field's name as the server gave it. */
  readonly field: string;
  /** The server's `error` (e.g. `"required"`). */
  readonly code: string;
  /** The server's `detail` (its `error` when it gives none). */
  readonly message: string;
}

/**
 * The API answered with an error. A redirect (3xx) is one too: clients never follow one, so that
 * the body and the token go to the base URL only (code `HTTP_3xx`, the message names the target's
 * origin).
 *
 * `e instanceof ApiError` narrows `e` to `AnyApiError`: checking `e.endpoint` then narrows
 * `e.code` to that endpoint's codes.
 */
export interface ApiError<E extends EndpointId = EndpointId> extends Error {
  readonly name: "ApiError";
  readonly endpoint: E;
  /** The HTTP status. */
  readonly status: number;
  /**
   * The code the docs give for the answer: the body's, when the docs list it for the endpoint;
   * else the documented code of the status, `TOO_MANY_REQUESTS` for a 429, or `HTTP_<status>`.
   */
  readonly code: ApiErrorCodeOf<E>;
  /** The code the body named when the docs do not list it for this endpoint (then `code` comes from the status); else `null`. */
  readonly serverCode: string | null;
  /** The body as parsed JSON, or its text when it is not JSON, or `null` when empty. */
  readonly body: JsonValue;
  /**
   * Paradigm's per-field errors, when the body carries them (its 422 `validation_error`):
   * `{ "members.users.0.id": [{ error: "invalid", detail: "…" }] }`.
   */
  readonly fields?: { readonly [field: string]: readonly { readonly error: string; readonly detail: string }[] };
  /** The same per-field errors as issues (`[]` when there are none): `flattenIssues(e)` shows them at their form fields. */
  readonly issues: readonly ServerIssue[];
  /** The response headers. */
  readonly headers: GlobalInstance<"Headers">;
  /**
   * How many seconds the answer asks to wait before trying again, or `null`: its `Retry-After`
   * (seconds or an HTTP date); on a 429 also `RateLimit-Reset`, a `RateLimit` header's `reset=`
   * / `t=`, or `X-RateLimit-Reset` (a Unix time, or seconds). A client with `retry` waits it
   * (up to `maxWaitMs`) and retries by itself.
   */
  readonly retryAfter: number | null;
  /** Paradigm's link to the code's documentation (its envelope's `doc_url`); else `null`. */
  readonly docUrl: string | null;
}

/** An `ApiError` of any endpoint, discriminated by `endpoint`: what `instanceof ApiError` narrows to. */
export type AnyApiError = { [E in EndpointId]: ApiError<E> }[EndpointId];

/** What the clients build an `ApiError` from (the wasm `send` answer of kind `"api"`). */
export type ApiErrorOutcome = Extract<Sent<JsonValue>, { kind: "api" }>;

export const ApiError: {
  new <E extends EndpointId>(endpoint: E, outcome: ApiErrorOutcome): ApiError<E>;
  readonly prototype: AnyApiError;
};

/**
 * The request did not complete: no connection, or it dropped before an answer. `cause` is what
 * fetch rejected with (in Node a `TypeError: fetch failed` whose own `cause` is the system
 * error); `systemCode` is that error's code (`ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`...), also
 * named in the message.
 */
export class NetworkError extends Error {
  readonly name: "NetworkError";
  readonly endpoint: EndpointId;
  readonly cause?: unknown;
  readonly systemCode: string | null;
}

/** No answer within the client's `timeoutMs`. */
export class TimeoutError extends Error {
  readonly name: "TimeoutError";
  readonly endpoint: EndpointId;
  readonly timeoutMs: number;
}

/** The caller's AbortSignal fired; `reason` is its reason, whatever it was. */
export class AbortError extends Error {
  readonly name: "AbortError";
  readonly endpoint: EndpointId;
  readonly reason: unknown;
}

/** A success status whose body is not the documented JSON. */
export class ResponseError extends Error {
  readonly name: "ResponseError";
  readonly endpoint: EndpointId;
  readonly status: number;
  readonly body: JsonValue;
  readonly headers: GlobalInstance<"Headers">;
}

/**
 * What a client's `onRequest` hook receives before each attempt: the request as `redactRequest`
 * shows it (`Authorization: Bearer <redacted>`, every secret body value `<redacted>`) and the
 * attempt number (0 first).
 */
export interface RequestEvent extends BuiltRequestData<string> {
  readonly attempt: number;
}

/**
 * What a client's `onResponse` hook receives after each answer: its status, its headers (names
 * lowercase; credential headers read `<redacted>`), its body text with every secret-looking
 * value `<redacted>` (undefined when empty), how long it took and the attempt number.
 */
export interface ResponseEvent {
  readonly endpoint: EndpointId;
  readonly attempt: number;
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | undefined;
  readonly durationMs: number;
}

// ---------------------------------------------------------------------------------------------
// Clients (./clients.js)

/** Per call: the caller's signal; aborting it rejects with `AbortError`, whatever the reason. */
export interface CallOptions {
  signal?: GlobalInstance<"AbortSignal">;
}

/** Databrain's answer to a workspace or datasource request: the resource's name. */
export interface NamedResource {
  readonly name: string;
  readonly [key: string]: unknown;
}

/** Paradigm's workspace object (the v3 response serializer). */
export interface ParadigmWorkspace {
  readonly id: number;
  readonly name?: string;
  readonly workspace_type?: string;
  readonly document_upload_method?: string;
  readonly description?: string | null;
  readonly files_count?: number;
  readonly sync?: { readonly editable?: boolean; readonly [key: string]: unknown } | null;
  readonly [key: string]: unknown;
}

/** Databrain's v2 workspace and datasource endpoints (default base URL https://api.usedatabrain.com). */
export class DatabrainClient {
  constructor(options: ClientOptions);
  createWorkspace(body: DatabrainCreateWorkspaceBody, options?: CallOptions): Promise<NamedResource>;
  updateWorkspace(body: DatabrainUpdateWorkspaceBody, options?: CallOptions): Promise<NamedResource>;
  createDatasource(body: DatabrainDatasourceBody, options?: CallOptions): Promise<NamedResource>;
  updateDatasource(body: DatabrainDatasourceBody, options?: CallOptions): Promise<NamedResource>;
}

/** LightOn Paradigm's v3 workspace endpoints (default base URL https://api.lighton.ai). */
export class ParadigmClient {
  constructor(options: ClientOptions);
  updateWorkspace(id: number, body: ParadigmUpdateWorkspaceBody, options?: CallOptions): Promise<ParadigmWorkspace>;
  testDatasource(id: number, datasource: ParadigmDatasource, options?: CallOptions): Promise<JsonValue>;
}
