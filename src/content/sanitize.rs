//! Raw HTML in Markdown: an allow-list (ammonia) makes it safe, and a small
//! scanner tells the writer what was removed, so nothing vanishes silently.
//!
//! 1. [`lint`] reads one raw HTML fragment and lists what the allow-list will
//!    remove (tags, attributes, URLs), each with its offset in the fragment.
//! 2. [`clean`] runs the whole rendered document through ammonia with the
//!    same allow-list, extended with what Bayan itself generates (heading
//!    ids, footnote classes, the table wrapper, lazy images).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Attribute values that are URLs and so have their scheme checked.
const URL_ATTRIBUTES: [&str; 4] = ["href", "src", "cite", "srcset"];

/// Schemes refused outright: they run code or smuggle content.
const DANGEROUS_SCHEMES: [&str; 3] = ["javascript", "data", "vbscript"];

/// One thing the allow-list removes from a fragment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removal {
    /// Byte offset of the tag or attribute within the fragment.
    pub offset: usize,
    /// Its length in bytes.
    pub len: usize,
    /// What is removed, in plain words.
    pub what: String,
    /// A URL that runs code: an error rather than a warning.
    pub dangerous: bool,
}

struct AllowList {
    builder: ammonia::Builder<'static>,
    tags: HashSet<&'static str>,
    content_tags: HashSet<&'static str>,
    generic: HashSet<&'static str>,
    per_tag: HashMap<&'static str, HashSet<&'static str>>,
    schemes: HashSet<&'static str>,
}

static ALLOW: LazyLock<AllowList> = LazyLock::new(AllowList::new);

impl AllowList {
    fn new() -> Self {
        let mut builder = ammonia::Builder::default();
        builder
            .add_generic_attributes(["id", "class", "dir"])
            .add_tag_attributes("img", ["decoding"])
            .set_tag_attribute_value("img", "loading", "lazy")
            .add_tag_attributes("div", ["tabindex"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .filter_style_properties(HashSet::from(["text-align"]))
            .link_rel(None);
        Self {
            tags: builder.clone_tags(),
            content_tags: builder.clone_clean_content_tags(),
            generic: builder.clone_generic_attributes(),
            per_tag: builder.clone_tag_attributes(),
            schemes: builder.clone_url_schemes(),
            builder,
        }
    }

    fn allows_attribute(&self, tag: &str, attribute: &str) -> bool {
        self.generic.contains(attribute)
            || self
                .per_tag
                .get(tag)
                .is_some_and(|set| set.contains(attribute))
    }
}

/// The document with everything outside the allow-list removed.
pub fn clean(html: &str) -> String {
    ALLOW.builder.clean(html).to_string()
}

/// The scheme of a URL when it is one of the refused ones (`javascript`...).
/// Browsers ignore spaces, tabs and newlines in a scheme, so this does too.
pub fn dangerous_scheme(url: &str) -> Option<&'static str> {
    let scheme = scheme_of(url)?;
    DANGEROUS_SCHEMES.into_iter().find(|s| *s == scheme)
}

/// The lowercased scheme of an absolute URL, `None` for a relative one.
fn scheme_of(url: &str) -> Option<String> {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .collect();
    let colon = compact.find(':')?;
    let scheme = &compact[..colon];
    let valid = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// What the allow-list will remove from one raw HTML fragment.
pub fn lint(fragment: &str) -> Vec<Removal> {
    let mut removals = Vec::new();
    let mut at = 0;
    while let Some(found) = fragment[at..].find('<') {
        let start = at + found;
        at = match scan_tag(fragment, start) {
            Some(tag) => {
                let end = tag.end;
                check_tag(&tag, &mut removals);
                if ALLOW.content_tags.contains(tag.name.as_str()) {
                    skip_content(fragment, end, &tag.name)
                } else {
                    end
                }
            }
            None => skip_markup(fragment, start),
        };
    }
    removals
}

fn check_tag(tag: &RawTag, removals: &mut Vec<Removal>) {
    let name = tag.name.as_str();
    let whole = |what: String| Removal {
        offset: tag.start,
        len: tag.name.len() + 1,
        what,
        dangerous: false,
    };
    if ALLOW.content_tags.contains(name) {
        return removals.push(whole(format!("the <{name}> element and its content")));
    }
    if !ALLOW.tags.contains(name) {
        return removals.push(whole(format!("the <{name}> tag (its text is kept)")));
    }
    for attribute in &tag.attributes {
        if let Some(removal) = check_attribute(name, attribute) {
            removals.push(removal);
        }
    }
}

fn check_attribute(tag: &str, attribute: &RawAttribute) -> Option<Removal> {
    let removal = |what: String, dangerous| Removal {
        offset: attribute.offset,
        len: attribute.len,
        what,
        dangerous,
    };
    let name = attribute.name.as_str();
    if !ALLOW.allows_attribute(tag, name) {
        return Some(removal(format!("the `{name}` attribute of <{tag}>"), false));
    }
    if !URL_ATTRIBUTES.contains(&name) {
        return None;
    }
    let value = decode_entities(&attribute.value);
    if let Some(scheme) = dangerous_scheme(&value) {
        return Some(removal(
            format!("a `{scheme}:` URL in <{tag} {name}>"),
            true,
        ));
    }
    let scheme = scheme_of(&value)?;
    (!ALLOW.schemes.contains(scheme.as_str()))
        .then(|| removal(format!("a `{scheme}:` URL in <{tag} {name}>"), false))
}

/// The few character references that can hide a scheme: `&#58;`, `&colon;`.
fn decode_entities(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&i| i <= 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        match decode_reference(&rest[1..semi]) {
            Some(c) => out.push(c),
            None => out.push_str(&rest[..=semi]),
        }
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    out
}

fn decode_reference(name: &str) -> Option<char> {
    let number = |digits: &str, radix| u32::from_str_radix(digits, radix).ok();
    let code = match name {
        "colon" => Some(58),
        "Tab" => Some(9),
        "NewLine" => Some(10),
        _ => match name.strip_prefix('#') {
            Some(hex) if hex.starts_with(['x', 'X']) => number(&hex[1..], 16),
            Some(dec) => number(dec, 10),
            None => None,
        },
    };
    code.and_then(char::from_u32)
}

struct RawTag {
    name: String,
    start: usize,
    end: usize,
    attributes: Vec<RawAttribute>,
}

struct RawAttribute {
    name: String,
    value: String,
    offset: usize,
    len: usize,
}

/// An opening tag starting at `start` (a `<`), if there is one.
fn scan_tag(html: &str, start: usize) -> Option<RawTag> {
    let after = &html[start + 1..];
    if !after.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name_len = after
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(after.len());
    let name = after[..name_len].to_ascii_lowercase();
    let mut tag = RawTag {
        name,
        start,
        end: start + 1 + name_len,
        attributes: Vec::new(),
    };
    scan_attributes(html, &mut tag);
    Some(tag)
}

fn scan_attributes(html: &str, tag: &mut RawTag) {
    let bytes = html.as_bytes();
    let mut i = tag.end;
    loop {
        while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= bytes.len() || bytes[i] == b'>' {
            tag.end = (i + 1).min(bytes.len());
            return;
        }
        let (attribute, next) = scan_attribute(html, i);
        tag.attributes.push(attribute);
        i = next;
    }
}

fn scan_attribute(html: &str, start: usize) -> (RawAttribute, usize) {
    let bytes = html.as_bytes();
    let stop = |b: u8| b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/');
    let mut i = start + 1;
    while i < bytes.len() && !stop(bytes[i]) {
        i += 1;
    }
    let name = html[start..i].to_ascii_lowercase();
    let mut value = String::new();
    if bytes.get(i) == Some(&b'=') {
        let (text, next) = scan_value(html, i + 1);
        value = text;
        i = next;
    }
    let attribute = RawAttribute {
        name,
        value,
        offset: start,
        len: i - start,
    };
    (attribute, i)
}

fn scan_value(html: &str, start: usize) -> (String, usize) {
    let rest = &html[start..];
    if let Some(quote) = rest.chars().next().filter(|c| matches!(c, '"' | '\'')) {
        let body = &rest[1..];
        return match body.find(quote) {
            Some(i) => (body[..i].to_string(), start + i + 2),
            None => (body.to_string(), html.len()),
        };
    }
    let end = rest
        .find(|c: char| c.is_ascii_whitespace() || c == '>')
        .unwrap_or(rest.len());
    (rest[..end].to_string(), start + end)
}

/// Past a comment, closing tag or declaration starting at `start`.
fn skip_markup(html: &str, start: usize) -> usize {
    let rest = &html[start..];
    let end = if rest.starts_with("<!--") {
        rest.find("-->").map(|i| i + 3)
    } else if rest[1..].starts_with(['/', '!', '?']) {
        rest.find('>').map(|i| i + 1)
    } else {
        Some(1)
    };
    start + end.unwrap_or(rest.len())
}

/// Past the closing tag of a script-like element whose content goes too.
fn skip_content(html: &str, from: usize, name: &str) -> usize {
    let lower = html[from..].to_ascii_lowercase();
    lower
        .find(&format!("</{name}"))
        .map_or(html.len(), |i| from + i)
}
