"""Roles, relations and state cues read from the words around each name.

The words around a mention are its **title window** (the noun phrase before the
name: "exiled opposition leader X", "Libertas founder X", "Russian President X") and
its **apposition/relative window** (", a former bank chief," / ", who was jailed
before the vote").  A window never runs into another person's name, so in
"X, adviser to opposition leader Y" the cue belongs to Y.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from kg.extract import lexicon
from kg.extract.context import Context, is_negated
from kg.records import Evidence, Relation, RoleClaim, StatusClaim

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_STOP_POS = {"VERB", "AUX", "ADP", "SCONJ", "CCONJ"}
#: (cue, its pattern, role); the cue itself is tested first, as a substring (far
#: cheaper than the pattern, which cannot match without it).
_ROLE_RES = [(cue, re.compile(r"(?<![\w-])" + re.escape(cue) + r"s?(?![\w-])"), role) for cue, role in lexicon.ROLE_CUES]
_ROLE_PATTERNS = [(re.compile(rx), role) for rx, role in lexicon.ROLE_PATTERNS]
_ROLE_WORDS = {cue.split()[-1] for cue, _role in lexicon.ROLE_CUES
               if " to " not in f" {cue} " and cue.split()[-1] not in ("of", "against", "challenge", "run", "president")}
_RELATIONAL_NOUNS = {"opponent", "critic", "rival", "challenger", "adviser", "advisor", "aide", "ally", "associate",
                     "spokesman", "spokeswoman", "spokesperson", "deputy", "successor", "predecessor"}
_ACTIVIST_RE = re.compile(r"\b(?:activist|unionist|campaigner|protester|protestor|blogger|dissident|organi[sz]er|protest leader)s?\b")
#: Verbs by which a source comes to know what it tells ("rights activists learned that ...").
_KNOWING_VERBS = {"learn", "know", "find", "discover", "hear", "establish", "say", "tell"}
_GROUP_NOUNS = {"colleagues", "allies", "members", "activists", "staff", "associates", "co-defendants", "journalists", "leaders"}
_CAMP_RE = re.compile(r"\b(?:" + "|".join(sorted(lexicon.CAMP_NOUNS, key=len, reverse=True)) + r")s? (?:to|of)\s*$")
_JAILED_OVER_RE = re.compile(r"\b(?:jailed|imprisoned|detained|arrested|sentenced|convicted|held)\b (?:[\w-]+ ){0,6}?(?:over|for) "
                             r"(?:a |an |the |his |her |their |some )?(?:[\w-]+ ){0,4}?(?:" + "|".join(lexicon.POLITICAL_ACTS) + r")\b"
                             r"|\b(?:jailed|detained|arrested)\b (?:during|at|after) (?:the |a )?(?:[\w-]+ ){0,2}?(?:protests?|rally|rallies|demonstrations?)\b")
_STATE_CUES = [
    (re.compile(r"\b(exiled|in exile|fled|sentenced in absentia|in absentia|left (?:the country|belarus|russia)|forced to leave|to avoid arrest|expelled|deported)\b"), "exiled"),
    (re.compile(r"\b(died (?:in|at|behind) (?:\w+ ){0,3}(?:custody|prison|colony|jail|detention|bars|cell)|death in custody)\b"), "died_in_custody"),
    (re.compile(r"\b(in jail|in prison|behind bars|in custody|in detention|imprisoned|jailed|incarcerated|detained|(?:is|are) (?:\w+ )?serving|remains? (?:in|behind|jailed|held)|still held|held since|not among those (?:freed|released|pardoned)|returned to (?:prison|jail)|political prisoners?|penal colon(?:y|ies)|held incommunicado|pre-?trial detention"
                r"|transferred to (?:a |the )?(?:[\w-]+ ){0,2}(?:prison|jail|colony|detention (?:centre|center))"
                r"|serves (?:a |an |his |her |their )?(?:[\w-]+ ){0,3}(?:term|sentence))\b"), "jailed"),
    (re.compile(r"\b(released|freed|walked free|set free)\b"), "released"),
    (re.compile(r"\b(?:has been living|have been living|is living|lives|living|is based|now based) in\b"
                r"(?! (?:fear|poverty|exile|prison|jail|detention|custody|a penal|a colony|a cell)\b)"), "free"),
    (re.compile(r"\b(pardoned|granted clemency|granted a pardon)\b"), "pardoned"),
]
_ON_BAIL = re.compile(r"\b(?:free|out|at liberty) on (?:bail|bond|parole)\b")
#: Roles that say a person holds office now (so is free), unless told as former.
_OFFICES = ("president", "official", "military leader", "vice president")
_HEDGE_RE = re.compile(r"\b(may|might|could|would|expected to|likely to|offered|offer of|hopes? to|plans? to|not|never|no longer|if)\b")


@dataclass
class RoleResult:
    roles: list[RoleClaim] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    statuses: list[StatusClaim] = field(default_factory=list)
    activists: set[str] = field(default_factory=set)  # described as activists of any cause (for "political prisoner")
    voices: set[str] = field(default_factory=set)  # titled as speaking for a body ("the group's director, X")
    rulers: set[str] = field(default_factory=set)  # told as ruling ("X's regime", "X has ruled since 1994")


def _set_off(ctx: Context, start: int) -> bool:
    """The name starting at ``start`` is closed by a comma ("..., X, said"): an apposition."""
    end = next((e for s, e, _k in ctx.mentions.spans if s == start), start + 1)
    return end < len(ctx.doc) and ctx.doc[end].text == ","


def _title_window(ctx: Context, start: int, sent: "Span") -> list["Token"]:
    doc = ctx.doc
    toks: list["Token"] = []
    i = start - 1
    while i >= sent.start and len(toks) < 9:
        t = doc[i]
        if ctx.entity_at(t) and ctx.entity_at(t).startswith("p"):  # another person's name
            break
        if t.text in (";", "(", ")", "—", "–", ":", "\"", "“", "”"):
            break
        if t.lower_ in ("of", "to") and i > sent.start and doc[i - 1].lower_ in _RELATIONAL_NOUNS:
            break  # "the best-known opponent of President Y": the opponent is someone else
        if t.pos_ in _STOP_POS and t.lower_ not in ("of",) and not (
                t.lower_ in _ROLE_WORDS or t.lower_[:-1] in _ROLE_WORDS  # "Opposition figures X" misparsed as a verb
                or (t.lower_ == "and" and toks and toks[0].pos_ == "NOUN" and i > sent.start and doc[i - 1].pos_ == "NOUN")):
            break  # ... but "journalist and co-founder X" is one title
        if t.text == "," and not _set_off(ctx, start) and any(x.lower_ == "according" for x in doc[max(sent.start, i - 7):i]):
            break  # "According to the rights group, X was freed": the source, not X's title
        if t.text == "," and toks and toks[0].pos_ in ("DET", "PRON") and toks[0].lower_ not in ("her", "his", "its", "their"):
            if not (i > sent.start and doc[i - 1].lower_ in lexicon.SPOUSE_NOUNS):
                break  # "her husband, the blogger X": the kinship noun still belongs to X
        toks.insert(0, t)
        i -= 1
    while toks and toks[0].text in (",", "'s", "’s"):
        toks.pop(0)
    return toks


#: Verbs of a source closing a sentence after a name ("X, the group said").
_SOURCE_VERBS = {"say", "report", "announce", "write", "state", "tell", "confirm", "add"}


def _right_window(ctx: Context, end: int, sent: "Span", next_person_start: int) -> list["Token"]:
    doc = ctx.doc
    if end >= sent.end or doc[end].text != ",":
        # "X is a journalist" / "X was jailed" — the predicate is read from the parse elsewhere
        return []
    toks: list["Token"] = []
    i = end + 1
    if i + 1 < sent.end and re.fullmatch(r"\d{1,3}", doc[i].text) and doc[i + 1].text == ",":
        i += 2  # "X, 38, an opposition deputy": the age, then the description
    while i < min(sent.end, next_person_start) and len(toks) < 25:
        t = doc[i]
        if t.text in (",", ";", ")", "—", "–") and toks:
            if t.text == "," and toks[0].lower_ in ("who", "whose", "which") and len(toks) < 4:
                toks.append(t)
                i += 1
                continue
            break
        toks.append(t)
        i += 1
    if not toks:
        return []
    first = toks[0]
    head_noun = next((t for t in toks if t.pos_ in ("NOUN", "PROPN")), None)
    if head_noun is not None and head_noun.dep_ in ("nsubj", "nsubjpass") and head_noun.head.i > head_noun.i:
        return []  # "As noted by the chairman, X, the pardoned persons will be ...": the next clause's subject
    if any(t.dep_ == "nsubj" and t.pos_ in ("NOUN", "PROPN") and t.head.i > t.i and t.head.lemma_.lower() in _SOURCE_VERBS
           and t.head.tag_ in ("VBD", "VBZ", "VBP") for t in toks):
        return []  # "... detained X, the Zubr rights group said": who reports it, not what X is
    if first.lower_ in ("who", "whose") or first.pos_ in ("DET", "ADJ", "NOUN", "PROPN", "NUM") or first.lower_ in ("one", "both", "himself", "herself"):
        return toks
    if first.tag_ == "VBN" and first.dep_ in ("acl", "relcl", "appos"):
        return toks  # "X, held since 2020 over articles criticising the government,"
    return []


def _joined(toks: list["Token"]) -> str:
    """Lower-cased words of a window, hyphenated words kept whole ("pro-democracy")."""
    return re.sub(r" - ", "-", " ".join(t.lower_ for t in toks))


def _roles_in(text: str, cased: str = "") -> list[str]:
    """Roles whose cues occur in ``text`` (lower case); ``cased`` is the same text as
    written, for the patterns that need capitals (an outlet's name)."""
    found: list[str] = []
    for cue, rx, role in _ROLE_RES:
        if cue in text and role not in found and rx.search(text):
            found.append(role)
    for rx, role in _ROLE_PATTERNS:
        if rx.search(cased or text) and role not in found:
            found.append(role)
    return found


def roles_in_words(text: str) -> list[str]:
    """The roles whose cues a lower-case description holds ("an imprisoned opponent of Y")."""
    return _roles_in(text)


def _president_by_leader(window: list["Token"]) -> bool:
    """'Belarusian leader X', "Belarus' authoritarian leader X": a head of state."""
    words = [t for t in window]
    for j, t in enumerate(words):
        if t.lower_ == "leader":
            before = words[:j]
            if any(b.lower_ == "opposition" for b in before):
                return False
            if any(b.ent_type_ in ("NORP", "GPE") or b.lower_ in lexicon.LEADER_IS_PRESIDENT_BEFORE for b in before):
                return True
    return False


#: A window ending "opponents of (President)": the name after it is the one opposed.
_OPPONENT_OF_RE = re.compile(r"\b(?:opponents?|critics?|rivals?|challengers?|foes?|enem(?:y|ies)) of(?: (?:the|[\w.-]+)){0,2}$")

#: "the brother of", "a lawyer for", "an aide to": what follows is another person's.
_TIE_OF_RE = re.compile(r"\b(?:" + "|".join(sorted(lexicon.KIN_NOUNS, key=len, reverse=True)) + r")s? (?:of|for|to)\b")


#: A post in a body and the body's name, up to the next comma: "chairman of the X
#: Committee", "head of the Y Centre for Political Prisoners".
_POST_OF_RE = re.compile(r"\b(?:chairman|chairwoman|chairperson|chair|head|director|founder|co-founder|coordinator|leader|member"
                         r"|spokesman|spokeswoman|spokesperson|secretary|president)s? (?:of|for|at) [^,;]*")


#: A title of someone held, which "released" or "freed" before it says is over.
_PRISONER_TITLE = re.compile(r"^(?:[\w-]+ ){0,2}?(?:prisoner|detainee|captive|hostage)s?$")


def extract_roles(ctx: Context, rights_orgs: set[str]) -> RoleResult:
    res = RoleResult()
    spans = ctx.mentions.spans
    seen_roles: set[tuple[str, str]] = set()

    def add_role(key: str, role: str, ev: Evidence) -> None:
        if (key, role) not in seen_roles:
            seen_roles.add((key, role))
            res.roles.append(RoleClaim(key, role, ev))

    for idx, (s, e, key) in enumerate(spans):
        if not key.startswith("p"):
            continue
        sent = ctx.doc[s].sent
        next_person = next((ns for ns, _ne, nk in spans[idx + 1:] if nk.startswith("p") and ns >= e), sent.end)
        if next_person < sent.end:
            # the next person's own title ("..., the American journalist Y") is not ours
            nxt = _title_window(ctx, next_person, sent)
            if nxt and nxt[-1].lower_ != "of":  # "X, the best-known opponent of Y": the title is X's
                next_person = min(next_person, nxt[0].i)
        left = _title_window(ctx, s, sent)
        head_tok = ctx.doc[e - 1]
        right = _right_window(ctx, e, sent, next_person)
        if not left and head_tok.dep_ == "conj" and ctx.person_at(head_tok.head) and not (right and right[0].lower_ in ("a", "an", "the")):
            # "the opposition politicians X and Y": Y shares X's title, unless Y has
            # a description of its own ("... the journalist X and Y, a former marine")
            first = min(ss for ss, _ee, kk in spans if kk == ctx.person_at(head_tok.head) and ss <= head_tok.head.i)
            left = _title_window(ctx, first, sent)
        # an apposition before the name: "her husband, the opposition blogger X,"
        role_left = left
        if left and left[0].i > sent.start and ctx.doc[left[0].i - 1].lower_ in ("under", "to", "by", "for", "with", "from") \
                and any(t.text == "," and t.i > 0 and ctx.doc[t.i - 1].text[:1].isupper() for t in left):
            # "the Commission under the President, X": the words before the comma end another
            # phrase; only what follows it ("according to his wife, the exiled leader X") is X's
            last = max(j for j, t in enumerate(left) if t.text == ",")
            role_left = left[last + 1:]
        left_text = _joined(role_left)
        right_text = _joined(right)
        ev = ctx.evidence(sent, "rule:title-window")
        if any(t.lower_ in lexicon.VOICE_NOUNS for t in [*role_left, *right[:6]]):
            res.voices.add(key)
        if _rules(ctx, s, e):
            res.rulers.add(key)
        if _ACTIVIST_RE.search(left_text if not left_text.endswith(" of") else "") or _ACTIVIST_RE.search(" ".join(t.lower_ for t in right[:8])):
            res.activists.add(key)  # "teacher and trade unionist X", "X, a land rights campaigner"
        for role in _roles_in(left_text) if not left_text.endswith(" of") else []:
            if role == "president" and ("vice president" in left_text or "vice-president" in left_text or "presidential" in left_text):
                continue
            if role == "opposition figure" and _OPPONENT_OF_RE.search(left_text):
                continue  # "opponents of President X": X is the one opposed
            if role in _OFFICES and re.search(r"\b(?:former|ex|onetime|one-time)\b", left_text):
                continue  # "former MP X": no longer in office
            if role == "president" and re.search(r"\b(would-be|run for|candidate)\b|\b(?:under|of|to|by|addressed to) the (?:president|head of state)\b", left_text):
                continue
            if role == "human rights defender" and "rights" not in left_text:
                continue
            add_role(key, role, ev)
        if _president_by_leader(left):
            add_role(key, "president", ev)
        if right:
            ev_r = ctx.evidence(sent, "rule:apposition")
            rel_clause = right[0].lower_ in ("who", "whose")
            cased = " ".join(t.text for t in right)
            own_roles = _roles_in(_POST_OF_RE.sub(" ", right_text))
            for role in _roles_in(right_text, cased):
                if role == "political prisoner" and role not in own_roles:
                    continue  # "X, head of the Committee for Political Prisoners": the body's name
                if role in _OFFICES and re.search(r"\b(?:former|ex|onetime|one-time)\b", right_text):
                    continue  # "X, a former minister": no longer in office
                if role == "president" and not re.search(r"^(?:the |a )?(?:\w+ )?president\b|\bpresident (?:since|of)\b|\bdeposed president\b", right_text):
                    continue
                if role in ("official", "military leader", "lawyer", "cleric", "artist", "journalist") and rel_clause:
                    continue
                add_role(key, role, ev_r)
            if _JAILED_OVER_RE.search(right_text) and not _HEDGE_RE.search(right_text):
                add_role(key, "political prisoner", ev_r)  # "a pensioner jailed over a post that mocked the president"
            if _CAMP_RE.search(right_text) and next_person < sent.end:
                camp = " ".join(t.lower_ for t in ctx.doc[next_person:min(next_person + 4, sent.end)])
                if "opposition" in camp or "dissident" in camp:
                    add_role(key, "opposition figure", ev_r)  # "X, an adviser to opposition leader Y"
            if rel_clause and head_tok.dep_ == "conj" and ctx.person_at(head_tok.head) and any(
                    t.lower_ in ("were", "are", "have", "both") for t in right[1:4]):
                # "X and Y, who were arrested after saying they wanted to challenge Z": both
                other = ctx.person_at(head_tok.head)
                for role in _roles_in(right_text):
                    if role in ("opposition figure", "political prisoner", "human rights defender"):
                        add_role(other, role, ev_r)
            if rel_clause or right_text:
                # "X, the brother of jailed reporter Y": the state is Y's
                state_text = _TIE_OF_RE.split(right_text, maxsplit=1)[0]
                # "X, chairman of Support for Political Prisoners": the words name the body X heads
                state_text = _POST_OF_RE.sub(" ", state_text)
                if not _HEDGE_RE.search(state_text):
                    for rx, status in _STATE_CUES:
                        if rx.search(state_text):
                            res.statuses.append(StatusClaim(key, status, ev_r))
                            break
        # state adjectives in the title window: "exiled opposition leader X", "jailed activist X"
        freed_title = bool(left) and left[0].i > sent.start and ctx.doc[left[0].i - 1].lower_ in ("released", "freed") and bool(
            _PRISONER_TITLE.search(left_text))
        if freed_title:
            res.statuses.append(StatusClaim(key, "released", ev))  # "released political prisoner X"
        for rx, status in _STATE_CUES[:3] if not freed_title else ():
            m = rx.search(left_text)
            if m and (m.group(0) != "political prisoners" or left_text.endswith("political prisoners")) and "former" not in left_text:
                # "political prisoners X, Y and Z" names them; "the number of political prisoners X said" does not
                res.statuses.append(StatusClaim(key, status, ev))
                break
        # "the exiled opposition, led by X": X leads that group and shares its description
        head = ctx.doc[s]
        while head.dep_ in ("compound", "flat") and head.head.i != head.i:
            head = head.head
        if head.dep_ == "pobj" and head.head.lower_ == "by" and head.head.head.lemma_ == "lead":
            group = head.head.head.head
            desc = " ".join(t.lower_ for t in group.subtree if t.i <= group.i)
            ev_g = ctx.evidence(sent, "rule:led-by")
            for role in _roles_in(desc):
                if role in ("opposition figure", "human rights defender"):
                    add_role(key, role, ev_g)
            if re.search(r"\b(exiled|in exile)\b", desc):
                res.statuses.append(StatusClaim(key, "exiled", ev_g))
        # organisations in the title window: "Libertas founder X", "Carcel Watch veteran X"
        _org_relations(ctx, key, left, right, sent, res, rights_orgs, add_role)
        # "her husband, X" / "his wife, X"
        for j, t in enumerate(left):
            if t.lower_ in lexicon.SPOUSE_NOUNS:
                owner = None
                for o in left[:j]:
                    if o.lower_ in ("her", "his"):
                        owner = ctx.pronoun_person(o)
                    k = ctx.person_at(o)
                    if k:
                        owner = k
                if owner is None and j > 0 and left[j - 1].tag_ == "POS":
                    owner = ctx.person_at(left[j - 2]) if j >= 2 else None
                if owner and owner != key:
                    res.relations.append(Relation(key, "spouse_of", owner, ctx.evidence(sent, "rule:kinship")))
        # "X is one of Y's closest allies"
        for t in ctx.doc[e:min(e + 4, sent.end)]:
            if t.lower_ in ("ally", "allies") and t.i > e:
                subj = [c for c in sent.root.children if c.dep_ == "nsubj"]
                if subj:
                    sk = ctx.person_at(subj[0])
                    if sk and sk != key:
                        res.relations.append(Relation(sk, "ally_of", key, ctx.evidence(sent, "rule:ally")))
                break
    # a group told before a colon, its members after: "Two of his colleagues at the human
    # rights centre were sentenced with him: A received nine years and B seven."
    for sent in ctx.sents:
        colon = next((t for t in sent if t.text == ":"), None)
        if colon is None:
            continue
        group = [t for t in sent if t.i < colon.i and t.lower_ in _GROUP_NOUNS and not (
            # "rights activists learned that 17 prisoners were released: A, B": who tells it
            t.dep_ == "nsubj" and (t.head.lemma_.lower() in lexicon.REPORT_VERBS or t.head.lemma_.lower() in _KNOWING_VERBS))]
        if not group:
            continue
        desc = " ".join(t.lower_ for t in group[0].subtree if t.i < colon.i)
        roles = [r for r in _roles_in(desc) if r in ("opposition figure", "human rights defender", "journalist")]
        if "rights" not in desc:
            roles = [r for r in roles if r != "human rights defender"]
        members = [k for s0, _e, k in spans if k.startswith("p") and colon.i < s0 < sent.end]
        for k in dict.fromkeys(members):
            for role in roles:
                add_role(k, role, ctx.evidence(sent, "rule:group-colon"))

    # list lines of sentences handed down: "- Name, reporter: 9 years"
    for sent in ctx.sents:
        m = re.search(r":\s*(?:(?:\d+|[a-z]+(?:-[a-z]+)?) (?:years?|months?)(?: and (?:\d+|[a-z]+) months?)?|life(?: imprisonment| in prison)?)\s*\.?\s*$", ctx.text_of(sent), re.I)
        if not m:
            continue
        keys = [k for s0, _e, k in ctx.mentions.spans if k.startswith("p") and sent.start <= s0 < sent.end]
        if len(keys) == 1 and ctx.text_of(sent).strip().lstrip("-*• ").startswith(ctx.mentions.name(keys[0]).split()[0]):
            res.statuses.append(StatusClaim(keys[0], "jailed", ctx.evidence(sent, "rule:sentence-list")))

    # predicate states: "X was jailed", "X remains in custody", "X fled", "X died in prison";
    # also for a group subject that spells out its members ("Other jailed critics,
    # including X and Y, remain in prison") and for relative clauses ("X, who is serving 11 years")
    from kg.extract.events import _expand, _members

    for sent in ctx.sents:
        for tok in sent:
            keys: list[str] = []
            if tok.dep_ in ("nsubj", "nsubjpass"):
                verb = tok.head
                subject = tok
                if verb.dep_ in ("aux", "auxpass") and verb.head.pos_ == "VERB":
                    verb = verb.head  # "X, ..., remain detained": the parser hung the subject on the auxiliary
                # "..., as does Z": Z shares the main clause's predicate
                if verb.dep_ == "advcl" and verb.lemma_ in ("do", "be", "have") and any(c.lower_ == "as" for c in verb.children):
                    verb = verb.head
            elif tok.dep_ == "relcl" and tok.head.pos_ in ("PROPN", "NOUN"):
                verb = tok
                subject = tok.head
                # "X, one of the leaders of the protests, who is serving ...": climb to X
                hops = 0
                while not ctx.person_at(subject) and hops < 7 and subject.dep_ in ("pobj", "prep", "appos", "attr"):
                    subject = subject.head
                    hops += 1
                if not ctx.person_at(subject):
                    subject = tok.head
            elif tok.pos_ in ("VERB", "AUX") and tok.dep_ in ("conj", "ROOT") and not any(
                    c.dep_ in ("nsubj", "nsubjpass", "expl") for c in tok.children):
                # a verb the parser left without a subject: the people named just before it
                verb = subject = tok
                j = tok.i - 1
                while j >= sent.start and ctx.doc[j].pos_ not in ("VERB", "AUX") or (j >= sent.start and ctx.doc[j].dep_ in ("acl", "relcl", "appos")):
                    k = ctx.person_at(ctx.doc[j])
                    if k and k not in keys and ctx.doc[j].dep_ not in ("pobj",):
                        keys.insert(0, k)
                    j -= 1
                if not keys:
                    continue
            else:
                continue
            if subject.i != verb.i or not keys:
                for t in _expand(subject):
                    k = ctx.person_at(t) or (ctx.pronoun_person(t) if t.pos_ == "PRON" and t.lower_ in _PERSONAL else None)
                    if k and k not in keys:
                        keys.append(k)
            group_roles: list[str] = []
            if not keys and (subject.pos_ == "NOUN" or subject.pos_ in ("ADJ", "NUM", "PRON", "DET") and any(
                    c.lower_ == "including" for c in subject.children)):
                keys = _members(ctx, subject)  # "Many of its leaders, including X, are detained"
                desc = " ".join(t.lower_ for t in subject.subtree if t.i <= subject.i)
                group_roles = [r for r in _roles_in(desc) if r in ("opposition figure", "political prisoner", "journalist", "human rights defender")]
                if re.search(r"\b(jailed|imprisoned|detained)\b", desc):
                    for k in keys:
                        res.statuses.append(StatusClaim(k, "jailed", ctx.evidence(sent, "rule:group-state")))
                if re.search(r"\bprisoners?\b", desc) and "political" in desc:
                    group_roles.append("political prisoner")
            if not keys:
                continue
            for k in keys:
                for role in group_roles:
                    add_role(k, role, ctx.evidence(sent, "rule:group-state"))
            pred = _predicate(verb)
            for c in verb.children:  # "... and is serving 14 years", "driven back and returned to prison"
                if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and not any(x.dep_ in ("nsubj", "nsubjpass") for x in c.children):
                    pred = pred + _predicate(c)
            pred_text = " ".join(t.lower_ for t in pred)
            m = re.search(r"\b(not )?among(?:st)? (?:the |those |a )?(?:[\w,]+ ){0,3}?(pardoned|freed|released|expelled|deported|exiled"
                          r"|arrested|detained|jailed|imprisoned|held|sentenced)\b", pred_text)
            if m:
                status = "jailed" if m.group(1) else {"pardoned": "pardoned", "freed": "released", "released": "released"}.get(
                    m.group(2), "exiled" if m.group(2) in ("expelled", "deported", "exiled") else "jailed")
                for k in keys:
                    res.statuses.append(StatusClaim(k, status, ctx.evidence(sent, "rule:among-group")))
                continue
            if _HEDGE_RE.search(pred_text) and "not among" not in pred_text:
                continue
            if tok.dep_ == "nsubj" and verb.lemma_.lower() not in ("serve", "spend", "remain", "be", "stay", "complete", "finish") \
                    and any(c.dep_ in ("dobj", "dative") for c in verb.children):
                continue  # "judge X sentenced him to three years in prison", "X granted release to a political
                # prisoner": the state is the object's, not the subject's
            past = verb.tag_ in ("VBD",) or any(c.lower_ in ("was", "were", "had") for c in verb.children)
            method = "rule:predicate-state-past" if past and not re.search(r"\b(since|still)\b", pred_text) else "rule:predicate-state"
            if _ON_BAIL.search(pred_text):
                for k in keys:  # "she remains free on bail pending appeal": out of custody, no act to tell
                    res.statuses.append(StatusClaim(k, "released", ctx.evidence(sent, method)))
                continue
            for rx, status in _STATE_CUES:
                if status in ("released", "pardoned"):
                    continue  # handled by events, which know about negation and agents
                if rx.search(pred_text):
                    for k in keys:
                        res.statuses.append(StatusClaim(k, status, ctx.evidence(sent, method)))
                    break
            if re.search(r"\b(opposition|critic|dissident|challenger)\b", pred_text) and verb.lemma_ == "be":
                for k in keys:
                    add_role(k, "opposition figure", ctx.evidence(sent, "rule:predicate-role"))
    return res


_PRED_DEPS = {"aux", "auxpass", "neg", "advmod", "prt", "acomp", "prep", "attr", "xcomp", "oprd", "npadvmod"}


def _rules(ctx: Context, start: int, end: int) -> bool:
    """"X's regime", "the government of X", "in the hands of X", "X has ruled since 1994",
    "ruled by X": the person holds power."""
    tok = ctx.doc[end - 1]
    while tok.dep_ == "conj" and tok.head.i != tok.i and tok.head.pos_ == "PROPN":
        tok = tok.head  # "the regime of X and Y": both rule
    if tok.dep_ in ("poss", "compound") and tok.head.lemma_.lower() in lexicon.RULER_NOUNS:
        return True  # "X's regime", "the X regime"
    after = " ".join(t.lower_ for t in ctx.doc[end:min(end + 3, tok.sent.end)])
    if re.match(r"(?:firmly |still )?in power\b", after) and not re.search(r"\b(?:returned|return|bring|brought)\b", tok.sent.text):
        return True  # "kept X in power", "X, in power since 1994"
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_.lower() in lexicon.RULER_NOUNS:
        return tok.head.head.lemma_.lower() != "hand" or any(
            w.lemma_.lower() in ("power", "concentration") for w in tok.sent)  # "power in the hands of X"
    if tok.dep_ == "nsubj" and tok.head.lemma_.lower() in lexicon.RULE_VERBS and tok.head.pos_ == "VERB":
        return True
    if tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.head.lemma_.lower() in lexicon.RULE_VERBS:
        return True
    return False


def _predicate(verb: "Token") -> list["Token"]:
    """The verb with its auxiliaries, particles and short attached phrases — not its
    objects or clauses, which speak of other people."""
    toks = [verb]
    for c in verb.children:
        if c.dep_ not in _PRED_DEPS:
            continue
        if c.dep_ == "xcomp" and c.pos_ == "VERB" and c.tag_ != "VBN" and c.lemma_.lower() not in _STATE_VERBS:
            continue  # "agreed to free five jailed men", "proposed discussing political prisoners": other people
        if c.dep_ in ("prep", "xcomp", "attr", "acomp"):
            if c.dep_ == "prep" and c.lower_ in _TOPIC_PREPS:
                continue  # "is concerned about political prisoners": a topic, not a state
            topic = {x.i for p in c.subtree if p.dep_ == "prep" and p.lower_ in _TOPIC_PREPS and p is not c for x in p.subtree}
            sub = [t for t in c.subtree if t.i not in topic][:7]
            toks.extend(sub)
        else:
            toks.append(c)
    return sorted(toks, key=lambda t: t.i)


#: Prepositions whose object is what a predicate is about, not where its subject is.
_TOPIC_PREPS = {"about", "regarding", "concerning", "over", "for", "against", "with"}
#: Verbs whose complement says the subject's own state: "remained jailed", "continues to serve".
_STATE_VERBS = {"be", "remain", "stay", "serve", "spend", "sit", "languish", "continue", "appear", "seem", "end", "go", "return", "get"}


_OF_THOSE_FREED = re.compile(r"^\W*(?:of|among(?:st)?) (?:those|the (?:people|prisoners|detainees|inmates|\w+ prisoners)) "
                            r"(released|freed|set free|pardoned|amnestied)\b", re.I)
_PARDON_NEAR = re.compile(r"\b(?:pardon(?:ed|s)?|amnest(?:y|ied)|clemency)\b")


def _of_those_freed(ctx: Context) -> list[StatusClaim]:
    """"Of those released, only two were political prisoners: A and B": the names the
    sentence lists after its colon are of the freed (pardoned, when a pardon is told in
    the sentences before)."""
    out: list[StatusClaim] = []
    for i, sent in enumerate(ctx.sents):
        m = _OF_THOSE_FREED.match(ctx.text_of(sent))
        colon = next((t.i for t in sent if t.text == ":"), None) if m else None
        if m is None or colon is None:
            continue
        status = "pardoned" if m.group(1).lower() in ("pardoned", "amnestied") else "released"
        if status == "released" and any(_PARDON_NEAR.search(ctx.text_of(s)) for s in ctx.sents[max(0, i - 3):i + 1]):
            status = "pardoned"  # "pardoned 801 people ... Of those released, ...": freed by the pardon
        ev = ctx.evidence(sent, "rule:among-group")
        for s0, _e0, key in ctx.mentions.spans:
            if key.startswith("p") and colon < s0 < sent.end:
                out.append(StatusClaim(key, status, ev))
    return out


def group_membership(ctx: Context) -> RoleResult:
    """"1,400 political prisoners, including X": X is a political prisoner, held —
    unless an event verb governs the group (then the event decides the status)."""
    res = RoleResult()
    res.statuses.extend(_of_those_freed(ctx))
    # "several of the freed, including A and B" (however the parser hung "including")
    for inc in ctx.doc:
        if inc.lower_ != "including" or inc.i < 3 or ctx.doc[inc.i - 1].text != "," \
                or ctx.doc[inc.i - 2].lower_ not in _STATE_NOMINALS or ctx.doc[inc.i - 3].lower_ != "the":
            continue
        status = _STATE_NOMINALS[ctx.doc[inc.i - 2].lower_]
        ev = ctx.evidence(inc.sent, "rule:group-held")
        for s0, _e0, key in ctx.mentions.spans:
            if key.startswith("p") and inc.i < s0 < inc.sent.end:
                res.statuses.append(StatusClaim(key, status, ev))
    for s, _e, key in ctx.mentions.spans:
        if not key.startswith("p"):
            continue
        tok = ctx.doc[s]
        while tok.dep_ in ("compound", "flat") and tok.head.i != tok.i:
            tok = tok.head
        path = []
        a = tok
        copular = _copular_group(ctx, tok)
        if copular is not None:
            status, role, ev = copular
            res.statuses.append(StatusClaim(key, status, ev))
            if role:
                res.roles.append(RoleClaim(key, role, ev))
            continue
        for _ in range(6):
            if a.head.i == a.i:
                break
            path.append(a)
            a = a.head
            if a.pos_ == "NOUN" and any(p.lower_ in ("including", "among", "amongst") or p.dep_ == "appos" for p in [*path, a.head]) and any(
                    (c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in lexicon.HELD_PARTICIPLES
                     or c.dep_ == "amod" and c.lemma_.lower() in lexicon.HELD_PARTICIPLES) and not is_negated(c)
                    for c in a.children) or a.pos_ == "NOUN" and path and path[-1].lower_ == "including" and _reduced_held(a):
                # "opposition politicians held incommunicado, including X": the group's state is X's
                res.statuses.append(StatusClaim(key, "jailed", ctx.evidence(tok.sent, "rule:group-held")))
                break
            if a.lemma_.lower() in ("prisoner", "detainee", "inmate") and a.pos_ == "NOUN":
                if not any(p.lower_ in ("including", "among", "amongst", "as") or p.dep_ == "appos" for p in [*path, a.head]) and not any(
                        p.lower_ in ("including",) for p in a.subtree):
                    break
                ev = ctx.evidence(tok.sent, "rule:group-member")
                mods = " ".join(t.lower_ for t in a.subtree if t.i < a.i)
                if "political" in mods or "political" in ctx.text_of(a.sent).lower():
                    res.roles.append(RoleClaim(key, "political prisoner", ev))
                governed = a.head.pos_ == "VERB" and a.head.lemma_.lower() in lexicon.EVENT_VERBS
                if not governed and a.dep_ != "pobj":
                    res.statuses.append(StatusClaim(key, "jailed", ev))
                elif not governed and a.head.lower_ in ("of", "among"):
                    res.statuses.append(StatusClaim(key, "jailed", ev))
                break
            if a.lower_ in _STATE_NOMINALS and a.dep_ in ("pobj", "nsubj", "nsubjpass", "dobj", "attr") \
                    and any(c.lower_ == "the" for c in a.children) and any(p.lower_ == "including" for p in path):
                # "several of the freed, including X", "the detained, including X"
                res.statuses.append(StatusClaim(key, _STATE_NOMINALS[a.lower_], ctx.evidence(tok.sent, "rule:group-held")))
                break
            if a.pos_ == "VERB" and a.dep_ == "acl" and a.lemma_.lower() in lexicon.HELD_PARTICIPLES and a.head.pos_ == "NOUN" \
                    and any(p.lower_ == "including" for p in path) and not is_negated(a):
                # "dissidents held in remote prisons, including X" (the list hung on the place)
                res.statuses.append(StatusClaim(key, "jailed", ctx.evidence(tok.sent, "rule:group-held")))
                break
            if a.pos_ in ("VERB", "AUX") and a.lower_ not in ("including",):
                break
    return res


def _reduced_held(noun: "Token") -> bool:
    """"politicians held incommunicado in prisons ...": a participle the parser took for
    the group's own verb (no auxiliary), told with a place of custody."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_.lower() not in lexicon.HELD_PARTICIPLES or any(
            c.dep_ in ("aux", "auxpass") for c in verb.children):
        return False
    told = " ".join(t.lower_ for t in verb.subtree if t.i > verb.i)
    return "incommunicado" in told or any(w in told for w in lexicon.CUSTODY_WORDS)


#: Pronouns that stand for one person ("those", "they", "who" stand for others or many).
_PERSONAL = {"he", "she", "him", "her", "i", "me"}
#: Words for a group told by its state: "several of the freed, including X".
_STATE_NOMINALS = {"freed": "released", "released": "released", "pardoned": "pardoned", "detained": "jailed",
                   "arrested": "jailed", "jailed": "jailed", "imprisoned": "jailed", "convicted": "jailed", "expelled": "exiled"}
_COPULAR_GROUPS = {"prisoner": "jailed", "detainee": "jailed", "inmate": "jailed", "hostage": "jailed"}


def _group_status(noun: "Token") -> str | None:
    """The state a group phrase gives its members: "political prisoners", "the arrests",
    "those freed", "the released citizens"."""
    from kg.extract.events import STATUS_OF_EVENT

    lemma = noun.lemma_.lower()
    if noun.pos_ == "NOUN" and lemma in _COPULAR_GROUPS:
        return _COPULAR_GROUPS[lemma]
    if noun.pos_ == "NOUN" and noun.tag_ == "NNS" and lexicon.EVENT_NOUNS.get(lemma) in ("arrest", "release", "pardon", "exile", "sentencing"):
        return STATUS_OF_EVENT[lexicon.EVENT_NOUNS[lemma]]  # "the arrests were A and B"
    participles = [c for c in noun.children if c.dep_ in ("acl", "amod") and (c.tag_ == "VBN" or c.lower_.endswith("ed"))]
    if noun.tag_ == "VBN" or (noun.lower_.endswith("ed") and any(c.lower_ in ("those", "the") for c in noun.children)):
        participles.insert(0, noun)  # "those freed" tagged as the head itself
    for part in participles:
        word = part.lemma_.lower() if part.tag_ == "VBN" and part.lemma_.lower() != part.lower_ else part.lower_[:-2]
        status = STATUS_OF_EVENT.get(lexicon.EVENT_VERBS.get(word, "") or lexicon.EVENT_VERBS.get(word + "e", ""))
        if status in ("jailed", "released", "pardoned", "exiled"):
            return status
    return None


def _copular_group(ctx: Context, tok: "Token") -> "tuple[str, str | None, Evidence] | None":
    """"The two other political prisoners are A and B", "Those freed were A and B",
    "Those released include A", "among those freed is A": a name after a copula (or
    "include") whose subject is a group of held, freed or exiled people."""
    a = tok
    for _ in range(6):
        if a.dep_ in ("conj", "appos", "compound", "flat") and a.head.i != a.i:
            a = a.head
        elif a.dep_ == "oprd" and a.head.lemma_.lower() in ("name", "call") and a.head.dep_ == "acl":
            a = a.head.head  # "a man named X"
        elif a.dep_ == "pobj" and a.head.lower_ == "of" and a.head.head.dep_ in ("attr", "dobj") and not ctx.person_at(a):
            a = a.head.head  # "the founder of the group, X"
        else:
            break
    verb = a.head
    if not (a.dep_ == "attr" and verb.lemma_ == "be" or a.dep_ == "dobj" and verb.lemma_ == "include") or is_negated(verb):
        return None
    group = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    among = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ == "among"), None)
    if among is not None:
        group = next((c for c in among.children if c.dep_ == "pobj"), group)  # "among those freed is X"
    if group is not None and group.lower_ in ("one", "another", "two", "three", "some", "several", "many", "most"):
        of = next((c for c in group.children if c.dep_ == "prep" and c.lower_ == "of"), None)  # "one of those released is X"
        group = next((c for c in of.children if c.dep_ == "pobj"), group) if of is not None else group
    if group is None or ctx.person_at(group):
        return None
    status = _group_status(group)
    if status is None:
        return None
    desc = " ".join(t.lower_ for t in group.subtree if t.i <= group.i)
    role = "political prisoner" if status == "jailed" and "political" in desc and group.lemma_.lower() in _COPULAR_GROUPS else None
    return status, role, ctx.evidence(tok.sent, "rule:copular-group")


def _org_relations(ctx: Context, key: str, left: list["Token"], right: list["Token"], sent: "Span",
                   res: RoleResult, rights_orgs: set[str], add_role) -> None:  # type: ignore[no-untyped-def]
    for window in (left, right):
        for j, t in enumerate(window):
            rel = lexicon.MEMBER_NOUNS.get(t.lower_)
            if not rel:
                continue
            org = None
            # "Libertas founder": an organisation just before the noun
            for o in reversed(window[:j]):
                k = ctx.entity_at(o)
                if k and k.startswith("o"):
                    org = k
                    break
                if o.lower_ == "its":
                    org = ctx.last_org_before(o.i)
                    break
            # "founder of Libertas"
            if org is None:
                for o in window[j + 1:j + 5]:
                    k = ctx.entity_at(o)
                    if k and k.startswith("o"):
                        org = k
                        break
            if org:
                res.relations.append(Relation(key, rel, org, ctx.evidence(sent, "rule:org-title")))
                if org in rights_orgs:
                    add_role(key, "human rights defender", ctx.evidence(sent, "rule:rights-org-member"))



def rights_organisations(ctx: Context) -> set[str]:
    """Organisations the article presents as rights groups or monitors."""
    out: set[str] = set()
    for s, e, k in ctx.mentions.spans:
        if not k.startswith("o"):
            continue
        name = ctx.mentions.name(k).lower()
        before = ctx.doc[max(s - 5, 0):s].text.lower()
        after = ctx.doc[e:e + 8].text.lower()
        sent = ctx.doc[s].sent
        i = ctx.sents.index(sent) if sent in ctx.sents else -1
        near = " ".join(x.text for x in ctx.sents[max(i - 1, 0):i + 2]).lower() if i >= 0 else ""
        if any(c in name for c in lexicon.RIGHTS_ORG_CUES) or re.search(r"\brights\b|\bmonitor", before) or re.search(
                r"^\W*(a |the )?(\w+ )?(human )?rights (group|organi[sz]ation)|^\W*, a group that monitors", after) or re.search(
                r"\bhuman rights (centre|center|group|organi[sz]ation|defenders?)\b", near):
            out.add(k)
    return out
