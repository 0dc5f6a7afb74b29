//! What `datapackage.json` says about where the data comes from and who
//! may reuse it (Frictionless Data Package: `licenses`, `sources`,
//! `contributors`, `created`, `version`). Dates come from declarations,
//! never from the clock, so the same input gives the same file.

use serde_json::{Value as Json, json};

use crate::config::trust::Licence;
use crate::model::Site;

/// Adds the declared licence, sources, publisher and latest release.
pub fn describe(site: &Site<'_>, lang: &str, package: &mut Json) {
    let config = site.config;
    if let Some(licence) = &config.datasets.licence {
        package["licenses"] = json!([licence_json(licence)]);
    }
    let sources: Vec<Json> = (config.datasets.sources.iter())
        .map(|source| {
            let mut out = json!({ "title": in_language(&source.title, lang) });
            if let Some(url) = &source.url {
                out["path"] = json!(url);
            }
            out
        })
        .collect();
    if !sources.is_empty() {
        package["sources"] = json!(sources);
    }
    if let Some(publisher) = &config.publisher {
        let mut contributor = json!({
            "title": in_language(&publisher.name, lang),
            "role": "publisher",
        });
        if let Some(email) = &publisher.email {
            contributor["email"] = json!(email);
        }
        contributor["path"] = json!(config.base_url);
        package["contributors"] = json!([contributor]);
    }
    if let Some(release) = config.datasets.latest() {
        package["version"] = json!(release.version);
        package["created"] = json!(format!("{}T00:00:00Z", release.date));
    }
}

/// A licence as Frictionless writes it: `name` is the id in lower case,
/// which its schema requires.
pub fn licence_json(licence: &Licence) -> Json {
    let mut out = json!({
        "name": licence.id.to_ascii_lowercase(),
        "path": licence.url,
    });
    if let Some(title) = &licence.title {
        out["title"] = json!(title);
    }
    out
}

fn in_language<'a>(texts: &'a std::collections::BTreeMap<String, String>, lang: &str) -> &'a str {
    texts
        .get(lang)
        .or_else(|| texts.values().next())
        .map_or("", String::as_str)
}
