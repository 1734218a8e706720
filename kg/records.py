"""Typed, frozen records that sit between spaCy and rdflib.

``Doc -> records`` needs only spaCy (``kg.extract``); ``records -> triples`` needs
only rdflib (``kg.rdf``).  Records are plain data: they serialise to JSON (the
extraction cache in the store) and back without loss.

Offsets (``start``/``end``) are character offsets into ``Article.text``, the body
as read (front matter removed, nothing else normalised), so a user can always cut
the exact sentence out of the original file.
"""
from __future__ import annotations

import dataclasses
import functools
import typing
from dataclasses import dataclass, field
from typing import Any, Literal

EntityKind = Literal["person", "organisation", "place"]

#: Event types, in the gold's spelling (ontology classes map 1:1, see kg.namespace).
EVENT_TYPES = (
    "pardon",
    "release",
    "arrest",
    "sentencing",
    "death_in_custody",
    "election",
    "protest",
    "exile",
    "prisoner_exchange",
)
#: Statuses a person can hold over time.  ``free`` is kept for people with no
#: detention cue but is not written as a status assertion.
STATUSES = ("jailed", "released", "pardoned", "exiled", "died_in_custody", "free")
#: Roles: the core ones first.
ROLES = (
    "president",
    "opposition figure",
    "political prisoner",
    "human rights defender",
    "journalist",
    "vice president",
    "official",
    "military leader",
    "lawyer",
    "cleric",
    "artist",
)
#: Relations between entities.
RELATIONS = ("founder_of", "leader_of", "member_of", "spouse_of", "ally_of")


@dataclass(frozen=True)
class Article:
    """One input article.  ``id`` is the file stem (or the JSONL ``id``)."""

    id: str
    text: str
    source: str  # path of the file it came from (with ``#line`` for JSONL)
    sha256: str  # of the raw record, for the "do not re-extract" cache
    title: str | None = None
    published: str | None = None  # YYYY-MM-DD, or YYYY-MM / YYYY when the source gives no more
    outlet: str | None = None
    url: str | None = None
    dateline_place: str | None = None


@dataclass(frozen=True)
class Evidence:
    """Where a fact comes from: the sentence, its offsets in ``Article.text`` and the rule."""

    sentence: str
    start: int
    end: int
    method: str


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place as named in one article.

    ``key`` is local to the article (``p1``, ``o2``, ``l3``).  ``name`` is the fullest
    form the article uses; ``aliases`` every other form seen (short forms, other
    spellings), without descriptions.
    """

    key: str
    kind: EntityKind
    name: str
    aliases: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class RoleClaim:
    entity: str  # Entity.key
    role: str  # one of ROLES
    evidence: Evidence


@dataclass(frozen=True)
class Relation:
    subject: str  # Entity.key
    predicate: str  # one of RELATIONS
    object: str  # Entity.key
    evidence: Evidence


@dataclass(frozen=True)
class Event:
    key: str  # local to the article: e1, e2, ...
    type: str  # one of EVENT_TYPES
    evidence: Evidence
    agent: str | None = None  # Entity.key
    persons: tuple[str, ...] = ()  # Entity.key
    count: int | None = None
    count_qualifier: str | None = None  # "about", "more than", "at least", ...
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    place: str | None = None  # Entity.key


@dataclass(frozen=True)
class StatusClaim:
    """A person's status from ``date`` on (``None``: the article gives no date)."""

    person: str  # Entity.key
    status: str  # one of STATUSES
    evidence: Evidence
    date: str | None = None
    event: str | None = None  # Event.key the status follows from, if any


@dataclass(frozen=True)
class CountClaim:
    """A reported aggregate figure ("the rights group X estimates about 1,400 political prisoners")."""

    count: int
    kind: str  # free text: "political prisoners remaining", "arrested since 2020", ...
    evidence: Evidence
    qualifier: str | None = None
    reporter: str | None = None  # Entity.key
    date: str | None = None


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one article."""

    article: Article
    entities: tuple[Entity, ...] = ()
    roles: tuple[RoleClaim, ...] = ()
    relations: tuple[Relation, ...] = ()
    events: tuple[Event, ...] = ()
    statuses: tuple[StatusClaim, ...] = ()
    counts: tuple[CountClaim, ...] = ()
    model: str = ""
    extractor_version: str = ""

    def entity(self, key: str) -> Entity:
        for e in self.entities:
            if e.key == key:
                return e
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        """What ``dataclasses.asdict`` gives, without its deep copies (records are frozen)."""
        return _plain(self)  # type: ignore[no-any-return]

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Extraction":
        return _build(cls, data)


@functools.lru_cache(maxsize=None)
def _field_names(tp: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(tp))


def _plain(value: Any) -> Any:
    """Dataclasses as dicts, tuples and lists item by item, other values as they are."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {name: _plain(getattr(value, name)) for name in _field_names(type(value))}
    if isinstance(value, (tuple, list)):
        return type(value)(_plain(v) for v in value)
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    return value


@functools.lru_cache(maxsize=None)
def _hints(tp: Any) -> dict[str, Any]:
    # typing.get_type_hints evaluates every annotation: once per record class, not per record
    return typing.get_type_hints(tp)


def _build(tp: Any, value: Any) -> Any:
    """Rebuild nested frozen dataclasses (and tuples) from ``dataclasses.asdict`` output."""
    if value is None:
        return None
    if dataclasses.is_dataclass(tp):
        hints = _hints(tp)
        return tp(**{f.name: _build(hints[f.name], value[f.name]) for f in dataclasses.fields(tp) if f.name in value})
    origin = typing.get_origin(tp)
    if origin is tuple:
        (inner, *_rest) = typing.get_args(tp)
        return tuple(_build(inner, v) for v in value)
    if origin in (typing.Union, getattr(__import__("types"), "UnionType", None)):
        for arg in typing.get_args(tp):
            if arg is type(None):
                continue
            return _build(arg, value)
    return value


# --- output of kg.resolve -------------------------------------------------------------


@dataclass(frozen=True)
class ResolvedEntity:
    """One real-world entity across all articles.

    ``id`` is a stable slug ("maria-petrova"), unique per kind; IRIs are
    minted from ``kind`` and ``id``.  ``labels`` holds every spelling seen.
    """

    id: str
    kind: EntityKind
    name: str
    labels: tuple[str, ...]
    mentions: tuple[tuple[str, str], ...]  # (article id, Entity.key)
    why: tuple[str, ...] = ()  # human-readable reasons for each merge


@dataclass(frozen=True)
class ResolvedEvent:
    """One real-world event; several articles may report it (issue: one event, many reports)."""

    id: str
    mentions: tuple[tuple[str, str], ...]  # (article id, Event.key)
    why: tuple[str, ...] = ()
    date: str | None = None  # the most precise date its reports give


@dataclass
class Resolution:
    entities: dict[str, ResolvedEntity] = field(default_factory=dict)  # key: f"{kind}/{id}"
    events: dict[str, ResolvedEvent] = field(default_factory=dict)  # key: id
    entity_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (article, key) -> entities key
    event_of: dict[tuple[str, str], str] = field(default_factory=dict)  # (article, key) -> events key
