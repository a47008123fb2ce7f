//! Who acted on whom: the source and target of a verb (subject, object, passive agent,
//! inherited subjects, target prepositions) or of an event noun (possessor, modifier, support
//! verb), and the actors a phrase names (modifiers, conjuncts, appositions).

use super::{Ctx, Roles, MAX_SUBJECT_DEPTH};
use crate::patterns::{class, Match};
use crate::tree::Rel;

impl Ctx<'_> {
    /// Source and target of a verb.
    pub(super) fn verb_roles(&self, t: usize, m: &Match, no_passive: bool) -> Roles {
        let tree = self.tree;
        // "a camp attacked by militiamen": a participle hanging on a noun, with an agent or
        // right after the noun, and no object of its own (else the parse went astray).
        let by_agent = tree.child(t, Rel::OblAgent).is_some()
            || tree
                .children_with(t, Rel::Obl)
                .any(|o| tree.case_of(o).is_some_and(|c| self.is_class(c, class::BY)));
        let reduced = tree.is_participle(t)
            && matches!(tree.rel(t), Rel::Acl | Rel::Amod)
            && (by_agent || tree.head(t).is_some_and(|h| h + 1 == t))
            && !tree
                .children(t)
                .iter()
                .any(|&c| matches!(tree.rel(c), Rel::Obj | Rel::Xcomp | Rel::Ccomp));
        let passive = !no_passive
            && (tree.child(t, Rel::AuxPass).is_some()
                || tree.child(t, Rel::NsubjPass).is_some()
                || reduced);
        if passive {
            let agent = tree.child(t, Rel::OblAgent).or_else(|| {
                tree.children_with(t, Rel::Obl)
                    .find(|&o| tree.case_of(o).is_some_and(|c| self.is_class(c, class::BY)))
            });
            let patient = if reduced {
                tree.head(t)
            } else {
                self.subject_of(t, 0)
            };
            return Roles {
                source: agent,
                target: patient,
                agentless: agent.is_none(),
            };
        }
        Roles {
            source: self.subject_of(t, 0).or_else(|| self.actor_before(m.start)),
            target: self.target_of(t, m, 0),
            agentless: false,
        }
    }

    /// When the parse gives a verb no subject (it went astray on "leader Gaddafi and Zhivkov
    /// today signed"): the nearest actor before the action, with no other action, reporting
    /// verb or clause mark between; the first of its conjuncts, so that a compound stays one.
    pub(super) fn actor_before(&self, at: usize) -> Option<usize> {
        let g = &self.coder.patterns.grammar;
        for w in (0..at).rev() {
            if self.actor_at[w].is_some() {
                let mut h = w;
                while self.tree.rel(h) == Rel::Conj {
                    match self.tree.head(h) {
                        Some(up) if self.actor_at[up].is_some() => h = up,
                        _ => break,
                    }
                }
                return Some(h);
            }
            let stop = self.match_at[w].is_some()
                || self.is_class(w, class::SAY | class::STOP | class::REL)
                || matches!(self.lower[w], ";" | ":" | "\"" | "(" | ")")
                || g.be.contains(self.lower[w]);
            if stop {
                return None;
            }
        }
        None
    }

    /// The subject of verb `t`, its own or inherited.
    pub(super) fn subject_of(&self, t: usize, depth: usize) -> Option<usize> {
        let tree = self.tree;
        if depth > MAX_SUBJECT_DEPTH {
            return None;
        }
        if let Some(s) = tree
            .children(t)
            .iter()
            .copied()
            .find(|&c| tree.rel(c).is_subject())
        {
            // "Macedonia, which is preparing ...": the relative pronoun stands for the noun.
            if tree.rel(t) == Rel::AclRelcl && self.actor_at[s].is_none() {
                if let Some(h) = tree.head(t) {
                    if self.is_class(s, class::REL) {
                        return Some(h);
                    }
                }
            }
            // "Japan said it had halted aid": a personal pronoun subject of what is reported
            // is the reporter.
            if self.actor_at[s].is_none()
                && newsgraph_syntax::tags::upos(tree.tag(s)) == "PRON"
                && !self.is_class(s, class::REL)
            {
                if let Some(r) = self.reporter(t) {
                    return Some(r);
                }
            }
            return Some(s);
        }
        let h = tree.head(t)?;
        match tree.rel(t) {
            // "attacked and killed", "met and agreed": the first verb's subject.
            Rel::Conj if tree.is_verb(h) => self.subject_of(h, depth + 1),
            // "urged Iran to withdraw": the object controls; "agreed to meet": the subject.
            Rel::Xcomp => tree
                .child(h, Rel::Obj)
                .or_else(|| self.subject_of(h, depth + 1)),
            // "forces that attacked", "troops fighting ISIS".
            Rel::AclRelcl => Some(h),
            Rel::Acl if tree.is_gerund(t) => Some(h),
            // "..., killing 20 people": the main clause's subject.
            Rel::Advcl if tree.is_gerund(t) || tree.is_participle(t) => {
                self.subject_of(h, depth + 1)
            }
            _ => None,
        }
    }

    /// The subject of the reporting verb whose content clause holds `t` ("Syria says it is
    /// willing to withdraw": Syria), when that subject is an actor.
    pub(super) fn reporter(&self, t: usize) -> Option<usize> {
        let tree = self.tree;
        let mut cur = t;
        for _ in 0..MAX_SUBJECT_DEPTH {
            let rel = tree.rel(cur);
            let h = tree.head(cur)?;
            if !matches!(
                rel,
                Rel::Ccomp | Rel::Xcomp | Rel::Conj | Rel::Parataxis | Rel::Advcl
            ) {
                return None;
            }
            if self.is_class(h, class::SAY) {
                return tree
                    .children(h)
                    .iter()
                    .copied()
                    .find(|&c| tree.rel(c) == Rel::Nsubj)
                    .filter(|&c| self.actor_at[c].is_some());
            }
            cur = h;
        }
        None
    }

    /// The target of verb `t`.
    pub(super) fn target_of(&self, t: usize, m: &Match, depth: usize) -> Option<usize> {
        let tree = self.tree;
        // The preposition the pattern names: "call on X", "sanctions against X".
        for w in m.start..m.end {
            if tree.rel(w) == Rel::Case && self.is_class(w, class::PREP) {
                if let Some(n) = tree.head(w).filter(|&n| n < m.start || n >= m.end) {
                    return Some(n);
                }
            }
        }
        let outside = |w: usize| w < m.start || w >= m.end;
        if let Some(o) = tree
            .children(t)
            .iter()
            .copied()
            .find(|&c| matches!(tree.rel(c), Rel::Obj | Rel::Iobj) && outside(c))
        {
            // "imposed sanctions": the object is the action itself; look on.
            return Some(o);
        }
        // A target preposition on the verb or on a noun of the match ("imposed sanctions on").
        let heads = std::iter::once(t).chain((m.start..m.end).filter(|&w| w != t));
        for h in heads {
            for &c in tree.children(h) {
                if matches!(tree.rel(c), Rel::Obl | Rel::Nmod) && outside(c) && self.target_prep(c)
                {
                    return Some(c);
                }
            }
        }
        // A parse that went astray ("to war-torn Mozambique" read as a clause): the first actor
        // after the action inside its subtree, reached through no subject, clause or other
        // action.
        if let Some(a) = self.reachable_actor_after(t, m.end) {
            return Some(a);
        }
        // "demanded that the US cancel the sale": the content clause's subject.
        let g = &self.coder.patterns.grammar;
        let root = self.pattern_code(m).get(..2).unwrap_or("");
        if g.addressee.contains(root) {
            let subject = tree
                .children_with(t, Rel::Ccomp)
                .filter_map(|c| {
                    tree.children(c)
                        .iter()
                        .copied()
                        .find(|&s| tree.rel(s).is_subject())
                })
                .find(|&s| self.actor_at[s].is_some());
            if subject.is_some() {
                return subject;
            }
        }
        // "agreed to provide aid to Sudan": the target of the governed action.
        if depth < 2 {
            for &c in tree.children(t) {
                if matches!(tree.rel(c), Rel::Xcomp | Rel::Ccomp) {
                    if let Some(j) = self.match_at[c] {
                        let mj = &self.matches[j];
                        if let Some(x) = self.target_of(c, mj, depth + 1) {
                            return Some(x);
                        }
                    }
                }
            }
        }
        None
    }

    /// The first word after `from` that is an actor and hangs under `t` through objects,
    /// obliques, modifiers and infinitives only.
    pub(super) fn reachable_actor_after(&self, t: usize, from: usize) -> Option<usize> {
        let mut reachable = (from..self.lower.len()).filter(|&w| self.reaches(w, t));
        let first = reachable.next()?;
        let complete = |w: usize| self.actor_at[w].is_some_and(|a| !self.actors[a].incomplete);
        // "contribute troops to Liberia": a country before a bare role noun.
        Some(if complete(first) {
            first
        } else {
            reachable.find(|&w| complete(w)).unwrap_or(first)
        })
    }

    /// Whether word `w` starts an actor that hangs under `t` through objects, obliques,
    /// modifiers and purpose infinitives only.
    pub(super) fn reaches(&self, w: usize, t: usize) -> bool {
        let tree = self.tree;
        let first_of_actor =
            self.actor_at[w].is_some() && (w == 0 || self.actor_at[w - 1] != self.actor_at[w]);
        if !first_of_actor {
            return false;
        }
        let mut cur = w;
        for _ in 0..6 {
            let Some(h) = tree.head(cur) else {
                return false;
            };
            // "in Syria": the scene, not the target.
            let locative = matches!(tree.rel(cur), Rel::Obl | Rel::Nmod)
                && tree
                    .case_of(cur)
                    .is_some_and(|p| self.coder.patterns.grammar.locative.contains(self.lower[p]));
            if locative {
                return false;
            }
            let ok = match tree.rel(cur) {
                Rel::Obj
                | Rel::Iobj
                | Rel::Obl
                | Rel::Nmod
                | Rel::NmodPoss
                | Rel::Xcomp
                | Rel::Acl
                | Rel::Amod
                | Rel::Compound
                | Rel::Appos
                | Rel::Flat
                | Rel::Other => true,
                // "Russia and Turkey", not "attacked X and bombed Y".
                Rel::Conj => !tree.is_verb(cur),
                // "to help defend Saudi Arabia": a purpose infinitive.
                Rel::Advcl => tree
                    .child(cur, Rel::Mark)
                    .is_some_and(|k| self.lower[k] == "to"),
                _ => false,
            };
            if !ok {
                return false;
            }
            if h == t {
                return true;
            }
            cur = h;
        }
        false
    }

    /// Whether nominal `c` is introduced by a preposition that marks a target.
    pub(super) fn target_prep(&self, c: usize) -> bool {
        let g = &self.coder.patterns.grammar;
        self.tree
            .case_of(c)
            .is_some_and(|p| g.target_prep.contains(self.lower[p]))
    }

    /// A noun action's own source: its possessor, its `by` phrase, or an actor modifying it.
    pub(super) fn own_source(&self, n: usize) -> Option<usize> {
        let tree = self.tree;
        tree.children(n)
            .iter()
            .copied()
            .find(|&c| match tree.rel(c) {
                Rel::NmodPoss => true,
                Rel::Nmod => tree.case_of(c).is_some_and(|p| self.is_class(p, class::BY)),
                Rel::Amod | Rel::Compound => self.actor_at[c].is_some(),
                _ => false,
            })
    }

    /// Source and target of a noun.
    pub(super) fn noun_roles(&self, n: usize, m: &Match) -> Roles {
        let tree = self.tree;
        let g = &self.coder.patterns.grammar;
        let mut target = None;
        for w in m.start..m.end {
            if tree.rel(w) == Rel::Case && self.is_class(w, class::PREP) {
                target = tree.head(w).filter(|&x| x < m.start || x >= m.end);
                if target.is_some() {
                    break;
                }
            }
        }
        if target.is_none() {
            target = tree.children(n).iter().copied().find(|&c| {
                tree.rel(c) == Rel::Nmod
                    && tree.case_of(c).is_some_and(|p| {
                        g.target_prep.contains(self.lower[p]) || self.lower[p] == "of"
                    })
            });
        }
        let mut source = self.own_source(n);
        // "launched air strikes", "held talks with": the support verb's subject is the source.
        if source.is_none() {
            if let Some(v) = tree.head(n) {
                let support = g.support.contains(self.lower[v]) && self.match_at[v].is_none();
                if support && matches!(tree.rel(n), Rel::Obj | Rel::NsubjPass | Rel::Nsubj) {
                    let roles = self.verb_roles(
                        v,
                        &Match {
                            start: v,
                            end: v + 1,
                            ..*m
                        },
                        false,
                    );
                    let from_verb = if tree.rel(n) == Rel::Obj {
                        roles.source
                    } else {
                        // "strikes were carried out by Russia".
                        tree.child(v, Rel::OblAgent)
                    };
                    source = from_verb;
                    if target.is_none() {
                        target = tree
                            .children(v)
                            .iter()
                            .copied()
                            .find(|&c| matches!(tree.rel(c), Rel::Obl) && self.target_prep(c));
                    }
                }
            }
        }
        Roles {
            source,
            target,
            // A noun action with no source of its own ("air strikes on X") is too often the
            // detail of an act told elsewhere; only a passive verb makes a one-sided event.
            agentless: false,
        }
    }

    /// The actors of the phrase headed by `h`: its own, or the one modifying it ("officials
    /// from Russia"), and their conjuncts ("Russia and Turkey").
    pub(super) fn actors_of(&self, h: usize) -> Vec<usize> {
        let tree = self.tree;
        let mut heads = Vec::new();
        // A modifier actor: any before the noun ("Turkish and Greek sides", "European
        // Community foreign ministers"), after it only through "of", "from", "in" or apposition.
        let modifier = |c: usize| {
            self.actor_at[c].is_some()
                && self.actor_at[c] != self.actor_at[h]
                && match tree.rel(c) {
                    Rel::Compound | Rel::Amod | Rel::Flat | Rel::Appos | Rel::NmodPoss => true,
                    // "more than 100 Palestinians": a number's own noun.
                    Rel::Nmod => match tree.case_of(c) {
                        Some(p) => matches!(self.lower[p], "of" | "from" | "in"),
                        None => newsgraph_syntax::tags::upos(tree.tag(h)) == "NUM",
                    },
                    Rel::Acl | Rel::AclRelcl | Rel::Punct | Rel::Case => false,
                    _ => c < h,
                }
        };
        let own = self.actor_at[h];
        let base = match own {
            // "ministers" alone names no country: a modifier that does is the actor.
            Some(a) if self.actors[a].incomplete => Some(
                tree.children(h)
                    .iter()
                    .copied()
                    .find(|&c| {
                        modifier(c) && self.actor_at[c].is_some_and(|b| !self.actors[b].incomplete)
                    })
                    .unwrap_or(h),
            ),
            Some(_) => Some(h),
            None => tree.children(h).iter().copied().find(|&c| modifier(c)),
        };
        let Some(base) = base else { return Vec::new() };
        tree.conjuncts(base, &mut heads);
        // "Hungarian and Romanian officials": actors joined by "and" before the head noun.
        let joined: Vec<usize> = tree
            .children(base)
            .iter()
            .copied()
            .filter(|&c| {
                c < base
                    && matches!(tree.rel(c), Rel::Amod | Rel::Compound | Rel::Conj)
                    && self.actor_at[c].is_some()
                    && self.actor_at[c] != self.actor_at[base]
                    && (c + 1..base).any(|w| matches!(self.lower[w], "and" | "or"))
            })
            .collect();
        heads.extend(joined);
        let mut out: Vec<usize> = Vec::new();
        for c in heads {
            let Some(mut a) = self.actor_at[c] else {
                continue;
            };
            // "Sergei Kislyak, the Russian ambassador": the apposition tells the country.
            if self.actors[a].incomplete {
                if let Some(b) = tree
                    .children_with(c, Rel::Appos)
                    .filter_map(|x| self.actor_at[x])
                    .find(|&b| !self.actors[b].incomplete)
                {
                    a = b;
                }
            }
            if !out.contains(&a) {
                out.push(a);
            }
        }
        out
    }
}
