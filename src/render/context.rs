//! The template and context of each page.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::Document;
use crate::model::{Page, PageKey, Site, urls};

use super::views::{self, Text, cell_text, listing, record_view};

/// What every page gets besides `site`: where it is and its translations.
#[derive(Serialize)]
pub struct PageMeta<'a> {
    kind: &'static str,
    /// The page's path in the site (`/fr/projets/`), as its template knows it.
    path: &'a str,
    /// The link to the page, under the base URL's path.
    href: String,
    url: String,
    translations: Vec<Translation<'a>>,
}

/// The same page in another language, or the nearest page that exists there.
#[derive(Serialize)]
pub struct Translation<'a> {
    lang: &'a str,
    name: &'a str,
    href: &'a str,
    /// The full address of `href`, for `<link rel="alternate" hreflang>`.
    url: String,
    current: bool,
    /// False when the page itself is not translated and `href` is the
    /// nearest page that is (the section it belongs to, or home).
    exact: bool,
}

pub fn page_context(
    site: &Site<'_>,
    shared: &BTreeMap<&str, tera::Value>,
    page: &Page,
) -> (&'static str, tera::Context) {
    let lang = page.lang.as_str();
    let mut context = tera::Context::new();
    if let Some(value) = shared.get(lang) {
        context.insert_value("site", value.clone());
    }
    context.insert("lang", lang);
    let (kind, template) = insert_content(site, page, &mut context);
    insert_facet(shared.get(lang), &page.key, &mut context);
    let meta = PageMeta {
        kind,
        path: &page.path,
        href: site.link(&page.path),
        url: site.url(&page.path),
        translations: translations(site, page),
    };
    context.insert("page", &meta);
    (template, context)
}

/// The meta of a page outside the languages' trees (landing, 404): its
/// translations are the home pages.
pub fn special_page_meta<'a>(
    site: &'a Site<'_>,
    kind: &'static str,
    path: &'a str,
) -> PageMeta<'a> {
    PageMeta {
        kind,
        path,
        href: site.link(path),
        url: site.url(path),
        translations: site
            .config
            .languages
            .iter()
            .map(|language| Translation {
                lang: &language.code,
                name: &language.name,
                href: site
                    .href(&PageKey::Home, &language.code)
                    .unwrap_or(&site.base_path),
                url: site.url(site.path(&PageKey::Home, &language.code).unwrap_or("/")),
                current: language.code == site.config.default_language,
                exact: true,
            })
            .collect(),
    }
}

/// Facet pages get their facet (and value) from the shared view, which
/// already holds them with labels and totals: no second copy is built.
fn insert_facet(shared: Option<&tera::Value>, key: &PageKey, context: &mut tera::Context) {
    let (facet, value) = match key {
        PageKey::FacetIndex(f) => (*f, None),
        PageKey::FacetValue { facet, value, .. } => (*facet, Some(*value)),
        _ => return,
    };
    let Some(shared) = shared else { return };
    if let Some(found) = shared.get_from_path(&format!("facets.{facet}")) {
        context.insert_value("facet", found.clone());
    }
    let path = value.map(|v| format!("facets.{facet}.values.{v}"));
    if let Some(found) = path.as_deref().and_then(|p| shared.get_from_path(p)) {
        context.insert_value("value", found.clone());
    }
}

/// Inserts the page's own data; returns its kind and template.
fn insert_content(
    site: &Site<'_>,
    page: &Page,
    context: &mut tera::Context,
) -> (&'static str, &'static str) {
    let lang = page.lang.as_str();
    if let Some(found) = views::trust::insert(site, &page.key, lang, context) {
        let name = PageKey::TRUST.iter().find(|(k, _)| *k == page.key);
        if let Some((_, name)) = name {
            insert_document(site, site.content.pages.iter(), name, lang, context);
        }
        return found;
    }
    match &page.key {
        PageKey::Home => {
            let latest: Vec<_> = articles_in(site, lang)
                .take(3)
                .map(|doc| article_summary(site, doc))
                .collect();
            context.insert("articles", &latest);
            ("home", "home.html")
        }
        PageKey::Projects { page: n } => {
            let all: Vec<usize> = (0..site.records.len()).collect();
            let view = listing(site, &all, *n, lang, |n| PageKey::Projects { page: n });
            context.insert("listing", &view);
            ("projects", "projects.html")
        }
        PageKey::Project(index) => {
            context.insert("record", &record_view(site, *index, lang));
            ("project", "project.html")
        }
        PageKey::Withdrawn(index) => {
            context.insert("record", &views::withdrawn_view(site, *index, lang));
            ("withdrawn", "withdrawn.html")
        }
        PageKey::FacetIndex(_) => ("facet_index", "facet_index.html"),
        PageKey::FacetValue {
            facet,
            value,
            page: n,
        } => {
            let (f, v) = (*facet, *value);
            let records = &site.facets[f].values[v].records;
            let key_of = |n| PageKey::FacetValue {
                facet: f,
                value: v,
                page: n,
            };
            context.insert("listing", &listing(site, records, *n, lang, key_of));
            context.insert("downloads", &views::slice_downloads(site, f, v));
            ("facet_value", "facet_value.html")
        }
        PageKey::Results => {
            context.insert("indicators", &indicators(site, lang));
            ("results", "results.html")
        }
        PageKey::News { page: n } => {
            insert_news(site, *n, lang, context);
            ("news", "news.html")
        }
        PageKey::Article(key) => {
            insert_document(site, site.content.articles.iter(), key, lang, context);
            ("article", "article.html")
        }
        PageKey::Page(key) => {
            insert_document(site, site.content.pages.iter(), key, lang, context);
            ("page", "page.html")
        }
        PageKey::OpenData => {
            context.insert("datasets", &views::datasets(site, lang));
            context.insert("releases", &views::trust::releases(site, lang));
            context.insert("corrections", &views::trust::corrections(site, lang));
            let iati = site
                .config
                .iati
                .as_ref()
                .map(|_| site.link(&urls::iati_activities()));
            context.insert("iati", &iati);
            ("open_data", "open_data.html")
        }
        PageKey::Search => ("search", "search.html"),
        PageKey::Glossary => ("glossary", "glossary.html"),
        _ => ("page", "page.html"),
    }
}

fn translations<'a>(site: &'a Site<'_>, page: &'a Page) -> Vec<Translation<'a>> {
    site.config
        .languages
        .iter()
        .map(|language| {
            let lang = language.code.as_str();
            let exact = site.path(&page.key, lang).map(|_| page.key.clone());
            let key = [exact.clone(), Some(nearest(&page.key)), Some(PageKey::Home)]
                .into_iter()
                .flatten()
                .find(|key| site.path(key, lang).is_some());
            let found = key.as_ref().and_then(|key| site.path(key, lang));
            Translation {
                lang,
                name: &language.name,
                href: key
                    .as_ref()
                    .and_then(|key| site.href(key, lang))
                    .unwrap_or(&site.base_path),
                url: site.url(found.unwrap_or("/")),
                current: lang == page.lang,
                exact: exact.is_some(),
            }
        })
        .collect()
}

/// Where to send a reader when this page does not exist in their language.
fn nearest(key: &PageKey) -> PageKey {
    match key {
        PageKey::Article(_) | PageKey::News { .. } => PageKey::News { page: 1 },
        PageKey::Projects { .. } => PageKey::Projects { page: 1 },
        PageKey::FacetValue { facet, value, .. } => PageKey::FacetValue {
            facet: *facet,
            value: *value,
            page: 1,
        },
        _ => PageKey::Home,
    }
}

#[derive(Serialize)]
struct ArticleSummary<'a> {
    key: &'a str,
    href: Option<&'a str>,
    lang: &'a str,
    title: &'a str,
    date: Option<String>,
    summary: Option<&'a str>,
    tags: &'a [String],
}

fn article_summary<'a>(site: &'a Site<'_>, doc: &'a Document) -> ArticleSummary<'a> {
    ArticleSummary {
        key: &doc.key,
        href: site.href(&PageKey::Article(doc.key.clone()), &doc.lang),
        lang: &doc.lang,
        title: &doc.front.title,
        date: doc.front.date.map(|d| d.to_string()),
        summary: doc.front.summary.as_deref(),
        tags: &doc.front.tags,
    }
}

fn articles_in<'a>(site: &'a Site<'_>, lang: &'a str) -> impl Iterator<Item = &'a Document> {
    site.content.articles.iter().filter(move |a| a.lang == lang)
}

fn insert_news(site: &Site<'_>, page: usize, lang: &str, context: &mut tera::Context) {
    let per_page = site.config.records.per_page;
    let all: Vec<_> = articles_in(site, lang).collect();
    let shown: Vec<_> = all
        .iter()
        .skip((page - 1) * per_page)
        .take(per_page)
        .map(|doc| article_summary(site, doc))
        .collect();
    context.insert("articles", &shown);
    context.insert("article_count", &all.len());
    context.insert("news_page", &page);
}

fn insert_document<'a>(
    site: &'a Site<'_>,
    documents: impl Iterator<Item = &'a Document>,
    key: &str,
    lang: &str,
    context: &mut tera::Context,
) {
    if let Some(doc) = documents
        .into_iter()
        .find(|d| d.key == key && d.lang == lang)
    {
        context.insert("document", &DocumentView::of(site, doc));
    }
}

#[derive(Serialize)]
struct DocumentView<'a> {
    #[serde(flatten)]
    summary: ArticleSummary<'a>,
    updated: Option<String>,
    /// Shown only when drafts are (`serve`, `build --drafts`): a banner.
    draft: bool,
    html: &'a str,
    image: Option<ImageView<'a>>,
    headings: Vec<HeadingView<'a>>,
}

#[derive(Serialize)]
struct ImageView<'a> {
    /// The middle width when the build made several (the fallback for
    /// browsers without `srcset`), as a link under the base path; a full
    /// address stays as written.
    src: String,
    alt: &'a str,
    /// `PATH 480w, PATH 960w, …`, empty for a photo on another site.
    srcset: String,
    width: Option<u32>,
    height: Option<u32>,
}

impl<'a> ImageView<'a> {
    fn of(
        image: &'a crate::content::Image,
        size: Option<crate::content::images::ImageSize>,
        base_path: &str,
    ) -> Self {
        let variants = size
            .map(|s| urls::image_variants(&image.src, s))
            .unwrap_or_default();
        let shown = variants.get(variants.len().saturating_sub(1).min(1));
        let link = |path: &str| urls::site_link(base_path, path);
        Self {
            src: link(shown.map_or(&image.src, |v| &v.path)),
            alt: &image.alt,
            srcset: variants
                .iter()
                .map(|v| format!("{} {}w", link(&v.path), v.width))
                .collect::<Vec<_>>()
                .join(", "),
            width: shown.map(|v| v.width),
            height: shown.map(|v| v.height),
        }
    }
}

#[derive(Serialize)]
struct HeadingView<'a> {
    level: u8,
    id: &'a str,
    text: &'a str,
}

impl<'a> DocumentView<'a> {
    fn of(site: &'a Site<'_>, doc: &'a Document) -> Self {
        Self {
            summary: article_summary(site, doc),
            updated: doc.front.updated.map(|d| d.to_string()),
            draft: doc.front.draft,
            html: &doc.html,
            image: doc
                .front
                .image
                .as_ref()
                .map(|i| ImageView::of(i, doc.image_size, &site.base_path)),
            headings: doc
                .headings
                .iter()
                .map(|h| HeadingView {
                    level: h.level,
                    id: &h.id,
                    text: &h.text,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct IndicatorView<'a> {
    id: String,
    name: Option<Text<'a>>,
    unit: Option<Text<'a>>,
    target: String,
    achieved: String,
    /// Achieved against target, in thousandths (capped at 1000 for drawing).
    per_mille: u32,
    /// Achieved against target as an exact ratio, for the percent filter.
    ratio: String,
}

fn indicators<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<IndicatorView<'a>> {
    let Some(fields) = &site.indicators else {
        return Vec::new();
    };
    let table = fields.table;
    (0..table.rows.len())
        .map(|row| {
            let number = |field: &str| {
                table
                    .rows
                    .get(row)
                    .and_then(|r| table.value(r, field))
                    .and_then(crate::data::Value::as_decimal)
                    .unwrap_or_default()
            };
            let (target, achieved) = (number(&fields.target), number(&fields.achieved));
            let id = table
                .schema
                .primary_key
                .first()
                .and_then(|k| table.rows.get(row).and_then(|r| table.value(r, k)))
                .map(ToString::to_string)
                .unwrap_or_default();
            IndicatorView {
                id,
                name: cell_text(site, table, row, &fields.name, lang),
                unit: cell_text(site, table, row, &fields.unit, lang),
                target: target.to_string(),
                achieved: achieved.to_string(),
                per_mille: views::per_mille(achieved, target),
                ratio: ratio(achieved, target),
            }
        })
        .collect()
}

/// Achieved against target, to four decimals; "0" without a target. A
/// ratio beyond exact decimals (a tiny target) is given as the largest.
fn ratio(achieved: rust_decimal::Decimal, target: rust_decimal::Decimal) -> String {
    use rust_decimal::Decimal;
    if target.is_zero() {
        return "0".into();
    }
    let ratio = achieved.checked_div(target).unwrap_or_else(|| {
        if achieved.is_sign_negative() == target.is_sign_negative() {
            Decimal::MAX
        } else {
            Decimal::MIN
        }
    });
    ratio.round_dp(4).to_string()
}
