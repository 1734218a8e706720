"""The command line as people use it: a query from standard input, tables that fit the
terminal, events by label, `kg stats`, `kg forget`, `kg build --exclude` and the
annotation files it skips, `--store` before the command."""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from fixtures_store import mini_store, store_from_records
from kg.cli import main
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"


def _run(*args: str | Path, env: dict[str, str] | None = None, input: str | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, [str(a) for a in args], env=env, input=input, catch_exceptions=False)


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return mini_store(tmp_path / "store")


def test_query_from_standard_input(store: Path) -> None:
    result = _run("query", "-", "--store", store, input="SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n } ORDER BY ?n LIMIT 1")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[2] == "Anna Kowalczyk"
    empty = _run("query", "-", "--store", store, input="  \n")
    assert empty.exit_code == 2
    assert empty.stderr.strip() == ("error: no query on standard input; pipe the SPARQL text in, "
                                    "or pass a .rq file or the text itself")


def test_table_fits_the_terminal_and_wide_shows_all(store: Path) -> None:
    narrow = _run("query", QUERIES / "why.rq", "--store", store, env={"COLUMNS": "110"})
    assert narrow.exit_code == 0
    lines = narrow.stdout.splitlines()
    assert all(len(line) <= 110 for line in lines), max(lines, key=len)
    assert "…" in narrow.stdout
    wide = _run("query", QUERIES / "why.rq", "--store", store, "--wide", env={"COLUMNS": "110"})
    assert "President Boris Example pardoned opposition figure Anna Kowalczyk and one other prisoner in May." in wide.stdout
    assert max(len(line) for line in wide.stdout.splitlines()) > 110
    # Written to a pipe or file (no terminal, no $COLUMNS), the table keeps every cell whole.
    piped = _run("query", QUERIES / "why.rq", "--store", store, env={"COLUMNS": ""})
    assert "“" not in piped.stdout and "one other prisoner in May." in piped.stdout


def test_events_are_shown_by_a_readable_label(store: Path) -> None:
    result = _run("query", QUERIES / "pardons.rq", "--store", store)
    assert result.stdout.splitlines()[2].startswith("pardon · 2024-05 · 2 ")
    # Machine formats keep the IRI.
    doc = json.loads(_run("query", QUERIES / "pardons.rq", "--store", store, "-f", "json").stdout)
    assert doc["results"]["bindings"][0]["event"]["value"] == "https://w3id.org/kg-news/id/event/pardon-1"


def test_store_before_the_command(store: Path, tmp_path: Path) -> None:
    before = _run("--store", store, "query", "ASK { ?p a kg:Person }")
    assert before.exit_code == 0 and before.stdout == "yes\n"
    # Given after the command too, that one wins.
    both = _run("--store", tmp_path / "nowhere", "query", "ASK { ?p a kg:Person }", "--store", store)
    assert both.exit_code == 0 and both.stdout == "yes\n"
    missing = _run("--store", tmp_path / "nowhere", "stats")
    assert missing.exit_code == 3 and str(tmp_path / "nowhere") in missing.stderr


def test_stats(store: Path) -> None:
    result = _run("stats", "--store", store)
    assert result.exit_code == 0
    out = result.stdout
    for line in ("articles              2", "people                4", "organisations         2", "places                1",
                 "events                2", "  arrest              1", "  pardon              1", "count reports         1",
                 "  jailed              1", "  pardoned            1", "  exiled              1", "triples               165"):
        assert line + "\n" in out, line
    assert re.search(r"^size on disk +[\d.]+ (KB|MB)$", out, re.M)
    doc = json.loads(_run("stats", "--store", store, "-f", "json").stdout)
    assert doc["people"] == 4 and doc["events_by_type"] == {"arrest": 1, "pardon": 1}


def test_forget_removes_what_only_that_article_supported(tmp_path: Path) -> None:
    store = store_from_records(tmp_path / "s")
    names = "SELECT ?n WHERE { ?p rdfs:label ?n } ORDER BY ?n"
    before = _run("query", names, "--store", store, "-f", "csv").stdout.splitlines()
    result = _run("forget", "b2", "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"forgot 1 article (b2); {store} now has 1 article, ")
    after = _run("query", names, "--store", store, "-f", "csv").stdout.splitlines()
    assert set(after) < set(before)
    assert "Southport" in before and "Southport" not in after  # only b2 named it
    assert "Dmitri Olsen" in after  # a1 names him too
    sources = _run("query", "SELECT DISTINCT ?a WHERE { ?x kg:reportedIn ?a }", "--store", store, "-f", "csv").stdout.split()[1:]
    assert sources == ["https://w3id.org/kg-news/id/article/a1"]
    with Store(store) as st:
        assert list(st.manifest["articles"]) == ["a1"]
    again = _run("forget", "b2", "--store", store)
    assert again.exit_code == 2
    assert again.stderr.startswith("error: no article 'b2' in the store ")


def test_forget_by_file_name(tmp_path: Path) -> None:
    store = store_from_records(tmp_path / "s")
    assert _run("forget", "a1.txt", "--store", store).exit_code == 0
    with Store(store) as st:
        assert list(st.manifest["articles"]) == ["b2"]


def test_build_exclude_leaves_out_without_reading_further(tmp_path: Path) -> None:
    # Everything excluded: nothing to build, and no model is needed to say so.
    folder = tmp_path / "news"
    (folder / "drafts").mkdir(parents=True)
    (folder / "drafts" / "x.txt").write_text("Draft text about nobody in particular.\n")
    result = _run("build", folder, "--exclude", "drafts/*", "--exclude", "*/drafts/*", "--store", tmp_path / "s", "-q")
    assert result.exit_code == 0
    assert result.stdout.startswith("nothing built: no article could be read or extracted")


@pytest.mark.model
def test_a_folder_build_skips_annotation_files_with_a_note(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    shutil.copy(ROOT / "seeds" / sorted(p.name for p in (ROOT / "seeds").glob("*.txt"))[0], folder / "one.txt")
    (folder / "gold.jsonl").write_text('{"id": "one", "persons": []}\n')
    (folder / "entities.json").write_text('{"entities": []}\n')
    (folder / "skip-me.txt").write_text("An article that is excluded, about Anna Example in Northtown.\n")
    result = _run("build", folder, "--exclude", "skip-*", "--store", tmp_path / "s", "-q")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert "1 article read" in result.stdout
    assert f"note: skipped 1 annotation file in the folders given ({folder / 'gold.jsonl'})" in result.stdout
    with Store(tmp_path / "s") as st:
        assert list(st.manifest["articles"]) == ["one"]
