//! `bayan serve`: the live preview for editors.
//!
//! 1. Bind the address (127.0.0.1 unless `--bind` says otherwise).
//! 2. Build the site into memory, each file compressed
//!    ([`compressed::Compressed`]), and swap it in whole
//!    ([`snapshot::Store`]); print the diagnostics and the summary line.
//! 3. Watch the inputs ([`watch`]); each debounced batch of changes
//!    rebuilds the site. A failed rebuild keeps the last good files and
//!    shows its diagnostics over every page ([`page`]).
//! 4. Answer requests from the snapshot ([`http`]), and tell open tabs to
//!    reload through Server-Sent Events ([`events`]).
//!
//! A change to content alone renders only the pages that show what changed
//! (`build::Memo`) and merges them into the last good build; the tables
//! are read again only when `data/` or `site.toml` changed; anything else
//! rebuilds the whole site (see README, "Preview", for figures).

mod compressed;
mod events;
mod http;
mod page;
mod paths;
mod snapshot;
mod watch;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::Instant;

use crate::build::{self, Options as BuildOptions};
use crate::diagnostics::Diagnostic;
use crate::diagnostics::report::Printing;

/// The port `serve` listens on unless `--port` says otherwise.
pub const DEFAULT_PORT: u16 = 8282;

/// Where the server listens unless `--bind` says otherwise: this machine only.
pub const DEFAULT_BIND: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

/// How many requests are answered at once (event streams have their own
/// threads).
const WORKERS: usize = 4;

#[derive(Debug, Clone)]
pub struct Options {
    pub build: BuildOptions,
    pub bind: IpAddr,
    /// 0 for any free port (the URL printed says which).
    pub port: u16,
    /// How the terminal prints each rebuild's problems (`--format`, `--lang`).
    pub printing: Printing,
}

/// What the request threads share.
pub struct Shared {
    store: snapshot::Store,
    hub: events::Hub,
}

/// Serves the site until the process is stopped; an error only when the
/// server cannot start.
pub fn run(options: &Options) -> Result<(), Diagnostic> {
    let address = SocketAddr::new(options.bind, options.port);
    let server = tiny_http::Server::http(address).map_err(|e| cannot_listen(address, &*e))?;
    let server = Arc::new(server);
    let shared = Arc::new(Shared {
        store: snapshot::Store::default(),
        hub: events::Hub::default(),
    });
    rebuild(options, &shared, Instant::now());
    let (sender, changes) = mpsc::channel();
    let watcher = watch::Watcher::start(&options.build.root, sender).map_err(|e| {
        Diagnostic::error(format!("cannot watch the site's files: {e}"))
            .with_hint("check that the site folder exists and can be read")
    })?;
    let url = match server.server_addr().to_ip() {
        Some(local) => format!("http://{local}/"),
        None => format!("http://{address}/"),
    };
    println!("serving the site at {url} (Ctrl+C to stop)");
    start_workers(&server, &shared);
    rebuild_on_changes(options, &shared, watcher, &changes);
    Ok(())
}

fn cannot_listen(address: SocketAddr, error: &dyn std::error::Error) -> Diagnostic {
    Diagnostic::error(format!("cannot listen on {address}: {error}")).with_hint(format!(
        "another program may use port {}: choose another with --port, or --port 0 for any free one",
        address.port()
    ))
}

fn start_workers(server: &Arc<tiny_http::Server>, shared: &Arc<Shared>) {
    for _ in 0..WORKERS {
        let (server, shared) = (Arc::clone(server), Arc::clone(shared));
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                http::handle(request, &shared);
            }
        });
    }
}

/// Rebuilds after each batch of changes, taking every batch that arrived
/// during the previous rebuild at once.
fn rebuild_on_changes(
    options: &Options,
    shared: &Shared,
    mut watcher: watch::Watcher,
    changes: &Receiver<Vec<PathBuf>>,
) {
    while let Ok(batch) = changes.recv() {
        let seen = Instant::now();
        let mut changed = batch;
        while let Ok(more) = changes.try_recv() {
            changed.extend(more);
        }
        print_changes(&options.build.root, &changed);
        forget_what_changed(&options.build, &changed);
        rebuild(options, shared, seen);
        if let Err(error) = watcher.watch_new_folders() {
            eprintln!("warning: a new folder of the site is not watched: {error}");
        }
    }
}

/// Tells the build what it may not reuse: the tables when `data/` or
/// `site.toml` changed, the last build's pages when anything but content
/// did (templates, static files, strings, configuration).
fn forget_what_changed(build: &BuildOptions, changed: &[PathBuf]) {
    let root = &build.root;
    if let Some(cache) = &build.data_cache
        && changed.iter().any(|p| watch::touches_data(root, p))
    {
        cache.forget();
    }
    if let Some(memo) = &build.memo
        && !changed.iter().all(|p| watch::is_content(root, p))
    {
        memo.forget();
    }
}

fn print_changes(root: &std::path::Path, changed: &[PathBuf]) {
    let first = changed.first().map(|p| p.strip_prefix(root).unwrap_or(p));
    match (first, changed.len()) {
        (Some(path), 1) => eprintln!("changed: {}", path.display()),
        (Some(path), n) => eprintln!("changed: {} and {} more", path.display(), n - 1),
        (None, _) => {}
    }
}

/// Builds the site into memory, swaps it in (or keeps the last good one
/// with the diagnostics), and tells open tabs.
fn rebuild(options: &Options, shared: &Shared, since: Instant) {
    let memory = compressed::Compressed::default();
    let outcome = build::build_into(&options.build, &memory);
    options.printing.print(&outcome.diagnostics);
    let generation = match &outcome.facts {
        Some(facts) => {
            let generation = match &outcome.delta {
                build::Delta::Whole => shared.store.succeeded(memory.into_files()),
                build::Delta::Partial { removed } => {
                    shared.store.updated(memory.into_files(), removed)
                }
            };
            eprintln!(
                "built {} ({} ms to serve)",
                facts.summary(),
                since.elapsed().as_millis()
            );
            generation
        }
        None => {
            let errors = match outcome.diagnostics.error_count() {
                1 => "1 error".to_string(),
                n => format!("{n} errors"),
            };
            let generation = shared
                .store
                .failed(outcome.diagnostics.into_iter().collect());
            eprintln!(
                "build failed ({errors}): the last good site is still served, with the errors over every page"
            );
            generation
        }
    };
    shared.hub.broadcast(generation);
}
