//! Heading ids: stable, readable anchors from heading text, in any script.
//!
//! Latin letters are lowercased and lose their accents (`Comité` → `comite`),
//! Arabic letters are kept as they are (without tashkeel or tatweel), spaces
//! and hyphens become one hyphen, other punctuation is dropped. A repeated id
//! gets `-1`, `-2`... so every id in a document is unique.

use std::collections::HashSet;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_canonical;

/// The id used when a heading has no letter or digit at all.
const FALLBACK_ID: &str = "section";

/// Hands out unique ids within one document.
#[derive(Debug, Default)]
pub struct IdAllocator {
    used: HashSet<String>,
}

impl IdAllocator {
    /// A unique id for a heading with this text.
    pub fn allocate(&mut self, text: &str) -> String {
        let base = slugify(text);
        let mut id = base.clone();
        let mut n = 0;
        while self.used.contains(&id) {
            n += 1;
            id = format!("{base}-{n}");
        }
        self.used.insert(id.clone());
        id
    }
}

/// The id for a heading's text, before de-duplication.
pub fn slugify(text: &str) -> String {
    let mut id = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    for c in text.nfc() {
        if is_separator(c) {
            pending_hyphen = !id.is_empty();
            continue;
        }
        let Some(kept) = keep(c) else { continue };
        if pending_hyphen {
            id.push('-');
            pending_hyphen = false;
        }
        id.extend(kept.to_lowercase());
    }
    if id.is_empty() {
        FALLBACK_ID.to_string()
    } else {
        id
    }
}

fn is_separator(c: char) -> bool {
    c.is_whitespace() || matches!(c, '-' | '_' | '\u{2010}'..='\u{2015}')
}

/// The character to keep for `c`, if any: ASCII as is, a Latin letter
/// without its accent, any other letter or digit as is (Arabic included).
fn keep(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c);
    }
    if is_arabic_mark(c) {
        return None;
    }
    let mut base = None;
    decompose_canonical(c, |d| {
        base.get_or_insert(d);
    });
    match base {
        Some(b) if b.is_ascii_alphabetic() => Some(b),
        _ if c.is_alphanumeric() => Some(c),
        _ => None,
    }
}

/// Tashkeel (short vowels, shadda, sukun...), the superscript alef, and tatweel.
fn is_arabic_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercases_latin_and_drops_accents_and_punctuation() {
        assert_eq!(slugify("Le Comité de suivi !"), "le-comite-de-suivi");
        assert_eq!(slugify("  Objectifs (2023–2025) "), "objectifs-2023-2025");
        assert_eq!(slugify("L'économie sociale"), "leconomie-sociale");
    }

    #[test]
    fn keeps_arabic_letters_without_tashkeel_or_tatweel() {
        assert_eq!(slugify("لجنة التتبع"), "لجنة-التتبع");
        assert_eq!(slugify("الأهداف الثمانية"), "الأهداف-الثمانية");
        assert_eq!(slugify("مُـحَمَّد"), "محمد");
    }

    #[test]
    fn falls_back_when_nothing_is_left() {
        assert_eq!(slugify("?!"), "section");
        assert_eq!(slugify(""), "section");
    }

    #[test]
    fn dedupes_repeated_ids_with_a_number() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("Budget"), "budget");
        assert_eq!(ids.allocate("Budget"), "budget-1");
        assert_eq!(ids.allocate("budget"), "budget-2");
        assert_eq!(ids.allocate("Budget 1"), "budget-1-1");
    }
}
