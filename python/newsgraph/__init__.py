"""newsgraph: news articles in, knowledge-graph records out.

    >>> import newsgraph
    >>> r = newsgraph.analyze("GENEVA - Ukraine and Russia agreed to swap prisoners, officials said.")
    >>> [e["name"] for e in r["entities"]][:2]
    ['Ukraine', 'Russia']

Every record is a dict, the same record ``newsgraph analyze`` writes as a JSON line
(``docs/OUTPUT.md``). Analysis runs in Rust with the GIL released; ``analyze_many`` streams
records in input order on several threads.
"""

from __future__ import annotations

import json
import threading
from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

from ._newsgraph import Engine as _NativeEngine
from ._newsgraph import NOTICE, NewsgraphError
from ._newsgraph import Store as _NativeStore
from ._newsgraph import __version__
from ._newsgraph import licenses_json as _licenses_json
from .frames import to_frames

__all__ = [
    "Engine",
    "NOTICE",
    "NewsgraphError",
    "Store",
    "analyze",
    "analyze_many",
    "licenses",
    "to_frames",
    "__version__",
]

Input = Union[str, bytes, Dict[str, Any]]


class Engine:
    """The analysis engine. Building one compiles the embedded knowledge (about a second): build
    it once and reuse it; it is safe to share between threads.

    ``stages``: run only these stages (by name, e.g. ``["html", "clean", "segment", "ner",
    "geocode"]``). ``ner_weights``: a weights file written by ``newsgraph train-ner`` on data you
    have rights to (the embedded weights come from research-only data). ``threads``: the default
    thread count of ``analyze_many`` (every core when not given).
    """

    def __init__(
        self,
        *,
        stages: Optional[List[str]] = None,
        ner_weights: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> None:
        self._native = _NativeEngine(
            stages=stages,
            ner_weights=None if ner_weights is None else str(ner_weights),
            threads=threads,
        )

    @property
    def stages(self) -> List[str]:
        """The stages this engine runs, in order."""
        return list(self._native.stages)

    def analyze(
        self,
        text: Optional[str] = None,
        *,
        html: Union[str, bool, None] = None,
        id: Optional[str] = None,
        url: Optional[str] = None,
        title: Optional[str] = None,
        published: Optional[str] = None,
        source: Optional[str] = None,
    ) -> Dict[str, Any]:
        """One article as a record. Give its plain ``text``, or its page as ``html`` (or
        ``html=True`` when ``text`` is an HTML page). ``published`` (ISO 8601) anchors relative
        dates; given facts win over what the engine finds. Raises ``ValueError`` when the article
        cannot be analyzed."""
        if html is True:
            text, html = None, text
        elif html is False:
            html = None
        return self._native.analyze(
            text,
            html=html,
            id=id,
            url=url,
            title=title,
            published=published,
            source=source,
        )

    def analyze_many(self, inputs: Iterable[Input], threads: int = 0) -> Iterator[Dict[str, Any]]:
        """Records of many articles, in input order, analyzed on ``threads`` threads (0: the
        engine's default) while the GIL is released. An input is a ``str`` (plain text), a dict
        input record (``id``, ``text`` or ``html``, ``url``, ``title``, ``published``, ``source``)
        or ``bytes``, one JSON line of such a record (parsed on the engine's threads: the fastest
        way to stream a JSON-lines file, ``analyze_many(open("news.jsonl", "rb"))``).
        Inputs are read lazily, a chunk at a time; an input that cannot be analyzed yields
        ``{"id": ..., "error": ...}`` in its place."""
        yield from self._native.analyze_many(inputs, threads)


_default: Optional[Engine] = None
_default_lock = threading.Lock()


def _engine() -> Engine:
    global _default
    with _default_lock:
        if _default is None:
            _default = Engine()
        return _default


def analyze(
    text: Optional[str] = None,
    *,
    html: Union[str, bool, None] = None,
    id: Optional[str] = None,
    url: Optional[str] = None,
    title: Optional[str] = None,
    published: Optional[str] = None,
    source: Optional[str] = None,
) -> Dict[str, Any]:
    """One article as a record, with the default engine (see ``Engine.analyze``)."""
    return _engine().analyze(
        text, html=html, id=id, url=url, title=title, published=published, source=source
    )


def analyze_many(inputs: Iterable[Input], threads: int = 0) -> Iterator[Dict[str, Any]]:
    """Records of many articles, in input order, with the default engine (see
    ``Engine.analyze_many``)."""
    return _engine().analyze_many(inputs, threads)


def licenses() -> List[Dict[str, str]]:
    """Every embedded data file's source, licence and terms (``newsgraph licenses``); the
    notices these licences require are in ``newsgraph.NOTICE``."""
    return json.loads(_licenses_json())


class Store:
    """A store file (SQLite): analyze, link (copies, stories, events across articles) and keep
    articles, then search them. The same file ``newsgraph ingest``, ``search`` and ``serve``
    use."""

    def __init__(self, path: str, engine: Optional[Engine] = None) -> None:
        self._native = _NativeStore(str(path))
        self._engine = engine

    @property
    def path(self) -> str:
        return self._native.path

    def ingest(self, inputs: Iterable[Input], threads: int = 0, batch: int = 500) -> Dict[str, int]:
        """Analyze, link and store every input not stored yet (inputs as for ``analyze_many``).
        Returns the counts ``added``, ``skipped`` (already stored, or repeated) and ``failed``."""
        engine = self._engine or _engine()
        return json.loads(self._native.ingest_json(engine._native, inputs, threads, batch))

    def search(
        self,
        text: Optional[str] = None,
        *,
        actor: Optional[str] = None,
        entity: Optional[str] = None,
        country: Optional[str] = None,
        theme: Optional[str] = None,
        root: Optional[str] = None,
        since: Optional[str] = None,
        until: Optional[str] = None,
        limit: int = 20,
    ) -> List[Dict[str, Any]]:
        """Full-text search (FTS5 words, "phrases", AND/OR/NOT) with filters, best first."""
        return json.loads(
            self._native.search_json(
                text,
                actor=actor,
                entity=entity,
                country=country,
                theme=theme,
                root=root,
                since=since,
                until=until,
                limit=limit,
            )
        )

    def get(self, id: str) -> Optional[Dict[str, Any]]:
        """A stored record (with its ``story`` and ``duplicate_of``), or None."""
        line = self._native.get_json(id)
        return None if line is None else json.loads(line)

    def stats(self) -> Dict[str, int]:
        """Counts of what the store holds."""
        return json.loads(self._native.stats_json())

    def __repr__(self) -> str:
        return f"newsgraph.Store({self.path!r})"
