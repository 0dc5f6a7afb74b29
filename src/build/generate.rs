//! Writing a built site: static files, then pages and every other file
//! side by side, into one sink; for `build`, into a staging folder that is
//! swapped in only when everything succeeded.

use super::incremental::{Plan, Recorded};
use crate::diagnostics::Diagnostics;
use crate::model::Site;
use crate::output;
use crate::publish;
use crate::render::{self, Renderer, SharedValues};
use crate::sink::{self, Progress, Sink};

/// What is left to write once every page's links are known.
pub(super) struct Work<'s, 'a> {
    pub(super) site: &'s Site<'a>,
    pub(super) renderer: &'s Renderer,
    pub(super) shared: &'s SharedValues<'s>,
    /// What to write again when the build is incremental; `None`: everything.
    pub(super) plan: Option<&'s Plan>,
    pub(super) statics: publish::Statics,
    pub(super) indexes: Vec<publish::indexes::IndexFile>,
    /// Told of each page written, when there is a terminal to show it.
    pub(super) progress: Option<&'s dyn Progress>,
}

/// What [`generate`] reports.
pub(super) struct Generated {
    /// The theme's static files the site replaced.
    pub(super) overrides: Vec<String>,
    /// The files written beside the pages (feeds, indexes, sitemap, photos).
    pub(super) beside: super::incremental::Beside,
}

/// Static files, then pages and every other file side by side, into
/// `sink` (counted for `progress` when there is one). An incremental build
/// renders only the pages its plan names, writes the files beside pages
/// again, and leaves static files and downloads as the last build wrote
/// them (their paths are still reserved).
pub(super) fn generate(
    work: Work<'_, '_>,
    sink: &dyn Sink,
    diagnostics: &mut Diagnostics,
) -> Generated {
    let Work {
        site,
        renderer,
        shared,
        plan,
        statics,
        indexes,
        progress,
    } = work;
    let counted;
    let sink = match progress {
        Some(progress) => {
            counted = sink::Counted {
                inner: sink,
                progress,
            };
            &counted as &dyn Sink
        }
        None => sink,
    };
    let limit = site.config.max_file_bytes;
    let statics_sink = if plan.is_some() { &sink::Discard } else { sink };
    let statics = publish::static_files(statics, limit, statics_sink, diagnostics);
    let reserved = sink::Reserved::new(sink, statics.taken);
    let beside = Recorded::new(&reserved, plan);
    let (mut pages, mut files) = (Diagnostics::new(), Diagnostics::new());
    rayon::join(
        || render_pages(site, renderer, shared, plan, &reserved, &mut pages),
        || {
            publish::publish_beside_pages(site, renderer, indexes, &beside, &mut files);
            if plan.is_none() {
                publish::publish_downloads(site, renderer.locales(), &reserved, &mut files);
            }
        },
    );
    diagnostics.extend(pages);
    diagnostics.extend(files);
    Generated {
        overrides: statics.overrides,
        beside: beside.into_paths(),
    }
}

/// Every page (with the landing and 404 pages), or those `plan` names.
fn render_pages(
    site: &Site<'_>,
    renderer: &Renderer,
    shared: &SharedValues<'_>,
    plan: Option<&Plan>,
    sink: &dyn Sink,
    diagnostics: &mut Diagnostics,
) {
    match plan {
        Some(plan) => {
            let selected = |page: &crate::model::Page| plan.renders(page);
            render::render_selected(site, renderer, shared, sink, &selected, diagnostics);
        }
        None => {
            render::render_selected(site, renderer, shared, sink, &|_| true, diagnostics);
            render::render_specials(site, renderer, sink, shared, diagnostics);
        }
    }
}

/// Generates into a staging folder beside `target` and swaps it in when
/// everything succeeded; `None` when nothing was published.
pub(super) fn write_folder(
    work: Work<'_, '_>,
    target: &std::path::Path,
    diagnostics: &mut Diagnostics,
) -> Option<Generated> {
    let prepared = output::prepare(&work.site.config.root, target)
        .map_err(|d| diagnostics.push(d))
        .ok()?;
    let overrides = generate(work, prepared.staging(), diagnostics);
    if diagnostics.has_errors() {
        diagnostics.extend(prepared.abandon());
        return None;
    }
    match prepared.publish() {
        Ok(warnings) => {
            diagnostics.extend(warnings);
            Some(overrides)
        }
        Err(error) => {
            diagnostics.push(error);
            None
        }
    }
}
