"""Running SPARQL over the store and formatting the results.

``run_query(store, text_or_path)`` takes a ``.rq`` file or the query text and returns a
:class:`QueryResult`: the variables and the rows, materialised (so the store can be
closed straight after), with formatters for people (``to_table``) and for tools
(``to_json`` / ``to_csv`` / ``to_tsv``, the W3C SPARQL 1.1 Query Results formats).

ASK queries give ``boolean``; CONSTRUCT and DESCRIBE give ``triples`` and, so that
every formatter still works, rows over the variables ``subject predicate object``.

The common prefixes (``kg:``, ``data:``, ``rdfs:``, ``skos:``, ...) are predeclared, so
``kg query 'SELECT ?p WHERE { ?p a kg:Person }'`` works; a query's own ``PREFIX``
lines take precedence.
"""
from __future__ import annotations

import sys as _sys
import types as _types

import csv
import io
import itertools
import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, Literal, Union

from kg.errors import QueryError, UsageError

if TYPE_CHECKING:
    import pyoxigraph

    from kg.store import Store

    Term = Union[pyoxigraph.NamedNode, pyoxigraph.BlankNode, pyoxigraph.Literal, pyoxigraph.Triple]

__all__ = ["PREFIXES", "QueryResult", "check_query", "is_update", "read_query", "run_query", "run_text", "shorten"]

#: Prefixes predeclared for queries and used to abbreviate IRIs in tables and Turtle.
PREFIXES: dict[str, str] = {
    "kg": "https://w3id.org/kg-news/ontology#",
    "data": "https://w3id.org/kg-news/id/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "dcterms": "http://purl.org/dc/terms/",
}

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
_NUMERIC = {
    "http://www.w3.org/2001/XMLSchema#" + t
    for t in ("integer", "decimal", "double", "float", "int", "long", "short", "nonNegativeInteger", "positiveInteger")
}
TRIPLE_VARS = ["subject", "predicate", "object"]
QueryKind = Literal["select", "ask", "graph"]


# --- the result ----------------------------------------------------------------------


@dataclass
class QueryResult:
    """Materialised results of one query.

    ``rows`` map each variable to a pyoxigraph term, or ``None`` when it is unbound.
    """

    vars: list[str]
    rows: list[dict[str, Any]]
    kind: QueryKind = "select"
    boolean: bool | None = None  # ASK
    triples: list[Any] = field(default_factory=list)  # CONSTRUCT / DESCRIBE (pyoxigraph.Triple)
    truncated: bool = False  # more rows were left out than ``rows`` holds (a row limit)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self) -> Iterator[dict[str, Any]]:
        return iter(self.rows)

    def __getitem__(self, index: int | slice) -> Any:
        """``result[0]``: that row as plain Python values (``result[1:3]``: a list of them)."""
        if isinstance(index, slice):
            return [self._plain_row(r) for r in self.rows[index]]
        return self._plain_row(self.rows[index])

    def _plain_row(self, row: dict[str, Any]) -> dict[str, Any]:
        from kg.values import python_value

        return {v: python_value(row.get(v)) for v in self.vars}

    def to_dicts(self) -> list[dict[str, Any]]:
        """Every row as a dict of plain Python values: IRIs and strings as ``str``,
        numbers as ``int``/``float``/``Decimal``, dates as ``datetime.date``, booleans as
        ``bool``, unbound as ``None``."""
        return [self._plain_row(r) for r in self.rows]

    def to_dataframe(self) -> Any:
        """A pandas DataFrame of :meth:`to_dicts` (needs pandas: ``pip install pandas``)."""
        try:
            import pandas
        except ImportError:
            raise UsageError("to_dataframe needs pandas, which is not installed", fix="pip install pandas") from None
        return pandas.DataFrame(self.to_dicts(), columns=list(self.vars))

    def values(self, var: str) -> list[str | None]:
        """The plain values of one column (IRIs as IRIs, literals as their text)."""
        return [None if row.get(var) is None else _plain(row[var]) for row in self.rows]

    # --- for people

    def to_table(self, *, max_width: int | None = None, width: int | None = None,
                 labels: dict[str, str] | None = None) -> str:
        """An aligned text table: short IRIs, plain literals, a row count at the end.

        ``max_width`` cuts every cell to that many columns; ``width`` cuts the widest
        columns (with an ellipsis) until a line fits in that many; ``labels`` shows
        the IRIs it maps by their label instead.
        """
        if self.kind == "ask":
            return "yes\n" if self.boolean else "no\n"
        header = list(self.vars)
        labels = labels or {}

        def show(term: Any) -> str:
            value = getattr(term, "value", None)
            if value is not None and value in labels:
                return _cell(labels[value], max_width)
            return _cell(term, max_width)

        cells = [[show(row.get(v)) for v in header] for row in self.rows]
        numeric = [
            bool(self.rows) and all(_is_numeric(row.get(v)) for row in self.rows if row.get(v) is not None)
            for v in header
        ]
        widths = [max([_width(h)] + [_width(r[i]) for r in cells]) for i, h in enumerate(header)]
        if width and header:
            from kg.tables import cut, fit

            widths = fit(widths, [_width(h) for h in header], width)
            cells = [[cut(c, widths[i]) for i, c in enumerate(r)] for r in cells]
            header = [cut(h, widths[i]) for i, h in enumerate(header)]

        def line(values: list[str]) -> str:
            parts = []
            for i, value in enumerate(values):
                pad = " " * (widths[i] - _width(value))
                parts.append(pad + value if numeric[i] else value + pad)
            return "  ".join(parts).rstrip()

        out = []
        if header:
            out.append(line(header))
            out.append("  ".join("-" * w for w in widths))
            out.extend(line(r) for r in cells)
        n = len(self.rows)
        noun = "triple" if self.kind == "graph" else "row"
        if self.truncated:
            out.append(f"first {n:,} {noun}{'' if n == 1 else 's'} shown; there are more "
                       f"(`--limit 0` shows them all, `--format csv` writes them for tools)")
        else:
            out.append(f"{n} {noun}{'' if n == 1 else 's'}")
        return "\n".join(out) + "\n"

    # --- W3C SPARQL 1.1 Query Results formats

    def to_json(self, *, indent: int | None = 2) -> str:
        """SPARQL 1.1 Query Results JSON (``head.vars`` + ``results.bindings``, or ``boolean``)."""
        doc: dict[str, Any]
        if self.kind == "ask":
            doc = {"head": {}, "boolean": bool(self.boolean)}
        else:
            bindings = [
                {v: _json_term(row[v]) for v in self.vars if row.get(v) is not None} for row in self.rows
            ]
            doc = {"head": {"vars": list(self.vars)}, "results": {"bindings": bindings}}
        return json.dumps(doc, ensure_ascii=False, indent=indent) + "\n"

    def to_csv(self) -> str:
        """SPARQL 1.1 Query Results CSV: plain values, CRLF line ends, RFC 4180 quoting."""
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\r\n")
        if self.kind == "ask":
            writer.writerow(["_askResult"])
            writer.writerow(["true" if self.boolean else "false"])
            return buf.getvalue()
        writer.writerow(self.vars)
        for row in self.rows:
            writer.writerow(["" if row.get(v) is None else _csv_value(row[v]) for v in self.vars])
        return buf.getvalue()

    def to_tsv(self) -> str:
        """SPARQL 1.1 Query Results TSV: ``?var`` header, terms in N-Triples syntax."""
        if self.kind == "ask":
            return "?_askResult\n" + ("true" if self.boolean else "false") + "\n"
        lines = ["\t".join("?" + v for v in self.vars)]
        for row in self.rows:
            # str() of a pyoxigraph term is its N-Triples form, with \t and \n escaped.
            lines.append("\t".join("" if row.get(v) is None else str(row[v]) for v in self.vars))
        return "\n".join(lines) + "\n"

    def to_rdf(self, format: str = "turtle") -> bytes:
        """The triples of a CONSTRUCT / DESCRIBE result as Turtle (or ``nt``)."""
        import pyoxigraph

        from kg.store import rdf_format

        if self.kind != "graph":
            raise UsageError("only CONSTRUCT and DESCRIBE queries return triples", fix="use --format table, json, csv or tsv")
        from kg.export import prefixes_for

        fmt = rdf_format(format)
        if fmt == pyoxigraph.RdfFormat.TURTLE:
            iris = {t.value for tr in self.triples for t in (tr.subject, tr.object) if isinstance(t, pyoxigraph.NamedNode)}
            out = pyoxigraph.serialize(self.triples, format=fmt, prefixes=prefixes_for(iris))
        else:
            out = pyoxigraph.serialize(self.triples, format=fmt)
        assert out is not None
        return out

    def format(self, name: str) -> str:
        """Dispatch on a format name: ``table``, ``json``, ``csv``, ``tsv`` (``turtle``/``nt`` for graphs)."""
        name = name.lower()
        if name == "table":
            return self.to_table()
        if name == "json":
            return self.to_json()
        if name == "csv":
            return self.to_csv()
        if name == "tsv":
            return self.to_tsv()
        if name in ("turtle", "ttl", "nt"):
            return self.to_rdf(name).decode("utf-8")
        raise UsageError(f"unknown result format {name!r}", fix="use table, json, csv or tsv")


# --- running -------------------------------------------------------------------------


def read_query(text_or_path: str | os.PathLike[str]) -> tuple[str, str | None]:
    """``(query text, path or None)``: reads the file when the argument names one."""
    if isinstance(text_or_path, os.PathLike):
        path = Path(text_or_path)
    else:
        text = str(text_or_path)
        looks_like_path = "\n" not in text and len(text) < 4096 and not re.search(r"[{}?$]", text)
        if not (looks_like_path and Path(text).is_file()):
            if looks_like_path and re.search(r"\.(rq|sparql)$", text.strip(), re.I):
                raise UsageError(f"no such query file: {text.strip()}", fix="check the path, or pass the SPARQL text itself")
            return text, None
        path = Path(text)
    try:
        return path.read_text(encoding="utf-8-sig"), str(path)
    except FileNotFoundError:
        raise UsageError(f"no such query file: {path}", fix="check the path, or pass the SPARQL text itself") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read the query file {path} ({exc})", fix="save it as UTF-8 text") from None


def run_query(store: Store, text_or_path: str | os.PathLike[str], bindings: dict[str, Any] | None = None, *,
              max_rows: int | None = None, allow_service: bool = False) -> QueryResult:
    """Run a SPARQL query (text, or the path of a ``.rq`` file) on ``store``.

    ``bindings`` pre-binds variables to pyoxigraph terms (SEP-0007 substitution), so
    values never have to be spliced into the query text.  ``max_rows`` keeps the
    first rows only (``truncated`` says whether there were more).  A query that calls
    another endpoint with ``SERVICE`` is refused unless ``allow_service``: kg makes no
    network requests of its own accord.

    This runs in the calling process and cannot be interrupted or timed out;
    :func:`kg.limits.run_bounded` runs it in a child process that can.
    """
    text, path = read_query(text_or_path)
    return run_text(store, text, path, bindings=bindings, max_rows=max_rows, allow_service=allow_service)


def run_text(store: Store, text: str, path: str | None = None, *, bindings: dict[str, Any] | None = None,
             max_rows: int | None = None, allow_service: bool = False) -> QueryResult:
    """:func:`run_query` for query text already read (``path``: where it came from, for errors)."""
    import pyoxigraph

    from kg.store import is_damage

    check_query(text, path, allow_service=allow_service)
    options: dict[str, Any] = {"prefixes": PREFIXES}
    if bindings:
        options["substitutions"] = {pyoxigraph.Variable(k): v for k, v in bindings.items()}
    try:
        results = store.query(text, **options)
        return _materialise(results, max_rows)
    except SyntaxError as exc:
        if is_update(text):
            raise QueryError(
                "kg query is read-only: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, DROP, ...) cannot run",
                path=path,
                fix="the graph is made from the articles by `kg build`; ask with SELECT, ASK, CONSTRUCT or DESCRIBE",
            ) from None
        raise syntax_error(text, str(exc), path) from None
    except (OSError, ValueError, TypeError, RuntimeError) as exc:  # evaluation errors
        if is_damage(exc):
            raise store.damaged(exc) from None
        raise QueryError(f"the query failed ({_one_line(str(exc))})", path=path) from None


def _materialise(results: Any, max_rows: int | None = None) -> QueryResult:
    import pyoxigraph

    def first(items: Any) -> tuple[list[Any], bool]:
        if max_rows is None:
            return list(items), False
        kept = list(itertools.islice(items, max_rows + 1))
        return kept[:max_rows], len(kept) > max_rows

    if isinstance(results, pyoxigraph.QueryBoolean):
        return QueryResult(vars=[], rows=[], kind="ask", boolean=bool(results))
    if isinstance(results, pyoxigraph.QuerySolutions):
        names = [v.value for v in results.variables]
        solutions, cut = first(results)
        rows = [{name: solution[name] for name in names} for solution in solutions]
        return QueryResult(vars=names, rows=rows, kind="select", truncated=cut)
    triples, cut = first(results)
    rows = [{"subject": t.subject, "predicate": t.predicate, "object": t.object} for t in triples]
    return QueryResult(vars=list(TRIPLE_VARS), rows=rows, kind="graph", triples=triples, truncated=cut)


# --- what a query does, before it runs -----------------------------------------------

# Just enough of SPARQL's lexical grammar to find keywords: comments, strings and IRIs
# are taken whole, so "SERVICE" inside them is not a keyword, nor is ?service or ex:SERVICE.
_LEXEME = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>"{3}(?:[^"\\]|\\.|"(?!""))*"{3}|'{3}(?:[^'\\]|\\.|'(?!''))*'{3}
                 |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    | (?P<word>[?$]?[^\W\d][\w.-]*(?::[\w.%-]*)?|:[\w.%-]*)
    | (?P<other>\S)
    """,
    re.X | re.S,
)
_UPDATE_KEYWORDS = frozenset("INSERT DELETE LOAD CLEAR DROP CREATE ADD MOVE COPY WITH".split())


def _keywords(text: str) -> Iterator[tuple[str, int]]:
    """The bare words of ``text`` (no variables, no prefixed names), upper-cased, with their offsets."""
    for m in _LEXEME.finditer(text):
        word = m.group("word")
        if word and word[0] not in "?$" and ":" not in word:
            yield word.upper(), m.start()


def is_update(text: str) -> bool:
    """Whether ``text`` is a SPARQL Update request: its first keyword after PREFIX and BASE."""
    declaration = False
    for m in _LEXEME.finditer(text):
        kind, value = m.lastgroup, m.group()
        if kind == "comment":
            continue
        if kind == "word" and value.upper() in ("PREFIX", "BASE"):
            declaration = True
        elif declaration and kind == "word" and value.endswith(":"):
            continue
        elif declaration and kind == "iri":
            declaration = False
        else:
            return kind == "word" and value.upper() in _UPDATE_KEYWORDS
    return False


def check_query(text: str, path: str | None = None, *, allow_service: bool = False) -> None:
    """Refuse what must not run: an empty query, and ``SERVICE`` unless it is allowed."""
    if not text.strip():
        raise QueryError("the query is empty", path=path, fix="write a SELECT, ASK, CONSTRUCT or DESCRIBE query")
    if allow_service:
        return
    for word, offset in _keywords(text):
        if word == "SERVICE":
            line = text.count("\n", 0, offset) + 1
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            raise QueryError(
                "the query calls another SPARQL endpoint (SERVICE), and kg makes no network requests unless told to",
                path=path, line=line, column=column, fix="pass --allow-service to let it",
            )


# --- syntax errors -------------------------------------------------------------------

_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.S)
_EXPECTED_ITEM = re.compile(r'"(?:[^"\\]|\\.)*"|\[[^\]]*\]|[^,]+', re.S)


def syntax_error(text: str, message: str, path: str | None = None) -> QueryError:
    """Turn Oxigraph's ``error at L:C: expected one of ...`` into a one-line QueryError.

    Oxigraph's PEG parser reports the furthest position it reached and every token it
    could have accepted there, character classes included; people need the place, the
    text around it and, when the parser names one, the actual problem.
    """
    match = _POSITION.match(message.strip())
    if not match:
        return QueryError(f"SPARQL syntax error: {_one_line(message)}", path=path)
    line, column, detail = int(match[1]), int(match[2]), match[3]
    lines = text.splitlines() or [""]
    src = lines[line - 1] if 0 < line <= len(lines) else ""
    before = src[: column - 1]
    after = src[column - 1 :]
    at_end = not after.strip() and all(not rest.strip() for rest in lines[line:])
    near = _near(before, after)

    expected = [item.strip() for item in _EXPECTED_ITEM.findall(detail.removeprefix("expected one of ").removeprefix("expected "))]
    # Items with spaces that are neither quoted tokens nor character classes are the
    # parser's own diagnoses ("Prefix not found", "IRI parsing failed", ...).
    diagnoses = [i for i in expected if " " in i and not i.startswith(('"', "["))]
    tokens = [i for i in expected if i and i not in diagnoses and not i.startswith("[")]

    fix = None
    if any("prefix not found" in d.lower() for d in diagnoses):
        prefix = _undefined_prefix(before + after)
        reason = f"undefined prefix {prefix}" if prefix else "undefined prefix"
        fix = f"declare it with `PREFIX {prefix} <...>`" if prefix else "declare it with a PREFIX line"
    elif diagnoses:
        reason = "; ".join(_lower_first(d) for d in diagnoses)
        if near:
            reason += f' near "{near}"'
    else:
        # Oxigraph reports the furthest point it reached: at the end of the text that
        # usually means something is missing, so name the end and the last words.
        where = " at the end of the query" if at_end else ""
        reason = f"syntax error{where}" + (f' near "{near}"' if near else "")
        if tokens:
            reason += f" (expected {_list(tokens)})"
    return QueryError(reason, path=path, line=line, column=column, fix=fix)


def _near(before: str, after: str, width: int = 30) -> str:
    """About ``width`` characters up to the error position, completed with the word there."""
    head = " ".join(before.split())
    if len(head) > width:
        head = head[-width:]
        head = head.split(" ", 1)[1] if " " in head else head  # do not start mid-word
    m = re.match(r"\S*", after)
    rest = m[0] if m else ""
    if before and not before[-1].isspace():
        snippet = head + rest  # the position is inside a word: finish it
    else:
        snippet = f"{head} {rest}" if rest else head
    return snippet.strip()


def _undefined_prefix(src: str) -> str | None:
    """The first ``name:`` in the line that is not an IRI scheme or a variable."""
    for m in re.finditer(r"(?<![\w?$<:/])([A-Za-z][\w.-]*)?:(?!//)", src):
        return (m[1] or "") + ":"
    return None


def _list(tokens: list[str], limit: int = 8) -> str:
    shown = tokens[:limit]
    return ", ".join(shown) + (", ..." if len(tokens) > limit else "")


def _lower_first(text: str) -> str:
    """"Prefix not found" -> "prefix not found", but "IRI parsing failed" stays."""
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def _one_line(text: str) -> str:
    return " ".join(text.split())


# --- term formatting -----------------------------------------------------------------


def shorten(iri: str) -> str:
    """A short, readable name for an IRI.

    kg terms become their local name (``Jailed``), minted ids their last path segment
    (``anna-kowalczyk``), other known vocabularies a prefixed name (``rdfs:label``);
    anything else stays whole.
    """
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(iri) > len(ns):
            local = iri[len(ns) :]
            if prefix == "kg":
                return local
            if prefix == "data":
                return local.rstrip("/").rsplit("/", 1)[-1]
            return f"{prefix}:{local}"
    return iri


def _plain(term: Any) -> str:
    """IRIs and literals as their text, blank nodes as ``_:id``."""
    import pyoxigraph

    if isinstance(term, pyoxigraph.Literal | pyoxigraph.NamedNode):
        return term.value
    return str(term)


def _cell(term: Any, max_width: int | None) -> str:
    import pyoxigraph

    if term is None:
        text = ""
    elif isinstance(term, str):
        text = term
    elif isinstance(term, pyoxigraph.NamedNode):
        text = shorten(term.value)
    elif isinstance(term, pyoxigraph.Literal):
        text = term.value
    elif isinstance(term, pyoxigraph.Triple):
        text = "<< " + " ".join(_cell(t, None) for t in (term.subject, term.predicate, term.object)) + " >>"
    else:
        text = str(term)
    text = " ".join(text.split())  # newlines and tabs would break the alignment
    if max_width and _width(text) > max_width:
        text = text[: max(1, max_width - 1)] + "…"
    return text


def _is_numeric(term: Any) -> bool:
    import pyoxigraph

    return isinstance(term, pyoxigraph.Literal) and term.datatype.value in _NUMERIC


def _width(text: str) -> int:
    """Display width: combining marks take no column, East Asian wide characters two."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


def _csv_value(term: Any) -> str:
    import pyoxigraph

    if isinstance(term, pyoxigraph.Literal | pyoxigraph.NamedNode):
        return term.value
    if isinstance(term, pyoxigraph.BlankNode):
        return "_:" + term.value
    return str(term)


def _json_term(term: Any) -> dict[str, Any]:
    import pyoxigraph

    if isinstance(term, pyoxigraph.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, pyoxigraph.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, pyoxigraph.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANGSTRING):
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, pyoxigraph.Triple):  # SPARQL-star
        return {
            "type": "triple",
            "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate", "object")},
        }
    return {"type": "literal", "value": str(term)}


# --- ``kg.query(...)`` ------------------------------------------------------------------
# ``kg.query`` is both this module and the library function (kg/__init__.py): once the
# module is imported, Python binds the package attribute ``kg.query`` to it, which would
# shadow the function.  Making the module callable keeps ``kg.query(...)`` working
# either way; it delegates to :func:`kg.api.query`.


class _CallableModule(_types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from kg import api

        return api.query(*args, **kwargs)


_sys.modules[__name__].__class__ = _CallableModule
