//! Month names for a language CLDR does not name them for (Amazigh): the
//! language's strings file lists them (`date.months`), and its dates keep
//! the shape and digits of the locale that formats them (`format_locale`),
//! with that locale's month name replaced by the language's own.

use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::M;

use super::{LocaleError, Strings};
use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics};

/// A language's own month names beside the formatting locale's, wide
/// (long dates) and abbreviated (medium dates), January first.
#[derive(Debug)]
pub(super) struct Months {
    own: Vec<String>,
    borrowed_wide: Vec<String>,
    borrowed_abbreviated: Vec<String>,
}

impl Months {
    /// `own` holds twelve names (the strings file is checked when read);
    /// `icu` is the formatting locale.
    pub(super) fn new(icu: &icu_locale::Locale, own: &[String]) -> Result<Months, LocaleError> {
        let tag = icu.to_string();
        let names = |fields: M| -> Result<Vec<String>, LocaleError> {
            let formatter =
                FixedCalendarDateTimeFormatter::<Gregorian, M>::try_new(icu.into(), fields)
                    .map_err(|e| LocaleError::data(&tag, "month", &e))?;
            Ok((1..=12u8)
                .map(|month| match Date::try_new_gregorian(2023, month, 15) {
                    Ok(date) => formatter.format(&date).to_string(),
                    Err(_) => String::new(),
                })
                .collect())
        };
        Ok(Months {
            own: own.to_vec(),
            borrowed_wide: names(M::long())?,
            borrowed_abbreviated: names(M::medium())?,
        })
    }

    /// `formatted` (`date` by the formatting locale) with its month name
    /// replaced by the language's own; a date written in digits only
    /// (ar-MA's medium dates) has no name to replace and is kept.
    pub(super) fn replace(&self, formatted: &str, wide: bool, date: jiff::civil::Date) -> String {
        let index = usize::from(date.month().unsigned_abs()).saturating_sub(1);
        let Some(own) = self.own.get(index) else {
            return formatted.to_string();
        };
        let borrowed = match wide {
            true => &self.borrowed_wide,
            false => &self.borrowed_abbreviated,
        };
        match borrowed.get(index).filter(|b| !b.is_empty()) {
            Some(name) => formatted.replacen(name.as_str(), own, 1),
            None => formatted.to_string(),
        }
    }
}

/// A language formatted by another's locale (`format_locale`) shows that
/// locale's month names in its dates unless its strings name its own.
pub fn borrowed_month_names(config: &SiteConfig, strings: &Strings, diagnostics: &mut Diagnostics) {
    for language in &config.languages {
        let Some(format) = &language.format_locale else {
            continue;
        };
        // Without any strings file the language is already an error.
        if strings.months(&language.code).is_some() || !strings.has_language(&language.code) {
            continue;
        }
        let code = &language.code;
        diagnostics.push(
            Diagnostic::warning(format!(
                "dates on `{code}` pages will name their months in the language of `{format}`"
            ))
            .at(crate::config::CONFIG_FILE, language.code_at.clone())
            .with_hint(format!(
                "list the twelve month names, January first, in i18n/{code}.toml: date.months = [\"…\", …]"
            )),
        );
    }
}
