//! Downloads of part of the records table: the records of one facet value
//! (CSV and JSON, listed on that value's page) and one record (CSV, linked
//! from its page). Same columns and formula defusing as the whole table,
//! so the parts can be joined back; each file streamed to the sink.

use rayon::prelude::*;

use crate::data::Row;
use crate::fsio::FsError;
use crate::model::{Site, urls};
use crate::sink::Sink;

use super::downloads::{write_csv_rows, write_json_rows};

/// One file of part of the records.
enum Slice {
    /// Facet, value and extension (`csv` or `json`).
    Facet(usize, usize, &'static str),
    Record(usize),
}

/// Hands every facet-value and record download to the sink.
pub fn write(site: &Site<'_>, sink: &dyn Sink) -> Vec<FsError> {
    let facets = site.facets.iter().enumerate().flat_map(|(f, facet)| {
        (0..facet.values.len())
            .flat_map(move |v| [Slice::Facet(f, v, "csv"), Slice::Facet(f, v, "json")])
    });
    let records = (0..site.records.len()).map(Slice::Record);
    let slices: Vec<Slice> = facets.chain(records).collect();
    slices
        .par_iter()
        .filter_map(|slice| write_slice(site, sink, slice).err())
        .collect()
}

fn write_slice(site: &Site<'_>, sink: &dyn Sink, slice: &Slice) -> Result<(), FsError> {
    let table = site.table;
    let path = path_of(site, slice);
    let rows = rows_of(site, slice);
    match slice {
        Slice::Facet(_, _, "json") => sink.stream(&path, &mut |w| write_json_rows(table, &rows, w)),
        _ => sink.stream(&path, &mut |w| {
            write_csv_rows(table, rows.iter().copied(), w)
        }),
    }
}

/// The path of a slice, relative to the output folder.
fn path_of(site: &Site<'_>, slice: &Slice) -> String {
    let table = &site.table.name;
    match slice {
        Slice::Facet(f, v, extension) => {
            let facet = &site.facets[*f];
            urls::facet_download(table, &facet.field, &facet.values[*v].slug, extension)
        }
        Slice::Record(r) => urls::record_download(table, &site.records[*r].slug),
    }
}

/// The table rows of a slice, in the order its page lists them.
fn rows_of<'a>(site: &'a Site<'_>, slice: &Slice) -> Vec<&'a Row> {
    let row = |record: usize| {
        site.records
            .get(record)
            .and_then(|r| site.table.rows.get(r.row))
    };
    match slice {
        Slice::Facet(f, v, _) => site.facets[*f].values[*v]
            .records
            .iter()
            .filter_map(|r| row(*r))
            .collect(),
        Slice::Record(r) => row(*r).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sink::Memory;
    use crate::testing::with_default_site;

    #[test]
    fn a_facet_value_file_holds_exactly_its_records_rows() {
        with_default_site(|site| {
            let memory = Memory::new();
            assert!(write(site, &memory).is_empty());
            let files = memory.into_files();
            let value = &site.facets[0].values[0];
            assert!(!value.records.is_empty());
            let path = urls::facet_download("projects", &site.facets[0].field, &value.slug, "csv");
            let mut reader = csv::Reader::from_reader(&files[&path][..]);
            let ids: Vec<String> = reader
                .records()
                .map(|r| r.expect("row")[0].to_string())
                .collect();
            let expected: Vec<&str> = value
                .records
                .iter()
                .map(|r| site.records[*r].id.as_str())
                .collect();
            assert_eq!(ids, expected);
            let json = urls::facet_download("projects", &site.facets[0].field, &value.slug, "json");
            let rows: Vec<serde_json::Value> = serde_json::from_slice(&files[&json]).expect("json");
            assert_eq!(rows.len(), expected.len());
            let record = urls::record_download("projects", &site.records[3].slug);
            let one = String::from_utf8_lossy(&files[&record]).to_string();
            assert_eq!(one.lines().count(), 2, "{one}");
            assert!(one.contains(&site.records[3].id), "{one}");
        });
    }
}
