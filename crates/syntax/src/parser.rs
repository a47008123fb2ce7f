//! The dependency parser: arc-hybrid transitions chosen greedily by an averaged perceptron
//! (unlabelled; [`crate::labeler`] names the arcs afterwards), trained with a dynamic oracle.
//!
//! A configuration is a stack, the front of the buffer and the arcs made so far. The three
//! transitions: SHIFT pushes the front word; LEFT makes the front word the head of the stack
//! top and pops it; RIGHT makes the word under the stack top its head and pops it. A word gets
//! its head only when it leaves the stack, after it has collected its own dependents: in
//! "officials said Israel and Jordan signed", "Israel" waits for "signed" instead of being taken
//! as the object of "said" (arc-eager, which attaches right dependents on arrival, got this
//! wrong; on EWT dev arc-eager scored 0.6 UAS higher overall but lower on clausal complements,
//! passive subjects and appositions). The last word on the stack is the root.
//!
//! Training follows Goldberg and Nivre's dynamic oracle: at every configuration a transition
//! costs the gold arcs it makes unreachable, the model is updated when its best transition
//! costs more than the best zero-cost one, and after the first epoch the parser mostly follows
//! its own choice, so it learns to recover from its mistakes.

use crate::features::{f1, f2, f3, small, WordInfo};
use crate::linear::{lane, Lanes, Sink, Trainer};
use crate::tags::NUM_TAGS;

pub const SHIFT: usize = 0;
pub const LEFT: usize = 1;
pub const RIGHT: usize = 2;
pub const NUM_MOVES: usize = 3;

/// The `u64` words of a row of the parser's run-time table (four moves each).
pub const WIDTH: usize = NUM_MOVES.div_ceil(4);

/// The number of features of a configuration.
pub const FEATURES: usize = 60;

/// No head (yet), or no such word.
pub const NONE: usize = usize::MAX;

/// A parser configuration over one sentence of `n` words.
pub struct State {
    pub stack: Vec<usize>,
    pub front: usize,
    pub n: usize,
    pub heads: Vec<usize>,
    /// Leftmost and second leftmost children.
    lefts: Vec<[usize; 2]>,
    /// Rightmost and second rightmost children.
    rights: Vec<[usize; 2]>,
    left_count: Vec<u8>,
    right_count: Vec<u8>,
}

impl State {
    pub fn new(n: usize) -> State {
        State {
            stack: Vec::with_capacity(n),
            front: 0,
            n,
            heads: vec![NONE; n],
            lefts: vec![[NONE; 2]; n],
            rights: vec![[NONE; 2]; n],
            left_count: vec![0; n],
            right_count: vec![0; n],
        }
    }

    pub fn reset(&mut self, n: usize) {
        self.stack.clear();
        self.front = 0;
        self.n = n;
        self.heads.clear();
        self.heads.resize(n, NONE);
        self.lefts.clear();
        self.lefts.resize(n, [NONE; 2]);
        self.rights.clear();
        self.rights.resize(n, [NONE; 2]);
        self.left_count.clear();
        self.left_count.resize(n, 0);
        self.right_count.clear();
        self.right_count.resize(n, 0);
    }

    pub fn done(&self) -> bool {
        self.front >= self.n && self.stack.len() <= 1
    }

    fn s(&self, k: usize) -> usize {
        let len = self.stack.len();
        if k < len {
            self.stack[len - 1 - k]
        } else {
            NONE
        }
    }

    /// Which transitions are allowed now.
    pub fn valid(&self) -> [bool; NUM_MOVES] {
        let has_front = self.front < self.n;
        let depth = self.stack.len();
        [has_front, depth >= 1 && has_front, depth >= 2]
    }

    fn attach(&mut self, head: usize, dep: usize) {
        self.heads[dep] = head;
        if dep < head {
            let l = &mut self.lefts[head];
            // Left children arrive from right to left: each new one is the leftmost.
            *l = [dep, l[0]];
            self.left_count[head] = self.left_count[head].saturating_add(1);
        } else {
            // Right children arrive from left to right: each new one is the rightmost.
            let r = &mut self.rights[head];
            *r = [dep, r[0]];
            self.right_count[head] = self.right_count[head].saturating_add(1);
        }
    }

    pub fn apply(&mut self, mv: usize) {
        match mv {
            SHIFT => {
                self.stack.push(self.front);
                self.front += 1;
            }
            LEFT => {
                if let Some(s0) = self.stack.pop() {
                    self.attach(self.front, s0);
                }
            }
            _ => {
                if let Some(s0) = self.stack.pop() {
                    let s1 = self.s(0);
                    self.attach(s1, s0);
                }
            }
        }
    }

    /// What each transition would cost against `gold` heads (`NONE` for the root): the gold
    /// arcs it makes unreachable (Goldberg and Nivre 2013). Only meaningful for valid moves.
    pub fn costs(&self, gold: &[usize]) -> [u32; NUM_MOVES] {
        let b = self.front;
        let (s0, s1) = (self.s(0), self.s(1));
        let in_buffer = |k: usize| k != NONE && k >= b && k < self.n;
        let children_in_buffer = |h: usize| (b..self.n).filter(|&k| gold[k] == h).count() as u32;
        let mut c = [0u32; NUM_MOVES];
        if b < self.n {
            // SHIFT: b0 can no longer take a head deeper than s0, nor any stack word as child.
            let depth = self.stack.len();
            let head_below = self.stack[..depth.saturating_sub(1)]
                .iter()
                .any(|&k| gold[b] == k);
            let kids_on_stack = self.stack.iter().filter(|&&k| gold[k] == b).count() as u32;
            c[SHIFT] = u32::from(head_below) + kids_on_stack;
            if s0 != NONE {
                // LEFT: s0 takes b0 as head and leaves.
                let gs = gold[s0];
                let lost = gs != b && (gs == NONE || gs == s1 || in_buffer(gs));
                c[LEFT] = u32::from(lost) + children_in_buffer(s0);
            }
        }
        if s1 != NONE {
            // RIGHT: s0 takes s1 as head and leaves.
            let gs = gold[s0];
            let lost = gs != s1 && (gs == NONE || in_buffer(gs));
            c[RIGHT] = u32::from(lost) + children_in_buffer(s0);
        }
        c
    }

    /// The parser's features in this configuration.
    pub fn features(&self, words: &[WordInfo], tags: &[u8], out: &mut Vec<u64>) {
        out.clear();
        self.feed(words, tags, out);
    }

    /// [`State::features`] into any sink (at run time straight into the sums).
    #[inline(always)]
    pub fn feed(&self, words: &[WordInfo], tags: &[u8], out: &mut impl Sink) {
        let w = |i: usize| {
            if i == NONE {
                crate::features::NONE
            } else {
                words[i].word
            }
        };
        let t = |i: usize| {
            if i == NONE {
                small(NUM_TAGS)
            } else {
                small(usize::from(tags[i]))
            }
        };
        let get = |i: usize, k: usize| if i < self.n { i + k } else { NONE };
        let front = |k: usize| {
            let i = self.front + k;
            if i < self.n {
                i
            } else {
                NONE
            }
        };
        let (s0, s1, s2) = (self.s(0), self.s(1), self.s(2));
        let (b0, b1, b2) = (front(0), front(1), front(2));
        let _ = get;
        let kid = |i: usize, side: &[[usize; 2]], k: usize| {
            if i == NONE {
                NONE
            } else {
                side[i][k]
            }
        };
        let (s0l, s0l2) = (kid(s0, &self.lefts, 0), kid(s0, &self.lefts, 1));
        let (s0r, s0r2) = (kid(s0, &self.rights, 0), kid(s0, &self.rights, 1));
        let (b0l, b0l2) = (kid(b0, &self.lefts, 0), kid(b0, &self.lefts, 1));
        let (s1l, s1r) = (kid(s1, &self.lefts, 0), kid(s1, &self.rights, 0));
        let dist1 = if s1 != NONE && s0 != NONE {
            small((s0 - s1).min(6))
        } else {
            small(0)
        };
        let dist = if s0 != NONE && b0 != NONE {
            small((b0 - s0).min(6))
        } else {
            small(0)
        };
        let val = |i: usize, counts: &[u8]| {
            if i == NONE {
                small(0)
            } else {
                small(usize::from(counts[i].min(4)) + 1)
            }
        };
        let (s0vl, s0vr, b0vl) = (
            val(s0, &self.left_count),
            val(s0, &self.right_count),
            val(b0, &self.left_count),
        );
        let (s0w, s0t, b0w, b0t) = (w(s0), t(s0), w(b0), t(b0));
        out.add(f1(1, 0));
        // Single words.
        out.add(f2(2, s0w, s0t));
        out.add(f1(3, s0w));
        out.add(f1(4, s0t));
        out.add(f2(5, b0w, b0t));
        out.add(f1(6, b0w));
        out.add(f1(7, b0t));
        out.add(f2(8, w(b1), t(b1)));
        out.add(f1(9, w(b1)));
        out.add(f1(10, t(b1)));
        out.add(f1(11, w(b2)));
        out.add(f1(12, t(b2)));
        out.add(f2(13, w(s1), t(s1)));
        out.add(f1(14, t(s1)));
        // Pairs.
        out.add(f3(15, s0w, s0t, b0w));
        out.add(f3(16, s0w, b0w, b0t));
        out.add(f3(17, s0w, s0t, b0t));
        out.add(f3(18, s0t, b0w, b0t));
        out.add(f2(19, s0w, b0w));
        out.add(f2(20, s0t, b0t));
        out.add(f2(21, b0t, t(b1)));
        // Triples of tags.
        out.add(f3(22, b0t, t(b1), t(b2)));
        out.add(f3(23, s0t, b0t, t(b1)));
        out.add(f3(24, t(s1), s0t, t(s1r)));
        out.add(f3(25, s0t, t(s0l), b0t));
        out.add(f3(26, s0t, t(s0r), b0t));
        out.add(f3(27, s0t, b0t, t(b0l)));
        out.add(f3(28, t(s1), s0t, b0t));
        out.add(f3(29, t(s2), t(s1), s0t));
        // Distance.
        out.add(f2(30, s0w, dist));
        out.add(f2(31, s0t, dist));
        out.add(f2(32, b0w, dist));
        out.add(f2(33, b0t, dist));
        out.add(f3(34, s0w, b0w, dist));
        out.add(f3(35, s0t, b0t, dist));
        // Valency.
        out.add(f2(36, s0w, s0vr));
        out.add(f2(37, s0t, s0vr));
        out.add(f2(38, s0w, s0vl));
        out.add(f2(39, s0t, s0vl));
        out.add(f2(40, b0w, b0vl));
        out.add(f2(41, b0t, b0vl));
        // Children and head.
        // The stack's second word: RIGHT makes it the head of the top.
        out.add(f2(42, w(s1), s0w));
        out.add(f2(43, t(s1), s0t));
        out.add(f3(61, w(s1), t(s1), s0t));
        out.add(f3(62, t(s1), s0w, s0t));
        out.add(f2(63, t(s1), t(s1l)));
        out.add(f3(64, t(s1), s0t, dist1));
        out.add(f3(65, t(s1), s0t, t(s0l)));
        out.add(f3(66, t(s1), s0t, t(s0r)));
        out.add(f1(44, w(s0l)));
        out.add(f1(45, t(s0l)));
        out.add(f1(46, w(s0r)));
        out.add(f1(47, t(s0r)));
        out.add(f1(48, w(b0l)));
        out.add(f1(49, t(b0l)));
        out.add(f3(50, s0t, t(s0l), t(s0l2)));
        out.add(f3(51, s0t, t(s0r), t(s0r2)));
        out.add(f3(52, b0t, t(b0l), t(b0l2)));
        // Suffixes tell verb forms the tagger may have missed.
        out.add(f2(53, if s0 == NONE { 0 } else { words[s0].suffix }, b0t));
        out.add(f2(54, s0t, if b0 == NONE { 0 } else { words[b0].suffix }));
    }
}

/// Parse a tagged sentence; `heads` gets each word's head (`NONE` for the root).
pub fn parse(
    table: &Lanes<WIDTH>,
    words: &[WordInfo],
    tags: &[u8],
    state: &mut State,
    heads: &mut Vec<usize>,
) {
    state.reset(words.len());
    while !state.done() {
        let valid = state.valid();
        // An empty stack can only shift and an empty buffer only reduce: nothing to score.
        let best = match valid {
            [true, false, false] => SHIFT,
            [false, false, true] => RIGHT,
            _ => {
                let mut sums = table.summer();
                state.feed(words, tags, &mut sums);
                let sums = sums.sums;
                let scores: [u16; NUM_MOVES] = std::array::from_fn(|k| lane(&sums, k));
                let mut best = SHIFT;
                for mv in 0..NUM_MOVES {
                    if valid[mv] && (!valid[best] || scores[mv] > scores[best]) {
                        best = mv;
                    }
                }
                best
            }
        };
        state.apply(best);
    }
    heads.clear();
    heads.extend_from_slice(&state.heads);
    single_root(heads, tags);
}

/// Keep one root: the first headless verb, else the first headless word; the other headless
/// words hang under it.
pub fn single_root(heads: &mut [usize], tags: &[u8]) {
    let headless: Vec<usize> = (0..heads.len()).filter(|&i| heads[i] == NONE).collect();
    let Some(&first) = headless.first() else {
        return;
    };
    let root = headless
        .iter()
        .copied()
        .find(|&i| tags.get(i).is_some_and(|&t| crate::tags::is_verb(t)))
        .unwrap_or(first);
    for i in headless {
        if i != root {
            heads[i] = root;
        }
    }
}

/// Small deterministic generator (xorshift64*) for exploration during training.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Parse a training sentence with the dynamic oracle, updating the model; returns the number of
/// words whose head came out right.
#[allow(clippy::too_many_arguments)]
pub fn learn(
    trainer: &mut Trainer,
    words: &[WordInfo],
    tags: &[u8],
    gold: &[usize],
    explore: bool,
    rng: &mut Rng,
    state: &mut State,
    feats: &mut Vec<u64>,
) -> usize {
    let n = words.len();
    state.reset(n);
    let mut scores = [0f32; NUM_MOVES];
    while !state.done() {
        let valid = state.valid();
        state.features(words, tags, feats);
        trainer.score(feats, &mut scores);
        let costs = state.costs(gold);
        let min_cost = (0..NUM_MOVES)
            .filter(|&m| valid[m])
            .map(|m| costs[m])
            .min()
            .unwrap_or(0);
        let mut guess = NUM_MOVES;
        let mut best_gold = NUM_MOVES;
        for mv in 0..NUM_MOVES {
            if !valid[mv] {
                continue;
            }
            if guess == NUM_MOVES || scores[mv] > scores[guess] {
                guess = mv;
            }
            if costs[mv] == min_cost && (best_gold == NUM_MOVES || scores[mv] > scores[best_gold]) {
                best_gold = mv;
            }
        }
        if guess == NUM_MOVES {
            break;
        }
        trainer.tick();
        if costs[guess] > min_cost {
            trainer.update(feats, best_gold, guess);
        }
        let follow = if explore && rng.unit() < 0.9 {
            guess
        } else {
            best_gold
        };
        state.apply(follow);
    }
    let mut heads = state.heads.clone();
    single_root(&mut heads, tags);
    (0..n).filter(|&i| heads[i] == gold[i]).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Following the zero-cost transitions rebuilds a projective gold tree exactly.
    #[test]
    fn the_oracle_reaches_the_gold_tree() {
        // "Officials said Israel and Jordan signed a treaty ." : said is the root.
        let gold = [1, NONE, 5, 4, 2, 1, 7, 5, 1];
        let n = gold.len();
        let mut st = State::new(n);
        while !st.done() {
            let valid = st.valid();
            let costs = st.costs(&gold);
            let mv = (0..NUM_MOVES)
                .find(|&m| valid[m] && costs[m] == 0)
                .expect("a zero-cost move exists for a projective tree");
            st.apply(mv);
        }
        assert_eq!(st.heads, gold);
    }
}
