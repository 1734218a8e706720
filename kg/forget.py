"""Taking articles out of a store: ``kg forget ARTICLE...``.

An article is named by its id (the file stem, or the JSONL ``id``), by the file it was
read from, or by that file's name.  Its manifest entry goes, and the graph is brought to
the articles that stay (an increment, :mod:`kg.incremental`, when few articles go), so the
graph is exactly the one a build of those articles alone gives: people and events it alone mentioned disappear, merged people and events lose
its names and reports, and ``kg:currentStatus`` falls back to what the others say.
Its cached extraction stays on disk, so building the file again costs no extraction.
"""
from __future__ import annotations

import difflib
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import UsageError
from kg.store import Store

__all__ = ["ForgetReport", "forget_articles", "match_articles"]


@dataclass
class ForgetReport:
    """What one ``forget`` did."""

    store: Path
    forgotten: list[str] = field(default_factory=list)  # article ids taken out
    articles: int = 0  # articles left in the store
    triples: int = 0

    def summary(self) -> str:
        n = len(self.forgotten)
        return (f"forgot {_n(n, 'article')} ({', '.join(self.forgotten[:5])}{' and more' if n > 5 else ''}); "
                f"{self.store} now has {_n(self.articles, 'article')}, {_n(self.triples, 'triple')}")


def _n(k: int, word: str) -> str:
    return f"{k:,} {word}{'' if k == 1 else 's'}"


def match_articles(st: Store, names: Iterable[str]) -> list[str]:
    """The article ids that ``names`` (ids or source paths) stand for, in manifest order.

    A name that matches no article is a :class:`UsageError` naming it.
    """
    entries = st.articles()
    by_source: dict[str, list[str]] = {}
    for aid, entry in entries.items():
        source = str(entry.get("source") or "")
        file = source.split("#", 1)[0]
        for key in {source, file, os.path.abspath(file), os.path.basename(file)}:
            by_source.setdefault(key, []).append(aid)
    found: dict[str, None] = {}
    for name in names:
        if name in entries:
            found[name] = None
            continue
        ids = by_source.get(name) or by_source.get(os.path.abspath(name))
        if not ids:
            close = difflib.get_close_matches(name, sorted({*entries, *by_source}), n=3, cutoff=0.6)
            raise UsageError(f"no article {name!r} in the store {st.path}",
                             fix=("did you mean " + ", ".join(close) + "?") if close else
                             "name an article id or the file it was built from (`kg query "
                             "'SELECT ?a ?f WHERE { ?a kg:sourceFile ?f }'` lists them)")
        found.update(dict.fromkeys(ids))
    return [aid for aid in entries if aid in found]


def forget_articles(st: Store, names: Iterable[str]) -> ForgetReport:
    """Take the articles ``names`` stand for out of the writable store ``st`` and rebuild its graph."""
    from kg.api import BuildReport, _rebuild_graph

    ids = match_articles(st, names)
    if not ids:
        raise UsageError("no articles to forget", fix="name one or more article ids or files")
    manifest = st.manifest
    for aid in ids:
        del manifest["articles"][aid]
    st.write_manifest()
    report = ForgetReport(store=st.path, forgotten=ids)
    if not manifest["articles"]:
        report.triples = st.replace_ntriples(b"")
        return report
    built = BuildReport(store=st.path, model=str(manifest.get("model") or ""))
    _rebuild_graph(st, built)
    report.articles, report.triples = built.articles, built.triples
    return report
