//! CSV bytes to text: UTF-8 only, with or without a BOM. Spreadsheets often
//! save in a Windows code page or UTF-16, so those get a precise diagnostic
//! saying how to export again.

use std::path::Path;

use crate::diagnostics::{Diagnostic, Location};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

const EXPORT_AS_UTF8: &str = "in Excel, use Save As with the type \"CSV UTF-8 (Comma delimited)\"; \
     in LibreOffice, choose the character set \"Unicode (UTF-8)\"";

/// The text of a CSV file (its BOM, if any, is kept: strip it with
/// [`without_bom`]), or a diagnostic saying which encoding it is in.
pub fn decode(bytes: Vec<u8>, path: &Path) -> Result<String, Box<Diagnostic>> {
    if let Some(name) = utf16(&bytes) {
        let diagnostic = Diagnostic::error(format!("this file is {name}, not UTF-8"))
            .in_file(path)
            .with_hint(format!("save it again as UTF-8: {EXPORT_AS_UTF8}"));
        return Err(Box::new(diagnostic));
    }
    String::from_utf8(bytes).map_err(|error| {
        let bom = if error.as_bytes().starts_with(UTF8_BOM) {
            UTF8_BOM.len()
        } else {
            0
        };
        let body = error.as_bytes().get(bom..).unwrap_or_default();
        let bad = error.utf8_error().valid_up_to().saturating_sub(bom);
        Box::new(not_utf8(body, bad, path))
    })
}

/// The text after a UTF-8 BOM, so columns count from the first visible character.
pub fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{FEFF}').unwrap_or(text)
}

fn utf16(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => Some("UTF-16 (little endian)"),
        [0xFE, 0xFF, ..] => Some("UTF-16 (big endian)"),
        _ => utf16_without_bom(bytes),
    }
}

/// Latin text in UTF-16 has a zero byte in every pair (the second in little
/// endian, the first in big endian); UTF-8 text never has zero bytes.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let pairs: Vec<&[u8]> = bytes.chunks_exact(2).take(256).collect();
    let zeros = |i: usize| pairs.iter().filter(|p| p[i] == 0 && p[1 - i] != 0).count();
    let half = pairs.len() / 2;
    match (zeros(0), zeros(1)) {
        (_, le) if le > half && !pairs.is_empty() => {
            Some("UTF-16 (little endian, without a byte-order mark)")
        }
        (be, _) if be > half && !pairs.is_empty() => {
            Some("UTF-16 (big endian, without a byte-order mark)")
        }
        _ => None,
    }
}

fn not_utf8(bytes: &[u8], bad: usize, path: &Path) -> Diagnostic {
    let line_end = bytes
        .iter()
        .skip(bad)
        .position(|b| *b == b'\n')
        .map_or(bytes.len(), |i| bad + i);
    let line_start = bytes
        .get(..bad)
        .and_then(|b| b.iter().rposition(|c| *c == b'\n'))
        .map_or(0, |i| i + 1);
    let source = String::from_utf8_lossy(bytes.get(..line_end).unwrap_or(bytes));
    let byte = bytes.get(bad).copied().unwrap_or(0);
    let (page, meaning) = guess_code_page(bytes.get(line_start..line_end).unwrap_or(&[]), byte);
    // The bad byte is one U+FFFD (three bytes) in the lossy text.
    let location = Location::at(&source, bad..bad + 3);
    Diagnostic::error("this file is not UTF-8 text")
        .at(path, location)
        .with_label(format!("byte 0x{byte:02X}{meaning}"))
        .with_note(format!("this looks like {page}"))
        .with_hint(format!("save it again as UTF-8: {EXPORT_AS_UTF8}"))
}

/// Arabic in a Windows code page comes as runs of high bytes; French in
/// Latin-1 as single accented letters between ASCII ones.
fn guess_code_page(line: &[u8], byte: u8) -> (&'static str, String) {
    let is_high = |i: usize| line.get(i).is_some_and(|b| *b >= 0x80);
    let high = (0..line.len()).filter(|i| is_high(*i)).count();
    let in_runs = (0..line.len())
        .filter(|&i| is_high(i) && (is_high(i + 1) || (i > 0 && is_high(i - 1))))
        .count();
    if high > 0 && in_runs * 2 > high {
        return ("an Arabic Windows code page (Windows-1256)", String::new());
    }
    let meaning = windows_1252(byte)
        .map(|c| format!(", which is `{c}` in Windows-1252"))
        .unwrap_or_default();
    ("Latin-1/Windows-1252", meaning)
}

/// The character a byte stands for in Windows-1252, for the common ones.
fn windows_1252(byte: u8) -> Option<char> {
    match byte {
        0x80 => Some('€'),
        0x85 => Some('…'),
        0x8C => Some('Œ'),
        0x91 => Some('‘'),
        0x92 => Some('’'),
        0x93 => Some('“'),
        0x94 => Some('”'),
        0x96 => Some('–'),
        0x97 => Some('—'),
        0x9C => Some('œ'),
        0xA0..=0xFF => char::from_u32(u32::from(byte)),
        _ => None,
    }
}
