//! Bayan: a static site generator for public reporting.

pub mod data;
pub mod diagnostics;
pub mod fsio;
