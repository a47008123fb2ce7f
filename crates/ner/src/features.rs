//! Tagger features: per-token facts computed once (hashed word forms, shape, affixes, flags,
//! gazetteer marks) and the hashed feature indices the model scores.
//!
//! Features are never stored as strings: each is a 64-bit hash of (template, value) folded into
//! a fixed number of buckets, so the model is a flat weight array and extraction allocates
//! nothing per token. Word forms are normalised (lower case, curly apostrophes straight, digits
//! to `0`) so that CoNLL's space-separated tokens and the project's tokens look alike.

use newsgraph_model::{Token, TokenKind};

/// Number of tag classes: `O`, then `B`/`I` for PER, ORG, LOC, MISC.
pub const NUM_TAGS: usize = 9;
/// Tag names in index order.
pub const TAG_NAMES: [&str; NUM_TAGS] = [
    "O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC",
];

/// Bumped whenever the feature set changes, so stale weights are refused.
pub const FEATURE_VERSION: u32 = 3;

/// Per-token flags.
pub mod flag {
    pub const INIT_CAP: u32 = 1;
    pub const ALL_CAPS: u32 = 1 << 1;
    pub const HAS_DIGIT: u32 = 1 << 2;
    pub const HAS_HYPHEN: u32 = 1 << 3;
    pub const HAS_PERIOD: u32 = 1 << 4;
    pub const SENT_START: u32 = 1 << 5;
    /// The token's sentence is mostly upper case (a headline, a dateline).
    pub const CAPS_SENTENCE: u32 = 1 << 6;
    /// A capitalised token whose lower-case form appears lower case elsewhere in the document.
    pub const LOWER_IN_DOC: u32 = 1 << 7;
    /// A sentence-initial capitalised token that appears capitalised mid-sentence elsewhere.
    pub const CAP_MID_IN_DOC: u32 = 1 << 8;
    pub const INNER_CAP: u32 = 1 << 9;
    pub const PUNCT: u32 = 1 << 10;
    pub const COUNT: u32 = 11;
    /// Not a feature: capitalised, or holding a digit or a capital anywhere (may open a name).
    pub const MAY_OPEN: u32 = 1 << 12;
}

/// What the tagger needs to know about one token.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokenInfo {
    pub lower: u64,
    pub shape: u64,
    pub short_shape: u64,
    pub prefix: [u64; 4],
    pub suffix: [u64; 4],
    pub flags: u32,
    /// Gazetteer marks: bit `2*kind` = begins a match of that kind, `2*kind+1` = inside one.
    pub gaz: u32,
    /// Word cluster id (0 = none).
    pub cluster: u32,
    pub sentence: usize,
}

use newsgraph_model::hash::{FNV_OFFSET as SEED, FNV_PRIME as PRIME};

#[inline]
fn fnv_char(h: u64, c: char) -> u64 {
    let mut h = h;
    let mut v = c as u32;
    loop {
        h = (h ^ (v & 0xff) as u64).wrapping_mul(PRIME);
        v >>= 8;
        if v == 0 {
            break;
        }
    }
    h
}

/// Mix two hashes into one (order matters).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 31)
}

#[inline]
fn norm_char(c: char) -> char {
    match c {
        '’' | '‘' | '`' => '\'',
        '“' | '”' | '„' => '"',
        '–' | '—' => '-',
        d if d.is_ascii_digit() => '0',
        _ => c,
    }
}

/// Hash of the normalised lower-case form of a word.
pub fn lower_hash(word: &str) -> u64 {
    let mut h = SEED;
    for c in word.chars() {
        for l in c.to_lowercase() {
            h = fnv_char(h, norm_char(l));
        }
    }
    h
}

/// The normalised lower-case form as a string (for the cluster lexicon and tools).
pub fn lower_form(word: &str) -> String {
    word.chars()
        .flat_map(|c| c.to_lowercase())
        .map(norm_char)
        .collect()
}

fn shape_char(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else {
        norm_char(c)
    }
}

/// Compute the per-token facts of a document. `gaz` holds gazetteer marks per token (may be
/// empty), `clusters` maps a lower-form hash to a cluster id.
pub fn token_infos(
    text: &str,
    tokens: &[Token],
    gaz: &[u32],
    clusters: &dyn Fn(u64) -> u32,
) -> Vec<TokenInfo> {
    let mut infos = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        let word = text.get(t.span.start..t.span.end).unwrap_or("");
        let mut info = TokenInfo {
            sentence: t.sentence,
            gaz: gaz.get(i).copied().unwrap_or(0),
            ..Default::default()
        };
        info.lower = lower_hash(word);
        // Shapes: long shape caps runs at two, short shape collapses runs.
        let (mut long_h, mut short_h) = (SEED, SEED);
        let (mut last, mut run) = ('\0', 0);
        let (mut upper, mut lower, mut alpha) = (0, 0, 0);
        for (k, c) in word.chars().enumerate() {
            let s = shape_char(c);
            if s == last {
                run += 1;
            } else {
                run = 1;
                short_h = fnv_char(short_h, s);
            }
            if run <= 2 {
                long_h = fnv_char(long_h, s);
            }
            last = s;
            if c.is_uppercase() {
                upper += 1;
                if k > 0 {
                    info.flags |= flag::INNER_CAP;
                }
            } else if c.is_lowercase() {
                lower += 1;
            }
            if c.is_alphabetic() {
                alpha += 1;
            }
            if c.is_numeric() {
                info.flags |= flag::HAS_DIGIT;
            }
            if c == '-' {
                info.flags |= flag::HAS_HYPHEN;
            }
            if c == '.' {
                info.flags |= flag::HAS_PERIOD;
            }
        }
        if upper > 0 || (alpha > 0 && info.flags & flag::HAS_DIGIT != 0) {
            info.flags |= flag::MAY_OPEN;
        }
        info.shape = long_h;
        info.short_shape = short_h;
        if word.chars().next().is_some_and(|c| c.is_uppercase()) {
            info.flags |= flag::INIT_CAP;
        }
        if upper > 1 && lower == 0 && alpha > 1 {
            info.flags |= flag::ALL_CAPS;
            info.flags &= !flag::INNER_CAP;
        }
        if matches!(
            t.kind,
            TokenKind::Punct | TokenKind::Quote | TokenKind::Symbol
        ) {
            info.flags |= flag::PUNCT;
        }
        let (mut p, mut k) = (SEED, 0);
        for c in word.chars().flat_map(|c| c.to_lowercase()).take(4) {
            p = fnv_char(p, norm_char(c));
            info.prefix[k] = p;
            k += 1;
        }
        let (mut s, mut k) = (SEED, 0);
        let mut chars = word.chars().rev().flat_map(|c| c.to_lowercase());
        for c in chars.by_ref().take(4) {
            s = fnv_char(s, norm_char(c));
            info.suffix[k] = s;
            k += 1;
        }
        info.cluster = clusters(info.lower);
        infos.push(info);
    }
    mark_sentences(&mut infos);
    mark_document(&mut infos);
    infos
}

/// Sentence-initial and headline flags.
fn mark_sentences(infos: &mut [TokenInfo]) {
    let mut start = 0;
    while start < infos.len() {
        let sent = infos[start].sentence;
        let mut end = start;
        while end < infos.len() && infos[end].sentence == sent {
            end += 1;
        }
        let (mut caps, mut words) = (0, 0);
        for info in &infos[start..end] {
            if info.flags & flag::PUNCT == 0 && info.flags & flag::HAS_DIGIT == 0 {
                words += 1;
                if info.flags & flag::ALL_CAPS != 0 {
                    caps += 1;
                }
            }
        }
        let headline = words >= 2 && caps * 2 > words;
        // The first token that is not punctuation opens the sentence.
        if let Some(first) = infos[start..end]
            .iter()
            .position(|x| x.flags & flag::PUNCT == 0)
        {
            infos[start + first].flags |= flag::SENT_START;
        }
        if headline {
            for info in &mut infos[start..end] {
                info.flags |= flag::CAPS_SENTENCE;
            }
        }
        start = end;
    }
}

/// Document-level capitalisation evidence.
fn mark_document(infos: &mut [TokenInfo]) {
    let mut lower_seen: Vec<u64> = Vec::new();
    let mut cap_mid: Vec<u64> = Vec::new();
    for info in infos.iter() {
        let cap = info.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0;
        if !cap && info.flags & flag::PUNCT == 0 && info.flags & flag::HAS_DIGIT == 0 {
            lower_seen.push(info.lower);
        } else if info.flags & flag::INIT_CAP != 0
            && info.flags & (flag::SENT_START | flag::CAPS_SENTENCE | flag::ALL_CAPS) == 0
        {
            cap_mid.push(info.lower);
        }
    }
    lower_seen.sort_unstable();
    cap_mid.sort_unstable();
    for info in infos.iter_mut() {
        if info.flags & (flag::INIT_CAP | flag::ALL_CAPS) == 0 {
            continue;
        }
        if lower_seen.binary_search(&info.lower).is_ok() {
            info.flags |= flag::LOWER_IN_DOC;
        }
        if info.flags & (flag::SENT_START | flag::CAPS_SENTENCE) != 0
            && cap_mid.binary_search(&info.lower).is_ok()
        {
            info.flags |= flag::CAP_MID_IN_DOC;
        }
    }
}

// Template ids; a feature is mix(template, value).
const T_BIAS: u64 = 1;
const T_LOWER: u64 = 2;
const T_SHAPE: u64 = 3;
const T_PREFIX: u64 = 4; // +0..3
const T_SUFFIX: u64 = 8; // +0..3
const T_LOWER_M1: u64 = 12;
const T_LOWER_P1: u64 = 13;
const T_LOWER_M2: u64 = 14;
const T_LOWER_P2: u64 = 15;
const T_SHAPE_M1: u64 = 16;
const T_SHAPE_P1: u64 = 17;
const T_SHAPE_TRI: u64 = 18;
const T_BI_M1: u64 = 19;
const T_BI_P1: u64 = 20;
const T_FLAG: u64 = 21;
const T_GAZ: u64 = 22;
const T_GAZ_M1: u64 = 23;
const T_GAZ_P1: u64 = 24;
const T_CLUSTER: u64 = 25;
const T_CLUSTER_M1: u64 = 26;
const T_CLUSTER_P1: u64 = 27;
const T_SUFFIX_M1: u64 = 28;
const T_FLAGS_SHAPE: u64 = 29;
const T_PREV: u64 = 40;
const T_PREV2: u64 = 41;
const T_PREV_LOWER: u64 = 42;
const T_PREV_SHAPE: u64 = 43;

const BOS: u64 = 0x1111;
const EOS: u64 = 0x2222;

/// Push the hashes of the features of token `i` that do not depend on earlier tags.
pub fn static_features(infos: &[TokenInfo], i: usize, out: &mut Vec<u64>) {
    let t = &infos[i];
    let sent = t.sentence;
    let at = |k: isize| -> Option<&TokenInfo> {
        let j = i as isize + k;
        if j < 0 || j as usize >= infos.len() || infos[j as usize].sentence != sent {
            None
        } else {
            Some(&infos[j as usize])
        }
    };
    let m1 = at(-1);
    let p1 = at(1);
    let m2 = at(-2);
    let p2 = at(2);
    let lower_of = |x: Option<&TokenInfo>, edge: u64| x.map_or(edge, |x| x.lower);
    let shape_of = |x: Option<&TokenInfo>, edge: u64| x.map_or(edge, |x| x.short_shape);
    out.push(mix(T_BIAS, 0));
    out.push(mix(T_LOWER, t.lower));
    out.push(mix(T_SHAPE, t.shape));
    for k in 0..4 {
        if t.prefix[k] != 0 {
            out.push(mix(T_PREFIX + k as u64, t.prefix[k]));
        }
        if t.suffix[k] != 0 {
            out.push(mix(T_SUFFIX + k as u64, t.suffix[k]));
        }
    }
    out.push(mix(T_LOWER_M1, lower_of(m1, BOS)));
    out.push(mix(T_LOWER_P1, lower_of(p1, EOS)));
    out.push(mix(T_LOWER_M2, lower_of(m2, BOS)));
    out.push(mix(T_LOWER_P2, lower_of(p2, EOS)));
    out.push(mix(T_SHAPE_M1, shape_of(m1, BOS)));
    out.push(mix(T_SHAPE_P1, shape_of(p1, EOS)));
    out.push(mix(
        T_SHAPE_TRI,
        mix(mix(shape_of(m1, BOS), t.short_shape), shape_of(p1, EOS)),
    ));
    out.push(mix(T_BI_M1, mix(lower_of(m1, BOS), t.lower)));
    out.push(mix(T_BI_P1, mix(t.lower, lower_of(p1, EOS))));
    out.push(mix(T_SUFFIX_M1, m1.map_or(BOS, |x| x.suffix[2])));
    for b in 0..flag::COUNT {
        if t.flags & (1 << b) != 0 {
            out.push(mix(T_FLAG, b as u64));
        }
    }
    let key = (t.flags
        & (flag::SENT_START | flag::CAPS_SENTENCE | flag::LOWER_IN_DOC | flag::CAP_MID_IN_DOC))
        as u64;
    out.push(mix(T_FLAGS_SHAPE, mix(key, t.short_shape)));
    push_gaz(T_GAZ, t.gaz, out);
    if let Some(m) = m1 {
        push_gaz(T_GAZ_M1, m.gaz, out);
    }
    if let Some(p) = p1 {
        push_gaz(T_GAZ_P1, p.gaz, out);
    }
    if t.cluster != 0 {
        out.push(mix(T_CLUSTER, t.cluster as u64));
    }
    out.push(mix(T_CLUSTER_M1, m1.map_or(BOS, |x| x.cluster as u64)));
    out.push(mix(T_CLUSTER_P1, p1.map_or(EOS, |x| x.cluster as u64)));
}

fn push_gaz(template: u64, marks: u32, out: &mut Vec<u64>) {
    let mut m = marks;
    while m != 0 {
        let b = m.trailing_zeros();
        out.push(mix(template, b as u64));
        m &= m - 1;
    }
}

/// Push the features that depend on the two previous tags.
pub fn history_features(
    infos: &[TokenInfo],
    i: usize,
    prev: usize,
    prev2: usize,
    out: &mut Vec<u64>,
) {
    let t = &infos[i];
    out.push(mix(T_PREV, prev as u64));
    out.push(mix(T_PREV2, (prev * NUM_TAGS + prev2) as u64));
    out.push(mix(T_PREV_LOWER, mix(prev as u64, t.lower)));
    out.push(mix(T_PREV_SHAPE, mix(prev as u64, t.short_shape)));
}

/// Entity type index of a tag (0 PER, 1 ORG, 2 LOC, 3 MISC), `None` for `O`.
pub fn tag_type(tag: usize) -> Option<usize> {
    (tag > 0).then(|| (tag - 1) / 2)
}

/// Is `tag` an inside tag?
pub fn is_inside(tag: usize) -> bool {
    tag > 0 && tag & 1 == 0
}

/// May `tag` follow `prev` under BIO?
pub fn allowed(prev: usize, tag: usize) -> bool {
    !is_inside(tag) || (prev != 0 && tag_type(prev) == tag_type(tag))
}
