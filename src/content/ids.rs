//! Heading ids: stable, readable anchors from heading text, in any script.
//!
//! Latin letters are lowercased and lose their accents (`Comité` → `comite`),
//! Arabic letters are kept as they are (without tashkeel or tatweel), spaces
//! and hyphens become one hyphen, other punctuation is dropped. A repeated id
//! gets `-1`, `-2`... so every id in a document is unique, and unique
//! against the ids the theme gives its own elements ([`THEME_IDS`]).

use std::collections::{HashMap, HashSet};

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::decompose_canonical;

/// The id used when a heading has no letter or digit at all.
const FALLBACK_ID: &str = "section";

/// The ids the theme's templates give their own elements (the `main`
/// landmark, the table of contents' title...): a heading never takes one.
/// A test checks that every literal id of the default theme is here.
pub const THEME_IDS: [&str; 35] = [
    "audit",
    "boundaries",
    "browse-title",
    "chart-indicators",
    "chart-indicators-caption",
    "chart-indicators-d",
    "details-title",
    "explore-title",
    "facts-title",
    "feedback",
    "figures-title",
    "filter-sort",
    "filter-title",
    "history",
    "how-to-cite",
    "indicators-table",
    "issues",
    "licence",
    "lists-title",
    "main",
    "news-title",
    "personal-data",
    "publisher",
    "record-count",
    "record-empty",
    "record-filter",
    "record-item",
    "report",
    "sample-data",
    "search-hint",
    "search-q",
    "state",
    "toc-title",
    "tools",
    "what-happens",
];

/// Hands out unique ids within one document.
#[derive(Debug)]
pub struct IdAllocator {
    used: HashSet<String>,
    /// The next number to try for each base id, so that a thousand equal
    /// headings cost a thousand look-ups, not half a million.
    next: HashMap<String, usize>,
    /// Look-ups made so far: a measure of work for tests.
    probes: usize,
}

impl Default for IdAllocator {
    fn default() -> Self {
        Self {
            used: THEME_IDS.iter().map(|id| id.to_string()).collect(),
            next: HashMap::new(),
            probes: 0,
        }
    }
}

impl IdAllocator {
    /// A unique id for a heading with this text.
    pub fn allocate(&mut self, text: &str) -> String {
        let base = slugify(text);
        self.probes += 1;
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = self.next.get(&base).copied().unwrap_or(1);
        let id = loop {
            let id = format!("{base}-{n}");
            self.probes += 1;
            n += 1;
            if !self.used.contains(&id) {
                break id;
            }
        };
        self.next.insert(base, n);
        self.used.insert(id.clone());
        id
    }

    /// How many ids were looked up so far.
    #[cfg(test)]
    pub fn probes(&self) -> usize {
        self.probes
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

    #[test]
    fn keeps_clear_of_the_theme_ids() {
        let mut ids = IdAllocator::default();
        assert_eq!(ids.allocate("Main"), "main-1");
        assert_eq!(ids.allocate("Main"), "main-2");
        assert_eq!(ids.allocate("toc title"), "toc-title-1");
        assert_eq!(ids.allocate("لجنة التتبع"), "لجنة-التتبع");
        assert_eq!(ids.allocate("لجنة التتبع"), "لجنة-التتبع-1");
    }

    #[test]
    fn dedupes_many_equal_headings_in_linear_work() {
        let mut ids = IdAllocator::default();
        let n = 20_000;
        for _ in 0..n {
            ids.allocate("Budget");
        }
        assert_eq!(ids.allocate("Budget"), format!("budget-{n}"));
        assert!(
            ids.probes() <= 3 * n,
            "{} look-ups for {n} headings",
            ids.probes()
        );
    }

    #[test]
    fn skips_numbered_ids_already_taken_once() {
        let mut ids = IdAllocator::default();
        for text in ["a 1", "a 2", "a", "a", "a"] {
            ids.allocate(text);
        }
        assert_eq!(ids.allocate("a"), "a-5");
    }

    /// Every literal `id="…"` of the default theme's templates is reserved.
    #[test]
    fn reserves_every_literal_id_of_the_theme() {
        let root =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates");
        let pattern = regex::Regex::new(r#"\bid="([^"{]+)""#).expect("a valid pattern");
        let mut found = HashSet::new();
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.expect("a readable templates folder");
            if entry.file_type().is_file() {
                let text = std::fs::read_to_string(entry.path()).expect("a template");
                found.extend(pattern.captures_iter(&text).map(|c| c[1].to_string()));
            }
        }
        assert!(found.contains("main"), "{found:?}");
        let missing: Vec<_> = found
            .iter()
            .filter(|id| !THEME_IDS.contains(&id.as_str()))
            .collect();
        assert!(missing.is_empty(), "add to THEME_IDS: {missing:?}");
    }
}
