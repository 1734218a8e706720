"""What a build keeps beside the graph so that the next one can change only what it touches.

``<store>/graph-index.sqlite`` describes one graph version (``meta``: its version name
and the digest of the extractions it was made of).  It holds:

* what resolution reads of every entity mention and event report, and the *bucket*
  of each report (see :func:`kg.resolve.event_bucket`): reports of different buckets
  never merge;
* the resolved people, organisations and places (with the position of the mention that
  made each one, which decides numbered ids), the name forms and folded names of each
  (``cform``) and the blocking keys of every person's name form (``fblock``), from which
  :mod:`kg.incremental` finds the clusters a name could join; and the resolved events;
* every status assertion of every person (the input of ``kg:currentStatus``);
* the graph split into *units* (an article and its claims, an entity, an event, a
  person's status chain; see ``kg.rdf._Builder``), each unit's triples as 64-bit
  hashes of their N-Triples lines, and each line with the number of units that make it.

A triple leaves the graph when no unit makes it any more.  The index is written whole
by a full build (to a temporary file, then renamed) and changed in one transaction by
:mod:`kg.incremental`; if it does not describe the current graph version it is ignored
and the next build is a full one.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
from array import array
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.records import Extraction, Resolution
from kg.resolve import EntityMention, entity_mentions, event_bucket, event_reports, is_short

__all__ = ["INDEX_FILE", "open_index", "write_index", "line_hash", "pack", "unpack", "form_keys", "block_rows"]

INDEX_FILE = "graph-index.sqlite"
FORMAT = "1"

SCHEMA = """
CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);
CREATE TABLE article(aid TEXT PRIMARY KEY, cache TEXT, published TEXT);
CREATE TABLE mention(aid TEXT, idx INTEGER, key TEXT, kind TEXT, name TEXT, aliases TEXT, ckey TEXT,
                     PRIMARY KEY(aid, key));
CREATE TABLE cluster(ckey TEXT PRIMARY KEY, kind TEXT, base TEXT, ord TEXT, data TEXT);
CREATE TABLE cform(form TEXT, ckey TEXT);
CREATE TABLE fblock(block TEXT, form TEXT, PRIMARY KEY(block, form)) WITHOUT ROWID;
CREATE TABLE report(aid TEXT, idx INTEGER, key TEXT, type TEXT, count INTEGER, date TEXT, agent TEXT, persons TEXT,
                    bucket TEXT, rid TEXT, PRIMARY KEY(aid, idx));
CREATE TABLE ref(aid TEXT, ekey TEXT, bucket TEXT);
CREATE TABLE egroup(rid TEXT PRIMARY KEY, bucket TEXT, data TEXT, known INTEGER);
CREATE TABLE status(person TEXT, iri TEXT, status TEXT, date_from TEXT, aid TEXT, idx INTEGER);
CREATE TABLE unit(name TEXT PRIMARY KEY, hashes BLOB);
CREATE TABLE triple(h INTEGER PRIMARY KEY, line TEXT, refs INTEGER);
"""

INDEXES = """
CREATE INDEX mention_ckey ON mention(ckey);
CREATE INDEX mention_aid ON mention(aid);
CREATE INDEX cluster_base ON cluster(kind, base);
CREATE INDEX cform_form ON cform(form);
CREATE INDEX cform_ckey ON cform(ckey);
CREATE INDEX report_bucket ON report(bucket);
CREATE INDEX report_aid ON report(aid);
CREATE INDEX ref_mention ON ref(aid, ekey);
CREATE INDEX egroup_bucket ON egroup(bucket);
CREATE INDEX status_person ON status(person);
CREATE INDEX status_aid ON status(aid);
"""


def line_hash(line: str) -> int:
    return int.from_bytes(hashlib.blake2b(line.encode("utf-8"), digest_size=8).digest(), "big", signed=True)


def pack(hashes: Iterable[int]) -> bytes:
    return array("q", sorted(hashes)).tobytes()


def unpack(blob: bytes | None) -> array:
    out = array("q")
    if blob:
        out.frombytes(blob)
    return out


def open_index(store_path: Path) -> sqlite3.Connection | None:
    """The index of the store at ``store_path``, or None when there is none (or it is unreadable)."""
    path = store_path / INDEX_FILE
    if not path.is_file():
        return None
    try:
        db = sqlite3.connect(str(path), isolation_level=None)
        if meta(db).get("format") != FORMAT:
            db.close()
            return None
    except sqlite3.Error:
        return None
    return db


def meta(db: sqlite3.Connection) -> dict[str, str]:
    return dict(db.execute("SELECT k, v FROM meta").fetchall())


def set_meta(db: sqlite3.Connection, values: dict[str, Any]) -> None:
    db.executemany("INSERT OR REPLACE INTO meta VALUES (?, ?)", [(k, str(v)) for k, v in values.items()])


def form_keys(kind: str, forms: Iterable[str]) -> set[str]:
    """The ``cform`` keys of a cluster: each form, and for organisations and places each
    form's folded name (what ``cluster_entities`` merges them on)."""
    from kg.names import ascii_fold

    keys = {"f\x1f" + f for f in forms}
    if kind != "person":
        keys.update(f"o\x1f{kind}\x1f{ascii_fold(f)}" for f in forms)
    return keys


def block_rows(forms: Iterable[str]) -> list[tuple[str, str]]:
    from kg.resolve import _blocks

    return [(b, f) for f in set(forms) for b in _blocks(f)]


def unique_keys(extractions: Sequence[Extraction]) -> bool:
    """Whether every article's entity keys and event keys are unique (the index keys
    mentions and reports by them)."""
    for x in extractions:
        ents = [e.key for e in x.entities]
        evs = [e.key for e in x.events]
        if len(set(ents)) != len(ents) or len(set(evs)) != len(evs):
            return False
    return True


def cluster_order(res: Resolution, mentions: dict[tuple[str, str], EntityMention]) -> dict[str, tuple[int, str, int]]:
    """The position of the mention that made each resolved entity (see ``cluster_entities``)."""
    out = {}
    for ckey, ent in res.entities.items():
        out[ckey] = min((int(is_short(m)), m.article, m.index) for m in (mentions[k] for k in ent.mentions))
    return out


def write_index(store_path: Path, extractions: Sequence[Extraction], res: Resolution, caches: dict[str, str],
                units: dict[str, list[str]], status_rows: list[tuple[str, str, str, str | None, str, int]],
                info: dict[str, Any]) -> None:
    """Write the index of a graph made in full (replacing any older one).

    ``units`` maps each unit to its N-Triples lines (each once); ``caches`` each article id to its
    cache key; ``info`` goes into ``meta`` (the version, the digest, the counts).
    """
    from kg.names import slug
    from kg.namespace import EVENT_CLASSES

    final = store_path / INDEX_FILE
    tmp = store_path / (INDEX_FILE + ".tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    ids = [x.article.id for x in extractions]
    if not unique_keys(extractions) or len(set(ids)) != len(ids) or set(ids) != set(caches):
        # Keys repeated within an article, or articles whose cache entries hold another
        # article's extraction (two files with the same text share one entry): such a
        # store is always built in full.
        with contextlib.suppress(FileNotFoundError):
            final.unlink()
        return
    db = sqlite3.connect(str(tmp), isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=OFF")
        db.execute("PRAGMA synchronous=OFF")
        db.executescript(SCHEMA)
        db.execute("BEGIN")
        mentions = {(m.article, m.key): m for x in extractions for m in entity_mentions(x)}
        db.executemany("INSERT INTO article VALUES (?, ?, ?)",
                       [(x.article.id, caches[x.article.id], x.article.published or "") for x in extractions])
        db.executemany("INSERT INTO mention VALUES (?, ?, ?, ?, ?, ?, ?)", [
            (m.article, m.index, m.key, m.kind, m.name, json.dumps(m.aliases), res.entity_of[k])
            for k, m in mentions.items()])
        order = cluster_order(res, mentions)
        db.executemany("INSERT INTO cluster VALUES (?, ?, ?, ?, ?)", [
            (ckey, e.kind, slug(e.name), json.dumps(order[ckey]), cluster_data(e)) for ckey, e in res.entities.items()])
        db.executemany("INSERT INTO cform VALUES (?, ?)", [
            (k, ckey) for ckey, e in res.entities.items() for k in form_keys(e.kind, e.labels)])
        db.executemany("INSERT OR IGNORE INTO fblock VALUES (?, ?)", block_rows(
            f for e in res.entities.values() if e.kind == "person" for f in e.labels))
        reports = [r for x in extractions for r in event_reports(x)]
        db.executemany("INSERT INTO report VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (*r[:7], json.dumps(r.persons), event_bucket(r), res.event_of[(r.article, r.key)]) for r in reports])
        db.executemany("INSERT INTO ref VALUES (?, ?, ?)", [
            (r.article, k, event_bucket(r)) for r in reports for k in ({r.agent, *r.persons} - {None})])
        types = {(r.article, r.key): r.type for r in reports}
        bucket_of = {(r.article, r.key): event_bucket(r) for r in reports}
        db.executemany("INSERT INTO egroup VALUES (?, ?, ?, ?)", [
            (rid, bucket_of[ev.mentions[0]], event_data(ev.mentions, ev.why, ev.date),
             int(any(types[m] in EVENT_CLASSES for m in ev.mentions)))
            for rid, ev in res.events.items()])
        db.executemany("INSERT INTO status VALUES (?, ?, ?, ?, ?, ?)", status_rows)
        refs: dict[int, list[Any]] = {}
        hash_of: dict[str, int] = {}  # each distinct line hashed once (lines are shared objects)
        unit_rows = []
        for name, lines in units.items():
            hashes = []
            for line in lines:
                h = hash_of.get(line)
                if h is None:
                    h = hash_of[line] = line_hash(line)
                    if h in refs:
                        raise _Collision
                    refs[h] = [h, line, 0]
                refs[h][2] += 1
                hashes.append(h)
            unit_rows.append((name, pack(hashes)))
        del hash_of
        db.executemany("INSERT INTO unit VALUES (?, ?)", unit_rows)
        db.executemany("INSERT INTO triple VALUES (?, ?, ?)", sorted(refs.values()))
        for statement in INDEXES.strip().splitlines():
            db.execute(statement)
        set_meta(db, {**info, "format": FORMAT})
        db.execute("COMMIT")
    except _Collision:
        db.close()
        tmp.unlink()
        with contextlib.suppress(FileNotFoundError):
            final.unlink()
        return
    db.close()
    os.replace(tmp, final)


class _Collision(Exception):
    """Two N-Triples lines with one 64-bit hash (then the store is built in full)."""


def cluster_data(e: Any) -> str:
    return json.dumps({"name": e.name, "labels": list(e.labels), "mentions": [list(m) for m in e.mentions],
                       "why": list(e.why)}, ensure_ascii=False)


def event_data(mentions: Sequence[tuple[str, str]], why: Sequence[str], date: str | None) -> str:
    return json.dumps({"mentions": [list(m) for m in mentions], "why": list(why), "date": date}, ensure_ascii=False)
