//! The data stage: `data/*.csv` and their schemas to typed tables.
//!
//! 1. Discover `data/NAME.csv` and `data/NAME.schema.toml`, in pairs.
//! 2. Per table, in parallel: parse and validate the schema ([`schema`]),
//!    decode the CSV as UTF-8, check its header against the schema, parse
//!    every cell to its type and check its constraints ([`load_table`]).
//! 3. Per table: unique values and the primary key, then cross-field rules.
//! 4. Across tables: foreign keys.
//!
//! Every problem is a diagnostic; none stops the others.

pub(crate) mod cells;
mod checks;
mod discover;
mod encoding;
mod header;
mod hints;
mod keys;
mod load_table;
mod parse;
mod privacy;
mod rules;
pub mod schema;
mod totals;
mod value;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};

pub use encoding::{decode as decode_csv, without_bom};
pub use parse::{CellError, expected, parse_cell};
pub use schema::{
    Constraints, Field, FieldType, ForeignKey, Op, Pattern, Privacy, Rule, Schema, Translated,
};
pub use value::Value;

/// Every table of the site, by name (the CSV file's stem).
#[derive(Debug, Clone, Default)]
pub struct Data {
    pub tables: BTreeMap<String, Table>,
    /// Rows taken out of a table because they are withdrawn (see
    /// [`Data::withdraw`]), by table name: same schema, only those rows.
    pub withdrawn: BTreeMap<String, Table>,
}

impl Data {
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.get(name)
    }

    /// Moves the rows of `table` whose `date_field` cell is filled into
    /// [`Data::withdrawn`], so that no total, list, index or download of
    /// the table holds them any more.
    pub fn withdraw(&mut self, table: &str, date_field: &str) {
        let Some(source) = self.tables.get_mut(table) else {
            return;
        };
        let Some(column) = source.column_of(date_field, None) else {
            return;
        };
        let is_withdrawn = |row: &Row| !matches!(row.values.get(column), None | Some(Value::Null));
        let (gone, kept): (Vec<Row>, Vec<Row>) = std::mem::take(&mut source.rows)
            .into_iter()
            .partition(is_withdrawn);
        source.rows = kept;
        let withdrawn = Table {
            name: source.name.clone(),
            path: source.path.clone(),
            schema: source.schema.clone(),
            columns: source.columns.clone(),
            rows: gone,
        };
        self.withdrawn.insert(table.to_string(), withdrawn);
    }
}

/// One typed table.
#[derive(Debug, Clone)]
pub struct Table {
    pub name: String,
    /// Relative to the site root, e.g. `data/projects.csv`.
    pub path: PathBuf,
    pub schema: Schema,
    /// The columns found in the CSV that the schema declares, in file order.
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
}

/// A physical column: a field, or one language of a translated field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    /// As in the CSV header, e.g. `name_fr`.
    pub name: String,
    /// Index into `schema.fields`.
    pub field: usize,
    pub language: Option<String>,
}

/// One record of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The 1-based line where the record starts in the CSV.
    pub line: usize,
    /// In `Table::columns` order.
    pub values: Vec<Value>,
}

impl Table {
    /// The index of a physical column, e.g. `name_fr`.
    pub fn column(&self, physical_name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == physical_name)
    }

    /// The column of `field` in `lang` (`None` for an untranslated field).
    pub fn column_of(&self, field: &str, lang: Option<&str>) -> Option<usize> {
        self.columns.iter().position(|c| {
            c.language.as_deref() == lang
                && self
                    .schema
                    .fields
                    .get(c.field)
                    .is_some_and(|f| f.name == field)
        })
    }

    pub fn field(&self, name: &str) -> Option<&Field> {
        self.schema.field(name)
    }

    /// The value of an untranslated field; `None` when the table has no
    /// such column.
    pub fn value<'a>(&'a self, row: &'a Row, field: &str) -> Option<&'a Value> {
        row.values.get(self.column_of(field, None)?)
    }

    /// The text of a translated field in `lang` (or of an untranslated
    /// string field); `None` when the cell is empty or the column missing.
    pub fn text<'a>(&'a self, row: &'a Row, field: &str, lang: &str) -> Option<&'a str> {
        let column = self
            .column_of(field, Some(lang))
            .or_else(|| self.column_of(field, None))?;
        row.values.get(column)?.as_str()
    }
}

impl Table {
    /// Where cell `column` of `row` is in the CSV under `root`, read again
    /// for a diagnostic found after loading; `None` when it cannot be read.
    pub fn locate_cell(&self, root: &Path, row: &Row, column: usize) -> Option<Location> {
        let contents = crate::fsio::read_to_string(&root.join(&self.path)).ok()?;
        let text = encoding::without_bom(&contents);
        let start = match row.line {
            0 | 1 => 0,
            line => text.match_indices('\n').nth(line - 2)?.0 + 1,
        };
        let span = cells::cell_span(text, start, column);
        Some(cells::locate(text, start, row.line, span))
    }
}

/// Loads every table of `root/data`, reporting all problems, with the
/// default file size limit.
pub fn load(root: &Path, languages: &[String], diagnostics: &mut Diagnostics) -> Data {
    load_limited(
        root,
        languages,
        crate::fsio::DEFAULT_MAX_FILE_BYTES,
        diagnostics,
    )
}

/// Loads every table of `root/data`; a file larger than `max_bytes` is
/// refused with a diagnostic before it is read.
pub fn load_limited(
    root: &Path,
    languages: &[String],
    max_bytes: u64,
    diagnostics: &mut Diagnostics,
) -> Data {
    let found = discover::tables(root, diagnostics);
    let results: Vec<_> = found
        .par_iter()
        .map(|name| load_table::load_table(root, name, languages, max_bytes))
        .collect();
    let mut loaded = Vec::new();
    let mut failed = Vec::new();
    for (name, (table, problems)) in found.iter().zip(results) {
        // References into a table with errors would only echo them.
        if table.is_none() || problems.iter().any(Diagnostic::is_error) {
            failed.push(name.clone());
        }
        diagnostics.extend(problems);
        if let Some(table) = table {
            loaded.push(table);
        }
    }
    let problems: Vec<_> = loaded
        .par_iter()
        .flat_map_iter(|table| {
            let mut problems = keys::unique(table);
            problems.extend(totals::check(table));
            problems.extend(rules::check(table));
            problems.extend(keys::foreign(table, &loaded, &failed));
            problems.extend(privacy::undeclared_personal(table));
            problems
        })
        .collect();
    diagnostics.extend(problems);
    let tables = loaded
        .into_iter()
        .map(|l| (l.table.name.clone(), privacy::redact(l.table)))
        .collect();
    Data {
        tables,
        withdrawn: BTreeMap::new(),
    }
}

/// Every check of one table `t` given as text: its schema, its CSV bytes,
/// keys, rules and foreign keys to itself. For fuzzing and tests that need
/// no files; never panics, whatever the input.
pub fn check_sources(schema: &str, csv: Vec<u8>, languages: &[String]) -> Vec<Diagnostic> {
    let mut diagnostics = Vec::new();
    let files = load_table::Files {
        name: "t",
        schema_path: PathBuf::from("data/t.schema.toml"),
        path: PathBuf::from("data/t.csv"),
    };
    let loaded = load_table::from_sources(files, schema, csv, languages, &mut diagnostics);
    if let Some(loaded) = loaded {
        let all = std::slice::from_ref(&loaded);
        diagnostics.extend(keys::unique(&loaded));
        diagnostics.extend(totals::check(&loaded));
        diagnostics.extend(rules::check(&loaded));
        diagnostics.extend(keys::foreign(&loaded, all, &[]));
    }
    diagnostics
}
