"""How kg scales to a news graph of about a million triples.

    python bench/graph_scale.py --triples 1000000

Builds a deterministic synthetic corpus (seeded; made-up people, organisations and
places), turns it into a graph with ``kg.rdf.to_graph``, loads it into an on-disk
Oxigraph store with ``kg.store.Store.replace_graph``, runs the flagship queries
through ``kg.query.run_query`` (the CLI's path) and exports Turtle with
``kg.export.export``.  Every figure is printed in seconds and as a ratio against a
baseline measured in the same run on the same store (``SELECT (COUNT(*) AS ?n)
WHERE { ?s ?p ?o }``, a full scan): the machine is noisy, ratios travel better than
seconds.  See ``bench/README.md`` for the method and the last results.

Resolution.  ``kg.resolve._resolve_entities`` compares each name with every cluster
so far (O(mentions x clusters)); at a million triples it would take far longer than
everything else together.  So the big graph takes its *entity* resolution from the
generator's ground truth (it knows who is who) and runs kg's own event resolution
(``kg.resolve._resolve_events``) on it; the full ``kg.resolve.resolve`` is timed on
a series of smaller corpora (``--resolve-series``) to show how it grows.  Pass
``--resolver kg`` to build the big graph with the full resolver anyway.

``tests/test_query_speed.py`` imports :func:`build_corpus` and :func:`truth_resolution`
from here, so the test and the benchmark measure the same kind of graph.
"""
from __future__ import annotations

import argparse
import datetime as _dt
import functools
import gc
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from kg import names  # noqa: E402
from kg.records import (  # noqa: E402
    Article,
    CountClaim,
    Entity,
    Event,
    Evidence,
    Extraction,
    Relation,
    Resolution,
    ResolvedEntity,
    RoleClaim,
    StatusClaim,
)

QUERIES_DIR = ROOT / "queries"
#: The flagship queries, in the order the table lists them.
FLAGSHIP = (
    "remain_jailed.rq",
    "person_status.rq",
    "pardons.rq",
    "prisoner_counts.rq",
    "people.rq",
    "latest_counts.rq",
)
BASELINE_QUERY = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"

# --- names ----------------------------------------------------------------------------
#
# Names must be letters only: kg.names.ascii_fold drops digits, so "Person 12 Surname"
# and "Person 13 Surname" would be one person to the resolver (and one slug).  A
# number is written as consonant-vowel syllables instead.  Inner vowels vary between
# spellings (the resolver's transliteration key drops them), consonants never do, and
# a check consonant keeps any two codes two substitutions apart, so no two people are
# one edit away from each other (kg.names allows one edit of slack in a surname).

_CONSONANTS = "bdfklmnprstvz"  # none that kg.names.skeleton rewrites (c, g, h, j, q, w, x, y)
_VOWELS = "aeiou"


def _code(number: int, width: int) -> list[int]:
    digits = []
    for _ in range(width):
        number, d = divmod(number, len(_CONSONANTS))
        digits.append(d)
    return [*digits, sum(digits) % len(_CONSONANTS)]


def _word(number: int, width: int, variant: int, ending: str = "") -> str:
    digits = _code(number, width)
    letters = [_CONSONANTS[d] + _VOWELS[(d + i * (variant + 1) + variant) % len(_VOWELS)] for i, d in enumerate(digits)]
    return ("".join(letters) + ending).capitalize()


def person_spellings(number: int) -> list[str]:
    """Three spellings of person ``number``'s full name (first = canonical)."""
    given = [_word(number * 7 + 3, 2, v, "r") for v in range(3)]
    surname = [_word(number, 4, v, end) for v, end in enumerate(("nko", "nka", "nko"))]
    return [f"{g} {s}" for g, s in zip(given, surname)]


def person_surname(number: int, variant: int = 0) -> str:
    return person_spellings(number)[variant].split()[-1]


_ORG_SUFFIXES = ("Watch", "Rights Centre", "Monitor", "Legal Aid", "Human Rights Network")


def org_name(number: int, accent: bool = False) -> str:
    stem = _word(number, 2, 0)
    if accent:  # a spelling variant that ascii folding merges
        stem = stem[0] + stem[1:].replace("a", "á", 1)
    return f"{stem} {_ORG_SUFFIXES[number % len(_ORG_SUFFIXES)]}"


def place_name(number: int) -> str:
    return _word(number + 500, 2, 1, "sk")


# --- the synthetic world ----------------------------------------------------------------

_ROLES = ("opposition figure", "political prisoner", "journalist", "human rights defender", "lawyer", "artist", "cleric")
_KINDS = (
    "political prisoners",
    "political prisoners remaining",
    "people detained since the election",
    "people convicted in politically motivated cases",
)
_FIRST_DAY = _dt.date(2019, 1, 1).toordinal()
_LAST_DAY = _dt.date(2025, 12, 31).toordinal()


@dataclass(frozen=True)
class _WorldEvent:
    """An act several articles report (a pardon, a release, an exchange)."""

    type: str
    agent: int  # person number of the president who did it
    count: int
    day: int  # ordinal


@dataclass
class Corpus:
    """Synthetic extractions plus the truth about who is who.

    ``who[(article id, Entity.key)]`` is ``("person", number)``, ``("organisation",
    number)`` or ``("place", number)``.
    """

    extractions: list[Extraction]
    who: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict)


def _world(seed: int, n_articles: int) -> tuple[int, int, int, list[_WorldEvent]]:
    rng = random.Random(f"kg-bench-world:{seed}")
    n_people = max(40, int(n_articles * 0.6))
    n_orgs = max(4, n_articles // 150)
    n_places = max(5, n_articles // 40)
    presidents = 3
    events = [
        _WorldEvent(
            type=rng.choice(("pardon", "pardon", "release", "prisoner_exchange")),
            agent=rng.randrange(presidents),
            count=rng.randrange(5, 400),
            day=rng.randrange(_FIRST_DAY, _LAST_DAY),
        )
        for _ in range(max(5, n_articles // 8))
    ]
    return n_people, n_orgs, n_places, events


def _iso(day: int, precision: int) -> str:
    text = _dt.date.fromordinal(day).isoformat()
    return text[: (4, 7, 10)[precision]]


class _Article:
    """Writes one article's sentences and records, keeping offsets exact."""

    def __init__(self, aid: str) -> None:
        self.aid = aid
        self.sentences: list[str] = []
        self.offset = 0

    def say(self, sentence: str, method: str) -> Evidence:
        start = self.offset
        self.sentences.append(sentence)
        self.offset += len(sentence) + 1
        return Evidence(sentence=sentence, start=start, end=start + len(sentence), method=method)

    @property
    def text(self) -> str:
        return " ".join(self.sentences)


def _pick_person(rng: random.Random, n_people: int, presidents: int = 3) -> int:
    # Squaring skews towards low numbers: a few people are in the news all the time.
    return presidents + int((n_people - presidents) * rng.random() ** 2)


def _article(seed: int, index: int, world: tuple[int, int, int, list[_WorldEvent]], corpus: Corpus) -> Extraction:
    n_people, n_orgs, n_places, world_events = world
    rng = random.Random(f"kg-bench-article:{seed}:{index}")
    aid = f"syn{index:06d}"
    published_day = rng.randrange(_FIRST_DAY + 400, _LAST_DAY)
    art = _Article(aid)
    entities: list[Entity] = []
    roles: list[RoleClaim] = []
    relations: list[Relation] = []
    events: list[Event] = []
    statuses: list[StatusClaim] = []
    counts: list[CountClaim] = []
    keys: dict[tuple[str, int], str] = {}

    def person(number: int, ev: Evidence) -> str:
        if ("person", number) in keys:
            return keys[("person", number)]
        key = f"p{len([k for k in keys if k[0] == 'person']) + 1}"
        keys[("person", number)] = key
        spellings = person_spellings(number)
        variant = rng.randrange(3)
        if rng.random() < 0.08:
            # A bare surname only: the resolver's "fits exactly one cluster" path.
            entities.append(Entity(key, "person", person_surname(number, variant), (), ev))
        else:
            full = spellings[variant]
            aliases = (full.split()[-1], f"{full[0]}. {full.split()[-1]}") if rng.random() < 0.5 else ()
            entities.append(Entity(key, "person", full, aliases, ev))
        corpus.who[(aid, key)] = ("person", number)
        return key

    def organisation(number: int, ev: Evidence) -> str:
        if ("organisation", number) in keys:
            return keys[("organisation", number)]
        key = f"o{len([k for k in keys if k[0] == 'organisation']) + 1}"
        keys[("organisation", number)] = key
        entities.append(Entity(key, "organisation", org_name(number, accent=rng.random() < 0.2), (), ev))
        corpus.who[(aid, key)] = ("organisation", number)
        return key

    def place(number: int, ev: Evidence) -> str:
        if ("place", number) in keys:
            return keys[("place", number)]
        key = f"l{len([k for k in keys if k[0] == 'place']) + 1}"
        keys[("place", number)] = key
        entities.append(Entity(key, "place", place_name(number), (), ev))
        corpus.who[(aid, key)] = ("place", number)
        return key

    def name_of(key: str) -> str:
        return next(e.name for e in entities if e.key == key)

    # 1. world events (reported by several articles, with dates of varying precision)
    n_event = 0
    for _ in range(rng.choice((0, 0, 1, 1, 2))):
        we = world_events[rng.randrange(len(world_events))]
        if we.day > published_day:
            continue
        president = person(we.agent, art.say(f"President {person_spellings(we.agent)[0]} spoke.", "ner"))
        n_event += 1
        date: str | None = _iso(we.day, rng.choice((1, 2, 2)))
        verb = {"pardon": "pardoned", "release": "released", "prisoner_exchange": "exchanged"}[we.type]
        ev = art.say(f"{name_of(president)} {verb} {we.count} prisoners on {date}.", "event")
        events.append(Event(f"e{n_event}", we.type, ev, agent=president, count=we.count, date=date))

    # 2. the people of the article, with roles, statuses and their own events
    number = rng.randrange(n_places)
    place_key = place(number, art.say(f"The trial opened in {place_name(number)}.", "ner"))
    for _ in range(rng.randrange(3, 7)):
        number = _pick_person(rng, n_people)
        if ("person", number) in keys:
            continue
        intro = art.say(f"{person_spellings(number)[rng.randrange(3)]} was named in the case.", "ner")
        key = person(number, intro)
        who = name_of(key)
        for role in rng.sample(_ROLES, rng.choice((1, 1, 2))):
            roles.append(RoleClaim(key, role, art.say(f"{who} is a {role}.", "appos")))
        status = rng.choices(("jailed", "released", "pardoned", "exiled", "died_in_custody"), (60, 20, 10, 8, 2))[0]
        precision = rng.choices((None, 0, 1, 2), (20, 10, 20, 50))[0]
        day = rng.randrange(_FIRST_DAY, published_day)
        date = _iso(day, precision) if precision is not None else None
        event_key: str | None = None
        if status in ("jailed", "released", "died_in_custody") and rng.random() < 0.6:
            etype = {"jailed": rng.choice(("arrest", "sentencing")), "released": "release", "died_in_custody": "death_in_custody"}[status]
            n_event += 1
            event_key = f"e{n_event}"
            ev = art.say(f"{who} was involved in a {etype.replace('_', ' ')} on {date or 'an unknown date'}.", "event")
            events.append(Event(event_key, etype, ev, persons=(key,), date=date, place=place_key if rng.random() < 0.5 else None))
        elif status == "pardoned" and rng.random() < 0.7:
            number = rng.randrange(3)
            agent = person(number, art.say(f"President {person_spellings(number)[0]} signed a decree.", "ner"))
            n_event += 1
            event_key = f"e{n_event}"
            ev = art.say(f"{name_of(agent)} pardoned {who} on {date or 'an unknown date'}.", "event")
            events.append(Event(event_key, "pardon", ev, agent=agent, persons=(key,), date=date))
        statuses.append(StatusClaim(key, status, art.say(f"{who} was {status.replace('_', ' ')}.", "status"), date=date, event=event_key))

    # 3. a relation now and then
    people = [k for (kind, _), k in keys.items() if kind == "person"]
    if len(people) >= 2 and rng.random() < 0.25:
        a, b = rng.sample(people, 2)
        predicate = rng.choice(("spouse_of", "ally_of"))
        relations.append(Relation(a, predicate, b, art.say(f"{name_of(a)} is tied to {name_of(b)}.", "possessive")))

    # 4. reported figures, mostly attributed to an organisation
    for _ in range(rng.choice((1, 1, 2))):
        reporter: str | None = None
        if rng.random() < 0.9:
            number = rng.randrange(n_orgs)
            reporter = organisation(number, art.say(f"{org_name(number)} published its figures.", "ner"))
        precision = rng.choices((None, 1, 2), (60, 25, 15))[0]
        date = _iso(rng.randrange(published_day - 60, published_day), precision) if precision is not None else None
        figure = rng.randrange(800, 1600)
        ev = art.say(f"About {figure} people are counted.", "count")
        counts.append(CountClaim(figure, rng.choice(_KINDS), ev, qualifier=rng.choice((None, "about", "more than")),
                                 reporter=reporter, date=date))

    article = Article(
        id=aid,
        text=art.text,
        source=f"synthetic/{aid}.txt",
        sha256=f"{index:064x}",
        title=f"Synthetic article {index}",
        published=None if rng.random() < 0.03 else _dt.date.fromordinal(published_day).isoformat(),
        outlet=rng.choice(("Example Wire", "Sample Times", "Placeholder Post")),
        url=f"https://example.org/news/{aid}" if rng.random() < 0.7 else None,
    )
    return Extraction(article, tuple(entities), tuple(roles), tuple(relations), tuple(events), tuple(statuses),
                      tuple(counts), model="synthetic", extractor_version="bench")


def build_corpus(n_articles: int, seed: int = 7) -> Corpus:
    """``n_articles`` synthetic extractions; the same ``seed`` gives the same corpus."""
    world = _world(seed, n_articles)
    corpus = Corpus([])
    corpus.extractions = [_article(seed, i, world, corpus) for i in range(n_articles)]
    return corpus


def truth_resolution(corpus: Corpus, events: bool = True) -> Resolution:
    """Entities resolved from the generator's truth; events by kg's own ``_resolve_events``."""
    from kg.resolve import _resolve_events

    spellings: dict[tuple[str, int], dict[str, None]] = {}
    mentions: dict[tuple[str, int], list[tuple[str, str]]] = {}
    for x in sorted(corpus.extractions, key=lambda x: x.article.id):
        for e in x.entities:
            who = corpus.who[(x.article.id, e.key)]
            spellings.setdefault(who, {}).update(dict.fromkeys((e.name, *e.aliases)))
            mentions.setdefault(who, []).append((x.article.id, e.key))
    res = Resolution()
    for who in sorted(mentions):
        kind, number = who
        name = {"person": lambda: person_spellings(number)[0], "organisation": lambda: org_name(number),
                "place": lambda: place_name(number)}[kind]()
        sid = names.slug(name)
        key = f"{kind}/{sid}"
        assert key not in res.entities, f"synthetic names collide: {key}"
        res.entities[key] = ResolvedEntity(sid, kind, name, tuple(dict.fromkeys((name, *spellings[who]))),  # type: ignore[arg-type]
                                           tuple(mentions[who]))
        for m in mentions[who]:
            res.entity_of[m] = key
    if events:
        _resolve_events(sorted(corpus.extractions, key=lambda x: x.article.id), res)
    return res


# --- timing ---------------------------------------------------------------------------


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    value = fn()
    return time.perf_counter() - start, value


def median_time(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times, value = [], None
    for _ in range(repeat):
        t, value = timed(fn)
        times.append(t)
    return statistics.median(times), value


# A latest-per-group query written the obvious way: for every report, "no later report
# of the same reporter and kind exists".  Correlated per row over a large group, it is
# quadratic in the reports; latest_counts.rq ranks inside one aggregate instead.
NAIVE_LATEST_COUNTS = """
PREFIX kg: <https://w3id.org/kg-news/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?reporterName ?kind ?count ?date WHERE {
  ?report a kg:CountReport ; kg:count ?count ; kg:countKind ?kind ; kg:reportedBy ?reporter ; kg:dateFrom ?d .
  ?reporter rdfs:label ?reporterName .
  OPTIONAL { ?report kg:date ?date }
  FILTER NOT EXISTS {
    ?other a kg:CountReport ; kg:countKind ?kind ; kg:reportedBy ?reporter ; kg:dateFrom ?d2 .
    FILTER(?d2 > ?d)
  }
}
"""

_CHILD = """
import sys, time, pyoxigraph
store = pyoxigraph.Store.read_only(sys.argv[1])
start = time.perf_counter()
rows = list(store.query(sys.stdin.read()))
print(time.perf_counter() - start, len(rows))
"""


def time_in_child(oxigraph_dir: Path, query: str, timeout: float) -> float | None:
    """Seconds for ``query`` on a read-only open in a child process; None if it timed out."""
    try:
        out = subprocess.run([sys.executable, "-c", _CHILD, str(oxigraph_dir)], input=query, capture_output=True,
                             text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return float(out.stdout.split()[0])


@dataclass
class Row:
    what: str
    seconds: float | None  # None: did not finish within the timeout
    note: str = ""


def run(args: argparse.Namespace) -> dict[str, Any]:
    from kg.export import export
    from kg.query import run_query
    from kg.rdf import to_graph
    from kg.resolve import resolve
    from kg.store import Store

    rows: list[Row] = []
    info: dict[str, Any] = {"seed": args.seed, "target_triples": args.triples, "resolver": args.resolver}

    # Calibrate: triples per article on a small corpus, then size the real one.
    sample = build_corpus(args.calibrate, args.seed)
    per_article = len(to_graph(sample.extractions, truth_resolution(sample))) / args.calibrate
    n_articles = max(10, round(args.triples / per_article))
    info["articles"] = n_articles

    t, corpus = timed(lambda: build_corpus(n_articles, args.seed))
    info["generate_s"] = round(t, 2)
    info["mentions"] = sum(len(x.entities) for x in corpus.extractions)
    info["events_reported"] = sum(len(x.events) for x in corpus.extractions)

    # Entity + event resolution for the big graph.
    if args.resolver == "kg":
        t, res = timed(lambda: resolve(corpus.extractions))
        rows.append(Row("kg.resolve.resolve (entities + events)", t))
    else:
        t, res = timed(lambda: truth_resolution(corpus, events=False))
        from kg.resolve import _resolve_events

        exs = sorted(corpus.extractions, key=lambda x: x.article.id)
        t, _ = timed(lambda: _resolve_events(exs, res))
        rows.append(Row("kg.resolve._resolve_events (entities from the generator)", t))
    info["entities"] = len(res.entities)
    info["events"] = len(res.events)

    t, graph = timed(lambda: to_graph(corpus.extractions, res))
    rows.append(Row("kg.rdf.to_graph", t))
    info["triples"] = len(graph)

    with tempfile.TemporaryDirectory(prefix="kg-bench-", dir=args.tmp) as tmp:
        store = Store(Path(args.keep) if args.keep else Path(tmp) / "store", create=True)
        t, loaded = timed(functools.partial(store.replace_graph, graph))
        rows.append(Row("Store.replace_graph (rdflib N-Triples + Oxigraph bulk load)", t))
        info["loaded"] = loaded
        del graph
        gc.collect()

        baseline, _ = median_time(lambda: store.query(BASELINE_QUERY).__next__(), args.repeat)
        rows.insert(0, Row("baseline: SELECT (COUNT(*) AS ?n) { ?s ?p ?o }", baseline, f"median of {args.repeat}"))
        for name in FLAGSHIP:
            path = QUERIES_DIR / name
            first, result = timed(lambda: run_query(store, path))
            rest, _ = median_time(lambda: run_query(store, path), args.repeat)
            rows.append(Row(f"queries/{name}", rest, f"{len(result.rows)} rows; first run {first:.3f} s"))

        t, data = timed(lambda: export(store, "turtle"))
        rows.append(Row("kg.export.export turtle (sorted, prefixed)", t, f"{len(data) / 1e6:.0f} MB"))
        del data
        t, data = timed(lambda: store.dump("turtle"))
        rows.append(Row("Store.dump turtle (Oxigraph, unsorted)", t, f"{len(data) / 1e6:.0f} MB"))
        del data

        if args.naive_timeout > 0:
            oxdir = store.oxigraph_dir  # the version replace_graph wrote, closed and final
            seconds = time_in_child(oxdir, NAIVE_LATEST_COUNTS, args.naive_timeout)
            rows.append(Row("for comparison: latest counts via FILTER NOT EXISTS", seconds,
                            "read-only child process" if seconds is not None else f"stopped after {args.naive_timeout:.0f} s"))
        store.close()

    # The full resolver on smaller corpora: how it grows with the corpus.
    series = []
    for n in args.resolve_series:
        small = build_corpus(n, args.seed)
        t, r = timed(lambda: resolve(small.extractions))
        truth = truth_resolution(small, events=False)
        people = sum(1 for k in r.entities if k.startswith("person/"))
        series.append({"articles": n, "mentions": sum(len(x.entities) for x in small.extractions), "seconds": round(t, 3),
                       "people": people, "people_truth": sum(1 for k in truth.entities if k.startswith("person/"))})

    info["rows"] = [row.__dict__ for row in rows]
    info["baseline_s"] = baseline
    info["resolve_series"] = series
    return info


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import pyoxigraph
    import rdflib

    return (f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, "
            f"pyoxigraph {pyoxigraph.__version__}, rdflib {rdflib.__version__}")


def markdown(info: dict[str, Any]) -> str:
    base = info["baseline_s"]
    lines = [
        f"{_dt.date.today().isoformat()}, {machine()}; seed {info['seed']}, {info['articles']} articles, "
        f"{info['mentions']} entity mentions, {info['entities']} entities, {info['events_reported']} event reports "
        f"-> {info['events']} events, **{info['triples']:,} triples** (Oxigraph holds {info['loaded']:,}).",
        "",
        "| step | seconds | x baseline | note |",
        "|---|---:|---:|---|",
    ]
    for row in info["rows"]:
        s = row["seconds"]
        secs = f"{s:.3f}" if s is not None else "> timeout"
        ratio = f"{s / base:.1f}" if s is not None else "-"
        lines.append(f"| {row['what']} | {secs} | {ratio} | {row['note']} |")
    if info["resolve_series"]:
        lines += ["", "Full `kg.resolve.resolve` on smaller corpora (same generator and seed):", "",
                  "| articles | entity mentions | seconds | people found | people (truth) |", "|---:|---:|---:|---:|---:|"]
        for s in info["resolve_series"]:
            lines.append(f"| {s['articles']} | {s['mentions']} | {s['seconds']:.2f} | {s['people']} | {s['people_truth']} |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--triples", type=int, default=1_000_000, help="target graph size (default 1000000)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--repeat", type=int, default=5, help="runs per query; the median is reported (default 5)")
    p.add_argument("--resolver", choices=("truth", "kg"), default="truth",
                   help="entity resolution for the big graph: the generator's truth (default) or kg.resolve.resolve")
    p.add_argument("--resolve-series", type=lambda s: [int(x) for x in s.split(",") if x], default=[100, 200, 400],
                   help="article counts at which to time the full kg.resolve.resolve (default 100,200,400; '' for none)")
    p.add_argument("--naive-timeout", type=float, default=120.0,
                   help="seconds allowed to the FILTER NOT EXISTS comparison query (0 skips it; default 120)")
    p.add_argument("--calibrate", type=int, default=200, help="articles in the sizing sample (default 200)")
    p.add_argument("--tmp", default=None, help="directory for the temporary store")
    p.add_argument("--keep", default=None, metavar="DIR", help="build the store in DIR and keep it (for `kg query --store DIR`)")
    p.add_argument("--json", default=None, help="also write the raw figures to this file")
    args = p.parse_args(argv)
    info = run(args)
    if args.json:
        Path(args.json).write_text(json.dumps(info, indent=2) + "\n", encoding="utf-8")
    print(markdown(info))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
