//! The command line: thin commands over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{self, Options};
use crate::diagnostics::report::{Format, Printing};
use crate::diagnostics::{Diagnostic, Diagnostics, Lang};
use crate::model::urls;

/// Bayan: bilingual transparency sites from CSV data and Markdown news.
#[derive(Debug, Parser)]
#[command(name = "bayan", version, about)]
pub struct Cli {
    /// The site's folder (the one holding site.toml).
    #[arg(long, global = true, default_value = ".")]
    pub root: PathBuf,
    /// How to print problems: for people, as JSON lines, or as GitHub annotations.
    #[arg(long, global = true, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// The language of the problems printed (English by default; the
    /// preview's overlay follows each page's language).
    #[arg(long, global = true, value_enum, default_value_t = Lang::En)]
    pub lang: Lang,
    /// Print the time each stage took.
    #[arg(long, short, global = true)]
    pub verbose: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into public/ (replaced only if the build succeeds).
    Build {
        /// Write the site here instead of public/.
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// The address the site is published at, overriding site.toml.
        #[arg(long)]
        base_url: Option<String>,
        /// Include articles marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// The addresses.json of the site as published: pages that moved
        /// since are redirected, addresses that vanished are warnings.
        #[arg(long, value_name = "FILE")]
        previous: Option<PathBuf>,
    },
    /// Check data, content, templates and every rendered page (links,
    /// anchors, images, translations) without writing anything.
    Check {
        /// Include articles marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// The address the site will be published at, overriding site.toml
        /// (a sub-path such as https://host/transparence/ is checked as such).
        #[arg(long)]
        base_url: Option<String>,
        /// Also ask other sites whether the pages' links to them work
        /// (needs internet; off by default).
        #[arg(long)]
        external: bool,
        /// Fail (exit status 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// The addresses.json of the site as published: pages that moved
        /// since are redirected, addresses that vanished are warnings.
        #[arg(long, value_name = "FILE")]
        previous: Option<PathBuf>,
    },
    /// Preview the site while you edit it: build it into memory, serve it
    /// on this machine, rebuild and reload open pages on every save.
    Serve {
        /// The port to listen on (0 for any free port).
        #[arg(long, short, default_value_t = crate::serve::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on; only this machine by default. Another
        /// address (0.0.0.0 for every network) shows the preview to others.
        #[arg(long, default_value_t = crate::serve::DEFAULT_BIND)]
        bind: std::net::IpAddr,
        /// Leave out articles marked `draft = true`, as `build` does
        /// (the preview shows them by default, under a "draft" banner).
        #[arg(long)]
        no_drafts: bool,
    },
    /// Create a new site in DIR that builds at once; with --from, its
    /// tables and their schemas are inferred from spreadsheet exports.
    Init {
        /// The new site's folder (new, or empty).
        dir: PathBuf,
        /// The site's languages, the first being the default.
        #[arg(long, value_delimiter = ',', default_value = "fr,ar")]
        languages: Vec<String>,
        /// A CSV file exported from a spreadsheet (repeat for each table).
        #[arg(long = "from", value_name = "FILE.csv")]
        from: Vec<PathBuf>,
    },
    /// Create something new.
    New {
        #[command(subcommand)]
        what: New,
    },
    /// Work with the theme built into Bayan.
    Theme {
        #[command(subcommand)]
        what: Theme,
    },
}

#[derive(Debug, Subcommand)]
pub enum Theme {
    /// Copy the built-in theme into themes/NAME to customise it; set
    /// `theme = "NAME"` in site.toml to use it.
    Eject {
        /// The folder name under themes/.
        #[arg(default_value = crate::layers::DEFAULT_THEME)]
        name: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum New {
    /// Create a news article in every language of the site.
    Article {
        /// A short name for the article: lowercase letters, digits and hyphens.
        slug: String,
    },
}

pub fn run(cli: Cli) -> ExitCode {
    let printing = Printing {
        format: cli.format,
        lang: cli.lang,
    };
    match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            previous,
        } => {
            let options = Options {
                root: cli.root,
                output,
                base_url,
                drafts,
                progress: crate::terminal::progress(cli.verbose),
                data_cache: None,
                memo: None,
                previous,
            };
            let outcome = build::build(&options);
            printing.print(&outcome.diagnostics);
            match outcome.facts {
                Some(facts) => {
                    print_facts(&facts, cli.verbose);
                    ExitCode::SUCCESS
                }
                None => failed(
                    &outcome.diagnostics,
                    "build failed: nothing was written, the previous output is unchanged",
                ),
            }
        }
        Command::Check {
            drafts,
            base_url,
            external,
            deny_warnings,
            previous,
        } => {
            let options = Options {
                root: cli.root,
                drafts,
                base_url,
                previous,
                ..Options::default()
            };
            let outcome = build::check(&options, build::CheckOptions { external });
            check_result(&outcome, printing, deny_warnings)
        }
        Command::Init {
            dir,
            languages,
            from,
        } => init(
            crate::init::Options {
                dir,
                languages,
                from,
            },
            printing,
        ),
        Command::Theme {
            what: Theme::Eject { name },
        } => match crate::layers::eject(&cli.root, &name) {
            Ok(files) => {
                println!(
                    "copied the built-in theme into themes/{name}/ ({} files)",
                    files.len()
                );
                ExitCode::SUCCESS
            }
            Err(diagnostic) => {
                printing.print(&std::iter::once(diagnostic).collect());
                ExitCode::FAILURE
            }
        },
        Command::Serve {
            port,
            bind,
            no_drafts,
        } => {
            let options = crate::serve::Options {
                build: Options {
                    root: cli.root,
                    drafts: !no_drafts,
                    progress: crate::terminal::progress(cli.verbose),
                    data_cache: Some(Default::default()),
                    memo: Some(Default::default()),
                    ..Options::default()
                },
                bind,
                port,
                printing,
            };
            match crate::serve::run(&options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(diagnostic) => {
                    printing.print(&std::iter::once(diagnostic).collect());
                    ExitCode::FAILURE
                }
            }
        }
        Command::New {
            what: New::Article { slug },
        } => new_article(&cli.root, &slug, printing),
    }
}

/// Creates the article's files and says where `serve` shows the draft.
fn new_article(root: &std::path::Path, slug: &str, printing: Printing) -> ExitCode {
    match crate::content::scaffold::new_article(root, slug) {
        Ok(article) => {
            for file in &article.files {
                println!("created {}", file.display());
            }
            println!("preview the draft with `bayan serve`, at:");
            for (lang, news) in &article.sections {
                let path = urls::child(&urls::section(lang, news), &article.key);
                let (bind, port) = (crate::serve::DEFAULT_BIND, crate::serve::DEFAULT_PORT);
                println!("  http://{bind}:{port}{path}");
            }
            ExitCode::SUCCESS
        }
        Err(diagnostic) => {
            printing.print(&std::iter::once(diagnostic).collect());
            ExitCode::FAILURE
        }
    }
}

fn init(options: crate::init::Options, printing: Printing) -> ExitCode {
    match crate::init::init(&options) {
        Ok(created) => {
            for file in &created.files {
                println!("created {}", options.dir.join(file).display());
            }
            for line in &created.summary {
                println!("{line}");
            }
            println!(
                "next: read the comments in site.toml and data/*.schema.toml, then run `bayan build --root {}`",
                options.dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => failed_init(&diagnostics, printing),
    }
}

fn failed_init(diagnostics: &Diagnostics, printing: Printing) -> ExitCode {
    printing.print(diagnostics);
    eprintln!("init failed");
    ExitCode::FAILURE
}

/// Prints what `check` found; exit status 1 on errors, or on warnings
/// with `--deny-warnings`.
fn check_result(outcome: &build::Outcome, printing: Printing, deny_warnings: bool) -> ExitCode {
    let diagnostics = &outcome.diagnostics;
    printing.print(diagnostics);
    for share in &outcome.translation {
        eprintln!("{share}");
    }
    let warnings = diagnostics.warning_count();
    let plural = |n: usize| if n == 1 { "" } else { "s" };
    if diagnostics.has_errors() {
        let errors = diagnostics.error_count();
        eprintln!("check failed: {errors} error{}", plural(errors));
        ExitCode::FAILURE
    } else if deny_warnings && warnings > 0 {
        eprintln!(
            "check failed: {warnings} warning{} and --deny-warnings",
            plural(warnings)
        );
        ExitCode::FAILURE
    } else {
        eprintln!("check passed");
        ExitCode::SUCCESS
    }
}

fn failed(diagnostics: &Diagnostics, summary: &str) -> ExitCode {
    if !diagnostics.has_errors() {
        // Should not happen; say so rather than exit quietly.
        let d = Diagnostic::error("the build failed without a diagnostic");
        eprintln!("{d}");
    }
    eprintln!("{summary}");
    ExitCode::FAILURE
}

fn print_facts(facts: &build::BuildFacts, verbose: bool) {
    if verbose {
        for (stage, time) in &facts.timings {
            eprintln!("  {stage:<18} {:>8.1} ms", time.as_secs_f64() * 1000.0);
        }
        for path in &facts.static_overrides {
            eprintln!("  the site's static/{path} replaces the theme's");
        }
    }
    let output = facts
        .output
        .as_ref()
        .map(|o| format!(" into {}", o.display()))
        .unwrap_or_default();
    eprintln!("built {}{output}", facts.summary());
}
