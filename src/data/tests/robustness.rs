//! No input makes the data stage panic.

use proptest::prelude::*;

use super::*;
use crate::data::cells::{cell_span, locate};
use crate::data::{FieldType, Value, parse_cell};

/// What every diagnostic of the data stage looks like: it names a file of
/// the table, and a position, when it has one, is 1-based.
fn well_formed(diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    for d in diagnostics {
        let file = d.file.as_ref().map(|f| f.display().to_string());
        let named = matches!(file.as_deref(), Some("data/t.csv" | "data/t.schema.toml"));
        prop_assert!(named, "{}", d);
        prop_assert!(!d.message.is_empty());
        if let Some(location) = &d.location {
            prop_assert!(location.line >= 1 && location.column >= 1, "{}", d);
        }
    }
    Ok(())
}

/// A table loads, or an error says why.
fn loaded_or_refused(data: &Data, diagnostics: &[Diagnostic]) -> Result<(), TestCaseError> {
    let refused = diagnostics.iter().any(Diagnostic::is_error);
    prop_assert!(data.table("t").is_some() || refused, "{:?}", diagnostics);
    Ok(())
}

proptest! {
    #[test]
    fn parsing_any_text_as_any_type_never_panics(text in "\\PC{0,12}|[0-9 ,.٠-٩/+()-]{0,12}") {
        for kind in FieldType::ALL {
            match parse_cell(kind, &text) {
                Ok(Value::Null) => prop_assert!(text.is_empty()),
                Ok(Value::String(s)) => prop_assert_eq!(&s, &text),
                // A typed value's text reads back as the same value.
                Ok(value) => prop_assert_eq!(parse_cell(kind, &value.to_string()), Ok(value)),
                Err(error) => prop_assert!(error.problem.starts_with("is ") || error.problem.starts_with("has ")),
            }
        }
    }

    #[test]
    fn locating_any_cell_of_any_text_never_panics(text in "[a\",\r\né٣]{0,30}", start in 0usize..40, index in 0usize..8) {
        let span = cell_span(&text, start, index);
        let location = locate(&text, start, 1, span);
        prop_assert!(location.line >= 1 && location.column >= 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn loading_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let schema = "[[fields]]\nname = \"a\"\n[[fields]]\nname = \"b\"\ntype = \"date\"\n";
        let (data, diagnostics) = Site::new().file("t.schema.toml", schema).file("t.csv", &bytes).load();
        well_formed(&diagnostics)?;
        loaded_or_refused(&data, &diagnostics)?;
    }

    #[test]
    fn loading_csv_like_text_never_panics(text in "(a|b|\"|,|\r|\n|12,5|x|é){0,40}") {
        let schema = "[[fields]]\nname = \"a\"\nconstraints = { unique = true }\n[[fields]]\nname = \"b\"\ntype = \"number\"\n";
        let (data, diagnostics) = Site::new().file("t.schema.toml", schema).file("t.csv", format!("a,b\n{text}")).load();
        well_formed(&diagnostics)?;
        // The header is right, so the table always loads; every error in
        // the rows is at a position.
        prop_assert!(data.table("t").is_some());
        for d in diagnostics.iter().filter(|d| d.is_error()) {
            prop_assert!(d.location.is_some(), "{}", d);
        }
    }

    #[test]
    fn loading_any_schema_never_panics(text in "(\\[\\[fields\\]\\]\n|name = \"a\"\n|type = \"x\"\n|constraints = \\{ minimum = 1 \\}\n|primaryKey = \"b\"\n|=|\"){0,8}") {
        let (data, diagnostics) = Site::new().file("t.schema.toml", text).file("t.csv", "a\n1\n").load();
        well_formed(&diagnostics)?;
        loaded_or_refused(&data, &diagnostics)?;
        // Schema mistakes are at their position in the schema.
        for d in diagnostics.iter().filter(|d| d.file.as_deref() == Some(std::path::Path::new("data/t.schema.toml"))) {
            prop_assert!(d.location.is_some(), "{}", d);
        }
    }
}

/// Loads one table `t` (id, text) from CSV text.
fn load_texts(csv: &[u8]) -> (Vec<Vec<Value>>, Vec<Diagnostic>) {
    let schema = "[[fields]]\nname = \"id\"\nconstraints = { required = true, unique = true }\n[[fields]]\nname = \"text\"\n";
    let (data, diagnostics) = Site::new()
        .file("t.schema.toml", schema)
        .file("t.csv", csv)
        .load();
    let rows = data
        .table("t")
        .map(|t| t.rows.iter().map(|r| r.values.clone()).collect())
        .unwrap_or_default();
    (rows, diagnostics)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Any text a CSV may hold survives export and reload: quotes, commas,
    /// newlines, Arabic, a BOM-like first character; only a cell that would
    /// start a spreadsheet formula comes back with the `'` that defuses it.
    #[test]
    fn any_text_round_trips_through_export_and_reload(texts in proptest::collection::vec("([^\\p{Cc}]|\t|\n){1,16}", 1..6)) {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(["id", "text"]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (i, text) in texts.iter().enumerate() {
            writer.write_record([format!("P{i}"), text.clone()]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        let csv = writer.into_inner().map_err(|e| TestCaseError::fail(e.to_string()))?;
        let (rows, diagnostics) = load_texts(&csv);
        prop_assert!(diagnostics.iter().all(|d| !d.is_error()), "{:?}", diagnostics);
        let mut site = Site::new();
        site = site.file("t.schema.toml", "[[fields]]\nname = \"id\"\n[[fields]]\nname = \"text\"\n").file("t.csv", &csv);
        let (data, _) = site.load();
        let table = data.table("t").ok_or_else(|| TestCaseError::fail("no table"))?;
        let exported = crate::publish::downloads::to_csv(table);
        let (again, diagnostics) = load_texts(&exported);
        prop_assert!(diagnostics.iter().all(|d| !d.is_error()), "{:?}", diagnostics);
        prop_assert_eq!(again.len(), rows.len());
        for (before, after) in rows.iter().zip(&again) {
            let expected: Vec<Value> = before
                .iter()
                .map(|v| match v {
                    Value::String(t) if t.starts_with(['\t', '\n']) || t.trim_start().starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']) => Value::String(format!("'{t}")),
                    other => other.clone(),
                })
                .collect();
            prop_assert_eq!(&expected, after);
        }
    }
}
