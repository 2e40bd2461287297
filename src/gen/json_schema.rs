//! JSON Schema (draft 2020-12) export, derived from the schemas.
//!
//! The exported schema accepts exactly the bodies [`crate::validate_with`] reports without issues
//! in the same mode (warnings do not make a body invalid): keys the docs do not confirm carry no
//! constraint, only a description, and objects get `additionalProperties: false` only in strict
//! mode, where an unknown key is an issue. Two limits no standard keyword expresses: the nesting limit ([`crate::MAX_DEPTH`]),
//! and "a string holding a JSON object", written as the standard `contentMediaType` /
//! `contentSchema` pair, which validators such as ajv treat as annotations unless told otherwise.

use serde_json::{json, Map, Value as Json};

use crate::gen::describe::lit;
use crate::schema::endpoints::Endpoint;
use crate::schema::{policy, Cond, Field, Level, Req, Rule, Schema, Type, ValidationOptions};

/// The JSON Schema of an endpoint's body, in the default mode.
pub fn json_schema(ep: &Endpoint) -> Json {
    json_schema_with(ep, ValidationOptions::default())
}

/// The JSON Schema of an endpoint's body for `options` (strict: closed objects take no other keys).
pub fn json_schema_with(ep: &Endpoint, options: ValidationOptions) -> Json {
    let (root, defs) = definitions(ep, options, "#/$defs/");
    let mut m = Map::new();
    m.insert("$schema".into(), "https://json-schema.org/draft/2020-12/schema".into());
    m.insert("title".into(), ep.id.into());
    m.insert("description".into(), format!("{} {}: {}", ep.method, ep.path, ep.summary).into());
    m.insert("$ref".into(), root);
    m.insert("$defs".into(), Json::Object(defs));
    Json::Object(m)
}

/// The body's schema as a reference (`{prefix}{name}`) and the object schemas it reaches, by name,
/// each referring to the others under the same prefix: what a document that keeps its schemas
/// elsewhere (OpenAPI's `#/components/schemas/`) embeds.
pub fn definitions(ep: &Endpoint, options: ValidationOptions, prefix: &'static str) -> (Json, Map<String, Json>) {
    let mut defs = Defs { map: Map::new(), strict: options.strict, prefix };
    let root = reference(ep.body, &mut defs);
    (root, defs.map)
}

/// The `$defs` being written, the mode they are written for, and how a reference starts.
struct Defs {
    map: Map<String, Json>,
    strict: bool,
    prefix: &'static str,
}

/// Registers an object schema under `$defs` (once) and returns its `$ref` target.
fn reference(s: &'static Schema, defs: &mut Defs) -> Json {
    if !defs.map.contains_key(s.name) {
        defs.map.insert(s.name.into(), Json::Null); // reserve the name: schemas may refer to each other
        let def = object(s, defs);
        defs.map.insert(s.name.into(), def);
    }
    Json::from(format!("{}{}", defs.prefix, s.name))
}

/// Whether a field's problems are issues (and so constraints here), not warnings.
fn checked(f: &Field) -> bool {
    policy::field_level(f) == Level::Issue
}

fn object(s: &'static Schema, defs: &mut Defs) -> Json {
    let mut m = Map::new();
    m.insert("type".into(), "object".into());
    m.insert("description".into(), s.doc.into());
    let (props, required) = properties(s, s.fields.iter(), defs);
    m.insert("properties".into(), props);
    if !required.is_empty() {
        m.insert("required".into(), required.into());
    }
    // Only where an unknown key is an issue: in strict mode, for objects that close in it.
    if policy::unknown_key(s, ValidationOptions { strict: defs.strict }, false) == Some(Level::Issue) {
        m.insert("additionalProperties".into(), false.into());
    }
    let mut all_of: Vec<Json> = s.rules.iter().filter_map(|r| rule(s, r)).collect();
    all_of.extend(s.fields.iter().filter_map(forbidden));
    if let Some(u) = s.union {
        for v in u.variants {
            let (props, required) = properties(s, v.fields.iter(), defs);
            let mut then = Map::new();
            then.insert("properties".into(), props);
            if !required.is_empty() {
                then.insert("required".into(), required.into());
            }
            all_of.push(json!({
                "if": {"properties": {u.tag: {"const": v.value}}, "required": [u.tag]},
                "then": Json::Object(then),
            }));
        }
    }
    if !all_of.is_empty() {
        m.insert("allOf".into(), all_of.into());
    }
    Json::Object(m)
}

/// `properties` and `required` for a list of fields.
fn properties<'a>(s: &'static Schema, fields: impl Iterator<Item = &'a Field>, defs: &mut Defs) -> (Json, Vec<Json>) {
    let mut props = Map::new();
    let mut required = Vec::new();
    for f in fields {
        if checked(f) && f.req == Req::Required {
            required.push(Json::from(f.name));
        }
        props.insert(f.name.into(), field(s, f, defs));
    }
    (Json::Object(props), required)
}

fn field(s: &'static Schema, f: &Field, defs: &mut Defs) -> Json {
    if let Req::Forbidden(instead) = f.req {
        // Refused only without `instead` (see `forbidden`); next to it, only redundant.
        return json!({"description": format!("Not used for this type: send `{instead}` instead.")});
    }
    let mut m = match checked(f) {
        true => match ty(s, &f.ty, defs) {
            Json::Object(m) => m,
            _ => Map::new(),
        },
        false => {
            let mut m = Map::new();
            if let Type::Enum(choices) = f.ty {
                m.insert("examples".into(), choices.iter().map(|c| Json::from(c.value)).collect());
            }
            m
        }
    };
    let doc = if checked(f) { f.doc.to_string() } else { format!("{} (Unconfirmed key name: not checked.)", f.doc) };
    m.insert("description".into(), doc.into());
    if let Some(d) = &f.default {
        m.insert("default".into(), lit(d));
    }
    if f.secret {
        m.insert("writeOnly".into(), true.into());
    }
    Json::Object(m)
}

fn ty(s: &'static Schema, t: &Type, defs: &mut Defs) -> Json {
    match t {
        Type::Str { min, max } => crate::gen::describe::string(("type", "string"), *min, *max),
        Type::Enum(choices) => {
            json!({"type": "string", "enum": choices.iter().map(|c| c.value).collect::<Vec<_>>()})
        }
        Type::Tag => json!({"type": "string", "enum": s.tag_values()}),
        Type::Bool => json!({"type": "boolean"}),
        Type::Int { min, max } => json!({"type": "integer", "minimum": min, "maximum": max}),
        // A string of digits is only a warning.
        Type::Port => json!({"anyOf": [
            {"type": "integer", "minimum": 1, "maximum": 65535},
            {"type": "string", "pattern": "^[0-9]{1,5}$"},
        ]}),
        Type::Array(item) => json!({"type": "array", "items": ty(s, item, defs)}),
        Type::Object(inner) => json!({"$ref": reference(inner, defs)}),
        Type::JsonObjectString => json!({
            "type": "string",
            "minLength": 1,
            "contentMediaType": "application/json",
            "contentSchema": {"type": "object"},
        }),
        Type::Nullable(inner) => json!({"anyOf": [{"type": "null"}, ty(s, inner, defs)]}),
        Type::Any => json!({}),
    }
}

/// "The condition holds", as a schema applied to the object.
fn holds(s: &'static Schema, cond: &Cond) -> Json {
    let (name, value, negate) = match *cond {
        Cond::Eq(f, l) => (f, l, false),
        Cond::Ne(f, l) => (f, l, true),
    };
    let present_and_equal = json!({"properties": {name: {"const": lit(&value)}}, "required": [name]});
    // An absent sibling takes its documented default.
    let equal = match s.field(name).and_then(|f| f.default) {
        Some(d) if d == value => json!({"anyOf": [{"not": {"required": [name]}}, present_and_equal]}),
        _ => present_and_equal,
    };
    if negate {
        json!({"not": equal})
    } else {
        equal
    }
}

/// "The condition is known to be `truth`": a rule whose condition field is missing without a
/// documented default is skipped by the engine, so the sibling must be present (or defaulted).
fn known(s: &'static Schema, cond: &Cond, truth: bool) -> Json {
    let h = holds(s, cond);
    let value = if truth { h } else { json!({"not": h}) };
    if s.field(cond.field()).is_some_and(|f| f.default.is_some()) {
        value
    } else {
        json!({"allOf": [{"required": [cond.field()]}, value]})
    }
}

/// A rule as `if`/`then`, when it can produce issues (rules over unconfirmed keys only warn).
fn rule(s: &'static Schema, r: &Rule) -> Option<Json> {
    let fields: Vec<&Field> =
        r.fields().iter().filter_map(|n| s.field(n)).filter(|f| policy::rule_level(r, f) == Level::Issue).collect();
    if fields.is_empty() {
        return None;
    }
    match r {
        Rule::RequiredWhen { when, .. } => {
            let names: Vec<&str> = fields.iter().map(|f| f.name).collect();
            Some(json!({"if": known(s, when, true), "then": {"required": names}}))
        }
        Rule::OnlyWhen { when, level: Level::Issue, .. } => {
            // Absent, or (a warning only) holding its documented default.
            let absent: Map<String, Json> = fields
                .iter()
                .map(|f| (f.name.to_string(), f.default.map_or(Json::Bool(false), |d| json!({"const": lit(&d)}))))
                .collect();
            Some(json!({"if": known(s, when, false), "then": {"properties": absent}}))
        }
        Rule::OnlyWhen { level: Level::Warning, .. } => None,
    }
}

/// A key that must not be sent, unless the key to send instead is there too (then it is only
/// redundant): `if` that key is absent, `then` this one must be.
fn forbidden(f: &Field) -> Option<Json> {
    match f.req {
        Req::Forbidden(instead) if checked(f) => Some(json!({
            "if": {"not": {"required": [instead]}},
            "then": {"properties": {f.name: false}},
        })),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::endpoints::endpoint;

    fn schema(id: &str) -> Json {
        json_schema_with(endpoint(id).expect("endpoint"), ValidationOptions::STRICT)
    }

    #[test]
    fn default_mode_lets_unknown_keys_through() {
        let s = json_schema(endpoint("databrain.createWorkspace").expect("endpoint"));
        assert!(s["$defs"]["DatabrainCreateWorkspaceBody"].get("additionalProperties").is_none());
        assert_eq!(s["$defs"]["DatabrainCreateWorkspaceBody"]["required"], json!(["name", "connectionType"]));
        let p = json_schema(endpoint("paradigm.updateWorkspace").expect("endpoint"));
        assert!(p["$defs"].as_object().expect("defs").values().all(|d| d.get("additionalProperties").is_none()));
    }

    #[test]
    fn strict_objects_forbid_other_keys() {
        let s = schema("databrain.createWorkspace");
        let body = &s["$defs"]["DatabrainCreateWorkspaceBody"];
        assert_eq!(body["additionalProperties"], false);
        assert_eq!(body["required"], json!(["name", "connectionType"]));
        assert_eq!(body["allOf"][0]["then"], json!({"required": ["datasourceName"]}));
        assert_eq!(s["$ref"], "#/$defs/DatabrainCreateWorkspaceBody");
    }

    #[test]
    fn variants_and_only_when_rules_are_conditions() {
        let s = schema("databrain.updateDatasource");
        let es = &s["$defs"]["ElasticsearchCredentials"];
        assert!(es.get("additionalProperties").is_none(), "credentials are open");
        assert_eq!(es["allOf"].as_array().map(Vec::len), Some(1), "the login rule is over unconfirmed keys");
        assert_eq!(es["allOf"][0]["then"], json!({"properties": {"disableAuth": {"const": false}}}));
        assert_eq!(
            es["allOf"][0]["if"]["allOf"][0],
            json!({"required": ["server_type"]}),
            "skipped without server_type"
        );
        let mssql = &s["$defs"]["MssqlCredentials"]["allOf"];
        assert_eq!(mssql[0], json!({"if": {"not": {"required": ["server"]}}, "then": {"properties": {"host": false}}}));
        let variants = s["$defs"]["DatabrainDatasourceBody"]["allOf"].as_array().expect("variants");
        assert_eq!(variants.len(), 18);
        assert_eq!(s["$defs"]["PostgresCredentials"]["properties"]["password"]["writeOnly"], true);
    }

    #[test]
    fn nullable_and_lengths() {
        let s = schema("paradigm.updateWorkspace");
        let body = &s["$defs"]["ParadigmUpdateWorkspaceBody"];
        assert_eq!(body["properties"]["name"]["maxLength"], 100);
        assert_eq!(body["properties"]["description"]["anyOf"][0], json!({"type": "null"}));
        assert_eq!(s["$defs"]["ParadigmMember"]["properties"]["role"]["default"], "viewer");
    }
}
