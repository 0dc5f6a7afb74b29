//! Control characters in text input: each one refused where it is.

use std::path::Path;

use super::{Diagnostic, Location};
use crate::input_text::forbidden_control_char;

/// At most this many are reported per file: a binary file would give
/// thousands.
const MAX_REPORTED: usize = 20;

/// An error at each control character of `text` that Bayan refuses (see
/// [`forbidden_control_char`]), up to [`MAX_REPORTED`].
pub fn control_characters(file: &Path, text: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut from = 0;
    while let Some((offset, c)) = text.get(from..).and_then(forbidden_control_char) {
        let at = from + offset;
        found.push(refused(file, text, at, c));
        from = at + c.len_utf8();
        if found.len() == MAX_REPORTED {
            break;
        }
    }
    found
}

fn refused(file: &Path, text: &str, at: usize, c: char) -> Diagnostic {
    let code = format!("U+{:04X}", u32::from(c));
    let what = match name(c) {
        Some(name) => format!("{code} ({name})"),
        None => code,
    };
    let hint = if c == '\r' {
        "end every line the same way: LF, or CR followed by LF"
    } else {
        "delete it: it is invisible in most editors and spreadsheets, and could disturb a terminal or a page"
    };
    Diagnostic::error(format!("this file holds the control character {what}"))
        .at(file, Location::at(text, at..at + c.len_utf8()))
        .with_label("a control character")
        .with_hint(hint)
}

fn name(c: char) -> Option<&'static str> {
    Some(match c {
        '\0' => "null",
        '\u{7}' => "bell",
        '\u{8}' => "backspace",
        '\u{b}' => "vertical tab",
        '\u{c}' => "form feed",
        '\r' => "a carriage return that ends no line",
        '\u{1b}' => "escape",
        '\u{7f}' => "delete",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_each_control_character_at_its_line_and_column() {
        let text = "a,b\r\nx\u{1b}[31m,y\r\n\tz,\0\n";
        let found = control_characters(Path::new("t.csv"), text);
        let positions: Vec<String> = found.iter().map(Diagnostic::position).collect();
        assert_eq!(positions, ["t.csv:2:2", "t.csv:3:4"]);
        assert_eq!(
            found[0].message,
            "this file holds the control character U+001B (escape)"
        );
        assert_eq!(
            found[1].message,
            "this file holds the control character U+0000 (null)"
        );
    }

    #[test]
    fn stops_after_twenty() {
        let text = "\u{1}".repeat(100);
        assert_eq!(
            control_characters(Path::new("t"), &text).len(),
            MAX_REPORTED
        );
    }
}
