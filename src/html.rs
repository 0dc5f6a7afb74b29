//! Escaping for the HTML and XML that Bayan writes itself (templates escape
//! on their own): one well-tested escaper, the one pulldown-cmark uses.

/// Text for HTML or XML content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// A URL for an `href` or `src` attribute: spaces and unsafe characters
/// percent-encoded, then escaped for the attribute.
pub fn escape_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    let _ = pulldown_cmark_escape::escape_href(&mut out, url);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<a href=\"x\">Tom & Jerry</a>"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&lt;/a&gt;"
        );
        assert_eq!(escape("تعاونية"), "تعاونية");
    }

    #[test]
    fn encodes_spaces_and_quotes_in_urls() {
        assert_eq!(escape_url("/images/a b.jpg"), "/images/a%20b.jpg");
        assert!(!escape_url("x\" onerror=\"y").contains('"'));
    }
}
