"""The custody-cue fallback (``kg/extract/cues.py`` and ``kg/data/status_cues.jsonl``):
people the event rules say nothing about take the cue of the first sentence that
names them with one, unless the cue is about someone else.  Names are invented; the
sentences copy no article.
"""
from __future__ import annotations

import json
from importlib import resources

import pytest

from kg.records import STATUSES


def _final(x) -> dict[str, tuple[str, str]]:  # type: ignore[no-untyped-def]
    names = {e.key: e.name for e in x.entities}
    out: dict[str, tuple[str, str]] = {}
    for s in x.statuses:
        out[names[s.person]] = (s.status, s.evidence.method)
    return out


def test_pattern_file_is_valid_and_labels_are_statuses() -> None:
    lines = resources.files("kg").joinpath("data/status_cues.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines if line.strip()]
    assert len(rows) >= 10
    ids = [r["id"] for r in rows]
    assert len(ids) == len(set(ids)), "pattern ids are unique"
    for r in rows:
        assert r["label"] in STATUSES
        assert isinstance(r["pattern"], list) and r["pattern"]


def test_patterns_compile_into_a_matcher(nlp) -> None:  # type: ignore[no-untyped-def]
    from kg.extract.cues import cue_matcher, cues_in

    assert len(cue_matcher(nlp.vocab)) >= 5
    doc = nlp("The editor died in a penal colony after years behind bars.")
    labels = [label for label, _tok in cues_in(next(doc.sents))]
    # the longer match wins where two overlap: "died in a penal colony" over "in a penal colony"
    assert labels[0] == "died_in_custody"
    assert "jailed" in labels


@pytest.mark.parametrize("text, name, status", [
    # a long list with titles and organisations after each name: the parse breaks, the cue holds
    ("Members of the Zubr monitor, its founder Pavel Zhuk, deputy head Olga Dvorak (also a lecturer), and "
     "volunteer Kirill Sokol, are serving their sentences in penal colonies.", "Kirill Sokol", "jailed"),
    # a description of the name
    ("The ministry named Timur Aliev, who has been behind bars since March, as one of the organisers.",
     "Timur Aliev", "jailed"),
    # two acts in a row told of the same person: the later one
    ("The ministry later named Yana Lebed, who was detained at the march and freed a week later, as a witness.",
     "Yana Lebed", "released"),
    ("Reporters spoke to Yana Lebed, detained at the march in May and freed a week later.", "Yana Lebed", "released"),
    # "in absentia" outranks the nearer prison term
    ("The regional court sentenced the exiled blogger Rauf Mamedov to 12 years in prison in absentia.",
     "Rauf Mamedov", "exiled"),
])
def test_a_cue_names_the_person(extract_text, text: str, name: str, status: str) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text(text, "2024-05-10"))
    assert got.get(name, ("unknown",))[0] == status


@pytest.mark.parametrize("text, name", [
    # the one who acts
    ("Governor Lala Guseinova detained three reporters on Monday.", "Lala Guseinova"),
    # the one who speaks
    ("\"They were arrested for their reporting,\" said Oleg Gromov, a lawyer.", "Oleg Gromov"),
    # a cue said of another name in the sentence
    ("Dmitri Volkov, the brother of jailed reporter Maxim Orlov, gave an interview.", "Dmitri Volkov"),
    # a cue that modifies a thing
    ("Lala Guseinova chairs the pardon committee of the regional council.", "Lala Guseinova"),
    # a demand is not an act
    ("Andrei Kozlov called for the release of the students.", "Andrei Kozlov"),
    # negation
    ("Maria Petrova was not detained, her colleagues said.", "Maria Petrova"),
])
def test_a_cue_about_others_gives_nothing(extract_text, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text(text, "2024-05-10"))
    assert got.get(name, ("unknown", ""))[0] not in ("jailed", "released", "pardoned", "exiled", "died_in_custody")


def test_the_first_cued_sentence_counts_and_is_the_evidence(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("Members of the Zubr monitor, its founder Pavel Zhuk, deputy head Olga Dvorak (also a lecturer), and "
            "volunteer Kirill Sokol, are serving their sentences in penal colonies.\n\n"
            "In 2019 Kirill Sokol was released early from an earlier term.")
    x = extract_text(text, "2024-05-10")
    names = {e.key: e.name for e in x.entities}
    mine = [s for s in x.statuses if names[s.person] == "Kirill Sokol"]
    assert [s.status for s in mine][-1] == "jailed"
    assert mine[-1].evidence.sentence.startswith("Members of the Zubr monitor")


# -- free: an office, a family tie or a speaking role, and no custody cue ----------

@pytest.mark.parametrize("text, name, status", [
    ("Interior Minister Rauf Mamedov visited the border post on Monday.", "Rauf Mamedov", "free"),
    ("The appeal was heard by a panel chaired by Oleg Gromov.", "Oleg Gromov", "free"),
    ("\"We will keep counting,\" the group's director, Lala Guseinova, said on Friday.", "Lala Guseinova", "free"),
    ("His sister Olga Dvorak posted a photograph of the family.", "Olga Dvorak", "free"),
    # a director who does not speak is not told as free: the title alone says nothing of custody
    ("Among the names on the list is Pavel Zhuk, director of a small theatre.", "Pavel Zhuk", None),
    # a former minister holds no office
    ("Former minister Kirill Sokol published a memoir in March.", "Kirill Sokol", None),
])
def test_free_needs_an_office_a_tie_or_speech(extract_text, text: str, name: str, status) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text(text, "2024-05-10"))
    assert got.get(name, (None, ""))[0] == status


def test_a_custody_cue_outranks_a_title(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("Former interior minister Kirill Sokol, who has been in custody since March, "
                              "said in a letter that he was innocent.", "2024-05-10"))
    assert got["Kirill Sokol"][0] == "jailed"


# -- members of a group told before -------------------------------------------

@pytest.mark.parametrize("text, names, status", [
    ("Dozens of teachers have been detained since the spring strike.\n\n"
     "Among them are Olga Dvorak, head of a village school, and the union organiser Kirill Sokol.",
     ["Olga Dvorak", "Kirill Sokol"], "jailed"),
    ("Eleven reporters of the weekly remain behind bars.\n\n"
     "These include editor-in-chief Timur Aliev, photographer Lala Guseinova (also a lecturer) and Rauf Mamedov.",
     ["Timur Aliev", "Lala Guseinova", "Rauf Mamedov"], "jailed"),
    # the group and its members in one sentence, with "include" between them
    ("Other critics arrested on spurious charges include former diplomat Pavel Zhuk and economist Yana Lebed.",
     ["Pavel Zhuk", "Yana Lebed"], "jailed"),
])
def test_members_of_a_group_told_before(extract_text, text: str, names: list[str], status: str) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text(text, "2024-05-10"))
    assert {n: got.get(n, ("unknown",))[0] for n in names} == {n: status for n in names}


def test_a_committee_named_for_pardons_is_not_a_pardon(extract_text) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text("The pardon committee now comprises lawyer Oleg Gromov and the poet Maria Petrova.",
                              "2024-05-10"))
    assert got.get("Oleg Gromov", ("unknown",))[0] != "pardoned"
    assert got.get("Maria Petrova", ("unknown",))[0] != "pardoned"


# -- roles a list or group description gives its members ------------------------

def _roles(x) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    names = {e.key: e.name for e in x.entities}
    out: dict[str, set[str]] = {}
    for r in x.roles:
        out.setdefault(names[r.entity], set()).add(r.role)
    return out


def test_role_patterns_name_known_roles() -> None:
    from kg.extract.cues import load_patterns
    from kg.records import ROLES

    assert {p["label"] for p in load_patterns("role_cues.jsonl")} <= set(ROLES)


@pytest.mark.parametrize("text, name, role", [
    ("Other government critics detained on spurious charges include former diplomat Pavel Zhuk and economist Yana Lebed.",
     "Yana Lebed", "opposition figure"),
    ("The court jailed Timur Aliev, a member of the Popular Front Party of Zubria, for six years.",
     "Timur Aliev", "opposition figure"),
    ("Among them is the veteran dissident Oleg Gromov, who has been held since 2021.", "Oleg Gromov", "opposition figure"),
    ("Among those pardoned were former presidential candidate Kirill Sokol and the poet Yana Lebed.",
     "Kirill Sokol", "opposition figure"),
    ("The court upheld a nine-year sentence for Olga Dvorak, journalist and prominent dissident, on Monday.",
     "Olga Dvorak", "opposition figure"),
])
def test_a_group_or_list_description_gives_a_role(extract_text, text: str, name: str, role: str) -> None:  # type: ignore[no-untyped-def]
    assert role in _roles(extract_text(text, "2024-05-10")).get(name, set())


@pytest.mark.parametrize("text, name", [
    # one member's own title is not the others'
    ("Local media named several of the freed, including opposition politician Mikola Zhuk, philosopher "
     "Vladimir Sokol and the poet Olga Petrova.", "Vladimir Sokol"),
    # the object of an act is no title of the one who acts
    ("Governor Rauf Mamedov has cracked down on the opposition since 2020.", "Rauf Mamedov"),
])
def test_a_role_word_about_others_gives_nothing(extract_text, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    assert "opposition figure" not in _roles(extract_text(text, "2024-05-10")).get(name, set())


@pytest.mark.parametrize("text, name, status", [
    # a name inside another's description is not a list mate
    ("Pavel Zhuk, the best-known critic of Governor Rauf Mamedov, has died in a penal colony.", "Rauf Mamedov", "free"),
    # the one whose visit came before a release was not freed
    ("Yana Lebed was one of nine prisoners freed in June after a visit to the capital by envoy Oleg Gromov.",
     "Oleg Gromov", "free"),
    # in hiding inside the country is free (and outranks an arrest told of someone else)
    ("Kirill Sokol left for Spain after a warrant was issued for his arrest, while Olga Dvorak is in hiding.",
     "Olga Dvorak", "free"),
])
def test_cues_said_of_someone_else(extract_text, text: str, name: str, status) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text(text, "2024-05-10"))
    assert got.get(name, (None, ""))[0] == status


def test_a_name_after_a_critic_of_someone_is_the_critic(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("A left-wing critic of Governor Rauf Mamedov, Pavel Zhuk, was sentenced to six years in a penal "
                     "colony on Thursday.", "2024-05-10")
    got = _final(x)
    assert got["Pavel Zhuk"][0] == "jailed"
    assert got.get("Rauf Mamedov", (None,))[0] == "free"
    assert "opposition figure" in _roles(x)["Pavel Zhuk"]
    assert "opposition figure" not in _roles(x).get("Rauf Mamedov", set())


# -- the opening, and the one who acts ------------------------------------------

def test_the_opening_cue_is_the_news_even_when_the_parse_misses_the_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("TALLINN (Wire) -Zubria's head of state Rauf Mamedov pardoned the well-known campaigner Pavel Zhuk and "
            "eleven other convicts, the state broadcaster reported.\n\n"
            "Zhuk had been held since 2016 and was given 14 years in 2018.")
    got = _final(extract_text(text, "2023-08-19"))
    assert got["Pavel Zhuk"][0] == "pardoned"
    assert got.get("Rauf Mamedov", ("free",))[0] == "free"


@pytest.mark.parametrize("text, name", [
    ("Rauf Mamedov, Zubria's long-time ruler, freed 64 jailed dissidents this week.", "Rauf Mamedov"),
    ("Ayatollah Rauf Mamedov approved an amnesty covering thousands of inmates, among them people detained "
     "during last year's strikes.", "Rauf Mamedov"),
])
def test_the_ruler_who_frees_is_not_freed(extract_text, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    got = _final(extract_text(text, "2024-05-10"))
    assert got.get(name, ("free",))[0] == "free"


# -- freeing still to come, and groups left out of one ---------------------------

def test_a_freeing_still_to_come_leaves_them_held(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Separately, the lawyer Oleg Gromov said that the blogger Pavel Zhuk and the union organiser "
                     "Yana Lebed will also be released.", "2024-05-10")
    got = _final(x)
    assert got["Pavel Zhuk"][0] == "jailed" and got["Yana Lebed"][0] == "jailed"


def test_a_group_left_out_of_a_pardon_is_still_held(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("The governor pardoned 40 convicts on Monday.\n\n"
            "Missing from the amnesty were the best-known dissidents. These include Kirill Sokol, a poet; "
            "Maria Petrova, who was jailed in 2021; and Timur Aliev.")
    got = _final(extract_text(text, "2024-05-10"))
    assert got["Kirill Sokol"][0] == "jailed"
    assert got["Timur Aliev"][0] == "jailed"


def test_these_point_back_to_the_last_group_told(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("The governor pardoned 40 convicts on Monday, but some 900 people remain behind bars.\n\n"
            "These include the economist Olga Dvorak and the editor Rauf Mamedov.")
    got = _final(extract_text(text, "2024-05-10"))
    assert got["Olga Dvorak"][0] == "jailed" and got["Rauf Mamedov"][0] == "jailed"


def test_members_of_a_rights_group_are_rights_defenders(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The court sentenced three members of the human rights group Zubr Watch: Pavel Zhuk, Olga Dvorak "
                     "and Kirill Sokol.\n\nZhuk, along with Zubr Watch members Yana Lebed, Timur Aliev and Maria "
                     "Petrova, has been held since 2021.", "2024-05-10")
    roles = _roles(x)
    for name in ("Olga Dvorak", "Kirill Sokol", "Yana Lebed", "Timur Aliev", "Maria Petrova"):
        assert "human rights defender" in roles.get(name, set()), name
