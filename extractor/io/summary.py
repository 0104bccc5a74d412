"""An overview of a batch run's output (``extractor summary news.db|records.jsonl``).

``load_records`` reads either output (a database through ``database.read_records``, JSON Lines
line by line), ``overview`` counts and ranks (plain data), ``format_text`` prints it and
``render_html`` writes it as one self-contained page with an inline SVG timeline of tariff
rates per imposer -> target (no script, no network).
"""

from __future__ import annotations

import datetime
import html
import json
from collections import Counter, defaultdict
from pathlib import Path

from extractor.errors import ExtractorError
from extractor.io.database import company_key, is_database, official_key, read_records

HTML_MARK = "<!-- extractor summary -->"
FIELDS = ("money", "tariffs", "dates", "investments", "companies", "reactors", "officials", "executives")
# Colour-blind-safe palette (Okabe-Ito), one colour per imposer -> target series.
PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#882255"]


def load_records(path: Path) -> list[dict]:
    """The records of an ``extractor run`` output: a SQLite database or a JSON Lines file."""
    path = Path(path)
    if not path.is_file():
        raise ExtractorError(f"no such file: {path}")
    if is_database(path):
        return read_records(path)
    records = []
    with open(path, encoding="utf-8", errors="replace") as f:
        for line in f:
            line = line.strip()
            if not line.startswith("{"):
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError:
                continue  # a torn or damaged line: `extractor run` reports those
            if isinstance(record, dict) and "doc_id" in record:
                records.append(record)
    if not records and path.stat().st_size:
        raise ExtractorError(f"{path} is neither a database nor a JSON Lines output of extractor run")
    newest = {r["doc_id"]: r for r in records}  # a re-done article: its last record counts
    return list(newest.values())


def _ranked(records: list[dict], field: str, key, top: int) -> list[dict]:
    articles, mentions, names = defaultdict(set), Counter(), defaultdict(Counter)
    for r in records:
        for e in r.get(field) or []:
            k = key(e["name"])
            articles[k].add(r["doc_id"])
            mentions[k] += len(e["mentions"])
            names[k][e["name"]] += 1
    ranked = sorted(articles, key=lambda k: (-len(articles[k]), -mentions[k], k))[:top]
    return [{"id": k, "name": names[k].most_common(1)[0][0], "articles": len(articles[k]),
             "mentions": mentions[k]} for k in ranked]


def tariff_changes(records: list[dict]) -> list[dict]:
    """Tariff rates with a known imposer and target, in date order, keeping a rate only when it
    differs (rate or status) from the previous one of the same imposer, target and product."""
    rows = []
    for r in records:
        for t in r.get("tariffs") or []:
            if t.get("imposer") and t.get("target"):
                rows.append({"published": r.get("published"), "imposer": t["imposer"], "target": t["target"],
                             "product": t.get("product"), "rate": t["rate"], "status": t.get("status"),
                             "doc_id": r["doc_id"], "start": t["start"]})
    rows.sort(key=lambda x: (x["published"] or "9999", x["imposer"], x["target"], x["product"] or "",
                             x["doc_id"], x["start"]))
    last, changes = {}, []
    for row in rows:
        key = (row["imposer"], row["target"], row["product"])
        if last.get(key) != (row["rate"], row["status"]):
            last[key] = (row["rate"], row["status"])
            changes.append({k: v for k, v in row.items() if k != "start"})
    return changes


def overview(records: list[dict], top: int = 10) -> dict:
    """Counts per field, top companies and officials, tariff changes: plain data."""
    dates = sorted(r["published"] for r in records if r.get("published"))
    counts = {}
    for field in FIELDS:
        counts[field] = {"items": sum(len(r.get(field) or []) for r in records),
                         "articles": sum(1 for r in records if r.get(field))}
    return {
        "articles": len(records),
        "published": [dates[0], dates[-1]] if dates else None,
        "undated": len(records) - len(dates),
        "counts": counts,
        "companies": _ranked(records, "companies", company_key, top),
        "officials": _ranked(records, "officials", official_key, top),
        "tariffs": tariff_changes(records),
    }


def _rate(value: float) -> str:
    return f"{value:g}%"


def format_text(ov: dict, limit: int = 30) -> str:
    """The overview for a terminal."""
    lines = []
    span = f", published {ov['published'][0]} to {ov['published'][1]}" if ov["published"] else ""
    undated = f" ({ov['undated']} undated)" if ov["undated"] else ""
    lines.append(f"{ov['articles']} articles{span}{undated}")
    lines.append("")
    lines.append(f"{'field':<12} {'items':>7} {'articles':>9}")
    for field, c in ov["counts"].items():
        lines.append(f"{field:<12} {c['items']:>7} {c['articles']:>9}")
    for title, rows in (("companies", ov["companies"]), ("officials", ov["officials"])):
        lines.append("")
        lines.append(f"top {title} (articles, mentions)")
        for row in rows:
            lines.append(f"  {row['articles']:>4} {row['mentions']:>5}  {row['name']}  [{row['id']}]")
    changes = ov["tariffs"]
    lines.append("")
    lines.append(f"tariff changes in date order ({len(changes)}"
                 + (f", first {limit} shown" if len(changes) > limit else "") + ")")
    for t in changes[:limit]:
        product = f" on {t['product']}" if t["product"] else ""
        lines.append(f"  {t['published'] or 'undated':<10} {t['imposer']}->{t['target']}{product}: "
                     f"{_rate(t['rate'])} {t['status'] or ''}  ({t['doc_id']})".rstrip())
    return "\n".join(lines) + "\n"


# -- HTML ----------------------------------------------------------------------------------


def _day(iso: str) -> datetime.date:
    return datetime.date.fromisoformat(iso)


def timeline_svg(changes: list[dict], series: int = 8, width: int = 900, height: int = 360) -> str:
    """Tariff rates over time, one colour per imposer -> target (the ``series`` most frequent),
    filled markers for imposed rates, hollow ones for threatened/proposed/previous/unknown."""
    dated = [c for c in changes if c["published"]]
    pairs = Counter((c["imposer"], c["target"]) for c in dated)
    chosen = [p for p, _ in sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[:series]]
    if not chosen:
        return '<p class="empty">No dated tariff rates with an imposer and a target.</p>'
    points = [c for c in dated if (c["imposer"], c["target"]) in chosen]
    # The time axis spans the dates of the latest 95% of the points, so one old article does
    # not squeeze the rest into a corner; the earlier points are counted under the chart.
    days_sorted = sorted(_day(c["published"]) for c in points)
    first, last = days_sorted[len(days_sorted) // 20], days_sorted[-1]
    earlier = [c for c in points if _day(c["published"]) < first]
    points = [c for c in points if _day(c["published"]) >= first]
    days = max((last - first).days, 1)
    top = max(c["rate"] for c in points)
    top = max(10, -(-top // 10) * 10)
    left, right, upper, lower = 56, 170, 16, 40
    pw, ph = width - left - right, height - upper - lower

    def x(iso):
        return left + pw * (_day(iso) - first).days / days

    def y(rate):
        return upper + ph * (1 - rate / top)

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
           f'height="{height}" role="img" aria-label="Tariff rates over time per imposer and target">']
    for i in range(6):  # horizontal grid and rate labels
        rate = top * i / 5
        out.append(f'<line x1="{left}" x2="{left + pw}" y1="{y(rate):.1f}" y2="{y(rate):.1f}" class="grid"/>')
        out.append(f'<text x="{left - 6}" y="{y(rate) + 4:.1f}" text-anchor="end">{rate:g}%</text>')
    for i in range(5):  # date labels
        day = first + datetime.timedelta(days=round(days * i / 4))
        xi = left + pw * i / 4
        out.append(f'<line x1="{xi:.1f}" x2="{xi:.1f}" y1="{upper}" y2="{upper + ph}" class="grid"/>')
        out.append(f'<text x="{xi:.1f}" y="{upper + ph + 18}" text-anchor="middle">{day.isoformat()}</text>')
    for n, pair in enumerate(chosen):
        colour = PALETTE[n % len(PALETTE)]
        mine = [c for c in points if (c["imposer"], c["target"]) == pair]
        if not mine:
            continue
        for c in mine:
            fill = colour if c["status"] == "imposed" else "white"
            tip = html.escape(f"{c['published']} {pair[0]}->{pair[1]}"
                              f"{' ' + c['product'] if c['product'] else ''}: {_rate(c['rate'])} "
                              f"{c['status'] or ''} ({c['doc_id']})")
            out.append(f'<circle cx="{x(c["published"]):.1f}" cy="{y(c["rate"]):.1f}" r="4" fill="{fill}" '
                       f'stroke="{colour}" stroke-width="2"><title>{tip}</title></circle>')
        ly = upper + 8 + n * 20
        out.append(f'<circle cx="{left + pw + 20}" cy="{ly}" r="5" fill="{colour}"/>')
        out.append(f'<text x="{left + pw + 32}" y="{ly + 4}">{html.escape(pair[0])} → {html.escape(pair[1])} '
                   f'({len(mine)})</text>')
    out.append("</svg>")
    if earlier:
        out.append(f'<p class="muted">{len(earlier)} earlier rate(s) of these pairs, before {first.isoformat()}, '
                   "are in the table below, not drawn.</p>")
    return "\n".join(out)


STYLE = """
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 960px;
       color: #222; padding: 0 1em; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; } h2 { font-size: 1.15em; margin-top: 1.6em; }
table { border-collapse: collapse; margin: 0.5em 0; } td, th { padding: 3px 10px; text-align: left; }
th { border-bottom: 2px solid #999; } tr:nth-child(even) td { background: #f4f4f4; }
td.n { text-align: right; font-variant-numeric: tabular-nums; } .muted { color: #666; }
svg text { font: 12px system-ui, sans-serif; fill: #333; } svg .grid { stroke: #ddd; stroke-width: 1; }
.columns { display: flex; gap: 3em; flex-wrap: wrap; }
"""


def _table(head: list[str], rows: list[list], numeric: set[int] = frozenset()) -> str:
    out = ["<table><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr>"]
    for row in rows:
        out.append("<tr>" + "".join(
            f'<td class="n">{html.escape(str(v))}</td>' if i in numeric else f"<td>{html.escape(str(v))}</td>"
            for i, v in enumerate(row)) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def render_html(ov: dict, source: str = "", limit: int = 200) -> str:
    """The overview as one self-contained HTML page (inline CSS and SVG; nothing fetched)."""
    span = f"published {ov['published'][0]} to {ov['published'][1]}" if ov["published"] else "no dates"
    changes = ov["tariffs"]
    parts = [
        "<!DOCTYPE html>", HTML_MARK,
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>extractor summary{': ' + html.escape(source) if source else ''}</title>",
        f"<style>{STYLE}</style></head><body>",
        "<h1>News overview</h1>",
        f'<p class="muted">{ov["articles"]} articles, {span}'
        + (f", {ov['undated']} undated" if ov["undated"] else "")
        + (f" &middot; {html.escape(source)}" if source else "") + "</p>",
        "<h2>Tariff rates over time, per imposer → target</h2>",
        '<p class="muted">Each point is a rate as an article of that date gives it (a new point only when '
        "the rate or status changes); filled: imposed, hollow: threatened, proposed, previous or not said. "
        "Hover a point for its article.</p>",
        timeline_svg(changes),
        '<div class="columns"><div>',
        "<h2>Counts per field</h2>",
        _table(["field", "items", "articles"], [[f, c["items"], c["articles"]] for f, c in ov["counts"].items()],
               {1, 2}),
        "</div><div>",
        "<h2>Top companies</h2>",
        _table(["company", "company_id", "articles", "mentions"],
               [[r["name"], r["id"], r["articles"], r["mentions"]] for r in ov["companies"]], {2, 3}),
        "<h2>Top officials</h2>",
        _table(["official", "official_id", "articles", "mentions"],
               [[r["name"], r["id"], r["articles"], r["mentions"]] for r in ov["officials"]], {2, 3}),
        "</div></div>",
        f"<h2>Tariff changes in date order ({len(changes)}"
        + (f", first {limit} shown" if len(changes) > limit else "") + ")</h2>",
        _table(["published", "imposer → target", "product", "rate", "status", "article"],
               [[t["published"] or "undated", f"{t['imposer']} → {t['target']}", t["product"] or "",
                 _rate(t["rate"]), t["status"] or "", t["doc_id"]] for t in changes[:limit]], {3}),
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"


def write_html(page: str, path: Path, overwrite: bool = False) -> None:
    """Write the page to ``path`` (temp file and rename); an existing file is replaced only when
    an earlier summary wrote it, or with ``overwrite``."""
    from extractor.io.output import refusal

    path = Path(path)
    if path.is_dir():
        raise ExtractorError(f"{path} is a folder; --html takes a file name")
    if path.exists() and not overwrite:
        with open(path, "rb") as f:
            head = f.read(64)
        if HTML_MARK.encode() not in head:
            raise refusal(path, "exists and is not a page written by extractor summary")
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(path)
