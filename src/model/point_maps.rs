//! Point maps: each value of a facet whose lookup row has a point (a
//! commune), drawn as a circle whose area is proportional to a key figure,
//! so that twice the projects take twice the ink.

use rust_decimal::prelude::ToPrimitive;

use crate::boundaries::{Boundaries, MapShapes, PointShapes};
use crate::config::{self, SiteConfig};
use crate::diagnostics::Diagnostics;

use super::maps::{facet_of, figure_of};
use super::{Facet, KeyFigure};

/// The largest circle's radius, in box units (`shape::WIDTH` wide): about
/// 14 pixels at the widest the theme draws a map.
pub const MAX_RADIUS: f64 = 220.0;

/// The smallest circle's radius: a value above zero stays visible.
pub const MIN_RADIUS: f64 = 45.0;

pub struct PointMap<'a> {
    pub config: &'a config::PointMap,
    /// The map whose regions are drawn beneath.
    pub backdrop: &'a MapShapes,
    /// Index into `Site::facets`.
    pub facet: usize,
    /// Index into `Site::key_figures`.
    pub figure: usize,
    /// Largest first, so that smaller circles are drawn on top.
    pub points: Vec<Point>,
    /// Facet values whose lookup row has no point.
    pub unplaced: usize,
}

/// One value of the facet at its point.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Index into the facet's values.
    pub value: usize,
    pub x: f64,
    pub y: f64,
    pub radius: f64,
}

/// Joins every placed point map to its facet and figure.
pub fn point_maps<'a>(
    config: &'a SiteConfig,
    boundaries: &'a Boundaries,
    facets: &[Facet<'_>],
    key_figures: &[KeyFigure],
    diagnostics: &mut Diagnostics,
) -> Vec<PointMap<'a>> {
    let mut maps = Vec::new();
    for shapes in &boundaries.points {
        let map = &config.point_maps[shapes.map];
        let Some(facet) = facet_of(&map.table, facets, diagnostics) else {
            continue;
        };
        let Some(figure) = figure_of(&map.figure, key_figures, diagnostics) else {
            continue;
        };
        let (points, unplaced) = points(shapes, &facets[facet], figure);
        maps.push(PointMap {
            config: map,
            backdrop: &boundaries.maps[shapes.backdrop],
            facet,
            figure,
            points,
            unplaced,
        });
    }
    maps
}

/// The facet's values at their rows' points, sized by the figure, and how
/// many values have no point.
fn points(shapes: &PointShapes, facet: &Facet<'_>, figure: usize) -> (Vec<Point>, usize) {
    let value_of = |v: usize| {
        facet.values[v]
            .figures
            .get(figure)
            .to_f64()
            .unwrap_or(0.0)
            .max(0.0)
    };
    let largest = (0..facet.values.len()).map(value_of).fold(0.0, f64::max);
    let mut unplaced = 0;
    let mut points: Vec<Point> = Vec::new();
    for (index, value) in facet.values.iter().enumerate() {
        let Some(at) = value.lookup_row.and_then(|row| shapes.rows.get(&row)) else {
            unplaced += 1;
            continue;
        };
        points.push(Point {
            value: index,
            x: at.x,
            y: at.y,
            radius: radius(value_of(index), largest),
        });
    }
    points.sort_by(|a, b| b.radius.total_cmp(&a.radius));
    (points, unplaced)
}

/// Area proportional to the value, never smaller than `MIN_RADIUS`, to a
/// tenth of a unit.
pub fn radius(value: f64, largest: f64) -> f64 {
    if largest <= 0.0 {
        return MIN_RADIUS;
    }
    let r = MAX_RADIUS * (value / largest).sqrt();
    (r.max(MIN_RADIUS) * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_is_proportional_to_the_value() {
        let big = radius(100.0, 100.0);
        let quarter = radius(25.0, 100.0);
        assert_eq!(big, MAX_RADIUS);
        assert!((big / quarter - 2.0).abs() < 0.01, "{big} {quarter}");
        assert_eq!(radius(0.01, 100.0), MIN_RADIUS);
        assert_eq!(radius(3.0, 0.0), MIN_RADIUS);
    }

    #[test]
    fn the_default_site_draws_every_commune_with_projects_once() {
        crate::testing::with_default_site_maps(|site| {
            let map = site.point_maps.first().expect("a point map");
            let facet = &site.facets[map.facet];
            assert_eq!(facet.field, "commune");
            assert!(facet.values.len() > 40, "{}", facet.values.len());
            assert_eq!(map.points.len(), facet.values.len());
            assert_eq!(map.unplaced, 0);
            let most = map.points.first().expect("a point");
            let counts = |p: &Point| facet.values[p.value].records.len();
            assert!(map.points.iter().all(|p| counts(p) <= counts(most)));
            assert_eq!(most.radius, MAX_RADIUS);
            let width = crate::boundaries::shape::WIDTH;
            for p in &map.points {
                assert!((0.0..=width).contains(&p.x) && (0.0..=map.backdrop.height).contains(&p.y));
            }
        });
    }
}
