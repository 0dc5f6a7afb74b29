//! The address list: every page of a build under an identity that outlives
//! its address (a record's id, an article's name, a facet value's key), so
//! that the next build, given this list (`--previous`), finds the pages
//! that moved.
//!
//! 1. [`list`] names every page of this build, and every address carried
//!    over from earlier builds, by identity and language; `publish` writes
//!    it as [`FILE`].
//! 2. [`Previous::parse`] reads the list of an earlier build.
//! 3. [`carry`] compares it with this build: an address whose page now
//!    has another address gets a redirect (added to `Site::redirects`); a
//!    paginated list's vanished page leads to its first page; an address
//!    that leads nowhere, with no declared redirect, is a warning naming it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::diagnostics::{Diagnostic, Diagnostics, Location};

use super::pages::{Page, Parts};
use super::redirects::Redirect;
use super::{PageKey, Site};

/// The list's name in the output, at the site's root.
pub const FILE: &str = "addresses.json";
const FORMAT: &str = "bayan-addresses/1";

/// The identity of a page: what it shows, in which language, and which
/// page of a paginated list.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Identity {
    /// `record/AEP-2022-01`, `facet/commune/tighza`, `article/NAME`, `records`…
    pub key: String,
    pub lang: String,
    /// The page of a paginated list; 1 for every other page.
    pub page: usize,
}

fn first() -> usize {
    1
}

fn is_first(page: &usize) -> bool {
    *page == 1
}

/// One address of a build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// `record/AEP-2022-01`, `facet/commune/tighza`, `article/NAME`, `records`…
    pub key: String,
    pub lang: String,
    /// The page of a paginated list; 1 for every other page.
    #[serde(default = "first", skip_serializing_if = "is_first")]
    pub page: usize,
    /// The site path (`/fr/chantiers/aep-2022-01/`), without the base URL's.
    pub path: String,
    /// An old address that this build redirects to the page.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub redirect: bool,
}

impl Address {
    fn new(identity: Identity, path: String, redirect: bool) -> Address {
        Address {
            key: identity.key,
            lang: identity.lang,
            page: identity.page,
            path,
            redirect,
        }
    }

    pub fn identity(&self) -> Identity {
        Identity {
            key: self.key.clone(),
            lang: self.lang.clone(),
            page: self.page,
        }
    }
}

/// The list a build writes and the next one reads.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct List {
    pub format: String,
    pub addresses: Vec<Address>,
}

/// An earlier build's list, and the file it was read from.
#[derive(Debug, Clone)]
pub struct Previous {
    pub file: std::path::PathBuf,
    pub addresses: Vec<Address>,
}

impl Previous {
    /// Reads `text`, the list at `file`; a list that is not one is an
    /// error at its line and column.
    pub fn parse(file: &Path, text: &str) -> Result<Previous, Box<Diagnostic>> {
        let error = |message: String, line: usize, column: usize| {
            let location = Location::at(text, offset(text, line, column));
            Box::new(
                Diagnostic::error(message)
                    .at(file, location)
                    .with_hint(format!(
                        "give --previous the {FILE} of the site as published (bayan writes it at the site's root)"
                    )),
            )
        };
        let list: List = serde_json::from_str(text).map_err(|e| {
            error(
                format!("this is not a list of addresses: {e}"),
                e.line(),
                e.column(),
            )
        })?;
        if list.format != FORMAT {
            return Err(error(
                format!(
                    "the list is in the format `{}`, not `{FORMAT}`",
                    list.format
                ),
                1,
                1,
            ));
        }
        Ok(Previous {
            file: file.to_path_buf(),
            addresses: list.addresses,
        })
    }
}

/// The byte span of a 1-based line and column in `text`.
fn offset(text: &str, line: usize, column: usize) -> std::ops::Range<usize> {
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let at = (start + column.saturating_sub(1)).min(text.len());
    let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
    at..end
}

/// What a page shows, as a stable key, and its page number.
pub fn identity(site: &Parts<'_, '_>, key: &PageKey) -> (String, usize) {
    let facet = |f: usize| site.facets.get(f).map_or("", |x| x.field.as_str());
    match key {
        PageKey::Home => ("home".into(), 1),
        PageKey::Projects { page } => ("records".into(), *page),
        PageKey::Project(i) => (record(site.records.get(*i).map(|r| r.id.as_str())), 1),
        PageKey::Withdrawn(i) => (record(site.withdrawn.get(*i).map(|r| r.id.as_str())), 1),
        PageKey::FacetIndex(f) => (format!("facet/{}", facet(*f)), 1),
        PageKey::FacetValue {
            facet: f,
            value,
            page,
        } => {
            let value = site.facets.get(*f).and_then(|x| x.values.get(*value));
            let value = value.map_or("", |v| v.key.as_str());
            (format!("facet/{}/{value}", facet(*f)), *page)
        }
        PageKey::Results => ("results".into(), 1),
        PageKey::News { page } => ("news".into(), *page),
        PageKey::Article(name) => (format!("article/{name}"), 1),
        PageKey::Page(name) => (format!("page/{name}"), 1),
        PageKey::OpenData => ("open-data".into(), 1),
        PageKey::Search => ("search".into(), 1),
        PageKey::Contact => ("contact".into(), 1),
        PageKey::Legal => ("legal".into(), 1),
        PageKey::Accessibility => ("accessibility".into(), 1),
        PageKey::Corrections => ("corrections".into(), 1),
        PageKey::Glossary => ("glossary".into(), 1),
    }
}

fn record(id: Option<&str>) -> String {
    format!("record/{}", id.unwrap_or(""))
}

impl List {
    /// The list as JSON, one address a line, so that two builds' lists
    /// compare line by line.
    pub fn to_json(&self) -> serde_json::Result<Vec<u8>> {
        let mut out = format!(
            "{{\"format\":{},\"addresses\":[",
            serde_json::to_string(&self.format)?
        );
        for (i, address) in self.addresses.iter().enumerate() {
            out.push_str(if i == 0 { "\n" } else { ",\n" });
            out.push_str(&serde_json::to_string(address)?);
        }
        out.push_str("\n]}\n");
        Ok(out.into_bytes())
    }
}

/// This build's list: its pages and the old addresses it redirects.
pub fn list(site: &Site<'_>) -> List {
    let parts = Parts {
        config: site.config,
        content: site.content,
        table: site.table,
        records: &site.records,
        withdrawn: &site.withdrawn,
        facets: &site.facets,
        has_indicators: site.indicators.is_some(),
    };
    let mut addresses: Vec<Address> = site
        .pages
        .iter()
        .map(|page| {
            let (key, number) = identity(&parts, &page.key);
            let identity = Identity {
                key,
                lang: page.lang.clone(),
                page: number,
            };
            Address::new(identity, page.path.clone(), false)
        })
        .collect();
    addresses.extend(site.moved.iter().cloned());
    addresses.sort_by(|a, b| {
        (&a.key, &a.lang, a.page, &a.path).cmp(&(&b.key, &b.lang, b.page, &b.path))
    });
    List {
        format: FORMAT.into(),
        addresses,
    }
}

/// Compares `previous` with this build's `pages`: each of its addresses
/// that is no page now and no declared redirect leads to the page with
/// its identity (or, for a list's vanished page, to the list's first page;
/// or, for a record renamed by a declared redirect in one language, to the
/// new record in every language). Returns those redirects and the
/// addresses for the next list; any other address is a warning naming it.
pub fn carry(
    parts: &Parts<'_, '_>,
    pages: &[Page],
    previous: &Previous,
    diagnostics: &mut Diagnostics,
) -> (Vec<Redirect>, Vec<Address>) {
    let mut now: BTreeMap<Identity, String> = BTreeMap::new();
    for page in pages {
        let (key, number) = identity(parts, &page.key);
        let identity = Identity {
            key,
            lang: page.lang.clone(),
            page: number,
        };
        now.insert(identity, page.path.clone());
    }
    let paths: BTreeMap<&str, &Identity> = now.iter().map(|(i, p)| (p.as_str(), i)).collect();
    let declared: BTreeMap<&str, &str> = parts
        .config
        .redirects
        .iter()
        .map(|r| (r.from.name.as_str(), r.to.name.as_str()))
        .collect();
    let renamed: BTreeMap<&str, &str> = previous
        .addresses
        .iter()
        .filter_map(|a| {
            let to = paths.get(declared.get(a.path.as_str())?)?;
            Some((a.key.as_str(), to.key.as_str()))
        })
        .collect();
    let mut seen = BTreeSet::new();
    let (mut redirects, mut moved) = (Vec::new(), Vec::new());
    for old in &previous.addresses {
        let path = old.path.as_str();
        if paths.contains_key(path) || declared.contains_key(path) || !seen.insert(path) {
            continue;
        }
        match successor(&now, &renamed, &old.identity()) {
            Some((identity, to)) => {
                redirects.push(Redirect {
                    from: old.path.clone(),
                    to: to.clone(),
                    lang: identity.lang.clone(),
                });
                moved.push(Address::new(identity, old.path.clone(), true));
            }
            None => diagnostics.push(vanished(previous, old)),
        }
    }
    (redirects, moved)
}

/// The page that now has `old`'s identity, or its list's first page, or
/// the page of the identity a declared redirect renamed it to.
fn successor<'n>(
    now: &'n BTreeMap<Identity, String>,
    renamed: &BTreeMap<&str, &str>,
    old: &Identity,
) -> Option<(Identity, &'n String)> {
    let keys = std::iter::once(old.key.as_str()).chain(renamed.get(old.key.as_str()).copied());
    for key in keys {
        for page in [old.page, 1] {
            let identity = Identity {
                key: key.to_string(),
                lang: old.lang.clone(),
                page,
            };
            if let Some(path) = now.get(&identity) {
                return Some((identity, path));
            }
        }
    }
    None
}

fn vanished(previous: &Previous, old: &Address) -> Diagnostic {
    Diagnostic::warning(format!(
        "the address `{}` ({}, {}) of the previous build leads nowhere now: no page has it and no redirect leads from it",
        old.path, old.key, old.lang
    ))
    .in_file(&previous.file)
    .with_hint(
        "links people shared to it will break: if its page moved, add a [[redirects]] entry from it in site.toml; a record taken back can be declared withdrawn ([records] withdrawn) and keep its page",
    )
}
