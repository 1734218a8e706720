"""Bounds on a query: a timeout, Ctrl-C that stops it at once, a row limit.

Oxigraph evaluates a query inside one call that neither a timer nor Ctrl-C can reach:
a cross product would run for ever, and ``SELECT *`` over it would fill the memory.
:func:`run_bounded` therefore runs the query in a child process and waits for the
result; on timeout or Ctrl-C it kills the child, which stops the query at once and
gives its memory back.  The child opens the store read-only, so it never holds up
a build.

Where the platform has ``fork`` (Linux), the child is forked: about 15 ms per query,
with kg and pyoxigraph already imported.  Elsewhere it is spawned (a fresh
interpreter, a few hundred ms).  On Linux the child also dies with its parent, so a
killed ``kg query`` leaves no query running behind it.
"""
from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import KgError, QueryError

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from kg.query import QueryResult

__all__ = ["DEFAULT_TIMEOUT", "DEFAULT_TABLE_ROWS", "run_bounded"]

#: Seconds a query may run before it is stopped (``kg query --timeout``).
DEFAULT_TIMEOUT = 60.0
#: Rows a table shows unless told otherwise (``kg query --limit``).
DEFAULT_TABLE_ROWS = 1000


def run_bounded(
    store: str | os.PathLike[str],
    text_or_path: str | os.PathLike[str],
    *,
    bindings: dict[str, Any] | None = None,
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = None,
    allow_service: bool = False,
) -> QueryResult:
    """Run a query on the store directory ``store`` in a child process.

    ``timeout`` in seconds (``None`` or 0: no limit) raises :class:`QueryError` when
    it runs out; Ctrl-C raises ``KeyboardInterrupt`` straight away.  In both cases
    the query is stopped.  ``max_rows`` and ``allow_service`` are as for
    :func:`kg.query.run_query`.
    """
    import multiprocessing

    import pyoxigraph  # noqa: F401 - imported once here, so each forked child need not
    from kg.query import check_query, read_query

    text, path = read_query(text_or_path)
    check_query(text, path, allow_service=allow_service)  # refused without starting anything
    method = "fork" if sys.platform.startswith("linux") else "spawn"
    ctx = multiprocessing.get_context(method)
    receiver, sender = ctx.Pipe(duplex=False)
    child = ctx.Process(
        target=_child,
        args=(sender, os.fspath(store), text, path, bindings, max_rows, allow_service, os.getpid()),
        name="kg-query",
        daemon=True,
    )
    child.start()
    sender.close()  # the child holds the only writing end: its exit ends the pipe
    deadline = time.monotonic() + timeout if timeout else None
    try:
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                raise QueryError(
                    f"the query did not finish within {_seconds(timeout or 0)}; it was stopped",
                    path=path,
                    fix="narrow it (more specific patterns, a LIMIT), or allow more time with --timeout SECONDS (0: no limit)",
                )
            if receiver.poll(remaining):
                try:
                    status, payload = receiver.recv()
                except EOFError:
                    child.join(5)
                    raise _died(child.exitcode, path) from None
                if status == "ok":
                    return payload  # type: ignore[no-any-return]
                raise payload
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()


def _seconds(value: float) -> str:
    return f"{value:g} second{'' if value == 1 else 's'}"


def _died(exitcode: int | None, path: str | None) -> QueryError:
    if exitcode is not None and exitcode < 0:
        name = signal.Signals(-exitcode).name if -exitcode in signal.valid_signals() else str(-exitcode)
        cause = f"killed by {name}" + ("; out of memory?" if -exitcode == signal.SIGKILL else "")
    else:
        cause = f"exit code {exitcode}"
    return QueryError(f"the query stopped unexpectedly ({cause})", path=path,
                      fix="narrow it (more specific patterns, a LIMIT), or use --limit")


def _child(sender: Connection, store: str, text: str, path: str | None, bindings: dict[str, Any] | None,
           max_rows: int | None, allow_service: bool, parent: int) -> None:
    # Ctrl-C reaches the whole process group; the parent decides what it means.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent(parent)
    from kg.query import run_text
    from kg.store import Store

    try:
        with Store(Path(store)) as st:
            result = run_text(st, text, path, bindings=bindings, max_rows=max_rows, allow_service=allow_service)
        message: tuple[str, Any] = ("ok", result)
    except KgError as exc:
        message = ("error", exc)
    except Exception as exc:  # noqa: BLE001 - reported to the parent, never a traceback
        message = ("error", QueryError(f"the query failed ({type(exc).__name__}: {' '.join(str(exc).split())})", path=path))
    sender.send(message)
    sender.close()


def _die_with_parent(parent: int) -> None:
    """Linux: be killed when the parent dies, so a killed ``kg query`` leaves no query behind."""
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
