//! The knowledge layer: every file of `data/` (gazetteers, word lists, patterns, weights),
//! embedded in the binary, read by one TSV reader into typed rows, and the hasher every crate's
//! tables use.
//!
//! - [`Sources`] holds the files' texts: [`Sources::EMBEDDED`] (compiled in with `include_str!`,
//!   so a missing file is a build error) or a test's own small set.
//! - [`Knowledge`] reads a [`Sources`] into typed tables, each on first use and then kept: one
//!   accessor per file ([`Knowledge::countries`], [`Knowledge::calendar`] ...), each returning
//!   the rows or a [`KnowledgeError`] that names the file and the line of the first bad row.
//!   [`Knowledge::check`] reads them all (a test keeps the embedded files clean).
//! - Stages never read knowledge from globals: a crate's `stages(&Knowledge)` compiles what its
//!   stages need (matchers, maps) from these rows once, when the pipeline is built, so a test
//!   can build a stage over a few rows of its own. The one shared instance,
//!   [`Knowledge::embedded`], serves the edges that are no stage (HTML decoding, exports).
//! - [`hash`]: the one in-memory hasher ([`FastMap`], [`FastSet`]) and the stable FNV-1a.
//!
//! Rows borrow their strings from the `'static` source text, so a stage may keep them without
//! copying, and the 180,000 rows of `places-small.tsv` cost no allocation of their own.

mod calendar;
mod entities;
mod extract;
mod gazetteer;
mod others;
pub mod sources;
pub mod tsv;

pub use calendar::{
    CalendarKind, CalendarWord, DateWord, DateWordKind, MonthNames, NumberKind, NumberWord,
};
pub use entities::{
    name_class, DefinitionKind, DefinitionWord, KindNoun, LeaderKind, LeaderWord, NameWord,
    NounKind, PlaceWord, PlaceWordKind, WordStats,
};
pub use extract::{CountKind, CountWord, ReferenceClass, ReferenceWord, Theme, ToneWord};
pub use gazetteer::{Country, Org, Person, Place};
pub use newsgraph_model::hash;
pub use newsgraph_model::hash::{FastMap, FastSet};
pub use others::{
    CameoCode, CameoPattern, CameoRole, ClassHint, ClassHintKind, Fips, HtmlEntity, PatternLine,
    Role, SpeakerNoun, SpeakerNounKind, SpeechVerb,
};
pub use sources::Sources;
pub use text::{AbbrevKind, Abbreviation, FurnitureRule, LanguageCode, LanguageProfile, RuleKind};
pub use tsv::KnowledgeError;

mod text;

use sources::file;
use std::sync::OnceLock;

/// The knowledge files of one [`Sources`], read into typed tables on first use.
pub struct Knowledge {
    sources: Sources,
    tables: Tables,
}

macro_rules! tables {
    ($( $(#[$doc:meta])* $name:ident: $row:ty = $parse:path, $file:ident; )*) => {
        /// One cell per table: read once, then kept (with its error, if any).
        #[derive(Default)]
        struct Tables {
            $( $name: OnceLock<Result<Vec<$row>, KnowledgeError>>, )*
        }

        impl Knowledge {
            $(
                $(#[$doc])*
                pub fn $name(&self) -> Result<&[$row], KnowledgeError> {
                    self.tables
                        .$name
                        .get_or_init(|| $parse(file::$file, self.sources.$name))
                        .as_ref()
                        .map(Vec::as_slice)
                        .map_err(Clone::clone)
                }
            )*

            /// Read every table: the first error, if any file has a bad row.
            pub fn check(&self) -> Result<(), KnowledgeError> {
                $( self.$name()?; )*
                for place in self.places_small() {
                    place?;
                }
                Ok(())
            }
        }
    };
}

tables! {
    /// `abbreviations.tsv`: words whose period ends no sentence, or only before some words.
    abbreviations: Abbreviation = text::abbreviations, ABBREVIATIONS;
    /// `calendar.tsv`: months, weekdays, relative days, lead and future words, holidays.
    calendar: CalendarWord = calendar::calendar, CALENDAR;
    /// `cameo-patterns.tsv`: the event coder's patterns and grammar directives.
    cameo_patterns: CameoPattern = others::cameo_patterns, CAMEO_PATTERNS;
    /// `cameo.tsv`: CAMEO event codes with Goldstein scores and quad classes.
    cameo: CameoCode = others::cameo, CAMEO;
    /// `cameo-roles.tsv`: CAMEO actor role codes and their names.
    cameo_roles: CameoRole = others::cameo_roles, CAMEO_ROLES;
    /// `countries.tsv`: countries, their codes, names, aliases and demonyms.
    countries: Country = gazetteer::countries, COUNTRIES;
    /// `counts.tsv`: the count lexicon.
    counts: CountWord = extract::counts, COUNTS;
    /// `date-words.tsv`: digit systems, date marks, ordinal suffixes and connectors of dates.
    date_words: DateWord = calendar::date_words, DATE_WORDS;
    /// `definition-words.tsv`: grammar words of the mention rules.
    definition_words: DefinitionWord = entities::definition_words, DEFINITION_WORDS;
    /// `fips.tsv`: FIPS 10-4 country codes.
    fips: Fips = others::fips, FIPS;
    /// `furniture.tsv`: lines that are site furniture.
    furniture: FurnitureRule = text::furniture, FURNITURE;
    /// `html_class_hints.tsv`: what class and id substrings say about an element.
    html_class_hints: ClassHint = others::html_class_hints, HTML_CLASS_HINTS;
    /// `html_entities.tsv`: named character references.
    html_entities: HtmlEntity = others::html_entities, HTML_ENTITIES;
    /// `kind-nouns.tsv`: nouns that say what a defined name is.
    kind_nouns: KindNoun = entities::kind_nouns, KIND_NOUNS;
    /// `leader-words.tsv`: words for heads of state and government.
    leader_words: LeaderWord = entities::leader_words, LEADER_WORDS;
    /// `months.tsv`: month names of several languages.
    months: MonthNames = calendar::months, MONTHS;
    /// `ner-clusters.tsv`: word clusters and capitalisation bands (tagger features).
    ner_clusters: WordStats = entities::ner_clusters, NER_CLUSTERS;
    /// `ner-words.tsv`: name classes of words (tagger features).
    ner_words: NameWord = entities::ner_words, NER_WORDS;
    /// `numbers.tsv`: number words.
    numbers: NumberWord = calendar::numbers, NUMBERS;
    /// `organizations.tsv`: organisations, armed groups, government bodies.
    organizations: Org = gazetteer::organizations, ORGANIZATIONS;
    /// `people.tsv`: people, one row per term of office.
    people: Person = gazetteer::people, PEOPLE;
    /// `place-words.tsv`: words that make a name a place, or set one.
    place_words: PlaceWord = entities::place_words, PLACE_WORDS;
    /// `places.tsv`: cities of 15,000 people or more, capitals, regions, continents.
    places: Place = gazetteer::places, PLACES;
    /// `roles.tsv`: role nouns and their CAMEO role codes.
    roles: Role = others::roles, ROLES;
    /// `speaker-nouns.tsv`: pronouns and role nouns that stand for a speaker.
    speaker_nouns: SpeakerNoun = others::speaker_nouns, SPEAKER_NOUNS;
    /// `speech-verbs.tsv`: forms of verbs of saying.
    speech_verbs: SpeechVerb = others::speech_verbs, SPEECH_VERBS;
    /// `stopwords.tsv`: language profiles.
    stopwords: LanguageProfile = text::stopwords, STOPWORDS;
    /// `languages.tsv`: ISO 639-3 codes and their ISO 639-1 codes.
    languages: LanguageCode = text::languages, LANGUAGES;
    /// `themes.tsv`: the theme taxonomy.
    themes: Theme = extract::themes, THEMES;
    /// `tone-lexicon.tsv`: positive and negative words.
    tone_lexicon: ToneWord = extract::tone_lexicon, TONE_LEXICON;
    /// `tone-reference.tsv`: activity verbs and first-person pronouns.
    tone_reference: ReferenceWord = extract::tone_reference, TONE_REFERENCE;
}

impl Knowledge {
    /// The knowledge of `sources`; nothing is read until a table is asked for.
    pub fn new(sources: Sources) -> Knowledge {
        Knowledge {
            sources,
            tables: Tables::default(),
        }
    }

    /// The embedded files, shared by the whole process (for the edges that are no stage: HTML
    /// decoding, exports; stages get a [`Knowledge`] from whoever builds the pipeline).
    pub fn embedded() -> &'static Knowledge {
        static EMBEDDED: OnceLock<Knowledge> = OnceLock::new();
        EMBEDDED.get_or_init(|| Knowledge::new(Sources::EMBEDDED))
    }

    /// The sources this knowledge reads.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// `places-small.tsv`: smaller places and counties, looked up only. Read row by row on
    /// each call and never kept: its 180,000 rows are read once, by the entity stages, which
    /// keep them in their own table (held here too, they made the peak memory of a run higher).
    pub fn places_small(
        &self,
    ) -> impl ExactSizeIterator<Item = Result<Place, KnowledgeError>> + '_ {
        let rows = tsv::rows(file::PLACES_SMALL, self.sources.places_small);
        let count = rows.clone().count();
        Counted {
            inner: rows.map(gazetteer::place),
            left: count,
        }
    }

    /// `ner-weights.bin`: the trained tagger's weights (empty when the sources have none).
    pub fn ner_weights(&self) -> &'static [u8] {
        self.sources.ner_weights
    }

    /// `parser-weights.bin`: the syntax model's weights (empty when the sources have none).
    pub fn parser_weights(&self) -> &'static [u8] {
        self.sources.parser_weights
    }

    /// The English function words: the `en` profile of `stopwords.tsv` ("the", "of", "said").
    pub fn english_function_words(
        &self,
    ) -> Result<impl Iterator<Item = &'static str> + Clone, KnowledgeError> {
        let profile = self
            .stopwords()?
            .iter()
            .find(|p| p.language == "en")
            .copied();
        Ok(profile.into_iter().flat_map(|p| p.words()))
    }
}

/// An iterator that knows how many items it has left.
struct Counted<I> {
    inner: I,
    left: usize,
}

impl<I: Iterator> Iterator for Counted<I> {
    type Item = I::Item;
    fn next(&mut self) -> Option<I::Item> {
        let next = self.inner.next();
        self.left = self.left.saturating_sub(usize::from(next.is_some()));
        next
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl<I: Iterator> ExactSizeIterator for Counted<I> {}

impl Default for Knowledge {
    /// The embedded files (a fresh, unshared instance).
    fn default() -> Knowledge {
        Knowledge::new(Sources::EMBEDDED)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_reads_without_error() {
        let k = Knowledge::new(Sources::EMBEDDED);
        if let Err(e) = k.check() {
            panic!("{e}");
        }
        assert!(k.countries().map_or(0, <[_]>::len) > 200);
        assert!(k.places_small().len() > 100_000);
        assert!(k
            .english_function_words()
            .is_ok_and(|mut w| w.any(|w| w == "the")));
        assert!(!k.ner_weights().is_empty());
        assert!(!k.parser_weights().is_empty());
    }

    #[test]
    fn a_bad_row_is_reported_with_its_file_and_line() {
        let k = Knowledge::new(Sources {
            calendar: "# header\njanuary\tmonth\t1\nfebruary\tmonht\t2\n",
            ..Sources::EMPTY
        });
        let err = k.calendar().expect_err("unknown kind");
        assert_eq!(
            err.to_string(),
            "data/calendar.tsv:3: unknown kind \"monht\""
        );
        assert_eq!(k.check(), Err(err));
        // The other tables are empty, not errors.
        assert_eq!(k.countries().map(<[_]>::len), Ok(0));
    }
}
