"""The full-size graph page: laid out in Python, then searched, filtered, clicked and
re-focused in headless Chromium the way a reader would."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterator

import networkx as nx
import pytest
import rdflib

from browser import Browser, chromium_path
from kg.graphpage import page_graph, write_page
from kg.layout import layout

DATA = Path(__file__).parent / "data"
ID = rdflib.Namespace("https://w3id.org/kg-news/id/")
KG = rdflib.Namespace("https://w3id.org/kg-news/ontology#")
URL = "https://news.example.org/alpha"


def _graph() -> rdflib.Graph:
    """mini.ttl, plus a source URL, a place no relation reaches, an organisation under a
    longer name form and a place that only an event's sentence names."""
    g = rdflib.Graph().parse(DATA / "mini.ttl")
    g.add((ID["article/alpha"], KG.url, rdflib.Literal(URL)))
    for iri, kind, label in ((ID["place/southvale"], KG.Place, "Southvale"),
                             (ID["organisation/hrc-free-voices"], KG.Organisation, "Human Rights Centre Free Voices"),
                             (ID["place/eastport"], KG.Place, "Eastport")):
        g.add((iri, rdflib.RDF.type, kind))
        g.add((iri, rdflib.RDFS.label, rdflib.Literal(label)))
        g.add((iri, KG.mentionedIn, ID["article/beta"]))
    g.set((ID["evidence/beta-2"], KG.sentence,
           rdflib.Literal("Journalist Chen Sample was arrested in Eastport in 2021 and remains in prison.")))
    return g


def test_layout_places_every_node_and_is_repeatable() -> None:
    G = nx.barabasi_albert_graph(1200, 1, seed=3)  # one component past the spring_layout size
    G.add_nodes_from(range(1200, 1210))  # and nodes without edges
    pos = layout(G)
    assert set(pos) == set(G)
    assert pos == layout(G)
    shuffled = nx.Graph()  # the same graph built in another order: the same picture
    shuffled.add_nodes_from(sorted(G, reverse=True))
    shuffled.add_edges_from(sorted(((v, u) for u, v in G.edges()), reverse=True))
    assert layout(shuffled) == pos
    assert len(set(pos.values())) > 1150  # not piled up on a few points


def test_page_graph_merges_name_forms_and_links_what_the_text_links() -> None:
    G = page_graph(_graph())
    orgs = {d["label"]: d for _, d in G.nodes(data=True) if d["kind"] == "organisation"}
    assert "Free Voices" not in orgs  # one node for both name forms
    merged = orgs["Human Rights Centre Free Voices"]
    assert "Free Voices" in merged["labels"]
    founders = [G.nodes[s]["label"] for s, o, d in G.in_edges(str(ID["organisation/hrc-free-voices"]), data=True)
                if d["label"] == "founder of"]
    assert founders == ["Chen Sample"]
    arrest = str(ID["event/arrest-1"])
    assert [G.nodes[o]["label"] for _, o, d in G.out_edges(arrest, data=True) if d["label"] == "place"] == ["Eastport"]
    assert G.degree(str(ID["place/southvale"])) == 0


# --- in the browser -------------------------------------------------------------------

needs_chromium = pytest.mark.skipif(chromium_path() is None and not os.environ.get("CI"),
                                    reason="chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    page = write_page(_graph(), tmp_path_factory.mktemp("page") / "graph.html")
    with Browser() as b:
        b.open(page.resolve().as_uri())
        yield b


@pytest.fixture
def fresh(browser: Any) -> Any:
    browser.eval("document.getElementById('all').click()")
    for kind in ("person", "organisation", "place", "event"):
        browser.eval(f"(b => {{ if (!b.checked) b.click(); }})(document.getElementById('kind-{kind}'))")
    browser.eval("(s => { s.value = ''; s.dispatchEvent(new Event('change')); })(document.getElementById('status'))")
    for field in ("from", "to"):
        browser.eval(f"(s => {{ s.value = ''; s.dispatchEvent(new Event('change')); }})(document.getElementById('{field}'))")
    return browser


def _visible(b: Any, label: str) -> bool:
    return bool(b.eval(f"kg.isVisible(kg.nodes.findIndex(n => n.l === {label!r}))"))


def _type(b: Any, element: str, text: str, key: str = "Enter") -> None:
    b.eval(f"(e => {{ e.value = {text!r}; e.dispatchEvent(new Event('change'));"
           f" e.dispatchEvent(new KeyboardEvent('keydown', {{key: {key!r}}})); }})(document.getElementById({element!r}))")


@needs_chromium
def test_page_opens_without_errors_with_fixed_positions(browser: Any) -> None:
    assert browser.errors == []
    assert browser.eval("window.kgFirstFrame") > 0
    xs = browser.eval("kg.nodes.map(n => n.x)")
    browser.eval("kg.paint()")
    assert browser.eval("kg.nodes.map(n => n.x)") == xs  # nothing moves: no physics


@needs_chromium
def test_nodes_without_edges_are_hidden_and_listed(fresh: Any) -> None:
    assert not _visible(fresh, "Southvale")
    assert "1 without an edge" == fresh.eval("document.getElementById('isolated').textContent")
    fresh.eval("document.getElementById('isolated').click()")
    assert fresh.eval("[...document.querySelectorAll('#isolated-list a')].map(a => a.textContent)") == ["Southvale"]
    fresh.eval("document.querySelector('#isolated-list a').click()")
    assert _visible(fresh, "Southvale")


@needs_chromium
def test_search_finds_a_person_by_another_spelling(fresh: Any) -> None:
    # "Kovalchik" is none of Anna Kowalczyk's recorded names: the transliteration key finds her.
    _type(fresh, "search", "Kovalchik")
    selected = fresh.eval("kg.state.selected")
    assert fresh.eval(f"kg.nodes[{selected}].l") == "Anna Kowalczyk"
    assert fresh.eval("document.querySelector('#panel h2').textContent") == "Anna Kowalczyk"
    # Centred: her node is in the middle of the canvas, not of the page.
    x, width = fresh.eval(f"[kg.nodes[{selected}].x * kg.state.scale + kg.state.tx, document.getElementById('canvas').clientWidth - 380]")
    assert abs(x - width / 2) < 2
    _type(fresh, "search", "ana kowalczyk")  # accents and case ignored, a typo forgiven
    assert fresh.eval("kg.nodes[kg.state.selected].l") == "Anna Kowalczyk"
    _type(fresh, "search", "Nobody Atall")
    assert fresh.eval("document.getElementById('message').textContent") == "nothing called “Nobody Atall”"
    assert fresh.errors == []


@needs_chromium
def test_filters_hide_what_they_should(fresh: Any) -> None:
    assert _visible(fresh, "Anna Kowalczyk") and _visible(fresh, "Chen Sample")
    fresh.eval("(s => { s.value = 'jailed'; s.dispatchEvent(new Event('change')); })(document.getElementById('status'))")
    assert _visible(fresh, "Chen Sample")  # jailed now
    assert not _visible(fresh, "Anna Kowalczyk") and not _visible(fresh, "Dora Faraway")  # pardoned, exiled
    assert _visible(fresh, "Northland")  # the status filter is about people
    fresh.eval("(s => { s.value = ''; s.dispatchEvent(new Event('change')); })(document.getElementById('status'))")
    fresh.eval("document.getElementById('kind-event').click()")
    assert not fresh.eval("kg.nodes.some((n, i) => n.k === 3 && kg.isVisible(i))")
    fresh.eval("document.getElementById('kind-event').click()")
    _type(fresh, "from", "2022")
    assert not _visible(fresh, "arrest · 2021") and _visible(fresh, "pardon · 2024-05 · 2")
    assert fresh.eval("document.getElementById('count').textContent").endswith(" shown")


@needs_chromium
def test_click_opens_the_panel_with_facts_dates_sentences_and_sources(fresh: Any) -> None:
    i = fresh.eval("kg.nodes.findIndex(n => n.l === 'pardon · 2024-05 · 2')")
    x, y, top = fresh.eval(f"[kg.nodes[{i}].x * kg.state.scale + kg.state.tx, kg.nodes[{i}].y * kg.state.scale + kg.state.ty,"
                           " document.getElementById('canvas').getBoundingClientRect().top]")
    for kind in ("mousePressed", "mouseReleased"):
        fresh.call("Input.dispatchMouseEvent", type=kind, x=x, y=y + top, button="left", clickCount=1)
    fresh.wait_until("document.getElementById('panel').style.display === 'block'")
    panel = fresh.eval("document.getElementById('panel').innerText")
    assert "pardon · 2024-05 · 2" in panel and "date: 2024-05" in panel
    assert "President Boris Example pardoned opposition figure Anna Kowalczyk" in panel
    links = fresh.eval("[...document.querySelectorAll('#panel a[href]')].map(a => [a.textContent, a.href])")
    assert ["Two activists freed in Northland", URL] in links
    neighbours = fresh.eval("[...document.querySelectorAll('#panel a.node')].map(a => a.textContent)")
    assert neighbours == ["Anna Kowalczyk", "Boris Example", "Northland"]


@needs_chromium
def test_refocus_within_the_page(fresh: Any) -> None:
    total = fresh.eval("kg.visibleCount()")
    _type(fresh, "search", "Dora Faraway")
    fresh.eval("document.getElementById('focus-here').click()")
    assert fresh.eval("kg.visibleCount()") == 2  # Dora and the Far Club
    assert _visible(fresh, "Far Club") and not _visible(fresh, "Anna Kowalczyk")
    fresh.eval("document.getElementById('all').click()")
    assert fresh.eval("kg.visibleCount()") == total


@needs_chromium
def test_screenshot(fresh: Any, tmp_path: Path) -> None:
    _type(fresh, "search", "Chen Sample")
    shot = fresh.screenshot(tmp_path / "page.png")
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 10_000
    assert fresh.errors == []


@needs_chromium
def test_kg_viz_explorer_opens_focused_on_a_name(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from fixtures_store import mini_store
    from kg.cli import main

    store = mini_store(tmp_path / "s")
    out = tmp_path / "dora.html"
    result = CliRunner().invoke(main, ["viz", "--explorer", "--focus", "Faraway", "-o", str(out), "--store", str(store)])
    assert result.exit_code == 0, result.output
    with Browser() as b:
        b.open(out.resolve().as_uri())
        assert b.errors == []
        assert b.eval("kg.visibleCount()") == 2  # Dora Faraway and the Far Club, within two steps
        assert b.eval("document.querySelector('#panel h2').textContent") == "Dora Faraway"
