//! Where a cell is in the file. The csv crate gives where a record starts;
//! the start of each cell is found again by scanning the raw record, only
//! when a diagnostic needs it, so rows keep no raw text.

use std::ops::Range;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Location};

/// The byte range of cell `index` (quotes included) of the record that
/// starts at `start`. Past the last cell: the end of the record.
pub fn cell_span(text: &str, start: usize, index: usize) -> Range<usize> {
    let bytes = text.as_bytes();
    let mut pos = start.min(bytes.len());
    for _ in 0..index {
        pos = cell_end(bytes, pos);
        if bytes.get(pos) != Some(&b',') {
            return pos..pos;
        }
        pos += 1;
    }
    pos..cell_end(bytes, pos)
}

/// The end of the cell starting at `pos`, as the csv crate reads it: a
/// quoted part (with `""` escapes, commas and newlines) then plain text
/// up to a comma or a line end.
fn cell_end(bytes: &[u8], mut pos: usize) -> usize {
    if bytes.get(pos) == Some(&b'"') {
        pos += 1;
        while let Some(byte) = bytes.get(pos) {
            pos += 1;
            if *byte == b'"' {
                if bytes.get(pos) != Some(&b'"') {
                    break;
                }
                pos += 1;
            }
        }
    }
    while let Some(byte) = bytes.get(pos) {
        if matches!(byte, b',' | b'\n' | b'\r') {
            break;
        }
        pos += 1;
    }
    pos
}

/// The location of a byte range of the record that starts at `start` on
/// line `line`, computed from the record alone (cheap on large files).
pub fn locate(text: &str, start: usize, line: usize, span: Range<usize>) -> Location {
    let record = text.get(start..).unwrap_or_default();
    let local = span.start.saturating_sub(start)..span.end.saturating_sub(start);
    // An empty cell still gets a one-character caret.
    let local = local.start..local.end.max(local.start + 1);
    let mut location = Location::at(record, local);
    location.line += line.saturating_sub(1);
    location
}

/// A record of a CSV file being checked: enough to point at its cells.
#[derive(Clone, Copy)]
pub struct Record<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub start: usize,
    pub line: usize,
}

impl Record<'_> {
    /// An error at cell `index`, with the usual notes.
    pub fn error(&self, index: usize, message: String, column: &str, value: &str) -> Diagnostic {
        self.at_cell(index, Diagnostic::error(message), column, value)
    }

    /// `diagnostic` placed at cell `index`, with the usual notes.
    pub fn at_cell(
        &self,
        index: usize,
        diagnostic: Diagnostic,
        column: &str,
        value: &str,
    ) -> Diagnostic {
        let span = cell_span(self.text, self.start, index);
        diagnostic
            .at(self.path, locate(self.text, self.start, self.line, span))
            .with_note(format!("column: {column}"))
            .with_note(format!("value: \"{}\"", value.replace('\n', "\\n")))
    }

    /// An error at a double quote that the CSV reader would read leniently,
    /// changing the cell, with the cell written right in the hint.
    pub fn misplaced_quote(&self) -> Option<Diagnostic> {
        let (quote, cell) = misplaced_quote(self.text, self.start)?;
        let raw = self.text.get(cell).unwrap_or_default();
        let message = if raw.starts_with('"') {
            "this double quote ends the quoted cell, but the cell goes on after it"
        } else {
            "a double quote inside a cell that does not start with one"
        };
        let location = locate(self.text, self.start, self.line, quote..quote + 1);
        let shown = |text: &str| text.replace('\n', "\\n");
        Some(
            Diagnostic::error(message)
                .at(self.path, location)
                .with_note(format!("cell: {}", shown(raw)))
                .with_hint(format!(
                    "put the whole cell between double quotes and write each double quote inside it twice: {}",
                    shown(&requoted(raw))
                )),
        )
    }

    /// A problem with the record as a whole, at its first character.
    pub fn whole(&self, message: String) -> Diagnostic {
        let location = locate(self.text, self.start, self.line, self.start..self.start + 1);
        Diagnostic::error(message).at(self.path, location)
    }
}

/// Counts lines as records are read, so each record's line costs only the
/// bytes since the previous one.
pub struct LineCounter {
    offset: usize,
    line: usize,
}

impl LineCounter {
    pub fn new() -> Self {
        Self { offset: 0, line: 1 }
    }

    /// The 1-based line of byte `offset` (offsets must not go backwards).
    pub fn line_at(&mut self, text: &str, offset: usize) -> usize {
        let newlines = text
            .as_bytes()
            .get(self.offset..offset)
            .map_or(0, |b| b.iter().filter(|c| **c == b'\n').count());
        self.line += newlines;
        self.offset = self.offset.max(offset);
        self.line
    }
}

/// The first byte of a record: the csv crate may report the position of the
/// line end before it.
pub fn record_start(text: &str, reported: u64) -> usize {
    let bytes = text.as_bytes();
    let mut pos = usize::try_from(reported)
        .unwrap_or(bytes.len())
        .min(bytes.len());
    while matches!(bytes.get(pos), Some(b'\r' | b'\n')) {
        pos += 1;
    }
    pos
}

/// A double quote the csv crate would read leniently, changing the cell: one
/// inside a cell that does not start with a quote, or one that closes a
/// quoted cell with more text after it (`"Coop "Nour" x"`). Returns that
/// quote's byte and the span of its cell, in the record starting at `start`.
pub fn misplaced_quote(text: &str, start: usize) -> Option<(usize, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut pos = start;
    loop {
        let cell_start = pos;
        let found = if bytes.get(pos) == Some(&b'"') {
            let close = closing_quote(bytes, pos + 1)?;
            pos = close + 1;
            (!matches!(bytes.get(pos), None | Some(b',' | b'\n' | b'\r'))).then_some(close)
        } else {
            let end = cell_end(bytes, pos);
            let quote = bytes.get(pos..end)?.iter().position(|b| *b == b'"');
            pos = end;
            quote.map(|q| cell_start + q)
        };
        if let Some(quote) = found {
            return Some((
                quote,
                cell_start..cell_end(bytes, cell_start).max(quote + 1),
            ));
        }
        if bytes.get(pos) != Some(&b',') {
            return None;
        }
        pos += 1;
    }
}

/// The quote that closes a quoted cell whose text starts at `pos`.
fn closing_quote(bytes: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let quote = pos + bytes.get(pos..)?.iter().position(|b| *b == b'"')?;
        if bytes.get(quote + 1) != Some(&b'"') {
            return Some(quote);
        }
        pos = quote + 2;
    }
}

/// A cell's raw text written as it should be: between double quotes, each
/// quote inside doubled.
pub fn requoted(raw: &str) -> String {
    let inner = raw.strip_prefix('"').unwrap_or(raw);
    let inner = inner.strip_suffix('"').unwrap_or(inner);
    format!("\"{}\"", inner.replace("\"\"", "\"").replace('"', "\"\""))
}
