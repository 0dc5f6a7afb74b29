//! The open-data page's view: every table with its downloads and its data
//! dictionary.

use serde::Serialize;

use crate::model::Site;
use crate::model::urls::DATA_DIR;

use super::{Text, schema_text};

/// A table as the open-data page lists it.
#[derive(Serialize)]
pub struct DatasetView<'a> {
    pub name: &'a str,
    pub title: Text<'a>,
    pub description: Text<'a>,
    pub rows: usize,
    pub csv: String,
    pub json: String,
    pub fields: Vec<FieldDoc<'a>>,
    /// `YYYY-MM-DD`, the day the table's data is current to.
    pub as_of: Option<String>,
    pub licence: Option<&'a crate::config::trust::Licence>,
}

/// One column in the data dictionary.
#[derive(Serialize)]
pub struct FieldDoc<'a> {
    pub name: String,
    pub title: Text<'a>,
    pub description: Text<'a>,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub unit: Option<&'a str>,
    pub required: bool,
    pub translated: bool,
}

pub fn datasets<'a>(site: &'a Site<'_>, lang: &'a str) -> Vec<DatasetView<'a>> {
    site.data
        .tables
        .values()
        .map(|table| DatasetView {
            name: &table.name,
            title: schema_text(&table.schema.title, lang),
            description: schema_text(&table.schema.description, lang),
            rows: table.rows.len(),
            as_of: site.as_of(table).map(|d| d.to_string()),
            licence: site.licence(table),
            csv: site.link(&format!("{DATA_DIR}/{}.csv", table.name)),
            json: site.link(&format!("{DATA_DIR}/{}.json", table.name)),
            fields: table
                .schema
                .fields
                .iter()
                .map(|field| FieldDoc {
                    name: if field.translated {
                        format!("{}_*", field.name)
                    } else {
                        field.name.clone()
                    },
                    title: schema_text(&field.title, lang),
                    description: schema_text(&field.description, lang),
                    kind: field.kind.name(),
                    unit: field.unit.as_deref(),
                    required: field.constraints.required,
                    translated: field.translated,
                })
                .collect(),
        })
        .collect()
}
