//! A table's schema inferred from its cells: each column's type, whether
//! it is required, unique, one of a few values; translated columns from
//! their language suffix; a candidate primary key. Every inference keeps
//! the evidence for it, written beside it in the schema.

use std::collections::BTreeSet;

use super::normal::{Normalization, kind_of};
use super::read::Sheet;
use crate::data::FieldType;
use crate::model::urls::slug_of_id;

/// At most this many distinct values make a text column an enum...
pub const ENUM_LIMIT: usize = 10;

/// ... and only when each value is used at least this many times on average.
const ENUM_REPEAT: usize = 2;

/// One inferred field: a column, or the columns of a translated field.
#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub kind: FieldType,
    pub normalization: Normalization,
    /// The header positions of its columns, with their language if translated.
    pub columns: Vec<(usize, Option<String>)>,
    pub translated: bool,
    pub required: bool,
    pub unique: bool,
    pub enum_values: Option<Vec<String>>,
    /// Every value is at least zero (for key figures).
    pub non_negative: bool,
    /// Every value can be part of a page address.
    pub addressable: bool,
    /// Why each of the above, in plain words, for the schema's comments.
    pub evidence: Vec<String>,
    /// The column's name in the file, when the copy renames it.
    pub renamed_from: Option<String>,
}

/// An inferred table: its sheet, fields and primary key.
#[derive(Debug)]
pub struct Table {
    pub sheet: Sheet,
    pub fields: Vec<Field>,
    pub primary_key: Option<String>,
}

impl Table {
    pub fn field(&self, name: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.name == name)
    }

    /// The non-empty values of a one-column field, normalised.
    pub fn values(&self, field: &Field) -> Vec<String> {
        let Some((position, _)) = field.columns.first() else {
            return Vec::new();
        };
        self.sheet
            .rows
            .iter()
            .filter_map(|row| row.get(*position))
            .filter(|v| !v.is_empty())
            .map(|v| field.normalization.apply(v))
            .collect()
    }
}

/// Infers the fields and primary key of `sheet` for a site in `languages`.
pub fn table(sheet: Sheet, languages: &[String]) -> Table {
    let mut fields: Vec<Field> = Vec::new();
    for (position, name) in sheet.header.iter().enumerate() {
        let translation = name
            .rsplit_once('_')
            .filter(|(base, lang)| !base.is_empty() && languages.iter().any(|l| l == lang));
        if let Some((base, lang)) = translation {
            if let Some(field) = fields.iter_mut().find(|f| f.translated && f.name == base) {
                field.columns.push((position, Some(lang.to_string())));
                continue;
            }
            fields.push(translated(base, position, lang));
        } else {
            fields.push(plain(&sheet, position, name));
        }
    }
    for field in fields.iter_mut().filter(|f| f.translated) {
        describe_translated(&sheet, field);
    }
    let primary_key = primary_key(&fields).map(|f| f.name.clone());
    Table {
        sheet,
        fields,
        primary_key,
    }
}

fn translated(base: &str, position: usize, lang: &str) -> Field {
    Field {
        name: base.to_string(),
        kind: FieldType::String,
        normalization: Normalization::None,
        columns: vec![(position, Some(lang.to_string()))],
        translated: true,
        required: false,
        unique: false,
        enum_values: None,
        non_negative: false,
        addressable: false,
        evidence: Vec::new(),
        renamed_from: None,
    }
}

/// Required when every row has the text in at least one language.
fn describe_translated(sheet: &Sheet, field: &mut Field) {
    let rows = sheet.rows.len();
    let filled = sheet
        .rows
        .iter()
        .filter(|row| {
            field
                .columns
                .iter()
                .any(|(p, _)| row.get(*p).is_some_and(|v| !v.is_empty()))
        })
        .count();
    let names: Vec<String> = field
        .columns
        .iter()
        .filter_map(|(p, _)| sheet.header.get(*p).cloned())
        .collect();
    field.evidence.push(format!(
        "translated: the columns {} are one per language",
        names.join(", ")
    ));
    field.required = rows > 0 && filled == rows;
    field.evidence.push(if field.required {
        format!("required: every one of the {rows} rows has it in at least one language")
    } else {
        format!(
            "not required: {} of {rows} rows have it in no language",
            rows - filled
        )
    });
}

/// A one-column field: type, then required, unique, enum.
fn plain(sheet: &Sheet, position: usize, name: &str) -> Field {
    let cells: Vec<&str> = sheet
        .rows
        .iter()
        .map(|row| row.get(position).map_or("", String::as_str))
        .collect();
    let values: Vec<&str> = cells.iter().copied().filter(|c| !c.is_empty()).collect();
    let (kind, normalization, type_evidence) = kind_of(name, &values);
    let normalised: Vec<String> = values.iter().map(|v| normalization.apply(v)).collect();
    let distinct: BTreeSet<&str> = normalised.iter().map(String::as_str).collect();
    let rows = cells.len();
    let required = rows > 0 && values.len() == rows;
    // Distinct amounts or dates in a sample are a coincidence, not a rule.
    let may_be_unique = matches!(kind, FieldType::String | FieldType::Integer);
    let unique = may_be_unique && values.len() >= 2 && distinct.len() == values.len();
    let mut evidence = vec![type_evidence];
    evidence.push(if required {
        format!("required: no cell is empty in {rows} rows")
    } else {
        format!(
            "not required: {} of {rows} cells are empty",
            rows - values.len()
        )
    });
    if unique {
        evidence.push(format!(
            "unique: {} different values in {rows} rows",
            distinct.len()
        ));
    }
    let few = distinct.len() <= ENUM_LIMIT && values.len() >= ENUM_REPEAT * distinct.len();
    let enum_values = (kind == FieldType::String && !unique && few && !distinct.is_empty())
        .then(|| distinct.iter().map(|v| v.to_string()).collect::<Vec<_>>());
    if let Some(listed) = &enum_values {
        evidence.push(format!(
            "enum: only {} different values in {} cells",
            listed.len(),
            values.len()
        ));
    }
    let slugs: Option<BTreeSet<String>> = distinct.iter().map(|v| slug_of_id(v)).collect();
    let addressable = slugs.is_some_and(|s| s.len() == distinct.len()) && !distinct.is_empty();
    let non_negative = kind.is_numeric() && normalised.iter().all(|v| !v.starts_with('-'));
    Field {
        name: name.to_string(),
        kind,
        normalization,
        columns: vec![(position, None)],
        translated: false,
        required,
        unique,
        enum_values,
        non_negative,
        addressable,
        evidence,
        renamed_from: None,
    }
}

/// Names that usually hold an identifier, best first.
const KEY_NAMES: [&str; 4] = ["id", "code", "identifiant", "ref"];

/// A required, unique field whose values each give a page address, named
/// like an identifier if one is.
fn primary_key(fields: &[Field]) -> Option<&Field> {
    let candidates = fields
        .iter()
        .filter(|f| !f.translated && f.required && f.unique && f.addressable);
    let rank = |f: &Field| {
        let name = f.name.to_lowercase();
        KEY_NAMES
            .iter()
            .position(|k| name == *k)
            .or_else(|| {
                (name.ends_with("_id") || name.ends_with("_code")).then_some(KEY_NAMES.len())
            })
            .unwrap_or(KEY_NAMES.len() + 1)
    };
    candidates.min_by_key(|f| rank(f))
}
