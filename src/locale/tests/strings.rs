use std::path::{Path, PathBuf};

use super::{dec, locale, theme_files};
use crate::diagnostics::Diagnostics;
use crate::locale::{Lookup, Strings};

/// Writes each (lang, file name, text) into a temporary folder and loads them.
fn load(files: &[(&str, &str, &str)]) -> (Strings, Diagnostics, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let mut paths = Vec::new();
    for (lang, name, text) in files {
        let path = dir.path().join(name);
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
        paths.push((lang.to_string(), path));
    }
    let mut diagnostics = Diagnostics::new();
    let strings = Strings::load(&paths, "fr", &mut diagnostics);
    (strings, diagnostics, dir)
}

fn messages(diagnostics: &Diagnostics, dir: &Path) -> Vec<String> {
    let prefix = format!("{}/", dir.display());
    diagnostics
        .iter()
        .map(|d| d.to_string().replace(&prefix, ""))
        .collect()
}

fn found(text: &str, fallback: Option<&str>) -> Lookup {
    Lookup {
        text: text.to_string(),
        fallback_lang: fallback.map(str::to_string),
    }
}

#[test]
fn reads_nested_tables_as_dotted_keys() {
    let (strings, diagnostics, _dir) = load(&[(
        "fr",
        "fr.toml",
        "skip_link = \"Aller au contenu\"\n[nav]\nhome = \"Accueil\"\n[a.b]\nc = \"deep\"\n",
    )]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let fr = locale("fr-MA");
    assert_eq!(
        strings.get("fr", "nav.home", None, &fr),
        found("Accueil", None)
    );
    assert_eq!(strings.get("fr", "a.b.c", None, &fr), found("deep", None));
    assert_eq!(
        strings.get("fr", "skip_link", None, &fr),
        found("Aller au contenu", None)
    );
}

#[test]
fn later_files_override_earlier_ones() {
    let (strings, _, _dir) = load(&[
        ("fr", "theme.toml", "a = \"thème\"\nb = \"thème\"\n"),
        ("fr", "site.toml", "b = \"site\"\n"),
    ]);
    let fr = locale("fr");
    assert_eq!(strings.get("fr", "a", None, &fr).text, "thème");
    assert_eq!(strings.get("fr", "b", None, &fr).text, "site");
}

#[test]
fn falls_back_to_the_default_language_then_to_the_key() {
    let (strings, _, _dir) = load(&[
        (
            "fr",
            "fr.toml",
            "a = \"seulement en français\"\nb = \"B\"\n",
        ),
        ("ar", "ar.toml", "b = \"ب\"\n"),
    ]);
    let ar = locale("ar-MA");
    assert_eq!(strings.get("ar", "b", None, &ar), found("ب", None));
    assert_eq!(
        strings.get("ar", "a", None, &ar),
        found("seulement en français", Some("fr"))
    );
    assert_eq!(
        strings.get("ar", "nope", None, &ar),
        found("nope", Some(""))
    );
    assert_eq!(
        strings.get("fr", "nope", None, &ar),
        found("nope", Some(""))
    );
    assert_eq!(strings.get("es", "b", None, &ar), found("B", Some("fr")));
}

#[test]
fn lists_keys_missing_from_other_languages_sorted() {
    let (strings, _, _dir) = load(&[
        (
            "fr",
            "fr.toml",
            "z = \"Z\"\na = \"A\"\n[nav]\nhome = \"H\"\n",
        ),
        ("ar", "ar.toml", "a = \"ا\"\nextra = \"only here\"\n"),
        ("es", "es.toml", "z = \"Z\"\n"),
    ]);
    let missing = strings.missing();
    let expected = [
        ("ar", "nav.home"),
        ("ar", "z"),
        ("es", "a"),
        ("es", "nav.home"),
    ];
    let expected: Vec<_> = expected
        .iter()
        .map(|(l, k)| (l.to_string(), k.to_string()))
        .collect();
    assert_eq!(missing, expected);
}

#[test]
fn picks_the_plural_form_and_formats_the_count() {
    let (strings, diagnostics, _dir) = load(&[(
        "fr",
        "fr.toml",
        "n = { one = \"{count} projet\", other = \"{count} projets\" }\ns = \"{count} fois\"\n",
    )]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let fr = locale("fr");
    let text = |key, n| strings.get("fr", key, Some(dec(n)), &fr).text;
    assert_eq!(text("n", "1"), "1 projet");
    assert_eq!(text("n", "12345"), "12\u{202f}345 projets");
    assert_eq!(text("n", "1.00"), "1 projet");
    assert_eq!(text("s", "3"), "3 fois");
    assert_eq!(strings.get("fr", "n", None, &fr).text, "{count} projets");
}

#[test]
fn reports_syntax_errors_with_line_and_column() {
    let (_, diagnostics, dir) = load(&[("fr", "fr.toml", "a = \"ok\"\nb = \"unclosed\n")]);
    let messages = messages(&diagnostics, dir.path());
    assert!(diagnostics.has_errors());
    assert_eq!(
        messages,
        ["fr.toml:2:14: error: this is not valid TOML: invalid basic string, expected `\"`"]
    );
}

#[test]
fn reports_bad_plural_forms_and_values() {
    let source = "n = { one = \"x\", othr = \"y\" }\nm = { one = \"x\" }\nk = 3\n";
    let (strings, diagnostics, dir) = load(&[("fr", "fr.toml", source)]);
    let diagnostics = diagnostics.sorted();
    let messages = messages(&diagnostics, dir.path());
    assert_eq!(
        messages,
        [
            "fr.toml:1:5: error: the plural message `n` has no `other` form",
            "fr.toml:1:18: error: `othr` in the plural message `n` is not a plural form",
            "fr.toml:2:5: error: the plural message `m` has no `other` form",
            "fr.toml:3:5: error: `k` is an integer, not a text",
        ]
    );
    let hint = diagnostics.iter().nth(1).and_then(|d| d.hint.clone());
    assert_eq!(hint.as_deref(), Some("did you mean `other`?"));
    // Still usable: a form that exists is shown rather than nothing.
    assert_eq!(
        strings.get("fr", "m", Some(dec("5")), &locale("fr")).text,
        "x"
    );
}

#[test]
fn reports_a_missing_file_and_missing_default_strings() {
    let mut diagnostics = Diagnostics::new();
    let files = [("ar".to_string(), PathBuf::from("/nonexistent/ar.toml"))];
    let strings = Strings::load(&files, "fr", &mut diagnostics);
    let messages: Vec<_> = diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        [
            "/nonexistent/ar.toml: error: file not found: /nonexistent/ar.toml",
            "warning: there are no UI strings for the default language `fr`",
        ]
    );
    assert_eq!(strings.get("ar", "x", None, &locale("ar-MA")).text, "x");
}

#[test]
fn default_theme_strings_load_cleanly_and_match_in_both_languages() {
    let mut diagnostics = Diagnostics::new();
    let strings = Strings::load(&theme_files(), "fr", &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(strings.missing(), Vec::<(String, String)>::new());
    let fr = locale("fr-MA");
    let pattern = strings.get("fr", "money.pattern", None, &fr).text;
    assert_eq!(fr.money(dec("1500000"), &pattern), "1.500.000\u{a0}DH");
}

#[test]
fn default_theme_counts_projects_in_the_six_arabic_forms() {
    let mut diagnostics = Diagnostics::new();
    let strings = Strings::load(&theme_files(), "fr", &mut diagnostics);
    let ar = locale("ar-MA");
    let text = |n| strings.get("ar", "projects.count", Some(dec(n)), &ar).text;
    assert_eq!(text("0"), "لا مشاريع");
    assert_eq!(text("1"), "مشروع واحد");
    assert_eq!(text("2"), "مشروعان");
    assert_eq!(text("3"), "3 مشاريع");
    assert_eq!(text("11"), "11 مشروعًا");
    assert_eq!(text("100"), "100 مشروع");
    assert_eq!(text("1500"), "1.500 مشروع");
    let fr = locale("fr-MA");
    let text = |n| strings.get("fr", "projects.count", Some(dec(n)), &fr).text;
    assert_eq!(text("0"), "0 projet");
    assert_eq!(text("2"), "2 projets");
    assert_eq!(text("1000000"), "1.000.000 de projets");
}

#[test]
fn warns_of_a_placeholder_its_string_never_receives_at_its_line() {
    let (_, diagnostics, dir) = load(&[
        (
            "fr",
            "theme-fr.toml",
            "projects.count = { one = \"{count} projet\", other = \"{count} projets\" }\nhello = \"Bonjour\"\n",
        ),
        (
            "ar",
            "theme-ar.toml",
            "projects.count = { one = \"مشروع\", other = \"{count} مشروع\" }\n",
        ),
        (
            "ar",
            "site-ar.toml",
            "hello = \"مرحبا\"\nprojects.count = { other = \"{cont} مشروع\" }\n",
        ),
    ]);
    assert_eq!(
        messages(&diagnostics, dir.path()),
        [
            "site-ar.toml:2:18: warning: the UI string `projects.count` (ar) uses {cont}, which it never receives: readers would see it as written"
        ]
    );
    let hint = diagnostics.iter().next().and_then(|d| d.hint.clone());
    assert_eq!(
        hint.as_deref(),
        Some("this string receives {count}: check the spelling")
    );
}

#[test]
fn reads_twelve_month_names_and_refuses_any_other_count() {
    let twelve = "date.months = [\"1\", \"2\", \"3\", \"4\", \"5\", \"6\", \"7\", \"8\", \"9\", \"10\", \"11\", \"12\"]\n";
    let zgh = format!("a = \"ⴱ\"\n{twelve}");
    let (strings, diagnostics, _dir) =
        load(&[("fr", "fr.toml", "a = \"b\"\n"), ("zgh", "zgh.toml", &zgh)]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    assert_eq!(strings.months("zgh").map(<[String]>::len), Some(12));
    assert_eq!(strings.months("fr"), None);
    // The month names are no UI text: nothing for other languages to translate.
    assert_eq!(strings.missing(), Vec::<(String, String)>::new());
    let short = "[date]\nmonths = [\"ⵉⵏⵏⴰⵢⵔ\", \"\"]\n";
    let (strings, diagnostics, dir) = load(&[("fr", "fr.toml", ""), ("zgh", "zgh.toml", short)]);
    assert_eq!(strings.months("zgh"), None);
    assert_eq!(
        messages(&diagnostics, dir.path()),
        ["zgh.toml:2:10: error: `date.months` lists 1 non-empty names of months, not 12"]
    );
    let hint = diagnostics.iter().find_map(|d| d.hint.clone());
    assert_eq!(
        hint.as_deref(),
        Some("write the twelve month names in quotes, January first: [\"…\", \"…\", …]")
    );
}
