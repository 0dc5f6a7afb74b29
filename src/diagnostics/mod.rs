//! Diagnostics: every user mistake becomes a [`Diagnostic`], never a panic.
//!
//! 1. Loaders find a problem and build a [`Diagnostic`] with [`Location::at`],
//!    which turns a byte offset into a line and a column (in characters).
//! 2. Each stage pushes into one [`Diagnostics`] sink, so all problems are
//!    reported at once rather than the first one only.
//! 3. [`report`] prints them for people (compiler style, with a caret) or
//!    for machines (JSON, GitHub annotations).

mod control;
mod lang;
mod location;
pub mod messages;
pub mod report;
mod snippet;
mod toml_error;

pub use control::control_characters;
pub use lang::Lang;
pub use location::{Location, line_col};
pub use toml_error::toml_diagnostic;

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How serious a diagnostic is: errors fail the build, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem in one input, with everything a person needs to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// What is wrong, in plain words: "the amount is not a number".
    pub message: String,
    /// The file it is in, relative to the site root when possible.
    pub file: Option<PathBuf>,
    /// Where in the file, when the problem has a position.
    pub location: Option<Location>,
    /// A short label printed under the caret: "expected a number like 125000.50".
    pub label: Option<String>,
    /// Extra facts: the column name, the bad value, what was expected.
    pub notes: Vec<String>,
    /// How to fix it.
    pub hint: Option<String>,
    /// A stable name for the kind of problem (`link-broken`), for tools
    /// that filter or count; `None` for kinds not yet named.
    pub code: Option<&'static str>,
    /// The values the message names (`column`), for its translations.
    #[serde(skip)]
    pub args: Vec<(&'static str, String)>,
}

impl Diagnostic {
    /// A diagnostic whose message (and hint, when the catalogue has one)
    /// comes from the English catalogue under `code`, filled with `args`;
    /// the overlay shows it in French and Arabic too ([`messages`]).
    pub fn coded(
        severity: Severity,
        code: &'static str,
        args: Vec<(&'static str, String)>,
    ) -> Self {
        let entry = messages::catalogue("en").and_then(|c| c.get(code));
        let message = entry.map_or_else(|| code.to_string(), |e| e.message_for("en", &args));
        let mut diagnostic = Self::new(severity, message).with_code(code);
        diagnostic.hint = entry.and_then(|e| e.hint_for(&args));
        diagnostic.label = entry
            .and_then(|e| e.label.as_ref())
            .map(|l| messages::fill(l, &args));
        diagnostic.args = args;
        diagnostic
    }

    pub fn error(message: impl Into<String>) -> Self {
        Self::new(Severity::Error, message.into())
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, message.into())
    }

    fn new(severity: Severity, message: String) -> Self {
        Self {
            severity,
            message,
            file: None,
            location: None,
            label: None,
            notes: Vec::new(),
            hint: None,
            code: None,
            args: Vec::new(),
        }
    }

    /// The file the problem is in, with no position.
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// The file and the position in it.
    pub fn at(mut self, file: impl AsRef<Path>, location: Location) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self.location = Some(location);
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.notes.push(note.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `data/projects.csv:14:7`, or just the file, or nothing.
    pub fn position(&self) -> String {
        match (&self.file, &self.location) {
            (Some(file), Some(loc)) => format!("{}:{}:{}", file.display(), loc.line, loc.column),
            (Some(file), None) => file.display().to_string(),
            _ => String::new(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// One line, for logs and test assertions: `file:line:col: error: message`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let position = self.position();
        if position.is_empty() {
            write!(f, "{severity}: {}", self.message)
        } else {
            write!(f, "{position}: {severity}: {}", self.message)
        }
    }
}

/// The sink every stage pushes its diagnostics into.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// The diagnostic pushed last, to add a note or hint to it.
    pub fn last_mut(&mut self) -> Option<&mut Diagnostic> {
        self.items.last_mut()
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, then position, so output is the same on every run
    /// whatever order parallel stages finished in; a problem found twice
    /// (a template mistake met by two stages) is reported once.
    pub fn sorted(mut self) -> Self {
        self.items.sort_by(|a, b| {
            let key = |d: &Diagnostic| {
                (
                    d.file.clone(),
                    d.location.as_ref().map(|l| (l.line, l.column)),
                    d.severity,
                )
            };
            key(a).cmp(&key(b)).then_with(|| a.message.cmp(&b.message))
        });
        self.items.dedup();
        self
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.items.extend(iter);
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

impl FromIterator<Diagnostic> for Diagnostics {
    fn from_iter<I: IntoIterator<Item = Diagnostic>>(iter: I) -> Self {
        Self {
            items: iter.into_iter().collect(),
        }
    }
}

/// The closest candidate to a misspelt word, for "did you mean" hints.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// "did you mean `x`?" when a close candidate exists.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    suggest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_the_closest_known_key() {
        let keys = ["base_url", "languages", "theme"];
        assert_eq!(suggest("base_ulr", keys), Some("base_url"));
        assert_eq!(suggest("langauges", keys), Some("languages"));
        assert_eq!(suggest("zzz", keys), None);
    }

    #[test]
    fn sorts_by_file_then_position() {
        let loc = |line| Location {
            line,
            column: 1,
            span: 0..1,
            line_text: String::new(),
        };
        let diagnostics: Diagnostics = [
            Diagnostic::error("b").at("b.csv", loc(1)),
            Diagnostic::error("late").at("a.csv", loc(9)),
            Diagnostic::error("early").at("a.csv", loc(2)),
        ]
        .into_iter()
        .collect();
        let order: Vec<_> = diagnostics
            .sorted()
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(order, ["early", "late", "b"]);
    }

    #[test]
    fn reports_a_problem_found_twice_once() {
        let twice: Diagnostics = [
            Diagnostic::error("x").in_file("a"),
            Diagnostic::error("x").in_file("a"),
        ]
        .into_iter()
        .collect();
        assert_eq!(twice.sorted().len(), 1);
    }

    #[test]
    fn displays_file_line_and_column() {
        let source = "id,amount\nP1,abc\n";
        let d = Diagnostic::error("not a number").at("data/p.csv", Location::at(source, 13..16));
        assert_eq!(d.to_string(), "data/p.csv:2:4: error: not a number");
    }
}
