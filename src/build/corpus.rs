//! What bench/pagefind needs to index a site with Pagefind as Bayan does:
//! the search documents in plain text, and what Bayan's own search index
//! costs to build from the same model.

use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostics;
use crate::model;
use crate::publish::indexes::{Searchable, search_index, searchables};

use super::{Options, load};

/// The search documents of a site and Bayan's search index of them.
pub struct Corpus {
    pub documents: Vec<Searchable>,
    /// The time Bayan's search index takes to build (every language).
    pub index_time: Duration,
    /// The files of that index and their total size.
    pub index_files: usize,
    pub index_bytes: usize,
}

/// Loads the site of `options` and reads its search documents; the site's
/// errors if it does not load.
pub fn search_corpus(options: &Options) -> Result<Corpus, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    let Some(inputs) = load(options, &mut diagnostics) else {
        return Err(diagnostics.sorted());
    };
    let site = model::build(
        &inputs.config,
        &inputs.data,
        &inputs.boundaries,
        &inputs.content,
        None,
        &mut diagnostics,
    );
    let Some(site) = site.filter(|_| !diagnostics.has_errors()) else {
        return Err(diagnostics.sorted());
    };
    let start = Instant::now();
    let files: Vec<_> = (inputs.config.languages.iter())
        .flat_map(|l| search_index(&site, &inputs.locales, &l.code))
        .collect();
    let index_time = start.elapsed();
    let index_bytes = (files.iter())
        .map(|(_, bytes)| bytes.as_ref().map_or(0, Vec::len))
        .sum();
    Ok(Corpus {
        documents: searchables(&site),
        index_time,
        index_files: files.len(),
        index_bytes,
    })
}
