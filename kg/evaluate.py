"""Score a built graph against gold annotations (``tests/data/corpus/README.md`` format).

The graph is read back with SPARQL into per-article facts (:func:`graph_facts`), so
the scorer sees exactly what a user of the store would see, not the records that
produced it.  :func:`evaluate` then compares those facts with a gold JSONL file,
article by article, and micro-averages the counts over the articles present in
both.  See ``docs/evaluation.md`` for what each score means.

Names are compared with :func:`names_match`, a deliberately strict rule: a scorer
that is more lenient than a careful reader would reward wrong merges.
"""
from __future__ import annotations

import itertools
import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import unquote

from anyascii import anyascii
from rdflib import Graph
from rdflib.namespace import RDFS, SKOS

from kg import names
from kg.errors import UsageError
from kg.namespace import DATA, EVENT_CLASSES, KG, ROLE_TERMS, STATUS_TERMS

__all__ = [
    "ArticleFacts",
    "CORE_ROLES",
    "EvalReport",
    "Finding",
    "Score",
    "evaluate",
    "graph_facts",
    "load_gold",
    "names_match",
]

CORE_ROLES = ("president", "opposition figure", "political prisoner", "human rights defender", "journalist")
#: Score keys in report order, with their table labels.
SCORES = {
    "persons": "persons",
    "status": "status",
    "status_accuracy": "status accuracy",
    "roles": "roles (core)",
    "events_type": "events: type",
    "events_type_count": "events: type+count",
    "events_type_date": "events: type+date",
    "events_type_count_date": "events: type+count+date",
    "counts": "counts",
    "pardons": "pardon events",
    "merge": "merge (pairwise)",
    "remain_jailed": "remain jailed",
}
#: Accuracy scores: ``tp`` right, ``fn`` wrong (``fp`` unused); reported as tp / (tp + fn).
_ACCURACY = ("status_accuracy",)
#: Scores over the whole graph rather than summed per article.
_GRAPH_SCORES = ("merge", "remain_jailed")
_NEEDS_ENTITIES = ("merge",)
_NOT_SCORED_STATUSES = {"free", "unknown"}
#: Gold statuses left out of status accuracy: no cue in the text, nothing to be right about.
_NOT_IN_ACCURACY = {"unknown"}
_ARTICLE_PREFIX = str(DATA["article/"])
_STATUS_OF = {str(v): k for k, v in STATUS_TERMS.items()}
_ROLE_OF = {str(v): k for k, v in ROLE_TERMS.items()}
_EVENT_OF = {str(v): k for k, v in EVENT_CLASSES.items()}
_NS = {"kg": KG._NS, "rdfs": RDFS, "skos": SKOS}


# --- the name rule -----------------------------------------------------------------------


def fold(text: str) -> str:
    """Unicode, case and punctuation folding: ``"Félix  Maradiaga's"`` -> ``"felix maradiaga s"``."""
    text = anyascii(unicodedata.normalize("NFKC", text)).lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def _fold_org(text: str) -> str:
    folded = fold(text)
    return folded[4:] if folded.startswith("the ") else folded




def _surname_slots(toks: list[str]) -> list[int]:
    """Positions that can hold the surname of a full name (two or more tokens).

    The last word; in a three-plus word name also the word before it unless it is a
    known given name (Spanish double surnames: "Edmundo González Urrutia").  A
    surname-first name with a hyphenated given name ("Lai Chee-ying") has it first.
    """
    if len(toks) == 2 and "-" in toks[1] and not names.ARABIC_ARTICLE.match(toks[1]):
        return [0]  # "Lai Chee-ying" (but "Tarek El-Awady", an article and a family name, is last)
    slots = [i for i in range(len(toks) - 1, 0, -1) if toks[i] not in names._PARTICLES][:1]
    if len(toks) >= 3:
        i = len(toks) - 2
        if toks[i] not in names._PARTICLES and not names.is_given_name(toks[i].capitalize()) and i not in slots:
            slots.append(i)
    return slots


def names_match(gold_form: str, predicted_label: str) -> bool:
    """Does ``predicted_label`` name the person the gold calls ``gold_form``?

    * equal after Unicode, case and punctuation folding (titles and possessives
      dropped: "President Maduro's" is "Maduro");
    * a bare surname on either side matches a full name only when it equals that
      name's surname exactly after folding (no transliteration slack);
    * two full names match when their surnames are the same word up to
      transliteration **with the same gendered ending** and their given names are
      compatible (:func:`kg.names.same_person` on the given name + surname);
    * a shared given name alone never matches.
    """
    g_clean, p_clean = names.clean_name(gold_form), names.clean_name(predicted_label)
    g_fold, p_fold = fold(g_clean), fold(p_clean)
    if not g_fold or not p_fold:
        return False
    if g_fold == p_fold:
        return True
    gt, pt = names.tokens(g_clean), names.tokens(p_clean)
    if not gt or not pt or (len(gt) == 1 and len(pt) == 1):
        return False
    if len(gt) == 1 or len(pt) == 1:
        bare, full = (gt[0], pt) if len(gt) == 1 else (pt[0], gt)
        return any(full[i] == bare for i in _surname_slots(full))
    if any(len(t) == 2 and "-" in t[1] and not names.ARABIC_ARTICLE.match(t[1]) for t in (gt, pt)):
        return False  # surname-first forms match only themselves (above) or a bare surname
    for i, j in itertools.product(_surname_slots(gt), _surname_slots(pt)):
        a, b = gt[i], pt[j]
        if names.gender_of_surname(a) != names.gender_of_surname(b) or not names.words_match(a, b):
            continue
        if names.same_person(f"{gt[0]} {a}", f"{pt[0]} {b}"):
            return True
    return False


# --- the graph, read back ------------------------------------------------------------------


@dataclass(frozen=True)
class PersonFact:
    iri: str
    label: str  # rdfs:label
    labels: tuple[str, ...]  # every label (rdfs:label, skos:prefLabel, skos:altLabel), sorted


@dataclass(frozen=True)
class StatusFact:
    person: str  # IRI
    status: str
    date: str | None  # kg:dateFrom
    sentence: str


@dataclass(frozen=True)
class RoleFact:
    person: str
    role: str
    sentence: str


@dataclass(frozen=True)
class EventFact:
    iri: str
    type: str
    count: int | None
    date: str | None
    agent: str | None  # label
    persons: tuple[str, ...]  # labels
    sentence: str


@dataclass(frozen=True)
class CountFact:
    iri: str
    count: int
    reporter: str | None  # label
    reporter_labels: tuple[str, ...]
    kind: str | None
    sentence: str


@dataclass
class ArticleFacts:
    """What the graph says about one article."""

    article: str
    persons: dict[str, PersonFact] = field(default_factory=dict)  # IRI -> person mentioned here
    statuses: dict[str, StatusFact] = field(default_factory=dict)  # IRI -> final non-free status here
    roles: list[RoleFact] = field(default_factory=list)
    events: list[EventFact] = field(default_factory=list)
    counts: list[CountFact] = field(default_factory=list)

    def status_of(self, person: str) -> str:
        """The person's final status here; ``unknown`` when the graph has no claim."""
        found = self.statuses.get(person)
        return found.status if found is not None else "unknown"


_Q_ARTICLES = "SELECT ?a WHERE { ?a a kg:Article }"
_Q_LABELS = "SELECT ?n ?p ?l WHERE { ?n ?p ?l . VALUES ?p { rdfs:label skos:prefLabel skos:altLabel } }"
_Q_PERSONS = "SELECT ?p ?a WHERE { ?p a kg:Person ; kg:mentionedIn ?a }"
_Q_STATUSES = """
SELECT ?s ?p ?st ?from ?a ?start ?sentence WHERE {
  ?s a kg:StatusAssertion ; kg:person ?p ; kg:status ?st ; kg:evidence ?ev .
  ?ev kg:article ?a ; kg:startOffset ?start ; kg:sentence ?sentence .
  OPTIONAL { ?s kg:dateFrom ?from }
}"""
_Q_SUPERSEDED = "SELECT ?a ?b WHERE { ?a kg:supersededBy ?b }"
_Q_CURRENT = "SELECT ?s WHERE { ?p kg:currentStatus ?s }"
_Q_ROLES = """
SELECT ?p ?role ?a ?start ?sentence WHERE {
  ?r a kg:RoleAssertion ; kg:person ?p ; kg:role ?role ; kg:evidence ?ev .
  ?ev kg:article ?a ; kg:startOffset ?start ; kg:sentence ?sentence .
}"""
_Q_EVENTS = """
SELECT ?e ?cls ?a ?start ?sentence ?evcount WHERE {
  ?e a kg:Event , ?cls ; kg:evidence ?ev .
  ?ev kg:article ?a ; kg:startOffset ?start ; kg:sentence ?sentence .
  OPTIONAL { ?ev kg:count ?evcount }
  FILTER (?cls != kg:Event)
}"""
_Q_EVENT_DETAILS = """
SELECT ?e ?count ?date ?agent ?person WHERE {
  ?e a kg:Event .
  OPTIONAL { ?e kg:count ?count }
  OPTIONAL { ?e kg:date ?date }
  OPTIONAL { ?e kg:agent ?agent }
  OPTIONAL { ?e kg:involves ?person }
}"""
_Q_COUNTS = """
SELECT ?c ?n ?kind ?reporter ?a ?start ?sentence WHERE {
  ?c a kg:CountReport ; kg:count ?n ; kg:evidence ?ev .
  ?ev kg:article ?a ; kg:startOffset ?start ; kg:sentence ?sentence .
  OPTIONAL { ?c kg:countKind ?kind }
  OPTIONAL { ?c kg:reportedBy ?reporter }
}"""


def article_id(iri: str) -> str:
    """The article id of a ``kg:Article`` IRI minted by :func:`kg.rdf.article_iri`."""
    tail = iri[len(_ARTICLE_PREFIX) :] if iri.startswith(_ARTICLE_PREFIX) else iri.rsplit("/", 1)[-1]
    return unquote(tail)


def _rows(graph: Graph, query: str) -> Iterable[Any]:
    return graph.query(query, initNs=_NS)


class _Labels:
    """Every label of every node, and its ``rdfs:label`` for display."""

    def __init__(self, graph: Graph) -> None:
        self.all: dict[str, set[str]] = defaultdict(set)
        self.main: dict[str, str] = {}
        for r in _rows(graph, _Q_LABELS):
            node, text = str(r.n), str(r.l)
            self.all[node].add(text)
            if r.p == RDFS.label:
                self.main[node] = min(text, self.main.get(node, text))

    def __call__(self, node: object) -> str:
        key = str(node)
        return self.main.get(key) or min(self.all.get(key, {key}))

    def every(self, node: object) -> tuple[str, ...]:
        return tuple(sorted(self.all.get(str(node)) or {self(node)}))


def graph_facts(graph: Graph) -> dict[str, ArticleFacts]:
    """Per article id, the facts the graph reports from that article.

    A person's status in an article is the last of the status assertions whose
    evidence is in that article, ordered as ``kg.rdf`` orders them (a death in
    custody last; undated first, then by ``kg:dateFrom``; ties in claim order, see
    :func:`_final_statuses`); a person with no such assertion is ``unknown``.

    An event merged across articles keeps one count and one date in the graph: an
    article's own conflicting count is read from its evidence node, but the date is
    the event's.
    """
    facts = {article_id(str(r.a)): ArticleFacts(article_id(str(r.a))) for r in _rows(graph, _Q_ARTICLES)}

    def at(article: object) -> ArticleFacts:
        aid = article_id(str(article))
        return facts.setdefault(aid, ArticleFacts(aid))

    label = _Labels(graph)
    for r in _rows(graph, _Q_PERSONS):
        at(r.a).persons[str(r.p)] = PersonFact(str(r.p), label(r.p), label.every(r.p))
    for art, status in _final_statuses(graph):
        at(art).statuses[status.person] = status
    for art, role in _roles(graph):
        at(art).roles.append(role)
    for art, event in _events(graph, label):
        at(art).events.append(event)
    for art, count in _counts(graph, label):
        at(art).counts.append(count)
    return facts


def _final_statuses(graph: Graph) -> list[tuple[str, StatusFact]]:
    """Each person's last status assertion per article, in ``kg.rdf``'s order.

    That order is: a death in custody last, undated before dated, then by
    ``kg:dateFrom``, then by the claim's place in the article's own order.  It is
    recovered from the graph: the person's ``kg:currentStatus`` is last overall,
    hence last in its own article, and the assertions are linked in order by
    ``kg:supersededBy`` (fewer transitive successors means later).
    """
    current = {str(r.s) for r in _rows(graph, _Q_CURRENT)}
    successor = {str(r.a): str(r.b) for r in _rows(graph, _Q_SUPERSEDED)}

    def successors(node: str) -> int:
        n, seen = 0, {node}
        while (node := successor.get(node, "")) and node not in seen:
            seen.add(node)
            n += 1
        return n

    latest: dict[tuple[str, str], tuple[tuple[bool, bool, bool, str, int, int], StatusFact]] = {}
    for r in _rows(graph, _Q_STATUSES):
        status = _STATUS_OF.get(str(r.st))
        if status is None:
            continue
        date = str(r["from"]) if r["from"] is not None else None
        is_current, died = str(r.s) in current, status == "died_in_custody"
        order = (is_current, died, -successors(str(r.s)), date is not None, date or "", int(r.start))
        key = (str(r.a), str(r.p))
        if key not in latest or order >= latest[key][0]:
            latest[key] = (order, StatusFact(str(r.p), status, date, str(r.sentence)))
    return [(art, fact) for (art, _), (_, fact) in latest.items()]


def _roles(graph: Graph) -> list[tuple[str, RoleFact]]:
    first: dict[tuple[str, str, str], tuple[int, str]] = {}
    for r in _rows(graph, _Q_ROLES):
        role = _ROLE_OF.get(str(r.role))
        if role is None:
            continue
        key = (str(r.a), str(r.p), role)
        if key not in first or int(r.start) < first[key][0]:
            first[key] = (int(r.start), str(r.sentence))
    ordered = sorted(first.items(), key=lambda kv: (kv[0][0], kv[1][0], kv[0][1], kv[0][2]))
    return [(art, RoleFact(person, role, sentence)) for (art, person, role), (_, sentence) in ordered]


def _events(graph: Graph, label: _Labels) -> list[tuple[str, EventFact]]:
    """One fact per (event, reporting article), with that article's first evidence sentence."""
    details: dict[str, dict[str, Any]] = defaultdict(
        lambda: {"count": None, "date": None, "agent": None, "persons": set()}
    )
    for r in _rows(graph, _Q_EVENT_DETAILS):
        d = details[str(r.e)]
        if r["count"] is not None:
            d["count"] = int(r["count"])
        if r.date is not None:
            d["date"] = str(r.date)
        if r.agent is not None:
            d["agent"] = label(r.agent)
        if r.person is not None:
            d["persons"].add(label(r.person))
    reports: dict[tuple[str, str], dict[str, Any]] = {}
    for r in _rows(graph, _Q_EVENTS):
        etype = _EVENT_OF.get(str(r.cls))
        if etype is None:
            continue
        rep = reports.setdefault((str(r.a), str(r.e)), {"type": etype, "start": int(r.start), "count": None})
        if int(r.start) <= rep["start"]:
            rep["start"], rep["sentence"] = int(r.start), str(r.sentence)
        if r.evcount is not None:
            rep["count"] = int(r.evcount)
    out = []
    for (art, e), rep in sorted(reports.items(), key=lambda kv: (kv[0][0], kv[1]["start"], kv[0][1])):
        d = details[e]
        count = rep["count"] if rep["count"] is not None else d["count"]
        persons = tuple(sorted(d["persons"]))
        out.append((art, EventFact(e, rep["type"], count, d["date"], d["agent"], persons, rep["sentence"])))
    return out


def _counts(graph: Graph, label: _Labels) -> list[tuple[str, CountFact]]:
    first: dict[tuple[str, str], tuple[int, CountFact]] = {}
    for r in _rows(graph, _Q_COUNTS):
        reporter = r.reporter
        fact = CountFact(
            str(r.c),
            int(r.n),
            label(reporter) if reporter is not None else None,
            label.every(reporter) if reporter is not None else (),
            str(r.kind) if r.kind is not None else None,
            str(r.sentence),
        )
        key = (str(r.a), str(r.c))
        if key not in first or int(r.start) < first[key][0]:
            first[key] = (int(r.start), fact)
    ordered = sorted(first.items(), key=lambda kv: (kv[0][0], kv[1][0], kv[0][1]))
    return [(art, fact) for (art, _), (_, fact) in ordered]


# --- the gold ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GoldPerson:
    name: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    status: str
    evidence: str

    @property
    def forms(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class GoldEvent:
    type: str
    count: int | None
    date: str | None
    agent: str | None
    persons: tuple[str, ...]
    evidence: str


@dataclass(frozen=True)
class GoldCount:
    count: int
    reporter: str | None
    kind: str
    evidence: str


@dataclass(frozen=True)
class GoldArticle:
    id: str
    published: str | None
    persons: tuple[GoldPerson, ...]
    organisations: tuple[tuple[str, ...], ...]  # name first, then aliases
    events: tuple[GoldEvent, ...]
    counts: tuple[GoldCount, ...]


def _sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (or line) of ``text`` around ``[start, end)``."""
    left = max(text.rfind("\n", 0, start), *(text.rfind(p, 0, start) + 1 for p in (". ", "? ", "! ")))
    right = min(x for x in (text.find("\n", end), *(text.find(p, end) + 1 for p in (". ", "? ", "! ")), len(text))
                if x > 0)
    return " ".join(text[max(left, 0):right].split())


def _evidence(d: dict[str, Any], texts: Mapping[str, str], article: str) -> str:
    """A gold record's evidence: its quote, or the sentence its ``evidence_span`` points into."""
    if d.get("evidence"):
        return str(d["evidence"])
    span = d.get("evidence_span")
    if span is None:
        return ""
    start, end = int(span[0]), int(span[1])
    text = texts.get(article)
    if text is None or not 0 <= start < end <= len(text):
        return f"[characters {start}-{end}]"
    return _sentence_at(text, start, end)


def load_gold(path: Path, texts: Mapping[str, str] | None = None) -> dict[str, GoldArticle]:
    """Read a gold JSONL file (one article per line; blank lines are skipped).

    Evidence is a quote (``evidence``) or character offsets into the article text
    (``evidence_span: [start, end]``), for gold kept apart from texts that may not be
    copied; ``texts`` (article id -> text) turns offsets into the sentence they point
    into.
    """
    texts = texts or {}
    gold: dict[str, GoldArticle] = {}
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise UsageError(f"cannot read the gold file ({exc.strerror})", path=path, fix="check the path") from exc
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            d = json.loads(line)
            art = GoldArticle(
                id=str(d["id"]),
                published=d.get("published"),
                persons=tuple(
                    GoldPerson(
                        p["name"],
                        tuple(p.get("aliases") or ()),
                        tuple(p.get("roles") or ()),
                        p.get("status_in_article") or "unknown",
                        _evidence(p, texts, str(d["id"])),
                    )
                    for p in d.get("persons") or ()
                ),
                organisations=tuple((o["name"], *(o.get("aliases") or ())) for o in d.get("organisations") or ()),
                events=tuple(
                    GoldEvent(
                        e["type"],
                        None if e.get("count") is None else int(e["count"]),
                        e.get("date"),
                        e.get("agent"),
                        tuple(e.get("persons") or ()),
                        _evidence(e, texts, str(d["id"])),
                    )
                    for e in d.get("events") or ()
                ),
                counts=tuple(
                    GoldCount(int(c["count"]), c.get("reported_by"), c.get("kind") or "", _evidence(c, texts, str(d["id"])))
                    for c in d.get("prisoner_counts") or ()
                ),
            )
        except json.JSONDecodeError as exc:
            raise UsageError(f"not valid JSON ({exc.msg})", path=path, line=n, fix="fix the line") from exc
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise UsageError(
                f"not a gold article record ({type(exc).__name__}: {exc})",
                path=path,
                line=n,
                fix="see docs/evaluation.md for the gold format",
            ) from exc
        gold[art.id] = art
    return gold


def _load_entities(path: Path) -> dict[tuple[str, str], str]:
    """``(article id, gold name or alias) -> entity id`` from an entities.json file."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        out: dict[tuple[str, str], str] = {}
        for ent in data["entities"]:
            for aid, forms in ent["mentions"].items():
                for form in forms:
                    out.setdefault((aid, form), str(ent["id"]))
        return out
    except OSError as exc:
        raise UsageError(f"cannot read the entities file ({exc.strerror})", path=path, fix="check the path") from exc
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        raise UsageError(
            f"not an entities file ({exc})",
            path=path,
            fix='expected {"entities": [{"id": ..., "mentions": {article id: [names]}}]}',
        ) from exc


# --- scores and findings -------------------------------------------------------------------


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: Score) -> Score:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn
        return self

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        # 2tp / (2tp + fp + fn): defined (0.0) even when nothing was predicted.
        total = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / total if total else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


@dataclass(frozen=True)
class Finding:
    """A gold fact the graph misses, or a graph fact the gold does not have."""

    article: str
    score: str  # key of SCORES
    what: str
    sentence: str

    def to_dict(self) -> dict[str, str]:
        return {"article": self.article, "score": self.score, "what": self.what, "sentence": self.sentence}


@dataclass
class EvalReport:
    gold: str
    articles: list[str]  # scored: in both the gold and the graph
    missing: list[str]  # gold articles not in the graph
    scores: dict[str, Score]
    per_article: dict[str, dict[str, Score]]
    misses: list[Finding] = field(default_factory=list)
    false_hits: list[Finding] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": self.gold,
            "articles": list(self.articles),
            "missing_from_graph": list(self.missing),
            "scores": {k: s.to_dict() for k, s in self.scores.items()},
            "per_article": {a: {k: s.to_dict() for k, s in sc.items()} for a, sc in self.per_article.items()},
            "misses": [f.to_dict() for f in self.misses],
            "false_hits": [f.to_dict() for f in self.false_hits],
        }

    def to_table(self) -> str:
        def num(x: float | None) -> str:
            return "n/a" if x is None else f"{x:.3f}"

        out = [f"gold: {self.gold}", f"scored articles: {len(self.articles)}"]
        out.append("missing from the graph: " + (", ".join(self.missing) if self.missing else "none"))
        out.append("")
        out.append(f"{'score':<26}{'tp':>6}{'fp':>6}{'fn':>6}{'precision':>11}{'recall':>9}{'F1':>8}")
        for key, s in self.scores.items():
            if key in _ACCURACY:
                continue
            out.append(
                f"{SCORES[key]:<26}{s.tp:>6}{s.fp:>6}{s.fn:>6}{num(s.precision):>11}{num(s.recall):>9}{num(s.f1):>8}"
            )
        for key in _ACCURACY:
            if key in self.scores:
                s = self.scores[key]
                out.append(f"{SCORES[key]:<26}{s.tp:>6} right of {s.tp + s.fn}: {num(s.recall)}")
        keys = [k for k in SCORES if k not in _GRAPH_SCORES and k in self.scores]
        short = {"persons": "pers", "status": "stat", "roles": "role", "events_type": "ev",
                 "events_type_count": "ev+n", "events_type_date": "ev+d", "events_type_count_date": "ev+nd",
                 "counts": "cnt", "status_accuracy": "st.acc", "pardons": "pard"}  # fmt: skip
        width = max([len(a) for a in self.articles] + [7])
        out += ["", "F1 per article (st.acc: accuracy):", f"{'article':<{width}}" + "".join(f"{short[k]:>7}" for k in keys)]
        for a in self.articles:
            cells = (self.per_article[a][k].recall if k in _ACCURACY else self.per_article[a][k].f1 for k in keys)
            out.append(f"{a:<{width}}" + "".join(f"{num(x):>7}" for x in cells))
        for title, findings in (("misses (in the gold, not in the graph)", self.misses),
                                ("false hits (in the graph, not in the gold)", self.false_hits)):  # fmt: skip
            out += ["", f"{title}: {len(findings)}"]
            current = None
            for f in findings:
                if f.article != current:
                    current = f.article
                    out.append(f"  {current}")
                out.append(f"    {f.what}")
                if f.sentence:
                    out.append(f"        “{f.sentence}”")
        return "\n".join(out)


# --- matching ------------------------------------------------------------------------------

_G = TypeVar("_G")
_P = TypeVar("_P")


def _greedy(gold: Sequence[_G], pred: Sequence[_P], ok: Callable[[_G, _P], bool]) -> dict[int, int]:
    """One-to-one, in gold order, each to the first free prediction ``ok`` accepts."""
    taken: set[int] = set()
    pairs: dict[int, int] = {}
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if j not in taken and ok(g, p):
                pairs[i] = j
                taken.add(j)
                break
    return pairs


def _tiered(gold: Sequence[_G], pred: Sequence[_P], *tiers: Callable[[_G, _P], bool]) -> dict[int, int]:
    """:func:`_greedy` with each criterion in turn over what the earlier ones left."""
    pairs: dict[int, int] = {}
    for ok in tiers:
        free_g = [i for i in range(len(gold)) if i not in pairs]
        free_p = [j for j in range(len(pred)) if j not in pairs.values()]
        found = _greedy([gold[i] for i in free_g], [pred[j] for j in free_p], ok)
        pairs.update({free_g[i]: free_p[j] for i, j in found.items()})
    return pairs


def _match_persons(gold: Sequence[GoldPerson], pred: Sequence[PersonFact]) -> dict[int, str]:
    """Maximum one-to-one matching of gold persons to graph persons (augmenting paths).

    Candidates are tried in order: a label equal to the gold name, to a gold alias,
    then one that matches by the name rule; so when the graph splits a person in two
    the node with the exact spelling is the one matched.
    """
    cands: list[list[int]] = []
    for g in gold:
        scored = []
        for j, p in enumerate(pred):
            labels = {fold(lab) for lab in p.labels}
            if fold(g.name) in labels:
                scored.append((0, j))
            elif any(fold(f) in labels for f in g.aliases):
                scored.append((1, j))
            elif any(names_match(f, lab) for f in g.forms for lab in p.labels):
                scored.append((2, j))
        cands.append([j for _, j in sorted(scored)])
    owner: dict[int, int] = {}  # pred index -> gold index

    def augment(i: int, seen: set[int]) -> bool:
        for j in cands[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(gold)):
        augment(i, set())
    return {i: pred[j].iri for j, i in owner.items()}


def _date_fits(gold: str | None, pred: str | None) -> bool:
    """Equal dates, or a predicted date more precise than the gold's and within it."""
    if gold is None or pred is None:
        return gold == pred
    return pred.startswith(gold)


def _describe_event(type_: str, count: int | None, date: str | None) -> str:
    return f"{type_}, count {'—' if count is None else count}, date {date or '—'}"


class _ArticleScorer:
    def __init__(self, gold: GoldArticle, facts: ArticleFacts) -> None:
        self.gold, self.facts, self.aid = gold, facts, gold.id
        self.scores = {k: Score() for k in SCORES if k not in _GRAPH_SCORES}
        self.misses: list[Finding] = []
        self.false_hits: list[Finding] = []
        self.pred_persons = sorted(facts.persons.values(), key=lambda p: (p.label, p.iri))
        self.match: dict[int, str] = {}

    def miss(self, score: str, what: str, sentence: str) -> None:
        self.scores[score].fn += 1
        self.misses.append(Finding(self.aid, score, what, sentence))

    def false_hit(self, score: str, what: str, sentence: str) -> None:
        self.scores[score].fp += 1
        self.false_hits.append(Finding(self.aid, score, what, sentence))

    def sentence_about(self, iri: str) -> str:
        """Some graph sentence of this article about a person (persons have no evidence node)."""
        status = self.facts.statuses.get(iri)
        if status is not None:
            return status.sentence
        role = next((r for r in self.facts.roles if r.person == iri), None)
        if role is not None:
            return role.sentence
        label = self.label(iri)
        return next((e.sentence for e in self.facts.events if label in e.persons or e.agent == label), "")

    def run(self) -> None:
        self.persons()
        self.statuses()
        self.roles()
        self.events()
        self.counts()

    def persons(self) -> None:
        self.match = _match_persons(self.gold.persons, self.pred_persons)
        matched = set(self.match.values())
        for i, g in enumerate(self.gold.persons):
            if i in self.match:
                self.scores["persons"].tp += 1
            else:
                aka = f" (also {', '.join(g.aliases)})" if g.aliases else ""
                self.miss("persons", f"person: {g.name}{aka}", g.evidence)
        for p in self.pred_persons:
            if p.iri not in matched:
                others = [lab for lab in p.labels if lab != p.label]
                aka = f" (also {', '.join(others)})" if others else ""
                self.false_hit("persons", f"person: {p.label}{aka}", self.sentence_about(p.iri))

    def label(self, iri: str) -> str:
        return self.facts.persons[iri].label if iri in self.facts.persons else iri

    def statuses(self) -> None:
        gold_of = {iri: self.gold.persons[i] for i, iri in self.match.items()}
        for i, g in enumerate(self.gold.persons):
            iri = self.match.get(i)
            got = self.facts.status_of(iri) if iri is not None else None
            finding = f"status: {g.name} {g.status} ({'person not found' if iri is None else f'predicted {got}'})"
            # "status" scores held/freed/exiled/dead people; accuracy also counts "free"
            scored = "status" if g.status not in _NOT_SCORED_STATUSES else None
            if g.status not in _NOT_IN_ACCURACY:
                if got == g.status:
                    self.scores["status_accuracy"].tp += 1
                elif scored is None:  # the others are findings of "status"
                    self.miss("status_accuracy", finding, g.evidence)
                else:
                    self.scores["status_accuracy"].fn += 1
            if scored is not None:
                if got == g.status:
                    self.scores["status"].tp += 1
                else:
                    self.miss("status", finding, g.evidence)
        for iri, s in sorted(self.facts.statuses.items(), key=lambda kv: self.label(kv[0])):
            matched = gold_of.get(iri)
            if matched is not None and matched.status == s.status:
                continue
            why = "person not in the gold" if matched is None else f"gold {matched.status}"
            self.false_hit("status", f"status: {self.label(iri)} {s.status} ({why})", s.sentence)

    def roles(self) -> None:
        gold_of = {iri: self.gold.persons[i] for i, iri in self.match.items()}
        predicted: dict[tuple[str, str], RoleFact] = {}
        for r in self.facts.roles:
            if r.role in CORE_ROLES:
                predicted.setdefault((r.person, r.role), r)
        for i, g in enumerate(self.gold.persons):
            iri = self.match.get(i)
            for role in dict.fromkeys(r for r in g.roles if r in CORE_ROLES):
                if iri is not None and (iri, role) in predicted:
                    self.scores["roles"].tp += 1
                else:
                    why = " (person not found)" if iri is None else ""
                    self.miss("roles", f"role: {g.name} {role}{why}", g.evidence)
        for (iri, role), fact in predicted.items():
            matched = gold_of.get(iri)
            if matched is None or role not in matched.roles:
                why = "person not in the gold" if matched is None else "not in the gold"
                self.false_hit("roles", f"role: {self.label(iri)} {role} ({why})", fact.sentence)

    def events(self) -> None:
        gold, pred = self.gold.events, self.facts.events
        criteria: dict[str, Callable[[GoldEvent, EventFact], bool]] = {
            "events_type": lambda g, p: g.type == p.type,
            "events_type_count": lambda g, p: g.type == p.type and g.count == p.count,
            "events_type_date": lambda g, p: g.type == p.type and g.date == p.date,
            "events_type_count_date": lambda g, p: g.type == p.type and g.count == p.count and g.date == p.date,
        }
        for key, ok in criteria.items():
            pairs = _greedy(gold, pred, ok)
            self.scores[key] = Score(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs))
        # Pardons as pardons.rq lists them: the count as stated, the date to the gold's precision.
        g_pardons = [g for g in gold if g.type == "pardon"]
        p_pardons = [p for p in pred if p.type == "pardon"]
        pairs = _greedy(g_pardons, p_pardons, lambda g, p: g.count == p.count and _date_fits(g.date, p.date))
        self.scores["pardons"] = Score(len(pairs), len(p_pardons) - len(pairs), len(g_pardons) - len(pairs))
        # Findings from the strictest matching; leftovers of one type are paired up
        # so that a wrong count or date reads as such rather than as two unrelated facts.
        strict = _greedy(gold, pred, criteria["events_type_count_date"])
        gold_left = [g for i, g in enumerate(gold) if i not in strict]
        pred_left = [p for j, p in enumerate(pred) if j not in set(strict.values())]
        near = _tiered(
            gold_left,
            pred_left,
            lambda g, p: g.type == p.type and (g.count == p.count or g.date == p.date),
            criteria["events_type"],
        )
        partner = {j: i for i, j in near.items()}
        for i, g in enumerate(gold_left):
            what = f"event: {_describe_event(g.type, g.count, g.date)}"
            if i in near:
                p = pred_left[near[i]]
                what += f" (predicted count {'—' if p.count is None else p.count}, date {p.date or '—'})"
            self.misses.append(Finding(self.aid, "events_type_count_date", what, g.evidence))
        for j, p in enumerate(pred_left):
            what = f"event: {_describe_event(p.type, p.count, p.date)}"
            if j in partner:
                g = gold_left[partner[j]]
                what += f" (gold count {'—' if g.count is None else g.count}, date {g.date or '—'})"
            self.false_hits.append(Finding(self.aid, "events_type_count_date", what, p.sentence))

    def reporter_matches(self, gold: str | None, pred: CountFact) -> bool:
        if gold is None or pred.reporter is None:
            return gold is None and pred.reporter is None
        person = next((g for g in self.gold.persons if gold in g.forms), None)
        if person is not None:
            return any(names_match(f, lab) for f in person.forms for lab in pred.reporter_labels)
        org = next((o for o in self.gold.organisations if gold in o), (gold,))
        return any(_fold_org(f) == _fold_org(lab) for f in org for lab in pred.reporter_labels)

    def counts(self) -> None:
        gold, pred = self.gold.counts, self.facts.counts
        pairs = _greedy(gold, pred, lambda g, p: g.count == p.count and self.reporter_matches(g.reporter, p))
        self.scores["counts"].tp += len(pairs)
        used = set(pairs.values())
        gold_left = [g for i, g in enumerate(gold) if i not in pairs]
        pred_left = [p for j, p in enumerate(pred) if j not in used]
        near = _greedy(gold_left, pred_left, lambda g, p: g.count == p.count)
        partner = {j: i for i, j in near.items()}
        for i, g in enumerate(gold_left):
            why = f" (predicted reporter {pred_left[near[i]].reporter or '—'})" if i in near else ""
            self.miss("counts", f"count: {g.count} {g.kind}, reported by {g.reporter or '—'}{why}", g.evidence)
        for j, p in enumerate(pred_left):
            why = f" (gold reporter {gold_left[partner[j]].reporter or '—'})" if j in partner else ""
            what = f"count: {p.count} {p.kind or ''}, reported by {p.reporter or '—'}{why}"
            self.false_hit("counts", what, p.sentence)


def _merge_score(
    found: list[tuple[str, GoldPerson, str]], entity_ids: dict[tuple[str, str], str]
) -> tuple[Score, list[Finding], list[Finding]]:
    """Pairwise merge precision/recall over found gold persons ``(article, person, graph IRI)``.

    Only articles the entities file covers are scored (an article it does not mention
    has no known identities, so any merge with it would be judged blindly); inside a
    covered article, a gold person missing from the file is its own entity.
    """
    covered = {aid for aid, _name in entity_ids}
    found = [f for f in found if f[0] in covered]
    score, misses, false_hits = Score(), [], []
    ids = [entity_ids.get((aid, g.name)) or f"\x00{aid}/{g.name}" for aid, g, _ in found]
    for (a, b), (ida, idb) in zip(itertools.combinations(found, 2), itertools.combinations(ids, 2)):
        gold_same, pred_same = ida == idb, a[2] == b[2]
        if gold_same and pred_same:
            score.tp += 1
            continue
        if not (gold_same or pred_same):
            continue
        where = f"{a[0]} + {b[0]}" if a[0] != b[0] else a[0]
        pair = f"merge: {a[1].name} ({a[0]}) and {b[1].name} ({b[0]})"
        sentences = f"{a[1].evidence} / {b[1].evidence}"
        if pred_same:
            score.fp += 1
            false_hits.append(Finding(where, "merge", f"{pair} are different people but one node {a[2]}", sentences))
        else:
            score.fn += 1
            misses.append(Finding(where, "merge", f"{pair} are one person but two nodes {a[2]}, {b[2]}", sentences))
    return score, misses, false_hits


def _remain_jailed_score(
    graph: Graph, gold: Mapping[str, GoldArticle], found: list[tuple[str, GoldPerson, str]],
    entity_ids: Mapping[tuple[str, str], str],
) -> tuple[Score, list[Finding], list[Finding]]:
    """``queries/remain_jailed.rq`` against the gold, person by person over the whole set.

    In the gold, an opposition figure (in any article) remains jailed when the latest
    published article that names them leaves them ``jailed``.  A row of the query is
    right when its person is such a gold person (the per-article matching says which).
    """
    def ent(aid: str, person: GoldPerson) -> str:
        return entity_ids.get((aid, person.name)) or f"{aid}/{person.name}"

    latest: dict[str, tuple[str, str, GoldPerson]] = {}
    opposition: set[str] = set()
    for aid, art in gold.items():
        for person in art.persons:
            e = ent(aid, person)
            if "opposition figure" in person.roles:
                opposition.add(e)
            if e not in latest or (art.published or "", aid) >= latest[e][:2]:
                latest[e] = (art.published or "", aid, person)
    wanted = {e for e in opposition if latest[e][2].status == "jailed"}
    ents_of: dict[str, set[str]] = defaultdict(set)
    for aid, person, iri in found:
        ents_of[iri].add(ent(aid, person))
    query = (Path(__file__).resolve().parent.parent / "queries" / "remain_jailed.rq").read_text(encoding="utf-8")
    rows = {str(r.person): str(r.name) for r in graph.query(query)}
    score, misses, false_hits = Score(), [], []
    hit: set[str] = set()
    for iri, name in sorted(rows.items(), key=lambda kv: kv[1]):
        right = ents_of.get(iri, set()) & wanted
        if right:
            hit |= right
        else:
            why = "not a gold person" if iri not in ents_of else "not jailed at the latest article, or no opposition role"
            false_hits.append(Finding("(all)", "remain_jailed", f"remain jailed: {name} ({why})", ""))
    score.tp, score.fp = len(hit), len(false_hits)
    for e in sorted(wanted - hit):
        _pub, aid, person = latest[e]
        score.fn += 1
        misses.append(Finding(aid, "remain_jailed", f"remain jailed: {person.name}", person.evidence))
    return score, misses, false_hits


def evaluate(graph: Graph, gold_path: Path, entities_path: Path | None = None,
             texts: Mapping[str, str] | None = None) -> EvalReport:
    """Score ``graph`` against the gold JSONL at ``gold_path`` (and cross-article
    identity from ``entities_path``, for the merge score).  Only articles in both
    the gold and the graph are scored; counts are micro-averaged over them.
    ``texts`` (article id -> text) shows the sentences of gold given as offsets."""
    gold = load_gold(gold_path, texts)
    entity_ids = _load_entities(entities_path) if entities_path is not None else None
    facts = graph_facts(graph)
    scored = [aid for aid in gold if aid in facts]
    report = EvalReport(
        gold=str(gold_path),
        articles=scored,
        missing=[aid for aid in gold if aid not in facts],
        scores={k: Score() for k in SCORES if k not in _NEEDS_ENTITIES or entity_ids is not None},
        per_article={},
    )
    found: list[tuple[str, GoldPerson, str]] = []
    for aid in scored:
        scorer = _ArticleScorer(gold[aid], facts[aid])
        scorer.run()
        report.per_article[aid] = scorer.scores
        for key, s in scorer.scores.items():
            report.scores[key] += s
        report.misses += scorer.misses
        report.false_hits += scorer.false_hits
        found += [(aid, gold[aid].persons[i], iri) for i, iri in sorted(scorer.match.items())]
    if entity_ids is not None:
        score, misses, false_hits = _merge_score(found, entity_ids)
        report.scores["merge"] = score
        report.misses += misses
        report.false_hits += false_hits
    score, misses, false_hits = _remain_jailed_score(graph, {a: gold[a] for a in scored}, found, entity_ids or {})
    report.scores["remain_jailed"] = score
    report.misses += misses
    report.false_hits += false_hits
    return report
