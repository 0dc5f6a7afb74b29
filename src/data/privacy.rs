//! Personal data stays out of the site (Morocco's law 09-08 on personal
//! data is the reason a site declares it).
//!
//! 1. After every check, [`redact`] removes the columns declared
//!    `private = true` and the rows a table's `withhold` field marks, so
//!    no later stage (pages, downloads, indexes, feeds) ever holds them.
//! 2. [`undeclared_personal`] warns about a column declared neither way
//!    whose values look like phone numbers, e-mail addresses or national
//!    identity card (CIN) numbers.

use std::sync::LazyLock;

use regex::Regex;

use super::load_table::Loaded;
use super::schema::{FieldType, Privacy};
use super::{Table, Value};
use crate::diagnostics::{Diagnostic, Severity};

/// The table without its private columns and withheld rows.
pub fn redact(mut table: Table) -> Table {
    let withhold = table.schema.withhold.take();
    if let Some(column) = withhold.as_ref().and_then(|f| table.column_of(f, None)) {
        table
            .rows
            .retain(|row| row.values.get(column) != Some(&Value::Boolean(true)));
    }
    let hidden = |name: &str, privacy: Privacy| {
        privacy == Privacy::Private || withhold.as_deref() == Some(name)
    };
    let keep: Vec<bool> = table
        .schema
        .fields
        .iter()
        .map(|f| !hidden(&f.name, f.privacy))
        .collect();
    if keep.iter().all(|k| *k) {
        return table;
    }
    let removed: Vec<String> = (table.schema.fields.iter().zip(&keep))
        .filter(|(_, keep)| !**keep)
        .map(|(f, _)| f.name.clone())
        .collect();
    drop_columns(&mut table, &keep);
    let schema = &mut table.schema;
    schema.fields.retain(|f| !removed.contains(&f.name));
    schema.primary_key.retain(|k| !removed.contains(k));
    schema
        .foreign_keys
        .retain(|fk| fk.fields.iter().all(|f| !removed.contains(f)));
    schema.rules.retain(|rule| {
        ![&rule.left.field, &rule.right.field]
            .iter()
            .any(|f| removed.contains(f))
    });
    table
}

/// Removes the cells of the fields `keep` rejects, and renumbers the
/// columns' fields to match the shorter field list.
fn drop_columns(table: &mut Table, keep: &[bool]) {
    let kept: Vec<bool> = table
        .columns
        .iter()
        .map(|c| keep.get(c.field).copied().unwrap_or(true))
        .collect();
    for row in &mut table.rows {
        let mut index = 0;
        row.values.retain(|_| {
            index += 1;
            kept[index - 1]
        });
    }
    let mut index = 0;
    table.columns.retain(|_| {
        index += 1;
        kept[index - 1]
    });
    for column in &mut table.columns {
        column.field -= keep[..column.field].iter().filter(|k| !**k).count();
    }
}

/// What a value may be, when it looks like a person's data.
const KINDS: [(&str, &LazyLock<Regex>); 3] = [
    ("e-mail addresses", &EMAIL),
    ("phone numbers", &PHONE),
    ("national identity card (CIN) numbers", &CIN),
];

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$").expect("a valid pattern"));
/// Moroccan numbers, as dialled at home or from abroad, spaces, dots and
/// dashes aside.
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?:(?:\+|00)212|0)[5-8]\d{8}$").expect("a valid pattern"));
/// One or two letters, then digits.
static CIN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z]{1,2}\d{5,6}$").expect("a valid pattern"));

/// What kind of personal data `text` looks like, if any.
fn looks_personal(text: &str) -> Option<&'static str> {
    let text = text.trim();
    let digits: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    KINDS.iter().find_map(|(kind, pattern)| {
        let candidate = if *kind == "phone numbers" {
            &digits
        } else {
            text
        };
        pattern.is_match(candidate).then_some(*kind)
    })
}

/// The first row and the kind when at least half the column's non-empty
/// values look like the same kind of personal data: one code that happens
/// to look like a CIN does not make a column of them.
fn personal_column<'a>(
    values: impl Iterator<Item = Option<&'a Value>>,
) -> Option<(usize, &'static str)> {
    let mut filled = 0;
    let mut found: Vec<(usize, &'static str)> = Vec::new();
    for (row, text) in values.enumerate() {
        let Some(text) = text.and_then(Value::as_str).filter(|t| !t.is_empty()) else {
            continue;
        };
        filled += 1;
        if let Some(kind) = looks_personal(text) {
            found.push((row, kind));
        }
    }
    let (_, kind) = *found.first()?;
    let same = found.iter().filter(|(_, k)| *k == kind).count();
    (same * 2 >= filled).then(|| found[0])
}

/// A warning at the first cell of each undeclared column whose values look
/// like phone numbers, an e-mail address or a CIN. The value is not
/// repeated in a note (the caret under the source line shows where).
pub fn undeclared_personal(loaded: &Loaded) -> Vec<Diagnostic> {
    let table = &loaded.table;
    let schema_path = loaded.schema_path.display().to_string();
    table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            table.schema.fields.get(c.field).is_some_and(|f| {
                f.privacy == Privacy::Undeclared && f.kind == FieldType::String
            })
        })
        .filter_map(|(index, column)| {
            let (row, kind) = personal_column(table.rows.iter().map(|r| r.values.get(index)))?;
            let message = format!(
                "the column `{}` seems to hold {kind}, and is declared neither private nor public",
                column.name
            );
            let mut d = loaded.cell_error(row, index, message);
            d.severity = Severity::Warning;
            d.notes.retain(|note| !note.starts_with("value:"));
            Some(d.with_hint(format!(
                "personal data must not be published: add private = true to the field in {schema_path} to keep it out of every page and download, or private = false if it is meant to be public"
            )))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{Value, looks_personal, personal_column};

    #[test]
    fn a_column_is_personal_when_half_its_values_look_so() {
        let column = |texts: &[&str]| {
            let values: Vec<Value> = texts.iter().map(|t| Value::String(t.to_string())).collect();
            personal_column(values.iter().map(Some))
        };
        assert_eq!(column(&["Nour", "C20245", "Fadila", "Atlas"]), None);
        assert_eq!(
            column(&["", "a@example.ma", "Nour", "b@example.ma"]),
            Some((1, "e-mail addresses"))
        );
    }

    #[test]
    fn recognises_phone_numbers_emails_and_cin() {
        assert_eq!(looks_personal("06 12 34 56 78"), Some("phone numbers"));
        assert_eq!(looks_personal("+212 6-12-34-56-78"), Some("phone numbers"));
        assert_eq!(looks_personal("0539.12.34.56"), Some("phone numbers"));
        assert_eq!(looks_personal("nadia@example.ma"), Some("e-mail addresses"));
        assert_eq!(
            looks_personal("K123456"),
            Some("national identity card (CIN) numbers")
        );
        assert_eq!(
            looks_personal("AB12345"),
            Some("national identity card (CIN) numbers")
        );
    }

    #[test]
    fn leaves_ids_amounts_and_text_alone() {
        for text in [
            "TTA-2023-001",
            "199500",
            "tanger-assilah",
            "Coopérative Nour",
            "2024-01-02",
            "écrire à contact@ dans le texte",
            "CC-BY-4.0",
        ] {
            assert_eq!(looks_personal(text), None, "{text}");
        }
    }
}
