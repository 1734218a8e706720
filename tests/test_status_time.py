"""Status reasoning that follows time, not text order (no model: hand-built claims).

An article's news (usually told first) is the latest point it describes; background
told further down must not override it, whatever its position.  An undated article's
present is after the dated background it tells.  A death in custody is final.  No
claim, no status; "free" only from a cue.
"""
from __future__ import annotations

from kg.extract import _final_statuses, office_holders_free
from kg.records import Article, Evidence, RoleClaim, StatusClaim


def _claim(status: str, start: int, sentence: str, date: str | None = None, method: str = "rule:test",
           event: str | None = None) -> StatusClaim:
    return StatusClaim("p1", status, Evidence(sentence, start, start + len(sentence), method), date, event)


def _article(published: str | None) -> Article:
    return Article(id="a", text="", source="a.txt", sha256="0", published=published)


def _final(claims: list[StatusClaim], published: str | None) -> StatusClaim:
    return [c for c in _final_statuses(claims, _article(published)) if c.person == "p1"][-1]


def test_background_told_later_does_not_override_the_news() -> None:
    news = _claim("released", 0, "The activist was freed from prison, her lawyer said.", event="e1")
    background = _claim("jailed", 200, "She is held in a colony known for its harsh regime, a former inmate said.")
    assert _final([news, background], "2024-05-10").status == "released"


def test_a_later_claim_cued_as_newer_still_wins() -> None:
    first = _claim("released", 0, "The blogger was released on parole in the spring.", event="e1")
    later = _claim("jailed", 120, "He was later detained again at a border crossing.", event="e2")
    assert _final([first, later], "2024-05-10").status == "jailed"
    still = _claim("jailed", 120, "His brother remains in prison.")
    assert _final([first, still], "2024-05-10").status == "jailed"


def test_dated_events_keep_their_order_in_time() -> None:
    arrest = _claim("jailed", 0, "She was arrested in March.", date="2024-03", event="e1")
    release = _claim("released", 60, "She was freed in March after a week.", date="2024-03", event="e2")
    assert _final([arrest, release], "2024-06-01").status == "released"


def test_undated_article_present_outranks_dated_background() -> None:
    now = _claim("released", 0, "The rights defender is free after four years.", event="e1")
    background = _claim("jailed", 150, "He was detained on 14 July 2021 in a raid.", date="2021-07-14", event="e2")
    final = _final([now, background], None)
    assert final.status == "released"
    assert final.date == "2021-07-14"  # no earlier than what it supersedes


def test_partial_dates_compare_by_their_last_day() -> None:
    background = _claim("jailed", 100, "He was detained on 14 July 2021.", date="2021-07-14", event="e2")
    news = _claim("released", 0, "He was freed in 2021.", date="2021", event="e1")
    assert _final([news, background], None).status == "released"


def test_death_in_custody_is_final() -> None:
    death = _claim("died_in_custody", 0, "The poet died in a penal colony.", date="2024-05-07", event="e1")
    later = _claim("jailed", 90, "He had been jailed since 2021.", date="2024-05-10")
    assert _final([death, later], "2024-05-10").status == "died_in_custody"


def test_serving_official_without_custody_cue_is_free() -> None:
    ev = Evidence("Justice Minister Karel Ivo said the court acted lawfully.", 0, 55, "rule:role")
    free = office_holders_free([], [RoleClaim("p9", "official", ev)], _article("2024-05-10"))
    assert [(c.person, c.status, c.evidence.method) for c in free] == [("p9", "free", "rule:office-holder")]
    jailed = [StatusClaim("p9", "jailed", ev, "2024-05-10")]
    assert office_holders_free(jailed, [RoleClaim("p9", "official", ev)], _article("2024-05-10")) == []


def test_speaking_rights_defender_is_free_only_when_speaking() -> None:
    ev = Evidence("The monitor's director Olga Vey said ten were freed.", 0, 50, "rule:role")
    role = RoleClaim("p3", "human rights defender", ev)
    assert office_holders_free([], [role], _article("2024-05-10")) == []
    assert [c.status for c in office_holders_free([], [role], _article("2024-05-10"), frozenset({"p3"}))] == ["free"]
