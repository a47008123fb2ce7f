//! The texts of the knowledge files. [`Sources::EMBEDDED`] holds every file of `data/`,
//! compiled into the binary with `include_str!`/`include_bytes!`: nothing is read at run time, and
//! a missing file is a build error, never an empty engine. A test builds a [`Sources`] of its own
//! (`Sources { countries: "...", ..Sources::EMPTY }`) to run a stage over a small knowledge set.

macro_rules! data_file {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/", $name))
    };
}

/// The file names, for error messages (`data/<name>`).
pub mod file {
    pub const ABBREVIATIONS: &str = "data/abbreviations.tsv";
    pub const CALENDAR: &str = "data/calendar.tsv";
    pub const CAMEO_PATTERNS: &str = "data/cameo-patterns.tsv";
    pub const CAMEO: &str = "data/cameo.tsv";
    pub const CAMEO_ROLES: &str = "data/cameo-roles.tsv";
    pub const COUNTRIES: &str = "data/countries.tsv";
    pub const COUNTS: &str = "data/counts.tsv";
    pub const DATE_WORDS: &str = "data/date-words.tsv";
    pub const DEFINITION_WORDS: &str = "data/definition-words.tsv";
    pub const FIPS: &str = "data/fips.tsv";
    pub const FURNITURE: &str = "data/furniture.tsv";
    pub const HTML_CLASS_HINTS: &str = "data/html_class_hints.tsv";
    pub const HTML_ENTITIES: &str = "data/html_entities.tsv";
    pub const KIND_NOUNS: &str = "data/kind-nouns.tsv";
    pub const LANGUAGES: &str = "data/languages.tsv";
    pub const LEADER_WORDS: &str = "data/leader-words.tsv";
    pub const MONTHS: &str = "data/months.tsv";
    pub const NER_CLUSTERS: &str = "data/ner-clusters.tsv";
    pub const NER_WORDS: &str = "data/ner-words.tsv";
    pub const NUMBERS: &str = "data/numbers.tsv";
    pub const ORGANIZATIONS: &str = "data/organizations.tsv";
    pub const PEOPLE: &str = "data/people.tsv";
    pub const PLACE_WORDS: &str = "data/place-words.tsv";
    pub const PLACES: &str = "data/places.tsv";
    pub const PLACES_SMALL: &str = "data/places-small.tsv";
    pub const ROLES: &str = "data/roles.tsv";
    pub const SPEAKER_NOUNS: &str = "data/speaker-nouns.tsv";
    pub const SPEECH_VERBS: &str = "data/speech-verbs.tsv";
    pub const STOPWORDS: &str = "data/stopwords.tsv";
    pub const THEMES: &str = "data/themes.tsv";
    pub const TONE_LEXICON: &str = "data/tone-lexicon.tsv";
    pub const TONE_REFERENCE: &str = "data/tone-reference.tsv";
    pub const NER_WEIGHTS: &str = "data/ner-weights.bin";
    pub const PARSER_WEIGHTS: &str = "data/parser-weights.bin";
}

/// The content of every knowledge file (see `data/README.md` for each format).
#[derive(Debug, Clone, Copy)]
pub struct Sources {
    /// `data/abbreviations.tsv`.
    pub abbreviations: &'static str,
    /// `data/calendar.tsv`.
    pub calendar: &'static str,
    /// `data/cameo-patterns.tsv`.
    pub cameo_patterns: &'static str,
    /// `data/cameo.tsv`.
    pub cameo: &'static str,
    /// `data/cameo-roles.tsv`.
    pub cameo_roles: &'static str,
    /// `data/countries.tsv`.
    pub countries: &'static str,
    /// `data/counts.tsv`.
    pub counts: &'static str,
    /// `data/date-words.tsv`.
    pub date_words: &'static str,
    /// `data/definition-words.tsv`.
    pub definition_words: &'static str,
    /// `data/fips.tsv`.
    pub fips: &'static str,
    /// `data/furniture.tsv`.
    pub furniture: &'static str,
    /// `data/html_class_hints.tsv`.
    pub html_class_hints: &'static str,
    /// `data/html_entities.tsv`.
    pub html_entities: &'static str,
    /// `data/kind-nouns.tsv`.
    pub kind_nouns: &'static str,
    /// `data/leader-words.tsv`.
    pub leader_words: &'static str,
    /// `data/months.tsv`.
    pub months: &'static str,
    /// `data/ner-clusters.tsv`.
    pub ner_clusters: &'static str,
    /// `data/ner-words.tsv`.
    pub ner_words: &'static str,
    /// `data/numbers.tsv`.
    pub numbers: &'static str,
    /// `data/organizations.tsv`.
    pub organizations: &'static str,
    /// `data/people.tsv`.
    pub people: &'static str,
    /// `data/place-words.tsv`.
    pub place_words: &'static str,
    /// `data/places.tsv`.
    pub places: &'static str,
    /// `data/places-small.tsv`.
    pub places_small: &'static str,
    /// `data/roles.tsv`.
    pub roles: &'static str,
    /// `data/speaker-nouns.tsv`.
    pub speaker_nouns: &'static str,
    /// `data/speech-verbs.tsv`.
    pub speech_verbs: &'static str,
    /// `data/stopwords.tsv`.
    pub stopwords: &'static str,
    /// `data/languages.tsv`.
    pub languages: &'static str,
    /// `data/themes.tsv`.
    pub themes: &'static str,
    /// `data/tone-lexicon.tsv`.
    pub tone_lexicon: &'static str,
    /// `data/tone-reference.tsv`.
    pub tone_reference: &'static str,
    /// `data/ner-weights.bin`: the trained tagger (`newsgraph train-ner`).
    pub ner_weights: &'static [u8],
    /// `data/parser-weights.bin`: the trained tagger, parser and labeller of `crates/syntax`
    /// (`newsgraph train-parser`).
    pub parser_weights: &'static [u8],
}

impl Sources {
    /// The files of `data/`, embedded at compile time.
    pub const EMBEDDED: Sources = Sources {
        abbreviations: data_file!("abbreviations.tsv"),
        calendar: data_file!("calendar.tsv"),
        cameo_patterns: data_file!("cameo-patterns.tsv"),
        cameo: data_file!("cameo.tsv"),
        cameo_roles: data_file!("cameo-roles.tsv"),
        countries: data_file!("countries.tsv"),
        counts: data_file!("counts.tsv"),
        date_words: data_file!("date-words.tsv"),
        definition_words: data_file!("definition-words.tsv"),
        fips: data_file!("fips.tsv"),
        furniture: data_file!("furniture.tsv"),
        html_class_hints: data_file!("html_class_hints.tsv"),
        html_entities: data_file!("html_entities.tsv"),
        kind_nouns: data_file!("kind-nouns.tsv"),
        leader_words: data_file!("leader-words.tsv"),
        months: data_file!("months.tsv"),
        ner_clusters: data_file!("ner-clusters.tsv"),
        ner_words: data_file!("ner-words.tsv"),
        numbers: data_file!("numbers.tsv"),
        organizations: data_file!("organizations.tsv"),
        people: data_file!("people.tsv"),
        place_words: data_file!("place-words.tsv"),
        places: data_file!("places.tsv"),
        places_small: data_file!("places-small.tsv"),
        roles: data_file!("roles.tsv"),
        speaker_nouns: data_file!("speaker-nouns.tsv"),
        speech_verbs: data_file!("speech-verbs.tsv"),
        stopwords: data_file!("stopwords.tsv"),
        languages: data_file!("languages.tsv"),
        themes: data_file!("themes.tsv"),
        tone_lexicon: data_file!("tone-lexicon.tsv"),
        tone_reference: data_file!("tone-reference.tsv"),
        ner_weights: include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/ner-weights.bin"
        )),
        parser_weights: include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/parser-weights.bin"
        )),
    };

    /// No knowledge at all: every table empty, no tagger weights. Tests start from it and fill
    /// in the files they need.
    pub const EMPTY: Sources = Sources {
        abbreviations: "",
        calendar: "",
        cameo_patterns: "",
        cameo: "",
        cameo_roles: "",
        countries: "",
        counts: "",
        date_words: "",
        definition_words: "",
        fips: "",
        furniture: "",
        html_class_hints: "",
        html_entities: "",
        kind_nouns: "",
        leader_words: "",
        months: "",
        ner_clusters: "",
        ner_words: "",
        numbers: "",
        organizations: "",
        people: "",
        place_words: "",
        places: "",
        places_small: "",
        roles: "",
        speaker_nouns: "",
        speech_verbs: "",
        stopwords: "",
        languages: "",
        themes: "",
        tone_lexicon: "",
        tone_reference: "",
        ner_weights: &[],
        parser_weights: &[],
    };
}
