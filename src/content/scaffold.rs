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
    for (file, language) in files.iter().zip(&site.languages) {
        fsio::write(file, template(today, &language.code))?;
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

/// The placeholder words of a new article in one language: its title,
/// the note on the draft line, and the body.
struct Placeholders {
    title: &'static str,
    draft: &'static str,
    body: &'static str,
}

const ENGLISH: Placeholders = Placeholders {
    title: "Title of the article",
    draft: "Remove the next line when the article is ready to publish.",
    body: "Write the article here, in Markdown.",
};

/// Each language's words, so an editor meets their own language in the
/// file; a language not listed gets the English ones.
fn placeholders(lang: &str) -> &'static Placeholders {
    const FRENCH: Placeholders = Placeholders {
        title: "Titre de l’article",
        draft: "Supprimez la ligne suivante quand l’article est prêt à être publié.",
        body: "Écrivez l’article ici, en Markdown.",
    };
    const ARABIC: Placeholders = Placeholders {
        title: "عنوان المقال",
        draft: "احذفوا السطر التالي عندما يصبح المقال جاهزًا للنشر.",
        body: "اكتبوا المقال هنا، بصيغة Markdown.",
    };
    const SPANISH: Placeholders = Placeholders {
        title: "Título del artículo",
        draft: "Borre la línea siguiente cuando el artículo esté listo para publicarse.",
        body: "Escriba el artículo aquí, en Markdown.",
    };
    match lang {
        "fr" => &FRENCH,
        "ar" => &ARABIC,
        "es" => &SPANISH,
        _ => &ENGLISH,
    }
}

/// A draft in `lang`: it stays out of the site until `draft = true` is
/// removed.
fn template(date: jiff::civil::Date, lang: &str) -> String {
    let Placeholders { title, draft, body } = placeholders(lang);
    format!(
        "+++\ntitle = \"{title}\"\ndate = {date}\nsummary = \"\"\ntags = []\n# {draft}\ndraft = true\n+++\n\n{body}\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_s_file_speaks_that_language() {
        let date = jiff::civil::date(2026, 12, 1);
        let arabic = template(date, "ar");
        assert!(arabic.contains("title = \"عنوان المقال\"\n"), "{arabic}");
        assert!(
            arabic.ends_with("اكتبوا المقال هنا، بصيغة Markdown.\n"),
            "{arabic}"
        );
        let french = template(date, "fr");
        assert!(
            french.contains("title = \"Titre de l’article\"\n"),
            "{french}"
        );
        assert!(template(date, "zgh").contains("Title of the article"));
    }
}
