"""The kg vocabulary as a closed rdflib namespace.

``ontology/kg.ttl`` is the single source of truth; this module mirrors it so that a
misspelt term raises instead of minting a wrong IRI (``_fail = True``).
``tests/test_ontology.py`` checks that the two agree both ways, and that every kg
IRI used in ``ontology/shapes.ttl`` and ``queries/*.rq`` is declared.
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-news/ontology"
#: Base for minted instance IRIs (people, events, evidence, articles).
DATA = Namespace("https://w3id.org/kg-news/id/")


class KG(DefinedNamespace):
    _NS = Namespace(ONTOLOGY_IRI + "#")
    _fail = True

    # --- classes: things in the news
    Person: URIRef
    Organisation: URIRef
    Place: URIRef
    Article: URIRef
    # events
    Event: URIRef
    Pardon: URIRef
    Release: URIRef
    Arrest: URIRef
    Sentencing: URIRef
    DeathInCustody: URIRef
    Election: URIRef
    Protest: URIRef
    Exile: URIRef
    PrisonerExchange: URIRef
    # claims with provenance
    Evidence: URIRef
    StatusAssertion: URIRef
    RoleAssertion: URIRef
    CountReport: URIRef
    # controlled vocabularies (skos:Concept subclasses)
    Status: URIRef
    Role: URIRef

    # --- status individuals (skos:notation is the gold's word)
    Jailed: URIRef
    Released: URIRef
    Pardoned: URIRef
    Exiled: URIRef
    DiedInCustody: URIRef
    Free: URIRef

    # --- role individuals
    President: URIRef
    OppositionFigure: URIRef
    PoliticalPrisoner: URIRef
    HumanRightsDefender: URIRef
    Journalist: URIRef
    VicePresident: URIRef
    Official: URIRef
    MilitaryLeader: URIRef
    Lawyer: URIRef
    Cleric: URIRef
    Artist: URIRef

    # --- properties: entities
    hasRole: URIRef
    mentionedIn: URIRef
    currentStatus: URIRef  # materialised at build time: the latest StatusAssertion
    # relations between entities
    founderOf: URIRef
    leaderOf: URIRef
    memberOf: URIRef
    spouseOf: URIRef
    allyOf: URIRef

    # --- properties: events
    agent: URIRef
    involves: URIRef
    count: URIRef
    countQualifier: URIRef
    date: URIRef  # partial date literal: xsd:date, xsd:gYearMonth or xsd:gYear
    dateFrom: URIRef  # xsd:date, first day of ``date``, for ordering
    place: URIRef
    reportedIn: URIRef  # event/claim -> Article (several when merged across reports)
    mergeReason: URIRef

    # --- properties: claims
    person: URIRef
    status: URIRef
    role: URIRef
    validUntil: URIRef  # xsd:date the status was superseded by a later one
    supersededBy: URIRef
    followsFrom: URIRef  # StatusAssertion -> Event
    countKind: URIRef
    reportedBy: URIRef

    # --- properties: provenance
    evidence: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    method: URIRef
    article: URIRef

    # --- properties: articles
    title: URIRef
    published: URIRef
    outlet: URIRef
    url: URIRef
    sourceFile: URIRef
    datelinePlace: URIRef
    sha256: URIRef


#: Gold spelling -> term, for the controlled vocabularies and event classes.
STATUS_TERMS = {
    "jailed": KG.Jailed,
    "released": KG.Released,
    "pardoned": KG.Pardoned,
    "exiled": KG.Exiled,
    "died_in_custody": KG.DiedInCustody,
    "free": KG.Free,
}
ROLE_TERMS = {
    "president": KG.President,
    "opposition figure": KG.OppositionFigure,
    "political prisoner": KG.PoliticalPrisoner,
    "human rights defender": KG.HumanRightsDefender,
    "journalist": KG.Journalist,
    "vice president": KG.VicePresident,
    "official": KG.Official,
    "military leader": KG.MilitaryLeader,
    "lawyer": KG.Lawyer,
    "cleric": KG.Cleric,
    "artist": KG.Artist,
}
EVENT_CLASSES = {
    "pardon": KG.Pardon,
    "release": KG.Release,
    "arrest": KG.Arrest,
    "sentencing": KG.Sentencing,
    "death_in_custody": KG.DeathInCustody,
    "election": KG.Election,
    "protest": KG.Protest,
    "exile": KG.Exile,
    "prisoner_exchange": KG.PrisonerExchange,
}
ENTITY_CLASSES = {"person": KG.Person, "organisation": KG.Organisation, "place": KG.Place}
RELATION_TERMS = {
    "founder_of": KG.founderOf,
    "leader_of": KG.leaderOf,
    "member_of": KG.memberOf,
    "spouse_of": KG.spouseOf,
    "ally_of": KG.allyOf,
}
