//! Links, anchors and images of the rendered pages, resolved the way a
//! browser resolves them against each page's address under the base URL.
//!
//! 1. Resolve every reference of every page; a URL on another host is
//!    external (checked only on request).
//! 2. Inside the site: the path must be under the base URL's path, name a
//!    file the build wrote, and its `#anchor` must be an id of that page;
//!    an image needs a text alternative.
//! 3. Each problem is attributed to the Markdown file that wrote the link
//!    (with its line and column) or else to the template that holds it,
//!    and reported once with the number of pages it breaks.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use percent_encoding::percent_decode_str;
use url::Url;

use super::collect::{Collected, Kind, PageFacts, Reference, page_facts};
use super::locate::Attribution;
use crate::diagnostics::{Diagnostic, Severity, suggest};

/// What is wrong with one reference.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Problem {
    Unparsable,
    OutsideBase,
    MissingFile,
    MissingAnchor(String),
    NoAlt,
    EmptyAlt,
}

/// The external URLs the pages name, each with the first page naming it.
pub type External = BTreeMap<String, String>;

/// Resolves every reference of every page; returns the diagnostics and the
/// external URLs.
pub fn check(
    collected: &Collected,
    base_url: &str,
    attribution: &Attribution<'_>,
) -> (Vec<Diagnostic>, External) {
    let Ok(base) = Url::parse(base_url) else {
        return (Vec::new(), External::new()); // the configuration reported it
    };
    let resolver = Resolver {
        base: &base,
        collected,
    };
    // One diagnostic per place and problem, with the pages it breaks.
    let mut found: BTreeMap<String, (Diagnostic, Vec<String>)> = BTreeMap::new();
    // A template's broken link repeats on every page: describe it once (its
    // "did you mean" compares it with every page).
    let mut described: HashMap<(Problem, &str, String), Diagnostic> = HashMap::new();
    let mut external = External::new();
    for (file, facts) in &collected.pages {
        let Ok(page_url) = base.join(&page_path(file)) else {
            continue;
        };
        for reference in &facts.references {
            let problems = resolver.problems(&page_url, reference, &mut external, file);
            for problem in problems {
                let resolved = page_url
                    .join(&reference.value)
                    .map_or_else(|_| reference.value.clone(), String::from);
                let diagnostic = described
                    .entry((problem, reference.value.as_str(), resolved))
                    .or_insert_with_key(|(problem, _, _)| {
                        describe(problem, reference, &resolver, &page_url)
                    })
                    .clone();
                let diagnostic = attribution.attribute(file, &reference.value, diagnostic);
                let key = format!("{diagnostic}\u{0}{}", reference.value);
                let pages = &mut found
                    .entry(key)
                    .or_insert_with(|| (diagnostic, Vec::new()))
                    .1;
                let page = format!("/{}", page_path(file));
                if pages.last() != Some(&page) {
                    pages.push(page);
                }
            }
        }
    }
    let diagnostics = found
        .into_iter()
        .map(|(_, (diagnostic, pages))| with_pages(diagnostic, &pages))
        .collect();
    (diagnostics, external)
}

/// `fr/projets/index.html` → `fr/projets/`.
fn page_path(file: &str) -> String {
    file.strip_suffix("index.html").unwrap_or(file).to_string()
}

fn with_pages(diagnostic: Diagnostic, pages: &[String]) -> Diagnostic {
    match pages {
        [one] => diagnostic.with_note(format!("on the page {one}")),
        [first, ..] => diagnostic.with_note(format!("on {} pages, the first {first}", pages.len())),
        [] => diagnostic,
    }
}

struct Resolver<'a> {
    base: &'a Url,
    collected: &'a Collected,
}

impl Resolver<'_> {
    fn problems(
        &self,
        page_url: &Url,
        reference: &Reference,
        external: &mut External,
        file: &str,
    ) -> Vec<Problem> {
        let mut problems = Vec::new();
        if reference.kind == Kind::Image {
            match reference.alt.as_deref() {
                None => problems.push(Problem::NoAlt),
                Some(alt) if alt.trim().is_empty() => problems.push(Problem::EmptyAlt),
                Some(_) => {}
            }
        }
        let Ok(url) = page_url.join(&reference.value) else {
            problems.push(Problem::Unparsable);
            return problems;
        };
        if !matches!(url.scheme(), "http" | "https") {
            return problems; // mailto:, tel: — nothing to fetch
        }
        if url.origin() != self.base.origin() {
            external
                .entry(url.to_string())
                .or_insert_with(|| format!("/{}", page_path(file)));
            return problems;
        }
        problems.extend(self.inside(&url));
        problems
    }

    /// A URL on the site's own host.
    fn inside(&self, url: &Url) -> Option<Problem> {
        let Some(relative) = url.path().strip_prefix(self.base.path()) else {
            return Some(Problem::OutsideBase);
        };
        let Some(target) = self.target(relative) else {
            return Some(Problem::MissingFile);
        };
        let fragment = url.fragment().filter(|f| !f.is_empty())?;
        let id = percent_decode_str(fragment).decode_utf8_lossy();
        let page = self.collected.pages.get(&target)?;
        (!page.ids.contains(id.as_ref())).then(|| Problem::MissingAnchor(id.into_owned()))
    }

    /// The output file a path under the base path is served from.
    fn target(&self, relative: &str) -> Option<String> {
        let decoded = percent_decode_str(relative).decode_utf8_lossy();
        let files = &self.collected.files;
        let file = if decoded.is_empty() || decoded.ends_with('/') {
            format!("{decoded}index.html")
        } else if files.contains(decoded.as_ref()) {
            decoded.into_owned()
        } else {
            // A folder without its final slash: servers redirect to it.
            format!("{decoded}/index.html")
        };
        files.contains(&file).then_some(file)
    }

    fn page_paths(&self) -> impl Iterator<Item = String> + '_ {
        let base = self.base.path();
        self.collected
            .pages
            .keys()
            .map(move |file| format!("{base}{}", page_path(file)))
    }

    fn ids_of(&self, url: &Url) -> Option<&BTreeSet<String>> {
        let relative = url.path().strip_prefix(self.base.path())?;
        let target = self.target(relative)?;
        self.collected
            .pages
            .get(&target)
            .map(|p: &PageFacts| &p.ids)
    }
}

fn describe(
    problem: &Problem,
    reference: &Reference,
    resolver: &Resolver<'_>,
    page: &Url,
) -> Diagnostic {
    let value = &reference.value;
    let base_path = resolver.base.path();
    let link = || vec![("link", value.clone())];
    match problem {
        Problem::Unparsable => Diagnostic::coded(Severity::Error, "link-invalid", link()),
        Problem::OutsideBase => Diagnostic::error(format!(
            "`{value}` leads outside the site's folder `{base_path}`"
        ))
        .with_code("link-outside-base")
        .with_hint(format!(
            "the site is published under {base_path}: in Markdown write the link relative \
             to the page (../projets/) or starting with {base_path}; in a template use \
             site.links or asset(path=…)"
        )),
        Problem::MissingFile => missing(reference, resolver, page),
        Problem::MissingAnchor(id) => {
            let ids = page
                .join(value)
                .ok()
                .and_then(|url| resolver.ids_of(&url).cloned());
            let known = ids.unwrap_or_default();
            let mut args = link();
            args.push(("id", id.clone()));
            args.extend(suggest(id, known.iter().map(String::as_str)).map(suggestion));
            Diagnostic::coded(Severity::Error, "anchor-missing", args)
        }
        Problem::NoAlt => Diagnostic::coded(Severity::Error, "image-alt-missing", link()),
        Problem::EmptyAlt => Diagnostic::coded(Severity::Warning, "image-alt-empty", link()),
    }
}

fn suggestion(close: &str) -> (&'static str, String) {
    ("suggestion", close.to_string())
}

fn missing(reference: &Reference, resolver: &Resolver<'_>, page: &Url) -> Diagnostic {
    let value = &reference.value;
    let mut args = vec![("link", value.clone())];
    match reference.kind {
        Kind::Image => Diagnostic::coded(Severity::Error, "image-missing", args),
        Kind::Resource => Diagnostic::error(format!(
            "the page loads `{value}`, which the build did not write"
        ))
        .with_code("resource-missing")
        .with_hint("name a static file with asset(path=…) and an index with site.links"),
        Kind::Link => {
            let resolved = page
                .join(value)
                .map(|u| u.path().to_string())
                .unwrap_or_default();
            let paths: Vec<String> = resolver.page_paths().collect();
            args.extend(suggest(&resolved, paths.iter().map(String::as_str)).map(suggestion));
            Diagnostic::coded(Severity::Error, "link-broken", args)
        }
    }
}

/// The references a Markdown document's own HTML holds, to tell them from
/// the template's.
pub fn references_of(html: &str) -> BTreeSet<String> {
    page_facts(html)
        .references
        .into_iter()
        .map(|r| r.value)
        .collect()
}
