"""Scoring of the money layer against the peer suites in ../shared/conformance (see its README).

Used by tests/test_money_conformance.py and scripts/conformance.py.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Copied from ../shared/conformance (licences in tests/conformance/THIRD_PARTY_LICENSES.md)
# so the suite runs from a plain clone.
CONFORMANCE = Path(__file__).resolve().parent / "conformance"
KNOWN_FAILURES = Path(__file__).resolve().parent / "data" / "money_conformance_failures.json"


def load_cases(name: str) -> list[dict]:
    with open(CONFORMANCE / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def close(a, b) -> bool:
    """Values agree within 0.5% (both None also agree)."""
    if a is None or b is None:
        return a is None and b is None
    a, b = Decimal(str(a)), Decimal(str(b))
    if b == 0:
        return a == 0
    return abs(a - b) <= abs(b) * Decimal("0.005")


def check_recognizers(case: dict, found: list[dict]) -> str | None:
    """None when the case passes, else a short reason."""
    expected = case["expected"]
    unused = list(found)
    for exp in expected:
        match = next((m for m in unused if m["start"] < exp["end"] and exp["start"] < m["end"]), None)
        if match is None:
            return f"missed {exp['text']!r}"
        unused.remove(match)
        value = match["value"] if match["value"] is not None else match["max"]
        if not close(value, exp["value"]):
            return f"{match['text']!r}: value {value} != {exp['value']}"
        if match["currency"] != exp["currency"]:
            return f"{match['text']!r}: currency {match['currency']} != {exp['currency']}"
    if unused:
        return f"extra {[m['text'] for m in unused]}"
    return None


def check_duckling(case: dict, found: list[dict]) -> str | None:
    hints = case["contract_hint"]
    if len(found) != len(hints):
        return f"found {[m['text'] for m in found]}, expected {len(hints)} amount(s)"
    for m, hint, exp in zip(found, hints, case["expected"]):
        for key in ("value", "min", "max"):
            if not close(m[key], hint[key]):
                return f"{m['text']!r}: {key} {m[key]} != {hint[key]}"
        if (m["qualifier"] or None) != hint["qualifier"]:
            return f"{m['text']!r}: qualifier {m['qualifier']} != {hint['qualifier']}"
        if exp["currency"] is not None and m["currency"] != exp["currency"]:
            return f"{m['text']!r}: currency {m['currency']} != {exp['currency']}"
    return None


SUITES = {
    "recognizers_currency.jsonl": (check_recognizers, lambda case: True, 0.95),
    "duckling_money.jsonl": (check_duckling, lambda case: "coin_slang" not in case["tags"], 0.90),
}


def run_suite(name: str, extract) -> tuple[list[dict], dict[str, str]]:
    """Run ``extract(list_of_inputs) -> list_of_money_lists`` on a suite; return (cases, failures)."""
    check, keep, _ = SUITES[name]
    cases = [c for c in load_cases(name) if keep(c)]
    results = extract([c["input"] for c in cases])
    failures = {}
    for case, found in zip(cases, results):
        reason = check(case, found)
        if reason:
            failures[case["id"]] = reason
    return cases, failures
