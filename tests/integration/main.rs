//! Bayan's integration tests: one binary, one module per feature.
//!
//! Every test copies the repository's default site into a temporary folder
//! and runs the built `bayan` binary on it, so nothing is ever written in the
//! repository itself.

mod addresses;
mod bad_input;
mod check;
mod cli;
mod default_site;
mod deployment;
mod glossary;
mod human_format;
mod iati;
mod images;
mod init;
mod lang;
mod languages;
mod maps;
mod outputs;
mod point_maps;
mod reuse;
mod search;
mod serve;
mod share_images;
mod structured_data;
#[allow(dead_code, unused_imports)]
#[path = "../common/mod.rs"]
mod support;
mod themes;
mod trust;
mod water_site;
mod withdrawn;
