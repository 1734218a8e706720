"""What a store holds: ``kg stats``.

Counts come from the graph (one bounded query), the model and extractor version from
the manifest, the size from the disk.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["StoreStats", "stats"]

_COUNTS = """
SELECT ?what ?kind (COUNT(DISTINCT ?x) AS ?n) WHERE {
  {
    ?x a ?class . FILTER(?class IN (kg:Article, kg:Person, kg:Organisation, kg:Place, kg:Event, kg:CountReport))
    BIND("things" AS ?what) BIND(STR(?class) AS ?kind)
  } UNION {
    ?x a kg:Event , ?class . FILTER(?class != kg:Event && STRSTARTS(STR(?class), STR(kg:)))
    BIND("events" AS ?what) BIND(STR(?class) AS ?kind)
  } UNION {
    ?p a kg:Person ; kg:currentStatus/kg:status ?status . BIND(?p AS ?x)
    BIND("status" AS ?what) BIND(STR(?status) AS ?kind)
  }
} GROUP BY ?what ?kind
"""


@dataclass
class StoreStats:
    store: Path
    articles: int = 0
    people: int = 0
    organisations: int = 0
    places: int = 0
    events: int = 0
    count_reports: int = 0
    events_by_type: dict[str, int] = field(default_factory=dict)
    people_by_status: dict[str, int] = field(default_factory=dict)
    triples: int = 0
    bytes: int | None = 0  # None: the graph is on a SPARQL server
    model: str | None = None
    extractor_version: str | None = None
    version: str | None = None
    built: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["store"] = str(self.store)
        return out

    def to_text(self) -> str:
        def row(label: str, value: object) -> str:
            return f"{label:<22}{value}".rstrip()

        lines = [
            row("store", f"{self.store} (graph version {self.version}, built {self.built})" if self.bytes is not None
                else f"{self.store} (a SPARQL server)"),
            row("articles", f"{self.articles:,}"),
            row("people", f"{self.people:,}"),
            row("organisations", f"{self.organisations:,}"),
            row("places", f"{self.places:,}"),
            row("events", f"{self.events:,}"),
        ]
        for kind, n in sorted(self.events_by_type.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(row(f"  {kind}", f"{n:,}"))
        lines.append(row("count reports", f"{self.count_reports:,}"))
        if self.people_by_status:
            lines.append(row("people by status now", ""))
            for status, n in sorted(self.people_by_status.items(), key=lambda kv: (-kv[1], kv[0])):
                lines.append(row(f"  {status}", f"{n:,}"))
        lines += [
            row("triples", f"{self.triples:,}"),
            row("size on disk", _size(self.bytes) if self.bytes is not None else "n/a (a SPARQL server holds the graph)"),
            row("model", self.model or "unknown"),
            row("extractor version", self.extractor_version or "unknown"),
        ]
        return "\n".join(lines) + "\n"


def _size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:,} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return str(n)


def _words(camel: str) -> str:
    import re

    return re.sub(r"(?<=[a-z])(?=[A-Z])", " ", camel).lower()


def _disk_usage(path: Path) -> int:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.lstat(os.path.join(root, name)).st_size
            except OSError:
                pass
    return total


def stats(store_path: Path) -> StoreStats:
    """The counts of the store at ``store_path`` (which must hold a graph)."""
    from kg.limits import run_bounded
    from kg.store import Store

    with Store(store_path) as st:
        info = st.graph_info
        manifest = st.manifest
        version = st.version
    out = StoreStats(store=store_path, triples=int(info.get("triples") or 0), built=info.get("built"), version=version,
                     model=manifest.get("model"), extractor_version=manifest.get("extractor_version"),
                     bytes=_disk_usage(store_path))
    result = run_bounded(store_path, _COUNTS, timeout=120)
    return _counted(out, result)


def stats_remote(url: str) -> StoreStats:
    """The counts of the graph a SPARQL server holds for kg (``--store http://HOST:PORT``)."""
    from kg import api

    total = api.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", store=url)
    out = StoreStats(store=url, triples=int(total.rows[0]["n"].value) if total.rows else 0, bytes=None)  # type: ignore[arg-type]
    return _counted(out, api.query(_COUNTS, store=url))


def _counted(out: StoreStats, result: Any) -> StoreStats:
    things = {"Article": "articles", "Person": "people", "Organisation": "organisations", "Place": "places",
              "Event": "events", "CountReport": "count_reports"}
    for row in result.rows:
        what, kind, n = row["what"].value, row["kind"].value.rsplit("#", 1)[-1], int(row["n"].value)
        if what == "things":
            setattr(out, things[kind], n)
        elif what == "events":
            out.events_by_type[_words(kind)] = n
        else:
            out.people_by_status[_words(kind)] = n
    return out
