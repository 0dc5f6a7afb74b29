//! Shared helpers: a copy of the default site in a temporary folder, running
//! the binary on it, reading and comparing output trees.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;
use walkdir::WalkDir;
#[path = "../common/trees.rs"]
mod trees;

pub use trees::{copy_recursively, differences as tree_differences, tree};

/// The repository, where the default site and the fixtures live.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What makes up the default site: copied into every test's folder.
const SITE_PARTS: [&str; 4] = ["site.toml", "data", "content", "themes"];

/// A copy of the default site in a temporary folder, removed on drop.
pub struct Site {
    dir: TempDir,
}

impl Site {
    /// The repository's default site, copied.
    pub fn default_site() -> Self {
        let dir = tempfile::Builder::new()
            .prefix("bayan-test-")
            .tempdir()
            .expect("create a temporary folder");
        for part in SITE_PARTS {
            copy_recursively(&repo().join(part), &dir.path().join(part));
        }
        Self { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Where the tests build: `ROOT/out`.
    pub fn out(&self) -> PathBuf {
        self.root().join("out")
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        let path = self.path(relative);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    pub fn write(&self, relative: &str, bytes: impl AsRef<[u8]>) {
        let path = self.path(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).expect("create folder");
        }
        fs::write(&path, bytes).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    }

    /// Copies every file of `folder` over the site, keeping relative paths,
    /// except the files named in `skip`.
    pub fn overlay(&self, folder: &Path, skip: &[&str]) {
        for entry in WalkDir::new(folder).sort_by_file_name() {
            let entry = entry.expect("walk fixture");
            let relative = entry.path().strip_prefix(folder).expect("inside fixture");
            if entry.file_type().is_file() && !skip.iter().any(|s| Path::new(s) == relative) {
                let target = self.root().join(relative);
                fs::create_dir_all(target.parent().expect("has parent")).expect("mkdir");
                fs::copy(entry.path(), &target).expect("copy fixture file");
            }
        }
    }

    /// Runs `bayan ARGS` in the site folder.
    pub fn bayan(&self, args: &[&str]) -> Run {
        bayan_in(self.root(), args)
    }

    /// `bayan build --root ROOT --output ROOT/out`, which must succeed.
    pub fn build(&self) -> Run {
        let out = self.out();
        let run = self.bayan(&[
            "build",
            "--root",
            path_str(self.root()),
            "--output",
            path_str(&out),
        ]);
        run.assert_success();
        run
    }

    /// A page of the built site by its URL path (`/fr/` → `out/fr/index.html`).
    pub fn page(&self, url: &str) -> scraper::Html {
        let relative = url.trim_start_matches('/');
        let file = if relative.is_empty() || relative.ends_with('/') {
            format!("out/{relative}index.html")
        } else {
            format!("out/{relative}")
        };
        scraper::Html::parse_document(&self.read(&file))
    }
}

/// One run of the binary.
pub struct Run {
    pub output: Output,
    pub args: String,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn success(&self) -> bool {
        self.output.status.success()
    }

    pub fn assert_success(&self) {
        assert!(
            self.success(),
            "`bayan {}` failed ({}):\n{}{}",
            self.args,
            self.output.status,
            self.stdout(),
            self.stderr()
        );
    }

    pub fn assert_failure(&self) {
        assert!(
            !self.success(),
            "`bayan {}` succeeded but should have failed:\n{}{}",
            self.args,
            self.stdout(),
            self.stderr()
        );
    }
}

pub fn bayan_in(dir: &Path, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_bayan"))
        .args(args)
        .current_dir(dir)
        .env_remove("RUST_LOG")
        .output()
        .expect("run bayan");
    Run {
        output,
        args: args.join(" "),
    }
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// Every HTML file under `dir`, relative, sorted.
pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk").into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    files
}

/// A CSS selector, parsed (the selectors are the tests' own constants).
pub fn selector(css: &str) -> scraper::Selector {
    scraper::Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e}"))
}

/// The text of every element matching `css`, whitespace collapsed.
pub fn texts(html: &scraper::Html, css: &str) -> Vec<String> {
    html.select(&selector(css))
        .map(|e| {
            e.text()
                .collect::<String>()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// The value of `attr` on every element matching `css`.
pub fn attrs(html: &scraper::Html, css: &str, attr: &str) -> Vec<String> {
    html.select(&selector(css))
        .filter_map(|e| e.value().attr(attr).map(str::to_string))
        .collect()
}
