"""Everything after extraction, at growing sizes: the graph write, adding one article,
an unchanged rebuild and the flagship queries, each beside a baseline from the same run.

The articles are `graph_scale.py`'s synthetic extraction records (about 225 triples an
article; 4,500 articles give about a million triples), written into a real store's
extraction cache, so every step is the code `kg build` runs, the full resolver
included.  For each size N:

* write: `kg.rdf.to_ntriples` + `Store.replace_ntriples` (what a build does now) against
  Oxigraph's own bulk load of the same N-Triples into a new on-disk store (baseline);
  and the rdflib path it replaced (`to_graph` + `replace_graph`), for comparison;
* add one article: caching one more extraction and `kg.api._rebuild_graph` (the work
  of `kg build NEW.txt` beyond extracting it); an unchanged `kg build` of every article;
* queries: each flagship `.rq` through `kg.query.run_query` against the same text run
  straight on pyoxigraph (`list(store.query(...))`), medians of `--repeat`;
* peak memory (ru_maxrss of the process) after each step; the growth exponent of each
  step between the smallest and the largest size (time ~ N^k).

    .venv/bin/python bench/store_scale.py --articles 1000,2000,4500
"""
from __future__ import annotations

import argparse
import json
import math
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

QUERIES = ["remain_jailed.rq", "person_status.rq", "pardons.rq", "prisoner_counts.rq", "people.rq", "latest_counts.rq"]


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn):  # type: ignore[no-untyped-def]
    import gc

    gc.collect()
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def median(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    return statistics.median(timed(fn)[0] for _ in range(repeat))


def one_size(n: int, args: argparse.Namespace, tmp: Path) -> dict[str, Any]:
    import pyoxigraph

    from graph_scale import build_corpus
    from kg import api
    from kg.api import BuildReport, _rebuild_graph
    from kg.query import PREFIXES, read_query, run_query
    from kg.rdf import to_graph, to_ntriples
    from kg.resolve import resolve
    from kg.store import Store

    corpus = build_corpus(n + 1, seed=args.seed)
    extra = corpus.extractions.pop()  # the article added later
    out: dict[str, Any] = {"articles": n}
    path = tmp / f"store-{n}"
    with Store(path, create=True) as st:
        for x in corpus.extractions:
            st.save_extraction(x, x.model or "synthetic", x.extractor_version, save_manifest=False)
        st.write_manifest()

        out["load_s"], extractions = timed(st.all_extractions)
        out["resolve_s"], resolution = timed(lambda: resolve(extractions))
        out["to_ntriples_s"], data = timed(lambda: to_ntriples(extractions, resolution))
        out["replace_s"], triples = timed(lambda: st.replace_ntriples(data.ntriples))
        out["triples"] = triples
        out["peak_after_write_mb"] = peak_mb()

        def raw_load() -> None:
            target = tmp / f"raw-{n}"
            shutil.rmtree(target, ignore_errors=True)
            ox = pyoxigraph.Store(str(target))
            ox.bulk_load(data.ntriples, pyoxigraph.RdfFormat.N_TRIPLES)
            ox.flush()
            del ox
            shutil.rmtree(target, ignore_errors=True)

        out["raw_bulk_load_s"] = timed(raw_load)[0]
        if n <= args.rdflib_up_to:
            t_graph, graph = timed(lambda: to_graph(extractions, resolution))
            t_replace, _ = timed(lambda: st.replace_graph(graph))
            out["rdflib_path_s"] = t_graph + t_replace
            del graph
        del data

        # adding one article: its extraction is cached, then the graph is made again
        def add_one() -> int:
            st.save_extraction(extra, extra.model or "synthetic", extra.extractor_version)
            report = BuildReport(store=st.path, model="synthetic")
            _rebuild_graph(st, report)
            return report.triples

        out["add_one_s"], _ = timed(add_one)
        out["peak_after_add_mb"] = peak_mb()

        # flagship queries, kg's path against pyoxigraph's own
        out["queries"] = {}
        for name in QUERIES:
            text, _ = read_query(ROOT / "queries" / name)
            ox = st.oxigraph
            raw = median(lambda: [tuple(s) for s in ox.query(text, prefixes=PREFIXES)], args.repeat)
            ours = median(lambda: run_query(st, ROOT / "queries" / name), args.repeat)
            out["queries"][name] = {"kg_s": ours, "raw_s": raw}
    # an unchanged build: every article cached, nothing to do
    jsonl = tmp / f"articles-{n}.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for x in [*corpus.extractions, extra]:
            fh.write(json.dumps({"id": x.article.id, "text": x.article.text}) + "\n")
    first, _ = timed(lambda: api.build([str(jsonl)], store=tmp / f"u-{n}", model=args.model, progress=False)) \
        if args.unchanged else (None, None)
    if first is not None:
        out["unchanged_s"] = timed(lambda: api.build([str(jsonl)], store=tmp / f"u-{n}", model=args.model,
                                                     progress=False))[0]
        shutil.rmtree(tmp / f"u-{n}", ignore_errors=True)
    out["peak_mb"] = peak_mb()
    shutil.rmtree(path, ignore_errors=True)
    return out


def exponent(a: dict[str, Any], b: dict[str, Any], key: str) -> str:
    if not a.get(key) or not b.get(key) or a[key] <= 0:
        return ""
    return f"{math.log(b[key] / a[key]) / math.log(b['articles'] / a['articles']):.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", default="1000,2000,4500", help="comma-separated sizes")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rdflib-up-to", type=int, default=5000, help="time the old rdflib path up to this size")
    ap.add_argument("--unchanged", action="store_true",
                    help="also time an unchanged `kg build` (extracts the synthetic texts once: slow)")
    ap.add_argument("--model", default=None)
    ap.add_argument("--json", default=None)
    args = ap.parse_args()

    from graph_scale import machine

    sizes = [int(s) for s in args.articles.split(",") if s]
    tmp = Path(tempfile.mkdtemp(prefix="kg-store-scale-"))
    results = []
    try:
        for n in sizes:
            r = one_size(n, args, tmp)
            results.append(r)
            print(f"# {n} articles done: {r['triples']:,} triples", file=sys.stderr, flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n{machine()}; seed {args.seed}\n")
    print("| articles | triples | load cache (s) | resolve (s) | to_ntriples (s) | replace (s) | write total (s) "
          "| raw bulk load (s) | write / raw | rdflib path (s) | add 1 article (s) | peak MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        write = r["to_ntriples_s"] + r["replace_s"]
        r["write_s"] = write
        rd = f"{r['rdflib_path_s']:.2f}" if "rdflib_path_s" in r else ""
        print(f"| {r['articles']:,} | {r['triples']:,} | {r['load_s']:.2f} | {r['resolve_s']:.2f} | "
              f"{r['to_ntriples_s']:.2f} | {r['replace_s']:.2f} | {write:.2f} | {r['raw_bulk_load_s']:.2f} | "
              f"{write / r['raw_bulk_load_s']:.2f}x | {rd} | {r['add_one_s']:.2f} | {r['peak_mb']:.0f} |")
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"\ngrowth exponent k (time ~ N^k) from {a['articles']:,} to {b['articles']:,} articles: "
              + ", ".join(f"{k} {exponent(a, b, k)}" for k in
                          ("load_s", "resolve_s", "to_ntriples_s", "replace_s", "write_s", "add_one_s")))
    last = results[-1]
    print(f"\nqueries at {last['triples']:,} triples (median of {args.repeat}):\n")
    print("| query | kg run_query (s) | raw pyoxigraph (s) | kg / raw |")
    print("|---|---:|---:|---:|")
    for name, q in last["queries"].items():
        print(f"| {name} | {q['kg_s']:.3f} | {q['raw_s']:.3f} | {q['kg_s'] / q['raw_s']:.2f}x |")
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
