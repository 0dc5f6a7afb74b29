//! Translation completeness, for `bayan check`: what a reader of one language
//! would see in another. Never an error: the site shows the other language
//! with a "not translated" notice, and these warnings say what to write.

use crate::content::{Content, Document};
use crate::data::Data;
use crate::diagnostics::{Diagnostic, Location};

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
            found.push(
                Diagnostic::warning(format!("`{}` has no `{lang}` version", doc.key))
                    .in_file(&doc.source)
                    .with_hint(format!(
                        "write {}; until then readers of `{lang}` see a notice",
                        file.display()
                    )),
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
                found.push(
                    Diagnostic::warning(format!(
                        "{} {} of `{}_{lang}` empty while another language has text",
                        gaps.len(),
                        if gaps.len() == 1 { "cell" } else { "cells" },
                        field.name
                    ))
                    .at(&table.path, location)
                    .with_hint(format!("translate them; the first is on line {first}")),
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
    fn the_default_site_is_fully_translated() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let languages = ["fr".to_string(), "ar".to_string()];
        let mut diagnostics = Diagnostics::new();
        let data = crate::data::load(root, &languages, &mut diagnostics);
        let content = crate::content::load(root, &languages, false, &mut diagnostics);
        assert_eq!(check(&languages, &data, &content), Vec::new());
    }
}
