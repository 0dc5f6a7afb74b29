//! Reading one UI strings file.
//!
//! ```toml
//! skip_link = "Aller au contenu"          # key "skip_link"
//! projects.count = { one = "{count} projet", other = "{count} projets" }
//! [nav]
//! home = "Accueil"                        # key "nav.home"
//! ```
//!
//! A table is a plural message when it names a plural category and holds
//! only texts; any other table is a group of keys.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::PluralCategory;
use super::strings::Message;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, did_you_mean};
use crate::fsio;

/// The messages of the file at `path`, by full key.
/// A strings file's text. UI strings are small: the same fixed cap as
/// site.toml.
pub(super) fn read_file(path: &Path) -> fsio::FsResult<String> {
    fsio::read_capped_to_string(path, crate::config::MAX_CONFIG_BYTES)
}

/// The key of a language's own month names: a list of twelve texts.
pub(super) const MONTHS: &str = "date.months";

/// What one strings file holds.
#[derive(Default)]
pub(super) struct Read {
    /// Each message with where it is written.
    pub messages: Vec<(String, Message, Location)>,
    /// The month names, when the file lists them (`date.months`).
    pub months: Option<Vec<String>>,
}

pub(super) fn read(path: &Path, source: &str, diagnostics: &mut Diagnostics) -> Read {
    let source = source.strip_prefix('\u{feff}').unwrap_or(source);
    let (table, errors) = DeTable::parse_recoverable(source);
    let mut reader = Reader {
        path,
        source,
        diagnostics,
        read: Read::default(),
    };
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        reader.error(
            span,
            format!("this is not valid TOML: {}", error.message().trim()),
        );
    }
    reader.table("", table.get_ref());
    reader.read
}

struct Reader<'a> {
    path: &'a Path,
    source: &'a str,
    diagnostics: &'a mut Diagnostics,
    read: Read,
}

impl Reader<'_> {
    fn table(&mut self, prefix: &str, table: &DeTable<'_>) {
        for (key, value) in table.iter() {
            let name = if prefix.is_empty() {
                key.get_ref().to_string()
            } else {
                format!("{prefix}.{}", key.get_ref())
            };
            self.value(name, value);
        }
    }

    fn value(&mut self, name: String, value: &Spanned<DeValue<'_>>) {
        match value.get_ref() {
            DeValue::String(text) => {
                let location = Location::at(self.source, value.span());
                self.read
                    .messages
                    .push((name, Message::Text(text.to_string()), location));
            }
            DeValue::Table(table) if is_plural(table) => self.plural(name, table, value.span()),
            DeValue::Table(table) => self.table(&name, table),
            DeValue::Array(items) if name == MONTHS => self.months(items, value.span()),
            other => {
                let message = format!("`{name}` is {}, not a text", article(other.type_str()));
                let hint = "write the text in quotes, or a table of plural forms \
                            such as { one = \"…\", other = \"…\" }";
                self.push(Diagnostic::error(message).with_hint(hint), value.span());
            }
        }
    }

    fn plural(&mut self, name: String, table: &DeTable<'_>, span: Range<usize>) {
        let mut forms = BTreeMap::new();
        for (key, value) in table.iter() {
            let text = value.get_ref().as_str().unwrap_or_default().to_string();
            match PluralCategory::parse(key.get_ref()) {
                Some(category) => {
                    forms.insert(category, text);
                }
                None => self.unknown_category(&name, key.get_ref(), key.span()),
            }
        }
        if !forms.contains_key(&PluralCategory::Other) {
            let message = format!("the plural message `{name}` has no `other` form");
            let hint = "add other = \"…\": it is used for every number no other form covers";
            self.push(Diagnostic::error(message).with_hint(hint), span.clone());
        }
        let location = Location::at(self.source, span);
        self.read
            .messages
            .push((name, Message::Plural(forms), location));
    }

    /// Twelve month names, January first, each a non-empty text.
    fn months(&mut self, items: &[Spanned<DeValue<'_>>], span: Range<usize>) {
        let names: Vec<String> = items
            .iter()
            .filter_map(|item| item.get_ref().as_str())
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .map(str::to_string)
            .collect();
        if items.len() != 12 || names.len() != 12 {
            let message = format!(
                "`{MONTHS}` lists {} non-empty names of months, not 12",
                names.len()
            );
            let hint = "write the twelve month names in quotes, January first: \
                        [\"…\", \"…\", …]";
            self.push(Diagnostic::error(message).with_hint(hint), span);
            return;
        }
        self.read.months = Some(names);
    }

    fn unknown_category(&mut self, name: &str, key: &str, span: Range<usize>) {
        let names = PluralCategory::ALL.map(PluralCategory::as_str);
        let hint = did_you_mean(key, names)
            .unwrap_or_else(|| "the plural forms are zero, one, two, few, many and other".into());
        let message = format!("`{key}` in the plural message `{name}` is not a plural form");
        self.push(Diagnostic::error(message).with_hint(hint), span);
    }

    fn error(&mut self, span: Range<usize>, message: String) {
        self.push(Diagnostic::error(message), span);
    }

    fn push(&mut self, diagnostic: Diagnostic, span: Range<usize>) {
        let location = Location::at(self.source, span);
        self.diagnostics.push(diagnostic.at(self.path, location));
    }
}

fn is_plural(table: &DeTable<'_>) -> bool {
    let names_a_form = table
        .keys()
        .any(|key| PluralCategory::parse(key.get_ref()).is_some());
    names_a_form && table.values().all(|value| value.get_ref().is_str())
}

fn article(type_name: &str) -> String {
    match type_name.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => format!("an {type_name}"),
        _ => format!("a {type_name}"),
    }
}
