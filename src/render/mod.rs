//! Rendering: the site model through Tera templates into pages, handed to
//! a sink. Nothing here touches the file system.
//!
//! 1. Read and compile the templates (the site's over the theme's).
//! 2. Build what every page of a language shares, once per language.
//! 3. Render the pages in parallel; each page goes to the sink as soon as
//!    it is rendered, so memory stays bounded whatever the size of the site.
//! 4. Render the pages outside the languages' trees: landing and 404.

mod context;
pub mod share;
pub mod templates;
pub mod views;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layers::Layers;
use crate::locale::Locales;
use crate::model::{Assets, Page, Site};
use crate::sink::Sink;

pub use templates::Sources;

/// Compiled templates with the site's locale helpers and `asset()`
/// registered.
pub struct Renderer {
    tera: tera::Tera,
    sources: Sources,
    locales: Arc<Locales>,
    assets: Arc<Assets>,
}

impl Renderer {
    /// Reads and compiles the templates; `None` with diagnostics on failure.
    pub fn new(
        layers: &Layers,
        max_file_bytes: u64,
        locales: Arc<Locales>,
        assets: Arc<Assets>,
        diagnostics: &mut Diagnostics,
    ) -> Option<Self> {
        let sources = templates::read_sources(layers, max_file_bytes, diagnostics);
        let mut tera = tera::Tera::new();
        crate::locale::register_template_helpers(&mut tera, Arc::clone(&locales));
        let known = Arc::clone(&assets);
        tera.register_function("asset", move |k: tera::Kwargs, _: &tera::State| {
            asset(&known, &k)
        });
        tera.register_filter(
            "urlencode",
            |v: tera::Value, _: tera::Kwargs, _: &tera::State| urlencode(&v),
        );
        let tera = templates::compile(tera, &sources, diagnostics)?;
        Some(Self {
            tera,
            sources,
            locales,
            assets,
        })
    }

    /// Every template's file and text, for checks that read them.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// The published names of static files and indexes.
    pub fn assets(&self) -> &Assets {
        &self.assets
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

/// What every page of a language shares, as the templates read it (`site`),
/// by language code.
pub type SharedValues<'s> = BTreeMap<&'s str, tera::Value>;

/// Renders every page of `site` into `sink`.
pub fn render_site(
    site: &Site<'_>,
    renderer: &Renderer,
    sink: &dyn Sink,
    diagnostics: &mut Diagnostics,
) {
    let shared = shared_values(site, renderer);
    render_selected(site, renderer, &shared, sink, &|_| true, diagnostics);
    render_specials(site, renderer, sink, &shared, diagnostics);
}

/// The shared view of each language, built once for all its pages (and
/// compared between builds: when it is unchanged, so are the pages that
/// show nothing else that changed).
pub fn shared_values<'s>(site: &'s Site<'_>, renderer: &Renderer) -> SharedValues<'s> {
    site.config
        .languages
        .iter()
        .map(|l| {
            let view = views::shared_view(site, renderer.assets(), &l.code);
            (l.code.as_str(), tera::Value::from_serializable(&view))
        })
        .collect()
}

/// Renders the pages of `site` that `selected` accepts into `sink` (an
/// incremental build renders only those an edit touched).
pub fn render_selected(
    site: &Site<'_>,
    renderer: &Renderer,
    shared: &SharedValues<'_>,
    sink: &dyn Sink,
    selected: &(dyn Fn(&Page) -> bool + Sync),
    diagnostics: &mut Diagnostics,
) {
    let failures: Vec<Diagnostic> = site
        .pages
        .par_iter()
        .filter(|page| selected(page))
        .filter_map(|page| render_page(site, renderer, sink, shared, page).err())
        .collect();
    diagnostics.extend(dedupe(failures));
}

fn render_page(
    site: &Site<'_>,
    renderer: &Renderer,
    sink: &dyn Sink,
    shared: &SharedValues<'_>,
    page: &Page,
) -> Result<(), Diagnostic> {
    let (template, mut context) = context::page_context(site, shared, page);
    context.insert("share", &share::share_view(site, renderer.locales(), page));
    let html = renderer.render(template, &context)?;
    sink.put(&crate::model::urls::file_of(&page.path), &html)
        .map_err(Diagnostic::from)
}

/// The bilingual landing and the 404 page, in the default language.
pub fn render_specials(
    site: &Site<'_>,
    renderer: &Renderer,
    sink: &dyn Sink,
    shared: &SharedValues<'_>,
    diagnostics: &mut Diagnostics,
) {
    let default = site.config.default_language.as_str();
    let specials = [
        ("landing.html", "landing", "/"),
        ("404.html", "not_found", "/404.html"),
    ];
    for (template, kind, path) in specials {
        let mut context = tera::Context::new();
        context.insert("page", &context::special_page_meta(site, kind, path));
        if let Some(value) = shared.get(default) {
            context.insert_value("site", value.clone());
        }
        context.insert("lang", default);
        let result = renderer.render(template, &context).and_then(|html| {
            let file = crate::model::urls::file_of(path);
            sink.put(&file, &html).map_err(Diagnostic::from)
        });
        diagnostics.extend(result.err());
    }
}

/// `asset(path="css/site.css")`: the link to a static file under its
/// published (possibly content-hashed) name, under the base URL's path.
/// A value percent-encoded for a URL's query (`mailto:` subjects, form
/// parameters): everything but ASCII letters, digits and `-._~`.
fn urlencode(value: &tera::Value) -> tera::TeraResult<String> {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~');
    let text = match value.as_str() {
        Some(text) => text.to_string(),
        None => value.to_string(),
    };
    Ok(percent_encoding::utf8_percent_encode(&text, KEEP).to_string())
}

fn asset(assets: &Assets, kwargs: &tera::Kwargs) -> tera::TeraResult<String> {
    let path = kwargs.must_get::<&str>("path")?;
    assets.href(path).ok_or_else(|| {
        tera::Error::message(format!(
            "asset(path=\"{path}\"): no static file has this path; \
             name a file of the theme's or the site's static/ folder, such as css/site.css"
        ))
    })
}

/// A template mistake fails every page that uses it: report it once.
fn dedupe(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(ToString::to_string);
    diagnostics.dedup();
    diagnostics
}
