"""The graph as an interactive, self-contained HTML page (networkx -> pyvis, no CDN).

What is drawn: people, organisations, places and events (articles on request) as
nodes, coloured and shaped by type; relations between entities and the event roles
(agent, involves, place) as labelled edges.  The provenance plumbing (evidence,
status/role assertions, count reports, reified statements) is not drawn but fills
the tooltips: every node and edge shows the sentences it was read from and their
article, and every person their roles and current status.

Roles are shown in the person's tooltip rather than as nodes: a "political prisoner"
node would be a hub joined to every prisoner and hide the real structure.

The page must work offline: pyvis inlines vis-network with ``cdn_resources="in_line"``
but still links Bootstrap (and tom-select) from CDNs, so those tags are removed and
the few Bootstrap styles the template relies on are replaced by a small stylesheet.

Layout: the physics runs before the first frame and is then switched off (a page that
keeps simulating never looks finished), with a fixed seed so a page always draws the
same picture.  Nodes without edges take no part in it: they are set out in rows beside
or under the graph, which otherwise they ring so widely that no label can be read.
Tooltips are plain text, one newline per line: vis-network 9 shows a string title
with ``innerText``, so HTML such as ``<br>`` would appear literally.
"""
from __future__ import annotations

import difflib
import html
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable

from kg.errors import UsageError
from kg.namespace import ENTITY_CLASSES, EVENT_CLASSES, KG, RELATION_TERMS

if TYPE_CHECKING:
    import networkx as nx
    import rdflib

    from kg.store import Store

__all__ = ["STYLE", "Named", "fold", "focus_nodes", "match_names", "remote_references", "render_html", "suggest_names", "to_networkx",
           "visualise"]

#: Colour and vis-network shape per node type (Tableau 10 colours: distinguishable,
#: and the shapes keep the types apart for colour-blind readers).
STYLE: dict[str, dict[str, str]] = {
    "person": {"color": "#4e79a7", "shape": "dot", "label": "Person"},
    "organisation": {"color": "#f28e2b", "shape": "square", "label": "Organisation"},
    "place": {"color": "#59a14f", "shape": "triangle", "label": "Place"},
    "event": {"color": "#e15759", "shape": "diamond", "label": "Event"},
    "article": {"color": "#bab0ac", "shape": "dot", "label": "Article"},
}
#: Outline of people whose current status is jailed: the question most users ask.
JAILED_BORDER = "#8b0000"
MAX_SENTENCES = 4  # per tooltip: more would not fit on the screen
#: Relations that hold both ways (owl:SymmetricProperty in the ontology): drawn once.
SYMMETRIC = (KG.spouseOf, KG.allyOf)
MAX_ARTICLES = 3  # per "mentioned in" line of a tooltip
SMALL_GRAPH = 40  # nodes with edges: up to this many, the layout is spread out wider


# --- reading the RDF -----------------------------------------------------------------


@dataclass
class _Source:
    """One piece of provenance: the sentence and the article it comes from."""

    sentence: str
    article: str

    def text(self) -> str:
        return f"“{self.sentence}” ({self.article})" if self.article else f"“{self.sentence}”"


@dataclass
class _Info:
    kind: str
    label: str
    lines: list[str] = field(default_factory=list)
    sources: list[_Source] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)  # every name, for --focus
    jailed: bool = False
    status: str | None = None  # a person's current status, as a word ("died in custody")
    since: str | None = None  # ... and the date it holds from
    date: str | None = None  # an event's date
    shown: set[tuple[str, str]] = field(default_factory=set)  # sources already in ``lines``


class _Reader:
    """Turns the kg RDF into node/edge descriptions (plain Python, no networkx)."""

    def __init__(self, g: rdflib.Graph) -> None:
        from rdflib.namespace import RDF, RDFS, SKOS

        self.g = g
        self.RDF, self.RDFS, self.SKOS = RDF, RDFS, SKOS

    # -- small helpers

    def value(self, s: Any, p: Any) -> Any:
        return self.g.value(s, p)

    def text(self, s: Any, p: Any) -> str | None:
        v = self.g.value(s, p)
        return None if v is None else str(v)

    def name(self, node: Any) -> str:
        """A display name: rdfs:label, skos:prefLabel, skos:notation, else the IRI's tail."""
        for p in (self.RDFS.label, self.SKOS.prefLabel, self.SKOS.notation):
            v = self.g.value(node, p)
            if v is not None:
                return str(v)
        return _local_name(str(node))

    def term_word(self, term: Any) -> str:
        """A vocabulary term as a word: skos:notation ("died_in_custody" -> "died in custody")."""
        for p in (self.SKOS.prefLabel, self.SKOS.notation, self.RDFS.label):
            v = self.g.value(term, p)
            if v is not None:
                return str(v).replace("_", " ")
        return _words(_local_name(str(term)))

    def article_name(self, article: Any) -> str:
        if article is None:
            return ""
        source = self.text(article, KG.sourceFile)
        # The file name, not its path: tooltips are narrow.
        return self.text(article, KG.title) or (Path(source.split("#")[0]).name + (
            "#" + source.split("#", 1)[1] if "#" in source else "") if source else _local_name(str(article)))

    def sources(self, fact: Any) -> list[_Source]:
        out = []
        for ev in self.g.objects(fact, KG.evidence):
            sentence = self.text(ev, KG.sentence)
            if sentence:
                out.append(_Source(" ".join(sentence.split()), self.article_name(self.value(ev, KG.article))))
        return sorted(out, key=lambda s: (s.article, s.sentence))

    def date(self, fact: Any) -> str | None:
        return self.text(fact, KG.date)

    # -- nodes

    def entities(self) -> dict[Any, _Info]:
        nodes: dict[Any, _Info] = {}
        for kind, cls in ENTITY_CLASSES.items():
            for node in self.g.subjects(self.RDF.type, cls):
                if node in nodes:
                    continue
                label = self.name(node)
                alt = sorted({str(v) for p in (self.SKOS.prefLabel, self.SKOS.altLabel) for v in self.g.objects(node, p)} - {label})
                info = _Info(kind, label, labels=[label, *alt])
                info.lines.append(f"{label} ({kind})")
                if alt:
                    info.lines.append("also: " + ", ".join(alt))
                if kind == "person":
                    self.person_lines(node, info)
                self.report_lines(node, info)
                # Titles before bare file names: they say more in the same room.
                mentioned = sorted({self.article_name(a) for a in self.g.objects(node, KG.mentionedIn)},
                                   key=lambda name: (" " not in name, name))
                if mentioned:
                    # A few titles: a long list pushed the source sentences off the screen.
                    more = len(mentioned) - MAX_ARTICLES
                    info.lines.append("mentioned in: " + "; ".join(mentioned[:MAX_ARTICLES])
                                      + (f"; and {more} more article{'s' if more != 1 else ''}" if more > 0 else ""))
                nodes[node] = info
        return nodes

    def person_lines(self, node: Any, info: _Info) -> None:
        roles = sorted({self.term_word(r) for r in self.g.objects(node, KG.hasRole)})
        if roles:
            info.lines.append("roles: " + ", ".join(roles))
        current = self.value(node, KG.currentStatus)
        if current is not None:
            # kg:currentStatus points at the latest StatusAssertion; tolerate a bare term.
            term = self.value(current, KG.status) or current
            word = self.term_word(term)
            info.jailed = term == KG.Jailed
            since = self.date(current)
            info.status, info.since = word, since
            info.lines.append(f"status now: {word}" + (f" (since {since})" if since else ""))
            for src in self.sources(current)[:1]:
                info.lines.append("  " + src.text())
                info.shown.add((src.sentence, src.article))
        history = []
        for assertion in self.g.subjects(KG.person, node):
            term = self.value(assertion, KG.status)
            if term is None or assertion == current:
                continue
            history.append((self.text(assertion, KG.dateFrom) or "", self.term_word(term), self.date(assertion)))
        if history:
            # One entry per run of the same status: "exiled (2023-03-06, 2025-01-03)",
            # not "exiled; exiled; exiled (2023-03-06); exiled (2025-01-03)".
            runs: list[tuple[str, list[str]]] = []
            for _, word, date in sorted(history, key=lambda h: (h[0], h[1], h[2] or "")):
                if not runs or runs[-1][0] != word:
                    runs.append((word, []))
                if date and date not in runs[-1][1]:
                    runs[-1][1].append(date)
            info.lines.append("earlier: " + "; ".join(f"{w} ({', '.join(d)})" if d else w for w, d in runs))
        for assertion in self.g.subjects(KG.person, node):
            if self.value(assertion, KG.role) is not None:
                info.sources.extend(self.sources(assertion))

    def report_lines(self, node: Any, info: _Info) -> None:
        for report in self.g.subjects(KG.reportedBy, node):
            count = self.text(report, KG.count)
            kind = self.text(report, KG.countKind) or ""
            qualifier = self.text(report, KG.countQualifier)
            if count is None:
                continue
            figure = " ".join(x for x in (qualifier, _thousands(count), kind) if x)
            date = self.date(report)
            info.lines.append("reports: " + figure + (f" ({date})" if date else ""))
            info.sources.extend(self.sources(report))

    def events(self) -> dict[Any, _Info]:
        nodes: dict[Any, _Info] = {}
        by_class: dict[Any, str] = {cls: name for name, cls in EVENT_CLASSES.items()}
        candidates = set(self.g.subjects(self.RDF.type, KG.Event))
        for cls in by_class:
            candidates.update(self.g.subjects(self.RDF.type, cls))
        for node in candidates:
            types = [by_class[c] for c in self.g.objects(node, self.RDF.type) if c in by_class]
            word = (sorted(types)[0] if types else "event").replace("_", " ")
            date = self.date(node)
            count = self.text(node, KG.count)
            qualifier = self.text(node, KG.countQualifier)
            label = " · ".join(x for x in (word, date, _thousands(count) if count else None) if x)
            info = _Info("event", label, date=date)
            info.lines.append(f"{word} (event)")
            if date:
                info.lines.append(f"date: {date}")
            if count:
                info.lines.append("count: " + " ".join(x for x in (qualifier, _thousands(count)) if x))
            for why in sorted(str(w) for w in self.g.objects(node, KG.mergeReason)):
                info.lines.append(f"merged: {why}")
            info.sources = self.sources(node)
            nodes[node] = info
        return nodes

    def articles(self) -> dict[Any, _Info]:
        nodes = {}
        for node in self.g.subjects(self.RDF.type, KG.Article):
            label = self.article_name(node)
            info = _Info("article", label, labels=[label])
            info.lines.append(f"{label} (article)")
            for p, what in ((KG.published, "published"), (KG.outlet, "outlet"), (KG.sourceFile, "file"), (KG.url, "url")):
                v = self.text(node, p)
                if v:
                    info.lines.append(f"{what}: {v}")
            nodes[node] = info
        return nodes

    # -- edges

    def relation_sources(self) -> dict[tuple[Any, Any, Any], list[_Source]]:
        """Evidence of reified relations, keyed by the (s, p, o) they describe."""
        out: dict[tuple[Any, Any, Any], list[_Source]] = defaultdict(list)
        for statement in self.g.subjects(self.RDF.type, self.RDF.Statement):
            key = (self.value(statement, self.RDF.subject), self.value(statement, self.RDF.predicate),
                   self.value(statement, self.RDF.object))
            out[key].extend(self.sources(statement))
        return out


def _local_name(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def _words(camel: str) -> str:
    """``DeathInCustody`` -> ``death in custody``; ``founderOf`` -> ``founder of``."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", camel).lower()


def _thousands(number: str | None) -> str:
    if number is None:
        return ""
    try:
        return f"{int(number):,}"
    except ValueError:
        return number


# --- the networkx graph --------------------------------------------------------------


def to_networkx(g: rdflib.Graph, *, include_articles: bool = False) -> nx.MultiDiGraph:
    """The drawable part of a kg graph.

    Node attributes: ``kind``, ``label``, ``title`` (tooltip text), ``labels`` (all
    names), ``color``, ``shape``; edge attributes: ``label`` and ``title``.
    """
    import networkx as nx

    reader = _Reader(g)
    G = nx.MultiDiGraph()
    infos = {**reader.entities(), **reader.events()}
    if include_articles:
        infos.update(reader.articles())
    for node, info in infos.items():
        style = STYLE[info.kind]
        lines = list(info.lines)
        sources = [s for s in _unique(info.sources) if (s.sentence, s.article) not in info.shown]
        if sources:
            lines.append("sources:")
            lines.extend("  " + s.text() for s in sources[:MAX_SENTENCES])
            if len(sources) > MAX_SENTENCES:
                lines.append(f"  … and {len(sources) - MAX_SENTENCES} more")
        attrs: dict[str, Any] = {
            "kind": info.kind,
            "label": info.label,
            "title": "\n".join(lines),
            "labels": info.labels,
            "color": style["color"],
            "shape": style["shape"],
        }
        if info.jailed:
            attrs["jailed"] = True
        for key in ("status", "since", "date"):
            if getattr(info, key):
                attrs[key] = getattr(info, key)
        G.add_node(str(node), **attrs)

    def edge(s: Any, o: Any, label: str, sources: Iterable[_Source], note: str) -> None:
        if str(s) not in G or str(o) not in G:
            return
        lines = [f"{G.nodes[str(s)]['label']} —{label}→ {G.nodes[str(o)]['label']}"]
        srcs = _unique(sources)
        lines.extend(s_.text() for s_ in srcs[:MAX_SENTENCES])
        if not srcs:
            lines.append(note)
        G.add_edge(str(s), str(o), key=label, label=label, title="\n".join(lines))

    statements = reader.relation_sources()
    for p in RELATION_TERMS.values():
        symmetric = p in SYMMETRIC
        for s, o in sorted(g.subject_objects(p)):
            label = _words(_local_name(str(p)))
            if symmetric and G.has_edge(str(o), str(s), key=label):
                continue  # "spouse of" both ways is one relation: one edge, both sentences
            sources = statements.get((s, p, o), []) + (statements.get((o, p, s), []) if symmetric else [])
            edge(s, o, label, sources, "(no sentence recorded)")
    for event, info in infos.items():
        if info.kind != "event":
            continue
        for p, label in ((KG.agent, "agent"), (KG.involves, "involves"), (KG.place, "place")):
            for o in g.objects(event, p):
                edge(event, o, label, info.sources, "(no sentence recorded)")
    if include_articles:
        for node in list(infos):
            for p, label in ((KG.mentionedIn, "mentioned in"), (KG.reportedIn, "reported in")):
                for article in g.objects(node, p):
                    edge(node, article, label, [], "(from the article's metadata)")
    return G


def _unique(sources: Iterable[_Source]) -> list[_Source]:
    seen: set[tuple[str, str]] = set()
    out = []
    for s in sources:
        if (s.sentence, s.article) not in seen:
            seen.add((s.sentence, s.article))
            out.append(s)
    return out


# --- focus ---------------------------------------------------------------------------


def fold(text: str) -> str:
    """Case-, accent- and spacing-insensitive form: ``Ána  Kowalčyk`` -> ``ana kowalcyk``."""
    try:
        from anyascii import anyascii

        text = anyascii(text)
    except ImportError:  # pragma: no cover - anyascii is a dependency
        text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


@dataclass(frozen=True)
class Named:
    """Something that can be looked up by name (for ``--focus`` and ``kg why``)."""

    key: str
    display: str
    labels: tuple[str, ...]
    kind: str = "person"


def match_names(name: str, candidates: Iterable[Named], kinds: tuple[tuple[str, ...], ...] = (("person",),)) -> list[Named]:
    """The candidates called ``name``, ignoring case and accents.

    Tried kind group by kind group (people first): an exact name wins; otherwise every
    name containing ``name`` matches (a surname may match several people).
    """
    wanted = fold(name)
    if not wanted:
        return []
    pool = list(candidates)
    for group in kinds:
        folded = [(c, [fold(lab) for lab in (c.display, *c.labels)]) for c in pool if c.kind in group]
        exact = [c for c, labels in folded if wanted in labels]
        if exact:
            return exact
        partial = [c for c, labels in folded if any(wanted in lab for lab in labels)]
        if partial:
            return partial
    return []


def suggest_names(name: str, candidates: Iterable[Named], n: int = 5) -> list[str]:
    """Display names that look like ``name`` (for "did you mean ...?")."""
    wanted = fold(name)
    by_form: dict[str, str] = {}
    for c in sorted(candidates, key=lambda c: (c.kind != "person", c.display)):
        for lab in (c.display, *c.labels):
            folded = fold(lab)
            # Single words too, so a misspelt surname still finds the full name.
            for form in [folded, *folded.split()]:
                by_form.setdefault(form, c.display)
    out: list[str] = []
    for form in difflib.get_close_matches(wanted, list(by_form), n=n * 3, cutoff=0.6):
        if by_form[form] not in out:
            out.append(by_form[form])
    return out[:n]


def _named(G: nx.MultiDiGraph) -> list[Named]:
    return [
        Named(n, d["label"], tuple(d.get("labels", ())), d["kind"])
        for n, d in G.nodes(data=True)
        if d["kind"] in ("person", "organisation", "place")
    ]


def focus_nodes(G: nx.MultiDiGraph, name: str, depth: int = 2) -> nx.MultiDiGraph:
    """The neighbourhood (radius ``depth``, ignoring edge direction) of the matching nodes.

    People are matched first; when no person matches, organisations and places.
    """
    import networkx as nx

    if depth < 0:
        raise UsageError(f"--depth must be 0 or more, not {depth}")
    named = _named(G)
    centres = [c.key for c in match_names(name, named, (("person",), ("organisation", "place")))]
    if not centres:
        suggestions = suggest_names(name, named)
        fix = ("did you mean " + ", ".join(suggestions) + "?") if suggestions else "`kg query queries/people.rq` lists every name"
        raise UsageError(f"no person named {name!r} in the graph", fix=fix)
    undirected = G.to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep.update(nx.ego_graph(undirected, centre, radius=depth).nodes)
    sub = G.subgraph(keep).copy()
    for centre in centres:
        sub.nodes[centre]["focus"] = True
    return sub


# --- HTML ----------------------------------------------------------------------------

_OPTIONS = {
    "interaction": {"hover": True, "tooltipDelay": 120, "navigationButtons": False},
    "edges": {
        "arrows": {"to": {"enabled": True, "scaleFactor": 0.5}},
        "font": {"size": 11, "align": "middle", "color": "#555555", "strokeWidth": 3},
        "color": {"color": "#9aa5b1", "highlight": "#333333", "hover": "#333333"},
        # Straight lines; parallel edges get their own curves (see render_html).  Not
        # "dynamic": its invisible support nodes need physics, which is turned off below.
        "smooth": {"enabled": False},
    },
    "nodes": {"font": {"size": 16, "face": "sans-serif"}, "borderWidth": 1, "size": 16},
    # The same page draws the same picture every time it is opened.
    "layout": {"randomSeed": 1},
    "physics": {
        "solver": "forceAtlas2Based",
        # Enough central gravity to keep the small components close together (the
        # default lets them drift apart, and the view zooms out until no label is legible).
        "forceAtlas2Based": {"gravitationalConstant": -50, "centralGravity": 0.015, "springLength": 110,
                             "springConstant": 0.08, "damping": 0.5, "avoidOverlap": 0.6},
        "minVelocity": 0.3,
        # Laid out before the first frame; _SETTLE_JS then switches physics off, so the
        # page does not keep simulating (and jiggling) after it is shown.
        "stabilization": {"enabled": True, "iterations": 1000, "updateInterval": 50, "fit": True},
    },
}

#: Run once the layout is stable: stop the physics, set the nodes without edges out in
#: rows beside or under the graph, whichever lets the view zoom in further (left to the
#: physics they ring the graph and the view zooms out until no label is readable), then
#: fit the view.  ``__LOOSE__`` is [[id, width, kind], ...] in display order.
#:
#: vis-network may finish a small layout inside ``new vis.Network(...)``, before this
#: script can listen for "stabilizationIterationsDone"; "stabilized" (emitted later)
#: and the first frame drawn catch that case, and a graph without edges settles at once.
_SETTLE_JS = """
(function () {
  var loose = __LOOSE__;
  var ROW = 80, GAP = 80, done = false;

  function pack(items, width) {
    var rows = [], row = null, i;
    for (i = 0; i < items.length; i++) {
      if (!row || row.kind !== items[i][2] || (row.width + items[i][1] > width && row.items.length)) {
        row = {kind: items[i][2], width: 0, items: []};
        rows.push(row);
      }
      row.items.push(items[i]);
      row.width += items[i][1];
    }
    var w = 0;
    for (i = 0; i < rows.length; i++) { w = Math.max(w, rows[i].width); }
    return {rows: rows, w: w, h: rows.length * ROW};
  }

  function arrange() {
    var isLoose = {}, total = 0, widest = 0, i, id;
    for (i = 0; i < loose.length; i++) {
      isLoose[loose[i][0]] = true;
      total += loose[i][1];
      widest = Math.max(widest, loose[i][1]);
    }
    var pos = network.getPositions(nodes.getIds().filter(function (n) { return !isLoose[n]; }));
    var box = {left: Infinity, right: -Infinity, top: Infinity, bottom: -Infinity};
    for (id in pos) {
      box.left = Math.min(box.left, pos[id].x - 80); box.right = Math.max(box.right, pos[id].x + 80);
      box.top = Math.min(box.top, pos[id].y - 40); box.bottom = Math.max(box.bottom, pos[id].y + 40);
    }
    var empty = box.left === Infinity;
    if (empty) { box = {left: 0, right: 0, top: 0, bottom: 0}; }
    var cw = box.right - box.left, ch = box.bottom - box.top, gap = empty ? 0 : GAP;
    var frame = document.getElementById("mynetwork");
    var vw = frame.clientWidth || 1200, vh = frame.clientHeight || 800;
    var best = null;
    for (var k = 0; k <= 40; k++) {
      var p = pack(loose, widest + (total - widest) * k / 40);
      var below = Math.min(vw / Math.max(cw, p.w), vh / (ch + gap + p.h));
      var beside = Math.min(vw / (cw + gap + p.w), vh / Math.max(ch, p.h));
      if (!best || below > best.scale) { best = {scale: below, p: p, beside: false}; }
      if (!best || beside > best.scale) { best = {scale: beside, p: p, beside: true}; }
    }
    var rows = best.p.rows, x0, y = best.beside ? (box.top + box.bottom - best.p.h) / 2 : box.bottom + gap;
    for (i = 0; i < rows.length; i++, y += ROW) {
      // Rows are centred under the graph, or left-aligned beside it.
      x0 = best.beside ? box.right + gap : (box.left + box.right - rows[i].width) / 2;
      for (var j = 0; j < rows[i].items.length; j++) {
        network.moveNode(rows[i].items[j][0], x0 + rows[i].items[j][1] / 2, y + ROW / 2);
        x0 += rows[i].items[j][1];
      }
    }
  }

  function settle() {
    if (done) { return; }
    done = true;
    network.setOptions({physics: {enabled: false}});
    if (loose.length) {
      arrange();
      network.redraw();  // fit() measures the boxes drawn last, not where the nodes are now
    }
    network.fit();
  }
  network.once("stabilizationIterationsDone", settle);
  network.once("stabilized", settle);
  network.once("afterDrawing", settle);
  // Nothing for the physics to lay out (no edges at all): vis-network may have drawn
  // already, and no event is coming.
  if (loose.length && loose.length === nodes.length) { settle(); }

  // When the window changes size, vis-network zooms by the change in height and can cut
  // the sides off; refit instead, until the reader has zoomed or panned themselves.
  // ("resize" comes before vis-network restores its own view; "initRedraw" after it,
  // before the frame is drawn.)
  var touched = false, refit = false;
  network.on("zoom", function () { touched = true; });
  network.on("dragStart", function () { touched = true; });
  network.on("resize", function () { refit = done && !touched; });
  network.on("initRedraw", function () {
    if (refit) { refit = false; network.fit(); }
  });
})();
"""

_PAGE_CSS = """
html, body { height: 100%; }
body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #222;
       display: flex; flex-direction: column; overflow: hidden; }
header.kg { flex: none; padding: 10px 16px; border-bottom: 1px solid #ddd; display: flex; flex-wrap: wrap;
            align-items: baseline; gap: 8px 24px; }
header.kg h1 { font-size: 20px; margin: 0; font-weight: 600; }
header.kg .summary { color: #555; font-size: 13px; }
ul.legend { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: 4px 16px; font-size: 14px; }
ul.legend li { display: flex; align-items: center; gap: 6px; }
ul.legend svg { width: 16px; height: 16px; flex: none; }
/* The graph takes whatever height the header leaves, however often the legend wraps. */
.card { width: 100% !important; flex: 1 1 auto; min-height: 0; position: relative; }
#mynetwork { width: 100% !important; height: 100% !important; float: none !important;
             border: none !important; }
/* Tooltips are plain text (vis-network sets innerText, so "\\n" becomes a line break);
   they do not wrap by default, and provenance sentences need to. */
div.vis-tooltip { white-space: pre-wrap !important; max-width: 520px; font-family: inherit !important;
                  font-size: 13px !important; line-height: 1.35; }
"""

_SVG_SHAPES = {
    "dot": '<circle cx="8" cy="8" r="6" fill="{c}"/>',
    "square": '<rect x="2" y="2" width="12" height="12" fill="{c}"/>',
    "triangle": '<polygon points="8,1 15,14 1,14" fill="{c}"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8" fill="{c}"/>',
}

# Remote resources pyvis's template links (Bootstrap, tom-select, vis from a CDN).
_REMOTE_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>", re.I | re.S)
_REMOTE_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']?\s*(?:https?:)?//[^>]*>\s*</script>", re.I | re.S)
_LOCAL_SCRIPT = re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']lib/([^\"']+)[\"'][^>]*>\s*</script>", re.I | re.S)
_LOCAL_LINK = re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']lib/([^\"']+)[\"'][^>]*>", re.I | re.S)
#: Anything that would still make the browser fetch from the network.
REMOTE_REFERENCE = re.compile(r"\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.I)
# The page's own markup is its tags outside inline scripts and styles; the graph's data
# (article text included) lives in those scripts as JSON, where "src=https://" is text.
_SCRIPT_OR_STYLE_BODY = re.compile(r"(<(script|style)\b[^>]*>).*?(</\2\s*>)", re.I | re.S)
_MARKUP_TAG = re.compile(r"<[A-Za-z][^>]*>")


def remote_references(page: str) -> list[str]:
    """The tags of ``page``'s own markup that would fetch something from the network."""
    markup = _SCRIPT_OR_STYLE_BODY.sub(r"\1\3", page)
    return [tag for tag in _MARKUP_TAG.findall(markup) if REMOTE_REFERENCE.search(tag)]


def _legend(kinds: Iterable[str], any_jailed: bool) -> str:
    items = []
    for kind in kinds:
        style = STYLE[kind]
        shape = _SVG_SHAPES[style["shape"]].format(c=style["color"])
        items.append(f'<li><svg viewBox="0 0 16 16" aria-hidden="true">{shape}</svg>{html.escape(style["label"])}</li>')
    if any_jailed:
        ring = f'<circle cx="8" cy="8" r="5.5" fill="{STYLE["person"]["color"]}" stroke="{JAILED_BORDER}" stroke-width="2.5"/>'
        items.append(f'<li><svg viewBox="0 0 16 16" aria-hidden="true">{ring}</svg>currently jailed</li>')
    return '<ul class="legend" aria-label="legend">' + "".join(items) + "</ul>"


def _safe_title(text: str) -> str:
    # pyvis switches to a click-to-open popup template when a tooltip contains "href".
    return text.replace("href", "hre\u200bf")


def render_html(G: nx.MultiDiGraph, title: str = "kg: knowledge graph") -> str:
    """A complete, offline HTML page drawing ``G`` (as built by :func:`to_networkx`)."""
    from pyvis.network import Network

    loose = {n for n in G if G.degree(n) == 0}
    # neighborhood_highlight: clicking a node greys out everything but its neighbours.
    net = Network(height="100%", width="100%", directed=True, cdn_resources="in_line", heading="",
                  neighborhood_highlight=True)
    for node, d in sorted(G.nodes(data=True)):
        attrs: dict[str, Any] = {
            "label": d["label"],
            "title": _safe_title(d["title"]),
            "color": d["color"],
            "shape": d["shape"],
            "kind": d["kind"],
        }
        if d.get("jailed"):
            attrs["color"] = {"background": d["color"], "border": JAILED_BORDER,
                              "highlight": {"background": d["color"], "border": JAILED_BORDER}}
            attrs["borderWidth"] = 4
        if d.get("focus"):
            attrs["size"] = 26
            attrs["font"] = {"size": 20, "color": "#000000"}
        if node in loose:
            attrs["physics"] = False  # set out in rows by _SETTLE_JS
        net.add_node(node, **attrs)
    edges = sorted(G.edges(data=True), key=lambda e: (e[0], e[1], e[2]["label"]))
    bends = _bends([(s, o) for s, o, _d in edges])
    for (s, o, d), bend in zip(edges, bends):
        # Appended directly: pyvis's add_edge scans the node list for every edge.
        edge = {"from": s, "to": o, "label": d["label"], "title": _safe_title(d["title"]), "arrows": "to"}
        if bend:
            edge["smooth"] = {"enabled": True, "type": "curvedCW" if bend > 0 else "curvedCCW", "roundness": abs(bend)}
        net.edges.append(edge)
    # A dict (not set_options, which strips the spaces out of every string value).
    options = json.loads(json.dumps(_OPTIONS))
    if G.number_of_nodes() - len(loose) <= SMALL_GRAPH:
        # A neighbourhood is shown at full size: room for the labels and edge labels.
        options["physics"]["forceAtlas2Based"].update(gravitationalConstant=-150, centralGravity=0.01, springLength=200,
                                                      springConstant=0.05, damping=0.6, avoidOverlap=1)
    net.options = options
    page: str = net.generate_html(name="graph.html")
    order = {kind: i for i, kind in enumerate(STYLE)}
    rows = [[n, _label_width(G.nodes[n]["label"]), G.nodes[n]["kind"]]
            for n in sorted(loose, key=lambda n: (order[G.nodes[n]["kind"]], fold(G.nodes[n]["label"]), n))]
    settle = _SETTLE_JS.replace("__LOOSE__", json.dumps(rows).replace("</", "<\\/"))
    page = page.replace("</body>", f"<script>{settle}</script>\n</body>", 1)

    page = _self_contained(page)
    kinds = [k for k in STYLE if any(d["kind"] == k for _, d in G.nodes(data=True))] or ["person"]
    n_nodes, n_edges = G.number_of_nodes(), G.number_of_edges()
    header = (
        f'<header class="kg"><h1>{html.escape(title)}</h1>'
        f'<span class="summary">{n_nodes} node{"s" if n_nodes != 1 else ""}, '
        f'{n_edges} edge{"s" if n_edges != 1 else ""}'
        + (f" ({len(loose)} nodes without edges set out in rows)" if len(loose) > 1 and n_edges else "")
        + "; hover for the source sentences</span>"
        f"{_legend(kinds, any(d.get('jailed') for _, d in G.nodes(data=True)))}</header>"
    )
    page = re.sub(r"<body>", lambda _m: "<body>\n" + header, page, count=1)
    page = re.sub(r"<html>", '<!DOCTYPE html>\n<html lang="en">', page, count=1)
    page = re.sub(r"<head>", lambda _m: f"<head>\n<title>{html.escape(title)}</title>"
                  f'\n<meta name="viewport" content="width=device-width, initial-scale=1">', page, count=1)
    page = page.replace("</head>", f"<style>{_PAGE_CSS}</style>\n</head>", 1)
    # pyvis renders an empty <h1> (its heading) twice; drop the empty ones.
    page = re.sub(r"<center>\s*<h1>\s*</h1>\s*</center>", "", page)
    if remote_references(page):  # pragma: no cover - would be a pyvis template change
        raise RuntimeError(f"the generated page still references a remote resource: {remote_references(page)[0]}")
    return page


def _label_width(label: str) -> int:
    """Room for a node in a row (graph units, about pixels at 100 %): its label at 16 px."""
    return max(60, round(9 * len(label)) + 30)


def _bends(pairs: list[tuple[str, str]]) -> list[float]:
    """How much to bend each edge (signed roundness, 0 = straight).

    Edges between the same two nodes (either direction) would be drawn on top of each
    other, labels and all: they fan out instead, symmetric around the straight line.
    """
    groups: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, (s, o) in enumerate(pairs):
        groups[(min(s, o), max(s, o))].append(i)
    out = [0.0] * len(pairs)
    for (a, _b), members in groups.items():
        n = len(members)
        for k, i in enumerate(members):
            bend = round((k - (n - 1) / 2) * 0.4, 2)
            # Clockwise is relative to the edge's direction: flip the reversed ones.
            out[i] = bend if pairs[i][0] == a else -bend
    return out


def _self_contained(page: str) -> str:
    """Inline local ``lib/`` files and drop every remote ``<link>``/``<script src>``."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib"

    def inline_script(m: re.Match[str]) -> str:
        path = lib / m[1]
        return f"<script>{path.read_text(encoding='utf-8')}</script>" if path.is_file() else ""

    def inline_style(m: re.Match[str]) -> str:
        path = lib / m[1]
        return f"<style>{path.read_text(encoding='utf-8')}</style>" if path.is_file() else ""

    page = _LOCAL_SCRIPT.sub(inline_script, page)
    page = _LOCAL_LINK.sub(inline_style, page)
    # The template keeps a commented-out link to ../node_modules: drop it with the rest.
    page = re.sub(r"<!--(?:(?!-->).)*node_modules.*?-->", "", page, flags=re.S)
    page = _REMOTE_LINK.sub("", page)
    page = _REMOTE_SCRIPT.sub("", page)
    return page


# --- entry point ---------------------------------------------------------------------


def _as_rdflib(graph_or_store: Any) -> rdflib.Graph:
    import rdflib

    if isinstance(graph_or_store, rdflib.Graph):
        return graph_or_store
    from kg.store import Store

    if isinstance(graph_or_store, Store):
        g = rdflib.Graph()
        g.parse(data=graph_or_store.dump("nt"), format="nt")
        return g
    if hasattr(graph_or_store, "dump"):  # a SPARQL server store (kg.remote.RemoteStore)
        g = rdflib.Graph()
        g.parse(data=graph_or_store.dump("nt"), format="nt")
        return g
    raise TypeError(f"expected an rdflib.Graph or a kg Store, not {type(graph_or_store).__name__}")


def visualise(
    graph_or_store: rdflib.Graph | Store,
    output: str | Path,
    focus: str | None = None,
    depth: int = 2,
    *,
    include_articles: bool = False,
    title: str | None = None,
) -> Path:
    """Write the graph (or the neighbourhood of ``focus``) as an offline HTML page.

    ``focus`` matches a person by any of their names, ignoring case and accents;
    a part of a name is enough.  Raises :class:`UsageError` (with close matches)
    when nobody matches.  Returns the path written.
    """
    output = Path(output)
    G = to_networkx(_as_rdflib(graph_or_store), include_articles=include_articles)
    if focus:
        G = focus_nodes(G, focus, depth)
        centres = [d["label"] for _, d in G.nodes(data=True) if d.get("focus")]
        title = title or f"kg: {', '.join(sorted(centres))} (within {depth} step{'s' if depth != 1 else ''})"
    from kg.outputs import write_output

    return write_output(output, render_html(G, title or "kg: knowledge graph"))
