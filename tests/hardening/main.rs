//! Hardening tests: nothing unsafe reaches a page, a killed build loses
//! nothing, two builds never write one output at once, and the same input
//! gives the same bytes on any machine.
//!
//! Every test builds a copy of the default site in a temporary folder
//! (`tests/common`), removed at the end.

mod arithmetic;
mod atomic;
mod determinism;
mod escaping;
mod fuzz_regressions;
#[allow(dead_code, unused_imports)]
#[path = "../common/mod.rs"]
mod support;
