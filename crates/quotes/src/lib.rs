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
//! - [`lexicon`] and [`words`] hold the word lists and the light tokenizer the others share.
//!
//! What this stage does not do: it never adds or changes entities. When the words naming the
//! speaker are no entity of the document, `Quote::speaker` stays `None` and
//! `Quote::speaker_span` still points at those words.
//!
//! Sentences and tokens are optional in practice: with an empty sentence layer the stage splits
//! sentences itself, and it tokenizes the few words it reads around each quotation.

pub mod lexicon;
pub mod marks;
pub mod select;
pub mod speaker;
pub mod words;

use marks::Passage;
use newsgraph_model::{Document, Layer, Quote, Span, Stage, StageError};
use select::Verdict;
use speaker::{Attribution, Context, Naming};

/// How many tokens before an opening mark a speech verb may stand (`Obama told CNN on Sunday, "`).
const VERB_REACH_BEFORE: usize = 14;
/// How far back a colon introduction may reach for its verb (`..., Pollak observed:`).
const VERB_REACH_COLON: usize = 40;

/// A quotation with no attribution and no speaker before it needs this many words to be kept.
const MIN_WORDS_UNATTRIBUTED: usize = 6;

/// The quotes stage.
pub struct QuoteStage;

impl Stage for QuoteStage {
    fn name(&self) -> &'static str {
        "quotes"
    }
    fn requires(&self) -> &'static [Layer] {
        &[Layer::Sentences, Layer::Tokens, Layer::Entities]
    }
    fn assigns(&self) -> &'static [Layer] {
        &[Layer::Quotes]
    }
    fn run(&self, doc: &mut Document) -> Result<(), StageError> {
        doc.quotes = find_quotes(doc);
        Ok(())
    }
}

/// This crate's stages, in the order the pipeline runs them.
pub fn stages() -> Vec<Box<dyn Stage>> {
    vec![Box::new(QuoteStage)]
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

/// The direct quotations of a document, with their speakers.
pub fn find_quotes(doc: &Document) -> Vec<Quote> {
    let text = doc.text.as_str();
    let passages = marks::find_passages(text);
    if passages.is_empty() {
        return Vec::new();
    }
    let ctx = Context::new(doc, &passages);

    // Group kept passages into quotations (fragments of one interrupted quotation together).
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (i, passage) in passages.iter().enumerate() {
        let verdict = select::judge(text, passage);
        if verdict == Verdict::Not {
            continue;
        }
        if let Some(group) = groups.last_mut() {
            let last = group[group.len() - 1];
            if last + 1 == i
                && select::continues(&ctx, &passages[last], passage, limit_after(&passages, i))
            {
                group.push(i);
                continue;
            }
        }
        if verdict == Verdict::FragmentOnly {
            continue;
        }
        groups.push(vec![i]);
    }

    let mut quotes: Vec<Quote> = Vec::with_capacity(groups.len());
    let mut previous: Option<(usize, Span)> = None; // (last passage index, paragraph) of the previous quote
    for group in &groups {
        let (first_i, last_i) = (group[0], group[group.len() - 1]);
        let (first, last) = (&passages[first_i], &passages[last_i]);

        let attribution = attribute(&ctx, &passages, group);
        let mut speaker = None;
        let mut speaker_span = None;
        let mut verb = None;
        if let Some(a) = attribution {
            verb = (!a.verb.is_empty()).then(|| text[a.verb.start..a.verb.end].to_lowercase());
            if let Some(naming) = a.naming {
                speaker_span = Some(naming.span());
                // "he said" right after someone's quotation most often goes on with the same
                // person, even when the sentence before names somebody else.
                let previous_speaker = previous
                    .filter(|&(_, prev_para)| {
                        prev_para == first.paragraph || adjoins(text, prev_para, first)
                    })
                    .and_then(|_| quotes.last())
                    .and_then(|q| q.speaker);
                speaker = match naming {
                    Naming::Stand { ty, .. } => previous_speaker
                        .filter(|&e| doc.entities.get(e).is_some_and(|e| e.kind_type == ty))
                        .or_else(|| ctx.speaker_of(&naming, first.open)),
                    _ => ctx.speaker_of(&naming, first.open),
                };
            }
        } else if let Some((prev_i, prev_para)) = previous {
            // No attribution of its own: a passage that goes on from the previous quotation (in
            // the same paragraph, or opening the next one) is more of the same quotation, as a
            // quotation running over several paragraphs is, whether or not the writer left the
            // earlier paragraph open.
            let adjacent = prev_para == first.paragraph
                || (opens_paragraph(text, first) && adjoins(text, prev_para, first));
            // Passages between them that are no quotations (a show's title) do not part them.
            let between_kept =
                (prev_i + 1..first_i).any(|i| select::judge(text, &passages[i]) == Verdict::Quote);
            if adjacent && !between_kept {
                if let Some(q) = quotes.last_mut() {
                    if q.parts.is_empty() {
                        q.parts.push(q.span);
                    }
                    q.parts.extend(group.iter().map(|&i| passages[i].content));
                    q.span.end = last.content.end;
                    previous = Some((last_i, last.paragraph));
                    continue;
                }
            }
        }

        // A short passage nobody is said to have said is a slogan, a sign or a title.
        let unattributed = verb.is_none() && speaker_span.is_none();
        if unattributed
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
        quotes.push(Quote {
            span: Span::new(first.content.start, last.content.end),
            parts,
            speaker,
            speaker_span,
            verb,
            partial: false,
        });
        previous = Some((last_i, last.paragraph));
    }
    quotes
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
