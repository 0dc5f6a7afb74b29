//! The search index of one language, sharded so that a query downloads only
//! what its words need, whatever the size of the site:
//!
//! - `index.json`, the manifest: `n` documents, `p` documents per page,
//!   `k` the labels of the kinds of document, `s` the keys of the shards;
//! - `r`, the rules of folding and of word forms ([`super::words::rules`]);
//! - `t/{prefix}.json`, one shard per token prefix (the first two characters;
//!   a shard above [`SHARD_BYTES`] is split by one more character, and so
//!   on): `{"k": {key: [all, title]}, "w": {form: key}}`. `k` holds the
//!   keys (stems, [`super::words`]) with the numbers of the documents
//!   containing them, and of those whose title does (left out when none),
//!   each encoded by [`super::postings::encode`]; `w` every form met whose
//!   key differs from it, so the script finds a word's key without a
//!   stemmer. The file name is the prefix's code points in hexadecimal
//!   joined by `-`;
//! - `d/{page}.json`, the documents by pages of [`PAGE`]: `[title, address,
//!   kind, summary, place, amount, id]` (empty values at the end left out).

use std::cell::RefCell;
use std::collections::HashMap;

use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Value, json};

use super::postings::encode;
use super::words::{Keys, forms, rules};

/// Documents per page of the documents table (about 6 KB in French, 10 in
/// Arabic): the 50 hits shown are often scattered, so small pages keep the
/// bytes fetched close to the bytes shown (at 100 a page, a two-word query
/// on 60,000 projects fetched 15 pages, 417 KB).
pub const PAGE: usize = 25;
/// The size above which a shard is split by one more character.
pub const SHARD_BYTES: usize = 24 * 1024;
/// Tokens are grouped by this many characters first.
const FIRST_PREFIX: usize = 2;
/// Shards are never split beyond this many characters (so a shard exceeds
/// [`SHARD_BYTES`] only for a huge family of tokens this long, or for one
/// token found in more than about 140,000 documents).
const LAST_PREFIX: usize = 24;

/// One searchable document.
pub struct Document<'a> {
    pub title: &'a str,
    pub href: &'a str,
    /// An index into the kinds given to [`files`].
    pub kind: usize,
    pub summary: Option<String>,
    /// A record's place (its first facet's value) and amount, formatted.
    pub place: Option<&'a str>,
    pub amount: Option<String>,
    /// A record's id, shown isolated left to right.
    pub id: Option<&'a str>,
    /// Everything searchable, normalised (the title need not be included).
    pub text: String,
}

/// The postings of one token: every document containing it, and those
/// whose title does.
#[derive(Default)]
struct Postings {
    all: Vec<u32>,
    title: Vec<u32>,
}

/// What a shard holds for a token: a key's postings, or a form's key.
enum Held {
    Key(Value),
    Form(String),
}

/// A token of the index: its text, its characters (to group by prefix),
/// what it holds, and its size in a shard's JSON, counted once.
struct Entry {
    token: String,
    chars: Vec<char>,
    held: Held,
    size: usize,
}

impl Entry {
    fn new(token: String, held: Held) -> Self {
        let size = token.len()
            + 4
            + match &held {
                Held::Key(value) => value.to_string().len(),
                Held::Form(key) => key.len() + 2,
            };
        Self {
            chars: token.chars().collect(),
            token,
            held,
            size,
        }
    }
}

/// The files of the index, as (path relative to the search page, bytes).
pub fn files(documents: &[Document<'_>], kinds: &[String], lang: &str) -> Vec<super::IndexFile> {
    let (postings, forms) = invert(documents, lang);
    let keys = postings.into_iter().map(|(key, postings)| {
        let mut value = vec![encode(&postings.all)];
        if !postings.title.is_empty() {
            value.push(encode(&postings.title));
        }
        Entry::new(key, Held::Key(Value::Array(value)))
    });
    let forms = forms
        .into_iter()
        .map(|(form, key)| Entry::new(form, Held::Form(key)));
    let mut entries: Vec<Entry> = keys.chain(forms).collect();
    entries.sort_unstable_by(|a, b| a.token.cmp(&b.token));
    let sorted: Vec<&Entry> = entries.iter().collect();
    let mut shards = Vec::new();
    split(&sorted, FIRST_PREFIX, &mut shards);
    let mut files = Vec::new();
    let mut prefixes = Vec::new();
    for (prefix, entries) in shards {
        files.push((
            format!("t/{}.json", file_name(&prefix)),
            super::json(&Shard(&entries)),
        ));
        prefixes.push(prefix);
    }
    files.extend(pages(documents));
    let manifest =
        json!({ "n": documents.len(), "p": PAGE, "k": kinds, "s": prefixes, "r": rules() });
    files.push(("index.json".into(), super::json(&manifest)));
    files
}

/// Every key with its postings, and every form whose key differs from it.
fn invert(
    documents: &[Document<'_>],
    lang: &str,
) -> (HashMap<String, Postings>, HashMap<String, String>) {
    let mut keys = Keys::new(lang);
    let mut postings: HashMap<String, Postings> = HashMap::new();
    let mut known: HashMap<String, String> = HashMap::new();
    for (number, document) in documents.iter().enumerate() {
        let number = number as u32;
        let title = super::normalise(document.title);
        for (words, in_title) in [(&document.text, false), (&title, true)] {
            for form in words.split(' ').flat_map(forms) {
                let key = keys.key(form);
                if key != form && !known.contains_key(form) {
                    known.insert(form.to_string(), key.to_string());
                }
                // Looked up before inserting: most tokens are met again.
                if !postings.contains_key(key) {
                    postings.insert(key.to_string(), Postings::default());
                }
                let entry = postings.get_mut(key).expect("inserted above");
                add(&mut entry.all, number);
                if in_title {
                    add(&mut entry.title, number);
                }
            }
        }
    }
    (postings, known)
}

/// A shard's JSON, `{"k": {key: postings}, "w": {form: key}}`, written from
/// entries sorted by token (the order of a JSON object's keys here).
struct Shard<'a>(&'a [&'a Entry]);

impl Serialize for Shard<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let keys = self.0.iter().filter_map(|e| match &e.held {
            Held::Key(value) => Some((&e.token, value)),
            Held::Form(_) => None,
        });
        let forms = self.0.iter().filter_map(|e| match &e.held {
            Held::Form(key) => Some((&e.token, key)),
            Held::Key(_) => None,
        });
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry("k", &Collected(RefCell::new(Some(keys))))?;
        map.serialize_entry("w", &Collected(RefCell::new(Some(forms))))?;
        map.end()
    }
}

/// Pairs serialised as a JSON object, once.
struct Collected<I>(RefCell<Option<I>>);

impl<K: Serialize, V: Serialize, I: Iterator<Item = (K, V)>> Serialize for Collected<I> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let pairs = self.0.borrow_mut().take();
        serializer.collect_map(pairs.into_iter().flatten())
    }
}

/// The documents by pages: `[title, address, kind, summary, place, amount,
/// id]`, empty values at the end left out.
fn pages(documents: &[Document<'_>]) -> Vec<super::IndexFile> {
    documents
        .chunks(PAGE)
        .enumerate()
        .map(|(page, chunk)| {
            let rows: Vec<Value> = chunk.iter().map(row).collect();
            (format!("d/{page}.json"), super::json(&rows))
        })
        .collect()
}

fn row(d: &Document<'_>) -> Value {
    let mut row = vec![
        Value::from(d.title),
        Value::from(d.href),
        Value::from(d.kind),
        Value::from(d.summary.clone()),
        Value::from(d.place),
        Value::from(d.amount.clone()),
        Value::from(d.id),
    ];
    while row.last().is_some_and(Value::is_null) {
        row.pop();
    }
    Value::Array(row)
}

fn add(numbers: &mut Vec<u32>, number: u32) {
    if numbers.last() != Some(&number) {
        numbers.push(number);
    }
}

/// Groups `entries` (sorted by token) by their first `length` characters;
/// a group too large is split by one more character, its tokens of `length`
/// characters or fewer staying in it.
fn split<'a>(entries: &[&'a Entry], length: usize, shards: &mut Vec<(String, Vec<&'a Entry>)>) {
    let mut start = 0;
    while start < entries.len() {
        let prefix = key_of(&entries[start].chars, length);
        let end = start
            + entries[start..]
                .iter()
                .take_while(|e| key_of(&e.chars, length) == prefix)
                .count();
        let group = &entries[start..end];
        let size: usize = group.iter().map(|e| e.size).sum();
        if size <= SHARD_BYTES || length >= LAST_PREFIX {
            shards.push((prefix.iter().collect(), group.to_vec()));
        } else {
            let (short, long): (Vec<&Entry>, Vec<&Entry>) =
                group.iter().partition(|e| e.chars.len() <= length);
            if !short.is_empty() {
                shards.push((prefix.iter().collect(), short));
            }
            split(&long, length + 1, shards);
        }
        start = end;
    }
}

fn key_of(chars: &[char], length: usize) -> &[char] {
    &chars[..chars.len().min(length)]
}

/// A shard's file name: its key's code points in hexadecimal, joined by
/// `-` (the script derives it the same way).
pub fn file_name(key: &str) -> String {
    key.chars()
        .map(|c| format!("{:x}", u32::from(c)))
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::{Document, SHARD_BYTES, file_name, files};
    use crate::publish::indexes::words::forms;
    use crate::publish::indexes::{normalise, postings::decode};
    use serde_json::Value;

    /// A synthetic site: many similar records (a large shard to split),
    /// one with Arabic text carrying vowel marks and an article.
    fn documents(titles: &[String]) -> Vec<Document<'_>> {
        titles
            .iter()
            .enumerate()
            .map(|(n, title)| Document {
                title,
                href: "/x/",
                kind: 0,
                summary: None,
                place: None,
                amount: None,
                id: None,
                text: normalise(&format!("projet {n} coopérative{} province", n % 500)),
            })
            .collect()
    }

    /// The documents containing `word`, found as the script finds them:
    /// its first form, looked up in the longest shard that begins it, then
    /// its key (the form itself when the shard names none).
    fn lookup(files: &[(String, Vec<u8>)], word: &str) -> Vec<u32> {
        let folded = normalise(word);
        let Some(form) = forms(&folded).first().map(|f| f.to_string()) else {
            return Vec::new();
        };
        let shard = shard_of(files, &form);
        let key = shard["w"][&form].as_str().unwrap_or(&form).to_string();
        let shard = shard_of(files, &key);
        shard["k"]
            .get(&key)
            .map_or_else(Vec::new, |p| decode(&p[0]))
    }

    fn shard_of(files: &[(String, Vec<u8>)], token: &str) -> Value {
        let read = |path: &str| -> Value {
            let (_, bytes) = files.iter().find(|(p, _)| p == path).expect(path);
            serde_json::from_slice(bytes).expect("json")
        };
        let manifest = read("index.json");
        let Some(key) = manifest["s"]
            .as_array()
            .expect("keys")
            .iter()
            .filter_map(Value::as_str)
            .filter(|k| token.starts_with(k))
            .max_by_key(|k| k.len())
        else {
            return Value::Null;
        };
        read(&format!("t/{}.json", file_name(key)))
    }

    #[test]
    fn words_are_found_through_their_shard_and_no_shard_is_too_large() {
        let mut titles: Vec<String> = (0..6000).map(|n| format!("Projet {n}")).collect();
        titles[4321] = "تعاونية المُعَلِّمُونَ بإقليم أصيلة".into();
        let files = super::super::written(files(&documents(&titles), &["Projet".into()], "fr"));
        assert_eq!(
            lookup(&files, "cooperative42"),
            [
                42, 542, 1042, 1542, 2042, 2542, 3042, 3542, 4042, 4542, 5042, 5542
            ]
        );
        assert_eq!(lookup(&files, "projet").len(), 6000);
        assert_eq!(lookup(&files, "المُعَلِّمُونَ"), [4321]);
        assert_eq!(lookup(&files, "مُعَلِّمُونَ"), [4321], "without the article");
        assert_eq!(lookup(&files, "التعاونيّة"), [4321], "with the article");
        assert_eq!(lookup(&files, "اقليم"), [4321], "without بـ, alef folded");
        assert!(lookup(&files, "absent").is_empty());
        let shards: Vec<_> = files.iter().filter(|(p, _)| p.starts_with("t/")).collect();
        assert!(shards.len() > 10, "the large prefixes are split");
        for (path, bytes) in shards {
            assert!(bytes.len() <= SHARD_BYTES, "{path}: {} bytes", bytes.len());
        }
        let pages = files.iter().filter(|(p, _)| p.starts_with("d/")).count();
        assert_eq!(pages, 6000 / super::PAGE);
    }
}
