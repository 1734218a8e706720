"""Stores for tests that need no model: built from the hand-made records, and damaged on purpose."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import rdflib

from fixtures_records import two_articles
from kg.rdf import to_graph
from kg.resolve import resolve
from kg.store import Store

MODEL, VERSION = "none", "test"
DATA = Path(__file__).parent / "data"


def mini_store(path: Path) -> Path:
    """A store whose graph is the small hand-written ``data/mini.ttl``."""
    with Store(path, create=True) as st:
        st.replace_graph(rdflib.Graph().parse(DATA / "mini.ttl"))
    return path


def as_nobody() -> list[str]:
    """A prefix that runs a command as an unprivileged user (root reads every file)."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv: cannot make a file unreadable")
    return [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]


def store_from_records(path: Path) -> Path:
    """A store as ``kg build`` leaves it (extraction cache, manifest, graph) for the two fixture articles."""
    extractions, _resolution = two_articles()
    with Store(path, create=True) as st:
        for x in extractions:
            st.save_extraction(x, MODEL, VERSION)
        st.replace_graph(to_graph(extractions, resolve(extractions)))
    return path


def damage(store: Path) -> None:
    """Overwrite the middle of every file of the database the store's readers open."""
    with Store(store) as st:
        database = st.oxigraph_dir
    files = list(database.glob("*.sst"))
    assert files
    for f in files:
        size = f.stat().st_size
        with open(f, "r+b") as fh:
            fh.seek(size // 4)
            fh.write(b"\xde\xad" * (size // 4))
