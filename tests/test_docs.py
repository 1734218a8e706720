"""The README keeps in step with the code: every command is shown, and the query table
gives each query's columns as the query returns them."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from fixtures_store import mini_store
from kg import api
from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
QUERY_ROWS = dict(re.findall(r"^\| `([\w.]+\.rq)` \| .*? \| ([\w, ]+) \|$", README, re.M))


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_is_in_the_readme(command: str) -> None:
    assert re.search(rf"^kg {command}\b", README, re.M), f"README.md shows no `kg {command}` line"


def test_every_query_is_in_the_table() -> None:
    assert sorted(QUERY_ROWS) == sorted(p.name for p in (ROOT / "queries").glob("*.rq"))


@pytest.mark.parametrize("name", sorted(p.name for p in (ROOT / "queries").glob("*.rq")))
def test_query_table_columns_match_the_query(name: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    store = mini_store(tmp_path_factory.mktemp("docs") / "s")
    result = api.query(ROOT / "queries" / name, store=store)
    assert [c.strip() for c in QUERY_ROWS[name].split(",")] == result.vars
