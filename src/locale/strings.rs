//! UI strings: one table of messages per language, with plural forms and a
//! visible fallback to the default language.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rust_decimal::Decimal;

use super::{Locale, PluralCategory, strings_toml};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};

/// One UI string: plain text, or a plural message chosen by count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Message {
    Text(String),
    Plural(BTreeMap<PluralCategory, String>),
}

impl Message {
    /// The `{name}`s of every form.
    fn placeholders(&self) -> BTreeSet<String> {
        let texts: Vec<&str> = match self {
            Self::Text(text) => vec![text.as_str()],
            Self::Plural(forms) => forms.values().map(String::as_str).collect(),
        };
        let mut names = BTreeSet::new();
        for text in texts {
            fill(text, |name| {
                names.insert(name.to_string());
                None::<Cow<'_, str>>
            });
        }
        names
    }

    fn render(&self, count: Option<Decimal>, locale: &Locale) -> String {
        let Some(n) = count else {
            return self.form(PluralCategory::Other).to_string();
        };
        let (shown, category) = locale.count(n);
        fill(self.form(category), |name| {
            (name == "count").then_some(Cow::Borrowed(shown.as_str()))
        })
    }

    /// The form for `category`, else `other`, else any (a plural message
    /// without `other` is reported when loaded, but still shows something).
    fn form(&self, category: PluralCategory) -> &str {
        match self {
            Message::Text(text) => text,
            Message::Plural(forms) => forms
                .get(&category)
                .or_else(|| forms.get(&PluralCategory::Other))
                .or_else(|| forms.values().next())
                .map_or("", String::as_str),
        }
    }
}

/// What [`Strings::get`] found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lookup {
    /// The text, with `{count}` filled in; other placeholders left as is.
    pub text: String,
    /// `None` when the text is in the requested language; the default
    /// language's code when it is the fallback; `Some("")` when the key is
    /// missing everywhere and `text` is the key itself.
    pub fallback_lang: Option<String>,
}

/// The UI strings of every language.
#[derive(Debug, Clone, Default)]
pub struct Strings {
    default_language: String,
    languages: BTreeMap<String, BTreeMap<String, Message>>,
    /// Each language's own month names, when its files list them.
    months: BTreeMap<String, Vec<String>>,
}

impl Strings {
    /// Reads the strings files in order (theme first, then the site's own):
    /// a later file overrides the keys it defines. Every mistake, with its
    /// file, line and column, goes into `diagnostics`.
    pub fn load(
        files: &[(String, PathBuf)],
        default_language: &str,
        diagnostics: &mut Diagnostics,
    ) -> Strings {
        let mut sources = Vec::new();
        for (lang, path) in files {
            match strings_toml::read_file(path) {
                Ok(text) => sources.push((lang.clone(), path.clone(), text)),
                Err(error) => diagnostics.push(error.into()),
            }
        }
        Self::load_sources(&sources, default_language, diagnostics)
    }

    /// [`Strings::load`] from texts already read: (language, file named in
    /// diagnostics, text).
    pub fn load_sources(
        files: &[(String, PathBuf, String)],
        default_language: &str,
        diagnostics: &mut Diagnostics,
    ) -> Strings {
        let mut languages: BTreeMap<String, BTreeMap<String, Message>> = BTreeMap::new();
        let mut placeholders = Placeholders::default();
        let mut months = BTreeMap::new();
        for (lang, path, text) in files {
            let read = strings_toml::read(path, text, diagnostics);
            if let Some(names) = read.months {
                months.insert(lang.clone(), names);
            }
            let by_key = languages.entry(lang.clone()).or_default();
            for (key, message, location) in read.messages {
                placeholders.note(
                    lang == default_language,
                    lang,
                    &key,
                    &message,
                    path,
                    location,
                );
                by_key.insert(key, message);
            }
        }
        diagnostics.extend(placeholders.unknown());
        if !languages.contains_key(default_language) {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "there are no UI strings for the default language `{default_language}`"
                ))
                .with_hint(format!(
                    "add i18n/{default_language}.toml to the theme or the site"
                )),
            );
        }
        languages.entry(default_language.to_string()).or_default();
        Strings {
            default_language: default_language.to_string(),
            languages,
            months,
        }
    }

    /// Whether any strings file was read for `lang`.
    pub fn has_language(&self, lang: &str) -> bool {
        self.languages.contains_key(lang)
    }

    /// The month names `lang`'s strings files list (`date.months`), if any:
    /// for a language whose formatting locale names months in another.
    pub fn months(&self, lang: &str) -> Option<&[String]> {
        self.months.get(lang).map(Vec::as_slice)
    }

    pub fn default_language(&self) -> &str {
        &self.default_language
    }

    /// How many keys the default language has: what every language needs.
    pub fn key_count(&self) -> usize {
        self.languages
            .get(&self.default_language)
            .map_or(0, BTreeMap::len)
    }

    /// Keys the default language has and another language lacks, sorted
    /// by language then key.
    pub fn missing(&self) -> Vec<(String, String)> {
        let Some(reference) = self.languages.get(&self.default_language) else {
            return Vec::new();
        };
        let others = self
            .languages
            .iter()
            .filter(|(lang, _)| **lang != self.default_language);
        others
            .flat_map(|(lang, messages)| {
                reference
                    .keys()
                    .filter(|key| !messages.contains_key(*key))
                    .map(|key| (lang.clone(), key.clone()))
            })
            .collect()
    }

    /// The text of `key` in `lang`, its plural form chosen by `count` and
    /// `{count}` formatted by `locale` (the Locale of `lang`). Falls back to
    /// the default language, then to the key itself; never fails.
    pub fn get(&self, lang: &str, key: &str, count: Option<Decimal>, locale: &Locale) -> Lookup {
        self.get_with(lang, key, count, locale, locale)
    }

    /// Like [`Strings::get`], with the default language's own Locale for
    /// fallback texts.
    pub(super) fn get_with(
        &self,
        lang: &str,
        key: &str,
        count: Option<Decimal>,
        locale: &Locale,
        fallback_locale: &Locale,
    ) -> Lookup {
        if let Some(message) = self.message(lang, key) {
            return Lookup {
                text: message.render(count, locale),
                fallback_lang: None,
            };
        }
        match self.message(&self.default_language, key) {
            Some(message) => Lookup {
                text: message.render(count, fallback_locale),
                fallback_lang: Some(self.default_language.clone()),
            },
            None => Lookup {
                text: key.to_string(),
                fallback_lang: Some(String::new()),
            },
        }
    }

    fn message(&self, lang: &str, key: &str) -> Option<&Message> {
        self.languages.get(lang)?.get(key)
    }
}

/// What `{name}`s each string may use: those of the first (lowest layer)
/// default-language string of its key, the one templates are written for.
#[derive(Default)]
struct Placeholders {
    reference: BTreeMap<String, BTreeSet<String>>,
    /// The last definition of each (language, key), with its names.
    written: BTreeMap<(String, String), (BTreeSet<String>, PathBuf, Location)>,
}

impl Placeholders {
    fn note(
        &mut self,
        is_default: bool,
        lang: &str,
        key: &str,
        message: &Message,
        path: &std::path::Path,
        location: Location,
    ) {
        let names = message.placeholders();
        if is_default && !self.reference.contains_key(key) {
            self.reference.insert(key.to_string(), names.clone());
        }
        let at = (lang.to_string(), key.to_string());
        self.written
            .insert(at, (names, path.to_path_buf(), location));
    }

    /// A warning for each string that uses a name its key never receives:
    /// it would be shown to readers as `{name}`.
    fn unknown(self) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for ((lang, key), (names, path, location)) in self.written {
            let Some(known) = self.reference.get(&key) else {
                continue;
            };
            for name in names.difference(known) {
                let listed: Vec<String> = known.iter().map(|k| format!("{{{k}}}")).collect();
                let receives = match listed.is_empty() {
                    true => "no placeholder".to_string(),
                    false => listed.join(", "),
                };
                found.push(
                    Diagnostic::warning(format!(
                        "the UI string `{key}` ({lang}) uses {{{name}}}, which it never receives: readers would see it as written"
                    ))
                    .at(&path, location.clone())
                    .with_hint(format!("this string receives {receives}: check the spelling")),
                );
            }
        }
        found
    }
}

/// Replaces each `{name}` for which `value` has something, in one pass (a
/// value that itself holds `{x}` is not expanded again). Anything else,
/// including unknown placeholders, is kept as written.
pub(super) fn fill<'v>(text: &str, mut value: impl FnMut(&str) -> Option<Cow<'v, str>>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let name_end = after.find('}').filter(|&end| is_name(&after[..end]));
        match name_end.and_then(|end| value(&after[..end]).map(|v| (end, v))) {
            Some((end, v)) => {
                out.push_str(&v);
                rest = &after[end + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn is_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_alphanumeric() || c == '_')
}
