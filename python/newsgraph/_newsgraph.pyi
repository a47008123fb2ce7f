"""Type stubs of the native module (PyO3). Use the wrappers in ``newsgraph`` instead."""

from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

__version__: str
NOTICE: str

class NewsgraphError(Exception): ...

class Engine:
    def __init__(
        self,
        *,
        stages: Optional[List[str]] = None,
        ner_weights: Optional[str] = None,
        threads: Optional[int] = None,
    ) -> None: ...
    @property
    def stages(self) -> List[str]: ...
    def analyze(
        self,
        text: Optional[str] = None,
        *,
        html: Optional[str] = None,
        id: Optional[str] = None,
        url: Optional[str] = None,
        title: Optional[str] = None,
        published: Optional[str] = None,
        source: Optional[str] = None,
    ) -> Dict[str, Any]: ...
    def analyze_many(
        self, inputs: Iterable[Union[str, bytes, Dict[str, Any]]], threads: int = 0
    ) -> Records: ...

class Records(Iterator[Dict[str, Any]]):
    def __iter__(self) -> Records: ...
    def __next__(self) -> Dict[str, Any]: ...

class Store:
    def __init__(self, path: str) -> None: ...
    @property
    def path(self) -> str: ...
    def ingest_json(
        self,
        engine: Engine,
        inputs: Iterable[Union[str, bytes, Dict[str, Any]]],
        threads: int = 0,
        batch: int = 500,
    ) -> str: ...
    def search_json(
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
    ) -> str: ...
    def get_json(self, id: str) -> Optional[str]: ...
    def stats_json(self) -> str: ...

def licenses_json() -> str: ...
