//! What a page tells link previews and search engines: its title and
//! description for Open Graph and Twitter cards, and a
//! compact JSON-LD graph (schema.org) built from the model.
//!
//! 1. [`share_view`] names the page (its own title, else its section's).
//! 2. [`jsonld::graph`] describes it: the publisher, the breadcrumbs, a
//!    `Dataset` for each download set, a `NewsArticle` for an article.

pub mod card;
mod jsonld;

use serde::Serialize;

use crate::locale::Locales;
use crate::model::{Page, PageKey, Site};

use super::views::{cell_text, schema_text, value_label};

/// The tags of one page.
#[derive(Serialize)]
pub struct ShareView {
    pub title: String,
    pub description: String,
    /// `website` or `article`.
    pub kind: &'static str,
    /// `fr_MA`: Open Graph writes locales with an underscore.
    pub locale: String,
    pub alternate_locales: Vec<String>,
    /// The JSON-LD graph, serialised compactly and safe inside `<script>`.
    pub jsonld: String,
    /// The picture a preview shows, generated or declared.
    pub image: Option<ImageView>,
}

/// `og:image` and its size and description.
#[derive(Serialize, Clone)]
pub struct ImageView {
    /// The full address: previews fetch it from another site.
    pub url: String,
    pub width: u32,
    pub height: u32,
    pub alt: String,
}

/// The picture of `page`: the site's declared one, else its generated
/// card, else none.
fn image(
    site: &Site<'_>,
    locales: &Locales,
    page: &Page,
    title: Option<&str>,
) -> Option<ImageView> {
    if let Some(declared) = &site.share_image {
        return Some(ImageView {
            url: site.url(&declared.src),
            width: declared.width,
            height: declared.height,
            alt: declared.alt.get(&page.lang).cloned().unwrap_or_default(),
        });
    }
    let card = card::card(site, locales, page, title)?;
    Some(ImageView {
        url: site.url(&card.path()),
        width: card::WIDTH,
        height: card::HEIGHT,
        alt: card.alt(),
    })
}

/// The share picture `page` shows when the site declares none; `None`
/// when share pictures are off.
pub fn page_card(site: &Site<'_>, locales: &Locales, page: &Page) -> Option<card::Card> {
    card::card(site, locales, page, title(site, locales, page).as_deref())
}

/// The page's own title, else its section's name; `None` for the home page.
fn title(site: &Site<'_>, locales: &Locales, page: &Page) -> Option<String> {
    let lang = page.lang.as_str();
    let own = own_title(site, &page.key, lang);
    own.or_else(|| section_key(&page.key).map(|key| ui(locales, lang, key)))
}

/// The share tags and structured data of `page`.
pub fn share_view(site: &Site<'_>, locales: &Locales, page: &Page) -> ShareView {
    let lang = page.lang.as_str();
    let language = site.config.language(lang);
    let site_title = language.map_or("", |l| l.title.as_str());
    let own = title(site, locales, page);
    let title = match &own {
        Some(title) => format!("{title} · {site_title}"),
        None => site_title.to_string(),
    };
    let description = own_description(site, &page.key, lang)
        .unwrap_or_else(|| language.map_or("", |l| l.description.as_str()).to_string());
    let og_locale = |code: &str| {
        site.config
            .language(code)
            .map_or(code.to_string(), |l| l.locale.replace('-', "_"))
    };
    let image = image(site, locales, page, own.as_deref());
    let graph = jsonld::graph(&jsonld::Page {
        site,
        locales,
        page,
        title: own.as_deref().unwrap_or(site_title),
        description: &description,
        image: image.as_ref().map(|i| i.url.as_str()),
    });
    ShareView {
        title,
        description,
        kind: if matches!(page.key, PageKey::Article(_)) {
            "article"
        } else {
            "website"
        },
        locale: og_locale(lang),
        alternate_locales: site
            .config
            .languages
            .iter()
            .filter(|l| l.code != lang && site.path(&page.key, &l.code).is_some())
            .map(|l| og_locale(&l.code))
            .collect(),
        jsonld: script_safe(&graph),
        image,
    }
}

/// A UI string; its key when missing (`check` reports those).
fn ui(locales: &Locales, lang: &str, key: &str) -> String {
    locales
        .lookup(lang, key, None)
        .map_or_else(|| key.to_string(), |l| l.text)
}

/// The UI string naming a section page that has no title of its own.
fn section_key(key: &PageKey) -> Option<&'static str> {
    Some(match key {
        PageKey::Projects { .. } => "nav.projects",
        PageKey::News { .. } => "nav.news",
        PageKey::Results => "nav.results",
        PageKey::OpenData => "nav.open_data",
        PageKey::Search => "nav.search",
        PageKey::Glossary => "nav.glossary",
        _ => return None,
    })
}

/// The page's own title: a record's, a facet value's, a document's.
fn own_title(site: &Site<'_>, key: &PageKey, lang: &str) -> Option<String> {
    let facet_title = |f: usize| {
        let facet = site.facets.get(f)?;
        let field = site.table.field(&facet.field)?;
        Some(schema_text(&field.title, lang).text.to_string())
    };
    match key {
        PageKey::Project(index) => {
            let record = site.records.get(*index)?;
            let title = &site.config.records.title.name;
            let text = cell_text(site, site.table, record.row, title, lang);
            Some(text.map_or_else(|| record.id.clone(), |t| t.text.to_string()))
        }
        PageKey::FacetIndex(f) => facet_title(*f),
        PageKey::FacetValue { facet, value, .. } => Some(format!(
            "{} · {}",
            value_label(site, *facet, *value, lang).text,
            facet_title(*facet)?
        )),
        PageKey::Article(name) | PageKey::Page(name) => {
            document(site, name, lang).map(|d| d.front.title.clone())
        }
        _ => None,
    }
}

fn own_description(site: &Site<'_>, key: &PageKey, lang: &str) -> Option<String> {
    match key {
        PageKey::Project(index) => {
            let record = site.records.get(*index)?;
            let field = site.config.records.summary.as_ref()?;
            let text = cell_text(site, site.table, record.row, &field.name, lang)?;
            Some(text.text.to_string())
        }
        PageKey::Article(name) | PageKey::Page(name) => {
            document(site, name, lang)?.front.summary.clone()
        }
        _ => None,
    }
}

fn document<'a>(
    site: &'a Site<'_>,
    name: &str,
    lang: &str,
) -> Option<&'a crate::content::Document> {
    let content = site.content;
    content
        .articles
        .iter()
        .chain(&content.pages)
        .find(|d| d.key == name && d.lang == lang)
}

/// JSON inside `<script>`: `</` would end the element, so `<` is escaped
/// as JSON allows (`\u003c`); the value parses the same.
fn script_safe(value: &serde_json::Value) -> String {
    value.to_string().replace('<', "\\u003c")
}
