//! The gazetteer's names: each hit of the gazetteer's matcher is attached to the tagger's
//! mention of the same span, or, where the tagger saw nothing, added when it is a listed
//! country, organisation or person (places need the tagger: too many are also words).

use super::resolve::canonical_of;
use super::{pick, ref_type, sort, Context, Mention, Reads};
use crate::gazetteer::Ref;
use newsgraph_model::{EntityType, Span};

rule!(
    /// Gazetteer hits attached to the tagger's mentions, or added: countries, organisations,
    /// people; a listed name the tagger cut in pieces made whole ("Bosnia and Herzegovina").
    ListedNames,
    "listed_names",
    [Reads::Hits, Reads::Misc, Reads::Gazetteer],
    |cx, found| {
        attach_listed_names(cx, &mut found.mentions, &mut found.misc);
    }
);

/// Drop a leading article from a gazetteer hit ("the Kremlin" -> "Kremlin").
pub(crate) fn trim_article(text: &str, span: Span) -> Span {
    let s = &text[span.start..span.end];
    for a in ["the ", "The "] {
        if s.len() > a.len() && s.starts_with(a) {
            return Span::new(span.start + a.len(), span.end);
        }
    }
    span
}

/// Attach the gazetteer's hits to `mentions` (see [`ListedNames`]).
fn attach_listed_names(cx: &Context, mentions: &mut Vec<Mention>, misc: &mut Vec<Span>) {
    let (gaz, text, hits) = (cx.gaz, cx.text, cx.hits);
    // Gazetteer hits: attach to the tagger's mention with the same span, or add them when the
    // tagger saw nothing there (countries, organisations, people; places need the tagger).
    for h in hits {
        let span = trim_article(text, h.span);
        let refs = gaz.refs(h.form);
        // "The Netherlands", "The Associated Press" opening a sentence: the article is no
        // part of a listed name that does not hold it ("The Hague" does).
        let same = mentions.iter().position(|m| m.span == span).or_else(|| {
            mentions.iter().position(|m| {
                m.span.end == span.end
                    && text.get(m.span.start..span.start) == Some("The ")
                    && canonical_of(gaz, pick(gaz, refs, m.ty, &text[span.start..span.end]))
                        .is_some_and(|name| !name.starts_with("The "))
            })
        });
        if let Some(m) = same.and_then(|k| mentions.get_mut(k)) {
            m.span = span;
            m.target = pick(gaz, refs, m.ty, &text[span.start..span.end]);
            // The curated organisation and people lists know a name's type better than the
            // tagger ("the Kremlin" is the Russian government, not a place).
            if m.target.is_none() {
                if let Some(r) = refs
                    .iter()
                    .copied()
                    .find(|r| matches!(r, Ref::Org(_) | Ref::Person(_)))
                {
                    m.ty = ref_type(r).unwrap_or(m.ty);
                    m.target = Some(r);
                }
            }
            continue;
        }
        // A listed country or organisation that the tagger cut in pieces ("Bosnia" and
        // "Herzegovina" of "Bosnia and Herzegovina") is one name: the pieces give way.
        let inside = |m: &Span| m.start >= span.start && m.end <= span.end;
        // So is a listed place cut into place pieces ("Newcastle" and "Tyne" of "Newcastle
        // upon Tyne").
        let place_pieces = || {
            text[span.start..span.end].contains(' ')
                && refs.iter().any(|r| matches!(r, Ref::Place(_)))
                && mentions
                    .iter()
                    .filter(|m| m.span.overlaps(span))
                    .all(|m| m.ty == EntityType::Location)
        };
        let listed_whole = refs
            .iter()
            .any(|r| matches!(r, Ref::Country(_) | Ref::Org(_)))
            || place_pieces();
        if listed_whole
            && mentions
                .iter()
                .filter(|m| m.span.overlaps(span))
                .all(|m| inside(&m.span))
            && misc.iter().filter(|m| m.overlaps(span)).all(inside)
            && text[span.start..span.end].contains(' ')
        {
            // MISC pieces too: "Kurdistan" of "Kurdistan Workers' Party".
            let had_pieces = mentions.iter().any(|m| m.span.overlaps(span));
            mentions.retain(|m| !m.span.overlaps(span));
            misc.retain(|m| !m.overlaps(span));
            // The place the tagger saw in pieces is a place mention.
            let place = refs.iter().copied().find(|r| matches!(r, Ref::Place(_)));
            if let (true, Some(place)) = (had_pieces, place) {
                if !refs
                    .iter()
                    .any(|r| matches!(r, Ref::Country(_) | Ref::Org(_)))
                {
                    let mut m = Mention::new(span, EntityType::Location);
                    m.target = Some(place);
                    mentions.push(m);
                    continue;
                }
            }
        }
        if mentions.iter().any(|m| m.span.overlaps(span)) {
            continue;
        }
        let Some(r) = refs.iter().copied().find(|r| {
            matches!(
                r,
                Ref::Country(_) | Ref::Org(_) | Ref::Person(_) | Ref::Demonym(_)
            )
        }) else {
            continue;
        };
        // Demonyms are the next rule's ([`super::demonyms`]).
        if matches!(r, Ref::Demonym(_)) {
            continue;
        }
        // A listed organisation or person tagged MISC exactly ("G20") is that organisation;
        // otherwise the MISC name wins ("U.S. Open").
        let curated = matches!(r, Ref::Org(_) | Ref::Person(_));
        if misc
            .iter()
            .any(|m| m.overlaps(span) && !(curated && *m == span))
        {
            continue;
        }
        let Some(ty) = ref_type(r) else { continue };
        mentions.push(Mention {
            span,
            ty,
            target: Some(r),
            key: String::new(),
            stated: false,
        });
    }
    sort(mentions);
}
