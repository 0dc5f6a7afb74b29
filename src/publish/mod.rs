//! Publishing: every file of the site that is not a page, handed to the
//! sink. Nothing here touches the file system.
//!
//! 1. [`static_files`]: the theme's `static/`, then the site's own over it,
//!    first, so that the paths they take are known before anything is
//!    generated (a static file on a generated path is an error).
//! 2. [`publish`], side by side with the pages: `robots.txt`, the Atom
//!    feeds (a theme template), the indexes the theme's script reads, the
//!    sitemap, and the data downloads (large ones streamed).

pub mod downloads;
mod feeds;
pub mod images;
pub mod indexes;
pub mod sitemap;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layers::{Layer, LayeredFile, Layers};
use crate::model::Site;
use crate::render::Renderer;
use crate::sink::Sink;

/// What [`static_files`] published.
#[derive(Debug, Default)]
pub struct StaticFiles {
    /// Output path (no leading `/`) to the file that holds it, relative to
    /// the site's root: generated files may not take these paths.
    pub taken: HashMap<String, PathBuf>,
    /// Theme files replaced by the site's own, by output path.
    pub overrides: Vec<String>,
}

/// Hands every static file to the sink: the theme's, then the site's own
/// over a theme file of the same path (an intended override).
pub fn static_files(
    layers: &Layers,
    max_file_bytes: u64,
    sink: &dyn Sink,
    diagnostics: &mut Diagnostics,
) -> StaticFiles {
    let mut chosen: BTreeMap<String, LayeredFile> = BTreeMap::new();
    let mut published = StaticFiles::default();
    for file in layers.files("static", diagnostics) {
        let (name, by_site) = (file.name.clone(), file.layer == Layer::Site);
        if chosen.insert(name.clone(), file).is_some() && by_site {
            published.overrides.push(name);
        }
    }
    for (name, file) in chosen {
        let result = file
            .read(max_file_bytes)
            .and_then(|bytes| sink.put(&name, &bytes));
        match result {
            Ok(()) => {
                published.taken.insert(name, file.relative);
            }
            Err(error) => diagnostics.push(Diagnostic::from(error).in_file(file.relative)),
        }
    }
    published
}

/// Hands every generated file that is not a page to the sink.
pub fn publish(
    site: &Site<'_>,
    renderer: &Renderer,
    sink: &dyn Sink,
    diagnostics: &mut Diagnostics,
) {
    let robots = ("robots.txt".to_string(), Ok(robots(site).into_bytes()));
    let indexes = indexes::indexes(site, renderer.locales());
    for (path, bytes) in std::iter::once(robots).chain(indexes) {
        let result = bytes
            .map_err(|error| Diagnostic::error(format!("cannot write the index {path}: {error}")))
            .and_then(|bytes| sink.put(&path, &bytes).map_err(Diagnostic::from));
        diagnostics.extend(result.err());
    }
    for feed in feeds::feeds(site, renderer) {
        let written = feed.and_then(|(path, xml)| sink.put(&path, &xml).map_err(Diagnostic::from));
        diagnostics.extend(written.err());
    }
    images::write(site, sink, diagnostics);
    let streamed = sitemap::write(site, sink)
        .into_iter()
        .chain(downloads::write_downloads(site, sink));
    diagnostics.extend(streamed.map(Diagnostic::from));
}

fn robots(site: &Site<'_>) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}\n",
        site.url("sitemap.xml")
    )
}
