"""Every queries/*.rq parses, runs on rdflib and on Oxigraph, and returns its documented columns.

The named queries also return the expected rows on the hand-built fixture, on both
engines (a query that only works on one engine is a bug: the CLI runs Oxigraph,
the tests and notebooks often rdflib).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from rdflib import Graph

from fixtures_records import two_articles
from kg.namespace import DATA
from kg.rdf import to_graph

ROOT = Path(__file__).resolve().parents[1]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
ENGINES = ("rdflib", "oxigraph")

Row = dict[str, str | None]

A1_URL = "https://example.org/news/a1"
B2_FILE = "tests/fixtures/b2.txt"


def person(slug: str) -> str:
    return str(DATA[f"person/{slug}"])


@pytest.fixture(scope="module")
def graph() -> Graph:
    return to_graph(*two_articles())


@pytest.fixture(scope="module")
def store(graph: Graph) -> ox.Store:
    store = ox.Store()
    store.load(graph.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    return store


def header(path: Path) -> list[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    out = []
    for line in lines:
        if not line.startswith("#"):
            break
        out.append(line)
    return out


def documented_columns(path: Path) -> list[str]:
    for line in header(path):
        m = re.match(r"#\s*Columns:\s*(.+)$", line)
        if m:
            return [c.strip() for c in m.group(1).split(",")]
    raise AssertionError(f"{path.name}: no '# Columns: a, b, c' line in the leading comment")


def _text(term: Any) -> str | None:
    if term is None:
        return None
    return str(term.value) if isinstance(term, (ox.NamedNode, ox.Literal, ox.BlankNode)) else str(term)


def run(engine: str, path: Path, graph: Graph, store: ox.Store) -> tuple[list[str], list[Row]]:
    """(column names, rows as {column: lexical form or None}) from one engine."""
    text = path.read_text(encoding="utf-8")
    if engine == "rdflib":
        result = graph.query(text)
        names = [str(v) for v in result.vars or []]
        return names, [{n: _text(row[i]) for i, n in enumerate(names)} for row in result]  # type: ignore[index]
    solutions = store.query(text)
    assert isinstance(solutions, ox.QuerySolutions)
    names = [v.value for v in solutions.variables]
    return names, [{n: _text(s[n]) for n in names} for s in solutions]


def _query(name: str) -> Path:
    return ROOT / "queries" / name


# --- every query ---------------------------------------------------------------------


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_header_states_question_and_columns(path: Path) -> None:
    lines = header(path)
    assert lines and lines[0].rstrip().endswith("?"), f"{path.name}: first line should be the question"
    assert documented_columns(path)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_runs_and_returns_documented_columns(path: Path, engine: str, graph: Graph, store: ox.Store) -> None:
    names, rows = run(engine, path, graph, store)
    assert names == documented_columns(path)
    assert rows, f"{path.name} returns nothing on the fixture ({engine})"


def _normalised(rows: list[Row]) -> list[tuple[str | None, ...]]:
    # GROUP_CONCAT order is engine-specific: compare the joined parts as sets.
    return sorted(
        (tuple(None if v is None else " ".join(sorted(v.split())) for v in row.values()) for row in rows),
        key=repr,
    )


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_engines_agree(path: Path, graph: Graph, store: ox.Store) -> None:
    _, on_rdflib = run("rdflib", path, graph, store)
    _, on_oxigraph = run("oxigraph", path, graph, store)
    assert _normalised(on_rdflib) == _normalised(on_oxigraph)


# --- expected rows on the fixture ----------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_remain_jailed(engine: str, graph: Graph, store: ox.Store) -> None:
    _, rows = run(engine, _query("remain_jailed.rq"), graph, store)
    assert sorted(rows, key=lambda r: r["name"] or "") == [
        {"person": person("carl-smithson"), "name": "Carl Smithson", "since": "2022-01", "source": A1_URL},
        {"person": person("dmitri-olsen"), "name": "Dmitri Olsen", "since": "2023", "source": A1_URL},
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_person_status(engine: str, graph: Graph, store: ox.Store) -> None:
    _, rows = run(engine, _query("person_status.rq"), graph, store)
    got = {r["name"]: (r["status"], r["asOf"], r["source"]) for r in rows}
    assert got == {
        "Anna Smithson": ("released", "2024-06-15", B2_FILE),
        "Boris Kallen": ("pardoned", None, A1_URL),
        "Carl Smithson": ("jailed", "2022-01", A1_URL),
        "Dmitri Olsen": ("jailed", "2023", A1_URL),
        "Victor Grell": ("free", None, A1_URL),
    }
    assert len(rows) == 5


@pytest.mark.parametrize("engine", ENGINES)
def test_pardons(engine: str, graph: Graph, store: ox.Store) -> None:
    _, rows = run(engine, _query("pardons.rq"), graph, store)
    assert len(rows) == 2  # the merged pardon (two reports) and b2's amnesty
    by_event = {r["event"]: r for r in rows}
    merged = by_event[str(DATA["event/pardon-2024-03-victor-grell"])]
    assert (merged["date"], merged["count"], merged["agentName"]) == ("2024-03", "30", "Victor Grell")
    assert set((merged["source"] or "").split(" ")) == {A1_URL, B2_FILE}
    # no agent, no count: empty/unbound, not an error (rdflib's DISTINCT pitfall)
    amnesty = by_event[str(DATA["event/b2/e3"])]
    assert (amnesty["date"], amnesty["count"], amnesty["agentName"] or "", amnesty["source"]) == (
        "2023",
        None,
        "",
        B2_FILE,
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_prisoner_counts(engine: str, graph: Graph, store: ox.Store) -> None:
    _, rows = run(engine, _query("prisoner_counts.rq"), graph, store)
    assert [(r["count"], r["kind"], r["reporterName"], r["date"], r["source"], r["qualifier"]) for r in rows] == [
        ("1200", "political prisoners", "Freedom Watch", "2024-03-10", A1_URL, "about"),
        ("1150", "political prisoners", "Freedom Watch", "2024-06", B2_FILE, "more than"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_people(engine: str, graph: Graph, store: ox.Store) -> None:
    _, rows = run(engine, _query("people.rq"), graph, store)
    assert sorted((r["person"], r["name"]) for r in rows) == sorted(
        [
            (person("anna-smithson"), "Anna Smithson"),
            (person("anna-smithson"), "Smithson"),
            (person("anna-smithson"), "A. Smithson"),
            (person("boris-kallen"), "Boris Kallen"),
            (person("carl-smithson"), "Carl Smithson"),
            (person("dmitri-olsen"), "Dmitri Olsen"),
            (person("dmitri-olsen"), "Olsen"),
            (person("victor-grell"), "Victor Grell"),
            (person("victor-grell"), "Grell"),
        ]
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_reported_by_org_ties_person_claims_to_the_report(engine: str, graph: Graph, store: ox.Store) -> None:
    _, rows = run(engine, _query("reported_by_org.rq"), graph, store)
    got = {(r["count"], r["personName"], r["claim"]) for r in rows}
    assert got == {("1200", "Dmitri Olsen", "role: political prisoner"), ("1150", None, None)}


@pytest.mark.parametrize("engine", ENGINES)
def test_person_timeline_is_ordered(engine: str, graph: Graph, store: ox.Store) -> None:
    _, rows = run(engine, _query("person_timeline.rq"), graph, store)
    anna = [(r["date"], r["what"]) for r in rows if r["name"] == "Anna Smithson"]
    assert anna == [
        ("2021-05-02", "event: arrest"),
        ("2021-05-02", "status: jailed"),
        ("2024-06-15", "event: release"),
        ("2024-06-15", "status: released"),
    ]
    assert ("2024-03", "event (agent): pardon") in [(r["date"], r["what"]) for r in rows if r["name"] == "Victor Grell"]


@pytest.mark.parametrize("engine", ENGINES)
def test_events_by_month(engine: str, graph: Graph, store: ox.Store) -> None:
    _, rows = run(engine, _query("events_by_month.rq"), graph, store)
    assert sorted((r["month"], r["type"], r["events"]) for r in rows) == [
        ("2021-05", "arrest", "1"),
        ("2023", "pardon", "1"),
        ("2024-03", "pardon", "1"),
        ("2024-06", "release", "1"),
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_why(engine: str, graph: Graph, store: ox.Store) -> None:
    _, rows = run(engine, _query("why.rq"), graph, store)
    carl = {r["fact"] for r in rows if r["name"] == "Carl Smithson"}
    assert carl == {"status: jailed", "role: opposition figure", "spouseOf Anna Smithson"}
    texts = {x.article.source: x.article.text for x in two_articles()[0]}
    texts[A1_URL] = texts.pop("tests/fixtures/a1.txt")
    for r in rows:  # the offsets cut the sentence out of the article
        assert texts[r["source"] or ""][int(r["start"] or 0) : int(r["end"] or 0)] == r["sentence"]


# --- latest_counts.rq ----------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
def test_latest_counts(engine: str, graph: Graph, store: ox.Store) -> None:
    # prisoner_counts.rq keeps both Freedom Watch figures; the later one (2024-06, b2)
    # beats the one dated by a1's publication (2024-03-10).
    _, rows = run(engine, _query("latest_counts.rq"), graph, store)
    assert [
        (r["reporterName"], r["kind"], r["count"], r["date"], r["source"], r["qualifier"], r["reports"], r["reporter"])
        for r in rows
    ] == [
        ("Freedom Watch", "political prisoners", "1150", "2024-06", B2_FILE, "more than", "2",
         str(DATA["organisation/freedom-watch"])),
    ]


def _count_articles() -> list[Any]:
    """Three made-up articles whose figures exercise latest_counts.rq's ranking."""
    from kg.records import Article, CountClaim, Entity, Evidence, Extraction

    def article(aid: str, published: str | None, claims: list[tuple[int, str, str | None, str | None]]) -> Extraction:
        sentences = [f"{reporter or 'Someone'} counts {n} {kind}." for n, kind, reporter, _ in claims]
        text = " ".join(sentences)
        evidence = [Evidence(s, text.index(s), text.index(s) + len(s), "count") for s in sentences]
        orgs = sorted({reporter for _, _, reporter, _ in claims if reporter})
        entities = tuple(Entity(f"o{i}", "organisation", name, (), evidence[0]) for i, name in enumerate(orgs, 1))
        key = {e.name: e.key for e in entities}
        counts = tuple(
            CountClaim(n, kind, ev, reporter=key.get(reporter or ""), date=date)
            for (n, kind, reporter, date), ev in zip(claims, evidence)
        )
        return Extraction(Article(aid, text, f"tests/fixtures/{aid}.txt", aid.ljust(64, "0"), published=published),
                          entities, counts=counts, model="none", extractor_version="test")

    return [
        article("c1", None, [(900, "political prisoners", "Open Ledger", None),  # undated: ranks last
                             (12, "journalists", "Open Ledger", None),  # undated, but alone
                             (5, "exiles", None, None)]),
        article("c2", "2024-01-05", [(850, "political prisoners", "Open Ledger", None),  # dated by the article
                                     (41, "detainees", "Cell Count Project", "2024-01-01")]),
        article("c3", "2023-05-01", [(870, "political prisoners", "Open Ledger", "2024-01"),  # 2024-01-01 < 2024-01-05
                                     (40, "detainees", "Cell Count Project", "2024"),  # also 2024-01-01, less precise
                                     (7, "exiles", None, None)]),  # unattributed, dated by the article
    ]


@pytest.mark.parametrize("engine", ENGINES)
def test_latest_counts_ranking(engine: str) -> None:
    from kg.resolve import resolve

    exs = _count_articles()
    g = to_graph(exs, resolve(exs))
    st = ox.Store()
    st.load(g.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    _, rows = run(engine, _query("latest_counts.rq"), g, st)
    got = sorted(((r["reporterName"], r["kind"], r["count"], r["date"], r["source"], r["reports"]) for r in rows), key=repr)
    assert got == sorted(
        [
            (None, "exiles", "7", "2023-05-01", "tests/fixtures/c3.txt", "2"),
            ("Cell Count Project", "detainees", "41", "2024-01-01", "tests/fixtures/c2.txt", "2"),
            ("Open Ledger", "journalists", "12", None, "tests/fixtures/c1.txt", "1"),
            ("Open Ledger", "political prisoners", "850", "2024-01-05", "tests/fixtures/c2.txt", "3"),
        ],
        key=repr,
    )
