"""Records as pandas DataFrames: one table per kind of row, joined on ``article_id``."""

from __future__ import annotations

from typing import Any, Dict, Iterable, List

ARTICLE_COLUMNS = [
    "id", "url", "title", "published", "language", "source", "author", "story", "duplicate_of",
    "words", "tone", "positive", "negative", "polarity", "entities", "quotes", "counts",
    "events", "error",
]
ENTITY_COLUMNS = [
    "article_id", "name", "type", "kind", "iso2", "iso3", "cameo", "country", "lat", "lon",
    "geonames_id", "mentions",
]
QUOTE_COLUMNS = ["article_id", "speaker", "verb", "text", "start", "end", "partial"]
COUNT_COLUMNS = [
    "article_id", "type", "number", "approximate", "object", "text", "location", "in_title",
]
EVENT_COLUMNS = [
    "article_id", "code", "root", "quad_class", "goldstein", "source_name", "source_code",
    "target_name", "target_code", "location", "country", "lat", "lon", "date", "is_root",
    "mentions", "text",
]


def _rows(records: Iterable[Dict[str, Any]]) -> Dict[str, List[Dict[str, Any]]]:
    tables: Dict[str, List[Dict[str, Any]]] = {
        "articles": [], "entities": [], "quotes": [], "counts": [], "events": [],
    }
    for r in records:
        aid = r.get("id")
        tone = r.get("tone") or {}
        tables["articles"].append({
            "id": aid,
            "url": r.get("url"),
            "title": r.get("title"),
            "published": r.get("published"),
            "language": r.get("language"),
            "source": r.get("source"),
            "author": r.get("author"),
            "story": r.get("story"),
            "duplicate_of": r.get("duplicate_of"),
            "words": tone.get("words"),
            "tone": tone.get("tone"),
            "positive": tone.get("positive"),
            "negative": tone.get("negative"),
            "polarity": tone.get("polarity"),
            "entities": len(r.get("entities") or []),
            "quotes": len(r.get("quotes") or []),
            "counts": len(r.get("counts") or []),
            "events": len(r.get("events") or []),
            "error": r.get("error"),
        })
        for e in r.get("entities") or []:
            codes = e.get("codes") or {}
            geo = e.get("geo") or {}
            tables["entities"].append({
                "article_id": aid,
                "name": e.get("name"),
                "type": e.get("type"),
                "kind": e.get("kind"),
                "iso2": codes.get("iso2"),
                "iso3": codes.get("iso3"),
                "cameo": codes.get("cameo"),
                "country": geo.get("country"),
                "lat": geo.get("lat"),
                "lon": geo.get("lon"),
                "geonames_id": geo.get("geonames_id"),
                "mentions": len(e.get("mentions") or []),
            })
        for q in r.get("quotes") or []:
            tables["quotes"].append({"article_id": aid, **{k: q.get(k) for k in QUOTE_COLUMNS[1:]}})
        for c in r.get("counts") or []:
            tables["counts"].append({"article_id": aid, **{k: c.get(k) for k in COUNT_COLUMNS[1:]}})
        for ev in r.get("events") or []:
            src = ev.get("source") or {}
            tgt = ev.get("target") or {}
            loc = ev.get("location") or {}
            tables["events"].append({
                "article_id": aid,
                "code": ev.get("code"),
                "root": ev.get("root"),
                "quad_class": ev.get("quad_class"),
                "goldstein": ev.get("goldstein"),
                "source_name": src.get("name"),
                "source_code": src.get("code"),
                "target_name": tgt.get("name"),
                "target_code": tgt.get("code"),
                "location": loc.get("name"),
                "country": loc.get("country"),
                "lat": loc.get("lat"),
                "lon": loc.get("lon"),
                "date": ev.get("date"),
                "is_root": ev.get("is_root"),
                "mentions": ev.get("mentions"),
                "text": ev.get("text"),
            })
    return tables


COLUMNS = {
    "articles": ARTICLE_COLUMNS,
    "entities": ENTITY_COLUMNS,
    "quotes": QUOTE_COLUMNS,
    "counts": COUNT_COLUMNS,
    "events": EVENT_COLUMNS,
}


def to_frames(records: Iterable[Dict[str, Any]]) -> Dict[str, Any]:
    """Records (from ``analyze`` or ``analyze_many``; error records too) as a dict of pandas
    DataFrames: ``articles`` (one row per record, with its tone and counts of layers, and
    ``error`` for a record that failed), ``entities``, ``quotes``, ``counts`` and ``events``
    (one row per item, ``article_id`` naming its record). Needs pandas (``pip install pandas``)."""
    try:
        import pandas as pd
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError(
            "newsgraph.to_frames needs pandas: pip install pandas (or newsgraph[pandas])"
        ) from e
    tables = _rows(records)
    return {name: pd.DataFrame(rows, columns=COLUMNS[name]) for name, rows in tables.items()}
