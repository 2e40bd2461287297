// @ts-check
// Issues in the shapes forms and logs want: flattenIssues and treeifyIssues (the shapes zod 4's
// z.flattenError and z.treeifyError give), formatIssues (one line per issue, path first, which
// ValidationError's message uses). They read a result; they judge nothing. Declared in
// ./index.d.ts.
/** @import { IssueList, FlatIssues, IssueTree } from "./index.js" */

/**
 * The keys of an RFC 6901 JSON Pointer, unescaped (`[]` for `""`, the body itself).
 * @param {string} pointer
 * @returns {string[]}
 */
export function pointerKeys(pointer) {
  return pointer === "" ? [] : pointer.slice(1).split("/").map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
}

/**
 * An issue's JSON Pointer: our `path`, a Standard issue's `pointer`, or one made from a
 * Standard Schema `path` array.
 * @param {{ path?: unknown, pointer?: unknown }} issue
 * @returns {string}
 */
function pointerOf(issue) {
  if (typeof issue.path === "string") return issue.path;
  if (typeof issue.pointer === "string") return issue.pointer;
  if (!Array.isArray(issue.path)) return "";
  return issue.path.map((k) => "/" + String(k).replaceAll("~", "~0").replaceAll("/", "~1")).join("");
}

/**
 * The steps of an issue's path: a Standard Schema issue's `path` as it is (an index is a number),
 * else its JSON Pointer's keys.
 * @param {{ path?: unknown, pointer?: unknown }} issue
 * @returns {(string | number)[]}
 */
function steps(issue) {
  if (Array.isArray(issue.path)) return issue.path.map((k) => (typeof k === "number" ? k : String(k)));
  return pointerKeys(pointerOf(issue));
}

/**
 * The issues of what was given: a ValidationResult, a Standard Schema result or a ValidationError
 * (`issues`), or a list of issues.
 * @param {unknown} from
 * @param {string} what
 * @returns {{ path?: unknown, pointer?: unknown, message: string, code?: string }[]}
 */
function issuesOf(from, what) {
  const list = Array.isArray(from) ? from : from !== null && typeof from === "object" ? /** @type {{ issues?: unknown }} */ (from).issues ?? [] : undefined;
  if (!Array.isArray(list)) throw new TypeError(`${what} expects a validation result, an error or a list of issues`);
  return list.filter((i) => i !== null && typeof i === "object" && typeof i.message === "string");
}

/**
 * Defines `key` on `obj` as data (a key named `__proto__` stays a key); returns the value.
 * @template T
 * @param {object} obj
 * @param {string} key
 * @param {T} value
 * @returns {T}
 */
function put(obj, key, value) {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  return value;
}

/**
 * `{ formErrors, fieldErrors }`: the messages of issues about the whole body, and the others by
 * their path's keys joined with dots (`"credentials.port"`, `"members.users.0.role"`: the names
 * react-hook-form and TanStack Form give nested fields).
 * @type {typeof import("./index.js").flattenIssues}
 */
export function flattenIssues(from) {
  /** @type {string[]} */
  const formErrors = [];
  /** @type {Record<string, string[]>} */
  const fieldErrors = {};
  for (const issue of issuesOf(from, "flattenIssues")) {
    const path = steps(issue);
    if (path.length === 0) {
      formErrors.push(issue.message);
      continue;
    }
    const key = path.join(".");
    (Object.hasOwn(fieldErrors, key) ? fieldErrors[key] : put(fieldErrors, key, [])).push(issue.message);
  }
  return { formErrors, fieldErrors };
}

/**
 * `{ errors, properties?, items? }` at every level: each issue's message under its path, object
 * keys in `properties`, array indices (numbers in a Standard Schema path) in `items`.
 * @type {typeof import("./index.js").treeifyIssues}
 */
export function treeifyIssues(from) {
  /** @type {IssueTree} */
  const root = { errors: [] };
  for (const issue of issuesOf(from, "treeifyIssues")) {
    /** @type {any} */
    let node = root;
    for (const step of steps(issue)) {
      if (typeof step === "number") {
        const items = (node.items ??= []);
        node = items[step] ??= { errors: [] };
      } else {
        const properties = (node.properties ??= {});
        node = Object.hasOwn(properties, step) ? properties[step] : put(properties, step, { errors: [] });
      }
    }
    node.errors.push(issue.message);
  }
  return root;
}

/**
 * Every issue on a line of its own, path first: `/credentials/port (invalid_value): credentials.port
 * must be …`; `(body)` for the body itself. Warnings too, when a result with warnings is given,
 * marked as such.
 * @type {typeof import("./index.js").formatIssues}
 */
export function formatIssues(from) {
  const line = (/** @type {{ path?: unknown, pointer?: unknown, message: string, code?: string }} */ i, /** @type {string} */ mark) => {
    const pointer = pointerOf(i);
    const at = pointer === "" ? "(body)" : pointer;
    const code = typeof i.code === "string" ? ` (${i.code}${mark})` : mark ? ` (${mark.slice(2)})` : "";
    return `${at}${code}: ${i.message}`;
  };
  const warnings = from !== null && typeof from === "object" && !Array.isArray(from) ? /** @type {{ warnings?: unknown }} */ (from).warnings : undefined;
  const lines = issuesOf(from, "formatIssues").map((i) => line(i, ""));
  if (Array.isArray(warnings)) lines.push(...issuesOf(warnings, "formatIssues").map((w) => line(w, ", warning")));
  return lines.join("\n");
}
