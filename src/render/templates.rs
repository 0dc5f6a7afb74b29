//! Loading templates: the one place that knows the lookup order.
//!
//! A name resolves to the site's own `templates/NAME` first, then the
//! theme's `themes/THEME/templates/NAME`. A theme template that the site
//! overrides is also registered as `theme/NAME`, so the site's copy can
//! extend it (`{% extends "theme/base.html" %}`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::fsio;

/// Template name to (file path relative to the root, source text).
pub type Sources = BTreeMap<String, (PathBuf, String)>;

pub fn theme_dir(config: &SiteConfig) -> PathBuf {
    config.root.join("themes").join(&config.theme)
}

/// Reads the theme's and the site's templates, in lookup order.
pub fn read_sources(config: &SiteConfig, diagnostics: &mut Diagnostics) -> Sources {
    let theme = theme_dir(config);
    if !theme.is_dir() {
        diagnostics.push(
            Diagnostic::error(format!("the theme `{}` does not exist", config.theme))
                .in_file(crate::config::CONFIG_FILE)
                .with_hint(format!(
                    "expected a folder {}",
                    config.relative(&theme).display()
                )),
        );
        return Sources::new();
    }
    let mut sources = Sources::new();
    for (name, path, text) in read_dir(config, &theme.join("templates"), diagnostics) {
        sources.insert(name, (path, text));
    }
    for (name, path, text) in read_dir(config, &config.root.join("templates"), diagnostics) {
        // The theme's copy stays reachable for `extends`; it is registered
        // only when overridden, so its components are not defined twice.
        if let Some(theme_copy) = sources.insert(name.clone(), (path, text)) {
            sources.insert(format!("theme/{name}"), theme_copy);
        }
    }
    sources
}

fn read_dir(
    config: &SiteConfig,
    dir: &Path,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, PathBuf, String)> {
    if !dir.is_dir() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = match entry {
            Ok(entry) if entry.file_type().is_file() => entry,
            Ok(_) => continue,
            Err(error) => {
                diagnostics
                    .push(Diagnostic::error(error.to_string()).in_file(config.relative(dir)));
                continue;
            }
        };
        let name = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let relative = config.relative(entry.path()).to_path_buf();
        match fsio::read_to_string(entry.path()) {
            Ok(text) => found.push((name, relative, text)),
            Err(error) => diagnostics.push(Diagnostic::from(error).in_file(&relative)),
        }
    }
    found
}

/// Compiles all templates into `tera`, which must already know every filter
/// and function they use; syntax errors become diagnostics at the template's
/// file, line and column.
pub fn compile(
    mut tera: tera::Tera,
    sources: &Sources,
    diagnostics: &mut Diagnostics,
) -> Option<tera::Tera> {
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    let pairs = sources
        .iter()
        .map(|(name, (_, text))| (name.as_str(), text.as_str()));
    match tera.add_raw_templates(pairs) {
        Ok(()) => Some(tera),
        Err(error) => {
            diagnostics.push(template_diagnostic(sources, &error));
            None
        }
    }
}

/// A Tera error as a diagnostic at the template file, line and column.
pub fn template_diagnostic(sources: &Sources, error: &tera::Error) -> Diagnostic {
    use tera::ErrorKind;
    let report = match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => report,
        ErrorKind::TemplateNotFound(name) => {
            return Diagnostic::error(format!("the template `{name}` does not exist"))
                .with_hint("add it to the theme's templates/ or the site's templates/");
        }
        other => return Diagnostic::error(format!("template error: {other}")),
    };
    let message = report.message().to_string();
    let Some((path, text)) = sources.get(report.filename()) else {
        return Diagnostic::error(message).in_file(report.filename());
    };
    let span = report.span();
    let location = Location::at(text, span.range.clone());
    let mut diagnostic = Diagnostic::error(message).at(path, location);
    if diagnostic.message.contains("not found in context")
        || diagnostic.message.contains("undefined")
    {
        diagnostic = diagnostic
            .with_hint("check the variable's spelling, or guard it with `{% if x is defined %}`");
    }
    diagnostic
}
