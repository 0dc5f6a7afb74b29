//! A limit on nesting: an HTML parser does work in proportion to the depth
//! of open elements for each new one, so a document nested thousands deep
//! (block quotes, lists, raw `<div>`s) costs time in the square of its size.
//! Past [`MAX_DEPTH`] the document is refused at the line that goes too
//! deep, which keeps every later stage linear; real articles nest a few
//! levels.

use std::ops::Range;

use pulldown_cmark::Event;

/// The deepest nesting accepted, of Markdown blocks and of raw HTML each.
pub const MAX_DEPTH: usize = 100;

/// The source range of the first Markdown element nested past the limit.
pub fn too_deep<'a>(
    events: impl IntoIterator<Item = &'a (Event<'a>, Range<usize>)>,
) -> Option<Range<usize>> {
    let mut depth = 0usize;
    for (event, range) in events {
        match event {
            Event::Start(_) => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Some(range.start..range.start + 1);
                }
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// HTML elements that never hold others, or whose end tag may be left out
/// (a parser closes them itself): they do not deepen the nesting.
pub fn never_nests(tag: &str) -> bool {
    matches!(
        tag,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "source"
            | "track"
            | "wbr"
            | "param"
            | "keygen"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "rb"
            | "rt"
            | "rp"
            | "rtc"
            | "colgroup"
            | "caption"
            | "html"
            | "head"
            | "body"
    )
}

/// The message and hint of a document nested too deep.
pub fn message() -> (String, String) {
    (
        format!("the text is nested more than {MAX_DEPTH} levels deep here"),
        "nest fewer quotes, lists or HTML elements inside one another".to_string(),
    )
}
