//! Loading templates: the one place that knows the lookup order.
//!
//! A name resolves to the site's own `templates/NAME` first, then the
//! theme's `themes/THEME/templates/NAME`. A theme template that the site
//! overrides is also registered as `theme/NAME`, so the site's copy can
//! extend it (`{% extends "theme/base.html" %}`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Diagnostics, Location};
use crate::layers::Layers;

/// Template name to (file path relative to the root, source text).
pub type Sources = BTreeMap<String, (PathBuf, String)>;

/// Reads the templates of every layer, in lookup order. A template that a
/// higher layer overrides stays reachable as `theme/NAME` when a template
/// names it, so the override can extend it (`{% extends "theme/base.html"
/// %}`); otherwise it is left out, since its components would be defined
/// twice (an ejected theme's `components.html` kept after an upgrade).
pub fn read_sources(
    layers: &Layers,
    max_file_bytes: u64,
    diagnostics: &mut Diagnostics,
) -> Sources {
    let mut sources = Sources::new();
    let mut overridden = Sources::new();
    for file in layers.files("templates", diagnostics) {
        let text = match file.read_text(max_file_bytes) {
            Ok(text) => text,
            Err(error) => {
                diagnostics.push(Diagnostic::from(error).in_file(&file.relative));
                continue;
            }
        };
        if let Some(lower) = sources.insert(file.name.clone(), (file.relative, text)) {
            overridden.insert(format!("theme/{}", file.name), lower);
        }
    }
    let named = |name: &str| {
        let quoted = [format!("\"{name}\""), format!("'{name}'")];
        sources
            .values()
            .any(|(_, text)| quoted.iter().any(|q| text.contains(q.as_str())))
    };
    let kept: Vec<_> = overridden
        .into_iter()
        .filter(|(name, _)| named(name))
        .collect();
    sources.extend(kept);
    sources
}

/// Compiles all templates into `tera`, which must already know every filter
/// and function they use. Every problem becomes a diagnostic at the
/// template's file, line and column: each template is first parsed on its
/// own, so a syntax error in one does not hide those in others; then all are
/// added together, so inheritance and includes resolve.
pub fn compile(
    mut tera: tera::Tera,
    sources: &Sources,
    diagnostics: &mut Diagnostics,
) -> Option<tera::Tera> {
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    if sources.is_empty() {
        // Reported when reading: without templates, every page would fail.
        return None;
    }
    let mut syntax_errors = false;
    for (name, (_, text)) in sources {
        let mut alone = tera::Tera::new();
        if let Err(error) = alone.add_raw_template(name, text)
            && matches!(error.kind(), tera::ErrorKind::SyntaxError(_))
        {
            let mut found = template_diagnostics(sources, &error);
            found.iter_mut().for_each(add_hint);
            diagnostics.extend(found);
            syntax_errors = true;
        }
    }
    if syntax_errors {
        return None;
    }
    let pairs = sources
        .iter()
        .map(|(name, (_, text))| (name.as_str(), text.as_str()));
    match tera.add_raw_templates(pairs) {
        Ok(()) => Some(tera),
        Err(error) => {
            diagnostics.extend(template_diagnostics(sources, &error));
            None
        }
    }
}

/// A Tera error as diagnostics: one per problem it reports, each at the
/// template file, line and column when Tera gives them.
pub fn template_diagnostics(sources: &Sources, error: &tera::Error) -> Vec<Diagnostic> {
    use tera::ErrorKind;
    match error.kind() {
        ErrorKind::Msg(message) => {
            let found = reports_in(sources, message);
            if found.is_empty() {
                vec![Diagnostic::error(format!("template error: {message}"))]
            } else {
                found
            }
        }
        ErrorKind::MissingParent { current, parent } => {
            let message = format!("this template extends `{parent}`, which does not exist");
            let hint = "check the name in `{% extends %}`: it is relative to a templates/ folder";
            vec![at_text(sources, current, parent, message).with_hint(hint)]
        }
        ErrorKind::CircularExtend {
            tpl,
            inheritance_chain,
        } => {
            let message = format!(
                "these templates extend each other in a circle: {}",
                inheritance_chain.join(" → ")
            );
            vec![at_text(sources, tpl, "extends", message)]
        }
        ErrorKind::CircularInclude { tpl, include_chain } => {
            let message = format!(
                "these templates include each other in a circle: {}",
                include_chain.join(" → ")
            );
            vec![at_text(sources, tpl, "include", message)]
        }
        _ => vec![template_diagnostic(sources, error)],
    }
}

/// A diagnostic in template `name` at the first occurrence of `needle`.
fn at_text(sources: &Sources, name: &str, needle: &str, message: String) -> Diagnostic {
    let Some((path, text)) = sources.get(name) else {
        return Diagnostic::error(message).in_file(name);
    };
    match text.find(needle) {
        Some(start) => {
            Diagnostic::error(message).at(path, Location::at(text, start..start + needle.len()))
        }
        None => Diagnostic::error(message).in_file(path),
    }
}

/// Tera joins several problems into one message, each report opening with
/// `error: MESSAGE` and then ` --> NAME:LINE:COLUMN` (column from 1).
fn reports_in(sources: &Sources, message: &str) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let mut lines = message.lines().peekable();
    while let Some(line) = lines.next() {
        let Some(text) = line.strip_prefix("error: ") else {
            continue;
        };
        let Some(locus) = lines
            .peek()
            .and_then(|next| next.trim_start().strip_prefix("--> "))
        else {
            found.push(Diagnostic::error(plain_message(text)));
            continue;
        };
        let mut parts = locus.rsplitn(3, ':');
        let (column, line_number, name) = (parts.next(), parts.next(), parts.next());
        let position = line_number
            .and_then(|l| l.parse::<usize>().ok())
            .zip(column.and_then(|c| c.parse::<usize>().ok()));
        let diagnostic = Diagnostic::error(plain_message(text));
        found.push(match (name.and_then(|n| sources.get(n)), position) {
            (Some((path, source)), Some((l, c))) => {
                diagnostic.at(path, Location::at_line_col(source, l, c))
            }
            (Some((path, _)), None) => diagnostic.in_file(path),
            (None, _) => diagnostic.in_file(name.unwrap_or_default()),
        });
        if let Some(last) = found.last_mut() {
            add_hint(last);
        }
    }
    found
}

/// Tera's messages in the words of someone editing a template.
fn plain_message(message: &str) -> String {
    for (prefix, what) in [
        ("Unknown filter `", "filter"),
        ("Unknown test `", "test"),
        ("Unknown function `", "function"),
        ("Unknown component `", "component"),
        ("Unknown template `", "template"),
    ] {
        if let Some(name) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.strip_suffix('`'))
        {
            return format!("there is no {what} named `{name}`");
        }
    }
    message.to_string()
}

fn add_hint(diagnostic: &mut Diagnostic) {
    let message = diagnostic.message.as_str();
    let hint = if message.starts_with("there is no filter") {
        "check its spelling; Bayan adds `money`, `number`, `percent`, `date`, `text` and `plural_category` to Tera's own (`upper`, `length`, `default`...)"
    } else if message.starts_with("there is no function") {
        "check its spelling; Bayan adds the function `t` (a UI string) to Tera's own (`range`, `throw`)"
    } else if message.starts_with("there is no template") {
        "templates are looked up in the site's templates/ folder, then in the theme's: check the name and the folder"
    } else if message.starts_with("Unknown tag") {
        "the tags are `if`, `for`, `set`, `block`, `extends`, `include`, `filter`, `raw` and their `end…` forms: check the spelling"
    } else if message.starts_with("Found ") || message.starts_with("Unexpected ") {
        "Tera writes values as `{{ value }}` and tags as `{% if x %}…{% endif %}`: check the brackets and what is inside them"
    } else if message.contains("not defined") || message.contains("undefined") {
        "check the spelling against the names listed, or guard it with `{% if x is defined %}`"
    } else {
        return;
    };
    diagnostic.hint = Some(hint.to_string());
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
        ErrorKind::Msg(message) => {
            return reports_in(sources, message)
                .into_iter()
                .next()
                .unwrap_or_else(|| Diagnostic::error(format!("template error: {message}")));
        }
        other => return Diagnostic::error(format!("template error: {other}")),
    };
    let message = plain_message(report.message());
    let Some((path, text)) = sources.get(report.filename()) else {
        return Diagnostic::error(message).in_file(report.filename());
    };
    let span = report.span();
    let location = Location::at(text, span.range.clone());
    let mut diagnostic = Diagnostic::error(message).at(path, location);
    add_hint(&mut diagnostic);
    diagnostic
}
