//! What templates see of the trust declarations: `site.publisher` and
//! `site.trust` on every page, and the data of the contact, legal notice,
//! accessibility and corrections pages.

use serde::Serialize;

use crate::config::trust::{Licence, RawConformance};
use crate::model::{Assets, PageKey, Site};

use super::{Text, cell_text, label};

/// The publisher in the page's language. Fields added to
/// `config::trust::Publisher` (a colour, a short name) are added here too.
#[derive(Serialize)]
pub struct PublisherView<'a> {
    pub name: Text<'a>,
    pub address: Option<Text<'a>>,
    pub email: Option<&'a str>,
    pub form_url: Option<&'a str>,
    /// The link to the logo's published file.
    pub logo: Option<String>,
    pub response_days: Option<u32>,
}

/// What every page may say about its data and where the trust pages are.
#[derive(Serialize)]
pub struct TrustView<'a> {
    /// `YYYY-MM-DD`: the records' data is current to this day (format it
    /// with the `date` filter).
    pub as_of: Option<String>,
    pub licence: Option<&'a Licence>,
    pub contact: Option<&'a str>,
    pub legal: Option<&'a str>,
    pub accessibility: Option<&'a str>,
    pub corrections: Option<&'a str>,
}

pub fn publisher<'a>(
    site: &'a Site<'_>,
    assets: &Assets,
    lang: &'a str,
) -> Option<PublisherView<'a>> {
    let publisher = site.config.publisher.as_ref()?;
    Some(PublisherView {
        name: label(site, &publisher.name, lang),
        address: (!publisher.address.is_empty()).then(|| label(site, &publisher.address, lang)),
        email: publisher.email.as_deref(),
        form_url: publisher.form_url.as_deref(),
        logo: publisher.logo.as_ref().and_then(|logo| assets.href(logo)),
        response_days: publisher.response_days,
    })
}

pub fn trust<'a>(site: &'a Site<'_>, lang: &str) -> TrustView<'a> {
    TrustView {
        as_of: site.as_of(site.table).map(|d| d.to_string()),
        licence: site.licence(site.table),
        contact: site.href(&PageKey::Contact, lang),
        legal: site.href(&PageKey::Legal, lang),
        accessibility: site.href(&PageKey::Accessibility, lang),
        corrections: site.href(&PageKey::Corrections, lang),
    }
}

/// One entry of the corrections log.
#[derive(Serialize)]
pub struct CorrectionView<'a> {
    pub date: String,
    pub record: String,
    pub href: Option<&'a str>,
    pub change: Option<Text<'a>>,
}

/// The corrections log, newest first.
pub fn corrections<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<CorrectionView<'a>> {
    let Some(table) = site.corrections else {
        return Vec::new();
    };
    let mut entries: Vec<CorrectionView<'a>> = (table.rows.iter().enumerate())
        .map(|(index, row)| {
            let text = |field: &str| table.value(row, field).map(ToString::to_string);
            let record = text("record").unwrap_or_default();
            // A withdrawn record's page says when and why.
            let key = (site.records.iter().position(|r| r.id == record))
                .map(PageKey::Project)
                .or_else(|| {
                    let withdrawn = site.withdrawn.iter().position(|r| r.id == record);
                    withdrawn.map(PageKey::Withdrawn)
                });
            let href = key.and_then(|key| site.href(&key, lang));
            CorrectionView {
                date: text("date").unwrap_or_default(),
                href,
                record,
                change: cell_text(site, table, index, "change", lang),
            }
        })
        .collect();
    entries.sort_by(|a, b| b.date.cmp(&a.date));
    entries
}

/// A release of the data, newest first, for the open data page.
#[derive(Serialize)]
pub struct ReleaseView<'a> {
    pub version: &'a str,
    pub date: String,
    pub note: Text<'a>,
}

pub fn releases<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<ReleaseView<'a>> {
    let mut releases: Vec<ReleaseView<'a>> = (site.config.datasets.releases.iter())
        .map(|r| ReleaseView {
            version: &r.version,
            date: r.date.to_string(),
            note: label(site, &r.note, lang),
        })
        .collect();
    releases.sort_by(|a, b| b.date.cmp(&a.date));
    releases
}

/// The accessibility statement's facts.
#[derive(Serialize)]
pub struct AccessibilityView<'a> {
    pub standard: &'a str,
    pub status: RawConformance,
    pub audited: String,
    pub tools: &'a [String],
    pub known_issues: Vec<Text<'a>>,
    /// Where to write about an accessibility problem.
    pub email: Option<&'a str>,
}

pub fn accessibility<'a>(site: &'a Site<'_>, lang: &'a str) -> Option<AccessibilityView<'a>> {
    let declared = site.config.accessibility.as_ref()?;
    let publisher_email = site
        .config
        .publisher
        .as_ref()
        .and_then(|p| p.email.as_deref());
    Some(AccessibilityView {
        standard: &declared.standard,
        status: declared.status,
        audited: declared.audited.to_string(),
        tools: &declared.tools,
        known_issues: (declared.known_issues.iter())
            .map(|issue| label(site, issue, lang))
            .collect(),
        email: declared.email.as_deref().or(publisher_email),
    })
}

/// The page's own data and template, for the trust pages.
pub fn insert(
    site: &Site<'_>,
    key: &PageKey,
    lang: &str,
    context: &mut tera::Context,
) -> Option<(&'static str, &'static str)> {
    Some(match key {
        PageKey::Contact => ("contact", "contact.html"),
        PageKey::Legal => ("legal", "legal.html"),
        PageKey::Accessibility => {
            context.insert("accessibility", &accessibility(site, lang));
            ("accessibility", "accessibility.html")
        }
        PageKey::Corrections => {
            context.insert("corrections", &corrections(site, lang));
            ("corrections", "corrections.html")
        }
        _ => return None,
    })
}
