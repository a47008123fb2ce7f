//! The material families (protest to mass violence, roots 14-20) where they need more than the
//! verb's subject and object: an assault told through its weapon ("Islamic State blasts killed
//! dozens", "a car bomb killed 20": the act is the bombing, its author the bomb's own, none
//! when the text names none) and victims counted, not named ("killed 20", "kill dozens": the
//! civilians of the country where it happened).

use super::{Ctx, Found, Roles};
use crate::coder::ActorSpans;
use crate::patterns::class;
use crate::tree::Rel;
use newsgraph_model::{Actor, Span};

impl Ctx<'_> {
    /// A verb of a one-sided root (an attack, a killing) whose subject is itself such an action
    /// ("blasts killed", "the bombing killed", "a suicide bomber killed"): the event is that
    /// action's, with its code where it is more specific than the verb's, and its own source
    /// ("Islamic State blasts"); an action noun with none makes the event one-sided.
    pub(super) fn action_as_subject(&self, k: usize, roles: &mut Roles, code: &mut String) {
        let g = &self.coder.patterns.grammar;
        let Some(s) = roles.source else { return };
        let Some(j) = self.match_at[s].filter(|&j| j != k) else {
            return;
        };
        // "accused X of an air strike which killed 14": the strike is the accusation's content,
        // and so is what it did.
        if self.governed(j, s) {
            *roles = Roles::default();
            return;
        }
        let noun = &self.pattern(j).code;
        let root_of = |c: &str| c.get(..2).unwrap_or("").to_string();
        if !g.one_sided.contains(root_of(code).as_str())
            || !g.one_sided.contains(root_of(noun).as_str())
        {
            return;
        }
        // The verb's code is its root's general one ("killed": 190); the noun tells which
        // assault it was ("blasts": 183).
        if code.ends_with('0') && (!noun.ends_with('0') || root_of(noun) < root_of(code)) {
            *code = noun.to_string();
        }
        // "a suicide bomber killed": the bomber is an actor, and the source.
        if self.actor_at[s].is_none() {
            roles.source = self.own_source(s);
            roles.agentless = roles.source.is_none();
        }
    }

    /// Whether word `w` counts people without naming them: a number, or a word of `@victims`,
    /// that counts no noun ("killed 20", not "raided a dozen plants" or "dozens of homes").
    pub(super) fn counts_people(&self, w: usize) -> bool {
        let tree = self.tree;
        let nominal =
            |x: usize| matches!(newsgraph_syntax::tags::upos(tree.tag(x)), "NOUN" | "PROPN");
        let counts_a_noun = (w + 1 < self.lower.len()
            && (nominal(w + 1) || self.lower[w + 1] == "of"))
            || tree.head(w).is_some_and(|h| h > w && nominal(h))
            || tree.children(w).iter().any(|&c| {
                c > w
                    && match tree.case_of(c) {
                        // "dozens of homes", not "20 at a market".
                        Some(p) => self.lower[p] == "of",
                        None => nominal(c) || matches!(tree.rel(c), Rel::Acl | Rel::AclRelcl),
                    }
            });
        self.actor_at[w].is_none()
            && !counts_a_noun
            && (self.is_class(w, class::VICTIMS)
                || newsgraph_syntax::tags::upos(tree.tag(w)) == "NUM")
    }

    /// The country where the action on word `near` happened: the first place named after it
    /// ("killed 20 in Idlib"), else the nearest before it that is none of the `sources`, else
    /// the country the article is about.
    fn scene_country(&self, near: usize, sources: &[usize]) -> Option<String> {
        let lexicon = &self.coder.lexicon;
        let places = (self.actors.iter().enumerate())
            .filter(|(i, a)| a.place != crate::actors::Place::NotPlace && !sources.contains(i))
            .filter_map(|(_, a)| {
                let c = a.code.get(..3)?;
                lexicon.country_of_code(c)?;
                Some((a.start, c))
            });
        let after = places
            .clone()
            .filter(|&(w, _)| w > near)
            .min_by_key(|&(w, _)| w);
        let before = places.filter(|&(w, _)| w < near).max_by_key(|&(w, _)| w);
        let scene = after.or(before).map(|(_, c)| c.to_string());
        scene.or_else(|| self.doc.home.map(str::to_string))
    }

    /// The events of an action of a one-sided root whose object counts its victims (`v`):
    /// from each source (none when the text names none) against the scene's civilians.
    pub(super) fn push_victims(
        &self,
        sources: &[usize],
        v: usize,
        code: &str,
        trigger: Span,
        out: &mut Vec<Found>,
    ) {
        let Some(country) = self.scene_country(v, sources) else {
            return;
        };
        let span = self.words[v].span;
        let target = Actor {
            name: self
                .doc
                .doc
                .text
                .get(span.start..span.end)
                .unwrap_or("")
                .to_string(),
            code: format!("{country}CVL"),
            entity: None,
        };
        let mut push = |s: Option<usize>| {
            let source = match s {
                Some(a) => match self.complete(a, None) {
                    Some(x) => Some(x),
                    None => return,
                },
                None => None,
            };
            out.push(Found {
                source,
                target: Some(target.clone()),
                code: code.to_string(),
                trigger,
                spans: ActorSpans {
                    source: s.map(|a| self.span_of(a)),
                    target: Some(span),
                },
            });
        };
        if sources.is_empty() {
            push(None);
        }
        for &s in sources {
            push(Some(s));
        }
    }
}

impl Ctx<'_> {
    /// The code of an action of `code` by `source` on `target` as the material families read
    /// it: `None` when the source's role never does it (`@notdoneby`: police "converging on" a
    /// square is no protest); an action `@rolecode` names by its trigger word on an unarmed
    /// target of the source's own country takes that code ("police raided plants": 173).
    pub(super) fn material_code(
        &self,
        code: &str,
        source: Option<&Actor>,
        target: Option<&Actor>,
        trigger: Span,
    ) -> Option<String> {
        let g = &self.coder.patterns.grammar;
        let role = |a: &Actor| a.code.get(3..6).map(str::to_string);
        let Some(s) = source else {
            return Some(code.to_string());
        };
        let Some(srole) = role(s) else {
            return Some(code.to_string());
        };
        let root = code.get(..2).unwrap_or("");
        if g.not_done_by
            .get(root)
            .is_some_and(|r| r.contains(srole.as_str()))
        {
            return None;
        }
        let Some(t) = target else {
            return Some(code.to_string());
        };
        let own_country = s.code.get(..3).is_some() && s.code.get(..3) == t.code.get(..3);
        let armed = role(t).is_some_and(|r| g.armed_roles.contains(r.as_str()));
        if own_country && !armed {
            let word = self
                .doc
                .doc
                .text
                .get(trigger.start..trigger.end)
                .unwrap_or("")
                .to_ascii_lowercase();
            for ((r, w), new) in &g.role_code {
                if **r == *srole && word.starts_with(&**w) {
                    return Some(new.to_string());
                }
            }
        }
        Some(code.to_string())
    }
}
