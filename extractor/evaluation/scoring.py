"""The scorer: predicted ArticleRecords against gold, as ``docs/contract.md`` (Scoring) says.

- Mention fields (money, tariffs, dates): a predicted mention matches a gold mention when their
  character spans overlap; matching is one-to-one (greedy: correct pairs first, then the larger
  overlap), so a gold mention matches at most one prediction. *Span* P/R/F1 counts matched
  pairs, *value* P/R/F1 counts correct pairs (money value/min/max within 0.5% and the same
  currency; tariff rate equal; date value equal).
- Entity fields (companies, reactors, officials; executives reported apart): an entity matches
  when its name (design) or any mention text equals one of the gold entity's after
  :func:`fold_name`; one-to-one (greedy, most similar pairs first). *Mention* P/R/F1 matches the
  field's mentions pooled over the article by overlap, one-to-one.
- Attributes (tariff imposer/target/status, official title/country, reactor category/vendor):
  accuracy over matched pairs; titles are compared after folding case.

Counts are micro-averaged over articles. Records are read as plain dicts, so predictions may
carry fields the scorer does not know (they are ignored). Predictions for doc_ids with no gold
are listed and ignored. Gold with no prediction counts as all misses in :func:`score_corpus`;
:func:`score_files` (``extractor score``) leaves such articles out unless ``strict``.

Splits are the keys of a corpus' ``splits.json`` (:func:`select_splits`), plus ``all``.
"""

from __future__ import annotations

import json
import math
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional

from extractor.errors import InputError

MENTION_FIELDS = ("money", "tariffs", "dates")
ENTITY_FIELDS = ("companies", "reactors", "officials", "executives")
# Investments are entries on money spans: entry F1 by overlap, then set F1 of their companies
# and sectors over matched pairs. Gold files without an `investments` key are not scored for them.
INVESTMENTS = "investments"
SET_ATTRIBUTES = ("companies", "sectors")
FIELDS = MENTION_FIELDS + ENTITY_FIELDS + (INVESTMENTS,)
# The counts each kind of field reports, in table order.
FIELD_METRICS = (
    {f: ("span", "value") for f in MENTION_FIELDS}
    | {f: ("entity", "mention") for f in ENTITY_FIELDS}
    | {INVESTMENTS: ("entry",) + SET_ATTRIBUTES}
)
ATTRIBUTES = {
    "tariffs": ("imposer", "target", "status"),
    "officials": ("title", "country"),
    "reactors": ("category", "vendor"),
    INVESTMENTS: ("investor", "destination", "status"),
}
# Split names this project's corpus uses (splits.json is the authority; these are for help texts).
KNOWN_SPLITS = ("dev", "test", "real_dev", "real_test")
ALL_SPLIT = "all"
MONEY_TOLERANCE = 0.005  # relative: 0.5%
COMPANY_SUFFIXES = frozenset({"inc", "corp", "corporation", "co", "ltd", "group", "holdings", "plc", "llc"})


# ---------------------------------------------------------------------------------------------
# Counts


@dataclass
class PRF:
    """True positives, false positives and false negatives, with P/R/F1 (None when undefined)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: "PRF") -> "PRF":
        return PRF(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> Optional[float]:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> Optional[float]:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> Optional[float]:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def to_dict(self) -> dict:
        return {"p": self.precision, "r": self.recall, "f": self.f1, "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    """Correct decisions out of ``n`` matched pairs."""

    correct: int = 0
    n: int = 0

    def __add__(self, other: "Accuracy") -> "Accuracy":
        return Accuracy(self.correct + other.correct, self.n + other.n)

    @property
    def accuracy(self) -> Optional[float]:
        return self.correct / self.n if self.n else None

    def to_dict(self) -> dict:
        return {"accuracy": self.accuracy, "correct": self.correct, "n": self.n}


@dataclass
class FieldScore:
    """The counts of one field (``span``/``value`` or ``entity``/``mention``) and its attributes."""

    name: str
    counts: dict[str, PRF] = field(default_factory=dict)
    attributes: dict[str, Accuracy] = field(default_factory=dict)

    @classmethod
    def empty(cls, name: str) -> "FieldScore":
        return cls(name, {m: PRF() for m in FIELD_METRICS[name]}, {a: Accuracy() for a in ATTRIBUTES.get(name, ())})

    def __add__(self, other: "FieldScore") -> "FieldScore":
        return FieldScore(
            self.name,
            {k: v + other.counts[k] for k, v in self.counts.items()},
            {k: v + other.attributes[k] for k, v in self.attributes.items()},
        )

    def to_dict(self) -> dict:
        out: dict[str, Any] = {k: v.to_dict() for k, v in self.counts.items()}
        if self.attributes:
            out["attributes"] = {k: v.to_dict() for k, v in self.attributes.items()}
        return out


# ---------------------------------------------------------------------------------------------
# Normalisers and comparisons


def fold_name(text: str) -> str:
    """Fold a name for entity matching: case, punctuation and trailing company suffixes.

    Dashes and slashes become spaces; other punctuation and symbols are dropped.

    >>> fold_name("Toshiba Corp."), fold_name("TOSHIBA Group"), fold_name("GE-Hitachi Co., Ltd.")
    ('toshiba', 'toshiba', 'ge hitachi')
    >>> fold_name("U.S. Steel"), fold_name("Group")
    ('us steel', 'group')
    """
    out = []
    for ch in unicodedata.normalize("NFKC", text).casefold():
        category = unicodedata.category(ch)
        if category == "Pd" or ch == "/":
            out.append(" ")
        elif category[0] not in "PS":
            out.append(ch)
    words = "".join(out).split()
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    return " ".join(words)


def fold_case(text: Optional[str]) -> Optional[str]:
    """Case- and space-folded text, for comparing titles (``"prime  Minister"`` = ``"Prime Minister"``)."""
    return " ".join(text.casefold().split()) if isinstance(text, str) else text


def spans_overlap(a: Mapping, b: Mapping) -> bool:
    """Whether two mentions' ``[start, end)`` spans share at least one character."""
    return a["start"] < b["end"] and b["start"] < a["end"]


def _overlap(a: Mapping, b: Mapping) -> int:
    return min(a["end"], b["end"]) - max(a["start"], b["start"])


def _amount_close(gold: Any, pred: Any) -> bool:
    if gold is None or pred is None:
        return gold is None and pred is None
    try:
        gold, pred = float(gold), float(pred)
    except (TypeError, ValueError):
        return False
    return abs(pred - gold) <= MONEY_TOLERANCE * abs(gold)


def _rate_equal(gold: Any, pred: Any) -> bool:
    try:
        return math.isclose(float(gold), float(pred), rel_tol=1e-9, abs_tol=1e-9)
    except (TypeError, ValueError):
        return False


def values_agree(field_name: str, gold: Mapping, pred: Mapping) -> bool:
    """Whether a matched pair's normalised values agree (the contract's *correct*).

    >>> values_agree("money", {"value": 550e9, "currency": "USD"}, {"value": 552e9, "currency": "USD"})
    True
    >>> values_agree("money", {"value": 550e9, "currency": "USD"}, {"value": 550e9, "currency": "JPY"})
    False
    """
    if field_name == "money":
        return gold.get("currency") == pred.get("currency") and all(
            _amount_close(gold.get(k), pred.get(k)) for k in ("value", "min", "max")
        )
    if field_name == "tariffs":
        return _rate_equal(gold.get("rate"), pred.get("rate"))
    if field_name == "dates":
        return gold.get("value") == pred.get("value")
    raise ValueError(f"{field_name} is not a mention field")


def attribute_agrees(name: str, gold: Any, pred: Any) -> bool:
    """Attribute comparison: titles after folding case, investors folded like company names,
    everything else exactly."""
    if name == "title":
        return fold_case(gold) == fold_case(pred)
    if name == "investor" and gold is not None and pred is not None:
        return fold_name(gold) == fold_name(pred)
    return gold == pred


def _gold_names(gold: Mapping, pred: Mapping, investments: list[dict]) -> list[dict]:
    """Investments with their company names (investor, companies) written as the gold names
    of the companies they were matched to ("Westinghouse" -> "Westinghouse Electric Company"),
    so names are compared as the companies field compares entities."""
    gold_cos, pred_cos = _items(gold, "companies"), _items(pred, "companies")
    rename = {}
    for i, j in match_entities(gold_cos, pred_cos, "companies"):
        for key in entity_keys(pred_cos[j], "companies"):
            rename[key] = gold_cos[i].get("name")

    def gold_name(name):
        return rename.get(fold_name(name), name) if isinstance(name, str) else name

    return [{**inv, "investor": gold_name(inv.get("investor")),
             "companies": [gold_name(c) for c in inv.get("companies") or []]} for inv in investments]


def set_counts(gold: Iterable[str], pred: Iterable[str], fold=lambda x: x) -> "PRF":
    """tp/fp/fn of two sets of names (one matched pair's companies or sectors).

    >>> set_counts(["Toshiba Group", "IHI"], ["Toshiba"], fold_name)
    PRF(tp=1, fp=0, fn=1)
    """
    g, p = {fold(x) for x in gold}, {fold(x) for x in pred}
    return PRF(len(g & p), len(p - g), len(g - p))


def entity_keys(entity: Mapping, field_name: str) -> set[str]:
    """The folded name (or design) and mention texts an entity can be matched by."""
    names = [entity.get("design" if field_name == "reactors" else "name") or ""]
    names += [m.get("text") or "" for m in entity.get("mentions") or []]
    return {k for k in map(fold_name, names) if k}


# ---------------------------------------------------------------------------------------------
# Matching


def match_mentions(gold: list[Mapping], pred: list[Mapping], field_name: Optional[str] = None) -> list[tuple[int, int, bool]]:
    """One-to-one greedy matching of overlapping spans: ``[(gold_i, pred_j, correct)]``.

    With a mention ``field_name`` (money, tariffs, dates), pairs whose values agree are taken
    first; then larger overlaps, then closer boundaries.
    """
    by_start = sorted(range(len(pred)), key=lambda j: pred[j]["start"])
    candidates = []
    for i, g in enumerate(gold):
        for j in by_start:
            p = pred[j]
            if p["start"] >= g["end"]:
                break
            if spans_overlap(g, p):
                correct = values_agree(field_name, g, p) if field_name in MENTION_FIELDS else True
                boundary = abs(g["start"] - p["start"]) + abs(g["end"] - p["end"])
                candidates.append((not correct, -_overlap(g, p), boundary, i, j, correct))
    candidates.sort()
    used_gold, used_pred, pairs = set(), set(), []
    for *_, i, j, correct in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j, correct))
    return sorted(pairs)


def match_entities(gold: list[Mapping], pred: list[Mapping], field_name: str) -> list[tuple[int, int]]:
    """One-to-one greedy entity matching on shared folded names: ``[(gold_i, pred_j)]``.

    Pairs with the most similar key sets (Jaccard) go first, so a predicted entity that merges
    two gold entities takes one of them and leaves the other to a closer prediction.
    """
    gold_keys = [entity_keys(e, field_name) for e in gold]
    pred_keys = [entity_keys(e, field_name) for e in pred]
    candidates = []
    for i, gk in enumerate(gold_keys):
        for j, pk in enumerate(pred_keys):
            shared = len(gk & pk)
            if shared:
                candidates.append((-shared / len(gk | pk), -shared, i, j))
    candidates.sort()
    used_gold, used_pred, pairs = set(), set(), []
    for _, _, i, j in candidates:
        if i not in used_gold and j not in used_pred:
            used_gold.add(i)
            used_pred.add(j)
            pairs.append((i, j))
    return sorted(pairs)


# ---------------------------------------------------------------------------------------------
# Scoring one article and a corpus


@dataclass
class Alignment:
    """How one field's mentions of one article lined up (used by the HTML report).

    ``gold``/``pred`` are the field's mentions (entity mentions flattened, each dict with an
    ``entity`` index added); ``gold_status`` is ``match``/``wrong``/``miss`` per gold mention and
    ``pred_status`` ``match``/``wrong``/``false`` per prediction (``wrong``: span matched, value
    did not).
    """

    gold: list[dict]
    pred: list[dict]
    gold_status: list[str]
    pred_status: list[str]
    entity_pairs: list[tuple[int, int]] = field(default_factory=list)
    pairs: list[tuple[int, int]] = field(default_factory=list)  # matched (gold, pred) mentions
    attribute_mistakes: list["AttributeMistake"] = field(default_factory=list)


@dataclass
class AttributeMistake:
    """A matched pair (tariff mention, official, reactor) whose ``attribute`` disagrees.

    ``text`` and ``start`` locate the gold item (the mention, or an entity's first mention).
    """

    field_name: str
    attribute: str
    text: str
    start: int
    gold: Any
    pred: Any


@dataclass
class ArticleScore:
    doc_id: str
    fields: dict[str, FieldScore]
    alignments: dict[str, Alignment]
    has_prediction: bool = True

    def to_dict(self) -> dict:
        return {"has_prediction": self.has_prediction, "fields": {k: v.to_dict() for k, v in self.fields.items()}}


def _items(record: Mapping, field_name: str) -> list[dict]:
    return [x for x in (record.get(field_name) or []) if isinstance(x, Mapping)]


def _flat_mentions(entities: list[Mapping]) -> list[dict]:
    return [
        {**m, "entity": i}
        for i, e in enumerate(entities)
        for m in e.get("mentions") or []
        if isinstance(m, Mapping)
    ]


def _statuses(n_gold: int, n_pred: int, pairs: Iterable[tuple[int, int, bool]], graded: bool = False):
    """``(gold_status, pred_status)``: 'miss' per gold item and 'false' per prediction unless
    paired, then 'match' (or 'wrong' for a pair whose value is not correct, when ``graded``)."""
    gold_status, pred_status = ["miss"] * n_gold, ["false"] * n_pred
    for i, j, correct in pairs:
        gold_status[i] = pred_status[j] = "match" if correct or not graded else "wrong"
    return gold_status, pred_status


def _score_investments(score: FieldScore, gold: Mapping, pred: Mapping, gold_items: list, pred_items: list):
    """Entries matched by overlap, then set counts of their companies and sectors.
    Returns the alignment and the matched (gold, pred) entries."""
    pred_items = _gold_names(gold, pred, pred_items)
    pairs = match_mentions(gold_items, pred_items)
    n = len(pairs)
    score.counts["entry"] = PRF(n, len(pred_items) - n, len(gold_items) - n)
    for i, j, _ in pairs:
        for name in SET_ATTRIBUTES:
            fold = fold_name if name == "companies" else (lambda x: x)
            score.counts[name] += set_counts(gold_items[i].get(name) or [], pred_items[j].get(name) or [], fold)
    alignment = Alignment(gold_items, pred_items, *_statuses(len(gold_items), len(pred_items), pairs),
                          pairs=[(i, j) for i, j, _ in pairs])
    return alignment, [(gold_items[i], pred_items[j]) for i, j, _ in pairs]


def _score_mentions(score: FieldScore, field_name: str, gold_items: list, pred_items: list):
    """Span counts (overlap) and value counts (correct pairs) of a mention field.
    Returns the alignment and the matched (gold, pred) mentions."""
    pairs = match_mentions(gold_items, pred_items, field_name)
    n, n_correct = len(pairs), sum(correct for *_, correct in pairs)
    score.counts["span"] = PRF(n, len(pred_items) - n, len(gold_items) - n)
    score.counts["value"] = PRF(n_correct, len(pred_items) - n_correct, len(gold_items) - n_correct)
    alignment = Alignment(gold_items, pred_items, *_statuses(len(gold_items), len(pred_items), pairs, graded=True),
                          pairs=[(i, j) for i, j, _ in pairs])
    return alignment, [(gold_items[i], pred_items[j]) for i, j, _ in pairs]


def _score_entities(score: FieldScore, field_name: str, gold_items: list, pred_items: list):
    """Entity counts (names) and mention counts (pooled mentions by overlap) of an entity field.
    Returns the alignment (over the pooled mentions) and the matched (gold, pred) entities."""
    entity_pairs = match_entities(gold_items, pred_items, field_name)
    n = len(entity_pairs)
    score.counts["entity"] = PRF(n, len(pred_items) - n, len(gold_items) - n)
    gold_mentions, pred_mentions = _flat_mentions(gold_items), _flat_mentions(pred_items)
    pairs = match_mentions(gold_mentions, pred_mentions)
    m = len(pairs)
    score.counts["mention"] = PRF(m, len(pred_mentions) - m, len(gold_mentions) - m)
    alignment = Alignment(gold_mentions, pred_mentions, *_statuses(len(gold_mentions), len(pred_mentions), pairs),
                          entity_pairs, [(i, j) for i, j, _ in pairs])
    return alignment, [(gold_items[i], pred_items[j]) for i, j in entity_pairs]


def _score_attributes(score: FieldScore, alignment: Alignment, attribute_pairs: list[tuple[Mapping, Mapping]]) -> None:
    """Accuracy of each attribute of the field over the matched pairs; the disagreements go to
    ``alignment.attribute_mistakes``."""
    field_name = score.name
    flat = field_name in MENTION_FIELDS or field_name == INVESTMENTS
    for name in ATTRIBUTES.get(field_name, ()):
        correct = 0
        for g, p in attribute_pairs:
            if attribute_agrees(name, g.get(name), p.get(name)):
                correct += 1
                continue
            where = g if flat else ((g.get("mentions") or [{}])[0])
            label = g.get("text") if flat else (g.get("name") or g.get("design"))
            alignment.attribute_mistakes.append(AttributeMistake(
                field_name, name, str(label or ""), where.get("start", 0), g.get(name), p.get(name)))
        score.attributes[name] = Accuracy(correct, len(attribute_pairs))


def score_field(field_name: str, gold: Mapping, pred: Mapping) -> tuple[FieldScore, Alignment]:
    """Score one field of one article: its counts, attribute accuracies and alignment."""
    score = FieldScore.empty(field_name)
    gold_items, pred_items = _items(gold, field_name), _items(pred, field_name)
    if field_name == INVESTMENTS:
        if field_name not in gold:
            gold_items = pred_items = []  # not labelled in this gold file: not scored
        alignment, attribute_pairs = _score_investments(score, gold, pred, gold_items, pred_items)
    elif field_name in MENTION_FIELDS:
        alignment, attribute_pairs = _score_mentions(score, field_name, gold_items, pred_items)
    else:
        alignment, attribute_pairs = _score_entities(score, field_name, gold_items, pred_items)
    _score_attributes(score, alignment, attribute_pairs)
    return score, alignment


def score_article(gold: Mapping, pred: Optional[Mapping]) -> ArticleScore:
    """Score one article's prediction (None: no prediction, every gold item is a miss)."""
    fields, alignments = {}, {}
    for name in FIELDS:
        fields[name], alignments[name] = score_field(name, gold, pred or {})
    return ArticleScore(str(gold.get("doc_id")), fields, alignments, pred is not None)


@dataclass
class CorpusScore:
    """Micro-averaged scores over a set of articles, with the per-article details."""

    fields: dict[str, FieldScore]
    articles: dict[str, ArticleScore]
    unscored_predictions: list[str] = field(default_factory=list)  # predictions with no gold
    missing_predictions: list[str] = field(default_factory=list)  # gold with no prediction

    def to_dict(self, per_article: bool = True) -> dict:
        out = {
            "n_articles": len(self.articles),
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "unscored_predictions": self.unscored_predictions,
            "missing_predictions": self.missing_predictions,
        }
        if per_article:
            out["per_article"] = {k: v.to_dict() for k, v in self.articles.items()}
        return out


def as_plain(record: Any) -> dict:
    """A record as a plain dict (pydantic models are dumped; dicts pass through). A model whose
    ``investments`` were never given (a gold file without them) loses the key: not scored."""
    if hasattr(record, "model_dump"):
        plain = record.model_dump(mode="json")
        if INVESTMENTS not in getattr(record, "model_fields_set", {INVESTMENTS}):
            plain.pop(INVESTMENTS, None)
        return plain
    if isinstance(record, Mapping):
        return dict(record)
    raise TypeError(f"cannot score a {type(record).__name__}")


def score_corpus(
    gold: Mapping[str, Any], predictions: Mapping[str, Any], doc_ids: Optional[Iterable[str]] = None
) -> CorpusScore:
    """Score ``predictions`` against ``gold`` (both ``{doc_id: record}``), over ``doc_ids``
    (default: every gold doc_id). Predictions whose doc_id has no gold are listed and ignored."""
    ids = list(gold) if doc_ids is None else [i for i in doc_ids if i in gold]
    totals = {name: FieldScore.empty(name) for name in FIELDS}
    articles = {}
    for doc_id in ids:
        pred = predictions.get(doc_id)
        article = score_article(as_plain(gold[doc_id]), None if pred is None else as_plain(pred))
        article.doc_id = doc_id
        articles[doc_id] = article
        for name in FIELDS:
            totals[name] = totals[name] + article.fields[name]
    return CorpusScore(
        totals,
        articles,
        unscored_predictions=sorted(i for i in predictions if i not in gold),
        missing_predictions=[i for i in ids if i not in predictions],
    )


# ---------------------------------------------------------------------------------------------
# Reading predictions


def _check_prediction(obj: Any, where: str) -> dict:
    if not isinstance(obj, dict):
        raise InputError("a prediction must be a JSON object (an ArticleRecord)", where)
    if not isinstance(obj.get("doc_id"), str) or not obj["doc_id"]:
        raise InputError("prediction has no doc_id", where)
    for name in FIELDS:
        items = obj.get(name)
        if items is None:
            continue
        if not isinstance(items, list):
            raise InputError(f"{name} must be a list", where)
        for i, item in enumerate(items):
            mentions = [item] if name in MENTION_FIELDS + (INVESTMENTS,) else (item.get("mentions") if isinstance(item, dict) else None)
            if not isinstance(mentions, list) or not all(
                isinstance(m, dict) and isinstance(m.get("start"), int) and isinstance(m.get("end"), int)
                for m in mentions
            ):
                raise InputError(f"{name}[{i}]: every mention needs integer start and end", where)
    return obj


def read_predictions(path: Path) -> dict[str, dict]:
    """Read predictions: a JSONL file of records (one per line), a JSON file holding one record
    or a list of them, or a folder of ``*.json`` records. Returns ``{doc_id: record}``."""
    path = Path(path)
    records: list[tuple[Any, str]] = []
    try:
        if path.is_dir():
            for p in sorted(path.glob("*.json")):
                records.append((json.loads(p.read_text(encoding="utf-8")), str(p)))
        elif path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            for i, obj in enumerate(data if isinstance(data, list) else [data]):
                records.append((obj, f"{path}[{i}]"))
        else:
            with path.open(encoding="utf-8") as f:
                for lineno, line in enumerate(f, 1):
                    if line.strip():
                        try:
                            records.append((json.loads(line), f"{path}:{lineno}"))
                        except json.JSONDecodeError as exc:
                            raise InputError(f"invalid JSON: {exc}", f"{path}:{lineno}") from None
    except OSError as exc:
        raise InputError(f"cannot read predictions: {exc.strerror or exc}", str(path)) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"invalid JSON: {exc}", str(path)) from None
    out: dict[str, dict] = {}
    for obj, where in records:
        obj = _check_prediction(obj, where)
        if obj["doc_id"] in out:
            raise InputError(f"duplicate prediction for doc_id {obj['doc_id']!r}", where)
        out[obj["doc_id"]] = obj
    return out


# ---------------------------------------------------------------------------------------------
# Evaluating systems over a corpus


@dataclass
class Evaluation:
    """Scores of one or more systems on the splits of a corpus, with what they were made from.

    ``scores[system][split]`` is a CorpusScore; ``systems`` lists system names in column order
    (the baseline first). ``splits`` holds the doc_ids scored in each split; ``left_out`` the
    gold doc_ids of a split that were not scored because no system predicted them (only when
    scoring is not strict). ``texts`` may be empty when no corpus was given (``score``).
    """

    systems: list[str]
    splits: dict[str, list[str]]
    scores: dict[str, dict[str, CorpusScore]]
    gold: dict[str, dict]
    predictions: dict[str, dict[str, dict]]
    texts: dict[str, str] = field(default_factory=dict)
    errors: dict[str, dict[str, str]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    left_out: dict[str, list[str]] = field(default_factory=dict)
    strict: bool = True

    def to_dict(self) -> dict:
        return {
            "systems": self.systems,
            "splits": self.splits,
            "strict": self.strict,
            "left_out": {k: v for k, v in self.left_out.items() if v},
            "scores": {
                system: {split: score.to_dict() for split, score in by_split.items()}
                for system, by_split in self.scores.items()
            },
            "errors": self.errors,
            "seconds": self.seconds,
            "notes": self.notes,
        }


def _scored_splits(gold: Mapping[str, Any], predictions: Mapping[str, Mapping[str, Any]],
                   splits: Optional[dict[str, list[str]]], strict: bool):
    """``(splits, left_out)``: the gold doc_ids scored in each split (default: one split ``all``)
    and, unless ``strict``, those left out because some system did not predict them."""
    splits = splits or {ALL_SPLIT: list(gold)}
    splits = {name: [i for i in ids if i in gold] for name, ids in splits.items()}
    if strict:
        return splits, {}
    left_out = {name: [i for i in ids if not all(i in p for p in predictions.values())] for name, ids in splits.items()}
    splits = {name: [i for i in ids if i not in set(left_out[name])] for name, ids in splits.items()}
    return splits, left_out


def score_predictions(
    gold: Mapping[str, Any],
    predictions: Mapping[str, Mapping[str, Any]],
    splits: Optional[dict[str, list[str]]] = None,
    texts: Optional[dict[str, str]] = None,
    strict: bool = True,
) -> Evaluation:
    """Score ``{system: {doc_id: record}}`` against ``{doc_id: gold record}`` on each split
    (default: one split ``all`` holding every gold doc_id).

    ``strict``: a gold article some system did not predict counts as an empty prediction (all
    misses). Otherwise only the gold articles every system predicted are scored, and the others
    are listed in ``Evaluation.left_out``.
    """
    gold = {k: as_plain(v) for k, v in gold.items()}
    splits, left_out = _scored_splits(gold, predictions, splits, strict)
    scores = {
        system: {name: score_corpus(gold, preds, ids) for name, ids in splits.items()}
        for system, preds in predictions.items()
    }
    wanted = list(dict.fromkeys([*(i for ids in splits.values() for i in ids), *(i for ids in left_out.values() for i in ids)]))
    return Evaluation(
        list(predictions), splits, scores, gold, {s: {k: as_plain(v) for k, v in p.items()} for s, p in predictions.items()},
        texts or {}, notes=coverage_notes(wanted, predictions, strict), left_out=left_out, strict=strict,
    )


def split_names(corpus_dir: Optional[Path]) -> list[str]:
    """The split names a corpus offers: the keys of its ``splits.json`` (in file order), then
    ``all``. Without a corpus or a ``splits.json`` only ``all``."""
    from extractor.io.corpus import read_splits

    splits = read_splits(corpus_dir) if corpus_dir is not None else None
    return [*(splits or {}), ALL_SPLIT]


def select_splits(corpus_dir: Optional[Path], split: Optional[str], doc_ids: Iterable[str]) -> dict[str, list[str]]:
    """Which of ``doc_ids`` each reported split holds.

    ``split`` is a key of the corpus' ``splits.json``, ``all`` (every doc_id, one split), or
    None: every split of ``splits.json``, each separately (``all`` when there is no such file).
    An unknown name, or ids in ``splits.json`` that are not among ``doc_ids``, raise InputError.
    """
    from extractor.io.corpus import read_splits
    from extractor.io.readers import SPLITS_FILE

    doc_ids = list(doc_ids)
    if split == ALL_SPLIT:
        return {ALL_SPLIT: doc_ids}
    splits = read_splits(corpus_dir) if corpus_dir is not None else None
    if not splits:
        if split is None:
            return {ALL_SPLIT: doc_ids}
        where = "no --corpus given" if corpus_dir is None else f"there is no {SPLITS_FILE} in {corpus_dir}"
        raise InputError(f"unknown split {split!r}: {where}, so the only split is 'all'")
    if split is not None and split not in splits:
        raise InputError(
            f"unknown split {split!r}: {SPLITS_FILE} has {', '.join(splits)} (or use 'all')",
            str(Path(corpus_dir) / SPLITS_FILE),
        )
    known = set(doc_ids)
    for name, ids in splits.items():
        missing = [i for i in ids if i not in known]
        if missing:
            raise InputError(
                f"split {name!r} lists doc_ids with no article: {', '.join(missing[:5])}",
                str(Path(corpus_dir) / SPLITS_FILE),
            )
    names = [split] if split is not None else list(splits)
    return {name: list(splits[name]) for name in names}


def _listed(ids: list[str], most: int = 10) -> str:
    return ", ".join(ids[:most]) + (f", … ({len(ids) - most} more)" if len(ids) > most else "")


def coverage_notes(
    wanted: list[str], predictions: Mapping[str, Mapping[str, Any]], strict: bool
) -> list[str]:
    """Per system: how many of the ``wanted`` gold articles it did not predict, and how many of
    its predictions fall outside them (no gold, or not in the scored splits)."""
    notes = []
    wanted_set = set(wanted)
    for system, preds in predictions.items():
        who = f"{system}: " if len(predictions) > 1 else ""
        missing = [i for i in wanted if i not in preds]
        if missing:
            how = "counted as empty records" if strict else "left out of the scores; --strict counts them as empty records"
            notes.append(f"{who}{len(missing)} of {len(wanted)} gold articles have no prediction ({how}): {_listed(missing)}")
        outside = sorted(i for i in preds if i not in wanted_set)
        if outside:
            notes.append(f"{who}{len(outside)} of {len(preds)} predictions have no gold in the scored split(s) (ignored): "
                         f"{_listed(outside)}")
    return notes


def score_files(
    gold_dir: Path,
    pred_path: Path,
    corpus_dir: Optional[Path] = None,
    split: Optional[str] = ALL_SPLIT,
    strict: bool = False,
    system: str = "predictions",
) -> Evaluation:
    """Score a predictions file (or folder) against a gold folder: what ``extractor score`` does.

    ``split``: ``all`` (default: every gold article), a key of ``corpus_dir/splits.json``, or
    None (each split of ``splits.json`` separately). Only the gold articles that were predicted
    are scored unless ``strict`` (then a missing prediction counts as an empty record); the
    notes say how many gold articles had no prediction and how many predictions had no gold.
    With ``corpus_dir``, gold offsets are checked against the articles and the texts go into
    the HTML report.
    """
    from extractor.evaluation.gold import load_gold

    gold = load_gold(gold_dir, corpus_dir)
    if not gold:
        raise InputError("no gold files (*.json)", str(gold_dir))
    predictions = read_predictions(pred_path)
    articles = list(gold)
    if corpus_dir is not None:
        from extractor.io.corpus import article_paths

        articles = list(dict.fromkeys([*article_paths(corpus_dir), *gold]))
    splits = select_splits(corpus_dir, split, articles)
    splits = {name: [i for i in ids if i in gold] for name, ids in splits.items()}
    wanted = list(dict.fromkeys(i for ids in splits.values() for i in ids))
    scored = set(wanted) if strict else {i for i in wanted if i in predictions}
    if not scored:
        raise InputError(
            f"none of the {len(predictions)} predictions has a gold article in split(s) {', '.join(splits)}"
            " (check the doc_ids, or --split)", str(pred_path))
    texts = {}
    if corpus_dir is not None:
        from extractor.io.corpus import article_paths, load_corpus

        known = article_paths(corpus_dir)
        texts = {a.doc_id: a.text for a in load_corpus(corpus_dir, [i for i in wanted if i in known])}
    return score_predictions(gold, {system: predictions}, splits, texts, strict=strict)


@dataclass
class Runs:
    """What running the systems over the articles gave: ``predictions[system][doc_id]`` (plain
    records), ``errors[system][doc_id]`` (an article the system failed on) and the seconds each
    system took."""

    predictions: dict[str, dict[str, dict]] = field(default_factory=dict)
    errors: dict[str, dict[str, str]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


def _gold_splits(corpus_dir: Path, split: Optional[str], paths: Iterable[str], gold: Mapping[str, Any]):
    """``(splits, notes)``: the doc_ids with gold in each reported split, and notes on the
    articles and gold left out. A split with no gold article is dropped with a note (an error
    when it is the one asked for)."""
    paths = list(paths)
    splits = select_splits(corpus_dir, split, paths)
    notes = []
    without_article = sorted(set(gold) - set(paths))
    if without_article:
        notes.append(f"gold with no article (not scored): {', '.join(without_article)}")
    without_gold = sorted({i for ids in splits.values() for i in ids} - set(gold))
    if without_gold:
        notes.append(f"{len(without_gold)} article(s) with no gold (not scored): {', '.join(without_gold[:10])}")
    splits = {name: [i for i in ids if i in gold] for name, ids in splits.items()}
    empty = [name for name, ids in splits.items() if not ids]
    if empty and split is not None:
        raise InputError(f"split {split!r} has no article with gold", str(corpus_dir))
    for name in empty:
        notes.append(f"split {name} has no article with gold yet (not reported)")
        del splits[name]
    if not splits:
        raise InputError("no article with gold to score", str(corpus_dir))
    return splits, notes


def _systems(baseline: bool, extractor: Any, baseline_system: Any) -> dict[str, Any]:
    """The systems to run, in column order: the spaCy baseline (unless ``baseline`` is False),
    then the extractor; each loaded here unless given."""
    systems: dict[str, Any] = {}
    if baseline:
        if baseline_system is None:
            from extractor.evaluation.baseline import Baseline

            baseline_system = Baseline()
        systems["baseline"] = baseline_system
    if extractor is None:
        from extractor.api import Extractor

        extractor = Extractor()
    systems["extractor"] = extractor
    return systems


def _run_baseline(name: str, system: Any, articles: list, gold: Mapping[str, Any], runs: Runs, progress: Any) -> None:
    """The baseline predicts all articles in one batch (a published date from the gold when the
    article has none)."""
    items = [(a.text, a.doc_id, a.published or as_plain(gold[a.doc_id]).get("published")) for a in articles]
    for done, record in enumerate(system.predict_many(items), 1):
        runs.predictions[name][record["doc_id"]] = record
        if progress:
            progress(name, done, len(items))


def _run_extractor(name: str, system: Any, articles: list, runs: Runs, progress: Any) -> None:
    """The extractor, one article at a time; a failure on an article is recorded as an error."""
    from pydantic import ValidationError

    from extractor.errors import ExtractorError

    for done, a in enumerate(articles, 1):
        try:
            record = system.extract(a.text, doc_id=a.doc_id, published=a.published)
            runs.predictions[name][a.doc_id] = record.model_dump(mode="json")
        except (ExtractorError, ValidationError) as exc:
            runs.errors[name][a.doc_id] = f"{type(exc).__name__}: {exc}"
        if progress:
            progress(name, done, len(articles))


def run_systems(systems: Mapping[str, Any], articles: list, gold: Mapping[str, Any], progress: Any = None) -> Runs:
    """Run each system (``baseline`` / ``extractor``, see :func:`evaluate`) over ``articles``:
    the first of evaluation's two steps (the second is :func:`score_runs`)."""
    import time

    runs = Runs()
    for name, system in systems.items():
        runs.predictions[name], runs.errors[name] = {}, {}
        started = time.perf_counter()
        if name == "baseline":
            _run_baseline(name, system, articles, gold, runs, progress)
        else:
            _run_extractor(name, system, articles, runs, progress)
        runs.seconds[name] = round(time.perf_counter() - started, 3)
    return runs


def score_runs(
    gold: Mapping[str, Any], runs: Runs, splits: dict[str, list[str]], articles: list, notes: Iterable[str] = ()
) -> Evaluation:
    """Score what :func:`run_systems` gave on each split (a failed article counts as an empty
    record); ``notes`` come before the scorer's own."""
    evaluation = score_predictions(gold, runs.predictions, splits, {a.doc_id: a.text for a in articles})
    evaluation.errors = {k: v for k, v in runs.errors.items() if v}
    evaluation.seconds = runs.seconds
    evaluation.notes = list(notes) + evaluation.notes
    return evaluation


def evaluate(
    corpus_dir: Path,
    gold_dir: Path,
    split: Optional[str] = None,
    baseline: bool = True,
    extractor: Any = None,
    baseline_system: Any = None,
    progress: Any = None,
) -> Evaluation:
    """Run the extractor (and the spaCy baseline) over the gold articles of ``corpus_dir`` and
    score both. ``split``: a key of the corpus' ``splits.json``, ``all``, or None (every split
    of ``splits.json``, each separately; ``all`` without that file). A split with no gold
    article is left out with a note. Each system's model is loaded once (pass ``extractor`` /
    ``baseline_system`` to reuse loaded ones). ``progress(system, done, total)`` is called as
    articles are processed. A system's failure on an article counts as an empty record."""
    from extractor.evaluation.gold import load_gold
    from extractor.io.corpus import article_paths, load_corpus

    gold = load_gold(gold_dir, corpus_dir)
    if not gold:
        raise InputError("no gold files (*.json)", str(gold_dir))
    paths = article_paths(corpus_dir)
    splits, notes = _gold_splits(corpus_dir, split, paths, gold)
    articles = load_corpus(corpus_dir, [i for i in paths if any(i in ids for ids in splits.values())])
    runs = run_systems(_systems(baseline, extractor, baseline_system), articles, gold, progress)
    return score_runs(gold, runs, splits, articles, notes)
