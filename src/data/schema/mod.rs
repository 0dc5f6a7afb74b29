//! Table schemas: the validated model the rest of the pipeline reads.
//!
//! The TOML as written lives in [`raw`]; [`validate`] turns it into these
//! types, reporting every mistake with its position.

mod keys;
mod per_language;
mod publication;
pub(crate) mod raw;
mod rule;
mod rule_check;
pub(crate) mod validate;

use std::collections::BTreeMap;
use std::fmt;

use serde::{Serialize, Serializer};

use super::value::Value;

pub use rule::{Condition, DatePart, Derived, Op, Operand, Rule, Underived};

/// A table schema (Frictionless Table Schema, plus `translated`, `unit`, `rules`).
#[derive(Debug, Clone, Default)]
pub struct Schema {
    pub title: Translated,
    pub description: Translated,
    pub fields: Vec<Field>,
    pub primary_key: Vec<String>,
    pub foreign_keys: Vec<ForeignKey>,
    pub rules: Vec<Rule>,
    /// The date the data is current to, when the schema says.
    pub as_of: Option<jiff::civil::Date>,
    /// The table's own licence, when it differs from the site's.
    pub licence: Option<crate::config::trust::Licence>,
    /// A boolean field whose true rows are withheld from publication.
    pub withhold: Option<String>,
}

impl Schema {
    /// The index of a field by name.
    pub fn field_index(&self, name: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.name == name)
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// One logical field; a translated field is one column per language.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub kind: FieldType,
    pub title: Translated,
    pub description: Translated,
    pub translated: bool,
    /// A unit such as `MAD` (a currency code marks money) or `ha`.
    pub unit: Option<String>,
    pub constraints: Constraints,
    /// Constraints on one language's column of a translated field, by
    /// language code, checked besides `constraints`.
    pub by_language: BTreeMap<String, Constraints>,
    /// Declared private (never published), public, or neither.
    pub privacy: Privacy,
}

/// Whether a column may be published (`private = …` in its schema).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Privacy {
    /// Not declared: `check` warns when its values look personal.
    #[default]
    Undeclared,
    Public,
    /// Never reaches a page, download, index or feed.
    Private,
}

impl Field {
    /// Whether the field holds amounts of money (its unit is a currency).
    pub fn is_money(&self) -> bool {
        self.kind.is_numeric() && self.unit.as_deref().is_some_and(is_currency)
    }

    /// A field whose type could not be read: text, with no constraints.
    pub fn untyped(name: String) -> Self {
        Self {
            title: Translated::any(&name),
            description: Translated::default(),
            translated: false,
            unit: None,
            name,
            kind: FieldType::String,
            constraints: Constraints::default(),
            by_language: BTreeMap::new(),
            privacy: Privacy::Undeclared,
        }
    }
}

/// The value types of Frictionless that Bayan supports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldType {
    String,
    Integer,
    Number,
    Date,
    Boolean,
    Year,
}

impl FieldType {
    pub const ALL: [FieldType; 6] = [
        Self::String,
        Self::Integer,
        Self::Number,
        Self::Date,
        Self::Boolean,
        Self::Year,
    ];

    /// The Frictionless name of the type, as written in schemas.
    pub fn name(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Integer => "integer",
            Self::Number => "number",
            Self::Date => "date",
            Self::Boolean => "boolean",
            Self::Year => "year",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The type's name with its article: "an integer", "a date".
    pub fn with_article(self) -> String {
        let article = if self == Self::Integer { "an" } else { "a" };
        format!("{article} {}", self.name())
    }

    /// Whether values of this type have an order (for minimum, maximum, rules).
    pub fn is_ordered(self) -> bool {
        matches!(self, Self::Integer | Self::Number | Self::Date | Self::Year)
    }

    /// Whether values of this type are numeric (integer and number compare).
    pub fn is_numeric(self) -> bool {
        matches!(self, Self::Integer | Self::Number)
    }
}

impl fmt::Display for FieldType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for FieldType {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

/// Constraints on the values of a field; values are typed like the field.
#[derive(Debug, Clone, Default)]
pub struct Constraints {
    pub required: bool,
    pub unique: bool,
    pub minimum: Option<Value>,
    pub maximum: Option<Value>,
    /// In characters, not bytes.
    pub min_length: Option<usize>,
    pub max_length: Option<usize>,
    pub pattern: Option<Pattern>,
    pub enum_values: Option<Vec<Value>>,
    /// At most this many digits after the decimal point (trailing zeros
    /// not counted: `12.50` has two places as written, one that counts).
    pub max_decimals: Option<u32>,
    /// Required on the rows where another field has a given value.
    pub required_when: Option<Condition>,
    /// Whether `minimum` and `maximum` are Bayan's bounds for money rather
    /// than the schema's own, so a breach can say how to lift them.
    pub default_minimum: bool,
    pub default_maximum: bool,
}

/// The bound on amounts of money when a schema declares none: 10^15, far
/// above any public budget, and far below where exact sums overflow.
pub const MONEY_LIMIT: i64 = 1_000_000_000_000_000;

/// Whether a unit is a currency code (ISO 4217 form: `MAD`, `EUR`), which
/// marks a field as money.
pub fn is_currency(unit: &str) -> bool {
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase())
}

/// A whole-value regular expression, kept with its source for exports.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub source: String,
    regex: regex::Regex,
}

impl Pattern {
    /// Compiles `source` so that it must match the whole value.
    pub fn new(source: &str) -> Result<Self, regex::Error> {
        let regex = regex::Regex::new(&format!("^(?:{source})$"))?;
        Ok(Self {
            source: source.to_string(),
            regex,
        })
    }

    pub fn is_match(&self, text: &str) -> bool {
        self.regex.is_match(text)
    }
}

/// Local fields that must name a row of another table (or of this one,
/// when `resource` is empty).
#[derive(Debug, Clone)]
pub struct ForeignKey {
    pub fields: Vec<String>,
    pub resource: String,
    pub reference_fields: Vec<String>,
}

/// Text in several languages. A plain string in TOML is stored under the
/// key `""`, meaning any language.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Translated(pub BTreeMap<String, String>);

impl Translated {
    /// The same text for every language.
    pub fn any(text: impl Into<String>) -> Self {
        Self(BTreeMap::from([(String::new(), text.into())]))
    }

    /// The text in `lang`, else the language-neutral text, else the first.
    pub fn get(&self, lang: &str) -> Option<&str> {
        self.0
            .get(lang)
            .or_else(|| self.0.get(""))
            .or_else(|| self.0.values().next())
            .map(String::as_str)
    }

    /// The text in exactly `lang`, with no fallback (for "not translated" notices).
    pub fn exact(&self, lang: &str) -> Option<&str> {
        self.0
            .get(lang)
            .or_else(|| self.0.get(""))
            .map(String::as_str)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}
