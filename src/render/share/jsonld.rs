//! The JSON-LD graph of a page (schema.org), kept compact: project pages
//! are meant to stay small on phones, so only what a search engine uses
//! is written, and each node once.

use serde_json::{Value as Json, json};

use crate::data::{Table, Value};
use crate::locale::Locales;
use crate::model::{Page as ModelPage, PageKey, Site, urls};
use crate::render::views::{schema_text, value_label};

/// A page as the graph describes it.
pub struct Page<'s, 'a> {
    pub site: &'s Site<'a>,
    pub locales: &'s Locales,
    pub page: &'s ModelPage,
    /// The page's own title, or the site's.
    pub title: &'s str,
    pub description: &'s str,
    /// The share picture's address, when the page has one.
    pub image: Option<&'s str>,
}

impl Page<'_, '_> {
    fn lang(&self) -> &str {
        &self.page.lang
    }

    fn url(&self, key: &PageKey) -> Option<String> {
        Some(self.site.url(self.site.path(key, self.lang())?))
    }
}

/// Every node of the page's graph under one schema.org context.
pub fn graph(p: &Page<'_, '_>) -> Json {
    let mut nodes = Vec::new();
    match &p.page.key {
        PageKey::Home => nodes.push(organisation(p.site, p.lang())),
        PageKey::OpenData => nodes.extend(p.site.data.tables.values().map(|t| table_dataset(p, t))),
        PageKey::FacetValue {
            facet,
            value,
            page: 1,
        } => nodes.push(with_image(slice_dataset(p, *facet, *value), p.image)),
        PageKey::Article(_) => nodes.extend(news_article(p)),
        _ => {}
    }
    if p.page.key != PageKey::Home {
        nodes.push(breadcrumbs(p));
    }
    json!({ "@context": "https://schema.org", "@graph": nodes })
}

/// The publisher declared in `[publisher]` (its name in the page's
/// language, else the default language's; its e-mail), or, without one,
/// the site's title.
fn organisation(site: &Site<'_>, lang: &str) -> Json {
    let title = site.config.language(lang).map_or("", |l| l.title.as_str());
    let publisher = site.config.publisher.as_ref();
    let name = publisher
        .and_then(|p| {
            p.name
                .get(lang)
                .or_else(|| p.name.get(&site.config.default_language))
        })
        .map_or(title, String::as_str);
    let mut organisation = json!({
        "@type": "GovernmentOrganization",
        "@id": format!("{}#publisher", site.config.base_url),
        "name": name,
        "url": site.config.base_url,
    });
    if let Some(email) = publisher.and_then(|p| p.email.as_deref()) {
        organisation["email"] = json!(email);
    }
    organisation
}

fn download(url: String, format: &str) -> Json {
    json!({ "@type": "DataDownload", "encodingFormat": format, "contentUrl": url })
}

const CSV: &str = "text/csv";
const JSON: &str = "application/json";
const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// A whole table, on the open-data page, with each of its downloads.
fn table_dataset(p: &Page<'_, '_>, table: &Table) -> Json {
    let (site, lang) = (p.site, p.lang());
    let file = |path: String| site.url(&path);
    let mut distribution = vec![
        download(file(format!("{}/{}.csv", urls::DATA_DIR, table.name)), CSV),
        download(
            file(format!("{}/{}.json", urls::DATA_DIR, table.name)),
            JSON,
        ),
    ];
    if table.name == site.table.name {
        let readable = |ext| file(urls::readable_download(&table.name, lang, ext));
        distribution.push(download(readable("csv"), CSV));
        distribution.push(download(readable("xlsx"), XLSX));
    }
    let mut node = dataset(
        p,
        schema_text(&table.schema.title, lang).text,
        schema_text(&table.schema.description, lang).text,
        distribution,
    );
    if let Some(span) = temporal_coverage(table, 0..table.rows.len()) {
        node["temporalCoverage"] = json!(span);
    }
    node
}

/// The records of one facet value, with their CSV and JSON.
fn slice_dataset(p: &Page<'_, '_>, facet: usize, value: usize) -> Json {
    let site = p.site;
    let model = &site.facets[facet];
    let value_model = &model.values[value];
    let file = |ext| {
        let path = urls::facet_download(&site.table.name, &model.field, &value_model.slug, ext);
        site.url(&path)
    };
    let distribution = vec![download(file("csv"), CSV), download(file("json"), JSON)];
    let label = value_label(site, facet, value, p.lang()).text;
    let records = value_model
        .records
        .iter()
        .filter_map(|r| site.records.get(*r));
    let rows: Vec<usize> = records.map(|r| r.row).collect();
    let mut node = dataset(p, p.title, p.description, distribution);
    node["keywords"] = json!(label);
    if let Some(span) = temporal_coverage(site.table, rows.into_iter()) {
        node["temporalCoverage"] = json!(span);
    }
    node
}

fn dataset(p: &Page<'_, '_>, name: &str, description: &str, distribution: Vec<Json>) -> Json {
    json!({
        "@type": "Dataset",
        "name": name,
        "description": description,
        "url": p.url(&p.page.key),
        "inLanguage": p.lang(),
        "isAccessibleForFree": true,
        "publisher": organisation(p.site, p.lang()),
        "distribution": distribution,
    })
}

/// The earliest and latest date of the rows' date columns, as an ISO 8601
/// interval (`2023-11-17/2025-03-12`); `None` without dates.
fn temporal_coverage(table: &Table, rows: impl Iterator<Item = usize>) -> Option<String> {
    let dated: Vec<usize> = table
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| {
            let kind = table.schema.fields.get(c.field).map(|f| f.kind);
            kind == Some(crate::data::FieldType::Date)
        })
        .map(|(i, _)| i)
        .collect();
    let dates = rows
        .filter_map(|r| table.rows.get(r))
        .flat_map(|row| dated.iter().filter_map(|c| row.values.get(*c)))
        .filter_map(Value::as_date);
    let (first, last) = dates.fold(None, |span: Option<(_, _)>, d| match span {
        None => Some((d, d)),
        Some((a, b)) => Some((a.min(d), b.max(d))),
    })?;
    Some(format!("{first}/{last}"))
}

fn news_article(p: &Page<'_, '_>) -> Option<Json> {
    let PageKey::Article(name) = &p.page.key else {
        return None;
    };
    let doc = p
        .site
        .content
        .articles
        .iter()
        .find(|d| &d.key == name && d.lang == p.lang())?;
    let published = doc.front.date?.to_string();
    let modified = doc
        .front
        .updated
        .map_or(published.clone(), |d| d.to_string());
    let organisation = organisation(p.site, p.lang());
    let node = json!({
        "@type": "NewsArticle",
        "headline": doc.front.title.chars().take(110).collect::<String>(),
        "description": p.description,
        "datePublished": published,
        "dateModified": modified,
        "inLanguage": p.lang(),
        "url": p.url(&p.page.key),
        "author": organisation,
        "publisher": organisation,
    });
    let photo = doc.front.image.as_ref().map(|i| absolute(p.site, &i.src));
    Some(with_image(node, photo.as_deref().or(p.image)))
}

/// `node` with its picture (`image`), when there is one.
fn with_image(mut node: Json, image: Option<&str>) -> Json {
    if let Some(image) = image {
        node["image"] = json!(image);
    }
    node
}

/// A photo's address as a full URL: a site path under the base URL.
fn absolute(site: &Site<'_>, src: &str) -> String {
    if src.starts_with('/') && !src.starts_with("//") {
        site.url(src)
    } else {
        src.to_string()
    }
}

/// Home, then the page's section and parents, then the page itself.
fn breadcrumbs(p: &Page<'_, '_>) -> Json {
    let lang = p.lang();
    let ui = |key: &str| super::ui(p.locales, lang, key);
    let mut trail: Vec<(String, Option<String>)> = vec![(ui("nav.home"), p.url(&PageKey::Home))];
    let projects = || (ui("nav.projects"), p.url(&PageKey::Projects { page: 1 }));
    match &p.page.key {
        PageKey::Project(_) => trail.push(projects()),
        PageKey::FacetIndex(_) => trail.push(projects()),
        PageKey::FacetValue { facet, .. } => {
            trail.push(projects());
            let field = p.site.table.field(&p.site.facets[*facet].field);
            let title = field.map_or(String::new(), |f| schema_text(&f.title, lang).text.into());
            trail.push((title, p.url(&PageKey::FacetIndex(*facet))));
        }
        PageKey::Article(_) => trail.push((ui("nav.news"), p.url(&PageKey::News { page: 1 }))),
        _ => {}
    }
    trail.push((p.title.to_string(), p.url(&p.page.key)));
    let items: Vec<Json> = (1..)
        .zip(trail)
        .map(|(position, (name, url))| {
            json!({ "@type": "ListItem", "position": position, "name": name, "item": url })
        })
        .collect();
    json!({ "@type": "BreadcrumbList", "itemListElement": items })
}
