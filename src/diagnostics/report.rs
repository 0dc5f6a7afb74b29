//! Printing diagnostics: for people (compiler style) and for machines.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::{Error as FilesError, Files};
use codespan_reporting::term::{self, Config};

use super::{Diagnostic, Diagnostics, Severity};

/// The output formats of `--format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Compiler style, with the source line and a caret.
    #[default]
    Human,
    /// One JSON object per line, for tools.
    Json,
    /// GitHub Actions workflow commands (`::error file=...`).
    Github,
}

/// All diagnostics in `format`, followed by a summary line for people.
pub fn render(diagnostics: &Diagnostics, format: Format) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics.iter() {
        match format {
            Format::Human => out.push_str(&human(diagnostic)),
            Format::Json => {
                out.push_str(&json(diagnostic));
                out.push('\n');
            }
            Format::Github => out.push_str(&github(diagnostic)),
        }
    }
    if format == Format::Human && !diagnostics.is_empty() {
        out.push_str(&summary(diagnostics));
    }
    out
}

fn summary(diagnostics: &Diagnostics) -> String {
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}\n",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

/// One diagnostic the way a compiler prints it: header, `--> file:line:col`,
/// the source line, a caret, then notes and the hint.
pub fn human(diagnostic: &Diagnostic) -> String {
    let severity = match diagnostic.severity {
        Severity::Error => ReportSeverity::Error,
        Severity::Warning => ReportSeverity::Warning,
    };
    let mut report = Report::new(severity).with_message(visible(&diagnostic.message));
    let snippet = Snippet::of(diagnostic);
    if let Some(snippet) = &snippet {
        let label = Label::primary((), snippet.span.clone());
        report = report.with_label(match &diagnostic.label {
            Some(text) => label.with_message(visible(text)),
            None => label,
        });
    }
    let mut notes: Vec<String> = diagnostic.notes.iter().map(|n| visible(n)).collect();
    if let (Some(file), None) = (&diagnostic.file, &snippet) {
        notes.insert(0, format!("in {}", visible(&file.display().to_string())));
    }
    if let Some(hint) = &diagnostic.hint {
        notes.push(format!("hint: {}", visible(hint)));
    }
    report = report.with_notes(notes);
    let config = Config::default();
    let text = match &snippet {
        Some(snippet) => term::emit_into_string(&config, snippet, &report),
        None => term::emit_into_string(&config, &NoFile, &report),
    };
    text.unwrap_or_else(|_| format!("{}\n", visible(&diagnostic.to_string())))
}

/// Text from users' files made safe for a terminal: each control character
/// (an escape sequence could recolour or retitle the terminal, a NUL cut the
/// line) becomes one visible character, so columns stay true. Tabs and line
/// feeds stay.
pub fn visible(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\t' | '\n' => c,
            // U+2400 to U+241F picture C0 controls; U+2421 pictures DEL.
            '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
            '\u{7f}' => '\u{2421}',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// One diagnostic of `--format json`, flat, every key always present
/// (`null` when unknown); the shape is documented in the README.
#[derive(serde::Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: Option<&'static str>,
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    message: &'a str,
    label: Option<&'a str>,
    notes: &'a [String],
    hint: Option<&'a str>,
}

fn json(diagnostic: &Diagnostic) -> String {
    let location = diagnostic.location.as_ref();
    let shape = JsonDiagnostic {
        severity: diagnostic.severity,
        code: diagnostic.code,
        file: diagnostic.file.as_ref().map(|f| f.display().to_string()),
        line: location.map(|l| l.line),
        column: location.map(|l| l.column),
        message: &diagnostic.message,
        label: diagnostic.label.as_deref(),
        notes: &diagnostic.notes,
        hint: diagnostic.hint.as_deref(),
    };
    // Only strings and numbers: serialising cannot fail; say so if it does.
    serde_json::to_string(&shape).unwrap_or_else(|error| {
        format!(
            "{{\"severity\":\"error\",\"message\":\"cannot print a diagnostic as JSON: {error}\"}}"
        )
    })
}

fn github(diagnostic: &Diagnostic) -> String {
    let kind = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    let mut properties = Vec::new();
    if let Some(file) = &diagnostic.file {
        properties.push(format!(
            "file={}",
            escape_property(&file.display().to_string())
        ));
    }
    if let Some(loc) = &diagnostic.location {
        properties.push(format!("line={},col={}", loc.line, loc.column));
    }
    let mut message = diagnostic.message.clone();
    if let Some(hint) = &diagnostic.hint {
        message.push_str(&format!(" (hint: {hint})"));
    }
    format!(
        "::{kind} {}::{}\n",
        visible(&properties.join(",")),
        escape_data(&visible(&message))
    )
}

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The one source line of a diagnostic, presented to codespan as a file whose
/// only line carries the real line number, so the printed position is right
/// without keeping whole files in memory.
struct Snippet {
    name: String,
    text: String,
    line: usize,
    span: Range<usize>,
    /// Characters cut from the start of a long line, so columns stay true.
    skipped: usize,
}

/// Characters of context kept on each side of the span in a long line (a
/// CSV row can be hundreds of characters wide).
const CONTEXT: usize = 40;

impl Snippet {
    fn of(diagnostic: &Diagnostic) -> Option<Self> {
        let (file, loc) = (diagnostic.file.as_ref()?, diagnostic.location.as_ref()?);
        let (text, span, skipped) = window(&loc.line_text, loc.span.clone());
        // One character for one: columns are unchanged, byte spans move.
        let moved = |i: usize| visible(text.get(..i).unwrap_or_default()).len();
        let span = moved(span.start)..moved(span.end);
        let text = visible(&text);
        Some(Self {
            name: visible(&file.display().to_string()),
            text,
            line: loc.line,
            span,
            skipped,
        })
    }
}

/// The part of `line` around `span`, with `…` where it was cut; returns the
/// new text, the span in it and the number of characters cut at the start.
pub fn window(line: &str, span: Range<usize>) -> (String, Range<usize>, usize) {
    // A span from elsewhere may be reversed or past the line: clamp it.
    let start = span.start.min(line.len());
    let span = start..span.end.clamp(start, line.len());
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let start_char = chars
        .iter()
        .position(|(i, _)| *i >= span.start)
        .unwrap_or(chars.len());
    let end_char = chars
        .iter()
        .position(|(i, _)| *i >= span.end)
        .unwrap_or(chars.len());
    let from = start_char.saturating_sub(CONTEXT);
    let to = (end_char + CONTEXT).min(chars.len());
    if from == 0 && to == chars.len() {
        return (line.to_string(), span, 0);
    }
    let byte = |c: usize| chars.get(c).map_or(line.len(), |(i, _)| *i);
    let prefix = if from > 0 { "…" } else { "" };
    let suffix = if to < chars.len() { "…" } else { "" };
    let text = format!("{prefix}{}{suffix}", &line[byte(from)..byte(to)]);
    // The ellipsis stands for the cut characters: it takes one column.
    let skipped = from.saturating_sub(usize::from(from > 0));
    let local = |i: usize| (i.saturating_sub(byte(from)) + prefix.len()).min(text.len());
    let local_span = local(span.start)..local(span.end);
    (text, local_span, skipped)
}

impl<'a> Files<'a> for Snippet {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.name)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), _byte_index: usize) -> Result<usize, FilesError> {
        Ok(0)
    }

    fn line_number(&'a self, (): (), _line_index: usize) -> Result<usize, FilesError> {
        Ok(self.line)
    }

    fn line_range(&'a self, (): (), _line_index: usize) -> Result<Range<usize>, FilesError> {
        Ok(0..self.text.len())
    }

    fn column_number(&'a self, (): (), _: usize, byte_index: usize) -> Result<usize, FilesError> {
        let column =
            codespan_reporting::files::column_index(&self.text, 0..self.text.len(), byte_index);
        Ok(column + 1 + self.skipped)
    }
}

/// For diagnostics without a position: codespan needs a file provider anyway.
struct NoFile;

impl<'a> Files<'a> for NoFile {
    type FileId = ();
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Err(FilesError::FileMissing)
    }

    fn source(&'a self, (): ()) -> Result<&'a str, FilesError> {
        Err(FilesError::FileMissing)
    }

    fn line_index(&'a self, (): (), _: usize) -> Result<usize, FilesError> {
        Err(FilesError::FileMissing)
    }

    fn line_range(&'a self, (): (), _: usize) -> Result<Range<usize>, FilesError> {
        Err(FilesError::FileMissing)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Location;

    fn bad_amount() -> Diagnostic {
        let source = "id,name_ar,committed_mad\nP1,تعاونية الأمل,12a\n";
        let start = source.find("12a").unwrap_or_default();
        Diagnostic::error("this amount is not a number")
            .at("data/projects.csv", Location::at(source, start..start + 3))
            .with_label("expected a number such as 125000.50")
            .with_note("column: committed_mad")
            .with_hint("use digits and a point for decimals")
    }

    #[test]
    fn human_report_shows_position_line_caret_and_hint() {
        let text = human(&bad_amount());
        assert!(
            text.contains("error: this amount is not a number"),
            "{text}"
        );
        assert!(text.contains("data/projects.csv:2:18"), "{text}");
        assert!(text.contains("2 │ P1,تعاونية الأمل,12a"), "{text}");
        assert!(text.contains("^^^ expected a number"), "{text}");
        assert!(text.contains("= hint: use digits"), "{text}");
    }

    #[test]
    fn long_lines_are_cut_around_the_span_but_keep_the_true_column() {
        let source = format!("{},12a,{}\n", "مشروع".repeat(30), "x".repeat(200));
        let start = source.find("12a").unwrap_or_default();
        let d = Diagnostic::error("bad").at("p.csv", Location::at(&source, start..start + 3));
        let text = human(&d);
        assert!(text.contains("p.csv:1:152"), "{text}");
        let shown = text.lines().find(|l| l.contains("12a")).unwrap_or_default();
        assert!(shown.chars().count() < 120, "{shown}");
        assert!(shown.contains('…'), "{shown}");
    }

    #[test]
    fn spans_reversed_or_past_the_line_never_panic() {
        let line = format!("ab{},x", "é".repeat(100));
        let reversed = Range { start: 300, end: 5 };
        for span in [reversed, 500..600, 0..0, 150..150, 201..202, 82..83, 84..85] {
            let (text, local, _) = window(&line, span.clone());
            assert!(
                local.start <= local.end && local.end <= text.len(),
                "{span:?}"
            );
        }
    }

    #[test]
    fn control_characters_from_data_are_printed_visibly() {
        let source = "id,name\nP1,\u{1b}]0;owned\u{7}\u{1b}[31mred\0,x\u{9b}\n";
        let start = source.find("red").unwrap_or_default();
        let d = Diagnostic::error("bad \u{1b}[2J")
            .at("p.csv", Location::at(source, start..start + 3))
            .with_label("here \u{1b}[1m")
            .with_note("value: \"\u{1b}[31m\"")
            .with_hint("hint \u{1b}");
        for text in [human(&d), github(&d)] {
            assert!(
                !text.chars().any(|c| c.is_control() && c != '\n'),
                "{text:?}"
            );
        }
        let text = human(&d);
        assert!(text.contains("p.csv:2:19"), "{text}");
        assert!(
            text.contains("2 │ P1,␛]0;owned␇␛[31mred␀,x\u{FFFD}"),
            "{text}"
        );
        let column = |line: &str, what: char| line.chars().position(|c| c == what);
        let source_line = text.lines().find(|l| l.contains("red")).unwrap_or_default();
        let caret = text.lines().find(|l| l.contains('^')).unwrap_or_default();
        assert_eq!(column(caret, '^'), column(source_line, 'r'), "{text}");
        assert!(text.contains("bad ␛[2J"), "{text}");
        assert!(text.contains("here ␛[1m"), "{text}");
        assert!(text.contains("hint: hint ␛"), "{text}");
    }

    #[test]
    fn human_report_without_position_names_the_file() {
        let text = human(&Diagnostic::error("cannot read").in_file("site.toml"));
        assert!(text.contains("error: cannot read"), "{text}");
        assert!(text.contains("in site.toml"), "{text}");
    }

    #[test]
    fn github_format_is_one_workflow_command() {
        let text = github(&bad_amount());
        assert!(
            text.starts_with("::error file=data/projects.csv,line=2,col=18::this amount"),
            "{text}"
        );
        assert_eq!(text.lines().count(), 1);
    }

    #[test]
    fn json_format_carries_file_line_and_column() {
        let diagnostics: Diagnostics = [bad_amount()].into_iter().collect();
        let line = render(&diagnostics, Format::Json);
        let value: serde_json::Value = serde_json::from_str(line.trim()).unwrap_or_default();
        assert_eq!(value["file"], "data/projects.csv");
        assert_eq!(value["line"], 2);
        assert_eq!(value["column"], 18);
        assert_eq!(value["code"], serde_json::Value::Null);
    }
}
