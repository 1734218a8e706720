"""Removing articles from a store's manifest (``kg forget``); the caller then resolves
the graph again over the articles that remain."""
from __future__ import annotations

import difflib
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from kg.errors import UsageError

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["forget"]


def forget(st: Store, articles: Sequence[str]) -> list[str]:
    """Drop ``articles`` (ids, source paths or file names) from the manifest of ``st``; returns their ids.

    Raises :class:`UsageError` (with close names) for one that is not in the store; then
    nothing is dropped.
    """
    if not articles:
        raise UsageError("no articles to forget", fix="name them by id, source path or file name (`kg stats` counts them)")
    entries = st.articles()
    gone: list[str] = []
    for wanted in articles:
        matches = [aid for aid, e in entries.items()
                   if wanted in (aid, e.get("source"), os.path.basename(str(e.get("source") or "")))
                   or os.path.normpath(wanted) == os.path.normpath(str(e.get("source") or ""))]
        if not matches:
            names = sorted({*entries, *(os.path.basename(str(e.get("source") or "")) for e in entries.values())})
            close = difflib.get_close_matches(wanted, names, n=3, cutoff=0.6)
            raise UsageError(f"no article {wanted!r} in the store {st.path}",
                             fix=("did you mean " + ", ".join(close) + "?") if close
                             else "name it by id, source path or file name as `kg build` read it")
        gone.extend(m for m in matches if m not in gone)
    for aid in gone:
        del st.manifest["articles"][aid]
    st.write_manifest()
    return gone
