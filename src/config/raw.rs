//! `site.toml` exactly as written: serde types that reject unknown keys.
//! Validation into the model lives in `super`.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

/// Text per language: `{ fr = "…", ar = "…" }`.
pub type PerLanguage = BTreeMap<Spanned<String>, Spanned<String>>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConfig {
    pub base_url: String,
    #[serde(default = "default_theme")]
    pub theme: String,
    pub default_language: Option<Spanned<String>>,
    /// Show the "illustrative sample data" notice on every data page.
    #[serde(default)]
    pub sample_data: bool,
    pub languages: Vec<RawLanguage>,
    #[serde(default)]
    pub sections: RawSections,
    pub records: RawRecords,
    #[serde(default)]
    pub facets: Vec<RawFacet>,
    #[serde(default)]
    pub key_figures: Vec<RawKeyFigure>,
    #[serde(default)]
    pub declared_figures: Vec<super::declared::RawDeclaredFigure>,
    #[serde(default)]
    pub record_figures: Vec<RawRecordFigure>,
    #[serde(default)]
    pub glossary: Vec<RawTerm>,
    #[serde(default)]
    pub palette: RawPalette,
    #[serde(default)]
    pub charts: Vec<RawChart>,
    #[serde(default)]
    pub maps: Vec<RawMap>,
    #[serde(default)]
    pub point_maps: Vec<RawPointMap>,
    pub indicators: Option<RawIndicators>,
    pub iati: Option<super::iati::RawIati>,
    #[serde(default)]
    pub limits: RawLimits,
    #[serde(default)]
    pub outputs: super::Outputs,
    #[serde(default)]
    pub content: RawContent,
    /// Who publishes the site.
    pub publisher: Option<super::trust::RawPublisher>,
    /// Licence, as-of date, sources and releases of the data.
    pub datasets: Option<Spanned<super::trust::RawDatasets>>,
    /// The table logging corrections to the data.
    pub corrections: Option<super::trust::RawCorrections>,
    /// The facts of the accessibility statement.
    pub accessibility: Option<super::trust::RawAccessibility>,
    #[serde(default)]
    pub redirects: Vec<RawRedirect>,
    /// A declared picture for link previews.
    pub share_image: Option<super::share::RawShareImage>,
}

/// An old address of the site and the one it now leads to.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRedirect {
    pub from: Spanned<String>,
    pub to: Spanned<String>,
}

/// How Markdown content is treated.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContent {
    /// `"sanitize"` (the default: an allow-list, with a warning for what is
    /// removed) or `"trust"` (raw HTML kept as written).
    #[serde(default)]
    pub raw_html: super::RawHtml,
    /// The folder under `content/` that holds the news articles.
    #[serde(default = "default_news")]
    pub news: Spanned<String>,
    /// The folder under `content/` that holds the static pages.
    #[serde(default = "default_pages")]
    pub pages: Spanned<String>,
}

impl Default for RawContent {
    fn default() -> Self {
        Self {
            raw_html: super::RawHtml::default(),
            news: default_news(),
            pages: default_pages(),
        }
    }
}

fn default_news() -> Spanned<String> {
    Spanned::new(0..0, "news".to_string())
}

fn default_pages() -> Spanned<String> {
    Spanned::new(0..0, "pages".to_string())
}

fn default_theme() -> String {
    "default".to_string()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLanguage {
    pub code: Spanned<String>,
    pub name: String,
    /// A CLDR locale, such as `fr-MA` or `ar-MA`.
    pub locale: String,
    /// The CLDR locale that formats numbers, dates and plurals when CLDR
    /// has no data for `locale` (Amazigh, `zgh`, for example).
    #[serde(default)]
    pub format_locale: Option<String>,
    #[serde(default)]
    pub direction: Option<RawDirection>,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawDirection {
    Ltr,
    Rtl,
}

/// URL slugs of the site's sections, per language.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSections {
    #[serde(default)]
    pub projects: PerLanguage,
    #[serde(default)]
    pub news: PerLanguage,
    #[serde(default)]
    pub results: PerLanguage,
    #[serde(default)]
    pub programme: PerLanguage,
    #[serde(default)]
    pub open_data: PerLanguage,
    #[serde(default)]
    pub search: PerLanguage,
    #[serde(default)]
    pub contact: PerLanguage,
    #[serde(default)]
    pub legal: PerLanguage,
    #[serde(default)]
    pub accessibility: PerLanguage,
    #[serde(default)]
    pub corrections: PerLanguage,
    #[serde(default)]
    pub glossary: PerLanguage,
}

/// Which table holds the records the site is about, and how to show them.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecords {
    pub table: Spanned<String>,
    /// A translated field used as each record's title.
    pub title: Spanned<String>,
    /// A translated field used as each record's summary.
    pub summary: Option<Spanned<String>>,
    /// Fields shown first on a record's page (who, where, what, status),
    /// before its figures; the full table then leaves them out.
    #[serde(default)]
    pub facts: Vec<Spanned<String>>,
    #[serde(default = "default_per_page")]
    pub per_page: usize,
    /// The columns that say a record was withdrawn: when, and why.
    pub withdrawn: Option<RawWithdrawn>,
}

/// `withdrawn = { date = "withdrawn_on", reason = "withdrawal_reason" }`:
/// a record whose `date` cell is filled is withdrawn.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawWithdrawn {
    pub date: Spanned<String>,
    pub reason: Spanned<String>,
}

fn default_per_page() -> usize {
    20
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFacet {
    pub field: Spanned<String>,
    /// URL segment per language; defaults to the field name.
    #[serde(default)]
    pub slug: PerLanguage,
    /// Labels of the values, per language, for a field without a lookup
    /// table: `labels.active = { fr = "En cours", ar = "جارٍ" }`.
    #[serde(default)]
    pub labels: BTreeMap<Spanned<String>, PerLanguage>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawKeyFigure {
    pub id: Spanned<String>,
    pub aggregate: RawAggregate,
    /// The field summed; required for `sum`.
    pub field: Option<Spanned<String>>,
    pub label: PerLanguage,
}

/// A figure derived from the key figures: a share (numerator over
/// denominator, two summed key figures), shown on each record's page; with
/// `headline`, also computed on the programme's totals and shown rounded
/// at the top of the home page. Without a denominator it is the numerator
/// alone, rounded, and must be a headline.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecordFigure {
    pub id: Spanned<String>,
    pub numerator: Spanned<String>,
    pub denominator: Option<Spanned<String>>,
    pub label: PerLanguage,
    pub headline: Option<Spanned<bool>>,
    /// A `[[glossary]]` id: the term's definition is shown with the figure.
    pub term: Option<Spanned<String>>,
}

/// A term of the glossary: its name and a short definition per language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTerm {
    pub id: Spanned<String>,
    pub term: PerLanguage,
    pub definition: PerLanguage,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RawAggregate {
    Sum,
    Count,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawChart {
    pub id: String,
    /// The facet the bars are grouped by.
    pub facet: Spanned<String>,
    /// Key figures drawn side by side for each facet value.
    pub figures: Vec<Spanned<String>>,
    pub title: PerLanguage,
}

/// Boundaries for the rows of a lookup table: a GeoJSON file joined to the
/// table on a code, drawn as a map of a key figure.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMap {
    pub table: Spanned<String>,
    /// The GeoJSON file, relative to the site's folder.
    pub geojson: Spanned<String>,
    /// The table's column holding the code.
    pub key: Spanned<String>,
    /// The property of each feature holding the same code.
    pub property: String,
    /// The key figure that shades the regions.
    pub figure: Spanned<String>,
    /// Douglas-Peucker tolerance, in metres on the ground.
    #[serde(default = "default_tolerance")]
    pub tolerance_m: f64,
    #[serde(default)]
    pub projection: super::Projection,
    /// Where the boundaries come from, shown with the map and on the open
    /// data page.
    #[serde(default)]
    pub source: PerLanguage,
}

/// A point per row of a lookup table, from its latitude and longitude
/// columns, drawn over the regions of a `[[maps]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPointMap {
    pub table: Spanned<String>,
    pub latitude: Spanned<String>,
    pub longitude: Spanned<String>,
    /// The key figure that sizes the points.
    pub figure: Spanned<String>,
    /// The table of the `[[maps]]` whose regions are drawn beneath.
    pub backdrop: Spanned<String>,
}

fn default_tolerance() -> f64 {
    250.0
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIndicators {
    pub table: Spanned<String>,
    pub name: Spanned<String>,
    pub unit: Spanned<String>,
    pub target: Spanned<String>,
    pub achieved: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLimits {
    /// Largest input file read, in megabytes.
    #[serde(default = "default_max_file_mb")]
    pub max_file_mb: u64,
}

impl Default for RawLimits {
    fn default() -> Self {
        Self {
            max_file_mb: default_max_file_mb(),
        }
    }
}

fn default_max_file_mb() -> u64 {
    200
}

/// The site's colour: the theme derives its palette from it.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPalette {
    /// `#rrggbb` (or `#rgb`); the theme's own blue when absent.
    pub primary: Option<Spanned<String>>,
}
