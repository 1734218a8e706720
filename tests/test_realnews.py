"""The real-news development set (``tests/realnews/``): annotations only in git.

The page texts are third-party and stay on the machine that saved them
(``tests/realnews/texts/``, git-ignored; ``tests/realnews/README.md`` says how to
rebuild them).  Tests that need them skip, saying so, when the folder is missing.
"""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
REAL = Path(__file__).parent / "realnews"
TEXTS = REAL / "texts"
ARTICLES = [json.loads(line) for line in (REAL / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
HAVE_TEXTS = TEXTS.is_dir() and all((TEXTS / f"{a['id']}.txt").exists() for a in ARTICLES)
needs_texts = pytest.mark.skipif(
    not HAVE_TEXTS, reason="the real-news texts are not on this machine (tests/realnews/texts/ is git-ignored; "
                           "see tests/realnews/README.md to rebuild them)")


def test_at_least_forty_pages_in_batches_of_about_ten() -> None:
    assert len(ARTICLES) >= 40
    batches: dict[str, int] = {}
    for a in ARTICLES:
        batches[a["batch"]] = batches.get(a["batch"], 0) + 1
    assert all(8 <= n <= 12 for n in batches.values()), batches
    belarus = sum(a["country"].lower() == "by" for a in ARTICLES)
    others = {a["country"].lower() for a in ARTICLES} - {"by"}
    assert belarus >= len(ARTICLES) * 0.4 and len(others) >= 6, (belarus, others)


def test_gold_gives_offsets_not_quotes() -> None:
    for line in (REAL / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            for item in [*g["persons"], *g["events"], *g["prisoner_counts"]]:
                assert "evidence" not in item and len(item["evidence_span"]) == 2, (g["id"], item)


def test_no_article_text_is_in_git() -> None:
    tracked = subprocess.run(["git", "ls-files", "tests/realnews"], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    assert not [p for p in tracked.stdout.split() if p.startswith("tests/realnews/texts/")]


@needs_texts
def test_texts_match_their_hashes_and_annotations() -> None:
    for a in ARTICLES:
        data = (TEXTS / f"{a['id']}.txt").read_bytes()
        assert hashlib.sha256(data).hexdigest() == a["sha256"], a["id"]
    done = subprocess.run([sys.executable, str(REAL / "check.py"), str(REAL)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-2000:]


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


@needs_texts
def test_no_committed_file_holds_twelve_words_of_a_page() -> None:
    """No file in git contains a run of 12 or more words from any saved page."""
    n = 12
    # names are facts, not text: a run made only of the gold's names (a list of the
    # people freed) is allowed; titles are cut to their first eight words
    names: set[str] = set()
    for line in (REAL / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            g = json.loads(line)
            for item in [*g["persons"], *g["organisations"]]:
                for form in [item["name"], *item.get("aliases", [])]:
                    names.update(_words(form))
    runs: set[tuple[str, ...]] = set()
    for a in ARTICLES:
        w = _words((TEXTS / f"{a['id']}.txt").read_text(encoding="utf-8"))
        runs.update(tuple(w[i:i + n]) for i in range(len(w) - n + 1) if not set(w[i:i + n]) <= names)
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True)
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    found = []
    for path in tracked.stdout.split():
        p = ROOT / path
        if not p.is_file() or p.suffix in (".png", ".jpg", ".gz"):
            continue
        # a page's address is a fact to record, even when its slug is the headline
        w = _words(re.sub(r"https?://\S+", " ", p.read_text(encoding="utf-8", errors="ignore")))
        if any(tuple(w[i:i + n]) in runs for i in range(len(w) - n + 1)):
            found.append(path)
    assert not found, f"article text in committed files: {found}"


@needs_texts
@pytest.mark.model
def test_real_news_stays_above_its_floors(nlp, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Floors a little under today's scores on the whole set (docs/eval-report.md), so a
    rule change that loses ground on real pages fails; merges stay exact but for one known case."""
    sys.path.insert(0, str(REAL))
    from assemble import assemble  # type: ignore[import-not-found]

    from kg.evaluate import evaluate
    from kg.extract import extract_all
    from kg.rdf import to_graph
    from kg.read import read_paths
    from kg.resolve import resolve

    assemble(tmp_path / "realnews.jsonl")
    read = read_paths([tmp_path / "realnews.jsonl"])
    assert not read.errors and len(read.articles) == len(ARTICLES)
    exs = list(extract_all(read.articles, nlp))
    texts = {a["id"]: (TEXTS / f"{a['id']}.txt").read_text(encoding="utf-8") for a in ARTICLES}
    report = evaluate(to_graph(exs, resolve(exs)), REAL / "gold.jsonl", REAL / "entities.json", texts)
    assert not report.missing
    assert report.scores["status_accuracy"].recall >= 0.74
    assert report.scores["persons"].f1 >= 0.85
    # One wrong merge is known and open (docs/eval-report.md, b56 and b57): a page names a
    # woman by her bare surname only, and it is the surname of one full-named man elsewhere.
    # Any other wrong merge fails here.
    wrong = [f.article for f in report.false_hits if f.score == "merge"]
    assert report.scores["merge"].fp <= 1 and all("b56_ni_nd_94_stripped_citizenship" in a for a in wrong), wrong
