//! Deployment: a site built for a sub-path (`--base-url
//! https://x.ma/transparence/`) and served under it resolves every link,
//! asset, script data attribute and index URL of every page, in both
//! languages; styles, scripts and index entries carry content hashes.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use url::Url;

use crate::support::{Site, pages, parse, selector};

const BASE: &str = "https://x.ma/transparence/";

/// Every attribute of a page that names a URL the browser or the script
/// will fetch or follow.
const URL_ATTRIBUTES: [(&str, &str); 6] = [
    ("a[href]", "href"),
    ("link[href]", "href"),
    ("script[src]", "src"),
    ("img[src]", "src"),
    ("form[action]", "action"),
    ("[data-index]", "data-index"),
];

/// The output file a URL under the base path is served from, if any.
fn served(out: &Path, url: &Url) -> Option<std::path::PathBuf> {
    let base = Url::parse(BASE).expect("base");
    if url.host_str() != base.host_str() {
        return None;
    }
    let inside = url.path().strip_prefix(base.path())?;
    let decoded = percent_encoding::percent_decode_str(inside)
        .decode_utf8()
        .ok()?;
    let file = out.join(decoded.as_ref());
    let file = if decoded.is_empty() || decoded.ends_with('/') {
        file.join("index.html")
    } else {
        file
    };
    file.is_file().then_some(file)
}

/// Every URL of every page, resolved against the page's own address:
/// (page, attribute value, resolved URL).
fn links(out: &Path) -> Vec<(String, String, Url)> {
    let base = Url::parse(BASE).expect("base");
    let mut found = Vec::new();
    for (path, file) in pages(out) {
        let page_url = base.join(path.trim_start_matches('/')).expect("page URL");
        let html = parse(&file);
        for (css, attribute) in URL_ATTRIBUTES {
            for element in html.select(&selector(css)) {
                let Some(value) = element.value().attr(attribute) else {
                    continue;
                };
                let resolved = page_url.join(value).expect("a URL");
                found.push((path.clone(), value.to_string(), resolved));
            }
        }
    }
    found
}

#[test]
fn every_link_and_asset_resolves_under_a_sub_path() {
    let site = Site::default_site();
    site.build(&["--base-url", BASE]);
    let out = site.out();
    let found = links(&out);
    let mut per_language: BTreeMap<&str, usize> = BTreeMap::new();
    let mut broken = Vec::new();
    for (page, value, url) in &found {
        if url.host_str() != Some("x.ma") {
            continue; // another site: not ours to resolve
        }
        let lang = if page.starts_with("/ar/") { "ar" } else { "fr" };
        *per_language.entry(lang).or_default() += 1;
        if served(&out, url).is_none() {
            broken.push(format!("{page}: {value} -> {url}"));
        }
    }
    assert!(
        per_language.get("fr").copied().unwrap_or(0) > 1000,
        "{per_language:?}"
    );
    assert!(
        per_language.get("ar").copied().unwrap_or(0) > 1000,
        "{per_language:?}"
    );
    assert!(
        broken.is_empty(),
        "{} broken:\n{}",
        broken.len(),
        broken.join("\n")
    );
}

#[test]
fn the_script_reads_indexes_whose_urls_honour_the_sub_path() {
    let site = Site::default_site();
    site.build(&["--base-url", BASE]);
    let out = site.out();
    let base = Url::parse(BASE).expect("base");
    let page = parse(&out.join("fr/projets/index.html"));
    let index = page
        .select(&selector("form.filter"))
        .find_map(|f| f.value().attr("data-index"))
        .expect("the filter names its index");
    let index_url = base.join(index).expect("index URL");
    let file = served(&out, &index_url).expect("the index is served");
    let records: serde_json::Value =
        serde_json::from_slice(&fs::read(file).expect("read index")).expect("JSON");
    let records = records
        .as_array()
        .expect("a small site's index lists records");
    assert!(!records.is_empty());
    for record in records {
        let link = record["u"].as_str().expect("each record has a link");
        let url = base.join(link).expect("record URL");
        assert!(served(&out, &url).is_some(), "{link} is not served");
    }
    // The script reads a large site's `ids.json` beside each value's page.
    let options: Vec<_> = page.select(&selector("option[data-href]")).collect();
    assert!(!options.is_empty(), "the filter offers facet values");
    for option in options {
        let href = option.value().attr("data-href").expect("data-href");
        let url = base.join(href).expect("value URL");
        assert!(served(&out, &url).is_some(), "{href} is not served");
    }
}

#[test]
fn asset_names_change_with_their_content_and_are_listed_in_a_manifest() {
    let site = Site::default_site();
    site.build(&[]);
    let manifest = |site: &Site| -> BTreeMap<String, String> {
        let text = site.read("out/asset-manifest.json");
        serde_json::from_str(&text).expect("the manifest is JSON")
    };
    let first = manifest(&site);
    let css = first
        .get("css/site.css")
        .expect("the stylesheet is listed")
        .clone();
    assert!(
        css.starts_with("css/site.") && css != "css/site.css",
        "{css}"
    );
    assert!(site.path(&format!("out/{css}")).is_file());
    let home = site.read("out/fr/index.html");
    assert!(
        home.contains(&format!("href=\"/{css}\"")),
        "the page links the hashed name"
    );
    for (name, published) in &first {
        assert!(
            site.path(&format!("out/{published}")).is_file(),
            "{name} -> {published}"
        );
    }

    // Same content: same names, byte for byte the same manifest.
    site.build(&[]);
    assert_eq!(manifest(&site), first);

    // Only the stylesheet changes: only its name changes.
    let path = "themes/default/static/css/site.css";
    let mut style = site.read(path);
    style.push_str("\n.added-by-a-test { color: red }\n");
    site.write(path, style);
    site.build(&[]);
    let second = manifest(&site);
    let changed: Vec<&String> = first
        .keys()
        .filter(|name| first.get(*name) != second.get(*name))
        .collect();
    assert_eq!(changed, ["css/site.css"]);
}
