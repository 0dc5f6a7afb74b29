//! The programme's headline figures (`[[record_figures]]` with
//! `headline = true`, computed on the totals) and the glossary.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::config::{RecordFigure, Term};
use crate::model::Site;

use super::shared::figure_unit;
use super::{Text, label};

/// One headline: a share or a figure, rounded for reading, with the exact
/// figures it is made of and its term's definition.
#[derive(Serialize)]
pub struct HeadlineView<'a> {
    pub id: &'a str,
    pub label: Text<'a>,
    /// "share" (a ratio, from 0), "figure", or "of" (a figure of a
    /// declared total: `total` and `share` are then given).
    pub kind: &'static str,
    /// A share to four places, or a figure rounded: in millions to one
    /// place when `millions`, else whole.
    pub rounded: String,
    pub millions: bool,
    pub unit: Option<&'a str>,
    /// The declared total of an "of" headline, rounded the same way.
    pub total: Option<Rounded<'a>>,
    /// The share of an "of" headline, to four places.
    pub share: Option<String>,
    /// The exact figures it is made of: the numerator, then the
    /// denominator of a share.
    pub parts: Vec<PartView<'a>>,
    /// Where a declared total comes from.
    pub source: Option<SourceView<'a>>,
    pub term: Option<TermView<'a>>,
}

/// A figure rounded for reading: in millions to one place, or whole.
#[derive(Serialize)]
pub struct Rounded<'a> {
    pub rounded: String,
    pub millions: bool,
    pub unit: Option<&'a str>,
}

#[derive(Serialize)]
pub struct SourceView<'a> {
    pub text: Text<'a>,
    pub url: Option<&'a str>,
}

#[derive(Serialize)]
pub struct PartView<'a> {
    pub label: Text<'a>,
    pub value: String,
    pub unit: Option<&'a str>,
}

#[derive(Serialize)]
pub struct TermView<'a> {
    pub id: &'a str,
    pub term: Text<'a>,
    pub definition: Text<'a>,
}

pub fn headlines<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<HeadlineView<'a>> {
    site.config
        .record_figures
        .iter()
        .filter(|f| f.headline)
        .filter_map(|f| headline(site, f, lang))
        .collect()
}

pub fn glossary<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<TermView<'a>> {
    site.config
        .glossary
        .iter()
        .map(|t| term(site, t, lang))
        .collect()
}

fn term<'a>(site: &'a Site<'_>, term: &'a Term, lang: &'a str) -> TermView<'a> {
    TermView {
        id: &term.id,
        term: label(site, &term.term, lang),
        definition: label(site, &term.definition, lang),
    }
}

/// `None` for a share whose denominator is not above zero.
fn headline<'a>(
    site: &'a Site<'_>,
    figure: &'a RecordFigure,
    lang: &'a str,
) -> Option<HeadlineView<'a>> {
    let numerator = part(site, &figure.numerator, lang)?;
    let declared = figure
        .denominator
        .as_ref()
        .and_then(|id| site.config.declared_figures.iter().find(|d| &d.id == id));
    let denominator = match &figure.denominator {
        Some(id) => Some(part(site, id, lang)?),
        None => None,
    };
    let share = match &denominator {
        Some((d, _)) if *d > Decimal::ZERO => {
            Some(numerator.0.checked_div(*d)?.round_dp(4).normalize())
        }
        Some(_) => return None,
        None => None,
    };
    let whole = rounded(numerator.0, numerator.1.unit);
    let (kind, shown) = match (declared, share) {
        (Some(_), _) => ("of", whole),
        (None, None) => ("figure", whole),
        (None, Some(share)) => (
            "share",
            Rounded {
                rounded: share.to_string(),
                millions: false,
                unit: None,
            },
        ),
    };
    Some(HeadlineView {
        id: &figure.id,
        label: label(site, &figure.label, lang),
        kind,
        rounded: shown.rounded,
        millions: shown.millions,
        unit: shown.unit,
        total: declared.map(|d| rounded(d.value, d.currency.as_deref())),
        share: declared.and(share).map(|s| s.to_string()),
        parts: std::iter::once(numerator.1)
            .chain(denominator.map(|d| d.1))
            .collect(),
        source: declared.map(|d| SourceView {
            text: label(site, &d.source, lang),
            url: d.source_url.as_deref(),
        }),
        term: figure
            .term
            .as_ref()
            .and_then(|id| site.config.glossary.iter().find(|t| &t.id == id))
            .map(|t| term(site, t, lang)),
    })
}

/// A figure in millions to one place from a million up, else whole.
fn rounded(value: Decimal, unit: Option<&str>) -> Rounded<'_> {
    let millions = value.abs() >= Decimal::from(1_000_000);
    let shown = if millions {
        (value / Decimal::from(1_000_000)).round_dp(1)
    } else {
        value.round_dp(0)
    };
    Rounded {
        rounded: shown.normalize().to_string(),
        millions,
        unit,
    }
}

/// A key figure's total, or a declared figure's value, and its view.
fn part<'a>(site: &'a Site<'_>, id: &str, lang: &'a str) -> Option<(Decimal, PartView<'a>)> {
    let Some(i) = site.key_figures.iter().position(|k| k.id == id) else {
        let declared = site.config.declared_figures.iter().find(|d| d.id == id)?;
        return Some((
            declared.value,
            PartView {
                label: label(site, &declared.label, lang),
                value: declared.value.to_string(),
                unit: declared.currency.as_deref(),
            },
        ));
    };
    let total = site.total(i);
    Some((
        total,
        PartView {
            label: label(site, &site.config.key_figures[i].label, lang),
            value: total.to_string(),
            unit: figure_unit(&site.key_figures[i].kind),
        },
    ))
}
