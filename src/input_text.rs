//! Rules for the text Bayan reads from users' files.

/// The first control character Bayan refuses in text input: any Unicode Cc other than tab, line feed and the carriage return of a CRLF line end.
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
    fn accepts_tabs_line_feeds_and_crlf_line_ends() {
        assert_eq!(forbidden_control_char("a\tb\nc\r\nd é تعاونية"), None);
    }

    #[test]
    fn refuses_escape_nul_a_lone_carriage_return_and_c1_controls() {
        assert_eq!(forbidden_control_char("ab\u{1b}[31m"), Some((2, '\u{1b}')));
        assert_eq!(forbidden_control_char("é\0"), Some((2, '\0')));
        assert_eq!(forbidden_control_char("a\rb"), Some((1, '\r')));
        assert_eq!(forbidden_control_char("a\r"), Some((1, '\r')));
        assert_eq!(forbidden_control_char("x\u{9b}"), Some((1, '\u{9b}')));
        assert_eq!(forbidden_control_char("\u{7f}"), Some((0, '\u{7f}')));
    }
}
