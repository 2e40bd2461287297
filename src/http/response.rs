//! Reading an API's answer: the documented success shape, or an error code from either envelope
//! (Databrain `{error: {code, message}}`, Paradigm `{code, error, detail, doc_url, fields}`),
//! falling back on the HTTP status when the body says nothing usable.

use crate::engine::value::{Kind, Value};
pub use crate::schema::endpoints::TOO_MANY_REQUESTS;
use crate::schema::endpoints::{Api, DocumentedError, Endpoint, Success};

/// The body of an answer, as far as it could be read.
pub enum Body<V> {
    Json(V),
    /// No body at all.
    Empty,
    /// A body that is not JSON.
    NotJson,
}

/// What an answer means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Success. The data is the body's `data` member (`Some("data")`) or the body itself.
    Ok { data: Option<&'static str> },
    /// A documented (or status-derived) error. `server_code` is the code the body named when the
    /// docs do not list it for the endpoint (then `code` is the status's documented one).
    Api { code: String, message: String, server_code: Option<String>, doc_url: Option<String> },
    /// A success status whose body is not the documented JSON.
    Response { message: String },
}

/// What sending a request gave, as the binding hands it to the clients (`J`: the answer's JSON as
/// the caller's runtime holds it). The clients turn each kind into a resolved value or one error
/// class: `ok` → the data, `api` → `ApiError` (the API error payload), `response` →
/// `ResponseError`, `network` → `NetworkError`, `aborted` → `AbortError` or `TimeoutError`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
#[cfg_attr(feature = "types", derive(tsify::Tsify))]
pub enum Sent<J> {
    /// Success: the documented data (the body's `data` member or the body itself), the whole
    /// body and the response headers (a `Headers`).
    Ok {
        status: u16,
        data: J,
        body: J,
        #[cfg_attr(feature = "types", tsify(type = "GlobalInstance<\"Headers\">"))]
        headers: J,
    },
    /// The API answered an error: its documented code (or [`TOO_MANY_REQUESTS`], or
    /// `HTTP_<status>`), message, body and headers; `serverCode`, an undocumented code the body
    /// named; `docUrl`, the page Paradigm's envelope links (`doc_url`).
    Api {
        status: u16,
        code: String,
        message: String,
        body: J,
        #[cfg_attr(feature = "types", tsify(type = "GlobalInstance<\"Headers\">"))]
        headers: J,
        #[serde(rename = "serverCode")]
        #[cfg_attr(feature = "types", tsify(type = "string | null"))]
        server_code: Option<String>,
        #[serde(rename = "docUrl")]
        #[cfg_attr(feature = "types", tsify(type = "string | null"))]
        doc_url: Option<String>,
    },
    /// A success status whose body is not the documented JSON.
    Response {
        status: u16,
        message: String,
        body: J,
        #[cfg_attr(feature = "types", tsify(type = "GlobalInstance<\"Headers\">"))]
        headers: J,
    },
    /// No answer: no connection, a dropped one, or a redirect (never followed). `cause` is what
    /// fetch rejected with (Node's `TypeError: fetch failed` holds `ECONNREFUSED` in its own
    /// `cause`), or `null`.
    Network {
        message: String,
        #[cfg_attr(feature = "types", tsify(type = "unknown"))]
        cause: J,
    },
    /// The request's signal fired (the caller's, or the client's timeout).
    Aborted,
}

impl<J> Sent<J> {
    /// The verdict on an answer, with its parts: `data` for a success, and the whole `body` and
    /// the `headers` for every answer.
    pub fn answer(
        outcome: Outcome,
        status: u16,
        data: impl FnOnce(Option<&'static str>) -> J,
        body: J,
        headers: J,
    ) -> Sent<J> {
        match outcome {
            Outcome::Ok { data: key } => Sent::Ok { status, data: data(key), body, headers },
            Outcome::Api { code, message, server_code, doc_url } => {
                Sent::Api { status, code, message, body, headers, server_code, doc_url }
            }
            Outcome::Response { message } => Sent::Response { status, message, body, headers },
        }
    }
}

fn string_at<V: Value>(v: &V, path: &[&'static str]) -> Option<String> {
    let mut cur: Option<V> = None;
    for key in path {
        let next = match &cur {
            None => v.get(key)?,
            Some(c) => c.get(key)?,
        };
        cur = Some(next);
    }
    let s = cur?;
    (s.kind() == Kind::String).then(|| s.as_str().map(|x| x.into_owned())).flatten()
}

/// The documented error for a status when the body names none (or names one the docs do not
/// list): the most general one of that status, [`TOO_MANY_REQUESTS`] for a 429, or
/// `HTTP_<status>` when the docs list none.
pub fn fallback(ep: &Endpoint, status: u16) -> (String, String) {
    let of_status: Vec<&DocumentedError> = ep.errors.iter().filter(|e| e.status == status).collect();
    let general = ["INTERNAL_SERVER_ERROR", "INVALID_REQUEST_BODY"];
    let pick = of_status.iter().find(|e| general.contains(&e.code)).or(of_status.first());
    match pick {
        Some(e) => (e.code.to_string(), e.doc.to_string()),
        None if status == 429 => (
            TOO_MANY_REQUESTS.to_string(),
            "Too many requests: the API's rate limit was reached; retry once its window resets".to_string(),
        ),
        None => (format!("HTTP_{status}"), format!("HTTP status {status}")),
    }
}

/// Classifies an answer of `ep` with this status and body.
pub fn classify<V: Value>(ep: &Endpoint, status: u16, body: &Body<V>) -> Outcome {
    let success = (200..300).contains(&status);
    if !success {
        let (code, message, doc_url) = match (ep.api, body) {
            (Api::Databrain, Body::Json(b)) => {
                (string_at(b, &["error", "code"]), string_at(b, &["error", "message"]), None)
            }
            (Api::Paradigm, Body::Json(b)) => {
                (string_at(b, &["error"]), string_at(b, &["detail"]), string_at(b, &["doc_url"]))
            }
            _ => (None, None, None),
        };
        let (fallback_code, fallback_message) = fallback(ep, status);
        // A code the docs list for the endpoint is the code; any other the body names is kept
        // apart (`server_code`), so that `code` is always one the types can name.
        let named = code.filter(|c| !c.is_empty());
        let documented = named.as_deref().is_some_and(|c| ep.errors.iter().any(|e| e.code == c));
        let (code, server_code) = match named {
            Some(c) if documented => (c, None),
            other => (fallback_code, other),
        };
        let message = message.filter(|m| !m.is_empty()).unwrap_or_else(|| {
            ep.errors.iter().find(|e| e.code == code).map_or(fallback_message, |e| e.doc.to_string())
        });
        return Outcome::Api { code, message, server_code, doc_url: doc_url.filter(|u| !u.is_empty()) };
    }
    let shape_error = |expected: &str| Outcome::Response {
        message: format!("{} {} answered {status} with {}; expected {expected}.", ep.method, ep.path, describe(body)),
    };
    match (ep.success, body) {
        (Success::Any, Body::Json(_) | Body::Empty) => Outcome::Ok { data: None },
        (Success::DataName, Body::Json(b)) => {
            if string_at(b, &["data", "name"]).is_some() {
                Outcome::Ok { data: Some("data") }
            } else {
                shape_error("{\"data\": {\"name\": ...}, \"error\": null}")
            }
        }
        (Success::Name, Body::Json(b)) => {
            if string_at(b, &["name"]).is_some() {
                Outcome::Ok { data: None }
            } else {
                shape_error("{\"name\": ...}")
            }
        }
        (Success::Workspace, Body::Json(b)) => {
            if b.get("id").is_some_and(|id| id.kind() == Kind::Number) {
                Outcome::Ok { data: None }
            } else {
                shape_error("the workspace object (with its integer id)")
            }
        }
        _ => shape_error("JSON"),
    }
}

fn describe<V: Value>(body: &Body<V>) -> &'static str {
    match body {
        Body::Empty => "an empty body",
        Body::NotJson => "a body that is not JSON",
        Body::Json(v) => match v.kind() {
            Kind::Object => "a JSON object of another shape",
            Kind::Array => "a JSON array",
            _ => "a JSON value of another type",
        },
    }
}

#[cfg(all(test, feature = "json"))]
mod tests {
    use super::*;
    use crate::schema::endpoints::endpoint;
    use serde_json::{json, Value as Json};

    fn ep(id: &str) -> &'static Endpoint {
        endpoint(id).expect("endpoint")
    }

    fn of(id: &str, status: u16, body: Json) -> Outcome {
        classify(ep(id), status, &Body::Json(&body))
    }

    #[test]
    fn documented_successes() {
        assert_eq!(
            of("databrain.createWorkspace", 200, json!({"data": {"name": "S"}, "error": null})),
            Outcome::Ok { data: Some("data") }
        );
        assert_eq!(of("databrain.updateDatasource", 200, json!({"name": "p"})), Outcome::Ok { data: None });
        assert_eq!(of("paradigm.updateWorkspace", 200, json!({"id": 3, "name": "W"})), Outcome::Ok { data: None });
        assert_eq!(classify::<&Json>(ep("paradigm.testDatasource"), 200, &Body::Empty), Outcome::Ok { data: None });
    }

    #[test]
    fn wrong_success_shapes_are_response_errors() {
        assert!(matches!(of("databrain.createWorkspace", 200, json!({"name": "S"})), Outcome::Response { .. }));
        assert!(matches!(of("databrain.createDatasource", 200, json!([1])), Outcome::Response { .. }));
        assert!(matches!(
            classify::<&Json>(ep("databrain.createDatasource"), 200, &Body::NotJson),
            Outcome::Response { .. }
        ));
        assert!(matches!(
            classify::<&Json>(ep("paradigm.updateWorkspace"), 200, &Body::Empty),
            Outcome::Response { .. }
        ));
    }

    #[test]
    fn both_error_envelopes() {
        let o = of(
            "databrain.createWorkspace",
            400,
            json!({"data": null, "error": {"code": "WORKSPACE_NAME_ALREADY_EXISTS", "message": "taken"}}),
        );
        assert_eq!(
            o,
            Outcome::Api {
                code: "WORKSPACE_NAME_ALREADY_EXISTS".into(),
                message: "taken".into(),
                server_code: None,
                doc_url: None
            }
        );
        let o = of(
            "paradigm.updateWorkspace",
            409,
            json!({"id": null, "code": 409, "error": "conflict", "detail": "locked", "doc_url": "https://d/errors#conflict"}),
        );
        let doc_url = Some("https://d/errors#conflict".to_string());
        assert_eq!(o, Outcome::Api { code: "conflict".into(), message: "locked".into(), server_code: None, doc_url });
        // Databrain's envelope has no doc_url: a stray one is not read.
        let o = of("databrain.createWorkspace", 400, json!({"error": {"code": "X"}, "doc_url": "https://x"}));
        assert!(matches!(o, Outcome::Api { doc_url: None, .. }));
        // A code without a message takes the documented description.
        let o = of("databrain.updateDatasource", 404, json!({"error": {"code": "DATASOURCE_NOT_FOUND"}}));
        assert_eq!(
            o,
            Outcome::Api {
                code: "DATASOURCE_NOT_FOUND".into(),
                message: "The specified datasource does not exist".into(),
                server_code: None,
                doc_url: None
            }
        );
    }

    #[test]
    fn unusable_error_bodies_fall_back_on_the_status() {
        let o = classify::<&Json>(ep("databrain.createWorkspace"), 401, &Body::NotJson);
        assert_eq!(
            o,
            Outcome::Api {
                code: "INVALID_DATA_APP_API_KEY".into(),
                message: "Invalid API key".into(),
                server_code: None,
                doc_url: None
            }
        );
        let o = of("databrain.updateDatasource", 500, json!({"oops": true}));
        assert!(matches!(o, Outcome::Api { ref code, .. } if code == "INTERNAL_SERVER_ERROR"));
        let o = of("databrain.updateDatasource", 401, json!({"error": "AUTHENTICATION_ERR"}));
        assert!(matches!(o, Outcome::Api { ref code, .. } if code == "AUTHENTICATION_ERROR"));
        let o = classify::<&Json>(ep("databrain.createWorkspace"), 418, &Body::Empty);
        assert_eq!(
            o,
            Outcome::Api {
                code: "HTTP_418".into(),
                message: "HTTP status 418".into(),
                server_code: None,
                doc_url: None
            }
        );
        let o = classify::<&Json>(ep("paradigm.updateWorkspace"), 409, &Body::NotJson);
        assert!(matches!(o, Outcome::Api { ref code, .. } if code == "conflict"));
    }

    #[test]
    fn a_rate_limit_is_too_many_requests_on_both_apis() {
        for id in ["databrain.createWorkspace", "paradigm.testDatasource"] {
            let o = classify::<&Json>(ep(id), 429, &Body::NotJson);
            assert!(matches!(o, Outcome::Api { ref code, server_code: None, .. } if code == TOO_MANY_REQUESTS), "{id}");
        }
        // express-rate-limit's default body is text; a JSON body's message is kept.
        let o = of("databrain.createDatasource", 429, json!({"error": {"message": "slow down"}}));
        assert_eq!(
            o,
            Outcome::Api {
                code: TOO_MANY_REQUESTS.into(),
                message: "slow down".into(),
                server_code: None,
                doc_url: None
            }
        );
    }

    #[test]
    fn an_undocumented_code_is_kept_apart_and_the_status_names_the_code() {
        let o = of("databrain.createWorkspace", 400, json!({"error": {"code": "NAME_TOO_FANCY", "message": "no"}}));
        assert_eq!(
            o,
            Outcome::Api {
                code: "INVALID_REQUEST_BODY".into(),
                message: "no".into(),
                server_code: Some("NAME_TOO_FANCY".into()),
                doc_url: None
            }
        );
        let o = of("paradigm.updateWorkspace", 418, json!({"error": "teapot"}));
        assert_eq!(
            o,
            Outcome::Api {
                code: "HTTP_418".into(),
                message: "HTTP status 418".into(),
                server_code: Some("teapot".into()),
                doc_url: None
            }
        );
        // A code documented for another endpoint is not this one's.
        let o = of("databrain.createWorkspace", 404, json!({"error": {"code": "DATASOURCE_NOT_FOUND"}}));
        assert!(
            matches!(o, Outcome::Api { ref server_code, .. } if server_code.as_deref() == Some("DATASOURCE_NOT_FOUND"))
        );
    }
}
