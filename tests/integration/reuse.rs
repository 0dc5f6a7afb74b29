//! Downloads people can reuse: the records of each facet value, each
//! record, the table for people (labels, an Excel workbook), read back as
//! a reuser would and compared with the pages.

use std::io::Read;

use calamine::{Data, Reader, Xlsx};

use crate::default_site::{Projects, figure, figure_label, moroccan_money, numbers};
use crate::support::{Site, attrs, pages, parse};

/// The output file a download link points to (links are root-relative).
fn linked_file(site: &Site, href: &str) -> std::path::PathBuf {
    site.out().join(href.trim_start_matches('/'))
}

#[test]
fn each_facet_value_download_holds_the_pages_count_and_totals_to_the_centime() {
    let site = Site::default_site();
    site.build(&[]);
    let facet_pages: Vec<_> = pages(&site.out())
        .into_iter()
        .filter(|(url, _)| url.starts_with("/fr/projets/") && !url.contains("/page/"))
        .map(|(url, path)| (url, parse(&path)))
        .filter(|(_, page)| !attrs(page, "p.downloads a[download]", "href").is_empty())
        .collect();
    assert!(
        facet_pages.len() > 10,
        "only {} facet pages",
        facet_pages.len()
    );
    let (count_label, committed_label) = (
        figure_label(&site, "projects", "fr"),
        figure_label(&site, "committed", "fr"),
    );
    for (url, page) in &facet_pages {
        let links = attrs(page, "p.downloads a[download]", "href");
        let csv = links.iter().find(|l| l.ends_with(".csv")).expect("a CSV");
        let rows = Projects::read(&linked_file(&site, csv));
        let count = figure(page, &count_label);
        assert_eq!(numbers(&count), [rows.rows.len().to_string()], "{url}");
        let total = moroccan_money(rows.sum(rows.rows.iter(), "committed_mad"));
        let shown = figure(page, &committed_label);
        assert_eq!(numbers(&shown), [total.as_str()], "{url}: {csv}");
        let json = links.iter().find(|l| l.ends_with(".json")).expect("a JSON");
        let text = std::fs::read_to_string(linked_file(&site, json)).expect("JSON file");
        let parsed: Vec<serde_json::Value> = serde_json::from_str(&text).expect("JSON rows");
        assert_eq!(parsed.len(), rows.rows.len(), "{json}");
    }
}

#[test]
fn a_project_pages_download_link_gives_that_project_alone() {
    let site = Site::default_site();
    site.build(&[]);
    let source = Projects::read(&site.path("data/projects.csv"));
    assert!(!source.rows.is_empty());
    for (lang, section) in [("fr", "projets"), ("ar", "mashari")] {
        for row in &source.rows {
            let id = source.cell(row, "id");
            let page = site.page(&format!("/{lang}/{section}/{}/", id.to_lowercase()));
            let links = attrs(&page, ".record-source a[download]", "href");
            assert_eq!(links.len(), 1, "{lang} {id}: {links:?}");
            let one = Projects::read(&linked_file(&site, &links[0]));
            assert_eq!(one.rows.len(), 1, "{}", links[0]);
            assert_eq!(one.rows[0], *row, "{}", links[0]);
        }
    }
}

#[test]
fn the_readable_csv_names_columns_and_codes_in_the_readers_language() {
    let site = Site::default_site();
    site.build(&[]);
    for (lang, code_title, label_title, label) in [
        (
            "fr",
            "Préfecture ou province (code)",
            "Préfecture ou province",
            "Province de Tétouan",
        ),
        (
            "ar",
            "العمالة أو الإقليم (الرمز)",
            "العمالة أو الإقليم",
            "إقليم تطوان",
        ),
    ] {
        let bytes =
            std::fs::read(site.out().join(format!("data/projects.{lang}.csv"))).expect("csv");
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        let text = text
            .strip_prefix('\u{feff}')
            .expect("a byte-order mark for spreadsheets");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(String::from)
            .collect();
        let code = header
            .iter()
            .position(|h| h == code_title)
            .expect(code_title);
        assert_eq!(header[code + 1], label_title, "{lang}: {header:?}");
        let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
        let tetouan: Vec<_> = rows.iter().filter(|r| &r[code] == "tetouan").collect();
        assert!(!tetouan.is_empty());
        assert!(tetouan.iter().all(|r| &r[code + 1] == label), "{lang}");
        let (french, arabic) = (
            "Cuisine solidaire pour la restauration collective",
            "مطبخ تضامني للإطعام الجماعي",
        );
        let (own, other) = if lang == "fr" {
            (french, arabic)
        } else {
            (arabic, french)
        };
        assert!(
            text.contains(own),
            "{lang}: the project's name in its language"
        );
        assert!(
            !text.contains(other),
            "{lang}: the other language's column is left out"
        );
    }
}

/// The default site with a summary that a spreadsheet would run.
fn site_with_a_formula() -> Site {
    let site = Site::default_site();
    let csv = site.read("data/projects.csv");
    let (header, rest) = csv.split_once('\n').expect("header");
    let first = rest.lines().next().expect("first row");
    let changed = first.replacen(",Aménagement", ",=1+1 Aménagement", 1);
    site.write(
        "data/projects.csv",
        format!("{header}\n{}", rest.replacen(first, &changed, 1)),
    );
    site
}

#[test]
fn the_workbook_types_its_cells_freezes_its_header_and_runs_no_formula() {
    let site = site_with_a_formula();
    site.build(&[]);
    let path = site.out().join("data/projects.fr.xlsx");
    let mut book: Xlsx<_> = calamine::open_workbook(&path).expect("a workbook");
    let sheet = book
        .worksheet_range("projects")
        .expect("the projects sheet");
    let header: Vec<String> = sheet
        .rows()
        .next()
        .expect("header")
        .iter()
        .map(|c| c.to_string())
        .collect();
    let column = |title: &str| {
        header
            .iter()
            .position(|h| h == title)
            .unwrap_or_else(|| panic!("{title} in {header:?}"))
    };
    let (committed, start, summary) = (
        column("Montant engagé"),
        column("Date de début"),
        column("Résumé"),
    );
    let first = sheet.rows().nth(1).expect("first row");
    assert_eq!(first[committed], Data::Float(199_500.0));
    let Data::DateTime(date) = &first[start] else {
        panic!("a date cell, not {:?}", first[start]);
    };
    assert!(date.is_datetime());
    // Excel counts days from 1899-12-30: 2024-01-02 is day 45293.
    assert_eq!(date.as_f64(), 45_293.0);
    let Data::String(text) = &first[summary] else {
        panic!("a text cell, not {:?}", first[summary]);
    };
    assert!(text.starts_with("=1+1 Aménagement"), "{text}");
    assert_eq!(sheet.rows().count(), 61);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).expect("open")).expect("zip");
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .expect("sheet")
        .read_to_string(&mut xml)
        .expect("xml");
    assert!(
        xml.contains(r#"ySplit="1""#) && xml.contains(r#"state="frozen""#),
        "{xml:.400}"
    );
    let readable = site.read("out/data/projects.fr.csv");
    assert!(
        readable.contains(",'=1+1 Aménagement"),
        "the CSV defuses it"
    );
}
