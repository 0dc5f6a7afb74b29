//! The new site's `site.toml`, every key with a comment saying what it
//! does, and its example articles, one per language.

use std::fmt::Write as _;

use super::infer::Table;
use super::plan::{ForeignKey, Proposal};
use super::schema_toml::{quoted, title_of};
use crate::data::FieldType;
use crate::model::urls::slug_of_id;

/// What a new site says in one language.
pub struct Words {
    pub name: &'static str,
    pub locale: &'static str,
    /// The CLDR locale that formats numbers and dates when CLDR has no
    /// data for `locale`.
    pub format_locale: Option<&'static str>,
    pub rtl: bool,
    pub title: &'static str,
    pub count: &'static str,
    /// projects, news, results, programme, open data, search.
    pub sections: [&'static str; 6],
    pub welcome: &'static str,
    pub welcome_text: &'static str,
    pub example: &'static str,
}

const FRENCH: Words = Words {
    name: "Français",
    locale: "fr-MA",
    format_locale: None,
    rtl: false,
    title: "Mon site de données",
    count: "Nombre d'enregistrements",
    sections: [
        "projets",
        "actualites",
        "resultats",
        "programme",
        "donnees-ouvertes",
        "recherche",
    ],
    welcome: "Bienvenue",
    welcome_text: "Ce site publie nos données. Remplacez cet article par le vôtre.",
    example: "Projet exemple",
};

const ARABIC: Words = Words {
    name: "العربية",
    locale: "ar-MA",
    format_locale: None,
    rtl: true,
    title: "موقع بياناتي",
    count: "عدد السجلات",
    sections: [
        "mashari",
        "akhbar",
        "nataij",
        "barnamaj",
        "bayanat-maftouha",
        "bahth",
    ],
    welcome: "مرحبا",
    welcome_text: "ينشر هذا الموقع بياناتنا. عوّضوا هذا المقال بمقالكم.",
    example: "مشروع نموذجي",
};

const ENGLISH: Words = Words {
    name: "English",
    locale: "en",
    format_locale: None,
    rtl: false,
    title: "My data site",
    count: "Records",
    sections: [
        "projects",
        "news",
        "results",
        "programme",
        "open-data",
        "search",
    ],
    welcome: "Welcome",
    welcome_text: "This site publishes our data. Replace this article with yours.",
    example: "Example project",
};

const SPANISH: Words = Words {
    name: "Español",
    locale: "es",
    format_locale: None,
    rtl: false,
    title: "Mi sitio de datos",
    count: "Registros",
    sections: [
        "proyectos",
        "noticias",
        "resultados",
        "programa",
        "datos-abiertos",
        "busqueda",
    ],
    welcome: "Bienvenida",
    welcome_text: "Este sitio publica nuestros datos. Sustituya este artículo por el suyo.",
    example: "Proyecto de ejemplo",
};

/// Standard Moroccan Amazigh, in Tifinagh: CLDR has no number or date
/// data for it, so fr-MA formats them. Slugs in Latin letters, as
/// addresses are typed.
const AMAZIGH: Words = Words {
    name: "ⵜⴰⵎⴰⵣⵉⵖⵜ",
    locale: "zgh-MA",
    format_locale: Some("fr-MA"),
    rtl: false,
    title: "ⴰⵙⵉⵜ ⵏ ⵉⵙⴼⴽⴰ",
    count: "ⵓⵟⵟⵓⵏ ⵏ ⵉⵣⵎⵎⴰⵎⵏ",
    sections: [
        "isnfarn",
        "ingmisn",
        "tiyafutin",
        "aghawas",
        "isefka-irzmn",
        "arzzu",
    ],
    welcome: "ⴰⵏⵙⵓⴼ",
    welcome_text: "ⴰⵙⵉⵜ ⴰ ⵉⵙⵙⵓⴼⵓⵖ ⵉⵙⴼⴽⴰ ⵏⵏⵖ. ⵙⵏⴼⵍ ⴰⵎⴰⴳⵔⴰⴷ ⴰ ⵙ ⵡⵉⵏⵏⴽ.",
    example: "ⴰⵙⵏⴼⴰⵔ ⵏ ⵓⵎⴷⵢⴰ",
};

/// The words of a language Bayan has them for.
fn known(lang: &str) -> Option<&'static Words> {
    match lang {
        "fr" => Some(&FRENCH),
        "ar" => Some(&ARABIC),
        "en" => Some(&ENGLISH),
        "es" => Some(&SPANISH),
        "zgh" => Some(&AMAZIGH),
        _ => None,
    }
}

/// The words of `lang`; English ones (to translate) for other languages.
pub fn words(lang: &str) -> &'static Words {
    known(lang).unwrap_or(&ENGLISH)
}

const SECTIONS: [&str; 6] = [
    "projects",
    "news",
    "results",
    "programme",
    "open_data",
    "search",
];

/// The whole `site.toml`.
pub fn site(
    languages: &[String],
    tables: &[Table],
    keys: &[Vec<ForeignKey>],
    plan: &Proposal,
) -> String {
    let mut out = String::new();
    head(&mut out, languages);
    for lang in languages {
        language(&mut out, lang);
    }
    out.push_str("\n# The address segment of each section, per language.\n[sections]\n");
    for (index, section) in SECTIONS.iter().enumerate() {
        let slugs = per_language(languages, |l| {
            words(l)
                .sections
                .get(index)
                .copied()
                .unwrap_or_default()
                .to_string()
        });
        let _ = writeln!(out, "{section} = {slugs}");
    }
    if let Some(table) = tables.get(plan.records) {
        let own = keys
            .get(plan.records)
            .map(Vec::as_slice)
            .unwrap_or_default();
        records(&mut out, table, plan);
        facets(&mut out, languages, table, own, plan);
        figures(&mut out, languages, table, plan);
    }
    tail(&mut out);
    out
}

fn head(out: &mut String, languages: &[String]) {
    let default = languages.first().map_or("fr", String::as_str);
    let _ = writeln!(
        out,
        "# A Bayan site, created by `bayan init`. The comment above each key says\n# what it does; lines that start with # are examples to uncomment.\n\n# The address the site is published at (a sub-path works too:\n# https://example.org/transparence/).\nbase_url = \"https://example.org/\"\n\n# The theme: \"default\" is built into bayan; `bayan theme eject` copies it\n# into themes/default/ to change it.\ntheme = \"default\"\n\n# The language of the site's first page and of links without a language.\ndefault_language = {}\n\n# true shows an \"illustrative sample data\" notice on every data page.\nsample_data = false",
        quoted(default)
    );
}

fn language(out: &mut String, lang: &str) {
    let w = words(lang);
    let (name, locale) = known(lang).map_or((lang, lang), |w| (w.name, w.locale));
    let _ = writeln!(
        out,
        "\n# One [[languages]] table per language, in the order of the switcher.\n[[languages]]\n# The language's code: the suffix of content files (about.{lang}.md) and\n# of translated columns (name_{lang}).\ncode = {}\n# Its name, written in the language itself.\nname = {}\n# The CLDR locale of its numbers, amounts and dates.\nlocale = {}\n# ltr (left to right) or rtl (right to left).\ndirection = {}\n# The site's title and one-sentence description in this language.\ntitle = {}\ndescription = \"\"",
        quoted(lang),
        quoted(name),
        quoted(locale),
        quoted(if w.rtl { "rtl" } else { "ltr" }),
        quoted(w.title),
    );
    if let Some(format) = w.format_locale {
        let _ = writeln!(
            out,
            "# CLDR has no number or date data for {locale}: this locale formats them.\nformat_locale = {}",
            quoted(format)
        );
    }
    if known(lang).is_none() {
        out.push_str("# Bayan has no words of its own in this language: the title, the\n# slugs and the example article are in English, to translate.\n");
    }
}

fn records(out: &mut String, table: &Table, plan: &Proposal) {
    let _ = writeln!(
        out,
        "\n# The table whose rows are the records the site reports on: each has a\n# page at an address made from its primary key.\n# Inferred: {} has the most foreign keys, then the most rows ({}).\n[records]\ntable = {}",
        table.sheet.name,
        table.sheet.rows.len(),
        quoted(&table.sheet.name)
    );
    let title = plan.title.as_deref().unwrap_or("name");
    let _ = writeln!(
        out,
        "# A translated text field: each record's title.\ntitle = {}",
        quoted(title)
    );
    match &plan.summary {
        Some(summary) => {
            let _ = writeln!(out, "# A translated text field shown under the title.\nsummary = {}", quoted(summary));
        }
        None => out.push_str("# A translated text field shown under the title, if there is one.\n# summary = \"summary\"\n"),
    }
    out.push_str("# Records per page of the list.\nper_page = 20\n");
    out.push_str("# A withdrawn record keeps a page at its address saying when and why,\n# and leaves every total, list and download: a date column (filled when\n# withdrawn) and a reason column (translated or not) of this table.\n# withdrawn = { date = \"withdrawn_on\", reason = \"withdrawal_reason\" }\n");
}

fn facets(
    out: &mut String,
    languages: &[String],
    table: &Table,
    keys: &[ForeignKey],
    plan: &Proposal,
) {
    out.push_str("\n# Facets: fields the records are grouped by, with a page per value and\n# its totals. The address segment (slug) is given per language.");
    if plan.facets.is_empty() {
        out.push_str("# None was inferred: no field has a few values or refers to another table.\n# [[facets]]\n# field = \"status\"\n");
    }
    for name in &plan.facets {
        let why = match (keys.iter().find(|k| &k.field == name), table.field(name)) {
            (Some(key), _) => format!("it refers to {}.{}", key.table, key.key),
            (None, Some(field)) if field.kind == FieldType::Year => "a year".to_string(),
            (None, Some(field)) => format!(
                "{} different values",
                field.enum_values.as_ref().map_or(0, Vec::len)
            ),
            (None, None) => String::new(),
        };
        let slug = slug_of_id(name).unwrap_or_else(|| "facet".into());
        let _ = writeln!(
            out,
            "\n[[facets]]\n# Inferred: {why}.\nfield = {}\nslug = {}",
            quoted(name),
            per_language(languages, |_| slug.clone())
        );
    }
}

fn figures(out: &mut String, languages: &[String], table: &Table, plan: &Proposal) {
    let _ = writeln!(
        out,
        "\n# Key figures, on the home page and every facet page: a count of the\n# records, or the sum of a numeric field.\n[[key_figures]]\nid = \"records\"\naggregate = \"count\"\nlabel = {}",
        per_language(languages, |l| words(l).count.to_string())
    );
    for name in &plan.sums {
        let kind = table.field(name).map_or(FieldType::Number, |f| f.kind);
        let id = slug_of_id(name).unwrap_or_else(|| "sum".into());
        let _ = writeln!(
            out,
            "\n[[key_figures]]\n# Inferred: {name} is {} and never below zero.\nid = {}\naggregate = \"sum\"\nfield = {}\nlabel = {}",
            kind.with_article(),
            quoted(&id),
            quoted(name),
            per_language(languages, |_| title_of(name))
        );
    }
}

fn tail(out: &mut String) {
    out.push_str(
        "
# Charts: bars per value of a facet, for some key figures.
# [[charts]]
# id = \"by-status\"
# facet = \"status\"
# figures = [\"records\"]
# title = { fr = \"…\", ar = \"…\" }

# Indicators: target against achieved, from a table of the data.
# [indicators]
# table = \"indicators\"
# name = \"name\"
# unit = \"unit\"
# target = \"target\"
# achieved = \"achieved\"

# Raw HTML in Markdown: \"sanitize\" keeps a safe subset and warns about
# what it removed; \"trust\" keeps it as written.
[content]
raw_html = \"sanitize\"

# Files larger than this, in megabytes, are refused rather than read.
[limits]
max_file_mb = 200

# What the build writes besides pages, each on by default: the sitemap,
# an Atom feed of the news per language, the data downloads (CSV, JSON,
# datapackage.json) and the index files of the filter and the search.
# [outputs]
# sitemap = true
# feeds = true
# downloads = true
# indexes = true
",
    );
}

/// `{ fr = "…", ar = "…" }`.
fn per_language(languages: &[String], text: impl Fn(&str) -> String) -> String {
    let pairs: Vec<String> = languages
        .iter()
        .map(|l| format!("{l} = {}", quoted(&text(l))))
        .collect();
    format!("{{ {} }}", pairs.join(", "))
}

/// The example article in `lang`, dated `date`.
pub fn article(lang: &str, date: jiff::civil::Date) -> String {
    let w = words(lang);
    format!(
        "+++\ntitle = {}\ndate = {date}\nsummary = {}\n+++\n\n{}\n",
        quoted(w.welcome),
        quoted(w.welcome_text),
        w.welcome_text
    )
}
