"""`kg eval` run the way a user runs it, on the seed articles and their gold."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
GOLD = Path(__file__).parent / "data" / "gold" / "seeds.jsonl"


@pytest.mark.model
def test_eval_on_seed_articles_json(tmp_path: Path) -> None:
    store = tmp_path / "untouched"
    result = CliRunner().invoke(main, ["eval", str(GOLD), str(ROOT / "seeds"), "--store", str(store), "--format", "json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output[result.output.index("{"):])
    scores = report["scores"]
    # The seeds are the acceptance bar: every gold person, status and count is found.
    for key in ("persons", "status", "counts"):
        assert scores[key]["fn"] == 0 and scores[key]["fp"] == 0, (key, scores[key])
    assert not store.exists(), "building ARTICLES for eval must not touch the user's store"


def test_eval_missing_gold_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", str(tmp_path / "nope.jsonl"), "--store", str(tmp_path)])
    assert result.exit_code == 2
    assert result.output.strip().startswith("error: ") and len(result.output.strip().splitlines()) == 1
    assert "no gold file" in result.output


def test_eval_help_documents_the_format() -> None:
    result = CliRunner().invoke(main, ["eval", "--help"])
    assert result.exit_code == 0 and "docs/evaluation.md" in result.output
