//! The human format of diagnostics, as a person reads it in a terminal:
//! the position, the source line (or an excerpt around the bad cell), a
//! caret under the bad part, then the label, notes and hint.

use std::fs;

use crate::bad_input::{EXPECTED, fixture};
use crate::support::{Site, path_str};

#[test]
fn human_format_shows_position_source_line_and_caret() {
    let site = Site::default_site();
    site.overlay(&fixture("wrong_type_in_amount"), &[EXPECTED]);
    let out = site.out();
    let run = site.bayan(&[
        "build",
        "--root",
        path_str(site.root()),
        "--output",
        path_str(&out),
    ]);
    run.assert_failure();
    let stderr = run.stderr();
    // Line 4 holds TTA-2023-003; its committed amount is the 16th cell.
    let source = fs::read_to_string(fixture("wrong_type_in_amount/data/projects.csv"))
        .expect("read fixture");
    let line = source.lines().nth(3).expect("line 4");
    let byte = line.find("deux cent mille").expect("bad cell");
    let column = line[..byte].chars().count() + 1;
    let position = format!("data/projects.csv:4:{column}");
    assert!(stderr.contains(&position), "no `{position}` in:\n{stderr}");
    // The source line, or an excerpt of it around the bad cell, after the
    // line number; then a caret under the bad cell.
    let lines: Vec<&str> = stderr.lines().collect();
    let shown = lines
        .iter()
        .position(|l| l.trim_start().starts_with("4 │") && l.contains("deux cent mille"))
        .unwrap_or_else(|| panic!("the source line is not shown:\n{stderr}"));
    let excerpt = lines[shown];
    let text = excerpt.split_once("│ ").map_or("", |(_, t)| t);
    let visible = text.trim_start_matches('…').trim_end_matches('…');
    assert!(line.contains(visible), "`{visible}` is not from line 4");
    let caret = lines.get(shown + 1).copied().unwrap_or_default();
    let under = |l: &str| l.find("deux").map(|b| l[..b].chars().count());
    assert_eq!(
        caret.find('^').map(|b| caret[..b].chars().count()),
        under(excerpt),
        "the caret is not under the bad cell:\n{excerpt}\n{caret}"
    );
    assert!(
        stdout_is_empty(&run.stdout()),
        "human output goes to stderr"
    );
}

fn stdout_is_empty(stdout: &str) -> bool {
    stdout.trim().is_empty()
}

/// The whole human printout of a few cases, snapshotted (`insta`): the
/// layout (gutter, excerpt, caret under Arabic text, label, notes, hint,
/// summary) is reviewed by eye once, then held. Rewrite with
/// `INSTA_UPDATE=always cargo test --test integration human_format`.
#[test]
fn human_format_prints_each_diagnostic_as_a_compiler_does() {
    for case in [
        "wrong_type_in_amount",
        "csv_wrong_cell_count",
        "csv_with_bom_and_error",
        "unknown_config_key",
    ] {
        let site = Site::default_site();
        site.overlay(&fixture(case), &[EXPECTED]);
        let run = site.bayan(&["check", "--root", path_str(site.root())]);
        run.assert_failure();
        assert!(
            stdout_is_empty(&run.stdout()),
            "{case}: human output goes to stderr"
        );
        let stderr = run.stderr().replace(path_str(site.root()), "[ROOT]");
        insta::assert_snapshot!(case, stderr);
    }
}
