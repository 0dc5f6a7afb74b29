//! Every type: good cells parse, bad ones say what was expected and how to fix.

use super::*;
use crate::data::Value;

fn bad(kind: &str, cell: &str) -> Diagnostic {
    let (_, diagnostics) = load_cells(kind, "", &[cell]);
    only(&diagnostics).clone()
}

fn good(kind: &str, cell: &str) -> Value {
    let (data, diagnostics) = load_cells(kind, "", &[cell]);
    assert!(diagnostics.is_empty(), "{diagnostics:#?}");
    let table = data
        .table("t")
        .cloned()
        .unwrap_or_else(|| panic!("no table"));
    table
        .rows
        .first()
        .and_then(|r| table.value(r, "v"))
        .cloned()
        .unwrap_or_else(|| panic!("no value"))
}

#[test]
fn rejects_decimal_comma_with_a_hint() {
    let d = bad("number", "\"12,5\"");
    assert_eq!(
        d.to_string(),
        "data/t.csv:2:4: error: the cell in column `v` is not a number"
    );
    assert!(has_note(&d, "column: v"), "{d:#?}");
    assert!(has_note(&d, "value: \"12,5\""), "{d:#?}");
    assert!(
        has_note(&d, "expected: a number such as 125000.50"),
        "{d:#?}"
    );
    assert_eq!(hint(&d), "use a point for decimals: 12.5");
}

#[test]
fn rejects_thousands_separators_with_a_hint() {
    assert_eq!(
        hint(&bad("number", "1 250 000")),
        "remove the thousands separators: 1250000"
    );
    assert_eq!(
        hint(&bad("number", "\"1,250,000\"")),
        "remove the thousands separators: 1250000"
    );
    assert_eq!(
        hint(&bad("number", "1.250.000")),
        "remove the thousands separators: 1250000"
    );
    let both = hint(&bad("number", "\"1 250 000,50\"")).to_string();
    assert_eq!(
        both,
        "remove the thousands separators and use a point for decimals: 1250000.50"
    );
    assert_eq!(
        hint(&bad("integer", "1\u{202F}250")),
        "remove the thousands separators: 1250"
    );
}

#[test]
fn explains_an_ambiguous_comma() {
    let h = hint(&bad("number", "\"1,250\"")).to_string();
    assert!(h.contains("1250") && h.contains("1.250"), "{h}");
}

#[test]
fn rejects_units_arabic_digits_and_spreadsheet_errors() {
    assert_eq!(
        hint(&bad("number", "125000 MAD")),
        "write only the number, without a unit or currency: 125000"
    );
    assert_eq!(hint(&bad("number", "١٢٥")), "use the digits 0-9: 125");
    assert!(hint(&bad("number", "#DIV/0!")).contains("spreadsheet error"));
    assert_eq!(
        hint(&bad("number", "N/A")),
        "leave the cell empty when the value is not known"
    );
    assert_eq!(
        hint(&bad("number", "(500)")),
        "write negative amounts with a minus sign: -500"
    );
    assert_eq!(
        hint(&bad("number", " 12")),
        "remove the spaces around the value: 12"
    );
    assert!(hint(&bad("number", "1.5E+06")).contains("scientific notation"));
}

#[test]
fn a_currency_with_an_e_is_a_unit_not_scientific_notation() {
    let only = "write only the number, without a unit or currency";
    assert_eq!(hint(&bad("number", "12 EUR")), format!("{only}: 12"));
    assert_eq!(hint(&bad("number", "12EUR")), format!("{only}: 12"));
    assert_eq!(hint(&bad("number", "1500 DE")), format!("{only}: 1500"));
}

/// Exponents are not accepted: a cell holds every digit of its number, as
/// an exact decimal, so `1e25` is refused with a hint rather than read.
#[test]
fn refuses_exponent_notation_with_a_hint() {
    for text in ["1e25", "1E+25", "-2.5e-3"] {
        let d = bad("number", text);
        assert!(d.message.ends_with("is not a number"), "{}", d.message);
        assert!(hint(&d).contains("scientific notation"), "{text}");
    }
}

#[test]
fn keeps_numbers_exact_with_their_scale() {
    let value = good("number", "125000.50");
    assert_eq!(value.to_string(), "125000.50");
    assert_eq!(
        value.as_decimal().map(|d| d.to_string()),
        Some("125000.50".into())
    );
    assert_eq!(good("number", "-0.1").to_string(), "-0.1");
    assert_eq!(good("number", "+3").to_string(), "3");
    assert!(bad("number", "1_000").message.contains("not a number"));
}

#[test]
fn reads_integers_and_rejects_decimals_in_them() {
    assert_eq!(good("integer", "-42"), Value::Integer(-42));
    assert_eq!(
        hint(&bad("integer", "12.0")),
        "write it without decimals: 12"
    );
    assert_eq!(
        hint(&bad("integer", "12.5")),
        "this column holds whole numbers only, without decimals"
    );
    assert!(
        bad("integer", "99999999999999999999")
            .message
            .ends_with("is too large")
    );
}

#[test]
fn rejects_day_first_dates_with_a_hint() {
    let d = bad("date", "08/08/2023");
    assert_eq!(d.message, "the cell in column `v` is not a date");
    assert_eq!(hint(&d), "write dates as YYYY-MM-DD, e.g. 2023-08-08");
    assert_eq!(
        hint(&bad("date", "25/12/2023")),
        "write dates as YYYY-MM-DD, e.g. 2023-12-25"
    );
    assert_eq!(
        hint(&bad("date", "2023-8-8")),
        "write dates as YYYY-MM-DD, e.g. 2023-08-08"
    );
    assert_eq!(
        hint(&bad("date", "2023-08-08 00:00:00")),
        "remove the time: 2023-08-08"
    );
    assert!(hint(&bad("date", "45146")).contains("spreadsheet date number (2023-08-08)"));
}

#[test]
fn rejects_dates_that_do_not_exist() {
    let d = bad("date", "2023-02-30");
    assert!(d.message.ends_with("is not a date that exists"), "{d:#?}");
    assert_eq!(hint(&d), "check the day: 2023-02 has 28 days");
    assert_eq!(
        hint(&bad("date", "2023-13-01")),
        "check the month: months go from 01 to 12"
    );
    assert_eq!(
        good("date", "2024-02-29"),
        Value::Date(jiff::civil::date(2024, 2, 29))
    );
}

#[test]
fn reads_booleans_in_lower_case_only() {
    assert_eq!(good("boolean", "true"), Value::Boolean(true));
    assert_eq!(good("boolean", "false"), Value::Boolean(false));
    assert_eq!(
        hint(&bad("boolean", "TRUE")),
        "write it in lower case: true"
    );
    assert_eq!(
        hint(&bad("boolean", "oui")),
        "write true or false (in lower case)"
    );
}

#[test]
fn reads_four_digit_years() {
    assert_eq!(good("year", "2024"), Value::Year(2024));
    assert_eq!(
        hint(&bad("year", "23")),
        "write the year with four digits: 2023"
    );
    assert_eq!(
        hint(&bad("year", "2023-05-01")),
        "write only the year: 2023"
    );
    assert_eq!(
        hint(&bad("year", "2023.0")),
        "write it without decimals: 2023"
    );
}

#[test]
fn keeps_strings_as_written_and_empty_cells_as_null() {
    assert_eq!(
        good("string", "تعاونية الأمل"),
        Value::String("تعاونية الأمل".into())
    );
    assert_eq!(good("number", ""), Value::Null);
    assert_eq!(good("date", "\"\""), Value::Null);
}
