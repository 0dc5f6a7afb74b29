//! Bayan: a static site generator for public reporting.
//!
//! The pipeline is in [`build`]; each module is one stage or one concern.

pub mod build;
pub mod cli;
pub mod completeness;
pub mod config;
pub mod content;
pub mod data;
pub mod diagnostics;
pub mod export;
pub mod fsio;
pub mod html;
pub mod input_text;
pub mod locale;
pub mod model;
pub mod output;
pub mod render;
#[cfg(test)]
mod testing;
