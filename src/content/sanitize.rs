//! Raw HTML in Markdown: an allow-list (ammonia) makes it safe, and the
//! writer is told what was removed, so nothing vanishes silently.
//!
//! 1. [`check_tag`] says what the allow-list will remove from one start tag
//!    (read by `html_scan`, which knows where the tag is).
//! 2. [`clean`] runs the whole rendered document through ammonia with the
//!    same allow-list, extended with what Bayan itself generates (heading
//!    ids, footnote classes, the table wrapper, lazy images).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Attributes the allow-list keeps whose scheme it checks.
const URL_ATTRIBUTES: [&str; 4] = ["href", "src", "cite", "srcset"];

/// Schemes refused outright: they run code or smuggle content.
const DANGEROUS_SCHEMES: [&str; 3] = ["javascript", "data", "vbscript"];

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

/// One thing the allow-list removes from a tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagRemoval {
    /// What is removed, in plain words.
    pub what: String,
    /// The attribute concerned, or `None` for the tag itself.
    pub attribute: Option<String>,
}

/// What the allow-list removes from a start tag with these attributes
/// (names and decoded values). URLs that run code are left to the caller.
pub fn check_tag<'a>(
    name: &str,
    attributes: impl Iterator<Item = (&'a str, &'a str)>,
) -> Vec<TagRemoval> {
    let whole = |what: String| TagRemoval {
        what,
        attribute: None,
    };
    if ALLOW.content_tags.contains(name) {
        return vec![whole(format!("the <{name}> element and its content"))];
    }
    if !ALLOW.tags.contains(name) {
        return vec![whole(format!("the <{name}> tag (its text is kept)"))];
    }
    attributes
        .filter_map(|(attribute, value)| {
            let what = check_attribute(name, attribute, value)?;
            Some(TagRemoval {
                what,
                attribute: Some(attribute.to_string()),
            })
        })
        .collect()
}

fn check_attribute(tag: &str, name: &str, value: &str) -> Option<String> {
    if !ALLOW.allows_attribute(tag, name) {
        return Some(format!("the `{name}` attribute of <{tag}>"));
    }
    if !URL_ATTRIBUTES.contains(&name) || dangerous_scheme(value).is_some() {
        return None;
    }
    let scheme = scheme_of(value)?;
    (!ALLOW.schemes.contains(scheme.as_str()))
        .then(|| format!("a `{scheme}:` URL in <{tag} {name}>"))
}
