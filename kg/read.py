"""Files and folders -> :class:`~kg.records.Article` records.

Formats
    ``.txt`` / ``.md`` / ``.markdown`` (and any file named explicitly): UTF-8 text,
    optionally opened by a YAML front matter block (``---`` ... ``---``) with
    ``title``, ``published``, ``outlet``, ``url``.  ``.jsonl``: one JSON object per
    line with ``text`` and optionally ``id``, ``title``, ``published``, ``outlet``,
    ``url``.

Body metadata
    When the front matter (or the JSONL record) does not say, a leading
    ``date YYYY-MM-DD`` sets ``published`` and a wire-style dateline
    (``TALLINN, Estonia (AP) —``, ``WASHINGTON (Reuters) -``, ``KYIV, 17 January.``)
    sets ``dateline_place`` and, from the parentheses, ``outlet``.  Neither is
    removed from the text: ``Article.text`` is the body exactly as in the file, so
    evidence offsets can be cut out of the original.

Errors
    Reading never stops at a bad file: :func:`read_paths` returns the articles it
    could read and one :class:`~kg.errors.InputError` per problem (a file, a JSONL
    line, a duplicate id, a folder with nothing readable in it, a symbolic link
    loop, a file that is not UTF-8 text, an HTML page, a page with no running text,
    a text longer than :data:`MAX_TEXT_CHARS`).
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import json
import os
import re
import reprlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kg.errors import InputError
from kg.records import Article

__all__ = ["MAX_TEXT_CHARS", "SUFFIXES", "ReadResult", "body_metadata", "read_jsonl", "read_paths", "read_text_article"]

#: Extensions picked up when walking a folder (compared case-insensitively).
SUFFIXES = (".txt", ".md", ".markdown", ".jsonl")
#: The longest article text kg reads: spaCy's parser refuses longer texts (``nlp.max_length``).
MAX_TEXT_CHARS = 1_000_000
#: A text or Markdown file larger than this cannot hold an article kg reads (UTF-8 takes
#: at most 4 bytes a character, plus room for front matter), so it is refused unread.
_MAX_FILE_BYTES = 4 * MAX_TEXT_CHARS + 65_536
_SPLIT_FIX = "split it into several articles (files, or lines of a .jsonl file)"

_UTF8_FIX = "re-save the file as UTF-8"
_DATE_FIX = "write it as YYYY-MM-DD (or YYYY-MM, or YYYY, when that is all the source gives)"


@dataclass
class ReadResult:
    """What :func:`read_paths` could read, and one error per thing it could not."""

    articles: list[Article] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


# --- public entry points ---------------------------------------------------------------


def read_paths(paths: Iterable[str | Path]) -> ReadResult:
    """Read files and folders (recursively, sorted) into articles; never raises for bad input.

    Files inside folders are read when their extension is one of :data:`SUFFIXES`;
    hidden files and folders (``.git``, a ``.kg`` store) and ``README.*`` files are
    skipped.  A file named explicitly is read whatever its extension (``.jsonl`` as
    JSON lines, anything else as text).  A file reached twice (named and inside a
    named folder) is read once.  A later article whose id was already seen is
    reported, not kept.
    """
    if isinstance(paths, (str, Path)):  # a bare string is iterable too; be forgiving
        paths = [paths]
    result = ReadResult()
    first_seen: dict[str, str] = {}  # article id -> source
    done: set[Path] = set()

    def take(file: Path) -> bool:
        """Read one file into ``result``; True if it held an article or was read before."""
        key = _identity(file)
        if key in done:
            return True
        done.add(key)
        printable = _printable(file)
        if printable != str(file):
            # The name's bytes are not UTF-8 (Python keeps them as lone surrogates):
            # no text can carry it, not the graph, the cache or this message.
            result.errors.append(InputError("the file name is not UTF-8", path=printable, fix="rename the file"))
            return False
        got = False
        for item in _read_any(file):
            if isinstance(item, InputError):
                result.errors.append(item)
                continue
            article, path, line = item
            got = True  # read, even if rejected below: the duplicate error already says why
            if article.id in first_seen:
                result.errors.append(
                    InputError(
                        f"duplicate article id {article.id!r}, first seen in {first_seen[article.id]}",
                        path=path,
                        line=line,
                        fix="rename the file or set a distinct id",
                    )
                )
                continue
            first_seen[article.id] = article.source
            result.articles.append(article)
        return got

    for given in paths:
        if not os.fspath(given).strip():  # Path("") is the working directory: never what was meant
            result.errors.append(InputError("empty path given", fix="name a file or folder"))
            continue
        path = Path(os.path.expanduser(os.fspath(given)))
        try:
            is_dir, exists = path.is_dir(), path.exists()
        except OSError as e:  # a folder on the way cannot be searched
            result.errors.append(_os_error(path, e))
            continue
        if is_dir:
            files, walk_errors = _walk(path)
            result.errors.extend(walk_errors)
            if not files:
                result.errors.append(
                    InputError(
                        "folder has no .txt, .md, .markdown or .jsonl files",
                        path=path,
                        fix="point kg at the folder that holds the articles",
                    )
                )
                continue
            readable = [take(f) for f in files]  # a list, not any(): every file must be read
            if not any(readable):
                result.errors.append(
                    InputError(
                        f"folder has no readable articles (none of its {len(files)} files could be read)",
                        path=path,
                        fix="fix the files named in the errors above",
                    )
                )
        elif exists:
            take(path)
        elif path.is_symlink():
            result.errors.append(_symlink_error(path))
        else:
            result.errors.append(InputError("no such file or folder", path=path, fix="check the path"))
    return result


def read_text_article(path: str | Path, *, source: str | None = None) -> Article:
    """Read one text/Markdown file (front matter optional) into an :class:`Article`.

    Raises :class:`InputError` naming the file (and line) when it cannot be read.
    ``source`` defaults to the path as given.
    """
    path = Path(path)
    source = source if source is not None else str(path)
    raw = _read_bytes(path, source, max_bytes=_MAX_FILE_BYTES)
    if not raw:
        raise InputError("empty file", path=source, fix="add the article text or remove the file")
    text = _decode(raw, source)
    meta, body = _split_front_matter(text, source)
    if not body.strip():
        where = "after the front matter" if meta is not None else "only whitespace"
        raise InputError(f"no article text ({where})", path=source, fix="add the article text or remove the file")
    _check_text(body, source)
    fields = _front_matter_fields(meta, source) if meta is not None else _Fields()
    return _article(path.stem, body, source, hashlib.sha256(raw).hexdigest(), fields)


def read_jsonl(path: str | Path, *, source: str | None = None) -> ReadResult:
    """Read a JSON-lines file, one article per non-blank line; never raises.

    A bad line becomes one error (``file:line`` and the reason) and the other lines
    are still read.  Duplicate ids are *not* checked here (see :func:`read_paths`).
    """
    result = ReadResult()
    for item in _jsonl_items(Path(path), source if source is not None else str(path)):
        if isinstance(item, InputError):
            result.errors.append(item)
        else:
            result.articles.append(item[0])
    return result


# --- files and folders -----------------------------------------------------------------

_Located = tuple[Article, str, int | None]  # article, path for errors, line for errors


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a symbolic link loop (Python < 3.13)
        return path.absolute()


def _printable(path: Path) -> str:
    """``path`` as text; bytes of a name that are not UTF-8 shown as ``\\xe9``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def _symlink_error(path: Path) -> InputError:
    """A symbolic link that cannot be followed: a loop, or a link to nothing."""
    try:
        os.stat(path)
    except OSError as e:
        if e.errno == errno.ELOOP:
            return InputError("symbolic link loop", path=path, fix="point the link at a file, or remove it")
    return InputError("symbolic link to a file that does not exist", path=path,
                      fix="point the link at a file, or remove it")


def _os_error(path: Path | str, e: OSError) -> InputError:
    if e.errno == errno.ELOOP:
        return InputError("symbolic link loop", path=path, fix="point the link at a file, or remove it")
    return InputError(f"cannot read ({e.strerror or e})", path=path, fix="check the permissions of the file and its folders")


def _read_any(path: Path) -> Iterator[_Located | InputError]:
    if path.suffix.lower() == ".jsonl":
        yield from _jsonl_items(path, str(path))
        return
    try:
        yield read_text_article(path), str(path), None
    except InputError as e:
        yield e


def _walk(folder: Path) -> tuple[list[Path], list[InputError]]:
    found: list[Path] = []
    errors: list[InputError] = []

    def on_error(exc: OSError) -> None:
        errors.append(InputError(f"cannot read folder ({exc.strerror})", path=exc.filename or folder))

    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        found.extend(
            Path(root) / name
            for name in files
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in SUFFIXES and not _is_readme(name)
        )
    # Sort on path parts so "a/b.txt" and "a-c.txt" order the same on every platform.
    found.sort(key=lambda p: p.relative_to(folder).parts)
    return found, errors


def _is_readme(name: str) -> bool:
    # A README describes the folder; reading it as news would put its words in the graph.
    return os.path.splitext(name)[0].lower() == "readme"


def _read_bytes(path: Path, source: str, *, max_bytes: int | None = None) -> bytes:
    try:
        with open(path, "rb") as fh:
            if max_bytes is not None:
                size = os.fstat(fh.fileno()).st_size
                if size > max_bytes:
                    raise InputError(
                        f"file is {size / 1e6:,.1f} MB, too long for one article "
                        f"(kg reads at most {MAX_TEXT_CHARS:,} characters per article)",
                        path=source, fix=_SPLIT_FIX,
                    )
            return fh.read()
    except FileNotFoundError:
        if path.is_symlink():
            raise _symlink_error(path) from None
        raise InputError("no such file", path=source, fix="check the path") from None
    except IsADirectoryError:
        raise InputError("is a folder, not a file", path=source) from None
    except OSError as e:
        raise _os_error(source, e) from None


def _check_binary(raw: bytes, source: str) -> None:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("file is UTF-16, not UTF-8", path=source, fix=_UTF8_FIX)
    order = _utf16_without_bom(raw)
    if order:
        raise InputError(f"file is UTF-16 ({order}, without a byte-order mark), not UTF-8", path=source, fix=_UTF8_FIX)
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(
            f"binary file (NUL byte at byte offset {nul})",
            path=source,
            fix="only UTF-8 text, Markdown or JSON-lines articles can be read",
        )


def _utf16_without_bom(raw: bytes) -> str | None:
    """"little-endian" or "big-endian" when ``raw`` reads as UTF-16 text without a BOM.

    Text in a Latin script has a NUL in every other byte in UTF-16, and binary data
    has its NULs anywhere; the sample must also decode as UTF-16.
    """
    sample = raw[:4096]
    sample = sample[: len(sample) & ~1]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.02:
        order, codec = "little-endian", "utf-16-le"
    elif even_nul > 0.3 and odd_nul < 0.02:
        order, codec = "big-endian", "utf-16-be"
    else:
        return None
    try:
        sample.decode(codec)
    except UnicodeDecodeError:
        return None
    return order


_URL = re.compile(r"\b(?:https?://|www\.)\S+|\]\([^)]*\)")
_WORDS = re.compile(r"[^\W_]+(?:['’.,][^\W_]+)*")
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]+[\"'”’)\]]*(?=\s|$)")
_HTML_START = re.compile(r"\s*<(?:!doctype\s+html|html|head|body|meta|!--)\b", re.I)
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")


def _check_text(text: str, source: str, line: int | None = None) -> None:
    """Refuse what is not an article kg can read: too long, an HTML page, no running text."""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(
            f"the text is {len(text):,} characters long; kg reads at most {MAX_TEXT_CHARS:,} characters per article",
            path=source, line=line, fix=_SPLIT_FIX,
        )
    if _HTML_START.match(text) or sum(len(m) for m in _TAG.findall(text)) > 0.3 * len(text):
        raise InputError("an HTML page, not article text", path=source, line=line,
                         fix="save the article's text instead (a browser's reader view, or copy and paste)")
    if not _has_running_text(text):
        raise InputError("no running text (only menus, links, headings or single words)", path=source, line=line,
                         fix="save the article's text, or remove the file")


def _has_running_text(text: str) -> bool:
    """Whether ``text`` reads as prose rather than a page's menus and links.

    Prose has a sentence: four or more words, one in lower case, closed by a full
    stop (or ! ? …); or a long line of mostly lower-case words.  Menus ("Home |
    World | Sport"), link lists, headlines and credits have neither.  A text of one
    or two lines is left to extraction: too little to judge.
    """
    lines = [line for line in _URL.sub(" ", text).splitlines() if line.strip()]
    if len(lines) < 3:
        return True
    for line in lines:
        words = _WORDS.findall(line)
        if len(words) < 4:
            continue
        lower = sum(1 for w in words if w[0].islower())
        if len(words) >= 12 and lower >= len(words) // 3:
            return True
        for sentence in _SENTENCE.findall(line):
            sentence_words = _WORDS.findall(sentence)
            if len(sentence_words) >= 4 and any(w[0].islower() for w in sentence_words):
                return True
    return False


def _decode(raw: bytes, source: str, *, line: int | None = None) -> str:
    """UTF-8 text of ``raw`` without a BOM, or an error naming the first bad byte."""
    _check_binary(raw, source)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        where = line if line is not None else raw.count(b"\n", 0, e.start) + 1
        raise InputError(
            f"not UTF-8: byte 0x{raw[e.start]:02x} at byte offset {e.start} cannot be decoded",
            path=source,
            line=where,
            fix=_UTF8_FIX,
        ) from None
    # A BOM is an encoding marker, not text; keeping it would hide front matter.
    return text[1:] if text.startswith("\ufeff") else text


# --- front matter ----------------------------------------------------------------------

_FM_OPEN = re.compile(r"---[ \t]*(?:\r?\n|\Z)")
_FM_CLOSE = re.compile(r"^---[ \t]*(?:\r?\n|\Z)", re.MULTILINE)


@dataclass
class _Fields:
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None


class _FrontMatterLoader(yaml.SafeLoader):
    """``yaml.SafeLoader``, except that an impossible date (``2024-02-30``) stays a string.

    The ``published`` check then reports it with its line instead of YAML raising
    a bare ``ValueError`` from deep inside the constructor.
    """


class _PlainFrontMatterLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """The same loader on libyaml's parser, for blocks of plain ``key: value`` lines
    (front matter is read for every file of every build, and the pure-Python parser was
    a fifth of an unchanged build).  Anything else, and every error, goes through
    :class:`_FrontMatterLoader`, whose messages the checks and their users know."""


#: A front-matter block of plain ``key: value`` lines (and blank or comment lines); a value
#: is bare text or one quoted string without escapes.
_PLAIN_VALUE = r"""(?:[^:#\n\[\]{}&*!|>'"%@`,]*|"[^"\\\n]*"[ \t]*|'[^'\n]*'[ \t]*)"""
_PLAIN_LINE = r"(?:[ \t]*(?:#[^\n]*)?|[A-Za-z_][\w-]*:[ \t]*" + _PLAIN_VALUE + ")"
_PLAIN_FRONT_MATTER = re.compile(r"(?:" + _PLAIN_LINE + r"\n)*" + _PLAIN_LINE)


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_FrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
_PlainFrontMatterLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


@dataclass
class _FrontMatter:
    data: Any  # whatever YAML gave
    node: yaml.Node | None
    first_line: int  # file line of the first front-matter line


def _split_front_matter(text: str, source: str) -> tuple[_FrontMatter | None, str]:
    opened = _FM_OPEN.match(text)
    if not opened:
        return None, text
    closed = _FM_CLOSE.search(text, opened.end())
    if not closed:
        raise InputError(
            "front matter opened on line 1 is not closed",
            path=source,
            line=1,
            fix="add a line '---' after the metadata",
        )
    block = text[opened.end() : closed.start()]
    plain = _PlainFrontMatterLoader is not _FrontMatterLoader and _PLAIN_FRONT_MATTER.fullmatch(block)
    if plain:
        fast = _PlainFrontMatterLoader(block)
        try:
            node = fast.get_single_node()
            data = fast.construct_document(node) if node is not None else None  # type: ignore[no-untyped-call]
        except Exception:  # noqa: BLE001 - read again below, for the error's usual message
            plain = None
        else:
            if not isinstance(node, (yaml.MappingNode, type(None))) or not isinstance(data, (dict, type(None))):
                plain = None
        finally:
            fast.dispose()
    if plain:
        return _FrontMatter(data or {}, node, 2), text[closed.end():]
    loader = _FrontMatterLoader(block)
    try:
        # get_single_node + construct_document is what yaml.safe_load does; keeping
        # the node gives line numbers and the scalars as written.
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None  # type: ignore[no-untyped-call]
    except (ValueError, TypeError, OverflowError) as e:  # a constructor choking on a value
        raise InputError(
            f"front matter has a value that cannot be read ({_short(str(e))})",
            path=source,
            fix="quote the value to keep it as text",
        ) from None
    except RecursionError:
        raise InputError("front matter is nested too deeply to read", path=source, line=2,
                         fix="write it as 'key: value' lines (title, published, outlet, url)") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise InputError(
            f"front matter is not valid YAML ({problem})",
            path=source,
            line=mark.line + 2 if mark is not None else None,
            fix="fix the metadata block (quote values that contain ':')",
        ) from None
    finally:
        loader.dispose()  # type: ignore[no-untyped-call]
    if data is not None and not isinstance(data, dict):
        raise InputError(
            f"front matter is a {_yaml_kind(data)}, not a mapping",
            path=source,
            line=2,
            fix="write it as 'key: value' lines (title, published, outlet, url)",
        )
    return _FrontMatter(data or {}, node, 2), text[closed.end() :]


def _brief_repr(value: Any) -> str:
    """A short repr, even of a hostile value (a YAML alias list nested a billion times over)."""
    brief = reprlib.Repr()
    brief.maxlevel, brief.maxlist, brief.maxdict, brief.maxstring, brief.maxother = 2, 3, 3, 40, 40
    return _short(brief.repr(value), 80)


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _yaml_kind(value: Any) -> str:
    if isinstance(value, list):
        return "list"
    if isinstance(value, str):
        return "string"
    return type(value).__name__


def _front_matter_fields(fm: _FrontMatter, source: str) -> _Fields:
    lines: dict[str, int] = {}
    raws: dict[str, str] = {}
    if isinstance(fm.node, yaml.MappingNode):
        for key_node, value_node in fm.node.value:
            if isinstance(key_node, yaml.ScalarNode):
                lines[key_node.value] = key_node.start_mark.line + fm.first_line
                if isinstance(value_node, yaml.ScalarNode):
                    raws[key_node.value] = value_node.value

    def get(key: str) -> str | None:
        try:
            return _text_field(key, fm.data.get(key), raws.get(key))
        except ValueError as e:
            raise InputError(str(e), path=source, line=lines.get(key), fix="give a single line of text") from None

    try:
        published = normalise_date(fm.data.get("published"))
    except ValueError as e:
        raise InputError(
            f"`published` is not a date ({e})", path=source, line=lines.get("published"), fix=_DATE_FIX
        ) from None
    return _Fields(title=get("title"), published=published, outlet=get("outlet"), url=get("url"))


def _text_field(key: str, value: Any, raw: str | None = None) -> str | None:
    """A metadata value as text: scalars as written (``title: 1984`` stays ``1984``)."""
    if value is None:
        return None
    if isinstance(value, (list, dict)):
        raise ValueError(f"`{key}` is a {_yaml_kind(value)}, not text")
    if not isinstance(value, str):
        value = raw if raw is not None else str(value)
    value = value.strip()
    return value or None


_MONTH_WORD = re.compile(r"[A-Za-z]{3,}")


_PARTIAL = re.compile(r"^(\d{4})(?:-(\d{2}))?$")


def normalise_date(value: Any) -> str | None:
    """``YYYY-MM-DD`` for a date, a datetime, an ISO date/timestamp or a spelled-out date;
    ``YYYY-MM`` or ``YYYY`` for a date known only to the month or year (``2025-01``,
    ``January 2025``, ``2025``): a page's date is kept at the precision it has.

    Raises ``ValueError`` (with a short reason) for anything else.  Numeric forms
    other than ISO (``03/04/2024``) are refused: day and month order is ambiguous.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return f"{value:04d}"  # YAML reads `published: 2025` as a number
    if not isinstance(value, str):
        raise ValueError(f"got {_yaml_kind(value)} {_brief_repr(value)}")
    text = value.strip()
    partial = _PARTIAL.match(text)
    if partial:
        if partial.group(2) is not None and not 1 <= int(partial.group(2)) <= 12:
            raise ValueError(f"{text!r} has no month {partial.group(2)}")
        return text
    for parse in (dt.date.fromisoformat, dt.datetime.fromisoformat):
        try:
            parsed = parse(text)
        except ValueError:
            continue
        return (parsed.date() if isinstance(parsed, dt.datetime) else parsed).isoformat()
    if _MONTH_WORD.search(text):
        from dateutil import parser as dateparser  # type: ignore[import-untyped]  # lazy: rarely needed

        try:
            # Parsing against two different defaults shows whether the year, month
            # and day were all in the text: if any was missing the results differ.
            one = dateparser.parse(text, default=dt.datetime(1901, 1, 1))
            two = dateparser.parse(text, default=dt.datetime(2002, 2, 2))
        except (ValueError, OverflowError):
            pass
        else:
            if one.date() == two.date():
                return str(one.date().isoformat())
            if (one.year, one.month) == (two.year, two.month):
                return f"{one.year:04d}-{one.month:02d}"  # "January 2025"
            if one.year == two.year and not re.search(r"\d{1,2}(?!\d)", re.sub(r"\d{4}", "", text)):
                return f"{one.year:04d}"
            raise ValueError(f"{text!r} is not a full date with year, month and day")
    raise ValueError(f"{text!r}")


# --- JSON lines ------------------------------------------------------------------------

_JSONL_FIELDS = ("title", "outlet", "url")
_NO_TEXT = 'missing "text"'


def _jsonl_items(path: Path, source: str) -> Iterator[_Located | InputError]:
    try:
        raw = _read_bytes(path, source)
        if not raw.strip():
            raise InputError("empty file", path=source, fix="add one JSON object per line or remove the file")
        _check_binary(raw, source)
    except InputError as e:
        yield e
        return
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    stem = path.stem
    items: list[_Located | InputError] = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if line.endswith(b"\r"):
            line = line[:-1]
        if not line.strip():
            continue
        try:
            items.append(_jsonl_article(line, number, stem, source))
        except InputError as e:
            items.append(e)
    if items and all(isinstance(i, InputError) and i.reason == _NO_TEXT for i in items):
        # Another kind of JSONL (gold annotations, a log): one error, not one per line.
        yield InputError(
            f'no line has a "text" field ({len(items)} lines); this is not a file of articles',
            path=source,
            fix="move it out of the input folder or add the article text to each line",
        )
        return
    yield from items


def _jsonl_article(line: bytes, number: int, stem: str, source: str) -> _Located:
    def fail(reason: str, fix: str, column: int | None = None) -> InputError:
        return InputError(reason, path=source, line=number, column=column, fix=fix)

    text_line = _decode(line, source, line=number)
    try:
        record = json.loads(text_line)
    except json.JSONDecodeError as e:
        raise fail(f"invalid JSON ({e.msg})", "write one JSON object per line", column=e.colno) from None
    if not isinstance(record, dict):
        raise fail(f"expected a JSON object, got {_json_kind(record)}", 'write {"text": "..."} objects, one per line')
    for key in ("text", "id", *_JSONL_FIELDS, "published"):
        value = record.get(key)
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as e:  # "\ud800" escapes a half of a UTF-16 pair: no character
                raise fail(f'"{key}" holds an unpaired surrogate (\\u{ord(value[e.start]):04x}) at character {e.start}',
                           "fix that escape in the JSON, or remove it") from None
    text = record.get("text")
    if text is None:
        raise fail(_NO_TEXT, 'add a "text" field with the article body')
    if not isinstance(text, str):
        raise fail(f'"text" is {_json_kind(text)}, not a string', 'make "text" a string')
    if not text.strip():
        raise fail('"text" is empty', "add the article text or remove the line")
    _check_text(text, source, number)
    try:
        article_id = _text_field("id", record.get("id"))
        fields = _Fields(**{k: _text_field(k, record.get(k)) for k in _JSONL_FIELDS})
    except ValueError as e:
        raise fail(str(e), "give a string") from None
    try:
        fields.published = normalise_date(record.get("published"))
    except ValueError as e:
        raise fail(f'"published" is not a date ({e})', _DATE_FIX) from None
    article = _article(
        article_id or f"{stem}-{number}",
        text,
        f"{source}#L{number}",
        hashlib.sha256(line).hexdigest(),
        fields,
    )
    return article, source, number


def _json_kind(value: Any) -> str:
    return {list: "an array", dict: "an object", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )


# --- body metadata: "date YYYY-MM-DD" and datelines ------------------------------------

_DATE_PREFIX = re.compile(r"\A\s*date\s*[:=]?\s*(\d{4}-\d{2}-\d{2})(?!\d)", re.IGNORECASE)
#: A leading "date YYYY-MM-DD" line: it dates the page (the extractor does not read it as an event's date).
DATE_LINE = _DATE_PREFIX

_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_LETTER = r"[^\W\d_]"
# One word of a place name: letters, inner apostrophes, an optional abbreviating dot.
_WORD = rf"{_LETTER}(?:{_LETTER}|['\u2019](?={_LETTER}))*\.?"
_DATELINE = re.compile(
    rf"""
    (?P<city>{_WORD}(?:[ \t-]{_WORD}){{0,3}})                 # TALLINN, ST. PETERSBURG, RIO DE JANEIRO
    (?:,[ \t]*(?!{_MONTH}\b)                                  # , Estonia / , Bosnia and Herzegovina
        (?P<region>{_LETTER}[\w.'\u2019-]*(?:[ \t]+[\w.'\u2019-]+){{0,3}}))?
    (?:,?[ \t]*(?P<date>(?:\d{{1,2}}[ \t]+{_MONTH}|{_MONTH}[ \t]+\d{{1,2}})(?:,?[ \t]+\d{{4}})?))?
    (?:[ \t]*\((?P<outlet>[^()\n]{{1,40}})\))?                # (AP), (Reuters)
    [ \t]*(?P<sep>[\u2014\u2013\u2022]|(?:--?|[.:])(?=\s|\Z))     # em/en dash, bullet, hyphen(s), "." or ":"
    """,
    re.VERBOSE,
)
# A date as pages print it in a header line: "4 Jun 2024", "Mar 3, 2024", "2024-12-28".
_HEADER_DATE = rf"(?P<hdate>\d{{1,2}}[ \t]+{_MONTH},?[ \t]+\d{{4}}|{_MONTH}[ \t]+\d{{1,2}},?[ \t]+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})(?!\d)"
# Header lines that give the page's own date: "Published On: Tue, 4 Jun 2024 10:12:05 PKT",
# "Updated: March 3, 2024", "By AFP | Mar 3, 2024".
_HEADER_DATE_LINES = (
    re.compile(rf"^[ \t]*(?:first[ \t]+)?(?:published|posted|updated|last[ \t]+updated|date)(?:[ \t]+on)?[ \t]*[:\-]?[ \t]*"
               rf"(?:(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?[ \t]+)?{_HEADER_DATE}", re.IGNORECASE | re.MULTILINE),
    re.compile(rf"^[ \t]*by[ \t]+(?P<by>[^|\n]{{1,40}}?)[ \t]*[|\u2022\u00b7][ \t]*(?:(?i:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?[ \t]+)?{_HEADER_DATE}",
               re.IGNORECASE | re.MULTILINE),
)
# A dateline with the place in brackets: "(LONDON) —".
_BRACKET_DATELINE = re.compile(rf"\((?P<city>{_WORD}(?:[ \t-]{_WORD}){{0,3}})\)[ \t]*(?:[\u2014\u2013]|--?(?=\s))")
# How far into a page its header lines may run.
_HEADER_CHARS = 600
DATELINE = _DATELINE
# All-caps words that open a story without being a place.
_NOT_PLACES = frozenset({"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "ANALYSIS", "OPINION", "LIVE", "WATCH", "NOTE"})
_SMALL_WORDS = frozenset("de da do dos das del della di du des la le les los las of on am an der upon sur en y".split())


@dataclass(frozen=True)
class BodyMetadata:
    published: str | None = None
    dateline_place: str | None = None
    outlet: str | None = None


def body_metadata(text: str) -> BodyMetadata:
    """What the body itself says: a leading ``date YYYY-MM-DD`` and a dateline."""
    published = None
    pos = 0
    prefix = _DATE_PREFIX.match(text)
    if prefix:
        pos = prefix.end()
        try:
            published = dt.date.fromisoformat(prefix.group(1)).isoformat()
        except ValueError:  # "date 2024-13-45" is just text
            pass
    header_outlet = None
    if published is None:
        published, header_outlet = _header_date(text[:_HEADER_CHARS])
    for start in _dateline_candidates(text, pos):
        found = _dateline_at(text, start)
        if found is not None:
            return BodyMetadata(published, found[0], found[1] or header_outlet)
    return BodyMetadata(published, None, header_outlet)


def _header_date(head: str) -> tuple[str | None, str | None]:
    """A page's own date line near its top ("Published On: Tue, 4 Jun 2024 ...", "By AFP |
    Mar 3, 2024"), and the outlet a byline names; only whole days count."""
    from dateutil import parser as dateparser

    for rx in _HEADER_DATE_LINES:
        m = rx.search(head)
        if m is None:
            continue
        try:
            day = dateparser.parse(m.group("hdate").replace(",", " "), dayfirst=False, default=dt.datetime(1, 1, 1)).date()
        except (ValueError, OverflowError):
            continue
        if day.year < 1900:
            continue
        by = m.groupdict().get("by")
        outlet = by.strip() if by and by.strip().isupper() and len(by.strip()) <= 12 else None  # "By AFP", not "By Jane Doe"
        return day.isoformat(), outlet
    return None, None


def _dateline_candidates(text: str, pos: int) -> list[int]:
    """The body start, and the second paragraph when the first is one line (a teaser or headline)."""
    first = _skip_space(text, pos)
    if first >= len(text):
        return []
    starts = [first]
    end = text.find("\n", first)
    if end >= 0:
        after = text.find("\n", end + 1)
        next_line = text[end + 1 : after if after >= 0 else len(text)]
        if not next_line.strip():
            second = _skip_space(text, end + 1)
            if second < len(text):
                starts.append(second)
    return starts


def _skip_space(text: str, pos: int) -> int:
    while pos < len(text) and text[pos].isspace():
        pos += 1
    return pos


def dateline_end(text: str, start: int) -> int:
    """Where a wire dateline with a date that starts at ``start`` ends ("VILNIUS, Oct 14 —"),
    or ``start`` when there is none: its date is when the story was filed."""
    m = _DATELINE.match(text, start)
    if m is None or m.group("date") is None or _dateline_at(text, start) is None:
        return start
    return m.end()


def dateline_at(text: str, start: int) -> tuple[str, str | None] | None:
    """The place and outlet of a dateline starting at ``start``, or None."""
    return _dateline_at(text, start)


def _dateline_at(text: str, start: int) -> tuple[str, str | None] | None:
    b = _BRACKET_DATELINE.match(text, start)
    if b is not None and b.group("city").isupper() and b.group("city").rstrip(".") not in _NOT_PLACES:
        return _title_case(b.group("city")), None  # "(LONDON) —"
    m = _DATELINE.match(text, start)
    if m is None:
        return None
    city, region, date, outlet, sep = m.group("city", "region", "date", "outlet", "sep")
    letters = [c for c in city if c.isalpha()]
    if len(letters) < 2 or not city.isupper() or city.rstrip(".") in _NOT_PLACES:
        return None
    if region is not None and not region[0].isupper():
        return None
    if sep in ".:" and date is None and outlet is None:  # "NATO." opens sentences; "KYIV, 17 January." is a dateline
        return None
    place = _title_case(city)
    if region:
        place = f"{place}, {region.strip()}"
    return place, outlet.strip() if outlet and outlet.strip() else None


def _title_case(name: str) -> str:
    words = re.split(r"([ \t-])", name)
    out: list[str] = []
    for i, word in enumerate(words):
        lower = word.lower()
        if i > 0 and lower in _SMALL_WORDS:
            out.append(lower)
        else:
            out.append(word[:1].upper() + lower[1:])
    return "".join(out)


def _article(article_id: str, body: str, source: str, sha256: str, fields: _Fields) -> Article:
    found = body_metadata(body)
    return Article(
        id=article_id,
        text=body,
        source=source,
        sha256=sha256,
        title=fields.title,
        published=fields.published or found.published,
        outlet=fields.outlet or found.outlet,
        url=fields.url,
        dateline_place=found.dateline_place,
    )
