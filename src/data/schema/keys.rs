//! Schema checks of keys: every field they name must exist and have one
//! column.

use std::ops::Range;

use toml::Spanned;

use super::raw::{OneOrMany, RawForeignKey};
use super::validate::Checker;
use super::{Field, ForeignKey, Schema};
use crate::diagnostics::did_you_mean;

impl Checker<'_> {
    /// Checks field names against the schema, pointing at `span`.
    pub(super) fn known_fields(
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
}
