"""Writing an output file the user named (-o FILE): parents made, one clear error."""
from __future__ import annotations

import os
from pathlib import Path

from kg.errors import UsageError

__all__ = ["write_output"]


def write_output(output: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` (text as UTF-8) to ``output``, making its folder; an OS error is a
    :class:`UsageError` that names the file."""
    path = Path(output)
    try:
        if path.parent != Path(""):
            path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, encoding="utf-8")
        else:
            path.write_bytes(data)
    except OSError as exc:
        raise UsageError(f"cannot write {path} ({exc.strerror or exc})", fix="choose another -o FILE") from None
    return path
