"""Everything after extraction, at growing sizes: the full graph write, adding one article,
forgetting one, and the flagship queries, each beside a baseline from the same run.

The articles are `graph_scale.py`'s synthetic extraction records (about 225 triples an
article; 4,500 articles give about a million triples), written into a real store's
extraction cache, so every step is the code `kg build` runs, the full resolver
included.  Each size runs in its own process (so its peak memory is its own).  For each
size N:

* write: `kg.rdf.to_ntriples` + `Store.replace_ntriples` against Oxigraph's own bulk
  load of the same N-Triples into a new on-disk store (baseline); optionally the rdflib
  path it replaced (`to_graph` + `replace_graph`, `--rdflib-up-to`);
* a full build as `kg build` runs it (`kg.incremental.build_full`: resolution, the graph
  and its index, `graph-index.sqlite`);
* adding one article: caching one more extraction and `kg.api._rebuild_graph` (the work
  of `kg build NEW.txt` beyond extracting it: an increment), for three different
  articles, beside the baseline of extracting one news article alone with the model
  (`--model`, measured once in the parent process); forgetting one article (`kg forget`);
* queries: each flagship `.rq` through `kg.query.run_query` against the same text run
  straight on pyoxigraph (`list(store.query(...))`), medians of `--repeat`;
* peak memory (ru_maxrss of the size's process) after each step; the growth exponent of
  each step between the smallest and the largest size (time ~ N^k).

    .venv/bin/python bench/store_scale.py --articles 1000,4500,10000
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
    from kg.api import BuildReport, _articles_digest, _rebuild_graph
    from kg.forget import forget_articles
    from kg.incremental import build_full
    from kg.query import PREFIXES, read_query, run_query
    from kg.rdf import to_graph, to_ntriples
    from kg.resolve import resolve
    from kg.store import Store

    corpus = build_corpus(n + 3, seed=args.seed)
    extras = corpus.extractions[n:]  # the articles added later, one at a time
    del corpus.extractions[n:]
    out: dict[str, Any] = {"articles": n}
    path = tmp / f"store-{n}"
    with Store(path, create=True) as st:
        for x in corpus.extractions:
            st.save_extraction(x, x.model or "synthetic", x.extractor_version, save_manifest=False)
        st.write_manifest()
        del corpus

        out["load_s"], extractions = timed(st.all_extractions)
        out["peak_load_mb"] = peak_mb()
        out["resolve_s"], resolution = timed(lambda: resolve(extractions))
        out["peak_resolve_mb"] = peak_mb()
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
        del data, resolution

        # a full build as `kg build` runs it: resolution, the graph, and the index increments need
        out["full_build_s"], _ = timed(lambda: build_full(st, extractions, _articles_digest(st.manifest)))
        out["index_mb"] = (path / "graph-index.sqlite").stat().st_size / 1e6
        out["peak_full_build_mb"] = peak_mb()
        del extractions

        # adding one article: its extraction is cached, then the graph is brought up to date
        def add_one(x: Any) -> int:
            st.save_extraction(x, x.model or "synthetic", x.extractor_version)
            report = BuildReport(store=st.path, model="synthetic")
            _rebuild_graph(st, report)
            return report.triples

        adds = [timed(lambda x=x: add_one(x)) for x in extras]
        out["add_one_each_s"] = [t for t, _ in adds]
        out["add_one_s"] = statistics.median(out["add_one_each_s"])
        out["triples_after_adds"] = adds[-1][1]
        out["forget_one_s"], _ = timed(lambda: forget_articles(st, [extras[1].article.id]))
        out["graph_ok"] = len(st) == st.graph_info.get("triples")
        out["peak_after_add_mb"] = peak_mb()

        # flagship queries, kg's path against pyoxigraph's own
        out["queries"] = {}
        for name in QUERIES:
            text, _ = read_query(ROOT / "queries" / name)
            ox = st.oxigraph
            raw = median(lambda: [tuple(s) for s in ox.query(text, prefixes=PREFIXES)], args.repeat)
            ours = median(lambda: run_query(st, ROOT / "queries" / name), args.repeat)
            out["queries"][name] = {"kg_s": ours, "raw_s": raw}
    out["peak_mb"] = peak_mb()
    shutil.rmtree(path, ignore_errors=True)
    return out


def extraction_baseline(model: str | None, repeat: int) -> dict[str, Any]:
    """Extracting one news article alone (the model loaded first, not timed): the
    longest development article, median of ``repeat``."""
    from kg.extract import extract, prepare
    from kg.nlp import load_model, model_name
    from kg.read import read_paths

    files = sorted((ROOT / "tests" / "data" / "corpus").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
    article = max(read_paths([str(f) for f in files]).articles, key=lambda a: len(a.text))
    nlp = prepare(load_model(model))
    extract(article, nlp)  # warm
    seconds = median(lambda: extract(article, nlp), repeat)
    return {"extract_one_s": seconds, "words": len(article.text.split()), "model": model_name(model)}


def exponent(a: dict[str, Any], b: dict[str, Any], key: str) -> str:
    if not a.get(key) or not b.get(key) or a[key] <= 0:
        return ""
    return f"{math.log(b[key] / a[key]) / math.log(b['articles'] / a['articles']):.2f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", default="1000,4500,10000", help="comma-separated sizes")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--rdflib-up-to", type=int, default=0, help="time the old rdflib path up to this size")
    ap.add_argument("--model", default=None, help="spaCy model of the extraction baseline (default: kg's)")
    ap.add_argument("--no-extraction-baseline", action="store_true", help="skip the model (no baseline for adding)")
    ap.add_argument("--json", default=None)
    ap.add_argument("--one", type=int, default=None, help=argparse.SUPPRESS)  # one size, in a child process
    args = ap.parse_args()

    if args.one is not None:
        tmp = Path(tempfile.mkdtemp(prefix="kg-store-scale-"))
        try:
            print(json.dumps(one_size(args.one, args, tmp)))
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return

    import subprocess

    from graph_scale import machine

    sizes = [int(s) for s in args.articles.split(",") if s]
    base = None if args.no_extraction_baseline else extraction_baseline(args.model, max(args.repeat, 3))
    results = []
    for n in sizes:
        cmd = [sys.executable, __file__, "--one", str(n), "--seed", str(args.seed), "--repeat", str(args.repeat),
               "--rdflib-up-to", str(args.rdflib_up_to)]
        started = time.perf_counter()
        done = subprocess.run(cmd, check=True, capture_output=True, text=True)
        r = json.loads(done.stdout.strip().splitlines()[-1])
        results.append(r)
        print(f"# {n} articles done in {time.perf_counter() - started:.0f} s: {r['triples']:,} triples",
              file=sys.stderr, flush=True)

    print(f"\n{machine()}; seed {args.seed}\n")
    print("| articles | triples | load cache (s) | resolve (s) | to_ntriples (s) | replace (s) | write total (s) "
          "| raw bulk load (s) | write / raw | full build (s) | index MB | peak MB |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        write = r["to_ntriples_s"] + r["replace_s"]
        r["write_s"] = write
        print(f"| {r['articles']:,} | {r['triples']:,} | {r['load_s']:.2f} | {r['resolve_s']:.2f} | "
              f"{r['to_ntriples_s']:.2f} | {r['replace_s']:.2f} | {write:.2f} | {r['raw_bulk_load_s']:.2f} | "
              f"{write / r['raw_bulk_load_s']:.2f}x | {r['full_build_s']:.2f} | {r['index_mb']:.0f} | "
              f"{r['peak_mb']:.0f} |")
    if any("rdflib_path_s" in r for r in results):
        print("\nrdflib path (to_graph + replace_graph): " + ", ".join(
            f"{r['articles']:,}: {r['rdflib_path_s']:.2f} s" for r in results if "rdflib_path_s" in r))
    extract_s = base["extract_one_s"] if base else None
    print("\n| articles | add 1 article (s, median of 3) | each (s) | baseline: extracting one article alone (s) "
          "| add / extract | full build it replaces (s) | forget 1 article (s) | graph count ok |")
    print("|---:|---:|---|---:|---:|---:|---:|---|")
    for r in results:
        ratio = f"{r['add_one_s'] / extract_s:.1f}x" if extract_s else ""
        print(f"| {r['articles']:,} | {r['add_one_s']:.2f} | {' / '.join(f'{t:.2f}' for t in r['add_one_each_s'])} | "
              f"{extract_s or 0:.3f} | {ratio} | {r['full_build_s']:.2f} | {r['forget_one_s']:.2f} | {r['graph_ok']} |")
    if base:
        print(f"\nbaseline article: {base['words']} words, model {base['model']}")
    print("\n| articles | peak MB after load | after resolve | after write | after full build | after adds |")
    print("|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['articles']:,} | {r['peak_load_mb']:.0f} | {r['peak_resolve_mb']:.0f} | "
              f"{r['peak_after_write_mb']:.0f} | {r['peak_full_build_mb']:.0f} | {r['peak_after_add_mb']:.0f} |")
    if len(results) > 1:
        a, b = results[0], results[-1]
        print(f"\ngrowth exponent k (time ~ N^k) from {a['articles']:,} to {b['articles']:,} articles: "
              + ", ".join(f"{k} {exponent(a, b, k)}" for k in
                          ("load_s", "resolve_s", "to_ntriples_s", "replace_s", "write_s", "full_build_s",
                           "add_one_s", "forget_one_s", "peak_mb")))
    last = results[-1]
    print(f"\nqueries at {last['triples']:,} triples (median of {args.repeat}):\n")
    print("| query | kg run_query (s) | raw pyoxigraph (s) | kg / raw |")
    print("|---|---:|---:|---:|")
    for name, q in last["queries"].items():
        print(f"| {name} | {q['kg_s']:.3f} | {q['raw_s']:.3f} | {q['kg_s'] / q['raw_s']:.2f}x |")
    if args.json:
        Path(args.json).write_text(json.dumps({"baseline": base, "sizes": results}, indent=2))


if __name__ == "__main__":
    main()
