"""One node per real entity across articles; one event across several reports.

Persons: names are compared with ``kg.names.same_person`` (transliteration-tolerant,
gendered endings kept apart, given names must agree).  Full names cluster first;
an article that only uses a bare surname joins a cluster only when exactly one
cluster fits — an ambiguous surname stays on its own rather than being guessed.
Organisations and places merge on their folded name.

Events: two reports of the same act (same type, equal counts, compatible dates,
and a shared agent or shared people) in *different* articles become one event.
Two acts with equal counts but nothing else in common stay apart.

Ids are slugs of the canonical name, so the same input always gives the same IRIs.
"""
from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from kg import names
from kg.records import Extraction, Resolution, ResolvedEntity, ResolvedEvent


class EntityMention(NamedTuple):
    """What resolution reads of one entity mention (``kg.incremental`` keeps these)."""

    article: str
    index: int  # position in the article's entities
    key: str
    kind: str
    name: str
    aliases: tuple[str, ...]


class EventReport(NamedTuple):
    """What resolution reads of one event report."""

    article: str
    index: int  # position in the article's events
    key: str
    type: str
    count: int | None
    date: str | None
    agent: str | None
    persons: tuple[str, ...]


def entity_mentions(ex: Extraction) -> list[EntityMention]:
    return [EntityMention(ex.article.id, i, e.key, e.kind, e.name, tuple(e.aliases)) for i, e in enumerate(ex.entities)]


def event_reports(ex: Extraction) -> list[EventReport]:
    return [EventReport(ex.article.id, i, ev.key, ev.type, ev.count, ev.date, ev.agent, tuple(ev.persons))
            for i, ev in enumerate(ex.events)]


def resolve(extractions: Sequence[Extraction]) -> Resolution:
    res = Resolution()
    exs = sorted(extractions, key=lambda x: x.article.id)
    published = {ex.article.id: ex.article.published or "" for ex in exs}
    mentions = [m for ex in exs for m in entity_mentions(ex)]
    clusters = cluster_entities(mentions)
    form_articles = forms_in_articles(mentions)
    used: set[str] = set()
    for c in clusters:
        c["name"] = canonical_name(c, form_articles, published)
        base = names.slug(c["name"])
        sid, n = base, 2
        while f"{c['kind']}/{sid}" in used:
            sid, n = f"{base}-{n}", n + 1
        used.add(f"{c['kind']}/{sid}")
        add_entity(res, c, sid)
    reports = [r for ex in exs for r in event_reports(ex)]
    for g in group_events(reports, res.entity_of):
        add_event(res, g)
    return res


def forms_in_articles(mentions: Iterable[EntityMention]) -> dict[str, set[str]]:
    """Each name form (of any kind) -> the articles that use it."""
    form_articles: dict[str, set[str]] = {}
    for m in mentions:
        for f in (m.name, *m.aliases):
            form_articles.setdefault(f, set()).add(m.article)
    return form_articles


def is_short(m: EntityMention) -> bool:
    """A bare surname: resolved after every full name (see :func:`cluster_entities`)."""
    return m.kind == "person" and len(m.name.split()) < 2


def cluster_entities(mentions: Sequence[EntityMention]) -> list[dict]:
    """The clusters of ``mentions`` (in article order), in the order they were made.

    A cluster is ``{"kind", "forms", "mentions": [(aid, key)], "why", "order"}``;
    ``order`` is its first mention's ``(bare surname?, article, index)``, the position of
    that mention in the pass that made it.  Mentions interact only through shared
    blocking keys of person names, folded names of organisations and places, and
    shared forms (:func:`link_keys`), so clustering any set of mentions closed under
    those links gives the clusters a run over every mention gives.
    """
    clusters: list[dict] = []
    person_index: dict[str, list[int]] = {}
    other_index: dict[tuple[str, str], int] = {}
    pending_short: list[EntityMention] = []
    for ent in mentions:
        forms = [ent.name, *ent.aliases]
        if is_short(ent):
            pending_short.append(ent)
            continue
        target = None
        if ent.kind == "person":
            # only clusters sharing a name word's first letter can match (blocking keeps
            # this linear-ish on large inputs); the earliest matching cluster wins
            for ci in sorted({ci for b in _blocks(ent.name) for ci in person_index.get(b, ())}):
                c = clusters[ci]
                if _matches(c, ent.name):
                    target = c
                    break
        else:
            ci = other_index.get((ent.kind, names.ascii_fold(ent.name)))
            target = clusters[ci] if ci is not None else None
        if target is None:
            clusters.append({"kind": ent.kind, "forms": list(forms), "mentions": [(ent.article, ent.key)], "why": [],
                             "order": (0, ent.article, ent.index), "long": [f for f in forms if len(f.split()) >= 2],
                             "seen": {}})
            target_i = len(clusters) - 1
            if ent.kind == "person":
                for b in _blocks(ent.name):
                    person_index.setdefault(b, []).append(target_i)
            else:
                for f in forms:
                    other_index.setdefault((ent.kind, names.ascii_fold(f)), target_i)
        else:
            new = [f for f in forms if f not in target["forms"]]
            if new:
                target["why"].append(f"{ent.article}: '{ent.name}' matches '{target['forms'][0]}' (same surname up to transliteration, compatible given name)")
            target["forms"].extend(new)
            target["long"].extend(f for f in new if len(f.split()) >= 2)
            target["mentions"].append((ent.article, ent.key))
    for ent in pending_short:
        aid = ent.article
        candidates = sorted({ci for b in _blocks(ent.name) for ci in person_index.get(b, ())})
        fits = [clusters[ci] for ci in candidates
                if any(names.same_person(ent.name, f) and _close_surname(ent.name, f) for f in clusters[ci]["forms"])]
        if len(fits) == 1:
            c = fits[0]
            c["why"].append(f"{aid}: bare surname '{ent.name}' fits only '{c['forms'][0]}'")
            c["mentions"].append((aid, ent.key))
            for f in (ent.name, *ent.aliases):
                if f not in c["forms"]:
                    c["forms"].append(f)
        else:
            clusters.append({"kind": "person", "forms": [ent.name, *ent.aliases], "mentions": [(aid, ent.key)],
                             "why": [], "order": (1, aid, ent.index)})
            for b in _blocks(ent.name):
                person_index.setdefault(b, []).append(len(clusters) - 1)
    return clusters


def _matches(c: dict, name: str) -> bool:
    """Whether ``name`` is the same person as one of the cluster's full-name forms.

    A cluster's forms only grow, so the answer is kept per name with how many forms it
    covers, and only forms added since are compared (a name recurs thousands of times)."""
    long = c["long"]
    checked, hit = c["seen"].get(name, (0, False))
    if not hit and checked < len(long):
        hit = any(names.same_person(name, f) for f in long[checked:])
        c["seen"][name] = (len(long), hit)
    return hit


def link_keys(m: EntityMention) -> set[str]:
    """The keys through which ``m`` can meet other mentions in :func:`cluster_entities`
    and in choosing a cluster's name (see there)."""
    keys = {"f\x1f" + f for f in (m.name, *m.aliases)}
    if m.kind == "person":
        keys.update("b\x1f" + b for b in _blocks(m.name))
    else:
        keys.update(f"o\x1f{m.kind}\x1f{names.ascii_fold(f)}" for f in (m.name, *m.aliases))
    return keys


def canonical_name(c: dict, form_articles: dict[str, set[str]], published: dict[str, str]) -> str:
    """The fullest form; the spelling most articles use, then the one the most recently
    published article uses (outlets settle on a spelling over time)."""
    longest = max(len(x.split()) for x in c["forms"])
    full = [f for f in c["forms"] if len(f.split()) == longest]

    def latest(f: str) -> str:
        return max((published[a] for a in form_articles.get(f, ())), default="")

    return min(full, key=lambda f: (-len(form_articles.get(f, ())), _desc(latest(f)), c["forms"].index(f)))


def add_entity(res: Resolution, c: dict, sid: str) -> None:
    key = f"{c['kind']}/{sid}"
    res.entities[key] = ResolvedEntity(
        id=sid, kind=c["kind"], name=c["name"], labels=tuple(dict.fromkeys(c["forms"])),
        mentions=tuple(c["mentions"]), why=tuple(c["why"]),
    )
    for m in c["mentions"]:
        res.entity_of[m] = key


def _close_surname(bare: str, form: str) -> bool:
    """A bare surname from another article carries little evidence: beyond the name
    matcher's transliteration rules it must also be close letter for letter
    ("Kavalenka" / "Kovalenko", not "Dubovik" / "Dylevich")."""
    from rapidfuzz import fuzz

    a = names.ascii_fold(bare).lower()
    b = names.ascii_fold(form.split()[-1]).lower()
    return a == b or fuzz.ratio(a, b) >= _BARE_SURNAME_RATIO


#: How alike (0-100, rapidfuzz ratio) a bare surname and a full name's surname must be.
_BARE_SURNAME_RATIO = 65


@functools.lru_cache(maxsize=1 << 16)
def _blocks(name: str) -> frozenset[str]:
    """Blocking keys of a person name: each word's transliteration key and that key with
    one letter (not the first) left out.  Two names that ``same_person`` accepts always
    share one — their surnames' keys are equal or one edit apart with the same first
    letter — so comparing only within blocks loses no match and keeps large corpora fast."""
    keys: set[str] = set()
    for t in names.tokens(name):
        k = names.skeleton(t)
        if not k:
            continue
        keys.add(k)
        keys.update(k[:i] + k[i + 1:] for i in range(1, len(k)))
        if len(t) >= 8:
            # A long word one letter off as spelt (a letter added, dropped, changed or two
            # swapped) may be further apart as a skeleton: its spelling with one letter
            # (not the first) left out is a key too.
            keys.add("~" + t)
            keys.update("~" + t[:i] + t[i + 1:] for i in range(1, len(t)))
    return frozenset(keys)


def _desc(date: str) -> tuple[int, ...]:
    """Sort key that puts later ISO dates first."""
    return tuple(-ord(ch) for ch in date) + (0,)


def _dates_compatible(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return True
    return a.startswith(b) or b.startswith(a)


def event_bucket(r: EventReport) -> str:
    """Reports can merge only within one bucket: the same type and count (a report
    without a count is alone in its own)."""
    if r.count is None:
        return f"\x1f{r.article}\x1f{r.key}"
    return f"{r.type}\x1f{r.count}"


def group_events(reports: Sequence[EventReport], entity_of: Mapping[tuple[str, str], str]) -> list[dict]:
    """The events of ``reports`` (in article order), in the order they were made.

    Only reports of one :func:`event_bucket` interact, so grouping any union of
    buckets gives the events a run over every report gives."""
    groups: list[dict] = []
    # Only reports of the same type and count can merge: index the groups by both so
    # each report looks at its few candidates, not every event so far (quadratic:
    # seconds at a million triples).  Candidates keep creation order, so the first
    # match is the one a full scan would find.
    by_type_count: dict[tuple[str, int], list[dict]] = {}
    # Dated reports first: an undated report of a counted act then joins the one dated
    # act of that type and count that shares named people with it (and its statuses
    # take that act's date, see kg.rdf).  A shared agent alone is not enough: a head of
    # state signs many pardons of the same size.
    ordered = sorted(reports, key=lambda r: r.date is None)
    for ev in ordered:
        aid = ev.article
        agent = entity_of.get((aid, ev.agent)) if ev.agent else None
        persons = {entity_of.get((aid, p)) for p in ev.persons} - {None}
        target = None
        candidates = by_type_count.get((ev.type, ev.count), []) if ev.count is not None else []
        undated_fits = []
        for g in candidates:
            if aid in g["articles"]:
                continue
            shared = (agent and agent == g["agent"]) or (persons & g["persons"])
            if not ev.date and g["date"] and persons & g["persons"]:
                undated_fits.append(g)  # named people freed together: the same agent alone is too weak
                continue
            if not ev.date:
                continue
            if not (ev.date and g["date"]) or not _dates_compatible(ev.date, g["date"]):
                continue  # without dates on both sides two equal counts may be two acts
            if not shared:
                continue
            target = g
            break
        if target is None and len(undated_fits) == 1:
            target = undated_fits[0]  # the one dated act it can be
        if target is None:
            group = {"type": ev.type, "count": ev.count, "date": ev.date, "agent": agent,
                     "persons": set(persons), "articles": {aid}, "mentions": [(aid, ev.key)], "why": []}
            groups.append(group)
            if ev.count is not None:
                by_type_count.setdefault((ev.type, ev.count), []).append(group)
        else:
            target["articles"].add(aid)
            target["mentions"].append((aid, ev.key))
            target["persons"] |= persons
            target["why"].append(
                f"{aid} reports the same {ev.type}: count {ev.count}, "
                + (f"date {ev.date} compatible with {target['date']}, " if ev.date
                   else f"no date of its own, the one such act dated {target['date']}, ")
                + ("same agent" if agent and agent == target["agent"] else "shared people")
            )
            # The group holds what its reports established together: the most
            # precise date (a report of 2024-12-03 must not join a pardon another
            # report fixed to 2024-12-28 because the first report said "December")
            # and the agent, once any report names one.
            if ev.date and len(ev.date) > len(target["date"] or ""):
                target["date"] = ev.date
            if target["agent"] is None:
                target["agent"] = agent
    return groups


def add_event(res: Resolution, g: dict) -> str:
    aid, key = g["mentions"][0]
    eid = f"{aid}/{key}"
    res.events[eid] = ResolvedEvent(id=eid, mentions=tuple(g["mentions"]), why=tuple(g["why"]), date=g["date"])
    for m in g["mentions"]:
        res.event_of[m] = eid
    return eid


def _resolve_events(exs: Sequence[Extraction], res: Resolution) -> None:
    """Group the event reports of ``exs`` (sorted by article) into ``res`` using its entities."""
    for g in group_events([r for ex in exs for r in event_reports(ex)], res.entity_of):
        add_event(res, g)
