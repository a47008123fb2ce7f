//! What the text says a name is: a sentence that defines a name types that name everywhere in
//! the document, and a kind noun ending a name types the name itself.
//!
//! "6PR is a radio station", "Crazyhead are an English punk band", "Fairfax Media, an
//! Australian media company", "the band Orgy": the noun that heads the definition
//! (`data/kind-nouns.tsv`) is better evidence of the name's type than the tagger's guess from
//! its spelling, and one definition serves every later occurrence, including the ones the
//! tagger missed ("6PR" twenty times over). A kind that is no person, organisation or place
//! (an album, a convention, a people) takes the name out of the entities instead.
//!
//! Four patterns, all local to one sentence:
//! - copula: `NAME [( ALIAS )] is|are|was|were [adverb] [one of] a|an|the ... HEAD`, with NAME
//!   opening the sentence;
//! - participle: `NAME is|was owned|founded|born|located ...` (a participle that fits one
//!   type only);
//! - apposition: `MENTION , a|an ... HEAD`;
//! - title noun: `... HEAD MENTION` ("the band Orgy", "electrical company Nicholson's").
//!
//! HEAD is the last word before a preposition, a relative pronoun or punctuation, so "an
//! alternative rock band from Los Angeles" is headed by "band" and "a rock band manager" by
//! "manager".
//!
//! The same nouns as the last word of a name type the name itself
//! ([`apply_last_word_kinds`]: "Dave Matthews Band", "Reading Festival"), and word endings
//! listed there ("-ism") mark doctrines, which are no entity.

use super::{sort, token_range, Context, Mention, Reads};
use crate::gazetteer::Ref;
use crate::lexicon::{DefinitionWords, Kind};
use newsgraph_model::{EntityType, Span, Token};

rule!(
    /// "Reading Festival", "Dave Matthews Band", "Port of Liverpool", "KO": a kind noun as a
    /// name's last word (or first, before "of") types it, or takes it out of the entities.
    LastWordKinds,
    "last_word_kinds",
    [Reads::Misc, Reads::Words("kind-nouns.tsv"), Reads::Words("ner-words.tsv")],
    |cx, found| {
        apply_last_word_kinds(cx, &mut found.mentions, &mut found.misc);
    }
);

rule!(
    /// "6PR is a radio station", "Fairfax Media, an Australian media company", "the band Orgy":
    /// a definition types the name at every occurrence (or drops a work or an event).
    Definitions,
    "definitions",
    [
        Reads::Tokens,
        Reads::Misc,
        Reads::Gazetteer,
        Reads::Words("kind-nouns.tsv"),
        Reads::Words("definition-words.tsv"),
        Reads::Words("place-words.tsv"),
    ],
    |cx, found| {
        let listed = |name: &str| {
            cx.gaz
                .lookup(name)
                .iter()
                .any(|r| matches!(r, Ref::Country(_) | Ref::Org(_) | Ref::Person(_)))
        };
        apply_definitions(cx, &mut found.mentions, &mut found.misc, &listed);
    }
);

/// A name of two or more words ending in a kind noun says what it is: "Reading Festival" and
/// "Outland Trophy" are no entity, "Business Developer" is a job, not a person, and "Dave
/// Matthews Band" or "Atlantic City Hospital" is an organisation whatever the tagger made of
/// it ("Mark Hopkins Hotel" is no person either). Nouns marked `not_last` in the file are left
/// out ("Ohio State" is a team).
pub(crate) fn apply_last_word_kinds(
    cx: &Context,
    mentions: &mut Vec<Mention>,
    misc: &mut Vec<Span>,
) {
    let (lex, text) = (cx.lex, cx.text);
    let table = &lex.definitions;
    let noun_type = |noun: &str| table.noun_type(noun);
    mentions.retain_mut(|m| {
        let name = &text[m.span.start..m.span.end];
        let mut words = name.split_whitespace();
        let Some(last) = words.next_back() else {
            return true;
        };
        // "Catholicism", "Christianity": an ending that names a doctrine (rows "-ism").
        if table.suffixes.iter().any(|(end, kind)| {
            kind.is_none() && last.len() > end.len() + 2 && last.ends_with(end.as_str())
        }) {
            misc.push(m.span);
            return false;
        }
        // "KO", "DJs", "EP": a common noun's abbreviation in capitals alone is no name.
        let bare = last
            .strip_suffix("'s")
            .or_else(|| last.strip_suffix('s'))
            .unwrap_or(last);
        if words.clone().next().is_none()
            && !bare.chars().any(char::is_lowercase)
            && noun_type(&bare.to_lowercase()).is_some()
        {
            misc.push(m.span);
            return false;
        }
        let one_word = words.clone().next().is_none();
        // "The Symposium in 1960", "the Holocaust": a capitalised common noun of a thing that
        // is no entity, alone, is no name (a person's surname may be one: "Song").
        if one_word
            && m.ty != EntityType::Person
            && m.target.is_none()
            && table.kinds.get(&last.to_lowercase()) == Some(&None)
        {
            misc.push(m.span);
            return false;
        }
        if one_word || !last.chars().next().is_some_and(char::is_uppercase) {
            return true;
        }
        // "DJ Khaled", "MC Hammer": a person noun's abbreviation opens a stage name.
        let mut opening = name.split_whitespace();
        if let Some(first) = name.split_whitespace().next() {
            if first.len() > 1
                && !first.chars().any(char::is_lowercase)
                && noun_type(&first.to_lowercase()) == Some(Some(EntityType::Person))
            {
                m.ty = EntityType::Person;
                m.target = None;
                return true;
            }
        }
        // "Battle of the Bulge", "Port of Liverpool", "University of Mostar": a kind noun, then
        // "of", opens the name of that kind of thing (an event or a document is no entity).
        if let (Some(first), Some("of")) = (opening.next(), opening.next()) {
            match noun_type(&first.to_lowercase()) {
                _ if !first.starts_with(char::is_uppercase) => {}
                Some(None) => {
                    misc.push(m.span);
                    return false;
                }
                Some(Some(ty)) if ty != EntityType::Person && ty != m.ty => {
                    m.ty = ty;
                    m.target = None;
                    return true;
                }
                _ => {}
            }
        }
        let noun = last.to_lowercase();
        if table.not_last.contains(&noun) {
            return true;
        }
        let singular = table.kinds.contains_key(&noun);
        // "Stuart Law", "Jenny Song": a given name, then a surname that is also a noun.
        let given = m.ty == EntityType::Person
            && name
                .split_whitespace()
                .next()
                .is_some_and(|w| lex.names.is_given_name(w));
        match noun_type(&noun) {
            // "Purchasing Managers" is a body, "Business Developer" a job.
            Some(None) if !given => {
                misc.push(m.span);
                false
            }
            Some(Some(EntityType::Person)) if singular && !given => {
                misc.push(m.span);
                false
            }
            // A person's surname may be a place noun ("Mickey Rivers", "Veronica Lake"):
            // only organisation nouns retype a person ("Dave Matthews Band"), and place nouns
            // after no given name ("Trump Tower": a building named after its owner).
            Some(Some(ty))
                if ty != EntityType::Person
                    && (m.ty != EntityType::Person || ty == EntityType::Organization || !given) =>
            {
                if m.ty != ty {
                    m.ty = ty;
                    m.target = None;
                }
                true
            }
            _ => true,
        }
    });
}

struct Sentence<'a> {
    text: &'a str,
    tokens: &'a [Token],
    words: &'a DefinitionWords,
}

impl<'a> Sentence<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.tokens
            .get(i)
            .and_then(|t| self.text.get(t.span.start..t.span.end))
            .unwrap_or("")
    }

    fn same_sentence(&self, i: usize, j: usize) -> bool {
        match (self.tokens.get(i), self.tokens.get(j)) {
            (Some(a), Some(b)) => a.sentence == b.sentence,
            _ => false,
        }
    }

    fn capitalised(&self, i: usize) -> bool {
        self.word(i).chars().next().is_some_and(char::is_uppercase)
    }

    /// A token that may belong to a name opening a sentence.
    fn name_token(&self, i: usize) -> bool {
        let w = self.word(i);
        self.capitalised(i)
            || (w.chars().any(|c| c.is_ascii_digit())
                && (w.chars().any(char::is_alphabetic) || self.capitalised(i + 1)))
            || self.words.grammar.name_connectors.contains(&w)
    }

    /// The kind named by the noun phrase starting at token `i` (just after the article).
    fn head_kind(&self, i: usize) -> Option<Kind> {
        let lower = |k: usize| self.word(k).to_lowercase();
        let mut k = i;
        while k < i + 10 && k < self.tokens.len() && self.same_sentence(i, k) {
            let w = self.word(k);
            let punct = !w.chars().any(char::is_alphanumeric) && !matches!(w, "-" | "/" | "&");
            if punct || self.words.grammar.phrase_ends.contains(&w) {
                break;
            }
            // A participle right after a kind noun ends the phrase ("a race track located").
            if k > i && (w.ends_with("ed") || w.ends_with("ing")) && !self.capitalised(k) {
                let before = lower(k - 1);
                if self.noun_kind(&before, k - 1, i).is_some() {
                    break;
                }
            }
            k += 1;
        }
        let at_end = k >= self.tokens.len() || !self.same_sentence(i, k) || k < i + 10;
        if k == i || !at_end || self.capitalised(k - 1) {
            return None;
        }
        self.noun_kind(&lower(k - 1), k - 1, i)
    }

    /// The kind of the noun at token `at` ("station" after "radio"), looking at most back to
    /// token `from` for a two-word noun.
    fn noun_kind(&self, noun: &str, at: usize, from: usize) -> Option<Kind> {
        let nouns = &self.words.kinds;
        if at > from {
            let pair = format!("{} {noun}", self.word(at - 1).to_lowercase());
            if let Some(&k) = nouns.get(&pair) {
                return Some(k);
            }
        }
        self.words.noun_type(noun)
    }
}

/// Find the definitions of the text and apply them to `mentions`; names defined as no entity
/// go to `misc`.
pub(crate) fn apply_definitions(
    cx: &Context,
    mentions: &mut Vec<Mention>,
    misc: &mut Vec<Span>,
    is_listed: &dyn Fn(&str) -> bool,
) {
    let (lex, text, tokens) = (cx.lex, cx.text, cx.tokens);
    let words = &lex.definitions;
    let s = Sentence {
        text,
        tokens,
        words,
    };
    // (name, kind, contradicted): two different definitions of one name are both dropped.
    let mut defined: Vec<(String, Kind, bool)> = Vec::new();
    let mut define = |name: &str, kind: Kind| {
        let name = name.trim();
        if name.chars().filter(|c| c.is_alphanumeric()).count() < 2 || is_listed(name) {
            return;
        }
        match defined.iter_mut().find(|(n, _, _)| n == name) {
            Some(d) => d.2 |= d.1 != kind,
            None => defined.push((name.to_string(), kind, false)),
        }
    };
    let span_text = |a: usize, b: usize| &text[tokens[a].span.start..tokens[b - 1].span.end];
    // Copula definitions of a name opening a sentence.
    for start in 0..tokens.len() {
        if start > 0 && s.same_sentence(start - 1, start) {
            continue;
        }
        let mut a = start;
        if s.word(a) == "The" {
            a += 1;
        }
        if !s.name_token(a) {
            continue;
        }
        let mut e = a;
        while e < a + 8 && e < tokens.len() && s.same_sentence(a, e) && s.name_token(e) {
            e += 1;
        }
        while e > a && words.grammar.name_connectors.contains(&s.word(e - 1)) {
            e -= 1;
        }
        if e == a || !(a..e).any(|i| s.word(i).chars().any(char::is_uppercase)) {
            continue;
        }
        let mut j = e;
        let mut alias = None;
        // "I Dewa Gede Budjana or Dewa Budjana is ...": a second name after "or".
        if s.word(j) == "or" && s.capitalised(j + 1) {
            let mut y = j + 1;
            while y < j + 9 && y < tokens.len() && s.same_sentence(j, y) && s.name_token(y) {
                y += 1;
            }
            alias = Some((j + 1, y));
            j = y;
        }
        // "Adilson Tavares Varela , commonly known as Cabral , ( born ... ) is": an alias
        // between commas.
        if alias.is_none() && s.word(j) == "," {
            let mut x = j + 1;
            while matches!(
                s.word(x),
                "commonly" | "better" | "also" | "simply" | "known" | "as"
            ) {
                x += 1;
            }
            if s.word(x - 1) == "as" && s.word(x - 2) == "known" && s.capitalised(x) {
                let mut y = x;
                while y < x + 6 && y < tokens.len() && s.same_sentence(x, y) && s.name_token(y) {
                    y += 1;
                }
                if s.word(y) == "," {
                    alias = Some((x, y));
                    j = y + 1;
                }
            }
        }
        // Bracketed asides: an alias ("( CSHL )", "( or Thirty Seconds to Mars )"), dates of
        // birth, a pronunciation.
        for _ in 0..3 {
            if s.word(j) != "(" {
                break;
            }
            let close = (j + 1..(j + 40).min(tokens.len()))
                .take_while(|&k| s.same_sentence(j, k))
                .find(|&k| s.word(k) == ")");
            let Some(close) = close else { break };
            let mut x = j + 1;
            while matches!(s.word(x), "or" | "also" | "formerly" | "known" | "as") {
                x += 1;
            }
            if alias.is_none()
                && x < close
                && close - x <= 8
                && (x..close).all(|k| s.name_token(k))
                && (x..close).any(|k| s.capitalised(k))
            {
                alias = Some((x, close));
            }
            j = close + 1;
        }
        if !words.grammar.copulas.contains(&s.word(j))
            || words.is_function_word(s.word(a).to_lowercase().as_str())
        {
            continue;
        }
        j += 1;
        // "6PR is owned by", "Crazyhead were formed in", "Tilst is located in".
        if let Some(kind) = words.participle_kind(s.word(j)) {
            define(span_text(a, e), Some(kind));
            if let Some((x, y)) = alias {
                define(span_text(x, y), Some(kind));
            }
            continue;
        }
        if words.grammar.copula_adverbs.contains(&s.word(j)) {
            j += 1;
        }
        if s.word(j) == "one" && s.word(j + 1) == "of" {
            j += 2;
        }
        if !matches!(s.word(j), "a" | "an" | "the") {
            continue;
        }
        if let Some(kind) = s.head_kind(j + 1) {
            define(span_text(a, e), kind);
            if let Some((x, y)) = alias {
                define(span_text(x, y), kind);
            }
        }
    }
    // Apposition and title nouns around the tagger's mentions.
    for m in mentions.iter() {
        let Some((first, last)) = token_range(tokens, m.span) else {
            continue;
        };
        let name = &text[m.span.start..m.span.end];
        // "In Aulnay-sous-Bois, a group of young people damaged cars": a name that ends a
        // fronted place phrase is not defined by the subject after its comma.
        let fronted = first >= 1
            && (first == 1 || !s.same_sentence(first - 2, first - 1))
            && lex
                .place_words
                .cues
                .contains(s.word(first - 1).to_lowercase().as_str());
        if s.word(last + 1) == ","
            && matches!(s.word(last + 2), "a" | "an")
            && s.same_sentence(last, last + 2)
            && !fronted
        {
            if let Some(kind) = s.head_kind(last + 3) {
                define(name, kind);
                continue;
            }
        }
        // "the island of Divar", "the town of Bridgton", "the key town of Al Bab", "the
        // northern city of Mosul": a place noun (after one word that describes it) and "of"
        // before a name.
        let article = |i: usize| matches!(s.word(i), "the" | "The" | "a" | "A");
        let described = first >= 4
            && article(first - 4)
            && s.word(first - 3).chars().all(char::is_alphabetic)
            && s.same_sentence(first - 4, first);
        if first >= 3
            && s.same_sentence(first - 3, first)
            && s.word(first - 1) == "of"
            && (article(first - 3) || described)
            && lex.is_place_cue_of(s.word(first - 2))
        {
            define(name, Some(EntityType::Location));
            continue;
        }
        // "the band Gigi", "Australian band Crazyhead", "electrical company Nicholson's", but
        // not "would play Lada Togliatti" (a verb) nor "the duo Ben Wolff and Andy Dean".
        if first >= 2
            && s.same_sentence(first - 2, first)
            && !s.capitalised(first - 1)
            && !matches!(s.word(last + 1), "and" | "&" | ",")
        {
            let noun = s.word(first - 1);
            let before = s.word(first - 2);
            let adjective = words
                .grammar
                .adjective_endings
                .iter()
                .any(|end| before.ends_with(end))
                && before.chars().all(char::is_lowercase);
            let determined = matches!(before, "the" | "a" | "an" | "its" | "their")
                || s.capitalised(first - 2)
                || before.contains('-')
                || adjective;
            if determined {
                if let Some(kind) = s.noun_kind(noun, first - 1, first - 2) {
                    define(name, kind);
                }
            }
        }
    }
    for (name, kind, _) in defined.into_iter().filter(|d| !d.2) {
        apply(text, tokens, &name, kind, mentions, misc);
        // "CALOI is a manufacturer" defines "Caloi" too, "EZ2DJ is a series" "Ez2DJ": a name
        // set in capitals for emphasis defines its other spellings in the text.
        let letters = name.chars().filter(|c| c.is_alphabetic()).count();
        if letters > 3 && !name.contains(' ') && !name.chars().any(char::is_lowercase) {
            let mut spellings: Vec<&str> = tokens
                .iter()
                .map(|t| &text[t.span.start..t.span.end])
                .filter(|w| *w != name && w.eq_ignore_ascii_case(&name))
                .collect();
            spellings.sort_unstable();
            spellings.dedup();
            for spelling in spellings {
                apply(text, tokens, spelling, kind, mentions, misc);
            }
        }
    }
}

/// Give every occurrence of `name` the defined kind: equal mentions are retyped, pieces of it
/// ("Mars" of "30 Seconds to Mars") give way to the whole, and untagged occurrences are added.
fn apply(
    text: &str,
    tokens: &[Token],
    name: &str,
    kind: Kind,
    mentions: &mut Vec<Mention>,
    misc: &mut Vec<Span>,
) {
    let starts_token = |p: usize| tokens.binary_search_by_key(&p, |t| t.span.start).is_ok();
    let ends_token = |p: usize| tokens.binary_search_by_key(&p, |t| t.span.end).is_ok();
    for (at, _) in text.match_indices(name) {
        let span = Span::new(at, at + name.len());
        if !starts_token(span.start) || !ends_token(span.end) {
            continue;
        }
        // A longer name holding this one ("6PR Studio") is left alone.
        if mentions.iter().any(|m| {
            m.span.overlaps(span)
                && m.span.start <= span.start
                && m.span.end >= span.end
                && m.span != span
        }) {
            continue;
        }
        mentions.retain(|m| !m.span.overlaps(span) || m.span == span);
        match kind {
            None => {
                mentions.retain(|m| m.span != span);
                misc.push(span);
            }
            Some(ty) => {
                if let Some(m) = mentions.iter_mut().find(|m| m.span == span) {
                    if m.ty != ty {
                        m.ty = ty;
                        m.target = None;
                    }
                    m.stated = true;
                } else {
                    misc.retain(|x| !x.overlaps(span));
                    let mut m = Mention::new(span, ty);
                    m.stated = true;
                    mentions.push(m);
                }
            }
        }
    }
    sort(mentions);
}

#[cfg(test)]
mod tests {
    use super::super::tests::{mentions_of, shown, TestDoc};
    use super::*;

    #[test]
    fn issue_3_the_last_word_of_a_name_says_its_kind() {
        use EntityType::{Organization as Org, Person as Per};
        let text = "Reading Festival | Dave Matthews Band | Film Director | Chicago \
                    Purchasing Managers | Mickey Rivers | Ohio State | Doyt Perry Stadium | \
                    Stuart Law | Catholicism";
        let names: [(&str, EntityType); 9] = [
            ("Reading Festival", Org),
            ("Dave Matthews Band", Per),
            ("Film Director", Org),
            ("Chicago Purchasing Managers", Org),
            ("Mickey Rivers", Per),
            ("Ohio State", Org),
            ("Doyt Perry Stadium", Per),
            ("Stuart Law", Per),
            ("Catholicism", Org),
        ];
        let mut mentions = mentions_of(text, &names);
        let mut misc = Vec::new();
        apply_last_word_kinds(&TestDoc::new(text).cx(), &mut mentions, &mut misc);
        assert_eq!(
            shown(text, &mentions),
            [
                ("Dave Matthews Band", Org),
                ("Chicago Purchasing Managers", Org),
                ("Mickey Rivers", Per),
                ("Ohio State", Org),
                // No given name opens it: a stadium named after a person is a place.
                ("Doyt Perry Stadium", EntityType::Location),
                ("Stuart Law", Per),
            ]
        );
        assert_eq!(misc.len(), 3);
        // An event named "Battle of ...", a trophy, and a common noun's abbreviation in
        // capitals ("KOs") name no entity; an acronym that is no noun stays.
        let text =
            "Battle of the Bulge | Outland Trophy | 12 KOs | NATO | Port of Liverpool | DJ Khaled";
        let names = [
            ("Battle of the Bulge", Org),
            ("Outland Trophy", Org),
            ("KOs", Org),
            ("NATO", Org),
            ("Port of Liverpool", Org),
            ("DJ Khaled", Org),
        ];
        let mut mentions = mentions_of(text, &names);
        apply_last_word_kinds(&TestDoc::new(text).cx(), &mut mentions, &mut misc);
        assert_eq!(
            shown(text, &mentions),
            [
                ("NATO", Org),
                ("Port of Liverpool", EntityType::Location),
                ("DJ Khaled", Per)
            ]
        );
    }
}
