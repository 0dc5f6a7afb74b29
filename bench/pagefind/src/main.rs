//! `bayan-bench-pagefind SITE OUT`:
//! 1. builds the Bayan site SITE into OUT (a new folder), timed;
//! 2. reads its search documents (what Bayan's search index holds: facet
//!    values, articles, pages and records, in plain text) and times Bayan's
//!    own search index of them;
//! 3. indexes the same documents with Pagefind's library
//!    (`add_custom_record`: the same text, the record's facet values as
//!    filters, each document in its own language), timed, and writes the
//!    bundle to OUT/pagefind with a tiny test page per language,
//!    OUT/pagefind-bench/LANG.html, that bench/pagefind/compare.mjs drives.
//!
//! Prints one line per step, tab separated: what, documents, seconds,
//! files, bytes on disk.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use bayan::build::{Options, search_corpus};
use bayan::publish::indexes::Searchable;
use pagefind::api::PagefindIndex;

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, site, out] = args.as_slice() else {
        eprintln!("usage: bayan-bench-pagefind SITE OUT");
        std::process::exit(2);
    };
    let options = Options {
        root: PathBuf::from(site),
        output: Some(PathBuf::from(out)),
        ..Options::default()
    };
    let start = Instant::now();
    let outcome = bayan::build::build(&options);
    for diagnostic in outcome.diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!("{diagnostic}");
    }
    let Some(facts) = outcome.facts else {
        std::process::exit(1);
    };
    let seconds = start.elapsed().as_secs_f64();
    let (files, bytes) = size(Path::new(out));
    println!(
        "bayan build\t{}\t{seconds:.3}\t{files}\t{bytes}",
        facts.records
    );
    let corpus = match search_corpus(&options) {
        Ok(corpus) => corpus,
        Err(diagnostics) => {
            diagnostics.iter().for_each(|d| eprintln!("{d}"));
            std::process::exit(1);
        }
    };
    let n = corpus.documents.len();
    let seconds = corpus.index_time.as_secs_f64();
    let (files, bytes) = (corpus.index_files, corpus.index_bytes);
    println!("bayan search index\t{n}\t{seconds:.3}\t{files}\t{bytes}");

    let bundle = Path::new(out).join("pagefind");
    let start = Instant::now();
    pagefind_index(&corpus.documents, &bundle).await;
    let seconds = start.elapsed().as_secs_f64();
    let (files, bytes) = size(&bundle);
    println!("pagefind search index\t{n}\t{seconds:.3}\t{files}\t{bytes}");
    test_pages(Path::new(out), &corpus.documents);
}

/// Indexes `documents` with Pagefind and writes the bundle to `bundle`.
async fn pagefind_index(documents: &[Searchable], bundle: &Path) {
    let mut index = PagefindIndex::new(None).expect("Pagefind's default options");
    for d in documents {
        let meta = BTreeMap::from([("title".to_string(), d.title.clone())]);
        // The title leads the text, as the heading leads a page Pagefind
        // reads from HTML.
        let content = format!("{}\n{}", d.title, d.text);
        let (url, lang) = (d.href.clone(), d.lang.clone());
        let filters = Some(d.filters.clone()).filter(|f| !f.is_empty());
        index
            .add_custom_record(url, content, lang, Some(meta), filters, None)
            .await
            .unwrap_or_else(|e| panic!("{}: {e}", d.href));
    }
    index
        .build_indexes()
        .await
        .expect("Pagefind builds its index");
    let path = bundle.to_string_lossy().into_owned();
    index
        .write_files(Some(path))
        .await
        .expect("Pagefind writes its bundle");
}

/// A page per language whose `<html lang>` selects Pagefind's index of that
/// language, and which loads nothing until the comparison calls `run`.
fn test_pages(out: &Path, documents: &[Searchable]) {
    let folder = out.join("pagefind-bench");
    fs::create_dir_all(&folder).expect("create pagefind-bench/");
    let mut langs: Vec<&str> = documents.iter().map(|d| d.lang.as_str()).collect();
    langs.dedup();
    for lang in langs {
        let page = format!(
            "<!doctype html><html lang=\"{lang}\"><meta charset=\"utf-8\"><title>Pagefind {lang}</title>\n\
             <script type=\"module\">\n\
             window.run = async (query, shown) => {{\n\
             \x20 const pagefind = await import('/pagefind/pagefind.js');\n\
             \x20 const found = await pagefind.search(query);\n\
             \x20 const data = await Promise.all(found.results.slice(0, shown).map((r) => r.data()));\n\
             \x20 return {{ total: found.results.length, hrefs: data.map((d) => d.url) }};\n\
             }};\n\
             </script>\n"
        );
        let path = folder.join(format!("{lang}.html"));
        fs::write(&path, page).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// The files under `folder` and their total size.
fn size(folder: &Path) -> (usize, u64) {
    let mut total = (0, 0);
    for entry in fs::read_dir(folder).expect("read the bundle") {
        let entry = entry.expect("read the bundle");
        let meta = entry.metadata().expect("read the bundle");
        if meta.is_dir() {
            let (files, bytes) = size(&entry.path());
            total = (total.0 + files, total.1 + bytes);
        } else {
            total = (total.0 + 1, total.1 + meta.len());
        }
    }
    total
}
