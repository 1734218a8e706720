"""Reported counts: running tallies attributed to a source.

"the rights group X estimates there are currently about 1,400 political prisoners" gives
1,400 / "political prisoners remaining" / reporter X.  A figure needs a tally
cue (since, in all, remain, now, ...) or an explicit attribution, and it must count
people held, freed, pardoned, arrested or recognised — deaths and single acts
reported once are events, not tallies.
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.context import Context, count_in
from kg.records import CountClaim, Entity

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_SUBJECT_RE = re.compile(r"\b(prisoner|detain|detention|arrest|jail|prison|imprison|behind bars|held|custody|freed|released|pardon|clemency|incarcerat|political)", re.I)
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


_GROUP_NOUNS = ("it", "group", "monitor", "organisation", "organization")


#: Plural nouns that, written in lower case, make a subject a kind of source, not a named
#: one: "rights groups say", "Belarusian human rights activists estimate".
_UNNAMED_SOURCES = frozenset({"groups", "organizations", "organisations", "activists", "defenders", "workers",
                              "campaigners", "advocates", "monitors", "ngos", "sources"})


def _unnamed(ctx: Context, key: str) -> bool:
    """An organisation "named" only by a lower-case plural kind ("Human rights groups"):
    the judgement rules give such a figure no reporter."""
    if not key.startswith("o"):
        return False
    words = ctx.mentions.name(key).split()
    return bool(words) and words[-1] in _UNNAMED_SOURCES


def _named(ctx: Context, tok: "Token") -> str | None:
    """The person or organisation a subject names: itself, its compounds/appositions —
    not a possessor ("Dorov's office" is not Dorov) — or, for "the ministry",
    the organisation of that name mentioned before.  A kind of source ("rights groups")
    names no one."""
    found = [k for t in (tok, *[c for c in tok.children if c.dep_ in ("compound", "appos", "flat", "conj", "nmod")])
             for k in [ctx.entity_at(t)] if k and not k.startswith("l")]
    if found and all(_unnamed(ctx, k) for k in found):
        return None
    found = [k for k in found if not _unnamed(ctx, k)]
    if found:
        # "UN High Commissioner ... Volker Tamm reported": the person, not the office
        return next((k for k in found if k.startswith("p")), found[0])
    if tok.pos_ == "NOUN" and any(c.lower_ == "the" for c in tok.children) and not any(c.dep_ == "poss" for c in tok.children):
        best = None
        # "the Lithuanian president": a body whose name has the same describing words
        describing = [c.lower_ for c in tok.children if c.dep_ in ("amod", "compound")]
        for s, _e, k in ctx.mentions.spans:
            if s >= tok.i:
                break
            name_words = ctx.mentions.name(k).lower().split()
            if k.startswith("o") and tok.lower_ in name_words and all(w in name_words for w in describing):
                best = k  # "the union": the union named before
        if best is not None or tok.lower_ not in _GROUP_NOUNS:
            return best
    if tok.lower_ in _GROUP_NOUNS:  # "the rights group estimates ...": the group named before
        if any(c.lower_ in ("a", "an", "another") for c in tok.children):
            return None  # "a group that tracks detentions said ...": unnamed, not the last one named
        if any(c.lower_ == "rights" for c in tok.children):  # ... a rights group, not the news agency named last
            best, named = None, set()
            for s, e, k in ctx.mentions.spans:
                if k.startswith("o") and (any(cue in ctx.mentions.name(k).lower() for cue in lexicon.RIGHTS_ORG_CUES)
                                          or _called_rights_group(ctx, s, e)):
                    named.add(k)
                    if s < tok.i:
                        best = k
            # a headline's "..., rights group says": the one rights group the story names
            return best if best is not None or len(named) != 1 else next(iter(named))
        return ctx.last_org_before(tok.i)
    return None


#: "(human) rights group X", "X, a rights group": a name the text calls a rights group.
_RIGHTS_GROUP_BEFORE = re.compile(r"\brights (?:group|organi[sz]ation|cent(?:re|er)|watchdog)\s*$")
_RIGHTS_GROUP_AFTER = re.compile(r"^\s*,\s*(?:a |the |an )?(?:[\w-]+ ){0,2}?(?:human )?rights (?:group|organi[sz]ation|cent(?:re|er)|watchdog)\b")


def _called_rights_group(ctx: Context, start: int, end: int) -> bool:
    before = ctx.text[ctx.doc[max(start - 4, 0)].idx:ctx.doc[start].idx].lower()
    after = ctx.text[ctx.doc[end - 1].idx + len(ctx.doc[end - 1]):ctx.doc[min(end + 8, len(ctx.doc) - 1)].idx].lower()
    return bool(_RIGHTS_GROUP_BEFORE.search(before) or _RIGHTS_GROUP_AFTER.search(after))


def _voice_of(ctx: Context, subject: "Token", key: str) -> str:
    """A person speaking for an organisation gives its figures: "X, the group's advocacy
    director, reported ..." and "the director of Y, X, said ..." report as the group."""
    if not key.startswith("p"):
        return key
    for t in subject.subtree:
        if t.lower_ in lexicon.VOICE_NOUNS or t.lemma_.lower() in lexicon.VOICE_NOUNS:
            for o in t.subtree:
                k = ctx.entity_at(o)
                if k and k.startswith("o") and o.dep_ in ("poss", "pobj", "compound"):
                    return k
    return key


def _reporter(ctx: Context, sent: "Span") -> str | None:
    for tok in sent:
        # "according to X"
        if tok.lower_ == "according" and tok.i + 1 < len(ctx.doc) and ctx.doc[tok.i + 1].lower_ == "to":
            window = ctx.doc[tok.i + 2:min(tok.i + 16, sent.end)]
            for t in window:
                if t.dep_ == "pobj" or ctx.entity_at(t):
                    k = _named(ctx, t) or (_author(ctx, t) if t.dep_ == "pobj" and t.pos_ == "NOUN" else None)
                    if k:
                        return k
            for t in window:
                k = ctx.entity_at(t)
                if k and not k.startswith("l") and t.dep_ not in ("poss",):
                    return k
        if tok.lower_ == "by" and tok.head.lemma_.lower() in lexicon.REPORT_VERBS and tok.head.tag_ == "VBN":
            # "..., as reported by the X rights group", "figures compiled by X"
            for p in tok.children:
                if p.dep_ == "pobj":
                    k = _named(ctx, p)
                    if k:
                        return k
        is_report = (tok.lemma_.lower() in lexicon.REPORT_VERBS and tok.pos_ in ("VERB", "AUX")) or tok.lower_ in (
            "says", "counts", "estimates", "reports", "puts", "said")
        if is_report:
            subjects = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subjects and tok.dep_ == "conj":
                subjects = [c for c in tok.head.children if c.dep_ == "nsubj"]  # "X welcomed the news, but noted that ..."
            stop = _dateline_stop(ctx.text, sent.start_char)
            if tok.dep_ == "relcl" and any(c.lower_ in ("which", "who", "that") for c in subjects):
                subjects = [tok.head]  # "X, which estimates that ...": X
            if tok.dep_ == "acl" and not subjects:
                subjects = [tok.head]  # "a report denouncing that ...": the report
            for c in subjects:
                if c.idx < stop:
                    continue  # "YANGON (AP) - A group ... says": the dateline is not the speaker
                k = _named(ctx, c) or _author(ctx, c)
                if k:
                    return _voice_of(ctx, c, k)
    return None


def _author(ctx: Context, tok: "Token") -> str | None:
    """Who speaks when the subject names no one: "she stressed that ..." (the person the
    pronoun stands for), "X presented a report that reveals ..." (the report's author)."""
    if tok.pos_ == "PRON":
        return ctx.pronoun_person(tok)
    if tok.lemma_.lower() not in lexicon.DOCUMENT_NOUNS:
        return None
    if tok.dep_ == "dobj":  # "X published a report ...": X
        for c in tok.head.children:
            if c.dep_ == "nsubj":
                return _named(ctx, c)
    if tok.dep_ == "pobj" and tok.head.lower_ == "in":
        return None
    if any(c.lower_ in ("the", "this", "that") for c in tok.children) and not any(c.dep_ == "poss" for c in tok.children):
        # "the report" / "the document": the one an organisation was said, in this
        # sentence or the two before, to publish or present
        first = max(0, next((j for j, s in enumerate(ctx.sents) if s.start <= tok.i < s.end), 0) - 2)
        for s in ctx.sents[first:]:
            if s.start > tok.i:
                break
            for t in s:
                if t.lemma_.lower() in lexicon.DOCUMENT_NOUNS and t.dep_ == "dobj" and t.i < tok.i and (
                        t.head.lemma_.lower() in lexicon.PUBLISH_VERBS):
                    for c in t.head.children:
                        if c.dep_ == "nsubj":
                            k = _named(ctx, c)
                            if k and k.startswith("o"):
                                return k
    return None


def _dateline_stop(text: str, start: int) -> int:
    """Where a wire dateline opening a sentence ends ("YANGON (AP) -"), else 0."""
    from kg.read import DATELINE, dateline_at

    m = DATELINE.match(text, start)
    return m.end() if m is not None and dateline_at(text, start) is not None else 0


def default_source(ctx: Context) -> str | None:
    """'Figures come from X unless stated otherwise': the article's default source."""
    for sent in ctx.sents[:6]:
        if re.search(r"\b(figures|data|numbers|statistics|counts)\b.{0,20}\b(come|comes|are|is) (taken )?from\b|\bbased on (data|figures) from\b|\bcompiled by\b", ctx.text_of(sent), re.I):
            for t in sent:
                k = ctx.entity_at(t)
                if k and k.startswith("o"):
                    return k
    return None



def _speaker(ctx: Context, sent: "Span") -> str | None:
    """The subject of a speech verb in a sentence (for a figure in the next sentence)."""
    for tok in sent:
        if (tok.lemma_.lower() in {"say", "post", "write", "tell", "tweet", "state"} or tok.lemma_.lower() in lexicon.REPORT_VERBS) and tok.pos_ == "VERB":
            for c in tok.children:
                if c.dep_ == "nsubj":
                    k = ctx.entity_at(c) or (ctx.pronoun_person(c) if c.pos_ == "PRON" else None)
                    if k:
                        return k
    return None


_OUR_COUNT = re.compile(r"\b(by our (?:count|tally|records?)|our (?:count|tally|records?) shows?|we (?:counted|recorded|have documented)"
                        r"|according to our (?:information|data|figures|records|count|monitoring)|our (?:office|organi[sz]ation|group|team) has)\b", re.I)
_NP_REPORTER = re.compile(
    r"\baccording to (?:the |a |an )?(?:(?:list|tally|count|figures?|data|report|record)s? (?:kept|compiled|published|released|issued|gathered) by (?:the )?)?((?:[a-z\-]+ ){0,3}(?:press service|ministry|office|service|monitor|committee|"
    r"commission|agency|administration|council|group|lawyers|defenders|campaign|team)(?: of the (?:[A-Z][a-z]+ ?){1,3})?)\b"
    r"|\b(?:the |a )((?:[a-z\-'\u2019]+ ){0,3}(?:press service|ministry|office|service|monitor|committee|commission|agency|"
    r"administration|council))\s+(?:said|says|reported|reports|announced|estimated|estimates|noted|stated)\b"
    r"|\b([A-Z][\w-]+(?:'s|\u2019s) (?:junta|government|military|authorities|interior ministry|justice ministry|prison service))"
    r"\s+(?:said|say|says|reported|report|reports|announced|estimated|estimate|estimates|noted|stated)\b",
    re.I,
)
#: A person (an official, a UN commissioner) giving a figure of people detained or freed
#: gives a count when it is this large; a smaller one is most often their own case.
_PERSON_TALLY_MIN = 10
#: ... of people detained (a pardon's size that a person speaks of is the event's count).
_HELD_FLOW_RE = re.compile(r"\b(detain|arrest|jailed|imprison|held|in custody|behind bars)", re.I)
_FLOW_RE = re.compile(r"\b(detain|arrest|freed|released?|releases|pardon|jailed|imprison|held|in custody|behind bars|political prisoner"
                      r"|sentenced|in jail|in prison|(?:jail|prison) terms?)", re.I)


#: Words that say what kind of body a name is, not which one.
_BODY_WORDS = frozenset({"the", "human", "rights", "right", "center", "centre", "group", "organisation", "organization",
                         "of", "for", "and", "ngo", "hrc"})


def _proper_words(name: str) -> frozenset[str]:
    """The words of an organisation's name that tell it apart: 'Human Rights Center
    “Viasna”' and 'Viasna Human Rights Centre (spring96.org)' both give {'viasna'}."""
    name = re.sub(r"\([^()]*\)", " ", name)
    return frozenset(w for w in re.findall(r"[\w-]+", name) if w not in _BODY_WORDS)


def _own_page(ctx: Context, extra: "_Extra") -> str | None:
    """The rights group whose own page the article is (its outlet), as the text names it:
    outlet "Zubr" and "the Human Rights Center Zubr" in the text.  Only a group with
    a rights or monitoring word in its name counts (a journalists' association counts the
    journalists held); a newspaper's figures are not its own findings."""
    outlet = re.sub(r"\s*\([^()]*\)\s*$", "", (ctx.article.outlet or "")).strip()  # "Zubr (zubr.example)"
    if not outlet:
        return None
    low = outlet.lower().removeprefix("the ")
    for key, kind, name, aliases, *_ in ctx.mentions.entities:
        if kind != "organisation":
            continue
        names = [name.lower(), *(a.lower() for a in aliases)]
        if any(low == n or re.search(r"(?<!\w)" + re.escape(low) + r"(?!\w)", n) for n in names) and any(
                cue in n for n in names for cue in lexicon.MONITOR_CUES):
            return key
    own_words = _proper_words(low)
    for key, kind, name, aliases, *_ in ctx.mentions.entities:
        # outlet "Viasna Human Rights Centre" and the text's "Human Rights Center 'Viasna'":
        # the same words once the kind of body is set aside
        if kind == "organisation" and own_words and any(_proper_words(n.lower()) == own_words for n in (name, *aliases)) and any(
                cue in n.lower() for n in (name, *aliases, outlet) for cue in lexicon.MONITOR_CUES):
            return key
    if any(cue in low for cue in lexicon.MONITOR_CUES):
        return extra.org(outlet, ctx.sents[0]) if ctx.sents else None
    # outlet "Zubr", and the page calls itself 'the Human Rights Center "Zubr"' (a header
    # line NER leaves out) or "Zubr human rights centre"
    q = "[\"'\u201c\u201d\u00ab\u00bb]?"
    near = re.compile(r"\bhuman[- ]rights? (?:\w+ ){0,2}" + q + re.escape(outlet) + r"(?!\w)|(?<!\w)" + re.escape(outlet)
                      + q + r" (?:human[- ])?rights? (?:cent(?:er|re)|group|organi[sz]ation|defenders|monitor)", re.I)
    m = near.search(ctx.text)
    if m is not None and ctx.sents:
        return extra.org(outlet, next((s for s in ctx.sents if s.start_char <= m.start() < s.end_char), ctx.sents[0]))
    return None


#: Verbs of a change in a number: "increased by 800" counts no people.
_CHANGE_VERBS = {"grow", "increase", "rise", "fall", "drop", "decrease", "decline", "jump", "climb", "shrink", "go", "swell"}

_REVIEW_RE = re.compile(r"\b(?:in|according to) (?:its|their|the group's|the centre's|the center's) (?:[\w-]+ ){0,3}"
                        r"(?:review|report|overview|summary|digest|bulletin)\b", re.I)


def _review_author(ctx: Context) -> str | None:
    """A page that retells an organisation's review or report ("..., the X human rights
    centre reports in its end-of-year review"): its figures are that organisation's."""
    for sent in ctx.sents[:6]:
        if _REVIEW_RE.search(ctx.text_of(sent)):
            k = _reporter(ctx, sent)
            if k is not None and k.startswith("o"):
                return k
    return None


class _Extra:
    """Organisations the count rules name that NER did not (the outlet, 'the press service')."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.entities: list[Entity] = []

    def org(self, name: str, sent: "Span") -> str:
        for e in self.entities:
            if e.name.lower() == name.lower():
                return e.key
        for key, kind, ename, *_ in self.ctx.mentions.entities:
            if kind == "organisation" and ename.lower() == name.lower():
                return key
        key = f"o{len([k for k, kind, *_ in self.ctx.mentions.entities if kind == 'organisation']) + len(self.entities) + 1}"
        self.entities.append(Entity(key, "organisation", name, (), self.ctx.evidence(sent, "rule:count-reporter")))
        return key


def _numbers(ctx: Context, sent: "Span") -> list[tuple["Token", object]]:
    """Every count of people in the sentence with its number token."""
    out = []
    skip_to = -1
    for t in sent:
        if t.i <= skip_to or not (t.like_num or t.lower_ == "dozen"):
            continue
        if t.head.dep_ == "conj" and t.dep_ == "nummod" and any(
                n.dep_ == "nummod" for n in t.head.head.children):
            continue  # "16 men" after "14 women": already summed into the first
        c = count_in([t], ctx.doc)
        if c is not None:
            out.append((t, c))
            skip_to = t.i + 2
    return out


_AFTERMATH_RE = re.compile(r"\b(?:detained|arrested|jailed|rounded up)\b (?:\w+ ){0,2}(?:after|following|since|in the wake of|in connection with) (?:the |that )?(?:[\w-]+ ){0,3}"
                           r"(?:vote|election|elections|protests|crackdown|coup|uprising|unrest)\b")


_OWN_FLOW_RE = re.compile(r"\b(freed|released|pardoned|amnestied|detained|arrested|convicted|sentenced|recogni[sz]ed|declared|added)\b", re.I)
_OWN_TALLY_RE = re.compile(r"\b(?:it (?:has|had) (?:also )?become known|became known|in total|overall|(?:during|in|over) (?:the |that |this )?(?:month|week|year|\d{4})|(?:last|this) (?:month|week|year)"
                           r"|over the (?:past|last) \w+|in the (?:past|last) \w+)\b", re.I)
#: A figure of people arrested this large, told with no day of its own, is a total over
#: a crackdown ("more than 30,000 people were detained"), not one act.
_CRACKDOWN_MIN = 1000
_ARREST_RE = re.compile(r"\b(arrested|detained|rounded up)\b", re.I)


def _crackdown_total(ctx: Context, sent: "Span", clause: "Token", tok: "Token", count: object, local: str) -> bool:
    if getattr(count, "value", 0) < _CRACKDOWN_MIN or not _ARREST_RE.search(local):
        return False
    if re.search(r"\b(yesterday|today|tonight|last night|on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))\b", local):
        return False
    # a day or month of its own in the clause makes it one act ("detained on 9 August")
    span = (min(t.idx for t in clause.subtree), max(t.idx + len(t) for t in clause.subtree))
    return not any(span[0] <= d[0] < span[1] and len(d[2]) >= 7 for d in ctx.dates_in(sent))


def _list_counts_people(sent: "Span", tok: "Token") -> bool:
    """In a list line "Label: N.", the number counts what the label names."""
    colon = next((t for t in sent if t.text == ":"), None)
    if colon is None or tok.i < colon.i:
        return True
    nouns = [t for t in sent if t.i < colon.i and t.pos_ in ("NOUN", "PROPN") and t.text[:1].isalpha()]
    head = next((t for t in nouns if t.dep_ in ("nsubj", "nsubjpass", "ROOT")), None)
    return head is None or (head.lower_ not in lexicon.NON_PEOPLE_UNITS and head.lemma_.lower() not in lexicon.NON_PEOPLE_UNITS)


def _dated_act(ctx: Context, sent: "Span", clause: "Token", number: "Token") -> bool:
    """A number whose people a clause tells one act of, with its month or day: "six
    journalists detained in December 2024" (not "People released in October: nine")."""
    for t in clause.subtree:
        if t.lemma_.lower() in ("detain", "arrest", "jail", "sentence", "free", "release", "pardon") and t.tag_ in ("VBN", "VBD") and (
                number.i in {x.i for c in t.children if c.dep_ in ("nsubj", "nsubjpass") for x in c.subtree}
                or (t.dep_ == "acl" and number.i in {x.i for x in t.head.subtree if x.i < t.i})):
            nxt = ctx.doc[t.i + 1:min(t.i + 4, sent.end)]
            if nxt and nxt[0].lower_ in ("in", "on") and any(
                    len(d[2]) >= 7 and nxt[0].idx <= d[0] <= nxt[-1].idx + len(nxt[-1]) for d in ctx.dates_in(sent)):
                return True
    return False


_RATE_RE = re.compile(r"\b(?:an? average of|on average|(?:a|per|each) (?:day|week|month))\b")


def _own_clause(clause: "Token", tok: "Token") -> list["Token"]:
    """The words of ``clause`` without the clauses it embeds that have a subject of their
    own and do not hold ``tok`` ("..., although leaders remain sceptical")."""
    drop: set[int] = set()
    for c in clause.children:
        if c.dep_ in ("advcl", "ccomp", "conj", "relcl", "parataxis") and c.pos_ in ("VERB", "AUX") and any(
                x.dep_ in ("nsubj", "nsubjpass", "expl") for x in c.children):
            if c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "since" for m in c.children):
                continue  # "since the rallies began": the tally's period
            sub = {x.i for x in c.subtree}
            if tok.i not in sub:
                drop |= sub
    return [t for t in clause.subtree if t.i not in drop]


def _clause(tok: "Token") -> "Token":
    """The verb whose clause holds ``tok``."""
    t = tok
    for _ in range(8):
        if t.pos_ in ("VERB", "AUX") or t.head.i == t.i:
            return t
        t = t.head
    return t


def extract_counts(ctx: Context) -> tuple[list[CountClaim], list[Entity]]:
    out: list[CountClaim] = []
    extra = _Extra(ctx)
    prev_speaker: str | None = None
    fallback = default_source(ctx)
    own = _own_page(ctx, extra) or _review_author(ctx)
    for sent in ctx.sents:
        text = ctx.text_of(sent)
        speaker_here = _speaker(ctx, sent)
        numbers = _numbers(ctx, sent)
        if not numbers or not (_SUBJECT_RE.search(text) or own is not None and re.search(r"\bon (?:the|our|its)(?: \w+)? list\b", text)):
            prev_speaker = speaker_here
            continue
        reporter = _reporter(ctx, sent)
        if reporter is None and _OUR_COUNT.search(text) and ctx.article.outlet:
            reporter = extra.org(ctx.article.outlet, sent)
        if reporter is None:
            m = _NP_REPORTER.search(text)
            if m:
                phrase = (m.group(1) or m.group(2) or m.group(3)).strip()
                if own is not None and phrase.islower() and re.search(r"\b(?:rights|defenders|monitor|group)\b", phrase):
                    reporter = own  # "..., according to human rights defenders" on the group's own page
                else:
                    reporter = extra.org(phrase, sent)
        # "Political prisoners: 1,234." (a short value, not a headline "Ostrava 12: ten students jailed ...")
        list_form = bool(re.match(r"^\s*[-*•]?\s*[A-Z][^:]{3,120}:\s*(?:[\w,.\-]+ ?){1,5}\.?\s*$", text))
        for tok, count in numbers:
            if re.search(r"\bamong (?:the|those) (?:pardoned|released|freed|amnestied)\b", text[tok.idx - sent.start_char:tok.idx - sent.start_char + 80], re.I):
                continue  # "Nine women and 21 men among the pardoned had ...": a part of a group told before
            if list_form and not _list_counts_people(sent, tok):
                continue  # "- New criminal cases opened in October: forty-seven." counts cases
            by = tok.head if tok.dep_ == "nummod" else tok
            if by.head.lower_ == "by" and by.head.head.lemma_.lower() in _CHANGE_VERBS:
                continue  # "the number grew by 300": a change, not a count of people
            clause = _clause(tok)
            local = " ".join(t.lower_ for t in _own_clause(clause, tok))
            if _RATE_RE.search(local):
                continue  # "an average of 17 arrests a day": a rate, not a count
            if _DEATH_RE.search(local) and not re.search(r"prisoners? (remain|held)", local):
                continue  # deaths are events, not prisoner counts (the judgement rules)
            if any(t.lower_ in ("may", "might", "could", "until", "would") and t.ent_type_ != "DATE" for t in clause.subtree):
                continue  # a hedge (but "since 1 May" is a month)
            if reporter is None and _dated_act(ctx, sent, clause, tok):
                continue  # "six journalists detained in December 2024 remain held": one dated act, an event
            aftermath = bool(_AFTERMATH_RE.search(local))  # "2,000 people were detained after the vote": a tally over a period
            tally = any(re.search(r"(?<!\w)" + re.escape(c) + r"(?!\w)", local) for c in lexicon.TALLY_CUES) or list_form or aftermath
            who = reporter
            if who is None and tally and re.search(r"\b(remain|continue to be|are being held|behind bars|incarcerated)\b", local):
                who = prev_speaker
            # a figure a named source gives for people detained, freed or held is a count,
            # tally or not ("the ministry says 3,000 people were detained")
            flow = who is not None and bool(_FLOW_RE.search(local)) and not re.search(r"exchang|swap", local) and (
                who.startswith("o") or (count.value >= _PERSON_TALLY_MIN and bool(_HELD_FLOW_RE.search(local))))  # type: ignore[attr-defined]
            if who is None and list_form:
                who = fallback
            if who is None and own is not None and (tally or _OWN_TALLY_RE.search(text) and _OWN_FLOW_RE.search(local) and (
                    tok.dep_ in ("nummod", "nsubj", "nsubjpass") and tok.head.lemma_.lower() not in lexicon.NON_PEOPLE_UNITS)):
                # a rights group's own page: its running figures, and the people it says were
                # freed, detained or recognised over a period, are the group's findings
                who = own
                flow = flow or bool(_OWN_FLOW_RE.search(local))
            if _crackdown_total(ctx, sent, clause, tok, count, local):
                tally = aftermath = True  # "more than 30,000 people have been arrested": a total over many arrests
            if not (tally or flow):
                continue
            if who is None and not list_form and not aftermath and not re.search(
                    r"\b(remain|currently|now|still|behind bars|continues? to (?:hold|detain|jail)|as of|at (?:the|this) moment|at present"
                    r"|presently|there (?:are|is)|stands? at|(?:are|is) (?:being )?(?:held|jailed|imprisoned|detained|incarcerated)"
                    r"|(?:are|is) in (?:prison|jail|custody)|(?:are|is) (?:considered |recogni[sz]ed as )?political prisoners)\b", local):
                continue
            since = None
            m = re.search(r"\bsince\s+(?:the\s+)?(?:summer of\s+|spring of\s+|autumn of\s+|winter of\s+)?((?:19|20)\d{2}|\w+ (?:19|20)\d{2})", text)
            if m:
                since = m.group(1)
            dates = ctx.dates_in(sent)
            date = dates[0][2] if dates and not since else None
            out.append(CountClaim(
                count=count.value, kind=_kind(local, since), evidence=ctx.evidence(sent, "rule:reported-count"),  # type: ignore[attr-defined]
                qualifier=count.qualifier, reporter=who, date=date or ctx.article.published,  # type: ignore[attr-defined]
            ))
        prev_speaker = speaker_here
    return _dedupe(out), extra.entities


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
