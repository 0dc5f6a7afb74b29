//! A reader of the built search index that answers a query as the search
//! page's script does, step for step: the same files fetched, the same
//! matching, the same order. It counts the bytes it reads, as a browser
//! would fetch them cold.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use bayan::publish::indexes::normalise as fold;
use bayan::publish::indexes::words::forms;
use serde_json::Value;

/// Hits shown at once, whose documents the page fetches.
const SHOWN: usize = 50;
/// BM25's saturation of term frequency (the usual value).
const K1: f64 = 1.2;

/// One language's index, read from the built site.
pub struct Reader {
    folder: PathBuf,
    manifest: Value,
    cache: RefCell<BTreeMap<String, Value>>,
    bytes: RefCell<usize>,
    shown_bytes: RefCell<usize>,
}

/// What a query found: the addresses of its hits, best first.
pub struct Answer {
    pub hrefs: Vec<String>,
}

impl Reader {
    /// The index named by `manifest` (a path to `index.HASH.json`).
    pub fn open(manifest: PathBuf) -> Self {
        let folder = manifest.parent().expect("index folder").to_path_buf();
        let text = fs::read(&manifest).expect("read the manifest");
        let manifest = serde_json::from_slice(&text).expect("manifest JSON");
        Self {
            folder,
            manifest,
            cache: RefCell::new(BTreeMap::new()),
            bytes: RefCell::new(text.len()),
            shown_bytes: RefCell::new(0),
        }
    }

    /// Bytes read so far, the manifest included.
    pub fn bytes(&self) -> usize {
        *self.bytes.borrow()
    }

    /// Bytes the last query read until its first results were shown (what
    /// the page fetches; the rest is read only for the tests' checks).
    pub fn shown_bytes(&self) -> usize {
        *self.shown_bytes.borrow()
    }

    fn get(&self, path: &str) -> Value {
        if let Some(value) = self.cache.borrow().get(path) {
            return value.clone();
        }
        let text = fs::read(self.folder.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        *self.bytes.borrow_mut() += text.len();
        let value: Value = serde_json::from_slice(&text).expect("index JSON");
        self.cache.borrow_mut().insert(path.into(), value.clone());
        value
    }

    fn prefixes(&self) -> Vec<String> {
        self.manifest["s"]
            .as_array()
            .expect("shard prefixes")
            .iter()
            .map(|k| k.as_str().expect("prefix").to_string())
            .collect()
    }

    /// The shards that may hold `token` or a token it begins with, and with
    /// `below` the shards of tokens beginning with it.
    fn shards(&self, token: &str, below: bool) -> Vec<Value> {
        (self.prefixes().iter())
            .filter(|p| token.starts_with(p.as_str()) || (below && p.starts_with(token)))
            .map(|p| self.get(&format!("t/{}.json", hex(p))))
            .collect()
    }

    /// The keys a form stands for: its own (named by the index, or itself
    /// when it is a key), else the longest key it begins with (at most
    /// three letters shorter), and with `prefix` every key beginning with it.
    fn keys(&self, form: &str, prefix: bool) -> Vec<String> {
        let shards = self.shards(form, prefix);
        let named = shards.iter().find_map(|s| s["w"][form].as_str());
        let mut keys: Vec<String> = match named {
            Some(key) => vec![key.to_string()],
            None if shards.iter().any(|s| s["k"].get(form).is_some()) => vec![form.into()],
            None => longest_key(&shards, form).into_iter().collect(),
        };
        if prefix {
            for shard in &shards {
                let k = shard["k"].as_object().expect("keys");
                keys.extend(k.keys().filter(|k| k.starts_with(form)).cloned());
            }
        }
        keys
    }

    /// The nearest token, one letter off, of the shards of `form`.
    fn nearest(&self, form: &str) -> Option<String> {
        let shards = self.shards(form, false);
        let tokens = shards.iter().flat_map(|s| {
            let k = s["k"].as_object().expect("keys").keys();
            k.chain(s["w"].as_object().expect("forms").keys())
        });
        let mut near: Vec<&String> = tokens.filter(|t| levenshtein(t, form) == 1).collect();
        near.sort();
        let token = near.first()?;
        self.keys(token, false).into_iter().next()
    }

    /// The documents containing `key`, and those whose title does.
    fn postings(&self, key: &str) -> (Vec<u32>, Vec<u32>) {
        for shard in self.shards(key, false) {
            if let Some(p) = shard["k"].get(key) {
                let title = p.get(1).map(decode).unwrap_or_default();
                return (decode(&p[0]), title);
            }
        }
        (Vec::new(), Vec::new())
    }

    /// Every word must match (by one of its forms; the last also as the
    /// beginning of a key); a word matching nothing is read as its nearest
    /// indexed word. Ranked by BM25 with two fields (title 3, text 1),
    /// then by document order.
    pub fn search(&self, query: &str) -> Answer {
        let folded = fold(query);
        let terms: Vec<&str> = (folded.split(' '))
            .filter(|t| !forms(t).is_empty())
            .take(10)
            .collect();
        let n = self.manifest["n"].as_u64().expect("n") as usize;
        let mut scores = vec![0.0f64; n];
        let mut count = vec![0usize; n];
        for (i, term) in terms.iter().enumerate() {
            let prefix = i == terms.len() - 1 && term.chars().count() > 1;
            let mut keys: Vec<String> = (forms(term).iter())
                .flat_map(|f| self.keys(f, prefix))
                .collect();
            if keys.is_empty() {
                keys.extend(forms(term).iter().find_map(|f| self.nearest(f)));
            }
            let (mut all, mut title) = (vec![false; n], vec![false; n]);
            for key in keys {
                let (a, t) = self.postings(&key);
                a.iter().for_each(|&d| all[d as usize] = true);
                t.iter().for_each(|&d| title[d as usize] = true);
            }
            let df = all.iter().filter(|&&x| x).count() as f64;
            let idf = (1.0 + (n as f64 - df + 0.5) / (df + 0.5)).ln();
            for d in (0..n).filter(|&d| all[d]) {
                let tf = if title[d] { 3.0 } else { 1.0 };
                scores[d] += idf * tf * (K1 + 1.0) / (tf + K1);
                count[d] += 1;
            }
        }
        let mut hits: Vec<usize> = (0..n)
            .filter(|&d| !terms.is_empty() && count[d] == terms.len())
            .collect();
        hits.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
        let shown: Vec<String> = hits.iter().take(SHOWN).map(|&d| self.href(d)).collect();
        *self.shown_bytes.borrow_mut() = self.bytes();
        let rest = hits.iter().skip(SHOWN).map(|&d| self.href(d));
        Answer {
            hrefs: shown.into_iter().chain(rest).collect(),
        }
    }

    /// The address of every document, in the index's order.
    pub fn every_href(&self) -> Vec<String> {
        let n = self.manifest["n"].as_u64().expect("n") as usize;
        (0..n).map(|d| self.href(d)).collect()
    }

    fn href(&self, d: usize) -> String {
        let per_page = self.manifest["p"].as_u64().expect("p") as usize;
        let page = self.get(&format!("d/{}.json", d / per_page));
        page[d % per_page][1].as_str().expect("href").to_string()
    }
}

/// The longest key of `shards` that `form` begins with, if at most three
/// letters shorter and of three letters at least.
fn longest_key(shards: &[Value], form: &str) -> Option<String> {
    let length = form.chars().count();
    let shortest = length.saturating_sub(3).max(3);
    (shards.iter())
        .flat_map(|s| s["k"].as_object().expect("keys").keys())
        .filter(|k| form.starts_with(k.as_str()) && k.chars().count() >= shortest)
        .max_by_key(|k| k.chars().count())
        .cloned()
}

fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

fn hex(key: &str) -> String {
    key.chars()
        .map(|c| format!("{:x}", u32::from(c)))
        .collect::<Vec<_>>()
        .join("-")
}

/// A set of document numbers: an array of gaps or a base64 bitmap.
fn decode(value: &Value) -> Vec<u32> {
    match value {
        Value::Array(gaps) => gaps
            .iter()
            .scan(0u32, |n, gap| {
                *n += gap.as_u64().expect("gap") as u32;
                Some(*n)
            })
            .collect(),
        Value::String(text) => bitmap(&base64(text)),
        other => panic!("not a set: {other}"),
    }
}

fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let sextets: Vec<u32> = text
        .bytes()
        .filter(|&c| c != b'=')
        .map(|c| ALPHABET.iter().position(|&a| a == c).expect("base64") as u32)
        .collect();
    let mut bytes = Vec::new();
    for chunk in sextets.chunks(4) {
        let n = chunk.iter().fold(0, |n, s| (n << 6) | s) << (6 * (4 - chunk.len()));
        let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        bytes.extend_from_slice(&decoded[..chunk.len() - 1]);
    }
    bytes
}

fn bitmap(bytes: &[u8]) -> Vec<u32> {
    (0..bytes.len() as u32 * 8)
        .filter(|&n| bytes[n as usize / 8] & (1 << (n % 8)) != 0)
        .collect()
}
