"""Loading of the packaged data files (gazetteers, tables) under ``extractor/data``."""

from __future__ import annotations

import json
from contextlib import contextmanager
from contextvars import ContextVar
from functools import wraps
from importlib import resources
from pathlib import Path
from typing import Any, Callable, Iterable

import srsly


def read_json(name: str) -> Any:
    """Return the parsed JSON data file ``extractor/data/<name>``."""
    with resources.files("extractor").joinpath("data", name).open("r", encoding="utf-8") as f:
        return json.load(f)


def read_jsonl(name: str) -> list[dict]:
    """Return the rows of the JSON Lines data file ``extractor/data/<name>``.

    Lines starting with ``#`` are comments (source notes).
    """
    rows = []
    path = resources.files("extractor").joinpath("data", name)
    with path.open("r", encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"extractor/data/{name}:{lineno}: {exc}") from None
    return rows


# --------------------------------------------------------------------------------------------
# Component tables: what a component loaded in ``initialize()`` / ``from_disk()``


def deep_merge(packaged: Any, own: Any) -> Any:
    """``own`` with the keys it lacks taken from ``packaged`` (objects merged key by key at every
    level; lists and values replaced whole).

    >>> deep_merge({"a": 1, "b": {"c": [1], "d": 2}}, {"b": {"c": [9]}})
    {'a': 1, 'b': {'c': [9], 'd': 2}}
    """
    if not (isinstance(packaged, dict) and isinstance(own, dict)):
        return own
    merged = dict(packaged)
    for key, value in own.items():
        merged[key] = deep_merge(packaged.get(key), value)
    return merged


def with_packaged_defaults(name: str, data: Any) -> Any:
    """A user's (or an older saved pipeline's) JSON table completed with the packaged keys it
    lacks, so a table written for an earlier version, or one that changes a single word list,
    still has every key the code reads. JSON Lines tables (gazetteers) are taken as given."""
    if name.endswith(".jsonl") or not isinstance(data, dict):
        return data
    try:
        packaged = read_json(name)
    except FileNotFoundError:
        return data
    return deep_merge(packaged, data)


class Tables:
    """A set of data files by name (``"reactors.jsonl"`` -> rows, ``"titles.json"`` -> object),
    plus the lookups derived from them (built once per Tables, see :func:`derived`).

    ``Tables()`` is the packaged data, read lazily. A component holds its own Tables (the
    packaged files by default, a user's own when given to ``initialize``), saves and loads them
    with ``to_disk``/``from_disk``/``to_bytes``/``from_bytes``, and makes them the
    :func:`current_tables` while it processes a Doc, so the module's pure helpers read them.
    With ``names``, only those files exist (reading another one is a KeyError: an undeclared
    table would not be saved with the pipeline).
    """

    def __init__(self, files: dict[str, Any] | None = None, names: Iterable[str] | None = None):
        self.names = tuple(names) if names is not None else None
        self.files: dict[str, Any] = {
            name: with_packaged_defaults(name, data) for name, data in (files or {}).items()
        }
        self._derived: dict = {}
        if self.names is not None:
            unknown = set(self.files) - set(self.names)
            if unknown:
                raise ValueError(f"unknown data files {sorted(unknown)}: expected some of {list(self.names)}")

    def __getitem__(self, name: str) -> Any:
        if name not in self.files:
            if self.names is not None and name not in self.names:
                raise KeyError(f"data file {name!r} is not among this component's tables {list(self.names)}")
            self.files[name] = read_jsonl(name) if name.endswith(".jsonl") else read_json(name)
        return self.files[name]

    def load_all(self) -> "Tables":
        """Read every declared file now (the packaged copy of any not given)."""
        for name in self.names or ():
            self[name]
        return self

    def derive(self, build: Callable[["Tables"], Any]) -> Any:
        try:
            return self._derived[build]
        except KeyError:
            value = self._derived[build] = build(self)
            return value

    def __getstate__(self):  # derived lookups are rebuilt after unpickling
        return {"names": self.names, "files": self.files, "_derived": {}}

    # Serialisation ------------------------------------------------------------------------------

    def to_disk(self, path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        for name in self.names or self.files:
            if name.endswith(".jsonl"):
                srsly.write_jsonl(path / name, self[name])
            else:
                srsly.write_json(path / name, self[name])

    @classmethod
    def from_disk(cls, path, names: Iterable[str]) -> "Tables":
        path = Path(path)
        files = {}
        for name in names:
            file = path / name
            if not file.exists():
                raise ValueError(f"saved component at {path} has no {name}")
            files[name] = list(srsly.read_jsonl(file)) if name.endswith(".jsonl") else srsly.read_json(file)
        return cls(files, names)

    def to_bytes(self) -> bytes:
        return srsly.msgpack_dumps({name: self[name] for name in self.names or self.files})

    @classmethod
    def from_bytes(cls, data: bytes, names: Iterable[str]) -> "Tables":
        return cls(srsly.msgpack_loads(data), names)


PACKAGED = Tables()
_CURRENT: ContextVar[Tables] = ContextVar("extractor_tables", default=PACKAGED)


def current_tables() -> Tables:
    """The tables of the component running now, else the packaged data."""
    return _CURRENT.get()


@contextmanager
def using_tables(tables: Tables):
    """Make ``tables`` the current tables inside the block."""
    token = _CURRENT.set(tables)
    try:
        yield tables
    finally:
        _CURRENT.reset(token)


def derived(build: Callable[[Tables], Any]) -> Callable[[], Any]:
    """Decorator: ``build(tables)`` becomes a no-argument accessor of its value for the
    current tables, built once per Tables (the packaged ones by default)."""

    @wraps(build)
    def accessor():
        return _CURRENT.get().derive(build)

    accessor.build = build
    return accessor


class TableComponent:
    """Base of the rule components whose data are tables (as spaCy's SpanRuler holds patterns).

    ``TABLES`` names the data files; ``initialize(data=...)`` takes a user's own tables
    (``{"reactors.jsonl": [...]}``; files not given are the packaged ones), and the tables are
    written and read by ``to_disk``/``from_disk``/``to_bytes``/``from_bytes``. The constructor
    installs the packaged tables, so a component works before ``nlp.initialize()``.
    """

    TABLES: tuple[str, ...] = ()

    def __init__(self, nlp, name: str):
        self.nlp = nlp
        self.name = name
        self.set_tables(Tables(names=self.TABLES))

    def initialize(self, get_examples=None, *, nlp=None, data: dict[str, Any] | None = None):
        """Load the tables: ``data`` (file name -> content) over the packaged files."""
        self.set_tables(Tables(data, names=self.TABLES))

    def set_tables(self, tables: Tables) -> None:
        """Install ``tables`` (subclasses build their matchers here)."""
        self.tables = tables.load_all()

    def __call__(self, doc):
        with using_tables(self.tables):
            return self.process(doc)

    def process(self, doc):  # pragma: no cover - subclasses implement
        raise NotImplementedError

    def to_disk(self, path, *, exclude=tuple()):
        self.tables.to_disk(path)

    def from_disk(self, path, *, exclude=tuple()):
        self.set_tables(Tables.from_disk(path, self.TABLES))
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return self.tables.to_bytes()

    def from_bytes(self, data: bytes, *, exclude=tuple()):
        self.set_tables(Tables.from_bytes(data, self.TABLES))
        return self


@derived
def country_names(tables: "Tables") -> dict[str, str]:
    """Map every country name, demonym and capital in countries.json to its ISO code."""
    table = {}
    for row in tables["countries.json"]["countries"]:
        for name in row["names"]:
            table[name] = row["code"]
    return table


def country_code(text: str) -> str | None:
    """ISO code for a country name, demonym or capital (``"Japanese"`` -> ``"JP"``), else None.

    >>> country_code("Japanese"), country_code("U.S."), country_code("the EU"), country_code("Ohio")
    ('JP', 'US', 'EU', None)
    """
    names = country_names()
    text = text.strip()
    for candidate in (text, text.removeprefix("the ").removeprefix("The "), text.rstrip("'s").rstrip("’")):
        if candidate in names:
            return names[candidate]
    return _lowered_country_names().get(text.lower())


@derived
def _lowered_country_names(tables: "Tables") -> dict[str, str]:
    return {k.lower(): v for k, v in country_names().items()}
