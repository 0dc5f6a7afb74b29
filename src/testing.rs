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
pub static NO_MAPS: crate::boundaries::Boundaries = crate::boundaries::Boundaries {
    maps: Vec::new(),
    points: Vec::new(),
};

/// Runs `test` on the default site's model (no maps), built from the
/// repository's inputs: the setup most unit tests of later stages share.
pub fn with_default_site<R>(test: impl FnOnce(&crate::model::Site<'_>) -> R) -> R {
    let (config, data, content) = default_site_inputs(None);
    let mut diagnostics = Diagnostics::new();
    let site = crate::model::build(&config, &data, &NO_MAPS, &content, None, &mut diagnostics);
    let site = site.unwrap_or_else(|| panic!("the default site's model: {diagnostics:?}"));
    test(&site)
}

/// Runs `test` on the default site's model with its maps (boundaries
/// loaded, checked and simplified), for the tests of what maps show.
pub fn with_default_site_maps<R>(test: impl FnOnce(&crate::model::Site<'_>) -> R) -> R {
    let (config, data, content) = default_site_inputs(None);
    let mut diagnostics = Diagnostics::new();
    let boundaries = crate::boundaries::load(&config, &data, &mut diagnostics);
    let site = crate::model::build(
        &config,
        &data,
        &boundaries,
        &content,
        None,
        &mut diagnostics,
    );
    let site = site
        .filter(|_| !diagnostics.has_errors())
        .unwrap_or_else(|| panic!("the default site's model: {diagnostics:?}"));
    test(&site)
}

/// A copy of the default site in a temporary folder, for tests that edit it.
pub fn default_site_copy() -> tempfile::TempDir {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temporary folder");
    for part in ["site.toml", "data", "content", "themes"] {
        for entry in walkdir::WalkDir::new(repo.join(part)) {
            let entry = entry.expect("walk the default site");
            let to = dir
                .path()
                .join(entry.path().strip_prefix(repo).expect("inside"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&to).expect("folder");
            } else {
                std::fs::copy(entry.path(), &to).expect("copy");
            }
        }
    }
    // One cache of share pictures for every copy (they are named by what
    // they show): each test does not draw the same pictures again.
    let shared = repo.join("target/tmp/bayan-share-cache");
    std::fs::create_dir_all(&shared).expect("shared picture cache");
    std::fs::create_dir_all(dir.path().join(".bayan-cache")).expect("cache folder");
    std::os::unix::fs::symlink(&shared, dir.path().join(".bayan-cache/share")).expect("link");
    dir
}
