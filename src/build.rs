//! The build pipeline, stage by stage. Each stage takes what the previous one
//! produced and returns a new value; problems go to one diagnostics sink and
//! the build stops before writing anything if any of them is an error.
//!
//! 1. configuration (`site.toml`, command-line overrides merged before it
//!    is validated) and the layers (theme, then site)
//! 2. data (`data/`) and content (`content/`), loaded side by side, then
//!    the boundaries of maps, checked against their tables and simplified
//! 3. locales and UI strings
//! 4. the site model
//! 5. static files and indexes named (styles, scripts and index entries by
//!    a hash of their content), so pages can link to them
//! 6. templates
//! 7. static files, then pages (render) and every other file (publish) side
//!    by side, all handed to one sink: a staging folder swapped in only on
//!    success (`build`), memory (`build_into`), or a collector of each
//!    page's ids and links (`check`)
//!
//! `check` runs the same stages, renders every page into a sink that keeps
//! only each page's ids and links (`audit::Collector`), then adds the
//! link, anchor and image checks, root-absolute template addresses and
//! translation completeness to the diagnostics.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::audit::{self, Collector};
use crate::boundaries::{self, Boundaries};
use crate::completeness::{self, Share};
use crate::config::{self, Overrides, SiteConfig};
use crate::content::{self, Content};
use crate::data::Data;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::layers::Layers;
use crate::locale::{Locales, Strings};
use crate::model::{self, Site};
use crate::publish;
use crate::render::Renderer;
use crate::sink::{Progress, Sink};

mod cache;
mod corpus;
mod generate;
mod incremental;

pub use cache::DataCache;
use cache::load_data;
pub use corpus::{Corpus, search_corpus};
use generate::{Work, generate, write_folder};
use incremental::Made;
pub use incremental::{Delta, Memo};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    /// Where to write; `public/` in the root by default.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
    /// Told of each page rendered (a progress bar on a terminal).
    pub progress: Option<Arc<dyn Progress>>,
    /// The tables of the previous build, kept by `serve` between rebuilds.
    pub data_cache: Option<Arc<DataCache>>,
    /// What the last good build made, so that a build into a sink renders
    /// only what changed (`serve`).
    pub memo: Option<Arc<Memo>>,
    /// The address list of the build published before (`--previous`):
    /// its addresses that moved are redirected, those that vanished named.
    pub previous: Option<PathBuf>,
}

/// What a build did, for the summary line and `--verbose`.
#[derive(Debug, Default)]
pub struct BuildFacts {
    /// Pages of each language (the landing and 404 pages are not counted).
    pub pages: BTreeMap<String, usize>,
    pub records: usize,
    pub articles: usize,
    pub warnings: usize,
    /// The folder written, for `build`.
    pub output: Option<PathBuf>,
    pub timings: Vec<(&'static str, Duration)>,
    /// The theme's static files that the site's own replace.
    pub static_overrides: Vec<String>,
}

impl BuildFacts {
    pub fn page_count(&self) -> usize {
        self.pages.values().sum()
    }

    /// The one line every build and rebuild ends with: `218 pages (fr 109,
    /// ar 109) · 60 records · 8 articles · 0 warnings · 1.13 s`.
    pub fn summary(&self) -> String {
        let per_language: Vec<String> = self
            .pages
            .iter()
            .map(|(lang, count)| format!("{lang} {count}"))
            .collect();
        let total: Duration = self.timings.iter().map(|(_, t)| *t).sum();
        format!(
            "{} pages ({}) · {} records · {} articles · {} warnings · {:.2} s",
            self.page_count(),
            per_language.join(", "),
            self.records,
            self.articles,
            self.warnings,
            total.as_secs_f64()
        )
    }
}

/// A build's facts when it succeeded, and its diagnostics either way.
#[derive(Debug)]
pub struct Outcome {
    pub facts: Option<BuildFacts>,
    pub diagnostics: Diagnostics,
    /// Whether the output folder was replaced (false for a failed build,
    /// even when its errors came after the staging folder was filled).
    pub published: bool,
    /// For `check`: how much of the site each language has.
    pub translation: Vec<Share>,
    /// Whether the build wrote the whole site or only what changed.
    pub delta: Delta,
}

/// What `check` does besides what `build` validates.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// Also ask every external link's server (off by default: CI may have
    /// no internet).
    pub external: bool,
}

/// Where a run's files go.
enum Destination<'a> {
    Folder,
    Sink(&'a dyn Sink),
    Audit(&'a Collector, CheckOptions),
}

/// Builds the site into its output folder, replaced only on success.
pub fn build(options: &Options) -> Outcome {
    run(options, Destination::Folder)
}

/// Builds the site into `sink` (the preview server's memory, tests).
pub fn build_into(options: &Options, sink: &dyn Sink) -> Outcome {
    run(options, Destination::Sink(sink))
}

/// Validates everything `build` validates, then the rendered site: links,
/// anchors, images, template addresses, translation completeness.
pub fn check(options: &Options, check: CheckOptions) -> Outcome {
    let collector = Collector::new();
    run(options, Destination::Audit(&collector, check))
}

fn run(options: &Options, destination: Destination<'_>) -> Outcome {
    let mut diagnostics = Diagnostics::new();
    let mut published = false;
    let mut translation = Vec::new();
    let mut delta = Delta::Whole;
    let mut report = Report {
        published: &mut published,
        translation: &mut translation,
        diagnostics: &mut diagnostics,
        delta: &mut delta,
    };
    let facts = stages(options, &destination, &mut report);
    let facts = facts.map(|mut facts| {
        facts.warnings = diagnostics.warning_count();
        facts
    });
    Outcome {
        facts,
        diagnostics: diagnostics.sorted(),
        published,
        translation,
        delta,
    }
}

/// What a run reports besides its facts.
struct Report<'r> {
    published: &'r mut bool,
    translation: &'r mut Vec<Share>,
    diagnostics: &'r mut Diagnostics,
    delta: &'r mut Delta,
}

fn stages(
    options: &Options,
    destination: &Destination<'_>,
    report: &mut Report<'_>,
) -> Option<BuildFacts> {
    let diagnostics = &mut *report.diagnostics;
    let mut clock = Clock::new();
    let inputs = load(options, diagnostics)?;
    clock.lap("load");
    if matches!(destination, Destination::Audit(..)) {
        *report.translation = check_completeness(&inputs, diagnostics);
    }
    let site = model::build(
        &inputs.config,
        &inputs.data,
        &inputs.boundaries,
        &inputs.content,
        inputs.previous.as_ref(),
        diagnostics,
    )?;
    clock.lap("model");
    let prepared = publish::prepare(&site, &inputs.layers, &inputs.locales, diagnostics);
    clock.lap("static files and indexes");
    let limit = inputs.config.max_file_bytes;
    let (locales, assets) = (inputs.locales.clone(), Arc::new(prepared.assets));
    let renderer = Renderer::new(&inputs.layers, limit, locales, assets, diagnostics)?;
    clock.lap("templates");
    let mut facts = facts_of(&site);
    let progress = options.progress.as_deref();
    let shared = crate::render::shared_values(&site, &renderer);
    let memo = match destination {
        Destination::Sink(_) => options.memo.as_deref(),
        _ => None,
    };
    let plan = memo.and_then(|m| m.plan(&inputs.content, &inputs.data, renderer.assets(), &shared));
    if let Some(progress) = progress {
        // Every page of the model, plus the landing and 404 pages.
        progress.start(site.pages.len() + 2);
    }
    let work = Work {
        site: &site,
        renderer: &renderer,
        shared: &shared,
        plan: plan.as_ref(),
        statics: prepared.statics,
        indexes: prepared.indexes,
        progress,
    };
    let generated = match destination {
        Destination::Folder => {
            let target = output_dir(options, &inputs.config);
            facts.output = Some(target.clone());
            let outcome = write_folder(work, &target, diagnostics);
            *report.published = outcome.is_some();
            outcome.map(|g| g.overrides)
        }
        Destination::Sink(sink) => {
            let generated = generate(work, *sink, diagnostics);
            if let (Some(memo), false) = (memo, diagnostics.has_errors()) {
                if let Some(plan) = &plan {
                    let removed = plan.removed(&site, &generated.beside);
                    *report.delta = Delta::Partial { removed };
                }
                memo.keep(Made {
                    content: &inputs.content,
                    data: &inputs.data,
                    assets: renderer.assets(),
                    shared: &shared,
                    site: &site,
                    beside_files: generated.beside,
                });
            }
            Some(generated.overrides)
        }
        Destination::Audit(collector, check) => {
            let overrides = generate(work, *collector, diagnostics).overrides;
            clock.lap("render");
            let root = &inputs.config.root;
            let found = audit::audit(
                &collector.take(),
                &site,
                root,
                renderer.sources(),
                check.external,
            );
            diagnostics.extend(found);
            Some(overrides)
        }
    };
    if let Some(progress) = progress {
        progress.finish();
    }
    clock.lap("render and write");
    facts.static_overrides = generated?;
    facts.timings = clock.laps;
    (!diagnostics.has_errors()).then_some(facts)
}

fn facts_of(site: &Site<'_>) -> BuildFacts {
    let mut pages = BTreeMap::new();
    for page in &site.pages {
        *pages.entry(page.lang.clone()).or_default() += 1;
    }
    BuildFacts {
        pages,
        records: site.records.len(),
        articles: site.content.articles.len(),
        ..BuildFacts::default()
    }
}

/// Everything loaded, before the model.
struct Inputs {
    config: SiteConfig,
    layers: Layers,
    data: Arc<Data>,
    boundaries: Boundaries,
    content: Content,
    locales: Arc<Locales>,
    previous: Option<model::addresses::Previous>,
}

fn load(options: &Options, diagnostics: &mut Diagnostics) -> Option<Inputs> {
    let overrides = Overrides {
        base_url: options.base_url.clone(),
    };
    let config = config::load_with(&options.root, &overrides, diagnostics)?;
    refuse_links_outside(&config, diagnostics);
    let layers = Layers::new(&config, diagnostics);
    if diagnostics.has_errors() {
        return None;
    }
    let layers = layers?;
    let languages = config.language_codes();
    let content_options = content::LoadOptions {
        include_drafts: options.drafts,
        max_file_bytes: config.max_file_bytes,
        raw_html: config.raw_html,
        folders: config.content_folders.clone(),
    };
    let (mut data_diagnostics, mut content_diagnostics) = (Diagnostics::new(), Diagnostics::new());
    let (data, content) = rayon::join(
        || load_data(options, &config, &languages, &mut data_diagnostics),
        || {
            content::load_with(
                &options.root,
                &languages,
                &content_options,
                &mut content_diagnostics,
            )
        },
    );
    diagnostics.extend(data_diagnostics);
    diagnostics.extend(content_diagnostics);
    let data = model::withdrawn::split(&config, data, diagnostics);
    // Boundaries are checked against their lookup tables: only once these
    // loaded without errors.
    let boundaries = if diagnostics.has_errors() {
        Boundaries::default()
    } else {
        boundaries::load(&config, &data, diagnostics)
    };
    let locales = load_locales(&config, &layers, diagnostics)?;
    let previous = options
        .previous
        .as_deref()
        .and_then(|p| previous(p, diagnostics));
    (!diagnostics.has_errors()).then_some(Inputs {
        config,
        layers,
        data,
        boundaries,
        content,
        locales,
        previous,
    })
}

/// The address list of an earlier build, read and checked.
fn previous(
    path: &std::path::Path,
    diagnostics: &mut Diagnostics,
) -> Option<model::addresses::Previous> {
    let text = crate::fsio::read_capped_to_string(path, crate::config::MAX_CONFIG_BYTES * 64)
        .map_err(|error| diagnostics.push(error.into()))
        .ok()?;
    model::addresses::Previous::parse(path, &text)
        .map_err(|error| diagnostics.push(*error))
        .ok()
}

/// What `check` adds: documents, data cells and UI strings that a reader of
/// some language would see in another; returns each language's share.
fn check_completeness(inputs: &Inputs, diagnostics: &mut Diagnostics) -> Vec<Share> {
    let languages = inputs.config.language_codes();
    let strings = inputs.locales.strings();
    let (found, shares) = completeness::report(&languages, &inputs.data, &inputs.content, strings);
    diagnostics.extend(found);
    shares
}

/// The folders of a site whose files Bayan reads or copies.
const SITE_FOLDERS: [&str; 6] = ["data", "content", "themes", "templates", "static", "i18n"];

/// A symbolic link under the site that leads outside it could publish any
/// file of the machine: each one is an error.
fn refuse_links_outside(config: &SiteConfig, diagnostics: &mut Diagnostics) {
    let folders = SITE_FOLDERS.map(|f| config.root.join(f));
    match crate::fsio::links_outside(&config.root, &folders) {
        Ok(links) => {
            for (link, target) in links {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "this symbolic link points outside the site, to {}",
                        target.display()
                    ))
                    .in_file(config.relative(&link))
                    .with_hint("copy the file into the site instead of linking to it"),
                );
            }
        }
        Err(error) => diagnostics.push(error.into()),
    }
}

/// UI strings: for each language the built-in theme's `i18n/LANG.toml`,
/// then the theme folder's and the site's own over it.
fn string_files(
    config: &SiteConfig,
    layers: &Layers,
    diagnostics: &mut Diagnostics,
) -> Vec<(String, PathBuf, String)> {
    let mut files = Vec::new();
    for language in &config.languages {
        let found = layers.find("i18n", &format!("{}.toml", language.code));
        if found.is_empty() {
            diagnostics.push(no_strings(language));
        }
        for file in found {
            match file.read_text(config::MAX_CONFIG_BYTES) {
                Ok(text) => files.push((language.code.clone(), file.relative, text)),
                Err(error) => diagnostics.push(Diagnostic::from(error).in_file(&file.relative)),
            }
        }
    }
    files
}

/// A language with no strings file at all would show every interface text
/// in another language: a configuration error, not a warning.
fn no_strings(language: &config::Language) -> Diagnostic {
    let code = &language.code;
    Diagnostic::error(format!(
        "the language `{code}` has no interface texts: there is no i18n/{code}.toml"
    ))
    .at(config::CONFIG_FILE, language.code_at.clone())
    .with_hint(format!(
        "the built-in theme has fr, ar, en, es and zgh; for `{code}`, write i18n/{code}.toml in the site (start from a copy of themes/default/i18n/fr.toml, from `bayan theme eject`)"
    ))
}

fn load_locales(
    config: &SiteConfig,
    layers: &Layers,
    diagnostics: &mut Diagnostics,
) -> Option<Arc<Locales>> {
    let files = string_files(config, layers, diagnostics);
    let strings = Strings::load_sources(&files, &config.default_language, diagnostics);
    crate::locale::borrowed_month_names(config, &strings, diagnostics);
    let tags: Vec<(String, String)> = config
        .languages
        .iter()
        .map(|l| (l.code.clone(), l.formats_with().to_string()))
        .collect();
    match Locales::new(&tags, strings) {
        Ok(locales) => Some(Arc::new(locales)),
        Err(error) => {
            diagnostics.push(
                Diagnostic::error(error.to_string())
                    .in_file(config::CONFIG_FILE)
                    .with_hint("use a CLDR locale such as fr-MA or ar-MA; for a language CLDR does not cover, keep its `locale` and add format_locale = \"fr-MA\" (the locale that formats its numbers and dates)"),
            );
            None
        }
    }
}

pub fn output_dir(options: &Options, config: &SiteConfig) -> PathBuf {
    options
        .output
        .clone()
        .unwrap_or_else(|| config.root.join("public"))
}

/// Stage timings for `--verbose`.
struct Clock {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Clock {
    fn new() -> Self {
        Self {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    fn lap(&mut self, stage: &'static str) {
        let now = Instant::now();
        self.laps.push((stage, now - self.last));
        self.last = now;
    }
}
