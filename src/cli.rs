//! The command line: thin commands over the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::build::{self, Options};
use crate::diagnostics::report::{Format, render};
use crate::diagnostics::{Diagnostic, Diagnostics};

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
    },
    /// Create something new.
    New {
        #[command(subcommand)]
        what: New,
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
    match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
        } => {
            let options = Options {
                root: cli.root,
                output,
                base_url,
                drafts,
            };
            let outcome = build::build(&options);
            print_diagnostics(&outcome.diagnostics, cli.format);
            match outcome.facts {
                Some(facts) => {
                    print_facts(&facts, cli.verbose);
                    ExitCode::SUCCESS
                }
                None => failed(&outcome.diagnostics),
            }
        }
        Command::Check {
            drafts,
            base_url,
            external,
            deny_warnings,
        } => {
            let options = Options {
                root: cli.root,
                drafts,
                base_url,
                ..Options::default()
            };
            let outcome = build::check(&options, build::CheckOptions { external });
            check_result(&outcome, cli.format, deny_warnings)
        }
        Command::New {
            what: New::Article { slug },
        } => match crate::content::scaffold::new_article(&cli.root, &slug) {
            Ok(files) => {
                for file in files {
                    println!("created {}", file.display());
                }
                ExitCode::SUCCESS
            }
            Err(diagnostic) => {
                print_diagnostics(&std::iter::once(diagnostic).collect(), cli.format);
                ExitCode::FAILURE
            }
        },
    }
}

/// Prints what `check` found; exit status 1 on errors, or on warnings
/// with `--deny-warnings`.
fn check_result(outcome: &build::Outcome, format: Format, deny_warnings: bool) -> ExitCode {
    let diagnostics = &outcome.diagnostics;
    print_diagnostics(diagnostics, format);
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

fn print_diagnostics(diagnostics: &Diagnostics, format: Format) {
    if diagnostics.is_empty() {
        return;
    }
    let text = render(diagnostics, format);
    // Machine formats go to stdout for piping; people read stderr.
    if format == Format::Human {
        eprint!("{text}");
    } else {
        print!("{text}");
    }
}

fn failed(diagnostics: &Diagnostics) -> ExitCode {
    if !diagnostics.has_errors() {
        // Should not happen; say so rather than exit quietly.
        let d = Diagnostic::error("the build failed without a diagnostic");
        eprintln!("{d}");
    }
    eprintln!("build failed: nothing was written, the previous output is unchanged");
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
    eprintln!(
        "built {} pages ({} records, {} articles){output}",
        facts.page_count(),
        facts.records,
        facts.articles,
    );
}
