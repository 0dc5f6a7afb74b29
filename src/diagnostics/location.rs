//! Byte offsets to human positions: the one helper every loader uses.

use std::ops::Range;

use serde::Serialize;

/// A position in a source file, as people count: 1-based line and column,
/// the column in characters (not bytes, so Arabic and accented text count
/// right), plus the text of that line for the caret display.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
    /// The span within `line_text`, in bytes, never empty, clipped to the line.
    #[serde(skip)]
    pub span: Range<usize>,
    #[serde(skip)]
    pub line_text: String,
}

impl Location {
    /// The location of `span` (byte offsets) in `source`. Offsets past the end
    /// or inside a character are clamped, so a bad span never panics.
    pub fn at(source: &str, span: Range<usize>) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let (line, column) = line_col(source, start);
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        // Only the CR of a CRLF line end: a stray CR is a character to show.
        let line_text = &source[line_start..line_end];
        let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
        // A span on the CR of a CRLF points at the line end, one past the text.
        let column = column.min(line_text.chars().count() + 1);
        let local_start = (start - line_start).min(line_text.len());
        let end = span.end.max(span.start).min(line_start + line_text.len());
        let local_end = floor_char_boundary(line_text, end.saturating_sub(line_start));
        Self {
            line,
            column,
            span: local_start..local_end.max(local_start),
            line_text: line_text.to_string(),
        }
    }

    /// A location known only by line and column (1-based, column in
    /// characters), as some parsers report it.
    pub fn at_line_col(source: &str, line: usize, column: usize) -> Self {
        let line_start = source
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>();
        let text = &source[line_start.min(source.len())..];
        let offset = text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(text.len(), |(i, _)| i);
        Self::at(source, line_start + offset..line_start + offset + 1)
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_and_columns_from_one() {
        assert_eq!(line_col("abc", 0), (1, 1));
        assert_eq!(line_col("abc\ndef", 4), (2, 1));
        assert_eq!(line_col("abc\ndef", 6), (2, 3));
    }

    #[test]
    fn counts_columns_in_characters_not_bytes() {
        // "مشروع" is 5 characters and 10 bytes.
        let source = "id,مشروع,x";
        let offset = source.find(",x").unwrap_or_default() + 1;
        assert_eq!(line_col(source, offset), (1, 10));
        assert_eq!(line_col("é,b", 3), (1, 3));
    }

    #[test]
    fn clamps_offsets_past_the_end_or_inside_a_character() {
        assert_eq!(line_col("ab", 99), (1, 3));
        assert_eq!(line_col("é", 1), (1, 1));
    }

    #[test]
    fn a_span_on_the_cr_of_a_crlf_is_at_the_line_end() {
        let source = "\"\r\nfacet";
        let loc = Location::at(source, 2..3);
        assert_eq!((loc.line, loc.column, loc.line_text.as_str()), (1, 2, "\""));
    }

    #[test]
    fn keeps_the_line_text_without_carriage_return() {
        let loc = Location::at("a,b\r\nc,dd\r\n", 7..9);
        assert_eq!((loc.line, loc.column), (2, 3));
        assert_eq!(loc.line_text, "c,dd");
        assert_eq!(loc.span, 2..4);
    }

    #[test]
    fn clips_a_multiline_span_to_its_first_line() {
        let loc = Location::at("abc\ndef", 1..6);
        assert_eq!(loc.line_text, "abc");
        assert_eq!(loc.span, 1..3);
    }

    #[test]
    fn finds_an_offset_from_line_and_column() {
        let loc = Location::at_line_col("ab\nمشروع x\n", 2, 7);
        assert_eq!((loc.line, loc.column), (2, 7));
        assert_eq!(&loc.line_text[loc.span.clone()], "x");
    }
}
