//! Bad input: each case is a folder `tests/fixtures/bad/CASE/` with only the
//! files that differ from the default site, plus `expected.txt`, the exact
//! diagnostics the build must print (JSON format, shown as
//! `file:line:col: severity: message`, then its label, notes and hint, one
//! indented line each).
//!
//! A failed build must leave the previous output byte for byte as it was and
//! no staging folder behind. `BAYAN_BLESS=1 cargo test` rewrites every
//! `expected.txt` from what the build printed: review each one by eye.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{Run, Site, differences, path_str, repo, tree};

pub const EXPECTED: &str = "expected.txt";

/// What the previous, good build left: Bayan's marker and a page.
const SENTINEL: &[u8] = b"<!DOCTYPE html><p>previous build \xd8\xa8\xd9\x8a\xd8\xa7\xd9\x86</p>\n";

pub fn fixture(case: &str) -> PathBuf {
    repo().join("tests/fixtures/bad").join(case)
}

/// The fields of a JSON diagnostic that [`render_diagnostic`] shows: a new
/// field fails every case until it is shown too.
const FIELDS: [&str; 9] = [
    "severity", "code", "file", "line", "column", "message", "label", "notes", "hint",
];

/// One diagnostic of `--format json`, as `expected.txt` shows it: the
/// headline `file:line:col: severity: message`, then one indented line per
/// label, note and hint.
fn render_diagnostic(json: &str, root: &str) -> String {
    let value: serde_json::Value =
        serde_json::from_str(json).unwrap_or_else(|e| panic!("not a JSON line: {json}: {e}"));
    let object = value
        .as_object()
        .unwrap_or_else(|| panic!("not an object: {json}"));
    if let Some(field) = object.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        panic!("the field `{field}` is not shown in expected.txt: add it to render_diagnostic");
    }
    let text = |v: &serde_json::Value| v.as_str().map(str::to_string);
    let mut out = String::new();
    if let Some(file) = text(&value["file"]) {
        out.push_str(&file);
        if let (Some(l), Some(c)) = (value["line"].as_u64(), value["column"].as_u64()) {
            out.push_str(&format!(":{l}:{c}"));
        }
        out.push_str(": ");
    }
    let severity = text(&value["severity"]).unwrap_or_else(|| "?".into());
    let message = text(&value["message"]).unwrap_or_default();
    out.push_str(&format!("{severity}: {message}\n"));
    let notes = value["notes"].as_array().into_iter().flatten();
    let details = [("code", &value["code"]), ("label", &value["label"])]
        .into_iter()
        .chain(notes.map(|n| ("note", n)))
        .chain([("hint", &value["hint"])]);
    for (kind, detail) in details {
        if let Some(detail) = text(detail) {
            out.push_str(&format!("    {kind}: {detail}\n"));
        }
    }
    // Temporary paths differ on every run.
    out.replace(root, "[ROOT]")
}

/// Builds `site` into `ROOT/out` with `--format json`: the run and its
/// diagnostics as `expected.txt` shows them.
pub fn json_build(site: &Site) -> (Run, String) {
    let out = site.out();
    let run = site.bayan(&[
        "--format",
        "json",
        "build",
        "--root",
        path_str(site.root()),
        "--output",
        path_str(&out),
    ]);
    let root = path_str(site.root());
    let actual = run
        .stdout()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| render_diagnostic(l, root))
        .collect();
    (run, actual)
}

/// The text of `path`, first rewritten with `actual` when `BAYAN_BLESS=1`.
pub fn expected_text(path: &Path, actual: &str) -> String {
    if std::env::var_os("BAYAN_BLESS").is_some_and(|v| v == "1") {
        fs::write(path, actual).expect("bless expected.txt");
    }
    fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (run with BAYAN_BLESS=1 to create it)",
            path.display()
        )
    })
}

/// Builds the default site with the case's files over it and checks the
/// diagnostics, the exit status and that nothing was written.
fn check_case(case: &str) {
    check_case_with(case, |_| {});
}

/// [`check_case`] for inputs that cannot be stored as fixtures (very large
/// files, symbolic links): `setup` makes them in the site after the overlay.
fn check_case_with(case: &str, setup: impl FnOnce(&Site)) {
    let site = Site::default_site();
    site.overlay(&fixture(case), &[EXPECTED]);
    setup(&site);
    site.write("out/.bayan-output", "");
    site.write("out/sentinel.html", SENTINEL);
    let before = tree(&site.out());

    let (run, actual) = json_build(&site);
    assert!(
        actual.contains("error: "),
        "case `{case}`: the build printed no error:\n{}",
        run.stdout()
    );
    let expected_path = fixture(case).join(EXPECTED);
    let expected = expected_text(&expected_path, &actual);

    run.assert_failure();
    assert_eq!(
        actual,
        expected,
        "diagnostics of case `{case}` differ from {} (stderr: {})",
        expected_path.display(),
        run.stderr()
    );
    let after = tree(&site.out());
    assert!(
        before == after,
        "the previous output changed: {:?}",
        differences(&before, &after)
    );
    assert!(
        !site.path(".out.staging").exists(),
        "a staging folder was left behind"
    );
    assert!(!site.path(".out.lock").exists(), "a lock was left behind");
}

#[test]
fn rejects_text_in_an_amount_with_position() {
    check_case("wrong_type_in_amount");
}

#[test]
fn rejects_decimal_comma_with_position() {
    check_case("decimal_comma_in_amount");
}

#[test]
fn rejects_a_date_written_day_first() {
    check_case("date_written_day_first");
}

#[test]
fn rejects_an_unknown_province_and_suggests_the_close_one() {
    check_case("unknown_province");
}

#[test]
fn rejects_duplicate_project_ids() {
    check_case("duplicate_project_id");
}

#[test]
fn rejects_a_disbursed_amount_above_the_committed_amount() {
    check_case("disbursed_above_committed");
}

#[test]
fn rejects_an_end_date_before_the_start_date() {
    check_case("end_date_before_start_date");
}

#[test]
fn rejects_a_missing_required_column() {
    check_case("missing_required_column");
}

#[test]
fn rejects_an_unknown_column() {
    check_case("unknown_column");
}

#[test]
fn rejects_an_unknown_config_key_and_suggests_the_right_one() {
    check_case("unknown_config_key");
}

#[test]
fn rejects_front_matter_that_is_not_closed() {
    check_case("front_matter_not_closed");
}

#[test]
fn rejects_front_matter_that_is_not_toml() {
    check_case("front_matter_not_toml");
}

#[test]
fn rejects_an_unknown_front_matter_key() {
    check_case("unknown_front_matter_key");
}

#[test]
fn rejects_an_unknown_language_suffix() {
    check_case("unknown_language_suffix");
}

#[test]
fn rejects_a_template_syntax_error_in_a_site_template() {
    check_case("template_syntax_error");
}

#[test]
fn rejects_a_csv_in_latin1_and_says_how_to_export_it() {
    check_case("csv_in_latin1");
}

#[test]
fn rejects_rows_with_too_many_or_too_few_cells() {
    check_case("csv_wrong_cell_count");
}

#[test]
fn rejects_an_unclosed_quote() {
    check_case("csv_unclosed_quote");
}

#[test]
fn rejects_a_csv_in_utf16_and_says_how_to_export_it() {
    check_case("csv_in_utf16");
}

#[test]
fn reads_a_bom_and_counts_columns_after_it() {
    check_case("csv_with_bom_and_error");
}

#[test]
fn reads_crlf_line_ends_and_points_at_the_right_line() {
    check_case("csv_with_crlf_and_error");
}

#[test]
fn reads_mixed_line_ends_and_points_at_the_right_line() {
    check_case("csv_with_mixed_line_endings");
}

#[test]
fn rejects_an_empty_csv() {
    check_case("csv_empty");
}

#[test]
fn reports_a_csv_with_a_header_and_no_rows() {
    check_case("csv_header_only");
}

#[test]
fn rejects_a_duplicated_column_name() {
    check_case("csv_duplicated_header");
}

#[test]
fn rejects_a_value_outside_its_enum() {
    check_case("value_outside_enum");
}

#[test]
fn rejects_a_value_outside_its_range() {
    check_case("value_outside_range");
}

#[test]
fn rejects_an_unknown_schema_key() {
    check_case("schema_unknown_key");
}

#[test]
fn rejects_an_unknown_field_type() {
    check_case("schema_unknown_type");
}

#[test]
fn rejects_a_foreign_key_to_a_missing_table() {
    check_case("schema_foreign_key_to_missing_table");
}

#[test]
fn rejects_a_csv_without_its_schema() {
    check_case("csv_without_schema");
}

#[test]
fn rejects_a_schema_without_its_csv() {
    check_case("schema_without_csv");
}

#[test]
fn rejects_a_theme_that_does_not_exist() {
    check_case("config_missing_theme");
}

#[test]
fn rejects_a_front_matter_date_in_the_wrong_form() {
    check_case("front_matter_date_wrong_type");
}

#[test]
fn rejects_a_front_matter_date_that_is_a_number() {
    check_case("front_matter_date_is_a_number");
}

#[test]
fn rejects_two_pages_on_one_address() {
    check_case("two_pages_on_one_url");
}

#[test]
fn rejects_an_include_of_a_missing_template() {
    check_case("template_missing_include");
}

#[test]
fn rejects_extending_a_missing_template() {
    check_case("template_missing_parent");
}

#[test]
fn rejects_an_undefined_variable_at_its_template_line() {
    check_case("template_undefined_variable");
}

#[test]
fn reports_every_unknown_filter_at_its_template_line() {
    check_case("template_unknown_filters");
}

#[test]
fn reports_syntax_errors_in_every_template() {
    check_case("template_syntax_errors_in_two_files");
}

#[test]
fn rejects_an_undefined_variable_in_a_parent_template_at_its_line() {
    check_case("template_undefined_variable_in_parent");
}

#[test]
fn refuses_a_csv_larger_than_the_configured_limit_before_reading_it() {
    check_case_with("file_larger_than_limit", |site| {
        let config = site.read("site.toml");
        assert!(
            config.contains("max_file_mb = 200"),
            "the default site sets the limit"
        );
        let config = config.replace("max_file_mb = 200", "max_file_mb = 1");
        site.write("site.toml", config);
        let mut csv = site.read("data/projects.csv").into_bytes();
        let row = csv.split(|b| *b == b'\n').nth(1).map(<[u8]>::to_vec);
        let row = row.expect("a data row");
        while csv.len() <= 1024 * 1024 {
            csv.extend_from_slice(&row);
            csv.push(b'\n');
        }
        site.write("data/projects.csv", csv);
        site.write("content/pages/programme.fr.md", vec![b'a'; 1024 * 1024 + 1]);
    });
}

#[test]
fn refuses_a_site_toml_larger_than_one_megabyte() {
    check_case_with("config_larger_than_limit", |site| {
        let padding = "# padding\n".repeat(110_000);
        site.write("site.toml", site.read("site.toml") + &padding);
    });
}

#[test]
fn refuses_symbolic_links_that_lead_outside_the_site() {
    check_case_with("links_outside_the_site", |site| {
        std::os::unix::fs::symlink("/etc/passwd", site.path("data/passwd.csv")).expect("symlink");
        std::os::unix::fs::symlink("/etc", site.path("themes/default/static/etc"))
            .expect("symlink");
        // A link that stays inside the site is fine.
        std::os::unix::fs::symlink("../data", site.path("content/data-link")).expect("symlink");
        // UI strings read from outside would be printed in diagnostics.
        std::os::unix::fs::symlink("/etc", site.path("i18n")).expect("symlink");
    });
}

#[test]
fn a_failed_build_keeps_the_previous_good_build() {
    let site = Site::default_site();
    site.build(&[]);
    let before = tree(&site.out());
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
    let after = tree(&site.out());
    assert!(
        before == after,
        "the previous output changed: {:?}",
        differences(&before, &after)
    );
    assert!(
        !site.path(".out.staging").exists(),
        "a staging folder was left behind"
    );
}

#[test]
fn positions_count_lines_after_quoted_newlines_and_columns_after_a_bom() {
    let site = Site::default_site();
    let csv = site.read("data/projects.csv");
    let mut lines: Vec<String> = csv.lines().map(str::to_string).collect();
    // Record 1 (line 2) gets a newline inside a quoted cell, so record 3,
    // on line 4 of the original, is on line 5 of the file.
    lines[1] = lines[1].replacen(",Aménagement d'une", ",\"Aménagement\nd'une", 1);
    lines[1] = lines[1].replacen("alimentaire.,", "alimentaire.\",", 1);
    lines[3] = lines[3].replacen(",287500,287500,", ",abc,287500,", 1);
    let column = lines[3]
        .find(",abc,")
        .map(|b| lines[3][..b].chars().count() + 2);
    site.write(
        "data/projects.csv",
        format!("\u{feff}{}\r\n", lines.join("\r\n")),
    );
    let run = site.bayan(&["--format", "json", "check", "--root", path_str(site.root())]);
    run.assert_failure();
    let actual: Vec<String> = run
        .stdout()
        .lines()
        .map(|l| render_diagnostic(l, path_str(site.root())))
        .map(|block| block.lines().next().unwrap_or_default().to_string())
        .collect();
    let expected = format!(
        "data/projects.csv:5:{}: error: the cell in column `committed_mad` is not a number",
        column.expect("bad cell")
    );
    assert_eq!(actual, [expected]);
}

#[test]
fn rejects_static_files_on_paths_bayan_generates_naming_both() {
    check_case("static_on_generated_paths");
}

#[test]
fn rejects_money_above_the_default_maximum_at_its_cell() {
    check_case("money_above_the_default_maximum");
}

#[test]
fn rejects_amounts_whose_sum_overflows_at_the_cell_where_it_does() {
    check_case("money_sum_overflows");
}

#[test]
fn rejects_control_characters_in_a_csv_at_their_position() {
    check_case("csv_control_character");
}

#[test]
fn rejects_control_characters_in_site_toml_at_their_position() {
    check_case("config_control_character");
}

#[test]
fn reports_each_language_and_slug_error_of_site_toml_at_its_own_line() {
    check_case("config_unknown_languages");
}

#[test]
fn rejects_a_key_figure_id_given_twice_at_the_second() {
    check_case("config_duplicate_key_figure");
}

#[test]
fn rejects_a_badly_quoted_cell_at_its_quote_with_the_fix() {
    check_case("csv_badly_quoted_cell");
}

#[test]
fn rejects_ids_that_give_no_address_at_their_cell_with_the_reason() {
    check_case("ids_without_an_address");
}

#[test]
fn refuses_code_urls_in_trusted_raw_html_however_encoded() {
    check_case("raw_html_trusted_code_urls");
}

#[test]
fn refuses_unclosed_raw_text_elements_and_comments() {
    check_case("raw_html_unclosed");
}

#[test]
fn refuses_a_control_character_in_front_matter() {
    check_case("front_matter_control_character");
}

#[test]
fn refuses_content_nested_too_deep() {
    check_case("content_nested_too_deep");
}

#[test]
fn rejects_a_photo_that_is_not_in_static_at_its_line() {
    check_case("image_missing");
}

#[test]
fn lists_the_valid_keys_when_there_are_few() {
    check_case("unknown_sector_lists_the_valid_ones");
}

#[test]
fn names_the_three_nearest_keys_when_there_are_many() {
    check_case("unknown_sector_names_the_nearest");
}

#[test]
fn names_the_nearest_keys_even_when_none_is_a_typo() {
    check_case("unknown_sector_among_many_with_no_close_one");
}

#[test]
fn rejects_latin_script_in_an_arabic_only_pattern() {
    check_case("arabic_title_in_latin_script");
}

#[test]
fn rejects_an_empty_cell_its_condition_makes_required() {
    check_case("jobs_missing_on_a_completed_project");
}

#[test]
fn rejects_a_year_that_differs_from_the_year_captured_in_the_id() {
    check_case("year_differs_from_the_id");
}

#[test]
fn rejects_a_year_after_the_year_of_a_date() {
    check_case("project_starts_before_its_selection");
}

#[test]
fn rejects_more_decimal_places_than_declared() {
    check_case("amount_with_three_decimals");
}

#[test]
fn rejects_a_value_a_rule_cannot_capture_from() {
    check_case("rule_capture_cannot_be_read");
}

#[test]
fn rejects_misdeclared_rules_and_constraints_in_a_schema() {
    check_case("schema_rules_misdeclared");
}

#[test]
fn rejects_a_province_row_without_a_shape_naming_its_code() {
    check_case("map_row_without_shape");
}

#[test]
fn rejects_a_shape_without_a_province_row_naming_its_code() {
    check_case("map_shape_without_row");
}

#[test]
fn rejects_broken_geojson_at_its_line_and_column() {
    check_case("map_broken_geojson");
}

#[test]
fn rejects_boundaries_in_metres_rather_than_degrees() {
    check_case("map_coordinates_in_metres");
}

#[test]
fn rejects_a_language_without_interface_texts_at_its_code() {
    check_case("language_without_interface_texts");
}

#[test]
fn rejects_a_redirect_to_an_address_no_page_has_naming_the_nearest() {
    check_case("redirect_to_no_page");
}

#[test]
fn rejects_redirects_that_loop_naming_each_address() {
    check_case("redirects_in_a_loop");
}

#[test]
fn rejects_an_address_redirected_twice_and_one_written_without_its_slash() {
    check_case("redirect_source_twice");
}

#[test]
fn rejects_datasets_declared_without_a_licence() {
    check_case("datasets_without_licence");
}

#[test]
fn rejects_an_as_of_date_written_day_first() {
    check_case("as_of_malformed");
}

#[test]
fn rejects_an_iati_mapping_naming_an_unknown_column() {
    check_case("iati_unknown_column");
}

#[test]
fn reports_every_front_matter_mistake_an_editor_makes_with_its_code() {
    check_case("front_matter_editors_mistakes");
}

#[test]
fn rejects_a_file_name_without_its_language_and_suggests_the_right_one() {
    check_case("file_name_without_language");
}

#[test]
fn rejects_a_photo_that_is_not_an_image() {
    check_case("image_not_readable");
}

#[test]
fn rejects_an_article_not_saved_as_utf8() {
    check_case("content_not_utf8");
}

#[test]
fn rejects_a_withdrawal_column_the_records_table_does_not_have() {
    check_case("withdrawn_unknown_column");
}

#[test]
fn rejects_a_withdrawal_date_column_that_is_not_a_date() {
    check_case("withdrawn_date_not_a_date");
}
