"""extractor: news articles to validated JSON records (see ANNOTATION.md for the contract)."""

from .api import Article, Extractor
from .errors import ExtractorError, InputError, RecordError, TooLargeError
from .models import ArticleRecord
from .version import __version__

__all__ = ["Article", "ArticleRecord", "Extractor", "ExtractorError", "InputError", "RecordError", "TooLargeError", "__version__"]
