//! The package's TypeScript declarations: the generated `types.d.ts` (`gen -- types`) is complete,
//! derived from the data and well-formed enough for `tsc`; with the hand-written `js/index.d.ts`
//! (and `js/boundary.d.ts`) every name is declared once, and the shapes declared for `describe()`
//! are the ones it returns.

use std::collections::BTreeMap;

use serde_json::{Map, Value as Json};
use workspace_requests::describe::describe;
use workspace_requests::schema::{databrain_datasource, paradigm, Schema, Type};
use workspace_requests::typescript::declarations;
use workspace_requests::{Code, ENDPOINTS};

/// The hand-written declarations, which import the generated names from `./types.js`.
const HAND_WRITTEN: &str = include_str!("../js/index.d.ts");

/// The package's whole `types.d.ts`, as the build writes it (`gen -- types`).
fn shipped_types() -> String {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gen")).arg("types").output().expect("gen types");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// The text without comments (`//` and `/* */`), string literals kept.
fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push(c);
                while let Some(c) = chars.next() {
                    out.push(c);
                    match c {
                        '\\' => out.extend(chars.next()),
                        '"' => break,
                        _ => {}
                    }
                }
            }
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// The code alone: no comments, every string literal emptied to `""`.
fn code_only(text: &str) -> String {
    let mut out = String::new();
    let mut chars = without_comments(text).chars().collect::<Vec<_>>().into_iter();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '"' {
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        chars.next();
                    }
                    '"' => break,
                    _ => {}
                }
            }
            out.push('"');
        }
    }
    out
}

/// Identifiers with the character before each (to tell `a.B` member accesses apart).
fn identifiers(code: &str) -> Vec<(char, String)> {
    let mut found = Vec::new();
    let mut prev = ' ';
    let mut current = String::new();
    let mut before = ' ';
    for c in code.chars().chain([' ']) {
        if c.is_ascii_alphanumeric() || c == '_' || c == '$' {
            if current.is_empty() {
                before = prev;
            }
            current.push(c);
        } else if !current.is_empty() {
            if !current.starts_with(|c: char| c.is_ascii_digit()) {
                found.push((before, std::mem::take(&mut current)));
            }
            current.clear();
        }
        prev = c;
    }
    found
}

/// The declarations' names, with how often each is declared.
fn declared(code: &str) -> BTreeMap<String, usize> {
    let mut names = BTreeMap::new();
    for line in code.lines() {
        let rest = line
            .strip_prefix("export interface ")
            .or_else(|| line.strip_prefix("export type "))
            .or_else(|| line.strip_prefix("export class "))
            .or_else(|| line.strip_prefix("export default function "))
            .or_else(|| line.strip_prefix("export function "));
        if let Some(rest) = rest {
            let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            *names.entry(name).or_insert(0) += 1;
        }
    }
    names
}

/// The declaration of `name`, from its `export` line to its end (declarations are separated by a
/// blank line and contain none).
fn block<'a>(text: &'a str, name: &str) -> &'a str {
    // A type with cross-field rules is its fields' interface (`{name}Fields`) and the rules: the
    // block is that interface.
    let fields = format!("export interface {name}Fields ");
    let start = [fields, format!("export interface {name} "), format!("export type {name} ")]
        .iter()
        .find_map(|p| text.find(p.as_str()))
        .unwrap_or_else(|| panic!("{name} is not declared"));
    let rest = &text[start..];
    &rest[..rest.find("\n\n").unwrap_or(rest.len())]
}

/// The top-level properties of an object type's body (`{ ... }`): name and whether optional.
fn props(body: &str) -> Vec<(String, bool)> {
    let body = without_comments(body);
    let inner = &body[body.find('{').expect("{") + 1..body.rfind('}').expect("}")];
    let mut segments = vec![String::new()];
    let mut depth = 0;
    for c in inner.chars() {
        match c {
            '{' | '(' | '[' => depth += 1,
            '}' | ')' | ']' => depth -= 1,
            ';' if depth == 0 => segments.push(String::new()),
            _ if depth == 0 => segments.last_mut().expect("segment").push(c),
            _ => {}
        }
    }
    segments
        .iter()
        .filter_map(|s| {
            let s = s.trim();
            let name = s[..s.find(':')?].trim();
            if name.is_empty() {
                return None; // an index signature, whose bracketed key was skipped
            }
            Some(match name.strip_suffix('?') {
                Some(n) => (n.trim_matches('"').to_string(), true),
                None => (name.trim_matches('"').to_string(), false),
            })
        })
        .collect()
}

/// Every object schema reachable from the endpoints.
fn all_schemas() -> Vec<&'static Schema> {
    fn ty(t: &'static Type, out: &mut Vec<&'static Schema>) {
        match t {
            Type::Object(s) => walk(s, out),
            Type::Array(t) | Type::Nullable(t) => ty(t, out),
            _ => {}
        }
    }
    fn walk(s: &'static Schema, out: &mut Vec<&'static Schema>) {
        if out.iter().any(|o| std::ptr::eq(*o, s)) {
            return;
        }
        out.push(s);
        s.fields.iter().for_each(|f| ty(&f.ty, out));
        s.union.iter().flat_map(|u| u.variants).flat_map(|v| v.fields).for_each(|f| ty(&f.ty, out));
    }
    let mut out = Vec::new();
    ENDPOINTS.iter().for_each(|e| walk(e.body, &mut out));
    out
}

#[test]
fn is_deterministic() {
    assert_eq!(declarations(), declarations());
}

#[test]
fn has_no_any_type() {
    for ts in [shipped_types().as_str(), HAND_WRITTEN] {
        let words = identifiers(&code_only(ts));
        assert!(!words.iter().any(|(_, w)| w == "any"), "`any` in the code");
        for bad in [": any", "any[]", "<any>", "| any", "any |"] {
            assert!(!code_only(ts).contains(bad), "{bad}");
        }
    }
}

#[test]
fn lists_every_endpoint_id_issue_code_and_api_error_code() {
    let ts = declarations();
    let ids: Vec<String> = ENDPOINTS.iter().map(|e| format!("\"{}\"", e.id)).collect();
    assert!(ts.contains(&format!("export type EndpointId = {};\n", ids.join(" | "))));
    let bodies = block(&ts, "RequestBodies");
    for e in ENDPOINTS.iter() {
        assert!(bodies.contains(&format!("  \"{}\": {};\n", e.id, e.body.name)), "{}", e.id);
    }
    let codes: Vec<String> = Code::ALL.iter().map(|c| format!("\"{}\"", c.as_str())).collect();
    assert!(ts.contains(&format!("export type IssueCode = {};\n", codes.join(" | "))));
    let api = block(&ts, "ApiErrorCode");
    for e in ENDPOINTS.iter() {
        for code in e.errors.iter().map(|err| err.code).chain([e.body_error]) {
            assert_eq!(api.matches(&format!("\"{code}\"")).count(), 1, "{code}");
        }
    }
    assert!(ts.contains("export type ApiName = \"databrain\" | \"paradigm\";\n"));
    assert!(ts.contains("export type HttpMethod = \"POST\" | \"PUT\" | \"PATCH\";\n"));
    let errors = block(&ts, "ErrorCodes");
    for e in ENDPOINTS.iter() {
        let line = errors.lines().find(|l| l.starts_with(&format!("  \"{}\": ", e.id))).expect(e.id);
        for code in e.errors.iter().map(|err| err.code).chain([e.body_error]) {
            assert_eq!(line.matches(&format!("\"{code}\"")).count(), 1, "{} {code}", e.id);
        }
    }
    assert!(block(HAND_WRITTEN, "EndpointInfo").contains("  method: HttpMethod;\n"));
}

#[test]
fn datasource_bodies_are_discriminated_unions() {
    let ts = declarations();
    for (schema, count) in [(&databrain_datasource::DATASOURCE_BODY, 18), (&paradigm::DATASOURCE, 4)] {
        let union = schema.union.expect("union");
        let text = block(&ts, schema.name);
        assert!(text.starts_with(&format!("export type {} =\n  | {{\n", schema.name)), "{text}");
        assert!(text.ends_with("    };"), "{text}");
        let members: Vec<&str> = text.split("\n  | {\n").skip(1).collect();
        assert_eq!(members.len(), count);
        assert_eq!(union.variants.len(), count);
        for (member, variant) in members.iter().zip(union.variants) {
            let tag = format!("      {}: \"{}\";\n", union.tag, variant.value);
            assert_eq!(member.matches(&tag).count(), 1, "{tag} in {member}");
            assert_eq!(member.matches(&format!("{}:", union.tag)).count(), 1);
            for f in schema.fields_for(Some(variant)) {
                assert!(member.contains(&format!("      {}", f.name)), "{} in {member}", f.name);
                if let Type::Object(o) = f.ty {
                    assert!(member.contains(&format!(": {};\n", o.name)), "{} in {member}", o.name);
                }
            }
        }
    }
    let body = block(&ts, "DatabrainDatasourceBody");
    assert!(body.contains("      datasourceType: \"mssql\";\n"));
    assert!(body.contains("      credentials: MssqlCredentials;\n"));
    assert!(body.contains("      tenancySettings?: TenancySettings;\n"));
    assert!(!body.contains("credentials: Credentials;"), "the base credentials are replaced in every variant");
    let paradigm = block(&ts, "ParadigmDatasource");
    assert!(paradigm.contains("      credentials?: WebscrapperCredentials;\n"));
    assert!(paradigm.contains("      credentials: SharepointCredentials;\n"));
}

#[test]
fn object_types_follow_the_schemas() {
    let ts = declarations();
    let postgres = block(&ts, "PostgresCredentials");
    assert!(postgres.contains("  [key: string]: unknown;\n"));
    assert!(postgres.contains("  port?: number | `${bigint}`;\n"), "a digit string is a warning: the type admits it");
    assert!(postgres.contains("  name: string;\n"));
    assert!(postgres.contains("  sslMode?: \"enable\" | \"disable\";\n"));
    let ssl_doc = &postgres[..postgres.find("  sslMode?").expect("sslMode")];
    assert!(ssl_doc[ssl_doc.rfind("/**").expect("doc")..].contains("Unconfirmed: the public docs do not confirm"));
    let password_doc = &postgres[..postgres.find("  password?").expect("password")];
    assert!(password_doc[password_doc.rfind("/**").expect("doc")..].contains("Secret."));

    // A rule that is an issue at run time is part of the type; one that only warns is not.
    let ws = &ts[ts.find("export type DatabrainCreateWorkspaceBody =").expect("the workspace type")..];
    let ws = &ws[..ws.find(";\n").expect("its end")];
    assert!(ws.starts_with("export type DatabrainCreateWorkspaceBody = DatabrainCreateWorkspaceBodyFields\n"), "{ws}");
    assert!(ws.contains("\n  & ({ connectionType: \"DATASOURCE\"; datasourceName: string } | { connectionType?: \"DATAMART\" | \"MULTI_DATASOURCE\" | \"MULTI_DATAMART\" })"), "{ws}");
    assert!(!ws.contains("datasourceName?: never"), "the other kind's name only warns: {ws}");
    assert!(ts.contains("export interface DatabrainCreateWorkspaceBodyFields {\n"));
    let es = &ts[ts.find("export type ElasticsearchCredentials =").expect("the ES type")..];
    assert!(
        es.contains("\n  & ({ server_type?: \"self-managed\" } | { server_type: \"elastic-cloud\" | \"open-cloud\"; disableAuth?: false });"),
        "absent server_type leaves disableAuth free, as at run time; false is its default"
    );
    let snowflake = block(&ts, "SnowflakeCredentials");
    assert!(
        snowflake.starts_with("export interface SnowflakeCredentials {"),
        "unconfirmed keys only warn: no rule in the type"
    );

    let mssql = block(&ts, "MssqlCredentials");
    assert!(mssql.contains("  host?: never;\n"));
    assert!(mssql.contains("  username?: never;\n"));
    assert!(mssql.contains("Not used for this type: send `server` instead."));

    let member = block(&ts, "ParadigmMember");
    assert!(member.contains("  id: number;\n"));
    assert!(member.contains("  role?: \"owner\" | \"editor\" | \"viewer\";\n"));
    assert!(member.contains("@default \"viewer\""));
    assert!(!member.contains("[key: string]"));

    let update = block(&ts, "ParadigmUpdateWorkspaceBody");
    assert!(update.contains("  description?: string | null;\n"));
    assert!(update.contains("  members?: ParadigmMembers;\n"));
    assert!(update.contains("  datasource?: ParadigmDatasource;\n"));
    assert!(block(&ts, "ParadigmMembers").contains("  users?: ParadigmMember[];\n"));

    let create = block(&ts, "DatabrainCreateWorkspaceBody");
    assert!(create.contains("  aiCopilotLlms?: string[];\n"));
    assert!(create.contains("@default false"));
    assert!(create.contains("Required when connectionType is \"DATASOURCE\"."));
    assert!(block(&ts, "GoogledriveCredentials").contains("  service_account_file: string;\n"));
    assert!(block(&ts, "BigqueryCredentials").contains("  serviceAccountKey?: unknown;\n"));

    // Strict objects have no index signature, open ones one; every property has a JSDoc comment.
    for s in all_schemas() {
        let text = block(&ts, s.name);
        let at = ts.find(text).expect("block");
        assert!(ts[..at].ends_with("*/\n"), "no JSDoc on {}", s.name);
        if s.union.is_none() {
            assert_eq!(text.matches("[key: string]: unknown;").count(), usize::from(!s.documented), "{}", s.name);
        }
        let lines: Vec<&str> = text.lines().collect();
        for (n, line) in lines.iter().enumerate().skip(1) {
            let t = line.trim_start();
            let property = !t.starts_with("/**") && !t.starts_with('*') && t.contains(':') && t.ends_with(';');
            if property {
                assert!(lines[n - 1].trim_end().ends_with("*/"), "no JSDoc on {line} in {}", s.name);
            }
        }
    }
}

#[test]
fn every_referenced_type_is_declared_exactly_once() {
    // The generated file stands alone: it declares every name it uses.
    let generated = code_only(&declarations());
    let own = declared(&generated);
    for s in all_schemas() {
        assert_eq!(own.get(s.name), Some(&1), "{}", s.name);
    }
    for (before, word) in identifiers(&generated) {
        if before != '.' && word.starts_with(|c: char| c.is_ascii_uppercase()) && word != "Record" {
            assert!(own.contains_key(&word), "{word} is referenced in types.d.ts but not declared there");
        }
    }
    // With the rest of types.d.ts and the hand-written declarations, every name is declared once
    // and every reference resolves.
    let shipped = shipped_types();
    assert!(shipped.starts_with(&declarations()), "gen types prints the schema-derived types first");
    let code = [code_only(&shipped), code_only(HAND_WRITTEN)].join("\n");
    let declared = declared(&code);
    for (name, count) in &declared {
        assert_eq!(*count, 1, "{name} declared {count} times");
    }
    // Built-in types, and the type parameters of `GlobalInstance` / `WasmModule`.
    let builtins = [
        "ArrayBuffer",
        "ArrayBufferView",
        "WebAssembly",
        "Module",
        "Promise",
        "Record",
        "K",
        "P",
        "I",
        "M",
        "E",
        "Error",
        "HTTP_$",
        "Readonly",
        "ReadonlyArray",
        "Extract",
        "B",
        "J",
    ];
    for (before, word) in identifiers(&code) {
        if before == '.' || !word.starts_with(|c: char| c.is_ascii_uppercase()) || builtins.contains(&word.as_str()) {
            continue;
        }
        assert!(declared.contains_key(&word), "{word} is referenced but not declared");
    }
}

#[test]
fn is_well_formed() {
    let ts = declarations();
    assert!(ts.ends_with(";\n\n") || ts.ends_with("}\n\n"));
    let code = code_only(&ts);
    let mut stack = Vec::new();
    for (n, line) in code.lines().enumerate() {
        // `=>` is an arrow, not a closing angle bracket.
        let line_code = line.replace("=>", "  ");
        for c in line_code.chars() {
            match c {
                '{' | '(' | '[' | '<' => stack.push(c),
                '}' | ')' | ']' | '>' => {
                    let open = stack.pop().unwrap_or_else(|| panic!("unbalanced {c} on line {}", n + 1));
                    let expected = match c {
                        '}' => '{',
                        ')' => '(',
                        ']' => '[',
                        _ => '<',
                    };
                    assert_eq!(open, expected, "line {}: {line}", n + 1);
                }
                _ => {}
            }
        }
        // Inside a multi-line object type, every property ends with a semicolon.
        if stack.last() == Some(&'{') && !line.trim().is_empty() {
            let t = line.trim();
            assert!(t.ends_with(';') || t.ends_with('{') || t == "}" || t == "| {", "line {}: {line}", n + 1);
        }
    }
    assert!(stack.is_empty(), "unclosed {stack:?}");
    // Every comment closes where it should: no `*/` inside a comment's text.
    for chunk in ts.split("/**").skip(1) {
        let end = chunk.find("*/").expect("comment end");
        assert!(!chunk[..end].contains("/*"), "nested comment: {}", &chunk[..end]);
    }
}

/// Checks that a JSON object of `describe()` has only declared keys, and every required one.
#[track_caller]
fn check_shape(obj: &Map<String, Json>, declared: &[(String, bool)], what: &str) {
    for k in obj.keys() {
        assert!(declared.iter().any(|(n, _)| n == k), "{what}: `{k}` is not declared");
    }
    for (n, optional) in declared {
        assert!(*optional || obj.contains_key(n), "{what}: required `{n}` is missing in {obj:?}");
    }
}

struct Shapes {
    object: Vec<(String, bool)>,
    field: Vec<(String, bool)>,
    rule: Vec<(String, bool)>,
    union: Vec<(String, bool)>,
    variant: Vec<(String, bool)>,
    field_text: String,
    rule_text: String,
    types: BTreeMap<String, Vec<(String, bool)>>,
}

impl Shapes {
    fn object(&self, o: &Json) {
        let o = o.as_object().expect("object");
        check_shape(o, &self.object, "ObjectDescription");
        o["fields"].as_array().expect("fields").iter().for_each(|f| self.field(f));
        for r in o["rules"].as_array().expect("rules") {
            let r = r.as_object().expect("rule");
            check_shape(r, &self.rule, "RuleDescription");
            for k in ["kind", "level"] {
                assert!(self.rule_text.contains(&format!("\"{}\"", r[k].as_str().expect(k))), "{k}");
            }
            assert!(self.rule_text.contains(&format!("\"{}\"", r["when"]["op"].as_str().expect("op"))));
        }
        if let Some(u) = o.get("union") {
            check_shape(u.as_object().expect("union"), &self.union, "UnionDescription");
            for v in u["variants"].as_array().expect("variants") {
                check_shape(v.as_object().expect("variant"), &self.variant, "VariantDescription");
                for key in ["fields", "fieldsInForce"] {
                    v[key].as_array().expect(key).iter().for_each(|f| self.field(f));
                }
            }
        }
    }
    fn field(&self, f: &Json) {
        check_shape(f.as_object().expect("field"), &self.field, "FieldDescription");
        let required = f["required"].as_str().expect("required");
        assert!(self.field_text.contains(&format!("\"{required}\"")), "{required}");
        self.ty(&f["type"]);
    }
    fn ty(&self, t: &Json) {
        let t = t.as_object().expect("type");
        let kind = t["kind"].as_str().expect("kind");
        let declared = self.types.get(kind).unwrap_or_else(|| panic!("kind {kind} is not declared"));
        check_shape(t, declared, &format!("TypeDescription {kind}"));
        match kind {
            "array" => self.ty(&t["items"]),
            "nullable" => self.ty(&t["inner"]),
            "object" => self.object(&t["object"]),
            _ => {}
        }
    }
}

#[test]
fn introspection_types_match_describe() {
    let ts = HAND_WRITTEN;
    let mut types = BTreeMap::new();
    for member in block(ts, "TypeDescription").lines().skip(1) {
        let member = member.trim().trim_start_matches("| ").trim_end_matches(';');
        let props = props(member);
        let kind = member.split("kind: \"").nth(1).and_then(|k| k.split('"').next()).expect("kind").to_string();
        assert_eq!(props[0], ("kind".to_string(), false));
        assert!(types.insert(kind, props).is_none());
    }
    let shapes = Shapes {
        object: props(block(ts, "ObjectDescription")),
        field: props(block(ts, "FieldDescription")),
        rule: props(block(ts, "RuleDescription")),
        union: props(block(ts, "UnionDescription")),
        variant: props(block(ts, "VariantDescription")),
        field_text: block(ts, "FieldDescription").to_string(),
        rule_text: block(ts, "RuleDescription").to_string(),
        types,
    };
    let mut endpoint = props(block(ts, "EndpointDescription"));
    endpoint.extend(props(block(ts, "EndpointInfo")));
    assert!(block(ts, "EndpointDescription").starts_with("export interface EndpointDescription extends EndpointInfo {"));
    let errors = block(ts, "EndpointDescription").split("errors: ").nth(1).expect("errors");
    let error = props(&errors[..=errors.find('}').expect("}")]);
    assert_eq!(error.len(), 3);
    for ep in ENDPOINTS.iter() {
        let d = describe(ep);
        check_shape(d.as_object().expect("endpoint"), &endpoint, "EndpointDescription");
        for e in d["errors"].as_array().expect("errors") {
            check_shape(e.as_object().expect("error"), &error, "error");
        }
        shapes.object(&d["body"]);
    }
}
