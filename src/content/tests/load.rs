//! The whole stage on small sites written to a temporary folder.

use std::path::Path;

use super::super::{Content, DocumentKind, load};
use crate::diagnostics::{Diagnostics, Severity};

fn languages() -> Vec<String> {
    vec!["fr".to_string(), "ar".to_string()]
}

fn site(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, text) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap_or(Path::new("."))).expect("folder");
        std::fs::write(path, text).expect("file");
    }
    dir
}

fn load_site(files: &[(&str, &str)], drafts: bool) -> (Content, Diagnostics) {
    let dir = site(files);
    let mut diagnostics = Diagnostics::new();
    let content = load(dir.path(), &languages(), drafts, &mut diagnostics);
    (content, diagnostics)
}

fn lines(diagnostics: &Diagnostics) -> Vec<String> {
    diagnostics.iter().map(ToString::to_string).collect()
}

const FR: &str = "+++\ntitle = \"Convention\"\ndate = 2023-08-08\n+++\nTexte.\n";
const AR: &str = "+++\ntitle = \"اتفاقية\"\ndate = \"2023-08-08\"\n+++\nنص.\n";

#[test]
fn links_translations_by_shared_name() {
    let (content, diagnostics) = load_site(
        &[
            ("content/news/2023-08-08-convention.fr.md", FR),
            ("content/news/2023-08-08-convention.ar.md", AR),
            ("content/pages/2023-08-08-convention.fr.md", FR),
        ],
        false,
    );
    assert!(diagnostics.is_empty(), "{:?}", lines(&diagnostics));
    let fr = content
        .find(DocumentKind::Article, "2023-08-08-convention", "fr")
        .expect("the French article");
    let others: Vec<_> = content.translations(fr).map(|d| d.lang.as_str()).collect();
    assert_eq!(others, ["ar"]);
    let page = &content.pages[0];
    assert_eq!(content.translations(page).count(), 0);
    assert_eq!(
        fr.source,
        Path::new("content/news/2023-08-08-convention.fr.md")
    );
    assert_eq!(fr.html, "<p>Texte.</p>\n");
    assert_eq!(fr.text, "Texte.");
}

#[test]
fn leaves_drafts_out() {
    let draft = "+++\ntitle = \"Brouillon\"\ndate = 2024-01-01\ndraft = true\n+++\n";
    let files = [
        ("content/news/brouillon.fr.md", draft),
        ("content/news/a.fr.md", FR),
    ];
    let (content, _) = load_site(&files, false);
    assert_eq!(content.articles.len(), 1);
    let (content, _) = load_site(&files, true);
    assert_eq!(content.articles.len(), 2);
    assert!(content.articles[0].front.draft);
}

#[test]
fn sorts_articles_newest_first_then_by_name_and_language() {
    let newer = "+++\ntitle = \"B\"\ndate = 2024-05-01\n+++\n";
    let (content, _) = load_site(
        &[
            ("content/news/a.fr.md", FR),
            ("content/news/a.ar.md", AR),
            ("content/news/b.fr.md", newer),
            ("content/news/c.fr.md", FR),
        ],
        false,
    );
    let order: Vec<_> = content
        .articles
        .iter()
        .map(|d| format!("{}.{}", d.key, d.lang))
        .collect();
    assert_eq!(order, ["b.fr", "a.ar", "a.fr", "c.fr"]);
}

#[test]
fn rejects_unknown_language_suffix_with_hint() {
    let (content, diagnostics) = load_site(&[("content/pages/programme.en.md", FR)], false);
    assert!(content.pages.is_empty());
    let d = diagnostics.iter().next().expect("one diagnostic");
    assert_eq!(
        d.to_string(),
        "content/pages/programme.en.md: error: `en` is not one of the site's languages"
    );
    assert!(d.hint.as_deref().unwrap_or_default().contains("fr, ar"));
}

#[test]
fn reports_toml_error_at_line_in_markdown_file() {
    let text = "+++\ntitle = \"Convention\"\ndate = 08/08/2023\n+++\n";
    let (_, diagnostics) = load_site(&[("content/news/a.fr.md", text)], false);
    let all = lines(&diagnostics);
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(all[0].starts_with("content/news/a.fr.md:3:"), "{all:?}");
}

#[test]
fn reports_a_string_that_is_not_a_date_at_its_value() {
    let text = "\u{feff}+++\r\ntitle = \"Convention\"\r\ndate = \"08/08/2023\"\r\n+++\r\n";
    let (_, diagnostics) = load_site(&[("content/news/a.fr.md", text)], false);
    let all = lines(&diagnostics);
    assert_eq!(
        all,
        ["content/news/a.fr.md:3:8: error: \"08/08/2023\" is not a date in the form YYYY-MM-DD"]
    );
}

#[test]
fn tolerates_bom_and_crlf() {
    let text = "\u{feff}+++\r\ntitle = \"Programme\"\r\n+++\r\n# Titre\r\n";
    let (content, diagnostics) = load_site(&[("content/pages/programme.fr.md", text)], false);
    assert!(diagnostics.is_empty(), "{:?}", lines(&diagnostics));
    assert_eq!(content.pages[0].headings[0].id, "titre");
}

#[test]
fn sanitises_raw_script_with_warning() {
    let text = "+++\ntitle = \"T\"\n+++\nTexte.\n\n<script>alert(1)</script>\n";
    let (content, diagnostics) = load_site(&[("content/pages/p.fr.md", text)], false);
    let d = diagnostics.iter().next().expect("a warning");
    assert_eq!(d.severity, Severity::Warning);
    assert!(
        d.to_string()
            .starts_with("content/pages/p.fr.md:6:1: warning:"),
        "{d}"
    );
    assert!(
        !content.pages[0].html.contains("script"),
        "{}",
        content.pages[0].html
    );
}

#[test]
fn refuses_javascript_link_at_its_line() {
    let text = "+++\ntitle = \"T\"\n+++\n\nVoir [ici](javascript:alert(1)).\n";
    let (content, diagnostics) = load_site(&[("content/pages/p.fr.md", text)], false);
    assert!(content.pages.is_empty());
    assert_eq!(
        lines(&diagnostics),
        ["content/pages/p.fr.md:5:12: error: this link uses a `javascript:` URL, which is refused"]
    );
}

#[test]
fn reports_every_problem_of_every_file() {
    let (content, diagnostics) = load_site(
        &[
            ("content/news/sans-date.fr.md", "+++\ntitle = \"T\"\n+++\n"),
            ("content/news/Mauvais Nom.fr.md", FR),
            ("content/pages/ouvert.fr.md", "+++\ntitle = \"T\"\n"),
            ("content/pages/ok.ar.md", AR),
        ],
        false,
    );
    assert_eq!(content.pages.len(), 1);
    assert_eq!(diagnostics.error_count(), 3, "{:?}", lines(&diagnostics));
}

#[test]
fn reads_nothing_when_the_folders_are_missing() {
    let (content, diagnostics) = load_site(&[], false);
    assert_eq!(content, Content::default());
    assert!(diagnostics.is_empty());
}

#[test]
fn loads_the_default_site_content_without_problems() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diagnostics = Diagnostics::new();
    let content = load(root, &languages(), false, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{:?}", lines(&diagnostics));
    assert!(content.articles.len() >= 6 && content.pages.len() >= 2);
    for doc in content.articles.iter().chain(&content.pages) {
        assert_eq!(
            content.translations(doc).count(),
            1,
            "{}",
            doc.source.display()
        );
    }
    let first = content.articles.last().expect("the first article");
    assert_eq!(first.key, "2023-08-08-convention-ess");
}
