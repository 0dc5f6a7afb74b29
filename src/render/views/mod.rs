//! What templates see: small views that borrow from the model, serialised
//! once per page (or once per language for what every page shares).

mod datasets;
mod headlines;
mod listing;
mod map;
mod point_map;
mod record;
mod shared;
pub mod trust;
mod withdrawn;

pub use datasets::{DatasetView, FieldDoc, SliceDownloads, datasets, slice_downloads};
pub use headlines::{HeadlineView, TermView};
pub use listing::{ListingView, listing};
pub use map::MapView;
pub use point_map::PointMapView;
pub use record::{RecordSummary, RecordView, record_summary, record_view};
pub use shared::{SharedView, per_mille, shared_view, value_label};
pub use withdrawn::{WithdrawnView, withdrawn_list, withdrawn_view};

use serde::Serialize;

use crate::data::Table;
use crate::model::Site;

/// A text in some language; `fallback` when it is shown in another language
/// than the page's because the translation is missing.
#[derive(Debug, Clone, Serialize)]
pub struct Text<'a> {
    pub text: &'a str,
    pub lang: &'a str,
    pub fallback: bool,
}

impl<'a> Text<'a> {
    pub fn new(text: &'a str, lang: &'a str) -> Self {
        Self {
            text,
            lang,
            fallback: false,
        }
    }
}

/// A translated cell in `lang`, else in the default language (marked), else
/// in any language that has it.
pub fn cell_text<'a>(
    site: &'a Site<'_>,
    table: &'a Table,
    row: usize,
    field: &str,
    lang: &'a str,
) -> Option<Text<'a>> {
    let row = table.rows.get(row)?;
    if let Some(text) = table.text(row, field, lang) {
        return Some(Text::new(text, lang));
    }
    let others = std::iter::once(site.config.default_language.as_str())
        .chain(site.config.languages.iter().map(|l| l.code.as_str()));
    others.filter(|other| *other != lang).find_map(|other| {
        let language = site.config.language(other)?;
        let text = table.text(row, field, other)?;
        Some(Text {
            text,
            lang: language.code.as_str(),
            fallback: true,
        })
    })
}

/// A label from a per-language map (site.toml), with the same fallback.
pub fn label<'a>(
    site: &'a Site<'_>,
    map: &'a std::collections::BTreeMap<String, String>,
    lang: &'a str,
) -> Text<'a> {
    if let Some(text) = map.get(lang) {
        return Text::new(text, lang);
    }
    let default = site.config.default_language.as_str();
    map.get_key_value(default)
        .or_else(|| map.iter().next())
        .map_or(Text::new("", lang), |(code, text)| Text {
            text,
            lang: code,
            fallback: true,
        })
}

/// A schema title (plain or per language) in `lang`.
pub fn schema_text<'a>(translated: &'a crate::data::Translated, lang: &'a str) -> Text<'a> {
    match translated.0.get(lang) {
        Some(text) => Text::new(text, lang),
        None => match translated.0.get("") {
            Some(text) => Text::new(text, lang),
            None => translated
                .0
                .iter()
                .next()
                .map_or(Text::new("", lang), |(code, text)| Text {
                    text,
                    lang: code,
                    fallback: true,
                }),
        },
    }
}
