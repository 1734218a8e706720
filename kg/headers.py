"""The header ``kg why`` prints for each person: every name, and the current status
with the date it holds from ("Anna Kowalczyk (also Kowalczyk, Ána Kowalčyk): pardoned
since 2024-05")."""
from __future__ import annotations

import os
from pathlib import Path

__all__ = ["people_headers"]

_HEADER = """
SELECT ?person ?name ?alt ?status ?since WHERE {
  VALUES ?person { %s }
  ?person rdfs:label ?name .
  OPTIONAL { { ?person skos:altLabel ?alt } UNION { ?person skos:prefLabel ?alt } }
  OPTIONAL { ?person kg:currentStatus ?current . ?current kg:status/skos:notation ?status .
             OPTIONAL { ?current kg:date ?since } }
}
"""


def people_headers(store: str | os.PathLike[str], people: set[str]) -> dict[str, str]:
    """``{person IRI: header line}`` for the people given."""
    from kg.limits import run_bounded

    iris = sorted(p for p in people if ">" not in p and " " not in p)
    if not iris:
        return {}
    text = _HEADER % " ".join(f"<{i}>" for i in iris)
    from kg.remote import is_url

    if is_url(store):  # a SPARQL server holds the graph
        from kg import api

        result = api.query(text, store=str(store))
    else:
        result = run_bounded(Path(store), text, timeout=30)
    names: dict[str, str] = {}
    alts: dict[str, list[str]] = {}
    status: dict[str, str] = {}
    for row in result.rows:
        key = row["person"].value
        names[key] = row["name"].value
        if row.get("alt") is not None and row["alt"].value not in alts.setdefault(key, []):
            alts[key].append(row["alt"].value)
        if row.get("status") is not None:
            word = row["status"].value.replace("_", " ")
            since = row.get("since")
            status[key] = f"{word} since {since.value}" if since is not None else f"{word} (undated)"
    out = {}
    for key, name in names.items():
        others = [a for a in alts.get(key, []) if a != name]
        line = name + (f" (also {', '.join(sorted(others))})" if others else "")
        out[key] = f"{line}: {status.get(key, 'status unknown')}"
    return out
