//! Withdrawn records (`[records] withdrawn = { date, reason }`): a page
//! at the record's address in every language says it was withdrawn, when
//! and why; no total, list, index, download or sitemap counts it, and the
//! totals name it beside them.

use crate::support::{Site, attrs, pages, texts};

const WATER_PAGES: [(&str, &str); 3] = [
    ("/fr/chantiers/aep-2021-03/", "5 novembre 2024"),
    ("/ar/awras/aep-2021-03/", "5 نونبر 2024"),
    ("/zgh/ikerrazn/aep-2021-03/", "5 ⵏⵓⵡⴰⵏⴱⵉⵔ 2024"),
];

#[test]
fn a_withdrawn_record_keeps_its_page_in_every_language_saying_when_and_why() {
    let site = Site::fixture("water");
    site.build(&[]);
    for (url, date) in WATER_PAGES {
        let page = site.page(url);
        assert_eq!(
            attrs(&page, "meta[name=robots]", "content"),
            ["noindex"],
            "{url}"
        );
        assert_eq!(
            texts(&page, "article time"),
            [date_sentence(url, date)],
            "{url}"
        );
        let reason = texts(&page, "article dd").join(" ");
        assert!(reason.contains("AEP-2022-01"), "{url}: {reason}");
    }
    let french = site.page("/fr/chantiers/aep-2021-03/");
    assert_eq!(texts(&french, "h1"), ["Azrou"]);
    assert!(
        texts(&french, "article")
            .join(" ")
            .contains("Ce projet a été retiré")
    );
    let arabic = texts(&site.page("/ar/awras/aep-2021-03/"), "article dd").join(" ");
    assert!(arabic.contains("الدوار مزود من ثقب أكوني"), "{arabic}");
    // No Amazigh reason: the French one, marked as such.
    let amazigh = site.read("out/zgh/ikerrazn/aep-2021-03/index.html");
    let reason = amazigh.split("<dd>").nth(1).unwrap_or("");
    assert!(reason.contains("lang=\"fr\""), "{reason}");
    assert!(reason.contains("class=\"untranslated\""), "{reason}");
}

fn date_sentence(url: &str, date: &str) -> String {
    match &url[1..3] {
        "fr" => format!("Retiré le {date}"),
        "ar" => format!("سُحب بتاريخ {date}"),
        _ => format!("ⵉⵜⵜⵓⴽⴽⵙ ⴳ {date}"),
    }
}

#[test]
fn a_withdrawn_record_is_counted_nowhere_and_named_beside_the_totals() {
    let site = Site::fixture("water");
    let run = site.build(&[]);
    // 8 rows, one withdrawn.
    assert!(run.stderr().contains("· 7 records ·"), "{}", run.stderr());
    let record = "/fr/chantiers/aep-2021-03/";
    for list in ["/fr/", "/fr/chantiers/", "/fr/telechargements/"] {
        let page = site.page(list);
        let links = attrs(&page, "a", "href");
        let to_it = links.iter().filter(|h| *h == record).count();
        assert_eq!(to_it, 1, "{list}: only the notice links to it");
        let notice = texts(&page, ".withdrawn-notice").join(" ");
        assert!(
            notice.contains("AEP-2021-03") && notice.contains("Azrou"),
            "{list}: {notice}"
        );
    }
    // Nothing but pages names it: no download, index, feed or sitemap.
    let out = site.out();
    let mut files = 0;
    for entry in walk(&out) {
        let name = entry.to_string_lossy().to_string();
        // Pages (and the list of their addresses) may name it.
        if name.ends_with(".html") || name.ends_with(".xlsx") || name.ends_with("addresses.json") {
            continue;
        }
        files += 1;
        let text = String::from_utf8_lossy(&std::fs::read(&entry).expect("read")).to_string();
        assert!(
            !text.contains("AEP-2021-03") && !text.contains("aep-2021-03"),
            "{name}"
        );
    }
    assert!(files > 10, "the site has downloads and indexes: {files}");
    assert!(pages(&out).contains_key(record), "the page is there");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            found.extend(walk(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// The default site: withdrawing a project takes exactly its amount out
/// of the totals and its row out of the downloads.
#[test]
fn withdrawing_a_default_site_project_takes_it_out_of_every_total() {
    let site = Site::default_site();
    site.build(&[]);
    let before = texts(&site.page("/fr/"), "dl.figures dd").join(" | ");
    withdraw_in_default_site(&site, "TTA-2023-004");
    let run = site.build(&[]);
    assert!(run.stderr().contains("· 59 records ·"), "{}", run.stderr());
    let after = texts(&site.page("/fr/"), "dl.figures dd").join(" | ");
    assert_ne!(before, after, "the totals change");
    // TTA-2023-004 committed 84 447,50 DH: the total is that much lower.
    let cents = |text: &str| -> i64 {
        let first = text.split(" | ").next().unwrap_or("");
        let (whole, fraction) = first.split_once(',').unwrap_or((first, "00"));
        let digits = |t: &str| t.chars().filter(char::is_ascii_digit).collect::<String>();
        let number = format!(
            "{}{:0<2}",
            digits(whole),
            &digits(fraction)[..2.min(digits(fraction).len())]
        );
        number
            .parse()
            .unwrap_or_else(|_| panic!("an amount: {first}"))
    };
    assert_eq!(
        cents(&before) - cents(&after),
        8_444_750,
        "{before} / {after}"
    );
    let json = site.read("out/data/projects.json");
    assert!(!json.contains("TTA-2023-004"), "the download leaves it out");
    let page = site.page("/fr/projets/tta-2023-004/");
    assert!(
        texts(&page, "article")
            .join(" ")
            .contains("Fusionné avec TTA-2023-002")
    );
}

/// The corrections log names a withdrawn record: its link leads to the
/// page that says when and why it went.
#[test]
fn the_corrections_log_links_a_withdrawn_record_to_its_page() {
    let site = Site::default_site();
    withdraw_in_default_site(&site, "TTA-2023-004");
    site.build(&[]);
    let log = attrs(&site.page("/fr/corrections/"), "a", "href");
    assert!(
        log.contains(&"/fr/projets/tta-2023-004/".to_string()),
        "{log:?}"
    );
}

/// Declares the withdrawal columns in the default site and withdraws `id`.
fn withdraw_in_default_site(site: &Site, id: &str) {
    let csv = site.read("data/projects.csv");
    let mut lines: Vec<String> = Vec::new();
    for (i, line) in csv.lines().enumerate() {
        lines.push(match i {
            0 => format!("{line},withdrawn_on,withdrawal_reason_fr,withdrawal_reason_ar"),
            _ if line.starts_with(&format!("{id},")) => {
                format!("{line},2025-02-10,Fusionné avec TTA-2023-002,مدمج مع TTA-2023-002")
            }
            _ => format!("{line},,,"),
        });
    }
    site.write("data/projects.csv", lines.join("\n") + "\n");
    let schema = site.read("data/projects.schema.toml");
    let fields = "\n[[fields]]\nname = \"withdrawn_on\"\ntype = \"date\"\n\n[[fields]]\nname = \"withdrawal_reason\"\ntype = \"string\"\ntranslated = true\n";
    let (head, tail) = schema
        .split_once("\n[[foreignKeys]]")
        .expect("the schema has foreign keys");
    site.write(
        "data/projects.schema.toml",
        format!("{head}{fields}\n[[foreignKeys]]{tail}"),
    );
    let config = site.read("site.toml").replacen(
        "per_page = 20\n",
        "per_page = 20\nwithdrawn = { date = \"withdrawn_on\", reason = \"withdrawal_reason\" }\n",
        1,
    );
    site.write("site.toml", config);
}
