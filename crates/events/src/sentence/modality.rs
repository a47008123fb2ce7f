//! Whether an action happened as told: negation, hypotheses, intentions and "must" on its
//! trigger; an action that is the content of another ("accused X of attacking"); an action
//! dated well before the article (background history).

use super::{Ctx, BACKGROUND_MONTHS, MAX_GOVERNOR_STEPS};
use crate::patterns::class;
use crate::tree::Rel;

impl Ctx<'_> {
    /// Negation, hypothesis, intention and "must" on the trigger `t`.
    pub(super) fn modality(&self, t: usize) -> (bool, bool, bool, bool) {
        let (mut neg, mut hypo, mut intent, mut must) = (false, false, false, false);
        for &c in self.tree.children(t) {
            let rel = self.tree.rel(c);
            if !matches!(
                rel,
                Rel::Advmod | Rel::Aux | Rel::AuxPass | Rel::Det | Rel::Mark
            ) {
                continue;
            }
            neg |= self.is_class(c, class::NEG) || self.lower[c].ends_with("n't");
            hypo |= self.is_class(c, class::HYPO);
            must |= rel == Rel::Aux && self.is_class(c, class::MUST);
            intent |= matches!(rel, Rel::Aux | Rel::Mark) && self.is_class(c, class::INTENT);
        }
        // "plans to attack", "is ready to sign": the governing word states an intention.
        if self.tree.rel(t) == Rel::Xcomp {
            if let Some(h) = self.tree.head(t) {
                intent |= self.is_class(h, class::INTENT);
                hypo |= self
                    .tree
                    .children(h)
                    .iter()
                    .any(|&c| self.tree.rel(c) == Rel::Aux && self.is_class(c, class::HYPO));
            }
        }
        // "if Russia attacks", also across a coordination ("if X attacks and Y answers").
        let mut cur = t;
        for _ in 0..2 {
            let conditional = self
                .tree
                .children(cur)
                .iter()
                .any(|&c| self.tree.rel(c) == Rel::Mark && self.is_class(c, class::HYPO));
            hypo |= conditional;
            match self.tree.head(cur) {
                Some(h) if self.tree.rel(cur) == Rel::Conj => cur = h,
                _ => break,
            }
        }
        (neg, hypo, intent && !hypo, must)
    }

    /// Whether the action at `t` (match `k`) is the content of another action: "accused X of
    /// attacking", "urged Y to withdraw", "denied that it shelled".
    pub(super) fn governed(&self, k: usize, t: usize) -> bool {
        let g = &self.coder.patterns.grammar;
        let mut cur = t;
        for _ in 0..MAX_GOVERNOR_STEPS {
            let rel = self.tree.rel(cur);
            let through = matches!(
                rel,
                Rel::Xcomp
                    | Rel::Ccomp
                    | Rel::Advcl
                    | Rel::Obj
                    | Rel::Obl
                    | Rel::Nmod
                    | Rel::Acl
                    | Rel::Csubj
            );
            let Some(h) = self.tree.head(cur).filter(|_| through) else {
                return false;
            };
            if let Some(j) = self.match_at[h].filter(|&j| j != k) {
                let root = &self.pattern(j).code[..2];
                if !g.complement.contains(root) {
                    return false;
                }
                // A noun action that names its own source is an event in its own right
                // ("condemned Russia's air strikes").
                let own_source = !self.tree.is_verb(t) && self.own_source(t).is_some();
                return !own_source;
            }
            cur = h;
        }
        false
    }

    /// Whether the action's clause is dated well before the article: background history.
    pub(super) fn background(&self, t: usize) -> bool {
        // "to the 19th century, when the empires fought": a clause on a time long past.
        let on_history = self.tree.head(t).is_some_and(|h| {
            matches!(self.tree.rel(t), Rel::AclRelcl | Rel::Acl | Rel::Advcl)
                && self.is_class(h, class::HISTORY)
        });
        if on_history {
            return true;
        }
        let Some((year, month)) = self.doc.published else {
            return false;
        };
        let (lo, hi) = self.tree.span_of(t);
        let (a, b) = (self.words[lo].span.start, self.words[hi].span.end);
        self.doc.doc.dates.iter().any(|d| {
            if d.span.start < a || d.span.end > b {
                return false;
            }
            let y: i32 = d
                .value
                .get(..4)
                .and_then(|v| v.parse().ok())
                .unwrap_or(year);
            let m: i32 = d.value.get(5..7).and_then(|v| v.parse().ok()).unwrap_or(12);
            (year - y) * 12 + (month - m) > BACKGROUND_MONTHS
        })
    }
}
