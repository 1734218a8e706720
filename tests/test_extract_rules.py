"""Extraction rules on hand-written sentences (not the development articles).

Each test names the language phenomenon it pins down.  These load the real spaCy
model, so they are marked ``model``.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.model


def _names(x, keys):  # type: ignore[no-untyped-def]
    return sorted(x.entity(k).name for k in keys)


def _final_status(x, name: str) -> str | None:  # type: ignore[no-untyped-def]
    key = next(e.key for e in x.entities if e.name == name)
    claims = [s for s in x.statuses if s.person == key]
    return claims[-1].status if claims else None


def test_pardon_with_count_agent_and_weekday(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("President Marko Danilov pardoned 12 prisoners on Tuesday, his office said.", "2023-05-19")
    [e] = [e for e in x.events if e.type == "pardon"]
    assert (e.count, e.date, x.entity(e.agent).name) == (12, "2023-05-16", "Marko Danilov")


def test_counts_split_by_gender_are_summed(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The office said it had pardoned 9 women and 11 men.", "2023-05-19")
    assert [e.count for e in x.events if e.type == "pardon"] == [20]


def test_spelled_out_count_with_qualifier(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Police detained more than two dozen protesters in the capital on Sunday.", "2022-03-08")
    [e] = [e for e in x.events if e.type == "arrest"]
    assert (e.count, e.count_qualifier, e.date) == (24, "more than", "2022-03-06")


def test_negated_release_is_not_a_release(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The journalist Tomas Varga was not among those freed. He remains in prison.", "2021-01-10")
    assert not [e for e in x.events if e.type == "release"]
    assert _final_status(x, "Tomas Varga") == "jailed"


def test_hedged_pardon_is_not_a_pardon(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Officials said the activist Irina Sokolova may be pardoned later this year.", "2021-01-10")
    assert not [e for e in x.events if e.type == "pardon"]
    assert _final_status(x, "Irina Sokolova") is None


def test_offer_of_pardon_is_not_a_pardon(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The government offered a pardon to the dissident Anton Berg, who refused it.", "2021-01-10")
    assert not [e for e in x.events if e.type == "pardon"]


def test_expected_release_is_not_a_release(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The blogger Lena Orlik is expected to be released next week.", "2021-01-10")
    assert not [e for e in x.events if e.type == "release"]


def test_group_list_inherits_role_and_status(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(
        "No leading opposition figures have been released. "
        "They include Daria Mirova, who led the 2019 protests, and Pavel Ostrov.",
        "2024-02-01",
    )
    for name in ("Daria Mirova", "Pavel Ostrov"):
        key = next(e.key for e in x.entities if e.name == name)
        assert (key, "opposition figure") in {(r.entity, r.role) for r in x.roles}
        assert _final_status(x, name) == "jailed"


def test_later_release_ends_jailing(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(
        "The opposition politician Viktor Lenski was arrested in March 2021. "
        "He was released in June 2023 after serving his term.",
        "2024-01-05",
    )
    assert _final_status(x, "Viktor Lenski") == "released"


def test_exiled_title_and_dateline_are_not_actors(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(
        "RIGA, Latvia (AP) — Exiled opposition leader Nina Kovalenka welcomed the release of 15 prisoners on Monday.",
        "2024-06-12",
    )
    assert _final_status(x, "Nina Kovalenka") == "exiled"
    [e] = [e for e in x.events if e.type == "release"]
    assert e.count == 15 and e.agent is None


def test_reported_count_with_reporter(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The rights group Libertas estimates there are currently about 2,300 political prisoners.", "2024-06-12")
    [c] = x.counts
    assert (c.count, c.qualifier, x.entity(c.reporter).name) == (2300, "about", "Libertas")


def test_husband_and_wife_are_two_people(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(
        "Alena Barysevskaya entered the race after her husband, the blogger Ihar Barysevski, was arrested.",
        "2020-08-01",
    )
    people = sorted(e.name for e in x.entities if e.kind == "person")
    assert people == ["Alena Barysevskaya", "Ihar Barysevski"]
    assert _final_status(x, "Ihar Barysevski") == "jailed"
    assert [(r.predicate) for r in x.relations if r.predicate == "spouse_of"] == ["spouse_of"]


def test_provenance_offsets_point_at_the_sentence(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = "First line here.\nPresident Marko Danilov pardoned 12 prisoners on Tuesday."
    x = extract_text(text, "2023-05-19")
    [e] = [e for e in x.events if e.type == "pardon"]
    assert text[e.evidence.start:e.evidence.end] == e.evidence.sentence
    assert e.evidence.sentence.startswith("President Marko Danilov")


# --- coreference --------------------------------------------------------------------


def test_age_description_refers_back_to_the_person(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The rights lawyer Anna Petrenka, 46, was detained in March. The 46-year-old was sentenced on Monday.", "2024-06-12")
    [s] = [e for e in x.events if e.type == "sentencing"]
    assert _names(x, s.persons) == ["Anna Petrenka"] and s.date == "2024-06-10"


def test_title_description_refers_back_to_the_person(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Nobel laureate Ivan Korsak was arrested in 2021. The Nobel laureate was freed on Friday.", "2024-06-12")
    [r] = [e for e in x.events if e.type == "release"]
    assert _names(x, r.persons) == ["Ivan Korsak"] and r.date == "2024-06-07"
    assert _final_status(x, "Ivan Korsak") == "released"


def test_pronoun_after_husband_apposition(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(
        "Opposition leader Olena Marchuk fled in 2020. Her husband, the blogger Taras Marchuk, was arrested in May. "
        "He was released last month.", "2024-06-12")
    assert _final_status(x, "Olena Marchuk") == "exiled"
    assert _final_status(x, "Taras Marchuk") == "released"


# --- clauses and hedges ---------------------------------------------------------------


def test_relative_clause_is_not_under_the_main_hedge(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The journalist Karin Olsen, who was arrested in 2019, is expected to be released next week.", "2024-06-12")
    assert [(e.type, e.date) for e in x.events] == [("arrest", "2019")]
    assert _final_status(x, "Karin Olsen") == "jailed"


# --- dates ----------------------------------------------------------------------------


def test_background_event_keeps_its_own_year(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Security forces arrested 1,200 people, the ministry said. In 2019, police had detained 300 protesters.", "2024-06-12")
    assert sorted((e.count, e.date) for e in x.events) == [(300, "2019"), (1200, None)]  # no invented date


def test_held_since_dates_the_arrest_to_its_start(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Pavel Drozd has been in prison since 2020.", None)
    assert [(e.type, e.date) for e in x.events] == [("arrest", "2020")]
    assert _final_status(x, "Pavel Drozd") == "jailed"


def test_relative_weekday_without_published_date_gives_no_date(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("President Marko Danilov pardoned 12 prisoners on Tuesday.", None)
    assert [(e.count, e.date) for e in x.events] == [(12, None)]


# --- counts ---------------------------------------------------------------------------


def test_range_keeps_lower_bound_with_qualifier(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Police detained between 20 and 30 protesters on Sunday.", "2024-06-12")
    assert [(e.count, e.count_qualifier) for e in x.events] == [(20, "at least")]


def test_stated_total_wins_over_the_breakdown(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The president pardoned 30 people on Tuesday, including 14 women.", "2024-06-12")
    assert [e.count for e in x.events] == [30]


def test_running_total_is_a_count_not_an_event(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("In all, 207 political prisoners have been freed, according to the rights group Libertas.", "2024-06-12")
    assert not x.events
    assert [(c.count, x.entity(c.reporter).name) for c in x.counts] == [(207, "Libertas")]


def test_live_blog_entries_take_the_day_heading(extract_text) -> None:  # type: ignore[no-untyped-def]
    text = ("MONDAY\n\n21:20 - Crowds have gathered again in the capital for a second night. Police detained 40 people.\n\n"
            "TUESDAY\n\n09:30 - Police detained 70 people.")
    x = extract_text(text, "2020-08-11")
    assert sorted((e.type, e.count, e.date) for e in x.events) == [
        ("arrest", 40, "2020-08-10"), ("arrest", 70, "2020-08-11"), ("protest", None, "2020-08-10")]


def test_state_after_continue_is_not_an_event(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Over 1,400 people continue to be incarcerated for political reasons.", "2024-06-12")
    assert not x.events


def test_days_after_and_days_later_are_counted_from_the_date_told_before(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The court on Monday sentenced Anna Lopez to 15 years. "
                     "The ruling came three days after another court jailed Ivan Petrov for 10 years.", "2023-03-08")
    assert sorted((e.date, _names(x, e.persons)[0]) for e in x.events) == [
        ("2023-03-03", "Ivan Petrov"), ("2023-03-06", "Anna Lopez")]
    y = extract_text("Rico Berg was freed after President Ivan Dorov pardoned him on Tuesday. "
                     "Two days later he was handed over in the prisoner exchange.", "2023-03-08")
    [swap] = [e for e in y.events if e.type == "prisoner_exchange"]
    assert swap.date == "2023-03-09" and _names(y, swap.persons) == ["Rico Berg"]
    assert _final_status(y, "Rico Berg") == "pardoned"  # pardoned > released for one freeing


def test_refusing_to_leave_is_not_exile(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The opposition politician Mikola Varenik refused to leave the country when the bus reached the border. "
                     "He was returned to prison.", "2025-09-11")
    assert not [e for e in x.events if e.type == "exile"]
    assert _final_status(x, "Mikola Varenik") == "jailed"


def test_forced_to_leave_and_fleeing_are_exile(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Olga Marchenka, who was forced to leave Belarus, spoke on Friday. "
                     "Petra Lindova has led her party from Vilnius since fleeing the country in 2021.", "2024-06-12")
    exiles = sorted(_names(x, e.persons)[0] for e in x.events if e.type == "exile")
    assert exiles == ["Olga Marchenka", "Petra Lindova"]


def test_not_pardoned_after_release_stays_released_and_group_source_is_found(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(
        "Authorities on Tuesday released the dissident artist Tomas Orlen, who had been jailed since July 2021. "
        "Orlen was not pardoned and may face new charges. "
        "Rights group Carcel Watch says the country holds more than 1,000 political prisoners.", "2023-06-14")
    assert _final_status(x, "Tomas Orlen") == "released"
    assert [(c.count, c.qualifier, x.entity(c.reporter).name) for c in x.counts] == [(1000, "more than", "Carcel Watch")]


# --- dates told against another event ---------------------------------------------------


def test_dates_after_or_before_another_event_keep_only_what_the_text_supports(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(
        "More than 3,000 people were detained after the May 12 vote, in which the council declared Omar Vell the winner. "
        "Lena Sorel, an opposition politician arrested two days after the vote, remains in custody. "
        "Tomas Brandt has led the opposition from abroad since fleeing the country days after that vote. "
        "Dozens of people were killed in protests in the days after the election.", "2024-11-18")
    got = sorted((e.type, e.date, _names(x, e.persons)[0] if e.persons else e.count) for e in x.events)
    assert got == [
        ("arrest", "2024", 3000),  # "after the May 12 vote": later in 2024, day unknown
        ("arrest", "2024-05-14", "Lena Sorel"),  # two days after the vote told before
        ("election", "2024-05-12", None),
        ("exile", "2024-05", "Tomas Brandt"),  # "days after": the vote's month
        ("protest", "2024-05", None),
    ]


def test_a_date_in_an_after_clause_belongs_to_that_clause(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Ivan Sorokin, who was forced to leave the country after contesting the 2020 election, "
                     "spoke to reporters on Friday.", "2024-06-14")
    [exile] = [e for e in x.events if e.type == "exile"]
    assert exile.date is None  # the 2020 election is dated, his leaving is not


def test_an_election_placed_a_month_from_now(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The death comes a month before a presidential election.", "2024-02-17")
    assert [(e.type, e.date) for e in x.events] == [("election", "2024-03")]


def test_jailed_before_the_vote_is_said_outright_despite_the_plan(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Pavel Sokal, who planned to challenge the president at the ballot box in 2020 but was jailed "
                     "before the vote, remains in prison.", "2024-12-28")
    [arrest] = [e for e in x.events if e.type == "arrest"]
    assert (arrest.date, _names(x, arrest.persons)) == ("2020", ["Pavel Sokal"])


def test_a_description_in_apposition_is_not_a_dated_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Mikola Barysau, a pensioner jailed over a social-media post, died in a colony in May 2023.", "2024-06-12")
    assert [(e.type, e.date) for e in x.events] == [("death_in_custody", "2023-05")]


def test_a_follow_up_sentence_dates_the_act_just_told(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(
        "President Ivan Dorov has signed decrees granting clemency to 23 persons, the press service reported on Friday. "
        "The head of state took the decision on Thursday after considering their petitions.", "2025-01-17")
    assert [(e.type, e.count, e.date) for e in x.events] == [("pardon", 23, "2025-01-16")]
    z = extract_text(  # news gives each sentence its own paragraph: still a follow-up
        "Authorities have released at least 107 people, the rights group Libertas said on Sunday.\n\n"
        "The releases began on Saturday, hours after the prosecutor said the cases had been reviewed.", "2024-11-18")
    assert [(e.type, e.date) for e in z.events] == [("release", "2024-11-16")]
    w = extract_text("Police detained 40 people on Monday. The decision was announced on Wednesday.", "2024-11-22")
    assert [(e.type, e.date) for e in w.events] == [("arrest", "2024-11-18")]  # announcing is not doing
    v = extract_text("Police detained 40 people on Monday. The releases began on Thursday.", "2024-11-22")
    assert ("arrest", "2024-11-18") in [(e.type, e.date) for e in v.events]  # another kind of act


def test_those_gatherings_are_the_ones_just_told(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("On Friday evening people laid flowers at memorials in several cities. "
                     "A monitoring group said police had detained more than 100 people at those gatherings.", "2024-02-17")
    assert [(e.type, e.count, e.date) for e in x.events] == [("arrest", 100, "2024-02-16")]


def test_all_five_are_the_five_just_named(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(
        "The court on Monday sentenced Anna Petrova in absentia. Four of her allies were convicted with her. "
        "Pavel Lenski received 18 years, while Maria Moroz, Olga Koval and Sergei Dylan were each given 12 years. "
        "All five left the country during the crackdown that followed the August 2020 election, in which the "
        "president claimed a sixth term.", "2023-03-08")
    [exile] = [e for e in x.events if e.type == "exile"]
    assert exile.count == 5 and len(exile.persons) == 5
    assert exile.date is None  # the crackdown's date is the election's, told in a relative clause


def test_an_earlier_or_suspended_sentence_is_another_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(
        "In March 2023 a court sentenced the painter Anton Kravets to five years in prison. "
        "His first clash with the state came in 1999, when he pushed a cart of manure up to the ministry in a protest "
        "against President Ivan Dorov. He was later given a suspended sentence for it. "
        "He had earlier received jail terms for taking part in unauthorised rallies.", "2023-07-12")
    got = sorted((e.type, e.date or "-", tuple(_names(x, e.persons))) for e in x.events)
    assert got == [
        ("protest", "1999", ("Anton Kravets",)),  # "in 1999, when he ...": the year the clause hangs from
        ("sentencing", "-", ("Anton Kravets",)),  # "had earlier received jail terms"
        ("sentencing", "-", ("Anton Kravets",)),  # "later given a suspended sentence": him, not the president
        ("sentencing", "2023-03", ("Anton Kravets",)),
    ]


def test_that_month_takes_the_year_told_before(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Juan Mora was arrested in 2021 after saying he wanted to challenge the president in "
                     "that November's presidential election.", "2023-02-10")
    assert sorted((e.type, e.date) for e in x.events) == [("arrest", "2021"), ("election", "2021-11")]


def test_an_election_still_to_come_is_dated_forward(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Authorities are trying to root out dissent before the January elections.", "2024-12-28")
    assert [(e.type, e.date) for e in x.events] == [("election", "2025-01")]
    y = extract_text("Turnout in the January elections was low.", "2024-12-28")
    assert [(e.type, e.date) for e in y.events] == [("election", "2024-01")]  # the corpus convention otherwise


def test_the_bishop_held_since_is_the_bishop_named_before(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Rolando Perez, the Roman Catholic bishop of Leon, refused to board the plane.\n\n"
                     "The bishop, an outspoken critic of the government, had been confined since August 2022, "
                     "when police raided his offices.", "2023-02-10")
    assert [(e.type, e.date, _names(x, e.persons)) for e in x.events] == [("arrest", "2022-08", ["Rolando Perez"])]


# --- roles ------------------------------------------------------------------------------


def _roles(x, name: str) -> set[str]:  # type: ignore[no-untyped-def]
    key = next(e.key for e in x.entities if e.name == name)
    return {r.role for r in x.roles if r.entity == key}


def test_an_opponent_of_the_president_is_the_opposition_not_the_president(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Oleg Marin, the best-known opponent of President Viktor Dorov, has died in a penal colony, "
                     "the prison service said on Friday.", "2024-02-17")
    assert _roles(x, "Oleg Marin") == {"opposition figure", "political prisoner"}  # held over it: the corpus rule
    assert "opposition figure" not in _roles(x, "Viktor Dorov")


def test_an_adviser_to_an_opposition_leader_is_in_the_opposition(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Ramon Ortiz, a lawyer and adviser to opposition leader Lucia Vega, was not among those freed.", "2024-11-18")
    assert {"opposition figure", "political prisoner"} <= _roles(x, "Ramon Ortiz")
    assert "opposition figure" in _roles(x, "Lucia Vega")


def test_titles_joined_by_and_and_plural_titles(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Among the defendants is journalist and co-founder Kamal Aliyev.\n"
                     "- Opposition figures Irina Lapko and Oleg Sidor, both jailed since 2020, remain behind bars.\n"
                     "Also freed were the American journalist Evan Mills and Paul Baker, a former marine.", "2024-12-30")
    assert "journalist" in _roles(x, "Kamal Aliyev")
    assert _roles(x, "Irina Lapko") == _roles(x, "Oleg Sidor") == {"opposition figure", "political prisoner"}
    assert "journalist" in _roles(x, "Evan Mills") and "journalist" not in _roles(x, "Paul Baker")


def test_jailed_over_a_post_is_a_political_prisoner(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Mikola Barysau, a pensioner jailed over a social-media post that mocked the president, "
                     "died in a colony in May 2023.", "2024-06-12")
    assert "political prisoner" in _roles(x, "Mikola Barysau")
    y = extract_text("Petro Hrytsak, a farmer jailed for theft, died in a colony in May 2023.", "2024-06-12")
    assert "political prisoner" not in _roles(y, "Petro Hrytsak")


def test_group_before_a_colon_gives_its_role_to_the_names_after(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Two of his colleagues at the human rights centre were sentenced with him: "
                     "Anton Savich received nine years and Ihar Lutsko seven.", "2023-03-06")
    assert "human rights defender" in _roles(x, "Anton Savich") and "human rights defender" in _roles(x, "Ihar Lutsko")


def test_outlet_director_and_protest_leader_and_would_be_challengers(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Kamran Aliyev, director of Sahil Media, was sentenced to nine years on Monday. "
                     "Irina Lapko, one of the leaders of the 2019 protests, remains in prison. "
                     "Among those expelled were Felipe Mora and Juan Castillo, who were arrested in 2021 after saying "
                     "they wanted to challenge President Daniel Vega in that November's election.", "2023-02-10")
    assert "journalist" in _roles(x, "Kamran Aliyev")
    assert "opposition figure" in _roles(x, "Irina Lapko")
    assert "opposition figure" in _roles(x, "Felipe Mora") and "opposition figure" in _roles(x, "Juan Castillo")
    assert "opposition figure" not in _roles(x, "Daniel Vega")


# --- counts and acts told indirectly ------------------------------------------------------


def test_the_people_an_amnesty_covers_are_its_count(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The junta on Tuesday pardoned the former minister Tin Oo. "
                     "Under the broader amnesty, 2,153 prisoners were to be freed or have their sentences reduced.", "2023-08-01")
    assert sorted((e.type, e.count or 0, e.date) for e in x.events) == [("pardon", 0, "2023-08-01"), ("pardon", 2153, "2023-08-01")]


def test_their_act_is_the_group_just_counted(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The government freed 135 political prisoners on Thursday and put them on a plane. "
                     "A judge read out an order declaring the group traitors and ordering their deportation.", "2023-02-10")
    assert sorted((e.type, e.count, e.date) for e in x.events) == [("exile", 135, "2023-02-09"), ("release", 135, "2023-02-09")]


def test_the_other_side_of_a_swap_is_flown_home_the_same_day(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Russia and Western countries exchanged 26 prisoners on Thursday. Russia released 16 people. "
                     "Among them were the journalists Ana Petrova and Ivan Serov. Also freed was Olga Orlova.\n\n"
                     "In return, ten Russians held in Germany, Poland and Norway were flown home.", "2024-08-01")
    assert ("release", 10, "2024-08-01") in [(e.type, e.count, e.date) for e in x.events]


def test_pardons_granted_the_same_day_are_one_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The military government on Tuesday pardoned Daw Khin Mya on five counts. "
                     "The same announcement said that the former president, Thet Naing, had been pardoned on two counts.", "2023-08-01")
    [pardon] = [e for e in x.events if e.type == "pardon"]
    assert _names(x, pardon.persons) == ["Daw Khin Mya", "Thet Naing"]


def test_a_dated_group_arrest_is_an_event_not_a_tally(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("- Radio Vostok: at least six journalists and staff detained in December 2024 on smuggling charges "
                     "remain in custody.", "2025-01-20")
    assert [(e.type, e.count, e.date) for e in x.events] == [("arrest", 6, "2024-12")]
    assert not x.counts


def test_arrests_after_a_vote_are_an_event_and_a_running_tally(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("More than 2,000 people were detained after the July 28 vote.", "2024-11-18")
    assert ("arrest", 2000, "2024") in [(e.type, e.count, e.date) for e in x.events]
    assert [(c.count, c.qualifier) for c in x.counts] == [(2000, "more than")]


def test_the_best_known_of_them_shares_the_group_status(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("In return, eight Russians held in Germany and Poland were flown home. "
                     "The best known of them was Viktor Kasatkin, who had been serving a life sentence.", "2024-08-01")
    assert _final_status(x, "Viktor Kasatkin") == "released"


# --- unseen-style phrasing (wire, state media, UN and NGO releases) ----------------------


def test_a_date_in_a_transparent_participle_dates_the_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("CAIRO — Egypt released 41 people held in pretrial detention on Sunday, the largest group freed at "
                     "once since the committee was revived last month. "
                     "A royal decree issued on Monday pardoned 1,584 prisoners.", "2022-05-25")
    assert sorted((e.type, e.count, e.date) for e in x.events) == [("pardon", 1584, "2022-05-23"), ("release", 41, "2022-05-22")]


def test_a_decree_on_the_pardon_takes_the_signing_day_and_the_same_day_follows(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The president on Monday signed a decree on the pardon of 30 convicted persons. "
                     "In accordance with the decree, 18 of the pardoned persons were released the same day.", "2021-09-07")
    assert sorted((e.type, e.count, e.date) for e in x.events) == [("pardon", 30, "2021-09-06"), ("release", 18, "2021-09-06")]
    y = extract_text("Russia released four political prisoners on 10 February. "
                     "The Kremlin said the four had been pardoned by presidential decree the day before.", "2025-03-14")
    assert sorted((e.type, e.date) for e in y.events) == [("pardon", "2025-02-09"), ("release", "2025-02-10")]


def test_states_and_subsets_are_not_acts(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("At least 160 people are currently imprisoned in the country for their views.", "2024-01-26")
    assert not x.events
    y = extract_text("A decree on Monday pardoned 900 prisoners. The group said at least 600 of those pardoned had been "
                     "jailed for political reasons.", "2024-04-09")
    assert [(e.type, e.count) for e in y.events] == [("pardon", 900)]
    z = extract_text("Several thousand people have gathered on the main square, demanding a recount.", "2020-10-06")
    assert [e.count for e in z.events] == [None]


def test_handing_down_a_sentence_and_flying_out_to_avoid_arrest(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The city court handed down the sentence to Tran Thi Hien on Tuesday. "
                     "The opposition politician Davit Beridze flew to Berlin in February, saying he expected to be arrested.", "2024-03-14")
    assert sorted((e.type, e.date) for e in x.events) == [("exile", "2024-02"), ("sentencing", "2024-03-12")]
    assert _final_status(x, "Davit Beridze") == "exiled"


def test_detentions_counted_since_the_rallies_began(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The Public Defender's Office has counted more than 400 detentions since the rallies began.", "2025-03-14")
    assert [(c.count, c.qualifier) for c in x.counts] == [(400, "more than")]


def test_an_outlet_or_a_place_tagged_as_a_person_is_not_one(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Among them was Karim Nasser, 34, a reporter for the independent news site Mada Line. "
                     "She was held at Abu Dhabi airport and later in Can Tho.", "2022-05-25")
    assert [e.name for e in x.entities if e.kind == "person"] == ["Karim Nasser"]
    assert "journalist" in _roles(x, "Karim Nasser")  # the age is skipped, the description read


def test_descriptions_after_the_age_or_a_participle(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Kirill Zhuravin, 38, an opposition municipal deputy, was sentenced on 19 October to seven years. "
                     "The committee chairman, Hisham Zaki, said that the economist Sherif Lotfy, held since 2020 over "
                     "articles criticising the government, had been offered a pardon. "
                     "The pro-democracy blogger Omar Salem was not among those freed.", "2023-11-02")
    assert "opposition figure" in _roles(x, "Kirill Zhuravin")
    assert "political prisoner" in _roles(x, "Sherif Lotfy")
    # "the economist ... held since 2020" is Lotfy, not the man speaking, who speaks for his committee: free
    assert _final_status(x, "Hisham Zaki") == "free"
    assert "opposition figure" in _roles(x, "Omar Salem")


def test_list_lines_count_people_not_cases(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Monthly figures:\n- People released in October after serving their full sentences: nine.\n"
                     "- New politically motivated criminal cases opened in October: forty-seven.", "2023-11-02")
    assert [(c.count, c.kind) for c in x.counts] == [(9, "freed")]


def test_an_office_of_the_president_is_named_whole(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Since 2016, more than 1,200 convicted persons have been pardoned, according to the Executive "
                     "Office of the President.", "2021-09-07")
    assert [(c.count, x.entity(c.reporter).name) for c in x.counts] == [(1200, "Executive Office of the President")]


def test_an_age_told_only_once_is_the_person_just_discussed(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("On Monday, a presidential decree pardoned thirteen prisoners. One of them was Nabil Farid, the "
                     "human rights lawyer. A court sentenced him to five years in 2021. "
                     "The 52-year-old was freed two days later, his colleagues said.", "2022-05-25")
    [release] = [e for e in x.events if e.type == "release"]
    assert (release.date, _names(x, release.persons)) == ("2022-05-25", ["Nabil Farid"])
    assert _final_status(x, "Nabil Farid") == "pardoned"


def test_among_those_freed_by_a_pardon_are_pardoned(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("A royal decree issued on Monday pardoned 1,584 prisoners. A rights group said at least 600 of "
                     "those pardoned had been jailed for political reasons. The first groups were freed the same "
                     "evening. Among those freed was Ali Hasan Marzouq, a teacher who was sentenced in 2013.", "2024-04-09")
    assert _final_status(x, "Ali Hasan Marzouq") == "pardoned"


def test_the_remaining_group_whose_sentences_were_cut_stays_jailed(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The president on Monday pardoned 30 convicts. 18 of the pardoned persons were released the same day. "
                     "For the remaining 12 convicts, the unserved part of the sentence has been reduced by half. "
                     "Among them is Nodira Karimova, 58, who was sentenced in 2019 to nine years.", "2021-09-07")
    assert _final_status(x, "Nodira Karimova") == "jailed"


def test_convicted_alongside_her_joins_her_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The court on Monday sentenced Anna Petrova to 15 years in absentia. "
                     "Four of her allies were convicted alongside her in a trial that none of the defendants attended.", "2023-03-06")
    assert [(e.type, e.count, e.date) for e in x.events] == [("sentencing", 5, "2023-03-06")]


def test_one_of_four_prisoners_a_state_released(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Kirill Zhurin was one of four political prisoners Russia released on 10 February.", "2025-03-14")
    assert [(e.type, e.count, e.date, _names(x, e.persons)) for e in x.events] == [("release", 4, "2025-02-10", ["Kirill Zhurin"])]


def test_counts_of_people_no_list_names_and_groups_named_in_full(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The rights group Colectivo Verdad y Justicia counts at least 46 people still held for political reasons.", "2024-09-06")
    assert [(c.count, x.entity(c.reporter).name) for c in x.counts] == [(46, "Colectivo Verdad y Justicia")]
    y = extract_text("Justice Watch Kurdistan says at least 17 elected mayors are currently in prison. "
                     "The Detainees Support Committee said more than 200 remain behind bars.", "2020-12-04")
    assert sorted((c.count, y.entity(c.reporter).name) for c in y.counts) == [
        (17, "Justice Watch Kurdistan"), (200, "Detainees Support Committee")]


def test_a_documented_tally_since_a_may_date_is_not_hedged_by_the_month(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("ARC has documented the arrest of at least 38 teachers and union members since 1 May. "
                     "At least 11 of them remain in custody.", "2022-05-18")
    assert sorted((c.count, x.entity(c.reporter).name) for c in x.counts) == [(11, "ARC"), (38, "ARC")]


def test_ngo_and_un_phrasings_of_acts(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("We welcome the release on bail on Tuesday of the teacher John Harrow. We are alarmed by the death in "
                     "custody of Peter Quill and the sentencing on Wednesday of the activist Mary Lorne.", "2024-11-15")
    got = sorted((e.type, e.date or "-", tuple(_names(x, e.persons))) for e in x.events)
    assert got == [("death_in_custody", "-", ("Peter Quill",)), ("release", "2024-11-12", ("John Harrow",)),
                   ("sentencing", "2024-11-13", ("Mary Lorne",))]


def test_during_a_dated_event_and_when_after_a_date(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Reporter Anna Ortiz was arrested during the July 2021 protests in Holguin. "
                     "The flight was the largest since February 2023, when 222 prisoners were expelled to the United States.", "2025-05-02")
    assert ("arrest", "2021-07") in [(e.type, e.date) for e in x.events]
    assert ("exile", 222, "2023-02") in [(e.type, e.count, e.date) for e in x.events]


def test_walking_free_and_the_described_object_and_may_day(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Who is Yunior Cabrera Soto?\nCabrera, 54, leads an opposition group. He walked out of prison on "
                     "16 January. State security agents detained the 54-year-old at his home on Tuesday.", "2025-05-02")
    assert sorted((e.type, e.date) for e in x.events) == [("arrest", "2025-04-29"), ("release", "2025-01-16")]
    assert all(_names(x, e.persons) == ["Yunior Cabrera Soto"] for e in x.events)
    y = extract_text("Thousands of teachers joined May Day rallies on 1 May. Three days later, agents arrested the union "
                     "leader Shirin Rahimi at her home.", "2022-05-18")
    assert sorted((e.type, e.date) for e in y.events) == [("arrest", "2022-05-04"), ("protest", "2022-05-01")]


def test_a_group_freed_and_then_told_deported_is_exiled(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Nicaragua released 135 political prisoners on Thursday and put them on a flight to Guatemala.\n\n"
                     "Two of the passengers said an official had read out an order stating that they had been deported.\n\n"
                     "Among them was Marvin Ortega Ruiz, a pastor from Masaya who was arrested in December.", "2024-09-06")
    assert ("exile", 135) in [(e.type, e.count) for e in x.events]
    assert _final_status(x, "Marvin Ortega Ruiz") == "exiled"


def test_released_under_a_pardon_are_pardoned_and_a_speaker_is_not_described_by_the_next_clause(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Yesterday the president pardoned 112 persons. Of them, 98 persons were released from places of "
                     "imprisonment. Among those released is citizen Dilshod Karimov, born in 1983.\n\n"
                     "As noted by the Chairman of the Commission, Jasur Valiev, the pardoned persons will be provided with "
                     "assistance.", "2021-12-08")
    assert _final_status(x, "Dilshod Karimov") == "pardoned"
    assert _final_status(x, "Jasur Valiev") is None


def test_a_name_tagged_as_a_place_after_a_person_noun(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("ARC seeks accountability for the death of teacher Jafar Sohrabi, who was serving a sentence over "
                     "his union activism when he died in prison in January 2021.", "2022-05-18")
    assert [(e.type, e.date, _names(x, e.persons)) for e in x.events] == [("death_in_custody", "2021-01", ["Jafar Sohrabi"])]


def test_organisations_named_by_their_head_word_and_acronym(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The Alborz Rights Collective (ARC) calls for her release. ARC has documented the arrest of at least "
                     "38 teachers since 1 May. At least 11 of them remain in custody.", "2022-05-18")
    assert sorted((c.count, x.entity(c.reporter).name) for c in x.counts) == [
        (11, "Alborz Rights Collective"), (38, "Alborz Rights Collective")]
    y = extract_text("The Commission on Pardon Issues under the President met on Monday. According to the Commission, "
                     "since 2017 more than 3,000 persons have been pardoned.", "2021-12-08")
    assert [(c.count, y.entity(c.reporter).name) for c in y.counts] == [(3000, "Commission on Pardon Issues under the President")]


def test_a_part_of_the_pardoned_is_not_a_new_count(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The president pardoned 112 persons. Nine women and 21 men among the pardoned had previously been "
                     "convicted of extremism.", "2021-12-08")
    assert [(e.type, e.count) for e in x.events] == [("pardon", 112)] and not x.counts


def test_court_report_phrasings(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text(
        "The High Criminal Court on Thursday sentenced Zozan Aydin to seven years. "
        "Aydin won the post in the local elections of 31 March 2019.\n\n"
        "In the same hearing, the court sentenced the reporter Murat Kaya to three years, but ordered his release "
        "pending appeal. Murat Kaya was detained a day after the vote.\n\n"
        "Outside the courthouse on Thursday, police dispersed a small group of supporters and detained eleven of them. "
        "They were released a few hours later without charge.", "2020-12-04")
    got = sorted((e.type, e.count or 0, e.date or "-") for e in x.events)
    assert ("arrest", 0, "2019-04-01") in got  # a day after the vote told before
    assert ("release", 0, "2020-12-03") in got and ("sentencing", 0, "2020-12-03") in got  # the same hearing
    assert ("protest", 0, "2020-12-03") in got and ("release", 11, "2020-12-03") in got


def test_an_act_joined_by_and_keeps_its_own_date(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Yunior Cabrera was arrested days after the nationwide protests of 11 July 2021 and sentenced in "
                     "2022 to 14 years for sedition. Elshad Mirza was jailed in 2023 on smuggling charges.", "2025-05-02")
    got = sorted((e.type, e.date, tuple(_names(x, e.persons))) for e in x.events if e.persons)
    assert ("arrest", "2021-07", ("Yunior Cabrera",)) in got and ("sentencing", "2022", ("Yunior Cabrera",)) in got
    assert ("sentencing", "2023", ("Elshad Mirza",)) in got


def test_a_jailed_activist_of_any_cause_is_a_political_prisoner(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Agents arrested the teacher and trade unionist Shirin Rahimi at her home on Monday. "
                     "The farmer Ali Karimi was arrested on Monday for theft.", "2022-05-18")
    assert "political prisoner" in _roles(x, "Shirin Rahimi")
    assert "political prisoner" not in _roles(x, "Ali Karimi")


def test_tried_in_absentia_told_next_and_titles_of_someone_else(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("The court on Thursday sentenced Zeynep Aral to seven years. A third defendant, Rojin Demir, a former "
                     "party co-chair, received six years. Demir was tried in absentia: she fled to Germany in August 2019 "
                     "to avoid arrest.\n\nAs noted by the Chairman of the Commission on Pardon Issues under the President, "
                     "Jasur Valiev, the pardoned persons will get help.", "2020-12-04")
    assert _final_status(x, "Rojin Demir") == "exiled"
    assert "president" not in _roles(x, "Jasur Valiev")


def test_dateline_dates_and_dates_against_last_year_or_the_verdict(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("VILNIUS, Oct 14 — Belarus has pardoned 40 people, the presidential press service said.", "2025-10-14")
    assert [(e.type, e.count, e.date) for e in x.events] == [("pardon", 40, None)]  # the dateline is when it was filed
    y = extract_text("The court on Wednesday sentenced the journalist Darya Melnik to seven years. She was detained in "
                     "March last year. The day after the verdict, police detained at least nine people outside the "
                     "court.", "2025-11-20")
    got = sorted((e.type, e.count or 0, e.date) for e in y.events)
    assert got == [("arrest", 0, "2024-03"), ("arrest", 9, "2025-11-20"), ("sentencing", 0, "2025-11-19")]


def test_weeks_later_the_following_year_and_a_live_blog_today(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Parisa Sadri was arrested on 3 December 2024. Her brother, Kaveh Sadri, was arrested two weeks "
                     "later. In 2021 she joined the union. The Revolutionary Court sentenced her the following year to "
                     "five years.", "2025-03-01")
    got = sorted((e.type, e.date, tuple(_names(x, e.persons))) for e in x.events)
    assert ("arrest", "2024-12-17", ("Kaveh Sadri",)) in got and ("sentencing", "2022", ("Parisa Sadri",)) in got
    y = extract_text("THURSDAY, 9 JANUARY\n\n18:30 — Foro Legal says at least 25 people were detained across the "
                     "country today.\n\nFRIDAY, 10 JANUARY\n\n09:00 — Crowds gathered again.", "2025-01-10")
    assert ("arrest", 25, "2025-01-09") in [(e.type, e.count, e.date) for e in y.events]


def test_a_timeline_line_in_the_present_is_a_dated_act(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Timeline:\n12 August 2020 — Sok Sreymom is detained at a rally outside the court.", "2025-09-01")
    assert [(e.type, e.date) for e in x.events if e.type == "arrest"] == [("arrest", "2020-08-12")]


def test_a_total_before_its_breakdown_and_the_union_named_before(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("Foro Penal now counts 1,697 political prisoners, 1,489 men and 208 women.", "2025-01-10")
    assert [c.count for c in x.counts] == [1697]
    y = extract_text("The National Union of Tunisian Journalists met on Monday. The union says at least 11 journalists "
                     "are currently behind bars in Tunisia.", "2025-06-12")
    assert [(c.count, y.entity(c.reporter).name) for c in y.counts] == [(11, "National Union of Tunisian Journalists")]


def test_appeals_expectations_and_amnesty_releases(extract_text) -> None:  # type: ignore[no-untyped-def]
    x = extract_text("I urge you to release Parisa Sadri immediately and, pending her release, to ensure that she "
                     "receives medical care.", "2025-01-10")
    assert _final_status(x, "Parisa Sadri") == "jailed"  # an appeal, not a release: whose release is urged is held
    y = extract_text("The ministry says it expects Pablo Herrero, an aid worker detained in November, to be freed in the "
                     "coming days.", "2025-01-10")
    assert _final_status(y, "Pablo Herrero") == "jailed"
    z = extract_text("The junta freed 5,864 prisoners in an amnesty on 4 January. Among them was student leader Hnin Wai Yi.", "2025-01-10")
    assert _final_status(z, "Hnin Wai Yi") == "pardoned"
