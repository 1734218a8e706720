"""The scorer: the name rule, graph facts read back with SPARQL, each score's counts.

The graph is built with ``kg.rdf.to_graph`` from hand-made records about made-up
people, so every expected count below follows from the fixture alone (no model):

* article ``x1`` (published 2023-05-10)
    - Oskar Brandt, president (free); Lena Varga, journalist, pardoned;
      Tomas Reiner, opposition figure + political prisoner, jailed;
      Ivo Mark (gold only: the extractor missed him);
      "Watchdog Group" wrongly extracted as a person, with a status
    - events: a pardon of 12 (right), an arrest with a wrong date, a release the gold lacks;
      the gold's protest is missed
    - counts: 340 by Watchdog Group (right); 50 with a reporter where the gold has none
* article ``y2`` (no published date)
    - "T. Reiner" released 2024-06-01 (a later sentence says jailed in 2021: the date wins)
    - Lena Vargova detained then freed (undated: the later sentence wins) - the gold says jailed
    - resolution: Lena Varga and Lena Vargova wrongly merged; Tomas Reiner not merged
* gold article ``z3`` is not in the graph; graph article ``w4`` is not in the gold.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.evaluate import EvalReport, evaluate, graph_facts, names_match
from kg.rdf import entity_iri, to_graph
from kg.records import (
    Article,
    CountClaim,
    Entity,
    Event,
    Evidence,
    Extraction,
    Resolution,
    ResolvedEntity,
    RoleClaim,
    StatusClaim,
)

# --- the name rule -----------------------------------------------------------------------------

SAME = [
    ("Anna Smithson", "anna smithson"),  # case
    ("Félix Marrodán", "Felix Marrodan"),  # accents
    ("Oskar Brandt", "President Oskar Brandt's"),  # title and possessive
    ("Tomas Reiner", "T. Reiner"),  # initial
    ("Reiner", "Tomas Reiner"),  # bare surname in gold, exact
    ("Tomas Reiner", "Reiner"),  # bare surname predicted, exact
    ("Mikhail Zhukouski", "Mikhail Zhukovsky"),  # transliteration
    ("Darya Zhukouskaya", "Daria Zhukovskaya"),
    ("Aliaksandr Kavalenka", "Alexander Kovalenko"),
    ("Pablo Ferrer Lozano", "Pablo Ferrer"),  # double surname
    ("Wong", "Wong Mei-ling"),  # surname-first name, bare surname
    ("Wong Mei-ling", "Wong Mei ling"),
]
APART = [
    ("Darya Zhukouskaya", "Mikhail Zhukouski"),  # gendered variant: wife and husband
    ("Zhukouskaya", "Mikhail Zhukouski"),
    ("Lena Varga", "Lena Vargova"),
    ("Ivan Petrov", "Ivan Petrova"),
    ("Lena Varga", "Lena"),  # a shared given name alone
    ("Lena", "Lena Varga"),
    ("Lena Varga", "Lena Horvath"),
    ("Pablo Andres Lozano", "Andres"),  # a middle given name alone
    ("Zhukovsky", "Mikhail Zhukouski"),  # bare surname: no transliteration slack
    ("Oskar Brandt", "Carl Brandt"),  # same surname, other given name
    ("Valery Brandt", "Veronika Brandt"),
    ("Anna Smithson", "C. Smithson"),
    ("Wong Mei-ling", "Anna Wong"),
    ("Karim El-Dorovy", "Karim"),  # "El-Dorovy" is a family name with its article, not a surname-first given name
    ("Lena Varga", "Lena Vargas"),
    ("", "Lena Varga"),
]


@pytest.mark.parametrize("gold,pred", SAME)
def test_names_match(gold: str, pred: str) -> None:
    assert names_match(gold, pred)


@pytest.mark.parametrize("gold,pred", APART)
def test_names_do_not_match(gold: str, pred: str) -> None:
    assert not names_match(gold, pred)


# --- the fixture ---------------------------------------------------------------------------------

X1 = [
    "President Oskar Brandt pardoned 12 prisoners on May 9, 2023.",
    "Among them was the journalist Lena Varga.",
    "Opposition leader Tomas Reiner, a political prisoner, remains in jail.",
    "Reiner was arrested in March 2021.",
    "Watchdog Group says 340 political prisoners remain.",
    "Five others were released, and 50 were detained, it said.",
]
Y2 = [
    "T. Reiner was released on June 1, 2024.",
    "Lena Vargova was detained.",
    "He had been jailed in 2021.",
    "Vargova was later freed, Brandt's office said.",
]


def _evidence(text: str, sentence: str, method: str = "test") -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence, start, start + len(sentence), method)


def _x1() -> Extraction:
    text = " ".join(X1)
    s = [_evidence(text, x) for x in X1]
    art = Article("x1", text, "x1.txt", "1" * 64, published="2023-05-10")
    entities = (
        Entity("p1", "person", "Oskar Brandt", (), s[0]),
        Entity("p2", "person", "Lena Varga", (), s[1]),
        Entity("p3", "person", "Tomas Reiner", ("Reiner",), s[2]),
        Entity("p4", "person", "Watchdog Group", (), s[4]),
        Entity("o1", "organisation", "Watchdog Group", (), s[4]),
    )
    roles = (
        RoleClaim("p1", "president", s[0]),
        RoleClaim("p1", "official", s[0]),  # not a core role: ignored
        RoleClaim("p2", "journalist", s[1]),
        RoleClaim("p2", "political prisoner", s[1]),
        RoleClaim("p3", "opposition figure", s[2]),
    )
    events = (
        Event("e1", "pardon", s[0], agent="p1", persons=("p2",), count=12, date="2023-05-09"),
        Event("e2", "arrest", s[3], persons=("p3",), date="2021-03"),
        Event("e3", "release", s[5], count=5),
    )
    statuses = (
        StatusClaim("p2", "pardoned", s[1], date="2023-05-09", event="e1"),
        StatusClaim("p3", "jailed", s[2]),
        StatusClaim("p4", "jailed", s[4]),
    )
    counts = (
        CountClaim(340, "political prisoners", s[4], reporter="o1"),
        CountClaim(50, "detained", s[5], reporter="o1"),
    )
    return Extraction(art, entities, roles, (), events, statuses, counts)


def _y2() -> Extraction:
    text = " ".join(Y2)
    s = [_evidence(text, x) for x in Y2]
    art = Article("y2", text, "y2.txt", "2" * 64)
    entities = (
        Entity("p1", "person", "T. Reiner", (), s[0]),
        Entity("p2", "person", "Lena Vargova", ("Vargova",), s[1]),
        Entity("p3", "person", "Brandt", (), s[3]),
    )
    roles = (RoleClaim("p2", "opposition figure", s[1]),)
    events = (Event("e1", "release", s[0], persons=("p1",), date="2024-06-01"),)
    statuses = (
        StatusClaim("p1", "released", s[0], date="2024-06-01", event="e1"),
        StatusClaim("p2", "jailed", s[1]),
        StatusClaim("p1", "jailed", s[2], date="2021"),
        StatusClaim("p2", "released", s[3]),
    )
    return Extraction(art, entities, roles, (), events, statuses)


def _resolution() -> Resolution:
    people = {
        "oskar-brandt": ("Oskar Brandt", (("x1", "p1"), ("y2", "p3"))),
        "lena-varga": ("Lena Varga", (("x1", "p2"), ("y2", "p2"))),  # the wrong merge
        "tomas-reiner": ("Tomas Reiner", (("x1", "p3"),)),  # the missed merge ...
        "t-reiner": ("T. Reiner", (("y2", "p1"),)),  # ... with this one
        "watchdog-group": ("Watchdog Group", (("x1", "p4"),)),
    }
    res = Resolution()
    for slug, (name, mentions) in people.items():
        res.entities[f"person/{slug}"] = ResolvedEntity(slug, "person", name, (name,), mentions)
    res.entities["organisation/watchdog-group"] = ResolvedEntity(
        "watchdog-group", "organisation", "Watchdog Group", ("Watchdog Group",), (("x1", "o1"),)
    )
    res.entity_of = {m: key for key, r in res.entities.items() for m in r.mentions}
    return res


def _person(name: str, status: str, evidence: str, roles: tuple[str, ...] = (), aliases: tuple[str, ...] = ()) -> dict:
    return {
        "name": name,
        "aliases": list(aliases),
        "roles": list(roles),
        "status_in_article": status,
        "evidence": evidence,
    }


def _event(type_: str, evidence: str, count: int | None = None, date: str | None = None) -> dict:
    return {"type": type_, "agent": None, "count": count, "date": date, "persons": [], "evidence": evidence}


GOLD = [
    {
        "id": "x1",
        "published": "2023-05-10",
        "persons": [
            _person("Oskar Brandt", "free", "President Oskar Brandt", ("president",)),
            _person("Lena Varga", "pardoned", "the journalist Lena Varga", ("journalist",)),
            _person("Tomas Reiner", "jailed", "Tomas Reiner, a political prisoner, remains in jail",
                    ("opposition figure", "political prisoner", "lawyer"), ("Reiner",)),  # fmt: skip
            _person("Ivo Mark", "jailed", "Ivo Mark, a rights activist, is held", ("human rights defender",)),
        ],
        "organisations": [{"name": "Watchdog Group", "aliases": ["the Watchdog"]}],
        "events": [
            _event("pardon", "pardoned 12 prisoners on May 9, 2023", 12, "2023-05-09"),
            _event("arrest", "Reiner was arrested in 2021", None, "2021"),
            _event("protest", "crowds protested in May", None, "2023-05"),
        ],
        "prisoner_counts": [
            {"count": 340, "reported_by": "the Watchdog", "kind": "political prisoners remaining",
             "evidence": "Watchdog Group says 340 political prisoners remain"},
            {"count": 50, "reported_by": None, "kind": "detained", "evidence": "50 were detained"},
        ],  # fmt: skip
    },
    {
        "id": "y2",
        "published": None,
        "persons": [
            _person("Tomas Reiner", "released", "T. Reiner was released"),
            _person("Lena Vargova", "jailed", "Lena Vargova was detained", aliases=("Vargova",)),
            _person("Oskar Brandt", "free", "Brandt's office said", ("president",)),
        ],
        "organisations": [],
        "events": [
            _event("release", "T. Reiner was released on June 1, 2024", None, "2024-06-01"),
            _event("arrest", "Lena Vargova was detained"),
        ],
        "prisoner_counts": [],
    },
    {"id": "z3", "published": None, "persons": [], "organisations": [], "events": [], "prisoner_counts": []},
]
ENTITIES = {
    "entities": [
        {"id": "oskar_brandt", "mentions": {"x1": ["Oskar Brandt"], "y2": ["Oskar Brandt"]}},
        {"id": "lena_varga", "mentions": {"x1": ["Lena Varga"]}},
        {"id": "lena_vargova", "mentions": {"y2": ["Lena Vargova", "Vargova"]}},
        {"id": "tomas_reiner", "mentions": {"x1": ["Tomas Reiner", "Reiner"], "y2": ["Tomas Reiner"]}},
        {"id": "ivo_mark", "mentions": {"x1": ["Ivo Mark"]}},
    ],
    "do_not_merge": [{"a": "lena_varga", "b": "lena_vargova", "why": "different people"}],
}


@pytest.fixture()
def graph():  # type: ignore[no-untyped-def]
    w4 = Extraction(Article("w4", "Nothing here.", "w4.txt", "4" * 64))
    return to_graph([_x1(), _y2(), w4], _resolution())


@pytest.fixture()
def files(tmp_path: Path) -> tuple[Path, Path]:
    gold = tmp_path / "gold.jsonl"
    gold.write_text("\n".join(json.dumps(g) for g in GOLD) + "\n", encoding="utf-8")
    entities = tmp_path / "entities.json"
    entities.write_text(json.dumps(ENTITIES), encoding="utf-8")
    return gold, entities


@pytest.fixture()
def report(graph, files) -> EvalReport:  # type: ignore[no-untyped-def]
    return evaluate(graph, *files)


def _person_iri(slug: str) -> str:
    return str(entity_iri("person", slug))


# --- graph facts ----------------------------------------------------------------------------------


def test_graph_facts_per_article(graph) -> None:  # type: ignore[no-untyped-def]
    facts = graph_facts(graph)
    assert sorted(facts) == ["w4", "x1", "y2"]
    x1, y2 = facts["x1"], facts["y2"]
    assert {p.label for p in x1.persons.values()} == {"Oskar Brandt", "Lena Varga", "Tomas Reiner", "Watchdog Group"}
    assert x1.status_of(_person_iri("oskar-brandt")) == "unknown"  # no claim, no status
    assert x1.status_of(_person_iri("lena-varga")) == "pardoned"
    # A dated assertion beats a later sentence with an earlier date ...
    assert y2.status_of(_person_iri("t-reiner")) == "released"
    # ... and among undated ones the later sentence wins.
    assert y2.status_of(_person_iri("lena-varga")) == "released"
    assert y2.statuses[_person_iri("lena-varga")].sentence == "Vargova was later freed, Brandt's office said."
    # The merged node carries the labels of both articles.
    assert set(y2.persons[_person_iri("lena-varga")].labels) == {"Lena Varga", "Lena Vargova", "Vargova"}
    assert [(e.type, e.count, e.date) for e in x1.events] == [
        ("pardon", 12, "2023-05-09"),
        ("arrest", None, "2021-03"),
        ("release", 5, None),
    ]
    assert x1.events[0].agent == "Oskar Brandt" and x1.events[0].persons == ("Lena Varga",)
    assert [(c.count, c.reporter) for c in x1.counts] == [(340, "Watchdog Group"), (50, "Watchdog Group")]
    assert {(r.role) for r in x1.roles if r.person == _person_iri("oskar-brandt")} == {"president", "official"}


def test_final_status_follows_rdf_order() -> None:
    """Claims with the same date keep kg.rdf's claim order, not the text order, even
    when the person's current status is in another article; a death in custody is
    final (as kg:currentStatus says)."""
    from rdflib import URIRef

    from kg.namespace import KG, STATUS_TERMS

    t1 = [
        "Nina Sorel was pardoned on January 5.",
        "Sorel was released that day.",
        "Piet Anker died in custody in 2023.",
    ]
    t2 = ["Nina Sorel was jailed again in 2025."]
    s1 = [_evidence(" ".join(t1), x) for x in t1]
    s2 = [_evidence(" ".join(t2), x) for x in t2]
    x1 = Extraction(
        Article("t1", " ".join(t1), "t1.txt", "5" * 64, published="2024-01-10"),
        (Entity("p1", "person", "Nina Sorel", ("Sorel",), s1[0]), Entity("p2", "person", "Piet Anker", (), s1[2])),
        statuses=(
            StatusClaim("p1", "released", s1[1], date="2024-01-05"),  # later in the text, earlier in claim order
            StatusClaim("p1", "pardoned", s1[0], date="2024-01-05"),
            StatusClaim("p2", "died_in_custody", s1[2], date="2023"),
            StatusClaim("p2", "released", s1[2], date="2024"),
        ),
    )
    x2 = Extraction(
        Article("t2", " ".join(t2), "t2.txt", "6" * 64),
        (Entity("p1", "person", "Nina Sorel", (), s2[0]),),
        statuses=(StatusClaim("p1", "jailed", s2[0], date="2025"),),
    )
    res = Resolution()
    for slug, mentions in (("nina-sorel", (("t1", "p1"), ("t2", "p1"))), ("piet-anker", (("t1", "p2"),))):
        res.entities[f"person/{slug}"] = ResolvedEntity(slug, "person", slug, (), mentions)
        res.entity_of.update({m: f"person/{slug}" for m in mentions})
    g = to_graph([x1, x2], res)
    facts = graph_facts(g)
    assert facts["t1"].status_of(_person_iri("nina-sorel")) == "pardoned"
    assert facts["t2"].status_of(_person_iri("nina-sorel")) == "jailed"
    assert facts["t1"].status_of(_person_iri("piet-anker")) == "died_in_custody"
    status_of_term = {v: k for k, v in STATUS_TERMS.items()}
    for slug, expected in (("nina-sorel", "jailed"), ("piet-anker", "died_in_custody")):
        current = g.value(URIRef(_person_iri(slug)), KG.currentStatus)
        assert status_of_term[g.value(current, KG.status)] == expected


# --- scores ------------------------------------------------------------------------------------------


EXPECTED = {
    "persons": (6, 1, 1),
    "status": (3, 2, 2),
    "roles": (3, 2, 3),
    "events_type": (3, 1, 2),
    "events_type_count": (3, 1, 2),
    "events_type_date": (2, 2, 3),
    "events_type_count_date": (2, 2, 3),
    "counts": (1, 1, 1),
    "merge": (1, 1, 1),
}


@pytest.mark.parametrize("key", EXPECTED)
def test_scores(report: EvalReport, key: str) -> None:
    s = report.scores[key]
    assert (s.tp, s.fp, s.fn) == EXPECTED[key]


def test_scored_and_missing_articles(report: EvalReport) -> None:
    assert report.articles == ["x1", "y2"]
    assert report.missing == ["z3"]
    x1 = report.per_article["x1"]
    assert (x1["status"].tp, x1["status"].fp, x1["status"].fn) == (2, 1, 1)


def test_precision_recall_f1(report: EvalReport) -> None:
    s = report.scores["persons"]
    assert s.precision == pytest.approx(6 / 7)
    assert s.recall == pytest.approx(6 / 7)
    assert s.f1 == pytest.approx(6 / 7)


def _findings(items, score: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {f.what: f.sentence for f in items if f.score == score}


def test_misses_name_the_gold_sentence(report: EvalReport) -> None:
    assert _findings(report.misses, "persons") == {"person: Ivo Mark": "Ivo Mark, a rights activist, is held"}
    assert _findings(report.misses, "status") == {
        "status: Ivo Mark jailed (person not found)": "Ivo Mark, a rights activist, is held",
        "status: Lena Vargova jailed (predicted released)": "Lena Vargova was detained",
    }
    assert set(_findings(report.misses, "roles")) == {
        "role: Tomas Reiner political prisoner",
        "role: Ivo Mark human rights defender (person not found)",
        "role: Oskar Brandt president",
    }
    events = _findings(report.misses, "events_type_count_date")
    wrong_date = "event: arrest, count —, date 2021 (predicted count —, date 2021-03)"
    assert events[wrong_date] == "Reiner was arrested in 2021"
    assert events["event: protest, count —, date 2023-05"] == "crowds protested in May"
    assert _findings(report.misses, "counts") == {
        "count: 50 detained, reported by — (predicted reporter Watchdog Group)": "50 were detained"
    }
    (merge,) = [f for f in report.misses if f.score == "merge"]
    assert merge.article == "x1 + y2"
    assert merge.what.startswith("merge: Tomas Reiner (x1) and Tomas Reiner (y2) are one person but two nodes")
    assert merge.sentence == "Tomas Reiner, a political prisoner, remains in jail / T. Reiner was released"


def test_false_hits_name_the_graph_sentence(report: EvalReport) -> None:
    assert _findings(report.false_hits, "persons") == {"person: Watchdog Group": X1[4]}
    assert _findings(report.false_hits, "status") == {
        "status: Watchdog Group jailed (person not in the gold)": X1[4],
        "status: Lena Varga released (gold jailed)": Y2[3],
    }
    assert _findings(report.false_hits, "roles") == {
        "role: Lena Varga political prisoner (not in the gold)": X1[1],
        "role: Lena Varga opposition figure (not in the gold)": Y2[1],
    }
    assert _findings(report.false_hits, "events_type_count_date") == {
        "event: arrest, count —, date 2021-03 (gold count —, date 2021)": X1[3],
        "event: release, count 5, date —": X1[5],
    }
    (merge,) = [f for f in report.false_hits if f.score == "merge"]
    assert merge.what == (
        "merge: Lena Varga (x1) and Lena Vargova (y2) are different people but one node " + _person_iri("lena-varga")
    )


def test_merge_needs_entities(graph, files) -> None:  # type: ignore[no-untyped-def]
    report = evaluate(graph, files[0])
    assert "merge" not in report.scores
    assert not [f for f in report.misses + report.false_hits if f.score == "merge"]


def test_table_and_dict(report: EvalReport) -> None:
    table = report.to_table()
    assert "missing from the graph: z3" in table
    assert "status: Lena Vargova jailed (predicted released)" in table
    assert "“Lena Vargova was detained”" in table
    data = json.loads(json.dumps(report.to_dict()))
    assert data["scores"]["merge"] == {"tp": 1, "fp": 1, "fn": 1, "precision": 0.5, "recall": 0.5, "f1": 0.5}
    assert data["missing_from_graph"] == ["z3"]
    assert {"article": "x1", "score": "persons", "what": "person: Ivo Mark",
            "sentence": "Ivo Mark, a rights activist, is held"} in data["misses"]  # fmt: skip


def test_bad_gold_line_names_the_line(graph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from kg.errors import UsageError

    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(GOLD[2]) + "\n{not json\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"gold\.jsonl:2: not valid JSON"):
        evaluate(graph, gold)


def test_merge_ignores_articles_the_entities_file_does_not_cover(graph, files, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # Without y2 in the entities file, its people have no known identity: pairs with
    # them are not scored (neither as wrong merges nor as missed ones).
    only_x1 = {"entities": [{"id": e["id"], "mentions": {k: v for k, v in e["mentions"].items() if k == "x1"}}
                            for e in ENTITIES["entities"] if "x1" in e["mentions"]]}
    entities = tmp_path / "x1_only.json"
    entities.write_text(json.dumps(only_x1), encoding="utf-8")
    report = evaluate(graph, files[0], entities)
    merge = report.scores["merge"]
    assert (merge.tp, merge.fp, merge.fn) == (0, 0, 0)
    assert not [f for f in report.misses + report.false_hits if f.score == "merge" and "y2" in f.article]
