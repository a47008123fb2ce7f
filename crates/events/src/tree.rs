//! A sentence's dependency tree (from `newsgraph-syntax`), with the questions the coder asks of
//! it: who is a word's subject, object, agent, possessor; which function words hang under it.
//!
//! Relations are read through [`Rel`], a closed set of the Universal Dependencies relations the
//! coder cares about (every other relation is [`Rel::Other`]), so the coder never compares
//! strings.

use newsgraph_syntax::{tags, Analysis, Model};

/// The relations the coder reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    Nsubj,
    NsubjPass,
    Csubj,
    Obj,
    Iobj,
    Obl,
    OblAgent,
    Nmod,
    NmodPoss,
    Case,
    Conj,
    Cc,
    Appos,
    Aux,
    AuxPass,
    Cop,
    Mark,
    Advmod,
    Ccomp,
    Xcomp,
    Advcl,
    Acl,
    AclRelcl,
    Compound,
    Amod,
    Det,
    Flat,
    Parataxis,
    Punct,
    Root,
    Other,
}

impl Rel {
    /// The relation of a UD label ("nsubj:pass", "obl:agent", "nmod:desc" ...).
    pub fn of(label: &str) -> Rel {
        match label {
            "nsubj" | "nsubj:outer" => Rel::Nsubj,
            "nsubj:pass" => Rel::NsubjPass,
            "csubj" | "csubj:pass" | "csubj:outer" => Rel::Csubj,
            "obj" => Rel::Obj,
            "iobj" => Rel::Iobj,
            "obl:agent" => Rel::OblAgent,
            "nmod:poss" => Rel::NmodPoss,
            "aux:pass" => Rel::AuxPass,
            "acl:relcl" => Rel::AclRelcl,
            "compound:prt" => Rel::Other,
            l => match l.split(':').next().unwrap_or(l) {
                "obl" => Rel::Obl,
                "nmod" => Rel::Nmod,
                "case" => Rel::Case,
                "conj" => Rel::Conj,
                "cc" => Rel::Cc,
                "appos" => Rel::Appos,
                "aux" => Rel::Aux,
                "cop" => Rel::Cop,
                "mark" => Rel::Mark,
                "advmod" => Rel::Advmod,
                "ccomp" => Rel::Ccomp,
                "xcomp" => Rel::Xcomp,
                "advcl" => Rel::Advcl,
                "acl" => Rel::Acl,
                "compound" => Rel::Compound,
                "amod" => Rel::Amod,
                "det" => Rel::Det,
                "flat" => Rel::Flat,
                "parataxis" => Rel::Parataxis,
                "punct" => Rel::Punct,
                "root" => Rel::Root,
                _ => Rel::Other,
            },
        }
    }

    /// A subject of either voice.
    pub fn is_subject(self) -> bool {
        matches!(self, Rel::Nsubj | Rel::NsubjPass | Rel::Csubj)
    }
}

/// The relation of every label index of a model.
pub fn relations(model: &Model) -> Vec<Rel> {
    model.labels().iter().map(|l| Rel::of(l)).collect()
}

/// One parsed sentence.
#[derive(Debug, Default)]
pub struct Tree {
    pub tags: Vec<u8>,
    heads: Vec<Option<usize>>,
    rels: Vec<Rel>,
    /// Children grouped by head, in sentence order: `kids[start[h]..start[h + 1]]`.
    start: Vec<usize>,
    kids: Vec<usize>,
}

impl Tree {
    /// Fill from an analysis, reading labels through `rel_of` (see [`relations`]).
    pub fn fill(&mut self, analysis: &Analysis, rel_of: &[Rel]) {
        let n = analysis.heads.len();
        self.tags.clear();
        self.tags.extend_from_slice(&analysis.tags);
        self.heads.clear();
        self.heads
            .extend(analysis.heads.iter().map(|h| h.filter(|&h| h < n)));
        self.rels.clear();
        self.rels.extend(
            analysis
                .labels
                .iter()
                .map(|&l| rel_of.get(usize::from(l)).copied().unwrap_or(Rel::Other)),
        );
        self.start.clear();
        self.start.resize(n + 2, 0);
        for h in self.heads.iter().flatten() {
            self.start[h + 2] += 1;
        }
        for i in 2..n + 2 {
            self.start[i] += self.start[i - 1];
        }
        self.kids.clear();
        self.kids.resize(self.start[n + 1], 0);
        for (d, h) in self.heads.iter().enumerate() {
            if let Some(h) = *h {
                let at = &mut self.start[h + 1];
                self.kids[*at] = d;
                *at += 1;
            }
        }
    }

    pub fn len(&self) -> usize {
        self.heads.len()
    }

    pub fn is_empty(&self) -> bool {
        self.heads.is_empty()
    }

    pub fn head(&self, i: usize) -> Option<usize> {
        self.heads.get(i).copied().flatten()
    }

    pub fn rel(&self, i: usize) -> Rel {
        self.rels.get(i).copied().unwrap_or(Rel::Other)
    }

    pub fn tag(&self, i: usize) -> u8 {
        self.tags.get(i).copied().unwrap_or(u8::MAX)
    }

    /// A verb (not an auxiliary).
    pub fn is_verb(&self, i: usize) -> bool {
        tags::is_verb(self.tag(i))
    }

    /// A past participle ("attacked" in "was attacked", "a camp attacked by").
    pub fn is_participle(&self, i: usize) -> bool {
        tags::TAGS.get(usize::from(self.tag(i))) == Some(&"VERB_VBN")
    }

    /// A gerund or present participle.
    pub fn is_gerund(&self, i: usize) -> bool {
        tags::TAGS.get(usize::from(self.tag(i))) == Some(&"VERB_VBG")
    }

    /// A modal ("could", "will", "must").
    pub fn is_modal(&self, i: usize) -> bool {
        tags::TAGS.get(usize::from(self.tag(i))) == Some(&"AUX_MD")
    }

    /// The children of `h`, in sentence order.
    pub fn children(&self, h: usize) -> &[usize] {
        match (self.start.get(h), self.start.get(h + 1)) {
            (Some(&a), Some(&b)) if a <= b && b <= self.kids.len() => &self.kids[a..b],
            _ => &[],
        }
    }

    /// The first child of `h` with relation `rel`.
    pub fn child(&self, h: usize, rel: Rel) -> Option<usize> {
        self.children(h)
            .iter()
            .copied()
            .find(|&k| self.rel(k) == rel)
    }

    /// The children of `h` with relation `rel`.
    pub fn children_with(&self, h: usize, rel: Rel) -> impl Iterator<Item = usize> + '_ {
        self.children(h)
            .iter()
            .copied()
            .filter(move |&k| self.rel(k) == rel)
    }

    /// The preposition (case marker) of a nominal: "by" of "by rebels".
    pub fn case_of(&self, n: usize) -> Option<usize> {
        self.child(n, Rel::Case)
    }

    /// The conjuncts of `h`, itself first ("Russia and Turkey", "X, Y and Z").
    pub fn conjuncts(&self, h: usize, out: &mut Vec<usize>) {
        out.clear();
        out.push(h);
        let mut k = 0;
        while k < out.len() && out.len() < 16 {
            let cur = out[k];
            for c in self.children_with(cur, Rel::Conj) {
                if !out.contains(&c) {
                    out.push(c);
                }
            }
            k += 1;
        }
    }

    /// The lowest and highest word of `h`'s subtree.
    pub fn span_of(&self, h: usize) -> (usize, usize) {
        let (mut lo, mut hi) = (h, h);
        let mut stack = vec![h];
        let mut seen = 0;
        while let Some(x) = stack.pop() {
            seen += 1;
            if seen > self.len() {
                break;
            }
            lo = lo.min(x);
            hi = hi.max(x);
            stack.extend_from_slice(self.children(x));
        }
        (lo, hi)
    }

    /// Whether `a` lies in the subtree of `h`.
    pub fn dominates(&self, h: usize, mut a: usize) -> bool {
        for _ in 0..=self.len() {
            if a == h {
                return true;
            }
            match self.head(a) {
                Some(up) => a = up,
                None => return false,
            }
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_map_to_relations() {
        assert_eq!(Rel::of("nsubj:pass"), Rel::NsubjPass);
        assert_eq!(Rel::of("obl:tmod"), Rel::Obl);
        assert_eq!(Rel::of("nmod:poss"), Rel::NmodPoss);
        assert_eq!(Rel::of("acl:relcl"), Rel::AclRelcl);
        assert_eq!(Rel::of("compound:prt"), Rel::Other);
        assert_eq!(Rel::of("whatever"), Rel::Other);
    }

    #[test]
    fn children_spans_and_conjuncts() {
        // "Russia and Turkey attacked" : attacked <- Russia, Russia <- Turkey (conj), and <- cc.
        let analysis = Analysis {
            tags: vec![0; 4],
            heads: vec![Some(3), Some(2), Some(0), None],
            labels: vec![0, 1, 2, 3],
        };
        let mut t = Tree::default();
        t.fill(&analysis, &[Rel::Nsubj, Rel::Cc, Rel::Conj, Rel::Root]);
        assert_eq!(t.children(3), &[0]);
        assert_eq!(t.children(0), &[2]);
        let mut c = Vec::new();
        t.conjuncts(0, &mut c);
        assert_eq!(c, [0, 2]);
        assert_eq!(t.span_of(0), (0, 2));
        assert!(t.dominates(3, 1) && !t.dominates(0, 3));
    }
}
