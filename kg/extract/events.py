"""Events (pardon, release, arrest, ...) and the statuses they give people.

One pass over the sentences.  A trigger is a verb or noun from ``lexicon``; the
dependency parse gives its agent (active subject, passive ``by``), the people it
affects (object, passive subject, "including ..." lists, the antecedent of a
relative clause, a resolved pronoun) and its count.  Negated, hedged and offered
acts produce nothing.  A group statement ("No prominent opposition figures have
been released.") carries over to a following "They include A, B and C." list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.anchors import anchor_date, anchors_of, relative_to_now
from kg.extract.dates import month_after
from kg.extract.timeline import followup_dates, heading_dates, inherit_dates, previous_sentence, relative_days, sent_of
from kg.extract.numbers import NUMBER_WORDS, Count, to_int
from kg.extract.context import Context, count_in, is_arrest_order, is_hedged, is_negated
from kg.records import Event, Evidence, StatusClaim

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

STATUS_OF_EVENT = {
    "arrest": "jailed",
    "sentencing": "jailed",
    "release": "released",
    "pardon": "pardoned",
    "exile": "exiled",
    "death_in_custody": "died_in_custody",
    "prisoner_exchange": "released",
}
_LIST_OPENERS = re.compile(
    r"^\s*(they|those|these|the group|the prisoners|the detainees|those freed|those released)?\s*"
    r"(include|included|includes|were|are)?\s*|^\s*among(?:st)? (them|those)",
    re.IGNORECASE,
)
_GROUP_ROLE_CUES = [
    ("opposition", "opposition figure"), ("political prisoner", "political prisoner"),
    ("journalist", "journalist"), ("rights", "human rights defender"), ("critic", "opposition figure"),
    ("dissident", "opposition figure"), ("democracy", "opposition figure"),
]


@dataclass
class EventResult:
    events: list[Event] = field(default_factory=list)
    statuses: list[StatusClaim] = field(default_factory=list)
    group_roles: list[tuple[str, str, Evidence]] = field(default_factory=list)  # person, role, ev


#: Lemmas the special cases of :func:`_type_of` test; with the lexicon's trigger words,
#: every lemma that can trigger an event (any other word is skipped at once).
_SPECIAL_LEMMAS = frozenset({
    "jail", "imprison", "incarcerate", "disperse", "break", "kill", "murder", "die", "find", "leave", "hold", "walk",
    "demonstrate", "fly", "move", "go", "travel", "relocate", "escape", "send", "bring", "run", "stand", "convict",
    "receive", "give", "get", "hand", "protest", "gather", "march", "rally", "assemble", "take", "gain", "regain", "win",
    "obtain"})
_TRIGGER_LEMMAS = _SPECIAL_LEMMAS | frozenset(lexicon.EVENT_VERBS) | frozenset(lexicon.EVENT_NOUNS)


def _type_of(tok: "Token", sent: "Span", text: str) -> str | None:
    """The event type ``tok`` triggers; ``text`` is its sentence's text in lower case."""
    lemma = tok.lemma_.lower()
    if lemma not in _TRIGGER_LEMMAS:
        return None
    if tok.pos_ in ("VERB", "AUX") or (tok.tag_ in ("VBN", "VBD") and tok.pos_ == "ADJ"):
        if lemma in ("jail", "imprison", "incarcerate"):
            on_charges = any(c.lower_ == "on" and any(p.lemma_.lower() in ("charge", "conviction") for p in c.children) for c in tok.children)
            return "sentencing" if any(c.lower_ == "for" for c in tok.children) or on_charges else "arrest"
        if lemma in ("disperse", "break") and (lemma == "disperse" or any(c.lower_ == "up" for c in tok.children)) and any(
                c.dep_ in ("dobj", "nsubjpass") and any(w.lemma_.lower() in ("protest", "rally", "crowd", "protester", "demonstrator",
                                                                          "supporter", "demonstration", "gathering", "march", "vigil")
                                                         for w in c.subtree) for c in tok.children):
            return "protest"  # "police dispersed a small group of supporters", "broke up the rally"
        if lemma in ("kill", "murder") and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in ("prisoner", "detainee", "inmate")
                                               for c in tok.children):
            return "death_in_custody"  # "the regime has killed five political prisoners"
        if lemma == "die" or lemma == "find" and any(c.lower_ == "dead" for c in tok.children):  # "was found dead in his cell"
            return "death_in_custody" if any(w in text for w in lexicon.CUSTODY_WORDS) else None
        if lemma == "leave":
            objs = [c for c in tok.children if c.dep_ in ("dobj", "prep")]
            if any(o.ent_type_ in ("GPE", "LOC") or (o.dep_ == "dobj" and o.pos_ == "PROPN")
                   or o.lower_ in ("country", "for", "homeland", "abroad") for o in objs):
                return "exile"
            return None
        if lemma == "hold" and any(c.lower_ == "since" for c in tok.children):
            return "arrest"
        if lemma in ("gain", "regain", "win", "obtain", "get", "receive") and any(
                c.dep_ == "dobj" and c.lemma_.lower() in ("freedom", "liberty") for c in tok.children):
            return "release"  # "gained freedom", "regained their liberty"
        if lemma == "walk" and (any(c.lower_ == "free" for c in tok.children) or re.search(
                r"\bwalk(?:ed|s)? (?:out of|free from) (?:\w+ ){0,2}(?:prison|jail|detention|custody|colony)", text)):
            return "release"  # "walked free", "walked out of prison"
        if lemma == "demonstrate" and any(c.dep_ in ("ccomp", "dobj") for c in tok.children):
            return None  # "this demonstrates that ...": showing, not protesting
        if lemma in ("fly", "move", "go", "travel", "relocate", "escape") and re.search(
                r"\b(expected to be arrested|fearing arrest|to avoid arrest|to escape arrest|fear of arrest|facing arrest)\b", text) and any(
                c.dep_ == "prep" and c.lower_ == "to" and any(p.ent_type_ in ("GPE", "LOC") for p in c.children) for c in tok.children):
            return "exile"  # "flew to Berlin ..., saying he expected to be arrested"
        if lemma in ("fly", "send", "bring") and any(c.lower_ == "home" for c in tok.children) and any(
                c.dep_ in ("nsubjpass", "auxpass") for c in tok.children):
            return "release"  # "eight prisoners were flown home", "were sent home"
        if lemma in ("run", "stand") and any(
                c.dep_ == "prep" and c.lower_ == "for" and any(p.lemma_.lower() in ("president", "presidency", "office", "parliament") for p in c.children)
                for c in tok.children):
            return "election"  # "ran for president in 2010": the candidate's election
        if lemma == "convict" and tok.dep_ not in ("acl", "amod", "relcl") and any(
                c.dep_ in ("nsubjpass",) and any(n.like_num for n in c.subtree) for c in tok.children):
            return "sentencing"  # "seven defendants were convicted" (a count of people)
        if lemma in ("receive", "give", "get", "hand") and any(
                c.dep_ in ("dobj", "attr", "dative", "oprd", "npadvmod") and (
                    c.lemma_.lower() in ("year", "month") and any(n.like_num for n in c.children)
                    or c.lemma_.lower() == "sentence"
                    or c.lemma_.lower() == "term" and any(a.lower_ in ("prison", "jail", "probation", "probationary") for a in c.children))
                for c in tok.children):
            return "sentencing"  # "received nine years", "was given a suspended sentence", "received jail terms"
        if lemma == "protest" and tok.pos_ != "VERB":
            return None
        if lemma in ("gather", "march", "rally", "assemble", "take") and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in ("crowd", "protester", "demonstrator", "thousand", "hundred", "supporter", "people")
                for c in tok.children) and (lemma != "take" or "streets" in text):
            return "protest"  # "crowds gathered again", "thousands took to the streets"
        return lexicon.EVENT_VERBS.get(lemma)
    if tok.pos_ == "NOUN":
        if tok.dep_ == "pobj" and tok.head.lower_ == "without":
            return None  # "life without parole", "held without trial"
        t = lexicon.EVENT_NOUNS.get(lemma)
        if t == "death_in_custody" and not any(w in text for w in lexicon.CUSTODY_WORDS):
            return None
        if t == "election" and lemma == "vote" and not any(c.dep_ in ("amod", "compound", "nummod", "poss", "nmod") for c in tok.children):
            return None
        return t
    return None


def _subject(tok: "Token") -> "Token | None":
    subjects = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        return subjects[-1]  # the nearest, when a misparsed dateline adds another
    if tok.dep_ == "xcomp" and tok.head.pos_ in ("VERB", "AUX", "ADJ"):
        return _subject(tok.head)  # "X was forced to leave": X leaves
    if tok.dep_ == "pcomp" and tok.head.head.pos_ in ("VERB", "AUX"):
        return _subject(tok.head.head)  # "X has led ... since fleeing the country", "... before being released"
    # "... and was freed": conjoined verb shares the first verb's subject
    if tok.dep_ == "conj" and tok.head.pos_ in ("VERB", "AUX"):
        return _subject(tok.head)
    return None


def _is_passive(tok: "Token") -> bool:
    if any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children) or tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod"):
        return True
    if tok.dep_ == "conj" and tok.tag_ == "VBN" and tok.head.pos_ == "VERB" and not any(c.dep_ in ("dobj", "nsubj") for c in tok.children):
        return _is_passive(tok.head)  # "was arrested ... and sentenced in 2022": the auxiliary is shared
    # "six journalists detained in December remain in custody": a bare participle the
    # parser took for the main verb is a reduced relative, so passive
    return tok.tag_ == "VBN" and tok.dep_ == "ROOT" and not any(c.dep_ in ("aux", "dobj") for c in tok.children)


def _expand(tok: "Token") -> list["Token"]:
    """A token and its conjuncts/appositions (A, B and C)."""
    out = [tok]
    for c in tok.children:
        if c.dep_ in ("conj", "appos"):
            out.extend(_expand(c))
    return out


_LIST_PREPS = {"including", "among", "amongst", "as", "like", "include", "includes", "included"}


def _members(ctx: Context, head: "Token") -> list[str]:
    """Named people a group noun phrase spells out: appositions, conjuncts, 'including X',
    'such as X', 'among them X' — not people the phrase merely mentions ("an opponent
    of X") or who sit inside a relative clause."""
    keys: list[str] = []
    for t in head.subtree:
        k = ctx.person_at(t)
        if not k or k in keys:
            continue
        a, ok, listed = t, True, False
        while a.i != head.i and a.head.i != a.i:
            if a.dep_ == "prep" and a.lower_ in _LIST_PREPS:
                listed = True  # the name came through "including", "such as"
            if a.dep_ == "pobj" and a.head.lower_ == "of" and a.head.head.lemma_.lower() in lexicon.GROUP_HEADS:
                pass  # "a group of 14 prisoners, including X": the group's members are members
            elif listed and a.dep_ == "pobj" and a.head.lower_ in ("from", "in", "across", "with", "under"):
                pass  # "detainees from different cases, including X": the list hangs on the last noun
            elif a.dep_ == "pobj" and a.head.lower_ == "from" and a.head.head.i == head.i and head.tag_ == "NNS" and ctx.person_at(a):
                pass  # "activists from the centre A, B and C" (the names hung on "from")
            elif a.dep_ == "pobj" and a.head.lower_ not in _LIST_PREPS:
                ok = False  # "an opponent of X": X is mentioned, not a member
            elif a.dep_ in ("poss", "relcl", "acl", "advcl", "ccomp", "xcomp"):
                ok = False
            elif a.dep_ not in ("prep", "aux", "auxpass") and a.pos_ in ("VERB", "AUX") and a.lower_ not in _LIST_PREPS:
                ok = False
            if not ok:
                break
            a = a.head
        if ok:
            keys.append(k)
    return keys


#: A line of a bulleted list: "● A", "• B".
_BULLET_LINE = re.compile(r"^\s*[\u25cf\u2022\u25aa\u25e6*\-\u2013]\s+\S")
#: A group told as held: "Zubr members are detained", "political prisoners remain behind bars".
_HELD_GROUP = re.compile(r"\b(?:are|remain|remains|were) (?:still |currently |now |being )?(?:detained|held|imprisoned|jailed|"
                         r"behind bars|in (?:prison|custody|detention|jail))\b|\bpolitical prisoners\b", re.I)
_HELD_CUE = re.compile(
    r"(in (?:detention|custody|jail|prison|a penal colony)|jailed|held|detained|imprisoned|incarcerated|confined|behind bars|locked up)"
    r"(?:\s+[^\s]+){0,3}\s*$", re.I)


def _since_arrests(ctx: Context, sent: "Span", n: int) -> list[tuple[Event, list[StatusClaim]]]:
    """"held since 2018", "in detention since June": an arrest dated to the start of the
    detention (the corpus convention), for the people the state is told of."""
    out = []
    for t in sent:
        if t.lower_ != "since":
            continue
        before = ctx.doc[max(sent.start, t.i - 6):t.i].text
        if not _HELD_CUE.search(before):
            continue
        dates = [d for d in ctx.dates_in(sent) if 0 <= d[0] - t.idx <= 12]
        if not dates:
            continue
        persons: list[str] = []
        a = t.head
        for _ in range(5):
            if a.dep_ in ("acl", "relcl"):
                persons = _person_or_pronoun(ctx, ctx.antecedent(a.head))
                break
            subj = _subject(a) if a.pos_ in ("VERB", "AUX", "ADJ") else None
            if subj is not None:
                persons = _person_or_pronoun(ctx, subj)
                break
            if a.head.i == a.i:
                break
            a = a.head
        if not persons:
            continue
        n += 1
        ev = ctx.evidence(sent, "rule:held-since")
        event = Event(key=f"e{n}", type="arrest", evidence=ev, persons=tuple(persons), date=dates[0][2])
        out.append((event, [StatusClaim(k, "jailed", ev, dates[0][2], event.key) for k in persons]))
    return out


#: A group told as left out of a freeing, or as still held after it.
_STILL_HELD_GROUP = re.compile(r"\b(?:absent from|missing from|excluded from|left out of|not included in|omitted from)\b"
                               r"|\b(?:remain|remains|are still|continue to be)\s+(?:behind bars|in prison|in jail|in custody|jailed|imprisoned|held|detained)\b",
                               re.I)
#: A sentence that opens a list of the bullets after it.
_OPENS_LIST = re.compile(r":\s*$|\bfollowing\b|\bas follows\b|\bthey are\b|\bthese are\b", re.I)


def _list_members(ctx: Context, sent: "Span") -> list[str]:
    """People a list sentence ("They include A, B and C", "Among those freed were ...")
    names as members: every person not inside a relative or adverbial clause, which
    would be someone the member is described by ("who planned to challenge X")."""
    nested: set[int] = set()
    for t in sent:
        if t.dep_ in ("relcl", "advcl", "pcomp", "xcomp") or (t.dep_ == "acl" and t.head.lower_ not in ("those", "them", "these")):
            nested.update(x.i for x in t.subtree)
        elif t.dep_ == "prep" and t.lower_ in ("of", "to", "for") and t.head.lemma_.lower() in lexicon.KIN_NOUNS:
            nested.update(x.i for x in t.subtree)  # "X, husband of exiled leader Y": Y is not a member
    keys: list[str] = []
    for t in sent:
        k = ctx.person_at(t)
        if k and t.i not in nested and k not in keys:
            keys.append(k)
    return keys


_GROUP_REF = re.compile(r"^(?:all|the) (two|three|four|five|six|seven|eight|nine|ten|\d+)$|^both(?: of them)?$|^the (?:two|pair|couple)$", re.I)


def _group_reference(ctx: Context, tok: "Token") -> list[str]:
    """"All five left Belarus", "Both were freed": the last N people named just before."""
    phrase = " ".join(t.text for t in tok.subtree).lower()
    m = _GROUP_REF.match(phrase)
    if not m:
        return []
    word = m.group(1) or "two"
    n = to_int(word) if word not in ("pair", "couple") else 2
    if not n:
        return []
    sent_start = tok.sent.start
    prev = [s for s in ctx.sents if s.end <= sent_start][-3:]
    lo = prev[0].start if prev else sent_start
    seen: list[str] = []
    for s0, _e, key in ctx.mentions.spans:
        if lo <= s0 < sent_start and key.startswith("p"):
            if key in seen:
                seen.remove(key)
            seen.append(key)
    return seen[-n:] if len(seen) >= n else []


def _person_or_pronoun(ctx: Context, tok: "Token") -> list[str]:
    group = _group_reference(ctx, tok) if tok.pos_ in ("DET", "PRON", "NUM", "NOUN") else []
    if group:
        return group
    keys = []
    for t in _expand(tok):
        if t.lower_ in ("who", "whom") and t.head.dep_ == "relcl":
            t = ctx.antecedent(t.head.head)  # "X, a veteran of Y, who was jailed"
        elif t.lower_ in ("who", "whom") and t.head.dep_ == "conj" and t.head.head.dep_ == "relcl":
            t = t.head.head.head
        elif t.lower_ == "whose":
            rel = next((a for a in t.ancestors if a.dep_ == "relcl"), None)
            if rel is not None:
                t = ctx.antecedent(rel.head)  # "X, whose death in a prison colony ..."
        k = ctx.person_at(t)
        if not k and t.dep_ == "appos" and t.pos_ == "NOUN":
            k = ctx.person_at(t.head)  # "X, an opposition politician arrested in May"
        if not k and t.pos_ == "NOUN":
            # "arrested the teacher and trade unionist X": the name closes the noun phrase
            for x in t.doc[t.i + 1:min(t.i + 7, t.sent.end)]:
                if ctx.person_at(x):
                    k = ctx.person_at(x)
                    break
                if x.pos_ not in ("NOUN", "PROPN", "ADJ", "CCONJ", "DET") or x.text == ",":
                    break
        if not k and t.dep_ in ("nsubj", "nsubjpass", "dobj"):
            k = ctx.described_person(t)  # "The 46-year-old was sentenced ...", "agents detained the 54-year-old"
        if not k and t.dep_ in ("nsubjpass", "dobj"):
            k = ctx.named_next(t)  # "... sentenced a blogger to five years. X, 30, posted ..."
        if not k and t.pos_ == "PRON":
            subj = _subject(t.head) if t.dep_ in ("dobj", "dative") else None
            own = ctx.entity_near(subj, "p") if subj is not None else None
            k = ctx.pronoun_person(t, exclude=own)
        if k and k not in keys:
            keys.append(k)
    return keys


def _gains_freedom(tok: "Token") -> bool:
    """"X gained (regained, won) freedom": X is the one freed."""
    return tok.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lemma_.lower() in ("freedom", "liberty") for c in tok.children)


def _agent(ctx: Context, tok: "Token", etype: str = "") -> str | None:
    """Who carried out the act, if named.  People who die, flee or protest are
    affected, not agents."""
    if tok.lemma_.lower() in ("receive", "get", "walk") or _gains_freedom(tok):
        return None
    if etype in ("death_in_custody", "protest", "election") or (etype == "exile" and tok.lemma_.lower() not in ("deport", "expel", "exile", "banish")):
        return None
    def named(t: "Token") -> str | None:
        return ctx.entity_near(t)

    for c in tok.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    return named(p)
    if not _is_passive(tok):
        subj = _subject(tok)
        if subj is not None and subj.dep_ == "nsubj":
            if subj.lower_ in lexicon.GENERIC_AGENTS:
                return None
            return named(subj)
    # noun trigger or light verb: climb to the verb that governs it ("granted clemency")
    t = tok
    for _ in range(3):
        if t.dep_ in ("dobj", "pobj", "xcomp", "prep", "acl", "advcl", "attr", "npadvmod", "nsubj") and t.head.i != t.i:
            t = t.head
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lexicon.LIGHT_VERBS | {"grant", "sign"}:
                subj = _subject(t)
                if subj is not None and subj.dep_ == "nsubj" and subj.lower_ not in lexicon.GENERIC_AGENTS:
                    return named(subj)
        else:
            break
    if tok.pos_ == "NOUN" and etype in ("pardon",):
        for c in tok.children:
            if c.dep_ == "poss":
                return named(c)  # "the president's pardon"; "his arrest" is about him
    return None


def _of_after(tok: "Token") -> "Token | None":
    """The "of X" an event noun takes a few words on, after phrases the parser hung
    elsewhere: "the death in custody of X", "the release on bail on Tuesday of X"."""
    sent = tok.sent
    for t in tok.doc[tok.i + 1:min(tok.i + 8, sent.end)]:
        if t.pos_ in ("VERB", "AUX") or t.text in (",", ";", ":") or (t.pos_ == "NOUN" and lexicon.EVENT_NOUNS.get(t.lemma_.lower())):
            return None
        if t.lower_ == "of" and t.dep_ == "prep" and (t.head.i != tok.i) and (
                t.head.lemma_.lower() in ("custody", "bail", "detention", "prison", "jail") or t.head.ent_type_ == "DATE"):
            return next((p for p in t.children if p.dep_ == "pobj"), None)
    return None


def _affected(ctx: Context, tok: "Token", etype: str) -> tuple[list[str], "Token | None"]:
    """People the act is about and the group noun (for the count)."""
    group: "Token | None" = None
    persons: list[str] = []
    if tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "for", "to"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        group = p
        if group is None:
            group = _of_after(tok)  # "the death in custody of X", "the release on bail on Tuesday of X"
        if tok.dep_ == "dobj" and tok.head.pos_ == "VERB":
            for c in tok.head.children:
                if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in ("to", "for")):
                    for p in c.children if c.dep_ == "prep" else [c]:
                        if c.dep_ == "prep" and p.dep_ != "pobj":
                            continue
                        group = p
            if group is None and tok.head.lemma_.lower() in lexicon.LIGHT_VERBS:
                # "he has been granted a pardon", "she was given a ten-year sentence": the receiver
                group = next((c for c in tok.head.children if c.dep_ == "nsubjpass"), None)
        if group is None and tok.dep_ == "nsubjpass" and tok.head.lemma_.lower() in ("hand", "give", "impose", "deliver", "issue", "mete"):
            # "the harshest sentences were handed to A, B and C", "terms were imposed on X"
            for c in tok.head.children:
                if c.dep_ == "prep" and c.lower_ in ("to", "on"):
                    group = next((p for p in c.children if p.dep_ == "pobj"), group)
        if group is not None:
            persons = _person_or_pronoun(ctx, group) + [k for k in _members(ctx, group)]
        for c in tok.children:
            if c.dep_ == "poss" and etype not in ("pardon", "election"):
                persons += _person_or_pronoun(ctx, c)
        if not persons and tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB" and etype in ("prisoner_exchange", "protest", "release"):
            subj = _subject(tok.head.head)  # "he was handed over in the exchange"
            if subj is not None:
                persons = _person_or_pronoun(ctx, subj)
    else:
        intransitive = (etype in ("exile", "death_in_custody", "protest", "election") and tok.lemma_.lower() not in ("deport", "expel", "exile", "execute", "kill", "murder")) or (
            etype == "sentencing" and tok.lemma_.lower() in ("receive", "get")) or tok.lemma_.lower() == "walk" or _gains_freedom(tok)
        subj = _subject(tok)
        if _is_passive(tok) or intransitive:
            if subj is not None:
                group = subj
            elif tok.dep_ in ("relcl", "acl") :
                group = tok.head
            else:  # a subject the parser hung elsewhere: "eight Russians held in X were flown home"
                group = next((t for t in reversed(tok.sent[:tok.i - tok.sent.start]) if t.pos_ in ("NOUN", "PROPN")
                              and t.dep_ in ("nsubj", "nsubjpass") and any(c.dep_ == "nummod" for c in t.children)), None)
        else:
            for c in tok.children:
                if c.dep_ in ("dobj",) and group is None:
                    group = c  # the first object: "exchanged 24 prisoners ..., the largest such swap"
                if c.dep_ == "dative" or (c.dep_ == "prep" and c.lower_ in ("to",) and etype == "pardon"):
                    for p in ([c] if c.dep_ == "dative" else [x for x in c.children if x.dep_ == "pobj"]):
                        group = p
            if group is None and tok.dep_ == "relcl" and tok.head.pos_ == "NOUN":
                group = tok.head  # "four political prisoners Russia released": the object is the head noun
        if group is not None:
            persons = _person_or_pronoun(ctx, group)
            if tok.dep_ == "relcl" and group.i == tok.head.i:
                persons = _person_or_pronoun(ctx, group)
            persons += [k for k in _members(ctx, group) if k not in persons]
        if tok.dep_ == "relcl" and not persons:
            persons = _person_or_pronoun(ctx, tok.head)
        # "X was one of fourteen prisoners freed in June"
        if group is not None and not persons and group.dep_ == "pobj" and group.head.lower_ == "of" and group.head.head.lower_ in ("one", "among"):
            one = group.head.head
            copula = one.head if one.dep_ in ("attr", "nsubj", "appos") else None
            if copula is not None:
                subj = _subject(copula)
                if subj is not None:
                    persons = _person_or_pronoun(ctx, subj)
        # "X was apprehended, as was Y": Y shares the act
        for c in tok.children:
            if c.dep_ == "advcl" and any(m.lower_ == "as" for m in c.children):
                for sc in c.children:
                    if sc.dep_ in ("nsubj", "nsubjpass", "attr"):
                        persons += [k for k in _person_or_pronoun(ctx, sc) if k not in persons]
    if group is not None and not persons:
        persons = _after_colon(ctx, tok, group)
    if not persons and tok.pos_ == "VERB" and tok.dep_ == "conj" and tok.head.pos_ == "VERB" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "dobj", "dative") for c in tok.children) and _is_passive(tok.head):
        # "X, who was detained at the march and freed a week later": the second act has the first one's people
        persons, group = _affected(ctx, tok.head, etype)
    if not persons:
        # "seven prisoners have died since 2021, including A and B": the list hangs from the verb;
        # "the release of detainees from several cases, including A": from the act's phrase
        nested = {x.i for c in tok.children if c.dep_ in ("relcl", "acl", "ccomp", "advcl", "conj") for x in c.subtree}
        for c in tok.subtree:
            if c.dep_ == "prep" and c.lower_ == "including" and c.i not in nested and (
                    (c.head.i == tok.i or c.head.ent_type_ == "DATE") and tok.pos_ != "NOUN"
                    or tok.pos_ == "NOUN" and group is not None and c.head.dep_ == "pobj" and c.head.head.head.i == tok.i):
                for p in c.children:
                    if p.dep_ == "pobj":
                        persons += [k for k in _person_or_pronoun(ctx, p) if k not in persons]
    return list(dict.fromkeys(persons)), group


_TERM = (r"(?:\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?:[- ](?:and a half[- ])?(?:years?|months?|days?))?")
_GAPPED = re.compile(r"^\s*(?:[-–—,:]\s*)?(?:(?:to|for)\s+)?(?:a |an )?" + _TERM + r"(?:[- ](?:year|month|day)[- ]?\w*)?\s*(?:[,;.)]|$|and\b|while\b|in\b|of\b|each\b)",
                     re.I)


def _gapped(ctx: Context, sent: "Span", tok: "Token") -> list[str]:
    """A sentence that goes on with the same act, its verb left out: "A and B got ten
    years, while C six", "A was sentenced to 11 years, B – to 10 years", "jailed A for
    five years and B for four": each later name followed directly by a term shares it."""
    out: list[str] = []
    for s0, e0, key in ctx.mentions.spans:
        if not key.startswith("p") or s0 <= tok.i or e0 > sent.end:
            continue
        after = ctx.text[ctx.doc[e0 - 1].idx + len(ctx.doc[e0 - 1]):sent.end_char]
        if not _GAPPED.match(after):
            continue
        j = s0 - 1  # the clause the name opens has no verb of its own before it
        while j > tok.i and ctx.doc[j].text not in (",", ";", "–", "—", "-") and ctx.doc[j].lower_ not in ("and", "while", "whereas"):
            if ctx.doc[j].pos_ in ("VERB", "AUX"):
                break
            j -= 1
        else:
            out.append(key)
    return out


_ABSENTIA_NOTE = re.compile(r"\s*\([^()]*\bin absentia\b[^()]*\)", re.I)


def _strip_notes(text: str) -> str:
    """The sentence without bracketed notes: "A, B and C (in absentia)" tells of C alone."""
    return _ABSENTIA_NOTE.sub("", text)


def _absentia_notes(ctx: Context, sent: "Span") -> set[str]:
    """People whose name is followed directly by a bracketed "(in absentia)" note."""
    out = set()
    for _s0, e0, key in ctx.mentions.spans:
        if key.startswith("p") and sent.start < e0 <= sent.end:
            end = ctx.doc[e0 - 1].idx + len(ctx.doc[e0 - 1])
            if _ABSENTIA_NOTE.match(ctx.text[end:sent.end_char]):
                out.add(key)
    return out


_ANOTHER = re.compile(r"\s*[,;]?\s*[\u2014\u2013-]?\s*(?:another|a further|further)\s+(\d[\d,]*|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")\b",
                      re.I)


def _enumerated(ctx: Context, sent: "Span", tok: "Token") -> list[tuple[str, int, int]]:
    """More acts of the same kind told as dates with "another N" after the trigger:
    "pardoning 30 people, on 4 September — another 30, on 16 September — another 37"."""
    out = []
    for start, end, iso in ctx.dates_in(sent):
        if start <= tok.idx:
            continue
        m = _ANOTHER.match(ctx.text, end, sent.end_char)
        if m:
            value = to_int(m.group(1).replace(",", ""))
            if value:
                out.append((iso, value, start))
    return out


#: Sentences served outside prison: "a suspended sentence", "three-year probation terms",
#: "a parole-like sentence", "restriction of freedom".
_NON_CUSTODIAL = re.compile(r"\b(?:suspended|probation(?:ary)?|parole-like|non-?custodial|restriction of (?:freedom|liberty)"
                            r"|limitation of freedom|restricted freedom|corrective labou?r)\b", re.I)


def _non_custodial(tok: "Token") -> bool:
    """A sentence the trigger's own words say is served outside prison."""
    other = {x.i for c in tok.children if c.dep_ in ("advcl", "conj", "ccomp", "parataxis", "relcl") and c.pos_ in ("VERB", "AUX")
             for x in c.subtree}  # "..., while B was handed a suspended term": B's clause, not A's
    words = [t for t in tok.subtree if (t.i >= tok.i or t.dep_ not in ("nsubj", "nsubjpass")) and t.i not in other]
    # "He got 2.5 years, and his son - two years of restriction of liberty": the son's term
    cut = next((t.i for t in words if t.i > tok.i and t.lower_ in ("and", "while", "whereas") and t.i > 0
                and t.doc[t.i - 1].text == ","), None)
    if cut is not None:
        words = [t for t in words if t.i < cut]
    return bool(_NON_CUSTODIAL.search("".join(t.text_with_ws for t in words)))


def _after_colon(ctx: Context, tok: "Token", group: "Token") -> list[str]:
    """"sentenced three members of the group: A, nine years, B eight and C six", "two
    journalists to two years in prison – A and B": a group the act is about, spelled
    out after a colon or dash that closes its phrase."""
    sent = tok.sent
    colon = next((t for t in sent if t.text in (":", "\u2013", "\u2014") and t.i > max(tok.i, group.i)), None)
    # the act's own verbs may stand between: "17 prisoners had served their terms and were released: A, B"
    own = {tok.i} | ({tok.head.i} if tok.dep_ == "conj" else set())
    own |= {c.i for o in list(own) for c in sent.doc[o].children if c.dep_ in ("aux", "auxpass")}
    if colon is None or colon.i - group.i > 12 or any(t.pos_ in ("VERB", "AUX") and t.i not in own for t in sent.doc[group.i:colon.i]):
        return []
    nested = {x.i for t in sent if t.i > colon.i and t.dep_ in ("relcl", "advcl", "acl", "ccomp") for x in t.subtree}
    return list(dict.fromkeys(k for t in sent if t.i > colon.i and t.i not in nested for k in [ctx.person_at(t)] if k))


def extract_events(ctx: Context) -> EventResult:
    res = EventResult()
    n = 0
    pending: dict | None = None  # group statement waiting for a "They include ..." list
    pending_age = 0
    last_members: list[str] = []  # the people of the latest spelled-out group
    list_age = 99
    absentia: set[str] = set()  # sentencing events told "in absentia"
    distinct: set[str] = set()  # acts told as another one than the last ("had earlier received")
    in_bullets = False  # inside a bulleted list that a sentence opened ("Those sentenced are:")
    for i_sent, sent in enumerate(ctx.sents):
        stext = ctx.text_of(sent)  # Span.text joins its tokens on every read
        stext_l = stext.lower()
        list_age += 1
        m_also = re.match(r"^\s*also (\w+)\b[^.;:]{0,80}? (?:were|was)\b", stext, re.IGNORECASE)
        if m_also:
            lemma = next((t.lemma_.lower() for t in sent if t.lower_ == m_also.group(1).lower()), "")
            etype_a = lexicon.EVENT_VERBS.get(lemma)
            if etype_a and STATUS_OF_EVENT.get(etype_a):
                pending = {**(pending or {}), "status": STATUS_OF_EVENT[etype_a], "roles": (pending or {}).get("roles", [])}
        if (re.search(r"\b(?:the remaining|the other|the rest of the)\b(?: \w+){0,3}", stext, re.I) and re.search(
                r"\b(?:reduced|commuted|cut|shortened|remain|remains|still|continue)\b", stext, re.I)) or _STILL_HELD_GROUP.search(stext):
            # "For the remaining 12 convicts, the sentence has been reduced", "Missing from the amnesty
            # were ...", "but some 900 remain behind bars": a new group, still held
            pending, pending_age = {"status": "jailed", "roles": [], "date": None}, 0
        if i_sent and pending is not None and pending.get("status") in ("pardoned", "released", "exiled") \
                and _STILL_HELD_GROUP.search(ctx.text_of(ctx.sents[i_sent - 1])):
            # "X pardoned 40, but some 900 remain behind bars. These include ...": the last group told
            pending = {"status": "jailed", "roles": [], "date": None}
        opened_list = pending is not None and bool(re.match(
            r"^\s*(they|those|these)\s+(include|included|includes|were|are)\b|^\s*among(?:st)? (them|those)"
            r"|^\s*also \w+\b[^.;:]{0,80}? (were|was)\b"
            r"|^\s*the (?:best[- ]known|most prominent|most famous|youngest|oldest|most senior) (?:of|among) (?:them|those)\b"
            r"|^\s*one of (?:them|those)\b"
            r"|^\s*the (?:[\w-]+ ){0,2}(?:\w+s|men|women|people) (?:are|were|include|included) (?!\w+ed\b|being\b|not\b|still\b|also\b|all\b)",
            stext, re.IGNORECASE))
        m_among = re.match(r"^\s*among(?:st)? (?:those|them|the \w+) (\w+)", stext, re.IGNORECASE)
        if m_among and pending is not None:
            word = m_among.group(1).lower()
            lemma = next((t.lemma_.lower() for t in sent if t.lower_ == word), word)
            etype_p = lexicon.EVENT_VERBS.get(lemma)
            if etype_p and STATUS_OF_EVENT.get(etype_p):
                if not (pending.get("status") == "pardoned" and STATUS_OF_EVENT[etype_p] == "released"):
                    pending = {**pending, "status": STATUS_OF_EVENT[etype_p]}  # "Among those freed" after a pardon: pardoned
        m_those = re.match(r"^\s*(?:those|the people|the following(?: people| persons)?) (\w+) (?:are|were|include|included)\s*:\s*$",
                           stext, re.I)
        if m_those:
            # "Those sentenced are:" and a list after it
            word = m_those.group(1).lower()
            lemma = next((t.lemma_.lower() for t in sent if t.lower_ == word), word)
            status_l = STATUS_OF_EVENT.get(lexicon.EVENT_VERBS.get(lemma, ""))
            if status_l:
                pending, pending_age = {"status": status_l, "roles": [], "date": None}, 0
        bullet = bool(_BULLET_LINE.match(stext))
        if bullet and pending is not None and (in_bullets or opened_list or _OPENS_LIST.search(ctx.text_of(ctx.sents[i_sent - 1]) if i_sent else "")):
            # "The court sentenced the following protesters:" then "● A", "● B", ...; a bullet
            # after a bullet that does not open a list is the next item of a digest
            opened_list = in_bullets = True
        elif pending is None and re.match(r"^\s*(?:these|they) include\b|^\s*among(?:st)? them (?:are|were|is|was)\b", stext, re.I):
            # "These include A, B": a group told as held just before, with no act to hang it on
            prev = ctx.text_of(ctx.sents[i_sent - 1]) if i_sent > 0 else ""
            added = re.search(r"\b(?:added|included|entered) (?:to |in |on )?(?:the|our|its) list\b", prev, re.I) and re.search(
                r"political prisoners?", ctx.text, re.I)  # "34 names were added to the list" of political prisoners
            if (_HELD_GROUP.search(prev) or added) and not re.search(r"\b(released|freed|pardoned)\b", prev, re.I):
                pending, opened_list = {"status": "jailed", "roles": [], "date": None}, True
        highlight = bool(re.match(r"^\s*(?:the \w+[- ]?\w*|one) (?:of|among) (?:them|those)\b", stext, re.IGNORECASE))
        if opened_list and pending is not None:
            members = _list_members(ctx, sent)
            if highlight:
                pass  # "The best known of them was X": one of the group, not the whole list
            elif list_age <= 1:
                last_members = [*last_members, *[k for k in members if k not in last_members]]
                list_age = 0
            else:
                last_members = [*members]
                list_age = 0
            ev = ctx.evidence(sent, "rule:group-list")
            for k in members:
                if pending.get("status"):
                    res.statuses.append(StatusClaim(k, pending["status"], ev, pending.get("date"), pending.get("event")))
                for role in pending.get("roles", ()):
                    res.group_roles.append((k, role, ev))
            if pending.get("event"):
                for i, e in enumerate(res.events):
                    if e.key == pending["event"]:
                        res.events[i] = _with_persons(e, members)
        next_bullet = i_sent + 1 < len(ctx.sents) and bool(_BULLET_LINE.match(ctx.text_of(ctx.sents[i_sent + 1])))
        if (opened_list and not (bullet and next_bullet)) or pending_age >= 3:
            pending, pending_age, in_bullets = None, 0, False
        elif opened_list:
            pending_age = 0  # a bulleted list goes on
        elif pending is not None:
            pending_age += 1
        for tok in sent:
            etype = _type_of(tok, sent, stext_l)
            if not etype:
                continue
            if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and tok.dep_ in ("acl", "relcl") and any(
                    c.ent_type_ == "ORDINAL" or c.lower_ in ("first", "second", "third", "latest", "last") for c in tok.head.subtree if c.i < tok.head.i):
                continue  # "the third prisoner to die since 2020": a ranking, not an event
            if opened_list and tok.dep_ == "acl" and tok.head.lower_ in ("those", "them"):
                continue  # "Among those expelled were ...": refers back to the group
            if etype in ("release", "pardon", "arrest", "sentencing") and tok.pos_ != "NOUN":
                # "In all, 207 have been freed", "65,000 arrested since the protests began":
                # a running total over many acts is a reported count, not one event
                own = [c for c in _own_scope(tok) if c.lower_ == "since" and c.dep_ in ("prep", "mark")
                       and not any(a.dep_ == "appos" for a in c.ancestors if a.i != tok.i and tok.i in [x.i for x in a.ancestors])]
                counted = any(t.like_num and t.ent_type_ != "DATE" for c in tok.children if c.dep_ in ("dobj", "nsubjpass", "nsubj") for t in c.subtree)
                if counted and (own or re.match(r"^\W*(in all|in total|so far|altogether|to date)\b", stext_l)):
                    continue
            handed = tok.pos_ == "NOUN" and tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in (
                "hand", "pass", "impose", "deliver", "issue", "give", "mete")  # "handed down sentences", "sentences were handed to"
            if tok.pos_ == "NOUN" and etype == "sentencing" and not handed and (
                    (tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in ("suspend", "commute", "reduce", "serve", "overturn", "annul", "quash", "uphold", "appeal", "finish", "complete", "extend")
                     and not any(c.dep_ == "acl" and c.lemma_.lower() in ("impose", "hand", "pass") for c in tok.children))
                    or not any(c.dep_ == "acl" and c.lemma_.lower() in ("impose", "hand", "pass", "give") for c in tok.children)
                    and not any(t.ent_type_ == "DATE" for t in tok.subtree)):
                if tok.head.lemma_.lower() in ("uphold", "confirm", "extend", "serve") and not is_negated(tok.head):
                    # "sentences were confirmed for seven reporters, including A": not a new
                    # sentencing, but those named are held
                    held = _affected(ctx, tok, etype)[0]
                    for c in tok.head.children if not held else ():
                        if c.dep_ == "prep" and c.lower_ in ("for", "against"):  # "were confirmed for four reporters"
                            for p in c.children:
                                if p.dep_ == "pobj":
                                    held += _person_or_pronoun(ctx, p) + _members(ctx, p)
                    for k in dict.fromkeys(held):
                        res.statuses.append(StatusClaim(k, "jailed", ctx.evidence(sent, "rule:sentence-upheld")))
                continue  # "suspending her sentence", "serving a sentence": not a sentencing
            if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and is_negated(tok.head.head):
                continue  # "none of them was included in the 2024 pardons"
            if is_arrest_order(tok):
                continue  # "ordered the arrest of X", "an arrest warrant": asked for, not made
            if tok.pos_ == "NOUN" and "warrant" in [t.lower_ for t in sent[max(0, tok.i - sent.start - 6):tok.i - sent.start]]:
                continue  # "a warrant was issued for his arrest"
            if tok.pos_ == "NOUN" and tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in (
                    "warrant", "threat", "risk", "fear", "avoid", "evade", "escape", "face", "order"):
                continue  # "a warrant for his arrest": no arrest happened
            if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in ("continue", "remain", "stay", "keep"):
                continue  # "continue to be incarcerated": a state, not an act
            if etype in ("arrest", "sentencing") and tok.pos_ == "VERB" and any(
                    c.dep_ == "auxpass" and c.tag_ in ("VBP", "VBZ") for c in tok.children) and not any(
                    len(d[2]) >= 7 for d in ctx.dates_in(sent)):
                continue  # "160 people are currently imprisoned": a state now, not an act ("12 August 2020 — X is detained" is one)
            subj_ = _subject(tok)
            if subj_ is not None and re.search(r"\bamong(?:st)? (?:the|those) (?:pardoned|released|freed|amnestied|convicts)\b",
                                               " ".join(t.lower_ for t in subj_.subtree)):
                continue  # "Nine women and 21 men among the pardoned had been convicted": the group told before
            if subj_ is not None and subj_.like_num and any(
                    c.dep_ == "prep" and c.lower_ == "of" and any(p.lower_ in ("those", "them") for p in c.children) for c in subj_.children):
                continue  # "600 of those pardoned had been jailed for political reasons": a group told before
            if tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "be" and any(c.lower_ == "to" for c in tok.children):
                continue  # "were to be freed": planned, not done
            if tok.dep_ == "amod" or (tok.pos_ == "NOUN" and any(
                    c.lower_ in ("such", "further", "more", "possible", "future") or c.ent_type_ == "ORDINAL" for c in tok.children)):
                continue  # "exiled leader" is a state; "the eighth such pardon" refers back
            negated = is_negated(tok)
            hedged = is_hedged(tok)
            persons, group = _affected(ctx, tok, etype)
            if negated:
                # "No opposition figures have been released": they remain jailed.
                if etype in ("release", "pardon") and group is not None:
                    pending = {"status": "jailed", "roles": _group_roles(group), "date": None}
                    if etype == "release":  # "was not pardoned" may describe someone freed without a pardon
                        for k in persons:
                            res.statuses.append(StatusClaim(k, "jailed", ctx.evidence(sent, "rule:negated-release")))
                continue
            if hedged and not (etype == "election" and tok.pos_ != "NOUN"):
                continue  # "planned to run for president in 2020": the election still took place
            scope = _own_scope(tok)
            count = count_in(list(group.subtree) if group is not None else [], ctx.doc) if group is not None else None
            if count is None and tok.pos_ == "NOUN" and group is None:
                count = _count_of_frame(ctx, tok, etype) or _count_of_their(ctx, tok, sent, res.events)
            if count is None and tok.pos_ != "NOUN" and group is not None and group.lower_ in ("they", "them") and not persons \
                    and etype in ("exile", "release", "pardon") and tok.dep_ not in ("advcl", "relcl"):
                count = _count_of_their(ctx, group, sent, res.events, pronoun=True)  # "they had been deported": the group just counted
            date = ctx.date_near(sent, tok, scope, fallback=tok.pos_ != "NOUN")
            unanchored = date
            date = _date_with_anchors(ctx, sent, tok, scope, date, res.events)
            more = _enumerated(ctx, sent, tok) if etype in ("pardon", "release", "arrest", "sentencing", "exile") else []
            if more:
                # "on 16 August ... pardoning 30 people, on 4 September — another 30": the other
                # dates are the other acts'; the trigger's own is the nearest one left
                theirs = {m[2] for m in more}
                own = [d for d in ctx.dates_in(sent) if d[0] not in theirs]
                date = min(own, key=lambda d: abs(d[0] - tok.idx))[2] if own else None
            if date and count is not None and re.search(r"\bsince\b", stext[max(0, _date_pos(ctx, sent, date) - 8):_date_pos(ctx, sent, date) + 6], re.I):
                date = None  # "N have died since 2020": a running total over a period
            clause_dated = date is not None and date != unanchored  # "protests in the days after the vote"
            if date is None and tok.dep_ == "relcl" and any(c.lower_ == "when" for c in tok.children):
                head_chars = {c for x in tok.head.subtree if x.i < tok.i for c in range(x.idx, x.idx + len(x))}
                date = next((d[2] for d in ctx.dates_in(sent) if any(c in head_chars for c in range(d[0], d[1]))), None)
                # "since February 2023, when 222 prisoners were expelled": the date the clause hangs from
            if date is None and tok.pos_ != "NOUN":
                date = _pointed_back_date(ctx, sent, scope)
            if tok.dep_ == "acl" and tok.head.dep_ == "appos" and not clause_dated and not ctx.date_near(sent, tok, scope, fallback=False):
                continue  # "X, a pensioner jailed over a post, died in May": a description, not a dated act
            later_of = _of_after(tok) if tok.pos_ == "NOUN" and not date else None
            if later_of is not None:
                near = [d for d in ctx.dates_in(sent) if tok.idx < d[0] < later_of.idx]
                if near:
                    date, clause_dated = near[0][2], True  # "the sentencing on Wednesday of X"
            if tok.pos_ == "NOUN" and not date and etype not in ("election", "protest"):
                verb = _light_verb_over(tok)  # "on Monday signed a decree on the pardon of 30"
                if verb is not None:
                    skip = {x.i for c in verb.children if c.dep_ in ("relcl", "advcl", "ccomp", "conj") for x in c.subtree}
                    date = ctx.date_near(sent, verb, [t for t in verb.subtree if t.i not in skip], fallback=False)
                    clause_dated = date is not None
            if tok.pos_ == "NOUN" and not date and etype in ("election", "protest"):
                date = _clause_date(ctx, sent, tok) or relative_to_now(ctx, tok)
                clause_dated = date is not None
            if count is None and group is not None and persons and _group_reference(ctx, group):
                count = Count(len(persons))  # "All five left": the five just named
            agent = _agent(ctx, tok, etype)
            light = tok.pos_ == "NOUN" and tok.dep_ == "dobj" and tok.head.lemma_.lower() in lexicon.LIGHT_VERBS
            if tok.pos_ == "NOUN" and not (count or date or persons or (agent and light)):
                continue
            gathering = etype == "protest" and tok.pos_ == "VERB"  # "crowds gathered": dated later if need be
            if etype in ("election", "protest") and not (date or persons or gathering):
                continue
            if group is not None and not persons and STATUS_OF_EVENT.get(etype) and tok.pos_ != "NOUN" \
                    and stext.rstrip().endswith(":") and not (count or agent):
                # "The court sentenced the following protesters:" and a list after it
                pending, pending_age = {"status": STATUS_OF_EVENT[etype], "roles": _group_roles(group), "date": date}, 0
                continue
            if not (count or persons or date or agent or gathering):
                continue
            if tok.pos_ != "NOUN" and etype not in ("election", "protest") and not (count or persons or agent):
                continue  # "many were convicted", "most were jailed": no act we can pin down
            if tok.pos_ == "NOUN" and date and not any(t.idx <= _abs_date_pos(ctx, sent, date) < t.idx + len(t) + 1 for t in tok.subtree) and not (count or persons or light or clause_dated):
                continue  # a bare noun whose only date belongs to another clause
            if etype == "election" and date and len(date) == 7 and _upcoming(tok) and any(
                    d[2] == date and not re.search(r"\d{4}", ctx.text[d[0]:d[1]]) for d in ctx.dates_in(sent)):
                date = month_after(ctx.article.published, date)  # "ahead of the January elections": the next January
            if etype == "sentencing" and persons:
                persons += [k for k in _gapped(ctx, sent, tok) if k not in persons]
            if agent in persons:
                persons = [p for p in persons if p != agent]
            joined = _joined_act(ctx, tok, etype, res.events)
            if joined is not None and count is not None:
                # "Four of her allies were convicted alongside her": her act, four more people
                i_j, act = joined
                res.events[i_j] = replace(act, count=(act.count or len(act.persons)) + count.value)
                continue
            n += 1
            ev = ctx.evidence(sent, f"rule:{'verb' if tok.pos_ != 'NOUN' else 'noun'}-trigger:{tok.lemma_.lower()}")
            event = Event(
                key=f"e{n}", type=etype, evidence=ev, agent=agent, persons=tuple(persons),
                count=count.value if count else None, count_qualifier=count.qualifier if count else None,
                date=date,
            )
            res.events.append(event)
            for m_date, m_count, _pos in more:
                n += 1
                res.events.append(Event(key=f"e{n}", type=etype, evidence=ev, agent=agent, count=m_count, date=m_date))
                distinct.add(f"e{n}")
            non_custodial = etype == "sentencing" and _non_custodial(tok)
            if any(c.dep_ == "advmod" and c.lower_ in _ANOTHER_ACT for c in tok.children) or non_custodial:
                distinct.add(event.key)
            status = STATUS_OF_EVENT.get(etype)
            if group is not None and group.pos_ == "NOUN" and persons and not ctx.person_at(group):
                # "20 political prisoners ... were released: A, B", "three members of the rights group: A, B"
                for k in persons:
                    for role in _group_roles(group):
                        res.group_roles.append((k, role, ev))
            prev_text = ctx.text_of(ctx.sents[i_sent - 1]) if i_sent > 0 else ""
            i_s = i_sent
            next_sent = ctx.sents[i_s + 1] if i_s + 1 < len(ctx.sents) else None
            noted = _absentia_notes(ctx, sent) if etype == "sentencing" else set()
            if etype == "sentencing" and (re.search(r"in absentia|tried in their absence", _strip_notes(stext), re.I) or re.search(
                    r"in absentia|none of the (?:defendants|accused) (?:attended|was present|were present)|in their absence", prev_text, re.I)
                    or (next_sent is not None and re.search(r"\bin absentia\b", ctx.text_of(next_sent), re.I) and any(
                        k in persons for s0, _e, k in ctx.mentions.spans if next_sent.start <= s0 < next_sent.start + 3))):
                absentia.add(f"e{n}")  # "... received six years. Tekin was tried in absentia: she fled ..."
            if non_custodial:
                status = "released"  # a suspended or probation sentence puts no one in jail (the judgement rules)
            if status and etype not in ("election", "protest"):
                # "X had been sentenced to 18 years": told as before the story's time, so
                # not dated by the article when it has no date of its own
                # (but "the ministry said the three had been released" is the news, told in reported speech)
                before_story = date is None and any(c.lower_ == "had" and c.dep_ == "aux" for c in tok.children) and not any(
                    a.lemma_.lower() in lexicon.SPEECH_VERBS or a.lemma_.lower() in lexicon.REPORT_VERBS for a in tok.ancestors)
                s_ev = replace(ev, method=ev.method + "-past") if before_story else ev
                for k in persons:
                    res.statuses.append(StatusClaim(k, "exiled" if k in noted and status == "jailed" else status, s_ev,
                                                    date or (None if before_story else ctx.article.published), event.key))
            if group is not None and not persons and status:
                if count is None and last_members and any(d.lower_ in ("the", "those", "these") for d in group.children):
                    # "signed pardons for the prisoners": the group named just before
                    for k in last_members:
                        res.statuses.append(StatusClaim(k, status, ev, date or ctx.article.published, event.key))
                    res.events[-1] = _with_persons(event, last_members)
                else:
                    if status == "released" and (any(e.type == "pardon" and sent_of(ctx, e.evidence.start) >= i_sent - 2
                                                     for e in res.events[:-1]) or re.search(r"\b(pardon(?:ed|s)?|amnest\w*|clemency)\b", stext)):  # lower case: not "the Pardon Committee"
                        status = "pardoned"  # "pardoned 112 ... 98 of them were released": freed by the pardon
                    pending, pending_age = {"status": status, "roles": _group_roles(group), "date": date, "event": event.key}, 0
    for sent in ctx.sents:
        for event, claims in _since_arrests(ctx, sent, n):
            n += 1
            res.events.append(event)
            res.statuses.extend(claims)
    # sentenced in absentia: the person is abroad, so exiled — for everyone sentenced in
    # the same act when the act's first report says so, else only in that sentence
    into: dict[str, str] = {}
    merged = _dedupe(followup_dates(relative_days(res.events, ctx), ctx), into, distinct)
    absent_acts = {k for k in absentia if k not in into}  # the act's first report says so
    own_absent = {id(s) for s in res.statuses if s.event in absentia}  # the mention itself was told "in absentia"
    res.statuses = [
        StatusClaim(s.person, "exiled", s.evidence, s.date, s.event)
        if s.status == "jailed" and s.event and (id(s) in own_absent or into.get(s.event, s.event) in absent_acts
                                                 or "in absentia" in _strip_notes(s.evidence.sentence).lower())
        else s for s in res.statuses]
    res.statuses = [
        StatusClaim(s.person, s.status, s.evidence, s.date, into.get(s.event, s.event)) if s.event else s
        for s in res.statuses]
    res.events = _dedupe(heading_dates(inherit_dates(merged, ctx, distinct), ctx), into, distinct)
    res.statuses = [StatusClaim(s.person, s.status, s.evidence, s.date, into.get(s.event, s.event)) if s.event else s
                    for s in res.statuses]
    res.group_roles.extend(_counted_group_named_next(ctx, res.events))
    from kg.extract.roles import roles_in_words  # (roles reads this module's results)

    for k, desc in ctx.lede_descriptions:
        # "... sentenced an imprisoned opponent of President Y ... . X, 41, ...": the
        # description's roles are X's
        for role in roles_in_words(" ".join(t.lower_ for t in desc.subtree)):
            if role in ("opposition figure", "political prisoner", "journalist", "human rights defender"):
                res.group_roles.append((k, role, ctx.evidence(desc.sent, "rule:lede-description")))
    keep = {e.key for e in res.events}
    dated = {e.key: e.date for e in res.events}
    res.statuses = [StatusClaim(s.person, s.status, s.evidence, dated[s.event], s.event)
                    if s.event in dated and dated[s.event] and not s.date else s for s in res.statuses]
    res.statuses = [s if s.event is None or s.event in keep else StatusClaim(s.person, s.status, s.evidence, s.date, None) for s in res.statuses]
    return res


def _count_of_frame(ctx: Context, tok: "Token", etype: str) -> Count | None:
    """"Under the broader amnesty, 7,749 prisoners were to be freed": the people the
    clause counts are the amnesty's, even when their freeing itself is still to come."""
    if etype not in ("pardon", "release") or tok.dep_ != "pobj" or tok.head.lower_ not in ("under", "through"):
        return None
    verb = tok.head.head
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return count_in(list(subj.subtree), ctx.doc) if subj is not None else None


def _count_of_their(ctx: Context, tok: "Token", sent: "Span", events: list[Event], pronoun: bool = False) -> Count | None:
    """"... freed 222 political prisoners on Thursday. A judge ordered their
    deportation" / "... stating that they had been deported": "their" act, or "they",
    is the group just counted (within two sentences)."""
    if not pronoun and not any(c.dep_ == "poss" and c.lower_ == "their" for c in tok.children):
        return None
    i = ctx.sents.index(sent)
    lo = ctx.sents[max(0, i - 2)].start_char
    counted = [e for e in events if e.count and lo <= e.evidence.start < sent.end_char]
    return Count(counted[-1].count, counted[-1].count_qualifier) if counted else None


def _light_verb_over(tok: "Token") -> "Token | None":
    """The light verb a noun trigger hangs from, through a decree or order noun:
    "signed a decree on the pardon of 30", "issued an order for the release of 12"."""
    t = tok
    for _ in range(5):
        if t.dep_ not in ("pobj", "prep", "dobj", "compound") or t.head.i == t.i:
            return None
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return t if t.lemma_.lower() in lexicon.LIGHT_VERBS else None
    return None


def _joined_act(ctx: Context, tok: "Token", etype: str, events: list[Event]) -> "tuple[int, Event] | None":
    """The earlier act a trigger joins: "convicted alongside her", "arrested along with X"."""
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("alongside", "with"):
            for p in c.children:
                if p.dep_ != "pobj":
                    continue
                k = ctx.person_at(p) or (ctx.pronoun_person(p) if p.pos_ == "PRON" else None)
                if k:
                    for i in range(len(events) - 1, -1, -1):
                        if events[i].type == etype and k in events[i].persons:
                            return i, events[i]
    return None


def _upcoming(tok: "Token") -> bool:
    """An election noun told as still to come: "before/ahead of the January elections",
    "the upcoming March vote"."""
    if tok.dep_ == "pobj" and (tok.head.lower_ in ("before", "until", "ahead") or (
            tok.head.lower_ == "of" and tok.head.head.lower_ == "ahead")):
        return True
    return any(c.lower_ in ("upcoming", "coming", "next", "forthcoming", "scheduled") for c in tok.children)


def _date_with_anchors(ctx: Context, sent: "Span", tok: "Token", scope: list["Token"], date: str | None,
                       events: list[Event]) -> str | None:
    """``date`` corrected for after/before phrases (see :mod:`kg.extract.anchors`): a
    date of the trigger's own outside them wins; else the anchor's date shifted; a
    date that sits inside such a phrase is never the trigger's own."""
    found = anchors_of(tok)
    if not found:
        return date
    away = {t.i for a in found for t in a.tokens}
    own = ctx.date_near(sent, tok, [t for t in scope if t.i not in away], fallback=False)
    if own:
        return own
    for a in found:
        shifted = anchor_date(ctx, sent, a, events)
        if shifted:
            return shifted
    away_chars = {c for a in found for t in a.tokens for c in range(t.idx, t.idx + len(t))}
    if date and any(d[2] == date and any(c in away_chars for c in range(d[0], d[1])) for d in ctx.dates_in(sent)):
        return None  # "freed after the president pardoned him on Tuesday": Tuesday is the pardon's
    return date


def _pointed_back_date(ctx: Context, sent: "Span", scope: list["Token"]) -> str | None:
    """"Police detained 100 people at those gatherings": the gatherings are the ones the
    sentence before told, with its one date."""
    back = [t for t in scope if t.lemma_.lower() in lexicon.GATHERING_NOUNS and t.dep_ == "pobj"
            and any(d.lower_ in ("those", "these", "that", "this", "the same") for d in t.children if d.dep_ == "det")]
    prev = previous_sentence(ctx, sent)
    if not back or prev is None:
        return None
    dates = {d[2] for d in ctx.dates_in(prev)}
    return dates.pop() if len(dates) == 1 else None


def _clause_date(ctx: Context, sent: "Span", tok: "Token") -> str | None:
    """A date for an election or protest noun told without one in its own phrase:
    right after it ("elections next month"), in a list line ("26 January 2025:
    presidential election"), in the phrase it modifies ("the 2019 protest movement")
    or in the clause around it ("joined the protests ... in 2020")."""
    dates = ctx.dates_in(sent)
    if not dates:
        return None
    after = [d for d in dates if 0 <= d[0] - (tok.idx + len(tok)) <= 12]
    if after:
        return after[0][2]
    colon = ctx.text_of(sent).find(":")
    if 0 <= colon < 40 and tok.idx > sent.start_char + colon and any(d[1] - sent.start_char <= colon + 1 for d in dates):
        return next(d for d in dates if d[1] - sent.start_char <= colon + 1)[2]
    head = tok.head if tok.dep_ == "compound" else tok
    scope: list["Token"] = list(head.subtree)
    a = tok
    for _ in range(4):
        if a.pos_ in ("VERB", "AUX"):
            # the verb's own clause, not the clauses hanging from it
            skip = {x.i for c in a.subtree if c.i != a.i and c.dep_ in ("relcl", "advcl", "ccomp", "conj", "acl", "xcomp")
                    and not any(y.i == tok.i for y in c.subtree) for x in c.subtree}
            scope = [x for x in a.subtree if x.i not in skip]
            if a.dep_ == "relcl" and any(c.lower_ == "when" for c in a.children):
                scope.append(a.head)  # "in 1999, when he pushed ... in a protest"
            break
        if a.head.i == a.i:
            break
        a = a.head
    chars = {c for t in scope for c in range(t.idx, t.idx + len(t))}
    inside = [d for d in dates if any(c in chars for c in range(d[0], d[1]))]
    return min(inside, key=lambda d: abs(d[0] - tok.idx))[2] if inside else None


_TRANSPARENT_ACL = {"hold", "keep", "issue", "sign", "announce", "publish", "read"}


def _own_scope(tok: "Token") -> list["Token"]:
    """The trigger's subtree without relative clauses and appositions of its
    arguments ("freed X, the activist who won the 2023 prize": 2023 is not the release)."""
    skip: set[int] = set()
    for t in tok.subtree:
        if tok.pos_ != "NOUN" and t.dep_ == "conj" and t.head.i == tok.i and t.pos_ == "VERB" and lexicon.EVENT_VERBS.get(t.lemma_.lower()):
            skip.update(x.i for x in t.subtree)  # "arrested days after X and sentenced in 2022": another act, its own date
            continue
        if tok.pos_ == "NOUN" and t.i != tok.i and t.dep_ == "conj" and t.pos_ == "NOUN" and lexicon.EVENT_NOUNS.get(t.lemma_.lower()):
            skip.update(x.i for x in t.subtree)  # "the death of X and the sentencing on Wednesday of Y": another act
            continue
        if t.i != tok.i and t.dep_ in ("relcl", "appos", "acl") and t.head.i != tok.i:
            if t.dep_ == "acl" and t.lemma_.lower() in _TRANSPARENT_ACL and not any(c.lower_ == "since" for c in t.children):
                continue  # "a decree issued on Monday pardoned ...", "released 41 people held in detention on Sunday"
            skip.update(x.i for x in t.subtree)
    return [t for t in tok.subtree if t.i not in skip]


def _abs_date_pos(ctx: Context, sent: "Span", date: str) -> int:
    return sent.start_char + _date_pos(ctx, sent, date)


def _date_pos(ctx: Context, sent: "Span", date: str) -> int:
    for s, _e, d in ctx.dates_in(sent):
        if d == date:
            return s - sent.start_char
    return 0


def _counted_group_named_next(ctx: Context, events: list[Event]) -> list[tuple[str, str, Evidence]]:
    """"A court sentenced three members of the opposition X party ... . A and B got two
    years, while C got three": the next sentence names as many people as the group
    counted, so they are its members and share its description's roles."""
    out: list[tuple[str, str, Evidence]] = []
    for e in events:
        if e.persons or e.count is None or not 2 <= e.count <= 6:
            continue
        i = sent_of(ctx, e.evidence.start)
        if i < 0 or i + 1 >= len(ctx.sents):
            continue
        sent, nxt = ctx.sents[i], ctx.sents[i + 1]
        named = list(dict.fromkeys(k for s, _e, k in ctx.mentions.spans if nxt.start <= s < nxt.end and k.startswith("p")))
        if len(named) != e.count:
            continue
        group = next((t for t in sent if t.like_num and to_int(t.lower_) == e.count and t.head.pos_ == "NOUN"), None)
        if group is None:
            continue
        roles = _group_roles_around(group.head)
        ev = ctx.evidence(nxt, "rule:counted-group")
        out.extend((k, role, ev) for k in named for role in roles)
    return out


def _group_roles_around(noun: "Token") -> list[str]:
    """The roles the words of a group's own phrase give ("members of the opposition X party")."""
    skip: set[int] = set()
    for c in noun.children:
        if c.dep_ in ("relcl", "acl") and c.i > noun.i:
            skip |= {x.i for x in c.subtree}
        elif c.dep_ == "prep" and any(x.ent_type_ == "PERSON" for x in c.subtree):
            skip |= {x.i for x in c.subtree}  # "lawyers of opposition leader X": X's roles, not theirs
    text = " ".join(t.lower_ for t in noun.subtree if t.i not in skip)
    return [role for cue, role in _GROUP_ROLE_CUES if cue in text]


def _group_roles(group: "Token") -> list[str]:
    text = " ".join(t.lower_ for t in group.subtree if t.i <= group.i)
    return [role for cue, role in _GROUP_ROLE_CUES if cue in text]


def _with_persons(e: Event, persons: list[str]) -> Event:
    return replace(e, persons=tuple(dict.fromkeys([*e.persons, *persons])))


_ANOTHER_ACT = {"earlier", "previously", "later", "subsequently", "again", "once"}
_TERM_RE = re.compile(r"\b((?:\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?: and a half)?)[- ](years?|months?)\b", re.I)


def _terms(e: Event) -> set[str]:
    """The prison terms a sentencing's sentence states ("six years", "4 and a half years")."""
    out = set()
    for m in _TERM_RE.finditer(e.evidence.sentence):
        n = to_int(m.group(1).split(" and ")[0])
        out.add(f"{n}{' and a half' if 'half' in m.group(1) else ''} {m.group(2).rstrip('s').lower()}")
    return out


def _dedupe(events: list[Event], merged_into: dict[str, str] | None = None, distinct: set[str] | None = None) -> list[Event]:
    """One event per act: same type and count (or same type, no count, same people and
    date) are mentions of one act; keep the most informative.  ``merged_into`` receives
    dropped key -> kept key.  Events in ``distinct`` were told as another act ("had
    earlier received jail terms", "a suspended sentence") and are not restatements."""
    out: list[Event] = []
    for e in events:
        twin = None
        for i, o in enumerate(out):
            if o.type != e.type:
                continue
            if distinct and e.count is None and (e.key in distinct or o.key in distinct) and not (e.date and e.date == o.date):
                continue
            if e.type == "sentencing" and _terms(e) and _terms(o) and not _terms(e) & _terms(o):
                continue  # "sentenced to six years" and, earlier, "to four and a half years": two sentences
            if e.count is not None and o.count == e.count:
                twin = i
            elif e.count is None and o.count is None and set(e.persons) == set(o.persons) and (
                e.date == o.date or not e.date or not o.date) and (e.persons or e.date == o.date):
                twin = i
            elif (e.count is None) != (o.count is None) and e.persons and set(e.persons) == set(o.persons) and e.date == o.date:
                twin = i
            elif e.count is None and not e.persons and e.agent and e.agent == o.agent and (not e.date or not o.date or e.date == o.date):
                twin = i  # a restatement of an act already reported ("granted clemency" again)
            elif e.type == "pardon" and e.count is None and o.count is None and e.date and len(e.date) == 10 and e.date == o.date and (
                    not e.agent or not o.agent or e.agent == o.agent):
                twin = i  # pardons granted the same day: one act of clemency ("the same announcement said X was pardoned")
            elif e.count is None and not e.persons and e.date and e.date == o.date and e.type not in ("election", "protest"):
                twin = i  # "after Thursday's release": the release already told
            elif e.type in ("election", "protest") and e.count is None and o.count is None and e.date and o.date and (
                    e.date.startswith(o.date) or o.date.startswith(e.date)) and (not e.persons or not o.persons or set(e.persons) & set(o.persons) or e.type == "election"):
                twin = i  # "July's election" and "the July 28 vote"
            elif e.type in ("sentencing",) and e.count is None and o.count is None and (not e.date or e.date == o.date) and (
                    abs(e.evidence.start - o.evidence.end) <= 2 or e.evidence.start == o.evidence.start):
                twin = i  # co-defendants sentenced together, told in one or two sentences
            if twin is not None:
                break
        if twin is None:
            out.append(e)
            continue
        o = out[twin]
        if merged_into is not None:
            merged_into[e.key] = o.key
        out[twin] = replace(
            o,
            agent=o.agent if (o.agent or "").startswith("p") or not e.agent else e.agent,
            persons=tuple(dict.fromkeys([*o.persons, *e.persons])),
            count=o.count if o.count is not None else e.count,
            count_qualifier=o.count_qualifier or e.count_qualifier,
            date=max((d for d in (o.date, e.date) if d), key=len, default=None),
        )
    return out
