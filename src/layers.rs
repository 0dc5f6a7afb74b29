//! Where a site's look comes from, in one lookup order for templates,
//! static files and UI strings, lowest first:
//!
//! 1. the default theme, built into the binary, so a new site builds with
//!    no `themes/` folder at all;
//! 2. the theme folder named in `site.toml` (`themes/NAME/`), if any: it
//!    overrides the built-in theme file by file;
//! 3. the site's own `templates/`, `static/` and `i18n/`.
//!
//! A file identical to the one below it is the same file, not an override
//! (the default site keeps a copy of the built-in theme in `themes/default`).

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fsio::{self, FsResult};

/// The default theme, as it was when this binary was compiled.
static BUILT_IN: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The name of the built-in theme.
pub const DEFAULT_THEME: &str = "default";

/// Which layer a file comes from, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layer {
    BuiltIn,
    Theme,
    Site,
}

/// Where a file's bytes are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn(&'static [u8]),
    Disk(PathBuf),
}

/// One file of a layer: `templates/partials/nav.html` is named
/// `partials/nav.html` in the kind `templates`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayeredFile {
    pub layer: Layer,
    pub name: String,
    pub origin: Origin,
    /// Relative to the site's root, for diagnostics; a built-in file is
    /// named where `bayan theme eject` would put it.
    pub relative: PathBuf,
}

impl LayeredFile {
    /// The file's bytes; a file on disk is refused above `limit`.
    pub fn read(&self, limit: u64) -> FsResult<Cow<'static, [u8]>> {
        match &self.origin {
            Origin::BuiltIn(bytes) => Ok(Cow::Borrowed(bytes)),
            Origin::Disk(path) => fsio::read_capped(path, limit).map(Cow::Owned),
        }
    }

    /// The file's text; a file on disk is refused above `limit`.
    pub fn read_text(&self, limit: u64) -> FsResult<String> {
        match &self.origin {
            Origin::BuiltIn(bytes) => Ok(String::from_utf8_lossy(bytes).into_owned()),
            Origin::Disk(path) => fsio::read_capped_to_string(path, limit),
        }
    }
}

/// The layers of one site.
#[derive(Debug, Clone)]
pub struct Layers {
    root: PathBuf,
    /// `themes/NAME` under the root, when that folder exists.
    theme: Option<PathBuf>,
    theme_name: String,
}

impl Layers {
    /// The layers of the site; `None` (with a diagnostic) when `site.toml`
    /// names a theme other than the built-in one that has no folder.
    pub fn new(config: &SiteConfig, diagnostics: &mut Diagnostics) -> Option<Self> {
        let folder = config.root.join("themes").join(&config.theme);
        let theme = fsio::is_dir(&folder).then_some(folder.clone());
        if theme.is_none() && config.theme != DEFAULT_THEME {
            diagnostics.push(
                Diagnostic::error(format!("the theme `{}` does not exist", config.theme))
                    .in_file(crate::config::CONFIG_FILE)
                    .with_hint(format!(
                        "expected a folder {}, or remove `theme` to use the built-in theme",
                        config.relative(&folder).display()
                    )),
            );
            return None;
        }
        Some(Self {
            root: config.root.clone(),
            theme,
            theme_name: config.theme.clone(),
        })
    }

    /// The site's root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Every file of `kind` in every layer, lowest layer first, each layer
    /// sorted by name; a file identical to the one it would override is
    /// left out. A folder that cannot be read is an error naming it.
    pub fn files(&self, kind: &str, diagnostics: &mut Diagnostics) -> Vec<LayeredFile> {
        let mut found = built_in_files(kind);
        for (layer, base) in self.folders() {
            let (files, errors) = fsio::walk_files(&base.join(kind));
            for error in errors {
                let path = self.relative(&error.path).to_path_buf();
                diagnostics.push(Diagnostic::from(error).in_file(path));
            }
            for file in files {
                let relative = self.relative(&file.path).to_path_buf();
                if same_as_built_in(kind, &file.name, &file.path) {
                    continue;
                }
                found.push(LayeredFile {
                    layer,
                    name: file.name,
                    origin: Origin::Disk(file.path),
                    relative,
                });
            }
        }
        found
    }

    /// The file `kind/name` of every layer that has one, lowest first.
    pub fn find(&self, kind: &str, name: &str) -> Vec<LayeredFile> {
        let mut found: Vec<LayeredFile> = built_in_files(kind)
            .into_iter()
            .filter(|f| f.name == name)
            .collect();
        for (layer, base) in self.folders() {
            let path = base.join(kind).join(name);
            if fsio::is_file(&path) && !same_as_built_in(kind, name, &path) {
                found.push(LayeredFile {
                    layer,
                    name: name.to_string(),
                    relative: self.relative(&path).to_path_buf(),
                    origin: Origin::Disk(path),
                });
            }
        }
        found
    }

    /// The folders of the theme and of the site, lowest first.
    fn folders(&self) -> Vec<(Layer, PathBuf)> {
        let theme = self.theme.clone().map(|t| (Layer::Theme, t));
        theme
            .into_iter()
            .chain([(Layer::Site, self.root.clone())])
            .collect()
    }

    fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }

    /// The name of the theme in `site.toml`.
    pub fn theme_name(&self) -> &str {
        &self.theme_name
    }
}

/// The built-in theme's files of `kind`, sorted by name.
fn built_in_files(kind: &str) -> Vec<LayeredFile> {
    let Some(dir) = BUILT_IN.get_dir(kind) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    collect(dir, &mut found);
    found.sort();
    found
        .into_iter()
        .map(|(name, bytes)| LayeredFile {
            layer: Layer::BuiltIn,
            relative: Path::new("themes")
                .join(DEFAULT_THEME)
                .join(kind)
                .join(&name),
            name: name
                .strip_prefix(&format!("{kind}/"))
                .unwrap_or(&name)
                .to_string(),
            origin: Origin::BuiltIn(bytes),
        })
        .collect()
}

fn collect(dir: &'static Dir<'static>, found: &mut Vec<(String, &'static [u8])>) {
    for file in dir.files() {
        found.push((
            file.path().to_string_lossy().replace('\\', "/"),
            file.contents(),
        ));
    }
    for sub in dir.dirs() {
        collect(sub, found);
    }
}

/// Whether a file on disk has the same bytes as the built-in theme's file
/// of the same name (a copy, not an override).
fn same_as_built_in(kind: &str, name: &str, path: &Path) -> bool {
    let Some(built_in) = BUILT_IN.get_file(format!("{kind}/{name}")) else {
        return false;
    };
    let same_size = fsio::metadata(path).is_ok_and(|m| m.len() == built_in.contents().len() as u64);
    same_size && fsio::read(path).is_ok_and(|bytes| bytes == built_in.contents())
}

/// Copies the built-in theme into `root/themes/NAME` for customising;
/// refuses to overwrite any file. Returns the files written.
pub fn eject(root: &Path, name: &str) -> Result<Vec<PathBuf>, Diagnostic> {
    if !crate::config::is_slug(name) {
        return Err(
            Diagnostic::error(format!("`{name}` cannot be a theme's folder name"))
                .with_hint("use lowercase letters, digits and hyphens, such as mon-theme"),
        );
    }
    let target = root.join("themes").join(name);
    let mut files = Vec::new();
    collect(&BUILT_IN, &mut files);
    files.sort();
    if let Some((existing, _)) = files.iter().find(|(n, _)| fsio::exists(&target.join(n))) {
        return Err(Diagnostic::error("the theme folder already has this file")
            .in_file(Path::new("themes").join(name).join(existing))
            .with_hint("eject into a new folder name, or move the existing theme away first"));
    }
    let mut written = Vec::new();
    for (relative, bytes) in files {
        let path = target.join(&relative);
        if let Some(parent) = path.parent() {
            fsio::create_dir_all(parent)?;
        }
        fsio::write(&path, bytes)?;
        written.push(Path::new("themes").join(name).join(relative));
    }
    Ok(written)
}
