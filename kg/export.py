"""Serialising the built graph: Turtle, TriG, N-Triples, N-Quads or JSON-LD, optionally with the ontology.

Turtle, TriG and N-Triples are written by Oxigraph straight from the store (fast on
big graphs); JSON-LD by rdflib, whose compaction with a ``@context`` gives readable
output.  With ``include_ontology`` the ontology triples are merged into the graph,
except in TriG, where they go into their own named graph (the ontology IRI) so the
data stays separable.  TriG and N-Quads put each article's facts in a named graph of
their own (:mod:`kg.quads`), so provenance survives in any quad store.

GraphML, GEXF and node/edge CSV (for Gephi, Cytoscape, Neo4j, spreadsheets) are the
drawn graph, not RDF: see :mod:`kg.networks`.
"""
from __future__ import annotations

import sys as _sys
import types as _types

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from kg.errors import StoreError, UsageError
from kg.namespace import DATA, ONTOLOGY_IRI
from kg.query import PREFIXES

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["FORMATS", "export", "ontology_path", "prefixes_for", "normalise_format"]

#: Export formats and their usual file extensions.
FORMATS = {"turtle": ".ttl", "trig": ".trig", "nt": ".nt", "nq": ".nq", "jsonld": ".jsonld"}
_ALIASES = {"ttl": "turtle", "ntriples": "nt", "n-triples": "nt", "nquads": "nq", "n-quads": "nq",
            "json-ld": "jsonld", "json": "jsonld"}
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_PN_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9_-]*$")


def normalise_format(format: str) -> str:
    """``turtle``, ``trig``, ``nt``, ``nq`` or ``jsonld`` (accepting ``ttl``, ``json-ld``, ...)."""
    name = format.lower().strip().lstrip(".")
    name = _ALIASES.get(name, name)
    if name not in FORMATS:
        raise UsageError(f"unknown export format {format!r}", fix=f"use one of {', '.join(FORMATS)}")
    return name


def ontology_path() -> Path:
    """``ontology/kg.ttl`` at the repository root (the package's parent directory).

    A wheel cannot see the repository, so ``kg/data/kg.ttl`` (package data) is the
    fallback.
    """
    package = Path(__file__).resolve().parent
    for candidate in (package.parent / "ontology" / "kg.ttl", package / "data" / "kg.ttl"):
        if candidate.is_file():
            return candidate
    raise StoreError(
        f"the ontology file is missing (looked for {package.parent / 'ontology' / 'kg.ttl'})",
        fix="run kg from a checkout of the repository, or export without --ontology",
    )


def prefixes_for(iris: Iterable[str]) -> dict[str, str]:
    """The standard prefixes plus one per kind of minted IRI (``person:``, ``event:``, ...).

    Minted IRIs look like ``data:person/anna``; a ``/`` cannot appear unescaped in a
    Turtle local name, so ``person: <.../id/person/>`` reads far better than
    ``data:person\\/anna``.
    """
    out = dict(PREFIXES)
    taken = set(out.values())
    base = str(DATA)
    for iri in iris:
        if not iri.startswith(base):
            continue
        rest = iri[len(base) :]
        if "/" not in rest:
            continue
        kind = rest.split("/", 1)[0]
        ns = base + kind + "/"
        if ns in taken or kind in out or not _PN_PREFIX.match(kind):
            continue
        out[kind] = ns
        taken.add(ns)
    return out


def export(store: Store, format: str = "turtle", include_ontology: bool = False) -> bytes:
    """The graph in ``store`` serialised as ``turtle``, ``trig``, ``nt`` or ``jsonld``.

    Triples come out sorted by subject (``rdf:type`` first), so exports of the same
    graph are byte-identical and diff well.
    """
    import pyoxigraph

    name = normalise_format(format)
    ontology = ontology_path() if include_ontology else None
    if name == "jsonld":
        return _jsonld(store, ontology)
    if name in ("trig", "nq"):
        return _per_article(store, name, ontology)

    if ontology is None:
        with store.reading() as source:
            return _serialize(source, name)
    # Merge in a throwaway in-memory store: it drops the duplicates when the graph
    # already carries some ontology triples (labels of statuses, roles, ...).
    merged = pyoxigraph.Store()
    merged.bulk_load(store.dump("nt"), pyoxigraph.RdfFormat.N_TRIPLES)
    to_graph = pyoxigraph.NamedNode(ONTOLOGY_IRI) if name == "trig" else pyoxigraph.DefaultGraph()
    try:
        merged.load(path=str(ontology), format=pyoxigraph.RdfFormat.TURTLE, to_graph=to_graph)
    except SyntaxError as exc:
        raise StoreError(f"{ontology}: the ontology is not valid Turtle ({exc})", fix="fix the ontology file") from None
    return _serialize(merged, name)


def _per_article(store: Store, name: str, ontology: Path | None) -> bytes:
    """TriG / N-Quads with one named graph per article; the ontology in a graph of its own."""
    import pyoxigraph

    from kg.quads import article_quads, serialize_quads

    quads = article_quads(store)
    if ontology is not None:
        try:
            triples = list(pyoxigraph.parse(path=str(ontology), format=pyoxigraph.RdfFormat.TURTLE))
        except SyntaxError as exc:
            raise StoreError(f"{ontology}: the ontology is not valid Turtle ({exc})", fix="fix the ontology file") from None
        graph = pyoxigraph.NamedNode(ONTOLOGY_IRI)
        quads.extend(pyoxigraph.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
    return serialize_quads(quads, name)


def _sort_key(quad: object) -> tuple[int, str, str, int, str, str]:
    import pyoxigraph

    assert isinstance(quad, pyoxigraph.Quad)
    default = isinstance(quad.graph_name, pyoxigraph.DefaultGraph)
    is_type = quad.predicate.value == _RDF_TYPE
    return (
        0 if default else 1,
        "" if default else str(quad.graph_name),
        str(quad.subject),
        0 if is_type else 1,
        str(quad.predicate),
        str(quad.object),
    )


def _serialize(source: object, name: str) -> bytes:
    """Sorted Turtle / N-Triples of the default graph, or TriG of the whole dataset."""
    import pyoxigraph

    from kg.store import rdf_format

    assert isinstance(source, pyoxigraph.Store)
    fmt = rdf_format(name)
    graph = None if fmt.supports_datasets else pyoxigraph.DefaultGraph()
    quads = sorted(source.quads_for_pattern(None, None, None, graph), key=_sort_key)
    items: list[Any] = list(quads) if fmt.supports_datasets else [q.triple for q in quads]
    if name in ("turtle", "trig"):
        iris = {t.value for q in quads for t in (q.subject, q.object) if isinstance(t, pyoxigraph.NamedNode)}
        out = pyoxigraph.serialize(items, format=fmt, prefixes=prefixes_for(iris))
    else:
        out = pyoxigraph.serialize(items, format=fmt)
    assert out is not None  # no output argument: the bytes are returned
    return out


def _jsonld(store: Store, ontology: Path | None) -> bytes:
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=store.dump("nt"), format="nt")
    if ontology is not None:
        try:
            graph.parse(ontology, format="turtle")
        except Exception as exc:  # rdflib raises several parser-specific types
            raise StoreError(f"{ontology}: the ontology is not valid Turtle ({exc})", fix="fix the ontology file") from None
    iris = {str(t) for triple in graph for t in triple if isinstance(t, rdflib.URIRef)}
    context = prefixes_for(iris)
    used = {p: ns for p, ns in context.items() if any(i.startswith(ns) for i in iris)}
    return graph.serialize(format="json-ld", context=used or context, auto_compact=True, encoding="utf-8")


# --- ``kg.export(...)`` ------------------------------------------------------------------
# ``kg.export`` is both this module and the library function (kg/__init__.py): once the
# module is imported, Python binds the package attribute ``kg.export`` to it, which would
# shadow the function.  Making the module callable keeps ``kg.export(...)`` working
# either way; it delegates to :func:`kg.api.export`.


class _CallableModule(_types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from kg import api

        return api.export(*args, **kwargs)


_sys.modules[__name__].__class__ = _CallableModule
