//! The search relevance set (`tests/relevance/queries.json`), answered from
//! the built index files by a reader that does what the page's script does.

mod reader;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use bayan::build::{Options, search_corpus};
use serde_json::Value;

use crate::support::{Site, attrs, parse, repo};
use reader::Reader;

/// The relevance set: (language, case, query, must find, must not find).
pub(crate) struct Query {
    pub lang: String,
    pub q: String,
    pub find: Vec<String>,
    pub not: Vec<String>,
}

pub(crate) fn relevance_set() -> Vec<Query> {
    let path = repo().join("tests/relevance/queries.json");
    let text = std::fs::read_to_string(&path).expect("read the relevance set");
    let set: Value = serde_json::from_str(&text).expect("relevance set JSON");
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().map(|s| s.as_str().expect("text").into()).collect())
            .unwrap_or_default()
    };
    set["queries"]
        .as_array()
        .expect("queries")
        .iter()
        .map(|q| Query {
            lang: q["lang"].as_str().expect("lang").into(),
            q: q["q"].as_str().expect("q").into(),
            find: strings(&q["find"]),
            not: strings(&q["not"]),
        })
        .collect()
}

/// The queries that fail today, one `lang<TAB>query` a line: kept exact, so
/// that a query that starts failing, or starts passing, fails the test.
fn expected_failures() -> BTreeSet<String> {
    let path = repo().join("tests/relevance/expected-failures.txt");
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

/// The manifest of the search index of `lang`, named by its search page.
fn manifest(out: &Path, lang: &str) -> PathBuf {
    let segment = match lang {
        "fr" => "recherche",
        _ => "bahth",
    };
    let page = parse(&out.join(lang).join(segment).join("index.html"));
    let index = attrs(&page, "form.search-form", "data-index");
    let index = index.first().expect("the search form names its index");
    out.join(index.trim_start_matches('/'))
}

/// Why `query` fails on `reader`, if it does.
fn failure(reader: &Reader, query: &Query) -> Option<String> {
    let hrefs = reader.search(&query.q).hrefs;
    let top: Vec<&String> = hrefs.iter().take(10).collect();
    let missing: Vec<&String> = (query.find.iter())
        .filter(|f| !top.iter().any(|h| h.contains(f.as_str())))
        .collect();
    let unwanted: Vec<&String> = (query.not.iter())
        .filter(|f| hrefs.iter().any(|h| h.contains(f.as_str())))
        .collect();
    (!missing.is_empty() || !unwanted.is_empty())
        .then(|| format!("missing {missing:?}, unwanted {unwanted:?}, top {top:?}"))
}

#[test]
fn every_query_of_the_relevance_set_finds_what_it_must() {
    let set = relevance_set();
    let count = |lang: &str| set.iter().filter(|q| q.lang == lang).count();
    assert!(
        count("fr") >= 30 && count("ar") >= 30,
        "at least 30 a language"
    );
    let site = Site::default_site();
    site.build(&[]);
    let mut failures = BTreeSet::new();
    let mut reasons = Vec::new();
    for query in &set {
        let reader = Reader::open(manifest(&site.out(), &query.lang));
        if let Some(why) = failure(&reader, query) {
            failures.insert(format!("{}\t{}", query.lang, query.q));
            reasons.push(format!("{} {:?}: {why}", query.lang, query.q));
        }
    }
    let expected = expected_failures();
    let new: Vec<_> = failures.difference(&expected).collect();
    let fixed: Vec<_> = expected.difference(&failures).collect();
    assert!(
        new.is_empty() && fixed.is_empty(),
        "newly failing: {new:#?}\nnow passing (remove from expected-failures.txt): {fixed:#?}\n{}",
        reasons.join("\n")
    );
}

/// At 60,000 records many share a place's name in their title: the place's
/// page, which leads to all of them, must still come first.
#[test]
fn a_place_page_ranks_before_records_of_equal_score() {
    let site = Site::default_site();
    site.build(&[]);
    for (lang, query) in [("fr", "Tétouan"), ("ar", "تطوان")] {
        let hrefs = Reader::open(manifest(&site.out(), lang))
            .search(query)
            .hrefs;
        let records = hrefs.iter().filter(|h| h.contains("/tta-")).count();
        assert!(records > 0, "{lang}: records found too: {hrefs:?}");
        assert!(hrefs[0].ends_with("/tetouan/"), "{lang}: {hrefs:?}");
    }
}

#[test]
fn the_plain_corpus_holds_every_indexed_document_with_its_filters() {
    let site = Site::default_site();
    site.build(&[]);
    let options = Options {
        root: site.root().to_path_buf(),
        ..Options::default()
    };
    let Ok(corpus) = search_corpus(&options) else {
        panic!("the default site loads");
    };
    for lang in ["fr", "ar"] {
        let indexed = Reader::open(manifest(&site.out(), lang)).every_href();
        let plain: Vec<&str> = (corpus.documents.iter())
            .filter(|d| d.lang == lang)
            .map(|d| d.href.as_str())
            .collect();
        assert!(indexed.len() > 60, "{lang}: {} documents", indexed.len());
        assert_eq!(
            plain, indexed,
            "{lang}: the same documents, in the same order"
        );
    }
    let record = (corpus.documents.iter())
        .find(|d| d.lang == "fr" && d.href.contains("tta-2023-006"))
        .expect("a French record");
    assert!(
        record.text.contains("tétouanaise"),
        "plain, not folded: {}",
        record.text
    );
    assert!(
        record.filters.values().flatten().any(|v| v == "Tétouan"),
        "{:?}",
        record.filters
    );
    assert!(corpus.index_files > 2 && corpus.index_bytes > 100_000);
}

/// The relevance set on a bigger site that holds the default site's
/// documents among others (bench/default-plus.py), built into
/// `BAYAN_SEARCH_OUT`: `cargo test --test integration search::at_scale --
/// --ignored --nocapture`. Prints each failing query; fails if any does.
#[test]
#[ignore = "needs a site built by bench/default-plus.py"]
fn at_scale() {
    let out = PathBuf::from(std::env::var_os("BAYAN_SEARCH_OUT").expect("BAYAN_SEARCH_OUT"));
    let set = relevance_set();
    let readers: Vec<(&str, Reader)> = (["fr", "ar"].into_iter())
        .map(|lang| (lang, Reader::open(manifest(&out, lang))))
        .collect();
    let mut failing = Vec::new();
    for query in &set {
        let reader = &readers
            .iter()
            .find(|(l, _)| *l == query.lang)
            .expect("lang")
            .1;
        if let Some(why) = failure(reader, query) {
            failing.push(format!("{} {:?}: {why}", query.lang, query.q));
        }
    }
    println!(
        "{} of {} queries pass",
        set.len() - failing.len(),
        set.len()
    );
    assert!(failing.is_empty(), "{}", failing.join("\n"));
}

/// Bytes a query reads from a cold cache, median and largest, per language:
/// `cargo test --test integration search::bytes_per_query -- --ignored --nocapture`
/// (with `BAYAN_SEARCH_OUT` set to an already built site, that site).
#[test]
#[ignore = "a measurement, not a check"]
fn bytes_per_query() {
    let site = Site::default_site();
    let out = match std::env::var_os("BAYAN_SEARCH_OUT") {
        Some(out) => PathBuf::from(out),
        None => {
            site.build(&[]);
            site.out()
        }
    };
    for lang in ["fr", "ar"] {
        let mut bytes: Vec<usize> = (relevance_set().iter())
            .filter(|q| q.lang == lang)
            .map(|q| {
                let reader = Reader::open(manifest(&out, lang));
                reader.search(&q.q);
                reader.shown_bytes()
            })
            .collect();
        bytes.sort_unstable();
        let median = bytes[bytes.len() / 2];
        let max = bytes.last().copied().unwrap_or_default();
        println!(
            "{lang}: {} queries, median {median} bytes, largest {max}",
            bytes.len()
        );
    }
}
