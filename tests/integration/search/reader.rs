//! A reader of the built search index that answers a query as the search
//! page's script does, step for step: the same files fetched, the same
//! matching, the same order. It counts the bytes it reads, as a browser
//! would fetch them cold.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use serde_json::Value;

/// One language's index, read from the built site.
pub struct Reader {
    folder: PathBuf,
    manifest: Value,
    cache: RefCell<BTreeMap<String, Value>>,
    bytes: RefCell<usize>,
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
        }
    }

    /// Bytes read so far, the manifest included.
    pub fn bytes(&self) -> usize {
        *self.bytes.borrow()
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

    fn keys(&self) -> Vec<String> {
        self.manifest["s"]
            .as_array()
            .expect("shard keys")
            .iter()
            .map(|k| k.as_str().expect("key").to_string())
            .collect()
    }

    /// The shards that may hold `term`, and with `prefix` every token it
    /// begins.
    fn shards(&self, term: &str, prefix: bool) -> Vec<Value> {
        let mut keys = Vec::new();
        let mut best = String::new();
        for key in self.keys() {
            if term.starts_with(&key) {
                if key.chars().count() > best.chars().count() {
                    best = key;
                }
            } else if prefix && key.starts_with(term) {
                keys.push(key);
            }
        }
        if !best.is_empty() {
            keys.push(best);
        }
        keys.iter()
            .map(|k| self.get(&format!("t/{}.json", hex(k))))
            .collect()
    }

    /// Every word must appear (the last as a prefix, from two letters);
    /// title matches first, then document order.
    pub fn search(&self, query: &str) -> Answer {
        let folded = bayan::publish::indexes::normalise(query);
        let terms: Vec<&str> = folded
            .split(' ')
            .filter(|t| !t.is_empty())
            .take(10)
            .collect();
        if terms.is_empty() {
            return Answer { hrefs: Vec::new() };
        }
        let n = self.manifest["n"].as_u64().expect("n") as usize;
        let prefix = terms.last().is_some_and(|t| t.chars().count() > 1);
        let (mut count, mut title) = (vec![0usize; n], vec![0usize; n]);
        for (i, term) in terms.iter().enumerate() {
            let last = prefix && i == terms.len() - 1;
            let (mut seen, mut named) = (vec![false; n], vec![false; n]);
            for shard in self.shards(term, last) {
                for (token, postings) in shard.as_object().expect("shard") {
                    if token != term && !(last && token.starts_with(term)) {
                        continue;
                    }
                    mark(&postings[0], &mut seen);
                    if let Some(t) = postings.get(1) {
                        mark(t, &mut named);
                    }
                }
            }
            for d in 0..n {
                count[d] += usize::from(seen[d]);
                title[d] += usize::from(named[d]);
            }
        }
        let mut hits: Vec<usize> = (0..n).filter(|&d| count[d] == terms.len()).collect();
        hits.sort_by_key(|&d| (std::cmp::Reverse(title[d]), d));
        Answer {
            hrefs: hits.iter().map(|&d| self.href(d)).collect(),
        }
    }

    fn href(&self, d: usize) -> String {
        let per_page = self.manifest["p"].as_u64().expect("p") as usize;
        let page = self.get(&format!("d/{}.json", d / per_page));
        page[d % per_page][1].as_str().expect("href").to_string()
    }
}

fn mark(set: &Value, seen: &mut [bool]) {
    for d in decode(set) {
        if let Some(s) = seen.get_mut(d as usize) {
            *s = true;
        }
    }
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
