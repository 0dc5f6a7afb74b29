//! Exact sums must not overflow. A key figure sums a column over any group
//! of rows, and each such sum is at most the sum of the column's absolute
//! values: checking that one here, once, at the cell where it overflows,
//! lets every later sum be exact.

use rust_decimal::Decimal;

use super::load_table::Loaded;
use super::value::Value;
use crate::diagnostics::Diagnostic;

/// An error at the first cell of each numeric column where the sum of the
/// absolute values leaves the range of exact decimals.
pub fn check(loaded: &Loaded) -> Vec<Diagnostic> {
    let table = &loaded.table;
    (0..table.columns.len())
        .filter_map(|column| {
            let row = overflowing_row(table.rows.iter().map(|r| r.values.get(column)))?;
            let name = table.columns.get(column).map_or("", |c| c.name.as_str());
            let message = format!(
                "the values of column `{name}` add up to more than Bayan can sum exactly at this cell"
            );
            Some(loaded.cell_error(row, column, message).with_hint(
                "exact sums stop near 79 thousand billion billion (7.9 × 10^28): check this value, or lower the `maximum` of the field in the schema",
            ))
        })
        .collect()
}

/// The index of the value at which the running sum of absolute values
/// overflows, if it does.
fn overflowing_row<'a>(values: impl Iterator<Item = Option<&'a Value>>) -> Option<usize> {
    let mut total = Decimal::ZERO;
    for (row, value) in values.enumerate() {
        let Some(amount) = value.and_then(Value::as_decimal) else {
            continue;
        };
        match total.checked_add(amount.abs()) {
            Some(sum) => total = sum,
            None => return Some(row),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Option<Value> {
        Some(Value::Number(text.parse().unwrap_or_default()))
    }

    #[test]
    fn finds_the_value_at_which_the_sum_overflows() {
        let big = number("39614081257132168796771975168");
        let values = [number("1"), None, big.clone(), big.clone(), big];
        assert_eq!(overflowing_row(values.iter().map(Option::as_ref)), Some(3));
    }

    #[test]
    fn negative_values_count_by_their_size() {
        let values = [
            number("39614081257132168796771975168"),
            number("-39614081257132168796771975168"),
        ];
        assert_eq!(overflowing_row(values.iter().map(Option::as_ref)), Some(1));
    }

    #[test]
    fn sums_in_range_are_fine() {
        let values = [
            number("1000000000000000"),
            number("-5"),
            Some(Value::Integer(i64::MAX)),
        ];
        assert_eq!(overflowing_row(values.iter().map(Option::as_ref)), None);
    }
}
