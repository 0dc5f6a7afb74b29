//! The previous build's address list: every build writes `addresses.json`
//! (each page by identity and language); a build given the published one
//! (`--previous`) redirects every address that moved, and names each that
//! vanished with no redirect.

use crate::support::{Site, attrs};

/// Builds the water site, keeps its list as `previous.json`, then applies
/// `change` and builds again with `--previous`; returns both runs' output.
fn rebuilt(change: impl FnOnce(&Site)) -> (Site, String) {
    let site = Site::fixture("water");
    site.build(&[]);
    site.write("previous.json", site.read("out/addresses.json"));
    change(&site);
    let run = site.build(&["--previous", &previous(&site)]);
    let said = run.stdout() + &run.stderr();
    (site, said)
}

/// `previous.json` in the site, as the command line is given it.
fn previous(site: &Site) -> String {
    site.root().join("previous.json").display().to_string()
}

fn leads_to(site: &Site, old: &str, new: &str) {
    let page = site.page(old);
    assert_eq!(
        attrs(&page, "meta[http-equiv=refresh]", "content"),
        [format!("0; url={new}")],
        "{old}"
    );
    assert_eq!(
        attrs(&page, "link[rel=canonical]", "href"),
        [format!("https://eau.example.org{new}")],
        "{old}"
    );
    let table = site.read("out/_redirects");
    assert!(
        table.contains(&format!("{old} {new} 301")),
        "{old}: {table}"
    );
}

#[test]
fn every_build_lists_its_pages_by_identity_and_language() {
    let site = Site::fixture("water");
    site.build(&[]);
    let list: serde_json::Value =
        serde_json::from_str(&site.read("out/addresses.json")).expect("JSON");
    assert_eq!(list["format"], "bayan-addresses/1");
    let addresses = list["addresses"].as_array().expect("a list");
    assert_eq!(addresses.len(), 85, "one per page of the build");
    let find = |key: &str, lang: &str| {
        addresses
            .iter()
            .find(|a| a["key"] == key && a["lang"] == lang)
            .map(|a| a["path"].as_str().unwrap_or("").to_string())
    };
    let expected = [
        ("record/AEP-2022-01", "ar", "/ar/awras/aep-2022-01/"),
        ("record/AEP-2021-03", "fr", "/fr/chantiers/aep-2021-03/"),
        (
            "facet/ressource/forage",
            "zgh",
            "/zgh/ikerrazn/aghbalu/forage/",
        ),
        (
            "article/2025-06-05-chantier-tamda",
            "fr",
            "/fr/communiques/2025-06-05-chantier-tamda/",
        ),
        ("page/programme", "zgh", "/zgh/tamunt/"),
    ];
    for (key, lang, path) in expected {
        assert_eq!(find(key, lang).as_deref(), Some(path), "{key} {lang}");
    }
}

#[test]
fn a_renamed_section_slug_redirects_every_address_it_moved_and_keeps_doing_so() {
    let (site, said) = rebuilt(|site| {
        let config = site.read("site.toml");
        site.write(
            "site.toml",
            config.replace("fr = \"chantiers\"", "fr = \"ouvrages\""),
        );
    });
    assert!(!said.contains("leads nowhere"), "{said}");
    leads_to(&site, "/fr/chantiers/", "/fr/ouvrages/");
    leads_to(
        &site,
        "/fr/chantiers/aep-2023-01/",
        "/fr/ouvrages/aep-2023-01/",
    );
    leads_to(
        &site,
        "/fr/chantiers/commune/imlil/",
        "/fr/ouvrages/commune/imlil/",
    );
    // The withdrawn record's page moves with its section.
    leads_to(
        &site,
        "/fr/chantiers/aep-2021-03/",
        "/fr/ouvrages/aep-2021-03/",
    );
    // A declared redirect to an old address follows it to the page.
    leads_to(&site, "/fr/branchements/", "/fr/ouvrages/");
    // The next build, given this one's list, still redirects them.
    site.write("previous.json", site.read("out/addresses.json"));
    let run = site.build(&["--previous", &previous(&site)]);
    assert!(!(run.stdout() + &run.stderr()).contains("leads nowhere"));
    leads_to(
        &site,
        "/fr/chantiers/aep-2023-01/",
        "/fr/ouvrages/aep-2023-01/",
    );
}

#[test]
fn a_record_id_changed_by_one_declared_redirect_moves_in_every_language() {
    let (site, said) = rebuilt(|site| {
        let csv = site.read("data/branchements.csv");
        site.write(
            "data/branchements.csv",
            csv.replace("AEP-2023-01,", "AEP-2023-09,"),
        );
        let config = site.read("site.toml");
        let declared = "\n[[redirects]]\nfrom = \"/fr/chantiers/aep-2023-01/\"\nto = \"/fr/chantiers/aep-2023-09/\"\n";
        site.write("site.toml", config + declared);
    });
    assert!(!said.contains("leads nowhere"), "{said}");
    leads_to(
        &site,
        "/fr/chantiers/aep-2023-01/",
        "/fr/chantiers/aep-2023-09/",
    );
    leads_to(&site, "/ar/awras/aep-2023-01/", "/ar/awras/aep-2023-09/");
    leads_to(
        &site,
        "/zgh/ikerrazn/aep-2023-01/",
        "/zgh/ikerrazn/aep-2023-09/",
    );
}

#[test]
fn a_removed_record_is_a_warning_naming_each_address_unless_declared_withdrawn() {
    let (site, said) = rebuilt(|site| {
        let csv = site.read("data/branchements.csv");
        let kept: Vec<&str> = csv
            .lines()
            .filter(|l| !l.starts_with("AEP-2025-01,"))
            .collect();
        site.write("data/branchements.csv", kept.join("\n") + "\n");
    });
    for address in [
        "/fr/chantiers/aep-2025-01/",
        "/ar/awras/aep-2025-01/",
        "/zgh/ikerrazn/aep-2025-01/",
    ] {
        let warning = format!(
            "the address `{address}` (record/AEP-2025-01, {}) of the previous build leads nowhere now: no page has it and no redirect leads from it",
            &address[1..address[1..].find('/').map_or(3, |i| i + 1)]
        );
        assert!(said.contains(&warning), "{warning}\n{said}");
    }
    assert_eq!(said.matches("leads nowhere").count(), 3, "{said}");
    // `check --deny-warnings` fails on them.
    let check = site.bayan(&["check", "--previous", &previous(&site), "--deny-warnings"]);
    check.assert_failure();
    // Declared withdrawn instead, it keeps its page: nothing vanished.
    let csv = site.read("data/branchements.csv");
    let row = "AEP-2025-01,Tagoudiche,تاكوديش,,Étude d'une source,دراسة عين,,tighza,source,etude,2025,2025-01-09,290000,,30,,2025-10-01,Abandonné,متخلى عنه,\n";
    site.write("data/branchements.csv", csv + row);
    let run = site.build(&["--previous", &previous(&site)]);
    assert!(!(run.stdout() + &run.stderr()).contains("leads nowhere"));
    assert_eq!(
        attrs(
            &site.page("/fr/chantiers/aep-2025-01/"),
            "meta[name=robots]",
            "content"
        ),
        ["noindex"]
    );
}

#[test]
fn a_previous_list_that_is_not_one_is_an_error_at_its_line() {
    let site = Site::fixture("water");
    site.write(
        "previous.json",
        "{\"format\": \"bayan-addresses/1\",\n \"adresses\": []}\n",
    );
    let run = site.bayan(&["build", "--previous", &previous(&site)]);
    run.assert_failure();
    let said = run.stderr();
    assert!(
        said.contains("error: this is not a list of addresses: unknown field `adresses`, expected `format` or `addresses` at line 2 column 11"),
        "{said}"
    );
    assert!(said.contains("previous.json:2:11"), "{said}");
}

#[test]
fn a_list_page_that_no_longer_exists_leads_to_the_lists_first_page() {
    let (site, said) = rebuilt(|site| {
        let config = site.read("site.toml");
        site.write("site.toml", config.replace("per_page = 4", "per_page = 10"));
    });
    assert!(!said.contains("leads nowhere"), "{said}");
    leads_to(&site, "/fr/chantiers/page/2/", "/fr/chantiers/");
    leads_to(&site, "/ar/awras/page/2/", "/ar/awras/");
}
