//! The gazetteer, the layer above the lexicon: every named thing the entity stages know,
//! compiled once from the knowledge layer's tables. `countries.tsv`, `places.tsv`,
//! `people.tsv` and `organizations.tsv` go into one case-sensitive Aho-Corasick matcher over
//! every name and alias, plus a case-folded index for looking up what the tagger found;
//! `places-small.tsv` (towns under 15,000 people, counties) goes only into that index, since
//! too many of its names are also words or surnames ("Price", "Hope") to be matched in free
//! text.

use crate::lexicon::lower_hash;
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
pub use newsgraph_knowledge::{Country, Org, Person, Place};
use newsgraph_knowledge::{Knowledge, KnowledgeError};
use newsgraph_model::{Span, Token};

pub use newsgraph_model::hash::{FastMap, FastSet};

/// What a surface form may refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ref {
    Country(u32),
    Demonym(u32),
    Place(u32),
    Person(u32),
    Org(u32),
}

/// Gazetteer mark kinds used as tagger features (bit `2*kind` begins, `2*kind+1` inside).
impl Ref {
    fn mark_kind(self, places: &[Place]) -> u32 {
        match self {
            Ref::Country(_) => 0,
            Ref::Demonym(_) => 1,
            Ref::Place(i) => {
                if places
                    .get(i as usize)
                    .is_some_and(|p| p.feature.starts_with('A'))
                {
                    3
                } else {
                    2
                }
            }
            Ref::Person(_) => 4,
            Ref::Org(_) => 5,
        }
    }
}

/// A gazetteer hit in a text.
#[derive(Debug, Clone, Copy)]
pub struct Hit {
    pub span: Span,
    pub form: u32,
}

/// Every list the entity stages read, compiled.
#[derive(Default)]
pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub places: Vec<Place>,
    pub people: Vec<Person>,
    pub orgs: Vec<Org>,
    /// Surface forms, in matcher pattern order, and what each may refer to.
    pub forms: Vec<(String, Vec<Ref>)>,
    matcher: Option<AhoCorasick>,
    /// Lower-cased form -> form indices.
    by_lower: FastMap<String, Vec<u32>>,
    /// Exact form -> form index.
    by_exact: FastMap<String, u32>,
    /// Places from `places-small.tsv` are `places[small_from..]`.
    pub small_from: usize,
    /// (case-folded hash of a small place's name or alternate, place index), sorted.
    small_keys: Vec<(u64, u32)>,
    /// A person's name -> the indices of their rows in `people` (terms of office), in order.
    terms: FastMap<&'static str, Vec<u32>>,
}

impl Gazetteer {
    /// Compile the gazetteers of `k`.
    pub fn new(k: &Knowledge) -> Result<Gazetteer, KnowledgeError> {
        let mut g = Gazetteer::default();
        let mut forms: FastMap<String, Vec<Ref>> = FastMap::default();
        let mut add = |form: &str, r: Ref| {
            let form = form.trim();
            // One-letter forms and forms without a capital are too ambiguous to match in text.
            if form.chars().count() < 2 || !form.chars().any(|c| c.is_uppercase()) {
                return;
            }
            let refs = forms.entry(form.to_string()).or_default();
            if !refs.contains(&r) {
                refs.push(r);
            }
        };
        for c in k.countries()? {
            let i = g.countries.len() as u32;
            add(c.name, Ref::Country(i));
            for a in c.aliases() {
                add(a, Ref::Country(i));
            }
            for d in c.demonyms() {
                // Some rows join two adjectivals with a comma ("Antiguan,Barbudan").
                for part in d.split(',') {
                    add(part, Ref::Demonym(i));
                }
            }
            g.countries.push(*c);
        }
        for p in k.places()? {
            let i = g.places.len() as u32;
            add(p.name, Ref::Place(i));
            for a in p.alternate_names() {
                add(a, Ref::Place(i));
            }
            g.places.push(*p);
        }
        for p in k.people()? {
            // One person may have several rows (terms of office): refs point at the first.
            let row = g.people.len() as u32;
            let rows = g.terms.entry(p.name).or_default();
            let i = rows.first().copied().unwrap_or(row);
            rows.push(row);
            g.people.push(*p);
            add(p.name, Ref::Person(i));
            for a in p.aliases() {
                add(a, Ref::Person(i));
            }
        }
        for o in k.organizations()? {
            let i = g.orgs.len() as u32;
            add(o.name, Ref::Org(i));
            for a in o.aliases() {
                add(a, Ref::Org(i));
            }
            g.orgs.push(*o);
        }
        let mut forms: Vec<(String, Vec<Ref>)> = forms.into_iter().collect();
        forms.sort_by(|a, b| a.0.cmp(&b.0));
        for (k, (f, _)) in forms.iter().enumerate() {
            g.by_lower
                .entry(f.to_lowercase())
                .or_default()
                .push(k as u32);
            g.by_exact.insert(f.clone(), k as u32);
        }
        g.matcher = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(forms.iter().map(|f| f.0.as_str()))
            .ok();
        g.forms = forms;
        // After the matcher, whose build needs much memory for a moment: the small places
        // are not matched in text, only looked up.
        g.add_small_places(k.places_small())?;
        Ok(g)
    }

    /// Add the lookup-only places of `places-small.tsv`. The file has some 180,000 rows, so
    /// keys are case-folded hashes in one sorted vector.
    fn add_small_places(
        &mut self,
        small: impl ExactSizeIterator<Item = Result<Place, KnowledgeError>>,
    ) -> Result<(), KnowledgeError> {
        self.small_from = self.places.len();
        let mut keys: Vec<(u64, u32)> = Vec::new();
        self.places.reserve_exact(small.len());
        for p in small {
            let p = p?;
            let i = self.places.len() as u32;
            // A region's row only carries its short forms: its name is in the main list.
            let own = (p.feature != "A.ADM1").then_some(p.name);
            for form in own.into_iter().chain(p.alternate_names()) {
                if form.chars().nth(1).is_some() {
                    keys.push((lower_hash(form), i));
                }
            }
            self.places.push(p);
        }
        keys.sort_unstable();
        keys.dedup();
        self.small_keys = keys;
        Ok(())
    }

    /// Small places whose name or alternate is `name`, case-folded.
    fn small_lookup(&self, name: &str) -> impl Iterator<Item = u32> + '_ {
        let h = lower_hash(name);
        let from = self.small_keys.partition_point(|k| k.0 < h);
        self.small_keys[from..]
            .iter()
            .take_while(move |k| k.0 == h)
            .map(|k| k.1)
    }

    /// Is `place` one of the lookup-only small places?
    pub fn is_small(&self, place: u32) -> bool {
        self.small_from > 0 && place as usize >= self.small_from
    }

    /// Could `name` (a mention's text) name a place: a country, region, city, town or county
    /// of the gazetteers? For turning a tagger's ORGANIZATION or PERSON mention that is really
    /// a place ("Metcalfe County", "Innisfail") into a LOCATION: `strict` asks for a reading
    /// that is not also a person or organization of the lists and, for a one-word name, a
    /// county, region or a town of at least 1,000 people (one-word small towns are often
    /// surnames: "Hinton", "Scott").
    pub fn is_place_name(&self, name: &str, strict: bool) -> bool {
        let refs = self.lookup(name);
        let place = |r: &Ref| match r {
            Ref::Country(_) => true,
            Ref::Place(i) => self.places.get(*i as usize).is_some_and(|p| {
                !strict || name.contains(' ') || p.feature.starts_with('A') || p.population >= 1_000
            }),
            _ => false,
        };
        if strict
            && refs
                .iter()
                .any(|r| matches!(r, Ref::Person(_) | Ref::Org(_)))
        {
            return false;
        }
        refs.iter().any(place)
    }

    /// The region or country named right after a place mention ending at `end` and a comma:
    /// "Churchill, Man.", "Gatineau, Que.", "Atlanta, Georgia", "Hinton, Alberta". Its span,
    /// for adding the LOCATION mention the tagger missed (abbreviations mostly) or as
    /// evidence that the name before the comma is a place.
    pub fn container_after(&self, text: &str, end: usize) -> Option<Span> {
        // Tokenised text puts a space before the comma too ("Houston , Texas").
        let after = text.get(end..)?;
        let (start, rest) = match after.strip_prefix(", ") {
            Some(rest) => (end + 2, rest),
            None => (end + 3, after.strip_prefix(" , ")?),
        };
        // The longest run of capitalised words (with abbreviation periods), then shorter ones.
        let run = rest
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_alphabetic()
                    || c == '.'
                    || (c == ' ' && rest[i + 1..].starts_with(char::is_uppercase)))
            })
            .map_or(rest.len(), |(i, _)| i);
        let mut candidate = rest[..run].trim_end_matches(' ');
        while !candidate.is_empty() && candidate.starts_with(char::is_uppercase) {
            let is_region = self.lookup(candidate).iter().any(|r| match r {
                Ref::Country(_) => true,
                Ref::Place(i) => self
                    .places
                    .get(*i as usize)
                    .is_some_and(|p| p.feature == "A.ADM1"),
                _ => false,
            });
            if is_region {
                return Some(Span::new(start, start + candidate.len()));
            }
            match candidate.rfind(' ') {
                Some(k) => candidate = &candidate[..k],
                None => break,
            }
        }
        None
    }

    /// Whole-word hits of every form in `text`, leftmost-longest, in order.
    pub fn hits(&self, text: &str) -> Vec<Hit> {
        let Some(m) = &self.matcher else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let mut out = Vec::new();
        for h in m.find_iter(text) {
            let (s, e) = (h.start(), h.end());
            let before_ok = s == 0
                || !text[..s]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric());
            let after_ok = e >= bytes.len()
                || !text[e..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric());
            if before_ok && after_ok {
                out.push(Hit {
                    span: Span::new(s, e),
                    form: h.pattern().as_u32(),
                });
            }
        }
        out
    }

    /// Tagger feature marks per token for the hits that align with token boundaries.
    pub fn marks(&self, hits: &[Hit], tokens: &[Token]) -> Vec<u32> {
        let mut marks = vec![0u32; tokens.len()];
        for h in hits {
            let a = tokens.partition_point(|t| t.span.start < h.span.start);
            if a >= tokens.len() || tokens[a].span.start != h.span.start {
                continue;
            }
            let b = tokens.partition_point(|t| t.span.end <= h.span.end);
            if b == 0 || b <= a || tokens[b - 1].span.end != h.span.end {
                continue;
            }
            let mut kinds = 0u32;
            for r in &self.forms[h.form as usize].1 {
                kinds |= 1 << r.mark_kind(&self.places);
            }
            for (k, mark) in marks[a..b].iter_mut().enumerate() {
                let mut bits = kinds;
                while bits != 0 {
                    let kind = bits.trailing_zeros();
                    *mark |= 1 << (2 * kind + u32::from(k > 0));
                    bits &= bits - 1;
                }
            }
        }
        marks
    }

    /// What a name may refer to: the exact form first, else case-folded forms (never for an
    /// all-lower-case name: "us" is not "US").
    /// Small places (`places-small.tsv`) of the same name, case-folded, come last.
    pub fn lookup(&self, name: &str) -> Vec<Ref> {
        let mut out = self.lookup_main(name);
        if !self.small_keys.is_empty() && name.chars().any(|c| c.is_uppercase()) {
            out.extend(self.small_lookup(name).map(Ref::Place));
        }
        out
    }

    /// [`Gazetteer::lookup`] without the small places: enough to ask whether a name is a
    /// listed country, organisation or person, and much cheaper.
    pub fn lookup_listed(&self, name: &str) -> Vec<Ref> {
        self.lookup_main(name)
    }

    fn lookup_main(&self, name: &str) -> Vec<Ref> {
        if let Some(&k) = self.by_exact.get(name) {
            return self.forms[k as usize].1.clone();
        }
        // British spelling of a listed American one ("Organisation" for "Organization").
        if name.contains("isation") {
            let american = name.replace("isation", "ization");
            if let Some(&k) = self.by_exact.get(&american) {
                return self.forms[k as usize].1.clone();
            }
        }
        if !name.chars().any(|c| c.is_uppercase()) {
            return Vec::new();
        }
        let mut out = Vec::new();
        if let Some(ks) = self.by_lower.get(&name.to_lowercase()) {
            for &k in ks {
                for r in &self.forms[k as usize].1 {
                    if !out.contains(r) {
                        out.push(*r);
                    }
                }
            }
        }
        out
    }

    /// Refs of one form index.
    pub fn refs(&self, form: u32) -> &[Ref] {
        self.forms
            .get(form as usize)
            .map_or(&[], |f| f.1.as_slice())
    }

    /// Index of a country by ISO alpha-2.
    pub fn country_by_iso2(&self, iso2: &str) -> Option<&Country> {
        self.countries.iter().find(|c| c.iso2 == iso2)
    }

    /// The term of office of a person valid on `date` (`YYYY-MM-DD`), else the current or latest.
    pub fn person_term(&self, name: &str, date: Option<&str>) -> Option<&Person> {
        let terms: Vec<&Person> = self
            .terms
            .get(name)
            .into_iter()
            .flatten()
            .filter_map(|&k| self.people.get(k as usize))
            .collect();
        if let Some(d) = date {
            if let Some(p) = terms
                .iter()
                .find(|p| p.start <= d && (p.end.is_empty() || d <= p.end))
            {
                return Some(p);
            }
        }
        terms
            .iter()
            .find(|p| p.end.is_empty())
            .or_else(|| terms.iter().max_by(|a, b| a.end.cmp(b.end)))
            .copied()
    }
}
