"""Classes of statement found in real news, each on sentences written for this test.

Groups and lists, terms with the verb left out, bracketed notes, reported speech about
oneself, attempts, deaths, the people who act for the state.  Names are invented; the
sentences copy no article.
"""
from __future__ import annotations

import pytest


def _final(x) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Each person's final status (the last claim kept for them)."""
    names = {e.key: e.name for e in x.entities}
    out: dict[str, str] = {}
    for s in x.statuses:
        out[names[s.person]] = s.status
    return out


def _counts(x) -> set[tuple[int, str | None]]:  # type: ignore[no-untyped-def]
    names = {e.key: e.name for e in x.entities}
    return {(c.count, names.get(c.reporter) if c.reporter else None) for c in x.counts}


def _roles(x) -> set[tuple[str, str]]:  # type: ignore[no-untyped-def]
    names = {e.key: e.name for e in x.entities}
    return {(names[r.entity], r.role) for r in x.roles}


# -- groups and lists ---------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    # members spelled out after a colon that closes the group's phrase
    ("A regional court jailed two editors of the weekly Zubr: Pavel Zhuk, seven years, and Olga Dvorak, five years.",
     {"Pavel Zhuk": "jailed", "Olga Dvorak": "jailed"}),
    # "a group of N prisoners, including X"
    ("The governor's decree freed a group of 14 prisoners on Tuesday, including Dmitri Volkov.",
     {"Dmitri Volkov": "released"}),
    # a copula after a group of held people
    ("Two more political prisoners on the list are Boris Kuzmin and Oleg Gromov.",
     {"Boris Kuzmin": "jailed", "Oleg Gromov": "jailed"}),
    # "those freed", "the released ...", "the arrests were ..."
    ("Those freed were Andrei Kozlov and Maria Petrova.", {"Andrei Kozlov": "released", "Maria Petrova": "released"}),
    ("Those released include trade unionist Boris Kuzmin and the blogger Oleg Gromov.",
     {"Boris Kuzmin": "released", "Oleg Gromov": "released"}),
    ("The freed foreigners were Yana Lebed, a teacher, and Dmitri Volkov.",
     {"Yana Lebed": "released", "Dmitri Volkov": "released"}),
    ("Monday's arrests were editor Timur Aliev and publisher Rauf Mamedov, local media said.",
     {"Timur Aliev": "jailed", "Rauf Mamedov": "jailed"}),
    ("Among those freed on Sunday is the veteran dissident Pavel Zhuk, his family said.", {"Pavel Zhuk": "released"}),
    ("Yana Lebed was among dozens of students arrested after the march.", {"Yana Lebed": "jailed"}),
    # a group told as held, its members after "including"
    ("Monitors have lost track of four dissidents held incommunicado in remote prisons, including Lala Guseinova "
     "and Rauf Mamedov.", {"Lala Guseinova": "jailed", "Rauf Mamedov": "jailed"}),
    ("Several union organisers, including Pavel Zhuk and Olga Dvorak, remain detained in the capital.",
     {"Pavel Zhuk": "jailed", "Olga Dvorak": "jailed"}),
    ("Three staff of the Zubr monitor, Dmitri Volkov, Kirill Sokol and Maxim Orlov, are serving long terms in penal colonies.",
     {"Dmitri Volkov": "jailed", "Kirill Sokol": "jailed", "Maxim Orlov": "jailed"}),
    ("Last month Timur Aliev was moved out of a detention centre and transferred to a high-security penal colony.",
     {"Timur Aliev": "jailed"}),
])
def test_groups_and_lists(extract_text, text: str, expected: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text(text, "2024-05-10"))
    assert {k: got.get(k) for k in expected} == expected


def test_a_group_that_held_a_rally_is_not_held(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("Several opposition politicians held a rally, including Lala Guseinova and Rauf Mamedov.",
                              "2024-05-10"))
    assert "jailed" not in got.values()


def test_a_bracketed_note_belongs_to_the_last_name_alone(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("The court sentenced Dmitri Volkov, Kirill Sokol and Maxim Orlov (in absentia) to ten years each.",
                              "2024-05-10"))
    assert got == {"Dmitri Volkov": "jailed", "Kirill Sokol": "jailed", "Maxim Orlov": "exiled"}
    # said of the whole act, it is everyone's
    got = _final(extract_text("The court sentenced Dmitri Volkov, Kirill Sokol and Maxim Orlov to ten years in absentia.",
                              "2024-05-10"))
    assert set(got.values()) == {"exiled"}


# -- ellipsis ----------------------------------------------------------------

@pytest.mark.parametrize("text, names", [
    ("Anna Rusak and Boris Kuzmin got ten years, while Oleg Gromov six.", ["Anna Rusak", "Boris Kuzmin", "Oleg Gromov"]),
    ("Yana Lebed was given 12 years, Timur Aliev – 9.", ["Yana Lebed", "Timur Aliev"]),
    ("The judge jailed Lala Guseinova for five years and Rauf Mamedov for four.", ["Lala Guseinova", "Rauf Mamedov"]),
])
def test_a_term_with_the_verb_left_out_sentences_the_name(extract_text, text: str, names: list[str]) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-05-10")
    got = _final(x)
    assert all(got.get(n) == "jailed" for n in names)
    by_key = {e.key: e.name for e in x.entities}
    assert [sorted(by_key[p] for p in e.persons) for e in x.events if e.type == "sentencing"] == [sorted(names)]


def test_a_name_with_its_own_verb_is_not_gapped(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("Anna Rusak got ten years, while Oleg Gromov said six years was too harsh.", "2024-05-10"))
    assert got.get("Anna Rusak") == "jailed" and got.get("Oleg Gromov") != "jailed"


# -- reported speech about oneself --------------------------------------------

@pytest.mark.parametrize("text, status", [
    ("Andrei Kozlov says he has been granted a pardon.", "pardoned"),
    ("Maria Petrova told reporters that she had been pardoned by the president.", "pardoned"),
    ("Sofia Marchenko said she had been released from prison on Monday.", "released"),
])
def test_reported_speech_about_oneself(extract_text, text: str, status: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-05-10")
    assert list(_final(x).values()) == [status]
    assert all(e.agent is None for e in x.events)  # the speaker is the one pardoned, not the one who pardons


# -- attempts are not acts ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The guards tried to force Vera Klimova across the border, but she refused.",
    "Pavel Zhuk had hoped to run for mayor.",
    "Police attempted to detain Anna Rusak outside her home, but neighbours stopped them.",
])
def test_attempts_and_thwarted_acts_are_not_acts(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-05-10")
    assert [e.type for e in x.events if e.type in ("exile", "election", "arrest")] == []
    assert set(_final(x).values()) <= {"free", "unknown"}


# -- deaths in custody ----------------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Activist Olga Dvorak died behind bars last week.", "Olga Dvorak"),
    ("Rights groups mourned the death in prison of activist Igor Meleshko.", "Igor Meleshko"),
    ("Anna Rusak became the third political prisoner to die this year.", "Anna Rusak"),
])
def test_deaths_in_custody(extract_text, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2024-05-10")) == {name: "died_in_custody"}


def test_a_death_in_custody_ends_the_timeline(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("Activist Olga Dvorak died in a penal colony on Monday. She had been arrested in 2021 "
                              "and was later released for a month before being detained again.", "2024-05-10"))
    assert got["Olga Dvorak"] == "died_in_custody"


# -- those who act for the state ------------------------------------------------

@pytest.mark.parametrize("text, name", [
    ("The blogger says judge Nikolai Petrenko sentenced him to four years in prison last spring.", "Nikolai Petrenko"),
    ("By a decree signed on Monday, President Viktor Kozak pardoned 61 convicts.", "Viktor Kozak"),
    ("King Hamid Al Rashid pardoned 300 prisoners on Friday.", "Hamid Al Rashid"),
])
def test_whoever_sentences_or_pardons_is_free(extract_text, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2024-05-10"))[name] == "free"


def test_no_cue_no_status(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Pavel Zhuk was sentenced to five years. His neighbour Oleg Gromov watched the hearing.", "2024-05-10")
    assert _final(x) == {"Pavel Zhuk": "jailed"}


# -- counts on a rights group's own page ----------------------------------------

def _extract_from(nlp, text: str, outlet: str | None):  # type: ignore[no-untyped-def]
    from kg.extract import extract
    from kg.records import Article

    return extract(Article(id="t", text=text, source="t.txt", sha256="0", published="2024-05-10", outlet=outlet), nlp)


def test_a_rights_groups_own_page_reports_its_figures(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("The Human Rights Centre Zubr publishes its weekly review. "
            "There are currently 1,412 political prisoners in the country. "
            "Over the week, 15 political prisoners were released after serving their sentences.")
    x = _extract_from(nlp, text, "Zubr")
    names = {e.key: e.name for e in x.entities}
    got = {(c.count, names.get(c.reporter or "")) for c in x.counts}
    assert (1412, "Human Rights Centre Zubr") in got
    # the same text on a newspaper's page: no group gave the figure
    x = _extract_from(nlp, text.replace("The Human Rights Centre Zubr publishes its weekly review. ", ""), "Daily Courier")
    assert all(c.reporter is None for c in x.counts)


def test_a_dateline_closed_by_a_bullet_does_not_break_the_sentence(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("RIGA \u2022 Five student activists were sentenced on Tuesday to two years each over a campus sit-in.\n\n"
                     "The students are Marta Ozola and Andris Berzins.", "2024-05-10")
    sentencing = [e for e in x.events if e.type == "sentencing"]
    assert len(sentencing) == 1 and sentencing[0].count == 5
    assert sentencing[0].evidence.sentence.startswith("RIGA \u2022 Five")  # the article's own words
    assert _final(x) == {"Marta Ozola": "jailed", "Andris Berzins": "jailed"}


@pytest.mark.parametrize("text, name", [
    ("Two protesters, Reza Tavakoli and Omid Karimi, were executed at dawn on Monday.", "Reza Tavakoli"),
    ("The authorities executed Reza Tavakoli on Monday after a closed trial.", "Reza Tavakoli"),
])
def test_an_execution_is_a_death_in_custody(extract_text, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2024-05-10"))[name] == "died_in_custody"


def test_a_barred_act_is_not_an_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Maria Petrova walked out of prison on Monday, but she is banned from leaving the country for five years.",
                     "2024-05-10")
    assert [e.type for e in x.events] == ["release"]
    assert _final(x) == {"Maria Petrova": "released"}


def test_someone_speaking_for_their_organisation_is_free(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text('"The detentions must end," said Gulnara Sadykova, the director of the Open Courts Monitor.',
                              "2024-05-10"))
    assert got == {"Gulnara Sadykova": "free"}
    # a member told of, not speaking, gets no status
    got = _final(extract_text("Pavel Zhuk, a member of the Open Courts Monitor, attended the hearing.", "2024-05-10"))
    assert got == {}


def test_democracy_activists_are_opposition_figures(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Democracy activist Figo Lam was jailed for a year on Tuesday.", "2024-05-10")
    names = {e.key: e.name for e in x.entities}
    assert ("Figo Lam", "opposition figure") in {(names[r.entity], r.role) for r in x.roles}
    x = extract_text("Joshua Lam, a leading figure of the 2019 protest movement, was jailed for a year.", "2024-05-10")
    assert "opposition figure" in _roles_of(x, "Joshua Lam")


def test_names_listed_after_a_colon_that_closes_those_arrested(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("The monitor published the names of those arrested in connection with the newspaper: Ulvi Karimov, "
                              "Sevda Aliyeva and Nargiz Mammadova; from the TV channel – Ramin Jabbarov.", "2024-05-10"))
    assert {got.get(n) for n in ("Ulvi Karimov", "Sevda Aliyeva", "Ramin Jabbarov")} == {"jailed"}


def test_a_one_word_name_introduced_by_a_person_noun_is_a_person(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Navalny, who flew back to Russia in January, was detained at the airport. "
                     "A court turned down the appeal of the opposition figure Navalny.", "2021-02-20")
    assert [e.name for e in x.entities if e.kind == "person"] == ["Navalny"]
    assert _final(x) == {"Navalny": "jailed"}
    # a capitalised word with no person noun before it stays out
    x = extract_text("Navalny was detained at the airport.", "2021-02-20")
    assert [e.name for e in x.entities if e.kind == "person"] == []


@pytest.mark.parametrize("text, count, reporter", [
    # a name in guillemets after a group noun
    ("According to the data of the human rights center \u00abZubr\u00bb, today there are 169 political prisoners in the country.",
     169, "Zubr"),
    # a speaker whose report verb is the second of two
    ("Anna Rusak praised the move but said 1,150 political prisoners are still behind bars.", 1150, "Anna Rusak"),
    # an office run into a name: the person reports
    ("Last month, UN High Commissioner for Human Rights Volker Tamm reported that over 2,400 people had been arrested "
     "since the vote.", 2400, "Volker Tamm"),
    # a collective source with no name names no reporter (the judgement rules: the named source)
    ("Local human rights organisations estimate that around 300 people in the country are political prisoners.",
     300, None),
    # a sentencing of many, told by a named group
    ("Nine members of the dissolved party were sentenced to five years in jail, the monitoring group Zubr Watch said.",
     9, "Zubr Watch"),
    # a person speaking for the group: the group reports
    ("Pavel Zhuk, Zubr Watch's advocacy director, reported that around 80 inmates had been freed so far.", 80, "Zubr Watch"),
    # arrests in the wake of an election, told by an official
    ("Deputy minister Anna Rusak reported that over 1,200 people have been arrested in the wake of the elections.",
     1200, "Anna Rusak"),
])
def test_who_reported_a_figure(extract_text, text: str, count: int, reporter: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-05-10")
    names = {e.key: e.name for e in x.entities}
    assert (count, reporter) in {(c.count, names.get(c.reporter or "")) for c in x.counts}


def test_a_rights_groups_own_list(nlp) -> None:  # type: ignore[no-untyped-def]
    x = _extract_from(nlp, "The Zubr Rights Centre keeps a list of political prisoners. There are currently 502 people on the list.",
                      "Zubr Rights Centre")
    names = {e.key: e.name for e in x.entities}
    assert {(c.count, names.get(c.reporter or "")) for c in x.counts} == {(502, "Zubr Rights Centre")}


def test_the_size_of_a_pardon_a_person_speaks_of_is_no_count(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Anna Rusak said on Friday that the pardon of 40 more political prisoners was a small step.", "2024-05-10")
    assert [c.count for c in x.counts] == []


def test_a_rights_groups_own_page_at_the_moment(nlp) -> None:  # type: ignore[no-untyped-def]
    x = _extract_from(nlp, "The Zubr Rights Centre publishes a weekly digest. At the moment, there are 1,310 people on "
                           "the list of political prisoners.", "Zubr Rights Centre")
    names = {e.key: e.name for e in x.entities}
    assert (1310, "Zubr Rights Centre") in {(c.count, names.get(c.reporter or "")) for c in x.counts}


def test_acts_enumerated_by_date_with_another_n(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Thus, on March 3, the president signed a decree pardoning 25 people, on April 9 — another 40, "
                     "on May 2 — another 18 people, and on June 20 — another 12.", "2024-12-09")
    assert sorted((e.count, e.date) for e in x.events if e.type == "pardon") == [
        (12, "2024-06-20"), (18, "2024-05-02"), (25, "2024-03-03"), (40, "2024-04-09")]


def test_a_name_run_into_a_country_or_an_office_is_a_person(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Self-declared president of Belarus Aleksandr Lukashenko signed pardons for 29 people on Monday.", "2024-12-09")
    assert [e.name for e in x.entities if e.kind == "person"] == ["Aleksandr Lukashenko"]
    assert _final(x) == {"Aleksandr Lukashenko": "free"}


def test_a_leading_date_line_dates_the_page_not_the_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("date 2024-12-09 The president pardoned 29 people convicted of extremism.", "2024-12-09")
    assert [(e.type, e.count, e.date) for e in x.events] == [("pardon", 29, None)]


@pytest.mark.parametrize("text, expected", [
    # a sentence upheld: no new sentencing, but those named are held
    ("Sentences were confirmed for four media workers, including director Ramin Aliyev and editor-in-chief Sevda Mammadova.",
     {"Ramin Aliyev": "jailed", "Sevda Mammadova": "jailed"}),
    # a quantifier subject with its members
    ("Many of its leaders, including the Nobel laureate Ales Belsky, are illegally and unjustly detained.",
     {"Ales Belsky": "jailed"}),
    # names the parser hung on "from" after a plural group noun
    ("Zubr recalled that activists and volunteers from the centre Andrei Kozlov, Leanid Sudak and Taciana Lasko had "
     "previously been detained on similar charges.",
     {"Andrei Kozlov": "jailed", "Leanid Sudak": "jailed", "Taciana Lasko": "jailed"}),
    # the first name alone of the one person named in full
    ("The rights defender Nasta Lobko was sentenced in 2023. Nasta was transferred to a penal colony in March.",
     {"Nasta Lobko": "jailed"}),
])
def test_more_people_a_group_or_a_later_mention_names(extract_text, text: str, expected: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-05-10")
    got = _final(x)
    assert {k: got.get(k) for k in expected} == expected
    assert not any(e.type == "sentencing" for e in x.events) or "confirmed" not in text


def test_a_first_name_shared_by_two_people_is_left_alone(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Anna Lobko and Anna Rusak were sentenced in 2023. Anna was transferred to a penal colony in March.", "2024-05-10")
    assert sorted(e.name for e in x.entities if e.kind == "person") == ["Anna Lobko", "Anna Rusak"]
    assert all("Anna was" not in s.evidence.sentence for s in x.statuses)


@pytest.mark.parametrize("text, name, status", [
    ("Viktor Kozak has ruled the country by decree since 1994.", "Viktor Kozak", "free"),
    ("The crisis was caused by the concentration of power in the hands of Viktor Kozak.", "Viktor Kozak", "free"),
    ("Thousands fled the regime of Viktor Kozak after the vote.", "Viktor Kozak", "free"),
    ('"Some detainees were freed this morning," said the group\'s director, Carlos Ibarra.', "Carlos Ibarra", "free"),
    ('"He must answer for this," said Pavel Latov, an opposition politician who has been living in Poland since 2020.',
     "Pavel Latov", "free"),
    ("Omar Salim, who lives in exile in Paris, was sentenced in absentia.", "Omar Salim", "exiled"),
    ("Omar Salim, who has been living in a penal colony since 2021, wrote to his family.", "Omar Salim", "jailed"),
    ("Spokesperson Ravina Sharma urged the government to free the detainees.", "Ravina Sharma", "free"),
    ("The vote kept Viktor Kozak in power for a sixth term.", "Viktor Kozak", "free"),
    ("The Kozak regime is to blame, said Anna Rusak. Viktor Kozak denied it.", "Viktor Kozak", "free"),
    ("The poll handed victory to the authoritarian ruler, Alexander Petrov.", "Alexander Petrov", "free"),
    ("Sayed Alwani, the group's advocacy director, reported that 100 inmates had been freed.", "Sayed Alwani", "free"),
    ("National Security Adviser Jacob Sullivan said the men were released on humanitarian grounds.", "Jacob Sullivan", "free"),
])
def test_people_in_power_or_at_large(extract_text, text: str, name: str, status: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2024-05-10")).get(name) == status


def test_a_person_merely_in_the_hands_of_others_is_not_a_ruler(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("The documents are now in the hands of Pavel Latov.", "2024-05-10"))
    assert "Pavel Latov" not in got


def _roles_of(x, name: str) -> set[str]:  # type: ignore[no-untyped-def]
    names = {e.key: e.name for e in x.entities}
    return {r.role for r in x.roles if names.get(r.entity) == name}


def test_members_named_after_a_group_take_its_description(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("At least 12 political prisoners have completed their terms and were released: Boris Kuzmin, "
                     "Yana Lebed and Oleg Gromov.", "2024-05-10")
    assert all("political prisoner" in _roles_of(x, n) for n in ("Boris Kuzmin", "Yana Lebed", "Oleg Gromov"))


def test_a_journalist_jailed_and_then_freed_was_a_political_prisoner(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The journalist Ihar Lobach, jailed in 2021, was released on Monday.", "2024-05-10")
    assert _final(x) == {"Ihar Lobach": "released"}
    assert {"journalist", "political prisoner"} <= _roles_of(x, "Ihar Lobach")


def test_a_bulleted_list_after_a_group_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("The court sentenced the following protesters to prison terms:\n\u25cf Andro Chikvani\n"
                              "\u25cf Luka Jabadze\n\u25cf Giorgi Terashvili\n\nThe hearing lasted four hours.", "2024-05-10"))
    assert got == {"Andro Chikvani": "jailed", "Luka Jabadze": "jailed", "Giorgi Terashvili": "jailed"}


def test_these_include_after_a_group_told_as_held(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("Dozens of members of the Zubr group are still detained. These include Pavel Zhuk, Olga Dvorak "
                              "and Igor Meleshko.", "2024-05-10"))
    assert got == {"Pavel Zhuk": "jailed", "Olga Dvorak": "jailed", "Igor Meleshko": "jailed"}
    got = _final(extract_text("Dozens of members of the Zubr group were freed on Monday. These include Pavel Zhuk.", "2024-05-10"))
    assert got.get("Pavel Zhuk") != "jailed"


def test_political_prisoners_named_after_the_plural(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The media reported on the health of political prisoners Viktar Babak, a presidential hopeful, and others.",
                     "2024-05-10")
    assert _final(x) == {"Viktar Babak": "jailed"} and "political prisoner" in _roles_of(x, "Viktar Babak")


def test_a_long_bulleted_list_after_those_sentenced_are(extract_text) -> None:  # type: ignore[no-untyped-def]
    names = ["Andro Chikvani", "Luka Jabadze", "Giorgi Terashvili", "Irakli Kerselidze", "Revaz Kipiani"]
    text = "Seven protesters received prison terms on Monday.\n\nThose sentenced are:\n\n" + "".join(
        f"\u25cf {n}\n\n" for n in names) + "The hearing lasted four hours."
    got = _final(extract_text(text, "2024-05-10"))
    assert {n: got.get(n) for n in names} == {n: "jailed" for n in names}


def test_a_photo_credit_is_no_person_and_a_term_served_is_held(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Vlogger Uladzimir Tsyhan, who serves a 16-year term, will stand another trial.\n\n"
                     "Detained blogger Ivan Ivanov was sentenced to eight years. Peter Foley/UPI", "2024-05-10")
    assert sorted(e.name for e in x.entities if e.kind == "person") == ["Ivan Ivanov", "Uladzimir Tsyhan"]
    assert _final(x) == {"Uladzimir Tsyhan": "jailed", "Ivan Ivanov": "jailed"}


@pytest.mark.parametrize("text, name, status", [
    ("In February, a court sentenced two journalists to two years in prison \u2013 Daria Chulova and Katerina Bakhova.",
     "Katerina Bakhova", "jailed"),
    ("Amongst those released is Pavel Zhuk, a former candidate.", "Pavel Zhuk", "released"),
    ("Belarusian dictator Alexander Petrov granted early release to a political prisoner.", "Alexander Petrov", "free"),
])
def test_dash_lists_amongst_and_the_subject_of_an_act_on_others(extract_text, text: str, name: str, status: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2024-05-10")).get(name) == status


def test_a_former_office_holder_is_not_free_by_office(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Former MP Nazim Beydemli attended the hearing.", "2024-05-10")
    assert "official" not in _roles_of(x, "Nazim Beydemli") and _final(x) == {}
    x = extract_text("MP Nazim Beydemli attended the hearing.", "2024-05-10")
    assert _final(x) == {"Nazim Beydemli": "free"}


@pytest.mark.parametrize("text, name", [
    ("Belarus freed 14 prisoners on Saturday. Also released after spending five years behind bars was the journalist "
     "Ihar Losev.", "Ihar Losev"),
    ("Rapper Toomas Saleh has been freed from prison, two years after he was first arrested.", "Toomas Saleh"),
])
def test_in_one_sentence_freed_follows_held(extract_text, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2024-05-10"))[name] == "released"


def test_among_them_after_names_added_to_a_list_of_political_prisoners(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("The monitor updated its list of political prisoners. Thirty names were added to the list. "
                              "Among them are the opposition politician Gubad Ibrahimov and the journalist Sevda Mamedova.",
                              "2024-05-10"))
    assert got == {"Gubad Ibrahimov": "jailed", "Sevda Mamedova": "jailed"}


def test_an_unnamed_group_is_no_reporter(extract_text) -> None:  # type: ignore[no-untyped-def]
    body = " said that more than 25,000 people have been detained for political reasons since the takeover."
    # an unnamed group gives the figure: not the outlet in the dateline (a total with no reporter)
    x = extract_text("MANDALAY (AP) - A group that tracks detentions" + body, "2024-05-10")
    assert [(c.count, c.reporter) for c in x.counts] == [(25000, None)]
    # a named one does, dateline or not
    x = extract_text("MANDALAY (AP) - The Zubr Monitor" + body, "2024-05-10")
    names = {e.key: e.name for e in x.entities}
    assert [(c.count, names.get(c.reporter or "")) for c in x.counts] == [(25000, "Zubr Monitor")]


@pytest.mark.parametrize("text, expected", [
    ("Reporters identified a few of the freed, including the union leader Mikola Statko and the poet Ihar Lasik.",
     {"Mikola Statko": "released", "Ihar Lasik": "released"}),
    ("Other critics arrested on false charges include former envoy Emin Ibragim and party activist Famil Khalil.",
     {"Emin Ibragim": "jailed", "Famil Khalil": "jailed"}),
])
def test_groups_named_by_their_state(extract_text, text: str, expected: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text(text, "2024-05-10"))
    assert {k: got.get(k) for k in expected} == expected


def test_those_released_is_not_the_last_person_named(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("Officials said President Donald Trump had asked for the move, and those released had been "
                              "convicted of spying.", "2024-05-10"))
    assert got.get("Donald Trump") == "free"


# -- a release the article tells as a pardon ------------------------------------

def test_a_release_told_as_a_pardon_is_a_pardon(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("The governor pardoned 40 prisoners on Friday to mark the national holiday.\n\n"
            "Rights groups said the union leader Pavel Zhuk was released from a penal colony in the north.")
    got = _final(extract_text(text, "2024-05-10"))
    assert got["Pavel Zhuk"] == "pardoned"


def test_a_release_on_another_day_of_a_digest_stays_a_release(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("- The governor pardoned 40 prisoners on Monday to mark the national holiday.\n\n"
            "- In another case, the blogger Oleg Gromov was released from prison on Wednesday after four years.")
    got = _final(extract_text(text, "2024-05-10"))
    assert got["Oleg Gromov"] == "released"


# -- sentenced while abroad, kin descriptions, things released -------------------

def test_a_sentence_passed_on_an_exiled_leader_leaves_them_exiled(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("The regional court also sentenced another exiled opposition leader, Pavel Zhuk, "
                              "to 18 years in prison.", "2024-05-10"))
    assert got["Pavel Zhuk"] == "exiled"


def test_the_spouse_named_in_a_members_description_is_not_a_member(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("Among those released was Kirill Sokol, a veteran blogger and husband of exiled "
                              "opposition leader Olga Dvorak.", "2024-05-10"))
    assert got["Kirill Sokol"] == "released"
    assert got.get("Olga Dvorak") != "released"


def test_a_statement_released_by_lawyers_frees_nobody(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("The editor Yana Lebed was handed four years on Tuesday.\n\n"
            "\"We only did our work,\" Lebed said in her closing statement, released by her lawyers.")
    got = _final(extract_text(text, "2024-05-10"))
    assert got["Yana Lebed"] == "jailed"


def test_a_name_after_a_critic_of_a_leader_is_the_one_sentenced(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("A left-wing critic of President Rauf Mamedov, Pavel Zhuk, was sentenced to six years in a "
                     "penal colony by a court on Thursday.", "2024-05-10")
    names = {e.key: e.name for e in x.entities}
    assert [[names[p] for p in e.persons] for e in x.events if e.type == "sentencing"] == [["Pavel Zhuk"]]


def test_two_sentences_of_different_terms_are_two_acts(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("A court sentenced the activist Oleg Gromov to six years in a penal colony.\n\n"
            "In 2014, Gromov was sentenced to four and a half years for organising protests. He was released in 2017.")
    x = extract_text(text, None)
    assert len([e for e in x.events if e.type == "sentencing"]) == 2
    assert _final(x)["Oleg Gromov"] == "jailed"  # the page's news, after its dated background


# -- who is a political prisoner ---------------------------------------------------

def test_in_a_story_about_political_prisoners_the_held_are_political_prisoners(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The Zubr Rights Centre counts 900 political prisoners in the country.\n\n"
                     "Among them is the retired teacher Olga Dvorak, detained in March for a comment online.\n\n"
                     "Separately, Kirill Sokol, jailed in 2022 for drug smuggling, was moved to another colony.",
                     "2024-05-10")
    assert "political prisoner" in _roles_of(x, "Olga Dvorak")
    assert "political prisoner" not in _roles_of(x, "Kirill Sokol")  # an ordinary crime


def test_outside_such_a_story_being_held_is_not_enough(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Police detained Olga Dvorak on Tuesday after a fight at a football match.", "2024-05-10")
    assert "political prisoner" not in _roles_of(x, "Olga Dvorak")


def test_a_page_that_names_its_group_in_a_header_line(nlp) -> None:  # type: ignore[no-untyped-def]
    # NER does not take the header line as a name, but the page calls itself a rights centre
    text = ("weekly digest\nThe Human Rights Center \u201cZubr\u201d\n"
            "At present, 1,207 people appear on our list of political prisoners. "
            "In the last fortnight we learned that at least 14 political prisoners were freed at the end of their terms.")
    x = _extract_from(nlp, text, "Zubr")
    got = {(c.count, c.reporter is not None) for c in x.counts}
    assert {(1207, True), (14, True)} <= got
    names = {e.key: e.name for e in x.entities}
    assert {names.get(c.reporter or "") for c in x.counts} == {"Zubr"}


def test_own_page_flows_need_a_period_and_people(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Zubr human rights centre reports. In 2019 the court sentenced Olga Dvorak to four years, of which she served "
            "two before being released in 2021. Last month, the human rights community declared 37 people political prisoners.")
    x = _extract_from(nlp, text, "Zubr")
    assert sorted(c.count for c in x.counts) == [37]


@pytest.mark.parametrize("text, count", [
    ("He answered the protests with a crackdown that saw more than 31,000 people arrested and thousands beaten.", 31000),
    ("More than 31,000 people have been detained in the country since the vote.", 31000),
    ("Police arrested more than 31,000 people in connection with the protests.", 31000),
])
def test_a_crackdown_total_is_a_count_with_no_reporter(extract_text, text: str, count: int) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-05-10")
    assert [(c.count, c.reporter) for c in x.counts] == [(count, None)]


def test_a_large_arrest_on_one_day_is_an_act_not_a_total(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Police detained more than 1,200 people on Sunday during the march.", "2024-05-10")
    assert x.counts == ()


def test_the_rights_group_is_the_rights_group_named_before(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The Zubr Rights Centre documented the trial, which the state agency Belinform covered. "
                     "The rights group estimates the country is holding about 1,150 political prisoners.", "2024-05-10")
    names = {e.key: e.name for e in x.entities}
    assert {(c.count, names.get(c.reporter or "")) for c in x.counts} == {(1150, "Zubr Rights Centre")}


def test_a_sentence_passed_in_absentia_jails_nobody(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("date 2024-05-06 A regional judge sentenced the leader of the opposition, Olga Dvorak, to twelve years in prison in absentia.\n"
            "Another dissident, Marek Zhuk, got nine years.\n"
            "Dvorak and Zhuk both live in Poland now.")
    assert _final(extract_text(text, "2024-05-06")) == {"Olga Dvorak": "exiled", "Marek Zhuk": "exiled"}
    # the same sentence passed in court with the defendant present is a jail term
    assert _final(extract_text(text.replace(" in absentia", "").replace("\nDvorak and Zhuk both live in Poland now.", ""),
                               "2024-05-06")) == {
        "Olga Dvorak": "jailed", "Marek Zhuk": "jailed"}


def test_a_place_named_in_a_group_name_is_not_a_person(extract_text) -> None:  # type: ignore[no-untyped-def]
    # the tagger reads the place as a person once, in the headline, and as a place elsewhere
    text = ("San Marino 12: ten students get jail terms after mass hearing\n"
            "A San Marino tribunal on Monday handed the students terms of two to six years. "
            'Olga Dvorak and Marek Zhuk were the first of the "San Marino 12" to hear their terms. '
            "Supporters gathered outside the courthouse in San Marino.")
    x = extract_text(text, "2024-05-10")
    assert "San Marino" not in {e.name for e in x.entities if e.kind == "person"}


@pytest.mark.parametrize("text", [
    "Envoy Karl Dvorak is concerned about hostages and political prisoners, he told reporters on Monday.",
    "At the request of his ally, President Ivan Dorov even agreed to free five jailed foreigners.",
    "President Ivan Dorov met the envoy in the capital and proposed discussing political prisoners.",
])
def test_who_speaks_of_prisoners_or_frees_them_is_not_held(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert "jailed" not in _final(extract_text(text, "2024-05-10")).values()


def test_someone_freed_in_a_story_about_political_prisoners_was_one(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("The country freed 14 prisoners on Monday. Those released include engineer Olga Dvorak, her lawyer said. "
            "Monitors count 1,100 political prisoners in the country.")
    assert "political prisoner" in _roles_of(extract_text(text, "2024-05-10"), "Olga Dvorak")
    # in exile after a sentence passed in absentia, nobody held her
    x = extract_text("The court sentenced the exiled opposition leader Olga Dvorak to 15 years in absentia. "
                     "Monitors count 1,100 political prisoners in the country.", "2024-05-10")
    assert "political prisoner" not in _roles_of(x, "Olga Dvorak")


@pytest.mark.parametrize("text", [
    # a rate, not a count
    "The Zubr Rights Centre reports on the crackdown. It has also recorded an average of 23 arbitrary arrests and detentions a day.",
    # a headline with a colon is not a list line
    "Ostrava 12: ten students jailed for two to six years after a mass hearing",
    # "remain" belongs to another clause, with a subject of its own
    "The release of 61 prisoners followed an appeal from abroad, although diplomats remain wary.",
])
def test_figures_that_are_no_prisoner_count(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [c.count for c in extract_text(text, "2024-05-10").counts] == []


def test_a_tally_since_a_clause_keeps_its_period(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The Public Defender's Office has counted more than 300 detentions since the rallies began.", "2024-05-10")
    assert [c.count for c in x.counts] == [300]


def test_a_year_naming_a_thing_does_not_date_an_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Karl Zhukov \u201cwas released on bond with a tracking bracelet,\u201d his lawyer Ivan Petrov was quoted as saying "
            "a day after a foreign minister claimed he had sent a new draft to revive the 2015 trade deal.")
    x = extract_text(text, "2022-08-01")
    assert [e.date for e in x.events if e.type == "release"] and all(e.date != "2015" for e in x.events)


def test_a_weekday_on_a_page_dated_to_its_month_gives_the_month(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Nineteen political prisoners have been pardoned, the Zubr Rights Centre said on Thursday.", "2024-03")
    assert [(e.type, e.count, e.date) for e in x.events] == [("pardon", 19, "2024-03")]
    x = extract_text("Nineteen political prisoners have been pardoned, the Zubr Rights Centre said on Thursday.", "2024")
    assert [e.date for e in x.events] == ["2024"]


def test_a_days_move_dates_the_act_just_told(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Ivan Dorov pardons 31 prisoners\n"
            "OSTRAVA (AP) \u2014 The office of President Ivan Dorov says he has pardoned 31 people held for \u201criot crimes.\u201d "
            "Tuesday\u2019s move was his fourth such gesture this year.")
    x = extract_text(text, "2024-09-05")
    assert [(e.type, e.count, e.date) for e in x.events] == [("pardon", 31, "2024-09-03")]


def test_a_wire_photo_marker_is_no_part_of_a_name_and_a_described_body_must_match(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("FILE - Ostrava Mayor Ivan Dorov speaks at a news conference in Ostrava, March 3, 2023.\n"
            "BRNO (AP) \u2014 Ostrava has freed 41 prisoners, the Polish president said Thursday.")
    x = extract_text(text, "2025-09-12")
    assert not any(e.name.startswith("FILE") for e in x.entities)
    names = {e.key: e.name for e in x.entities}
    assert all("Ostrava" not in names.get(c.reporter or "", "") for c in x.counts)


def test_found_dead_in_custody_is_a_death_in_custody(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Jailed blogger Karl Zhukov was found dead in his prison cell on Monday, his lawyer said.", "2025-02-12")
    assert _final(x) == {"Karl Zhukov": "died_in_custody"}
    x = extract_text("Blogger Karl Zhukov was found dead in a forest near his village on Monday, police said.", "2025-02-12")
    assert [e.type for e in x.events] == []


@pytest.mark.parametrize("text", [
    "Olga Dvorak, a political prisoner, was granted parole last week.",
    "Olga Dvorak, a political prisoner, was paroled last week.",
])
def test_parole_is_a_release(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2025-02-12")) == {"Olga Dvorak": "released"}


@pytest.mark.parametrize("text", [
    "One of those released is Karl Zhukov, who was detained in July.",
    "Another one of those freed is Karl Zhukov, one of the minors detained in the capital in July.",
])
def test_one_of_those_freed_is_freed(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2025-02-12")) == {"Karl Zhukov": "released"}


def test_a_serving_president_is_not_held_by_a_pronoun_alone(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Rights defender Ales Novak was freed on Saturday. Novak was nominated for a peace prize in 2012 while imprisoned. "
            "His group has helped thousands of people jailed for challenging President Ivan Dorov's policies.\n"
            "He was convicted of tax evasion and sentenced to four years in prison in November 2011.")
    assert _final(extract_text(text, "2014-06-22")).get("Ivan Dorov") == "free"


@pytest.mark.parametrize("text", [
    "The group is led by Mukhtar Zhunusov, the fugitive former head of a bank and an outspoken critic of the government.",
    "Mukhtar Zhunusov, the fugitive former head of a bank, has called for protests.",
])
def test_a_fugitive_critic_is_exiled(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2021-09-01")) == {"Mukhtar Zhunusov": "exiled"}


def test_free_on_bail_is_out_of_custody(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "Activist Olga Dvorak was sentenced to five years in prison on Monday. She remains free on bail pending an appeal."
    assert _final(extract_text(text, "2020-08-27")) == {"Olga Dvorak": "released"}


@pytest.mark.parametrize("text, name", [
    ("The Dorovka regime persecutes not only its own citizens but also foreigners.", "Dorovka"),
    ("Marchenko's regime has jailed thousands of critics since the vote.", "Marchenko"),
])
def test_a_ruler_named_by_surname_before_regime_is_a_person_and_free(extract_text, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2025-02-12")) == {name: "free"}


def test_a_capital_before_regime_is_no_ruler(extract_text) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text("The Minsk regime has jailed thousands.", "2025-02-12")) == {}


def test_the_country_of_an_office_is_no_part_of_the_holders_name(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("date 2024-11-07 Self-declared president of Belarus Aliaksandr Marchenko signed pardons for 31 people jailed for extremism.",
                     "2024-11-07")
    assert {e.name for e in x.entities if e.kind == "person"} == {"Aliaksandr Marchenko"}


# -- calls for a release, orders to arrest ------------------------------------

@pytest.mark.parametrize("text, name", [
    ("Rights groups urged the authorities in Varnia to release the blogger Tomas Dorov immediately.", "Tomas Dorov"),
    ("The authorities should immediately release activist Pavel Zhuk and drop all charges against him, a rights group said today.",
     "Pavel Zhuk"),
    ("The European Union called for the release of the journalist Olga Marchenko.", "Olga Marchenko"),
    ("Protesters demanded the immediate release of Ivan Dvorak, a former minister.", "Ivan Dvorak"),
])
def test_who_a_call_asks_to_free_is_held(extract_text, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2024-06-12")).get(name) == "jailed"


def test_those_who_sign_a_call_are_not_held(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("Over 100 artists signed a letter calling for the immediate release of Pavel Zhuk, "
                              "including the singer Anna Novak and the writer Olga Dvorak.", "2024-06-12"))
    assert got.get("Pavel Zhuk") == "jailed" and "jailed" not in (got.get("Anna Novak"), got.get("Olga Dvorak"))


@pytest.mark.parametrize("text", [
    "In December, the prosecutor ordered the arrest of a dozen opposition members, including the former speaker Ivan Novak.",
    "A court in the capital issued an arrest warrant for the former speaker Ivan Novak on Friday.",
])
def test_an_arrest_ordered_is_not_an_arrest(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-02-11")
    assert not [e for e in x.events if e.type == "arrest"]
    assert _final(x).get("Ivan Novak") != "jailed"


def test_a_group_that_must_be_freed_is_held_and_so_is_its_list(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Opposition leader Nadia Dvorak said on Thursday that 224 political prisoners in Varnia must be freed "
                     "urgently. The list includes the blogger Ivan Zhuk and the lawyer Olga Marchenko, whose health is failing.",
                     "2024-06-12")
    assert not [e for e in x.events if e.type == "release"]
    got = _final(x)
    assert got.get("Ivan Zhuk") == "jailed" and got.get("Olga Marchenko") == "jailed"


def test_a_list_after_a_call_to_free_its_people_is_held(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("\"These people need to be released immediately,\" Nadia Dvorak said. The list includes the "
                              "blogger Ivan Zhuk, who won a prize in 2022, and the lawyer Olga Marchenko.", "2024-06-12"))
    assert got.get("Ivan Zhuk") == "jailed" and got.get("Olga Marchenko") == "jailed"


# -- a year that names a thing --------------------------------------------------

def test_the_year_of_a_prize_does_not_date_a_pardon(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("President Ruslan Marchenko has pardoned the 2019 Sakharov Prize laureate, Oleg Dvorak, "
                     "the presidential press service said.", "2024-06-12")
    assert [e.date for e in x.events if e.type == "pardon"] == [None]


def test_the_year_of_another_act_still_dates_protests_after_it(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Months of mass protests followed the disputed 2020 presidential election in Varnia.", "2024-06-12")
    assert "2020" in [e.date for e in x.events if e.type == "protest"]


# -- who reports a figure ---------------------------------------------------------

def test_a_headlines_rights_group_is_the_one_the_story_names(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Varnia frees 12 political prisoners but 900 remain, rights group says\n"
                     "Twelve people were released on Monday, the Varnian Human Rights Centre said.", "2024-06-12")
    assert (900, "Varnian Human Rights Centre") in _counts(x)


def test_the_group_that_designates_prisoners_reports_the_figure(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The Varnian Human Rights Centre said 30 people were freed. The group has designated over 900 people "
                     "currently behind bars as political prisoners.", "2024-06-12")
    assert (900, "Varnian Human Rights Centre") in _counts(x)


def test_a_page_retelling_a_review_reports_as_its_author(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Human rights situation in Varnia in 2023\nDuring 2023, the number of political prisoners grew by 300, "
                     "the Varnian Human Rights Centre reports in its end-of-year review.\nAt least 1,285 people were convicted "
                     "in politically motivated criminal trials in 2023.", "2024-01-08")
    got = _counts(x)
    assert (1285, "Varnian Human Rights Centre") in got
    assert not [c for c in got if c[0] == 300]  # a change in the number counts no one


@pytest.mark.parametrize("text, figure", [
    ("As of March 5 there were 1,473 political prisoners in Varnia.", 1473),
    ("Right now 1423 persons are considered political prisoners in Varnia.", 1423),
])
def test_a_figure_of_the_present_needs_no_reporter(extract_text, text: str, figure: int) -> None:  # type: ignore[no-untyped-def]
    assert (figure, None) in _counts(extract_text(text, "2024-11-05"))


def test_a_name_before_a_rights_centre_names_the_reporter(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Zubr Foundation rights centre said on Monday that 480 political prisoners are currently held in Varnia.",
                     "2024-11-05")
    assert [c.count for c in x.counts] == [480] and x.counts[0].reporter is not None


# -- sentences served outside prison, acts a modal puts off ---------------------

@pytest.mark.parametrize("text, expected", [
    ("Activist Olga Dvorak was sentenced to two years in prison, while Anna Novak was handed a parole-like two-year sentence.",
     {"Olga Dvorak": "jailed", "Anna Novak": "released"}),
    ("Accountants Olga Dvorak and Anna Novak were handed three-year probation terms.",
     {"Olga Dvorak": "released", "Anna Novak": "released"}),
    ("Pavel Zhuk received a suspended sentence of two years.", {"Pavel Zhuk": "released"}),
    ("Pavel Zhuk was sentenced to life without parole.", {"Pavel Zhuk": "jailed"}),
])
def test_a_sentence_served_outside_prison_holds_no_one(extract_text, text: str, expected: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2024-06-12")) == expected


def test_a_release_a_party_would_ensure_is_not_a_release(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Opposition leader Ivan Zhuk said his party would ensure the release of Pavel Dvorak from prison. "
                     "Dvorak has been in prison since 2017.", "2022-03-10")
    assert not [e for e in x.events if e.type == "release"]
    assert _final(x).get("Pavel Dvorak") == "jailed"


# -- words of a name, the rulers of a regime --------------------------------------

@pytest.mark.parametrize("text", [
    "Pavel Zhuk, chairman of “Help for Political Prisoners. Zubr”, said the number keeps growing.",
    "Pavel Zhuk, head of the Committee for Political Prisoners, said the number keeps growing.",
])
def test_a_body_a_person_heads_says_nothing_of_their_custody(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2024-06-12")).get("Pavel Zhuk") != "jailed"


def test_the_rulers_of_a_regime_that_frees_are_not_freed(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("The regime of Daniel Marchenko and Rosa Dvorak released between 40 and 50 political "
                              "prisoners on Saturday.", "2024-06-12"))
    assert got == {"Daniel Marchenko": "free", "Rosa Dvorak": "free"}


def test_prisoners_the_state_killed_died_in_custody(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The regime has already killed five political prisoners – Ivan Zhuk, Pavel Dvorak, Olga Novak – "
                     "and continues to kill others.", "2024-06-12")
    assert _final(x) == {"Ivan Zhuk": "died_in_custody", "Pavel Dvorak": "died_in_custody", "Olga Novak": "died_in_custody"}
    assert [(e.type, e.count) for e in x.events] == [("death_in_custody", 5)]
    assert not extract_text("Police killed two protesters during the rally.", "2024-06-12").events


def test_a_leader_among_those_who_hail_a_release_is_not_released(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("European leaders, including EU foreign policy chief Kaja Novak and the foreign ministers of "
                              "two neighbours, welcomed the releases and called for action on those still held.", "2024-06-12"))
    assert got.get("Kaja Novak") != "released"


def test_held_over_a_protest_is_a_political_prisoner(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Pavel Zhuk, 20, was sentenced to five years in prison for taking part in a protest in the capital.", "2024-06-12")
    assert ("Pavel Zhuk", "political prisoner") in _roles(x)


def test_a_pardon_petition_is_no_political_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Among those released is Pavel Zhuk, who was sentenced in 2019 to seven years for fraud. "
                     "Zhuk filed a petition for a pardon.", "2024-06-12")
    assert ("Pavel Zhuk", "political prisoner") not in _roles(x)


def test_as_reported_by_names_the_reporter(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Since the crackdown began, more than 65,000 people have been detained, as reported by the Zubr Foundation "
                     "human rights group.", "2024-06-12")
    assert _counts(x) == {(65000, "Zubr Foundation")}


def test_a_group_that_speaks_at_the_start_of_its_sentences_is_no_dateline_city(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Two editors got long terms. Viasna reported on Monday that both were held in one colony.\n"
                     "Others left. Viasna counts close to 1,400 political prisoners held in the country today.", "2024-06-12")
    assert _counts(x) == {(1400, "Viasna")}


def test_a_journalists_association_reports_the_journalists_held_on_its_own_page(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.extract import extract
    from kg.records import Article

    text = "Media monitoring, May\nAt the end of May, 31 media workers from Varnia were still kept behind bars.\n"
    x = extract(Article(id="t", text=text, source="t.txt", sha256="0", published="2022-06-01",
                        outlet="Varnian Association of Journalists"), nlp)
    assert _counts(x) == {(31, "Varnian Association of Journalists")}


# -- sources of figures, opponents, names of bodies -----------------------------

@pytest.mark.parametrize("text", [
    "Human rights groups say some 1,300 political prisoners are being held in Ostravia.",
    "Rights groups estimate that 900 political prisoners remain behind bars in Ostravia.",
    "Ostravian human rights activists say about 700 people are held for political reasons.",
])
def test_a_kind_of_source_names_no_reporter(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-05-01")
    assert {n for _c, n in _counts(x)} == {None}, _counts(x)
    assert not any(e.kind == "organisation" and "groups" in e.name for e in x.entities)


def test_a_headline_rights_group_is_the_group_the_story_calls_one(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Ostravia lets 10 political prisoners go but 1,400 remain, rights group says\n\n"
                     "VELGRAD (Reuters) - The human rights group Zubr said the freed included a blogger and a lawyer.",
                     "2024-05-01")
    assert (1400, "Zubr") in _counts(x), _counts(x)


def test_opponents_of_a_ruler_do_not_make_the_ruler_an_opponent(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Ostravia on Friday handed opponents of President Ivan Dorov lengthy jail terms after convicting them.",
                     "2024-06-28")
    assert ("Ivan Dorov", "president") in _roles(x)
    assert ("Ivan Dorov", "opposition figure") not in _roles(x)
    y = extract_text("A critic of President Ivan Dorov, Pavel Zhukov, was jailed on Friday.", "2024-06-28")
    assert ("Pavel Zhukov", "opposition figure") in _roles(y)


@pytest.mark.parametrize("text, body", [
    ("Kazakh Dawn jailed Pavel Zhukov, an opposition leader, on Monday.", "Kazakh Dawn"),
    ('On June 24, the founders of the opposition movements "Strong Ostrava" and "Vox" were taken into custody.',
     "Strong Ostrava"),
])
def test_bodies_named_like_people_are_bodies(extract_text, text: str, body: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-06-28")
    kinds = {e.name: e.kind for e in x.entities}
    assert not any(body in name and kind == "person" for name, kind in kinds.items()), kinds
    assert all(body not in names for names in _final(x)), _final(x)


# -- releases ordered for a group, custody told of the past ----------------------

def test_a_release_of_detainees_from_several_cases_frees_the_names_listed(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("On Sunday, Ivan Dorov wrote that prosecutors decided on the release of another batch of remand "
                     "prisoners from several cases, including researcher Anna Marchenko, activist Pavel Zhukov, and "
                     "journalist Oleg Varnia.", "2022-05-30")
    final = _final(x)
    assert all(final.get(n) == "released" for n in ("Anna Marchenko", "Pavel Zhukov", "Oleg Varnia")), final
    assert any(e.type == "release" and len(e.persons) == 3 for e in x.events)


def test_detainees_whose_release_is_told_are_not_held(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The talks resumed.\nA decision on the release of political prisoners such as Pavel Zhukov was "
                     "announced on Sunday.", "2022-05-31")
    final = _final(x)
    assert final.get("Pavel Zhukov") == "released", final  # "political prisoners" is what they were until then


@pytest.mark.parametrize("text", [
    "Sixteen of the defendants are followers of formerly imprisoned mystic Ivan Dorov.",
    "Many of the accused are supporters of previously jailed preacher Ivan Dorov.",
])
def test_custody_put_in_the_past_is_a_release(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text(text, "2022-05-30")).get("Ivan Dorov") == "released"


def test_custody_told_now_stays(extract_text) -> None:  # type: ignore[no-untyped-def]
    assert _final(extract_text("Imprisoned activist Ivan Dorov wrote a letter from his cell.", "2022-05-30")).get("Ivan Dorov") == "jailed"


# -- whose, handed sentences, freedom gained -------------------------------------

def test_whose_names_the_one_the_act_is_about(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The footage became the last video of Ivan Dorov, whose death in an Arctic prison colony is described "
                     "as murder.", "2024-06-28")
    assert _final(x).get("Ivan Dorov") == "died_in_custody"
    y = extract_text("Ivan Dorov, whose arrest in May shocked his colleagues, remains in custody.", "2024-06-28")
    assert any(e.type == "arrest" and e.persons for e in y.events)


def test_sentences_handed_to_people_sentence_them(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The harshest sentences were handed to former lawmakers Anna Marchenko, Pavel Zhukov and Oleg Varnia.",
                     "2024-06-28")
    assert any(e.type == "sentencing" and len(e.persons) == 3 for e in x.events)
    assert all(s == "jailed" for s in _final(x).values())


@pytest.mark.parametrize("text", [
    "Others, such as blogger Pavel Zhukov and several more detainees, gained freedom as well.",
    "Pavel Zhukov regained his freedom on Friday after five years in prison.",
])
def test_freedom_gained_is_a_release_of_the_one_who_gains_it(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-06-28")
    assert _final(x).get("Pavel Zhukov") == "released", _final(x)


def test_the_one_stood_against_is_not_the_one_sentenced(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("A judge on Monday sentenced a politician who had stood against leader Ivan Dorov in a contested "
                     "vote to prison.", "2024-06-28")
    assert _final(x).get("Ivan Dorov") != "jailed", _final(x)


# -- who gives a figure: a pronoun, a report and its author --------------------------

@pytest.mark.parametrize("text, reporter", [
    ("Ostravia's opposition leader Irma Dorova spoke in Vilnius on Monday. However, she stressed that more than "
     "900 people jailed for political reasons are still being held.", "Irma Dorova"),
    ("The rights group Zubr Watch presented a report on Monday. According to the report, 286 people remain "
     "political prisoners in Ostravia.", "Zubr Watch"),
    ("The rights group Zubr Watch presented a report that reveals that almost 12,000 people have been detained "
     "for political reasons since 2014.", "Zubr Watch"),
    ("The group Zubr Watch has published a document denouncing that among 1,158 people now jailed for "
     "political reasons, most were detained during protests.", "Zubr Watch"),
])
def test_the_speaker_or_author_behind_a_figure_reports_it(extract_text, text: str, reporter: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-06-28")
    assert any(r == reporter for _n, r in _counts(x)), _counts(x)


def test_a_report_read_elsewhere_names_no_author(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Pavel Zhukov read the news in a cafe. According to the report, 286 people remain political "
                     "prisoners in Ostravia.", "2024-06-28")
    assert (286, None) in _counts(x), _counts(x)


# -- a source closing the sentence, namesakes, a lede's unnamed person, the past perfect ---

def test_a_name_before_the_agency_that_reports_is_the_acts_object(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Ostravian authorities have pardoned Ivan Dorov, the state news agency reported Monday.", "2023-05-22")
    assert _final(x).get("Ivan Dorov") == "pardoned", _final(x)
    assert any(e.type == "pardon" and e.persons for e in x.events)


def test_the_group_that_reports_is_no_apposition(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Police detained opposition activist Ivan Dorov, the Zubr rights group said on Friday.", "2023-05-22")
    assert ("Ivan Dorov", "human rights defender") not in _roles(x), _roles(x)
    assert _final(x).get("Ivan Dorov") == "jailed"


def test_a_shared_surname_is_the_one_named_before_or_not_the_relative(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Authorities freed the blogger Ivan Marchenko on Monday.\n\nMarchenko, 27, was arrested in 2021.\n\n"
                     "\"He is a hostage,\" said his mother Anna Marchenko.\n\nMarchenko was sentenced to eight years in May.", "2023-05-22")
    names = {e.key: e.name for e in x.entities}
    acts = sorted((e.type, names[p]) for e in x.events for p in e.persons)
    assert acts == [("arrest", "Ivan Marchenko"), ("release", "Ivan Marchenko"), ("sentencing", "Ivan Marchenko")], acts


@pytest.mark.parametrize("text, name, status", [
    ("Judges in Ostravia jailed a young blogger for four years on Wednesday over one angry post, which his lawyer "
     "called a first. Ivan Dorov, 30, wrote the post during protests.", "Ivan Dorov", "jailed"),
    ("A rights activist who served as a deputy has been pardoned by the president. Pavel Zhukov, a member of the "
     "pardon committee, said the decision came on Monday.", "Pavel Zhukov", None),
])
def test_a_ledes_unnamed_person_is_the_one_the_next_sentence_opens_with(extract_text, text: str, name: str, status: str | None) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2019-09-05")
    names = {e.key: e.name for e in x.entities}
    in_acts = {names[p] for e in x.events for p in e.persons}
    if status:
        assert _final(x).get(name) == status and name in in_acts, (_final(x), in_acts)
    else:
        assert name not in in_acts, in_acts  # a speaker opening the next sentence is not the one described


@pytest.mark.parametrize("text, status", [
    ("It comes two months after opposition figure Ivan Dorov was released in July. Dorov, a blogger, had been sentenced "
     "to 18 years in prison.", "released"),
    ("The foreign ministry said on Friday that the three, Ivan Dorov, Anna Marchenko and Oleg Varnia, had been released.",
     "released"),
])
def test_the_past_perfect_tells_of_before_the_story_unless_it_reports_it(extract_text, text: str, status: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2025-09-11")
    assert _final(x).get("Ivan Dorov") == status, _final(x)


# -- the freed of a pardon listed after a colon, a name NER called a place, a freed title ---

@pytest.mark.parametrize("opening, status", [
    ("The president pardoned 300 people on Monday. ", "pardoned"),
    ("Ostravia freed 300 prisoners on Monday. ", "released"),
])
def test_of_those_freed_the_names_after_the_colon(extract_text, opening: str, status: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(opening + "Of those released, just two were among the detainees rights groups call political prisoners: "
                     "Ivan Dorov, a party leader, and Anna Marchenko, a rights defender.", "2023-05-22")
    assert _final(x).get("Ivan Dorov") == status and _final(x).get("Anna Marchenko") == status, _final(x)


def test_a_name_in_a_list_of_names_is_a_person(nlp) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Span

    from kg.extract.mentions import find_mentions

    doc = nlp("Prominent democracy activists Joshua Zhukov, Agnes Varnia and Ivan Dorov have been given jail sentences.")
    # NER, as on real pages, calls the middle name a place; the two beside it persons
    doc.ents = [Span(doc, 3, 5, label="PERSON"), Span(doc, 6, 8, label="LOC"), Span(doc, 9, 11, label="PERSON")]
    kinds = {m.text: m.kind for m in find_mentions(doc)}
    assert kinds == {"Joshua Zhukov": "person", "Agnes Varnia": "person", "Ivan Dorov": "person"}, kinds
    doc = nlp("Protesters marched from Agnes Varnia to the square.")
    doc.ents = [Span(doc, 3, 5, label="LOC")]
    assert [m.kind for m in find_mentions(doc)] == ["place"]


@pytest.mark.parametrize("text, status", [
    ("The beatings went on for months, released political prisoner Ivan Dorov recounted.", "released"),
    ("Recently freed political prisoner Ivan Dorov said the guards beat him.", "released"),
    ("Jailed political prisoner Ivan Dorov wrote a letter.", "jailed"),
])
def test_a_freed_title_tells_of_a_release(extract_text, text: str, status: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-05-01")
    assert _final(x).get("Ivan Dorov") == status, _final(x)


@pytest.mark.parametrize("text", [
    "Judges in the capital jailed a politician who had stood against leader Ivan Zhukov in a disputed vote for 18 months "
    "on Monday.\n\nAnna Marchenko, 41, was sentenced in the capital, the rights group said.",
    "OSTRAVA — A court on Monday sentenced a jailed opponent of hardline President Ivan Zhukov to one more year in a "
    "penal colony.\n\n"
    "Anna Marchenko was arrested in 2021 during the crackdown.",
])
def test_a_ledes_description_is_the_named_persons(extract_text, text: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-08-02")
    assert ("Anna Marchenko", "opposition figure") in _roles(x), _roles(x)
    assert _final(x).get("Anna Marchenko") == "jailed", _final(x)
    assert ("Ivan Zhukov", "opposition figure") not in _roles(x)


# -- custody told by a hunger strike, a given name alone, a source before the name --------

@pytest.mark.parametrize("text, status", [
    ("Prisoners in Ostravia face harsh conditions. Ivan Dorov has been on a dry hunger strike for five days.", "jailed"),
    ("Prisoners in Ostravia face harsh conditions. Pavel Zhukov is handcuffed whenever he leaves his cell.", "jailed"),
    ("Prisoners in Ostravia face harsh conditions. Supporters of Ivan Dorov held a hunger strike outside an embassy.", None),
])
def test_a_hunger_strike_or_handcuffs_tell_of_custody(extract_text, text: str, status: str | None) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-08-02")
    name = "Pavel Zhukov" if "Zhukov" in text else "Ivan Dorov"
    assert _final(x).get(name) == status, _final(x)


def test_a_given_name_alone_is_the_person_named_in_full_before(nlp) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Span

    from kg.extract.mentions import find_mentions, group_mentions

    doc = nlp("Political prisoner Henadz Varnia went on a hunger strike. Henadz was accused of resisting a policeman. "
              "Vladimir Zhukov was fined in the Vladimir region.")
    # NER, as on real pages, calls the lone given name an organisation
    ents = [Span(doc, 2, 4, label="PERSON"), Span(doc, 10, 11, label="ORG"), Span(doc, 18, 20, label="PERSON"),
            Span(doc, 24, 25, label="GPE")]
    assert [s.text for s in ents] == ["Henadz Varnia", "Henadz", "Vladimir Zhukov", "Vladimir"]
    doc.ents = ents
    index = group_mentions(doc, find_mentions(doc))
    keys = {doc[s:e].text: k for s, e, k in index.spans}
    assert keys["Henadz"] == keys["Henadz Varnia"], keys
    assert keys.get("Vladimir") != keys["Vladimir Zhukov"], keys  # a place is no given name


def test_a_source_before_the_name_is_no_title(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Political prisoner Artsiom Dorov was freed after two years in prison. According to the rights group, "
                     "Artsiom was released on November 8.", "2023-12-06")
    assert ("Artsiom Dorov", "human rights defender") not in _roles(x), _roles(x)


def test_a_non_custodial_term_of_another_in_the_same_sentence(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Ivan Dorov was detained in May. The court gave him four years in prison on Friday, and his brother - "
                     "one year of restriction of liberty.", "2021-12-10")
    assert _final(x).get("Ivan Dorov") == "jailed", _final(x)


@pytest.mark.parametrize("text, roles", [
    ("An Ostravian court has sentenced three members of the opposition Civic Party for joining a march. Ivan Dorov and "
     "Anna Marchenko got two years on Monday, while Oleg Varnia got three.", {"opposition figure"}),
    ("An Ostravian court has sentenced three lawyers of opposition leader Pavel Zhukov for passing on his letters. Ivan "
     "Dorov and Anna Marchenko got two years on Monday, while Oleg Varnia got three.", set()),
])
def test_a_counted_group_is_the_people_the_next_sentence_names(extract_text, text: str, roles: set[str]) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-11-02")
    for name in ("Ivan Dorov", "Anna Marchenko", "Oleg Varnia"):
        assert {r for n, r in _roles(x) if n == name} & {"opposition figure"} == roles, _roles(x)


# -- an own page's figures under the name the text gives the group -------------------------

def test_an_own_page_reports_under_the_name_its_text_gives(nlp) -> None:  # type: ignore[no-untyped-def]
    text = ("Human Rights Center \u201cZubr\u201d publishes its monthly review.\n\n"
            "At least 25 political prisoners were released in November, according to human rights defenders.\n\n"
            "There are currently 1,412 political prisoners in the country.")
    x = _extract_from(nlp, text, "Zubr Human Rights Centre (zubr.example)")
    names = {e.key: e.name for e in x.entities}
    got = {(c.count, names.get(c.reporter or "")) for c in x.counts}
    assert {n for _c, n in got} == {"Zubr"} and {c for c, _n in got} >= {25, 1412}, got  # the text's name, not the outlet's


def test_the_freed_listed_after_a_colon_behind_the_acts_own_verbs(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Rights activists found out that 17 political prisoners had served their terms and were released: "
                     "Ivan Dorov, Anna Marchenko, Oleg Varnia.", "2024-04-01")
    assert _final(x) == {"Ivan Dorov": "released", "Anna Marchenko": "released", "Oleg Varnia": "released"}, _final(x)
    names = {e.key: e.name for e in x.entities}
    assert [sorted(names[p] for p in e.persons) for e in x.events if e.type == "release"] == [
        ["Anna Marchenko", "Ivan Dorov", "Oleg Varnia"]], x.events
    assert not any(r == "human rights defender" for _n, r in _roles(x)), _roles(x)  # the activists tell it


def test_a_named_person_and_n_others_are_n_plus_one(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Opposition leader Ivan Dorov and 13 other prisoners were freed on Saturday and crossed into a "
                     "neighbouring country, its government said.", "2025-06-21")
    assert [e.count for e in x.events if e.type == "release"] == [14], x.events


@pytest.mark.parametrize("text, count, reporter", [
    # a source told in a relative clause
    ("Her whereabouts are unknown, said a leader of the civic group Foro Zubr, which estimates the government is "
     "holding 261 political prisoners.", 261, "Foro Zubr"),
    # a denunciation names the source of its figure
    ("The Association for Ostravian Political Prisoners denounced that some 4,120 people who marched after the vote "
     "remain in jail today.", 4120, "Association for Ostravian Political Prisoners"),
    # a country's possessive before a body's name is not part of it
    ("Laos has jailed two reporters. According to Laos\u2019s Assistance Association for Political Prisoners, some 90 "
     "reporters are now held in the country.", 90, "Assistance Association for Political Prisoners"),
    # an office named with a possessive reports
    ("The attorney general's office said on Monday it had freed more than 1,500 of the 2,000 people held after the "
     "vote.", 1500, "attorney general's office"),
])
def test_the_source_of_a_figure_as_the_sentence_names_it(extract_text, text: str, count: int, reporter: str) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(text, "2024-05-01")
    assert (count, reporter) in _counts(x), _counts(x)
