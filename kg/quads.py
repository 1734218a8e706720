"""The graph as a dataset with one named graph per article, so provenance survives a quad store.

A triple goes into the named graph of every article that supports it:

* an evidence node's triples into its article's graph (``kg:article``);
* a fact's triples (an event, a status or role assertion, a count report, a reified
  relation) into the graph of each article its evidence comes from;
* an article's own metadata, and ``?x kg:mentionedIn ?article`` / ``kg:reportedIn``,
  into that article's graph.

What no single article says (each entity's type and names, the vocabulary terms, the
materialised ``kg:currentStatus`` across articles) stays in the default graph.  The
union of all graphs is exactly the graph in the store; a fact that several articles
report is in each of their graphs.
"""
from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from kg.namespace import KG

if TYPE_CHECKING:
    import pyoxigraph

    from kg.store import Store

__all__ = ["article_quads", "serialize_quads"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def article_quads(store: Store) -> list[pyoxigraph.Quad]:
    """Every triple of ``store``'s graph as quads, in its articles' named graphs (see above)."""
    import pyoxigraph

    with store.reading() as ox:
        triples = [q.triple for q in ox.quads_for_pattern(None, None, None, pyoxigraph.DefaultGraph())]
    evidence_article: dict[Any, Any] = {}
    articles: set[Any] = set()
    for t in triples:
        if t.predicate.value == str(KG.article):
            evidence_article[t.subject] = t.object
        elif t.predicate.value == _RDF_TYPE and t.object.value == str(KG.Article):
            articles.add(t.subject)
    fact_articles: dict[Any, set[Any]] = defaultdict(set)
    for t in triples:
        if t.predicate.value == str(KG.evidence) and t.object in evidence_article:
            fact_articles[t.subject].add(evidence_article[t.object])

    default = pyoxigraph.DefaultGraph()
    mentions = (str(KG.mentionedIn), str(KG.reportedIn))
    out: list[pyoxigraph.Quad] = []
    for t in triples:
        if t.subject in evidence_article:
            graphs: set[Any] = {evidence_article[t.subject]}
        elif t.subject in articles:
            graphs = {t.subject}
        elif t.subject in fact_articles:
            graphs = fact_articles[t.subject]
        elif t.predicate.value in mentions and t.object in articles:
            graphs = {t.object}
        else:
            graphs = set()
        if not graphs:
            out.append(pyoxigraph.Quad(t.subject, t.predicate, t.object, default))
        for g in sorted(graphs, key=str):
            out.append(pyoxigraph.Quad(t.subject, t.predicate, t.object, g))
    return out


def serialize_quads(quads: list[pyoxigraph.Quad], format: str) -> bytes:
    """``nq`` or ``trig`` bytes, sorted (default graph first, then by graph and subject)."""
    import pyoxigraph

    from kg.export import _sort_key, prefixes_for
    from kg.store import rdf_format

    fmt = rdf_format(format)
    ordered = sorted(quads, key=_sort_key)
    if fmt == pyoxigraph.RdfFormat.TRIG:
        iris = {t.value for q in ordered for t in (q.subject, q.object, q.graph_name) if isinstance(t, pyoxigraph.NamedNode)}
        out = pyoxigraph.serialize(ordered, format=fmt, prefixes=prefixes_for(iris))
    else:
        out = pyoxigraph.serialize(ordered, format=fmt)
    assert out is not None
    return out
