//! The tables kept between `serve` rebuilds: an article edit rebuilds the
//! site without reading `data/` again.

use std::sync::Arc;

use super::Options;
use crate::config::SiteConfig;
use crate::data::{self, Data};
use crate::diagnostics::Diagnostics;

/// The tables loaded by one build, reused by the next while no file of
/// `data/` (nor `site.toml`) changed: `serve` calls [`DataCache::forget`]
/// when one does.
#[derive(Debug, Default)]
pub struct DataCache {
    slot: std::sync::Mutex<Option<CachedData>>,
}

#[derive(Debug)]
struct CachedData {
    data: Arc<Data>,
    /// What loading them said (warnings), said again on reuse.
    diagnostics: Diagnostics,
    /// What they were loaded with: other values mean loading again.
    languages: Vec<String>,
    max_bytes: u64,
}

impl DataCache {
    /// Drops the tables kept: the next build reads `data/` again.
    pub fn forget(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<CachedData>> {
        self.slot.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn get(&self, languages: &[String], max_bytes: u64) -> Option<(Arc<Data>, Diagnostics)> {
        let slot = self.lock();
        let cached = slot
            .as_ref()
            .filter(|c| c.languages == languages && c.max_bytes == max_bytes)?;
        Some((Arc::clone(&cached.data), cached.diagnostics.clone()))
    }

    fn keep(&self, cached: CachedData) {
        *self.lock() = Some(cached);
    }
}

/// The tables: the cached ones when `serve` kept them and nothing they
/// depend on changed, else read from `data/` (and kept for next time).
pub(super) fn load_data(
    options: &Options,
    config: &SiteConfig,
    languages: &[String],
    diagnostics: &mut Diagnostics,
) -> Arc<Data> {
    let limit = config.max_file_bytes;
    let cache = options.data_cache.as_deref();
    if let Some((data, said)) = cache.and_then(|c| c.get(languages, limit)) {
        diagnostics.extend(said);
        return data;
    }
    let mut said = Diagnostics::new();
    let data = Arc::new(data::load_limited(
        &options.root,
        languages,
        limit,
        &mut said,
    ));
    if let Some(cache) = cache {
        cache.keep(CachedData {
            data: Arc::clone(&data),
            diagnostics: said.clone(),
            languages: languages.to_vec(),
            max_bytes: limit,
        });
    }
    diagnostics.extend(said);
    data
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::build_into;
    use crate::sink;
    use crate::testing::default_site_copy as site_copy;

    fn project_page(options: &Options) -> String {
        let memory = sink::Memory::new();
        let outcome = build_into(options, &memory);
        assert!(outcome.facts.is_some(), "{:?}", outcome.diagnostics);
        let files = memory.into_files();
        String::from_utf8(files["fr/projets/tta-2023-001/index.html"].clone()).expect("utf-8")
    }

    #[test]
    fn kept_tables_are_reused_until_forgotten() {
        let dir = site_copy();
        let cache = Arc::new(DataCache::default());
        let options = Options {
            root: dir.path().to_path_buf(),
            data_cache: Some(Arc::clone(&cache)),
            ..Options::default()
        };
        let old_name = "Cuisine solidaire pour la restauration collective";
        assert!(project_page(&options).contains(old_name));
        let csv = dir.path().join("data/projects.csv");
        let text = std::fs::read_to_string(&csv).expect("read the table");
        std::fs::write(&csv, text.replacen(old_name, "Cuisine renommée", 1)).expect("write");
        // Nobody said the table changed: the kept one is used.
        assert!(project_page(&options).contains(old_name));
        cache.forget();
        let page = project_page(&options);
        assert!(page.contains("Cuisine renommée") && !page.contains(old_name));
    }
}
