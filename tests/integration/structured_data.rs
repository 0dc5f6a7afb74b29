//! Every page's JSON-LD parses and fits the schema.org vocabulary, read
//! offline from the vendored release (`tests/fixtures/schemaorg/`, made
//! by `tools/schemaorg_vocabulary.py`): each type exists, each property
//! exists and applies to its node's type (or a parent type), and each
//! value is of a type the property's range allows.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value as Json;

use crate::support::{Site, attrs, pages, parse, selector};

const VOCABULARY: &str = include_str!("../fixtures/schemaorg/vocabulary-12.0.tsv");

/// Types that hold a literal, and the JSON values each accepts.
const TEXTUAL: [&str; 5] = ["Text", "URL", "Date", "DateTime", "Time"];
const NUMERIC: [&str; 4] = ["Number", "Integer", "Float", "Text"];

struct Vocabulary {
    parents: BTreeMap<String, Vec<String>>,
    /// Property to (domains, ranges).
    properties: BTreeMap<String, (Vec<String>, Vec<String>)>,
}

fn split(cell: Option<&str>) -> Vec<String> {
    cell.unwrap_or("")
        .split(',')
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

impl Vocabulary {
    fn load() -> Self {
        let (mut parents, mut properties) = (BTreeMap::new(), BTreeMap::new());
        for line in VOCABULARY.lines().filter(|l| !l.starts_with('#')) {
            let mut cells = line.split('\t');
            match (cells.next(), cells.next()) {
                (Some("type"), Some(name)) => {
                    parents.insert(name.to_string(), split(cells.next()));
                }
                (Some("property"), Some(name)) => {
                    let domains = split(cells.next());
                    properties.insert(name.to_string(), (domains, split(cells.next())));
                }
                _ => panic!("a bad vocabulary line: {line}"),
            }
        }
        assert!(parents.len() > 500 && properties.len() > 500);
        Self {
            parents,
            properties,
        }
    }

    /// The type and every type above it.
    fn ancestors(&self, name: &str) -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![name.to_string()];
        while let Some(next) = stack.pop() {
            if seen.insert(next.clone()) {
                stack.extend(self.parents.get(&next).cloned().unwrap_or_default());
            }
        }
        seen
    }

    /// Every problem of a node, each with its path in the graph.
    fn check(&self, node: &Json, at: &str, problems: &mut Vec<String>) {
        let Some(kind) = node["@type"].as_str() else {
            if node.get("@id").is_none() {
                problems.push(format!("{at}: a node without @type or @id"));
            }
            return;
        };
        if !self.parents.contains_key(kind) {
            problems.push(format!("{at}: unknown type {kind}"));
            return;
        }
        let lineage = self.ancestors(kind);
        for (property, value) in node.as_object().into_iter().flatten() {
            if property.starts_with('@') {
                continue;
            }
            let here = format!("{at}.{property}");
            let Some((domains, ranges)) = self.properties.get(property) else {
                problems.push(format!("{here}: unknown property"));
                continue;
            };
            if !domains.iter().any(|d| lineage.contains(d)) {
                problems.push(format!("{here}: not a property of {kind} ({domains:?})"));
            }
            let values = value
                .as_array()
                .cloned()
                .unwrap_or_else(|| vec![value.clone()]);
            for (i, item) in values.iter().enumerate() {
                self.check_value(item, ranges, &format!("{here}[{i}]"), problems);
            }
        }
    }

    fn check_value(&self, value: &Json, ranges: &[String], at: &str, problems: &mut Vec<String>) {
        let allows = |names: &[&str]| ranges.iter().any(|r| names.contains(&r.as_str()));
        let fits = match value {
            Json::String(text) => {
                // An absolute address also names a node (an IRI) where a
                // thing is expected, as search engines read it.
                let is_url = text.starts_with("https://") || text.starts_with("http://");
                let thing = ranges.iter().any(|r| !TEXTUAL.contains(&r.as_str()));
                allows(&TEXTUAL) || (is_url && thing)
            }
            Json::Number(_) => allows(&NUMERIC),
            Json::Bool(_) => allows(&["Boolean"]),
            Json::Object(_) => match value["@type"].as_str() {
                Some(kind) => {
                    let lineage = self.ancestors(kind);
                    let ok = ranges.iter().any(|r| lineage.contains(r));
                    self.check(value, at, problems);
                    ok
                }
                None => value.get("@id").is_some(),
            },
            _ => false,
        };
        if !fits {
            problems.push(format!("{at}: {value} is not one of {ranges:?}"));
        }
    }
}

#[test]
fn every_pages_json_ld_parses_and_fits_the_schema_org_vocabulary() {
    let site = Site::default_site();
    site.build(&[]);
    let vocabulary = Vocabulary::load();
    let (mut problems, mut types) = (Vec::new(), BTreeMap::<String, usize>::new());
    let built = pages(&site.out());
    let script = selector(r#"script[type="application/ld+json"]"#);
    let mut with_json_ld = 0;
    for (url, path) in built
        .iter()
        .filter(|(u, _)| u.starts_with("/fr/") || u.starts_with("/ar/"))
    {
        let page = parse(path);
        let scripts: Vec<String> = page.select(&script).map(|s| s.text().collect()).collect();
        assert_eq!(scripts.len(), 1, "{url}: one JSON-LD script");
        let graph: Json =
            serde_json::from_str(&scripts[0]).unwrap_or_else(|e| panic!("{url}: {e}"));
        assert_eq!(graph["@context"], "https://schema.org", "{url}");
        let nodes = graph["@graph"].as_array().expect("@graph");
        assert!(!nodes.is_empty(), "{url}: an empty graph");
        with_json_ld += 1;
        for (i, node) in nodes.iter().enumerate() {
            count_types(node, &mut types);
            vocabulary.check(node, &format!("{url} @graph[{i}]"), &mut problems);
        }
    }
    assert!(with_json_ld > 100, "only {with_json_ld} pages");
    for expected in [
        "GovernmentOrganization",
        "Dataset",
        "DataDownload",
        "NewsArticle",
        "BreadcrumbList",
    ] {
        assert!(
            types.contains_key(expected),
            "no {expected} on any page: {types:?}"
        );
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

fn count_types(node: &Json, types: &mut BTreeMap<String, usize>) {
    match node {
        Json::Object(map) => {
            if let Some(kind) = map.get("@type").and_then(Json::as_str) {
                *types.entry(kind.to_string()).or_default() += 1;
            }
            map.values().for_each(|v| count_types(v, types));
        }
        Json::Array(items) => items.iter().for_each(|v| count_types(v, types)),
        _ => {}
    }
}

#[test]
fn the_open_data_page_describes_each_download_with_its_dates() {
    let site = Site::default_site();
    site.build(&[]);
    let page = site.page("/fr/donnees-ouvertes/");
    let script = selector(r#"script[type="application/ld+json"]"#);
    let text: String = page
        .select(&script)
        .next()
        .expect("JSON-LD")
        .text()
        .collect();
    let graph: Json = serde_json::from_str(&text).expect("JSON");
    let datasets: Vec<&Json> = graph["@graph"]
        .as_array()
        .expect("graph")
        .iter()
        .filter(|n| n["@type"] == "Dataset")
        .collect();
    let projects = datasets
        .iter()
        .find(|d| d["name"] == "Projets financés")
        .expect("the projects dataset");
    let urls: Vec<&str> = projects["distribution"]
        .as_array()
        .expect("distribution")
        .iter()
        .map(|d| d["contentUrl"].as_str().expect("contentUrl"))
        .collect();
    assert!(
        urls.iter().any(|u| u.ends_with("/data/projects.fr.xlsx")),
        "{urls:?}"
    );
    for url in &urls {
        let relative = url.split_once(".example.ma/").expect("site address").1;
        assert!(
            site.out().join(relative).is_file(),
            "{url} is not published"
        );
    }
    let span = projects["temporalCoverage"]
        .as_str()
        .expect("temporalCoverage");
    let (first, last) = span.split_once('/').expect("an interval");
    let csv = site.read("data/projects.csv");
    let dates: BTreeSet<&str> = csv
        .split([',', '\n'])
        .filter(|c| c.len() == 10 && c.as_bytes()[4] == b'-' && c.as_bytes()[7] == b'-')
        .collect();
    assert_eq!(Some(&first), dates.first(), "{span}");
    assert_eq!(Some(&last), dates.last(), "{span}");
}

#[test]
fn a_shared_project_link_previews_with_its_title_and_summary_in_its_language() {
    let site = Site::default_site();
    site.build(&[]);
    let source = crate::default_site::Projects::read(&site.path("data/projects.csv"));
    let row = &source.rows[0];
    for (lang, url, locale, other) in [
        ("fr", "/fr/projets/tta-2023-001/", "fr_MA", "ar_MA"),
        ("ar", "/ar/mashari/tta-2023-001/", "ar_MA", "fr_MA"),
    ] {
        let page = site.page(url);
        let meta =
            |property: &str| attrs(&page, &format!(r#"meta[property="{property}"]"#), "content");
        let name = source.cell(row, &format!("name_{lang}"));
        let title = meta("og:title");
        assert!(
            title.len() == 1 && title[0].starts_with(name),
            "{url}: {title:?}"
        );
        assert_eq!(
            meta("og:description"),
            [source.cell(row, &format!("summary_{lang}"))]
        );
        assert_eq!(meta("og:url"), [format!("https://ess-tta.example.ma{url}")]);
        assert_eq!(meta("og:locale"), [locale]);
        assert_eq!(meta("og:locale:alternate"), [other]);
    }
}
