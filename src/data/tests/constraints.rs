//! Constraints on cells.

use super::*;

fn messages(kind: &str, constraints: &str, cells: &[&str]) -> Vec<String> {
    load_cells(kind, constraints, cells)
        .1
        .iter()
        .map(|d| d.to_string())
        .collect()
}

#[test]
fn rejects_an_empty_required_cell() {
    let (_, diagnostics) = load_cells("number", "required = true", &["1", ""]);
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.csv:3:4: error: the cell in column `v` is empty, but this column is required"
    );
    assert_eq!(hint(d), "fill in the value");
}

#[test]
fn rejects_values_below_the_minimum_or_above_the_maximum() {
    assert_eq!(
        messages(
            "number",
            "minimum = 0, maximum = 100.5",
            &["-1", "0", "100.5", "100.51"]
        ),
        [
            "data/t.csv:2:4: error: the cell in column `v` is below the minimum of 0",
            "data/t.csv:5:4: error: the cell in column `v` is above the maximum of 100.5",
        ]
    );
    assert_eq!(
        messages(
            "date",
            "minimum = 2023-01-01",
            &["2022-12-31", "2023-01-01"]
        ),
        ["data/t.csv:2:4: error: the cell in column `v` is below the minimum of 2023-01-01"]
    );
    assert_eq!(messages("year", "maximum = 2025", &["2026"]).len(), 1);
    assert_eq!(messages("integer", "minimum = 1", &["0", "1"]).len(), 1);
}

#[test]
fn rejects_text_too_short_or_too_long_counting_characters() {
    assert_eq!(
        messages(
            "string",
            "minLength = 2, maxLength = 5",
            &["a", "ab", "مشروع", "abcdef"]
        ),
        [
            "data/t.csv:2:4: error: the cell in column `v` is too short: 1 characters, at least 2 expected",
            "data/t.csv:5:4: error: the cell in column `v` is too long: 6 characters, at most 5 allowed",
        ]
    );
}

#[test]
fn rejects_text_that_does_not_match_the_whole_pattern() {
    let (_, diagnostics) = load_cells("string", r#"pattern = '\d{3}'"#, &["123", "1234", "x123"]);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    let d = diagnostics.first().unwrap_or_else(|| panic!("none"));
    assert_eq!(
        d.message,
        "the cell in column `v` does not have the expected form"
    );
    assert!(
        has_note(d, "expected: text matching the pattern \\d{3}"),
        "{d:#?}"
    );
}

#[test]
fn rejects_a_value_outside_the_enum_with_the_closest_one() {
    let (_, diagnostics) = load_cells(
        "string",
        r#"enum = ["en cours", "achevé"]"#,
        &["achevé", "acheve", "Zzz"],
    );
    let hints: Vec<&str> = diagnostics.iter().map(hint).collect();
    assert_eq!(hints, ["did you mean `achevé`?", ""]);
    let d = diagnostics.first().unwrap_or_else(|| panic!("none"));
    assert!(has_note(d, "allowed: en cours, achevé"), "{d:#?}");
    assert_eq!(
        hint(only(
            &load_cells("string", r#"enum = ["Tanger"]"#, &["tanger"]).1
        )),
        "did you mean `Tanger`?"
    );
}

#[test]
fn rejects_repeated_values_in_a_unique_column() {
    let (_, diagnostics) = load_cells("integer", "unique = true", &["1", "2", "1", ""]);
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.csv:4:4: error: the value `1` appears twice in column `v`, which must be unique"
    );
    assert!(has_note(d, "first used on line 2"), "{d:#?}");
}

#[test]
fn requires_a_translated_field_in_at_least_one_language() {
    let schema = "[[fields]]\nname = \"id\"\n[[fields]]\nname = \"name\"\ntranslated = true\nconstraints = { required = true }\n";
    let csv = "id,name_fr,name_ar\n1,A,\n2,,ب\n3,,\n";
    let (_, diagnostics) = Site::new().table("t", schema, csv).load();
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.csv:4:3: error: the cells in columns name_fr, name_ar are all empty, but this field is required"
    );
}
