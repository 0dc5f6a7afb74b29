//! The command line: `build` never destroys what it did not write, `check`
//! writes nothing, `new article` scaffolds a buildable article, options work.

use std::fs;

use crate::support::{Site, attrs, differences, path_str, texts, tree};

#[test]
fn build_refuses_the_site_itself_as_output() {
    let site = Site::default_site();
    let before = tree(site.root());
    let root = path_str(site.root());
    let run = site.bayan(&["build", "--root", root, "--output", root]);
    run.assert_failure();
    assert!(
        run.stderr().contains("is the site itself or contains it"),
        "{}",
        run.stderr()
    );
    let after = tree(site.root());
    assert!(
        before == after,
        "the site changed: {:?}",
        differences(&before, &after)
    );
}

#[test]
fn build_refuses_a_parent_of_the_site_as_output() {
    let parent = tempfile::tempdir().expect("temporary folder");
    let site = Site::default_site();
    let root = parent.path().join("site");
    crate::support::copy_recursively(site.root(), &root);
    let before = tree(parent.path());
    for output in [parent.path().to_path_buf(), root.join("..")] {
        let run = crate::support::bayan_in(
            parent.path(),
            &[
                "build",
                "--root",
                path_str(&root),
                "--output",
                path_str(&output),
            ],
        );
        run.assert_failure();
        let after = tree(parent.path());
        assert!(
            before == after,
            "--output {} changed files: {:?}",
            output.display(),
            differences(&before, &after)
        );
    }
}

#[test]
fn build_refuses_a_folder_it_did_not_write() {
    let site = Site::default_site();
    site.write("out/thesis.docx", b"years of work");
    let before = tree(&site.out());
    let out = site.out();
    let run = site.bayan(&[
        "build",
        "--root",
        path_str(site.root()),
        "--output",
        path_str(&out),
    ]);
    run.assert_failure();
    assert!(run.stderr().contains("did not write"), "{}", run.stderr());
    assert!(before == tree(&site.out()), "the folder was changed");
    assert!(!site.path(".out.staging").exists());
}

#[test]
fn build_replaces_its_own_previous_output() {
    let site = Site::default_site();
    site.build(&[]);
    site.write("out/stale.html", b"from an older build");
    site.build(&[]);
    assert!(!site.out().join("stale.html").exists());
    assert!(site.out().join("fr/index.html").is_file());
}

#[test]
fn check_passes_on_the_default_site_and_writes_nothing() {
    let site = Site::default_site();
    let before = tree(site.root());
    let run = site.bayan(&["check", "--root", path_str(site.root())]);
    run.assert_success();
    let after = tree(site.root());
    assert!(
        before == after,
        "check wrote: {:?}",
        differences(&before, &after)
    );
}

#[test]
fn check_fails_on_bad_data_and_writes_nothing() {
    let site = Site::default_site();
    let csv = site
        .read("data/projects.csv")
        .replacen(",199500,193515,", ",199500,abc,", 1);
    site.write("data/projects.csv", csv);
    let before = tree(site.root());
    let run = site.bayan(&["check", "--root", path_str(site.root())]);
    run.assert_failure();
    assert!(
        run.stderr().contains("data/projects.csv:2:"),
        "{}",
        run.stderr()
    );
    assert!(before == tree(site.root()), "check wrote files");
}

#[test]
fn new_article_creates_one_file_per_language_and_the_site_still_builds() {
    let site = Site::default_site();
    let before_run = jiff::ZonedDateTime::now().date();
    let run = site.bayan(&[
        "new",
        "article",
        "visite-test",
        "--root",
        path_str(site.root()),
    ]);
    let after_run = jiff::ZonedDateTime::now().date();
    run.assert_success();
    let name = [before_run, after_run]
        .iter()
        .map(|day| format!("{day}-visite-test"))
        .find(|name| site.path(&format!("content/news/{name}.fr.md")).is_file())
        .unwrap_or_else(|| panic!("no article created: {}", run.stdout()));
    // Each file's placeholder title is in its own language.
    for (lang, title) in [("fr", "Titre de l’article"), ("ar", "عنوان المقال")] {
        let file = format!("content/news/{name}.{lang}.md");
        assert!(site.path(&file).is_file(), "no {file}");
        let text = site.read(&file);
        assert!(text.contains(&format!("title = \"{title}\"")), "{text}");
        assert!(
            run.stdout().contains(&format!("{name}.{lang}.md")),
            "{}",
            run.stdout()
        );
    }
    // Where `serve` shows the draft, in each language's news section.
    for url in [
        format!("http://127.0.0.1:8282/fr/actualites/{name}/"),
        format!("http://127.0.0.1:8282/ar/akhbar/{name}/"),
    ] {
        assert!(run.stdout().contains(&url), "{url}: {}", run.stdout());
    }
    site.build(&[]);
    // The new article is a draft: it appears only with --drafts.
    assert!(
        !site
            .out()
            .join(format!("fr/actualites/{name}/index.html"))
            .exists()
    );
    let out = site.out();
    let run = site.bayan(&[
        "build",
        "--drafts",
        "--root",
        path_str(site.root()),
        "--output",
        path_str(&out),
    ]);
    run.assert_success();
    let page = site.page(&format!("/fr/actualites/{name}/"));
    assert_eq!(
        attrs(&page, "nav.language a[hreflang]", "href"),
        [format!("/ar/akhbar/{name}/")]
    );
    // A draft says so, in the page's language.
    assert_eq!(texts(&page, ".draft-banner").len(), 1);
    assert!(texts(&page, ".draft-banner")[0].starts_with("Brouillon"));
    let arabic = site.page(&format!("/ar/akhbar/{name}/"));
    assert!(texts(&arabic, ".draft-banner")[0].starts_with("مسودة"));
}

#[test]
fn new_article_refuses_a_name_that_is_not_a_slug() {
    let site = Site::default_site();
    let before = tree(site.root());
    let run = site.bayan(&[
        "new",
        "article",
        "Visite Test",
        "--root",
        path_str(site.root()),
    ]);
    run.assert_failure();
    assert!(before == tree(site.root()), "files were created");
}

#[test]
fn base_url_option_is_used_in_canonical_links() {
    let site = Site::default_site();
    let out = site.out();
    let run = site.bayan(&[
        "build",
        "--root",
        path_str(site.root()),
        "--output",
        path_str(&out),
        "--base-url",
        "https://example.test/",
    ]);
    run.assert_success();
    for (url, canonical) in [
        ("/fr/", "https://example.test/fr/"),
        (
            "/ar/mashari/tta-2023-001/",
            "https://example.test/ar/mashari/tta-2023-001/",
        ),
    ] {
        let page = site.page(url);
        assert_eq!(
            attrs(&page, r#"link[rel="canonical"]"#, "href"),
            [canonical],
            "{url}"
        );
    }
    let sitemap = fs::read_to_string(out.join("sitemap.xml")).expect("sitemap");
    assert!(
        !sitemap.contains("ess-tta.example.ma"),
        "the old address is still in the sitemap"
    );
}

#[test]
fn build_refuses_an_existing_file_as_output() {
    let site = Site::default_site();
    site.write("notes.txt", b"my notes");
    let before = tree(site.root());
    let notes = site.path("notes.txt");
    let run = site.bayan(&[
        "build",
        "--root",
        path_str(site.root()),
        "--output",
        path_str(&notes),
    ]);
    run.assert_failure();
    let after = tree(site.root());
    assert!(
        before == after,
        "files changed: {:?}",
        differences(&before, &after)
    );
}

#[test]
fn build_refuses_the_site_reached_through_a_missing_folder_and_dot_dot() {
    let site = Site::default_site();
    let before = tree(site.root());
    let output = site.root().join("missing").join("..");
    let run = site.bayan(&[
        "build",
        "--root",
        path_str(site.root()),
        "--output",
        path_str(&output),
    ]);
    run.assert_failure();
    assert!(
        run.stderr().contains("is the site itself or contains it"),
        "{}",
        run.stderr()
    );
    let after = tree(site.root());
    assert!(
        before == after,
        "files changed: {:?}",
        differences(&before, &after)
    );
}

#[test]
fn build_validates_a_command_line_base_url_like_site_toml() {
    let site = Site::default_site();
    let out = site.out();
    let root = path_str(site.root());
    let args = [
        "build",
        "--root",
        root,
        "--output",
        path_str(&out),
        "--base-url",
        "not a url",
    ];
    let run = site.bayan(&args);
    run.assert_failure();
    let expected = "the base URL `not a url` is not an absolute address (given with --base-url)";
    assert!(run.stderr().contains(expected), "{}", run.stderr());
    assert!(!site.out().exists(), "nothing was written");
    site.build(&["--base-url", "https://x.ma/transparence"])
        .assert_success();
    assert!(
        site.read("out/sitemap.xml")
            .contains("<loc>https://x.ma/transparence/fr/</loc>")
    );
}

#[test]
fn build_refuses_an_output_inside_a_folder_it_reads() {
    let site = Site::default_site();
    let before = tree(site.root());
    for output in ["themes/default/static/x", "content/news/out", "data/public"] {
        let run = site.bayan(&[
            "build",
            "--root",
            path_str(site.root()),
            "--output",
            &site.path(output).to_string_lossy(),
        ]);
        run.assert_failure();
        assert!(
            run.stderr().contains("which Bayan reads"),
            "{output}: {}",
            run.stderr()
        );
    }
    assert!(before == tree(site.root()), "the site changed");
}

#[test]
fn a_site_static_file_over_the_theme_one_is_an_override_listed_with_verbose() {
    let site = Site::default_site();
    site.write("static/css/site.css", "body { color: black }\n");
    let run = site.build(&["--verbose"]);
    run.assert_success();
    assert!(
        run.stderr()
            .contains("the site's static/css/site.css replaces the theme's"),
        "{}",
        run.stderr()
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&site.read("out/asset-manifest.json")).expect("manifest");
    let css = manifest["css/site.css"]
        .as_str()
        .expect("the style sheet's published name");
    assert_eq!(site.read(&format!("out/{css}")), "body { color: black }\n");
}

#[test]
fn markdown_files_that_are_not_read_are_named_in_a_warning() {
    let site = Site::default_site();
    let article = site.read("content/news/2023-08-08-convention-ess.fr.md");
    site.write("content/news/2025-01-01-majuscules.fr.MD", &article);
    site.write("content/news/2025-01-02-long.fr.markdown", &article);
    site.write(
        "content/news/.2025-01-03-cache.fr.md.swp",
        "editor swap file",
    );
    let run = site.build(&[]);
    let stderr = run.stdout();
    for name in ["2025-01-01-majuscules.fr.MD", "2025-01-02-long.fr.markdown"] {
        assert!(
            stderr.contains(&format!("content/news/{name}")) && stderr.contains("must end in .md"),
            "{name}: {stderr}"
        );
    }
    assert!(
        !stderr.contains(".swp"),
        "hidden files stay quiet: {stderr}"
    );
}

#[test]
fn links_inside_the_site_are_read_as_the_files_they_point_to() {
    let site = Site::default_site();
    fs::create_dir_all(site.path("drafts")).expect("folder");
    let article = site.read("content/news/2023-08-08-convention-ess.fr.md");
    let article = article.replace("title = \"", "title = \"Lien : ");
    site.write("drafts/2025-02-02-lien.fr.md", &article);
    std::os::unix::fs::symlink(
        "../../drafts/2025-02-02-lien.fr.md",
        site.path("content/news/2025-02-02-lien.fr.md"),
    )
    .expect("article link");
    fs::create_dir_all(site.path("static")).expect("static folder");
    site.write("drafts/note.txt", "shared file\n");
    std::os::unix::fs::symlink("../drafts/note.txt", site.path("static/note.txt"))
        .expect("static link");
    let run = site.build(&[]);
    assert!(run.stdout().is_empty(), "no warning: {}", run.stdout());
    assert!(
        site.read("out/fr/actualites/2025-02-02-lien/index.html")
            .contains("Lien : ")
    );
    assert_eq!(site.read("out/note.txt"), "shared file\n");
}
