"""The records on the corpus equal the committed snapshot (``tests/data/corpus_snapshot.jsonl``).

Refactoring must not change what the extractor finds. After an intended accuracy change,
regenerate the snapshot with ``python scripts/snapshot_records.py`` and commit it with the change.
Only doc_ids listed in the snapshot are checked, so new corpus articles do not break this test,
and only the fields the snapshot holds: a field added to the record format (checked by the
schema tests) is no change of what the components find.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = ROOT / "tests" / "data" / "corpus_snapshot.jsonl"
IGNORED_FIELDS = ("version",)  # a version bump is no change of behaviour


def _load_script():
    spec = importlib.util.spec_from_file_location("snapshot_records", ROOT / "scripts" / "snapshot_records.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


snapshot_records = _load_script()


def first_difference(expected, actual, path: str = "") -> str | None:
    """Where two JSON values first differ, as ``path: expected != actual``; None when equal."""
    if isinstance(expected, dict) and isinstance(actual, dict):
        for key in sorted(set(expected) | set(actual)):
            if key not in actual or key not in expected:
                return f"{path}.{key}: {expected.get(key, '<missing>')!r} != {actual.get(key, '<missing>')!r}"
            diff = first_difference(expected[key], actual[key], f"{path}.{key}")
            if diff:
                return diff
        return None
    if isinstance(expected, list) and isinstance(actual, list):
        for i, (e, a) in enumerate(zip(expected, actual)):
            diff = first_difference(e, a, f"{path}[{i}]")
            if diff:
                return diff
        if len(expected) != len(actual):
            return f"{path}: {len(expected)} items expected, {len(actual)} found"
        return None
    if expected != actual:
        return f"{path}: {expected!r} != {actual!r}"
    return None


def compare_to_snapshot(records: list[dict], snapshot: list[dict]) -> list[str]:
    """One line per record that differs from its snapshot: the doc_id and the first differing field."""
    expected = {r["doc_id"]: r for r in snapshot}
    problems = []
    for record in records:
        want = {k: v for k, v in expected[record["doc_id"]].items() if k not in IGNORED_FIELDS}
        got = {k: v for k, v in record.items() if k in want}
        diff = first_difference(want, got)
        if diff:
            problems.append(f"{record['doc_id']}: {diff}")
    return problems


@pytest.fixture(scope="session")
def snapshot():
    return snapshot_records.read_snapshot(SNAPSHOT)


def test_snapshot_file_is_sorted_json(snapshot):
    lines = SNAPSHOT.read_text(encoding="utf-8").splitlines()
    assert len(lines) == len(snapshot) > 0
    for line, record in zip(lines, snapshot):
        assert line == json.dumps(record, sort_keys=True, ensure_ascii=False)


def test_records_equal_snapshot(extractor, snapshot):
    ids = [r["doc_id"] for r in snapshot]
    records = snapshot_records.extract_records(ids, extractor=extractor)
    assert [r["doc_id"] for r in records] == ids
    problems = compare_to_snapshot(records, snapshot)
    assert not problems, "records differ from tests/data/corpus_snapshot.jsonl:\n" + "\n".join(problems)


def test_first_difference_names_the_field():
    a = {"doc_id": "x", "money": [{"value": 1, "text": "$1"}]}
    b = {"doc_id": "x", "money": [{"value": 2, "text": "$1"}]}
    assert first_difference(a, b) == ".money[0].value: 1 != 2"
    assert first_difference(a, a) is None
