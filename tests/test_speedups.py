"""The faster runs of the model's own components leave the Doc the stock ones leave.

``kg.extract.prepare`` indexes the attribute ruler's matcher, memoises the lemmatizer's
lemma hashes and splits lines into sentences through arrays.  Each is compared here
with the stock component (or the per-token form of the splitter) on the seeds, the
development articles and hand-written text with the cases each one special-cases.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.extract import _line_kind, prepare
from kg.extract.speedups import AttributeIndex, index_attribute_ruler, memoise_lemmas

ROOT = Path(__file__).resolve().parents[1]

HAND_WRITTEN = [
    "VILNIUS, Oct 14 (Reuters) - Something was said to anyone who asked; nothing changed.\n\n"
    "**Read more**\nThe court jailed Ivan Dorov, 41, on Friday. That is what those who saw it said.",
    "Freed between July and December: 207.\nAnother line \u2026 and more words. \"Quoted.\" (Aside.) Done;",
    "Whether it rains or not, everybody will come, but somebody could stay. Those were the days; these are ours.",
    "  \n \n",
    "A",
]


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").iterdir()) if p.is_file()]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/data/corpus").glob("*.txt"))][:8]
    return texts + HAND_WRITTEN


def _annotations(doc) -> list[tuple]:  # type: ignore[no-untyped-def]
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_type_) for t in doc]


@pytest.fixture(scope="module")
def stock_and_fast():  # type: ignore[no-untyped-def]
    import spacy

    from kg.nlp import model_name

    stock = spacy.load(model_name())
    fast = spacy.load(model_name())
    assert index_attribute_ruler(fast) and memoise_lemmas(fast)
    return stock, fast


def test_the_indexed_ruler_and_memoised_lemmas_give_the_stock_annotations(stock_and_fast) -> None:  # type: ignore[no-untyped-def]
    stock, fast = stock_and_fast
    texts = _texts()
    assert isinstance(fast.get_pipe("attribute_ruler").matcher, AttributeIndex)
    for _ in range(2):  # a second pass runs from the memo
        for a, b in zip(stock.pipe(texts), fast.pipe(texts)):
            assert _annotations(a) == _annotations(b)
    assert all(_annotations(stock(t)) == _annotations(fast(t)) for t in HAND_WRITTEN)  # one Doc at a time too


def test_the_index_answers_as_the_matcher_it_replaces(stock_and_fast) -> None:  # type: ignore[no-untyped-def]
    stock, fast = stock_and_fast
    index = fast.get_pipe("attribute_ruler").matcher
    with stock.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        docs = list(stock.pipe(_texts()))
    original = stock.get_pipe("attribute_ruler").matcher
    for doc in docs:
        assert sorted(index(doc, allow_missing=True)) == sorted(original(doc, allow_missing=True))
    assert len(index) == len(original)
    # a pattern added later is matched too
    ruler = fast.get_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "zubrovka", "TAG": "NN"}]], {"POS": "PROPN"})
    assert fast("A glass of zubrovka tonight.")[3].pos_ == "PROPN"


def test_indexing_is_skipped_without_a_stock_ruler() -> None:
    import spacy

    blank = spacy.blank("en")
    assert index_attribute_ruler(blank) is False
    assert memoise_lemmas(blank) is False


def _line_sentences_per_token(doc) -> list[bool | None]:  # type: ignore[no-untyped-def]
    """The splitter's rule, word by word (its first form)."""
    starts: list[bool | None] = [t.is_sent_start for t in doc]
    toks = list(doc)
    for prev, tok in zip(toks, toks[1:]):
        text = prev.text
        if "\n" in prev.whitespace_ or "\n" in text or text in ("**",):
            starts[tok.i] = True
        elif tok.is_space:
            continue
        elif text not in (".", "!", "?", "…", "”", "\"", "’", "'", ")", ";") and not text.endswith("."):
            starts[tok.i] = False
    return starts


def test_line_sentences_through_arrays_split_as_the_per_token_rule() -> None:
    import spacy

    from kg.nlp import model_name

    nlp = prepare(spacy.load(model_name()))
    for text in _texts():
        with nlp.select_pipes(enable=["tok2vec", "tagger"]):
            before = nlp(text)
        expected = _line_sentences_per_token(before)
        after = nlp.get_pipe("kg_line_sentences")(before)
        assert [t.is_sent_start for t in after] == expected, text[:60]


def test_line_kinds() -> None:
    import spacy

    strings = spacy.blank("en").vocab.strings
    kinds = {w: _line_kind(strings, strings.add(w)) for w in ("\n\n", "**", ".", "U.S.", ";", ")", "word", ":", "\u2026")}
    assert kinds == {"\n\n": 0, "**": 0, ".": 1, "U.S.": 1, ";": 1, ")": 1, "word": 2, ":": 2, "\u2026": 1}


def test_an_empty_in_list_matches_nothing() -> None:
    from kg.extract.speedups import _compile_token

    tags, lowers, checks = _compile_token({"TAG": {"IN": []}, "LOWER": "x"})
    assert tags == () and lowers == ("x",) and checks and not any(test(read_value) for read_value in ("NN", "") for _r, test in checks)
