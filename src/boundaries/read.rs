//! GeoJSON text to features, each with where it starts in the file, so a
//! message about a feature points at its line and column.

use geo::{Coord, MultiPolygon};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};

/// One feature: its code and its shape in longitude, latitude (degrees).
#[derive(Debug, Clone)]
pub struct Feature {
    pub code: String,
    pub shape: MultiPolygon<f64>,
    /// Where the feature's code is written (or the feature starts).
    pub location: Location,
}

#[derive(Deserialize)]
struct Collection<'a> {
    #[serde(rename = "type")]
    kind: String,
    #[serde(borrow, default)]
    features: Vec<&'a RawValue>,
}

/// Reads a FeatureCollection; every problem is a diagnostic in `file`.
pub fn features(
    file: &str,
    text: &str,
    property: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<Feature> {
    let collection: Collection<'_> = match serde_json::from_str(text) {
        Ok(collection) => collection,
        Err(error) => {
            diagnostics.push(json_error(file, text, &error));
            return Vec::new();
        }
    };
    if collection.kind != "FeatureCollection" {
        diagnostics.push(
            Diagnostic::error(format!(
                "this GeoJSON is a `{}`, not a `FeatureCollection`",
                collection.kind
            ))
            .at(file, Location::at(text, 0..1))
            .with_hint("a map needs a FeatureCollection: one feature per region, each with the code of its row"),
        );
        return Vec::new();
    }
    let mut found = Vec::new();
    for raw in collection.features {
        // A borrowed raw value is a slice of `text`: its offset is where
        // the feature starts.
        let raw = raw.get();
        let start = raw.as_ptr() as usize - text.as_ptr() as usize;
        match feature(raw, property) {
            Ok((code, shape, code_at)) => {
                let at = start + code_at.unwrap_or(0);
                found.push(Feature {
                    code,
                    shape,
                    location: Location::at(text, at..at + 1),
                });
            }
            Err(problem) => diagnostics.push(
                Diagnostic::error(problem.message)
                    .at(file, Location::at(text, start..start + 1))
                    .with_hint(problem.hint),
            ),
        }
    }
    found
}

/// A problem with one feature, in plain words.
struct Problem {
    message: String,
    hint: String,
}

fn problem(message: String, hint: &str) -> Problem {
    Problem {
        message,
        hint: hint.to_string(),
    }
}

/// The code, the shape and the byte offset of the code in `raw`.
fn feature(
    raw: &str,
    property: &str,
) -> Result<(String, MultiPolygon<f64>, Option<usize>), Problem> {
    let value: serde_json::Value = serde_json::from_str(raw).map_err(|e| {
        problem(
            format!("this feature cannot be read: {e}"),
            "check it is a GeoJSON Feature",
        )
    })?;
    let feature = geojson::Feature::from_json_value(value).map_err(|e| {
        problem(
            format!("this is not a GeoJSON feature: {e}"),
            "each feature needs \"type\": \"Feature\", \"properties\" and \"geometry\"",
        )
    })?;
    let code = match feature.property(property) {
        Some(serde_json::Value::String(code)) => code.clone(),
        Some(serde_json::Value::Number(code)) => code.to_string(),
        _ => {
            return Err(problem(
                format!("this feature has no property `{property}`"),
                "each feature needs the code of its row in the property named by `property` in site.toml",
            ));
        }
    };
    let code_at = raw
        .find(&format!("\"{property}\""))
        .map(|i| i + property.len() + 2);
    let code_at = code_at.and_then(|i| raw[i..].find(code.as_str()).map(|j| i + j));
    let shape = shape(&code, feature.geometry)?;
    Ok((code, shape, code_at))
}

fn shape(code: &str, geometry: Option<geojson::Geometry>) -> Result<MultiPolygon<f64>, Problem> {
    let hint = "draw each region as a Polygon or a MultiPolygon";
    let Some(geometry) = geometry else {
        return Err(problem(
            format!("the feature `{code}` has no geometry"),
            hint,
        ));
    };
    let shape = match geo::Geometry::<f64>::try_from(geometry.value) {
        Ok(geo::Geometry::Polygon(polygon)) => MultiPolygon(vec![polygon]),
        Ok(geo::Geometry::MultiPolygon(shape)) => shape,
        Ok(_) | Err(_) => {
            return Err(problem(
                format!("the feature `{code}` is not a polygon"),
                hint,
            ));
        }
    };
    if let Some(c) = outside_wgs84(&shape) {
        return Err(problem(
            format!(
                "the feature `{code}` has a point at ({}, {}), which is not a longitude and latitude in degrees",
                c.x, c.y
            ),
            "coordinates must be longitude then latitude in degrees (WGS84); convert a file in metres or another system first",
        ));
    }
    if shape.0.iter().all(|p| p.exterior().0.len() < 4) {
        return Err(problem(
            format!("the feature `{code}` has no ring of at least four points"),
            hint,
        ));
    }
    Ok(shape)
}

fn outside_wgs84(shape: &MultiPolygon<f64>) -> Option<Coord<f64>> {
    use geo::CoordsIter;
    shape
        .coords_iter()
        .find(|c| !(c.x.is_finite() && c.y.is_finite() && c.x.abs() <= 180.0 && c.y.abs() <= 90.0))
}

/// A JSON syntax error at its line and column.
fn json_error(file: &str, text: &str, error: &serde_json::Error) -> Diagnostic {
    // serde_json counts the column in bytes from 1; the location counts
    // characters, so go through the byte offset.
    let line_start: usize = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let at = line_start + error.column().saturating_sub(1);
    let message = error.to_string();
    let message = message.split(" at line").next().unwrap_or(&message);
    Diagnostic::error(format!("this GeoJSON file is not valid JSON: {message}"))
        .at(file, Location::at(text, at..at + 1))
        .with_hint("check the punctuation near this place: a missing comma, bracket or quote")
}
