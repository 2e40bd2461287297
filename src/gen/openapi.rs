//! The OpenAPI 3.1 document of the six endpoints (`openApi()` in the package), derived from the
//! same data as everything else: the endpoint table (method, path, summary, documented errors,
//! success shape, cloud base URL) and the body schemas, whose JSON Schemas
//! ([`crate::gen::json_schema::definitions`], default mode) are its shared
//! `components.schemas`.
//!
//! Each path carries its API's servers (the cloud URL and a self-hosted one) and its bearer
//! scheme; each operation its request body, its success answer, one answer per documented
//! status (the codes of that status, in the API's error envelope) and the 429 of the rate limit.

use serde_json::{json, Map, Value as Json};

use crate::gen::describe::api_name;
use crate::gen::json_schema::definitions;
use crate::schema::endpoints::{Api, Endpoint, Success, ENDPOINTS, TOO_MANY_REQUESTS};
use crate::schema::ValidationOptions;

/// Where the document's schemas are, and how its references start.
pub const COMPONENTS: &str = "#/components/schemas/";

/// The largest workspace id JavaScript holds exactly (2^53 - 1), as the clients check it.
const MAX_ID: u64 = 9_007_199_254_740_991;

fn scheme(api: Api) -> &'static str {
    match api {
        Api::Databrain => "databrainToken",
        Api::Paradigm => "paradigmToken",
    }
}

fn servers(api: Api) -> Json {
    let (name, example) = match api {
        Api::Databrain => ("Databrain", "https://databrain.example.com"),
        Api::Paradigm => ("Paradigm", "https://paradigm.example.com"),
    };
    json!([
        {"url": api.base_url(), "description": format!("{name} cloud")},
        {
            "url": "{baseUrl}",
            "description": format!("A self-hosted {name}: its base URL, which may carry a path prefix"),
            "variables": {"baseUrl": {"default": example}},
        },
    ])
}

/// The answer schemas of the document, besides the bodies': success shapes and error envelopes.
fn answers() -> Map<String, Json> {
    let mut m = Map::new();
    m.insert(
        "DatabrainWorkspaceResponse".into(),
        json!({
            "type": "object",
            "description": "A Databrain workspace answer: the workspace under `data`, `error` null.",
            "properties": {
                "data": {"type": "object", "properties": {"name": {"type": "string"}}, "required": ["name"]},
                "error": {"type": "null"},
            },
            "required": ["data"],
        }),
    );
    m.insert(
        "DatabrainDatasourceResponse".into(),
        json!({
            "type": "object",
            "description": "A Databrain datasource answer: the datasource's name.",
            "properties": {"name": {"type": "string"}},
            "required": ["name"],
        }),
    );
    m.insert(
        "ParadigmWorkspaceResponse".into(),
        json!({
            "type": "object",
            "description": "Paradigm's workspace object (the v3 serializer).",
            "properties": {
                "id": {"type": "integer"},
                "name": {"type": "string"},
                "workspace_type": {"type": "string"},
                "document_upload_method": {"type": "string"},
                "description": {"type": ["string", "null"]},
                "files_count": {"type": "integer"},
                "sync": {"type": ["object", "null"]},
            },
            "required": ["id"],
        }),
    );
    m.insert(
        "DatabrainError".into(),
        json!({
            "type": "object",
            "description": "Databrain's error envelope.",
            "properties": {
                "data": {"type": "null"},
                "error": {
                    "type": "object",
                    "properties": {"code": {"type": "string"}, "message": {"type": "string"}},
                    "required": ["code"],
                },
            },
            "required": ["error"],
        }),
    );
    m.insert(
        "ParadigmError".into(),
        json!({
            "type": "object",
            "description": "Paradigm's v3 error envelope; a 422 `validation_error` adds `fields`.",
            "properties": {
                "id": {"type": ["string", "null"]},
                "code": {"type": "integer", "description": "The HTTP status."},
                "error": {"type": "string", "description": "The machine code."},
                "detail": {"type": "string", "description": "For people; not to be parsed."},
                "doc_url": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "properties": {"error": {"type": "string"}, "detail": {"type": "string"}},
                        },
                    },
                },
            },
            "required": ["error"],
        }),
    );
    m
}

fn reference(name: &str) -> Json {
    json!({"$ref": format!("{COMPONENTS}{name}")})
}

/// The success answer of an endpoint.
fn success(ep: &Endpoint) -> Json {
    let content = |name: &str| json!({"application/json": {"schema": reference(name)}});
    match ep.success {
        Success::DataName => json!({"description": "The workspace.", "content": content("DatabrainWorkspaceResponse")}),
        Success::Name => json!({"description": "The datasource.", "content": content("DatabrainDatasourceResponse")}),
        Success::Workspace => {
            json!({"description": "The updated workspace.", "content": content("ParadigmWorkspaceResponse")})
        }
        Success::Any => json!({
            "description": "The test's outcome (any JSON, or no body).",
            "content": {"application/json": {"schema": {}}},
        }),
    }
}

/// One answer per documented status: its codes, in the API's error envelope.
fn errors(ep: &Endpoint) -> Map<String, Json> {
    let mut statuses: Vec<u16> = ep.errors.iter().map(|e| e.status).collect();
    statuses.sort_unstable();
    statuses.dedup();
    let mut out = Map::new();
    for status in statuses {
        let of: Vec<_> = ep.errors.iter().filter(|e| e.status == status).collect();
        let lines: Vec<String> = of.iter().map(|e| format!("- `{}`: {}", e.code, e.doc)).collect();
        let codes: Vec<Json> = of.iter().map(|e| Json::from(e.code)).collect();
        let schema = match ep.api {
            Api::Databrain => json!({"allOf": [
                reference("DatabrainError"),
                {"properties": {"error": {"properties": {"code": {"enum": codes}}}}},
            ]}),
            Api::Paradigm => json!({"allOf": [reference("ParadigmError"), {"properties": {"error": {"enum": codes}}}]}),
        };
        out.insert(
            status.to_string(),
            json!({
                "description": format!("Documented codes:\n\n{}", lines.join("\n")),
                "content": {"application/json": {"schema": schema}},
            }),
        );
    }
    out.insert(
        "429".into(),
        json!({
            "description": format!(
                "The rate limit was reached (Databrain documents a per-IP limit; no code is documented, so clients report `{TOO_MANY_REQUESTS}`)."
            ),
        }),
    );
    out
}

fn operation(ep: &Endpoint) -> Json {
    let (root, _) = definitions(ep, ValidationOptions::default(), COMPONENTS);
    let mut responses = Map::new();
    responses.insert("200".into(), success(ep));
    responses.extend(errors(ep));
    let mut op = json!({
        "operationId": ep.id,
        "summary": ep.summary,
        "tags": [api_name(ep.api)],
        "security": [{scheme(ep.api): []}],
        "requestBody": {
            "required": true,
            "description": format!("Rejected with `{}` when it breaks the schema.", ep.body_error),
            "content": {"application/json": {"schema": {"$ref": root}}},
        },
        "responses": Json::Object(responses),
    });
    if ep.path.contains("{id}") {
        op["parameters"] = json!([{
            "name": "id",
            "in": "path",
            "required": true,
            "description": "The workspace id.",
            "schema": {"type": "integer", "minimum": 1, "maximum": MAX_ID},
        }]);
    }
    op
}

/// The whole document; `version` is the package's.
pub fn openapi(version: &str) -> Json {
    let mut schemas = Map::new();
    for ep in ENDPOINTS.iter() {
        let (_, defs) = definitions(ep, ValidationOptions::default(), COMPONENTS);
        schemas.extend(defs);
    }
    schemas.extend(answers());
    let mut paths = Map::new();
    for ep in ENDPOINTS.iter() {
        let item = paths.entry(ep.path).or_insert_with(|| json!({"servers": servers(ep.api)}));
        item[ep.method.to_ascii_lowercase()] = operation(ep);
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Databrain v2 workspace and datasource API, LightOn Paradigm v3 workspace API",
            "version": version,
            "description": "The request bodies as workspace-requests validates them (the default mode: keys the public docs do not confirm carry no constraint), the documented answers and error codes. Derived from the public docs; not published by either vendor.",
        },
        "tags": [
            {"name": "databrain", "description": "Databrain's v2 admin API"},
            {"name": "paradigm", "description": "LightOn Paradigm's v3 workspace API"},
        ],
        "paths": Json::Object(paths),
        "components": {
            "schemas": Json::Object(schemas),
            "securitySchemes": {
                "databrainToken": {"type": "http", "scheme": "bearer", "description": "A Databrain API token."},
                "paradigmToken": {"type": "http", "scheme": "bearer", "description": "A Paradigm API key."},
            },
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_endpoint_is_an_operation_with_its_documented_statuses() {
        let doc = openapi("0.0.0");
        for ep in ENDPOINTS.iter() {
            let op = &doc["paths"][ep.path][ep.method.to_ascii_lowercase()];
            assert_eq!(op["operationId"], ep.id);
            for e in ep.errors {
                let answer = &op["responses"][e.status.to_string()];
                assert!(answer["description"].as_str().is_some_and(|d| d.contains(e.code)), "{} {}", ep.id, e.code);
            }
            assert!(op["responses"]["429"].is_object());
            let body = op["requestBody"]["content"]["application/json"]["schema"]["$ref"].as_str();
            assert_eq!(body, Some(format!("{COMPONENTS}{}", ep.body.name)).as_deref());
        }
    }

    #[test]
    fn every_reference_resolves_and_no_two_schemas_share_a_name() {
        let doc = openapi("0.0.0");
        let schemas = doc["components"]["schemas"].as_object().cloned().unwrap_or_default();
        // A name means one schema: every endpoint's definitions agree on each.
        for ep in ENDPOINTS.iter() {
            let (_, defs) = definitions(ep, ValidationOptions::default(), COMPONENTS);
            for (name, def) in defs {
                assert_eq!(schemas.get(&name), Some(&def), "{name}");
            }
        }
        assert!(answers().keys().all(|k| ENDPOINTS.iter().all(|ep| definitions(
            ep,
            ValidationOptions::default(),
            COMPONENTS
        )
        .1
        .get(k)
        .is_none())));
        fn refs(v: &Json, out: &mut Vec<String>) {
            match v {
                Json::Object(m) => {
                    if let Some(Json::String(r)) = m.get("$ref") {
                        out.push(r.clone());
                    }
                    m.values().for_each(|x| refs(x, out));
                }
                Json::Array(a) => a.iter().for_each(|x| refs(x, out)),
                _ => {}
            }
        }
        let mut all = Vec::new();
        refs(&doc, &mut all);
        assert!(all.len() > 20);
        for r in all {
            let name = r.strip_prefix(COMPONENTS).unwrap_or_else(|| panic!("{r} is a component reference"));
            assert!(schemas.contains_key(name), "{r} resolves");
        }
    }
}
