//! An inferred table as `data/NAME.schema.toml`, each inference with a
//! comment that says what it rests on, and its CSV copy as Bayan reads it.

use std::fmt::Write as _;

use super::infer::{Field, Table};
use super::plan::ForeignKey;
use crate::data::FieldType;

/// A TOML string, quoted and escaped.
pub fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// `start_date` → `Start date`.
pub fn title_of(name: &str) -> String {
    let spaced = name.replace(['_', '-'], " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The schema's text.
pub fn schema(table: &Table, source: &str, keys: &[ForeignKey]) -> String {
    let mut out = String::new();
    let rows = table.sheet.rows.len();
    let separator = match table.sheet.delimiter {
        b';' => "semicolons",
        b'\t' => "tabs",
        _ => "commas",
    };
    let _ = writeln!(
        out,
        "# Inferred by `bayan init` from {source} ({rows} rows, cells separated by {separator}).\n# Each comment says what was inferred and from what: check them, then\n# write the titles in each language, e.g. title = {{ fr = \"…\", ar = \"…\" }}.\n# Every kind of constraint and rule: docs/rules.md in Bayan's repository."
    );
    let _ = writeln!(out, "title = {}", quoted(&title_of(&table.sheet.name)));
    if let Some(key) = &table.primary_key {
        let _ = writeln!(
            out,
            "\n# The primary key: required, unique, and each value can be part of\n# a page address (the only likely one, or the one named like an id).\nprimaryKey = [{}]",
            quoted(key)
        );
    } else {
        out.push_str(
            "\n# No column is required, unique and usable in a page address: no primary key.\n",
        );
    }
    for field in &table.fields {
        field_text(&mut out, field);
    }
    for key in keys {
        let _ = writeln!(
            out,
            "\n[[foreignKeys]]\n# {}\nfields = [{}]\nreference = {{ resource = {}, fields = [{}] }}",
            key.evidence,
            quoted(&key.field),
            quoted(&key.table),
            quoted(&key.key)
        );
    }
    out
}

fn field_text(out: &mut String, field: &Field) {
    out.push_str("\n[[fields]]\n");
    for line in &field.evidence {
        let _ = writeln!(out, "# {line}");
    }
    let _ = writeln!(out, "name = {}", quoted(&field.name));
    let _ = writeln!(out, "type = {}", quoted(field.kind.name()));
    let _ = writeln!(out, "title = {}", quoted(&title_of(&field.name)));
    if field.translated {
        out.push_str("translated = true\n");
    }
    let mut constraints = Vec::new();
    if field.required {
        constraints.push("required = true".to_string());
    }
    if field.unique {
        constraints.push("unique = true".to_string());
    }
    if let Some(values) = &field.enum_values {
        let listed: Vec<String> = values.iter().map(|v| quoted(v)).collect();
        constraints.push(format!("enum = [{}]", listed.join(", ")));
    }
    if field.kind.is_numeric() && field.non_negative {
        out.push_str("# every value is zero or more: minimum = 0 (for money, add unit = \"MAD\" or another currency code)\n");
        constraints.push("minimum = 0".to_string());
    }
    if !constraints.is_empty() {
        let _ = writeln!(out, "constraints = {{ {} }}", constraints.join(", "));
    }
}

/// The CSV copy: commas, UTF-8 without BOM, LF, values rewritten where a
/// spreadsheet's form is not Bayan's (decimal comma, day-first dates).
pub fn csv_copy(table: &Table) -> Result<Vec<u8>, csv::Error> {
    let mut columns: Vec<(usize, &Field)> = table
        .fields
        .iter()
        .flat_map(|f| f.columns.iter().map(move |(p, _)| (*p, f)))
        .collect();
    columns.sort_by_key(|(p, _)| *p);
    let mut writer = csv::WriterBuilder::new().from_writer(Vec::new());
    let header: Vec<&str> = columns
        .iter()
        .map(|(p, _)| table.sheet.header.get(*p).map_or("", String::as_str))
        .collect();
    writer.write_record(&header)?;
    for row in &table.sheet.rows {
        let cells = columns.iter().map(|(p, field)| {
            let cell = row.get(*p).map_or("", String::as_str);
            if cell.is_empty() || field.kind == FieldType::String {
                cell.to_string()
            } else {
                field.normalization.apply(cell)
            }
        });
        writer.write_record(cells)?;
    }
    writer
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))
}
