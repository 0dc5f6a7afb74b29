//! Declared rules across the fields of a row: comparisons (of fields or of
//! values derived from them), under an optional condition.

use std::fmt;

use crate::data::parse::parse_cell;
use crate::data::value::Value;

use super::FieldType;

/// A cross-field rule: `left op right` must hold on every row where both
/// values are present (and where `when` holds, if given).
#[derive(Debug, Clone)]
pub struct Rule {
    pub left: Operand,
    pub op: Op,
    pub right: Operand,
    pub message: String,
    pub when: Option<Condition>,
}

/// A row condition: the (one-column) `field` has the value `equals`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub field: String,
    pub equals: Value,
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is `{}`", self.field, self.equals)
    }
}

/// One side of a rule: a field's value, or a value derived from it.
#[derive(Debug, Clone)]
pub struct Operand {
    pub field: String,
    pub derived: Derived,
    /// The type of the value compared (a capture takes the other side's).
    pub kind: FieldType,
}

#[derive(Debug, Clone)]
pub enum Derived {
    /// The field's own value.
    Itself,
    /// A part of a date.
    Part(DatePart),
    /// The first group a regular expression captures in a text field,
    /// read as a value of the operand's type.
    Capture { source: String, regex: regex::Regex },
}

/// The parts of a date a rule can compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    Year,
    Month,
    Day,
}

impl DatePart {
    pub const ALL: [DatePart; 3] = [Self::Year, Self::Month, Self::Day];

    pub fn name(self) -> &'static str {
        match self {
            Self::Year => "year",
            Self::Month => "month",
            Self::Day => "day",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }

    /// The type of the part: a year, or a number (month, day).
    pub fn kind(self) -> FieldType {
        match self {
            Self::Year => FieldType::Year,
            Self::Month | Self::Day => FieldType::Integer,
        }
    }
}

/// Why a derived value could not be computed from a present value.
#[derive(Debug, PartialEq, Eq)]
pub enum Underived {
    /// The capture's pattern does not match the text.
    NoMatch,
    /// The captured text is not a value of the operand's type.
    NotOfType(String),
}

impl Operand {
    /// The value compared, from the field's value `value`; `Ok(Null)`
    /// when the cell is empty.
    pub fn derive(&self, value: &Value) -> Result<Value, Underived> {
        if value.is_null() {
            return Ok(Value::Null);
        }
        match &self.derived {
            Derived::Itself => Ok(value.clone()),
            Derived::Part(part) => Ok(value.as_date().map_or(Value::Null, |date| match part {
                DatePart::Year => Value::Year(date.year()),
                DatePart::Month => Value::Integer(i64::from(date.month())),
                DatePart::Day => Value::Integer(i64::from(date.day())),
            })),
            Derived::Capture { regex, .. } => {
                let text = value.as_str().unwrap_or_default();
                let captured = regex
                    .captures(text)
                    .and_then(|c| c.get(1))
                    .ok_or(Underived::NoMatch)?
                    .as_str();
                match parse_cell(self.kind, captured) {
                    Ok(value) if !value.is_null() => Ok(value),
                    _ => Err(Underived::NotOfType(captured.to_string())),
                }
            }
        }
    }
}

/// How an operand reads in a message: `year`, `the year of approved_on`,
/// `what ^P-(\d{4}) captures in id`.
impl fmt::Display for Operand {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.derived {
            Derived::Itself => f.write_str(&self.field),
            Derived::Part(part) => write!(f, "the {} of {}", part.name(), self.field),
            Derived::Capture { source, .. } => {
                write!(f, "what {source} captures in {}", self.field)
            }
        }
    }
}

/// The comparison of a [`Rule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    Lt,
    Le,
    Eq,
    Ne,
    Ge,
    Gt,
}

impl Op {
    pub const ALL: [Op; 6] = [Self::Lt, Self::Le, Self::Eq, Self::Ne, Self::Ge, Self::Gt];

    pub fn symbol(self) -> &'static str {
        match self {
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Eq => "==",
            Self::Ne => "!=",
            Self::Ge => ">=",
            Self::Gt => ">",
        }
    }

    pub fn from_symbol(symbol: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|op| op.symbol() == symbol)
    }

    /// Whether `left op right` holds given how left compares to right.
    pub fn holds(self, ordering: std::cmp::Ordering) -> bool {
        use std::cmp::Ordering::{Equal, Greater, Less};
        match self {
            Self::Lt => ordering == Less,
            Self::Le => ordering != Greater,
            Self::Eq => ordering == Equal,
            Self::Ne => ordering != Equal,
            Self::Ge => ordering != Less,
            Self::Gt => ordering == Greater,
        }
    }
}
