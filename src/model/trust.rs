//! The corrections log that `[corrections]` names: a table with a `date`,
//! the `record` changed and what `change`d (translated).

use crate::config::{Named, SiteConfig};
use crate::data::{Data, FieldType, Table};
use crate::diagnostics::{Diagnostic, Diagnostics};

use super::resolve::{expect_field, find_table};

/// The corrections table, checked; `None` when none is declared or it does
/// not fit (reported).
pub fn corrections<'a>(
    config: &SiteConfig,
    data: &'a Data,
    diagnostics: &mut Diagnostics,
) -> Option<&'a Table> {
    let named = config.corrections.as_ref()?;
    let table = find_table(data, named, diagnostics)?;
    let field = |name: &str| Named {
        name: name.into(),
        location: named.location.clone(),
    };
    let mut fits = expect_field(table, &field("date"), Some(false), diagnostics)
        && expect_field(table, &field("record"), Some(false), diagnostics);
    fits &= expect_field(table, &field("change"), None, diagnostics);
    if table
        .field("date")
        .is_some_and(|f| f.kind != FieldType::Date)
    {
        diagnostics.push(
            Diagnostic::error(format!(
                "the field `date` of `{}` is not a date",
                table.name
            ))
            .at(crate::config::CONFIG_FILE, named.location.clone())
            .with_hint("declare it with type = \"date\" in its schema"),
        );
        fits = false;
    }
    fits.then_some(table)
}
