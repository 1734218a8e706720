"""Dates across sentences: passes over one article's events after the sentence-level
rules have run.

* a follow-up sentence that dates the act just told ("The Head of State took the
  decision on Thursday");
* an undated act that keeps the date of a related dated one told right before
  ("Russia released 16 people" after the exchange "on Thursday"), or of the act it is
  the other side of ("In return, ...", "In the same hearing, ...");
* "two days later", "the day before", "the same evening", "hours later" against the
  last full date told;
* live-blog entries under a day heading.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.context import Context, is_hedged, is_negated
from kg.extract.numbers import to_int
from kg.records import Event

if TYPE_CHECKING:
    from spacy.tokens import Span

def previous_sentence(ctx: Context, sent: "Span") -> "Span | None":
    """The sentence before ``sent`` (news often gives each sentence its own paragraph)."""
    i = ctx.sents.index(sent)
    return next((s for s in reversed(ctx.sents[:i]) if ctx.text_of(s).strip()), None)


def followup_dates(events: list[Event], ctx: Context) -> list[Event]:
    """A sentence that dates the act just told: "... granted clemency to 23 persons, the
    press service reported on Friday. The Head of State took the decision on Thursday."
    "... have released at least 107 people, the group said on Sunday. The releases began
    on Saturday."  The act noun ("the decision", "the releases") is the subject or
    object of a verb that is not a report verb, and the date is in that verb's clause;
    the act is the latest event of the sentence before (for an event noun, the latest
    of that type)."""
    out = list(events)
    for sent in ctx.sents:
        before = previous_sentence(ctx, sent)
        if before is None or not ctx.dates_in(sent):
            continue
        for tok in sent:
            lemma = tok.lemma_.lower()
            if lemma not in lexicon.ACT_NOUNS and lemma not in lexicon.EVENT_NOUNS:
                continue
            # "Wednesday's move was the third such pardon": the act told before, on that day
            day = next((c for c in tok.children if c.dep_ == "poss" and c.ent_type_ == "DATE"), None)
            if day is not None:
                date = next((d[2] for d in ctx.dates_in(sent) if d[0] <= day.idx < d[1]), None)
            else:
                if tok.dep_ not in ("nsubj", "nsubjpass", "dobj") or not any(
                        d.lower_ in ("the", "this", "these", "that", "those") for d in tok.children if d.dep_ == "det"):
                    continue
                verb = tok.head
                if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() in lexicon.REPORT_VERBS or is_negated(verb) or is_hedged(verb):
                    continue
                skip = {x.i for c in verb.children if c.dep_ in ("advcl", "ccomp", "relcl", "conj", "xcomp") for x in c.subtree}
                date = ctx.date_near(sent, verb, [t for t in verb.subtree if t.i not in skip], fallback=False)
            if not date:
                continue
            etype = lexicon.EVENT_NOUNS.get(lemma)
            told = [before] if day is None else [before, sent]  # the splitter may keep "...” Wednesday's move" in one
            prev = [k for k, e in enumerate(out) if any(b.start_char <= e.evidence.start < b.end_char for b in told)
                    and e.date is None or day is None and before.start_char <= e.evidence.start < before.end_char]
            prev = [k for k in prev if (out[k].type == etype if etype else out[k].type in _RELATED | {"sentencing", "arrest"})]
            if prev:
                out[prev[-1]] = replace(out[prev[-1]], date=date)
                break
    return out


_RELATED = {"pardon", "release", "prisoner_exchange", "exile"}


def inherit_dates(events: list[Event], ctx: Context, distinct: set[str] = frozenset()) -> list[Event]:  # type: ignore[assignment]
    """An undated act told right after a dated one of the same story keeps its date:
    "Russia and the West exchanged 24 prisoners on Thursday. Russia released 16 people."
    Only across at most two sentences, and only between freeing acts (or equal counts);
    never to an act told as another one ("had earlier received jail terms")."""
    out: list[Event] = []
    for e in events:
        if e.date is None and e.type in _RELATED | {"arrest", "sentencing"} and e.key not in distinct:
            si = sent_of(ctx, e.evidence.start)
            for o in reversed(out):
                if o.date and e.type == "release" and o.type == "sentencing" and o.evidence.start == e.evidence.start:
                    e = replace(e, date=o.date)  # "sentenced X ... but ordered his release pending appeal"
                    break
                if not o.date or (o.type not in _RELATED and not (e.count and o.count == e.count) and not (e.type == o.type == "sentencing")):
                    continue
                if e.type not in _RELATED and not (e.count and o.count == e.count) and not (e.type == o.type == "sentencing"):
                    continue
                # co-defendants' sentences are one story only inside a paragraph (unless told so)
                same_paragraph = e.type != "sentencing" or "\n\n" not in ctx.text[o.evidence.start:e.evidence.start] or bool(
                    re.search(r"\b(?:in|at) the same (?:hearing|trial|session)\b|\b(?:second|third|fourth|fifth|another) (?:co-)?defendant\b",
                              e.evidence.sentence, re.I))
                counterpart = re.match(r"^\W*(?:in return|in exchange)\b", e.evidence.sentence, re.I) or (  # the other side of a swap
                    e.type == o.type == "sentencing" and re.search(r"\b(?:in|at) the same (?:hearing|trial|session|ruling|verdict)\b|"
                                                                 r"\b(?:second|third|fourth|fifth|another) (?:co-)?defendant\b", e.evidence.sentence, re.I))
                if (0 <= si - sent_of(ctx, o.evidence.start) <= 2 or counterpart) and same_paragraph:
                    e = replace(e, date=o.date)
                    break
        out.append(e)
    return out


_DAYS_REL = re.compile(r"\b(\w+|\d+) (?:days?|(weeks?)) (later|after|earlier|before)\b", re.I)
#: "the same day", "the day before", "the next morning": one day from the last full date told
_DAY_REL = re.compile(r"\b(?:the same (?:day|evening|night|morning|afternoon)|the (?:day|night|evening) (?:before|after)|"
                      r"(?:a few |several |some |\w+ )?hours (?:later|afterwards)|"
                      r"the previous (?:day|evening|night)|the (?:next|following) (?:day|morning|evening)|a day (?:later|earlier))\b", re.I)
_DAY_STEP = {"hours": 0, "same": 0, "before": -1, "previous": -1, "earlier": -1, "after": 1, "next": 1, "following": 1, "later": 1}


def relative_days(events: list[Event], ctx: Context) -> list[Event]:
    """"Two days later he was handed over": the last full date told before, plus two.
    "The ruling came three days after another court jailed X": the jailing is three days
    before the ruling, whose date was told before."""
    import datetime as dt
    out: list[Event] = []
    for e in events:
        m = _DAYS_REL.search(e.evidence.sentence)
        if m and not to_int(m.group(1)):
            m = None  # "the day before" is the one-day rule below
        ref = next((o.date for o in reversed(out) if o.date and len(o.date) == 10 and o.evidence.start < e.evidence.start), None)
        same = _DAY_REL.search(e.evidence.sentence)
        if same and not m and ref and (e.date is None or e.date == ref):
            step = _DAY_STEP[next(k for k in _DAY_STEP if k in same.group(0).lower())]
            e = replace(e, date=(dt.date.fromisoformat(ref) + dt.timedelta(days=step)).isoformat())
            out.append(e)
            continue
        if m and ref and (e.date is None or e.date == ref):
            n = to_int(m.group(1))
            if n and m.group(2):
                n *= 7  # "two weeks later"
            if n:
                word = m.group(3).lower()
                # "later"/"after" after the verb moves forward; "N days after <act>" puts the act before
                trigger_after = e.evidence.sentence.lower().find(m.group(0).lower()) < len(e.evidence.sentence) // 2 and word == "after"
                sign = -1 if word in ("earlier", "before") or trigger_after else 1
                day = dt.date.fromisoformat(ref) + dt.timedelta(days=sign * n)
                e = replace(e, date=day.isoformat())
        out.append(e)
    return out


def heading_dates(events: list[Event], ctx: Context) -> list[Event]:
    """Live blogs put a day heading ("MONDAY") over their entries: an undated entry
    happened on the day of the heading above it."""
    from kg.extract.dates import WEEKDAYS, find_dates

    headings = []
    for sent in ctx.sents:
        word = ctx.text_of(sent).strip().rstrip(":").lower()
        if word in WEEKDAYS or re.fullmatch(r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday),? \d{1,2} \w+", word):
            found = find_dates(ctx.text_of(sent), ctx.article.published)
            if found:
                headings.append((sent.start_char, found[0][2]))
    if not headings:
        return events
    out = []
    for e in events:
        above = [d for pos, d in headings if pos < e.evidence.start]
        today = e.date == ctx.article.published and re.search(r"\b(today|tonight|this (?:morning|afternoon|evening))\b",
                                                              e.evidence.sentence, re.I)
        if above and (e.date is None or today):
            e = replace(e, date=above[-1])  # "... were detained across the country today" under a day heading
        out.append(e)
    return out


def sent_of(ctx: Context, char: int) -> int:
    for i, s in enumerate(ctx.sents):
        if s.start_char <= char < s.end_char or (s.start_char <= char and i == len(ctx.sents) - 1):
            return i
    return -1
