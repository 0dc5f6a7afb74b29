use std::sync::Arc;

use tera::{Context, Tera};

use super::theme_files;
use crate::diagnostics::Diagnostics;
use crate::locale::{Locales, Strings, register_template_helpers};

/// A Tera with the helpers, the default theme's strings, and `extra_fr`
/// as the site's own French strings file.
fn tera(extra_fr: &str) -> Tera {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("fr.toml");
    std::fs::write(&path, extra_fr).unwrap_or_else(|e| panic!("{e}"));
    let mut files = theme_files();
    files.push(("fr".into(), path));
    let mut diagnostics = Diagnostics::new();
    let strings = Strings::load(&files, "fr", &mut diagnostics);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let languages = [("fr", "fr-MA"), ("ar", "ar-MA")].map(|(c, t)| (c.into(), t.into()));
    let locales = Locales::new(&languages, strings).unwrap_or_else(|e| panic!("{e}"));
    let mut tera = Tera::default();
    register_template_helpers(&mut tera, Arc::new(locales));
    tera
}

fn context(lang: &str, vars: &[(&'static str, &str)]) -> Context {
    let mut context = Context::new();
    context.insert("lang", lang);
    for (name, value) in vars {
        context.insert(*name, *value);
    }
    context
}

/// Renders `template` as `page.html` (auto-escaped) for `lang`.
fn render(lang: &str, template: &str, vars: &[(&'static str, &str)]) -> String {
    render_with_extra(lang, template, vars, "")
}

fn render_with_extra(
    lang: &str,
    template: &str,
    vars: &[(&'static str, &str)],
    extra_fr: &str,
) -> String {
    let mut tera = tera(extra_fr);
    tera.add_raw_template("page.html", template)
        .unwrap_or_else(|e| panic!("{e}"));
    tera.render("page.html", &context(lang, vars))
        .unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn t_gives_the_string_of_the_page_language() {
    assert_eq!(render("fr", "{{ t(key='nav.home') }}", &[]), "Accueil");
    assert_eq!(render("ar", "{{ t(key='nav.home') }}", &[]), "الرئيسية");
    assert_eq!(
        render("fr", "{{ t(key='language.name', lang='ar') }}", &[]),
        "العربية"
    );
}

#[test]
fn t_chooses_the_plural_form_for_count() {
    let template = "{% for n in [0, 1, 2, 3, 11, 100, 1500] %}{{ t(key='projects.count', count=n) }}|{% endfor %}";
    assert_eq!(
        render("ar", template, &[]),
        "لا مشاريع|مشروع واحد|مشروعان|3 مشاريع|11 مشروعًا|100 مشروع|1.500 مشروع|"
    );
    assert_eq!(
        render("fr", template, &[]),
        "0 projet|1 projet|2 projets|3 projets|11 projets|100 projets|1.500 projets|"
    );
    assert_eq!(
        render(
            "fr",
            "{{ t(key='projects.count', count=n) }}",
            &[("n", "2.50")]
        ),
        "2,5 projets"
    );
}

#[test]
fn t_marks_a_fallback_text_with_its_language() {
    let template = "{{ t(key='only_fr') }}";
    let out = render_with_extra("ar", template, &[], "only_fr = \"Seulement <b>ici</b>\"\n");
    assert_eq!(
        out,
        "<span lang=\"fr\" dir=\"ltr\" class=\"untranslated\">Seulement &lt;b&gt;ici&lt;/b&gt;</span>"
    );
    let plain = render_with_extra(
        "ar",
        "{{ t(key='only_fr', plain=true) }}",
        &[],
        "only_fr = \"x\"\n",
    );
    assert_eq!(plain, "x");
}

#[test]
fn t_shows_a_missing_key_without_breaking_the_build() {
    assert_eq!(
        render("ar", "{{ t(key='no.such.key') }}", &[]),
        "<span lang=\"\" dir=\"ltr\" class=\"untranslated\">no.such.key</span>"
    );
}

#[test]
fn t_fills_placeholders_escaping_unsafe_values() {
    let template =
        "{{ t(key='data.source', source=src) }} {{ t(key='data.source', source=src | safe) }}";
    assert_eq!(
        render("fr", template, &[("src", "<i>HCP</i>")]),
        "Source : &lt;i&gt;HCP&lt;/i&gt; Source : <i>HCP</i>"
    );
    let page = "{{ t(key='pagination.page', page=2, total=12000) }}";
    assert_eq!(render("ar", page, &[]), "الصفحة 2 من 12.000");
}

#[test]
fn filters_format_numbers_money_percent_and_dates() {
    let template = "{{ a | number }}|{{ a | number(digits=0) }}|{{ a | money }}|{{ 0.4567 | percent(digits=1) }}|{{ d | date }}|{{ d | date(length='short') }}|{{ 11 | plural_category }}";
    let vars = [("a", "10000000.50"), ("d", "2023-08-08")];
    assert_eq!(
        render("fr", template, &vars),
        "10.000.000,5|10.000.001|10.000.000,50\u{a0}DH|45,7\u{a0}%|8 août 2023|08/08/2023|other"
    );
    assert_eq!(
        render("ar", template, &vars),
        "10.000.000,5|10.000.001|10.000.000,50\u{a0}درهم|45,7\u{200e}%\u{200e}|8 غشت 2023|8\u{200f}/8\u{200f}/2023|many"
    );
}

#[test]
fn filters_keep_exact_amounts_given_as_text() {
    let template = "{{ a | number }} {{ b | money }} {{ 12345 | number }}";
    let vars = [("a", "9999999.99"), ("b", "0.30")];
    assert_eq!(
        render("fr", template, &vars),
        "9.999.999,99 0,30\u{a0}DH 12.345"
    );
}

#[test]
fn t_gives_bare_text_where_autoescaping_is_off() {
    let tera = tera("only_fr = \"<b>x</b>\"\n");
    let out = tera.render_str("{{ t(key='only_fr') }}", &context("ar", &[]), false);
    assert_eq!(out.ok().as_deref(), Some("<b>x</b>"));
}

#[test]
fn helpers_explain_a_missing_or_unknown_language() {
    let tera = tera("");
    let error = |lang: Option<&str>| {
        let mut context = Context::new();
        if let Some(lang) = lang {
            context.insert("lang", lang);
        }
        let result = tera.render_str("{{ 5 | number }}", &context, true);
        result.err().map(|e| format!("{e:?}")).unwrap_or_default()
    };
    assert!(error(None).contains("the template context has no `lang` variable"));
    assert!(error(Some("de")).contains("`de` is not a site language"));
}

#[test]
fn text_shows_a_fallback_in_its_own_language_with_a_notice() {
    let mut tera = tera("");
    let template = "{{ v | text }}";
    tera.add_raw_template("page.html", template)
        .unwrap_or_else(|e| panic!("{e}"));
    let mut context = context("ar", &[]);
    let fallback =
        serde_json::json!({ "text": "Coopérative <Al Amal>", "lang": "fr", "fallback": true });
    context.insert("v", &fallback);
    let html = tera
        .render("page.html", &context)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert!(
        html.starts_with("<span lang=\"fr\" dir=\"ltr\" class=\"untranslated\">Coopérative &lt;Al Amal&gt;</span>"),
        "{html}"
    );
    assert!(html.contains("class=\"untranslated-note\""), "{html}");
    let translated =
        serde_json::json!({ "text": "تعاونية <الأمل>", "lang": "ar", "fallback": false });
    context.insert("v", &translated);
    let html = tera
        .render("page.html", &context)
        .unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(html, "تعاونية &lt;الأمل&gt;");
}
