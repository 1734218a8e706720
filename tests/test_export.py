"""Exporting the graph: every format parses back (rdflib, and pyoxigraph as a second parser)."""
from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph
import pytest
import rdflib
from rdflib.compare import isomorphic

import kg.export as export_module
from kg.errors import StoreError, UsageError
from kg.export import FORMATS, export, ontology_path, prefixes_for
from kg.namespace import ONTOLOGY_IRI
from kg.store import Store

DATA = Path(__file__).parent / "data"
RDFLIB_FORMATS = {"turtle": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}
OXI_FORMATS = {"turtle": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES, "trig": pyoxigraph.RdfFormat.TRIG,
               "nq": pyoxigraph.RdfFormat.N_QUADS}


@pytest.fixture
def mini_graph() -> rdflib.Graph:
    return rdflib.Graph().parse(DATA / "mini.ttl")


@pytest.fixture
def store(tmp_path: Path, mini_graph: rdflib.Graph):  # type: ignore[no-untyped-def]
    with Store(tmp_path / "s", create=True) as st:
        st.replace_graph(mini_graph)
    with Store(tmp_path / "s") as st:
        yield st


def _parse(data: bytes, fmt: str) -> rdflib.Graph:
    if fmt in ("trig", "nq"):
        ds = rdflib.Dataset()
        ds.parse(data=data, format=RDFLIB_FORMATS[fmt])
        g = rdflib.Graph()
        for s, p, o, _ctx in ds.quads((None, None, None, None)):
            g.add((s, p, o))
        return g
    return rdflib.Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_parses_back_with_rdflib(store: Store, mini_graph: rdflib.Graph, fmt: str) -> None:
    data = export(store, fmt)
    assert isinstance(data, bytes) and data
    assert isomorphic(_parse(data, fmt), mini_graph)


@pytest.mark.parametrize("fmt", ["turtle", "nt", "trig", "nq"])
def test_pyoxigraph_parses_it_too(store: Store, mini_graph: rdflib.Graph, fmt: str) -> None:
    quads = list(pyoxigraph.parse(export(store, fmt), OXI_FORMATS[fmt]))
    # In TriG and N-Quads a fact several articles report is in each of their graphs.
    assert len({q.triple for q in quads}) == len(mini_graph)


def test_turtle_has_readable_prefixes(store: Store) -> None:
    text = export(store, "turtle").decode("utf-8")
    for prefix in ("kg:", "data:", "skos:", "rdfs:", "xsd:", "prov:", "schema:"):
        assert f"@prefix {prefix} " in text
    # One prefix per kind of minted IRI, so no escaped slashes in local names.
    assert "@prefix person: <https://w3id.org/kg-news/id/person/>" in text
    assert "person:anna-kowalczyk a kg:Person" in text
    assert "\\/" not in text


def test_exports_are_deterministic(store: Store) -> None:
    for fmt in FORMATS:
        assert export(store, fmt) == export(store, fmt)


def test_ntriples_is_sorted(store: Store) -> None:
    lines = export(store, "nt").decode("utf-8").splitlines()
    subjects = [line.split(" ", 1)[0] for line in lines]
    assert subjects == sorted(subjects)


def test_jsonld_has_a_context(store: Store) -> None:
    doc = json.loads(export(store, "jsonld"))
    assert doc["@context"]["kg"] == "https://w3id.org/kg-news/ontology#"
    assert "@graph" in doc


def test_format_aliases_and_unknown_format(store: Store) -> None:
    assert export(store, "ttl") == export(store, "turtle")
    assert export(store, "json-ld") == export(store, "jsonld")
    with pytest.raises(UsageError, match="unknown export format 'xml'"):
        export(store, "xml")


# --- with the ontology ---------------------------------------------------------------


def _ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ontology_path())


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld"])
def test_ontology_is_merged(store: Store, mini_graph: rdflib.Graph, fmt: str) -> None:
    ontology = _ontology()
    with_ontology = _parse(export(store, fmt, include_ontology=True), fmt)
    expected = rdflib.Graph()
    for triple in mini_graph:
        expected.add(triple)
    for triple in ontology:
        expected.add(triple)
    assert isomorphic(with_ontology, expected)
    assert (rdflib.URIRef(ONTOLOGY_IRI), rdflib.RDF.type, rdflib.OWL.Ontology) in with_ontology


def test_ontology_gets_its_own_graph_in_trig(store: Store, mini_graph: rdflib.Graph) -> None:
    quads = list(pyoxigraph.parse(export(store, "trig", include_ontology=True), pyoxigraph.RdfFormat.TRIG))
    named = [q for q in quads if q.graph_name == pyoxigraph.NamedNode(ONTOLOGY_IRI)]
    data = {q.triple for q in quads if q.graph_name != pyoxigraph.NamedNode(ONTOLOGY_IRI)}
    assert len(data) == len(mini_graph)
    assert len(named) == len(_ontology())


def test_missing_ontology_is_a_store_error(store: Store, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    fake = tmp_path / "elsewhere" / "kg" / "export.py"
    monkeypatch.setattr(export_module, "__file__", str(fake))
    with pytest.raises(StoreError, match="ontology file is missing"):
        export(store, "turtle", include_ontology=True)
    assert export(store, "turtle")  # without --ontology it is not needed


def test_prefixes_for_minted_kinds() -> None:
    prefixes = prefixes_for([
        "https://w3id.org/kg-news/id/person/anna",
        "https://w3id.org/kg-news/id/evidence/a1/abc",
        "https://w3id.org/kg-news/id/9bad/x",  # not a valid prefix name
        "https://w3id.org/kg-news/id/kg/x",  # would clash with kg:
        "http://example.org/other/x",
    ])
    assert prefixes["person"] == "https://w3id.org/kg-news/id/person/"
    assert prefixes["evidence"] == "https://w3id.org/kg-news/id/evidence/"
    assert "9bad" not in prefixes
    assert prefixes["kg"] == "https://w3id.org/kg-news/ontology#"
    assert prefixes["data"] == "https://w3id.org/kg-news/id/"
