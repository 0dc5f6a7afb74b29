//! Cell text to typed values, strictly: ISO dates, a point for decimals, no
//! thousands separators. A failure says what was expected and, when the
//! mistake is a common one, how to fix it.

use jiff::civil::Date;
use rust_decimal::Decimal;

use super::hints;
use super::schema::FieldType;
use super::value::Value;

/// Why a cell could not be read as its type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellError {
    /// Completes "the cell in column `x` ...": "is not a number".
    pub problem: &'static str,
    pub hint: Option<String>,
    /// The code of the mistake when its message is in every language's
    /// catalogue (a cell not of its type, the common case).
    pub code: Option<&'static str>,
}

/// What a cell of this type looks like, for the `expected:` note.
pub fn expected(kind: FieldType) -> &'static str {
    match kind {
        FieldType::String => "text",
        FieldType::Integer => "a whole number such as 42",
        FieldType::Number => "a number such as 125000.50",
        FieldType::Date => "a date written YYYY-MM-DD, such as 2023-08-08",
        FieldType::Boolean => "true or false",
        FieldType::Year => "a year with four digits, such as 2024",
    }
}

/// Parses one cell; an empty cell is `Null`.
pub fn parse_cell(kind: FieldType, text: &str) -> Result<Value, CellError> {
    if text.is_empty() {
        return Ok(Value::Null);
    }
    let parsed = match kind {
        FieldType::String => Some(Value::String(text.to_string())),
        FieldType::Integer => parse_integer(text).map(Value::Integer),
        FieldType::Number => parse_number(text).map(Value::Number),
        FieldType::Date => parse_date(text).map(Value::Date),
        FieldType::Boolean => parse_boolean(text).map(Value::Boolean),
        FieldType::Year => parse_year(text).map(Value::Year),
    };
    parsed.ok_or_else(|| {
        let problem = problem(kind, text);
        CellError {
            problem,
            hint: hints::for_cell(kind, text),
            code: code(kind).filter(|_| is_generic(problem)),
        }
    })
}

/// The catalogue code of "is not a KIND" for each type.
fn code(kind: FieldType) -> Option<&'static str> {
    match kind {
        FieldType::Integer => Some("cell-not-integer"),
        FieldType::Number => Some("cell-not-number"),
        FieldType::Date => Some("cell-not-date"),
        FieldType::Boolean => Some("cell-not-boolean"),
        FieldType::Year => Some("cell-not-year"),
        FieldType::String => None,
    }
}

/// Whether the problem is the plain "not of its type" one (not "too large").
fn is_generic(problem: &str) -> bool {
    problem.starts_with("is not ") && problem != "is not a date that exists"
}

fn problem(kind: FieldType, text: &str) -> &'static str {
    match kind {
        FieldType::Integer if is_plain_number(text) => "is too large",
        FieldType::Number if is_plain_number(text) => "has too many digits",
        FieldType::Date if looks_like_iso_date(text) => "is not a date that exists",
        FieldType::String => "is not text",
        FieldType::Integer => "is not a whole number",
        FieldType::Number => "is not a number",
        FieldType::Date => "is not a date",
        FieldType::Boolean => "is not true or false",
        FieldType::Year => "is not a year",
    }
}

/// An optional sign, then ASCII digits with at most one point between digits.
pub(crate) fn is_plain_number(text: &str) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, "1"));
    is_digits(whole) && is_digits(fraction)
}

fn is_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn parse_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !is_digits(digits) {
        return None;
    }
    text.parse().ok()
}

fn parse_number(text: &str) -> Option<Decimal> {
    if !is_plain_number(text) {
        return None;
    }
    // The syntax is checked above because from_str also takes `1_000`.
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    Decimal::from_str_exact(unsigned).ok()
}

fn looks_like_iso_date(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() == 10
        && b.get(4) == Some(&b'-')
        && b.get(7) == Some(&b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

fn parse_date(text: &str) -> Option<Date> {
    if !looks_like_iso_date(text) {
        return None;
    }
    let year = text.get(0..4)?.parse().ok()?;
    let month = text.get(5..7)?.parse().ok()?;
    let day = text.get(8..10)?.parse().ok()?;
    Date::new(year, month, day).ok()
}

fn parse_boolean(text: &str) -> Option<bool> {
    match text {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

fn parse_year(text: &str) -> Option<i16> {
    if text.len() != 4 || !is_digits(text) {
        return None;
    }
    text.parse().ok()
}
