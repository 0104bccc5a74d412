"""Build extractor/data/listed_companies.jsonl: the constituents of 20 stock indices as a second
company gazetteer (names a hand list does not keep: Lufthansa, Novartis, Tesco, UBS ...).

Source: pytickersymbols (its stock data, compiled from public index listings and Wikipedia).
For each company: the index name and its short form (legal suffix and a trailing "Group" /
"Holding" dropped, via cleanco), its home country as an ISO code, and ``ambiguous`` when a
one-word alias is also a common English word (wordfreq Zipf frequency >= 3.6: "Next", "Sage",
"Shell") or an acronym of up to four letters ("NEC"), so that the component takes it only where
the model or a company context supports it; a short form that is only a common word is not made
("News" from "News Corp"). Stock exchange operators are left out (news names them as venues).
Every row is ``listed``: matched in its written case only.
Names the hand gazetteer (companies.jsonl) already has are left out.

    .venv/bin/pip install pytickersymbols cleanco wordfreq   # build-time only
    .venv/bin/python scripts/build_listed_companies.py
"""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "extractor" / "data"
OUT = DATA / "listed_companies.jsonl"
GENERIC_TAIL = {"group", "holding", "holdings", "company", "corporation", "corp", "inc", "co", "the"}
COMMON_WORD_ZIPF = 3.6
HEADER = [
    "# Listed companies: the constituents of the stock indices known to pytickersymbols (AEX, BEL 20,",
    "# CAC 40, CAC Mid 60, DAX, MDAX, SDAX, TecDAX, Dow Jones, EURO STOXX 50, FTSE 100, IBEX 35,",
    "# NASDAQ 100, NIKKEI 225, OMX Helsinki 25, OMX Stockholm 30, S&P 100/500/600, Switzerland 20).",
    "# Built by scripts/build_listed_companies.py (pytickersymbols {version}, cleanco for legal forms,",
    "# wordfreq for common-word aliases, marked `ambiguous`). Names already in companies.jsonl are left out.",
]


def country_codes() -> dict[str, str]:
    rows = json.loads((DATA / "countries.json").read_text(encoding="utf-8"))["countries"]
    return {name.casefold(): row["code"] for row in rows for name in row["names"]}


def home_country(stock: dict, codes: dict[str, str]) -> str | None:
    """ISO code of the stock's country ("Germany"; "Houston, Texas" is a US city)."""
    place = (stock.get("country") or "").strip()
    if place.casefold() in codes:
        return codes[place.casefold()]
    if re.fullmatch(r"[A-Z][\w .'-]+, [A-Z][\w .'-]+", place):
        return "US"
    return None


def is_exchange(stock: dict) -> bool:
    """Stock exchange operators: news names them as trading venues, not as companies."""
    industries = " ".join(stock.get("industries") or []).lower()
    return ("exchange" in industries or "market operators" in industries
            or bool(re.search(r"\b(?:Exchange|Nasdaq|NYSE|Börse|Euronext)\b", stock["name"])))


def short_name(name: str) -> str:
    """``Roche Holding AG`` -> ``Roche``; ``Lufthansa Group`` -> ``Lufthansa``."""
    from cleanco import basename

    words = basename(name).replace(",", "").split()
    while len(words) > 1 and words[-1].casefold().strip(".") in GENERIC_TAIL:
        words.pop()
    return " ".join(words)


def main() -> None:
    import pytickersymbols
    from pytickersymbols import PyTickerSymbols
    from wordfreq import zipf_frequency

    from extractor.fields.companies.names import company_key

    hand = [json.loads(line) for line in (DATA / "companies.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]
    rules = json.loads((DATA / "company_rules.json").read_text(encoding="utf-8"))
    suffixes = frozenset(x.strip(".,").casefold() for x in rules["legal_suffixes"])
    known = {company_key(a, suffixes) for row in hand for a in [row["name"], *row.get("aliases", [])]}
    codes = country_codes()
    rows, seen = [], set()
    for stock in sorted(PyTickerSymbols().get_all_stocks(), key=lambda s: s["name"]):
        name = stock["name"].strip()
        if is_exchange(stock):
            continue
        short = short_name(name)
        if " " not in short and zipf_frequency(short.lower(), "en") >= COMMON_WORD_ZIPF and short != name:
            short = name  # "News Corp", "Partners Group": the short form is only a word
        aliases = [a for a in dict.fromkeys([short, name]) if len(a) >= 3]
        keys = {company_key(a, suffixes) for a in aliases}
        if not aliases or keys & known or keys & seen:
            continue
        seen |= keys
        row = {"name": aliases[0], "country": home_country(stock, codes), "listed": True}
        if aliases[1:]:
            row["aliases"] = aliases[1:]
        if " " not in aliases[0] and (zipf_frequency(aliases[0].lower(), "en") >= COMMON_WORD_ZIPF
                                      or len(aliases[0]) <= 4):
            row["ambiguous"] = True  # a word, or a short acronym ("NEC", the National Economic Council)
        rows.append(row)
    version = getattr(pytickersymbols, "__version__", "") or "1.17"
    lines = [h.format(version=version) for h in HEADER] + [json.dumps(r, ensure_ascii=False) for r in rows]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} companies -> {OUT}")


if __name__ == "__main__":
    main()
