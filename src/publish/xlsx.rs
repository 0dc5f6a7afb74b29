//! The readable records table as an Excel workbook, one per language
//! (`rust_xlsxwriter`): numbers as numbers, dates as dates, the header row
//! frozen, column titles in the reader's language, right to left for a
//! right-to-left language. Text is written as text cells, which a
//! spreadsheet never runs as a formula.

use rayon::prelude::*;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::config::Direction;
use crate::data::Value;
use crate::fsio::FsError;
use crate::locale::Locales;
use crate::model::{Site, urls};
use crate::sink::Sink;

use super::readable::{Cell, Readable};

/// Hands the workbook of each language to the sink. A workbook is a zip
/// archive written whole, so it is built in memory, then put.
pub fn write(
    site: &Site<'_>,
    locales: &Locales,
    languages: &[&str],
    sink: &dyn Sink,
) -> Vec<FsError> {
    languages
        .par_iter()
        .filter_map(|lang| {
            let path = urls::readable_download(&site.table.name, lang, "xlsx");
            let readable = Readable::new(site, locales, lang);
            let rtl = site
                .config
                .language(lang)
                .is_some_and(|l| l.direction == Direction::Rtl);
            let written = workbook(&readable, rtl).map_err(|error| FsError {
                action: "write",
                path: path.clone().into(),
                source: std::io::Error::other(error.to_string()),
            });
            written.and_then(|bytes| sink.put(&path, &bytes)).err()
        })
        .collect()
}

/// The cell formats of a sheet, made once.
struct Formats {
    header: Format,
    date: Format,
    integer: Format,
    decimal: Format,
}

impl Formats {
    fn new() -> Self {
        Self {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            integer: Format::new().set_num_format("0"),
            decimal: Format::new().set_num_format("#,##0.00"),
        }
    }
}

/// The workbook's bytes: one sheet, the header row frozen.
pub fn workbook(readable: &Readable<'_, '_>, rtl: bool) -> Result<Vec<u8>, XlsxError> {
    let formats = Formats::new();
    let mut book = Workbook::new();
    // The creation time would otherwise be now: the same data must give
    // the same bytes (the zip entries' own times are fixed by the crate).
    let epoch = ExcelDateTime::from_ymd(1980, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
    let sheet = book.add_worksheet();
    sheet.set_name(sheet_name(&readable.site.table.name))?;
    sheet.set_right_to_left(rtl);
    sheet.set_freeze_panes(1, 0)?;
    for (column, title) in (0u16..).zip(&readable.titles) {
        sheet.write_string_with_format(0, column, title, &formats.header)?;
        sheet.set_column_width(column, 18)?;
    }
    for (row, data) in (1u32..).zip(&readable.site.table.rows) {
        for (column, cell) in (0u16..).zip(readable.cells(data)) {
            write_cell(sheet, &formats, row, column, cell)?;
        }
    }
    book.save_to_buffer()
}

/// Excel's limit on a sheet's name (31 characters, no `[]:*?/\`).
fn sheet_name(table: &str) -> String {
    let kept: String = table
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    if kept.is_empty() { "data".into() } else { kept }
}

fn write_cell(
    sheet: &mut Worksheet,
    formats: &Formats,
    row: u32,
    column: u16,
    cell: Cell<'_>,
) -> Result<(), XlsxError> {
    let value = match cell {
        Cell::Text("") | Cell::Value(Value::Null) => return Ok(()),
        Cell::Text(text) => return sheet.write_string(row, column, text).map(drop),
        Cell::Value(value) => value,
    };
    match value {
        Value::String(text) => sheet.write_string(row, column, text),
        Value::Integer(n) => {
            sheet.write_number_with_format(row, column, *n as f64, &formats.integer)
        }
        Value::Year(n) => sheet.write_number_with_format(row, column, *n, &formats.integer),
        Value::Number(d) => {
            let number = d.to_f64().unwrap_or_default();
            sheet.write_number_with_format(row, column, number, &formats.decimal)
        }
        Value::Date(date) => match excel_date(*date) {
            Ok(day) => sheet.write_datetime_with_format(row, column, day, &formats.date),
            Err(_) => sheet.write_string(row, column, date.to_string()),
        },
        Value::Boolean(b) => sheet.write_boolean(row, column, *b),
        Value::Null => return Ok(()),
    }
    .map(drop)
}

/// A civil date as Excel's; Excel has none before 1900 (written as text).
fn excel_date(date: jiff::civil::Date) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(date.year()).unwrap_or(0);
    let month = u8::try_from(date.month()).unwrap_or(0);
    let day = u8::try_from(date.day()).unwrap_or(0);
    ExcelDateTime::from_ymd(year, month, day)
}
