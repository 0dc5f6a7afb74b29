//! Files that are not pages of one language: the bilingual landing, the 404
//! page, feeds, sitemap, robots.txt, data downloads and static files.

use std::collections::BTreeMap;

use walkdir::WalkDir;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::html;
use crate::model::{PageKey, Site};
use crate::output::Staging;

use super::Renderer;
use super::context::absolute;

pub use crate::export::datasets;

pub fn write_extras(
    site: &Site<'_>,
    renderer: &Renderer,
    staging: &Staging,
    shared: &BTreeMap<&str, tera::Value>,
    diagnostics: &mut Diagnostics,
) {
    let default = site.config.default_language.as_str();
    let specials = [
        ("landing.html", "landing", "/"),
        ("404.html", "not_found", "/404.html"),
    ];
    for (template, kind, path) in specials {
        let mut context = tera::Context::new();
        context.insert("page", &super::context::special_page_meta(site, kind, path));
        if let Some(value) = shared.get(default) {
            context.insert_value("site", value.clone());
        }
        context.insert("lang", default);
        let result = renderer.render(template, &context).and_then(|html| {
            let file = crate::model::urls::file_of(path);
            staging.write_file(&file, &html).map_err(Diagnostic::from)
        });
        if let Err(d) = result {
            diagnostics.push(d);
        }
    }
    let mut files: Vec<(String, Vec<u8>)> = vec![("robots.txt".into(), robots(site).into_bytes())];
    files.extend(feeds(site));
    files.extend(super::indexes::indexes(site, renderer.locales()));
    for (path, bytes) in files {
        if let Err(error) = staging.write_file(&path, &bytes) {
            diagnostics.push(error.into());
        }
    }
    let streamed = super::sitemap::write(site, staging)
        .into_iter()
        .chain(crate::export::write_downloads(site, staging));
    diagnostics.extend(streamed.map(Diagnostic::from));
    copy_static(site, staging, diagnostics);
}

fn robots(site: &Site<'_>) -> String {
    format!(
        "User-agent: *\nAllow: /\nSitemap: {}sitemap.xml\n",
        site.config.base_url
    )
}

/// An Atom feed of the articles of each language.
fn feeds(site: &Site<'_>) -> Vec<(String, Vec<u8>)> {
    let mut feeds = Vec::new();
    for language in &site.config.languages {
        let lang = language.code.as_str();
        let Some(news) = site.path(&PageKey::News { page: 1 }, lang) else {
            continue;
        };
        let articles: Vec<_> = site
            .content
            .articles
            .iter()
            .filter(|a| a.lang == lang)
            .collect();
        let stamp = |d: Option<jiff::civil::Date>| {
            d.map_or("2000-01-01T00:00:00Z".to_string(), |d| {
                format!("{d}T00:00:00Z")
            })
        };
        let updated = articles
            .iter()
            .filter_map(|a| a.front.updated.or(a.front.date))
            .max();
        let feed_url = absolute(site, &format!("{news}atom.xml"));
        let mut xml = format!(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n<title>{}</title>\n<id>{}</id>\n<link rel=\"self\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<updated>{}</updated>\n",
            html::escape(&language.title),
            html::escape(&feed_url),
            html::escape(&feed_url),
            html::escape(&absolute(site, news)),
            stamp(updated),
        );
        for article in articles {
            let Some(path) = site.path(&PageKey::Article(article.key.clone()), lang) else {
                continue;
            };
            let url = html::escape(&absolute(site, path));
            xml.push_str(&format!(
                "<entry>\n<title>{}</title>\n<id>{url}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n<published>{}</published>\n<updated>{}</updated>\n<author><name>{}</name></author>\n<summary>{}</summary>\n</entry>\n",
                html::escape(&article.front.title),
                stamp(article.front.date),
                stamp(article.front.updated.or(article.front.date)),
                html::escape(&language.title),
                html::escape(article.front.summary.as_deref().unwrap_or_default()),
            ));
        }
        xml.push_str("</feed>\n");
        feeds.push((format!("{news}atom.xml"), xml.into_bytes()));
    }
    feeds
}

/// Copies the theme's `static/`, then the site's own `static/` over it.
fn copy_static(site: &Site<'_>, staging: &Staging, diagnostics: &mut Diagnostics) {
    let theme = super::templates::theme_dir(site.config).join("static");
    let own = site.config.root.join("static");
    for dir in [theme, own].iter().filter(|d| d.is_dir()) {
        for entry in WalkDir::new(dir).sort_by_file_name().into_iter().flatten() {
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let result = crate::fsio::read_capped(entry.path(), site.config.max_file_bytes)
                .and_then(|bytes| staging.write_file(&relative.to_string_lossy(), &bytes));
            if let Err(error) = result {
                diagnostics.push(error.into());
            }
        }
    }
}
