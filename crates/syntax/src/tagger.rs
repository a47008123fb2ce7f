//! The part-of-speech tagger: greedy, left to right, an averaged perceptron over the word, its
//! neighbours, affixes, shape and the two previous tags.

use crate::features::{f1, f2, f3, small, WordInfo};
use crate::linear::{best, Lanes, Sink, Trainer};
use crate::tags::NUM_TAGS;

/// The `u64` words of a row of the tagger's run-time table (four tags each).
pub const WIDTH: usize = NUM_TAGS.div_ceil(4);

/// The number of tag features of a word.
pub const FEATURES: usize = 20;

/// The tag features of word `i`, given the sentence's descriptions and the previous two tags
/// (`NUM_TAGS` for "none").
pub fn features(words: &[WordInfo], i: usize, p1: usize, p2: usize, out: &mut Vec<u64>) {
    out.clear();
    feed(words, i, p1, p2, out);
}

/// [`features`] into any sink (at run time straight into the sums).
#[inline(always)]
pub fn feed(words: &[WordInfo], i: usize, p1: usize, p2: usize, out: &mut impl Sink) {
    let none = WordInfo::none();
    let at = |k: isize| -> WordInfo {
        let j = i as isize + k;
        if j < 0 {
            none
        } else {
            words.get(j as usize).copied().unwrap_or(none)
        }
    };
    let (w, wm1, wm2, wp1, wp2) = (at(0), at(-1), at(-2), at(1), at(2));
    out.add(f1(1, 0));
    out.add(f1(2, w.word));
    out.add(f1(3, w.suffix));
    out.add(f1(4, w.suffix2));
    out.add(f1(5, w.prefix));
    out.add(f1(6, w.shape));
    out.add(f1(7, wm1.word));
    out.add(f1(8, wp1.word));
    out.add(f1(9, wm2.word));
    out.add(f1(10, wp2.word));
    out.add(f1(11, wm1.suffix));
    out.add(f1(12, wp1.suffix));
    out.add(f1(13, small(p1)));
    out.add(f2(14, small(p1), small(p2)));
    out.add(f2(15, small(p1), w.word));
    out.add(f2(16, w.shape, small(usize::from(i == 0))));
    out.add(f2(17, w.word, wp1.word));
    out.add(f2(18, wm1.word, w.word));
    out.add(f1(19, wp1.shape));
    out.add(f3(20, small(p1), w.suffix, wp1.suffix));
}

/// Tag a sentence with a trained table.
pub fn tag(table: &Lanes<WIDTH>, words: &[WordInfo], out: &mut Vec<u8>) {
    out.clear();
    let (mut p1, mut p2) = (NUM_TAGS, NUM_TAGS);
    for i in 0..words.len() {
        let mut sums = table.summer();
        feed(words, i, p1, p2, &mut sums);
        let sums = sums.sums;
        let best = best(&sums, NUM_TAGS);
        out.push(best as u8);
        p2 = p1;
        p1 = best;
    }
}

/// Tag a training sentence with the current weights, learning from each mistake; returns the
/// tags predicted before each update (what the parser trains on) and the number right.
pub fn learn(trainer: &mut Trainer, words: &[WordInfo], gold: &[u8], out: &mut Vec<u8>) -> usize {
    out.clear();
    let mut feats = Vec::with_capacity(24);
    let mut scores = [0f32; NUM_TAGS];
    let (mut p1, mut p2) = (NUM_TAGS, NUM_TAGS);
    let mut right = 0;
    for (i, &truth) in gold.iter().enumerate().take(words.len()) {
        features(words, i, p1, p2, &mut feats);
        trainer.score(&feats, &mut scores);
        let guess = argmax_f32(&scores);
        let truth = usize::from(truth);
        trainer.tick();
        trainer.update(&feats, truth, guess);
        right += usize::from(guess == truth);
        out.push(guess as u8);
        // Later words see the tags the model would have given (greedy decoding at run time).
        p2 = p1;
        p1 = guess;
    }
    right
}

pub fn argmax<T: PartialOrd + Copy>(scores: &[T]) -> usize {
    let mut best = 0;
    for (k, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = k;
        }
    }
    best
}

pub fn argmax_f32(scores: &[f32]) -> usize {
    let mut best = 0;
    for (k, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = k;
        }
    }
    best
}
