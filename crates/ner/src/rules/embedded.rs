//! Places named inside other names ("Kentucky State Police", "Winnipeg Free Press", "Hospital
//! Foundation of Manitoba", "The Canadian Press"): a geoparser's gold (TR-News, GeoWebNews)
//! annotates them as toponyms, an entity gold (CoNLL-2003, OntoNotes) sees only the longer
//! name. They are added, as mentions of their own place overlapping the name, only under the
//! geoparsing convention ([`Demonyms::Places`]).

use super::listed::trim_article;
use super::resolve::canonical_of;
use super::{pick, sort, Context, Demonyms, Mention, Reads};
use crate::gazetteer::Ref;
use newsgraph_model::EntityType;

rule!(
    /// Under [`Demonyms::Places`], a listed country, place or demonym inside an organisation's
    /// name is also a mention of that place.
    EmbeddedPlaces,
    "embedded_places",
    [Reads::Hits, Reads::Gazetteer],
    |cx, found| {
        add_embedded_places(cx, &mut found.mentions);
    }
);

/// Add the places inside organisation names (see [`EmbeddedPlaces`]). Runs last: the
/// mentions it adds overlap others and carry their key already.
fn add_embedded_places(cx: &Context, mentions: &mut Vec<Mention>) {
    if cx.demonyms != Demonyms::Places {
        return;
    }
    let (gaz, text) = (cx.gaz, cx.text);
    let before = mentions.len();
    for h in cx.hits {
        let span = trim_article(text, h.span);
        // Inside an organisation's name, and overlapping no other mention (a place already
        // named there, a name whose edge the hit crosses).
        let (mut inside_a_name, mut taken) = (false, false);
        for m in mentions[..before].iter().filter(|m| m.span.overlaps(span)) {
            if m.ty == EntityType::Organization
                && m.span.start <= span.start
                && span.end <= m.span.end
                && m.span != span
            {
                inside_a_name = true;
            } else {
                taken = true;
            }
        }
        if !inside_a_name || taken {
            continue;
        }
        // The words must be whole words of the name ("Iran" is not inside "Iranian").
        let whole_word = |at: usize, after: bool| {
            let c = if after {
                text[at..].chars().next()
            } else {
                text[..at].chars().next_back()
            };
            !c.is_some_and(char::is_alphanumeric)
        };
        if !whole_word(span.start, false) || !whole_word(span.end, true) {
            continue;
        }
        let refs = gaz.refs(h.form);
        let surface = &text[span.start..span.end];
        let target = match pick(gaz, refs, EntityType::Location, surface) {
            Some(r) => Some(r),
            None => refs.iter().find_map(|r| match r {
                Ref::Demonym(i) => Some(Ref::Country(*i)),
                _ => None,
            }),
        };
        let Some(target) = target else {
            continue;
        };
        let mut m = Mention::new(span, EntityType::Location);
        m.target = Some(target);
        m.key = canonical_of(gaz, Some(target)).unwrap_or_else(|| surface.to_string());
        mentions.push(m);
    }
    if mentions.len() > before {
        sort(mentions);
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{mentions_of, shown, TestDoc};
    use super::*;

    #[test]
    fn issue_18_a_place_inside_an_organisation_is_a_toponym_only_by_the_geoparsing_convention() {
        let org = EntityType::Organization;
        let text = "Troopers of the Kentucky State Police and the Canadian Press said so.";
        let doc = TestDoc::new(text);
        let named = mentions_of(
            text,
            &[("Kentucky State Police", org), ("Canadian Press", org)],
        );
        let mut cx = doc.cx();
        let mut mentions = named.clone();
        add_embedded_places(&cx, &mut mentions);
        assert_eq!(mentions.len(), 2, "{:?}", shown(text, &mentions));
        cx.demonyms = Demonyms::Places;
        let mut mentions = named;
        add_embedded_places(&cx, &mut mentions);
        let shown = shown(text, &mentions);
        assert!(
            shown.contains(&("Kentucky", EntityType::Location)),
            "{shown:?}"
        );
        assert!(
            shown.contains(&("Canadian", EntityType::Location)),
            "{shown:?}"
        );
        assert!(shown.contains(&("Kentucky State Police", org)), "{shown:?}");
    }
}
