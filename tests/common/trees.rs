//! File trees: copy one, snapshot one, compare two.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

/// Every file (bytes) and folder (`None`) under a folder, by relative path:
/// two trees compare equal only if they hold the same bytes at the same paths.
pub type Tree = BTreeMap<PathBuf, Option<Vec<u8>>>;

/// Copies a file, or a folder with everything in it.
pub fn copy_recursively(from: &Path, to: &Path) {
    if from.is_file() {
        fs::copy(from, to).unwrap_or_else(|e| panic!("copy {}: {e}", from.display()));
        return;
    }
    for entry in WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
        } else if entry.file_type().is_symlink() {
            // The shared cache of share pictures stays shared.
            let points_to = fs::read_link(entry.path()).expect("read link");
            std::os::unix::fs::symlink(points_to, &target).expect("link");
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

pub fn tree(dir: &Path) -> Tree {
    WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|entry| {
            let entry = entry.expect("walk output");
            let relative = entry.path().strip_prefix(dir).expect("inside");
            let bytes = entry
                .file_type()
                .is_file()
                .then(|| fs::read(entry.path()).expect("read output file"));
            (relative.to_path_buf(), bytes)
        })
        .collect()
}

/// The first paths where two trees differ, for a readable failure.
pub fn differences(a: &Tree, b: &Tree) -> Vec<String> {
    let mut paths: Vec<&PathBuf> = a.keys().chain(b.keys()).collect();
    paths.sort();
    paths.dedup();
    paths
        .into_iter()
        .filter(|p| a.get(*p) != b.get(*p))
        .map(|p| p.display().to_string())
        .take(20)
        .collect()
}
