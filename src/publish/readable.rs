//! The records table for people, in each language: column titles in the
//! reader's language, translated columns in that language only, and beside
//! each code that a lookup table or `site.toml` labels, its label. Written
//! as CSV (with a byte-order mark, so spreadsheets read it as UTF-8) and
//! as an `.xlsx` workbook with typed cells (`xlsx`).

use std::io::{self, Write};

use rayon::prelude::*;

use crate::data::{Row, Table, Value};
use crate::fsio::FsError;
use crate::locale::Locales;
use crate::model::{Site, urls};
use crate::render::views::{cell_text, label, schema_text};
use crate::sink::Sink;

use super::downloads::{csv_cell, defuse};

/// One column of the readable table.
pub enum Source {
    /// A physical column of the table, by index.
    Cell(usize),
    /// The label of the code in a physical column.
    Label(usize),
}

/// The readable table's columns in one language.
pub struct Readable<'s, 'a> {
    pub site: &'s Site<'a>,
    pub lang: &'s str,
    pub titles: Vec<String>,
    pub sources: Vec<Source>,
}

/// What a readable cell holds: a typed value or a label.
pub enum Cell<'v> {
    Value(&'v Value),
    Text(&'v str),
}

impl<'s, 'a> Readable<'s, 'a> {
    /// The columns of the records table for a reader of `lang`.
    pub fn new(site: &'s Site<'a>, locales: &Locales, lang: &'s str) -> Self {
        let table = site.table;
        let code_title = locales
            .lookup(lang, "data.code_column", None)
            .map_or_else(|| "{title}".to_string(), |l| l.text);
        let (mut titles, mut sources) = (Vec::new(), Vec::new());
        for (index, column) in table.columns.iter().enumerate() {
            if column.language.as_deref().is_some_and(|l| l != lang) {
                continue;
            }
            let Some(field) = table.schema.fields.get(column.field) else {
                continue;
            };
            let title = schema_text(&field.title, lang).text.to_string();
            if labelled(site, &field.name) {
                titles.push(code_title.replace("{title}", &title));
                sources.push(Source::Cell(index));
                sources.push(Source::Label(index));
            } else {
                sources.push(Source::Cell(index));
            }
            titles.push(title);
        }
        Self {
            site,
            lang,
            titles,
            sources,
        }
    }

    /// The cells of one row, in column order.
    pub fn cells<'r>(&'r self, row: &'r Row) -> impl Iterator<Item = Cell<'r>> + 'r {
        self.sources.iter().map(move |source| match source {
            Source::Cell(c) => Cell::Value(row.values.get(*c).unwrap_or(&Value::Null)),
            Source::Label(c) => {
                let field = self.site.table.columns.get(*c).and_then(|column| {
                    let field = self.site.table.schema.fields.get(column.field)?;
                    Some(field.name.as_str())
                });
                let code = row.values.get(*c).and_then(Value::as_str);
                let text = field.zip(code).and_then(|(f, k)| self.label(f, k));
                Cell::Text(text.unwrap_or(""))
            }
        })
    }

    /// The label of `key` in `field`: its lookup row's first translated
    /// column, else the facet's labels in `site.toml`.
    fn label(&self, field: &str, key: &str) -> Option<&'s str> {
        let (site, lang) = (self.site, self.lang);
        if let Some((lookup, row)) = site.lookup(field, key) {
            let named = lookup.schema.fields.iter().find(|f| f.translated)?;
            return cell_text(site, lookup, row, &named.name, lang).map(|t| t.text);
        }
        let facet = site.config.facets.iter().find(|f| f.field.name == field)?;
        Some(label(site, facet.labels.get(key)?, lang).text)
    }
}

/// Whether a field's codes have labels: a foreign key to a lookup table,
/// or a facet labelled in `site.toml`.
fn labelled(site: &Site<'_>, field: &str) -> bool {
    let configured = site
        .config
        .facets
        .iter()
        .any(|f| f.field.name == field && !f.labels.is_empty());
    configured
        || site
            .table
            .schema
            .foreign_keys
            .iter()
            .any(|fk| fk.fields == [field])
}

/// Hands the readable CSV and workbook of every language to the sink.
pub fn write(site: &Site<'_>, locales: &Locales, sink: &dyn Sink) -> Vec<FsError> {
    let table: &Table = site.table;
    let languages: Vec<&str> = site
        .config
        .languages
        .iter()
        .map(|l| l.code.as_str())
        .collect();
    let mut errors: Vec<FsError> = languages
        .par_iter()
        .filter_map(|lang| {
            let readable = Readable::new(site, locales, lang);
            let path = urls::readable_download(&table.name, lang, "csv");
            sink.stream(&path, &mut |w| write_csv(&readable, w)).err()
        })
        .collect();
    errors.extend(super::xlsx::write(site, locales, &languages, sink));
    errors
}

/// UTF-8's byte-order mark: how a spreadsheet tells UTF-8 from a local
/// code page when it opens a CSV file.
const BOM: &[u8] = "\u{feff}".as_bytes();

/// The readable table as CSV, formulas defused.
pub fn write_csv(readable: &Readable<'_, '_>, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(BOM)?;
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(&readable.titles)?;
    let mut cells: Vec<String> = Vec::with_capacity(readable.titles.len());
    for row in &readable.site.table.rows {
        cells.clear();
        cells.extend(readable.cells(row).map(|cell| match cell {
            Cell::Value(value) => csv_cell(value),
            Cell::Text(text) => defuse(text).into_owned(),
        }));
        writer.write_record(&cells)?;
    }
    writer.flush()
}
