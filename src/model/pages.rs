//! Every page of the site, in every language, with its URL.

use std::collections::BTreeMap;

use crate::content::Document;
use crate::diagnostics::{Diagnostic, Diagnostics};

use crate::config::SiteConfig;
use crate::content::Content;
use crate::data::Table;

use super::{Facet, Record, urls};

/// What the page list is computed from: the model, before its pages.
pub struct Parts<'s, 'a> {
    pub config: &'a SiteConfig,
    pub content: &'a Content,
    pub table: &'a Table,
    pub records: &'s [Record],
    pub withdrawn: &'s [super::withdrawn::WithdrawnRecord],
    pub facets: &'s [Facet<'a>],
    pub has_indicators: bool,
}

/// What a page shows, independent of its language: the same key in two
/// languages is the same page translated, which the switcher relies on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PageKey {
    Home,
    Projects {
        page: usize,
    },
    Project(usize),
    /// A withdrawn record's page, at the address it had.
    Withdrawn(usize),
    FacetIndex(usize),
    FacetValue {
        facet: usize,
        value: usize,
        page: usize,
    },
    Results,
    News {
        page: usize,
    },
    Article(String),
    /// A static page from `content/pages/`, by its shared name.
    Page(String),
    OpenData,
    Search,
    /// Who publishes, how to reach them, how to report an error.
    Contact,
    Legal,
    Accessibility,
    /// The corrections log.
    Corrections,
    /// Every term of `[[glossary]]` with its definition.
    Glossary,
}

impl PageKey {
    /// The trust pages, each with the name of the `content/pages/` page
    /// whose text it shows (`contact.fr.md`), if the site writes one.
    pub const TRUST: [(PageKey, &'static str); 4] = [
        (PageKey::Contact, "contact"),
        (PageKey::Legal, "legal"),
        (PageKey::Accessibility, "accessibility"),
        (PageKey::Corrections, "corrections"),
    ];
}

#[derive(Debug, Clone)]
pub struct Page {
    pub key: PageKey,
    pub lang: String,
    pub path: String,
}

/// Number of pages needed for `count` items, at least one.
pub fn page_count(count: usize, per_page: usize) -> usize {
    count.div_ceil(per_page.max(1)).max(1)
}

pub fn list(site: &Parts<'_, '_>, diagnostics: &mut Diagnostics) -> Vec<Page> {
    let mut pages = Vec::new();
    for language in &site.config.languages {
        let lang = language.code.as_str();
        let mut add = |key: PageKey, path: String| {
            pages.push(Page {
                key,
                lang: lang.to_string(),
                path,
            })
        };
        add(PageKey::Home, urls::home(lang));
        list_records(site, lang, &mut add);
        list_sections(site, lang, &mut add);
        list_documents(site, lang, &mut add);
    }
    check_collisions(site, &pages, diagnostics);
    pages
}

fn section(map: &BTreeMap<String, String>, lang: &str) -> String {
    urls::section(lang, map.get(lang).map_or("", String::as_str))
}

fn list_records(site: &Parts<'_, '_>, lang: &str, add: &mut impl FnMut(PageKey, String)) {
    let per_page = site.config.records.per_page;
    let base = section(&site.config.sections.projects, lang);
    for page in 1..=page_count(site.records.len(), per_page) {
        add(PageKey::Projects { page }, urls::paginated(&base, page));
    }
    for (index, record) in site.records.iter().enumerate() {
        add(PageKey::Project(index), urls::child(&base, &record.slug));
    }
    for (index, record) in site.withdrawn.iter().enumerate() {
        add(PageKey::Withdrawn(index), urls::child(&base, &record.slug));
    }
    for (f, facet) in site.facets.iter().enumerate() {
        let facet_base = urls::child(&base, facet.slugs.get(lang).map_or("", String::as_str));
        add(PageKey::FacetIndex(f), facet_base.clone());
        for (v, value) in facet.values.iter().enumerate() {
            let value_base = urls::child(&facet_base, &value.slug);
            for page in 1..=page_count(value.records.len(), per_page) {
                let key = PageKey::FacetValue {
                    facet: f,
                    value: v,
                    page,
                };
                add(key, urls::paginated(&value_base, page));
            }
        }
    }
}

fn list_sections(site: &Parts<'_, '_>, lang: &str, add: &mut impl FnMut(PageKey, String)) {
    let sections = &site.config.sections;
    if site.has_indicators {
        add(PageKey::Results, section(&sections.results, lang));
    }
    add(PageKey::OpenData, section(&sections.open_data, lang));
    add(PageKey::Search, section(&sections.search, lang));
    if !site.config.glossary.is_empty() {
        add(PageKey::Glossary, section(&sections.glossary, lang));
    }
    for (key, _) in PageKey::TRUST {
        if let Some(slugs) = trust_slugs(site.config, &key) {
            add(key, section(slugs, lang));
        }
    }
    let news = section(&sections.news, lang);
    let count = site
        .content
        .articles
        .iter()
        .filter(|a| a.lang == lang)
        .count();
    for page in 1..=page_count(count, site.config.records.per_page) {
        add(PageKey::News { page }, urls::paginated(&news, page));
    }
}

fn list_documents(site: &Parts<'_, '_>, lang: &str, add: &mut impl FnMut(PageKey, String)) {
    let news = section(&site.config.sections.news, lang);
    for article in site.content.articles.iter().filter(|a| a.lang == lang) {
        add(
            PageKey::Article(article.key.clone()),
            urls::child(&news, &article.key),
        );
    }
    let shown_by_trust_page = |name: &str| {
        PageKey::TRUST
            .iter()
            .any(|(key, n)| *n == name && trust_slugs(site.config, key).is_some())
    };
    for page in site
        .content
        .pages
        .iter()
        .filter(|p| p.lang == lang && !shown_by_trust_page(&p.key))
    {
        add(PageKey::Page(page.key.clone()), page_path(site, page));
    }
}

/// The slugs of a trust page, when the site has it: contact and legal
/// notice with a publisher, the others when declared.
fn trust_slugs<'c>(config: &'c SiteConfig, key: &PageKey) -> Option<&'c BTreeMap<String, String>> {
    let sections = &config.sections;
    match key {
        PageKey::Contact => config.publisher.as_ref().map(|_| &sections.contact),
        PageKey::Legal => config.publisher.as_ref().map(|_| &sections.legal),
        PageKey::Accessibility => config
            .accessibility
            .as_ref()
            .map(|_| &sections.accessibility),
        PageKey::Corrections => config.corrections.as_ref().map(|_| &sections.corrections),
        _ => None,
    }
}

/// A static page named like a section (`programme`) takes that section's
/// slug; any other page is at `/{lang}/{name}/`.
fn page_path(site: &Parts<'_, '_>, page: &Document) -> String {
    let sections = &site.config.sections;
    let slugs = match page.key.as_str() {
        "programme" => Some(&sections.programme),
        _ => None,
    };
    match slugs {
        Some(map) => section(map, &page.lang),
        None => urls::child(&urls::home(&page.lang), &page.key),
    }
}

/// Two pages on one URL would overwrite each other: report both.
fn check_collisions(site: &Parts<'_, '_>, pages: &[Page], diagnostics: &mut Diagnostics) {
    let mut seen: BTreeMap<&str, &Page> = BTreeMap::new();
    for page in pages {
        if let Some(first) = seen.insert(&page.path, page) {
            diagnostics.push(
                Diagnostic::error(format!("two pages have the address {}", page.path))
                    .in_file(source_of(site, &page.key))
                    .with_note(format!("the other page: {}", describe(site, &first.key)))
                    .with_hint("rename one of them, or change a section slug in site.toml"),
            );
        }
    }
}

fn source_of(site: &Parts<'_, '_>, key: &PageKey) -> std::path::PathBuf {
    let documents = site.content.articles.iter().chain(&site.content.pages);
    match key {
        PageKey::Article(name) | PageKey::Page(name) => documents
            .filter(|d| &d.key == name)
            .map(|d| d.source.clone())
            .next()
            .unwrap_or_default(),
        PageKey::Project(_) | PageKey::Withdrawn(_) | PageKey::FacetValue { .. } => {
            site.table.path.clone()
        }
        _ => crate::config::CONFIG_FILE.into(),
    }
}

fn describe(site: &Parts<'_, '_>, key: &PageKey) -> String {
    match key {
        PageKey::Article(_) | PageKey::Page(_) | PageKey::Project(_) | PageKey::Withdrawn(_) => {
            source_of(site, key).display().to_string()
        }
        other => other.named(site.records, site.facets).to_string(),
    }
}

impl PageKey {
    /// The page as people call it, naming facets and records by the site's
    /// own names: "the projects list, page 2", "the page of province X".
    pub fn named<'a>(&'a self, records: &'a [Record], facets: &'a [Facet<'a>]) -> PageName<'a> {
        PageName {
            key: self,
            records,
            facets,
        }
    }
}

/// A page key written for people (see [`PageKey::named`]).
pub struct PageName<'a> {
    key: &'a PageKey,
    records: &'a [Record],
    facets: &'a [Facet<'a>],
}

impl std::fmt::Display for PageName<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let facet = |i: usize| self.facets.get(i);
        let list = |f: &mut std::fmt::Formatter<'_>, what: &str, page: usize| match page {
            0 | 1 => write!(f, "{what}"),
            page => write!(f, "{what}, page {page}"),
        };
        match self.key {
            PageKey::Home => write!(f, "the home page"),
            PageKey::Projects { page } => list(f, "the projects list", *page),
            PageKey::Project(i) => match self.records.get(*i) {
                Some(record) => write!(f, "the page of project {}", record.id),
                None => write!(f, "a project page"),
            },
            PageKey::Withdrawn(_) => write!(f, "the page of a withdrawn project"),
            PageKey::FacetIndex(i) => match facet(*i) {
                Some(facet) => write!(f, "the list of every {}", facet.field),
                None => write!(f, "a list of values"),
            },
            PageKey::FacetValue {
                facet: i,
                value,
                page,
            } => {
                let named = facet(*i).and_then(|x| Some((&x.field, &x.values.get(*value)?.key)));
                match named {
                    Some((field, key)) => list(f, &format!("the page of {field} {key}"), *page),
                    None => list(f, "the page of a value", *page),
                }
            }
            PageKey::Results => write!(f, "the results page"),
            PageKey::News { page } => list(f, "the news list", *page),
            PageKey::Article(name) => write!(f, "the article {name}"),
            PageKey::Page(name) => write!(f, "the page {name}"),
            PageKey::OpenData => write!(f, "the open data page"),
            PageKey::Search => write!(f, "the search page"),
            PageKey::Contact => write!(f, "the contact page"),
            PageKey::Legal => write!(f, "the legal notice"),
            PageKey::Accessibility => write!(f, "the accessibility statement"),
            PageKey::Corrections => write!(f, "the corrections log"),
            PageKey::Glossary => write!(f, "the glossary"),
        }
    }
}

/// Page key and language to path.
pub fn index(pages: &[Page]) -> BTreeMap<(PageKey, String), String> {
    pages
        .iter()
        .map(|p| ((p.key.clone(), p.lang.clone()), p.path.clone()))
        .collect()
}
