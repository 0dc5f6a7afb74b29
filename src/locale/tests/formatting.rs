use jiff::civil::date;

use super::{dec, locale};
use crate::locale::{DateLength, Locale, LocaleError, PluralCategory};

const NNBSP: char = '\u{202f}';

#[test]
fn fr_ma_groups_with_dots_and_a_decimal_comma() {
    let fr_ma = locale("fr-MA");
    assert_eq!(fr_ma.integer(10_000_000), "10.000.000");
    assert_eq!(fr_ma.decimal(dec("10000000.5"), 2), "10.000.000,5");
}

#[test]
fn fr_groups_with_narrow_no_break_spaces() {
    let fr = locale("fr");
    assert_eq!(fr.integer(10_000_000), format!("10{NNBSP}000{NNBSP}000"));
    assert_eq!(
        fr.decimal(dec("10000000.5"), 2),
        format!("10{NNBSP}000{NNBSP}000,5")
    );
    assert_eq!(fr.integer(1234), format!("1{NNBSP}234"));
}

#[test]
fn ar_ma_uses_western_digits_with_dots_and_a_decimal_comma() {
    let ar_ma = locale("ar-MA");
    assert_eq!(ar_ma.integer(10_000_000), "10.000.000");
    assert_eq!(ar_ma.decimal(dec("10000000.5"), 2), "10.000.000,5");
    // CLDR puts a left-to-right mark before the minus sign.
    assert_eq!(ar_ma.decimal(dec("-1234.5"), 2), "\u{200e}-1.234,5");
}

#[test]
fn keeps_decimals_exact_without_float_rounding() {
    let fr_ma = locale("fr-MA");
    assert_eq!(fr_ma.decimal(dec("9999999.99"), 2), "9.999.999,99");
    assert_eq!(fr_ma.decimal(dec("0.1") + dec("0.2"), 2), "0,3");
    assert_eq!(
        fr_ma.decimal(dec("1234567890123456789.12"), 2),
        "1.234.567.890.123.456.789,12"
    );
    // 2.675 is 2.67499999… as a float; exactly it rounds half up.
    assert_eq!(fr_ma.decimal(dec("2.675"), 2), "2,68");
    assert_eq!(fr_ma.decimal(dec("-0.004"), 2), "0");
}

#[test]
fn trims_trailing_zeros_to_at_most_the_maximum() {
    let fr_ma = locale("fr-MA");
    assert_eq!(fr_ma.decimal(dec("1.50"), 2), "1,5");
    assert_eq!(fr_ma.decimal(dec("1.999"), 2), "2");
    assert_eq!(fr_ma.decimal(dec("1.23456"), 3), "1,235");
    assert_eq!(fr_ma.decimal(dec("1.5"), 0), "2");
}

#[test]
fn shows_money_with_centimes_only_when_there_are_some() {
    let fr_ma = locale("fr-MA");
    let pattern = "{amount}\u{a0}DH";
    assert_eq!(fr_ma.money(dec("1234567"), pattern), "1.234.567\u{a0}DH");
    assert_eq!(fr_ma.money(dec("1234567.00"), pattern), "1.234.567\u{a0}DH");
    assert_eq!(
        fr_ma.money(dec("1234567.5"), pattern),
        "1.234.567,50\u{a0}DH"
    );
    assert_eq!(fr_ma.money(dec("0.004"), pattern), "0\u{a0}DH");
    let fr = locale("fr");
    assert_eq!(fr.money(dec("99.999"), "{amount} MAD"), "100 MAD");
    let ar_ma = locale("ar-MA");
    assert_eq!(
        ar_ma.money(dec("2500.75"), "{amount} درهم"),
        "2.500,75 درهم"
    );
    assert_eq!(ar_ma.money(dec("12"), "درهم"), "12\u{a0}درهم");
}

#[test]
fn formats_percentages_with_the_cldr_sign_and_spacing() {
    let ratio = dec("0.4567");
    assert_eq!(locale("fr").percent(ratio, 1), "45,7\u{a0}%");
    assert_eq!(locale("fr-MA").percent(ratio, 1), "45,7\u{a0}%");
    assert_eq!(locale("ar-MA").percent(ratio, 1), "45,7\u{200e}%\u{200e}");
    assert_eq!(locale("fr-MA").percent(ratio, 0), "46\u{a0}%");
    assert_eq!(locale("fr-MA").percent(dec("0.5"), 2), "50,00\u{a0}%");
    assert_eq!(locale("es").percent(dec("12.5"), 0), "1250\u{a0}%");
}

#[test]
fn names_months_the_moroccan_way_in_ar_ma() {
    let ar_ma = locale("ar-MA");
    assert_eq!(ar_ma.date(date(2023, 8, 8), DateLength::Long), "8 غشت 2023");
    assert_eq!(ar_ma.date(date(2023, 5, 1), DateLength::Long), "1 ماي 2023");
    assert_eq!(
        ar_ma.date(date(2023, 7, 30), DateLength::Long),
        "30 يوليوز 2023"
    );
    assert_eq!(
        ar_ma.date(date(2023, 8, 8), DateLength::Medium),
        "08\u{200f}/08\u{200f}/2023"
    );
    assert_eq!(
        ar_ma.date(date(2023, 8, 8), DateLength::Short),
        "8\u{200f}/8\u{200f}/2023"
    );
    // The generic Arabic locale says أغسطس: why sites must use ar-MA.
    assert_eq!(
        locale("ar").date(date(2023, 8, 8), DateLength::Long),
        "8 أغسطس 2023"
    );
}

#[test]
fn formats_french_dates_long_medium_and_short() {
    for tag in ["fr", "fr-MA"] {
        let fr = locale(tag);
        assert_eq!(fr.date(date(2023, 8, 8), DateLength::Long), "8 août 2023");
        assert_eq!(fr.date(date(2023, 8, 8), DateLength::Medium), "8 août 2023");
        assert_eq!(fr.date(date(2023, 8, 8), DateLength::Short), "08/08/2023");
        assert_eq!(fr.date(date(2025, 3, 1), DateLength::Long), "1 mars 2025");
    }
}

#[test]
fn chooses_all_six_arabic_plural_categories() {
    let ar_ma = locale("ar-MA");
    let cases = [
        ("0", PluralCategory::Zero),
        ("1", PluralCategory::One),
        ("2", PluralCategory::Two),
        ("3", PluralCategory::Few),
        ("10", PluralCategory::Few),
        ("11", PluralCategory::Many),
        ("99", PluralCategory::Many),
        ("100", PluralCategory::Other),
        ("103", PluralCategory::Few),
        ("1.5", PluralCategory::Other),
    ];
    for (n, category) in cases {
        assert_eq!(ar_ma.plural(dec(n)), category, "{n}");
    }
}

#[test]
fn chooses_french_plural_categories() {
    let fr = locale("fr-MA");
    assert_eq!(fr.plural(dec("0")), PluralCategory::One);
    assert_eq!(fr.plural(dec("1")), PluralCategory::One);
    assert_eq!(fr.plural(dec("1.5")), PluralCategory::One);
    assert_eq!(fr.plural(dec("2")), PluralCategory::Other);
    assert_eq!(fr.plural(dec("1000000")), PluralCategory::Many);
    assert_eq!(PluralCategory::Many.as_str(), "many");
}

#[test]
fn rejects_ill_formed_and_unknown_language_tags() {
    let invalid = Locale::new("fr MA!").map(|l| l.tag().to_string());
    assert!(
        matches!(invalid, Err(LocaleError::InvalidTag { .. })),
        "{invalid:?}"
    );
    let unknown = Locale::new("xx").map(|l| l.tag().to_string());
    assert_eq!(unknown, Err(LocaleError::Unsupported { tag: "xx".into() }));
    let message = LocaleError::Unsupported { tag: "xx".into() }.to_string();
    assert!(message.contains("fr-MA"), "{message}");
    assert_eq!(locale("es").tag(), "es");
    assert_eq!(locale("fr-ma").tag(), "fr-MA");
}

#[test]
fn knows_arabic_is_written_right_to_left() {
    assert_eq!(locale("ar-MA").direction(), "rtl");
    assert_eq!(locale("fr-MA").direction(), "ltr");
}

#[test]
fn locale_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<Locale>();
    shared::<crate::locale::Locales>();
}

/// Amazigh formatted by fr-MA: its own month names in long and medium
/// dates, fr-MA's order, digits and numeric short dates.
#[test]
fn a_language_with_its_own_month_names_keeps_the_formatting_locale_for_the_rest() {
    let names: Vec<String> = [
        "ⵉⵏⵏⴰⵢⵔ",
        "ⴱⵕⴰⵢⵕ",
        "ⵎⴰⵕⵚ",
        "ⵉⴱⵔⵉⵔ",
        "ⵎⴰⵢⵢⵓ",
        "ⵢⵓⵏⵢⵓ",
        "ⵢⵓⵍⵢⵓⵣ",
        "ⵖⵓⵛⵜ",
        "ⵛⵓⵜⴰⵏⴱⵉⵔ",
        "ⴽⵜⵓⴱⵔ",
        "ⵏⵓⵡⴰⵏⴱⵉⵔ",
        "ⴷⵓⵊⴰⵏⴱⵉⵔ",
    ]
    .map(String::from)
    .to_vec();
    let zgh = locale("fr-MA")
        .with_months(&names)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(zgh.date(date(2023, 8, 8), DateLength::Long), "8 ⵖⵓⵛⵜ 2023");
    assert_eq!(
        zgh.date(date(2025, 3, 22), DateLength::Long),
        "22 ⵎⴰⵕⵚ 2025"
    );
    // fr-MA abbreviates January in medium dates ("8 janv. 2023").
    assert_eq!(
        zgh.date(date(2023, 1, 8), DateLength::Medium),
        "8 ⵉⵏⵏⴰⵢⵔ 2023"
    );
    assert_eq!(
        zgh.date(date(2023, 12, 31), DateLength::Medium),
        "31 ⴷⵓⵊⴰⵏⴱⵉⵔ 2023"
    );
    assert_eq!(zgh.date(date(2023, 8, 8), DateLength::Short), "08/08/2023");
    assert_eq!(zgh.integer(10_000_000), "10.000.000");
    // ar-MA's medium dates are digits only: nothing to replace.
    let digits = locale("ar-MA")
        .with_months(&names)
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        digits.date(date(2023, 8, 8), DateLength::Medium),
        "08\u{200f}/08\u{200f}/2023"
    );
}
