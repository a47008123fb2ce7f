"""Type stubs of the public API of newsgraph."""

from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

from ._newsgraph import NewsgraphError as NewsgraphError

__version__: str
NOTICE: str

Input = Union[str, bytes, Dict[str, Any]]
Record = Dict[str, Any]

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
        html: Union[str, bool, None] = None,
        id: Optional[str] = None,
        url: Optional[str] = None,
        title: Optional[str] = None,
        published: Optional[str] = None,
        source: Optional[str] = None,
    ) -> Record: ...
    def analyze_many(self, inputs: Iterable[Input], threads: int = 0) -> Iterator[Record]: ...

def analyze(
    text: Optional[str] = None,
    *,
    html: Union[str, bool, None] = None,
    id: Optional[str] = None,
    url: Optional[str] = None,
    title: Optional[str] = None,
    published: Optional[str] = None,
    source: Optional[str] = None,
) -> Record: ...
def analyze_many(inputs: Iterable[Input], threads: int = 0) -> Iterator[Record]: ...
def licenses() -> List[Dict[str, str]]: ...
def to_frames(records: Iterable[Record]) -> Dict[str, Any]: ...

class Store:
    def __init__(self, path: str, engine: Optional[Engine] = None) -> None: ...
    @property
    def path(self) -> str: ...
    def ingest(self, inputs: Iterable[Input], threads: int = 0, batch: int = 500) -> Dict[str, int]: ...
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
    ) -> List[Record]: ...
    def get(self, id: str) -> Optional[Record]: ...
    def stats(self) -> Dict[str, int]: ...
