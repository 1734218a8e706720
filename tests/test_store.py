"""The store directory: graph replacement, extraction cache, manifest, errors and locks.

Uses the hand-written graph ``tests/data/mini.ttl`` and hand-built records, so no
model is needed.
"""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic

from fixtures_store import damage
from kg.errors import StoreError
from kg.query import run_query
from kg.records import Article, Entity, Evidence, Extraction
from kg.store import Store, cache_key, default_store_path

MINI = Path(__file__).parent / "data" / "mini.ttl"


@pytest.fixture
def mini_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(MINI)


@pytest.fixture
def built(tmp_path: Path, mini_graph: rdflib.Graph) -> Path:
    path = tmp_path / "store"
    with Store(path, create=True) as st:
        st.replace_graph(mini_graph)
    return path


def _article(article_id: str, text: str = "Anna Kowalczyk was pardoned.") -> Article:
    return Article(id=article_id, text=text, source=f"{article_id}.txt", sha256=f"sha-{article_id}-{len(text)}")


def _extraction(article: Article) -> Extraction:
    ev = Evidence(sentence=article.text, start=0, end=len(article.text), method="test")
    return Extraction(
        article=article,
        entities=(Entity("p1", "person", "Anna Kowalczyk", ("Kowalczyk",), ev),),
        model="test_model",
        extractor_version="1",
    )


# --- the graph -----------------------------------------------------------------------


def test_replace_graph_loads_every_triple(built: Path, mini_graph: rdflib.Graph) -> None:
    with Store(built) as st:
        assert len(st) == len(mini_graph)
        n = st.query("SELECT (COUNT(*) AS ?n) WHERE { ?p a <https://w3id.org/kg-news/ontology#Person> }")
        assert int(next(iter(n))["n"].value) == 4


def test_replace_graph_replaces_the_previous_graph(built: Path) -> None:
    small = rdflib.Graph()
    small.add((rdflib.URIRef("http://example.org/a"), rdflib.RDFS.label, rdflib.Literal("only")))
    with Store(built, create=True) as st:
        assert st.replace_graph(small) == 1
        assert len(st) == 1
    with Store(built) as st:
        assert st.graph_info["triples"] == 1
        assert st.graph_info["built"]


def test_dump_round_trips(built: Path, mini_graph: rdflib.Graph) -> None:
    from rdflib.compare import isomorphic

    with Store(built) as st:
        for fmt, rdflib_fmt in (("turtle", "turtle"), ("nt", "nt"), ("trig", "trig")):
            data = st.dump(fmt)
            g = rdflib.Dataset() if fmt == "trig" else rdflib.Graph()
            g.parse(data=data, format=rdflib_fmt)
            if fmt != "trig":
                assert isomorphic(g, mini_graph), fmt
            else:
                assert len(g) == len(mini_graph)


def test_reading_store_is_read_only(built: Path, mini_graph: rdflib.Graph) -> None:
    with Store(built) as st:
        with pytest.raises(StoreError, match="opened for reading"):
            st.replace_graph(mini_graph)


def test_two_readers_at_once(built: Path) -> None:
    with Store(built) as a, Store(built) as b:
        assert len(a) == len(b) > 0


# --- errors --------------------------------------------------------------------------


def test_missing_store_says_how_to_build(tmp_path: Path) -> None:
    with pytest.raises(StoreError) as info:
        Store(tmp_path / "nothing")
    message = str(info.value)
    assert message == f"no graph at {tmp_path / 'nothing'}; run `kg build PATH` first or pass --store"
    assert info.value.exit_code == 3
    assert not (tmp_path / "nothing").exists()  # reading never creates a store


def test_store_without_graph_is_missing(tmp_path: Path) -> None:
    # A build whose inputs all failed leaves a manifest but no graph.
    with Store(tmp_path / "s", create=True) as st:
        st.write_manifest()
    with pytest.raises(StoreError, match="no graph at"):
        Store(tmp_path / "s")


def test_store_path_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        Store(tmp_path / "file", create=True)


def test_second_builder_is_refused(built: Path) -> None:
    with Store(built, create=True):
        with pytest.raises(StoreError) as info:
            Store(built, create=True)
    assert "being built by another kg process" in str(info.value)
    assert "--store" in str(info.value)


def test_reader_during_a_build_reads_the_previous_graph(built: Path, mini_graph: rdflib.Graph) -> None:
    # Issue 8: readers were refused for the whole build, extraction included.
    with Store(built, create=True) as builder:
        with Store(built) as reader:
            assert len(reader) == len(mini_graph)
            builder.replace_graph(_one_triple())
            assert len(reader) == len(mini_graph)  # a reader keeps the version it opened
        with Store(built) as reader:
            assert len(reader) == 1


def test_builder_in_another_process(built: Path, mini_graph: rdflib.Graph) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(f"""
            import sys
            from kg.store import Store
            st = Store({str(built)!r}, create=True)
            len(st)  # opens the database too
            print("ready", flush=True)
            sys.stdin.readline()
        """)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="being built by another kg process"):
            Store(built, create=True)
        with Store(built) as st:  # readers are never locked out
            assert len(st) == len(mini_graph)
    finally:
        assert holder.stdin is not None
        holder.stdin.write("\n")
        holder.stdin.close()
        holder.wait(timeout=30)


def _one_triple() -> rdflib.Graph:
    g = rdflib.Graph()
    g.add((rdflib.URIRef("http://example.org/a"), rdflib.RDFS.label, rdflib.Literal("only")))
    return g


def _versions(path: Path) -> list[str]:
    return sorted(p.name for p in (path / "graphs").iterdir())


# --- crash safety (issue 8) ----------------------------------------------------------


def test_a_failed_write_keeps_the_previous_graph(built: Path, mini_graph: rdflib.Graph) -> None:
    # Oxigraph refuses the IRI half-way through the load; the old code had already
    # cleared the graph, so readers found a partial one.
    bad = _one_triple()
    for i in range(2000):
        bad.add((rdflib.URIRef(f"http://example.org/n{i}"), rdflib.RDFS.label, rdflib.Literal(i)))
    bad.add((rdflib.URIRef("http://example.org/%zz"), rdflib.RDFS.label, rdflib.Literal("x")))
    with Store(built, create=True) as st:
        with pytest.raises(StoreError, match="cannot write the graph"):
            st.replace_graph(bad)
    with Store(built) as st:
        assert len(st) == len(mini_graph)
    assert len(_versions(built)) == 1  # the half-written version is gone


KILLED_WHILE_LOADING = """
import os, signal, sys
import pyoxigraph, rdflib
from kg.store import Store

Real = pyoxigraph.Store


class Dying:
    \"\"\"An Oxigraph store that loads half of what it is given, flushes, and dies.\"\"\"

    read_only = staticmethod(Real.read_only)

    def __init__(self, path=None):
        self._store = Real(path)

    def bulk_load(self, data=None, format=None, **kw):
        lines = bytes(data).splitlines(keepends=True)
        self._store.bulk_load(b"".join(lines[: len(lines) // 2]), format)
        self._store.flush()
        os.kill(os.getpid(), signal.SIGKILL)

    def __len__(self):
        return len(self._store)

    def __getattr__(self, name):
        return getattr(self._store, name)


pyoxigraph.Store = Dying
graph = rdflib.Graph()
for i in range(5000):
    graph.add((rdflib.URIRef(f"http://example.org/n{i}"), rdflib.RDFS.label, rdflib.Literal(i)))
st = Store(sys.argv[1], create=True)
st.replace_graph(graph)
"""


def test_killed_while_writing_the_graph_keeps_the_previous_graph(built: Path, mini_graph: rdflib.Graph,
                                                                 tmp_path: Path) -> None:
    # Issue 8, defect 1: `kill -9` near the end of a re-build left a store that
    # answered every query with nothing.
    child = subprocess.run([sys.executable, "-c", KILLED_WHILE_LOADING, str(built)], capture_output=True, text=True,
                           timeout=120)
    assert child.returncode == -signal.SIGKILL, child.stderr
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    out = subprocess.run([sys.executable, "-m", "kg", "query", query, "--store", str(built), "--format", "csv"],
                         capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[1] == str(len(mini_graph))
    export = subprocess.run([sys.executable, "-m", "kg", "export", "-f", "nt", "--store", str(built)],
                            capture_output=True, timeout=120)
    assert export.returncode == 0
    assert isomorphic(rdflib.Graph().parse(data=export.stdout, format="nt"), mini_graph)
    # The next build deletes the half-written version.
    with Store(built, create=True) as st:
        st.replace_graph(_one_triple())
    assert len(_versions(built)) == 1


def test_reader_checks_that_the_graph_is_complete(built: Path) -> None:
    with Store(built) as st:
        version = st.version
    assert version is not None
    (built / "graphs" / version / "complete.json").unlink()
    with pytest.raises(StoreError, match="incomplete; run `kg build --rebuild`"):
        Store(built)


def test_a_reader_keeps_its_version_and_a_later_build_deletes_it(built: Path, mini_graph: rdflib.Graph) -> None:
    reader = Store(built)
    assert len(reader) == len(mini_graph)
    with Store(built, create=True) as st:
        st.replace_graph(_one_triple())
        assert len(_versions(built)) == 2  # the reader's version is still in use
    assert len(reader) == len(mini_graph)
    reader.close()
    with Store(built, create=True) as st:
        st.replace_graph(mini_graph)
    assert len(_versions(built)) == 1


def test_small_update_shares_the_database_files(built: Path, mini_graph: rdflib.Graph) -> None:
    import os

    anna = pyoxigraph.NamedNode("https://w3id.org/kg-news/id/person/anna-kowalczyk")
    label = pyoxigraph.NamedNode(str(rdflib.RDFS.label))
    with Store(built) as reader, Store(built, create=True) as st:
        before = st.version
        n = st.update_graph(remove=[pyoxigraph.Triple(anna, label, pyoxigraph.Literal("Anna Kowalczyk"))],
                            add=[pyoxigraph.Triple(anna, label, pyoxigraph.Literal("Anna K."))])
        assert n == len(mini_graph)
        assert st.version != before
        names = {r["n"].value for r in st.query(f"SELECT ?n WHERE {{ {anna} {label} ?n }}")}
        assert names == {"Anna K."}
        # The old version is untouched for the reader still on it...
        assert {r["n"].value for r in reader.query(f"SELECT ?n WHERE {{ {anna} {label} ?n }}")} == {"Anna Kowalczyk"}
        # ...and the new one hard-links its immutable files instead of copying them.
        new_files = list((built / "graphs" / st.version / "oxigraph").glob("*.sst"))
        assert sum(os.stat(f).st_nlink == 2 for f in new_files) >= 1


def test_store_written_by_an_earlier_kg(tmp_path: Path) -> None:
    path = tmp_path / "old"
    (path / "oxigraph").mkdir(parents=True)
    (path / "oxigraph" / "CURRENT").write_text("MANIFEST-000005\n")
    with pytest.raises(StoreError, match="written by an earlier version of kg; run `kg build --rebuild`"):
        Store(path)


# --- a damaged database (issue 8) ---------------------------------------------------


def test_damaged_database_is_a_store_error(built: Path) -> None:
    damage(built)
    with pytest.raises(StoreError) as info:
        with Store(built) as st:
            run_query(st, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert info.value.exit_code == 3
    message = str(info.value)
    assert "the graph database in" in message and str(built) in message
    assert message.endswith("run `kg build --rebuild` to rebuild it from the extraction cache")


def test_default_path_follows_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("KG_STORE", raising=False)
    assert default_store_path() == Path(".kg")
    monkeypatch.setenv("KG_STORE", str(tmp_path / "elsewhere"))
    assert default_store_path() == tmp_path / "elsewhere"
    with Store(create=True) as st:
        assert st.path == tmp_path / "elsewhere"


# --- the extraction cache and the manifest -------------------------------------------


def test_cache_round_trip(tmp_path: Path) -> None:
    art = _article("a1")
    x = _extraction(art)
    with Store(tmp_path / "s", create=True) as st:
        assert st.cached(art, "m", "1") is None
        key = st.save_extraction(x, "m", "1")
        assert key == cache_key(art, "m", "1")
        assert (tmp_path / "s" / "extractions" / f"{key}.json").is_file()
        assert st.cached(art, "m", "1") == x
        # Another model or extractor version is another cache entry.
        assert st.cached(art, "other", "1") is None
        assert st.cached(art, "m", "2") is None


def test_cache_key_depends_on_content_version_and_model() -> None:
    a, b = _article("a", "one text"), _article("a", "another text")
    keys = {cache_key(a, "m", "1"), cache_key(b, "m", "1"), cache_key(a, "n", "1"), cache_key(a, "m", "2")}
    assert len(keys) == 4
    assert cache_key(a, "m", "1") == cache_key(a, "m", "1")
    assert len(cache_key(a, "m", "1")) == 64


def test_damaged_cache_entry_is_a_miss(tmp_path: Path) -> None:
    art = _article("a1")
    with Store(tmp_path / "s", create=True) as st:
        key = st.save_extraction(_extraction(art), "m", "1")
        st.cache_path(key).write_text("{not json")
        assert st.cached(art, "m", "1") is None


def test_manifest_records_articles_and_persists(tmp_path: Path) -> None:
    path = tmp_path / "s"
    with Store(path, create=True) as st:
        for article_id in ("b", "a", "c"):
            st.save_extraction(_extraction(_article(article_id)), "m", "1")
    data = json.loads((path / "manifest.json").read_text())
    assert sorted(data["articles"]) == ["a", "b", "c"]
    entry = data["articles"]["a"]
    assert entry["source"] == "a.txt"
    assert entry["sha256"] == _article("a").sha256
    assert entry["cache"] == cache_key(_article("a"), "m", "1")
    assert data["model"] == "m"
    with Store(path, create=True) as st:
        assert [x.article.id for x in st.all_extractions()] == ["a", "b", "c"]


def test_updating_an_article_replaces_its_entry(tmp_path: Path) -> None:
    with Store(tmp_path / "s", create=True) as st:
        st.save_extraction(_extraction(_article("a", "first version")), "m", "1")
        st.save_extraction(_extraction(_article("a", "second version")), "m", "1")
        texts = [x.article.text for x in st.all_extractions()]
    assert texts == ["second version"]


def test_missing_cache_file_is_a_store_error(tmp_path: Path) -> None:
    with Store(tmp_path / "s", create=True) as st:
        key = st.save_extraction(_extraction(_article("a")), "m", "1")
        st.cache_path(key).unlink()
        with pytest.raises(StoreError, match="cached extraction of a .* is missing or damaged"):
            st.all_extractions()


def test_corrupt_manifest_is_a_store_error(tmp_path: Path) -> None:
    (tmp_path / "s").mkdir()
    (tmp_path / "s" / "manifest.json").write_text("[1, 2")
    with Store(tmp_path / "s", create=True) as st:
        with pytest.raises(StoreError, match="manifest.json is not valid JSON"):
            st.manifest  # noqa: B018


def test_opening_the_database_is_lazy(tmp_path: Path) -> None:
    # A build must not open Oxigraph before extraction (forked workers can hang).
    with Store(tmp_path / "s", create=True) as st:
        st.save_extraction(_extraction(_article("a")), "m", "1")
        assert st._ox is None
        assert not (tmp_path / "s" / "graphs").exists()


def test_query_returns_pyoxigraph_results(built: Path) -> None:
    with Store(built) as st:
        assert isinstance(st.query("ASK { ?s ?p ?o }"), pyoxigraph.QueryBoolean)


def test_has_cached_answers_as_cached_does(tmp_path: Path) -> None:
    art, other = _article("a1"), _article("a2")
    with Store(tmp_path / "s", create=True) as st:
        key = st.save_extraction(_extraction(art), "m", "1")
        assert st.has_cached(art, "m", "1") and st.cached(art, "m", "1") is not None
        assert not st.has_cached(other, "m", "1") and not st.has_cached(art, "m", "2")
        st.cache_path(key).write_text("{not json")
        assert not st.has_cached(art, "m", "1")
        st.cache_path(key).write_text("[1, 2]")
        assert not st.has_cached(art, "m", "1")
