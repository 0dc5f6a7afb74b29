//! Private columns and withheld rows never leave the data stage; columns
//! that look personal without a declaration are warned about.

use super::Site;
use crate::diagnostics::Severity;

const SCHEMA: &str = r#"
primaryKey = "id"
withhold = "hidden"
[[fields]]
name = "id"
[[fields]]
name = "phone"
private = true
[[fields]]
name = "hidden"
type = "boolean"
[[fields]]
name = "amount"
type = "integer"
"#;

#[test]
fn drops_private_columns_and_withheld_rows() {
    let csv = "id,phone,hidden,amount\na,0612345678,false,5\nb,0698765432,true,7\n";
    let (data, diagnostics) = Site::new().table("t", SCHEMA, csv).load();
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let table = data.table("t").expect("loaded");
    let names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["id", "amount"]);
    let fields: Vec<&str> = table
        .schema
        .fields
        .iter()
        .map(|f| f.name.as_str())
        .collect();
    assert_eq!(fields, ["id", "amount"]);
    assert_eq!(table.rows.len(), 1);
    let row = &table.rows[0];
    assert_eq!(
        table
            .value(row, "amount")
            .map(ToString::to_string)
            .as_deref(),
        Some("5")
    );
    assert_eq!(
        table.value(row, "id").map(ToString::to_string).as_deref(),
        Some("a")
    );
}

#[test]
fn warns_about_an_undeclared_column_of_phone_numbers_in_its_notes_or_hint() {
    let schema = "[[fields]]\nname = \"id\"\n[[fields]]\nname = \"contact\"\n";
    let csv = "id,contact\na,Nour\nb,06 12 34 56 78\n";
    let (_, diagnostics) = Site::new().table("t", schema, csv).load();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let d = &diagnostics[0];
    assert_eq!(d.severity, Severity::Warning);
    assert!(
        d.message.contains("`contact` seems to hold phone numbers"),
        "{}",
        d.message
    );
    assert_eq!(
        d.location.as_ref().map(|l| (l.line, l.column)),
        Some((3, 3))
    );
    let told = [d.message.as_str(), d.hint.as_deref().unwrap_or_default()];
    let notes = d.notes.iter().map(String::as_str);
    assert!(
        told.into_iter()
            .chain(notes)
            .all(|t| !t.contains("06 12 34")),
        "{d:?}"
    );
}

#[test]
fn a_column_declared_public_or_private_is_not_warned_about() {
    for private in ["false", "true"] {
        let schema = format!(
            "[[fields]]\nname = \"id\"\n[[fields]]\nname = \"email\"\nprivate = {private}\n"
        );
        let csv = "id,email\na,nadia@example.ma\n";
        let (_, diagnostics) = Site::new().table("t", &schema, csv).load();
        assert!(
            diagnostics.is_empty(),
            "private = {private}: {diagnostics:?}"
        );
    }
}

#[test]
fn withhold_must_name_a_boolean_field() {
    let schema = "withhold = \"id\"\n[[fields]]\nname = \"id\"\n";
    let (_, diagnostics) = Site::new().table("t", schema, "id\na\n").load();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0]
            .message
            .contains("`withhold` names `id`, a string")
    );
    assert_eq!(diagnostics[0].location.as_ref().map(|l| l.line), Some(1));
}

#[test]
fn a_malformed_as_of_is_an_error_at_its_place() {
    let schema = "as_of = \"30/06/2025\"\n[[fields]]\nname = \"id\"\n";
    let (_, diagnostics) = Site::new().table("t", schema, "id\na\n").load();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    assert!(
        diagnostics[0]
            .message
            .contains("`as_of` is `30/06/2025`, not a date")
    );
    assert_eq!(
        diagnostics[0].location.as_ref().map(|l| (l.line, l.column)),
        Some((1, 9))
    );
}
