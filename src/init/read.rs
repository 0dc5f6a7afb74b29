//! A spreadsheet's CSV export as Bayan reads it: UTF-8 (a BOM is dropped),
//! LF or CRLF, comma, semicolon or tab between cells (French Excel writes
//! semicolons), every record as text cells under a header.

use std::path::Path;

use crate::diagnostics::Diagnostic;

/// A CSV file read whole: its header and its rows of text cells.
#[derive(Debug)]
pub struct Sheet {
    /// The table's name: the file's stem.
    pub name: String,
    pub delimiter: u8,
    pub header: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// Reads `bytes` (the file at `path`) into a [`Sheet`].
pub fn sheet(name: &str, bytes: Vec<u8>, path: &Path) -> Result<Sheet, Box<Diagnostic>> {
    let text = crate::data::decode_csv(bytes, path)?;
    let text = crate::data::without_bom(&text);
    let delimiter = delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            Diagnostic::error(format!("line {line} cannot be read as CSV: {e}"))
                .in_file(path)
                .with_hint("open the file in a spreadsheet and export it again as CSV UTF-8")
        })?;
        // Spreadsheets leave rows of empty cells at the end.
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        records.push(
            record
                .iter()
                .map(|c| c.trim().to_string())
                .collect::<Vec<_>>(),
        );
    }
    let mut records = records.into_iter();
    let header = records.next().ok_or_else(|| {
        Diagnostic::error("this file is empty")
            .in_file(path)
            .with_hint("the first line must name the columns")
    })?;
    check_header(&header, path)?;
    let rows: Vec<Vec<String>> = records.collect();
    if let Some((index, row)) = rows
        .iter()
        .enumerate()
        .find(|(_, r)| r.len() != header.len())
    {
        let message = format!(
            "row {} has {} cells, but the header has {} columns",
            index + 2,
            row.len(),
            header.len()
        );
        return Err(Box::new(
            Diagnostic::error(message)
                .in_file(path)
                .with_hint("a text that holds the separator must be between double quotes"),
        ));
    }
    Ok(Sheet {
        name: name.to_string(),
        delimiter,
        header,
        rows,
    })
}

/// Every column needs a name of its own: it becomes a field's name.
fn check_header(header: &[String], path: &Path) -> Result<(), Box<Diagnostic>> {
    let problem = header.iter().enumerate().find_map(|(index, name)| {
        if name.is_empty() {
            Some(format!("column {} of the header has no name", index + 1))
        } else if header
            .get(..index)
            .is_some_and(|before| before.contains(name))
        {
            Some(format!("the column `{name}` appears twice in the header"))
        } else {
            None
        }
    });
    match problem {
        Some(message) => Err(Box::new(
            Diagnostic::error(message)
                .in_file(path)
                .with_hint("give every column of the first line its own name"),
        )),
        None => Ok(()),
    }
}

/// The separator of the header line: the most frequent of `,`, `;` and
/// tab outside quotes (a French export uses `;`, its decimals `,`).
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or_default();
    let mut quoted = false;
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    for byte in first.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        }
        if let Some(count) = counts.iter_mut().find(|(d, _)| *d == byte && !quoted) {
            count.1 += 1;
        }
    }
    // Ties go to the comma, the first listed.
    counts
        .iter()
        .fold((b',', 0), |best, c| if c.1 > best.1 { *c } else { best })
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(bytes: &[u8]) -> Sheet {
        sheet("t", bytes.to_vec(), Path::new("t.csv")).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn reads_a_french_excel_export_with_bom_crlf_and_semicolons() {
        let sheet =
            read(b"\xEF\xBB\xBFid;montant;nom\r\nA1;12,5;\"Tanger; Asilah\"\r\nA2;3;X\r\n;;\r\n");
        assert_eq!(sheet.delimiter, b';');
        assert_eq!(sheet.header, ["id", "montant", "nom"]);
        assert_eq!(
            sheet.rows,
            [["A1", "12,5", "Tanger; Asilah"], ["A2", "3", "X"]]
        );
    }

    #[test]
    fn reads_commas_and_tabs() {
        assert_eq!(read(b"a,b\n1,2\n").delimiter, b',');
        assert_eq!(read(b"a\tb\n1\t2\n").delimiter, b'\t');
    }

    #[test]
    fn refuses_a_row_of_the_wrong_width_and_text_that_is_not_utf8() {
        let short = sheet("t", b"a,b\n1\n".to_vec(), Path::new("t.csv"));
        let message = short.map(|_| ()).expect_err("a short row").message;
        assert_eq!(message, "row 2 has 1 cells, but the header has 2 columns");
        let latin1 = sheet("t", b"a\n\xe9\n".to_vec(), Path::new("t.csv"));
        assert!(latin1.is_err());
        let twice = sheet("t", b"a,b,a\n1,2,3\n".to_vec(), Path::new("t.csv"));
        let message = twice.map(|_| ()).expect_err("a repeated column").message;
        assert_eq!(message, "the column `a` appears twice in the header");
        let unnamed = sheet("t", b"a,\n1,2\n".to_vec(), Path::new("t.csv"));
        let message = unnamed
            .map(|_| ())
            .expect_err("a column without a name")
            .message;
        assert_eq!(message, "column 2 of the header has no name");
    }
}
