//! `site.toml` parsed and validated: any text either gives a configuration
//! or diagnostics, each at a position inside the text.
#![no_main]

use std::path::Path;

use bayan::diagnostics::Diagnostics;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut diagnostics = Diagnostics::new();
    let config = bayan::config::parse(Path::new("site"), text, &mut diagnostics);
    assert_eq!(config.is_some(), !diagnostics.has_errors());
    for diagnostic in diagnostics.iter() {
        let _ = bayan::diagnostics::report::human(diagnostic);
        let location = diagnostic.location.as_ref();
        let location = location.unwrap_or_else(|| panic!("no position: {diagnostic}"));
        let line = text.split('\n').nth(location.line - 1);
        let line = line.unwrap_or_else(|| panic!("line outside the text: {diagnostic}"));
        let line = line.strip_suffix('\r').unwrap_or(line);
        assert_eq!(location.line_text, line, "{diagnostic}");
        assert!(location.column >= 1 && location.column <= line.chars().count() + 1);
    }
});
