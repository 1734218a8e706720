"""Adversarial strings go through every export and back unchanged.

Names, sentences, titles, outlets and URLs with quotes, backslashes, ``\"\"\"``, ``>``,
newlines, NUL, right-to-left marks, emoji and 10,000-character names are written
into records, built into a store as ``kg build`` does (resolve, RDF, the store),
exported by ``kg export`` in every format, and parsed back by rdflib and by
pyoxigraph: the graph must be isomorphic to the one built.  A lone surrogate is not
a character and cannot be written in any RDF syntax: the reader refuses it (JSON is
the one input that can carry one), which ``test_bad_input_corpus`` shows.
"""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic

from conftest import run_kg, run_kg_bytes
from kg.rdf import to_graph
from kg.records import Article, Entity, Event, Evidence, Extraction, StatusClaim
from kg.resolve import resolve
from kg.store import Store

pytestmark = pytest.mark.reliability

NASTY = [
    'Anna "the Quote" Kowalczyk',
    "Back\\slash Example",
    'Triple """ Quotes',
    "Greater > Than < Less & Amp",
    "New\nLine\r\nCarriage",
    "Nul\x00Byte",
    "Right\u202eto\u202cLeft \u200fMark \u200eLTR",
    "Emoji \U0001f469\u200d\u2696\ufe0f Judge",
    "Combining Cafe\u0301 Zoe\u0308",
    "Tab\tand ' single",
    "Lastname " + "Verylong" * 1250,  # 10,009 characters
]
FORMATS = {"turtle": ("turtle", pyoxigraph.RdfFormat.TURTLE), "nt": ("nt", pyoxigraph.RdfFormat.N_TRIPLES),
           "trig": ("trig", pyoxigraph.RdfFormat.TRIG), "jsonld": ("json-ld", pyoxigraph.RdfFormat.JSON_LD)}


def _extraction(i: int, name: str) -> Extraction:
    sentence = f"{name} was jailed; {name} said \"no\" and \\ left."
    text = f"{sentence}\n"
    ev = Evidence(sentence=sentence, start=0, end=len(sentence), method="test")
    article = Article(id=f"nasty-{i}", text=text, source=f"nasty/{i}.txt", sha256=f"{i:064x}",
                      title=f"Title {name}", published="2024-05-01", outlet=f"Outlet {name}",
                      url=f"https://example.org/a?q={name}")
    return Extraction(
        article=article,
        entities=(Entity("p1", "person", name, (name.upper(),), ev),),
        events=(Event("e1", "arrest", ev, persons=("p1",), date="2024-04"),),
        statuses=(StatusClaim("p1", "jailed", ev, date="2024-04", event="e1"),),
        model="none",
        extractor_version="test",
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, rdflib.Graph]:
    extractions = [_extraction(i, name) for i, name in enumerate(NASTY)]
    graph = to_graph(extractions, resolve(extractions))
    store = tmp_path_factory.mktemp("nasty") / "store"
    with Store(store, create=True) as st:
        assert st.replace_graph(graph) == len(graph)
    return store, graph


def _diff(a: rdflib.Graph, b: rdflib.Graph) -> str:
    _both, first, second = graph_diff(a, b)
    return f"only built: {sorted(first)[:3]}\nonly read back: {sorted(second)[:3]}"


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_export_parses_back_isomorphic(built: tuple[Path, rdflib.Graph], fmt: str) -> None:
    store, graph = built
    out = run_kg_bytes("export", "-f", fmt, "--store", store)
    assert out.returncode == 0, out.stderr.decode()
    rdflib_format, oxi_format = FORMATS[fmt]
    if fmt == "trig":
        dataset = rdflib.Dataset()
        dataset.parse(data=out.stdout, format="trig")
        back = rdflib.Graph()
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            back.add((s, p, o))
    else:
        back = rdflib.Graph().parse(data=out.stdout, format=rdflib_format)
    assert isomorphic(back, graph), _diff(graph, back)
    # pyoxigraph, a second parser, reads the same triples.
    ox = rdflib.Graph().parse(data=pyoxigraph.serialize(
        [q.triple if isinstance(q, pyoxigraph.Quad) else q for q in pyoxigraph.parse(out.stdout, oxi_format)],
        format=pyoxigraph.RdfFormat.N_TRIPLES), format="nt")
    assert isomorphic(ox, graph), _diff(graph, ox)


def test_every_name_comes_back_exactly(built: tuple[Path, rdflib.Graph]) -> None:
    store, _graph = built
    out = run_kg("query", "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }", "-f", "json", "--store", store)
    assert out.returncode == 0, out.stderr
    names = {b["name"]["value"] for b in json.loads(out.stdout)["results"]["bindings"]}
    assert names == set(NASTY)


def test_query_formats_keep_the_strings(built: tuple[Path, rdflib.Graph]) -> None:
    import csv
    import io

    store, _graph = built
    query = "SELECT ?title WHERE { ?a a kg:Article ; kg:title ?title }"
    out = run_kg_bytes("query", query, "-f", "csv", "--store", store)
    titles = {row[0] for row in list(csv.reader(io.StringIO(out.stdout.decode("utf-8"), newline="")))[1:]}
    assert titles == {f"Title {name}" for name in NASTY}
    tsv = run_kg_bytes("query", query, "-f", "tsv", "--store", store).stdout.decode("utf-8").splitlines()[1:]
    # Each TSV cell is an N-Triples term: parse it as the object of a triple.
    nt = "".join(f"<http://example.org/s> <http://example.org/p> {cell} .\n" for cell in tsv)
    assert {t.object.value for t in pyoxigraph.parse(nt, pyoxigraph.RdfFormat.N_TRIPLES)} == {f"Title {n}" for n in NASTY}


def test_a_real_build_keeps_adversarial_metadata(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"id {i} \"q\" <x> \\ \u202e", "title": name, "outlet": name, "url": f"https://example.org/{name}",
                         "text": f"Anna Kowalczyk was pardoned in May 2024. {name} reported it."})
             for i, name in enumerate(NASTY)]
    (tmp_path / "nasty.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run_kg("build", tmp_path / "nasty.jsonl", "--store", tmp_path / "s", "-q", timeout=600)
    assert out.returncode == 0, out.stderr
    for fmt, (rdflib_format, _oxi) in FORMATS.items():
        if fmt == "trig":
            continue
        data = run_kg_bytes("export", "-f", fmt, "--store", tmp_path / "s").stdout
        back = rdflib.Graph().parse(data=data, format=rdflib_format)
        titles = {str(o) for o in back.objects(None, rdflib.URIRef("https://w3id.org/kg-news/ontology#title"))}
        assert titles == set(NASTY), fmt
