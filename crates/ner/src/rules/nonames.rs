//! Capitalised words that name nothing: a word the corpus writes in lower case almost always
//! ("Scouting", "Meeting"), a name after a model code ("P-51 Mustang"), and holidays
//! ("Thanksgiving", the `holiday` rows of `data/calendar.tsv`).

use super::{token_range, Context, Mention, Reads};
use crate::gazetteer::Ref;
use newsgraph_knowledge::CalendarKind;

rule!(
    /// "Scouting", "Billion": one word the corpus almost never capitalises names nothing
    /// unless a list knows it.
    CommonWords,
    "common_words",
    [Reads::Tokens, Reads::Facts],
    |cx, found| {
        drop_common_words(cx, &mut found.mentions);
    }
);

rule!(
    /// "P-51 Mustang", "F-16 Fighting Falcon": the name after a model code is a machine's.
    ModelNames,
    "model_names",
    [],
    |cx, found| {
        drop_model_names(cx, &mut found.mentions);
    }
);

rule!(
    /// "over Thanksgiving weekend": a holiday is a date, not a name.
    Holidays,
    "holidays",
    [Reads::Words("calendar.tsv")],
    |cx, found| {
        drop_holidays(cx, &mut found.mentions);
    }
);

/// "Scouting", "Billion", "Meeting": one word that the corpus writes in lower case almost
/// always (capitalisation band 0), capitalised here by its place in a sentence or a heading,
/// names nothing unless a list knows it. A name the corpus capitalises even now and then
/// ("Reading", "Real") is left to the tagger.
pub(crate) fn drop_common_words(cx: &Context, mentions: &mut Vec<Mention>) {
    let (text, tokens, infos) = (cx.text, cx.tokens, cx.infos);
    mentions.retain(|m| {
        if m.target.is_some() {
            return true;
        }
        let name = &text[m.span.start..m.span.end];
        let common = || {
            token_range(tokens, m.span)
                .is_some_and(|(a, b)| a == b && infos.get(a).is_some_and(|t| t.caps == 1))
        };
        !name.chars().any(char::is_lowercase) || !common()
    });
}

/// "P-51 Mustang", "F-16 Fighting Falcon", "CH-53 Sea Stallion": the name after a model code
/// (up to three capitals, a hyphen, digits) is a machine's, not a person's, firm's or place's.
pub(crate) fn drop_model_names(cx: &Context, mentions: &mut Vec<Mention>) {
    let text = cx.text;
    let model_code = |code: &str| {
        let Some((letters, number)) = code.split_once('-') else {
            return false;
        };
        let digits = number.chars().take_while(char::is_ascii_digit).count();
        (1..=3).contains(&letters.len())
            && letters.chars().all(|c| c.is_ascii_uppercase())
            && digits > 0
            && number[digits..].chars().all(|c| c.is_ascii_uppercase())
    };
    mentions.retain(|m| {
        matches!(
            m.target,
            Some(Ref::Country(_) | Ref::Org(_) | Ref::Person(_))
        ) || !text[..m.span.start]
            .strip_suffix(' ')
            .and_then(|before| before.rsplit(' ').next())
            .is_some_and(model_code)
    });
}

/// "over Thanksgiving weekend", "on Christmas Day": a holiday (`holiday` words of
/// `data/calendar.tsv`) is a date, not a place or a person.
pub(crate) fn drop_holidays(cx: &Context, mentions: &mut Vec<Mention>) {
    let (lex, text) = (cx.lex, cx.text);
    mentions.retain(|m| {
        let name = &text[m.span.start..m.span.end];
        let name = name
            .strip_suffix(" Day")
            .or_else(|| name.strip_suffix(" Eve"))
            .unwrap_or(name);
        m.target.is_some() || !lex.is_calendar_word(name, CalendarKind::Holiday)
    });
}

#[cfg(test)]
mod tests {
    use super::super::tests::{mentions_of, shown, TestDoc};
    use super::*;
    use newsgraph_model::EntityType;

    #[test]
    fn issue_3_a_name_after_a_model_code_is_a_machine() {
        let (org, loc) = (EntityType::Organization, EntityType::Location);
        let text = "It flew the P-51 Mustang and the F-16 Fighting Falcon over Jordan.";
        let mut mentions = mentions_of(
            text,
            &[("Mustang", loc), ("Fighting Falcon", org), ("Jordan", loc)],
        );
        drop_model_names(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(shown(text, &mentions), [("Jordan", loc)]);
    }

    #[test]
    fn issue_3_a_common_word_alone_names_nothing() {
        let (org, per) = (EntityType::Organization, EntityType::Person);
        let text = "Scouting grew fast. Reading won 2-1, and Meeting Harris was easy.";
        let mut mentions = mentions_of(
            text,
            &[
                ("Scouting", org),
                ("Reading", org),
                ("Meeting", per),
                ("Harris", per),
            ],
        );
        drop_common_words(&TestDoc::new(text).cx(), &mut mentions);
        assert_eq!(shown(text, &mentions), [("Reading", org), ("Harris", per)]);
    }
}
