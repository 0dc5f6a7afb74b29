//! The boundaries stage: projection, simplification that loses no region
//! and opens no visible gap, and the default site's boundaries.

use std::collections::HashSet;

use geo::{Coord, Distance, Euclidean, LineString, MultiPolygon, Point, polygon};

use super::shape::{self, DRAWN_WIDTH_PX, WIDTH};
use super::*;
use crate::config::Projection;

fn default_site() -> (SiteConfig, Data) {
    let (config, data, _) = crate::testing::default_site_inputs(None);
    (config, data)
}

/// The default site's boundaries, in degrees, as read from its GeoJSON.
fn default_features() -> Vec<MultiPolygon<f64>> {
    let (config, _) = default_site();
    let map = &config.maps[0];
    let text = std::fs::read_to_string(config.root.join(&map.geojson.name)).expect("readable");
    let mut diagnostics = Diagnostics::new();
    let features = read::features("f", &text, &map.property, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    features.into_iter().map(|f| f.shape).collect()
}

#[test]
fn projection_scales_longitude_by_the_cosine_of_the_mean_latitude() {
    let square = MultiPolygon(vec![
        polygon![(x: 0.0, y: 60.0), (x: 1.0, y: 60.0), (x: 1.0, y: 61.0), (x: 0.0, y: 60.0)],
    ]);
    let projected = shape::project(&square, Projection::Equirectangular, 60.0);
    let ring = &projected.0[0].exterior().0;
    let east = ring[1].x - ring[0].x;
    let north = ring[2].y - ring[1].y;
    // One degree east at 60° is half a degree north, and north is up.
    assert!((east / -north - 0.5).abs() < 1e-9, "{east} {north}");
    assert!(north < 0.0, "north is up in SVG");
    assert!(
        (-north - 111.195).abs() < 0.01,
        "a degree of latitude is 111 km: {north}"
    );
}

#[test]
fn the_mean_latitude_is_halfway_between_the_extremes() {
    let shapes = default_features();
    let mean = shape::mean_latitude(&shapes.iter().collect::<Vec<_>>());
    assert!((35.0..35.5).contains(&mean), "{mean}");
}

#[test]
fn no_region_vanishes_even_at_a_coarse_tolerance() {
    let shapes = default_features();
    assert_eq!(shapes.len(), 8);
    for tolerance_m in [0.0, 150.0, 50_000.0] {
        let (_, placed) = shape::prepare(
            &shapes.iter().collect::<Vec<_>>(),
            Projection::Equirectangular,
            tolerance_m,
        )
        .expect("a box");
        for (i, region) in placed.iter().enumerate() {
            let drawn = &region.0[0].exterior().0;
            assert!(drawn.len() >= 4, "region {i} at {tolerance_m} m: {drawn:?}");
            assert!(!shape::path_data(region).is_empty());
        }
    }
}

#[test]
fn simplifying_keeps_far_fewer_points() {
    let shapes = default_features();
    let refs: Vec<_> = shapes.iter().collect();
    let count = |placed: &[MultiPolygon<f64>]| {
        placed
            .iter()
            .map(|s| s.0[0].exterior().0.len())
            .sum::<usize>()
    };
    let (_, all) = shape::prepare(&refs, Projection::Equirectangular, 0.0).expect("a box");
    let (_, simple) = shape::prepare(&refs, Projection::Equirectangular, 150.0).expect("a box");
    assert!(
        count(&simple) * 4 < count(&all),
        "{} of {}",
        count(&simple),
        count(&all)
    );
}

/// Where two regions' unsimplified boundaries meet (within a pixel), the
/// simplified ones stay within a pixel of each other at the drawn size.
#[test]
fn shared_borders_open_no_gap_of_a_pixel() {
    let (config, _) = default_site();
    let tolerance_m = config.maps[0].tolerance_m;
    let shapes = default_features();
    let refs: Vec<_> = shapes.iter().collect();
    let (_, before) = shape::prepare(&refs, Projection::Equirectangular, 0.0).expect("a box");
    let (_, after) =
        shape::prepare(&refs, Projection::Equirectangular, tolerance_m).expect("a box");
    let pixel = WIDTH / DRAWN_WIDTH_PX;
    let (mut shared, mut widest) = (0, 0.0_f64);
    for a in 0..before.len() {
        for b in (a + 1)..before.len() {
            let near_b = grid(&before[b], pixel);
            let (ring_a, ring_b) = (after[a].0[0].exterior(), after[b].0[0].exterior());
            let source_b = before[b].0[0].exterior();
            for c in before[a].0[0]
                .exterior()
                .0
                .iter()
                .filter(|c| touches(&near_b, c, pixel))
            {
                shared += 1;
                // What simplifying added to the gap the source already has.
                let moved_b = (distance(c, ring_b) - distance(c, source_b)).max(0.0);
                widest = widest.max(distance(c, ring_a) + moved_b);
            }
        }
    }
    assert!(shared > 500, "shared border points found: {shared}");
    assert!(widest < pixel, "a gap of {:.2} px", widest / pixel);
}

/// The cells of a grid of `cell` units that a shape's points fall in.
fn grid(shape: &MultiPolygon<f64>, cell: f64) -> HashSet<(i64, i64)> {
    let at = |c: &Coord<f64>| ((c.x / cell) as i64, (c.y / cell) as i64);
    shape.0[0].exterior().0.iter().map(at).collect()
}

/// Whether `c` is in or beside a cell of `grid`: within two cells.
fn touches(grid: &HashSet<(i64, i64)>, c: &Coord<f64>, cell: f64) -> bool {
    let (x, y) = ((c.x / cell) as i64, (c.y / cell) as i64);
    (-1..=1).any(|dx| (-1..=1).any(|dy| grid.contains(&(x + dx, y + dy))))
}

fn distance(c: &Coord<f64>, ring: &LineString<f64>) -> f64 {
    Euclidean.distance(&Point(*c), ring)
}

#[test]
fn path_data_draws_each_ring_closed_with_relative_lines() {
    let square = MultiPolygon(vec![
        polygon![(x: 0.0, y: 0.0), (x: 10.0, y: 0.0), (x: 10.0, y: 10.0), (x: 0.0, y: 10.0), (x: 0.0, y: 0.0)],
    ]);
    assert_eq!(shape::path_data(&square), "M0 0l10 0 0 10-10 0z");
}

#[test]
fn the_default_site_has_a_shape_for_each_province() {
    let (config, data) = default_site();
    let mut diagnostics = Diagnostics::new();
    let boundaries = load(&config, &data, &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let provinces = data.table("provinces").expect("table");
    let map = &boundaries.maps[0];
    assert_eq!(map.rows.len(), provinces.rows.len());
    assert!(map.height > 100.0 && map.height < WIDTH, "{}", map.height);
    for drawn in map.rows.values() {
        assert!(drawn.path.starts_with('M'));
        assert!(
            (0.0..=WIDTH).contains(&drawn.label.x) && (0.0..=map.height).contains(&drawn.label.y)
        );
    }
}

#[test]
fn a_region_smaller_than_the_tolerance_keeps_its_shape() {
    use geo::Area;
    let islet = MultiPolygon(vec![
        polygon![(x: 0.0, y: 0.0), (x: 1.0, y: 0.0), (x: 1.0, y: 1.0), (x: 0.0, y: 1.0), (x: 0.0, y: 0.0)],
    ]);
    let simple = shape::simplify(&islet, 50.0);
    assert!(simple.0[0].exterior().0.len() >= 4, "{simple:?}");
    assert!(simple.unsigned_area() > 0.0);
}
