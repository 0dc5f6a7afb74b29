//! Atomic output: a build never leaves a half-written site behind.
//!
//! 1. [`prepare`] checks the output folder is safe to replace, takes a lock
//!    beside it, and starts an empty staging folder beside it (removing the
//!    one a killed build may have left).
//! 2. The build writes everything into the [`Staging`] folder.
//! 3. [`Prepared::publish`] swaps it in only when everything succeeded; on
//!    failure the staging folder is removed and the previous site is untouched.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::fsio::{self, FsResult};

/// A file in every output folder Bayan writes, so that it never replaces a
/// folder it did not make.
pub const MARKER: &str = ".bayan-output";

/// Where the build writes before the swap; or nowhere, for `check`.
pub struct Staging {
    dir: Option<PathBuf>,
}

impl Staging {
    /// A staging that writes nothing: `check` renders every page to prove
    /// the templates work, and keeps none of it.
    pub fn discard() -> Self {
        Self { dir: None }
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Creates the folder of every page path once, parents first.
    pub fn create_folders<'a>(&self, paths: impl Iterator<Item = &'a str>) -> FsResult<()> {
        let folders: BTreeSet<&str> = paths
            .filter_map(|p| p.rsplit_once('/').map(|(folder, _)| folder))
            .collect();
        let Some(dir) = &self.dir else { return Ok(()) };
        for folder in folders {
            fsio::create_dir_all(&dir.join(folder.trim_start_matches('/')))?;
        }
        Ok(())
    }

    /// Writes a page at its path (`/fr/` gives `fr/index.html`); its folder
    /// must exist.
    pub fn write_page(&self, path: &str, bytes: &[u8]) -> FsResult<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        fsio::write(&dir.join(crate::model::urls::file_of(path)), bytes)
    }

    /// Writes any file, creating its folder.
    pub fn write_file(&self, relative: &str, bytes: &[u8]) -> FsResult<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        let path = dir.join(relative.trim_start_matches('/'));
        if let Some(parent) = path.parent() {
            fsio::create_dir_all(parent)?;
        }
        fsio::write(&path, bytes)
    }
}

/// An output folder ready to be replaced, locked against other builds.
pub struct Prepared {
    target: PathBuf,
    staging: Staging,
    lock: PathBuf,
}

/// Checks `target` and sets up its staging folder and lock.
pub fn prepare(root: &Path, target: &Path) -> Result<Prepared, Diagnostic> {
    let target = absolute(target)?;
    refuse_unsafe_target(root, &target)?;
    let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
    fsio::create_dir_all(&parent)?;
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    let lock = take_lock(&parent.join(format!(".{name}.lock")))?;
    let staging_dir = parent.join(format!(".{name}.staging"));
    if staging_dir.exists() {
        // Left by a build that was killed: it is ours to remove.
        fsio::remove_dir_all(&staging_dir)?;
    }
    fsio::create_dir(&staging_dir)?;
    fsio::write(&staging_dir.join(MARKER), b"")?;
    Ok(Prepared {
        target,
        staging: Staging {
            dir: Some(staging_dir),
        },
        lock,
    })
}

impl Prepared {
    pub fn staging(&self) -> &Staging {
        &self.staging
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Swaps the staging folder in place of the target, then removes the
    /// previous site.
    pub fn publish(self) -> FsResult<()> {
        let old = self.target.with_file_name(format!(
            ".{}.old",
            self.target
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
        ));
        if old.exists() {
            fsio::remove_dir_all(&old)?;
        }
        if self.target.exists() {
            fsio::rename(&self.target, &old)?;
        }
        if let Some(dir) = &self.staging.dir {
            fsio::rename(dir, &self.target)?;
        }
        if old.exists() {
            fsio::remove_dir_all(&old)?;
        }
        Ok(())
    }

    /// Removes the staging folder; the previous site stays as it was.
    pub fn abandon(self) {
        if let Some(dir) = &self.staging.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl Drop for Prepared {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.lock);
    }
}

/// The absolute path with `.` and `..` resolved by their text, so that
/// `site/missing/..` is seen as `site` even when `missing` does not exist.
fn absolute(path: &Path) -> Result<PathBuf, Diagnostic> {
    use std::path::Component;
    let absolute = std::path::absolute(path).map_err(|error| {
        Diagnostic::error(format!("cannot use {} as output: {error}", path.display()))
    })?;
    let mut normal = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::ParentDir => {
                normal.pop();
            }
            Component::CurDir => {}
            other => normal.push(other),
        }
    }
    Ok(normal)
}

/// The output must not be the site, contain it, or be a folder Bayan did not
/// write (a mistyped `--output` must never destroy someone's files).
fn refuse_unsafe_target(root: &Path, target: &Path) -> Result<(), Diagnostic> {
    let root = fsio::canonicalize(root)?;
    let resolved = target
        .parent()
        .and_then(|p| fsio::canonicalize(p).ok())
        .map_or(target.to_path_buf(), |p| {
            p.join(target.file_name().unwrap_or_default())
        });
    if target.exists() && !target.is_dir() {
        return Err(Diagnostic::error(format!(
            "the output {} is a file, not a folder",
            target.display()
        ))
        .with_hint("choose a folder, such as public/"));
    }
    if root.starts_with(&resolved) {
        return Err(Diagnostic::error(format!(
            "the output folder {} is the site itself or contains it",
            target.display()
        ))
        .with_hint("choose a folder inside the site, such as public/"));
    }
    let has_files = std::fs::read_dir(target).is_ok_and(|mut entries| entries.next().is_some());
    if has_files && !target.join(MARKER).exists() {
        return Err(Diagnostic::error(format!(
            "the output folder {} has files that Bayan did not write",
            target.display()
        ))
        .with_hint("choose an empty or new folder; Bayan replaces its output folder as a whole"));
    }
    Ok(())
}

/// Creates the lock file; a lock whose build is no longer running is stale.
fn take_lock(path: &Path) -> Result<PathBuf, Diagnostic> {
    for _ in 0..2 {
        match std::fs::File::create_new(path) {
            Ok(_) => {
                fsio::write(path, std::process::id().to_string())?;
                return Ok(path.to_path_buf());
            }
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => {
                let holder = std::fs::read_to_string(path).unwrap_or_default();
                if is_running(holder.trim()) {
                    return Err(Diagnostic::error(format!(
                        "another build (process {}) is writing to this output",
                        holder.trim()
                    ))
                    .in_file(path)
                    .with_hint("wait for it to finish, or use another --output"));
                }
                let _ = std::fs::remove_file(path);
            }
            Err(error) => {
                return Err(fsio::FsError {
                    action: "create",
                    path: path.to_path_buf(),
                    source: error,
                }
                .into());
            }
        }
    }
    Err(Diagnostic::error("cannot take the output lock").in_file(path))
}

fn is_running(pid: &str) -> bool {
    // A lock being written has no pid yet: treat it as held.
    pid.is_empty() || (pid.parse::<u32>().is_ok() && Path::new("/proc").join(pid).exists())
}
