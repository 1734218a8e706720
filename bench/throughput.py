"""Extraction throughput: `kg build` against raw spaCy on the same texts, in one run.

A corpus of news-length articles is made from the seed and test articles
(`seeds/`, `tests/data/*/`): each article is one of them with its paragraphs
shuffled by a seeded `random.Random` (the first line, which may carry the date,
stays first), so every text is different and the corpus is the same in every run.

Measured, each against its baseline in the same run:

* raw `nlp.pipe` of the texts (same model, same batch size), 1 process  -> `kg build`
* raw `nlp.pipe(..., n_process=2)`                                      -> `kg build -j 2`
* `kg build -j 2` against `kg build` (the speed-up of the second process)
* adding one article to the built store against extracting that article alone

    .venv/bin/python bench/throughput.py --articles 200
    .venv/bin/python bench/throughput.py --articles 60 --profile build.prof   # cProfile of `kg build`

Prints a Markdown table (paste it into bench/README.md with the machine).
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def sources() -> list[Path]:
    files = sorted((ROOT / "seeds").glob("*.txt"))
    files += sorted(p for p in (ROOT / "tests" / "data").glob("*/*.txt"))
    return files


def make_corpus(folder: Path, n: int, seed: int) -> list[Path]:
    """``n`` .md files, each a seed or test article with its paragraphs shuffled."""
    from kg.read import read_paths

    bases = read_paths([str(p) for p in sources()]).articles
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for i in range(n):
        rng = random.Random(seed * 100_003 + i)
        base = bases[i % len(bases)]
        paragraphs = [p for p in base.text.split("\n\n") if p.strip()]
        head, rest = paragraphs[:1], paragraphs[1:]  # a dateline or date line stays first
        rng.shuffle(rest)
        front = f"---\ntitle: {json.dumps(base.title or f'article {i}')}\n"
        if base.published:
            front += f"published: '{base.published}'\n"
        path = folder / f"a{i:06d}.md"
        path.write_text(front + "---\n" + "\n\n".join(head + rest) + "\n", encoding="utf-8")
        out.append(path)
    return out


def timed(fn):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    value = fn()
    return time.perf_counter() - t, value


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--articles", type=int, default=200)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--model", default=None)
    ap.add_argument("--profile", default=None, help="also write a cProfile of a 1-process `kg build` to this file")
    ap.add_argument("--json", default=None, help="write the raw figures to this file")
    args = ap.parse_args()

    from kg import api
    from kg.extract import parse_text
    from kg.nlp import load_model, model_name
    from kg.read import read_paths

    name = model_name(args.model)
    tmp = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    try:
        files = make_corpus(tmp / "corpus", args.articles + 1, args.seed)
        corpus, extra = files[:-1], files[-1].rename(tmp / files[-1].name)
        articles = read_paths([str(p) for p in corpus]).articles
        texts = [parse_text(a.text) for a in articles]
        words = sum(len(t.split()) for t in texts)

        import spacy

        nlp = spacy.load(name)  # a fresh pipeline: the same components kg runs, without kg's
        list(nlp.pipe(texts[:4]))  # warm-up
        raw1, _ = timed(lambda: sum(len(d) for d in nlp.pipe(texts, batch_size=8)))
        rawj, _ = timed(lambda: sum(len(d) for d in nlp.pipe(texts, batch_size=8, n_process=args.jobs)))

        load_model(name)  # kg's own copy, loaded once as a long-running process would
        build1, r1 = timed(lambda: api.build([str(tmp / "corpus")], store=tmp / "s1", model=name, progress=False))
        buildj, rj = timed(lambda: api.build([str(tmp / "corpus")], store=tmp / "sj", model=name, progress=False,
                                             jobs=args.jobs))
        assert r1.extracted == rj.extracted == len(articles), (r1.summary(), rj.summary())

        from kg.extract import extract

        one = read_paths([str(extra)]).articles[0]
        alone, _ = timed(lambda: extract(one, load_model(name)))
        add1, radd = timed(lambda: api.build([str(extra)], store=tmp / "s1", model=name, progress=False))
        unchanged, _ = timed(lambda: api.build([str(tmp / "corpus")], store=tmp / "s1", model=name, progress=False))

        if args.profile:  # a separate, untimed build: the profiler slows Python code, not spaCy's
            import cProfile

            cProfile.runctx("api.build([str(tmp / 'corpus')], store=tmp / 'sp', model=name, progress=False)",
                            globals(), {"api": api, "tmp": tmp, "name": name}, args.profile)
        rows = [
            ("raw nlp.pipe, 1 process (baseline)", raw1, raw1),
            ("kg build, 1 process", build1, raw1),
            (f"raw nlp.pipe, n_process={args.jobs} (baseline)", rawj, rawj),
            (f"kg build -j {args.jobs}", buildj, rawj),
        ]
        print(f"\n{len(articles)} articles, {words:,} words, model {name}; {r1.triples:,} triples; "
              f"{os.cpu_count()} cores, Python {platform.python_version()}, {platform.machine()}\n")
        print("| step | seconds | baseline (s) | throughput vs baseline |")
        print("|---|---:|---:|---:|")
        for label, secs, base in rows:
            print(f"| {label} | {secs:.2f} | {base:.2f} | {base / secs:.2f}x |")
        print(f"| kg build -j {args.jobs} over kg build -j 1 | {buildj:.2f} | {build1:.2f} | {build1 / buildj:.2f}x |")
        print(f"| add 1 article to the store | {add1:.2f} | {alone:.3f} (extracting it alone) | "
              f"{add1 / alone:.0f}x slower |")
        print(f"| unchanged rebuild (every article cached) | {unchanged:.2f} | | |")
        if args.json:
            Path(args.json).write_text(json.dumps({
                "articles": len(articles), "words": words, "triples": r1.triples, "raw1": raw1, "rawj": rawj,
                "build1": build1, "buildj": buildj, "add1": add1, "alone": alone, "unchanged": unchanged,
            }, indent=2))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
