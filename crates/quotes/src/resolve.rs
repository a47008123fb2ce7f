//! Who the words naming a speaker stand for, when they are no name: a pronoun ("she said"), a
//! role phrase ("the foreign minister said", "the 45-year-old said", "the ministry said") or a
//! surname the entity layer did not mark.
//!
//! - A role phrase stands for the entity the article names in that role: a mention with the
//!   role's words right before it ("Foreign Minister Sergei Lavrov") or in apposition after it
//!   ("Sergei Lavrov, Russia's foreign minister,"; "Ana Ruiz, 45," for "the 45-year-old"); the
//!   mention sharing most of the phrase's words wins, then the nearest one before the
//!   quotation.
//! - A pronoun stands, within its own sentence, for the nearest entity of its type before it
//!   (`Spicer said Trump was not literal when he accused ...`); across sentences, for what the
//!   nearest earlier sentence is about: its subject, read as its first entity, pronoun or
//!   definite role phrase of the type outside quotation marks, a pronoun taking what the
//!   sentence before that was about in turn (`Rouhani criticised Trump. He called it "a
//!   win-win agreement". "...," he said.` is Rouhani throughout).

use crate::lexicon::{Lexicon, NounKind};
use crate::speaker::{Context, Naming};
use crate::words::Kind;
use newsgraph_model::{EntityType, Span};

/// How many sentences back a pronoun or role noun looks for its entity.
const RESOLVE_SENTENCES: usize = 4;
/// How many sentences a pronoun subject may hand its question on to (`He ...` after `He ...`).
const CHAIN_DEPTH: usize = 3;
/// How many tokens of a sentence are read for its subject.
const SUBJECT_TOKENS: usize = 48;
/// How many words a definite role phrase may have before its noun ("the foreign affairs").
const ROLE_PHRASE_WORDS: usize = 3;
/// How many words right before a mention may hold its role ("Russian Foreign Minister").
const ROLE_BEFORE_WORDS: usize = 5;
/// How many words of an apposition after a mention may hold its role.
const ROLE_AFTER_WORDS: usize = 8;
/// How far before or after a mention its role is read, in bytes.
const ROLE_WINDOW_BYTES: usize = 80;
/// How far from a role phrase its holder is looked for, in bytes: the whole of any real
/// article, a bounded stretch of a page of many stories (so the work stays linear in it).
const ROLE_REACH_BYTES: usize = 128 * 1024;

/// Words of a role phrase that say nothing about the role ("the", "its", "our").
fn is_determiner(lex: &Lexicon, word: &str) -> bool {
    lex.is_function_word(word) && !word.chars().any(|c| c.is_ascii_digit())
}

/// The lower-case words of `s`, with the parts of hyphenated words added ("lieutenant-general"
/// gives "lieutenant-general", "lieutenant" and "general").
fn role_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in s.split(|c: char| !(c.is_alphanumeric() || c == '-')) {
        let w = w.trim_matches('-');
        if w.is_empty() {
            continue;
        }
        let low = w.to_lowercase();
        if low.contains('-') {
            out.extend(low.split('-').filter(|p| !p.is_empty()).map(str::to_string));
        }
        out.push(low);
    }
    out
}

/// A word without the "'s" of a possessive or contraction ("she's" -> "she").
pub(crate) fn without_s(word: &str) -> &str {
    word.strip_suffix("'s")
        .or_else(|| word.strip_suffix("’s"))
        .unwrap_or(word)
}

/// The age in a word like "45-year-old".
fn age_of(word: &str) -> Option<&str> {
    let digits = word.strip_suffix("-year-old")?;
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit())).then_some(digits)
}

impl Context<'_> {
    /// The entity a naming stands for, resolving pronouns and role phrases before `pos`.
    pub fn speaker_of(&self, naming: &Naming, pos: usize) -> Option<usize> {
        // Resolved from where the naming words stand when they come first (`when he accused
        // Obama of "..."`: "he" is not Obama).
        let pos = pos.min(naming.span().start);
        match *naming {
            Naming::Entity { entity, .. } => Some(entity),
            Naming::Stand { span, ty } => {
                if self.is_pronoun(span) {
                    self.resolve(pos, ty)
                } else {
                    self.role_holder(span, pos, ty)
                        .or_else(|| self.resolve(pos, ty))
                }
            }
            Naming::Unknown { span } => self.by_name_word(span, pos),
        }
    }

    pub(crate) fn is_pronoun(&self, span: Span) -> bool {
        let word = self.text.get(span.start..span.end).unwrap_or("");
        matches!(self.lex.noun(word), Some((NounKind::Pronoun, _)))
    }

    /// The entity a pronoun (or a role phrase no mention holds) stands for: the nearest entity
    /// of type `ty` named outside quotation marks before `pos` in its own sentence, else what
    /// the nearest earlier sentence is about.
    pub fn resolve(&self, pos: usize, ty: EntityType) -> Option<usize> {
        let here = self.sentence_index(pos)?;
        let sentence = self.sentences[here];
        let span = Span::new(sentence.start, pos.min(sentence.end));
        let nearest = self
            .mentions_in(span)
            .iter()
            .rev()
            .find(|(m, _, t)| *t == ty && m.end <= span.end && !self.in_quotes(*m));
        if let Some(&(_, entity, _)) = nearest {
            return Some(entity);
        }
        self.earlier_subject(here, ty, CHAIN_DEPTH)
    }

    /// What the nearest of the sentences before sentence `here` that is about an entity of
    /// type `ty` is about.
    fn earlier_subject(&self, here: usize, ty: EntityType, depth: usize) -> Option<usize> {
        (1..=RESOLVE_SENTENCES)
            .filter_map(|back| here.checked_sub(back))
            .find_map(|i| self.subject_of(i, ty, depth))
    }

    /// The entity of type `ty` sentence `i` is about (memoised per sentence and type).
    fn subject_of(&self, i: usize, ty: EntityType, depth: usize) -> Option<usize> {
        let slot = usize::from(ty != EntityType::Person);
        if let Some(Some(known)) = self.subjects.borrow().get(i) {
            if let Some(entity) = known[slot] {
                return Some(entity);
            }
        }
        let found = self.read_subject(i, ty, depth);
        if let (Some(entity), Some(cell)) = (found, self.subjects.borrow_mut().get_mut(i)) {
            cell.get_or_insert([None, None])[slot] = Some(entity);
        }
        found
    }

    /// Reads sentence `i` for its first entity, pronoun or definite role phrase of type `ty`
    /// outside quotation marks.
    fn read_subject(&self, i: usize, ty: EntityType, depth: usize) -> Option<usize> {
        let sentence = *self.sentences.get(i)?;
        let lex = self.lex;
        let toks = self.toks(sentence, SUBJECT_TOKENS);
        // The last few words read, for a role phrase's "the" and a name's title.
        let mut recent: Vec<(&str, Span)> = Vec::with_capacity(ROLE_PHRASE_WORDS);
        for t in toks.iter().filter(|t| t.kind == Kind::Word) {
            if self.in_quotes(t.span) {
                continue;
            }
            if let Some(&(_, entity, _)) = self
                .mentions_in(t.span)
                .iter()
                .find(|(m, _, mt)| *mt == ty && m.start == t.span.start)
            {
                return Some(entity);
            }
            let word = self.word(t);
            match lex.noun(without_s(word)) {
                Some((NounKind::Pronoun, pty)) if pty == ty => {
                    return if depth == 0 {
                        None
                    } else {
                        self.earlier_subject(i, ty, depth - 1)
                    };
                }
                Some((NounKind::Role, rty)) if rty == ty => {
                    // A definite role phrase: "the prime minister", "the foreign affairs
                    // minister".
                    if let Some(&the) = recent
                        .iter()
                        .rev()
                        .find(|(w, _)| w.eq_ignore_ascii_case("the"))
                        .map(|(_, at)| at)
                    {
                        let phrase = Span::new(the.start, t.span.end);
                        if let Some(entity) = self.role_holder(phrase, t.span.start, ty) {
                            return Some(entity);
                        }
                    }
                }
                _ => {}
            }
            // A name the entity layer did not mark, after a title ("Mrs May").
            if let Some(&(_, title)) = recent.last().filter(|(w, _)| {
                ty == EntityType::Person && word.starts_with(char::is_uppercase) && lex.is_title(w)
            }) {
                if let Some(entity) = self
                    .by_name_word(Span::new(title.start, t.span.end), t.span.start)
                    .filter(|&e| self.entity_type(e) == Some(ty))
                {
                    return Some(entity);
                }
            }
            if recent.len() == ROLE_PHRASE_WORDS {
                recent.remove(0);
            }
            recent.push((word, t.span));
        }
        None
    }

    /// The entity of type `ty` the article names in the role of the phrase `span` ("the
    /// foreign minister", "the 45-year-old"): see the module doc. Every word of the phrase must
    /// be in the role the article gives the mention, and no word that makes it another role
    /// ("Vice", "former") may be: "the president" is not "Vice President Mike Pence".
    pub fn role_holder(&self, span: Span, pos: usize, ty: EntityType) -> Option<usize> {
        let lex = self.lex;
        let phrase = self.text.get(span.start..span.end)?;
        let words: Vec<String> = role_words(phrase)
            .into_iter()
            .filter(|w| !is_determiner(self.lex, w) && !w.contains('-'))
            .collect();
        let head_word = phrase
            .split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .rfind(|w| !w.is_empty())?
            .to_lowercase();
        let age = age_of(&head_word).map(str::to_string);
        let modifier = |w: &str| lex.is_modifier(w);
        // Words the role of a mention may have besides the phrase's: names of places and
        // peoples ("US President", "Russia's foreign minister") and grammar words.
        let neutral = |w: &str, at: Option<Span>| {
            is_determiner(self.lex, w) || at.is_some_and(|s| !self.mentions_in(s).is_empty())
        };
        let held = |i: usize| -> bool {
            let (m, _, mty) = self.mentions[i];
            if mty != ty || self.in_quotes(m) {
                return false;
            }
            match &age {
                // "the 45-year-old": "Ana Ruiz, 45," or "Ana Ruiz (45)".
                Some(age) => self.apposition(m).first().is_some_and(|(w, _)| w == age),
                None => {
                    let run = self.role_run(m, &words, &modifier);
                    let mut apposition = self.apposition(m);
                    // The name itself may say the role ("the court": "Supreme Court"; "the
                    // ministry": "Foreign Ministry"), and so may what it owns ("the report":
                    // "the commission's report").
                    apposition.extend(
                        role_words(self.text.get(m.start..m.end).unwrap_or(""))
                            .into_iter()
                            .map(|w| (w, None)),
                    );
                    apposition.extend(self.owned(m));
                    let holds_all = |found: &[(String, Option<Span>)]| {
                        words.iter().all(|w| found.iter().any(|(f, _)| f == w))
                            && !found.iter().any(|(f, at)| {
                                modifier(f) && !words.contains(f) && !neutral(f, *at)
                            })
                    };
                    run.as_ref().is_some_and(|r| holds_all(r)) || holds_all(&apposition)
                }
            }
        };
        // The nearest holder before `pos` (the first listed of those starting there), else the
        // nearest after it; read outward from `pos`, within reach.
        let start_of = |i: usize| self.mentions[i].0.start;
        let at = |x: usize| self.mentions.partition_point(|(m, _, _)| m.start < x);
        let (lo, split) = (at(pos.saturating_sub(ROLE_REACH_BYTES)), at(pos));
        let hi = at(pos.saturating_add(ROLE_REACH_BYTES));
        if let Some(last) = (lo..split).rev().find(|&i| held(i)) {
            let first = (lo..last)
                .rev()
                .take_while(|&j| start_of(j) == start_of(last))
                .filter(|&j| held(j))
                .last()
                .unwrap_or(last);
            return Some(self.mentions[first].1);
        }
        (split..hi).find(|&i| held(i)).map(|i| self.mentions[i].1)
    }

    /// Whether a mention covers `span` (mentions are sorted by start, none longer than
    /// `longest_mention`).
    fn named_over(&self, span: Span) -> bool {
        let from = span.start.saturating_sub(self.longest_mention);
        let a = self.mentions.partition_point(|(m, _, _)| m.start < from);
        let b = self
            .mentions
            .partition_point(|(m, _, _)| m.start <= span.start);
        self.mentions[a..b.max(a)]
            .iter()
            .any(|(s, _, _)| s.start <= span.start && span.end <= s.end)
    }

    /// The words of the title right before mention `m` ("Russian Foreign Minister" before
    /// "Sergei Lavrov"), read back while they are words of the role `words` or names of
    /// places and peoples; `None` when a word that makes it another role stands right before
    /// them ("Vice" President).
    fn role_run(
        &self,
        m: Span,
        words: &[String],
        modifier: &dyn Fn(&str) -> bool,
    ) -> Option<Vec<(String, Option<Span>)>> {
        let from = m.start.saturating_sub(ROLE_WINDOW_BYTES);
        let from = (from..m.start).find(|&i| self.text.is_char_boundary(i))?;
        let toks = self.toks(Span::new(from, m.start), usize::MAX);
        let mut run: Vec<(String, Option<Span>)> = Vec::new();
        for t in toks.iter().rev() {
            if !t.is_word() || run.len() >= ROLE_BEFORE_WORDS {
                break;
            }
            let parts = role_words(self.word(t));
            // "Archbishop of Canterbury Justin Welby": grammar words go on with the title.
            if parts.iter().all(|p| is_determiner(self.lex, p)) {
                continue;
            }
            let in_role = parts.iter().any(|p| words.contains(p));
            let named = !self.mentions_in(t.span).is_empty() || self.named_over(t.span);
            if parts.iter().any(|p| modifier(p)) && !in_role {
                return None;
            }
            // A capitalised word goes on with a title ("Minister for EU Affairs").
            let titled = self.word(t).starts_with(char::is_uppercase);
            if !(in_role || named || titled) {
                break;
            }
            run.extend(parts.into_iter().map(|p| (p, Some(t.span))));
        }
        Some(run)
    }

    /// The words a mention owns right after it: `UN inquiry's report` gives "report".
    fn owned(&self, m: Span) -> Vec<(String, Option<Span>)> {
        let end = (m.end + ROLE_WINDOW_BYTES / 2).min(self.text.len());
        let end = (m.end..=end)
            .rev()
            .find(|&i| self.text.is_char_boundary(i))
            .unwrap_or(m.end);
        let after = self.text.get(m.end..end).unwrap_or("");
        let Some(rest) = after
            .strip_prefix("'s")
            .or_else(|| after.strip_prefix("’s"))
        else {
            return Vec::new();
        };
        let owned = rest
            .split(['.', ',', ';', '"', '“', '”'])
            .next()
            .unwrap_or("");
        role_words(owned)
            .into_iter()
            .take(3)
            .map(|w| (w, None))
            .collect()
    }

    /// The words of an apposition right after mention `m` (`Lavrov, Russia's foreign
    /// minister,` / `Ruiz (45)`), up to the next comma, bracket or sentence end.
    fn apposition(&self, m: Span) -> Vec<(String, Option<Span>)> {
        let end = (m.end + ROLE_WINDOW_BYTES).min(self.text.len());
        let end = (m.end..=end)
            .rev()
            .find(|&i| self.text.is_char_boundary(i))
            .unwrap_or(m.end);
        let after = self.text.get(m.end..end).unwrap_or("");
        let Some(rest) = after.trim_start().strip_prefix([',', '(']) else {
            return Vec::new();
        };
        let apposition = rest
            .split([',', '.', ';', ')', '"', '“', '”'])
            .next()
            .unwrap_or("");
        role_words(apposition)
            .into_iter()
            .take(ROLE_AFTER_WORDS * 2)
            .map(|w| (w, None))
            .collect()
    }

    /// The entity whose canonical name holds a capitalised word of `span` ("Espinoza said" when
    /// the entity layer knows "Marianne Espinoza" but did not mark this mention): a person
    /// first, then the one named last before `pos`. A word that is also a function word counts
    /// after a title ("Mrs May").
    pub(crate) fn by_name_word(&self, span: Span, pos: usize) -> Option<usize> {
        let lex = self.lex;
        let toks = self.toks(span, usize::MAX);
        let mut after_title = false;
        for tok in toks.iter().filter(|t| t.is_word()) {
            let word = self.word(tok);
            let word = word
                .strip_suffix("’s")
                .or_else(|| word.strip_suffix("'s"))
                .unwrap_or(word);
            let titled = std::mem::replace(&mut after_title, lex.is_title(word));
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            if !capitalised
                || word.chars().count() < 3
                || (lex.is_function_word(word) && !titled)
                || lex.is_title(word)
                || lex.is_verb(word)
                || lex.noun(word).is_some()
            {
                continue;
            }
            let best = (self.name_words.get(word).into_iter().flatten())
                .filter_map(|&i| Some((i, self.entities.get(i)?)))
                .max_by_key(|(_, e)| {
                    let last_before = e
                        .mentions
                        .iter()
                        .filter(|m| m.start < pos)
                        .map(|m| m.start + 1)
                        .max()
                        .unwrap_or(0);
                    (e.kind_type == EntityType::Person, last_before)
                });
            if let Some((i, _)) = best {
                return Some(i);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_words_split_hyphens() {
        assert_eq!(
            role_words("Lieutenant-General Rudskoi"),
            ["lieutenant", "general", "lieutenant-general", "rudskoi"]
        );
        assert_eq!(age_of("45-year-old"), Some("45"));
        assert_eq!(age_of("year-old"), None);
    }
}
