//! `bayan init DIR [--languages fr,ar] [--from data.csv ...]`: a new site
//! that builds at once.
//!
//! 1. Check the languages and that DIR is new or empty.
//! 2. Read each spreadsheet export ([`read`]); without one, an example table.
//! 3. Infer each table's schema ([`infer`], [`normal`]), then the foreign
//!    keys between tables and what `site.toml` proposes ([`plan`]).
//! 4. Write `site.toml`, `data/NAME.csv` and `data/NAME.schema.toml`
//!    ([`schema_toml`], [`site_toml`]) and one example article per language.

mod infer;
mod normal;
mod plan;
mod read;
mod schema_toml;
mod site_toml;

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fsio;

/// What `bayan init` was asked for.
#[derive(Debug, Clone)]
pub struct Options {
    pub dir: PathBuf,
    pub languages: Vec<String>,
    pub from: Vec<PathBuf>,
}

/// What was written, and a line per table on what was inferred.
#[derive(Debug, Default)]
pub struct Created {
    pub files: Vec<PathBuf>,
    pub summary: Vec<String>,
}

/// Creates the site; nothing is written unless every input could be read.
pub fn init(options: &Options) -> Result<Created, Diagnostics> {
    let mut diagnostics = Diagnostics::new();
    check_languages(&options.languages, &mut diagnostics);
    check_folder(&options.dir, &mut diagnostics);
    let sheets = sheets(options, &mut diagnostics);
    if diagnostics.has_errors() {
        return Err(diagnostics);
    }
    let mut tables: Vec<infer::Table> = sheets
        .into_iter()
        .map(|(sheet, _)| infer::table(sheet, &options.languages))
        .collect();
    let keys: Vec<Vec<plan::ForeignKey>> = (0..tables.len())
        .map(|i| plan::foreign_keys(&tables, i))
        .collect();
    for (table, keys) in tables.iter_mut().zip(&keys) {
        plan::drop_enums_of_keys(table, keys);
    }
    let mut proposal = plan::propose(&tables, &keys);
    if proposal.title.is_none() {
        let default = options.languages.first().map_or("fr", String::as_str);
        let record_keys = keys
            .get(proposal.records)
            .map(Vec::as_slice)
            .unwrap_or_default();
        if let Some(table) = tables.get_mut(proposal.records) {
            proposal.title = plan::translate_title(table, default, record_keys);
        }
    }
    write(options, &tables, &keys, &proposal).map_err(|d| std::iter::once(d).collect())
}

fn check_languages(languages: &[String], diagnostics: &mut Diagnostics) {
    if languages.is_empty() {
        diagnostics.push(
            Diagnostic::error("a site needs at least one language")
                .with_hint("name them with --languages, such as --languages fr,ar"),
        );
    }
    for (index, lang) in languages.iter().enumerate() {
        let valid = icu_locale::LanguageIdentifier::try_from_str(lang).is_ok()
            && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !valid {
            diagnostics.push(
                Diagnostic::error(format!("`{lang}` is not a language code")).with_hint(
                    "use BCP 47 codes such as fr, ar, en, es or zgh, separated by commas",
                ),
            );
        } else if languages
            .get(..index)
            .is_some_and(|before| before.contains(lang))
        {
            diagnostics.push(Diagnostic::error(format!(
                "the language `{lang}` is given twice"
            )));
        }
    }
}

/// DIR must not exist, or be an empty folder: nothing is ever overwritten.
fn check_folder(dir: &Path, diagnostics: &mut Diagnostics) {
    if !fsio::exists(dir) {
        return;
    }
    match fsio::list_dir(dir) {
        Ok(entries) if entries.is_empty() => {}
        Ok(_) => diagnostics.push(
            Diagnostic::error("this folder is not empty")
                .in_file(dir)
                .with_hint("bayan init creates a site in a new or empty folder, and never overwrites a file"),
        ),
        Err(error) => diagnostics.push(Diagnostic::from(error)),
    }
}

/// Each `--from` file read, with its path; the example table without one.
fn sheets(options: &Options, diagnostics: &mut Diagnostics) -> Vec<(read::Sheet, PathBuf)> {
    if options.from.is_empty() {
        let bytes = example_csv(&options.languages).into_bytes();
        let path = PathBuf::from("projects.csv");
        return read::sheet("projects", bytes, &path)
            .map(|s| vec![(s, path)])
            .unwrap_or_default();
    }
    let mut sheets: Vec<(read::Sheet, PathBuf)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for path in &options.from {
        let name = table_name(path);
        if names.contains(&name) {
            diagnostics.push(
                Diagnostic::error(format!("two files give the table name `{name}`"))
                    .in_file(path)
                    .with_hint("rename one of the files: a table is named after its file"),
            );
            continue;
        }
        names.push(name.clone());
        let read = fsio::read_capped(path, fsio::DEFAULT_MAX_FILE_BYTES)
            .map_err(|e| Box::new(Diagnostic::from(e)))
            .and_then(|bytes| read::sheet(&name, bytes, path));
        match read {
            Ok(sheet) => sheets.push((sheet, path.clone())),
            Err(diagnostic) => diagnostics.push(*diagnostic),
        }
    }
    sheets
}

/// The table's name: the file's stem, lowercase, other characters as `_`.
fn table_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    let name: String = stem
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.trim_matches('_').is_empty() {
        "table".into()
    } else {
        name
    }
}

/// Four example records with a translated name, a status, a year, an amount.
fn example_csv(languages: &[String]) -> String {
    let names: Vec<String> = languages.iter().map(|l| format!("name_{l}")).collect();
    let mut csv = format!("id,{},status,year,amount\n", names.join(","));
    let rows = [
        ("open", 2024, "12500.50"),
        ("open", 2024, "8000"),
        ("closed", 2025, "20000"),
        ("closed", 2025, "4300.25"),
    ];
    for (index, (status, year, amount)) in rows.iter().enumerate() {
        let texts: Vec<String> = languages
            .iter()
            .map(|l| format!("{} {}", site_toml::words(l).example, index + 1))
            .collect();
        csv.push_str(&format!(
            "P-{},{},{status},{year},{amount}\n",
            index + 1,
            texts.join(",")
        ));
    }
    csv
}

fn write(
    options: &Options,
    tables: &[infer::Table],
    keys: &[Vec<plan::ForeignKey>],
    proposal: &plan::Proposal,
) -> Result<Created, Diagnostic> {
    let mut created = Created::default();
    let dir = &options.dir;
    fsio::create_dir_all(&dir.join("data"))?;
    fsio::create_dir_all(&dir.join("content").join("news"))?;
    let mut put = |relative: PathBuf, bytes: Vec<u8>| -> Result<(), Diagnostic> {
        fsio::write(&dir.join(&relative), bytes)?;
        created.files.push(relative);
        Ok(())
    };
    let site = site_toml::site(&options.languages, tables, keys, proposal);
    put(PathBuf::from("site.toml"), site.into_bytes())?;
    let sources = source_names(options);
    for (index, table) in tables.iter().enumerate() {
        let name = &table.sheet.name;
        let own = keys.get(index).map(Vec::as_slice).unwrap_or_default();
        let source = sources.get(index).map_or("an example", String::as_str);
        let schema = schema_toml::schema(table, source, own);
        put(
            PathBuf::from(format!("data/{name}.schema.toml")),
            schema.into_bytes(),
        )?;
        let copy = schema_toml::csv_copy(table).map_err(|e| {
            Diagnostic::error(format!("the copy of {name} could not be written: {e}"))
        })?;
        put(PathBuf::from(format!("data/{name}.csv")), copy)?;
    }
    let today = jiff::ZonedDateTime::now().date();
    for lang in &options.languages {
        let file = PathBuf::from(format!("content/news/{today}-welcome.{lang}.md"));
        put(file, site_toml::article(lang, today).into_bytes())?;
    }
    created.summary = summary(tables, keys, proposal);
    Ok(created)
}

fn source_names(options: &Options) -> Vec<String> {
    options
        .from
        .iter()
        .map(|p| {
            p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
        .collect()
}

/// One line per table: fields, primary key, foreign keys; then the records.
fn summary(
    tables: &[infer::Table],
    keys: &[Vec<plan::ForeignKey>],
    proposal: &plan::Proposal,
) -> Vec<String> {
    let mut lines: Vec<String> = tables
        .iter()
        .zip(keys)
        .map(|(table, keys)| {
            let key = table.primary_key.as_deref().unwrap_or("none");
            let references: Vec<String> = keys
                .iter()
                .map(|k| format!("{} → {}", k.field, k.table))
                .collect();
            format!(
                "data/{}.schema.toml: {} fields, {} rows, primary key {key}{}",
                table.sheet.name,
                table.fields.len(),
                table.sheet.rows.len(),
                if references.is_empty() {
                    String::new()
                } else {
                    format!(", foreign keys {}", references.join(", "))
                }
            )
        })
        .collect();
    if let Some(table) = tables.get(proposal.records) {
        lines.push(format!(
            "site.toml: records from {}, facets: {}, sums: {}",
            table.sheet.name,
            if proposal.facets.is_empty() {
                "none".into()
            } else {
                proposal.facets.join(", ")
            },
            if proposal.sums.is_empty() {
                "none".into()
            } else {
                proposal.sums.join(", ")
            }
        ));
    }
    lines
}
