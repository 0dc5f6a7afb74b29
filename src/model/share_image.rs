//! The share picture a site declares (`[share_image]`): its file must be
//! among the site's static files, and its size is read once here, for the
//! `og:image:width` and `og:image:height` of every page.

use std::collections::BTreeMap;
use std::io::Cursor;

use crate::config::{CONFIG_FILE, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fsio;

/// The declared picture, measured.
#[derive(Debug, Clone)]
pub struct DeclaredImage {
    /// Its path in the output (as under `static/`).
    pub src: String,
    pub width: u32,
    pub height: u32,
    pub alt: BTreeMap<String, String>,
}

/// The declared picture, or `None` (with an error when it is declared
/// but cannot be read).
pub fn declared(config: &SiteConfig, diagnostics: &mut Diagnostics) -> Option<DeclaredImage> {
    let declared = config.share_image.as_ref()?;
    let file = config.root.join("static").join(&declared.src);
    let size = fsio::read_capped(&file, config.max_file_bytes)
        .ok()
        .and_then(|bytes| {
            image::ImageReader::new(Cursor::new(bytes))
                .with_guessed_format()
                .ok()?
                .into_dimensions()
                .ok()
        });
    let Some((width, height)) = size else {
        diagnostics.push(
            Diagnostic::error(format!(
                "the share image static/{} is missing or is not a PNG or JPEG picture",
                declared.src
            ))
            .at(CONFIG_FILE, declared.src_at.clone())
            .with_hint(
                "put the picture in the site's static/ folder (1200 × 630 pixels suits link previews), or remove [share_image] to use the generated ones",
            ),
        );
        return None;
    };
    Some(DeclaredImage {
        src: declared.src.clone(),
        width,
        height,
        alt: declared.alt.clone(),
    })
}
