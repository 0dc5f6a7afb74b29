//! What `bayan check` adds to a build: the rendered site examined as a
//! browser and a reader would meet it. Nothing here writes a file.
//!
//! 1. [`Collector`]: the sink `check` renders into; it keeps each page's
//!    ids and references, not its bytes.
//! 2. [`links`]: every link, anchor, image and loaded file resolved
//!    against the page's address under the base URL, each problem
//!    attributed to its Markdown line or its template ([`locate`]).
//! 3. [`templates`]: root-absolute addresses written in templates.
//! 4. [`external`]: links to other sites, only when asked (`--external`).

mod collect;
pub mod external;
mod links;
mod locate;
mod templates;

use std::path::Path;

pub use collect::{Collected, Collector};
pub use links::External;

use crate::diagnostics::Diagnostic;
use crate::model::Site;
use crate::render::Sources;

/// The diagnostics of the rendered site; links to other sites are asked
/// only when `ask_external`.
pub fn audit(
    collected: &Collected,
    site: &Site<'_>,
    root: &Path,
    templates: &Sources,
    ask_external: bool,
) -> Vec<Diagnostic> {
    let attribution = locate::Attribution::new(site, root, templates);
    let (mut found, outside) = links::check(collected, &site.config.base_url, &attribution);
    found.extend(templates::check(templates));
    if ask_external {
        found.extend(external::check(&outside));
    }
    found
}
