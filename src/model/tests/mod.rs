//! The site model, built from the default site's inputs.

use std::path::Path;

use rust_decimal::Decimal;

use super::*;
use crate::config;

fn inputs(config_text: Option<String>) -> (config::SiteConfig, Data, Content) {
    crate::testing::default_site_inputs(config_text)
}

/// Sums a column of the CSV independently of the loader, exactly.
fn csv_sum(column: &str) -> Decimal {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/projects.csv");
    let mut reader = csv::Reader::from_path(path).expect("readable CSV");
    let index = reader
        .headers()
        .expect("header")
        .iter()
        .position(|h| h == column)
        .expect("column exists");
    reader
        .records()
        .map(|r| {
            r.expect("record")[index]
                .parse::<Decimal>()
                .unwrap_or_default()
        })
        .sum()
}

#[test]
fn totals_equal_the_exact_sums_of_the_csv() {
    crate::testing::with_default_site(|site| {
        let committed = site
            .key_figures
            .iter()
            .position(|k| k.id == "committed")
            .expect("figure");
        let disbursed = site
            .key_figures
            .iter()
            .position(|k| k.id == "disbursed")
            .expect("figure");
        let count = site
            .key_figures
            .iter()
            .position(|k| k.id == "projects")
            .expect("figure");
        assert_eq!(site.total(committed), csv_sum("committed_mad"));
        assert_eq!(site.total(disbursed), csv_sum("disbursed_mad"));
        assert_eq!(site.total(count), Decimal::from(site.records.len()));
        assert_eq!(site.total(committed).scale(), 2, "centimes are kept");
    })
}

#[test]
fn facet_values_partition_the_records_and_their_totals() {
    crate::testing::with_default_site(|site| {
        let province = site
            .facets
            .iter()
            .find(|f| f.field == "province")
            .expect("facet");
        assert_eq!(province.values.len(), 8, "every province has projects");
        let counted: usize = province.values.iter().map(|v| v.records.len()).sum();
        assert_eq!(counted, site.records.len());
        for figure in 0..site.key_figures.len() {
            let sum: Decimal = province.values.iter().map(|v| v.figures.get(figure)).sum();
            assert_eq!(sum, site.total(figure));
        }
        let years: Vec<_> = site
            .facets
            .iter()
            .find(|f| f.field == "year")
            .expect("facet")
            .values
            .iter()
            .map(|v| v.key.as_str())
            .collect();
        assert_eq!(years, ["2023", "2024", "2025"]);
    })
}

#[test]
fn every_page_exists_in_every_language_with_its_own_url() {
    crate::testing::with_default_site(|site| {
        let record = site
            .path(&PageKey::Project(0), "ar")
            .expect("Arabic project page");
        assert_eq!(record, "/ar/mashari/tta-2023-001/");
        let facet = site.path(
            &PageKey::FacetValue {
                facet: 0,
                value: 2,
                page: 1,
            },
            "fr",
        );
        assert_eq!(facet, Some("/fr/projets/province/tetouan/"));
        assert_eq!(
            site.path(&PageKey::Page("programme".into()), "ar"),
            Some("/ar/barnamaj/")
        );
        let fr = site.pages.iter().filter(|p| p.lang == "fr").count();
        let ar = site.pages.iter().filter(|p| p.lang == "ar").count();
        assert_eq!(fr, ar);
    })
}

#[test]
fn rejects_two_pages_on_one_url() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
    let clashing = text.replace("news = { fr = \"actualites\"", "news = { fr = \"projets\"");
    let (config, data, content) = inputs(Some(clashing));
    let mut diagnostics = Diagnostics::new();
    assert!(
        build(
            &config,
            &data,
            &crate::testing::NO_MAPS,
            &content,
            None,
            &mut diagnostics
        )
        .is_none()
    );
    let clash = diagnostics
        .iter()
        .find(|d| d.message == "two pages have the address /fr/projets/");
    let clash = clash.unwrap_or_else(|| panic!("{:?}", diagnostics.iter().collect::<Vec<_>>()));
    assert_eq!(clash.notes, ["the other page: the projects list"]);
}

#[test]
fn page_keys_are_named_for_people() {
    crate::testing::with_default_site(|site| {
        let province = site.facets.iter().position(|f| f.field == "province");
        let province = province.expect("a province facet");
        let first = &site.facets[province].values[0].key;
        let name = |key: PageKey| key.named(&site.records, &site.facets).to_string();
        assert_eq!(name(PageKey::Projects { page: 1 }), "the projects list");
        assert_eq!(name(PageKey::News { page: 3 }), "the news list, page 3");
        let value = PageKey::FacetValue {
            facet: province,
            value: 0,
            page: 2,
        };
        assert_eq!(name(value), format!("the page of province {first}, page 2"));
        assert_eq!(
            name(PageKey::Project(0)),
            format!("the page of project {}", site.records[0].id)
        );
    })
}

#[test]
fn rejects_a_facet_on_a_field_that_does_not_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
    let (config, data, content) = inputs(Some(
        text.replace("field = \"province\"", "field = \"provnce\""),
    ));
    let mut diagnostics = Diagnostics::new();
    assert!(
        build(
            &config,
            &data,
            &crate::testing::NO_MAPS,
            &content,
            None,
            &mut diagnostics
        )
        .is_none()
    );
    let d = diagnostics.iter().next().expect("a diagnostic");
    assert_eq!(d.message, "the table `projects` has no field `provnce`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `province`?"));
    assert!(d.position().starts_with("site.toml:"), "{}", d.position());
}

#[test]
fn an_overflowing_sum_is_an_error_at_its_row_not_a_panic() {
    let (config, mut data, content) = inputs(None);
    let table = data.tables.get_mut("projects").expect("projects");
    let column = table.column("committed_mad").expect("column");
    let huge = crate::data::Value::Number(Decimal::MAX);
    for row in table.rows.iter_mut().take(2) {
        row.values[column] = huge.clone();
    }
    let second_line = table.rows[1].line;
    let mut diagnostics = Diagnostics::new();
    assert!(
        build(
            &config,
            &data,
            &crate::testing::NO_MAPS,
            &content,
            None,
            &mut diagnostics
        )
        .is_none()
    );
    let errors: Vec<_> = diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(
        errors[0].message,
        "the sum of `committed_mad` is too large to compute exactly at this row"
    );
    assert_eq!(
        errors[0].location.as_ref().map(|l| l.line),
        Some(second_line)
    );
}

#[test]
fn rejects_a_record_fact_that_is_not_a_field() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap_or_default();
    let (config, data, content) = inputs(Some(text.replace("\"commune\", ", "\"comune\", ")));
    let mut diagnostics = Diagnostics::new();
    let site = build(
        &config,
        &data,
        &crate::testing::NO_MAPS,
        &content,
        None,
        &mut diagnostics,
    );
    assert!(site.is_none());
    let d = diagnostics.iter().next().expect("a diagnostic");
    assert_eq!(d.message, "the table `projects` has no field `comune`");
    assert_eq!(d.hint.as_deref(), Some("did you mean `commune`?"));
    assert!(d.position().starts_with("site.toml:"), "{}", d.position());
}
