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


# --- what a reader sees in the browser ------------------------------------------------

KG_NS = rdflib.Namespace("https://w3id.org/kg-news/ontology#")


def _options(page: str) -> dict:  # type: ignore[type-arg]
    m = re.search(r"var options = (\{.*?\});\n", page, re.S)
    assert m, "no options in the page"
    return json.loads(m[1])


def _settle_script(page: str) -> str:
    scripts = [s for s in re.findall(r"<script[^>]*>(.*?)</script>", page, re.S) if "var loose = " in s]
    assert len(scripts) == 1
    return scripts[0]


def _loose(page: str) -> list[list]:  # type: ignore[type-arg]
    m = re.search(r"var loose = (\[.*?\]);\n", _settle_script(page), re.S)
    assert m
    return json.loads(m[1])


def test_tooltips_are_plain_text_lines(page: str) -> None:
    # vis-network 9 shows a string title with innerText: HTML tags would be shown as
    # text, and "\n" is what becomes a line break.
    titles = [n["title"] for n in _dataset(page, "nodes")] + [e["title"] for e in _dataset(page, "edges")]
    assert titles and all(titles)
    for title in titles:
        assert not re.search(r"</?(?:br|b|i|p|div|span)\b", title, re.I), title
        assert "&lt;" not in title and "&amp;" not in title
    anna = next(n["title"] for n in _dataset(page, "nodes") if n["id"] == ANNA)
    lines = anna.split("\n")
    assert lines[0] == "Anna Kowalczyk (person)"
    assert "roles: opposition figure, political prisoner" in lines
    assert any(PARDON_SENTENCE in line for line in lines)
    # ...and the tooltip keeps those line breaks and wraps long sentences.
    css = re.search(r"div\.vis-tooltip \{(.*?)\}", page, re.S)
    assert css and "white-space: pre-wrap" in css[1] and "max-width" in css[1]


def test_page_makes_no_network_requests(page: str) -> None:
    assert not re.search(r"""(?:src|href|action|poster|data)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I)
    assert not re.search(r"@import|@font-face|\bfetch\(|XMLHttpRequest|WebSocket|sendBeacon|<iframe", page, re.I)
    for url in re.findall(r"url\(\s*[\"']?([^\"')]*)", page):
        assert url.startswith("data:") or url.startswith("#"), url
    assert "<link" not in page  # stylesheets are inlined


def test_physics_settles_and_then_stops(page: str) -> None:
    options = _options(page)
    physics = options["physics"]
    stab = physics["stabilization"]
    assert stab["enabled"] is True and 0 < stab["iterations"] <= 1000 and stab["fit"] is True
    assert physics["minVelocity"] > 0.1  # vis-network's default keeps nudging nodes for long
    assert options["layout"]["randomSeed"] is not None  # the same picture on every load
    # "dynamic" curves hang on physics-driven support nodes: not with physics switched off.
    assert options["edges"]["smooth"].get("type", "dynamic") != "dynamic" or options["edges"]["smooth"]["enabled"] is False
    script = _settle_script(page)
    assert "physics: {enabled: false}" in script
    # A small layout can be done before the script listens: "stabilized" catches that.
    for event in ("stabilizationIterationsDone", "stabilized", "afterDrawing"):
        assert f'network.once("{event}", settle)' in script
    assert "loose.length === nodes.length" in script  # no edges: no physics event will come
    # It runs after pyvis's script has created the network.
    assert page.index("network = new vis.Network") < page.index(script)


def test_small_graphs_are_spread_out(graph: rdflib.Graph, tmp_path: Path) -> None:
    small = _options(visualise(graph, tmp_path / "s.html").read_text())["physics"]["forceAtlas2Based"]
    from kg.viz import _OPTIONS

    assert small["springLength"] > _OPTIONS["physics"]["forceAtlas2Based"]["springLength"]


def test_nodes_without_edges_are_set_out_in_rows(graph: rdflib.Graph, tmp_path: Path) -> None:
    place = rdflib.Namespace(ID + "place/")
    for name in ("Southland", "Eastland"):
        graph.add((place[name.lower()], rdflib.RDF.type, KG_NS.Place))
        graph.add((place[name.lower()], rdflib.RDFS.label, rdflib.Literal(name)))
    page = visualise(graph, tmp_path / "x.html").read_text()
    nodes = {n["id"]: n for n in _dataset(page, "nodes")}
    loose = _loose(page)
    assert [row[0] for row in loose] == [ID + "place/eastland", ID + "place/southland"]  # by kind, then name
    assert all(row[2] == "place" and row[1] > 0 for row in loose)
    assert nodes[ID + "place/southland"]["physics"] is False
    assert "physics" not in nodes[ANNA]  # linked nodes are laid out by the physics
    assert "(2 nodes without edges set out in rows)" in page
    # With no loose nodes there is nothing to set out.
    assert _loose(visualise(rdflib.Graph().parse(DATA / "mini.ttl"), tmp_path / "y.html").read_text()) == []


def test_parallel_edges_fan_out(graph: rdflib.Graph, tmp_path: Path) -> None:
    from kg.viz import _bends

    assert _bends([("a", "b"), ("c", "d")]) == [0.0, 0.0]
    there, back = _bends([("a", "b"), ("b", "a")])
    # Opposite bends relative to each edge's own direction: the same side of the line
    # for both would be on top of each other.
    assert there and there == back
    assert sorted(_bends([("a", "b"), ("a", "b"), ("a", "b")])) == [-0.4, 0.0, 0.4]

    boris = rdflib.URIRef(ID + "person/boris-example")
    # A relation that is not symmetric, both ways (a symmetric one is drawn once: see below).
    graph.add((rdflib.URIRef(ANNA), KG_NS.leaderOf, boris))
    graph.add((boris, KG_NS.leaderOf, rdflib.URIRef(ANNA)))
    edges = [e for e in _dataset(visualise(graph, tmp_path / "x.html").read_text(), "edges") if e["label"] == "leader of"]
    assert len(edges) == 2
    assert all(e["smooth"]["enabled"] and e["smooth"]["roundness"] > 0 for e in edges)
    assert edges[0]["smooth"]["type"] == edges[1]["smooth"]["type"]  # same turn, opposite directions
    straight = [e for e in _dataset(visualise(graph, tmp_path / "x.html").read_text(), "edges") if e["label"] == "agent"]
    assert "smooth" not in straight[0]


def test_a_symmetric_relation_is_one_edge_with_both_sentences(graph: rdflib.Graph, tmp_path: Path) -> None:
    boris = rdflib.URIRef(ID + "person/boris-example")
    graph.add((rdflib.URIRef(ANNA), KG_NS.spouseOf, boris))
    graph.add((boris, KG_NS.spouseOf, rdflib.URIRef(ANNA)))
    edges = [e for e in _dataset(visualise(graph, tmp_path / "x.html").read_text(), "edges") if e["label"] == "spouse of"]
    assert len(edges) == 1


def test_tooltip_lines_stay_short(graph: rdflib.Graph) -> None:
    anna = rdflib.URIRef(ANNA)
    status = rdflib.Namespace(ID + "status/")
    for key, year in (("anna-jailed-2023", "2023"), ("anna-jailed-undated", None)):
        graph.add((status[key], rdflib.RDF.type, KG_NS.StatusAssertion))
        graph.add((status[key], KG_NS.person, anna))
        graph.add((status[key], KG_NS.status, KG_NS.Jailed))
        if year:
            graph.add((status[key], KG_NS.date, rdflib.Literal(year)))
            graph.add((status[key], KG_NS.dateFrom, rdflib.Literal(f"{year}-01-01")))
    for i in range(4):
        article = rdflib.URIRef(f"{ID}article/extra-{i}")
        graph.add((article, rdflib.RDF.type, KG_NS.Article))
        graph.add((article, KG_NS.sourceFile, rdflib.Literal(f"extra-{i}.txt")))
        graph.add((anna, KG_NS.mentionedIn, article))
    title = to_networkx(graph).nodes[ANNA]["title"]
    assert "earlier: jailed (2022, 2023)\n" in title  # one entry, not "jailed; jailed (2022); jailed (2023)"
    # Titles first, then file names, and only a few of them.
    assert "mentioned in: Two activists freed in Northland; extra-0.txt; extra-1.txt; and 2 more articles" in title.split("\n")




# --- article text that looks like markup (issue 8) -----------------------------------

HOSTILE = "President <img src=https://example.org/x.png> Boris Example pardoned (see src=https://example.org/a and href='//cdn.example.org/b')"


def test_viz_of_text_with_remote_looking_attributes(tmp_path: Path) -> None:
    # The check for remote resources scanned the article text too, and `kg viz` crashed.
    from click.testing import CliRunner

    from kg.cli import main

    text = (DATA / "mini.ttl").read_text(encoding="utf-8").replace("President Boris Example pardoned", HOSTILE)
    with Store(tmp_path / "s", create=True) as st:
        st.replace_graph(rdflib.Graph().parse(data=text, format="turtle"))
    from kg.viz import remote_references

    for style in ("--explorer", "--network"):
        result = CliRunner().invoke(main, ["viz", style, "-o", str(tmp_path / "g.html"), "--store", str(tmp_path / "s")])
        assert result.exit_code == 0, result.output
        page = (tmp_path / "g.html").read_text(encoding="utf-8")
        assert "Boris Example pardoned" in page
        assert remote_references(page) == []
        assert "<img" not in page.split("<body>", 1)[1].split("<script", 1)[0]  # no tag made of the text
    anna = next(n["title"] for n in _dataset(page, "nodes") if n["id"] == ANNA)
    assert HOSTILE.replace("href", "hre\u200bf") in anna  # the text is kept, as text


def test_remote_references_sees_the_page_markup_only() -> None:
    from kg.viz import remote_references

    page = ('<html><head><script src="https://cdn.example.org/x.js"></script>'
            '<script>var t = "src=https://example.org/in-data";</script></head>'
            '<body><p>src=https://example.org/in-text</p><img src=//example.org/y.png></body></html>')
    assert remote_references(page) == ['<script src="https://cdn.example.org/x.js">', "<img src=//example.org/y.png>"]
