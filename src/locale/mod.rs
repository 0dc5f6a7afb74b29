//! CLDR-correct formatting and UI strings, one [`Locale`] per site language.
//!
//! 1. [`Locale::new`] builds a language's ICU4X formatters (numbers, dates,
//!    plural rules) once, from the compiled CLDR data: nothing is fetched.
//! 2. [`Strings::load`] reads the UI strings files (theme first, then the
//!    site's own), reporting every mistake as a diagnostic.
//! 3. [`Locales`] holds both, and [`register_template_helpers`] gives them
//!    to Tera as the `number`, `money`, `percent`, `date` and
//!    `plural_category` filters and the `t()` function.
//!
//! Amounts are exact decimals (`rust_decimal`) from end to end: no float is
//! ever involved in rounding or formatting. Rounding is half away from zero,
//! as people round by hand.

mod helpers;
mod months;
mod number;
mod strings;
mod strings_toml;

#[cfg(test)]
mod tests;

use std::collections::BTreeMap;

use icu_calendar::{Date, Gregorian};
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::YMD;
use icu_decimal::DecimalFormatter;
use icu_locale::LocaleDirectionality;
use icu_plurals::PluralRules;
use rust_decimal::Decimal;

pub use helpers::register_template_helpers;
pub use months::borrowed_month_names;
pub use strings::{Lookup, Strings};

type DateFormatter = FixedCalendarDateTimeFormatter<Gregorian, YMD>;

/// Why a language tag cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LocaleError {
    #[error("`{tag}` is not a valid language tag ({reason}); write it like fr-MA or ar-MA")]
    InvalidTag { tag: String, reason: String },
    #[error("there is no CLDR data for `{tag}`; use a locale such as fr-MA, ar-MA or es")]
    Unsupported { tag: String },
    #[error("cannot load the {what} data for `{tag}`: {reason}")]
    Data {
        tag: String,
        what: &'static str,
        reason: String,
    },
    #[error("the language `{code}` is configured twice")]
    DuplicateLanguage { code: String },
}

impl LocaleError {
    fn data(tag: &str, what: &'static str, error: &dyn std::fmt::Display) -> Self {
        Self::Data {
            tag: tag.to_string(),
            what,
            reason: error.to_string(),
        }
    }
}

/// How much of a date to spell out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateLength {
    /// fr "8 août 2023", ar-MA "8 غشت 2023".
    Long,
    /// fr "8 août 2023", ar-MA "08‏/08‏/2023".
    Medium,
    /// fr "08/08/2023", ar-MA "8‏/8‏/2023".
    Short,
}

impl DateLength {
    /// `long`, `medium` or `short`, as templates write it.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "long" => Some(Self::Long),
            "medium" => Some(Self::Medium),
            "short" => Some(Self::Short),
            _ => None,
        }
    }
}

/// The CLDR plural categories; Arabic uses all six, French `one`, `many`
/// and `other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PluralCategory {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    pub const ALL: [Self; 6] = [
        Self::Zero,
        Self::One,
        Self::Two,
        Self::Few,
        Self::Many,
        Self::Other,
    ];

    /// The CLDR name: `zero`, `one`, `two`, `few`, `many` or `other`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Zero => "zero",
            Self::One => "one",
            Self::Two => "two",
            Self::Few => "few",
            Self::Many => "many",
            Self::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

impl From<icu_plurals::PluralCategory> for PluralCategory {
    fn from(category: icu_plurals::PluralCategory) -> Self {
        use icu_plurals::PluralCategory as Icu;
        match category {
            Icu::Zero => Self::Zero,
            Icu::One => Self::One,
            Icu::Two => Self::Two,
            Icu::Few => Self::Few,
            Icu::Many => Self::Many,
            Icu::Other => Self::Other,
        }
    }
}

/// One language's formatters, built once and shared by every page.
#[derive(Debug)]
pub struct Locale {
    tag: String,
    right_to_left: bool,
    decimal: DecimalFormatter,
    plurals: PluralRules,
    /// Long, medium, short.
    dates: [DateFormatter; 3],
    percent_suffix: &'static str,
    /// The language's own month names, when its strings file lists them.
    months: Option<months::Months>,
}

impl Locale {
    /// The formatters of a CLDR locale such as `fr-MA`, `ar-MA`, `fr`, `es`.
    /// An ill-formed tag, or a language CLDR has no data for, is an error.
    pub fn new(tag: &str) -> Result<Locale, LocaleError> {
        let icu: icu_locale::Locale =
            tag.parse()
                .map_err(|e: icu_locale::ParseError| LocaleError::InvalidTag {
                    tag: tag.to_string(),
                    reason: e.to_string(),
                })?;
        let data = |what| move |e: &dyn std::fmt::Display| LocaleError::data(tag, what, e);
        let decimal = DecimalFormatter::try_new((&icu).into(), Default::default())
            .map_err(|e| data("number")(&e))?;
        let plurals =
            PluralRules::try_new_cardinal((&icu).into()).map_err(|e| data("plural")(&e))?;
        let dates = date_formatters(&icu).map_err(|e| data("date")(&e))?;
        let locale = Locale {
            tag: icu.to_string(),
            right_to_left: LocaleDirectionality::new_common().is_right_to_left(&icu.id),
            percent_suffix: number::percent_suffix(&icu, &decimal),
            decimal,
            plurals,
            dates,
            months: None,
        };
        if !locale.has_own_data(&icu) {
            return Err(LocaleError::Unsupported {
                tag: tag.to_string(),
            });
        }
        Ok(locale)
    }

    /// The tag in its canonical BCP 47 spelling: `fr-MA`.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// `rtl` or `ltr`, for `<html dir>`.
    pub fn direction(&self) -> &'static str {
        if self.right_to_left { "rtl" } else { "ltr" }
    }

    /// A whole number with the locale's grouping: fr `10 000 000` (U+202F),
    /// fr-MA and ar-MA `10.000.000`.
    pub fn integer(&self, n: i64) -> String {
        self.decimal
            .format(&fixed_decimal::Decimal::from(n))
            .to_string()
    }

    /// An exact decimal rounded to at most `max_fraction_digits`, with
    /// trailing zeros dropped: fr `10 000 000,5`.
    pub fn decimal(&self, d: Decimal, max_fraction_digits: u8) -> String {
        self.format(number::round_trimmed(d, max_fraction_digits))
    }

    /// An amount of money in a pattern from the strings file, such as
    /// `{amount} DH`: no decimals for whole amounts, two when there are
    /// centimes. A pattern without `{amount}` gets the amount in front.
    pub fn money(&self, d: Decimal, pattern: &str) -> String {
        let amount = self.format(number::money_amount(d));
        if pattern.contains("{amount}") {
            pattern.replace("{amount}", &amount)
        } else {
            format!("{amount}\u{a0}{pattern}")
        }
    }

    /// A ratio as a percentage with exactly `fraction_digits` decimals:
    /// 0.4567 gives fr `45,7 %` (no-break space), ar-MA `45,7‎%‎` (CLDR
    /// puts left-to-right marks around the sign).
    pub fn percent(&self, ratio: Decimal, fraction_digits: u8) -> String {
        match number::percent_value(ratio, fraction_digits) {
            Some(value) => format!("{}{}", self.format(value), self.percent_suffix),
            None => format!("{ratio}"),
        }
    }

    /// A date in the Gregorian calendar: Long fr `8 août 2023`, ar-MA
    /// `8 غشت 2023` (Moroccan month names).
    pub fn date(&self, date: jiff::civil::Date, length: DateLength) -> String {
        let formatter = match length {
            DateLength::Long => &self.dates[0],
            DateLength::Medium => &self.dates[1],
            DateLength::Short => &self.dates[2],
        };
        let month = date.month().unsigned_abs();
        let day = date.day().unsigned_abs();
        let formatted = match Date::try_new_gregorian(i32::from(date.year()), month, day) {
            Ok(date) => formatter.format(&date).to_string(),
            Err(_) => return date.to_string(),
        };
        match (&self.months, length) {
            (Some(months), DateLength::Long | DateLength::Medium) => {
                months.replace(&formatted, length == DateLength::Long, date)
            }
            _ => formatted,
        }
    }

    /// The same formatters, with the language's own month names (twelve,
    /// January first) in place of the locale's in long and medium dates.
    pub fn with_months(mut self, names: &[String]) -> Result<Locale, LocaleError> {
        let icu: icu_locale::Locale =
            self.tag
                .parse()
                .map_err(|e: icu_locale::ParseError| LocaleError::InvalidTag {
                    tag: self.tag.clone(),
                    reason: e.to_string(),
                })?;
        self.months = Some(months::Months::new(&icu, names)?);
        Ok(self)
    }

    /// The CLDR cardinal plural category of `n`, as written (1.0 and 1 may
    /// differ, as in CLDR).
    pub fn plural(&self, n: Decimal) -> PluralCategory {
        self.plurals.category_for(&number::to_fixed(n)).into()
    }

    /// `n` as `decimal(n, 2)` shows it, and the plural category of exactly
    /// what is shown, so "1,00" and "1" agree with their words.
    pub fn count(&self, n: Decimal) -> (String, PluralCategory) {
        let shown = number::round_trimmed(n, 2);
        (self.format(shown), self.plural(shown))
    }

    fn format(&self, d: Decimal) -> String {
        self.decimal.format(&number::to_fixed(d)).to_string()
    }

    /// ICU4X falls back to the root locale for languages it has no data
    /// for; root spells months as `M08`, every real locale names them.
    fn has_own_data(&self, icu: &icu_locale::Locale) -> bool {
        if icu.id.language.is_unknown() {
            return true;
        }
        let probe = jiff::civil::date(2023, 8, 8);
        !self.date(probe, DateLength::Long).contains("M08")
    }
}

fn date_formatters(
    icu: &icu_locale::Locale,
) -> Result<[DateFormatter; 3], icu_datetime::DateTimeFormatterLoadError> {
    let build = |fields| DateFormatter::try_new(icu.into(), fields);
    Ok([
        build(YMD::long())?,
        build(YMD::medium())?,
        build(YMD::short())?,
    ])
}

/// Every site language's [`Locale`], by language code, and the UI strings.
#[derive(Debug)]
pub struct Locales {
    locales: BTreeMap<String, Locale>,
    strings: Strings,
}

impl Locales {
    /// `languages` pairs a site language code (`fr`) with its CLDR tag
    /// (`fr-MA`).
    pub fn new(languages: &[(String, String)], strings: Strings) -> Result<Locales, LocaleError> {
        let mut locales = BTreeMap::new();
        for (code, tag) in languages {
            let mut locale = Locale::new(tag)?;
            if let Some(names) = strings.months(code) {
                locale = locale.with_months(names)?;
            }
            if locales.insert(code.clone(), locale).is_some() {
                return Err(LocaleError::DuplicateLanguage { code: code.clone() });
            }
        }
        Ok(Locales { locales, strings })
    }

    pub fn get(&self, lang: &str) -> Option<&Locale> {
        self.locales.get(lang)
    }

    pub fn strings(&self) -> &Strings {
        &self.strings
    }

    /// Every language code with its Locale, in code order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Locale)> {
        self.locales
            .iter()
            .map(|(code, locale)| (code.as_str(), locale))
    }

    /// The UI string `key` in `lang`, like [`Strings::get`], except that a
    /// fallback text gets its count formatted and pluralised by the rules
    /// of the language it is written in.
    pub fn lookup(&self, lang: &str, key: &str, count: Option<Decimal>) -> Option<Lookup> {
        let own = self.get(lang)?;
        let fallback = self.get(self.strings.default_language()).unwrap_or(own);
        Some(self.strings.get_with(lang, key, count, own, fallback))
    }
}
