//! `[[redirects]]` in site.toml: old addresses that must keep working.
//! Each `from` and `to` is a path of the site (`/fr/projets/tta-2023-001/`),
//! without the base URL's own path; here only their form and repeats are
//! checked, the model checks that each leads to a page.

use std::collections::BTreeMap;

use toml::Spanned;

use super::raw::RawRedirect;
use super::validate::Validator;
use super::{Named, Redirect};

impl Validator<'_> {
    pub(super) fn redirects(&mut self, raw: Vec<RawRedirect>) -> Vec<Redirect> {
        let mut first_line: BTreeMap<String, usize> = BTreeMap::new();
        let mut redirects = Vec::new();
        for redirect in raw {
            let (Some(from), Some(to)) =
                (self.site_path(redirect.from), self.site_path(redirect.to))
            else {
                continue;
            };
            if let Some(line) = first_line.get(&from.name) {
                let message = format!("the address `{}` is redirected twice", from.name);
                let error = self.error_at(message, &from);
                error.notes.push(format!("first redirected on line {line}"));
                error.hint = Some("keep one [[redirects]] entry per old address".into());
                continue;
            }
            first_line.insert(from.name.clone(), from.location.line);
            if from.name == to.name {
                let message = format!("the address `{}` is redirected to itself", from.name);
                self.error_at(message, &to).hint =
                    Some("a redirect leads from an old address to a new one".into());
                continue;
            }
            redirects.push(Redirect { from, to });
        }
        redirects
    }

    /// A path of the site, as pages have them: `/fr/projets/`.
    fn site_path(&mut self, raw: Spanned<String>) -> Option<Named> {
        let span = raw.span();
        let text = raw.get_ref();
        let problem = if !text.starts_with('/') || text.starts_with("//") {
            Some("it must start with one `/`, from the site's root")
        } else if text.contains(['?', '#', '\\', ' ']) {
            Some("an address here has no query (?), fragment (#), backslash or space")
        } else if text.split('/').any(|part| part == ".." || part == ".") {
            Some("it must not contain `.` or `..` segments")
        } else if !(text.ends_with('/') || text.ends_with(".html")) {
            Some("a page's address ends with `/` (or `.html`)")
        } else {
            None
        };
        if let Some(problem) = problem {
            self.error(format!("`{text}` is not a page address: {problem}"), span)
                .hint = Some(
                "write it as it appears after the site's address, such as /fr/projets/old-id/"
                    .into(),
            );
            return None;
        }
        Some(self.named(raw))
    }

    fn error_at(&mut self, message: String, at: &Named) -> &mut crate::diagnostics::Diagnostic {
        self.diagnostics.push(
            crate::diagnostics::Diagnostic::error(message)
                .at(super::CONFIG_FILE, at.location.clone()),
        );
        self.diagnostics
            .last_mut()
            .expect("a diagnostic was just pushed")
    }
}
