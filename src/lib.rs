//! Bayan: a static site generator for public reporting.

pub mod content;
pub mod diagnostics;
pub mod fsio;
