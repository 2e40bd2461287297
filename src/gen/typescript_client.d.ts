/** The code of an error answer whose body names none and whose status the docs do not list. */
export type HttpStatusCode = `HTTP_${number}`;

/** What `buildRequest` returns: ready for `fetch`, or for `toCurl`. */
export interface BuiltRequest<E extends EndpointId = EndpointId> {
  /** The endpoint the request is for (used by `toCurl` to find secret fields). */
  readonly endpoint: E;
  readonly method: "POST" | "PUT" | "PATCH";
  /** The absolute URL: the base URL (or the API's default) and the endpoint's path. */
  readonly url: string;
  /** `Authorization: Bearer <token>`, `Content-Type` and `Accept: application/json`. */
  readonly headers: { readonly [name: string]: string };
  /** The body as JSON text. */
  readonly body: string;
}

/** Where and as whom to send a request. */
export interface BuildOptions {
  /** The bearer token (Databrain: a service token; Paradigm: an API key). */
  token: string;
  /**
   * The API's base URL: `https://api.usedatabrain.com` (Databrain) and `https://api.lighton.ai`
   * (Paradigm) by default; a self-hosted URL may carry a path prefix and a trailing slash.
   */
  baseUrl?: string;
  /** The Paradigm workspace id (an integer); Databrain endpoints take none. */
  id?: number;
  /** Validate in strict mode: unknown keys of documented objects are issues (see `validate`). */
  strict?: boolean;
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
export function toCurl(request: BuiltRequest, options?: { revealSecrets?: boolean }): string;

/**
 * A copy of a request that is safe to show or log, redacted as `toCurl` redacts it: credential
 * headers (`Bearer <redacted>`), the URL's user info, and every body value that may be secret.
 */
export function redactRequest<E extends EndpointId>(request: BuiltRequest<E>): BuiltRequest<E>;

/** A body that breaks the schema: nothing was sent. */
export class ValidationError extends Error {
  readonly name: "ValidationError";
  readonly endpoint: EndpointId;
  readonly issues: Issue[];
  readonly warnings: Warning[];
}

/**
 * The API answered with an error. A redirect (3xx) is one too: clients never follow one, so that
 * the body and the token go to the base URL only (code `HTTP_3xx`, the message names the target's
 * origin).
 */
export class ApiError<E extends EndpointId = EndpointId> extends Error {
  readonly name: "ApiError";
  readonly endpoint: E;
  /** The HTTP status. */
  readonly status: number;
  /** The documented code from the body, else the one the docs give for the status, else `HTTP_<status>`. */
  readonly code: ErrorCodes[E] | HttpStatusCode;
  /** The body as parsed JSON, or its text when it is not JSON, or `null` when empty. */
  readonly body: JsonValue;
  /**
   * Paradigm's per-field errors, when the body carries them (its 422 `validation_error`):
   * `{ "members.users.0.id": [{ error: "invalid", detail: "…" }] }`.
   */
  readonly fields?: { readonly [field: string]: readonly { readonly error: string; readonly detail: string }[] };
}

/** The request did not complete: no connection, or it dropped before an answer. */
export class NetworkError extends Error {
  readonly name: "NetworkError";
  readonly endpoint: EndpointId;
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
}

/** How a client connects. */
export interface ClientOptions {
  token: string;
  /** See `BuildOptions.baseUrl`. */
  baseUrl?: string;
  /** Abort a request with `TimeoutError` after this many milliseconds, at most 2147483647 (no limit by default). */
  timeoutMs?: number;
  /**
   * Retry network errors and 5xx answers, with exponential backoff, for idempotent methods only
   * (Databrain's PUT updates). Off by default; `true` means 2 retries from 200 ms.
   */
  retry?: boolean | { retries?: number; backoffMs?: number };
  /** Validate every body in strict mode (see `validate`). */
  strict?: boolean;
}

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
