use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    bayan::cli::run(bayan::cli::Cli::parse())
}
