//! Page addresses: one function per kind of page, so every URL of the site
//! is built the same way. Paths start and end with `/`; the file written for
//! a path is `index.html` inside it.

/// The folder of the data downloads, at the root of the output.
pub const DATA_DIR: &str = "data";

/// `data/projects/province/tetouan.csv`: the records of one facet value,
/// one file for every language (the rows are the same).
pub fn facet_download(table: &str, field: &str, value_slug: &str, extension: &str) -> String {
    format!("{DATA_DIR}/{table}/{field}/{value_slug}.{extension}")
}

/// `data/projects/tta-2023-001.csv`: one record's row.
pub fn record_download(table: &str, record_slug: &str) -> String {
    format!("{DATA_DIR}/{table}/{record_slug}.csv")
}

/// `data/projects.fr.csv`, `data/projects.fr.xlsx`: a table for people,
/// with titles and labels in one language.
pub fn readable_download(table: &str, lang: &str, extension: &str) -> String {
    format!("{DATA_DIR}/{table}.{lang}.{extension}")
}

/// `data/iati-activities.xml`: the records as IATI activities.
pub fn iati_activities() -> String {
    format!("{DATA_DIR}/iati-activities.xml")
}

/// The full address of a site path: `https://host/` + `fr/projets/`.
pub fn absolute(base_url: &str, path: &str) -> String {
    format!("{base_url}{}", path.trim_start_matches('/'))
}

/// The path part of the base URL, where the site lives on its host:
/// `/` for `https://x.ma/`, `/transparence/` for `https://x.ma/transparence/`.
/// Links are root-relative with this prefix: one form on every page,
/// whatever its depth, and the same as a root deployment when it is `/`.
pub fn base_path(base_url: &str) -> String {
    let path = url::Url::parse(base_url).map_or_else(|_| "/".to_string(), |u| u.path().to_string());
    format!("{}/", path.trim_end_matches('/'))
}

/// The link to a site path from any page: `/transparence/` + `fr/projets/`.
pub fn href(base_path: &str, path: &str) -> String {
    format!("{base_path}{}", path.trim_start_matches('/'))
}

/// A link an author wrote: a path from the site's root (`/images/a.jpg`)
/// is put under the base path; any other link stays as written.
pub fn site_link(base_path: &str, link: &str) -> String {
    if link.starts_with('/') && !link.starts_with("//") {
        href(base_path, link)
    } else {
        link.to_string()
    }
}

/// `/fr/actualites/atom.xml`: a language's feed, beside its news list.
pub fn feed(news: &str) -> String {
    format!("{news}atom.xml")
}

/// The widths the build makes of a photo, for `srcset`: a phone fetches
/// the smallest that fills its screen, never the camera's original.
pub const IMAGE_WIDTHS: [u32; 3] = [480, 960, 1600];

/// One width of a photo, written beside it: `/images/visite-480w.jpg`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImageVariant {
    pub path: String,
    pub width: u32,
    pub height: u32,
}

/// The widths made of the photo at `src` of the given size, smallest
/// first: each of [`IMAGE_WIDTHS`] below its width, and its own width (at
/// most the largest), so even a small photo is sent re-compressed.
pub fn image_variants(src: &str, size: crate::content::images::ImageSize) -> Vec<ImageVariant> {
    let largest = IMAGE_WIDTHS[IMAGE_WIDTHS.len() - 1];
    let mut widths: Vec<u32> = IMAGE_WIDTHS
        .iter()
        .copied()
        .filter(|w| *w < size.width)
        .collect();
    widths.push(size.width.min(largest));
    widths.dedup();
    let (stem, extension) = src.rsplit_once('.').unwrap_or((src, "jpg"));
    widths
        .into_iter()
        .map(|width| ImageVariant {
            path: format!("{stem}-{width}w.{}", extension.to_ascii_lowercase()),
            width,
            height: scaled_height(size, width),
        })
        .collect()
}

fn scaled_height(size: crate::content::images::ImageSize, width: u32) -> u32 {
    let height = u64::from(size.height) * u64::from(width) / u64::from(size.width.max(1));
    u32::try_from(height).unwrap_or(u32::MAX).max(1)
}

/// `/fr/projets/`
pub fn section(lang: &str, slug: &str) -> String {
    format!("/{lang}/{slug}/")
}

/// `/fr/`
pub fn home(lang: &str) -> String {
    format!("/{lang}/")
}

/// `/fr/projets/` for page 1, `/fr/projets/page/2/` after.
pub fn paginated(base: &str, page: usize) -> String {
    if page <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{page}/")
    }
}

/// `/fr/projets/tta-2023-001/`
pub fn child(base: &str, slug: &str) -> String {
    format!("{base}{slug}/")
}

/// The longest slug, in characters (all ASCII): a longer one makes paths
/// some file systems refuse.
pub const MAX_SLUG: usize = 100;

/// A record's permanent slug, built from its id: lowercase, and every
/// character outside `[a-z0-9-]` becomes a hyphen. `None` when nothing
/// usable is left (the caller reports it).
pub fn slug_of_id(id: &str) -> Option<String> {
    let slug: String = id
        .trim()
        .chars()
        .map(|c| {
            let c = c.to_ascii_lowercase();
            if c.is_ascii_lowercase() || c.is_ascii_digit() {
                c
            } else {
                '-'
            }
        })
        .collect();
    let slug = slug.trim_matches('-').to_string();
    let usable = !slug.is_empty() && slug.len() <= MAX_SLUG && slug.chars().any(|c| c != '-');
    (usable && !is_reserved(&slug)).then_some(slug)
}

/// Whether a slug is a name Windows reserves for a device (`con`, `nul`,
/// `com1`…): a folder of that name cannot be published to a Windows share,
/// so the build refuses it at the cell, as `check` does.
pub fn is_reserved(slug: &str) -> bool {
    crate::sink::is_reserved_name(slug)
}

/// The file a page path is written to, relative to the output folder.
pub fn file_of(path: &str) -> String {
    let trimmed = path.trim_start_matches('/');
    if trimmed.is_empty() || trimmed.ends_with('/') {
        format!("{trimmed}index.html")
    } else {
        trimmed.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_section_child_and_pagination_paths() {
        let base = section("fr", "projets");
        assert_eq!(base, "/fr/projets/");
        assert_eq!(paginated(&base, 1), "/fr/projets/");
        assert_eq!(paginated(&base, 3), "/fr/projets/page/3/");
        assert_eq!(child(&base, "tta-2023-001"), "/fr/projets/tta-2023-001/");
        assert_eq!(home("ar"), "/ar/");
    }

    #[test]
    fn slugs_ids_safely() {
        assert_eq!(slug_of_id("TTA-2023-001").as_deref(), Some("tta-2023-001"));
        assert_eq!(slug_of_id("../etc/passwd").as_deref(), Some("etc-passwd"));
        assert_eq!(slug_of_id("A B/C").as_deref(), Some("a-b-c"));
        assert_eq!(slug_of_id("مشروع"), None);
        assert_eq!(slug_of_id("CON"), None);
        assert_eq!(slug_of_id("com1"), None);
        assert_eq!(slug_of_id("CON-1").as_deref(), Some("con-1"));
        assert_eq!(slug_of_id(""), None);
    }

    #[test]
    fn a_photo_gets_the_widths_below_its_own_and_its_own_at_most_the_largest() {
        use crate::content::images::ImageSize;
        let camera = image_variants(
            "/images/visite.JPG",
            ImageSize {
                width: 4000,
                height: 3000,
            },
        );
        let widths: Vec<(u32, u32)> = camera.iter().map(|v| (v.width, v.height)).collect();
        assert_eq!(widths, [(480, 360), (960, 720), (1600, 1200)]);
        assert_eq!(camera[0].path, "/images/visite-480w.jpg");
        let small = image_variants(
            "/images/logo.png",
            ImageSize {
                width: 700,
                height: 100,
            },
        );
        let widths: Vec<u32> = small.iter().map(|v| v.width).collect();
        assert_eq!(widths, [480, 700]);
    }

    #[test]
    fn prefixes_links_with_the_base_path() {
        assert_eq!(base_path("https://x.ma/"), "/");
        assert_eq!(base_path("https://x.ma/transparence/"), "/transparence/");
        assert_eq!(
            href("/transparence/", "/fr/projets/"),
            "/transparence/fr/projets/"
        );
        assert_eq!(href("/", "/fr/"), "/fr/");
        assert_eq!(site_link("/t/", "/images/a.jpg"), "/t/images/a.jpg");
        assert_eq!(
            site_link("/t/", "//cdn.example/a.jpg"),
            "//cdn.example/a.jpg"
        );
        assert_eq!(site_link("/t/", "https://x.ma/a.jpg"), "https://x.ma/a.jpg");
    }

    #[test]
    fn maps_paths_to_files() {
        assert_eq!(file_of("/"), "index.html");
        assert_eq!(file_of("/fr/projets/"), "fr/projets/index.html");
        assert_eq!(file_of("/sitemap.xml"), "sitemap.xml");
    }
}
