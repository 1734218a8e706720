"""Builds in increments, in any order, and `kg forget`, give the graph of one full build.

The articles are the seeds and the development corpus, extracted once by a full
build; the other stores start with a copy of that extraction cache, so each
increment is a real `kg build` (manifest, resolution over every article, graph
write) without the model.  Graphs are compared as sets of N-Triples lines (kg mints
no blank nodes, so that is canonical).
"""
from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.read import read_paths

ROOT = Path(__file__).parent.parent
INPUTS = [ROOT / "seeds", ROOT / "tests" / "data" / "corpus"]

pytestmark = pytest.mark.model


def _files() -> list[Path]:
    files = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))
    assert len(files) >= 15
    return files


def _kg(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _triples(store: Path) -> set[str]:
    out = CliRunner().invoke(main, ["export", "--format", "nt", "--store", str(store)], catch_exceptions=False)
    assert out.exit_code == 0, out.output
    lines = {line for line in out.output.splitlines() if line.strip()}
    assert "_:" not in "".join(lines)  # no blank nodes: the lines are canonical
    return lines


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    store = tmp_path_factory.mktemp("full") / "store"
    _kg("build", "-q", *_files(), "--store", store)
    return store, _triples(store)


def _seeded(full_store: Path, where: Path) -> Path:
    """A new store holding only the full build's extraction cache."""
    store = where / "store"
    shutil.copytree(full_store / "extractions", store / "extractions")
    return store


def _diff(got: set[str], want: set[str]) -> str:
    return (f"{len(got - want)} extra, {len(want - got)} missing; e.g. extra {sorted(got - want)[:3]}, "
            f"missing {sorted(want - got)[:3]}")


@pytest.mark.parametrize("order", ["forward-3", "reverse-4", "shuffled-1", "shuffled-5"])
def test_increments_in_any_order_equal_one_full_build(order: str, full: tuple[Path, set[str]], tmp_path: Path) -> None:
    full_store, want = full
    files = _files()
    how, size = order.split("-")
    if how == "reverse":
        files = files[::-1]
    elif how == "shuffled":
        random.Random(len(order) * 31 + int(size)).shuffle(files)
    store = _seeded(full_store, tmp_path)
    chunks = [files[i:i + int(size)] for i in range(0, len(files), int(size))]
    for chunk in chunks:
        out = _kg("build", "-q", *chunk, "--store", store)
        assert f"(0 extracted, {len(chunk)} from cache)" in out, out  # no model needed: all cached
    got = _triples(store)
    assert got == want, _diff(got, want)


def test_an_article_built_twice_changes_nothing(full: tuple[Path, set[str]], tmp_path: Path) -> None:
    full_store, want = full
    store = _seeded(full_store, tmp_path)
    files = _files()
    _kg("build", "-q", *files, "--store", store)
    _kg("build", "-q", files[3], files[0], "--store", store)
    assert _triples(store) == want


def test_forget_gives_the_graph_of_the_other_articles(full: tuple[Path, set[str]], tmp_path: Path) -> None:
    full_store, want = full
    files = _files()
    gone = [files[1], files[6], files[-1]]
    kept = [f for f in files if f not in gone]
    only_kept = _seeded(full_store, tmp_path / "kept")
    _kg("build", "-q", *kept, "--store", only_kept)
    expected = _triples(only_kept)
    assert expected != want  # the three articles do add facts

    store = _seeded(full_store, tmp_path / "forgetting")
    _kg("build", "-q", *files, "--store", store)
    ids = [a.id for a in read_paths([str(gone[0])]).articles]
    out = _kg("forget", ids[0], gone[1], str(gone[2]), "--store", store)  # by id and by file
    assert out.startswith("forgot 3 articles"), out
    got = _triples(store)
    assert got == expected, _diff(got, expected)

    # and built again, they come back: the same graph as the full build
    _kg("build", "-q", *gone, "--store", store)
    assert _triples(store) == want


def test_forget_an_unknown_article_is_one_line(full: tuple[Path, set[str]], tmp_path: Path) -> None:
    store = _seeded(full[0], tmp_path)
    _kg("build", "-q", _files()[0], "--store", store)
    result = CliRunner().invoke(main, ["forget", "no-such-article", "--store", str(store)])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [
        f"error: no article 'no-such-article' in the store {store}; name an article id or the file it was built "
        "from (`kg query 'SELECT ?a ?f WHERE { ?a kg:sourceFile ?f }'` lists them)"]


def test_forget_without_a_store_is_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["forget", "x", "--store", str(tmp_path / "none")])
    assert result.exit_code == 3
    assert result.output.strip() == f"error: no store at {tmp_path / 'none'}; run `kg build PATH` first or pass --store"


def test_the_store_holds_exactly_what_to_graph_makes(full: tuple[Path, set[str]]) -> None:
    """The build writes N-Triples straight from the records (no rdflib Graph); the graph
    must stay the one the rdflib path (`kg.rdf.to_graph`) gives for the same records."""
    from kg.rdf import to_graph
    from kg.resolve import resolve
    from kg.store import Store

    full_store, got = full
    with Store(full_store) as st:
        extractions = st.all_extractions()
    reference = to_graph(extractions, resolve(extractions)).serialize(format="nt", encoding="utf-8")
    import pyoxigraph

    ox = pyoxigraph.Store()
    ox.bulk_load(reference, pyoxigraph.RdfFormat.N_TRIPLES)
    want = {line for line in ox.dump(format=pyoxigraph.RdfFormat.N_TRIPLES, from_graph=pyoxigraph.DefaultGraph())
            .decode("utf-8").splitlines() if line.strip()}
    assert len(want) > 3000
    assert got == want, _diff(got, want)


def test_an_unchanged_build_writes_no_new_graph(full: tuple[Path, set[str]], tmp_path: Path) -> None:
    full_store, _want = full
    store = _seeded(full_store, tmp_path)
    files = _files()
    first = _kg("build", "-q", *files[:5], "--store", store)
    version = (store / "current").read_text()
    again = _kg("build", "-q", *files[:5], "--store", store)
    assert (store / "current").read_text() == version
    counts = lambda out: out.splitlines()[0].split("; ")[-1].rsplit(" in ", 1)[0]  # noqa: E731
    assert counts(again) == counts(first) and "persons" in counts(first)

    # An interrupted build leaves an article in the manifest that the graph lacks:
    # the next build, even with nothing new to extract, must write the graph again.
    from kg.records import Extraction
    from kg.store import Store

    with Store(full_store) as full_st:
        entry = full_st.articles()[[a.id for a in read_paths([str(files[7])]).articles][0]]
    cached = Extraction.from_dict(json.loads((full_store / "extractions" / f"{entry['cache']}.json").read_text()))
    with Store(store, create=True) as st:
        st.save_extraction(cached, entry["model"], entry["extractor_version"])  # then "killed"
    assert (store / "current").read_text() == version
    _kg("build", "-q", *files[:5], "--store", store)
    assert (store / "current").read_text() != version
    assert any(f"/article/{cached.article.id}>" in t for t in _triples(store))


@pytest.mark.parametrize("seed", [2, 9])
def test_increments_with_a_forget_in_the_middle_are_small_changes(seed: int, full: tuple[Path, set[str]],
                                                                  tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Through the CLI, in a shuffled order, one article at a time after the first few,
    with articles forgotten (and one built again) on the way: every build after the first
    is an increment (kg.incremental), and the end is the graph of one full build."""
    from kg import incremental

    full_store, want = full
    files = _files()
    random.Random(seed).shuffle(files)
    calls = {"full": 0, "increments": 0}
    real_full, real_update = incremental.build_full, incremental.update

    def count_full(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls["full"] += 1
        return real_full(*args, **kwargs)

    def count_update(*args, **kwargs):  # type: ignore[no-untyped-def]
        done = real_update(*args, **kwargs)
        calls["increments"] += done is not None
        return done

    monkeypatch.setattr(incremental, "build_full", count_full)
    monkeypatch.setattr(incremental, "update", count_update)
    store = _seeded(full_store, tmp_path)
    _kg("build", "-q", *files[:4], "--store", store)
    for i, f in enumerate(files[4:]):
        _kg("build", "-q", f, "--store", store)
        if i == 3:
            _kg("forget", files[0], files[5], "--store", store)
            _kg("build", "-q", files[0], "--store", store)  # back again
    out = _kg("forget", files[2], "--store", store)
    assert out.startswith("forgot 1 article"), out
    assert calls == {"full": 1, "increments": len(files) - 4 + 3}, calls
    expected = _triples(_only(full_store, [f for f in _files() if f not in (files[5], files[2])], tmp_path / "kept"))
    got = _triples(store)
    assert got == expected, _diff(got, expected)
    assert expected != want


def _only(full_store: Path, files: list[Path], where: Path) -> Path:
    store = _seeded(full_store, where)
    _kg("build", "-q", *files, "--store", store)
    return store
