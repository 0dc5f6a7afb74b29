use std::fs;

use super::*;

/// A site folder and the path of its output, in a new temporary folder.
fn site() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path().join("site");
    fs::create_dir(&root).expect("mkdir");
    let target = root.join("out");
    (dir, root, target)
}

fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}

fn build(root: &Path, target: &Path, page: &str) -> Vec<Diagnostic> {
    let prepared = prepare(root, target).expect("prepare");
    prepared
        .staging()
        .put("index.html", page.as_bytes())
        .expect("write");
    prepared.publish().expect("publish")
}

#[test]
fn a_second_build_is_refused_while_the_first_holds_the_lock() {
    let (_dir, root, target) = site();
    let first = prepare(&root, &target).expect("the first build takes the lock");
    first
        .staging()
        .put("fr/index.html", b"first")
        .expect("write");
    let second = prepare(&root, &target).err().expect("the lock is held");
    let expected = format!("another build (process {}) is writing", std::process::id());
    assert!(second.message.starts_with(&expected), "{}", second.message);
    assert!(second.hint.is_some_and(|h| h.contains("wait for it")));
    // The first build's staging folder is untouched by the refused one.
    let staged = root.join(".out.staging/fr/index.html");
    assert_eq!(fs::read(&staged).expect("staged page"), b"first");
    assert!(first.publish().expect("publish").is_empty());
    assert_eq!(
        fs::read(target.join("fr/index.html")).expect("page"),
        b"first"
    );
    prepare(&root, &target)
        .expect("the lock was released")
        .abandon();
}

#[test]
fn a_stale_or_empty_lock_file_does_not_block_a_build() {
    let (_dir, root, target) = site();
    // What a disk-full moment or a killed build may leave: the operating
    // system released the lock with the process, whatever the file says.
    for content in ["", "999999", "process )"] {
        fs::write(root.join(".out.lock"), content).expect("lock file");
        assert!(build(&root, &target, content).is_empty());
        assert_eq!(
            fs::read_to_string(target.join("index.html"))
                .ok()
                .as_deref(),
            Some(content)
        );
    }
}

#[test]
fn publishing_replaces_the_previous_site_and_leaves_nothing_beside_it() {
    let (_dir, root, target) = site();
    for generation in ["one", "two", "three"] {
        assert!(build(&root, &target, generation).is_empty());
        let page = fs::read_to_string(target.join("index.html")).unwrap_or_default();
        assert_eq!(page, generation);
    }
    assert_eq!(
        names(&root),
        ["out"],
        "no lock, staging or old folder remains"
    );
    assert_eq!(names(&target), [MARKER, "index.html"]);
}

#[test]
fn removes_what_a_killed_build_left_but_never_a_folder_it_did_not_make() {
    let (_dir, root, target) = site();
    let killed = root.join(".out.staging");
    fs::create_dir(&killed).expect("mkdir");
    fs::write(killed.join(MARKER), "").expect("marker");
    fs::write(killed.join("half.html"), "half").expect("page");
    assert!(build(&root, &target, "new").is_empty());
    assert!(!killed.exists(), "a marked leftover is removed");

    let someones = root.join(".out.old");
    fs::create_dir(&someones).expect("mkdir");
    fs::write(someones.join("thesis.tex"), "precious").expect("file");
    let refused = prepare(&root, &target).err().expect("refused");
    assert!(
        refused.message.contains("Bayan did not make it"),
        "{}",
        refused.message
    );
    assert_eq!(
        fs::read_to_string(someones.join("thesis.tex"))
            .ok()
            .as_deref(),
        Some("precious")
    );
}

#[test]
fn an_output_that_cannot_be_changed_is_refused_before_the_swap() {
    let (_dir, root, target) = site();
    assert!(build(&root, &target, "previous").is_empty());
    let guard = ReadOnly::make(&target);
    let prepared = prepare(&root, &target).expect("prepare");
    prepared.staging().put("index.html", b"new").expect("write");
    let error = prepared.publish().expect_err("refused before the swap");
    assert!(
        error.message.contains("cannot be changed"),
        "{}",
        error.message
    );
    assert_eq!(
        fs::read_to_string(target.join("index.html"))
            .ok()
            .as_deref(),
        Some("previous")
    );
    assert_eq!(names(&root), ["out"], "the staging folder is removed");
    drop(guard);
    assert!(
        build(&root, &target, "fixed").is_empty(),
        "the next build recovers"
    );
    assert_eq!(
        fs::read_to_string(target.join("index.html"))
            .ok()
            .as_deref(),
        Some("fixed")
    );
}

#[test]
fn a_symbolic_link_output_is_replaced_where_it_points_and_stays_a_link() {
    let (dir, root, target) = site();
    let deployed = dir.path().join("www");
    fs::create_dir(&deployed).expect("mkdir");
    std::os::unix::fs::symlink(&deployed, &target).expect("link");
    assert!(build(&root, &target, "one").is_empty());
    assert!(build(&root, &target, "two").is_empty());
    assert!(target.is_symlink(), "the deployment link is kept");
    assert_eq!(
        fs::read_to_string(deployed.join("index.html"))
            .ok()
            .as_deref(),
        Some("two")
    );
    assert_eq!(names(dir.path()), ["site", "www"]);
}

#[test]
fn refuses_an_output_inside_a_folder_bayan_reads() {
    let (_dir, root, _) = site();
    for folder in INPUT_FOLDERS {
        let target = root.join(folder).join("static/x");
        let error = prepare(&root, &target).err().expect("refused");
        let expected = format!("is inside the site's {folder}/ folder");
        assert!(error.message.contains(&expected), "{}", error.message);
        assert!(!target.exists());
    }
}

/// Makes a folder unchangeable for the test's duration, as root too
/// (`chattr +i`), or by permissions for another user.
struct ReadOnly(PathBuf);

impl ReadOnly {
    fn make(dir: &Path) -> Self {
        use std::os::unix::fs::PermissionsExt;
        let immutable = std::process::Command::new("chattr")
            .arg("+i")
            .arg(dir)
            .status()
            .is_ok_and(|s| s.success());
        if !immutable {
            fs::set_permissions(dir, fs::Permissions::from_mode(0o555)).expect("chmod");
        }
        assert!(
            fs::write(dir.join("probe"), "").is_err(),
            "the test could not make {} read-only (needs chattr as root, or a non-root user)",
            dir.display()
        );
        Self(dir.to_path_buf())
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::process::Command::new("chattr")
            .arg("-i")
            .arg(&self.0)
            .status();
        let _ = fs::set_permissions(&self.0, fs::Permissions::from_mode(0o755));
    }
}
