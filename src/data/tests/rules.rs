//! Declared rules beyond a plain comparison: per-language constraints,
//! conditional requirement, derived values, decimal places. Each kind has
//! a table that passes and one that fails.

use super::*;

/// The diagnostics of table `t` with `schema` and `csv`, as
/// `file:line:col: severity: message` lines.
fn lines(schema: &str, csv: &str) -> Vec<String> {
    let (_, diagnostics) = Site::new().table("t", schema, csv).load();
    diagnostics.iter().map(ToString::to_string).collect()
}

const BY_LANGUAGE: &str = r#"
[[fields]]
name = "name"
translated = true
constraints = { maxLength = 20 }
by_language.ar = { pattern = '[\p{Arabic}\p{Mn}\p{Zs}]+', required = true }
"#;

#[test]
fn a_language_pattern_applies_to_that_language_only() {
    let csv = "name_fr,name_ar\nCuisine,مطبخ تضامنيّ\n";
    assert_eq!(lines(BY_LANGUAGE, csv), Vec::<String>::new());
    let csv = "name_fr,name_ar\nمطبخ,Cuisine\n";
    assert_eq!(
        lines(BY_LANGUAGE, csv),
        ["data/t.csv:2:6: error: the cell in column `name_ar` does not have the expected form"]
    );
}

#[test]
fn a_language_can_be_required_alone() {
    let csv = "name_fr,name_ar\n,مطبخ\n";
    assert_eq!(lines(BY_LANGUAGE, csv), Vec::<String>::new());
    let csv = "name_fr,name_ar\nCuisine,\n";
    assert_eq!(
        lines(BY_LANGUAGE, csv),
        [
            "data/t.csv:2:9: error: the cell in column `name_ar` is empty, but this column is required"
        ]
    );
}

const REQUIRED_WHEN: &str = r#"
[[fields]]
name = "status"
[[fields]]
name = "jobs"
type = "integer"
constraints = { required_when = { field = "status", equals = "completed" } }
"#;

#[test]
fn a_condition_makes_a_cell_required_on_its_rows_only() {
    let csv = "status,jobs\ncompleted,4\nplanned,\n";
    assert_eq!(lines(REQUIRED_WHEN, csv), Vec::<String>::new());
    let csv = "status,jobs\nplanned,\ncompleted,\n";
    assert_eq!(
        lines(REQUIRED_WHEN, csv),
        [
            "data/t.csv:3:11: error: the cell in column `jobs` is empty, but it is required when `status` is `completed`"
        ]
    );
}

const DERIVED: &str = r#"
[[fields]]
name = "id"
[[fields]]
name = "year"
type = "year"
[[fields]]
name = "approved"
type = "date"
[[rules]]
left = "year"
op = "=="
right = { field = "approved", part = "year" }
message = "not the year of approval"
[[rules]]
left = "year"
op = "=="
right = { field = "id", capture = '^P-(\d{4})-' }
message = "not the year in the id"
"#;

#[test]
fn compares_a_field_with_the_year_of_a_date() {
    let csv = "id,year,approved\nP-2024-1,2024,2024-12-31\n";
    assert_eq!(lines(DERIVED, csv), Vec::<String>::new());
    let csv = "id,year,approved\nP-2024-1,2024,2025-01-01\n";
    assert_eq!(
        lines(DERIVED, csv),
        ["data/t.csv:2:10: error: not the year of approval"]
    );
}

#[test]
fn compares_a_field_with_a_capture_of_another() {
    let csv = "id,year,approved\nP-2023-1,2024,2024-03-01\n";
    let (_, diagnostics) = Site::new().table("t", DERIVED, csv).load();
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.csv:2:10: error: not the year in the id"
    );
    assert!(has_note(d, "year: 2024"), "{d:#?}");
    assert!(
        has_note(d, r"what ^P-(\d{4})- captures in id: 2023 (id: P-2023-1)"),
        "{d:#?}"
    );
}

#[test]
fn a_rule_with_when_holds_only_on_its_rows() {
    let schema = r#"
[[fields]]
name = "status"
[[fields]]
name = "paid"
type = "number"
[[fields]]
name = "granted"
type = "number"
[[rules]]
left = "paid"
op = "=="
right = "granted"
when = { field = "status", equals = "closed" }
"#;
    let csv = "status,paid,granted\nopen,5,10\nclosed,10,10\n";
    assert_eq!(lines(schema, csv), Vec::<String>::new());
    let csv = "status,paid,granted\nclosed,5,10\n";
    assert_eq!(
        lines(schema, csv),
        ["data/t.csv:2:8: error: paid == granted does not hold"]
    );
}

#[test]
fn limits_decimal_places_not_counting_trailing_zeros() {
    let (_, ok) = load_cells(
        "number",
        "maxDecimals = 2",
        &["12.5", "12.50", "12.500", "3"],
    );
    assert!(ok.is_empty(), "{ok:#?}");
    let (_, bad) = load_cells("number", "maxDecimals = 2", &["12.505"]);
    let d = only(&bad);
    assert_eq!(
        d.to_string(),
        "data/t.csv:2:4: error: the cell in column `v` has 3 decimal places, at most 2 allowed"
    );
    assert_eq!(hint(d), "round it to 2 decimal places: 12.51");
}

#[test]
fn rejects_a_derived_side_that_does_not_fit_its_field() {
    let schema = r#"
[[fields]]
name = "n"
type = "integer"
[[rules]]
left = { field = "n", part = "year" }
op = "=="
right = "n"
"#;
    assert_eq!(
        lines(schema, "n\n1\n"),
        ["data/t.schema.toml:6:30: error: `n` is an integer: only a date has a year"]
    );
}
