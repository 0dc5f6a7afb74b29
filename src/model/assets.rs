//! The files pages refer to by name, and the names they are published
//! under. CSS, JS and the first file of each index are named by a hash of
//! their content (`css/site.3f9a0c1b2d4e.css`): a server may cache them for
//! a year, and a new version is a new name. Every other static file keeps
//! its name. The manifest lists both for tooling.

use std::collections::BTreeMap;

use sha2::{Digest, Sha256};

/// The manifest's file name, at the root of the output.
pub const MANIFEST: &str = "asset-manifest.json";

/// Hex digits of the content hash kept in a name: 48 bits, so two
/// versions of one file never share a name in practice.
const HASH_DIGITS: usize = 12;

/// Logical path (`css/site.css`, no leading `/`) to published path.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Assets {
    names: BTreeMap<String, String>,
    base_path: String,
}

impl Assets {
    pub fn new(base_path: &str) -> Self {
        Self {
            names: BTreeMap::new(),
            base_path: base_path.to_string(),
        }
    }

    /// Records a file kept under its own name.
    pub fn keep(&mut self, path: &str) {
        let path = path.trim_start_matches('/');
        self.names.insert(path.to_string(), path.to_string());
    }

    /// Records a file named by its content; returns the published path.
    pub fn hash(&mut self, path: &str, bytes: &[u8]) -> String {
        let path = path.trim_start_matches('/');
        let published = hashed_name(path, bytes);
        self.names.insert(path.to_string(), published.clone());
        published
    }

    /// The link to a file from any page, `None` when no such file exists.
    pub fn href(&self, path: &str) -> Option<String> {
        let published = self.names.get(path.trim_start_matches('/'))?;
        Some(format!("{}{published}", self.base_path))
    }

    /// `{"css/site.css": "css/site.3f9a0c1b2d4e.css", …}`, sorted.
    pub fn manifest(&self) -> serde_json::Result<Vec<u8>> {
        let mut bytes = serde_json::to_vec_pretty(&self.names)?;
        bytes.push(b'\n');
        Ok(bytes)
    }
}

/// Whether a static file is named by its content: styles and scripts,
/// which pages load on every visit.
pub fn is_hashed(path: &str) -> bool {
    path.ends_with(".css") || path.ends_with(".js")
}

/// `css/site.css` with content `bytes` becomes `css/site.HASH.css`.
pub fn hashed_name(path: &str, bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let hex: String = digest
        .iter()
        .flat_map(|b| [b >> 4, b & 0xf])
        .take(HASH_DIGITS)
        .map(|n| char::from_digit(u32::from(n), 16).unwrap_or('0'))
        .collect();
    let (folder, name) = path.rsplit_once('/').map_or(("", path), |(f, n)| (f, n));
    let named = match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() => format!("{stem}.{hex}.{extension}"),
        _ => format!("{name}.{hex}"),
    };
    if folder.is_empty() {
        named
    } else {
        format!("{folder}/{named}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_change_when_and_only_when_the_content_changes() {
        let first = hashed_name("css/site.css", b"body{color:red}");
        assert!(
            first.starts_with("css/site.") && first.ends_with(".css"),
            "{first}"
        );
        assert_eq!(first.len(), "css/site..css".len() + HASH_DIGITS);
        assert_eq!(first, hashed_name("css/site.css", b"body{color:red}"));
        assert_ne!(first, hashed_name("css/site.css", b"body{color:blue}"));
    }

    #[test]
    fn links_go_through_the_base_path() {
        let mut assets = Assets::new("/transparence/");
        let published = assets.hash("/js/site.js", b"x");
        assets.keep("favicon.svg");
        assert_eq!(
            assets.href("js/site.js"),
            Some(format!("/transparence/{published}"))
        );
        assert_eq!(
            assets.href("/favicon.svg").as_deref(),
            Some("/transparence/favicon.svg")
        );
        assert_eq!(assets.href("css/missing.css"), None);
    }
}
