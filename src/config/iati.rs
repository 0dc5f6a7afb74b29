//! `[iati]` in site.toml: how the records become IATI 2.03 activities for
//! donors' tools. The columns are named here and checked against the
//! records table's schema by the model; codes map the data's values to
//! IATI codelists (a value without a mapping is written as it is).

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use super::Named;

/// As written in site.toml.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIati {
    /// Prefixed to each record's id: `XM-EXAMPLE-TTA` gives `XM-EXAMPLE-TTA-TTA-2023-001`.
    pub identifier_prefix: String,
    pub reporting_org: RawIatiOrg,
    /// ISO 3166 code of the recipient country.
    pub country: String,
    pub currency: String,
    pub columns: RawIatiColumns,
    /// Column name to (value in the data to IATI code).
    #[serde(default)]
    pub codes: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIatiOrg {
    #[serde(rename = "ref")]
    pub reference: String,
    /// An IATI OrganisationType code.
    #[serde(rename = "type")]
    pub kind: String,
    /// Per language.
    pub name: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawIatiColumns {
    pub identifier: Spanned<String>,
    pub title: Spanned<String>,
    pub description: Spanned<String>,
    pub organisation: Spanned<String>,
    pub organisation_type: Spanned<String>,
    pub sector: Spanned<String>,
    pub location: Spanned<String>,
    pub status: Spanned<String>,
    pub start: Spanned<String>,
    pub end: Spanned<String>,
    pub commitment: Spanned<String>,
    pub disbursement: Spanned<String>,
    /// A year column: an activity without a start date gets a planned
    /// start on 1 January of it (IATI requires a date).
    pub planned_year: Option<Spanned<String>>,
}

/// The validated mapping.
#[derive(Debug, Clone)]
pub struct Iati {
    pub identifier_prefix: String,
    pub reporting_org: RawIatiOrg,
    pub country: String,
    pub currency: String,
    pub columns: IatiColumns,
    pub codes: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone)]
pub struct IatiColumns {
    pub identifier: Named,
    pub title: Named,
    pub description: Named,
    pub organisation: Named,
    pub organisation_type: Named,
    pub sector: Named,
    pub location: Named,
    pub status: Named,
    pub start: Named,
    pub end: Named,
    pub commitment: Named,
    pub disbursement: Named,
    pub planned_year: Option<Named>,
}

impl IatiColumns {
    /// Every named column, for checks against the schema.
    pub fn all(&self) -> Vec<&Named> {
        let mut all = vec![
            &self.identifier,
            &self.title,
            &self.description,
            &self.organisation,
            &self.organisation_type,
            &self.sector,
            &self.location,
            &self.status,
            &self.start,
            &self.end,
            &self.commitment,
            &self.disbursement,
        ];
        all.extend(&self.planned_year);
        all
    }
}

impl Iati {
    /// The IATI code of a data value in a column: its mapping, else itself.
    pub fn code<'a>(&'a self, column: &Named, value: &'a str) -> &'a str {
        self.codes
            .get(&column.name)
            .and_then(|codes| codes.get(value))
            .map_or(value, String::as_str)
    }
}

/// Validates `[iati]`, naming each column with its place in site.toml.
pub fn validate(raw: RawIati, named: impl Fn(Spanned<String>) -> Named) -> Iati {
    let c = raw.columns;
    Iati {
        identifier_prefix: raw.identifier_prefix,
        reporting_org: raw.reporting_org,
        country: raw.country,
        currency: raw.currency,
        columns: IatiColumns {
            identifier: named(c.identifier),
            title: named(c.title),
            description: named(c.description),
            organisation: named(c.organisation),
            organisation_type: named(c.organisation_type),
            sector: named(c.sector),
            location: named(c.location),
            status: named(c.status),
            start: named(c.start),
            end: named(c.end),
            commitment: named(c.commitment),
            disbursement: named(c.disbursement),
            planned_year: c.planned_year.map(&named),
        },
        codes: raw.codes,
    }
}
