"""Page clutter: link lists, headlines of other stories, credits and fixtures are not story."""
from __future__ import annotations

import pytest

from kg.extract.clutter import clutter_spans, is_clutter_line


@pytest.mark.parametrize("line", [
    "READ MORE: Court Hears Appeal In Case Of Jailed Poet",
    "SEE ALSO",
    "Advertisement",
    "Photo: Staff photographer / Agency",
    "© 2024 Example Media. All rights reserved.",
    "Share on Facebook",
    "Two Rural Teachers Arrested Over Classroom Video",
    "- Politics Opposition Leader Meets Foreign Ministers In Vilnius",
    "Episode 12: The Long Road Home",
])
def test_clutter_lines(line: str) -> None:
    assert is_clutter_line(line)


@pytest.mark.parametrize("line", [
    "The court sentenced Ivan Pell to five years on Monday.",
    "Monday, 10 August",
    "Belarus",
    "Opposition Figure Freed After Four Years",  # the page's own headline, when first
    "[2] Pavel Zhuk, Olga Dvorak, Ivan Novak, Anna Marchenko",  # a footnote listing people
    "Prison 4, Main St. (Pavel Zhuk, Olga Dvorak, Ivan Novak);",  # who is held at an address
])
def test_story_lines(line: str) -> None:
    assert not is_clutter_line(line, first=line.startswith("Opposition"))


def test_spans_are_whole_lines_and_keep_the_headline() -> None:
    text = "Jailed Editor Freed After Three Years\nThe editor was freed.\nRELATED: Other Editor Jailed In Capital\n"
    (start, end), = clutter_spans(text)
    assert text[start:end] == "RELATED: Other Editor Jailed In Capital\n"


@pytest.mark.model
def test_clutter_gives_no_person_or_event(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Activist Mara Lenz was released on Friday after two years in prison.\n"
                     "More Stories\n"
                     "Three Farmers Arrested After Road Blockade Near Border\n"
                     "Journalist Tomas Brandl Sentenced To Six Years For Report\n", "2024-05-10")
    assert {e.name for e in x.entities if e.kind == "person"} == {"Mara Lenz"}
    assert [e.type for e in x.events] == ["release"]
