use super::*;

pub(super) const MINIMAL: &str = r#"
base_url = "https://example.org"
[[languages]]
code = "fr"
name = "Français"
locale = "fr-MA"
title = "Site"
[[languages]]
code = "ar"
name = "العربية"
locale = "ar-MA"
title = "موقع"
[records]
table = "projects"
title = "name"
"#;

pub(super) fn parse_text(text: &str) -> (Option<SiteConfig>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let config = parse(Path::new("/site"), text, &mut diagnostics);
    (config, diagnostics)
}

fn only_error(text: &str) -> Diagnostic {
    let (config, diagnostics) = parse_text(text);
    assert!(config.is_none(), "expected a failure");
    let errors: Vec<_> = diagnostics.into_iter().collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    errors.into_iter().next().expect("one error")
}

#[test]
fn reads_the_default_site_configuration() {
    let text = std::fs::read_to_string("site.toml").expect("the default site.toml");
    let (config, diagnostics) = parse_text(&text);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let config = config.expect("valid");
    assert_eq!(config.default_language, "fr");
    assert_eq!(config.language_codes(), ["fr", "ar"]);
    assert_eq!(
        config.language("ar").map(|l| l.direction),
        Some(Direction::Rtl)
    );
    assert_eq!(config.sections.projects["ar"], "mashari");
    assert_eq!(config.facets.len(), 6);
    assert_eq!(config.point_maps[0].backdrop.name, "provinces");
}

#[test]
fn derives_direction_default_language_and_slugs() {
    let (config, diagnostics) = parse_text(MINIMAL);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let config = config.expect("valid");
    assert_eq!(config.base_url, "https://example.org/");
    assert_eq!(config.default_language, "fr");
    assert_eq!(
        config.language("fr").map(|l| l.direction),
        Some(Direction::Ltr)
    );
    assert_eq!(
        config.language("ar").map(|l| l.direction),
        Some(Direction::Rtl)
    );
    assert_eq!(config.sections.open_data["ar"], "open-data");
    assert_eq!(config.records.per_page, 20);
}

#[test]
fn rejects_unknown_key_with_suggestion() {
    let d = only_error(&MINIMAL.replace("base_url", "base_ulr"));
    assert_eq!(d.message, "unknown key `base_ulr`");
    assert_eq!(d.position(), "site.toml:2:1");
    assert_eq!(d.hint.as_deref(), Some("did you mean `base_url`?"));
}

#[test]
fn rejects_relative_base_url() {
    let d = only_error(&MINIMAL.replace("https://example.org", "example.org"));
    assert_eq!(
        d.message,
        "the base URL `example.org` is not an absolute address"
    );
    assert_eq!(d.position(), "site.toml:2:13");
}

#[test]
fn validates_a_command_line_base_url_like_the_one_in_site_toml() {
    let parse_over = |url: &str| {
        let mut diagnostics = Diagnostics::new();
        let overrides = Overrides {
            base_url: Some(url.to_string()),
        };
        let config = parse_with(Path::new("/site"), MINIMAL, &overrides, &mut diagnostics);
        (config, diagnostics)
    };
    for (url, problem) in [
        ("not a url", "is not an absolute address"),
        (
            "ftp://example.org/",
            "does not start with https:// or http://",
        ),
        ("https://example.org/x?y=1", "has a query"),
        ("https://example.org/a b/", "holds a space"),
    ] {
        let (config, diagnostics) = parse_over(url);
        assert!(config.is_none(), "{url} accepted");
        let errors: Vec<_> = diagnostics.into_iter().collect();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let message = &errors[0].message;
        assert!(
            message.starts_with(&format!("the base URL `{url}` {problem}")),
            "{message}"
        );
        assert!(message.ends_with("(given with --base-url)"), "{message}");
        assert_eq!(
            errors[0].file, None,
            "a command-line value is not in site.toml"
        );
    }
    let (config, _) = parse_over("https://x.ma/transparence");
    let config = config.expect("a sub-path is a valid base URL");
    assert_eq!(config.base_url, "https://x.ma/transparence/");
}

#[test]
fn rejects_duplicate_language() {
    let d = only_error(&MINIMAL.replace("code = \"ar\"", "code = \"fr\""));
    assert_eq!(d.message, "the language `fr` is configured twice");
    assert_eq!(d.position(), "site.toml:9:8");
}

#[test]
fn rejects_unconfigured_default_language() {
    let text = MINIMAL.replace("base_url", "default_language = \"es\"\nbase_url");
    let d = only_error(&text);
    assert_eq!(d.message, "the default language `es` is not configured");
    assert_eq!(d.position(), "site.toml:2:20");
}

#[test]
fn rejects_unsafe_section_slug() {
    let text = format!("{MINIMAL}[sections]\nprojects = {{ fr = \"../x\", ar = \"mashari\" }}\n");
    let d = only_error(&text);
    assert_eq!(
        d.message,
        "`../x` cannot be used in a URL (sections.projects)"
    );
}

#[test]
fn rejects_label_in_unconfigured_language() {
    let text = format!(
        "{MINIMAL}[[key_figures]]\nid = \"n\"\naggregate = \"count\"\nlabel = {{ es = \"Proyectos\" }}\n"
    );
    let d = only_error(&text);
    assert_eq!(d.message, "`es` in label is not a configured language");
}

#[test]
fn keeps_positions_of_data_references() {
    let (config, _) = parse_text(MINIMAL);
    let config = config.expect("valid");
    assert_eq!(config.records.table.name, "projects");
    assert_eq!(
        (
            config.records.table.location.line,
            config.records.table.location.column
        ),
        (14, 9)
    );
}

#[test]
fn accepts_slugs_and_language_codes() {
    assert!(is_slug("donnees-ouvertes"));
    assert!(!is_slug("Données"));
    assert!(!is_slug("a/b"));
    assert!(!is_slug(""));
    assert!(validate::is_language_code("zgh"));
    assert!(!validate::is_language_code("FR"));
}

#[test]
fn reads_the_raw_html_policy_and_rejects_an_unknown_one() {
    let (config, _) = parse_text(MINIMAL);
    let config = config.expect("the minimal config is valid");
    assert_eq!(config.raw_html, RawHtml::Sanitize);
    let (config, _) = parse_text(&format!("{MINIMAL}[content]\nraw_html = \"trust\"\n"));
    let config = config.expect("trust is a policy");
    assert_eq!(config.raw_html, RawHtml::Trust);
    let d = only_error(&format!("{MINIMAL}[content]\nraw_html = \"allow\"\n"));
    assert!(
        d.message.contains("unknown variant `allow`"),
        "{}",
        d.message
    );
    assert_eq!(d.position(), "site.toml:17:12");
}

#[test]
fn rejects_a_list_page_of_zero_records() {
    let d = only_error(&MINIMAL.replace("title = \"name\"", "title = \"name\"\nper_page = 0"));
    assert_eq!(
        d.message,
        "`per_page` is 0: a list page must show at least one record"
    );
    assert_eq!(d.position(), "site.toml:16:1");
}

#[test]
fn a_record_figure_names_summed_key_figures() {
    let text = format!(
        "{MINIMAL}[[key_figures]]\nid = \"committed\"\naggregate = \"sum\"\nfield = \"committed_mad\"\nlabel = {{ fr = \"Engagé\" }}\n\n[[record_figures]]\nid = \"share\"\nnumerator = \"disbursed\"\ndenominator = \"comitted\"\nlabel = {{ fr = \"Part\" }}\n"
    );
    let (config, diagnostics) = parse_text(&text);
    assert!(config.is_none());
    let found = messages_and_hints(&diagnostics);
    assert_eq!(
        found,
        [
            (
                "`disbursed` is not a summed key figure".to_string(),
                Some(
                    "use the id of a [[key_figures]] with aggregate = \"sum\": committed"
                        .to_string()
                )
            ),
            (
                "`comitted` is not a summed key figure or a declared figure".to_string(),
                Some("did you mean `committed`?".to_string())
            ),
        ]
    );
}

#[test]
fn reads_the_publisher_datasets_and_accessibility_of_the_default_site() {
    let text = std::fs::read_to_string("site.toml").expect("the default site.toml");
    let config = parse_text(&text).0.expect("valid");
    let publisher = config.publisher.expect("a publisher");
    assert!(publisher.name["fr"].contains("exemple"));
    assert_eq!(publisher.email.as_deref(), Some("corrections@example.ma"));
    assert_eq!(publisher.response_days, Some(20));
    let licence = config.datasets.licence.as_ref().expect("a licence");
    assert_eq!(licence.id, "CC-BY-4.0");
    assert_eq!(
        config.datasets.as_of.map(|d| d.to_string()).as_deref(),
        Some("2025-06-30")
    );
    assert_eq!(
        config.datasets.latest().map(|r| r.version.as_str()),
        Some("2025.2")
    );
    assert_eq!(
        config.corrections.map(|c| c.name).as_deref(),
        Some("corrections")
    );
    assert_eq!(
        config.accessibility.map(|a| a.standard).as_deref(),
        Some("WCAG 2.2 AA")
    );
}

#[test]
fn a_headline_names_a_key_figure_and_a_glossary_term() {
    let figure = "[[key_figures]]\nid = \"projects\"\naggregate = \"count\"\nlabel = { fr = \"Projets\" }\n\n";
    let glossary = "[[glossary]]\nid = \"funded\"\nterm = { fr = \"Financé\" }\ndefinition = { fr = \"Signé.\" }\n\n";
    let ok = format!(
        "{MINIMAL}{figure}{glossary}[[record_figures]]\nid = \"n\"\nnumerator = \"projects\"\nheadline = true\nterm = \"funded\"\nlabel = {{ fr = \"projets\" }}\n"
    );
    let (config, diagnostics) = parse_text(&ok);
    assert_eq!(diagnostics.iter().count(), 0);
    let config = config.expect("a configuration");
    assert_eq!(config.record_figures[0].term.as_deref(), Some("funded"));
    assert_eq!(config.glossary[0].definition["fr"], "Signé.");

    let bad = ok
        .replace("term = \"funded\"", "term = \"fundd\"")
        .replace("headline = true\n", "");
    let (config, diagnostics) = parse_text(&bad);
    assert!(config.is_none());
    let found = messages_and_hints(&diagnostics);
    assert_eq!(
        found,
        [
            (
                "`n` has no denominator and is not a headline".to_string(),
                Some("add denominator = \"…\" for a share, or headline = true to show the figure rounded on the home page".to_string())
            ),
            (
                "`fundd` is not a term of the glossary".to_string(),
                Some("did you mean `funded`?".to_string())
            ),
        ]
    );
}

#[test]
fn datasets_without_a_licence_is_an_error_at_the_table() {
    let text = format!("{MINIMAL}[datasets]\nas_of = 2025-06-30\n");
    let error = only_error(&text);
    assert_eq!(error.message, "[datasets] declares no licence");
    assert_eq!(error.location.map(|l| l.line), Some(16));
    assert!(error.hint.is_some_and(|h| h.contains("CC-BY-4.0")));
}

#[test]
fn a_malformed_as_of_is_an_error_at_its_value() {
    for (written, shown) in [
        ("\"30/06/2025\"", "30/06/2025"),
        ("\"2025-02-30\"", "2025-02-30"),
    ] {
        let text = format!(
            "{MINIMAL}[datasets]\nlicence = {{ id = \"CC-BY-4.0\", url = \"https://creativecommons.org/licenses/by/4.0/\" }}\nas_of = {written}\n"
        );
        let error = only_error(&text);
        assert_eq!(error.message, format!("`as_of` is `{shown}`, not a date"));
        let location = error.location.expect("placed");
        assert_eq!((location.line, location.column), (18, 9));
    }
}

#[test]
fn a_publisher_needs_a_name_and_a_way_to_be_reached() {
    let text = format!(
        "{MINIMAL}[publisher]\nname = {{ fr = \"Éditeur\" }}\nemail = \"not an address\"\n"
    );
    let error = only_error(&text);
    assert_eq!(error.message, "`not an address` is not an e-mail address");
    assert_eq!(error.location.map(|l| l.line), Some(18));
    let text = format!("{MINIMAL}[publisher]\nname = {{ fr = \"Éditeur\" }}\n");
    let error = only_error(&text);
    assert_eq!(error.message, "the publisher gives no way to be reached");
    assert_eq!(error.location.map(|l| l.line), Some(16));
}

#[test]
fn a_primary_colour_without_contrast_is_an_error_naming_the_ratios() {
    let d = only_error(&format!("{MINIMAL}[palette]\nprimary = \"#ffdd00\"\n"));
    assert_eq!(
        d.message,
        "the primary colour #ffdd00 has too little contrast: against the white page 1.35:1 (3:1 needed for borders and focus); white text on it 1.35:1, near-black text 12.30:1 (4.5:1 needed)"
    );
    assert!(d.position().starts_with("site.toml:"), "{}", d.position());
    let d = only_error(&format!("{MINIMAL}[palette]\nprimary = \"teal\"\n"));
    assert_eq!(d.message, "`teal` is not a colour");
}

/// Each diagnostic's message and hint, in order.
pub(super) fn messages_and_hints(diagnostics: &Diagnostics) -> Vec<(String, Option<String>)> {
    diagnostics
        .iter()
        .map(|d| (d.message.clone(), d.hint.clone()))
        .collect()
}
