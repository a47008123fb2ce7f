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

use crate::actors::{ActorMention, Place, SentenceView};
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
        };
        let before = out.len();
        for k in 0..u_matches.len() {
            ctx.read_match(k, out);
        }
        ctx.read_must(out);
        // Where the parse reading found nothing (a parse gone astray leaves an action without
        // subject or object), the word-window rules read the sentence.
        let two_sided = |f: &Found| f.source.is_some() && f.target.is_some();
        if !out[before..].iter().any(two_sided) {
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
        if questioned || self.governed(k, t) || self.background(t) {
            return;
        }
        let (neg, hypo, intent, must) = self.modality(t);
        if hypo || must {
            return;
        }
        let mut code = p.code.to_string();
        let root = code[..2].to_string();
        // A verb, or a predicate adjective with its subject ("France is ready to").
        let verbal = self.tree.is_verb(t)
            || (p.verb_head && !is_nominal_tag(self.tree, t))
            || self.tree.child(t, Rel::Cop).is_some();
        let roles = if verbal {
            self.verb_roles(t, m, p.no_passive)
        } else {
            self.noun_roles(t, m)
        };
        if neg {
            match g.neg_code.get(root.as_str()) {
                Some(c) => code = c.to_string(),
                None => return,
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

    /// Negation, hypothesis, intention and "must" on the trigger `t`.
    fn modality(&self, t: usize) -> (bool, bool, bool, bool) {
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
    fn governed(&self, k: usize, t: usize) -> bool {
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
    fn background(&self, t: usize) -> bool {
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

    /// Source and target of a verb.
    fn verb_roles(&self, t: usize, m: &Match, no_passive: bool) -> Roles {
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
    fn actor_before(&self, at: usize) -> Option<usize> {
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
    fn subject_of(&self, t: usize, depth: usize) -> Option<usize> {
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
    fn reporter(&self, t: usize) -> Option<usize> {
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
    fn target_of(&self, t: usize, m: &Match, depth: usize) -> Option<usize> {
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
    fn reachable_actor_after(&self, t: usize, from: usize) -> Option<usize> {
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
    fn reaches(&self, w: usize, t: usize) -> bool {
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
    fn target_prep(&self, c: usize) -> bool {
        let g = &self.coder.patterns.grammar;
        self.tree
            .case_of(c)
            .is_some_and(|p| g.target_prep.contains(self.lower[p]))
    }

    /// A noun action's own source: its possessor, its `by` phrase, or an actor modifying it.
    fn own_source(&self, n: usize) -> Option<usize> {
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
    fn noun_roles(&self, n: usize, m: &Match) -> Roles {
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
    fn actors_of(&self, h: usize) -> Vec<usize> {
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

    /// "X said (that) Y must ...": X demands of Y (100).
    fn read_must(&self, out: &mut Vec<Found>) {
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

    /// Turn the roles of one action into events: one per source and target member.
    fn emit(
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
    fn span_of(&self, a: usize) -> Span {
        let m = &self.actors[a];
        Span::new(
            self.words[m.start].span.start,
            self.words[m.end - 1].span.end,
        )
    }

    /// The complete actor for mention `a`, given the other side `other`.
    fn complete(&self, a: usize, other: Option<usize>) -> Option<Actor> {
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

    fn push(
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
        // the other side is that country's own people, no second party.
        let bare = |a: Option<usize>| a.is_some_and(|a| self.actors[a].bare);
        if let (Some(x), Some(y)) = (&source, &target) {
            let country_and_its_own = (x.code.len() == 3 && y.code.starts_with(&x.code))
                || (y.code.len() == 3 && x.code.starts_with(&y.code));
            if (bare(s) || bare(t)) && country_and_its_own {
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
        out.push(Found {
            source,
            target,
            code: code.to_string(),
            trigger,
            spans: ActorSpans {
                source: s.map(|a| self.span_of(a)),
                target: t.map(|a| self.span_of(a)),
            },
        });
    }

    /// An assault between two actors that wield words, not arms (a senator, a government, the
    /// media: "X attacked the government for ...") is verbal: the `@verbalcode` of its root.
    fn verbal<'c>(&'c self, code: &'c str, s: Option<&Actor>, t: Option<&Actor>) -> &'c str {
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
    fn push_home(&self, s: usize, code: &str, trigger: Span, out: &mut Vec<Found>) {
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
        out.push(Found {
            target: Some(Actor {
                name: country.name.to_string(),
                code: country.cameo.to_string(),
                entity: None,
            }),
            source: Some(source),
            code: code.to_string(),
            trigger,
            spans: ActorSpans {
                source: Some(self.span_of(s)),
                target: None,
            },
        });
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
