//! One table: its schema, then its CSV read record by record, each cell
//! parsed to its type and checked against its constraints.

use std::path::{Path, PathBuf};

use super::cells::{LineCounter, Record, record_start};
use super::header::{self, Header};
use super::schema::validate::{self, ParsedSchema};
use super::schema::{Field, Schema};
use super::value::Value;
use super::{Row, Table, checks, encoding, parse};
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::fsio;

/// A loaded table, with what later checks need to point at its cells.
pub struct Loaded {
    pub table: Table,
    contents: String,
    /// For each row, the byte where its record starts in [`Loaded::text`].
    starts: Vec<usize>,
    /// For each column, its position in the CSV records.
    positions: Vec<usize>,
    /// For each foreign key, where its reference is written in the schema.
    pub reference_locations: Vec<Location>,
    pub schema_path: PathBuf,
}

impl Loaded {
    /// The CSV text, without its BOM.
    pub fn text(&self) -> &str {
        encoding::without_bom(&self.contents)
    }

    /// An error at a cell, with the column and value notes.
    pub fn cell_error(&self, row: usize, column: usize, message: String) -> Diagnostic {
        let (start, line) = (
            self.starts.get(row).copied().unwrap_or(0),
            self.table.rows.get(row).map_or(1, |r| r.line),
        );
        let record = Record {
            path: &self.table.path,
            text: self.text(),
            start,
            line,
        };
        let name = self
            .table
            .columns
            .get(column)
            .map_or("", |c| c.name.as_str());
        let value = self
            .table
            .rows
            .get(row)
            .and_then(|r| r.values.get(column))
            .map(Value::to_string)
            .unwrap_or_default();
        let position = self.positions.get(column).copied().unwrap_or(0);
        record.error(position, message, name, &value)
    }
}

/// Loads `data/NAME.csv` with its schema; `None` when either cannot be used.
/// Files larger than `max_bytes` are refused before they are read.
pub fn load_table(
    root: &Path,
    name: &str,
    languages: &[String],
    max_bytes: u64,
) -> (Option<Loaded>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let schema_path = PathBuf::from("data").join(format!("{name}.schema.toml"));
    let path = PathBuf::from("data").join(format!("{name}.csv"));
    let source = read(root, &schema_path, max_bytes, &mut diagnostics);
    let bytes = read(root, &path, max_bytes, &mut diagnostics);
    let loaded = match (source, bytes) {
        (Some(source), Some(bytes)) => match String::from_utf8(source) {
            Ok(source) => {
                let files = Files {
                    name,
                    schema_path,
                    path,
                };
                from_sources(files, &source, bytes, languages, &mut diagnostics)
            }
            Err(error) => {
                let valid = error.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
                diagnostics.push(
                    Diagnostic::error("this schema is not UTF-8 text")
                        .at(&schema_path, Location::at(&text, valid..valid))
                        .with_hint("save the file as UTF-8 in your editor"),
                );
                None
            }
        },
        _ => None,
    };
    (loaded, diagnostics)
}

/// Where a table comes from: its name and its two files, relative to the root.
pub struct Files<'a> {
    pub name: &'a str,
    pub schema_path: PathBuf,
    pub path: PathBuf,
}

/// Loads a table from the text of its schema and the bytes of its CSV.
pub fn from_sources(
    files: Files,
    schema_source: &str,
    bytes: Vec<u8>,
    languages: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Loaded> {
    let Files {
        name,
        schema_path,
        path,
    } = files;
    let before = diagnostics.len();
    let parsed = validate::parse(schema_source, &schema_path, languages, diagnostics);
    // Data checked against a broken schema would only echo its errors.
    let broken = diagnostics.iter().skip(before).any(Diagnostic::is_error);
    let ParsedSchema {
        schema,
        reference_locations,
    } = parsed.filter(|_| !broken)?;
    let contents = encoding::decode(bytes, &path)
        .map_err(|d| diagnostics.push(*d))
        .ok()?;
    let text = encoding::without_bom(&contents);
    diagnostics.extend(crate::diagnostics::control_characters(&path, text));
    let reader = TableReader {
        path: &path,
        text,
        schema: &schema,
        languages,
    };
    let (header, rows, starts) = reader.read(diagnostics);
    let table = Table {
        name: name.to_string(),
        path,
        schema,
        columns: header.columns,
        rows,
    };
    Some(Loaded {
        table,
        contents,
        starts,
        positions: header.positions,
        reference_locations,
        schema_path,
    })
}

/// Reads a file, the error naming the path relative to the site root.
fn read(
    root: &Path,
    relative: &Path,
    max_bytes: u64,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Vec<u8>> {
    match fsio::read_capped(&root.join(relative), max_bytes) {
        Ok(contents) => Some(contents),
        Err(error) => {
            let mut diagnostic = Diagnostic::from(error);
            diagnostic.file = Some(relative.to_path_buf());
            diagnostics.push(diagnostic);
            None
        }
    }
}

struct TableReader<'a> {
    path: &'a Path,
    text: &'a str,
    schema: &'a Schema,
    languages: &'a [String],
}

impl TableReader<'_> {
    fn read(&self, diagnostics: &mut Vec<Diagnostic>) -> (Header, Vec<Row>, Vec<usize>) {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(self.text.as_bytes());
        let mut record = csv::StringRecord::new();
        let mut lines = LineCounter::new();
        let mut header: Option<(Header, usize)> = None;
        let (mut rows, mut starts) = (Vec::new(), Vec::new());
        let mut required = Vec::new();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(error) => {
                    let start = record_start(self.text, reader.position().byte());
                    let at = self.record(start, lines.line_at(self.text, start));
                    diagnostics.push(at.whole(format!("this line cannot be read as CSV: {error}")));
                    break;
                }
            }
            let start = record_start(self.text, record.position().map_or(0, |p| p.byte()));
            let line = lines.line_at(self.text, start);
            let at = self.record(start, line);
            // The CSV reader takes an unclosed quote to run to the end of
            // the file: say where it opened rather than count its cells.
            let at_end =
                usize::try_from(reader.position().byte()).unwrap_or(usize::MAX) >= self.text.len();
            // Only the last record can hold one, and the scan reads to the end
            // of the file: never do it for the others.
            if let Some(quote) = at_end.then(|| unclosed_quote(self.text, start)).flatten() {
                diagnostics.push(
                    Diagnostic::error("this double quote is never closed")
                        .at(self.path, Location::at(self.text, quote..quote + 1))
                        .with_label("the text from here to the end of the file is one cell")
                        .with_hint(
                            "close the quoted text with another double quote; a double quote inside it is written twice: \"\"",
                        ),
                );
                break;
            }
            diagnostics.extend(at.misplaced_quote());
            let Some((columns, width)) = &header else {
                let names: Vec<&str> = record.iter().collect();
                let checked = header::check(self.schema, self.languages, &names, at, diagnostics);
                required = required_translations(self.schema, &checked);
                header = Some((checked, record.len()));
                continue;
            };
            if let Some(values) = self.row(&record, at, columns, *width, &required, diagnostics) {
                rows.push(Row { line, values });
                starts.push(start);
            }
        }
        if header.is_some() && rows.is_empty() && !diagnostics.iter().any(Diagnostic::is_error) {
            diagnostics.push(
                Diagnostic::warning("this file has a header but no rows")
                    .in_file(self.path)
                    .with_hint("add the rows under the header line, or remove the table and its schema if it is not used"),
            );
        }
        let header = header.map(|(h, _)| h).unwrap_or_else(|| {
            diagnostics.push(
                Diagnostic::error("this file is empty")
                    .in_file(self.path)
                    .with_hint("the first line must name the columns, as the schema declares them"),
            );
            Header::default()
        });
        (header, rows, starts)
    }

    fn row(
        &self,
        record: &csv::StringRecord,
        at: Record,
        header: &Header,
        width: usize,
        required: &[Vec<usize>],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<Vec<Value>> {
        // Spreadsheets leave rows of empty cells at the end: skip them.
        if record.iter().all(str::is_empty) {
            return None;
        }
        if record.len() != width {
            diagnostics.push(wrong_width(record.len(), width, at));
            return None;
        }
        let mut values = Vec::with_capacity(header.columns.len());
        for (column, position) in header.columns.iter().zip(&header.positions) {
            let text = record.get(*position).unwrap_or_default();
            let Some(field) = self.schema.fields.get(column.field) else {
                values.push(Value::Null);
                continue;
            };
            let (value, problem) = cell(field, column.language.as_deref(), text);
            if let Some(problem) = problem {
                let diagnostic = match problem.code {
                    Some(code) => {
                        let args = vec![("column", column.name.clone())];
                        Diagnostic::coded(Severity::Error, code, args)
                    }
                    None => Diagnostic::error(format!(
                        "the cell in column `{}` {}",
                        column.name, problem.what
                    )),
                };
                let placed = at.at_cell(*position, diagnostic, &column.name, text);
                diagnostics.push(problem.apply(placed));
            }
            values.push(value);
        }
        for group in required {
            if group
                .iter()
                .all(|c| values.get(*c).is_none_or(Value::is_null))
            {
                diagnostics.push(empty_translations(header, group, at));
            }
        }
        Some(values)
    }

    fn record(&self, start: usize, line: usize) -> Record<'_> {
        Record {
            path: self.path,
            text: self.text,
            start,
            line,
        }
    }
}

/// The byte of a double quote that opens a quoted cell and is never
/// closed, in the text from `start` to the end.
fn unclosed_quote(text: &str, start: usize) -> Option<usize> {
    let mut open = None;
    let tail = text.as_bytes().get(start..).unwrap_or_default();
    for (i, byte) in tail.iter().enumerate().map(|(i, b)| (start + i, *b)) {
        if byte == b'"' {
            open = match open {
                Some(_) => None,
                None => Some(i),
            };
        }
    }
    open
}

/// What is wrong with a cell, to add to its diagnostic.
struct Problem {
    /// Completes "the cell in column `x` ...".
    what: String,
    label: Option<String>,
    notes: Vec<String>,
    hint: Option<String>,
    /// Its code in the message catalogues, when it has one.
    code: Option<&'static str>,
}

impl Problem {
    fn apply(self, mut diagnostic: Diagnostic) -> Diagnostic {
        diagnostic.label = self.label;
        diagnostic.notes.extend(self.notes);
        diagnostic.hint = self.hint;
        diagnostic
    }
}

/// Parses and checks one cell; a cell that does not parse is `Null`, so
/// later checks skip it rather than report it twice.
fn cell(field: &Field, language: Option<&str>, text: &str) -> (Value, Option<Problem>) {
    match parse::parse_cell(field.kind, text) {
        Ok(value) => {
            let own = language.and_then(|l| field.by_language.get(l));
            let problem = checks::check(&field.constraints, &value, !field.translated)
                .or_else(|| own.and_then(|c| checks::check(c, &value, true)))
                .map(|v| Problem {
                    what: v.problem,
                    label: None,
                    notes: v.note.into_iter().collect(),
                    hint: v.hint,
                    code: None,
                });
            (value, problem)
        }
        Err(error) => {
            let problem = Problem {
                what: error.problem.to_string(),
                label: Some(error.problem.trim_start_matches("is ").to_string()),
                notes: vec![format!("expected: {}", parse::expected(field.kind))],
                hint: error.hint,
                code: error.code,
            };
            (Value::Null, Some(problem))
        }
    }
}

/// For each required translated field, its columns present in the file.
fn required_translations(schema: &Schema, header: &Header) -> Vec<Vec<usize>> {
    let fields = schema.fields.iter().enumerate();
    fields
        .filter(|(_, f)| f.translated && f.constraints.required)
        .map(|(index, _)| {
            let columns = header.columns.iter().enumerate();
            columns
                .filter(|(_, c)| c.field == index)
                .map(|(i, _)| i)
                .collect::<Vec<_>>()
        })
        .filter(|columns| !columns.is_empty())
        .collect()
}

fn empty_translations(header: &Header, group: &[usize], at: Record) -> Diagnostic {
    let first = group.first().copied().unwrap_or(0);
    let name = header.columns.get(first).map_or("", |c| c.name.as_str());
    let names: Vec<&str> = group
        .iter()
        .filter_map(|c| header.columns.get(*c).map(|c| c.name.as_str()))
        .collect();
    let position = header.positions.get(first).copied().unwrap_or(0);
    let message = format!(
        "the cells in columns {} are all empty, but this field is required",
        names.join(", ")
    );
    at.error(position, message, name, "").with_hint(
        "fill it in at least one language; the other shows it with a \"not translated\" notice",
    )
}

fn wrong_width(cells: usize, width: usize, at: Record) -> Diagnostic {
    let message = format!("this row has {cells} cells, but the header has {width} columns");
    if cells > width {
        let span = super::cells::cell_span(at.text, at.start, width);
        let location = super::cells::locate(at.text, at.start, at.line, span);
        Diagnostic::error(message)
            .at(at.path, location)
            .with_label("an extra cell starts here")
            .with_hint(
                "a text that holds a comma must be between double quotes: \"Tanger, Asilah\"",
            )
    } else {
        at.whole(message)
            .with_hint("add the missing cells: an empty cell still needs its comma")
    }
}
