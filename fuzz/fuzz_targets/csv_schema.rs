//! The CSV-with-schema loader: a schema and a CSV file, split from the input
//! at the first NUL byte (no schema written by hand holds one), loaded and
//! checked (types, constraints, keys, rules, foreign keys to itself).
//! Without a NUL, the input is the CSV, with a fixed schema that uses every
//! type, constraint and rule, so the fuzzer starts deep in the loader.
#![no_main]

use libfuzzer_sys::fuzz_target;

const SCHEMA: &str = r#"
title = { fr = "T", ar = "ت" }
primaryKey = "id"

[[fields]]
name = "id"
type = "string"
constraints = { required = true, unique = true, pattern = "^P\\d+$" }

[[fields]]
name = "name"
type = "string"
translated = true
constraints = { required = true, maxLength = 20 }

[[fields]]
name = "amount"
type = "number"
unit = "MAD"
constraints = { minimum = 0, maximum = 1000000 }

[[fields]]
name = "paid"
type = "number"

[[fields]]
name = "start"
type = "date"

[[fields]]
name = "end"
type = "date"

[[fields]]
name = "year"
type = "year"
constraints = { minimum = 2020 }

[[fields]]
name = "count"
type = "integer"

[[fields]]
name = "open"
type = "boolean"

[[fields]]
name = "status"
type = "string"
constraints = { enum = ["a", "b"] }

[[fields]]
name = "parent"
type = "string"

[[foreignKeys]]
fields = "parent"
reference = { resource = "t", fields = "id" }

[[rules]]
left = "paid"
op = "<="
right = "amount"
message = "paid above amount"

[[rules]]
left = "end"
op = ">="
right = "start"
message = "end before start"
"#;

fuzz_target!(|data: &[u8]| {
    let languages = ["fr".to_string(), "ar".to_string()];
    let (schema, csv) = match data.iter().position(|b| *b == 0) {
        Some(nul) => (String::from_utf8_lossy(&data[..nul]), &data[nul + 1..]),
        None => (SCHEMA.into(), data),
    };
    let diagnostics = bayan::data::check_sources(&schema, csv.to_vec(), &languages);
    for diagnostic in &diagnostics {
        // Every diagnostic must print, in every format, without panicking.
        let _ = bayan::diagnostics::report::human(diagnostic);
        assert!(!diagnostic.message.is_empty());
    }
});
