//! The site's primary colour and the palette the theme derives from it,
//! checked for contrast (WCAG 2.2): text on the colour at least 4.5:1 (the
//! theme picks white or near-black, whichever is higher), and the colour
//! at least 3:1 against the white page, for borders and the focus ring.

use serde::Serialize;
use toml::Spanned;

use super::raw::RawPalette;
use super::validate::Validator;

/// The theme's own blue, used when the site declares no colour.
pub const DEFAULT_PRIMARY: &str = "#0b5c7a";
const PAGE: Rgb = Rgb(255, 255, 255);
const NEAR_BLACK: Rgb = Rgb(0x1b, 0x1f, 0x24);

/// Colours as `#rrggbb`, for the stylesheet's custom properties.
#[derive(Debug, Clone, Serialize)]
pub struct Palette {
    pub primary: String,
    /// Text drawn on the primary colour.
    pub on_primary: String,
    /// Link text: the colour itself when it reaches 4.5:1 on the page,
    /// else the colour darkened until it does.
    pub link: String,
    /// Hover and pressed states: the colour mixed with 30% black.
    pub primary_dark: String,
    /// Light tints for backgrounds and hatching: 88% and 50% white.
    pub light: String,
    pub mid: String,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Rgb(u8, u8, u8);

impl Rgb {
    fn parse(text: &str) -> Option<Rgb> {
        let hex = text.strip_prefix('#')?;
        let long: String = match hex.len() {
            3 => hex.chars().flat_map(|c| [c, c]).collect(),
            6 => hex.to_string(),
            _ => return None,
        };
        let byte = |i: usize| u8::from_str_radix(long.get(i..i + 2)?, 16).ok();
        Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
    }

    /// WCAG relative luminance.
    fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// `self` moved toward `to` by `share` (0 to 1).
    fn mix(self, to: Rgb, share: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * share).round() as u8;
        Rgb(m(self.0, to.0), m(self.1, to.1), m(self.2, to.2))
    }

    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// The palette of a colour, or the contrasts that fail (as a sentence).
fn derive(primary: Rgb) -> Result<Palette, String> {
    let page = primary.contrast(PAGE);
    let (white, dark) = (primary.contrast(PAGE), primary.contrast(NEAR_BLACK));
    let (on, text) = if white >= dark {
        (PAGE, white)
    } else {
        (NEAR_BLACK, dark)
    };
    if page < 3.0 || text < 4.5 {
        return Err(format!(
            "against the white page {page:.2}:1 (3:1 needed for borders and focus); \
             white text on it {white:.2}:1, near-black text {dark:.2}:1 (4.5:1 needed)"
        ));
    }
    Ok(Palette {
        primary: primary.hex(),
        on_primary: on.hex(),
        link: readable(primary).hex(),
        primary_dark: primary.mix(Rgb(0, 0, 0), 0.3).hex(),
        light: primary.mix(PAGE, 0.88).hex(),
        mid: primary.mix(PAGE, 0.5).hex(),
    })
}

/// The colour, darkened in steps of 5% black until it reads on the page.
fn readable(colour: Rgb) -> Rgb {
    (0..=20)
        .map(|step| colour.mix(Rgb(0, 0, 0), f64::from(step) / 20.0))
        .find(|c| c.contrast(PAGE) >= 4.5)
        .unwrap_or(Rgb(0, 0, 0))
}

impl Validator<'_> {
    pub(super) fn palette(&mut self, raw: RawPalette) -> Palette {
        let fallback = || derive(Rgb::parse(DEFAULT_PRIMARY).expect("a colour")).expect("passes");
        let Some(primary) = raw.primary else {
            return fallback();
        };
        let Some(rgb) = Rgb::parse(primary.get_ref()) else {
            self.error(
                format!("`{}` is not a colour", primary.get_ref()),
                primary.span(),
            )
            .hint = Some("write it as six hexadecimal digits after #, such as \"#0b5c7a\"".into());
            return fallback();
        };
        match derive(rgb) {
            Ok(palette) => palette,
            Err(ratios) => {
                self.contrast_error(&primary, &ratios);
                fallback()
            }
        }
    }

    fn contrast_error(&mut self, primary: &Spanned<String>, ratios: &str) {
        self.error(
            format!(
                "the primary colour {} has too little contrast: {ratios}",
                primary.get_ref()
            ),
            primary.span(),
        )
        .hint = Some(
            "choose a darker colour (a mid or deep tone reads on white and carries white text)"
                .into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_blue_carries_white_text_and_reads_on_the_page() {
        let p = derive(Rgb::parse(DEFAULT_PRIMARY).expect("a colour")).expect("passes");
        assert_eq!(
            (p.primary.as_str(), p.on_primary.as_str()),
            ("#0b5c7a", "#ffffff")
        );
        assert_eq!(Rgb::parse("#fff"), Some(PAGE));
        assert!((PAGE.contrast(Rgb(0, 0, 0)) - 21.0).abs() < 1e-9);
    }

    #[test]
    fn a_colour_between_3_and_4_5_to_1_gets_darker_link_text() {
        let orange = Rgb::parse("#e0661c").expect("a colour");
        let contrast = orange.contrast(PAGE);
        assert!((3.0..4.5).contains(&contrast), "{contrast}");
        let p = derive(orange).expect("passes for borders");
        assert_ne!(p.link, p.primary);
        assert!(Rgb::parse(&p.link).expect("a colour").contrast(PAGE) >= 4.5);
    }

    #[test]
    fn a_light_colour_fails_naming_its_ratios() {
        let error = derive(Rgb::parse("#ffdd00").expect("a colour")).expect_err("fails");
        assert!(
            error.starts_with("against the white page 1.35:1"),
            "{error}"
        );
        assert!(error.contains("near-black text 12.30:1"), "{error}");
    }
}
