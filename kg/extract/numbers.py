"""Counts in text: digits ("1,400"), words ("twenty-three", "two dozen") and qualifiers.

``parse_count("more than 35,000")`` -> ``Count(35000, "more than")``.  Only whole
numbers of people are wanted, so decimals and years are the caller's business.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
#: Number words below a hundred ("six", "twenty"), for terms told in words.
NUMBER_WORDS = tuple(_UNITS) + tuple(_TENS)
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000}
_MULTIPLIERS = {"dozen": 12, "score": 20}

#: Qualifier phrases, longest first; the value is the normalised qualifier.
QUALIFIERS = {
    "more than": "more than", "over": "more than", "upwards of": "more than",
    "in excess of": "more than", "above": "more than",
    "at least": "at least", "no fewer than": "at least", "no less than": "at least",
    "about": "about", "around": "about", "roughly": "about", "some": "about",
    "approximately": "about", "an estimated": "about", "estimated": "about", "circa": "about",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "fewer than": "fewer than", "less than": "fewer than", "under": "fewer than",
    "up to": "up to", "as many as": "up to",
    "between": "at least",  # "between 20 and 30": the lower bound, at least
}
_QUAL_RE = re.compile(
    r"^\s*(" + "|".join(sorted((re.escape(q) for q in QUALIFIERS), key=len, reverse=True)) + r")\s+",
    re.IGNORECASE,
)
_DIGITS_RE = re.compile(r"^\d{1,3}(?:[,\u202f\u00a0 ]\d{3})+$|^\d+$")
_WORD_RE = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class Count:
    value: int
    qualifier: str | None = None


def words_to_int(text: str) -> int | None:
    """'twenty-three' -> 23, 'two dozen' -> 24, 'a dozen' -> 12, 'three hundred' -> 300."""
    words = [w for w in _WORD_RE.findall(text.lower()) if w not in ("and",)]
    if not words:
        return None
    total, current, seen = 0, 0, False
    for i, w in enumerate(words):
        if w in ("a", "an") and i == 0 and len(words) > 1:
            current = 1
            continue
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in _MULTIPLIERS:
            current = (current or 1) * _MULTIPLIERS[w]
        elif w in _SCALES:
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] >= 1000:
                total, current = total + current, 0
        else:
            return None
        seen = True
    return total + current if seen else None


def to_int(text: str) -> int | None:
    """A bare number in digits or words, or ``None``."""
    t = text.strip().rstrip(".")
    if _DIGITS_RE.match(t):
        return int(re.sub(r"\D", "", t))
    m = re.match(r"^(\d+(?:\.\d+)?)\s*(thousand|million)$", t, re.IGNORECASE)
    if m:
        return int(float(m.group(1)) * _SCALES[m.group(2).lower()])
    return words_to_int(t)


def parse_count(text: str) -> Count | None:
    """A count phrase with an optional qualifier in front: 'about 1,400', 'at least seven'."""
    qualifier = None
    m = _QUAL_RE.match(text)
    rest = text
    if m:
        qualifier = QUALIFIERS[m.group(1).lower()]
        rest = text[m.end():]
    value = to_int(rest)
    if value is None:
        return None
    return Count(value, qualifier)


def qualifier_before(text_before: str) -> str | None:
    """The qualifier that ends ``text_before`` ("... arresting more than " -> "more than")."""
    tail = text_before.lower().rstrip()
    for phrase in sorted(QUALIFIERS, key=len, reverse=True):
        if tail.endswith(" " + phrase) or tail == phrase:
            return QUALIFIERS[phrase]
    return None
