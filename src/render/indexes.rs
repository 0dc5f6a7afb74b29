//! The static JSON indexes the theme's optional script reads, per language.
//!
//! 1. The records index, `{projects}/index.json`: every record with its
//!    facet values and summed figures, so the list can be filtered by
//!    several facets at once and sorted without a server.
//! 2. The search index, `{search}/index.json`: every record, article, page
//!    and facet value, with its text normalised for matching.
//!
//! Keys are one letter to keep the files small (documented on each struct).
//! Text is normalised here and in the script the same way ([`normalise`]),
//! so a query typed without accents or vowel marks still matches.

use rust_decimal::Decimal;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::data::Value;
use crate::locale::{Locale, Locales};
use crate::model::{FigureKind, PageKey, Site};

use super::views::{cell_text, record_summary, schema_text, value_label};

/// One record of the records index.
#[derive(Serialize)]
struct RecordEntry<'a> {
    /// Id, title, address.
    i: &'a str,
    t: &'a str,
    u: &'a str,
    /// Each facet's value key, in facet order ("" when empty).
    f: Vec<&'a str>,
    /// Each summed key figure, exact (for sorting) and formatted (to show).
    v: Vec<String>,
    m: Vec<String>,
}

/// One entry of the search index.
#[derive(Serialize)]
struct SearchEntry<'a> {
    /// Title, address, kind of page (a label), a short summary.
    t: &'a str,
    u: &'a str,
    k: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    s: Option<String>,
    /// Everything searchable, normalised.
    x: String,
}

/// Both indexes of every language, as (path, bytes).
pub fn indexes(site: &Site<'_>, locales: &Locales) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for language in &site.config.languages {
        let lang = language.code.as_str();
        let Some(locale) = locales.get(lang) else {
            continue;
        };
        if let Some(list) = site.path(&PageKey::Projects { page: 1 }, lang) {
            let money = money_pattern(locales, lang);
            let records = records_index(site, locale, &money, lang);
            files.push((format!("{list}index.json"), json(&records)));
        }
        if let Some(search) = site.path(&PageKey::Search, lang) {
            let kinds = kind_labels(locales, lang);
            let entries = search_index(site, &kinds, lang);
            files.push((format!("{search}index.json"), json(&entries)));
        }
    }
    files
}

fn json<T: Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

fn money_pattern(locales: &Locales, lang: &str) -> String {
    locales
        .lookup(lang, "money.pattern", None)
        .map_or_else(|| "{amount}".into(), |found| found.text)
}

fn records_index<'a>(
    site: &'a Site<'_>,
    locale: &Locale,
    money: &str,
    lang: &'a str,
) -> Vec<RecordEntry<'a>> {
    (0..site.records.len())
        .map(|index| {
            let record = &site.records[index];
            let figures = summed_figures(site, record.row);
            let title = cell_text(
                site,
                site.table,
                record.row,
                &site.config.records.title.name,
                lang,
            );
            RecordEntry {
                i: &record.id,
                t: title.map_or(record.id.as_str(), |t| t.text),
                u: site
                    .path(&PageKey::Project(index), lang)
                    .unwrap_or_default(),
                f: (0..site.facets.len())
                    .map(|f| match record.facet_values.get(f).copied().flatten() {
                        Some(v) => site.facets[f].values[v].key.as_str(),
                        None => "",
                    })
                    .collect(),
                v: figures
                    .iter()
                    .map(|(d, _)| d.map(|d| d.to_string()).unwrap_or_default())
                    .collect(),
                m: figures
                    .iter()
                    .map(|&(d, is_money)| match (d, is_money) {
                        (None, _) => String::new(),
                        (Some(d), true) => locale.money(d, money),
                        (Some(d), false) => locale.decimal(d, 0),
                    })
                    .collect(),
            }
        })
        .collect()
}

/// The label of each kind of entry: project, article, page.
fn kind_labels(locales: &Locales, lang: &str) -> [String; 3] {
    ["project", "article", "page"].map(|key| {
        locales
            .lookup(lang, &format!("search.kind.{key}"), None)
            .map_or_else(String::new, |found| found.text)
    })
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

fn search_index<'a>(
    site: &'a Site<'_>,
    kinds: &'a [String; 3],
    lang: &'a str,
) -> Vec<SearchEntry<'a>> {
    let mut entries = record_entries(site, lang, &kinds[0]);
    entries.extend(document_entries(site, lang, &kinds[1], &kinds[2]));
    entries.extend(facet_entries(site, lang));
    entries
}

fn record_entries<'a>(site: &'a Site<'_>, lang: &'a str, kind: &'a str) -> Vec<SearchEntry<'a>> {
    (0..site.records.len())
        .map(|index| {
            let summary = record_summary(site, index, lang);
            let id = site.records[index].id.as_str();
            SearchEntry {
                t: summary.title.map_or(id, |t| t.text),
                u: summary.href.unwrap_or_default(),
                k: kind,
                s: summary.summary.map(|s| shorten(s.text)),
                x: normalise(&record_text(site, index, lang)),
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

fn document_entries<'a>(
    site: &'a Site<'_>,
    lang: &'a str,
    article: &'a str,
    page: &'a str,
) -> Vec<SearchEntry<'a>> {
    let articles = site.content.articles.iter().map(|d| (d, article, true));
    let pages = site.content.pages.iter().map(|d| (d, page, false));
    articles
        .chain(pages)
        .filter(|(doc, _, _)| doc.lang == lang)
        .filter_map(|(doc, kind, is_article)| {
            let key = match is_article {
                true => PageKey::Article(doc.key.clone()),
                false => PageKey::Page(doc.key.clone()),
            };
            let summary = doc.front.summary.as_deref().unwrap_or_default();
            let tags = doc.front.tags.join(" ");
            Some(SearchEntry {
                t: &doc.front.title,
                u: site.path(&key, lang)?,
                k: kind,
                s: doc.front.summary.as_deref().map(shorten),
                x: normalise(&format!("{summary} {tags} {}", doc.text)),
            })
        })
        .collect()
}

fn facet_entries<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<SearchEntry<'a>> {
    let mut entries = Vec::new();
    for (f, facet) in site.facets.iter().enumerate() {
        let title = site
            .table
            .field(&facet.field)
            .map_or(facet.field.as_str(), |field| {
                schema_text(&field.title, lang).text
            });
        for v in 0..facet.values.len() {
            let key = PageKey::FacetValue {
                facet: f,
                value: v,
                page: 1,
            };
            let Some(href) = site.path(&key, lang) else {
                continue;
            };
            let label = value_label(site, f, v, lang).text;
            entries.push(SearchEntry {
                t: label,
                u: href,
                k: title,
                s: None,
                x: normalise(&format!("{label} {title}")),
            });
        }
    }
    entries
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

/// Text folded for matching, as the script folds queries: lower case;
/// accents, Arabic vowel marks (tashkeel) and tatweel removed; the forms
/// of alef unified (أ إ آ ٱ → ا), ta marbuta as ha (ة → ه), alef maqsura
/// as ya (ى → ي); every run of other characters one space.
pub fn normalise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = true;
    for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
        let c = match c {
            '\u{0640}' => continue,
            '\u{0671}' => 'ا',
            'ة' => 'ه',
            'ى' => 'ي',
            c => c,
        };
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    out.truncate(out.trim_end().len());
    out
}

#[cfg(test)]
mod tests {
    use super::{normalise, shorten};

    #[test]
    fn folds_french_accents_and_case() {
        assert_eq!(
            normalise("Bâtiments  ÉCOLE, l’économie"),
            "batiments ecole l economie"
        );
    }

    #[test]
    fn folds_arabic_marks_tatweel_alef_and_ta_marbuta() {
        assert_eq!(normalise("المُعَلِّمُونَ"), "المعلمون");
        assert_eq!(normalise("إقليم أصيلة آمنة"), "اقليم اصيله امنه");
        assert_eq!(normalise("تعـــاونية"), "تعاونيه");
        assert_eq!(normalise("مستشفى"), "مستشفي");
    }

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
