"""Which of the inputs read a build takes: ``--exclude`` globs, and the annotation files
(kg eval's gold and entity tables) that live in article folders."""
from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

__all__ = ["ANNOTATION_FILES", "leave_out", "skipped_note"]

#: Annotation files that live beside articles (kg eval's gold and entity tables).
ANNOTATION_FILES = ("gold*.jsonl", "*.gold.jsonl", "entities.json")


def skipped_note(skipped: list[str]) -> str:
    if not skipped:
        return ""
    shown = ", ".join(skipped[:3]) + (f" and {len(skipped) - 3} more" if len(skipped) > 3 else "")
    return f"\nnote: skipped {len(skipped)} annotation file{'' if len(skipped) == 1 else 's'} in the folders given ({shown}); " \
           "name a file to build it anyway"


def leave_out(result: Any, paths: Sequence[str], exclude: Sequence[str]) -> list[str]:
    """Drop from ``result`` what ``exclude`` matches and the annotation files inside folders.

    Returns the annotation files left out (excluded files are left out silently: asked for).
    """
    import fnmatch

    named = {os.path.normpath(p) for p in paths}

    def source_file(source: str) -> str:
        for sep in ("#", ":"):
            head = source.rsplit(sep, 1)[0]
            if head != source and os.path.isfile(head):
                return head
        return source

    def excluded(file: str) -> bool:
        name = os.path.basename(file)
        return any(fnmatch.fnmatch(file, g) or fnmatch.fnmatch(name, g) or fnmatch.fnmatch(os.path.normpath(file), g)
                   for g in exclude)

    def annotation(file: str) -> bool:
        return os.path.normpath(file) not in named and any(fnmatch.fnmatch(os.path.basename(file), g) for g in ANNOTATION_FILES)

    skipped: set[str] = set()

    def keep(source: str) -> bool:
        file = source_file(source)
        if excluded(file):
            return False
        if annotation(file):
            skipped.add(file)
            return False
        return True

    result.articles = [a for a in result.articles if keep(a.source)]
    result.errors = [e for e in result.errors if e.path is None or keep(str(e.path))]
    return sorted(skipped)
