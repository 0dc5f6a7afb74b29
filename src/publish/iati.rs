//! `data/iati-activities.xml`: the records as IATI 2.03 activities, from
//! the mapping `[iati]` declares in site.toml (checked by the model). One
//! activity per record, streamed to the sink; texts in every language as
//! narratives; amounts as commitment and disbursement transactions.

use std::io::{self, Write};

use crate::config::Named;
use crate::config::iati::Iati;
use crate::data::{Row, Value};
use crate::fsio::FsError;
use crate::html::escape;
use crate::model::{Site, urls};
use crate::sink::Sink;

/// Streams the activity file to the sink, when `[iati]` is declared.
pub fn write(site: &Site<'_>, sink: &dyn Sink) -> Option<FsError> {
    let iati = site.config.iati.as_ref()?;
    sink.stream(&urls::iati_activities(), &mut |out| {
        activities(site, iati, out)
    })
    .err()
}

fn activities(site: &Site<'_>, iati: &Iati, out: &mut dyn Write) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<iati-activities version="2.03">"#)?;
    for record in &site.records {
        if let Some(row) = site.table.rows.get(record.row) {
            activity(site, iati, row, out)?;
        }
    }
    writeln!(out, "</iati-activities>")
}

/// One activity, its elements in the order the schema requires.
fn activity(site: &Site<'_>, iati: &Iati, row: &Row, out: &mut dyn Write) -> io::Result<()> {
    let c = &iati.columns;
    let lang = &site.config.default_language;
    let value = |n: &Named| {
        site.table
            .value(row, &n.name)
            .map(ToString::to_string)
            .unwrap_or_default()
    };
    let code = |n: &Named| iati.code(n, &value(n)).to_string();
    let org = &iati.reporting_org;
    writeln!(
        out,
        r#"<iati-activity default-currency="{}" xml:lang="{}">"#,
        escape(&iati.currency),
        escape(lang)
    )?;
    writeln!(
        out,
        "<iati-identifier>{}-{}</iati-identifier>",
        escape(&iati.identifier_prefix),
        escape(&value(&c.identifier))
    )?;
    let org_names: Vec<(&str, &str)> = org
        .name
        .iter()
        .map(|(l, t)| (l.as_str(), t.as_str()))
        .collect();
    write!(
        out,
        r#"<reporting-org ref="{}" type="{}">"#,
        escape(&org.reference),
        escape(&org.kind)
    )?;
    narratives(out, &org_names)?;
    writeln!(out, "</reporting-org>")?;
    element(out, "<title>", "</title>", &texts(site, row, &c.title))?;
    element(
        out,
        r#"<description type="1">"#,
        "</description>",
        &texts(site, row, &c.description),
    )?;
    write!(
        out,
        r#"<participating-org ref="{}" role="1" type="{}">"#,
        escape(&org.reference),
        escape(&org.kind)
    )?;
    narratives(out, &org_names)?;
    writeln!(out, "</participating-org>")?;
    let implementing = format!(
        r#"<participating-org role="4" type="{}">"#,
        escape(&code(&c.organisation_type))
    );
    element(
        out,
        &implementing,
        "</participating-org>",
        &texts(site, row, &c.organisation),
    )?;
    let status = code(&c.status);
    writeln!(out, r#"<activity-status code="{}"/>"#, escape(&status))?;
    let start = value(&c.start);
    let planned = c.planned_year.as_ref().map(value).unwrap_or_default();
    if !start.is_empty() {
        writeln!(out, r#"<activity-date type="2" iso-date="{start}"/>"#)?;
    } else if !planned.is_empty() {
        writeln!(
            out,
            r#"<activity-date type="1" iso-date="{planned}-01-01"/>"#
        )?;
    }
    let end = value(&c.end);
    if !end.is_empty() {
        // 4: actual end once the activity is finished or closed; else planned.
        let kind = if matches!(status.as_str(), "3" | "4") {
            4
        } else {
            3
        };
        writeln!(out, r#"<activity-date type="{kind}" iso-date="{end}"/>"#)?;
    }
    writeln!(
        out,
        r#"<recipient-country code="{}" percentage="100"/>"#,
        escape(&iati.country)
    )?;
    element(
        out,
        "<location><name>",
        "</name></location>",
        &texts(site, row, &c.location),
    )?;
    writeln!(
        out,
        r#"<sector vocabulary="1" code="{}" percentage="100"/>"#,
        escape(&code(&c.sector))
    )?;
    for (kind, amount) in [("2", &c.commitment), ("3", &c.disbursement)] {
        let amount = site
            .table
            .value(row, &amount.name)
            .and_then(Value::as_decimal);
        if let (Some(amount), false) = (amount, start.is_empty()) {
            writeln!(
                out,
                r#"<transaction><transaction-type code="{kind}"/><transaction-date iso-date="{start}"/><value currency="{}" value-date="{start}">{amount}</value></transaction>"#,
                escape(&iati.currency)
            )?;
        }
    }
    writeln!(out, "</iati-activity>")
}

/// A translated field's text in every site language that has it.
fn texts<'a>(site: &'a Site<'_>, row: &'a Row, field: &Named) -> Vec<(&'a str, &'a str)> {
    site.config
        .languages
        .iter()
        .filter_map(|l| Some((l.code.as_str(), site.table.text(row, &field.name, &l.code)?)))
        .collect()
}

fn element(out: &mut dyn Write, open: &str, close: &str, texts: &[(&str, &str)]) -> io::Result<()> {
    write!(out, "{open}")?;
    narratives(out, texts)?;
    writeln!(out, "{close}")
}

fn narratives(out: &mut dyn Write, texts: &[(&str, &str)]) -> io::Result<()> {
    for (lang, text) in texts {
        write!(
            out,
            r#"<narrative xml:lang="{}">{}</narrative>"#,
            escape(lang),
            escape(text)
        )?;
    }
    Ok(())
}
