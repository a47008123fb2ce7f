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
pub const FEATURE_VERSION: u32 = 8;

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
    /// How often the word is capitalised inside a sentence in a large corpus: [`caps_band`]
    /// plus one (0 = unknown).
    pub caps: u8,
    pub sentence: usize,
    /// Name classes of the word ([`crate::lexicon::class`]).
    pub words: u8,
    /// The run of capitalised words ("Bank of America") holding the token: first token and
    /// length (0 = not in a run).
    pub run_start: u32,
    pub run_len: u16,
    /// A lower-case word that may join capitalised words into one name ("of", "de", "the").
    pub connector: bool,
    /// Words before and after the same word's other occurrences in the document, as hashes of
    /// their cluster and name classes (up to four distinct each, 0 = none): "Player" alone
    /// after "Ben Player", "Bridgton" after "in" and "near".
    pub agg_prev: [u64; 4],
    pub agg_next: [u64; 4],
}

use crate::gazetteer::Gazetteer;
use crate::lexicon::{fnv_char, lower_hash, norm_char, Lexicon, HASH_SEED as SEED};
use newsgraph_model::hash::FNV_PRIME as PRIME;

/// Mix two hashes into one (order matters).
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let x = (a ^ b.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 31)
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

/// Lower-case words that may join capitalised words into one name.
pub(crate) const CONNECTORS: [&str; 15] = [
    "of", "the", "and", "de", "for", "&", "von", "van", "der", "del", "di", "da", "du", "la", "le",
];

/// What the tagger's features read: the word lists and the gazetteer.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub lex: &'a Lexicon,
    pub gaz: &'a Gazetteer,
}

impl Sources<'_> {
    /// Tagger inputs for a tokenised text (gazetteer marks and word statistics included).
    pub fn infos(&self, text: &str, tokens: &[Token]) -> Vec<TokenInfo> {
        let marks = self.gaz.marks(&self.gaz.hits(text), tokens);
        token_infos(text, tokens, &marks, self.lex)
    }
}

/// Compute the per-token facts of a document. `gaz` holds gazetteer marks per token (may be
/// empty); the lexicon gives each word's statistics and name classes.
pub fn token_infos(text: &str, tokens: &[Token], gaz: &[u32], lex: &Lexicon) -> Vec<TokenInfo> {
    let mut infos = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        let word = text.get(t.span.start..t.span.end).unwrap_or("");
        let mut info = TokenInfo {
            sentence: t.sentence,
            gaz: gaz.get(i).copied().unwrap_or(0),
            ..Default::default()
        };
        let (upper, alpha) = if word.is_ascii() {
            ascii_facts(word.as_bytes(), &mut info)
        } else {
            unicode_facts(word, &mut info)
        };
        if upper > 0 || (alpha > 0 && info.flags & flag::HAS_DIGIT != 0) {
            info.flags |= flag::MAY_OPEN;
        }
        if matches!(
            t.kind,
            TokenKind::Punct | TokenKind::Quote | TokenKind::Symbol
        ) {
            info.flags |= flag::PUNCT;
        }
        let stats = lex.word_stats(info.lower);
        info.cluster = stats & 0xFFFF;
        info.caps = ((stats >> 16) & 0xF) as u8;
        if alpha > 0 {
            // The lower form's hash is the list's key, unless a trailing period must go.
            info.words = if word.ends_with('.') {
                lex.names.classes(word)
            } else {
                lex.names.classes_of_hash(info.lower)
            };
        }
        // With no capital in the word, its case-blind comparison with the lower-case
        // connectors is plain equality.
        info.connector = upper == 0 && word.len() <= 4 && CONNECTORS.contains(&word);
        infos.push(info);
    }
    mark_sentences(&mut infos);
    mark_document(&mut infos);
    mark_runs(&mut infos);
    mark_aggregates(&mut infos);
    infos
}

/// A word's own facts (lower-case hash, shapes, affixes, character flags) through the Unicode
/// tables, for any word; returns its numbers of capitals and letters.
fn unicode_facts(word: &str, info: &mut TokenInfo) -> (u32, u32) {
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
    info.shape = long_h;
    info.short_shape = short_h;
    if word.chars().next().is_some_and(|c| c.is_uppercase()) {
        info.flags |= flag::INIT_CAP;
    }
    if upper > 1 && lower == 0 && alpha > 1 {
        info.flags |= flag::ALL_CAPS;
        info.flags &= !flag::INNER_CAP;
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
    (upper, alpha)
}

/// [`unicode_facts`] of a plain ASCII word, byte by byte without the Unicode tables (most
/// tokens of English news): every character is one byte, one FNV step, and its own lower-case
/// form, so the hashes are the same.
fn ascii_facts(word: &[u8], info: &mut TokenInfo) -> (u32, u32) {
    /// The normalised lower-case byte of an ASCII character (as `norm_char` of its lower form).
    #[inline]
    fn norm_lower(b: u8) -> u8 {
        match b {
            b'0'..=b'9' => b'0',
            b'`' => b'\'',
            _ => b.to_ascii_lowercase(),
        }
    }
    let step = |h: u64, b: u8| (h ^ u64::from(b)).wrapping_mul(PRIME);
    let (mut lower_h, mut long_h, mut short_h) = (SEED, SEED, SEED);
    let (mut last, mut run) = (0u8, 0);
    let (mut upper, mut lower) = (0u32, 0u32);
    let mut flags = 0;
    for (k, &b) in word.iter().enumerate() {
        let s = match b {
            b'A'..=b'Z' => {
                upper += 1;
                if k > 0 {
                    flags |= flag::INNER_CAP;
                }
                b'X'
            }
            b'a'..=b'z' => {
                lower += 1;
                b'x'
            }
            b'0'..=b'9' => {
                flags |= flag::HAS_DIGIT;
                b'd'
            }
            b'-' => {
                flags |= flag::HAS_HYPHEN;
                b
            }
            b'.' => {
                flags |= flag::HAS_PERIOD;
                b
            }
            b'`' => b'\'',
            _ => b,
        };
        if s == last {
            run += 1;
        } else {
            run = 1;
            short_h = step(short_h, s);
        }
        if run <= 2 {
            long_h = step(long_h, s);
        }
        last = s;
        let l = norm_lower(b);
        lower_h = step(lower_h, l);
        if k < 4 {
            info.prefix[k] = lower_h;
        }
    }
    let mut s = SEED;
    for (k, &b) in word.iter().rev().take(4).enumerate() {
        s = step(s, norm_lower(b));
        info.suffix[k] = s;
    }
    let alpha = upper + lower;
    info.lower = lower_h;
    info.shape = long_h;
    info.short_shape = short_h;
    if word.first().is_some_and(u8::is_ascii_uppercase) {
        flags |= flag::INIT_CAP;
    }
    if upper > 1 && lower == 0 && alpha > 1 {
        flags |= flag::ALL_CAPS;
        flags &= !flag::INNER_CAP;
    }
    info.flags |= flags;
    (upper, alpha)
}

/// Context aggregation: for each word that may open a name, the neighbours of its other
/// occurrences in the document.
fn mark_aggregates(infos: &mut [TokenInfo]) {
    let mut keyed: Vec<(u64, usize)> = infos
        .iter()
        .enumerate()
        .filter(|(_, x)| x.flags & flag::MAY_OPEN != 0 && x.flags & flag::PUNCT == 0)
        .map(|(i, x)| (x.lower, i))
        .collect();
    keyed.sort_unstable();
    let neighbour = |infos: &[TokenInfo], i: usize, step: isize| -> u64 {
        let j = i as isize + step;
        if j < 0 || j as usize >= infos.len() || infos[j as usize].sentence != infos[i].sentence {
            if step < 0 {
                BOS
            } else {
                EOS
            }
        } else {
            let x = &infos[j as usize];
            // The neighbour's cluster and name classes generalise better than its form.
            mix(x.cluster as u64, x.words as u64) | 1
        }
    };
    // Each occurrence's neighbours, computed once per group (a frequent word has many
    // occurrences, and each looks at every other).
    let mut around: Vec<(u64, u64)> = Vec::new();
    let mut start = 0;
    while start < keyed.len() {
        let mut end = start + 1;
        while end < keyed.len() && keyed[end].0 == keyed[start].0 {
            end += 1;
        }
        if end - start > 1 {
            around.clear();
            around.extend(
                keyed[start..end]
                    .iter()
                    .map(|&(_, j)| (neighbour(infos, j, -1), neighbour(infos, j, 1))),
            );
            for a in 0..end - start {
                let i = keyed[start + a].1;
                let (mut prev, mut next) = ([0u64; 4], [0u64; 4]);
                let (mut np, mut nn) = (0, 0);
                for (b, &(p, n)) in around.iter().enumerate() {
                    if b == a {
                        continue;
                    }
                    if np < 4 && !prev[..np].contains(&p) {
                        prev[np] = p;
                        np += 1;
                    }
                    if nn < 4 && !next[..nn].contains(&n) {
                        next[nn] = n;
                        nn += 1;
                    }
                    if np == 4 && nn == 4 {
                        break;
                    }
                }
                infos[i].agg_prev = prev;
                infos[i].agg_next = next;
            }
        }
        start = end;
    }
}

/// Runs of capitalised words, joined by connectors ("Army of the Potomac").
fn mark_runs(infos: &mut [TokenInfo]) {
    let opens = |x: &TokenInfo| x.flags & flag::MAY_OPEN != 0 && x.flags & flag::PUNCT == 0;
    let mut i = 0;
    while i < infos.len() {
        if !opens(&infos[i]) {
            i += 1;
            continue;
        }
        let sent = infos[i].sentence;
        let mut end = i + 1;
        loop {
            if end < infos.len() && infos[end].sentence == sent && opens(&infos[end]) {
                end += 1;
                continue;
            }
            // Up to two connectors ("of the") followed by a capitalised word.
            let mut k = end;
            while k < infos.len() && k < end + 2 && infos[k].sentence == sent && infos[k].connector
            {
                k += 1;
            }
            if k > end && k < infos.len() && infos[k].sentence == sent && opens(&infos[k]) {
                end = k + 1;
                continue;
            }
            break;
        }
        let len = (end - i).min(u16::MAX as usize) as u16;
        for info in &mut infos[i..end] {
            info.run_start = i as u32;
            info.run_len = len;
        }
        i = end;
    }
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
const T_DOC_ALONE: u64 = 30;
const T_DOC_HAS: u64 = 31;
const T_DOC_FRAC: u64 = 32;
const T_DOC_MAJ: u64 = 33;
const T_DOC_POS: u64 = 34;
const T_WORDS: u64 = 37;
const T_WORDS_M1: u64 = 38;
const T_WORDS_P1: u64 = 39;
const T_RUN: u64 = 44;
const T_RUN_FIRST: u64 = 45;
const T_RUN_LAST: u64 = 46;
const T_RUN_FIRST_WORD: u64 = 47;
const T_RUN_LAST_WORD: u64 = 48;
const T_CLUSTER_M2: u64 = 49;
const T_CLUSTER_P2: u64 = 50;
const T_SUFFIX_P1: u64 = 51;
const T_CLUSTER_PAIR: u64 = 52;
const T_AGG_PREV: u64 = 54;
const T_AGG_NEXT: u64 = 55;
const T_CAPS: u64 = 56;
const T_CAPS_M1: u64 = 57;
const T_CAPS_P1: u64 = 58;
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
    out.push(mix(T_CLUSTER_M2, m2.map_or(BOS, |x| x.cluster as u64)));
    out.push(mix(T_CLUSTER_P2, p2.map_or(EOS, |x| x.cluster as u64)));
    out.push(mix(T_SUFFIX_P1, p1.map_or(EOS, |x| x.suffix[2])));
    out.push(mix(
        T_CLUSTER_PAIR,
        mix(
            m1.map_or(BOS, |x| x.cluster as u64),
            p1.map_or(EOS, |x| x.cluster as u64),
        ),
    ));
    for &h in t.agg_prev.iter().take_while(|&&h| h != 0) {
        out.push(mix(T_AGG_PREV, h));
    }
    for &h in t.agg_next.iter().take_while(|&&h| h != 0) {
        out.push(mix(T_AGG_NEXT, h));
    }
    let cap = |x: &TokenInfo| (x.flags & (flag::INIT_CAP | flag::ALL_CAPS) != 0) as u64;
    // A capitalised common word: how its case here compares with its usual case.
    let case_key = |x: &TokenInfo| {
        let start = (x.flags & (flag::SENT_START | flag::CAPS_SENTENCE) != 0) as u64;
        x.caps as u64 * 4 + cap(x) * 2 + start
    };
    out.push(mix(T_CAPS, case_key(t)));
    out.push(mix(T_CAPS_M1, m1.map_or(BOS, case_key)));
    out.push(mix(T_CAPS_P1, p1.map_or(EOS, case_key)));
    push_classes(T_WORDS, t.words, cap(t), out);
    if let Some(m) = m1 {
        push_classes(T_WORDS_M1, m.words, cap(m), out);
    }
    if let Some(p) = p1 {
        push_classes(T_WORDS_P1, p.words, cap(p), out);
    }
    if t.run_len > 0 {
        let start = t.run_start as usize;
        let last = start + t.run_len as usize - 1;
        let place = match (i == start, i == last) {
            (true, true) => 0u64,
            (true, false) => 1,
            (false, false) => 2,
            (false, true) => 3,
        };
        let len = (t.run_len as u64).min(4);
        out.push(mix(T_RUN, place * 8 + len));
        if let (Some(first), Some(end)) = (infos.get(start), infos.get(last)) {
            push_classes(T_RUN_FIRST, first.words, place, out);
            push_classes(T_RUN_LAST, end.words, place, out);
            if t.run_len > 1 {
                out.push(mix(T_RUN_FIRST_WORD, mix(place, first.lower)));
                out.push(mix(T_RUN_LAST_WORD, mix(place, end.lower)));
            }
        }
    }
}

/// Push one feature per class bit of `classes`, each joined with `context`.
fn push_classes(template: u64, classes: u8, context: u64, out: &mut Vec<u64>) {
    let mut m = classes;
    while m != 0 {
        let b = m.trailing_zeros() as u64;
        out.push(mix(template, b * 8 + context));
        m &= m - 1;
    }
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

/// What a first tagging pass said about a token's word elsewhere in the document.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocHint {
    /// The token may open a name (so the counts below are kept).
    pub active: bool,
    /// First-pass types of the word's other occurrences: PER, ORG, LOC, MISC, none.
    pub others: [u8; 5],
    /// Bit `4 * type + position` for each (type, place in the mention) seen at another
    /// occurrence; positions: alone, first, inside, last word of a longer name.
    pub places: u32,
}

/// Document hints from first-pass tags: occurrences of a word are grouped by its lower-case
/// form, among tokens that may open a name.
pub fn doc_hints(infos: &[TokenInfo], first: &[usize]) -> Vec<DocHint> {
    let mut hints: Vec<DocHint> = first.iter().map(|_| DocHint::default()).collect();
    // (type 0..5, place 0..4) of every token under the first pass.
    let place_of = |i: usize| -> (usize, usize) {
        let t = first[i];
        let Some(ty) = tag_type(t) else {
            return (4, 0);
        };
        let opens = !is_inside(t);
        let continues = i + 1 < first.len()
            && is_inside(first[i + 1])
            && tag_type(first[i + 1]) == Some(ty)
            && infos[i + 1].sentence == infos[i].sentence;
        let place = match (opens, continues) {
            (true, false) => 0,
            (true, true) => 1,
            (false, true) => 2,
            (false, false) => 3,
        };
        (ty, place)
    };
    let mut keyed: Vec<(u64, usize)> = infos
        .iter()
        .enumerate()
        .filter(|(_, x)| x.flags & flag::MAY_OPEN != 0)
        .map(|(i, x)| (x.lower, i))
        .collect();
    keyed.sort_unstable();
    let mut start = 0;
    while start < keyed.len() {
        let mut end = start + 1;
        while end < keyed.len() && keyed[end].0 == keyed[start].0 {
            end += 1;
        }
        let mut total = [0u32; 5];
        let mut place_counts = [0u16; 20];
        for &(_, i) in &keyed[start..end] {
            let (ty, place) = place_of(i);
            total[ty] += 1;
            if ty < 4 {
                place_counts[4 * ty + place] += 1;
            }
        }
        for &(_, i) in &keyed[start..end] {
            let (ty, place) = place_of(i);
            let h = &mut hints[i];
            h.active = true;
            for (k, (slot, &n)) in h.others.iter_mut().zip(&total).enumerate() {
                *slot = (n - (k == ty) as u32).min(255) as u8;
            }
            for (b, &n) in place_counts.iter().enumerate() {
                let own = ty < 4 && b == 4 * ty + place;
                if n > own as u16 {
                    h.places |= 1 << b;
                }
            }
        }
        start = end;
    }
    hints
}

/// Push the features of a second stage: the document hints of the token's word. The token's
/// own first-pass tag is left out (measured no better with it): the hints speak for the other
/// occurrences only.
pub fn doc_features(hints: &[DocHint], i: usize, out: &mut Vec<u64>) {
    let h = &hints[i];

    if !h.active {
        return;
    }
    let n: u32 = h.others.iter().map(|&c| c as u32).sum();
    if n == 0 {
        out.push(mix(T_DOC_ALONE, 0));
        return;
    }
    let mut major = 0;
    for (k, &c) in h.others.iter().enumerate() {
        if c == 0 {
            continue;
        }
        if c > h.others[major] {
            major = k;
        }
        out.push(mix(T_DOC_HAS, k as u64));
        let c = c as u32;
        let bucket = if c * 3 < n {
            0
        } else if c * 3 < 2 * n {
            1
        } else {
            2
        };
        out.push(mix(T_DOC_FRAC, (k * 3 + bucket) as u64));
    }
    out.push(mix(T_DOC_MAJ, major as u64));
    let mut p = h.places;
    while p != 0 {
        let b = p.trailing_zeros();
        out.push(mix(T_DOC_POS, b as u64));
        p &= p - 1;
    }
}

#[cfg(test)]
mod tests {

    use super::*;

    fn infos_of(text: &str) -> (Vec<Token>, Vec<TokenInfo>) {
        let tokens = crate::tokens_for_tests(text);
        let infos = token_infos(text, &tokens, &[], crate::lexicon_for_tests());
        (tokens, infos)
    }

    fn index_of(text: &str, tokens: &[Token], word: &str, nth: usize) -> usize {
        tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| &text[t.span.start..t.span.end] == word)
            .nth(nth)
            .map(|(i, _)| i)
            .expect("word present")
    }

    #[test]
    fn issue_15_the_ascii_facts_are_the_unicode_ones() {
        for word in [
            "",
            "x",
            "Putin",
            "U.S.",
            "1996-08-30",
            "`quoted'",
            "McDONALD'S",
            "AAbb--..9x",
            "NATO",
            "e-mail",
            "\0A",
            "'s",
            "--",
            "A",
            "ab12CD",
            "x`y",
        ] {
            let (mut a, mut u) = (TokenInfo::default(), TokenInfo::default());
            let counts = (
                ascii_facts(word.as_bytes(), &mut a),
                unicode_facts(word, &mut u),
            );
            assert_eq!(counts.0, counts.1, "{word:?}");
            assert_eq!(
                (a.lower, a.shape, a.short_shape, a.prefix, a.suffix, a.flags),
                (u.lower, u.shape, u.short_shape, u.prefix, u.suffix, u.flags),
                "{word:?}"
            );
        }
    }

    #[test]
    fn doc_hints_count_the_other_occurrences_and_their_place_in_names() {
        let text = "Ben Player scored twice. Player left early. Fans cheered Player.";
        let (tokens, infos) = infos_of(text);
        // A first pass that saw "Ben Player" as a person and the lone "Player"s as nothing.
        let mut first = vec![0; tokens.len()];
        first[index_of(text, &tokens, "Ben", 0)] = 1;
        first[index_of(text, &tokens, "Player", 0)] = 2;
        let hints = doc_hints(&infos, &first);
        let lone = &hints[index_of(text, &tokens, "Player", 1)];
        assert!(lone.active);
        // Other occurrences: one last word of a PER name, one untagged.
        assert_eq!(lone.others, [1, 0, 0, 0, 1]);
        assert_eq!(lone.places, 1 << 3);
        // The tagged one sees only the two untagged others.
        let tagged = &hints[index_of(text, &tokens, "Player", 0)];
        assert_eq!(tagged.others, [0, 0, 0, 0, 2]);
        assert_eq!(tagged.places, 0);
        assert!(!hints[index_of(text, &tokens, "scored", 0)].active);
    }

    #[test]
    fn capitalised_runs_cross_connectors_and_aggregates_see_other_occurrences() {
        let text = "The Army of the Potomac crossed near Bridgton. Troops left Bridgton.";
        let (tokens, infos) = infos_of(text);
        let army = index_of(text, &tokens, "Army", 0);
        let potomac = index_of(text, &tokens, "Potomac", 0);
        assert_eq!(
            infos[potomac].run_start as usize,
            infos[army].run_start as usize
        );
        assert_eq!(infos[army].run_len, 5, "The Army of the Potomac");
        let crossed = index_of(text, &tokens, "crossed", 0);
        assert_eq!(infos[crossed].run_len, 0);
        let first = index_of(text, &tokens, "Bridgton", 0);
        let second = index_of(text, &tokens, "Bridgton", 1);
        assert_ne!(infos[first].agg_prev[0], 0, "sees the other occurrence");
        assert_eq!(infos[first].agg_prev[1], 0, "only one other occurrence");
        assert_eq!(infos[crossed].agg_prev, [0; 4]);
        assert_ne!(infos[second].agg_prev[0], 0);
    }
}
