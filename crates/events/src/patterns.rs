//! The CAMEO action dictionary (`data/cameo-patterns.tsv`) compiled into a word matcher.
//!
//! Each pattern is a short sequence of elements (a verb lemma with all its inflections, a noun
//! with its plural, an exact word, or a gap of up to three words). Patterns are indexed by every
//! form of their first element, so matching a sentence costs one hash lookup per word plus the
//! few candidate patterns that start there. The file's directive lines (`@be`, `@neg`, ...) give
//! the grammar words the structure rules in [`crate::coder`] need; they live in data like the
//! patterns so the code holds no word lists.

use crate::fasthash::{FastMap as HashMap, FastSet as HashSet, KeyFilter};
use newsgraph_knowledge::{CameoPattern, Knowledge, KnowledgeError, PatternLine, Sources};

/// Upper bound of words a gap (`*`) may skip.
const MAX_GAP: usize = 4;

#[derive(Debug, Clone)]
enum Elem {
    /// Any of these lower-case forms.
    Forms(Box<[Box<str>]>),
    Gap,
}

/// One compiled pattern.
#[derive(Debug, Clone)]
pub struct Pattern {
    pub code: Box<str>,
    elems: Box<[Elem]>,
    /// Forms of the first element that are past participles (for the passive rule).
    participles: Box<[Box<str>]>,
    /// The simple past of the first element when it is a verb lemma ("kill" -> "killed"), for
    /// reading a headline's present tense as the past it tells.
    pub past: Option<Box<str>>,
    /// Mutual action: a compound subject with no object gives events between its members.
    pub recip: bool,
    /// A subject and an object also give the reverse event.
    pub both: bool,
    /// The participle after "be" is not a passive ("is committed to").
    pub no_passive: bool,
    /// The first element is a verb lemma (`word+`), not a noun or an exact word.
    pub verb_head: bool,
    /// An evaluative word of disapproval ("a disgrace", "shameful"): coded only inside what a
    /// speaker says of another actor ("X said Y's decision was a disgrace": X criticizes Y).
    pub gist: bool,
    /// Governs an action that follows: a verb, or a phrase ending in "to" ("willing to").
    pub governs: bool,
    /// Number of non-gap elements, to prefer the most specific match.
    weight: usize,
    pub line: usize,
}

/// A pattern found in a sentence: word index range (end exclusive) and which pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Match {
    pub pattern: u32,
    pub start: usize,
    pub end: usize,
    /// The first word is a past participle form of the pattern's verb.
    pub participle: bool,
}

/// Word classes of the grammar directives, as bits: one table lookup per word gives them all.
pub mod class {
    pub const BE: u16 = 1;
    pub const NEG: u16 = 1 << 1;
    pub const HYPO: u16 = 1 << 2;
    pub const INTENT: u16 = 1 << 3;
    pub const MUST: u16 = 1 << 4;
    pub const SAY: u16 = 1 << 5;
    pub const STOP: u16 = 1 << 6;
    pub const PREP: u16 = 1 << 7;
    pub const DET: u16 = 1 << 8;
    pub const REL: u16 = 1 << 9;
    pub const BY: u16 = 1 << 10;
    pub const VICTIMS: u16 = 1 << 11;
    pub const HISTORY: u16 = 1 << 12;
    pub const EVALUATE: u16 = 1 << 13;
}

/// Grammar words and code rules from the directive lines.
#[derive(Debug, Default)]
pub struct Grammar {
    pub be: HashSet<Box<str>>,
    pub neg: HashSet<Box<str>>,
    pub hypo: HashSet<Box<str>>,
    pub intent: HashSet<Box<str>>,
    pub must: HashSet<Box<str>>,
    pub say: HashSet<Box<str>>,
    /// Verbs that give a judgement as their complement ("described it as shameful").
    pub evaluate: HashSet<Box<str>>,
    pub stop: HashSet<Box<str>>,
    pub prep: HashSet<Box<str>>,
    pub det: HashSet<Box<str>>,
    pub rel: HashSet<Box<str>>,
    pub passive_by: HashSet<Box<str>>,
    /// Words that count people without naming them ("dozens", "hundreds"): the victims of a
    /// killing when no actor is named.
    pub victims: HashSet<Box<str>>,
    /// Nouns of a time long past ("century"): an action in a clause on one is background.
    pub history: HashSet<Box<str>>,
    /// Root -> roles that never do an action of that root ("police converged on": no protest).
    pub not_done_by: HashMap<Box<str>, HashSet<Box<str>>>,
    /// (role, trigger word) -> code: an action whose trigger begins with that word, by a
    /// source of that role on a target of its own country that bears no arms, is that code
    /// ("police raided plants": an arrest).
    pub role_code: HashMap<(Box<str>, Box<str>), Box<str>>,
    /// Roles that bear arms (no target of a [`Grammar::role_code`] rewrite).
    pub armed_roles: HashSet<Box<str>>,
    /// Root -> code of an intended action of that root.
    pub intent_code: HashMap<Box<str>, Box<str>>,
    /// Roots whose actions without an object fall on the source's own country.
    pub domestic: HashSet<Box<str>>,
    /// Roots whose "that" clause is the content of the act ("demanded that X withdraw").
    pub complement: HashSet<Box<str>>,
    /// Root -> code of a negated action of that root.
    pub neg_code: HashMap<Box<str>, Box<str>>,
    /// Prepositions whose complement is the target of an action ("against", "on", "with").
    pub target_prep: HashSet<Box<str>>,
    /// Every form of the support verbs whose object noun is the action ("launched strikes").
    pub support: HashSet<Box<str>>,
    /// Roots of material conflict: a city or region under attack stands for its country.
    pub material: HashSet<Box<str>>,
    /// Codes coded with no target when the text names none ("Turkey denied any involvement");
    /// the article may name it elsewhere (the last accuser of a denial).
    pub targetless: HashSet<Box<str>>,
    /// Prepositions of place: an actor after one is where the action happened, not its target
    /// ("agreed to a ceasefire in Syria").
    pub locative: HashSet<Box<str>>,
    /// Roots whose content clause's subject is the target ("demanded that the US cancel").
    pub addressee: HashSet<Box<str>>,
    /// Roots coded with no source when the text names none ("a bomb killed 20").
    pub one_sided: HashSet<Box<str>>,
    /// Root -> code of an assault between two actors that wield words, not arms ("the senator
    /// attacked the government": criticism).
    pub verbal_code: HashMap<Box<str>, Box<str>>,
    /// The CAMEO roles of such actors (GOV, LEG, MED ...).
    pub verbal_roles: HashSet<Box<str>>,
    /// Every grammar word with its [`class`] bits.
    classes: HashMap<Box<str>, u16>,
    class_filter: KeyFilter,
}

impl Grammar {
    /// The [`class`] bits of a lower-case word (0 for a word of no class).
    #[inline]
    pub fn class(&self, word: &str) -> u16 {
        if !self.class_filter.may_contain(word) {
            return 0;
        }
        self.classes.get(word).copied().unwrap_or(0)
    }

    fn build_classes(&mut self) {
        let sets = [
            (&self.be, class::BE),
            (&self.neg, class::NEG),
            (&self.hypo, class::HYPO),
            (&self.intent, class::INTENT),
            (&self.must, class::MUST),
            (&self.say, class::SAY),
            (&self.evaluate, class::EVALUATE),
            (&self.stop, class::STOP),
            (&self.prep, class::PREP),
            (&self.det, class::DET),
            (&self.rel, class::REL),
            (&self.passive_by, class::BY),
            (&self.victims, class::VICTIMS),
            (&self.history, class::HISTORY),
        ];
        let mut classes: HashMap<Box<str>, u16> = HashMap::default();
        for (set, bit) in sets {
            for w in set.iter() {
                *classes.entry(w.clone()).or_default() |= bit;
            }
        }
        for w in classes.keys() {
            self.class_filter.insert(w);
        }
        self.classes = classes;
    }
}

/// The compiled dictionary.
#[derive(Debug)]
pub struct Patterns {
    pub patterns: Vec<Pattern>,
    by_first: HashMap<Box<str>, Vec<u32>>,
    first_filter: KeyFilter,
    pub grammar: Grammar,
}

struct Irregulars {
    verbs: HashMap<String, (Vec<String>, Vec<String>)>,
    nouns: HashMap<String, String>,
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Ends consonant-vowel-consonant ("ban", "admit"): the final consonant may double.
fn ends_cvc(w: &str) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    n >= 3
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

fn plural(noun: &str, irregular: &Irregulars) -> String {
    if let Some(p) = irregular.nouns.get(noun) {
        return p.clone();
    }
    let b = noun.as_bytes();
    if noun.ends_with('s')
        || noun.ends_with('x')
        || noun.ends_with('z')
        || noun.ends_with("ch")
        || noun.ends_with("sh")
    {
        format!("{noun}es")
    } else if noun.ends_with('y') && b.len() >= 2 && !is_vowel(b[b.len() - 2]) {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    }
}

/// The simple past of a verb lemma: the irregular table's first past, else the regular form.
fn past_form(lemma: &str, irregular: &Irregulars) -> String {
    if let Some(past) = irregular.verbs.get(lemma).and_then(|(p, _)| p.first()) {
        return past.clone();
    }
    let b = lemma.as_bytes();
    let n = b.len();
    if lemma.ends_with('e') {
        format!("{lemma}d")
    } else if lemma.ends_with('y') && n >= 2 && !is_vowel(b[n - 2]) {
        format!("{}ied", &lemma[..n - 1])
    } else {
        format!("{lemma}ed")
    }
}

/// Every form of a verb lemma, and the ones that are past participles.
fn verb_forms(lemma: &str, irregular: &Irregulars) -> (Vec<String>, Vec<String>) {
    let b = lemma.as_bytes();
    let n = b.len();
    let mut forms = vec![lemma.to_string()];
    let consonant_y = lemma.ends_with('y') && n >= 2 && !is_vowel(b[n - 2]);
    // Third person singular.
    forms.push(
        if lemma.ends_with('s')
            || lemma.ends_with('x')
            || lemma.ends_with('z')
            || lemma.ends_with("ch")
            || lemma.ends_with("sh")
            || lemma.ends_with('o')
        {
            format!("{lemma}es")
        } else if consonant_y {
            format!("{}ies", &lemma[..n - 1])
        } else {
            format!("{lemma}s")
        },
    );
    // Gerund.
    let stem_e = lemma.ends_with('e')
        && !lemma.ends_with("ee")
        && !lemma.ends_with("ye")
        && !lemma.ends_with("oe");
    if lemma.ends_with("ie") {
        forms.push(format!("{}ying", &lemma[..n - 2]));
    } else if stem_e {
        forms.push(format!("{}ing", &lemma[..n - 1]));
    } else {
        forms.push(format!("{lemma}ing"));
    }
    let cvc = ends_cvc(lemma);
    if cvc {
        forms.push(format!("{lemma}{}ing", &lemma[n - 1..]));
    }
    // Past and participle.
    let mut participles = Vec::new();
    if let Some((past, part)) = irregular.verbs.get(lemma) {
        forms.extend(past.iter().cloned());
        forms.extend(part.iter().cloned());
        participles.extend(part.iter().cloned());
    } else {
        let mut regular = vec![if lemma.ends_with('e') {
            format!("{lemma}d")
        } else if consonant_y {
            format!("{}ied", &lemma[..n - 1])
        } else {
            format!("{lemma}ed")
        }];
        if cvc {
            // Both spellings: the doubled one only exists for some verbs; the other is harmless.
            regular.push(format!("{lemma}{}ed", &lemma[n - 1..]));
        }
        forms.extend(regular.iter().cloned());
        participles.extend(regular);
    }
    forms.sort();
    forms.dedup();
    (forms, participles)
}

fn word_set(words: &[&str]) -> HashSet<Box<str>> {
    words.iter().map(|w| Box::from(*w)).collect()
}

impl Patterns {
    /// Compile a dictionary text of the `cameo-patterns.tsv` format (tests and tools).
    pub fn parse(text: &'static str) -> Result<Patterns, KnowledgeError> {
        let k = Knowledge::new(Sources {
            cameo_patterns: text,
            ..Sources::EMPTY
        });
        Patterns::new(k.cameo_patterns()?)
    }

    /// Compile the dictionary's lines (the format is documented at the top of the file).
    pub fn new(lines: &[CameoPattern]) -> Result<Patterns, KnowledgeError> {
        // Irregular forms first: pattern lines may come before or after them.
        let mut irregular = Irregulars {
            verbs: HashMap::default(),
            nouns: HashMap::default(),
        };
        let mut grammar = Grammar::default();
        let mut support_lemmas: Vec<String> = Vec::new();
        for CameoPattern { row, line } in lines {
            let PatternLine::Directive { name, cells } = line else {
                continue;
            };
            let words: Vec<&str> = cells.iter().flat_map(|c| c.split(' ')).collect();
            let err = |m: &str| row.error(m);
            match *name {
                "verb" => {
                    let [lemma, past, part] = cells[..] else {
                        return Err(err("@verb needs LEMMA PAST PARTICIPLE"));
                    };
                    let list = |s: &str| s.split('|').map(str::to_string).collect::<Vec<_>>();
                    irregular
                        .verbs
                        .insert(lemma.to_string(), (list(past), list(part)));
                }
                "noun" => {
                    let [sing, plur] = cells[..] else {
                        return Err(err("@noun needs SINGULAR PLURAL"));
                    };
                    irregular.nouns.insert(sing.to_string(), plur.to_string());
                }
                "be" => grammar.be = word_set(&words),
                "neg" => grammar.neg = word_set(&words),
                "hypo" => grammar.hypo = word_set(&words),
                "intent" => grammar.intent = word_set(&words),
                "must" => grammar.must = word_set(&words),
                "say" => grammar.say = word_set(&words),
                "evaluate" => grammar.evaluate = word_set(&words),
                "stop" => grammar.stop = word_set(&words),
                "prep" => grammar.prep = word_set(&words),
                "det" => grammar.det = word_set(&words),
                "rel" => grammar.rel = word_set(&words),
                "domestic" => grammar.domestic = word_set(&words),
                "complement" => grammar.complement = word_set(&words),
                "passiveby" => grammar.passive_by = word_set(&words),
                "victims" => grammar.victims = word_set(&words),
                "history" => grammar.history = word_set(&words),
                "armedroles" => grammar.armed_roles = word_set(&words),
                "notdoneby" => {
                    let Some((root, roles)) = words.split_first() else {
                        return Err(err("@notdoneby needs ROOT ROLES..."));
                    };
                    grammar.not_done_by.insert((*root).into(), word_set(roles));
                }
                "rolecode" => {
                    let [role, from, to] = cells[..] else {
                        return Err(err("@rolecode needs ROLE WORD CODE"));
                    };
                    grammar
                        .role_code
                        .insert((role.into(), from.into()), to.into());
                }
                "targetprep" => grammar.target_prep = word_set(&words),
                "material" => grammar.material = word_set(&words),
                "onesided" => grammar.one_sided = word_set(&words),
                "addressee" => grammar.addressee = word_set(&words),
                "targetless" => grammar.targetless = word_set(&words),
                "locative" => grammar.locative = word_set(&words),
                "verbalroles" => grammar.verbal_roles = word_set(&words),
                "support" => support_lemmas.extend(words.iter().map(|w| w.to_string())),
                "intentcode" | "negcode" | "verbalcode" => {
                    let [root, code] = cells[..] else {
                        return Err(err("needs ROOT CODE"));
                    };
                    let map = match *name {
                        "intentcode" => &mut grammar.intent_code,
                        "negcode" => &mut grammar.neg_code,
                        _ => &mut grammar.verbal_code,
                    };
                    map.insert(root.into(), code.into());
                }
                other => return Err(err(&format!("unknown directive @{other}"))),
            }
        }
        for lemma in &support_lemmas {
            let (forms, _) = verb_forms(lemma, &irregular);
            grammar.support.extend(forms.into_iter().map(Box::from));
        }
        grammar.build_classes();
        let mut patterns = Vec::new();
        let mut by_first: HashMap<Box<str>, Vec<u32>> = HashMap::default();
        for CameoPattern { row, line } in lines {
            let PatternLine::Pattern {
                code,
                pattern: body,
                flags,
            } = *line
            else {
                continue;
            };
            let err = |m: &str| row.error(m);
            let line = row.line;
            if code.len() < 2 || !code.bytes().all(|b| b.is_ascii_digit()) {
                return Err(err(&format!("bad CAMEO code {code:?}")));
            }
            let mut elems = Vec::new();
            let mut participles = Vec::new();
            let mut past = None;
            let verb_head = body.split(' ').next().is_some_and(|t| t.ends_with('+'));
            for (k, token) in body.split(' ').enumerate() {
                if token == "*" {
                    if k == 0 {
                        return Err(err("a pattern cannot start with a gap"));
                    }
                    elems.push(Elem::Gap);
                    continue;
                }
                let forms: Vec<String> = if let Some(lemma) = token.strip_suffix('+') {
                    let (forms, parts) = verb_forms(lemma, &irregular);
                    if k == 0 {
                        participles = parts;
                        past = Some(Box::from(past_form(lemma, &irregular)));
                    }
                    forms
                } else if let Some(noun) = token.strip_suffix('~') {
                    vec![noun.to_string(), plural(noun, &irregular)]
                } else {
                    vec![token.to_string()]
                };
                elems.push(Elem::Forms(forms.into_iter().map(Box::from).collect()));
            }
            let mut recip = false;
            let mut both = false;
            let mut no_passive = false;
            let mut gist = false;
            for flag in flags.split(',').map(str::trim).filter(|f| !f.is_empty()) {
                match flag {
                    "recip" => recip = true,
                    "both" => {
                        recip = true;
                        both = true
                    }
                    "nopassive" => no_passive = true,
                    "noun" => no_passive = true,
                    "gist" => gist = true,
                    other => return Err(err(&format!("unknown flag {other:?}"))),
                }
            }
            let weight = elems.iter().filter(|e| matches!(e, Elem::Forms(_))).count();
            let id = patterns.len() as u32;
            if let Some(Elem::Forms(first)) = elems.first() {
                for f in first.iter() {
                    by_first.entry(f.clone()).or_default().push(id);
                }
            }
            patterns.push(Pattern {
                code: code.into(),
                elems: elems.into(),
                participles: participles.into_iter().map(Box::from).collect(),
                past,
                recip,
                both,
                no_passive,
                verb_head,
                gist,
                governs: verb_head || body.ends_with(" to"),
                weight,
                line,
            });
        }
        let mut first_filter = KeyFilter::default();
        for k in by_first.keys() {
            first_filter.insert(k);
        }
        Ok(Patterns {
            patterns,
            by_first,
            first_filter,
            grammar,
        })
    }

    /// Try pattern `p` at word `at`; returns the end (exclusive) of the match.
    fn try_match(&self, p: &Pattern, words: &[&str], stops: &[bool], at: usize) -> Option<usize> {
        fn go(elems: &[Elem], words: &[&str], stops: &[bool], pos: usize) -> Option<usize> {
            let Some((first, rest)) = elems.split_first() else {
                return Some(pos);
            };
            match first {
                Elem::Forms(forms) => {
                    let w = words.get(pos)?;
                    if forms.iter().any(|f| &**f == *w) {
                        go(rest, words, stops, pos + 1)
                    } else {
                        None
                    }
                }
                Elem::Gap => {
                    for skip in 0..=MAX_GAP {
                        if skip > 0 && stops.get(pos + skip - 1).copied().unwrap_or(true) {
                            break;
                        }
                        if let Some(end) = go(rest, words, stops, pos + skip) {
                            return Some(end);
                        }
                    }
                    None
                }
            }
        }
        go(&p.elems, words, stops, at)
    }

    /// All non-overlapping matches in a sentence, left to right; `words` are lower-cased word
    /// texts and `stops[i]` tells that word i may not be skipped by a gap (punctuation).
    /// A verb pattern never starts right after a determiner: "the meeting" is a noun.
    pub fn find(&self, words: &[&str], stops: &[bool], classes: &[u16], out: &mut Vec<Match>) {
        let mut i = 0;
        while i < words.len() {
            let mut best: Option<(usize, usize, u32)> = None; // (weight, end, id)
            let after_det = i > 0 && classes[i - 1] & class::DET != 0;
            let cands = if self.first_filter.may_contain(words[i]) {
                self.by_first.get(words[i])
            } else {
                None
            };
            if let Some(cands) = cands {
                for &id in cands {
                    let p = &self.patterns[id as usize];
                    if after_det && p.verb_head {
                        continue;
                    }
                    if let Some(end) = self.try_match(p, words, stops, i) {
                        let better = match best {
                            None => true,
                            Some((w, e, b)) => {
                                (p.weight, end, p.code.len())
                                    > (w, e, self.patterns[b as usize].code.len())
                            }
                        };
                        if better {
                            best = Some((p.weight, end, id));
                        }
                    }
                }
            }
            match best {
                Some((_, end, id)) => {
                    let p = &self.patterns[id as usize];
                    let participle = p.participles.iter().any(|f| &**f == words[i]);
                    out.push(Match {
                        pattern: id,
                        start: i,
                        end,
                        participle,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn irregular() -> Irregulars {
        let mut verbs = HashMap::default();
        verbs.insert(
            "meet".to_string(),
            (vec!["met".to_string()], vec!["met".to_string()]),
        );
        Irregulars {
            verbs,
            nouns: HashMap::default(),
        }
    }

    #[test]
    fn regular_and_irregular_inflections() {
        let irr = irregular();
        let (f, p) = verb_forms("accuse", &irr);
        assert!(
            f.contains(&"accused".into())
                && f.contains(&"accusing".into())
                && f.contains(&"accuses".into())
        );
        assert_eq!(p, ["accused"]);
        let (f, _) = verb_forms("ban", &irr);
        assert!(f.contains(&"banned".into()) && f.contains(&"banning".into()));
        let (f, _) = verb_forms("criticize", &irr);
        assert!(f.contains(&"criticized".into()));
        let (f, _) = verb_forms("deny", &irr);
        assert!(
            f.contains(&"denied".into())
                && f.contains(&"denies".into())
                && f.contains(&"denying".into())
        );
        let (f, p) = verb_forms("meet", &irr);
        assert!(f.contains(&"met".into()) && f.contains(&"meeting".into()));
        assert_eq!(p, ["met"]);
        assert_eq!(plural("sanction", &irr), "sanctions");
        assert_eq!(plural("rally", &irr), "rallies");
    }

    #[test]
    fn longest_pattern_wins_and_gaps_stop_at_punctuation() {
        let p = Patterns::parse("163\timpose+ * sanctions\n172\timpose+\n").unwrap();
        let words = [
            "they",
            "imposed",
            "new",
            "economic",
            "sanctions",
            "on",
            "iran",
        ];
        let stops = [false; 7];
        let mut out = Vec::new();
        p.find(&words, &stops, &[0; 7], &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&*p.patterns[out[0].pattern as usize].code, "163");
        assert_eq!((out[0].start, out[0].end), (1, 5));
        let stops = [false, false, true, false, false, false, false];
        out.clear();
        p.find(&words, &stops, &[0; 7], &mut out);
        assert_eq!(&*p.patterns[out[0].pattern as usize].code, "172");
    }

    #[test]
    fn bad_lines_are_reported_with_their_number() {
        let e = Patterns::parse("# c\n16x\tfoo\n").unwrap_err();
        assert_eq!(e.line, 2);
        assert_eq!(e.file, "data/cameo-patterns.tsv");
        assert!(Patterns::parse("010\t* said\n").is_err());
    }
}
