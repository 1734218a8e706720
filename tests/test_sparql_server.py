"""`--store http://HOST:PORT`: the graph in a SPARQL server, tested against a real
Oxigraph server (`oxigraph serve`, from the `oxigraph` package) that the tests start
on a free loopback port."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ROOT = Path(__file__).parent.parent
FILES = sorted((ROOT / "seeds").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt"))

pytestmark = pytest.mark.model


def _oxigraph() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    assert Path(found).exists(), "the oxigraph server CLI is part of the [test] extra"
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(tmp_path: Path) -> Iterator[str]:
    port = _free_port()
    proc = subprocess.Popen([_oxigraph(), "serve", "--location", str(tmp_path / "db"), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert proc.poll() is None and time.monotonic() < deadline, "oxigraph serve did not start"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _kg(*args: object, code: int = 0) -> str:
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, result.output
    return result.output


def _triples(store: object) -> set[str]:
    return {line for line in _kg("export", "--format", "nt", "--store", store).splitlines() if line.strip()}


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, set[str]]:
    store = tmp_path_factory.mktemp("local") / "store"
    _kg("build", "-q", *FILES, "--store", store)
    return store, _triples(store)


def test_builders_on_two_machines_share_one_graph_on_the_server(server: str, local: tuple[Path, set[str]],
                                                                 tmp_path: Path) -> None:
    store, want = local
    # Two builders, each with its own half of the articles and no local store at all:
    # the extraction cache is on the server too, so the second resolves over both halves.
    half = len(FILES) // 2
    out = _kg("build", "-q", *FILES[:half], "--store", server)
    assert out.startswith(f"built {server}: {half} articles read ({half} extracted, 0 from cache)"), out
    out = _kg("build", "-q", *FILES[half:], "--store", server)
    assert f"{half} kept from earlier builds" in out, out
    assert not any((tmp_path / p).exists() for p in (".kg",))
    got = _triples(server)
    assert len(want) > 3000
    assert got == want
    # every article is cached on the server: building them all again extracts nothing
    again = _kg("build", "-q", *FILES, "--store", server)
    assert f"({0} extracted, {len(FILES)} from cache)" in again
    assert _triples(server) == want

    # queries run on the server and answer as on the local store
    for rq in ("remain_jailed.rq", "person_status.rq", "pardons.rq", "people.rq"):
        there = _kg("query", ROOT / "queries" / rq, "--format", "csv", "--store", server)
        here = _kg("query", ROOT / "queries" / rq, "--format", "csv", "--store", store)
        assert there == here and there.count("\n") > 2, rq
    # `kg why` and `kg viz` read the server too (a person taken from the graph itself)
    name = _kg("query", "SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n } ORDER BY ?n LIMIT 1", "--format", "csv",
               "--store", server).splitlines()[1].strip()
    why = _kg("why", name, "--store", server)
    assert why.startswith(name) and why == _kg("why", name, "--store", store)
    page = tmp_path / "graph.html"
    assert _kg("viz", "-o", page, "--focus", name, "--store", server).strip() == f"wrote {page}"
    assert name in page.read_text(encoding="utf-8")

    # forgetting works the same way too
    _kg("forget", FILES[0], FILES[-1], "--store", server)
    _kg("forget", FILES[0], FILES[-1], "--store", store)
    assert _triples(server) == _triples(store) != want


def test_the_graph_is_a_named_graph_beside_other_data(server: str) -> None:
    import urllib.request

    data = b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n"
    req = urllib.request.Request(f"{server}/store?default", data=data, method="POST",
                                 headers={"Content-Type": "application/n-triples"})
    urllib.request.urlopen(req, timeout=10).close()
    _kg("build", "-q", FILES[1], "--store", server)
    assert "example.org" not in "".join(_triples(server))
    ask = _kg("query", "ASK { ?s ?p <http://example.org/c> }", "--format", "json", "--store", server)
    assert '"boolean": false' in ask
    with urllib.request.urlopen(f"{server}/store?default", timeout=10) as resp:
        assert b"example.org/c" in resp.read()  # the server's own data is untouched


def test_errors_are_one_line(server: str) -> None:
    _kg("build", "-q", FILES[1], "--store", server)
    out = _kg("query", "SELECT ?x WHERE { ?x", "--store", server, code=2)
    assert out.startswith("error: line 1, column 21: syntax error") and len(out.strip().splitlines()) == 1, out
    out = _kg("query", "DELETE WHERE { ?s ?p ?o }", "--store", server, code=2)
    assert "read-only" in out and len(out.strip().splitlines()) == 1, out
    port = _free_port()
    out = _kg("query", "ASK {}", "--store", f"http://127.0.0.1:{port}", code=3)
    assert out.strip().splitlines() == [
        f"error: cannot reach the SPARQL server at http://127.0.0.1:{port} ([Errno 111] Connection refused); "
        "check the URL and that the server is running"]
    out = _kg("export", "--store", f"http://127.0.0.1:{port}", code=3)
    assert out.startswith(f"error: cannot reach the SPARQL server at http://127.0.0.1:{port}")


def test_the_other_commands_read_a_server_store(server: str, tmp_path: Path) -> None:
    _kg("build", "-q", FILES[0], "--store", server)
    stats = _kg("stats", "--store", server)
    assert stats.startswith(f"store                 {server} (a SPARQL server)\n")
    assert "articles              1\n" in stats
    _kg("export", "--format", "graphml", "-o", tmp_path / "g.graphml", "--store", server)
    assert (tmp_path / "g.graphml").read_text(encoding="utf-8").startswith("<?xml")
    _kg("viz", "-o", tmp_path / "g.html", "--store", server)
    assert (tmp_path / "g.html").stat().st_size > 1000
    refused = CliRunner().invoke(main, ["serve", "--store", server, "--port", "0"])
    assert refused.exit_code == 2
    assert refused.output.startswith("error: kg serve serves a store directory, not the SPARQL server ")
