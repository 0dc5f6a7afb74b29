//! Deterministic: the same input gives the same bytes whatever the number
//! of threads, the time zone and the locale of the machine.

use crate::support::{Site, differences, tree};

#[test]
fn builds_are_byte_identical_across_threads_time_zones_and_locales() {
    let site = Site::default_site();
    let environments = [
        [("RAYON_NUM_THREADS", "1"), ("TZ", "UTC"), ("LANG", "C")],
        [
            ("RAYON_NUM_THREADS", "8"),
            ("TZ", "Africa/Casablanca"),
            ("LANG", "ar_MA.UTF-8"),
        ],
        [
            ("RAYON_NUM_THREADS", "2"),
            ("TZ", "Pacific/Kiritimati"),
            ("LANG", "fr_FR.UTF-8"),
        ],
    ];
    let mut first = None;
    for environment in environments {
        let mut command = site.command(&[]);
        command.envs(environment).env("LC_ALL", environment[2].1);
        let output = command.output().expect("run bayan");
        assert!(output.status.success(), "{environment:?}: the build failed");
        let built = tree(&site.out());
        match &first {
            None => first = Some(built),
            Some(first) => assert!(
                *first == built,
                "{environment:?} gives other bytes: {:?}",
                differences(first, &built)
            ),
        }
    }
}
