//! A copy of the default site in a temporary folder, and runs of the binary.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

#[path = "../common/trees.rs"]
mod trees;

pub use trees::{Tree, copy_recursively, differences, tree};

const SITE_PARTS: [&str; 4] = ["site.toml", "data", "content", "themes"];

pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    pub fn default_site() -> Self {
        let shm = Path::new("/dev/shm");
        let mut builder = tempfile::Builder::new();
        builder.prefix("bayan-hardening-");
        let dir = if shm.is_dir() {
            builder.tempdir_in(shm)
        } else {
            builder.tempdir()
        };
        let dir = dir.expect("create a temporary folder");
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for part in SITE_PARTS {
            copy_recursively(&repo.join(part), &dir.path().join(part));
        }
        Self { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    pub fn out(&self) -> PathBuf {
        self.path("out")
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).expect("read a site file")
    }

    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) {
        fs::write(self.path(relative), text).expect("write a site file");
    }

    /// `bayan build` into `out/`, with extra arguments and environment.
    pub fn command(&self, extra: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_bayan"));
        command
            .arg("--format")
            .arg("json")
            .arg("build")
            .arg("--root")
            .arg(self.root())
            .arg("--output")
            .arg(self.out())
            .args(extra)
            .env_remove("RUST_LOG");
        command
    }

    pub fn build(&self, extra: &[&str]) -> Output {
        let output = self.command(extra).output().expect("run bayan");
        assert!(
            output.status.success(),
            "the build failed:\n{}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
        output
    }
}
