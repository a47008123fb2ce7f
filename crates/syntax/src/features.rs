//! Word descriptions and feature hashing shared by the tagger, the parser and the labeller.
//!
//! A word is described once per sentence by a few 64-bit hashes (its normalised form, suffix,
//! prefix and shape); a feature is a template number mixed with one or more such values, and
//! its weights row is the feature's hash reduced to the table's size (feature hashing: no
//! dictionary, collisions are few and harmless at the table sizes used).

use newsgraph_model::hash::{fnv1a, fnv1a_extend, FNV_OFFSET, FNV_PRIME};

/// What the models read about one word.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordInfo {
    /// The normalised form: lower case, straight apostrophes, digits as `0`.
    pub word: u64,
    /// Its last three characters.
    pub suffix: u64,
    /// Its last two characters.
    pub suffix2: u64,
    /// Its first character.
    pub prefix: u64,
    /// Upper/lower/digit runs collapsed ("Russian-backed" -> "Xx-x", "U.S." -> "X.X.").
    pub shape: u64,
}

/// The description of a position outside the sentence.
pub const NONE: u64 = 0x9e37_79b9_7f4a_7c15;

impl WordInfo {
    /// Describe one word as written.
    pub fn new(form: &str) -> WordInfo {
        if form.is_ascii() {
            return WordInfo::new_ascii(form.as_bytes());
        }
        WordInfo::general(form)
    }

    /// [`WordInfo::new`] for any word.
    fn general(form: &str) -> WordInfo {
        // One pass, no allocation: the normalised form is hashed as it is produced, its last
        // three characters kept for the suffixes.
        let mut word = FNV_OFFSET;
        let mut shape = FNV_OFFSET;
        let mut last_class = '\0';
        let mut tail = ['\0'; 3];
        let mut count = 0usize;
        let mut first = '\0';
        let mut buf = [0u8; 4];
        for c in form.chars() {
            let class = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            };
            if class != last_class || !matches!(class, 'X' | 'x' | 'd') {
                shape = fnv1a_extend(shape, class.encode_utf8(&mut buf).as_bytes());
            }
            last_class = class;
            let mut push = |n: char| {
                word = fnv1a_extend(word, n.encode_utf8(&mut buf).as_bytes());
                if count == 0 {
                    first = n;
                }
                tail = [tail[1], tail[2], n];
                count += 1;
            };
            match c {
                '\u{2019}' | '\u{2018}' => push('\''),
                '\u{201c}' | '\u{201d}' => push('"'),
                d if d.is_ascii_digit() => push('0'),
                c if c.is_ascii() => push(c.to_ascii_lowercase()),
                c => c.to_lowercase().for_each(&mut push),
            }
        }
        let chars_hash = |chars: &[char]| {
            let mut h = FNV_OFFSET;
            for &c in chars.iter().filter(|&&c| c != '\0') {
                h = fnv1a_extend(h, c.encode_utf8(&mut [0u8; 4]).as_bytes());
            }
            h
        };
        let shape = shape ^ 0x54;
        WordInfo {
            word,
            suffix: chars_hash(&tail) ^ 0x51,
            suffix2: chars_hash(&tail[1..]) ^ 0x52,
            prefix: chars_hash(&[first]) ^ 0x53,
            shape,
        }
    }

    /// [`WordInfo::new`] for an ASCII word (most words): the same hashes, byte by byte.
    fn new_ascii(form: &[u8]) -> WordInfo {
        let mut word = FNV_OFFSET;
        let mut shape = FNV_OFFSET;
        let mut last_class = 0u8;
        let mut norm = [0u8; 3];
        for &b in form {
            let class = match b {
                b'A'..=b'Z' => b'X',
                b'a'..=b'z' => b'x',
                b'0'..=b'9' => b'd',
                other => other,
            };
            if class != last_class || !matches!(class, b'X' | b'x' | b'd') {
                shape = (shape ^ u64::from(class)).wrapping_mul(FNV_PRIME);
            }
            last_class = class;
            let n = if class == b'd' {
                b'0'
            } else {
                b.to_ascii_lowercase()
            };
            word = (word ^ u64::from(n)).wrapping_mul(FNV_PRIME);
            norm = [norm[1], norm[2], n];
        }
        let len = form.len();
        let tail3 = &norm[3 - len.min(3)..];
        let tail2 = &norm[3 - len.min(2)..];
        let first: &[u8] = match form.first() {
            Some(b) if b.is_ascii_digit() => b"0",
            Some(b) => std::slice::from_ref(b),
            None => b"",
        };
        let first_lower = first.first().map(u8::to_ascii_lowercase);
        let shape = shape ^ 0x54;
        WordInfo {
            word,
            suffix: fnv1a(tail3) ^ 0x51,
            suffix2: fnv1a(tail2) ^ 0x52,
            prefix: first_lower.map_or(FNV_OFFSET, |b| fnv1a(&[b])) ^ 0x53,
            shape,
        }
    }

    /// The description used for positions before or after the sentence.
    pub fn none() -> WordInfo {
        WordInfo {
            word: NONE,
            suffix: NONE,
            suffix2: NONE,
            prefix: NONE,
            shape: NONE,
        }
    }
}

const K: u64 = 0x517c_c1b7_2722_0a95;

/// One step of the multiply-rotate ("Fx") hash: cheap, and its high bits, which pick the
/// weights row, depend on every input bit.
#[inline]
fn step(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(K)
}

/// A feature of template `t` over one value.
#[inline]
pub fn f1(t: u64, a: u64) -> u64 {
    step(t.wrapping_mul(K), a)
}

/// A feature of template `t` over two values.
#[inline]
pub fn f2(t: u64, a: u64, b: u64) -> u64 {
    step(f1(t, a), b)
}

/// A feature of template `t` over three values.
#[inline]
pub fn f3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    step(f2(t, a, b), c)
}

/// A small number (a tag, a distance) as a feature value distinct from any word hash.
#[inline]
pub fn small(v: usize) -> u64 {
    (v as u64 + 1).wrapping_mul(0xd6e8_feb8_6659_fd93)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalisation_and_shapes() {
        assert_eq!(WordInfo::new("Russia").word, WordInfo::new("RUSSIA").word);
        assert_eq!(WordInfo::new("1,200").word, WordInfo::new("3,500").word);
        assert_eq!(
            WordInfo::new("Israel’s").word,
            WordInfo::new("israel's").word
        );
        assert_eq!(WordInfo::new("Russia").shape, WordInfo::new("Turkey").shape);
        assert_ne!(WordInfo::new("Russia").shape, WordInfo::new("USA").shape);
        assert_eq!(
            WordInfo::new("attacked").suffix,
            WordInfo::new("backed").suffix
        );
        // Short and non-ASCII words never panic, and both paths describe a word alike.
        let _ = WordInfo::new("");
        let _ = WordInfo::new("é");
        // The ASCII path gives what the general one gives.
        for w in [
            "Russian-backed",
            "U.S.",
            "a",
            "1,200",
            "Obama's",
            "x9",
            "ISIS",
        ] {
            assert_eq!(WordInfo::new(w), WordInfo::general(w), "{w}");
        }
    }
}
