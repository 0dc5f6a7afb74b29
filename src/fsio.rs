//! File-system calls that name their path in every error.
//!
//! The pipeline never calls `std::fs` directly (a test in
//! `tests/architecture.rs` holds it to that): an I/O error without the path
//! it concerns is useless to the person who has to fix it, and a walk error
//! skipped is a file silently missing from the site.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::diagnostics::Diagnostic;

/// An I/O failure, with the path and what was being done to it.
#[derive(Debug, thiserror::Error)]
#[error("cannot {action} {}: {source}", path.display())]
pub struct FsError {
    pub action: &'static str,
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

impl FsError {
    fn wrap(action: &'static str, path: &Path) -> impl FnOnce(io::Error) -> Self {
        let path = path.to_path_buf();
        move |source| Self {
            action,
            path,
            source,
        }
    }

    pub fn is_not_found(&self) -> bool {
        self.source.kind() == io::ErrorKind::NotFound
    }

    /// The generated path, when a static file was refused for taking it.
    pub fn collision(&self) -> Option<&Collision> {
        self.source.get_ref()?.downcast_ref()
    }

    /// The sizes, when the file was refused for being over the limit.
    pub fn too_large(&self) -> Option<&TooLarge> {
        self.source.get_ref()?.downcast_ref::<TooLarge>()
    }
}

/// A file refused before it was read, because it is larger than the limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("the file has {size} bytes, above the limit of {limit}")]
pub struct TooLarge {
    pub size: u64,
    pub limit: u64,
}

/// A static file (the error's path) refused because Bayan generates a file
/// at the same output path.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Bayan generates a file at {generated}")]
pub struct Collision {
    pub generated: String,
}

/// The limit when a site sets none (`[limits] max_file_mb` in site.toml).
pub const DEFAULT_MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;

fn megabytes(bytes: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if bytes < MB {
        format!("{bytes} bytes")
    } else if bytes.is_multiple_of(MB) {
        format!("{} MB", bytes / MB)
    } else {
        // One decimal, rounded up, so a file just over the limit never
        // reads as equal to it.
        let tenths = bytes.saturating_mul(10).div_ceil(MB);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

impl From<FsError> for Diagnostic {
    fn from(error: FsError) -> Self {
        if let Some(collision) = error.collision() {
            return Diagnostic::error(format!(
                "this static file has the path of a file Bayan generates: {}",
                collision.generated
            ))
            .in_file(&error.path)
            .with_hint("rename or move it: a static file cannot replace a page, a download or an index; to change a page, override its template");
        }
        if let Some(too_large) = error.too_large() {
            return Diagnostic::error(format!(
                "this file is too large to read: {}, above the limit of {}",
                megabytes(too_large.size),
                megabytes(too_large.limit)
            ))
            .in_file(&error.path)
            .with_hint(
                "check it is the right file; if it is, raise `max_file_mb` under `[limits]` in site.toml",
            );
        }
        let message = if error.is_not_found() {
            format!("file not found: {}", error.path.display())
        } else {
            format!(
                "cannot {} {}: {}",
                error.action,
                error.path.display(),
                error.source
            )
        };
        Diagnostic::error(message).in_file(&error.path)
    }
}

pub type FsResult<T> = Result<T, FsError>;

pub fn read(path: &Path) -> FsResult<Vec<u8>> {
    std::fs::read(path).map_err(FsError::wrap("read", path))
}

/// The fonts installed on this machine: fontdb reads the usual system
/// folders (and fontconfig's list), keeping only each face's names. Read
/// once per process: `serve` builds again on every save.
pub fn system_fonts() -> resvg::usvg::fontdb::Database {
    static FONTS: std::sync::LazyLock<resvg::usvg::fontdb::Database> =
        std::sync::LazyLock::new(|| {
            let mut fonts = resvg::usvg::fontdb::Database::new();
            fonts.load_system_fonts();
            fonts
        });
    FONTS.clone()
}

pub fn read_to_string(path: &Path) -> FsResult<String> {
    std::fs::read_to_string(path).map_err(FsError::wrap("read", path))
}

/// Reads a file of at most `limit` bytes. A larger one is refused before
/// anything is read (a stray multi-gigabyte export must not exhaust memory),
/// and a file that grows while it is read is cut off and refused too.
pub fn read_capped(path: &Path, limit: u64) -> FsResult<Vec<u8>> {
    let wrap = FsError::wrap("read", path);
    let file = std::fs::File::open(path).map_err(FsError::wrap("read", path))?;
    let size = file
        .metadata()
        .map_err(FsError::wrap("read metadata of", path))?
        .len();
    let too_large = |size| {
        let source = io::Error::new(io::ErrorKind::FileTooLarge, TooLarge { size, limit });
        FsError {
            action: "read",
            path: path.to_path_buf(),
            source,
        }
    };
    if size > limit {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(wrap)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// [`read_capped`], as UTF-8 text.
pub fn read_capped_to_string(path: &Path, limit: u64) -> FsResult<String> {
    let bytes = read_capped(path, limit)?;
    String::from_utf8(bytes).map_err(|error| FsError {
        action: "read",
        path: path.to_path_buf(),
        source: io::Error::new(io::ErrorKind::InvalidData, error.utf8_error()),
    })
}

pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> FsResult<()> {
    std::fs::write(path, contents).map_err(FsError::wrap("write", path))
}

pub fn create(path: &Path) -> FsResult<std::fs::File> {
    std::fs::File::create(path).map_err(FsError::wrap("create", path))
}

pub fn create_dir_all(path: &Path) -> FsResult<()> {
    std::fs::create_dir_all(path).map_err(FsError::wrap("create folder", path))
}

pub fn create_dir(path: &Path) -> FsResult<()> {
    std::fs::create_dir(path).map_err(FsError::wrap("create folder", path))
}

pub fn remove_dir_all(path: &Path) -> FsResult<()> {
    std::fs::remove_dir_all(path).map_err(FsError::wrap("remove folder", path))
}

pub fn rename(from: &Path, to: &Path) -> FsResult<()> {
    std::fs::rename(from, to).map_err(FsError::wrap("rename", from))
}

pub fn copy(from: &Path, to: &Path) -> FsResult<u64> {
    std::fs::copy(from, to).map_err(FsError::wrap("copy", from))
}

pub fn metadata(path: &Path) -> FsResult<std::fs::Metadata> {
    std::fs::metadata(path).map_err(FsError::wrap("read metadata of", path))
}

pub fn canonicalize(path: &Path) -> FsResult<PathBuf> {
    std::fs::canonicalize(path).map_err(FsError::wrap("resolve", path))
}

pub fn create_new(path: &Path) -> FsResult<std::fs::File> {
    std::fs::File::create_new(path).map_err(FsError::wrap("create", path))
}

pub fn remove_file(path: &Path) -> FsResult<()> {
    std::fs::remove_file(path).map_err(FsError::wrap("remove", path))
}

/// Whether anything (file, folder, or a link, even dangling) is at `path`.
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Whether `path` is a folder (following links).
pub fn is_dir(path: &Path) -> bool {
    path.is_dir()
}

/// Whether `path` is a file (following links).
pub fn is_file(path: &Path) -> bool {
    path.is_file()
}

/// Whether `path` is itself a symbolic link.
pub fn is_symlink(path: &Path) -> bool {
    path.is_symlink()
}

/// What a folder holds, directly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: PathBuf,
    /// The name, when it is valid UTF-8.
    pub name: Option<String>,
    pub kind: EntryKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    File,
    Folder,
    /// A symbolic link, whatever it points to.
    Link,
    Other,
}

/// The entries of `dir`, sorted by name. A missing folder is empty.
pub fn list_dir(dir: &Path) -> FsResult<Vec<Entry>> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(error) => return Err(FsError::wrap("list", dir)(error)),
    };
    let mut found = Vec::new();
    for entry in entries {
        let entry = entry.map_err(FsError::wrap("list", dir))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(FsError::wrap("read metadata of", &path))?;
        found.push(Entry {
            name: entry.file_name().to_str().map(str::to_string),
            kind: kind_of(kind),
            path,
        });
    }
    found.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(found)
}

fn kind_of(kind: std::fs::FileType) -> EntryKind {
    if kind.is_symlink() {
        EntryKind::Link
    } else if kind.is_dir() {
        EntryKind::Folder
    } else if kind.is_file() {
        EntryKind::File
    } else {
        EntryKind::Other
    }
}

/// A file found by [`walk_files`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkedFile {
    pub path: PathBuf,
    /// The path below the walked folder, `/`-separated.
    pub name: String,
}

/// Every file under `dir`, sorted, links inside the site followed (links
/// that lead outside it are refused before any walk, see [`links_outside`]).
/// A missing folder has no files. Every error is returned with its path,
/// never skipped: a file that cannot be read must not vanish from the site.
pub fn walk_files(dir: &Path) -> (Vec<WalkedFile>, Vec<FsError>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    if !dir.exists() {
        return (files, errors);
    }
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                let path = entry.into_path();
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                files.push(WalkedFile { path, name });
            }
            Ok(_) => {}
            Err(error) => errors.push(walk_error(dir, error)),
        }
    }
    (files, errors)
}

fn walk_error(dir: &Path, error: walkdir::Error) -> FsError {
    let path = error.path().unwrap_or(dir).to_path_buf();
    let source = error
        .into_io_error()
        .unwrap_or_else(|| io::Error::other("a symbolic link leads back into its own folder"));
    FsError {
        action: "read",
        path,
        source,
    }
}

/// An exclusive lock held by this process until dropped, taken with the
/// operating system's file lock (`flock` on Unix, `LockFileEx` on Windows):
/// it is released when the process ends, however it ends, so a lock is
/// never stale and its file's content never matters.
#[derive(Debug)]
pub struct Lock {
    path: PathBuf,
    file: std::fs::File,
}

/// Takes the lock at `path`, creating the file; `Ok(None)` when another
/// process holds it.
pub fn try_lock(path: &Path) -> FsResult<Option<Lock>> {
    // A holder that is finishing removes the file after we opened it: the
    // lock we then take is on a file no one else will open. Retry on the
    // file that is at the path now.
    for _ in 0..8 {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(FsError::wrap("create", path))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => return Ok(None),
            Err(std::fs::TryLockError::Error(error)) => {
                return Err(FsError::wrap("lock", path)(error));
            }
        }
        if same_file(&file, path) {
            return Ok(Some(Lock {
                path: path.to_path_buf(),
                file,
            }));
        }
    }
    Err(FsError::wrap("lock", path)(io::Error::other(
        "the lock file keeps being replaced",
    )))
}

#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), std::fs::metadata(path)) {
        (Ok(open), Ok(now)) => open.dev() == now.dev() && open.ino() == now.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::File, path: &Path) -> bool {
    path.exists()
}

impl Lock {
    /// Writes a note for people (who holds it) into the lock file.
    pub fn note(&self, text: &str) -> FsResult<()> {
        use std::io::{Seek, Write};
        let mut file = &self.file;
        file.set_len(0)
            .and_then(|()| file.seek(io::SeekFrom::Start(0)))
            .and_then(|_| file.write_all(text.as_bytes()))
            .map_err(FsError::wrap("write", &self.path))
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Removed while still held, so no one can lock this file any more;
        // the lock itself goes with the file handle. Off Unix the file
        // cannot be removed while open, and is left (empty) for next time.
        #[cfg(unix)]
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The symbolic links under `folders` (not followed) whose target is not
/// inside `root`, with where each one leads (or its raw target when that
/// does not exist). A missing folder has no links.
pub fn links_outside(root: &Path, folders: &[PathBuf]) -> FsResult<Vec<(PathBuf, PathBuf)>> {
    let root = canonicalize(root)?;
    let mut found = Vec::new();
    for folder in folders.iter().filter(|f| exists(f)) {
        // A folder that is itself a link is judged alone: a walk would
        // follow it, whatever it leads to.
        let walker = walkdir::WalkDir::new(folder)
            .follow_links(false)
            .max_depth(if is_symlink(folder) { 0 } else { usize::MAX })
            .sort_by_file_name();
        for entry in walker {
            let entry = entry.map_err(|error| walk_error(folder, error))?;
            if !entry.path_is_symlink() {
                continue;
            }
            let path = entry.path();
            match std::fs::canonicalize(path) {
                Ok(target) if target.starts_with(&root) => {}
                Ok(target) => found.push((path.to_path_buf(), target)),
                // A dangling link: say where it was meant to go.
                Err(_) => {
                    let target = std::fs::read_link(path).unwrap_or_default();
                    let inside = target.is_relative()
                        && !target
                            .components()
                            .any(|c| c == std::path::Component::ParentDir);
                    if !inside {
                        found.push((path.to_path_buf(), target));
                    }
                }
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_path_and_keep_the_source() {
        let error = read(Path::new("/nonexistent/site.toml")).err();
        let error = error.expect("reading a missing file fails");
        assert!(error.is_not_found());
        assert!(error.to_string().contains("/nonexistent/site.toml"));
        assert!(std::error::Error::source(&error).is_some());
        let diagnostic = Diagnostic::from(error);
        assert_eq!(diagnostic.message, "file not found: /nonexistent/site.toml");
    }

    #[test]
    fn refuses_a_file_over_the_limit_before_reading_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("big.csv");
        std::fs::write(&path, vec![b'a'; 1000]).expect("write");
        assert_eq!(read_capped(&path, 1000).map(|b| b.len()).ok(), Some(1000));
        let error = read_capped(&path, 999).expect_err("over the limit");
        assert_eq!(
            error.too_large(),
            Some(&TooLarge {
                size: 1000,
                limit: 999
            })
        );
        let diagnostic = Diagnostic::from(error);
        assert_eq!(
            diagnostic.message,
            "this file is too large to read: 1000 bytes, above the limit of 999 bytes"
        );
        assert!(diagnostic.hint.is_some_and(|h| h.contains("max_file_mb")));
    }

    #[test]
    fn prints_sizes_in_megabytes_rounded_up() {
        assert_eq!(megabytes(200 * 1024 * 1024), "200 MB");
        assert_eq!(megabytes(200 * 1024 * 1024 + 1), "200.1 MB");
        assert_eq!(megabytes(512), "512 bytes");
    }
}
