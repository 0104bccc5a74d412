"""The project's own error types: everything the library raises on bad input is one of these."""


class ExtractorError(Exception):
    """Base class of every error the extractor raises on purpose."""


class InputError(ExtractorError):
    """An input that cannot be processed (empty, binary, undecodable, malformed, too large).

    ``source`` names the file (or the item) and ``reason`` says what is wrong with it.
    """

    def __init__(self, reason: str, source: str | None = None):
        self.reason = reason
        self.source = source
        super().__init__(f"{source}: {reason}" if source else reason)


class TooLargeError(InputError):
    """An article longer than the configured maximum size."""


class GoldError(ExtractorError):
    """A gold file that breaks the record contract."""


class RecordError(ExtractorError):
    """A record that breaks the contract: a bug in a component, never written out."""
