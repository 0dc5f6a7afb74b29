//! The sink a preview build goes into: every file gzip-compressed as it
//! arrives, so two whole builds (the one served, the one being made) fit
//! in memory together. A 10,000-record site is 277 MiB of files and 66 MiB
//! compressed: the preview stays under 512 MiB (README, "Preview").

use std::collections::HashMap;
use std::io::{self, Read};
use std::sync::{Arc, Mutex};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use crate::fsio::{FsError, FsResult};
use crate::sink::{self, Sink, Writer};

/// Every file of one build, gzip-compressed, by path (`fr/index.html`).
/// Shared, so that an incremental rebuild keeps the unchanged files of the
/// last build without copying them.
pub type Files = HashMap<String, Arc<[u8]>>;

/// A sink that keeps each file compressed.
#[derive(Default)]
pub struct Compressed {
    files: Mutex<Files>,
}

impl Compressed {
    pub fn into_files(self) -> Files {
        self.files.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    fn store(&self, path: &str, write: Writer<'_>) -> FsResult<()> {
        let key = sink::checked_path(path)?
            .to_string_lossy()
            .replace('\\', "/");
        let failed = |source| FsError {
            action: "compress",
            path: path.into(),
            source,
        };
        let mut encoder = GzEncoder::new(Vec::new(), Compression::fast());
        write(&mut encoder).map_err(failed)?;
        // Into a slice of its exact size: the buffer grew by doubling, and
        // up to half of it would be slack kept as long as the build is served.
        let bytes: Arc<[u8]> = encoder.finish().map_err(failed)?.into();
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(key, bytes);
        Ok(())
    }
}

impl Sink for Compressed {
    fn put(&self, path: &str, bytes: &[u8]) -> FsResult<()> {
        self.store(path, &mut |w| w.write_all(bytes))
    }

    fn stream(&self, path: &str, write: Writer<'_>) -> FsResult<()> {
        self.store(path, write)
    }
}

/// The bytes of a file stored compressed.
pub fn decompress(stored: &[u8]) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(stored.len() * 6);
    GzDecoder::new(stored).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_files_compressed_and_gives_them_back_whole() {
        let sink = Compressed::default();
        let page = "<p>بيان</p>".repeat(1000);
        sink.put("/fr/index.html", page.as_bytes()).expect("put");
        sink.stream("data/t.csv", &mut |w| w.write_all(b"a,b\n1,2\n"))
            .expect("stream");
        assert!(sink.put("../x", b"refused").is_err());
        let files = sink.into_files();
        assert_eq!(files.len(), 2);
        let stored = &files["fr/index.html"];
        assert!(stored.len() * 10 < page.len(), "{} bytes", stored.len());
        assert_eq!(decompress(stored).expect("gzip"), page.as_bytes());
        assert_eq!(
            decompress(&files["data/t.csv"]).expect("gzip"),
            b"a,b\n1,2\n"
        );
    }
}
