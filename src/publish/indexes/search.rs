//! The search index of one language, sharded so that a query downloads only
//! what its words need, whatever the size of the site:
//!
//! - `index.json`, the manifest: `n` documents, `p` documents per page,
//!   `k` the labels of the kinds of document, `s` the keys of the shards;
//! - `t/{key}.json`, one shard per token prefix (the first two characters
//!   of the normalised token; a shard above [`SHARD_BYTES`] is split by one
//!   more character, and so on): `{token: [all, title]}`, the numbers of
//!   the documents containing the token, and of those whose title does (left
//!   out when none), each encoded by [`super::postings::encode`]. The file
//!   name is the key's code points in hexadecimal joined by `-`;
//! - `d/{page}.json`, the documents by pages of [`PAGE`]: `[title, address,
//!   kind, summary]` (the summary left out when there is none).
//!
//! Arabic words are also indexed without their definite article (ال, and
//! وال بال فال كال لل), so "معلم" finds "المعلمون" by prefix.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::postings::encode;

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

/// The files of the index, as (path relative to the search page, bytes).
pub fn files(documents: &[Document<'_>], kinds: &[String]) -> Vec<super::IndexFile> {
    let mut tokens: BTreeMap<String, Postings> = BTreeMap::new();
    for (number, document) in documents.iter().enumerate() {
        let number = number as u32;
        let title = super::normalise(document.title);
        for (words, in_title) in [(&document.text, false), (&title, true)] {
            for word in words.split(' ').filter(|w| !w.is_empty()) {
                for token in forms(word) {
                    let postings = tokens.entry(token.to_string()).or_default();
                    add(&mut postings.all, number);
                    if in_title {
                        add(&mut postings.title, number);
                    }
                }
            }
        }
    }
    let encoded: Vec<(String, Vec<char>, Value)> = tokens
        .into_iter()
        .map(|(token, postings)| {
            let mut value = vec![encode(&postings.all)];
            if !postings.title.is_empty() {
                value.push(encode(&postings.title));
            }
            let chars = token.chars().collect();
            (token, chars, Value::Array(value))
        })
        .collect();
    let mut shards = Vec::new();
    let sorted: Vec<&Entry> = encoded.iter().collect();
    split(&sorted, FIRST_PREFIX, &mut shards);
    let mut files = Vec::new();
    let mut keys = Vec::new();
    for (key, entries) in shards {
        let map: serde_json::Map<String, Value> = entries
            .into_iter()
            .map(|(token, _, value)| (token.clone(), value.clone()))
            .collect();
        files.push((format!("t/{}.json", file_name(&key)), super::json(&map)));
        keys.push(key);
    }
    for (page, chunk) in documents.chunks(PAGE).enumerate() {
        let rows: Vec<Value> = chunk
            .iter()
            .map(|d| match &d.summary {
                Some(s) => json!([d.title, d.href, d.kind, s]),
                None => json!([d.title, d.href, d.kind]),
            })
            .collect();
        files.push((format!("d/{page}.json"), super::json(&rows)));
    }
    let manifest = json!({ "n": documents.len(), "p": PAGE, "k": kinds, "s": keys });
    files.push(("index.json".into(), super::json(&manifest)));
    files
}

fn add(numbers: &mut Vec<u32>, number: u32) {
    if numbers.last() != Some(&number) {
        numbers.push(number);
    }
}

/// A word and, for an Arabic word, the word without its definite article
/// (ال, وال, بال, فال, كال, لل) and without one leading proclitic letter
/// (و ب ل ف ك), so that "اقليم" finds "بإقليم" as the old substring search
/// did; the bare forms keep at least two letters, three for one letter.
fn forms(word: &str) -> impl Iterator<Item = &str> {
    const ARTICLES: [&str; 6] = ["وال", "بال", "فال", "كال", "لل", "ال"];
    let article = ARTICLES.iter().find_map(|article| {
        word.strip_prefix(article)
            .filter(|rest| rest.chars().count() >= 2)
    });
    let letter = word
        .strip_prefix(['و', 'ب', 'ل', 'ف', 'ك'])
        .filter(|rest| rest.chars().count() >= 3 && Some(*rest) != article);
    std::iter::once(word).chain(article).chain(letter)
}

type Entry = (String, Vec<char>, Value);

/// Groups `entries` (sorted by token) by their first `length` characters;
/// a group too large is split by one more character, its tokens of `length`
/// characters or fewer staying in it.
fn split<'a>(entries: &[&'a Entry], length: usize, shards: &mut Vec<(String, Vec<&'a Entry>)>) {
    let mut start = 0;
    while start < entries.len() {
        let prefix = key_of(&entries[start].1, length);
        let end = start
            + entries[start..]
                .iter()
                .take_while(|e| key_of(&e.1, length) == prefix)
                .count();
        let group = &entries[start..end];
        let size: usize = group
            .iter()
            .map(|(token, _, value)| token.len() + value.to_string().len() + 4)
            .sum();
        if size <= SHARD_BYTES || length >= LAST_PREFIX {
            shards.push((prefix.iter().collect(), group.to_vec()));
        } else {
            let (short, long): (Vec<&Entry>, Vec<&Entry>) =
                group.iter().partition(|e| e.1.len() <= length);
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
                text: normalise(&format!("projet {n} coopérative{} province", n % 500)),
            })
            .collect()
    }

    /// The documents whose token `token` is, found as the script finds it:
    /// through the longest shard key that begins the token.
    fn lookup(files: &[(String, Vec<u8>)], token: &str) -> Vec<u32> {
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
            return Vec::new();
        };
        let shard = read(&format!("t/{}.json", file_name(key)));
        shard.get(token).map_or_else(Vec::new, |p| decode(&p[0]))
    }

    #[test]
    fn words_are_found_through_their_shard_and_no_shard_is_too_large() {
        let mut titles: Vec<String> = (0..6000).map(|n| format!("Projet {n}")).collect();
        titles[4321] = "تعاونية المُعَلِّمُونَ بإقليم أصيلة".into();
        let files = super::super::written(files(&documents(&titles), &["Projet".into()]));
        assert_eq!(
            lookup(&files, "cooperative42"),
            [
                42, 542, 1042, 1542, 2042, 2542, 3042, 3542, 4042, 4542, 5042, 5542
            ]
        );
        assert_eq!(lookup(&files, "projet").len(), 6000);
        assert_eq!(lookup(&files, &normalise("المُعَلِّمُونَ")), [4321]);
        assert_eq!(
            lookup(&files, &normalise("مُعَلِّمُونَ")),
            [4321],
            "without the article"
        );
        assert_eq!(lookup(&files, &normalise("تعاونيّة")), [4321]);
        assert_eq!(
            lookup(&files, &normalise("اقليم")),
            [4321],
            "without بـ, alef folded"
        );
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
