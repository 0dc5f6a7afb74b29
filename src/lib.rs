//! Bayan: a static site generator for public reporting.

pub mod config;
pub mod diagnostics;
pub mod fsio;
