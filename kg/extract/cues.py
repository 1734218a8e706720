"""Custody cues: a last word on people the event rules said nothing about.

Real pages name many people in ways the event rules do not reach: long lists with a
title and an organisation after each name, "Some of them, including X and Y, ...",
a reporter's aside.  For such a person the sentence that first names them next to a
custody cue ("behind bars", "was detained", "in exile", "was freed") is the best
evidence the article gives.  The cues are spaCy ``Matcher`` patterns in
``kg/data/status_cues.jsonl`` (one JSON object per line: ``label`` is the status the
cue gives, ``id`` names the pattern, ``pattern`` is a token pattern); users can add
their own lines.

The engine keeps only what patterns cannot say:

* the cue must not be negated or hedged ("was not released", "could be jailed");
* a person acting on others is not their object ("X sentenced ...", "ordered by X");
* a person who speaks in the sentence ("X said the three were detained") is not
  the one the cue is about;
* of several cues in the sentence, the one nearest the name counts;
* only the first sentence that gives a usable cue counts: an article's news is in
  its opening, background comes later.
"""
from __future__ import annotations

import dataclasses
import json
import re
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Iterator, Sequence

from kg.extract import lexicon
from kg.extract.context import Context, is_arrest_order, is_hedged, is_negated
from kg.records import Event, RoleClaim, StatusClaim

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab

__all__ = ["load_patterns", "cue_matcher", "cues_in", "cue_statuses", "free_statuses", "role_cues", "opening_cues",
           "sentenced_abroad"]

#: Verbs whose active subject acts on someone else: "X detained ...", "X pardoned ...".
_ACTING_VERBS = {"jail", "imprison", "incarcerate", "detain", "arrest", "convict", "sentence", "release", "free",
                 "pardon", "deport", "expel", "exile", "hold", "keep", "abduct", "kidnap", "banish", "grant", "sign",
                 "order", "lock"}


#: Statuses that win over a nearer cue of the same sentence: "sentenced to 15 years in
#: prison in absentia" is an exile, "died in prison" a death.
_PRIORITY = {"died_in_custody": 2, "exiled": 1}


#: Verbs whose active subject undergoes what their object names: "X received a pardon",
#: "X is serving a sentence", "X faces ten years", "X remains in custody".
_UNDERGOING_VERBS = {"receive", "get", "serve", "face", "remain", "spend", "be", "undergo", "suffer", "win", "obtain",
                     "return", "stay", "die", "go", "walk", "leave", "flee", "live", "lie", "languish", "end", "begin", "start"}


@lru_cache(maxsize=8)
def load_patterns(file: str = "status_cues.jsonl") -> tuple[dict, ...]:
    """Cue patterns shipped with kg (``kg/data/<file>``, one JSON object per line)."""
    text = resources.files("kg").joinpath("data/" + file).read_text(encoding="utf-8")
    return tuple(json.loads(line) for line in text.splitlines() if line.strip() and not line.lstrip().startswith("//"))


_MATCHERS: dict[tuple[str, int], "Matcher"] = {}


def cue_matcher(vocab: "Vocab", file: str = "status_cues.jsonl") -> "Matcher":
    """A ``Matcher`` over ``vocab`` for a pattern file of ``kg/data`` (match ids are the labels)."""
    from spacy.matcher import Matcher

    m = _MATCHERS.get((file, id(vocab)))
    if m is None or m.vocab is not vocab:
        m = Matcher(vocab)
        by_label: dict[str, list] = {}
        for p in load_patterns(file):
            by_label.setdefault(p["label"], []).append(p["pattern"])
        for label, pats in by_label.items():
            m.add(label, pats)
        _MATCHERS[(file, id(vocab))] = m
    return m


def cues_in(sent: "Span", matcher: "Matcher | None" = None) -> list[tuple[str, "Token"]]:
    """The custody cues of one sentence (or the matches of ``matcher``): (label, the
    cue's main token), longest match first where two overlap ("died in prison" over
    "in prison")."""
    from spacy.util import filter_spans

    matcher = matcher or cue_matcher(sent.doc.vocab)
    found = _span_matches(sent, matcher)  # offsets into the sentence
    spans = [sent[s:e] for _id, s, e in found]
    labels = {(sent.start + s, sent.start + e): sent.doc.vocab.strings[i] for i, s, e in found}
    out = []
    for span in filter_spans(spans):
        if _in_a_name(sent, span):
            continue  # "chairman of “Support for Political Prisoners”": words of a name
        head = next((t for t in span if t.pos_ in ("VERB", "AUX")), None) or next(
            (t for t in span if t.pos_ in ("NOUN", "ADJ")), span[-1])
        label = labels[(span.start, span.end)]
        if label == "jailed" and _formerly(sent.doc, span):
            label = "released"  # "formerly imprisoned X", "a one-time political prisoner"
        out.append((label, head))
    return out


#: Words that put a custody cue in the past: "formerly imprisoned", "an ex-prisoner".
_FORMERLY = frozenset({"formerly", "previously", "once", "former", "onetime", "one-time", "ex", "ex-"})


def _formerly(doc: "Doc", span: "Span") -> bool:
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in _FORMERLY:
        return True
    return any(c.dep_ in ("advmod", "amod") and c.lower_ in _FORMERLY for t in span for c in t.children)


def _span_matches(span: "Span", matcher: "Matcher") -> list[tuple[int, int, int]]:
    """``matcher(span)``, run once per span and matcher (several rules read the cues of
    one sentence)."""
    memo = span.doc.user_data.setdefault("kg_cue_matches", {})
    key = (id(matcher), span.start, span.end)
    found = memo.get(key)
    if found is None or found[0] is not matcher:
        found = memo[key] = (matcher, matcher(span))
    return found[1]


_OPEN_QUOTES = {"“", "«", "\"", "„"}
_CLOSE_QUOTES = {"”", "»", "\"", "“"}


def _in_a_name(sent: "Span", span: "Span") -> bool:
    """The match is capitalised words inside quotation marks, or after a capitalised word
    and "for" or "of" ("the Committee for Political Prisoners"): part of a name."""
    if not all(t.text[:1].isupper() for t in span if t.is_alpha):
        return False
    doc = sent.doc
    j = span.start - 1
    while j > sent.start and doc[j].is_alpha and doc[j].text[:1].isupper() and doc[j].lower_ not in ("for", "of"):
        j -= 1  # back over the capitalised words before the match ("Political" before "Prisoners")
    if j - 1 >= sent.start and doc[j].lower_ in ("for", "of") and doc[j - 1].text[:1].isupper() \
            and doc[j - 1].is_alpha and not doc[j - 1].is_sent_start:
        return True
    opened = False
    for t in sent.doc[sent.start:span.start]:
        if t.text in _OPEN_QUOTES and not opened:
            opened = True
        elif t.text in _CLOSE_QUOTES and opened:
            opened = False
    return opened


def _in_absentia(cues: list[tuple[str, "Token"]]) -> bool:
    """A sentence that passes its sentence "in absentia" jails nobody it names."""
    return any(label == "exiled" and cue.lower_ == "absentia" and not is_negated(cue) for label, cue in cues)


def _person_root(ctx: Context, start: int, end: int) -> "Token":
    return ctx.doc[start:end].root  # the span's root: "Tor Band members" is not the name


#: Dependency labels a cue may hang from to be said of the subject of its clause:
#: "X remains behind bars", "X got ten years in prison", "X was among those detained".
_PREDICATE_DEPS = {"prep", "pobj", "attr", "acomp", "xcomp", "acl", "dobj", "oprd", "agent", "advmod", "npadvmod", "pcomp"}
#: Verbs that spell out a group: "those held include X", "the first four are X".
_LISTING_VERBS = {"include", "be", "comprise", "number"}
#: Words that point back to the group of the sentence before: "Among them are X".
_GROUP_BACK = {"them", "these", "they", "those", "whom"}
#: Words that join a name to the people an act is about: "along with", "together with".
_WITH_PREPS = {"with", "along", "together", "alongside", "including", "among", "amongst"}
#: How deep in its clause a predicate cue may sit: "got [ten years [in [prison]]]" is three
#: steps; deeper, the cue is about something the clause only mentions.
_PREDICATE_HOPS = 3
#: Words that put a named person into a group: "prisoners, including X", "such as X".
_MEMBER_PREPS = {"including", "among", "like", "as", "incl"}


def _own(tok: "Token") -> set[int]:
    """The token's own subtree, without the other members of a list of names it heads
    ("journalist and prominent dissident" stays one description)."""
    skip = {t.i for c in tok.children if c.dep_ == "conj" and (c.pos_ == "PROPN" or tok.pos_ == "PROPN") for t in c.subtree}
    return {t.i for t in tok.subtree} - skip


def _link(root: "Token", cue: "Token", others: "tuple[Token, ...]" = ()) -> int:
    """How a cue is said of the person whose name has ``root``: 2 when the cue governs
    the person or is the predicate of their clause ("was detained", "the arrest of X",
    "remains behind bars"), 1 when it describes them ("X, who was jailed", "jailed
    activist X"), 0 when it is not about them."""
    if cue.dep_ == "conj" and cue.pos_ == "VERB" and cue.head.pos_ == "VERB" and cue.head.i != cue.i and not any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in cue.children):
        # "detained at the march and freed a week later": both acts are said of the name
        inherited = _link(root, cue.head, others)
        if inherited:
            return inherited
    q, desc = root, set(_own(root))
    for o in others:
        # "X, the brother of jailed reporter Y": Y's own words are not X's
        while o.dep_ in ("compound", "appos", "flat") and o.head.i != o.i and o.head.i != root.i:
            o = o.head
        sub = {t.i for t in o.subtree}
        if root.i not in sub:
            desc -= sub
    while True:
        if q.dep_ == "appos" or (q.dep_ == "pobj" and q.head.lower_ in _MEMBER_PREPS):
            below = q if q.dep_ == "appos" else q.head  # the list itself: its first name's title is not ours
            q = q.head if q.dep_ == "appos" else q.head.head
            desc |= _own(q) - ({t.i for t in below.subtree} - {t.i for t in root.subtree})
        elif q.dep_ == "conj" and q.head.i != q.i:
            q = q.head  # a list: what governs its first name governs them all
        else:
            break
    if q.i != root.i and cue.i == q.i:
        return 1  # "prisoners, including X", "the journalist X"
    # the cue governs: "arrested X", "the release of X", "X's arrest", "was freed" (q subject)
    g = q.head.head if q.dep_ == "pobj" and q.head.i != q.i else q.head
    if cue.i in (g.i, q.head.i) and q.i != cue.i:
        return 2
    t = q  # "was released along with 13 other prisoners, including X" (not "after a visit by X")
    while (t.dep_ == "pobj" and t.head.lower_ in _WITH_PREPS) or (t.dep_ in ("prep", "advmod") and t.lower_ in _WITH_PREPS):
        t = t.head
    if t.i == cue.i and t.i != q.i and t.pos_ == "VERB":
        return 2
    if q.dep_ == "attr" and any(c.i == cue.i and c.dep_ == "nsubj" for c in q.head.children):
        return 2  # "the arrests were X and Y"
    if q.dep_ in ("dobj", "attr", "nsubj") and q.head.lemma_.lower() in _LISTING_VERBS:
        # "Other critics arrested on spurious charges include X", "Among those freed were X"
        group = [c for c in q.head.children if c.i != q.i and c.dep_ in ("nsubj", "attr", "prep", "dobj")]
        if not any(c.dep_ == "nsubj" for c in group) and q.head.dep_ == "conj":
            # "critics detained on spurious charges include X", parsed as two verbs
            first = q.head.head
            group += [c for c in first.children if c.dep_ in ("nsubj", "nsubjpass")]
            if cue.i == first.i:
                return 2
        thing = cue.dep_ in ("compound", "amod") and cue.head.lemma_.lower() not in lexicon.PEOPLE_NOUNS
        if not thing and any(cue.i in {t.i for t in g.subtree} for g in group):
            return 2
    if (q.dep_ in ("nsubj", "nsubjpass", "expl") or (q.dep_ == "attr" and q.head.lemma_ == "be")) \
            and q.head.lemma_.lower() not in lexicon.SPEECH_VERBS | lexicon.REPORT_VERBS:
        verb = q.head  # (what a speaker says is not said of the speaker)
        t, hops = cue, 0
        while t.i != verb.i and t.dep_ in _PREDICATE_DEPS and t.head.i != t.i and hops < _PREDICATE_HOPS:
            t, hops = t.head, hops + 1
        if t.i == verb.i and cue.i not in _own(q):
            return 2
    if cue.i in desc:
        return 1
    return 0


def _opposed(root: "Token") -> bool:
    """The name is the one someone stands, runs or protests against ("a politician who
    stood against leader X"): an untied cue of the sentence is not about X."""
    q = root
    while q.dep_ in ("compound", "flat", "appos") and q.head.i != q.i:
        q = q.head
    return q.dep_ == "pobj" and q.head.lower_ == "against"


_FREED = {"released", "pardoned"}


def _awaited(cue: "Token") -> bool:
    """A freeing told as still to come: "will be released", "is expected to be freed",
    "is due to be pardoned", "pending release"."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "'ll", "shall") for c in cue.children):
        return True
    head = cue.head
    if cue.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in ("expect", "set", "due", "schedule", "slate"):
        return True
    return cue.dep_ == "pobj" and head.lower_ in ("pending", "awaiting")


#: Verbs that ask for a freeing: "urged Y to release X", "called for the release of X".
_DEMAND_VERBS = {"urge", "call", "demand", "press", "ask", "appeal", "push", "plead", "campaign", "lobby", "seek",
                 "request", "implore", "insist", "need"}


def _demanded(cue: "Token") -> bool:
    """A freeing asked for, not done: "should release X", "urged Y to free X", "called
    for the release of X", "demanded X's release".  Who is asked to be freed is held."""
    if any(c.dep_ == "aux" and c.lower_ in ("should", "must") for c in cue.children):
        return True
    head = cue.head
    if cue.dep_ in ("xcomp", "ccomp") and head.lemma_.lower() in _DEMAND_VERBS:
        return True
    if cue.pos_ == "NOUN":
        if cue.dep_ == "dobj" and head.lemma_.lower() in _DEMAND_VERBS:
            return True
        if cue.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in _DEMAND_VERBS:
            return True  # "called for the release of X", "calls for her release"
    return False


def _freed_one(root: "Token", cue: "Token") -> bool:
    """The name is who the freeing is of: "release X", "X's release", "the release of
    X", "X should be freed" (not a name the sentence only lists beside it)."""
    q = root
    while q.dep_ in ("appos", "compound", "flat", "conj") and q.head.i != q.i and q.head.pos_ in ("PROPN", "NOUN"):
        q = q.head
    if q.head.i == cue.i:
        return q.dep_ in ("dobj", "nsubjpass", "poss")
    return q.dep_ == "pobj" and q.head.lower_ == "of" and q.head.head.i == cue.i


#: Acts whose object was held until then: "the release of detainees": "detainees" tells
#: of the time before the act, not of the person's state after it.
_ENDING_ACTS = frozenset({"release", "free", "pardon", "amnesty", "freeing", "exchange", "swap", "deport", "expel"})


def _usable(ctx: Context, root: "Token", cue: "Token") -> bool:
    if is_negated(cue) or is_hedged(cue) or is_arrest_order(cue):
        return False
    if cue.pos_ == "NOUN" and any(a.lemma_.lower() in _ENDING_ACTS for a in cue.ancestors):
        return False  # "ordered the release of a group of pretrial detainees, including X"
    if cue.dep_ in ("amod", "compound") and cue.head.dep_ == "appos" and cue.head.head.i == root.i:
        return True  # "led by X, the fugitive former banker": said of X, whatever X does
    # the one who acts: active subject of the act, or "by X"
    while root.dep_ in ("appos", "compound", "flat") and root.head.i != root.i and root.head.pos_ in ("PROPN", "NOUN"):
        root = root.head  # "the country's leader, X, has released ...": the leader acts
    while root.dep_ == "pobj" and root.head.lower_ in ("including", "like") and root.head.head.dep_ == "nsubj":
        root = root.head.head  # "European leaders, including X, hailed the releases": X is of the subject
    verb = root.head
    active = root.dep_ == "nsubj" and not any(c.dep_ == "auxpass" for c in verb.children)
    if active and verb.lemma_.lower() in _ACTING_VERBS:
        return False
    if active and cue.pos_ == "NOUN" and cue.i in {t.i for t in verb.subtree} and cue.i not in {t.i for t in root.subtree} \
            and verb.lemma_.lower() not in _UNDERGOING_VERBS:
        return False  # "X agreed to an amnesty", "X signed the pardons": the act is X's doing
    if root.dep_ == "pobj" and root.head.lower_ == "by" and root.head.dep_ == "agent":
        return False
    if cue.pos_ == "VERB" and cue.lemma_.lower() in _ACTING_VERBS and not any(c.dep_ == "auxpass" for c in cue.children) and any(
            c.dep_ == "nsubj" and root.i in {t.i for t in c.subtree} for c in cue.children):
        return False  # "the regime of X and Y released 40 prisoners": X and Y act
    if root.dep_ == "poss" and root.head.lemma_.lower() in ("order", "decree", "decision", "regime", "government"):
        return False
    return True


def _said_of_a_thing(ctx: Context, cue: "Token") -> bool:
    """"Her closing statement, released by her lawyers", "a video released on Monday":
    a participle that describes a thing, not a person."""
    return cue.dep_ == "acl" and cue.tag_ == "VBN" and cue.head.pos_ == "NOUN" and ctx.person_at(cue.head) is None \
        and cue.head.lower_ not in lexicon.PEOPLE_NOUNS and cue.head.lemma_.lower() not in lexicon.PEOPLE_NOUNS


def _speaks(root: "Token", end: int | None = None) -> bool:
    """The name is the subject of a speech verb: "X said", "said X, a lawyer", or, where
    the parse missed it, a name followed by a comma and "said" ("..., the group's
    director, X, said on Friday")."""
    doc = root.doc
    if end is not None and end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lemma_.lower() in lexicon.SPEECH_VERBS \
            and doc[end + 1].tag_ in ("VBD", "VBZ", "VBP"):
        return True
    subj = root
    while subj.dep_ in ("appos", "conj") and subj.head.i != subj.i:
        subj = subj.head
    return subj.dep_ == "nsubj" and subj.head.lemma_.lower() in lexicon.SPEECH_VERBS | lexicon.REPORT_VERBS


def _describes(first: "Token", second: "Token") -> bool:
    """The second name is part of the first one's description, not a list mate: "X, the
    best-known opponent of Y" (the parse hangs Y under X without a conjunction)."""
    if second.dep_ == "appos" and first.dep_ == "pobj" and first.head.lower_ == "of" and second.head.i in (first.i, first.head.head.i):
        return True  # "a critic of Y, X, ...": X is the critic, Y is no list mate
    t, described = second, False
    while t.head.i != t.i and t.i != first.i:
        if t.dep_ == "conj":
            return False
        # "X, the opponent of Y": a descriptive apposition with its article; a list's bare
        # titles ("founder of the Z weekly Y") the parser also chains by apposition
        described = described or (t.dep_ == "appos" and t.i != second.i and any(c.dep_ == "det" for c in t.children))
        t = t.head
    return t.i == first.i and described


def _list_segments(ctx: Context, sent: "Span") -> dict[str, int]:
    """Person key -> list number, for the names of one sentence that stand in one list
    ("A, a journalist; B, head of C, and D"): only separators and descriptions between
    them, no finite verb.  Long lists with titles defeat the parser; the words between
    the names do not."""
    found = sorted((s, e, k) for s, e, k in ctx.mentions.spans if k.startswith("p") and sent.start <= s < sent.end)
    seg, n = {}, 0
    for (s0, e0, k0), (s1, e1, k1) in zip(found, found[1:]):
        seg.setdefault(k0, n)
        between = ctx.doc[e0:s1]
        joined = len(between) <= 25 and any(t.text in (",", ";", "and", "&", "–", "—", "-") for t in between) and not any(
            t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in between) and not _describes(ctx.doc[s0:e0].root, ctx.doc[s1:e1].root)
        if not joined:
            n += 1
        seg.setdefault(k1, n)
    if found:
        seg.setdefault(found[-1][2], n)
    return seg


#: Places a cue hangs from that make it about a noun of its own, not about a name the
#: parse did not tie it to: "jailed opposition figure", "those released", "the arrest
#: of others", "the pardon committee".
_ATTACHED_DEPS = {"amod", "compound", "nmod", "poss", "acl", "relcl", "appos", "nsubj", "nsubjpass", "dobj"}


def _clause_verb(tok: "Token") -> "Token":
    """The verb of the clause a word sits in (through lists, appositions and prepositions)."""
    t = tok
    while t.pos_ not in ("VERB", "AUX") and t.head.i != t.i:
        t = t.head
    return t


#: "The list includes X": the people the sentence before counted.
_THE_LIST = re.compile(r"\s*(?:the|this|that|their|its) (?:list|names) (?:includes?|included|contains?|contained|comprises?)\b", re.I)


def _group_back(ctx: Context, sent: "Span", root: "Token") -> "tuple[str, Token, int] | None":
    """"Among them are X", "These include X", "Some of them, including X, ...": a
    sentence that names members of the group the sentence before told of takes that
    group's cue (one the sentence before says of no named person)."""
    if _speaks(root) or not (any(t.lower_ in _GROUP_BACK and t.i < root.i and t.pos_ in ("PRON", "DET") for t in sent)
                             or _THE_LIST.match(ctx.text_of(sent))):
        return None
    from kg.extract.timeline import previous_sentence

    before = previous_sentence(ctx, sent)
    if before is None:
        return None
    named = [_person_root(ctx, s, e) for s, e, k in ctx.mentions.spans if k.startswith("p") and before.start <= s < before.end]
    # the group "these" points back to is the last one told: "X pardoned 30 people, but
    # about 1,200 remain behind bars. These include ..." are of those still held
    for label, cue in reversed(cues_in(before)):
        if any(_link(r, cue) for r in named):
            continue
        if label in _FREED and _demanded(cue) and not is_negated(cue):
            return ("jailed", cue, 1)  # "These people must be freed. The list includes X": still held
        if is_hedged(cue):
            continue
        if is_negated(cue):
            if label in _FREED:
                return ("jailed", cue, 1)  # "Notably absent from this clemency are ... These include X": still held
            continue
        return (label, cue, 1)
    return None


def _unclaimed_mentions(ctx: Context, done: set[str]) -> "Iterator[tuple[int, int, str, Span]]":
    """Each story mention of a person not in ``done``, in text order, with its sentence
    (the caller adds a person to ``done`` once it has given them a claim)."""
    story = {s.start for s in ctx.sents}
    for start, end, key in ctx.mentions.spans:
        if key.startswith("p") and key not in done:
            sent = ctx.doc[start].sent
            if sent.start in story:
                yield start, end, key, sent


def cue_statuses(ctx: Context, claimed: set[str]) -> list[StatusClaim]:
    """One status claim for each person in ``ctx`` not in ``claimed`` that a custody
    cue in the first usable sentence names them with (method ``rule:cue``).  A cue the
    parse ties to the name comes first; failing that (long lists defeat the parser),
    a cue of the same sentence that is not said of anyone else."""
    out: list[StatusClaim] = []
    cache: dict[int, list[tuple[str, "Token"]]] = {}
    links: dict[int, dict[tuple[str, int], int]] = {}
    segments: dict[int, dict[str, int]] = {}
    done = set(claimed)
    for start, end, key, sent in _unclaimed_mentions(ctx, done):
        if sent.start not in cache:
            cache[sent.start] = cues_in(sent)
        root = _person_root(ctx, start, end)
        if sent.start not in links:
            named = [(k, _person_root(ctx, s, e), s, e) for s, e, k in ctx.mentions.spans
                     if k.startswith("p") and sent.start <= s < sent.end]
            links[sent.start] = {(k, c.i): _link(r, c, tuple(r2 for k2, r2, _s, _e in named if k2 != k))
                                 for k, r, s, e in named for _l, c in cache[sent.start] if not s <= c.i < e}
            segments[sent.start] = _list_segments(ctx, sent)
        seg = segments[sent.start]
        usable = []
        for label, cue in cache[sent.start]:
            if start <= cue.i < end:
                continue
            link = links[sent.start].get((key, cue.i), 0)
            # a cue tied to another name of the same list is said of the whole list
            mates = [v for (k, ci), v in links[sent.start].items() if ci == cue.i and k != key and v]
            same_list = [v for (k, ci), v in links[sent.start].items()
                         if ci == cue.i and k != key and v == 2 and seg.get(k) == seg.get(key)]
            if label in _FREED and _awaited(cue) and not is_negated(cue):
                # "X will also be released", "X is expected to be freed": still held now
                if link or same_list:
                    usable.append(("jailed", cue, link or 1))
                continue
            if label == "released" and _demanded(cue) and not is_negated(cue):
                # "urged the authorities to release X": X is held when the page is written
                if _freed_one(root, cue):
                    usable.append(("jailed", cue, link or 1))
                continue
            if not _usable(ctx, root, cue) or _said_of_a_thing(ctx, cue):
                continue
            if link or same_list:
                usable.append((label, cue, link or 1))
            elif not mates and cue.dep_ not in _ATTACHED_DEPS and not _speaks(root) and not _titled(ctx, start, end, False) \
                    and not _opposed(root):
                # an office holder is not held by a cue the parse did not tie to them
                # the one who speaks is not the one the cue is about: "X said the three were detained"
                usable.append((label, cue, 0))
        if not usable:
            back = _group_back(ctx, sent, root)
            if back is None:
                continue
            usable = [back]
        # a cue of higher priority ("in absentia", "died in prison"), then one that
        # governs the name, then one that describes it, then the nearest
        # of two acts told in a row ("arrested ... and released"), the later
        heads = {c.i for _l, c, _k in usable}
        label, cue, _link_kind = min(usable, key=lambda lc: (
            -_PRIORITY.get(lc[0], 0), -lc[2], -(lc[1].dep_ == "conj" and lc[1].head.i in heads), abs(lc[1].i - root.i), lc[1].i))
        if label == "jailed" and _in_absentia(cache[sent.start]):
            label = "exiled"  # "sentenced X to 15 years in prison in absentia"
        done.add(key)
        out.append(StatusClaim(key, label, ctx.evidence(sent, "rule:cue"), None, None))
    return out


_FREE_MATCHERS: dict[int, "Matcher"] = {}


def load_free_patterns() -> tuple[dict, ...]:
    """Titles that, with no custody cue, say a person is free: an office holder, a
    relative, a spokesperson (``kg/data/free_cues.jsonl``)."""
    return load_patterns("free_cues.jsonl")


def _free_matcher(vocab: "Vocab") -> "Matcher":
    from spacy.matcher import Matcher

    m = _FREE_MATCHERS.get(id(vocab))
    if m is None or m.vocab is not vocab:
        m = Matcher(vocab)
        for speech in (False, True):
            pats = [p["pattern"] for p in load_free_patterns() if bool(p.get("needs_speech")) == speech]
            if pats:
                m.add("free-if-speaking" if speech else "free", pats)
        _FREE_MATCHERS[id(vocab)] = m
    return m


def _titled(ctx: Context, start: int, end: int, speaking: bool) -> bool:
    """A free title just before the name ("UN High Commissioner for Human Rights X",
    "his sister X", "chaired by X") or in its apposition ("X, the country's interior
    minister")."""
    doc = ctx.doc
    sent = doc[start].sent
    lo = max(sent.start, start - 7)
    left = doc[lo:start]
    # the title must run up to the name: only title words, "of"/"for" phrases and names between
    matcher = _free_matcher(doc.vocab)
    ok = {"free", "free-if-speaking"} if speaking else {"free"}
    for mid, s, e in matcher(left):
        if doc.vocab.strings[mid] not in ok:
            continue
        between = doc[lo + e:start]
        if all(t.is_title or t.lower_ in ("of", "for", "the", "'s", "’s", "un", "human", "rights", "high", "interior", "foreign",
                                          "prime", "special", "state", "by", "his", "her", "their", "former", "-", ",") or t.pos_ == "PROPN"
               for t in between) and not any(t.lower_ == "former" for t in doc[lo:start]):
            return True
    root = doc[start:end].root
    for c in root.children:
        if c.dep_ == "appos":
            words = doc[c.left_edge.i:c.i + 1]
            if any(doc.vocab.strings[mid] in ok for mid, _s, _e in matcher(words)) and not any(t.lower_ in ("former", "ex") for t in words):
                return True
    return False


def free_statuses(ctx: Context, claimed: set[str], speakers: "frozenset[str]" = frozenset()) -> list[StatusClaim]:
    """People with no status claim at all who speak in the article or carry an office,
    spokesperson or family title are ``free`` (the judgement rules: officials, heads of
    state, relatives and people speaking in their professional role, with no custody
    cue).  Only the first such mention counts (method ``rule:free-title``)."""
    out: list[StatusClaim] = []
    done = set(claimed)
    for start, end, key, sent in _unclaimed_mentions(ctx, done):
        if key in speakers or _titled(ctx, start, end, _speaks(_person_root(ctx, start, end), end)):
            done.add(key)
            out.append(StatusClaim(key, "free", ctx.evidence(sent, "rule:free-title"), None, None))
    return out


def _role_link(root: "Token", cue: "Token", others: "tuple[Token, ...]") -> int:
    """``_link`` for a role word: a description of the name, or a predicate of "be",
    "include" or "comprise" ("X is an opposition politician", "critics include X");
    an act's object is no title ("X cracked down on the opposition")."""
    link = _link(root, cue, others)
    if link == 2 and _clause_verb(root).lemma_.lower() not in _LISTING_VERBS:
        return 0
    return link


#: Words for someone who works in or for an organisation: with a rights group named in
#: their phrase ("Zubr members A and B", "a lawyer of Zubr", "members of the rights
#: group Zubr: A, B"), its people are human rights defenders.
_MEMBER_WORDS = {"member", "volunteer", "activist", "head", "director", "lawyer", "founder", "co-founder", "chairman",
                 "chairwoman", "chair", "coordinator", "staff", "employee", "researcher", "vice-president", "leader"}


def _rights_member_cues(ctx: Context, sent: "Span", rights_orgs: "set[str] | frozenset[str]") -> list[tuple[str, "Token"]]:
    out = []
    for t in sent:
        if t.lemma_.lower() not in _MEMBER_WORDS or t.pos_ != "NOUN" or ctx.person_at(t):
            continue
        phrase = [x for x in t.subtree if not (x.dep_ == "conj" and x.head.i == t.i)]
        if any(ctx.entity_at(x) in rights_orgs for x in phrase) or any(
                ctx.entity_at(c) in rights_orgs for c in t.children if c.dep_ in ("compound", "poss")):
            out.append(("human rights defender", t))
    return out


def role_cues(ctx: Context, have: set[tuple[str, str]], rights_orgs: "set[str] | frozenset[str]" = frozenset()) -> list[RoleClaim]:
    """Roles a list or group description gives its members, where the title windows
    of ``roles.py`` do not reach (a long list, a group noun before "include"): the
    patterns of ``kg/data/role_cues.jsonl`` ("government critics", "activists of the
    X Party", "political prisoners") tied by the parse to the name, or to a name of
    the same list."""
    out: list[RoleClaim] = []
    matcher = cue_matcher(ctx.doc.vocab, "role_cues.jsonl")
    for sent in ctx.sents:
        named = [(k, _person_root(ctx, s, e), s, e) for s, e, k in ctx.mentions.spans
                 if k.startswith("p") and sent.start <= s < sent.end]
        if not named:
            continue
        cues = cues_in(sent, matcher) + _rights_member_cues(ctx, sent, rights_orgs)
        if not cues:
            continue
        seg = _list_segments(ctx, sent)
        links = {(k, c.i): _role_link(r, c, tuple(r2 for k2, r2, _s, _e in named if k2 != k))
                 for k, r, s, e in named for _l, c in cues if not s <= c.i < e}
        for k, r, s, e in named:
            for label, cue in cues:
                if (k, label) in have or is_negated(cue):
                    continue
                if s <= cue.i < e:
                    continue
                own = links.get((k, cue.i), 0)
                # a group noun over the whole list ("critics ... include A and B"), not a mate's own title
                # or a plural title before it ("Zubr members A, B and C")
                plural = cue.tag_ in ("NNS", "NNPS") and cue.i < s
                mates = any(v == 2 or (v and plural) for (k2, ci), v in links.items()
                            if ci == cue.i and k2 != k and seg.get(k2) == seg.get(k))
                if own or mates:
                    have.add((k, label))
                    out.append(RoleClaim(k, label, ctx.evidence(sent, "rule:role-cue")))
    return out


def sentenced_abroad(ctx: Context, claims: "list[StatusClaim]", events: "Sequence[Event]") -> list[StatusClaim]:
    """"The court sentenced the exiled opposition leader X to 18 years": a sentence
    passed on someone the same sentence calls exiled is passed in absentia, so the
    person stays ``exiled`` (an ``exiled`` twin of the ``jailed`` claim, which the
    timeline puts after it)."""
    sentencing = {e.key for e in events if e.type == "sentencing"}
    out = []
    for c in claims:
        if c.status != "jailed" or c.event not in sentencing:
            continue
        sent = next((s for s in ctx.sents if s.start_char <= c.evidence.start < s.end_char), None)
        if sent is None:
            continue
        spans = [(s, e) for s, e, k in ctx.mentions.spans if k == c.person and sent.start <= s < sent.end]
        for s, e in spans:
            root = _person_root(ctx, s, e)
            if any(label == "exiled" and not is_negated(cue) and _link(root, cue) for label, cue in cues_in(sent)):
                out.append(dataclasses.replace(c, status="exiled", event=None,
                                               evidence=dataclasses.replace(c.evidence, method="rule:sentenced-exiled")))
                break
    # "The court also sentenced another exiled figure ..." / "Another oppositionist was
    # sentenced to 18 years": told after a sentence passed in absentia, as part of it
    absentia = [o.evidence.start for o in out] + [
        sent.start_char for sent in ctx.sents if _SENTENCED.search(ctx.text_of(sent))
        and any(label == "exiled" and not is_negated(cue) for label, cue in cues_in(sent))]
    if absentia:
        first = min(absentia)
        done = {o.person for o in out}
        for c in claims:
            if (c.status == "jailed" and c.event in sentencing and c.person not in done and c.evidence.start > first
                    and _SAME_TRIAL.search(c.evidence.sentence)):
                done.add(c.person)
                out.append(dataclasses.replace(c, status="exiled", event=None,
                                               evidence=dataclasses.replace(c.evidence, method="rule:sentenced-exiled")))
    return out


_SENTENCED = re.compile(r"\b(?:sentenc|convict)", re.I)
#: Words that tie a sentencing to one told before it.
_SAME_TRIAL = re.compile(r"^\W*another\b|\b(?:was|were) also (?:sentenced|convicted)\b|\bin the same (?:trial|case|verdict|hearing)\b", re.I)


#: How many story sentences make an article's opening, where its news is told.
OPENING_SENTENCES = 2


def opening_cues(ctx: Context, claims: "list[StatusClaim]") -> list[StatusClaim]:
    """The news of an article is in its opening.  A person named in the first story
    sentences, whom no rule gave a status from that sentence, takes the custody cue the
    parse ties to their name there ("X pardoned the prominent activist Y" parsed as an
    adjective still says Y was pardoned), as the article's news (method ``rule:opening-cue``).
    Only cues tied to the name count here, never a cue merely in the sentence."""
    out: list[StatusClaim] = []
    opening = ctx.sents[:OPENING_SENTENCES]
    told = {(c.person, c.evidence.start) for c in claims}
    for sent in opening:
        start_char = ctx.evidence(sent, "").start
        cues = cues_in(sent)
        if not cues:
            continue
        named = [(k, _person_root(ctx, s, e), s, e) for s, e, k in ctx.mentions.spans
                 if k.startswith("p") and sent.start <= s < sent.end]
        done: set[str] = set()
        for key, root, s, e in named:
            if key in done or (key, start_char) in told:
                continue
            others = tuple(r for k, r, _s, _e in named if k != key)
            usable = [(label, cue, link) for label, cue in cues
                      if not s <= cue.i < e and _usable(ctx, root, cue) and not _said_of_a_thing(ctx, cue)
                      and (link := _link(root, cue, others))]
            if not usable:
                continue
            heads = {c.i for _l, c, _k in usable}
            label, _cue, _k = min(usable, key=lambda lc: (
                -_PRIORITY.get(lc[0], 0), -lc[2], -(lc[1].dep_ == "conj" and lc[1].head.i in heads), abs(lc[1].i - root.i)))
            if label == "jailed" and _in_absentia(cues):
                label = "exiled"  # "sentenced X to 15 years in prison in absentia"
            done.add(key)
            out.append(StatusClaim(key, label, ctx.evidence(sent, "rule:opening-cue"), None, None))
    return out
