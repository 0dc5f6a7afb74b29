//! Reading CSV files: encodings, line ends, quoting, and positions.

use super::*;

const SCHEMA: &str = r#"
[[fields]]
name = "id"
[[fields]]
name = "name"
translated = true
[[fields]]
name = "amount"
type = "number"
"#;

fn load(csv: impl AsRef<[u8]>) -> (Data, Vec<Diagnostic>) {
    Site::new()
        .file("t.schema.toml", SCHEMA)
        .file("t.csv", csv)
        .load()
}

fn rows(data: &Data) -> usize {
    data.table("t").map_or(0, |t| t.rows.len())
}

#[test]
fn strips_a_utf8_bom_and_keeps_columns_right() {
    let (data, diagnostics) = load("\u{FEFF}id,name_fr,name_ar,amount\nP1,a,b,x\n");
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.csv:2:8: error: the cell in column `amount` is not a number"
    );
    assert_eq!(data.table("t").and_then(|t| t.column("id")), Some(0));
}

#[test]
fn reads_crlf_line_ends() {
    let (data, diagnostics) = load("id,name_fr,name_ar,amount\r\nP1,a,b,1\r\nP2,c,d,x\r\n");
    assert_eq!(rows(&data), 2);
    assert_eq!(
        only(&diagnostics).to_string(),
        "data/t.csv:3:8: error: the cell in column `amount` is not a number"
    );
    let location = diagnostics.first().and_then(|d| d.location.clone());
    assert_eq!(location.map(|l| l.line_text), Some("P2,c,d,x".to_string()));
}

#[test]
fn reads_quoted_fields_with_commas_newlines_and_quotes() {
    let csv = "id,name_fr,name_ar,amount\nP1,\"Tanger, \"\"Asilah\"\"\nsuite\",b,1\nP2,c,d,\"x\"\n";
    let (data, diagnostics) = load(csv);
    let table = data
        .table("t")
        .cloned()
        .unwrap_or_else(|| panic!("no table"));
    let first = table.rows.first().unwrap_or_else(|| panic!("no row"));
    assert_eq!(
        table.text(first, "name", "fr"),
        Some("Tanger, \"Asilah\"\nsuite")
    );
    // The second record starts on line 4 because of the quoted newline.
    assert_eq!(table.rows.get(1).map(|r| r.line), Some(4));
    assert_eq!(
        only(&diagnostics).to_string(),
        "data/t.csv:4:8: error: the cell in column `amount` is not a number"
    );
}

#[test]
fn ignores_trailing_empty_lines_and_rows_of_empty_cells() {
    let (data, diagnostics) = load("id,name_fr,name_ar,amount\r\nP1,a,b,1\r\n,,,\r\n\r\n\r\n");
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    assert_eq!(rows(&data), 1);
}

#[test]
fn counts_columns_in_characters_after_arabic_text() {
    let (_, diagnostics) = load("id,name_fr,name_ar,amount\nP1,Coopérative,\"تعاونية الأمل\",12a\n");
    let d = only(&diagnostics);
    // "P1,Coopérative,\"تعاونية الأمل\"," is 31 characters.
    assert_eq!(d.position(), "data/t.csv:2:32");
    let text = crate::diagnostics::report::human(d);
    assert!(text.contains("^^^ not a number"), "{text}");
}

#[test]
fn rejects_latin1_with_the_position_and_the_export_to_use() {
    let (data, diagnostics) = load(b"id,name_fr,name_ar,amount\nP1,Soci\xe9t\xe9,b,1\n".as_slice());
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.csv:2:8: error: this file is not UTF-8 text"
    );
    assert!(
        has_note(d, "this looks like Latin-1/Windows-1252"),
        "{d:#?}"
    );
    assert_eq!(
        d.label.as_deref(),
        Some("byte 0xE9, which is `é` in Windows-1252")
    );
    assert!(hint(d).contains("CSV UTF-8"), "{d:#?}");
    assert!(data.table("t").is_none());
}

#[test]
fn recognises_arabic_in_a_windows_code_page() {
    let (_, diagnostics) =
        load(b"id,name_fr,name_ar,amount\nP1,a,\xca\xda\xc7\xe6\xe4\xed\xc9,1\n".as_slice());
    assert!(has_note(
        only(&diagnostics),
        "this looks like an Arabic Windows code page (Windows-1256)"
    ));
}

#[test]
fn rejects_utf16_naming_the_encoding() {
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("id\n".encode_utf16().flat_map(u16::to_le_bytes));
    let (_, diagnostics) = load(bytes);
    let d = only(&diagnostics);
    assert_eq!(d.message, "this file is UTF-16 (little endian), not UTF-8");
    assert!(hint(d).contains("CSV UTF-8 (Comma delimited)"));
}

#[test]
fn rejects_a_row_with_too_many_cells() {
    let (data, diagnostics) = load("id,name_fr,name_ar,amount\nP1,Tanger, Asilah,b,1\nP2,a,b,2\n");
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.csv:2:21: error: this row has 5 cells, but the header has 4 columns"
    );
    assert!(hint(d).contains("double quotes"));
    assert_eq!(rows(&data), 1);
}

#[test]
fn rejects_a_row_with_too_few_cells() {
    let (_, diagnostics) = load("id,name_fr,name_ar,amount\nP1,a\n");
    assert_eq!(
        only(&diagnostics).to_string(),
        "data/t.csv:2:1: error: this row has 2 cells, but the header has 4 columns"
    );
}

#[test]
fn rejects_an_empty_file() {
    let (_, diagnostics) = load("");
    assert_eq!(
        only(&diagnostics).to_string(),
        "data/t.csv: error: this file is empty"
    );
}

#[test]
fn reads_a_header_only_file_as_an_empty_table() {
    let (data, diagnostics) = load("id,name_fr,name_ar,amount\n");
    assert_eq!(
        only(&diagnostics).to_string(),
        "data/t.csv: warning: this file has a header but no rows"
    );
    assert_eq!(rows(&data), 0);
}

#[test]
fn points_at_a_cell_on_the_second_line_of_a_record() {
    let (_, diagnostics) = load("id,name_fr,name_ar,amount\nP1,\"deux\nlignes\",b,x\n");
    assert_eq!(only(&diagnostics).position(), "data/t.csv:3:11");
}

#[test]
fn warns_about_table_files_with_an_upper_case_extension() {
    let (data, diagnostics) = Site::new()
        .file("t.schema.toml", SCHEMA)
        .file("t.csv", "id,name_fr,name_ar,amount\nP1,a,b,1\n")
        .file("Projects.CSV", "id\nP1\n")
        .file("notes.txt", "not a table")
        .load();
    assert_eq!(rows(&data), 1);
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/Projects.CSV: warning: data/Projects.CSV is skipped: only names ending in .csv or .schema.toml are read"
    );
    assert_eq!(hint(d), "rename it Projects.csv to use it");
}

#[test]
fn warns_about_file_names_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let site = Site::new().table("t", SCHEMA, "id,name_fr,name_ar,amount\nP1,a,b,1\n");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.csv");
    std::fs::write(site.root().join("data").join(name), "id\n").unwrap_or_else(|e| panic!("{e}"));
    let (data, diagnostics) = site.load();
    assert_eq!(rows(&data), 1);
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/caf\u{FFFD}.csv: warning: data/caf\u{FFFD}.csv is skipped: its name is not UTF-8 text"
    );
}

#[test]
fn rejects_a_quoted_cell_closed_too_early_at_its_quote() {
    let (_, diagnostics) = load("id,name_fr,name_ar,amount\nP1,\"Coop \"Nour\" x\" y,b,1\n");
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.csv:2:10: error: this double quote ends the quoted cell, but the cell goes on after it"
    );
    assert_eq!(
        hint(d),
        r#"put the whole cell between double quotes and write each double quote inside it twice: "Coop ""Nour"" x"" y""#
    );
}

#[test]
fn rejects_a_quote_inside_an_unquoted_cell_at_its_quote() {
    let (_, diagnostics) = load("id,name_fr,name_ar,amount\r\nP1,a,la \"Nour\" coop,1\r\n");
    let d = only(&diagnostics);
    assert_eq!(
        d.to_string(),
        "data/t.csv:2:9: error: a double quote inside a cell that does not start with one"
    );
    assert_eq!(
        hint(d),
        r#"put the whole cell between double quotes and write each double quote inside it twice: "la ""Nour"" coop""#
    );
}

#[test]
fn accepts_doubled_quotes_and_line_ends_inside_quoted_cells() {
    let (data, diagnostics) = load(
        "id,name_fr,name_ar,amount\nP1,\"Coop \"\"Nour\"\", x\",\"a\nb\",1\n\"P2\",\"\",b,2\n",
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let table = data.table("t").expect("table");
    assert_eq!(
        table.rows[0].values[1],
        crate::data::Value::String("Coop \"Nour\", x".into())
    );
    assert_eq!(rows(&data), 2);
}

#[test]
fn recognises_utf16_without_a_byte_order_mark() {
    let text = "id,name_fr,name_ar,amount\nP1,a,b,1\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for (bytes, endian) in [(le, "little"), (be, "big")] {
        let (_, diagnostics) = load(bytes);
        let d = only(&diagnostics);
        assert_eq!(
            d.to_string(),
            format!(
                "data/t.csv: error: this file is UTF-16 ({endian} endian, without a byte-order mark), not UTF-8"
            )
        );
    }
}
