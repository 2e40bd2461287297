//! The declarative description every request body is written in.
//!
//! A schema is plain static data: its fields (type, required-ness, doc line, secrecy, whether the
//! docs confirm the field), its cross-field rules, what unknown keys are, and, for the
//! datasource bodies, the variants selected by a discriminator. Validation, introspection, JSON
//! Schema and TypeScript types are all derived from this data; nothing else restates a rule.

/// A literal a condition compares against.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Lit {
    Str(&'static str),
    Bool(bool),
}

/// One allowed value of an enum, with its doc line.
#[derive(Debug, Clone, Copy)]
pub struct Choice {
    pub value: &'static str,
    pub doc: &'static str,
}

impl Choice {
    pub const fn new(value: &'static str, doc: &'static str) -> Choice {
        Choice { value, doc: doc_line(doc) }
    }
}

/// A doc line, or `""` when the crate is built without the `docs` feature (the wasm validator
/// never shows them, so they stay out of its binary).
pub const fn doc_line(doc: &'static str) -> &'static str {
    if cfg!(feature = "docs") {
        doc
    } else {
        ""
    }
}

/// The allowed strings of an enum or a discriminator, without copying them into a list.
#[derive(Debug, Clone, Copy)]
pub enum Options {
    Choices(&'static [Choice]),
    Variants(&'static [Variant]),
}

impl Options {
    pub fn len(&self) -> usize {
        match self {
            Options::Choices(c) => c.len(),
            Options::Variants(v) => v.len(),
        }
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn get(&self, i: usize) -> Option<&'static str> {
        match self {
            Options::Choices(c) => c.get(i).map(|c| c.value),
            Options::Variants(v) => v.get(i).map(|v| v.value),
        }
    }
    pub fn iter(&self) -> impl Iterator<Item = &'static str> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
    /// Identifies the list (its address): a binding may cache a converted copy under it.
    pub fn id(&self) -> usize {
        match self {
            Options::Choices(c) => c.as_ptr() as usize,
            Options::Variants(v) => v.as_ptr() as usize,
        }
    }
}

/// The type of a field's value.
#[derive(Debug, Clone, Copy)]
pub enum Type {
    /// A string of `min..=max` characters (Unicode scalar values). `min: 1` means "cannot be empty".
    Str {
        min: u32,
        max: Option<u32>,
    },
    /// A string that must be one of the choices, compared exactly (case-sensitive).
    Enum(&'static [Choice]),
    /// The discriminator of the enclosing schema's [`Union`]: an enum whose choices are the variants.
    Tag,
    Bool,
    /// A JSON number that is a whole number within `min..=max`.
    Int {
        min: i64,
        max: i64,
    },
    /// A TCP port: a whole number in 1..=65535. A string of digits is let through with a warning,
    /// since the docs do not say whether the API also takes one.
    Port,
    /// An array whose every element has the item type.
    Array(&'static Type),
    /// A nested object with a schema of its own.
    Object(&'static Schema),
    /// A string holding a JSON-encoded object (a service-account key file).
    JsonObjectString,
    /// The inner type, or `null`.
    Nullable(&'static Type),
    /// Any JSON value (only its nesting depth is checked).
    Any,
}

/// Whether a field must be present.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Req {
    Required,
    Optional,
    /// The docs' examples always send it, but do not say it is required: missing gives a warning.
    Expected,
    /// The key must not be sent for this schema; the string names the key to use instead.
    Forbidden(&'static str),
}

/// One key of an object.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub ty: Type,
    pub req: Req,
    pub doc: &'static str,
    /// Passwords, keys, client secrets, service-account files, tokens: never echoed anywhere.
    pub secret: bool,
    /// `false` when the public docs do not confirm the key's name: such a field is offered to forms
    /// and typo suggestions, and a problem with its value is only a warning.
    pub confirmed: bool,
    /// The value the API assumes when the key is omitted, where the docs state one.
    pub default: Option<Lit>,
}

/// A condition on a sibling field of the same object.
#[derive(Debug, Clone, Copy)]
pub enum Cond {
    /// The sibling is present and equals the literal.
    Eq(&'static str, Lit),
    /// The sibling is absent or differs from the literal.
    Ne(&'static str, Lit),
}

impl Cond {
    pub fn field(&self) -> &'static str {
        match self {
            Cond::Eq(f, _) | Cond::Ne(f, _) => f,
        }
    }
}

/// What an object does with a key its schema does not define.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keys {
    /// Every key of the object is documented. No document says the API refuses a key it does not
    /// define, so an unknown key is a warning, and an issue only in strict mode.
    Closed,
    /// Credential objects: unknown keys are sent as they are in both modes. A near miss of a known
    /// key is a warning, and so is any unknown key of a documented object.
    Open,
}

/// How a body is judged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ValidationOptions {
    /// Unknown keys of closed objects are issues, not warnings.
    pub strict: bool,
}

impl ValidationOptions {
    pub const STRICT: ValidationOptions = ValidationOptions { strict: true };
}

/// How serious a broken rule is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// The API rejects the body: an issue.
    Issue,
    /// The docs suggest the API ignores the value, or cannot say: a warning.
    Warning,
}

/// A cross-field rule of one object.
#[derive(Debug, Clone, Copy)]
pub enum Rule {
    /// "Required when X is Y": each field must be present when the condition holds.
    RequiredWhen { fields: &'static [&'static str], when: Cond },
    /// "Only valid when X is Y": each field must be absent unless the condition holds.
    OnlyWhen { fields: &'static [&'static str], when: Cond, level: Level },
}

impl Rule {
    pub fn fields(&self) -> &'static [&'static str] {
        match self {
            Rule::RequiredWhen { fields, .. } | Rule::OnlyWhen { fields, .. } => fields,
        }
    }
    pub fn cond(&self) -> &Cond {
        match self {
            Rule::RequiredWhen { when, .. } | Rule::OnlyWhen { when, .. } => when,
        }
    }
}

/// One variant of a discriminated object: the discriminator value and the fields it replaces.
#[derive(Debug, Clone, Copy)]
pub struct Variant {
    pub value: &'static str,
    pub doc: &'static str,
    /// Fields that replace the base fields of the same name when this variant is selected.
    pub fields: &'static [Field],
}

/// A discriminated union over an object's field `tag`.
#[derive(Debug, Clone, Copy)]
pub struct Union {
    pub tag: &'static str,
    pub variants: &'static [Variant],
}

/// An object schema.
#[derive(Debug, Clone, Copy)]
pub struct Schema {
    /// A type name, used for TypeScript types and JSON Schema definitions.
    pub name: &'static str,
    pub doc: &'static str,
    pub fields: &'static [Field],
    pub rules: &'static [Rule],
    /// What an unknown key is: see [`Keys`] and [`Schema::unknown_key`].
    pub keys: Keys,
    /// Whether the public docs document every key of this object.
    pub documented: bool,
    /// A credentials object: previews and logs show only the values of keys known not to be
    /// secret; every other value reads `<redacted>`.
    pub credentials: bool,
    pub union: Option<Union>,
}

impl Schema {
    /// A fully documented object: it closes in strict mode.
    pub const fn closed(
        name: &'static str,
        doc: &'static str,
        fields: &'static [Field],
        rules: &'static [Rule],
    ) -> Schema {
        Schema {
            name,
            doc: doc_line(doc),
            fields,
            rules,
            keys: Keys::Closed,
            documented: true,
            credentials: false,
            union: None,
        }
    }
    /// A credentials object whose keys the docs do not fully confirm: unknown keys pass, values
    /// are redacted unless known not to be secret.
    pub const fn open(
        name: &'static str,
        doc: &'static str,
        fields: &'static [Field],
        rules: &'static [Rule],
    ) -> Schema {
        Schema { keys: Keys::Open, documented: false, credentials: true, ..Schema::closed(name, doc, fields, rules) }
    }
    /// This documented object holds credentials: open in both modes, values redacted unless known
    /// not to be secret.
    pub const fn credentials(self) -> Schema {
        Schema { keys: Keys::Open, credentials: true, ..self }
    }

    pub const fn with_union(self, tag: &'static str, variants: &'static [Variant]) -> Schema {
        Schema { union: Some(Union { tag, variants }), ..self }
    }

    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| same_name(f.name, name))
    }
    pub fn variant(&self, value: &str) -> Option<&'static Variant> {
        self.union.and_then(|u| u.variants.iter().find(|v| v.value == value))
    }
    /// The variants' values, in order (the choices of the discriminator).
    pub fn tag_values(&self) -> Vec<&'static str> {
        self.tag_options().iter().collect()
    }
    pub fn tag_options(&self) -> Options {
        Options::Variants(self.union.map_or(&[], |u| u.variants))
    }
    /// The allowed strings of a field of this schema of type `Enum` or `Tag`.
    pub fn options(&self, ty: &Type) -> Option<Options> {
        match ty {
            Type::Enum(c) => Some(Options::Choices(c)),
            Type::Tag => Some(self.tag_options()),
            _ => None,
        }
    }
    /// Every field list an object of this schema can have: each variant's, then the base fields
    /// (`None`: no variant selected).
    pub fn variants_and_base(&self) -> impl Iterator<Item = Option<&'static Variant>> {
        self.union.map_or(&[][..], |u| u.variants).iter().map(Some).chain([None])
    }
    /// The fields in force for a variant: the base fields with the variant's replacements.
    pub fn fields_for(&self, variant: Option<&'static Variant>) -> impl Iterator<Item = &'static Field> + '_ {
        self.fields.iter().map(move |base| {
            variant.and_then(|v| v.fields.iter().find(|f| same_name(f.name, base.name))).unwrap_or(base)
        })
    }
}

/// Whether two schema names are equal: identical literals usually share an address, so that is
/// checked before the bytes.
pub fn same_name(a: &str, b: &str) -> bool {
    a.len() == b.len() && (a.as_ptr() == b.as_ptr() || a == b)
}

impl Field {
    /// An optional, unconfirmed, non-secret field. Refine it with the builder methods.
    pub const fn new(name: &'static str, ty: Type, doc: &'static str) -> Field {
        Field { name, ty, req: Req::Optional, doc: doc_line(doc), secret: false, confirmed: false, default: None }
    }
    /// An optional string field (unconfirmed).
    pub const fn text(name: &'static str, doc: &'static str) -> Field {
        Field::new(name, Type::Str { min: 0, max: None }, doc)
    }
    /// An optional password-like string field (unconfirmed, secret).
    pub const fn secret_text(name: &'static str, doc: &'static str) -> Field {
        Field::text(name, doc).secret()
    }
    pub const fn required(self) -> Field {
        Field { req: Req::Required, ..self }
    }
    pub const fn expected(self) -> Field {
        Field { req: Req::Expected, ..self }
    }
    pub const fn forbidden(self, instead: &'static str) -> Field {
        Field { req: Req::Forbidden(instead), ..self }
    }
    pub const fn secret(self) -> Field {
        Field { secret: true, ..self }
    }
    pub const fn confirmed(self) -> Field {
        Field { confirmed: true, ..self }
    }
    pub const fn unconfirmed(self) -> Field {
        Field { confirmed: false, ..self }
    }
    pub const fn non_empty(self) -> Field {
        let ty = match self.ty {
            Type::Str { max, .. } => Type::Str { min: 1, max },
            other => other,
        };
        Field { ty, ..self }
    }
    pub const fn default(self, lit: Lit) -> Field {
        Field { default: Some(lit), ..self }
    }
    pub const fn with_doc(self, doc: &'static str) -> Field {
        Field { doc: doc_line(doc), ..self }
    }
}
