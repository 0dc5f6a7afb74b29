//! Checks that what `site.toml` names exists in the data, and resolves it.

use crate::config::{Aggregate, Named, SiteConfig};
use crate::data::{Data, FieldType, Table};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};

use super::Facet;

/// A key figure, resolved against the records table.
#[derive(Debug, Clone)]
pub struct KeyFigure {
    pub id: String,
    pub kind: FigureKind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FigureKind {
    Count,
    /// The sum of a field; `unit` is its currency when it is money.
    Sum {
        field: String,
        unit: Option<String>,
    },
}

/// The indicators table and the fields that hold each part.
pub struct IndicatorFields<'a> {
    pub table: &'a Table,
    pub name: String,
    pub unit: String,
    pub target: String,
    pub achieved: String,
}

pub struct Resolved<'a> {
    pub table: &'a Table,
    pub facets: Vec<Facet<'a>>,
    pub key_figures: Vec<KeyFigure>,
    pub indicators: Option<IndicatorFields<'a>>,
}

pub fn resolve<'a>(
    config: &SiteConfig,
    data: &'a Data,
    diagnostics: &mut Diagnostics,
) -> Option<Resolved<'a>> {
    let table = find_table(data, &config.records.table, diagnostics)?;
    let errors_before = diagnostics.error_count();
    expect_field(table, &config.records.title, Some(true), diagnostics);
    if let Some(summary) = &config.records.summary {
        expect_field(table, summary, Some(true), diagnostics);
    }
    for fact in &config.records.facts {
        expect_field(table, fact, None, diagnostics);
    }
    let facets = config
        .facets
        .iter()
        .filter(|f| expect_field(table, &f.field, Some(false), diagnostics))
        .map(|f| Facet {
            field: f.field.name.clone(),
            slugs: f.slug.clone(),
            lookup: lookup_table(data, table, &f.field.name),
            values: Vec::new(),
        })
        .collect();
    let key_figures = config
        .key_figures
        .iter()
        .map(|k| KeyFigure {
            id: k.id.clone(),
            kind: figure_kind(table, &k.aggregate, diagnostics),
        })
        .collect::<Vec<_>>();
    check_charts(config, &key_figures, diagnostics);
    let indicators = config
        .indicators
        .as_ref()
        .and_then(|i| indicator_fields(data, i, diagnostics));
    (diagnostics.error_count() == errors_before).then_some(Resolved {
        table,
        facets,
        key_figures,
        indicators,
    })
}

fn unknown(named: &Named, what: &str, known: Vec<&str>) -> Diagnostic {
    unknown_with(
        named,
        format!("{what} `{}` does not exist", named.name),
        known,
    )
}

fn unknown_with(named: &Named, message: String, known: Vec<&str>) -> Diagnostic {
    let mut d = Diagnostic::error(message).at(crate::config::CONFIG_FILE, named.location.clone());
    if let Some(hint) = did_you_mean(&named.name, known.iter().copied()) {
        d = d.with_hint(hint);
    } else {
        d = d.with_note(format!("known: {}", known.join(", ")));
    }
    d
}

pub(super) fn find_table<'a>(
    data: &'a Data,
    named: &Named,
    diagnostics: &mut Diagnostics,
) -> Option<&'a Table> {
    let table = data.table(&named.name);
    if table.is_none() {
        let known = data.tables.keys().map(String::as_str).collect();
        diagnostics.push(unknown(named, "the table", known));
    }
    table
}

/// Whether `named` is a field of `table`; `translated` says what it must be.
pub(super) fn expect_field(
    table: &Table,
    named: &Named,
    translated: Option<bool>,
    diagnostics: &mut Diagnostics,
) -> bool {
    let Some(field) = table.field(&named.name) else {
        let known = table
            .schema
            .fields
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        let message = format!("the table `{}` has no field `{}`", table.name, named.name);
        diagnostics.push(unknown_with(named, message, known));
        return false;
    };
    match translated {
        Some(true) if !field.translated => diagnostics.push(
            Diagnostic::error(format!("the field `{}` is not translated", named.name))
                .at(crate::config::CONFIG_FILE, named.location.clone())
                .with_hint("a title or summary needs `translated = true` in the schema"),
        ),
        Some(false) if field.translated => diagnostics.push(
            Diagnostic::error(format!("the facet `{}` is a translated text", named.name))
                .at(crate::config::CONFIG_FILE, named.location.clone())
                .with_hint("group by a code column, with a lookup table for its labels"),
        ),
        _ => return true,
    }
    false
}

/// The table a field refers to through a single-field foreign key.
pub fn lookup_table<'a>(data: &'a Data, table: &Table, field: &str) -> Option<&'a Table> {
    table
        .schema
        .foreign_keys
        .iter()
        .find(|fk| fk.fields.len() == 1 && fk.fields[0] == field)
        .and_then(|fk| data.table(&fk.resource))
}

fn figure_kind(table: &Table, aggregate: &Aggregate, diagnostics: &mut Diagnostics) -> FigureKind {
    let Aggregate::Sum(named) = aggregate else {
        return FigureKind::Count;
    };
    if !expect_field(table, named, Some(false), diagnostics) {
        return FigureKind::Count;
    }
    let field = table.field(&named.name);
    let numeric = field.is_some_and(|f| matches!(f.kind, FieldType::Integer | FieldType::Number));
    if !numeric {
        diagnostics.push(
            Diagnostic::error(format!("the field `{}` is not a number", named.name))
                .at(crate::config::CONFIG_FILE, named.location.clone())
                .with_hint("a sum needs a field of type integer or number"),
        );
    }
    FigureKind::Sum {
        field: named.name.clone(),
        unit: field.and_then(|f| f.unit.clone()),
    }
}

fn check_charts(config: &SiteConfig, figures: &[KeyFigure], diagnostics: &mut Diagnostics) {
    let facet_names: Vec<&str> = config
        .facets
        .iter()
        .map(|f| f.field.name.as_str())
        .collect();
    let figure_ids: Vec<&str> = figures.iter().map(|f| f.id.as_str()).collect();
    for chart in &config.charts {
        if !facet_names.contains(&chart.facet.name.as_str()) {
            diagnostics.push(unknown(&chart.facet, "the facet", facet_names.clone()));
        }
        for figure in &chart.figures {
            if !figure_ids.contains(&figure.name.as_str()) {
                diagnostics.push(unknown(figure, "the key figure", figure_ids.clone()));
            }
        }
    }
}

fn indicator_fields<'a>(
    data: &'a Data,
    config: &crate::config::Indicators,
    diagnostics: &mut Diagnostics,
) -> Option<IndicatorFields<'a>> {
    let table = find_table(data, &config.table, diagnostics)?;
    let fields = [
        (&config.name, Some(true)),
        (&config.unit, Some(true)),
        (&config.target, Some(false)),
        (&config.achieved, Some(false)),
    ];
    let all_exist = fields.iter().fold(true, |ok, (named, t)| {
        expect_field(table, named, *t, diagnostics) && ok
    });
    all_exist.then(|| IndicatorFields {
        table,
        name: config.name.name.clone(),
        unit: config.unit.name.clone(),
        target: config.target.name.clone(),
        achieved: config.achieved.name.clone(),
    })
}

/// Every column `[iati]` names must be a field of the records table.
pub fn check_iati(config: &SiteConfig, table: &Table, diagnostics: &mut Diagnostics) {
    let Some(iati) = &config.iati else { return };
    for named in iati.columns.all() {
        expect_field(table, named, None, diagnostics);
    }
}
