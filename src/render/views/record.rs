//! Views of one record: a summary for lists, every field for its own page.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::data::Value;
use crate::model::{FigureKind, PageKey, Site};

use super::shared::value_label;
use super::{Text, cell_text, schema_text};

#[derive(Serialize)]
pub struct RecordSummary<'a> {
    pub id: &'a str,
    pub href: Option<&'a str>,
    pub title: Option<Text<'a>>,
    pub summary: Option<Text<'a>>,
    pub facets: Vec<FacetLink<'a>>,
    /// Each summed key figure's value for this record, by figure id.
    pub figures: BTreeMap<&'a str, String>,
}

#[derive(Serialize)]
pub struct FacetLink<'a> {
    pub field: &'a str,
    pub label: Text<'a>,
    pub href: Option<&'a str>,
}

#[derive(Serialize)]
pub struct RecordView<'a> {
    #[serde(flatten)]
    pub summary: RecordSummary<'a>,
    /// The fields `[records] facts` names, in its order: who, where, what.
    pub facts: Vec<FieldView<'a>>,
    /// Every other field not already on the page (title, summary, facts
    /// and the summed key figures are left out).
    pub fields: Vec<FieldView<'a>>,
    /// Every field's canonical text by name, for themes that pick fields.
    pub values: BTreeMap<&'a str, String>,
    /// The ratios `site.toml` declares (`[[record_figures]]`), where both
    /// figures are given and the denominator is above zero.
    pub ratios: Vec<RatioView<'a>>,
    /// The link to this record's row as CSV.
    pub download: String,
}

/// One declared ratio of a record: an exact share from 0, for `meter`.
#[derive(Serialize)]
pub struct RatioView<'a> {
    pub id: &'a str,
    pub label: Text<'a>,
    /// The ratio as a decimal string, four places.
    pub value: String,
}

fn ratios<'a>(site: &'a Site<'_>, row: usize, lang: &'a str) -> Vec<RatioView<'a>> {
    let figures = record_figures(site, row);
    let number = |id: &str| figures.get(id)?.parse::<rust_decimal::Decimal>().ok();
    site.config
        .record_figures
        .iter()
        .filter_map(|ratio| {
            let denominator = number(ratio.denominator.as_deref()?)
                .filter(|d| d.is_sign_positive() && !d.is_zero())?;
            let value = number(&ratio.numerator)?.checked_div(denominator)?;
            Some(RatioView {
                id: &ratio.id,
                label: super::label(site, &ratio.label, lang),
                value: value.round_dp(4).normalize().to_string(),
            })
        })
        .collect()
}

#[derive(Serialize)]
pub struct FieldView<'a> {
    pub name: &'a str,
    pub title: Text<'a>,
    /// The Frictionless type: string, integer, number, date, boolean, year.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub unit: Option<&'a str>,
    /// The canonical value ("" when missing).
    pub value: String,
    /// For a translated field, the text in the page's language.
    pub text: Option<Text<'a>>,
    /// For a facet field, the value's label and page.
    pub label: Option<Text<'a>>,
    pub href: Option<&'a str>,
}

pub fn record_summary<'a>(site: &'a Site<'_>, index: usize, lang: &'a str) -> RecordSummary<'a> {
    let record = &site.records[index];
    let config = &site.config.records;
    let text = |field: &str| cell_text(site, site.table, record.row, field, lang);
    RecordSummary {
        id: &record.id,
        href: site.href(&PageKey::Project(index), lang),
        title: text(&config.title.name),
        summary: config.summary.as_ref().and_then(|s| text(&s.name)),
        facets: record
            .facet_values
            .iter()
            .enumerate()
            .filter_map(|(f, v)| Some((f, (*v)?)))
            .map(|(f, v)| FacetLink {
                field: &site.facets[f].field,
                label: value_label(site, f, v, lang),
                href: site.href(
                    &PageKey::FacetValue {
                        facet: f,
                        value: v,
                        page: 1,
                    },
                    lang,
                ),
            })
            .collect(),
        figures: record_figures(site, record.row),
    }
}

fn record_figures<'a>(site: &'a Site<'_>, row: usize) -> BTreeMap<&'a str, String> {
    let Some(row) = site.table.rows.get(row) else {
        return BTreeMap::new();
    };
    site.key_figures
        .iter()
        .filter_map(|figure| match &figure.kind {
            FigureKind::Sum { field, .. } => {
                let value = site.table.value(row, field)?;
                Some((figure.id.as_str(), value.to_string()))
            }
            FigureKind::Count => None,
        })
        .collect()
}

pub fn record_view<'a>(site: &'a Site<'_>, index: usize, lang: &'a str) -> RecordView<'a> {
    let record = &site.records[index];
    let table = site.table;
    let mut fields = Vec::new();
    let mut values = BTreeMap::new();
    for field in &table.schema.fields {
        let facet = site.facets.iter().position(|f| f.field == field.name);
        let value = table
            .rows
            .get(record.row)
            .and_then(|r| table.value(r, &field.name))
            .map(Value::to_string)
            .unwrap_or_default();
        let membership =
            facet.and_then(|f| Some((f, record.facet_values.get(f).copied().flatten()?)));
        let (label, href) = match membership {
            Some((f, v)) => (
                Some(value_label(site, f, v, lang)),
                site.href(
                    &PageKey::FacetValue {
                        facet: f,
                        value: v,
                        page: 1,
                    },
                    lang,
                ),
            ),
            None => (lookup_label(site, &field.name, &value, lang), None),
        };
        let text = field
            .translated
            .then(|| cell_text(site, table, record.row, &field.name, lang))
            .flatten();
        values.insert(
            field.name.as_str(),
            text.as_ref().map_or(value.clone(), |t| t.text.to_string()),
        );
        fields.push(FieldView {
            name: &field.name,
            title: schema_text(&field.title, lang),
            kind: field.kind.name(),
            unit: field.unit.as_deref(),
            value,
            text,
            label,
            href,
        });
    }
    let (facts, fields) = split_facts(site, fields);
    RecordView {
        summary: record_summary(site, index, lang),
        facts,
        fields,
        values,
        ratios: ratios(site, record.row, lang),
        download: site.link(&crate::model::urls::record_download(
            &site.table.name,
            &record.slug,
        )),
    }
}

/// The declared facts in their order, and the fields not shown elsewhere.
fn split_facts<'a>(
    site: &Site<'_>,
    fields: Vec<FieldView<'a>>,
) -> (Vec<FieldView<'a>>, Vec<FieldView<'a>>) {
    let config = &site.config.records;
    let facts: Vec<&str> = config.facts.iter().map(|f| f.name.as_str()).collect();
    let mut shown: Vec<&str> = vec![config.title.name.as_str()];
    shown.extend(config.summary.as_ref().map(|s| s.name.as_str()));
    shown.extend(site.key_figures.iter().filter_map(|k| match &k.kind {
        FigureKind::Sum { field, .. } => Some(field.as_str()),
        FigureKind::Count => None,
    }));
    // Always empty here: a record with a withdrawal date has its own page.
    if let Some(w) = &config.withdrawn {
        shown.extend([w.date.name.as_str(), w.reason.name.as_str()]);
    }
    let (mut first, rest): (Vec<_>, Vec<_>) =
        fields.into_iter().partition(|f| facts.contains(&f.name));
    first.sort_by_key(|f| facts.iter().position(|name| *name == f.name));
    let rest = rest
        .into_iter()
        .filter(|f| !shown.contains(&f.name))
        .collect();
    (first, rest)
}

/// The label of a coded value from its lookup table, if it has one.
fn lookup_label<'a>(site: &'a Site<'_>, field: &str, key: &str, lang: &'a str) -> Option<Text<'a>> {
    let (table, row) = site.lookup(field, key)?;
    let label_field = table.schema.fields.iter().find(|f| f.translated)?;
    cell_text(site, table, row, &label_field.name, lang)
}
