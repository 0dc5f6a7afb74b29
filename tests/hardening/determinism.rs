//! Deterministic: the same input gives the same bytes whatever the number
//! of threads, the time zone, the locale of the machine, the output folder
//! and what that folder held before.

use crate::support::{Site, differences, tree};

#[test]
fn builds_are_byte_identical_across_threads_time_zones_locales_and_folders() {
    let site = Site::default_site();
    // The second build goes to another folder; the third rebuilds over the first.
    let runs = [
        (
            "out",
            [("RAYON_NUM_THREADS", "1"), ("TZ", "UTC"), ("LANG", "C")],
        ),
        (
            "elsewhere/site",
            [
                ("RAYON_NUM_THREADS", "8"),
                ("TZ", "Africa/Casablanca"),
                ("LANG", "ar_MA.UTF-8"),
            ],
        ),
        (
            "out",
            [
                ("RAYON_NUM_THREADS", "2"),
                ("TZ", "Pacific/Kiritimati"),
                ("LANG", "fr_FR.UTF-8"),
            ],
        ),
    ];
    let mut first = None;
    for (folder, environment) in runs {
        let out = site.path(folder);
        let mut command = site.command_to(&out, &[]);
        command.envs(environment).env("LC_ALL", environment[2].1);
        let output = command.output().expect("run bayan");
        assert!(output.status.success(), "{environment:?}: the build failed");
        let built = tree(&out);
        match &first {
            None => {
                assert!(built.len() > 200, "only {} files", built.len());
                first = Some(built);
            }
            Some(first) => assert!(
                *first == built,
                "{folder}, {environment:?} gives other bytes: {:?}",
                differences(first, &built)
            ),
        }
    }
}
