//! Who said it: reading the attribution clause around a quotation and resolving the words that
//! name the speaker to an entity of the document.
//!
//! An attribution is a speech verb ([`crate::lexicon`]) next to the words naming the speaker:
//! after the quotation (`"...," said Penny Nance` / `"...," Trump said` / `"...," he told
//! reporters`), before it (`Obama added, "..."` / `Fiorina: "..."`), or in the gap of an
//! interrupted one. The naming words are an entity mention (the speaker is that entity), a
//! pronoun or a role noun ("the senator"), resolved to the first entity of a compatible type in
//! the nearest sentence before the quotation (the subject, as a reader would take it), or
//! anything else (the speaker stays unknown).

use crate::lexicon::{Lexicon, NounKind};
use crate::marks::Passage;
use crate::words::{tokens_in, Kind, Tok};
use newsgraph_model::hash::FastMap;
use newsgraph_model::{Document, EntityType, Span, Token};
use newsgraph_text::Segmenter;
use std::borrow::Cow;

/// How far a speech verb may sit from the quotation it attributes, in tokens.
const VERB_REACH_AFTER: usize = 20;
/// How many words the speaker phrase after a verb may have.
const PHRASE_AFTER_VERB: usize = 8;
/// How many comma-separated pieces before the nearest one the subject of a speech verb may
/// be looked for in ("David Simmonds, chairman of the association's asylum, refugee and
/// migration task group, said").
const SUBJECT_PIECES: usize = 3;
/// In a sentence of its own after a quotation, how many words may name the speaker before the
/// verb, and how many tokens may follow the verb before the sentence ends, for it to be the
/// quotation's attribution.
const NEW_SENTENCE_SUBJECT: usize = 3;
const NEW_SENTENCE_TAIL: usize = 6;
/// How many tokens before a woven quotation its sentence's verb may stand.
const WOVEN_REACH: usize = 40;

/// How many tokens after a quotation the attribution reader needs at most (leading
/// punctuation, the verb's reach and the speaker phrase after it).
const AFTER_TOKENS: usize = 32;
/// How far from a quotation the attribution reader looks, in bytes.
const WINDOW_BYTES: usize = 320;

/// The nearest char boundary at or before `pos`.
fn floor_boundary(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// The nearest char boundary at or after `pos`.
fn ceil_boundary(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos += 1;
    }
    pos
}

/// Whether the quoted words before byte `from` (just past a closing mark) end with a full stop:
/// the quotation ended its sentence. (After a question or exclamation mark the attribution
/// follows without a comma: `"Who knows?" Lee told reporters on Monday.`)
fn ends_with_stop(text: &str, from: usize) -> bool {
    let mut before = text.get(..from).unwrap_or("");
    // `"?` is a mangled closing mark (see `marks`), not a question.
    if let Some(rest) = before.strip_suffix('?') {
        if rest.ends_with(['"', '”']) {
            before = rest;
        }
    }
    before
        .trim_end_matches(['"', '”', '“', '\u{FFFD}'])
        .ends_with('.')
}

/// Whether a speech verb form is a present participle ("adding", "saying"), whose subject is
/// that of the clause it hangs on.
fn verb_word_is_participle(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ing") && !word.eq_ignore_ascii_case("according")
}

/// The words naming a speaker, and what they are.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Naming {
    /// A mention of entity `entity`.
    Entity { entity: usize, span: Span },
    /// A pronoun or role phrase standing for an entity of type `ty`.
    Stand { span: Span, ty: EntityType },
    /// Words that name nobody the document knows ("a source close to the campaign").
    Unknown { span: Span },
}

impl Naming {
    pub fn span(&self) -> Span {
        match *self {
            Naming::Entity { span, .. } | Naming::Stand { span, .. } | Naming::Unknown { span } => {
                span
            }
        }
    }
}

/// An attribution clause: the verb and the speaker it names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Attribution {
    pub verb: Span,
    pub naming: Option<Naming>,
}

/// What the attribution reader knows of one document.
pub struct Context<'a> {
    pub text: &'a str,
    pub(crate) lex: &'a Lexicon,
    pub sentences: Vec<Span>,
    /// The document's tokens (made by the one tokenizer when the document has none).
    tokens: Cow<'a, [Token]>,
    /// Every entity mention, by start: (span, entity index, entity type).
    pub(crate) mentions: Vec<(Span, usize, EntityType)>,
    /// Spans of all quoted passages (open mark to close), to skip names said inside quotes.
    pub(crate) quoted: Vec<Span>,
    /// Type of each entity, by index.
    pub(crate) types: Vec<EntityType>,
    /// Canonical name and mentions of each entity, by index.
    pub(crate) entities: &'a [newsgraph_model::Entity],
    /// The person or organisation each sentence is about, once worked out (see `resolve`).
    pub(crate) subjects: std::cell::RefCell<Vec<Option<[Option<usize>; 2]>>>,
    /// The entities (indexes, ascending) whose canonical name holds each word.
    pub(crate) name_words: FastMap<&'a str, Vec<usize>>,
    /// The length of the longest mention, in bytes (to find the mentions covering a span).
    pub(crate) longest_mention: usize,
}

/// What parts the words of a canonical name (a name's words keep hyphens and apostrophes).
fn is_name_break(c: char) -> bool {
    !(c.is_alphanumeric() || c == '-' || c == '\'')
}

impl<'a> Context<'a> {
    pub fn new(
        lex: &'a Lexicon,
        segmenter: &Segmenter,
        doc: &'a Document,
        passages: &[Passage],
    ) -> Self {
        let (sentences, tokens) = segmenter.of_document(doc);
        let sentences: Vec<Span> = sentences.iter().map(|s| s.span).collect();
        let mut mentions: Vec<(Span, usize, EntityType)> = doc
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |&m| (m, i, e.kind_type)))
            .filter(|(m, _, _)| m.end <= doc.text.len() && m.start < m.end)
            .collect();
        mentions.sort_by_key(|m| (m.0.start, m.0.end));
        let quoted = passages
            .iter()
            .map(|p| Span::new(p.open, p.after))
            .collect();
        let types = doc.entities.iter().map(|e| e.kind_type).collect();
        let subjects = std::cell::RefCell::new(vec![None; sentences.len()]);
        let mut name_words: FastMap<&str, Vec<usize>> = FastMap::default();
        for (i, e) in doc.entities.iter().enumerate() {
            for w in e.name.split(is_name_break) {
                let holders = name_words.entry(w).or_default();
                if holders.last() != Some(&i) {
                    holders.push(i);
                }
            }
        }
        let longest_mention = mentions.iter().map(|m| m.0.len()).max().unwrap_or(0);
        Context {
            name_words,
            longest_mention,
            text: &doc.text,
            lex,
            tokens,
            subjects,
            sentences,
            mentions,
            quoted,
            types,
            entities: &doc.entities,
        }
    }

    pub(crate) fn word(&self, t: &Tok) -> &'a str {
        &self.text[t.span.start..t.span.end]
    }

    /// The first `max` tokens inside `span`.
    pub(crate) fn toks(&self, span: Span, max: usize) -> Vec<Tok> {
        tokens_in(self.text, &self.tokens, span, max)
    }

    /// Every token inside `span`.
    pub(crate) fn toks_all(&self, span: Span) -> Vec<Tok> {
        self.toks(span, usize::MAX)
    }

    /// Whether token `k` of `toks` ends a sentence.
    pub(crate) fn ends_sentence(&self, toks: &[Tok], k: usize) -> bool {
        crate::words::ends_sentence(self.lex, self.text, toks, k)
    }

    /// Mentions that start inside `span`, in order.
    pub(crate) fn mentions_in(&self, span: Span) -> &[(Span, usize, EntityType)] {
        let a = self.mentions.partition_point(|m| m.0.start < span.start);
        let b = self.mentions.partition_point(|m| m.0.start < span.end);
        &self.mentions[a..b.max(a)]
    }

    pub(crate) fn in_quotes(&self, span: Span) -> bool {
        let i = self.quoted.partition_point(|q| q.end <= span.start);
        self.quoted
            .get(i)
            .is_some_and(|q| q.start <= span.start && span.end <= q.end)
    }

    /// Index of the sentence holding byte `pos`, or of the last one before it.
    pub(crate) fn sentence_index(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.start <= pos);
        i.checked_sub(1)
    }

    /// How many sentences start after byte `a` and at or before byte `b`.
    pub fn sentences_between(&self, a: usize, b: usize) -> usize {
        let i = self.sentences.partition_point(|s| s.start <= a);
        let j = self.sentences.partition_point(|s| s.start <= b);
        j.saturating_sub(i)
    }

    /// The tokens with a verb of saying split off the word a lost space glued it to with a
    /// hyphen: "say" and "tell" anywhere (`the minister-said`, `Nunes said-spy agencies`: they
    /// make no compound words), another verb after a name (`Joseph-described`) or before a
    /// grammar word (`described-the incident`), never in a compound (`so-called`,
    /// `self-described`).
    fn unglue(&self, toks: Vec<Tok>) -> Vec<Tok> {
        let lex = self.lex;
        let glued = |t: &Tok| {
            let word = self.word(t);
            if !t.is_word() || !word.contains('-') {
                return false;
            }
            let parts: Vec<&str> = word.split('-').collect();
            parts
                .iter()
                .any(|part| matches!(lex.lemma(part), Some("say" | "tell")))
                || parts.windows(2).any(|pair| {
                    let (a, b) = (pair[0], pair[1]);
                    (lex.is_naming_verb(b) && a.starts_with(char::is_uppercase))
                        || (lex.is_naming_verb(a) && lex.is_function_word(b))
                })
        };
        if !toks.iter().any(glued) {
            return toks;
        }
        let mut out = Vec::with_capacity(toks.len() + 2);
        for t in toks {
            if !glued(&t) {
                out.push(t);
                continue;
            }
            let mut at = t.span.start;
            for part in self.word(&t).split('-') {
                if !part.is_empty() {
                    out.push(Tok {
                        span: Span::new(at, at + part.len()),
                        kind: Kind::Word,
                    });
                }
                at += part.len() + 1;
            }
        }
        out
    }

    /// End of the sentence holding byte `pos`.
    pub fn sentence_end(&self, pos: usize) -> Option<usize> {
        let end = self.sentences.get(self.sentence_index(pos)?)?.end;
        (end >= pos && end <= self.text.len()).then_some(end)
    }

    /// Start of the sentence holding byte `pos` (0 when none does).
    pub fn sentence_start(&self, pos: usize) -> usize {
        self.sentence_index(pos)
            .map_or(0, |i| self.sentences[i].start.min(pos))
    }

    /// The naming words in `toks[range]`, taking the first entity mention, else a pronoun or a
    /// role phrase. `prefer_last` takes the mention nearest the end instead (a subject just
    /// before its verb).
    fn naming_in(&self, toks: &[Tok], prefer_last: bool) -> Option<Naming> {
        let lex = self.lex;
        // Read past the words that open a clause before its subject ("But", "And", "when").
        let opening = toks
            .iter()
            .take_while(|t| {
                !t.is_word()
                    || matches!(
                        lex.noun(self.word(t)),
                        Some((NounKind::Opener | NounKind::Relative, _))
                    )
            })
            .count();
        let toks = &toks[opening..];
        let (first, last) = (toks.first()?, toks.last()?);
        let span = Span::new(first.span.start, last.span.end);
        let words: Vec<&Tok> = toks.iter().filter(|t| t.is_word()).collect();
        let pronoun = |t: &Tok| match lex.noun(self.word(t)) {
            Some((NounKind::Pronoun, ty)) => Some(Naming::Stand { span: t.span, ty }),
            _ => None,
        };
        // A pronoun opening the clause is its subject (`He ridiculed Obama, saying`).
        if !prefer_last {
            if let Some(stand) = words.first().and_then(|w| pronoun(w)) {
                return Some(stand);
            }
        }
        // People speak first, then organizations; a place is the speaker only when nothing else
        // in the phrase is ("Russia said"), not in "the Florida senator".
        let mentions = self.mentions_in(span);
        let of_type = |ty: EntityType| {
            let mut found = mentions.iter().filter(move |m| m.2 == ty);
            if prefer_last {
                found.next_back()
            } else {
                found.next()
            }
        };
        let role_of = |t: &Tok| {
            let word = self.word(t);
            match lex.noun(word) {
                Some((NounKind::Role, ty)) => Some(ty),
                // "the 45-year-old": an age used as a noun names a person.
                _ if word.ends_with("-year-old") => Some(EntityType::Person),
                _ => None,
            }
        };
        let has_role = words.iter().any(|t| role_of(t).is_some());
        let pick = of_type(EntityType::Person)
            .or_else(|| of_type(EntityType::Organization))
            .or_else(|| {
                if has_role {
                    None
                } else {
                    of_type(EntityType::Location)
                }
            });
        if let Some(&(m, entity, _)) = pick {
            return Some(Naming::Entity { entity, span: m });
        }
        if let Some(stand) = words.first().and_then(|w| pronoun(w)) {
            return Some(stand);
        }
        // A role phrase: "the senator", "the American president". One that brings in somebody
        // new ("a New Hampshire Republican", "one party official") names nobody known.
        let indefinite = words
            .first()
            .is_some_and(|w| matches!(lex.noun(self.word(w)), Some((NounKind::Indefinite, _))));
        for (k, t) in words.iter().enumerate() {
            if indefinite {
                break;
            }
            if let Some(ty) = role_of(t) {
                let next_is_role = words.get(k + 1).is_some_and(|n| role_of(n).is_some());
                if !next_is_role {
                    return Some(Naming::Stand {
                        span: Span::new(words[0].span.start, t.span.end),
                        ty,
                    });
                }
            }
        }
        let words_span = Span::new(words.first()?.span.start, words.last()?.span.end);
        Some(Naming::Unknown { span: words_span })
    }

    /// The attribution after a quotation: `, said X` / `, X said` / `, according to X`, read in
    /// `[from, limit)` (from the closing mark to the paragraph end or the next quotation).
    pub fn after(&self, from: usize, limit: usize) -> Option<Attribution> {
        let window = Span::new(
            from,
            ceil_boundary(self.text, limit.min(from + WINDOW_BYTES)),
        );
        let toks = self.unglue(self.toks(window, AFTER_TOKENS));
        let lead = toks
            .iter()
            .take_while(|t| matches!(t.kind, Kind::Punct(',' | '—' | '–' | '-' | '―' | ')')))
            .count();
        let signed = toks[..lead]
            .iter()
            .any(|t| matches!(t.kind, Kind::Punct('—' | '―' | '–')));
        let toks = &toks[lead..];
        let mut verb_at = None;
        for (k, t) in toks.iter().enumerate().take(VERB_REACH_AFTER) {
            if t.kind == Kind::Mark || self.ends_sentence(toks, k) {
                break;
            }
            if t.is_word() && self.lex.is_verb(self.word(t)) {
                verb_at = Some(k);
                break;
            }
            if t.is_word() && self.word(t).eq_ignore_ascii_case("according") {
                verb_at = Some(k);
                break;
            }
        }
        // A quotation that ended its sentence with a full stop inside the marks, followed by a
        // capitalised word, is followed by a new sentence: only a short one that does nothing
        // but attribute (`"We are done." Lee said.`) is its attribution, not `"...families."
        // He also said he had worked on ...`.
        let new_sentence = ends_with_stop(self.text, from)
            && toks.first().is_some_and(|t| {
                t.is_word() && self.word(t).chars().next().is_some_and(char::is_uppercase)
            });
        if let (true, Some(k)) = (new_sentence, verb_at) {
            let sentence_end = (k..toks.len())
                .find(|&j| self.ends_sentence(toks, j))
                .unwrap_or(toks.len());
            if k > NEW_SENTENCE_SUBJECT || sentence_end - k > NEW_SENTENCE_TAIL {
                return None;
            }
        }
        let Some(k) = verb_at else {
            // A quotation signed with a dash: `"..." ― Esther Tapia`.
            let name_end = toks
                .iter()
                .take(6)
                .position(|t| !t.is_word())
                .unwrap_or(toks.len().min(6));
            let naming = self
                .naming_in(&toks[..name_end], false)
                .filter(|n| matches!(n, Naming::Entity { .. }));
            return (signed && naming.is_some()).then_some(Attribution {
                verb: Span::new(from, from),
                naming,
            });
        };
        let verb = toks[k].span;
        let verb_word = self.word(&toks[k]);
        let naming = if k == 0 && verb_word_is_participle(verb_word) {
            // `"...," telling reporters` - the words after a participle are its object; the
            // speaker is the subject of the sentence, read from the other side.
            None
        } else if k == 0 {
            let mut rest = &toks[1..];
            if self.word(&toks[0]).eq_ignore_ascii_case("according")
                && rest
                    .first()
                    .is_some_and(|t| self.word(t).eq_ignore_ascii_case("to"))
            {
                rest = &rest[1..];
            }
            let end = rest
                .iter()
                .enumerate()
                .position(|(j, t)| {
                    matches!(t.kind, Kind::Mark | Kind::Punct(',' | ';' | '(' | ':'))
                        || self.ends_sentence(rest, j)
                })
                .unwrap_or(rest.len())
                .min(PHRASE_AFTER_VERB);
            self.naming_in(&rest[..end], false)
        } else {
            self.naming_in(&toks[..k], false)
        };
        Some(Attribution { verb, naming })
    }

    /// The attribution before a quotation that opens at `open`, read from `from` (the sentence
    /// start or the end of the previous quotation): `X said, "` / `X told reporters: "` /
    /// `said X: "` / `X: "`.
    pub fn before(&self, from: usize, open: usize, reach: usize) -> Option<Attribution> {
        self.before_in(from, open, reach, false)
    }

    /// The attribution of a quotation woven into the writer's sentence, which opens at `open`:
    /// the speech or naming verb of its sentence before it and that verb's subject (`The
    /// minister said the plan was "a disgrace"`, `She branded him "a coward"`), read from the
    /// sentence start `from` across the other quoted words of the sentence.
    pub fn woven(&self, from: usize, open: usize) -> Option<Attribution> {
        self.before_in(from, open, WOVEN_REACH, true)
    }

    fn before_in(
        &self,
        from: usize,
        open: usize,
        reach: usize,
        woven: bool,
    ) -> Option<Attribution> {
        let mut toks = self.unglue(self.toks_all(Span::new(
            floor_boundary(self.text, from.max(open.saturating_sub(WINDOW_BYTES))),
            open,
        )));
        if woven {
            // Quoted words are somebody's words, not the writer's sentence.
            toks.retain(|t| t.kind != Kind::Mark && !self.in_quotes(t.span));
        }
        let trail = toks
            .iter()
            .rev()
            .take_while(|t| matches!(t.kind, Kind::Punct(',' | ':' | '—' | '–' | '-')))
            .count();
        let colon = toks.iter().rev().take(trail).any(|t| t.is_punct(':'));
        let toks = &toks[..toks.len() - trail];
        // The clause starts after the last sentence end or quotation mark.
        let clause_start = (0..toks.len())
            .rev()
            .find(|&k| toks[k].kind == Kind::Mark || self.ends_sentence(toks, k))
            .map_or(0, |k| k + 1);
        let toks = &toks[clause_start..];
        let lex = self.lex;
        let verb_at = (0..toks.len()).rev().take(reach).find(|&k| {
            let word = self.word(&toks[k]);
            toks[k].is_word()
                && (lex.is_verb(word)
                    || (woven && lex.is_naming_verb(word))
                    || word.eq_ignore_ascii_case("according"))
        });
        let Some(k) = verb_at else {
            // A colon introduces a quotation even without a speech verb: `Fiorina: "` names the
            // speaker right before it; `the board was firm in its findings: "` names it as the
            // subject of the clause.
            if colon {
                if let Some(last) = toks.last() {
                    let span = Span::new(toks[0].span.start, last.span.end);
                    let mentions = self.mentions_in(span);
                    let naming = match mentions.last() {
                        Some(&(m, entity, _)) if m.end == last.span.end => {
                            Some(Naming::Entity { entity, span: m })
                        }
                        _ => mentions
                            .first()
                            .map(|&(m, entity, _)| Naming::Entity { entity, span: m }),
                    };
                    return Some(Attribution {
                        verb: Span::new(last.span.end, last.span.end),
                        naming,
                    });
                }
            }
            return None;
        };
        let verb = toks[k].span;
        if self.word(&toks[k]).eq_ignore_ascii_case("according") {
            let rest = toks.get(k + 2..).unwrap_or(&[]);
            let end = rest
                .iter()
                .position(|t| t.is_punct(','))
                .unwrap_or(rest.len());
            return Some(Attribution {
                verb,
                naming: self.naming_in(&rest[..end], false),
            });
        }
        // The subject, walking back over comma-separated pieces ("Hogue, president of NARAL,
        // said"): the first piece naming a person wins, else the piece next to the verb.
        // A piece opening with a relative pronoun describes the subject and is not it
        // ("Lavrov, whose government backs the rebels, said").
        let relative = |p: &[Tok]| {
            p.iter()
                .filter(|t| t.is_word())
                .map(|t| self.lex.noun(self.word(t)))
                .find(|n| !matches!(n, Some((NounKind::Opener, _))))
                .is_some_and(|n| matches!(n, Some((NounKind::Relative, _))))
        };
        // A piece opening with "a"/"an" after another one is an apposition describing the
        // subject ("Hurd, a former CIA agent, said").
        let indefinite = |p: &[Tok]| {
            p.iter().find(|t| t.is_word()).is_some_and(|t| {
                matches!(self.lex.noun(self.word(t)), Some((NounKind::Indefinite, _)))
            })
        };
        // The piece the verb closes is never skipped: `when the US president said` holds
        // the subject after its "when".
        let verb_piece_end = toks[..k]
            .last()
            .filter(|t| !t.is_punct(','))
            .map(|t| t.span.end);
        let all_pieces: Vec<&[Tok]> = toks[..k]
            .split(|t| t.is_punct(','))
            .filter(|p| {
                !p.is_empty() && (!relative(p) || Some(p[p.len() - 1].span.end) == verb_piece_end)
            })
            .collect();
        let names_a_person = |p: &[Tok]| {
            matches!(self.naming_in(p, true), Some(Naming::Entity { entity, .. })
                if self.entity_type(entity) == Some(EntityType::Person))
        };
        let apposition =
            |j: usize| indefinite(all_pieces[j]) && j > 0 && names_a_person(all_pieces[j - 1]);
        let mut pieces = (0..all_pieces.len())
            .rev()
            .filter(|&j| !apposition(j))
            .map(|j| all_pieces[j]);
        // The subject stands right before a finite verb ("Obama said"); a participle (`...,
        // adding`) takes the subject of the clause it hangs on: the nearest piece that names
        // somebody, not an apposition in between (`Roosevelt scorned Harrison, president from
        // 1889, branding him "..."`).
        let participle = verb_word_is_participle(self.word(&toks[k]));
        let nearest = if participle {
            let named = |p: &&[Tok]| match self.naming_in(p, false) {
                Some(Naming::Entity { .. }) => true,
                Some(Naming::Stand { span, .. }) => self.is_pronoun(span),
                _ => false,
            };
            let mut rest = pieces.clone();
            rest.find(named).or_else(|| pieces.next())
        } else {
            pieces.next()
        };
        let naming_of_nearest = |p: &[Tok]| {
            let last_mention = self
                .mentions_in(Span::new(p[0].span.start, p[p.len() - 1].span.end))
                .last();
            let gap = last_mention.map_or(0, |m| {
                toks[..k].iter().filter(|t| t.span.start >= m.0.end).count()
            });
            self.naming_in(p, !participle && gap <= 2)
        };
        let mut naming = nearest.and_then(naming_of_nearest);
        // A role phrase in apposition to the name before it is that person ("Hogue,
        // president of NARAL, said"; "Troussel, the president of the council, said").
        if let (Some(Naming::Stand { span, .. }), Some(near)) = (naming, nearest) {
            let at = all_pieces.iter().position(|p| std::ptr::eq(*p, near));
            let before = at.and_then(|j| j.checked_sub(1)).map(|j| all_pieces[j]);
            if let Some(named) = before.and_then(|p| self.naming_in(p, true)).filter(|n| {
                matches!(n, Naming::Entity { entity, span: m }
                    if self.entity_type(*entity) == Some(EntityType::Person)
                        && before.is_some_and(|p| p[p.len() - 1].span.end == m.end))
            }) {
                if !self.is_pronoun(span) {
                    naming = Some(named);
                }
            }
        }
        // A pronoun right before a finite verb is its subject (`when he accused`).
        if let Some(before_verb) = k.checked_sub(1).map(|j| &toks[j]) {
            if let (false, Some((NounKind::Pronoun, ty))) =
                (participle, self.lex.noun(self.word(before_verb)))
            {
                naming = Some(Naming::Stand {
                    span: before_verb.span,
                    ty,
                });
            }
        }
        // Whether a naming is the subject for sure: a person; an organisation no role noun
        // stands before in its piece ("Reuters said", not "president of NARAL, said"); a
        // definite phrase ("the ministry"), not a fragment of a list in apposition ("migration
        // task group").
        let clause_start = toks.first().map_or(0, |t| t.span.start);
        let names_person = |n: &Option<Naming>| match n {
            Some(Naming::Entity { entity, span }) => match self.entity_type(*entity) {
                Some(EntityType::Person) => true,
                Some(EntityType::Organization) => {
                    let piece_start = toks[..k]
                        .iter()
                        .rev()
                        .find(|t| t.span.end <= span.start && t.is_punct(','))
                        .map_or(clause_start, |t| t.span.end);
                    !self
                        .toks_all(Span::new(piece_start, span.start))
                        .iter()
                        .any(|t| {
                            matches!(
                                self.lex.noun(self.word(t)),
                                Some((NounKind::Role, EntityType::Person))
                            )
                        })
                }
                _ => false,
            },
            Some(Naming::Stand { ty, span }) => {
                *ty == EntityType::Person || {
                    let first = self.text[span.start..span.end]
                        .split_whitespace()
                        .next()
                        .unwrap_or("");
                    self.lex.is_function_word(first)
                }
            }
            _ => false,
        };
        // A name the entity layer missed ("LeVell said") is still this verb's subject; a
        // capitalised word that is part of a mention ("a Romanian journalist") is no name.
        let missed_name = matches!(naming, Some(Naming::Unknown { span }) if self.by_name_word(span, span.start).is_some()
        || self.toks_all(span).iter().any(|t| {
            let w = self.word(t);
            t.is_word()
                && w.starts_with(char::is_uppercase)
                && !self.lex.is_function_word(w)
                && self.mentions_in(t.span).is_empty()
                && !self.mentions.iter().any(|m| m.0.start <= t.span.start && t.span.end <= m.0.end)
        }));
        if !names_person(&naming) && !missed_name {
            for piece in pieces.take(SUBJECT_PIECES) {
                let candidate = self.naming_in(piece, true);
                if names_person(&candidate) {
                    naming = candidate;
                    break;
                }
            }
        }
        if naming.is_none() {
            // Inverted order: `said Sen. Rubio: "`.
            let after = &toks[k + 1..];
            naming = self
                .naming_in(after, false)
                .filter(|n| matches!(n, Naming::Entity { .. }));
        }
        Some(Attribution { verb, naming })
    }

    pub(crate) fn entity_type(&self, entity: usize) -> Option<EntityType> {
        self.types.get(entity).copied()
    }
}
