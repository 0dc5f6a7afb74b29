//! The oracle of the `raw_html` fuzz target, also used when `cargo test`
//! replays its corpus: written apart from Bayan's own checks, on the HTML
//! standard's rules, so a gap in Bayan's reading is not shared here.
//!
//! The HTML is parsed as a browser parses it (scraper, on html5ever's tree
//! builder, which decodes character references), then every URL-bearing
//! attribute of every element is read as the URL parser reads it.

/// Attributes holding one URL.
const URL: [&str; 16] = [
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "poster",
    "cite",
    "background",
    "longdesc",
    "usemap",
    "codebase",
    "classid",
    "manifest",
    "icon",
    "lowsrc",
    "dynsrc",
];

/// The first URL-bearing attribute whose URL runs code: (tag, attribute, URL).
pub fn code_url(html: &str) -> Option<(String, String, String)> {
    let document = scraper::Html::parse_document(html);
    for node in document.tree.nodes() {
        let Some(element) = scraper::ElementRef::wrap(node) else {
            continue;
        };
        let element = element.value();
        let tag = element.name();
        let refresh = tag == "meta"
            && element
                .attr("http-equiv")
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("refresh"));
        for (name, value) in element.attrs() {
            let urls = urls(tag, name, value, refresh);
            if let Some(url) = urls.into_iter().find(|u| runs_code(u)) {
                return Some((tag.into(), name.into(), url));
            }
        }
    }
    None
}

fn urls(tag: &str, name: &str, value: &str, refresh: bool) -> Vec<String> {
    let animation = matches!(
        tag,
        "animate" | "set" | "animatemotion" | "animatetransform"
    );
    match name {
        _ if URL.contains(&name) => vec![value.into()],
        "ping" | "archive" => value.split_ascii_whitespace().map(Into::into).collect(),
        "srcset" | "imagesrcset" => srcset(value),
        "to" | "from" | "by" | "values" if animation => value.split(';').map(Into::into).collect(),
        "content" if refresh => vec![refresh_target(value)],
        "srcdoc" => code_url(value).map(|(_, _, u)| u).into_iter().collect(),
        _ => Vec::new(),
    }
}

/// The candidates' URLs, as the standard's srcset parser collects them.
fn srcset(value: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            return urls;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        urls.push(rest[..end].trim_end_matches(',').to_string());
        let was_comma_ended = rest[..end].ends_with(',');
        rest = &rest[end..];
        if !was_comma_ended {
            let mut depth = 0usize;
            let stop = rest.char_indices().find(|(_, c)| match c {
                '(' => {
                    depth += 1;
                    false
                }
                ')' => {
                    depth = depth.saturating_sub(1);
                    false
                }
                ',' => depth == 0,
                _ => false,
            });
            rest = stop.map_or("", |(i, _)| &rest[i + 1..]);
        }
    }
}

/// The URL of a refresh, by the standard's "shared declarative refresh
/// steps": the delay, an optional `;` or `,`, an optional `url=`, quotes.
fn refresh_target(content: &str) -> String {
    let space = |c: char| c.is_ascii_whitespace();
    let rest = content.trim_start_matches(space);
    let rest = rest.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let rest = rest.trim_start_matches(space);
    let rest = rest.strip_prefix([';', ',']).unwrap_or(rest);
    let rest = rest.trim_start_matches(space);
    let after_url = rest
        .get(..3)
        .filter(|w| w.eq_ignore_ascii_case("url"))
        .and_then(|_| rest[3..].trim_start_matches(space).strip_prefix('='))
        .map(|r| r.trim_start_matches(space));
    let url = after_url.unwrap_or(rest);
    match url.chars().next() {
        Some(quote @ ('\'' | '"')) => url[1..].split(quote).next().unwrap_or("").to_string(),
        _ => url.to_string(),
    }
}

/// The URL parser: leading and trailing C0 controls and spaces go, tabs and
/// newlines go everywhere; the scheme is what comes before the first `:`.
fn runs_code(url: &str) -> bool {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let Some((scheme, _)) = url.split_once(':') else {
        return false;
    };
    ["javascript", "vbscript", "data"]
        .iter()
        .any(|s| scheme.eq_ignore_ascii_case(s))
}
