"""Date phrases resolved against the article's published date.

Returns partial ISO dates: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.  A relative
phrase ("Saturday", "in July", "last month") with no published date gives ``None``:
no invented dates.  Conventions (the corpus README's):

* a weekday is the latest such day on or before publication;
* a month without a year is the latest such month on or before publication;
* "late 2023", "the summer of 2024" keep only what is known (the year).
"""
from __future__ import annotations

import datetime as dt
import functools
import re

from dateutil.relativedelta import relativedelta

MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
WEEKDAYS = {d: i for i, d in enumerate(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
_MONTH = r"(january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
_WEEKDAY = r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_YEAR = r"((?:19|20)\d{2})"

# Order matters: the most specific first.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b" + _YEAR + r"-(\d{2})-(\d{2})\b")),
    ("mdy", re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+" + _YEAR + r"\b", re.I)),
    ("dmy", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR + r"\b", re.I)),
    ("my", re.compile(r"\b(?:(early|mid|late|end of|beginning of|the end of)[- ]+)?" + _MONTH + r",?\s+(?:of\s+)?" + _YEAR + r"\b", re.I)),
    ("md", re.compile(r"\b" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?\b(?!,?\s*(?:19|20)\d{2})", re.I)),
    ("dm", re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH + r"\b(?!,?\s*(?:19|20)\d{2})", re.I)),
    ("m_rel_y", re.compile(r"\b" + _MONTH + r"\s+(?:of\s+)?(last|this|next)\s+year\b", re.I)),
    ("following_y", re.compile(r"\bthe\s+(following|next|previous|preceding)\s+year\b", re.I)),
    ("m_that_y", re.compile(r"\b" + _MONTH + r"\s+(?:of\s+)?(?:that|the same)\s+year\b", re.I)),
    ("that_y", re.compile(r"\b(?:that|the same)\s+(year|month)\b", re.I)),
    ("rel_month", re.compile(r"\b(earlier this|this|last|next|later this|previous|the previous|the following|the same)\s+(month|year|week)\b", re.I)),
    ("rel_day", re.compile(r"\b(yesterday|today|tonight|this morning|last night|overnight)\b", re.I)),
    ("weekday", re.compile(r"\b(?:(last|this|next)\s+)?" + _WEEKDAY + r"(?:'s|’s)?\b(?:\s+(morning|night|evening|afternoon))?", re.I)),
    ("that_m", re.compile(r"\b(?:that|the same)\s+" + _MONTH + r"(?:'s|’s)?(?!\s+\d)", re.I)),
    ("m", re.compile(r"\b(?:(early|mid|late)[- ]+)?" + _MONTH + r"\b(?!\s+\d)", re.I)),
    ("season_y", re.compile(r"\b(?:the\s+)?(?:spring|summer|autumn|fall|winter)\s+of\s+" + _YEAR + r"\b", re.I)),
    ("y", re.compile(r"\b(?:in|since|from|by|until|during|of|early|mid|late|mid-|end of|the)?\s*" + _YEAR + r"\b(?![-–]\d)")),
]
# What each pattern cannot match without (a test far cheaper than the pattern): most
# sentences name no month, weekday or year, and skip those patterns.
_NEEDS_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_NEEDS_YEAR = re.compile(r"(?:19|20)\d{2}")
_NEEDS_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day", re.I)
_NEEDS_UNIT = re.compile(r"year|month|week", re.I)
_NEEDS: dict[str, tuple[re.Pattern[str], ...]] = {
    "iso": (_NEEDS_YEAR,), "mdy": (_NEEDS_MONTH, _NEEDS_YEAR), "dmy": (_NEEDS_MONTH, _NEEDS_YEAR),
    "my": (_NEEDS_MONTH, _NEEDS_YEAR), "md": (_NEEDS_MONTH,), "dm": (_NEEDS_MONTH,),
    "m_rel_y": (_NEEDS_MONTH, _NEEDS_UNIT), "following_y": (_NEEDS_UNIT,), "m_that_y": (_NEEDS_MONTH, _NEEDS_UNIT),
    "that_y": (_NEEDS_UNIT,), "rel_month": (_NEEDS_UNIT,), "weekday": (_NEEDS_WEEKDAY,), "that_m": (_NEEDS_MONTH,),
    "m": (_NEEDS_MONTH,), "season_y": (_NEEDS_YEAR,), "y": (_NEEDS_YEAR,),
}
_GATES = (_NEEDS_MONTH, _NEEDS_YEAR, _NEEDS_WEEKDAY, _NEEDS_UNIT)


@functools.lru_cache(maxsize=None)
def _patterns_for(present: tuple[bool, ...]) -> list[tuple[str, re.Pattern[str]]]:
    """The patterns that can match a text with these of ``_GATES`` present, in order."""
    have = {gate for gate, there in zip(_GATES, present) if there}
    return [(kind, rx) for kind, rx in _PATTERNS if all(n in have for n in _NEEDS.get(kind, ()))]


# Words that make a month name something else ("May" the verb, "march" the noun).
_NOT_MONTH_AFTER = re.compile(r"^\s*(be|have|not|also|still|well|need|face|want|take|seek|never)\b", re.I)


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _month_before(pub: dt.date, month: int) -> str:
    year = pub.year if month <= pub.month else pub.year - 1
    return f"{year:04d}-{month:02d}"


def _day_before(pub: dt.date, month: int, day: int) -> str | None:
    year = pub.year if (month, day) <= (pub.month, pub.day) else pub.year - 1
    try:
        return _iso(dt.date(year, month, day))
    except ValueError:
        return None


def parse_published(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def find_dates(text: str, published: str | None, context_year: str | None = None) -> list[tuple[int, int, str]]:
    """Every resolvable date phrase in ``text`` as ``(start, end, iso)``, in text order.

    Phrases that overlap an earlier, more specific match are skipped.  ``context_year``
    is the last date (or year) the article told before ``text``: "that November",
    "October that year" and "the same month" are read against the date last told (in
    ``text`` itself, else ``context_year``).
    """
    pub = parse_published(published)
    coarse = None  # a page dated to its month or year only: "Friday" is somewhere in it
    if pub is None and published and re.fullmatch(r"\d{4}(?:-\d{2})?", published):
        coarse = published
    taken: list[tuple[int, int]] = []
    found: list[tuple[int, int, str]] = []

    def free(s: int, e: int) -> bool:
        return all(e <= a or s >= b for a, b in taken)

    for kind, rx in _patterns_for(tuple(gate.search(text) is not None for gate in _GATES)):
        for m in rx.finditer(text):
            s, e = m.span()
            if not free(s, e):
                continue
            value = _told_before(kind, m, text, context_year) if kind.startswith(("that_", "m_that", "following")) else _resolve(kind, m, pub, text)
            if value is None and coarse and kind in ("weekday", "rel_day") and not (m.group(0).lower().startswith("next")):
                value = coarse
            taken.append((s, e))  # taken even when unresolved: "Friday" without a date
            if value:
                found.append((s, e, value))
    found.sort()
    return found


def _told_before(kind: str, m: re.Match[str], text: str, context: str | None) -> str | None:
    """"that November", "October that year", "the same month": against the last date
    told before (earlier in ``text``, else ``context``)."""
    before = find_dates(text[:m.start()], None, context) if m.start() else []
    told = before[-1][2] if before else context
    if not told:
        return None
    if kind == "following_y":  # "the following year": the year after the one last told
        step = 1 if m.group(1).lower() in ("following", "next") else -1
        return f"{int(told[:4]) + step:04d}"
    if kind == "that_y":
        unit = m.group(1).lower()
        return told[:7] if unit == "month" and len(told) >= 7 else (told[:4] if unit == "year" else None)
    word = m.group(1)
    if word[0].islower():
        return None
    return f"{told[:4]}-{MONTHS[word.lower().rstrip('.')]:02d}"


#: A year written as such ("2021", not "20210" or "1850").
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")


def last_year(text: str) -> str | None:
    """The last year written in ``text`` ("... arrested in 2021 after ..." -> "2021")."""
    years = YEAR_RE.findall(text)
    return years[-1] if years else None


def month_after(published: str | None, iso: str) -> str:
    """A ``YYYY-MM`` read as "the latest such month on or before publication", moved to
    the next such month after publication instead ("ahead of the January elections")."""
    pub = parse_published(published)
    if pub is None or len(iso) != 7:
        return iso
    month = int(iso[5:7])
    year = pub.year if month > pub.month else pub.year + 1
    return iso if month == pub.month else f"{year:04d}-{month:02d}"


def _resolve(kind: str, m: re.Match[str], pub: dt.date | None, text: str) -> str | None:
    g = m.groups()
    if kind == "iso":
        return f"{g[0]}-{g[1]}-{g[2]}"
    if kind == "mdy":
        try:
            return _iso(dt.date(int(g[2]), MONTHS[g[0].lower().rstrip('.')], int(g[1])))
        except ValueError:
            return None
    if kind == "dmy":
        try:
            return _iso(dt.date(int(g[2]), MONTHS[g[1].lower().rstrip('.')], int(g[0])))
        except ValueError:
            return None
    if kind == "my":
        return f"{int(g[2]):04d}-{MONTHS[g[1].lower().rstrip('.')]:02d}"
    if kind == "m_rel_y":
        if pub is None:
            return None
        year = pub.year + {"last": -1, "this": 0, "next": 1}[g[1].lower()]
        return f"{year:04d}-{MONTHS[g[0].lower().rstrip('.')]:02d}"
    if kind == "season_y":
        return m.group(1)
    if kind == "y":
        return m.group(1)
    if pub is None:
        return None
    if kind in ("md", "dm"):
        month, day = (g[0], g[1]) if kind == "md" else (g[1], g[0])
        if kind == "md" and month.lower() == "may" and not text[m.start():m.end()][0].isupper():
            return None
        return _day_before(pub, MONTHS[month.lower().rstrip('.')], int(day))
    if kind == "m":
        word = g[1]
        if word[0].islower() or len(word) <= 3 and word.lower() != "may":
            return None  # "march" the verb/noun; bare abbreviations are too ambiguous
        if word.lower() == "may" and (_NOT_MONTH_AFTER.match(text[m.end():]) or re.match(r"\s+Day\b", text[m.end():])):
            return None  # "may be", "May Day"
        return _month_before(pub, MONTHS[word.lower().rstrip('.')])
    if kind == "rel_month":
        which, unit = g[0].lower(), g[1].lower()
        if which in ("the same", "the following", "the previous", "previous"):
            return None  # relative to another event, not to publication
        step = {"last": -1, "next": 1}.get(which, 0)
        if unit == "month":
            d = pub + relativedelta(months=step)
            return f"{d.year:04d}-{d.month:02d}"
        if unit == "year":
            return f"{pub.year + step:04d}"
        if which == "last":
            start, end = pub - dt.timedelta(days=7 + pub.weekday()), pub - dt.timedelta(days=pub.weekday() + 1)
            if start.month == end.month:
                return f"{start.year:04d}-{start.month:02d}"  # "last week", all in one month
        return None  # otherwise weeks are too vague to date
    if kind == "rel_day":
        word = g[0].lower()
        if word in ("yesterday", "last night", "overnight"):
            return _iso(pub - dt.timedelta(days=1))
        return _iso(pub)
    if kind == "weekday":
        which = (g[0] or "").lower()
        wd = WEEKDAYS[g[1].lower()]
        back = (pub.weekday() - wd) % 7
        if which == "last" and back == 0:
            back = 7
        if which == "next":
            return _iso(pub + dt.timedelta(days=(wd - pub.weekday()) % 7 or 7))
        return _iso(pub - dt.timedelta(days=back))
    return None


def first_date(text: str, published: str | None) -> str | None:
    dates = find_dates(text, published)
    return dates[0][2] if dates else None
