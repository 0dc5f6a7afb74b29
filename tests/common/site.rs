//! A copy of the default site in its own folder, and runs of the binary on it.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;
use walkdir::WalkDir;

use super::trees::copy_recursively;

/// The repository, where the default site and the fixtures live.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// What makes up the default site: copied into every test's folder.
const SITE_PARTS: [&str; 4] = ["site.toml", "data", "content", "themes"];

/// A copy of the default site. A temporary copy is removed on drop; a kept
/// one stays under Cargo's test folder (for a build shared by a binary).
pub struct Site {
    root: PathBuf,
    _temporary: Option<TempDir>,
}

impl Site {
    /// The default site, copied into a temporary folder.
    pub fn default_site() -> Self {
        let site = Self::empty();
        copy_site(site.root());
        site
    }

    /// A site of `tests/fixtures/sites/NAME`, copied into a temporary
    /// folder: a site written for the tests, not the default one.
    pub fn fixture(name: &str) -> Self {
        let site = Self::empty();
        copy_recursively(&repo().join("tests/fixtures/sites").join(name), site.root());
        site
    }

    /// An empty temporary folder, in `/dev/shm` when it exists: repeated
    /// builds on this machine's disk slow down after mass deletions.
    fn empty() -> Self {
        let shm = Path::new("/dev/shm");
        let mut builder = tempfile::Builder::new();
        builder.prefix("bayan-test-");
        let dir = if shm.is_dir() {
            builder.tempdir_in(shm)
        } else {
            builder.tempdir()
        };
        let dir = dir.expect("create a temporary folder");
        Self {
            root: dir.path().to_path_buf(),
            _temporary: Some(dir),
        }
    }

    /// The default site, copied afresh into `name` under Cargo's folder for
    /// test files, and kept there after the test.
    pub fn kept(name: &str) -> Self {
        let root = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
        if root.exists() {
            fs::remove_dir_all(&root).expect("remove the previous copy");
        }
        fs::create_dir_all(&root).expect("create the site folder");
        copy_site(&root);
        Self {
            root,
            _temporary: None,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the tests build: `ROOT/out`.
    pub fn out(&self) -> PathBuf {
        self.root.join("out")
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        let path = self.path(relative);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// Writes a site file, creating its folders.
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
                let target = self.root.join(relative);
                fs::create_dir_all(target.parent().expect("has parent")).expect("mkdir");
                fs::copy(entry.path(), &target).expect("copy fixture file");
            }
        }
    }

    /// Runs `bayan ARGS` in the site folder.
    pub fn bayan(&self, args: &[&str]) -> Run {
        bayan_in(&self.root, args)
    }

    /// `bayan --format json build --root ROOT --output OUT EXTRA`, to run.
    pub fn command_to(&self, out: &Path, extra: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bayan"));
        command
            .args(["--format", "json", "build", "--root"])
            .arg(&self.root)
            .arg("--output")
            .arg(out)
            .args(extra)
            .env_remove("RUST_LOG");
        command
    }

    /// [`Site::command_to`] into `ROOT/out`.
    pub fn command(&self, extra: &[&str]) -> Command {
        self.command_to(&self.out(), extra)
    }

    /// Builds into `ROOT/out` with `extra` arguments; the build must succeed.
    pub fn build(&self, extra: &[&str]) -> Run {
        let output = self.command(extra).output().expect("run bayan");
        let run = Run {
            output,
            args: format!("build {}", extra.join(" ")),
        };
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

fn copy_site(root: &Path) {
    for part in SITE_PARTS {
        copy_recursively(&repo().join(part), &root.join(part));
    }
    share_picture_cache(root);
}

/// The copies share one cache of share pictures (each is named by what it
/// shows), so that each test does not draw the same pictures again.
pub fn share_picture_cache(root: &Path) {
    let shared = repo().join("target/tmp/bayan-share-cache");
    fs::create_dir_all(&shared).expect("shared picture cache");
    fs::create_dir_all(root.join(".bayan-cache")).expect("cache folder");
    std::os::unix::fs::symlink(&shared, root.join(".bayan-cache/share")).expect("link the cache");
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

/// Runs `bayan ARGS` in `dir`.
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
