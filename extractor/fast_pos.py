"""Coarse part-of-speech from fine tags, as the model's attribute_ruler sets it, but vectorised.

The small English model's ``attribute_ruler`` turns tagger tags into ``token.pos_`` with about
170 Matcher patterns; it costs as much as the parser. The rules read ``pos_`` only, so
``build_pipeline`` replaces it with this component, which evaluates the same patterns (taken
from the loaded model, not copied here) as numpy masks over the Doc's attribute arrays: the
same POS on every token, at a fraction of the cost. Patterns it cannot evaluate exactly make
``FastPos.from_patterns`` return None, and the model's own attribute_ruler stays.
Only POS (and the SPACE tag) is set; MORPH and LEMMA, which the rules do not read, are not.
"""

from __future__ import annotations

from pathlib import Path

import numpy
import srsly
from spacy.attrs import DEP, IS_SPACE, LOWER, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

_KEYS = {"TAG": TAG, "LOWER": LOWER, "DEP": DEP, "IS_SPACE": IS_SPACE}


PATTERNS_FILE = "patterns.jsonl"


class FastPos:
    """Applies ``(position, conditions, pos, tag)`` rules in order; later rules win.

    The rules are compiled from attribute_ruler patterns, which ``initialize(patterns=...)``
    takes and ``to_disk``/``to_bytes`` save (a saved pipeline keeps its POS rules).
    """

    def __init__(self, vocab, rules: list, patterns: list[dict] | None = None, name: str = "fast_pos"):
        self.vocab = vocab
        self.rules = rules
        self.patterns = list(patterns or [])
        self.name = name

    def initialize(self, get_examples=None, *, nlp=None, patterns: list[dict] | None = None):
        """Compile ``patterns`` (attribute_ruler patterns); without them the rules are kept."""
        if patterns is not None:
            self.set_patterns(patterns)

    def set_patterns(self, patterns: list[dict]) -> None:
        rules = self.compile(self.vocab, patterns)
        if rules is None:
            raise ValueError("fast_pos cannot evaluate these attribute_ruler patterns exactly "
                             "(only TAG, LOWER, DEP and IS_SPACE with equality, IN or NOT_IN)")
        self.rules = rules
        self.patterns = list(patterns)

    @classmethod
    def from_patterns(cls, vocab, patterns: list[dict]) -> "FastPos | None":
        """Rules from attribute_ruler patterns, or None if one cannot be evaluated exactly."""
        rules = cls.compile(vocab, patterns)
        return None if rules is None else cls(vocab, rules, patterns)

    @staticmethod
    def compile(vocab, patterns: list[dict]) -> list | None:
        """The rules of attribute_ruler patterns, or None if one cannot be evaluated exactly."""
        strings = vocab.strings
        rules = []
        for p in patterns:
            attrs = p["attrs"]
            if "POS" not in attrs and "TAG" not in attrs:
                continue  # MORPH / LEMMA only: not needed
            pos = strings.add(attrs["POS"]) if "POS" in attrs else None
            tag = strings.add(attrs["TAG"]) if "TAG" in attrs else None
            for pattern in p["patterns"]:
                conditions = []  # (offset, attr, kind, values)
                for offset, tok in enumerate(pattern):
                    for key, value in tok.items():
                        if key not in _KEYS:
                            return None
                        if key == "IS_SPACE":
                            conditions.append((offset, _KEYS[key], "eq", [int(bool(value))]))
                        elif isinstance(value, str):
                            conditions.append((offset, _KEYS[key], "eq", [strings.add(value)]))
                        elif isinstance(value, dict) and len(value) == 1 and next(iter(value)) in ("IN", "NOT_IN"):
                            kind, values = next(iter(value.items()))
                            conditions.append((offset, _KEYS[key], kind, [strings.add(v) for v in values]))
                        else:
                            return None
                rules.append((p.get("index", 0), len(pattern), conditions, pos, tag))
        return rules

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if n == 0:
            return doc
        arr = doc.to_array([TAG, LOWER, DEP, IS_SPACE]).astype("uint64")
        cols = {TAG: arr[:, 0], LOWER: arr[:, 1], DEP: arr[:, 2], IS_SPACE: arr[:, 3]}
        pos = doc.to_array([POS]).astype("uint64").reshape(-1)
        tags = arr[:, 0].copy()
        for index, length, conditions, new_pos, new_tag in self.rules:
            if length > n:
                continue
            starts = numpy.ones(n - length + 1, dtype=bool)
            for offset, attr, kind, values in conditions:
                col = cols[attr][offset : offset + n - length + 1]
                if kind == "eq":
                    starts &= col == numpy.uint64(values[0])
                elif kind == "IN":
                    starts &= numpy.isin(col, numpy.array(values, dtype="uint64"))
                else:  # NOT_IN also fails on a missing value (hash 0), as the Matcher does
                    starts &= ~numpy.isin(col, numpy.array(values, dtype="uint64")) & (col != 0)
            hit = numpy.flatnonzero(starts) + index
            if hit.size:
                if new_pos is not None:
                    pos[hit] = new_pos
                if new_tag is not None:
                    tags[hit] = new_tag
        doc.from_array([TAG, POS], numpy.stack([tags, pos], axis=1))
        return doc


    # Saved pipelines carry the patterns; the rules are compiled again on loading.
    def to_disk(self, path, *, exclude=tuple()):
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / PATTERNS_FILE, self.patterns)

    def from_disk(self, path, *, exclude=tuple()):
        self.set_patterns(list(srsly.read_jsonl(Path(path) / PATTERNS_FILE)))
        return self

    def to_bytes(self, *, exclude=tuple()) -> bytes:
        return srsly.msgpack_dumps({"patterns": self.patterns})

    def from_bytes(self, data: bytes, *, exclude=tuple()):
        self.set_patterns(srsly.msgpack_loads(data)["patterns"])
        return self


@Language.factory(
    "fast_pos",
    default_config={},
    requires=["token.tag", "token.dep"],
    assigns=["token.pos", "token.tag"],
)
def make_fast_pos(nlp: Language, name: str) -> FastPos:
    """spaCy component; its rules come from attribute_ruler patterns through ``initialize``
    (``build_pipeline`` passes the model's own) and are saved with the pipeline."""
    return FastPos(nlp.vocab, [], name=name)
