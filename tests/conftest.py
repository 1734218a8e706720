from __future__ import annotations

import pytest

from kg.records import Article


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    from kg.extract import prepare
    from kg.nlp import load_model

    return prepare(load_model())


@pytest.fixture(scope="session")
def extract_text(nlp):  # type: ignore[no-untyped-def]
    """Extract from a hand-written text: ``extract_text(text, published=None)``."""
    from kg.extract import extract

    def run(text: str, published: str | None = None):  # type: ignore[no-untyped-def]
        art = Article(id="t", text=text, source="t.txt", sha256="0", published=published)
        return extract(art, nlp)

    return run
