//! Finding the tables: each `data/NAME.csv` goes with `data/NAME.schema.toml`.

use std::collections::BTreeSet;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fsio;

const SCHEMA_SUFFIX: &str = ".schema.toml";

/// The names of the tables that have both a CSV and a schema, sorted; an
/// unpaired file is an error. No `data` folder means no tables.
pub fn tables(root: &Path, diagnostics: &mut Diagnostics) -> Vec<String> {
    let dir = root.join("data");
    let entries = match fsio::list_dir(&dir) {
        Ok(entries) => entries,
        Err(error) => {
            diagnostics.push(error.into());
            return Vec::new();
        }
    };
    let (mut csvs, mut schemas) = (BTreeSet::new(), BTreeSet::new());
    for entry in entries {
        let Some(file_name) = entry.name.as_deref() else {
            let name = entry.path.file_name().unwrap_or_default().to_string_lossy();
            diagnostics.push(
                skipped(&name, "its name is not UTF-8 text").with_hint(
                    "rename it with letters, digits and hyphens, or move it out of data/",
                ),
            );
            continue;
        };
        if let Some(stem) = file_name.strip_suffix(SCHEMA_SUFFIX) {
            schemas.insert(stem.to_string());
        } else if let Some(stem) = file_name.strip_suffix(".csv") {
            csvs.insert(stem.to_string());
        } else if let Some(renamed) = lower_case_differs(file_name) {
            diagnostics.push(
                skipped(
                    file_name,
                    "only names ending in .csv or .schema.toml are read",
                )
                .with_hint(format!("rename it {renamed} to use it")),
            );
        }
    }
    for name in csvs.difference(&schemas) {
        diagnostics.push(
            Diagnostic::error(format!("the table `{name}` has no schema"))
                .in_file(Path::new("data").join(format!("{name}.csv")))
                .with_hint(format!(
                    "describe its columns in data/{name}{SCHEMA_SUFFIX}, or remove the file"
                )),
        );
    }
    for name in schemas.difference(&csvs) {
        diagnostics.push(
            Diagnostic::error(format!(
                "this schema has no data file: data/{name}.csv is missing"
            ))
            .in_file(Path::new("data").join(format!("{name}{SCHEMA_SUFFIX}")))
            .with_hint("add the CSV file, or remove the schema"),
        );
    }
    csvs.intersection(&schemas).cloned().collect()
}

/// A table file whose extension is in the wrong case (`NAME.CSV`): the
/// name it should have.
fn lower_case_differs(file_name: &str) -> Option<String> {
    let lower = file_name.to_ascii_lowercase();
    [".csv", SCHEMA_SUFFIX]
        .iter()
        .find(|suffix| lower.ends_with(*suffix))
        .map(|suffix| format!("{}{suffix}", &file_name[..file_name.len() - suffix.len()]))
}

fn skipped(file_name: &str, why: &str) -> Diagnostic {
    Diagnostic::warning(format!("data/{file_name} is skipped: {why}"))
        .in_file(Path::new("data").join(file_name))
}
