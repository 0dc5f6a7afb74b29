//! Reads the raw HTML of a document as a browser's tokenizer does
//! (html5ever), to tell the writer, at the right place, what will not
//! survive.
//!
//! 1. All raw HTML pieces of a document are read in order by one tokenizer,
//!    fed up to each `>`, so every tag is known with the offset where it ends.
//! 2. Each start tag's attributes, decoded as a browser decodes them, are
//!    checked for URLs that run code, then against the allow-list.
//! 3. Script, style, title, textarea... switch the tokenizer to raw text as
//!    a browser does; such an element, a comment or a tag still open at the
//!    end would swallow the rest of the page: that is reported too.

use std::cell::{Cell, RefCell};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer,
};

use super::code_urls::{Attribute, attribute_code_scheme, is_refresh};
use super::{nesting, sanitize};

/// What kind of problem a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FindingKind {
    /// A URL that runs code: refused in every policy.
    CodeUrl,
    /// Something the allow-list removes.
    Removed,
    /// An element, comment or tag never closed: the rest would be lost.
    Unclosed,
    /// Elements nested past [`nesting::MAX_DEPTH`].
    TooDeep,
}

/// One problem in the raw HTML, at a byte range of the scanned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub offset: usize,
    pub len: usize,
    pub what: String,
    pub kind: FindingKind,
}

/// Elements a browser reads as raw text up to their closing tag.
fn raw_kind(name: &str) -> Option<TokenSinkResult<()>> {
    Some(match name {
        "script" => TokenSinkResult::RawData(RawKind::ScriptData),
        "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
            TokenSinkResult::RawData(RawKind::Rawtext)
        }
        "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
        "plaintext" => TokenSinkResult::Plaintext,
        _ => return None,
    })
}

/// HTML elements that end SVG or MathML content when they appear in it.
const BREAKOUT: [&str; 44] = [
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
];

/// Everything worth telling about the raw HTML `html`.
pub fn scan(html: &str) -> Vec<Finding> {
    let sink = Sink {
        html,
        end: Cell::new(0),
        previous_end: Cell::new(0),
        at_eof: Cell::new(false),
        foreign: Cell::new(0),
        depth: Cell::new(0),
        open_raw: RefCell::new(None),
        findings: RefCell::new(Vec::new()),
    };
    let tokenizer = Tokenizer::new(sink, Default::default());
    let queue = BufferQueue::default();
    let mut fed = 0;
    for segment in html.split_inclusive('>') {
        fed += segment.len();
        tokenizer.sink.end.set(fed);
        queue.push_back(StrTendril::from_slice(segment));
        let _ = tokenizer.feed(&queue);
    }
    tokenizer.sink.at_eof.set(true);
    tokenizer.end();
    let sink = tokenizer.sink;
    if let Some((name, start)) = sink.open_raw.take() {
        sink.push(
            start,
            name.len() + 1,
            format!("<{name}>"),
            FindingKind::Unclosed,
        );
    }
    sink.findings.into_inner()
}

struct Sink<'a> {
    html: &'a str,
    /// Where the segment being read ends: a tag emitted now ends there.
    end: Cell<usize>,
    /// Where the last tag or comment ended: the next one starts after it.
    previous_end: Cell<usize>,
    at_eof: Cell<bool>,
    /// Depth of SVG and MathML, where no element is raw text.
    foreign: Cell<usize>,
    /// Open elements, as far as nesting goes; reported once past the limit.
    depth: Cell<usize>,
    open_raw: RefCell<Option<(String, usize)>>,
    findings: RefCell<Vec<Finding>>,
}

impl TokenSink for Sink<'_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) if tag.kind == TagKind::StartTag => return self.start_tag(&tag),
            Token::TagToken(tag) => self.end_tag(&tag),
            Token::CommentToken(_) if self.at_eof.get() => self.unclosed_markup("<!--"),
            Token::CommentToken(_) | Token::DoctypeToken(_) => {
                self.previous_end.set(self.end.get());
            }
            Token::ParseError(_) if self.at_eof.get() && self.open_raw.borrow().is_none() => {
                self.unclosed_markup("<");
            }
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

impl Sink<'_> {
    /// Records a finding, kept within the text (the tokenizer's names may be
    /// longer than the source's: a NUL becomes U+FFFD).
    fn push(&self, offset: usize, len: usize, what: String, kind: FindingKind) {
        let offset = floor_boundary(self.html, offset);
        let end = floor_boundary(self.html, offset.saturating_add(len));
        let finding = Finding {
            offset,
            len: end - offset,
            what,
            kind,
        };
        self.findings.borrow_mut().push(finding);
    }

    fn start_tag(&self, tag: &Tag) -> TokenSinkResult<()> {
        let end = self.end.get();
        let name = &*tag.name;
        let start = tag_start(self.html, self.previous_end.get(), end, name);
        self.previous_end.set(end);
        let text = &self.html[start..end];
        self.check_attributes(tag, start, text);
        let attrs = tag.attrs.iter().map(|a| (&*a.name.local, &*a.value));
        for removal in sanitize::check_tag(name, attrs) {
            let (offset, len) = match &removal.attribute {
                Some(attribute) => attribute_span(text, attribute),
                None => (0, source_name_len(text)),
            };
            self.push(start + offset, len, removal.what, FindingKind::Removed);
        }
        self.deepen(name, tag.self_closing, start);
        self.enter(name, tag.self_closing, start)
    }

    fn deepen(&self, name: &str, self_closing: bool, start: usize) {
        if nesting::never_nests(name) || (self_closing && self.foreign.get() > 0) {
            return;
        }
        let depth = self.depth.get() + 1;
        self.depth.set(depth);
        if depth == nesting::MAX_DEPTH + 1 {
            let what = format!("<{name}>");
            let len = source_name_len(&self.html[start..]);
            self.push(start, len, what, FindingKind::TooDeep);
        }
    }

    fn check_attributes(&self, tag: &Tag, start: usize, text: &str) {
        let attrs = || tag.attrs.iter().map(|a| (&*a.name.local, &*a.value));
        let in_refresh = &*tag.name == "meta" && is_refresh(attrs());
        for (name, value) in attrs() {
            let attribute = Attribute {
                tag: &tag.name,
                name,
                value,
                in_refresh,
            };
            if let Some(scheme) = attribute_code_scheme(&attribute) {
                let (offset, len) = attribute_span(text, name);
                let what = format!("a `{scheme}:` URL in <{} {name}>", tag.name);
                self.push(start + offset, len, what, FindingKind::CodeUrl);
            }
        }
    }

    /// Follows SVG and MathML, and switches to raw text where a browser does.
    fn enter(&self, name: &str, self_closing: bool, start: usize) -> TokenSinkResult<()> {
        let foreign = self.foreign.get();
        if matches!(name, "svg" | "math") {
            self.foreign.set(foreign + usize::from(!self_closing));
            return TokenSinkResult::Continue;
        }
        if foreign > 0 {
            if BREAKOUT.contains(&name) {
                self.foreign.set(0);
            } else {
                return TokenSinkResult::Continue;
            }
        }
        let Some(result) = raw_kind(name) else {
            return TokenSinkResult::Continue;
        };
        *self.open_raw.borrow_mut() = Some((name.to_string(), start));
        result
    }

    fn end_tag(&self, tag: &Tag) {
        self.previous_end.set(self.end.get());
        if !nesting::never_nests(&tag.name) {
            self.depth.set(self.depth.get().saturating_sub(1));
        }
        let mut open = self.open_raw.borrow_mut();
        if open.as_ref().is_some_and(|(name, _)| *name == *tag.name) {
            *open = None;
        } else if matches!(&*tag.name, "svg" | "math") {
            self.foreign.set(self.foreign.get().saturating_sub(1));
        }
    }

    /// A comment or tag the end of the document cut: from its `<`.
    fn unclosed_markup(&self, opening: &str) {
        let from = self.previous_end.get();
        let rest = &self.html[from..];
        let found = rest.match_indices('<').find(|(i, _)| {
            let after = &rest[i + 1..];
            let after = after.strip_prefix('/').unwrap_or(after);
            after.starts_with(|c: char| c.is_ascii_alphabetic() || matches!(c, '!' | '?'))
        });
        let Some((i, _)) = found else { return };
        let what = if opening == "<!--" || rest[i..].starts_with("<!") {
            "<!--".to_string()
        } else {
            let name: String = rest[i + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
                .collect();
            format!("<{name}")
        };
        let len = what.len().min(rest.len() - i);
        self.push(from + i, len, what, FindingKind::Unclosed);
        self.previous_end.set(self.html.len());
    }
}

/// Where the tag `name` that ends at `end` starts: its `<`, after `from`.
fn tag_start(html: &str, from: usize, end: usize, name: &str) -> usize {
    let region = &html[from.min(end)..end];
    region
        .rmatch_indices('<')
        .find(|(i, _)| {
            region
                .get(i + 1..i + 1 + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
        .map_or(from.min(end), |(i, _)| from + i)
}

/// The attribute `name` with its value within the tag text, or the tag's
/// name when it cannot be found (offset, length).
fn attribute_span(tag: &str, name: &str) -> (usize, usize) {
    let bytes = tag.as_bytes();
    let boundary = |b: u8| b.is_ascii_whitespace() || matches!(b, b'/' | b'"' | b'\'');
    let found = (1..tag.len()).find(|&i| {
        boundary(bytes[i - 1])
            && tag
                .get(i..i + name.len())
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
            && bytes
                .get(i + name.len())
                .is_none_or(|&b| boundary(b) || matches!(b, b'=' | b'>'))
    });
    let Some(start) = found else {
        return (0, source_name_len(tag));
    };
    (start, value_end(tag, start + name.len()) - start)
}

/// The length of `<name` at the start of `tag`, as written in the source.
fn source_name_len(tag: &str) -> usize {
    tag.get(1..)
        .and_then(|rest| rest.find(|c: char| c.is_ascii_whitespace() || matches!(c, '/' | '>')))
        .map_or(tag.len(), |i| i + 1)
}

fn floor_boundary(text: &str, mut index: usize) -> usize {
    index = index.min(text.len());
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

/// The end of an attribute's value (quoted or not) after its name.
fn value_end(tag: &str, after_name: usize) -> usize {
    let rest = &tag[after_name..];
    let trimmed = rest.trim_start();
    let Some(value) = trimmed.strip_prefix('=') else {
        return after_name;
    };
    let value_at = tag.len() - value.trim_start().len();
    let value = value.trim_start();
    match value.chars().next() {
        Some(quote @ ('"' | '\'')) => value[1..]
            .find(quote)
            .map_or(tag.len(), |i| value_at + i + 2),
        _ => {
            value_at
                + value
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(value.len())
        }
    }
}
