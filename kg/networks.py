"""The drawn graph for network tools: GraphML and GEXF (Gephi, Cytoscape) and node and
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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx

    from kg.store import Store

__all__ = ["NETWORK_FORMATS", "network_graph", "to_bytes", "write_csv"]

NETWORK_FORMATS = {"graphml": ".graphml", "gexf": ".gexf", "csv": ""}
NODE_COLUMNS = ["id", "label", "kind", "names", "status", "since", "date", "description"]
EDGE_COLUMNS = ["source", "target", "relation", "evidence"]


def network_graph(store: Store) -> nx.MultiDiGraph:
    """The drawn graph with plain attributes only (GraphML and GEXF have no lists)."""
    import networkx as nx

    from kg.viz import _as_rdflib, to_networkx

    G = to_networkx(_as_rdflib(store))
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
