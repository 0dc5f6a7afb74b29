//! Reading built pages: every page by its URL, selectors, texts, attributes.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use scraper::{Html, Selector};
use walkdir::WalkDir;

/// Every HTML page under `out`, by URL path (`/fr/`, `/404.html`).
pub fn pages(out: &Path) -> BTreeMap<String, PathBuf> {
    WalkDir::new(out)
        .into_iter()
        .map(|e| e.expect("walk output"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            let relative = e.path().strip_prefix(out).expect("inside output");
            let url = format!("/{}", relative.to_string_lossy().replace('\\', "/"));
            let url = url
                .strip_suffix("index.html")
                .map_or(url.clone(), String::from);
            (url, e.into_path())
        })
        .collect()
}

/// A page file, parsed.
pub fn parse(path: &Path) -> Html {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Html::parse_document(&text)
}

/// A CSS selector, parsed (the selectors are the tests' own constants).
pub fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

/// The text of every element matching `css`, whitespace collapsed.
pub fn texts(html: &Html, css: &str) -> Vec<String> {
    html.select(&selector(css))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The value of `attr` on every element matching `css`.
pub fn attrs(html: &Html, css: &str, attr: &str) -> Vec<String> {
    html.select(&selector(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}
