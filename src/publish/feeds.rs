//! An Atom feed of each language's articles, rendered through the theme's
//! `atom.xml` template so a site can change it like any page. Every date
//! is an article's own (articles must have one): none is invented.

use serde::Serialize;

use crate::content::Document;
use crate::diagnostics::Diagnostic;
use crate::model::{PageKey, Site};
use crate::render::Renderer;

/// The template of every feed.
pub const TEMPLATE: &str = "atom.xml";

#[derive(Serialize)]
struct FeedView<'a> {
    title: &'a str,
    author: &'a str,
    url: String,
    alternate: String,
    updated: String,
    entries: Vec<EntryView<'a>>,
}

#[derive(Serialize)]
struct EntryView<'a> {
    title: &'a str,
    url: String,
    published: String,
    updated: String,
    summary: &'a str,
}

/// Each language's feed as (path, bytes); languages without articles have
/// none (and their pages link to none).
pub fn feeds(site: &Site<'_>, renderer: &Renderer) -> Vec<Result<(String, Vec<u8>), Diagnostic>> {
    site.config
        .languages
        .iter()
        .filter_map(|language| {
            let lang = language.code.as_str();
            let path = site.feed_path(lang)?;
            let news = site.path(&PageKey::News { page: 1 }, lang)?;
            let articles: Vec<&Document> = site
                .content
                .articles
                .iter()
                .filter(|a| a.lang == lang)
                .collect();
            let feed = FeedView {
                title: &language.title,
                author: &language.title,
                url: site.url(&path),
                alternate: site.url(news),
                updated: stamp(articles.iter().filter_map(|a| last_change(a)).max()?),
                entries: articles.iter().filter_map(|a| entry(site, a)).collect(),
            };
            let mut context = tera::Context::new();
            context.insert("lang", lang);
            context.insert("feed", &feed);
            Some(
                renderer
                    .render(TEMPLATE, &context)
                    .map(|bytes| (path, bytes)),
            )
        })
        .collect()
}

fn entry<'a>(site: &Site<'_>, article: &'a Document) -> Option<EntryView<'a>> {
    let path = site.path(&PageKey::Article(article.key.clone()), &article.lang)?;
    Some(EntryView {
        title: &article.front.title,
        url: site.url(path),
        published: stamp(article.front.date?),
        updated: stamp(last_change(article)?),
        summary: article.front.summary.as_deref().unwrap_or_default(),
    })
}

fn last_change(article: &Document) -> Option<jiff::civil::Date> {
    article.front.updated.or(article.front.date)
}

/// Atom wants a time: midnight UTC of the day the article gives.
fn stamp(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00Z")
}
