//! Behaviour tests of the data stage, on small sites in temporary folders.

mod api;
mod cells;
mod constraints;
mod csv_files;
mod header;
mod keys;
mod privacy;
mod robustness;
mod rules;
mod schema;

use std::path::Path;

use super::{Data, load};
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A site folder holding only `data/`.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        std::fs::create_dir(dir.path().join("data")).unwrap_or_else(|e| panic!("mkdir: {e}"));
        Self { dir }
    }

    pub fn file(self, name: &str, contents: impl AsRef<[u8]>) -> Self {
        let path = self.dir.path().join("data").join(name);
        std::fs::write(path, contents).unwrap_or_else(|e| panic!("write {name}: {e}"));
        self
    }

    /// A table with its schema.
    pub fn table(self, name: &str, schema: &str, csv: &str) -> Self {
        self.file(&format!("{name}.schema.toml"), schema)
            .file(&format!("{name}.csv"), csv)
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn load(&self) -> (Data, Vec<Diagnostic>) {
        let mut diagnostics = Diagnostics::new();
        let languages = ["fr".to_string(), "ar".to_string()];
        let data = load(self.root(), &languages, &mut diagnostics);
        (data, diagnostics.sorted().into_iter().collect())
    }
}

/// A schema with one field of `kind` and extra `constraints`, for cell tests.
pub fn one_field(kind: &str, constraints: &str) -> String {
    format!(
        "title = \"T\"\n[[fields]]\nname = \"id\"\ntype = \"string\"\n\n[[fields]]\nname = \"v\"\ntype = \"{kind}\"\nconstraints = {{ {constraints} }}\n"
    )
}

/// Loads a table `t` with fields `id` (string) and `v` (of `kind`) and the
/// given cells for `v`, one per row.
pub fn load_cells(kind: &str, constraints: &str, cells: &[&str]) -> (Data, Vec<Diagnostic>) {
    let mut csv = String::from("id,v\n");
    for (i, cell) in cells.iter().enumerate() {
        csv.push_str(&format!("r{i},{cell}\n"));
    }
    Site::new()
        .table("t", &one_field(kind, constraints), &csv)
        .load()
}

/// The only diagnostic, failing with all of them otherwise.
pub fn only(diagnostics: &[Diagnostic]) -> &Diagnostic {
    match diagnostics {
        [one] => one,
        _ => panic!(
            "expected one diagnostic, got {}: {diagnostics:#?}",
            diagnostics.len()
        ),
    }
}

pub fn has_note(diagnostic: &Diagnostic, note: &str) -> bool {
    diagnostic.notes.iter().any(|n| n == note)
}

pub fn hint(diagnostic: &Diagnostic) -> &str {
    diagnostic.hint.as_deref().unwrap_or_default()
}
