//! What every page of one language shares: the site, its navigation, the key
//! figures, the facets with their totals, the charts. Built once per language.

use serde::Serialize;

use crate::config::Direction;
use crate::model::{Assets, FigureKind, PageKey, Site};

use super::{Text, cell_text, label, schema_text};

#[derive(Serialize)]
pub struct SharedView<'a> {
    pub lang: &'a str,
    pub dir: Direction,
    pub title: &'a str,
    pub description: &'a str,
    pub base_url: &'a str,
    pub default_language: &'a str,
    pub languages: Vec<LanguageView<'a>>,
    pub sample_data: bool,
    /// The colours derived from `[palette] primary`.
    pub palette: &'a crate::config::palette::Palette,
    pub links: Links<'a>,
    pub key_figures: Vec<FigureView<'a>>,
    /// The key figures' exact values alone, in the same order.
    pub totals: Vec<String>,
    pub facets: Vec<FacetView<'a>>,
    pub charts: Vec<ChartView<'a>>,
    /// The headline figures, first on the home page.
    pub headlines: Vec<super::HeadlineView<'a>>,
    /// The glossary's terms, in their declared order.
    pub glossary: Vec<super::TermView<'a>>,
    /// Facets drawn as maps.
    pub maps: Vec<super::MapView<'a>>,
    /// Facets drawn as points over a map.
    pub point_maps: Vec<super::PointMapView<'a>>,
    pub record_count: usize,
    /// Withdrawn records: no figure counts them; the theme lists them
    /// beside the totals (`partials/withdrawn_notice.html`).
    pub withdrawn: Vec<super::WithdrawnView<'a>>,
    /// Who publishes the site, when declared (`[publisher]`).
    pub publisher: Option<super::trust::PublisherView<'a>>,
    /// As-of date, licence and the links to the trust pages.
    pub trust: super::trust::TrustView<'a>,
}

#[derive(Serialize)]
pub struct LanguageView<'a> {
    pub code: &'a str,
    pub name: &'a str,
    pub dir: Direction,
    /// The site's title and description in that language, for the landing.
    pub title: &'a str,
    pub description: &'a str,
    /// The link to its home page.
    pub home: Option<&'a str>,
}

#[derive(Serialize)]
pub struct Links<'a> {
    pub home: Option<&'a str>,
    pub projects: Option<&'a str>,
    pub news: Option<&'a str>,
    pub results: Option<&'a str>,
    pub programme: Option<&'a str>,
    pub open_data: Option<&'a str>,
    pub search: Option<&'a str>,
    /// The glossary page, when the site declares terms.
    pub glossary: Option<&'a str>,
    pub feed: Option<String>,
    /// The first file of the records and search indexes (content-hashed).
    pub projects_index: Option<String>,
    pub search_index: Option<String>,
    pub datapackage: String,
}

#[derive(Serialize)]
pub struct FigureView<'a> {
    pub id: &'a str,
    pub label: Text<'a>,
    /// "count" or "sum".
    pub kind: &'static str,
    pub unit: Option<&'a str>,
    /// The exact value, as a decimal string: format it with a filter.
    pub value: String,
}

#[derive(Serialize)]
pub struct FacetView<'a> {
    pub field: &'a str,
    pub title: Text<'a>,
    pub href: Option<&'a str>,
    pub values: Vec<FacetValueView<'a>>,
}

#[derive(Serialize)]
pub struct FacetValueView<'a> {
    pub key: &'a str,
    pub label: Text<'a>,
    pub href: Option<&'a str>,
    pub count: usize,
    /// Exact values of each key figure for this value, in key-figure order.
    pub figures: Vec<String>,
}

#[derive(Serialize)]
pub struct ChartView<'a> {
    pub id: &'a str,
    pub title: Text<'a>,
    pub facet: &'a str,
    pub series: Vec<SeriesView<'a>>,
    pub bars: Vec<BarView<'a>>,
    /// The largest value drawn, exact.
    pub max: String,
}

#[derive(Serialize)]
pub struct SeriesView<'a> {
    pub id: &'a str,
    pub label: Text<'a>,
    pub unit: Option<&'a str>,
}

#[derive(Serialize)]
pub struct BarView<'a> {
    pub label: Text<'a>,
    pub href: Option<&'a str>,
    /// One value per series, exact, and its share of `max` from 0 to 1000.
    pub values: Vec<String>,
    pub per_mille: Vec<u32>,
}

pub fn shared_view<'a>(site: &'a Site<'_>, assets: &Assets, lang: &'a str) -> SharedView<'a> {
    let config = site.config;
    let language = config.language(lang);
    SharedView {
        lang,
        dir: language.map_or(crate::config::Direction::Ltr, |l| l.direction),
        title: language.map_or("", |l| l.title.as_str()),
        description: language.map_or("", |l| l.description.as_str()),
        base_url: &config.base_url,
        default_language: &config.default_language,
        languages: config
            .languages
            .iter()
            .map(|l| LanguageView {
                code: &l.code,
                name: &l.name,
                dir: l.direction,
                title: &l.title,
                description: &l.description,
                home: site.href(&PageKey::Home, &l.code),
            })
            .collect(),
        sample_data: config.sample_data,
        palette: &config.palette,
        links: links(site, assets, lang),
        key_figures: key_figures(site, lang),
        headlines: super::headlines::headlines(site, lang),
        glossary: super::headlines::glossary(site, lang),
        totals: site.totals.0.iter().map(ToString::to_string).collect(),
        facets: facets(site, lang),
        charts: charts(site, lang),
        maps: super::map::maps(site, lang),
        point_maps: super::point_map::point_maps(site, lang),
        record_count: site.records.len(),
        withdrawn: super::withdrawn_list(site, lang),
        publisher: super::trust::publisher(site, assets, lang),
        trust: super::trust::trust(site, lang),
    }
}

fn links<'a>(site: &'a Site<'_>, assets: &Assets, lang: &str) -> Links<'a> {
    let index_of = |key: &PageKey| {
        let path = site.path(key, lang)?;
        assets.href(&format!("{path}index.json"))
    };
    Links {
        home: site.href(&PageKey::Home, lang),
        projects: site.href(&PageKey::Projects { page: 1 }, lang),
        news: site.href(&PageKey::News { page: 1 }, lang),
        results: site.href(&PageKey::Results, lang),
        programme: site.href(&PageKey::Page("programme".into()), lang),
        open_data: site.href(&PageKey::OpenData, lang),
        search: site.href(&PageKey::Search, lang),
        glossary: site.href(&PageKey::Glossary, lang),
        feed: site.feed_path(lang).map(|path| site.link(&path)),
        projects_index: index_of(&PageKey::Projects { page: 1 }),
        search_index: index_of(&PageKey::Search),
        datapackage: site.link(&format!(
            "{}/datapackage.json",
            crate::model::urls::DATA_DIR
        )),
    }
}

fn key_figures<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<FigureView<'a>> {
    site.key_figures
        .iter()
        .zip(&site.config.key_figures)
        .enumerate()
        .map(|(i, (figure, configured))| FigureView {
            id: &figure.id,
            label: label(site, &configured.label, lang),
            kind: match figure.kind {
                FigureKind::Count => "count",
                FigureKind::Sum { .. } => "sum",
            },
            unit: figure_unit(&figure.kind),
            value: site.total(i).to_string(),
        })
        .collect()
}

pub fn figure_unit(kind: &FigureKind) -> Option<&str> {
    match kind {
        FigureKind::Sum { unit, .. } => unit.as_deref(),
        FigureKind::Count => None,
    }
}

fn facets<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<FacetView<'a>> {
    site.facets
        .iter()
        .enumerate()
        .map(|(f, facet)| FacetView {
            field: &facet.field,
            title: site
                .table
                .field(&facet.field)
                .map_or(Text::new(&facet.field, lang), |field| {
                    schema_text(&field.title, lang)
                }),
            href: site.href(&PageKey::FacetIndex(f), lang),
            values: facet
                .values
                .iter()
                .enumerate()
                .map(|(v, value)| FacetValueView {
                    key: &value.key,
                    label: value_label(site, f, v, lang),
                    href: site.href(
                        &PageKey::FacetValue {
                            facet: f,
                            value: v,
                            page: 1,
                        },
                        lang,
                    ),
                    count: value.records.len(),
                    figures: value.figures.0.iter().map(ToString::to_string).collect(),
                })
                .collect(),
        })
        .collect()
}

/// A facet value's label: the lookup table's first translated field, or the
/// value itself.
pub fn value_label<'a>(site: &'a Site<'_>, facet: usize, value: usize, lang: &'a str) -> Text<'a> {
    let Some(facet_model) = site.facets.get(facet) else {
        return Text::new("", lang);
    };
    let Some(value_model) = facet_model.values.get(value) else {
        return Text::new("", lang);
    };
    let from_lookup = facet_model
        .lookup
        .zip(value_model.lookup_row)
        .and_then(|(table, row)| {
            let field = table.schema.fields.iter().find(|f| f.translated)?;
            cell_text(site, table, row, &field.name, lang)
        });
    let configured = || {
        let facet_config = site
            .config
            .facets
            .iter()
            .find(|f| f.field.name == facet_model.field)?;
        let labels = facet_config.labels.get(&value_model.key)?;
        Some(super::label(site, labels, lang))
    };
    from_lookup
        .or_else(configured)
        .unwrap_or_else(|| Text::new(&value_model.key, lang))
}

fn charts<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<ChartView<'a>> {
    let mut views = Vec::new();
    for chart in &site.config.charts {
        let Some(f) = site.facets.iter().position(|x| x.field == chart.facet.name) else {
            continue;
        };
        let indices: Vec<usize> = chart
            .figures
            .iter()
            .filter_map(|n| site.key_figures.iter().position(|k| k.id == n.name))
            .collect();
        let max = site.facets[f]
            .values
            .iter()
            .flat_map(|v| indices.iter().map(|&i| v.figures.get(i)))
            .max()
            .unwrap_or_default();
        views.push(ChartView {
            id: &chart.id,
            title: label(site, &chart.title, lang),
            facet: &chart.facet.name,
            series: indices.iter().map(|&i| series(site, i, lang)).collect(),
            bars: bar_order(site, f, indices.first().copied())
                .into_iter()
                .map(|v| bar(site, f, v, &indices, max, lang))
                .collect(),
            max: max.to_string(),
        });
    }
    views
}

/// The facet's values largest first by the chart's first figure, unless
/// the facet's values have an order of their own (years, numbers, dates),
/// which they keep. Ties keep the facet's order.
fn bar_order(site: &Site<'_>, facet: usize, first: Option<usize>) -> Vec<usize> {
    let values = &site.facets[facet].values;
    let mut order: Vec<usize> = (0..values.len()).collect();
    let ordered = site
        .table
        .field(&site.facets[facet].field)
        .is_some_and(|field| matches!(field.kind.name(), "year" | "integer" | "number" | "date"));
    if let (false, Some(figure)) = (ordered, first) {
        order.sort_by(|&a, &b| {
            values[b]
                .figures
                .get(figure)
                .cmp(&values[a].figures.get(figure))
        });
    }
    order
}

fn series<'a>(site: &'a Site<'_>, figure: usize, lang: &'a str) -> SeriesView<'a> {
    SeriesView {
        id: &site.key_figures[figure].id,
        label: label(site, &site.config.key_figures[figure].label, lang),
        unit: figure_unit(&site.key_figures[figure].kind),
    }
}

fn bar<'a>(
    site: &'a Site<'_>,
    facet: usize,
    value: usize,
    figures: &[usize],
    max: rust_decimal::Decimal,
    lang: &'a str,
) -> BarView<'a> {
    let model = &site.facets[facet].values[value];
    let values: Vec<_> = figures.iter().map(|&i| model.figures.get(i)).collect();
    BarView {
        label: value_label(site, facet, value, lang),
        href: site.href(
            &PageKey::FacetValue {
                facet,
                value,
                page: 1,
            },
            lang,
        ),
        values: values.iter().map(ToString::to_string).collect(),
        per_mille: values.iter().map(|v| per_mille(*v, max)).collect(),
    }
}

/// `value / max` in thousandths, for bar lengths: exact when `value × 1000`
/// fits, else divided first; never overflows.
pub fn per_mille(value: rust_decimal::Decimal, max: rust_decimal::Decimal) -> u32 {
    use rust_decimal::Decimal;
    use rust_decimal::prelude::ToPrimitive;
    if max <= Decimal::ZERO {
        return 0;
    }
    let thousand = Decimal::from(1000);
    let exact = value.checked_mul(thousand).and_then(|v| v.checked_div(max));
    let divided_first = || value.checked_div(max)?.checked_mul(thousand);
    match exact.or_else(divided_first) {
        Some(ratio) => ratio.round().to_u32().unwrap_or(0).min(1000),
        // Only a ratio far beyond the bar's length overflows.
        None if value > Decimal::ZERO => 1000,
        None => 0,
    }
}
