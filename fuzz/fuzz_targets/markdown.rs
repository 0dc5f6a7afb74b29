//! Markdown to HTML: never panics, and with the default policy the HTML
//! never holds a script element, an event handler attribute or a link that
//! runs code, whatever raw HTML or link the Markdown holds.
#![no_main]

use bayan::content::{RawHtml, render_with};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    let (rendered, issues) = render_with(markdown, RawHtml::Sanitize);
    for issue in &issues {
        assert!(issue.span.start <= issue.span.end && issue.span.end <= markdown.len());
    }
    let html = rendered.html.to_ascii_lowercase();
    for tag in tags(&html) {
        assert!(is_inert(tag), "unsafe tag {tag} in {html}");
    }
    let _ = render_with(markdown, RawHtml::Trust);
});

const FORBIDDEN_TAGS: [&str; 6] = ["<script", "<iframe", "<object", "<embed", "<style", "<svg"];

/// No forbidden element, no `on…=` attribute, no URL that runs code.
fn is_inert(tag: &str) -> bool {
    let name_end = tag[1..]
        .find(|c: char| !c.is_ascii_alphanumeric())
        .map_or(tag.len(), |i| i + 1);
    if FORBIDDEN_TAGS.contains(&&tag[..name_end]) {
        return false;
    }
    let mut in_quote = false;
    let bytes = tag.as_bytes();
    for i in name_end..bytes.len() {
        match bytes[i] {
            b'"' => in_quote = !in_quote,
            b if !in_quote && b.is_ascii_whitespace() => {
                let rest = &tag[i + 1..];
                let name_len = rest
                    .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
                    .unwrap_or(rest.len());
                let name = &rest[..name_len];
                if name.starts_with("on") && rest[name_len..].starts_with('=') {
                    return false;
                }
                if matches!(name, "href" | "src" | "action" | "formaction" | "srcset") {
                    // As the WHATWG URL parser reads it: leading C0 controls
                    // and spaces trimmed, tabs and newlines removed anywhere.
                    let value = rest[name_len..].strip_prefix('=').unwrap_or_default();
                    let value = value.strip_prefix('"').unwrap_or(value);
                    let compact: String = value
                        .trim_start_matches(|c: char| c <= ' ')
                        .chars()
                        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                        .take(40)
                        .collect();
                    if ["javascript:", "data:", "vbscript:"]
                        .iter()
                        .any(|s| compact.starts_with(s))
                    {
                        return false;
                    }
                }
            }
            _ => {}
        }
    }
    true
}

/// The opening tags of serialised HTML (text has `<` escaped as `&lt;`),
/// each from its `<` to its `>`, quotes respected.
fn tags(html: &str) -> Vec<&str> {
    let bytes = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'<' && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            let mut in_quote = false;
            let mut j = i + 1;
            while j < bytes.len() && (in_quote || bytes[j] != b'>') {
                if bytes[j] == b'"' {
                    in_quote = !in_quote;
                }
                j += 1;
            }
            found.push(&html[i..j.min(bytes.len())]);
            i = j;
        } else {
            i += 1;
        }
    }
    found
}
