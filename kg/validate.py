"""Checking the graph against the SHACL shapes in ``ontology/shapes.ttl`` with pySHACL.

pySHACL runs with the ontology as its ontology graph (so a shape that targets
``kg:Event`` reaches a ``kg:Pardon``) and without inference.  Its results graph is
turned into one line per violation: the node, the property, the message.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import StoreError, UsageError

if TYPE_CHECKING:
    from kg.store import Store

__all__ = ["Violation", "ValidationReport", "validate", "shapes_path"]


@dataclass(frozen=True)
class Violation:
    """One SHACL result: the node, the property path, the message, the severity."""

    focus: str
    path: str
    message: str
    severity: str = "Violation"
    value: str = ""

    def line(self) -> str:
        from kg.query import shorten

        where = shorten(self.focus) + (f" {shorten(self.path)}" if self.path else "")
        value = f" (value: {shorten(self.value)})" if self.value else ""
        return f"{self.severity.lower()}: {where}: {self.message}{value}"


@dataclass
class ValidationReport:
    """Whether the graph conforms; its violations; pySHACL's own text report."""

    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    text: str = ""
    shapes: Path | None = None
    triples: int = 0

    @property
    def exit_code(self) -> int:
        """0 when the graph conforms, 1 when it does not (as pySHACL's command line)."""
        return 0 if self.conforms else 1

    def summary(self) -> str:
        """A readable report: one line per violation, then a verdict."""
        lines = [v.line() for v in sorted(self.violations, key=lambda v: (v.focus, v.path, v.message))]
        shapes = f" against {self.shapes}" if self.shapes else ""
        if self.conforms:
            lines.append(f"conforms: {self.triples:,} triples checked{shapes}")
        else:
            n = len(self.violations)
            lines.append(f"does not conform: {n} violation{'' if n == 1 else 's'} in {self.triples:,} triples{shapes}")
        return "\n".join(lines) + "\n"


def shapes_path() -> Path:
    """``ontology/shapes.ttl`` at the repository root."""
    path = Path(__file__).resolve().parent.parent / "ontology" / "shapes.ttl"
    if not path.is_file():
        raise StoreError(f"the shapes file is missing ({path})", fix="run kg from a checkout of the repository, or pass --shapes")
    return path


def validate(store: Store, shapes: Path | None = None) -> ValidationReport:
    """Validate the graph in ``store`` against ``shapes`` (default ``ontology/shapes.ttl``)."""
    import pyshacl
    import rdflib
    from rdflib.namespace import RDF, SH

    from kg.export import ontology_path

    shapes = shapes or shapes_path()
    if not shapes.is_file():
        raise UsageError(f"no shapes file at {shapes}", fix="pass --shapes with a SHACL Turtle file")
    try:
        shapes_graph = rdflib.Graph().parse(shapes, format="turtle")
    except Exception as exc:  # rdflib raises several parser-specific types
        raise UsageError(f"{shapes} is not valid Turtle ({' '.join(str(exc).split())[:200]})", fix="fix the shapes file") from None
    data = rdflib.Graph().parse(data=store.dump("nt"), format="nt")
    ontology = rdflib.Graph().parse(ontology_path(), format="turtle")
    conforms, results, text = pyshacl.validate(data, shacl_graph=shapes_graph, ont_graph=ontology, inference="none")
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        def get(p: rdflib.URIRef) -> str:
            v = results.value(result, p)
            return "" if v is None or isinstance(v, rdflib.BNode) else str(v)

        severity = get(SH.resultSeverity).rsplit("#", 1)[-1] or "Violation"
        violations.append(Violation(get(SH.focusNode), get(SH.resultPath), get(SH.resultMessage), severity,
                                    get(SH.value)))
    return ValidationReport(bool(conforms), violations, str(text), shapes, len(data))
