//! Validation of the raw `site.toml` into the model: languages, slugs, URLs,
//! labels, key figures. Every problem is a diagnostic at its position.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use toml::Spanned;

use super::raw::{
    self, PerLanguage, RawAggregate, RawConfig, RawDirection, RawLanguage, RawSections,
};
use super::*;
use crate::diagnostics::{Diagnostic, Diagnostics, Location};

/// Validation state: the source text, to turn spans into locations.
pub(super) struct Validator<'a> {
    pub(super) text: &'a str,
    pub(super) diagnostics: &'a mut Diagnostics,
    /// Keys whose value came from the command line, not from the text.
    pub(super) from_command_line: Vec<&'static str>,
}

impl Validator<'_> {
    pub(super) fn config(&mut self, root: &Path, raw: RawConfig) -> SiteConfig {
        let languages = self.languages(raw.languages);
        let codes: Vec<String> = languages.iter().map(|l| l.code.clone()).collect();
        let default_language = self.default_language(raw.default_language, &codes);
        let sections = self.sections(raw.sections, &codes);
        let facets = raw
            .facets
            .into_iter()
            .map(|f| {
                let field = self.named(f.field);
                let slug = self.slugs(&f.slug, &field.name, &codes, "facets.slug");
                let labels = f
                    .labels
                    .into_iter()
                    .map(|(value, labels)| (value.into_inner(), self.labels(labels, &codes)))
                    .collect();
                Facet {
                    field,
                    slug,
                    labels,
                }
            })
            .collect();
        self.unique_key_figures(&raw.key_figures);
        let key_figures: Vec<KeyFigure> = raw
            .key_figures
            .into_iter()
            .map(|k| self.key_figure(k, &codes))
            .collect();
        let charts = raw
            .charts
            .into_iter()
            .map(|c| Chart {
                id: c.id,
                facet: self.named(c.facet),
                figures: c.figures.into_iter().map(|f| self.named(f)).collect(),
                title: self.labels(c.title, &codes),
            })
            .collect();
        let maps = raw.maps.into_iter().map(|m| self.map(m, &codes)).collect();
        let point_maps = raw
            .point_maps
            .into_iter()
            .map(|m| PointMap {
                table: self.named(m.table),
                latitude: self.named(m.latitude),
                longitude: self.named(m.longitude),
                figure: self.named(m.figure),
                backdrop: self.named(m.backdrop),
            })
            .collect();
        let indicators = raw.indicators.map(|i| Indicators {
            table: self.named(i.table),
            name: self.named(i.name),
            unit: self.named(i.unit),
            target: self.named(i.target),
            achieved: self.named(i.achieved),
        });
        if raw.records.per_page == 0 {
            let span = self.span_of_value("per_page");
            self.error(
                "`per_page` is 0: a list page must show at least one record".into(),
                span,
            )
            .hint = Some(
                "write a number such as per_page = 25, or remove the line for the default".into(),
            );
        }
        let records = Records {
            table: self.named(raw.records.table),
            title: self.named(raw.records.title),
            summary: raw.records.summary.map(|s| self.named(s)),
            facts: raw
                .records
                .facts
                .into_iter()
                .map(|f| self.named(f))
                .collect(),
            per_page: raw.records.per_page,
            withdrawn: raw.records.withdrawn.map(|w| super::Withdrawn {
                date: self.named(w.date),
                reason: self.named(w.reason),
            }),
        };
        let glossary = self.glossary(raw.glossary, &codes);
        let figure_ids: Vec<&str> = key_figures.iter().map(|k| k.id.as_str()).collect();
        let declared_figures = self.declared_figures(raw.declared_figures, &figure_ids, &codes);
        let record_figures = raw
            .record_figures
            .into_iter()
            .map(|r| self.record_figure(r, &key_figures, &declared_figures, &glossary, &codes))
            .collect();
        let redirects = self.redirects(raw.redirects);
        let publisher = raw.publisher.map(|p| self.publisher(p, &codes));
        let datasets = raw
            .datasets
            .map(|d| self.datasets(d, &codes))
            .unwrap_or_default();
        let corrections = raw.corrections.map(|c| self.corrections(c));
        let accessibility = raw.accessibility.map(|a| self.accessibility(a, &codes));
        SiteConfig {
            redirects,
            publisher,
            datasets,
            corrections,
            accessibility,
            root: root.to_path_buf(),
            record_figures,
            declared_figures,
            glossary,
            palette: self.palette(raw.palette),
            base_url: self.base_url(&raw.base_url),
            theme: self.theme(raw.theme),
            default_language,
            languages,
            sample_data: raw.sample_data,
            sections,
            records,
            facets,
            key_figures,
            charts,
            maps,
            point_maps,
            indicators,
            iati: raw
                .iati
                .map(|i| super::iati::validate(i, |s| self.named(s))),
            max_file_bytes: raw.limits.max_file_mb.saturating_mul(1024 * 1024),
            outputs: raw.outputs,
            share_image: raw.share_image.map(|s| self.share_image(s, &codes)),
            raw_html: raw.content.raw_html,
            content_folders: ContentFolders {
                news: self.folder_name(raw.content.news),
                pages: self.folder_name(raw.content.pages),
            },
        }
    }

    fn map(&mut self, raw: raw::RawMap, codes: &[String]) -> Map {
        if !(raw.tolerance_m.is_finite() && raw.tolerance_m >= 0.0) {
            let span = self.span_of_value("tolerance_m");
            self.error(
                format!(
                    "`tolerance_m` is {}: it must be a distance in metres, 0 or more",
                    raw.tolerance_m
                ),
                span,
            )
            .hint = Some(
                "write a number of metres such as tolerance_m = 250; 0 keeps every point".into(),
            );
        }
        Map {
            table: self.named(raw.table),
            geojson: self.named(raw.geojson),
            key: self.named(raw.key),
            property: raw.property,
            figure: self.named(raw.figure),
            tolerance_m: raw.tolerance_m.max(0.0),
            projection: raw.projection,
            source: self.labels(raw.source, codes),
        }
    }

    pub(super) fn error(
        &mut self,
        message: String,
        span: std::ops::Range<usize>,
    ) -> &mut Diagnostic {
        let location = Location::at(self.text, span);
        self.diagnostics
            .push(Diagnostic::error(message).at(CONFIG_FILE, location));
        // The sink only grows, so the last item is the one just pushed.
        self.last()
    }

    fn last(&mut self) -> &mut Diagnostic {
        self.diagnostics
            .last_mut()
            .expect("a diagnostic was just pushed")
    }

    pub(super) fn named(&self, spanned: Spanned<String>) -> Named {
        let location = Location::at(self.text, spanned.span());
        Named {
            name: spanned.into_inner(),
            location,
        }
    }

    fn languages(&mut self, raw: Vec<RawLanguage>) -> Vec<Language> {
        if raw.is_empty() {
            // Where the missing table would go: the end of the file.
            let end = self.text.len();
            self.error("no language is configured".into(), end..end)
                .hint = Some("add a [[languages]] table with code, name, locale and title".into());
        }
        let mut seen = BTreeSet::new();
        let mut languages = Vec::new();
        for language in raw {
            let span = language.code.span();
            let code_at = Location::at(self.text, span.clone());
            let code = language.code.into_inner();
            if !is_language_code(&code) {
                self.error(format!("`{code}` is not a language code"), span)
                    .hint = Some("use a lowercase ISO 639 code such as `fr` or `ar`".into());
            } else if !seen.insert(code.clone()) {
                self.error(format!("the language `{code}` is configured twice"), span);
            }
            let direction = match language.direction {
                Some(RawDirection::Rtl) => Direction::Rtl,
                Some(RawDirection::Ltr) => Direction::Ltr,
                None => default_direction(&code),
            };
            languages.push(Language {
                code_at,
                code,
                name: language.name,
                locale: language.locale,
                format_locale: language.format_locale,
                direction,
                title: language.title,
                description: language.description,
            });
        }
        languages
    }

    fn default_language(&mut self, raw: Option<Spanned<String>>, codes: &[String]) -> String {
        let first = codes.first().cloned().unwrap_or_default();
        let Some(raw) = raw else { return first };
        let span = raw.span();
        let code = raw.into_inner();
        if !codes.contains(&code) {
            let hint = format!("configured languages: {}", codes.join(", "));
            self.error(
                format!("the default language `{code}` is not configured"),
                span,
            )
            .hint = Some(hint);
            return first;
        }
        code
    }

    fn base_url(&mut self, raw: &str) -> String {
        let trimmed = raw.trim();
        if let Some(problem) = base_url_problem(trimmed) {
            let message = format!("the base URL `{raw}` {problem}");
            let hint = "write it in full, such as https://example.org/ or https://example.org/transparence/";
            if self.from_command_line.contains(&"base_url") {
                self.diagnostics.push(
                    Diagnostic::error(format!("{message} (given with --base-url)")).with_hint(hint),
                );
            } else {
                let span = self.span_of_value(raw);
                self.error(message, span).hint = Some(hint.into());
            }
        }
        format!("{}/", trimmed.trim_end_matches('/'))
    }

    /// A folder under `content/`: one safe name, no path.
    fn folder_name(&mut self, name: Spanned<String>) -> String {
        if !is_slug(name.get_ref()) {
            let message = format!("`{}` cannot be a folder under content/", name.get_ref());
            self.error(message, name.span()).hint =
                Some("use lowercase letters, digits and hyphens, such as actualites".into());
        }
        name.into_inner()
    }

    fn theme(&mut self, theme: String) -> String {
        if !is_slug(&theme) {
            let span = self.span_of_value(&theme);
            self.error(
                format!("the theme name `{theme}` is not a folder name"),
                span,
            );
        }
        theme
    }

    /// Where a string value appears in the text, for values read without span.
    pub(super) fn span_of_value(&self, value: &str) -> std::ops::Range<usize> {
        let start = self.text.find(value).unwrap_or(0);
        start..start + value.len()
    }

    fn sections(&mut self, raw: RawSections, codes: &[String]) -> Sections {
        Sections {
            projects: self.slugs(&raw.projects, "projects", codes, "sections.projects"),
            news: self.slugs(&raw.news, "news", codes, "sections.news"),
            results: self.slugs(&raw.results, "results", codes, "sections.results"),
            programme: self.slugs(&raw.programme, "programme", codes, "sections.programme"),
            open_data: self.slugs(&raw.open_data, "open-data", codes, "sections.open_data"),
            search: self.slugs(&raw.search, "search", codes, "sections.search"),
            contact: self.slugs(&raw.contact, "contact", codes, "sections.contact"),
            legal: self.slugs(&raw.legal, "legal-notice", codes, "sections.legal"),
            accessibility: self.slugs(
                &raw.accessibility,
                "accessibility",
                codes,
                "sections.accessibility",
            ),
            corrections: self.slugs(
                &raw.corrections,
                "corrections",
                codes,
                "sections.corrections",
            ),
            glossary: self.slugs(&raw.glossary, "glossary", codes, "sections.glossary"),
        }
    }

    /// One URL segment per language, `fallback` where none is given.
    fn slugs(
        &mut self,
        raw: &PerLanguage,
        fallback: &str,
        codes: &[String],
        key: &str,
    ) -> BTreeMap<String, String> {
        self.check_languages(raw, codes, key);
        codes
            .iter()
            .map(|code| {
                let Some(slug) = raw.get(code.as_str()) else {
                    // A table that gives some languages a slug must give
                    // every one: a language added later must not get an
                    // English default silently. No table at all keeps the
                    // documented defaults.
                    if !raw.is_empty() {
                        self.missing_slug(raw, code, key);
                    }
                    return (code.clone(), fallback.to_string());
                };
                if !is_slug(slug.get_ref()) {
                    let message = format!("`{}` cannot be used in a URL ({key})", slug.get_ref());
                    self.error(message, slug.span()).hint =
                        Some("use lowercase letters, digits and hyphens".into());
                }
                (code.clone(), slug.get_ref().clone())
            })
            .collect()
    }

    fn missing_slug(&mut self, raw: &PerLanguage, code: &str, key: &str) {
        let span = raw.keys().next().map(|k| k.span()).unwrap_or(0..0);
        let given: Vec<&str> = raw.keys().map(|k| k.get_ref().as_str()).collect();
        self.error(
            format!("{key} has no URL segment for the language `{code}`"),
            span,
        )
        .hint = Some(format!(
            "add {code} = \"...\" beside {}: each language's addresses use its own words",
            given.join(", ")
        ));
    }

    /// Labels per language; a missing one is left out (shown in the default
    /// language with a "not translated" notice, and reported by `check`).
    pub(super) fn labels(
        &mut self,
        raw: PerLanguage,
        codes: &[String],
    ) -> BTreeMap<String, String> {
        self.check_languages(&raw, codes, "label");
        raw.into_iter()
            .map(|(lang, text)| (lang.into_inner(), text.into_inner()))
            .collect()
    }

    /// Each language of `raw` that is not configured, at its own position.
    fn check_languages(&mut self, raw: &PerLanguage, codes: &[String], key: &str) {
        for lang in raw.keys().filter(|l| !codes.contains(l.get_ref())) {
            let hint = format!("configured languages: {}", codes.join(", "));
            self.error(
                format!("`{}` in {key} is not a configured language", lang.get_ref()),
                lang.span(),
            )
            .hint = Some(hint);
        }
    }

    fn key_figure(&mut self, raw: raw::RawKeyFigure, codes: &[String]) -> KeyFigure {
        let id = raw.id.get_ref();
        let aggregate = match (raw.aggregate, raw.field) {
            (RawAggregate::Count, _) => Aggregate::Count,
            (RawAggregate::Sum, Some(field)) => Aggregate::Sum(self.named(field)),
            (RawAggregate::Sum, None) => {
                self.error(
                    format!("the key figure `{id}` sums no field"),
                    raw.id.span(),
                )
                .hint = Some("add field = \"…\" naming a number column".into());
                Aggregate::Count
            }
        };
        KeyFigure {
            id: raw.id.into_inner(),
            aggregate,
            label: self.labels(raw.label, codes),
        }
    }

    /// A key figure id given twice: an error at the second, naming the first.
    fn unique_key_figures(&mut self, raw: &[raw::RawKeyFigure]) {
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for figure in raw {
            let id = figure.id.get_ref().as_str();
            let span = figure.id.span();
            match seen.get(id) {
                Some(&first) => {
                    let line = Location::at(self.text, first..first).line;
                    self.error(format!("the key figure `{id}` is declared twice"), span)
                        .hint = Some(format!(
                        "the first is on line {line}: give each key figure its own id"
                    ));
                }
                None => {
                    seen.insert(id, span.start);
                }
            }
        }
    }
}

/// Right-to-left scripts' languages, for when `direction` is not given.
fn default_direction(code: &str) -> Direction {
    const RTL: [&str; 8] = ["ar", "fa", "he", "ur", "ps", "dv", "yi", "ckb"];
    if RTL.contains(&code) {
        Direction::Rtl
    } else {
        Direction::Ltr
    }
}

/// `fr`, `ar`, `zgh`, `pt-br`: what a language code may look like here.
pub(super) fn is_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let primary = parts.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Why a text cannot be a site's base URL, in words; `None` when it can.
fn base_url_problem(text: &str) -> Option<&'static str> {
    let Ok(url) = url::Url::parse(text) else {
        return Some("is not an absolute address");
    };
    if !matches!(url.scheme(), "http" | "https") {
        return Some("does not start with https:// or http://");
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Some("has no host name");
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Some("has a query (?) or a fragment (#), which no page address can follow");
    }
    // The URL parser quietly encodes spaces; a base URL with one is a typo.
    if text.chars().any(char::is_whitespace) {
        return Some("holds a space");
    }
    None
}
