"""Records -> triples: ``(extractions, resolution) -> rdflib.Graph`` under the kg ontology.

Pure rdflib (no spaCy).  Every IRI is minted from the input alone (article ids,
resolved ids, entity keys and short content hashes), so building the same input
twice gives the same triples, IRIs included: exports and goldens stay stable.
There are no blank nodes.

Every fact (event, status/role assertion, count report, reified relation) points
with ``kg:evidence`` to an ``kg:Evidence`` node holding the sentence, its offsets,
the extraction rule and the article.  Each person's latest status is materialised
as ``kg:currentStatus`` so that queries need no "latest" subquery:

* a status assertion is dated by its claim's own date only (``kg.extract`` already
  dates present-tense states by the article; a past state it leaves undated must
  not become "latest" by the article's date);
* a person's assertions are ordered undated first, then by ``kg:dateFrom``, then by
  article id and position in the article (the last claim is the article's final
  word); a death in custody ranks after everything else (it is final);
* the last one is ``kg:currentStatus``; each earlier one gets ``kg:supersededBy`` its
  successor and, when the successor is dated, ``kg:validUntil`` that date.

A count report without a date of its own is dated by its article (a figure is
reported as of writing); an event only by its own date.
"""
from __future__ import annotations

import datetime
import functools
import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from urllib.parse import quote

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV as _PROV
from rdflib.namespace import RDF as _RDF
from rdflib.namespace import RDFS as _RDFS
from rdflib.namespace import SKOS as _SKOS
from rdflib.namespace import XSD as _XSD
from rdflib.plugins.serializers.nt import _quoteLiteral

from kg.namespace import KG as _KG
from kg.namespace import (
    DATA,
    ENTITY_CLASSES,
    EVENT_CLASSES,
    RELATION_TERMS,
    ROLE_TERMS,
    STATUS_TERMS,
)
from kg.records import Article, Entity, Event, Evidence, Extraction, Resolution

__all__ = ["GraphData", "to_graph", "to_ntriples", "article_iri", "entity_iri", "event_iri", "partial_date"]



class _Terms:
    """A namespace whose terms are looked up once: rdflib's closed namespaces build a new
    term on every attribute access, which at a million triples is seconds."""

    def __init__(self, namespace: object) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        term = getattr(self._namespace, name)  # a misspelt term still raises
        setattr(self, name, term)
        return term


KG, PROV, RDF, RDFS, SKOS, XSD = (_Terms(ns) for ns in (_KG, _PROV, _RDF, _RDFS, _SKOS, _XSD))

_PARTIAL_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


# --- IRIs ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)
def _quote(text: str) -> str:
    return quote(text)


@functools.lru_cache(maxsize=1 << 16)
def _integer(value: int) -> Literal:
    return Literal(int(value))


@functools.lru_cache(maxsize=1 << 12)
def _string(value: str) -> Literal:
    return Literal(value)


@functools.lru_cache(maxsize=1 << 16)
def article_iri(article_id: str) -> URIRef:
    return DATA["article/" + quote(article_id)]


def entity_iri(kind: str, entity_id: str) -> URIRef:
    """IRI of a resolved entity: ``kind`` and ``ResolvedEntity.id`` (a slug, so quoting is a no-op)."""
    return DATA[f"{kind}/{quote(entity_id)}"]


def event_iri(event_id: str) -> URIRef:
    """IRI of a resolved event (``ResolvedEvent.id``, or ``"{article id}/{Event.key}"`` when unresolved)."""
    return DATA["event/" + quote(event_id)]


def _digest(*parts: object) -> str:
    # A unit separator keeps ("ab", "c") and ("a", "bc") apart; 16 hex digits are
    # plenty within one article, which is the scope every hashed IRI also carries.
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


# --- dates -----------------------------------------------------------------------------


@functools.lru_cache(maxsize=1 << 16)  # a few thousand distinct dates, written over and over
def partial_date(value: str | None) -> tuple[Literal, Literal] | None:
    """``"2024"``/``"2024-07"``/``"2024-07-15"`` -> (typed ``kg:date`` literal, ``kg:dateFrom`` xsd:date).

    Returns ``None`` for a missing or malformed date (rather than writing an
    ill-typed literal that Oxigraph and SHACL would reject).
    """
    if not value:
        return None
    m = _PARTIAL_DATE.match(value.strip())
    if m is None:
        return None
    year, month, day = m.group(1), m.group(2), m.group(3)
    try:
        first = datetime.date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None
    if day is not None:
        typed = Literal(first.isoformat(), datatype=XSD.date)
    elif month is not None:
        typed = Literal(f"{year}-{month}", datatype=XSD.gYearMonth)
    else:
        typed = Literal(year, datatype=XSD.gYear)
    return typed, Literal(first.isoformat(), datatype=XSD.date)


# --- the builder -----------------------------------------------------------------------


@dataclass
class _EntityNode:
    kind: str
    name: str
    labels: set[str] = field(default_factory=set)
    articles: set[str] = field(default_factory=set)


@dataclass(frozen=True)
class _StatusEntry:
    iri: URIRef
    status: str
    date_from: str | None  # ISO date of kg:dateFrom, None when undated
    article_id: str
    index: int  # position of the claim in its article

    def order(self) -> tuple[bool, bool, str, str, int]:
        # A death in custody is final, whatever later articles say in passing.
        # Undated assertions rank before all dated ones: a dated claim is the
        # stronger evidence of "latest".  Within one article the last claim is the
        # article's final word (kg.extract orders each person's claims so).
        return (
            self.status == "died_in_custody",
            self.date_from is not None,
            self.date_from or "",
            self.article_id,
            self.index,
        )


@dataclass(frozen=True)
class _EventMention:
    article_id: str
    index: int
    event: Event


class _Builder:
    def __init__(self, extractions: Sequence[Extraction], resolution: Resolution) -> None:
        # A plain set, not an rdflib Graph: the build only adds, and a Graph's three
        # indexes cost most of the time at a million triples (bench/throughput.py).
        self.triples: set[tuple[URIRef, URIRef, URIRef | Literal]] = set()
        # Sorted so that "first" below never depends on the order files were given in.
        self.extractions = sorted(extractions, key=lambda x: x.article.id)
        self.resolution = resolution
        # (article id, Entity.key) -> (node IRI, kind)
        self.entity_nodes: dict[tuple[str, str], tuple[URIRef, str]] = {}
        # (article id, Event.key) -> event node IRI (only for events that were written)
        self.event_nodes: dict[tuple[str, str], URIRef] = {}
        self.statuses: dict[URIRef, list[_StatusEntry]] = defaultdict(list)
        # article id -> (pattern of a place name, Entity.key), made on first use
        self._place_names: dict[str, list[tuple[re.Pattern[str], str]]] | None = None
        # With ``units`` set, every triple is also recorded under the unit that made it
        # (kg.incremental rewrites one unit at a time): "a" + article id (the article and
        # its claims), "e" + entity IRI, "v" + event id, "s" + person IRI (status chain).
        self.units: dict[str, set[tuple[URIRef, URIRef, URIRef | Literal]]] | None = None
        self._unit: set[tuple[URIRef, URIRef, URIRef | Literal]] = set()
        self._evidence: dict[tuple[int, str, Evidence], URIRef] = {}

    # -- public entry

    def build(self) -> set[tuple[URIRef, URIRef, URIRef | Literal]]:
        for x in self.extractions:
            self.unit("a" + x.article.id)
            self.article(x.article)
        self.entities()
        self.events()
        for x in self.extractions:
            self.unit("a" + x.article.id)
            self.roles(x)
            self.relations(x)
            self.status_claims(x)
            self.counts(x)
        self.current_statuses()
        return self.triples

    # -- helpers

    def unit(self, name: str) -> None:
        """Record the triples added from now on under ``name`` (when recording units)."""
        if self.units is not None:
            self._unit = self.units.setdefault(name, set())

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.triples.add((s, p, o))
        if self.units is not None:
            self._unit.add((s, p, o))

    def evidence(self, article_id: str, ev: Evidence) -> URIRef:
        # Content-addressed: the same sentence span read by the same rule is one node,
        # written once per unit (many facts of an article share a sentence).
        done = (id(self._unit), article_id, ev)
        node = self._evidence.get(done)
        if node is not None:
            return node
        node = DATA[f"evidence/{_quote(article_id)}/{_digest(ev.sentence, ev.start, ev.end, ev.method)}"]
        art = article_iri(article_id)
        self.add(node, RDF.type, KG.Evidence)
        self.add(node, KG.sentence, Literal(ev.sentence))
        self.add(node, KG.startOffset, _integer(ev.start))
        self.add(node, KG.endOffset, _integer(ev.end))
        self.add(node, KG.method, _string(ev.method))
        self.add(node, KG.article, art)
        self.add(node, PROV.wasDerivedFrom, art)
        self._evidence[done] = node
        return node

    def provenance(self, fact: URIRef, article_id: str, ev: Evidence) -> URIRef:
        node = self.evidence(article_id, ev)
        self.add(fact, KG.evidence, node)
        self.add(fact, KG.reportedIn, article_iri(article_id))
        return node

    def dated(self, fact: URIRef, *candidates: str | None) -> str | None:
        """Write kg:date/kg:dateFrom from the first valid candidate; return the ISO dateFrom."""
        for value in candidates:
            parsed = partial_date(value)
            if parsed is not None:
                typed, first = parsed
                self.add(fact, KG.date, typed)
                self.add(fact, KG.dateFrom, first)
                return str(first)
        return None

    def node(self, article_id: str, key: str | None, *kinds: str) -> URIRef | None:
        """The node of an entity key, or None when the key is unknown or of another kind."""
        if key is None:
            return None
        found = self.entity_nodes.get((article_id, key))
        if found is None or (kinds and found[1] not in kinds):
            return None
        return found[0]

    def place_named_in(self, article_id: str, sentence: str) -> str | None:
        """The key of the article's place that ``sentence`` names first, if any.

        An event's own sentence naming a place ("... was arrested in Northtown") is
        where the text puts it, when the extraction gave the event no place.
        """
        if self._place_names is None:
            self._place_names = {}
            for x in self.extractions:
                forms = [(form, e.key) for e in x.entities if e.kind == "place"
                         for form in (e.name, *e.aliases) if len(form) >= 3]
                self._place_names[x.article.id] = [
                    (re.compile(r"(?<!\w)" + re.escape(form) + r"(?!\w)"), key) for form, key in forms]
        found = [(m.start(), key) for pattern, key in self._place_names.get(article_id, [])
                 if (m := pattern.search(sentence)) is not None]
        return min(found)[1] if found else None

    def vocabulary(self, term: URIRef, cls: URIRef, notation: str) -> None:
        # The notation is repeated in the data (identical to the ontology's) so that
        # queries can print "jailed" from a store that holds the data graph only.
        self.add(term, RDF.type, cls)
        self.add(term, SKOS.notation, Literal(notation))

    # -- articles and entities

    def article(self, a: Article) -> None:
        node = article_iri(a.id)
        self.add(node, RDF.type, KG.Article)
        self.add(node, KG.sourceFile, Literal(a.source))
        self.add(node, KG.sha256, Literal(a.sha256))
        if a.title:
            self.add(node, KG.title, Literal(a.title))
        published = partial_date(a.published)
        if published is not None:
            self.add(node, KG.published, published[0])
        if a.outlet:
            self.add(node, KG.outlet, Literal(a.outlet))
        if a.url:
            # A literal, not an IRI: scraped URLs are not always valid IRIs.
            self.add(node, KG.url, Literal(a.url, datatype=XSD.anyURI))
        if a.dateline_place:
            self.add(node, KG.datelinePlace, Literal(a.dateline_place))

    def entities(self) -> None:
        nodes: dict[URIRef, _EntityNode] = {}
        for x in self.extractions:
            aid = x.article.id
            for e in x.entities:
                iri, info = self.resolve_entity(aid, e)
                current = nodes.setdefault(iri, info)
                current.labels.add(e.name)
                current.labels.update(e.aliases)
                current.articles.add(aid)
                self.entity_nodes[(aid, e.key)] = (iri, current.kind)
        for iri, info in nodes.items():
            self.entity(iri, info)

    def entity(self, iri: URIRef, info: _EntityNode) -> None:
        self.unit(f"e{iri}")
        self.add(iri, RDF.type, ENTITY_CLASSES[info.kind])
        # Exactly one rdfs:label (SHACL): the resolved name, or the first article's.
        self.add(iri, RDFS.label, Literal(info.name))
        self.add(iri, SKOS.prefLabel, Literal(info.name))
        for label in info.labels - {info.name}:
            if label:
                self.add(iri, SKOS.altLabel, Literal(label))
        for aid in info.articles:
            self.add(iri, KG.mentionedIn, article_iri(aid))

    def resolve_entity(self, article_id: str, e: Entity) -> tuple[URIRef, _EntityNode]:
        key = self.resolution.entity_of.get((article_id, e.key))
        resolved = self.resolution.entities.get(key) if key is not None else None
        if resolved is not None:
            info = _EntityNode(resolved.kind, resolved.name, set(resolved.labels))
            return entity_iri(resolved.kind, resolved.id), info
        if key is not None:
            # Mapped but the resolved record is missing: keep the mapping's IRI so
            # the other mentions still meet on one node.
            kind = key.partition("/")[0] if key.partition("/")[0] in ENTITY_CLASSES else e.kind
            return DATA[quote(key)], _EntityNode(kind, e.name)
        # Unresolved: an article-local node, never merged with anything.
        return DATA[f"{e.kind}/{quote(article_id)}/{quote(e.key)}"], _EntityNode(e.kind, e.name)

    # -- facts

    def roles(self, x: Extraction) -> None:
        aid = x.article.id
        for claim in x.roles:
            person = self.node(aid, claim.entity, "person")
            term = ROLE_TERMS.get(claim.role)
            # Roles are roles of people; a role on an organisation is an extraction
            # slip and would break kg:person's range.
            if person is None or term is None:
                continue
            self.vocabulary(term, KG.Role, claim.role)
            self.add(person, KG.hasRole, term)
            ev = claim.evidence
            node = DATA[f"role/{_quote(aid)}/{_digest(person, claim.role, ev.sentence, ev.start, ev.end, ev.method)}"]
            self.add(node, RDF.type, KG.RoleAssertion)
            self.add(node, KG.person, person)
            self.add(node, KG.role, term)
            self.provenance(node, aid, ev)

    def relations(self, x: Extraction) -> None:
        aid = x.article.id
        for rel in x.relations:
            s = self.node(aid, rel.subject)
            o = self.node(aid, rel.object)
            p = RELATION_TERMS.get(rel.predicate)
            if s is None or o is None or p is None:
                continue
            self.add(s, p, o)
            ev = rel.evidence
            node = DATA[f"relation/{_quote(aid)}/{_digest(s, p, o, ev.sentence, ev.start, ev.end, ev.method)}"]
            self.add(node, RDF.type, RDF.Statement)
            self.add(node, RDF.subject, s)
            self.add(node, RDF.predicate, p)
            self.add(node, RDF.object, o)
            self.provenance(node, aid, ev)

    def events(self) -> None:
        groups: dict[str, list[_EventMention]] = defaultdict(list)
        for x in self.extractions:
            aid = x.article.id
            for i, ev in enumerate(x.events):
                rid = self.resolution.event_of.get((aid, ev.key), f"{aid}/{ev.key}")
                groups[rid].append(_EventMention(aid, i, ev))
        for rid, mentions in groups.items():
            mentions.sort(key=lambda m: (m.article_id, m.index))
            self.event(rid, mentions)

    def event(self, rid: str, mentions: list[_EventMention]) -> None:
        # One type per event (SHACL): the first mention's known type.  Mentions of
        # another type were merged by the resolver and still contribute evidence.
        cls = next((EVENT_CLASSES[m.event.type] for m in mentions if m.event.type in EVENT_CLASSES), None)
        if cls is None:
            return
        self.unit("v" + rid)
        node = event_iri(rid)
        self.add(node, RDF.type, KG.Event)
        self.add(node, RDF.type, cls)
        kept_count: int | None = None
        dated = False
        for m in mentions:
            aid, ev = m.article_id, m.event
            self.event_nodes[(aid, ev.key)] = node
            evidence = self.provenance(node, aid, ev.evidence)
            agent = self.node(aid, ev.agent, "person", "organisation")
            if agent is not None:
                self.add(node, KG.agent, agent)
            for key in ev.persons:
                person = self.node(aid, key, "person")
                if person is not None:
                    self.add(node, KG.involves, person)
            place = self.node(aid, ev.place or self.place_named_in(aid, ev.evidence.sentence), "place")
            if place is not None:
                self.add(node, KG.place, place)
            if ev.count is not None and ev.count >= 0:
                if kept_count is None:
                    kept_count = ev.count
                    self.add(node, KG.count, _integer(ev.count))
                    if ev.count_qualifier:
                        self.add(node, KG.countQualifier, Literal(ev.count_qualifier))
                elif ev.count != kept_count:
                    # At most one count per event: a conflicting report's figure is
                    # kept only on that report's evidence.
                    self.add(evidence, KG.count, _integer(ev.count))
            if not dated:
                dated = self.dated(node, ev.date) is not None
        resolved = self.resolution.events.get(rid)
        for why in resolved.why if resolved is not None else ():
            self.add(node, KG.mergeReason, Literal(why))

    def status_claims(self, x: Extraction) -> None:
        a = x.article
        for i, claim in enumerate(x.statuses):
            term = STATUS_TERMS.get(claim.status)
            person = self.node(a.id, claim.person, "person")
            # "free" is asserted only from a cue (kg.extract: a serving official, "at large").
            if term is None or person is None:
                continue
            self.vocabulary(term, KG.Status, claim.status)
            ev = claim.evidence
            node = DATA[
                f"status/{_quote(a.id)}/"
                + _digest(person, claim.status, claim.date, claim.event, ev.sentence, ev.start, ev.end, ev.method)
            ]
            self.add(node, RDF.type, KG.StatusAssertion)
            self.add(node, KG.person, person)
            self.add(node, KG.status, term)
            # Only the claim's own date.  kg.extract already dates a state told in the
            # present by the article's date and leaves a past state ("was jailed")
            # undated on purpose: dating that by publication would make it "latest".
            date = claim.date
            if date is None and claim.event is not None:
                # an undated report of an act another article dates: the act's date
                merged = self.resolution.events.get(self.resolution.event_of.get((a.id, claim.event), ""))
                date = merged.date if merged is not None and len(merged.mentions) > 1 else None
            date_from = self.dated(node, date)
            if claim.event is not None:
                event = self.event_nodes.get((a.id, claim.event))
                if event is not None:
                    self.add(node, KG.followsFrom, event)
            self.provenance(node, a.id, ev)
            self.statuses[person].append(_StatusEntry(node, claim.status, date_from, a.id, i))

    def counts(self, x: Extraction) -> None:
        a = x.article
        for claim in x.counts:
            if claim.count < 0:
                continue
            reporter = self.node(a.id, claim.reporter, "person", "organisation")
            ev = claim.evidence
            node = DATA[
                f"count/{_quote(a.id)}/"
                + _digest(claim.count, claim.kind, claim.qualifier, reporter, claim.date, ev.sentence, ev.start, ev.end)
            ]
            self.add(node, RDF.type, KG.CountReport)
            self.add(node, KG.count, _integer(claim.count))
            self.add(node, KG.countKind, Literal(claim.kind))
            if claim.qualifier:
                self.add(node, KG.countQualifier, Literal(claim.qualifier))
            if reporter is not None:
                self.add(node, KG.reportedBy, reporter)
            self.dated(node, claim.date, a.published)
            self.provenance(node, a.id, ev)

    def current_statuses(self) -> None:
        for person, entries in self.statuses.items():
            self.status_chain(person, entries)

    def status_chain(self, person: URIRef, entries: Sequence[_StatusEntry]) -> None:
        self.unit(f"s{person}")
        # Identical claims share an IRI; keep each once, at its latest position.
        latest: dict[URIRef, _StatusEntry] = {}
        for entry in sorted(entries, key=_StatusEntry.order):
            latest.pop(entry.iri, None)
            latest[entry.iri] = entry
        chain = sorted(latest.values(), key=_StatusEntry.order)
        self.add(person, KG.currentStatus, chain[-1].iri)
        for earlier, later in zip(chain, chain[1:]):
            self.add(earlier.iri, KG.supersededBy, later.iri)
            # An undated successor says nothing about when the earlier status ended.
            if later.date_from is not None:
                self.add(earlier.iri, KG.validUntil, Literal(later.date_from, datatype=XSD.date))


def to_graph(extractions: Sequence[Extraction], resolution: Resolution) -> Graph:
    """Build the knowledge graph of ``extractions`` merged by ``resolution``.

    Deterministic: the same input gives the same triples (IRIs included), whatever
    the order of ``extractions``.  Facts whose entity keys are unknown to their
    article, or whose vocabulary word is not in ``kg.records``, are skipped.
    """
    graph = Graph()
    graph.bind("kg", _KG._NS)
    graph.bind("kgd", DATA)
    graph.bind("skos", _SKOS)
    graph.bind("prov", _PROV)
    for triple in _Builder(extractions, resolution).build():
        graph.add(triple)
    return graph


@dataclass(frozen=True)
class GraphData:
    """The graph of a build as N-Triples, ready for Oxigraph's bulk loader."""

    ntriples: bytes
    triples: int
    persons: int
    events: int


def to_ntriples(extractions: Sequence[Extraction], resolution: Resolution) -> GraphData:
    """The triples :func:`to_graph` makes, written straight to N-Triples (no rdflib Graph).

    The same terms as ``to_graph(...).serialize(format="nt")`` in another order; the
    store parses them to the same graph.
    """
    triples = _Builder(extractions, resolution).build()
    line = NTriplesWriter().line
    lines = [line(t) for t in triples]
    data = "".join(lines).encode("utf-8")
    return GraphData(data, len(triples), count_typed(lines, _KG.Person), count_typed(lines, _KG.Event))


def count_typed(lines: Iterable[str], cls: URIRef) -> int:
    """How many of the N-Triples ``lines`` say that something is a ``cls``."""
    suffix = f" <{_RDF.type}> <{cls}> .\n"
    return sum(1 for line in lines if line.endswith(suffix))


class NTriplesWriter:
    """Triples as N-Triples lines.  Each IRI is written once and reused (most recur
    thousands of times); a literal is written as rdflib's N-Triples serialiser writes it."""

    def __init__(self) -> None:
        self.iris: dict[str, str] = {}

    def term(self, t: URIRef | Literal) -> str:
        if type(t) is Literal:  # not isinstance: rdflib's terms are slow to test that way
            return _quoteLiteral(t)
        text = self.iris.get(t)
        if text is None:
            text = self.iris[t] = t.n3()
        return text

    def line(self, t: tuple[URIRef, URIRef, URIRef | Literal]) -> str:
        term = self.term
        return f"{term(t[0])} {term(t[1])} {term(t[2])} .\n"
