//! The view of a point map: the backdrop's regions as outlines, each
//! facet value's circle with its name, value and link. The theme's
//! `partials/point_map.html` draws it.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serialize;

use crate::model::point_maps::{PointMap, radius};
use crate::model::{PageKey, Site};

use super::map::{MapHeading, heading};
use super::shared::value_label;
use super::{Text, label};

#[derive(Serialize)]
pub struct PointMapView<'a> {
    #[serde(flatten)]
    pub heading: MapHeading<'a>,
    pub width: u32,
    pub height: u32,
    /// The backdrop's regions (path data), drawn as outlines.
    pub backdrop: Vec<&'a str>,
    /// Largest first, so that smaller circles are drawn on top.
    pub points: Vec<PointView<'a>>,
    /// Reference circles for the legend, from the largest value down.
    pub legend: Vec<LegendCircle>,
    /// How many values have no point (not drawn; the table lists them).
    pub unplaced: usize,
    /// Where the backdrop's boundaries come from.
    pub source: Text<'a>,
}

#[derive(Serialize)]
pub struct PointView<'a> {
    pub label: Text<'a>,
    pub href: Option<&'a str>,
    pub value: String,
    pub x: f64,
    pub y: f64,
    pub r: f64,
}

#[derive(Serialize)]
pub struct LegendCircle {
    pub value: String,
    pub r: f64,
}

pub fn point_maps<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<PointMapView<'a>> {
    site.point_maps
        .iter()
        .map(|map| view(site, map, lang))
        .collect()
}

fn view<'a>(site: &'a Site<'_>, map: &'a PointMap<'_>, lang: &'a str) -> PointMapView<'a> {
    let facet = &site.facets[map.facet];
    let value_of = |v: usize| facet.values[v].figures.get(map.figure);
    let points = map
        .points
        .iter()
        .map(|p| PointView {
            label: value_label(site, map.facet, p.value, lang),
            href: site.href(
                &PageKey::FacetValue {
                    facet: map.facet,
                    value: p.value,
                    page: 1,
                },
                lang,
            ),
            value: value_of(p.value).to_string(),
            x: p.x,
            y: p.y,
            r: p.radius,
        })
        .collect();
    let values: Vec<Decimal> = map.points.iter().map(|p| value_of(p.value)).collect();
    let backdrop_config = site
        .config
        .maps
        .iter()
        .find(|m| m.table.name == map.config.backdrop.name);
    PointMapView {
        heading: heading(site, map.facet, map.figure, lang),
        width: crate::boundaries::shape::WIDTH as u32,
        height: map.backdrop.height as u32,
        backdrop: map
            .backdrop
            .rows
            .values()
            .map(|d| d.path.as_str())
            .collect(),
        points,
        legend: legend(&values),
        unplaced: map.unplaced,
        source: backdrop_config.map_or(Text::new("", lang), |m| label(site, &m.source, lang)),
    }
}

/// The largest value, about a quarter of it (half the radius) and the
/// smallest: enough to read sizes by, without clutter.
fn legend(values: &[Decimal]) -> Vec<LegendCircle> {
    let Some(largest) = values.iter().max().copied() else {
        return Vec::new();
    };
    let smallest = values.iter().min().copied().unwrap_or(largest);
    let quarter = (largest / Decimal::from(4)).round().max(smallest);
    let mut chosen = vec![largest, quarter, smallest];
    chosen.dedup();
    let top = largest.to_f64().unwrap_or(0.0);
    chosen
        .into_iter()
        .map(|v| LegendCircle {
            value: v.to_string(),
            r: radius(v.to_f64().unwrap_or(0.0), top),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_shows_the_largest_a_quarter_and_the_smallest() {
        let values: Vec<Decimal> = [1, 2, 8, 3].map(Decimal::from).to_vec();
        let legend = legend(&values);
        let shown: Vec<&str> = legend.iter().map(|c| c.value.as_str()).collect();
        assert_eq!(shown, ["8", "2", "1"]);
        assert!(legend[0].r > legend[1].r && legend[1].r > legend[2].r);
        let same: Vec<Decimal> = [3, 3].map(Decimal::from).to_vec();
        assert_eq!(legend_values(&same), ["3"]);
        assert!(super::legend(&[]).is_empty());
    }

    fn legend_values(values: &[Decimal]) -> Vec<String> {
        legend(values).into_iter().map(|c| c.value).collect()
    }
}
