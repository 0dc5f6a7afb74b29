//! Atomic and recoverable: a build killed with SIGKILL at any moment leaves
//! the previous output exactly as it was (or the new one, complete, if the
//! swap had happened), and the next build succeeds and cleans up after it;
//! two builds at once into one output: the second is refused, clearly.

use std::time::{Duration, Instant};

use crate::support::{Site, Tree, differences, tree};

const OLD_URL: &str = "https://old.example.org/";
const NEW_URL: &str = "https://new.example.org/";

/// Kill points spread over a whole build, from process start to the swap.
fn kill_points(build_time: Duration) -> Vec<Duration> {
    let steps = 8u32;
    // A fixed, irregular spread rather than random: a failure reproduces.
    (0..steps)
        .map(|i| build_time * (i * 2 + 1) / (steps * 2) + Duration::from_millis(u64::from(i * 7)))
        .collect()
}

fn same_or_new(out: &Tree, old: &Tree, new: &Tree) -> bool {
    out == old || out == new
}

#[test]
fn a_build_killed_at_any_moment_keeps_the_previous_output() {
    let site = Site::default_site();
    site.build(&["--base-url", NEW_URL]);
    let new = tree(&site.out());
    site.build(&["--base-url", OLD_URL]);
    let old = tree(&site.out());
    assert_ne!(old, new, "the two builds must differ to tell them apart");

    let start = Instant::now();
    site.build(&["--base-url", OLD_URL]);
    let build_time = start.elapsed();

    let mut killed_mid_build = 0;
    for delay in kill_points(build_time) {
        let mut child = site
            .command(&["--base-url", NEW_URL])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start bayan");
        std::thread::sleep(delay);
        let finished = child.try_wait().expect("poll bayan").is_some();
        child.kill().ok();
        child.wait().expect("reap bayan");
        let out = tree(&site.out());
        assert!(
            same_or_new(&out, &old, &new),
            "killed after {delay:?}: the output is neither the previous site nor the new one: {:?}",
            differences(&out, &old)
        );
        if !finished && out == old {
            killed_mid_build += 1;
        }
        // The next build succeeds, swaps in, and leaves nothing beside.
        site.build(&["--base-url", OLD_URL]);
        assert_eq!(tree(&site.out()), old);
        for leftover in [".out.staging", ".out.old", ".out.lock"] {
            assert!(
                !site.path(leftover).exists(),
                "{leftover} left after a build following a kill after {delay:?}"
            );
        }
    }
    assert!(killed_mid_build > 0, "no kill landed during a build");
}

#[test]
fn a_second_build_into_the_same_output_is_refused_while_the_first_runs() {
    let site = Site::default_site();
    site.build(&[]);
    let before = tree(&site.out());
    // This test holds the operating system's lock, as a running build does,
    // with that build's staging folder beside the output.
    let lock = std::fs::File::create(site.path(".out.lock")).expect("lock file");
    lock.try_lock().expect("the test takes the lock");
    std::fs::write(site.path(".out.lock"), std::process::id().to_string()).expect("pid");
    std::fs::create_dir_all(site.path(".out.staging/fr")).expect("staging folder");
    site.write(".out.staging/.bayan-output", "");
    site.write(".out.staging/fr/index.html", "being written");
    let output = site.command(&[]).output().expect("run bayan");
    assert!(!output.status.success(), "the second build must fail");
    let stdout = String::from_utf8_lossy(&output.stdout);
    let expected = format!(
        "another build (process {}) is writing to this output",
        std::process::id()
    );
    assert!(stdout.contains(&expected), "{stdout}");
    assert!(stdout.contains("wait for it to finish"), "{stdout}");
    assert_eq!(tree(&site.out()), before, "the output was touched");
    let staged = std::fs::read_to_string(site.path(".out.staging/fr/index.html"));
    assert_eq!(
        staged.ok().as_deref(),
        Some("being written"),
        "the live build's staging was touched"
    );
    drop(lock);
    site.build(&[]);
    assert!(
        !site.path(".out.staging").exists(),
        "the next build cleans up"
    );
}

#[test]
fn two_builds_forced_to_overlap_never_mix_their_output() {
    let site = Site::default_site();
    site.build(&["--base-url", NEW_URL]);
    let new = tree(&site.out());
    site.build(&["--base-url", OLD_URL]);
    let old = tree(&site.out());
    assert_ne!(old, new, "the two builds must differ to tell them apart");
    // The first build is held just before its swap: its staging folder is
    // full and it holds the lock while the second one starts.
    let hold = site.path("hold");
    std::fs::create_dir(&hold).expect("hold folder");
    let first = site
        .command(&["--base-url", NEW_URL])
        .env("BAYAN_TEST_HOLD_BEFORE_SWAP", &hold)
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("start the first build");
    let waited = Instant::now();
    while !hold.join("held").exists() {
        assert!(
            waited.elapsed() < Duration::from_secs(60),
            "the first build never reached its swap"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let second = site
        .command(&["--base-url", OLD_URL])
        .output()
        .expect("second build");
    assert!(!second.status.success(), "the second build must be refused");
    let stdout = String::from_utf8_lossy(&second.stdout);
    let expected = format!("another build (process {}) is writing", first.id());
    assert!(stdout.contains(&expected), "{stdout}");
    assert_eq!(
        tree(&site.out()),
        old,
        "the refused build touched the output"
    );
    std::fs::write(hold.join("release"), "").expect("release");
    let first = first.wait_with_output().expect("first build");
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stdout)
    );
    assert_eq!(
        tree(&site.out()),
        new,
        "the output is exactly the first build's"
    );
}
