//! Schema checks of rules and conditions: every field they name exists and
//! has one column, derived values fit their field, and the two sides of a
//! comparison have comparable types.

use toml::Spanned;

use super::raw::{RawCondition, RawOperand, RawRule};
use super::rule::{Condition, DatePart, Derived, Op, Operand, Rule};
use super::validate::Checker;
use super::{FieldType, Schema};

impl Checker<'_> {
    pub(super) fn rule(&mut self, raw: RawRule, schema: &Schema) -> Option<Rule> {
        let left = self.operand(&raw.left, schema);
        let right = self.operand(&raw.right, schema);
        let op = Op::from_symbol(raw.op.get_ref());
        if op.is_none() {
            let symbols: Vec<&str> = Op::ALL.iter().map(|o| o.symbol()).collect();
            let message = format!(
                "unknown comparison `{}` (use one of {})",
                raw.op.get_ref(),
                symbols.join(" ")
            );
            self.error(raw.op.span(), message, None);
        }
        let when = raw.when.and_then(|w| self.condition(w, schema));
        let (mut left, mut right, op) = (left?, right?, op?);
        // A capture is read as the type of the other side.
        match (&left.derived, &right.derived) {
            (Derived::Capture { .. }, Derived::Capture { .. }) => {}
            (Derived::Capture { .. }, _) => left.kind = right.kind,
            (_, Derived::Capture { .. }) => right.kind = left.kind,
            _ => {}
        }
        let ordering = !matches!(op, Op::Eq | Op::Ne);
        if ordering && !(left.kind.is_ordered() && right.kind.is_ordered()) {
            let kind = if left.kind.is_ordered() {
                right.kind
            } else {
                left.kind
            };
            let message = format!(
                "`{}` compares integers, numbers, dates or years, not {}",
                op.symbol(),
                kind.with_article()
            );
            let hint = "use == or != to compare text or booleans".to_string();
            self.error(raw.op.span(), message, Some(hint));
            return None;
        }
        if !(left.kind.is_numeric() && right.kind.is_numeric()) && left.kind != right.kind {
            let message = format!(
                "this rule compares {} with {}",
                left.kind.with_article(),
                right.kind.with_article()
            );
            self.error(raw.right.span(), message, None);
            return None;
        }
        let message = raw
            .message
            .unwrap_or_else(|| format!("{left} {} {right} does not hold", op.symbol()));
        Some(Rule {
            left,
            op,
            right,
            message,
            when,
        })
    }

    /// One side of a rule: the field must have one column, a part must be
    /// of a date, a capture of a text with a group to capture.
    fn operand(&mut self, raw: &Spanned<RawOperand>, schema: &Schema) -> Option<Operand> {
        let span = raw.span();
        let operand = raw.get_ref();
        let name = std::slice::from_ref(&operand.field);
        if !self.known_fields(name, &schema.fields, span.clone(), "this rule") {
            return None;
        }
        let kind = schema.field(&operand.field)?.kind;
        let derived = match (&operand.part, &operand.capture) {
            (Some(_), Some(capture)) => {
                let message = "a side of a rule takes a `part` or a `capture`, not both".into();
                self.error(capture.span(), message, None);
                return None;
            }
            (Some(part), None) => Derived::Part(self.part(part, &operand.field, kind)?),
            (None, Some(capture)) => self.capture(capture, &operand.field, kind)?,
            (None, None) => Derived::Itself,
        };
        let kind = match &derived {
            Derived::Part(part) => part.kind(),
            _ => kind,
        };
        Some(Operand {
            field: operand.field.clone(),
            derived,
            kind,
        })
    }

    fn part(&mut self, part: &Spanned<String>, field: &str, kind: FieldType) -> Option<DatePart> {
        let Some(found) = DatePart::from_name(part.get_ref()) else {
            let message = format!("unknown part `{}` (use year, month or day)", part.get_ref());
            self.error(part.span(), message, None);
            return None;
        };
        if kind != FieldType::Date {
            let message = format!(
                "`{field}` is {}: only a date has a {}",
                kind.with_article(),
                found.name()
            );
            self.error(part.span(), message, None);
            return None;
        }
        Some(found)
    }

    fn capture(
        &mut self,
        capture: &Spanned<String>,
        field: &str,
        kind: FieldType,
    ) -> Option<Derived> {
        if kind != FieldType::String {
            let message = format!("`{field}` is {}: a capture reads text", kind.with_article());
            self.error(capture.span(), message, None);
            return None;
        }
        let source = capture.get_ref();
        let regex = match regex::Regex::new(source) {
            Ok(regex) => regex,
            Err(error) => {
                // The regex crate's last line says what is wrong.
                let detail = error.to_string();
                let last = detail.lines().last().unwrap_or_default().trim();
                let what = last.trim_start_matches("error: ");
                let message = format!("this `capture` is not a valid regular expression ({what})");
                let hint =
                    "in TOML, write a backslash twice (\"\\\\d\") or use single quotes ('\\d')";
                self.error(capture.span(), message, Some(hint.into()));
                return None;
            }
        };
        if regex.captures_len() < 2 {
            let message = "this `capture` has no group in parentheses to capture".to_string();
            let hint = "put the part to compare in parentheses: '^P-(\\d{4})-'".to_string();
            self.error(capture.span(), message, Some(hint));
            return None;
        }
        Some(Derived::Capture {
            source: source.clone(),
            regex,
        })
    }

    /// `{ field, equals }`: a one-column field, and a value of its type.
    pub(super) fn condition(
        &mut self,
        raw: Spanned<RawCondition>,
        schema: &Schema,
    ) -> Option<Condition> {
        let raw = raw.into_inner();
        let name = raw.field.get_ref();
        let known = self.known_fields(
            std::slice::from_ref(name),
            &schema.fields,
            raw.field.span(),
            "this condition",
        );
        let kind = schema.field(name).filter(|_| known)?.kind;
        let equals = self.typed("equals", raw.equals.get_ref(), raw.equals.span(), kind)?;
        Some(Condition {
            field: name.clone(),
            equals,
        })
    }
}
