//! The view of a map: path data and label points from the boundaries
//! stage, values and classes from the model, labels in the page's language.
//! The theme's `partials/map.html` draws it.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::Serialize;

use crate::model::{Map, PageKey, Site};

use super::shared::figure_unit;
use super::{Text, cell_text, label, schema_text};

#[derive(Serialize)]
pub struct MapView<'a> {
    #[serde(flatten)]
    pub heading: MapHeading<'a>,
    /// The box, in SVG user units.
    pub width: u32,
    pub height: u32,
    pub regions: Vec<RegionView<'a>>,
    /// Natural-break classes, from the smallest values to the largest.
    pub classes: Vec<ClassView>,
    /// Whether the labels drawn on the map are in millions.
    pub in_millions: bool,
    /// Whether some region has no value (and the legend needs "no data").
    pub has_empty: bool,
    /// Where the boundaries come from.
    pub source: Text<'a>,
}

/// What every kind of map is of: a facet, by a key figure.
#[derive(Serialize)]
pub struct MapHeading<'a> {
    /// The facet's field, also the map's id in the page.
    pub facet: &'a str,
    pub facet_title: Text<'a>,
    /// The key figure shading the regions or sizing the points.
    pub figure: Text<'a>,
    pub unit: Option<&'a str>,
}

pub fn heading<'a>(
    site: &'a Site<'_>,
    facet: usize,
    figure: usize,
    lang: &'a str,
) -> MapHeading<'a> {
    let field = &site.facets[facet].field;
    MapHeading {
        facet: field,
        facet_title: site
            .table
            .field(field)
            .map_or(Text::new(field, lang), |f| schema_text(&f.title, lang)),
        figure: label(site, &site.config.key_figures[figure].label, lang),
        unit: figure_unit(&site.key_figures[figure].kind),
    }
}

#[derive(Serialize)]
pub struct RegionView<'a> {
    pub path: &'a str,
    pub label: Text<'a>,
    pub href: Option<&'a str>,
    /// The exact value; none when no record has this region.
    pub value: Option<String>,
    pub class: Option<usize>,
    /// The value as drawn on the map: in millions (one decimal) when the
    /// largest value reaches a million, exact otherwise.
    pub short: Option<String>,
    /// The label's point, in box units.
    pub x: f64,
    pub y: f64,
}

#[derive(Serialize)]
pub struct ClassView {
    /// The smallest and largest values in the class, exact.
    pub min: String,
    pub max: String,
    pub count: usize,
}

pub fn maps<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<MapView<'a>> {
    site.maps.iter().map(|map| view(site, map, lang)).collect()
}

fn view<'a>(site: &'a Site<'_>, map: &'a Map<'_>, lang: &'a str) -> MapView<'a> {
    let facet = &site.facets[map.facet];
    let largest = facet.values.iter().map(|v| v.figures.get(map.figure)).max();
    let in_millions = largest.is_some_and(|v| v >= MILLION);
    let regions: Vec<RegionView<'a>> = map
        .regions
        .iter()
        .filter_map(|region| {
            let drawn = map.shapes.rows.get(&region.row)?;
            let value = region.value.map(|v| &facet.values[v]);
            Some(RegionView {
                path: &drawn.path,
                label: row_label(site, map, region.row, lang),
                href: region.value.and_then(|v| {
                    let key = PageKey::FacetValue {
                        facet: map.facet,
                        value: v,
                        page: 1,
                    };
                    site.href(&key, lang)
                }),
                value: value.map(|v| v.figures.get(map.figure).to_string()),
                short: value.map(|v| short(v.figures.get(map.figure), in_millions)),
                class: region.class,
                x: drawn.label.x,
                y: drawn.label.y,
            })
        })
        .collect();
    MapView {
        heading: heading(site, map.facet, map.figure, lang),
        width: crate::boundaries::shape::WIDTH as u32,
        height: map.shapes.height as u32,
        in_millions,
        has_empty: regions.iter().any(|r| r.value.is_none()),
        regions,
        classes: map
            .classes
            .iter()
            .map(|c| ClassView {
                min: c.min.to_string(),
                max: c.max.to_string(),
                count: c.count,
            })
            .collect(),
        source: label(site, &map.config.source, lang),
    }
}

const MILLION: Decimal = Decimal::from_parts(1_000_000, 0, 0, false, 0);

/// A value short enough to draw on a region, exact decimal arithmetic.
fn short(value: Decimal, in_millions: bool) -> String {
    if in_millions {
        (value / MILLION)
            .round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero)
            .to_string()
    } else {
        value.to_string()
    }
}

/// The row's first translated field (its name), else its code.
fn row_label<'a>(site: &'a Site<'_>, map: &'a Map<'_>, row: usize, lang: &'a str) -> Text<'a> {
    let table = site.data.table(&map.config.table.name);
    table
        .and_then(|t| {
            let field = t.schema.fields.iter().find(|f| f.translated)?;
            cell_text(site, t, row, &field.name, lang)
        })
        .unwrap_or_else(|| Text::new(&map.config.table.name, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_drawn_on_the_map_are_millions_rounded_half_up() {
        let d = |s: &str| s.parse::<Decimal>().expect("decimal");
        assert_eq!(short(d("1250000"), true), "1.3");
        assert_eq!(short(d("2559447.50"), true), "2.6");
        assert_eq!(short(d("315126.40"), true), "0.3");
        assert_eq!(short(d("84"), false), "84");
    }
}
