//! The raw HTML policy, trusted and sanitised: whatever the Markdown holds,
//! a document that renders without an error has no URL-bearing attribute
//! whose URL runs code, as a browser reads the HTML (see the oracle).
#![no_main]

use bayan::content::{RawHtml, render_with};
use bayan::diagnostics::Severity;
use libfuzzer_sys::fuzz_target;

#[path = "../oracle/raw_html.rs"]
mod oracle;

fuzz_target!(|data: &[u8]| {
    let Ok(markdown) = std::str::from_utf8(data) else {
        return;
    };
    for policy in [RawHtml::Trust, RawHtml::Sanitize] {
        let (rendered, issues) = render_with(markdown, policy);
        for issue in &issues {
            assert!(issue.span.start <= issue.span.end && issue.span.end <= markdown.len());
        }
        if issues.iter().any(|i| i.severity == Severity::Error) {
            continue;
        }
        if let Some(found) = oracle::code_url(&rendered.html) {
            panic!("{policy:?}: {found:?} in {}", rendered.html);
        }
    }
});
