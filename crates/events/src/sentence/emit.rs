//! From roles to events: one per source and target member, one-sided and targetless events,
//! actors completed with the article's country, the verbal reading of an assault between
//! speakers, and "X said Y must ..." as a demand.

use super::{Ctx, Found, Roles, MAX_GOVERNOR_STEPS};
use crate::actors::Place;
use crate::coder::ActorSpans;
use crate::patterns::class;
use crate::tree::Rel;
use newsgraph_model::{Actor, Span};

impl Ctx<'_> {
    /// "X said (that) Y must ...": X demands of Y (100).
    pub(super) fn read_must(&self, out: &mut Vec<Found>) {
        let tree = self.tree;
        for k in 0..self.lower.len() {
            if !self.is_class(k, class::MUST) || tree.rel(k) != Rel::Aux {
                continue;
            }
            let Some(v) = tree.head(k) else { continue };
            let Some(say) = tree.head(v).filter(|&s| {
                matches!(tree.rel(v), Rel::Ccomp | Rel::Parataxis) && self.is_class(s, class::SAY)
            }) else {
                continue;
            };
            let roles = Roles {
                source: self.subject_of(say, 0),
                target: self.subject_of(v, 0),
                agentless: false,
            };
            self.emit(roles, "100", (false, false), self.words[k].span, out);
        }
    }

    /// "X said Y's decision was a disgrace", "X described Y's plan as shameful": the speaker
    /// criticizes (111) the actor the judgement `t` is about. The judgement must be in the
    /// complement of a reporting or evaluating verb whose subject is an actor, and the
    /// complement must name another actor: the subject of the judged clause, else the actor
    /// nearest the judgement word. A negated judgement ("is not unfair") says nothing.
    pub(super) fn read_gist(&self, t: usize, out: &mut Vec<Found>) {
        let tree = self.tree;
        let (neg, _, _, _) = self.modality(t);
        if neg || self.negated_copula(t) {
            return;
        }
        let speaks = |w: usize| self.is_class(w, class::SAY | class::EVALUATE);
        // Up from the judgement to the verb that says it, through the clause it is part of.
        let mut cur = t;
        let mut found = None;
        for _ in 0..MAX_GOVERNOR_STEPS + 1 {
            let Some(h) = tree.head(cur) else { break };
            let through = matches!(
                tree.rel(cur),
                Rel::Ccomp
                    | Rel::Xcomp
                    | Rel::Parataxis
                    | Rel::Obj
                    | Rel::Obl
                    | Rel::Advcl
                    | Rel::Amod
                    | Rel::Acl
                    | Rel::Conj
                    | Rel::Other
            );
            if !through {
                break;
            }
            if speaks(h) {
                found = Some((h, cur));
                break;
            }
            cur = h;
        }
        // "\"The haste is deplorable,\" her party said": the saying hangs on the judgement.
        if found.is_none() {
            found = tree
                .children(cur)
                .iter()
                .copied()
                .find(|&c| tree.rel(c) == Rel::Parataxis && speaks(c))
                .map(|say| (say, cur));
        }
        let Some((say, clause)) = found else { return };
        let Some(source) = self.subject_of(say, 0) else {
            return;
        };
        let mine = self.actors_of(source);
        if mine.is_empty() {
            return;
        }
        let (lo, hi) = tree.span_of(clause);
        // The words of the judgement: the clause under the saying, or the clause the saying
        // hangs on without the saying itself.
        let said_inside = tree.head(say) == Some(clause);
        let in_clause = |w: usize| {
            if said_inside {
                !tree.dominates(say, w)
            } else {
                tree.dominates(clause, w)
            }
        };
        let other = |w: usize| {
            self.actor_at[w].is_some_and(|a| !mine.contains(&a))
                && (w == 0 || self.actor_at[w - 1] != self.actor_at[w])
        };
        // The judged clause's subject ("the government was in breach"), its possessor ("the
        // government's decision"); what an evaluating verb judges ("described the
        // government's plan as shameful"); what the saying is of or about ("said of the
        // ruling"); else the actor of the judgement nearest its word.
        let subject_of_t = tree
            .children(t)
            .iter()
            .copied()
            .find(|&c| tree.rel(c).is_subject());
        let judged = tree
            .children(say)
            .iter()
            .copied()
            .find(|&c| match tree.rel(c) {
                Rel::Obj => self.is_class(say, class::EVALUATE),
                Rel::Obl => tree
                    .case_of(c)
                    .is_some_and(|p| matches!(self.lower[p], "of" | "about")),
                _ => false,
            });
        let named = subject_of_t
            .into_iter()
            .chain(judged)
            .filter_map(|s| self.named_in(s))
            .find(|&w| other(w));
        let nearest = || {
            (lo..=hi.min(self.lower.len().saturating_sub(1)))
                .filter(|&w| other(w) && in_clause(w))
                .min_by_key(|&w| w.abs_diff(t))
        };
        let Some(target) = named.or_else(nearest) else {
            return;
        };
        let roles = Roles {
            source: Some(source),
            target: Some(target),
            agentless: false,
        };
        self.emit(roles, "111", (false, false), self.words[t].span, out);
    }

    /// The word heading an actor named by phrase `s`: `s` itself, else its possessor or an
    /// actor modifying it ("the government's decision", "the Conservative plan").
    fn named_in(&self, s: usize) -> Option<usize> {
        if self.actor_at[s].is_some() {
            return Some(s);
        }
        self.tree.children(s).iter().copied().find(|&c| {
            self.actor_at[c].is_some()
                && matches!(
                    self.tree.rel(c),
                    Rel::NmodPoss | Rel::Amod | Rel::Compound | Rel::Nmod
                )
        })
    }

    /// "was not a disgrace": the copula of the judgement is negated.
    fn negated_copula(&self, t: usize) -> bool {
        self.tree.children(t).iter().any(|&c| {
            matches!(self.tree.rel(c), Rel::Advmod | Rel::Cop)
                && (self.is_class(c, class::NEG) || self.lower[c].ends_with("n't"))
        })
    }

    /// Turn the roles of one action into events: one per source and target member.
    pub(super) fn emit(
        &self,
        roles: Roles,
        code: &str,
        (recip, both): (bool, bool),
        trigger: Span,
        out: &mut Vec<Found>,
    ) {
        let g = &self.coder.patterns.grammar;
        let root = &code[..2];
        let mut sources = roles.source.map(|s| self.actors_of(s)).unwrap_or_default();
        let targets = roles.target.map(|t| self.actors_of(t)).unwrap_or_default();
        // A city or region never acts ("Idlib attacked"); a capital acts for its government;
        // a place suffers an action as its country ("shelled Aleppo": SYR).
        sources.retain(|&a| self.actors[a].place != Place::Other);
        // "a car bomb killed 20", "Russian air strikes killed dozens": victims counted, not
        // named, are the scene's civilians.
        if targets.is_empty() && g.one_sided.contains(root) {
            if let Some(v) = roles.target.filter(|&v| self.counts_people(v)) {
                if !sources.is_empty() || roles.agentless {
                    self.push_victims(&sources, v, code, trigger, out);
                    return;
                }
            }
        }
        if sources.is_empty() && targets.is_empty() {
            return;
        }
        if sources.len() > 1 && targets.is_empty() && recip {
            // "Israel and Jordan signed a treaty": the members act on each other.
            for &a in &sources {
                for &b in &sources {
                    if a != b {
                        self.push(Some(a), Some(b), code, trigger, out);
                    }
                }
            }
            return;
        }
        if targets.is_empty() && roles.target.is_none() && g.targetless.contains(code) {
            for &s in &sources {
                self.push(Some(s), None, code, trigger, out);
            }
            return;
        }
        if targets.is_empty() {
            // "Nigerian police arrested 52 people": a domestic action on a group that is no
            // actor falls on the source's own country.
            if roles.target.is_some() && g.domestic.contains(root) {
                for &s in &sources {
                    self.push_home(s, code, trigger, out);
                }
            }
            return;
        }
        if sources.is_empty() {
            // One-sided: the article does not say who attacked.
            if roles.agentless && g.one_sided.contains(root) {
                for &t in &targets {
                    self.push(None, Some(t), code, trigger, out);
                }
            }
            return;
        }
        for &s in &sources {
            for &t in &targets {
                self.push(Some(s), Some(t), code, trigger, out);
                if both {
                    self.push(Some(t), Some(s), code, trigger, out);
                }
            }
        }
    }

    /// The span of an actor mention.
    pub(super) fn span_of(&self, a: usize) -> Span {
        let m = &self.actors[a];
        Span::new(
            self.words[m.start].span.start,
            self.words[m.end - 1].span.end,
        )
    }

    /// The complete actor for mention `a`, given the other side `other`.
    pub(super) fn complete(&self, a: usize, other: Option<usize>) -> Option<Actor> {
        let m = &self.actors[a];
        let mut actor = Actor {
            name: m.name.clone(),
            code: m.code.clone(),
            entity: m.entity,
        };
        if m.place == Place::Capital && actor.code.len() == 3 {
            actor.code.push_str("GOV");
        }
        if m.place == Place::Other {
            actor.code.truncate(3);
        }
        if m.incomplete {
            let other_country = other
                .map(|o| &self.actors[o])
                .filter(|o| !o.incomplete)
                .and_then(|o| o.code.get(..3))
                .filter(|c| self.coder.lexicon.country_of_code(c).is_some());
            let country = self.doc.home.or(other_country)?;
            actor.code = format!("{country}{}", m.code);
        }
        Some(actor)
    }

    pub(super) fn push(
        &self,
        s: Option<usize>,
        t: Option<usize>,
        code: &str,
        trigger: Span,
        out: &mut Vec<Found>,
    ) {
        if s.is_some() && s == t {
            return;
        }
        let source = match s {
            Some(a) => match self.complete(a, t) {
                Some(x) => Some(x),
                None => return,
            },
            None => None,
        };
        let target = match t {
            Some(a) => match self.complete(a, s) {
                Some(x) => Some(x),
                None => return,
            },
            None => None,
        };
        // "Jordan agreed to joint military exercises": a bare role noun given the country on
        // the other side is that country's own people, no second party. A person the
        // knowledge does not list is a party of their own ("Zuma, who had been criticised by
        // Kathrada").
        let bare = |a: Option<usize>| {
            a.is_some_and(|a| self.actors[a].bare && self.actors[a].entity.is_none())
        };
        let unlisted = |a: Option<usize>| {
            a.is_some_and(|a| self.actors[a].bare && self.actors[a].entity.is_some())
        };
        if let (Some(x), Some(y)) = (&source, &target) {
            let country_and_its_own = (x.code.len() == 3 && y.code.starts_with(&x.code))
                || (y.code.len() == 3 && x.code.starts_with(&y.code));
            if (bare(s) || bare(t)) && country_and_its_own {
                return;
            }
            // ... but not against the country itself, whose code the person was only given.
            let against_country = (unlisted(s) && y.code.len() == 3 && x.code.starts_with(&y.code))
                || (unlisted(t) && x.code.len() == 3 && y.code.starts_with(&x.code));
            if against_country {
                return;
            }
            // One actor twice ("Shevardnadze ... his residence") is no dyad; two people of one
            // code are ("the spokesman rebuked the president").
            let two_people = matches!((x.entity, y.entity), (Some(a), Some(b)) if a != b);
            if x.code == y.code && !two_people {
                return;
            }
        }
        let code = self.verbal(code, source.as_ref(), target.as_ref());
        let Some(code) = self.material_code(code, source.as_ref(), target.as_ref(), trigger) else {
            return;
        };
        out.push(Found {
            source,
            target,
            code,
            trigger,
            spans: ActorSpans {
                source: s.map(|a| self.span_of(a)),
                target: t.map(|a| self.span_of(a)),
            },
        });
    }

    /// An assault between two actors that wield words, not arms (a senator, a government, the
    /// media: "X attacked the government for ...") is verbal: the `@verbalcode` of its root.
    pub(super) fn verbal<'c>(
        &'c self,
        code: &'c str,
        s: Option<&Actor>,
        t: Option<&Actor>,
    ) -> &'c str {
        let g = &self.coder.patterns.grammar;
        let speaks = |a: Option<&Actor>| {
            a.and_then(|a| a.code.get(3..6))
                .is_some_and(|role| g.verbal_roles.contains(role))
        };
        match g.verbal_code.get(code.get(..2).unwrap_or("")) {
            Some(c) if speaks(s) && speaks(t) => c,
            _ => code,
        }
    }

    /// One event of source `s` against its own country.
    pub(super) fn push_home(&self, s: usize, code: &str, trigger: Span, out: &mut Vec<Found>) {
        let Some(source) = self.complete(s, None) else {
            return;
        };
        let Some(country) = source
            .code
            .get(..3)
            .and_then(|c| self.coder.lexicon.country_of_code(c))
        else {
            return;
        };
        // Only an actor with a role acts on its country ("police", not "Nigeria").
        if source.code.len() <= 3 {
            return;
        }
        let target = Actor {
            name: country.name.to_string(),
            code: country.cameo.to_string(),
            entity: None,
        };
        let Some(code) = self.material_code(code, Some(&source), Some(&target), trigger) else {
            return;
        };
        out.push(Found {
            target: Some(target),
            source: Some(source),
            code,
            trigger,
            spans: ActorSpans {
                source: Some(self.span_of(s)),
                target: None,
            },
        });
    }
}
