//! The IATI activity file validates against the IATI 2.03 schema (xmllint)
//! and every code it uses is in the codelists of that version, both in
//! `../shared/standards/iati-2.03/` beside the repository.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

use regex::Regex;

use crate::support::{Site, attrs, repo};

fn standards() -> PathBuf {
    repo().join("../shared/standards/iati-2.03")
}

/// Every `<code>` of a codelist file.
fn codelist(name: &str) -> BTreeSet<String> {
    let path = standards().join("codelists").join(format!("{name}.xml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let codes: BTreeSet<String> = Regex::new(r"<code>([^<]+)</code>")
        .expect("regex")
        .captures_iter(&text)
        .map(|c| c[1].to_string())
        .collect();
    assert!(!codes.is_empty(), "{name}");
    codes
}

/// The values of `attribute` on every `element` of the file.
fn values(xml: &str, element: &str, attribute: &str) -> Vec<String> {
    let pattern = format!(r#"<{element}\b[^>]*?\s{attribute}="([^"]*)""#);
    let found: Vec<String> = Regex::new(&pattern)
        .expect("regex")
        .captures_iter(xml)
        .map(|c| c[1].to_string())
        .collect();
    assert!(!found.is_empty(), "no {element} {attribute}");
    found
}

#[test]
fn the_iati_file_validates_against_the_schema_and_uses_only_codelist_codes() {
    let site = Site::default_site();
    site.build(&[]);
    let file = site.out().join("data/iati-activities.xml");
    let schema = standards().join("iati-activities-schema.xsd");
    let run = Command::new("xmllint")
        .args(["--noout", "--schema"])
        .arg(&schema)
        .arg(&file)
        .output()
        .expect("xmllint (apt-get install libxml2-utils)");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let xml = site.read("out/data/iati-activities.xml");
    let projects = crate::default_site::Projects::read(&site.path("data/projects.csv"));
    assert_eq!(xml.matches("<iati-activity ").count(), projects.rows.len());
    for (element, attribute, list) in [
        ("sector", "code", "Sector"),
        ("sector", "vocabulary", "SectorVocabulary"),
        ("activity-status", "code", "ActivityStatus"),
        ("activity-date", "type", "ActivityDateType"),
        ("transaction-type", "code", "TransactionType"),
        ("participating-org", "role", "OrganisationRole"),
        ("participating-org", "type", "OrganisationType"),
        ("reporting-org", "type", "OrganisationType"),
        ("recipient-country", "code", "Country"),
        ("iati-activity", "default-currency", "Currency"),
        ("value", "currency", "Currency"),
        ("description", "type", "DescriptionType"),
        ("narrative", "xml:lang", "Language"),
    ] {
        let codes = codelist(list);
        for value in values(&xml, element, attribute) {
            assert!(
                codes.contains(&value),
                "{element} {attribute}=\"{value}\" is not in {list}"
            );
        }
    }
    let page = site.page("/fr/donnees-ouvertes/");
    let links = attrs(&page, "a[download]", "href");
    assert!(
        links.iter().any(|l| l == "/data/iati-activities.xml"),
        "{links:?}"
    );
}
