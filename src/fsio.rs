//! File-system calls that name their path in every error.
//!
//! The pipeline never calls `std::fs` directly: an I/O error without the
//! path it concerns is useless to the person who has to fix it.

use std::io;
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
}

impl From<FsError> for Diagnostic {
    fn from(error: FsError) -> Self {
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

pub fn read_to_string(path: &Path) -> FsResult<String> {
    std::fs::read_to_string(path).map_err(FsError::wrap("read", path))
}

pub fn write(path: &Path, contents: impl AsRef<[u8]>) -> FsResult<()> {
    std::fs::write(path, contents).map_err(FsError::wrap("write", path))
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
}
