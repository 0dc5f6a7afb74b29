//! The search documents in plain text, for another search engine to index
//! the same things: bench/pagefind compares Bayan's index with Pagefind's.

use std::collections::BTreeMap;

use crate::model::{PageKey, Site};
use crate::render::views::{record_summary, value_label};

use super::{content_items, content_text, facet_items, facet_title, record_text};

/// One searchable document as written, before folding.
pub struct Searchable {
    pub lang: String,
    pub href: String,
    pub title: String,
    /// The text Bayan's index reads (for records and facet values, the
    /// title is part of it; for articles and pages, it is not).
    pub text: String,
    /// Each facet's title and the record's value (records only).
    pub filters: BTreeMap<String, Vec<String>>,
}

/// Every document of Bayan's search index, in every language that has a
/// search page, in the index's order: facet values, articles, pages, records.
pub fn searchables(site: &Site<'_>) -> Vec<Searchable> {
    let mut all = Vec::new();
    for language in &site.config.languages {
        let lang = language.code.as_str();
        if site.path(&PageKey::Search, lang).is_some() {
            for f in 0..site.facets.len() {
                let items = facet_items(site, f, lang).into_iter();
                all.extend(items.map(|(href, label, text)| plain(lang, href, label, text)));
            }
            all.extend(
                content_items(site, lang)
                    .map(|(doc, _, href)| plain(lang, href, &doc.front.title, content_text(doc))),
            );
            all.extend((0..site.records.len()).map(|index| record(site, index, lang)));
        }
    }
    all
}

fn plain(lang: &str, href: &str, title: &str, text: String) -> Searchable {
    Searchable {
        lang: lang.into(),
        href: href.into(),
        title: title.into(),
        text,
        filters: BTreeMap::new(),
    }
}

fn record(site: &Site<'_>, index: usize, lang: &str) -> Searchable {
    let summary = record_summary(site, index, lang);
    let record = &site.records[index];
    let values = record.facet_values.iter().enumerate();
    let filters = values
        .filter_map(|(f, value)| {
            let label = value_label(site, f, (*value)?, lang).text;
            Some((
                facet_title(site, f, lang).to_string(),
                vec![label.to_string()],
            ))
        })
        .collect();
    Searchable {
        filters,
        ..plain(
            lang,
            summary.href.unwrap_or_default(),
            summary.title.map_or(record.id.as_str(), |t| t.text),
            record_text(site, index, lang),
        )
    }
}
