//! The build pipeline, stage by stage. Each stage takes what the previous one
//! produced and returns a new value; problems go to one diagnostics sink and
//! the build stops before writing anything if any of them is an error.
//!
//! 1. configuration (`site.toml`), with command-line overrides
//! 2. data (`data/`) and content (`content/`), loaded side by side
//! 3. locales and UI strings
//! 4. the site model
//! 5. templates
//! 6. rendering into a staging folder, swapped in only on success
//!
//! `check` runs the same stages, renders every page without writing it, and
//! adds translation completeness.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::completeness;
use crate::config::{self, SiteConfig};
use crate::content::{self, Content};
use crate::data::{self, Data};
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::locale::{Locales, Strings};
use crate::model;
use crate::output;
use crate::render::{self, Renderer};

#[derive(Debug, Clone, Default)]
pub struct Options {
    pub root: PathBuf,
    /// Where to write; `public/` in the root by default.
    pub output: Option<PathBuf>,
    pub base_url: Option<String>,
    pub drafts: bool,
}

/// What a build did, for the summary line and `--verbose`.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub records: usize,
    pub articles: usize,
    pub output: PathBuf,
    pub timings: Vec<(&'static str, Duration)>,
    /// UI strings missing in a language: (language, key).
    pub untranslated: Vec<(String, String)>,
    /// Content and data not translated in every language (`check` only).
    pub incomplete: Vec<Diagnostic>,
}

/// Everything loaded and modelled, before anything is written.
struct Inputs {
    config: SiteConfig,
    data: Data,
    content: Content,
    locales: Arc<Locales>,
}

/// Builds the site. Diagnostics (warnings, or the errors that stopped it)
/// are returned either way.
pub fn build(options: &Options) -> (Option<Report>, Diagnostics) {
    let mut diagnostics = Diagnostics::new();
    let mut report = Report::default();
    let report = run(options, false, &mut report, &mut diagnostics).then_some(report);
    (report, diagnostics.sorted())
}

/// Validates everything `build` validates, rendering every page without
/// writing anything.
pub fn check(options: &Options) -> Diagnostics {
    let mut diagnostics = Diagnostics::new();
    let mut report = Report::default();
    run(options, true, &mut report, &mut diagnostics);
    diagnostics.extend(report.incomplete);
    for (lang, key) in report.untranslated {
        diagnostics.push(
            Diagnostic::warning(format!(
                "the UI string `{key}` is not translated in `{lang}`"
            ))
            .with_hint(format!("add it to i18n/{lang}.toml")),
        );
    }
    diagnostics.sorted()
}

fn run(
    options: &Options,
    dry_run: bool,
    report: &mut Report,
    diagnostics: &mut Diagnostics,
) -> bool {
    let mut clock = Clock::new();
    let Some(inputs) = load(options, diagnostics) else {
        return false;
    };
    clock.lap("load", &mut report.timings);
    report.untranslated = inputs.locales.strings().missing();
    if dry_run {
        let languages = inputs.config.language_codes();
        report.incomplete = completeness::check(&languages, &inputs.data, &inputs.content);
    }
    let Some(site) = model::build(&inputs.config, &inputs.data, &inputs.content, diagnostics)
    else {
        return false;
    };
    clock.lap("model", &mut report.timings);
    let Some(renderer) = Renderer::new(&inputs.config, inputs.locales.clone(), diagnostics) else {
        return false;
    };
    clock.lap("templates", &mut report.timings);
    report.pages = site.pages.len();
    report.records = site.records.len();
    report.articles = inputs.content.articles.len();
    let target = output_dir(options, &inputs.config);
    report.output = target.clone();
    let written = if dry_run {
        render::render_site(&site, &renderer, &output::Staging::discard(), diagnostics);
        !diagnostics.has_errors()
    } else {
        write(&site, &renderer, &target, diagnostics)
    };
    clock.lap("render and write", &mut report.timings);
    written
}

fn load(options: &Options, diagnostics: &mut Diagnostics) -> Option<Inputs> {
    let mut config = config::load(&options.root, diagnostics)?;
    if let Some(url) = &options.base_url {
        config.base_url = format!("{}/", url.trim_end_matches('/'));
    }
    refuse_links_outside(&config, diagnostics);
    if diagnostics.has_errors() {
        return None;
    }
    let languages = config.language_codes();
    let content_options = content::LoadOptions {
        include_drafts: options.drafts,
        max_file_bytes: config.max_file_bytes,
        raw_html: config.raw_html,
    };
    let (mut data_diagnostics, mut content_diagnostics) = (Diagnostics::new(), Diagnostics::new());
    let (data, content) = rayon::join(
        || {
            let limit = config.max_file_bytes;
            data::load_limited(&options.root, &languages, limit, &mut data_diagnostics)
        },
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
    let locales = load_locales(&config, diagnostics)?;
    (!diagnostics.has_errors()).then_some(Inputs {
        config,
        data,
        content,
        locales,
    })
}

/// The folders of a site whose files Bayan reads or copies.
const SITE_FOLDERS: [&str; 5] = ["data", "content", "themes", "templates", "static"];

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

/// UI strings: the theme's `i18n/LANG.toml`, then the site's own over it.
fn string_files(config: &SiteConfig) -> Vec<(String, PathBuf)> {
    let theme = render::templates::theme_dir(config).join("i18n");
    let own = config.root.join("i18n");
    let mut files = Vec::new();
    for dir in [theme, own] {
        for language in &config.languages {
            let path = dir.join(format!("{}.toml", language.code));
            if path.is_file() {
                files.push((language.code.clone(), path));
            }
        }
    }
    files
}

fn load_locales(config: &SiteConfig, diagnostics: &mut Diagnostics) -> Option<Arc<Locales>> {
    let strings = Strings::load(&string_files(config), &config.default_language, diagnostics);
    let tags: Vec<(String, String)> = config
        .languages
        .iter()
        .map(|l| (l.code.clone(), l.locale.clone()))
        .collect();
    match Locales::new(&tags, strings) {
        Ok(locales) => Some(Arc::new(locales)),
        Err(error) => {
            diagnostics.push(
                Diagnostic::error(error.to_string())
                    .in_file(config::CONFIG_FILE)
                    .with_hint("use a CLDR locale such as fr-MA or ar-MA"),
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

fn write(
    site: &model::Site<'_>,
    renderer: &Renderer,
    target: &Path,
    diagnostics: &mut Diagnostics,
) -> bool {
    let prepared = match output::prepare(&site.config.root, target) {
        Ok(prepared) => prepared,
        Err(diagnostic) => {
            diagnostics.push(diagnostic);
            return false;
        }
    };
    render::render_site(site, renderer, prepared.staging(), diagnostics);
    if diagnostics.has_errors() {
        prepared.abandon();
        return false;
    }
    match prepared.publish() {
        Ok(()) => true,
        Err(error) => {
            diagnostics.push(error.into());
            false
        }
    }
}

/// Stage timings for `--verbose`.
struct Clock {
    last: Instant,
}

impl Clock {
    fn new() -> Self {
        Self {
            last: Instant::now(),
        }
    }

    fn lap(&mut self, stage: &'static str, timings: &mut Vec<(&'static str, Duration)>) {
        let now = Instant::now();
        timings.push((stage, now - self.last));
        self.last = now;
    }
}
