//! What `serve` adds to each HTML page, and only `serve`: the live-reload
//! script, and when the last rebuild failed, an overlay listing its
//! diagnostics. The overlay sits in the page's `<body>`, so it takes the
//! page's `lang` and `dir`; its own few words come in the page's language.

use crate::diagnostics::{Diagnostic, Location, Severity, messages, report};
use crate::html::escape;

/// The paths `serve` answers itself; no site file can take them (a site
/// file's name never starts with `__bayan`, see `is_reserved`).
pub const SCRIPT: &str = "/__bayan/live.js";
pub const STYLE: &str = "/__bayan/live.css";
pub const EVENTS: &str = "/__bayan/events";

/// The words of the overlay itself, per page language.
struct Words {
    title: &'static str,
    intro: &'static str,
    hint: &'static str,
    close: &'static str,
    error: &'static str,
    warning: &'static str,
}

const ENGLISH: Words = Words {
    title: "The site has problems",
    intro: "The last version that built is shown. Fix the files below and save: this page updates by itself.",
    hint: "Hint:",
    close: "Close",
    error: "error",
    warning: "warning",
};

const FRENCH: Words = Words {
    title: "Le site a des problèmes",
    intro: "La dernière version construite est affichée. Corrigez les fichiers ci-dessous et enregistrez : cette page se met à jour seule.",
    hint: "Conseil\u{202f}:",
    close: "Fermer",
    error: "erreur",
    warning: "avertissement",
};

const ARABIC: Words = Words {
    title: "في الموقع مشاكل",
    intro: "تُعرض آخر نسخة نجح بناؤها. صحّحوا الملفات أدناه واحفظوها: تتحدّث هذه الصفحة تلقائيًا.",
    hint: "نصيحة:",
    close: "إغلاق",
    error: "خطأ",
    warning: "تنبيه",
};

fn words(lang: &str) -> &'static Words {
    match lang {
        "fr" => &FRENCH,
        "ar" => &ARABIC,
        _ => &ENGLISH,
    }
}

/// A diagnostic's message and hint for a reader of `lang`: in that
/// language when the catalogues have its code, else as the build gave it.
fn message_for(diagnostic: &Diagnostic, lang: &str) -> (String, Option<String>) {
    messages::localized(diagnostic, lang)
}

/// `page` with the reload script (and the overlay, when `problems` is not
/// empty) added; `generation` names the build the page comes from.
pub fn inject(page: &[u8], generation: u64, problems: &[Diagnostic]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let head = format!(
        "<link rel=\"stylesheet\" href=\"{STYLE}\"><script src=\"{SCRIPT}\" data-generation=\"{generation}\" defer></script>"
    );
    let mut out = insert_before(&text, "</head>", &head);
    if !problems.is_empty() {
        let overlay = overlay(problems, page_lang(&text));
        out = insert_before(&out, "</body>", &overlay);
    }
    out.into_bytes()
}

/// A page for when no build has succeeded yet: only the overlay.
pub fn empty_page(generation: u64, problems: &[Diagnostic]) -> Vec<u8> {
    let page = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bayan</title></head><body><main><h1>Bayan</h1></main></body></html>";
    inject(page.as_bytes(), generation, problems)
}

/// Inserts `addition` before the last `marker` (case-insensitive), or at
/// the end when the page has none.
fn insert_before(text: &str, marker: &str, addition: &str) -> String {
    let at = text
        .to_ascii_lowercase()
        .rfind(marker)
        .unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + addition.len());
    out.push_str(&text[..at]);
    out.push_str(addition);
    out.push_str(&text[at..]);
    out
}

/// The `lang` of the page's `<html>` element.
fn page_lang(text: &str) -> &str {
    let Some(start) = text.find("<html") else {
        return "en";
    };
    let tag = &text[start..text[start..].find('>').map_or(text.len(), |e| start + e)];
    tag.split_once("lang=\"")
        .and_then(|(_, rest)| rest.split_once('"'))
        .map_or("en", |(lang, _)| lang)
}

/// The overlay: a labelled dialog the reader can focus and close (with its
/// button or Escape, through the reload script), listing every diagnostic.
fn overlay(problems: &[Diagnostic], lang: &str) -> String {
    let w = words(lang);
    let items: String = problems.iter().map(|d| item(d, lang, w)).collect();
    format!(
        "<div id=\"bayan-overlay\" class=\"bayan-overlay\" role=\"dialog\" aria-modal=\"false\" \
aria-labelledby=\"bayan-overlay-title\" tabindex=\"-1\"><div class=\"bayan-overlay__box\">\
<h2 id=\"bayan-overlay-title\">{title} ({count})</h2><p>{intro}</p><ol>{items}</ol>\
<button type=\"button\" class=\"bayan-overlay__close\" data-bayan-close>{close}</button>\
</div></div>",
        title = escape(w.title),
        count = problems.len(),
        intro = escape(w.intro),
        close = escape(w.close),
    )
}

fn item(diagnostic: &Diagnostic, lang: &str, w: &Words) -> String {
    let severity = match diagnostic.severity {
        Severity::Error => w.error,
        Severity::Warning => w.warning,
    };
    let (message, hint) = message_for(diagnostic, lang);
    let position = diagnostic.position();
    let mut html = format!(
        "<li><p class=\"bayan-overlay__where\"><strong>{severity}</strong> <code dir=\"ltr\">{}</code></p><p dir=\"auto\">{}</p>",
        escape(&position),
        escape(&message)
    );
    if let Some(location) = &diagnostic.location {
        html.push_str(&source_line(location));
    }
    if let Some(hint) = hint {
        html.push_str(&format!(
            "<p dir=\"auto\" class=\"bayan-overlay__hint\">{} {}</p>",
            escape(w.hint),
            escape(&hint)
        ));
    }
    html.push_str("</li>");
    html
}

/// The source line around the mistake (cut as the terminal cuts it), the
/// mistake itself marked.
fn source_line(location: &Location) -> String {
    let (text, span, _) = report::window(&location.line_text, location.span.clone());
    let (before, rest) = text.split_at(span.start);
    let (marked, after) = rest.split_at(span.end - span.start);
    format!(
        "<pre dir=\"ltr\"><code><span class=\"bayan-overlay__line\">{}</span> <bdi dir=\"auto\">{}<mark>{}</mark>{}</bdi></code></pre>",
        location.line,
        escape(before),
        escape(marked),
        escape(after)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE html><html lang=\"ar\" dir=\"rtl\"><head><title>t</title></head><body><main>x</main></body></html>";

    fn broken_cell() -> Diagnostic {
        let source = "id,amount\nTTA-1,<abc>\n";
        Diagnostic::error("the amount <abc> is not a number")
            .at("data/projects.csv", Location::at(source, 16..21))
            .with_hint("write digits & a point")
    }

    #[test]
    fn adds_the_script_before_the_head_ends_and_nothing_else_without_problems() {
        let out = String::from_utf8(inject(PAGE.as_bytes(), 7, &[])).expect("utf-8");
        let script =
            "<script src=\"/__bayan/live.js\" data-generation=\"7\" defer></script></head>";
        assert!(out.contains(script), "{out}");
        assert!(!out.contains("bayan-overlay"), "{out}");
    }

    #[test]
    fn the_overlay_lists_position_source_line_message_and_hint_escaped() {
        let out = String::from_utf8(inject(PAGE.as_bytes(), 1, &[broken_cell()])).expect("utf-8");
        let overlay = &out[out.find("<div id=\"bayan-overlay\"").expect("overlay")..];
        assert!(overlay.ends_with("</div></div></body></html>"), "{overlay}");
        for expected in [
            "role=\"dialog\"",
            "aria-labelledby=\"bayan-overlay-title\"",
            "data/projects.csv:2:7",
            "the amount &lt;abc&gt; is not a number",
            "<mark>&lt;abc&gt;</mark>",
            "write digits &amp; a point",
            // The page is Arabic: the overlay's own words are too.
            "في الموقع مشاكل",
            "إغلاق",
        ] {
            assert!(overlay.contains(expected), "{expected} missing: {overlay}");
        }
        assert!(!overlay.contains("<abc>"), "{overlay}");
    }

    #[test]
    fn the_overlay_speaks_the_page_language() {
        let french = PAGE.replace("lang=\"ar\" dir=\"rtl\"", "lang=\"fr\" dir=\"ltr\"");
        let out = String::from_utf8(inject(french.as_bytes(), 1, &[broken_cell()])).expect("utf-8");
        assert!(out.contains("Le site a des problèmes (1)"), "{out}");
        assert!(out.contains("Conseil\u{202f}: write digits"), "{out}");
    }

    #[test]
    fn a_long_source_line_is_cut_around_the_mistake() {
        let cells = "x,".repeat(200);
        let source = format!("{cells}oops,{cells}\n");
        let at = cells.len();
        let diagnostic =
            Diagnostic::error("bad").at("data/t.csv", Location::at(&source, at..at + 4));
        let html = source_line(diagnostic.location.as_ref().expect("a location"));
        assert!(html.contains("<mark>oops</mark>"), "{html}");
        assert!(html.contains('…'), "{html}");
        assert!(html.len() < source.len(), "{html}");
    }
}
