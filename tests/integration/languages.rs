//! Languages by configuration only: a third language needs its slugs, its
//! interface texts (the built-in theme has fr, ar, en, es and zgh) and a locale
//! CLDR knows, or a `format_locale` that formats for it.

use std::fs;

use crate::support::{Site, attrs, path_str};

/// The default site's `site.toml` with one more language, every section
/// and facet given a slug in it.
fn with_language(site: &Site, language: &str, slugs: bool) {
    let mut config = site.read("site.toml");
    let (code, _) = language.split_once('\n').unwrap_or(("", ""));
    let code = code.trim_start_matches("code = \"").trim_end_matches('"');
    config = config.replacen(
        "\n# URL segments",
        &format!("\n[[languages]]\n{language}\n\n# URL segments"),
        1,
    );
    if slugs {
        let lines: Vec<String> = config
            .lines()
            .map(|line| match line.find(", ar = \"") {
                Some(_) if line.contains("{ fr = ") => {
                    let (head, _) = line.rsplit_once(" }").unwrap_or((line, ""));
                    format!("{head}, {code} = \"{code}-{}\" }}", slug_name(line))
                }
                _ => line.to_string(),
            })
            .collect();
        config = lines.join("\n") + "\n";
    }
    site.write("site.toml", config);
}

/// A slug for a `key = { fr = "X", ... }` line: X, for a unique one.
fn slug_name(line: &str) -> String {
    let after = line.split("fr = \"").nth(1).unwrap_or("");
    after.split('"').next().unwrap_or("").to_string()
}

const SPANISH: &str = "code = \"es\"\nname = \"Español\"\nlocale = \"es-ES\"\ndirection = \"ltr\"\ntitle = \"Economía social y solidaria\"";

#[test]
fn a_third_language_builds_with_its_own_texts_and_a_switcher_among_three() {
    let site = Site::default_site();
    with_language(&site, SPANISH, true);
    site.build(&[]);
    let home = site.page("/es/");
    assert_eq!(attrs(&home, "html", "lang"), ["es"]);
    assert_eq!(attrs(&home, "html", "dir"), ["ltr"]);
    let switcher = attrs(&site.page("/fr/"), "a[hreflang]", "hreflang");
    assert!(
        switcher.contains(&"ar".to_string()) && switcher.contains(&"es".to_string()),
        "{switcher:?}"
    );
    // The articles have no Spanish text: their list says so in Spanish.
    let text = site.read("out/es/index.html");
    assert!(
        text.contains("Ir al contenido principal"),
        "the Spanish skip link"
    );
    assert!(
        site.read("out/es/es-projets/index.html")
            .contains("proyectos")
    );
}

#[test]
fn untranslated_text_says_so_in_the_readers_language_naming_the_language_shown() {
    let site = Site::default_site();
    with_language(&site, SPANISH, true);
    site.build(&[]);
    // Project names exist in French and Arabic only: Spanish pages show the
    // French text, marked.
    let page = site.read("out/es/es-projets/index.html");
    assert!(
        page.contains("class=\"untranslated\""),
        "a fallback is shown"
    );
    assert!(
        page.contains("(aún no traducido al español: se muestra en francés)"),
        "{}",
        &page[..page.len().min(400)]
    );
}

#[test]
fn a_language_whose_sections_have_no_slug_is_an_error_naming_each() {
    let site = Site::default_site();
    with_language(&site, SPANISH, false);
    let run = site.bayan(&[
        "build",
        "--root",
        path_str(site.root()),
        "--output",
        path_str(&site.out()),
    ]);
    run.assert_failure();
    let stderr = run.stderr();
    for key in [
        "sections.projects",
        "sections.news",
        "sections.search",
        "facets.slug",
    ] {
        let expected = format!("{key} has no URL segment for the language `es`");
        assert!(stderr.contains(&expected), "{expected}: {stderr}");
    }
}

#[test]
fn a_language_without_interface_texts_is_an_error_and_format_locale_formats_for_it() {
    let site = Site::default_site();
    // Tarifit: CLDR has no data for it, and the theme no strings.
    let tarifit = "code = \"rif\"\nname = \"Tarifit\"\nlocale = \"rif-MA\"\nformat_locale = \"fr-MA\"\ntitle = \"Tarifit\"";
    with_language(&site, tarifit, true);
    let out = site.out();
    let args = [
        "build",
        "--root",
        path_str(site.root()),
        "--output",
        path_str(&out),
    ];
    let run = site.bayan(&args);
    run.assert_failure();
    assert!(
        run.stderr()
            .contains("the language `rif` has no interface texts: there is no i18n/rif.toml"),
        "{}",
        run.stderr()
    );
    site.write(
        "i18n/rif.toml",
        "skip_link = \"Zayd\"\n[language]\nname = \"Tarifit\"\n",
    );
    let run = site.bayan(&args);
    run.assert_success();
    assert!(
        run.stderr().contains(
            "warning: dates on `rif` pages will name their months in the language of `fr-MA`"
        ),
        "{}",
        run.stderr()
    );
    let home = site.read("out/rif/index.html");
    assert!(home.contains("lang=\"rif\""), "the page is in Tarifit");
    // Numbers follow fr-MA: 9.596.895,95.
    assert!(
        home.contains("9.596.895,95"),
        "amounts formatted by the fallback locale"
    );
}

#[test]
fn amazigh_builds_from_the_themes_own_tifinagh_strings() {
    let site = Site::default_site();
    let amazigh = "code = \"zgh\"\nname = \"ⵜⴰⵎⴰⵣⵉⵖⵜ\"\nlocale = \"zgh-MA\"\nformat_locale = \"fr-MA\"\ntitle = \"ⵜⴰⴷⴰⵎⵙⴰ\"";
    with_language(&site, amazigh, true);
    site.build(&[]);
    let home = site.page("/zgh/");
    assert_eq!(attrs(&home, "html", "lang"), ["zgh"]);
    assert_eq!(attrs(&home, "html", "dir"), ["ltr"]);
    let text = site.read("out/zgh/index.html");
    assert!(text.contains("ⴰⵙⵏⵓⴱⴳ"), "the Amazigh menu (home)");
    assert!(
        text.contains("9.596.895,95\u{a0}ⴷⵔⵀ"),
        "money in fr-MA digits, Tifinagh unit"
    );
}

#[test]
fn facet_values_without_a_lookup_table_take_their_labels_from_site_toml() {
    let site = Site::default_site();
    let config = site.read("site.toml");
    let year = "slug = { fr = \"annee\", ar = \"sana\" }";
    assert!(config.contains(year));
    let labels =
        "labels.\"2023\" = { fr = \"Première année (2023)\", ar = \"السنة الأولى (2023)\" }";
    site.write(
        "site.toml",
        config.replacen(year, &format!("{year}\n{labels}"), 1),
    );
    let run = site.build(&[]);
    let index = site.read("out/fr/projets/annee/index.html");
    assert!(index.contains("Première année (2023)"), "the French label");
    assert!(
        site.read("out/ar/mashari/sana/index.html")
            .contains("السنة الأولى (2023)")
    );
    // Values the data holds and site.toml does not label are named.
    let warnings = run.stdout();
    assert!(
        warnings.contains("the value `2024` of `year` has no label"),
        "{warnings}"
    );
}

#[test]
fn news_in_a_folder_named_otherwise_are_read_when_site_toml_says_so_and_named_when_not() {
    let site = Site::default_site();
    fs::rename(site.path("content/news"), site.path("content/actualites")).expect("rename");
    let run = site.build(&[]);
    let warnings = run.stdout();
    assert!(
        warnings.contains(
            "content/actualites is not read: no collection of site.toml uses this folder"
        ),
        "{warnings}"
    );
    assert!(
        !site
            .path("out/fr/actualites/2023-08-08-convention-ess")
            .exists()
    );
    let config = site.read("site.toml");
    assert!(config.contains("news = \"news\""));
    let config = config.replacen("news = \"news\"", "news = \"actualites\"", 1);
    site.write("site.toml", config);
    let run = site.build(&[]);
    assert!(run.stdout().is_empty(), "no warning: {}", run.stdout());
    assert!(
        site.path("out/fr/actualites/2023-08-08-convention-ess/index.html")
            .exists()
    );
}
