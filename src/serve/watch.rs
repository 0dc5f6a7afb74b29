//! Watching the site's inputs: `site.toml` and the folders Bayan reads,
//! never the output folder. Bursts of events (an editor writes a temporary
//! file, then renames it) are debounced into one batch of changed paths;
//! reads and editors' swap files are ignored.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::fsio;

/// The folders of the site that hold inputs.
pub const FOLDERS: [&str; 6] = ["content", "data", "templates", "static", "i18n", "themes"];

/// How long the watcher waits for a burst of events to end.
const DEBOUNCE: Duration = Duration::from_millis(40);

/// Watches the inputs of the site in `root`; sends each batch of changed
/// inputs to `changes`. Dropping the watcher stops it.
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: Vec<PathBuf>,
}

impl Watcher {
    pub fn start(
        root: &Path,
        changes: Sender<Vec<PathBuf>>,
    ) -> notify_debouncer_full::notify::Result<Self> {
        let filter_root = root.to_path_buf();
        // Events name absolute, resolved paths, whatever the root was
        // given as (`.`, a relative folder, a symbolic link).
        let resolved_root = fsio::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
        let debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let paths = relevant(&filter_root, &resolved_root, result);
            if !paths.is_empty() {
                // The server is gone when this fails: nothing left to tell.
                let _ = changes.send(paths);
            }
        })?;
        let mut watcher = Self {
            root: root.to_path_buf(),
            debouncer,
            watched: Vec::new(),
        };
        // The root itself, not recursively: site.toml, and input folders
        // created after the start.
        watcher.debouncer.watch(root, RecursiveMode::NonRecursive)?;
        watcher.watch_new_folders()?;
        Ok(watcher)
    }

    /// Starts watching input folders that exist now and were not watched.
    pub fn watch_new_folders(&mut self) -> notify_debouncer_full::notify::Result<()> {
        for name in FOLDERS {
            let folder = self.root.join(name);
            if !self.watched.contains(&folder) && fsio::is_dir(&folder) {
                self.debouncer.watch(&folder, RecursiveMode::Recursive)?;
                self.watched.push(folder);
            }
        }
        Ok(())
    }
}

/// The changed inputs of a batch: created, modified or removed (never a
/// read) files under the input folders, or `site.toml`; named under
/// `root` as the build names them, though the events name them under
/// `resolved_root`.
fn relevant(root: &Path, resolved_root: &Path, result: DebounceEventResult) -> Vec<PathBuf> {
    let Ok(events) = result else {
        // The watcher's own errors (a folder removed while watched): a
        // rebuild tells the truth about the site either way.
        return vec![root.join("site.toml")];
    };
    let mut paths: Vec<PathBuf> = events
        .into_iter()
        .filter(|e| {
            matches!(
                e.kind,
                EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_)
            )
        })
        .flat_map(|e| e.event.paths)
        .map(|p| under_root(root, resolved_root, p))
        .filter(|p| is_input(root, p))
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// `path` named under `root` when the event named it under the resolved
/// root; other paths unchanged.
fn under_root(root: &Path, resolved_root: &Path, path: PathBuf) -> PathBuf {
    match path.strip_prefix(resolved_root) {
        Ok(relative) if !path.starts_with(root) => root.join(relative),
        _ => path,
    }
}

/// Whether `path` is an input of the site: `site.toml` or a file under an
/// input folder, other than an editor's swap or backup file.
pub fn is_input(root: &Path, path: &Path) -> bool {
    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let mut parts = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return false;
    };
    let name = relative
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let scratch = name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.starts_with(".#")
        || name == "4913";
    !scratch && (first == "site.toml" || FOLDERS.contains(&first.as_ref()))
}

/// Whether a change to `path` can change the tables: a file of `data/`,
/// or `site.toml` (languages, size limits).
pub fn touches_data(root: &Path, path: &Path) -> bool {
    path.strip_prefix(root)
        .is_ok_and(|p| p.starts_with("data") || p == Path::new("site.toml"))
}

/// Whether `path` is under `content/`: a change the build can compare
/// document by document, rendering only the pages that show it.
pub fn is_content(root: &Path, path: &Path) -> bool {
    path.strip_prefix(root)
        .is_ok_and(|p| p.starts_with("content"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_files_under_content_count_as_content() {
        let root = Path::new("/site");
        assert!(is_content(root, Path::new("/site/content/news/a.fr.md")));
        assert!(is_content(
            root,
            Path::new("/site/content/news/a/photo.jpg")
        ));
        assert!(!is_content(root, Path::new("/site/contents.md")));
        assert!(!is_content(root, Path::new("/site/templates/article.html")));
        assert!(!is_content(root, Path::new("/site/site.toml")));
    }

    #[test]
    fn only_data_and_site_toml_make_the_tables_read_again() {
        let root = Path::new("/site");
        assert!(touches_data(root, Path::new("/site/data/projects.csv")));
        assert!(touches_data(root, Path::new("/site/site.toml")));
        assert!(!touches_data(root, Path::new("/site/content/news/a.fr.md")));
        assert!(!touches_data(
            root,
            Path::new("/site/themes/default/data.html")
        ));
        assert!(!touches_data(root, Path::new("/site/database.csv")));
    }

    #[test]
    fn events_under_the_resolved_root_are_named_under_the_given_one() {
        let given = Path::new("site");
        let resolved = Path::new("/home/editor/site");
        assert_eq!(
            under_root(given, resolved, "/home/editor/site/content/a.fr.md".into()),
            Path::new("site/content/a.fr.md")
        );
        let absolute = Path::new("/home/editor/site");
        assert_eq!(
            under_root(absolute, resolved, "/home/editor/site/data/p.csv".into()),
            Path::new("/home/editor/site/data/p.csv")
        );
        assert_eq!(
            under_root(given, resolved, "/elsewhere/x.md".into()),
            Path::new("/elsewhere/x.md")
        );
    }

    #[test]
    fn only_inputs_count_as_changes() {
        let root = Path::new("/site");
        for input in [
            "/site/site.toml",
            "/site/content/news/a.fr.md",
            "/site/data/projects.csv",
            "/site/themes/default/templates/base.html",
            "/site/static/images/a.png",
            "/site/i18n/ar.toml",
            "/site/templates",
        ] {
            assert!(is_input(root, Path::new(input)), "{input}");
        }
        for other in [
            "/site/public/fr/index.html",
            "/site/out/index.html",
            "/site/README.md",
            "/site/content/news/.a.fr.md.swp",
            "/site/content/news/a.fr.md~",
            "/site/content/news/4913",
            "/elsewhere/site.toml",
            "/site",
        ] {
            assert!(!is_input(root, Path::new(other)), "{other}");
        }
    }
}
