//! Open data: every table as CSV and JSON, and a Frictionless
//! `datapackage.json` describing them.
//!
//! Exported CSV is safe to open in a spreadsheet: a text cell that would
//! start a formula (`=`, `+`, `-`, `@`, tab, carriage return) is prefixed with
//! an apostrophe (CWE-1236). Numbers are written as they are.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Map, Value as Json, json};

use crate::data::{FieldType, Row, Table, Value};
use crate::fsio::FsError;
use crate::locale::Locales;
use crate::model::Site;
use crate::render::views::schema_text;
use crate::sink::Sink;

pub use crate::model::urls::DATA_DIR;

/// One file of the downloads.
enum Download<'a> {
    Csv(&'a Table),
    Json(&'a Table),
    Package,
}

impl Download<'_> {
    fn path(&self) -> String {
        match self {
            Self::Csv(table) => format!("{DATA_DIR}/{}.csv", table.name),
            Self::Json(table) => format!("{DATA_DIR}/{}.json", table.name),
            Self::Package => format!("{DATA_DIR}/datapackage.json"),
        }
    }

    fn write(&self, site: &Site<'_>, out: &mut dyn Write) -> io::Result<()> {
        match self {
            Self::Csv(table) => write_csv(table, out),
            Self::Json(table) => write_json(table, out),
            Self::Package => Ok(serde_json::to_writer_pretty(out, &datapackage(site))?),
        }
    }
}

/// Hands every download to the sink, in parallel and streamed, so memory
/// does not grow with the size of the tables.
pub fn write_downloads(site: &Site<'_>, locales: &Locales, sink: &dyn Sink) -> Vec<FsError> {
    let mut errors = write_tables(site, sink);
    errors.extend(super::slices::write(site, sink));
    errors.extend(super::readable::write(site, locales, sink));
    errors.extend(super::iati::write(site, sink));
    errors
}

fn write_tables(site: &Site<'_>, sink: &dyn Sink) -> Vec<FsError> {
    let tables = site.data.tables.values();
    let downloads: Vec<Download<'_>> = tables
        .flat_map(|t| [Download::Csv(t), Download::Json(t)])
        .chain([Download::Package])
        .collect();
    downloads
        .par_iter()
        .filter_map(|d| sink.stream(&d.path(), &mut |w| d.write(site, w)).err())
        .collect()
}

/// A text cell that a spreadsheet would run as a formula: one that starts
/// with a formula sign (ASCII or fullwidth, which spreadsheets also take)
/// after any spaces, or starts with a tab or a line end.
pub fn defuse(text: &str) -> std::borrow::Cow<'_, str> {
    const SIGNS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];
    let line_start = text.starts_with(['\t', '\r', '\n']);
    if line_start || text.trim_start().starts_with(SIGNS) {
        format!("'{text}").into()
    } else {
        text.into()
    }
}

/// The table as CSV, formulas defused; numbers and dates as written.
pub fn write_csv(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    write_csv_rows(table, table.rows.iter(), out)
}

/// Some rows of the table as CSV, with the whole table's header.
pub fn write_csv_rows<'r>(
    table: &Table,
    rows: impl Iterator<Item = &'r Row>,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(table.columns.iter().map(|c| c.name.as_str()))?;
    let mut cells: Vec<String> = Vec::with_capacity(table.columns.len());
    for row in rows {
        cells.clear();
        cells.extend(row.values.iter().map(csv_cell));
        writer.write_record(&cells)?;
    }
    writer.flush()
}

/// A cell as exported CSV writes it: text defused, the rest as written.
pub fn csv_cell(value: &Value) -> String {
    match value {
        Value::String(text) => defuse(text).into_owned(),
        other => other.to_string(),
    }
}

/// The CSV export in memory, for tests and small tables.
pub fn to_csv(table: &Table) -> Vec<u8> {
    let mut bytes = Vec::new();
    let _ = write_csv(table, &mut bytes);
    bytes
}

/// The table as a JSON array of objects, one per row, keyed by column.
pub fn write_json(table: &Table, out: &mut dyn Write) -> io::Result<()> {
    let all: Vec<&Row> = table.rows.iter().collect();
    write_json_rows(table, &all, out)
}

/// Some rows of the table as a JSON array of objects.
pub fn write_json_rows(table: &Table, rows: &[&Row], out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(out, &RowsJson(table, rows))?;
    Ok(())
}

/// Serialises rows straight from the table, without building JSON values.
struct RowsJson<'a>(&'a Table, &'a [&'a Row]);

struct RowJson<'a>(&'a Table, &'a Row);

impl Serialize for RowsJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.1.iter().map(|row| RowJson(self.0, row)))
    }
}

impl Serialize for RowJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let names = self.0.columns.iter().map(|c| c.name.as_str());
        serializer.collect_map(names.zip(&self.1.values))
    }
}

/// A Frictionless Data Package describing every table with its schema, the
/// translated fields spelt out as one column per language.
pub fn datapackage(site: &Site<'_>) -> Json {
    let lang = site.config.default_language.as_str();
    let title = site.config.language(lang).map_or("", |l| l.title.as_str());
    let resources: Vec<Json> = site
        .data
        .tables
        .values()
        .map(|t| resource(t, lang))
        .collect();
    let mut package = json!({
        "profile": "tabular-data-package",
        "name": package_name(&site.config.base_url),
        "title": title,
        "homepage": site.config.base_url,
        "resources": resources,
    });
    super::provenance::describe(site, lang, &mut package);
    package
}

fn package_name(base_url: &str) -> String {
    let host = base_url
        .split("://")
        .nth(1)
        .unwrap_or(base_url)
        .trim_end_matches('/');
    host.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

fn resource(table: &Table, lang: &str) -> Json {
    let fields: Vec<Json> = table
        .columns
        .iter()
        .filter_map(|column| {
            let field = table.schema.fields.get(column.field)?;
            Some(field_json(
                column.name.as_str(),
                field,
                column.language.as_deref(),
                lang,
            ))
        })
        .collect();
    let mut schema = json!({ "fields": fields });
    if !table.schema.primary_key.is_empty() {
        schema["primaryKey"] = json!(table.schema.primary_key);
    }
    let foreign_keys: Vec<Json> = table
        .schema
        .foreign_keys
        .iter()
        .map(|fk| {
            json!({
                "fields": fk.fields,
                "reference": { "resource": fk.resource, "fields": fk.reference_fields },
            })
        })
        .collect();
    if !foreign_keys.is_empty() {
        schema["foreignKeys"] = json!(foreign_keys);
    }
    let mut resource = json!({
        "name": table.name,
        "path": format!("{}.csv", table.name),
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": schema_text(&table.schema.title, lang).text,
        "description": schema_text(&table.schema.description, lang).text,
        "schema": schema,
    });
    if let Some(licence) = &table.schema.licence {
        resource["licenses"] = json!([super::provenance::licence_json(licence)]);
    }
    resource
}

fn field_json(
    name: &str,
    field: &crate::data::Field,
    column_lang: Option<&str>,
    lang: &str,
) -> Json {
    let shown = column_lang.unwrap_or(lang);
    let mut title = schema_text(&field.title, shown).text.to_string();
    if let Some(code) = column_lang {
        title = format!("{title} ({code})");
    }
    let mut out = json!({
        "name": name,
        "type": field.kind.name(),
        "title": title,
        "description": schema_text(&field.description, shown).text,
    });
    if field.kind == FieldType::Number {
        out["bareNumber"] = json!(true);
    }
    let c = &field.constraints;
    let mut constraints = Map::new();
    if c.required {
        constraints.insert("required".into(), json!(true));
    }
    if c.unique {
        constraints.insert("unique".into(), json!(true));
    }
    let typed = |v: &Value| match field.kind {
        FieldType::Integer | FieldType::Year => v
            .to_string()
            .parse::<i64>()
            .map_or(json!(v.to_string()), |n| json!(n)),
        FieldType::Number => v
            .to_string()
            .parse::<f64>()
            .map_or(json!(v.to_string()), |n| json!(n)),
        _ => json!(v.to_string()),
    };
    if let Some(v) = &c.minimum {
        constraints.insert("minimum".into(), typed(v));
    }
    if let Some(v) = &c.maximum {
        constraints.insert("maximum".into(), typed(v));
    }
    if let Some(n) = c.min_length {
        constraints.insert("minLength".into(), json!(n));
    }
    if let Some(n) = c.max_length {
        constraints.insert("maxLength".into(), json!(n));
    }
    if let Some(p) = &c.pattern {
        constraints.insert("pattern".into(), json!(p.source));
    }
    if let Some(values) = &c.enum_values {
        constraints.insert("enum".into(), values.iter().map(typed).collect());
    }
    if !constraints.is_empty() {
        out["constraints"] = Json::Object(constraints);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::defuse;

    #[test]
    fn defuses_cells_that_would_start_a_formula() {
        assert_eq!(defuse("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(defuse("+212 5"), "'+212 5");
        assert_eq!(defuse("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(defuse("-1"), "'-1");
        assert_eq!(defuse("Coopérative"), "Coopérative");
        assert_eq!(defuse(""), "");
        assert_eq!(defuse("a =1"), "a =1");
    }

    #[test]
    fn defuses_formulas_behind_spaces_line_ends_and_in_fullwidth() {
        assert_eq!(defuse(" =1+1"), "' =1+1");
        assert_eq!(defuse("\u{a0}\u{3000}@SUM(A1)"), "'\u{a0}\u{3000}@SUM(A1)");
        assert_eq!(defuse("\n=1"), "'\n=1");
        assert_eq!(defuse("\tx"), "'\tx");
        assert_eq!(defuse("\r\n=1"), "'\r\n=1");
        assert_eq!(defuse("＝1+1"), "'＝1+1");
        assert_eq!(defuse("＋212"), "'＋212");
        assert_eq!(defuse("－1"), "'－1");
        assert_eq!(defuse("＠x"), "'＠x");
    }
}
