"""Named people, organisations and places in one article, grouped into entities.

spaCy's small model mislabels many East-European and Latin-American names (a
person tagged ORG, a surname alone tagged ORG or GPE).  These rules repair the
labels from the text itself:

* a span of capitalised words starting with a known given name is a person;
* a single word that is the surname (up to transliteration) of a person already
  named in the article is that person;
* a "person" whose text is used elsewhere in the article as a place or a group
  (a country, a rights group) is not a person.

Each mention becomes part of an ``Entity`` whose ``name`` is the fullest form and
``aliases`` the other forms.  ``MentionIndex`` maps token positions back to entity
keys for the later rules.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg import names

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_PERSON_LABELS = {"PERSON"}
_ORG_LABELS = {"ORG"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_ORG_WORDS = re.compile(
    r"\b(ministry|court|group|party|council|commission|committee|service|agency|office|"
    r"union|association|centre|center|media|tv|news|radio|press|times|post|network|"
    r"organi[sz]ation|foundation|institute|movement|front|bureau|department|government|"
    r"administration|parliament|assembly|police|army|forces|kremlin|church|diocese|"
    r"university|bank|company|corporation|international|watch|memorial|penal|platform|"
    r"house|guard|intelligence|directorate|prosecutor|reuters|associated|agence|bbc|"
    r"team|campaign|league|federation|senate|congress|collective|project|initiative|observatory|forum)\b",
    re.IGNORECASE,
)
_PERSON_NOUNS = {
    "founder", "leader", "activist", "journalist", "politician", "lawyer", "dissident", "blogger",
    "reporter", "editor", "candidate", "laureate", "prisoner", "critic", "defender", "director",
    "chairman", "chairwoman", "bishop", "priest", "artist", "writer", "poet", "economist", "banker",
    "pensioner", "student", "teacher", "doctor", "ambassador", "minister", "president", "wife", "husband",
    "son", "daughter", "mother", "father", "brother", "sister", "businessman", "businesswoman", "campaigner",
    "figure", "opponent", "challenger", "oppositionist", "rapper", "singer", "scholar", "researcher", "lawmaker",
    "legislator",
}
_TITLE_NOUNS = _PERSON_NOUNS | names._TITLES | {"chairperson", "chair", "rapporteur", "spokesperson", "spokesman",
                                                  "spokeswoman", "ombudsman", "commissioner", "envoy", "judge", "prosecutor"}
_ORG_HEADS = {"collective", "centre", "center", "committee", "commission", "watch", "network", "union", "project",
              "initiative", "coalition", "observatory", "forum", "institute", "foundation", "association", "council",
              "group", "movement", "party", "front", "league", "alliance", "court", "ministry", "service", "agency"}
#: Nationality words: a name NER read as a person's that opens with one is a body's.
_DEMONYMS = frozenset({
    "belarusian", "russian", "ukrainian", "georgian", "armenian", "azerbaijani", "kazakh", "kyrgyz", "tajik", "uzbek",
    "turkmen", "iranian", "egyptian", "tunisian", "algerian", "moroccan", "turkish", "kurdish", "saudi", "emirati",
    "bahraini", "qatari", "venezuelan", "nicaraguan", "cuban", "chinese", "vietnamese", "cambodian", "burmese",
    "ethiopian", "eritrean", "rwandan", "polish", "lithuanian", "latvian", "estonian", "european", "american", "british",
    "french", "german", "soviet",
})
_OPEN_QUOTES = frozenset(("«", "\u201c", '"', "\u201e"))
_CLOSE_QUOTES = frozenset(("»", "\u201d", '"', "\u201c"))
_GROUP_NOUNS = {
    "group", "organisation", "organization", "centre", "center", "monitor", "ngo", "outlet",
    "agency", "service", "movement", "party", "network", "association", "foundation", "coalition",
    "committee", "union", "charity", "watchdog", "newspaper", "broadcaster", "channel", "website",
}
_NOT_NAME_WORDS = {
    "the", "a", "an", "of", "and", "in", "on", "for", "with", "at", "by", "to", "from",
    "belarusian", "russian", "american", "ukrainian", "soviet", "post-soviet", "western",
    "nobel", "peace", "prize", "laureate", "president", "leader", "opposition", "human", "rights",
    "live", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "all", "some", "his", "her", "their", "its", "regrettably",
    "despite", "following", "according", "political", "state",
}


@dataclass
class Mention:
    start: int  # token index
    end: int
    text: str
    kind: str  # person | organisation | place
    titled: bool = False  # a one-word name a person noun introduces ("the opposition figure Orlanov")


@dataclass
class MentionIndex:
    """Entities of one article and the token spans that name them."""

    entities: list[tuple[str, str, str, list[str], int]] = field(default_factory=list)
    # (key, kind, name, aliases, first char offset)
    token_to_key: dict[int, str] = field(default_factory=dict)
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # token start, end, key

    def key_at(self, i: int) -> str | None:
        return self.token_to_key.get(i)

    def kind(self, key: str) -> str:
        for k, kind, *_ in self.entities:
            if k == key:
                return kind
        raise KeyError(key)

    def name(self, key: str) -> str:
        for k, _kind, name, *_ in self.entities:
            if k == key:
                return name
        raise KeyError(key)

    def persons(self) -> list[str]:
        return [k for k, kind, *_ in self.entities if kind == "person"]


def _clean_span(span: "Span") -> tuple[int, int]:
    """Drop leading determiners/titles and trailing possessives from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct
                           or doc[start].text == "FILE" and start + 1 < end and doc[start + 1].is_punct):
        start += 1  # "FILE - Ostrava Mayor ...": a wire photo caption's marker is no part of a name
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return start, end


def _strip_possessive_text(text: str) -> str:
    return names.strip_possessive(text)


def _looks_like_person(words: list[str]) -> bool:
    if not 2 <= len(words) <= 4:
        return False
    if any(w.lower() in _NOT_NAME_WORDS for w in words):
        return False
    if not all(w[:1].isupper() for w in words if w.lower() not in names._PARTICLES):
        return False
    return names.is_given_name(words[0])


_OUTLET_BEFORE = _GROUP_NOUNS | {"site", "newspaper", "outlet", "daily", "portal", "magazine", "station", "weekly", "paper"}
_ORG_AFTER = {"party", "movement", "reporter", "reporters", "correspondent", "journalist", "journalists", "editor",
              "newspaper", "channel", "group", "website", "bloc", "coalition", "alliance", "faction"}
_PLACE_AFTER = {"airport", "prison", "colony", "region", "province", "city", "district", "oblast", "square", "street"}
_PLACE_LAST = {"city", "province", "region", "oblast", "district", "airport", "island", "islands", "valley"}


_NAME_LINKS = {"y", "de", "del", "la", "el", "di", "da", "do", "dos", "des", "du", "von", "van", "e"}


def _of_the_tail(doc: "Doc", end: int) -> int:
    """Extend an organisation's name over "of (the) Capitalised Words" that NER left off,
    and over the rest of a name NER cut short ("Colectivo [Memoria y Justicia]")."""
    def name_word(i: int) -> bool:
        return i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper() and doc[i].ent_type_ not in ("GPE", "DATE", "PERSON", "NORP")

    while True:
        if name_word(end) and not doc[end - 1].is_punct:
            end += 1
        elif end + 1 < len(doc) and doc[end].lower_ in _NAME_LINKS and (name_word(end + 1) or (
                doc[end + 1].ent_type_ == "PERSON" and doc[end + 1].text[:1].isupper() and (end + 2 >= len(doc) or doc[end + 2].pos_ != "PROPN"))):
            end += 2
        else:
            break
    j = end
    if j + 1 < len(doc) and doc[j].lower_ in ("of", "under", "for", "on", "to"):
        k = j + 1 + (doc[j + 1].lower_ == "the")
        m = k
        while m < len(doc) and doc[m].pos_ == "PROPN" and doc[m].text[:1].isupper() and m - k < 4 and doc[m].ent_type_ not in ("GPE", "DATE"):
            m += 1
        if m > k:
            return m
    return end


def _not_a_person(doc: "Doc", start: int, end: int, words: list[str]) -> str | None:
    """What NER called a person but the words around say is not: "the news site Lake
    Daily", "the Lake Voice reporter", "the ruling X party", "at Port Amber airport",
    "in Can Tho", "Ho Chi Minh City"."""
    prev = doc[start - 1] if start > 0 else None
    nxt = doc[end] if end < len(doc) else None
    if words[-1].lower() in _PLACE_LAST or (nxt is not None and nxt.lower_ in _PLACE_AFTER):
        return "place"
    if nxt is not None and nxt.text == "/" and end + 1 < len(doc) and doc[end + 1].text[:1].isupper():
        return "credit"  # "Peter Foley/UPI": a photographer's credit, not a person in the story
    if nxt is not None and nxt.lower_ in _ORG_AFTER and nxt.pos_ == "NOUN":
        return "organisation"
    if prev is not None and prev.lemma_.lower() in _OUTLET_BEFORE and prev.pos_ == "NOUN" and not (
            _looks_like_person(words) and nxt is not None and nxt.text in (",", "and")):
        return "organisation"  # but "volunteers from the centre Andrei Kozlov, Leanid ..." lists people
    if prev is not None and prev.lower_ in ("in", "near") and doc[end - 1].dep_ == "pobj" and not (nxt is not None and nxt.tag_ == "POS"):
        return "place"  # "at her home in Can Tho": nobody is "in" a person
    return None


def _place_words(doc: "Doc") -> frozenset[str]:
    """The words the article's NER calls places (countries, cities)."""
    cached = doc.user_data.get("kg_place_words")
    if cached is None:
        cached = doc.user_data["kg_place_words"] = frozenset(
            t.text for e in doc.ents if e.label_ in ("GPE", "LOC", "NORP") for t in e if t.tag_ != "POS")
    return cached


def _listed_with_person(head: "Token") -> bool:
    """The name's head is joined ("and", a comma) to a name NER calls a person."""
    linked = [c for c in head.children if c.dep_ == "conj"]
    if head.dep_ == "conj":
        linked.append(head.head)
    return any(t.ent_type_ == "PERSON" for t in linked)


def find_mentions(doc: "Doc") -> list[Mention]:
    """Raw mentions with repaired labels, in text order, not yet grouped."""
    raw: list[Mention] = []
    toks = list(doc)  # one Token object per word: indexing the Doc makes a new one each time
    # each token's text and part of speech, read once (every read of a Token attribute
    # is a call); "cap": it starts with a capital
    words_of = [t.text for t in toks]
    pos_of = [t.pos_ for t in toks]
    cap = [w[:1].isupper() for w in words_of]
    propn = [p == "PROPN" and c for p, c in zip(pos_of, cap)]  # a capitalised proper noun
    n = len(toks)
    word_counts = Counter(words_of)  # how often a word recurs, counted once per article
    name_counts = Counter(w for w, p in zip(words_of, pos_of) if p == "PROPN")
    for ent in doc.ents:
        start, end = _clean_span(ent)
        opened = [t.i for t in toks[start:end] if t.text == "("]
        if opened and not any(t.text == ")" for t in toks[opened[-1]:end]):
            end = opened[-1]  # "National Committee for ... (CNLD": the bracket is left open
        if start >= end:
            continue
        text = _strip_possessive_text(doc[start:end].text)
        words = text.split()
        label = ent.label_
        if label in _PERSON_LABELS:
            kind = "person"
        elif label in _ORG_LABELS:
            kind = "organisation"
        elif label in _PLACE_LABELS:
            kind = "place"
        else:
            continue
        if kind == "organisation" and _looks_like_person(words) and not _ORG_WORDS.search(text):
            kind = "person"
        if kind == "person" and _ORG_WORDS.search(text) and not _looks_like_person(words):
            kind = "organisation"
        if kind == "place" and _looks_like_person(words) and _listed_with_person(toks[end - 1]):
            kind = "person"  # "activists Ivan Dorov, Anna Varnia and Oleg Zhukov": a name in a list of names
        if kind == "place" and start > 0 and toks[start - 1].lemma_.lower() in _PERSON_NOUNS and toks[start - 1].pos_ == "NOUN" \
                and 2 <= len(words) <= 3 and not _ORG_WORDS.search(text):
            kind = "person"  # "the death of teacher Tavor Ilkan" tagged a facility
        if kind == "place" and len(words) == 1 and start > 0 and toks[start - 1].lemma_.lower() in _PERSON_NOUNS \
                and toks[start - 1].pos_ == "NOUN" and toks[start].dep_ == "appos" and len(text) > 3 \
                and word_counts[text] >= 2:
            kind = "person"  # "the opposition figure Orlanov" tagged a place
        if kind in ("person", "place") and 2 <= start and end < n and words_of[start - 1] in _OPEN_QUOTES \
                and words_of[end] in _CLOSE_QUOTES and toks[start - 2].lemma_.lower() in _GROUP_NOUNS:
            kind = "organisation"  # the movement "Strong Ostrava": a quoted name after a group noun
        if kind == "person" and len(words) == 2 and words[0].lower() in _DEMONYMS:
            kind = "organisation"  # "Georgian Dream": no two-word name opens with a nationality
        if kind == "person" and re.search(r"/\s*[A-Z]", text):
            continue  # "Peter Foley/UPI": a photo credit
        if kind == "person" and text.isupper() and len(text) > 3:
            continue  # "SRI LANKA" in a round-up heading: no person, and no place we can trust
        if kind == "person" and len(words) >= 3 and start >= 2 and toks[start - 1].lower_ == "of" \
                and toks[start - 2].lemma_.lower() in _OFFICE_OF and toks[start].pos_ == "PROPN":
            # "the president of Ostrava Ivan Dorov" tagged as one name: the country is not in it
            start += 1
            text = _strip_possessive_text(doc[start:end].text)
            words = text.split()
        if kind == "person":
            kind = _not_a_person(doc, start, end, words) or kind
            if kind == "credit":
                continue
        if kind == "organisation" and end - start >= 4 and toks[start + 1].tag_ == "POS" and toks[start].ent_iob_ in ("B", "I") \
                and names.strip_possessive(toks[start].text) in _place_words(doc):
            start += 2  # "Myanmar's Assistance Association for ...": the body, not the country it works in
            text = _strip_possessive_text(doc[start:end].text)
        if kind == "organisation":
            end = _of_the_tail(doc, end)  # "the Office of the Ombudsman"
            while start > 0 and toks[start - 1].pos_ == "PROPN" and toks[start - 1].text[:1].isupper() and not toks[start - 1].ent_type_ \
                    and toks[start - 1].lower_.rstrip(".") not in names._TITLES:
                start -= 1  # "[Justice] Watch Turkey": a capitalised word NER left off the front
            text = _strip_possessive_text(doc[start:end].text)
        raw.append(Mention(start, end, text, kind))

    # Capitalised runs that spaCy missed but that start with a known given name, or
    # that stand in apposition to a person noun ("Anna Petrova, the group's founder").
    covered = {i for m in raw for i in range(m.start, m.end)}
    place_texts = {e.text.lower() for e in doc.ents if e.label_ in _PLACE_LABELS}
    i = 0
    while i < n:
        tok = toks[i]
        if propn[i] and i not in covered:
            j = i + 1
            while j < n and j not in covered and propn[j] and j - i < 4:
                j += 1
            words = words_of[i:j]
            # "the opposition figure Orlanov": one capitalised word right after a person noun
            # that opens a noun phrase, used again elsewhere in the text
            titled_surname = len(words) == 1 and i > 0 and toks[i - 1].lemma_.lower() in _PERSON_NOUNS and toks[i - 1].pos_ == "NOUN" \
                and tok.dep_ not in ("compound",) and len(tok.text) > 3 and not tok.ent_type_ \
                and name_counts[tok.text] >= 2
            if titled_surname and doc[i:j].text.lower() not in place_texts and not _ORG_WORDS.search(tok.text):
                raw.append(Mention(i, j, tok.text, "person"))
                covered.add(i)
                i = j
                continue
            described = 2 <= len(words) <= 3 and (any(
                c.dep_ == "appos" and c.lemma_.lower() in _TITLE_NOUNS for c in toks[j - 1].children)
                or (i > 0 and toks[i - 1].lower_.rstrip(".") in _TITLE_NOUNS)  # "President of X Bakhrom Sodiqov"
                or (toks[j - 1].dep_ == "appos" and toks[j - 1].head.lemma_.lower() in _TITLE_NOUNS))  # "the Chairperson of X, Laylo Umarova"
            if doc[i:j].text.lower() not in place_texts and _not_a_person(doc, i, j, words) is None and (
                    (names.is_given_name(tok.text) and _looks_like_person(words)) or (described and not _ORG_WORDS.search(doc[i:j].text))):
                raw.append(Mention(i, j, _strip_possessive_text(doc[i:j].text), "person"))
                covered.update(range(i, j))
                i = j
                continue
        i += 1
    # A one-word name found as a person ("the opposition figure Orlanov") is that person
    # wherever else the word stands as a name and NER saw nothing, or a place.
    single = {m.text for m in raw if m.kind == "person" and m.end - m.start == 1 and len(m.text) > 3
              and m.start > 0 and toks[m.start - 1].lemma_.lower() in _PERSON_NOUNS and toks[m.start - 1].pos_ == "NOUN"}
    if single:
        taken = {i for m in raw if m.kind == "person" for i in range(m.start, m.end)}
        kept = []
        for m in raw:
            if m.kind == "place" and m.text in single:
                continue  # re-added below as the person
            kept.append(m)
        raw = kept
        for t in toks:
            if t.text in single and t.i not in taken and t.pos_ == "PROPN" and t.dep_ != "compound" \
                    and t.ent_type_ in ("", "GPE", "LOC", "NORP"):
                raw.append(Mention(t.i, t.i + 1, t.text, "person"))
        raw = [Mention(m.start, m.end, m.text, m.kind, True) if m.kind == "person" and m.text in single else m for m in raw]
    raw.sort(key=lambda m: m.start)

    # Titles are not names ("Attorney General X"); adjacent person pieces are one name.
    fixed: list[Mention] = []
    for m in raw:
        if m.kind == "person":
            start = m.start
            while start < m.end - 1 and (toks[start].lower_.rstrip(".") in names._TITLES or (
                    toks[start].lower_ in ("then", "ex", "-") and any(t.lower_ in names._TITLES for t in toks[start + 1:min(start + 3, m.end)]))):
                start += 1  # "then-President X"
            if m.end - start >= 3:
                # "UN High Commissioner for Human Rights Volker Türk": a title run before a given name
                for k in range(start + 1, m.end - 1):
                    if names.is_given_name(toks[k].text) and any(
                            toks[x].lower_ in _TITLE_NOUNS or toks[x].is_lower for x in range(start, k)):
                        start = k
                        break
            if start != m.start:
                m = Mention(start, m.end, _strip_possessive_text(doc[start:m.end].text), "person")
        if m.kind == "place" and m.end - m.start >= 3:
            # "the president of Arland Anton Veresk" tagged as one place
            for k in range(m.start + 1, m.end - 1):
                rest = [t.text for t in toks[k:m.end]]
                if names.is_given_name(toks[k].text) and _looks_like_person(rest) and not _ORG_WORDS.search(" ".join(rest)):
                    fixed.append(Mention(m.start, k, doc[m.start:k].text, "place"))
                    m = Mention(k, m.end, _strip_possessive_text(doc[k:m.end].text), "person")
                    break
        if m.kind == "organisation" and m.end - m.start >= 3:
            # "UN High Commissioner for Human Rights Volker Tamm", "the president of Arland Anton
            # Veresk": an office or a country run into a name
            for k in range(m.start + 1, m.end - 1):
                if names.is_given_name(toks[k].text) and toks[k + 1].pos_ == "PROPN" and toks[k + 1].text[:1].isupper() \
                        and any(toks[x].lower_ in _TITLE_NOUNS for x in range(max(0, m.start - 2), k)) \
                        and not _ORG_WORDS.search(doc[k:m.end].text):
                    fixed.append(Mention(m.start, k, doc[m.start:k].text, "organisation"))
                    m = Mention(k, m.end, _strip_possessive_text(doc[k:m.end].text), "person")
                    break
        if fixed and m.kind == "person" and fixed[-1].kind == "person" and fixed[-1].end == m.start:
            prev = fixed.pop()
            m = Mention(prev.start, m.end, _strip_possessive_text(doc[prev.start:m.end].text), "person")
        fixed.append(m)
    raw = fixed

    # A capitalised name after a group noun is an organisation ("rights group Libertas
    # Watch says ...").
    covered = {i for m in raw for i in range(m.start, m.end)}
    for qi in range(n):
        # "the human rights center «Zubr»": a quoted name right after a group noun
        if words_of[qi] not in ("«", "\u201c", '"'):
            continue
        q = toks[qi]
        if q.i > 0 and toks[q.i - 1].lemma_.lower() in _GROUP_NOUNS and q.i + 1 < len(doc):
            close = next((t.i for t in toks[q.i + 1:min(q.i + 7, len(doc))] if t.text in ("»", "\u201d", '"')), None)
            if close is not None and close > q.i + 1 and toks[q.i + 1].text[:1].isupper() \
                    and not any(k in covered for k in range(q.i + 1, close)):
                raw.append(Mention(q.i + 1, close, doc[q.i + 1:close].text, "organisation"))
                covered.update(range(q.i + 1, close))
    i = 1
    while i < n:
        if propn[i] and i not in covered and toks[i - 1].lemma_.lower() in _GROUP_NOUNS:
            j = i
            while j < n and j not in covered and propn[j] and j - i < 5:
                j += 1
            if doc[i:j].ents and all(e.label_ == "PERSON" for e in doc[i:j].ents) and _looks_like_person([t.text for t in toks[i:j]]):
                raw.append(Mention(i, j, doc[i:j].text, "person"))  # "volunteers from the centre Andrei Kozlov, ..."
                covered.update(range(i, j))
                i = j
                continue
            raw.append(Mention(i, j, doc[i:j].text, "organisation"))
            covered.update(range(i, j))
            i = j
            continue
        i += 1

    # A capitalised run ending in an organisation word is an organisation NER missed
    # ("The Lakeside Rights Collective (LRC) calls on ...").
    covered = {i for m in raw for i in range(m.start, m.end)}
    i = 0
    while i < n:
        if not cap[i] or pos_of[i] not in ("PROPN", "NOUN") or i in covered:
            i += 1
            continue
        j = i
        while j < n and j not in covered and cap[j] and pos_of[j] in ("PROPN", "NOUN") and j - i < 6:
            j += 1
        if j - i >= 2 and toks[j - 1].lower_ in _ORG_HEADS and toks[i].lower_ not in ("the", "a"):
            raw.append(Mention(i, j, doc[i:j].text, "organisation"))
            covered.update(range(i, j))
        i = max(j, i + 1)
    raw.sort(key=lambda m: m.start)

    # A capitalised name in apposition to a group noun is an organisation
    # ("Libertas, the human rights group that ...").
    for ti in range(n):
        if not propn[ti] or ti in covered:
            continue
        tok = toks[ti]
        appos = [c for c in tok.children if c.dep_ == "appos" and c.lemma_.lower() in _GROUP_NOUNS]
        if appos:
            start = tok.i
            while start > 0 and start - 1 not in covered and (
                    (toks[start - 1].dep_ == "compound" and toks[start - 1].pos_ == "PROPN")
                    or (toks[start - 1].text == "-" and not toks[start - 1].whitespace_ and start > 1)
                    or (toks[start].text == "-" and toks[start - 1].text[:1].isupper())):
                start -= 1
            raw.append(Mention(start, tok.i + 1, doc[start:tok.i + 1].text, "organisation"))
            covered.update(range(start, tok.i + 1))
    raw.sort(key=lambda m: m.start)

    # A surname NER tagged alone ("Retamal, 54, leads ...") whose full name it missed
    # elsewhere ("Who is Oskavo Retamal Ivre?"): the capitalised run is that person.
    covered = {i for m in raw for i in range(m.start, m.end)}
    lone = {m.text for m in raw if m.kind == "person" and len(m.text.split()) == 1}
    for i in range(n):
        if not propn[i] or i in covered or (i > 0 and propn[i - 1]):
            continue
        j = i
        while j < n and j not in covered and propn[j] and j - i < 4:
            j += 1
        words = words_of[i:j]
        if 2 <= len(words) <= 4 and any(w in lone for w in words[1:]) and not _ORG_WORDS.search(" ".join(words)) \
                and _not_a_person(doc, i, j, words) is None and not any(t.ent_type_ in ("GPE", "ORG", "DATE") for t in toks[i:j]):
            raw.append(Mention(i, j, _strip_possessive_text(doc[i:j].text), "person"))
            covered.update(range(i, j))
    raw.sort(key=lambda m: m.start)

    # One sense per article: a name tagged once is the same name where NER missed it.
    covered = {i for m in raw for i in range(m.start, m.end)}
    by_start = {t.idx: t.i for t in toks}
    text = doc.text  # Doc.text joins every token: read it once, not per mention
    for m in list(raw):
        if m.kind == "place" or len(m.text) < 3:
            continue
        pos = text.find(m.text)
        while pos >= 0:
            i = by_start.get(pos)
            end_char = pos + len(m.text)
            if i is not None and i not in covered:
                j = i
                while j < len(doc) and toks[j].idx < end_char:
                    j += 1
                if toks[j - 1].idx + len(toks[j - 1].text) == end_char and not any(k in covered for k in range(i, j)):
                    raw.append(Mention(i, j, m.text, m.kind))
                    covered.update(range(i, j))
            pos = text.find(m.text, pos + 1)
    raw.sort(key=lambda m: m.start)

    # A lone capitalised word that is, up to transliteration, the surname of exactly one
    # person named in full ("... Petrouskaya said" after "Maria Petrovskaya").
    covered = {i for m in raw for i in range(m.start, m.end)}
    fulls = sorted({m.text for m in raw if m.kind == "person" and len(m.text.split()) >= 2})
    for tok in toks:
        if tok.i in covered or tok.pos_ != "PROPN" or not tok.text[:1].isupper() or len(tok.text) < 4:
            continue
        if tok.i + 1 < len(doc) and toks[tok.i + 1].pos_ == "PROPN":
            continue  # part of a longer name that NER did not tag
        fits = [f for f in fulls if names.same_person(tok.text, f)]
        if len(fits) == 1:
            raw.append(Mention(tok.i, tok.i + 1, tok.text, "person"))
            covered.add(tok.i)
            continue
        # "Nasta was transferred ...": the first name of exactly one person named in full
        firsts = [f for f in fulls if f.split()[0] == tok.text and len(f.split()) >= 2]
        if not fits and len({f.split()[-1] for f in firsts}) == 1 \
                and tok.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj"):
            raw.append(Mention(tok.i, tok.i + 1, firsts[0], "person"))  # grouped under the full name
            covered.add(tok.i)
    raw.sort(key=lambda m: m.start)

    # Places and groups named elsewhere are not people ("Belarus" tagged PERSON once).
    non_person_texts = {m.text.lower() for m in raw if m.kind != "person" and len(m.text.split()) == 1}
    # a name the tagger reads as a place more often than as a person is that place
    # ("the Ostrava 12" opening a headline, tagged a person there only)
    as_place: dict[str, int] = {}
    as_person: dict[str, int] = {}
    for m in raw:
        if m.kind == "place":
            as_place[m.text] = as_place.get(m.text, 0) + 1
        elif m.kind == "person":
            as_person[m.text] = as_person.get(m.text, 0) + 1
    raw = [Mention(m.start, m.end, m.text, "place")
           if m.kind == "person" and not m.titled and as_place.get(m.text, 0) >= max(2, as_person.get(m.text, 0) + 1) else m
           for m in raw]
    full_persons = [m.text for m in raw if m.kind == "person" and len(m.text.split()) >= 2]
    out: list[Mention] = []
    for m in raw:
        words = m.text.split()
        if m.kind == "person" and len(words) == 1:
            firsts = {f for f in full_persons if f.split()[0] == m.text}
            if len({f.split()[-1] for f in firsts}) == 1 and not any(names.same_person(m.text, full) for full in full_persons) \
                    and toks[m.start].dep_ != "compound":
                out.append(Mention(m.start, m.end, sorted(firsts)[0], "person"))  # "Nasta was transferred": her first name
                continue
            if m.text not in single and not any(names.same_person(m.text, full) for full in full_persons):
                # A lone word is kept only when it is a surname we can tie to a full name, or
                # one the tagger reads as a person more than once, or beside another person
                # ("Alinevich and Ramanau"), acting or undergoing as people do.
                if m.text.lower() in non_person_texts or not toks[m.start].text[:1].isupper():
                    continue
                if not _lone_person(doc, m, raw):
                    continue
                m = Mention(m.start, m.end, m.text, "person", True)  # anchored by its use, as a titled name is
        if m.kind != "person" and len(words) == 1 and any(
            names.same_person(m.text, full) for full in full_persons
        ):
            m = Mention(m.start, m.end, m.text, "person")
        elif m.kind == "place" and m.text in full_persons:
            m = Mention(m.start, m.end, m.text, "person")  # tagged a person once, a facility elsewhere
        out.append(m)
    return out


_LOCATIVE = {"in", "to", "from", "across", "into", "throughout", "inside", "outside", "near", "at", "toward", "towards"}
_SPEECH = {"say", "estimate", "count", "report", "document", "record", "announce", "publish", "note", "tally"}


#: What a source gives: "a quote from X", "a statement from X" (X is no place).
_SOURCE_NOUNS = {"quote", "statement", "message", "comment", "report", "letter", "word", "data", "figure", "update"}


def _acts_like_group(doc: "Doc", spans: list[tuple[int, int]]) -> bool:
    """A name spaCy calls a place but the article never uses as one ("in X", "to X"),
    while it speaks, counts or is the source of a figure ("X said", "according to X",
    "the rights group X"): an organisation."""
    org = place = 0
    for s, e in spans:
        prev = doc[s - 1].lower_ if s > 0 else ""
        head = doc[e - 1]
        according = s > 1 and doc[s - 2].lower_ == "according" and prev == "to"
        quoted = s > 1 and prev == "from" and doc[s - 2].lemma_.lower() in _SOURCE_NOUNS  # "a statement from X"
        if not according and not quoted and (prev in _LOCATIVE or (head.dep_ == "pobj" and head.head.lower_ in _LOCATIVE)):
            place += 1
        if quoted:
            org += 1
        if head.dep_ == "nsubj" and head.head.lemma_.lower() in _SPEECH:
            org += 1
        if s > 1 and doc[s - 2].lower_ == "according" and prev == "to":
            org += 1
        if prev in ("group", "organisation", "organization", "monitor", "centre", "center") or (
                head.dep_ in ("appos", "compound", "nmod") and head.head.lemma_.lower() in ("group", "organisation", "organization",
                                                                                          "centre", "center", "monitor")):
            org += 1  # "the rights group X", "the X human rights centre"
    return org > 0 and place == 0


def _given_name_of(doc: "Doc", m: Mention, persons_full: list[dict]) -> "dict | None":
    """"Artsiom was released on 8 November": the one person of the article whose given
    name the word is, named in full before it (and no one's surname)."""
    if not m.text[:1].isupper():
        return None
    at = doc[m.start].idx
    # (not the first word of a run NER glued to a name: "Zubr Ivan Dorov" gives no "Zubr")
    given = [g for g in persons_full if g["first"] < at and any(
        len(f.split()) >= 2 and f.split()[0] == m.text and not names.is_given_name(f.split()[1]) for f in g["forms"])]
    if len(given) != 1 or any(m.text in f.split()[1:] for g in persons_full for f in g["forms"]):
        return None
    return given[0]


def _which_namesake(doc: "Doc", m: Mention, candidates: list[dict]) -> "dict | str":
    """A surname two people of the article share ("Protasevich" after "X Protasevich" and
    "his mother Y Protasevich"): the one named before it, when only one has been; else
    the one not introduced as someone's relative, when only one is; else ambiguous."""
    from kg.extract.lexicon import KIN_NOUNS

    if len(m.text.split()) >= 2:
        return "ambiguous"
    at = doc[m.start].idx
    before = [g for g in candidates if g["first"] < at]
    if len(before) == 1:
        return before[0]

    def relative(g: dict) -> bool:
        s = min(s for s, _e in g["spans"])
        return any(t.lower_ in KIN_NOUNS or t.lemma_.lower() in KIN_NOUNS for t in doc[max(s - 3, doc[s].sent.start):s])

    own = [g for g in (before or candidates) if not relative(g)]
    return own[0] if len(own) == 1 else "ambiguous"


def group_mentions(doc: "Doc", mentions: list[Mention]) -> MentionIndex:
    """Group mentions of the same entity; persons by name compatibility, others by text."""
    index = MentionIndex()
    groups: list[dict] = []  # {"kind", "forms": [text...], "spans": [(s, e)], "first": char}
    persons_full: list[dict] = []

    def new_group(kind: str, m: Mention) -> dict:
        g = {"kind": kind, "forms": [m.text], "spans": [(m.start, m.end)], "first": doc[m.start].idx}
        groups.append(g)
        return g

    # Full person names first, so a surname seen before its full name still attaches.
    order = sorted(mentions, key=lambda m: (m.kind != "person" or len(m.text.split()) < 2, m.start))
    for m in order:
        if m.kind == "person":
            match = None
            candidates = [g for g in persons_full
                          if m.text in g["forms"] or any(names.same_person(m.text, f) for f in g["forms"] if len(f.split()) >= 2 or len(m.text.split()) >= 2)]
            if len(candidates) == 1:
                match = candidates[0]
            elif candidates:
                match = _which_namesake(doc, m, candidates)
            elif len(m.text.split()) == 1:
                match = _given_name_of(doc, m, persons_full)
            if match == "ambiguous" or (match is None and len(m.text.split()) < 2 and not m.titled):
                continue  # an ambiguous or unanchored surname is left out rather than guessed
            if match is None:
                g = new_group("person", m)
                persons_full.append(g)
            else:
                g = match
                if m.text not in g["forms"]:
                    g["forms"].append(m.text)
                g["spans"].append((m.start, m.end))
                g["first"] = min(g["first"], doc[m.start].idx)
        else:
            if not m.text[:1].isupper():
                continue  # "absentia" tagged GPE
            if m.kind == "organisation" and len(m.text.split()) == 1 and m.text[1:].islower() and doc[m.start].ent_type_ not in (
                    "GPE", "LOC", "FAC", "NORP"):
                g = _given_name_of(doc, m, persons_full)
                if g is not None:  # "Henadz was accused of ...": a given name NER did not call a person
                    g["spans"].append((m.start, m.end))
                    if m.text not in g["forms"]:
                        g["forms"].append(m.text)
                    continue
            key_text = m.text.lower()
            for g in groups:
                if g["kind"] != "person" and key_text in (f.lower() for f in g["forms"]):
                    g["spans"].append((m.start, m.end))
                    g["votes"].append(m.kind)
                    g["first"] = min(g["first"], doc[m.start].idx)
                    break
            else:
                g = new_group(m.kind, m)
                g["votes"] = [m.kind]

    orgs = [g for g in groups if g["kind"] != "person"]
    for g in sorted(orgs, key=lambda g: -len(g["forms"][0])):
        for h in orgs:
            if h is g or h.get("merged") or g.get("merged"):
                continue
            long, short = g["forms"][0], h["forms"][0]
            initials = "".join(w[0] for w in long.split() if w[:1].isupper())
            if len(long) > len(short) and (long.lower().endswith(" " + short.lower())
                                           or (short.isupper() and 2 <= len(short) <= 6 and short == initials)  # "LRC"
                                           or (len(short.split()) == 1 and long.split()[0] == short and len(long.split()) >= 3)):  # "the Commission"
                # "Human Rights Centre Libertas" and "Libertas"
                g["forms"].extend(f for f in h["forms"] if f not in g["forms"])
                g["spans"].extend(h["spans"])
                g["votes"].extend(h["votes"])
                g["first"] = min(g["first"], h["first"])
                h["merged"] = True
    groups = [g for g in groups if not g.get("merged")]
    for g in groups:
        if g["kind"] == "person":
            continue
        # spaCy labels the same word ORG in one sentence and GPE in the next: vote.
        votes = g["votes"]
        g["kind"] = max(("organisation", "place"), key=lambda k: (votes.count(k), k == "organisation"))
        if _ORG_WORDS.search(g["forms"][0]):
            g["kind"] = "organisation"
        elif g["kind"] == "place" and _acts_like_group(doc, g["spans"]):
            g["kind"] = "organisation"
        g["forms"] = [f.title() if f.isupper() and len(f) > 4 else f for f in g["forms"]]
        if any(doc[s:e].text.isupper() and len(doc[s:e].text) > 2 and e < len(doc) and doc[e].text in (",", "(", "—", "-", "–")
               for s, e in g["spans"]) and not _ORG_WORDS.search(g["forms"][0]):
            g["kind"] = "place"  # "TALLINN, Estonia (AP) —": a dateline city
        if all(doc[s].is_sent_start or (s > 0 and "\n" in doc[s - 1].text) or s == 0 for s, _ in g["spans"]) and g["forms"][0].istitle() \
                and not _ORG_WORDS.search(g["forms"][0]) and not (g["kind"] == "organisation" and _acts_like_group(doc, g["spans"])):
            g["kind"] = "place"  # a capitalised word opening a line is a dateline city (but "X says ..." speaks)
    groups.sort(key=lambda g: g["first"])
    counters = {"person": 0, "organisation": 0, "place": 0}
    prefix = {"person": "p", "organisation": "o", "place": "l"}
    for g in groups:
        counters[g["kind"]] += 1
        key = f"{prefix[g['kind']]}{counters[g['kind']]}"
        forms = g["forms"]
        name = max(forms, key=lambda f: (len(f.split()), len(f)))
        aliases = [f for f in forms if f != name]
        index.entities.append((key, g["kind"], name, aliases, g["first"]))
        for s, e in g["spans"]:
            index.spans.append((s, e, key))
            for i in range(s, e):
                index.token_to_key[i] = key
    index.spans.sort()
    return index


_NATIONALITY = re.compile(r"(?:ian|ani|ese|ish)$")
#: Offices held "of" a country, whose country NER may run into the holder's name.
_OFFICE_OF = {"president", "leader", "ruler", "dictator", "king", "premier", "minister", "head", "chief"}
#: Nouns a ruler's surname may name ("the Dorovka regime"): not "government", which
#: countries and parties name too.
_RULED_BY = {"regime", "dictatorship"}


def _lone_person(doc: "Doc", m: "Mention", raw: "list[Mention]") -> bool:
    """A one-word name with nothing to tie it to is a person when the tagger reads the
    same word as a person at least twice, or it is coordinated with another person's
    name, or it is the subject of a verb (people rule, say, are sentenced)."""
    tok = doc[m.start]
    if tok.ent_type_ == "PERSON" and tok.dep_ in ("compound", "poss") and tok.head.lemma_.lower() in _RULED_BY \
            and not _NATIONALITY.search(tok.text) and tok.text[:1].isupper():
        return True  # "the Dorovka regime", "Dorovka's dictatorship": the ruler, named by surname
    if tok.ent_type_ != "PERSON" or tok.is_sent_start and tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    word = tok.text
    if any(r.kind == "person" and len(r.text.split()) >= 2 and word in r.text.split() for r in raw):
        return False  # the first name of someone named in full ("Anna" beside "Anna Lobko" and "Anna Rusak")
    if tok.dep_ in ("compound", "amod", "nmod") and tok.head.pos_ == "NOUN":
        return False  # a word modifying a noun ("the Zubr opposition"), not someone named
    if not word.isascii() and not all("LATIN" in unicodedata.name(c, "") for c in word if c.isalpha()):
        return False  # a word in another script: most often an untranslated common word
    if any(c.isupper() for c in word[1:]) or _NATIONALITY.search(word):
        return False  # "BelTA" (an outlet's own casing), "Lithuanian" (a nationality)
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    if nxt is None or nxt.text in (":", "\n") or "\n" in tok.whitespace_:
        return False  # a heading ("Background:")
    if sum(1 for r in raw if r.kind == "person" and r.text == m.text) >= 2:
        return True
    if tok.dep_ == "conj" and doc[tok.head.i].ent_type_ == "PERSON" or any(
            c.dep_ == "conj" and c.ent_type_ == "PERSON" for c in tok.children):
        return True
    return tok.dep_ in ("nsubj", "nsubjpass") and tok.head.pos_ == "VERB"
