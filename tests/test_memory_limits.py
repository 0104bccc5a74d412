"""Memory a user can plan for (issue 8): the default article limit fits a 2 GB worker.

The figures are those of `python scripts/bench.py --memory` recorded in extractor/limits.py.
"""

from __future__ import annotations

import re

from typer.testing import CliRunner

from extractor import Extractor
from extractor.cli import app
from extractor.limits import DEFAULT_MAX_CHARS

# Measured (scripts/bench.py --memory): RSS after loading the model, and the largest memory per
# character of one article above it (the 100 KB article; 1 MB measured 3,117 bytes/char).
BASELINE_MB = 150
BYTES_PER_CHAR = 3_700
WORKER_MB = 2048


def test_default_article_fits_a_2_gb_worker():
    peak_mb = BASELINE_MB + DEFAULT_MAX_CHARS * BYTES_PER_CHAR / 2**20
    assert peak_mb < WORKER_MB, f"DEFAULT_MAX_CHARS={DEFAULT_MAX_CHARS:,} peaks near {peak_mb:,.0f} MB"


def test_extractor_uses_the_default(extractor):
    assert extractor.max_chars == DEFAULT_MAX_CHARS
    assert Extractor.__init__.__defaults__[-1] == DEFAULT_MAX_CHARS


def test_run_help_shows_the_default():
    result = CliRunner().invoke(app, ["run", "--help"], env={"COLUMNS": "250", "NO_COLOR": "1"})
    assert result.exit_code == 0
    flat = re.sub(r"\s+", " ", re.sub(r"[│╭╮╰╯─]", " ", result.output))
    match = re.search(r"--max-chars .*?\[default: (\d+)\]", flat)
    assert match, flat
    assert int(match.group(1)) == DEFAULT_MAX_CHARS
    assert "2000000" not in flat
