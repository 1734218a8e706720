"""Query result terms as the plain Python values they stand for (``QueryResult.to_dicts``)."""
from __future__ import annotations

from typing import Any

__all__ = ["python_value"]

_XSD = "http://www.w3.org/2001/XMLSchema#"


def python_value(term: Any) -> Any:
    """A term as the Python value it stands for (a literal of an unknown type as its text)."""
    import datetime
    import decimal

    import pyoxigraph

    if term is None:
        return None
    if isinstance(term, pyoxigraph.Literal):
        dt = term.datatype.value.rsplit("#", 1)[-1] if term.datatype.value.startswith(_XSD) else ""
        try:
            if dt in ("integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
                      "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong"):
                return int(term.value)
            if dt in ("double", "float"):
                return float(term.value)
            if dt == "decimal":
                return decimal.Decimal(term.value)
            if dt == "boolean":
                return term.value in ("true", "1")
            if dt == "date":
                return datetime.date.fromisoformat(term.value)
            if dt == "dateTime":
                return datetime.datetime.fromisoformat(term.value.replace("Z", "+00:00"))
        except (ValueError, decimal.InvalidOperation):
            return term.value
        return term.value
    return str(term) if not isinstance(term, pyoxigraph.NamedNode) else term.value
