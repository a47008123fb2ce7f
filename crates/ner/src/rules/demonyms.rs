//! Demonyms ("Turkish", "Russian"): whether an adjective of nationality is a mention of its
//! country is a convention of the gold set, not a fact of the text. CoNLL-2003, OntoNotes and
//! intl-news-dev tag it MISC or nothing; TR-News annotates it as a toponym. [`Demonyms`] is
//! that switch; whatever it says, a plural ("Russians": people), a classifying adjective ("is
//! a German novelist"), a people ("fought the British ,") and the opening word of a longer
//! name ("French Revolution") stand for no country.

use super::listed::trim_article;
use super::{sort, Context, Mention, Reads};
use crate::gazetteer::Ref;
use newsgraph_model::{EntityType, Span};

/// Places of at least this many people, named in an article, set it in their country (for
/// demonyms: "Turkish" in an article about Istanbul is Turkey).
const SETTING_POPULATION: u64 = 1_000_000;

/// Whether a demonym adjective is a mention of its country.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Demonyms {
    /// In an article set in the country (it names the country or one of its big places).
    #[default]
    InSetting,
    /// Never: CoNLL-2003's and intl-news-dev's convention.
    Never,
    /// Always, as TR-News annotates adjectival toponyms.
    Places,
}

rule!(
    /// "the Turkish government": a demonym adjective as a mention of its country, as the
    /// [`Demonyms`] switch says.
    DemonymPlaces,
    "demonyms",
    [Reads::Hits, Reads::Misc, Reads::Gazetteer, Reads::Words("definition-words.tsv"), Reads::Words("stopwords.tsv")],
    |cx, found| {
        add_demonyms(cx, &mut found.mentions, &found.misc);
    }
);

rule!(
    /// "French Revolution", "Dutch Government before": a demonym opening a longer name names
    /// no country.
    DemonymsOpeningNames,
    "demonyms_opening_names",
    [Reads::Gazetteer, Reads::Words("ner-words.tsv"), Reads::Words("stopwords.tsv")],
    |cx, found| {
        drop_demonyms_opening_names(cx, &mut found.mentions);
    }
);

/// Add the demonym hits that stand for their country (see [`Demonyms`]).
fn add_demonyms(cx: &Context, mentions: &mut Vec<Mention>, misc: &[Span]) {
    if cx.demonyms == Demonyms::Never {
        return;
    }
    let (gaz, text) = (cx.gaz, cx.text);
    let before = mentions.len();
    for h in cx.hits {
        let span = trim_article(text, h.span);
        if mentions[..before].iter().any(|m| m.span.overlaps(span)) {
            continue;
        }
        let refs = gaz.refs(h.form);
        let Some(Ref::Demonym(i)) = refs.iter().copied().find(|r| {
            matches!(
                r,
                Ref::Country(_) | Ref::Org(_) | Ref::Person(_) | Ref::Demonym(_)
            )
        }) else {
            continue;
        };
        // A MISC name holding the demonym wins ("French Open"); the demonym alone tagged
        // MISC does not.
        if misc.iter().any(|m| m.overlaps(span) && *m != span) {
            continue;
        }
        // "Russians" are people, not the place; "Russian" (the adjective) stands for it.
        let form = &text[span.start..span.end];
        let plural = form
            .strip_suffix('s')
            .is_some_and(|singular| gaz.lookup(singular).contains(&Ref::Demonym(i)))
            || form.ends_with("men");
        if plural
            || classifies(cx, span.start)
            || names_people(cx, span)
            || (cx.demonyms == Demonyms::InSetting && !set_in(cx, i))
        {
            continue;
        }
        let mut m = Mention::new(span, EntityType::Location);
        m.target = Some(Ref::Country(i));
        mentions.push(m);
    }
    if mentions.len() > before {
        sort(mentions);
    }
}

/// Is the article set in country `i`: does it name the country, or one of its places of at
/// least [`SETTING_POPULATION`] people by that place's own name?
///
/// A demonym adjective ("the Turkish government", "Russian jets") is then one more mention of
/// that country, the way "the Kremlin's country" is a mention of Russia. Elsewhere ("German
/// Michael Schumacher won" in a results table) it only describes, and stays out: CoNLL-2003
/// tags such words MISC, TR-News tags them as toponyms (measured on dev: demonyms everywhere
/// cost CoNLL 3.1 points for TR-News +9.6; only in an article set in the country, CoNLL -2.4
/// for +8.2).
fn set_in(cx: &Context, i: u32) -> bool {
    let (gaz, text, hits) = (cx.gaz, cx.text, cx.hits);
    let Some(country) = gaz.countries.get(i as usize) else {
        return false;
    };
    hits.iter().any(|h| {
        gaz.refs(h.form).iter().any(|r| match r {
            Ref::Country(c) => *c == i,
            Ref::Place(p) => gaz.places.get(*p as usize).is_some_and(|place| {
                place.country == country.iso2
                    && place.population >= SETTING_POPULATION
                    && text.get(h.span.start..h.span.end) == Some(place.name)
            }),
            _ => false,
        })
    })
}

/// "Ben Stoloff was an American film director", "Daniel Segal is a British mathematician": a
/// demonym in the noun phrase after a copula and "a"/"an" classifies the subject (a nationality,
/// CoNLL's MISC), rather than standing for its country the way "the Turkish government" does.
fn classifies(cx: &Context, at: usize) -> bool {
    let (lex, text) = (cx.lex, cx.text);
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let mut words = text[line_start..at].split_whitespace().rev();
    // Up to three modifiers between the article and the demonym ("a former", "an English born",
    // "a German and"), no preposition ("a summary of major Indonesian ...").
    for _ in 0..4 {
        match words.next() {
            Some("a" | "an") => {
                return words.next().is_some_and(|w| {
                    lex.definitions.is_copula(w) || lex.definitions.is_auxiliary(w)
                })
            }
            Some(w)
                if w.chars().all(|c| c.is_alphanumeric() || c == '-')
                    && (!lex.definitions.is_function_word(w) || matches!(w, "and" | "or")) => {}
            _ => return false,
        }
    }
    false
}

/// "fought against the British ,", "give the Irish their biggest win": "the" and a demonym with
/// no noun after it are that people, not its country.
fn names_people(cx: &Context, span: Span) -> bool {
    let (lex, text) = (cx.lex, cx.text);
    let next = text[span.end..].trim_start_matches(' ');
    let next_word = super::leading_word(next);
    let the = text[..span.start].strip_suffix(' ').is_some_and(|before| {
        before.ends_with(" the") || before == "The" || before.ends_with("\nThe")
    });
    the && (next.starts_with([',', '.', ';', ')'])
        || (lex.definitions.is_function_word(next_word) && !matches!(next_word, "and" | "or")))
}

/// "French Revolution", "Dutch Government before", "Canadian Geographic ,": a demonym left
/// standing before more capitalised words that end a name (no lower-case noun follows them, as
/// in "Turkish TV channels") opens that name, a work or body the tagger did not take whole; it
/// names no country. An office after it is no name ("Turkish Foreign Minister").
fn drop_demonyms_opening_names(cx: &Context, mentions: &mut Vec<Mention>) {
    let (lex, gaz, text) = (cx.lex, cx.gaz, cx.text);
    let opens_a_name = |m: &Mention| {
        if !matches!(m.target, Some(Ref::Country(_))) || !text[m.span.end..].starts_with(' ') {
            return false;
        }
        let mut words = text[m.span.end..].split(' ').skip(1).peekable();
        let mut run = 0;
        while let Some(w) = words.next_if(|w| w.starts_with(char::is_uppercase)) {
            if lex.names.is_title(w.trim_end_matches(['.', ','])) {
                return false;
            }
            run += 1;
            if run == 4 || w.ends_with([',', '.']) {
                break;
            }
        }
        let after = words.next().unwrap_or("");
        let content_word = after.starts_with(char::is_lowercase)
            && !lex.definitions.is_function_word(after)
            && !matches!(after, "and" | "or");
        run > 0
            && !content_word
            && gaz
                .lookup(&text[m.span.start..m.span.end])
                .iter()
                .any(|r| matches!(r, Ref::Demonym(_)))
    };
    mentions.retain(|m| !opens_a_name(m));
}
