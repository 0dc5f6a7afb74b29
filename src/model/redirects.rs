//! The redirects of `site.toml` resolved against the pages: each old
//! address leads, directly or through other redirects, to a page of this
//! build, in the language of that page.

use std::collections::{BTreeMap, BTreeSet};

use crate::config::{CONFIG_FILE, Named, SiteConfig};
use crate::diagnostics::{Diagnostic, Diagnostics, suggest};

use super::Page;

/// An old path of the site and the page it now leads to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redirect {
    /// The old path (`/fr/projets/old/`).
    pub from: String,
    /// The page's path, after following any chain of redirects.
    pub to: String,
    /// The language of that page.
    pub lang: String,
}

/// Every redirect of `config` followed to its page, then the `carried`
/// ones (of addresses that moved since the previous build, which a
/// declared redirect may lead to); an old address that is a page, a target
/// that is none, and a loop are errors at their line.
pub fn resolve(
    config: &SiteConfig,
    pages: &[Page],
    carried: Vec<Redirect>,
    diagnostics: &mut Diagnostics,
) -> Vec<Redirect> {
    let mut languages: BTreeMap<&str, &str> = pages
        .iter()
        .map(|p| (p.path.as_str(), p.lang.as_str()))
        .collect();
    // The landing page, in no language of its own.
    languages.insert("/", &config.default_language);
    let next: BTreeMap<&str, &Named> = config
        .redirects
        .iter()
        .map(|r| (r.from.name.as_str(), &r.to))
        .collect();
    let moved: BTreeMap<&str, &str> = carried
        .iter()
        .map(|r| (r.from.as_str(), r.to.as_str()))
        .collect();
    let mut resolved = Vec::new();
    for redirect in &config.redirects {
        let from = &redirect.from;
        if languages.contains_key(from.name.as_str()) {
            diagnostics.push(
                error(
                    format!(
                        "`{}` is the address of a page of this build: a redirect would hide it",
                        from.name
                    ),
                    from,
                )
                .with_hint("remove this redirect, or the page that took the old address"),
            );
            continue;
        }
        match follow(&redirect.to, &next, &moved, &languages) {
            Ok(to) => resolved.push(Redirect {
                from: from.name.clone(),
                lang: languages[to.as_str()].to_string(),
                to,
            }),
            Err(diagnostic) => diagnostics.push(*diagnostic),
        }
    }
    resolved.extend(carried);
    resolved
}

/// The page `to` leads to, through other redirects if it is one.
fn follow(
    to: &Named,
    next: &BTreeMap<&str, &Named>,
    moved: &BTreeMap<&str, &str>,
    pages: &BTreeMap<&str, &str>,
) -> Result<String, Box<Diagnostic>> {
    let mut seen = BTreeSet::new();
    let mut at = to;
    loop {
        if pages.contains_key(at.name.as_str()) {
            return Ok(at.name.clone());
        }
        if !seen.insert(at.name.as_str()) {
            let chain: Vec<&str> = seen.iter().copied().collect();
            return Err(Box::new(
                error(
                    format!(
                        "the redirect to `{}` never reaches a page: it loops",
                        to.name
                    ),
                    to,
                )
                .with_note(format!("the loop goes through {}", chain.join(", ")))
                .with_hint("make one of these redirects lead to a page of the site"),
            ));
        }
        if let Some(page) = moved.get(at.name.as_str()) {
            return Ok((*page).to_string());
        }
        match next.get(at.name.as_str()) {
            Some(following) => at = following,
            None => {
                let paths = pages.keys().copied();
                let hint = suggest(&at.name, paths).map_or_else(
                    || "write the address of a page this build makes".to_string(),
                    |close| format!("did you mean `{close}`?"),
                );
                return Err(Box::new(
                    error(
                        format!(
                            "the redirect leads to `{}`, which is no page of this build",
                            at.name
                        ),
                        at,
                    )
                    .with_hint(hint),
                ));
            }
        }
    }
}

fn error(message: String, at: &Named) -> Diagnostic {
    Diagnostic::error(message).at(CONFIG_FILE, at.location.clone())
}
