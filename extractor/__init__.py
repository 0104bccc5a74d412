"""extractor: news articles to validated JSON records (the contract: docs/contract.md).

The names below load spaCy on first use, not on ``import extractor``, so the command line
starts fast and ``extractor --help`` never loads a model.
"""

from extractor.errors import ExtractorError, InputError, RecordError, TooLargeError
from extractor.version import __version__

__all__ = ["Article", "ArticleRecord", "Extractor", "ExtractorError", "InputError", "RecordError", "TooLargeError", "__version__"]

_LAZY = {"Article": "api", "Extractor": "api", "ArticleRecord": "models"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
