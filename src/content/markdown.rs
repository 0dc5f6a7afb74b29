//! Markdown to HTML, plain text and a heading outline.
//!
//! 1. Parse with pulldown-cmark (tables, footnotes, strikethrough), keeping
//!    each event's byte range for diagnostics.
//! 2. Check: raw HTML the allow-list will change (a warning), link and image
//!    URLs that run code (an error, and the link is dropped).
//! 3. Give every heading a stable, unique id.
//! 4. Rewrite: tables wrapped so they scroll on phones, images lazy.
//! 5. Write the HTML; when the source held raw HTML, sanitise the result.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

use super::html_scan::{self, FindingKind};
use super::ids::IdAllocator;
use super::{code_urls, nesting, sanitize};
use crate::diagnostics::Severity;

/// A heading of a document, for a table of contents or anchors.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The `id` of the heading element, unique in its document.
    pub id: String,
    /// Its text, without markup.
    pub text: String,
}

/// What a piece of Markdown becomes.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    /// Safe HTML.
    pub html: String,
    /// Plain text, whitespace collapsed, for search and summaries.
    pub text: String,
    pub headings: Vec<Heading>,
}

/// A problem found while rendering, at a byte range of the Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    pub message: String,
    pub span: Range<usize>,
    pub hint: Option<String>,
}

type Spanned<'a> = (Event<'a>, Range<usize>);

pub use crate::config::RawHtml;

const TABLE_OPEN: &str = "<div class=\"table-scroll\" tabindex=\"0\">";
const TABLE_CLOSE: &str = "</div>\n";

/// Safe HTML, plain text and headings from Markdown; problems are dropped
/// (use [`render`] to report them).
pub fn markdown_to_html(markdown: &str) -> Rendered {
    render(markdown).0
}

/// Safe HTML, plain text and headings, with the problems found on the way.
pub fn render(markdown: &str) -> (Rendered, Vec<Issue>) {
    render_with(markdown, RawHtml::Sanitize)
}

/// [`render`] with a raw HTML policy.
pub fn render_with(markdown: &str, raw_html: RawHtml) -> (Rendered, Vec<Issue>) {
    let mut events: Vec<Spanned> = Parser::new_ext(markdown, options())
        .into_offset_iter()
        .collect();
    // Too deep, the HTML parsers of the later steps would take quadratic time.
    if let Some(span) = nesting::too_deep(&events) {
        return (Rendered::default(), vec![too_deep(span)]);
    }
    let mut issues = Vec::new();
    if check_raw_html(&events, &mut issues) {
        return (Rendered::default(), issues);
    }
    if raw_html == RawHtml::Trust {
        issues.retain(|issue| issue.severity == Severity::Error);
    }
    check_urls(markdown, &events, &mut issues);
    let headings = assign_heading_ids(&mut events);
    let text = plain_text(&events);
    let first_raw = events
        .iter()
        .find(|(e, _)| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
        .map(|(_, range)| range.start);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, rewrite(events).into_iter());
    if let Some(first_raw) = first_raw {
        if raw_html == RawHtml::Sanitize {
            html = sanitize::clean(&html);
        }
        check_output(&html, markdown, first_raw, &mut issues);
    }
    let rendered = Rendered {
        html,
        text,
        headings,
    };
    (rendered, issues)
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Scans all raw HTML of the document in order, as one text (an element
/// opened in one piece may close in a later one). True when it nests too
/// deep to be read further.
fn check_raw_html(events: &[Spanned], issues: &mut Vec<Issue>) -> bool {
    let mut html = String::new();
    let mut starts: Vec<(usize, usize)> = Vec::new();
    for (event, range) in events {
        if let Event::Html(piece) | Event::InlineHtml(piece) = event {
            starts.push((html.len(), range.start));
            html.push_str(piece);
        }
    }
    let mut deep = false;
    for finding in html_scan::scan(&html) {
        deep |= finding.kind == FindingKind::TooDeep;
        let index = starts.partition_point(|(o, _)| *o <= finding.offset);
        let (piece_offset, source_start) = starts[index.saturating_sub(1)];
        let start = source_start + finding.offset - piece_offset;
        issues.push(finding_issue(
            finding.what,
            finding.kind,
            start..start + finding.len,
        ));
    }
    deep
}

fn too_deep(span: Range<usize>) -> Issue {
    let (message, hint) = nesting::message();
    Issue {
        severity: Severity::Error,
        message,
        span,
        hint: Some(hint),
    }
}

fn finding_issue(what: String, kind: FindingKind, span: Range<usize>) -> Issue {
    let (severity, message, hint) = match kind {
        FindingKind::CodeUrl => (
            Severity::Error,
            format!("raw HTML with a URL that runs code: {what} is refused"),
            "link to a web address (https://...) or a page of the site".to_string(),
        ),
        FindingKind::Unclosed => (
            Severity::Error,
            format!(
                "{} is never closed, so the rest of the text would disappear from the page",
                unclosed_name(&what)
            ),
            unclosed_hint(&what),
        ),
        FindingKind::TooDeep => return too_deep(span),
        FindingKind::Removed => (
            Severity::Warning,
            format!("raw HTML is not all allowed: removed {what}"),
            "write it in Markdown, or use only simple HTML (no scripts, styles, frames or event handlers)".to_string(),
        ),
    };
    Issue {
        severity,
        message,
        span,
        hint: Some(hint),
    }
}

fn unclosed_name(what: &str) -> String {
    match what {
        "<!--" => "the comment `<!--`".into(),
        _ if what.ends_with('>') => format!("the {what} element"),
        _ => format!("the tag `{what}`"),
    }
}

fn unclosed_hint(what: &str) -> String {
    if what == "<!--" {
        return "end the comment with `-->`, or remove `<!--` to show the text".into();
    }
    if let Some(name) = what.strip_prefix('<').and_then(|w| w.strip_suffix('>')) {
        return format!(
            "close it with `</{name}>`, or write `&lt;{name}>` to show the tag as text"
        );
    }
    "end the tag with `>`, or write `&lt;` to show a `<` as text".into()
}

/// The last line of defence: the HTML as a browser parses it holds no URL
/// that runs code (raw HTML can hide one from any scanner of pieces).
fn check_output(html: &str, markdown: &str, start: usize, issues: &mut Vec<Issue>) {
    let Some(found) = code_urls::code_urls_in(html).into_iter().next() else {
        return;
    };
    if issues.iter().any(|i| i.severity == Severity::Error) {
        return;
    }
    let end = markdown[start..]
        .find('\n')
        .map_or(markdown.len(), |i| start + i);
    issues.push(Issue {
        severity: Severity::Error,
        message: format!(
            "the raw HTML makes a `{}:` URL in <{} {}> once read by a browser, which is refused",
            found.scheme, found.tag, found.attribute
        ),
        span: start..end,
        hint: Some("check that every tag and quote of the raw HTML is closed, and link to a web address (https://...)".into()),
    });
}

/// Refuses link and image URLs that run code.
fn check_urls(markdown: &str, events: &[Spanned], issues: &mut Vec<Issue>) {
    for (event, range) in events {
        let (what, url) = match event {
            Event::Start(Tag::Link { dest_url, .. }) => ("link", dest_url),
            Event::Start(Tag::Image { dest_url, .. }) => ("image", dest_url),
            _ => continue,
        };
        let Some(scheme) = sanitize::dangerous_scheme(url) else {
            continue;
        };
        let source = markdown.get(range.clone()).unwrap_or_default();
        let span = source.find(url.as_ref()).map_or(range.clone(), |i| {
            range.start + i..range.start + i + url.len()
        });
        issues.push(Issue {
            severity: Severity::Error,
            message: format!("this {what} uses a `{scheme}:` URL, which is refused"),
            span,
            hint: Some("link to a web address (https://...) or a page of the site".into()),
        });
    }
}

/// Gives each heading an id from its text and returns the outline.
fn assign_heading_ids(events: &mut [Spanned]) -> Vec<Heading> {
    let mut ids = IdAllocator::default();
    let mut headings = Vec::new();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, .. }) = &events[i].0 {
            let level = *level as u8;
            let end = heading_end(events, i);
            let text = collapse(&inline_text(&events[i + 1..end]));
            let id = ids.allocate(&text);
            if let Event::Start(Tag::Heading { id: slot, .. }) = &mut events[i].0 {
                *slot = Some(CowStr::from(id.clone()));
            }
            headings.push(Heading { level, id, text });
            i = end;
        }
        i += 1;
    }
    headings
}

fn heading_end(events: &[Spanned], start: usize) -> usize {
    events[start..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Heading(_))))
        .map_or(events.len(), |i| start + i)
}

fn inline_text(events: &[Spanned]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

fn plain_text(events: &[Spanned]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak | Event::Rule => text.push(' '),
            Event::End(end) if ends_block(end) => text.push(' '),
            _ => {}
        }
    }
    collapse(&text)
}

fn ends_block(end: &TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Image
            | TagEnd::Superscript
            | TagEnd::Subscript
    )
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The events to write: tables wrapped, images lazy, refused links dropped.
fn rewrite(events: Vec<Spanned>) -> Vec<Event> {
    let mut out = Vec::with_capacity(events.len() + 8);
    let mut events = events.into_iter().map(|(e, _)| e);
    let mut dropped_link = false;
    while let Some(event) = events.next() {
        match event {
            Event::Start(Tag::Table(_)) => {
                out.push(Event::Html(TABLE_OPEN.into()));
                out.push(event);
            }
            Event::End(TagEnd::Table) => {
                out.push(event);
                out.push(Event::Html(TABLE_CLOSE.into()));
            }
            Event::Start(Tag::Link { ref dest_url, .. }) if is_refused(dest_url) => {
                dropped_link = true;
            }
            Event::End(TagEnd::Link) if dropped_link => dropped_link = false,
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => out.extend(image(&dest_url, &title, &mut events)),
            other => out.push(other),
        }
    }
    out
}

fn is_refused(url: &str) -> bool {
    sanitize::dangerous_scheme(url).is_some()
}

/// An `<img>` with its alt text (read up to the image's end) and
/// `loading="lazy"`; nothing for a refused URL.
fn image<'a>(
    url: &str,
    title: &str,
    events: &mut impl Iterator<Item = Event<'a>>,
) -> Option<Event<'a>> {
    let mut alt = String::new();
    let mut depth = 1;
    for event in events.by_ref() {
        match event {
            Event::Start(Tag::Image { .. }) => depth += 1,
            Event::End(TagEnd::Image) if depth == 1 => break,
            Event::End(TagEnd::Image) => depth -= 1,
            Event::Text(t) | Event::Code(t) => alt.push_str(&t),
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    if is_refused(url) {
        return None;
    }
    let title = if title.is_empty() {
        String::new()
    } else {
        format!(" title=\"{}\"", crate::html::escape(title))
    };
    let tag = format!(
        "<img src=\"{}\" alt=\"{}\"{title} loading=\"lazy\" decoding=\"async\">",
        crate::html::escape_url(url),
        crate::html::escape(&alt)
    );
    Some(Event::InlineHtml(tag.into()))
}
