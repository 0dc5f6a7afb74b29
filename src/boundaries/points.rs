//! Point maps: a point per row of a lookup table (a commune), from its
//! latitude and longitude columns, placed in the box of the `[[maps]]`
//! whose regions are drawn beneath, so both line up.

use std::collections::BTreeMap;

use geo::Coord;

use crate::config::{self, SiteConfig};
use crate::data::{Data, Table};
use crate::diagnostics::{Diagnostic, Diagnostics};

use super::{MapShapes, has_field, map_table, row_location};

/// One point map's rows, ready to draw.
#[derive(Debug)]
pub struct PointShapes {
    /// Its index in `SiteConfig::point_maps`.
    pub map: usize,
    /// Index into `Boundaries::maps` of the map drawn beneath.
    pub backdrop: usize,
    /// Each located row's point, in the backdrop's box units, by row index.
    pub rows: BTreeMap<usize, Coord<f64>>,
}

/// Places every point map whose table, columns and backdrop are sound.
pub fn load(
    config: &SiteConfig,
    data: &Data,
    maps: &[MapShapes],
    diagnostics: &mut Diagnostics,
) -> Vec<PointShapes> {
    config
        .point_maps
        .iter()
        .enumerate()
        .filter_map(|(index, map)| {
            let table = point_table(map, data, diagnostics)?;
            let backdrop = backdrop_of(config, map, maps, diagnostics)?;
            let rows = place_rows(config, map, table, &maps[backdrop], diagnostics);
            Some(PointShapes {
                map: index,
                backdrop,
                rows,
            })
        })
        .collect()
}

fn point_table<'a>(
    map: &config::PointMap,
    data: &'a Data,
    diagnostics: &mut Diagnostics,
) -> Option<&'a Table> {
    let table = map_table(&map.table, data, diagnostics)?;
    let hint = "`latitude` and `longitude` name the table's columns of degrees (WGS84)";
    let latitude = has_field(table, &map.latitude, hint, diagnostics);
    let longitude = has_field(table, &map.longitude, hint, diagnostics);
    (latitude && longitude).then_some(table)
}

/// The index in `maps` of the map drawn beneath; an error when no
/// `[[maps]]` draws that table. A backdrop that failed to load has its own
/// diagnostics already.
fn backdrop_of(
    config: &SiteConfig,
    map: &config::PointMap,
    maps: &[MapShapes],
    diagnostics: &mut Diagnostics,
) -> Option<usize> {
    let Some(declared) = config
        .maps
        .iter()
        .position(|m| m.table.name == map.backdrop.name)
    else {
        let tables = config.maps.iter().map(|m| m.table.name.as_str());
        diagnostics.push(
            Diagnostic::error(format!(
                "no [[maps]] draws the table `{}`, so the points have nothing beneath them",
                map.backdrop.name
            ))
            .at(config::CONFIG_FILE, map.backdrop.location.clone())
            .with_hint(
                crate::diagnostics::did_you_mean(&map.backdrop.name, tables).unwrap_or_else(|| {
                    "`backdrop` names the `table` of a [[maps]] with boundaries".into()
                }),
            ),
        );
        return None;
    };
    maps.iter()
        .position(|m| m.map == declared && m.placement.is_some())
}

/// Each row with both coordinates, placed; a point outside the backdrop's
/// box is a warning at its row (swapped columns are the usual cause).
fn place_rows(
    config: &SiteConfig,
    map: &config::PointMap,
    table: &Table,
    backdrop: &MapShapes,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<usize, Coord<f64>> {
    let Some(placement) = backdrop.placement else {
        return BTreeMap::new();
    };
    let degrees = |row, field: &config::Named| {
        table
            .value(row, &field.name)
            .and_then(|v| v.as_decimal())
            .and_then(|d| rust_decimal::prelude::ToPrimitive::to_f64(&d))
    };
    let mut placed = BTreeMap::new();
    for (index, row) in table.rows.iter().enumerate() {
        let (Some(latitude), Some(longitude)) =
            (degrees(row, &map.latitude), degrees(row, &map.longitude))
        else {
            continue;
        };
        match placement.place_point(longitude, latitude) {
            Some(point) => {
                placed.insert(index, point);
            }
            None => {
                let shown = table
                    .value(row, &map.latitude.name)
                    .map(ToString::to_string)
                    .unwrap_or_default();
                let d = Diagnostic::warning(format!(
                    "the point at latitude {latitude}, longitude {longitude} lies outside the map of `{}`: it is not drawn",
                    map.backdrop.name
                ))
                .with_hint("check the latitude and longitude: are the two columns swapped?");
                let d = match row_location(config, table, index, &shown) {
                    Some(location) => d.at(&table.path, location),
                    None => d.in_file(&table.path),
                };
                diagnostics.push(d);
            }
        }
    }
    placed
}
