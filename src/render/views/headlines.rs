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
    /// "share" (a ratio, from 0) or "figure".
    pub kind: &'static str,
    /// A share to four places, or a figure rounded: in millions to one
    /// place when `millions`, else whole.
    pub rounded: String,
    pub millions: bool,
    pub unit: Option<&'a str>,
    /// The exact key figures it is made of: the numerator, then the
    /// denominator of a share.
    pub parts: Vec<PartView<'a>>,
    pub term: Option<TermView<'a>>,
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
    let denominator = match &figure.denominator {
        Some(id) => Some(part(site, id, lang)?),
        None => None,
    };
    let (kind, rounded, millions, unit) = match &denominator {
        Some((d, _)) => {
            let share = numerator.0.checked_div(*d).filter(|_| *d > Decimal::ZERO)?;
            (
                "share",
                share.round_dp(4).normalize().to_string(),
                false,
                None,
            )
        }
        None => {
            let (value, view) = &numerator;
            let millions = value.abs() >= Decimal::from(1_000_000);
            let rounded = if millions {
                (*value / Decimal::from(1_000_000)).round_dp(1)
            } else {
                value.round_dp(0)
            };
            (
                "figure",
                rounded.normalize().to_string(),
                millions,
                view.unit,
            )
        }
    };
    Some(HeadlineView {
        id: &figure.id,
        label: label(site, &figure.label, lang),
        kind,
        rounded,
        millions,
        unit,
        parts: std::iter::once(numerator.1)
            .chain(denominator.map(|d| d.1))
            .collect(),
        term: figure
            .term
            .as_ref()
            .and_then(|id| site.config.glossary.iter().find(|t| &t.id == id))
            .map(|t| term(site, t, lang)),
    })
}

/// A key figure's total, and its view.
fn part<'a>(site: &'a Site<'_>, id: &str, lang: &'a str) -> Option<(Decimal, PartView<'a>)> {
    let i = site.key_figures.iter().position(|k| k.id == id)?;
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
