//! What keeps old addresses working: a page at each old address that
//! sends the reader on (`redirect.html`, with `rel=canonical`), and the
//! same table for the host to answer with a real 301, as Netlify and
//! Cloudflare Pages read it (`_redirects`) and as an nginx `map`
//! (`redirects.nginx.map`). Nothing is written for a site without
//! redirects.

use std::fmt::Write as _;

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::Renderer;

/// The page template for an old address.
pub const TEMPLATE: &str = "redirect.html";
/// The host-readable tables.
pub const NETLIFY: &str = "_redirects";
pub const NGINX: &str = "redirects.nginx.map";

/// Every file of the redirects: (path, bytes), or why one failed.
pub fn files(site: &Site<'_>, renderer: &Renderer) -> Vec<Result<(String, Vec<u8>), Diagnostic>> {
    if site.redirects.is_empty() {
        return Vec::new();
    }
    let mut files: Vec<_> = site
        .redirects
        .iter()
        .map(|r| page(site, renderer, &r.from, &r.to, &r.lang))
        .collect();
    files.push(Ok((NETLIFY.into(), netlify(site).into_bytes())));
    files.push(Ok((NGINX.into(), nginx(site).into_bytes())));
    files
}

fn page(
    site: &Site<'_>,
    renderer: &Renderer,
    from: &str,
    to: &str,
    lang: &str,
) -> Result<(String, Vec<u8>), Diagnostic> {
    let rtl = site
        .config
        .language(lang)
        .is_some_and(|l| l.direction == crate::config::Direction::Rtl);
    let dir = if rtl { "rtl" } else { "ltr" };
    let mut context = tera::Context::new();
    context.insert("lang", lang);
    context.insert("dir", dir);
    context.insert(
        "redirect",
        &serde_json::json!({ "href": site.link(to), "url": site.url(to) }),
    );
    let path = from.trim_start_matches('/');
    let file = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    renderer
        .render(TEMPLATE, &context)
        .map(|bytes| (file, bytes))
}

/// `/old/ /new/ 301`, one line each, under the base URL's path.
fn netlify(site: &Site<'_>) -> String {
    let mut out = String::from("# Old addresses of this site and where they lead (bayan).\n");
    for r in &site.redirects {
        let _ = writeln!(out, "{} {} 301", site.link(&r.from), site.link(&r.to));
    }
    out
}

/// Lines of an nginx `map $uri $bayan_redirect { include …; }` block.
fn nginx(site: &Site<'_>) -> String {
    let mut out = String::from(
        "# Old addresses of this site and where they lead (bayan), for nginx:\n#   map $uri $bayan_redirect { include redirects.nginx.map; }\n#   if ($bayan_redirect) { return 301 $bayan_redirect; }\n",
    );
    for r in &site.redirects {
        let _ = writeln!(
            out,
            "{} {};",
            quoted(&site.link(&r.from)),
            quoted(&site.link(&r.to))
        );
    }
    out
}

/// An nginx string: the paths here hold no quote or backslash (config
/// refuses them), but a percent-encoded one is kept as written.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "%22"))
}
