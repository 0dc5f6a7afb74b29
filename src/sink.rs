//! Where rendered and published files go. Render and publish hand every file
//! to a [`Sink`] and never touch the file system: `output` implements it for
//! a staging folder, [`Memory`] keeps the files for the preview server and
//! tests, [`Discard`] checks paths and keeps nothing (`bayan check`).
//!
//! Paths are relative to the output's root, `/`-separated; a leading `/`
//! means that root. Every sink refuses a path that would leave it
//! ([`checked_path`]), whatever ids and slugs the stages before let through.

use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Mutex;

use crate::fsio::{Collision, FsError, FsResult};

/// Streams one file's bytes into a writer.
pub type Writer<'a> = &'a mut dyn FnMut(&mut dyn Write) -> io::Result<()>;

/// A destination for the files of a site. Shared by the rendering threads.
pub trait Sink: Sync {
    /// Stores one whole file.
    fn put(&self, path: &str, bytes: &[u8]) -> FsResult<()>;

    /// Stores a file written piece by piece: a large download is never held
    /// whole in memory by a sink that writes to disk.
    fn stream(&self, path: &str, write: Writer<'_>) -> FsResult<()>;

    /// Whether the sink keeps what files hold: one that keeps only their
    /// paths (`check`'s collector) lets costly files, such as drawn
    /// pictures, be named without being made.
    fn keeps_bytes(&self) -> bool {
        true
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

/// Why a name cannot be one segment of an output path, in words for the
/// person who chose it (an id, a slug, a static file's name); `None` when
/// it can. The model asks this of every id before any page is rendered.
pub fn segment_problem(part: &str) -> Option<&'static str> {
    if part.contains('\0') {
        return Some("holds a NUL character");
    }
    if part == ".." || part == "." || part.contains('\\') {
        return Some("leaves the output folder");
    }
    if part.len() > MAX_NAME_BYTES {
        return Some("has a name longer than 255 bytes");
    }
    if is_reserved_name(part) {
        return Some("uses a name reserved by Windows (CON, NUL, COM1…)");
    }
    None
}

/// Whether a name (before its first dot) is one Windows keeps for a device.
pub fn is_reserved_name(part: &str) -> bool {
    let stem = part.split('.').next().unwrap_or(part).to_ascii_lowercase();
    RESERVED.contains(&stem.as_str())
}

/// A path relative to the output root that stays inside it.
pub fn checked_path(relative: &str) -> FsResult<PathBuf> {
    let refuse = |why: &str| FsError {
        action: "write",
        path: PathBuf::from(relative),
        source: io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("this output path {why}"),
        ),
    };
    let mut path = PathBuf::new();
    for part in relative.split('/').filter(|p| !p.is_empty()) {
        if let Some(problem) = segment_problem(part) {
            return Err(refuse(problem));
        }
        path.push(part);
    }
    if path.as_os_str().is_empty() {
        return Err(refuse("is empty"));
    }
    Ok(path)
}

/// A sink that keeps nothing: `check` renders every page to prove the
/// templates work, and checks every path.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, path: &str, _: &[u8]) -> FsResult<()> {
        checked_path(path).map(drop)
    }

    fn stream(&self, path: &str, write: Writer<'_>) -> FsResult<()> {
        checked_path(path)?;
        write(&mut io::sink()).map_err(|source| FsError {
            action: "write",
            path: path.into(),
            source,
        })
    }
}

/// A sink that keeps every file in memory, by path (no leading `/`).
#[derive(Default)]
pub struct Memory {
    files: Mutex<BTreeMap<String, Vec<u8>>>,
}

impl Memory {
    pub fn new() -> Self {
        Self::default()
    }

    /// The files stored so far, sorted by path.
    pub fn into_files(self) -> BTreeMap<String, Vec<u8>> {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn store(&self, path: &str, bytes: Vec<u8>) -> FsResult<()> {
        let key = checked_path(path)?.to_string_lossy().replace('\\', "/");
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(key, bytes);
        Ok(())
    }
}

impl Sink for Memory {
    fn put(&self, path: &str, bytes: &[u8]) -> FsResult<()> {
        self.store(path, bytes.to_vec())
    }

    fn stream(&self, path: &str, write: Writer<'_>) -> FsResult<()> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|source| FsError {
            action: "write",
            path: path.into(),
            source,
        })?;
        self.store(path, bytes)
    }
}

/// Told of each page as it is rendered, for a progress bar. Render and
/// publish never see it: [`Counted`] calls it as files reach the sink, so
/// rendering stays free of terminal code.
pub trait Progress: Sync + Send + std::fmt::Debug {
    /// The number of pages about to be rendered.
    fn start(&self, total: usize);
    /// One more page rendered.
    fn advance(&self);
    /// Every file was handed over.
    fn finish(&self);
}

/// A sink in front of another that counts the pages (`.html` files) it is
/// handed, for a [`Progress`].
pub struct Counted<'a> {
    pub inner: &'a dyn Sink,
    pub progress: &'a dyn Progress,
}

impl Counted<'_> {
    fn count(&self, path: &str) {
        if path.ends_with(".html") {
            self.progress.advance();
        }
    }
}

impl Sink for Counted<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> FsResult<()> {
        self.inner.put(path, bytes)?;
        self.count(path);
        Ok(())
    }

    fn stream(&self, path: &str, write: Writer<'_>) -> FsResult<()> {
        self.inner.stream(path, write)?;
        self.count(path);
        Ok(())
    }

    fn keeps_bytes(&self) -> bool {
        self.inner.keeps_bytes()
    }
}

/// A sink in front of another that refuses to overwrite the paths a site's
/// static files took: a static file on a generated path is an error naming
/// both, never a silent replacement that depends on thread timing.
pub struct Reserved<'a> {
    inner: &'a dyn Sink,
    /// Output path (no leading `/`) to the static file that holds it.
    taken: HashMap<String, PathBuf>,
}

impl<'a> Reserved<'a> {
    pub fn new(inner: &'a dyn Sink, taken: HashMap<String, PathBuf>) -> Self {
        Self { inner, taken }
    }

    fn refuse(&self, path: &str) -> FsResult<()> {
        let generated = path.trim_start_matches('/');
        let Some(static_file) = self.taken.get(generated) else {
            return Ok(());
        };
        let collision = Collision {
            generated: generated.to_string(),
        };
        Err(FsError {
            action: "publish",
            path: static_file.clone(),
            source: io::Error::new(io::ErrorKind::AlreadyExists, collision),
        })
    }
}

impl Sink for Reserved<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> FsResult<()> {
        self.refuse(path)?;
        self.inner.put(path, bytes)
    }

    fn stream(&self, path: &str, write: Writer<'_>) -> FsResult<()> {
        self.refuse(path)?;
        self.inner.stream(path, write)
    }

    fn keeps_bytes(&self) -> bool {
        self.inner.keeps_bytes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_output_paths_inside_the_output_folder() {
        assert_eq!(
            checked_path("fr/projets/tta-2023-001/index.html").ok(),
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
            "/",
            "",
        ] {
            assert!(checked_path(bad).is_err(), "{bad:?}");
        }
        assert!(checked_path(&"a".repeat(256)).is_err());
        assert!(checked_path(&"a".repeat(255)).is_ok());
        // A leading slash means the output folder, never the machine's root.
        assert_eq!(
            checked_path("/sitemap.xml").ok(),
            Some(PathBuf::from("sitemap.xml"))
        );
    }

    #[test]
    fn memory_keeps_put_and_streamed_files_by_path() {
        let memory = Memory::new();
        memory.put("/fr/index.html", b"page").expect("put");
        memory
            .stream("data/t.csv", &mut |w| w.write_all(b"a,b\n"))
            .expect("stream");
        assert!(memory.put("../x", b"no").is_err());
        let files = memory.into_files();
        assert_eq!(
            files.keys().collect::<Vec<_>>(),
            ["data/t.csv", "fr/index.html"]
        );
        assert_eq!(files["fr/index.html"], b"page");
    }

    #[derive(Debug, Default)]
    struct Tally(std::sync::atomic::AtomicUsize);

    impl Progress for Tally {
        fn start(&self, _: usize) {}
        fn advance(&self) {
            self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        fn finish(&self) {}
    }

    #[test]
    fn counted_tells_progress_of_each_page_stored() {
        let (memory, tally) = (Memory::new(), Tally::default());
        let counted = Counted {
            inner: &memory,
            progress: &tally,
        };
        counted.put("fr/index.html", b"page").expect("page");
        counted.put("sitemap.xml", b"xml").expect("not a page");
        counted
            .stream("ar/index.html", &mut |w| w.write_all(b"page"))
            .expect("page");
        assert!(counted.put("../x.html", b"refused").is_err());
        assert_eq!(tally.0.into_inner(), 2);
        assert_eq!(memory.into_files().len(), 3);
    }

    #[test]
    fn a_reserved_path_is_refused_naming_the_static_file() {
        let memory = Memory::new();
        let taken = HashMap::from([(
            "fr/index.html".to_string(),
            PathBuf::from("static/fr/index.html"),
        )]);
        let reserved = Reserved::new(&memory, taken);
        let error = reserved
            .put("/fr/index.html", b"generated")
            .expect_err("reserved");
        assert!(
            error.to_string().contains("static/fr/index.html"),
            "{error}"
        );
        reserved.put("/ar/index.html", b"generated").expect("free");
        assert_eq!(memory.into_files().len(), 1);
    }
}
