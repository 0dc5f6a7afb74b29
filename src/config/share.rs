//! `[share_image]`: a picture the site declares for link previews, used by
//! every page instead of the generated ones (`[outputs] share_images`).

use std::collections::BTreeMap;

use toml::Spanned;

use super::raw::PerLanguage;
use super::validate::Validator;
use crate::diagnostics::Location;

#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShareImage {
    /// A PNG or JPEG file of `static/`, such as `images/share.png`.
    pub src: Spanned<String>,
    /// What the picture shows, per language, for people who cannot see it.
    pub alt: PerLanguage,
}

/// The declared picture; its size is read from the file by the model.
#[derive(Debug, Clone)]
pub struct ShareImage {
    /// Under `static/`, without a leading slash.
    pub src: String,
    pub alt: BTreeMap<String, String>,
    /// Where `src` is written in `site.toml`, for a missing file.
    pub src_at: Location,
}

impl Validator<'_> {
    pub(super) fn share_image(&mut self, raw: RawShareImage, codes: &[String]) -> ShareImage {
        let path = raw.src.get_ref().trim_start_matches('/');
        let lower = path.to_ascii_lowercase();
        let picture = [".png", ".jpg", ".jpeg"].iter().any(|e| lower.ends_with(e));
        let inside = path.split('/').all(|part| !part.is_empty() && part != "..");
        if !(picture && inside) {
            self.error(
                format!("the share image `{path}` is not a PNG or JPEG file of the site"),
                raw.src.span(),
            )
            .hint = Some(
                "give the path of a .png or .jpg file under static/, such as images/share.png"
                    .into(),
            );
        }
        for code in codes {
            if !raw.alt.keys().any(|lang| lang.get_ref() == code) {
                self.error(
                    format!("the share image has no description (`alt`) in `{code}`"),
                    raw.src.span(),
                )
                .hint = Some(format!(
                    "describe the picture in every language, such as alt = {{ {code} = \"…\" }}"
                ));
            }
        }
        ShareImage {
            src: path.to_string(),
            src_at: Location::at(self.text, raw.src.span()),
            alt: self.labels(raw.alt, codes),
        }
    }
}
