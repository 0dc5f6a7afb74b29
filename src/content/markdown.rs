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

use super::ids::IdAllocator;
use super::sanitize;
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
    let mut issues = Vec::new();
    let has_raw_html = check_raw_html(&events, &mut issues);
    if raw_html == RawHtml::Trust {
        issues.retain(|issue| issue.severity == Severity::Error);
    }
    check_urls(markdown, &events, &mut issues);
    let headings = assign_heading_ids(&mut events);
    let text = plain_text(&events);
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, rewrite(events).into_iter());
    if has_raw_html && raw_html == RawHtml::Sanitize {
        html = sanitize::clean(&html);
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

/// Lints each raw HTML fragment; true when there was any raw HTML at all.
fn check_raw_html(events: &[Spanned], issues: &mut Vec<Issue>) -> bool {
    let mut any = false;
    let mut pieces: Vec<(&str, usize)> = Vec::new();
    for (event, range) in events {
        match event {
            Event::Html(html) => pieces.push((html, range.start)),
            Event::InlineHtml(html) => {
                lint_fragment(&[(html, range.start)], issues);
                any = true;
            }
            _ if !pieces.is_empty() => {
                lint_fragment(&pieces, issues);
                pieces.clear();
                any = true;
            }
            _ => {}
        }
    }
    any |= !pieces.is_empty();
    lint_fragment(&pieces, issues);
    any
}

/// Lints consecutive pieces of one HTML block as a whole (a tag may span
/// lines), mapping each finding back to the line it came from.
fn lint_fragment(pieces: &[(&str, usize)], issues: &mut Vec<Issue>) {
    let fragment: String = pieces.iter().map(|(text, _)| *text).collect();
    let mut starts = Vec::with_capacity(pieces.len());
    let mut offset = 0;
    for (text, source_start) in pieces {
        starts.push((offset, *source_start));
        offset += text.len();
    }
    for removal in sanitize::lint(&fragment) {
        let index = starts.partition_point(|(o, _)| *o <= removal.offset);
        let (piece_offset, source_start) = starts[index.saturating_sub(1)];
        let start = source_start + removal.offset - piece_offset;
        issues.push(removal_issue(
            removal.what,
            removal.dangerous,
            start..start + removal.len,
        ));
    }
}

fn removal_issue(what: String, dangerous: bool, span: Range<usize>) -> Issue {
    if dangerous {
        return Issue {
            severity: Severity::Error,
            message: format!("raw HTML with a URL that runs code: removed {what}"),
            span,
            hint: Some("link to a web address (https://...) or a page of the site".into()),
        };
    }
    Issue {
        severity: Severity::Warning,
        message: format!("raw HTML is not all allowed: removed {what}"),
        span,
        hint: Some("write it in Markdown, or use only simple HTML (no scripts, styles, frames or event handlers)".into()),
    }
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
