//! `bayan new article SLUG`: one file per language, ready to write.

use std::path::{Path, PathBuf};

use crate::config;
use crate::diagnostics::{Diagnostic, Diagnostics, report};
use crate::fsio;

/// What `new article` made.
#[derive(Debug)]
pub struct NewArticle {
    /// One file per language.
    pub files: Vec<PathBuf>,
    /// The name the translations share (`2026-12-01-visite`).
    pub key: String,
    /// Each language with the slug of its news section.
    pub sections: Vec<(String, String)>,
}

/// Creates `content/news/DATE-SLUG.LANG.md` for every language of the site,
/// dated today; refuses to overwrite anything.
pub fn new_article(root: &Path, slug: &str) -> Result<NewArticle, Diagnostic> {
    if !config::is_slug(slug) {
        return Err(
            Diagnostic::error(format!("`{slug}` cannot be an article's name"))
                .with_hint("use lowercase letters, digits and hyphens, such as visite-chefchaouen"),
        );
    }
    let mut diagnostics = Diagnostics::new();
    let Some(site) = config::load(root, &mut diagnostics) else {
        let text = report::render(&diagnostics, report::Format::Human);
        return Err(Diagnostic::error("site.toml has problems; fix them first").with_note(text));
    };
    let today = jiff::ZonedDateTime::now().date();
    let name = format!("{today}-{slug}");
    let folder = root.join("content").join(&site.content_folders.news);
    let files: Vec<PathBuf> = site
        .languages
        .iter()
        .map(|l| folder.join(format!("{name}.{}.md", l.code)))
        .collect();
    if let Some(existing) = files.iter().find(|f| fsio::exists(f)) {
        return Err(Diagnostic::error("this article already exists")
            .in_file(existing.strip_prefix(root).unwrap_or(existing))
            .with_hint("choose another name, or edit the existing files"));
    }
    fsio::create_dir_all(&folder)?;
    for file in &files {
        fsio::write(file, template(today, slug))?;
    }
    let sections = site
        .languages
        .iter()
        .map(|l| {
            let slug = site.sections.news.get(&l.code).cloned().unwrap_or_default();
            (l.code.clone(), slug)
        })
        .collect();
    Ok(NewArticle {
        files,
        key: name,
        sections,
    })
}

/// A draft: it stays out of the site until `draft = true` is removed.
fn template(date: jiff::civil::Date, slug: &str) -> String {
    format!(
        "+++\ntitle = \"{slug}\"\ndate = {date}\nsummary = \"\"\ntags = []\n# Remove the next line when the article is ready to publish.\ndraft = true\n+++\n\nWrite the article here, in Markdown.\n"
    )
}
