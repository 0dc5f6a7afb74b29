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
//!    reads, the asset manifest, the sitemap and the pages and host tables
//!    of old addresses (redirects); then [`publish_downloads`], the data
//!    downloads (large ones streamed), which depend on the tables alone (an
//!    incremental build keeps them).

pub mod downloads;
mod feeds;
pub mod iati;
pub mod images;
pub mod indexes;
mod provenance;
pub mod readable;
pub mod redirects;
pub mod share_images;
pub mod sitemap;
mod slices;
mod statics;
mod xlsx;

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
    let list = crate::model::addresses::list(site);
    let addresses = (crate::model::addresses::FILE.to_string(), list.to_json());
    for (path, bytes) in [robots, manifest, addresses].into_iter().chain(indexes) {
        let result = bytes
            .map_err(|error| Diagnostic::error(format!("cannot write {path}: {error}")))
            .and_then(|bytes| sink.put(&path, &bytes).map_err(Diagnostic::from));
        diagnostics.extend(result.err());
    }
    let outputs = site.config.outputs;
    let feeds = if outputs.feeds {
        feeds::feeds(site, renderer)
    } else {
        Vec::new()
    };
    let generated = feeds.into_iter().chain(redirects::files(site, renderer));
    for file in generated {
        let written =
            file.and_then(|(path, bytes)| sink.put(&path, &bytes).map_err(Diagnostic::from));
        diagnostics.extend(written.err());
    }
    images::write(site, sink, diagnostics);
    share_images::write(site, renderer.locales(), sink, diagnostics);
    if outputs.sitemap {
        diagnostics.extend(sitemap::write(site, sink).into_iter().map(Diagnostic::from));
    }
}

/// The data downloads: they depend on the tables alone.
pub fn publish_downloads(
    site: &Site<'_>,
    locales: &crate::locale::Locales,
    sink: &dyn Sink,
    diagnostics: &mut Diagnostics,
) {
    if site.config.outputs.downloads {
        let failed = downloads::write_downloads(site, locales, sink);
        diagnostics.extend(failed.into_iter().map(Diagnostic::from));
    }
}

fn robots(site: &Site<'_>) -> String {
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if site.config.outputs.sitemap {
        robots.push_str(&format!("Sitemap: {}\n", site.url("sitemap.xml")));
    }
    robots
}
