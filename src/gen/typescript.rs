//! TypeScript declarations for the npm package, derived from the schemas.
//!
//! [`declarations()`] writes the package's whole `index.d.ts` (an ES module declaration file):
//! a type per object schema, the endpoint ids, issue codes and API error codes as string-literal
//! unions, the result and introspection types, and the functions the package exports. Every name,
//! enum value, id and code comes from the data ([`ENDPOINTS`], the schemas, [`Code::ALL`]); only
//! the shapes of the results ([`crate::Report::to_json_string`], [`crate::describe`]) are spelled
//! out here.
//!
//! ```sh
//! cargo run --quiet --example dts > pkg/index.d.ts
//! ```

use std::fmt::Write as _;

use crate::engine::issue::Code;
use crate::gen::describe::{api_name, rule_doc};
use crate::schema::endpoints::ENDPOINTS;
use crate::schema::{policy, Choice, Field, Lit, Req, Schema, Type, Variant};

/// The whole `index.d.ts` of the npm package.
pub fn declarations() -> String {
    let mut out = String::new();
    header(&mut out);
    identifiers(&mut out);
    results(&mut out);
    functions(&mut out);
    client(&mut out);
    introspection(&mut out);
    bodies(&mut out);
    out
}

// ---------------------------------------------------------------------------------------------
// Writing helpers

/// A JSON string literal, which is also a valid TypeScript string literal type.
fn literal(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// `"a" | "b"`, or `never` for no values.
fn literal_union<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    let parts: Vec<String> = values.into_iter().map(literal).collect();
    if parts.is_empty() {
        "never".to_string()
    } else {
        parts.join(" | ")
    }
}

/// The values in first-seen order, without repeats.
fn dedup<'a>(values: impl IntoIterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = Vec::new();
    for v in values {
        if !seen.contains(&v) {
            seen.push(v);
        }
    }
    seen
}

/// Writes a JSDoc comment at `indent`: one line when the text is one line, a block otherwise.
/// `*/` in the text is escaped so the comment cannot end early.
fn jsdoc(out: &mut String, indent: &str, text: &str) {
    let text = text.trim().replace("*/", "*\\/");
    if text.is_empty() {
        return;
    }
    if !text.contains('\n') {
        let _ = writeln!(out, "{indent}/** {text} */");
        return;
    }
    let _ = writeln!(out, "{indent}/**");
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            let _ = writeln!(out, "{indent} *");
        } else {
            let _ = writeln!(out, "{indent} * {line}");
        }
    }
    let _ = writeln!(out, "{indent} */");
}

/// Joins paragraphs (skipping empty ones) with a blank line between them.
fn paragraphs(parts: &[String]) -> String {
    parts.iter().filter(|p| !p.trim().is_empty()).map(|p| p.trim()).collect::<Vec<_>>().join("\n\n")
}

/// A property key: bare when it is an identifier, quoted otherwise.
fn key(name: &str) -> String {
    let mut chars = name.chars();
    let ident = chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if ident {
        name.to_string()
    } else {
        literal(name)
    }
}

// ---------------------------------------------------------------------------------------------
// Header and identifiers

fn header(out: &mut String) {
    out.push_str(
        "// index.d.ts of the npm package, generated from the Rust schemas by\n\
         // `cargo run --quiet --example dts > pkg/index.d.ts`. Do not edit by hand.\n\
         \n",
    );
    jsdoc(
        out,
        "",
        "Validate request bodies of Databrain's v2 workspace/datasource API and LightOn Paradigm's v3 \
         workspace API before sending them.\n\n\
         Every function works on an endpoint id (`EndpointId`). `validate` reports every problem at once, \
         each with a JSON Pointer path, a stable code, a message and the API's error code.\n\n\
         @packageDocumentation",
    );
    out.push('\n');
}

fn identifiers(out: &mut String) {
    jsdoc(out, "", "The id of an endpoint, as used by every function of this package.");
    let _ = writeln!(out, "export type EndpointId = {};\n", literal_union(ENDPOINTS.iter().map(|e| e.id)));

    jsdoc(out, "", "The API an endpoint belongs to: its base URL, authentication and error envelope differ.");
    let _ =
        writeln!(out, "export type ApiName = {};\n", literal_union(dedup(ENDPOINTS.iter().map(|e| api_name(e.api)))));

    jsdoc(out, "", "The stable code of a problem `validate` finds. The strings are part of the public API.");
    let _ = writeln!(out, "export type IssueCode = {};\n", literal_union(Code::ALL.iter().map(|c| c.as_str())));

    jsdoc(out, "", "An error code the APIs document: Databrain's `error.code`, or Paradigm's `error` string.");
    let codes = dedup(ENDPOINTS.iter().flat_map(|e| e.errors.iter().map(|err| err.code).chain([e.body_error])));
    let _ = writeln!(out, "export type ApiErrorCode = {};\n", literal_union(codes));

    jsdoc(out, "", "The body type of each endpoint.");
    out.push_str("export interface RequestBodies {\n");
    for e in ENDPOINTS.iter() {
        jsdoc(out, "  ", &format!("`{} {}`: {}.", e.method, e.path, e.summary));
        let _ = writeln!(out, "  {}: {};", literal(e.id), e.body.name);
    }
    out.push_str("}\n\n");
}

// ---------------------------------------------------------------------------------------------
// Requests and clients

/// The documented error codes per endpoint, the request types, the error classes and the clients.
fn client(out: &mut String) {
    jsdoc(out, "", "The error codes each endpoint documents (`ApiError.code`).");
    out.push_str("export interface ErrorCodes {\n");
    for e in ENDPOINTS.iter() {
        let codes = dedup(e.errors.iter().map(|err| err.code).chain([e.body_error]));
        let _ = writeln!(out, "  {}: {};", literal(e.id), literal_union(codes));
    }
    out.push_str("}\n\n");
    out.push_str(include_str!("typescript_client.d.ts"));
    out.push('\n');
}

// ---------------------------------------------------------------------------------------------
// Results and functions

fn results(out: &mut String) {
    out.push_str(
        "/** One problem found in a body. */\n\
         export interface Issue {\n\
        \x20 /** A JSON Pointer into the body (`\"\"` for the body itself). */\n\
        \x20 readonly path: string;\n\
        \x20 /** What is wrong, as a stable code. */\n\
        \x20 readonly code: IssueCode;\n\
        \x20 /** A human-readable explanation. It never contains a secret value. */\n\
        \x20 readonly message: string;\n\
        \x20 /** The error code the API answers for this problem. */\n\
        \x20 readonly apiCode: ApiErrorCode;\n\
         }\n\
         \n\
         /** A likely mistake the API may accept: not an error the API is known to answer, so `apiCode` is `null`. */\n\
         export interface Warning {\n\
        \x20 /** A JSON Pointer into the body (`\"\"` for the body itself). */\n\
        \x20 readonly path: string;\n\
        \x20 readonly code: IssueCode;\n\
        \x20 /** A human-readable explanation. It never contains a secret value. */\n\
        \x20 readonly message: string;\n\
        \x20 readonly apiCode: null;\n\
         }\n\
         \n\
         /** How `validate` judges a body. */\n\
         export interface ValidateOptions {\n\
        \x20 /** Unknown keys of documented objects are issues, not warnings (default `false`). Credential objects stay open. */\n\
        \x20 strict?: boolean;\n\
         }\n\
         \n\
         /** The result of validating one body. */\n\
         export interface ValidationResult {\n\
        \x20 /** `true` when the API should accept the body: no issues (warnings do not count). */\n\
        \x20 readonly ok: boolean;\n\
        \x20 /** Problems the API rejects the body for. */\n\
        \x20 readonly issues: Issue[];\n\
        \x20 /** Likely mistakes the API may not reject (e.g. a misspelled key it ignores). */\n\
        \x20 readonly warnings: Warning[];\n\
         }\n\
         \n\
         /** An endpoint this package knows. */\n\
         export interface EndpointInfo {\n\
        \x20 id: EndpointId;\n\
        \x20 api: ApiName;\n",
    );
    let _ = writeln!(out, "  method: {};", literal_union(dedup(ENDPOINTS.iter().map(|e| e.method))));
    out.push_str(
        "  /** The path, with `{id}` where a path parameter goes. */\n\
        \x20 path: string;\n\
        \x20 summary: string;\n\
         }\n\
         \n",
    );
}

fn functions(out: &mut String) {
    out.push_str(
        "/**\n\
        \x20* Validates a request body against the endpoint's schema and reports every problem at once.\n\
        \x20*\n\
        \x20* Never throws, whatever `body` is.\n\
        \x20*\n\
        \x20* @param endpoint The endpoint the body is for.\n\
        \x20* @param body The body, as it would be sent (a parsed JSON value).\n\
        \x20* @param options `strict`: unknown keys of documented objects are issues, not warnings.\n\
        \x20* @returns `ok`, and the issues (the API would reject the body) and warnings (it may not).\n\
        \x20*/\n\
         export function validate(endpoint: EndpointId, body: unknown, options?: ValidateOptions): ValidationResult;\n\
         \n\
         /**\n\
        \x20* Validates several bodies for the same endpoint.\n\
        \x20*\n\
        \x20* @returns One result per body, in the same order.\n\
        \x20*/\n\
         export function validateMany(endpoint: EndpointId, bodies: readonly unknown[], options?: ValidateOptions): ValidationResult[];\n\
         \n\
         /** Every endpoint this package knows, in a fixed order. */\n\
         export function endpoints(): EndpointInfo[];\n\
         \n\
         /**\n\
        \x20* Describes an endpoint and its body schema as plain data: fields, types, doc lines, rules and\n\
        \x20* variants, enough to render a form.\n\
        \x20*/\n\
         export function describe(endpoint: EndpointId): EndpointDescription;\n\
         \n\
         /** The JSON Schema (draft 2020-12) of an endpoint's body, accepting what `validate` accepts in the same mode. */\n\
         export function jsonSchema(endpoint: EndpointId, options?: ValidateOptions): JsonSchema;\n\
         \n\
         /**\n\
        \x20* The instance type of the global constructor `K`, or `never` where the project's type libraries\n\
        \x20* do not declare it (no DOM and no Node types): these declarations need neither.\n\
        \x20*/\n\
         export type GlobalInstance<K extends string> = typeof globalThis extends { [P in K]: abstract new (...args: never[]) => infer I } ? I : never;\n\
         \n\
         /** A compiled `WebAssembly.Module`, where the type libraries declare one. */\n\
         export type WasmModule = typeof globalThis extends { WebAssembly: { Module: abstract new (...args: never[]) => infer M } } ? M : never;\n\
         \n\
         /** Bytes of the `.wasm` file. */\n\
         export type WasmBytes = ArrayBuffer | ArrayBufferView;\n\
         \n\
         /** What `init` can load the WebAssembly module from: a URL, a fetch `Request` or `Response`, bytes, or a compiled module. */\n\
         export type InitInput = string | GlobalInstance<\"URL\"> | GlobalInstance<\"Request\"> | GlobalInstance<\"Response\"> | WasmBytes | WasmModule;\n\
         \n\
         /**\n\
        \x20* Loads the WebAssembly module in browsers: await it once before calling the other functions.\n\
        \x20*\n\
        \x20* In Node it is a no-op: the module loads on import.\n\
        \x20*/\n\
         export default function init(input?: InitInput | Promise<InitInput>): Promise<void>;\n\
         \n\
         /** Loads the WebAssembly module synchronously from its bytes or a compiled module. */\n\
         export function initSync(input: WasmBytes | WasmModule): void;\n\
         \n",
    );
}

// ---------------------------------------------------------------------------------------------
// Introspection: the shapes `describe` and `jsonSchema` return (see `crate::describe`)

fn introspection(out: &mut String) {
    out.push_str(
        "/** An endpoint and its body schema, as `describe` returns them. */\n\
         export interface EndpointDescription extends EndpointInfo {\n\
        \x20 /** The error code the API answers for a body that breaks the schema. */\n\
        \x20 bodyError: ApiErrorCode;\n\
        \x20 /** The documented error answers of the endpoint. */\n\
        \x20 errors: { code: ApiErrorCode; status: number; doc: string }[];\n\
        \x20 body: ObjectDescription;\n\
         }\n\
         \n\
         /** An object schema. */\n\
         export interface ObjectDescription {\n\
        \x20 /** The type name (as in these declarations and in the JSON Schema's `$defs`). */\n\
        \x20 name: string;\n\
        \x20 doc: string;\n\
        \x20 /** Whether an unknown key is an issue in strict mode (a warning otherwise); `false` where unknown keys are always let through (credentials). */\n\
        \x20 closesInStrictMode: boolean;\n\
        \x20 /** Whether the public docs document every key of this object. */\n\
        \x20 documented: boolean;\n\
        \x20 fields: FieldDescription[];\n\
        \x20 rules: RuleDescription[];\n\
        \x20 /** Present when a discriminator field selects variants of the object. */\n\
        \x20 union?: UnionDescription;\n\
         }\n\
         \n\
         /** One key of an object. */\n\
         export interface FieldDescription {\n\
        \x20 name: string;\n\
        \x20 type: TypeDescription;\n\
        \x20 /** `expected`: the docs' examples always send it; a missing one is a warning. `forbidden`: never send it. */\n\
        \x20 required: \"required\" | \"optional\" | \"expected\" | \"forbidden\";\n\
        \x20 /** For a `forbidden` key: the key to send instead. */\n\
        \x20 useInstead?: string;\n\
        \x20 doc: string;\n\
        \x20 /** A password, key or token: never echoed anywhere. */\n\
        \x20 secret: boolean;\n\
        \x20 /** `false` when the public docs do not confirm the key's name: problems with it are only warnings. */\n\
        \x20 confirmed: boolean;\n\
        \x20 /** The value the API assumes when the key is omitted, where the docs state one. */\n\
        \x20 default?: string | boolean;\n\
         }\n\
         \n\
         /** A cross-field rule of an object. */\n\
         export interface RuleDescription {\n\
        \x20 /** `requiredWhen`: the fields must be present when `when` holds. `onlyWhen`: they must be absent unless it holds. */\n\
        \x20 kind: \"requiredWhen\" | \"onlyWhen\";\n\
        \x20 fields: string[];\n\
        \x20 /** `eq`: the sibling is present and equals `value`. `ne`: it is absent or differs. */\n\
        \x20 when: { field: string; op: \"eq\" | \"ne\"; value: string | boolean };\n\
        \x20 /** Whether breaking the rule is an issue or only a warning. */\n\
        \x20 level: \"issue\" | \"warning\";\n\
        \x20 /** The rule in words, e.g. `Required when connectionType is \"DATASOURCE\".` */\n\
        \x20 doc: string;\n\
         }\n\
         \n\
         /** The type of a field's value. */\n\
         export type TypeDescription =\n\
        \x20 | { kind: \"string\"; minLength?: number; maxLength?: number }\n\
        \x20 | { kind: \"enum\"; values: { value: string; doc: string }[] }\n\
        \x20 | { kind: \"tag\" }\n\
        \x20 | { kind: \"boolean\" }\n\
        \x20 | { kind: \"integer\"; minimum: number; maximum?: number }\n\
        \x20 | { kind: \"port\"; minimum: number; maximum: number }\n\
        \x20 | { kind: \"array\"; items: TypeDescription }\n\
        \x20 | { kind: \"object\"; object: ObjectDescription }\n\
        \x20 | { kind: \"jsonObjectString\" }\n\
        \x20 | { kind: \"nullable\"; inner: TypeDescription }\n\
        \x20 | { kind: \"any\" };\n\
         \n\
         /** The variants of an object whose `tag` field (of kind `tag`) selects them. */\n\
         export interface UnionDescription {\n\
        \x20 tag: string;\n\
        \x20 variants: VariantDescription[];\n\
         }\n\
         \n\
         /** One variant: the tag's value and the fields that replace the base fields of the same name. */\n\
         export interface VariantDescription {\n\
        \x20 value: string;\n\
        \x20 doc: string;\n\
        \x20 fields: FieldDescription[];\n\
         }\n\
         \n\
         /** A JSON value. */\n\
         export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };\n\
         \n\
         /** A JSON Schema document. */\n\
         export type JsonSchema = { [key: string]: JsonValue };\n\
         \n",
    );
}

// ---------------------------------------------------------------------------------------------
// Body types

/// Every object schema reachable from the endpoints' bodies, each once (by name), bodies first and
/// nested objects after the object that holds them.
fn schemas() -> Vec<&'static Schema> {
    fn visit_type(t: &'static Type, found: &mut Vec<&'static Schema>) {
        match t {
            Type::Object(s) => visit(s, found),
            Type::Array(inner) | Type::Nullable(inner) => visit_type(inner, found),
            _ => {}
        }
    }
    fn visit(s: &'static Schema, found: &mut Vec<&'static Schema>) {
        if found.iter().any(|f| f.name == s.name) {
            return;
        }
        found.push(s);
        for f in s.fields {
            visit_type(&f.ty, found);
        }
        for v in s.union.iter().flat_map(|u| u.variants) {
            for f in v.fields {
                visit_type(&f.ty, found);
            }
        }
    }
    let mut found = Vec::new();
    for e in ENDPOINTS.iter() {
        visit(e.body, &mut found);
    }
    found
}

fn bodies(out: &mut String) {
    for s in schemas() {
        schema(out, s);
    }
}

fn schema(out: &mut String, s: &'static Schema) {
    let mut doc = vec![s.doc.to_string()];
    // The types describe what the docs document: a documented object is exact (an object literal
    // with another key is a type error), though at run time such a key is only a warning unless
    // strict; an object the docs do not fully list takes any other key.
    match (policy::closes_in_strict_mode(s), s.documented) {
        (true, _) => doc.push("Another key is a warning at run time (an issue in strict mode).".to_string()),
        (false, true) => doc.push("Another key is sent as is, with a warning.".to_string()),
        (false, false) => {
            doc.push("Keys not listed here are let through: the public docs do not list them all.".to_string())
        }
    }
    match s.union {
        None => {
            jsdoc(out, "", &paragraphs(&doc));
            if s.fields.is_empty() && s.documented {
                // `{}` would accept any non-null value; this accepts only an empty object.
                let _ = writeln!(out, "export type {} = Record<string, never>;\n", s.name);
                return;
            }
            let _ = writeln!(out, "export interface {} {{", s.name);
            members(out, "  ", s, None);
            out.push_str("}\n\n");
        }
        Some(u) => {
            doc.push(format!("One member per value of `{}`, which selects the other fields' types.", u.tag));
            jsdoc(out, "", &paragraphs(&doc));
            let _ = write!(out, "export type {} =", s.name);
            if u.variants.is_empty() {
                out.push_str(" never;\n\n");
                return;
            }
            for v in u.variants {
                out.push_str("\n  | {\n");
                members(out, "      ", s, Some(v));
                out.push_str("    }");
            }
            out.push_str(";\n\n");
        }
    }
}

/// The properties of an object (of one variant, for a union), then its index signature if open.
fn members(out: &mut String, indent: &str, s: &'static Schema, variant: Option<&'static Variant>) {
    for f in s.fields_for(variant) {
        property(out, indent, s, variant, f);
    }
    if !s.documented {
        jsdoc(out, indent, "Other keys are let through.");
        let _ = writeln!(out, "{indent}[key: string]: unknown;");
    }
}

fn property(out: &mut String, indent: &str, s: &'static Schema, variant: Option<&'static Variant>, f: &Field) {
    let mut doc = vec![f.doc.to_string()];
    let ty = match f.req {
        Req::Forbidden(instead) => {
            doc.push(format!("Not used for this type: send `{instead}` instead."));
            "never".to_string()
        }
        _ => {
            if let (Type::Tag, Some(v)) = (&f.ty, variant) {
                doc.push(format!("`{}`: {}.", v.value, v.doc.trim_end_matches('.')));
            }
            if let Some(choices) = choices(&f.ty) {
                let lines: Vec<String> = choices.iter().map(|c| format!("- `{}`: {}", c.value, c.doc)).collect();
                doc.push(lines.join("\n"));
            }
            ts_type(&f.ty, s, variant).0
        }
    };
    if f.req == Req::Expected {
        doc.push("Expected: the docs' examples always send it; omitting it gives a warning.".to_string());
    }
    let rules: Vec<String> = s.rules.iter().filter(|r| r.fields().contains(&f.name)).map(rule_doc).collect();
    doc.push(rules.join("\n"));
    if !f.confirmed {
        doc.push("Unconfirmed: the public docs do not confirm this key name.".to_string());
    }
    if f.secret {
        doc.push("Secret.".to_string());
    }
    if let Some(d) = &f.default {
        let value = match d {
            Lit::Str(s) => literal(s),
            Lit::Bool(b) => b.to_string(),
        };
        doc.push(format!("@default {value}"));
    }
    jsdoc(out, indent, &paragraphs(&doc));
    let optional = if f.req == Req::Required { "" } else { "?" };
    let _ = writeln!(out, "{indent}{}{optional}: {ty};", key(f.name));
}

/// The enum choices of a type, looking through arrays and `null`.
fn choices(t: &Type) -> Option<&'static [Choice]> {
    match t {
        Type::Enum(c) => Some(c),
        Type::Array(inner) | Type::Nullable(inner) => choices(inner),
        _ => None,
    }
}

/// The TypeScript type, and whether it is a union (so needs parentheses before `[]`).
fn ts_type(t: &Type, s: &Schema, variant: Option<&Variant>) -> (String, bool) {
    match t {
        Type::Str { .. } | Type::JsonObjectString => ("string".to_string(), false),
        Type::Enum(choices) => (literal_union(choices.iter().map(|c| c.value)), choices.len() > 1),
        Type::Tag => match variant {
            Some(v) => (literal(v.value), false),
            None => {
                let values = s.tag_values();
                let union = values.len() > 1;
                (literal_union(values), union)
            }
        },
        Type::Bool => ("boolean".to_string(), false),
        Type::Int { .. } | Type::Port => ("number".to_string(), false),
        Type::Array(item) => {
            let (inner, union) = ts_type(item, s, variant);
            (if union { format!("({inner})[]") } else { format!("{inner}[]") }, false)
        }
        Type::Object(o) => (o.name.to_string(), false),
        Type::Nullable(Type::Any) | Type::Any => ("unknown".to_string(), false),
        Type::Nullable(inner) => (format!("{} | null", ts_type(inner, s, variant).0), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::Choice;

    #[test]
    fn comments_cannot_end_early() {
        let mut out = String::new();
        jsdoc(&mut out, "  ", "a */ b");
        assert_eq!(out, "  /** a *\\/ b */\n");
        out.clear();
        jsdoc(&mut out, "", "one\n\ntwo */");
        assert_eq!(out, "/**\n * one\n *\n * two *\\/\n */\n");
        out.clear();
        jsdoc(&mut out, "", "  ");
        assert_eq!(out, "");
    }

    #[test]
    fn keys_are_quoted_unless_identifiers() {
        assert_eq!(key("server_type"), "server_type");
        assert_eq!(key("$ref"), "$ref");
        assert_eq!(key("content-type"), "\"content-type\"");
        assert_eq!(key("1st"), "\"1st\"");
        assert_eq!(key(""), "\"\"");
        assert_eq!(key("a\"b"), "\"a\\\"b\"");
    }

    #[test]
    fn unions_are_parenthesized_in_arrays() {
        static AB: [Choice; 2] = [Choice { value: "a", doc: "" }, Choice { value: "b\"", doc: "" }];
        static ENUM: Type = Type::Enum(&AB);
        static NULLABLE: Type = Type::Nullable(&Type::Bool);
        let s = &crate::schema::endpoints::ENDPOINTS[0].body;
        assert_eq!(ts_type(&Type::Array(&ENUM), s, None).0, "(\"a\" | \"b\\\"\")[]");
        assert_eq!(ts_type(&Type::Array(&NULLABLE), s, None).0, "(boolean | null)[]");
        assert_eq!(ts_type(&Type::Nullable(&ENUM), s, None).0, "\"a\" | \"b\\\"\" | null");
        assert_eq!(ts_type(&Type::Nullable(&Type::Any), s, None).0, "unknown");
        assert_eq!(literal_union([]), "never");
    }
}
