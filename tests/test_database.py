"""SQLite output (issue 12): one more writer with the guarantees of the others.

A foreign file is refused untouched, a re-run skips same-hash articles and replaces changed
ones, a SIGKILLed run leaves a consistent database, every record rebuilt from the tables equals
the JSONL record (the whole corpus), and the same company or official has one key across
articles.
"""

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.engines.batch import run_batch
from extractor.io.database import SqliteWriter, company_key, official_key, read_records
from extractor.io.output import OutputError, choose_format
from extractor.models import ArticleRecord
from sample_news import article as sample_article

ROOT = Path(__file__).resolve().parent.parent


def article(n: int) -> str:
    return sample_article(n, official=True)


@pytest.fixture
def news(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    for i in range(3):
        (d / f"a{i}.txt").write_text(article(i + 1), encoding="utf-8")
    return d


def rows(db: Path, sql: str, *params) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()


# -- one more format of the same mechanism ---------------------------------------------------


@pytest.mark.parametrize("out, fmt", [("news.db", None), ("n.sqlite", None), ("n.SQLITE3", None), ("n.out", "sqlite")])
def test_the_suffix_or_format_chooses_sqlite(out, fmt):
    assert choose_format(Path(out), fmt) == "sqlite"


def test_a_db_suffix_that_contradicts_format_is_a_usage_error():
    with pytest.raises(OutputError, match="names a .sqlite file but --format is jsonl"):
        choose_format(Path("news.db"), "jsonl")


def _write(path: Path, data: bytes) -> bytes:
    path.write_bytes(data)
    return data


def _foreign_sqlite(path: Path) -> bytes:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (body TEXT)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()
    return path.read_bytes()


@pytest.mark.parametrize(
    "name, make, message",
    [
        pytest.param("news.db", lambda p: _write(p, b"my own notes\n"),
                     "is not a SQLite database", id="text-file-named-db"),
        pytest.param("news.sqlite", _foreign_sqlite, "SQLite database that extractor run did not write",
                     id="foreign-sqlite"),
        pytest.param("records.jsonl.db", lambda p: _write(p, b'{"doc_id": "x"}\n'),
                     "is not a SQLite database", id="our-jsonl-under-a-db-name"),
    ],
)
def test_a_file_that_is_not_ours_is_refused_untouched(news, tmp_path, extractor, name, make, message):
    out = tmp_path / name
    before = make(out)
    with pytest.raises(OutputError, match=message + ".*--overwrite"):
        run_batch([news], out, extractor=extractor, progress=False)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["news", name])


def test_cli_refuses_a_foreign_database_with_exit_2_and_overwrite_replaces_it(news, tmp_path, extractor):
    out = tmp_path / "news.db"
    before = _foreign_sqlite(out)
    proc = subprocess.run([sys.executable, "-m", "extractor", "run", str(news), "--out", str(out)],
                          capture_output=True, text=True)
    assert proc.returncode == 2 and "did not write" in proc.stderr and "--overwrite" in proc.stderr
    assert out.read_bytes() == before
    assert run_batch([news], out, extractor=extractor, progress=False, overwrite=True).written == 3
    assert rows(out, "SELECT doc_id FROM articles ORDER BY doc_id") == [("a0",), ("a1",), ("a2",)]
    assert not rows(out, "SELECT name FROM sqlite_master WHERE name = 'notes'")


def test_a_jsonl_run_refuses_our_database(news, tmp_path, extractor):
    out = tmp_path / "news.db"
    run_batch([news], out, extractor=extractor, progress=False)
    before = out.read_bytes()
    other = tmp_path / "records"
    other.write_bytes(before)
    with pytest.raises(OutputError, match="not a JSON Lines output"):
        run_batch([news], other, extractor=extractor, progress=False)
    assert other.read_bytes() == before


# -- resume ----------------------------------------------------------------------------------


def test_rerun_skips_same_hash_and_replaces_a_changed_article(news, tmp_path, extractor):
    out = tmp_path / "news.db"
    assert run_batch([news], out, extractor=extractor, progress=False).written == 3
    assert not Path(str(out) + "-wal").exists()  # a finished run leaves one plain file
    again = run_batch([news], out, extractor=extractor, progress=False)
    assert again.written == 0 and again.skipped == 3
    (news / "a1.txt").write_text(article(42).replace("15% tariff", "25% tariff"), encoding="utf-8")
    changed = run_batch([news], out, extractor=extractor, progress=False)
    assert changed.written == 1 and changed.skipped == 2
    records = {r["doc_id"]: r for r in read_records(out)}
    assert sorted(records) == ["a0", "a1", "a2"]
    assert records["a1"]["money"][0]["value"] == 42_000_000_000
    assert [t["rate"] for t in records["a1"]["tariffs"]] == [25.0]
    # no row of the old a1 is left behind in any table
    assert rows(out, "SELECT count(*) FROM money WHERE doc_id = 'a1'") == [(len(records["a1"]["money"]),)]
    n_mentions = sum(len(c["mentions"]) for c in records["a1"]["companies"])
    assert rows(out, "SELECT count(*) FROM company_mentions WHERE doc_id = 'a1'") == [(n_mentions,)]
    assert rows(out, "PRAGMA foreign_key_check") == []


def test_keep_text_is_stored_and_searchable(news, tmp_path, extractor):
    out = tmp_path / "news.db"
    run_batch([news], out, extractor=extractor, progress=False, keep_text=True)
    hits = rows(out, "SELECT doc_id FROM articles WHERE rowid IN "
                     "(SELECT rowid FROM articles_fts WHERE articles_fts MATCH 'Takaichi') ORDER BY doc_id")
    assert hits == [("a0",), ("a1",), ("a2",)]
    (rec,) = [r for r in read_records(out) if r["doc_id"] == "a0"]
    m = rec["money"][0]
    assert rec["text"][m["start"]:m["end"]] == m["text"]


def test_a_writer_refuses_a_database_of_another_schema(tmp_path):
    out = tmp_path / "news.db"
    writer = SqliteWriter(out)
    writer.load()
    writer.write(ArticleRecord(doc_id="x").model_dump(mode="json"))
    writer.finish()
    conn = sqlite3.connect(out)
    conn.execute("UPDATE _extractor SET value = '999' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    before = out.read_bytes()
    with pytest.raises(OutputError, match="schema 999, not schema 1"):
        SqliteWriter(out).check()
    with pytest.raises(OutputError, match="schema 999"):
        SqliteWriter(out).load()
    assert out.read_bytes() == before


# -- a killed run ----------------------------------------------------------------------------


def test_sigkill_leaves_a_consistent_database_and_a_rerun_completes_it(tmp_path, extractor):
    d = tmp_path / "many"
    d.mkdir()
    for i in range(60):
        (d / f"art{i:03d}.txt").write_text(article(i + 1) * 3, encoding="utf-8")
    out = tmp_path / "news.db"
    cmd = [sys.executable, "-m", "extractor", "run", str(d), "--out", str(out), "--batch-size", "4"]

    def done() -> int:
        try:
            return rows(out, "SELECT count(*) FROM articles")[0][0]
        except sqlite3.Error:
            return 0

    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or done() < 8):
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    partial = read_records(out)
    assert 0 < len(partial) < 60, "the kill should land mid-run"
    assert rows(out, "PRAGMA integrity_check") == [("ok",)]
    assert rows(out, "PRAGMA foreign_key_check") == []
    # every article in the killed database is whole: the same record a complete run writes
    expected = {}
    run_batch([d], tmp_path / "whole.jsonl", extractor=extractor, progress=False,
              on_result=lambda res: expected.__setitem__(res.doc_id, res.record))
    for record in partial:
        assert record == expected[record["doc_id"]]
    subprocess.run(cmd, check=True, capture_output=True)
    ids = [r[0] for r in rows(out, "SELECT doc_id FROM articles ORDER BY doc_id")]
    assert ids == [f"art{i:03d}" for i in range(60)]
    assert rows(out, "PRAGMA foreign_key_check") == []


# -- the round trip on the corpus ------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_run(snapshot_db):
    """The whole corpus's records (the committed snapshot, which tests/test_snapshot.py keeps
    equal to what the extractor writes) in a database, and those records."""
    lines = (ROOT / "tests" / "data" / "corpus_snapshot.jsonl").read_text(encoding="utf-8").splitlines()
    return snapshot_db, [json.loads(line) for line in lines]


def test_every_record_rebuilt_from_the_tables_equals_the_jsonl_record(corpus_run):
    out, records = corpus_run
    rebuilt = read_records(out)
    assert len(rebuilt) == len(records) >= 138
    by_id = {r["doc_id"]: r for r in records}
    for record in rebuilt:
        assert record == by_id[record["doc_id"]], record["doc_id"]
        assert json.dumps(record, sort_keys=True) == json.dumps(by_id[record["doc_id"]], sort_keys=True)


def test_one_row_per_mention_and_entity(corpus_run):
    out, records = corpus_run
    for table, count in [
        ("money", sum(len(r["money"]) for r in records)),
        ("tariffs", sum(len(r["tariffs"]) for r in records)),
        ("companies", sum(len(r["companies"]) for r in records)),
        ("company_mentions", sum(len(c["mentions"]) for r in records for c in r["companies"])),
        ("official_mentions", sum(len(o["mentions"]) for r in records for o in r["officials"])),
        ("investments", sum(len(r["investments"]) for r in records)),
    ]:
        assert rows(out, f"SELECT count(*) FROM {table}") == [(count,)], table


def test_indexes_on_what_people_filter_by(corpus_run):
    out, _ = corpus_run
    indexed = set(rows(out, "SELECT m.name, i.name FROM sqlite_master m, pragma_index_list(m.name) l, "
                            "pragma_index_info(l.name) i WHERE m.type = 'table'"))
    for needed in [("articles", "published"), ("money", "currency"), ("tariffs", "imposer"), ("tariffs", "status"),
                   ("companies", "company_id"), ("companies", "name"), ("officials", "official_id"),
                   ("company_mentions", "company_row"), ("money", "doc_id")]:
        assert needed in indexed, needed


def test_company_id_groups_a_company_across_articles(corpus_run):
    out, records = corpus_run
    ids = dict(rows(out, "SELECT name, company_id FROM companies"))
    assert ids["Toshiba"] == "toshiba"
    by_id = {}
    for name, cid in ids.items():
        by_id.setdefault(cid, set()).add(name)
    assert by_id["baugur"] == {"Baugur", "Baugur Group"}  # w099: the group named with and without "Group"
    top = rows(out, "SELECT company_id, count(DISTINCT doc_id) n FROM companies GROUP BY company_id ORDER BY n DESC LIMIT 1")
    assert top[0][1] > 5


@pytest.mark.parametrize(
    "name, key",
    [
        ("Toshiba", "toshiba"), ("Toshiba Group", "toshiba"), ("Toshiba Corporation", "toshiba"),
        ("Toshiba Corp.", "toshiba"), ("SoftBank", "softbank-group"), ("SoftBank Group Corp", "softbank-group"),
        ("MHI", "mitsubishi-heavy-industries"), ("Hitachi, Ltd.", "hitachi"), ("Hitachi Energy", "hitachi-energy"),
        ("Mitsui", "mitsui-co"), ("Corning Inc.", "corning"), ("Acme Widgets Holdings Co., Ltd.", "acme-widgets"),
        ("Merck & Co.", "merck"), ("Merck KGaA", "merck-kgaa"), ("ČEZ", "cez"), ("Group", "group"),
    ],
)
def test_company_key(name, key):
    assert company_key(name) == key


@pytest.mark.parametrize(
    "name, key",
    [
        ("Donald Trump", "donald-trump"), ("Trump", "donald-trump"), ("Donald J. Trump", "donald-trump"),
        ("Biden", "joe-biden"), ("Koizumi", "shinjiro-koizumi"), ("Ian MacFarlane", "ian-macfarlane"),
        ("Ian Macfarlane", "ian-macfarlane"), ("Pedro Sánchez", "pedro-sanchez"),
    ],
)
def test_official_key(name, key):
    assert official_key(name) == key


# -- browsing: the canned queries through Datasette's own client ------------------------------


@pytest.fixture(scope="module")
def snapshot_db(tmp_path_factory):
    """The committed corpus snapshot loaded into a database (no extraction needed)."""
    out = tmp_path_factory.mktemp("snap") / "news.db"
    writer = SqliteWriter(out)
    writer.load()
    for line in (ROOT / "tests" / "data" / "corpus_snapshot.jsonl").read_text(encoding="utf-8").splitlines():
        writer.write(json.loads(line))
    writer.finish()
    return out


def datasette_get(db: Path, *paths: str) -> list:
    """GET each path from a Datasette serving ``db`` with our plugin; the decoded JSON bodies."""
    pytest.importorskip("datasette")
    import asyncio

    from datasette.app import Datasette
    from datasette.plugins import pm

    import extractor.io.datasette_plugin as plugin

    if not pm.is_registered(plugin):  # an editable install may not have the entry point yet
        pm.register(plugin, name="extractor")

    async def fetch():
        ds = Datasette([str(db)])
        out = []
        for path in paths:
            response = await ds.client.get(path)
            assert response.status_code == 200, (path, response.text[:500])
            out.append(response.json())
        return out

    return asyncio.run(fetch())


def test_canned_queries_answer_the_questions(snapshot_db):
    timeline, pledges, companies, design, official = datasette_get(
        snapshot_db,
        "/news/tariff_timeline.json?_shape=array&imposer=US&target=JP",
        "/news/pledges_above.json?_shape=array&threshold=100000000000&currency=",
        "/news/companies_by_articles.json?_shape=array",
        "/news/companies_with_design.json?_shape=array&design=AP1000",
        "/news/articles_with_official.json?_shape=array&name=Takaichi",
    )
    assert timeline and all(r["imposer"] == "US" and r["target"] == "JP" for r in timeline)
    dates = [r["published"] for r in timeline]
    assert dates == sorted(dates)
    assert {r["rate"] for r in timeline} >= {15.0, 25.0}
    assert pledges and all(r["amount"] >= 100e9 and r["currency"] == "USD" for r in pledges)
    assert [r["amount"] for r in pledges] == sorted((r["amount"] for r in pledges), reverse=True)
    assert companies[0]["articles"] >= companies[-1]["articles"]
    top = {r["company_id"] for r in companies if r["articles"] == companies[0]["articles"]}
    articles = {r["company_id"]: r["articles"] for r in companies}
    assert articles["westinghouse"] >= companies[4]["articles"] and len(top) < len(companies)  # among the top five counts
    assert "westinghouse" in [r["company_id"] for r in design]
    assert official and all("Takaichi" in r["name"] for r in official)
    assert {r["official_id"] for r in official} == {"sanae-takaichi"}


def test_datasette_shows_descriptions_and_facets_for_our_database_only(snapshot_db, tmp_path):
    (meta,) = datasette_get(snapshot_db, "/-/metadata.json")
    assert "tariff_timeline" in meta["databases"]["news"]["queries"]
    (facets,) = datasette_get(snapshot_db, "/news/tariffs.json?_size=0")
    assert {"imposer", "target", "status"} <= set(facets["facet_results"])
    other = tmp_path / "other.db"
    _foreign_sqlite(other)
    (meta,) = datasette_get(other, "/-/metadata.json")
    assert "other" not in (meta.get("databases") or {})


def test_doctests_of_the_keys():
    import doctest

    import extractor.io.database as database

    result = doctest.testmod(database)
    assert result.attempted > 0 and result.failed == 0
