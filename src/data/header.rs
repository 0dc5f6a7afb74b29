//! The CSV header against the schema: which physical column is which field,
//! and what is missing, unknown or repeated.

use super::Column;
use super::cells::{Record, cell_span, locate};
use super::schema::Schema;
use crate::diagnostics::{Diagnostic, did_you_mean, suggest};

/// The columns of a CSV file that the schema knows.
#[derive(Debug, Default)]
pub struct Header {
    pub columns: Vec<Column>,
    /// For each column, its position in the CSV record.
    pub positions: Vec<usize>,
    /// For each CSV position, the column it fills (none if unknown or repeated).
    pub slots: Vec<Option<usize>>,
}

/// The physical columns a schema expects: one per language for translated fields.
pub fn expected_columns(schema: &Schema, languages: &[String]) -> Vec<Column> {
    let mut columns = Vec::new();
    for (index, field) in schema.fields.iter().enumerate() {
        if field.translated {
            columns.extend(languages.iter().map(|lang| Column {
                name: format!("{}_{lang}", field.name),
                field: index,
                language: Some(lang.clone()),
            }));
        } else {
            columns.push(Column {
                name: field.name.clone(),
                field: index,
                language: None,
            });
        }
    }
    columns
}

/// Matches header `names` to the schema, reporting every problem.
pub fn check(
    schema: &Schema,
    languages: &[String],
    names: &[&str],
    record: Record,
    diagnostics: &mut Vec<Diagnostic>,
) -> Header {
    let expected = expected_columns(schema, languages);
    let mut header = Header::default();
    for (position, name) in names.iter().enumerate() {
        let slot = header.columns.iter().position(|c| c.name == *name);
        if let Some(first) = slot {
            let message = format!("the column `{name}` appears twice in the header");
            let first = header.positions.get(first).map_or(0, |p| p + 1);
            let note = format!("its first occurrence is column number {first}");
            diagnostics.push(at_cell(record, position, message).with_note(note));
            header.slots.push(None);
        } else if let Some(column) = expected.iter().find(|c| c.name == *name) {
            header.slots.push(Some(header.columns.len()));
            header.columns.push(column.clone());
            header.positions.push(position);
        } else {
            let diagnostic = unknown(schema, languages, &expected, name, position, record);
            diagnostics.push(diagnostic);
            header.slots.push(None);
        }
    }
    // A misspelt column is reported once, as unknown with a suggestion.
    let unknown_names = names
        .iter()
        .filter(|n| !expected.iter().any(|c| c.name == **n));
    let suggested: Vec<&str> = unknown_names
        .filter_map(|n| suggest(n, expected.iter().map(|c| c.name.as_str())))
        .collect();
    missing(schema, &expected, &header, &suggested, record, diagnostics);
    header
}

fn at_cell(record: Record, position: usize, message: String) -> Diagnostic {
    let span = cell_span(record.text, record.start, position);
    Diagnostic::error(message).at(
        record.path,
        locate(record.text, record.start, record.line, span),
    )
}

fn unknown(
    schema: &Schema,
    languages: &[String],
    expected: &[Column],
    name: &str,
    position: usize,
    record: Record,
) -> Diagnostic {
    if name.trim().is_empty() {
        return at_cell(
            record,
            position,
            "a column of the header has no name".into(),
        )
        .with_hint("give it the name of a field of the schema, or delete the column");
    }
    let message = format!("unknown column `{name}`: the schema does not declare it");
    let diagnostic = at_cell(record, position, message);
    let translated = |base: &str| schema.field(base).filter(|f| f.translated);
    let hint = if let Some(field) = translated(name) {
        let names: Vec<String> = languages
            .iter()
            .map(|l| format!("{}_{l}", field.name))
            .collect();
        Some(format!(
            "`{name}` is translated: write one column per language: {}",
            names.join(", ")
        ))
    } else if let Some((base, lang)) = name
        .rsplit_once('_')
        .filter(|(b, _)| translated(b).is_some())
    {
        Some(format!(
            "`{lang}` is not a language of the site ({}); `{base}` has one column per site language",
            languages.join(", ")
        ))
    } else {
        did_you_mean(name, expected.iter().map(|c| c.name.as_str()))
    };
    let known = expected
        .iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let diagnostic = diagnostic.with_note(format!("known columns: {known}"));
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic.with_hint("add the field to the schema, or delete the column"),
    }
}

/// Missing columns: an error when a required field has no column at all,
/// otherwise a warning (a missing language shows the other one).
fn missing(
    schema: &Schema,
    expected: &[Column],
    header: &Header,
    suggested: &[&str],
    record: Record,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let end = cell_span(record.text, record.start, usize::MAX).end;
    let absent = expected
        .iter()
        .filter(|c| !header.columns.contains(c) && !suggested.contains(&c.name.as_str()));
    for column in absent {
        let Some(field) = schema.fields.get(column.field) else {
            continue;
        };
        let has_some = header.columns.iter().any(|c| c.field == column.field);
        let location = locate(record.text, record.start, record.line, end..end);
        let diagnostic = if field.constraints.required && !has_some {
            Diagnostic::error(format!("the required column `{}` is missing", column.name))
                .with_hint(format!(
                    "add a column named `{}` to the header",
                    column.name
                ))
        } else {
            Diagnostic::warning(format!(
                "the column `{}` is missing: its cells count as empty",
                column.name
            ))
        };
        diagnostics.push(diagnostic.at(record.path, location));
    }
}
