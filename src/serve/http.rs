//! Answering one request from the snapshot in memory: only GET and HEAD,
//! only files of the site (nothing on disk is ever read), the reload script
//! and overlay added to HTML pages, the site's own 404 page.

use std::io::Cursor;
use std::sync::Arc;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::Shared;
use super::compressed::decompress;
use super::page::{self, EVENTS, SCRIPT, STYLE};
use super::paths::{self, Refused};
use super::snapshot::Snapshot;

const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");

/// Answers `request`; an event stream is handed to its own thread.
pub fn handle(request: Request, shared: &Arc<Shared>) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let response = with(
            text(405, "only GET and HEAD are served\n"),
            "Allow",
            "GET, HEAD",
        );
        respond(request, response);
        return;
    }
    let path = request
        .url()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    match path.as_str() {
        EVENTS => stream_events(request, shared),
        SCRIPT => respond(request, bytes(200, LIVE_JS.as_bytes().to_vec(), "live.js")),
        STYLE => respond(
            request,
            bytes(200, LIVE_CSS.as_bytes().to_vec(), "live.css"),
        ),
        _ => {
            let snapshot = shared.store.current();
            let response = site_file(request.url(), accepts_gzip(&request), &snapshot);
            respond(request, response);
        }
    }
}

type Answer = Response<Cursor<Vec<u8>>>;

/// Whether the client takes gzip-compressed bodies (every browser does).
fn accepts_gzip(request: &Request) -> bool {
    request
        .headers()
        .iter()
        .any(|h| h.field.equiv("Accept-Encoding") && h.value.as_str().contains("gzip"))
}

/// The file a URL names, a redirect to its folder, or the 404 page.
fn site_file(url: &str, gzip: bool, snapshot: &Snapshot) -> Answer {
    let key = match paths::file_key(url) {
        Ok(key) => key,
        Err(Refused(why)) => return text(403, &format!("refused: {why}\n")),
    };
    if let Some(stored) = snapshot.files.get(&key) {
        return page_or_file(200, &key, stored, gzip, snapshot);
    }
    let folder_index = format!("{key}/index.html");
    if !key.is_empty() && snapshot.files.contains_key(&folder_index) {
        let location = format!("{}/", url.split('?').next().unwrap_or_default());
        return with(text(301, "moved\n"), "Location", &location);
    }
    not_found(snapshot)
}

fn not_found(snapshot: &Snapshot) -> Answer {
    match snapshot.files.get("404.html") {
        Some(stored) => page_or_file(404, "404.html", stored, false, snapshot),
        None if snapshot.files.is_empty() => {
            let body = page::empty_page(snapshot.generation, &snapshot.problems);
            bytes(404, body, "404.html")
        }
        None => text(404, "not found\n"),
    }
}

/// A page with the reload script (and overlay) added; any other file as
/// stored, compressed when the client takes it.
fn page_or_file(status: u16, key: &str, stored: &[u8], gzip: bool, snapshot: &Snapshot) -> Answer {
    if gzip && !key.ends_with(".html") {
        return with(
            bytes(status, stored.to_vec(), key),
            "Content-Encoding",
            "gzip",
        );
    }
    let body = match decompress(stored) {
        Ok(body) => body,
        Err(error) => return text(500, &format!("a stored file is damaged: {error}\n")),
    };
    if key.ends_with(".html") {
        let page = page::inject(&body, snapshot.generation, &snapshot.problems);
        bytes(status, page, key)
    } else {
        bytes(status, body, key)
    }
}

fn stream_events(request: Request, shared: &Arc<Shared>) {
    let builds = shared.hub.subscribe();
    let current = shared.store.current().generation;
    std::thread::spawn(move || {
        let mut out = request.into_writer();
        super::events::stream(&mut out, current, &builds);
    });
}

fn respond(request: Request, response: Answer) {
    // The client may have gone away; nothing to tell it then.
    let _ = request.respond(response);
}

fn bytes(status: u16, body: Vec<u8>, key: &str) -> Answer {
    let response = Response::from_data(body).with_status_code(StatusCode(status));
    let response = with(response, "Content-Type", paths::content_type(key));
    let response = with(response, "Cache-Control", "no-store");
    with(response, "X-Content-Type-Options", "nosniff")
}

fn text(status: u16, body: &str) -> Answer {
    bytes(status, body.as_bytes().to_vec(), "message.txt")
}

/// `response` with one more header; a value that is not a valid header
/// (it can only come from a request's own URL) is left out.
fn with(response: Answer, name: &str, value: &str) -> Answer {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}
