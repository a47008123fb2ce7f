//! The article level of event coding: every sentence coded on its parse ([`crate::sentence`]),
//! then the article's events merged and dated.
//!
//! - **Home country.** The country the article is about (the country its places, people and
//!   organisations belong to most often, the dateline counting double) completes actors the
//!   text gives no country: "the police", "ministers", a person the knowledge does not list.
//! - **One event per happening.** Reports of the same source, target and root in one article
//!   are one event with `mentions` counted; the most specific code is kept ("183" over "180").
//! - **Denials.** A denial (016) that names no accuser is aimed at whoever last accused the
//!   denier in the article.
//! - **Where and when.** The location is a place named in the sentence (a city or region first),
//!   else the dateline's; the date is a full date in the sentence, else the publication date;
//!   `is_root` marks events of the lead paragraph.

use crate::actors::ActorLexicon;
use crate::patterns::Patterns;
use crate::sentence::{DocContext, Found, Scratch, SentenceContext};
use crate::table::CameoTable;
use crate::tree::Rel;
use crate::words::Word;
use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::{Actor, Document, EntityType, Event, EventLocation, Span, Token};
use newsgraph_syntax::Model;
use newsgraph_text::Segmenter;

/// Everything the coder knows, compiled once.
pub struct Coder {
    pub patterns: Patterns,
    pub table: CameoTable,
    pub lexicon: ActorLexicon,
    /// The tagger and parser; without them no sentence is coded.
    pub syntax: Option<Model>,
    /// The relation of each of the parser's labels.
    pub relations: Vec<Rel>,
    /// The one tokenizer, for a document without tokens (the coder run alone, in tests).
    segmenter: Segmenter,
}

impl Coder {
    /// Compile the coder's knowledge: `cameo.tsv`, `cameo-patterns.tsv`, `countries.tsv` and
    /// `roles.tsv`, with the embedded tagger and parser.
    pub fn new(k: &Knowledge) -> Result<Coder, KnowledgeError> {
        let segmenter = newsgraph_text::segmenter(k)?;
        let syntax = Model::from_bytes(k.parser_weights()).ok();
        let relations = syntax
            .as_ref()
            .map(crate::tree::relations)
            .unwrap_or_default();
        Ok(Coder {
            table: CameoTable::new(k.cameo()?),
            patterns: Patterns::new(k.cameo_patterns()?)?,
            lexicon: ActorLexicon::new(k.countries()?, k.roles()?, &segmenter),
            syntax,
            relations,
            segmenter,
        })
    }

    /// The words of the sentence at `span`: the document's tokens there, or the one
    /// tokenizer's when the document has none.
    pub(crate) fn sentence_words(
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

/// Where an event's actors were read in its sentence (byte spans), for rendering and debugging.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct ActorSpans {
    pub source: Option<Span>,
    pub target: Option<Span>,
}

/// Sentences looked at and parsed, for the speed figures.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counters {
    pub sentences: usize,
    pub parsed: usize,
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
        self.code_document_counted(doc).0
    }

    /// [`Coder::code_document_with_spans`], with how many sentences were parsed.
    pub fn code_document_counted(&self, doc: &Document) -> (Vec<(Event, ActorSpans)>, Counters) {
        let mut mentions: Vec<(Span, usize)> = doc
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |&m| (m, i)))
            .collect();
        mentions.sort_by_key(|(m, _)| (m.start, std::cmp::Reverse(m.end)));
        let home = self.home_country(doc);
        let published = doc.published.as_deref().and_then(|p| {
            let y = p.get(..4)?.parse().ok()?;
            let m = p.get(5..7)?.parse().ok()?;
            Some((y, m))
        });
        let dc = DocContext {
            doc,
            home: home.as_deref(),
            published,
        };
        let lead = doc.sentences.first().map(|s| s.paragraph);
        let dateline = self.dateline_location(doc);
        let mut scratch = Scratch::default();
        let mut events: Vec<(Event, ActorSpans)> = Vec::new();
        let mut found = Vec::new();
        // Full dates in text order, so each sentence finds its own without reading them all.
        let mut days: Vec<(usize, usize)> = (doc.dates.iter().enumerate())
            .filter(|(_, d)| d.value.len() == 10)
            .map(|(i, d)| (d.span.start, i))
            .collect();
        days.sort_unstable();
        // The person "he" or "she" most likely stands for: the first person named in the last
        // of the two sentences before that names one.
        let headline = headline_span(doc);
        let mut antecedent: Option<usize> = None;
        let mut since_person = 0usize;
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
            let here = &mentions[from..to];
            let person = |&&(_, e): &&(Span, usize)| {
                doc.entities
                    .get(e)
                    .is_some_and(|x| x.kind_type == EntityType::Person)
            };
            let context = SentenceContext {
                mentions: here,
                antecedent: antecedent.filter(|_| since_person <= 2),
                headline: headline == Some(span),
            };
            self.code_sentence(&dc, span, &context, &mut scratch, &mut found);
            match here.iter().find(person) {
                Some(&(_, e)) => {
                    antecedent = Some(e);
                    since_person = 1;
                }
                None => since_person += 1,
            }
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
            for mut f in found.drain(..) {
                if f.target.is_none() && f.code.starts_with("016") {
                    f.target = last_accuser(&events, f.source.as_ref());
                }
                self.add(
                    &mut events,
                    f,
                    span,
                    Some(sentence.paragraph) == lead,
                    &location,
                    &date,
                );
            }
        }
        let counters = Counters {
            sentences: scratch.seen,
            parsed: scratch.parsed,
        };
        (events, counters)
    }

    /// Add one found event, or count it as another mention of an event of the same happening.
    fn add(
        &self,
        events: &mut Vec<(Event, ActorSpans)>,
        f: Found,
        sentence: Span,
        is_root: bool,
        location: &Option<EventLocation>,
        date: &Option<String>,
    ) {
        let Some(info) = self.table.get(&f.code) else {
            return;
        };
        let root = &f.code[..2];
        if let Some((e, spans)) = events.iter_mut().find(|(e, _)| {
            e.root() == root && same_actor(&e.source, &f.source) && same_actor(&e.target, &f.target)
        }) {
            e.mentions += 1;
            if specificity(&f.code) > specificity(&e.code) {
                e.code = f.code;
                e.goldstein = info.goldstein;
                e.quad_class = info.quad_class;
                e.trigger = Some(f.trigger);
                e.sentence = sentence;
                *spans = f.spans;
            }
            return;
        }
        events.push((
            Event {
                source: f.source,
                target: f.target,
                code: f.code,
                quad_class: info.quad_class,
                goldstein: info.goldstein,
                location: location.clone(),
                date: date.clone(),
                sentence,
                trigger: Some(f.trigger),
                is_root,
                mentions: 1,
            },
            f.spans,
        ));
    }

    /// The country the article is about: the CAMEO country its entity mentions belong to most
    /// often (the dateline's place counts double).
    fn home_country(&self, doc: &Document) -> Option<String> {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for e in &doc.entities {
            let Some(code) = self.lexicon.entity_code(e) else {
                continue;
            };
            let Some(country) = code.get(..3) else {
                continue;
            };
            if self.lexicon.country_of_code(country).is_none() {
                continue;
            }
            let mut weight = e.mentions.len();
            if doc
                .dateline
                .is_some_and(|d| e.mentions.iter().any(|m| m.overlaps(d)))
            {
                weight += 2;
            }
            match counts.iter_mut().find(|(c, _)| c == country) {
                Some((_, n)) => *n += weight,
                None => counts.push((country.to_string(), weight)),
            }
        }
        // The first of equals: the one the article names first.
        let best = counts.iter().map(|(_, n)| *n).max()?;
        counts.into_iter().find(|(_, n)| *n == best).map(|(c, _)| c)
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
}

/// The article's headline: its first sentence when it is the title, or a paragraph of its own
/// that ends in no full stop.
fn headline_span(doc: &Document) -> Option<Span> {
    let first = doc.sentences.first()?;
    let text = doc.text.get(first.span.start..first.span.end)?.trim();
    let is_title = doc.title.as_deref().is_some_and(|t| t.trim() == text);
    let alone = doc
        .sentences
        .get(1)
        .is_none_or(|s| s.paragraph != first.paragraph);
    let unended = !text.ends_with(['.', '!', '?', '"', '\u{201d}']);
    (is_title || (alone && unended)).then_some(first.span)
}

/// Whether two sides are the same actor: the same entity, else the same code.
fn same_actor(a: &Option<Actor>, b: &Option<Actor>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => match (a.entity, b.entity) {
            (Some(x), Some(y)) => x == y,
            _ => a.code == b.code,
        },
        _ => false,
    }
}

/// How specific a code is: four digits over three, a subcode over the category's "0".
fn specificity(code: &str) -> usize {
    code.len() * 2 + usize::from(!code.ends_with('0'))
}

/// The source of the last accusation or criticism aimed at `denier`'s country.
fn last_accuser(events: &[(Event, ActorSpans)], denier: Option<&Actor>) -> Option<Actor> {
    let country = denier?.code.get(..3)?;
    events
        .iter()
        .rev()
        .map(|(e, _)| e)
        .find(|e| {
            e.root() == "11"
                && e.target
                    .as_ref()
                    .and_then(|t| t.code.get(..3))
                    .is_some_and(|t| t == country)
        })
        .and_then(|e| e.source.clone())
}
