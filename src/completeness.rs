//! Translation completeness, for `bayan check`: what a reader of one language
//! would see in another. Never an error: the site shows the other language
//! with a "not translated" notice, and these warnings say what to write.

use std::fmt;

use crate::content::{Content, Document};
use crate::data::Data;
use crate::diagnostics::{Diagnostic, Location, Severity};
use crate::locale::Strings;

/// How much of the site a language has: (done, needed) of each kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub lang: String,
    /// Documents (articles and pages) by shared name.
    pub documents: (usize, usize),
    /// Translated cells that some language fills.
    pub cells: (usize, usize),
    /// UI strings the default language defines.
    pub strings: (usize, usize),
}

impl Share {
    /// The mean of the three kinds' shares (a missing article weighs as
    /// much as hundreds of cells), in tenths of a percent, rounded down so
    /// that 99.95 % is never shown as 100 %. A kind with nothing to
    /// translate does not count.
    pub fn per_mille(&self) -> usize {
        let parts: Vec<(usize, usize)> = [self.documents, self.cells, self.strings]
            .into_iter()
            .filter(|(_, needed)| *needed > 0)
            .collect();
        if parts.is_empty() {
            return 1000;
        }
        // A common denominator keeps the arithmetic exact; u128 holds the
        // product of three counts of any real site.
        let wide = |n: usize| n as u128;
        let denominator: u128 = parts.iter().map(|(_, n)| wide(*n)).product();
        let sum: u128 = parts
            .iter()
            .map(|(d, n)| wide(*d) * (denominator / wide(*n)))
            .sum();
        let mean = sum * 1000 / (denominator * wide(parts.len()));
        usize::try_from(mean).unwrap_or(1000)
    }
}

impl fmt::Display for Share {
    /// `ar: 97.5% translated (documents 7/8, data cells 120/120, UI strings 210/214)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let p = self.per_mille();
        write!(
            f,
            "{}: {}.{}% translated (documents {}/{}, data cells {}/{}, UI strings {}/{})",
            self.lang,
            p / 10,
            p % 10,
            self.documents.0,
            self.documents.1,
            self.cells.0,
            self.cells.1,
            self.strings.0,
            self.strings.1
        )
    }
}

/// The share of each language, in the order given.
pub fn shares(
    languages: &[String],
    data: &Data,
    content: &Content,
    strings: &Strings,
) -> Vec<Share> {
    let missing = strings.missing();
    let needed = strings.key_count();
    languages
        .iter()
        .map(|lang| {
            let lacking = missing.iter().filter(|(l, _)| l == lang).count();
            Share {
                lang: lang.clone(),
                documents: document_share(lang, content),
                cells: cell_share(languages, lang, data),
                strings: (needed.saturating_sub(lacking), needed),
            }
        })
        .collect()
}

fn document_share(lang: &str, content: &Content) -> (usize, usize) {
    let mut done = 0;
    let mut needed = 0;
    for documents in [&content.articles, &content.pages] {
        let mut keys: Vec<&str> = documents.iter().map(|d| d.key.as_str()).collect();
        keys.sort_unstable();
        keys.dedup();
        needed += keys.len();
        done += keys
            .iter()
            .filter(|k| documents.iter().any(|d| d.key == **k && d.lang == lang))
            .count();
    }
    (done, needed)
}

fn cell_share(languages: &[String], lang: &str, data: &Data) -> (usize, usize) {
    let (mut done, mut needed) = (0, 0);
    for table in data.tables.values() {
        for field in table.schema.fields.iter().filter(|f| f.translated) {
            for row in &table.rows {
                let any = languages
                    .iter()
                    .any(|l| table.text(row, &field.name, l).is_some());
                if any {
                    needed += 1;
                    done += usize::from(table.text(row, &field.name, lang).is_some());
                }
            }
        }
    }
    (done, needed)
}

/// Everything `check` says of translations: the warnings (documents, data
/// cells, UI strings) and each language's share.
pub fn report(
    languages: &[String],
    data: &Data,
    content: &Content,
    strings: &Strings,
) -> (Vec<Diagnostic>, Vec<Share>) {
    let mut found = check(languages, data, content);
    for (lang, key) in strings.missing() {
        found.push(
            Diagnostic::warning(format!(
                "the UI string `{key}` is not translated in `{lang}`"
            ))
            .with_code("translation-missing-string")
            .with_hint(format!("add it to i18n/{lang}.toml")),
        );
    }
    (found, shares(languages, data, content, strings))
}

/// Documents missing in a language, and translated cells left empty.
pub fn check(languages: &[String], data: &Data, content: &Content) -> Vec<Diagnostic> {
    let mut found = missing_documents(languages, &content.articles);
    found.extend(missing_documents(languages, &content.pages));
    found.extend(empty_cells(languages, data));
    found
}

fn missing_documents(languages: &[String], documents: &[Document]) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for (index, doc) in documents.iter().enumerate() {
        // Report each shared name once, from its first file.
        if documents[..index].iter().any(|d| d.key == doc.key) {
            continue;
        }
        for lang in languages {
            if documents
                .iter()
                .any(|d| d.key == doc.key && &d.lang == lang)
            {
                continue;
            }
            let file = doc.source.with_file_name(format!("{}.{lang}.md", doc.key));
            let args = vec![
                ("name", doc.key.clone()),
                ("lang", lang.clone()),
                ("file", file.display().to_string()),
            ];
            found.push(
                Diagnostic::coded(Severity::Warning, "translation-missing-document", args)
                    .in_file(&doc.source),
            );
        }
    }
    found
}

/// One warning per translated column with empty cells where another
/// language has text, at its first such row, with the count.
fn empty_cells(languages: &[String], data: &Data) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for table in data.tables.values() {
        for field in table.schema.fields.iter().filter(|f| f.translated) {
            for lang in languages {
                let gaps: Vec<usize> = table
                    .rows
                    .iter()
                    .filter(|row| {
                        table.text(row, &field.name, lang).is_none()
                            && languages
                                .iter()
                                .any(|l| table.text(row, &field.name, l).is_some())
                    })
                    .map(|row| row.line)
                    .collect();
                let Some(first) = gaps.first() else { continue };
                let location = Location {
                    line: *first,
                    column: 1,
                    span: 0..0,
                    line_text: String::new(),
                };
                let args = vec![
                    ("count", gaps.len().to_string()),
                    ("column", format!("{}_{lang}", field.name)),
                    ("line", first.to_string()),
                ];
                found.push(
                    Diagnostic::coded(Severity::Warning, "translation-missing-cells", args)
                        .at(&table.path, location),
                );
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::diagnostics::Diagnostics;

    #[test]
    fn reports_a_document_missing_in_one_language() {
        let dir = tempfile::tempdir().expect("temp dir");
        let news = dir.path().join("content/news");
        std::fs::create_dir_all(&news).expect("folder");
        let article = "+++\ntitle = \"Un\"\ndate = 2024-01-01\n+++\nTexte.\n";
        std::fs::write(news.join("2024-01-01-un.fr.md"), article).expect("write");
        let languages = ["fr".to_string(), "ar".to_string()];
        let mut diagnostics = Diagnostics::new();
        let content = crate::content::load(dir.path(), &languages, false, &mut diagnostics);
        let found = check(&languages, &Data::default(), &content);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].message, "`2024-01-01-un` has no `ar` version");
        assert_eq!(
            found[0].file.as_deref(),
            Some(Path::new("content/news/2024-01-01-un.fr.md"))
        );
    }

    #[test]
    fn a_language_share_is_the_mean_of_its_kinds_rounded_down() {
        let share = |documents, cells, strings| Share {
            lang: "ar".into(),
            documents,
            cells,
            strings,
        };
        assert_eq!(share((5, 6), (285, 285), (92, 92)).per_mille(), 944);
        assert_eq!(share((0, 0), (1999, 2000), (0, 0)).per_mille(), 999);
        assert_eq!(share((0, 0), (0, 0), (0, 0)).per_mille(), 1000);
        assert_eq!(
            share((5, 6), (285, 285), (92, 92)).to_string(),
            "ar: 94.4% translated (documents 5/6, data cells 285/285, UI strings 92/92)"
        );
    }

    #[test]
    fn the_default_site_is_fully_translated() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let languages = ["fr".to_string(), "ar".to_string()];
        let mut diagnostics = Diagnostics::new();
        let data = crate::data::load(root, &languages, &mut diagnostics);
        let content = crate::content::load(root, &languages, false, &mut diagnostics);
        assert_eq!(check(&languages, &data, &content), Vec::new());
    }
}
