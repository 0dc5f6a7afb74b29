//! Incremental builds: what a build keeps for the next one, and which of
//! its outputs an edit leaves as they were.
//!
//! 1. A build that succeeded leaves a [`Memo`]: its documents, its tables,
//!    its asset names, the shared view of each language, the files of its
//!    pages and the files written beside them (feeds, indexes, sitemap,
//!    photos).
//! 2. The next build compares. When the tables, the asset names and every
//!    shared view are the same, only documents changed: the pages that show
//!    a changed document are rendered (that document in every language,
//!    the home and news lists when an article changed, any new page), the
//!    files beside pages are written again, and everything else (record
//!    and facet pages, downloads, static files) is kept from the last
//!    build. Anything else changed means a whole build.
//! 3. The outcome says which files of the last build are gone
//!    ([`Delta::Partial`]); the caller merges and swaps in the whole.
//!
//! What the comparison cannot see (site.toml, templates, static files, UI
//! strings) the caller reports by calling [`Memo::forget`], as it does for
//! the tables ([`super::DataCache::forget`]).

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, MutexGuard};

use crate::content::{Content, Document};
use crate::data::Data;
use crate::fsio::FsResult;
use crate::model::{Assets, Page, PageKey, Site, urls};
use crate::render::SharedValues;
use crate::sink::{Sink, Writer};

/// What the last good build left for the next one; shared by `serve`
/// between rebuilds.
#[derive(Debug, Default)]
pub struct Memo {
    slot: Mutex<Option<Kept>>,
}

#[derive(Debug)]
struct Kept {
    content: Content,
    data: Arc<Data>,
    assets: Assets,
    shared: BTreeMap<String, tera::Value>,
    /// Every page's file, the landing and 404 included.
    page_files: HashSet<String>,
    /// What [`crate::publish::publish_beside_pages`] wrote, with a hash of
    /// each file's bytes.
    beside_files: Beside,
}

/// Files written beside pages, by path, with a hash of their bytes.
pub type Beside = HashMap<String, u64>;

/// How a build's files relate to the last build's.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub enum Delta {
    /// The build wrote every file of the site.
    #[default]
    Whole,
    /// The build wrote only what changed: the last build's files stay,
    /// except these, which the site no longer has.
    Partial { removed: Vec<String> },
}

/// What an incremental build renders and writes.
pub struct Plan {
    /// The documents (by kind and name) whose pages change.
    documents: BTreeSet<(crate::content::DocumentKind, String)>,
    /// Whether any article changed: the home and news lists show them.
    lists: bool,
    /// The last build's page files: a page not among them is new.
    known: HashSet<String>,
    old_beside: Beside,
}

/// What a build tells the memo, once it succeeded.
pub struct Made<'a> {
    pub content: &'a Content,
    pub data: &'a Arc<Data>,
    pub assets: &'a Assets,
    pub shared: &'a SharedValues<'a>,
    pub site: &'a Site<'a>,
    pub beside_files: Beside,
}

impl Memo {
    /// Forgets the last build: the next one is whole. For changes the memo
    /// cannot compare (configuration, templates, static files, strings).
    pub fn forget(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> MutexGuard<'_, Option<Kept>> {
        self.slot.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The plan for a build of these inputs, `None` when it must be whole.
    pub fn plan(
        &self,
        content: &Content,
        data: &Arc<Data>,
        assets: &Assets,
        shared: &SharedValues<'_>,
    ) -> Option<Plan> {
        let slot = self.lock();
        let kept = slot.as_ref()?;
        let same = Arc::ptr_eq(&kept.data, data)
            && kept.assets == *assets
            && kept.shared.len() == shared.len()
            && shared.iter().all(|(l, v)| kept.shared.get(*l) == Some(v));
        if !same {
            return None;
        }
        let documents = changed_documents(&kept.content, content);
        let lists = documents
            .iter()
            .any(|(kind, _)| *kind == crate::content::DocumentKind::Article);
        Some(Plan {
            documents,
            lists,
            known: kept.page_files.clone(),
            old_beside: kept.beside_files.clone(),
        })
    }

    /// Keeps what a successful build made, for the next one.
    pub fn keep(&self, made: Made<'_>) {
        let shared = made
            .shared
            .iter()
            .map(|(l, v)| (l.to_string(), v.clone()))
            .collect();
        *self.lock() = Some(Kept {
            content: made.content.clone(),
            data: Arc::clone(made.data),
            assets: made.assets.clone(),
            shared,
            page_files: page_files(made.site),
            beside_files: made.beside_files,
        });
    }
}

impl Plan {
    /// Whether `page` must be rendered again.
    pub fn renders(&self, page: &Page) -> bool {
        use crate::content::DocumentKind::{Article, Page as Static};
        let touched = match &page.key {
            PageKey::Article(name) => self.documents.contains(&(Article, name.clone())),
            PageKey::Page(name) => self.documents.contains(&(Static, name.clone())),
            PageKey::Home | PageKey::News { .. } => self.lists,
            _ => false,
        };
        touched || !self.known.contains(&urls::file_of(&page.path))
    }

    /// The last build's files that this one does not have: pages gone, and
    /// files beside pages that were not written again.
    pub fn removed(&self, site: &Site<'_>, beside: &Beside) -> Vec<String> {
        let pages = page_files(site);
        let mut removed: Vec<String> = self
            .known
            .iter()
            .chain(self.old_beside.keys())
            .filter(|path| !beside.contains_key(*path) && !pages.contains(*path))
            .cloned()
            .collect();
        removed.sort();
        removed.dedup();
        removed
    }
}

/// The documents, by kind and name, that differ between two loads in any
/// language (added, removed or edited).
fn changed_documents(
    old: &Content,
    new: &Content,
) -> BTreeSet<(crate::content::DocumentKind, String)> {
    let by_name = |content: &Content| {
        let mut map: BTreeMap<(crate::content::DocumentKind, String), Vec<Document>> =
            BTreeMap::new();
        for doc in content.articles.iter().chain(&content.pages) {
            map.entry((doc.kind, doc.key.clone()))
                .or_default()
                .push(doc.clone());
        }
        map
    };
    let (old, new) = (by_name(old), by_name(new));
    old.keys()
        .chain(new.keys())
        .filter(|name| old.get(*name) != new.get(*name))
        .cloned()
        .collect()
}

/// The files of every page of `site`, with the landing and the 404 page.
fn page_files(site: &Site<'_>) -> HashSet<String> {
    site.pages
        .iter()
        .map(|p| urls::file_of(&p.path))
        .chain([urls::file_of("/"), urls::file_of("/404.html")])
        .collect()
}

/// A sink in front of another that notes the path and a hash of every file
/// it is handed, so the next build knows what this step wrote; in an
/// incremental build, a file with the same bytes as last time is not
/// handed on (the last build's copy stays).
pub struct Recorded<'a> {
    inner: &'a dyn Sink,
    last: Option<&'a Beside>,
    paths: Mutex<Beside>,
}

impl<'a> Recorded<'a> {
    pub fn new(inner: &'a dyn Sink, plan: Option<&'a Plan>) -> Self {
        Self {
            inner,
            last: plan.map(|p| &p.old_beside),
            paths: Mutex::default(),
        }
    }

    pub fn into_paths(self) -> Beside {
        self.paths.into_inner().unwrap_or_else(|e| e.into_inner())
    }

    /// Notes the file; whether it must be handed on.
    fn note(&self, path: &str, bytes: &[u8]) -> bool {
        let key = path.trim_start_matches('/').to_string();
        let mut hasher = DefaultHasher::new();
        bytes.hash(&mut hasher);
        let hash = hasher.finish();
        let same = self.last.and_then(|l| l.get(&key)) == Some(&hash);
        let mut paths = self.paths.lock().unwrap_or_else(|e| e.into_inner());
        paths.insert(key, hash);
        !same
    }
}

impl Sink for Recorded<'_> {
    fn put(&self, path: &str, bytes: &[u8]) -> FsResult<()> {
        if self.note(path, bytes) {
            self.inner.put(path, bytes)?;
        }
        Ok(())
    }

    /// Files beside pages are small (indexes by pages, feeds, sitemaps by
    /// 50,000 addresses): held whole to be compared.
    fn stream(&self, path: &str, write: Writer<'_>) -> FsResult<()> {
        let mut bytes = Vec::new();
        write(&mut bytes).map_err(|source| crate::fsio::FsError {
            action: "write",
            path: path.into(),
            source,
        })?;
        self.put(path, &bytes)
    }

    fn keeps_bytes(&self) -> bool {
        self.inner.keeps_bytes()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::build::{Options, build_into};
    use crate::sink::Memory;
    use crate::testing::default_site_copy;

    type Files = BTreeMap<String, Vec<u8>>;

    fn build(options: &Options) -> (Files, Delta) {
        let memory = Memory::new();
        let outcome = build_into(options, &memory);
        assert!(outcome.facts.is_some(), "{:?}", outcome.diagnostics);
        (memory.into_files(), outcome.delta)
    }

    /// The last build's files with an incremental build's merged in.
    fn merged(mut old: Files, fresh: Files, delta: &Delta) -> Files {
        let Delta::Partial { removed } = delta else {
            panic!("expected an incremental build, got {delta:?}");
        };
        for path in removed {
            old.remove(path);
        }
        old.extend(fresh);
        old
    }

    fn edit(root: &std::path::Path, file: &str, from: &str, to: &str) {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).expect("read");
        assert!(text.contains(from), "{file} lacks {from}");
        std::fs::write(&path, text.replacen(from, to, 1)).expect("write");
    }

    const ARTICLE: &str = "content/news/2023-08-08-convention-ess.fr.md";

    #[test]
    fn an_article_edit_renders_its_pages_and_lists_and_the_merge_equals_a_whole_build() {
        let dir = default_site_copy();
        let memo = Arc::new(Memo::default());
        let options = Options {
            root: dir.path().to_path_buf(),
            memo: Some(Arc::clone(&memo)),
            data_cache: Some(Arc::default()),
            ..Options::default()
        };
        let (first, delta) = build(&options);
        assert_eq!(delta, Delta::Whole);
        edit(dir.path(), ARTICLE, "title = \"", "title = \"Édité ");
        let (fresh, delta) = build(&options);
        let page = "fr/actualites/2023-08-08-convention-ess/index.html";
        for written in [
            page,
            "ar/index.html",
            "fr/index.html",
            "fr/actualites/index.html",
        ] {
            assert!(fresh.contains_key(written), "{written} not rendered again");
        }
        assert!(String::from_utf8_lossy(&fresh[page]).contains("Édité "));
        let pages = fresh.keys().filter(|p| p.ends_with(".html")).count();
        assert!(pages < 20, "{pages} pages rendered for one article");
        assert!(
            !fresh.keys().any(|p| p.contains("/projets/tta-")),
            "a project page was rendered"
        );
        let whole = build(&Options {
            memo: None,
            ..options.clone()
        })
        .0;
        assert_eq!(merged(first, fresh, &delta), whole);
    }

    #[test]
    fn a_removed_article_takes_its_pages_away_and_a_forgotten_memo_builds_whole() {
        let dir = default_site_copy();
        let memo = Arc::new(Memo::default());
        let options = Options {
            root: dir.path().to_path_buf(),
            memo: Some(Arc::clone(&memo)),
            data_cache: Some(Arc::default()),
            ..Options::default()
        };
        let (first, _) = build(&options);
        std::fs::remove_file(dir.path().join(ARTICLE)).expect("remove");
        let (fresh, delta) = build(&options);
        let gone = "fr/actualites/2023-08-08-convention-ess/index.html";
        // One article fewer changes the search index's name (a hash of its
        // content), which every page links to: then the build is whole.
        let served = match &delta {
            Delta::Whole => fresh,
            Delta::Partial { .. } => merged(first, fresh, &delta),
        };
        let whole = build(&Options {
            memo: None,
            ..options.clone()
        })
        .0;
        assert!(!whole.contains_key(gone));
        assert_eq!(served, whole);
        memo.forget();
        assert_eq!(build(&options).1, Delta::Whole);
    }
}
