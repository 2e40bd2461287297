//! The severity policy, in one place: how serious a finding is. The engine (`validate`), the
//! introspection data (`describe`) and the JSON Schema generator all call these functions, so the
//! three never disagree about what is an issue and what is a warning.
//!
//! - A problem with a field the docs confirm is what its rule says (an issue, unless the rule is a
//!   warning); with a field whose name is our reading of the docs, only ever a warning.
//! - An unknown key of a documented, closed object is a warning, or an issue in strict mode; of an
//!   open object (credentials, undocumented objects) it passes, unless it looks like a misspelling
//!   of a known key or the object is documented (then a warning).

use super::model::{Field, Keys, Level, Rule, Schema, ValidationOptions};

/// The level of a finding about `field` whose rule declares `declared`.
pub fn level(declared: Level, field: &Field) -> Level {
    if declared == Level::Issue && field.confirmed {
        Level::Issue
    } else {
        Level::Warning
    }
}

/// The level of a problem with a field's own value (wrong type, missing, not allowed).
pub fn field_level(field: &Field) -> Level {
    level(Level::Issue, field)
}

/// What a rule declares: `RequiredWhen` is an issue, `OnlyWhen` says.
pub fn declared(rule: &Rule) -> Level {
    match rule {
        Rule::RequiredWhen { .. } => Level::Issue,
        Rule::OnlyWhen { level, .. } => *level,
    }
}

/// The level of a rule's finding about `field`.
pub fn rule_level(rule: &Rule, field: &Field) -> Level {
    level(declared(rule), field)
}

/// A key `schema` does not define: `None` when it passes silently. `near_known` says whether it
/// is a plausible misspelling of a known key.
pub fn unknown_key(schema: &Schema, options: ValidationOptions, near_known: bool) -> Option<Level> {
    match schema.keys {
        Keys::Closed if options.strict => Some(Level::Issue),
        Keys::Closed => Some(Level::Warning),
        Keys::Open if near_known || schema.documented => Some(Level::Warning),
        Keys::Open => None,
    }
}

/// Whether unknown keys of `schema` become issues in strict mode (what `describe()` calls
/// `closesInStrictMode`).
pub fn closes_in_strict_mode(schema: &Schema) -> bool {
    unknown_key(schema, ValidationOptions::STRICT, false) == Some(Level::Issue)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::endpoints::endpoint;

    #[test]
    fn unconfirmed_fields_only_warn() {
        let body = endpoint("databrain.createDatasource").map(|e| e.body);
        let creds =
            body.and_then(|b| b.variant("postgres")).and_then(|v| v.fields.iter().find(|f| f.name == "credentials"));
        assert!(creds.is_some());
        let es = endpoint("databrain.createDatasource")
            .and_then(|e| e.body.variant("elasticsearch"))
            .and_then(|v| v.fields.iter().find(|f| f.name == "credentials"))
            .and_then(|f| match f.ty {
                crate::schema::Type::Object(s) => s.fields.iter().find(|f| !f.confirmed),
                _ => None,
            });
        let unconfirmed = es.expect("an Elasticsearch credential key is unconfirmed");
        assert_eq!(field_level(unconfirmed), Level::Warning);
        assert_eq!(level(Level::Issue, unconfirmed), Level::Warning);
    }

    #[test]
    fn strict_mode_closes_documented_objects_only() {
        let ws = endpoint("databrain.createWorkspace").map(|e| e.body).expect("endpoint");
        assert_eq!(unknown_key(ws, ValidationOptions::default(), false), Some(Level::Warning));
        assert_eq!(unknown_key(ws, ValidationOptions::STRICT, false), Some(Level::Issue));
        assert!(closes_in_strict_mode(ws));
    }
}
