//! The CSV-with-schema loader: a schema and a CSV file, split from the input
//! at the first NUL byte (no schema written by hand holds one), loaded and
//! checked (types, constraints, keys, rules, foreign keys to itself).
//! Without a NUL, the input is the CSV, with a fixed schema that uses every
//! type, constraint and rule, so the fuzzer starts deep in the loader.
#![no_main]

use libfuzzer_sys::fuzz_target;

const SCHEMA: &str = include_str!("csv_schema.schema.toml");

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
