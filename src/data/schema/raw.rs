//! The schema TOML exactly as written: serde types, every one
//! `deny_unknown_fields` so a misspelt key is an error, not silence.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSchema {
    pub title: Option<RawText>,
    pub description: Option<RawText>,
    #[serde(rename = "primaryKey")]
    pub primary_key: Option<Spanned<OneOrMany>>,
    #[serde(default)]
    pub fields: Vec<RawField>,
    #[serde(rename = "foreignKeys", default)]
    pub foreign_keys: Vec<RawForeignKey>,
    #[serde(default)]
    pub rules: Vec<RawRule>,
    /// The date the table's data is current to, over `[datasets] as_of`.
    pub as_of: Option<Spanned<toml::Value>>,
    /// The table's licence, over `[datasets] licence`.
    pub licence: Option<crate::config::trust::RawLicence>,
    /// A boolean field: the rows where it is true are never published.
    pub withhold: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawField {
    pub name: Spanned<String>,
    #[serde(rename = "type")]
    pub kind: Option<Spanned<String>>,
    pub title: Option<RawText>,
    pub description: Option<RawText>,
    pub translated: Option<Spanned<bool>>,
    pub unit: Option<Spanned<String>>,
    pub constraints: Option<RawConstraints>,
    /// Constraints on one language's column of a translated field.
    #[serde(default)]
    pub by_language: BTreeMap<Spanned<String>, Spanned<RawConstraints>>,
    /// `true`: the column is never published; `false`: it is public
    /// (declared, so `check` does not ask about personal data in it).
    pub private: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConstraints {
    pub required: Option<bool>,
    pub unique: Option<bool>,
    pub minimum: Option<Spanned<toml::Value>>,
    pub maximum: Option<Spanned<toml::Value>>,
    #[serde(rename = "minLength")]
    pub min_length: Option<Spanned<i64>>,
    #[serde(rename = "maxLength")]
    pub max_length: Option<Spanned<i64>>,
    pub pattern: Option<Spanned<String>>,
    #[serde(rename = "enum")]
    pub enum_values: Option<Spanned<Vec<toml::Value>>>,
    /// At most this many digits after the decimal point.
    #[serde(rename = "maxDecimals")]
    pub max_decimals: Option<Spanned<i64>>,
    /// Required on the rows where another field has a given value.
    pub required_when: Option<Spanned<RawCondition>>,
}

/// `{ field = "status", equals = "completed" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCondition {
    pub field: Spanned<String>,
    pub equals: Spanned<toml::Value>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawForeignKey {
    pub fields: Spanned<OneOrMany>,
    pub reference: Spanned<RawReference>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawReference {
    #[serde(default)]
    pub resource: String,
    pub fields: OneOrMany,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub left: Spanned<RawOperand>,
    pub op: Spanned<String>,
    pub right: Spanned<RawOperand>,
    pub message: Option<String>,
    /// The rule holds only on the rows where this is true.
    pub when: Option<Spanned<RawCondition>>,
}

/// A side of a rule: a field's name, or a value derived from a field:
/// `{ field = "approved_on", part = "year" }` or
/// `{ field = "id", capture = '^P-(\d{4})-' }`.
#[derive(Debug)]
pub struct RawOperand {
    pub field: String,
    pub part: Option<Spanned<String>>,
    pub capture: Option<Spanned<String>>,
}

/// The table form of [`RawOperand`].
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOperandTable {
    field: String,
    part: Option<Spanned<String>>,
    capture: Option<Spanned<String>>,
}

impl<'de> Deserialize<'de> for RawOperand {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OperandVisitor)
    }
}

struct OperandVisitor;

impl<'de> Visitor<'de> for OperandVisitor {
    type Value = RawOperand;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name, or a table such as { field = \"date\", part = \"year\" }")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<RawOperand, E> {
        Ok(RawOperand {
            field: name.to_string(),
            part: None,
            capture: None,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawOperand, A::Error> {
        let table = RawOperandTable::deserialize(de::value::MapAccessDeserializer::new(map))?;
        Ok(RawOperand {
            field: table.field,
            part: table.part,
            capture: table.capture,
        })
    }
}

/// A plain string (any language) or a table of language to text.
#[derive(Debug)]
pub enum RawText {
    Any(String),
    PerLanguage(BTreeMap<String, String>),
}

impl<'de> Deserialize<'de> for RawText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawTextVisitor)
    }
}

struct RawTextVisitor;

impl<'de> Visitor<'de> for RawTextVisitor {
    type Value = RawText;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string, or a table such as { fr = \"…\", ar = \"…\" }")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<RawText, E> {
        Ok(RawText::Any(text.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawText, A::Error> {
        let mut texts = BTreeMap::new();
        while let Some((lang, text)) = map.next_entry::<String, String>()? {
            texts.insert(lang, text);
        }
        Ok(RawText::PerLanguage(texts))
    }
}

/// `"id"` or `["id", "year"]`, as Frictionless allows for key lists.
#[derive(Debug)]
pub struct OneOrMany(pub Vec<String>);

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OneOrManyVisitor)
    }
}

struct OneOrManyVisitor;

impl<'de> Visitor<'de> for OneOrManyVisitor {
    type Value = OneOrMany;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name or a list of field names")
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<OneOrMany, E> {
        Ok(OneOrMany(vec![name.to_string()]))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
        let mut names = Vec::new();
        while let Some(name) = seq.next_element::<String>()? {
            names.push(name);
        }
        Ok(OneOrMany(names))
    }
}
