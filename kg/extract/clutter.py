"""Page clutter: the lines of a saved web page that are not the story.

Real pages come with menus, "READ MORE" and "SEE ALSO" link lists, headlines of other
stories, photo credits, share and subscribe lines, advertisements and cookie or
copyright notices.  None of them may become a person, an event or a count, so the
rules skip the lines this module marks.  The word lists are in ``lexicon.py``.
"""
from __future__ import annotations

import re

from kg.extract import lexicon

__all__ = ["clutter_spans", "is_clutter_line"]

_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
_PREFIX = re.compile(r"^[\W_]*(?:" + "|".join(re.escape(p) + (r"\b" if p[-1].isalnum() else "")
                                             for p in lexicon.CLUTTER_PREFIXES) + r")", re.I)
_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\b", re.I)


def is_clutter_line(line: str, first: bool = False) -> bool:
    """Whether one line of a page is clutter.

    A line is clutter when it starts like a page fixture ("READ MORE", "Advertisement",
    "Photo:", "©") or, unless it is the page's first line (the story's own headline),
    when it reads as a headline: four or more words, nearly all capitalised, and no
    closing full stop (a link to another story, a menu entry).  Short date headings
    of a live blog ("Monday, 10 August") and lists of names (three commas or more) are kept.
    """
    text = line.strip()
    if not text:
        return False
    if _PREFIX.match(text):
        return True
    if first or text.endswith((".", ":", "?\"", ".”", ".\"")):
        return False
    if text.count(",") >= 3:
        return False  # a list of names (a footnote, the people at a prison's address), not a headline
    words = [w for w in _WORD.findall(text) if w.lower() not in lexicon.HEADLINE_SMALL_WORDS]
    if len(words) < 4 or (len(words) <= 6 and _MONTH.search(text)):
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.8


def clutter_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges ``[start, end)`` of the clutter lines of ``text``."""
    spans, pos, first = [], 0, True
    for line in text.splitlines(keepends=True):
        if line.strip():
            if is_clutter_line(line, first):
                spans.append((pos, pos + len(line)))
            first = False
        pos += len(line)
    return spans
