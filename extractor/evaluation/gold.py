"""Gold files: loading them for the scorer and validating them against the contract.

A gold file is ``gold/<doc_id>.json``, one ArticleRecord written by a person for
``corpus/<doc_id>.txt``. :func:`validate_gold` checks every file and returns its problems, each
naming the file, the JSON path, the article offset where there is one, and the reason::

    000_x.json: companies[2].mentions[0]: offset 900: text[900:903] is 'MHi', not 'MHI'

Checks: valid JSON and ArticleRecord (unknown fields rejected), ``doc_id`` = file name, offsets
slice to the mention text, codes (ISO currency, country) and values (money amounts, tariff rates
against the text, date value against its granularity) valid, no two mentions of one field
overlapping (entity mentions pooled per field), every gold file has an article (and, as a
warning, every article a gold file), and every other occurrence of a labelled company, official
or reactor mention string (word-bounded, case-sensitive) is covered by a mention of that field.
"""

from __future__ import annotations

import datetime
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

from pydantic import ValidationError

from extractor.io.corpus import article_paths, read_sidecar
from extractor.errors import GoldError, InputError
from extractor.models import ArticleRecord
from extractor.io.readers import read_text_file

# Fields whose labelled strings must be labelled wherever else they occur.
COVERAGE_FIELDS = ("companies", "officials", "reactors")
ENTITY_FIELDS = ("companies", "reactors", "officials", "executives")
OVERLAP_FIELDS = ("money", "tariffs", "dates") + ENTITY_FIELDS
REACTOR_CLASSES = ("SMR", "microreactor", "PWR", "BWR")
_GRANULARITY_SHAPES = {
    "day": r"\d{4}-\d{2}-\d{2}",
    "week": r"\d{4}-\d{2}-\d{2}",
    "month": r"\d{4}-\d{2}",
    "quarter": r"\d{4}-\d{2}",
    "year": r"\d{4}",
    "decade": r"\d{3}0",
}
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass(frozen=True)
class Problem:
    """One problem in a gold file; ``str()`` gives ``file: path: offset N: reason``."""

    file: str
    path: Optional[str]
    reason: str
    offset: Optional[int] = None
    level: str = "error"  # or "warning"

    def __str__(self) -> str:
        parts = [self.file]
        if self.path:
            parts.append(self.path)
        if self.offset is not None:
            parts.append(f"offset {self.offset}")
        parts.append(self.reason if self.level == "error" else f"warning: {self.reason}")
        return ": ".join(parts)


@lru_cache(maxsize=None)
def currency_codes() -> frozenset[str]:
    """ISO 4217 codes, from price-parser's currency table."""
    from price_parser._currencies import CURRENCY_CODES

    return frozenset(CURRENCY_CODES)


@lru_cache(maxsize=None)
def country_codes() -> frozenset[str]:
    """Country codes the project knows (``extractor/data/countries.json``, EU included)."""
    from extractor.lexicon.tables import read_json

    return frozenset(row["code"] for row in read_json("countries.json")["countries"])


def _json_path(loc: tuple) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _offset_at(data: Any, loc: tuple) -> Optional[int]:
    """The ``start`` of the innermost mention on the way down ``loc`` in the raw JSON, if any."""
    offset, node = None, data
    for part in loc:
        if isinstance(node, dict) and isinstance(node.get("start"), int):
            offset = node["start"]
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
    if isinstance(node, dict) and isinstance(node.get("start"), int):
        offset = node["start"]
    return offset


def _schema_problems(name: str, data: Any, exc: ValidationError) -> list[Problem]:
    problems = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        if err["type"] == "extra_forbidden":
            reason = f"unknown field {loc[-1]!r}"
        else:
            reason = err["msg"]
            if err["type"] not in ("missing", "value_error", "assertion_error") and "input" in err:
                shown = json.dumps(err["input"], ensure_ascii=False, default=str)
                reason += f" (got {shown[:60]})"
        problems.append(Problem(name, _json_path(loc) or None, reason, _offset_at(data, loc)))
    return problems


def parse_gold_file(path: Path, text: Optional[str] = None) -> tuple[Optional[ArticleRecord], list[Problem]]:
    """Read one gold file: JSON, ArticleRecord, ``doc_id`` and (with ``text``) offsets.

    Returns the record (None when it cannot be built) and the problems found.
    """
    name = Path(path).name
    try:
        raw = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(name, None, f"cannot read: {exc}")]
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        return None, [Problem(name, f"line {exc.lineno} column {exc.colno}", f"invalid JSON: {exc.msg}")]
    if not isinstance(data, dict):
        return None, [Problem(name, None, f"must be a JSON object (an ArticleRecord), not {type(data).__name__}")]
    try:
        record = ArticleRecord.model_validate(data)
    except ValidationError as exc:
        return None, _schema_problems(name, data, exc)
    problems = []
    if record.doc_id != Path(path).stem:
        problems.append(Problem(name, "doc_id", f"doc_id {record.doc_id!r} is not the file name {Path(path).stem!r}"))
    if text is not None:
        for json_path, m in record.iter_mentions():
            actual = text[m.start : m.end]
            if actual != m.text:
                reason = f"text[{m.start}:{m.end}] is {actual!r}, not {m.text!r}"
                found = [x.start() for x in re.finditer(re.escape(m.text), text)]
                if found:
                    nearest = min(found, key=lambda s: abs(s - m.start))
                    reason += f" ({m.text!r} occurs at {nearest})"
                problems.append(Problem(name, json_path, reason, m.start))
    return record, problems


def _country_problems(name: str, path: str, code: Optional[str], offset: Optional[int]) -> list[Problem]:
    """A country code that is not in countries.json."""
    if code is None or code in country_codes():
        return []
    return [Problem(name, path, f"unknown country code {code!r} (ISO 3166 alpha-2 or EU; a real country "
                    f"missing from extractor/data/countries.json must be added there)", offset)]


def _published_problems(name: str, record: ArticleRecord) -> list[Problem]:
    if record.published is None:
        return []
    try:
        datetime.date.fromisoformat(record.published)
    except ValueError:
        return [Problem(name, "published", f"not a real date: {record.published!r}")]
    return []


def _money_problems(name: str, record: ArticleRecord) -> list[Problem]:
    """A known currency, a value or a min-max range, positive amounts."""
    problems = []
    for i, m in enumerate(record.money):
        path = f"money[{i}]"
        if m.currency is None:
            problems.append(Problem(name, path, "money needs a currency", m.start))
        elif m.currency not in currency_codes():
            problems.append(Problem(name, path, f"unknown currency code {m.currency!r} (ISO 4217)", m.start))
        if m.value is None and (m.min is None or m.max is None):
            problems.append(Problem(name, path, "money needs a value, or both min and max for a range", m.start))
        for key in ("value", "min", "max"):
            amount = getattr(m, key)
            if amount is not None and amount <= 0:
                problems.append(Problem(name, f"{path}.{key}", f"amount must be positive, got {amount}", m.start))
    return problems


def _tariff_problems(name: str, record: ArticleRecord) -> list[Problem]:
    """A rate that is the number in the text and in range; known imposer and target codes."""
    problems = []
    for i, t in enumerate(record.tariffs):
        path = f"tariffs[{i}]"
        number = _NUMBER.search(t.text)
        if number and float(number.group().replace(",", ".")) != t.rate:
            problems.append(Problem(name, f"{path}.rate", f"rate {t.rate} does not match the text {t.text!r}", t.start))
        if not 0 <= t.rate <= 1000:
            problems.append(Problem(name, f"{path}.rate", f"rate {t.rate} is out of range", t.start))
        problems += _country_problems(name, f"{path}.imposer", t.imposer, t.start)
        problems += _country_problems(name, f"{path}.target", t.target, t.start)
    return problems


def _reactor_problems(name: str, record: ArticleRecord) -> list[Problem]:
    """The category 'class' exactly for the reactor classes."""
    problems = []
    for i, r in enumerate(record.reactors):
        is_class = r.design in REACTOR_CLASSES
        if is_class != (r.category == "class"):
            reason = (
                f"design {r.design!r} is a class: category must be 'class'" if is_class
                else f"category 'class' is only for the classes {', '.join(REACTOR_CLASSES)}"
            )
            problems.append(Problem(name, f"reactors[{i}].category", reason, r.mentions[0].start))
    return problems


def _value_problems(name: str, record: ArticleRecord) -> list[Problem]:
    """Codes and values: currencies, countries, money amounts, tariff rates, date values."""
    problems = _published_problems(name, record) + _money_problems(name, record) + _tariff_problems(name, record)
    for i, d in enumerate(record.dates):
        problems += [Problem(name, f"dates[{i}]", reason, d.start) for reason in _date_problems(d.value, d.granularity)]
    for field_name in ("companies", "officials"):
        for i, e in enumerate(getattr(record, field_name)):
            problems += _country_problems(name, f"{field_name}[{i}].country", e.country, e.mentions[0].start)
    return problems + _investment_problems(name, record) + _reactor_problems(name, record)


def _investment_problems(name: str, record: ArticleRecord) -> list[Problem]:
    """An investment points at a money mention (same span); its investor is a company of the
    record or a country code; its companies are companies of the record."""
    problems = []
    money_spans = {(m.start, m.end) for m in record.money}
    names = {_fold(n) for c in record.companies for n in [c.name, *(m.text for m in c.mentions)]}
    countries = country_codes()
    for i, inv in enumerate(record.investments):
        path = f"investments[{i}]"
        if (inv.start, inv.end) not in money_spans:
            problems.append(Problem(name, path, f"span {inv.start}:{inv.end} {inv.text!r} is not a money mention", inv.start))
        if inv.investor is not None and inv.investor not in countries and _fold(inv.investor) not in names:
            problems.append(Problem(name, f"{path}.investor", f"{inv.investor!r} is neither a country code nor a company of this record", inv.start))
        if inv.destination is not None and inv.destination not in countries:
            problems.append(Problem(name, f"{path}.destination", f"unknown country code {inv.destination!r}", inv.start))
        for j, company in enumerate(inv.companies):
            if _fold(company) not in names:
                problems.append(Problem(name, f"{path}.companies[{j}]", f"{company!r} is not a company of this record", inv.start))
    return problems


def _fold(name: str) -> str:
    return " ".join(name.casefold().replace(".", "").replace(",", "").split())


def _date_problems(value: Optional[str], granularity: Optional[str]) -> list[str]:
    """What is wrong with a date mention's value for its granularity.

    >>> _date_problems("2025-10-21", "week"), _date_problems("2025-05", "quarter")
    (['a week starts on a Monday: 2025-10-21 is a Tuesday'], ['a quarter starts in month 01, 04, 07 or 10, not 05'])
    """
    if value is None:
        return []
    if granularity is None:
        return ["a date with a value needs a granularity"]
    if not re.fullmatch(_GRANULARITY_SHAPES[granularity], value):
        return [f"value {value!r} does not fit granularity {granularity!r}"]
    if len(value) == 10:
        try:
            day = datetime.date.fromisoformat(value)
        except ValueError:
            return [f"not a real date: {value!r}"]
        if granularity == "week" and day.weekday() != 0:
            return [f"a week starts on a Monday: {value} is a {day.strftime('%A')}"]
    if granularity == "quarter" and value[5:7] not in ("01", "04", "07", "10"):
        return [f"a quarter starts in month 01, 04, 07 or 10, not {value[5:7]}"]
    return []


def _overlap_problems(name: str, record: ArticleRecord) -> list[Problem]:
    """Two mentions of one field (entity mentions pooled per field) that share characters."""
    problems = []
    for field_name in OVERLAP_FIELDS:
        spans = sorted(
            ((m.start, m.end, path, m.text) for path, m in record.iter_mentions() if path.split("[")[0] == field_name),
        )
        furthest = None  # the span reaching furthest right so far
        for span in spans:
            if furthest is not None and span[0] < furthest[1]:
                problems.append(Problem(
                    name, span[2], f"{span[3]!r} ({span[0]}:{span[1]}) overlaps {furthest[2]} "
                    f"{furthest[3]!r} ({furthest[0]}:{furthest[1]})", span[0]))
            if furthest is None or span[1] > furthest[1]:
                furthest = span
    return problems


def _coverage_problems(name: str, record: ArticleRecord, text: str) -> list[Problem]:
    """Occurrences of a labelled company/official/reactor string that no mention of its field
    covers. An occurrence labelled in another entity field instead (``Rolls-Royce SMR`` the
    company, where the reactor of that name is labelled elsewhere) is a deliberate decision:
    it is reported as a warning naming that label; so are a family name (``the Thomson-family
    holding company``), a ticker symbol (``NYSE: BCE``) and a country's name (``Eastern United
    States`` beside United Airlines)."""
    other_spans = {
        f: [(m.start, m.end, path) for path, m in record.iter_mentions() if path.split("[")[0] == f]
        for f in ENTITY_FIELDS
    }
    problems = []
    for field_name in COVERAGE_FIELDS:
        problems += _field_coverage_problems(name, field_name, getattr(record, field_name), text, other_spans)
    return sorted(problems, key=lambda p: (p.path or "", p.offset or 0))


# "the Thomson-family holding company", "the Oppenheimer family": the family, not the company.
_FAMILY_AFTER = re.compile(r"[-\s](?:family|families|clan|dynasty)\b", re.IGNORECASE)
# "(NYSE: BCE)": a ticker symbol, not a mention of the company.
_TICKER_BEFORE = re.compile(r"\b[A-Z]{2,8}:\s?$")
# "Protect U.S. Steel and Shipbuilding Industry", "Keeping US Steel Production Strong": the words
# name an industry, not the company.
_INDUSTRY_AFTER = re.compile(r"(?:\s+(?:and|&)\s+[A-Z][\w-]*)?\s+(?:industry|sector|production|output)\b",
                             re.IGNORECASE)


@lru_cache(maxsize=1)
def _country_name_pattern() -> re.Pattern:
    """Country names ("United States", "Iceland") as a regex, longest first."""
    from extractor.lexicon.tables import read_json

    names = {n for row in read_json("countries.json")["countries"] for n in row["names"] if n[:1].isupper()}
    alts = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)")


def _benign_occurrence(text: str, s: int, e: int) -> Optional[str]:
    """Why an unlabelled occurrence of a company string is a deliberate non-mention, if it is
    one of the recognised kinds: a family name, a ticker symbol, an industry ("U.S. Steel and
    Shipbuilding Industry"), (part of) a country's name, a town named with its country."""
    if _FAMILY_AFTER.match(text, e):
        return "it names a family"
    if _TICKER_BEFORE.search(text, max(0, s - 10), s):
        return "a ticker symbol"
    if _INDUSTRY_AFTER.match(text, e):
        return "it names an industry"
    for hit in _country_name_pattern().finditer(text, max(0, s - 40), min(len(text), e + 40)):
        if hit.start() <= s and e <= hit.end():
            return "part of a country's name"
    after = re.match(r",\s*", text[e:e + 3])
    if after and (_country_name_pattern().match(text, e + after.end()) or _place_follows(text, e + after.end())):
        return "a town ('based in Nokia, Finland', 'of Creemore, Ontario')"
    return None


@lru_cache(maxsize=1)
def _title_words() -> frozenset:
    from extractor.lexicon.tables import read_json

    t = read_json("titles.json")
    heads = t["official_heads"] + t["ambiguous_heads"] + t["cap_only_heads"] + t["company_heads"] + t["modifiers"]
    return frozenset(w.lower() for h in heads for w in h.split())


def _another_persons_name(text: str, s: int, string: str, mention_strings) -> Optional[str]:
    """A labelled surname after a first name that no labelled mention writes before it and that
    is no title ("First Lady Melania Trump" beside President Trump)."""
    before = re.search(r"([A-Z][\w'-]+) $", text[max(0, s - 30):s])
    if " " in string or not before:
        return None
    first = before.group(1)
    if first.lower() in _title_words() or any(m.endswith(f"{first} {string}") for m in mention_strings):
        return None
    return f"part of another person's name ({first} {string})"


@lru_cache(maxsize=1)
def _places() -> frozenset:
    from extractor.lexicon.tables import read_json

    return frozenset(read_json("places.json")["names"])


def _place_follows(text: str, at: int) -> bool:
    """A town or region of ``places.json`` starts at ``at`` ("Creemore, Ontario")."""
    words = re.match(r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,2}", text[at:at + 60])
    if not words:
        return False
    parts = words.group(0).rstrip(".").split()
    return any(" ".join(parts[:k]) in _places() for k in range(len(parts), 0, -1))


def _field_coverage_problems(name: str, field_name: str, entities: list, text: str, other_spans: dict) -> list[Problem]:
    """Uncovered occurrences of one field's mention strings (longest string first; an
    occurrence inside one already reported is not reported again)."""
    spans = sorted((m.start, m.end) for e in entities for m in e.mentions)
    owner: dict[str, int] = {}  # mention string -> index of the first entity that has it
    for i, e in enumerate(entities):
        for m in e.mentions:
            owner.setdefault(m.text, i)
    problems = []
    reported: list[tuple[int, int]] = []
    for string in sorted(owner, key=len, reverse=True):
        for hit in re.finditer(r"(?<!\w)" + re.escape(string) + r"(?!\w)", text):
            s, e = hit.span()
            if any(a <= s and e <= b for a, b in spans) or any(a <= s and e <= b for a, b in reported):
                continue
            reported.append((s, e))
            reason = f"{string!r} also occurs at {s}:{e} but no {field_name} mention covers it"
            elsewhere = [
                path for f, found in other_spans.items() if f != field_name
                for a, b, path in found if a <= s and e <= b
            ]
            level = "error"
            if elsewhere:
                reason += f" (it is labelled as {elsewhere[0]})"
                level = "warning"
            elif why := _benign_occurrence(text, s, e) or (
                    field_name == "officials" and _another_persons_name(text, s, string, owner)):
                reason += f" ({why})"
                level = "warning"
            problems.append(Problem(name, f"{field_name}[{owner[string]}]", reason, s, level))
    return problems


def check_gold_file(path: Path, text: Optional[str], published: Optional[str] = None) -> list[Problem]:
    """Every check on one gold file (``text`` None: its article is missing; ``published``: the
    date in the article's sidecar, if any)."""
    name = Path(path).name
    record, problems = parse_gold_file(path, text)
    if text is None:
        problems.insert(0, Problem(name, None, f"no article {Path(path).stem}.txt in the corpus"))
    if record is None:
        return problems
    if published and record.published != published:
        problems.append(Problem(name, "published", f"{record.published!r} but the sidecar says {published!r}"))
    problems += _value_problems(name, record)
    problems += _overlap_problems(name, record)
    offsets_ok = not any(p.reason.startswith("text[") for p in problems)
    if text is not None and offsets_ok:
        problems += _coverage_problems(name, record, text)
    return problems


def validate_gold(gold_dir: Path, corpus_dir: Path) -> list[Problem]:
    """Check every ``*.json`` in ``gold_dir`` against the articles of ``corpus_dir``."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError("not a directory", str(gold_dir))
    articles = article_paths(corpus_dir)
    gold_files = sorted(gold_dir.glob("*.json"))
    problems = []
    for path in gold_files:
        article = articles.get(path.stem)
        if article is None:
            problems += check_gold_file(path, None)
        else:
            try:
                text, published = read_text_file(article), read_sidecar(article).get("published")
            except InputError as exc:  # one unreadable article must not hide the other files
                problems.append(Problem(path.name, None, f"its article {article.name} cannot be read: {exc.reason}"))
                continue
            problems += check_gold_file(path, text, published)
    have_gold = {p.stem for p in gold_files}
    for doc_id, article in articles.items():
        if doc_id not in have_gold:
            problems.append(Problem(article.name, None, f"no gold file {doc_id}.json", level="warning"))
    return problems


def load_gold(gold_dir: Path, corpus_dir: Optional[Path] = None) -> dict[str, ArticleRecord]:
    """Load every gold file of ``gold_dir`` as ``{doc_id: ArticleRecord}``, checking offsets
    against the corpus when given. Raises GoldError naming each bad file and why."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise InputError("not a directory", str(gold_dir))
    articles = article_paths(corpus_dir) if corpus_dir is not None else {}
    records, problems = {}, []
    for path in sorted(gold_dir.glob("*.json")):
        text = read_text_file(articles[path.stem]) if path.stem in articles else None
        record, found = parse_gold_file(path, text)
        problems += found
        if record is not None and not found:
            records[record.doc_id] = record
    if problems:
        shown = "\n".join(map(str, problems[:20]))
        more = f"\n... and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise GoldError(f"invalid gold files (run `extractor validate-gold`):\n{shown}{more}")
    return records
