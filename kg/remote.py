"""The graph in a SPARQL server: ``--store http://HOST:PORT``.

Any command that takes ``--store`` also takes the URL of a SPARQL 1.1 server that
speaks the Protocol (query and update) and the Graph Store Protocol, such as
``oxigraph serve``.  Several builders and readers then share one graph.  kg uses
three endpoints under the URL, named as Oxigraph names them: ``URL/query``,
``URL/update`` and ``URL/store``.  Two named graphs hold everything kg writes, so
the server may keep other data beside them:

* ``https://w3id.org/kg-news/id/graph``: the knowledge graph.  Queries run with it
  as their default graph (the protocol's ``default-graph-uri``), so every ``.rq``
  file works unchanged.  A build replaces it in one Graph Store ``PUT``.
* ``https://w3id.org/kg-news/id/cache``: the extraction cache and the manifest, as
  JSON literals (``rdf:value``) on the extraction and on the article.  Every builder
  resolves over every article in it, so builders on several machines add to one
  graph; run ``kg build --rebuild --store URL`` after builds that ran at the same
  time, since each writes the graph of the articles it found when it started.

Nothing is downloaded or called besides the server named.  Errors are one line:
a server that cannot be reached, or that refuses a request, is a
:class:`~kg.errors.StoreError`; a query it rejects a :class:`~kg.errors.QueryError`.
"""
from __future__ import annotations

import contextlib
import json
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, QueryError, StoreError, UsageError
from kg.query import PREFIXES

if TYPE_CHECKING:
    import pyoxigraph

    from kg.api import BuildReport
    from kg.query import QueryResult
    from kg.records import Extraction

__all__ = ["GRAPH", "CACHE", "RemoteStore", "is_url", "build_remote", "forget_remote", "query_remote"]

GRAPH = PREFIXES["data"] + "graph"
CACHE = PREFIXES["data"] + "cache"
_VALUE = PREFIXES["rdf"] + "value"
_EXTRACTION = PREFIXES["data"] + "extraction/"
NT = "application/n-triples"
#: Seconds to wait for the server on anything but a query (which has its own --timeout).
WRITE_TIMEOUT = 600.0


def is_url(store: object) -> bool:
    """Whether ``store`` names a SPARQL server rather than a store directory."""
    return isinstance(store, str) and store.lower().startswith(("http://", "https://"))


def _nt_string(value: str) -> str:
    """An N-Triples string literal (the escapes N-Triples requires)."""
    out = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return f'"{out}"'


class RemoteStore:
    """The kg graph in the SPARQL server at ``url`` (read and write)."""

    def __init__(self, url: str) -> None:
        if not is_url(url):
            raise UsageError(f"{url!r} is not an http:// or https:// URL", fix="pass --store http://HOST:PORT")
        self.url = url.rstrip("/")
        self.path = self.url  # what messages and reports name
        self.query_url = self.url + "/query"
        self.update_url = self.url + "/update"
        self.store_url = self.url + "/store"

    def __repr__(self) -> str:
        return f"RemoteStore({self.url!r})"

    # --- HTTP ------------------------------------------------------------------------

    def _request(self, method: str, url: str, data: bytes | None = None, headers: dict[str, str] | None = None,
                 timeout: float | None = WRITE_TIMEOUT, what: str = "request") -> tuple[bytes, str]:
        req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
        try:
            with urllib.request.urlopen(req, timeout=timeout or None) as resp:  # noqa: S310 - the user's server
                return resp.read(), resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as exc:
            body = exc.read().decode("utf-8", "replace")
            detail = " ".join(body.split())[:300] or exc.reason
            if what == "query" and exc.code == 400:
                raise QueryError(f"the SPARQL server rejected the query ({detail})") from None
            raise StoreError(f"the SPARQL server at {self.url} refused the {what} (HTTP {exc.code}: {detail})",
                             fix="check that the URL is the server's base (kg uses URL/query, URL/update and "
                                 "URL/store) and that it accepts updates") from None
        except (TimeoutError, socket.timeout):
            if what == "query":
                raise QueryError(f"the query ran past its time limit of {timeout:g} seconds on {self.url}",
                                 fix="pass --timeout SECONDS (0 for no limit) or make the query cheaper") from None
            raise StoreError(f"the SPARQL server at {self.url} did not answer the {what} in {timeout:g} seconds",
                             fix="check the server") from None
        except (urllib.error.URLError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            raise StoreError(f"cannot reach the SPARQL server at {self.url} ({reason})",
                             fix="check the URL and that the server is running") from None

    def _gsp(self, graph: str) -> str:
        return f"{self.store_url}?{urllib.parse.urlencode({'graph': graph})}"

    def get_graph(self, graph: str = GRAPH) -> bytes:
        """The named graph as N-Triples (empty when the server has no such graph)."""
        try:
            data, _ = self._request("GET", self._gsp(graph), headers={"Accept": NT}, what="read")
        except StoreError as exc:
            if "HTTP 404" in exc.reason:
                return b""
            raise
        return data

    def put_graph(self, ntriples: bytes, graph: str = GRAPH) -> None:
        """Replace the named graph with ``ntriples`` (one Graph Store PUT)."""
        self._request("PUT", self._gsp(graph), ntriples, {"Content-Type": NT}, what="write")

    def post_graph(self, ntriples: bytes, graph: str) -> None:
        """Add ``ntriples`` to the named graph."""
        self._request("POST", self._gsp(graph), ntriples, {"Content-Type": NT}, what="write")

    def update(self, sparql: str) -> None:
        self._request("POST", self.update_url, sparql.encode("utf-8"),
                      {"Content-Type": "application/sparql-update"}, what="update")

    # --- the interface kg.query, kg.export and kg.viz read through ----------------------

    def query(self, sparql: str, *, prefixes: dict[str, str] | None = None,
              substitutions: dict[Any, Any] | None = None, timeout: float | None = None) -> Any:
        """Run a query with the kg graph as default graph; results as pyoxigraph objects."""
        import pyoxigraph

        # Parsed here first (not run: an empty store, results never read), so a syntax
        # error or an update gets kg's own one-line message, with line and column.
        pyoxigraph.Store().query(sparql, prefixes=prefixes)
        head = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in (prefixes or {}).items())
        tail = ""
        if substitutions:
            names = " ".join(f"?{v.value}" for v in substitutions)
            values = " ".join(str(t) for t in substitutions.values())
            tail = f"\nVALUES ({names}) {{ ({values}) }}"
        form = urllib.parse.urlencode({"query": head + sparql + tail, "default-graph-uri": GRAPH}).encode("ascii")
        data, ctype = self._request("POST", self.query_url, form, {
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": f"application/sparql-results+json, {NT};q=0.9",
        }, timeout=timeout, what="query")
        if "json" in ctype:
            return pyoxigraph.parse_query_results(data, format=pyoxigraph.QueryResultsFormat.JSON)
        quads = pyoxigraph.parse(data, format=pyoxigraph.RdfFormat.N_TRIPLES)
        return [pyoxigraph.Triple(q.subject, q.predicate, q.object) for q in quads]

    def damaged(self, exc: BaseException) -> StoreError:
        return StoreError(f"the SPARQL server at {self.url} failed ({' '.join(str(exc).split())[:200]})",
                          fix="check the server")

    @contextlib.contextmanager
    def reading(self, *, any_error: bool = True) -> Iterator[pyoxigraph.Store]:
        """The graph, copied into an in-memory Oxigraph store (exports read every triple anyway)."""
        import pyoxigraph

        ox = pyoxigraph.Store()
        ox.bulk_load(self.get_graph(), pyoxigraph.RdfFormat.N_TRIPLES)
        yield ox

    def dump(self, format: Any = "turtle", prefixes: dict[str, str] | None = None) -> bytes:
        import pyoxigraph

        from kg.store import rdf_format

        fmt = rdf_format(format)
        data = self.get_graph()
        if fmt == pyoxigraph.RdfFormat.N_TRIPLES:
            return data
        with self.reading() as ox:
            kwargs: dict[str, Any] = {"format": fmt}
            if not fmt.supports_datasets:
                kwargs["from_graph"] = pyoxigraph.DefaultGraph()
            if prefixes:
                kwargs["prefixes"] = prefixes
            out = ox.dump(**kwargs)
        assert out is not None
        return out

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))
        return int(rows[0]["n"].value)

    def close(self) -> None:
        """Nothing to release: every request is its own connection."""

    # --- the shared extraction cache and manifest -------------------------------------

    def read_cache(self) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
        """``(manifest entries by article id, extraction JSON by cache key)``."""
        import pyoxigraph

        from kg.rdf import article_iri

        manifest: dict[str, dict[str, Any]] = {}
        blobs: dict[str, str] = {}
        prefix = str(article_iri(""))
        for quad in pyoxigraph.parse(self.get_graph(CACHE), format=pyoxigraph.RdfFormat.N_TRIPLES):
            if quad.predicate.value != _VALUE or not isinstance(quad.object, pyoxigraph.Literal):
                continue
            subject = quad.subject.value
            if subject.startswith(_EXTRACTION):
                blobs[subject[len(_EXTRACTION):]] = quad.object.value
            elif subject.startswith(prefix):
                with contextlib.suppress(ValueError):
                    entry = json.loads(quad.object.value)
                    manifest[urllib.parse.unquote(subject[len(prefix):])] = entry
        return manifest, blobs

    def save_extraction(self, key: str, extraction: Extraction) -> None:
        blob = json.dumps(extraction.to_dict(), ensure_ascii=False)
        self.post_graph(f"<{_EXTRACTION}{key}> <{_VALUE}> {_nt_string(blob)} .\n".encode("utf-8"), CACHE)

    def set_entries(self, entries: dict[str, dict[str, Any] | None]) -> None:
        """Write (or, for None, delete) manifest entries, all in one update."""
        from kg.rdf import article_iri

        parts = []
        for aid, entry in entries.items():
            node = f"<{article_iri(aid)}>"
            parts.append(f"DELETE WHERE {{ GRAPH <{CACHE}> {{ {node} <{_VALUE}> ?v }} }}")
            if entry is not None:
                value = _nt_string(json.dumps(entry, ensure_ascii=False, sort_keys=True))
                parts.append(f"INSERT DATA {{ GRAPH <{CACHE}> {{ {node} <{_VALUE}> {value} }} }}")
        if parts:
            self.update(" ;\n".join(parts))

    def write_graph_of(self, manifest: dict[str, dict[str, Any]], blobs: dict[str, str],
                       report: BuildReport) -> None:
        """Resolve over the articles in ``manifest`` and replace the graph."""
        from kg.rdf import to_ntriples
        from kg.records import Extraction
        from kg.resolve import resolve

        extractions = []
        for aid, entry in sorted(manifest.items()):
            blob = blobs.get(str(entry.get("cache")))
            try:
                extractions.append(Extraction.from_dict(json.loads(blob or "")))
            except (ValueError, KeyError, TypeError):
                report.failed.append(InputError(f"the cached extraction of {aid} on {self.url} is missing or damaged",
                                                path=entry.get("source") or aid, fix="build the file again"))
        data = to_ntriples(extractions, resolve(extractions))
        self.put_graph(data.ntriples)
        report.triples, report.persons, report.events = data.triples, data.persons, data.events
        report.articles = len(extractions)
        report.graph_written = True


# --- what kg.api calls --------------------------------------------------------------


def build_remote(paths: list[str], url: str, *, model: str | None, progress: bool, jobs: int, rebuild: bool,
                 cluster: str | None) -> BuildReport:
    """:func:`kg.api.build` for a SPARQL server (see the module's text)."""
    import time

    from kg.api import BuildReport, _extract, _extraction_failed
    from kg.extract import EXTRACTOR_VERSION
    from kg.nlp import model_name
    from kg.read import read_paths
    from kg.store import cache_key

    started = time.monotonic()
    st = RemoteStore(url)
    result = read_paths(paths)
    name = model_name(model) if result.articles else (model or "")
    report = BuildReport(store=st.url, model=name, read=len(result.articles),  # type: ignore[arg-type]
                         failed=list(result.errors), rebuilt=rebuild,
                         undated=[a.source for a in result.articles if not a.published])
    if not result.articles and not rebuild:
        report.seconds = time.monotonic() - started
        return report
    manifest, blobs = st.read_cache()
    changed: dict[str, dict[str, Any] | None] = {}
    todo = []

    def entry(article: Any, key: str) -> dict[str, Any]:
        return {"source": article.source, "sha256": article.sha256, "cache": key, "title": article.title,
                "model": name, "extractor_version": EXTRACTOR_VERSION}

    for article in result.articles:
        key = cache_key(article, name, EXTRACTOR_VERSION)
        if key in blobs:
            report.reused += 1
            if manifest.get(article.id) != entry(article, key):
                manifest[article.id] = changed[article.id] = entry(article, key)
        else:
            todo.append(article)
    st.set_entries(changed)
    for article, outcome in (_extract(todo, name, jobs, progress, cluster) if todo else ()):
        if isinstance(outcome, Exception):
            report.failed.append(_extraction_failed(article, outcome))
            continue
        key = cache_key(article, name, EXTRACTOR_VERSION)
        st.save_extraction(key, outcome)
        blobs[key] = json.dumps(outcome.to_dict(), ensure_ascii=False)
        manifest[article.id] = entry(article, key)
        st.set_entries({article.id: manifest[article.id]})
        report.extracted += 1
    if manifest:
        st.write_graph_of(manifest, blobs, report)
    report.seconds = time.monotonic() - started
    return report


def forget_remote(names: list[str], url: str) -> Any:
    """:func:`kg.api.forget` for a SPARQL server."""
    from kg.api import BuildReport
    from kg.forget import ForgetReport

    st = RemoteStore(url)
    manifest, blobs = st.read_cache()
    found: dict[str, None] = {}
    for name in names:
        ids = [aid for aid, e in manifest.items()
               if name == aid or name == e.get("source") or os.path.abspath(name) == os.path.abspath(str(e.get("source")))]
        if not ids:
            raise UsageError(f"no article {name!r} in the store {st.url}",
                             fix="name an article id or the file it was built from")
        found.update(dict.fromkeys(ids))
    st.set_entries(dict.fromkeys(found))
    for aid in found:
        del manifest[aid]
    report = ForgetReport(store=st.url, forgotten=list(found))  # type: ignore[arg-type]
    built = BuildReport(store=st.url, model="")  # type: ignore[arg-type]
    st.write_graph_of(manifest, blobs, built)
    report.articles, report.triples = built.articles, built.triples
    return report


def query_remote(text_or_path: str | os.PathLike[str], url: str, *, timeout: float | None, limit: int | None,
                 allow_service: bool) -> QueryResult:
    """:func:`kg.api.query` for a SPARQL server: the server runs it, bounded by ``timeout``."""
    from kg.query import read_query, run_text

    text, path = read_query(text_or_path)

    class _Bounded(RemoteStore):
        def query(self, sparql: str, **options: Any) -> Any:
            return super().query(sparql, timeout=timeout, **options)

    return run_text(_Bounded(url), text, path, max_rows=limit or None, allow_service=allow_service)
