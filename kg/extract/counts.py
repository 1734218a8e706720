"""Reported counts: running tallies attributed to a source.

"Viasna estimates there are currently about 1,400 political prisoners" gives
1,400 / "political prisoners remaining" / reporter Viasna.  A figure needs a tally
cue (since, in all, remain, now, ...) or an explicit attribution, and it must count
people held, freed, pardoned, arrested or recognised — deaths and single acts
reported once are events, not tallies.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.context import Context, count_in
from kg.records import CountClaim

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_SUBJECT_RE = re.compile(r"\b(prisoner|detain|arrest|jail|imprison|behind bars|held|custody|freed|released|pardon|clemency|incarcerat|political)", re.I)
_DEATH_RE = re.compile(r"\b(died|deaths?|killed|dead)\b", re.I)


def _kind(text: str, since: str | None) -> str:
    t = text.lower()
    tail = f" since {since}" if since else ""
    if re.search(r"newly recogni[sz]ed", t):
        return "newly recognised as political prisoners"
    if re.search(r"\b(pardon|clemency)", t):
        return "pardoned" + tail
    if re.search(r"\b(freed|released|release)\b", t) and not re.search(r"\bremain", t):
        return "freed" + tail
    if re.search(r"\b(arrest|detain)", t):
        return "arrested" + tail if since else "detained"
    return "political prisoners remaining"


def _reporter(ctx: Context, sent: "Span") -> str | None:
    text = sent.text
    for tok in sent:
        # "according to X"
        if tok.lower_ == "according" and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
            for t in ctx.doc[tok.i + 2:min(tok.i + 14, sent.end)]:
                k = ctx.entity_at(t)
                if k and not k.startswith("l"):
                    return k
        if tok.lemma_.lower() in lexicon.REPORT_VERBS and tok.pos_ in ("VERB", "AUX"):
            for c in tok.children:
                if c.dep_ == "nsubj":
                    for t in c.subtree:
                        k = ctx.entity_at(t)
                        if k and not k.startswith("l"):
                            return k
                    if c.lower_ in ("it", "group", "monitor", "organisation", "organization"):
                        return _last_org(ctx, c.i)
    del text
    return None


def _last_org(ctx: Context, i: int) -> str | None:
    best = None
    for s, _e, k in ctx.mentions.spans:
        if s >= i:
            break
        if k.startswith("o"):
            best = k
    return best


def _speaker(ctx: Context, sent: "Span") -> str | None:
    """The subject of a speech verb in a sentence (for a figure in the next sentence)."""
    for tok in sent:
        if tok.lemma_.lower() in {"say", "post", "write", "tell", "tweet", "state"} and tok.pos_ == "VERB":
            for c in tok.children:
                if c.dep_ == "nsubj":
                    k = ctx.entity_at(c) or (ctx.pronoun_person(c) if c.pos_ == "PRON" else None)
                    if k:
                        return k
    return None


def extract_counts(ctx: Context) -> list[CountClaim]:
    out: list[CountClaim] = []
    prev_speaker: str | None = None
    for sent in ctx.sents:
        text = sent.text
        toks = list(sent)
        count = count_in(toks, ctx.doc)
        speaker_here = _speaker(ctx, sent)
        if count is None:
            prev_speaker = speaker_here
            continue
        low = text.lower()
        if not _SUBJECT_RE.search(text) or _DEATH_RE.search(text) and not re.search(r"prisoners? (remain|held)", low):
            prev_speaker = speaker_here
            continue
        # the number must sit near the people it counts (not "30 years in power")
        reporter = _reporter(ctx, sent)
        tally = any(re.search(r"(?<!\w)" + re.escape(c) + r"(?!\w)", low) for c in lexicon.TALLY_CUES)
        list_form = bool(re.match(r"^\s*[A-Z][^:]{3,80}:\s*[\w,.\- ]+\.?\s*$", text))
        if reporter is None and (tally or list_form) and re.search(r"\b(remain|continue to be|are being held|behind bars|incarcerated)\b", low):
            reporter = prev_speaker
        if reporter is None and list_form:
            reporter = None
        if not (tally or list_form):
            prev_speaker = speaker_here
            continue
        if reporter is None and not list_form and not re.search(r"\b(remain|currently|now|behind bars)\b", low):
            prev_speaker = speaker_here
            continue
        if any(h in low for h in (" may ", " might ", " could ", "until all")):
            prev_speaker = speaker_here
            continue
        since = None
        m = re.search(r"\bsince\s+(?:the\s+)?(?:summer of\s+|spring of\s+|autumn of\s+|winter of\s+)?((?:19|20)\d{2}|\w+ (?:19|20)\d{2})", text)
        if m:
            since = m.group(1)
        date = None
        dates = ctx.dates_in(sent)
        if dates and not since:
            date = dates[0][2]
        out.append(CountClaim(
            count=count.value, kind=_kind(text, since), evidence=ctx.evidence(sent, "rule:reported-count"),
            qualifier=count.qualifier, reporter=reporter, date=date or ctx.article.published,
        ))
        prev_speaker = speaker_here
    return _dedupe(out)


def _dedupe(counts: list[CountClaim]) -> list[CountClaim]:
    """The same figure told twice in one article is one report; keep the attributed one."""
    out: list[CountClaim] = []
    for c in counts:
        twin = next((i for i, o in enumerate(out) if o.count == c.count), None)
        if twin is None:
            out.append(c)
        elif out[twin].reporter is None and c.reporter is not None:
            out[twin] = c
    return out
