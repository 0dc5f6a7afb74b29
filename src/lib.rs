//! Bayan: a static site generator for public reporting.
//!
//! The pipeline is in [`build`]; each module is one stage or one concern.

#[cfg(test)]
mod architecture;
pub mod audit;
pub mod boundaries;
pub mod build;
pub mod cli;
pub mod completeness;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod fsio;
pub mod html;
pub mod init;
pub mod input_text;
pub mod layers;
pub mod locale;
pub mod model;
pub mod output;
pub mod publish;
pub mod render;
pub mod serve;
pub mod sink;
pub mod terminal;
#[cfg(test)]
mod testing;
