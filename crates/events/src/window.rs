//! The word-window fallback: a sentence the parse-based reading ([`crate::sentence`]) codes
//! nothing from is read with the earlier rules of word order, no parser.
//!
//! The parse is right on most sentences, but where it goes astray (long names, headline
//! fragments, lists) it often finds no subject or object at all; the window rules then still
//! find the nearest actor before the action and the first one after it. They only run when the
//! parse reading coded nothing, so they never add a second reading of a sentence.
//! - **Subject and object.** The source is the nearest actor group before the action that is
//!   not the object of a preposition; the target is the first group after it in the same
//!   clause (a comma, semicolon, relative pronoun or the next action ends the search).
//! - **Passive.** A participle after a form of "be" swaps roles; no agent, no event.
//! - **Chains.** "threatened to impose sanctions on X": the governed action is not coded by
//!   itself; the head action takes the target.
//! - **Modality.** Negation, hypotheses and intentions as in the parse reading, read from the
//!   few words before the action.
//! - **Places.** As in the parse reading, a city or region is never a source and is a target as
//!   its country; a capital acts as its government.

use crate::actors::{group, ActorLexicon, ActorMention, Group, Place};
use crate::coder::{ActorSpans, Coder};
use crate::patterns::{class, Match};
use crate::sentence::Found;
use crate::words::{Word, WordKind};
use newsgraph_model::{Actor, Span};

/// Words looked at before an action for negation, modality or a passive "be".
const MODAL_WINDOW: usize = 4;
const PASSIVE_WINDOW: usize = 2;
/// Words after the agent marker "by" within which the agent must start.
const AGENT_WINDOW: usize = 4;
/// Words between a subject and a domestic action that may take its country as target.
const DOMESTIC_WINDOW: usize = 4;
/// Words between a head action and the action it governs ("agreed ... to provide").
const MAX_CHAIN_GAP: usize = 8;

/// One sentence as the parse-based reading prepared it (words, classes, matches, actors).
pub(crate) struct WindowSentence<'a> {
    pub words: &'a [Word],
    pub lower: &'a [&'a str],
    pub orig: &'a [&'a str],
    pub classes: &'a [u16],
    pub stops: &'a [bool],
    pub covered: &'a [bool],
    pub in_action: &'a [bool],
    pub matches: &'a [Match],
    /// Every actor mention; the bare ones ([`ActorMention::bare`]) are left out here.
    pub actors: &'a [ActorMention],
}

impl Coder {
    /// Code one sentence with the word-window rules.
    pub(crate) fn code_window(&self, s: &WindowSentence, out: &mut Vec<Found>) {
        let g = &self.patterns.grammar;
        let (lower, orig, classes, stops) = (s.lower, s.orig, s.classes, s.stops);
        let n = lower.len();
        let actors: Vec<ActorMention> = s.actors.iter().filter(|a| !a.bare).cloned().collect();
        if actors.is_empty() {
            return;
        }
        let matches = s.matches;
        let mut groups = Vec::new();
        let modifier = |w: usize| {
            classes[w] & class::DET != 0
                || (s.words[w].kind == WordKind::Word
                    && !s.in_action[w]
                    && !s.covered[w]
                    && (orig[w].starts_with(|c: char| c.is_lowercase()) || orig[w].contains('-')))
        };
        group(
            &actors,
            lower,
            |w| g.class(w) & class::PREP != 0,
            modifier,
            &mut groups,
        );
        // Chains: "threatened to impose": the governed action is not coded by itself.
        let mut governed = vec![false; matches.len()];
        let mut head: Option<usize> = None;
        for k in 0..matches.len() {
            let cur = matches[k];
            if let Some(h) = head {
                let head_end = matches[h].end;
                let gap = head_end..cur.start;
                let infinitive = lower[head_end - 1] == "to"
                    || gap.clone().next().is_some_and(|w| lower[w] == "to")
                    || (cur.start > 0 && lower[cur.start - 1] == "to");
                let clear = gap.len() <= MAX_CHAIN_GAP
                    && !gap.clone().any(|w| stops[w])
                    && !actors
                        .iter()
                        .any(|a| a.start < cur.start && a.end > head_end);
                // "provided food aid": the noun is the object of the verb.
                let object_noun = !self.patterns.patterns[cur.pattern as usize].verb_head
                    && self.patterns.patterns[matches[h].pattern as usize].verb_head
                    && gap.len() <= MAX_CHAIN_GAP
                    && !gap.clone().any(|w| stops[w]);
                // "demanded that the Turkish government provide ...": the content of the demand.
                let head_code = &self.patterns.patterns[matches[h].pattern as usize].code;
                let complement = g.complement.contains(&head_code[..2])
                    && gap.clone().take(3).any(|w| lower[w] == "that")
                    && gap.len() <= MAX_CHAIN_GAP
                    && !gap.clone().any(|w| stops[w]);
                if ((infinitive || gap.is_empty()) && clear) || object_noun || complement {
                    governed[k] = true;
                    continue;
                }
            }
            // Only a verb governs what follows it; a noun ("helicopter gunships") does not.
            head = if self.patterns.patterns[cur.pattern as usize].governs {
                Some(k)
            } else {
                None
            };
        }
        let mut last_subject = None;
        let ctx = Ctx {
            lower,
            classes,
            words: s.words,
            matches,
            lexicon: &self.lexicon,
            actors: &actors,
            groups: &groups,
        };
        for (k, m) in matches.iter().enumerate() {
            // A judgement word is coded only by the parse reading (the speaker's complement).
            if governed[k] || self.patterns.patterns[m.pattern as usize].gist {
                continue;
            }
            // The object search stops at the next verb of its own.
            let next_trigger = matches[k + 1..]
                .iter()
                .zip(&governed[k + 1..])
                .find(|(x, &gv)| !gv && self.patterns.patterns[x.pattern as usize].verb_head)
                .map_or(n, |(x, _)| x.start);
            let first = !matches[..k].iter().zip(&governed[..k]).any(|(_, &gv)| !gv);
            // "killed one soldier and wounded two others": the second verb shares the subject.
            let coordinated = m.start > 0 && matches!(lower[m.start - 1], "and" | "or");
            let shared = if coordinated { last_subject } else { None };
            last_subject = self.code_match(&ctx, m, next_trigger, first, shared, out);
        }
        self.code_must(&ctx, out);
    }

    fn code_match(
        &self,
        ctx: &Ctx,
        m: &Match,
        next_trigger: usize,
        first: bool,
        shared: Option<usize>,
        out: &mut Vec<Found>,
    ) -> Option<usize> {
        let g = &self.patterns.grammar;
        let p = &self.patterns.patterns[m.pattern as usize];
        let mut code = p.code.to_string();
        let (mut neg, mut hypo, mut intent, mut passive) = (false, false, false, false);
        let mut must = false;
        for (back, w) in (m.start.saturating_sub(MODAL_WINDOW)..m.start)
            .rev()
            .enumerate()
        {
            if ctx.words[w].kind == WordKind::Punct || ctx.actors.iter().any(|a| a.end == w + 1) {
                break;
            }
            let c = ctx.classes[w];
            neg |= c & class::NEG != 0;
            hypo |= c & class::HYPO != 0;
            intent |= c & class::INTENT != 0;
            must |= c & class::MUST != 0;
            if back < PASSIVE_WINDOW && m.participle && !p.no_passive && c & class::BE != 0 {
                passive = true;
            }
        }
        // "X must ..." is coded as a demand by whoever says it (see `code_must`).
        if hypo || must {
            return None;
        }
        // A noun or gerund inside a prepositional phrase ("of restoring", "in the negotiations")
        // is a detail of another event, not one of its own.
        let head = ctx.lower[m.start];
        if !first {
            let mut w = m.start;
            while w > 0 && m.start - w < 3 && ctx.is_modifier(w - 1) {
                w -= 1;
            }
            // A finite verb form is never inside such a phrase, except an infinitive after "to".
            let nominal = !p.verb_head || head.ends_with("ing");
            let after_prep = (w..=m.start).any(|b| {
                b > 0
                    && ctx.classes[b - 1] & class::PREP != 0
                    && (nominal || ctx.lower[b - 1] != "to")
            });
            if after_prep {
                return None;
            }
        }
        // A reduced passive: "a camp attacked by militiamen"; its target is the noun right
        // before, so only an actor there ("property seized by ..." has none).
        let mut reduced = false;
        if !passive
            && m.participle
            && !p.no_passive
            && ctx
                .lower
                .get(m.end)
                .is_some_and(|w| g.passive_by.contains(*w))
        {
            passive = true;
            reduced = true;
        }
        let root = &code[..2];
        if neg {
            match g.neg_code.get(root) {
                Some(c) => code = c.to_string(),
                None => return None,
            }
        } else if intent && !passive {
            if let Some(c) = g.intent_code.get(root) {
                code = c.to_string();
            }
        }
        let trigger = Span::new(ctx.words[m.start].span.start, ctx.words[m.end - 1].span.end);
        let subject = if reduced {
            ctx.groups.iter().position(|gr| gr.end == m.start)
        } else {
            shared.or_else(|| ctx.subject_before(m.start))
        };
        let (source, target) = if passive {
            (ctx.agent_after(m.end), subject)
        } else {
            // From right after the head word: "agreed to US mediation" has its object inside.
            (subject, ctx.object_after(m.start + 1, next_trigger))
        };
        // "Nigerian authorities jailed 52 members": a domestic action with no object falls on
        // the source's own country.
        let mut home = None;
        if target.is_none() && !passive && g.domestic.contains(&code[..2]) {
            // Only for a subject right before the action ("Nigerian police have arrested").
            if let Some(src) =
                source.filter(|&s| m.start.saturating_sub(ctx.groups[s].end) <= DOMESTIC_WINDOW)
            {
                let a = &ctx.actors[ctx.groups[src].first];
                if a.code.len() > 3 {
                    home = self.lexicon.country_of_code(&a.code[..3]);
                }
            }
        }
        if let Some(country) = home {
            ctx.emit_home(source, country, &code, trigger, out);
            return subject;
        }
        ctx.emit(source, target, &code, (p.recip, p.both), trigger, out);
        subject
    }

    /// "X said (that) Y must ...": X demands of Y.
    fn code_must(&self, ctx: &Ctx, out: &mut Vec<Found>) {
        for k in 0..ctx.lower.len() {
            if ctx.classes[k] & class::MUST == 0 {
                continue;
            }
            let Some(demanded) = ctx.subject_before(k) else {
                continue;
            };
            let before = ctx.groups[demanded].start;
            let say_before = (0..before)
                .rev()
                .find(|&s| ctx.classes[s] & class::SAY != 0);
            let speaker = match say_before {
                Some(s) => ctx.subject_before(s),
                None => (k..ctx.lower.len())
                    .find(|&s| ctx.classes[s] & class::SAY != 0)
                    .and_then(|s| ctx.subject_before(s))
                    .filter(|&sp| ctx.groups[sp].start > k),
            };
            if let Some(speaker) = speaker {
                let trigger = ctx.words[k].span;
                ctx.emit(
                    Some(speaker),
                    Some(demanded),
                    "100",
                    (false, false),
                    trigger,
                    out,
                );
            }
        }
    }
}

/// One sentence's words, actors and groups, for the structure rules.
struct Ctx<'a> {
    lower: &'a [&'a str],
    classes: &'a [u16],
    words: &'a [Word],
    matches: &'a [Match],
    actors: &'a [ActorMention],
    groups: &'a [Group],
    lexicon: &'a ActorLexicon,
}

impl Ctx<'_> {
    fn in_action(&self, w: usize) -> bool {
        self.matches.iter().any(|m| m.start <= w && w < m.end)
    }

    /// A determiner or a plain lower-case or hyphenated word outside any actor.
    fn is_modifier(&self, w: usize) -> bool {
        let word = self.lower[w];
        self.classes[w] & class::DET != 0
            || (self.words[w].kind == WordKind::Word
                && self.classes[w] & class::PREP == 0
                && !self.actors.iter().any(|a| a.start <= w && w < a.end)
                && word.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'))
    }

    /// The group acting as subject of a word at `at`: the nearest one before it that is not a
    /// prepositional object, else the nearest one.
    fn subject_before(&self, at: usize) -> Option<usize> {
        // "Macedonia, which is preparing an offensive": the group before the pronoun.
        for w in (at.saturating_sub(MODAL_WINDOW)..at).rev() {
            if self.groups.iter().any(|gr| gr.end == w + 1) || self.words[w].kind == WordKind::Punct
            {
                break;
            }
            if self.classes[w] & class::REL != 0 {
                let mut b = w;
                if b > 0 && self.lower[b - 1] == "," {
                    b -= 1;
                }
                if let Some(i) = self.groups.iter().position(|gr| gr.end == b) {
                    return Some(i);
                }
                // "that" after a common noun is relative ("a helicopter that was captured");
                // after a verb or a day name it only introduces a clause ("said Monday that").
                let noun_before = b > 0
                    && self.words[b - 1].kind == WordKind::Word
                    && self.lower[b - 1].bytes().all(|c| c.is_ascii_lowercase())
                    && self.classes[b - 1] & class::SAY == 0
                    && !self.in_action(b - 1);
                if self.lower[w] != "that" || noun_before {
                    return None;
                }
            }
        }
        // Never across a clause mark ("..., but media reports said sporadic clashes ...").
        let clause_start = (0..at)
            .rev()
            .find(|&w| self.lower[w] == ";" || self.classes[w] & class::STOP != 0)
            .map_or(0, |w| w + 1);
        let before = self
            .groups
            .iter()
            .enumerate()
            .rev()
            .filter(|(_, g)| g.end <= at && g.start >= clause_start);
        before
            .clone()
            .find(|(_, g)| !g.object)
            .or_else(|| before.clone().next())
            .map(|(i, _)| i)
    }

    /// The first group after an action, within its clause.
    fn object_after(&self, from: usize, limit: usize) -> Option<usize> {
        let end = limit.min(self.lower.len());
        let mut w = from;
        while w < end {
            if let Some(i) = self.groups.iter().position(|gr| gr.start == w) {
                return Some(i);
            }
            let word = self.lower[w];
            if word == "(" {
                // A parenthesis ("(UCF)") is an aside: look past it.
                let close = (w + 1..end).find(|&k| self.lower[k] == ")")?;
                w = close + 1;
                continue;
            }
            if matches!(word, "," | ";" | ":" | ")")
                || self.classes[w] & (class::STOP | class::SAY) != 0
            {
                return None;
            }
            w += 1;
        }
        None
    }

    /// The agent of a passive: the group right after "by".
    fn agent_after(&self, from: usize) -> Option<usize> {
        let by = (from..self.lower.len())
            .take_while(|&w| self.lower[w] != ";")
            .find(|&w| self.classes[w] & class::BY != 0)?;
        self.groups
            .iter()
            .position(|gr| gr.start > by && gr.start <= by + AGENT_WINDOW)
            .filter(|&i| {
                (by + 1..self.groups[i].start).all(|w| self.words[w].kind != WordKind::Punct)
            })
    }

    /// One event per source member against its own country.
    fn emit_home(
        &self,
        source: Option<usize>,
        country: &crate::actors::Country,
        code: &str,
        trigger: Span,
        out: &mut Vec<Found>,
    ) {
        let Some(src) = source else { return };
        for k in self.groups[src].first..self.groups[src].last {
            let a = &self.actors[k];
            if !a.code.starts_with(&*country.cameo) || a.code.len() == country.cameo.len() {
                continue;
            }
            out.push(Found {
                source: Some(self.actor(k)),
                target: Some(Actor {
                    name: country.name.to_string(),
                    code: country.cameo.to_string(),
                    entity: None,
                }),
                code: code.to_string(),
                trigger,
                spans: ActorSpans {
                    source: Some(Span::new(
                        self.words[a.start].span.start,
                        self.words[a.end - 1].span.end,
                    )),
                    target: None,
                },
            });
        }
    }

    fn actor(&self, k: usize) -> Actor {
        self.actor_of(&self.actors[k])
    }

    fn actor_of(&self, a: &ActorMention) -> Actor {
        Actor {
            name: a.name.clone(),
            code: a.code.clone(),
            entity: a.entity,
        }
    }

    fn emit(
        &self,
        source: Option<usize>,
        target: Option<usize>,
        code: &str,
        (recip, both): (bool, bool),
        trigger: Span,
        out: &mut Vec<Found>,
    ) {
        let members = |g: Option<usize>| g.map(|i| self.groups[i].first..self.groups[i].last);
        // An event needs both sides: one-sided readings are mostly missed objects.
        let push = |s: Option<usize>, t: Option<usize>, out: &mut Vec<Found>| {
            let (Some(s), Some(t)) = (s, t) else { return };
            // Two mentions of one country may be two sides ("Bosnian Serbs ... Moslem forces in
            // east Bosnia"); one mention is never both.
            if s == t {
                return;
            }
            // A titled person of unknown country takes the country of the other side.
            let (sa, ta) = (&self.actors[s], &self.actors[t]);
            if sa.incomplete && ta.incomplete {
                return;
            }
            // A city or region never acts; it suffers an action as its country.
            if sa.place == Place::Other {
                return;
            }
            // ... only when that side is a country's actor (not "IGO...", "NGO...").
            let national = |a: &ActorMention| {
                a.code
                    .get(..3)
                    .is_some_and(|c| self.lexicon.country_of_code(c).is_some())
            };
            if (sa.incomplete && !national(ta)) || (ta.incomplete && !national(sa)) {
                return;
            }
            let complete = |a: &ActorMention, other: &ActorMention| {
                let mut actor = self.actor_of(a);
                // "Moscow said": a capital acts as its government.
                if a.place == Place::Capital && actor.code.len() == 3 {
                    actor.code.push_str("GOV");
                }
                if a.place == Place::Other {
                    actor.code.truncate(3);
                }
                if a.incomplete {
                    let country = other.code.get(..3).unwrap_or("");
                    actor.code = format!("{country}{}", a.code);
                }
                actor
            };
            let (source, target) = (complete(sa, ta), complete(ta, sa));
            // One actor twice is no dyad.
            if source.code == target.code {
                return;
            }
            let (s, t) = (Some(s), Some(t));
            let span = |k: usize| {
                let a = &self.actors[k];
                Span::new(
                    self.words[a.start].span.start,
                    self.words[a.end - 1].span.end,
                )
            };
            out.push(Found {
                source: Some(source),
                target: Some(target),
                code: code.to_string(),
                trigger,
                spans: ActorSpans {
                    source: s.map(span),
                    target: t.map(span),
                },
            });
        };
        match (members(source), members(target)) {
            (None, None) => {}
            // "Israel and Lebanon renewed negotiations on ...": the members act on each other.
            (Some(src), _) if recip && src.len() > 1 => {
                for a in src.clone() {
                    for b in src.clone() {
                        if a != b {
                            push(Some(a), Some(b), out);
                        }
                    }
                }
            }
            (src, tgt) => {
                let srcs: Vec<Option<usize>> = src.map_or(vec![None], |r| r.map(Some).collect());
                let tgts: Vec<Option<usize>> = tgt.map_or(vec![None], |r| r.map(Some).collect());
                for &s in &srcs {
                    for &t in &tgts {
                        push(s, t, out);
                        if both {
                            push(t, s, out);
                        }
                    }
                }
            }
        }
    }
}
