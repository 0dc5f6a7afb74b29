//! The boundaries stage: GeoJSON files declared by `[[maps]]` in site.toml,
//! checked against their lookup tables and made ready to draw.
//!
//! 1. Read each map's GeoJSON (a FeatureCollection in WGS84 degrees), every
//!    problem at its line and column ([`read`]).
//! 2. Join features to the rows of the lookup table on the declared code:
//!    a shape without a row, a row without a shape or a code used twice is
//!    an error naming the code.
//! 3. Once per build: project, simplify within the declared tolerance, fit
//!    into the map's box, write SVG path data ([`shape`]).

mod points;
mod read;
pub mod shape;

pub use points::PointShapes;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use geo::{Coord, MultiPolygon};

use crate::config::{self, SiteConfig};
use crate::data::{Data, Table};
use crate::diagnostics::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::fsio;

/// The drawable shapes of every map, in the order of `SiteConfig::maps`.
#[derive(Debug, Default)]
pub struct Boundaries {
    pub maps: Vec<MapShapes>,
    /// In the order of `SiteConfig::point_maps`, those that could be placed.
    pub points: Vec<PointShapes>,
}

/// One map's regions, ready to draw.
#[derive(Debug)]
pub struct MapShapes {
    /// Its index in `SiteConfig::maps`.
    pub map: usize,
    /// The box: `shape::WIDTH` wide, this high (SVG user units).
    pub height: f64,
    /// How degrees land in the box; none when the shapes have no extent.
    pub placement: Option<shape::Placement>,
    /// The shape of each row of the lookup table, by row index.
    pub rows: BTreeMap<usize, Drawn>,
}

/// One region in box units.
#[derive(Debug)]
pub struct Drawn {
    pub path: String,
    /// Where its label goes: a point inside it.
    pub label: Coord<f64>,
    /// The simplified shape, in whole box units (what `path` draws).
    pub shape: MultiPolygon<f64>,
}

/// Loads every map of the configuration; a map with any problem is left
/// out, with its diagnostics.
pub fn load(config: &SiteConfig, data: &Data, diagnostics: &mut Diagnostics) -> Boundaries {
    let maps = config
        .maps
        .iter()
        .enumerate()
        .filter_map(|(index, map)| {
            let mut shapes = load_map(config, map, data, diagnostics)?;
            shapes.map = index;
            Some(shapes)
        })
        .collect::<Vec<_>>();
    let points = points::load(config, data, &maps, diagnostics);
    Boundaries { maps, points }
}

fn load_map(
    config: &SiteConfig,
    map: &config::Map,
    data: &Data,
    diagnostics: &mut Diagnostics,
) -> Option<MapShapes> {
    let table = lookup_table(map, data, diagnostics)?;
    let file = map.geojson.name.as_str();
    let text = match fsio::read_capped_to_string(&config.root.join(file), config.max_file_bytes) {
        Ok(text) => text,
        Err(error) => {
            diagnostics.push(
                Diagnostic::from(error)
                    .at(config::CONFIG_FILE, map.geojson.location.clone())
                    .with_hint("`geojson` is a path from the site's folder, such as data/provinces.geojson"),
            );
            return None;
        }
    };
    let before = diagnostics.error_count();
    let features = read::features(file, &text, &map.property, diagnostics);
    // A feature that could not be read would show again as a row without
    // a shape: join only a file read whole.
    if diagnostics.error_count() > before {
        return None;
    }
    let joined = join(config, map, table, features, diagnostics);
    (diagnostics.error_count() == before).then(|| draw(map, joined))
}

fn lookup_table<'a>(
    map: &config::Map,
    data: &'a Data,
    diagnostics: &mut Diagnostics,
) -> Option<&'a Table> {
    let table = map_table(&map.table, data, diagnostics)?;
    let hint = "`key` names the table's column holding each row's code";
    has_field(table, &map.key, hint, diagnostics).then_some(table)
}

/// The table a map names, or an error at the name.
fn map_table<'a>(
    name: &config::Named,
    data: &'a Data,
    diagnostics: &mut Diagnostics,
) -> Option<&'a Table> {
    let table = data.table(&name.name);
    if table.is_none() {
        let names = data.tables.keys().map(String::as_str);
        diagnostics.push(
            Diagnostic::error(format!("the map's table `{}` does not exist", name.name))
                .at(config::CONFIG_FILE, name.location.clone())
                .with_hint(
                    did_you_mean(&name.name, names)
                        .unwrap_or_else(|| "name a table of data/".into()),
                ),
        );
    }
    table
}

/// Whether `table` has the field a map names; an error at the name if not.
fn has_field(
    table: &Table,
    field: &config::Named,
    hint: &str,
    diagnostics: &mut Diagnostics,
) -> bool {
    let found = table.column_of(&field.name, None).is_some();
    if !found {
        let fields = table.schema.fields.iter().map(|f| f.name.as_str());
        diagnostics.push(
            Diagnostic::error(format!(
                "the table `{}` has no field `{}`",
                table.name, field.name
            ))
            .at(config::CONFIG_FILE, field.location.clone())
            .with_hint(did_you_mean(&field.name, fields).unwrap_or_else(|| hint.into())),
        );
    }
    found
}

/// Pairs each feature with its row: every row needs one shape, every shape
/// one row.
fn join(
    config: &SiteConfig,
    map: &config::Map,
    table: &Table,
    features: Vec<read::Feature>,
    diagnostics: &mut Diagnostics,
) -> Vec<(usize, MultiPolygon<f64>)> {
    let file = map.geojson.name.as_str();
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    for (index, row) in table.rows.iter().enumerate() {
        if let Some(code) = table.value(row, &map.key.name).filter(|v| !v.is_null()) {
            rows.insert(code.to_string(), index);
        }
    }
    let mut joined: BTreeMap<usize, MultiPolygon<f64>> = BTreeMap::new();
    for feature in features {
        let Some(&row) = rows.get(&feature.code) else {
            let hint =
                did_you_mean(&feature.code, rows.keys().map(String::as_str)).unwrap_or_else(|| {
                    format!(
                        "add a row with this code to {}, or remove the shape",
                        table.path.display()
                    )
                });
            diagnostics.push(
                Diagnostic::error(format!(
                    "the shape `{}` has no row in the table `{}`",
                    feature.code, table.name
                ))
                .at(file, feature.location)
                .with_hint(hint),
            );
            continue;
        };
        if joined.insert(row, feature.shape).is_some() {
            diagnostics.push(
                Diagnostic::error(format!("the code `{}` has two shapes", feature.code))
                    .at(file, feature.location)
                    .with_hint("join the parts into one MultiPolygon feature"),
            );
        }
    }
    for (code, &row) in &rows {
        if !joined.contains_key(&row) {
            let d = Diagnostic::error(format!(
                "the row with {} `{code}` in the table `{}` has no shape in {file}",
                map.key.name, table.name
            ))
            .with_hint(format!(
                "add a feature whose `{}` is \"{code}\" to {file}, or check the code",
                map.property
            ));
            let d = match row_location(config, table, row, code) {
                Some(location) => d.at(&table.path, location),
                None => d.in_file(&table.path),
            };
            diagnostics.push(d);
        }
    }
    joined.into_iter().collect()
}

/// Where a row's code is written in its CSV file, read again (errors
/// only); `None` when the file cannot be read again.
fn row_location(config: &SiteConfig, table: &Table, row: usize, code: &str) -> Option<Location> {
    let line = table.rows.get(row)?.line;
    let text = fsio::read_to_string(&config.root.join(&table.path)).ok()?;
    let start: usize = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let line_text = text[start.min(text.len())..].lines().next().unwrap_or("");
    let at = start + line_text.find(code).unwrap_or(0);
    Some(Location::at(&text, at..at + code.len()))
}

/// Project, simplify, fit and write path data, once for all pages.
fn draw(map: &config::Map, joined: Vec<(usize, MultiPolygon<f64>)>) -> MapShapes {
    let shapes: Vec<&MultiPolygon<f64>> = joined.iter().map(|(_, s)| s).collect();
    let Some((placement, placed)) = shape::prepare(&shapes, map.projection, map.tolerance_m) else {
        return MapShapes {
            map: 0,
            height: 0.0,
            placement: None,
            rows: BTreeMap::new(),
        };
    };
    let rows = joined
        .iter()
        .zip(placed)
        .map(|((row, _), placed)| {
            let label = shape::label_point(&placed).unwrap_or_default();
            // A tenth of a unit is finer than a pixel.
            let label = Coord {
                x: (label.x * 10.0).round() / 10.0,
                y: (label.y * 10.0).round() / 10.0,
            };
            let drawn = Drawn {
                path: shape::path_data(&placed),
                label,
                shape: placed,
            };
            (*row, drawn)
        })
        .collect();
    MapShapes {
        map: 0,
        height: placement.fit.height,
        placement: Some(placement),
        rows,
    }
}
