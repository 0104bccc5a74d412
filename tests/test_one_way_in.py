"""One way in for an article: `extract`, `run` and the library read and validate input alike."""

import json
import subprocess
import sys

import pytest

from extractor.errors import InputError
from extractor.io.readers import Item, decode_html, html_to_text, read_file

PAGE = """<!doctype html><html><head>
<meta charset="utf-8"><title>Hitachi to spend $10 billion</title>
<meta property="article:published_time" content="2025-03-04T08:00:00Z">
<script>var ad = "$5 billion";</script></head>
<body><nav><a href="/">Home</a> | <a href="/world">World</a> | <a href="/biz">Business</a></nav>
<article><h1>Hitachi to spend $10 billion</h1>
<p>Hitachi will spend <b>$10&nbsp;billion</b> on new transformer and grid equipment plants in Japan and the United States, the company said on Tuesday, adding that the work would take five years.</p>
<p>The company's shares rose 3% in Tokyo trading after the announcement, while rivals were little changed.</p>
</article>
<footer>Copyright 2025 Example News | Privacy | Contact us</footer></body></html>"""


def cli(*args, input=None):
    return subprocess.run([sys.executable, "-m", "extractor", *map(str, args)], capture_output=True, text=True,
                          input=input)


def test_extract_reads_html_as_run_does(tmp_path):
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    proc = cli("extract", page, "--indent", "0")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert [(m["text"], m["value"]) for m in record["money"]] == [("$10 billion", 10_000_000_000)] * 2
    assert record["published"] == "2025-03-04" and record["published_source"] == "metadata"
    assert record["title"] == "Hitachi to spend $10 billion"


def test_main_text_drops_navigation_and_footer():
    text, title = html_to_text(PAGE)
    assert "Home" not in text and "Privacy" not in text and "$5 billion" not in text
    assert "Hitachi will spend $10 billion on new transformer" in text.replace("\xa0", " ")
    assert title == "Hitachi to spend $10 billion"


def test_declared_latin1_charset_is_honoured():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>It costs £500 million.</p></body></html>'
    text, note = decode_html(page.encode("latin-1"), "p.html")
    assert "£500" in text and note is None


def test_valid_utf8_beats_a_stale_declaration_and_a_false_one_is_reported():
    page = '<html><head><meta charset="iso-8859-1"></head><body><p>Café £5</p></body></html>'.encode("utf-8")
    text, note = decode_html(page, "p.html")
    assert "Café £5" in text and note is None
    text, note = decode_html(b'<meta charset="utf-8"><p>caf\xe9 \xa35 and more text here</p>', "p.html")
    assert "declares utf-8 but is not" in note and "\xa35" in text


def test_sidecar_and_caller_dates_say_where_they_came_from(tmp_path):
    art = tmp_path / "a.txt"
    art.write_text("Acme will invest $5 billion.", encoding="utf-8")
    (item,) = read_file(art, published="2025-01-02")
    assert (item.article.published, item.article.published_source) == ("2025-01-02", "caller")
    (tmp_path / "a.meta.json").write_text('{"published": "2024-05-06"}', encoding="utf-8")
    (item,) = read_file(art, published="2025-01-02")
    assert (item.article.published, item.article.published_source) == ("2024-05-06", "sidecar")


def test_extract_refuses_a_file_with_several_articles(tmp_path):
    f = tmp_path / "news.jsonl"
    f.write_text('{"text": "Acme buys Beta for $1 billion."}\n{"text": "Gamma sells Delta."}\n', encoding="utf-8")
    proc = cli("extract", f)
    assert proc.returncode == 2 and "holds 2 articles" in proc.stderr and "extractor run" in proc.stderr


def test_extract_reads_one_json_article_as_an_article(tmp_path):
    f = tmp_path / "one.json"
    f.write_text(json.dumps({"id": "x1", "text": "Acme buys Beta for $1 billion.", "published": "2025-01-02"}),
                 encoding="utf-8")
    proc = cli("extract", f, "--indent", "0")
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["doc_id"] == "x1" and record["money"][0]["value"] == 1_000_000_000
    assert "{" not in record["money"][0]["text"]


@pytest.mark.parametrize("stdin", ["", "   \n\t\n"])
def test_empty_stdin_is_an_error(stdin):
    proc = cli("extract", "-", input=stdin)
    assert proc.returncode == 2 and "empty article" in proc.stderr


@pytest.mark.parametrize("text", ["", "  \n "])
def test_empty_text_is_an_input_error_in_the_library(extractor, text):
    with pytest.raises(InputError, match="empty article"):
        extractor.extract(text)
    with pytest.raises(InputError, match="empty article"):
        list(extractor.extract_many([{"text": text}]))


def test_extract_many_validates_items_like_the_readers(extractor):
    with pytest.raises(InputError, match=r"items\[0\]: unknown field\(s\) \['body'\]"):
        list(extractor.extract_many([{"text": "Acme.", "body": "x"}]))
    with pytest.raises(InputError, match=r"items\[1\].published: expected a string"):
        list(extractor.extract_many([{"text": "Acme."}, {"text": "Beta.", "published": 2025}]))


def test_bare_strings_get_distinct_ids(extractor):
    records = list(extractor.extract_many(["Acme buys Beta.", "Gamma buys Delta."]))
    assert [r.doc_id for r in records] == ["doc-1", "doc-2"]


def test_run_and_extract_give_the_same_record(tmp_path, extractor):
    from extractor.engines.batch import run_batch

    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    run_batch([page], out, extractor=extractor, progress=False)
    (from_run,) = [json.loads(x) for x in out.read_text().splitlines()]
    proc = cli("extract", page, "--indent", "0")
    from_extract = json.loads(proc.stdout)
    for key in ("content_hash", "source"):
        from_run.pop(key, None), from_extract.pop(key, None)
    assert from_run == from_extract
