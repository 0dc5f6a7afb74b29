//! `[outputs]` in site.toml: each file kind besides pages can be turned
//! off (a site that does not publish it, or a benchmark comparing like for
//! like), and the pages are the same pages.

use crate::support::{Site, tree};

fn built(outputs: &str) -> Site {
    let site = Site::default_site();
    let config = site.read("site.toml");
    site.write("site.toml", format!("{config}\n{outputs}"));
    site.build(&[]).assert_success();
    site
}

/// Every output file, relative to the output folder, `/`-separated.
fn files(site: &Site) -> Vec<String> {
    tree(&site.out())
        .into_iter()
        .filter(|(_, bytes)| bytes.is_some())
        .map(|(path, _)| path.to_string_lossy().replace('\\', "/"))
        .collect()
}

#[test]
fn outputs_turned_off_are_not_written_and_pages_stay() {
    let all = files(&built(""));
    let kinds = |files: &[String]| {
        let count = |pred: &dyn Fn(&String) -> bool| files.iter().filter(|f| pred(f)).count();
        (
            count(&|f| f.starts_with("sitemap")),
            count(&|f| f.ends_with("atom.xml")),
            count(&|f| f.starts_with("data/")),
            count(&|f| f.ends_with(".json") && f.contains("/")),
            count(&|f| f.ends_with(".html")),
        )
    };
    let (sitemaps, feeds, downloads, indexes, pages) = kinds(&all);
    assert!(
        sitemaps > 0 && feeds == 2 && downloads > 0 && indexes > 0,
        "{all:?}"
    );
    let site =
        built("[outputs]\nsitemap = false\nfeeds = false\ndownloads = false\nindexes = false\n");
    let fewer = files(&site);
    assert_eq!(kinds(&fewer), (0, 0, 0, 0, pages));
    let robots = site.read("out/robots.txt");
    assert!(
        robots.starts_with("User-agent: *") && !robots.contains("Sitemap:"),
        "{robots}"
    );
    let news = site.read("out/fr/actualites/index.html");
    assert!(
        !news.contains("atom.xml"),
        "no link to a feed that is not written"
    );
}

#[test]
fn an_unknown_output_is_an_error_naming_the_known_ones() {
    let site = Site::default_site();
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{config}\n[outputs]\nsitemaps = false\n"),
    );
    let output = site.command(&[]).output().expect("run bayan");
    assert!(!output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("sitemaps"), "{stdout}");
    assert!(stdout.contains("sitemap"), "{stdout}");
}
