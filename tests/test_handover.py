"""The formats other software reads, each loaded back by the program it is for; `kg validate`;
the plain-Python side of QueryResult and `api.graph()`."""
from __future__ import annotations

import csv
import datetime
from pathlib import Path

import networkx as nx
import pyoxigraph
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic

from fixtures_store import mini_store, store_from_records
from kg import api
from kg.cli import main

DATA = Path(__file__).parent / "data"
ARTICLE = "https://w3id.org/kg-news/id/article/"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return mini_store(tmp_path / "store")


def _kg(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


# --- quads: one named graph per article --------------------------------------------------


@pytest.mark.parametrize(("ext", "fmt"), [("nq", pyoxigraph.RdfFormat.N_QUADS), ("trig", pyoxigraph.RdfFormat.TRIG)])
def test_quads_load_into_oxigraph_with_a_graph_per_article(store: Path, tmp_path: Path, ext: str,
                                                           fmt: pyoxigraph.RdfFormat) -> None:
    out = tmp_path / f"g.{ext}"
    code, _, err = _kg("export", "--store", store, "-o", out)
    assert code == 0, err
    quad_store = pyoxigraph.Store()
    quad_store.load(path=str(out), format=fmt)
    graphs = sorted(g.value for g in quad_store.named_graphs())
    assert graphs == [ARTICLE + "alpha", ARTICLE + "beta"]
    # The union of every graph is the graph in the store.
    union = rdflib.Graph()
    for q in quad_store:
        union.add(tuple(rdflib.util.from_n3(str(t)) for t in (q.subject, q.predicate, q.object)))  # type: ignore[arg-type]
    assert isomorphic(union, rdflib.Graph().parse(DATA / "mini.ttl"))
    # Provenance survives: the sentence about Chen Sample's arrest is in beta's graph, with the event.
    rows = list(quad_store.query(
        "SELECT ?g WHERE { GRAPH ?g { ?e a <https://w3id.org/kg-news/ontology#Arrest> ; "
        "<https://w3id.org/kg-news/ontology#evidence> ?ev . ?ev <https://w3id.org/kg-news/ontology#sentence> ?s } }"))
    assert {r["g"].value for r in rows} == {ARTICLE + "beta"}
    # Names of people belong to no single article: they stay in the default graph.
    default = list(quad_store.quads_for_pattern(None, pyoxigraph.NamedNode(str(rdflib.RDFS.label)), None,
                                                pyoxigraph.DefaultGraph()))
    assert any(q.object.value == "Anna Kowalczyk" for q in default)


def test_trig_keeps_the_ontology_in_its_own_graph(store: Path) -> None:
    data = api.export(store=store, format="trig", include_ontology=True)
    names = {q.graph_name for q in pyoxigraph.parse(data, pyoxigraph.RdfFormat.TRIG)}
    assert pyoxigraph.NamedNode("https://w3id.org/kg-news/ontology") in names


# --- networks: GraphML, GEXF, CSV --------------------------------------------------------


@pytest.mark.parametrize("ext", ["graphml", "gexf"])
def test_networkx_reads_graphml_and_gexf_back(store: Path, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"g.{ext}"
    code, _, err = _kg("export", "--store", store, "-o", out)
    assert code == 0, err
    G = nx.read_graphml(out) if ext == "graphml" else nx.read_gexf(out)
    labels = {d["label"] for _, d in G.nodes(data=True)}
    assert {"Anna Kowalczyk", "Chen Sample", "Free Voices"} <= labels
    anna = next(n for n, d in G.nodes(data=True) if d["label"] == "Anna Kowalczyk")
    assert G.nodes[anna]["kind"] == "person"
    assert "Kowalczyk" in G.nodes[anna]["names"]
    assert G.nodes[anna]["status"] == "pardoned"
    relations = {d["label"] for _, _, d in G.edges(data=True)}
    assert "member of" in relations and "involves" in relations
    assert G.number_of_nodes() > 5 and G.number_of_edges() > 3


def test_csv_tables_for_neo4j_and_spreadsheets(store: Path, tmp_path: Path) -> None:
    code, _, err = _kg("export", "--store", store, "--format", "csv", "-o", tmp_path / "tables")
    assert code == 0, err
    assert "nodes.csv" in err and "edges.csv" in err
    nodes = list(csv.DictReader(open(tmp_path / "tables" / "nodes.csv", encoding="utf-8", newline="")))
    edges = list(csv.DictReader(open(tmp_path / "tables" / "edges.csv", encoding="utf-8", newline="")))
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)
    chen = next(n for n in nodes if n["label"] == "Chen Sample")
    assert chen["kind"] == "person" and chen["status"] == "jailed"
    involves = [e for e in edges if e["relation"] == "involves" and e["target"] == chen["id"]]
    assert involves and "arrested in 2021" in involves[0]["evidence"]


def test_csv_needs_a_folder(store: Path) -> None:
    code, _, err = _kg("export", "--store", store, "--format", "csv")
    assert code == 2
    assert err.strip() == "error: CSV export writes two files, nodes.csv and edges.csv; pass -o FOLDER"


def test_symmetric_relations_are_one_edge(tmp_path: Path) -> None:
    g = rdflib.Graph().parse(DATA / "mini.ttl")
    kg = rdflib.Namespace("https://w3id.org/kg-news/ontology#")
    person = rdflib.Namespace("https://w3id.org/kg-news/id/person/")
    g.add((person["anna-kowalczyk"], kg.spouseOf, person["chen-sample"]))
    g.add((person["chen-sample"], kg.spouseOf, person["anna-kowalczyk"]))
    from kg.store import Store

    with Store(tmp_path / "s", create=True) as st:
        st.replace_graph(g)
    G = nx.read_graphml(__import__("io").BytesIO(api.export(store=tmp_path / "s", format="graphml")))
    spouses = [(s, o) for s, o, d in G.edges(data=True) if d["label"] == "spouse of"]
    assert len(spouses) == 1


# --- kg validate -------------------------------------------------------------------------


def test_validate_a_built_graph_conforms(tmp_path: Path) -> None:
    store = store_from_records(tmp_path / "s")
    code, out, _ = _kg("validate", "--store", store)
    assert code == 0, out
    assert out.startswith("conforms: ") and "triples checked" in out


def test_validate_reports_violations_one_line_each(store: Path) -> None:
    # The hand-written mini graph leaves out prov:wasDerivedFrom and two mentions.
    code, out, _ = _kg("validate", "--store", store)
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[-1].startswith("does not conform: 8 violations in ")
    assert "violation: far-club mentionedIn: Less than 1 values" in out
    report = api.validate(store=store)
    assert not report.conforms and len(report.violations) == 8


def test_validate_without_a_store(tmp_path: Path) -> None:
    code, _, err = _kg("validate", "--store", tmp_path / "none")
    assert code == 3 and err.startswith("error: no graph at ")


# --- QueryResult as plain Python; api.graph() ----------------------------------------------


def test_query_result_gives_plain_values(store: Path) -> None:
    result = api.query("SELECT ?name ?n ?d WHERE { ?p a kg:Person ; rdfs:label ?name . "
                       "OPTIONAL { ?p kg:currentStatus ?s . ?s kg:dateFrom ?d } BIND(STRLEN(?name) AS ?n) } ORDER BY ?name",
                       store=store)
    rows = result.to_dicts()
    assert len(result) == len(rows) == 4
    assert result[0] == rows[0]
    assert rows[0]["name"] == "Anna Kowalczyk" and rows[0]["n"] == 14
    assert result[1:3] == rows[1:3]
    assert any(isinstance(r["d"], datetime.date) for r in rows)
    assert any(r["d"] is None for r in rows)


def test_query_result_to_dataframe(store: Path) -> None:
    frame = api.query("SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name", store=store).to_dataframe()
    assert list(frame.columns) == ["name"]
    assert frame["name"].tolist()[:2] == ["Anna Kowalczyk", "Boris Example"]


def test_api_graph_is_an_rdflib_graph(store: Path) -> None:
    g = api.graph(store=store)
    assert isinstance(g, rdflib.Graph)
    assert isomorphic(g, rdflib.Graph().parse(DATA / "mini.ttl"))
    names = {str(r[0]) for r in g.query("SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n }")}
    assert "Chen Sample" in names
