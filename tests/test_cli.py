"""The command line: every command has help and is in the README; extract and schema work."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cli import app

ROOT = Path(__file__).resolve().parent.parent
runner = CliRunner()
COMMANDS = sorted(c.name for c in app.registered_commands)


def test_all_commands_are_known():
    assert COMMANDS == ["evaluate", "extract", "run", "schema", "score", "summary", "validate-gold"]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_is_documented(name):
    result = runner.invoke(app, [name, "--help"])
    assert result.exit_code == 0 and len(result.output) > 100
    assert re.search(rf"`extractor {name}\b", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_schema_is_the_record_contract():
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.output)
    assert set(schema["properties"]) >= {"doc_id", "published", "money", "tariffs", "companies", "reactors",
                                          "officials", "dates"}
    money = schema["$defs"]["MoneyMention"]["properties"]
    assert "currency" in money and "qualifier" in money


def test_extract_from_stdin_with_published():
    text = "Japan will invest $550 billion in the U.S., Prime Minister Sanae Takaichi said on Tuesday.\n"
    proc = subprocess.run([sys.executable, "-m", "extractor", "extract", "-", "--published", "2025-10-28",
                           "--doc-id", "x", "--indent", "0"], input=text, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    record = json.loads(proc.stdout)
    assert record["doc_id"] == "x" and record["published"] == "2025-10-28"
    assert record["money"][0]["value"] == 550_000_000_000
    assert record["officials"][0]["name"] == "Sanae Takaichi"
    assert record["dates"][0]["value"] == "2025-10-28"


@pytest.mark.parametrize(
    "args,message",
    [
        (["extract", "-", "--published", "28/10/2025"], "published must be YYYY-MM-DD"),
        (["extract", "no/such/file.txt"], "no/such/file.txt"),
        (["run", "corpus", "--format", "xml"], "Invalid value for '--format'"),
        (["run", "corpus", "--engine", "spark"], "Invalid value for '--engine'"),
        (["extract", "-", "--no-such-flag"], "No such option"),
    ],
)
def test_bad_input_gives_a_clear_message_and_exit_2(args, message):
    proc = subprocess.run([sys.executable, "-m", "extractor", *args], input="Some text.", capture_output=True,
                          text=True, cwd=ROOT)
    assert proc.returncode == 2
    assert message in proc.stderr
