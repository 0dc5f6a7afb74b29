//! Atomic output: the sink for a folder. A build never leaves a
//! half-written site behind.
//!
//! 1. [`prepare`] checks the output folder is safe to replace (not the site,
//!    not inside a folder Bayan reads, not someone else's files; a symbolic
//!    link is followed to the folder it names), takes the operating
//!    system's lock beside it for the whole build, removes what a killed
//!    build left (only folders Bayan marked as its own), and starts an
//!    empty staging folder beside it.
//! 2. The build hands every file to the [`Staging`] folder, a [`Sink`].
//! 3. [`Prepared::publish`] checks the old site can be replaced, then swaps
//!    the staging folder in. On Linux the two folders trade places in one
//!    step (renameat2 with RENAME_EXCHANGE), so there is no instant without
//!    an output folder, even if the build is killed; elsewhere, two renames.
//! 4. The previous site, now in a side folder, is removed last. Once the
//!    swap is done the build has succeeded: a removal that fails is a
//!    warning naming what to delete, and the next build tries again.

use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;
use crate::fsio::{self, FsError, FsResult};
use crate::sink::{self, Sink, Writer};

/// A file in every folder Bayan writes (output, staging, old copies), so
/// that it never replaces or removes a folder it did not make.
pub const MARKER: &str = ".bayan-output";

/// The folders of a site that Bayan reads: an output inside one of them
/// would be read back (and copied) by the next build.
pub const INPUT_FOLDERS: [&str; 6] = ["data", "content", "themes", "templates", "static", "i18n"];

/// The staging folder of one build: the sink it writes into.
pub struct Staging {
    dir: PathBuf,
}

impl Staging {
    fn file(&self, relative: &str) -> FsResult<PathBuf> {
        let path = self.dir.join(sink::checked_path(relative)?);
        if let Some(parent) = path.parent() {
            fsio::create_dir_all(parent)?;
        }
        Ok(path)
    }
}

impl Sink for Staging {
    fn put(&self, relative: &str, bytes: &[u8]) -> FsResult<()> {
        fsio::write(&self.file(relative)?, bytes)
    }

    fn stream(&self, relative: &str, write: Writer<'_>) -> FsResult<()> {
        let path = self.file(relative)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 18, fsio::create(&path)?);
        write(&mut out)
            .and_then(|()| std::io::Write::flush(&mut out))
            .map_err(|source| FsError {
                action: "write",
                path,
                source,
            })
    }
}

/// An output folder ready to be replaced, locked against other builds
/// until this value is dropped.
pub struct Prepared {
    target: PathBuf,
    staging: Staging,
    _lock: fsio::Lock,
}

/// Checks `target` and sets up its lock and staging folder.
pub fn prepare(root: &Path, target: &Path) -> Result<Prepared, Diagnostic> {
    let target = follow_link(&absolute(target)?)?;
    refuse_unsafe_target(root, &target)?;
    let parent = target.parent().unwrap_or(Path::new("/")).to_path_buf();
    fsio::create_dir_all(&parent)?;
    let lock = take_lock(&side_folder(&target, "lock"))?;
    let staging = side_folder(&target, "staging");
    for leftover in leftovers(&target)? {
        // Left by a killed build, and ours (marked): the lock says no build
        // is using it now.
        fsio::remove_dir_all(&leftover)?;
    }
    fsio::create_dir(&staging)?;
    fsio::write(&staging.join(MARKER), b"")?;
    Ok(Prepared {
        target,
        staging: Staging { dir: staging },
        _lock: lock,
    })
}

impl Prepared {
    pub fn staging(&self) -> &Staging {
        &self.staging
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Swaps the staging folder in place of the target. `Err` means
    /// nothing changed; after the swap, problems removing the previous site
    /// are warnings (the new site is published).
    pub fn publish(self) -> Result<Vec<Diagnostic>, Diagnostic> {
        let staging = self.staging.dir.clone();
        hold_if_asked();
        self.swap().inspect_err(|_| {
            // Nothing was swapped: the staging folder is of no use.
            let _ = fsio::remove_dir_all(&staging);
        })
    }

    fn swap(&self) -> Result<Vec<Diagnostic>, Diagnostic> {
        let staging = self.staging.dir.clone();
        if !fsio::exists(&self.target) {
            fsio::rename(&staging, &self.target)?;
            return Ok(Vec::new());
        }
        refuse_unwritable(&self.target)?;
        let old = free_side_folder(&self.target)?;
        if exchange(&staging, &self.target)? {
            // The previous site is now in the staging folder's place.
            if let Err(error) = fsio::rename(&staging, &old) {
                return Ok(vec![left_behind(&staging, error)]);
            }
        } else {
            fsio::rename(&self.target, &old)?;
            if let Err(error) = fsio::rename(&staging, &self.target) {
                // Put the previous site back: nothing changed.
                fsio::rename(&old, &self.target)?;
                return Err(error.into());
            }
        }
        Ok(fsio::remove_dir_all(&old)
            .err()
            .map(|error| left_behind(&old, error))
            .into_iter()
            .collect())
    }

    /// Removes the staging folder; the previous site stays as it was.
    pub fn abandon(self) -> Option<Diagnostic> {
        let error = fsio::remove_dir_all(&self.staging.dir).err()?;
        Some(left_behind(&self.staging.dir, error))
    }
}

fn left_behind(folder: &Path, error: FsError) -> Diagnostic {
    Diagnostic::warning(format!(
        "the previous site could not be removed from {}: {}",
        folder.display(),
        error.source
    ))
    .with_hint(format!(
        "delete {} by hand when you can; the next build also tries",
        folder.display()
    ))
}

/// `.NAME.KIND` beside `target`: the staging, lock and old folders.
fn side_folder(target: &Path, kind: &str) -> PathBuf {
    target.with_file_name(format!(".{}.{kind}", name_of(target)))
}

fn name_of(target: &Path) -> String {
    target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into())
}

/// The first `.NAME.old`, `.NAME.old.1`… that does not exist: an old copy
/// that could not be removed must not block the next build.
fn free_side_folder(target: &Path) -> FsResult<PathBuf> {
    let first = side_folder(target, "old");
    let mut candidate = first.clone();
    for n in 1..1000 {
        if !fsio::exists(&candidate) {
            return Ok(candidate);
        }
        candidate = first.with_file_name(format!(".{}.old.{n}", name_of(target)));
    }
    Err(FsError {
        action: "create",
        path: first,
        source: std::io::Error::other("a thousand old copies of the site are in the way"),
    })
}

/// The staging and old folders a killed or failed build left beside the
/// target. A folder of one of those names that Bayan did not mark is
/// someone's: an error, never removed.
fn leftovers(target: &Path) -> Result<Vec<PathBuf>, Diagnostic> {
    let parent = target.parent().unwrap_or(Path::new("/"));
    let prefix = format!(".{}.", name_of(target));
    let mut found = Vec::new();
    for entry in fsio::list_dir(parent)? {
        let Some(rest) = entry.name.as_deref().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let ours = rest == "staging" || rest == "old" || rest.starts_with("old.");
        if !ours || entry.kind != fsio::EntryKind::Folder {
            continue;
        }
        let marked = fsio::exists(&entry.path.join(MARKER));
        let empty = fsio::list_dir(&entry.path)?.is_empty();
        if !marked && !empty {
            return Err(Diagnostic::error(format!(
                "the folder {} has the name Bayan gives its own work folders, but Bayan did not make it",
                entry.path.display()
            ))
            .with_hint("move or rename it; Bayan never removes a folder it did not make"));
        }
        found.push(entry.path);
    }
    Ok(found)
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
        Err(errno) => Err(FsError {
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

/// An output that is a symbolic link (`public -> /srv/www`, a deployment
/// link) is replaced where it points, so the link keeps working.
fn follow_link(target: &Path) -> Result<PathBuf, Diagnostic> {
    if !fsio::is_symlink(target) {
        return Ok(target.to_path_buf());
    }
    fsio::canonicalize(target).map_err(|error| {
        Diagnostic::error(format!(
            "the output {} is a symbolic link to a folder that does not exist: {}",
            target.display(),
            error.source
        ))
        .with_hint("create the folder it points to, or remove the link")
    })
}

/// The output must not be the site, contain it, lie inside a folder Bayan
/// reads, or be a folder Bayan did not write (a mistyped `--output` must
/// never destroy someone's files).
fn refuse_unsafe_target(root: &Path, target: &Path) -> Result<(), Diagnostic> {
    let root = fsio::canonicalize(root)?;
    let resolved = resolve_existing_part(target);
    if fsio::exists(target) && !fsio::is_dir(target) {
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
    if let Some(input) = INPUT_FOLDERS
        .iter()
        .find(|folder| resolved.starts_with(root.join(folder)))
    {
        return Err(Diagnostic::error(format!(
            "the output folder {} is inside the site's {input}/ folder, which Bayan reads",
            target.display()
        ))
        .with_hint("choose a folder outside data/, content/, themes/, templates/, static/ and i18n/, such as public/"));
    }
    let has_files = !fsio::list_dir(target)?.is_empty();
    if has_files && !fsio::exists(&target.join(MARKER)) {
        return Err(Diagnostic::error(format!(
            "the output folder {} has files that Bayan did not write",
            target.display()
        ))
        .with_hint("choose an empty or new folder; Bayan replaces its output folder as a whole"));
    }
    Ok(())
}

/// `target` with its longest existing ancestor resolved (links and all).
fn resolve_existing_part(target: &Path) -> PathBuf {
    let mut existing = target;
    let mut rest = Vec::new();
    while !fsio::exists(existing) {
        let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
            break;
        };
        rest.push(name);
        existing = parent;
    }
    let mut resolved = fsio::canonicalize(existing).unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(rest.iter().rev());
    resolved
}

/// The previous site is removed after the swap: if its folder cannot be
/// changed, say so before anything is swapped.
fn refuse_unwritable(target: &Path) -> Result<(), Diagnostic> {
    let probe = target.join(".bayan-write-test");
    match fsio::write(&probe, b"").and_then(|()| fsio::remove_file(&probe)) {
        Ok(()) => Ok(()),
        Err(error) => Err(Diagnostic::error(format!(
            "the output folder {} cannot be changed: {}",
            target.display(),
            error.source
        ))
        .with_hint(
            "give yourself write permission on it (chmod -R u+w), or choose another --output",
        )),
    }
}

/// A test hook: with `BAYAN_TEST_HOLD_BEFORE_SWAP=FOLDER`, a build that is
/// ready to swap writes `FOLDER/held` and waits (a minute at most) for
/// `FOLDER/release`, so a test can start a second build against a live one.
fn hold_if_asked() {
    let Some(folder) = std::env::var_os("BAYAN_TEST_HOLD_BEFORE_SWAP") else {
        return;
    };
    let folder = PathBuf::from(folder);
    if fsio::write(&folder.join("held"), b"").is_err() {
        return;
    }
    let release = folder.join("release");
    for _ in 0..6000 {
        if fsio::exists(&release) {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// Takes the lock beside the output, for the whole build.
fn take_lock(path: &Path) -> Result<fsio::Lock, Diagnostic> {
    match fsio::try_lock(path)? {
        Some(lock) => {
            lock.note(&std::process::id().to_string())?;
            Ok(lock)
        }
        None => {
            let holder = fsio::read_to_string(path).unwrap_or_default();
            let who = match holder.trim().parse::<u32>() {
                Ok(pid) => format!("another build (process {pid})"),
                Err(_) => "another build".to_string(),
            };
            Err(
                Diagnostic::error(format!("{who} is writing to this output"))
                    .in_file(path)
                    .with_hint("wait for it to finish, or use another --output"),
            )
        }
    }
}

#[cfg(test)]
mod tests;
