//! What a schema says about publishing its table: the date its data is
//! current to, its licence, and the rows withheld.

use toml::Spanned;

use super::validate::Checker;
use super::{FieldType, Schema};
use crate::config::trust::{Licence, RawLicence, date_hint, licence_problems, read_date};

impl Checker<'_> {
    pub(super) fn as_of(&mut self, raw: Spanned<toml::Value>) -> Option<jiff::civil::Date> {
        let span = raw.span();
        read_date(raw.into_inner())
            .map_err(|text| {
                let message = format!("`as_of` is `{text}`, not a date");
                self.error(span, message, Some(date_hint("as_of")));
            })
            .ok()
    }

    pub(super) fn licence(&mut self, raw: RawLicence) -> Licence {
        for (span, message, hint) in licence_problems(&raw) {
            self.error(span, message, Some(hint.into()));
        }
        Licence::from(raw)
    }

    /// `withhold` names a boolean field of the schema.
    pub(super) fn withhold(&mut self, raw: Spanned<String>, schema: &Schema) -> Option<String> {
        let name = raw.get_ref();
        match schema.field(name) {
            Some(field) if field.kind == FieldType::Boolean && !field.translated => {
                Some(raw.into_inner())
            }
            Some(field) => {
                let message = format!("`withhold` names `{name}`, a {}", field.kind);
                let hint = "name a boolean field: the rows where it is true are not published";
                self.error(raw.span(), message, Some(hint.into()));
                None
            }
            None => {
                let names = schema.fields.iter().map(|f| f.name.as_str());
                let hint = crate::diagnostics::did_you_mean(name, names);
                let message = format!("`withhold` names `{name}`, which is not a field");
                self.error(raw.span(), message, hint);
                None
            }
        }
    }
}
