//! Schema checks of keys and rules: every field they name must exist and
//! have one column; rules compare values of comparable types.

use std::ops::Range;

use toml::Spanned;

use super::raw::{OneOrMany, RawForeignKey, RawRule};
use super::validate::Checker;
use super::{Field, FieldType, ForeignKey, Op, Rule, Schema};
use crate::diagnostics::did_you_mean;

impl Checker<'_> {
    /// Checks field names against the schema, pointing at `span`.
    fn known_fields(
        &mut self,
        names: &[String],
        fields: &[Field],
        span: Range<usize>,
        what: &str,
    ) -> bool {
        let mut ok = true;
        for name in names {
            match fields.iter().find(|f| &f.name == name) {
                None => {
                    let hint = did_you_mean(name, fields.iter().map(|f| f.name.as_str()));
                    self.error(
                        span.clone(),
                        format!("{what} names the unknown field `{name}`"),
                        hint,
                    );
                    ok = false;
                }
                Some(field) if field.translated => {
                    let message = format!(
                        "{what} names the translated field `{name}`: use a field with one column"
                    );
                    self.error(span.clone(), message, None);
                    ok = false;
                }
                Some(_) => {}
            }
        }
        ok
    }

    pub(super) fn primary_key(
        &mut self,
        raw: Option<Spanned<OneOrMany>>,
        fields: &mut [Field],
    ) -> Vec<String> {
        let Some(raw) = raw else { return Vec::new() };
        let span = raw.span();
        let names = raw.into_inner().0;
        if !self.known_fields(&names, fields, span, "the primary key") {
            return Vec::new();
        }
        // A key must be present to identify a row.
        for field in fields.iter_mut().filter(|f| names.contains(&f.name)) {
            field.constraints.required = true;
        }
        names
    }

    pub(super) fn foreign_key(
        &mut self,
        raw: RawForeignKey,
        schema: &Schema,
    ) -> Option<ForeignKey> {
        let span = raw.fields.span();
        let fields = raw.fields.into_inner().0;
        let reference_span = raw.reference.span();
        let reference = raw.reference.into_inner();
        if !self.known_fields(&fields, &schema.fields, span, "a foreign key") {
            return None;
        }
        if fields.len() != reference.fields.0.len() || fields.is_empty() {
            let message = format!(
                "a foreign key has {} field(s) but its reference has {}",
                fields.len(),
                reference.fields.0.len()
            );
            self.error(reference_span, message, None);
            return None;
        }
        Some(ForeignKey {
            fields,
            resource: reference.resource,
            reference_fields: reference.fields.0,
        })
    }

    pub(super) fn rule(&mut self, raw: RawRule, schema: &Schema) -> Option<Rule> {
        let left = self.rule_side(&raw.left, schema);
        let right = self.rule_side(&raw.right, schema);
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
        let (left, right, op) = (left?, right?, op?);
        if !(left.is_numeric() && right.is_numeric()) && left != right {
            let message = format!("this rule compares a {left} with a {right}");
            self.error(raw.right.span(), message, None);
            return None;
        }
        let (left, right) = (raw.left.into_inner(), raw.right.into_inner());
        let message = raw
            .message
            .unwrap_or_else(|| format!("{left} {} {right} does not hold", op.symbol()));
        Some(Rule {
            left,
            op,
            right,
            message,
        })
    }

    fn rule_side(&mut self, name: &Spanned<String>, schema: &Schema) -> Option<FieldType> {
        let fields = &schema.fields;
        if !self.known_fields(
            std::slice::from_ref(name.get_ref()),
            fields,
            name.span(),
            "this rule",
        ) {
            return None;
        }
        let kind = schema.field(name.get_ref())?.kind;
        if !kind.is_ordered() {
            let message =
                format!("a rule compares integers, numbers, dates or years, not a {kind}");
            self.error(name.span(), message, None);
            return None;
        }
        Some(kind)
    }
}
