"""Building the graph in increments: work proportional to what the changed articles touch.

A full build (:func:`build_full`) resolves every article, writes the whole graph and
records in :mod:`kg.graphindex` what the next build needs.  A build that adds, changes
or forgets a few articles (:func:`update`) then:

1. re-clusters only the entity mentions of the *components* the changed articles'
   mentions fall in (mentions in other components cannot meet them), names the
   clusters again, and renumbers ids only among clusters whose names slug alike;
2. re-groups only the event reports of the *buckets* (type and count) of the changed
   articles' reports and of reports naming someone whose cluster changed;
3. rewrites only the graph units that depend on what changed: the changed articles,
   the articles whose people or events changed, those events, the changed entities and
   the status chains (``kg:currentStatus``, ``kg:supersededBy``) of the people whose
   assertions changed;
4. applies the difference to the store as one change (:meth:`kg.store.Store.update_graph`):
   a triple leaves the graph only when no unit makes it any more.

Each step runs the code a full build runs, on the part that can change, so the graph is
the one a full build of the same articles gives (``tests/test_incremental.py`` builds
in increments, in several orders, with articles forgotten in between, and compares).
When the index does not describe the current graph, or many articles change at once,
the build is a full one.
"""
from __future__ import annotations

import json
import re
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from kg.graphindex import (
    block_rows,
    event_data,
    form_keys,
    line_hash,
    meta,
    open_index,
    pack,
    set_meta,
    unique_keys,
    unpack,
    write_index,
)
from kg.records import Extraction, Resolution, ResolvedEvent
from kg.resolve import (
    EntityMention,
    EventReport,
    canonical_name,
    cluster_entities,
    entity_mentions,
    event_bucket,
    event_reports,
    forms_in_articles,
    group_events,
    resolve,
)
from kg.store import Store

__all__ = ["build_full", "update", "MAX_SHARE"]

#: Past this share of the store's articles (or 50 articles) a build is a full one.
MAX_SHARE = 0.1


class _Fallback(Exception):
    """The increment cannot be applied exactly: build in full instead."""


def _chunks(values: Sequence[Any], size: int = 500) -> Iterator[Sequence[Any]]:
    for i in range(0, len(values), size):
        yield values[i:i + size]


def _select_in(db: sqlite3.Connection, sql: str, values: Iterable[Any]) -> list[tuple[Any, ...]]:
    """Rows of ``sql`` (with one ``IN ({})``) for every value, in chunks."""
    out: list[tuple[Any, ...]] = []
    for part in _chunks(sorted(set(values))):
        out.extend(db.execute(sql.format(",".join("?" * len(part))), list(part)).fetchall())
    return out


def _exec_in(db: sqlite3.Connection, sql: str, values: Iterable[Any]) -> None:
    for part in _chunks(sorted(set(values))):
        db.execute(sql.format(",".join("?" * len(part))), list(part))


def _caches(st: Store) -> dict[str, str]:
    return {aid: str(entry.get("cache")) for aid, entry in st.manifest["articles"].items()}


def build_full(st: Store, extractions: Sequence[Extraction], digest: str) -> tuple[int, int, int]:
    """Resolve ``extractions``, replace the graph and write the index; returns (triples, persons, events)."""
    from kg.namespace import KG
    from kg.rdf import NTriplesWriter, _Builder, count_typed

    res = resolve(extractions)
    builder = _Builder(extractions, res)
    builder.units = {}
    triples = builder.build()
    write = NTriplesWriter().line
    lines = {t: write(t) for t in triples}
    persons = count_typed(lines.values(), KG.Person)
    events = count_typed(lines.values(), KG.Event)
    data = "".join(lines.values()).encode("utf-8")
    count = st.replace_ntriples(data, info={"articles": digest, "persons": persons, "events": events})
    del data
    units = {name: [lines[t] for t in ts] for name, ts in builder.units.items()}
    status_rows = [(str(p), str(e.iri), e.status, e.date_from, e.article_id, e.index)
                   for p, entries in builder.statuses.items() for e in entries]
    write_index(st.path, builder.extractions, res, _caches(st), units, status_rows,
                {"version": st.current_version(), "articles": digest, "persons": persons, "events": events})
    return count, persons, events


def update(st: Store, digest: str, known: dict[str, Extraction] | None = None) -> tuple[int, int, int] | None:
    """Apply the articles added, changed or forgotten since the last build; returns
    (triples, persons, events), or None when the build must be a full one."""
    db = open_index(st.path)
    if db is None:
        return None
    try:
        info = meta(db)
        if (not st.has_graph() or info.get("version") != st.current_version()
                or st.graph_info.get("articles") != info.get("articles")):
            return None
        caches = _caches(st)
        indexed = dict(db.execute("SELECT aid, cache FROM article").fetchall())
        added = sorted(a for a, c in caches.items() if indexed.get(a) != c)
        removed = sorted(a for a, c in indexed.items() if caches.get(a) != c)
        if not added and not removed:
            return None
        if len(added) + len(removed) > max(50, MAX_SHARE * len(indexed)):
            return None
        loader = _Loader(st, caches, known or {})
        try:
            fresh = {aid: loader(aid) for aid in added}
        except (OSError, ValueError, KeyError, TypeError, _Fallback):
            return None
        if not unique_keys(list(fresh.values())) or any(x.article.id != aid for aid, x in fresh.items()):
            return None  # see write_index
        db.execute("BEGIN")
        try:
            result = _Increment(db, st, loader, fresh, set(removed), digest, info).run()
        except _Fallback:
            db.execute("ROLLBACK")
            return None
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
        return result
    finally:
        db.close()


class _Loader:
    """Extractions by article id: the fresh ones from memory, the others from the cache."""

    def __init__(self, st: Store, caches: dict[str, str], known: dict[str, Extraction]) -> None:
        self.st, self.caches, self.known = st, caches, known
        self.seen: dict[str, Extraction] = {}

    def __call__(self, aid: str) -> Extraction:
        x = self.seen.get(aid)
        if x is None:
            key = self.caches[aid]
            x = self.known.get(key)
            if x is None:
                try:
                    x = Extraction.from_dict(json.loads(self.st.cache_path(key).read_text(encoding="utf-8")))
                except (OSError, ValueError, KeyError, TypeError):
                    raise _Fallback from None  # the full build reports the damaged entry
            if x.article.id != aid:
                raise _Fallback  # another article's extraction under this one's cache key
            self.seen[aid] = x
        return x


_NUMBERED = re.compile(r"-\d+$")


class _Increment:
    def __init__(self, db: sqlite3.Connection, st: Store, load: _Loader, fresh: dict[str, Extraction],
                 removed: set[str], digest: str, info: dict[str, str]) -> None:
        self.db, self.st, self.load, self.fresh, self.digest = db, st, load, fresh, digest
        self.added = set(fresh)
        self.removed = removed
        self.gone = removed - self.added  # articles no longer in the store
        self.info = info

    # -- 1. entities

    def entities(self) -> None:
        from kg.names import same_person, slug
        from kg.resolve import _blocks

        db = self.db
        added_mentions = [m for x in self.fresh.values() for m in entity_mentions(x)]
        touched = {c for (c,) in _select_in(db, "SELECT DISTINCT ckey FROM mention WHERE aid IN ({})", self.removed)}
        frontier: set[str] = set()
        for m in added_mentions:
            frontier |= form_keys(m.kind, (m.name, *m.aliases))
        frontier |= {k for (k,) in _select_in(db, "SELECT form FROM cform WHERE ckey IN ({})", touched)}
        seen: set[str] = set()
        while True:
            # The clusters a changed name could meet: those sharing a form or folded
            # name, and those with a form that shares a blocking key with it and is the
            # same person by kg.names.same_person.  The resolver compares a name only
            # within its blocking keys, so this holds whatever same_person's rules are.
            # Clusters are added with their forms until none is left: clustering the
            # mentions of these clusters alone then gives what clustering every mention
            # gives.
            while frontier - seen:
                todo = frontier - seen
                seen |= todo
                by_block: dict[str, list[str]] = defaultdict(list)
                for k in todo:
                    if k.startswith("f\x1f"):
                        for b in _blocks(k[2:]):
                            by_block[b].append(k[2:])
                pairs = {(f, g) for b, g in _select_in(db, "SELECT block, form FROM fblock WHERE block IN ({})", by_block)
                         if "f\x1f" + g not in seen for f in by_block[b]}
                for f, g in pairs:
                    key = "f\x1f" + g
                    if key not in frontier and (same_person(f, g) or same_person(g, f)):
                        frontier.add(key)
                found = {c for (c,) in _select_in(db, "SELECT DISTINCT ckey FROM cform WHERE form IN ({})",
                                                  frontier - (seen - todo))} - touched
                touched |= found
                frontier |= {k for (k,) in _select_in(db, "SELECT form FROM cform WHERE ckey IN ({})", found)}
            old_rows = _select_in(db, "SELECT aid, idx, key, kind, name, aliases, ckey FROM mention WHERE ckey IN ({})",
                                  touched)
            old_ckey = {(r[0], r[2]): r[6] for r in old_rows if r[0] not in self.removed}
            mentions = [EntityMention(r[0], r[1], r[2], r[3], r[4], tuple(json.loads(r[5])))
                        for r in old_rows if r[0] not in self.removed] + added_mentions
            mentions.sort(key=lambda m: (m.article, m.index))
            clusters = cluster_entities(mentions)
            aids = {m.article for m in mentions}
            published = dict(_select_in(db, "SELECT aid, published FROM article WHERE aid IN ({})", aids - self.added))
            published.update({aid: x.article.published or "" for aid, x in self.fresh.items()})
            form_articles = forms_in_articles(mentions)
            for c in clusters:
                c["name"] = canonical_name(c, form_articles, published)
                c["base"] = slug(c["name"])
            old_clusters = _select_in(db, "SELECT ckey, kind, base, data FROM cluster WHERE ckey IN ({})", touched)
            bases = {(c["kind"], c["base"]) for c in clusters} | {(r[1], r[2]) for r in old_clusters}
            # ids are numbered among the clusters whose names slug alike: take them all
            more: set[str] = set()
            for kind, base in bases:
                more.update(c for (c,) in db.execute("SELECT ckey FROM cluster WHERE kind = ? AND base = ?", (kind, base)))
            if more <= touched:
                break
            touched |= more
            frontier |= {k for (k,) in _select_in(db, "SELECT form FROM cform WHERE ckey IN ({})", more)}
        for kind, base in bases:
            # numbered ids ("name-2") of one name could meet another name's: not done here
            if _NUMBERED.search(base) or any(_NUMBERED.fullmatch(b[len(base):]) for (b,) in db.execute(
                    "SELECT base FROM cluster WHERE kind = ? AND base > ? AND base < ?", (kind, base + "-", base + "."))):
                raise _Fallback
        by_base: dict[tuple[str, str], list[dict]] = defaultdict(list)
        for c in clusters:
            by_base[(c["kind"], c["base"])].append(c)
        for group in by_base.values():
            group.sort(key=lambda c: c["order"])
            for n, c in enumerate(group, 1):
                c["sid"] = c["base"] if n == 1 else f"{c['base']}-{n}"
        new_ckey: dict[tuple[str, str], str] = {}
        new_data: dict[str, str] = {}
        cluster_rows, form_rows, person_forms = [], [], []
        for c in clusters:
            ckey = f"{c['kind']}/{c['sid']}"
            for m in c["mentions"]:
                new_ckey[tuple(m)] = ckey
            labels = list(dict.fromkeys(c["forms"]))
            data = json.dumps({"name": c["name"], "labels": labels, "mentions": [list(m) for m in c["mentions"]],
                               "why": list(c["why"])}, ensure_ascii=False)
            new_data[ckey] = data
            cluster_rows.append((ckey, c["kind"], c["base"], json.dumps(c["order"]), data))
            form_rows.extend((k, ckey) for k in form_keys(c["kind"], labels))
            if c["kind"] == "person":
                person_forms.extend(labels)
        old_data = {r[0]: r[3] for r in old_clusters}
        self.changed_entities = {k for k in old_data.keys() | new_data.keys() if old_data.get(k) != new_data.get(k)}
        # Only what changed is written: the clusters of the people most articles name
        # hold thousands of mentions, most of which stay where they are.
        _exec_in(db, "DELETE FROM mention WHERE aid IN ({})", self.removed)
        db.executemany("UPDATE mention SET ckey = ? WHERE aid = ? AND key = ?",
                       [(new_ckey[m], *m) for m, ck in old_ckey.items() if new_ckey[m] != ck])
        db.executemany("INSERT INTO mention VALUES (?, ?, ?, ?, ?, ?, ?)", [
            (m.article, m.index, m.key, m.kind, m.name, json.dumps(m.aliases), new_ckey[(m.article, m.key)])
            for m in added_mentions])
        _exec_in(db, "DELETE FROM cluster WHERE ckey IN ({})", self.changed_entities)
        db.executemany("INSERT INTO cluster VALUES (?, ?, ?, ?, ?)",
                       [row for row in cluster_rows if row[0] in self.changed_entities])
        _exec_in(db, "DELETE FROM cform WHERE ckey IN ({})", self.changed_entities)
        db.executemany("INSERT INTO cform VALUES (?, ?)", [row for row in form_rows if row[1] in self.changed_entities])
        db.executemany("INSERT OR IGNORE INTO fblock VALUES (?, ?)", block_rows(person_forms))
        self.new_clusters = {k: json.loads(v) for k, v in new_data.items() if k in self.changed_entities}
        self.remapped = {aid for (aid, key), ck in old_ckey.items() if new_ckey.get((aid, key)) != ck}
        # mentions whose cluster now holds other earlier mentions than before: the
        # events naming them may group differently
        old_members: dict[str, frozenset] = {}
        for k, v in old_data.items():
            old_members[k] = frozenset(tuple(m) for m in json.loads(v)["mentions"] if m[0] not in self.removed)
        new_members = {k: frozenset(tuple(m) for m in json.loads(v)["mentions"] if m[0] not in self.added)
                       for k, v in new_data.items()}
        self.moved = [m for m, ck in old_ckey.items() if old_members.get(ck) != new_members.get(new_ckey[m])]
        self.new_ckey = new_ckey

    # -- 2. events

    def events(self) -> None:
        db = self.db
        added_reports = [r for x in self.fresh.values() for r in event_reports(x)]
        buckets = {event_bucket(r) for r in added_reports}
        buckets |= {b for (b,) in _select_in(db, "SELECT DISTINCT bucket FROM report WHERE aid IN ({})", self.removed)}
        for aid, key in self.moved:
            buckets.update(b for (b,) in db.execute("SELECT bucket FROM ref WHERE aid = ? AND ekey = ?", (aid, key)))
        _exec_in(db, "DELETE FROM report WHERE aid IN ({})", self.removed)
        _exec_in(db, "DELETE FROM ref WHERE aid IN ({})", self.removed)
        rows = _select_in(db, "SELECT aid, idx, key, type, count, date, agent, persons, rid FROM report WHERE bucket IN ({})",
                          buckets)
        reports = [EventReport(r[0], r[1], r[2], r[3], r[4], r[5], r[6], tuple(json.loads(r[7]))) for r in rows]
        old_rid = {(r[0], r[2]): r[8] for r in rows}
        reports += added_reports
        reports.sort(key=lambda r: (r.article, r.index))
        wanted = {(r.article, k) for r in reports for k in ({r.agent, *r.persons} - {None})}
        entity_of = {m: ck for m, ck in self.new_ckey.items() if m in wanted}
        for aid, key, ckey in _select_in(db, "SELECT aid, key, ckey FROM mention WHERE aid IN ({})",
                                         {aid for aid, _k in wanted - entity_of.keys()}):
            entity_of.setdefault((aid, key), ckey)
        from kg.namespace import EVENT_CLASSES

        types = {(r.article, r.key): r.type for r in reports}
        bucket_of = {(r.article, r.key): event_bucket(r) for r in reports}
        new_groups: dict[str, tuple[str, int, str]] = {}
        rid_of: dict[tuple[str, str], str] = {}
        for g in group_events(reports, entity_of):
            aid, key = g["mentions"][0]
            rid = f"{aid}/{key}"
            known = int(any(types[m] in EVENT_CLASSES for m in g["mentions"]))
            new_groups[rid] = (event_data(g["mentions"], g["why"], g["date"]), known, bucket_of[(aid, key)])
            for m in g["mentions"]:
                rid_of[tuple(m)] = rid
        old_groups = {r[0]: (r[1], r[2]) for r in
                      _select_in(db, "SELECT rid, data, known FROM egroup WHERE bucket IN ({})", buckets)}
        self.changed_events = {rid for rid in old_groups.keys() | new_groups.keys()
                               if old_groups.get(rid) != (new_groups[rid][:2] if rid in new_groups else None)}
        _exec_in(db, "DELETE FROM egroup WHERE bucket IN ({})", buckets)
        db.executemany("INSERT INTO egroup VALUES (?, ?, ?, ?)",
                       [(rid, bucket, data, known) for rid, (data, known, bucket) in new_groups.items()])
        db.executemany("UPDATE report SET rid = ? WHERE aid = ? AND key = ?",
                       [(rid_of[m], *m) for m, rid in old_rid.items() if rid_of[m] != rid])
        db.executemany("INSERT INTO report VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (*r[:7], json.dumps(r.persons), event_bucket(r), rid_of[(r.article, r.key)]) for r in added_reports])
        db.executemany("INSERT INTO ref VALUES (?, ?, ?)", [
            (r.article, k, event_bucket(r)) for r in added_reports for k in ({r.agent, *r.persons} - {None})])
        self.event_articles = {m[0] for rid in self.changed_events
                               for src in (old_groups.get(rid, (None,))[0], new_groups.get(rid, (None,))[0]) if src
                               for m in json.loads(src)["mentions"]}

    # -- 3. the graph units that depend on what changed

    def graph(self) -> tuple[int, int, int]:
        from rdflib import URIRef

        from kg.namespace import KG
        from kg.rdf import NTriplesWriter, _Builder, _EntityNode, _EventMention, _StatusEntry, entity_iri, event_iri

        db = self.db
        articles = (self.added | self.remapped | self.event_articles) - self.gone
        _exec_in(db, "DELETE FROM article WHERE aid IN ({})", self.removed)
        db.executemany("INSERT INTO article VALUES (?, ?, ?)", [
            (aid, self.load.caches[aid], x.article.published or "") for aid, x in self.fresh.items()])
        # events whose units are written again: the changed ones, and those reported in
        # an article written again (their people's nodes may have changed)
        report_rows = _select_in(db, "SELECT aid, key, rid FROM report WHERE aid IN ({})", articles)
        rewrite_events = {rid for rid in self.changed_events} | {r[2] for r in report_rows}
        groups = {r[0]: (json.loads(r[1]), r[2]) for r in
                  _select_in(db, "SELECT rid, data, known FROM egroup WHERE rid IN ({})", rewrite_events)}
        loaded = set(articles) | {m[0] for rid in rewrite_events if rid in groups for m in groups[rid][0]["mentions"]}
        exs = [self.load(aid) for aid in sorted(loaded)]
        by_id = {x.article.id: x for x in exs}
        res = Resolution()
        report_rows = _select_in(db, "SELECT aid, key, rid FROM report WHERE aid IN ({})", loaded)
        for aid, key, rid in report_rows:
            res.event_of[(aid, key)] = rid
        need = {rid for _a, _k, rid in report_rows} - groups.keys()
        groups.update({r[0]: (json.loads(r[1]), r[2]) for r in
                       _select_in(db, "SELECT rid, data, known FROM egroup WHERE rid IN ({})", need)})
        for rid, (data, _known) in groups.items():
            res.events[rid] = ResolvedEvent(id=rid, mentions=tuple(tuple(m) for m in data["mentions"]),
                                            why=tuple(data["why"]), date=data["date"])
        builder = _Builder(exs, res)
        builder.units = {}
        for aid, key, ckey in _select_in(db, "SELECT aid, key, ckey FROM mention WHERE aid IN ({})", loaded):
            kind, _, sid = ckey.partition("/")
            builder.entity_nodes[(aid, key)] = (entity_iri(kind, sid), kind)
        for aid, key, rid in report_rows:
            if groups[rid][1]:
                builder.event_nodes[(aid, key)] = event_iri(rid)
        units: set[str] = set()
        for rid in sorted(rewrite_events):
            units.add("v" + rid)
            if rid not in groups:
                continue  # gone
            mentions = []
            for aid, key in groups[rid][0]["mentions"]:
                x = by_id[aid]
                index = next(i for i, ev in enumerate(x.events) if ev.key == key)
                mentions.append(_EventMention(aid, index, x.events[index]))
            mentions.sort(key=lambda m: (m.article_id, m.index))
            builder.event(rid, mentions)
        for aid in sorted(articles):
            x = by_id[aid]
            builder.unit("a" + aid)
            builder.article(x.article)
            builder.roles(x)
            builder.relations(x)
            builder.status_claims(x)
            builder.counts(x)
        units.update("a" + aid for aid in articles | self.gone)
        for ckey in self.changed_entities:
            kind, _, sid = ckey.partition("/")
            iri = entity_iri(kind, sid)
            units.add(f"e{iri}")
            data = self.new_clusters.get(ckey)
            if data is not None:
                builder.entity(iri, _EntityNode(kind, data["name"], set(data["labels"]), {m[0] for m in data["mentions"]}))
        # status chains of the people whose assertions changed
        changed = articles | self.gone
        persons = {p for (p,) in _select_in(db, "SELECT DISTINCT person FROM status WHERE aid IN ({})", changed)}
        persons |= {str(p) for p in builder.statuses}
        _exec_in(db, "DELETE FROM status WHERE aid IN ({})", changed)
        db.executemany("INSERT INTO status VALUES (?, ?, ?, ?, ?, ?)", [
            (str(p), str(e.iri), e.status, e.date_from, e.article_id, e.index)
            for p, entries in builder.statuses.items() for e in entries])
        chains: dict[str, list[_StatusEntry]] = defaultdict(list)
        for p, iri, status, date_from, aid, idx in _select_in(
                db, "SELECT person, iri, status, date_from, aid, idx FROM status WHERE person IN ({})", persons):
            chains[p].append(_StatusEntry(URIRef(iri), status, date_from, aid, idx))
        for p in sorted(persons):
            units.add(f"s{p}")
            if chains.get(p):
                builder.status_chain(URIRef(p), chains[p])
        units |= builder.units.keys()
        return self.apply(units, builder.units, NTriplesWriter(), KG)

    # -- 4. the difference

    def apply(self, units: set[str], made: dict[str, set], writer: Any, KG: Any) -> tuple[int, int, int]:  # noqa: N803
        import pyoxigraph
        from rdflib.namespace import RDF

        db = self.db
        delta: Counter[int] = Counter()
        new_lines: dict[int, str] = {}
        old = dict(_select_in(db, "SELECT name, hashes FROM unit WHERE name IN ({})", units))
        unit_rows, gone_units = [], []
        for name in units:
            for h in unpack(old.get(name)):
                delta[h] -= 1
            hashes = set()
            for t in made.get(name, ()):
                line = writer.line(t)
                h = line_hash(line)
                if new_lines.setdefault(h, line) != line:
                    raise _Fallback
                hashes.add(h)
                delta[h] += 1
            if hashes:
                unit_rows.append((name, pack(hashes)))
            else:
                gone_units.append(name)
        db.executemany("INSERT OR REPLACE INTO unit VALUES (?, ?)", unit_rows)
        _exec_in(db, "DELETE FROM unit WHERE name IN ({})", gone_units)
        changed = [h for h, d in delta.items() if d]
        current = {h: (line, refs) for h, line, refs in
                   _select_in(db, "SELECT h, line, refs FROM triple WHERE h IN ({})", changed)}
        add, remove, updates, inserts, deletes = [], [], [], [], []
        for h in changed:
            line, refs = current.get(h, (None, 0))
            after = refs + delta[h]
            if after < 0 or (line is not None and h in new_lines and new_lines[h] != line):
                raise _Fallback
            if refs == 0 and after > 0:
                inserts.append((h, new_lines[h], after))
                add.append(new_lines[h])
            elif refs > 0 and after == 0:
                deletes.append(h)
                remove.append(line)
            else:
                updates.append((after, h))
        db.executemany("INSERT INTO triple VALUES (?, ?, ?)", inserts)
        db.executemany("UPDATE triple SET refs = ? WHERE h = ?", updates)
        _exec_in(db, "DELETE FROM triple WHERE h IN ({})", deletes)
        person = f" <{RDF.type}> <{KG.Person}> .\n"
        event = f" <{RDF.type}> <{KG.Event}> .\n"
        persons = int(self.info.get("persons", 0)) + sum(ln.endswith(person) for ln in add) \
            - sum(ln.endswith(person) for ln in remove)
        events = int(self.info.get("events", 0)) + sum(ln.endswith(event) for ln in add) \
            - sum(ln.endswith(event) for ln in remove)

        def parse(lines: list[str]) -> list[Any]:
            if not lines:
                return []
            return list(pyoxigraph.parse("".join(lines).encode("utf-8"), format=pyoxigraph.RdfFormat.N_TRIPLES))

        before = int(self.st.graph_info.get("triples", -1))
        count = self.st.update_graph(remove=parse(remove), add=parse(add),
                                     info={"articles": self.digest, "persons": persons, "events": events},
                                     expected=before + len(add) - len(remove) if before >= 0 else None)
        set_meta(db, {"version": self.st.current_version(), "articles": self.digest, "persons": persons,
                      "events": events})
        return count, persons, events

    def run(self) -> tuple[int, int, int]:
        self.entities()
        self.events()
        return self.graph()
