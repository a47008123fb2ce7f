//! One sentence coded on its dependency parse: who did what to whom.
//!
//! For every action the pattern dictionary finds, the trigger's place in the tree gives its
//! actors:
//! - **verbs**: the source is the subject of an active verb, the `by` agent of a passive (none
//!   when the passive names no agent: a one-sided event); a verb without a subject of its own
//!   takes its coordinated verb's ("attacked and killed"), its controller's ("urged Iran to
//!   withdraw": Iran), or the noun a relative or participle clause hangs on ("Macedonia, which
//!   is preparing", "troops fighting ISIS"). The target is the object, else the complement of
//!   the preposition the pattern names ("call on X", "sanctions on X") or of a target
//!   preposition ("against", "with", "at" ...), else the target of the action it governs
//!   ("agreed to provide aid to Sudan");
//! - **nouns** ("air strikes", "talks"): the source is the possessor ("Russia's air strikes"),
//!   the `by` phrase or an actor modifying the noun ("Russian air strikes"), else the subject of
//!   a support verb the noun is the object of ("launched strikes", "held talks"); the target is
//!   the noun's prepositional complement ("strikes on Aleppo", "talks with Iran").
//!
//! Then precision: an action that is the content of another (a complement of an appeal,
//! accusation, threat, denial: "accused Russia of hacking") is not coded by itself; a negated
//! action is dropped or becomes its refusal code, a hypothetical, conditional or question is
//! dropped, an intention takes its intent code, and an action dated to a year well before the
//! article's is background. "X said Y must ..." is X demanding of Y.
//!
//! This file reads the sentence (words, actors, actions, the parse) and codes each action;
//! `sentence/roles.rs` finds its source and target, `sentence/modality.rs` whether it happened as
//! told, `sentence/emit.rs` turns the roles into events, `sentence/material.rs` reads the
//! material roots' weapons, counted victims and role rules. A headline's present-tense action
//! verb read as a noun is parsed again in the past it tells. An action set aside there (a question,
//! a hypothesis, a negation, background) is not coded by the word-window fallback either.

mod emit;
mod material;
mod modality;
mod roles;

use crate::actors::{ActorMention, SentenceView};
use crate::coder::{ActorSpans, Coder};
use crate::patterns::{class, Match};
use crate::tree::{Rel, Tree};
use crate::window::WindowSentence;
use crate::words::{Word, WordKind};
use newsgraph_model::{Actor, Document, Span, Token};
use newsgraph_syntax::{Analysis, Scratch as ParseScratch};

/// How far up the tree an action looks for the action it is the content of.
const MAX_GOVERNOR_STEPS: usize = 3;
/// How deep subject inheritance (conjoined verbs, control, relative clauses) may go.
const MAX_SUBJECT_DEPTH: usize = 4;
/// Months before the publication date beyond which a dated action is background.
const BACKGROUND_MONTHS: i32 = 6;

/// An event read from one sentence, before the article's events are merged.
#[derive(Debug, Clone)]
pub struct Found {
    pub source: Option<Actor>,
    pub target: Option<Actor>,
    pub code: String,
    pub trigger: Span,
    pub spans: ActorSpans,
}

/// Buffers reused from sentence to sentence.
#[derive(Default)]
pub struct Scratch {
    words: Vec<Word>,
    /// The one tokenizer's tokens, for a document without a token layer.
    tokens: Vec<Token>,
    lower_buf: String,
    ranges: Vec<(usize, usize)>,
    matches: Vec<Match>,
    actors: Vec<ActorMention>,
    entity_at: Vec<Option<(usize, usize)>>,
    covered: Vec<bool>,
    in_action: Vec<bool>,
    analysis: Analysis,
    parse: ParseScratch,
    tree: Tree,
    /// Sentences parsed and sentences seen, for the speed figures.
    pub parsed: usize,
    pub seen: usize,
}

/// What the document tells every sentence.
pub struct DocContext<'a> {
    pub doc: &'a Document,
    /// The country the article is about (CAMEO code), for actors the text gives no country.
    pub home: Option<&'a str>,
    /// Publication year and month, for dated background.
    pub published: Option<(i32, i32)>,
}

/// What the coder knows of one sentence before reading it.
pub struct SentenceContext<'a> {
    /// Entity mentions in the sentence: (span, entity index), in text order.
    pub mentions: &'a [(Span, usize)],
    /// The entity (a person) a "he" or "she" with no person before it in the sentence stands
    /// for: the first person named in one of the two sentences before.
    pub antecedent: Option<usize>,
    /// The sentence is the article's headline: telegraphic English, its present tense telling
    /// the past ("Islamic State blasts kill dozens").
    pub headline: bool,
}

/// One sentence with everything the readers need.
struct Ctx<'a> {
    coder: &'a Coder,
    doc: &'a DocContext<'a>,
    lower: &'a [&'a str],
    classes: &'a [u16],
    words: &'a [Word],
    matches: &'a [Match],
    actors: &'a [ActorMention],
    /// For each word, the actor mention covering it.
    actor_at: &'a [Option<usize>],
    /// For each word, the match whose head it is.
    match_at: &'a [Option<usize>],
    tree: &'a Tree,
    /// The unit where a question begins: the sentence's start, or the opening quote of a
    /// quoted question ("X attacked Y, asking: \"How ...?\"" asks nothing of the attack).
    question_from: Option<usize>,
    /// An action was read and set aside as not happened (a question, a hypothesis, a negation,
    /// background): the word-window fallback must not code it after all.
    set_aside: std::cell::Cell<bool>,
}

impl Coder {
    /// Code one sentence into `out`.
    pub(crate) fn code_sentence(
        &self,
        dc: &DocContext,
        span: Span,
        context: &SentenceContext,
        sc: &mut Scratch,
        out: &mut Vec<Found>,
    ) {
        let doc = dc.doc;
        sc.seen += 1;
        self.sentence_words(doc, span, &mut sc.tokens, &mut sc.words);
        let n = sc.words.len();
        if n == 0 {
            return;
        }
        sc.lower_buf.clear();
        sc.ranges.clear();
        for w in &sc.words {
            let a = sc.lower_buf.len();
            for ch in doc.text[w.span.start..w.span.end].chars() {
                sc.lower_buf.push(match ch {
                    '\u{2019}' | '\u{2018}' => '\'',
                    c => c.to_ascii_lowercase(),
                });
            }
            sc.ranges.push((a, sc.lower_buf.len()));
        }
        let lower: Vec<&str> = sc
            .ranges
            .iter()
            .map(|&(a, b)| &sc.lower_buf[a..b])
            .collect();
        let orig: Vec<&str> = sc
            .words
            .iter()
            .map(|w| &doc.text[w.span.start..w.span.end])
            .collect();
        let stops: Vec<bool> = sc.words.iter().map(|w| w.kind == WordKind::Punct).collect();
        let g = &self.patterns.grammar;
        let classes: Vec<u16> = lower.iter().map(|w| g.class(w)).collect();
        sc.matches.clear();
        self.patterns
            .find(&lower, &stops, &classes, &mut sc.matches);
        let has_must = classes.iter().any(|c| c & class::MUST != 0);
        if sc.matches.is_empty() && !has_must {
            return;
        }

        sc.entity_at.clear();
        sc.entity_at.resize(n, None);
        sc.covered.clear();
        sc.covered.resize(n, false);
        for &(m, e) in context.mentions {
            let a = sc.words.partition_point(|w| w.span.start < m.start);
            let b = sc.words.partition_point(|w| w.span.start < m.end);
            // A mention that ends inside a word ("Bosnia" in "Bosnia-style") is not an actor.
            let aligned =
                a < b && sc.words[b - 1].span.end == m.end && sc.words[a].span.start == m.start;
            if aligned && sc.entity_at[a].is_none() && !sc.covered[a] {
                sc.entity_at[a] = Some((b, e));
                sc.covered[a..b].iter_mut().for_each(|c| *c = true);
            }
        }
        if let Some(e) = context.antecedent {
            // "He ridiculed the idea": a third-person pronoun before any person of its own
            // sentence is the person last named; a later one is left to the reporter rule
            // ("Khamenei said he was grateful").
            let first_person = (0..n).find(|&w| {
                sc.entity_at[w].is_some_and(|(_, x)| doc.entities.get(x).is_some_and(is_person))
            });
            let before = &lower[..first_person.unwrap_or(n)];
            for (w, word) in before.iter().enumerate() {
                if matches!(*word, "he" | "she") && !sc.covered[w] {
                    sc.entity_at[w] = Some((w + 1, e));
                    sc.covered[w] = true;
                }
            }
        }
        sc.in_action.clear();
        sc.in_action.resize(n, false);
        for m in &sc.matches {
            sc.in_action[m.start..m.end]
                .iter_mut()
                .for_each(|c| *c = true);
        }
        sc.actors.clear();
        let view = SentenceView {
            words: &sc.words,
            lower: &lower,
            orig: &orig,
            entity_at: &sc.entity_at,
            covered: &sc.covered,
            in_action: &sc.in_action,
            classes: &classes,
        };
        self.lexicon.find(&view, &doc.entities, &mut sc.actors);
        // An action inside an actor or a name is part of that name ("Democratic Alliance").
        let (actors, covered) = (&sc.actors, &sc.covered);
        // A bare role noun does not swallow an action ("offered its troops").
        let inside =
            |w: usize| covered[w] || actors.iter().any(|a| !a.bare && a.start <= w && w < a.end);
        sc.matches
            .retain(|m| !inside(m.start) && !inside(m.end - 1));
        if (sc.matches.is_empty() && !has_must) || sc.actors.is_empty() {
            return;
        }

        // Only now, with an action and an actor in the sentence, is it parsed. Every name the
        // entity layer found is one unit of the parse, written as its last word ("Russian
        // President Boris Yeltsin" is "Russian President Yeltsin"): long names no longer
        // confuse the parser. Role phrases ("Senior Hungarian and Romanian officials") keep
        // their words, which the parser reads well.
        let Some(model) = self.syntax.as_ref() else {
            return;
        };
        // One actor is at most one side of an event, and both readings (the parse's and the
        // word window's) code a one-sided event only for the codes and roots the dictionary
        // lists (targetless, domestic, one-sided). A sentence of one actor whose actions can take
        // none of those codes gives no event however it parses: it is not parsed.
        if sc.actors.len() == 1
            && !(sc.matches.iter()).any(|m| self.may_code_one_sided(m.pattern as usize))
            && !(has_must && self.one_sided_code("100"))
        {
            return;
        }
        sc.parsed += 1;
        let mut unit_of = vec![0usize; n];
        let mut units: Vec<(usize, usize)> = Vec::with_capacity(n);
        let mut i = 0;
        while i < n {
            let end = sc.entity_at[i]
                .map(|(e, _)| e)
                .unwrap_or(i + 1)
                .clamp(i + 1, n);
            unit_of[i..end].fill(units.len());
            units.push((i, end));
            i = end;
        }
        let u_words: Vec<Word> = units
            .iter()
            .map(|&(a, b)| Word {
                span: Span::new(sc.words[a].span.start, sc.words[b - 1].span.end),
                kind: if b - a > 1 {
                    WordKind::Word
                } else {
                    sc.words[a].kind
                },
            })
            .collect();
        let u_lower: Vec<&str> = units.iter().map(|&(_, b)| lower[b - 1]).collect();
        let u_orig: Vec<&str> = units.iter().map(|&(_, b)| orig[b - 1]).collect();
        let u_classes: Vec<u16> = units
            .iter()
            .map(|&(a, b)| if b - a > 1 { 0 } else { classes[a] })
            .collect();
        let u_matches: Vec<Match> = sc
            .matches
            .iter()
            .map(|m| Match {
                start: unit_of[m.start],
                end: unit_of[m.end - 1] + 1,
                ..*m
            })
            .collect();
        let u_actors: Vec<ActorMention> = sc
            .actors
            .iter()
            .map(|a| ActorMention {
                start: unit_of[a.start.min(n - 1)],
                end: unit_of[a.end.clamp(1, n) - 1] + 1,
                ..a.clone()
            })
            .collect();
        let un = units.len();
        model.analyze(&u_orig, &mut sc.parse, &mut sc.analysis);
        sc.tree.fill(&sc.analysis, &self.relations);
        if context.headline {
            // A headline's present tense after a noun reads as a noun compound to a parser
            // trained on full sentences ("blasts kill dozens"): its action verbs the tagger did
            // not take for verbs are given in the past the headline tells, and it is parsed again.
            let past = self.headline_pasts(&sc.tree, &u_matches, &u_lower);
            if !past.is_empty() {
                let mut words: Vec<&str> = u_orig.clone();
                for (w, form) in &past {
                    words[*w] = form;
                }
                sc.parsed += 1;
                model.analyze(&words, &mut sc.parse, &mut sc.analysis);
                sc.tree.fill(&sc.analysis, &self.relations);
            }
        }
        let mut actor_at = vec![None; un];
        for (k, a) in u_actors.iter().enumerate() {
            for slot in &mut actor_at[a.start.min(un)..a.end.min(un)] {
                *slot = Some(k);
            }
        }
        let mut match_at = vec![None; un];
        for (k, m) in u_matches.iter().enumerate() {
            let h = trigger_head(&sc.tree, m);
            if match_at[h].is_none() {
                match_at[h] = Some(k);
            }
        }
        let question_from = question_start(&lower).map(|w| unit_of[w]);
        let ctx = Ctx {
            coder: self,
            doc: dc,
            lower: &u_lower,
            classes: &u_classes,
            words: &u_words,
            matches: &u_matches,
            actors: &u_actors,
            actor_at: &actor_at,
            match_at: &match_at,
            tree: &sc.tree,
            question_from,
            set_aside: std::cell::Cell::new(false),
        };
        let before = out.len();
        for k in 0..u_matches.len() {
            ctx.read_match(k, out);
        }
        ctx.read_must(out);
        // Where the parse reading found nothing (a parse gone astray leaves an action without
        // subject or object), the word-window rules read the sentence.
        let two_sided = |f: &Found| f.source.is_some() && f.target.is_some();
        if !out[before..].iter().any(two_sided) && !ctx.set_aside.get() {
            let parsed = out.len();
            let window = WindowSentence {
                words: &sc.words,
                lower: &lower,
                orig: &orig,
                classes: &classes,
                stops: &stops,
                covered: &sc.covered,
                in_action: &sc.in_action,
                matches: &sc.matches,
                actors: &sc.actors,
            };
            self.code_window(&window, out);
            // Two sides read by the window outweigh a one-sided reading of the parse.
            if out.len() > parsed {
                let mut i = 0;
                out.retain(|f| {
                    let keep = i < before || i >= parsed || two_sided(f);
                    i += 1;
                    keep
                });
            }
        }
        if tracing() {
            ctx.trace(&u_orig, &out[before..]);
        }
    }

    /// The headline's action verbs in the present tense that the tagger read as nouns, each
    /// with its past form: a material verb pattern's word in its base or -s form right after a noun,
    /// followed by a word, and no noun action of a verb pattern right after it (of "police raids
    /// target", only the last is the verb).
    fn headline_pasts<'p>(
        &'p self,
        tree: &Tree,
        matches: &[Match],
        lower: &[&str],
    ) -> Vec<(usize, &'p str)> {
        let mut out: Vec<(usize, &'p str)> = Vec::new();
        for m in matches {
            let w = m.start;
            let Some(p) = self.patterns.patterns.get(m.pattern as usize) else {
                continue;
            };
            // Only the material families: a verbal act's noun reading ("orders arrest",
            // "decries demands") is as often the right one.
            let material =
                (p.code.get(..2)).is_some_and(|r| self.patterns.grammar.material.contains(r));
            let Some(past) = p.past.as_deref().filter(|_| p.verb_head && material) else {
                continue;
            };
            let present = !m.participle && !lower[w].ends_with("ing") && lower[w] != past;
            let after_noun = w > 0
                && matches!(
                    newsgraph_syntax::tags::upos(tree.tag(w - 1)),
                    "NOUN" | "PROPN"
                );
            let followed = lower
                .get(w + 1)
                .is_some_and(|n| n.chars().next().is_some_and(char::is_alphanumeric));
            // "court orders arrest": the word before may itself be the verb.
            let after_verb = matches.iter().any(|x| {
                x.start + 1 == w
                    && (self.patterns.patterns.get(x.pattern as usize)).is_some_and(|q| q.verb_head)
            });
            if !present || !after_noun || after_verb || !followed || tree.is_verb(w) {
                continue;
            }
            out.retain(|&(x, _)| x + 1 != w);
            out.push((w, past));
        }
        out
    }

    /// Whether pattern `p` can be coded with one side only: its code, or the code a negation
    /// or an intention turns it into, is one the dictionary codes without source or target.
    fn may_code_one_sided(&self, p: usize) -> bool {
        let Some(code) = self.patterns.patterns.get(p).map(|p| &*p.code) else {
            return true;
        };
        let g = &self.patterns.grammar;
        let root = code.get(..2).unwrap_or(code);
        self.one_sided_code(code)
            || g.neg_code.get(root).is_some_and(|c| self.one_sided_code(c))
            || g.intent_code
                .get(root)
                .is_some_and(|c| self.one_sided_code(c))
    }

    /// Whether `code` may be coded with one side only (the emitters of `sentence/emit.rs` and
    /// `window.rs`).
    fn one_sided_code(&self, code: &str) -> bool {
        let g = &self.patterns.grammar;
        let root = code.get(..2).unwrap_or(code);
        g.targetless.contains(code) || g.domestic.contains(root) || g.one_sided.contains(root)
    }
}

/// Where the question a sentence ends in begins: `None` when it ends in no question mark; the
/// last quote mark before it when the mark closes a quotation (an odd number of quote marks
/// before it), else the sentence's first word.
fn question_start(lower: &[&str]) -> Option<usize> {
    let is_quote = |w: &str| matches!(w, "\"" | "“" | "”");
    let last = lower
        .iter()
        .rposition(|w| !is_quote(w) && !matches!(*w, "'" | ")" | "’"))?;
    if lower[last] != "?" {
        return None;
    }
    let quotes = lower[..last].iter().filter(|w| is_quote(w)).count();
    if quotes % 2 == 1 {
        return lower[..last].iter().rposition(|w| is_quote(w));
    }
    Some(0)
}

fn is_person(e: &newsgraph_model::Entity) -> bool {
    e.kind_type == newsgraph_model::EntityType::Person
}

/// `NEWSGRAPH_TRACE_EVENTS=1`: print each parsed sentence, its actions, actors and events to
/// stderr.
fn tracing() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("NEWSGRAPH_TRACE_EVENTS").is_some())
}

/// The word of a match that heads it in the tree: the first whose head lies outside the match
/// (the verb of "imposed new sanctions", the noun of "suicide bombings"), past a leading
/// preposition.
fn trigger_head(tree: &Tree, m: &Match) -> usize {
    (m.start..m.end)
        .find(|&w| {
            tree.rel(w) != Rel::Case && tree.head(w).is_none_or(|h| h < m.start || h >= m.end)
        })
        .unwrap_or(m.start)
}

/// Who a reading found on each side: the head word of the phrase, if any.
#[derive(Debug, Clone, Copy, Default)]
struct Roles {
    source: Option<usize>,
    target: Option<usize>,
    /// The passive named no agent, or the noun no possessor: the source is unknown.
    agentless: bool,
}

impl Ctx<'_> {
    fn trace(&self, orig: &[&str], found: &[Found]) {
        let mut lines = String::new();
        for (i, w) in orig.iter().enumerate() {
            let head = self.tree.head(i).map_or(0, |h| h + 1);
            let tag = newsgraph_syntax::tags::TAGS
                .get(usize::from(self.tree.tag(i)))
                .copied()
                .unwrap_or("?");
            let actor =
                self.actor_at[i].map_or(String::new(), |a| format!(" [{}]", self.actors[a].code));
            let action =
                self.match_at[i].map_or(String::new(), |k| format!(" <{}>", self.pattern(k).code));
            lines.push_str(&format!(
                "  {} {w} {tag} {head} {:?}{actor}{action}\n",
                i + 1,
                self.tree.rel(i)
            ));
        }
        eprintln!("events: {}\n{lines}", orig.join(" "));
        for f in found {
            let code = |a: &Option<Actor>| a.as_ref().map_or("-".to_string(), |a| a.code.clone());
            eprintln!("  => {} {} {}", code(&f.source), f.code, code(&f.target));
        }
    }

    fn pattern_code(&self, m: &Match) -> &str {
        self.coder
            .patterns
            .patterns
            .get(m.pattern as usize)
            .map_or("", |p| &p.code)
    }

    fn pattern(&self, k: usize) -> &crate::patterns::Pattern {
        &self.coder.patterns.patterns[self.matches[k].pattern as usize]
    }

    fn is_class(&self, w: usize, c: u16) -> bool {
        self.classes.get(w).is_some_and(|x| x & c != 0)
    }

    /// Code match `k`.
    fn read_match(&self, k: usize, out: &mut Vec<Found>) {
        let g = &self.coder.patterns.grammar;
        let m = &self.matches[k];
        let p = self.pattern(k);
        let t = trigger_head(self.tree, m);
        let questioned = self.question_from.is_some_and(|q| t >= q);
        // A judgement word may hang on the act it judges ("described Turkey's demands as
        // outrageous"): it is the speaker's, never the content of that act.
        if !p.gist && self.governed(k, t) {
            return;
        }
        if questioned || self.background(t) {
            self.set_aside.set(true);
            return;
        }
        if p.gist {
            self.read_gist(t, out);
            return;
        }
        let (neg, hypo, intent, must) = self.modality(t);
        if hypo || must {
            self.set_aside.set(true);
            return;
        }
        let mut code = p.code.to_string();
        let root = code[..2].to_string();
        // A verb, or a predicate adjective with its subject ("France is ready to").
        let verbal = self.tree.is_verb(t)
            || (p.verb_head && !is_nominal_tag(self.tree, t))
            || self.tree.child(t, Rel::Cop).is_some();
        let mut roles = if verbal {
            self.verb_roles(t, m, p.no_passive)
        } else {
            self.noun_roles(t, m)
        };
        if verbal {
            self.action_as_subject(k, &mut roles, &mut code);
        }
        if neg {
            match g.neg_code.get(root.as_str()) {
                Some(c) => code = c.to_string(),
                None => {
                    self.set_aside.set(true);
                    return;
                }
            }
        } else if intent {
            if let Some(c) = g.intent_code.get(root.as_str()) {
                code = c.to_string();
            }
        }
        let trigger = Span::new(
            self.words[m.start].span.start,
            self.words[m.end - 1].span.end,
        );
        self.emit(roles, &code, (p.recip, p.both), trigger, out);
    }
}

/// Whether the tagger called word `w` a noun, pronoun or adjective (a pattern written as a verb
/// may match a noun: "the attack").
fn is_nominal_tag(tree: &Tree, w: usize) -> bool {
    matches!(
        newsgraph_syntax::tags::upos(tree.tag(w)),
        "NOUN" | "PROPN" | "ADJ" | "PRON" | "NUM"
    )
}
