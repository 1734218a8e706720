"""Counts and dates on hand-written phrases (no model needed)."""
from __future__ import annotations

import pytest

from kg.extract.dates import find_dates
from kg.extract.numbers import Count, parse_count


@pytest.mark.parametrize(
    "text,expected",
    [
        ("30", Count(30)),
        ("1,400", Count(1400)),
        ("about 1,400", Count(1400, "about")),
        ("more than 35,000", Count(35000, "more than")),
        ("over 1,250", Count(1250, "more than")),
        ("at least seven", Count(7, "at least")),
        ("twenty-three", Count(23)),
        ("two dozen", Count(24)),
        ("nearly 1,900", Count(1900, "nearly")),
        ("fifty-one", Count(51)),
        ("three hundred and five", Count(305)),
        ("dozens", None),
        ("several", None),
    ],
)
def test_parse_count(text: str, expected: Count | None) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    "text,published,expected",
    [
        ("a statement said Saturday", "2024-12-28", ["2024-12-28"]),  # same day
        ("his office announced Friday", "2024-12-28", ["2024-12-27"]),
        ("his office announced Friday", None, []),  # no invented date
        ("In July, the authorities released", "2025-01-03", ["2024-07"]),  # month before publication
        ("Viasna said earlier this month", "2024-12-28", ["2024-12"]),
        ("elections next month", "2024-12-28", ["2025-01"]),
        ("last month", "2024-01-15", ["2023-12"]),
        ("in January 2025", None, ["2025-01"]),
        ("on 11 July 2023", None, ["2023-07-11"]),
        ("since the summer of 2024", None, ["2024"]),
        ("late 2023", None, ["2023"]),
        ("after the July 28 vote", "2024-11-18", ["2024-07-28"]),
        ("she may be freed", "2024-12-28", []),
        ("on Sunday night", "2020-08-10", ["2020-08-09"]),
    ],
)
def test_dates(text: str, published: str | None, expected: list[str]) -> None:
    assert [d for _s, _e, d in find_dates(text, published)] == expected


@pytest.mark.parametrize(
    "text,told,expected",
    [
        ("In October that year a court sentenced him", "2023-05", ["2023-10"]),
        ("was arrested in the same month", "2023-05-14", ["2023-05"]),
        ("later that year", "2019-03-02", ["2019"]),
        ("in that November's election", "2021", ["2021-11"]),
        ("arrested in 2021 and tried that November", None, ["2021", "2021-11"]),  # told earlier in the sentence
        ("in the same month", None, []),  # nothing told before: no invented date
    ],
)
def test_dates_that_point_back(text: str, told: str | None, expected: list[str]) -> None:
    assert [d for _s, _e, d in find_dates(text, "2025-03-14", told)] == expected
