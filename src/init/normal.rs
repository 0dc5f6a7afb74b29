//! A column's type, read from its values as Bayan will read them, and the
//! rewriting a spreadsheet's own forms need (`12,5`, `31/03/2025`, `TRUE`)
//! so that the copy in `data/` loads as typed values.

use std::sync::LazyLock;

use regex::Regex;

use crate::data::{FieldType, parse_cell};

/// How the copy rewrites a column's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Normalization {
    None,
    /// `1 234,5` → `1234.5`: a decimal comma, spaces between thousands.
    French,
    /// `31/03/2025` → `2025-03-31`.
    DayFirstDate,
    /// `TRUE` → `true`.
    Lowercase,
}

static DECIMAL_COMMA: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"^-?\d{1,3}(?:[ \u{A0}\u{202F}]\d{3})*(?:,\d+)?$|^-?\d+(?:,\d+)?$").ok()
});

static DAY_FIRST: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$").ok());

impl Normalization {
    /// The value as Bayan reads it; unchanged when the form is not this one.
    pub fn apply(self, value: &str) -> String {
        match self {
            Self::None => value.to_string(),
            Self::Lowercase => value.to_lowercase(),
            Self::French => {
                let matches = DECIMAL_COMMA.as_ref().is_some_and(|r| r.is_match(value));
                if !matches {
                    return value.to_string();
                }
                value
                    .chars()
                    .filter(|c| !matches!(c, ' ' | '\u{A0}' | '\u{202F}'))
                    .map(|c| if c == ',' { '.' } else { c })
                    .collect()
            }
            Self::DayFirstDate => {
                let captures = DAY_FIRST.as_ref().and_then(|r| r.captures(value));
                match captures.map(|c| (c[1].to_string(), c[2].to_string(), c[3].to_string())) {
                    Some((day, month, year)) => format!("{year}-{month:0>2}-{day:0>2}"),
                    None => value.to_string(),
                }
            }
        }
    }

    /// What the comment says the copy does, if anything.
    fn said(self) -> &'static str {
        match self {
            Self::None => "",
            Self::French => " written the French way (1 234,5): the copy writes 1234.5",
            Self::DayFirstDate => " written day first (31/03/2025): the copy writes 2025-03-31",
            Self::Lowercase => " in capitals (TRUE): the copy writes true",
        }
    }
}

/// Names that mark a column of years, so `2024` is a year, not a count.
const YEAR_NAMES: [&str; 5] = ["year", "annee", "année", "exercice", "sana"];

fn named_like_a_year(name: &str) -> bool {
    let name = name.to_lowercase();
    YEAR_NAMES.iter().any(|y| {
        name == *y || name.starts_with(&format!("{y}_")) || name.ends_with(&format!("_{y}"))
    })
}

/// The type every value of a column has, how to rewrite them, and the
/// evidence (`every one of 212 values is a date`).
pub fn kind_of(name: &str, values: &[&str]) -> (FieldType, Normalization, String) {
    let count = values.len();
    if count == 0 {
        return (
            FieldType::String,
            Normalization::None,
            "text: every cell is empty".into(),
        );
    }
    let all = |kind: FieldType, n: Normalization| {
        values
            .iter()
            .all(|v| parse_cell(kind, &n.apply(v)).is_ok_and(|v| !v.is_null()))
    };
    // A code written with leading zeros (01000) keeps them as text.
    let leading_zero = values
        .iter()
        .any(|v| v.len() > 1 && v.starts_with('0') && !v.starts_with("0.") && !v.starts_with("0,"));
    let candidates = [
        (FieldType::Boolean, Normalization::None),
        (FieldType::Boolean, Normalization::Lowercase),
        (FieldType::Year, Normalization::None),
        (FieldType::Integer, Normalization::None),
        (FieldType::Integer, Normalization::French),
        (FieldType::Number, Normalization::None),
        (FieldType::Number, Normalization::French),
        (FieldType::Date, Normalization::None),
        (FieldType::Date, Normalization::DayFirstDate),
    ];
    let found = candidates.into_iter().find(|(kind, n)| {
        let plausible = match kind {
            FieldType::Year => named_like_a_year(name),
            FieldType::Integer | FieldType::Number => !leading_zero,
            _ => true,
        };
        plausible && all(*kind, *n)
    });
    match found {
        Some((kind, n)) => {
            let evidence = format!(
                "{kind}: every one of the {count} values is {}{}",
                kind.with_article(),
                n.said()
            );
            (kind, n, evidence)
        }
        None => {
            let evidence = format!(
                "string: the {count} values are text (not all numbers, dates, years or booleans)"
            );
            (FieldType::String, Normalization::None, evidence)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_each_type_with_its_evidence() {
        let (kind, n, evidence) = kind_of("montant", &["12,5", "1 234,75", "3"]);
        assert_eq!((kind, n), (FieldType::Number, Normalization::French));
        assert_eq!(
            evidence,
            "number: every one of the 3 values is a number written the French way (1 234,5): the copy writes 1234.5"
        );
        let (kind, n, _) = kind_of("population", &["1 250 300", "845 120"]);
        assert_eq!(
            (kind, n.apply("1 250 300")),
            (FieldType::Integer, "1250300".into())
        );
        assert_eq!(n.apply("1 234,75"), "1234.75");
        assert_eq!(kind_of("n", &["1", "22"]).0, FieldType::Integer);
        assert_eq!(kind_of("year", &["2023", "2024"]).0, FieldType::Year);
        assert_eq!(kind_of("count", &["2023", "2024"]).0, FieldType::Integer);
        assert_eq!(kind_of("d", &["2024-01-31"]).0, FieldType::Date);
        let (kind, n, _) = kind_of("d", &["31/01/2024", "1/2/2024"]);
        assert_eq!(
            (kind, n.apply("1/2/2024")),
            (FieldType::Date, "2024-02-01".into())
        );
        assert_eq!(kind_of("b", &["TRUE", "false"]).1, Normalization::Lowercase);
        assert_eq!(kind_of("zip", &["01000", "90000"]).0, FieldType::String);
        assert_eq!(kind_of("s", &["12", "abc"]).0, FieldType::String);
    }
}
