//! The mention rules: what is done to the tagger's names before they become entities, as one
//! declared and ordered list.
//!
//! The tagger reads each name from its spelling and its neighbours; the rules read what the
//! tagger cannot: the gazetteer, the whole document, the grammar around a name. Each rule is a
//! [`MentionRule`]: a name, what it reads ([`Reads`]), and `apply`, which changes the
//! document's mentions ([`Found`]) given the document ([`Context`]). [`RULES`] is the one
//! order they run in, one file per family of rules:
//!
//! - [`tagged`]: the tagger's own names, trimmed and sorted (MISC names kept aside);
//! - [`split`]: names the tagger ran together, split;
//! - [`places`]: places the text sets as places (place words, "in X", "X, Region", datelines);
//! - [`kinds`]: what the text says a name is ("X is a radio station", "Dave Matthews Band");
//! - [`listed`] and [`demonyms`]: the gazetteer's countries, organisations and people;
//! - [`join`]: pieces of one name joined again;
//! - [`organisations`]: organisation names completed around their designators;
//! - [`nonames`]: capitalised words that name nothing;
//! - [`types`]: one type per name (name words, titles, team cues, votes, lists);
//! - [`acronyms`] and [`resolve`]: acronyms, surnames, and the canonical key of each mention;
//! - [`embedded`]: places inside organisation names, under the geoparsing convention only.
//!
//! [`Rules`] is the list less the rules a caller turned off by name (`--ner-off`,
//! `NEWSGRAPH_NER_OFF`), for measuring what each rule is worth; with `NEWSGRAPH_TRACE_NER` set,
//! it prints to stderr what each rule changed, document by document.
//!
//! This layer reads the lexicon, the gazetteer, the tagger's features and the tagger's output;
//! the stage above it (`ner.rs`) runs it and makes entities of what it leaves.

/// Declares a unit struct that is a [`MentionRule`]: its doc, its name, what it reads, and the
/// body of `apply` over `cx` and `found`.
macro_rules! rule {
    ($(#[$doc:meta])* $ty:ident, $name:literal, [$($reads:expr),* $(,)?], |$cx:ident, $found:ident| $body:block) => {
        $(#[$doc])*
        pub struct $ty;

        impl $crate::rules::MentionRule for $ty {
            fn name(&self) -> &'static str {
                $name
            }
            fn reads(&self) -> &'static [$crate::rules::Reads] {
                &[$($reads),*]
            }
            fn apply(&self, $cx: &$crate::rules::Context, $found: &mut $crate::rules::Found) $body
        }
    };
}

pub(crate) mod acronyms;
pub(crate) mod demonyms;
pub(crate) mod embedded;
pub(crate) mod join;
pub(crate) mod kinds;
pub(crate) mod listed;
pub(crate) mod nonames;
pub(crate) mod organisations;
pub(crate) mod places;
pub(crate) mod resolve;
pub(crate) mod split;
pub(crate) mod tagged;
pub(crate) mod types;

pub use demonyms::Demonyms;

use crate::features::TokenInfo;
use crate::gazetteer::{Gazetteer, Hit, Ref};
use crate::lexicon::Lexicon;
use newsgraph_model::{EntityType, Span, Token};

/// A mention before grouping.
#[derive(Debug, Clone)]
pub struct Mention {
    pub span: Span,
    pub ty: EntityType,
    /// What the gazetteer says it is, when it knows.
    pub target: Option<Ref>,
    /// Canonical key (filled by [`resolve`]).
    pub key: String,
    /// The text says what the name is ("Caloi is a manufacturer of bicycles"): later rules
    /// that guess a type from other evidence leave it alone.
    pub stated: bool,
}

impl Mention {
    /// A mention the gazetteer has not attached yet.
    pub fn new(span: Span, ty: EntityType) -> Self {
        Mention {
            span,
            ty,
            target: None,
            key: String::new(),
            stated: false,
        }
    }
}

/// What the rules change: the mentions (PERSON, ORGANIZATION, LOCATION), and the spans of the
/// names the tagger called MISC (nationalities, events, works), which are not output but which
/// no other name may claim.
#[derive(Debug, Default, Clone)]
pub struct Found {
    pub mentions: Vec<Mention>,
    pub misc: Vec<Span>,
}

/// What the rules read: the document and everything compiled once.
pub struct Context<'a> {
    pub text: &'a str,
    pub tokens: &'a [Token],
    /// The tagger's per-token facts (capitalisation band, name classes).
    pub infos: &'a [TokenInfo],
    /// Every gazetteer match in the text, leftmost-longest.
    pub hits: &'a [Hit],
    /// The place the text opens with ("BEIJING --"), when the text stage found one.
    pub dateline: Option<Span>,
    pub lex: &'a Lexicon,
    pub gaz: &'a Gazetteer,
    /// Whether a demonym adjective is a mention of its country ([`Demonyms`]).
    pub demonyms: Demonyms,
}

impl Context<'_> {
    /// The text of token `i`.
    pub fn word(&self, i: usize) -> &str {
        &self.text[self.tokens[i].span.start..self.tokens[i].span.end]
    }

    /// The text of a span.
    pub fn of(&self, span: Span) -> &str {
        &self.text[span.start..span.end]
    }
}

/// What a rule reads besides the mentions, for the list in the docs and the trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reads {
    /// The tokens and sentences.
    Tokens,
    /// The tagger's per-token facts (capitalisation bands, name classes).
    Facts,
    /// The names the tagger called MISC.
    Misc,
    /// The gazetteer's matches in the text.
    Hits,
    /// Gazetteer look-ups of a name.
    Gazetteer,
    /// The dateline.
    Dateline,
    /// A word list of `data/` (file name).
    Words(&'static str),
}

/// One rule of the list.
pub trait MentionRule: Sync {
    /// Its name: snake case, unique, what `--ner-off` and the trace call it.
    fn name(&self) -> &'static str;
    /// What it reads besides the mentions.
    fn reads(&self) -> &'static [Reads];
    /// Change the mentions.
    fn apply(&self, cx: &Context, found: &mut Found);
    /// A step every later one needs (the canonical keys): it cannot be turned off.
    fn required(&self) -> bool {
        false
    }
}

/// Every rule, in the order they run. Later rules see what earlier ones made: a place found by
/// its context is a place when the gazetteer's hits are attached, a name completed around its
/// designator is whole when types are voted.
pub static RULES: &[&dyn MentionRule] = &[
    &tagged::TrimNames,
    &tagged::LeadingTitles,
    &tagged::PlaceBeforeOffice,
    &tagged::MiscListedPlaces,
    &tagged::MiscOffices,
    &tagged::MiscDesignated,
    &tagged::MiscCut,
    &tagged::QuotedTitles,
    &tagged::LoneTitles,
    &tagged::SingleLetters,
    &split::JoinedNames,
    &split::OfficeNames,
    &split::ListedNames,
    &places::PlaceWordNames,
    &places::AddPlaceNames,
    &places::PlaceContext,
    &places::Dateline,
    &places::ContainingRegions,
    &places::BasedPlaces,
    &places::PartyStates,
    &kinds::LastWordKinds,
    &kinds::Definitions,
    &listed::ListedNames,
    &demonyms::DemonymPlaces,
    &join::PlaceAndOrganisation,
    &demonyms::DemonymsOpeningNames,
    &join::Nicknames,
    &join::NameParticles,
    &join::ArticleNames,
    &organisations::DesignatedNames,
    &nonames::CommonWords,
    &nonames::ModelNames,
    &join::PossessiveNames,
    &nonames::Holidays,
    &organisations::NumberedUnits,
    &types::NameWords,
    &types::AfterTitles,
    &types::TeamCues,
    &acronyms::Acronyms,
    &resolve::Resolve,
    &types::VoteTypes,
    &types::ListTypes,
    &places::SeatPlaces,
    &places::LocativeNames,
    &embedded::EmbeddedPlaces,
];

/// A rule name that no rule has.
#[derive(Debug, Clone, thiserror::Error)]
#[error("no entity rule is called `{name}`{}; the rules: {known}", if *.required { " that can be turned off" } else { "" })]
pub struct UnknownRule {
    pub name: String,
    /// The name is a rule's that cannot be turned off.
    pub required: bool,
    pub known: String,
}

/// The rules that run: [`RULES`] less those turned off.
#[derive(Clone)]
pub struct Rules {
    on: Vec<&'static dyn MentionRule>,
    trace: bool,
}

impl Default for Rules {
    fn default() -> Self {
        Rules::all()
    }
}

impl Rules {
    /// Every rule.
    pub fn all() -> Rules {
        Rules {
            on: RULES.to_vec(),
            trace: trace_on(),
        }
    }

    /// Every rule but those named in `off`.
    pub fn without(off: &[String]) -> Result<Rules, UnknownRule> {
        for name in off {
            let rule = RULES.iter().find(|r| r.name() == name.as_str());
            if rule.is_none_or(|r| r.required()) {
                return Err(UnknownRule {
                    name: name.clone(),
                    required: rule.is_some(),
                    known: RULES
                        .iter()
                        .filter(|r| !r.required())
                        .map(|r| r.name())
                        .collect::<Vec<_>>()
                        .join(", "),
                });
            }
        }
        Ok(Rules {
            on: RULES
                .iter()
                .copied()
                .filter(|r| !off.iter().any(|n| n == r.name()))
                .collect(),
            trace: trace_on(),
        })
    }

    /// The names of the rules that run, in order.
    pub fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.on.iter().map(|r| r.name())
    }

    /// Run every rule on `found`, in order.
    pub fn run(&self, cx: &Context, found: &mut Found) {
        if !self.trace {
            for rule in &self.on {
                rule.apply(cx, found);
            }
            return;
        }
        let mut last = Snapshot::of(found);
        last.print("tagger", cx.text, &Snapshot::default());
        for rule in &self.on {
            rule.apply(cx, found);
            let now = Snapshot::of(found);
            now.print(rule.name(), cx.text, &last);
            last = now;
        }
    }
}

/// `NEWSGRAPH_TRACE_NER` is set (read once).
fn trace_on() -> bool {
    static ON: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("NEWSGRAPH_TRACE_NER").is_some())
}

/// The mentions and MISC names at one point of the list, for the trace.
#[derive(Default)]
struct Snapshot {
    mentions: Vec<(Span, EntityType)>,
    misc: Vec<Span>,
}

impl Snapshot {
    fn of(found: &Found) -> Snapshot {
        Snapshot {
            mentions: found.mentions.iter().map(|m| (m.span, m.ty)).collect(),
            misc: found.misc.clone(),
        }
    }

    /// Print what changed since `before`, if anything.
    fn print(&self, rule: &str, text: &str, before: &Snapshot) {
        let show = |(s, t): &(Span, EntityType)| format!("{}/{:?}", &text[s.start..s.end], t);
        let gone: Vec<String> = before
            .mentions
            .iter()
            .filter(|x| !self.mentions.contains(x))
            .map(show)
            .collect();
        let new: Vec<String> = self
            .mentions
            .iter()
            .filter(|x| !before.mentions.contains(x))
            .map(show)
            .collect();
        let misc_gone: Vec<&str> = before
            .misc
            .iter()
            .filter(|x| !self.misc.contains(x))
            .map(|s| &text[s.start..s.end])
            .collect();
        let misc_new: Vec<&str> = self
            .misc
            .iter()
            .filter(|x| !before.misc.contains(x))
            .map(|s| &text[s.start..s.end])
            .collect();
        if !gone.is_empty() || !new.is_empty() {
            eprintln!("{rule}: - [{}] + [{}]", gone.join(", "), new.join(", "));
        }
        if !misc_gone.is_empty() || !misc_new.is_empty() {
            eprintln!("{rule}: MISC - {misc_gone:?} + {misc_new:?}");
        }
    }
}

/// The first and last token of `span`, when it starts and ends on token boundaries.
pub fn token_range(tokens: &[Token], span: Span) -> Option<(usize, usize)> {
    let first = tokens
        .binary_search_by_key(&span.start, |t| t.span.start)
        .ok()?;
    let last = tokens
        .binary_search_by_key(&span.end, |t| t.span.end)
        .ok()?;
    Some((first, last))
}

/// The letters and digits `s` opens with ("was" of "was added", "" of ", and").
pub(crate) fn leading_word(s: &str) -> &str {
    s.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("")
}

/// The type of what a gazetteer entry names (a demonym names no entity of its own).
pub(crate) fn ref_type(r: Ref) -> Option<EntityType> {
    match r {
        Ref::Country(_) | Ref::Place(_) => Some(EntityType::Location),
        Ref::Person(_) => Some(EntityType::Person),
        Ref::Org(_) => Some(EntityType::Organization),
        Ref::Demonym(_) => None,
    }
}

/// The best gazetteer reading of a mention of type `ty`.
pub(crate) fn pick(gaz: &Gazetteer, refs: &[Ref], ty: EntityType, surface: &str) -> Option<Ref> {
    // Among places, a reading whose own name is the mention, then the most populous, names the
    // entity (the geocoder still weighs every reading against the article's context).
    let rank = |r: &Ref| match (ty, r) {
        (EntityType::Location, Ref::Country(_)) => (0, false, 0),
        (EntityType::Location, Ref::Place(i)) => {
            let place = gaz.places.get(*i as usize);
            (
                1,
                // Case aside: the dateline "GENEVA" names the city Geneva, not the canton
                // Genève, however many people the canton has.
                place.is_none_or(|p| !p.name.eq_ignore_ascii_case(surface)),
                u64::MAX - place.map_or(0, |p| p.population),
            )
        }
        (EntityType::Organization, Ref::Org(_)) => (0, false, 0),
        (EntityType::Person, Ref::Person(_)) => (0, false, 0),
        _ => (9, false, 0),
    };
    // "the White House" as a place is the institution's seat, not the far city that has the
    // name as an alternate one (Casablanca): a place reached only by another name does not
    // name a listed organisation's own name.
    let seat = ty == EntityType::Location
        && refs.iter().any(|r| match r {
            Ref::Org(i) => gaz
                .orgs
                .get(*i as usize)
                .is_some_and(|o| o.name.eq_ignore_ascii_case(surface)),
            _ => false,
        });
    refs.iter()
        .filter(|r| rank(r).0 < 9 && !(seat && rank(r).1))
        .min_by_key(|r| rank(r))
        .copied()
}

/// Sort mentions by where they start (rules that add mentions leave them in order).
pub(crate) fn sort(mentions: &mut [Mention]) {
    mentions.sort_by_key(|m| m.span.start);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A text with its tokens, tagger facts and gazetteer hits, as the stage would see it.
    pub(crate) struct TestDoc {
        pub text: String,
        pub tokens: Vec<Token>,
        pub infos: Vec<TokenInfo>,
        pub hits: Vec<Hit>,
    }

    impl TestDoc {
        pub(crate) fn new(text: &str) -> TestDoc {
            let tokens = crate::tokens_for_tests(text);
            let (lex, gaz) = (crate::lexicon_for_tests(), crate::for_tests());
            let hits = gaz.hits(text);
            let marks = gaz.marks(&hits, &tokens);
            let infos = crate::features::token_infos(text, &tokens, &marks, lex);
            TestDoc {
                text: text.to_string(),
                tokens,
                infos,
                hits,
            }
        }

        pub(crate) fn cx(&self) -> Context<'_> {
            Context {
                text: &self.text,
                tokens: &self.tokens,
                infos: &self.infos,
                hits: &self.hits,
                dateline: None,
                lex: crate::lexicon_for_tests(),
                gaz: crate::for_tests(),
                demonyms: Demonyms::default(),
            }
        }
    }

    /// Mentions of the given names (first occurrence of each in `text`) with the given types.
    pub(crate) fn mentions_of(text: &str, names: &[(&str, EntityType)]) -> Vec<Mention> {
        names
            .iter()
            .map(|&(name, ty)| {
                let at = text.find(name).expect("name in text");
                Mention::new(Span::new(at, at + name.len()), ty)
            })
            .collect()
    }

    /// Each mention as its text and type, for comparing with the expected ones.
    pub(crate) fn shown<'a>(text: &'a str, mentions: &[Mention]) -> Vec<(&'a str, EntityType)> {
        mentions
            .iter()
            .map(|m| (&text[m.span.start..m.span.end], m.ty))
            .collect()
    }

    #[test]
    fn issue_18_rule_names_are_unique_and_any_can_be_turned_off_but_the_keys() {
        let mut names: Vec<&str> = RULES.iter().map(|r| r.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), RULES.len());
        let off = vec!["definitions".to_string(), "vote_types".to_string()];
        let rules = Rules::without(&off).expect("known rules");
        assert_eq!(rules.names().count(), RULES.len() - 2);
        assert!(!rules.names().any(|n| n == "definitions"));
        let err = Rules::without(&["no_such_rule".to_string()]).err();
        assert!(err.is_some_and(|e| e.known.contains("team_cues")));
        assert!(Rules::without(&["resolve".to_string()]).is_err());
    }
}
