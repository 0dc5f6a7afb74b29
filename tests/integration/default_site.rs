//! The repository's default site builds, and its pages say what the data
//! says: every expected figure is computed here from the CSV, exactly.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use rust_decimal::{Decimal, RoundingStrategy};

use crate::support::{Site, attrs, pages, parse, texts};

/// The projects table of the default site, as the tests read it.
pub(crate) struct Projects {
    headers: csv::StringRecord,
    pub(crate) rows: Vec<csv::StringRecord>,
}

impl Projects {
    pub(crate) fn read(path: &Path) -> Self {
        let mut reader = csv::Reader::from_path(path).expect("read projects.csv");
        let headers = reader.headers().expect("header").clone();
        let rows = reader
            .records()
            .map(|r| r.expect("a good CSV record"))
            .collect();
        Self { headers, rows }
    }

    fn column(&self, name: &str) -> usize {
        self.headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("no column {name}"))
    }

    pub(crate) fn cell<'a>(&self, row: &'a csv::StringRecord, name: &str) -> &'a str {
        row.get(self.column(name)).expect("cell")
    }

    fn row(&self, id: &str) -> &csv::StringRecord {
        self.rows
            .iter()
            .find(|r| self.cell(r, "id") == id)
            .unwrap_or_else(|| panic!("no project {id}"))
    }

    pub(crate) fn sum<'a>(
        &self,
        rows: impl Iterator<Item = &'a csv::StringRecord>,
        column: &str,
    ) -> Decimal {
        rows.map(|r| self.cell(r, column))
            .filter(|c| !c.is_empty())
            .map(|c| c.parse::<Decimal>().unwrap_or_else(|e| panic!("{c}: {e}")))
            .sum()
    }

    /// The page slugs (lowercased ids) of the rows that pass `keep`.
    fn slugs(&self, keep: impl Fn(&csv::StringRecord) -> bool) -> BTreeSet<String> {
        self.rows
            .iter()
            .filter(|r| keep(r))
            .map(|r| self.cell(r, "id").to_lowercase())
            .collect()
    }
}

/// An amount as fr-MA and ar-MA (Western digits) print money: `.` between
/// thousands, `,` before the centimes, whole amounts without decimals.
pub(crate) fn moroccan_money(amount: Decimal) -> String {
    let rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    let text = if rounded.fract().is_zero() {
        rounded.trunc().to_string()
    } else {
        format!("{rounded:.2}")
    };
    let (whole, cents) = text
        .split_once('.')
        .map_or((text.as_str(), None), |(w, c)| (w, Some(c)));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    match cents {
        Some(cents) => format!("{grouped},{cents}"),
        None => grouped,
    }
}

#[test]
fn formats_money_the_moroccan_way() {
    let d = |s: &str| s.parse::<Decimal>().expect("decimal");
    assert_eq!(moroccan_money(d("9596895.95")), "9.596.895,95");
    assert_eq!(moroccan_money(d("6464116.00")), "6.464.116");
    assert_eq!(moroccan_money(d("84447.5")), "84.447,50");
    assert_eq!(moroccan_money(d("999")), "999");
}

/// The numbers in a text: runs of digits, points and commas.
pub(crate) fn numbers(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .filter(|s| !s.is_empty())
        .collect()
}

/// The value shown for the key figure labelled `label` on `page`.
pub(crate) fn figure(page: &scraper::Html, label: &str) -> String {
    let labels = texts(page, "dl.figures dt");
    let values = texts(page, "dl.figures dd");
    let index = labels
        .iter()
        .position(|l| l == label)
        .unwrap_or_else(|| panic!("no key figure `{label}` among {labels:?}"));
    values[index].clone()
}

/// The label of a key figure in `site.toml`, in `lang`.
pub(crate) fn figure_label(site: &Site, id: &str, lang: &str) -> String {
    let config: toml::Value = toml::from_str(&site.read("site.toml")).expect("site.toml");
    let figures = config["key_figures"].as_array().expect("key_figures");
    let figure = figures
        .iter()
        .find(|f| f["id"].as_str() == Some(id))
        .unwrap_or_else(|| panic!("no key figure {id}"));
    figure["label"][lang].as_str().expect("label").to_string()
}

/// The project slugs linked from a record list, following its pages.
fn listed_projects(site: &Site, first_page: &str) -> BTreeSet<String> {
    let mut slugs = BTreeSet::new();
    let mut url = first_page.to_string();
    for n in 2.. {
        let page = site.page(&url);
        for href in attrs(&page, "ul.records .record-title a", "href") {
            let slug = href.trim_end_matches('/').rsplit('/').next().expect("slug");
            assert!(slugs.insert(slug.to_string()), "{slug} listed twice");
        }
        url = format!("{first_page}page/{n}/");
        if !site
            .out()
            .join(url.trim_start_matches('/'))
            .join("index.html")
            .exists()
        {
            break;
        }
    }
    slugs
}

#[test]
fn builds_the_landing_page_and_both_language_homes() {
    let site = Site::default_site();
    site.build(&[]);
    for page in ["index.html", "fr/index.html", "ar/index.html"] {
        assert!(site.out().join(page).is_file(), "no out/{page}");
    }
    let landing = site.page("/");
    let links = attrs(&landing, "a[hreflang]", "href");
    assert!(
        links.contains(&"/fr/".to_string()) && links.contains(&"/ar/".to_string()),
        "{links:?}"
    );
}

#[test]
fn no_page_shows_an_untranslated_ui_string() {
    let site = Site::default_site();
    site.build(&[]);
    let pages = pages(&site.out());
    assert!(pages.len() > 200, "only {} pages", pages.len());
    for (url, file) in pages {
        let keys = texts(&parse(&file), ".untranslated");
        assert!(keys.is_empty(), "{url}: {keys:?}");
    }
}

#[test]
fn reads_csv_with_a_bom_crlf_quoted_newlines_and_trailing_empty_lines() {
    let site = Site::default_site();
    let plain = site.read("data/projects.csv");
    let projects = Projects::read(&site.path("data/projects.csv"));
    let first = projects.cell(&projects.rows[0], "summary_fr");
    let (before, after) = first.split_once(' ').expect("a summary of several words");
    let quoted = format!("\"{before}\n{after}\"");
    let edited = plain.replacen(first, &quoted, 1).replace('\n', "\r\n");
    site.write("data/projects.csv", format!("\u{feff}{edited}\r\n\r\n"));
    site.build(&[]);
    let committed = moroccan_money(projects.sum(projects.rows.iter(), "committed_mad"));
    let shown = figure(&site.page("/fr/"), &figure_label(&site, "committed", "fr"));
    assert_eq!(numbers(&shown), [committed.as_str()]);
    assert_eq!(
        listed_projects(&site, "/fr/projets/"),
        projects.slugs(|_| true)
    );
    let page = texts(&site.page("/fr/projets/tta-2023-001/"), "main").join(" ");
    assert!(
        page.contains(&format!("{before} {after}")),
        "the summary is lost: {page}"
    );
}

#[test]
fn home_key_figures_are_the_exact_sums_of_the_csv() {
    let site = Site::default_site();
    site.build(&[]);
    let projects = Projects::read(&site.path("data/projects.csv"));
    let committed = moroccan_money(projects.sum(projects.rows.iter(), "committed_mad"));
    let disbursed = moroccan_money(projects.sum(projects.rows.iter(), "disbursed_mad"));
    let count = projects.rows.len().to_string();
    for lang in ["fr", "ar"] {
        let home = site.page(&format!("/{lang}/"));
        for (id, expected) in [
            ("committed", &committed),
            ("disbursed", &disbursed),
            ("projects", &count),
        ] {
            let shown = figure(&home, &figure_label(&site, id, lang));
            assert_eq!(
                numbers(&shown),
                [expected.as_str()],
                "{lang} home, {id}: {shown}"
            );
        }
    }
}

#[test]
fn project_lists_link_every_project_of_the_csv() {
    let site = Site::default_site();
    site.build(&[]);
    let projects = Projects::read(&site.path("data/projects.csv"));
    let all = projects.slugs(|_| true);
    assert!(all.len() > 20, "only {} projects in the CSV", all.len());
    assert_eq!(all.len(), projects.rows.len());
    assert_eq!(listed_projects(&site, "/fr/projets/"), all);
    assert_eq!(listed_projects(&site, "/ar/mashari/"), all);
}

#[test]
fn project_page_shows_the_name_in_each_language() {
    let site = Site::default_site();
    site.build(&[]);
    let projects = Projects::read(&site.path("data/projects.csv"));
    let row = projects.row("TTA-2023-001");
    let fr = site.page("/fr/projets/tta-2023-001/");
    let ar = site.page("/ar/mashari/tta-2023-001/");
    assert_eq!(texts(&fr, "main h1"), [projects.cell(row, "name_fr")]);
    assert_eq!(texts(&ar, "main h1"), [projects.cell(row, "name_ar")]);
    assert_eq!(
        attrs(&fr, "nav.language a[hreflang]", "href"),
        ["/ar/mashari/tta-2023-001/"]
    );
}

#[test]
fn facet_page_lists_exactly_the_projects_of_its_value_with_their_total() {
    let site = Site::default_site();
    site.build(&[]);
    let projects = Projects::read(&site.path("data/projects.csv"));
    let in_tetouan = |r: &csv::StringRecord| projects.cell(r, "province") == "tetouan";
    let expected = projects.slugs(in_tetouan);
    assert!(!expected.is_empty());
    let total = moroccan_money(projects.sum(
        projects.rows.iter().filter(|r| in_tetouan(r)),
        "committed_mad",
    ));
    for (lang, url) in [
        ("fr", "/fr/projets/province/tetouan/"),
        ("ar", "/ar/mashari/iqlim/tetouan/"),
    ] {
        assert_eq!(listed_projects(&site, url), expected, "{url}");
        let shown = figure(&site.page(url), &figure_label(&site, "committed", lang));
        assert_eq!(numbers(&shown), [total.as_str()], "{url}: {shown}");
    }
}

#[test]
fn article_translations_link_to_each_other() {
    let site = Site::default_site();
    site.build(&[]);
    let fr_url = "/fr/actualites/2023-08-08-convention-ess/";
    let ar_url = "/ar/akhbar/2023-08-08-convention-ess/";
    let fr = site.page(fr_url);
    let ar = site.page(ar_url);
    assert_eq!(attrs(&fr, "nav.language a[hreflang]", "href"), [ar_url]);
    assert_eq!(attrs(&fr, "nav.language a[hreflang]", "hreflang"), ["ar"]);
    assert_eq!(attrs(&ar, "nav.language a[hreflang]", "href"), [fr_url]);
    assert_eq!(attrs(&ar, "nav.language a[hreflang]", "hreflang"), ["fr"]);
    assert_eq!(texts(&fr, "main h1").len(), 1);
}

#[test]
fn publishes_the_data_as_csv_and_a_data_package() {
    let site = Site::default_site();
    site.build(&[]);
    let source = Projects::read(&site.path("data/projects.csv"));
    let published = Projects::read(&site.out().join("data/projects.csv"));
    assert_eq!(published.rows.len(), source.rows.len());

    let package: serde_json::Value =
        serde_json::from_str(&site.read("out/data/datapackage.json")).expect("valid JSON");
    let listed: BTreeSet<String> = package["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .map(|r| r["name"].as_str().expect("name").to_string())
        .collect();
    let tables: BTreeSet<String> = fs::read_dir(site.path("data"))
        .expect("data folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter_map(|name| name.strip_suffix(".csv").map(str::to_string))
        .collect();
    assert!(tables.len() > 3, "only {} tables: {tables:?}", tables.len());
    assert_eq!(listed, tables);
    for table in &tables {
        assert!(
            site.out().join(format!("data/{table}.csv")).is_file(),
            "{table}.csv"
        );
    }
}

#[test]
fn publishes_sitemap_robots_and_a_feed_per_language() {
    let site = Site::default_site();
    site.build(&[]);
    let sitemap = site.read("out/sitemap.xml");
    let project = "<url><loc>https://ess-tta.example.ma/fr/projets/tta-2023-001/</loc>";
    let entry = sitemap
        .lines()
        .find(|l| l.starts_with(project))
        .unwrap_or_else(|| panic!("no sitemap entry for the project"));
    for alternate in [
        r#"hreflang="fr" href="https://ess-tta.example.ma/fr/projets/tta-2023-001/""#,
        r#"hreflang="ar" href="https://ess-tta.example.ma/ar/mashari/tta-2023-001/""#,
        r#"hreflang="x-default""#,
    ] {
        assert!(entry.contains(alternate), "no {alternate} in {entry}");
    }
    let urls = sitemap.matches("<url>").count();
    assert_eq!(sitemap.matches(r#"hreflang="x-default""#).count(), urls);

    let robots = site.read("out/robots.txt");
    assert!(
        robots.contains("Sitemap: https://ess-tta.example.ma/sitemap.xml"),
        "{robots}"
    );

    for (lang, feed) in [
        ("fr", "out/fr/actualites/atom.xml"),
        ("ar", "out/ar/akhbar/atom.xml"),
    ] {
        let xml = site.read(feed);
        assert!(xml.contains(&format!(r#"xml:lang="{lang}""#)), "{feed}");
        let articles = fs::read_dir(site.path("content/news"))
            .expect("news")
            .filter(|e| {
                let name = e.as_ref().expect("entry").file_name();
                name.to_string_lossy().ends_with(&format!(".{lang}.md"))
            })
            .count();
        assert!(articles > 2, "only {articles} {lang} articles");
        assert_eq!(xml.matches("<entry>").count(), articles, "{feed}");
    }
}

#[test]
fn a_project_page_shows_each_declared_ratio_computed_from_its_row() {
    let site = Site::default_site();
    site.build(&[]);
    let page = site.page("/fr/projets/tta-2023-014/");
    let values = attrs(&page, "meter#disbursement-TTA-2023-014", "value");
    assert_eq!(values.len(), 1, "one meter for the one declared ratio");
    // disbursed_mad / committed_mad of the row, read from the CSV.
    let csv = site.read("data/projects.csv");
    let header: Vec<&str> = csv.lines().next().expect("header").split(',').collect();
    let row = csv
        .lines()
        .find(|l| l.starts_with("TTA-2023-014,"))
        .expect("the row");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(row.as_bytes());
    let cells = reader.records().next().expect("a record").expect("cells");
    let cell = |name: &str| -> f64 {
        let at = header.iter().position(|h| *h == name).expect("column");
        cells[at].parse().expect("a number")
    };
    let expected = cell("disbursed_mad") / cell("committed_mad");
    let shown: f64 = values[0].parse().expect("a number");
    assert!(
        (shown - expected).abs() < 0.0001,
        "{shown} against {expected}"
    );
}
