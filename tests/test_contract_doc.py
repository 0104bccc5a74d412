"""docs/contract.md stays in step with the pydantic models of extractor/models.py."""

import re
from pathlib import Path

import pytest

from extractor.models import ArticleRecord

CONTRACT = Path(__file__).resolve().parent.parent / "docs" / "contract.md"


def schema_fields(schema: dict) -> set[tuple[str, str]]:
    """``(model, field)`` for every property reachable from the schema's root, through
    ``$ref``, ``items``, ``anyOf`` and the like, recursively."""
    defs = schema.get("$defs", {})
    found: set[tuple[str, str]] = set()
    seen: set[str] = set()

    def walk(node, model: str) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, model)
            return
        if not isinstance(node, dict):
            return
        ref = node.get("$ref")
        if ref:
            name = ref.rsplit("/", 1)[-1]
            if name not in seen:
                seen.add(name)
                walk(defs[name], name)
        for field, sub in (node.get("properties") or {}).items():
            found.add((node.get("title", model), field))
            walk(sub, node.get("title", model))
        for key in ("items", "anyOf", "oneOf", "allOf", "additionalProperties", "prefixItems"):
            if key in node:
                walk(node[key], model)

    walk(schema, schema.get("title", "ArticleRecord"))
    return found


FIELDS = sorted(schema_fields(ArticleRecord.model_json_schema()))


def test_the_walk_reaches_nested_models():
    models = {model for model, _ in FIELDS}
    assert {"ArticleRecord", "MoneyMention", "TariffMention", "Company", "Reactor", "Official", "Executive",
            "DateMention", "Span"} <= models
    assert ("Official", "title") in FIELDS and ("Span", "start") in FIELDS


@pytest.mark.parametrize("model, field", FIELDS, ids=[f"{m}.{f}" for m, f in FIELDS])
def test_every_model_field_is_named_in_the_contract_doc(model, field):
    text = CONTRACT.read_text(encoding="utf-8")
    assert f"`{field}`" in text, f"docs/contract.md does not name {model}.{field} (write it as `{field}`)"


@pytest.mark.parametrize("model", sorted({m for m, _ in FIELDS}))
def test_every_model_is_named_in_the_contract_doc(model):
    assert re.search(rf"\b{model}\b", CONTRACT.read_text(encoding="utf-8")), model


def test_investments_documented():
    text = CONTRACT.read_text(encoding="utf-8")
    assert "investments" in ArticleRecord.model_fields and "## investments: Investment" in text
    for word in ("`investor`", "`destination`", "`sectors`", "`pledged`"):
        assert word in text
