"""Golden accuracy tests: the scorer run over the development articles.

The issue's targets on ``seeds/`` plus the development corpus (F1 >= 0.85 for person
status and for events with type, count and date; >= 0.80 for reported counts with their
reporter; merge precision 1.0 and recall >= 0.90) are asserted here, so a rule change
that trades them away fails the suite.  The later sets (``data/extra*``, written after
the rules) are held to floors a little under today's scores.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.evaluate import evaluate

pytestmark = pytest.mark.model
ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).parent / "data"


def _graph(nlp, paths):  # type: ignore[no-untyped-def]
    from kg.extract import extract_all
    from kg.rdf import to_graph
    from kg.read import read_paths
    from kg.resolve import resolve

    read = read_paths(paths)
    exs = list(extract_all(read.articles, nlp))
    return to_graph(exs, resolve(exs))


@pytest.fixture(scope="module")
def dev_report(nlp, tmp_path_factory):  # type: ignore[no-untyped-def]
    gold = tmp_path_factory.mktemp("gold") / "dev.jsonl"
    gold.write_text((DATA / "gold" / "seeds.jsonl").read_text(encoding="utf-8").rstrip("\n") + "\n"
                    + (DATA / "corpus" / "gold.jsonl").read_text(encoding="utf-8"), encoding="utf-8")
    graph = _graph(nlp, [ROOT / "seeds", *sorted((DATA / "corpus").glob("*.txt"))])
    return evaluate(graph, gold, DATA / "corpus" / "entities.json")


#: Floors per later set: a little under today's scores, so a rule change that loses ground fails.
FLOORS = {
    "extra": {"status": 0.85, "events_type_count_date": 0.85, "counts": 0.80, "persons": 0.90, "roles": 0.80},
    "extra2": {"status": 0.80, "events_type_count_date": 0.85, "counts": 0.75, "persons": 0.90, "roles": 0.75},
    "extra3": {"status": 0.70, "events_type_count_date": 0.62, "counts": 0.50, "persons": 0.90, "roles": 0.70},
}


@pytest.fixture(scope="module", params=sorted(FLOORS))
def extra_report(nlp, request):  # type: ignore[no-untyped-def]
    folder = DATA / request.param
    graph = _graph(nlp, sorted(folder.glob("*.txt")))
    return request.param, evaluate(graph, folder / "gold.jsonl", folder / "entities.json")


def test_every_development_article_is_scored(dev_report) -> None:  # type: ignore[no-untyped-def]
    assert len(dev_report.articles) == 17 and not dev_report.missing


@pytest.mark.parametrize("score,floor", [
    ("status", 0.85), ("events_type_count_date", 0.85), ("counts", 0.80), ("persons", 0.95), ("roles", 0.85),
])
def test_development_targets(dev_report, score: str, floor: float) -> None:  # type: ignore[no-untyped-def]
    s = dev_report.scores[score]
    assert s.f1 >= floor, f"{score}: F1 {s.f1:.3f} (tp {s.tp}, fp {s.fp}, fn {s.fn}) under {floor}"


def test_development_merge_is_exact_and_complete_enough(dev_report) -> None:  # type: ignore[no-untyped-def]
    m = dev_report.scores["merge"]
    assert m.precision == 1.0 and m.recall >= 0.90, m


def test_later_sets_stay_above_their_floors(extra_report) -> None:  # type: ignore[no-untyped-def]
    name, report = extra_report
    assert len(report.articles) == 8 and not report.missing
    low = {k: round(report.scores[k].f1, 3) for k, floor in FLOORS[name].items() if report.scores[k].f1 < floor}
    assert not low, f"{name}: under the floor: {low}"


def test_later_sets_never_merge_different_people(extra_report) -> None:  # type: ignore[no-untyped-def]
    name, report = extra_report
    m = report.scores["merge"]
    assert m.fp == 0, f"{name}: {m}"
    if name != "extra3":  # Sakalouski / Sokolovsky (Belarusian / Russian forms) is not merged yet
        assert m.recall == 1.0, f"{name}: {m}"
