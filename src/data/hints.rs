//! How to fix a cell that is not of its type: the mistakes spreadsheets and
//! French or Arabic habits make most often (decimal commas, thousands
//! separators, day-first dates, Arabic-Indic digits, units in the cell).
//! Only runs on failure, so clarity wins over speed here.

use super::parse::{is_plain_number, parse_cell};
use super::schema::FieldType;

const DATE_FORMAT: &str = "write dates as YYYY-MM-DD";

/// A hint for a cell of type `kind` whose `text` did not parse.
pub fn for_cell(kind: FieldType, text: &str) -> Option<String> {
    common(kind, text).or_else(|| match kind {
        FieldType::Integer | FieldType::Number => number(kind, text),
        FieldType::Date => date(text),
        FieldType::Boolean => Some(boolean(text)),
        FieldType::Year => year(text),
        FieldType::String => None,
    })
}

fn parses(kind: FieldType, text: &str) -> bool {
    !text.is_empty() && parse_cell(kind, text).is_ok()
}

fn common(kind: FieldType, text: &str) -> Option<String> {
    let trimmed = text.trim();
    if text.starts_with('#') && (text.ends_with('!') || text.ends_with('?') || text == "#N/A") {
        return Some(
            "this is a spreadsheet error: fix the formula in the sheet, or leave the cell empty"
                .into(),
        );
    }
    const UNKNOWN: [&str; 12] = [
        "-", "--", "—", "/", "?", "n/a", "na", "nan", "null", "none", "nd", "n.d.",
    ];
    if UNKNOWN.contains(&trimmed.to_lowercase().as_str()) {
        return Some("leave the cell empty when the value is not known".into());
    }
    if trimmed != text && parses(kind, trimmed) {
        return Some(format!("remove the spaces around the value: {trimmed}"));
    }
    let western = western_digits(text);
    if western != text {
        return Some(if parses(kind, &western) {
            format!("use the digits 0-9: {western}")
        } else {
            format!("use the digits 0-9 ({western})")
        });
    }
    None
}

/// Arabic-Indic and Persian digits (and the Arabic decimal point) as ASCII.
fn western_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            '\u{066B}' => '.',
            _ => c,
        })
        .collect()
}

fn number(kind: FieldType, text: &str) -> Option<String> {
    let t = text.trim();
    let negative = t.strip_prefix('(').and_then(|r| r.strip_suffix(')'));
    if let Some(inner) = negative.filter(|inner| parses(kind, inner)) {
        return Some(format!(
            "write negative amounts with a minus sign: -{inner}"
        ));
    }
    if is_scientific(t) {
        return Some("the spreadsheet wrote this in scientific notation: format the column as a number with all its digits before exporting".into());
    }
    if let Some(hint) = unit(kind, t) {
        return Some(hint);
    }
    if kind == FieldType::Integer && is_plain_number(t) && t.contains('.') {
        return Some(whole(t));
    }
    let (fixed, what) = separators(t)?;
    if kind == FieldType::Integer && fixed.contains('.') {
        return Some(match what {
            Fix::Ambiguous => format!("remove the thousands separator: {}", fixed.replace('.', "")),
            _ => whole(&fixed),
        });
    }
    Some(what.message(&fixed))
}

/// `1.25E+05`: a number in a spreadsheet's scientific notation (not
/// `12 EUR`, a unit that happens to hold an E).
fn is_scientific(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return false;
    };
    let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
    is_plain_number(mantissa)
        && !exponent.is_empty()
        && exponent.bytes().all(|b| b.is_ascii_digit())
}

/// `125000 MAD`, `12%`: a unit or symbol written in the cell.
fn unit(kind: FieldType, text: &str) -> Option<String> {
    let number = text.trim_matches(|c: char| !c.is_ascii_digit() && c != '-');
    if number == text || number.is_empty() {
        return None;
    }
    const ONLY: &str = "write only the number, without a unit or currency";
    if parses(kind, number) {
        return Some(format!("{ONLY}: {number}"));
    }
    let (fixed, fix) = separators(number)?;
    Some(format!("{ONLY}; {}", fix.message(&fixed)))
}

/// The hint for a number with decimals in a whole-number column.
fn whole(text: &str) -> String {
    match text.split_once('.') {
        Some((int, frac)) if frac.bytes().all(|b| b == b'0') => {
            format!("write it without decimals: {int}")
        }
        _ => "this column holds whole numbers only, without decimals".into(),
    }
}

enum Fix {
    Thousands,
    DecimalComma,
    Both,
    /// `1,250`: a thousands separator, or a decimal comma.
    Ambiguous,
}

impl Fix {
    fn message(&self, fixed: &str) -> String {
        match self {
            Self::Thousands => format!("remove the thousands separators: {fixed}"),
            Self::DecimalComma => format!("use a point for decimals: {fixed}"),
            Self::Both => {
                format!("remove the thousands separators and use a point for decimals: {fixed}")
            }
            Self::Ambiguous => format!(
                "if the comma separates thousands, remove it: {}; if it marks decimals, use a point: {fixed}",
                fixed.replace('.', "")
            ),
        }
    }
}

/// Rewrites a number written with separators into the plain form, saying
/// which separators were wrong.
fn separators(text: &str) -> Option<(String, Fix)> {
    let spaced: String = text.chars().filter(|c| !is_group_space(*c)).collect();
    let had_spaces = spaced.len() != text.len();
    let (commas, points) = (spaced.matches(',').count(), spaced.matches('.').count());
    let (fixed, fix) = match (commas, points) {
        (0, _) if points > 1 && grouped(&spaced, '.') => (spaced.replace('.', ""), Fix::Thousands),
        (0, _) if had_spaces => (spaced, Fix::Thousands),
        (0, _) => return None,
        (1, 0) if !had_spaces && grouped(&spaced, ',') => {
            (spaced.replace(',', "."), Fix::Ambiguous)
        }
        (1, 0) => (spaced.replace(',', "."), decimal(had_spaces)),
        (_, 0) if grouped(&spaced, ',') => (spaced.replace(',', ""), Fix::Thousands),
        _ => mixed(&spaced)?,
    };
    is_plain_number(&fixed).then_some((fixed, fix))
}

fn decimal(had_spaces: bool) -> Fix {
    if had_spaces {
        Fix::Both
    } else {
        Fix::DecimalComma
    }
}

/// Both commas and points: the last one marks decimals.
fn mixed(text: &str) -> Option<(String, Fix)> {
    let last = text.rfind([',', '.'])?;
    let (int, frac) = (text.get(..last)?, text.get(last + 1..)?);
    let int: String = int.chars().filter(|c| *c != ',' && *c != '.').collect();
    let fix = if text[last..].starts_with(',') {
        Fix::Both
    } else {
        Fix::Thousands
    };
    Some((format!("{int}.{frac}"), fix))
}

/// Whether `sep` separates groups of three digits: `1,250,000`.
fn grouped(text: &str, sep: char) -> bool {
    let mut parts = text.trim_start_matches(['-', '+']).split(sep);
    let first_ok = parts.next().is_some_and(|p| (1..=3).contains(&p.len()));
    first_ok && parts.all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
}

fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{A0}' | '\u{202F}' | '\u{2009}' | '\'' | '’')
}

fn date(text: &str) -> Option<String> {
    let t = text.trim();
    if let Some(day) = t
        .get(..10)
        .filter(|d| t.len() > 10 && parses(FieldType::Date, d))
    {
        return Some(format!("remove the time: {day}"));
    }
    if let Some(serial) = t
        .parse::<i64>()
        .ok()
        .filter(|n| (10_000..=80_000).contains(n))
    {
        let date = jiff::civil::date(1899, 12, 30).checked_add(jiff::Span::new().days(serial));
        let tail = date.map(|d| format!(" ({d})")).unwrap_or_default();
        return Some(format!(
            "this is a spreadsheet date number{tail}: format the column as dates before exporting, and {DATE_FORMAT}"
        ));
    }
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    if let [a, b, c] = parts.as_slice()
        && let Some(iso) = reorder(a, b, c)
    {
        return Some(format!("{DATE_FORMAT}, e.g. {iso}"));
    }
    if t.len() == 10 && t.as_bytes().get(4) == Some(&b'-') {
        return Some(impossible(t));
    }
    Some(format!("{DATE_FORMAT}, e.g. 2023-08-08"))
}

/// Day-first or year-first parts as an ISO date, when they make one.
fn reorder(a: &str, b: &str, c: &str) -> Option<String> {
    let num = |s: &str| {
        s.parse::<i16>()
            .ok()
            .filter(|_| is_plain_number(s) && !s.contains('.'))
    };
    let (x, y, z) = (num(a)?, num(b)?, num(c)?);
    let (year, month, day) = match (a.len(), c.len()) {
        (4, _) => (x, y, z),
        (_, 4) if y > 12 => (z, x, y),
        (_, 4) => (z, y, x),
        (_, 2) => (2000 + z, y, x),
        _ => return None,
    };
    let month = i8::try_from(month).ok()?;
    let day = i8::try_from(day).ok()?;
    jiff::civil::Date::new(year, month, day)
        .ok()
        .map(|d| d.to_string())
}

fn impossible(text: &str) -> String {
    let month = text
        .get(5..7)
        .and_then(|m| m.parse::<i8>().ok())
        .unwrap_or(0);
    let year = text
        .get(..4)
        .and_then(|y| y.parse::<i16>().ok())
        .unwrap_or(2000);
    match jiff::civil::Date::new(year, month, 1) {
        Ok(first) => format!(
            "check the day: {year}-{month:02} has {} days",
            first.days_in_month()
        ),
        Err(_) => "check the month: months go from 01 to 12".into(),
    }
}

fn boolean(text: &str) -> String {
    let lower = text.trim().to_lowercase();
    if lower == "true" || lower == "false" {
        return format!("write it in lower case: {lower}");
    }
    "write true or false (in lower case)".into()
}

fn year(text: &str) -> Option<String> {
    let t = text.trim();
    if t.len() == 2 && t.bytes().all(|b| b.is_ascii_digit()) {
        return Some(format!("write the year with four digits: 20{t}"));
    }
    if let Some(int) = t.strip_suffix(".0").filter(|y| parses(FieldType::Year, y)) {
        return Some(format!("write it without decimals: {int}"));
    }
    if parses(FieldType::Date, t) {
        return t.get(..4).map(|y| format!("write only the year: {y}"));
    }
    if t.len() > 4 && t.split(['-', '/']).count() == 2 {
        return Some("a year column holds one year, not a range".into());
    }
    Some("write the year with four digits, such as 2024".into())
}
