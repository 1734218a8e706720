"""Fixed positions for a large graph, computed with networkx so the page runs no physics.

``spring_layout`` is quadratic in the nodes and needs SciPy past 500 of them, so a
big connected component is first cut into communities (Louvain, linear in the
edges), the communities are laid out as one small weighted graph, and each community
is laid out on its own around its place; cutting goes on while a part is still big.
Components are then packed in rows, the biggest first.  Everything is seeded: the same
graph gets the same picture.
"""
from __future__ import annotations

import math
from typing import TYPE_CHECKING, Hashable

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["layout", "SMALL"]

#: Parts up to this many nodes get ``spring_layout`` directly (dense, no SciPy).
SMALL = 300
SPACING = 40.0  # page units between neighbouring nodes


def layout(G: nx.Graph, seed: int = 7) -> dict[Hashable, tuple[float, float]]:
    """Positions in page units for every node of ``G`` (nodes without edges included)."""
    import networkx as nx

    # A canonical copy with the nodes numbered in sorted order: the picture must depend
    # neither on the order the graph was built in nor on string hashing (Louvain walks
    # sets of nodes, and sets of strings iterate differently in every process).
    names = sorted(G, key=str)
    number = {v: i for i, v in enumerate(names)}
    U = nx.Graph()
    U.add_nodes_from(range(len(names)))
    U.add_edges_from(sorted({(min(number[u], number[v]), max(number[u], number[v])) for u, v in G.edges() if u != v}))
    parts = []
    for comp in sorted(nx.connected_components(U), key=lambda c: (-len(c), min(c))):
        pos = _part(U.subgraph(sorted(comp)), seed)
        parts.append(_normalise(pos))
    return {names[i]: xy for i, xy in _pack(parts).items()}


def _part(H: nx.Graph, seed: int) -> dict[Hashable, tuple[float, float]]:
    """Positions for one connected part, scaled so neighbours sit about SPACING apart."""
    import networkx as nx

    n = H.number_of_nodes()
    if n == 1:
        return {next(iter(H)): (0.0, 0.0)}
    if n <= SMALL:
        iterations = 80 if n < 100 else 50
        raw = nx.spring_layout(H, seed=seed, iterations=iterations)
        return _scaled(raw, SPACING * math.sqrt(n) * 0.9)
    communities = sorted((c for c in nx.community.louvain_communities(H, seed=seed, resolution=1.0) if c), key=min)
    if len(communities) < 2:  # no structure to cut along: fixed-size chunks in node order
        nodes = sorted(H)
        communities = [set(nodes[i : i + SMALL]) for i in range(0, n, SMALL)]
    where = {v: i for i, c in enumerate(communities) for v in c}
    C = nx.Graph()
    C.add_nodes_from(range(len(communities)))
    for u, v in H.edges():
        a, b = where[u], where[v]
        if a != b:
            C.add_edge(a, b, weight=C.get_edge_data(a, b, {"weight": 0})["weight"] + 1)
    centres = _part(C, seed) if len(communities) > 1 else {0: (0.0, 0.0)}
    sizes = [math.sqrt(len(c)) for c in communities]
    # Spread the community centres so their discs (radius ~ sqrt(size)) do not overlap much.
    spread = SPACING * 1.2 * max(sizes) / max(SPACING, _min_distance(centres))
    out: dict[Hashable, tuple[float, float]] = {}
    for i, community in enumerate(communities):
        cx, cy = centres[i]
        inner = _part(H.subgraph(sorted(community)), seed) if len(community) > 1 else {next(iter(community)): (0.0, 0.0)}
        for v, (x, y) in inner.items():
            out[v] = (cx * spread + x, cy * spread + y)
    return out


def _min_distance(pos: dict[Hashable, tuple[float, float]]) -> float:
    """The median distance from each point to its nearest neighbour (a robust spacing)."""
    import numpy as np

    pts = np.array(list(pos.values()), dtype=float)
    if len(pts) < 2:
        return SPACING
    best = []
    for i in range(len(pts)):
        d = np.hypot(*(pts - pts[i]).T)
        d[i] = np.inf
        best.append(d.min())
    return float(np.median(best)) or SPACING


def _scaled(pos: dict[Hashable, object], radius: float) -> dict[Hashable, tuple[float, float]]:
    return {v: (float(p[0]) * radius, float(p[1]) * radius) for v, p in pos.items()}  # type: ignore[index]


def _normalise(pos: dict[Hashable, tuple[float, float]]) -> tuple[float, float, dict[Hashable, tuple[float, float]]]:
    """(width, height, positions moved so the part's box starts at 0, 0)."""
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    x0, y0 = min(xs), min(ys)
    return max(xs) - x0, max(ys) - y0, {v: (x - x0, y - y0) for v, (x, y) in pos.items()}


def _pack(parts: list[tuple[float, float, dict[Hashable, tuple[float, float]]]]) -> dict[Hashable, tuple[float, float]]:
    """Shelf packing: parts left to right in rows about as wide as the biggest part (or a square's side)."""
    if not parts:
        return {}
    area = sum((w + SPACING) * (h + SPACING) for w, h, _ in parts)
    row_width = max(max(w for w, _, _ in parts), math.sqrt(area) * 1.3)
    out: dict[Hashable, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for w, h, pos in parts:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + SPACING, 0.0
        for v, (px, py) in pos.items():
            out[v] = (round(x + px, 1), round(y + py, 1))
        x += w + SPACING
        row_height = max(row_height, h)
    return out
