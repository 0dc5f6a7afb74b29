//! Records, facet memberships and exact totals.

use std::collections::{BTreeMap, HashMap};

use rust_decimal::Decimal;

use std::path::Path;

use crate::data::{Row, Table, Value};
use crate::diagnostics::{Diagnostic, Diagnostics, Location};

use super::resolve::{FigureKind, KeyFigure};
use super::{Facet, FacetValue, Record, urls};

/// Key figure values, in the order of the configuration's key figures.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Figures(pub Vec<Decimal>);

impl Figures {
    pub fn get(&self, index: usize) -> Decimal {
        self.0.get(index).copied().unwrap_or_default()
    }
}

/// Sums and counts over the given records; exact decimals, no floats. The
/// data stage bounds each column's sum, so an overflow here is a row the
/// data stage let through: an error at its line, never a panic.
pub fn figures_of(
    table: &Table,
    figures: &[KeyFigure],
    records: impl Iterator<Item = usize>,
    index: &[Record],
) -> Result<Figures, Box<Diagnostic>> {
    let mut totals = vec![Decimal::ZERO; figures.len()];
    for record in records.filter_map(|i| index.get(i)) {
        let Some(row) = table.rows.get(record.row) else {
            continue;
        };
        for (total, figure) in totals.iter_mut().zip(figures) {
            let (amount, field) = match &figure.kind {
                FigureKind::Count => (Decimal::ONE, "count"),
                FigureKind::Sum { field, .. } => (
                    table
                        .value(row, field)
                        .and_then(Value::as_decimal)
                        .unwrap_or_default(),
                    field.as_str(),
                ),
            };
            *total = total
                .checked_add(amount)
                .ok_or_else(|| Box::new(overflow(table, row.line, field)))?;
        }
    }
    Ok(Figures(totals))
}

fn overflow(table: &Table, line: usize, field: &str) -> Diagnostic {
    Diagnostic::error(format!(
        "the sum of `{field}` is too large to compute exactly at this row"
    ))
    .at(
        &table.path,
        Location {
            line,
            column: 1,
            span: 0..0,
            line_text: String::new(),
        },
    )
    .with_hint("check the amounts of this column: exact sums stop near 7.9 × 10^28")
}

/// Indexes every row: id (the first primary-key field), permanent slug and
/// facet values. Fills each facet's values in a stable order.
pub fn index_records(
    root: &Path,
    table: &Table,
    facets: &mut [Facet<'_>],
    diagnostics: &mut Diagnostics,
) -> Vec<Record> {
    let id_field = table
        .schema
        .primary_key
        .first()
        .cloned()
        .unwrap_or_else(|| "id".to_string());
    let bad_id = |row: &Row, id: &str| bad_id(root, table, row, &id_field, id);
    let mut slugs: HashMap<String, usize> = HashMap::new();
    let mut records = Vec::with_capacity(table.rows.len());
    for (row_index, row) in table.rows.iter().enumerate() {
        let id = table
            .value(row, &id_field)
            .map(ToString::to_string)
            .unwrap_or_default();
        let Some(slug) = urls::slug_of_id(&id) else {
            diagnostics.push(bad_id(row, &id));
            continue;
        };
        if let Some(first_line) = slugs.insert(slug.clone(), row.line) {
            diagnostics.push(
                bad_id(row, &id)
                    .with_note(format!("line {first_line} has an id with the same address"))
                    .with_hint("ids that differ only by case or punctuation share an address"),
            );
            continue;
        }
        records.push(Record {
            row: row_index,
            id,
            slug,
            facet_values: Vec::new(),
        });
    }
    for facet in facets.iter_mut() {
        assign_facet(table, facet, &mut records, diagnostics);
    }
    records
}

/// An id that gives no address, at its cell, with why.
fn bad_id(root: &Path, table: &Table, row: &Row, field: &str, id: &str) -> Diagnostic {
    let column = table.column_of(field, None).unwrap_or(0);
    let location = table.locate_cell(root, row, column).unwrap_or(Location {
        line: row.line,
        column: 1,
        span: 0..0,
        line_text: String::new(),
    });
    let shown: String = match id.chars().count() {
        n if n > 40 => id.chars().take(40).chain(['…']).collect(),
        _ => id.to_string(),
    };
    let reserved = urls::is_reserved(&id.trim().to_ascii_lowercase());
    let hint = match urls::slug_of_id(&id.chars().take(urls::MAX_SLUG).collect::<String>()) {
        _ if reserved => format!(
            "`{}` is a name Windows keeps for a device (CON, PRN, AUX, NUL, COM1 to COM9, LPT1 to LPT9): add a prefix, such as P-{}",
            id.trim(),
            id.trim()
        ),
        Some(_) => format!(
            "an id gives the record its address: keep it to {} characters at most (this one has {})",
            urls::MAX_SLUG,
            id.chars().count()
        ),
        None => "an id needs Latin letters or digits, unique once lowercased: keep an Arabic name in a text column".into(),
    };
    Diagnostic::error(format!(
        "the id `{shown}` cannot give this record an address"
    ))
    .at(&table.path, location)
    .with_hint(hint)
}

/// Groups records by one facet. Values follow the lookup table's order when
/// there is one, and their natural order (years ascending) otherwise.
fn assign_facet(
    table: &Table,
    facet: &mut Facet<'_>,
    records: &mut [Record],
    diagnostics: &mut Diagnostics,
) {
    let mut by_key: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    let keys: Vec<Option<String>> = records
        .iter()
        .map(|record| {
            let row = table.rows.get(record.row)?;
            let value = table.value(row, &facet.field).filter(|v| !v.is_null())?;
            Some(value.to_string())
        })
        .collect();
    for (index, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            by_key.entry(key.clone()).or_default().push(index);
        }
    }
    let ordered = ordered_keys(facet, by_key.keys().cloned().collect());
    let mut position = HashMap::new();
    for key in ordered {
        let Some(slug) = urls::slug_of_id(&key) else {
            diagnostics.push(
                Diagnostic::error(format!(
                    "the value `{key}` of `{}` cannot be used in an address",
                    facet.field
                ))
                .in_file(&table.path)
                .with_hint("facet values need Latin letters or digits"),
            );
            continue;
        };
        position.insert(key.clone(), facet.values.len());
        facet.values.push(FacetValue {
            lookup_row: facet.lookup.and_then(|t| lookup_row(t, &key)),
            records: by_key.remove(&key).unwrap_or_default(),
            key,
            slug,
            figures: Figures::default(),
        });
    }
    for (record, key) in records.iter_mut().zip(keys) {
        record
            .facet_values
            .push(key.and_then(|k| position.get(&k).copied()));
    }
}

fn ordered_keys(facet: &Facet<'_>, mut keys: Vec<String>) -> Vec<String> {
    match facet.lookup {
        Some(lookup) => {
            let order: HashMap<String, usize> = (0..lookup.rows.len())
                .filter_map(|i| Some((row_key(lookup, i)?, i)))
                .collect();
            keys.sort_by_key(|k| (order.get(k).copied().unwrap_or(usize::MAX), k.clone()));
        }
        // Numbers (years) in numeric order, then text.
        None => keys.sort_by_key(|k| (k.parse::<Decimal>().ok(), k.clone())),
    }
    keys
}

/// The primary-key value of a lookup row, as text.
fn row_key(table: &Table, row: usize) -> Option<String> {
    let field = table.schema.primary_key.first()?;
    Some(table.value(table.rows.get(row)?, field)?.to_string())
}

pub fn lookup_row(table: &Table, key: &str) -> Option<usize> {
    (0..table.rows.len()).find(|&i| row_key(table, i).as_deref() == Some(key))
}
