//! Naming the arcs: once the tree is built, each word's relation to its head is chosen by an
//! averaged perceptron that sees the word, its head, the direction and distance, the function
//! words hanging under each (a "by" under a noun, a "was" under a participle) and the relation
//! already chosen for the head (words are labelled from the root down).

use crate::features::{f1, f2, f3, small, WordInfo};
use crate::linear::{best, Lanes, Sink, Trainer};
use crate::parser::NONE;
use crate::tags::NUM_TAGS;

/// Weights per row of the labeller's table: room for every relation (the inventory is at most
/// this long; unused lanes stay zero and are never chosen), a fixed size so scoring vectorises.
pub const LANES: usize = 64;

/// The `u64` words of a row of the labeller's run-time table (four relations each).
pub const WIDTH: usize = LANES / 4;

/// Children of every word, in one flat array grouped by head (in sentence order within each).
#[derive(Default)]
pub struct Children {
    start: Vec<usize>,
    kids: Vec<usize>,
}

impl Children {
    pub fn of(heads: &[usize]) -> Children {
        let mut c = Children::default();
        c.fill(heads);
        c
    }

    /// Rebuild for a new tree, keeping the buffers.
    pub fn fill(&mut self, heads: &[usize]) {
        let n = heads.len();
        self.start.clear();
        self.start.resize(n + 2, 0);
        for &h in heads {
            if h < n {
                self.start[h + 2] += 1;
            }
        }
        for i in 2..n + 2 {
            self.start[i] += self.start[i - 1];
        }
        self.kids.clear();
        self.kids.resize(self.start[n + 1], 0);
        for (d, &h) in heads.iter().enumerate() {
            if h < n {
                let at = &mut self.start[h + 1];
                self.kids[*at] = d;
                *at += 1;
            }
        }
    }

    /// All children of `h`, left to right.
    pub fn all(&self, h: usize) -> &[usize] {
        match (self.start.get(h), self.start.get(h + 1)) {
            (Some(&a), Some(&b)) => &self.kids[a..b],
            _ => &[],
        }
    }

    /// Left children of `h`, left to right.
    pub fn left(&self, h: usize) -> &[usize] {
        let all = self.all(h);
        &all[..all.partition_point(|&k| k < h)]
    }

    /// Right children of `h`, left to right.
    pub fn right(&self, h: usize) -> &[usize] {
        let all = self.all(h);
        &all[all.partition_point(|&k| k < h)..]
    }
}

/// Words in an order where every head comes before its dependents (roots first).
pub fn top_down(heads: &[usize], kids: &Children, order: &mut Vec<usize>) {
    let n = heads.len();
    order.clear();
    order.extend((0..n).filter(|&i| heads[i] >= n));
    let mut k = 0;
    while k < order.len() && order.len() <= n {
        let h = order[k];
        order.extend_from_slice(kids.all(h));
        k += 1;
    }
    order.truncate(n);
    if order.len() < n {
        // A cycle (never made by the parser) leaves words out: label them last.
        let mut placed = vec![false; n];
        for &i in order.iter() {
            placed[i] = true;
        }
        order.extend((0..n).filter(|&i| !placed[i]));
    }
}

/// The number of features of an arc.
pub const FEATURES: usize = 25;

/// The features of word `d`'s arc, given the labels chosen so far (`root_label` for roots and
/// `labels[h]` for an already labelled head).
#[allow(clippy::too_many_arguments)]
pub fn features(
    words: &[WordInfo],
    tags: &[u8],
    heads: &[usize],
    kids: &Children,
    labels: &[u8],
    d: usize,
    out: &mut Vec<u64>,
) {
    out.clear();
    feed(words, tags, heads, kids, labels, d, out);
}

/// [`features`] into any sink (at run time straight into the sums).
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub fn feed(
    words: &[WordInfo],
    tags: &[u8],
    heads: &[usize],
    kids: &Children,
    labels: &[u8],
    d: usize,
    out: &mut impl Sink,
) {
    let n = words.len();
    let h = heads[d];
    let root = h == NONE || h >= n;
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
    let h = if root { NONE } else { h };
    let dir = if root {
        small(0)
    } else if d < h {
        small(1)
    } else {
        small(2)
    };
    let dist = if root {
        small(0)
    } else {
        small(d.abs_diff(h).min(8))
    };
    let hl = if h == NONE {
        small(LANES)
    } else {
        small(usize::from(labels[h]))
    };
    // The outermost left child of the word (its case marker or determiner) and its nearest one.
    let d_left = kids.left(d);
    let d_first = d_left.first().copied().unwrap_or(NONE);
    let d_near = d_left.last().copied().unwrap_or(NONE);
    let d_right = kids.right(d).first().copied().unwrap_or(NONE);
    let (h_near_left, h_first_left) = if h == NONE {
        (NONE, NONE)
    } else {
        let l = kids.left(h);
        (
            l.last().copied().unwrap_or(NONE),
            l.first().copied().unwrap_or(NONE),
        )
    };
    let hh = if h == NONE || heads[h] >= n {
        NONE
    } else {
        heads[h]
    };
    // Is there an object-like word between? The count of the head's children on d's side
    // before d tells a first object from a second.
    let rank = if h == NONE {
        small(0)
    } else if d < h {
        let l = kids.left(h);
        small(l.iter().rev().position(|&k| k == d).unwrap_or(0).min(3))
    } else {
        small(
            kids.right(h)
                .iter()
                .position(|&k| k == d)
                .unwrap_or(0)
                .min(3),
        )
    };
    let (dw, dt, hw, ht) = (w(d), t(d), w(h), t(h));
    out.add(f1(1, 0));
    out.add(f1(2, dw));
    out.add(f1(3, dt));
    out.add(f2(4, dw, dt));
    out.add(f1(5, hw));
    out.add(f1(6, ht));
    out.add(f2(7, dt, ht));
    out.add(f3(8, dw, ht, dir));
    out.add(f3(9, dt, hw, dir));
    out.add(f3(10, dt, ht, dir));
    out.add(f3(11, dt, ht, dist));
    out.add(f3(12, hl, dt, dir));
    out.add(f3(13, hl, dt, ht));
    out.add(f3(14, dt, w(d_first), ht));
    out.add(f3(15, dt, t(d_first), dir));
    out.add(f2(16, w(d_near), dt));
    out.add(f3(17, dt, t(d_right), dir));
    out.add(f3(18, ht, w(h_near_left), dt));
    out.add(f3(19, ht, t(h_near_left), dir));
    out.add(f3(20, ht, w(h_first_left), dt));
    out.add(f3(21, t(hh), ht, dt));
    out.add(f3(22, dt, ht, rank));
    out.add(f3(23, dir, rank, ht));
    out.add(f2(24, words[d].suffix, ht));
    out.add(f2(25, small(usize::from(d == 0)), dt));
}

/// Buffers the labeller reuses from sentence to sentence.
#[derive(Default)]
pub struct LabelScratch {
    kids: Children,
    order: Vec<usize>,
}

/// Label every arc of a parsed sentence with one of the first `num_labels` relations.
pub fn label(
    table: &Lanes<WIDTH>,
    words: &[WordInfo],
    tags: &[u8],
    heads: &[usize],
    num_labels: usize,
    scratch: &mut LabelScratch,
    labels: &mut Vec<u8>,
) {
    let n = words.len();
    let num_labels = num_labels.clamp(1, LANES);
    labels.clear();
    labels.resize(n, 0);
    scratch.kids.fill(heads);
    top_down(heads, &scratch.kids, &mut scratch.order);
    for &d in &scratch.order {
        let mut sums = table.summer();
        feed(words, tags, heads, &scratch.kids, labels, d, &mut sums);
        labels[d] = best(&sums.sums, num_labels) as u8;
    }
}

/// Label a gold tree with the current weights (`classes` relations), learning from each mistake; the head labels the
/// features see are the predicted ones, as at run time. Returns the number right.
pub fn learn(
    trainer: &mut Trainer,
    classes: usize,
    words: &[WordInfo],
    tags: &[u8],
    heads: &[usize],
    gold: &[u8],
) -> usize {
    let n = words.len();
    let kids = Children::of(heads);
    let mut order = Vec::new();
    top_down(heads, &kids, &mut order);
    let mut labels = vec![0u8; n];
    let mut feats = Vec::with_capacity(32);
    let mut scores = vec![0f32; LANES];
    let mut right = 0;
    for d in order {
        features(words, tags, heads, &kids, &labels, d, &mut feats);
        trainer.score(&feats, &mut scores);
        let guess = crate::tagger::argmax_f32(&scores[..classes.clamp(1, LANES)]);
        let truth = usize::from(gold[d]);
        trainer.tick();
        trainer.update(&feats, truth, guess);
        right += usize::from(guess == truth);
        labels[d] = guess as u8;
    }
    right
}
