//! The site being served: one complete build at a time, swapped in whole
//! when a rebuild finishes, so a half-rebuilt site is never served. A
//! failed rebuild keeps the last good files and adds its diagnostics.

use std::sync::{Arc, RwLock};

use super::compressed::Files;
use crate::diagnostics::Diagnostic;

/// What requests are answered from.
#[derive(Default)]
pub struct Snapshot {
    /// The files of the last build that succeeded (none before the first),
    /// gzip-compressed.
    pub files: Arc<Files>,
    /// The diagnostics of the last build when it failed; empty when it
    /// succeeded.
    pub problems: Arc<Vec<Diagnostic>>,
    /// Counts builds, good or failed: the number the reload script compares.
    pub generation: u64,
}

/// The current snapshot, behind a lock held only to clone or swap an `Arc`.
#[derive(Default)]
pub struct Store {
    current: RwLock<Arc<Snapshot>>,
}

impl Store {
    pub fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.read().unwrap_or_else(|e| e.into_inner()))
    }

    /// Serves a new complete build; returns its generation.
    pub fn succeeded(&self, files: Files) -> u64 {
        self.swap(|old| Snapshot {
            files: Arc::new(files),
            problems: Arc::default(),
            generation: old.generation + 1,
        })
    }

    /// Serves the last good build with the files an incremental rebuild
    /// wrote (`fresh`) in place of its own, less the files the site no
    /// longer has (`removed`); the whole is swapped in at once.
    pub fn updated(&self, fresh: Files, removed: &[String]) -> u64 {
        self.swap(|old| {
            let mut files = Files::clone(&old.files);
            for path in removed {
                files.remove(path);
            }
            files.extend(fresh);
            Snapshot {
                files: Arc::new(files),
                problems: Arc::default(),
                generation: old.generation + 1,
            }
        })
    }

    /// Keeps the last good files and shows `problems` over them.
    pub fn failed(&self, problems: Vec<Diagnostic>) -> u64 {
        self.swap(|old| Snapshot {
            files: Arc::clone(&old.files),
            problems: Arc::new(problems),
            generation: old.generation + 1,
        })
    }

    fn swap(&self, next: impl FnOnce(&Snapshot) -> Snapshot) -> u64 {
        let mut current = self.current.write().unwrap_or_else(|e| e.into_inner());
        let snapshot = next(&current);
        let generation = snapshot.generation;
        *current = Arc::new(snapshot);
        generation
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_build_keeps_the_last_good_files_and_a_fix_clears_the_problems() {
        let store = Store::default();
        let first = store.succeeded(files(&[("index.html", b"v1")]));
        let held = store.current();
        let second = store.failed(vec![Diagnostic::error("broken")]);
        assert!(second > first);
        let now = store.current();
        assert_eq!(&*now.files["index.html"], b"v1");
        assert_eq!(now.problems.len(), 1);
        // A request that began before the swap still reads its own build.
        assert!(held.problems.is_empty());
        let third = store.succeeded(files(&[("index.html", b"v2")]));
        assert!(third > second);
        assert_eq!(&*store.current().files["index.html"], b"v2");
        assert!(store.current().problems.is_empty());
    }

    #[test]
    fn an_incremental_rebuild_replaces_and_removes_files_and_keeps_the_rest() {
        let store = Store::default();
        store.succeeded(files(&[("a", b"a1"), ("b", b"b1"), ("gone", b"g")]));
        store.failed(vec![Diagnostic::error("broken")]);
        store.updated(files(&[("b", b"b2"), ("new", b"n")]), &["gone".to_string()]);
        let now = store.current();
        let mut paths: Vec<&str> = now.files.keys().map(String::as_str).collect();
        paths.sort_unstable();
        assert_eq!(paths, ["a", "b", "new"]);
        assert_eq!(&*now.files["a"], b"a1");
        assert_eq!(&*now.files["b"], b"b2");
        assert!(now.problems.is_empty());
    }

    fn files(list: &[(&str, &[u8])]) -> Files {
        list.iter()
            .map(|(path, bytes)| (path.to_string(), Arc::from(*bytes)))
            .collect()
    }
}
