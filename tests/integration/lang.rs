//! `--lang`: the terminal prints problems in French or Arabic when asked,
//! and in English otherwise (CI annotations and fixtures keep their text).
//! The whole printout is held as a snapshot: rewrite with
//! `INSTA_UPDATE=always cargo test --test integration lang`.

use crate::bad_input::{EXPECTED, fixture};
use crate::support::{Site, path_str, repo};

/// The default site with a bad-input case over it.
fn broken(case: &str) -> Site {
    let site = Site::default_site();
    site.overlay(&fixture(case), &[EXPECTED]);
    site
}

#[test]
fn build_prints_problems_in_french_with_lang_fr() {
    let site = broken("wrong_type_in_amount");
    let out = site.out();
    let root = path_str(site.root());
    let run = site.bayan(&[
        "--lang",
        "fr",
        "build",
        "--root",
        root,
        "--output",
        path_str(&out),
    ]);
    run.assert_failure();
    insta::assert_snapshot!("build_fr", run.stderr());
}

#[test]
fn check_prints_problems_in_arabic_with_lang_ar() {
    let site = broken("front_matter_not_closed");
    let run = site.bayan(&["check", "--root", path_str(site.root()), "--lang", "ar"]);
    run.assert_failure();
    insta::assert_snapshot!("check_ar", run.stderr());
}

#[test]
fn front_matter_mistakes_read_in_french_with_lang_fr() {
    let site = broken("front_matter_editors_mistakes");
    let run = site.bayan(&["--lang", "fr", "check", "--root", path_str(site.root())]);
    run.assert_failure();
    insta::assert_snapshot!("front_matter_fr", run.stderr());
}

#[test]
fn broken_links_images_and_translations_read_in_arabic_with_lang_ar() {
    let site = Site::default_site();
    site.overlay(&repo().join("tests/fixtures/check/links"), &[]);
    let run = site.bayan(&["--lang", "ar", "check", "--root", path_str(site.root())]);
    run.assert_failure();
    insta::assert_snapshot!("links_ar", run.stderr());
}

#[test]
fn github_annotations_follow_lang_and_stay_english_without_it() {
    let site = broken("wrong_type_in_amount");
    let root = path_str(site.root());
    let english = site.bayan(&["--format", "github", "check", "--root", root]);
    let english = english.stdout();
    assert!(
        english.contains("::the cell in column `committed_mad` is not a number"),
        "{english}"
    );
    let arabic = site.bayan(&[
        "--format", "github", "--lang", "ar", "check", "--root", root,
    ]);
    let arabic = arabic.stdout();
    assert!(
        arabic.contains("::الخانة في العمود `committed_mad` ليست عددًا (نصيحة: "),
        "{arabic}"
    );
}
