//! The site configuration, `site.toml`.
//!
//! 1. Read the file (its size checked against the limit).
//! 2. Parse it into the raw serde types of [`raw`], which reject unknown keys.
//! 3. Validate into [`SiteConfig`]: languages, slugs, URLs. References to data
//!    (tables, fields) keep their position so the model can point at them.

pub mod declared;
mod derived;
pub mod iati;
pub mod palette;
pub mod raw;
mod redirects;
pub mod share;
pub mod trust;
mod validate;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::diagnostics::{Diagnostic, Diagnostics, Location, control_characters, toml_diagnostic};
use crate::fsio;
use raw::RawConfig;

pub const CONFIG_FILE: &str = "site.toml";

/// `site.toml` holds configuration only: anything larger is a mistake.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The validated configuration of a site.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub root: PathBuf,
    /// Absolute, always ending with `/`.
    pub base_url: String,
    pub theme: String,
    pub default_language: String,
    pub languages: Vec<Language>,
    pub sample_data: bool,
    pub sections: Sections,
    pub records: Records,
    pub facets: Vec<Facet>,
    pub key_figures: Vec<KeyFigure>,
    /// Facts the data does not hold (a budget), each with its source.
    pub declared_figures: Vec<declared::DeclaredFigure>,
    /// Ratios of two key figures shown on each record's page.
    pub record_figures: Vec<RecordFigure>,
    /// Terms defined where they are used (headlines) and on a page.
    pub glossary: Vec<Term>,
    /// The colours derived from the site's primary colour.
    pub palette: palette::Palette,
    pub charts: Vec<Chart>,
    pub maps: Vec<Map>,
    pub point_maps: Vec<PointMap>,
    pub indicators: Option<Indicators>,
    /// How records become IATI activities (`[iati]`), if declared.
    pub iati: Option<iati::Iati>,
    pub max_file_bytes: u64,
    /// What the build writes besides pages.
    pub outputs: Outputs,
    /// What to do with raw HTML in Markdown.
    pub raw_html: RawHtml,
    /// The folders under `content/` of each collection.
    pub content_folders: ContentFolders,
    /// Who publishes the site; `None` when `[publisher]` is not declared.
    pub publisher: Option<trust::Publisher>,
    /// Licence, as-of date, sources and releases of every table.
    pub datasets: trust::Datasets,
    /// The table of corrections, when the site keeps one.
    pub corrections: Option<Named>,
    pub accessibility: Option<trust::Accessibility>,
    /// Old addresses and the pages they now lead to.
    pub redirects: Vec<Redirect>,
    /// The picture link previews show, when the site declares one.
    pub share_image: Option<share::ShareImage>,
}

/// `[[redirects]]`: an old path of the site and the path it leads to
/// (`/fr/projets/old/`).
#[derive(Debug, Clone)]
pub struct Redirect {
    pub from: Named,
    pub to: Named,
}

#[derive(Debug, Clone, Serialize)]
pub struct Language {
    pub code: String,
    pub name: String,
    pub locale: String,
    /// Formats numbers, dates and plurals when CLDR lacks `locale`.
    pub format_locale: Option<String>,
    pub direction: Direction,
    pub title: String,
    pub description: String,
    /// Where its `code` is written in site.toml.
    #[serde(skip)]
    pub code_at: Location,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

/// What to do with raw HTML written in Markdown (`[content] raw_html` in
/// site.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawHtml {
    /// Keep only an allow-list of simple HTML, with a warning for whatever
    /// is removed.
    #[default]
    Sanitize,
    /// Keep raw HTML as written, for sites whose writers are trusted. URLs
    /// that run code (`javascript:`, `data:`) are still refused.
    Trust,
}

/// The folders under `content/` holding each collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFolders {
    pub news: String,
    pub pages: String,
}

impl Default for ContentFolders {
    fn default() -> Self {
        Self {
            news: "news".into(),
            pages: "pages".into(),
        }
    }
}

/// A name written in `site.toml`, with where it was written.
#[derive(Debug, Clone)]
pub struct Named {
    pub name: String,
    pub location: Location,
}

/// Section slugs: section -> language -> URL segment.
#[derive(Debug, Clone, Serialize)]
pub struct Sections {
    pub projects: BTreeMap<String, String>,
    pub news: BTreeMap<String, String>,
    pub results: BTreeMap<String, String>,
    pub programme: BTreeMap<String, String>,
    pub open_data: BTreeMap<String, String>,
    pub search: BTreeMap<String, String>,
    pub contact: BTreeMap<String, String>,
    pub legal: BTreeMap<String, String>,
    pub accessibility: BTreeMap<String, String>,
    pub corrections: BTreeMap<String, String>,
    pub glossary: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub struct Records {
    pub table: Named,
    pub title: Named,
    pub summary: Option<Named>,
    /// Fields shown first on a record's page, in this order.
    pub facts: Vec<Named>,
    pub per_page: usize,
    /// The columns of a withdrawal's date and reason, when declared.
    pub withdrawn: Option<Withdrawn>,
}

/// A record with a date in `date` is withdrawn, for the reason in `reason`
/// (a translated field or a plain one).
#[derive(Debug, Clone)]
pub struct Withdrawn {
    pub date: Named,
    pub reason: Named,
}

#[derive(Debug, Clone)]
pub struct Facet {
    pub field: Named,
    pub slug: BTreeMap<String, String>,
    /// Value to its label per language (for fields without a lookup table).
    pub labels: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone)]
pub struct KeyFigure {
    pub id: String,
    pub aggregate: Aggregate,
    pub label: BTreeMap<String, String>,
}

/// `numerator / denominator`, two summed key figures, on a record's page
/// (and on the totals when `headline`); without a denominator, a key
/// figure alone, as a headline.
#[derive(Debug, Clone)]
pub struct RecordFigure {
    pub id: String,
    pub numerator: String,
    pub denominator: Option<String>,
    pub label: BTreeMap<String, String>,
    pub headline: bool,
    /// The id of its `[[glossary]]` term.
    pub term: Option<String>,
}

/// A term of the glossary, per language.
#[derive(Debug, Clone)]
pub struct Term {
    pub id: String,
    pub term: BTreeMap<String, String>,
    pub definition: BTreeMap<String, String>,
}

#[derive(Debug, Clone)]
pub enum Aggregate {
    Sum(Named),
    Count,
}

#[derive(Debug, Clone)]
pub struct Chart {
    pub id: String,
    pub facet: Named,
    pub figures: Vec<Named>,
    pub title: BTreeMap<String, String>,
}

/// A map: a lookup table's rows joined to GeoJSON features on a code.
#[derive(Debug, Clone)]
pub struct Map {
    pub table: Named,
    /// Relative to the site's folder.
    pub geojson: Named,
    pub key: Named,
    pub property: String,
    pub figure: Named,
    /// Metres on the ground; never negative.
    pub tolerance_m: f64,
    pub projection: Projection,
    pub source: BTreeMap<String, String>,
}

/// A point map: each row of a lookup table at its latitude and longitude,
/// sized by a key figure, over the regions of the map of `backdrop`.
#[derive(Debug, Clone)]
pub struct PointMap {
    pub table: Named,
    pub latitude: Named,
    pub longitude: Named,
    pub figure: Named,
    /// The `table` of a `[[maps]]`.
    pub backdrop: Named,
}

/// The files the build writes besides pages and static files, each on by
/// default: a site (or a benchmark comparing like with like) may turn off
/// what it does not publish.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Outputs {
    /// `sitemap.xml` (and its parts) and the `Sitemap:` line of robots.txt.
    pub sitemap: bool,
    /// An Atom feed of the news per language.
    pub feeds: bool,
    /// The data downloads: CSV, JSON and `datapackage.json`.
    pub downloads: bool,
    /// The index files the theme's filter and search read.
    pub indexes: bool,
    /// Which pages get a generated picture for link previews.
    pub share_images: ShareImages,
}

/// Which pages get a generated share picture (title and key figure).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ShareImages {
    /// Every page but the records', which show their language's home
    /// picture: a few hundred pictures even at national scale, where one
    /// per record and language would be 120,000 at 60,000 records (about
    /// 16 ms of CPU and 31 KB each: half an hour and 3.7 GB; bench/README.md).
    #[default]
    ExceptRecords,
    /// Every page, records included.
    All,
    /// None: pages name no picture (unless `[share_image]` declares one).
    None,
}

impl Default for Outputs {
    fn default() -> Self {
        Self {
            sitemap: true,
            feeds: true,
            downloads: true,
            indexes: true,
            share_images: ShareImages::ExceptRecords,
        }
    }
}

/// How longitude and latitude become a plane.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Projection {
    /// Longitude scaled by the cosine of the mean latitude: true to shape
    /// at the scale of a region, and simple.
    #[default]
    Equirectangular,
}

#[derive(Debug, Clone)]
pub struct Indicators {
    pub table: Named,
    pub name: Named,
    pub unit: Named,
    pub target: Named,
    pub achieved: Named,
}

impl Language {
    /// The CLDR locale numbers, dates and plurals are formatted with.
    pub fn formats_with(&self) -> &str {
        self.format_locale.as_deref().unwrap_or(&self.locale)
    }
}

impl SiteConfig {
    pub fn language(&self, code: &str) -> Option<&Language> {
        self.languages.iter().find(|l| l.code == code)
    }

    pub fn language_codes(&self) -> Vec<String> {
        self.languages.iter().map(|l| l.code.clone()).collect()
    }

    /// The path of a site file relative to the root, for diagnostics.
    pub fn relative<'a>(&self, path: &'a Path) -> &'a Path {
        path.strip_prefix(&self.root).unwrap_or(path)
    }
}

/// Values given on the command line. They are merged into the raw
/// configuration and validated with it, like the keys they replace.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--base-url`, over `base_url`.
    pub base_url: Option<String>,
}

/// Reads and validates `root/site.toml`. `None` when it cannot be used.
pub fn load(root: &Path, diagnostics: &mut Diagnostics) -> Option<SiteConfig> {
    load_with(root, &Overrides::default(), diagnostics)
}

/// [`load`], with command-line overrides.
pub fn load_with(
    root: &Path,
    overrides: &Overrides,
    diagnostics: &mut Diagnostics,
) -> Option<SiteConfig> {
    let path = root.join(CONFIG_FILE);
    let text = match fsio::read_capped_to_string(&path, MAX_CONFIG_BYTES) {
        Ok(text) => text,
        Err(error) => {
            let not_found = error.is_not_found();
            let too_large = error.too_large().is_some();
            let mut d = Diagnostic::from(error).in_file(CONFIG_FILE);
            if too_large {
                d = d.with_hint("site.toml holds the configuration only and is limited to 1 MB: check it is the right file");
            }
            if not_found {
                d = d.with_hint(format!(
                    "run bayan in the site's folder, or pass --root; {} is not a site",
                    root.display()
                ));
            }
            diagnostics.push(d);
            return None;
        }
    };
    parse_with(root, &text, overrides, diagnostics)
}

/// Validates the text of a `site.toml`.
pub fn parse(root: &Path, text: &str, diagnostics: &mut Diagnostics) -> Option<SiteConfig> {
    parse_with(root, text, &Overrides::default(), diagnostics)
}

/// [`parse`], with command-line overrides merged before validation.
pub fn parse_with(
    root: &Path,
    text: &str,
    overrides: &Overrides,
    diagnostics: &mut Diagnostics,
) -> Option<SiteConfig> {
    let refused = control_characters(Path::new(CONFIG_FILE), text);
    if !refused.is_empty() {
        diagnostics.extend(refused);
        return None;
    }
    let mut raw: RawConfig = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(error) => {
            diagnostics.push(toml_diagnostic(Path::new(CONFIG_FILE), text, 0, &error));
            return None;
        }
    };
    let mut from_command_line = Vec::new();
    if let Some(url) = &overrides.base_url {
        raw.base_url = url.clone();
        from_command_line.push("base_url");
    }
    let errors_before = diagnostics.error_count();
    let mut v = validate::Validator {
        text,
        diagnostics,
        from_command_line,
    };
    let config = v.config(root, raw);
    (diagnostics.error_count() == errors_before).then_some(config)
}

/// A safe URL segment or folder name: lowercase ASCII letters, digits, hyphens.
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 100
        && !text.starts_with('-')
        && text
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests;
