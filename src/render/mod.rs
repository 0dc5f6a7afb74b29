//! Rendering: the site model through Tera templates into files.
//!
//! 1. Read and compile the templates (site first, then theme).
//! 2. Build what every page of a language shares, once per language.
//! 3. Render the pages in parallel; each page is written as soon as it is
//!    rendered, so memory stays bounded whatever the size of the site.
//! 4. Write what is not a page: landing, 404, feeds, sitemap, robots, data
//!    downloads, the static indexes the theme's script reads, static files.

mod context;
mod extras;
mod indexes;
mod sitemap;
pub mod templates;
pub mod views;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::locale::Locales;
use crate::model::{Page, Site};
use crate::output::Staging;

pub use templates::Sources;

/// Compiled templates with the site's locale helpers registered.
pub struct Renderer {
    tera: tera::Tera,
    sources: Sources,
    locales: Arc<Locales>,
}

impl Renderer {
    /// Reads and compiles the templates; `None` with diagnostics on failure.
    pub fn new(
        config: &crate::config::SiteConfig,
        locales: Arc<Locales>,
        diagnostics: &mut Diagnostics,
    ) -> Option<Self> {
        let sources = templates::read_sources(config, diagnostics);
        let mut tera = tera::Tera::new();
        crate::locale::register_template_helpers(&mut tera, Arc::clone(&locales));
        let tera = templates::compile(tera, &sources, diagnostics)?;
        Some(Self {
            tera,
            sources,
            locales,
        })
    }

    /// The locales the helpers format with, for files that are not
    /// templates (the static indexes).
    pub fn locales(&self) -> &Locales {
        &self.locales
    }

    /// Renders one template to bytes; errors point into the template.
    pub fn render(&self, template: &str, context: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let mut buffer = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(template, context, &mut buffer)
            .map_err(|error| templates::template_diagnostic(&self.sources, &error))?;
        Ok(buffer)
    }
}

/// Renders every page and extra file of `site` into `staging`.
pub fn render_site(
    site: &Site<'_>,
    renderer: &Renderer,
    staging: &Staging,
    diagnostics: &mut Diagnostics,
) {
    let shared: BTreeMap<&str, tera::Value> = site
        .config
        .languages
        .iter()
        .map(|l| {
            let view = views::shared_view(site, &l.code);
            (l.code.as_str(), tera::Value::from_serializable(&view))
        })
        .collect();
    // Pages and the other files (downloads, sitemap, feeds) are independent:
    // they are written side by side, each page's folder by the thread that
    // writes it.
    let mut extra_diagnostics = Diagnostics::new();
    let (failures, ()) = rayon::join(
        || {
            site.pages
                .par_iter()
                .filter_map(|page| render_page(site, renderer, staging, &shared, page).err())
                .collect::<Vec<Diagnostic>>()
        },
        || extras::write_extras(site, renderer, staging, &shared, &mut extra_diagnostics),
    );
    diagnostics.extend(dedupe(failures));
    diagnostics.extend(extra_diagnostics);
}

fn render_page(
    site: &Site<'_>,
    renderer: &Renderer,
    staging: &Staging,
    shared: &BTreeMap<&str, tera::Value>,
    page: &Page,
) -> Result<(), Diagnostic> {
    let (template, context) = context::page_context(site, shared, page);
    let html = renderer.render(template, &context)?;
    staging
        .write_file(&crate::model::urls::file_of(&page.path), &html)
        .map_err(Diagnostic::from)
}

/// A template mistake fails every page that uses it: report it once.
fn dedupe(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(ToString::to_string);
    diagnostics.dedup();
    diagnostics
}
