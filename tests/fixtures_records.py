"""A hand-built two-article fixture for the records -> triples stage.

The people, organisation and places are made up (no names from the seed
articles), so the expected facts below are the only truth about them:

* article ``a1`` (published 2024-03-10, has a URL)
    - Anna Smithson, opposition figure + political prisoner, arrested and jailed 2021-05-02 (event a1/e2)
    - Carl Smithson, opposition figure, her husband, jailed 2022-01
    - Dmitri Olsen, opposition figure, jailed 2023
    - Boris Kallen, journalist, pardoned (undated claim: stays undated, the extractor dates present states)
    - Victor Grell, president, pardoned 30 prisoners in 2024-03 (event a1/e1)
    - Freedom Watch reports "about 1,200 political prisoners", including Dmitri Olsen (undated -> 2024-03-10)
* article ``b2`` (no published date, no URL)
    - Victor Grell's pardon again, 32 prisoners on 2024-03-08 (merged with a1/e1; count conflicts)
    - Anna Smithson ("A. Smithson") released 2024-06-15 (event b2/e2, *not* in resolution.event_of)
    - Dmitri Olsen released, undated: ranks before his dated 2023 jailing, so he stays jailed
    - Freedom Watch reports "more than 1,150 political prisoners" in 2024-06
    - a place "Southport" that the resolution does not know (article-local fallback)
    - an amnesty (pardon) in 2023 with no agent and no count (event b2/e3, not resolved)
"""
from __future__ import annotations

from kg.records import (
    Article,
    CountClaim,
    Entity,
    Event,
    Evidence,
    Extraction,
    Relation,
    Resolution,
    ResolvedEntity,
    ResolvedEvent,
    RoleClaim,
    StatusClaim,
)

A1_SENTENCES = [
    "President Victor Grell pardoned 30 prisoners in March, his office said.",
    "Among them was journalist Boris Kallen.",
    "Opposition figure Anna Smithson, a political prisoner, has been jailed since her arrest in Northtown on May 2, 2021.",
    "Her husband, opposition politician Carl Smithson, was jailed in January 2022.",
    "Opposition figure Dmitri Olsen was jailed in 2023.",
    "Freedom Watch counts about 1,200 political prisoners, including Dmitri Olsen.",
]
B2_SENTENCES = [
    "Grell pardoned 32 prisoners on March 8, 2024.",
    "A. Smithson was released on June 15, 2024 in Southport.",
    "Dmitri Olsen was later released.",
    "Freedom Watch said in June 2024 that more than 1,150 political prisoners remain.",
    "An amnesty in 2023 had freed others.",
]


def _text(sentences: list[str]) -> str:
    return " ".join(sentences)


def _ev(text: str, sentence: str, method: str) -> Evidence:
    start = text.index(sentence)
    return Evidence(sentence=sentence, start=start, end=start + len(sentence), method=method)


def _a1() -> Extraction:
    text = _text(A1_SENTENCES)
    s = [lambda m, x=x: _ev(text, x, m) for x in A1_SENTENCES]
    article = Article(
        id="a1",
        text=text,
        source="tests/fixtures/a1.txt",
        sha256="a" * 64,
        title="Grell pardons 30",
        published="2024-03-10",
        outlet="Example Wire",
        url="https://example.org/news/a1",
        dateline_place="NORTHTOWN, Freedonia",
    )
    entities = (
        Entity("p1", "person", "Victor Grell", ("Grell",), s[0]("ner")),
        Entity("p2", "person", "Boris Kallen", (), s[1]("ner")),
        Entity("p3", "person", "Anna Smithson", ("Smithson",), s[2]("ner")),
        Entity("p4", "person", "Carl Smithson", (), s[3]("ner")),
        Entity("p5", "person", "Dmitri Olsen", ("Olsen",), s[4]("ner")),
        Entity("o1", "organisation", "Freedom Watch", (), s[5]("ner")),
        Entity("l1", "place", "Northtown", (), s[2]("ner")),
    )
    roles = (
        RoleClaim("p1", "president", s[0]("title")),
        RoleClaim("p2", "journalist", s[1]("appos")),
        RoleClaim("p3", "opposition figure", s[2]("title")),
        RoleClaim("p3", "political prisoner", s[2]("appos")),
        RoleClaim("p4", "opposition figure", s[3]("appos")),
        RoleClaim("p5", "opposition figure", s[4]("title")),
        RoleClaim("p5", "political prisoner", s[5]("appos")),  # tied to Freedom Watch's count
        RoleClaim("o1", "official", s[5]("title")),  # on an organisation: skipped
    )
    relations = (Relation("p4", "spouse_of", "p3", s[3]("possessive")),)
    events = (
        Event("e1", "pardon", s[0]("event"), agent="p1", persons=("p2",), count=30, date="2024-03"),
        Event("e2", "arrest", s[2]("event"), persons=("p3",), date="2021-05-02", place="l1"),
    )
    statuses = (
        StatusClaim("p2", "pardoned", s[1]("status"), event="e1"),
        StatusClaim("p3", "jailed", s[2]("status"), date="2021-05-02", event="e2"),
        StatusClaim("p4", "jailed", s[3]("status"), date="2022-01"),
        StatusClaim("p5", "jailed", s[4]("status"), date="2023"),
        StatusClaim("p1", "free", s[0]("status")),  # a cue-based "free" (a serving official)
    )
    counts = (
        CountClaim(1200, "political prisoners", s[5]("count"), qualifier="about", reporter="o1"),
    )
    return Extraction(article, entities, roles, relations, events, statuses, counts, model="none", extractor_version="test")


def _b2() -> Extraction:
    text = _text(B2_SENTENCES)
    s = [lambda m, x=x: _ev(text, x, m) for x in B2_SENTENCES]
    article = Article(id="b2", text=text, source="tests/fixtures/b2.txt", sha256="b" * 64)
    entities = (
        Entity("p1", "person", "Grell", (), s[0]("ner")),
        Entity("p2", "person", "A. Smithson", (), s[1]("ner")),
        Entity("p3", "person", "Dmitri Olsen", (), s[2]("ner")),
        Entity("o1", "organisation", "Freedom Watch", (), s[3]("ner")),
        Entity("l1", "place", "Southport", (), s[1]("ner")),
    )
    events = (
        Event("e1", "pardon", s[0]("event"), agent="p1", count=32, date="2024-03-08"),
        Event("e2", "release", s[1]("event"), persons=("p2",), date="2024-06-15", place="l1"),
        Event("e3", "pardon", s[4]("event"), date="2023"),  # no agent, no count, not resolved
    )
    statuses = (
        StatusClaim("p2", "released", s[1]("status"), date="2024-06-15", event="e2"),
        StatusClaim("p3", "released", s[2]("status")),
    )
    counts = (
        CountClaim(1150, "political prisoners", s[3]("count"), qualifier="more than", reporter="o1", date="2024-06"),
    )
    return Extraction(article, entities, (), (), events, statuses, counts, model="none", extractor_version="test")


def _resolution() -> Resolution:
    people = {
        "victor-grell": ("Victor Grell", ("Victor Grell", "Grell"), (("a1", "p1"), ("b2", "p1"))),
        "boris-kallen": ("Boris Kallen", ("Boris Kallen",), (("a1", "p2"),)),
        "anna-smithson": (
            "Anna Smithson",
            ("Anna Smithson", "Smithson", "A. Smithson"),
            (("a1", "p3"), ("b2", "p2")),
        ),
        "carl-smithson": ("Carl Smithson", ("Carl Smithson",), (("a1", "p4"),)),
        "dmitri-olsen": ("Dmitri Olsen", ("Dmitri Olsen", "Olsen"), (("a1", "p5"), ("b2", "p3"))),
    }
    entities: dict[str, ResolvedEntity] = {}
    for slug, (name, labels, mentions) in people.items():
        entities[f"person/{slug}"] = ResolvedEntity(slug, "person", name, labels, mentions)
    entities["organisation/freedom-watch"] = ResolvedEntity(
        "freedom-watch", "organisation", "Freedom Watch", ("Freedom Watch",), (("a1", "o1"), ("b2", "o1"))
    )
    entities["place/northtown"] = ResolvedEntity("northtown", "place", "Northtown", ("Northtown",), (("a1", "l1"),))
    entity_of = {mention: key for key, r in entities.items() for mention in r.mentions}
    events = {
        "pardon-2024-03-victor-grell": ResolvedEvent(
            "pardon-2024-03-victor-grell",
            (("a1", "e1"), ("b2", "e1")),
            ("same type, same agent (Victor Grell), dates 2024-03 and 2024-03-08 agree",),
        ),
        "arrest-2021-05-02-anna-smithson": ResolvedEvent("arrest-2021-05-02-anna-smithson", (("a1", "e2"),)),
    }
    event_of = {mention: key for key, r in events.items() for mention in r.mentions}
    return Resolution(entities=entities, events=events, entity_of=entity_of, event_of=event_of)


def two_articles() -> tuple[list[Extraction], Resolution]:
    """The fixture: ``(extractions, resolution)``, built fresh on every call."""
    return [_a1(), _b2()], _resolution()
