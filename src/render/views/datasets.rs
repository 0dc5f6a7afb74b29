//! The open-data page's view: every table with its downloads and its data
//! dictionary.

use serde::Serialize;

use crate::model::Site;
use crate::model::urls::{self, DATA_DIR};

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
    /// For the records table: per language, a CSV with labels and a workbook.
    pub readable: Option<Readable>,
    pub fields: Vec<FieldDoc<'a>>,
    /// `YYYY-MM-DD`, the day the table's data is current to.
    pub as_of: Option<String>,
    pub licence: Option<&'a crate::config::trust::Licence>,
}

/// The records table for people, in the page's language.
#[derive(Serialize)]
pub struct Readable {
    pub csv: String,
    pub xlsx: String,
}

/// The downloads of part of the records (a facet value's): CSV and JSON.
#[derive(Serialize)]
pub struct SliceDownloads {
    pub csv: String,
    pub json: String,
}

/// The downloads of one facet value's records.
pub fn slice_downloads(site: &Site<'_>, facet: usize, value: usize) -> Option<SliceDownloads> {
    let facet = site.facets.get(facet)?;
    let slug = &facet.values.get(value)?.slug;
    let link = |extension| {
        site.link(&urls::facet_download(
            &site.table.name,
            &facet.field,
            slug,
            extension,
        ))
    };
    Some(SliceDownloads {
        csv: link("csv"),
        json: link("json"),
    })
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
            readable: (table.name == site.table.name).then(|| Readable {
                csv: site.link(&urls::readable_download(&table.name, lang, "csv")),
                xlsx: site.link(&urls::readable_download(&table.name, lang, "xlsx")),
            }),
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
