"""Loading of the packaged data files (gazetteers, tables) under ``extractor/data``."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


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


@lru_cache(maxsize=None)
def country_names() -> dict[str, str]:
    """Map every country name, demonym and capital in countries.json to its ISO code."""
    table = {}
    for row in read_json("countries.json")["countries"]:
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


@lru_cache(maxsize=None)
def _lowered_country_names() -> dict[str, str]:
    return {k.lower(): v for k, v in country_names().items()}
