//! `sitemap.xml`: every page with its translations as hreflang alternates and
//! `x-default`. Past 50,000 addresses (the sitemaps.org limit per file) the
//! pages go into `sitemap-N.xml` files listed by a `sitemap.xml` index.
//! Files are streamed: a national site's sitemap is tens of megabytes.

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::fsio::FsError;
use crate::html;
use crate::model::{PageKey, Site};
use crate::sink::Sink;

/// Addresses per sitemap file, the protocol's limit.
pub const LIMIT: usize = 50_000;

/// The versions of one page: (language, path), default language first.
type Versions<'a> = Vec<(&'a str, &'a str)>;

pub fn write(site: &Site<'_>, sink: &dyn Sink) -> Vec<FsError> {
    write_split(site, sink, LIMIT)
}

fn write_split(site: &Site<'_>, sink: &dyn Sink, limit: usize) -> Vec<FsError> {
    let groups = translation_groups(site);
    let entries: Vec<(&Versions<'_>, &str)> = groups
        .iter()
        .flat_map(|versions| versions.iter().map(move |(_, path)| (versions, *path)))
        .collect();
    let chunks: Vec<_> = entries.chunks(limit).collect();
    let mut errors = Vec::new();
    if chunks.len() <= 1 {
        let all = chunks.first().copied().unwrap_or_default();
        errors.extend(
            sink.stream("sitemap.xml", &mut |w| urlset(site, all, w))
                .err(),
        );
        return errors;
    }
    for (index, chunk) in chunks.iter().enumerate() {
        let name = format!("sitemap-{}.xml", index + 1);
        errors.extend(sink.stream(&name, &mut |w| urlset(site, chunk, w)).err());
    }
    let mut index = |w: &mut dyn Write| sitemap_index(site, chunks.len(), w);
    errors.extend(sink.stream("sitemap.xml", &mut index).err());
    errors
}

/// Pages grouped by what they show, so each lists its translations.
fn translation_groups<'a>(site: &'a Site<'_>) -> Vec<Versions<'a>> {
    let mut by_key: BTreeMap<&PageKey, Versions<'a>> = BTreeMap::new();
    // A withdrawn record's page is kept for links people shared, not
    // offered to search engines (it is marked noindex).
    let listed = site
        .pages
        .iter()
        .filter(|p| !matches!(p.key, PageKey::Withdrawn(_)));
    for page in listed {
        by_key
            .entry(&page.key)
            .or_default()
            .push((&page.lang, &page.path));
    }
    let default = site.config.default_language.as_str();
    by_key
        .into_values()
        .map(|mut versions| {
            versions.sort_by_key(|(lang, _)| *lang != default);
            versions
        })
        .collect()
}

fn urlset(site: &Site<'_>, entries: &[(&Versions<'_>, &str)], w: &mut dyn Write) -> io::Result<()> {
    w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n")?;
    for (versions, path) in entries {
        write!(w, "<url><loc>{}</loc>", html::escape(&site.url(path)))?;
        if versions.len() > 1 {
            for (lang, alternate) in versions.iter() {
                alternate_link(site, lang, alternate, w)?;
            }
            // The default language's version comes first.
            if let Some((_, default)) = versions.first() {
                alternate_link(site, "x-default", default, w)?;
            }
        }
        w.write_all(b"</url>\n")?;
    }
    w.write_all(b"</urlset>\n")
}

fn alternate_link(site: &Site<'_>, lang: &str, path: &str, w: &mut dyn Write) -> io::Result<()> {
    write!(
        w,
        "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
        html::escape(lang),
        html::escape(&site.url(path))
    )
}

fn sitemap_index(site: &Site<'_>, files: usize, w: &mut dyn Write) -> io::Result<()> {
    w.write_all(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n")?;
    for n in 1..=files {
        let url = site.url(&format!("/sitemap-{n}.xml"));
        writeln!(w, "<sitemap><loc>{}</loc></sitemap>", html::escape(&url))?;
    }
    w.write_all(b"</sitemapindex>\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sitemaps(limit: usize) -> (BTreeMap<String, String>, usize) {
        crate::testing::with_default_site(|site| {
            let memory = crate::sink::Memory::new();
            assert!(write_split(site, &memory, limit).is_empty());
            let files = memory.into_files().into_iter();
            let text =
                files.map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap_or_default()));
            (text.collect(), site.pages.len())
        })
    }

    #[test]
    fn one_sitemap_lists_every_page_with_alternates() {
        let (files, pages) = sitemaps(LIMIT);
        let xml = &files["sitemap.xml"];
        assert!(pages > 100, "the default site has pages: {pages}");
        assert_eq!(xml.matches("<url>").count(), pages);
        assert!(xml.contains("hreflang=\"x-default\" href=\"https://ess-tta.example.ma/fr/\""));
        assert!(xml.contains("hreflang=\"ar\" href=\"https://ess-tta.example.ma/ar/mashari/\""));
        assert_eq!(files.len(), 1, "{:?}", files.keys());
    }

    #[test]
    fn splits_into_files_of_at_most_the_limit_with_an_index() {
        let (files, pages) = sitemaps(100);
        let index = &files["sitemap.xml"];
        let parts = pages.div_ceil(100);
        assert!(
            parts > 1,
            "the default site needs several files of 100: {pages}"
        );
        assert_eq!(index.matches("<sitemap>").count(), parts);
        assert_eq!(files.len(), parts + 1);
        let mut listed = 0;
        for n in 1..=parts {
            let part = &files[&format!("sitemap-{n}.xml")];
            let urls = part.matches("<url>").count();
            assert!(urls <= 100);
            listed += urls;
        }
        assert_eq!(listed, pages);
    }
}
