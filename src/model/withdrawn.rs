//! Withdrawn records: a record whose withdrawal date is filled
//! (`[records] withdrawn = { date, reason }`) keeps a page at its address
//! saying it was withdrawn, when and why, and leaves everything that counts
//! or lists records (totals, facet counts, charts, maps, lists, search and
//! filter indexes, downloads, IATI, the sitemap).
//!
//! 1. [`split`] checks the declared columns against the records table's
//!    schema, checks each withdrawn row gives a reason, and moves the
//!    withdrawn rows out of the table (`Data::withdraw`) before the model
//!    is built, so no later stage can count them.
//! 2. [`records`] gives each withdrawn row its id, address and date.

use std::sync::Arc;

use crate::config::{Named, SiteConfig};
use crate::data::{Data, FieldType, Row, Table};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};

use super::resolve::expect_field;
use super::urls;

/// A withdrawn record: its row in `Data::withdrawn`, id, address and date.
#[derive(Debug, Clone)]
pub struct WithdrawnRecord {
    pub row: usize,
    pub id: String,
    pub slug: String,
    pub date: jiff::civil::Date,
}

/// `data` with the withdrawn rows of the records table moved out of it;
/// unchanged when the site declares no withdrawal columns or has errors.
pub fn split(config: &SiteConfig, data: Arc<Data>, diagnostics: &mut Diagnostics) -> Arc<Data> {
    let Some(declared) = &config.records.withdrawn else {
        return data;
    };
    let Some(table) = data.table(&config.records.table.name) else {
        return data; // The model reports the missing table.
    };
    if !columns_fit(table, declared, diagnostics) {
        return data;
    }
    let date_column = table.column_of(&declared.date.name, None);
    let withdrawn_rows = || {
        table.rows.iter().filter(|row| {
            date_column
                .and_then(|c| row.values.get(c))
                .is_some_and(|v| v.as_date().is_some())
        })
    };
    if withdrawn_rows().next().is_none() {
        return data;
    }
    let reason = &declared.reason.name;
    for row in withdrawn_rows() {
        if table.text(row, reason, &config.default_language).is_none() {
            diagnostics.push(no_reason(config, table, row, reason));
        }
    }
    let mut data = Arc::unwrap_or_clone(data);
    data.withdraw(&config.records.table.name, &declared.date.name);
    Arc::new(data)
}

/// Both columns exist; the date is a date.
fn columns_fit(
    table: &Table,
    declared: &crate::config::Withdrawn,
    diagnostics: &mut Diagnostics,
) -> bool {
    let date_exists = expect_field(table, &declared.date, None, diagnostics);
    let reason_exists = expect_field(table, &declared.reason, None, diagnostics);
    let kind = table.field(&declared.date.name).map(|f| f.kind);
    if date_exists && kind != Some(FieldType::Date) {
        diagnostics.push(not_a_date(table, &declared.date, kind));
        return false;
    }
    date_exists && reason_exists
}

fn not_a_date(table: &Table, named: &Named, kind: Option<FieldType>) -> Diagnostic {
    let kind = kind.map_or_else(String::new, |k| format!(" (it is of type {k})"));
    Diagnostic::error(format!(
        "the withdrawal date `{}` is not a date field of `{}`{kind}",
        named.name, table.name
    ))
    .at(crate::config::CONFIG_FILE, named.location.clone())
    .with_hint(format!(
        "give `{}` type = \"date\" in data/{}.schema.toml, its cells written like 2025-06-30 (empty for a record still in force)",
        named.name, table.name
    ))
}

fn no_reason(config: &SiteConfig, table: &Table, row: &Row, reason: &str) -> Diagnostic {
    let column = table
        .column_of(reason, Some(&config.default_language))
        .or_else(|| table.column_of(reason, None))
        .unwrap_or(0);
    let location = table
        .locate_cell(&config.root, row, column)
        .unwrap_or(Location {
            line: row.line,
            column: 1,
            span: 0..0,
            line_text: String::new(),
        });
    let name = table
        .columns
        .get(column)
        .map_or(reason, |c| c.name.as_str());
    Diagnostic::error(format!(
        "this record is withdrawn but `{name}` gives no reason"
    ))
    .at(&table.path, location)
    .with_hint("readers who followed a link to it are told why it was withdrawn: write the reason in this cell")
}

/// Each withdrawn row of the records table with its id, address and date;
/// a row whose id gives no address is skipped (the data check reports it).
pub fn records(config: &SiteConfig, data: &Data) -> Vec<WithdrawnRecord> {
    let (Some(declared), Some(table)) = (
        &config.records.withdrawn,
        data.withdrawn.get(&config.records.table.name),
    ) else {
        return Vec::new();
    };
    let id_field = table
        .schema
        .primary_key
        .first()
        .map_or("id", String::as_str);
    let mut records = Vec::new();
    for (row_index, row) in table.rows.iter().enumerate() {
        let id = table.value(row, id_field).map(ToString::to_string);
        let date = table
            .value(row, &declared.date.name)
            .and_then(|v| v.as_date());
        let (Some(id), Some(date)) = (id, date) else {
            continue;
        };
        if let Some(slug) = urls::slug_of_id(&id) {
            records.push(WithdrawnRecord {
                row: row_index,
                id,
                slug,
                date,
            });
        }
    }
    records
}
