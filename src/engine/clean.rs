//! The clean-body proof: whether a measured body (the cells of [`layout`](crate::engine::layout))
//! is one the rule engine has nothing to say about, decided over the cells alone.
//!
//! Most bodies a program sends are valid. For them the full walk ([`validate`](crate::engine::validate))
//! does work that only a finding needs: paths, reads of text, a list of every field with its
//! value. This module answers one question, "would the engine report nothing?", with the same
//! schema data and the same rule semantics, and it answers "yes" only when it is sure: anything it
//! cannot decide from a measurement (a value of any type, unknown keys, a missing field that is
//! expected, a rule whose condition is unknown) is "no", and the engine then walks the body and
//! writes its report. A "no" is never wrong, only slower; a "yes" must be exactly the engine's
//! empty report, which `tests/js/fast-path.test.mjs` checks against the generic path on every
//! corpus body and 10^5 generated ones.
//!
//! What it checks, per object of the body: every key is one the schema defines; each field in
//! force for the variant is present when required or expected, absent when forbidden, and of its
//! type within its limits (strings not empty where they must not be and within their length in
//! code points, enum values among the choices, whole numbers in range, ports as numbers, nested
//! objects and arrays recursively, JSON text parsed by [`jsontext`](crate::engine::jsontext)); and
//! no cross-field rule fires on it.

use std::cell::RefCell;

use crate::engine::jsontext;
use crate::engine::layout::{kind_of, measure, Measure, OBJECT_HEADER, ROOT_BLOCK, TREE_DEPTH};
use crate::engine::value::Kind;
use crate::schema::{same_name, Cond, Field, Lit, Req, Rule, Schema, Type, Variant};

/// Whether the engine would find neither issue nor warning in the body measured into `cells` for
/// `schema` (cell pair 0 describes the body). `text(c)` gives the text of the string measured at
/// cell `c`, for a field whose rule reads it (a JSON text).
pub fn clean(cells: &[f64], schema: &'static Schema, text: &dyn Fn(usize) -> Option<String>) -> bool {
    let body = Proof { cells, text };
    body.kind(0) == Kind::Object && body.payload(0) == ROOT_BLOCK as f64 && body.object(ROOT_BLOCK, schema, 0)
}

/// The deepest nesting of objects and arrays the proof follows. The schemas nest a few levels;
/// the engine's own limit, [`MAX_DEPTH`](crate::engine::MAX_DEPTH) path steps, stays beyond it
/// with a tree of any type at the bottom (a level is at most two steps: a key and an index).
const DEPTH: usize = 16;
const _: () = assert!(2 * (DEPTH + 1) + TREE_DEPTH < crate::engine::MAX_DEPTH);

struct Proof<'c> {
    cells: &'c [f64],
    text: &'c dyn Fn(usize) -> Option<String>,
}

/// A field's list and rules, resolved for one variant of one schema: the rules name fields by
/// position in the list instead of by name.
struct Plan {
    fields: Vec<&'static Field>,
    rules: Vec<RulePlan>,
}

struct RulePlan {
    /// `RequiredWhen` (fires when its condition holds), or `OnlyWhen` (fires when it does not).
    required: bool,
    /// The condition; `None` when its sibling is not among the fields (the engine then skips it).
    when: Option<CondPlan>,
    /// The positions of the rule's fields that are in force.
    fields: Vec<usize>,
}

struct CondPlan {
    at: usize,
    negate: bool,
    lit: LitPlan,
    /// What an absent sibling compares as: its documented default against the literal.
    absent: Option<bool>,
}

enum LitPlan {
    Bool(bool),
    /// The position of the literal among the sibling's choices (`None`: not among them).
    Choice(Option<usize>),
    /// A sibling without choices: the comparison needs its text, which the proof does not read.
    Text,
}

thread_local! {
    /// The plans made so far, sorted by schema and variant address. There is one per variant of
    /// each schema, made on first use and kept for the life of the module.
    static PLANS: RefCell<Vec<(usize, usize, &'static Plan)>> = const { RefCell::new(Vec::new()) };
}

fn plan(schema: &'static Schema, variant: Option<&'static Variant>) -> &'static Plan {
    let key = (schema as *const Schema as usize, variant.map_or(0, |v| v as *const Variant as usize));
    let found = PLANS.with(|p| {
        let plans = p.borrow();
        plans
            .binary_search_by_key(&key, |(s, v, _)| (*s, *v))
            .ok()
            .and_then(|at| plans.get(at))
            .map(|(_, _, plan)| *plan)
    });
    if let Some(plan) = found {
        return plan;
    }
    let made: &'static Plan = Box::leak(Box::new(Plan::new(schema, variant)));
    PLANS.with(|p| {
        let mut plans = p.borrow_mut();
        let at = plans.binary_search_by_key(&key, |(s, v, _)| (*s, *v)).unwrap_or_else(|at| at);
        plans.insert(at, (key.0, key.1, made));
    });
    made
}

impl Plan {
    fn new(schema: &'static Schema, variant: Option<&'static Variant>) -> Plan {
        let fields: Vec<&'static Field> = schema.fields_for(variant).collect();
        let position = |name: &str| fields.iter().position(|f| same_name(f.name, name));
        let rules = schema
            .rules
            .iter()
            .map(|rule| {
                let (name, lit, negate) = match *rule.cond() {
                    Cond::Eq(f, l) => (f, l, false),
                    Cond::Ne(f, l) => (f, l, true),
                };
                let when = position(name).and_then(|at| {
                    let sibling = fields.get(at)?;
                    let lit_plan = match lit {
                        Lit::Bool(b) => LitPlan::Bool(b),
                        Lit::Str(s) => match schema.options(&sibling.ty) {
                            Some(options) => LitPlan::Choice(options.iter().position(|o| o == s)),
                            None => LitPlan::Text,
                        },
                    };
                    Some(CondPlan { at, negate, lit: lit_plan, absent: sibling.default.map(|d| d == lit) })
                });
                RulePlan {
                    required: matches!(rule, Rule::RequiredWhen { .. }),
                    when,
                    fields: rule.fields().iter().filter_map(|n| position(n)).collect(),
                }
            })
            .collect();
        Plan { fields, rules }
    }
}

/// A condition's truth; `None` when unknown (the engine skips the rule).
type Truth = Option<bool>;

impl Proof<'_> {
    #[inline]
    fn cell(&self, at: usize) -> f64 {
        self.cells.get(at).copied().unwrap_or(f64::NAN)
    }

    #[inline]
    fn kind(&self, at: usize) -> Kind {
        let code = self.cell(at);
        if (0.0..8.0).contains(&code) {
            kind_of(code as u32)
        } else {
            Kind::Other
        }
    }

    #[inline]
    fn payload(&self, at: usize) -> f64 {
        self.cell(at + 1)
    }

    /// A block index written in a payload (`None`: not walked, or not an index).
    fn block(&self, at: usize) -> Option<usize> {
        let p = self.payload(at);
        (p >= 0.0 && p < self.cells.len() as f64 && p.fract() == 0.0).then_some(p as usize)
    }

    /// The object block at `block`, of `schema`.
    fn object(&self, block: usize, schema: &'static Schema, depth: usize) -> bool {
        if depth > DEPTH {
            return false;
        }
        let x = self.cell(block + 1);
        let variant = match schema.union {
            Some(u) if x >= 0.0 => match u.variants.get(x as usize) {
                Some(v) => Some(v),
                None => return false,
            },
            _ => None,
        };
        let plan = plan(schema, variant);
        let mut present = 0usize;
        for (i, field) in plan.fields.iter().enumerate() {
            let at = block + OBJECT_HEADER + 2 * i;
            if self.kind(at) == Kind::Undefined {
                // A required field is an issue, an expected one a warning.
                if matches!(field.req, Req::Required | Req::Expected) {
                    return false;
                }
                continue;
            }
            present += 1;
            if matches!(field.req, Req::Forbidden(_)) || !self.value(at, &field.ty, schema, depth) {
                return false;
            }
        }
        // A key the schema does not define is a finding, or needs the engine to tell.
        if self.cell(block) != present as f64 {
            return false;
        }
        plan.rules.iter().all(|rule| self.rule_holds(block, rule))
    }

    /// Whether a rule finds nothing in the object block at `block`.
    fn rule_holds(&self, block: usize, rule: &RulePlan) -> bool {
        let Some(when) = &rule.when else { return true };
        let truth = match self.truth(block + OBJECT_HEADER + 2 * when.at, when) {
            Ok(Some(t)) => t,
            Ok(None) => return true,
            Err(()) => return false,
        };
        let present = |i: &usize| self.kind(block + OBJECT_HEADER + 2 * i) != Kind::Undefined;
        match (rule.required, truth) {
            // Required when it holds: every field present.
            (true, true) => rule.fields.iter().all(present),
            // Only when it holds: no field present otherwise.
            (false, false) => !rule.fields.iter().any(present),
            _ => true,
        }
    }

    /// A condition on the sibling at cell pair `at`; `Err` when the proof cannot tell.
    fn truth(&self, at: usize, when: &CondPlan) -> Result<Truth, ()> {
        let equal = match self.kind(at) {
            Kind::Undefined => when.absent,
            kind => match when.lit {
                LitPlan::Bool(b) => (kind == Kind::Bool).then(|| (self.payload(at) != 0.0) == b),
                LitPlan::Choice(lit) => {
                    let p = self.payload(at);
                    (kind == Kind::String && p >= 0.0).then(|| lit == Some(p as usize))
                }
                LitPlan::Text => return Err(()),
            },
        };
        Ok(equal.map(|eq| eq != when.negate))
    }

    /// Whether the value at cell pair `at`, present, is of `ty` within its limits (`owner`: the
    /// schema whose field it is).
    fn value(&self, at: usize, ty: &'static Type, owner: &'static Schema, depth: usize) -> bool {
        let kind = self.kind(at);
        let p = self.payload(at);
        match ty {
            Type::Str { min, .. } => {
                kind == Kind::String
                    && (*min == 0 || p != 0.0)
                    && match measure(ty, owner) {
                        // The payload is the length in code points whenever it exceeds the maximum.
                        Measure::CodePoints(max) => p <= f64::from(max),
                        _ => true,
                    }
            }
            Type::Enum(_) | Type::Tag => {
                kind == Kind::String && p >= 0.0 && matches!(measure(ty, owner), Measure::Options(_))
            }
            Type::Bool => kind == Kind::Bool,
            Type::Int { min, max } => kind == Kind::Number && whole_in(p, *min, *max),
            Type::Port => kind == Kind::Number && whole_in(p, 1, 65535),
            Type::Array(item) => {
                let Some(b) = self.block(at).filter(|_| kind == Kind::Array) else { return false };
                let len = self.cell(b);
                len >= 0.0 && (0..len as usize).all(|i| self.value(b + 1 + 2 * i, item, owner, depth + 1))
            }
            Type::Object(schema) => {
                let Some(b) = self.block(at).filter(|_| kind == Kind::Object) else { return false };
                self.object(b, schema, depth + 1)
            }
            Type::JsonObjectString => {
                kind == Kind::String
                    && p != 0.0
                    && (self.text)(at).is_some_and(|t| !t.is_empty() && jsontext::check_object(&t).is_ok())
            }
            Type::Nullable(inner) => kind == Kind::Null || self.value(at, inner, owner, depth),
            // Any value: the engine walks a container for its depth and for values JSON cannot
            // hold; the reader measured it as a tree of JSON values, or -1.
            Type::Any => match kind {
                Kind::Null | Kind::Bool | Kind::Number | Kind::String => true,
                Kind::Object | Kind::Array => depth <= DEPTH && p >= 0.0 && matches!(measure(ty, owner), Measure::Tree),
                Kind::Undefined | Kind::Other => false,
            },
        }
    }
}

/// Whether a number is whole and within `min..=max`.
fn whole_in(n: f64, min: i64, max: i64) -> bool {
    n.is_finite() && n.fract() == 0.0 && n >= min as f64 && n <= max as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::layout::kind_code;
    use crate::schema::endpoints::ENDPOINTS;

    fn schema(id: &str) -> &'static Schema {
        ENDPOINTS.iter().find(|e| e.id == id).map(|e| e.body).unwrap_or_else(|| panic!("{id}"))
    }

    /// The cells of a paradigm.updateWorkspace body with only `name` (a string of `len` units).
    fn rename(len: f64, keys: f64) -> Vec<f64> {
        let s = schema("paradigm.updateWorkspace");
        let mut cells = vec![0.0; crate::engine::layout::body_cells(s)];
        cells[0] = f64::from(kind_code(Kind::Object));
        cells[1] = ROOT_BLOCK as f64;
        cells[ROOT_BLOCK] = keys;
        cells[ROOT_BLOCK + 1] = -1.0;
        cells[ROOT_BLOCK + 2] = -1.0;
        let name = s.fields.iter().position(|f| f.name == "name").expect("name");
        cells[ROOT_BLOCK + OBJECT_HEADER + 2 * name] = f64::from(kind_code(Kind::String));
        cells[ROOT_BLOCK + OBJECT_HEADER + 2 * name + 1] = len;
        cells
    }

    #[test]
    fn a_measured_rename_is_clean_and_its_faults_are_not() {
        let s = schema("paradigm.updateWorkspace");
        let none = |_: usize| None;
        assert!(clean(&rename(5.0, 1.0), s, &none));
        // An empty name, an unknown key, a non-object body, cut cells: the engine must tell.
        assert!(!clean(&rename(0.0, 1.0), s, &none));
        assert!(!clean(&rename(5.0, 2.0), s, &none));
        let mut body = rename(5.0, 1.0);
        body[0] = f64::from(kind_code(Kind::Array));
        assert!(!clean(&body, s, &none));
        assert!(!clean(&rename(5.0, 1.0)[..ROOT_BLOCK + 2], s, &none));
        assert!(!clean(&[], s, &none));
    }

    #[test]
    fn every_rule_resolves_its_fields() {
        for e in &ENDPOINTS {
            for v in e.body.variants_and_base() {
                let p = Plan::new(e.body, v);
                assert_eq!(p.rules.len(), e.body.rules.len(), "{}", e.id);
            }
        }
    }
}
