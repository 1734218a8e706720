"""The drawn graph for network software: GraphML and GEXF (Gephi, Cytoscape) and node and
edge CSV files (Neo4j ``LOAD CSV``, spreadsheets).

These are the graph ``kg viz`` draws (:func:`kg.viz.to_networkx`: people,
organisations, places and events, with the relations between them), not RDF: the
evidence sentences travel as attributes (``title`` on nodes, ``evidence`` on edges).
networkx writes GraphML and GEXF; attributes are plain strings and numbers, because
neither format has lists.
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx

    from kg.store import Store

__all__ = ["NETWORK_FORMATS", "merge_organisations", "network_graph", "to_bytes", "write_csv"]

NETWORK_FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "csv": ""}
NODE_COLUMNS = ["id", "label", "kind", "names", "status", "since", "date", "description"]
EDGE_COLUMNS = ["source", "target", "relation", "evidence"]


def network_graph(store: Store) -> nx.MultiDiGraph:
    """The drawn graph with plain attributes only (GraphML and GEXF have no lists)."""
    import networkx as nx

    from kg.viz import _as_rdflib, to_networkx

    G = to_networkx(_as_rdflib(store))
    merge_organisations(G)
    out = nx.MultiDiGraph()
    for node, data in G.nodes(data=True):
        attrs = {"label": data["label"], "kind": data["kind"], "names": "; ".join(data.get("labels") or [data["label"]]),
                 "description": data.get("title", ""), "color": data.get("color", "")}
        for key in ("status", "since", "date"):
            if data.get(key):
                attrs[key] = str(data[key])
        out.add_node(node, **attrs)
    for s, o, key, data in G.edges(keys=True, data=True):
        out.add_edge(s, o, key=key, label=data["label"], evidence=data.get("title", ""))
    return out


#: Words that do not tell one organisation from another ("Human Rights Centre").
_GENERIC = re.compile(r"^(the|of|for|and|in|on|human|rights?|centre|center|committee|group|international|national|"
                      r"union|party|council|organi[sz]ation|ministry|court|office|service|movement|association|"
                      r"foundation|front|peoples?|democratic|news|agency|state|federal|republic|watch|network)$")


def merge_organisations(G: nx.MultiDiGraph) -> dict[str, str]:
    """One node per organisation across its name forms, in place; returns {merged: kept}.

    A short name is another form of a longer one when its words appear in the longer
    name in a row and one of them is not generic ("Viasna" in "Human Rights Centre
    Viasna"; not "Human Rights" in anything).  A short name that fits two longer
    names that are not forms of each other stays apart.
    """
    from kg.viz import fold

    orgs = {n: fold(d["label"]).split() for n, d in G.nodes(data=True) if d.get("kind") == "organisation"}
    merged: dict[str, str] = {}
    for short, words in sorted(orgs.items(), key=lambda kv: (len(kv[1]), kv[0])):
        if not words or all(_GENERIC.match(w) for w in words):
            continue
        longer = [n for n, ws in orgs.items() if n != short and len(ws) > len(words) and _contains(ws, words)]
        if not longer:
            continue
        longest = max(longer, key=lambda n: (len(orgs[n]), n))
        if all(n == longest or _contains(orgs[longest], orgs[n]) for n in longer):
            merged[short] = longest
    for short, kept in merged.items():
        while kept in merged:
            kept = merged[kept]
        _absorb(G, short, kept)
    return merged


def _contains(words: list[str], part: list[str]) -> bool:
    n = len(part)
    return any(words[i : i + n] == part for i in range(len(words) - n + 1))


def _absorb(G: nx.MultiDiGraph, gone: str, kept: str) -> None:
    """Move ``gone``'s names, lines and edges onto ``kept`` and drop it."""
    a, b = G.nodes[gone], G.nodes[kept]
    b["labels"] = list(dict.fromkeys([*(b.get("labels") or [b["label"]]), *(a.get("labels") or [a["label"]])]))
    extra = [line for line in str(a.get("title", "")).split("\n")[1:] if line and line not in str(b.get("title", ""))]
    b["title"] = "\n".join([str(b.get("title", "")), f"also called: {a['label']}", *extra])
    b["sources"] = list(dict.fromkeys([*(b.get("sources") or []), *(a.get("sources") or [])]))
    for s, o, key, data in list(G.in_edges(gone, keys=True, data=True)) + list(G.out_edges(gone, keys=True, data=True)):
        s2, o2 = (kept if s == gone else s), (kept if o == gone else o)
        if s2 != o2 and not G.has_edge(s2, o2, key=key):
            G.add_edge(s2, o2, key=key, **data)
    G.remove_node(gone)


def to_bytes(G: nx.MultiDiGraph, format: str) -> bytes:
    """GraphML or GEXF bytes of ``G``."""
    import networkx as nx

    buf = io.BytesIO()
    if format == "graphml":
        nx.write_graphml(G, buf, encoding="utf-8")
    elif format == "gexf":
        nx.write_gexf(G, buf, encoding="utf-8")
    else:
        raise UsageError(f"unknown network format {format!r}", fix="use graphml or gexf")
    return buf.getvalue()


def write_csv(G: nx.MultiDiGraph, folder: str | Path) -> list[Path]:
    """``nodes.csv`` and ``edges.csv`` in ``folder`` (created if needed); returns their paths.

    One row per node (``id,label,kind,names,...``) and per edge
    (``source,target,relation,evidence``): the header Neo4j's ``LOAD CSV WITH HEADERS``
    and spreadsheets read.
    """
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"{folder} is a file; CSV export writes nodes.csv and edges.csv into a folder",
                         fix="pass -o with a folder name")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        nodes, edges = folder / "nodes.csv", folder / "edges.csv"
        with open(nodes, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(NODE_COLUMNS)
            for node, data in sorted(G.nodes(data=True)):
                writer.writerow([node, *(_cell(data.get(c)) for c in NODE_COLUMNS[1:])])
        with open(edges, "w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow(EDGE_COLUMNS)
            for s, o, data in sorted(G.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"])):
                writer.writerow([s, o, data["label"], _cell(data.get("evidence"))])
    except OSError as exc:
        raise UsageError(f"cannot write CSV files into {folder} ({exc.strerror or exc})", fix="choose another -o folder") from None
    return [nodes, edges]


def _cell(value: Any) -> str:
    return "" if value is None else str(value)
