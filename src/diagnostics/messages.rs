//! Messages for the mistakes editors make, in English, French and Arabic:
//! one catalogue per language (`messages/LANG.toml`), keyed by the
//! diagnostic's code. A loader builds such a diagnostic with
//! [`Diagnostic::coded`] and the values its message names; the English
//! message comes from the catalogue, so the terminal and the fixtures read
//! as before, and [`localized`] gives the message and hint in another
//! language (the preview's overlay, `--lang`).

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

use super::Diagnostic;

/// The languages with a catalogue, English first (the one loaders write in).
pub const LANGUAGES: [&str; 3] = ["en", "fr", "ar"];

const SOURCES: [&str; 3] = [
    include_str!("messages/en.toml"),
    include_str!("messages/fr.toml"),
    include_str!("messages/ar.toml"),
];

/// One message: what is wrong, and how to fix it when the language says it
/// in general (the English hint is often the loader's own, more precise).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub message: String,
    pub hint: Option<String>,
}

pub type Catalogue = BTreeMap<String, Entry>;

/// The catalogues, compiled into the binary and read once. They are part
/// of the program: a mistake in one is a bug caught by the tests.
static CATALOGUES: LazyLock<BTreeMap<&'static str, Catalogue>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .zip(SOURCES)
        .map(|(lang, source)| {
            let catalogue = toml::from_str(source)
                .unwrap_or_else(|e| panic!("messages/{lang}.toml is not valid: {e}"));
            (*lang, catalogue)
        })
        .collect()
});

/// The catalogue of `lang`, if it has one.
pub fn catalogue(lang: &str) -> Option<&'static Catalogue> {
    CATALOGUES.get(lang)
}

/// `template` with each `{name}` replaced by its value in `args`.
pub fn fill(template: &str, args: &[(&'static str, String)]) -> String {
    args.iter()
        .fold(template.to_string(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

/// The message and hint of `diagnostic` for a reader of `lang`: from that
/// language's catalogue when the diagnostic's code is in it, else as the
/// loader wrote them (English).
pub fn localized(diagnostic: &Diagnostic, lang: &str) -> (String, Option<String>) {
    let entry = diagnostic
        .code
        .and_then(|code| catalogue(lang)?.get(code))
        .filter(|_| lang != "en");
    match entry {
        Some(entry) => (
            fill(&entry.message, &diagnostic.args),
            entry
                .hint
                .as_ref()
                .map(|h| fill(h, &diagnostic.args))
                .or_else(|| diagnostic.hint.clone()),
        ),
        None => (diagnostic.message.clone(), diagnostic.hint.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The `{name}` placeholders of a text, sorted.
    fn placeholders(text: &str) -> Vec<&str> {
        let mut found: Vec<&str> = text
            .split('{')
            .skip(1)
            .filter_map(|rest| rest.split_once('}').map(|(name, _)| name))
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn every_editor_message_exists_in_english_french_and_arabic_with_the_same_values() {
        let english = catalogue("en").expect("the English catalogue");
        assert!(english.len() >= 5, "only {} codes found", english.len());
        for lang in ["fr", "ar"] {
            let other = catalogue(lang).expect("a catalogue");
            for (code, entry) in english {
                let translated = other
                    .get(code)
                    .unwrap_or_else(|| panic!("{code} has no message in {lang}"));
                assert!(translated.hint.is_some(), "{code} has no hint in {lang}");
                assert_eq!(
                    placeholders(&translated.message),
                    placeholders(&entry.message),
                    "{code} in {lang}"
                );
            }
            let extra: Vec<&String> = other.keys().filter(|c| !english.contains_key(*c)).collect();
            assert!(
                extra.is_empty(),
                "{lang} has codes English lacks: {extra:?}"
            );
        }
    }

    #[test]
    fn a_coded_diagnostic_reads_in_the_language_asked_and_english_by_default() {
        let diagnostic = Diagnostic::coded(
            super::super::Severity::Error,
            "cell-not-year",
            vec![("column", "year".to_string())],
        );
        assert_eq!(
            diagnostic.message,
            "the cell in column `year` is not a year"
        );
        let (french, hint) = localized(&diagnostic, "fr");
        assert_eq!(
            french,
            "la cellule de la colonne `year` n’est pas une année"
        );
        assert!(hint.is_some_and(|h| h.contains("quatre chiffres")));
        let (arabic, _) = localized(&diagnostic, "ar");
        assert_eq!(arabic, "الخانة في العمود `year` ليست سنة");
        assert_eq!(localized(&diagnostic, "es").0, diagnostic.message);
    }
}
