//! `by_language`: constraints on one language's column of a translated
//! field, such as Arabic script in `name_ar` only.

use std::collections::BTreeMap;

use toml::Spanned;

use super::raw::RawConstraints;
use super::validate::Checker;
use super::{Constraints, FieldType};
use crate::diagnostics::did_you_mean;

impl Checker<'_> {
    /// The constraints of each language named, checked: a translated
    /// field, a language of the site, and only what fits one column.
    pub(super) fn by_language(
        &mut self,
        raw: BTreeMap<Spanned<String>, Spanned<RawConstraints>>,
        field: &str,
        translated: &Option<Spanned<bool>>,
        kind: FieldType,
    ) -> BTreeMap<String, Constraints> {
        let mut found = BTreeMap::new();
        let is_translated = translated.as_ref().is_some_and(|t| *t.get_ref());
        for (lang, constraints) in raw {
            if !is_translated {
                let message = format!(
                    "`by_language` fits a translated field, and `{field}` is not translated"
                );
                let hint = "add `translated = true` if the field has one column per language";
                self.error(lang.span(), message, Some(hint.into()));
                continue;
            }
            if !self.languages.contains(lang.get_ref()) {
                let known = self.languages.join(", ");
                let message = format!("`{}` is not a language of the site", lang.get_ref());
                let hint = did_you_mean(lang.get_ref(), self.languages.iter().map(String::as_str))
                    .unwrap_or_else(|| format!("the site's languages are: {known}"));
                self.error(lang.span(), message, Some(hint));
                continue;
            }
            let span = constraints.span();
            let constraints = constraints.into_inner();
            let misplaced = [
                ("unique", constraints.unique.is_some()),
                ("minimum", constraints.minimum.is_some()),
                ("maximum", constraints.maximum.is_some()),
                ("maxDecimals", constraints.max_decimals.is_some()),
                ("required_when", constraints.required_when.is_some()),
            ];
            if let Some((key, _)) = misplaced.iter().find(|(_, present)| *present) {
                let message = format!("`{key}` does not fit one language's column");
                let hint = "per language, use required, pattern, enum, minLength or maxLength; put the others in `constraints`";
                self.error(span, message, Some(hint.into()));
                continue;
            }
            found.insert(lang.into_inner(), self.constraints(constraints, kind));
        }
        found
    }
}
