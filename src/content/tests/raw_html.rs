//! Raw HTML read as a browser reads it: code URLs refused in every policy,
//! unclosed raw-text elements and comments refused at their place.

use super::super::code_urls::code_urls_in;
use super::super::markdown::{Issue, RawHtml, render_with};
use crate::diagnostics::Severity;

/// Raw HTML a browser reads as a link, form, frame or refresh that runs code.
const SCHEME_TRICKS: [(&str, &str); 12] = [
    ("<a href=\"&#106avascript:alert(1)\">x</a>", "href"),
    (
        "<a href=\"&#x00000000006A;avascript:alert(1)\">x</a>",
        "href",
    ),
    (
        "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>",
        "xlink:href",
    ),
    (
        "<form><button formaction=\"javascript:alert(1)\">x</button></form>",
        "formaction",
    ),
    (
        "<form action=\"javascript:alert(1)\"><button>x</button></form>",
        "action",
    ),
    ("<object data=\"javascript:alert(1)\"></object>", "data"),
    ("<embed src=\"javascript:alert(1)\">", "src"),
    (
        "<img srcset=\"/a.png 1x, javascript:alert(1) 2x\" alt=\"\">",
        "srcset",
    ),
    (
        "<meta http-equiv=\"refresh\" content=\"0; url=javascript:alert(1)\">",
        "content",
    ),
    ("<video poster=\"javascript:alert(1)\"></video>", "poster"),
    (
        "<svg><animate attributeName=\"href\" to=\"javascript:alert(1)\"/></svg>",
        "to",
    ),
    (
        "<iframe srcdoc=\"<a href='javascript:alert(1)'>x</a>\"></iframe>",
        "srcdoc",
    ),
];

fn errors(issues: &[Issue]) -> Vec<&Issue> {
    issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .collect()
}

#[test]
fn refuses_every_scheme_trick_at_its_attribute_in_both_policies() {
    for (html, attribute) in SCHEME_TRICKS {
        let markdown = format!("Texte.\n\n{html}\n");
        for policy in [RawHtml::Trust, RawHtml::Sanitize] {
            let (_, issues) = render_with(&markdown, policy);
            let errors = errors(&issues);
            assert_eq!(errors.len(), 1, "{policy:?} {html}: {issues:?}");
            let at = &markdown[errors[0].span.clone()];
            assert!(at.starts_with(attribute), "{policy:?} {html}: {at}");
            assert!(
                errors[0].message.contains("URL that runs code"),
                "{}",
                errors[0].message
            );
        }
    }
}

#[test]
fn the_browser_parse_finds_every_scheme_trick() {
    for (html, _) in SCHEME_TRICKS {
        let found = code_urls_in(html);
        assert_eq!(found.len(), 1, "{html}: {found:?}");
    }
    assert!(code_urls_in("<a href=\"/fr/\">x</a><img srcset=\"a.png 1x, b.png 2x\">").is_empty());
    assert!(code_urls_in("<meta http-equiv=refresh content=\"5; url=/fr/\">").is_empty());
}

#[test]
fn keeps_trusted_raw_html_without_code_urls() {
    let markdown =
        "<iframe src=\"https://example.org/carte\"></iframe>\n\n<p onclick=\"x()\">a</p>\n";
    let (rendered, issues) = render_with(markdown, RawHtml::Trust);
    assert!(issues.is_empty(), "{issues:?}");
    assert!(
        rendered
            .html
            .contains("<iframe src=\"https://example.org/carte\">")
    );
}

/// Each element that swallows what follows, written inline or as a block.
const UNCLOSED: [&str; 9] = [
    "<script>",
    "<!--",
    "<xmp>",
    "<title>",
    "<textarea>",
    "<style>",
    "<iframe>",
    "<noscript>",
    "<plaintext>",
];

#[test]
fn refuses_an_unclosed_raw_text_element_or_comment_at_its_place() {
    for opening in UNCLOSED {
        let mut cases = vec![format!("Texte.\n\n{opening} note\n\nParagraphe perdu.\n")];
        // Markdown reads an unclosed comment inside a line as text.
        if opening != "<!--" {
            cases.push(format!("Inline {opening} here\n\nParagraphe perdu.\n"));
        }
        for markdown in cases {
            for policy in [RawHtml::Trust, RawHtml::Sanitize] {
                let (_, issues) = render_with(&markdown, policy);
                let errors = errors(&issues);
                assert_eq!(errors.len(), 1, "{policy:?} {markdown}: {issues:?}");
                let span = errors[0].span.clone();
                let tag = opening.trim_end_matches('>');
                assert!(markdown[span].starts_with(tag), "{markdown}: {issues:?}");
                assert!(errors[0].message.contains("never closed"), "{issues:?}");
            }
        }
    }
}

#[test]
fn shows_an_unclosed_comment_inside_a_line_as_text() {
    let (rendered, issues) = render_with("Inline <!-- here\n\nSuite.\n", RawHtml::Trust);
    assert!(issues.is_empty(), "{issues:?}");
    assert!(rendered.html.contains("&lt;!-- here") && rendered.html.contains("Suite"));
}

#[test]
fn accepts_raw_text_elements_closed_in_a_later_block() {
    let markdown = "<!-- début\n\nsuite -->\n\nTexte <xmp>a</xmp> et <textarea>b</textarea>.\n";
    let (rendered, issues) = render_with(markdown, RawHtml::Trust);
    assert!(errors(&issues).is_empty(), "{issues:?}");
    assert!(rendered.html.contains("Texte"), "{}", rendered.html);
}

#[test]
fn refuses_nesting_too_deep_at_the_level_past_the_limit() {
    let n = 50_000;
    let quotes = format!("Texte\n\n{}<b>x</b>\n", "> ".repeat(n));
    let divs = format!("Texte\n\n{}x\n", "<div>".repeat(n));
    for (markdown, at) in [(quotes, 7 + 2 * 100), (divs, 7 + 5 * 100)] {
        for policy in [RawHtml::Trust, RawHtml::Sanitize] {
            let (rendered, issues) = render_with(&markdown, policy);
            assert_eq!(issues.len(), 1, "{issues:?}");
            assert_eq!(issues[0].severity, Severity::Error);
            assert_eq!(issues[0].span.start, at, "{:?}", issues[0]);
            assert!(
                issues[0].message.contains("nested more than 100"),
                "{issues:?}"
            );
            assert!(rendered.html.is_empty());
        }
    }
}

#[test]
fn accepts_nesting_up_to_the_limit_and_list_items_left_open() {
    let quotes = format!("{}x\n", "> ".repeat(50));
    let items = format!("<ul>{}</ul>\n", "<li>a".repeat(500));
    for markdown in [quotes, items] {
        let (rendered, issues) = render_with(&markdown, RawHtml::Sanitize);
        assert!(issues.is_empty(), "{issues:?}");
        assert!(rendered.html.contains('a') || rendered.html.contains('x'));
    }
}
