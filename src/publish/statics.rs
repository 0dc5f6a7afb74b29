//! Static files and the indexes, named before any page is rendered: pages
//! link to them by their published names, and styles, scripts and the
//! first file of each index are named by a hash of their content.
//!
//! 1. [`prepare`]: choose each static file (the site's over the theme's),
//!    read and hash the styles and scripts, build the indexes and hash
//!    their first files; the result knows every published name.
//! 2. [`static_files`]: hand the static files to the sink, first, so the
//!    paths they take are reserved.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::indexes::{self, IndexFile};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layers::{Layer, LayeredFile, Layers};
use crate::locale::Locales;
use crate::model::{Assets, Site, assets};

/// What the pages need to know before they are rendered, and the files
/// that go with it.
pub struct Prepared {
    pub statics: Statics,
    /// Every index file, each first file under its hashed name.
    pub indexes: Vec<IndexFile>,
    pub assets: Assets,
}

/// The static files chosen, by published path.
pub struct Statics {
    files: BTreeMap<String, Chosen>,
    overrides: Vec<String>,
}

struct Chosen {
    file: LayeredFile,
    /// The content, when it was read to be hashed.
    bytes: Option<Vec<u8>>,
}

/// What [`static_files`] published.
#[derive(Debug, Default)]
pub struct StaticFiles {
    /// Output path (no leading `/`) to the file that holds it, relative to
    /// the site's root: generated files may not take these paths.
    pub taken: HashMap<String, PathBuf>,
    /// Theme files replaced by the site's own, by output path.
    pub overrides: Vec<String>,
}

/// Chooses and names every static file and builds the indexes.
pub fn prepare(
    site: &Site<'_>,
    layers: &Layers,
    locales: &Locales,
    diagnostics: &mut Diagnostics,
) -> Prepared {
    let mut assets = Assets::new(&site.base_path);
    let statics = choose(layers, site.config.max_file_bytes, &mut assets, diagnostics);
    let built = if site.config.outputs.indexes {
        indexes::indexes(site, locales)
    } else {
        Vec::new()
    };
    let indexes = built
        .into_iter()
        .map(|(path, bytes)| match &bytes {
            Ok(content) if path.ends_with("/index.json") => (assets.hash(&path, content), bytes),
            _ => (path, bytes),
        })
        .collect();
    Prepared {
        statics,
        indexes,
        assets,
    }
}

fn choose(
    layers: &Layers,
    max_file_bytes: u64,
    assets: &mut Assets,
    diagnostics: &mut Diagnostics,
) -> Statics {
    let mut chosen: BTreeMap<String, LayeredFile> = BTreeMap::new();
    let mut overrides = Vec::new();
    for file in layers.files("static", diagnostics) {
        let (name, by_site) = (file.name.clone(), file.layer == Layer::Site);
        if chosen.insert(name.clone(), file).is_some() && by_site {
            overrides.push(name);
        }
    }
    let mut files = BTreeMap::new();
    for (name, file) in chosen {
        if !assets::is_hashed(&name) {
            assets.keep(&name);
            files.insert(name, Chosen { file, bytes: None });
            continue;
        }
        match file.read(max_file_bytes) {
            Ok(bytes) => {
                let published = assets.hash(&name, &bytes);
                let bytes = Some(bytes.into_owned());
                files.insert(published, Chosen { file, bytes });
            }
            Err(error) => {
                diagnostics.push(Diagnostic::from(error).in_file(&file.relative));
            }
        }
    }
    Statics { files, overrides }
}

/// Hands every static file to the sink under its published name.
pub fn static_files(
    statics: Statics,
    max_file_bytes: u64,
    sink: &dyn crate::sink::Sink,
    diagnostics: &mut Diagnostics,
) -> StaticFiles {
    let mut published = StaticFiles {
        overrides: statics.overrides,
        ..StaticFiles::default()
    };
    for (name, chosen) in statics.files {
        let relative = chosen.file.relative.clone();
        let result = match chosen.bytes {
            Some(bytes) => sink.put(&name, &bytes),
            None => chosen
                .file
                .read(max_file_bytes)
                .and_then(|bytes| sink.put(&name, &bytes)),
        };
        match result {
            Ok(()) => {
                published.taken.insert(name, relative);
            }
            Err(error) => diagnostics.push(Diagnostic::from(error).in_file(relative)),
        }
    }
    published
}
