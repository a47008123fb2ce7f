//! Which quoted passages are quotations, and which fragments make one quotation.
//!
//! Quotation marks also fence titles (`MSNBC's "Morning Joe"`) and names (`known as
//! "Motorola"`), which are no quotations, and words woven into the writer's own sentence
//! (`said the deal was "a disaster for workers"`, `called it "weak"`), which are partial
//! quotations. Whole quotations stand as what someone said: opening a sentence or paragraph,
//! or introduced by punctuation (`X said, "` / `X: "`) or straight after a speech verb. A
//! passage interrupted by its attribution (`"A," she said. "B."`) is one quotation in two
//! fragments.

use crate::lexicon::Lexicon;
use crate::marks::Passage;
use crate::speaker::Context;
use crate::words::Kind;
use newsgraph_model::Span;

/// A passage opening with a small letter (a fragment of the writer's sentence) needs this many
/// words to be kept.
const MIN_WORDS_LOWERCASE: usize = 5;
/// A title-case passage this short is a title or a name ("Saturday Night Live").
const MAX_TITLE_WORDS: usize = 7;
/// Longest attribution between two fragments of one quotation, in tokens.
const MAX_GAP_TOKENS: usize = 40;

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| w.chars().any(char::is_alphanumeric))
}

/// Number of words in `s`.
pub fn word_count(s: &str) -> usize {
    words(s).count()
}

/// A short phrase with its words capitalised and no closing punctuation: a title or a name.
fn is_title(content: &str) -> bool {
    // One word past the most a title may have is enough to tell it is none.
    let ws: Vec<&str> = words(content).take(MAX_TITLE_WORDS + 1).collect();
    if ws.is_empty() || ws.len() > MAX_TITLE_WORDS || content.ends_with(['.', '?', '!', ',']) {
        return false;
    }
    let capital = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    // Small lower-case words ("of", "the", "and") are allowed inside a title, but most words
    // are capitalised ("The Art of the Deal"), which a sentence like "He is not here" is not.
    let capitals = ws.iter().filter(|w| capital(w)).count();
    capital(ws[0])
        && ws.iter().all(|w| capital(w) || w.chars().count() <= 4)
        && capitals >= 2
        && capitals * 5 >= ws.len() * 3
}

/// The word right before the opening mark, when nothing but spaces stands between them.
fn word_before<'a>(text: &'a str, p: &Passage) -> Option<&'a str> {
    let before = text[p.paragraph.start..p.open].trim_end_matches([' ', '\t']);
    let last = before.chars().next_back()?;
    if !last.is_alphanumeric() {
        return None;
    }
    before.rsplit(|c: char| c.is_whitespace()).next()
}

/// What a passage is, on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// A quotation.
    Quote,
    /// Words that go on with the writer's sentence: the later fragment of an interrupted
    /// quotation (`"A," she said, "and B."`), else a partial quotation.
    FragmentOnly,
    /// Words woven into the writer's sentence (`said the deal was "a disaster for workers"`,
    /// `a "secret source"`): a partial quotation.
    Partial,
    /// Not a quotation: a title, a name, a headline.
    Not,
}

/// Whether a passage is a quotation (alone, before joining fragments).
pub fn judge(lex: &Lexicon, text: &str, p: &Passage) -> Verdict {
    let content = &text[p.content.start..p.content.end];
    // Counted up to MIN_WORDS_LOWERCASE: past it only "enough words" matters below.
    let count = words(content).take(MIN_WORDS_LOWERCASE).count();
    let starts_lower = content
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_lowercase);
    // One capitalised word is a name ("Motorola"), a few capitalised ones a title; one word
    // in small letters is a word borrowed from someone ('he was "shocked"').
    // Set inside the writer's sentence, a title keeps the comma American style puts inside
    // the marks (`on "Face the Nation," Ryan said`).
    let in_sentence = word_before(text, p).is_some();
    let title = is_title(content) || (in_sentence && is_title(content.trim_end_matches(',')));
    if count == 0 || (count == 1 && !starts_lower) || title {
        return Verdict::Not;
    }
    if count == 1 {
        return Verdict::Partial;
    }
    // A word in capitals before the mark ends a headline, not the writer's sentence.
    let headline = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    if let Some(word) = word_before(text, p).filter(|w| !headline(w)) {
        // Inside the writer's sentence, only `said "We will..."` is a quotation.
        let handed_over = lex.is_verb(word) && (!starts_lower || count >= MIN_WORDS_LOWERCASE);
        return if handed_over {
            Verdict::Quote
        } else {
            Verdict::Partial
        };
    }
    // A passage opening with a small letter goes on with the writer's sentence, unless a
    // speech verb hands over to it (`he said, "there was never any question"`).
    if !starts_lower || (count >= MIN_WORDS_LOWERCASE && verb_before_punctuation(lex, text, p)) {
        Verdict::Quote
    } else {
        Verdict::FragmentOnly
    }
}

/// Whether the clause ending in a comma or colon right before the opening mark attributes
/// what follows: it ends with a speech verb (`he said, "`) or opens with "according to".
fn verb_before_punctuation(lex: &Lexicon, text: &str, p: &Passage) -> bool {
    let before = text[p.paragraph.start..p.open].trim_end();
    let Some(before) = before.strip_suffix([',', ':']) else {
        return false;
    };
    let clause = before.rsplit([',', '.', ';', '—']).next().unwrap_or("");
    let mut clause_words = words(clause);
    let first = clause_words.next().unwrap_or("");
    let last = clause_words.last().unwrap_or(first);
    lex.is_verb(last) || first.eq_ignore_ascii_case("according")
}

/// Whether passage `b` continues the quotation of passage `a` across an attribution between
/// them (`"A," she said. "B."`): same paragraph, a short gap holding a speech verb and no
/// sentence of its own, and `b` not attributed again after it.
pub fn continues(ctx: &Context, a: &Passage, b: &Passage, b_limit: usize) -> bool {
    if a.paragraph != b.paragraph || !a.closed {
        return false;
    }
    let gap = Span::new(a.after, b.open);
    let toks = ctx.toks_all(gap);
    if toks.is_empty() || toks.len() > MAX_GAP_TOKENS || toks.iter().any(|t| t.kind == Kind::Mark) {
        return false;
    }
    let inner_stop = (0..toks.len().saturating_sub(1)).any(|k| ctx.ends_sentence(&toks, k));
    // A second verb introducing `b` (`said, adding, "`) starts a second quotation.
    let verbs = toks
        .iter()
        .filter(|t| t.is_word() && ctx.lex.is_verb(&ctx.text[t.span.start..t.span.end]))
        .count();
    let reintroduced = verbs > 1 && ctx.before(a.after, b.open, 2).is_some();
    // The first fragment leaves its sentence open (`"A," she said`), else the gap is a new
    // sentence that merely introduces the next quotation.
    let a_text = ctx.text[a.content.start..a.content.end].trim_end_matches(['"', '\'', '’']);
    let a_open =
        !a_text.ends_with(['.', '?', '!']) || toks.first().is_some_and(|t| t.is_punct(','));
    if inner_stop || reintroduced || !a_open || ctx.after(a.after, b.open).is_none() {
        return false;
    }
    !b.closed || ctx.after(b.after, b_limit).is_none()
}
