"""`kg serve`: a SPARQL 1.1 Protocol endpoint on loopback, asked by a real client
(SPARQLWrapper) and by headless Chromium (the query page and the graph page)."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

from browser import chromium_path
from fixtures_store import store_from_records
from kg import api
from kg.store import Store

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"


class Server:
    def __init__(self, store: Path, *args: str) -> None:
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--store", str(store), "--port", "0", "-q", *args],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        m = re.search(r"at (http://\S+/) ", line)
        assert m, (line, self.proc.stderr.read() if self.proc.poll() is not None else "")
        self.url = m[1]
        self.endpoint = self.url + "sparql"

    def close(self) -> str:
        self.proc.terminate()
        try:
            _out, err = self.proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            _out, err = self.proc.communicate()
        return err


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return store_from_records(tmp_path_factory.mktemp("serve") / "store")


@pytest.fixture(scope="module")
def server(store: Path) -> Iterator[Server]:
    s = Server(store, "--timeout", "2")
    yield s
    s.close()


def _client(server: Server, query: str, fmt: str = JSON) -> SPARQLWrapper:
    client = SPARQLWrapper(server.endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    return client


def _get(url: str, accept: str | None = None, data: bytes | None = None,
         content_type: str | None = None) -> tuple[int, str, bytes]:
    request = urllib.request.Request(url, data=data, headers={k: v for k, v in (("Accept", accept), ("Content-Type", content_type)) if v})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers["Content-Type"], exc.read()


# --- the SPARQL protocol, through SPARQLWrapper -----------------------------------------


def test_sparqlwrapper_runs_remain_jailed(server: Server, store: Path) -> None:
    doc = _client(server, (QUERIES / "remain_jailed.rq").read_text(encoding="utf-8")).queryAndConvert()
    assert doc["head"]["vars"] == ["person", "name", "since", "source"]
    names = [b["name"]["value"] for b in doc["results"]["bindings"]]
    assert names == api.query(QUERIES / "remain_jailed.rq", store=store).values("name")
    assert names == ["Carl Smithson", "Dmitri Olsen"]


def test_post_and_every_select_format(server: Server) -> None:
    query = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"
    client = _client(server, query, XML)
    client.setMethod(POST)
    xml = client.queryAndConvert()
    assert [n.firstChild.data for n in xml.getElementsByTagName("literal")][:2] == ["Anna Smithson", "Boris Kallen"]
    csv_text = _client(server, query, CSV).queryAndConvert().decode("utf-8")
    assert csv_text.splitlines()[:2] == ["name", "Anna Smithson"]
    tsv_text = _client(server, query, TSV).queryAndConvert().decode("utf-8")
    assert tsv_text.splitlines()[:2] == ["?name", '"Anna Smithson"']


def test_ask_and_construct(server: Server) -> None:
    assert _client(server, "ASK { ?p a kg:Person }").queryAndConvert()["boolean"] is True
    g = _client(server, "CONSTRUCT { ?p rdfs:label ?n } WHERE { ?p a kg:Person ; rdfs:label ?n }", TURTLE).queryAndConvert()
    graph = rdflib.Graph().parse(data=g, format="turtle")
    assert rdflib.Literal("Anna Smithson") in set(graph.objects())
    status, media, body = _get(server.endpoint + "?" + urllib.parse.urlencode({"query": "DESCRIBE <https://w3id.org/kg-news/id/person/anna-smithson>"}),
                               accept="application/n-triples")
    assert status == 200 and media.startswith("application/n-triples")
    assert len(rdflib.Graph().parse(data=body, format="nt")) > 3


def test_updates_and_service_are_refused(server: Server) -> None:
    client = SPARQLWrapper(server.endpoint)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    client.setMethod(POST)
    with pytest.raises(urllib.error.HTTPError) as info:  # SPARQLWrapper passes a 403 on as it is
        client.query()
    assert info.value.code == 403 and b"read-only: SPARQL Update is refused" in info.value.read()
    status, _, body = _get(server.endpoint, data=b"DELETE WHERE { ?s ?p ?o }", content_type="application/sparql-update")
    assert status == 403
    status, _, body = _get(server.endpoint + "?" + urllib.parse.urlencode({"query": "DELETE WHERE { ?s ?p ?o }"}))
    assert status == 403 and body == b"this endpoint is read-only: SPARQL Update is refused\n"
    status, _, body = _get(server.endpoint + "?" + urllib.parse.urlencode(
        {"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"}))
    assert status == 403 and b"SERVICE is refused" in body


def test_bad_query_is_a_400_with_one_line(server: Server) -> None:
    with pytest.raises(QueryBadFormed) as info:
        _client(server, "SELECT ?x WHERE { ?x a }").query()
    assert "syntax error" in str(info.value)


def test_every_query_is_bounded_by_the_timeout(server: Server) -> None:
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as info:
        _client(server, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }").query()
    assert info.value.code == 503
    assert b"did not finish within 2 seconds" in info.value.read()
    assert time.monotonic() - started < 15


def test_unacceptable_format_is_a_406(server: Server) -> None:
    status, _, body = _get(server.endpoint + "?query=ASK%7B%7D", accept="image/png")
    assert status == 406 and b"application/sparql-results+json" in body


def test_a_finished_build_is_seen_by_the_next_query(tmp_path: Path) -> None:
    store = store_from_records(tmp_path / "s")
    s = Server(store)
    try:
        query = "SELECT ?n WHERE { ?p a kg:Person ; rdfs:label ?n } ORDER BY ?n"
        before = [b["n"]["value"] for b in _client(s, query).queryAndConvert()["results"]["bindings"]]
        assert "Zora Newperson" not in before
        with Store(store, create=True) as st:  # what a build does: a new version, then the switch
            g = rdflib.Graph().parse(data=st.dump("nt"), format="nt")
            kg_ns = rdflib.Namespace("https://w3id.org/kg-news/ontology#")
            zora = rdflib.URIRef("https://w3id.org/kg-news/id/person/zora-newperson")
            g.add((zora, rdflib.RDF.type, kg_ns.Person))
            g.add((zora, rdflib.RDFS.label, rdflib.Literal("Zora Newperson")))
            st.replace_graph(g)
        after = [b["n"]["value"] for b in _client(s, query).queryAndConvert()["results"]["bindings"]]
        assert after == sorted([*before, "Zora Newperson"])
        status, _, body = _get(s.url + "status")
        assert status == 200 and json.loads(body)["triples"] == len(g)
    finally:
        s.close()


def test_loopback_by_default_and_a_warning_otherwise(store: Path) -> None:
    s = Server(store, "--host", "0.0.0.0")
    err = s.close()
    assert "warning: listening on 0.0.0.0: any machine that can reach it can query the store" in err
    assert s.url.startswith("http://0.0.0.0:")
    assert Server.__init__  # the default is checked by every other test: their URL is 127.0.0.1


def test_default_url_is_loopback(server: Server) -> None:
    assert server.url.startswith("http://127.0.0.1:")


def test_no_store_is_one_line(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "kg", "serve", "--store", str(tmp_path / "none"), "--port", "0"],
                         capture_output=True, text=True, timeout=60, cwd=ROOT)
    assert out.returncode == 3
    assert out.stderr.strip().splitlines() == [f"error: no graph at {tmp_path / 'none'}; run `kg build PATH` first or pass --store"]


# --- the pages, in headless Chromium ---------------------------------------------------

needs_chromium = pytest.mark.skipif(chromium_path() is None and not os.environ.get("CI"),
                                    reason="chromium is not installed (.ci/run installs it)")


@needs_chromium
def test_query_page_runs_an_example_in_chromium(server: Server) -> None:
    from browser import Browser

    with Browser() as b:
        b.open(server.url)
        names = b.eval("[...document.querySelectorAll('#examples option')].map(o => o.value)")
        assert sorted(n for n in names if n) == sorted(p.name for p in QUERIES.glob("*.rq"))
        b.eval("const s = document.getElementById('examples'); s.value = 'remain_jailed.rq';"
               "s.dispatchEvent(new Event('change')); document.getElementById('run').click();")
        b.wait_until("!!document.querySelector('#table tbody')")
        header = b.eval("[...document.querySelectorAll('#table th')].map(t => t.textContent)")
        rows = b.eval("[...document.querySelectorAll('#table tbody tr')].map(r => r.cells[1].textContent)")
        assert header == ["person", "name", "since", "source"]
        assert rows == ["Carl Smithson", "Dmitri Olsen"]
        assert b.eval("document.getElementById('status').textContent").startswith("2 rows in ")
        # A bad query shows the server's one-line message.
        b.eval("document.getElementById('query').value = 'SELECT ?x WHERE { ?x a }'; document.getElementById('run').click();")
        b.wait_until("document.getElementById('status').className === 'error'")
        assert "syntax error" in b.eval("document.getElementById('status').textContent")
        assert all("status of 400" in e for e in b.errors), b.errors  # only the 400 response itself is logged


@needs_chromium
def test_graph_page_is_served(server: Server) -> None:
    from browser import Browser

    with Browser() as b:
        b.open(server.url + "graph")
        assert b.errors == []
        assert b.eval("kg.nodes.some(n => n.l === 'Carl Smithson')")
        assert b.eval("window.kgFirstFrame") > 0
