//! Schema mistakes, each at its position in the TOML.

use super::*;
use crate::data::{FieldType, Op, Translated};

fn load(schema: &str) -> Vec<Diagnostic> {
    Site::new().table("t", schema, "id\n").load().1
}

#[test]
fn rejects_an_unknown_key_with_a_suggestion() {
    let diagnostics = load("[[fields]]\nname = \"id\"\ntpye = \"string\"\n");
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.schema.toml:3:1: error: unknown key `tpye`"
    );
    assert_eq!(hint(d), "did you mean `type`?");
}

#[test]
fn rejects_an_unknown_constraint_key() {
    let schema = "[[fields]]\nname = \"id\"\nconstraints = { minLenght = 2 }\n";
    let d = load(schema);
    assert_eq!(hint(only(&d)), "did you mean `minLength`?");
    assert_eq!(only(&d).position(), "data/t.schema.toml:3:17");
}

#[test]
fn rejects_an_unknown_type_with_a_suggestion() {
    let diagnostics = load("[[fields]]\nname = \"id\"\ntype = \"decimal\"\n");
    let d = only(&diagnostics);
    assert_eq!(d.position(), "data/t.schema.toml:3:8");
    assert!(d.message.starts_with("unknown type `decimal`"), "{d:#?}");
    assert_eq!(hint(d), "use `number`");
    assert_eq!(
        hint(only(&load(
            "[[fields]]\nname = \"id\"\ntype = \"integr\"\n"
        ))),
        "did you mean `integer`?"
    );
}

#[test]
fn rejects_constraints_that_do_not_fit_the_type() {
    let schema = "[[fields]]\nname = \"id\"\nconstraints = { minimum = 3 }\n[[fields]]\nname = \"n\"\ntype = \"number\"\nconstraints = { maxLength = 3, minimum = \"abc\" }\n";
    let messages: Vec<String> = load(schema).iter().map(|d| d.to_string()).collect();
    assert_eq!(
        messages,
        [
            "data/t.schema.toml:3:27: error: `minimum` does not fit a string field",
            "data/t.schema.toml:7:29: error: `maxLength` only fits a string field, not a number",
            "data/t.schema.toml:7:42: error: `minimum` value `abc` does not fit a number field: expected a number such as 125000.50",
        ]
    );
}

#[test]
fn rejects_an_invalid_pattern() {
    let diagnostics =
        load("[[fields]]\nname = \"id\"\nconstraints = { pattern = '^TTA-(\\d{4}$' }\n");
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.schema.toml:3:27: error: this `pattern` is not a valid regular expression"
    );
    assert!(!d.notes.is_empty());
}

#[test]
fn rejects_keys_and_rules_naming_unknown_fields() {
    let schema = r#"primaryKey = "idd"
[[fields]]
name = "id"
[[fields]]
name = "n"
type = "number"
[[foreignKeys]]
fields = "province"
reference = { resource = "provinces", fields = "id" }
[[rules]]
left = "n"
op = "=<"
right = "m"
"#;
    let messages: Vec<String> = load(schema).iter().map(|d| d.to_string()).collect();
    assert_eq!(
        messages,
        [
            "data/t.schema.toml:1:14: error: the primary key names the unknown field `idd`",
            "data/t.schema.toml:8:10: error: a foreign key names the unknown field `province`",
            "data/t.schema.toml:12:6: error: unknown comparison `=<` (use one of < <= == != >= >)",
            "data/t.schema.toml:13:9: error: this rule names the unknown field `m`",
        ]
    );
}

#[test]
fn rejects_a_foreign_key_to_a_missing_table() {
    let schema = "[[fields]]\nname = \"id\"\n[[foreignKeys]]\nfields = \"id\"\nreference = { resource = \"provinse\", fields = \"id\" }\n";
    let diagnostics = Site::new()
        .table("t", schema, "id\nA\n")
        .table("province", "[[fields]]\nname = \"id\"\n", "id\nA\n")
        .load()
        .1;
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.schema.toml:5:13: error: a foreign key refers to the table `provinse`, which does not exist"
    );
    assert_eq!(hint(d), "did you mean `province`?");
}

#[test]
fn rejects_translated_numbers_and_units_on_text() {
    let schema = "[[fields]]\nname = \"id\"\nunit = \"MAD\"\n[[fields]]\nname = \"n\"\ntype = \"number\"\ntranslated = true\n";
    let messages: Vec<String> = load(schema).iter().map(|d| d.message.clone()).collect();
    assert_eq!(
        messages,
        [
            "the field `id` is a string: a unit only fits an integer or a number",
            "the field `n` is a number: only text can be translated",
        ]
    );
}

#[test]
fn reads_the_full_vocabulary() {
    let schema = r#"
title = { fr = "Projets", ar = "المشاريع" }
description = "Tous les projets"
primaryKey = ["id"]
[[fields]]
name = "id"
title = { fr = "Identifiant", ar = "المعرّف" }
constraints = { required = true, unique = true, pattern = "^P\\d+$", minLength = 2, maxLength = 9 }
[[fields]]
name = "amount"
type = "number"
unit = "MAD"
constraints = { minimum = 0, maximum = 1e7 }
[[fields]]
name = "start"
type = "date"
constraints = { minimum = 2023-01-01, enum = ["2023-08-08", 2024-01-01] }
[[rules]]
left = "amount"
op = ">="
right = "amount"
message = "never"
"#;
    let (data, diagnostics) = Site::new()
        .table("t", schema, "id,amount,start\nP1,1,2024-01-01\n")
        .load();
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let schema = data
        .table("t")
        .map(|t| t.schema.clone())
        .unwrap_or_default();
    assert_eq!(schema.title.get("ar"), Some("المشاريع"));
    assert_eq!(schema.description.get("ar"), Some("Tous les projets"));
    assert_eq!(schema.primary_key, ["id"]);
    let amount = schema
        .field("amount")
        .unwrap_or_else(|| panic!("no amount"));
    assert_eq!(
        (amount.kind, amount.kind.name()),
        (FieldType::Number, "number")
    );
    assert_eq!(amount.unit.as_deref(), Some("MAD"));
    assert_eq!(
        amount.constraints.maximum.as_ref().map(|v| v.to_string()),
        Some("10000000".into())
    );
    assert_eq!(amount.title.get("fr"), Some("amount"));
    let start = schema
        .field("start")
        .map(|f| f.constraints.clone())
        .unwrap_or_default();
    assert_eq!(start.enum_values.map(|v| v.len()), Some(2));
    assert_eq!(schema.rules.first().map(|r| r.op), Some(Op::Ge));
}

#[test]
fn translated_text_falls_back_to_any_language_then_the_first() {
    let any = Translated::any("Projets");
    assert_eq!(any.get("ar"), Some("Projets"));
    let mut map = std::collections::BTreeMap::new();
    map.insert("fr".to_string(), "Projets".to_string());
    let only_fr = Translated(map);
    assert_eq!(only_fr.get("ar"), Some("Projets"));
    assert_eq!(only_fr.exact("ar"), None);
    assert_eq!(Translated::default().get("fr"), None);
}
