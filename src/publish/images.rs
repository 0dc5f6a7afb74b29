//! Editors' photos for phones: each photo a document shows is written at
//! the widths of `model::urls::image_variants`, re-compressed, so a 4 MB
//! camera photo never reaches a phone whole. Encoding is slow, so each
//! width is kept in `.bayan-cache/images/` under the hash of the photo's
//! bytes: an unchanged photo is never encoded twice.

use std::collections::BTreeMap;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use image::{DynamicImage, ImageFormat, imageops::FilterType};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::content::images::ImageSize;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fsio;
use crate::model::Site;
use crate::model::urls::{ImageVariant, image_variants};
use crate::sink::Sink;

/// The folder of encoded widths, under the site's root.
pub const CACHE_DIR: &str = ".bayan-cache/images";

/// JPEG quality: photos stay sharp on a phone at a fraction of the weight.
const JPEG_QUALITY: u8 = 80;

/// Hands every width of every photo to the sink.
pub fn write(site: &Site<'_>, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
    let photos: BTreeMap<&str, ImageSize> = site
        .content
        .articles
        .iter()
        .chain(&site.content.pages)
        .filter_map(|doc| Some((doc.front.image.as_ref()?.src.as_str(), doc.image_size?)))
        .collect();
    let found: Vec<Vec<Diagnostic>> = photos
        .par_iter()
        .map(|(src, size)| {
            let mut found = Vec::new();
            if let Err(error) = write_photo(site, src, *size, sink, &mut found) {
                found.push(error);
            }
            found
        })
        .collect();
    diagnostics.extend(found.into_iter().flatten());
}

fn write_photo(
    site: &Site<'_>,
    src: &str,
    size: ImageSize,
    sink: &dyn Sink,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), Diagnostic> {
    let relative = Path::new("static").join(src.trim_start_matches('/'));
    let bytes = fsio::read_capped(
        &site.config.root.join(&relative),
        site.config.max_file_bytes,
    )?;
    let hash: String = Sha256::digest(&bytes)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let format = ImageFormat::from_path(&relative).unwrap_or(ImageFormat::Jpeg);
    let mut decoded: Option<DynamicImage> = None;
    for variant in image_variants(src, size) {
        let cached = cache_path(&site.config.root, &hash, &variant);
        let encoded = match fsio::read(&cached) {
            Ok(encoded) => encoded,
            Err(_) => {
                if decoded.is_none() {
                    decoded = Some(
                        image::load_from_memory(&bytes).map_err(|e| unreadable(&relative, &e))?,
                    );
                }
                let photo = decoded
                    .as_ref()
                    .ok_or_else(|| unreadable(&relative, &"empty"))?;
                let encoded =
                    encode(photo, &variant, format).map_err(|e| unreadable(&relative, &e))?;
                warnings.extend(remember(&cached, &encoded));
                encoded
            }
        };
        sink.put(&variant.path, &encoded)?;
    }
    Ok(())
}

fn encode(
    photo: &DynamicImage,
    variant: &ImageVariant,
    format: ImageFormat,
) -> image::ImageResult<Vec<u8>> {
    let resized = photo.resize_exact(variant.width, variant.height, FilterType::Lanczos3);
    let mut out = Vec::new();
    if format == ImageFormat::Png {
        resized.write_to(&mut Cursor::new(&mut out), ImageFormat::Png)?;
    } else {
        let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
        resized.to_rgb8().write_with_encoder(encoder)?;
    }
    Ok(out)
}

fn cache_path(root: &Path, hash: &str, variant: &ImageVariant) -> PathBuf {
    let extension = variant.path.rsplit('.').next().unwrap_or("jpg");
    root.join(CACHE_DIR).join(format!(
        "{hash}-{}w-q{JPEG_QUALITY}.{extension}",
        variant.width
    ))
}

/// Keeps an encoded width for the next build; a cache that cannot be
/// written only costs time: a warning, not an error.
fn remember(path: &Path, bytes: &[u8]) -> Option<Diagnostic> {
    let parent = path.parent()?;
    let error = fsio::create_dir_all(parent)
        .and_then(|()| fsio::write(path, bytes))
        .err()?;
    Some(
        Diagnostic::warning(format!(
            "the resized photo could not be kept for the next build: {}",
            error.source
        ))
        .in_file(path)
        .with_hint(
            "the site is complete; make .bayan-cache/ writable so photos are not resized again",
        ),
    )
}

fn unreadable(file: &Path, error: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::error(format!("the photo cannot be resized: {error}"))
        .in_file(file)
        .with_hint("open it in an image editor and save it again as JPEG or PNG")
}
