//! Every input the fuzzers kept (`fuzz/corpus/TARGET/`) and every crash
//! they found (`tests/fixtures/corpus/fuzz/TARGET/`), replayed through the
//! same library calls as the fuzz targets, in the normal test suite.

use std::path::{Path, PathBuf};

use bayan::content::{DocumentKind, RawHtml, check_source, render_with};
use bayan::diagnostics::Severity;

/// The schema the CSV target uses for inputs without one.
const SCHEMA: &str = include_str!("../../fuzz/fuzz_targets/csv_schema.schema.toml");

fn inputs(target: &str) -> Vec<PathBuf> {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        repo.join("fuzz/corpus").join(target),
        repo.join("tests/fixtures/corpus/fuzz").join(target),
    ] {
        for entry in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
            files.push(entry.path());
        }
    }
    files.sort();
    files
}

#[test]
fn the_csv_loader_never_panics_on_fuzzed_inputs() {
    let languages = ["fr".to_string(), "ar".to_string()];
    let files = inputs("csv_schema");
    assert!(!files.is_empty());
    let mut positioned = 0;
    for file in files {
        let Ok(data) = std::fs::read(&file) else {
            continue;
        };
        let (schema, csv) = match data.iter().position(|b| *b == 0) {
            Some(nul) => (
                String::from_utf8_lossy(&data[..nul]).into_owned(),
                &data[nul + 1..],
            ),
            None => (SCHEMA.to_string(), &data[..]),
        };
        let name = file.display();
        for diagnostic in bayan::data::check_sources(&schema, csv.to_vec(), &languages) {
            assert!(!diagnostic.message.is_empty(), "{name}");
            // Every problem names its file, and a position is a real one.
            assert!(diagnostic.file.is_some(), "{name}: no file: {diagnostic}");
            if let Some(location) = &diagnostic.location {
                assert!(
                    location.line >= 1 && location.column >= 1,
                    "{name}: {diagnostic}"
                );
                positioned += 1;
            }
            let _ = bayan::diagnostics::report::human(&diagnostic);
        }
    }
    assert!(
        positioned > 100,
        "the corpus holds bad CSV: {positioned} positioned diagnostics"
    );
}

#[test]
fn front_matter_and_markdown_never_panic_on_fuzzed_inputs() {
    let mut files = inputs("front_matter");
    files.extend(inputs("markdown"));
    assert!(!files.is_empty());
    // Diagnostics of refused documents, and warnings of accepted ones.
    let mut outcomes = [0, 0];
    for file in files {
        // A fuzzer running meanwhile may have removed it.
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        let name = file.display().to_string();
        for kind in [DocumentKind::Article, DocumentKind::Page] {
            let (document, diagnostics) = check_source(kind, &text, RawHtml::Sanitize);
            // A document comes back exactly when nothing was an error.
            assert_eq!(document.is_some(), !diagnostics.has_errors(), "{name}");
            let lines = text.split('\n').count();
            for diagnostic in diagnostics.iter() {
                let location = diagnostic.location.as_ref();
                let location =
                    location.unwrap_or_else(|| panic!("{name}: no position: {diagnostic}"));
                assert!(
                    location.line >= 1 && location.line <= lines,
                    "{name}: {diagnostic}"
                );
                outcomes[usize::from(document.is_some())] += 1;
                let _ = bayan::diagnostics::report::human(diagnostic);
            }
        }
        let (rendered, _) = render_with(&text, RawHtml::Sanitize);
        let html = format!("<!DOCTYPE html><title>t</title>{}", rendered.html);
        let name = file.display().to_string();
        crate::escaping::check_html(&name, &html);
        let _ = render_with(&text, RawHtml::Trust);
    }
    assert!(
        outcomes.iter().all(|n| *n > 0),
        "the corpus has both outcomes: {outcomes:?}"
    );
}

#[test]
fn site_toml_gets_a_config_or_diagnostics_inside_the_text_on_fuzzed_inputs() {
    let files = inputs("site_toml");
    assert!(!files.is_empty());
    let mut positioned = 0;
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        let mut diagnostics = bayan::diagnostics::Diagnostics::new();
        let config = bayan::config::parse(Path::new("site"), &text, &mut diagnostics);
        let name = file.display();
        assert_eq!(config.is_some(), !diagnostics.has_errors(), "{name}");
        for diagnostic in diagnostics.iter() {
            let _ = bayan::diagnostics::report::human(diagnostic);
            let location = diagnostic.location.as_ref();
            let location = location.unwrap_or_else(|| panic!("{name}: no position: {diagnostic}"));
            let line = text.split('\n').nth(location.line - 1);
            let line = line.unwrap_or_else(|| panic!("{name}: line outside: {diagnostic}"));
            let line = line.strip_suffix('\r').unwrap_or(line);
            assert_eq!(location.line_text, line, "{name}");
            assert!(location.column >= 1, "{name}");
            assert!(location.column <= line.chars().count() + 1, "{name}");
            positioned += 1;
        }
    }
    assert!(positioned > 0, "some fuzzed inputs are invalid");
}

#[path = "../../fuzz/oracle/raw_html.rs"]
mod raw_html_oracle;

/// HTML the oracle itself must see as running code.
const SCHEME_TRICKS: [&str; 5] = [
    "<a href=\"&#106avascript:x\">a</a>",
    "<img srcset=\"a.png 1x, &#x6A;avascript:x 2x\">",
    "<meta http-equiv=Refresh content=\"0;URL='javascript:x'\">",
    "<template><svg><a xlink:href=\" javascript:x\">a</a></svg></template>",
    "<iframe srcdoc=\"<a href=&quot;vbscript:x&quot;>a</a>\"></iframe>",
];

/// The `raw_html` target's inputs: a document that renders without an error
/// holds no URL that runs code, in either policy, as a browser reads it.
#[test]
fn raw_html_never_publishes_a_code_url_on_fuzzed_inputs() {
    for trick in SCHEME_TRICKS {
        assert!(
            raw_html_oracle::code_url(trick).is_some(),
            "the oracle misses {trick}"
        );
    }
    let files = inputs("raw_html");
    assert!(files.len() >= 10, "{files:?}");
    let mut refused = 0;
    for file in files {
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for policy in [RawHtml::Trust, RawHtml::Sanitize] {
            let (rendered, issues) = render_with(&text, policy);
            for issue in &issues {
                let span = issue.span.clone();
                assert!(text.get(span).is_some(), "{}: {issue:?}", file.display());
            }
            if issues.iter().any(|i| i.severity == Severity::Error) {
                refused += 1;
                continue;
            }
            let found = raw_html_oracle::code_url(&rendered.html);
            assert!(found.is_none(), "{}: {found:?}", file.display());
        }
    }
    assert!(refused > 0, "the seeds of code URLs are refused");
}
