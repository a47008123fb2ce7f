//! Sentence structure rules: from actors and action matches to source-action-target events.
//!
//! No parser: the shape of the sentence is read with a few rules of our own.
//! - **Subject and object.** The source is the nearest actor group before the action that is
//!   not the object of a preposition (falling back to the nearest one); the target is the first
//!   group after it in the same clause (a comma, semicolon, relative pronoun or the next action
//!   ends the search). Reported speech needs no rule of its own: in "X said Y attacked Z" the
//!   nearest subject of "attacked" is Y.
//! - **Passive.** A participle after a form of "be" swaps roles: "X was attacked by Y" codes
//!   Y against X (no agent: the source is unknown).
//! - **Chains.** "threatened to impose sanctions on X": an action governed by an earlier one
//!   through "to" is not coded on its own; the head action takes the target.
//! - **Modality.** A negation before the action drops it, except negated cooperation, which is a
//!   rejection ("will not accept" -> 12x, `@negcode`); a hypothetical ("could", "if") drops it;
//!   an intention ("will", "plans to") turns it into the matching intent code (`@intentcode`:
//!   03x for cooperation, 13x threats for force). "X said Y must ..." is X demanding of Y (100).
//! - **Compounds.** One event per member of a compound source or target; a mutual action
//!   (flag `recip`: met, signed, agreed) gives both directions, and a compound subject with no
//!   object ("Israel and Jordan signed") gives every ordered pair.
//! - **Repeats.** The same source, target and code again in one article adds to `mentions`.

use crate::actors::{group, ActorLexicon, ActorMention, Group, SentenceView};
use crate::fasthash::FastMap as HashMap;
use crate::patterns::{class, Match, Patterns};
use crate::table::CameoTable;
use crate::words::{Word, WordKind};
use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::{Actor, Document, EntityType, Event, EventLocation, Span, Token};
use newsgraph_text::Segmenter;

/// Words looked at before an action for negation, modality or a passive "be".
const MODAL_WINDOW: usize = 4;
const PASSIVE_WINDOW: usize = 2;
/// Words after the agent marker "by" within which the agent must start.
const AGENT_WINDOW: usize = 4;
/// Words between a subject and a domestic action that may take its country as target.
const DOMESTIC_WINDOW: usize = 4;
/// Words between a head action and the action it governs ("agreed ... to provide").
const MAX_CHAIN_GAP: usize = 8;

/// Everything the coder knows, compiled once.
pub struct Coder {
    pub patterns: Patterns,
    pub table: CameoTable,
    pub lexicon: ActorLexicon,
    /// The one tokenizer, for a document without tokens (the coder run alone, in tests).
    segmenter: Segmenter,
}

impl Coder {
    /// Compile the coder's knowledge: `cameo.tsv`, `cameo-patterns.tsv`, `countries.tsv` and
    /// `roles.tsv`.
    pub fn new(k: &Knowledge) -> Result<Coder, KnowledgeError> {
        let segmenter = newsgraph_text::segmenter(k)?;
        Ok(Coder {
            table: CameoTable::new(k.cameo()?),
            patterns: Patterns::new(k.cameo_patterns()?)?,
            lexicon: ActorLexicon::new(k.countries()?, k.roles()?, &segmenter),
            segmenter,
        })
    }

    /// The words of the sentence at `span`: the document's tokens there, or the one
    /// tokenizer's when the document has none.
    fn sentence_words(
        &self,
        doc: &Document,
        span: Span,
        tokens: &mut Vec<Token>,
        out: &mut Vec<Word>,
    ) {
        out.clear();
        if doc.tokens.is_empty() {
            tokens.clear();
            self.segmenter.tokenize_into(&doc.text, span, 0, tokens);
            out.extend(tokens.iter().map(Word::of_token));
        } else {
            let from = doc.tokens.partition_point(|t| t.span.start < span.start);
            let to = doc.tokens.partition_point(|t| t.span.start < span.end);
            out.extend(
                doc.tokens[from..to]
                    .iter()
                    .filter(|t| t.span.end <= span.end)
                    .map(Word::of_token),
            );
        }
    }
}

/// Reusable buffers for one document.
#[derive(Default)]
struct Scratch {
    words: Vec<Word>,
    tokens: Vec<Token>,
    lower_buf: String,
    ranges: Vec<(usize, usize)>,
    matches: Vec<Match>,
    actors: Vec<ActorMention>,
    groups: Vec<Group>,
    entity_at: Vec<Option<(usize, usize)>>,
    covered: Vec<bool>,
    in_action: Vec<bool>,
    governed: Vec<bool>,
}

/// An event before deduplication: codes and where it came from.
struct Found {
    source: Option<Actor>,
    target: Option<Actor>,
    code: String,
    trigger: Span,
    spans: ActorSpans,
}

/// Where an event's actors were read in its sentence (byte spans), for rendering and debugging.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ActorSpans {
    pub source: Option<Span>,
    pub target: Option<Span>,
}

impl Coder {
    /// Code every sentence of a document; repeated events are merged with `mentions` counted.
    pub fn code_document(&self, doc: &Document) -> Vec<Event> {
        self.code_document_with_spans(doc)
            .into_iter()
            .map(|(e, _)| e)
            .collect()
    }

    /// [`Coder::code_document`], with where each event's actors were read.
    pub fn code_document_with_spans(&self, doc: &Document) -> Vec<(Event, ActorSpans)> {
        let mut mentions: Vec<(Span, usize)> = doc
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |&m| (m, i)))
            .collect();
        mentions.sort_by_key(|(m, _)| (m.start, std::cmp::Reverse(m.end)));
        let lead = doc.sentences.first().map(|s| s.paragraph);
        let dateline = self.dateline_location(doc);
        let mut scratch = Scratch::default();
        let mut events: Vec<(Event, ActorSpans)> = Vec::new();
        let mut seen: HashMap<(String, String, String), usize> = HashMap::default();
        let mut found = Vec::new();
        // Full dates in text order, so each sentence finds its own without reading them all.
        let mut days: Vec<(usize, usize)> = (doc.dates.iter().enumerate())
            .filter(|(_, d)| d.value.len() == 10)
            .map(|(i, d)| (d.span.start, i))
            .collect();
        days.sort_unstable();
        for sentence in &doc.sentences {
            let span = sentence.span;
            if span.start > span.end
                || span.end > doc.text.len()
                || !doc.text.is_char_boundary(span.start)
                || !doc.text.is_char_boundary(span.end)
            {
                continue;
            }
            found.clear();
            let from = mentions.partition_point(|(m, _)| m.start < span.start);
            let to = mentions.partition_point(|(m, _)| m.start < span.end);
            self.code_sentence(doc, span, &mentions[from..to], &mut scratch, &mut found);
            if found.is_empty() {
                continue;
            }
            let location = self
                .sentence_location(doc, &mentions[from..to])
                .or_else(|| dateline.clone());
            let first_day = days.partition_point(|&(start, _)| start < span.start);
            let date = days[first_day..]
                .iter()
                .take_while(|&&(start, _)| start < span.end)
                .map(|&(_, i)| i)
                .filter(|&i| span.contains(doc.dates[i].span))
                .min()
                .map(|i| doc.dates[i].value.clone())
                .or_else(|| doc.published.clone());
            // One sentence reports one event per dyad and root ("staged a hunger strike in
            // protest against ..." is one protest).
            let mut kept: Vec<(String, String, String)> = Vec::new();
            for f in found.drain(..) {
                let code_of =
                    |a: &Option<Actor>| a.as_ref().map(|a| a.code.clone()).unwrap_or_default();
                let (source, target) = (code_of(&f.source), code_of(&f.target));
                let dyad_root = (source.clone(), target.clone(), f.code[..2].to_string());
                if kept.contains(&dyad_root) {
                    continue;
                }
                kept.push(dyad_root);
                let key = (source, target, f.code.clone());
                if let Some(&i) = seen.get(&key) {
                    events[i].0.mentions += 1;
                    continue;
                }
                let Some(info) = self.table.get(&f.code) else {
                    continue;
                };
                seen.insert(key, events.len());
                events.push((
                    Event {
                        source: f.source,
                        target: f.target,
                        code: f.code,
                        quad_class: info.quad_class,
                        goldstein: info.goldstein,
                        location: location.clone(),
                        date: date.clone(),
                        sentence: span,
                        trigger: Some(f.trigger),
                        is_root: Some(sentence.paragraph) == lead,
                        mentions: 1,
                    },
                    f.spans,
                ));
            }
        }
        events
    }

    /// A place named in the sentence: a city or region first, else a country.
    fn sentence_location(
        &self,
        doc: &Document,
        mentions: &[(Span, usize)],
    ) -> Option<EventLocation> {
        let places = mentions.iter().map(|&(_, e)| e).filter(|&e| {
            let ent = &doc.entities[e];
            ent.kind_type == EntityType::Location && ent.geo.is_some()
        });
        let is_country = |e: usize| doc.entities[e].kind.as_deref() == Some("country");
        let pick = places
            .clone()
            .find(|&e| !is_country(e))
            .or_else(|| places.clone().next())?;
        let ent = &doc.entities[pick];
        Some(EventLocation {
            name: ent.name.clone(),
            geo: ent.geo.clone(),
            entity: Some(pick),
        })
    }

    fn dateline_location(&self, doc: &Document) -> Option<EventLocation> {
        let span = doc.dateline?;
        doc.entities.iter().enumerate().find_map(|(i, e)| {
            (e.kind_type == EntityType::Location && e.mentions.iter().any(|m| m.overlaps(span)))
                .then(|| EventLocation {
                    name: e.name.clone(),
                    geo: e.geo.clone(),
                    entity: Some(i),
                })
        })
    }

    fn code_sentence(
        &self,
        doc: &Document,
        span: Span,
        mentions: &[(Span, usize)],
        sc: &mut Scratch,
        out: &mut Vec<Found>,
    ) {
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
                sc.lower_buf.push(if ch == '\u{2019}' {
                    '\''
                } else {
                    ch.to_ascii_lowercase()
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

        sc.entity_at.clear();
        sc.entity_at.resize(n, None);
        sc.covered.clear();
        sc.covered.resize(n, false);
        for &(m, e) in mentions {
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

        sc.matches.clear();
        let g = &self.patterns.grammar;
        let classes: Vec<u16> = lower.iter().map(|w| g.class(w)).collect();
        self.patterns
            .find(&lower, &stops, &classes, &mut sc.matches);
        // Most sentences name no action at all: skip the actor search for them.
        let has_must = classes.iter().any(|c| c & class::MUST != 0);
        if sc.matches.is_empty() && !has_must {
            return;
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
        sc.groups.clear();
        let g = &self.patterns.grammar;
        let modifier = |w: usize| {
            classes[w] & class::DET != 0
                || (sc.words[w].kind == WordKind::Word
                    && !sc.in_action[w]
                    && !sc.covered[w]
                    && (orig[w].starts_with(|c: char| c.is_lowercase()) || orig[w].contains('-')))
        };
        group(
            &sc.actors,
            &lower,
            |w| g.class(w) & class::PREP != 0,
            modifier,
            &mut sc.groups,
        );

        // An action inside an actor or an entity name is part of that name.
        let (actors, covered) = (&sc.actors, &sc.covered);
        // Only the ends count: a gap inside a pattern may hold an actor ("agreed to US mediation").
        let inside = |w: usize| covered[w] || actors.iter().any(|a| a.start <= w && w < a.end);
        sc.matches
            .retain(|m| !inside(m.start) && !inside(m.end - 1));
        if sc.matches.is_empty() && !has_must {
            return;
        }

        // Chains: "threatened to impose": the governed action is not coded by itself.
        sc.governed.clear();
        sc.governed.resize(sc.matches.len(), false);
        // "agreed in principle on Saturday to provide aid": the head may be a few words back,
        // as long as no actor, punctuation or other action stands between.
        let mut head: Option<usize> = None;
        for k in 0..sc.matches.len() {
            let cur = sc.matches[k];
            if let Some(h) = head {
                let head_end = sc.matches[h].end;
                let gap = head_end..cur.start;
                // "threatened to impose", "agreed to undertake joint exercises", "resume shelling".
                let infinitive = lower[head_end - 1] == "to"
                    || gap.clone().next().is_some_and(|w| lower[w] == "to")
                    || (cur.start > 0 && lower[cur.start - 1] == "to");
                let clear = gap.len() <= MAX_CHAIN_GAP
                    && !gap.clone().any(|w| stops[w])
                    && !sc
                        .actors
                        .iter()
                        .any(|a| a.start < cur.start && a.end > head_end);
                // "provided food aid", "launched a military offensive": the noun is the object.
                // An actor may stand inside that object ("rejected an Australian ultimatum").
                let object_noun = !self.patterns.patterns[cur.pattern as usize].verb_head
                    && self.patterns.patterns[sc.matches[h].pattern as usize].verb_head
                    && gap.len() <= MAX_CHAIN_GAP
                    && !gap.clone().any(|w| stops[w]);
                // "demanded that the Turkish government provide ...": the content of the demand.
                let head_code = &self.patterns.patterns[sc.matches[h].pattern as usize].code;
                let complement = g.complement.contains(&head_code[..2])
                    && gap.clone().take(3).any(|w| lower[w] == "that")
                    && gap.len() <= MAX_CHAIN_GAP
                    && !gap.clone().any(|w| stops[w]);
                let object_noun = object_noun || complement;
                if ((infinitive || gap.is_empty()) && clear) || object_noun {
                    sc.governed[k] = true;
                    continue;
                }
            }
            // Only a verb governs what follows it; a noun ("helicopter gunships") does not.
            if self.patterns.patterns[cur.pattern as usize].governs {
                head = Some(k);
            } else {
                head = None;
            }
        }

        let mut last_subject = None;
        let ctx = Ctx {
            lower: &lower,
            classes: &classes,
            words: &sc.words,
            matches: &sc.matches,
            lexicon: &self.lexicon,
            actors: &sc.actors,
            groups: &sc.groups,
        };
        for (k, m) in sc.matches.iter().enumerate() {
            if sc.governed[k] {
                continue;
            }
            // The object search stops at the next verb of its own.
            let next_trigger = sc.matches[k + 1..]
                .iter()
                .zip(&sc.governed[k + 1..])
                .find(|(x, &gv)| !gv && self.patterns.patterns[x.pattern as usize].verb_head)
                .map_or(n, |(x, _)| x.start);
            let first = !sc.matches[..k]
                .iter()
                .zip(&sc.governed[..k])
                .any(|(_, &gv)| !gv);
            // "killed one soldier and wounded two others": the second verb shares the subject.
            let coordinated = m.start > 0 && matches!(lower[m.start - 1], "and" | "or");
            let shared = if coordinated { last_subject } else { None };
            last_subject = self.code_match(&ctx, m, next_trigger, first, shared, out);
        }
        self.code_must(&ctx, out);
    }

    /// Code one action; `first` tells that no other action precedes it in the sentence, and
    /// `shared` is the subject of a verb this one is coordinated with. Returns the subject used.
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
                if a.incomplete {
                    let country = other.code.get(..3).unwrap_or("");
                    actor.code = format!("{country}{}", a.code);
                }
                actor
            };
            let (source, target) = (complete(sa, ta), complete(ta, sa));
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
