//! The site model: everything the templates show, computed once.
//!
//! 1. Resolve the configuration's references to data (records table, facet
//!    fields, key figures, indicators), reporting each that does not exist.
//! 2. Index the records: id, permanent slug, facet memberships.
//! 3. Aggregate the key figures overall and per facet value, exactly.
//! 4. List every page in every language with its URL; two pages on one URL
//!    are an error.

pub mod addresses;
mod aggregate;
pub mod assets;
pub mod maps;
mod pages;
pub mod point_maps;
pub mod redirects;
mod resolve;
mod share_image;
mod trust;
pub mod urls;
pub mod withdrawn;

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::boundaries::Boundaries;
use crate::config::SiteConfig;
use crate::content::Content;
use crate::data::{Data, Table};
use crate::diagnostics::Diagnostics;

pub use aggregate::Figures;
pub use assets::Assets;
pub use maps::Map;
pub use pages::{Page, PageKey};
pub use point_maps::PointMap;
pub use resolve::{FigureKind, KeyFigure};

/// The whole site, borrowing the loaded inputs.
pub struct Site<'a> {
    pub config: &'a SiteConfig,
    pub data: &'a Data,
    pub content: &'a Content,
    /// The table whose rows are the records.
    pub table: &'a Table,
    pub records: Vec<Record>,
    pub key_figures: Vec<KeyFigure>,
    pub facets: Vec<Facet<'a>>,
    pub totals: Figures,
    pub indicators: Option<resolve::IndicatorFields<'a>>,
    /// Facets drawn as maps, shaded by a key figure.
    pub maps: Vec<Map<'a>>,
    /// Facets drawn as points over a map, sized by a key figure.
    pub point_maps: Vec<PointMap<'a>>,
    pub pages: Vec<Page>,
    /// Page key and language to path, for files and page identity.
    pub paths: BTreeMap<(PageKey, String), String>,
    /// The same keys to the link a page writes: the path under the base
    /// URL's path (`/transparence/fr/projets/`).
    pub hrefs: BTreeMap<(PageKey, String), String>,
    /// The path part of the base URL, ending in `/`.
    pub base_path: String,
    /// Old addresses and the pages they lead to.
    pub redirects: Vec<redirects::Redirect>,
    /// The corrections log, when the site keeps one.
    pub corrections: Option<&'a Table>,
    /// Withdrawn records, each with a page at its address; their rows are
    /// in `withdrawn_table`, never in `table`.
    pub withdrawn: Vec<withdrawn::WithdrawnRecord>,
    pub withdrawn_table: Option<&'a Table>,
    /// Old addresses of earlier builds that this one redirects to their
    /// pages (`addresses::carry`), for the next build's list.
    pub moved: Vec<addresses::Address>,
    /// The share picture the site declares, measured.
    pub share_image: Option<share_image::DeclaredImage>,
}

/// One row of the records table.
#[derive(Debug, Clone)]
pub struct Record {
    pub row: usize,
    pub id: String,
    pub slug: String,
    /// For each facet, the index of this record's value (`None` when empty).
    pub facet_values: Vec<Option<usize>>,
}

/// A column by which records are grouped.
pub struct Facet<'a> {
    pub field: String,
    pub slugs: BTreeMap<String, String>,
    /// The lookup table that gives values their labels, if any.
    pub lookup: Option<&'a Table>,
    pub values: Vec<FacetValue>,
}

/// One value of a facet, with its records and figures.
#[derive(Debug, Clone)]
pub struct FacetValue {
    /// The value as written in the data (a lookup id, a year).
    pub key: String,
    pub slug: String,
    /// The row of the lookup table describing this value.
    pub lookup_row: Option<usize>,
    pub records: Vec<usize>,
    pub figures: Figures,
}

impl<'a> Site<'a> {
    /// For a field with a foreign key to a lookup table, the lookup table
    /// and the row describing `key`.
    pub fn lookup(&self, field: &str, key: &str) -> Option<(&'a Table, usize)> {
        let table = resolve::lookup_table(self.data, self.table, field)?;
        Some((table, aggregate::lookup_row(table, key)?))
    }

    /// The path of a page in a language, if that page exists there.
    pub fn path(&self, key: &PageKey, lang: &str) -> Option<&str> {
        self.paths
            .get(&(key.clone(), lang.to_string()))
            .map(String::as_str)
    }

    /// The link to a page in a language (its path under the base path),
    /// if that page exists there.
    pub fn href(&self, key: &PageKey, lang: &str) -> Option<&str> {
        self.hrefs
            .get(&(key.clone(), lang.to_string()))
            .map(String::as_str)
    }

    /// The link to any path of this site (a file, a feed) from a page.
    pub fn link(&self, path: &str) -> String {
        urls::href(&self.base_path, path)
    }

    /// The full address of a path of this site, for feeds, sitemaps and
    /// links shared outside it.
    pub fn url(&self, path: &str) -> String {
        urls::absolute(&self.config.base_url, path)
    }

    /// The path of a language's Atom feed: beside its news list, when the
    /// language has articles (an empty feed would need an invented date).
    pub fn feed_path(&self, lang: &str) -> Option<String> {
        let news = self.path(&PageKey::News { page: 1 }, lang)?;
        let has_articles = self.content.articles.iter().any(|a| a.lang == lang);
        (has_articles && self.config.outputs.feeds).then(|| urls::feed(news))
    }

    /// The date the data of `table` is current to: its schema's, else the
    /// site's `[datasets] as_of`.
    pub fn as_of(&self, table: &Table) -> Option<jiff::civil::Date> {
        table.schema.as_of.or(self.config.datasets.as_of)
    }

    /// The licence of `table`: its schema's, else the site's.
    pub fn licence<'s>(&'s self, table: &'s Table) -> Option<&'s crate::config::trust::Licence> {
        table
            .schema
            .licence
            .as_ref()
            .or(self.config.datasets.licence.as_ref())
    }

    /// A key figure's total over all records.
    pub fn total(&self, figure: usize) -> Decimal {
        self.totals.get(figure)
    }
}

/// Builds the model; `None` when the configuration does not fit the data.
pub fn build<'a>(
    config: &'a SiteConfig,
    data: &'a Data,
    boundaries: &'a Boundaries,
    content: &'a Content,
    previous: Option<&addresses::Previous>,
    diagnostics: &mut Diagnostics,
) -> Option<Site<'a>> {
    let resolved = resolve::resolve(config, data, diagnostics)?;
    let corrections = trust::corrections(config, data, diagnostics);
    resolve::check_iati(config, resolved.table, diagnostics);
    let mut facets = resolved.facets;
    let records = aggregate::index_records(&config.root, resolved.table, &mut facets, diagnostics);
    let totals = aggregate::figures_of(
        resolved.table,
        &resolved.key_figures,
        0..records.len(),
        &records,
    );
    let totals = totals.map_err(|d| diagnostics.push(*d)).ok()?;
    for facet in &mut facets {
        for value in &mut facet.values {
            let figures = aggregate::figures_of(
                resolved.table,
                &resolved.key_figures,
                value.records.iter().copied(),
                &records,
            );
            value.figures = figures.map_err(|d| diagnostics.push(*d)).ok()?;
        }
    }
    unlabelled_values(config, &facets, diagnostics);
    let maps = maps::maps(
        config,
        boundaries,
        &facets,
        &resolved.key_figures,
        diagnostics,
    );
    let point_maps = point_maps::point_maps(
        config,
        boundaries,
        &facets,
        &resolved.key_figures,
        diagnostics,
    );
    let withdrawn = withdrawn::records(config, data);
    let parts = pages::Parts {
        config,
        content,
        table: resolved.table,
        records: &records,
        withdrawn: &withdrawn,
        facets: &facets,
        has_indicators: resolved.indicators.is_some(),
    };
    let pages = pages::list(&parts, diagnostics);
    let (carried, moved) = previous.map_or_else(Default::default, |previous| {
        addresses::carry(&parts, &pages, previous, diagnostics)
    });
    let redirects = redirects::resolve(config, &pages, carried, diagnostics);
    let paths = pages::index(&pages);
    let base_path = urls::base_path(&config.base_url);
    let hrefs = paths
        .iter()
        .map(|(key, path)| (key.clone(), urls::href(&base_path, path)))
        .collect();
    let site = Site {
        config,
        data,
        content,
        table: resolved.table,
        records,
        key_figures: resolved.key_figures,
        facets,
        totals,
        indicators: resolved.indicators,
        maps,
        point_maps,
        pages,
        paths,
        hrefs,
        base_path,
        redirects,
        corrections,
        withdrawn,
        withdrawn_table: data.withdrawn.get(&config.records.table.name),
        moved,
        share_image: share_image::declared(config, diagnostics),
    };
    (!diagnostics.has_errors()).then_some(site)
}

/// A facet given labels in `site.toml` should label every value the data
/// holds: one without is shown as its raw code.
fn unlabelled_values(config: &SiteConfig, facets: &[Facet<'_>], diagnostics: &mut Diagnostics) {
    for facet in facets.iter().filter(|f| f.lookup.is_none()) {
        let Some(configured) = config.facets.iter().find(|c| c.field.name == facet.field) else {
            continue;
        };
        if configured.labels.is_empty() {
            continue;
        }
        for value in facet
            .values
            .iter()
            .filter(|v| !configured.labels.contains_key(&v.key))
        {
            diagnostics.push(
                crate::diagnostics::Diagnostic::warning(format!(
                    "the value `{}` of `{}` has no label: pages show it as written",
                    value.key, facet.field
                ))
                .at(
                    crate::config::CONFIG_FILE,
                    configured.field.location.clone(),
                )
                .with_hint(format!(
                    "add labels.\"{}\" = {{ ... }} to this facet, one text per language",
                    value.key
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests;
