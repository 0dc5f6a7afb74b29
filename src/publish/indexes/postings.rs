//! A set of record or document numbers as compact JSON, read by the script:
//! either an array of gaps (the first number, then each difference from the
//! previous one), or, when that would be longer, a bitmap in a base64
//! string (bit `n % 8` of byte `n / 8` set when `n` is in the set). A word
//! found in every document of 60,000 thus costs 10 KB, not 360 KB.

use serde_json::Value;

/// `numbers` in ascending order, without repetition.
pub fn encode(numbers: &[u32]) -> Value {
    let Some(&last) = numbers.last() else {
        return Value::Array(Vec::new());
    };
    let mut previous = 0;
    let mut gaps_len = 2;
    let gaps: Vec<Value> = numbers
        .iter()
        .enumerate()
        .map(|(i, &n)| {
            let gap = if i == 0 { n } else { n - previous };
            previous = n;
            gaps_len += digits(gap) + 1;
            Value::from(gap)
        })
        .collect();
    let bitmap_bytes = last as usize / 8 + 1;
    let bitmap_len = bitmap_bytes.div_ceil(3) * 4 + 2;
    if gaps_len <= bitmap_len {
        return Value::Array(gaps);
    }
    let mut bitmap = vec![0u8; bitmap_bytes];
    for &n in numbers {
        bitmap[n as usize / 8] |= 1 << (n % 8);
    }
    Value::String(base64(&bitmap))
}

fn digits(mut n: u32) -> usize {
    let mut count = 1;
    while n >= 10 {
        n /= 10;
        count += 1;
    }
    count
}

/// Standard base64 with padding, as `atob` reads it.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> shift) as usize & 63] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The numbers of an encoded set (what the script does), for tests.
#[cfg(test)]
pub fn decode(value: &Value) -> Vec<u32> {
    match value {
        Value::Array(gaps) => {
            let mut n = 0;
            gaps.iter()
                .map(|gap| {
                    n += gap.as_u64().unwrap_or_default() as u32;
                    n
                })
                .collect()
        }
        Value::String(text) => {
            let value = |c: u8| match c {
                b'A'..=b'Z' => c - b'A',
                b'a'..=b'z' => c - b'a' + 26,
                b'0'..=b'9' => c - b'0' + 52,
                b'+' => 62,
                _ => 63,
            };
            let mut bytes = Vec::new();
            for chunk in text.as_bytes().chunks(4) {
                let mut n = 0u32;
                let mut real = 0;
                for &c in chunk {
                    n <<= 6;
                    if c != b'=' {
                        n |= u32::from(value(c));
                        real += 1;
                    }
                }
                let decoded = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
                bytes.extend_from_slice(&decoded[..real - 1]);
            }
            (0..bytes.len() as u32 * 8)
                .filter(|&n| bytes[n as usize / 8] & (1 << (n % 8)) != 0)
                .collect()
        }
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::{decode, encode};

    #[test]
    fn sparse_sets_are_gaps_and_dense_sets_bitmaps() {
        let sparse = [3, 10, 4000];
        assert_eq!(encode(&sparse).to_string(), "[3,7,3990]");
        let dense: Vec<u32> = (0..5000).filter(|n| n % 3 != 0).collect();
        let encoded = encode(&dense);
        assert!(encoded.is_string());
        assert!(encoded.to_string().len() < 1000);
        assert_eq!(decode(&encoded), dense);
        for len in 1..20 {
            let all: Vec<u32> = (0..len * 7).collect();
            assert_eq!(decode(&encode(&all)), all, "{len}");
        }
        assert_eq!(decode(&encode(&[])), Vec::<u32>::new());
    }
}
