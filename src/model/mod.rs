//! The site model: everything the templates show, computed once.
//!
//! 1. Resolve the configuration's references to data (records table, facet
//!    fields, key figures, indicators), reporting each that does not exist.
//! 2. Index the records: id, permanent slug, facet memberships.
//! 3. Aggregate the key figures overall and per facet value, exactly.
//! 4. List every page in every language with its URL; two pages on one URL
//!    are an error.

mod aggregate;
pub mod assets;
mod pages;
mod resolve;
pub mod urls;

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use crate::config::SiteConfig;
use crate::content::Content;
use crate::data::{Data, Table};
use crate::diagnostics::Diagnostics;

pub use aggregate::Figures;
pub use assets::Assets;
pub use pages::{Page, PageKey};
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
    pub pages: Vec<Page>,
    /// Page key and language to path, for files and page identity.
    pub paths: BTreeMap<(PageKey, String), String>,
    /// The same keys to the link a page writes: the path under the base
    /// URL's path (`/transparence/fr/projets/`).
    pub hrefs: BTreeMap<(PageKey, String), String>,
    /// The path part of the base URL, ending in `/`.
    pub base_path: String,
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
        has_articles.then(|| urls::feed(news))
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
    content: &'a Content,
    diagnostics: &mut Diagnostics,
) -> Option<Site<'a>> {
    let resolved = resolve::resolve(config, data, diagnostics)?;
    let mut facets = resolved.facets;
    let records = aggregate::index_records(resolved.table, &mut facets, diagnostics);
    let totals = aggregate::figures_of(
        resolved.table,
        &resolved.key_figures,
        0..records.len(),
        &records,
    );
    for facet in &mut facets {
        for value in &mut facet.values {
            value.figures = aggregate::figures_of(
                resolved.table,
                &resolved.key_figures,
                value.records.iter().copied(),
                &records,
            );
        }
    }
    let parts = pages::Parts {
        config,
        content,
        table: resolved.table,
        records: &records,
        facets: &facets,
        has_indicators: resolved.indicators.is_some(),
    };
    let pages = pages::list(&parts, diagnostics);
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
        pages,
        paths,
        hrefs,
        base_path,
    };
    (!diagnostics.has_errors()).then_some(site)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use rust_decimal::Decimal;

    use super::*;
    use crate::config;

    fn inputs(config_text: Option<String>) -> (config::SiteConfig, Data, Content) {
        crate::testing::default_site_inputs(config_text)
    }

    /// Sums a column of the CSV independently of the loader, exactly.
    fn csv_sum(column: &str) -> Decimal {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/projects.csv");
        let mut reader = csv::Reader::from_path(path).expect("readable CSV");
        let index = reader
            .headers()
            .expect("header")
            .iter()
            .position(|h| h == column)
            .expect("column exists");
        reader
            .records()
            .map(|r| {
                r.expect("record")[index]
                    .parse::<Decimal>()
                    .unwrap_or_default()
            })
            .sum()
    }

    #[test]
    fn totals_equal_the_exact_sums_of_the_csv() {
        let (config, data, content) = inputs(None);
        let mut diagnostics = Diagnostics::new();
        let site = build(&config, &data, &content, &mut diagnostics).expect("model builds");
        let committed = site
            .key_figures
            .iter()
            .position(|k| k.id == "committed")
            .expect("figure");
        let disbursed = site
            .key_figures
            .iter()
            .position(|k| k.id == "disbursed")
            .expect("figure");
        let count = site
            .key_figures
            .iter()
            .position(|k| k.id == "projects")
            .expect("figure");
        assert_eq!(site.total(committed), csv_sum("committed_mad"));
        assert_eq!(site.total(disbursed), csv_sum("disbursed_mad"));
        assert_eq!(site.total(count), Decimal::from(site.records.len()));
        assert_eq!(site.total(committed).scale(), 2, "centimes are kept");
    }

    #[test]
    fn facet_values_partition_the_records_and_their_totals() {
        let (config, data, content) = inputs(None);
        let mut diagnostics = Diagnostics::new();
        let site = build(&config, &data, &content, &mut diagnostics).expect("model builds");
        let province = site
            .facets
            .iter()
            .find(|f| f.field == "province")
            .expect("facet");
        assert_eq!(province.values.len(), 8, "every province has projects");
        let counted: usize = province.values.iter().map(|v| v.records.len()).sum();
        assert_eq!(counted, site.records.len());
        for figure in 0..site.key_figures.len() {
            let sum: Decimal = province.values.iter().map(|v| v.figures.get(figure)).sum();
            assert_eq!(sum, site.total(figure));
        }
        let years: Vec<_> = site
            .facets
            .iter()
            .find(|f| f.field == "year")
            .expect("facet")
            .values
            .iter()
            .map(|v| v.key.as_str())
            .collect();
        assert_eq!(years, ["2023", "2024", "2025"]);
    }

    #[test]
    fn every_page_exists_in_every_language_with_its_own_url() {
        let (config, data, content) = inputs(None);
        let mut diagnostics = Diagnostics::new();
        let site = build(&config, &data, &content, &mut diagnostics).expect("model builds");
        let record = site
            .path(&PageKey::Project(0), "ar")
            .expect("Arabic project page");
        assert_eq!(record, "/ar/mashari/tta-2023-001/");
        let facet = site.path(
            &PageKey::FacetValue {
                facet: 0,
                value: 2,
                page: 1,
            },
            "fr",
        );
        assert_eq!(facet, Some("/fr/projets/province/tetouan/"));
        assert_eq!(
            site.path(&PageKey::Page("programme".into()), "ar"),
            Some("/ar/barnamaj/")
        );
        let fr = site.pages.iter().filter(|p| p.lang == "fr").count();
        let ar = site.pages.iter().filter(|p| p.lang == "ar").count();
        assert_eq!(fr, ar);
    }

    #[test]
    fn rejects_two_pages_on_one_url() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
        let clashing = text.replace("news = { fr = \"actualites\"", "news = { fr = \"projets\"");
        let (config, data, content) = inputs(Some(clashing));
        let mut diagnostics = Diagnostics::new();
        assert!(build(&config, &data, &content, &mut diagnostics).is_none());
        let messages: Vec<_> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages.contains(&"two pages have the address /fr/projets/"),
            "{messages:?}"
        );
    }

    #[test]
    fn rejects_a_facet_on_a_field_that_does_not_exist() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
        let (config, data, content) = inputs(Some(
            text.replace("field = \"province\"", "field = \"provnce\""),
        ));
        let mut diagnostics = Diagnostics::new();
        assert!(build(&config, &data, &content, &mut diagnostics).is_none());
        let d = diagnostics.iter().next().expect("a diagnostic");
        assert_eq!(d.message, "the table `projects` has no field `provnce`");
        assert_eq!(d.hint.as_deref(), Some("did you mean `province`?"));
        assert!(d.position().starts_with("site.toml:"), "{}", d.position());
    }
}
