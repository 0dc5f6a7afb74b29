//! Root-absolute URLs written in a template (`href="/css/site.css"`): they
//! work at a domain's root and break when the site is published under a
//! sub-path such as `https://host/transparence/`.

use std::sync::LazyLock;

use regex::Regex;

use crate::diagnostics::{Diagnostic, Location};
use crate::render::Sources;

/// An attribute that holds a URL, whose value starts with one `/` (two
/// would be another host, `//cdn.example/`).
static ROOT_ABSOLUTE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r#"(?i)\b(?:href|src|action|poster|data-[a-z0-9-]+)\s*=\s*["']?(/(?:[^/"'\s>][^"'\s>]*)?)(?:["'\s>]|$)"#)
        .ok()
});

/// One warning per root-absolute URL of every template.
pub fn check(sources: &Sources) -> Vec<Diagnostic> {
    let Some(pattern) = ROOT_ABSOLUTE.as_ref() else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for (name, (path, text)) in sources {
        if name.starts_with("theme/") {
            continue; // the theme's copy of an overridden template: reported under its own name
        }
        for captures in pattern.captures_iter(text) {
            let Some(url) = captures.get(1) else { continue };
            let location = Location::at(text, url.range());
            found.push(
                Diagnostic::warning(format!(
                    "the template writes the root-absolute address `{}`, which breaks when the site is published under a sub-path",
                    url.as_str()
                ))
                .at(path, location)
                .with_code("template-root-absolute")
                .with_label("starts at the domain's root")
                .with_hint("use {{ asset(path=\"…\") }} for a static file, and site.links or page.href for a page"),
            );
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    fn sources(text: &str) -> Sources {
        Sources::from([(
            "base.html".to_string(),
            (PathBuf::from("templates/base.html"), text.to_string()),
        )])
    }

    #[test]
    fn reports_root_absolute_urls_with_their_position() {
        let found = check(&sources(
            "<link href=\"/css/site.css\">\n<a href='/'>x</a> <form data-index=\"/fr/i.json\">",
        ));
        let shown: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "templates/base.html:1:13: warning: the template writes the root-absolute address `/css/site.css`, which breaks when the site is published under a sub-path",
                "templates/base.html:2:10: warning: the template writes the root-absolute address `/`, which breaks when the site is published under a sub-path",
                "templates/base.html:2:37: warning: the template writes the root-absolute address `/fr/i.json`, which breaks when the site is published under a sub-path",
            ]
        );
        assert_eq!(found[0].code, Some("template-root-absolute"));
    }

    #[test]
    fn accepts_variables_other_hosts_and_relative_urls() {
        let found = check(&sources(
            "<link href=\"{{ asset(path='css/site.css') }}\"><a href=\"//cdn.example/x\"></a>\
             <a href=\"https://x.ma/\"></a><a href=\"../fr/\"></a><a href=\"{{ page.href }}\"></a>",
        ));
        assert_eq!(found, Vec::new());
    }
}
