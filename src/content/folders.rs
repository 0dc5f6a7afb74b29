//! The folders under `content/`: each collection reads the one `site.toml`
//! names (`[content] news`, `pages`); another folder would be ignored, so
//! it is named in a warning rather than skipped in silence.

use std::path::Path;

use crate::config::ContentFolders;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::fsio;

pub fn warn_unclaimed(root: &Path, folders: &ContentFolders, diagnostics: &mut Diagnostics) {
    let entries = match fsio::list_dir(&root.join("content")) {
        Ok(entries) => entries,
        Err(error) => return diagnostics.push(error.into()),
    };
    for entry in entries {
        let Some(name) = entry.name.as_deref() else {
            continue;
        };
        let is_folder = entry.kind == fsio::EntryKind::Folder;
        if !is_folder || name.starts_with('.') || name == folders.news || name == folders.pages {
            continue;
        }
        diagnostics.push(
            Diagnostic::warning(format!(
                "content/{name} is not read: no collection of site.toml uses this folder"
            ))
            .in_file(Path::new("content").join(name))
            .with_hint(format!(
                "to read it as the news, write news = \"{name}\" under [content] in site.toml (or pages = \"{name}\" for static pages); the news are read from content/{}",
                folders.news
            )),
        );
    }
}
