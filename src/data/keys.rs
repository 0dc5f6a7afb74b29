//! Checks across rows and tables: unique values, the primary key, foreign keys.

use std::collections::{HashMap, HashSet};

use super::load_table::Loaded;
use super::schema::ForeignKey;
use super::value::Value;
use super::{Row, Table};
use crate::diagnostics::{Diagnostic, did_you_mean};

/// Above this many keys, finding close ones for every broken reference
/// would cost more than it helps.
const SUGGEST_LIMIT: usize = 5_000;

/// Up to this many valid keys are all listed under a broken reference;
/// above it, only the nearest few.
const LIST_LIMIT: usize = 12;

/// How many of the nearest keys a broken reference names when there are
/// too many to list.
const NEAREST: usize = 3;

/// Repeated values in `unique` columns, and repeated primary keys.
pub fn unique(loaded: &Loaded) -> Vec<Diagnostic> {
    let table = &loaded.table;
    let mut diagnostics = Vec::new();
    let key = key_columns(table, &table.schema.primary_key);
    for (index, column) in table.columns.iter().enumerate() {
        let Some(field) = table.schema.fields.get(column.field) else {
            continue;
        };
        // A one-field primary key already reports its repeats.
        if field.constraints.unique && key.as_deref() != Some(&[index]) {
            repeats(loaded, &[index], &mut diagnostics, |value| {
                format!(
                    "the value `{value}` appears twice in column `{}`, which must be unique",
                    column.name
                )
            });
        }
    }
    if let Some(key) = key {
        repeats(loaded, &key, &mut diagnostics, |value| {
            format!("the key `{value}` is used by two rows")
        });
    }
    diagnostics
}

/// The columns of `fields`, if all are present.
fn key_columns(table: &Table, fields: &[String]) -> Option<Vec<usize>> {
    if fields.is_empty() {
        return None;
    }
    fields.iter().map(|f| table.column_of(f, None)).collect()
}

fn key_of<'a>(row: &'a Row, columns: &[usize]) -> Option<Vec<&'a Value>> {
    columns
        .iter()
        .map(|c| row.values.get(*c).filter(|v| !v.is_null()))
        .collect()
}

fn display(key: &[&Value]) -> String {
    key.iter()
        .map(|v| v.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

fn repeats(
    loaded: &Loaded,
    columns: &[usize],
    diagnostics: &mut Vec<Diagnostic>,
    message: impl Fn(&str) -> String,
) {
    let rows = &loaded.table.rows;
    let mut seen: HashMap<Vec<&Value>, usize> = HashMap::with_capacity(rows.len());
    for (index, row) in rows.iter().enumerate() {
        let Some(key) = key_of(row, columns) else {
            continue;
        };
        let text = display(&key);
        if let Some(first) = seen.get(&key).and_then(|i| rows.get(*i)) {
            let column = columns.first().copied().unwrap_or(0);
            let diagnostic = loaded
                .cell_error(index, column, message(&text))
                .with_note(format!("first used on line {}", first.line))
                .with_hint("each row needs its own value: change one of the two");
            diagnostics.push(diagnostic);
        } else {
            seen.insert(key, index);
        }
    }
}

/// References to rows of another table (or the same one) that do not exist.
pub fn foreign(loaded: &Loaded, all: &[Loaded], failed: &[String]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let keys = loaded.table.schema.foreign_keys.iter();
    for (key, location) in keys.zip(&loaded.reference_locations) {
        let at_schema =
            |message: String| Diagnostic::error(message).at(&loaded.schema_path, location.clone());
        let name = if key.resource.is_empty() {
            &loaded.table.name
        } else {
            &key.resource
        };
        if failed.contains(name) {
            // It could not be loaded, or has errors of its own.
            continue;
        }
        let Some(target) = all.iter().find(|t| &t.table.name == name) else {
            let names: Vec<&str> = all.iter().map(|t| t.table.name.as_str()).collect();
            let mut d = at_schema(format!(
                "a foreign key refers to the table `{name}`, which does not exist"
            ));
            d.hint = did_you_mean(name, names.iter().copied()).or_else(|| {
                Some(format!(
                    "the tables are: {}; each is a file data/NAME.csv",
                    names.join(", ")
                ))
            });
            diagnostics.push(d);
            continue;
        };
        if target.table.rows.is_empty() && !loaded.table.rows.is_empty() {
            let mut d = at_schema(format!(
                "a foreign key refers to the table `{}`, which has no rows",
                target.table.name
            ));
            d.hint = Some(format!(
                "add rows to {}: every value of {} must be found there",
                target.table.path.display(),
                key.fields.join(", ")
            ));
            diagnostics.push(d);
            continue;
        }
        match resolve(loaded, key, &target.table) {
            Ok((local, remote)) => broken(loaded, key, &local, target, &remote, &mut diagnostics),
            Err(message) => diagnostics.push(at_schema(message)),
        }
    }
    diagnostics
}

/// The local and referenced columns of a foreign key, checked for types.
fn resolve(
    loaded: &Loaded,
    key: &ForeignKey,
    target: &Table,
) -> Result<(Vec<usize>, Vec<usize>), String> {
    let local_table = &loaded.table;
    for (local, remote) in key.fields.iter().zip(&key.reference_fields) {
        let Some(remote_field) = target.field(remote).filter(|f| !f.translated) else {
            let names = target.schema.fields.iter().map(|f| f.name.as_str());
            let hint = did_you_mean(remote, names)
                .map(|h| format!(" ({h})"))
                .unwrap_or_default();
            return Err(format!(
                "the table `{}` has no field `{remote}` to refer to{hint}",
                target.name
            ));
        };
        let local_kind = local_table.field(local).map(|f| f.kind);
        if local_kind != Some(remote_field.kind) {
            let local_kind = local_kind.map_or("?", |k| k.name());
            return Err(format!(
                "the foreign key `{local}` is a {local_kind} but `{}.{remote}` is a {}",
                target.name, remote_field.kind
            ));
        }
    }
    // Missing columns are reported with the header; skip the check then.
    let local = key_columns(local_table, &key.fields).unwrap_or_default();
    let remote = key_columns(target, &key.reference_fields).unwrap_or_default();
    Ok((local, remote))
}

fn broken(
    loaded: &Loaded,
    key: &ForeignKey,
    local: &[usize],
    target: &Loaded,
    remote: &[usize],
    diagnostics: &mut Vec<Diagnostic>,
) {
    if local.is_empty() || remote.is_empty() {
        return;
    }
    let known: HashSet<Vec<&Value>> = target
        .table
        .rows
        .iter()
        .filter_map(|r| key_of(r, remote))
        .collect();
    let mut texts: Option<Vec<String>> = None;
    let reference = format!("{}.{}", target.table.name, key.reference_fields.join(", "));
    for (index, row) in loaded.table.rows.iter().enumerate() {
        let Some(value) = key_of(row, local).filter(|k| !known.contains(k)) else {
            continue;
        };
        let value = display(&value);
        let message = format!("`{value}` is not found in `{reference}`");
        let mut diagnostic = loaded
            .cell_error(index, local.first().copied().unwrap_or(0), message)
            .with_note(format!("looked up in: {}", target.table.path.display()));
        if known.len() <= SUGGEST_LIMIT {
            let texts = texts.get_or_insert_with(|| sorted_texts(&known));
            diagnostic = with_valid_values(diagnostic, &value, texts, &target.table.path);
        }
        diagnostics.push(diagnostic);
    }
}

/// Names the valid keys: all of them when they are few, else the nearest
/// ones; "did you mean" when one is close enough to be a typo.
fn with_valid_values(
    mut diagnostic: Diagnostic,
    value: &str,
    texts: &[String],
    table: &std::path::Path,
) -> Diagnostic {
    let add = format!("or add a row for this one to {}", table.display());
    let close = did_you_mean(value, texts.iter().map(String::as_str));
    if texts.len() <= LIST_LIMIT {
        diagnostic = diagnostic.with_note(format!("valid values: {}", quoted(texts.iter())));
        diagnostic.hint = close.or_else(|| Some(format!("use one of the valid values, {add}")));
    } else {
        let nearest = nearest(value, texts);
        diagnostic = diagnostic.with_note(format!(
            "nearest of the {} valid values: {}",
            texts.len(),
            quoted(nearest.iter().copied())
        ));
        diagnostic.hint = close.or_else(|| {
            Some(format!(
                "use one of its values (the nearest are above), {add}"
            ))
        });
    }
    diagnostic
}

/// The [`NEAREST`] keys closest to `value` (Jaro-Winkler, ties in key order).
fn nearest<'a>(value: &str, texts: &'a [String]) -> Vec<&'a String> {
    let mut scored: Vec<(f64, &String)> = texts
        .iter()
        .map(|t| (strsim::jaro_winkler(value, t), t))
        .collect();
    // A stable sort keeps the sorted key order among equal scores.
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored.into_iter().take(NEAREST).map(|(_, t)| t).collect()
}

fn quoted<T: AsRef<str>>(texts: impl Iterator<Item = T>) -> String {
    texts
        .map(|t| format!("`{}`", t.as_ref()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Key texts in a stable order, so the suggestion is the same on every run.
fn sorted_texts(known: &HashSet<Vec<&Value>>) -> Vec<String> {
    let mut texts: Vec<String> = known.iter().map(|k| display(k)).collect();
    texts.sort_unstable();
    texts
}
