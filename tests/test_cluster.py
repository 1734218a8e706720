"""`kg build --cluster`: extraction on a Dask cluster gives the graph of a local build.

The test starts a real dask.distributed LocalCluster of two worker processes on the
loopback interface; the build runs through the CLI.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).parent.parent
FILES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))

pytestmark = pytest.mark.model


def _kg(*args: object) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def _triples(store: Path) -> set[str]:
    return {line for line in _kg("export", "--format", "nt", "--store", store).splitlines() if line.strip()}


def _model_loaded() -> int:
    import sys

    nlp = sys.modules.get("kg.nlp")
    return 0 if nlp is None else nlp._load.cache_info().currsize


@pytest.fixture(scope="module")
def cluster():  # type: ignore[no-untyped-def]
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None, silence_logs=50) as lc, Client(lc) as client:
        yield lc.scheduler_address, client


def test_a_cluster_build_equals_a_local_build(cluster, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    address, client = cluster
    local = tmp_path / "local"
    _kg("build", "-q", *FILES, "--store", local)
    remote = tmp_path / "remote"
    out = _kg("build", "-q", *FILES, "--store", remote, "--cluster", address)
    assert f"{len(FILES)} articles read ({len(FILES)} extracted, 0 from cache" in out
    # the extraction ran on the workers: each that got a batch loaded the model there
    loaded = client.run(_model_loaded)
    assert len(loaded) == 2 and sum(loaded.values()) >= 1, loaded
    want = _triples(local)
    assert len(want) > 3000
    assert _triples(remote) == want
    # and the cache it left is the local build's: nothing is extracted again
    again = _kg("build", "-q", *FILES, "--store", remote)
    assert f"(0 extracted, {len(FILES)} from cache" in again


def test_an_unreachable_scheduler_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    import kg.cluster

    monkeypatch.setattr(kg.cluster, "CONNECT_TIMEOUT", "1s")
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = CliRunner().invoke(main, ["build", "-q", str(FILES[0]), "--store", str(tmp_path / "s"),
                                       "--cluster", f"tcp://127.0.0.1:{port}"])
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: cannot reach the Dask scheduler at tcp://127.0.0.1:{port} ("), lines
    assert lines[0].endswith("check the address (tcp://HOST:PORT) and that `dask scheduler` runs there")
