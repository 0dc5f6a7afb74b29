//! What makes a site believable, declared in `site.toml`: who publishes it
//! (`[publisher]`), under which licence and as of when its data is
//! current (`[datasets]`), where corrections are logged (`[corrections]`)
//! and how accessible it is (`[accessibility]`).
//!
//! The raw serde types are here, beside their validation, so that the
//! rest of `config` stays as it was; the validated types are what the
//! model and templates read.

use std::collections::BTreeMap;
use std::ops::Range;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::Named;
use super::raw::PerLanguage;
use super::validate::Validator;

/// `[publisher]` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPublisher {
    pub name: PerLanguage,
    #[serde(default)]
    pub address: PerLanguage,
    pub email: Option<Spanned<String>>,
    pub form_url: Option<Spanned<String>>,
    pub logo: Option<Spanned<String>>,
    pub response_days: Option<Spanned<i64>>,
}

/// `[datasets]` as written: what holds for every table unless its schema
/// says otherwise.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDatasets {
    pub licence: Option<RawLicence>,
    pub as_of: Option<Spanned<toml::Value>>,
    #[serde(default)]
    pub sources: Vec<RawSource>,
    #[serde(default)]
    pub releases: Vec<RawRelease>,
}

/// `{ id = "CC-BY-4.0", url = "…", title = "…" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLicence {
    pub id: Spanned<String>,
    pub url: Spanned<String>,
    pub title: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub title: PerLanguage,
    pub url: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRelease {
    pub version: Spanned<String>,
    pub date: Spanned<toml::Value>,
    #[serde(default)]
    pub note: PerLanguage,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCorrections {
    pub table: Spanned<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawAccessibility {
    pub standard: String,
    pub status: RawConformance,
    pub audited: Spanned<toml::Value>,
    #[serde(default)]
    pub tools: Vec<String>,
    #[serde(default)]
    pub known_issues: Vec<PerLanguage>,
    pub email: Option<Spanned<String>>,
}

/// How far the site meets the standard it targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum RawConformance {
    Full,
    Partial,
    None,
}

/// Who publishes the site. Templates see it as `site.publisher`, texts in
/// the page's language; new fields (a colour, a short name) go here and
/// in `render::views::trust::PublisherView`.
#[derive(Debug, Clone, Default)]
pub struct Publisher {
    pub name: BTreeMap<String, String>,
    pub address: BTreeMap<String, String>,
    pub email: Option<String>,
    pub form_url: Option<String>,
    /// An SVG among the site's or theme's static files, such as `logo.svg`.
    pub logo: Option<String>,
    /// Working days within which a reported error gets an answer.
    pub response_days: Option<u32>,
}

/// A licence: an SPDX-style id and the address of its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Licence {
    pub id: String,
    pub url: String,
    pub title: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub title: BTreeMap<String, String>,
    pub url: Option<String>,
}

/// A published version of the data, oldest first.
#[derive(Debug, Clone)]
pub struct Release {
    pub version: String,
    pub date: Date,
    pub note: BTreeMap<String, String>,
}

/// What every table shares unless its schema overrides it.
#[derive(Debug, Clone, Default)]
pub struct Datasets {
    pub licence: Option<Licence>,
    pub as_of: Option<Date>,
    pub sources: Vec<Source>,
    pub releases: Vec<Release>,
}

impl Datasets {
    /// The latest release, the one `datapackage.json` describes.
    pub fn latest(&self) -> Option<&Release> {
        self.releases.iter().max_by_key(|r| r.date)
    }
}

/// The accessibility statement's facts.
#[derive(Debug, Clone)]
pub struct Accessibility {
    pub standard: String,
    pub status: RawConformance,
    pub audited: Date,
    pub tools: Vec<String>,
    pub known_issues: Vec<BTreeMap<String, String>>,
    pub email: Option<String>,
}

impl Validator<'_> {
    pub(super) fn publisher(&mut self, raw: RawPublisher, codes: &[String]) -> Publisher {
        if raw.name.is_empty() {
            let span = self.span_of_value("[publisher]");
            self.error("the publisher has no name".into(), span).hint =
                Some("add name = { fr = \"…\", ar = \"…\" } under [publisher]".into());
        }
        if raw.email.is_none() && raw.form_url.is_none() {
            let span = self.span_of_value("[publisher]");
            self.error("the publisher gives no way to be reached".into(), span).hint = Some(
                "add email = \"contact@…\" or form_url = \"https://…\": readers need somewhere to report errors".into(),
            );
        }
        let response_days = raw.response_days.and_then(|days| {
            let value = u32::try_from(*days.get_ref()).ok().filter(|d| *d > 0);
            if value.is_none() {
                self.error(
                    format!("`response_days` is {}", days.get_ref()),
                    days.span(),
                )
                .hint = Some("write a number of working days, 1 or more, such as 20".into());
            }
            value
        });
        Publisher {
            name: self.labels(raw.name, codes),
            address: self.labels(raw.address, codes),
            email: raw.email.map(|e| self.email(e)),
            form_url: raw.form_url.map(|u| self.web_address(u, "form_url")),
            logo: raw.logo.map(|l| self.logo(l)),
            response_days,
        }
    }

    pub(super) fn datasets(&mut self, raw: Spanned<RawDatasets>, codes: &[String]) -> Datasets {
        let span = raw.span();
        let raw = raw.into_inner();
        if raw.licence.is_none() {
            let at = span.start..span.start;
            self.error("[datasets] declares no licence".into(), at).hint = Some(
                "add licence = { id = \"CC-BY-4.0\", url = \"https://creativecommons.org/licenses/by/4.0/\" }: without one, nobody knows whether the data may be reused".into(),
            );
        }
        Datasets {
            licence: raw.licence.map(|l| self.licence(l)),
            as_of: raw.as_of.and_then(|d| self.date(d, "as_of")),
            sources: raw
                .sources
                .into_iter()
                .map(|s| Source {
                    title: self.labels(s.title, codes),
                    url: s.url.map(|u| self.web_address(u, "sources.url")),
                })
                .collect(),
            releases: raw
                .releases
                .into_iter()
                .filter_map(|r| {
                    Some(Release {
                        date: self.date(r.date, "releases.date")?,
                        version: r.version.into_inner(),
                        note: self.labels(r.note, codes),
                    })
                })
                .collect(),
        }
    }

    pub(super) fn licence(&mut self, raw: RawLicence) -> Licence {
        for (span, message, hint) in licence_problems(&raw) {
            self.error(message, span).hint = Some(hint.into());
        }
        Licence::from(raw)
    }

    pub(super) fn corrections(&mut self, raw: RawCorrections) -> Named {
        self.named(raw.table)
    }

    pub(super) fn accessibility(
        &mut self,
        raw: RawAccessibility,
        codes: &[String],
    ) -> Accessibility {
        let audited = self.date(raw.audited, "audited");
        Accessibility {
            standard: raw.standard,
            status: raw.status,
            audited: audited.unwrap_or_default(),
            tools: raw.tools,
            known_issues: raw
                .known_issues
                .into_iter()
                .map(|issue| self.labels(issue, codes))
                .collect(),
            email: raw.email.map(|e| self.email(e)),
        }
    }

    /// A calendar date, written `2025-06-30` (a TOML date or a string).
    fn date(&mut self, raw: Spanned<toml::Value>, key: &str) -> Option<Date> {
        let span = raw.span();
        match read_date(raw.into_inner()) {
            Ok(date) => Some(date),
            Err(text) => {
                self.error(format!("`{key}` is `{text}`, not a date"), span)
                    .hint = Some(date_hint(key));
                None
            }
        }
    }

    fn email(&mut self, raw: Spanned<String>) -> String {
        let text = raw.get_ref();
        let looks_right = text
            .split_once('@')
            .is_some_and(|(user, host)| !user.is_empty() && host.contains('.'))
            && !text.contains(char::is_whitespace)
            && text.matches('@').count() == 1;
        if !looks_right {
            self.error(format!("`{text}` is not an e-mail address"), raw.span())
                .hint = Some("write it as name@example.ma, without spaces".into());
        }
        raw.into_inner()
    }

    pub(super) fn web_address(&mut self, raw: Spanned<String>, key: &str) -> String {
        let ok = url::Url::parse(raw.get_ref())
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host_str().is_some());
        if !ok {
            let message = format!("`{}` in {key} is not a web address", raw.get_ref());
            self.error(message, raw.span()).hint =
                Some("write it in full, starting with https://".into());
        }
        raw.into_inner()
    }

    fn logo(&mut self, raw: Spanned<String>) -> String {
        let path = raw.get_ref();
        let safe = path.ends_with(".svg")
            && !path.starts_with('/')
            && path.split('/').all(|part| !part.is_empty() && part != "..");
        if !safe {
            self.error(
                format!("the logo `{path}` is not an SVG file of the site"),
                raw.span(),
            )
            .hint = Some("give the path of an .svg file under static/, such as logo.svg".into());
        }
        raw.into_inner()
    }
}

impl From<RawLicence> for Licence {
    fn from(raw: RawLicence) -> Self {
        Self {
            id: raw.id.into_inner(),
            url: raw.url.into_inner(),
            title: raw.title,
        }
    }
}

/// What is wrong with a licence as written: where, what, and a hint.
pub fn licence_problems(raw: &RawLicence) -> Vec<(Range<usize>, String, &'static str)> {
    let mut problems = Vec::new();
    let id = raw.id.get_ref();
    if id.is_empty() || id.contains(char::is_whitespace) {
        problems.push((
            raw.id.span(),
            format!("`{id}` is not a licence id"),
            "use an SPDX id such as CC-BY-4.0, ODbL-1.0 or etalab-2.0",
        ));
    }
    let url = raw.url.get_ref();
    if !url::Url::parse(url).is_ok_and(|u| matches!(u.scheme(), "http" | "https")) {
        problems.push((
            raw.url.span(),
            format!("`{url}` is not the web address of the licence's text"),
            "write it in full, starting with https://",
        ));
    }
    problems
}

/// A day written `2025-06-30`, as a TOML date or a string; the text as
/// written when it is not one.
pub fn read_date(value: toml::Value) -> Result<Date, String> {
    let text = match value {
        toml::Value::Datetime(d) if d.time.is_none() && d.offset.is_none() => d.to_string(),
        toml::Value::String(s) => s,
        other => other.to_string(),
    };
    match text.parse::<Date>() {
        Ok(date) if is_iso_date(&text) => Ok(date),
        _ => Err(text),
    }
}

/// What to write instead of a malformed date.
pub fn date_hint(key: &str) -> String {
    format!("write the day as year-month-day, such as {key} = 2025-06-30")
}

/// `2025-06-30`: exactly ten characters, as ISO 8601 writes a day.
fn is_iso_date(text: &str) -> bool {
    text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-'
}
