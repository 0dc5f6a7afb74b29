//! Across the tables: likely foreign keys, which table holds the records,
//! and the facets and key figures to propose in `site.toml`.

use std::collections::BTreeSet;

use super::infer::{Field, Table};
use crate::data::FieldType;

/// A likely foreign key: every value of `field` is a key of `table`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    pub field: String,
    pub table: String,
    pub key: String,
    pub evidence: String,
}

/// What `site.toml` proposes, all of it inferred.
#[derive(Debug, Default)]
pub struct Proposal {
    /// Index of the records table.
    pub records: usize,
    pub title: Option<String>,
    pub summary: Option<String>,
    pub facets: Vec<String>,
    /// Fields summed as key figures (a count of records is always first).
    pub sums: Vec<String>,
}

/// At most this many facets and sums are proposed.
const MAX_FACETS: usize = 5;
const MAX_SUMS: usize = 4;

/// The foreign keys of `tables[index]`: a field (not its own primary key)
/// whose every value is a key of another table of the same type.
pub fn foreign_keys(tables: &[Table], index: usize) -> Vec<ForeignKey> {
    let Some(table) = tables.get(index) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for field in table.fields.iter().filter(|f| !f.translated) {
        if table.primary_key.as_deref() == Some(field.name.as_str()) {
            continue;
        }
        let values: BTreeSet<String> = table.values(field).into_iter().collect();
        if values.is_empty() {
            continue;
        }
        let targets = tables.iter().enumerate().filter(|(i, _)| *i != index);
        let matching: Vec<ForeignKey> = targets
            .filter_map(|(_, other)| reference(field, &values, other))
            .collect();
        // Of several, the table named like the field (`sector` → `sectors`).
        let best = matching
            .iter()
            .find(|k| k.table.trim_end_matches('s') == field.name.trim_end_matches('s'))
            .or(matching.first());
        found.extend(best.cloned());
    }
    found
}

fn reference(field: &Field, values: &BTreeSet<String>, other: &Table) -> Option<ForeignKey> {
    let key = other.field(other.primary_key.as_deref()?)?;
    if key.kind != field.kind {
        return None;
    }
    let keys: BTreeSet<String> = other.values(key).into_iter().collect();
    if !values.is_subset(&keys) {
        return None;
    }
    Some(ForeignKey {
        field: field.name.clone(),
        table: other.sheet.name.clone(),
        key: key.name.clone(),
        evidence: format!(
            "likely: each of the {} different values of {} is a key of {}.{} ({} keys)",
            values.len(),
            field.name,
            other.sheet.name,
            key.name,
            keys.len()
        ),
    })
}

/// A field that refers to another table lists its values there, not in
/// an enum of its own.
pub fn drop_enums_of_keys(table: &mut Table, keys: &[ForeignKey]) {
    for field in table.fields.iter_mut() {
        if keys.iter().any(|k| k.field == field.name) && field.enum_values.take().is_some() {
            field.evidence.retain(|e| !e.starts_with("enum:"));
        }
    }
}

/// Names of a record's title and summary, best first.
const TITLE_NAMES: [&str; 7] = [
    "name", "title", "nom", "titre", "intitule", "libelle", "label",
];
const SUMMARY_NAMES: [&str; 4] = ["summary", "description", "resume", "objet"];

/// The records table (the one with most foreign keys, then most rows),
/// its title and summary, facets and sums.
pub fn propose(tables: &[Table], keys: &[Vec<ForeignKey>]) -> Proposal {
    let records = (0..tables.len())
        .max_by_key(|i| {
            let rows = tables.get(*i).map_or(0, |t| t.sheet.rows.len());
            (keys.get(*i).map_or(0, Vec::len), rows, usize::MAX - i)
        })
        .unwrap_or(0);
    let Some(table) = tables.get(records) else {
        return Proposal::default();
    };
    let own_keys = keys.get(records).map(Vec::as_slice).unwrap_or_default();
    let texts: Vec<&Field> = table.fields.iter().filter(|f| f.translated).collect();
    let title = named(&texts, &TITLE_NAMES).or(texts.first().copied());
    let summary = named(&texts, &SUMMARY_NAMES)
        .filter(|s| Some(s.name.as_str()) != title.map(|t| t.name.as_str()));
    let is_key = |f: &Field| {
        table.primary_key.as_deref() == Some(f.name.as_str())
            || own_keys.iter().any(|k| k.field == f.name)
    };
    let facets = table
        .fields
        .iter()
        .filter(|f| {
            !f.translated && f.addressable && table.primary_key.as_deref() != Some(f.name.as_str())
        })
        .filter(|f| {
            own_keys.iter().any(|k| k.field == f.name)
                || f.enum_values.is_some()
                || f.kind == FieldType::Year
        })
        .take(MAX_FACETS)
        .map(|f| f.name.clone())
        .collect();
    let sums = table
        .fields
        .iter()
        .filter(|f| f.kind.is_numeric() && f.non_negative && !is_key(f))
        .take(MAX_SUMS)
        .map(|f| f.name.clone())
        .collect();
    Proposal {
        records,
        title: title.map(|f| f.name.clone()),
        summary: summary.map(|f| f.name.clone()),
        facets,
        sums,
    }
}

fn named<'a>(fields: &[&'a Field], names: &[&str]) -> Option<&'a Field> {
    names
        .iter()
        .find_map(|n| fields.iter().find(|f| f.name.to_lowercase() == *n))
        .copied()
}

/// A record's title must be translated: when the records table has no
/// translated text, its best text column becomes `NAME_LANG` in the copy.
pub fn translate_title(
    table: &mut Table,
    default_language: &str,
    keys: &[ForeignKey],
) -> Option<String> {
    if table.fields.iter().any(|f| f.translated) {
        return None;
    }
    let primary = table.primary_key.clone();
    let candidates = || {
        table
            .fields
            .iter()
            .filter(|f| f.kind == FieldType::String && f.enum_values.is_none())
            .filter(|f| Some(&f.name) != primary.as_ref())
            .filter(|f| !keys.iter().any(|k| k.field == f.name))
    };
    let by_name = TITLE_NAMES
        .iter()
        .find_map(|n| candidates().find(|f| f.name.to_lowercase() == *n))
        .map(|f| f.name.clone());
    let name = by_name.or_else(|| candidates().next().map(|f| f.name.clone()))?;
    let field = table.fields.iter_mut().find(|f| f.name == name)?;
    let renamed = format!("{name}_{default_language}");
    field.translated = true;
    field.unique = false;
    field.renamed_from = Some(name.clone());
    if let Some(column) = field.columns.first_mut() {
        column.1 = Some(default_language.to_string());
    }
    field.evidence.push(format!(
        "translated: a record's title is text in each language, so the copy names this column {renamed}; add the other languages' columns beside it"
    ));
    if let Some(position) = field.columns.first().map(|c| c.0)
        && let Some(header) = table.sheet.header.get_mut(position)
    {
        *header = renamed;
    }
    Some(name)
}
