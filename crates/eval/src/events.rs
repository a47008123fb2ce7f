//! `events`: CAMEO events matched one to one between gold and output.
//!
//! Actors compare on the first three letters of their codes (the country or group: "HUNGOV"
//! and "HUN" agree), upper-cased; a null gold side matches any output side, a null output side
//! matches only a null gold side. Three matchings, each a maximum one-to-one matching:
//! - dyad: actors only;
//! - root: actors and the root code (gold `code`'s first two digits or one of `cameo_roots`;
//!   a gold event with neither accepts any root);
//! - code: actors and the full code, over gold events that carry a code only, in cases that
//!   have at least one (so a set coded by PLOVER category alone has no `events.code` figure).
//!
//! F1 of each from matched/output/gold counts summed over cases.

use crate::tally::{max_matching, Tally};

/// A gold event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoldEvent {
    pub source: Option<String>,
    pub target: Option<String>,
    pub code: Option<String>,
    pub cameo_roots: Vec<String>,
}

/// An output event.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutputEvent {
    pub source: Option<String>,
    pub target: Option<String>,
    pub code: String,
    pub root: String,
}

/// The part of an actor code that is compared: its first three letters, upper-cased.
fn actor_key(code: &str) -> String {
    code.trim()
        .chars()
        .take(3)
        .collect::<String>()
        .to_uppercase()
}

/// Whether a gold and an output actor agree (a null gold side agrees with anything).
fn actor_match(gold: Option<&str>, output: Option<&str>) -> bool {
    match (gold, output) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(g), Some(o)) => actor_key(g) == actor_key(o),
    }
}

/// Whether the actors of an output event agree with the gold event's.
pub fn dyad_match(gold: &GoldEvent, output: &OutputEvent) -> bool {
    actor_match(gold.source.as_deref(), output.source.as_deref())
        && actor_match(gold.target.as_deref(), output.target.as_deref())
}

/// The output event's root: its `root`, or the first two digits of its code.
pub fn output_root(output: &OutputEvent) -> &str {
    let root = output.root.trim();
    if !root.is_empty() {
        return root;
    }
    let code = output.code.trim();
    code.get(..2).unwrap_or(code)
}

/// Whether the output event's root is one the gold event accepts (actors not checked).
pub fn root_match(gold: &GoldEvent, output: &OutputEvent) -> bool {
    let root = output_root(output);
    let code_root = gold.code.as_deref().map(|c| {
        let c = c.trim();
        c.get(..2).unwrap_or(c)
    });
    if code_root.is_none() && gold.cameo_roots.is_empty() {
        return true;
    }
    code_root == Some(root) || gold.cameo_roots.iter().any(|r| r.trim() == root)
}

/// Dyad, root and code tallies of one case; the code tally is `None` when no gold event of
/// the case has a code.
pub fn event_tallies(gold: &[GoldEvent], output: &[OutputEvent]) -> (Tally, Tally, Option<Tally>) {
    let count = |fits: &dyn Fn(&GoldEvent, &OutputEvent) -> bool| {
        max_matching(gold.len(), output.len(), |g, o| fits(&gold[g], &output[o]))
    };
    let dyad = Tally::new(count(&dyad_match), output.len(), gold.len());
    let root = Tally::new(
        count(&|g, o| dyad_match(g, o) && root_match(g, o)),
        output.len(),
        gold.len(),
    );
    let coded: Vec<&GoldEvent> = gold.iter().filter(|g| g.code.is_some()).collect();
    let code = (!coded.is_empty()).then(|| {
        let matched = max_matching(coded.len(), output.len(), |g, o| {
            let (g, o) = (coded[g], &output[o]);
            dyad_match(g, o) && g.code.as_deref().map(str::trim) == Some(o.code.trim())
        });
        Tally::new(matched, output.len(), coded.len())
    });
    (dyad, root, code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gold(
        source: Option<&str>,
        target: Option<&str>,
        code: Option<&str>,
        roots: &[&str],
    ) -> GoldEvent {
        GoldEvent {
            source: source.map(str::to_string),
            target: target.map(str::to_string),
            code: code.map(str::to_string),
            cameo_roots: roots.iter().map(|r| r.to_string()).collect(),
        }
    }

    fn out(source: Option<&str>, target: Option<&str>, code: &str) -> OutputEvent {
        OutputEvent {
            source: source.map(str::to_string),
            target: target.map(str::to_string),
            code: code.to_string(),
            root: code.get(..2).unwrap_or("").to_string(),
        }
    }

    #[test]
    fn plover_style_gold_with_roots_and_null_sides() {
        let gold = [
            gold(Some("HUNGOV"), Some("ROUGOV"), None, &["03"]),
            gold(Some("ROUGOV"), Some("HUNGOV"), None, &["03"]),
            gold(Some("USAMIL"), None, None, &["18", "19"]),
        ];
        let output = [
            out(Some("HUN"), Some("ROUGOV"), "036"), // dyad and root right
            out(Some("ROU"), Some("HUN"), "040"),    // dyad right, root wrong
            out(Some("USA"), Some("IRQ"), "190"),    // null gold target: dyad and root right
            out(None, Some("HUN"), "036"),           // null output source matches nothing
        ];
        let (dyad, root, code) = event_tallies(&gold, &output);
        assert_eq!(dyad, Tally::new(3, 4, 3));
        assert_eq!(root, Tally::new(2, 4, 3));
        assert_eq!(code, None);
    }

    #[test]
    fn coded_gold_scores_full_codes_one_to_one() {
        let gold = [
            gold(Some("USA"), Some("RUS"), Some("040"), &[]),
            gold(Some("USA"), Some("RUS"), Some("042"), &[]),
        ];
        // Two outputs with the same dyad: each gold event gets its own.
        let output = [
            out(Some("USAGOV"), Some("RUS"), "042"),
            out(Some("USA"), Some("RUS"), "043"),
        ];
        let (dyad, root, code) = event_tallies(&gold, &output);
        assert_eq!(dyad, Tally::new(2, 2, 2));
        assert_eq!(root, Tally::new(2, 2, 2));
        assert_eq!(code, Some(Tally::new(1, 2, 2)));
        // One output cannot match both gold events.
        let (dyad, _, code) = event_tallies(&gold, &output[..1]);
        assert_eq!(dyad, Tally::new(1, 1, 2));
        assert_eq!(code, Some(Tally::new(1, 1, 2)));
    }

    #[test]
    fn mixed_coded_gold_counts_only_coded_events_for_code() {
        let gold = [
            gold(Some("SYR"), Some("TUR"), Some("190"), &[]),
            gold(Some("TUR"), Some("SYR"), None, &["19", "20"]),
        ];
        let output = [out(Some("SYRMIL"), Some("TURMIL"), "190")];
        let (dyad, root, code) = event_tallies(&gold, &output);
        assert_eq!(dyad, Tally::new(1, 1, 2));
        assert_eq!(root, Tally::new(1, 1, 2));
        assert_eq!(code, Some(Tally::new(1, 1, 1)));
    }

    #[test]
    fn root_accepts_the_code_root_or_a_listed_root() {
        let both = gold(Some("USA"), Some("RUS"), Some("042"), &["05"]);
        let (_, root, _) = event_tallies(
            std::slice::from_ref(&both),
            &[out(Some("USA"), Some("RUS"), "051")],
        );
        assert_eq!(root.matched, 1);
        let (_, root, _) = event_tallies(&[both], &[out(Some("USA"), Some("RUS"), "040")]);
        assert_eq!(root.matched, 1);
        let unknown = gold(Some("USA"), Some("RUS"), None, &[]);
        let (_, root, _) = event_tallies(&[unknown], &[out(Some("USA"), Some("RUS"), "173")]);
        assert_eq!(root.matched, 1);
    }

    #[test]
    fn empty_sides() {
        let some = [gold(Some("USA"), Some("RUS"), Some("040"), &[])];
        assert_eq!(
            event_tallies(&[], &[]),
            (Tally::default(), Tally::default(), None)
        );
        let (dyad, _, code) = event_tallies(&some, &[]);
        assert_eq!(dyad, Tally::new(0, 0, 1));
        assert_eq!(code, Some(Tally::new(0, 0, 1)));
        let (dyad, root, code) = event_tallies(&[], &[out(Some("USA"), None, "010")]);
        assert_eq!(
            (dyad, root, code),
            (Tally::new(0, 1, 0), Tally::new(0, 1, 0), None)
        );
    }
}
