"""A corpus of bad inputs, made here: each gets one line naming it, the rest is built, exit 1.

The inputs: empty, whitespace, binary, invalid UTF-8, UTF-16 with and without a
byte-order mark, 20 MB of text, malformed and hostile YAML front matter (an alias
bomb, a Python tag, deep nesting), broken JSONL lines (an unpaired surrogate among
them), a symbolic link loop, an unreadable file, a file name that is not UTF-8, an
HTML page saved as .txt, a page of only menus and links.  They
are built all together (a folder) and each on its own next to a good article, as a
user runs ``kg build``: as an unprivileged user when the suite runs as root, so
that an unreadable file is unreadable.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import ROOT, run_kg
from fixtures_store import as_nobody

pytestmark = pytest.mark.reliability

GOOD = sorted((ROOT / "seeds").glob("*.txt"))[:2]
SENTENCE = "Anna Kowalczyk was pardoned by the president in May 2024 after two years in prison. "
MENUS = "\n".join([
    "Home | World | Politics | Business | Sport | Culture",
    "Sign in   Register   Subscribe   Newsletters",
    "[Latest](https://example.org/latest)  [Most read](https://example.org/popular)",
    "https://example.org/world/2024/05/01/the-story-of-the-day.html",
    "Related Stories From Around The World Today",
    "Share on Facebook  Share on X  Email",
    "© 2024 Example Media. All rights reserved.",
]) + "\n"


def _bomb() -> str:
    lines = ["---", 'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    return "\n".join([*lines, "title: *a9", "---", SENTENCE]) + "\n"


#: file name -> content, and what its one line must say.
BAD: dict[str, tuple[bytes, str]] = {
    "empty.txt": (b"", "empty file"),
    "blank.txt": (b"  \n\t\n\n   \n", "no article text (only whitespace)"),
    "binary.txt": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary file"),
    "latin1.txt": (("Caf\u00e9 " + SENTENCE).encode("latin-1"), "not UTF-8"),
    "utf16-bom.txt": (SENTENCE.encode("utf-16"), "file is UTF-16, not UTF-8"),
    "utf16le.txt": (SENTENCE.encode("utf-16-le"), "file is UTF-16 (little-endian, without a byte-order mark)"),
    "utf16be.txt": (SENTENCE.encode("utf-16-be"), "file is UTF-16 (big-endian, without a byte-order mark)"),
    "huge.txt": ((SENTENCE * (20_000_000 // len(SENTENCE))).encode(), "file is 20.0 MB, too long for one article"),
    "bad-yaml.md": (b"---\ntitle: Pardons: the list\npublished: [2024\n---\n" + SENTENCE.encode(), "front matter is not valid YAML"),
    "bomb.md": (_bomb().encode(), "`title` is a list, not text"),
    "python-tag.md": (b"---\ntitle: !!python/object/apply:os.system ['echo owned']\n---\n" + SENTENCE.encode(),
                      "front matter is not valid YAML (could not determine a constructor"),
    "deep.md": (("---\ntitle: " + "[" * 5000 + "]" * 5000 + "\n---\n" + SENTENCE).encode(),
                "front matter is nested too deeply to read"),
    "page.txt": (b"<!DOCTYPE html>\n<html><head><title>Pardons</title><script src='https://example.org/a.js'></script>"
                 b"</head><body><p>" + SENTENCE.encode() + b"</p></body></html>\n", "an HTML page, not article text"),
    "menus.txt": (MENUS.encode(), "no running text"),
}
#: A JSON-lines file: one good article and a bad line of each kind.
JSONL_LINES = [
    json.dumps({"id": "jsonl-good", "text": SENTENCE}),
    "{not json",
    "[1, 2, 3]",
    json.dumps({"id": "no-text", "title": "A title"}),
    json.dumps({"id": "number", "text": 5}),
    json.dumps({"id": "blank", "text": "   "}),
    '{"id": "surrogate", "text": "Anna \\ud800 Kowalczyk was pardoned."}',
    json.dumps({"id": "big", "text": SENTENCE * (1_000_001 // len(SENTENCE) + 1)}),
    json.dumps({"id": "date", "text": SENTENCE, "published": "31/12/2024"}),
]
JSONL_ERRORS = {2: "invalid JSON", 3: "expected a JSON object", 4: 'missing "text"', 5: '"text" is a number',
                6: '"text" is empty', 7: "unpaired surrogate", 8: "characters long", 9: '"published" is not a date'}
SPECIAL = {"loop.txt": "symbolic link loop", "unreadable.txt": "cannot read (Permission denied)",
           "caf\\xe9.txt": "the file name is not UTF-8"}


@pytest.fixture(scope="module")
def corpus() -> Iterator[Path]:
    """The folder of bad inputs and good articles, in a folder every user may enter."""
    top = Path(tempfile.mkdtemp(prefix="kg-bad-inputs-"))
    top.chmod(0o777)
    folder = top / "inputs"
    folder.mkdir()
    folder.chmod(0o777)
    for path in GOOD:
        shutil.copy(path, folder / path.name)
    for name, (content, _reason) in BAD.items():
        (folder / name).write_bytes(content)
    (folder / "lines.jsonl").write_text("\n".join(JSONL_LINES) + "\n", encoding="utf-8")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    (folder / "unreadable.txt").write_text(SENTENCE)
    (folder / "unreadable.txt").chmod(0)
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as fh:  # a name that is not UTF-8
        fh.write(SENTENCE.encode())
    yield folder
    shutil.rmtree(top, ignore_errors=True)


def _names(error: str, path: Path) -> bool:
    """Whether the error line is about ``path`` (``path: ...`` or ``path:LINE: ...``)."""
    return re.match(rf"{re.escape(str(path))}(?::\d+)*: ", error) is not None


def _line(error: str, path: Path) -> int | None:
    m = re.match(rf"{re.escape(str(path))}:(\d+)(?::\d+)?: ", error)
    return int(m[1]) if m else None


def _errors(stderr: str) -> list[str]:
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert all(line.startswith("error: ") for line in lines), stderr
    return [line.removeprefix("error: ") for line in lines]


def test_the_whole_corpus_at_once(corpus: Path) -> None:
    store = corpus.parent / "store-all"
    out = run_kg("build", corpus, "--store", store, "-q", prefix=as_nobody(), timeout=600)
    assert out.returncode == 1, out.stderr
    errors = _errors(out.stderr)
    expected = {**{name: reason for name, (_content, reason) in BAD.items()}, **SPECIAL}
    for name, reason in expected.items():
        mine = [e for e in errors if _names(e, corpus / name)]
        assert len(mine) == 1 and reason in mine[0], (name, mine)
    for line, reason in JSONL_ERRORS.items():
        mine = [e for e in errors if _line(e, corpus / "lines.jsonl") == line]
        assert len(mine) == 1 and reason in mine[0], (line, mine)
    assert len(errors) == len(expected) + len(JSONL_ERRORS)
    bad = len(expected) + len(JSONL_ERRORS)
    assert re.match(rf"built {re.escape(str(store))}: 3 articles read \(3 extracted, 0 from cache, {bad} inputs failed\)",
                    out.stdout), out.stdout
    built = run_kg("query", "SELECT ?a WHERE { ?a a kg:Article } ORDER BY ?a", "-f", "csv", "--store", store,
                   prefix=as_nobody())
    assert built.returncode == 0, built.stderr
    assert [row.rsplit("/", 1)[1] for row in built.stdout.split()[1:]] == sorted([p.stem for p in GOOD] + ["jsonl-good"])


@pytest.mark.parametrize("name", [*BAD, *SPECIAL, "lines.jsonl"])
def test_each_bad_input_next_to_a_good_one(corpus: Path, name: str) -> None:
    store = corpus.parent / "store-each"
    if not store.exists():  # the good article's extraction is cached once, then reused
        first = run_kg("build", GOOD[0], "--store", store, "-q", prefix=as_nobody(), timeout=600)
        assert first.returncode == 0, first.stderr
    path = Path(os.fsdecode(os.fsencode(corpus) + b"/caf\xe9.txt")) if name == "caf\\xe9.txt" else corpus / name
    out = run_kg("build", GOOD[0], path, "--store", store, "-q", prefix=as_nobody(), timeout=600)
    assert out.returncode == 1, out.stderr
    errors = _errors(out.stderr)
    if name == "lines.jsonl":
        assert [_line(e, corpus / name) for e in errors] == list(JSONL_ERRORS)
        assert "2 articles read" in out.stdout
    else:
        assert len(errors) == 1 and _names(errors[0], corpus / name), errors
        assert "1 article read (0 extracted, 1 from cache, 1 input failed)" in out.stdout, out.stdout
