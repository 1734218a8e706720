"""Shared state and dependency-parse helpers for the extraction rules."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg import names
from kg.extract import lexicon
from kg.extract.dates import YEAR_RE, find_dates, last_year
from kg.read import dateline_end
from kg.extract.mentions import MentionIndex
from kg.extract.numbers import Count, qualifier_before, to_int
from kg.records import Article, Evidence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@dataclass
class Context:
    article: Article
    doc: "Doc"
    mentions: MentionIndex
    #: sentence index -> [(char start, char end, iso date)] in article offsets
    _dates: dict[int, list[tuple[int, int, str]]] = field(default_factory=dict)
    #: last person named, for pronoun resolution, updated in text order
    sents: list["Span"] = field(default_factory=list)

    dateline_tokens: set[int] = field(default_factory=set)
    #: character ranges of page clutter (kg.extract.clutter); computed when not given
    clutter: list[tuple[int, int]] | None = None
    #: the article's text (``doc.text``), when the caller has read it already
    text: str = ""

    def __post_init__(self) -> None:
        from kg.extract.clutter import clutter_spans

        # Doc.text joins every token on each call: read it once per article
        if not self.text:
            self.text = self.doc.text
        if self.clutter is None:
            self.clutter = clutter_spans(self.text)
        # page clutter (link lists, credits, menus) is not story: no rule reads it
        self.sents = [s for s in self.doc.sents
                      if not any(a <= s.start_char < b for a, b in self.clutter)]
        self._sent_at = {(s.start, s.end): i for i, s in enumerate(self.sents)}
        #: (person, description) pairs :meth:`named_next` linked ("a politician who ...")
        self.lede_descriptions: list[tuple[str, "Token"]] = []
        self._years: list[tuple[int, str]] | None = None  # (end, year) of every year written
        # "TALLINN, Estonia (AP) —": a dateline names where and who wrote, never an actor
        for sent in self.sents:
            head = list(sent[:16])
            for t in head:
                if t.text in ("—", "--", "–") and t.i > sent.start:
                    self.dateline_tokens.update(range(sent.start, t.i))
                    break

    # --- provenance
    def evidence(self, sent: "Span", method: str) -> Evidence:
        # the article's own words (the parsed text differs only in same-length marks)
        text = self.article.text if len(self.article.text) == len(self.text) else self.text
        start, end = sent.start_char, sent.end_char
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return Evidence(text[start:end], start, end, method)

    # --- entities
    def entity_at(self, tok: "Token") -> str | None:
        return self.mentions.key_at(tok.i)

    def person_at(self, tok: "Token") -> str | None:
        key = self.mentions.key_at(tok.i)
        return key if key and key.startswith("p") else None

    def entity_near(self, tok: "Token", kinds: str = "pol") -> str | None:
        for kind in kinds:
            found = self._entity_near(tok, kind)
            if found:
                return found
        return None

    def _entity_near(self, tok: "Token", kinds: str) -> str | None:
        """The named entity closest to ``tok`` in its subtree (breadth first), so the
        subject "Belarus' leader X" gives X and not a dateline place before it."""
        frontier = [tok]
        while frontier:
            nxt = []
            for t in frontier:
                k = self.mentions.key_at(t.i)
                if k and k[0] in kinds and t.i not in self.dateline_tokens:
                    return k
                if t.pos_ == "PRON" and "p" in kinds:
                    p = self.pronoun_person(t)
                    if p:
                        return p
                nxt.extend(c for c in t.children if c.dep_ not in ("relcl", "acl", "advcl", "ccomp", "punct"))
            frontier = nxt
        return None

    def described_person(self, tok: "Token") -> str | None:
        """"The 46-year-old", "the Nobel laureate", "the bishop": the latest person the
        article described with those words (an age next to the name, or the noun in the
        name's title or apposition)."""
        common = tok.pos_ in ("NOUN", "ADJ") or (tok.pos_ == "PROPN" and tok.text.islower())  # "The bishop" mis-tagged
        if not common or not any(c.lower_ == "the" for c in tok.children) or tok.tag_ in ("NNS", "NNPS"):
            return None
        text = " ".join(t.text for t in tok.subtree).lower()
        age = re.search(r"\b(\d{1,3})\s*-\s*year\s*-\s*old\b", text)
        if tok.pos_ == "ADJ" and not age:
            return None
        best = None
        for s, e, key in self.mentions.spans:
            if s >= tok.i:
                break
            if not key.startswith("p"):
                continue
            sent = self.doc[s].sent
            window = self.doc[max(s - 6, sent.start):min(e + 8, sent.end, tok.i)]  # never the description itself
            wtext = window.text.lower()
            if age:
                if re.search(r"(?<!\d)" + age.group(1) + r"(?!\d)", wtext):
                    best = key
            elif tok.lemma_.lower() in {w.lemma_.lower() for w in window if w.pos_ == "NOUN" or w.pos_ == "PROPN" and w.text.islower()}:
                best = key
        if best is None and age:
            # "The 52-year-old was freed two days later": an age told only here is the
            # person the last sentences were about
            lo = max((x.start for x in self.sents if x.start < tok.sent.start), default=tok.sent.start)
            lo = max((x.start for x in self.sents if x.start < lo), default=lo)
            recent = [key for s, _e, key in self.mentions.spans if lo <= s < tok.i and key.startswith("p")]
            best = recent[-1] if recent else None
        return best

    def named_next(self, tok: "Token") -> str | None:
        """"A court sentenced a blogger to five years ... . X, 30, posted the tweet ...":
        a person the sentence leaves unnamed ("a blogger") is the one the next sentence
        opens with, when that sentence opens on a person who is its subject (and no new
        speaker) and no name follows the description at once ("a blogger, X,")."""
        from kg.extract.lexicon import PEOPLE_NOUNS, SPEECH_VERBS

        if tok.tag_ != "NN" or tok.lemma_.lower() not in PEOPLE_NOUNS or not any(c.lower_ in ("a", "an") for c in tok.children):
            return None
        sent = tok.sent
        if any(tok.i < s <= tok.i + 3 and k.startswith("p") for s, _e, k in self.mentions.spans):
            return None  # "a blogger, X, ...", "a blogger named X": the sentence names them
        i = self._sent_at.get((sent.start, sent.end), -1)
        if i < 0 or i + 1 >= len(self.sents):
            return None
        nxt = self.sents[i + 1]
        first = next(((s, e, k) for s, e, k in self.mentions.spans if nxt.start <= s < nxt.end), None)
        if first is None or not first[2].startswith("p") or first[0] > nxt.start + 1:
            return None
        head = self.doc[first[1] - 1]
        if head.dep_ not in ("nsubj", "nsubjpass") or (head.head.lemma_.lower() in SPEECH_VERBS and head.head.lemma_.lower() not in ("post", "tweet", "write")):
            return None  # "..., X, a member of the committee, said": a speaker, not the one described
        self.lede_descriptions.append((first[2], tok))
        return first[2]

    def last_org_before(self, i: int) -> str | None:
        """The organisation named most recently before token ``i`` ("its founder")."""
        best = None
        for s, _e, k in self.mentions.spans:
            if s >= i:
                break
            if k.startswith("o"):
                best = k
        return best

    def antecedent(self, tok: "Token") -> "Token":
        """The person a relative clause hangs from: its head, or the person that head
        describes ("X, one of the leaders of Y, who ..." / "X, a veteran of Z, who ...")."""
        t, hops = tok, 0
        while not self.person_at(t) and hops < 7 and t.dep_ in ("pobj", "prep", "appos", "attr"):
            t = t.head
            hops += 1
        if self.person_at(t):
            return t
        # "X, the opposition leader who ...": the parser may hang the description
        # elsewhere, but a comma right after a name still marks an apposition
        left = min(x.i for x in tok.subtree if x.i <= tok.i)
        if left >= 2 and self.doc[left - 1].text == "," and self.person_at(self.doc[left - 2]):
            return self.doc[left - 2]
        return tok

    def person_gender(self, key: str) -> str | None:
        return names.gender(self.mentions.name(key))

    def pronoun_person(self, tok: "Token", exclude: str | None = None) -> str | None:
        """Resolve he/she/him/her to the closest earlier person of that gender."""
        word = tok.lower_
        want = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(word)
        if not want:
            return None
        best = None
        best_subject = None
        best_main = None
        same_sentence_subject = None
        sent_start = tok.sent.start
        prev_start = max((x.start for x in self.sents if x.start < sent_start), default=sent_start)
        for s, _e, key in self.mentions.spans:
            if s >= tok.i:
                break
            if key.startswith("p") and key != exclude and self.person_gender(key) in (want, None):
                best = key
                head = self.doc[s]
                while head.dep_ in ("compound", "flat") and head.head.i != head.i:
                    head = head.head
                if head.dep_ in ("nsubj", "nsubjpass") and s >= sent_start:
                    same_sentence_subject = key
                if head.dep_ in ("nsubj", "nsubjpass") and s >= prev_start:
                    best_subject = key
                    if head.head.dep_ in ("ROOT", "conj") or head.head.head.i == head.head.i:
                        best_main = key
        # "... when he pushed a cart in a protest against President Y. He was later
        # given a suspended sentence": a subject pronoun after the last named subject
        # continues the same chain, not the name in an object
        last_named = max((s for s, _e, key in self.mentions.spans if s < tok.i and key in (best_main, best_subject)), default=-1)
        chain = [t for t in self.doc[max(prev_start, last_named + 1):tok.i]
                 if t.lower_ in ("he", "she") and {"he": "m", "she": "f"}[t.lower_] == want and t.dep_ in ("nsubj", "nsubjpass")]
        if chain and tok.dep_ in ("nsubj", "nsubjpass"):
            k = self.pronoun_person(chain[-1], exclude)
            if k:
                return k
        # a subject earlier in the same sentence ("X was tried in absentia: she fled")
        if tok.dep_ in ("nsubj", "nsubjpass") and same_sentence_subject:
            return same_sentence_subject
        # the subject of a main clause is the likelier referent than one of a subordinate
        # clause ("X was freed after Y pardoned him. He ..."), and any subject than a
        # name in a possessive or object
        return best_main or best_subject or best

    # --- dates
    def text_of(self, span: "Span") -> str:
        """``span.text``, sliced from the article's text (``Span.text`` joins its tokens
        on every read)."""
        return self.text[span.start_char:span.end_char]

    def dates_in(self, sent: "Span") -> list[tuple[int, int, str]]:
        """Date phrases of a sentence as ``(start, end, iso)`` in document offsets.
        Phrases that point back ("that year", "the same month") read the last date
        told before, so sentences are resolved in order."""
        i = self._sent_at.get((sent.start, sent.end), -1)
        if i < 0:
            return [(sent.start_char + s, sent.start_char + e, d) for s, e, d in find_dates(self.text_of(sent), self.article.published)]
        j = i
        while j > 0 and j - 1 not in self._dates:
            j -= 1
        for k in range(j, i + 1):
            if k in self._dates:
                continue
            told = next((d[-1][2] for d in (self._dates.get(x) for x in range(k - 1, -1, -1)) if d), None)
            s_k = self.sents[k]
            found = find_dates(self.text_of(s_k), self.article.published, told or self._last_year_before(s_k.start_char))
            stop = max(_dateline_end(self.text, s_k.start_char), _date_line_end(self.text))
            self._dates[k] = [(s_k.start_char + a, s_k.start_char + b, d) for a, b, d in found if s_k.start_char + a >= stop]
        return self._dates[i]

    def _last_year_before(self, pos: int) -> str | None:
        """``last_year(self.text[:pos])``, from one scan of the article's years."""
        if self._years is None:
            self._years = [(m.end(), m.group()) for m in YEAR_RE.finditer(self.text)]
        k = bisect.bisect_right(self._years, (pos, "~"))  # the years that end by pos
        if pos < len(self.text) and pos and self.text[pos - 1].isdigit() and (self.text[pos].isalnum() or self.text[pos] == "_"):
            cut = last_year(self.text[max(0, pos - 5):pos])  # a year the cut itself ends ("2024|5")
            if cut:
                return cut
        return self._years[k - 1][1] if k else None

    def date_near(self, sent: "Span", tok: "Token", scope: "list[Token] | None" = None, fallback: bool = True) -> str | None:
        """The date phrase for an event at ``tok``: inside ``scope`` (the trigger's own
        clause) if any, else the closest one in the sentence that does not sit in
        another clause's relative clause or apposition ("X, who was jailed in June")."""
        dates = self.dates_in(sent)
        if not dates:
            return None
        if scope:
            chars = {c for t in scope for c in range(t.idx, t.idx + len(t))}
            inside = [d for d in dates if (d[0] in chars or any(c in chars for c in range(d[0], d[1])))
                      and not self._names_a_thing(d, tok, scoped=True)]  # "pardoned the 2019 prize laureate"
            if inside:
                return min(inside, key=lambda d: abs(d[0] - tok.idx))[2]
        if not fallback:
            return None
        foreign: set[int] = set()
        for t in sent:
            if t.dep_ in ("relcl", "appos", "acl") and not any(x.i == tok.i for x in t.subtree):
                if any(x.lemma_.lower() in lexicon.REPORT_VERBS and x.pos_ == "VERB" for x in (t, *t.children)):
                    continue  # "..., the prison service announced on Friday" misparsed as a modifier
                foreign.update(c for x in t.subtree for c in range(x.idx, x.idx + len(x)))
        usable = [d for d in dates if d[0] not in foreign and not self._names_a_thing(d)]
        if not usable:
            return None
        return min(usable, key=lambda d: abs(d[0] - tok.idx))[2]

    def _names_a_thing(self, date: tuple[int, int, str], tok: "Token | None" = None, scoped: bool = False) -> bool:
        """A bare year naming a thing ("the 2015 nuclear deal", "the 2020 vote") is no
        time of an act told elsewhere in the sentence (but it is the time of ``tok``
        when it names ``tok`` itself: "the 2020 election").  In the act's own clause
        (``scoped``), the year of another act dates it unless "since" governs it."""
        if len(date[2]) != 4:
            return False
        span = self.doc.char_span(date[0], date[1], alignment_mode="expand")
        years = [t for t in span or () if t.like_num]
        if len(years) != 1:
            return False
        t = years[0]
        if tok is not None and t.head.i == tok.i:
            return False
        if scoped and t.head.lemma_.lower() in lexicon.EVENT_NOUNS and not any(
                a.lower_ == "since" for a in t.head.ancestors if a.i < t.i):
            return False  # in the act's own clause, another act's year: "protests after the 2020 vote"
        return t.dep_ in ("nummod", "compound", "amod") and t.head.pos_ in ("NOUN", "PROPN") and t.head.i > t.i \
            and t.head.lower_ not in lexicon.TIME_NOUNS


def _date_line_end(text: str) -> int:
    """Where a leading "date YYYY-MM-DD" line ends: it dates the page, not an event told after it."""
    from kg.read import DATE_LINE

    m = DATE_LINE.match(text)
    return m.end() if m else 0


def _dateline_end(text: str, sent_start: int) -> int:
    """Where a dateline that opens this sentence's line ends (0 when there is none)."""
    if text[text.rfind("\n", 0, sent_start) + 1:sent_start].strip():
        return 0
    end = dateline_end(text, sent_start)
    return end if end > sent_start else 0


# --- parse helpers ------------------------------------------------------------------


#: "Notably absent from this clemency are ...", "excluded from the amnesty", "left out of the pardon".
_LEFT_OUT = re.compile(r"\b(?:absent from|excluded from|left out of|missing from|not included in|omitted from)\b")


def is_negated(tok: "Token") -> bool:
    """'not released', 'never freed', 'No opposition figures have been released'."""
    for t in (tok, *[a for a in tok.ancestors][:2]):
        if any(c.dep_ == "neg" for c in t.children) or any(c.lower_ in ("never",) for c in t.children):
            return True
        if t.i != tok.i and t.pos_ != "AUX":
            break
    for c in tok.children:
        if c.dep_ in ("nsubj", "nsubjpass", "dobj") and any(
            d.lower_ in ("no", "none", "neither") for d in c.subtree if d.i <= c.i
        ):
            return True
    # "not among those freed"
    left = tok.doc[max(tok.i - 4, 0):tok.i].text.lower()
    return "not among" in left or "none of" in left or bool(_LEFT_OUT.search(left))


_SETTING_PREPS = {"in", "at", "during", "after", "before", "since", "following", "on"}


#: Verbs that ask for an arrest without making one: "ordered the arrest of X".
_ARREST_ASKERS = {"order", "seek", "request", "authorize", "authorise", "sanction", "approve", "demand", "warrant"}


def is_arrest_order(tok: "Token") -> bool:
    """An arrest ordered, sought or warranted, not made: "ordered the arrest of X",
    "an arrest warrant for X", "a warrant for the arrest of X"."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() != "arrest":
        return False
    head = tok.head
    if tok.dep_ == "dobj" and head.lemma_.lower() in _ARREST_ASKERS:
        return True
    if tok.dep_ == "compound" and head.lemma_.lower() in ("warrant", "order"):
        return True
    return tok.dep_ == "pobj" and head.head.lemma_.lower() in ("warrant", "order", "request", "demand")


_MODALS = {"may", "might", "could", "would", "should", "can", "will", "shall", "must"}


def is_hedged(tok: "Token") -> bool:
    """Modal, offer, plan, expectation or condition over the trigger."""
    left = [t.lower_ for t in tok.sent if tok.i - 14 <= t.i < tok.i]
    if ";" in left:
        left = left[len(left) - left[::-1].index(";"):]
    if "until" in left or "unless" in left:
        return True  # "fight until all of them are released"
    for c in tok.children:
        if c.dep_ == "aux" and c.lemma_.lower() in _MODALS:
            return True
        if c.dep_ in ("mark", "advmod") and c.lower_ in ("if", "unless", "until", "whether", "allegedly", "reportedly"):
            return True
    t = tok
    for _ in range(3):
        if t.dep_ == "ccomp" and t.head.lemma_.lower() in lexicon.HEDGE_LEMMAS and any(c.lower_ == "to" and c.dep_ == "aux" for c in t.children):
            return True  # "expects X to be freed in the coming days"
        if t.dep_ in ("relcl", "acl", "appos", "ROOT", "ccomp") or t.head.i == t.i:
            break  # a relative clause is its own statement: "X, who was arrested, may be freed"
        if t.dep_ == "conj" and t.head.lemma_.lower() in lexicon.HEDGE_LEMMAS:
            break  # "planned to run but was jailed": the second verb is said outright
        if t.dep_ == "prep" and t.lower_ in _SETTING_PREPS:
            break  # "pushed a cart ... in a protest": where or when, not what was sought
        t = t.head
        if t.lemma_.lower() in lexicon.HEDGE_LEMMAS:
            return True
        if tok.pos_ == "NOUN" and t.pos_ in ("VERB", "AUX") and any(c.dep_ == "aux" and c.lemma_.lower() in _MODALS for c in t.children):
            return True  # "would ensure the release of X": the act of a modal verb is not told as done
    # "an offer of a pardon", "a possible release"
    for c in tok.children:
        if c.dep_ == "amod" and c.lemma_.lower() in ("possible", "potential", "expected", "planned", "proposed"):
            return True
    if tok.dep_ == "pobj" and tok.head.lower_ in ("pending", "awaiting", "until", "ahead"):
        return True  # "pending her release": not yet
    if tok.dep_ == "pobj" and tok.head.head.lemma_.lower() in lexicon.HEDGE_LEMMAS and tok.head.lower_ not in _SETTING_PREPS:
        return True
    return False




_AGENT_SUFFIX = re.compile(r"(?:er|or|ist|ian|ant|ent|ee|ive)s$")
_NOT_AGENT = {
    "letters", "papers", "numbers", "orders", "centers", "centres", "posters", "computers", "chapters", "quarters",
    "matters", "documents", "comments", "statements", "arguments", "incidents", "segments", "payments",
    "governments", "departments", "elements", "moments", "amendments", "events", "percent", "points",
    "charges", "offenders", "headquarters", "borders", "waters", "motors", "sectors", "factors", "errors",
    "directives", "initiatives", "archives", "objectives", "incentives", "alternatives", "contents", "accounts",
}


_SPLIT_NOUNS = {"man", "woman", "men", "women", "minor", "child", "children", "boy", "girl", "adult", "foreigner",
                "national", "citizen", "juvenile", "teenager", "pensioner", "student"}


def _people_like(noun: "Token") -> bool:
    """A plural noun for people that no list names: "teachers", "mayors", "journalists",
    "residents" (agent suffixes), or one joined to such a noun ("teachers and labour
    activists")."""
    word = noun.lower_
    if noun.tag_ != "NNS" and not word.endswith("s"):
        return False
    if word not in _NOT_AGENT and _AGENT_SUFFIX.search(word):
        return True
    return any(c.dep_ == "conj" and c.lower_ in lexicon.PEOPLE_NOUNS for c in noun.children)


def count_in(toks: "list[Token]", doc: "Doc") -> Count | None:
    """The first number in ``toks`` that counts people (not years, not durations)."""
    for t in toks:
        if not (t.like_num or t.lower_ in ("dozen", "dozens")):
            continue
        if t.lower_ in ("dozens", "one", "hundreds", "thousands", "millions"):
            continue
        if t.lower_ in ("hundred", "thousand", "million") and t.i > 0 and doc[t.i - 1].lower_ in ("several", "many", "few", "some", "tens"):
            continue  # "several thousand people": no number is given
        # The counted noun: the number's head, "four of her allies", or the next noun.
        noun = t.head if t.dep_ in ("nummod", "quantmod", "compound") else None
        if noun is None:
            noun = next((p for c in t.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children
                         if p.dep_ == "pobj" and p.pos_ == "NOUN"), None)
        if noun is not None and (noun.like_num or noun.pos_ == "NUM"):
            noun = None  # "fifty-one": the head is the rest of the number
        if noun is None and t.dep_ in ("nsubj", "nsubjpass"):
            noun = t  # "more than 200 remain behind bars": the number is the people
        if noun is None:
            if doc[t.i + 1:t.i + 3].text.lower() in ("of them", "of those", "of whom"):
                noun = doc[t.i]  # "19,000 of them": the people already named
            for n in ([] if noun is not None else doc[t.i + 1:min(t.i + 6, t.sent.end)]):
                if n.is_punct and n.text not in ("-",):
                    break  # "... at more than 2,000." counts what came before
                if n.pos_ in ("NOUN", "PROPN", "PRON"):
                    noun = n
                    break
        if noun is not None and noun.lower_ in lexicon.NON_PEOPLE_UNITS:
            continue
        if noun is not None and noun.i != t.i and noun.lower_ not in lexicon.PEOPLE_NOUNS and noun.pos_ != "ADJ":
            if not (noun.lemma_.lower() in lexicon.PEOPLE_NOUNS or (noun.ent_type_ == "NORP" and noun.text.endswith("s"))
                    or _people_like(noun)):
                continue  # ... but "eight Russians", "31 teachers", "17 mayors" are people
        # Years and ordinal-like tokens are not counts.
        if t.ent_type_ in ("DATE", "TIME", "ORDINAL", "PERCENT", "MONEY") and not re.match(r"^\d{1,3}(,\d{3})+$", t.text) and not (
                t.ent_type_ == "DATE" and t.dep_ == "nummod" and noun is not None and noun.lemma_.lower() in lexicon.PEOPLE_NOUNS
                and t.text.isdigit() and not 1900 <= int(t.text) <= 2100):
            continue  # (but "1423 persons", a number NER ran into a date, counts people)
        # Extend left over compound number words ("two dozen", "twenty-three").
        start = t.i
        while start > 0 and (doc[start - 1].like_num or doc[start - 1].lower_ in ("-",)) and doc[start - 1].ent_type_ not in ("DATE",):
            start -= 1
        end = t.i + 1
        while end < len(doc) and doc[end].lower_ in ("dozen", "hundred", "thousand", "million"):
            end += 1
        if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].like_num:
            end += 2  # "fifty-one" split by the tokenizer
        value = to_int(doc[start:end].text.replace(" - ", "-"))
        if value is None:
            continue
        if 1900 <= value <= 2100 and "," not in doc[start:end].text and t.ent_type_ == "DATE":
            continue
        before = doc[max(start - 4, 0):start].text
        # "14 women and 16 men" with no total: the parts add up to the count (but in
        # "1,697 political prisoners, 1,489 men and 208 women" the first figure is the total)
        if noun is not None and t.dep_ == "nummod" and noun.lemma_.lower() in _SPLIT_NOUNS:
            for c in noun.children:
                if c.dep_ == "conj":
                    part = next((n for n in c.children if n.dep_ == "nummod" and n.like_num), None)
                    v = to_int(part.text) if part is not None else None
                    if v is not None:
                        value += v
        # "X and 13 other prisoners", "X, Y and 12 others": the named ones are counted too
        if noun is not None and noun.dep_ == "conj" and (noun.lower_ == "others" or any(
                c.lower_ == "other" and c.dep_ == "amod" for c in noun.children)):
            named = [x for x in noun.head.conjuncts if x.i < noun.i and x.ent_type_ == "PERSON"] + (
                [noun.head] if noun.head.ent_type_ == "PERSON" else [])
            value += len({x.i for x in named})
        return Count(value, qualifier_before(" " + before))
    return None

