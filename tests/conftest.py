"""Shared fixtures: the pipeline is loaded once per test session."""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED_ID = "000_ac318972248fff8a"


@pytest.fixture(scope="session")
def extractor():
    from extractor import Extractor

    return Extractor()


@pytest.fixture(scope="session")
def nlp(extractor):
    """The full pipeline (model + every rule component)."""
    return extractor.nlp


@pytest.fixture(scope="session")
def seed_text():
    return (ROOT / "corpus" / f"{SEED_ID}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def seed_record(extractor, seed_text):
    return extractor.extract(seed_text, doc_id=SEED_ID, published="2025-10-28")
