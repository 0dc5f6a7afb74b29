//! Where a link in a rendered page comes from: the Markdown file of the
//! page's document when its body or its front matter's image holds the link
//! (with the line and column in the Markdown), else the template that
//! writes it literally.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::links::references_of;
use crate::content::Document;
use crate::diagnostics::{Diagnostic, Location};
use crate::fsio;
use crate::model::{PageKey, Site, urls};
use crate::render::Sources;

/// A document's Markdown and the references its body holds.
struct Source<'a> {
    document: &'a Document,
    markdown: Option<String>,
    references: BTreeSet<String>,
    /// The front matter's image, as the page links it and as written.
    image: Option<(String, String)>,
}

/// Output file to the document rendered into it, and the templates.
pub struct Attribution<'a> {
    documents: BTreeMap<String, Source<'a>>,
    templates: &'a Sources,
}

impl<'a> Attribution<'a> {
    pub fn new(site: &'a Site<'_>, root: &Path, templates: &'a Sources) -> Self {
        let mut documents = BTreeMap::new();
        for page in &site.pages {
            let (list, key) = match &page.key {
                PageKey::Article(key) => (&site.content.articles, key),
                PageKey::Page(key) => (&site.content.pages, key),
                _ => continue,
            };
            let Some(document) = list.iter().find(|d| &d.key == key && d.lang == page.lang) else {
                continue;
            };
            // Unreadable now: the build read it a moment ago; say only the file.
            let markdown = fsio::read_to_string(&root.join(&document.source)).ok();
            let source = Source {
                document,
                markdown,
                references: references_of(&document.html),
                image: document.front.image.as_ref().map(|image| {
                    let href = urls::site_link(&site.base_path, &image.src);
                    (href, image.src.clone())
                }),
            };
            documents.insert(urls::file_of(&page.path), source);
        }
        Self {
            documents,
            templates,
        }
    }

    /// `diagnostic`, placed where the link `value` of the page `file` is
    /// written.
    pub fn attribute(&self, file: &str, value: &str, diagnostic: Diagnostic) -> Diagnostic {
        if let Some(source) = self.documents.get(file) {
            let written = match &source.image {
                Some((href, src)) if href == value => Some(src.as_str()),
                _ => source.references.contains(value).then_some(value),
            };
            if let Some(written) = written {
                let path = &source.document.source;
                return match source
                    .markdown
                    .as_deref()
                    .and_then(|md| locate(md, written))
                {
                    Some(location) => diagnostic.at(path, location),
                    None => diagnostic.in_file(path),
                };
            }
        }
        for (path, text) in self.templates.values() {
            if let Some(location) = locate(text, value) {
                return diagnostic.at(path, location);
            }
        }
        diagnostic.with_note("written by a template through a variable")
    }
}

/// The first place `value` is written in `text`, as a link target.
fn locate(text: &str, value: &str) -> Option<Location> {
    if value.is_empty() {
        return None;
    }
    let escaped = crate::html::escape(value);
    [value, escaped.as_ref()].into_iter().find_map(|needle| {
        let start = text.find(needle)?;
        Some(Location::at(text, start..start + needle.len()))
    })
}
