//! Content: Markdown news and pages, one file per language, to HTML.
//!
//! 1. Walk `content/news/*.md` (articles) and `content/pages/*.md` (pages),
//!    in sorted order.
//! 2. Read each file name as `NAME.LANG.md`: the shared NAME links the
//!    translations, LANG must be one of the site's languages.
//! 3. Split off the TOML front matter and validate it (articles need a date).
//! 4. Leave drafts out unless asked for.
//! 5. Render the Markdown: safe HTML, plain text, headings; problems are
//!    reported at their line in the file.
//! 6. Sort: articles newest first, pages by name; then by language.
//!
//! Every problem becomes a diagnostic; a file with an error is left out, and
//! the others are still read, so all problems are reported at once.

mod code_urls;
mod filename;
mod folders;
mod frontmatter;
mod html_scan;
mod ids;
pub mod images;
mod markdown;
mod nesting;
mod sanitize;
pub mod scaffold;

#[cfg(test)]
mod tests;

use std::cmp::Reverse;
use std::path::{Path, PathBuf};

pub use filename::is_slug;
pub use frontmatter::{FrontMatter, Image, parse_iso_date};
pub use ids::slugify;
pub use markdown::{Heading, Issue, RawHtml, Rendered, markdown_to_html, render, render_with};

use crate::config::ContentFolders;
use crate::diagnostics::{Diagnostic, Diagnostics, Location, Severity};
use crate::fsio;

/// Whether a document is a dated news article or a static page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocumentKind {
    Article,
    Page,
}

impl DocumentKind {
    /// The folder of this kind, relative to the site root.
    pub fn folder(self) -> &'static str {
        match self {
            Self::Article => "content/news",
            Self::Page => "content/pages",
        }
    }
}

/// One Markdown file: one document in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: DocumentKind,
    /// The name shared by the translations: `2023-08-08-convention`.
    pub key: String,
    pub lang: String,
    /// The file, relative to the site root.
    pub source: PathBuf,
    pub front: FrontMatter,
    /// Safe HTML of the body.
    pub html: String,
    /// Plain text of the body, for search and summaries.
    pub text: String,
    pub headings: Vec<Heading>,
    /// The size of the document's photo, when it is one of the site's.
    pub image_size: Option<images::ImageSize>,
}

/// All articles and pages of the site.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Content {
    /// Newest first, then by name, then by language.
    pub articles: Vec<Document>,
    /// By name, then by language.
    pub pages: Vec<Document>,
}

impl Content {
    /// The same document in the other languages.
    pub fn translations<'a>(&'a self, doc: &Document) -> impl Iterator<Item = &'a Document> {
        let (kind, key, lang) = (doc.kind, doc.key.clone(), doc.lang.clone());
        self.of_kind(kind)
            .iter()
            .filter(move |d| d.key == key && d.lang != lang)
    }

    /// The document of this kind, name and language, if there is one.
    pub fn find(&self, kind: DocumentKind, key: &str, lang: &str) -> Option<&Document> {
        self.of_kind(kind)
            .iter()
            .find(|d| d.key == key && d.lang == lang)
    }

    /// The documents of one kind.
    pub fn of_kind(&self, kind: DocumentKind) -> &[Document] {
        match kind {
            DocumentKind::Article => &self.articles,
            DocumentKind::Page => &self.pages,
        }
    }
}

/// Reads all content under `root`; problems go to `diagnostics`.
pub fn load(
    root: &Path,
    languages: &[String],
    include_drafts: bool,
    diagnostics: &mut Diagnostics,
) -> Content {
    let options = LoadOptions {
        include_drafts,
        ..LoadOptions::default()
    };
    load_with(root, languages, &options, diagnostics)
}

/// How content is read: drafts, the file size limit, the raw HTML policy,
/// the folder of each collection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadOptions {
    pub include_drafts: bool,
    /// Larger files are refused before they are read.
    pub max_file_bytes: u64,
    pub raw_html: RawHtml,
    pub folders: ContentFolders,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            include_drafts: false,
            max_file_bytes: fsio::DEFAULT_MAX_FILE_BYTES,
            raw_html: RawHtml::default(),
            folders: ContentFolders::default(),
        }
    }
}

/// Reads all content under `root` with `options`.
pub fn load_with(
    root: &Path,
    languages: &[String],
    options: &LoadOptions,
    diagnostics: &mut Diagnostics,
) -> Content {
    let reader = Reader {
        root,
        languages,
        include_drafts: options.include_drafts,
        max_file_bytes: options.max_file_bytes,
        raw_html: options.raw_html,
        folders: &options.folders,
    };
    folders::warn_unclaimed(root, &options.folders, diagnostics);
    let mut articles = reader.load_kind(DocumentKind::Article, diagnostics);
    let mut pages = reader.load_kind(DocumentKind::Page, diagnostics);
    articles.sort_by(|a, b| {
        (Reverse(a.front.date), &a.key, &a.lang).cmp(&(Reverse(b.front.date), &b.key, &b.lang))
    });
    pages.sort_by(|a, b| (&a.key, &a.lang).cmp(&(&b.key, &b.lang)));
    Content { articles, pages }
}

struct Reader<'a> {
    root: &'a Path,
    languages: &'a [String],
    include_drafts: bool,
    max_file_bytes: u64,
    raw_html: RawHtml,
    folders: &'a ContentFolders,
}

impl Reader<'_> {
    fn load_kind(&self, kind: DocumentKind, diagnostics: &mut Diagnostics) -> Vec<Document> {
        let folder = match kind {
            DocumentKind::Article => &self.folders.news,
            DocumentKind::Page => &self.folders.pages,
        };
        markdown_files(self.root, &format!("content/{folder}"), diagnostics)
            .into_iter()
            .filter_map(|path| self.load_document(kind, &path, diagnostics))
            .collect()
    }

    /// One file: every problem in it is reported before it is left out.
    fn load_document(
        &self,
        kind: DocumentKind,
        path: &Path,
        diagnostics: &mut Diagnostics,
    ) -> Option<Document> {
        let relative = path.strip_prefix(self.root).unwrap_or(path).to_path_buf();
        let file_name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let name = filename::parse(file_name, self.languages)
            .map_err(|d| diagnostics.push(d.in_file(&relative)));
        let source = read_source(path, &relative, self.max_file_bytes)
            .map_err(|d| diagnostics.push(*d))
            .ok()?;
        let (front, rendered) = self.document(kind, &source, &relative, diagnostics)?;
        let image_size = match &front.image {
            Some(image) => {
                let document = (relative.as_path(), source.as_str());
                images::measure(self.root, &image.src, self.max_file_bytes, document)
                    .map_err(|d| diagnostics.push(*d))
                    .ok()?
            }
            None => None,
        };
        let name = name.ok()?;
        Some(Document {
            image_size,
            kind,
            key: name.key,
            lang: name.lang,
            source: relative,
            front,
            html: rendered.html,
            text: rendered.text,
            headings: rendered.headings,
        })
    }
}

impl Reader<'_> {
    /// The front matter and rendered body of one file's text; `None` for
    /// a draft left out or a file with an error.
    fn document(
        &self,
        kind: DocumentKind,
        source: &str,
        relative: &Path,
        diagnostics: &mut Diagnostics,
    ) -> Option<(FrontMatter, Rendered)> {
        let source = source.strip_prefix('\u{feff}').unwrap_or(source);
        let (front, body_start) = parse_front(source, relative, kind, diagnostics)?;
        if front.draft && !self.include_drafts {
            return None;
        }
        let rendered = render_body(source, body_start, relative, self.raw_html, diagnostics)?;
        Some((front, rendered))
    }
}

/// Everything `load` checks in one file's text (front matter, Markdown),
/// without the file system: for fuzzing and tests. Never panics.
pub fn check_source(
    kind: DocumentKind,
    source: &str,
    raw_html: RawHtml,
) -> (Option<(FrontMatter, Rendered)>, Diagnostics) {
    let folders = ContentFolders::default();
    let reader = Reader {
        root: Path::new(""),
        languages: &[],
        include_drafts: true,
        max_file_bytes: fsio::DEFAULT_MAX_FILE_BYTES,
        raw_html,
        folders: &folders,
    };
    let mut diagnostics = Diagnostics::new();
    let file = Path::new(kind.folder()).join("document.fr.md");
    let document = reader.document(kind, source, &file, &mut diagnostics);
    (document, diagnostics)
}

/// The `.md` files directly in `root/folder`, sorted; a missing folder is
/// no content, not an error. Whatever else is there and looks meant to be
/// read gets a warning: nothing an editor wrote vanishes without a word.
fn markdown_files(root: &Path, folder: &str, diagnostics: &mut Diagnostics) -> Vec<PathBuf> {
    let entries = match fsio::list_dir(&root.join(folder)) {
        Ok(entries) => entries,
        Err(error) => {
            diagnostics.push(Diagnostic::from(error).in_file(folder));
            return Vec::new();
        }
    };
    let mut files = Vec::new();
    for entry in entries {
        let relative = entry
            .path
            .strip_prefix(root)
            .unwrap_or(&entry.path)
            .to_path_buf();
        match skipped(&entry) {
            None => files.push(entry.path),
            Some(Skip::Quietly) => {}
            Some(Skip::Warn(message, hint)) => diagnostics.push(
                Diagnostic::warning(message)
                    .in_file(relative)
                    .with_hint(hint.replace("{folder}", folder)),
            ),
        }
    }
    files
}

enum Skip {
    /// Hidden files and editors' temporary files.
    Quietly,
    Warn(&'static str, &'static str),
}

/// Why an entry of a content folder is not read; `None` for a Markdown
/// file (a link inside the site is read as the file it points to).
fn skipped(entry: &fsio::Entry) -> Option<Skip> {
    let Some(name) = entry.name.as_deref() else {
        return Some(Skip::Warn(
            "this file's name is not valid text (UTF-8), so it is not read",
            "rename it with letters, digits and hyphens",
        ));
    };
    if name.starts_with('.') || name.ends_with('~') {
        return Some(Skip::Quietly);
    }
    let is_file = match entry.kind {
        fsio::EntryKind::File => true,
        fsio::EntryKind::Link => fsio::is_file(&entry.path),
        _ => false,
    };
    if entry.kind == fsio::EntryKind::Folder {
        return Some(Skip::Warn(
            "folders inside the content folders are not read",
            "move its Markdown files into {folder}/",
        ));
    }
    let lower = name.to_lowercase();
    let markdown_like = [".md", ".markdown", ".mdown", ".mkd"]
        .iter()
        .any(|e| lower.ends_with(e));
    match (is_file, name.ends_with(".md"), markdown_like) {
        (true, true, _) => None,
        (true, false, true) => Some(Skip::Warn(
            "this file is not read: Markdown files must end in .md (lowercase)",
            "rename it to end in .md, such as NAME.fr.md",
        )),
        (false, _, true) => Some(Skip::Warn(
            "this is not a file that can be read (a broken link or a special file)",
            "replace it with the Markdown file itself",
        )),
        _ => Some(Skip::Quietly),
    }
}

fn read_source(path: &Path, relative: &Path, limit: u64) -> Result<String, Box<Diagnostic>> {
    let bytes = fsio::read_capped(path, limit)
        .map_err(|e| Box::new(Diagnostic::from(e).in_file(relative)))?;
    String::from_utf8(bytes).map_err(|error| -> Box<Diagnostic> {
        let valid = error.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(&error.as_bytes()[..valid]).into_owned();
        Box::new(
            Diagnostic::coded(Severity::Error, "file-not-utf8", Vec::new())
                .at(relative, Location::at(&text, valid..valid)),
        )
    })
}

/// The validated front matter and the offset of the body.
fn parse_front(
    source: &str,
    file: &Path,
    kind: DocumentKind,
    diagnostics: &mut Diagnostics,
) -> Option<(FrontMatter, usize)> {
    let split = match frontmatter::split(source) {
        Ok(split) => split,
        Err(diagnostic) => {
            diagnostics.push((*diagnostic).at(file, Location::at(source, 0..3)));
            return None;
        }
    };
    let require_date = kind == DocumentKind::Article;
    match frontmatter::parse(source, &split, file, require_date) {
        Ok(front) => Some((front, split.body_start)),
        Err(problems) => {
            diagnostics.extend(problems);
            None
        }
    }
}

/// The rendered body, or `None` when rendering found an error.
fn render_body(
    source: &str,
    body_start: usize,
    file: &Path,
    raw_html: RawHtml,
    diagnostics: &mut Diagnostics,
) -> Option<Rendered> {
    let (rendered, issues) = render_with(&source[body_start..], raw_html);
    let mut failed = false;
    for issue in issues {
        failed |= issue.severity == Severity::Error;
        let span = issue.span.start + body_start..issue.span.end + body_start;
        let diagnostic = match issue.severity {
            Severity::Error => Diagnostic::error(issue.message),
            Severity::Warning => Diagnostic::warning(issue.message),
        };
        let diagnostic = diagnostic.at(file, Location::at(source, span));
        diagnostics.push(match issue.hint {
            Some(hint) => diagnostic.with_hint(hint),
            None => diagnostic,
        });
    }
    (!failed).then_some(rendered)
}
