//! `bayan init`: a new site that builds at once, with or without
//! spreadsheets to infer its tables from. The three CSV files in
//! `tests/fixtures/init/` are a BOM and CRLF Excel export (`grants.csv`),
//! a semicolon-separated French export with decimal commas and spaces
//! between thousands (`regions.csv`) and a plain one with day-first dates
//! (`partners.csv`).

use std::fs;
use std::path::Path;

use crate::support::{bayan_in, path_str, repo};

fn fixture(name: &str) -> String {
    path_str(&repo().join("tests/fixtures/init").join(name)).to_string()
}

/// `bayan init SITE --from` the three fixtures, in a new temporary folder.
fn init_from_fixtures() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    let (grants, regions, partners) = (
        fixture("grants.csv"),
        fixture("regions.csv"),
        fixture("partners.csv"),
    );
    let run = bayan_in(
        dir.path(),
        &[
            "init", "site", "--from", &grants, "--from", &regions, "--from", &partners,
        ],
    );
    run.assert_success();
    dir
}

fn toml_of(path: &Path) -> toml::Table {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each field of a schema as `name type [translated] [required] [unique] [enum=a|b]`.
fn fields(schema: &toml::Table) -> Vec<String> {
    let fields = schema["fields"].as_array().expect("fields");
    fields
        .iter()
        .map(|f| {
            let mut parts = vec![
                f["name"].as_str().unwrap_or("?").to_string(),
                f["type"].as_str().unwrap_or("?").to_string(),
            ];
            if f.get("translated").and_then(toml::Value::as_bool) == Some(true) {
                parts.push("translated".into());
            }
            let c = f.get("constraints").and_then(toml::Value::as_table);
            for key in ["required", "unique"] {
                if c.and_then(|c| c.get(key)).and_then(toml::Value::as_bool) == Some(true) {
                    parts.push(key.into());
                }
            }
            if let Some(values) = c
                .and_then(|c| c.get("enum"))
                .and_then(toml::Value::as_array)
            {
                let values: Vec<&str> = values.iter().filter_map(toml::Value::as_str).collect();
                parts.push(format!("enum={}", values.join("|")));
            }
            parts.join(" ")
        })
        .collect()
}

fn foreign_keys(schema: &toml::Table) -> Vec<String> {
    let keys = schema.get("foreignKeys").and_then(toml::Value::as_array);
    keys.into_iter()
        .flatten()
        .map(|k| {
            let reference = &k["reference"];
            format!(
                "{} -> {}.{}",
                k["fields"][0].as_str().unwrap_or("?"),
                reference["resource"].as_str().unwrap_or("?"),
                reference["fields"][0].as_str().unwrap_or("?")
            )
        })
        .collect()
}

#[test]
fn infers_types_keys_and_translations_from_three_spreadsheets() {
    let dir = init_from_fixtures();
    let data = dir.path().join("site/data");
    let grants = toml_of(&data.join("grants.schema.toml"));
    assert_eq!(grants["primaryKey"][0].as_str(), Some("id"));
    assert_eq!(
        fields(&grants),
        [
            "id string required unique",
            "title string translated required",
            "region string required",
            "partner string required",
            "status string required enum=approved|completed|withdrawn",
            "year year required",
            "approved_on date required",
            "amount_mad number required",
            "jobs integer",
            "rural boolean required",
        ]
    );
    assert_eq!(
        foreign_keys(&grants),
        ["region -> regions.code", "partner -> partners.id"]
    );
    let regions = toml_of(&data.join("regions.schema.toml"));
    assert_eq!(regions["primaryKey"][0].as_str(), Some("code"));
    assert_eq!(
        fields(&regions),
        [
            "code string required unique",
            "nom string translated required",
            "population integer required unique",
            "superficie_km2 number required",
        ]
    );
    let partners = toml_of(&data.join("partners.schema.toml"));
    assert_eq!(
        fields(&partners),
        [
            "id string required unique",
            "name string required unique",
            "kind string required enum=association|cooperative",
            "registered date required",
        ]
    );
}

#[test]
fn says_what_each_inference_rests_on() {
    let dir = init_from_fixtures();
    let data = dir.path().join("site/data");
    let grants = fs::read_to_string(data.join("grants.schema.toml")).expect("grants schema");
    for evidence in [
        "# date: every one of the 12 values is a date",
        "# not required: 5 of 12 cells are empty",
        "# enum: only 3 different values in 12 cells",
        "# translated: the columns title_fr, title_ar are one per language",
        "# likely: each of the 3 different values of region is a key of regions.code (3 keys)",
        "# boolean: every one of the 12 values is a boolean in capitals (TRUE): the copy writes true",
    ] {
        assert!(
            grants.contains(evidence),
            "missing `{evidence}` in:\n{grants}"
        );
    }
    let regions = fs::read_to_string(data.join("regions.schema.toml")).expect("regions schema");
    assert!(
        regions.contains("cells separated by semicolons"),
        "{regions}"
    );
}

#[test]
fn copies_each_table_as_bayan_reads_it() {
    let dir = init_from_fixtures();
    let data = dir.path().join("site/data");
    let regions = fs::read_to_string(data.join("regions.csv")).expect("regions copy");
    assert_eq!(
        regions.lines().take(2).collect::<Vec<_>>(),
        [
            "code,nom_fr,nom_ar,population,superficie_km2",
            "nord,Région du Nord,جهة الشمال,1250300,11570.5"
        ]
    );
    let grants = fs::read(data.join("grants.csv")).expect("grants copy");
    assert!(!grants.starts_with(b"\xEF\xBB\xBF") && !grants.contains(&b'\r'));
    let partners = fs::read_to_string(data.join("partners.csv")).expect("partners copy");
    assert!(partners.contains("ASSO-01,Association Tilila,association,2015-03-12\n"));
}

#[test]
fn proposes_records_facets_and_key_figures_and_the_site_builds() {
    let dir = init_from_fixtures();
    let site = dir.path().join("site");
    let config = toml_of(&site.join("site.toml"));
    assert_eq!(config["records"]["table"].as_str(), Some("grants"));
    assert_eq!(config["records"]["title"].as_str(), Some("title"));
    let facets: Vec<&str> = config["facets"]
        .as_array()
        .expect("facets")
        .iter()
        .filter_map(|f| f["field"].as_str())
        .collect();
    assert_eq!(facets, ["region", "partner", "status", "year"]);
    let figures: Vec<&str> = config["key_figures"]
        .as_array()
        .expect("key figures")
        .iter()
        .filter_map(|f| f["id"].as_str())
        .collect();
    assert_eq!(figures, ["records", "amount-mad", "jobs"]);
    let run = bayan_in(dir.path(), &["build", "--root", "site"]);
    run.assert_success();
    assert!(
        run.stderr().contains("built ") && run.stderr().contains("12 records · 2 articles"),
        "{}",
        run.stderr()
    );
    let region_page = site.join("public/fr/projets/region/nord/index.html");
    assert!(
        region_page.is_file(),
        "no facet page at {}",
        region_page.display()
    );
}

#[test]
fn creates_a_site_that_builds_without_any_spreadsheet() {
    let dir = tempfile::tempdir().expect("tempdir");
    bayan_in(dir.path(), &["init", "new", "--languages", "fr,ar,en"]).assert_success();
    for lang in ["fr", "ar", "en"] {
        let articles = fs::read_dir(dir.path().join("new/content/news")).expect("news");
        let found = articles.filter_map(Result::ok).any(|e| {
            e.file_name()
                .to_string_lossy()
                .ends_with(&format!(".{lang}.md"))
        });
        assert!(found, "no example article in {lang}");
    }
    let config = fs::read_to_string(dir.path().join("new/site.toml")).expect("site.toml");
    assert!(config.contains("code = \"en\""), "{config}");
    let run = bayan_in(dir.path(), &["build", "--root", "new"]);
    run.assert_success();
    assert!(
        run.stderr().contains("4 records · 3 articles"),
        "{}",
        run.stderr()
    );
}

#[test]
fn an_amazigh_site_builds_with_its_fallback_locale_and_tifinagh_texts() {
    let dir = tempfile::tempdir().expect("tempdir");
    bayan_in(dir.path(), &["init", "new", "--languages", "zgh,fr"]).assert_success();
    let config = fs::read_to_string(dir.path().join("new/site.toml")).expect("site.toml");
    assert!(config.contains("format_locale = \"fr-MA\""), "{config}");
    bayan_in(dir.path(), &["build", "--root", "new"]).assert_success();
    let home = fs::read_to_string(dir.path().join("new/public/zgh/index.html")).expect("home");
    assert!(home.contains("<html lang=\"zgh\" dir=\"ltr\""), "{home}");
    assert!(
        home.contains("ⴰⵏⵙⵓⴼ"),
        "the example article's title in Tifinagh"
    );
}

#[test]
fn refuses_a_folder_that_is_not_empty_and_bad_languages() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join("full")).expect("mkdir");
    fs::write(dir.path().join("full/keep.txt"), "mine").expect("write");
    let run = bayan_in(
        dir.path(),
        &[
            "--format",
            "json",
            "init",
            "full",
            "--languages",
            "fr,fr,f r",
        ],
    );
    run.assert_failure();
    let messages: Vec<String> = run
        .stdout()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            format!(
                "{}: {} | {}",
                v["file"].as_str().unwrap_or("-"),
                v["message"].as_str().unwrap_or("?"),
                v["hint"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        messages,
        [
            "-: the language `fr` is given twice | -",
            "-: `f r` is not a language code | use BCP 47 codes such as fr, ar, en, es or zgh, separated by commas",
            "full: this folder is not empty | bayan init creates a site in a new or empty folder, and never overwrites a file",
        ]
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("full/keep.txt")).expect("kept"),
        "mine"
    );
    assert_eq!(
        fs::read_dir(dir.path().join("full")).expect("ls").count(),
        1
    );
}

#[test]
fn refuses_a_spreadsheet_it_cannot_read_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("short.csv"), "a,b\n1\n").expect("write");
    fs::write(dir.path().join("latin1.csv"), b"nom\nS\xe9bou\n").expect("write");
    let run = bayan_in(
        dir.path(),
        &[
            "--format",
            "json",
            "init",
            "new",
            "--from",
            "short.csv",
            "--from",
            "latin1.csv",
            "--from",
            "short.csv",
        ],
    );
    run.assert_failure();
    let messages: Vec<String> = run
        .stdout()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            format!(
                "{}: {}",
                v["file"].as_str().unwrap_or("-"),
                v["message"].as_str().unwrap_or("?")
            )
        })
        .collect();
    assert_eq!(
        messages,
        [
            "short.csv: row 2 has 1 cells, but the header has 2 columns",
            "latin1.csv: this file is not UTF-8 text",
            "short.csv: two files give the table name `short`",
        ]
    );
    assert!(!dir.path().join("new").exists(), "init wrote something");
}
