"""Name matching: transliteration variants merge, look-alikes stay apart.

Data-driven from the development corpus's entity table (tests/data/corpus/entities.json):
every pair of full names of one entity must match, every do_not_merge pair must not.
"""
from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest

from kg import names

ENTITIES = json.loads((Path(__file__).parent / "data/corpus/entities.json").read_text(encoding="utf-8"))


def _full_names(ent: dict) -> list[str]:
    forms = {f for forms in ent["mentions"].values() for f in forms if len(f.split()) >= 2}
    return sorted(forms)


SAME = [
    (a, b)
    for ent in ENTITIES["entities"]
    for a, b in itertools.combinations(_full_names(ent), 2)
    if not (len(a.split()) > 2 or len(b.split()) > 2)  # "Aung San Suu Kyi" vs "Suu Kyi" are short forms
]
BY_ID = {e["id"]: e for e in ENTITIES["entities"]}
APART = [
    (a, b, pair["why"])
    for pair in ENTITIES["do_not_merge"]
    for a in _full_names(BY_ID[pair["a"]])
    for b in _full_names(BY_ID[pair["b"]])
]


@pytest.mark.parametrize("a,b", SAME)
def test_spellings_of_one_person_match(a: str, b: str) -> None:
    assert names.same_person(a, b), f"{a!r} and {b!r} are one person"


@pytest.mark.parametrize("a,b,why", APART)
def test_look_alikes_stay_apart(a: str, b: str, why: str) -> None:
    assert not names.same_person(a, b), f"{a!r} and {b!r} must not merge: {why}"


@pytest.mark.parametrize(
    "full,short,expected",
    [
        ("Ivana Petrovskaya", "Petrovskaya", True),
        ("Ivana Petrovskaya", "Petrovsky", False),  # gendered ending: a relative
        ("Olga Ivanova", "Ivanov", False),
        ("Juan Carlos Perez", "Perez", True),
        ("Anna Kowalczyk", "Kovalchyk", True),  # cz/ch, w/v
    ],
)
def test_bare_surnames(full: str, short: str, expected: bool) -> None:
    assert names.same_person(full, short) is expected


def test_slug_is_ascii_and_stable() -> None:
    assert names.slug("Félix Maradiaga") == "felix-maradiaga"
    assert names.slug("Vladimir Kara-Murza’s") == "vladimir-kara-murza"


# Spellings real pages use for one name, written for this test (not taken from a page):
# caron letters, Latin-script -ic endings, Baltic case endings, dz/d, a/o and u/v.
@pytest.mark.parametrize("a,b", [
    ("Valjancin Stefanovič", "Valiantsin Stefanovich"),
    ("Valiantsin Stefanovic", "Valiantsin Stefanovich"),
    ("Uladzimir Łabkovič", "Uladzimir Labkovich"),
    ("Pavel Kovalenkis", "Pavel Kovalenki"),
    ("Ales Beliackis", "Ales Bialiatski"),
    ("Dzmitry Kuchuk", "Dmitry Kuchuk"),
    ("Siarhei Sakalouski", "Sergei Sokolovsky"),
    ("Ivan Petrovic", "Ivan Petrovitch"),
    ("Mikola Zhuk", "Mikola Žuk"),
    ("Ales Bialitaski", "Ales Bialiatski"),  # one letter too many in a long name
    ("Viktar Barbaryka", "Viktar Babaryka"),
    ("Piotr Kowalczky", "Piotr Kowalczyk"),  # two letters swapped in a long surname
    ("Ana Ruiz", "Ana Ruiz Soto"),  # given name and the first of a double surname
    ("Mikalai Zhuk", "Nikolai Zhuk"),  # one given name in Belarusian and Russian form
    ("Nasta Dvorak", "Anastasiya Dvorak"),
    ("Uladzimir Novak", "Vladimir Novak"),
    ("Abdel-Karim el-Masri", "Abdel Karim al-Masri"),  # an Arabic compound given name and article
    ("Tsoi Kai-ming", "Albert Tsoi"),  # surname first, a hyphenated given name
    ("Baek Jae-hoon", "Daniel Baek"),
])
def test_real_page_spellings_match(a: str, b: str) -> None:
    assert names.same_person(a, b)


@pytest.mark.parametrize("a,b", [
    ("Sviatlana Tsikhanouskaya", "Siarhei Tsikhanouski"),  # wife and husband
    ("Alena Labkovič", "Uladzimir Labkovich"),  # relatives sharing a surname
    ("Ivan Petrovic", "Ivan Pavlovic"),
    ("Dmitry Kuchuk", "Dmitry Kuchar"),
    ("Ivan Sidorov", "Ivan Sidorenko"),
    ("Olga Marchenko", "Olga Martynenko"),
    ("Jawad Hassan", "Hassan al-Mansour"),  # an Arabic family name is not a surname-first order
    ("Ana Ruiz", "Pedro Ruiz Soto"),  # a double surname shared by relatives
    ("Mikalai Zhuk", "Mikhail Zhuk"),  # two given names, not two forms of one
    ("Hamid", "Olga Khamayda"),  # a short consonant skeleton shared by two unlike spellings
    ("Hamad", "Reza Hamidi"),
    ("Pedro Ruiz-Canel", "Elena San Pedro"),  # a given name is not a surname-first order
    ("Chan Po-ling", "Felix Chan"),  # a surname millions share says nothing on its own
    ("Hadi al-Kasimi", "Abdul al-Kawaiti"),  # the article "al-" makes no long word of two short names
    ("Zubouski", "Ivan Zubrouski"),  # a consonant more in the short stem of an -ouski name
])
def test_real_page_look_alikes_stay_apart(a: str, b: str) -> None:
    assert not names.same_person(a, b)


def test_a_lone_surname_that_acts_or_is_listed_is_a_person(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Kovalenko received a nine-year term, while Marchenko was sentenced to seven years in a strict colony.",
                     "2024-05-10")
    assert {e.name for e in x.entities if e.kind == "person"} >= {"Marchenko"}
    x = extract_text("Background:\n\nLithuanian officials met the delegation on Monday.", "2024-05-10")
    assert not [e.name for e in x.entities if e.kind == "person"]


def test_a_bare_surname_elsewhere_merges_only_with_a_close_spelling() -> None:
    from kg.resolve import _close_surname

    assert _close_surname("Kavalenka", "Ivan Kovalenko")
    assert not _close_surname("Dubovik", "Pavel Dylevich")


def test_a_name_quoted_from_is_a_source_not_a_place() -> None:
    from kg.extract.mentions import _acts_like_group
    from kg.extract import prepare
    from kg.nlp import load_model

    doc = prepare(load_model())("Quote from Zorka: the laureate was released. The human rights centre Zorka said more.")
    spans = [(t.i, t.i + 1) for t in doc if t.text == "Zorka"]
    assert _acts_like_group(doc, spans)


@pytest.mark.parametrize("a, b, same", [
    ("Tran Thi Hong Lan", "Tran Quoc Lan", False),  # the same first and last words, other names between
    ("Ivan Petrovich Dorov", "Ivan Petrovitch Dorov", True),  # one middle name, spelt two ways
    ("Anna M. Varnia", "Anna Maria Varnia", True),  # an initial of it
    ("Anna Maria Varnia", "Anna Varnia", True),  # one name has no middle
])
def test_long_names_must_agree_between_first_and_last(a: str, b: str, same: bool) -> None:
    from kg import names

    assert names.same_person(a, b) is same
