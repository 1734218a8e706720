"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over the store, with a query
page and the graph page, on loopback by default.

Why a small server over pyoxigraph and not ``oxigraph serve-read-only``: a kg store is
not one database but a series of versions (``graphs/<n>/oxigraph``) behind a
``current`` pointer, each pinned by a shared lock while it is read, so that a build can
switch versions and delete the old ones safely.  Oxigraph's server opens one database
directory for its whole life and knows nothing of the pointer or the locks: kg would
have to hold the lock for it, restart it on every build and proxy each request to
refuse ``SERVICE`` (which it would otherwise call) and to stop queries at the timeout.
Here every query runs in :func:`kg.limits.run_bounded` instead: a child process that
opens the version ``current`` names at that moment (so a finished build is seen by the
next query), refuses updates and ``SERVICE``, and is killed at the timeout.  The query
engine is still Oxigraph's (pyoxigraph, pinned in pyproject.toml).

Endpoints::

    GET  /                       the query page
    GET  /graph                  the graph page of the current graph
    GET  /sparql?query=...       SPARQL 1.1 Protocol query (also POST: form or application/sparql-query)
    GET  /status                 {"version": ..., "triples": ...} as JSON

Results by content negotiation (``Accept``): SPARQL JSON (the default), XML, CSV,
TSV; Turtle (the default) or N-Triples for CONSTRUCT and DESCRIBE.
"""
from __future__ import annotations

import json
import sys
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape as xml_escape

from kg.errors import KgError, QueryError, StoreError
from kg.limits import DEFAULT_TIMEOUT

if TYPE_CHECKING:
    from kg.query import QueryResult

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "make_server", "is_loopback", "result_body", "negotiate"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
#: Result formats: media type -> name, in the order preferred when the client accepts any.
SELECT_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
}
GRAPH_TYPES = {"text/turtle": "turtle", "application/n-triples": "nt", "text/plain": "nt"}
MAX_QUERY_BYTES = 1_000_000


def is_loopback(host: str) -> bool:
    return host in ("localhost", "::1") or host.startswith("127.")


def negotiate(accept: str | None, kind: str) -> tuple[str, str] | None:
    """``(media type, format name)`` for the ``Accept`` header, or None when nothing fits."""
    table = GRAPH_TYPES if kind == "graph" else SELECT_TYPES
    default = next(iter(table.items()))
    if not accept:
        return default
    ranked: list[tuple[float, int, str]] = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            ranked.append((-q, i, media))
    for _q, _i, media in sorted(ranked):
        if media in table:
            return media, table[media]
        if media in ("*/*", "application/*", "text/*"):
            prefix = media.split("/")[0]
            for candidate, name in table.items():
                if media == "*/*" or candidate.startswith(prefix + "/"):
                    return candidate, name
    return None


def result_body(result: QueryResult, name: str) -> bytes:
    """The result in the format ``name`` (json, xml, csv, tsv; turtle or nt for graphs)."""
    if name == "xml":
        return _xml(result).encode("utf-8")
    if name in ("turtle", "nt"):
        return result.to_rdf(name)
    return result.format(name).encode("utf-8")


def _xml(result: QueryResult) -> str:
    """SPARQL Query Results XML Format."""
    import pyoxigraph

    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">', "  <head>"]
    if result.kind == "ask":
        out += ["  </head>", f"  <boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out += [f'    <variable name="{xml_escape(v)}"/>' for v in result.vars]
    out += ["  </head>", "  <results>"]
    for row in result.rows:
        out.append("    <result>")
        for v in result.vars:
            term = row.get(v)
            if term is None:
                continue
            if isinstance(term, pyoxigraph.NamedNode):
                value = f"<uri>{xml_escape(term.value)}</uri>"
            elif isinstance(term, pyoxigraph.BlankNode):
                value = f"<bnode>{xml_escape(term.value)}</bnode>"
            elif isinstance(term, pyoxigraph.Literal):
                attr = ""
                if term.language:
                    attr = f' xml:lang="{xml_escape(term.language)}"'
                elif not term.datatype.value.endswith("#string"):
                    attr = f' datatype="{xml_escape(term.datatype.value)}"'
                value = f"<literal{attr}>{xml_escape(term.value)}</literal>"
            else:
                value = f"<literal>{xml_escape(str(term))}</literal>"
            out.append(f'      <binding name="{xml_escape(v)}">{value}</binding>')
        out.append("    </result>")
    out += ["  </results>", "</sparql>"]
    return "\n".join(out) + "\n"


class _Pages:
    """The query page (fixed) and the graph page (made again when the graph version changes)."""

    def __init__(self, store: Path, timeout: float | None) -> None:
        self.store = store
        self.timeout = timeout
        self._lock = threading.Lock()
        self._graph: tuple[str, bytes] | None = None

    def version(self) -> str:
        try:
            return (self.store / "current").read_text(encoding="utf-8").strip()
        except OSError:
            raise StoreError(f"no graph at {self.store}", fix="run `kg build PATH` first") from None

    def query_page(self) -> bytes:
        from kg.querypage import render_query_page

        return render_query_page().encode("utf-8")

    def graph_page(self) -> bytes:
        """The graph page of the current version; the graph is read through a bounded query,
        so this process never opens the database (forking with it open can hang)."""
        version = self.version()
        with self._lock:
            if self._graph is not None and self._graph[0] == version:
                return self._graph[1]
            import rdflib

            from kg.graphpage import render_page
            from kg.limits import run_bounded

            result = run_bounded(self.store, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", timeout=self.timeout)
            g = rdflib.Graph()
            g.parse(data=result.to_rdf("nt").decode("utf-8"), format="nt")
            page = render_page(g).encode("utf-8")
            self._graph = (version, page)
            return page


def make_server(store: str | Path, host: str = DEFAULT_HOST, port: int = DEFAULT_PORT,
                timeout: float | None = DEFAULT_TIMEOUT) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving: call ``serve_forever``) for the store directory."""
    from kg.store import Store

    store = Path(store).expanduser()
    with Store(store):  # the same one-line error as every command when there is no graph
        pass
    # Imported now, not in the forked query processes.
    import pyoxigraph  # noqa: F401

    import kg.query  # noqa: F401
    import kg.querypage  # noqa: F401

    pages = _Pages(store, timeout)

    class Handler(_Handler):
        pass

    Handler.pages = pages
    try:
        server = ThreadingHTTPServer((host, port), Handler)
    except OSError as exc:
        from kg.errors import UsageError

        raise UsageError(f"cannot listen on {host}:{port} ({exc.strerror or exc})",
                         fix="choose another --port (0 picks a free one)") from None
    server.daemon_threads = True
    return server


class _Handler(BaseHTTPRequestHandler):
    pages: _Pages
    server_version = "kg"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        sys.stderr.write(f"{self.address_string()} {format % args}\n")

    # --- routing

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self._send(HTTPStatus.OK, self.pages.query_page(), "text/html; charset=utf-8")
        elif url.path == "/graph":
            self._guard(lambda: self._send(HTTPStatus.OK, self.pages.graph_page(), "text/html; charset=utf-8"))
        elif url.path == "/favicon.ico":
            self._send(HTTPStatus.NO_CONTENT, b"", "image/x-icon")
        elif url.path == "/status":
            self._guard(self._status)
        elif url.path in ("/sparql", "/query"):
            params = parse_qs(url.query, keep_blank_values=True)
            self._sparql(params)
        else:
            self._error(HTTPStatus.NOT_FOUND, f"no page at {url.path}; the endpoint is /sparql, the pages / and /graph")

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path not in ("/sparql", "/query", "/update"):
            self._error(HTTPStatus.NOT_FOUND, f"no endpoint at {url.path}; send queries to /sparql")
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_QUERY_BYTES:
            self._error(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "the request is over 1 MB")
            return
        body = self.rfile.read(length).decode("utf-8", errors="replace")
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if media == "application/sparql-update" or url.path == "/update":
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
            return
        if media == "application/sparql-query":
            params["query"] = [body]
        elif media == "application/x-www-form-urlencoded":
            for key, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(key, []).extend(values)
        else:
            self._error(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                        "send the query as application/sparql-query or application/x-www-form-urlencoded")
            return
        self._sparql(params)

    # --- SPARQL

    def _sparql(self, params: dict[str, list[str]]) -> None:
        from kg.limits import run_bounded

        if "update" in params:
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
            return
        queries = params.get("query") or []
        if len(queries) != 1 or not queries[0].strip():
            self._error(HTTPStatus.BAD_REQUEST, "give exactly one query: ?query=SPARQL, or POST it")
            return
        if params.get("default-graph-uri") or params.get("named-graph-uri"):
            self._error(HTTPStatus.BAD_REQUEST, "default-graph-uri and named-graph-uri are not supported: "
                        "the store has one graph")
            return
        from kg.query import check_query, is_update

        text = queries[0]
        if is_update(text):
            self._error(HTTPStatus.FORBIDDEN, "this endpoint is read-only: SPARQL Update is refused")
            return
        try:
            check_query(text)
        except QueryError:
            self._error(HTTPStatus.FORBIDDEN, "SERVICE is refused: this endpoint makes no network requests")
            return
        try:
            result = run_bounded(self.pages.store, text, timeout=self.pages.timeout)
        except QueryError as exc:
            timed_out = "did not finish within" in str(exc)
            self._error(HTTPStatus.SERVICE_UNAVAILABLE if timed_out else HTTPStatus.BAD_REQUEST, str(exc))
            return
        except KgError as exc:
            self._error(HTTPStatus.INTERNAL_SERVER_ERROR, str(exc))
            return
        chosen = negotiate(self.headers.get("Accept"), result.kind)
        if chosen is None:
            offered = ", ".join(GRAPH_TYPES if result.kind == "graph" else SELECT_TYPES)
            self._error(HTTPStatus.NOT_ACCEPTABLE, f"no result format fits the Accept header; offered: {offered}")
            return
        media, name = chosen
        self._send(HTTPStatus.OK, result_body(result, name), f"{media}; charset=utf-8")

    def _status(self) -> None:
        version = self.pages.version()
        try:
            info = json.loads((self.pages.store / "graphs" / version / "complete.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            info = {}
        doc = {"version": version, "triples": info.get("triples"), "built": info.get("built")}
        self._send(HTTPStatus.OK, json.dumps(doc).encode("utf-8"), "application/json")

    # --- responses

    def _guard(self, action: Any) -> None:
        try:
            action()
        except KgError as exc:
            self._error(HTTPStatus.SERVICE_UNAVAILABLE if isinstance(exc, StoreError) else HTTPStatus.BAD_REQUEST, str(exc))

    def _send(self, status: HTTPStatus, body: bytes, content_type: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _error(self, status: HTTPStatus, message: str) -> None:
        self._send(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8")

    do_HEAD = do_GET
