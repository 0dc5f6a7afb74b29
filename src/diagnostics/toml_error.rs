//! TOML parse and type errors as diagnostics with a "did you mean" hint.

use std::path::Path;

use super::{Diagnostic, Location, did_you_mean};

/// A `toml` error in `source` (the text of `file`) as a diagnostic.
/// `offset` is where `source` starts in the file (front matter sits after a
/// `+++` line), so positions are those of the whole file.
pub fn toml_diagnostic(
    file: &Path,
    file_text: &str,
    offset: usize,
    error: &toml::de::Error,
) -> Diagnostic {
    let message = error.message().trim();
    let span = error
        .span()
        .map_or(offset..offset, |s| s.start + offset..s.end + offset);
    let mut diagnostic =
        Diagnostic::error(first_line(message)).at(file, Location::at(file_text, span));
    if let Some((unknown, expected)) = unknown_field(message) {
        diagnostic.message = format!("unknown key `{unknown}`");
        diagnostic = diagnostic.with_note(format!("known keys: {}", expected.join(", ")));
        if let Some(hint) = did_you_mean(unknown, expected.iter().map(String::as_str)) {
            diagnostic = diagnostic.with_hint(hint);
        }
    } else if let Some(variant) = unknown_variant(message) {
        diagnostic = diagnostic.with_note(format!("value: {variant}"));
    }
    diagnostic
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).to_string()
}

/// serde says: "unknown field `x`, expected one of `a`, `b`" (or "expected `a`").
fn unknown_field(message: &str) -> Option<(&str, Vec<String>)> {
    let rest = message.strip_prefix("unknown field `")?;
    let (name, rest) = rest.split_once('`')?;
    let expected = rest
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    Some((name, expected))
}

fn unknown_variant(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("unknown variant `")?;
    rest.split_once('`').map(|(name, _)| name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Config {
        base_url: String,
        theme: Option<String>,
    }

    fn diagnose(text: &str, offset: usize) -> Diagnostic {
        let source = &text[offset..];
        let error = toml::from_str::<Config>(source).err();
        let error = error.expect("the input is invalid");
        toml_diagnostic(Path::new("site.toml"), text, offset, &error)
    }

    #[test]
    fn unknown_key_gets_position_and_suggestion() {
        let d = diagnose("base_url = \"x\"\nthem = \"default\"\n", 0);
        assert_eq!(d.message, "unknown key `them`");
        assert_eq!(d.position(), "site.toml:2:1");
        assert_eq!(d.hint.as_deref(), Some("did you mean `theme`?"));
    }

    #[test]
    fn offset_moves_the_position_into_the_whole_file() {
        let text = "+++\nbase_url = 3\n+++\n";
        let d = diagnose(&text[..text.len() - 4], 4);
        assert_eq!(d.position(), "site.toml:2:12");
    }
}
