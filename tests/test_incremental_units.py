"""Incremental builds on news-shaped synthetic records (no model): many increments,
shuffled orders, articles forgotten and changed in between, always the graph of one
full build of the same articles, written as a small change (kg.incremental).

The records are ``bench/graph_scale.py``'s generator: people spelt three ways and by
bare surname, a few people in most articles, world events that several articles report
with dates of different precision, dated and undated statuses, so increments rename
people, merge and split events and move ``kg:currentStatus``.
"""
from __future__ import annotations

import dataclasses
import importlib.util
import random
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kg import incremental
from kg.api import BuildReport, _rebuild_graph
from kg.forget import forget_articles
from kg.graphindex import INDEX_FILE
from kg.namespace import KG
from kg.records import Extraction
from kg.store import Store

ROOT = Path(__file__).resolve().parents[1]


def _bench() -> ModuleType:
    name = "kg_bench_graph_scale"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "graph_scale.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus() -> list[Extraction]:
    return _bench().build_corpus(90, seed=11).extractions


class Counting:
    """Counts full builds and increments."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.full = self.increments = 0
        real_full, real_update = incremental.build_full, incremental.update

        def full(*args, **kwargs):  # type: ignore[no-untyped-def]
            self.full += 1
            return real_full(*args, **kwargs)

        def update(*args, **kwargs):  # type: ignore[no-untyped-def]
            done = real_update(*args, **kwargs)
            self.increments += done is not None
            return done

        monkeypatch.setattr(incremental, "build_full", full)
        monkeypatch.setattr(incremental, "update", update)


def _add(st: Store, xs: list[Extraction]) -> BuildReport:
    for x in xs:
        st.save_extraction(x, "synthetic", x.extractor_version, save_manifest=False)
    st.write_manifest()
    report = BuildReport(store=st.path, model="synthetic")
    _rebuild_graph(st, report)
    return report


def _state(st: Store, report: BuildReport | None = None) -> tuple[set[str], tuple[int, int, int]]:
    lines = {line for line in st.dump("nt").decode("utf-8").splitlines() if line.strip()}

    def count(cls: object) -> int:
        return int(next(iter(st.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ ?s a <{cls}> }}")))[0].value)

    counts = (len(lines), count(KG.Person), count(KG.Event))
    if report is not None:  # what the build reports is what the store holds
        assert (report.triples, report.persons, report.events) == counts
    return lines, counts


def _full(tmp: Path, xs: list[Extraction]) -> tuple[set[str], tuple[int, int, int]]:
    with Store(tmp, create=True) as st:
        return _state(st, _add(st, xs))


def _diff(got: set[str], want: set[str]) -> str:
    return f"{len(got - want)} extra, {len(want - got)} missing; e.g. {sorted(got - want)[:2]} / {sorted(want - got)[:2]}"


@pytest.mark.parametrize("seed", [1, 2])
def test_many_increments_with_forgetting_equal_one_full_build(seed: int, corpus: list[Extraction], tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    order = corpus[:]
    rng.shuffle(order)
    calls = Counting(monkeypatch)
    with Store(tmp_path / "inc", create=True) as st:
        _add(st, order[:30])
        rest, step, forgotten = order[30:], 0, []
        while rest:
            k = rng.choice([1, 1, 1, 2, 3])
            chunk, rest = rest[:k], rest[k:]
            report = _add(st, chunk)
            step += 1
            if step in (5, 12):  # forget a few articles in the middle, some of them for good
                gone = rng.sample(sorted(st.articles()), 3)
                forget_articles(st, gone)
                if step == 5:
                    forgotten = gone
                else:
                    rest += [x for x in corpus if x.article.id in gone]
        got, counts = _state(st, report)
        kept = [x for x in corpus if x.article.id not in forgotten]
    assert calls.full == 1 and calls.increments >= 25, vars(calls)
    want, want_counts = _full(tmp_path / "full", kept)
    assert got == want, _diff(got, want)
    assert counts == want_counts


def test_a_changed_article_is_taken_out_and_put_back(corpus: list[Extraction], tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    # The article that mentions most people, with its first person's statuses dropped and
    # its text changed (so its cache key changes): its old facts go, the new ones come.
    x = max(corpus[:40], key=lambda e: len(e.statuses))
    first = x.statuses[0].person
    changed = dataclasses.replace(
        x, article=dataclasses.replace(x.article, sha256="changed", text=x.article.text + " "),
        statuses=tuple(s for s in x.statuses if s.person != first))
    calls = Counting(monkeypatch)
    with Store(tmp_path / "inc", create=True) as st:
        _add(st, corpus[:40])
        before, _ = _state(st)
        got, counts = _state(st, _add(st, [changed]))
    assert calls.full == 1 and calls.increments == 1
    assert got != before
    want, want_counts = _full(tmp_path / "full", [changed if e is x else e for e in corpus[:40]])
    assert got == want, _diff(got, want)
    assert counts == want_counts


def test_without_its_index_a_store_is_built_in_full_and_indexed_again(corpus: list[Extraction], tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    calls = Counting(monkeypatch)
    with Store(tmp_path / "inc", create=True) as st:
        _add(st, corpus[:20])
        (st.path / INDEX_FILE).unlink()
        _add(st, corpus[20:22])  # no index: a full build, which writes one
        assert (calls.full, calls.increments) == (2, 0)
        (st.path / INDEX_FILE).write_bytes(b"not a database")
        _add(st, corpus[22:24])
        assert (calls.full, calls.increments) == (3, 0)
        report = _add(st, corpus[24:26])  # and the next build is an increment again
        assert (calls.full, calls.increments) == (3, 1)
        got, counts = _state(st, report)
    want, want_counts = _full(tmp_path / "full", corpus[:26])
    assert got == want, _diff(got, want)
    assert counts == want_counts


def test_an_index_of_another_graph_version_is_not_used(corpus: list[Extraction], tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A build killed between switching the graph and recording the change in the index
    leaves an index of the previous version: the next build must not apply changes to it."""
    import shutil

    calls = Counting(monkeypatch)
    with Store(tmp_path / "inc", create=True) as st:
        _add(st, corpus[:20])
        shutil.copy(st.path / INDEX_FILE, tmp_path / "old-index")
        _add(st, corpus[20:21])
        shutil.copy(tmp_path / "old-index", st.path / INDEX_FILE)  # as if the last change were lost
        report = _add(st, corpus[21:22])
        assert (calls.full, calls.increments) == (2, 1)
        got, counts = _state(st, report)
    want, _ = _full(tmp_path / "full", corpus[:22])
    assert got == want, _diff(got, want)


def _article(aid: str, people: list[str], pardon_by: str | None = None) -> Extraction:
    from kg.records import Article, Entity, Event, Evidence, StatusClaim

    ev = Evidence(f"Sentence of {aid}.", 0, 10, "test")
    entities = tuple(Entity(f"p{i}", "person", name, (), ev) for i, name in enumerate(people))
    keys = {name: f"p{i}" for i, name in enumerate(people)}
    events, statuses = (), ()
    if pardon_by is not None:
        events = (Event("e1", "pardon", ev, agent=keys[pardon_by], count=5, date="2024-01"),)
        statuses = (StatusClaim(keys[pardon_by], "exiled", ev, date="2023-05"),)
    return Extraction(Article(aid, f"Text of {aid}.", f"{aid}.txt", aid, published="2024-02-01"), entities,
                      events=events, statuses=statuses)


def test_a_new_namesake_splits_an_event_reported_elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Article c's bare "Petrov" fits only Ivan Petrov, so the pardons a and c report (same
    count, same month, same agent) are one event.  Article b names nobody's pardon, but a
    second Petrov: the bare surname now fits two people, the agents differ and the pardon
    is two events, though b reports no event of that type and count itself."""
    a = _article("a", ["Ivan Petrov"], pardon_by="Ivan Petrov")
    b = _article("b", ["Oleg Petrov"])
    c = _article("c", ["Petrov"], pardon_by="Petrov")
    calls = Counting(monkeypatch)
    with Store(tmp_path / "inc", create=True) as st:
        merged, _ = _state(st, _add(st, [a, c]))
        got, counts = _state(st, _add(st, [b]))
    assert (calls.full, calls.increments) == (1, 1)
    want, want_counts = _full(tmp_path / "full", [a, b, c])
    assert got == want, _diff(got, want)
    assert counts == want_counts
    assert sum(" <https://w3id.org/kg-news/ontology#mergeReason> " in line for line in merged) == 1
    assert not any(" <https://w3id.org/kg-news/ontology#mergeReason> " in line for line in got)


def test_two_articles_sharing_one_cache_entry_are_built_in_full(corpus: list[Extraction], tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Two files with the same text share one cache entry, which holds one of the two
    articles' extraction: the graph index is not written, every build is a full one, and
    none fails."""
    twin = dataclasses.replace(corpus[1], article=dataclasses.replace(corpus[1].article, id="zz-twin"))
    calls = Counting(monkeypatch)
    with Store(tmp_path / "inc", create=True) as st:
        _add(st, [*corpus[:10], twin])
        assert not (st.path / INDEX_FILE).exists()
        got, counts = _state(st, _add(st, corpus[10:12]))
    assert (calls.full, calls.increments) == (2, 0)
    with Store(tmp_path / "full", create=True) as st:
        want, want_counts = _state(st, _add(st, [*corpus[:10], twin, *corpus[10:12]]))
    assert got == want, _diff(got, want)
    assert counts == want_counts


@pytest.mark.parametrize("a, b", [
    ("Viacorka", "Viachorka"), ("F. Viacorka", "Franak Viachorka"), ("Kowalczky", "Kowalczyk"),
    ("A. Kowalczky", "Anna Kowalczyk"), ("Dabrouski", "Dabraouski"), ("Romanenka", "Romanenko"),
    ("Kavaliova", "Kovalyova"), ("Ales Bialiatski", "Ales Byalyatsky"), ("Lai Chee-ying", "Jimmy Lai"),
    ("Ivan Lukahsenko", "Ivan Lukashenko"), ("Ana Ruiz", "Ana Ruiz Soto"), ("Mikalai Zhuk", "Nikolai Zhuk"),
    ("Nasta Dvorak", "Anastasiya Dvorak"), ("Abdel-Karim el-Masri", "Abdel Karim al-Masri"),
])
def test_names_the_same_person_share_a_blocking_key(a: str, b: str) -> None:
    """The resolver compares a name only with names sharing a blocking key, and increments
    find the clusters a changed name could join the same way: a rule in kg.names that
    accepts two spellings with no key in common would be missed by both."""
    from kg.names import same_person
    from kg.resolve import _blocks

    assert not same_person(a, b) or _blocks(a) & _blocks(b), (sorted(_blocks(a)), sorted(_blocks(b)))


def test_the_graph_step_pauses_the_cyclic_collector_and_restores_it(corpus: list[Extraction], tmp_path: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    seen: list[bool] = []
    real_full, real_update = incremental.build_full, incremental.update

    def full(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real_full(*args, **kwargs)

    def update(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        return real_update(*args, **kwargs)

    monkeypatch.setattr(incremental, "build_full", full)
    monkeypatch.setattr(incremental, "update", update)
    assert gc.isenabled()
    with Store(tmp_path / "gc", create=True) as st:
        _add(st, corpus[:3])
        _add(st, corpus[3:4])
    assert seen and not any(seen)  # paused while the graph was written
    assert gc.isenabled()  # and running again after
