//! From a request's URL to a file of the site in memory, refusing anything
//! that could name a place outside it, and the content type of each file.

use percent_encoding::percent_decode_str;

use crate::sink;

/// Why a request path was refused (answered 403).
#[derive(Debug, PartialEq, Eq)]
pub struct Refused(pub &'static str);

/// The key of the file a URL names in the site's files (`fr/index.html`),
/// or why it was refused. The query and fragment are ignored; a folder
/// (`/fr/`) means its `index.html`.
pub fn file_key(url: &str) -> Result<String, Refused> {
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if !path.starts_with('/') || path.starts_with("//") {
        return Err(Refused("the path is not relative to the site"));
    }
    let decoded = percent_decode_str(path)
        .decode_utf8()
        .map_err(|_| Refused("the path is not UTF-8"))?;
    if decoded.contains(['\0', '\\', ':']) {
        return Err(Refused("the path holds a forbidden character"));
    }
    let mut key = String::new();
    for part in decoded.split('/').filter(|p| !p.is_empty()) {
        if sink::segment_problem(part).is_some() {
            return Err(Refused("the path leaves the site"));
        }
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str(part);
    }
    if decoded.ends_with('/') {
        if !key.is_empty() {
            key.push('/');
        }
        key.push_str("index.html");
    }
    Ok(key)
}

/// The content type of a file by its extension; text types in UTF-8.
pub fn content_type(key: &str) -> &'static str {
    let extension = key.rsplit_once('.').map(|(_, e)| e).unwrap_or_default();
    match extension.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_urls_to_files_of_the_site() {
        assert_eq!(file_key("/").as_deref(), Ok("index.html"));
        assert_eq!(file_key("/fr/").as_deref(), Ok("fr/index.html"));
        assert_eq!(file_key("/fr?x=1#top").as_deref(), Ok("fr"));
        assert_eq!(file_key("/css/site.css").as_deref(), Ok("css/site.css"));
        assert_eq!(
            file_key("/ar/%D8%A3%D8%AE%D8%A8%D8%A7%D8%B1/").as_deref(),
            Ok("ar/أخبار/index.html")
        );
    }

    #[test]
    fn refuses_every_way_out_of_the_site() {
        let attempts = [
            "/../etc/passwd",
            "/fr/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/fr/%2e%2e%2f%2e%2e%2fsecret",
            "//etc/passwd",
            "etc/passwd",
            "/..%5c..%5cwindows",
            "/fr\\..\\x",
            "/C:/Windows/win.ini",
            "/a%00b",
            "/%ff",
            "/./fr/",
        ];
        for url in attempts {
            assert!(file_key(url).is_err(), "{url} was accepted");
        }
    }

    #[test]
    fn text_types_say_utf_8() {
        for (key, expected) in [
            ("fr/index.html", "text/html; charset=utf-8"),
            ("fr/actualites/atom.xml", "application/xml; charset=utf-8"),
            ("data/projects.json", "application/json; charset=utf-8"),
            ("data/projects.csv", "text/csv; charset=utf-8"),
            ("images/logo.svg", "image/svg+xml; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("js/site.js", "text/javascript; charset=utf-8"),
            ("css/site.css", "text/css; charset=utf-8"),
            ("images/a.PNG", "image/png"),
            ("unknown", "application/octet-stream"),
        ] {
            assert_eq!(content_type(key), expected, "{key}");
        }
    }
}
