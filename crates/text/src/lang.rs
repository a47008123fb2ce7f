//! Language identification.
//!
//! Latin-script text: the first few hundred words vote with the function-word profiles of
//! `data/stopwords.tsv` (a news paragraph is 40-50% function words, so a profile hit rate
//! separates languages well; closely related ones such as Danish and Norwegian may tie, and
//! the earlier profile wins). Where that vote is unsure (few function words, a language
//! without a profile), and for every text in another script, a character-trigram model
//! decides (whatlang, from crates.io; its ISO 639-3 codes become ISO 639-1 by
//! `data/languages.tsv`): a script is not one language (Cyrillic is Russian, Ukrainian,
//! Bulgarian, Serbian ...; Arabic script is Arabic, Persian, Urdu). When the model is not
//! reliable either, a non-Latin script still names its most likely language (the Unicode
//! block vote below).

use crate::knowledge::TextKnowledge;

/// Words looked at: enough for a stable vote, bounded so long texts cost the same.
const MAX_WORDS: usize = 200;
/// After this many words, stop as soon as one language leads clearly.
const EARLY_WORDS: usize = 40;

/// ISO 639-1 code of the text's language, or `None` when there is too little to tell.
pub fn detect_language(k: &TextKnowledge, text: &str) -> Option<&'static str> {
    if let Some(by_script) = detect_script(text) {
        return trigram_language(k, text).or(Some(by_script));
    }
    match function_word_language(k, text) {
        // A news text is 40-50% function words in its own language: a lower share is a vote
        // of a few shared short words ("a", "de"), which the trigram model checks.
        Some((lang, share, hits)) if share >= SURE_SHARE && hits >= SURE_HITS => Some(lang),
        // Plain ASCII text with a weak vote (wire tables, lists of names): no language without
        // letters beyond ASCII would outvote it often enough to pay for the model.
        Some((lang, _, _)) if head(text, 400).is_ascii() => Some(lang),
        Some((lang, _, _)) => trigram_language(k, text).or(Some(lang)),
        None => trigram_language(k, text),
    }
}

/// Share of a text's words that the winning function-word profile must hold to be trusted
/// without the trigram model.
const SURE_SHARE: f32 = 0.2;
/// And at least this many hits: a short text's few shared words ("a" thrice) decide nothing.
const SURE_HITS: u32 = 5;

/// The text's first few thousand bytes, cut on a character boundary.
fn head(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The trigram model's language, when it is reliable and has an ISO 639-1 code.
fn trigram_language(k: &TextKnowledge, text: &str) -> Option<&'static str> {
    // A few hundred bytes settle it; the model's cost grows with the text.
    let info = whatlang::detect(head(text, 400))?;
    if !info.is_reliable() {
        return None;
    }
    k.iso639_1.get(info.lang().code()).copied()
}

/// The function-word vote (see the module docs), the share of the words looked at that the
/// winner's profile holds and its number of hits; `None` when there is no clear winner.
fn function_word_language(k: &TextKnowledge, text: &str) -> Option<(&'static str, f32, u32)> {
    let mut votes = [0u32; 32];
    let mut words = 0usize;
    let mut lower = String::with_capacity(32);
    for word in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if words > MAX_WORDS {
            break;
        }
        if words.is_multiple_of(EARLY_WORDS) && clear_lead(&votes[..k.languages.len()]) {
            break;
        }
        if word.len() > 16 {
            continue;
        }
        let key = if word.bytes().all(|b| b.is_ascii_lowercase()) {
            word
        } else {
            lower.clear();
            lower.extend(word.chars().flat_map(char::to_lowercase));
            lower.as_str()
        };
        if let Some(mask) = k.stopword_langs.get(key) {
            let mut m = *mask;
            while m != 0 {
                let bit = m.trailing_zeros() as usize;
                votes[bit] += 1;
                m &= m - 1;
            }
        }
    }
    let (best, &count) = votes
        .iter()
        .enumerate()
        .take(k.languages.len())
        .max_by_key(|(i, &v)| (v, usize::MAX - i))?;
    // Few function words: a results table, a list of names, or a language without a profile.
    // A table still says which language its few words are in when one profile alone leads.
    let counted = words.min(MAX_WORDS) as u32;
    let runner_up = votes
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != best)
        .map(|(_, &v)| v)
        .max()
        .unwrap_or(0);
    let enough = count * 8 >= counted || (count >= 3 && count > runner_up);
    if count < 2 || !enough {
        return None;
    }
    k.languages
        .get(best)
        .map(|&lang| (lang, count as f32 / counted.max(1) as f32, count))
}

/// One language has at least 12 votes and three times the runner-up's.
fn clear_lead(votes: &[u32]) -> bool {
    let (mut first, mut second) = (0, 0);
    for &v in votes {
        if v > first {
            second = first;
            first = v;
        } else if v > second {
            second = v;
        }
    }
    first >= 12 && first >= 3 * second
}

/// The language implied by a non-Latin script that dominates the first letters of the text.
fn detect_script(text: &str) -> Option<&'static str> {
    let mut latin = 0u32;
    let mut counts: [(u32, &'static str); 12] = [
        (0, "ru"),
        (0, "ar"),
        (0, "zh"),
        (0, "ja"),
        (0, "ko"),
        (0, "el"),
        (0, "he"),
        (0, "hi"),
        (0, "th"),
        (0, "fa"),
        (0, "uk"),
        (0, "bn"),
    ];
    let mut kana = 0u32;
    for c in text.chars().filter(|c| c.is_alphabetic()).take(400) {
        let slot = match c as u32 {
            0x0000..=0x024F => {
                latin += 1;
                // Plain Latin so far: the rest will not outvote it.
                if latin >= 64 && kana == 0 && counts.iter().all(|c| c.0 == 0) {
                    return None;
                }
                continue;
            }
            0x0400..=0x04FF => {
                // Ukrainian letters absent from Russian.
                if matches!(c, 'і' | 'ї' | 'є' | 'ґ' | 'І' | 'Ї' | 'Є' | 'Ґ') {
                    10
                } else {
                    0
                }
            }
            0x0600..=0x06FF | 0x0750..=0x077F => {
                if matches!(c, 'پ' | 'چ' | 'ژ' | 'گ' | 'ی') {
                    9
                } else {
                    1
                }
            }
            0x3040..=0x30FF => {
                kana += 1;
                3
            }
            0x4E00..=0x9FFF | 0x3400..=0x4DBF => 2,
            0xAC00..=0xD7AF | 0x1100..=0x11FF => 4,
            0x0370..=0x03FF => 5,
            0x0590..=0x05FF => 6,
            0x0900..=0x097F => 7,
            0x0E00..=0x0E7F => 8,
            0x0980..=0x09FF => 11,
            _ => continue,
        };
        counts[slot].0 += 1;
    }
    let non_latin: u32 = counts.iter().map(|c| c.0).sum();
    if non_latin <= latin {
        return None;
    }
    // Japanese mixes kana with Han characters; any real share of kana settles it.
    if kana * 10 > non_latin {
        return Some("ja");
    }
    // A few Ukrainian-only letters mark Ukrainian; a few Persian letters mark Persian.
    if counts[10].0 > 0 {
        return Some("uk");
    }
    if counts[9].0 * 50 > counts[1].0 + counts[9].0 {
        return Some("fa");
    }
    counts[9].0 = 0;
    counts[10].0 = 0;
    counts.iter().max_by_key(|c| c.0).map(|c| c.1)
}

#[cfg(test)]
mod tests {
    fn detect_language(text: &str) -> Option<&'static str> {
        super::detect_language(crate::knowledge::for_tests(), text)
    }

    #[test]
    fn tells_common_languages_apart() {
        let en = "The minister said on Tuesday that the talks with the rebels would resume after the holiday.";
        let de = "Der Minister sagte am Dienstag, dass die Gespräche mit den Rebellen nach dem Feiertag weitergehen.";
        let fr = "Le ministre a déclaré mardi que les discussions avec les rebelles reprendraient après les fêtes.";
        let es = "El ministro dijo el martes que las conversaciones con los rebeldes se reanudarán después de la fiesta.";
        assert_eq!(detect_language(en), Some("en"));
        assert_eq!(detect_language(de), Some("de"));
        assert_eq!(detect_language(fr), Some("fr"));
        assert_eq!(detect_language(es), Some("es"));
        assert_eq!(
            detect_language("Президент заявил во вторник, что переговоры продолжатся."),
            Some("ru")
        );
        assert_eq!(detect_language("東京で会議が開かれました。"), Some("ja"));
    }

    #[test]
    fn too_little_text_is_unknown() {
        assert_eq!(detect_language(""), None);
        assert_eq!(detect_language("12 34 56"), None);
    }

    #[test]
    fn issue_19_a_script_is_not_one_language() {
        for (text, lang) in [
            ("Правительство объявило во вторник, что переговоры с соседними странами продолжатся на следующей неделе в столице.", "ru"),
            ("Правителството обяви във вторник, че преговорите със съседните държави ще продължат през следващата седмица в столицата.", "bg"),
            ("Влада је у уторак саопштила да ће се преговори са суседним земљама наставити следеће недеље у главном граду.", "sr"),
            ("دولت روز سه‌شنبه اعلام کرد که گفتگوها با کشورهای همسایه هفته آینده در پایتخت ادامه خواهد یافت.", "fa"),
            ("أعلنت الحكومة يوم الثلاثاء أن المحادثات مع الدول المجاورة ستستمر الأسبوع المقبل في العاصمة.", "ar"),
            ("सरकार ने मंगलवार को घोषणा की कि पड़ोसी देशों के साथ बातचीत अगले सप्ताह राजधानी में जारी रहेगी।", "hi"),
        ] {
            assert_eq!(detect_language(text), Some(lang), "{text}");
        }
    }

    #[test]
    fn issue_19_languages_without_a_function_word_profile() {
        for (text, lang) in [
            ("Vláda v úterý oznámila, že jednání se sousedními zeměmi budou pokračovat příští týden v hlavním městě.", "cs"),
            ("A kormány kedden bejelentette, hogy a szomszédos országokkal folytatott tárgyalások jövő héten folytatódnak a fővárosban.", "hu"),
            ("Chính phủ hôm thứ Ba thông báo rằng các cuộc đàm phán với các nước láng giềng sẽ tiếp tục vào tuần tới tại thủ đô.", "vi"),
        ] {
            assert_eq!(detect_language(text), Some(lang), "{text}");
        }
    }
}
