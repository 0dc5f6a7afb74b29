//! Printing diagnostics: for people (compiler style) and for machines.
use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::term::{self, Config};

pub use super::snippet::window;
use super::snippet::{NoFile, Snippet};
use super::{Diagnostic, Diagnostics, Lang, Severity, messages};

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

/// How a command prints diagnostics: the format, and the language of
/// people's words (`--lang`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Printing {
    pub format: Format,
    pub lang: Lang,
}

impl Printing {
    /// Prints `diagnostics`: machine formats on stdout, for piping; people
    /// read stderr.
    pub fn print(self, diagnostics: &Diagnostics) {
        if diagnostics.is_empty() {
            return;
        }
        let text = render_in(diagnostics, self.format, self.lang);
        if self.format == Format::Human {
            eprint!("{text}");
        } else {
            print!("{text}");
        }
    }
}

/// All diagnostics in `format`, followed by a summary line for people.
pub fn render(diagnostics: &Diagnostics, format: Format) -> String {
    render_in(diagnostics, format, Lang::En)
}

/// [`render`] in `lang`: each message, label and hint the catalogues hold
/// in that language is printed in it.
pub fn render_in(diagnostics: &Diagnostics, format: Format, lang: Lang) -> String {
    let mut out = String::new();
    for diagnostic in diagnostics.iter() {
        let diagnostic = &messages::translate(diagnostic, lang.code());
        match format {
            Format::Human => out.push_str(&human_in(diagnostic, lang)),
            Format::Json => {
                out.push_str(&json(diagnostic));
                out.push('\n');
            }
            Format::Github => out.push_str(&github(diagnostic, lang)),
        }
    }
    if format == Format::Human && !diagnostics.is_empty() {
        let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
        out.push_str(&lang.summary(errors, warnings));
        out.push('\n');
    }
    out
}

/// One diagnostic the way a compiler prints it: header, `--> file:line:col`,
/// the source line, a caret, then notes and the hint.
pub fn human(diagnostic: &Diagnostic) -> String {
    human_in(diagnostic, Lang::En)
}

/// [`human`] with the words around the message in `lang`.
fn human_in(diagnostic: &Diagnostic, lang: Lang) -> String {
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
        notes.insert(0, lang.in_file(&visible(&file.display().to_string())));
    }
    if let Some(hint) = &diagnostic.hint {
        notes.push(format!("{}{}", lang.hint(), visible(hint)));
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

fn github(diagnostic: &Diagnostic, lang: Lang) -> String {
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
        message.push_str(&format!(" ({}{hint})", lang.hint()));
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
        let reversed = std::ops::Range { start: 300, end: 5 };
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
        for text in [human(&d), github(&d, Lang::En)] {
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
        let text = github(&bad_amount(), Lang::En);
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
