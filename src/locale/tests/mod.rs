//! Behaviour of the locale module, checked against the exact CLDR output.

mod formatting;
mod strings;
mod templates;

use std::path::PathBuf;

use rust_decimal::Decimal;

use super::Locale;

fn locale(tag: &str) -> Locale {
    Locale::new(tag).unwrap_or_else(|e| panic!("{tag}: {e}"))
}

fn dec(text: &str) -> Decimal {
    text.parse().unwrap_or_else(|e| panic!("{text}: {e}"))
}

/// The default theme's strings files, fr first (the default language).
fn theme_files() -> Vec<(String, PathBuf)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("themes/default/i18n");
    ["fr", "ar"]
        .into_iter()
        .map(|lang| (lang.to_string(), dir.join(format!("{lang}.toml"))))
        .collect()
}
