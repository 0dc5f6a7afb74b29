//! Views of withdrawn records: the page at a withdrawn record's address,
//! and the list every total's notice links to.

use serde::Serialize;

use crate::model::{PageKey, Site};

use super::{Text, cell_text};

/// A withdrawn record as its page and the lists show it.
#[derive(Serialize)]
pub struct WithdrawnView<'a> {
    pub id: &'a str,
    pub href: Option<&'a str>,
    pub title: Option<Text<'a>>,
    /// `YYYY-MM-DD`, for the `date` filter.
    pub date: String,
    /// Why, in the page's language when the reason is translated.
    pub reason: Option<Text<'a>>,
}

/// The withdrawn record `index` in `lang`.
pub fn withdrawn_view<'a>(
    site: &'a Site<'_>,
    index: usize,
    lang: &'a str,
) -> Option<WithdrawnView<'a>> {
    let record = site.withdrawn.get(index)?;
    let table = site.withdrawn_table?;
    let declared = site.config.records.withdrawn.as_ref()?;
    let text = |field: &str| cell_text(site, table, record.row, field, lang);
    Some(WithdrawnView {
        id: &record.id,
        href: site.href(&PageKey::Withdrawn(index), lang),
        title: text(&site.config.records.title.name),
        date: record.date.to_string(),
        reason: text(&declared.reason.name),
    })
}

/// Every withdrawn record in `lang`, in the table's order.
pub fn withdrawn_list<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<WithdrawnView<'a>> {
    (0..site.withdrawn.len())
        .filter_map(|index| withdrawn_view(site, index, lang))
        .collect()
}
