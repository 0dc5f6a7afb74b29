//! Markdown rendering: extensions, ids, safety, plain text.

use proptest::prelude::*;

use super::super::markdown::{RawHtml, markdown_to_html, render, render_with};
use crate::diagnostics::Severity;

#[test]
fn renders_tables_footnotes_and_strikethrough() {
    let html =
        markdown_to_html("| a | b |\n|---|--:|\n| 1 | 2 |\n\nNote[^1] ~~old~~\n\n[^1]: Source.\n")
            .html;
    assert!(html.contains("<table>"), "{html}");
    assert!(html.contains("footnote-reference"), "{html}");
    assert!(html.contains("<del>old</del>"), "{html}");
}

#[test]
fn wraps_tables_so_they_scroll() {
    let html = markdown_to_html("| a |\n|---|\n| 1 |\n").html;
    assert!(
        html.starts_with("<div class=\"table-scroll\" tabindex=\"0\"><table>"),
        "{html}"
    );
    assert!(html.trim_end().ends_with("</table>\n</div>"), "{html}");
}

#[test]
fn makes_images_lazy_with_alt_text() {
    let html = markdown_to_html("![Atelier *de* couture](</img/a b.jpg> \"Titre\")").html;
    assert_eq!(
        html,
        "<p><img src=\"/img/a%20b.jpg\" alt=\"Atelier de couture\" title=\"Titre\" loading=\"lazy\" decoding=\"async\"></p>\n"
    );
}

#[test]
fn gives_headings_stable_unique_ids() {
    let rendered = markdown_to_html(
        "# Objectifs\n\n## Objectifs\n\n## لجنة التتبع\n\n### `code` et *texte*\n",
    );
    let ids: Vec<_> = rendered.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(
        ids,
        ["objectifs", "objectifs-1", "لجنة-التتبع", "code-et-texte"]
    );
    assert_eq!(rendered.headings[3].level, 3);
    assert_eq!(rendered.headings[3].text, "code et texte");
    assert!(
        rendered.html.contains("<h2 id=\"لجنة-التتبع\">"),
        "{}",
        rendered.html
    );
}

#[test]
fn sanitises_raw_script_with_warning() {
    let (rendered, issues) =
        render("Texte\n\n<div onclick=\"x()\">\n<script>alert(1)</script>\n</div>\n");
    assert!(
        !rendered.html.contains("script") && !rendered.html.contains("onclick"),
        "{}",
        rendered.html
    );
    assert!(rendered.html.contains("<div>"), "{}", rendered.html);
    let found: Vec<_> = issues.iter().map(|i| (i.severity, i.span.start)).collect();
    assert_eq!(found, [(Severity::Warning, 12), (Severity::Warning, 27)]);
}

#[test]
fn keeps_generated_markup_when_raw_html_is_sanitised() {
    let source = "# Titre\n\n<span>x</span>\n\n| a |\n|:-:|\n| 1 |\n\n![alt](/a.jpg)\n";
    let (rendered, issues) = render(source);
    assert!(issues.is_empty(), "{issues:?}");
    for part in [
        "<h1 id=\"titre\">",
        "class=\"table-scroll\"",
        "tabindex=\"0\"",
        "loading=\"lazy\"",
        "text-align",
    ] {
        assert!(rendered.html.contains(part), "{part} in {}", rendered.html);
    }
}

#[test]
fn refuses_code_running_urls_in_links_and_images() {
    let (rendered, issues) = render("[a](javascript:x) ![b](data:image/png;base64,x) <vbscript:x>");
    assert_eq!(issues.len(), 3, "{issues:?}");
    assert!(issues.iter().all(|i| i.severity == Severity::Error));
    assert_eq!(issues[0].span, 4..16);
    assert!(
        !rendered.html.contains("javascript") && !rendered.html.contains("data:"),
        "{}",
        rendered.html
    );
}

#[test]
fn keeps_links_to_external_sites() {
    let (rendered, issues) = render("[AECID](https://www.aecid.es/) et <https://example.org>");
    assert!(issues.is_empty());
    assert!(
        rendered
            .html
            .contains("<a href=\"https://www.aecid.es/\">AECID</a>"),
        "{}",
        rendered.html
    );
}

#[test]
fn gives_plain_text_for_search() {
    let text = markdown_to_html("# Titre\n\nUn *texte*\navec `code`.\n\n- un\n- deux\n").text;
    assert_eq!(text, "Titre Un texte avec code. un deux");
}

/// Issues placed inside the source, each with a hint; without an error,
/// unique heading ids clear of the theme's and HTML with no script.
fn assert_shape(source: &str, policy: RawHtml) {
    let (rendered, issues) = render_with(source, policy);
    for issue in &issues {
        assert!(
            source.get(issue.span.clone()).is_some(),
            "{source:?}: {issue:?}"
        );
        assert!(
            !issue.message.is_empty() && issue.hint.is_some(),
            "{issue:?}"
        );
    }
    if issues.iter().any(|i| i.severity == Severity::Error) {
        return;
    }
    let mut ids = std::collections::HashSet::new();
    for heading in &rendered.headings {
        assert!(
            !heading.id.is_empty() && ids.insert(heading.id.as_str()),
            "{source:?}"
        );
        assert!(!super::super::ids::THEME_IDS.contains(&heading.id.as_str()));
        assert!(
            rendered.html.contains(&format!(" id=\"{}\"", heading.id)),
            "{}",
            rendered.html
        );
    }
    if policy == RawHtml::Sanitize {
        assert!(!rendered.html.contains("<script"), "{}", rendered.html);
    }
}

proptest! {
    #[test]
    fn never_panics_on_any_input(source in "\\PC*") {
        assert_shape(&source, RawHtml::Sanitize);
        assert_shape(&source, RawHtml::Trust);
    }

    #[test]
    fn never_panics_on_html_like_input(source in "[<>a-z =\"'/!\\-:\n|#\\[\\]()é]{0,80}") {
        assert_shape(&source, RawHtml::Sanitize);
        assert_shape(&source, RawHtml::Trust);
    }
}

#[test]
fn sanitises_raw_html_by_default_with_a_warning_at_its_place() {
    let markdown = "Texte\n\n<p onclick=\"x()\">Bonjour</p>\n";
    let (rendered, issues) = render_with(markdown, RawHtml::Sanitize);
    assert!(!rendered.html.contains("onclick"), "{}", rendered.html);
    let issue = issues.first().expect("a warning");
    assert_eq!(issue.severity, Severity::Warning);
    assert_eq!(&markdown[issue.span.clone()], "onclick=\"x()\"");

    let (trusted, issues) = render_with(markdown, RawHtml::Trust);
    assert!(trusted.html.contains("onclick"), "{}", trusted.html);
    assert!(issues.is_empty(), "{issues:?}");
}

#[test]
fn refuses_code_urls_even_when_raw_html_is_trusted() {
    for markdown in ["<a href=\"javascript:x()\">a</a>", "[a](javascript:x())"] {
        let (_, issues) = render_with(markdown, RawHtml::Trust);
        assert!(
            issues.iter().any(|i| i.severity == Severity::Error),
            "{markdown}: {issues:?}"
        );
    }
}
