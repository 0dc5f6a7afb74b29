//! Exact decimal arithmetic for display: rounding, money and percent rules,
//! and the hand-off from `rust_decimal` to ICU4X's `fixed_decimal`.

use icu_decimal::DecimalFormatter;
use rust_decimal::{Decimal, RoundingStrategy};

/// Rounded half away from zero to at most `digits` decimals, trailing zeros
/// dropped, and never a negative zero.
pub(super) fn round_trimmed(d: Decimal, digits: u8) -> Decimal {
    let rounded =
        d.round_dp_with_strategy(u32::from(digits), RoundingStrategy::MidpointAwayFromZero);
    positive_zero(rounded.normalize())
}

/// Money: whole amounts without decimals, otherwise exactly two (centimes).
pub(super) fn money_amount(d: Decimal) -> Decimal {
    let mut rounded = d.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    if rounded.fract().is_zero() {
        rounded = rounded.trunc();
    } else {
        rounded.rescale(2);
    }
    positive_zero(rounded)
}

/// `ratio` × 100 with exactly `digits` decimals, or `None` on overflow.
pub(super) fn percent_value(ratio: Decimal, digits: u8) -> Option<Decimal> {
    let digits = u32::from(digits.min(20));
    let mut value = ratio
        .checked_mul(Decimal::ONE_HUNDRED)?
        .round_dp_with_strategy(digits, RoundingStrategy::MidpointAwayFromZero);
    value.rescale(digits);
    Some(positive_zero(value))
}

fn positive_zero(mut d: Decimal) -> Decimal {
    if d.is_zero() {
        d.set_sign_positive(true);
    }
    d
}

/// The same value for ICU4X, digit for digit, trailing zeros kept.
pub(super) fn to_fixed(d: Decimal) -> fixed_decimal::Decimal {
    let mut fixed = fixed_decimal::Decimal::from(d.mantissa());
    let scale = i16::try_from(d.scale()).unwrap_or(0);
    fixed.multiply_pow10(-scale);
    fixed
}

/// What follows the number in CLDR 48's percent pattern.
///
/// ICU4X 2.x keeps percent formatting behind its unstable feature, so the
/// few suffixes that differ from the root `#,##0%` are written here: French,
/// Spanish, German and Tamazight put a no-break space before `%`; Arabic in
/// Western digits wraps `%` in left-to-right marks, in Arabic-Indic digits it
/// uses `٪` and an Arabic letter mark.
pub(super) fn percent_suffix(
    locale: &icu_locale::Locale,
    decimal: &DecimalFormatter,
) -> &'static str {
    let language = locale.id.language.as_str();
    let region = locale.id.region.as_ref().map(|r| r.as_str());
    match (language, region) {
        ("fr", Some("CH")) => "%",
        ("fr" | "es" | "de" | "zgh", _) => "\u{a0}%",
        ("ar", _) if uses_western_digits(decimal) => "\u{200e}%\u{200e}",
        ("ar", _) => "\u{66a}\u{61c}",
        _ => "%",
    }
}

fn uses_western_digits(decimal: &DecimalFormatter) -> bool {
    decimal.format(&fixed_decimal::Decimal::from(7)).to_string() == "7"
}
