"""The graph page at full size: every person, organisation, place and event, laid out
in Python (:mod:`kg.layout`) and drawn on a canvas with fixed positions, so a page of
thousands of nodes opens at once and pans smoothly; no physics runs in the browser.

The page has a search box (any spelling: accents, case and transliteration are
ignored), filters by kind, by current status and by date, a side panel with each
node's facts, dates, evidence sentences and source links, and re-focus on a node's
neighbourhood.  Nodes with no edge are hidden and listed on demand.  It is one HTML
file with its data and script inline: it works offline.

Beyond the relations the RDF states, the page connects a place or an organisation to
an event or a person when an evidence sentence of that event or person names it
("... was arrested in Northland"): the text links them even where no rule read a
relation.
"""
from __future__ import annotations

import html
import json
from collections import defaultdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

__all__ = ["render_page", "page_from_networkx", "page_graph", "write_page", "KINDS"]

KINDS = ("person", "organisation", "place", "event")
_TEMPLATE = Path(__file__).resolve().parent / "data" / "graphpage.html"
_MIN_NAME = 4  # shorter names are too ambiguous to link by a sentence


def page_graph(g: rdflib.Graph) -> nx.MultiDiGraph:
    """The drawn graph (:func:`kg.viz.to_networkx`), one node per organisation across its
    name forms, with text links and each node's sources (``sources``: [(sentence, article iri)])."""
    from kg.networks import merge_organisations
    from kg.viz import to_networkx

    G = to_networkx(g)
    sources = _sources(g)
    for node, data in G.nodes(data=True):
        data["sources"] = sources.get(node, [])
    _text_links(G)
    merge_organisations(G)
    return G


def render_page(g: rdflib.Graph, title: str = "kg: knowledge graph", focus: str | None = None) -> str:
    """The page for an rdflib graph of kg RDF."""
    return page_from_networkx(page_graph(g), _articles(g), title=title, focus=focus)


def write_page(g: rdflib.Graph, output: str | Path, title: str = "kg: knowledge graph", focus: str | None = None) -> Path:
    from kg.outputs import write_output

    return write_output(output, render_page(g, title, focus))


def page_from_networkx(G: nx.MultiDiGraph, articles: dict[str, dict[str, str]] | None = None, *,
                       title: str = "kg: knowledge graph", focus: str | None = None,
                       positions: dict[Any, tuple[float, float]] | None = None) -> str:
    """The page for a drawn graph (node attributes as :func:`kg.viz.to_networkx` gives them)."""
    from kg.layout import layout
    from kg.names import skeleton
    from kg.viz import fold

    pos = positions if positions is not None else layout(G)
    ids = {node: i for i, node in enumerate(sorted(G, key=str))}
    article_ids: dict[str, int] = {}
    article_rows: list[list[str]] = []

    def article(iri: str) -> int:
        if iri not in article_ids:
            meta = (articles or {}).get(iri, {})
            article_ids[iri] = len(article_rows)
            article_rows.append([meta.get("title") or iri.rsplit("/", 1)[-1], meta.get("url", ""), meta.get("published", "")])
        return article_ids[iri]

    nodes = []
    for node in sorted(G, key=str):
        d = G.nodes[node]
        names = list(dict.fromkeys([d["label"], *(d.get("labels") or [])]))
        keys = sorted({fold(n) for n in names} - {""})
        skel = sorted({skeleton(w) for k in keys for w in k.split() if len(w) > 2})
        x, y = pos.get(node, (0.0, 0.0))
        title_lines = str(d.get("title", "")).split("\n")
        facts = title_lines[: title_lines.index("sources:")] if "sources:" in title_lines else title_lines
        nodes.append({
            "k": KINDS.index(d["kind"]) if d["kind"] in KINDS else 3,
            "l": d["label"], "n": names, "f": keys, "s": skel, "x": round(x, 1), "y": round(y, 1),
            "st": d.get("status") or "", "d": d.get("since") or d.get("date") or "",
            "i": node, "t": facts,
            "src": [[sentence, article(a)] for sentence, a in (d.get("sources") or [])[:20]],
        })
    labels: list[str] = []
    edges = []
    for s, o, d in G.edges(data=True):
        label = d.get("label", "")
        if label not in labels:
            labels.append(label)
        edges.append([ids[s], ids[o], labels.index(label)])
    data = {"nodes": nodes, "edges": edges, "labels": labels, "articles": article_rows, "kinds": list(KINDS),
            "focus": focus or ""}
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    template = _TEMPLATE.read_text(encoding="utf-8")
    return template.replace("{{TITLE}}", html.escape(title)).replace("/*{{DATA}}*/null", payload)


# --- reading the RDF -----------------------------------------------------------------


def _sources(g: rdflib.Graph) -> dict[str, list[tuple[str, str]]]:
    """Each node's evidence sentences with their article: an event's own, a person's
    status and role assertions, an organisation's count reports, both ends of a relation."""
    from rdflib.namespace import RDF

    from kg.namespace import KG

    def evidence(fact: Any) -> list[tuple[str, str]]:
        out = []
        for ev in g.objects(fact, KG.evidence):
            sentence, art = g.value(ev, KG.sentence), g.value(ev, KG.article)
            if sentence is not None:
                out.append((" ".join(str(sentence).split()), str(art or "")))
        return out

    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for event in set(g.subjects(KG.evidence, None)):
        found[str(event)].extend(evidence(event))  # facts of every kind; only drawn nodes are used
    for assertion, person in g.subject_objects(KG.person):
        found[str(person)].extend(evidence(assertion))
    for report, org in g.subject_objects(KG.reportedBy):
        found[str(org)].extend(evidence(report))
    for statement in g.subjects(RDF.type, RDF.Statement):
        for end in (g.value(statement, RDF.subject), g.value(statement, RDF.object)):
            if end is not None:
                found[str(end)].extend(evidence(statement))
    return {k: sorted(set(v), key=lambda s: (s[1], s[0])) for k, v in found.items()}


def _articles(g: rdflib.Graph) -> dict[str, dict[str, str]]:
    from rdflib.namespace import RDF

    from kg.namespace import KG

    out = {}
    for a in g.subjects(RDF.type, KG.Article):
        meta = {}
        for key, p in (("title", KG.title), ("url", KG.url), ("published", KG.published), ("file", KG.sourceFile)):
            v = g.value(a, p)
            if v is not None:
                meta[key] = str(v)
        meta.setdefault("title", meta.get("file", str(a).rsplit("/", 1)[-1]))
        out[str(a)] = meta
    return out


def _text_links(G: nx.MultiDiGraph) -> None:
    """Link a place or organisation to an event or person whose evidence sentence names it."""
    from kg.viz import fold

    names: dict[str, set[str]] = defaultdict(set)
    for node, d in G.nodes(data=True):
        if d["kind"] in ("place", "organisation"):
            for name in {d["label"], *(d.get("labels") or [])}:
                key = fold(name)
                if len(key) >= _MIN_NAME:
                    names[key].add(node)
    if not names:
        return
    longest = max(len(k.split()) for k in names)
    for node, d in list(G.nodes(data=True)):
        if d["kind"] not in ("event", "person"):
            continue
        linked: dict[str, str] = {}
        for sentence, _article in d.get("sources") or []:
            words = fold(sentence).split()
            for i in range(len(words)):
                for n in range(1, longest + 1):
                    key = " ".join(words[i : i + n])
                    for other in names.get(key, ()):
                        linked.setdefault(other, sentence)
        for other, sentence in linked.items():
            kind = G.nodes[other]["kind"]
            label = ("place" if kind == "place" else "named with") if d["kind"] == "event" else \
                ("named with" if kind == "organisation" else "place named")
            if any(G.has_edge(a, b) for a, b in ((node, other), (other, node))):
                continue  # the RDF already relates them
            G.add_edge(node, other, key=label, label=label,
                       title=f"{d['label']} —{label}→ {G.nodes[other]['label']}\n“{sentence}” (the sentence names both)")

