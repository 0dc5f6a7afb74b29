//! The source line of a diagnostic, as codespan reads it: one line of a
//! file, cut around the mistake when it is long.

use std::ops::Range;

use codespan_reporting::files::{Error as FilesError, Files};

use super::Diagnostic;
use super::report::visible;

/// The one source line of a diagnostic, presented to codespan as a file whose
/// only line carries the real line number, so the printed position is right
/// without keeping whole files in memory.
pub(super) struct Snippet {
    name: String,
    text: String,
    line: usize,
    pub(super) span: Range<usize>,
    /// Characters cut from the start of a long line, so columns stay true.
    skipped: usize,
}

/// Characters of context kept on each side of the span in a long line (a
/// CSV row can be hundreds of characters wide).
const CONTEXT: usize = 40;

impl Snippet {
    pub(super) fn of(diagnostic: &Diagnostic) -> Option<Self> {
        let (file, loc) = (diagnostic.file.as_ref()?, diagnostic.location.as_ref()?);
        let (text, span, skipped) = window(&loc.line_text, loc.span.clone());
        // One character for one: columns are unchanged, byte spans move.
        let moved = |i: usize| visible(text.get(..i).unwrap_or_default()).len();
        let span = moved(span.start)..moved(span.end);
        let text = visible(&text);
        Some(Self {
            name: visible(&file.display().to_string()),
            text,
            line: loc.line,
            span,
            skipped,
        })
    }
}

/// The part of `line` around `span`, with `…` where it was cut; returns the
/// new text, the span in it and the number of characters cut at the start.
pub fn window(line: &str, span: Range<usize>) -> (String, Range<usize>, usize) {
    // A span from elsewhere may be reversed or past the line: clamp it.
    let start = span.start.min(line.len());
    let span = start..span.end.clamp(start, line.len());
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let start_char = chars
        .iter()
        .position(|(i, _)| *i >= span.start)
        .unwrap_or(chars.len());
    let end_char = chars
        .iter()
        .position(|(i, _)| *i >= span.end)
        .unwrap_or(chars.len());
    let from = start_char.saturating_sub(CONTEXT);
    let to = (end_char + CONTEXT).min(chars.len());
    if from == 0 && to == chars.len() {
        return (line.to_string(), span, 0);
    }
    let byte = |c: usize| chars.get(c).map_or(line.len(), |(i, _)| *i);
    let prefix = if from > 0 { "…" } else { "" };
    let suffix = if to < chars.len() { "…" } else { "" };
    let text = format!("{prefix}{}{suffix}", &line[byte(from)..byte(to)]);
    // The ellipsis stands for the cut characters: it takes one column.
    let skipped = from.saturating_sub(usize::from(from > 0));
    let local = |i: usize| (i.saturating_sub(byte(from)) + prefix.len()).min(text.len());
    let local_span = local(span.start)..local(span.end);
    (text, local_span, skipped)
}

impl<'a> Files<'a> for Snippet {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, FilesError> {
        Ok(self.line)
    }

    fn line_range(&'a self, (): (), _line_index: usize) -> Result<Range<usize>, FilesError> {
        Ok(0..self.text.len())
    }

    fn column_number(&'a self, (): (), _: usize, byte_index: usize) -> Result<usize, FilesError> {
        let column =
            codespan_reporting::files::column_index(&self.text, 0..self.text.len(), byte_index);
        Ok(column + 1 + self.skipped)
    }
}

/// For diagnostics without a position: codespan needs a file provider anyway.
pub(super) struct NoFile;

impl<'a> Files<'a> for NoFile {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Err(FilesError::FileMissing)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Err(FilesError::FileMissing)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, FilesError> {
        Err(FilesError::FileMissing)
    }

    fn line_range(&'a self, (): (), _: usize) -> Result<Range<usize>, FilesError> {
        Err(FilesError::FileMissing)
    }
}
