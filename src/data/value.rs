//! Typed cell values.

use std::fmt;

use jiff::civil::Date;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// One typed cell. An empty cell is `Null`. Values of one column share a
/// variant, so the derived order (variant first) sorts a column correctly.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Value {
    Null,
    String(String),
    Integer(i64),
    /// An exact decimal that keeps the scale it was written with.
    Number(Decimal),
    Date(Date),
    Boolean(bool),
    Year(i16),
}

impl Value {
    /// Integers and numbers as an exact decimal.
    pub fn as_decimal(&self) -> Option<Decimal> {
        match self {
            Self::Integer(i) => Some(Decimal::from(*i)),
            Self::Number(d) => Some(*d),
            _ => None,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::String(s) => Some(s),
            _ => None,
        }
    }

    pub fn as_i64(&self) -> Option<i64> {
        match self {
            Self::Integer(i) => Some(*i),
            Self::Year(y) => Some(i64::from(*y)),
            _ => None,
        }
    }

    pub fn as_date(&self) -> Option<Date> {
        match self {
            Self::Date(d) => Some(*d),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Self::Boolean(b) => Some(*b),
            _ => None,
        }
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// Compares two values of comparable types: integers with numbers as
    /// decimals, otherwise only the same variant. `None` when either is null.
    pub fn compare(&self, other: &Value) -> Option<std::cmp::Ordering> {
        match (self, other) {
            (Self::Null, _) | (_, Self::Null) => None,
            (Self::Integer(_) | Self::Number(_), Self::Integer(_) | Self::Number(_)) => {
                Some(self.as_decimal()?.cmp(&other.as_decimal()?))
            }
            _ if std::mem::discriminant(self) == std::mem::discriminant(other) => {
                Some(self.cmp(other))
            }
            _ => None,
        }
    }
}

impl fmt::Display for Value {
    /// The canonical text, as a CSV export writes it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Null => Ok(()),
            Self::String(s) => f.write_str(s),
            Self::Integer(i) => write!(f, "{i}"),
            Self::Number(d) => write!(f, "{d}"),
            Self::Date(d) => write!(f, "{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Self::Boolean(b) => write!(f, "{b}"),
            Self::Year(y) => write!(f, "{y:04}"),
        }
    }
}

impl Serialize for Value {
    /// JSON-friendly: numbers as exact decimal strings (a JSON float would
    /// round money), dates as `YYYY-MM-DD`, empty cells as null.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_none(),
            Self::String(s) => serializer.serialize_str(s),
            Self::Integer(i) => serializer.serialize_i64(*i),
            Self::Number(_) | Self::Date(_) => serializer.collect_str(self),
            Self::Boolean(b) => serializer.serialize_bool(*b),
            Self::Year(y) => serializer.serialize_i16(*y),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn number(text: &str) -> Value {
        Value::Number(text.parse().unwrap_or_default())
    }

    #[test]
    fn displays_canonical_text_keeping_the_written_scale() {
        assert_eq!(number("125000.50").to_string(), "125000.50");
        assert_eq!(
            Value::Date(jiff::civil::date(2023, 8, 8)).to_string(),
            "2023-08-08"
        );
        assert_eq!(Value::Null.to_string(), "");
        assert_eq!(Value::Year(2024).to_string(), "2024");
        assert_eq!(Value::Boolean(false).to_string(), "false");
    }

    #[test]
    fn serializes_numbers_as_exact_strings_and_null_as_null() {
        let values = vec![
            number("0.10"),
            Value::Integer(7),
            Value::Date(jiff::civil::date(2025, 3, 1)),
            Value::Null,
            Value::Boolean(true),
            Value::Year(2023),
            Value::String("تعاونية".into()),
        ];
        let json = serde_json::to_string(&values).unwrap_or_default();
        assert_eq!(json, r#"["0.10",7,"2025-03-01",null,true,2023,"تعاونية"]"#);
    }

    #[test]
    fn compares_integers_with_numbers_and_skips_nulls() {
        use std::cmp::Ordering;
        assert_eq!(
            Value::Integer(3).compare(&number("2.5")),
            Some(Ordering::Greater)
        );
        assert_eq!(Value::Null.compare(&Value::Integer(1)), None);
        assert_eq!(Value::Year(2023).compare(&Value::Integer(1)), None);
        assert_eq!(number("1.0").as_decimal(), number("1.00").as_decimal());
    }
}
