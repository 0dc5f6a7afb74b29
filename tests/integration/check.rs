//! `bayan check` on the rendered site: broken links, missing anchors and
//! images, images without a text alternative, a missing translation and a
//! root-absolute address in a template, each at its file, line and column;
//! the three formats, the JSON shape, the exit status, `--deny-warnings`,
//! `--external`.

use std::io::{Read, Write};
use std::net::TcpListener;

use crate::support::{Run, Site, attrs, pages, parse, path_str, repo};

/// The default site with the fixture `tests/fixtures/check/links/` over it.
fn broken_site() -> Site {
    let site = Site::default_site();
    site.overlay(&repo().join("tests/fixtures/check/links"), &[]);
    site
}

fn check(site: &Site, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--root", path_str(site.root())];
    args.extend_from_slice(extra);
    site.bayan(&args)
}

#[test]
fn check_reports_links_anchors_images_translations_and_template_addresses() {
    let site = broken_site();
    let run = check(&site, &[]);
    run.assert_failure();
    assert_eq!(run.output.status.code(), Some(1));
    insta::assert_snapshot!("check_human", run.stderr());
}

#[test]
fn check_prints_github_annotations() {
    let run = check(&broken_site(), &["--format", "github"]);
    assert_eq!(run.output.status.code(), Some(1));
    insta::assert_snapshot!("check_github", run.stdout());
}

/// The documented shape of one `--format json` line: these keys, always.
const JSON_KEYS: [&str; 9] = [
    "severity", "code", "file", "line", "column", "message", "label", "notes", "hint",
];

#[test]
fn check_json_lines_have_the_documented_shape() {
    let run = check(&broken_site(), &["--format", "json"]);
    assert_eq!(run.output.status.code(), Some(1));
    let stdout = run.stdout();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect();
    assert!(lines.len() >= 6, "{stdout}");
    for value in &lines {
        let object = value.as_object().expect("an object per line");
        let keys: Vec<&str> = object.keys().map(String::as_str).collect();
        let mut expected = JSON_KEYS.to_vec();
        expected.sort_unstable();
        let mut keys = keys;
        keys.sort_unstable();
        assert_eq!(keys, expected, "{value}");
        assert!(matches!(
            value["severity"].as_str(),
            Some("error" | "warning")
        ));
        assert!(value["message"].is_string() && value["notes"].is_array());
        for key in ["code", "file", "label", "hint"] {
            assert!(
                value[key].is_string() || value[key].is_null(),
                "{key}: {value}"
            );
        }
        for key in ["line", "column"] {
            assert!(
                value[key].is_u64() || value[key].is_null(),
                "{key}: {value}"
            );
        }
    }
    let codes: Vec<&str> = lines.iter().filter_map(|v| v["code"].as_str()).collect();
    for code in [
        "link-broken",
        "anchor-missing",
        "image-missing",
        "image-alt-missing",
        "translation-missing-document",
        "template-root-absolute",
    ] {
        assert!(codes.contains(&code), "no {code} in {codes:?}");
    }
}

#[test]
fn warnings_pass_unless_denied() {
    let site = Site::default_site();
    let template = repo().join("tests/fixtures/check/links/templates/404.html");
    site.write(
        "templates/404.html",
        std::fs::read(template).expect("read fixture"),
    );
    let run = check(&site, &[]);
    run.assert_success();
    let stderr = run.stderr();
    assert!(stderr.contains("root-absolute address `/fr/`"), "{stderr}");
    assert!(stderr.contains("0 errors, 1 warning"), "{stderr}");
    let denied = check(&site, &["--deny-warnings"]);
    assert_eq!(denied.output.status.code(), Some(1), "{}", denied.stderr());
    assert!(denied.stderr().contains("--deny-warnings"));
}

#[test]
fn a_sub_path_base_url_turns_root_absolute_links_into_errors() {
    let run = check(
        &broken_site(),
        &[
            "--base-url",
            "https://x.ma/transparence/",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.output.status.code(), Some(1));
    let stdout = run.stdout();
    let outside: Vec<&str> = stdout
        .lines()
        .filter(|l| l.contains("\"code\":\"link-outside-base\""))
        .collect();
    assert!(
        outside
            .iter()
            .any(|l| l.contains("\"file\":\"templates/404.html\",\"line\":4,\"column\":13")),
        "{stdout}"
    );
    // The default site itself passes under a sub-path.
    let clean = check(
        &Site::default_site(),
        &[
            "--base-url",
            "https://x.ma/transparence/",
            "--deny-warnings",
        ],
    );
    clean.assert_success();
}

/// A server on a free local port answering 404 to every request.
fn not_found_server() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    let address = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buffer = [0u8; 4096];
            let _ = stream.read(&mut buffer);
            let _ = stream.write_all(
                b"HTTP/1.1 404 Not Found\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
            );
        }
    });
    format!("http://{address}/disparu")
}

#[test]
fn external_links_are_asked_only_with_external() {
    let site = Site::default_site();
    let url = not_found_server();
    let article =
        format!("+++\ntitle = \"Ailleurs\"\ndate = 2025-07-11\n+++\n\nVoir [ailleurs]({url}).\n");
    site.write("content/news/2025-07-11-ailleurs.fr.md", &article);
    site.write(
        "content/news/2025-07-11-ailleurs.ar.md",
        article.replace("Ailleurs", "هناك"),
    );
    let quiet = check(&site, &["--format", "json"]);
    quiet.assert_success();
    assert!(
        !quiet.stdout().contains("external-link-broken"),
        "{}",
        quiet.stdout()
    );
    let asked = check(&site, &["--format", "json", "--external"]);
    let stdout = asked.stdout();
    let line = stdout
        .lines()
        .find(|l| l.contains("external-link-broken"))
        .unwrap_or_else(|| panic!("no external link reported:\n{stdout}"));
    assert!(line.contains(&url) && line.contains("HTTP 404"), "{line}");
}

#[test]
fn a_template_link_broken_on_every_page_is_reported_once_with_the_page_count() {
    let site = Site::default_site();
    site.write(
        "templates/base.html",
        "{% extends \"theme/base.html\" %}\n{% block scripts %}<a href=\"{{ site.links.home }}nulle-part/\">x</a>{% endblock scripts %}\n",
    );
    let run = check(&site, &["--format", "json"]);
    assert_eq!(run.output.status.code(), Some(1), "{}", run.stderr());
    let stdout = run.stdout();
    let broken: Vec<serde_json::Value> = stdout
        .lines()
        .filter(|l| l.contains("nulle-part"))
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    // One per language (the link differs: /fr/nulle-part/, /ar/nulle-part/).
    assert_eq!(broken.len(), 2, "{stdout}");
    for value in &broken {
        assert_eq!(value["code"], "link-broken");
        let notes: Vec<&str> = value["notes"]
            .as_array()
            .expect("notes")
            .iter()
            .filter_map(|n| n.as_str())
            .collect();
        assert!(
            notes.contains(&"written by a template through a variable"),
            "{value}"
        );
        let count = notes
            .iter()
            .find_map(|n| n.strip_prefix("on ")?.split(" pages").next());
        let pages: usize = count.and_then(|c| c.parse().ok()).unwrap_or(0);
        assert!(pages > 50, "{value}");
    }
}

/// Every download link of every page (`<a download>`: per record, per
/// facet value, the tables, the readable CSV and workbook, the IATI file)
/// and every share picture must be a file the build writes: `check`
/// resolves them like any link, and CI runs this test.
#[test]
fn check_resolves_every_download_link_of_every_page() {
    let site = Site::default_site();
    site.build(&[]).assert_success();
    let mut kinds = std::collections::BTreeMap::<String, usize>::new();
    for path in pages(&site.out()).values() {
        for href in attrs(&parse(path), "a[download]", "href") {
            let kind = href.rsplit('.').next().unwrap_or_default().to_string();
            *kinds.entry(kind).or_default() += 1;
        }
    }
    assert!(kinds.get("csv").is_some_and(|n| *n > 120), "{kinds:?}");
    for kind in ["json", "xlsx", "xml"] {
        assert!(kinds.contains_key(kind), "{kinds:?}");
    }
    check(&site, &["--deny-warnings"]).assert_success();
    // A download link that leads to no file is an error, for each record.
    let partial = "templates/partials/record_downloads.html";
    let theme = site.read(&format!("themes/default/{partial}"));
    site.write(
        partial,
        theme.replace("{{ record.download }}", "{{ record.download }}x"),
    );
    let run = check(&site, &[]);
    assert_eq!(run.output.status.code(), Some(1));
    let stderr = run.stderr();
    let broken = stderr
        .lines()
        .filter(|l| l.starts_with("error: the link `/data/projects/tta-") && l.contains(".csvx`"))
        .count();
    assert_eq!(broken, 60, "{stderr}");
}
