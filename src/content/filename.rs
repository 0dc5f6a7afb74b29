//! File names `NAME.LANG.md`: the shared name links translations, the
//! language suffix says which language the file is in.

use crate::diagnostics::{Diagnostic, Severity, suggest};

/// Names that would clash with a device on Windows or with an address the
/// site itself uses (a section index, pagination).
const RESERVED: [&str; 24] = [
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8",
    "com9", "lpt1", "lpt2", "lpt3", "lpt4", "lpt5", "lpt6", "lpt7", "lpt8", "lpt9", "index",
    "page",
];

/// The two parts of a content file's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileName {
    /// The name shared by all translations: `2023-08-08-convention`.
    pub key: String,
    /// The language code: `fr`.
    pub lang: String,
}

/// Splits and checks `NAME.LANG.md` (the `.md` already known to be there).
/// The diagnostic returned has no file yet: the caller adds it.
pub fn parse(file_name: &str, languages: &[String]) -> Result<FileName, Box<Diagnostic>> {
    let stem = file_name.strip_suffix(".md").unwrap_or(file_name);
    let Some((key, lang)) = stem.rsplit_once('.') else {
        return Err(Box::new(no_suffix(stem, languages)));
    };
    check_language(key, lang, languages)?;
    check_name(key, lang)?;
    Ok(FileName {
        key: key.to_string(),
        lang: lang.to_string(),
    })
}

fn no_suffix(stem: &str, languages: &[String]) -> Diagnostic {
    let attached = languages
        .iter()
        .find_map(|l| stem.strip_suffix(&format!("-{l}")).map(|key| (key, l)));
    let names: Vec<_> = languages
        .iter()
        .map(|l| format!("`{stem}.{l}.md`"))
        .collect();
    let mut args = vec![("names", names.join(", "))];
    args.extend(attached.map(|(key, lang)| ("suggestion", format!("{key}.{lang}.md"))));
    Diagnostic::coded(Severity::Error, "file-name-no-language", args)
}

fn check_language(key: &str, lang: &str, languages: &[String]) -> Result<(), Box<Diagnostic>> {
    if languages.iter().any(|l| l == lang) {
        return Ok(());
    }
    let lower = lang.to_lowercase();
    let mut args = vec![
        ("lang", lang.to_string()),
        ("languages", languages.join(", ")),
        ("name", key.to_string()),
    ];
    let close = suggest(&lower, languages.iter().map(String::as_str));
    args.extend(close.map(|s| ("suggestion", format!("`{s}`"))));
    let diagnostic = Diagnostic::coded(Severity::Error, "file-name-unknown-language", args);
    Err(Box::new(diagnostic))
}

fn check_name(key: &str, lang: &str) -> Result<(), Box<Diagnostic>> {
    if RESERVED.contains(&key) {
        let hint = format!("choose another name, for example `{key}-1.{lang}.md`");
        let message = format!("`{key}` is a reserved name");
        return Err(Box::new(Diagnostic::error(message).with_hint(hint)));
    }
    if is_slug(key) {
        return Ok(());
    }
    let fixed = slug_like(key);
    let hint = if fixed.is_empty() {
        "use lowercase letters a-z, digits and hyphens, like `2023-08-08-convention.fr.md`"
            .to_string()
    } else {
        format!("use lowercase letters a-z, digits and hyphens: rename it `{fixed}.{lang}.md`")
    };
    let message = format!("`{key}` is not a safe name for a web address");
    Err(Box::new(Diagnostic::error(message).with_hint(hint)))
}

/// Lowercase ASCII letters and digits in words joined by single hyphens.
pub fn is_slug(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|word| {
            !word.is_empty()
                && word
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// A suggestion: the name made safe, for the hint.
fn slug_like(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        match c.to_ascii_lowercase() {
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.ends_with('-') && !out.is_empty() => out.push('-'),
            _ => {}
        }
    }
    out.trim_end_matches('-').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs() -> Vec<String> {
        vec!["fr".to_string(), "ar".to_string()]
    }

    #[test]
    fn splits_name_and_language() {
        let name = parse("2023-08-08-convention.fr.md", &langs());
        assert_eq!(
            name.ok(),
            Some(FileName {
                key: "2023-08-08-convention".into(),
                lang: "fr".into(),
            })
        );
    }

    #[test]
    fn rejects_unknown_language_suffix_with_hint() {
        let error = parse("programme.fra.md", &langs()).err();
        let error = error.expect("fra is not a configured language");
        assert_eq!(error.message, "`fra` is not one of the site's languages");
        let hint = error.hint.unwrap_or_default();
        assert!(hint.starts_with("did you mean `fr`?"), "{hint}");
        assert!(hint.contains("fr, ar"), "{hint}");
    }

    #[test]
    fn rejects_missing_language_suffix_with_hint() {
        let error = parse("programme.md", &langs()).expect_err("no suffix");
        assert_eq!(error.message, "the file name has no language suffix");
        assert!(
            error
                .hint
                .unwrap_or_default()
                .contains("`programme.fr.md`, `programme.ar.md`")
        );
        let error = parse("programme-ar.md", &langs()).expect_err("no suffix");
        assert_eq!(
            error.hint.as_deref(),
            Some("did you mean `programme.ar.md`?")
        );
    }

    #[test]
    fn rejects_unsafe_and_reserved_names() {
        for bad in [
            "Convention ESS.fr.md",
            "a..b.fr.md",
            "-a.fr.md",
            "a--b.fr.md",
            "اتفاقية.fr.md",
            ".fr.md",
        ] {
            assert!(parse(bad, &langs()).is_err(), "{bad}");
        }
        let error = parse("Convention ESS.fr.md", &langs()).expect_err("unsafe");
        assert!(
            error
                .hint
                .unwrap_or_default()
                .contains("`convention-ess.fr.md`")
        );
        let error = parse("con.fr.md", &langs()).expect_err("reserved");
        assert_eq!(error.message, "`con` is a reserved name");
    }
}
