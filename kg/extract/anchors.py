"""Dates told against another event: "arrested two days after the vote",
"fled days after that vote", "detained after the July 28 vote", "freed after the
president pardoned him on Tuesday", "a month before a presidential election".

A date inside an *after/before* phrase belongs to the other event, not to the one
the phrase hangs from.  What the phrase does tell is a bound, so the result keeps
only the precision the text supports:

* "two days after <dated anchor>": the anchor's day plus two (a day is known);
* "days after", "in the days after", "weeks after", "shortly after": the anchor's month;
* a bare "after" / "before" / "following": the anchor's year;
* "during the July 2021 protests": the anchor's own date;
* "after <clause>" ("after the president pardoned him on Tuesday"): the clause's date
  is its own verb's; nothing is known of this event's date from it.

The anchor's date comes from its own phrase ("the July 28 vote"), else, for a
definite event noun ("the vote", "that election"), from the latest event of that
type told before in the article, else from a date told earlier in the same sentence.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from dateutil.relativedelta import relativedelta

from kg.extract import lexicon
from kg.extract.numbers import to_int

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.extract.context import Context
    from kg.records import Event

_AFTER = {"after": 1, "following": 1, "before": -1, "during": 0}
_UNITS = {"hour": "hour", "day": "day", "week": "week", "month": "month", "year": "year"}
_SOON = {"shortly", "soon", "just", "immediately", "hours"}
_DEFINITE = {"the", "that", "this", "those", "these"}
#: Nouns that point back to an act without being one themselves: "the day after the verdict".
_ANCHOR_NOUNS = {"verdict": "sentencing", "ruling": "sentencing", "judgment": "sentencing", "trial": "sentencing",
                 "hearing": "sentencing", "polls": "election", "inauguration": "election", "coup": "protest"}


@dataclass(frozen=True)
class Anchor:
    """One after/before phrase of a trigger."""

    prep: "Token"  # "after", "before", "following"
    object: "Token | None"  # the noun it governs, or None for a clause
    unit: str | None  # "day", "week", ... when the distance is told
    amount: int | None  # 2 in "two days after"; None for "days after"
    clause: bool  # "after <verb ...>"

    @property
    def tokens(self) -> list["Token"]:
        return list(self.prep.subtree)


def anchors_of(tok: "Token") -> list[Anchor]:
    """The after/before phrases that date the trigger ``tok`` (a verb, or a noun and
    the verb that governs it)."""
    heads = [tok]
    if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.head.pos_ in ("VERB", "AUX"):
        heads.append(tok.head.head)
    elif tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubj", "nsubjpass") and tok.head.pos_ in ("VERB", "AUX"):
        heads.append(tok.head)
    out: list[Anchor] = []
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in _AFTER:
                out.append(_anchor(c))
            elif c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in _AFTER for m in c.children):
                out.append(Anchor(next(m for m in c.children if m.dep_ == "mark"), None, None, None, True))
            elif c.dep_ in ("npadvmod", "pobj", "prep") or (c.dep_ == "prep" and c.lower_ in ("in", "within")):
                # "two days after": "after" hangs from "days"; "in the days after"
                for u in [c, *[p for p in c.children if p.dep_ == "pobj"]]:
                    if u.lemma_.lower() in _UNITS:
                        out.extend(_anchor(p, u) for p in u.children if p.dep_ == "prep" and p.lower_ in _AFTER)
    return [a for a in out if not any(t.i == tok.i for t in a.tokens)]  # not the phrase the trigger sits in


def _anchor(prep: "Token", unit_tok: "Token | None" = None) -> Anchor:
    obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
    clause = obj is None and any(c.dep_ == "pcomp" for c in prep.children)
    if unit_tok is None:
        unit_tok = next((c for c in prep.children if c.dep_ == "npadvmod" and c.lemma_.lower() in _UNITS), None)
    if unit_tok is None and prep.i > 0 and prep.doc[prep.i - 1].lemma_.lower() in _UNITS and prep.doc[prep.i - 1].dep_ == "npadvmod":
        unit_tok = prep.doc[prep.i - 1]  # "detained a day after the vote": the distance hangs from the verb
    unit = _UNITS.get(unit_tok.lemma_.lower()) if unit_tok is not None else None
    amount = None
    if unit_tok is not None:
        for c in unit_tok.children:
            if c.dep_ == "nummod" or (c.dep_ == "det" and c.lower_ in ("a", "an", "the") and unit_tok.tag_ == "NN"):
                amount = 1 if c.lower_ in ("a", "an", "the") else to_int(c.text)  # "the day after the verdict": one day
    if unit is None and any(c.lower_ in _SOON for c in prep.children if c.dep_ in ("advmod", "npadvmod")):
        unit = "day"  # "shortly after": close, but no exact distance
    return Anchor(prep, obj, unit, amount, clause)


def anchor_date(ctx: "Context", sent: "Span", anchor: Anchor, events: Sequence["Event"]) -> str | None:
    """The date an after/before phrase gives the event it hangs from, or None."""
    if anchor.clause:
        return None
    ref = _reference(ctx, sent, anchor, events)
    if ref is None:
        return None
    return shift(ref, _AFTER[anchor.prep.lower_], anchor.unit, anchor.amount)


def shift(ref: str, sign: int, unit: str | None, amount: int | None) -> str:
    """``ref`` moved by ``amount`` ``unit`` in direction ``sign``, at the precision the
    phrase supports (see the module docstring).  ``sign`` 0 is "during": the anchor's date."""
    if sign == 0:
        return ref
    if unit is None:
        return ref[:4]
    if unit == "hour":
        return ref  # "hours after": the same day
    if amount is None or len(ref) < 10 and unit in ("hour", "day", "week"):
        return ref[:7] if unit in ("hour", "day", "week") and len(ref) >= 7 else ref[:4]
    if unit == "year":
        return f"{int(ref[:4]) + sign * amount:04d}"
    if unit == "month":
        y, m = int(ref[:4]), int(ref[5:7]) if len(ref) >= 7 else None
        if m is None:
            return ref[:4]
        d = dt.date(y, m, 1) + relativedelta(months=sign * amount)
        return f"{d.year:04d}-{d.month:02d}"
    day = dt.date.fromisoformat(ref[:10])
    if unit == "hour":
        return day.isoformat()
    step = dt.timedelta(days=amount * (7 if unit == "week" else 1))
    moved = day + sign * step
    return moved.isoformat() if unit == "day" else f"{moved.year:04d}-{moved.month:02d}"


def _reference(ctx: "Context", sent: "Span", anchor: Anchor, events: Sequence["Event"]) -> str | None:
    obj = anchor.object
    if obj is None:
        return None
    dates = ctx.dates_in(sent)
    inner = {x.i for t in obj.subtree if t.dep_ in ("relcl", "acl") and t.i != obj.i for x in t.subtree}
    chars = {c for t in obj.subtree if t.i not in inner for c in range(t.idx, t.idx + len(t))}
    own = [d for d in dates if any(c in chars for c in range(d[0], d[1]))]  # not "the crackdown that followed the 2020 vote"
    if own:
        return own[0][2]
    etype = lexicon.EVENT_NOUNS.get(obj.lemma_.lower()) or _ANCHOR_NOUNS.get(obj.lemma_.lower())
    if etype is None or not any(c.lower_ in _DEFINITE or c.dep_ == "poss" for c in obj.children):
        return None
    told = [e for e in events if e.type == etype and e.date and e.evidence.start <= sent.start_char]
    if told:
        return told[-1].date
    before = [d for d in dates if d[1] <= anchor.prep.idx]
    if etype in ("election", "protest") and len(before) == 1:
        return before[0][2]  # "... at the ballot box in 2020 but was jailed before the vote"
    return None


def relative_to_now(ctx: "Context", tok: "Token") -> str | None:
    """"The death comes a month before a presidential election": an election or
    protest noun placed a told distance from now, in a present-tense sentence."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("after", "before") or ctx.article.published is None:
        return None
    verb = prep.head
    if verb.tag_ not in ("VBZ", "VBP") and not any(c.tag_ in ("VBZ", "VBP") for c in verb.children if c.dep_ == "aux"):
        return None
    a = _anchor(prep)
    if a.unit is None or a.amount is None:
        return None
    # the noun is `amount` units *after* now when now is "before" it
    return shift(ctx.article.published, -_AFTER[prep.lower_], a.unit, a.amount)
