"""Records -> triples (kg.rdf) on the hand-built two-article fixture; no spaCy model needed."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pyshacl
import pytest
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.compare import graph_diff, isomorphic, to_isomorphic
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from fixtures_records import two_articles
from kg.namespace import DATA, KG
from kg.rdf import article_iri, partial_date, to_graph
from kg.records import Article, Entity, Evidence, Extraction, Resolution, RoleClaim, StatusClaim

ROOT = Path(__file__).resolve().parents[1]
# A plain Namespace: pytest probes module attributes, and rdflib's open XSD warns.
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")

A1, B2 = article_iri("a1"), article_iri("b2")
ANNA = DATA["person/anna-smithson"]
BORIS = DATA["person/boris-kallen"]
CARL = DATA["person/carl-smithson"]
DMITRI = DATA["person/dmitri-olsen"]
VICTOR = DATA["person/victor-grell"]
WATCH = DATA["organisation/freedom-watch"]
NORTHTOWN = DATA["place/northtown"]
SOUTHPORT = DATA["place/b2/l1"]  # unresolved: article-local
PARDON = DATA["event/pardon-2024-03-victor-grell"]
ARREST = DATA["event/arrest-2021-05-02-anna-smithson"]
RELEASE = DATA["event/b2/e2"]  # not in resolution.event_of: article-local


@pytest.fixture(scope="module")
def g() -> Graph:
    return to_graph(*two_articles())


def one(g: Graph, s: Any, p: URIRef) -> Any:
    """The single object of (s, p); fails with the objects found otherwise."""
    values = list(g.objects(s, p))
    assert len(values) == 1, f"{s} {p}: {values}"
    return values[0]


def assertions_of(g: Graph, person: URIRef, cls: URIRef = KG.StatusAssertion) -> dict[Any, Any]:
    """assertion node -> status (or role) term, for one person."""
    what = KG.status if cls == KG.StatusAssertion else KG.role
    return {a: one(g, a, what) for a in g.subjects(KG.person, person) if (a, RDF.type, cls) in g}


def only_assertion(g: Graph, person: URIRef, status: URIRef) -> Any:
    found = [a for a, s in assertions_of(g, person).items() if s == status]
    assert len(found) == 1, found
    return found[0]


# --- articles and entities -------------------------------------------------------------


def test_article_nodes(g: Graph) -> None:
    assert (A1, RDF.type, KG.Article) in g
    assert one(g, A1, KG.sourceFile) == Literal("tests/fixtures/a1.txt")
    assert one(g, A1, KG.sha256) == Literal("a" * 64)
    assert one(g, A1, KG.title) == Literal("Grell pardons 30")
    assert one(g, A1, KG.published) == Literal("2024-03-10", datatype=XSD.date)
    assert one(g, A1, KG.outlet) == Literal("Example Wire")
    assert one(g, A1, KG.url) == Literal("https://example.org/news/a1", datatype=XSD.anyURI)
    assert one(g, A1, KG.datelinePlace) == Literal("NORTHTOWN, Freedonia")
    # b2 has no metadata beyond its file
    assert one(g, B2, KG.sourceFile) == Literal("tests/fixtures/b2.txt")
    for p in (KG.published, KG.url, KG.title, KG.outlet, KG.datelinePlace):
        assert g.value(B2, p) is None


def test_entities_are_merged_and_labelled(g: Graph) -> None:
    assert (ANNA, RDF.type, KG.Person) in g
    assert one(g, ANNA, RDFS.label) == Literal("Anna Smithson")
    assert one(g, ANNA, SKOS.prefLabel) == Literal("Anna Smithson")
    assert set(g.objects(ANNA, SKOS.altLabel)) == {Literal("Smithson"), Literal("A. Smithson")}
    assert set(g.objects(ANNA, KG.mentionedIn)) == {A1, B2}
    assert set(g.objects(BORIS, KG.mentionedIn)) == {A1}
    assert (WATCH, RDF.type, KG.Organisation) in g
    assert (NORTHTOWN, RDF.type, KG.Place) in g
    assert len(set(g.subjects(RDF.type, KG.Person))) == 5


def test_unresolved_entity_gets_an_article_local_node(g: Graph) -> None:
    assert (SOUTHPORT, RDF.type, KG.Place) in g
    assert one(g, SOUTHPORT, RDFS.label) == Literal("Southport")
    assert set(g.objects(SOUTHPORT, KG.mentionedIn)) == {B2}


# --- facts and their evidence ----------------------------------------------------------


def test_roles_direct_and_asserted(g: Graph) -> None:
    assert set(g.objects(ANNA, KG.hasRole)) == {KG.OppositionFigure, KG.PoliticalPrisoner}
    assert set(g.objects(VICTOR, KG.hasRole)) == {KG.President}
    assert set(g.objects(BORIS, KG.hasRole)) == {KG.Journalist}
    assert sorted(assertions_of(g, ANNA, KG.RoleAssertion).values()) == sorted(
        [KG.OppositionFigure, KG.PoliticalPrisoner]
    )
    assert len(set(g.subjects(RDF.type, KG.RoleAssertion))) == 7
    # a role claimed of an organisation is an extraction slip: skipped
    assert g.value(WATCH, KG.hasRole) is None


def test_relation_is_direct_and_reified(g: Graph) -> None:
    assert (CARL, KG.spouseOf, ANNA) in g
    (statement,) = g.subjects(RDF.type, RDF.Statement)
    assert one(g, statement, RDF.subject) == CARL
    assert one(g, statement, RDF.predicate) == KG.spouseOf
    assert one(g, statement, RDF.object) == ANNA
    evidence = one(g, statement, KG.evidence)
    assert one(g, evidence, KG.method) == Literal("possessive")


FACT_CLASSES = (KG.Event, KG.StatusAssertion, KG.RoleAssertion, KG.CountReport, RDF.Statement)


def test_every_fact_has_evidence_that_cuts_the_sentence_out_of_the_article(g: Graph) -> None:
    texts = {article_iri(x.article.id): x.article.text for x in two_articles()[0]}
    facts = {f for cls in FACT_CLASSES for f in g.subjects(RDF.type, cls)}
    assert len(facts) > 10
    for fact in facts:
        evidences = list(g.objects(fact, KG.evidence))
        assert evidences, f"{fact} has no evidence"
        for ev in evidences:
            article = one(g, ev, KG.article)
            assert (ev, PROV.wasDerivedFrom, article) in g
            start = one(g, ev, KG.startOffset).toPython()
            end = one(g, ev, KG.endOffset).toPython()
            assert texts[article][start:end] == str(one(g, ev, KG.sentence))
            assert (fact, KG.reportedIn, article) in g


def test_merged_event(g: Graph) -> None:
    assert {KG.Event, KG.Pardon} == set(g.objects(PARDON, RDF.type))
    assert set(g.objects(PARDON, KG.reportedIn)) == {A1, B2}
    evidences = set(g.objects(PARDON, KG.evidence))
    assert {one(g, e, KG.article) for e in evidences} == {A1, B2}
    # one count: the first report's; the conflicting one stays on its own evidence
    assert one(g, PARDON, KG.count) == Literal(30)
    assert one(g, PARDON, KG.count).datatype == XSD.integer
    (b2_evidence,) = [e for e in evidences if one(g, e, KG.article) == B2]
    assert one(g, b2_evidence, KG.count) == Literal(32)
    # one date: the first report's, as precise as it says
    assert one(g, PARDON, KG.date) == Literal("2024-03", datatype=XSD.gYearMonth)
    assert one(g, PARDON, KG.dateFrom) == Literal("2024-03-01", datatype=XSD.date)
    assert one(g, PARDON, KG.agent) == VICTOR
    assert one(g, PARDON, KG.involves) == BORIS
    assert "agree" in str(one(g, PARDON, KG.mergeReason))


def test_single_report_events(g: Graph) -> None:
    assert {KG.Event, KG.Arrest} == set(g.objects(ARREST, RDF.type))
    assert one(g, ARREST, KG.date) == Literal("2021-05-02", datatype=XSD.date)
    assert one(g, ARREST, KG.place) == NORTHTOWN
    assert one(g, ARREST, KG.involves) == ANNA
    assert g.value(ARREST, KG.count) is None
    # an event the resolver did not map falls back to an article-local id
    assert {KG.Event, KG.Release} == set(g.objects(RELEASE, RDF.type))
    assert one(g, RELEASE, KG.place) == SOUTHPORT
    assert set(g.objects(RELEASE, KG.reportedIn)) == {B2}


def test_status_assertions(g: Graph) -> None:
    assert len(set(g.subjects(RDF.type, KG.StatusAssertion))) == 7
    # "free" is asserted only from a cue (here a serving official's), never by default
    assert [s for s in g.objects(None, KG.status) if s == KG.Free] == [KG.Free]
    pardoned = only_assertion(g, BORIS, KG.Pardoned)
    # an undated claim stays undated (kg.extract leaves past states undated on
    # purpose), and points at the event it follows from
    assert g.value(pardoned, KG.date) is None and g.value(pardoned, KG.dateFrom) is None
    assert one(g, pardoned, KG.followsFrom) == PARDON
    assert one(g, only_assertion(g, ANNA, KG.Jailed), KG.followsFrom) == ARREST
    assert one(g, only_assertion(g, ANNA, KG.Released), KG.followsFrom) == RELEASE
    assert one(g, only_assertion(g, CARL, KG.Jailed), KG.date) == Literal("2022-01", datatype=XSD.gYearMonth)
    # the vocabulary's notation travels with the data, for queries over the data alone
    assert (KG.Jailed, SKOS.notation, Literal("jailed")) in g


def test_later_release_ends_an_earlier_jailing(g: Graph) -> None:
    jailed = only_assertion(g, ANNA, KG.Jailed)
    released = only_assertion(g, ANNA, KG.Released)
    assert one(g, ANNA, KG.currentStatus) == released
    assert one(g, jailed, KG.validUntil) == Literal("2024-06-15", datatype=XSD.date)
    assert one(g, jailed, KG.supersededBy) == released
    assert g.value(released, KG.validUntil) is None


def test_undated_ranks_before_dated(g: Graph) -> None:
    # b2's "later released" has no date at all; a1's 2023 jailing does, so it is the latest
    jailed = only_assertion(g, DMITRI, KG.Jailed)
    released = only_assertion(g, DMITRI, KG.Released)
    assert g.value(released, KG.date) is None
    assert one(g, DMITRI, KG.currentStatus) == jailed
    assert one(g, released, KG.supersededBy) == jailed


def test_every_person_with_a_status_has_one_current_status(g: Graph) -> None:
    current = {p: list(g.objects(p, KG.currentStatus)) for p in (ANNA, BORIS, CARL, DMITRI)}
    assert all(len(v) == 1 for v in current.values()), current
    assert one(g, CARL, KG.currentStatus) == only_assertion(g, CARL, KG.Jailed)
    assert one(g, VICTOR, KG.currentStatus) == only_assertion(g, VICTOR, KG.Free)


def _one_person_article(article_id: str, published: str | None, *claims: tuple[str, str | None]) -> Extraction:
    """An article about one person "p1" with status claims (status, date) in order."""
    sentences = [f"Sentence {i} about Jo Bloggs." for i in range(len(claims))]
    text = " ".join(sentences)
    evidence = [Evidence(s, text.index(s), text.index(s) + len(s), "test") for s in sentences]
    return Extraction(
        Article(article_id, text, f"{article_id}.txt", "0" * 64, published=published),
        entities=(Entity("p1", "person", "Jo Bloggs", (), evidence[0]),),
        roles=(RoleClaim("p1", "wizard", evidence[0]),),  # not a role: skipped
        statuses=tuple(StatusClaim("p1", s, evidence[i], date=d) for i, (s, d) in enumerate(claims)),
    )


def _current(g: Graph, person: URIRef) -> Any:
    return one(g, one(g, person, KG.currentStatus), KG.status)


def test_within_one_article_the_last_claim_wins() -> None:
    resolution = Resolution(entity_of={("x", "p1"): "person/jo-bloggs"})
    jo = DATA["person/jo-bloggs"]
    g = to_graph([_one_person_article("x", None, ("jailed", None), ("released", None))], resolution)
    assert _current(g, jo) == KG.Released
    g = to_graph([_one_person_article("x", None, ("released", None), ("jailed", None))], resolution)
    assert _current(g, jo) == KG.Jailed
    assert g.value(jo, KG.hasRole) is None


def test_same_date_ties_are_broken_by_article_id() -> None:
    resolution = Resolution(entity_of={("a", "p1"): "person/jo", ("b", "p1"): "person/jo"})
    g = to_graph(
        [
            _one_person_article("b", "2024-06-01", ("exiled", "2024-05-01")),
            _one_person_article("a", None, ("jailed", "2024-05-01")),
        ],
        resolution,
    )
    assert _current(g, DATA["person/jo"]) == KG.Exiled
    assert one(g, DATA["person/jo"], RDFS.label) == Literal("Jo Bloggs")  # unresolved record: the article's name


def test_an_undated_claim_is_not_dated_by_the_article() -> None:
    # "Jo, who was jailed" in a 2024 article says nothing about 2024: a dated 2023
    # release elsewhere stays the latest word.
    resolution = Resolution(entity_of={("a", "p1"): "person/jo", ("b", "p1"): "person/jo"})
    g = to_graph(
        [
            _one_person_article("a", "2024-06-01", ("jailed", None)),
            _one_person_article("b", None, ("released", "2023-02")),
        ],
        resolution,
    )
    assert _current(g, DATA["person/jo"]) == KG.Released


def test_death_in_custody_is_final() -> None:
    resolution = Resolution(entity_of={("a", "p1"): "person/jo", ("b", "p1"): "person/jo"})
    g = to_graph(
        [
            _one_person_article("a", None, ("jailed", "2021"), ("died_in_custody", "2024-02-16")),
            _one_person_article("b", None, ("jailed", "2024-03-01")),  # a later passing mention
        ],
        resolution,
    )
    assert _current(g, DATA["person/jo"]) == KG.DiedInCustody


def test_counts(g: Graph) -> None:
    reports = {one(g, r, KG.count).toPython(): r for r in g.subjects(RDF.type, KG.CountReport)}
    assert set(reports) == {1200, 1150}
    a1, b2 = reports[1200], reports[1150]
    assert one(g, a1, KG.countKind) == Literal("political prisoners")
    assert one(g, a1, KG.countQualifier) == Literal("about")
    assert one(g, a1, KG.reportedBy) == WATCH
    assert one(g, a1, KG.date) == Literal("2024-03-10", datatype=XSD.date)  # the article's date
    assert one(g, a1, KG.reportedIn) == A1
    assert one(g, b2, KG.date) == Literal("2024-06", datatype=XSD.gYearMonth)
    assert one(g, b2, KG.dateFrom) == Literal("2024-06-01", datatype=XSD.date)
    assert one(g, b2, KG.countQualifier) == Literal("more than")


# --- determinism, vocabulary, shapes ---------------------------------------------------


def test_deterministic_identical_iris(g: Graph) -> None:
    again = to_graph(*two_articles())
    assert set(again) == set(g)
    extractions, resolution = two_articles()
    reversed_input = to_graph(list(reversed(extractions)), resolution)
    if set(reversed_input) != set(g):
        _, only_first, only_second = graph_diff(to_isomorphic(g), to_isomorphic(reversed_input))
        pytest.fail(
            "input order changed the graph:\n"
            + only_first.serialize(format="nt")
            + "\nvs\n"
            + only_second.serialize(format="nt")
        )
    assert isomorphic(g, again)


def test_no_blank_nodes(g: Graph) -> None:
    assert not [t for t in g if any(isinstance(x, BNode) for x in t)]


def test_only_kg_data_and_standard_vocabularies(g: Graph) -> None:
    allowed = (str(KG._NS), str(DATA), str(RDF), str(RDFS), str(SKOS), str(PROV))
    for triple in g:
        for term in triple:
            if isinstance(term, URIRef):
                assert str(term).startswith(allowed), term


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2024", (Literal("2024", datatype=XSD.gYear), "2024-01-01")),
        ("2024-07", (Literal("2024-07", datatype=XSD.gYearMonth), "2024-07-01")),
        ("2024-07-15", (Literal("2024-07-15", datatype=XSD.date), "2024-07-15")),
        ("2024-13", None),
        ("2024-02-30", None),
        ("July 2024", None),
        ("", None),
        (None, None),
    ],
)
def test_partial_date(value: str | None, expected: tuple[Literal, str] | None) -> None:
    got = partial_date(value)
    if expected is None:
        assert got is None
    else:
        assert got is not None
        assert got[0] == expected[0] and got[0].datatype == expected[0].datatype
        assert got[1] == Literal(expected[1], datatype=XSD.date)


def _validate(data: Graph) -> tuple[bool, str]:
    shapes = Graph().parse(ROOT / "ontology" / "shapes.ttl", format="turtle")
    ontology = Graph().parse(ROOT / "ontology" / "kg.ttl", format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none")
    return bool(conforms), str(text)


def test_shacl_conforms(g: Graph) -> None:
    conforms, text = _validate(g)
    assert conforms, text


def test_shacl_catches_violations(g: Graph) -> None:
    broken = Graph()
    for t in g:
        broken.add(t)
    broken.add((PARDON, KG.count, Literal(31)))  # a second count
    broken.remove((ANNA, RDFS.label, None))  # no label
    broken.add((ARREST, RDF.type, KG.Release))  # two event types
    conforms, text = _validate(broken)
    assert not conforms
    assert "count" in text and "label" in text and "type" in text


def test_an_event_without_a_place_gets_the_place_its_sentence_names() -> None:
    import dataclasses

    extractions, resolution = two_articles()
    a1 = extractions[0]
    events = tuple(dataclasses.replace(e, place=None) if e.key == "e2" else e for e in a1.events)
    extractions[0] = dataclasses.replace(a1, events=events)
    g = to_graph(extractions, resolution)
    # "... has been jailed since her arrest in Northtown": the sentence names the place.
    assert one(g, ARREST, KG.place) == NORTHTOWN
    # The pardon's sentence names no place: none is made up.
    assert list(g.objects(PARDON, KG.place)) == []
