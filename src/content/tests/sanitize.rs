//! The raw HTML allow-list: what is kept, what is reported.

use super::super::html_scan::{FindingKind, scan};
use super::super::sanitize::{clean, dangerous_scheme};

fn whats(html: &str) -> Vec<String> {
    scan(html).into_iter().map(|r| r.what).collect()
}

#[test]
fn keeps_safe_html_and_reports_nothing() {
    let html = r#"<p dir="rtl" class="x">نص <abbr title="ESS">ESS</abbr> <a href="https://example.org">lien</a></p>"#;
    assert!(whats(html).is_empty(), "{:?}", whats(html));
    assert!(clean(html).contains(r#"href="https://example.org""#));
}

#[test]
fn reports_script_and_event_handlers() {
    let html = "<script>alert('<b>')</script><img src=x.png onerror=\"alert(1)\">";
    assert_eq!(
        whats(html),
        [
            "the <script> element and its content",
            "the `onerror` attribute of <img>"
        ]
    );
    let found = scan(html);
    assert_eq!(
        &html[found[1].offset..][..found[1].len],
        "onerror=\"alert(1)\""
    );
    let cleaned = clean(html);
    assert!(
        !cleaned.contains("script") && !cleaned.contains("onerror"),
        "{cleaned}"
    );
}

#[test]
fn flags_javascript_urls_even_when_encoded_as_dangerous() {
    let found = scan(r#"<a href="java&#x09;script&colon;alert(1)">x</a>"#);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].kind, FindingKind::CodeUrl);
    assert_eq!(found[0].offset, 3);
}

#[test]
fn recognises_dangerous_schemes_with_spaces_and_case() {
    assert_eq!(dangerous_scheme(" JavaScript:alert(1)"), Some("javascript"));
    assert_eq!(dangerous_scheme("data:text/html;base64,x"), Some("data"));
    assert_eq!(dangerous_scheme("vbscript:x"), Some("vbscript"));
    assert_eq!(dangerous_scheme("https://example.org/a:b"), None);
    assert_eq!(dangerous_scheme("/fr/programme/"), None);
}

#[test]
fn makes_raw_images_lazy() {
    let cleaned = clean(r#"<img src="/a.jpg" alt="Atelier">"#);
    assert!(cleaned.contains(r#"loading="lazy""#), "{cleaned}");
}

#[test]
fn reports_unknown_tags_and_keeps_their_text() {
    assert_eq!(
        whats("<iframe src=x></iframe>"),
        ["the <iframe> tag (its text is kept)"]
    );
    assert_eq!(clean("<marquee>texte</marquee>"), "texte");
}

/// Each broken fragment gives findings inside the fragment, and the one
/// that leaves something open says so.
#[test]
fn never_panics_on_broken_markup() {
    let cases = [
        ("<", None),
        ("<a", Some(FindingKind::Unclosed)),
        ("<a href=", Some(FindingKind::Unclosed)),
        ("<a href=\"", Some(FindingKind::Unclosed)),
        ("<!--", Some(FindingKind::Unclosed)),
        ("</", None),
        ("<a b='>", Some(FindingKind::Unclosed)),
        ("<é>", None),
        ("<a\u{e9}=1>", Some(FindingKind::Removed)),
    ];
    for (html, expected) in cases {
        let found = scan(html);
        for finding in &found {
            assert!(
                finding.offset + finding.len <= html.len(),
                "{html}: {found:?}"
            );
        }
        assert_eq!(found.first().map(|f| f.kind), expected, "{html}: {found:?}");
        let cleaned = clean(html);
        assert!(
            !cleaned.contains('<') || cleaned.starts_with("<a"),
            "{html}: {cleaned}"
        );
    }
}
