//! Ratios of amounts never overflow, however far apart the amounts are.

use bayan::render::views::per_mille;
use rust_decimal::Decimal;

#[test]
fn per_mille_of_the_largest_amounts_is_a_full_bar_not_a_panic() {
    assert_eq!(per_mille(Decimal::MAX, Decimal::MAX), 1000);
    assert_eq!(per_mille(Decimal::MAX / Decimal::TWO, Decimal::MAX), 500);
    assert_eq!(per_mille(Decimal::MAX, Decimal::new(1, 28)), 1000);
    assert_eq!(per_mille(Decimal::MIN, Decimal::new(1, 28)), 0);
}

#[test]
fn per_mille_stays_exact_for_ordinary_amounts() {
    let d = |text: &str| text.parse::<Decimal>().unwrap_or_default();
    assert_eq!(per_mille(d("199500"), d("399000")), 500);
    assert_eq!(per_mille(d("2"), d("3")), 667);
    assert_eq!(per_mille(d("1"), d("8")), 125);
    assert_eq!(per_mille(d("5"), d("0")), 0);
}
