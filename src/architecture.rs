//! The shape of the crate, enforced: the pipeline's stages in order, a
//! module importing only from its own stage or earlier ones, and the file
//! system reached only through `fsio`. Read from the source text, so a
//! change that breaks the shape fails `cargo test`.

use std::path::{Path, PathBuf};

/// Every top-level module with its stage. A module may use modules of its
/// own stage or earlier; never of a later one.
const STAGES: &[(&str, u8)] = &[
    // Foundations every stage may use.
    ("diagnostics", 0),
    ("fsio", 0),
    ("html", 0),
    ("input_text", 0),
    ("sink", 0),
    // 1. configuration
    ("config", 1),
    // 2. the inputs: theme and site layers, data, content
    ("layers", 2),
    ("data", 2),
    ("boundaries", 2),
    ("content", 2),
    // 3. locales and UI strings
    ("locale", 3),
    // 4. the site model, and what `check` says of translations
    ("model", 4),
    ("completeness", 4),
    // 5. pages, through templates, into a sink
    ("render", 5),
    // 6. every other file, into a sink
    ("publish", 6),
    // 7. the sink for a folder: staging, swap, lock; what `check` reads
    //    in the rendered site
    ("output", 7),
    // 7. what `check` reads of the pages a build hands it: links, anchors
    ("audit", 7),
    // 8. the pipeline, and what a terminal shows of it (progress)
    ("build", 8),
    ("terminal", 8),
    // 9. the preview server (the pipeline into memory, served and watched),
    // and a new site's folder (`bayan init`)
    ("serve", 9),
    ("init", 9),
    // 10. the commands
    ("cli", 10),
];

/// Modules compiled only for tests.
const TEST_ONLY: [&str; 2] = ["testing", "architecture"];

fn stage_of(module: &str) -> Option<u8> {
    STAGES.iter().find(|(m, _)| *m == module).map(|(_, s)| *s)
}

/// Every `.rs` file under `src/`, with its top-level module.
fn sources() -> Vec<(PathBuf, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.unwrap_or_else(|e| panic!("walking src/: {e}"));
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path.strip_prefix(&src).unwrap_or(path);
        let first = relative
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy());
        let module = first
            .unwrap_or_default()
            .trim_end_matches(".rs")
            .to_string();
        found.push((path.to_path_buf(), module));
    }
    found
}

/// The code of a file that is compiled outside tests: none for a test
/// file, else the text before its `#[cfg(test)]` module.
fn production_code(path: &Path, module: &str) -> Option<String> {
    let is_test_file = path.components().any(|c| c.as_os_str() == "tests")
        || path.file_name().is_some_and(|n| n == "tests.rs");
    if is_test_file || TEST_ONLY.contains(&module) {
        return None;
    }
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let end = text.find("#[cfg(test)]").unwrap_or(text.len());
    Some(text[..end].to_string())
}

/// The top-level modules a text names as `crate::NAME`.
fn crate_modules(code: &str) -> Vec<String> {
    let mut names: Vec<String> = code
        .match_indices("crate::")
        .map(|(at, _)| {
            let rest = &code[at + "crate::".len()..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            rest[..end].to_string()
        })
        .filter(|name| !name.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn every_module_imports_only_its_own_stage_or_earlier_ones() {
    let sources = sources();
    assert!(
        sources.len() > 50,
        "found only {} source files",
        sources.len()
    );
    let mut checked = 0;
    let mut backwards = Vec::new();
    for (path, module) in &sources {
        if module == "lib" || module == "main" {
            continue;
        }
        let Some(code) = production_code(path, module) else {
            continue;
        };
        let own = stage_of(module)
            .unwrap_or_else(|| panic!("the module `{module}` is missing from STAGES"));
        for used in crate_modules(&code) {
            let used_stage = stage_of(&used)
                .unwrap_or_else(|| panic!("{}: unknown module `{used}`", path.display()));
            checked += 1;
            if used_stage > own {
                backwards.push(format!(
                    "{} (stage {own}) uses {used} (stage {used_stage})",
                    path.display()
                ));
            }
        }
    }
    assert!(checked > 100, "only {checked} uses of crate modules found");
    assert!(
        backwards.is_empty(),
        "imports against the flow:\n{}",
        backwards.join("\n")
    );
}

#[test]
fn every_module_of_the_crate_has_a_stage() {
    let lib = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs"))
        .expect("src/lib.rs");
    let declared: Vec<&str> = lib
        .lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("pub mod ")
                .or_else(|| l.trim().strip_prefix("mod "))
        })
        .map(|l| l.trim_end_matches(';'))
        .collect();
    assert!(declared.len() >= STAGES.len(), "{declared:?}");
    for module in declared {
        assert!(
            stage_of(module).is_some() || TEST_ONLY.contains(&module),
            "the module `{module}` has no stage in STAGES"
        );
    }
}

#[test]
fn only_fsio_touches_the_file_system() {
    const CALLS: [&str; 6] = [
        "std::fs",
        ".exists()",
        ".is_dir()",
        ".is_file()",
        "WalkDir",
        "walkdir::",
    ];
    let mut scanned = 0;
    let mut offenders = Vec::new();
    for (path, module) in sources() {
        if module == "fsio" {
            continue;
        }
        let Some(code) = production_code(&path, &module) else {
            continue;
        };
        scanned += 1;
        for call in CALLS {
            if code.contains(call) {
                offenders.push(format!("{}: {call}", path.display()));
            }
        }
    }
    assert!(scanned > 40, "only {scanned} files scanned");
    assert!(
        offenders.is_empty(),
        "file-system calls outside fsio:\n{}",
        offenders.join("\n")
    );
}
