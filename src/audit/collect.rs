//! The sink `check` renders into: each page is read as it arrives (in the
//! rendering threads) and only what the link check needs is kept: the
//! element ids, and every URL the page names with where it names it.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

use scraper::{Html, Selector};

use crate::fsio::FsResult;
use crate::sink::{self, Sink, Writer};

/// What kind of reference a URL is, for the message and its severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    /// `a[href]`, `link[href]`, `form[action]`.
    Link,
    /// `img[src]`.
    Image,
    /// `script[src]`, `[data-index]`: files the page or its script loads.
    Resource,
}

/// A URL named by a page.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Reference {
    pub kind: Kind,
    pub value: String,
    /// For images: the `alt` attribute (`None` when absent).
    pub alt: Option<String>,
}

/// One page, reduced to what the check needs.
#[derive(Debug, Default)]
pub struct PageFacts {
    pub ids: BTreeSet<String>,
    pub references: Vec<Reference>,
}

/// Every file written (output path, no leading `/`), and the facts of each
/// HTML page.
#[derive(Default)]
pub struct Collector {
    files: Mutex<BTreeSet<String>>,
    pages: Mutex<BTreeMap<String, PageFacts>>,
}

/// What a check found in the output.
pub struct Collected {
    pub files: BTreeSet<String>,
    pub pages: BTreeMap<String, PageFacts>,
}

impl Collector {
    pub fn new() -> Self {
        Self::default()
    }

    /// What was collected so far (the collector is left empty).
    pub fn take(&self) -> Collected {
        let files = std::mem::take(&mut *self.files.lock().unwrap_or_else(|e| e.into_inner()));
        let pages = std::mem::take(&mut *self.pages.lock().unwrap_or_else(|e| e.into_inner()));
        Collected { files, pages }
    }

    fn record(&self, path: &str) -> FsResult<String> {
        let key = sink::checked_path(path)?
            .to_string_lossy()
            .replace('\\', "/");
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.insert(key.clone());
        Ok(key)
    }
}

impl Sink for Collector {
    fn put(&self, path: &str, bytes: &[u8]) -> FsResult<()> {
        let key = self.record(path)?;
        if key.ends_with(".html") {
            let facts = page_facts(&String::from_utf8_lossy(bytes));
            let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
            pages.insert(key, facts);
        }
        Ok(())
    }

    fn stream(&self, path: &str, write: Writer<'_>) -> FsResult<()> {
        self.record(path)?;
        sink::Discard.stream(path, write)
    }

    /// Only pages are read: other files are named, not made.
    fn keeps_bytes(&self) -> bool {
        false
    }
}

/// Which attribute of which elements holds a URL, and its kind.
const REFERENCES: [(&str, &str, Kind); 7] = [
    ("a[href]", "href", Kind::Link),
    ("link[href]", "href", Kind::Link),
    ("form[action]", "action", Kind::Link),
    ("img[src]", "src", Kind::Image),
    ("script[src]", "src", Kind::Resource),
    ("[data-index]", "data-index", Kind::Resource),
    // The picture a link preview fetches must be a file of the site too.
    ("meta[property=\"og:image\"]", "content", Kind::Resource),
];

/// The ids and references of one HTML page.
pub fn page_facts(html: &str) -> PageFacts {
    let document = Html::parse_document(html);
    let mut facts = PageFacts::default();
    if let Ok(with_id) = Selector::parse("[id], a[name]") {
        for element in document.select(&with_id) {
            let value = element.value();
            facts.ids.extend(value.id().map(str::to_string));
            facts.ids.extend(value.attr("name").map(str::to_string));
        }
    }
    for (css, attribute, kind) in REFERENCES {
        let Ok(selector) = Selector::parse(css) else {
            continue;
        };
        for element in document.select(&selector) {
            let value = element.value();
            let Some(url) = value.attr(attribute) else {
                continue;
            };
            facts.references.push(Reference {
                kind,
                value: url.to_string(),
                alt: (kind == Kind::Image)
                    .then(|| value.attr("alt").map(str::to_string))
                    .flatten(),
            });
        }
    }
    facts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_ids_and_every_kind_of_reference() {
        let facts = page_facts(
            "<main id=main><h2 id=\"a b\">x</h2><a href=\"/fr/#top\">y</a>\
             <img src=\"i.png\"><img src=\"j.png\" alt=\"J\">\
             <script src=\"/js/s.js\"></script><form data-index=\"/i.json\" action=\"/q/\"></form></main>\
             <meta property=\"og:image\" content=\"https://x.ma/share/p.png\">",
        );
        assert_eq!(facts.ids, BTreeSet::from(["main".into(), "a b".into()]));
        let values: Vec<(&str, Kind, Option<&str>)> = facts
            .references
            .iter()
            .map(|r| (r.value.as_str(), r.kind, r.alt.as_deref()))
            .collect();
        assert_eq!(
            values,
            [
                ("/fr/#top", Kind::Link, None),
                ("/q/", Kind::Link, None),
                ("i.png", Kind::Image, None),
                ("j.png", Kind::Image, Some("J")),
                ("/js/s.js", Kind::Resource, None),
                ("/i.json", Kind::Resource, None),
                ("https://x.ma/share/p.png", Kind::Resource, None),
            ]
        );
    }
}
