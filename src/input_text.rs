//! What characters a text input may hold, shared by every reader of text
//! files (front matter, CSV, site.toml): tab, line feed and the carriage
//! return of a CRLF line end are welcome; any other control character
//! (a vertical tab pasted from a word processor, NUL, ESC...) is invisible
//! in an editor, breaks TOML or the terminal, and is refused at input.

/// The first control character of `text` that is not allowed, with its
/// byte offset.
pub fn forbidden_control_char(text: &str) -> Option<(usize, char)> {
    let mut chars = text.char_indices().peekable();
    while let Some((offset, c)) = chars.next() {
        let allowed = match c {
            '\t' | '\n' => true,
            '\r' => chars.peek().is_some_and(|(_, next)| *next == '\n'),
            _ => !c.is_control(),
        };
        if !allowed {
            return Some((offset, c));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn welcomes_tabs_and_both_line_ends() {
        assert_eq!(forbidden_control_char("a\tb\nc\r\nd é ع"), None);
        assert_eq!(forbidden_control_char(""), None);
    }

    #[test]
    fn finds_other_control_characters_with_their_offset() {
        assert_eq!(forbidden_control_char("é\u{b}x"), Some((2, '\u{b}')));
        assert_eq!(forbidden_control_char("a\rb"), Some((1, '\r')));
        assert_eq!(forbidden_control_char("a\r"), Some((1, '\r')));
        assert_eq!(forbidden_control_char("\u{0}"), Some((0, '\u{0}')));
        assert_eq!(forbidden_control_char("x\u{1b}[31m"), Some((1, '\u{1b}')));
        assert_eq!(forbidden_control_char("x\u{7f}"), Some((1, '\u{7f}')));
        assert_eq!(forbidden_control_char("x\u{85}"), Some((1, '\u{85}')));
    }
}
