//! Trust on the default site: who publishes it (every footer, the contact
//! page), as of when (every figure page), how to report an error (every
//! record), licence and provenance (`datapackage.json`), and personal data
//! that never reaches the output.

use crate::support::{Site, attrs, pages, texts, tree};

#[test]
fn every_footer_names_the_publisher_and_links_the_contact_page_in_both_languages() {
    let site = Site::default_site();
    site.build(&[]);
    for (lang, name, contact) in [
        ("fr", "Portail d'exemple du programme ESS", "/fr/contact/"),
        (
            "ar",
            "بوابة نموذجية لبرنامج الاقتصاد الاجتماعي والتضامني",
            "/ar/ittisal/",
        ),
    ] {
        let found = pages(&site.out());
        let in_lang: Vec<_> = found
            .keys()
            .filter(|url| url.starts_with(&format!("/{lang}/")))
            .collect();
        assert!(in_lang.len() > 50, "{lang}: {} pages", in_lang.len());
        for url in in_lang {
            let page = site.page(url);
            let footer = texts(&page, "footer .footer-publisher p").join(" ");
            assert!(footer.contains(name), "{url}: {footer}");
            let links = attrs(&page, "footer .footer-publisher a", "href");
            assert!(links.iter().any(|l| l == contact), "{url}: {links:?}");
        }
        let page = site.page(contact);
        let text = texts(&page, "main").join(" ");
        assert!(text.contains("corrections@example.ma"), "{lang}: {text}");
        assert!(
            text.contains("31-13") || text.contains("31.13"),
            "{lang}: the law"
        );
        assert!(text.contains("20"), "{lang}: the response time");
    }
}

#[test]
fn a_records_correction_link_carries_its_id_title_and_address() {
    let site = Site::default_site();
    site.build(&[]);
    let page = site.page("/ar/mashari/tta-2023-004/");
    let links = attrs(&page, ".report-error a", "href");
    assert_eq!(links.len(), 1, "{links:?}");
    let link = &links[0];
    assert!(
        link.starts_with("mailto:corrections@example.ma?subject="),
        "{link}"
    );
    assert!(link.contains("TTA-2023-004"), "{link}");
    // The body holds the page's full address, encoded.
    assert!(
        link.contains("https%3A%2F%2Fess-tta.example.ma%2Far%2Fmashari%2Ftta-2023-004%2F"),
        "{link}"
    );
    // The subject is in the page's language.
    assert!(link.contains("%D8%AE%D8%B7%D8%A3"), "Arabic خطأ: {link}");
}

#[test]
fn every_page_with_figures_says_the_date_its_data_is_current_to() {
    let site = Site::default_site();
    site.build(&[]);
    let found = pages(&site.out());
    let with_figures: Vec<&String> = found
        .keys()
        .filter(|url| {
            let page = site.page(url);
            !texts(
                &page,
                "dl.figures, figure.chart, figure.map, ul.records li, table tfoot",
            )
            .is_empty()
        })
        .collect();
    assert!(
        with_figures.len() > 100,
        "{} pages with figures",
        with_figures.len()
    );
    for url in with_figures {
        let page = site.page(url);
        let dates = attrs(&page, ".as-of time", "datetime");
        assert!(dates.iter().any(|d| d == "2025-06-30"), "{url}: {dates:?}");
    }
    let home = texts(&site.page("/fr/"), ".as-of").join(" ");
    assert!(home.contains("30 juin 2025"), "{home}");
    let home = texts(&site.page("/ar/"), ".as-of").join(" ");
    assert!(home.contains("30 يونيو 2025"), "{home}");
}

#[test]
fn the_data_package_names_its_licence_sources_publisher_and_release() {
    let site = Site::default_site();
    site.build(&[]);
    let package: serde_json::Value =
        serde_json::from_str(&site.read("out/data/datapackage.json")).expect("JSON");
    assert_eq!(package["licenses"][0]["name"], "cc-by-4.0");
    assert_eq!(
        package["licenses"][0]["path"],
        "https://creativecommons.org/licenses/by/4.0/"
    );
    assert!(
        package["sources"][0]["title"]
            .as_str()
            .is_some_and(|t| t.contains("L'Opinion"))
    );
    assert_eq!(package["contributors"][0]["role"], "publisher");
    assert_eq!(package["created"], "2025-07-07T00:00:00Z");
    assert_eq!(package["version"], "2025.2");
    assert_eq!(package["homepage"], "https://ess-tta.example.ma/");
    let open_data = texts(&site.page("/fr/donnees-ouvertes/"), "main").join(" ");
    for expected in [
        "CC-BY-4.0",
        "Données au 30 juin 2025",
        "Version 2025.2",
        "Comment citer",
    ] {
        assert!(open_data.contains(expected), "{expected}: {open_data}");
    }
}

/// A value that must appear nowhere in the output.
const PLANTED: &str = "0661239871";
const WITHHELD: &str = "Coopérative Nour pour la restauration collective";
const WITHHELD_NAME: &str = "Cuisine solidaire pour la restauration collective";

#[test]
fn private_columns_and_withheld_rows_appear_in_no_output_file() {
    let site = Site::default_site();
    let schema = site.read("data/projects.schema.toml").replacen(
        "[[fields]]",
        "withhold = \"hidden\"\n\n[[fields]]\nname = \"phone\"\nprivate = true\n\n[[fields]]\nname = \"hidden\"\ntype = \"boolean\"\n\n[[fields]]",
        1,
    );
    site.write("data/projects.schema.toml", schema);
    let csv = site.read("data/projects.csv");
    let mut lines = csv.lines();
    let header = lines.next().unwrap_or_default();
    let mut out = format!("phone,hidden,{header}\n");
    for (i, line) in lines.enumerate() {
        // The first project is withheld; every phone is the planted one.
        out.push_str(&format!("{PLANTED},{},{line}\n", i == 0));
    }
    site.write("data/projects.csv", out);
    site.write(
        "data/corrections.csv",
        "date,record,change_fr,change_ar\n2025-07-03,TTA-2023-008,Commune corrigée.,تصحيح الجماعة.\n",
    );
    assert!(site.read("data/projects.csv").contains(PLANTED));
    site.build(&[]);
    let files = tree(&site.out());
    let texts_found = files.values().flatten().count();
    assert!(texts_found > 200, "{texts_found} files");
    for (path, bytes) in &files {
        let Some(bytes) = bytes else { continue };
        let text = String::from_utf8_lossy(bytes);
        for secret in [PLANTED, WITHHELD, WITHHELD_NAME, "/tta-2023-001/"] {
            assert!(!text.contains(secret), "{secret} in {}", path.display());
        }
    }
    // The other records are still published.
    assert!(site.read("out/data/projects.csv").contains("TTA-2023-002"));
}

#[test]
fn a_declared_logo_is_shown_beside_the_title_on_every_page() {
    let site = Site::default_site();
    site.write(
        "static/logo.svg",
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 28 28"><circle cx="14" cy="14" r="12"/></svg>"#,
    );
    let config = site.read("site.toml");
    site.write(
        "site.toml",
        config.replacen("[publisher]\n", "[publisher]\nlogo = \"logo.svg\"\n", 1),
    );
    site.build(&[]);
    for url in ["/fr/", "/ar/", "/fr/projets/"] {
        let sources = attrs(&site.page(url), "a.brand img", "src");
        assert_eq!(sources.len(), 1, "{url}: {sources:?}");
        let file = sources[0].trim_start_matches('/');
        assert!(site.path(&format!("out/{file}")).is_file(), "{url}: {file}");
    }
    let without = Site::default_site();
    without.build(&[]);
    assert!(attrs(&without.page("/fr/"), "a.brand img", "src").is_empty());
}
