//! Editors' photos reach phones resized: each width written beside the
//! photo, listed in `srcset` with the page's space reserved, encoded once.

use std::fs;

use crate::support::{Site, tree};

const ARTICLE: &str = "content/news/2023-08-08-convention-ess.fr.md";

/// A 2400 × 1600 photo in `static/images/`, shown by a French article.
fn site_with_a_photo() -> Site {
    let site = Site::default_site();
    fs::create_dir_all(site.path("static/images")).expect("images folder");
    let photo = image::RgbImage::from_fn(2400, 1600, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    photo
        .save(site.path("static/images/atelier.jpg"))
        .expect("photo");
    let article = site.read(ARTICLE);
    let image = "image = { src = \"/images/atelier.jpg\", alt = \"Des artisanes au métier à tisser\" }\n+++";
    site.write(ARTICLE, article.replacen("\n+++", &format!("\n{image}"), 1));
    site
}

fn size_of(site: &Site, path: &str) -> (u32, u32) {
    image::image_dimensions(site.path(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn a_photo_is_written_at_each_width_and_listed_in_srcset() {
    let site = site_with_a_photo();
    site.build(&[]);
    assert_eq!(size_of(&site, "out/images/atelier-480w.jpg"), (480, 320));
    assert_eq!(size_of(&site, "out/images/atelier-960w.jpg"), (960, 640));
    assert_eq!(size_of(&site, "out/images/atelier-1600w.jpg"), (1600, 1066));
    let original = fs::metadata(site.path("static/images/atelier.jpg"))
        .expect("photo")
        .len();
    let small = fs::metadata(site.path("out/images/atelier-480w.jpg"))
        .expect("480")
        .len();
    assert!(
        small * 4 < original,
        "the phone's width is a fraction of the photo: {small} of {original}"
    );
    let page = site.page("/fr/actualites/2023-08-08-convention-ess/");
    let img = crate::support::selector("article img, main img");
    let img = page
        .select(&img)
        .next()
        .expect("the article shows its photo");
    assert_eq!(img.attr("src"), Some("/images/atelier-960w.jpg"));
    assert_eq!(
        img.attr("srcset"),
        Some(
            "/images/atelier-480w.jpg 480w, /images/atelier-960w.jpg 960w, /images/atelier-1600w.jpg 1600w"
        )
    );
    assert_eq!(
        (img.attr("width"), img.attr("height")),
        (Some("960"), Some("640"))
    );
    assert_eq!(img.attr("alt"), Some("Des artisanes au métier à tisser"));
}

#[test]
fn an_unchanged_photo_is_encoded_once_and_gives_the_same_bytes() {
    let site = site_with_a_photo();
    site.build(&[]);
    let cache = site.path(".bayan-cache/images");
    let cached = tree(&cache);
    assert_eq!(cached.len(), 3, "one file per width: {:?}", cached.keys());
    let first = tree(&site.out());
    // A cached width is used as it is: change it, and the output follows.
    let (name, _) = cached.iter().next().expect("a cached width");
    fs::write(cache.join(name), b"cached bytes").expect("write cache");
    site.build(&[]);
    let second = tree(&site.out());
    let changed: Vec<_> = first
        .keys()
        .filter(|k| first.get(*k) != second.get(*k))
        .collect();
    assert_eq!(
        changed.len(),
        1,
        "only the width read from the cache differs: {changed:?}"
    );
}
