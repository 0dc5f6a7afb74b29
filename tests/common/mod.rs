//! What every test binary shares (each includes this folder with
//! `#[path = "../common/mod.rs"] mod support;`): a copy of the default site
//! and runs of the binary on it, file trees, and reading built pages.
//!
//! Not every binary uses every helper, hence the `dead_code` allowance on
//! the module declarations.

mod html;
mod site;
mod trees;

pub use html::{attrs, pages, parse, selector, texts};
pub use site::{Run, Site, bayan_in, path_str, repo};
pub use trees::{Tree, copy_recursively, differences, tree};
