//! The tag set: Universal POS tags, with verbs and auxiliaries refined by their Penn form.
//!
//! The event coder needs to tell a past tense ("attacked") from a participle ("was attacked",
//! "a camp attacked by"), which UPOS alone does not; Penn tags do. So a verb or auxiliary is tagged
//! `VERB_VBN`, `AUX_VBD`, ... and a few function words are split where the grammar reads them
//! (`PART_POS` the possessive `'s`, `PART_TO` the infinitive "to", `PRON_POSS` "its", "whose",
//! `PRON_WH` relative and interrogative pronouns). The UPOS of a tag is the part before `_`.

/// Every tag, in a fixed order (a tag is stored as its index).
pub const TAGS: [&str; 32] = [
    "ADJ",
    "ADP",
    "ADV",
    "CCONJ",
    "DET",
    "INTJ",
    "NOUN",
    "NUM",
    "PART",
    "PART_POS",
    "PART_TO",
    "PRON",
    "PRON_POSS",
    "PRON_WH",
    "PROPN",
    "PUNCT",
    "SCONJ",
    "SYM",
    "X",
    "VERB_VB",
    "VERB_VBD",
    "VERB_VBG",
    "VERB_VBN",
    "VERB_VBP",
    "VERB_VBZ",
    "AUX_MD",
    "AUX_VB",
    "AUX_VBD",
    "AUX_VBG",
    "AUX_VBN",
    "AUX_VBP",
    "AUX_VBZ",
];

/// The number of tags.
pub const NUM_TAGS: usize = TAGS.len();

/// The tag index of a name of [`TAGS`].
pub fn index(name: &str) -> Option<u8> {
    TAGS.iter().position(|t| *t == name).map(|i| i as u8)
}

/// The UPOS part of a tag.
pub fn upos(tag: u8) -> &'static str {
    let name = TAGS.get(usize::from(tag)).copied().unwrap_or("X");
    name.split('_').next().unwrap_or(name)
}

/// The tag of a UD word from its UPOS and Penn (XPOS) tags.
pub fn tag_of(upos: &str, xpos: &str) -> u8 {
    let refined = match (upos, xpos) {
        ("VERB", "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ") => format!("VERB_{xpos}"),
        ("VERB", _) => "VERB_VB".to_string(),
        ("AUX", "MD" | "VB" | "VBD" | "VBG" | "VBN" | "VBP" | "VBZ") => format!("AUX_{xpos}"),
        ("AUX", _) => "AUX_VB".to_string(),
        ("PART", "POS") => "PART_POS".to_string(),
        ("PART", "TO") => "PART_TO".to_string(),
        ("PRON", "PRP$" | "WP$") => "PRON_POSS".to_string(),
        ("PRON", "WP" | "WDT") => "PRON_WH".to_string(),
        _ => upos.to_string(),
    };
    index(&refined).or_else(|| index(upos)).unwrap_or(18)
}

/// Coarse classes the parser and the coder ask about.
pub fn is_verb(tag: u8) -> bool {
    (19..=24).contains(&tag)
}

pub fn is_aux(tag: u8) -> bool {
    (25..=31).contains(&tag)
}

pub fn is_nominal(tag: u8) -> bool {
    matches!(upos(tag), "NOUN" | "PROPN" | "PRON" | "NUM")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refinements_and_fallbacks() {
        assert_eq!(TAGS[tag_of("VERB", "VBN") as usize], "VERB_VBN");
        assert_eq!(TAGS[tag_of("VERB", "NNP") as usize], "VERB_VB");
        assert_eq!(TAGS[tag_of("PRON", "PRP$") as usize], "PRON_POSS");
        assert_eq!(TAGS[tag_of("NOUN", "NNS") as usize], "NOUN");
        assert_eq!(TAGS[tag_of("FOO", "BAR") as usize], "X");
        assert_eq!(upos(tag_of("AUX", "MD")), "AUX");
        assert!(is_verb(tag_of("VERB", "VBZ")) && is_aux(tag_of("AUX", "VBZ")));
        assert!(!is_verb(tag_of("AUX", "VBZ")));
    }
}
