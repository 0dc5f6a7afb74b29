//! Words as the search index keys them, one source for the build and for
//! the page's script:
//!
//! 1. [`fold`]: case, accents, Arabic vowel marks and tatweel removed, the
//!    letters of [`FOLDS`] replaced, other characters as spaces;
//! 2. [`forms`]: a word of one letter is dropped (the elided l', d' of
//!    French); an Arabic word loses a conjunction before an article, then
//!    its article ([`ARTICLES`]); a word without one also yields a form
//!    without its one-letter proclitic ([`PROCLITICS`]);
//! 3. [`Keys::key`]: a form's stem by Snowball (`rust-stemmers`): Arabic
//!    with the article put back and the ta marbuta restored, since the
//!    stemmer removes plural endings consistently only there; other words
//!    with the stemmer of the site's language.
//!
//! Steps 1 and 2 are tables ([`rules`]) written into the index's manifest,
//! which the script applies; step 3 runs only here: the index lists every
//! form it met with its key, so the script never stems.

use std::collections::HashMap;
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use serde_json::{Value, json};
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// Letters replaced when folding (tatweel dropped; alef wasla as alef, ta
/// marbuta as ha, alef maqsura as ya: how people type them). Hamza forms of
/// alef are folded by dropping the hamza mark after decomposition.
pub const FOLDS: [(char, &str); 4] = [('\u{0640}', ""), ('\u{0671}', "ا"), ('ة', "ه"), ('ى', "ي")];
/// A conjunction dropped only before an article (وبالتعاونيات, فالعسل).
pub const CONJUNCTIONS: [&str; 2] = ["و", "ف"];
/// The definite article and the prepositions fused with it, longest first.
pub const ARTICLES: [&str; 4] = ["بال", "كال", "لل", "ال"];
/// One-letter proclitics: a word also yields a form without one.
pub const PROCLITICS: [&str; 5] = ["ب", "ل", "ك", "و", "ف"];
/// Letters a form keeps after its article; after a proclitic.
const AFTER_ARTICLE: usize = 2;
const AFTER_PROCLITIC: usize = 3;

/// Text folded for matching (see the module's step 1).
pub fn fold(text: &str) -> String {
    let mut folded = Folded {
        out: String::with_capacity(text.len()),
        space: true,
    };
    let table = &*TWO_BYTE_FOLDS;
    for c in text.chars() {
        if c.is_ascii() {
            // Most text of a French site: no decomposition, no marks.
            folded.ascii(c);
        } else if let Some(parts) = table.get(c as usize - 0x80) {
            parts.iter().for_each(|part| folded.part(part));
        } else {
            // Character by character: the marks are dropped, so their
            // canonical order (the rest of NFD) does not matter.
            decompose_canonical(c, |part| folded.part(&Part::of(part)));
        }
    }
    let mut out = folded.out;
    out.truncate(out.trim_end().len());
    out
}

/// How each character from U+0080 to U+07FF folds (Latin accents, Arabic),
/// worked out once from the Unicode tables: the text of most sites.
static TWO_BYTE_FOLDS: LazyLock<Vec<Vec<Part>>> = LazyLock::new(|| {
    (0x80..0x800u32)
        .map(|code| {
            let mut parts = Vec::new();
            if let Some(c) = char::from_u32(code) {
                decompose_canonical(c, |part| parts.push(Part::of(part)));
            }
            parts
        })
        .collect()
});

/// What one character of a decomposition adds to folded text.
enum Part {
    /// A mark: nothing.
    Mark,
    /// Letters (a letter lowercased, or a replacement of [`FOLDS`], which
    /// may be empty).
    Text(String),
    /// Anything else: a space between words.
    Separator,
}

impl Part {
    fn of(c: char) -> Self {
        if is_combining_mark(c) {
            Part::Mark
        } else if let Some((_, to)) = FOLDS.iter().find(|(from, _)| *from == c) {
            Part::Text((*to).to_string())
        } else if c.is_alphanumeric() {
            Part::Text(c.to_lowercase().collect())
        } else {
            Part::Separator
        }
    }
}

/// Folded text being written, and whether it ends with a space.
struct Folded {
    out: String,
    space: bool,
}

impl Folded {
    fn ascii(&mut self, c: char) {
        if c.is_ascii_alphanumeric() {
            self.out.push(c.to_ascii_lowercase());
            self.space = false;
        } else {
            self.separate();
        }
    }

    fn part(&mut self, part: &Part) {
        match part {
            Part::Mark => {}
            Part::Text(text) => {
                self.out.push_str(text);
                self.space = self.space && text.is_empty();
            }
            Part::Separator => self.separate(),
        }
    }

    fn separate(&mut self) {
        if !self.space {
            self.out.push(' ');
            self.space = true;
        }
    }
}

/// The tables of steps 1 and 2, for the manifest: `f` folds, `c`
/// conjunctions, `a` articles, `p` proclitics, `m` the letters kept after
/// an article and after a proclitic.
pub fn rules() -> Value {
    let folds: Vec<[String; 2]> = FOLDS
        .iter()
        .map(|(from, to)| [from.to_string(), (*to).to_string()])
        .collect();
    json!({
        "f": folds, "c": CONJUNCTIONS, "a": ARTICLES, "p": PROCLITICS,
        "m": [AFTER_ARTICLE, AFTER_PROCLITIC],
    })
}

fn is_arabic(word: &str) -> bool {
    word.chars().any(|c| ('\u{0600}'..='\u{06ff}').contains(&c))
}

fn length(word: &str) -> usize {
    word.chars().count()
}

/// The forms under which a folded word is indexed and searched (step 2).
pub fn forms(word: &str) -> Vec<&str> {
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_numeric() {
            vec![word]
        } else {
            Vec::new()
        };
    }
    if !is_arabic(word) {
        return vec![word];
    }
    let bare = without_article(word);
    let mut out = vec![bare];
    if bare == word {
        let rest = PROCLITICS.iter().find_map(|p| word.strip_prefix(p));
        if let Some(rest) = rest.filter(|r| length(r) >= AFTER_PROCLITIC) {
            let rest = without_article(rest);
            if rest != bare {
                out.push(rest);
            }
        }
    }
    out
}

fn without_article(word: &str) -> &str {
    let after_conjunction = CONJUNCTIONS
        .iter()
        .find_map(|c| word.strip_prefix(c))
        .filter(|rest| ARTICLES.iter().any(|a| rest.starts_with(a)));
    let word = after_conjunction.unwrap_or(word);
    ARTICLES
        .iter()
        .find_map(|a| word.strip_prefix(a))
        .filter(|rest| length(rest) >= AFTER_ARTICLE)
        .unwrap_or(word)
}

/// Keys of forms (step 3), remembered since a word recurs.
pub struct Keys {
    arabic: Stemmer,
    other: Option<Stemmer>,
    known: HashMap<String, String>,
}

impl Keys {
    /// Keys for a site language (`fr`, `en`, `es`, ...): its stemmer for
    /// words not in Arabic script, none when Snowball has none.
    pub fn new(lang: &str) -> Self {
        let other = match lang.split('-').next().unwrap_or_default() {
            "fr" => Some(Algorithm::French),
            "en" => Some(Algorithm::English),
            "es" => Some(Algorithm::Spanish),
            "pt" => Some(Algorithm::Portuguese),
            "de" => Some(Algorithm::German),
            "it" => Some(Algorithm::Italian),
            _ => None,
        };
        Self {
            arabic: Stemmer::create(Algorithm::Arabic),
            other: other.map(Stemmer::create),
            known: HashMap::new(),
        }
    }

    /// The key of a form.
    pub fn key(&mut self, form: &str) -> &str {
        if !self.known.contains_key(form) {
            let key = self.stem(form);
            self.known.insert(form.to_string(), key);
        }
        &self.known[form]
    }

    fn stem(&self, form: &str) -> String {
        if form.chars().all(char::is_numeric) {
            return form.to_string();
        }
        if is_arabic(form) {
            let restored = match form.strip_suffix('ه') {
                Some(stem) => format!("ال{stem}ة"),
                None => format!("ال{form}"),
            };
            return self.arabic.stem(&restored).into_owned();
        }
        match &self.other {
            Some(stemmer) => stemmer.stem(form).into_owned(),
            None => form.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{FOLDS, Keys, fold, forms};
    use unicode_normalization::UnicodeNormalization;
    use unicode_normalization::char::is_combining_mark;

    /// Folding by the definition: the whole text in NFD, marks dropped.
    fn fold_by_definition(text: &str) -> String {
        let mut out = String::new();
        let mut space = true;
        for c in text.nfd().filter(|c| !is_combining_mark(*c)) {
            if let Some((_, to)) = FOLDS.iter().find(|(from, _)| *from == c) {
                out.push_str(to);
                space = to.is_empty() && space;
            } else if c.is_alphanumeric() {
                out.extend(c.to_lowercase());
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
        }
        out.truncate(out.trim_end().len());
        out
    }

    proptest::proptest! {
        #[test]
        fn folding_character_by_character_equals_folding_the_nfd_text(
            text in "(\\PC|[a-zA-Z0-9 ,.'’éèêàçÉÂœ]|[\u{0600}-\u{06ff}]|[\u{0300}-\u{036f}]){0,40}"
        ) {
            proptest::prop_assert_eq!(fold(&text), fold_by_definition(&text));
        }
    }

    fn keys(lang: &str, text: &str) -> Vec<String> {
        let mut keys = Keys::new(lang);
        let folded = fold(text);
        let words = folded.split(' ').flat_map(forms);
        words.map(|f| keys.key(f).to_string()).collect()
    }

    #[test]
    fn folds_french_accents_and_case() {
        assert_eq!(
            fold("Bâtiments  ÉCOLE, l’économie"),
            "batiments ecole l economie"
        );
    }

    #[test]
    fn folds_arabic_marks_tatweel_alef_and_ta_marbuta() {
        assert_eq!(fold("المُعَلِّمُونَ"), "المعلمون");
        assert_eq!(fold("إقليم أصيلة آمنة"), "اقليم اصيله امنه");
        assert_eq!(fold("تعـــاونية"), "تعاونيه");
        assert_eq!(fold("مستشفى"), "مستشفي");
    }

    #[test]
    fn arabic_plurals_and_clitics_share_a_key() {
        let all = keys("ar", "تعاونية تعاونيات التعاونيات وبالتعاونيات تعاونيه");
        assert_eq!(all, ["تعاون"; 5]);
        assert_eq!(keys("ar", "للنساء النساء"), ["نساء"; 2]);
        assert_eq!(keys("ar", "فالعسل عسل"), ["عسل"; 2]);
    }

    #[test]
    fn a_proclitic_letter_also_yields_the_word_without_it() {
        assert_eq!(forms("باصيله"), ["باصيله", "اصيله"]);
        assert_eq!(forms("لزيت"), ["لزيت", "زيت"]);
        assert_eq!(forms("بني"), ["بني"], "two letters would be left");
        assert_eq!(forms("بالعسل"), ["عسل"], "an article is removed alone");
    }

    #[test]
    fn french_inflections_share_a_key_and_elisions_are_dropped() {
        assert_eq!(keys("fr", "coopérative coopératives"), ["cooper"; 2]);
        assert_eq!(keys("fr", "l'huile d'olive"), ["huil", "oliv"]);
        assert_eq!(keys("fr", "TTA-2023-014"), ["tta", "2023", "014"]);
    }
}
