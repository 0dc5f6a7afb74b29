//! Degrees to a drawing: project, simplify, fit into the map's box, write
//! SVG path data. Done once per build, for every page that shows the map.

use std::fmt::Write as _;

use geo::{Area, BoundingRect, Coord, InteriorPoint, MapCoords, MultiPolygon, Polygon, Simplify};

use crate::config::Projection;

/// The mean radius of the Earth, in kilometres.
const EARTH_KM: f64 = 6371.0088;

/// Width of the map's box (SVG user units); the height follows the shape.
/// Wide enough that whole units are far finer than a pixel.
pub const WIDTH: f64 = 10000.0;

/// The widest the default theme draws a map, in CSS pixels (40rem): what
/// "a pixel at the drawn size" means for the simplification's tolerance.
pub const DRAWN_WIDTH_PX: f64 = 640.0;

/// Longitude, latitude (degrees) to kilometres on a plane, y growing south
/// as in SVG. Equirectangular: longitude scaled by the cosine of
/// `mean_latitude`, true to shape near that latitude.
pub fn project(
    shape: &MultiPolygon<f64>,
    projection: Projection,
    mean_latitude: f64,
) -> MultiPolygon<f64> {
    shape.map_coords(|c| project_coord(c, projection, mean_latitude))
}

/// One point of [`project`].
pub fn project_coord(c: Coord<f64>, projection: Projection, mean_latitude: f64) -> Coord<f64> {
    match projection {
        Projection::Equirectangular => Coord {
            x: EARTH_KM * c.x.to_radians() * mean_latitude.to_radians().cos(),
            y: -EARTH_KM * c.y.to_radians(),
        },
    }
}

/// Where degrees land in a map's box: kept with the map so that points
/// (communes) are drawn on its regions at the right place.
#[derive(Debug, Clone, Copy)]
pub struct Placement {
    pub projection: Projection,
    pub mean_latitude: f64,
    pub fit: Fit,
}

impl Placement {
    /// A longitude and latitude (degrees) in box units, to a tenth of a
    /// unit; `None` outside the box.
    pub fn place_point(&self, longitude: f64, latitude: f64) -> Option<Coord<f64>> {
        let projected = project_coord(
            Coord {
                x: longitude,
                y: latitude,
            },
            self.projection,
            self.mean_latitude,
        );
        let x = (projected.x - self.fit.min.x) * self.fit.scale;
        let y = (projected.y - self.fit.min.y) * self.fit.scale;
        let inside = (0.0..=WIDTH).contains(&x) && (0.0..=self.fit.height).contains(&y);
        inside.then(|| Coord {
            x: (x * 10.0).round() / 10.0,
            y: (y * 10.0).round() / 10.0,
        })
    }
}

/// Shapes in degrees to shapes in whole box units, simplified within
/// `tolerance_m` metres on the ground. The box is fitted to the shapes as
/// given, so every tolerance draws them at the same place and scale.
pub fn prepare(
    shapes: &[&MultiPolygon<f64>],
    projection: Projection,
    tolerance_m: f64,
) -> Option<(Placement, Vec<MultiPolygon<f64>>)> {
    let mean = mean_latitude(shapes);
    let projected: Vec<MultiPolygon<f64>> = shapes
        .iter()
        .map(|s| project(s, projection, mean))
        .collect();
    let fit = Fit::of(&projected)?;
    let placed = projected
        .iter()
        .map(|s| fit.place_shape(&simplify(s, tolerance_m / 1000.0)))
        .collect();
    let placement = Placement {
        projection,
        mean_latitude: mean,
        fit,
    };
    Some((placement, placed))
}

/// The latitude halfway between the southernmost and northernmost points.
pub fn mean_latitude(shapes: &[&MultiPolygon<f64>]) -> f64 {
    let (low, high) = shapes
        .iter()
        .filter_map(|s| s.bounding_rect())
        .fold((f64::MAX, f64::MIN), |(low, high), r| {
            (low.min(r.min().y), high.max(r.max().y))
        });
    if low <= high { (low + high) / 2.0 } else { 0.0 }
}

/// Douglas-Peucker within `tolerance` (the shape's units). A polygon that
/// would collapse keeps its original rings, so no region vanishes.
pub fn simplify(shape: &MultiPolygon<f64>, tolerance: f64) -> MultiPolygon<f64> {
    let kept = shape
        .0
        .iter()
        .map(|polygon| {
            let simple = polygon.simplify(tolerance);
            if simple.exterior().0.len() < 4 || simple.unsigned_area() <= 0.0 {
                polygon.clone()
            } else {
                simple
            }
        })
        .collect();
    MultiPolygon(kept)
}

/// How projected shapes map into the box: `WIDTH` wide, north up.
#[derive(Debug, Clone, Copy)]
pub struct Fit {
    pub min: Coord<f64>,
    pub scale: f64,
    pub height: f64,
}

impl Fit {
    /// The fit of all `shapes` together; `None` when they have no extent.
    pub fn of(shapes: &[MultiPolygon<f64>]) -> Option<Self> {
        let rects: Vec<_> = shapes
            .iter()
            .filter_map(BoundingRect::bounding_rect)
            .collect();
        let min_x = rects.iter().map(|r| r.min().x).fold(f64::MAX, f64::min);
        let min_y = rects.iter().map(|r| r.min().y).fold(f64::MAX, f64::min);
        let max_x = rects.iter().map(|r| r.max().x).fold(f64::MIN, f64::max);
        let max_y = rects.iter().map(|r| r.max().y).fold(f64::MIN, f64::max);
        let width = max_x - min_x;
        (width > 0.0 && max_y > min_y).then(|| Self {
            min: Coord { x: min_x, y: min_y },
            scale: WIDTH / width,
            height: ((max_y - min_y) * WIDTH / width).ceil(),
        })
    }

    /// A projected point in the box, to whole units.
    pub fn place(&self, c: Coord<f64>) -> Coord<f64> {
        Coord {
            x: ((c.x - self.min.x) * self.scale).round(),
            y: ((c.y - self.min.y) * self.scale).round(),
        }
    }

    pub fn place_shape(&self, shape: &MultiPolygon<f64>) -> MultiPolygon<f64> {
        shape.map_coords(|c| self.place(c))
    }
}

/// SVG path data of a shape already in whole box units: one absolute move
/// per ring, then relative lines (shorter), repeated points dropped.
pub fn path_data(shape: &MultiPolygon<f64>) -> String {
    let mut path = String::new();
    let rings = shape
        .0
        .iter()
        .flat_map(|p| std::iter::once(p.exterior()).chain(p.interiors()));
    for ring in rings {
        let mut points = ring.0.iter();
        let Some(first) = points.next() else { continue };
        let _ = write!(path, "M{} {}", first.x, first.y);
        let mut last = *first;
        let mut letter = 'l';
        for c in points.take(ring.0.len().saturating_sub(2)) {
            let (dx, dy) = (c.x - last.x, c.y - last.y);
            if dx == 0.0 && dy == 0.0 {
                continue;
            }
            let gap = if letter == 'l' {
                "l"
            } else if dx < 0.0 {
                ""
            } else {
                " "
            };
            let _ = write!(path, "{gap}{dx}");
            let _ = write!(path, "{}{dy}", if dy < 0.0 { "" } else { " " });
            letter = ' ';
            last = *c;
        }
        path.push('z');
    }
    path
}

/// A point inside the shape's largest polygon, for its label.
pub fn label_point(shape: &MultiPolygon<f64>) -> Option<Coord<f64>> {
    let largest: &Polygon<f64> = shape
        .0
        .iter()
        .max_by(|a, b| a.unsigned_area().total_cmp(&b.unsigned_area()))?;
    largest.interior_point().map(|p| p.0)
}
