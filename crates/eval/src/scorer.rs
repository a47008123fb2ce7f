//! [`Scorer`]: feeds each case's output to the scorer of every gold key the case carries, per
//! set, and turns the sums into a [`Report`].
//!
//! Gold keys are read by [`crate::items`] (a key that is null or of the wrong shape is not
//! scored) and output records through [`crate::record`] (a missing field contributes nothing).
//! An error output (an `Err`, or a record with a non-null `error`) counts as all wrong on every
//! key, never skipped.

use crate::body::BodyScore;
use crate::boilerplate::absent_lines;
use crate::case::Case;
use crate::cluster::{bcubed, Story};
use crate::counts::count_tallies;
use crate::entities::mention_tallies;
use crate::events::event_tallies;
use crate::geo::{place_tally, toponym_tally, GeoTally};
use crate::items::{
    self, count_pairs, gold_events, gold_key, gold_list, id_string, mention_pairs, output_events,
    quote_views, scored_quote_views, typed_pairs,
};
use crate::meta::{date_match, title_match};
use crate::quotes::{quote_tally, QuoteTally};
use crate::record::{error_of, list_field, mentions, str_field, MentionView};
use crate::report::{Report, Row, ERRORS_KEY, ERRORS_METRIC};
use crate::tally::Tally;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Right answers out of cases, for keys scored as accuracy per case.
#[derive(Debug, Default)]
struct Accuracy {
    right: usize,
    cases: usize,
}

/// Micro tallies of a key with a per-type breakdown.
///
/// The figures of the key count only the types the set's gold annotates: a set of KILL/WOUND
/// counts says nothing about the arrests an article reports, so an ARREST output is neither
/// right nor wrong there (counting it wrong would teach the engine to drop true facts). Only
/// when the set's gold holds no item at all does every output item count.
#[derive(Debug, Default)]
struct Typed {
    cases: usize,
    total: Tally,
    by_type: BTreeMap<String, Tally>,
    /// Types seen in the gold: the ones scored, each with a breakdown row.
    gold_types: BTreeSet<String>,
}

impl Typed {
    fn add(&mut self, tallies: BTreeMap<String, Tally>) {
        self.cases += 1;
        for (kind, tally) in tallies {
            self.total.add(tally);
            if tally.gold > 0 {
                self.gold_types.insert(kind.clone());
            }
            self.by_type.entry(kind).or_default().add(tally);
        }
    }

    /// The tally over the annotated types (every type when the gold annotates none).
    fn annotated_total(&self) -> Tally {
        if self.gold_types.is_empty() {
            return self.total;
        }
        let mut total = Tally::default();
        for kind in &self.gold_types {
            total.add(self.by_type.get(kind).copied().unwrap_or_default());
        }
        total
    }
}

#[derive(Debug, Default)]
struct Sum<T> {
    cases: usize,
    tally: T,
}

/// Everything accumulated for one set.
#[derive(Debug, Default)]
struct SetScore {
    name: String,
    cases: usize,
    errors: usize,
    body: BodyScore,
    boilerplate: Sum<(usize, usize)>,
    title: Accuracy,
    published: Accuracy,
    entities: Typed,
    quotes: Sum<QuoteTally>,
    counts: Typed,
    toll: Typed,
    toponyms: Sum<GeoTally>,
    places: Sum<GeoTally>,
    events_dyad: Sum<Tally>,
    events_root: Sum<Tally>,
    events_code: Sum<Tally>,
    cluster: Vec<(String, Story)>,
}

/// Accumulates the scores of cases, set by set; [`Scorer::finish`] gives the report.
#[derive(Debug, Default)]
pub struct Scorer {
    sets: Vec<SetScore>,
    index: HashMap<String, usize>,
}

impl Scorer {
    pub fn new() -> Self {
        Scorer::default()
    }

    fn set_mut(&mut self, name: &str) -> &mut SetScore {
        let next = self.sets.len();
        let at = *self.index.entry(name.to_string()).or_insert(next);
        if at == next {
            self.sets.push(SetScore {
                name: name.to_string(),
                ..SetScore::default()
            });
        }
        &mut self.sets[at]
    }

    /// Scores one case. `output` is the engine's record for it (a `serde_json::Value` per
    /// OUTPUT.md) or the error message of a case that failed.
    pub fn add(&mut self, case: &Case, output: Result<&Value, &str>) {
        let record = output.ok().filter(|r| error_of(r).is_none());
        let gold = &case.gold;
        let set = self.set_mut(&case.set);
        set.cases += 1;
        if record.is_none() {
            set.errors += 1;
        }
        let text = record.and_then(|r| str_field(r, "text"));
        let record_mentions: Vec<MentionView> = record.map(mentions).unwrap_or_default();

        if let Some(body) = gold_key(gold, "body").and_then(Value::as_str) {
            set.body.add(body, record.map(|_| text.unwrap_or("")));
        }
        if let Some(lines) = gold_list(gold, "boilerplate") {
            let lines = items::lines(lines);
            let absent = match record {
                Some(_) => absent_lines(&lines, text.unwrap_or("")),
                None => 0,
            };
            set.boilerplate.cases += 1;
            set.boilerplate.tally.0 += absent;
            set.boilerplate.tally.1 += lines.len();
        }
        if let Some(title) = gold_key(gold, "title").and_then(Value::as_str) {
            set.title.cases += 1;
            if title_match(title, record.and_then(|r| str_field(r, "title"))) {
                set.title.right += 1;
            }
        }
        if let Some(published) = gold_key(gold, "published").and_then(Value::as_str) {
            set.published.cases += 1;
            if date_match(published, record.and_then(|r| str_field(r, "published"))) {
                set.published.right += 1;
            }
        }
        if let Some(entities) = gold_list(gold, "entities") {
            let gold_pairs = typed_pairs(entities);
            let output_pairs = mention_pairs(&record_mentions);
            set.entities
                .add(mention_tallies(&gold_pairs, &output_pairs));
        }
        if let Some(quotes) = gold_list(gold, "quotes") {
            let output_quotes = record
                .map(|r| scored_quote_views(&case.set, list_field(r, "quotes")))
                .unwrap_or_default();
            set.quotes.cases += 1;
            set.quotes
                .tally
                .add(quote_tally(&quote_views(quotes), &output_quotes));
        }
        if let Some(counts) = gold_list(gold, "counts") {
            let output_counts = record
                .map(|r| count_pairs(list_field(r, "counts")))
                .unwrap_or_default();
            set.counts
                .add(count_tallies(&count_pairs(counts), &output_counts));
        }
        if let Some(toll) = gold_list(gold, "toll") {
            let output_toll = record
                .map(|r| count_pairs(list_field(r, "toll")))
                .unwrap_or_default();
            set.toll
                .add(count_tallies(&count_pairs(toll), &output_toll));
        }
        if let Some(toponyms) = gold_list(gold, "toponyms") {
            let gold_toponyms = items::toponyms(toponyms);
            set.toponyms.cases += 1;
            set.toponyms
                .tally
                .add(toponym_tally(&gold_toponyms, &record_mentions));
        }
        if let Some(places) = gold_list(gold, "places") {
            let gold_places = items::places(places);
            set.places.cases += 1;
            set.places
                .tally
                .add(place_tally(&gold_places, &record_mentions));
        }
        if let Some(events) = gold_list(gold, "events") {
            let output = record.map(output_events).unwrap_or_default();
            let (dyad, root, code) = event_tallies(&gold_events(events), &output);
            set.events_dyad.cases += 1;
            set.events_dyad.tally.add(dyad);
            set.events_root.cases += 1;
            set.events_root.tally.add(root);
            if let Some(code) = code {
                set.events_code.cases += 1;
                set.events_code.tally.add(code);
            }
        }
        if let Some(cluster) = gold_key(gold, "cluster").and_then(id_string) {
            let story = match record {
                None => Story::Error,
                Some(r) => match r.get("story").and_then(id_string) {
                    Some(id) => Story::Id(id),
                    None => Story::Alone,
                },
            };
            set.cluster.push((cluster, story));
        }
    }

    /// The figures of every set scored, in the order the sets were first seen.
    pub fn finish(self) -> Report {
        let mut rows = Vec::new();
        for set in &self.sets {
            set.rows(&mut rows);
        }
        Report { rows }
    }
}

impl SetScore {
    fn rows(&self, rows: &mut Vec<Row>) {
        let mut push = |key: &str, metric: &str, value: f64, cases: usize, items: usize| {
            rows.push(Row {
                set: self.name.clone(),
                key: key.to_string(),
                metric: metric.to_string(),
                value,
                cases,
                items,
            });
        };
        let share = |part: usize, whole: usize| {
            if whole > 0 {
                part as f64 / whole as f64
            } else {
                0.0
            }
        };
        push(
            ERRORS_KEY,
            ERRORS_METRIC,
            self.errors as f64,
            self.cases,
            self.cases,
        );
        if self.body.cases > 0 {
            let (p, r, f1, f1_of_means) = self.body.means();
            let n = self.body.cases;
            push("body", "precision", p, n, n);
            push("body", "recall", r, n, n);
            push("body", "f1", f1, n, n);
            push("body", "f1_of_means", f1_of_means, n, n);
        }
        if self.boilerplate.cases > 0 {
            let (absent, lines) = self.boilerplate.tally;
            let n = self.boilerplate.cases;
            let value = if lines > 0 {
                absent as f64 / lines as f64
            } else {
                1.0
            };
            push("boilerplate", "removed", value, n, lines);
        }
        for (key, acc) in [("title", &self.title), ("published", &self.published)] {
            if acc.cases > 0 {
                push(
                    key,
                    "accuracy",
                    share(acc.right, acc.cases),
                    acc.cases,
                    acc.cases,
                );
            }
        }
        for (key, typed) in [
            ("entities", &self.entities),
            ("counts", &self.counts),
            ("toll", &self.toll),
        ] {
            if typed.cases == 0 {
                continue;
            }
            let mut prf_rows = |key: &str, tally: Tally| {
                let prf = tally.prf();
                push(key, "precision", prf.precision, typed.cases, tally.gold);
                push(key, "recall", prf.recall, typed.cases, tally.gold);
                push(key, "f1", prf.f1, typed.cases, tally.gold);
            };
            prf_rows(key, typed.annotated_total());
            for kind in &typed.gold_types {
                let tally = typed.by_type.get(kind).copied().unwrap_or_default();
                prf_rows(&format!("{key}.{kind}"), tally);
            }
        }
        if self.quotes.cases > 0 {
            let q = self.quotes.tally;
            let n = self.quotes.cases;
            let prf = Tally::new(q.matched, q.output, q.gold).prf();
            push("quotes", "precision", prf.precision, n, q.gold);
            push("quotes", "recall", prf.recall, n, q.gold);
            push("quotes", "f1", prf.f1, n, q.gold);
            push(
                "quotes",
                "speaker_accuracy",
                share(q.speaker_right, q.with_speaker),
                n,
                q.with_speaker,
            );
        }
        for (key, geo) in [("toponyms", &self.toponyms), ("places", &self.places)] {
            if geo.cases > 0 {
                let g = geo.tally;
                push(key, "accuracy", share(g.right, g.gold), geo.cases, g.gold);
                push(
                    key,
                    "accuracy_1to1",
                    share(g.right_one_to_one, g.gold),
                    geo.cases,
                    g.gold,
                );
            }
        }
        for (key, sum) in [
            ("events.dyad", &self.events_dyad),
            ("events.root", &self.events_root),
            ("events.code", &self.events_code),
        ] {
            if sum.cases > 0 {
                let prf = sum.tally.prf();
                push(key, "precision", prf.precision, sum.cases, sum.tally.gold);
                push(key, "recall", prf.recall, sum.cases, sum.tally.gold);
                push(key, "f1", prf.f1, sum.cases, sum.tally.gold);
            }
        }
        if !self.cluster.is_empty() {
            let prf = bcubed(&self.cluster);
            let n = self.cluster.len();
            push("cluster", "bcubed_precision", prf.precision, n, n);
            push("cluster", "bcubed_recall", prf.recall, n, n);
            push("cluster", "bcubed_f1", prf.f1, n, n);
        }
    }
}
