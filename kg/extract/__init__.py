"""Doc -> Extraction: the rules that turn one parsed article into typed records.

``extract(article, nlp)`` runs the steps in order: mentions (who is named), events
(what happened, to whom, when, how many), roles and relations (from titles and
appositions), reported counts; then folds statuses into one final word per person
and article.  Needs spaCy only; the records know nothing of RDF.
"""
from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any, Iterator, Sequence

from kg.records import Article, Entity, Event, Evidence, Extraction, RoleClaim, StatusClaim

if TYPE_CHECKING:
    from spacy.language import Language

#: Bump when rules change, so cached extractions in a store are redone.
EXTRACTOR_VERSION = "0.48.0"


_BREAK, _END, _INSIDE = 0, 1, 2
_LINE_KINDS: dict[int, int] = {}
#: Tokens after which a sentence may start inside a line.
_FINAL = frozenset((".", "!", "?", "…", "”", "\"", "’", "'", ")", ";"))


def _line_kind(strings: Any, orth: int) -> int:
    """A line break (the next token starts a sentence), final punctuation (it may), or
    anything else (it does not), for a token's text; memoised by its hash."""
    kind = _LINE_KINDS.get(orth)
    if kind is None:
        text = strings[orth]
        kind = _LINE_KINDS[orth] = (_BREAK if "\n" in text or text == "**"
                                    else _END if text in _FINAL or text.endswith(".") else _INSIDE)
    return kind


#: Verbs of a source's report closing a sentence ("..., the state news agency reported").
_REPORTING = {"report", "say", "announce", "write", "state", "tell", "confirm", "add"}


def _reattach_reported_object(tok) -> None:  # type: ignore[no-untyped-def]
    """"Authorities pardoned X, the state news agency reported": the parser makes X the
    subject of "reported" (with the agency as its apposition) and leaves "pardoned" with
    no object.  X is the object of the first verb, the agency the one who reports."""
    verb = tok.head
    if not (verb.lemma_.lower() in _REPORTING and verb.dep_ in ("ccomp", "parataxis") and verb.i > tok.i):
        return
    act = verb.head
    if not (act.pos_ == "VERB" and act.i < tok.i and not any(c.dep_ in ("dobj", "obj") for c in act.children)):
        return
    source = next((c for c in tok.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN") and tok.i < c.i < verb.i), None)
    if source is None or tok.doc[tok.i + 1].text != ",":
        return
    tok.head, tok.dep_ = act, "dobj"
    source.head, source.dep_ = verb, "nsubj"


def prepare(nlp: "Language") -> "Language":
    """Add the line-break sentence splitter: news text puts one sentence or heading per
    line, and the parser alone runs a dateline into the next paragraph."""
    from spacy.language import Language

    if "kg_line_sentences" not in Language.factories:
        @Language.component("kg_line_sentences")
        def _line_sentences(doc):  # type: ignore[no-untyped-def]
            # Read and written as arrays: a Token per word (and a setter call per word)
            # cost as much as the tagger.  A token after a line break (or "**") starts
            # a sentence; inside a line a sentence starts only after final punctuation,
            # so "Freed between July and December: 207." stays one sentence.
            import numpy
            from spacy.attrs import IS_SPACE, ORTH, SENT_START

            if len(doc) < 2:
                return doc
            arr = doc.to_array([ORTH, IS_SPACE, SENT_START])
            orths, spaces, starts = arr[:, 0].tolist(), arr[:, 1].tolist(), arr[:, 2].astype("int64").tolist()
            kinds = [_line_kind(doc.vocab.strings, o) for o in orths]
            for i in range(1, len(orths)):
                kind = kinds[i - 1]
                if kind == _BREAK:
                    starts[i] = 1
                elif spaces[i]:
                    continue
                elif kind == _INSIDE:
                    starts[i] = -1
            arr[:, 2] = numpy.array(starts, dtype="int64").astype(arr.dtype)
            doc.from_array([SENT_START], arr[:, 2:3])
            return doc

    if "kg_appos_repair" not in Language.factories:
        @Language.component("kg_appos_repair")
        def _appos_repair(doc):  # type: ignore[no-untyped-def]
            # "A critic of President Y, X, was jailed": the parser hangs the name X on Y;
            # it names the critic.  Reattach it (to an ancestor, so the tree stays a tree).
            for tok in doc:
                head = tok.head
                if (tok.dep_ == "appos" and tok.ent_type_ == "PERSON" and head.dep_ == "pobj" and head.head.lower_ == "of"
                        and head.head.head.pos_ == "NOUN" and head.ent_type_ in ("PERSON", "GPE", "ORG")
                        and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ","):
                    tok.head = head.head.head
                elif tok.dep_ == "nsubj" and tok.ent_type_ == "PERSON":
                    _reattach_reported_object(tok)
            return doc

    from kg.extract.speedups import index_attribute_ruler, memoise_lemmas

    index_attribute_ruler(nlp)  # the same annotations, matched faster
    memoise_lemmas(nlp)
    if "kg_appos_repair" not in nlp.pipe_names and "ner" in nlp.pipe_names:
        nlp.add_pipe("kg_appos_repair", after="ner")
    if "kg_line_sentences" not in nlp.pipe_names:
        before = "parser" if "parser" in nlp.pipe_names else None
        nlp.add_pipe("kg_line_sentences", before=before) if before else nlp.add_pipe("kg_line_sentences")
    return nlp


#: A dateline closed by a bullet or bar ("HONG KONG • Seven activists ..."): the parser
#: reads the mark as a word of the sentence, so it is parsed as the dash it stands for.
_BULLET_DATELINE = re.compile(r"^([A-Z][A-Z.'\- ]{1,40}[A-Z.]) [\u2022\u00b7|] ", re.MULTILINE)


#: A wire dateline whose dash is glued to the story's first word ("CAIRO (Reuters) -Egypt's
#: president ..."): the tokenizer reads "-Egypt" as one word and the parse of the whole
#: sentence fails, so the parser sees a line break there instead.
_GLUED_DATELINE = re.compile(r"^([A-Z][A-Za-z.,' ]{1,40}\([A-Z][\w .&/-]{0,24}\) ?)[-\u2013\u2014](?=[A-Z])", re.MULTILINE)


def parse_text(text: str) -> str:
    """The text as the parser sees it: the same length (offsets hold), dateline marks as
    dashes, a leading "date 2024-12-28" line on a line of its own."""
    from kg.read import DATE_LINE

    m = DATE_LINE.match(text)
    if m is not None and text[m.end():m.end() + 1] in (" ", "\t"):
        text = text[:m.end()] + "\n" + text[m.end() + 1:]
    text = _GLUED_DATELINE.sub(lambda m: m.group(1) + "\n", text)
    return _BULLET_DATELINE.sub(lambda m: m.group(1) + " \u2014 ", text)


def extract(article: Article, nlp: "Language") -> Extraction:
    nlp = prepare(nlp)
    return extract_doc(article, nlp(parse_text(article.text)), _model_name(nlp))


def extract_all(articles: Sequence[Article], nlp: "Language", batch_size: int = 8) -> Iterator[Extraction]:
    """Extract many articles, yielding in input order (so callers can show progress)."""
    nlp = prepare(nlp)
    texts = (parse_text(a.text) for a in articles)
    model = _model_name(nlp)  # nlp.meta is rebuilt on every read
    for article, doc in zip(articles, nlp.pipe(texts, batch_size=batch_size)):
        yield extract_doc(article, doc, model)


def _model_name(nlp: "Language") -> str:
    return f"{nlp.meta.get('lang', 'xx')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def extract_doc(article: Article, doc, model: str = "") -> Extraction:  # type: ignore[no-untyped-def]
    from kg.extract.context import Context
    from kg.extract.counts import extract_counts
    from kg.extract.events import extract_events
    from kg.extract.mentions import find_mentions, group_mentions
    from kg.extract.roles import extract_roles, group_membership, rights_organisations

    from kg.extract.clutter import clutter_spans

    text = doc.text  # Doc.text joins every token on each call: read it once
    clutter = clutter_spans(text)
    found = [m for m in find_mentions(doc) if not any(a <= doc[m.start].idx < b for a, b in clutter)]
    index = group_mentions(doc, found)
    ctx = Context(article=article, doc=doc, mentions=index, clutter=clutter, text=text)
    ev = extract_events(ctx)
    rights_orgs = rights_organisations(ctx)
    rr = extract_roles(ctx, rights_orgs)
    gm = group_membership(ctx)
    rr.roles.extend(gm.roles)
    rr.statuses = gm.statuses + rr.statuses
    counts, count_orgs = extract_counts(ctx)

    entities = tuple(
        Entity(key, kind, name, tuple(aliases), ctx.evidence(doc[_first_token(index, key)].sent, "ner+rules"))  # type: ignore[arg-type]
        for key, kind, name, aliases, _first in index.entities
    ) + tuple(count_orgs)
    roles = list(rr.roles)
    seen = {(r.entity, r.role) for r in roles}
    for person, role, evidence in ev.group_roles:
        if (person, role) not in seen:
            seen.add((person, role))
            roles.append(RoleClaim(person, role, evidence))
    from kg.extract.cues import opening_cues, role_cues, sentenced_abroad

    roles += role_cues(ctx, seen, rights_orgs)
    told = [*ev.statuses, *rr.statuses]
    told += opening_cues(ctx, told)
    statuses = _final_statuses([*told, *_freed_by_pardon(told, ev.events), *sentenced_abroad(ctx, told, ev.events)], article)
    spokes = {r.subject: r.evidence for r in reversed(rr.relations) if r.predicate in _ORG_TIES and r.object.startswith("o")}
    for key in rr.voices:
        spokes.setdefault(key, next((r.evidence for r in roles if r.entity == key), ctx.evidence(doc[_first_token(index, key)].sent, "rule:voice")))
    # a serving head of state or official is not held by a claim a pronoun alone gave them
    # ("... where she is serving pre-trial detention" read back to the prime minister)
    offices = {r.entity for r in roles if r.role in _OFFICE_ROLES}
    offices -= {s.person for s in statuses if s.person in offices and _named_in(ctx, s)}
    statuses = [s for s in statuses if s.person not in offices]
    statuses += office_holders_free(statuses, roles, article, speakers(ctx), ev.events, spokes)
    held = {s.person for s in statuses}
    for key in sorted(rr.rulers - held):  # "X's regime", "X has ruled since 1994": in power, so free
        statuses.append(StatusClaim(key, "free", ctx.evidence(doc[_first_token(index, key)].sent, "rule:ruler"), article.published, None))
    # people no rule above gave a status: the custody cue of the first sentence naming them
    from kg.extract.cues import cue_statuses, free_statuses

    statuses += _final_statuses(cue_statuses(ctx, {s.person for s in statuses}), article)
    # then people who speak or hold an office or family title, with no custody cue at all
    statuses += _final_statuses(free_statuses(ctx, {s.person for s in statuses}, speakers(ctx)), article)
    roles += political_prisoners(ctx, statuses, seen, rr.activists)
    return Extraction(
        article=article,
        entities=entities,
        roles=tuple(roles),
        relations=tuple(dict.fromkeys(rr.relations)),
        events=tuple(ev.events),
        statuses=tuple(statuses),
        counts=tuple(counts),
        model=model,
        extractor_version=EXTRACTOR_VERSION,
    )


#: How near an undated release must be told to a pardon to be its freeing (a digest
#: of the week's news tells unrelated items further apart).
_SAME_STORY_CHARS = 1200


def _freed_by_pardon(claims: list[StatusClaim], events: Sequence[Event]) -> list[StatusClaim]:
    """A release the article also tells as a pardon is a pardon for those released
    (the judgement rules: people named among those freed, when the page calls the
    freeing a pardon, are ``pardoned``): a ``released`` claim from a release event
    gets a ``pardoned`` twin when the article has a pardon event of the same time
    (the same date, as far as both are known), or, with one of them undated, one told close by."""
    pardons = [e for e in events if e.type == "pardon"]
    if not pardons:
        return []
    by_key = {e.key: e for e in events}
    out = []
    for c in claims:
        rel = by_key.get(c.event) if c.event else None
        if c.status != "released" or rel is None or rel.type != "release":
            continue
        if any((p.date and rel.date and p.date[:min(len(p.date), len(rel.date))] == rel.date[:min(len(p.date), len(rel.date))]) or (
                (p.date is None or rel.date is None) and abs(p.evidence.start - rel.evidence.start) <= _SAME_STORY_CHARS)
               for p in pardons):
            out.append(dataclasses.replace(c, status="pardoned",
                                           evidence=dataclasses.replace(c.evidence, method="rule:release-by-pardon")))
    return out


#: A story about political prisoners: its held people are political prisoners unless the
#: text gives them an ordinary crime (the judgement rules).
_POLITICAL_STORY = re.compile(r"\bpolitical prisoners?\b|\bprisoners? of conscience\b|\bpolitically motivated\b|"
                              r"\bfor political reasons\b|\bpolitical detainees?\b", re.I)
_POLITICAL_ACT = re.compile(r"\b(?:protest\w*|rall(?:y|ies)|demonstrations?|dissent|criticis\w+|criticiz\w+|anti-government"
                            r"|insult\w* (?:the )?(?:president|leader|head of state)|extremis[mt]\w*|sedition|subversion"
                            r"|anti-state propaganda|open letter)\b", re.I)
_ORDINARY_CRIME = re.compile(r"\b(?:murder\w*|killing|killed|drugs?|narcotics?|smuggl\w*|espionage|spy|spying|assassin\w*|"
                             r"rap(?:e|ist)|robbery|fraud|embezzl\w*|brib\w*)\b", re.I)


def political_prisoners(ctx, statuses: list[StatusClaim], seen: set[tuple[str, str]],  # type: ignore[no-untyped-def]
                        activists: "set[str] | frozenset[str]" = frozenset()) -> list[RoleClaim]:
    """Who is a political prisoner (the corpus rule: detained over political activity,
    reporting or activism): an opposition figure, rights defender, journalist or
    activist held, freed from prison or dead in custody; and, in a story about political
    prisoners, anyone it tells as held or freed from custody, unless a sentence naming
    them gives an ordinary crime (murder, drugs, spying, ...)."""
    out: list[RoleClaim] = []
    story = bool(_POLITICAL_STORY.search(ctx.text))
    offices = {r for r, role in seen if role in ("president", "official", "vice president", "military leader")}
    final: dict[str, StatusClaim] = {}
    was_held: set[str] = set()
    for st in statuses:
        final[st.person] = st
        if st.status in ("jailed", "died_in_custody") and st.evidence.method != "rule:sentenced-exiled":
            was_held.add(st.person)
    for person in sorted(final):
        st = final[person]
        if (person, "political prisoner") in seen or person in offices:
            continue
        # held now or once (a sentence passed in absentia held nobody), or freed from custody
        held = st.status in ("jailed", "died_in_custody", "released", "pardoned") or (
            person in was_held and st.status != "exiled")
        if not held:
            continue
        activist = {(person, "opposition figure"), (person, "human rights defender"), (person, "journalist")} & seen \
            or person in activists
        if not activist:
            own = " ".join(ctx.text_of(ctx.doc[s].sent) for s, _e, k in ctx.mentions.spans if k == person)
            # in a story about political prisoners, anyone held; elsewhere, one held over
            # political acts the sentences naming them tell ("for taking part in protests")
            activist = (story or bool(_POLITICAL_ACT.search(own))) and not _ORDINARY_CRIME.search(own)
        if activist:
            seen.add((person, "political prisoner"))
            out.append(RoleClaim(person, "political prisoner", dataclasses.replace(st.evidence, method="rule:held-activist")))
    return out


def _named_in(ctx, claim: StatusClaim) -> bool:  # type: ignore[no-untyped-def]
    """Whether the sentence a claim comes from names its person (not only a pronoun)."""
    return any(ctx.doc[s].idx >= claim.evidence.start and ctx.doc[s].idx < claim.evidence.end
               for s, _e, k in ctx.mentions.spans if k == claim.person)


def _first_token(index, key: str) -> int:  # type: ignore[no-untyped-def]
    return min(s for s, _e, k in index.spans if k == key)


_FREED_RANK = {"pardoned": 3, "exiled": 2, "released": 1}
#: Order of states told in one sentence for one time: held, then freed, then dead.
_STAGE = {"jailed": 0, "released": 1, "pardoned": 1, "exiled": 1, "died_in_custody": 2}
#: Words that make a claim told later in the text newer than the article's news:
#: a state held now ("remains", "still"), or a step told as coming after ("later").
_NEWER_CUE = re.compile(
    r"\b(?:still|remains?|remained|currently|now|continues?|later|subsequently|then|afterwards|eventually|"
    r"since then|after that|again|returned to prison|taken back|sent back|not among)\b", re.I)
#: Office words that, with no custody cue, say a person is free: a serving official.
_OFFICE_ROLES = ("president", "vice president", "official", "military leader")
#: Roles whose holders, when they speak in the article and nothing says they are held, are free.
_SPEAKING_ROLES = ("human rights defender", "lawyer")


def speakers(ctx) -> frozenset[str]:  # type: ignore[no-untyped-def]
    """People the article has speaking: the subject of a speech verb ("X said", "said
    X", "the group's director, X, told ...")."""
    from kg.extract import lexicon

    out = set()
    for s, e, key in ctx.mentions.spans:
        span = ctx.doc[s:e]
        root = span.root
        if root.dep_ == "appos" and root.head.dep_ == "nsubj":
            root = root.head
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in lexicon.SPEECH_VERBS:
            out.add(key)
    return frozenset(out)


def _final_statuses(claims: list[StatusClaim], article: Article) -> list[StatusClaim]:
    """Order each person's claims in time; keep them all (they are history), but make
    sure the last one is the article's final word:

    * dated claims are ordered by date, undated ones (history with no time) first;
    * an article's news is the latest point it describes: of two claims told for the
      same time (most often the article's date), the one told first stands, unless
      the later one says it is newer ("still", "remains", "later", ...): background
      told further down ("while he was in prison") does not override the opening;
    * in an undated article a state told in the present is the time of writing,
      after every dated claim; the final claim is then dated by the latest date
      the article gives that person (no earlier than what it supersedes);
    * a person freed by several means keeps pardoned > exiled > released;
    * a death in custody is final.
    """
    by_person: dict[str, list[StatusClaim]] = {}
    # a description in the same sentence as an act on the same person yields to the act
    acts = {(c.person, c.evidence.start) for c in claims if c.event is not None}
    claims = [c for c in claims if c.event is not None or (c.person, c.evidence.start) not in acts
              or c.evidence.method in ("rule:among-group", "rule:copular-group", "rule:sentenced-exiled")]  # "X, detained since 2024, was among those pardoned"
    now: set[int] = set()  # claims told for the time of writing in an undated article
    for c in claims:
        if c.date is None and not c.evidence.method.endswith("-past"):
            if article.published:
                # a state told without a date holds at the time of writing
                c = StatusClaim(c.person, c.status, c.evidence, article.published, c.event)
            else:
                now.add(id(c))
        by_person.setdefault(c.person, []).append(c)

    def order(c: StatusClaim) -> tuple[str, bool, int, int, bool]:
        date = "~" if id(c) in now else (c.date or "")
        # within one sentence and time, a life runs held -> freed -> dead: "X, who was
        # sentenced last year, has been freed" ends freed
        stage = _STAGE.get(c.status, 0)
        if date not in ("~", article.published):
            # a dated story is told in order; "2021" may be as late as the year's last day
            return (_date_key(date) if date else "", False, c.evidence.start, stage, c.event is not None)
        # at the time of writing the first told stands (later text is background),
        # unless a later claim is cued as newer
        newer = bool(_NEWER_CUE.search(c.evidence.sentence))
        return (_date_key(date) if date != "~" else date, newer, c.evidence.start if newer else -c.evidence.start,
                stage, c.event is not None)

    out: list[StatusClaim] = []
    for person, cs in by_person.items():
        ordered = sorted(cs, key=order)
        seen: set[tuple[str, str | None]] = set()
        uniq = []
        for c in ordered:
            if (c.status, c.date) in seen:
                continue
            seen.add((c.status, c.date))
            uniq.append(c)
        final = uniq[-1]
        if any(c.status == "died_in_custody" for c in uniq):
            final = next(c for c in uniq if c.status == "died_in_custody")
        elif final.status in _FREED_RANK:
            freed = [c for c in uniq if c.status in _FREED_RANK]
            final = max(freed, key=lambda c: _FREED_RANK[c.status])
            # a weaker word for the same freeing told later ("pardoned ... then handed
            # over in the exchange") must not read as a newer status downstream
            last_jail = max((c.date or "" for c in uniq if c.status == "jailed"), default="")
            uniq = [c for c in uniq if c.status not in _FREED_RANK or c is final
                    or _FREED_RANK[c.status] >= _FREED_RANK[final.status] or (c.date or "") <= last_jail]
        rest = [c for c in uniq if c is not final]
        latest = max((c.date for c in rest if c.date), key=_date_key, default=None)
        if latest is not None and (final.date is None or _date_key(final.date) < _date_key(latest)):
            # the final word is no earlier than anything it supersedes
            final = dataclasses.replace(final, date=latest)
        out.extend(rest + [final])
    return out


def _date_key(iso: str) -> str:
    """Partial dates compare by their last day: "2020" is after "2020-08-09"."""
    return iso + "-99-99"[len(iso) - 4:] if len(iso) < 10 else iso


#: Acts whose named agent wields state power: whoever pardons, frees, jails or deports is not held.
_STATE_ACTS = ("pardon", "release", "sentencing", "arrest", "exile", "prisoner_exchange")


#: Ties to an organisation that make a speaker its voice: "X, director of the group, said".
_ORG_TIES = ("member_of", "leader_of", "founder_of")


def office_holders_free(statuses: list[StatusClaim], roles: list[RoleClaim], article: Article,
                        speakers: frozenset[str] = frozenset(), events: Sequence[Event] = (),
                        org_people: "dict[str, Evidence] | None" = None) -> list[StatusClaim]:
    """A serving official with no custody cue in the article is ``free`` (the corpus
    rule: officials and heads of state with no detention cue are free), and so is a
    rights defender or lawyer who speaks in it (``speakers``) with no such cue, someone
    who speaks for an organisation they belong to or lead (``org_people``), and a
    person named as the one who pardons, frees, sentences, arrests or deports others."""
    held = {s.person for s in statuses}
    out, done = [], set()
    for key, ev in sorted((org_people or {}).items()):
        if key in speakers and key not in held:
            done.add(key)
            out.append(StatusClaim(key, "free", dataclasses.replace(ev, method="rule:org-speaker"), article.published, None))
    for e in events:
        if e.type in _STATE_ACTS and e.agent and e.agent.startswith("p") and e.agent not in held and e.agent not in done:
            done.add(e.agent)
            out.append(StatusClaim(e.agent, "free", dataclasses.replace(e.evidence, method="rule:state-agent"),
                                   article.published, None))
    for r in roles:
        office = r.role in _OFFICE_ROLES or (r.role in _SPEAKING_ROLES and r.entity in speakers)
        if office and r.entity not in held and r.entity not in done:
            done.add(r.entity)
            out.append(StatusClaim(r.entity, "free", dataclasses.replace(r.evidence, method="rule:office-holder"),
                                   article.published, None))
    return out
