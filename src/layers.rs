//! The theme, then the site: the one lookup order for templates, static
//! files and UI strings. A file of the site's own `templates/`, `static/`
//! or `i18n/` wins over the theme's file of the same name.

use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fsio;

/// Which layer a file comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layer {
    Theme,
    Site,
}

/// The folders a site's look comes from, lowest first.
#[derive(Debug, Clone)]
pub struct Layers {
    root: PathBuf,
    folders: Vec<(Layer, PathBuf)>,
}

/// One file of a layer: `templates/partials/nav.html` is named
/// `partials/nav.html` in the kind `templates`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayeredFile {
    pub layer: Layer,
    pub name: String,
    pub path: PathBuf,
}

impl LayeredFile {
    /// The file relative to the site's root, for diagnostics.
    pub fn relative<'a>(&'a self, layers: &Layers) -> &'a Path {
        self.path.strip_prefix(&layers.root).unwrap_or(&self.path)
    }
}

impl Layers {
    /// The theme named in `site.toml` under the site; `None` (with a
    /// diagnostic) when the theme has no folder.
    pub fn new(config: &SiteConfig, diagnostics: &mut Diagnostics) -> Option<Self> {
        let theme = config.root.join("themes").join(&config.theme);
        if !fsio::is_dir(&theme) {
            diagnostics.push(
                Diagnostic::error(format!("the theme `{}` does not exist", config.theme))
                    .in_file(crate::config::CONFIG_FILE)
                    .with_hint(format!(
                        "expected a folder {}",
                        config.relative(&theme).display()
                    )),
            );
            return None;
        }
        Some(Self {
            root: config.root.clone(),
            folders: vec![(Layer::Theme, theme), (Layer::Site, config.root.clone())],
        })
    }

    /// The folder of `kind` in a layer, such as `themes/default/templates`.
    pub fn folder(&self, layer: Layer, kind: &str) -> Option<PathBuf> {
        let (_, base) = self.folders.iter().find(|(l, _)| *l == layer)?;
        Some(base.join(kind))
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every file of `kind` in every layer, lowest layer first, each layer
    /// sorted by name. A folder that cannot be read is an error naming it.
    pub fn files(&self, kind: &str, diagnostics: &mut Diagnostics) -> Vec<LayeredFile> {
        let mut found = Vec::new();
        for (layer, base) in &self.folders {
            let (files, errors) = fsio::walk_files(&base.join(kind));
            for error in errors {
                let path = self.relative(&error.path).to_path_buf();
                diagnostics.push(Diagnostic::from(error).in_file(path));
            }
            found.extend(files.into_iter().map(|file| LayeredFile {
                layer: *layer,
                name: file.name,
                path: file.path,
            }));
        }
        found
    }

    /// The file `kind/name` of every layer that has one, lowest first.
    pub fn find(&self, kind: &str, name: &str) -> Vec<LayeredFile> {
        self.folders
            .iter()
            .map(|(layer, base)| LayeredFile {
                layer: *layer,
                name: name.to_string(),
                path: base.join(kind).join(name),
            })
            .filter(|file| fsio::is_file(&file.path))
            .collect()
    }

    fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }
}
