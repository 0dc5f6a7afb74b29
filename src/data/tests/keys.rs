//! Primary keys, foreign keys and cross-field rules.

use super::*;

const PROVINCES: &str = "primaryKey = \"id\"\n[[fields]]\nname = \"id\"\n";

const PROJECTS: &str = r#"
primaryKey = "id"
[[fields]]
name = "id"
[[fields]]
name = "province"
[[fields]]
name = "committed"
type = "number"
[[fields]]
name = "disbursed"
type = "number"
[[foreignKeys]]
fields = "province"
reference = { resource = "provinces", fields = "id" }
[[rules]]
left = "disbursed"
op = "<="
right = "committed"
message = "the disbursed amount is above the committed amount"
"#;

fn load(projects: &str) -> Vec<Diagnostic> {
    Site::new()
        .table("provinces", PROVINCES, "id\nTNG\nTET\n")
        .table("projects", PROJECTS, projects)
        .load()
        .1
}

#[test]
fn accepts_consistent_tables() {
    let diagnostics = load("id,province,committed,disbursed\nP1,TNG,10,10\nP2,TET,5,\n");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
}

#[test]
fn rejects_duplicate_ids_naming_the_first_line() {
    let diagnostics = load("id,province,committed,disbursed\nP1,TNG,1,1\nP2,TNG,1,1\nP1,TET,1,1\n");
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/projects.csv:4:1: error: the key `P1` is used by two rows"
    );
    assert!(has_note(d, "first used on line 2"), "{d:#?}");
}

#[test]
fn rejects_a_missing_id_as_required() {
    let diagnostics = load("id,province,committed,disbursed\n,TNG,1,1\n");
    assert_eq!(
        only(&diagnostics).message,
        "the cell in column `id` is empty, but this column is required"
    );
}

#[test]
fn rejects_a_broken_foreign_key_with_a_close_key() {
    let diagnostics = load("id,province,committed,disbursed\nP1,TNGR,1,1\nP2,,1,1\n");
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/projects.csv:2:4: error: `TNGR` is not found in `provinces.id`"
    );
    assert!(has_note(d, "column: province"), "{d:#?}");
    assert_eq!(hint(d), "did you mean `TNG`?");
}

#[test]
fn rejects_a_foreign_key_of_another_type() {
    let schema = PROJECTS.replace(
        "name = \"province\"",
        "name = \"province\"\ntype = \"integer\"",
    );
    let diagnostics = Site::new()
        .table("provinces", PROVINCES, "id\nTNG\n")
        .table(
            "projects",
            &schema,
            "id,province,committed,disbursed\nP1,1,1,1\n",
        )
        .load()
        .1;
    assert_eq!(
        only(&diagnostics).message,
        "the foreign key `province` is a integer but `provinces.id` is a string"
    );
}

#[test]
fn accepts_a_foreign_key_to_its_own_table() {
    let schema = "primaryKey = \"id\"\n[[fields]]\nname = \"id\"\n[[fields]]\nname = \"parent\"\n[[foreignKeys]]\nfields = \"parent\"\nreference = { fields = \"id\" }\n";
    let diagnostics = Site::new()
        .table("t", schema, "id,parent\nA,\nB,A\nC,Z\n")
        .load()
        .1;
    assert_eq!(
        only(&diagnostics).to_string(),
        "data/t.csv:4:3: error: `Z` is not found in `t.id`"
    );
}

#[test]
fn rejects_a_row_that_breaks_a_rule_showing_both_values() {
    let diagnostics = load("id,province,committed,disbursed\nP1,TNG,100.00,120.50\nP2,TNG,,5\n");
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/projects.csv:2:15: error: the disbursed amount is above the committed amount"
    );
    assert!(has_note(d, "disbursed: 120.50"), "{d:#?}");
    assert!(has_note(d, "committed: 100.00"), "{d:#?}");
    assert!(has_note(d, "rule: disbursed <= committed"), "{d:#?}");
}

#[test]
fn compares_dates_in_rules() {
    let schema = "[[fields]]\nname = \"start\"\ntype = \"date\"\n[[fields]]\nname = \"end\"\ntype = \"date\"\n[[rules]]\nleft = \"end\"\nop = \">=\"\nright = \"start\"\n";
    let diagnostics = Site::new()
        .table(
            "t",
            schema,
            "start,end\n2023-05-01,2023-04-30\n2023-05-01,2023-05-01\n",
        )
        .load()
        .1;
    assert_eq!(
        only(&diagnostics).to_string(),
        "data/t.csv:2:12: error: end >= start does not hold"
    );
}

#[test]
fn reports_problems_of_every_table_at_once() {
    let diagnostics = Site::new()
        .table(
            "a",
            "[[fields]]\nname = \"n\"\ntype = \"number\"\n",
            "n\nx\n",
        )
        .table("b", "[[fields]]\nname = \"d\"\ntype = \"date\"\n", "d\ny\n")
        .file("c.csv", "x\n")
        .file("d.schema.toml", "")
        .load()
        .1;
    let positions: Vec<String> = diagnostics.iter().map(Diagnostic::position).collect();
    assert_eq!(
        positions,
        [
            "data/a.csv:2:1",
            "data/b.csv:2:1",
            "data/c.csv",
            "data/d.schema.toml"
        ]
    );
}
