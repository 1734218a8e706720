"""The interactive page: offline, coloured by type, provenance in tooltips, focus."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import rdflib

from kg.errors import UsageError
from kg.store import Store
from kg.viz import STYLE, focus_nodes, fold, to_networkx, visualise

DATA = Path(__file__).parent / "data"
ID = "https://w3id.org/kg-news/id/"
ANNA = ID + "person/anna-kowalczyk"
PARDON_SENTENCE = "President Boris Example pardoned opposition figure Anna Kowalczyk and one other prisoner in May."


@pytest.fixture
def graph() -> rdflib.Graph:
    return rdflib.Graph().parse(DATA / "mini.ttl")


@pytest.fixture
def page(graph: rdflib.Graph, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.chdir(tmp_path)  # so a stray lib/ folder from pyvis would be seen
    return visualise(graph, tmp_path / "out" / "graph.html").read_text(encoding="utf-8")


def _dataset(page: str, name: str) -> list[dict]:  # type: ignore[type-arg]
    m = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);", page, re.S)
    assert m, f"no {name} DataSet in the page"
    return json.loads(m[1])


# --- the page ------------------------------------------------------------------------


def test_page_is_self_contained(page: str, tmp_path: Path) -> None:
    assert not re.search(r"\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", page, re.I)
    for cdn in ("cdn.jsdelivr", "cdnjs.cloudflare", "unpkg.com", "bootstrap.min"):
        assert cdn not in page
    assert "vis.Network" in page and "DataSet" in page  # vis-network is inlined
    assert not (tmp_path / "lib").exists()  # pyvis did not copy its lib/ folder


def test_page_has_title_and_legend(page: str) -> None:
    assert "<title>kg: knowledge graph</title>" in page
    assert page.startswith("<!DOCTYPE html>")
    legend = re.search(r'<ul class="legend".*?</ul>', page, re.S)
    assert legend
    for kind in ("Person", "Organisation", "Place", "Event"):
        assert kind in legend[0]
    assert "Article" not in legend[0]  # only the types that are drawn
    assert "currently jailed" in legend[0]


def test_nodes_are_coloured_by_type(page: str) -> None:
    nodes = {n["id"]: n for n in _dataset(page, "nodes")}
    assert nodes[ANNA]["color"] == STYLE["person"]["color"]
    assert nodes[ID + "organisation/free-voices"]["color"] == STYLE["organisation"]["color"]
    assert nodes[ID + "place/northland"]["color"] == STYLE["place"]["color"]
    assert nodes[ID + "event/pardon-1"]["color"] == STYLE["event"]["color"]
    assert nodes[ID + "event/pardon-1"]["shape"] == STYLE["event"]["shape"]
    # The jailed person keeps the person colour, with a dark outline.
    chen = nodes[ID + "person/chen-sample"]
    assert chen["color"]["background"] == STYLE["person"]["color"]
    assert len({s["color"] for s in STYLE.values()}) == len(STYLE)


def test_provenance_plumbing_is_not_drawn(page: str) -> None:
    ids = {n["id"] for n in _dataset(page, "nodes")}
    assert not any("/evidence/" in i or "/status/" in i or "/role/" in i or "/count/" in i for i in ids)
    assert not any("/article/" in i for i in ids)  # articles only on request
    assert len(ids) == 9  # 4 people, 2 organisations, 1 place, 2 events


def test_node_set(graph: rdflib.Graph) -> None:
    G = to_networkx(graph)
    kinds = {n.rsplit("/", 1)[-1]: d["kind"] for n, d in G.nodes(data=True)}
    assert kinds == {
        "anna-kowalczyk": "person", "boris-example": "person", "chen-sample": "person", "dora-faraway": "person",
        "free-voices": "organisation", "far-club": "organisation", "northland": "place",
        "pardon-1": "event", "arrest-1": "event",
    }
    labels = {(s.rsplit("/", 1)[-1], d["label"], o.rsplit("/", 1)[-1]) for s, o, d in G.edges(data=True)}
    assert labels == {
        ("pardon-1", "agent", "boris-example"),
        ("pardon-1", "involves", "anna-kowalczyk"),
        ("pardon-1", "place", "northland"),
        ("arrest-1", "involves", "chen-sample"),
        ("anna-kowalczyk", "member of", "free-voices"),
        ("chen-sample", "founder of", "free-voices"),
        ("dora-faraway", "member of", "far-club"),
    }


def test_tooltips_carry_provenance_and_status(page: str) -> None:
    nodes = {n["id"]: n for n in _dataset(page, "nodes")}
    anna = nodes[ANNA]["title"]
    assert "status now: pardoned (since 2024-05)" in anna
    assert PARDON_SENTENCE in anna
    assert "Two activists freed in Northland" in anna  # the article
    assert "roles: opposition figure, political prisoner" in anna
    assert "earlier: jailed (2022)" in anna
    assert "status now: jailed" in nodes[ID + "person/chen-sample"]["title"]
    assert "about 120 political prisoners remaining" in nodes[ID + "organisation/free-voices"]["title"]
    assert PARDON_SENTENCE in nodes[ID + "event/pardon-1"]["title"]

    edges = _dataset(page, "edges")
    involves = next(e for e in edges if e["label"] == "involves" and e["to"] == ANNA)
    assert PARDON_SENTENCE in involves["title"]
    founder = next(e for e in edges if e["label"] == "founder of")
    assert "Chen Sample founded Free Voices in 2015." in founder["title"]
    assert all(e["title"] for e in edges)


def test_articles_on_request(graph: rdflib.Graph) -> None:
    G = to_networkx(graph, include_articles=True)
    articles = [n for n, d in G.nodes(data=True) if d["kind"] == "article"]
    assert len(articles) == 2
    assert any(d["label"] == "mentioned in" for _s, _o, d in G.edges(data=True))


def test_store_and_graph_give_the_same_page(graph: rdflib.Graph, tmp_path: Path) -> None:
    with Store(tmp_path / "s", create=True) as st:
        st.replace_graph(graph)
    with Store(tmp_path / "s") as st:
        from_store = visualise(st, tmp_path / "a.html").read_text()
    from_graph = visualise(graph, tmp_path / "b.html").read_text()
    assert _dataset(from_store, "nodes") == _dataset(from_graph, "nodes")


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to check the JavaScript")
def test_inline_javascript_parses(page: str, tmp_path: Path) -> None:
    for i, script in enumerate(re.findall(r"<script[^>]*>(.*?)</script>", page, re.S)):
        path = tmp_path / f"s{i}.js"
        path.write_text(script, encoding="utf-8")
        subprocess.run(["node", "--check", str(path)], check=True, capture_output=True)


# --- focus ---------------------------------------------------------------------------


def _names(G) -> set[str]:  # type: ignore[no-untyped-def]
    return {n.rsplit("/", 1)[-1] for n in G.nodes}


def test_focus_keeps_the_neighbourhood(graph: rdflib.Graph) -> None:
    G = to_networkx(graph)
    assert _names(focus_nodes(G, "Anna Kowalczyk", 2)) == {
        "anna-kowalczyk", "pardon-1", "free-voices", "boris-example", "northland", "chen-sample",
    }
    assert _names(focus_nodes(G, "Anna Kowalczyk", 1)) == {"anna-kowalczyk", "pardon-1", "free-voices"}
    assert _names(focus_nodes(G, "Anna Kowalczyk", 0)) == {"anna-kowalczyk"}


@pytest.mark.parametrize("name", ["anna kowalczyk", "ANNA KOWALCZYK", "Ána Kowalčyk", "ana kowalcyk", "Kowalcz", "kowalczyk"])
def test_focus_matches_any_label_ignoring_case_and_accents(graph: rdflib.Graph, name: str) -> None:
    sub = focus_nodes(to_networkx(graph), name, 1)
    assert [n for n, d in sub.nodes(data=True) if d.get("focus")] == [ANNA]


def test_focus_on_an_organisation_when_no_person_matches(graph: rdflib.Graph) -> None:
    sub = focus_nodes(to_networkx(graph), "far club", 1)
    assert _names(sub) == {"far-club", "dora-faraway"}


def test_unknown_focus_lists_close_matches(graph: rdflib.Graph, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as info:
        visualise(graph, tmp_path / "x.html", focus="Kowalsky")
    message = str(info.value)
    assert message.startswith("no person named 'Kowalsky' in the graph")
    assert "did you mean Anna Kowalczyk?" in message
    assert info.value.exit_code == 2
    assert not (tmp_path / "x.html").exists()


def test_focus_page_title(graph: rdflib.Graph, tmp_path: Path) -> None:
    page = visualise(graph, tmp_path / "x.html", focus="chen", depth=1).read_text()
    assert "<title>kg: Chen Sample (within 1 step)</title>" in page
    assert {n["id"].rsplit("/", 1)[-1] for n in _dataset(page, "nodes")} == {"chen-sample", "arrest-1", "free-voices"}


def test_fold() -> None:
    assert fold("  Ána   Kowalčyk ") == "ana kowalcyk"
    assert fold("Łukasz") == "lukasz"
    assert fold("Bialiatski's") == "bialiatski s"
