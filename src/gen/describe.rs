//! Schema introspection: an endpoint's schema as plain JSON data, enough for a UI to render a form.
//!
//! Shape (the TypeScript declarations in [`crate::typescript`] spell it out):
//! `{id, api, method, path, summary, bodyError, errors: [{code, status, doc}], body: Object}` where
//! `Object = {name, doc, closesInStrictMode, documented, fields: [Field], rules: [Rule], union?: {tag, variants:
//! [{value, doc, fields: [Field], fieldsInForce: [Field]}]}}` (`fields`: the variant's own; `fieldsInForce`: the
//! object's fields with the variant's in place of the base ones of the same name), `Field = {name, type: Type, required: "required" | "optional" |
//! "expected" | "forbidden", useInstead?, doc, secret, confirmed, default?}`, `Rule = {kind:
//! "requiredWhen" | "onlyWhen", fields, when: {field, op: "eq" | "ne", value}, level: "issue" |
//! "warning", doc}` and `Type` one of `{kind: "string", minLength?, maxLength?}`, `{kind: "enum",
//! values: [{value, doc}]}`, `{kind: "tag"}` (the union's variants), `{kind: "boolean"}`, `{kind:
//! "integer", minimum, maximum?}`, `{kind: "port"}`, `{kind: "array", items: Type}`, `{kind: "object",
//! object: Object}`, `{kind: "jsonObjectString"}`, `{kind: "nullable", inner: Type}`, `{kind: "any"}`.

use serde_json::{json, Map, Value as Json};

use crate::schema::endpoints::{Api, Endpoint};
use crate::schema::{policy, Cond, Field, Level, Lit, Req, Rule, Schema, Type};

/// The description of an endpoint and its body schema.
pub fn describe(ep: &Endpoint) -> Json {
    let errors: Vec<Json> =
        ep.errors.iter().map(|e| json!({"code": e.code, "status": e.status, "doc": e.doc})).collect();
    json!({
        "id": ep.id,
        "api": api_name(ep.api),
        "method": ep.method,
        "path": ep.path,
        "summary": ep.summary,
        "bodyError": ep.body_error,
        "errors": errors,
        "body": object(ep.body),
    })
}

pub fn api_name(api: Api) -> &'static str {
    match api {
        Api::Databrain => "databrain",
        Api::Paradigm => "paradigm",
    }
}

pub fn lit(l: &Lit) -> Json {
    match l {
        Lit::Str(s) => Json::from(*s),
        Lit::Bool(b) => Json::from(*b),
    }
}

fn object(s: &Schema) -> Json {
    let mut m = Map::new();
    m.insert("name".into(), s.name.into());
    m.insert("doc".into(), s.doc.into());
    m.insert("closesInStrictMode".into(), policy::closes_in_strict_mode(s).into());
    m.insert("documented".into(), s.documented.into());
    m.insert("fields".into(), s.fields.iter().map(field).collect());
    m.insert("rules".into(), s.rules.iter().map(|r| rule(s, r)).collect());
    if let Some(u) = s.union {
        let variants: Vec<Json> = u
            .variants
            .iter()
            .map(|v| {
                json!({
                    "value": v.value,
                    "doc": v.doc,
                    "fields": v.fields.iter().map(field).collect::<Vec<_>>(),
                    // The object's fields in force for this variant (the engine's `fields_for`), so
                    // that no consumer re-derives the merge.
                    "fieldsInForce": s.fields_for(Some(v)).map(field).collect::<Vec<_>>(),
                })
            })
            .collect();
        m.insert("union".into(), json!({"tag": u.tag, "variants": variants}));
    }
    Json::Object(m)
}

fn field(f: &Field) -> Json {
    let mut m = Map::new();
    m.insert("name".into(), f.name.into());
    m.insert("type".into(), ty(&f.ty));
    let required = match f.req {
        Req::Required => "required",
        Req::Optional => "optional",
        Req::Expected => "expected",
        Req::Forbidden(instead) => {
            m.insert("useInstead".into(), instead.into());
            "forbidden"
        }
    };
    m.insert("required".into(), required.into());
    m.insert("doc".into(), f.doc.into());
    m.insert("secret".into(), f.secret.into());
    m.insert("confirmed".into(), f.confirmed.into());
    if let Some(d) = &f.default {
        m.insert("default".into(), lit(d));
    }
    Json::Object(m)
}

/// `{<key>: <value>, minLength?, maxLength?}`: a string type with its length bounds, as both
/// introspection (`kind`) and JSON Schema (`type`) write it.
pub fn string(tag: (&str, &str), min: u32, max: Option<u32>) -> Json {
    let mut m = Map::new();
    m.insert(tag.0.into(), tag.1.into());
    if min > 0 {
        m.insert("minLength".into(), min.into());
    }
    if let Some(max) = max {
        m.insert("maxLength".into(), max.into());
    }
    Json::Object(m)
}

fn ty(t: &Type) -> Json {
    match t {
        Type::Str { min, max } => string(("kind", "string"), *min, *max),
        Type::Enum(choices) => {
            let values: Vec<Json> = choices.iter().map(|c| json!({"value": c.value, "doc": c.doc})).collect();
            json!({"kind": "enum", "values": values})
        }
        Type::Tag => json!({"kind": "tag"}),
        Type::Bool => json!({"kind": "boolean"}),
        Type::Int { min, max } => json!({"kind": "integer", "minimum": min, "maximum": max}),
        Type::Port => json!({"kind": "port", "minimum": 1, "maximum": 65535}),
        Type::Array(item) => json!({"kind": "array", "items": ty(item)}),
        Type::Object(s) => json!({"kind": "object", "object": object(s)}),
        Type::JsonObjectString => json!({"kind": "jsonObjectString"}),
        Type::Nullable(inner) => json!({"kind": "nullable", "inner": ty(inner)}),
        Type::Any => json!({"kind": "any"}),
    }
}

fn rule(s: &Schema, r: &Rule) -> Json {
    let kind = match r {
        Rule::RequiredWhen { .. } => "requiredWhen",
        Rule::OnlyWhen { .. } => "onlyWhen",
    };
    // An issue only when it is one for every field it names (see `policy`).
    let issue = r.fields().iter().all(|n| s.field(n).is_some_and(|f| policy::rule_level(r, f) == Level::Issue));
    let level = if issue { "issue" } else { "warning" };
    let (op, field, value) = match r.cond() {
        Cond::Eq(f, l) => ("eq", f, l),
        Cond::Ne(f, l) => ("ne", f, l),
    };
    json!({
        "kind": kind,
        "fields": r.fields(),
        "when": {"field": field, "op": op, "value": lit(value)},
        "level": level,
        "doc": rule_doc(r),
    })
}

/// The rule as the docs would say it: `Required when connectionType is "DATASOURCE".`
pub fn rule_doc(r: &Rule) -> String {
    let value = match r.cond() {
        Cond::Eq(_, l) | Cond::Ne(_, l) => match l {
            Lit::Str(s) => format!("\"{s}\""),
            Lit::Bool(b) => b.to_string(),
        },
    };
    match (r, r.cond()) {
        (Rule::RequiredWhen { .. }, Cond::Eq(f, _)) => format!("Required when {f} is {value}."),
        (Rule::RequiredWhen { .. }, Cond::Ne(f, _)) => format!("Required unless {f} is {value}."),
        (Rule::OnlyWhen { .. }, Cond::Eq(f, _)) => format!("Only valid when {f} is {value}."),
        (Rule::OnlyWhen { .. }, Cond::Ne(f, _)) => format!("Not used when {f} is {value}."),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::endpoints::endpoint;

    #[test]
    fn describes_fields_rules_and_variants() {
        let d = describe(endpoint("databrain.updateDatasource").expect("endpoint"));
        assert_eq!(d["method"], "PUT");
        let variants = d["body"]["union"]["variants"].as_array().expect("variants");
        assert_eq!(variants.len(), 18);
        let es = variants.iter().find(|v| v["value"] == "elasticsearch").expect("es");
        let creds = &es["fields"][0]["type"]["object"];
        assert_eq!(creds["documented"], false);
        // In force: every base field, in base order, the variant's credentials in place.
        let in_force = es["fieldsInForce"].as_array().expect("fieldsInForce");
        let base = d["body"]["fields"].as_array().expect("fields");
        let names = |l: &[Json]| l.iter().map(|f| f["name"].clone()).collect::<Vec<_>>();
        assert_eq!(names(in_force), names(base));
        let at = base.iter().position(|f| f["name"] == "credentials").expect("credentials");
        assert_eq!(in_force[at], es["fields"][0]);
        assert_ne!(in_force[at], base[at]);
        let rule = &creds["rules"][0];
        assert_eq!(rule["doc"], "Only valid when server_type is \"self-managed\".");
        assert_eq!(rule["level"], "issue");
        let password = creds["fields"].as_array().and_then(|f| f.iter().find(|f| f["name"] == "password")).expect("pw");
        assert_eq!((password["secret"].as_bool(), password["confirmed"].as_bool()), (Some(true), Some(false)));
        let mssql = variants.iter().find(|v| v["value"] == "mssql").expect("mssql");
        let host = mssql["fields"][0]["type"]["object"]["fields"]
            .as_array()
            .and_then(|f| f.iter().find(|f| f["name"] == "host"))
            .expect("host");
        assert_eq!((host["required"].as_str(), host["useInstead"].as_str()), (Some("forbidden"), Some("server")));
    }

    #[test]
    fn describes_enums_with_doc_lines_and_defaults() {
        let d = describe(endpoint("databrain.createWorkspace").expect("endpoint"));
        let fields = d["body"]["fields"].as_array().expect("fields");
        let ct = &fields[1];
        assert_eq!(ct["name"], "connectionType");
        assert_eq!(ct["type"]["values"][0]["value"], "DATASOURCE");
        assert!(ct["type"]["values"][0]["doc"].as_str().is_some_and(|d| !d.is_empty()));
        let flag = fields.iter().find(|f| f["name"] == "isEnableMetricSummary").expect("flag");
        assert_eq!(flag["default"], false);
        assert_eq!(d["body"]["rules"][0]["doc"], "Required when connectionType is \"DATASOURCE\".");
        let p = describe(endpoint("paradigm.updateWorkspace").expect("endpoint"));
        assert_eq!(p["body"]["fields"][0]["type"], json!({"kind": "string", "minLength": 1, "maxLength": 100}));
    }
}
