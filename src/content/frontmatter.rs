//! Front matter: TOML between a first line `+++` and a closing `+++` line.
//!
//! 1. [`split`] finds the two fences (BOM and CRLF tolerated by the caller
//!    and here) and returns the TOML with its offset in the file.
//! 2. The TOML is read into [`RawFrontMatter`] (`deny_unknown_fields`, every
//!    value keeps its span); a TOML error is placed at its line in the file.
//! 3. [`Checker`] validates the raw values into a [`FrontMatter`], reporting
//!    each problem at the value it concerns.

use std::ops::Range;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::diagnostics::{Diagnostic, Location, Severity, suggest};
use crate::input_text::forbidden_control_char;

/// The keys a writer may use, for "did you mean" hints.
const KEYS: [&str; 7] = [
    "title", "date", "updated", "summary", "tags", "draft", "image",
];
const IMAGE_KEYS: [&str; 2] = ["src", "alt"];

const EXAMPLE: &str = "+++\ntitle = \"…\"\ndate = 2023-08-08\n+++";

/// The validated front matter of a document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FrontMatter {
    pub title: String,
    pub date: Option<Date>,
    pub updated: Option<Date>,
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub draft: bool,
    pub image: Option<Image>,
}

/// An illustration: both a source and a text alternative are required.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    pub src: String,
    pub alt: String,
}

/// The front matter as written, before validation.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFrontMatter {
    title: Option<Spanned<String>>,
    date: Option<Spanned<toml::Value>>,
    updated: Option<Spanned<toml::Value>>,
    summary: Option<String>,
    #[serde(default)]
    tags: Vec<Spanned<String>>,
    #[serde(default)]
    draft: bool,
    image: Option<Spanned<RawImage>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImage {
    src: Spanned<String>,
    alt: Option<Spanned<String>>,
}

/// Where the front matter and the body are in a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Split<'a> {
    pub front: &'a str,
    pub front_start: usize,
    pub body: &'a str,
    pub body_start: usize,
}

/// Splits a file into its front matter and its body.
pub fn split(source: &str) -> Result<Split<'_>, Box<Diagnostic>> {
    let mut lines = source.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if !is_fence(first) {
        let hint =
            format!("start the file with its title and date between two `+++` lines:\n{EXAMPLE}");
        return Err(Box::new(
            Diagnostic::coded(Severity::Error, "front-matter-missing", Vec::new())
                .with_label("expected `+++` on the first line")
                .with_hint(hint),
        ));
    }
    let front_start = first.len();
    let mut offset = front_start;
    for line in lines {
        if is_fence(line) {
            return Ok(Split {
                front: &source[front_start..offset],
                front_start,
                body: &source[offset + line.len()..],
                body_start: offset + line.len(),
            });
        }
        offset += line.len();
    }
    Err(Box::new(
        Diagnostic::coded(Severity::Error, "front-matter-not-closed", Vec::new())
            .with_label("this `+++` has no closing `+++`"),
    ))
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "+++"
}

/// Reads and validates the front matter of `source` (a whole file, BOM
/// removed); `require_date` for articles. All problems are returned.
pub fn parse(
    source: &str,
    split: &Split,
    file: &Path,
    require_date: bool,
) -> Result<FrontMatter, Vec<Diagnostic>> {
    let mut checker = Checker {
        source,
        file,
        offset: split.front_start,
        problems: Vec::new(),
    };
    checker.control_characters(split.front);
    if !checker.problems.is_empty() {
        return Err(checker.problems);
    }
    let (mut table, errors) = DeTable::parse_recoverable(split.front);
    if !errors.is_empty() {
        return Err(errors.iter().map(|e| checker.toml_error(e)).collect());
    }
    checker.drop_unknown_keys(table.get_mut(), &KEYS);
    for (key, value) in table.get_mut().iter_mut() {
        if let (true, DeValue::Table(image)) = (key.get_ref() == "image", value.get_mut()) {
            checker.drop_unknown_keys(image, &IMAGE_KEYS);
        }
    }
    match RawFrontMatter::deserialize(toml::de::Deserializer::from(table)) {
        Ok(raw) => checker.validate(raw, require_date),
        Err(error) => {
            let diagnostic = checker.toml_error(&error);
            checker.problems.push(diagnostic);
            Err(checker.problems)
        }
    }
}

struct Checker<'a> {
    source: &'a str,
    file: &'a Path,
    offset: usize,
    problems: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// A location from a span within the front matter.
    fn at(&self, span: Range<usize>) -> Location {
        Location::at(
            self.source,
            span.start + self.offset..span.end + self.offset,
        )
    }

    /// The opening `+++`, for what is missing altogether.
    fn opening_fence(&self) -> Location {
        Location::at(self.source, 0..3)
    }

    /// An error from the catalogue (`code`, with the values it names).
    fn report(&mut self, location: Location, code: &'static str, args: Args) {
        let diagnostic = Diagnostic::coded(Severity::Error, code, args).at(self.file, location);
        self.problems.push(diagnostic);
    }

    /// Every control character TOML would refuse with an obscure message.
    fn control_characters(&mut self, front: &str) {
        let mut from = 0;
        while let Some((offset, c)) = forbidden_control_char(&front[from..]) {
            let at = from + offset;
            let location = self.at(at..at + c.len_utf8());
            let character = format!("U+{:04X}", u32::from(c));
            let args = vec![("character", character)];
            self.report(location, "front-matter-control-character", args);
            from = at + c.len_utf8();
        }
    }

    fn toml_error(&self, error: &toml::de::Error) -> Diagnostic {
        let location = self.at(error.span().unwrap_or(0..0));
        let message = error.message().lines().next().unwrap_or_default().trim();
        let args = vec![("detail", message.to_string())];
        Diagnostic::coded(Severity::Error, "front-matter-invalid", args).at(self.file, location)
    }

    /// Reports and removes the keys of `table` that are not in `known`, so
    /// that every unknown key is reported and the rest is still checked.
    fn drop_unknown_keys(&mut self, table: &mut DeTable, known: &[&str]) {
        let unknown: Vec<_> = table
            .keys()
            .filter(|key| !known.contains(&key.get_ref().as_ref()))
            .map(|key| (key.get_ref().to_string(), key.span()))
            .collect();
        for (key, span) in &unknown {
            let mut args = vec![("key", key.clone()), ("keys", known.join(", "))];
            args.extend(suggest(key, known.iter().copied()).map(|s| ("suggestion", s.to_string())));
            let at = self.at(span.clone());
            self.report(at, "front-matter-unknown-key", args);
        }
        for (key, _) in &unknown {
            table.remove(key.as_str());
        }
    }

    fn validate(
        mut self,
        raw: RawFrontMatter,
        require_date: bool,
    ) -> Result<FrontMatter, Vec<Diagnostic>> {
        let front = FrontMatter {
            title: self.title(raw.title),
            date: self.date(raw.date.as_ref()),
            updated: self.date(raw.updated.as_ref()),
            summary: raw
                .summary
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            tags: self.tags(raw.tags),
            draft: raw.draft,
            image: raw.image.and_then(|image| self.image(image)),
        };
        if require_date && front.date.is_none() && raw.date.is_none() {
            let at = self.opening_fence();
            self.report(at, "article-no-date", Vec::new());
        }
        if self.problems.is_empty() {
            Ok(front)
        } else {
            Err(self.problems)
        }
    }

    fn title(&mut self, title: Option<Spanned<String>>) -> String {
        let Some(title) = title else {
            let at = self.opening_fence();
            self.report(at, "front-matter-no-title", Vec::new());
            return String::new();
        };
        let text = title.get_ref().trim().to_string();
        if text.is_empty() {
            let at = self.at(title.span());
            self.report(at, "front-matter-title-empty", Vec::new());
        }
        text
    }

    fn date(&mut self, value: Option<&Spanned<toml::Value>>) -> Option<Date> {
        let value = value?;
        match to_date(value.get_ref()) {
            Ok(date) => Some(date),
            Err((code, args)) => {
                let at = self.at(value.span());
                self.report(at, code, args);
                None
            }
        }
    }

    fn tags(&mut self, tags: Vec<Spanned<String>>) -> Vec<String> {
        let mut out = Vec::with_capacity(tags.len());
        for tag in tags {
            let text = tag.get_ref().trim();
            if text.is_empty() {
                let at = self.at(tag.span());
                self.report(at, "front-matter-tag-empty", Vec::new());
            } else if !out.iter().any(|t| t == text) {
                out.push(text.to_string());
            }
        }
        out
    }

    fn image(&mut self, image: Spanned<RawImage>) -> Option<Image> {
        let whole = image.span();
        let RawImage { src, alt } = image.into_inner();
        let src_text = src.get_ref().trim().to_string();
        if src_text.is_empty() {
            let at = self.at(src.span());
            self.report(at, "front-matter-image-no-src", Vec::new());
        } else if let Some(scheme) = super::sanitize::dangerous_scheme(&src_text) {
            let at = self.at(src.span());
            let message = format!("the image uses a `{scheme}:` URL, which is refused");
            let diagnostic = Diagnostic::error(message)
                .at(self.file, at)
                .with_hint("give a path on the site or a web address (https://...)");
            self.problems.push(diagnostic);
        }
        let alt_text = alt
            .as_ref()
            .map(|a| a.get_ref().trim().to_string())
            .unwrap_or_default();
        if alt_text.is_empty() {
            let at = self.at(alt.as_ref().map_or(whole, Spanned::span));
            self.report(at, "front-matter-image-no-alt", Vec::new());
        }
        (!src_text.is_empty() && !alt_text.is_empty()).then_some(Image {
            src: src_text,
            alt: alt_text,
        })
    }
}

/// The values a catalogue message names.
type Args = Vec<(&'static str, String)>;

/// Why a value is not a date: a catalogue code and its values.
pub type DateProblem = (&'static str, Args);

/// A TOML date (`2023-08-08`) or a string "YYYY-MM-DD", as a civil date.
fn to_date(value: &toml::Value) -> Result<Date, DateProblem> {
    match value {
        toml::Value::Datetime(datetime) => match (datetime.date, datetime.time) {
            (Some(d), None) => civil_date(i64::from(d.year), i64::from(d.month), i64::from(d.day)),
            (Some(_), Some(_)) => Err(("date-with-time", Vec::new())),
            _ => Err(("date-is-a-time", Vec::new())),
        },
        toml::Value::String(text) => parse_iso_date(text.trim()),
        other => {
            let kind = other.type_str();
            let article = if kind.starts_with(['a', 'e', 'i', 'o', 'u']) {
                "an"
            } else {
                "a"
            };
            Err((
                "date-wrong-type",
                vec![("kind", format!("{article} {kind}"))],
            ))
        }
    }
}

/// Strictly `YYYY-MM-DD`, and a day that exists.
pub fn parse_iso_date(text: &str) -> Result<Date, DateProblem> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        });
    if !shape {
        return Err(("date-wrong-form", vec![("text", text.to_string())]));
    }
    let number = |range: Range<usize>| text[range].parse::<i64>().unwrap_or_default();
    civil_date(number(0..4), number(5..7), number(8..10))
}

fn civil_date(year: i64, month: i64, day: i64) -> Result<Date, DateProblem> {
    let not_a_day = || {
        let date = format!("{year:04}-{month:02}-{day:02}");
        ("date-not-in-calendar", vec![("date", date)])
    };
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(year), i8::try_from(month), i8::try_from(day))
    else {
        return Err(not_a_day());
    };
    Date::new(y, m, d).map_err(|_| not_a_day())
}
