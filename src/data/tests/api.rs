//! The accessors the rest of the pipeline uses.

use super::*;
use crate::data::Value;

const SCHEMA: &str = r#"
primaryKey = "id"
[[fields]]
name = "id"
[[fields]]
name = "name"
translated = true
[[fields]]
name = "amount"
type = "number"
"#;

#[test]
fn reads_columns_values_and_texts_by_language() {
    let (data, diagnostics) = Site::new()
        .table(
            "projects",
            SCHEMA,
            "name_ar,id,name_fr,amount\nالأمل,P1,,12.50\n",
        )
        .load();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let table = data
        .table("projects")
        .cloned()
        .unwrap_or_else(|| panic!("no table"));
    assert_eq!(table.path, std::path::Path::new("data/projects.csv"));
    assert_eq!(table.column("id"), Some(1));
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["name_ar", "id", "name_fr", "amount"]);
    assert_eq!(
        table.columns.first().and_then(|c| c.language.as_deref()),
        Some("ar")
    );
    let row = table
        .rows
        .first()
        .cloned()
        .unwrap_or_else(|| panic!("no row"));
    assert_eq!(row.line, 2);
    assert_eq!(table.value(&row, "id").and_then(Value::as_str), Some("P1"));
    assert_eq!(
        table.value(&row, "amount").map(Value::to_string),
        Some("12.50".into())
    );
    assert_eq!(table.text(&row, "name", "ar"), Some("الأمل"));
    assert_eq!(table.text(&row, "name", "fr"), None);
    assert_eq!(table.value(&row, "missing"), None);
    assert_eq!(table.field("amount").map(|f| f.kind.name()), Some("number"));
}

#[test]
fn loads_nothing_without_a_data_folder() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut diagnostics = crate::diagnostics::Diagnostics::new();
    let data = crate::data::load(dir.path(), &["fr".into()], &mut diagnostics);
    assert!(data.tables.is_empty() && diagnostics.is_empty());
}

#[test]
fn renders_a_cell_diagnostic_like_a_compiler() {
    let (_, diagnostics) = load_cells("number", "", &["\"12,5\""]);
    let text = crate::diagnostics::report::human(only(&diagnostics));
    assert!(text.contains("data/t.csv:2:4"), "{text}");
    assert!(
        text.contains("= hint: use a point for decimals: 12.5"),
        "{text}"
    );
}
