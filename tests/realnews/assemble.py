#!/usr/bin/env python3
"""Join the real-news metadata and the (git-ignored) texts into one JSONL input for kg.

Usage: python3 tests/realnews/assemble.py [--batch B ...] [-o OUT]

Writes one ``kg build`` record per page (``id``, ``text``, ``title``, ``published``,
``outlet``, ``url``): what a user who saved the pages would feed kg.  Default output:
``tests/realnews/texts/realnews.jsonl`` (beside the texts, so it stays out of git).
Standard library only.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TEXTS = HERE / "texts"


def articles(batches: list[str] | None = None) -> list[dict]:
    """The records of ``articles.jsonl`` (only the given batches, when named)."""
    rows = [json.loads(line) for line in (HERE / "articles.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    return [r for r in rows if not batches or r["batch"] in batches]


def assemble(out: Path, batches: list[str] | None = None) -> int:
    """Write the JSONL input; returns the number of records.  Raises ``FileNotFoundError``
    naming the first missing text and ``ValueError`` when a text's hash differs."""
    records = []
    for a in articles(batches):
        data = (TEXTS / f"{a['id']}.txt").read_bytes()
        if hashlib.sha256(data).hexdigest() != a["sha256"]:
            raise ValueError(f"{a['id']}.txt is not the annotated text (sha256 differs)")
        records.append({"id": a["id"], "text": data.decode("utf-8"), "title": a.get("title"),
                        "published": a.get("published"), "outlet": a.get("outlet"), "url": a.get("url")})
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return len(records)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--batch", action="append", help="only this batch (repeatable)")
    ap.add_argument("-o", "--output", type=Path, default=TEXTS / "realnews.jsonl")
    args = ap.parse_args(argv)
    try:
        n = assemble(args.output, args.batch)
    except (FileNotFoundError, ValueError) as exc:
        print(f"assemble: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {n} articles to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
