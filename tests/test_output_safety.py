"""A user's files are never destroyed, and usage errors are usage errors (exit 2).

Each case asserts the user's bytes are unchanged where the run must not touch them.
"""

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extractor.engines.batch import Interrupted, run_batch
from extractor.io.output import OutputError, OutputLock, choose_format

ARTICLE = (
    "Toyota to invest $10 billion in US plants\n"
    "October 28, 2025\n"
    "TOKYO - Toyota Motor Corporation said on Tuesday it will invest more than $10 billion.\n"
)


@pytest.fixture
def news(tmp_path):
    d = tmp_path / "news"
    d.mkdir()
    for i in range(3):
        (d / f"a{i}.txt").write_text(ARTICLE.replace("$10", f"${i + 1}"), encoding="utf-8")
    return d


def cli(*args, cwd=None, **kw):
    return subprocess.run([sys.executable, "-m", "extractor", *map(str, args)], capture_output=True,
                          text=True, cwd=cwd, **kw)


# -- a file that is not ours is refused before anything is written -------------------------


@pytest.mark.parametrize(
    "name, content, fmt",
    [
        pytest.param("notes.txt", b"my own notes\nline two\n", None, id="user-text-file"),
        pytest.param("out.csv", b"doc_id,field\n1,2\n", "csv", id="foreign-csv"),
        pytest.param("out.jsonl", b'{"id": 1}\n', None, id="foreign-jsonl"),
        pytest.param("data.parquet", b"PAR1 not really", None, id="foreign-parquet"),
    ],
)
def test_a_file_that_is_not_ours_is_refused_untouched(news, tmp_path, extractor, name, content, fmt):
    out = tmp_path / name
    out.write_bytes(content)
    with pytest.raises(OutputError, match="--overwrite"):
        run_batch([news], out, fmt=fmt, extractor=extractor, progress=False)
    assert out.read_bytes() == content
    assert not (tmp_path / (out.stem + ".errors.jsonl")).exists()


def test_cli_refuses_a_user_file_with_exit_2_and_one_line(news, tmp_path):
    out = tmp_path / "notes.txt"
    out.write_bytes(b"my own notes\n")
    proc = cli("run", news, "--out", out)
    assert proc.returncode == 2, proc.stderr
    assert str(out) in proc.stderr and "--overwrite" in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1
    assert out.read_bytes() == b"my own notes\n"


def test_overwrite_replaces_a_user_file_when_asked(news, tmp_path, extractor):
    out = tmp_path / "notes.txt"
    out.write_bytes(b"my own notes\n")
    summary = run_batch([news], out, extractor=extractor, progress=False, overwrite=True)
    assert summary.written == 3
    assert [json.loads(x)["doc_id"] for x in out.read_text().splitlines()] == ["a0", "a1", "a2"]


def test_csv_then_jsonl_on_the_same_file_keeps_the_csv(news, tmp_path, extractor):
    out = tmp_path / "out.csv"
    run_batch([news], out, extractor=extractor, progress=False)  # the suffix chooses csv
    before = out.read_bytes()
    assert before.startswith(b"doc_id,field,name,text,start,end,value,attributes\n")
    with pytest.raises(OutputError, match="names a .csv file but --format is jsonl"):
        run_batch([news], out, fmt="jsonl", extractor=extractor, progress=False)
    other = tmp_path / "records"  # no suffix: jsonl; a CSV there is not ours as JSONL
    other.write_bytes(before)
    with pytest.raises(OutputError, match="not a JSON Lines output"):
        run_batch([news], other, extractor=extractor, progress=False)
    assert out.read_bytes() == before and other.read_bytes() == before


def test_jsonl_then_csv_format_on_the_same_file_keeps_the_jsonl(news, tmp_path, extractor):
    out = tmp_path / "records.out"
    run_batch([news], out, extractor=extractor, progress=False)
    before = out.read_bytes()
    with pytest.raises(OutputError, match="not a CSV output"):
        run_batch([news], out, fmt="csv", extractor=extractor, progress=False)
    assert out.read_bytes() == before


@pytest.mark.parametrize(
    "out, fmt, expected",
    [
        ("r.jsonl", None, "jsonl"), ("r.ndjson", None, "jsonl"), ("r.csv", None, "csv"),
        ("r.parquet", None, "parquet"), ("r.CSV", None, "csv"), ("records", None, "jsonl"),
        ("r.txt", "csv", "csv"), ("r.jsonl", "jsonl", "jsonl"),
    ],
)
def test_format_follows_the_suffix(out, fmt, expected):
    assert choose_format(Path(out), fmt) == expected


@pytest.mark.parametrize("out, fmt", [("r.csv", "jsonl"), ("r.jsonl", "parquet"), ("r.parquet", "csv")])
def test_a_suffix_that_contradicts_format_is_a_usage_error(out, fmt):
    with pytest.raises(OutputError, match="names a"):
        choose_format(Path(out), fmt)


def test_old_outputs_of_this_version_still_resume(news, tmp_path, extractor):
    out = tmp_path / "records.jsonl"
    run_batch([news], out, extractor=extractor, progress=False)
    summary = run_batch([news], out, extractor=extractor, progress=False)
    assert summary.skipped == 3 and summary.written == 0


# -- only a torn last record is ever cut ---------------------------------------------------


def test_a_damaged_middle_line_is_reported_and_every_good_record_kept(news, tmp_path, extractor):
    out = tmp_path / "records.jsonl"
    run_batch([news], out, extractor=extractor, progress=False)
    lines = out.read_bytes().splitlines(keepends=True)
    damaged = lines[0] + b"garbage that is not a record\n" + lines[1] + lines[2]
    out.write_bytes(damaged)
    summary = run_batch([news], out, extractor=extractor, progress=False)
    assert summary.written == 0 and summary.skipped == 3
    assert out.read_bytes() == damaged  # nothing cut: the damaged line stays where it was
    assert summary.damage == [f"{out} line 2: not a whole JSON record; kept as it is"]


def test_cli_prints_the_damaged_line_number(news, tmp_path, extractor):
    out = tmp_path / "records.jsonl"
    run_batch([news], out, extractor=extractor, progress=False)
    lines = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(lines[0] + lines[1] + b"{broken\n" + lines[2])
    proc = cli("run", news, "--out", out)
    assert proc.returncode == 0, proc.stderr
    assert f"warning: {out} line 3" in proc.stderr


def test_only_the_torn_last_record_is_cut(news, tmp_path, extractor):
    out = tmp_path / "records.jsonl"
    run_batch([news], out, extractor=extractor, progress=False)
    data = out.read_bytes()
    out.write_bytes(data[:-30])  # the last record torn mid-line
    summary = run_batch([news], out, extractor=extractor, progress=False)
    assert summary.written == 1 and summary.skipped == 2
    assert out.read_bytes() == data


def test_csv_damaged_middle_row_is_kept_and_torn_tail_cut(news, tmp_path, extractor):
    out = tmp_path / "records.csv"
    run_batch([news], out, extractor=extractor, progress=False)
    text = out.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    lines.insert(3, "a,short,row\n")
    damaged = "".join(lines)
    out.write_text(damaged + "a2,money,,$3 bil", encoding="utf-8")  # plus a torn block
    summary = run_batch([news], out, extractor=extractor, progress=False)
    assert summary.skipped == 3 and summary.written == 0
    assert out.read_text(encoding="utf-8") == damaged
    assert summary.damage == [f"{out} line 4: 3 columns, not 8; kept as it is"]


# -- one run at a time on an output ----------------------------------------------------------


def test_a_second_run_on_the_same_out_is_refused_naming_the_first(news, tmp_path, extractor):
    out = tmp_path / "records.jsonl"
    with OutputLock(out):
        with pytest.raises(OutputError, match=rf"pid {os.getpid()}.*another --out"):
            run_batch([news], out, extractor=extractor, progress=False)
    assert not out.exists()
    assert run_batch([news], out, extractor=extractor, progress=False).written == 3  # released


def test_two_cli_runs_at_once_write_each_record_once(tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    for i in range(30):
        (d / f"art{i:03d}.txt").write_text(ARTICLE * 3, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    first = subprocess.Popen([sys.executable, "-m", "extractor", "run", str(d), "--out", str(out)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 60
    while not Path(str(out) + ".lock").exists() and time.time() < deadline:
        time.sleep(0.05)
    second = cli("run", d, "--out", out)
    first.wait(timeout=300)
    assert second.returncode == 2 and "being written by another run" in second.stderr
    assert f"pid {first.pid}" in second.stderr
    ids = [json.loads(x)["doc_id"] for x in out.read_text().splitlines()]
    assert len(ids) == len(set(ids)) == 30


def test_a_lock_left_by_a_killed_run_is_not_stale(tmp_path, news, extractor):
    out = tmp_path / "records.jsonl"
    lock = Path(str(out) + ".lock")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import sys, time; from extractor.io.output import OutputLock; "
        f"OutputLock({str(out)!r}).acquire(); print('locked', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    assert lock.exists()  # the file stays, the OS lock went with the process
    assert run_batch([news], out, extractor=extractor, progress=False).written == 3
    assert not lock.exists()


# -- usage errors ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "extra, message",
    [
        pytest.param(["--published", "2025-13-45"], "published is not a real date", id="bad-published"),
        pytest.param(["--published", "28/10/2025"], "published must be YYYY-MM-DD", id="published-shape"),
        pytest.param(["nosuch/"], "no such file or folder: nosuch", id="missing-path"),
        pytest.param(["--format", "csv", "--out", "x.jsonl"], "names a .jsonl file but --format is csv", id="suffix-vs-format"),
    ],
)
def test_usage_errors_exit_2_once(news, tmp_path, extra, message):
    proc = cli("run", news, "--out", tmp_path / "o.jsonl", *extra, cwd=tmp_path)
    assert proc.returncode == 2, proc.stderr
    assert message in proc.stderr
    assert proc.stderr.count("error:") == 1
    assert not (tmp_path / "o.jsonl").exists() and not (tmp_path / "o.errors.jsonl").exists()


def test_dask_engine_without_the_extra_names_it(news, tmp_path, monkeypatch):
    import importlib.util

    from extractor.engines.batch import check_engine
    from extractor.errors import ExtractorError

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name.startswith("dask") else real(name, *a))
    with pytest.raises(ExtractorError, match=r"pip install 'extractor\[dask\]'"):
        check_engine("dask")


def test_version_option():
    from extractor import __version__

    proc = cli("--version")
    assert proc.returncode == 0 and proc.stdout.strip() == f"extractor {__version__}"


def test_choices_are_listed_in_help():
    proc = cli("run", "--help", env={**os.environ, "COLUMNS": "200"})
    assert "jsonl|csv|parquet" in proc.stdout and "local|dask" in proc.stdout


def test_help_does_not_load_spacy():
    code = "import sys, extractor.cli; print('spacy' in sys.modules)"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.stdout.strip() == "False", proc.stderr


def test_ctrl_c_says_how_many_were_written_and_leaves_no_empty_errors_file(news, tmp_path, extractor):
    out = tmp_path / "records.jsonl"
    seen = []

    def stop_after_one(result):
        seen.append(result)
        raise KeyboardInterrupt

    with pytest.raises(Interrupted) as info:
        run_batch([news], out, extractor=extractor, progress=False, on_result=stop_after_one)
    assert info.value.summary.written == 1
    assert not (tmp_path / "records.errors.jsonl").exists()
    assert not Path(str(out) + ".lock").exists()
    assert run_batch([news], out, extractor=extractor, progress=False).written == 2  # resumes


def test_cli_ctrl_c_message(tmp_path):
    d = tmp_path / "many"
    d.mkdir()
    for i in range(40):
        (d / f"art{i:03d}.txt").write_text(ARTICLE * 20, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    # A test run started in the background inherits an ignored SIGINT, which a terminal's Ctrl-C
    # never meets: the child gets the default back, as a command typed at a prompt has.
    proc = subprocess.Popen([sys.executable, "-m", "extractor", "run", str(d), "--out", str(out), "--batch-size", "2"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.time() + 120
    while time.time() < deadline and (not out.exists() or out.read_bytes().count(b"\n") < 2):
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    written = out.read_bytes().count(b"\n")
    assert proc.returncode == 130, err
    assert f"interrupted: {written} written; run the same command again to resume" in err
    assert not (tmp_path / "out.errors.jsonl").exists()


def test_progress_bar_has_a_total(news, tmp_path, extractor, capsys):
    run_batch([news], tmp_path / "o.jsonl", extractor=extractor, progress=True)
    assert "3/3" in capsys.readouterr().err
