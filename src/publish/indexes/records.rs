//! The records index of one language, read by the projects list's filter.
//!
//! Up to [`WHOLE_INDEX_LIMIT`] records, `index.json` is an array of every
//! record ([`RecordEntry`]): small enough to fetch at once. Above it, the
//! script never fetches the whole site; the build writes instead:
//!
//! - `index.json`, a manifest: `n` records, `p` records per page, `c`
//!   record numbers per chunk of a sort order;
//! - `r/{page}.json`, the records by pages of [`PAGE`] ([`RecordEntry`]);
//! - `ids.json` beside each facet value's page: the numbers of its records
//!   ([`super::postings::encode`]), the same the page counts;
//! - `o/{sort}/{chunk}.json`, each order of the sort menu (`title`,
//!   `{figure}-desc`, `{figure}-asc`) as record numbers by chunks of
//!   [`CHUNK`], fetched one after the other until a page is full.

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::json;

use crate::locale::Locale;
use crate::model::{PageKey, Site};

use super::{json, normalise, summed_figures};
use crate::render::views::cell_text;

/// Above this many records the whole-site index (about 250 bytes a record)
/// would cost a phone more than half a megabyte before the first result:
/// the filter works from per-value record lists instead.
pub const WHOLE_INDEX_LIMIT: usize = 2_000;
/// Records per page of the records table (about 5 KB): small, because a
/// sorted filter shows records scattered over the whole table (at 100 a
/// page, 50 rows sorted by amount fetched 1.3 MB).
pub const PAGE: usize = 25;
/// Record numbers per chunk of a sort order (about 6 KB).
pub const CHUNK: usize = 1_000;

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

/// The files of the records index, as (path, bytes); `list` is the path of
/// the projects list.
pub fn files(
    site: &Site<'_>,
    locale: &Locale,
    money: &str,
    lang: &str,
    list: &str,
) -> Vec<super::IndexFile> {
    files_above(site, locale, money, lang, list, WHOLE_INDEX_LIMIT)
}

/// [`files`], with the size above which the index is split as a parameter.
fn files_above(
    site: &Site<'_>,
    locale: &Locale,
    money: &str,
    lang: &str,
    list: &str,
    limit: usize,
) -> Vec<super::IndexFile> {
    let entries = entries(site, locale, money, lang);
    if entries.len() <= limit {
        return vec![(format!("{list}index.json"), json(&entries))];
    }
    let mut files = Vec::new();
    for (page, chunk) in entries.chunks(PAGE).enumerate() {
        files.push((format!("{list}r/{page}.json"), json(&chunk)));
    }
    for (f, facet) in site.facets.iter().enumerate() {
        for (v, value) in facet.values.iter().enumerate() {
            let key = PageKey::FacetValue {
                facet: f,
                value: v,
                page: 1,
            };
            let Some(path) = site.path(&key, lang) else {
                continue;
            };
            let mut numbers: Vec<u32> = value.records.iter().map(|&r| r as u32).collect();
            numbers.sort_unstable();
            numbers.dedup();
            let ids = super::postings::encode(&numbers);
            files.push((format!("{path}ids.json"), json(&ids)));
        }
    }
    for (name, order) in orders(&entries) {
        for (c, chunk) in order.chunks(CHUNK).enumerate() {
            files.push((format!("{list}o/{name}/{c}.json"), json(&chunk)));
        }
    }
    let manifest = json!({ "n": entries.len(), "p": PAGE, "c": CHUNK });
    files.push((format!("{list}index.json"), json(&manifest)));
    files
}

fn entries<'a>(
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
                    .href(&PageKey::Project(index), lang)
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

/// Every order of the sort menu, by name, as the script's own sort would
/// give it (an empty figure counts as zero; ties keep the records' order).
fn orders(entries: &[RecordEntry<'_>]) -> Vec<(String, Vec<u32>)> {
    let all: Vec<u32> = (0..entries.len() as u32).collect();
    let mut by_title = all.clone();
    let titles: Vec<String> = entries.iter().map(|e| normalise(e.t)).collect();
    by_title.sort_by(|&a, &b| titles[a as usize].cmp(&titles[b as usize]));
    let mut orders = vec![("title".to_string(), by_title)];
    let sums = entries.first().map_or(0, |e| e.v.len());
    for figure in 0..sums {
        let values: Vec<Decimal> = entries
            .iter()
            .map(|e| e.v[figure].parse().unwrap_or(Decimal::ZERO))
            .collect();
        let mut ascending = all.clone();
        ascending.sort_by(|&a, &b| values[a as usize].cmp(&values[b as usize]));
        let mut descending = all.clone();
        descending.sort_by(|&a, &b| values[b as usize].cmp(&values[a as usize]));
        orders.push((format!("{figure}-asc"), ascending));
        orders.push((format!("{figure}-desc"), descending));
    }
    orders
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_site_gets_per_value_lists_that_match_the_facet_pages() {
        crate::testing::with_default_site(|site| {
            let locale = Locale::new("fr-MA").expect("locale");
            let files = super::super::written(files_above(
                site,
                &locale,
                "{amount} DH",
                "fr",
                "/fr/projets/",
                10,
            ));
            let file = |path: &str| -> serde_json::Value {
                let bytes = files
                    .iter()
                    .find(|(p, _)| p == path)
                    .map(|(_, b)| b.clone());
                serde_json::from_slice(&bytes.unwrap_or_else(|| panic!("{path} is written")))
                    .unwrap_or_default()
            };
            assert_eq!(file("/fr/projets/index.json")["n"], site.records.len());
            let pages = site.records.len().div_ceil(PAGE);
            assert_eq!(
                files
                    .iter()
                    .filter(|(p, _)| p.starts_with("/fr/projets/r/"))
                    .count(),
                pages
            );
            for (f, facet) in site.facets.iter().enumerate() {
                for (v, value) in facet.values.iter().enumerate() {
                    let key = PageKey::FacetValue {
                        facet: f,
                        value: v,
                        page: 1,
                    };
                    let path = site.path(&key, "fr").expect("facet page");
                    let ids = super::super::postings::decode(&file(&format!("{path}ids.json")));
                    assert_eq!(ids.len(), value.records.len(), "{path}");
                }
            }
        })
    }

    #[test]
    fn a_small_site_gets_one_whole_index() {
        crate::testing::with_default_site(|site| {
            let locale = Locale::new("fr-MA").expect("locale");
            let files =
                super::super::written(files(site, &locale, "{amount} DH", "fr", "/fr/projets/"));
            assert_eq!(files.len(), 1);
            let index: serde_json::Value = serde_json::from_slice(&files[0].1).unwrap_or_default();
            assert_eq!(index.as_array().map(Vec::len), Some(site.records.len()));
        })
    }
}
