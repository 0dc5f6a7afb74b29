//! Nothing unsafe reaches a page: values holding markup, event handlers,
//! `javascript:` URLs or `</script>` put into CSV cells, front matter and
//! the configuration render inert in every context (text, attributes,
//! URLs, JSON, JSON-LD, SVG), checked on the parsed output with `scraper`.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use scraper::Html;
use walkdir::WalkDir;

use crate::support::{Site, selector};

/// Pieces of attacks; a payload is a few of them with some text between.
const PIECES: [&str; 12] = [
    "<script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "\"onmouseover=\"alert(1)",
    "' onmouseover='alert(1)",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<svg onload=alert(1)>",
    "]]></title><script>alert(1)</script>",
    "{{ 7*7 }}{% raw %}",
    "&lt;script&gt;&#x3C;",
];

fn payload() -> impl Strategy<Value = String> {
    (
        proptest::collection::vec(proptest::sample::select(PIECES.to_vec()), 1..4),
        "[a-zA-Zé ]{0,4}",
    )
        .prop_map(|(pieces, text)| format!("{text}{}", pieces.join(&text)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn values_from_csv_front_matter_and_config_render_inert(
        cell in payload(),
        label in payload(),
        front in payload(),
        config in payload(),
    ) {
        let site = Site::default_site();
        inject_csv(&site, "data/projects.csv", 1, &["name_fr", "summary_fr", "organisation_fr"], &cell);
        inject_csv(&site, "data/communes.csv", 1, &["name_fr"], &label);
        inject_csv(&site, "data/sectors.csv", 1, &["name_fr"], &label);
        inject_csv(&site, "data/provinces.csv", 1, &["name_ar"], &label);
        inject_front_matter(&site, "content/news/2023-08-08-convention-ess.fr.md", &front);
        inject_config(&site, &config);
        site.build(&[]);
        assert_inert(&site.out());
        // The value did reach the pages, as text: the first project's name
        // is read back, whole, from the list's text (whatever the payload's
        // pieces, markup or template syntax alike).
        let list = std::fs::read_to_string(site.out().join("fr/projets/index.html")).expect("list");
        let shown = squeeze(&Html::parse_document(&list).root_element().text().collect::<String>());
        let injected = squeeze(&cell.chars().take(100).collect::<String>());
        prop_assert!(shown.contains(&injected), "the payload {injected:?} is not on the projects list as text");
    }
}

/// Text with every run of white space as one space, as a page shows it.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Puts `value` in `columns` of data row `row` (1 is the first after the
/// header), cut to 100 characters so length limits still hold.
fn inject_csv(site: &Site, file: &str, row: usize, columns: &[&str], value: &str) {
    let value: String = value.chars().take(100).collect();
    let text = site.read(file);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("csv")).collect();
    let header = records[0].clone();
    let mut record: Vec<String> = records[row].iter().map(str::to_string).collect();
    for column in columns {
        let index = header.iter().position(|h| h == *column).expect("column");
        record[index] = value.clone();
    }
    records[row] = csv::StringRecord::from(record);
    let mut writer = csv::Writer::from_writer(Vec::new());
    for record in &records {
        writer.write_record(record).expect("write csv");
    }
    site.write(file, writer.into_inner().expect("csv bytes"));
}

fn toml_string(value: &str) -> String {
    let mut out = String::from("\"");
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn replace_line(text: &str, prefix: &str, line: &str) -> String {
    text.lines()
        .map(|l| {
            if l.starts_with(prefix) {
                line.to_string()
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
        + "\n"
}

fn inject_front_matter(site: &Site, file: &str, value: &str) {
    let v = toml_string(value);
    let mut text = site.read(file);
    text = replace_line(&text, "title = ", &format!("title = {v}"));
    text = replace_line(&text, "summary = ", &format!("summary = {v}"));
    text = replace_line(&text, "tags = ", &format!("tags = [{v}, \"ESS\"]"));
    site.write(file, text);
}

fn inject_config(site: &Site, value: &str) {
    let v = toml_string(value);
    let mut text = site.read("site.toml");
    text = replace_line(&text, "title = \"Économie", &format!("title = {v}"));
    text = replace_line(
        &text,
        "description = \"Où va",
        &format!("description = {v}"),
    );
    text = replace_line(
        &text,
        "label = { fr = \"Montant engagé\"",
        &format!("label = {{ fr = {v}, ar = \"المبلغ الملتزم به\" }}"),
    );
    text = replace_line(
        &text,
        "title = { fr = \"Montants engagés",
        &format!("title = {{ fr = {v}, ar = \"المبالغ\" }}"),
    );
    site.write("site.toml", text);
}

/// No script runs from any page, feed or data file of the output.
pub fn assert_inert(out: &Path) {
    let mut checked = BTreeMap::<&str, usize>::new();
    for entry in WalkDir::new(out).into_iter().map(|e| e.expect("walk")) {
        let path = entry.path();
        let name = path.display().to_string();
        let kind = match path.extension().and_then(|e| e.to_str()) {
            Some("html") => {
                check_html(&name, &std::fs::read_to_string(path).expect("read"));
                "html"
            }
            Some("json") => {
                let text = std::fs::read_to_string(path).expect("read");
                assert!(
                    serde_json::from_str::<serde_json::Value>(&text).is_ok(),
                    "{name} is not valid JSON"
                );
                "json"
            }
            Some("xml" | "svg") => {
                let text = std::fs::read_to_string(path).expect("read").to_lowercase();
                assert!(!text.contains("<script"), "{name} holds a script element");
                assert!(!text.contains("<svg onload"), "{name} holds an svg handler");
                "xml"
            }
            _ => continue,
        };
        *checked.entry(kind).or_default() += 1;
    }
    for kind in ["html", "json", "xml"] {
        assert!(checked.get(kind) > Some(&0), "no {kind} file in the output");
    }
}

pub fn check_html(name: &str, text: &str) {
    let html = Html::parse_document(text);
    for script in html.select(&selector("script")) {
        let kind = script.value().attr("type").unwrap_or("");
        let body: String = script.text().collect();
        if kind == "application/ld+json" {
            assert!(
                serde_json::from_str::<serde_json::Value>(&body).is_ok(),
                "{name}: JSON-LD is not valid JSON: {body}"
            );
        } else {
            assert!(
                !body.contains("alert"),
                "{name}: an injected script: {body}"
            );
            assert!(
                script
                    .value()
                    .attr("src")
                    .is_none_or(|s| !s.contains("alert")),
                "{name}: an injected script source"
            );
        }
    }
    for element in html.select(&selector("*")) {
        let tag = element.value().name();
        assert!(
            !matches!(tag, "iframe" | "object" | "embed"),
            "{name}: an injected <{tag}>"
        );
        for (attribute, value) in element.value().attrs() {
            assert!(
                !attribute.to_ascii_lowercase().starts_with("on"),
                "{name}: an event handler {attribute}={value} on <{tag}>"
            );
            if matches!(
                attribute,
                "href" | "src" | "action" | "formaction" | "xlink:href"
            ) {
                let url: String = value
                    .trim_start_matches(|c: char| c <= ' ')
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect::<String>()
                    .to_ascii_lowercase();
                assert!(
                    !url.starts_with("javascript:") && !url.starts_with("data:text"),
                    "{name}: a URL that runs code: {attribute}={value} on <{tag}>"
                );
            }
        }
    }
}

#[test]
fn the_default_site_has_no_script_that_runs_injected_code() {
    let site = Site::default_site();
    site.build(&[]);
    assert_inert(&site.out());
}
