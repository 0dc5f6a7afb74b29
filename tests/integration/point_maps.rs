//! The default site's communes as points: on the commune index, a circle
//! per commune with projects, named by its name and count (computed here
//! from the CSV), sized by it, each a link to the commune's page; bad
//! declarations and points off the map reported where they are written.

use std::collections::BTreeMap;

use scraper::Selector;

use crate::default_site::Projects;
use crate::support::{Site, attrs};

/// Builds, expecting failure, and returns the JSON diagnostics printed.
fn failed_build(site: &Site) -> Vec<serde_json::Value> {
    let output = site.command(&[]).output().expect("run bayan");
    assert!(!output.status.success(), "the build should fail");
    json_lines(&String::from_utf8_lossy(&output.stdout))
}

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect()
}

/// The one diagnostic with this message, as (file, line, column, hint).
fn find(diagnostics: &[serde_json::Value], message: &str) -> (String, u64, u64, String) {
    let d = diagnostics
        .iter()
        .find(|d| d["message"] == message)
        .unwrap_or_else(|| panic!("no `{message}` in {diagnostics:?}"));
    let text = |key: &str| d[key].as_str().unwrap_or_default().to_string();
    let number = |key: &str| d[key].as_u64().unwrap_or_default();
    (text("file"), number("line"), number("column"), text("hint"))
}

/// The 1-based line of `site.toml` that starts with `start`.
fn config_line(config: &str, start: &str) -> u64 {
    let index = config
        .lines()
        .position(|l| l.starts_with(start))
        .unwrap_or_else(|| panic!("no line starting with {start}"));
    index as u64 + 1
}

/// Commune id to its number of projects, from the CSV.
fn projects_per_commune(site: &Site) -> BTreeMap<String, usize> {
    let projects = Projects::read(&site.path("data/projects.csv"));
    let mut counts = BTreeMap::new();
    for row in &projects.rows {
        *counts
            .entry(projects.cell(row, "commune").to_string())
            .or_default() += 1;
    }
    counts
}

/// (href, accessible name, radius) of every circle of the page's point map.
fn circles(page: &scraper::Html) -> Vec<(String, String, f64)> {
    let links = Selector::parse("svg.points a").expect("selector");
    let circle = Selector::parse("circle").expect("selector");
    page.select(&links)
        .map(|a| {
            let attr = |name| a.value().attr(name).unwrap_or_default().to_string();
            let r = a
                .select(&circle)
                .next()
                .and_then(|c| c.value().attr("r"))
                .and_then(|r| r.parse().ok())
                .expect("a circle with a radius");
            (attr("href"), attr("aria-label"), r)
        })
        .collect()
}

#[test]
fn each_commune_with_projects_is_a_circle_named_and_sized_by_its_count() {
    let site = Site::default_site();
    site.build(&[]).assert_success();
    let counts = projects_per_commune(&site);
    assert!(counts.len() > 40, "{} communes", counts.len());
    for (index, separator) in [
        ("/fr/projets/commune/", " : "),
        ("/ar/mashari/jamaa/", ": "),
    ] {
        let drawn = circles(&site.page(index));
        assert_eq!(drawn.len(), counts.len(), "{index}");
        let largest = drawn.iter().map(|c| c.2).fold(0.0, f64::max);
        for (href, name, r) in &drawn {
            let id = href
                .strip_prefix(index)
                .and_then(|rest| rest.strip_suffix('/'))
                .unwrap_or_else(|| panic!("{href} is not a commune page"));
            assert!(
                site.path(&format!("out{href}index.html")).is_file(),
                "{href}"
            );
            let count = counts[id];
            assert!(
                name.ends_with(&format!("{separator}{count}")),
                "{name} names {count} projects"
            );
            let most = counts.values().max().copied().unwrap_or(0);
            assert_eq!(*r == largest, count == most, "{id}: radius {r}");
        }
    }
    let other = site.page("/fr/projets/secteur/");
    assert!(attrs(&other, "svg.points", "class").is_empty());
}

#[test]
fn a_point_map_naming_a_missing_column_is_an_error_at_the_name() {
    let site = Site::default_site();
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        config.replace("latitude = \"latitude\"", "latitude = \"lat\""),
    );
    let found = find(
        &failed_build(&site),
        "the table `communes` has no field `lat`",
    );
    let line = config_line(&config, "latitude = ");
    assert_eq!(
        found,
        (
            "site.toml".into(),
            line,
            12,
            "did you mean `latitude`?".into()
        )
    );
}

#[test]
fn a_backdrop_that_no_map_draws_is_an_error_naming_the_maps() {
    let site = Site::default_site();
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        config.replace("backdrop = \"provinces\"", "backdrop = \"province\""),
    );
    let found = find(
        &failed_build(&site),
        "no [[maps]] draws the table `province`, so the points have nothing beneath them",
    );
    let line = config_line(&config, "backdrop = ");
    assert_eq!(
        found,
        (
            "site.toml".into(),
            line,
            12,
            "did you mean `provinces`?".into()
        )
    );
}

#[test]
fn a_point_off_the_map_is_a_warning_at_its_row_and_is_left_out() {
    let site = Site::default_site();
    let communes = site.read("data/communes.csv");
    // Tétouan with its latitude and longitude swapped: in the ocean.
    let (index, row) = communes
        .lines()
        .enumerate()
        .find(|(_, l)| l.starts_with("tetouan,"))
        .expect("Tétouan's row");
    let cells: Vec<&str> = row.split(',').collect();
    let swapped = format!("{},{},{}", cells[..5].join(","), cells[6], cells[5]);
    site.write("data/communes.csv", communes.replace(row, &swapped));
    let run = site.build(&[]);
    let message = format!(
        "the point at latitude {}, longitude {} lies outside the map of `provinces`: it is not drawn",
        cells[6], cells[5]
    );
    let found = find(&json_lines(&run.stdout()), &message);
    let column = cells[..5].join(",").chars().count() as u64 + 2;
    assert_eq!(
        found,
        (
            "data/communes.csv".into(),
            index as u64 + 1,
            column,
            "check the latitude and longitude: are the two columns swapped?".into()
        )
    );
    let drawn = circles(&site.page("/fr/projets/commune/"));
    assert_eq!(drawn.len(), projects_per_commune(&site).len() - 1);
    assert!(!drawn.iter().any(|(href, ..)| href.ends_with("/tetouan/")));
    let page = site.read("out/fr/projets/commune/index.html");
    assert!(
        page.contains("Sans position sur la carte : 1."),
        "the note says one is missing"
    );
}
