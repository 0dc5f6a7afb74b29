//! Bayan: a static site generator for public reporting.

pub mod diagnostics;
pub mod fsio;
pub mod locale;
