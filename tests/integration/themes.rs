//! The default theme is built into the binary: a site needs no `themes/`
//! folder; `bayan theme eject` copies it out; a theme folder and the site's
//! own files override it file by file.

use std::fs;

use crate::support::{Site, differences, path_str, repo, tree};

#[test]
fn a_site_without_a_themes_folder_builds_the_same_site() {
    let with = Site::default_site();
    with.build(&[]);
    let without = Site::default_site();
    fs::remove_dir_all(without.path("themes")).expect("remove themes/");
    without.build(&[]);
    let (a, b) = (tree(&with.out()), tree(&without.out()));
    assert!(a.len() > 200, "the default site has files: {}", a.len());
    assert!(a == b, "{:?}", differences(&a, &b));
}

#[test]
fn eject_copies_the_built_in_theme_and_never_overwrites() {
    let site = Site::default_site();
    fs::remove_dir_all(site.path("themes")).expect("remove themes/");
    let root = path_str(site.root());
    site.bayan(&["--root", root, "theme", "eject"])
        .assert_success();
    let ejected = tree(&site.path("themes/default"));
    let shipped = tree(&repo().join("themes/default"));
    assert!(shipped.len() > 20, "the theme has files: {}", shipped.len());
    assert!(ejected == shipped, "{:?}", differences(&ejected, &shipped));

    site.write("themes/default/static/css/site.css", "/* mine */\n");
    let again = site.bayan(&["--root", root, "theme", "eject"]);
    again.assert_failure();
    assert!(
        again.stderr().contains("already has this file"),
        "{}",
        again.stderr()
    );
    assert_eq!(
        site.read("themes/default/static/css/site.css"),
        "/* mine */\n"
    );
}

#[test]
fn a_theme_folder_overrides_the_built_in_theme_file_by_file() {
    let site = Site::default_site();
    fs::remove_dir_all(site.path("themes")).expect("remove themes/");
    fs::create_dir_all(site.path("themes/sombre/static/css")).expect("theme folder");
    site.write(
        "themes/sombre/static/css/site.css",
        "body { background: black }\n",
    );
    let config = site.read("site.toml");
    assert!(config.contains("theme = \"default\""));
    let config = config.replacen("theme = \"default\"", "theme = \"sombre\"", 1);
    site.write("site.toml", config);
    site.build(&[]);
    let manifest: serde_json::Value =
        serde_json::from_str(&site.read("out/asset-manifest.json")).expect("manifest");
    let css = manifest["css/site.css"]
        .as_str()
        .expect("the style sheet's published name");
    assert_eq!(
        site.read(&format!("out/{css}")),
        "body { background: black }\n"
    );
    // Everything else still comes from the built-in theme.
    assert!(site.read("out/fr/index.html").contains("<main"));
    let js = manifest["js/site.js"]
        .as_str()
        .expect("the script's published name");
    assert!(site.path(&format!("out/{js}")).exists());
}

#[test]
fn a_site_may_override_the_components_template_without_defining_them_twice() {
    let site = Site::default_site();
    fs::remove_dir_all(site.path("themes")).expect("remove themes/");
    let shipped = fs::read_to_string(repo().join("themes/default/templates/components.html"))
        .expect("the theme's components");
    assert!(
        shipped.contains("{% component"),
        "components are defined there"
    );
    // An ejected copy kept after an upgrade, or a site's own tweak.
    site.write(
        "templates/components.html",
        format!("{{# the site's copy #}}\n{shipped}"),
    );
    site.build(&[]);
    assert!(site.read("out/fr/index.html").contains("<main"));
}
