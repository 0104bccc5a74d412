"""Reading article files into text, with clear errors for what cannot be read."""

from __future__ import annotations

from pathlib import Path

from .errors import InputError


def read_text_file(path: Path, encoding: str | None = None) -> str:
    """Read a text article: strict UTF-8 first, else ``encoding`` if given; errors name the file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", str(path)) from None
    if b"\x00" in data[:8192]:
        raise InputError("binary file (contains NUL bytes)", str(path))
    try:
        text = data.decode(encoding or "utf-8")
    except (UnicodeDecodeError, LookupError) as exc:
        raise InputError(f"cannot decode as {encoding or 'UTF-8'}: {exc}", str(path)) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise InputError("empty file", str(path))
    return text
