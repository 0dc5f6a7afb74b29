//! The header against the schema.

use super::*;

const SCHEMA: &str = r#"
[[fields]]
name = "id"
constraints = { required = true }
[[fields]]
name = "name"
translated = true
constraints = { required = true }
[[fields]]
name = "committed_mad"
type = "number"
[[fields]]
name = "notes"
"#;

fn load(csv: &str) -> Vec<Diagnostic> {
    Site::new().table("t", SCHEMA, csv).load().1
}

#[test]
fn rejects_an_unknown_column_with_a_suggestion() {
    let diagnostics = load("id,name_fr,name_ar,commited_mad,notes\n");
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.csv:1:20: error: unknown column `commited_mad`: the schema does not declare it"
    );
    assert_eq!(hint(d), "did you mean `committed_mad`?");
}

#[test]
fn explains_a_translated_field_written_as_one_column() {
    let diagnostics = load("id,name,committed_mad,notes\n");
    let unknown = diagnostics
        .iter()
        .find(|d| d.message.starts_with("unknown column"));
    let hint = unknown.and_then(|d| d.hint.clone()).unwrap_or_default();
    assert_eq!(
        hint,
        "`name` is translated: write one column per language: name_fr, name_ar"
    );
}

#[test]
fn explains_a_language_the_site_does_not_have() {
    let diagnostics = load("id,name_fr,name_ar,name_en,committed_mad,notes\n");
    assert!(hint(only(&diagnostics)).starts_with("`en` is not a language of the site (fr, ar)"));
}

#[test]
fn rejects_a_duplicated_column_at_its_second_occurrence() {
    let diagnostics = load("id,name_fr,name_ar,committed_mad,notes,id\n");
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.csv:1:40: error: the column `id` appears twice in the header"
    );
    assert!(has_note(d, "its first occurrence is column number 1"));
}

#[test]
fn rejects_a_missing_required_column_at_the_end_of_the_header() {
    let diagnostics = load("name_fr,name_ar,committed_mad,notes\n");
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.csv:1:36: error: the required column `id` is missing"
    );
}

#[test]
fn warns_about_a_missing_optional_column_or_language() {
    let diagnostics = load("id,name_fr,committed_mad\nP1,a,1\n");
    let messages: Vec<String> = diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        messages,
        [
            "data/t.csv:1:25: warning: the column `name_ar` is missing: its cells count as empty",
            "data/t.csv:1:25: warning: the column `notes` is missing: its cells count as empty",
        ]
    );
}

#[test]
fn rejects_a_column_without_a_name() {
    let diagnostics = load("id,name_fr,name_ar,committed_mad,notes,\n");
    assert_eq!(
        only(&diagnostics).message,
        "a column of the header has no name"
    );
}
