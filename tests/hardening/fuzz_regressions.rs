//! Every input the fuzzers kept (`fuzz/corpus/TARGET/`) and every crash
//! they found (`tests/fixtures/corpus/fuzz/TARGET/`), replayed through the
//! same library calls as the fuzz targets, in the normal test suite.

use std::path::{Path, PathBuf};

use bayan::content::{DocumentKind, RawHtml, check_source, render_with};

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
        for diagnostic in bayan::data::check_sources(&schema, csv.to_vec(), &languages) {
            assert!(!diagnostic.message.is_empty(), "{}", file.display());
            let _ = bayan::diagnostics::report::human(&diagnostic);
        }
    }
}

#[test]
fn front_matter_and_markdown_never_panic_on_fuzzed_inputs() {
    let mut files = inputs("front_matter");
    files.extend(inputs("markdown"));
    assert!(!files.is_empty());
    for file in files {
        // A fuzzer running meanwhile may have removed it.
        let Ok(bytes) = std::fs::read(&file) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for kind in [DocumentKind::Article, DocumentKind::Page] {
            let (_, diagnostics) = check_source(kind, &text, RawHtml::Sanitize);
            for diagnostic in diagnostics.iter() {
                let _ = bayan::diagnostics::report::human(diagnostic);
            }
        }
        let (rendered, _) = render_with(&text, RawHtml::Sanitize);
        let html = format!("<!DOCTYPE html><title>t</title>{}", rendered.html);
        let name = file.display().to_string();
        crate::escaping::check_html(&name, &html);
        let _ = render_with(&text, RawHtml::Trust);
    }
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
