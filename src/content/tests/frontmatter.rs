//! Front matter: fences, TOML errors placed in the file, validation.

use std::path::Path;

use jiff::civil::date;

use super::super::frontmatter::{FrontMatter, parse, split};
use crate::diagnostics::Diagnostic;

fn read(source: &str, require_date: bool) -> Result<FrontMatter, Vec<Diagnostic>> {
    let split = split(source).map_err(|d| vec![*d])?;
    parse(source, &split, Path::new("a.fr.md"), require_date)
}

fn errors(source: &str, require_date: bool) -> Vec<String> {
    read(source, require_date)
        .err()
        .unwrap_or_default()
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn rejects_unclosed_front_matter() {
    let error = split("+++\ntitle = \"T\"\n\nTexte").expect_err("not closed");
    assert_eq!(error.message, "the front matter is not closed");
    assert!(error.hint.is_some());
}

#[test]
fn rejects_a_file_without_front_matter() {
    let error = split("# Titre\n").expect_err("no front matter");
    assert_eq!(error.message, "the file does not start with front matter");
}

#[test]
fn splits_body_after_the_closing_fence() {
    let source = "+++\r\ntitle = \"T\"\r\n+++  \r\nCorps";
    let parts = split(source).expect("closed");
    assert_eq!(parts.front, "title = \"T\"\r\n");
    assert_eq!(parts.body, "Corps");
    assert_eq!(&source[parts.body_start..], "Corps");
}

#[test]
fn reports_toml_error_at_line_in_markdown_file() {
    let all = errors("+++\ntitle = \"T\"\ntags = [\"a\",\n+++\n", false);
    assert_eq!(all.len(), 1, "{all:?}");
    assert!(
        all[0].starts_with("a.fr.md:3:13: error: the front matter is not valid"),
        "{all:?}"
    );
    let all = errors("+++\ntitle = \"T\"\ndraft = \"oui\"\n+++\n", false);
    assert!(
        all[0].starts_with("a.fr.md:3:9: error: the front matter is not valid"),
        "{all:?}"
    );
}

#[test]
fn accepts_a_toml_date_or_an_iso_string() {
    let front = read(
        "+++\ntitle = \"T\"\ndate = 2023-08-08\nupdated = \"2023-09-01\"\n+++\n",
        true,
    );
    let front = front.expect("valid");
    assert_eq!(front.date, Some(date(2023, 8, 8)));
    assert_eq!(front.updated, Some(date(2023, 9, 1)));
}

#[test]
fn rejects_dates_that_are_not_dates() {
    assert_eq!(
        errors("+++\ntitle = \"T\"\ndate = \"2023-02-30\"\n+++\n", true),
        ["a.fr.md:3:8: error: 2023-02-30 is not a day of the calendar"]
    );
    assert_eq!(
        errors("+++\ntitle = \"T\"\ndate = 2023\n+++\n", true),
        ["a.fr.md:3:8: error: expected a date, found an integer"]
    );
    assert_eq!(
        errors(
            "+++\ntitle = \"T\"\ndate = 2023-08-08T10:00:00\n+++\n",
            true
        ),
        ["a.fr.md:3:8: error: the date has a time of day; give the day only"]
    );
}

#[test]
fn rejects_unknown_key_with_did_you_mean() {
    let result = read("+++\ntitle = \"T\"\nsumary = \"S\"\n+++\n", false);
    let errors = result.err().unwrap_or_default();
    assert_eq!(
        errors[0].to_string(),
        "a.fr.md:3:1: error: unknown front matter key `sumary`"
    );
    assert_eq!(errors[0].hint.as_deref(), Some("did you mean `summary`?"));
}

#[test]
fn requires_a_non_empty_title() {
    assert_eq!(
        errors("+++\n+++\n", false),
        ["a.fr.md:1:1: error: the front matter has no title"]
    );
    assert_eq!(
        errors("+++\ntitle = \"  \"\n+++\n", false),
        ["a.fr.md:2:9: error: the title is empty"]
    );
}

#[test]
fn requires_a_date_for_articles_only() {
    assert_eq!(
        errors("+++\ntitle = \"T\"\n+++\n", true),
        ["a.fr.md:1:1: error: this article has no date"]
    );
    assert!(read("+++\ntitle = \"T\"\n+++\n", false).is_ok());
}

#[test]
fn requires_alt_text_for_an_image() {
    let all = errors(
        "+++\ntitle = \"T\"\nimage = { src = \"/a.jpg\" }\n+++\n",
        false,
    );
    assert_eq!(
        all,
        ["a.fr.md:3:9: error: the image has no text alternative (alt)"]
    );
    let front = read(
        "+++\ntitle = \"T\"\n[image]\nsrc = \"/a.jpg\"\nalt = \"Atelier\"\n+++\n",
        false,
    );
    let image = front.expect("valid").image.expect("an image");
    assert_eq!(
        (image.src.as_str(), image.alt.as_str()),
        ("/a.jpg", "Atelier")
    );
}

#[test]
fn keeps_tags_trimmed_and_once() {
    let front = read(
        "+++\ntitle = \"T\"\ntags = [\"ESS\", \" ESS \", \"femmes\"]\n+++\n",
        false,
    );
    assert_eq!(front.expect("valid").tags, ["ESS", "femmes"]);
}

#[test]
fn reports_every_unknown_key_and_still_checks_the_rest() {
    let all = errors(
        "+++\ntitre = \"T\"\ndate = \"hier\"\n[image]\nsrc = \"/a.jpg\"\nalte = \"x\"\n+++\n",
        true,
    );
    assert_eq!(
        all,
        [
            "a.fr.md:2:1: error: unknown front matter key `titre`",
            "a.fr.md:6:1: error: unknown front matter key `alte`",
            "a.fr.md:1:1: error: the front matter has no title",
            "a.fr.md:3:8: error: \"hier\" is not a date in the form YYYY-MM-DD",
            "a.fr.md:4:1: error: the image has no text alternative (alt)",
        ]
    );
}

/// Either front matter with a title, or errors each placed in the file.
fn assert_shape(source: &str, result: &Result<FrontMatter, Vec<Diagnostic>>) {
    match result {
        Ok(front) => assert!(!front.title.trim().is_empty(), "{source:?}"),
        Err(problems) => {
            assert!(!problems.is_empty(), "{source:?}");
            for problem in problems {
                assert_eq!(problem.severity, crate::diagnostics::Severity::Error);
                assert!(problem.hint.is_some(), "{problem}");
                let location = problem.location.as_ref();
                assert!(
                    location.is_some_and(|l| l.line >= 1 && l.column >= 1),
                    "{problem}"
                );
            }
        }
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_on_any_front_matter(front in "\\PC*", body in "\\PC*") {
        let source = format!("+++\n{front}\n+++\n{body}");
        let parts = split(&source).expect("fenced");
        let result = parse(&source, &parts, Path::new("a.fr.md"), true);
        assert_shape(&source, &result);
        if let Ok(parts) = split(&front) {
            let result = parse(&front, &parts, Path::new("a.fr.md"), false);
            assert_shape(&front, &result);
        }
    }
}

#[test]
fn refuses_control_characters_at_their_line_and_column() {
    let all = errors(
        "+++\r\ntitle = \"Le\u{b}titre\"\r\nsummary = \"a\u{0}b\"\r\n+++\r\n",
        false,
    );
    assert_eq!(
        all,
        [
            "a.fr.md:2:12: error: the front matter holds an invisible control character (U+000B)",
            "a.fr.md:3:13: error: the front matter holds an invisible control character (U+0000)",
        ]
    );
    let front =
        read("+++\r\ntitle = \"T\tx\"\r\n+++\r\n", false).expect("CRLF and tab are welcome");
    assert_eq!(front.title, "T\tx");
}
