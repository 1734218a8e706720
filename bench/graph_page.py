"""The graph page at 1,000 and 10,000 nodes: layout time in Python, page size, first
frame and pan frame times in headless Chromium, against a baseline measured in the
same run (the same page with no nodes: Chromium's own start-up and parse cost).

    .venv/bin/python bench/graph_page.py                       # 1,000 and 10,000 nodes
    .venv/bin/python bench/graph_page.py --sizes 1000 --repeat 5
    .venv/bin/python bench/graph_page.py --store .kg --screenshot docs/img/graph.png

The synthetic graph is shaped like kg's: people, organisations, places and events in
about the development graph's proportions; each event has an agent, one to three
people and often a place; people belong to organisations; a fifth of the nodes have
no edge (hidden by the page).  Seeded, so the same sizes give the same graphs.
"""
from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser import Browser  # noqa: E402

SYLLABLES = ["ka", "lo", "mi", "ve", "ru", "sa", "ti", "no", "ba", "de", "zu", "pe", "ra", "ko", "li", "ma"]
STATUSES = ["jailed", "released", "pardoned", "exiled", "died in custody", "free", ""]


def word(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(n)).capitalize()


def synthetic(n: int, seed: int = 7):  # type: ignore[no-untyped-def]
    import networkx as nx

    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    kinds = {"person": 0.40, "event": 0.38, "organisation": 0.12, "place": 0.10}
    counts = {k: max(1, int(n * f)) for k, f in kinds.items()}
    counts["person"] += n - sum(counts.values())
    ids: dict[str, list[str]] = {k: [] for k in kinds}
    for kind, count in counts.items():
        for i in range(count):
            node = f"{kind}/{i}"
            if kind == "event":
                label = f"{rng.choice(['arrest', 'release', 'pardon', 'sentencing', 'exile'])} · {rng.randint(2015, 2025)}-{rng.randint(1, 12):02d}"
                attrs = {"date": label.split(" · ")[1]}
            else:
                label = f"{word(rng, 2)} {word(rng, 3)}" if kind == "person" else word(rng, 3)
                attrs = {"status": rng.choice(STATUSES)} if kind == "person" else {}
                attrs = {k: v for k, v in attrs.items() if v}
            title = "\n".join([f"{label} ({kind})", "sources:", f"  “{label} was named in a sentence.” (article {i % 97})"])
            G.add_node(node, kind=kind, label=label, labels=[label], title=title, **attrs)
            ids[kind].append(node)
    connected = set(rng.sample(range(len(G)), int(len(G) * 0.8)))
    index = {v: i for i, v in enumerate(G)}
    live = {k: [v for v in ids[k] if index[v] in connected] for k in ids}
    # People cluster around a few prominent ones (a squared draw), as in the news.
    def person() -> str:
        return live["person"][int(len(live["person"]) * rng.random() ** 2)]
    for event in live["event"]:
        G.add_edge(event, person(), key="agent", label="agent")
        for _ in range(rng.randint(1, 3)):
            G.add_edge(event, person(), key="involves", label="involves")
        if live["place"] and rng.random() < 0.6:
            G.add_edge(event, rng.choice(live["place"]), key="place", label="place")
    for p in live["person"]:
        if live["organisation"] and rng.random() < 0.5:
            G.add_edge(p, rng.choice(live["organisation"]), key="member of", label="member of")
    return G


# For pages that do not report their first frame: the first time anything is filled on a canvas.
FIRST_CANVAS_FILL = """(() => { const fill = CanvasRenderingContext2D.prototype.fill;
  CanvasRenderingContext2D.prototype.fill = function (...a) {
    if (!window.kgFirstFrame && this.canvas.width > 300) window.kgFirstFrame = performance.now();
    return fill.apply(this, a); }; })();"""


def measure_network_page(path: Path, repeat: int) -> dict[str, float]:
    """The network page (kg viz --network, vis-network with physics): first canvas fill."""
    firsts, loads = [], []
    with Browser() as b:
        b.on_new_document(FIRST_CANVAS_FILL)
        for _ in range(repeat):
            b.open(path.resolve().as_uri())
            b.wait_until("window.kgFirstFrame > 0", timeout=120)
            firsts.append(b.eval("window.kgFirstFrame"))
            loads.append(b.eval("performance.getEntriesByType('navigation')[0].loadEventEnd"))
    return {"first_frame_ms": statistics.median(firsts), "load_ms": statistics.median(loads),
            "pan_paint_median_ms": float("nan"), "pan_paint_p95_ms": float("nan")}


def measure(path: Path, repeat: int) -> dict[str, float]:
    """First frame (ms after navigation start, median of ``repeat`` fresh loads) and pan paints."""
    firsts, loads, paints = [], [], []
    with Browser() as b:
        for _ in range(repeat):
            b.open(path.resolve().as_uri())
            b.wait_until("window.kgFirstFrame > 0")
            firsts.append(b.eval("window.kgFirstFrame"))
            loads.append(b.eval("performance.getEntriesByType('navigation')[0].loadEventEnd"))
        assert not b.errors, b.errors
        # Pan: 60 steps of 15 px, each a full repaint at the fit zoom and then at 4x.
        for zoom in (1, 4):
            paints.extend(b.eval(f"""(() => {{ const out = []; kg.state.scale *= {zoom};
                for (let i = 0; i < 60; i++) {{ kg.state.tx += 15; const t = performance.now(); kg.paint();
                  out.push(performance.now() - t); }} kg.state.scale /= {zoom}; return out; }})()"""))
    paints.sort()
    return {"first_frame_ms": statistics.median(firsts), "load_ms": statistics.median(loads),
            "pan_paint_median_ms": statistics.median(paints), "pan_paint_p95_ms": paints[int(len(paints) * 0.95) - 1]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--store", help="also measure the graph in this store (and take the screenshot from it)")
    parser.add_argument("--screenshot", help="write a screenshot of the store's page here (needs --store)")
    parser.add_argument("--json", help="write the raw figures here")
    args = parser.parse_args()

    import networkx as nx

    from kg.graphpage import page_from_networkx
    from kg.layout import layout

    rows = []
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
        empty = Path(tmp) / "empty.html"
        empty.write_text(page_from_networkx(nx.MultiDiGraph()), encoding="utf-8")
        baseline = measure(empty, args.repeat)
        rows.append(("baseline: the page with no nodes", 0, 0, 0.0, empty.stat().st_size, baseline))
        graphs = [(f"synthetic {int(s):,}", synthetic(int(s), args.seed)) for s in args.sizes.split(",") if s]
        if args.store:
            from kg.graphpage import page_graph
            from kg.viz import _as_rdflib
            from kg.store import Store

            with Store(Path(args.store)) as st:
                g = _as_rdflib(st)
            graphs.insert(0, (f"store {args.store}", page_graph(g)))
            from kg.viz import to_networkx, visualise

            drawn = to_networkx(g)
            network = visualise(g, Path(tmp) / "network.html")
            rows.append((f"store {args.store}: the network page (`kg viz --network`, vis-network physics)",
                         drawn.number_of_nodes(), drawn.number_of_edges(), 0.0,
                         network.stat().st_size, measure_network_page(network, args.repeat)))
        for name, G in graphs:
            started = time.perf_counter()
            pos = layout(G)
            seconds = time.perf_counter() - started
            page = Path(tmp) / "page.html"
            articles = None
            if name.startswith("store"):
                from kg.graphpage import _articles

                articles = _articles(g)
            page.write_text(page_from_networkx(G, articles, positions=pos), encoding="utf-8")
            figures = measure(page, args.repeat)
            rows.append((name, G.number_of_nodes(), G.number_of_edges(), seconds, page.stat().st_size, figures))
            if name.startswith("store") and args.screenshot:
                with Browser(1400, 860) as b:
                    b.open(page.resolve().as_uri())
                    b.eval("(e => { e.value = 'Tikhanovskaya'; e.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter'})); })"
                           "(document.getElementById('search'))")
                    time.sleep(0.5)
                    b.screenshot(args.screenshot)
    base = rows[0][5]["first_frame_ms"]
    print(f"{time.strftime('%Y-%m-%d')}, {platform.machine()}, Python {platform.python_version()}, "
          f"median of {args.repeat} loads\n")
    print("| page | nodes | edges | layout s (Python) | page MB | first frame ms | x baseline | load ms | pan paint ms (median / p95) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, n, m, seconds, size, f in rows:
        print(f"| {name} | {n:,} | {m:,} | {seconds:.2f} | {size / 1e6:.2f} | {f['first_frame_ms']:.0f} | "
              f"{f['first_frame_ms'] / base:.1f} | {f['load_ms']:.0f} | {f['pan_paint_median_ms']:.1f} / {f['pan_paint_p95_ms']:.1f} |")
    if args.json:
        Path(args.json).write_text(json.dumps([{"page": r[0], "nodes": r[1], "edges": r[2], "layout_s": r[3], "bytes": r[4], **r[5]}
                                               for r in rows], indent=2))


if __name__ == "__main__":
    main()
