//! The glossary page (from `[[glossary]]`) in every language, linked from
//! every footer and from each place a term is defined; and the headline
//! read "of" a declared total (`[[declared_figures]]`): "9,6 M DH engagés
//! sur 10 M DH, soit 96 %".

use crate::support::{Site, attrs, texts};

const GLOSSARY: [(&str, &str); 2] = [("fr", "/fr/glossaire/"), ("ar", "/ar/masrad/")];

#[test]
fn the_glossary_page_defines_every_term_in_each_language_and_is_linked() {
    let site = Site::default_site();
    site.build(&[]);
    let terms = [
        "committed",
        "disbursed",
        "funded-project",
        "organisations-financees",
    ];
    let sitemap = site.read("out/sitemap.xml");
    for (lang, url) in GLOSSARY {
        let page = site.page(url);
        let ids = attrs(&page, "dl.glossary > div", "id");
        let expected: Vec<String> = terms.iter().map(|t| format!("term-{t}")).collect();
        assert_eq!(ids, expected, "{url}");
        let definitions = texts(&page, "dl.glossary dd");
        assert!(
            definitions.iter().all(|d| d.len() > 20),
            "{url}: {definitions:?}"
        );
        assert!(
            sitemap.contains(&format!("https://ess-tta.example.ma{url}")),
            "{url} in the sitemap"
        );

        let home = site.page(&format!("/{lang}/"));
        assert!(
            attrs(&home, "footer a", "href").contains(&url.to_string()),
            "{lang}: footer"
        );
        let from_headlines = attrs(&home, ".headline-more a", "href");
        assert!(
            from_headlines.contains(&format!("{url}#term-committed")),
            "{lang}: {from_headlines:?}"
        );
        let results = site.page(if lang == "fr" {
            "/fr/resultats/"
        } else {
            "/ar/nataij/"
        });
        let from_results = attrs(&results, ".indicator-terms a", "href");
        assert_eq!(
            from_results,
            [format!("{url}#term-organisations-financees")],
            "{lang}"
        );
    }
}

#[test]
fn a_site_without_terms_has_no_glossary_page() {
    let site = Site::default_site();
    let config = site.read("site.toml");
    let without: String = config
        .split("\n\n")
        .filter(|block| !block.contains("[[glossary]]"))
        .map(|block| {
            block
                .lines()
                .filter(|line| !line.starts_with("term = \""))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .collect::<Vec<_>>()
        .join("\n\n");
    assert!(config.contains("[[glossary]]") && !without.contains("[[glossary]]"));
    site.write("site.toml", without);
    site.build(&[]);
    assert!(site.path("out/fr/index.html").is_file());
    assert!(!site.path("out/fr/glossaire").exists());
    assert!(!site.read("out/sitemap.xml").contains("glossaire"));
    let footer = attrs(&site.page("/fr/"), "footer a", "href");
    assert!(
        !footer.iter().any(|href| href.contains("glossaire")),
        "{footer:?}"
    );
}

#[test]
fn the_committed_headline_reads_of_the_declared_budget_with_its_share() {
    let site = Site::default_site();
    site.build(&[]);
    for (lang, value, label, source) in [
        // `texts` turns every space, no-break ones included, into " ".
        (
            "fr",
            "9,6 M DH",
            "engagés sur 10 M DH, soit 96 %",
            "Source : Convention de partenariat 2023-2025",
        ),
        (
            "ar",
            "9,6 مليون درهم",
            "ملتزم بها من أصل 10 مليون درهم، أي 96\u{200e}%\u{200e}",
            "اتفاقية الشراكة 2023-2025",
        ),
    ] {
        let home = site.page(&format!("/{lang}/"));
        let values = texts(&home, ".headline .headline-value");
        let labels = texts(&home, ".headline .headline-label");
        assert_eq!(
            values.first().map(String::as_str),
            Some(value),
            "{lang}: {values:?}"
        );
        assert_eq!(
            labels.first().map(String::as_str),
            Some(label),
            "{lang}: {labels:?}"
        );
        let more = texts(&home, ".headline-more").join(" ");
        assert!(more.contains(source), "{lang}: {more}");
        assert!(
            more.contains("10.000.000"),
            "{lang}: the exact budget in {more}"
        );
    }
    // A project's page shows its own shares, never one of the budget.
    let project = site.page("/fr/projets/tta-2023-001/");
    let meters = attrs(&project, "meter", "id");
    assert!(!meters.is_empty());
    assert!(
        !meters.iter().any(|id| id.starts_with("committed-headline")),
        "{meters:?}"
    );
}
