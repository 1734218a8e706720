"""Tables for people: query results that fit the terminal, with events by a readable
label ("pardon · 2024-12-28 · 20") rather than by their minted id."""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from kg.namespace import DATA
from kg.query import _width as width_of

if TYPE_CHECKING:
    from kg.query import QueryResult

__all__ = ["cut", "event_labels", "fit", "fit_table"]

_EVENT = str(DATA) + "event/"
_LABELS = """
SELECT ?event (SAMPLE(?class) AS ?type) (SAMPLE(?d) AS ?date) (SAMPLE(?n) AS ?count) WHERE {
  VALUES ?event { %s }
  OPTIONAL { ?event a ?class . FILTER(?class != kg:Event && STRSTARTS(STR(?class), STR(kg:))) }
  OPTIONAL { ?event kg:date ?d }
  OPTIONAL { ?event kg:count ?n }
} GROUP BY ?event
"""


def event_labels(store: str | os.PathLike[str], iris: set[str]) -> dict[str, str]:
    """``{event IRI: "pardon · 2024-12-28 · 20"}`` for the event IRIs given."""
    from kg.limits import run_bounded

    events = sorted(i for i in iris if i.startswith(_EVENT) and ">" not in i and " " not in i)
    if not events:
        return {}
    result = run_bounded(Path(store), _LABELS % " ".join(f"<{i}>" for i in events), timeout=30)
    out = {}
    for row in result.rows:
        parts = [_words(row[k].value.rsplit("#", 1)[-1]) if k == "type" else row[k].value
                 for k in ("type", "date", "count") if row.get(k) is not None]
        if parts and row.get("count") is not None:
            parts[-1] = f"{int(parts[-1]):,}" if parts[-1].isdigit() else parts[-1]
        if parts:
            out[row["event"].value] = " · ".join(parts)
    return out


def _words(camel: str) -> str:
    """``DeathInCustody`` -> ``death in custody``."""
    import re

    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", camel).lower()


def fit_table(result: QueryResult, store: str | os.PathLike[str] | None = None, width: int | None = None) -> str:
    """``result`` as a table ``width`` columns wide at most (None: no limit), events by label."""
    import pyoxigraph

    from kg.store import default_store_path

    iris = {t.value for row in result.rows for t in row.values() if isinstance(t, pyoxigraph.NamedNode)}
    labels = event_labels(store if store is not None else default_store_path(), iris) if iris else {}
    return result.to_table(width=width, labels=labels)


def fit(widths: list[int], heads: list[int], total: int, floor: int = 8) -> list[int]:
    """Narrow the widest columns, one column at a time, until the line fits in ``total``."""
    widths = list(widths)
    while sum(widths) + 2 * (len(widths) - 1) > total:
        i = max(range(len(widths)), key=lambda k: widths[k])
        if widths[i] <= max(floor, min(heads[i], 12)):
            break  # as narrow as is readable: the terminal is too small for this table
        widths[i] -= 1
    return widths


def cut(text: str, width: int) -> str:
    if width_of(text) <= width:
        return text
    out, used = [], 0
    for ch in text:
        w = 0 if unicodedata.combining(ch) else (2 if unicodedata.east_asian_width(ch) in "WF" else 1)
        if used + w > width - 1:
            break
        out.append(ch)
        used += w
    return "".join(out) + "…"
