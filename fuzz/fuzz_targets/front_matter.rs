//! Front matter splitting and parsing, then the body, as for a news article
//! (date required) and a page: any text either loads or gets diagnostics.
#![no_main]

use bayan::content::{DocumentKind, RawHtml, check_source};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for kind in [DocumentKind::Article, DocumentKind::Page] {
        let (document, diagnostics) = check_source(kind, text, RawHtml::Sanitize);
        if let Some((front, _)) = &document {
            assert!(kind == DocumentKind::Page || front.date.is_some());
        }
        for diagnostic in diagnostics.iter() {
            let _ = bayan::diagnostics::report::human(diagnostic);
            let location = diagnostic.location.as_ref();
            assert!(location.is_none_or(|l| l.line >= 1 && l.column >= 1));
        }
    }
});
