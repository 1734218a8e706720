"""kg: a knowledge-graph builder for news about political prisoners.

Articles in; people, organisations, places, events, roles, statuses over time and
reported counts out, as RDF with provenance.  The library API::

    import kg
    report = kg.build(["seeds/"])                       # read, extract, resolve, store
    rows = kg.query("queries/remain_jailed.rq").rows    # SPARQL
    turtle = kg.export(format="turtle")                 # bytes
    kg.visualise(output="graph.html", focus="Kowalczyk")

The names are loaded lazily (PEP 562) so that ``import kg`` and ``kg --help`` stay
instant: spaCy, rdflib and pyvis are imported only when a function needs them.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

# Kept equal to pyproject.toml's version (tests/test_cli.py checks); reading it
# through importlib.metadata would cost startup time and fail in a plain checkout.
__version__ = "0.1.0"

__all__ = ["__version__", "build", "query", "export", "visualise", "why"]

if TYPE_CHECKING:
    from kg.api import build, export, query, visualise, why

_API = {"build", "query", "export", "visualise", "why"}
# kg.query and kg.export are also submodules; those modules are callable and delegate
# to kg.api, so the name means the same thing before and after the submodule loads.
_CALLABLE_MODULES = {"query", "export"}


def __getattr__(name: str) -> Any:
    if name in _CALLABLE_MODULES:
        import importlib

        return importlib.import_module(f"kg.{name}")
    if name in _API:
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _API)
