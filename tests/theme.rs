//! The default theme's behaviour on the built default site, without a
//! browser: every page declares its language and direction, every page is
//! reachable from its language's home page, the language switcher always
//! lands on a page that exists, plural forms follow CLDR in both languages,
//! and the French grouping style follows the configured locale.
//!
//! The default site is copied and built once for the whole binary, under
//! Cargo's temporary folder for tests.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use bayan::diagnostics::Diagnostics;
use bayan::locale::{Locales, Strings, register_template_helpers};

#[allow(dead_code, unused_imports)]
#[path = "common/mod.rs"]
mod support;

use support::{Site, pages, parse, repo, selector};

/// Copies the default site into `name` under Cargo's test folder, lets
/// `edit` change its `site.toml`, builds it, and returns the output folder.
fn build_copy(name: &str, edit: impl Fn(String) -> String) -> PathBuf {
    build_copy_with(name, edit, &[])
}

/// Like [`build_copy`], with extra files (relative path, text) added first.
fn build_copy_with(name: &str, edit: impl Fn(String) -> String, files: &[(&str, &str)]) -> PathBuf {
    let site = Site::kept(name);
    for (relative, text) in files {
        site.write(relative, text);
    }
    site.write("site.toml", edit(site.read("site.toml")));
    site.build(&[]);
    site.out()
}

/// The default site, built once.
fn default_site() -> &'static Path {
    static OUT: OnceLock<PathBuf> = OnceLock::new();
    OUT.get_or_init(|| build_copy("theme-default-site", |text| text))
}

/// The site's languages and their directions, from `site.toml`, the
/// default language first.
fn languages() -> Vec<(String, String)> {
    let text = std::fs::read_to_string(repo().join("site.toml")).expect("site.toml");
    let config: toml::Value = toml::from_str(&text).expect("valid site.toml");
    let default = config["default_language"]
        .as_str()
        .expect("default_language");
    let list = config["languages"].as_array().expect("languages");
    let mut languages: Vec<(String, String)> = list
        .iter()
        .map(|l| {
            let code = l["code"].as_str().expect("code").to_string();
            (code, l["direction"].as_str().unwrap_or("ltr").to_string())
        })
        .collect();
    languages.sort_by_key(|(code, _)| code != default);
    languages
}

/// The language a page is in: its tree's, or the default language's for
/// the pages outside the trees (the landing page, 404).
fn language_of(url: &str) -> String {
    let first = url
        .trim_start_matches('/')
        .split('/')
        .next()
        .unwrap_or_default();
    let languages = languages();
    languages
        .iter()
        .find(|(code, _)| code == first && url.len() > first.len() + 1)
        .unwrap_or(&languages[0])
        .0
        .clone()
}

/// The links of a page's language switcher: (hreflang, href, exact), exact
/// when the page exists in that language (no fallback note).
fn switcher(file: &Path) -> Vec<(String, String, bool)> {
    let fallback = selector("small");
    parse(file)
        .select(&selector("nav.language a[hreflang]"))
        .map(|a| {
            let attr = |name| a.value().attr(name).unwrap_or_default().to_string();
            let exact = a.select(&fallback).next().is_none();
            (attr("hreflang"), attr("href"), exact)
        })
        .collect()
}

/// The internal page a link leads to, as a URL path without query or
/// fragment; `None` for other sites, files that are not pages, and
/// fragments of the same page.
fn target(from: &str, href: &str) -> Option<String> {
    if href.starts_with('#') || href.contains("://") || href.starts_with("mailto:") {
        return None;
    }
    let href = href.split(['#', '?']).next().unwrap_or_default();
    let path = if href.starts_with('/') {
        href.to_string()
    } else {
        format!("{}{href}", &from[..=from.rfind('/').unwrap_or(0)])
    };
    (path.ends_with('/') || path.ends_with(".html")).then_some(path)
}

#[test]
fn every_page_declares_the_language_and_direction_of_its_tree() {
    let languages = languages();
    let directions: BTreeSet<&str> = languages.iter().map(|(_, d)| d.as_str()).collect();
    assert_eq!(
        directions,
        BTreeSet::from(["ltr", "rtl"]),
        "both directions"
    );
    let direction: BTreeMap<&str, &str> = languages
        .iter()
        .map(|(l, d)| (l.as_str(), d.as_str()))
        .collect();
    let html = selector("html");
    let mut per_language = BTreeMap::<String, usize>::new();
    for (url, file) in pages(default_site()) {
        let lang = language_of(&url);
        let page = parse(&file);
        let root = page.select(&html).next().expect("an <html> element");
        assert_eq!(root.value().attr("lang"), Some(lang.as_str()), "{url}");
        assert_eq!(
            root.value().attr("dir"),
            Some(direction[lang.as_str()]),
            "{url}"
        );
        *per_language.entry(lang).or_default() += 1;
    }
    for (lang, _) in &languages {
        let count = per_language.get(lang).copied().unwrap_or_default();
        assert!(count > 50, "{lang}: only {count} pages");
    }
}

#[test]
fn every_page_is_reachable_from_its_home_page_by_links() {
    let out = default_site();
    let all = pages(out);
    let links = selector("a[href]");
    for (lang, _) in languages() {
        let home = format!("/{lang}/");
        let mut seen = BTreeSet::from([home.clone()]);
        let mut queue = VecDeque::from([home.clone()]);
        while let Some(url) = queue.pop_front() {
            let Some(file) = all.get(&url) else { continue };
            for a in parse(file).select(&links) {
                let Some(next) = target(&url, a.value().attr("href").unwrap_or_default()) else {
                    continue;
                };
                if next.starts_with(&home) && seen.insert(next.clone()) {
                    queue.push_back(next);
                }
            }
        }
        assert!(all.contains_key(&home), "no home page {home}");
        assert!(
            seen.len() > 50,
            "only {} pages reached from {home}",
            seen.len()
        );
        let unreachable: Vec<_> = all
            .keys()
            .filter(|u| u.starts_with(&home) && !seen.contains(*u))
            .collect();
        assert!(
            unreachable.is_empty(),
            "not linked from {home}: {unreachable:?}"
        );
    }
}

#[test]
fn every_language_switcher_lands_on_a_page_that_exists_and_links_back() {
    let all = pages(default_site());
    let languages = languages();
    let mut linked_back = 0;
    // Every page but the landing page, which is a choice of language itself.
    for (url, file) in all.iter().filter(|(url, _)| *url != "/") {
        let own = language_of(url);
        let links = switcher(file);
        let offered: Vec<&str> = links.iter().map(|(lang, ..)| lang.as_str()).collect();
        let others: Vec<&str> = languages
            .iter()
            .map(|(code, _)| code.as_str())
            .filter(|code| *code != own)
            .collect();
        assert_eq!(offered, others, "{url}: the switcher offers {links:?}");
        for (lang, href, exact) in links {
            assert!(
                href.starts_with(&format!("/{lang}/")),
                "{url} → {href}: not in /{lang}/"
            );
            let Some(twin) = all.get(&href) else {
                panic!("{url}: the switcher goes to {href}, which does not exist");
            };
            if !exact || url.ends_with(".html") {
                continue;
            }
            let back: Vec<String> = switcher(twin).into_iter().map(|(_, h, _)| h).collect();
            assert!(
                back.contains(url),
                "{url} → {href}, whose switcher offers {back:?}"
            );
            linked_back += 1;
        }
    }
    assert!(linked_back > 100, "only {linked_back} pages link back");
}

/// `t(key, count=n)` through the real theme strings, in `lang`.
fn counted(locales: &Arc<Locales>, lang: &str, key: &str, n: i64) -> String {
    render(locales, lang, "{{ t(key=key, count=n) }}", key, n)
}

/// `template` rendered in `lang` with `key` and `n` in its context.
fn render(locales: &Arc<Locales>, lang: &str, template: &str, key: &str, n: i64) -> String {
    let mut tera = tera::Tera::new();
    register_template_helpers(&mut tera, Arc::clone(locales));
    tera.add_raw_template("t.html", template).expect("template");
    let mut context = tera::Context::new();
    context.insert("lang", lang);
    context.insert("key", key);
    context.insert("n", &n);
    tera.render("t.html", &context).expect("render")
}

/// The plural forms the theme's `LANG.toml` writes for `key` (`a.b`).
fn written_forms(lang: &str, key: &str) -> BTreeSet<String> {
    let path = repo().join(format!("themes/default/i18n/{lang}.toml"));
    let text = std::fs::read_to_string(path).expect("theme strings");
    let strings: toml::Table = toml::from_str(&text).expect("valid TOML");
    let strings = toml::Value::Table(strings);
    let value = key
        .split('.')
        .try_fold(&strings, |v, part| v.get(part))
        .unwrap_or_else(|| panic!("{lang}: no {key}"));
    let forms = value
        .as_table()
        .unwrap_or_else(|| panic!("{lang} {key}: no plural forms"));
    forms.keys().cloned().collect()
}

fn theme_locales(french: &str) -> Arc<Locales> {
    let i18n = repo().join("themes/default/i18n");
    let files = [("fr", "fr.toml"), ("ar", "ar.toml")].map(|(l, f)| (l.to_string(), i18n.join(f)));
    let mut diagnostics = Diagnostics::new();
    let strings = Strings::load(&files, "fr", &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let tags = [("fr", french), ("ar", "ar-MA")].map(|(c, t)| (c.to_string(), t.to_string()));
    Arc::new(Locales::new(&tags, strings).expect("locales"))
}

#[test]
fn counts_take_the_cldr_plural_form_in_french_and_arabic() {
    let locales = theme_locales("fr-MA");
    let expected = [
        (
            "fr",
            [
                (0, "0 projet"),
                (1, "1 projet"),
                (2, "2 projets"),
                (3, "3 projets"),
                (11, "11 projets"),
                (100, "100 projets"),
            ],
        ),
        (
            "ar",
            [
                (0, "لا مشاريع"),
                (1, "مشروع واحد"),
                (2, "مشروعان"),
                (3, "3 مشاريع"),
                (11, "11 مشروعًا"),
                (100, "100 مشروع"),
            ],
        ),
    ];
    for (lang, cases) in expected {
        for (n, text) in cases {
            assert_eq!(
                counted(&locales, lang, "projects.count", n),
                text,
                "{lang} {n}"
            );
        }
    }
    assert_eq!(
        counted(&locales, "fr", "projects.count", 1_000_000),
        "1.000.000 de projets"
    );
}

#[test]
fn every_counted_string_has_a_translated_form_for_every_count() {
    let locales = theme_locales("fr-MA");
    let keys = [
        "projects.count",
        "articles.count",
        "beneficiaries.count",
        "open_data.rows",
        "search.results",
    ];
    for lang in ["fr", "ar"] {
        for key in keys {
            for n in [0, 1, 2, 3, 11, 100, 1_000_000] {
                let text = counted(&locales, lang, key, n);
                assert!(
                    !text.is_empty() && !text.contains("untranslated"),
                    "{lang} {key} {n}: {text}"
                );
                assert!(!text.contains('{'), "{lang} {key} {n}: {text}");
                let category = render(&locales, lang, "{{ n | plural_category }}", key, n);
                let forms = written_forms(lang, key);
                assert!(
                    forms.contains(&category),
                    "{lang} {key}: no `{category}` form (for {n}), only {forms:?}"
                );
            }
        }
    }
}

/// The text of the first `dl.figures dd` of a page.
fn first_figure(out: &Path, url: &str) -> String {
    let file = out.join(url.trim_start_matches('/')).join("index.html");
    let page = parse(&file);
    let dd = page
        .select(&selector("dl.figures dd"))
        .next()
        .expect("a key figure");
    dd.text().collect::<String>().trim().to_string()
}

/// The separator between the first two digit groups of a formatted number.
fn grouping(figure: &str) -> char {
    let mut chars = figure.chars().skip_while(char::is_ascii_digit);
    chars.next().expect("a grouped number")
}

#[test]
fn french_grouping_follows_the_configured_locale() {
    let moroccan = first_figure(default_site(), "/fr/");
    assert_eq!(grouping(&moroccan), '.', "fr-MA: {moroccan}");
    let out = build_copy("theme-fr-fr", |text| {
        text.replace("locale = \"fr-MA\"", "locale = \"fr-FR\"")
    });
    let french = first_figure(&out, "/fr/");
    assert_eq!(grouping(&french), '\u{202f}', "fr-FR: {french:?}");
    assert_eq!(
        first_figure(&out, "/fr/").replace('\u{202f}', "."),
        moroccan
    );
    let arabic = first_figure(&out, "/ar/");
    assert_eq!(grouping(&arabic), '.', "ar-MA unchanged: {arabic}");
}

#[test]
fn a_site_overrides_one_template_by_extending_the_theme_copy() {
    let override_page = r#"{% extends "theme/project.html" %}{% block notice %}<p class="site-own-notice">Chiffres provisoires.</p>{% endblock notice %}"#;
    let override_partial = r#"<nav class="main-nav" aria-label="nav"><ul><li><a href="{{ site.links.home }}">Site nav</a></li></ul></nav>"#;
    let out = build_copy_with(
        "theme-override",
        |text| text,
        &[
            ("templates/project.html", override_page),
            ("templates/partials/nav.html", override_partial),
        ],
    );
    let project = parse(&out.join("fr/projets/tta-2023-001/index.html"));
    let own = selector("p.site-own-notice");
    assert_eq!(project.select(&own).count(), 1, "the site's block");
    assert_eq!(
        project.select(&selector("dl.fields")).count(),
        1,
        "the theme's content"
    );
    let home = parse(&out.join("fr/index.html"));
    let nav: Vec<String> = home
        .select(&selector("nav.main-nav a"))
        .map(|a| a.text().collect())
        .collect();
    assert_eq!(nav, ["Site nav"], "the site's partial replaces the theme's");
}

/// The theme's strings files for `languages`, French first, loaded as the
/// build loads them.
fn theme_strings(languages: &[&str]) -> Strings {
    let i18n = repo().join("themes/default/i18n");
    let files: Vec<(String, PathBuf)> = languages
        .iter()
        .map(|l| (l.to_string(), i18n.join(format!("{l}.toml"))))
        .collect();
    let mut diagnostics = Diagnostics::new();
    let strings = Strings::load(&files, "fr", &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    strings
}

#[test]
fn every_theme_language_has_every_key_of_the_french_strings() {
    let strings = theme_strings(&["fr", "en", "es", "zgh", "ar"]);
    assert!(
        strings.key_count() > 100,
        "the French file has its keys: {}",
        strings.key_count()
    );
    assert_eq!(strings.missing(), Vec::<(String, String)>::new());
}
