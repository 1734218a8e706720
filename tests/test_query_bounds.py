"""Queries are bounded (issue 8): a timeout, Ctrl-C that stops them at once, a row limit
for tables, no network unless asked, read-only, and never in the way of a build.

A cross product over the hand-written ``mini.ttl`` (165 triples, so 165**4 rows) runs
for minutes: the query that used to run for ever.
"""
from __future__ import annotations

import http.server
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner

import kg
from kg.cli import main
from kg.errors import QueryError
from kg.store import Store

from fixtures_store import mini_store

ROOT = Path(__file__).resolve().parent.parent
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
EVERY_ROW_FOREVER = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture
def store(tmp_path: Path) -> Path:
    return mini_store(tmp_path / "store")


def _run(*args: str | Path) -> object:
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


def _processes_with(marker: str) -> list[int]:
    """Ids of the live processes whose command line holds ``marker`` (a forked query keeps its parent's)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            cmdline = (entry / "cmdline").read_bytes()
            state = (entry / "stat").read_text().split(") ", 1)[1][:1]
        except OSError:
            continue
        if marker.encode() in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def _wait_for(condition, seconds: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.05)


# --- timeout -------------------------------------------------------------------------


def test_cross_product_stops_at_the_timeout(store: Path) -> None:
    started = time.monotonic()
    result = _run("query", FOREVER, "--timeout", "1", "--store", store)
    assert time.monotonic() - started < 15
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert _one_error_line(result.stderr) == (  # type: ignore[attr-defined]
        "error: the query did not finish within 1 second; it was stopped; narrow it (more specific patterns, a LIMIT), "
        "or allow more time with --timeout SECONDS (0: no limit)"
    )


def test_timeout_names_the_query_file(store: Path, tmp_path: Path) -> None:
    path = tmp_path / "forever.rq"
    path.write_text(FOREVER + "\n")
    with pytest.raises(QueryError, match=rf"^{path}: the query did not finish within 0.5 seconds"):
        kg.query(path, store=store, timeout=0.5)


def test_default_timeout_is_sixty_seconds() -> None:
    import inspect

    from kg import api
    from kg.limits import DEFAULT_TIMEOUT

    assert DEFAULT_TIMEOUT == 60
    assert inspect.signature(api.query).parameters["timeout"].default == 60
    assert main.commands["query"].params[[p.name for p in main.commands["query"].params].index("timeout")].default == 60


def test_small_queries_stay_quick(store: Path) -> None:
    started = time.monotonic()
    for _ in range(10):
        assert kg.query("ASK { ?s ?p ?o }", store=store).boolean is True
    assert time.monotonic() - started < 5


# --- Ctrl-C --------------------------------------------------------------------------


def test_ctrl_c_stops_the_query_at_once(store: Path) -> None:
    marker = f"# {uuid.uuid4()}"
    proc = subprocess.Popen([sys.executable, "-m", "kg", "query", f"{FOREVER} {marker}", "--timeout", "0",
                             "--store", str(store)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        _wait_for(lambda: len(_processes_with(marker)) >= 2)  # kg and the query it runs
        time.sleep(0.3)
        stopped = time.monotonic()
        proc.send_signal(signal.SIGINT)
        _out, err = proc.communicate(timeout=10)
        assert time.monotonic() - stopped < 3
    finally:
        proc.kill()
    assert proc.returncode == 130
    assert _one_error_line(err) == "error: interrupted"
    _wait_for(lambda: not _processes_with(marker), 5)  # nothing left computing


def test_a_killed_kg_query_leaves_no_query_running(store: Path) -> None:
    marker = f"# {uuid.uuid4()}"
    proc = subprocess.Popen([sys.executable, "-m", "kg", "query", f"{FOREVER} {marker}", "--timeout", "0",
                             "--store", str(store)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    _wait_for(lambda: len(_processes_with(marker)) >= 2)
    proc.kill()
    proc.wait(10)
    _wait_for(lambda: not _processes_with(marker), 5)


# --- row limit -----------------------------------------------------------------------


def test_table_shows_the_first_thousand_rows_and_says_so(store: Path) -> None:
    # SELECT * over the cross product used to grow by about 75 MB/s before printing.
    started = time.monotonic()
    result = _run("query", EVERY_ROW_FOREVER, "--store", store)
    assert time.monotonic() - started < 15
    assert result.exit_code == 0  # type: ignore[attr-defined]
    lines = result.stdout.splitlines()  # type: ignore[attr-defined]
    assert len(lines) == 2 + 1000 + 1
    assert lines[-1] == "first 1,000 rows shown; there are more (`--limit 0` shows them all, `--format csv` writes them for tools)"


def test_limit_option(store: Path) -> None:
    query = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"
    cut = _run("query", query, "--limit", "2", "--store", store).stdout.splitlines()  # type: ignore[attr-defined]
    assert cut[2:] == ["Anna Kowalczyk", "Boris Example", cut[-1]] and cut[-1].startswith("first 2 rows shown; there are more")
    whole = _run("query", query, "--limit", "0", "--store", store).stdout.splitlines()  # type: ignore[attr-defined]
    assert whole[-1] == "4 rows"
    csv = CliRunner().invoke(main, ["query", query, "-f", "csv", "--limit", "1", "--store", str(store)])
    assert csv.stdout_bytes == b"name\r\nAnna Kowalczyk\r\n"
    assert csv.stderr == "note: only the first 1 rows were written (--limit 1); pass --limit 0 for all\n"
    assert kg.query(query, store=store, limit=3).truncated


def test_other_formats_are_not_cut_by_default(store: Path) -> None:
    query = "SELECT ?s WHERE { ?s ?p ?o }"
    out = _run("query", query, "-f", "tsv", "--store", store).stdout  # type: ignore[attr-defined]
    assert len(out.splitlines()) == 1 + 165


# --- no network, read-only -----------------------------------------------------------


@pytest.fixture
def endpoint() -> Iterator[tuple[str, list[str]]]:
    """A SPARQL endpoint on this machine that answers every request with no rows, and counts them."""
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self) -> None:
            requests.append(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            body = json.dumps({"head": {"vars": ["s"]}, "results": {"bindings": []}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/sparql-results+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql", requests
    server.shutdown()


def test_service_is_refused_without_a_request(store: Path, endpoint: tuple[str, list[str]]) -> None:
    url, requests = endpoint
    query = f"SELECT ?s WHERE {{\n  SERVICE <{url}> {{ ?s ?p ?o }}\n}}"
    result = _run("query", query, "--store", store)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert _one_error_line(result.stderr) == (  # type: ignore[attr-defined]
        "error: line 2, column 3: the query calls another SPARQL endpoint (SERVICE), and kg makes no network requests "
        "unless told to; pass --allow-service to let it"
    )
    assert requests == []
    allowed = _run("query", query, "--allow-service", "--store", store)
    assert allowed.exit_code == 0, allowed.output  # type: ignore[attr-defined]
    assert allowed.stdout.splitlines()[-1] == "0 rows"  # type: ignore[attr-defined]
    assert len(requests) == 1


def test_service_in_strings_names_and_comments_is_no_call(store: Path) -> None:
    query = ('SELECT ?service WHERE { ?service rdfs:label "SERVICE <http://example.org/>" } # SERVICE\n'
             "LIMIT 1")
    assert _run("query", query, "--store", store).exit_code == 0  # type: ignore[attr-defined]


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://example.org/a> <http://example.org/b> <http://example.org/c> }",
    "PREFIX ex: <http://example.org/>\n# change it\nDELETE WHERE { ?s ?p ?o }",
    "CLEAR DEFAULT",
    "LOAD <http://example.org/data.ttl>",
], ids=["insert-data", "delete-after-prefix", "clear", "load"])
def test_sparql_update_is_refused_as_read_only(store: Path, update: str) -> None:
    # It used to say "syntax error ... (expected CONSTRUCT)".
    result = _run("query", update, "--store", store)
    assert result.exit_code == 2  # type: ignore[attr-defined]
    assert _one_error_line(result.stderr) == (  # type: ignore[attr-defined]
        "error: kg query is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, ...) cannot run; the graph is "
        "made from the articles by `kg build`; ask with SELECT, ASK, CONSTRUCT or DESCRIBE"
    )
    with Store(store) as st:
        assert len(st) == 165


# --- builds are not blocked ----------------------------------------------------------


def test_a_running_query_does_not_block_a_build(store: Path) -> None:
    marker = f"# {uuid.uuid4()}"
    proc = subprocess.Popen([sys.executable, "-m", "kg", "query", f"{FOREVER} {marker}", "--timeout", "60",
                             "--store", str(store)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        _wait_for(lambda: len(_processes_with(marker)) >= 2)
        time.sleep(0.3)
        small = rdflib.Graph()
        small.add((rdflib.URIRef("http://example.org/a"), rdflib.RDFS.label, rdflib.Literal("new")))
        with Store(store, create=True) as st:
            assert st.replace_graph(small) == 1
        assert proc.poll() is None  # the query still runs, on the graph it started with
        assert kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", store=store).values("n") == ["1"]
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=10)
    assert proc.returncode == 130
    # The old version is deleted by the next build, now that nobody reads it.
    with Store(store, create=True) as st:
        st.replace_graph(small)
    assert len(os.listdir(store / "graphs")) == 1
