//! Atomic output: a build never leaves a half-written site behind.
//!
//! 1. [`prepare`] checks the output folder is safe to replace, takes a lock
//!    beside it, and starts an empty staging folder beside it (removing the
//!    one a killed build may have left).
//! 2. The build writes everything into the [`Staging`] folder.
//! 3. [`Prepared::publish`] swaps it in only when everything succeeded; on
//!    failure the staging folder is removed and the previous site is untouched.
//!    On Linux the two folders trade places in one step (renameat2 with
//!    RENAME_EXCHANGE), so there is no instant without an output folder,
//!    even if the build is killed; elsewhere, two renames.
//! 4. The previous site, now in a side folder, is removed last. A build
//!    killed before that leaves the side folder; the next build removes it.

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

    /// Streams a file into the staging folder, creating its folder, so a
    /// large download is never held whole in memory. Writes nothing for
    /// `check`. I/O errors come back with the path.
    pub fn stream(
        &self,
        relative: &str,
        write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
    ) -> FsResult<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        let path = dir.join(relative.trim_start_matches('/'));
        if let Some(parent) = path.parent() {
            fsio::create_dir_all(parent)?;
        }
        let mut out = std::io::BufWriter::with_capacity(1 << 18, fsio::create(&path)?);
        write(&mut out)
            .and_then(|()| std::io::Write::flush(&mut out))
            .map_err(|source| fsio::FsError {
                action: "write",
                path,
                source,
            })
    }

    /// Writes any file, creating its folder.
    pub fn write_file(&self, relative: &str, bytes: &[u8]) -> FsResult<()> {
        let Some(dir) = &self.dir else { return Ok(()) };
        let path = dir.join(inside(relative.trim_start_matches('/'))?);
        if let Some(parent) = path.parent() {
            fsio::create_dir_all(parent)?;
        }
        fsio::write(&path, bytes)
    }
}

/// The longest file or folder name most file systems accept, in bytes.
const MAX_NAME_BYTES: usize = 255;

/// Names Windows reserves for devices: a site published from or to a
/// Windows share must not hold them.
const RESERVED: [&str; 22] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// A path relative to the output folder that stays inside it: the last
/// guard, whatever ids and slugs the stages before let through.
pub fn inside(relative: &str) -> FsResult<PathBuf> {
    let refuse = |why: &str| fsio::FsError {
        action: "write",
        path: PathBuf::from(relative),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            format!("this output path {why}"),
        ),
    };
    if relative.contains('\0') {
        return Err(refuse("holds a NUL character"));
    }
    let mut path = PathBuf::new();
    for part in relative.split('/').filter(|p| !p.is_empty()) {
        if part == ".." || part == "." || part.contains('\\') {
            return Err(refuse("leaves the output folder"));
        }
        if part.len() > MAX_NAME_BYTES {
            return Err(refuse("has a name longer than 255 bytes"));
        }
        let stem = part.split('.').next().unwrap_or(part).to_ascii_lowercase();
        if RESERVED.contains(&stem.as_str()) {
            return Err(refuse("uses a name reserved by Windows"));
        }
        path.push(part);
    }
    if relative.starts_with('/') && path.as_os_str().is_empty() {
        return Err(refuse("is empty"));
    }
    Ok(path)
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
    for leftover in [&staging_dir, &side_folder(&target, "old")] {
        if leftover.exists() {
            // Left by a build that was killed: it is ours to remove.
            fsio::remove_dir_all(leftover)?;
        }
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
        let Some(staging) = &self.staging.dir else {
            return Ok(());
        };
        let old = side_folder(&self.target, "old");
        if old.exists() {
            fsio::remove_dir_all(&old)?;
        }
        if !self.target.exists() {
            return fsio::rename(staging, &self.target);
        }
        if exchange(staging, &self.target)? {
            // The previous site is now in the staging folder's place.
            fsio::rename(staging, &old)?;
        } else {
            fsio::rename(&self.target, &old)?;
            fsio::rename(staging, &self.target)?;
        }
        fsio::remove_dir_all(&old)
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

/// `.NAME.KIND` beside `target`: the staging, lock and old folders.
fn side_folder(target: &Path, kind: &str) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    target.with_file_name(format!(".{name}.{kind}"))
}

/// Swaps two folders atomically; `false` when the file system cannot, so
/// the caller falls back to two renames.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> FsResult<bool> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    match renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE) {
        Ok(()) => Ok(true),
        Err(errno) if errno == rustix::io::Errno::INVAL || errno == rustix::io::Errno::NOSYS => {
            Ok(false)
        }
        Err(errno) => Err(fsio::FsError {
            action: "swap in",
            path: a.to_path_buf(),
            source: errno.into(),
        }),
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> FsResult<bool> {
    Ok(false)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_output_paths_inside_the_output_folder() {
        assert_eq!(
            inside("fr/projets/tta-2023-001/index.html").ok(),
            Some(PathBuf::from("fr/projets/tta-2023-001/index.html"))
        );
        for bad in [
            "../etc/passwd",
            "fr/../../x",
            "fr/./x",
            "a\0b",
            "fr/con/index.html",
            "fr/NUL.txt/x",
            "a\\..\\b",
        ] {
            assert!(inside(bad).is_err(), "{bad}");
        }
        assert!(inside(&"a".repeat(256)).is_err());
        assert!(inside(&"a".repeat(255)).is_ok());
        // A leading slash means the output folder, never the machine's root.
        assert_eq!(
            inside("/sitemap.xml").ok(),
            Some(PathBuf::from("sitemap.xml"))
        );
    }

    #[test]
    fn a_second_build_is_told_another_one_is_running() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("site");
        std::fs::create_dir(&root).expect("mkdir");
        let target = dir.path().join("out");
        let first = prepare(&root, &target).expect("the first build takes the lock");
        let second = prepare(&root, &target).err().expect("the lock is held");
        assert!(
            second.message.starts_with("another build (process "),
            "{}",
            second.message
        );
        assert!(second.hint.is_some_and(|h| h.contains("wait for it")));
        first.publish().expect("publish");
        assert!(target.join(MARKER).exists());
        let third = prepare(&root, &target).expect("the lock was released");
        third.abandon();
    }

    #[test]
    fn publishing_replaces_the_previous_site_in_one_step() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("site");
        std::fs::create_dir(&root).expect("mkdir");
        let target = dir.path().join("out");
        for generation in ["one", "two"] {
            let prepared = prepare(&root, &target).expect("prepare");
            prepared
                .staging()
                .write_file("index.html", generation.as_bytes())
                .expect("write");
            prepared.publish().expect("publish");
            let page = std::fs::read_to_string(target.join("index.html")).unwrap_or_default();
            assert_eq!(page, generation);
        }
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        assert_eq!(
            left.len(),
            2,
            "only the site and the output remain: {left:?}"
        );
    }
}
