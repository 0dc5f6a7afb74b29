//! Constraints on one cell: required, minimum, maximum, maxDecimals,
//! minLength, maxLength, pattern, enum. `unique` needs all rows: see [`super::keys`].

use super::schema::Constraints;
use super::value::Value;
use crate::diagnostics::suggest;

/// What is wrong with a cell that breaks a constraint.
#[derive(Debug)]
pub struct Violation {
    /// Completes "the cell in column `x` ...".
    pub problem: String,
    pub note: Option<String>,
    pub hint: Option<String>,
}

impl Violation {
    fn new(problem: String) -> Self {
        Self {
            problem,
            note: None,
            hint: None,
        }
    }

    fn note(mut self, note: String) -> Self {
        self.note = Some(note);
        self
    }

    fn hint(mut self, hint: String) -> Self {
        self.hint = Some(hint);
        self
    }
}

/// The first constraint `value` breaks, if any. Required-ness of
/// translated fields is checked per row by the caller.
pub fn check(c: &Constraints, value: &Value, check_required: bool) -> Option<Violation> {
    if value.is_null() {
        return (c.required && check_required).then(|| {
            Violation::new("is empty, but this column is required".into())
                .hint("fill in the value".into())
        });
    }
    bounds(c, value)
        .or_else(|| decimals(c, value))
        .or_else(|| value.as_str().and_then(|text| text_checks(c, text)))
        .or_else(|| allowed(c, value))
}

fn bounds(c: &Constraints, value: &Value) -> Option<Violation> {
    use std::cmp::Ordering::{Greater, Less};
    if let Some(min) = c
        .minimum
        .as_ref()
        .filter(|min| value.compare(min) == Some(Less))
    {
        let violation = Violation::new(format!("is below the minimum of {min}"))
            .note(format!("minimum: {min}"));
        return Some(default_bound(violation, c.default_minimum, "minimum"));
    }
    if let Some(max) = c
        .maximum
        .as_ref()
        .filter(|max| value.compare(max) == Some(Greater))
    {
        let violation = Violation::new(format!("is above the maximum of {max}"))
            .note(format!("maximum: {max}"));
        return Some(default_bound(violation, c.default_maximum, "maximum"));
    }
    None
}

/// A breach of Bayan's own bound on money says where it comes from.
fn default_bound(violation: Violation, is_default: bool, key: &str) -> Violation {
    if !is_default {
        return violation;
    }
    violation.hint(format!(
        "amounts of money are limited to a million billion (10^15) unless the schema declares a `{key}`: check the amount, or declare the `{key}` of this field"
    ))
}

/// More digits after the point than `maxDecimals` allows; trailing zeros
/// do not count (`12.50` is `12.5`).
fn decimals(c: &Constraints, value: &Value) -> Option<Violation> {
    let max = c.max_decimals?;
    let number = value.as_decimal()?.normalize();
    let places = number.scale();
    (places > max).then(|| {
        let plural = if max == 1 { "" } else { "s" };
        Violation::new(format!(
            "has {places} decimal places, at most {max} allowed"
        ))
        .note(format!("maxDecimals: {max}"))
        .hint(format!(
            "round it to {max} decimal place{plural}: {}",
            // Half away from zero, as people round by hand.
            number
                .round_dp_with_strategy(max, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
        ))
    })
}

fn text_checks(c: &Constraints, text: &str) -> Option<Violation> {
    if c.min_length.is_some() || c.max_length.is_some() {
        let length = text.chars().count();
        if let Some(min) = c.min_length.filter(|min| length < *min) {
            let problem = format!("is too short: {length} characters, at least {min} expected");
            return Some(Violation::new(problem));
        }
        if let Some(max) = c.max_length.filter(|max| length > *max) {
            let problem = format!("is too long: {length} characters, at most {max} allowed");
            return Some(Violation::new(problem));
        }
    }
    let pattern = c.pattern.as_ref().filter(|p| !p.is_match(text))?;
    let violation = Violation::new("does not have the expected form".into()).note(format!(
        "expected: text matching the pattern {}",
        pattern.source
    ));
    Some(if text.trim() != text && pattern.is_match(text.trim()) {
        violation.hint("remove the spaces around the value".into())
    } else {
        violation.hint(
            "write it in the same form as the other values of this column (the schema gives the pattern)"
                .into(),
        )
    })
}

fn allowed(c: &Constraints, value: &Value) -> Option<Violation> {
    let values = c
        .enum_values
        .as_ref()
        .filter(|values| !values.contains(value))?;
    let texts: Vec<String> = values.iter().map(Value::to_string).collect();
    let violation = Violation::new("is not one of the allowed values".into())
        .note(format!("allowed: {}", texts.join(", ")));
    let text = value.to_string();
    let same_case = texts
        .iter()
        .find(|t| t.to_lowercase() == text.trim().to_lowercase());
    let close = same_case
        .map(String::as_str)
        .or_else(|| suggest(&text, texts.iter().map(String::as_str)));
    Some(match close {
        Some(close) => violation.hint(format!("did you mean `{close}`?")),
        None => violation,
    })
}
