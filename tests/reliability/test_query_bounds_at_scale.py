"""Query bounds on a store of about 100,000 triples, through ``kg`` as a user runs it.

The cross product stops at the timeout (the default one too) with one clear line and
exit 2; ``SELECT *`` over it prints its first rows without filling the memory; Ctrl-C
stops it at once; ``SERVICE`` is refused; and a build on the same store goes ahead
while such a query runs.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, kg_command, load_bench, run_kg

pytestmark = pytest.mark.reliability

FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
EVERY_ROW = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.rdf import to_graph
    from kg.store import Store

    bench = load_bench()
    corpus = bench.build_corpus(450, seed=7)
    path = tmp_path_factory.mktemp("bounds") / "store"
    with Store(path, create=True) as st:
        for x in corpus.extractions:
            st.save_extraction(x, "synthetic", "bench", save_manifest=False)
        st.write_manifest()
        assert st.replace_graph(to_graph(corpus.extractions, bench.truth_resolution(corpus))) > 90_000
    return path


def _peak_memory_mb(*args: str | Path, timeout: float = 300) -> tuple[subprocess.CompletedProcess[str], float]:
    """Run ``kg ARGS`` and return it with the peak resident memory of it and its children."""
    probe = ("import resource, subprocess, sys; "
             "p = subprocess.run(sys.argv[1:], capture_output=True, text=True); "
             "sys.stdout.write(p.stdout); sys.stderr.write(p.stderr); "
             "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr); sys.exit(p.returncode)")
    out = subprocess.run([sys.executable, "-c", probe, *kg_command(*args)], capture_output=True, text=True, cwd=ROOT,
                         timeout=timeout)
    *lines, peak = out.stderr.strip().splitlines()
    out.stderr = "\n".join(lines) + ("\n" if lines else "")
    return out, int(peak) / 1024


def test_cross_product_stops_at_the_default_timeout(store: Path) -> None:
    started = time.monotonic()
    out = run_kg("query", FOREVER, "--store", store, timeout=180)
    took = time.monotonic() - started
    assert out.returncode == 2
    assert out.stderr == ("error: the query did not finish within 60 seconds; it was stopped; narrow it (more specific "
                          "patterns, a LIMIT), or allow more time with --timeout SECONDS (0: no limit)\n")
    assert 60 <= took < 75


def test_every_row_of_the_cross_product_as_a_table(store: Path) -> None:
    started = time.monotonic()
    out, peak = _peak_memory_mb("query", EVERY_ROW, "--store", store)
    assert out.returncode == 0, out.stderr
    assert time.monotonic() - started < 30
    lines = out.stdout.splitlines()
    assert len(lines) == 2 + 1000 + 1 and lines[-1].startswith("first 1,000 rows shown; there are more")
    print(f"table of the cross product: peak {peak:.0f} MB")
    assert peak < 600, f"{peak:.0f} MB"


def test_every_row_as_csv_stops_at_the_timeout(store: Path) -> None:
    out, peak = _peak_memory_mb("query", EVERY_ROW, "-f", "csv", "--timeout", "5", "--store", store)
    assert out.returncode == 2
    assert out.stdout == ""
    assert out.stderr.startswith("error: the query did not finish within 5 seconds; it was stopped")
    print(f"csv of the cross product for 5 s: peak {peak:.0f} MB")
    assert peak < 2000, f"{peak:.0f} MB"


def test_ctrl_c(store: Path) -> None:
    proc = subprocess.Popen(kg_command("query", FOREVER, "--timeout", "0", "--store", store), cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(3)
    assert proc.poll() is None
    stopped = time.monotonic()
    proc.send_signal(signal.SIGINT)
    _out, err = proc.communicate(timeout=30)
    assert time.monotonic() - stopped < 2
    assert proc.returncode == 130 and err == "error: interrupted\n"


def test_service_is_refused(store: Path) -> None:
    out = run_kg("query", "SELECT * WHERE { SERVICE <https://query.wikidata.org/sparql> { ?s ?p ?o } } LIMIT 1",
                 "--store", store)
    assert out.returncode == 2
    assert out.stderr == ("error: line 1, column 18: the query calls another SPARQL endpoint (SERVICE), and kg makes "
                          "no network requests unless told to; pass --allow-service to let it\n")


def test_a_build_is_not_blocked_by_a_running_query(store: Path) -> None:
    query = subprocess.Popen(kg_command("query", FOREVER, "--timeout", "40", "--store", store), cwd=ROOT,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        time.sleep(2)
        versions = set(os.listdir(store / "graphs"))
        started = time.monotonic()
        build = run_kg("build", "--rebuild", "--store", store, "-q", timeout=300)
        assert build.returncode == 0, build.stderr
        assert time.monotonic() - started < 35
        assert query.poll() is None  # still running, on the graph it started with...
        assert versions <= set(os.listdir(store / "graphs"))  # ...which the build kept for it
    finally:
        query.send_signal(signal.SIGINT)
        query.communicate(timeout=30)
    again = run_kg("build", "--rebuild", "--store", store, "-q", timeout=300)
    assert again.returncode == 0
    assert len(os.listdir(store / "graphs")) == 1
