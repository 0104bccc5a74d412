"""Reports of an Evaluation: a terminal table, and ``report.json`` / ``report.md`` /
``report.html`` in a folder, and the README accuracy table.

Figures are fractions 0-1 in JSON and percentages in tables; an undefined figure or an absent
value is ``–`` in tables and text, ``null`` in JSON (Python's ``None`` is never printed). The
HTML page is self-contained (inline CSS, no scripts, fonts or links to fetch): summary tables,
a contents table with one row per article (worst first, each linking to its section), then
each article's text with gold and predicted mentions highlighted side by side by spaCy's
displaCy, with misses, false hits, wrong values and wrong attributes listed. The fields and
metrics are described in ``docs/contract.md``.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import Optional

from extractor.evaluation.scoring import ATTRIBUTES, FIELD_METRICS, FIELDS, Alignment, ArticleScore, Evaluation

# The per-article summary columns: (field, metric).
ARTICLE_COLUMNS = (
    ("money", "value"), ("tariffs", "value"), ("dates", "value"),
    ("companies", "entity"), ("reactors", "entity"), ("officials", "entity"), ("executives", "entity"),
)
_NONE = "–"


def pct(x: Optional[float]) -> str:
    """A fraction as a percentage with one decimal (``–`` when undefined).

    >>> pct(0.5), pct(None), pct(1.0)
    ('50.0', '–', '100.0')
    """
    return _NONE if x is None else f"{100 * x:.1f}"


def show(x: object) -> str:
    """A value as report text: ``–`` for None (never ``None``), numbers without a useless ``.0``.

    >>> show(None), show(15.0), show(2.5), show("US")
    ('–', '15', '2.5', 'US')
    """
    if x is None:
        return _NONE
    if isinstance(x, float) and x.is_integer():
        return str(int(x))
    return str(x)


def summary_rows(evaluation: Evaluation, split: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of one split's summary table (percentages; tp/fp/fn of the last system)."""
    systems = evaluation.systems
    header = ["field", "metric"]
    for system in systems:
        header += [f"{system} P", f"{system} R", f"{system} F1"]
    header += ["tp", "fp", "fn"]
    rows = []
    for name in FIELDS:
        for metric in FIELD_METRICS[name]:
            row = [name, metric]
            for system in systems:
                counts = evaluation.scores[system][split].fields[name].counts[metric]
                row += [pct(counts.precision), pct(counts.recall), pct(counts.f1)]
            last = evaluation.scores[systems[-1]][split].fields[name].counts[metric]
            rows.append(row + [str(last.tp), str(last.fp), str(last.fn)])
        for attribute in ATTRIBUTES.get(name, ()):
            row = [name, f"{attribute} acc."]
            for system in systems:
                acc = evaluation.scores[system][split].fields[name].attributes[attribute]
                row += ["", "", f"{pct(acc.accuracy)} (n={acc.n})"]
            rows.append(row + ["", "", ""])
    return header, rows


def _text_table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for k, row in enumerate([header, *rows]):
        cells = [str(c).ljust(w) if i < 2 else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths))]
        lines.append("  ".join(cells).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _markdown_table(header: list[str], rows: list[list[str]]) -> str:
    align = ["---" if i < 2 else "---:" for i in range(len(header))]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(str(c).replace("|", "\\|") for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _split_title(evaluation: Evaluation, split: str) -> str:
    n, left_out = len(evaluation.splits[split]), len(evaluation.left_out.get(split, ()))
    if left_out:
        return f"split {split} ({n} of {n + left_out} gold articles scored; {left_out} with no prediction left out)"
    return f"split {split} ({n} articles)"


def _notes(evaluation: Evaluation) -> list[str]:
    notes = list(evaluation.notes)
    for system, errors in evaluation.errors.items():
        for doc_id, error in errors.items():
            notes.append(f"{system} failed on {doc_id} (counted as all misses): {error.splitlines()[0]}")
    if evaluation.seconds:
        notes.append("time: " + ", ".join(f"{s} {t:.1f}s" for s, t in evaluation.seconds.items()))
    return notes


def format_table(evaluation: Evaluation) -> str:
    """The terminal report: one table per split, then notes."""
    parts = []
    for split in evaluation.splits:
        parts.append(_split_title(evaluation, split))
        parts.append(_text_table(*summary_rows(evaluation, split)))
        parts.append("")
    parts += _notes(evaluation)
    return "\n".join(parts).rstrip() + "\n"


def split_counts(evaluation: Evaluation) -> str:
    """How many articles each split holds, in words: ``dev 45, test 13 (58 articles)``."""
    parts = [f"{split} {len(ids)}" for split, ids in evaluation.splits.items()]
    total = len({i for ids in evaluation.splits.values() for i in ids})
    return f"{', '.join(parts)} ({total} articles)"


def readme_table(evaluation: Evaluation, splits: Optional[list[str]] = None) -> str:
    """The Markdown table for README.md: every split side by side (F1 per system and split,
    attribute accuracies over matched pairs), with a caption giving each split's size."""
    splits = list(splits or evaluation.splits)
    systems = evaluation.systems
    header = ["Field", "Metric"] + [f"{split} {system}" for split in splits for system in systems]
    rows = []
    for name in FIELDS:
        for metric in FIELD_METRICS[name]:
            rows.append([name, f"{metric} F1"] + [
                pct(evaluation.scores[system][split].fields[name].counts[metric].f1)
                for split in splits for system in systems])
        for attribute in ATTRIBUTES.get(name, ()):
            cells = []
            for split in splits:
                for system in systems:
                    acc = evaluation.scores[system][split].fields[name].attributes[attribute]
                    cells.append(f"{pct(acc.accuracy)} ({acc.correct}/{acc.n})")
            rows.append([name, f"{attribute} acc."] + cells)
    sizes = "; ".join(f"{split}: {len(evaluation.splits[split])} articles" for split in splits)
    caption = (
        f"Articles per split ({sizes}); {len({i for s in splits for i in evaluation.splits[s]})} articles in all. "
        "F1 is micro-averaged over a split's articles, in percent; attribute accuracies are over "
        "matched pairs (correct/matched). `–`: nothing to score."
    )
    return caption + "\n\n" + _markdown_table(header, rows)


def _article_f1s(article: ArticleScore) -> list[Optional[float]]:
    return [article.fields[f].counts[m].f1 for f, m in ARTICLE_COLUMNS]


def _attribute_mistakes(article: ArticleScore) -> int:
    return sum(len(a.attribute_mistakes) for a in article.alignments.values())


def worst_first(evaluation: Evaluation, system: str) -> list[tuple[str, str]]:
    """``(split, doc_id)`` of every scored article, worst first: lowest field F1, then lowest
    mean F1, then most attribute mistakes."""
    keyed = []
    for split, ids in evaluation.splits.items():
        for doc_id in ids:
            article = evaluation.scores[system][split].articles[doc_id]
            f1s = [f for f in _article_f1s(article) if f is not None]
            worst = min(f1s) if f1s else 1.0
            mean = sum(f1s) / len(f1s) if f1s else 1.0
            keyed.append(((worst, mean, -_attribute_mistakes(article), split, doc_id), (split, doc_id)))
    return [item for _, item in sorted(keyed)]


def _anchor(split: str, doc_id: str) -> str:
    """An HTML id for an article's section (letters, digits, ``-`` and ``_`` only)."""
    return "article-" + "".join(c if c.isascii() and (c.isalnum() or c in "-_") else "_" for c in f"{split}-{doc_id}")


def per_article_rows(evaluation: Evaluation, system: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the per-article F1 table of ``system``, worst article first."""
    header = ["doc_id", "split"] + [f"{f} {m} F1" for f, m in ARTICLE_COLUMNS] + ["attribute mistakes"]
    rows = []
    for split, doc_id in worst_first(evaluation, system):
        article = evaluation.scores[system][split].articles[doc_id]
        rows.append([doc_id, split] + [pct(f) for f in _article_f1s(article)] + [str(_attribute_mistakes(article))])
    return header, rows


def to_markdown(evaluation: Evaluation) -> str:
    """``report.md``: summary tables per split, per-article F1 of each system, notes."""
    parts = ["# Evaluation report", ""]
    parts.append("Micro-averaged precision, recall and F1 (percentages); tp/fp/fn are the "
                 f"{evaluation.systems[-1]}'s. Attribute accuracies are over matched pairs.")
    parts.append("")
    for split in evaluation.splits:
        parts += [f"## {_split_title(evaluation, split).capitalize()}", "", _markdown_table(*summary_rows(evaluation, split)), ""]
    for system in evaluation.systems:
        parts += [f"## Per article: {system} (worst first)", "", _markdown_table(*per_article_rows(evaluation, system)), ""]
    notes = _notes(evaluation)
    if notes:
        parts += ["## Notes", ""] + [f"- {n}" for n in notes] + [""]
    return "\n".join(parts)


# ---------------------------------------------------------------------------------------------
# HTML

_FIELD_LABELS = {
    "money": "MONEY", "tariffs": "TARIFF", "dates": "DATE", "companies": "COMPANY",
    "reactors": "REACTOR", "officials": "OFFICIAL", "executives": "EXECUTIVE",
}
_FIELD_COLORS = {
    "money": "#b5e7a0", "tariffs": "#9fd5f5", "dates": "#d9c8f0", "companies": "#c8e6f0",
    "reactors": "#f0d9a8", "officials": "#e3e3a1", "executives": "#e0e0e0",
}
_STATUS_MARK = {"match": "", "wrong": " ≠", "miss": " ✗ MISS", "false": " ✗ FALSE"}
_STATUS_COLORS = {"wrong": "#ffe066", "miss": "#ff9a9a", "false": "#ffb347"}
_TPL_ENT = (
    '<mark class="entity {status}" title="{tip}" style="background: {bg}; padding: 0.3em 0.45em; '
    'margin: 0 0.2em; line-height: 1; border-radius: 0.35em;">{text}<span style="font-size: 0.7em; '
    'font-weight: bold; line-height: 1; border-radius: 0.35em; vertical-align: middle; margin-left: '
    '0.4rem">{label}{kb_link}</span></mark>'
)
_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Helvetica, Arial, sans-serif;
       margin: 1.5rem; color: #222; }
table { border-collapse: collapse; margin: 0.5rem 0 1.5rem; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
td.num, th.num { text-align: right; }
.cols { display: grid; grid-template-columns: 1fr 1fr; gap: 1rem; }
.cols > div { border: 1px solid #ddd; border-radius: 0.4rem; padding: 0.5rem 0.8rem; overflow-wrap: anywhere; }
details.article { margin: 1rem 0; border-top: 2px solid #888; padding-top: 0.5rem; }
details.article > summary { cursor: pointer; font-weight: bold; }
mark.miss, mark.false { outline: 2px dashed #c00; }
mark.wrong { outline: 2px dotted #a80; }
.legend mark { padding: 0.1em 0.4em; border-radius: 0.3em; margin-right: 0.5em; }
.muted { color: #666; font-size: 0.9rem; }
table.contents td.bad { background: #ffe3e3; }
"""


def _html_table(header: list[str], rows: list[list[str]], left: int = 2) -> str:
    """An HTML table; columns from ``left`` on are right-aligned (numbers)."""
    out = ["<table><thead><tr>"]
    out += [f'<th class="{"num" if i >= left else ""}">{html.escape(h)}</th>' for i, h in enumerate(header)]
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>" + "".join(
            f'<td class="{"num" if i >= left else ""}">{html.escape(str(c))}</td>' for i, c in enumerate(row)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _value_text(field_name: str, mention: dict) -> str:
    """A mention's normalised value in a few words (for tooltips and the mistakes table).

    >>> _value_text("money", {"value": None, "min": 80e9, "max": None, "currency": None})
    '80000000000 to – (no currency)'
    >>> _value_text("tariffs", {"rate": 15.0, "imposer": "US", "target": None, "status": None})
    'rate 15, imposer US, target –, status –'
    """
    if field_name == "money":
        if mention.get("value") is not None or (mention.get("min") is None and mention.get("max") is None):
            value = show(mention.get("value"))
        else:
            value = f"{show(mention.get('min'))} to {show(mention.get('max'))}"
        currency = mention.get("currency")
        return f"{value} {currency}" if currency is not None else f"{value} (no currency)"
    if field_name == "tariffs":
        return ", ".join(f"{k} {show(mention.get(k))}" for k in ("rate", "imposer", "target", "status"))
    if field_name == "dates":
        return f"{show(mention.get('value'))} ({show(mention.get('granularity'))})"
    return ""


def _tip(field_name: str, mention: dict, status: str, record: dict) -> str:
    extra = _value_text(field_name, mention)
    if field_name not in ("money", "tariffs", "dates"):
        entities = record.get(field_name) or []
        entity = entities[mention["entity"]] if mention.get("entity", -1) < len(entities) else {}
        extra = entity.get("design") or entity.get("name") or ""
        extra += "".join(f"; {a} {show(entity.get(a))}" for a in ATTRIBUTES.get(field_name, ()))
    return html.escape(f"{field_name}: {extra} [{status}]", quote=True)


def _render_side(text: str, record: dict, alignments: dict[str, Alignment], side: str, title: str) -> tuple[str, list[str]]:
    """displaCy markup of one side (``gold`` or ``pred``) and the mentions it could not draw."""
    from spacy import displacy

    spans = []
    for field_name, alignment in alignments.items():
        mentions = alignment.gold if side == "gold" else alignment.pred
        statuses = alignment.gold_status if side == "gold" else alignment.pred_status
        for mention, status in zip(mentions, statuses):
            spans.append((mention["start"], -mention["end"], field_name, status, mention))
    spans.sort(key=lambda s: (s[0], s[1]))
    drawn, hidden, reach = [], [], 0
    for start, neg_end, field_name, status, mention in spans:
        if start < reach or not (0 <= start < -neg_end <= len(text)):
            hidden.append(f"{field_name} {mention.get('text')!r} at {start} ({status})")
            continue
        reach = -neg_end
        drawn.append({
            "start": start, "end": -neg_end,
            "label": _FIELD_LABELS[field_name] + _STATUS_MARK[status],
            "params": {"tip": _tip(field_name, mention, status, record), "status": status},
        })
    colors = {}
    for field_name, label in _FIELD_LABELS.items():
        for status, mark in _STATUS_MARK.items():
            colors[label + mark] = _STATUS_COLORS.get(status, _FIELD_COLORS[field_name])
    markup = displacy.render(
        {"text": text, "ents": drawn, "title": None}, style="ent", manual=True, page=False, jupyter=False,
        options={"colors": colors, "template": _TPL_ENT},
    )
    return f"<h4>{html.escape(title)}</h4>{markup}", hidden


def _mistakes(alignments: dict[str, Alignment]) -> list[list[str]]:
    """Rows ``[offset, field, kind, text, detail]`` for misses, false hits, wrong values and
    wrong attributes (tariff imposer/target/status, official title/country, reactor
    category/vendor of matched pairs)."""
    rows = []
    for field_name, a in alignments.items():
        paired = dict(a.pairs)
        for i, (m, status) in enumerate(zip(a.gold, a.gold_status)):
            if status == "miss":
                rows.append([m.get("start"), field_name, "missed", m.get("text", ""), _value_text(field_name, m)])
            elif status == "wrong":
                pred = a.pred[paired[i]]
                detail = f"gold {_value_text(field_name, m)}; predicted {pred.get('text')!r} {_value_text(field_name, pred)}"
                rows.append([m.get("start"), field_name, "wrong value", m.get("text", ""), detail])
        for m, status in zip(a.pred, a.pred_status):
            if status == "false":
                rows.append([m.get("start"), field_name, "false hit", m.get("text", ""), _value_text(field_name, m)])
        for mistake in a.attribute_mistakes:
            rows.append([mistake.start, field_name, f"wrong {mistake.attribute}", mistake.text,
                         f"gold {show(mistake.gold)}; predicted {show(mistake.pred)}"])
    rows.sort(key=lambda r: r[0] if isinstance(r[0], int) else 0)
    return [[str(r[0])] + r[1:] for r in rows]


def _contents(evaluation: Evaluation, system: str, order: list[tuple[str, str]]) -> str:
    """The contents table: one row per article, worst first, the doc_id linking to its section."""
    header = ["doc_id", "split"] + [f"{f} {m} F1" for f, m in ARTICLE_COLUMNS] + ["attribute mistakes"]
    out = ['<table class="contents"><thead><tr>']
    out += [f'<th class="{"num" if i >= 2 else ""}">{html.escape(h)}</th>' for i, h in enumerate(header)]
    out.append("</tr></thead><tbody>")
    for split, doc_id in order:
        article = evaluation.scores[system][split].articles[doc_id]
        cells = [pct(f) for f in _article_f1s(article)] + [str(_attribute_mistakes(article))]
        out.append(
            f'<tr><td><a href="#{_anchor(split, doc_id)}">{html.escape(doc_id)}</a></td><td>{html.escape(split)}</td>'
            + "".join(f'<td class="num{" bad" if c not in (_NONE, "100.0", "0") else ""}">{html.escape(c)}</td>' for c in cells)
            + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def to_html(evaluation: Evaluation, system: Optional[str] = None) -> str:
    """``report.html``: a contents table (articles worst first), summary tables, then per
    article gold and ``system``'s mentions side by side with the article's mistakes."""
    system = system or evaluation.systems[-1]
    order = worst_first(evaluation, system)
    body = ["<h1>Evaluation report</h1>"]
    body.append(f'<p class="muted">Micro-averaged P/R/F1 in percent; tp/fp/fn are the {html.escape(evaluation.systems[-1])}\'s. '
                "Attribute accuracies are over matched pairs. <code>–</code>: nothing to score. "
                '<a href="#summary">Summary tables</a> follow the contents.</p>')
    body.append(f"<h2 id=\"contents\">Articles, worst first ({html.escape(system)})</h2>")
    body.append('<p class="muted">Ordered by the article\'s lowest field F1, then its mean F1. '
                "Click a doc_id to jump to its text and mistakes.</p>")
    body.append(_contents(evaluation, system, order))
    body.append('<h2 id="summary">Summary</h2>')
    for split in evaluation.splits:
        body.append(f"<h3>{html.escape(_split_title(evaluation, split).capitalize())}</h3>")
        body.append(_html_table(*summary_rows(evaluation, split)))
    notes = _notes(evaluation)
    if notes:
        body.append("<ul>" + "".join(f"<li>{html.escape(n)}</li>" for n in notes) + "</ul>")
    body.append(f"<h2>Articles: gold | {html.escape(system)}</h2>")
    body.append('<p class="legend">' + "".join(
        f'<mark style="background:{c}">{html.escape(t)}</mark>' for t, c in (
            ("matched (field colour)", "#c8e6f0"), ("✗ MISS: gold not found", _STATUS_COLORS["miss"]),
            ("✗ FALSE: predicted, not in gold", _STATUS_COLORS["false"]),
            ("≠: span found, value wrong", _STATUS_COLORS["wrong"]))) + "</p>")
    if not evaluation.texts:
        body.append('<p class="muted">No article texts (run with the corpus to see them).</p>')
    for split, doc_id in order:
        article = evaluation.scores[system][split].articles[doc_id]
        figures = ", ".join(f"{f} {pct(f1)}" for (f, _), f1 in zip(ARTICLE_COLUMNS, _article_f1s(article)))
        mistakes = _mistakes(article.alignments)
        perfect = not mistakes and all(f in (None, 1.0) for f in _article_f1s(article))
        body.append(f'<details class="article" id="{_anchor(split, doc_id)}"{"" if perfect else " open"}>'
                    f'<summary>{html.escape(doc_id)} <span class="muted">({html.escape(split)}; F1 {html.escape(figures)})'
                    f'{" no mistakes" if perfect else ""}</span> <a class="muted" href="#contents">↑ contents</a></summary>')
        text = evaluation.texts.get(doc_id)
        hidden: list[str] = []
        if text is not None:
            gold_html, gold_hidden = _render_side(text, evaluation.gold[doc_id], article.alignments, "gold", "Gold")
            pred = evaluation.predictions.get(system, {}).get(doc_id, {})
            pred_html, pred_hidden = _render_side(text, pred, article.alignments, "pred", system.capitalize())
            body.append(f'<div class="cols"><div>{gold_html}</div><div>{pred_html}</div></div>')
            hidden = [f"gold: {h}" for h in gold_hidden] + [f"{system}: {h}" for h in pred_hidden]
        if mistakes:
            body.append("<h4>Mistakes: misses, false hits, wrong values and attributes</h4>"
                        + _html_table(["offset", "field", "kind", "text", "detail"], mistakes, left=5))
        if hidden:
            body.append('<p class="muted">Not drawn (overlap another mention): ' + html.escape("; ".join(hidden)) + "</p>")
        body.append("</details>")
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>extractor evaluation</title>'
        f"<style>{_CSS}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n"
    )


def write_report(evaluation: Evaluation, directory: Path) -> list[Path]:
    """Write ``report.json``, ``report.md`` and ``report.html`` into ``directory``."""
    directory = Path(directory)
    directory.mkdir(parents=True, exist_ok=True)
    outputs = {
        "report.json": json.dumps(evaluation.to_dict(), indent=2, ensure_ascii=False) + "\n",
        "report.md": to_markdown(evaluation),
        "report.html": to_html(evaluation),
    }
    paths = []
    for name, content in outputs.items():
        path = directory / name
        path.write_text(content, encoding="utf-8")
        paths.append(path)
    return paths


# ---------------------------------------------------------------------------------------------
# README

README_START = "<!-- accuracy:start -->"
README_END = "<!-- accuracy:end -->"


def replace_readme_table(readme: str, table: str) -> str:
    """Put ``table`` between the accuracy markers of ``readme`` (markers kept, once each)."""
    start, end = readme.find(README_START), readme.find(README_END)
    if start < 0 or end < 0 or end < start or readme.count(README_START) != 1 or readme.count(README_END) != 1:
        raise ValueError(f"README must hold {README_START} then {README_END}, once each")
    note = "<!-- generated by scripts/update_readme_table.py (it runs the evaluation); do not edit by hand -->"
    block = f"{README_START}\n{note}\n\n{table.strip()}\n\n{README_END}"
    return readme[:start] + block + readme[end + len(README_END):]
