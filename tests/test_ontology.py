"""The ontology, the closed namespace, the shapes and the queries agree on every kg IRI."""
from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import FOAF, OWL, PROV, RDF, RDFS, SKOS
from rdflib.paths import Path as PropertyPath
from rdflib.plugins.sparql import prepareQuery

from kg.namespace import (
    EVENT_CLASSES,
    KG,
    ONTOLOGY_IRI,
    RELATION_TERMS,
    ROLE_TERMS,
    STATUS_TERMS,
)
from kg.records import EVENT_TYPES, RELATIONS, ROLES, STATUSES

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "kg.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
QUERIES = sorted((ROOT / "queries").glob("*.rq"))

KG_NS = str(KG._NS)
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
# A plain Namespace: pytest probes module attributes, and rdflib's closed SDO warns.
SDO = Namespace("https://schema.org/")
TERMS: frozenset[URIRef] = frozenset(getattr(KG, name) for name in KG.__annotations__)
DECLARATIONS = {
    OWL.Class,
    RDFS.Class,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    RDF.Property,
    OWL.NamedIndividual,
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


@pytest.fixture(scope="module")
def declared(ontology: Graph) -> set[URIRef]:
    return {
        s
        for s, t in ontology.subject_objects(RDF.type)
        if t in DECLARATIONS and isinstance(s, URIRef) and str(s).startswith(KG_NS)
    }


def kg_iris(node: object) -> Iterator[URIRef]:
    """Every kg IRI anywhere in a triple, a SPARQL algebra tree or a property path.

    The bare namespace IRI (``STR(kg:)`` in a query) is not a term and is skipped.
    """
    if isinstance(node, URIRef):
        if str(node).startswith(KG_NS) and str(node) != KG_NS:
            yield node
    elif isinstance(node, Mapping):  # CompValue is an OrderedDict
        for value in node.values():
            yield from kg_iris(value)
    elif isinstance(node, (list, tuple, set, frozenset)):
        for value in node:
            yield from kg_iris(value)
    elif isinstance(node, PropertyPath):
        for value in vars(node).values():
            yield from kg_iris(value)


# --- the ontology document ------------------------------------------------------------


def test_ontology_header(ontology: Graph) -> None:
    onto = URIRef(ONTOLOGY_IRI)
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionInfo) is not None
    assert ontology.value(onto, OWL.versionIRI) is not None
    assert ontology.value(onto, RDFS.label) is not None
    assert ontology.value(onto, RDFS.comment) is not None


def test_every_namespace_term_is_declared(declared: set[URIRef]) -> None:
    missing = sorted(str(t) for t in TERMS - declared)
    assert not missing, f"in kg/namespace.py but not declared in ontology/kg.ttl: {missing}"


def test_every_declared_term_is_in_namespace(declared: set[URIRef]) -> None:
    extra = sorted(str(t) for t in declared - TERMS)
    assert not extra, f"declared in ontology/kg.ttl but missing from kg/namespace.py: {extra}"


def test_every_kg_iri_used_in_the_ontology_is_declared(ontology: Graph, declared: set[URIRef]) -> None:
    used = set(kg_iris(list(ontology)))
    assert not sorted(map(str, used - declared))


@pytest.mark.parametrize("term", sorted(TERMS), ids=lambda t: t.fragment)
def test_every_term_has_label_and_comment(ontology: Graph, term: URIRef) -> None:
    assert ontology.value(term, RDFS.label) is not None, f"{term} has no rdfs:label"
    assert ontology.value(term, RDFS.comment) is not None, f"{term} has no rdfs:comment"


# --- the controlled vocabularies mirror kg.records ----------------------------------


def test_mirrors_match_records() -> None:
    assert set(STATUS_TERMS) == set(STATUSES)
    assert set(ROLE_TERMS) == set(ROLES)
    assert set(EVENT_CLASSES) == set(EVENT_TYPES)
    assert set(RELATION_TERMS) == set(RELATIONS)


@pytest.mark.parametrize("word,term", sorted(STATUS_TERMS.items()))
def test_status_individuals(ontology: Graph, word: str, term: URIRef) -> None:
    assert (term, RDF.type, KG.Status) in ontology
    assert (term, RDF.type, OWL.NamedIndividual) in ontology
    assert (term, SKOS.notation, Literal(word)) in ontology
    assert ontology.value(term, SKOS.prefLabel) is not None


@pytest.mark.parametrize("word,term", sorted(ROLE_TERMS.items()))
def test_role_individuals(ontology: Graph, word: str, term: URIRef) -> None:
    assert (term, RDF.type, KG.Role) in ontology
    assert (term, SKOS.notation, Literal(word)) in ontology
    assert ontology.value(term, SKOS.prefLabel) is not None


@pytest.mark.parametrize("cls", sorted(EVENT_CLASSES.values()), ids=lambda t: t.fragment)
def test_event_classes_are_events(ontology: Graph, cls: URIRef) -> None:
    assert (cls, RDF.type, OWL.Class) in ontology
    assert (cls, RDFS.subClassOf, KG.Event) in ontology


ALIGNMENTS = [
    (KG.Person, RDFS.subClassOf, SDO.Person),
    (KG.Person, RDFS.subClassOf, FOAF.Person),
    (KG.Person, RDFS.subClassOf, PROV.Agent),
    (KG.Organisation, RDFS.subClassOf, SDO.Organization),
    (KG.Organisation, RDFS.subClassOf, PROV.Agent),
    (KG.Place, RDFS.subClassOf, SDO.Place),
    (KG.Article, RDFS.subClassOf, SDO.NewsArticle),
    (KG.Article, RDFS.subClassOf, PROV.Entity),
    (KG.Event, RDFS.subClassOf, SEM.Event),
    (KG.Event, RDFS.subClassOf, SDO.Event),
    (KG.Evidence, RDFS.subClassOf, PROV.Entity),
    (KG.Status, RDFS.subClassOf, SKOS.Concept),
    (KG.Role, RDFS.subClassOf, SKOS.Concept),
    (KG.agent, RDFS.subPropertyOf, SEM.hasActor),
    (KG.involves, RDFS.subPropertyOf, SEM.hasActor),
    (KG.involves, RDFS.subPropertyOf, SDO.about),
    (KG.date, RDFS.subPropertyOf, SEM.hasTimeStamp),
    (KG.place, RDFS.subPropertyOf, SEM.hasPlace),
    (KG.reportedIn, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (KG.article, RDFS.subPropertyOf, PROV.wasDerivedFrom),
    (KG.spouseOf, RDF.type, OWL.SymmetricProperty),
    (KG.title, RDFS.subPropertyOf, SDO.headline),
    (KG.published, RDFS.subPropertyOf, SDO.datePublished),
    (KG.url, RDFS.subPropertyOf, SDO.url),
]


@pytest.mark.parametrize("triple", ALIGNMENTS, ids=lambda t: f"{t[0].fragment}-{t[2].split('/')[-1]}")
def test_alignment(ontology: Graph, triple: tuple[URIRef, URIRef, URIRef]) -> None:
    assert triple in ontology


def test_properties_are_typed(ontology: Graph) -> None:
    # Lower-case local names are properties, upper-case ones classes or individuals.
    for term in TERMS:
        types = set(ontology.objects(term, RDF.type))
        if term.fragment[0].islower():
            assert types & {OWL.ObjectProperty, OWL.DatatypeProperty}, term
        else:
            assert types & {OWL.Class, OWL.NamedIndividual}, term


# --- shapes and queries only use declared terms -------------------------------------


def test_shapes_use_only_declared_terms() -> None:
    shapes = Graph().parse(SHAPES, format="turtle")
    used = set(kg_iris(list(shapes)))
    assert used, "shapes.ttl uses no kg term at all (wrong prefix?)"
    assert not sorted(map(str, used - TERMS))


@pytest.mark.parametrize("path", QUERIES, ids=lambda p: p.name)
def test_query_uses_only_declared_terms(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    prefix = re.search(r"^PREFIX\s+kg:\s*<([^>]*)>", text, re.MULTILINE | re.IGNORECASE)
    assert prefix is not None and prefix.group(1) == KG_NS, f"{path.name}: PREFIX kg: must be <{KG_NS}>"
    used = set(kg_iris(prepareQuery(text).algebra))
    assert used, f"{path.name} uses no kg term"
    assert not sorted(map(str, used - TERMS)), f"{path.name} uses undeclared kg terms"


def test_there_are_queries() -> None:
    names = {p.name for p in QUERIES}
    assert {
        "remain_jailed.rq",
        "person_status.rq",
        "pardons.rq",
        "prisoner_counts.rq",
        "people.rq",
        "person_timeline.rq",
        "reported_by_org.rq",
        "events_by_month.rq",
        "why.rq",
    } <= names


@pytest.mark.parametrize("path", [ONTOLOGY, SHAPES], ids=lambda p: p.name)
def test_oxigraph_parses(path: Path) -> None:
    # kg.export loads the ontology with Oxigraph, which is stricter than rdflib.
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(path), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) > 50
