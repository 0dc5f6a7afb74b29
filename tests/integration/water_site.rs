//! A second site, written for the tests and unrelated to the default one:
//! the drinking-water programme of a fictional group of mountain communes
//! (`tests/fixtures/sites/water/`), with other column names, three
//! languages (French, Arabic right to left, Amazigh in Tifinagh formatted
//! by fr-MA), facets labelled in site.toml, news in `content/communiques/`
//! and every rule kind of docs/rules.md, each broken once in
//! `tests/fixtures/sites/water-bad/`.

use crate::bad_input::{expected_text, json_build};
use crate::support::{Site, attrs, pages, parse, repo, texts};

fn built() -> Site {
    let site = Site::fixture("water");
    site.build(&[]);
    site
}

/// Every page's tree, language and direction: `/fr/…` French left to
/// right, `/ar/…` Arabic right to left, `/zgh/…` Amazigh left to right.
#[test]
fn every_page_of_each_language_declares_its_lang_and_dir() {
    let site = built();
    let all = pages(&site.out());
    let expected = [("fr", "ltr"), ("ar", "rtl"), ("zgh", "ltr")];
    for (lang, dir) in expected {
        let prefix = format!("/{lang}/");
        let mine: Vec<_> = all.iter().filter(|(u, _)| u.starts_with(&prefix)).collect();
        assert!(mine.len() > 20, "{lang}: only {} pages", mine.len());
        for (url, file) in mine {
            let page = parse(file);
            assert_eq!(attrs(&page, "html", "lang"), [lang], "{url}");
            assert_eq!(attrs(&page, "html", "dir"), [dir], "{url}");
        }
    }
}

#[test]
fn key_figures_are_summed_exactly_and_formatted_for_each_language() {
    let site = built();
    // `texts` folds the no-break space before the unit into a space.
    let figures = [
        ("/fr/", "8.630.501,25 DH", "4.390.500,50 DH"),
        ("/ar/", "8.630.501,25 درهم", "4.390.500,50 درهم"),
        ("/zgh/", "8.630.501,25 ⴷⵔⵀ", "4.390.500,50 ⴷⵔⵀ"),
    ];
    for (home, cost, paid) in figures {
        let shown = texts(&site.page(home), "dl.figures dd").join(" | ");
        assert!(shown.contains(cost), "{home}: {shown}");
        assert!(shown.contains(paid), "{home}: {shown}");
        // 7 douars, 276 households connected (132 + 64 + 80).
        assert!(
            shown.contains('7') && shown.contains("276"),
            "{home}: {shown}"
        );
    }
    // The declared ratio: 900 000 paid of 2 100 000, on the record's page.
    let record = site.read("out/fr/chantiers/aep-2023-01/index.html");
    assert!(
        record.contains("43\u{a0}%"),
        "the share paid of AEP-2023-01"
    );
}

#[test]
fn sections_and_facets_take_their_slugs_and_labels_from_site_toml() {
    let site = built();
    let labels = [
        (
            "fr/chantiers/ressource",
            ["Forage", "Source captée", "Retenue collinaire"],
        ),
        ("ar/awras/masdar", ["ثقب مائي", "عين ملتقطة", "سد تلي"]),
        ("zgh/ikerrazn/aghbalu", ["ⴰⵏⵓ", "ⵜⴰⵍⴰ", "ⴰⴳⵍⵎⵎ"]),
    ];
    for (index, names) in labels {
        let page = site.page(&format!("/{index}/"));
        let links = texts(&page, "main a").join(" | ");
        for name in names {
            assert!(links.contains(name), "{index}: no `{name}` in {links}");
        }
    }
    for url in ["/fr/le-groupement/", "/ar/al-majmoua/", "/zgh/tamunt/"] {
        assert!(site.path(&format!("out{url}index.html")).is_file(), "{url}");
    }
    let title = texts(&site.page("/zgh/tamunt/"), "h1");
    assert_eq!(title, ["ⵜⴰⵎⵓⵏⵜ ⵏ ⴰⵙⵉⴼ ⵉⵍⴰⵏ"]);
}

#[test]
fn news_are_read_from_the_folder_site_toml_names() {
    let site = built();
    let french = texts(&site.page("/fr/communiques/"), "main h2").join(" | ");
    assert!(french.contains("Journée mondiale de l'eau"), "{french}");
    assert!(french.contains("retenue de Tamda"), "{french}");
    let amazigh = site.page("/zgh/ingmisn/2025-03-22-journee-de-leau/");
    assert_eq!(texts(&amazigh, "h1"), ["ⴰⵙⵙ ⴰⵎⴰⴹⵍⴰⵏ ⵏ ⵡⴰⵎⴰⵏ"]);
}

/// CLDR names no months in Amazigh: its dates take the theme's Tifinagh
/// names, in fr-MA's order, while French keeps its own.
#[test]
fn amazigh_dates_name_their_months_in_tifinagh() {
    let site = built();
    let article = "ingmisn/2025-03-22-journee-de-leau/";
    let amazigh = texts(&site.page(&format!("/zgh/{article}")), "time").join(" | ");
    assert!(amazigh.contains("22 ⵎⴰⵕⵚ 2025"), "{amazigh}");
    assert!(!amazigh.contains("mars"), "{amazigh}");
    let french = texts(
        &site.page("/fr/communiques/2025-03-22-journee-de-leau/"),
        "time",
    );
    assert!(french.join(" | ").contains("22 mars 2025"), "{french:?}");
}

#[test]
fn the_switcher_links_the_three_languages_of_a_record() {
    let site = built();
    let page = site.page("/ar/awras/aep-2022-01/");
    let mut hreflangs = attrs(&page, "a[hreflang]", "hreflang");
    hreflangs.sort();
    hreflangs.dedup();
    assert_eq!(hreflangs, ["fr", "zgh"]);
    let hrefs = attrs(&page, "a[hreflang]", "href");
    assert!(
        hrefs.contains(&"/zgh/ikerrazn/aep-2022-01/".to_string()),
        "{hrefs:?}"
    );
}

#[test]
fn an_untranslated_cell_is_shown_in_french_with_an_amazigh_notice() {
    let site = built();
    let page = site.read("out/zgh/ikerrazn/aep-2023-02/index.html");
    assert!(
        page.contains("class=\"untranslated\""),
        "the French text is marked"
    );
    assert!(
        page.contains("ⵓⵔ ⵉⵜⵜⵓⵙⵙⵓⵖⵍ ⵙ ⵜⵎⴰⵣⵉⵖⵜ") && page.contains("ⵜⴰⴼⵔⴰⵏⵙⵉⵙⵜ"),
        "the notice is in Amazigh and names French"
    );
}

/// Each rule kind of docs/rules.md broken once: the diagnostics are exactly
/// those of `water-bad/expected.txt`.
#[test]
fn each_rule_kind_broken_once_is_reported_at_its_cell() {
    let site = Site::fixture("water");
    let bad = repo().join("tests/fixtures/sites/water-bad");
    site.overlay(&bad, &["expected.txt", "README.md"]);
    let (run, actual) = json_build(&site);
    run.assert_failure();
    assert!(actual.matches("error: ").count() >= 15, "{actual}");
    let expected = expected_text(&bad.join("expected.txt"), &actual);
    assert_eq!(actual, expected);
}

/// `[[redirects]]`: a page at each old address, in the language of the
/// page it leads to, and the same table for hosts.
#[test]
fn old_addresses_lead_to_their_pages_and_hosts_get_the_table() {
    let site = built();
    let page = site.page("/ar/awras/aep-2021-07/");
    assert_eq!(attrs(&page, "html", "lang"), ["ar"]);
    assert_eq!(attrs(&page, "html", "dir"), ["rtl"]);
    assert_eq!(
        attrs(&page, "link[rel=canonical]", "href"),
        ["https://eau.example.org/ar/awras/aep-2022-02/"]
    );
    assert_eq!(
        attrs(&page, "meta[http-equiv=refresh]", "content"),
        ["0; url=/ar/awras/aep-2022-02/"]
    );
    assert_eq!(attrs(&page, "main a", "href"), ["/ar/awras/aep-2022-02/"]);
    // A redirect to a redirect is followed to the page.
    let chained = site.page("/fr/eau/agouni.html");
    assert_eq!(
        attrs(&chained, "main a", "href"),
        ["/fr/chantiers/aep-2022-01/"]
    );
    assert_eq!(texts(&chained, "h1"), ["Cette page a changé d’adresse"]);
    let netlify = site.read("out/_redirects");
    let lines: Vec<&str> = netlify.lines().filter(|l| !l.starts_with('#')).collect();
    assert_eq!(
        lines,
        [
            "/fr/branchements/aep-2022-01/ /fr/chantiers/aep-2022-01/ 301",
            "/fr/branchements/ /fr/chantiers/ 301",
            "/ar/awras/aep-2021-07/ /ar/awras/aep-2022-02/ 301",
            "/fr/eau/agouni.html /fr/chantiers/aep-2022-01/ 301",
        ]
    );
    let nginx = site.read("out/redirects.nginx.map");
    assert!(
        nginx.contains("\n\"/fr/branchements/\" \"/fr/chantiers/\";\n"),
        "{nginx}"
    );
}

/// Under a sub-path, both sides of every redirect carry it.
#[test]
fn redirects_carry_the_base_path() {
    let site = Site::fixture("water");
    site.build(&["--base-url", "https://x.example.org/eau/"]);
    let netlify = site.read("out/_redirects");
    assert!(
        netlify.contains("\n/eau/fr/branchements/ /eau/fr/chantiers/ 301\n"),
        "{netlify}"
    );
    let page = site.page("/fr/branchements/");
    assert_eq!(
        attrs(&page, "link[rel=canonical]", "href"),
        ["https://x.example.org/eau/fr/chantiers/"]
    );
}
