//! The static JSON indexes the theme's optional script reads, per language.
//!
//! 1. The records index, `{projects}/index.json` ([`records`]): below
//!    [`records::WHOLE_INDEX_LIMIT`] records, every record with its facet
//!    values and summed figures, so the list can be filtered by several
//!    facets at once and sorted without a server; above it, a manifest, the
//!    records by pages, each facet value's record numbers (`ids.json` beside
//!    its page) and the sort orders by chunks, fetched as needed.
//! 2. The search index, `{search}/index.json` and its shards ([`search`]):
//!    an inverted index of normalised tokens, split by token prefix, and
//!    the documents (facet values, articles, pages, records) by pages.
//!
//! Keys are one letter to keep the files small (documented on each struct).
//! Text is normalised here and in the script the same way ([`normalise`]),
//! so a query typed without accents or vowel marks still matches.

mod corpus;
mod postings;
mod records;
mod search;
pub mod words;

pub use corpus::{Searchable, searchables};
pub use words::fold as normalise;

use rayon::prelude::*;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::data::Value;
use crate::locale::Locales;
use crate::model::{FigureKind, PageKey, Site};

use crate::render::views::{cell_text, record_summary, schema_text, value_label};

/// One file of an index: its path and its JSON (a serialisation failure is
/// reported with the path, never written as an empty file).
pub type IndexFile = (String, serde_json::Result<Vec<u8>>);

/// Both indexes of every language, built side by side.
pub fn indexes(site: &Site<'_>, locales: &Locales) -> Vec<IndexFile> {
    let per_language: Vec<Vec<IndexFile>> = site
        .config
        .languages
        .par_iter()
        .map(|language| {
            let lang = language.code.as_str();
            let (mut files, search) = rayon::join(
                || records_index(site, locales, lang),
                || search_index(site, locales, lang),
            );
            files.extend(search);
            files
        })
        .collect();
    per_language.into_iter().flatten().collect()
}

fn records_index(site: &Site<'_>, locales: &Locales, lang: &str) -> Vec<IndexFile> {
    let (Some(locale), Some(list)) = (
        locales.get(lang),
        site.path(&PageKey::Projects { page: 1 }, lang),
    ) else {
        return Vec::new();
    };
    let money = money_pattern(locales, lang);
    records::files(site, locale, &money, lang, list)
}

/// The search index of `lang`, if it has a search page.
pub fn search_index(site: &Site<'_>, locales: &Locales, lang: &str) -> Vec<IndexFile> {
    let Some(search) = site.path(&PageKey::Search, lang) else {
        return Vec::new();
    };
    let money = money_pattern(locales, lang);
    let (documents, kinds) = search_documents(site, locales, (lang, &money));
    let shards = search::files(&documents, &kinds, lang);
    (shards.into_iter())
        .map(|(p, b)| (format!("{search}{p}"), b))
        .collect()
}

fn json<T: Serialize>(value: &T) -> serde_json::Result<Vec<u8>> {
    serde_json::to_vec(value)
}

/// The files of an index, each asserted to have serialised.
#[cfg(test)]
fn written(files: Vec<IndexFile>) -> Vec<(String, Vec<u8>)> {
    files
        .into_iter()
        .map(|(path, bytes)| {
            let bytes = bytes.unwrap_or_else(|e| panic!("{path}: {e}"));
            (path, bytes)
        })
        .collect()
}

fn money_pattern(locales: &Locales, lang: &str) -> String {
    locales
        .lookup(lang, "money.pattern", None)
        .map_or_else(|| "{amount}".into(), |found| found.text)
}

/// Each summed key figure of a row (`None` when empty), and whether it is
/// money.
fn summed_figures(site: &Site<'_>, row: usize) -> Vec<(Option<Decimal>, bool)> {
    let row = site.table.rows.get(row);
    site.key_figures
        .iter()
        .filter_map(|figure| match &figure.kind {
            FigureKind::Sum { field, unit } => {
                let value = row.and_then(|r| site.table.value(r, field));
                Some((value.and_then(Value::as_decimal), unit.is_some()))
            }
            FigureKind::Count => None,
        })
        .collect()
}

/// Every searchable document of a language (facet values, articles,
/// pages, records, in that order: equal scores rank in document order, and
/// a place's or a category's page, which leads to all its records, or an
/// article, comes before one record), and the labels of their kinds:
/// project, article, page, then each facet's title.
fn search_documents<'a>(
    site: &'a Site<'_>,
    locales: &Locales,
    (lang, money): (&'a str, &str),
) -> (Vec<search::Document<'a>>, Vec<String>) {
    let mut kinds: Vec<String> = ["project", "article", "page"]
        .iter()
        .map(|key| {
            locales
                .lookup(lang, &format!("search.kind.{key}"), None)
                .map_or_else(String::new, |found| found.text)
        })
        .collect();
    let mut documents = facet_documents(site, lang, &mut kinds);
    documents.extend(content_documents(site, lang));
    if let Some(locale) = locales.get(lang) {
        documents.extend(record_documents(site, lang, |d| locale.money(d, money)));
    }
    (documents, kinds)
}

/// Each record, with its place (the first facet's value) and its first
/// summed money figure, formatted by `money`.
fn record_documents<'a>(
    site: &'a Site<'_>,
    lang: &'a str,
    money: impl Fn(Decimal) -> String,
) -> Vec<search::Document<'a>> {
    (0..site.records.len())
        .map(|index| {
            let summary = record_summary(site, index, lang);
            let record = &site.records[index];
            let id = record.id.as_str();
            let place = record.facet_values.first().copied().flatten();
            let amount = summed_figures(site, record.row)
                .into_iter()
                .find(|(_, is_money)| *is_money)
                .and_then(|(d, _)| d);
            search::Document {
                title: summary.title.map_or(id, |t| t.text),
                href: summary.href.unwrap_or_default(),
                kind: 0,
                summary: summary.summary.map(|s| shorten(s.text)),
                place: place.map(|v| value_label(site, 0, v, lang).text),
                amount: amount.map(&money),
                id: Some(id),
                text: normalise(&record_text(site, index, lang)),
            }
        })
        .collect()
}

/// A record's searchable text: its id, its translated fields in `lang`
/// and the labels of its facet values.
fn record_text(site: &Site<'_>, index: usize, lang: &str) -> String {
    let record = &site.records[index];
    let mut text = record.id.clone();
    for field in &site.table.schema.fields {
        if field.translated {
            let cell = cell_text(site, site.table, record.row, &field.name, lang);
            push_word(&mut text, cell.map(|t| t.text));
        }
    }
    for (f, value) in record.facet_values.iter().enumerate() {
        let label = value.map(|v| value_label(site, f, v, lang).text);
        push_word(&mut text, label);
    }
    text
}

fn push_word(text: &mut String, word: Option<&str>) {
    if let Some(word) = word {
        text.push(' ');
        text.push_str(word);
    }
}

fn content_documents<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<search::Document<'a>> {
    content_items(site, lang)
        .map(|(doc, is_article, href)| search::Document {
            title: &doc.front.title,
            href,
            kind: if is_article { 1 } else { 2 },
            summary: doc.front.summary.as_deref().map(shorten),
            place: None,
            amount: None,
            id: None,
            text: normalise(&content_text(doc)),
        })
        .collect()
}

/// The articles and pages of `lang` that have an address: each with
/// whether it is an article, and its address.
fn content_items<'a>(
    site: &'a Site<'_>,
    lang: &'a str,
) -> impl Iterator<Item = (&'a crate::content::Document, bool, &'a str)> {
    let articles = site.content.articles.iter().map(|d| (d, true));
    let pages = site.content.pages.iter().map(|d| (d, false));
    (articles.chain(pages))
        .filter(move |(doc, _)| doc.lang == lang)
        .filter_map(move |(doc, is_article)| {
            let key = match is_article {
                true => PageKey::Article(doc.key.clone()),
                false => PageKey::Page(doc.key.clone()),
            };
            Some((doc, is_article, site.href(&key, lang)?))
        })
}

/// An article's or page's searchable text: its summary, tags and body.
fn content_text(doc: &crate::content::Document) -> String {
    let summary = doc.front.summary.as_deref().unwrap_or_default();
    let tags = doc.front.tags.join(" ");
    format!("{summary} {tags} {}", doc.text)
}

fn facet_documents<'a>(
    site: &'a Site<'_>,
    lang: &'a str,
    kinds: &mut Vec<String>,
) -> Vec<search::Document<'a>> {
    let mut documents = Vec::new();
    for f in 0..site.facets.len() {
        kinds.push(facet_title(site, f, lang).to_string());
        let kind = kinds.len() - 1;
        for (href, label, text) in facet_items(site, f, lang) {
            documents.push(search::Document {
                title: label,
                href,
                kind,
                summary: None,
                place: None,
                amount: None,
                id: None,
                text: normalise(&text),
            });
        }
    }
    documents
}

/// The title of facet `f` in `lang` (its field's title).
fn facet_title<'a>(site: &'a Site<'_>, f: usize, lang: &'a str) -> &'a str {
    let field = &site.facets[f].field;
    (site.table.field(field)).map_or(field.as_str(), |field| schema_text(&field.title, lang).text)
}

/// Each value of facet `f` that has a page in `lang`: its address, its
/// label and its searchable text (the label and the facet's title).
fn facet_items<'a>(site: &'a Site<'_>, f: usize, lang: &'a str) -> Vec<(&'a str, &'a str, String)> {
    let title = facet_title(site, f, lang);
    (0..site.facets[f].values.len())
        .filter_map(|v| {
            let key = PageKey::FacetValue {
                facet: f,
                value: v,
                page: 1,
            };
            let href = site.href(&key, lang)?;
            let label = value_label(site, f, v, lang).text;
            Some((href, label, format!("{label} {title}")))
        })
        .collect()
}

/// At most about 160 characters, cut at a space, with an ellipsis.
fn shorten(text: &str) -> String {
    const LIMIT: usize = 160;
    if text.chars().count() <= LIMIT {
        return text.to_string();
    }
    let cut: String = text.chars().take(LIMIT).collect();
    let end = cut.rfind(' ').unwrap_or(cut.len());
    format!(
        "{}…",
        cut[..end].trim_end_matches([',', ';', ':', '،', '؛'])
    )
}

#[cfg(test)]
mod tests {
    use super::shorten;

    #[test]
    fn shortens_long_text_at_a_space() {
        let long = "mot ".repeat(60);
        let short = shorten(&long);
        assert!(
            short.ends_with('…') && short.chars().count() <= 161,
            "{short}"
        );
        assert_eq!(shorten("court"), "court");
    }
}
