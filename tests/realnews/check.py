#!/usr/bin/env python3
"""Validate the real-news annotations against the texts they point into.

Usage: python3 tests/realnews/check.py [FOLDER ...]

FOLDER holds articles.jsonl, gold.jsonl and entities.json (default: tests/realnews, and
any batch folder under tests/realnews/batches/ while a new batch is being annotated). Texts are read from tests/realnews/texts/.
Prints each problem and then "N problems"; exits 0 only when there are none.
Standard library only.
"""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"
STATUSES = {"jailed", "released", "pardoned", "exiled", "died_in_custody", "free", "unknown"}
ROLES = {"president", "opposition figure", "political prisoner", "human rights defender",
         "journalist", "vice president", "official", "military leader", "lawyer", "cleric",
         "artist"}
EVENTS = {"pardon", "release", "arrest", "sentencing", "death_in_custody", "election",
          "protest", "exile", "prisoner_exchange"}
PRECISIONS = {"day", "month", "year", None}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
ARTICLE_KEYS = {"id", "url", "outlet", "title", "published", "published_precision",
                "sha256", "length", "batch", "country", "register"}


def _span(problems, where, text, span):
    if (not isinstance(span, list) or len(span) != 2
            or not all(isinstance(x, int) for x in span)):
        problems.append(f"{where}: evidence_span must be [start, end], got {span!r}")
        return
    start, end = span
    if not 0 <= start < end <= len(text):
        problems.append(f"{where}: evidence_span {span} outside the text (length {len(text)})")


def check_folder(folder: Path) -> list[str]:
    problems: list[str] = []
    articles = {}
    for n, line in enumerate((folder / "articles.jsonl").read_text().splitlines(), 1):
        if not line.strip():
            continue
        a = json.loads(line)
        where = f"{folder.name}/articles.jsonl:{n}"
        missing = ARTICLE_KEYS - a.keys()
        if missing:
            problems.append(f"{where}: missing keys {sorted(missing)}")
        articles[a["id"]] = a
        path = TEXTS / f"{a['id']}.txt"
        if not path.exists():
            problems.append(f"{where}: no text at {path}")
            continue
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != a.get("sha256"):
            problems.append(f"{where}: sha256 does not match {path.name}")
        if len(data.decode("utf-8")) != a.get("length"):
            problems.append(f"{where}: length is {len(data.decode('utf-8'))} characters, not {a.get('length')}")
        pub, prec = a.get("published"), a.get("published_precision")
        if prec not in PRECISIONS:
            problems.append(f"{where}: published_precision {prec!r}")
        if pub is not None and (not DATE.match(pub) or
                                {10: "day", 7: "month", 4: "year"}[len(pub)] != prec):
            problems.append(f"{where}: published {pub!r} does not match precision {prec!r}")
        if pub is None and prec is not None:
            problems.append(f"{where}: no published date but a precision")
    golds = {}
    for n, line in enumerate((folder / "gold.jsonl").read_text().splitlines(), 1):
        if not line.strip():
            continue
        g = json.loads(line)
        aid = g["id"]
        golds[aid] = g
        where = f"{folder.name}/gold {aid}"
        if aid not in articles:
            problems.append(f"{where}: not in articles.jsonl")
            continue
        path = TEXTS / f"{aid}.txt"
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        if g.get("published") != articles[aid].get("published"):
            problems.append(f"{where}: published differs from articles.jsonl")
        if "evidence" in json.dumps(g).replace('"evidence_span"', ""):
            problems.append(f"{where}: quoted evidence; give evidence_span offsets instead")
        names = set()
        for p in g.get("persons", []):
            w = f"{where} person {p.get('name')!r}"
            for form in [p["name"], *p.get("aliases", [])]:
                if form not in text:
                    problems.append(f"{w}: {form!r} is not in the text")
                names.add(form)
            if p.get("status_in_article") not in STATUSES:
                problems.append(f"{w}: status {p.get('status_in_article')!r}")
            for r in p.get("roles", []):
                if r not in ROLES:
                    problems.append(f"{w}: role {r!r}")
            _span(problems, w, text, p.get("evidence_span"))
        for o in g.get("organisations", []):
            for form in [o["name"], *o.get("aliases", [])]:
                if form not in text:
                    problems.append(f"{where} organisation {form!r} is not in the text")
        for i, e in enumerate(g.get("events", [])):
            w = f"{where} event {i}"
            if e.get("type") not in EVENTS:
                problems.append(f"{w}: type {e.get('type')!r}")
            if e.get("date") is not None and not DATE.match(e["date"]):
                problems.append(f"{w}: date {e['date']!r}")
            if e.get("count") is not None and not isinstance(e["count"], int):
                problems.append(f"{w}: count {e['count']!r}")
            for person in e.get("persons", []):
                if person not in names:
                    problems.append(f"{w}: person {person!r} is not a listed person")
            _span(problems, w, text, e.get("evidence_span"))
        for i, c in enumerate(g.get("prisoner_counts", [])):
            w = f"{where} count {i}"
            if not isinstance(c.get("count"), int):
                problems.append(f"{w}: count {c.get('count')!r}")
            _span(problems, w, text, c.get("evidence_span"))
    for aid in articles:
        if aid not in golds:
            problems.append(f"{folder.name}: article {aid} has no gold")
    ent_path = folder / "entities.json"
    if ent_path.exists():
        ents = json.loads(ent_path.read_text())
        seen = set()
        for ent in ents.get("entities", []):
            for aid, forms in ent.get("mentions", {}).items():
                if aid not in golds:
                    problems.append(f"entities {ent['id']}: unknown article {aid}")
                    continue
                gnames = {p["name"] for p in golds[aid]["persons"]}
                if forms and forms[0] not in gnames:
                    problems.append(f"entities {ent['id']}: {forms[0]!r} is not a gold person of {aid}")
                seen.add((aid, forms[0] if forms else None))
        for aid, g in golds.items():
            for p in g["persons"]:
                if (aid, p["name"]) not in seen:
                    problems.append(f"entities: {aid} person {p['name']!r} has no entity")
    else:
        problems.append(f"{folder.name}: no entities.json")
    return problems


def main(argv: list[str]) -> int:
    if any(a in ("-h", "--help") for a in argv):
        print("usage: check.py [FOLDER ...]\n\nValidate articles.jsonl, gold.jsonl and entities.json in each FOLDER "
              "(default: this folder and batches/*) against the texts in texts/; prints each problem, then a count.")
        return 0
    missing = [a for a in argv if not (Path(a) / "articles.jsonl").is_file()]
    if missing:
        print(f"check.py: no articles.jsonl in {', '.join(missing)}", file=sys.stderr)
        return 2
    folders = [Path(a) for a in argv] or [
        f for f in [HERE, *sorted((HERE / "batches").glob("*"))]
        if (f / "articles.jsonl").exists()]
    problems = []
    for folder in folders:
        problems += check_folder(folder)
    for p in problems:
        print(p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
