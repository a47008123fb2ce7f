//! Direct quotations (straight, curly, nested, running over paragraphs) and their speakers.
//!
//! The `quotes` stage reads the clean text, the sentences and the entities, and assigns
//! [`Document::quotes`]: one [`Quote`] per direct quotation, with the entity that said it.
//!
//! How it works, module by module:
//! - [`marks`] finds every double-quoted passage (straight or curly marks, nested quotations,
//!   mistyped marks; a passage left open ends with its paragraph).
//! - [`select`] keeps the passages that are quotations (not scare quotes, titles or borrowed
//!   phrases) and joins the fragments of a quotation interrupted by its attribution.
//! - [`speaker`] reads the attribution clause next to each quotation (a speech verb from
//!   `data/speech-verbs.tsv` and the words naming the speaker) and resolves those words to an
//!   entity: a mention directly, a pronoun or role noun (`data/speaker-nouns.tsv`) through the
//!   nearest earlier sentence that names an entity of the right type, speaker words the entity
//!   layer did not mark through a word of an entity's name ("Espinoza" for "Marianne Espinoza").
//! - A passage with no attribution of its own that goes on from the previous quotation (the
//!   same paragraph, or the next one) is joined to it: one quotation in several fragments
//!   ([`Quote::parts`]), as a quotation running over several paragraphs is.
//! - [`lexicon`] holds the word lists, compiled once when the stage is built, and [`words`] the
//!   view of the document's tokens the others share.
//!
//! What this stage does not do: it never adds or changes entities. When the words naming the
//! speaker are no entity of the document, `Quote::speaker` stays `None` and
//! `Quote::speaker_span` still points at those words.
//!
//! Sentences and tokens are optional in practice: a document without them (the stage run
//! alone) is segmented with the one tokenizer, the `segment` stage's.

pub mod lexicon;
pub mod marks;
pub mod resolve;
pub mod select;
pub mod speaker;
pub mod words;

use lexicon::Lexicon;
use marks::Passage;
use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::{Document, Layer, Quote, Span, Stage, StageError};
use newsgraph_text::Segmenter;
use select::Verdict;
use speaker::{Attribution, Context, Naming};

/// How many tokens before an opening mark a speech verb may stand (`Obama told CNN on Sunday, "`).
const VERB_REACH_BEFORE: usize = 14;
/// How far back a colon introduction may reach for its verb (`..., Pollak observed:`).
const VERB_REACH_COLON: usize = 40;

/// A quotation with no attribution and no speaker before it needs this many words to be kept.
const MIN_WORDS_UNATTRIBUTED: usize = 6;

/// The quotes stage, with its word lists.
pub struct QuoteStage {
    lexicon: Lexicon,
    /// Sentences and tokens for a document the `segment` stage did not see.
    segmenter: Segmenter,
}

impl QuoteStage {
    /// The stage with the knowledge of `k`.
    pub fn new(k: &Knowledge) -> Result<QuoteStage, KnowledgeError> {
        Ok(QuoteStage {
            lexicon: Lexicon::new(k)?,
            segmenter: newsgraph_text::segmenter(k)?,
        })
    }

    /// The direct quotations of a document, with their speakers.
    pub fn find_quotes(&self, doc: &Document) -> Vec<Quote> {
        find_quotes(&self.lexicon, &self.segmenter, doc)
    }
}

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[
            Layer::Text,
            Layer::Sentences,
            Layer::Tokens,
            Layer::Entities,
        ]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.quotes = self.find_quotes(doc);
        Ok(())
    }
}

/// This crate's stages, in the order the pipeline runs them. Knowledge is compiled here, once.
pub fn stages(k: &Knowledge) -> Result<Vec<Box<dyn Stage>>, KnowledgeError> {
    Ok(vec![Box::new(QuoteStage::new(k)?)])
}

/// Where the attribution after passage `i` may reach: the next passage or the paragraph end.
fn limit_after(passages: &[Passage], i: usize) -> usize {
    let p = &passages[i];
    passages
        .get(i + 1)
        .map_or(p.paragraph.end, |n| n.open.min(p.paragraph.end))
}

/// Whether only white space stands between the paragraph start and the opening mark.
fn opens_paragraph(text: &str, p: &Passage) -> bool {
    text[p.paragraph.start..p.open].trim().is_empty()
}

/// Whether the paragraph of `p` comes right after `paragraph`.
fn adjoins(text: &str, paragraph: Span, p: &Passage) -> bool {
    paragraph.end <= p.paragraph.start && text[paragraph.end..p.paragraph.start].trim().is_empty()
}

/// How many words may stand between a woven quotation's closing mark and the verb after it
/// for that verb to attribute it (`"..." he said`).
const WOVEN_VERB_AFTER: usize = 3;

/// How many sentence starts may stand between one quotation and the next for the next to go
/// on from it (more of the same quotation, or "he said" meaning the same speaker): in a text
/// whose paragraphs were flattened into one line, "the same paragraph" says nothing.
const NEAR_SENTENCES: usize = 2;

/// The direct quotations of a document, with their speakers.
fn find_quotes(lex: &Lexicon, segmenter: &Segmenter, doc: &Document) -> Vec<Quote> {
    let text = doc.text.as_str();
    let passages = marks::find_passages(text);
    if passages.is_empty() {
        return Vec::new();
    }
    let ctx = Context::new(lex, segmenter, doc, &passages);
    let verdicts: Vec<Verdict> = passages
        .iter()
        .map(|p| select::judge(lex, text, p))
        .collect();

    // Group kept passages into quotations (fragments of one interrupted quotation together,
    // and the passages of one quotation running over flattened paragraphs).
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, passage) in passages.iter().enumerate() {
        let verdict = verdicts[i];
        if verdict == Verdict::Not {
            continue;
        }
        if let Some(group) = groups.last_mut() {
            let last = group[group.len() - 1];
            let whole = |v: Verdict| v != Verdict::Partial;
            if last + 1 == i
                && (passages[last].run_on
                    || (whole(verdicts[last])
                        && whole(verdict)
                        && select::continues(
                            &ctx,
                            &passages[last],
                            passage,
                            limit_after(&passages, i),
                        )))
            {
                group.push(i);
                continue;
            }
        }
        groups.push(vec![i]);
    }

    let mut quotes: Vec<Quote> = Vec::with_capacity(groups.len());
    // (last passage index, paragraph, quote index) of the previous whole quotation.
    let mut previous: Option<(usize, Span, usize)> = None;
    for group in &groups {
        let (first_i, last_i) = (group[0], group[group.len() - 1]);
        let (first, last) = (&passages[first_i], &passages[last_i]);
        let partial = group.len() == 1
            && matches!(verdicts[first_i], Verdict::Partial | Verdict::FragmentOnly)
            && !stands_whole(&ctx, &passages, first_i);
        // The previous whole quotation, when this one may go on from it: the same paragraph
        // or the next, and no more than a sentence or two away.
        let near_previous = previous.filter(|&(prev_i, prev_para, _)| {
            (prev_para == first.paragraph || adjoins(text, prev_para, first))
                && ctx.sentences_between(passages[prev_i].after, first.open) <= NEAR_SENTENCES
        });

        let mut attribution = if partial {
            attribute_woven(&ctx, &passages, first_i)
        } else {
            attribute(&ctx, &passages, group)
        };
        if let (None, false, Some((prev_i, prev_para, q))) = (attribution, partial, near_previous) {
            // No attribution of its own: a passage that goes on from the previous quotation (in
            // the same paragraph, or opening the next one) is more of the same quotation, as a
            // quotation running over several paragraphs is, whether or not the writer left the
            // earlier paragraph open.
            let adjacent = prev_para == first.paragraph
                || (opens_paragraph(text, first) && adjoins(text, prev_para, first));
            // Passages between them that are whole quotations part them.
            let between_kept = (prev_i + 1..first_i).any(|i| verdicts[i] == Verdict::Quote);
            if adjacent && !between_kept {
                if let Some(q) = quotes.get_mut(q) {
                    if q.parts.is_empty() {
                        q.parts.push(q.span);
                    }
                    q.parts.extend(group.iter().map(|&i| passages[i].content));
                    q.span.end = last.content.end;
                    previous = previous.map(|(_, _, q)| (last_i, last.paragraph, q));
                    continue;
                }
            }
        }
        if attribution.is_none() && !partial {
            attribution = attribute_from_sentence_before(&ctx, &passages, &verdicts, first_i);
        }
        let mut speaker = None;
        let mut speaker_span = None;
        let mut verb = None;
        if let Some(a) = attribution {
            verb = (!a.verb.is_empty()).then(|| text[a.verb.start..a.verb.end].to_lowercase());
            if let Some(naming) = a.naming {
                speaker_span = Some(naming.span());
                // "he said" right after someone's quotation (in the same sentence or the next)
                // most often goes on with the same person, even when the sentence before names
                // somebody else.
                let previous_speaker = near_previous
                    .filter(|&(prev_i, _, _)| {
                        ctx.sentences_between(passages[prev_i].after, first.open) <= 1
                    })
                    .and_then(|(_, _, q)| quotes[q].speaker);
                speaker = match naming {
                    Naming::Stand { ty, .. } => previous_speaker
                        .filter(|&e| doc.entities.get(e).is_some_and(|e| e.kind_type == ty))
                        .or_else(|| ctx.speaker_of(&naming, first.open)),
                    _ => ctx.speaker_of(&naming, first.open),
                };
            }
        }

        // A short passage nobody is said to have said is a slogan, a sign or a title.
        let unattributed = attribution.is_none();
        if !partial
            && unattributed
            && group.len() == 1
            && select::word_count(&text[first.content.start..first.content.end])
                < MIN_WORDS_UNATTRIBUTED
        {
            continue;
        }
        let parts: Vec<Span> = if group.len() > 1 {
            group.iter().map(|&i| passages[i].content).collect()
        } else {
            Vec::new()
        };
        if !partial {
            previous = Some((last_i, last.paragraph, quotes.len()));
        }
        quotes.push(Quote {
            span: Span::new(first.content.start, last.content.end),
            parts,
            speaker,
            speaker_span,
            verb,
            partial,
        });
    }
    quotes
}

/// Whether a passage set after a word is still a whole quotation: it opens with a capital,
/// ends its own clause inside the marks and an attribution follows (`"Most of the town is
/// ours," a commander said`). In scraped text the words before it are most often a headline
/// or a caption run into the paragraph (`READ MORE: Talks collapse "We ...`).
fn stands_whole(ctx: &Context, passages: &[Passage], i: usize) -> bool {
    let p = &passages[i];
    let content = &ctx.text[p.content.start..p.content.end];
    let capital = content
        .chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(char::is_uppercase);
    capital
        && p.closed
        && content.ends_with([',', '?', '!'])
        && ctx
            .after(p.after, limit_after(passages, i))
            .is_some_and(|a| a.naming.is_some())
}

/// The attribution of a quotation that opens a sentence of its own, with none around it, in
/// the sentence right before it: `..., the army chief said in a statement. "No more restraint
/// for anyone."` / `Lee said the bridge would reopen in May. "We have the money."`. That
/// sentence must hold no whole quotation itself (then the passage goes on with that one); a
/// title, a scare quote or a woven quotation in it leaves its attribution to this one
/// (`..., Hurd told ABC's "This Week". "And it's not just sorry to Obama."`).
fn attribute_from_sentence_before(
    ctx: &Context,
    passages: &[Passage],
    verdicts: &[Verdict],
    i: usize,
) -> Option<Attribution> {
    let p = &passages[i];
    let start = ctx.sentence_start(p.open);
    let opens_sentence = ctx.text.get(start..p.open).is_some_and(|gap| {
        gap.trim_matches(|c: char| c.is_whitespace() || c == '-')
            .is_empty()
    });
    if !opens_sentence || start == 0 {
        return None;
    }
    let before = ctx.sentence_start(start - 1);
    let whole_quotation_in = |from: usize, to: usize| {
        passages
            .iter()
            .zip(verdicts)
            .any(|(q, &v)| q.open >= from && q.open < to && v == Verdict::Quote)
    };
    if before >= start || whole_quotation_in(before, start) {
        return None;
    }
    // The sentence without its closing stop, dash or colon.
    let sentence = ctx.text.get(before..start)?;
    let end = before
        + sentence
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ':' | '-'))
            .len();
    let named = |a: &Attribution| a.naming.is_some();
    if passages.iter().any(|q| q.open >= before && q.open < start) {
        // Its quoted words (a title, a scare quote) are no part of the writer's clause.
        return ctx.woven(before, end).filter(named);
    }
    let tail_comma = ctx.text.get(before..end)?.rfind(',').map(|c| before + c);
    tail_comma
        .and_then(|comma| ctx.after(comma, end).filter(named))
        .or_else(|| ctx.before(before, end, VERB_REACH_BEFORE).filter(named))
}

/// The attribution of a quotation woven into the writer's sentence (passage `i`): the speech
/// or naming verb of its sentence before it, else an attribution right after it (`as a
/// "precaution," said a police source`).
fn attribute_woven(ctx: &Context, passages: &[Passage], i: usize) -> Option<Attribution> {
    let p = &passages[i];
    let from = p.paragraph.start.max(ctx.sentence_start(p.open));
    let before = ctx.woven(from, p.open);
    if before.is_some_and(|a| a.naming.is_some()) {
        return before;
    }
    let named = |a: &Attribution| a.naming.is_some();
    // A quotation that ends its clause (`"...," said X`), or one the verb follows at once
    // (`"..." he said`), takes what follows it.
    let content = ctx.text[p.content.start..p.content.end].trim_end_matches(['\'', '’']);
    let ends_clause = content.ends_with([',', '.', '?', '!'])
        || ctx.text[p.after..].trim_start().starts_with(',');
    if p.closed {
        if let Some(after) = ctx.after(p.after, limit_after(passages, i)).filter(named) {
            let words_before_verb = ctx
                .text
                .get(p.after..after.verb.start)
                .map_or(usize::MAX, |gap| gap.split_whitespace().count());
            if ends_clause || words_before_verb <= WOVEN_VERB_AFTER {
                return Some(after);
            }
        }
    }
    // The attribution closing the sentence: `"throughout 2016" on Aleppo, ..., the report
    // said.` / `..., according to the inquiry.`
    if let Some(end) = ctx.sentence_end(p.after) {
        let tail = ctx.text.get(p.after..end).unwrap_or("");
        if let Some(comma) = tail.rfind(',') {
            let at = p.after + comma;
            let later_mark = ctx.text[at..end].contains(['"', '“', '”']);
            if !later_mark {
                if let Some(last) = ctx.after(at, end).filter(named) {
                    return Some(last);
                }
            }
        }
    }
    before
}

/// The attribution of a quotation made of `group` passages: in the gap between fragments, after
/// the last one, before the first one, or in a colon-ended sentence introducing its paragraph.
/// One that names somebody wins over one whose verb has no recognizable speaker.
fn attribute(ctx: &Context, passages: &[Passage], group: &[usize]) -> Option<Attribution> {
    let text = ctx.text;
    let (first_i, last_i) = (group[0], group[group.len() - 1]);
    let (first, last) = (&passages[first_i], &passages[last_i]);
    let mut found: Vec<Attribution> = Vec::with_capacity(4);

    if group.len() > 1 {
        found.extend(ctx.after(passages[group[0]].after, passages[group[1]].open));
    }
    if last.closed {
        found.extend(ctx.after(last.after, limit_after(passages, last_i)));
    }
    let mut from = first.paragraph.start.max(ctx.sentence_start(first.open));
    if first_i > 0 {
        from = from.max(passages[first_i - 1].after.min(first.open));
    }
    found.extend(ctx.before(from, first.open, VERB_REACH_BEFORE));

    if found.is_empty() && opens_paragraph(text, first) {
        // A colon closing the previous paragraph introduces this one: `... Pollak observed:`.
        let before = text[..first.paragraph.start].trim_end();
        if before.ends_with(':') {
            let colon = before.len() - 1;
            found.extend(ctx.before(ctx.sentence_start(colon), colon + 1, VERB_REACH_COLON));
        }
    }
    let names =
        |a: &&Attribution| matches!(a.naming, Some(Naming::Entity { .. } | Naming::Stand { .. }));
    found.iter().find(names).or(found.first()).copied()
}
