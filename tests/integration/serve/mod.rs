//! `bayan serve` driven over HTTP on a free loopback port: pages served
//! from memory, rebuilt and announced on save, errors shown over the last
//! good site, and requests outside the site refused.

mod client;

use client::{Server, wait_for_line, wait_for_line_that};

use crate::support::Site;

const ARTICLE: &str = "content/news/2023-08-08-convention-ess.fr.md";
const ARTICLE_URL: &str = "/fr/actualites/2023-08-08-convention-ess/";
const OLD_TITLE: &str = "Une convention de 10 millions de dirhams";

#[test]
fn serves_pages_with_the_reload_script_and_a_draft_with_its_banner() {
    let site = Site::default_site();
    let draft =
        "+++\ntitle = \"Visite en préparation\"\ndate = 2024-05-01\ndraft = true\n+++\n\nTexte.\n";
    site.write("content/news/2024-05-01-visite.fr.md", draft);
    let server = Server::start(site.root(), &[]);
    let home = server.get("/fr/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("<script src=\"/__bayan/live.js\""));
    assert!(
        !home.body.contains("bayan-overlay"),
        "no overlay on a good build"
    );
    let script = server.get("/__bayan/live.js");
    assert_eq!(script.status, 200);
    assert!(script.body.contains("EventSource"), "{}", script.body);
    let draft = server.get("/fr/actualites/2024-05-01-visite/");
    assert_eq!(draft.status, 200);
    assert!(
        draft.body.contains("class=\"draft-banner\""),
        "{}",
        draft.body
    );
}

#[test]
fn an_article_edit_is_served_and_announced_to_open_tabs() {
    let site = Site::default_site();
    let server = Server::start(site.root(), &[]);
    edit_the_article_and_see_it_reloaded(&site, &server);
}

#[test]
fn an_edit_is_seen_when_serve_runs_in_the_site_folder_without_root() {
    let site = Site::default_site();
    let server = Server::start_in(site.root());
    edit_the_article_and_see_it_reloaded(&site, &server);
}

fn edit_the_article_and_see_it_reloaded(site: &Site, server: &Server) {
    assert!(server.get(ARTICLE_URL).body.contains(OLD_TITLE));
    let events = server.events();
    wait_for_line(&events, "event: hello");
    let text = site
        .read(ARTICLE)
        .replace(OLD_TITLE, "Un titre changé pendant l'aperçu");
    site.write(ARTICLE, text);
    server.wait_for(ARTICLE_URL, "the new title", |r| {
        r.body.contains("Un titre changé pendant l")
    });
    wait_for_line(&events, "event: reload");
}

#[test]
fn a_broken_csv_shows_the_overlay_over_the_last_good_site_until_fixed() {
    let site = Site::default_site();
    let server = Server::start(site.root(), &[]);
    let project = "/fr/projets/tta-2023-001/";
    let before = server.get(project);
    assert_eq!(before.status, 200);
    let good = site.read("data/projects.csv");
    let (header, rest) = good.split_once('\n').expect("a header line");
    let broken_row = rest.replacen(",2023,", ",deux mille,", 1);
    assert_ne!(broken_row, rest, "the first row has a year to break");
    site.write("data/projects.csv", format!("{header}\n{broken_row}"));
    let page = server.wait_for(project, "the overlay", |r| r.body.contains("bayan-overlay"));
    assert_eq!(page.status, 200);
    for expected in [
        "role=\"dialog\"",
        "data/projects.csv:2:",
        "deux mille",
        "Conseil",
    ] {
        assert!(page.body.contains(expected), "{expected}: {}", page.body);
    }
    // The last good page is still the one served, under the overlay.
    let start = page
        .body
        .find("<div id=\"bayan-overlay\"")
        .expect("overlay");
    let end = page.body.rfind("</body>").expect("end of body");
    let under = format!("{}{}", &page.body[..start], &page.body[end..]);
    let generation = |body: &str| body.replace("data-generation=\"2\"", "data-generation=\"1\"");
    assert!(
        generation(&under) == before.body,
        "the page under the overlay changed"
    );
    // The terminal shows the diagnostic as `build` prints it, and says the
    // last good site stays served.
    let printed = wait_for_line_that(&server.log, "the summary of a failed build", |l| {
        l.starts_with("build failed (1 error)")
    });
    let caret = "┌─ data/projects.csv:2:";
    assert!(printed.iter().any(|l| l.contains(caret)), "{printed:#?}");
    // The terminal stays English; each page's overlay speaks its language.
    let english = "the cell in column `year` is not a year";
    assert!(printed.iter().any(|l| l.contains(english)), "{printed:#?}");
    let french = "la cellule de la colonne `year` n’est pas une année";
    assert!(page.body.contains(french), "{}", page.body);
    let arabic = server.get("/ar/");
    for expected in [
        "الخانة في العمود `year` ليست سنة",
        "في الموقع مشاكل",
        "dir=\"rtl\"",
    ] {
        assert!(
            arabic.body.contains(expected),
            "{expected}: {}",
            arabic.body
        );
    }
    site.write("data/projects.csv", &good);
    server.wait_for(project, "the overlay gone", |r| {
        r.status == 200 && !r.body.contains("bayan-overlay")
    });
}

#[test]
fn refuses_requests_outside_the_site_and_methods_other_than_get_and_head() {
    let site = Site::default_site();
    let server = Server::start(site.root(), &[]);
    let attempts = [
        "/../site.toml",
        "/fr/../../site.toml",
        "/%2e%2e/site.toml",
        "/%2E%2E%2Fsite.toml",
        "/..%5csite.toml",
        "/fr\\..\\..\\site.toml",
        "//etc/passwd",
        "/C:/Windows/win.ini",
        "/site.toml%00.html",
        "http://evil.example/../site.toml",
    ];
    for target in attempts {
        let response = server.get(target);
        assert_eq!(response.status, 403, "{target}");
        assert!(
            !response.body.contains("base_url"),
            "{target} read site.toml"
        );
        assert!(
            !response.body.contains("root:"),
            "{target} read /etc/passwd"
        );
    }
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let response = server.request(method, "/fr/");
        assert_eq!(response.status, 405, "{method}");
        assert_eq!(response.header("allow"), Some("GET, HEAD"), "{method}");
    }
    let head = server.request("HEAD", "/fr/");
    assert_eq!((head.status, head.body.as_str()), (200, ""));
}

#[test]
fn answers_with_content_types_and_the_site_404_page() {
    let site = Site::default_site();
    let server = Server::start(site.root(), &[]);
    for (target, expected) in [
        ("/fr/actualites/atom.xml", "application/xml; charset=utf-8"),
        ("/robots.txt", "text/plain; charset=utf-8"),
        ("/sitemap.xml", "application/xml; charset=utf-8"),
    ] {
        let response = server.get(target);
        assert_eq!(response.status, 200, "{target}");
        assert_eq!(response.header("content-type"), Some(expected), "{target}");
    }
    // Kept compressed in memory: sent as is to a client that takes gzip,
    // except pages, which get the reload script.
    let gzip = "Accept-Encoding: gzip\r\n";
    let feed = server.request_with("GET", "/fr/actualites/atom.xml", gzip);
    assert_eq!(feed.header("content-encoding"), Some("gzip"));
    let page = server.request_with("GET", "/fr/", gzip);
    assert_eq!(page.header("content-encoding"), None);
    assert!(page.body.contains("/__bayan/live.js"));
    let missing = server.get("/fr/nulle-part/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains("Page introuvable"),
        "{}",
        missing.body
    );
    let folder = server.get("/fr");
    assert_eq!(
        (folder.status, folder.header("location")),
        (301, Some("/fr/"))
    );
}

#[test]
fn the_terminal_prints_a_rebuild_s_problems_in_the_language_of_lang() {
    let site = Site::default_site();
    let server = Server::start(site.root(), &["--lang", "ar"]);
    let good = site.read("data/projects.csv");
    let (header, rest) = good.split_once('\n').expect("a header line");
    site.write(
        "data/projects.csv",
        format!("{header}\n{}", rest.replacen(",2023,", ",deux mille,", 1)),
    );
    let printed = wait_for_line_that(&server.log, "the summary of a failed build", |l| {
        l.starts_with("build failed")
    });
    let arabic = "error: الخانة في العمود `year` ليست سنة";
    assert!(printed.iter().any(|l| l == arabic), "{printed:#?}");
    let hint = "= نصيحة: اكتبوا السنة بأربعة أرقام: 2024";
    assert!(printed.iter().any(|l| l.trim() == hint), "{printed:#?}");
    assert!(
        printed.iter().any(|l| l == "الأخطاء: 1، التنبيهات: 0"),
        "{printed:#?}"
    );
}
