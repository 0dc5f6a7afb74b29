//! A document's photo must be a file of the site's `static/` folder; its
//! size is read here, once, so that pages reserve its space and list the
//! widths the build makes of it (`publish::images`).

use std::io::Cursor;
use std::path::Path;

use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::fsio;

/// Width and height in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageSize {
    pub width: u32,
    pub height: u32,
}

/// The size of the image at site path `src` (`/images/visite.jpg`, a file
/// of `static/`); `Ok(None)` for an address on another site. A missing or
/// unreadable image is an error at the `image` line of the document.
pub fn measure(
    root: &Path,
    src: &str,
    limit: u64,
    document: (&Path, &str),
) -> Result<Option<ImageSize>, Box<Diagnostic>> {
    if !src.starts_with('/') || src.starts_with("//") {
        return Ok(None);
    }
    let (file, source) = document;
    // The `image` key starts its line in the front matter.
    let at = source.find("\nimage").map_or(0, |at| at + 1);
    let location = Location::at(source, at..at + "image".len().min(source.len() - at));
    let relative = Path::new("static").join(src.trim_start_matches('/'));
    let error = |code: &'static str| {
        let args = vec![
            ("src", src.to_string()),
            ("path", relative.display().to_string()),
        ];
        Box::new(Diagnostic::coded(Severity::Error, code, args).at(file, location.clone()))
    };
    if !fsio::is_file(&root.join(&relative)) {
        return Err(error("image-file-missing"));
    }
    let bytes = fsio::read_capped(&root.join(&relative), limit).map_err(|e| Box::new(e.into()))?;
    let size = image::ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|reader| reader.into_dimensions().ok());
    match size {
        Some((width, height)) => Ok(Some(ImageSize { width, height })),
        None => Err(error("image-not-readable")),
    }
}
