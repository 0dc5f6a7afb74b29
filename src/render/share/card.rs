//! The picture a link preview shows (Open Graph `og:image`): the site's
//! name, the page's title and its key figure, drawn as SVG here and turned
//! into PNG by `publish::share_images`. A picture is named by the hash of
//! its SVG, so pages that would show the same picture (the pages of one
//! list) share one file, and an unchanged picture keeps its name.

use rust_decimal::Decimal;
use sha2::{Digest, Sha256};

use crate::config::{Direction, ShareImages};
use crate::html::escape;
use crate::locale::Locales;
use crate::model::{FigureKind, Page, PageKey, Site};

/// The size link previews expect (1.91:1).
pub const WIDTH: u32 = 1200;
pub const HEIGHT: u32 = 630;

/// Fonts asked for first (then the generic sans-serif); any installed
/// font with the glyph fills in.
pub const LATIN_FONTS: [&str; 2] = ["Noto Sans", "DejaVu Sans"];
pub const ARABIC_FONTS: [&str; 3] = ["Noto Sans Arabic", "Noto Sans", "DejaVu Sans"];

/// Title lines: about 30 characters fit in 1040 pixels at 60 pixels.
const LINE_CHARS: usize = 30;
const MAX_LINES: usize = 3;

/// What one picture shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub lang: String,
    rtl: bool,
    site_title: String,
    /// The page's own title; `None` for a page that is the site itself.
    title: Option<String>,
    /// A key figure's label and its formatted value.
    figure: Option<(String, String)>,
    primary: String,
    on_primary: String,
    accent: String,
}

/// The card of `page`, with `title` its own title (`None` for the home
/// page); `None` when share pictures are off. A record's page shows its
/// language's home card unless every page gets its own.
pub fn card(site: &Site<'_>, locales: &Locales, page: &Page, title: Option<&str>) -> Option<Card> {
    let mode = site.config.outputs.share_images;
    let home = PageKey::Home;
    let (key, title) = match (&page.key, mode) {
        (_, ShareImages::None) => return None,
        (PageKey::Project(_), ShareImages::ExceptRecords) => (&home, None),
        (key, _) => (key, title),
    };
    let lang = page.lang.as_str();
    let language = site.config.language(lang)?;
    let palette = &site.config.palette;
    Some(Card {
        lang: lang.to_string(),
        rtl: language.direction == Direction::Rtl,
        site_title: language.title.clone(),
        title: title.map(str::to_string),
        figure: figure(site, locales, key, lang),
        primary: palette.primary.clone(),
        on_primary: palette.on_primary.clone(),
        accent: palette.link.clone(),
    })
}

/// The first key figure, for the page's scope: a record's own value (its
/// first summed figure), a facet value's total, else the programme's.
fn figure(
    site: &Site<'_>,
    locales: &Locales,
    key: &PageKey,
    lang: &str,
) -> Option<(String, String)> {
    let (index, value) = match key {
        PageKey::Article(_) | PageKey::Page(_) => return None,
        PageKey::Project(record) => {
            let index = site
                .key_figures
                .iter()
                .position(|f| matches!(f.kind, FigureKind::Sum { .. }))?;
            let FigureKind::Sum { field, .. } = &site.key_figures[index].kind else {
                return None;
            };
            let row = site.table.rows.get(site.records.get(*record)?.row)?;
            let value = site.table.value(row, field)?.as_decimal()?;
            (index, value)
        }
        PageKey::FacetValue { facet, value, .. } => {
            let found = site.facets.get(*facet)?.values.get(*value)?;
            (0, found.figures.get(0))
        }
        _ => (0, site.total(0)),
    };
    let figure = site.key_figures.get(index)?;
    let label = site.config.key_figures.get(index)?.label.get(lang)?.clone();
    Some((label, formatted(locales, lang, &figure.kind, value)?))
}

fn formatted(locales: &Locales, lang: &str, kind: &FigureKind, value: Decimal) -> Option<String> {
    let locale = locales.get(lang)?;
    Some(match kind {
        FigureKind::Sum { unit: Some(_), .. } => {
            let pattern = locales
                .lookup(lang, "money.pattern", None)
                .map_or_else(|| "{amount}".to_string(), |found| found.text);
            locale.money(value.round(), &pattern)
        }
        _ => locale.decimal(value, 0),
    })
}

impl Card {
    /// A card with the default site's colours, for tests elsewhere.
    #[cfg(test)]
    pub fn sample(lang: &str, rtl: bool, title: &str, figure: Option<(&str, &str)>) -> Card {
        Card {
            lang: lang.to_string(),
            rtl,
            site_title: "Bayan".to_string(),
            title: Some(title.to_string()),
            figure: figure.map(|(l, v)| (l.to_string(), v.to_string())),
            primary: "#0b5c7a".to_string(),
            on_primary: "#ffffff".to_string(),
            accent: "#0b5c7a".to_string(),
        }
    }

    /// Where the picture is published: `share/` and the hash of its SVG.
    pub fn path(&self) -> String {
        let hash = Sha256::digest(self.svg().as_bytes());
        let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        format!("share/{hex}.png")
    }

    /// What the picture says, for `og:image:alt`.
    pub fn alt(&self) -> String {
        let mut parts = vec![self.title.clone().unwrap_or(self.site_title.clone())];
        if let Some((label, value)) = &self.figure {
            parts.push(format!("{label}: {value}"));
        }
        parts.join(" · ")
    }

    /// Every character drawn, for checking that fonts cover them.
    pub fn text(&self) -> String {
        let mut text = self.site_title.clone();
        text.extend(self.title.iter().map(String::as_str));
        if let Some((label, value)) = &self.figure {
            text.push_str(label);
            text.push_str(value);
        }
        text
    }

    /// Whether the card is right to left.
    pub fn rtl(&self) -> bool {
        self.rtl
    }

    /// The picture as SVG, as it is named.
    pub fn svg(&self) -> String {
        self.svg_with(&|_| true)
    }

    /// The picture as SVG: a band of the primary colour with the site's
    /// name, the title in up to three lines, the figure large below it.
    /// Characters that `covered` says the first font lacks (a `·` in an
    /// Arabic font) are drawn in the Latin fonts: usvg falls back to
    /// another font only when it shapes the whole line alike.
    pub fn svg_with(&self, covered: &dyn Fn(char) -> bool) -> String {
        let mut body = String::new();
        let line = |text: &str, y: u32, size: u32, weight: &str, fill: &str| {
            self.line(text, covered, (y, size), weight, fill)
        };
        body.push_str(&line(&self.site_title, 74, 34, "400", &self.on_primary));
        let title = self.title.as_deref().unwrap_or(&self.site_title);
        for (n, text) in wrap(title, LINE_CHARS, MAX_LINES).iter().enumerate() {
            let y = 210 + 74 * n as u32;
            body.push_str(&line(text, y, 58, "700", "#1b1f24"));
        }
        if let Some((label, value)) = &self.figure {
            body.push_str(&line(value, 500, 76, "700", &self.accent));
            body.push_str(&line(label, 556, 34, "400", "#3d434a"));
        }
        let (primary, fonts) = (escape(&self.primary), self.fonts());
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{WIDTH}\" height=\"{HEIGHT}\" \
             viewBox=\"0 0 {WIDTH} {HEIGHT}\" font-family=\"{fonts}\">\
             <rect width=\"{WIDTH}\" height=\"{HEIGHT}\" fill=\"#ffffff\"/>\
             <rect width=\"{WIDTH}\" height=\"112\" fill=\"{primary}\"/>\
             <rect y=\"606\" width=\"{WIDTH}\" height=\"24\" fill=\"{primary}\"/>{body}</svg>"
        )
    }

    /// The first fonts asked for.
    pub fn families(&self) -> &'static [&'static str] {
        if self.rtl {
            &ARABIC_FONTS
        } else {
            &LATIN_FONTS
        }
    }

    fn fonts(&self) -> String {
        family_list(self.families())
    }

    /// One line of text at the reading side's margin. usvg lays out every
    /// paragraph left to right, so right-to-left text is put inside a
    /// right-to-left embedding (U+202B … U+202C): its words and the numbers
    /// in it then run from the right, as in the page.
    fn line(
        &self,
        text: &str,
        covered: &dyn Fn(char) -> bool,
        (y, size): (u32, u32),
        weight: &str,
        fill: &str,
    ) -> String {
        let (x, anchor, text) = if self.rtl {
            (WIDTH - 80, "end", format!("\u{202b}{text}\u{202c}"))
        } else {
            (80, "start", text.to_string())
        };
        let latin = family_list(&LATIN_FONTS);
        let mut content = String::new();
        for (run, own) in runs(&text, covered) {
            if own {
                content.push_str(&escape(run));
            } else {
                content.push_str(&format!(
                    "<tspan font-family=\"{latin}\">{}</tspan>",
                    escape(run)
                ));
            }
        }
        format!(
            "<text x=\"{x}\" y=\"{y}\" font-size=\"{size}\" font-weight=\"{weight}\" \
             text-anchor=\"{anchor}\" fill=\"{}\">{content}</text>",
            escape(fill)
        )
    }
}

/// Font families for a `font-family` attribute.
fn family_list(families: &[&str]) -> String {
    let quoted: Vec<String> = families.iter().map(|f| format!("'{f}'")).collect();
    format!("{}, sans-serif", quoted.join(", "))
}

/// `text` cut where `covered` changes, each run with whether it is
/// covered; spaces and invisible controls join the run they are in.
fn runs<'t>(text: &'t str, covered: &dyn Fn(char) -> bool) -> Vec<(&'t str, bool)> {
    let mut out: Vec<(&str, bool)> = Vec::new();
    let mut start = 0;
    let mut state: Option<bool> = None;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() || is_invisible(c) {
            continue;
        }
        let now = covered(c);
        match state {
            Some(was) if was != now => {
                out.push((&text[start..at], was));
                start = at;
            }
            _ => {}
        }
        state = Some(now);
    }
    out.push((&text[start..], state.unwrap_or(true)));
    out
}

/// Bidirectional controls and zero-width joiners: drawn as nothing.
pub fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// `text` in lines of at most about `width` characters, broken between
/// words; past `lines` lines, the last ends with an ellipsis.
fn wrap(text: &str, width: usize, lines: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let fits = current.chars().count() + 1 + word.chars().count() <= width;
        if current.is_empty() || fits {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        } else {
            out.push(std::mem::take(&mut current));
            current.push_str(word);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    if out.len() > lines {
        out.truncate(lines);
        if let Some(last) = out.last_mut() {
            last.push('…');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_titles_wrap_between_words_and_end_with_an_ellipsis() {
        let text = "un deux trois quatre cinq six sept huit neuf dix onze";
        assert_eq!(wrap(text, 12, 3), ["un deux", "trois quatre", "cinq six…"]);
        assert_eq!(wrap("court", 12, 3), ["court"]);
        // A word longer than a line stays whole on its own line.
        assert_eq!(
            wrap("a abcdefghijklmnop b", 5, 3),
            ["a", "abcdefghijklmnop", "b"]
        );
    }

    #[test]
    fn characters_the_first_font_lacks_are_cut_into_their_own_runs() {
        let arabic = |c: char| ('\u{600}'..='\u{6ff}').contains(&c);
        assert_eq!(
            runs("جهة · طنجة", &arabic),
            [("جهة ", true), ("· ", false), ("طنجة", true)]
        );
        assert_eq!(runs("", &arabic), [("", true)]);
    }
}
