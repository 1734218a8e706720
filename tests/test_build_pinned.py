"""The graph a build of `seeds/` produces, pinned as N-Triples.

Changes to how extraction runs (batching, workers, a cluster, the graph writer, the
store) must leave the graph exactly as it was.  `tests/data/golden/seeds.nt` was
written by `kg build seeds/` before those changes; a deliberate change to the
extraction rules updates it with

    KG_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_build_pinned.py

(and the diff of the file shows what the rule change did to the graph).
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).parent.parent
GOLDEN = Path(__file__).parent / "data" / "golden" / "seeds.nt"

pytestmark = pytest.mark.model


def _nt(store: Path) -> list[str]:
    result = CliRunner().invoke(main, ["export", "--format", "nt", "--store", str(store)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return sorted(line for line in result.output.splitlines() if line.strip())


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_building_the_seeds_gives_the_pinned_graph(jobs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Relative paths, as a user types them: kg:sourceFile holds the path given.
    monkeypatch.chdir(ROOT)
    result = CliRunner().invoke(main, ["build", "-q", "seeds", "-j", jobs, "--store", str(tmp_path / "s")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    got = _nt(tmp_path / "s")
    if os.environ.get("KG_UPDATE_GOLDEN") == "1" and jobs == "1":
        GOLDEN.write_text("\n".join(got) + "\n", encoding="utf-8")
    want = GOLDEN.read_text(encoding="utf-8").splitlines()
    extra, missing = sorted(set(got) - set(want)), sorted(set(want) - set(got))
    assert got == want, f"{len(extra)} extra triples, e.g. {extra[:3]}; {len(missing)} missing, e.g. {missing[:3]}"
