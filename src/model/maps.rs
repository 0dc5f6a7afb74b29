//! Maps: each region of a `[[maps]]` joined to its facet value, shaded by a
//! key figure in classes computed from the data.
//!
//! Classes are natural breaks (Ckmeans, the optimal form of Jenks): with a
//! handful of regions, quantiles would put the same number of regions in
//! each class whatever the gaps between values, while natural breaks keep
//! close values together and put the gaps between classes.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::boundaries::{Boundaries, MapShapes};
use crate::config::{self, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics, did_you_mean};

use super::{Facet, KeyFigure};

/// At most this many classes: more shades than a reader can tell apart.
pub const MAX_CLASSES: usize = 5;

/// A map of one facet, shaded by one key figure.
pub struct Map<'a> {
    pub config: &'a config::Map,
    pub shapes: &'a MapShapes,
    /// Index into `Site::facets`.
    pub facet: usize,
    /// Index into `Site::key_figures`.
    pub figure: usize,
    pub regions: Vec<Region>,
    pub classes: Vec<Class>,
}

/// One region: its lookup row, its facet value (none when no record has
/// it) and its class (none without a value).
#[derive(Debug, Clone)]
pub struct Region {
    pub row: usize,
    pub value: Option<usize>,
    pub class: Option<usize>,
}

/// One class of the legend: the smallest and largest value in it, exact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Class {
    pub min: Decimal,
    pub max: Decimal,
    pub count: usize,
}

/// Joins every loaded map to its facet and figure.
pub fn maps<'a>(
    config: &'a SiteConfig,
    boundaries: &'a Boundaries,
    facets: &[Facet<'_>],
    key_figures: &[KeyFigure],
    diagnostics: &mut Diagnostics,
) -> Vec<Map<'a>> {
    let mut maps = Vec::new();
    for shapes in &boundaries.maps {
        let Some(map) = config.maps.get(shapes.map) else {
            continue;
        };
        let Some(facet) = facet_of(&map.table, facets, diagnostics) else {
            continue;
        };
        let Some(figure) = figure_of(&map.figure, key_figures, diagnostics) else {
            continue;
        };
        let regions = regions(shapes, &facets[facet]);
        let values = regions
            .iter()
            .filter_map(|r| r.value.map(|v| facets[facet].values[v].figures.get(figure)));
        let (classes, of) = classify(&values.collect::<Vec<_>>());
        let mut of = of.into_iter();
        let regions = regions
            .into_iter()
            .map(|r| Region {
                class: r.value.and_then(|_| of.next()),
                ..r
            })
            .collect();
        maps.push(Map {
            config: map,
            shapes,
            facet,
            figure,
            regions,
            classes,
        });
    }
    maps
}

/// The facet whose lookup table is `table`: the pages a map's regions or
/// points link to.
pub(super) fn facet_of(
    table: &config::Named,
    facets: &[Facet<'_>],
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    let found = facets
        .iter()
        .position(|f| f.lookup.is_some_and(|t| t.name == table.name));
    if found.is_none() {
        diagnostics.push(
            Diagnostic::error(format!(
                "no facet shows the table `{}`, so its map has no page",
                table.name
            ))
            .at(config::CONFIG_FILE, table.location.clone())
            .with_hint(
                "add a [[facets]] on a field of the records with a foreign key to this table",
            ),
        );
    }
    found
}

/// The key figure a map shades or sizes by.
pub(super) fn figure_of(
    figure: &config::Named,
    figures: &[KeyFigure],
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    let found = figures.iter().position(|k| k.id == figure.name);
    if found.is_none() {
        let ids = figures.iter().map(|k| k.id.as_str());
        diagnostics.push(
            Diagnostic::error(format!(
                "the map's figure `{}` is not a key figure",
                figure.name
            ))
            .at(config::CONFIG_FILE, figure.location.clone())
            .with_hint(
                did_you_mean(&figure.name, ids)
                    .unwrap_or_else(|| "name the id of a [[key_figures]]".into()),
            ),
        );
    }
    found
}

/// Every shaped row, with the facet value that points at it.
fn regions(shapes: &MapShapes, facet: &Facet<'_>) -> Vec<Region> {
    shapes
        .rows
        .keys()
        .map(|&row| Region {
            row,
            value: facet.values.iter().position(|v| v.lookup_row == Some(row)),
            class: None,
        })
        .collect()
}

/// Natural-break classes of `values`, and the class of each value in order.
pub fn classify(values: &[Decimal]) -> (Vec<Class>, Vec<usize>) {
    let floats: Vec<f64> = values.iter().map(|v| v.to_f64().unwrap_or(0.0)).collect();
    let mut distinct = floats.clone();
    distinct.sort_by(f64::total_cmp);
    distinct.dedup();
    let k = distinct.len().min(MAX_CLASSES);
    if k == 0 {
        return (Vec::new(), Vec::new());
    }
    // The largest value of each cluster is the upper break of its class.
    let breaks: Vec<f64> = match ckmeans::ckmeans(&floats, k as u8) {
        Ok(clusters) => clusters.iter().filter_map(|c| c.last().copied()).collect(),
        Err(_) => vec![distinct[distinct.len() - 1]],
    };
    let of: Vec<usize> = floats
        .iter()
        .map(|v| {
            breaks
                .iter()
                .position(|b| v <= b)
                .unwrap_or(breaks.len() - 1)
        })
        .collect();
    let classes = (0..breaks.len())
        .filter_map(|class| {
            let members = values
                .iter()
                .zip(&of)
                .filter(|(_, c)| **c == class)
                .map(|(v, _)| *v);
            let (min, max, count) = members.fold(
                (None, None, 0),
                |(lo, hi, n): (Option<Decimal>, Option<Decimal>, usize), v| {
                    (
                        Some(lo.map_or(v, |l| l.min(v))),
                        Some(hi.map_or(v, |h| h.max(v))),
                        n + 1,
                    )
                },
            );
            Some(Class {
                min: min?,
                max: max?,
                count,
            })
        })
        .collect();
    (classes, of)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimals(values: &[i64]) -> Vec<Decimal> {
        values.iter().map(|&v| Decimal::from(v)).collect()
    }

    #[test]
    fn natural_breaks_keep_close_values_together() {
        let values = decimals(&[1, 2, 3, 4, 5, 6, 7, 100, 101, 102]);
        let (classes, of) = classify(&values);
        assert_eq!(classes.len(), MAX_CLASSES);
        let top = classes.last().expect("a class");
        assert_eq!((top.min, top.max, top.count), (100.into(), 102.into(), 3));
        assert_eq!(&of[7..], [4, 4, 4]);
    }

    #[test]
    fn classes_are_ordered_disjoint_and_cover_every_value() {
        let values = decimals(&[50, 3, 900, 12, 3, 400, 75, 8, 1000, 60]);
        let (classes, of) = classify(&values);
        assert!(classes.len() > 1, "{classes:?}");
        for pair in classes.windows(2) {
            assert!(pair[0].max < pair[1].min, "{pair:?}");
        }
        assert_eq!(classes.iter().map(|c| c.count).sum::<usize>(), values.len());
        for (value, class) in values.iter().zip(&of) {
            let c = &classes[*class];
            assert!(c.min <= *value && *value <= c.max, "{value} in {c:?}");
        }
    }

    #[test]
    fn fewer_distinct_values_than_classes_give_one_class_each() {
        let values = decimals(&[7, 7, 9]);
        let (classes, of) = classify(&values);
        assert_eq!(classes.len(), 2);
        assert_eq!(of, [0, 0, 1]);
        assert_eq!(classify(&[]).0, Vec::new());
    }

    #[test]
    fn the_default_site_map_shades_each_province_by_its_committed_amount() {
        crate::testing::with_default_site_maps(|site| {
            let map = site.maps.first().expect("a map");
            assert_eq!(map.regions.len(), 8);
            let facet = &site.facets[map.facet];
            assert_eq!(facet.field, "province");
            let value_of = |r: &Region| {
                facet.values[r.value.expect("every province has projects")]
                    .figures
                    .get(map.figure)
            };
            for region in &map.regions {
                let class = &map.classes[region.class.expect("a class")];
                let value = value_of(region);
                assert!(class.min <= value && value <= class.max);
            }
            let largest = map
                .regions
                .iter()
                .max_by_key(|r| value_of(r))
                .expect("a region");
            assert_eq!(largest.class, Some(map.classes.len() - 1));
        });
    }
}
