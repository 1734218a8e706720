"""Cross-article event resolution: one event, many reports (kg.resolve._resolve_events).

Hand-built records; every person is made up.  Each article is one sentence that
reports one event (or two), so the expected resolution is plain from the records:

* two reports of the same pardon (same type, count, agent; dates 2024-12 and
  2024-12-28) are one event node with both articles, both evidence sentences and a
  kg:mergeReason that names the second article and why;
* equal counts alone are not enough: undated reports, different agents, a different
  count or a different type keep the events apart;
* an undated report joins the one dated act of its type and count that shares named
  people with it, and its statuses take that act's date; with two such acts, or only the
  agent in common, it stays apart;
* the resolution (ids included) does not depend on the order of the input.
"""
from __future__ import annotations

import itertools

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from kg.namespace import KG
from kg.rdf import article_iri, event_iri, to_graph
from kg.records import Article, Entity, Event, Evidence, Extraction, Resolution
from kg.resolve import resolve

AGENT = "Orlan Vesk"
OTHER_AGENT = "Bram Tulliver"


def report(
    aid: str,
    sentence: str,
    *,
    type: str = "pardon",
    count: int | None = 25,
    date: str | None = "2024-12",
    agent: str | None = AGENT,
    persons: tuple[str, ...] = (),
    published: str | None = "2024-12-30",
    events: int = 1,
) -> Extraction:
    """One article whose only sentence reports ``events`` identical events."""
    ev = Evidence(sentence=sentence, start=0, end=len(sentence), method="event")
    entities = []
    if agent is not None:
        entities.append(Entity("p1", "person", agent, (agent.split()[-1],), ev))
    keys = []
    for i, name in enumerate(persons, start=2):
        entities.append(Entity(f"p{i}", "person", name, (), ev))
        keys.append(f"p{i}")
    reported = tuple(
        Event(f"e{n}", type, ev, agent="p1" if agent else None, persons=tuple(keys), count=count, date=date)
        for n in range(1, events + 1)
    )
    article = Article(id=aid, text=sentence, source=f"tests/fixtures/{aid}.txt", sha256=aid.ljust(64, "0"),
                      published=published)
    return Extraction(article, tuple(entities), events=reported, model="none", extractor_version="test")


def events_of(res: Resolution) -> list[list[tuple[str, str]]]:
    """The resolved events as sorted lists of (article, event key) mentions."""
    return sorted(sorted(e.mentions) for e in res.events.values())


# --- (a) two reports of one pardon ------------------------------------------------------


def same_pardon_twice() -> list[Extraction]:
    return [
        report("m1", "President Orlan Vesk pardoned 25 prisoners in December.", date="2024-12"),
        report("m2", "Vesk pardoned 25 prisoners on December 28, 2024.", date="2024-12-28", agent="Orlan Vesk"),
    ]


def test_same_pardon_in_two_articles_is_one_event() -> None:
    res = resolve(same_pardon_twice())
    assert res.entity_of[("m1", "p1")] == res.entity_of[("m2", "p1")], "the agent must resolve to one person first"
    assert events_of(res) == [[("m1", "e1"), ("m2", "e1")]]
    (event,) = res.events.values()
    assert event.id == "m1/e1"  # the first report (by article id) names the event
    assert res.event_of == {("m1", "e1"): "m1/e1", ("m2", "e1"): "m1/e1"}


def test_merged_pardon_in_the_graph() -> None:
    exs = same_pardon_twice()
    g = to_graph(exs, resolve(exs))
    pardons = set(g.subjects(RDF.type, KG.Pardon))
    node = event_iri("m1/e1")
    assert pardons == {node}
    assert set(g.objects(node, KG.reportedIn)) == {article_iri("m1"), article_iri("m2")}
    evidence = set(g.objects(node, KG.evidence))
    assert len(evidence) == 2
    assert {str(g.value(e, KG.sentence)) for e in evidence} == {x.article.text for x in exs}
    assert {g.value(e, KG.article) for e in evidence} == {article_iri("m1"), article_iri("m2")}
    assert set(g.objects(node, KG.count)) == {Literal(25)}
    (reason,) = [str(r) for r in g.objects(node, KG.mergeReason)]
    # names the article that was merged in, and why
    assert reason.startswith("m2 ")
    for part in ("pardon", "count 25", "2024-12-28", "2024-12", "same agent"):
        assert part in reason, (part, reason)


def test_shared_people_also_merge() -> None:
    people = ("Tamsin Arkwright",)
    exs = [
        report("r1", "Tamsin Arkwright and two others were released in March.", type="release", count=3,
               date="2024-03", agent=None, persons=people),
        report("r2", "Three prisoners, Tamsin Arkwright among them, walked free on March 4, 2024.", type="release",
               count=3, date="2024-03-04", agent=None, persons=people),
    ]
    res = resolve(exs)
    assert events_of(res) == [[("r1", "e1"), ("r2", "e1")]]
    (event,) = res.events.values()
    assert event.why and "shared people" in event.why[0]


# --- (b), (c) reports that stay apart -----------------------------------------------------


@pytest.mark.parametrize(
    "first,second",
    [
        pytest.param(dict(date=None), dict(date=None), id="equal counts, no dates"),
        pytest.param(dict(date="2024-12"), dict(date=None), id="one side undated, the same agent only"),
        pytest.param(dict(agent=AGENT), dict(agent=OTHER_AGENT), id="different agents"),
        pytest.param(dict(agent=None), dict(agent=None), id="no agent, no shared people"),
        pytest.param(dict(count=25), dict(count=30), id="different counts"),
        pytest.param(dict(count=None), dict(count=None), id="no counts"),
        pytest.param(dict(date="2024-11"), dict(date="2024-12-28"), id="incompatible dates"),
        pytest.param(dict(type="pardon"), dict(type="release"), id="different types"),
    ],
)
def test_reports_that_stay_two_events(first: dict, second: dict) -> None:
    exs = [
        report("s1", "A pardon was announced.", **first),
        report("s2", "Prisoners were freed under a decree.", **second),
    ]
    res = resolve(exs)
    assert events_of(res) == [[("s1", "e1")], [("s2", "e1")]]
    assert all(not e.why for e in res.events.values())
    g = to_graph(exs, res)
    events = set(g.subjects(RDF.type, KG.Event))
    assert events == {event_iri("s1/e1"), event_iri("s2/e1")}
    assert not list(g.objects(None, KG.mergeReason))


def test_two_events_in_one_article_never_merge() -> None:
    res = resolve([report("d1", "Vesk pardoned 25 prisoners, and later 25 more.", events=2)])
    assert events_of(res) == [[("d1", "e1")], [("d1", "e2")]]


def test_a_day_report_does_not_join_a_group_fixed_to_another_day() -> None:
    # m1 (December) and m2 (December 28) are one pardon.  m3 (December 3) fits m1's
    # month but not the day m2 fixed: it is another act, not a third report.
    exs = [*same_pardon_twice(), report("m3", "Vesk pardoned 25 prisoners on December 3, 2024.", date="2024-12-03")]
    res = resolve(exs)
    assert events_of(res) == [[("m1", "e1"), ("m2", "e1")], [("m3", "e1")]]


def test_a_later_report_can_match_the_agent_a_group_learnt() -> None:
    # The first report names no agent, the second shares a person and names the agent,
    # the third only names the agent: all three are the same release.
    exs = [
        report("t1", "Tamsin Arkwright was among 12 released in May.", type="release", count=12, date="2024-05",
               agent=None, persons=("Tamsin Arkwright",)),
        report("t2", "Vesk released 12 prisoners, Tamsin Arkwright among them, on May 9, 2024.", type="release",
               count=12, date="2024-05-09", persons=("Tamsin Arkwright",)),
        report("t3", "Vesk released 12 prisoners on May 9.", type="release", count=12, date="2024-05-09"),
    ]
    assert events_of(resolve(exs)) == [[("t1", "e1"), ("t2", "e1"), ("t3", "e1")]]


# --- (d) determinism ------------------------------------------------------------------------


def mixed() -> list[Extraction]:
    return [
        *same_pardon_twice(),
        report("m3", "Vesk pardoned 25 prisoners on December 3, 2024.", date="2024-12-03"),
        report("k1", "Bram Tulliver pardoned 25 people in December.", agent=OTHER_AGENT),
        report("k2", "Tulliver's decree of December 28, 2024 freed 25.", agent=OTHER_AGENT, date="2024-12-28"),
        report("u1", "An amnesty freed 25 people.", date=None),
        report("u2", "Another amnesty freed 25 people.", date=None, events=2),
    ]


def _resolution_key(res: Resolution) -> tuple:
    return (
        sorted((k, e.mentions, e.why) for k, e in res.events.items()),
        sorted(res.event_of.items()),
        sorted((k, e.mentions) for k, e in res.entities.items()),
    )


def test_resolution_does_not_depend_on_input_order() -> None:
    exs = mixed()
    expected = _resolution_key(resolve(exs))
    expected_graph = set(to_graph(exs, resolve(exs)))
    for order in itertools.islice(itertools.permutations(exs), 0, None, 97):  # a spread of the 5040 orders
        res = resolve(list(order))
        assert _resolution_key(res) == expected, [x.article.id for x in order]
    for shuffled in (list(reversed(exs)), exs[3:] + exs[:3]):
        graph: Graph = to_graph(shuffled, resolve(shuffled))
        assert set(graph) == expected_graph


def test_mixed_resolution() -> None:
    res = resolve(mixed())
    assert events_of(res) == [
        [("k1", "e1"), ("k2", "e1")],
        [("m1", "e1"), ("m2", "e1")],
        [("m3", "e1")],
        [("u1", "e1")],
        [("u2", "e1")],
        [("u2", "e2")],
    ]
    assert sorted(res.events) == ["k1/e1", "m1/e1", "m3/e1", "u1/e1", "u2/e1", "u2/e2"]
    assert all(isinstance(event_iri(k), URIRef) for k in res.events)


# --- an undated report of a dated act --------------------------------------------------


def test_an_undated_report_joins_the_one_dated_act_it_can_be() -> None:
    people = ("Tamsin Arkwright",)
    exs = [
        report("u1", "Vesk pardoned 25 prisoners, Tamsin Arkwright among them, on 28 December.", date="2024-12-28",
               persons=people),
        report("u2", "Vesk has pardoned 25 prisoners, among them Tamsin Arkwright.", date=None, published=None,
               persons=people),
    ]
    res = resolve(exs)
    assert events_of(res) == [[("u1", "e1"), ("u2", "e1")]]
    (event,) = res.events.values()
    assert event.date == "2024-12-28" and "no date of its own" in event.why[0]


@pytest.mark.parametrize("persons", [(), ("Tamsin Arkwright",)])
def test_an_undated_report_with_two_possible_acts_or_only_the_agent_stays_apart(persons: tuple[str, ...]) -> None:
    exs = [
        report("v1", "Vesk pardoned 25 prisoners in March.", date="2024-03", persons=persons),
        report("v2", "Vesk pardoned 25 more prisoners in June.", date="2024-06", persons=persons),
        report("v3", "Vesk has pardoned 25 prisoners.", date=None, published=None, persons=persons),
    ]
    assert events_of(resolve(exs)) == [[("v1", "e1")], [("v2", "e1")], [("v3", "e1")]]


def test_a_status_from_an_undated_report_takes_the_acts_date() -> None:
    from kg.records import StatusClaim

    sentence = "Tamsin Arkwright was among 3 prisoners released."
    ev = Evidence(sentence=sentence, start=0, end=len(sentence), method="event")
    dated = report("w1", "Three prisoners, Tamsin Arkwright among them, walked free on March 4, 2024.", type="release",
                   count=3, date="2024-03-04", agent=None, persons=("Tamsin Arkwright",))
    undated = report("w2", sentence, type="release", count=3, date=None, agent=None, persons=("Tamsin Arkwright",),
                     published=None)
    undated = Extraction(undated.article, undated.entities, events=undated.events,
                         statuses=(StatusClaim("p2", "released", ev, None, "e1"),), model="none", extractor_version="test")
    g = to_graph([dated, undated], resolve([dated, undated]))
    dates = {str(o) for s in g.subjects(RDF.type, KG.StatusAssertion) for o in g.objects(s, KG.dateFrom)}
    assert dates == {"2024-03-04"}
