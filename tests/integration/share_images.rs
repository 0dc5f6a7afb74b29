//! Share pictures for link previews: one per page and language, drawn from
//! the page's title and key figure, cached, switchable in `[outputs]`, or
//! one picture the site declares.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use crate::support::Site;
use crate::support::{attrs, pages, parse};

const BASE: &str = "https://ess-tta.example.ma/";

fn with_config(extra: &str) -> Site {
    let site = Site::default_site();
    let config = site.read("site.toml");
    site.write("site.toml", format!("{config}\n{extra}"));
    site
}

/// Every page's `og:image` path (under the output), by page URL.
fn pictures(site: &Site) -> BTreeMap<String, Option<String>> {
    let found = pages(&site.out());
    assert!(found.len() > 100, "the default site's pages");
    found
        .iter()
        .filter(|(url, _)| url.starts_with("/fr/") || url.starts_with("/ar/"))
        .map(|(url, path)| {
            let html = parse(path);
            let image = attrs(&html, r#"meta[property="og:image"]"#, "content");
            let path = image
                .first()
                .map(|u| u.strip_prefix(BASE).expect("absolute").to_string());
            (url.clone(), path)
        })
        .collect()
}

fn is_record(url: &str) -> bool {
    let parts: Vec<&str> = url.trim_matches('/').split('/').collect();
    parts.len() == 3
        && (parts[1] == "projets" || parts[1] == "mashari")
        && parts[2].starts_with("tta-")
}

#[test]
fn every_page_names_a_share_picture_that_is_written_at_its_declared_size() {
    let site = Site::default_site();
    site.build(&[]).assert_success();
    let pictures = pictures(&site);
    let records: Vec<_> = pictures.keys().filter(|u| is_record(u)).collect();
    assert!(records.len() >= 100, "record pages in both languages");
    for (url, picture) in &pictures {
        let picture = picture
            .as_deref()
            .unwrap_or_else(|| panic!("{url} names no picture"));
        let bytes = fs::read(site.out().join(picture)).expect("the picture is written");
        let decoded = image::load_from_memory(&bytes).expect("a PNG");
        assert_eq!((decoded.width(), decoded.height()), (1200, 630), "{url}");
        let html = site.page(url);
        let meta =
            |property: &str| attrs(&html, &format!(r#"meta[property="{property}"]"#), "content");
        assert_eq!(meta("og:image:width"), ["1200"], "{url}");
        assert_eq!(meta("og:image:height"), ["630"], "{url}");
        assert!(
            meta("og:image:alt").first().is_some_and(|a| !a.is_empty()),
            "{url}"
        );
        let card = attrs(&html, r#"meta[name="twitter:card"]"#, "content");
        assert_eq!(card, ["summary_large_image"], "{url}");
    }
    // By default a record's page shows its language's home picture, and
    // each language has its own.
    let (fr_home, ar_home) = (&pictures["/fr/"], &pictures["/ar/"]);
    assert_ne!(fr_home, ar_home);
    for url in records {
        let home = if url.starts_with("/fr/") {
            fr_home
        } else {
            ar_home
        };
        assert_eq!(&pictures[url], home, "{url}");
    }
    // Other pages have their own: a facet value's differs from the home's.
    let distinct: BTreeSet<_> = pictures.values().collect();
    assert!(distinct.len() > 50, "{}", distinct.len());
}

#[test]
fn share_images_can_be_turned_off_or_drawn_for_every_record() {
    let none = with_config("[outputs]\nshare_images = \"none\"\n");
    none.build(&[]).assert_success();
    assert!(pictures(&none).values().all(Option::is_none));
    assert!(!none.out().join("share").exists());
    let card = attrs(
        &none.page("/fr/"),
        r#"meta[name="twitter:card"]"#,
        "content",
    );
    assert_eq!(card, ["summary"]);

    let all = with_config("[outputs]\nshare_images = \"all\"\n");
    all.build(&[]).assert_success();
    let pictures = pictures(&all);
    let records: BTreeSet<_> = pictures
        .iter()
        .filter(|(url, _)| is_record(url))
        .map(|(_, p)| p.clone().expect("a picture"))
        .collect();
    assert!(
        records.len() >= 100,
        "each record its own picture: {}",
        records.len()
    );
    assert!(!records.contains(pictures["/fr/"].as_ref().expect("home")));
}

#[test]
fn an_unchanged_picture_is_taken_from_the_cache_and_a_changed_one_drawn() {
    let site = Site::default_site();
    // A cache of its own, not the one the tests share.
    fs::remove_file(site.path(".bayan-cache/share")).expect("unlink the shared cache");
    site.build(&[]).assert_success();
    let cache = site.path(".bayan-cache/share");
    let cached: Vec<_> = fs::read_dir(&cache)
        .expect("cache")
        .map(|e| e.expect("entry").path())
        .collect();
    assert!(cached.len() > 50, "{}", cached.len());
    for (n, file) in cached.iter().enumerate() {
        fs::write(file, format!("cached {n}")).expect("mark the cache");
    }
    let article = "content/news/2023-08-08-convention-ess.fr.md";
    let text = site.read(article);
    let title = text
        .lines()
        .find(|l| l.starts_with("title"))
        .expect("a title")
        .to_string();
    site.write(
        article,
        text.replacen(&title, "title = \"Un titre tout neuf\"", 1),
    );
    site.build(&[]).assert_success();
    let written: Vec<Vec<u8>> = fs::read_dir(site.out().join("share"))
        .expect("pictures")
        .map(|e| fs::read(e.expect("entry").path()).expect("read"))
        .collect();
    let from_cache = written.iter().filter(|b| b.starts_with(b"cached ")).count();
    let drawn: Vec<_> = written
        .iter()
        .filter(|b| b.starts_with(b"\x89PNG"))
        .collect();
    assert_eq!(
        drawn.len(),
        1,
        "only the retitled article's picture is drawn"
    );
    assert_eq!(from_cache + 1, written.len());
}

#[test]
fn a_declared_share_image_replaces_the_generated_ones() {
    let site = with_config(
        "[share_image]\nsrc = \"images/share.png\"\nalt = { fr = \"Le programme\", ar = \"البرنامج\" }\n",
    );
    let picture = image::RgbImage::from_pixel(600, 315, image::Rgb([11, 92, 122]));
    fs::create_dir_all(site.path("static/images")).expect("folder");
    picture
        .save(site.path("static/images/share.png"))
        .expect("save");
    site.build(&[]).assert_success();
    let html = site.page("/ar/");
    let meta = |property: &str| attrs(&html, &format!(r#"meta[property="{property}"]"#), "content");
    assert_eq!(meta("og:image"), [format!("{BASE}images/share.png")]);
    assert_eq!(
        (meta("og:image:width"), meta("og:image:height")),
        (vec!["600".to_string()], vec!["315".to_string()])
    );
    assert_eq!(meta("og:image:alt"), ["البرنامج"]);
    assert!(site.out().join("images/share.png").is_file());
    assert!(!site.out().join("share").exists(), "nothing generated");
}

#[test]
fn a_declared_share_image_that_is_missing_is_an_error_at_its_line() {
    let site = with_config(
        "[share_image]\nsrc = \"images/absent.png\"\nalt = { fr = \"x\", ar = \"x\" }\n",
    );
    let output = site.command(&[]).output().expect("run bayan");
    assert!(!output.status.success());
    let config = site.read("site.toml");
    let line = config
        .lines()
        .position(|l| l.starts_with("src = \"images/absent.png\""))
        .expect("line")
        + 1;
    let out = String::from_utf8_lossy(&output.stdout);
    let at = format!(r#""file":"site.toml","line":{line},"column":7"#);
    assert!(out.contains(&at), "{out}");
    assert!(out.contains("static/images/absent.png is missing"), "{out}");
}
