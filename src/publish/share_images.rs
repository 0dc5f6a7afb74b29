//! Share pictures for link previews: each page's card
//! (`render::share::card`) drawn to PNG with resvg, in the fonts installed
//! on the machine.
//!
//! 1. The cards of every page, each once (pages showing the same picture
//!    share its file, named by the hash of its SVG).
//! 2. The installed fonts, checked to hold every character drawn: a
//!    missing font is an error naming it, never a blank or boxed picture.
//! 3. Each picture read from `.bayan-cache/share/` when an earlier build
//!    drew it with the same fonts, else drawn (in parallel) and kept there.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{self, fontdb};
use sha2::{Digest, Sha256};
use skrifa::MetadataProvider;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fsio;
use crate::locale::Locales;
use crate::model::Site;
use crate::render::share::card::{self, Card};
use crate::sink::Sink;

/// The folder of drawn pictures, under the site's root.
pub const CACHE_DIR: &str = ".bayan-cache/share";

/// Hands every page's share picture to the sink.
pub fn write(site: &Site<'_>, locales: &Locales, sink: &dyn Sink, diagnostics: &mut Diagnostics) {
    let cards = cards(site, locales);
    if cards.is_empty() {
        return;
    }
    let fonts = fsio::system_fonts();
    // Drawn all the same: a machine without fonts still builds the site,
    // and its pages never link to a picture that is not there.
    diagnostics.extend(uncovered(&fonts, &cards));
    if !sink.keeps_bytes() {
        // `check`: fonts checked, pictures named (links to them resolve).
        for path in cards.keys() {
            diagnostics.extend(sink.put(path, &[]).err().map(Diagnostic::from));
        }
        return;
    }
    let fonts = Fonts {
        fingerprint: fingerprint(&fonts),
        first_arabic: first_face(&fonts, &card::ARABIC_FONTS),
        options: usvg::Options {
            fontdb: Arc::new(fonts),
            ..usvg::Options::default()
        },
    };
    let root = &site.config.root;
    let found: Vec<Vec<Diagnostic>> = cards
        .par_iter()
        .map(|(path, card)| {
            let mut found = Vec::new();
            match picture(root, card, &fonts, &mut found) {
                Ok(png) => found.extend(sink.put(path, &png).err().map(Diagnostic::from)),
                Err(error) => found.push(error),
            }
            found
        })
        .collect();
    diagnostics.extend(found.into_iter().flatten());
}

/// Every distinct card of the site, by its published path.
pub fn cards(site: &Site<'_>, locales: &Locales) -> BTreeMap<String, Card> {
    if site.share_image.is_some() {
        return BTreeMap::new();
    }
    let found: Vec<(String, Card)> = site
        .pages
        .par_iter()
        .filter_map(|page| crate::render::share::page_card(site, locales, page))
        .map(|card| (card.path(), card))
        .collect();
    found.into_iter().collect()
}

struct Fonts<'a> {
    /// Names and sizes of the installed font files: other fonts draw other
    /// pictures, so they are part of a cached picture's name.
    fingerprint: String,
    /// The characters of the first font right-to-left cards ask for.
    first_arabic: BTreeSet<char>,
    options: usvg::Options<'a>,
}

/// The characters of the face usvg picks first for `families`.
fn first_face(fonts: &fontdb::Database, families: &[&str]) -> BTreeSet<char> {
    let mut names: Vec<fontdb::Family<'_>> =
        families.iter().map(|f| fontdb::Family::Name(f)).collect();
    names.push(fontdb::Family::SansSerif);
    let query = fontdb::Query {
        families: &names,
        ..fontdb::Query::default()
    };
    let Some(id) = fonts.query(&query) else {
        return BTreeSet::new();
    };
    fonts
        .with_face_data(id, |data, index| {
            let font = skrifa::FontRef::from_index(data, index).ok()?;
            let chars = font
                .charmap()
                .mappings()
                .filter_map(|(c, _)| char::from_u32(c));
            Some(chars.collect())
        })
        .flatten()
        .unwrap_or_default()
}

/// The picture of `card`, from the cache or drawn now.
fn picture(
    root: &Path,
    card: &Card,
    fonts: &Fonts<'_>,
    warnings: &mut Vec<Diagnostic>,
) -> Result<Vec<u8>, Diagnostic> {
    let svg = if card.rtl() {
        card.svg_with(&|c| fonts.first_arabic.contains(&c))
    } else {
        card.svg()
    };
    let cached = cache_path(root, &svg, &fonts.fingerprint);
    if let Ok(png) = fsio::read(&cached) {
        return Ok(png);
    }
    let png = draw(&svg, &fonts.options).map_err(|error| {
        Diagnostic::error(format!(
            "the share picture of “{}” could not be drawn: {error}",
            card.alt()
        ))
        .with_hint("turn share pictures off with [outputs] share_images = \"none\" in site.toml, and report this to Bayan's developers")
    })?;
    warnings.extend(remember(&cached, &png));
    Ok(png)
}

/// SVG to PNG.
pub fn draw(svg: &str, options: &usvg::Options<'_>) -> Result<Vec<u8>, String> {
    let tree = usvg::Tree::from_str(svg, options).map_err(|e| e.to_string())?;
    let mut pixmap = Pixmap::new(card::WIDTH, card::HEIGHT).ok_or("no room for the picture")?;
    resvg::render(&tree, Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| e.to_string())
}

fn cache_path(root: &Path, svg: &str, fingerprint: &str) -> PathBuf {
    let mut hash = Sha256::new();
    hash.update(svg.as_bytes());
    hash.update(fingerprint.as_bytes());
    let hex: String = hash.finalize()[..16]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    root.join(CACHE_DIR).join(format!("{hex}.png"))
}

fn fingerprint(fonts: &fontdb::Database) -> String {
    let mut names: Vec<String> = fonts
        .faces()
        .map(|face| format!("{}@{}", face.post_script_name, face.index))
        .collect();
    names.sort();
    names.join("\n")
}

/// An error naming the characters no installed font can draw, and the
/// first picture that needs them; `None` when every one is covered.
fn uncovered(fonts: &fontdb::Database, cards: &BTreeMap<String, Card>) -> Option<Diagnostic> {
    let wanted: BTreeSet<char> = cards
        .values()
        .flat_map(|card| card.text().chars().collect::<Vec<_>>())
        .filter(|c| !c.is_whitespace() && !c.is_control() && !card::is_invisible(*c))
        .collect();
    let mut missing = wanted;
    for face in fonts.faces() {
        if missing.is_empty() {
            return None;
        }
        fonts.with_face_data(face.id, |data, index| {
            if let Ok(font) = skrifa::FontRef::from_index(data, index) {
                let charmap = font.charmap();
                missing.retain(|c| charmap.map(*c).is_none());
            }
        });
    }
    if missing.is_empty() {
        return None;
    }
    let shown: String = missing.iter().take(12).collect();
    let first = missing.first().copied()?;
    let example = cards.values().find(|c| c.text().contains(first));
    let count = fonts.faces().count();
    Some(
        Diagnostic::warning(format!(
            "no installed font can draw “{shown}” in the share pictures ({count} fonts found), so they are drawn without it{}",
            example.map_or(String::new(), |c| format!(" (needed for “{}”, {})", c.alt(), c.lang))
        ))
        .with_hint("install fonts that cover the site's languages (on Debian or Ubuntu: apt-get install fonts-noto-core), or turn the pictures off with [outputs] share_images = \"none\" in site.toml"),
    )
}

/// Keeps a picture for the next build, written beside and renamed so that
/// a build running at the same time never reads half a file; a cache that
/// cannot be written only costs time: a warning, not an error.
fn remember(path: &Path, bytes: &[u8]) -> Option<Diagnostic> {
    let parent = path.parent()?;
    let partial = path.with_extension(format!("png.{}.part", std::process::id()));
    let error = fsio::create_dir_all(parent)
        .and_then(|()| fsio::write(&partial, bytes))
        .and_then(|()| fsio::rename(&partial, path))
        .err()?;
    Some(
        Diagnostic::warning(format!(
            "the share picture could not be kept for the next build: {}",
            error.source
        ))
        .in_file(path)
        .with_hint(
            "the site is complete; make .bayan-cache/ writable so pictures are not drawn again",
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Severity;

    fn drawn(card: &Card) -> image::RgbaImage {
        let options = usvg::Options {
            fontdb: Arc::new(fsio::system_fonts()),
            ..usvg::Options::default()
        };
        let png = draw(&card.svg(), &options).expect("drawn");
        image::load_from_memory(&png).expect("a PNG").to_rgba8()
    }

    /// The columns holding dark (title) ink in the title's first line.
    fn ink(picture: &image::RgbaImage) -> Vec<u32> {
        (0..card::WIDTH)
            .filter(|&x| (140..236).any(|y| picture.get_pixel(x, y).0[0] < 90))
            .collect()
    }

    #[test]
    fn arabic_runs_right_to_left_with_latin_words_on_the_left() {
        let word = drawn(&Card::sample("ar", true, "بيان", None));
        let both = drawn(&Card::sample("ar", true, "بيان ESS", None));
        let (word_ink, both_ink) = (ink(&word), ink(&both));
        assert!(!word_ink.is_empty(), "the title is drawn");
        // Right-aligned at the reading side's margin.
        assert!(word_ink.iter().max() > Some(&1100) && both_ink.iter().max() > Some(&1100));
        // The word stays where it was, rightmost; the number goes to its left.
        let start = word_ink[0];
        let same = (start..card::WIDTH)
            .all(|x| (140..236).all(|y| word.get_pixel(x, y) == both.get_pixel(x, y)));
        assert!(same, "the word moved: the line did not run right to left");
        assert!(both_ink[0] + 60 < start, "the Latin word is on the left");
    }

    #[test]
    fn arabic_letters_are_joined() {
        let picture = drawn(&Card::sample("ar", true, "ببببب", None));
        let columns = ink(&picture);
        let (first, last) = (columns[0], columns[columns.len() - 1]);
        // Joined letters run as one stroke: no empty column between them.
        assert_eq!(columns.len() as u32, last - first + 1, "{columns:?}");
        assert!(last - first > 100, "five letters drawn");
    }

    #[test]
    fn a_machine_without_fonts_gets_a_warning_naming_what_to_install() {
        let cards = BTreeMap::from([(
            "share/x.png".to_string(),
            Card::sample("ar", true, "بيان", None),
        )]);
        let warning = uncovered(&fontdb::Database::new(), &cards).expect("a warning");
        assert_eq!(warning.severity, Severity::Warning);
        let text = format!("{warning:?}");
        assert!(text.contains("no installed font can draw"), "{text}");
        assert!(
            text.contains("0 fonts found") && text.contains("بيان"),
            "{text}"
        );
        assert!(text.contains("fonts-noto-core"), "{text}");
        // With the machine's fonts, the same card is covered.
        assert!(uncovered(&fsio::system_fonts(), &cards).is_none());
    }
}
