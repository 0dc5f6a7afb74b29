//! Helpers shared by unit tests: the default site's inputs, loaded from the
//! repository, with an optional replacement `site.toml`.

use std::path::Path;

use crate::config::{self, SiteConfig};
use crate::content::{self, Content};
use crate::data::{self, Data};
use crate::diagnostics::Diagnostics;

pub fn default_site_inputs(config_text: Option<String>) -> (SiteConfig, Data, Content) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut diagnostics = Diagnostics::new();
    let text = config_text
        .unwrap_or_else(|| std::fs::read_to_string(root.join("site.toml")).unwrap_or_default());
    let config = config::parse(root, &text, &mut diagnostics).expect("valid configuration");
    let languages = config.language_codes();
    let data = data::load(root, &languages, &mut diagnostics);
    let content = content::load(root, &languages, false, &mut diagnostics);
    assert!(!diagnostics.has_errors(), "{diagnostics:?}");
    (config, data, content)
}

/// No maps, for unit tests of what maps do not change.
pub static NO_MAPS: crate::boundaries::Boundaries =
    crate::boundaries::Boundaries { maps: Vec::new() };
