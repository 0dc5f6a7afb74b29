//! URLs that run code, wherever HTML can hold a URL.
//!
//! 1. [`attribute_code_scheme`] reads one attribute, already decoded as a
//!    browser decodes it (character references resolved by html5ever), and
//!    returns the scheme of a URL in it that runs code: every URL-bearing
//!    attribute, each `srcset` candidate, a `<meta http-equiv=refresh>`
//!    target, SVG animation values, and the HTML of an `srcdoc`.
//! 2. [`code_urls_in`] parses a whole document the way a browser does
//!    (scraper, on html5ever's tree builder) and applies that check to every element:
//!    the last line of defence for trusted raw HTML.

use super::sanitize::dangerous_scheme;

/// Attributes whose whole value is one URL (HTML, SVG and legacy ones).
const URL_ATTRIBUTES: [&str; 19] = [
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "poster",
    "cite",
    "background",
    "longdesc",
    "usemap",
    "codebase",
    "classid",
    "profile",
    "manifest",
    "icon",
    "dynsrc",
    "lowsrc",
    "xml:base",
];

/// Attributes holding several URLs separated by spaces.
const URL_LIST_ATTRIBUTES: [&str; 2] = ["ping", "archive"];

/// Attributes holding image candidates: `url 2x, url 640w`.
const SRCSET_ATTRIBUTES: [&str; 2] = ["srcset", "imagesrcset"];

/// SVG elements that can set another attribute (an `href`) to a value.
const SVG_ANIMATIONS: [&str; 4] = ["animate", "set", "animatemotion", "animatetransform"];
const SVG_ANIMATION_VALUES: [&str; 4] = ["to", "from", "by", "values"];

/// Nesting of `srcdoc` documents read before giving up (and refusing).
const MAX_SRCDOC_DEPTH: usize = 4;

/// One attribute of an element, as a browser sees it.
pub struct Attribute<'a> {
    pub tag: &'a str,
    pub name: &'a str,
    pub value: &'a str,
    /// The element is `<meta http-equiv="refresh">`.
    pub in_refresh: bool,
}

/// The refused scheme of a URL that this attribute holds, if any.
pub fn attribute_code_scheme(attribute: &Attribute) -> Option<&'static str> {
    code_scheme_at_depth(attribute, 0)
}

fn code_scheme_at_depth(attribute: &Attribute, depth: usize) -> Option<&'static str> {
    let (tag, name, value) = (attribute.tag, attribute.name, attribute.value);
    let tag = tag.to_ascii_lowercase();
    let name = name.to_ascii_lowercase();
    if name == "srcdoc" {
        return srcdoc_scheme(value, depth);
    }
    let urls: Vec<&str> = if URL_ATTRIBUTES.contains(&name.as_str()) {
        vec![value]
    } else if URL_LIST_ATTRIBUTES.contains(&name.as_str()) {
        value.split_ascii_whitespace().collect()
    } else if SRCSET_ATTRIBUTES.contains(&name.as_str()) {
        srcset_urls(value)
    } else if SVG_ANIMATIONS.contains(&tag.as_str())
        && SVG_ANIMATION_VALUES.contains(&name.as_str())
    {
        value.split(';').collect()
    } else if attribute.in_refresh && name == "content" {
        vec![refresh_url(value)]
    } else {
        Vec::new()
    };
    urls.into_iter().find_map(dangerous_scheme)
}

/// The HTML of an `srcdoc` is a document of its own: any code URL in it.
fn srcdoc_scheme(html: &str, depth: usize) -> Option<&'static str> {
    if depth >= MAX_SRCDOC_DEPTH {
        return Some("srcdoc");
    }
    first_code_url(html, depth + 1)
}

/// Each candidate of a `srcset`: its URL is up to the first space. The
/// whole value is checked too, as a `data:` URL may itself hold commas.
fn srcset_urls(value: &str) -> Vec<&str> {
    let mut urls = vec![value];
    urls.extend(
        value
            .split(',')
            .filter_map(|candidate| candidate.split_ascii_whitespace().next()),
    );
    urls
}

/// The target of a refresh, `0; url='…'` (HTML's declarative refresh steps):
/// after the delay and a `;` or `,`, an optional `url=`, optional quotes.
fn refresh_url(content: &str) -> &str {
    let rest = content.trim_start_matches(|c: char| c.is_ascii_whitespace());
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || matches!(c, ';' | ','));
    let rest = match rest.get(..3) {
        Some(word) if word.eq_ignore_ascii_case("url") => {
            let after = rest[3..].trim_start_matches(|c: char| c.is_ascii_whitespace());
            after.strip_prefix('=').map_or(rest, |v| v.trim_start())
        }
        _ => rest,
    };
    rest.trim_start_matches(['\'', '"'])
}

/// A URL that runs code, found in the parsed document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeUrl {
    pub tag: String,
    pub attribute: String,
    pub scheme: &'static str,
}

/// Every URL that runs code in `html`, parsed as a browser parses it
/// (every element of the tree, template contents included).
pub fn code_urls_in(html: &str) -> Vec<CodeUrl> {
    code_urls_at_depth(html, 0)
}

fn first_code_url(html: &str, depth: usize) -> Option<&'static str> {
    code_urls_at_depth(html, depth)
        .first()
        .map(|found| found.scheme)
}

fn code_urls_at_depth(html: &str, depth: usize) -> Vec<CodeUrl> {
    let document = scraper::Html::parse_document(html);
    let mut found = Vec::new();
    for node in document.tree.nodes() {
        if let Some(element) = scraper::ElementRef::wrap(node) {
            check_element(element.value(), depth, &mut found);
        }
    }
    found
}

fn check_element(element: &scraper::node::Element, depth: usize, found: &mut Vec<CodeUrl>) {
    let tag = element.name();
    let in_refresh = tag == "meta" && is_refresh(element.attrs());
    for (name, value) in element.attrs() {
        let attribute = Attribute {
            tag,
            name,
            value,
            in_refresh,
        };
        if let Some(scheme) = code_scheme_at_depth(&attribute, depth) {
            found.push(CodeUrl {
                tag: tag.to_string(),
                attribute: name.to_string(),
                scheme,
            });
        }
    }
}

/// Whether these attributes make a `<meta>` a refresh (`http-equiv`).
pub fn is_refresh<'a>(mut attrs: impl Iterator<Item = (&'a str, &'a str)>) -> bool {
    attrs.any(|(name, value)| {
        name.eq_ignore_ascii_case("http-equiv") && value.trim().eq_ignore_ascii_case("refresh")
    })
}
