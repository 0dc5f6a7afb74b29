//! Publishing: every file of the site that is not a page, handed to the
//! sink. Nothing here touches the file system.
//!
//! 1. [`prepare`]: the static files chosen (the site's over the theme's)
//!    and the indexes built, styles, scripts and the first file of each
//!    index named by a hash of their content, before any page is rendered.
//! 2. [`static_files`], first, so that the paths they take are known
//!    before anything is generated (a static file on a generated path is
//!    an error).
//! 3. [`publish_beside_pages`], side by side with the pages: `robots.txt`,
//!    the Atom feeds (a theme template), the indexes the theme's script
//!    reads, the asset manifest and the sitemap; then [`publish_downloads`],
//!    the data downloads (large ones streamed), which depend on the tables
//!    alone (an incremental build keeps them).

pub mod downloads;
mod feeds;
pub mod images;
pub mod indexes;
pub mod sitemap;
mod statics;

pub use statics::{Prepared, StaticFiles, Statics, prepare, static_files};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::model::{Site, assets};
use crate::render::Renderer;
use crate::sink::Sink;

/// Every generated file that is neither a page nor a data download: what
/// an edit of an article can change (feeds, indexes, sitemap, photos), so
/// an incremental build writes these again and keeps the downloads.
pub fn publish_beside_pages(
    site: &Site<'_>,
    renderer: &Renderer,
    indexes: Vec<indexes::IndexFile>,
    sink: &dyn Sink,
    diagnostics: &mut Diagnostics,
) {
    let robots = ("robots.txt".to_string(), Ok(robots(site).into_bytes()));
    let manifest = (assets::MANIFEST.to_string(), renderer.assets().manifest());
    for (path, bytes) in [robots, manifest].into_iter().chain(indexes) {
        let result = bytes
            .map_err(|error| Diagnostic::error(format!("cannot write {path}: {error}")))
            .and_then(|bytes| sink.put(&path, &bytes).map_err(Diagnostic::from));
        diagnostics.extend(result.err());
    }
    for feed in feeds::feeds(site, renderer) {
        let written = feed.and_then(|(path, xml)| sink.put(&path, &xml).map_err(Diagnostic::from));
        diagnostics.extend(written.err());
    }
    images::write(site, sink, diagnostics);
    let sitemap = sitemap::write(site, sink);
    diagnostics.extend(sitemap.into_iter().map(Diagnostic::from));
}

/// The data downloads: they depend on the tables alone.
pub fn publish_downloads(site: &Site<'_>, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
    let failed = downloads::write_downloads(site, sink);
    diagnostics.extend(failed.into_iter().map(Diagnostic::from));
}

fn robots(site: &Site<'_>) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        site.url("sitemap.xml")
    )
}
