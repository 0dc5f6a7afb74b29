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
    /// The words under the caret, when the message has some.
    pub label: Option<String>,
    /// The hint when the loader found a close candidate (`{suggestion}`):
    /// "did you mean …?".
    pub suggestion: Option<String>,
    /// The message per CLDR plural category of the value `count`, for
    /// messages that count (Arabic has six forms); `message` is the rest.
    #[serde(default)]
    pub plural: BTreeMap<String, String>,
    /// What the value should look like, for the `expected:` note.
    pub expected: Option<String>,
}

impl Entry {
    /// The message for `args` in `lang`: the plural form of `count` when
    /// the entry has one for it.
    pub fn message_for(&self, lang: &str, args: &[(&'static str, String)]) -> String {
        let count = args
            .iter()
            .find(|(name, _)| *name == "count")
            .and_then(|(_, value)| value.parse::<u64>().ok());
        let form = count
            .and_then(|n| plural_category(lang, n))
            .and_then(|category| self.plural.get(category));
        fill(form.unwrap_or(&self.message), args)
    }

    /// The hint for `args`: the suggestion when one was found, else the
    /// general hint.
    pub fn hint_for(&self, args: &[(&'static str, String)]) -> Option<String> {
        let suggested = args.iter().any(|(name, _)| *name == "suggestion");
        let template = match &self.suggestion {
            Some(suggestion) if suggested => Some(suggestion),
            _ => self.hint.as_ref(),
        };
        template.map(|t| fill(t, args))
    }
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

/// The CLDR plural category (`one`, `few`…) of `n` in `lang`.
fn plural_category(lang: &str, n: u64) -> Option<&'static str> {
    use icu_plurals::{PluralCategory as C, PluralRules};
    let locale: icu_locale::Locale = lang.parse().ok()?;
    let rules = PluralRules::try_new_cardinal((&locale).into()).ok()?;
    Some(match rules.category_for(n) {
        C::Zero => "zero",
        C::One => "one",
        C::Two => "two",
        C::Few => "few",
        C::Many => "many",
        C::Other => "other",
    })
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
    let translated = translate(diagnostic, lang);
    (translated.message, translated.hint)
}

/// `diagnostic` for a reader of `lang`: its message, label and hint from
/// that language's catalogue where it has them, the rest as the loader
/// wrote it. English is returned as it is (the loader's words are often
/// more precise than the catalogue's).
pub fn translate(diagnostic: &Diagnostic, lang: &str) -> Diagnostic {
    let entry = diagnostic
        .code
        .and_then(|code| catalogue(lang)?.get(code))
        .filter(|_| lang != "en");
    let mut out = diagnostic.clone();
    if let Some(entry) = entry {
        let args = &diagnostic.args;
        out.message = entry.message_for(lang, args);
        out.hint = entry.hint_for(args).or(out.hint);
        out.label = entry.label.as_ref().map(|l| fill(l, args)).or(out.label);
    }
    out.notes = diagnostic
        .notes
        .iter()
        .map(|note| note_in(note, lang, entry))
        .collect();
    out
}

/// The words that open the notes loaders write (`column: year`), in
/// English, French and Arabic.
const NOTE_WORDS: [[&str; 3]; 4] = [
    ["column", "colonne", "العمود"],
    ["value", "valeur", "القيمة"],
    ["expected", "attendu", "المتوقَّع"],
    ["on the page", "sur la page", "في الصفحة"],
];

/// A note for a reader of `lang`: its opening word translated; what an
/// `expected:` note describes, from the entry when it has it.
fn note_in(note: &str, lang: &str, entry: Option<&Entry>) -> String {
    let Some(index) = LANGUAGES.iter().position(|l| *l == lang).filter(|i| *i > 0) else {
        return note.to_string();
    };
    let separator = if lang == "fr" { " : " } else { ": " };
    for words in NOTE_WORDS {
        let Some(rest) = note.strip_prefix(words[0]) else {
            continue;
        };
        let rest = match (rest.strip_prefix(": "), rest.strip_prefix(' ')) {
            (Some(value), _) => match (words[0], entry.and_then(|e| e.expected.as_ref())) {
                ("expected", Some(expected)) => expected.as_str(),
                _ => value,
            },
            (None, Some(value)) => return format!("{} {value}", words[index]),
            (None, None) => continue,
        };
        return format!("{}{separator}{rest}", words[index]);
    }
    note.to_string()
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

    /// Every placeholder an entry uses anywhere, sorted and unique.
    fn all_placeholders(entry: &Entry) -> Vec<&str> {
        let texts = [&entry.hint, &entry.label, &entry.suggestion];
        let mut found: Vec<&str> = texts
            .into_iter()
            .flatten()
            .chain(entry.plural.values())
            .chain([&entry.message])
            .flat_map(|t| placeholders(t))
            .collect();
        found.sort_unstable();
        found.dedup();
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
                // A translation names no value the loader does not give.
                let known = all_placeholders(entry);
                let unknown: Vec<&str> = all_placeholders(translated)
                    .into_iter()
                    .filter(|p| !known.contains(p))
                    .collect();
                assert!(unknown.is_empty(), "{code} in {lang} names {unknown:?}");
                assert_eq!(
                    translated.suggestion.is_some(),
                    entry.suggestion.is_some(),
                    "{code} in {lang}: a suggestion in one language, not the other"
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
    fn plural_forms_are_cldr_categories() {
        let mut found = 0;
        for lang in LANGUAGES {
            for (code, entry) in catalogue(lang).expect("a catalogue") {
                for category in entry.plural.keys() {
                    found += 1;
                    let known = ["zero", "one", "two", "few", "many", "other"];
                    assert!(
                        known.contains(&category.as_str()),
                        "{code} in {lang}: {category}"
                    );
                }
            }
        }
        assert!(found >= 3, "only {found} plural forms found");
    }

    #[test]
    fn a_counting_message_takes_the_plural_form_of_its_language() {
        let cells = |count: usize| {
            let args = vec![
                ("count", count.to_string()),
                ("column", "name_ar".to_string()),
                ("line", "4".to_string()),
            ];
            Diagnostic::coded(
                super::super::Severity::Warning,
                "translation-missing-cells",
                args,
            )
        };
        assert_eq!(
            cells(1).message,
            "1 cell of `name_ar` empty while another language has text"
        );
        assert_eq!(
            cells(3).message,
            "3 cells of `name_ar` empty while another language has text"
        );
        assert_eq!(
            localized(&cells(2), "ar").0,
            "خانتان من `name_ar` فارغتان بينما في لغة أخرى نص"
        );
        assert_eq!(
            localized(&cells(5), "ar").0,
            "5 خانات من `name_ar` فارغة بينما في لغة أخرى نص"
        );
        assert_eq!(
            localized(&cells(1), "fr").0,
            "1 cellule de `name_ar` vide alors qu’une autre langue a du texte"
        );
    }

    #[test]
    fn a_found_suggestion_replaces_the_general_hint_in_every_language() {
        let link = |suggestion: Option<&str>| {
            let mut args = vec![("link", "/fr/projets/tta-2099-001/".to_string())];
            args.extend(suggestion.map(|s| ("suggestion", s.to_string())));
            Diagnostic::coded(super::super::Severity::Error, "link-broken", args)
        };
        let close = link(Some("/fr/projets/tta-2025-001/"));
        assert_eq!(
            close.hint.as_deref(),
            Some("did you mean `/fr/projets/tta-2025-001/`?")
        );
        assert_eq!(
            localized(&close, "fr").1.as_deref(),
            Some("vouliez-vous écrire `/fr/projets/tta-2025-001/` ?")
        );
        let far = link(None);
        assert!(far.hint.as_ref().is_some_and(|h| h.contains("sitemap.xml")));
        assert!(
            localized(&far, "ar")
                .1
                .is_some_and(|h| h.contains("bayan serve"))
        );
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

    #[test]
    fn notes_open_with_words_of_the_reader_s_language() {
        let diagnostic = Diagnostic::coded(
            super::super::Severity::Error,
            "cell-not-number",
            vec![("column", "committed_mad".to_string())],
        )
        .with_note("column: committed_mad")
        .with_note("expected: a number such as 125000.50")
        .with_note("on the page /fr/")
        .with_note("something else: kept");
        let french = translate(&diagnostic, "fr").notes;
        assert_eq!(
            french,
            [
                "colonne : committed_mad",
                "attendu : un nombre comme 125000.50",
                "sur la page /fr/",
                "something else: kept"
            ]
        );
        assert_eq!(
            translate(&diagnostic, "ar").notes[0],
            "العمود: committed_mad"
        );
        assert_eq!(translate(&diagnostic, "en").notes, diagnostic.notes);
    }
}
