"""The on-disk store directory: the built graph, the extraction cache and the manifest.

::

    <store>/
      current                   the version of the graph readers open (one line, replaced atomically)
      graphs/<version>/         one version of the graph, never changed once complete
        oxigraph/                 pyoxigraph.Store (RocksDB) holding the graph in the default graph
        complete.json             written last: {"triples": n, "built": ..., "articles": digest}; without it, no graph
        lock                      readers hold it shared, so a version in use is never deleted
      extractions/<key>.json    Extraction.to_dict() per article
      manifest.json             {"articles": {id: {...}}, "model": ..., "extractor_version": ...}
      kg.lock                   held by a build: one build at a time (readers never wait for it)

Extraction is the slow step, so its results are cached per article under a key that
changes whenever the article, the extractor or the model changes.  A build that adds,
changes or forgets a few articles re-resolves only the people, organisations and events
they touch and applies the difference to the graph (:mod:`kg.incremental`, which keeps
what it needs in ``graph-index.sqlite``); otherwise resolution and RDF generation run
over the cached extractions of *all* articles in the manifest and the whole graph is
written.  ``complete.json`` records which extractions a graph was made of
(``articles``: a digest of the article ids and cache keys), so a build with nothing
new writes nothing.

Nothing a reader can open is ever half-written.  A build writes its graph into a new
version directory, flushes it, writes ``complete.json`` and only then replaces the
``current`` pointer (temporary file, fsync, ``os.replace``).  A build killed at any
moment leaves ``current`` naming the previous complete version; the half-written
directory is deleted by the next build.  Readers open the version ``current`` names,
check its ``complete.json`` and hold its ``lock`` while they read, so they are never
locked out, not even while a build switches versions; a build deletes only the old
versions nobody is reading.

A small change (:meth:`Store.update_graph`) does not copy the graph: the new version
starts as an Oxigraph backup of the current one, which hard-links the database's
immutable files, and the change is applied to it in one transaction before the same
switch.

The Oxigraph database is opened lazily, on the first graph operation: a build opens
one only after extraction, because processes forked while an on-disk Oxigraph store
is open can hang.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, NoReturn

from kg.errors import InputError, StoreError
from kg.records import Article, Extraction

if TYPE_CHECKING:  # heavy or optional imports, for annotations only
    import pyoxigraph
    import rdflib

__all__ = ["Store", "DEFAULT_STORE", "STORE_ENV", "default_store_path", "cache_key", "is_damage"]

DEFAULT_STORE = ".kg"
STORE_ENV = "KG_STORE"
MANIFEST_FORMAT = 1

#: Formats ``Store.dump`` accepts by name (besides a ``pyoxigraph.RdfFormat``).
DUMP_FORMATS = ("turtle", "trig", "nt", "nq", "jsonld", "rdfxml")

POINTER = "current"
GRAPHS = "graphs"
COMPLETE = "complete.json"
VERSION_LOCK = "lock"
BUILD_LOCK = "kg.lock"
_VERSION_NAME = re.compile(r"^\d{6,}$")
REBUILD_FIX = "run `kg build --rebuild` to rebuild it from the extraction cache"
#: How RocksDB words an error in the data (as opposed to an error in the query).
_DAMAGE = re.compile(r"^\s*(?:Corruption|IO error)\b", re.I)


def default_store_path() -> Path:
    """``$KG_STORE`` if set, else ``.kg`` in the working directory."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def cache_key(article: Article, model: str, version: str) -> str:
    """sha256 of the article's hash, the extractor version and the model name.

    NUL separators keep ("ab", "c") and ("a", "bc") from colliding.
    """
    raw = "\0".join((article.sha256, version, model)).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def is_damage(exc: BaseException) -> bool:
    """Whether an error from Oxigraph says its files are damaged or unreadable."""
    return isinstance(exc, (OSError, RuntimeError)) and bool(_DAMAGE.match(str(exc)))


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def _fsync_dir(path: Path) -> None:
    """Make a rename in ``path`` durable (a no-op where directories cannot be opened)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_tree(folder: Path) -> None:
    """Flush every file under ``folder`` to the disk, then the folders themselves."""
    for root, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                fd = os.open(os.path.join(root, name), os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
        _fsync_dir(Path(root))


def _write_atomic(path: Path, data: bytes, *, durable: bool = False) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a file.

    ``durable`` also fsyncs the file and its folder, so the new content survives a
    power cut (the graph pointer needs that; a cache entry can be made again).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _fsync_dir(path.parent)


def _flock(fh: IO[bytes], *, exclusive: bool) -> bool:
    """Take an advisory lock without waiting; False if another process holds it."""
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; open files cannot be deleted anyway
        return True
    try:
        fcntl.flock(fh.fileno(), (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


class Store:
    """A kg store directory.

    ``Store(path)`` opens an existing store for reading and raises :class:`StoreError`
    when there is no complete graph there; the version it opened stays the one it
    reads until :meth:`close`, whatever builds do meanwhile.  ``Store(path,
    create=True)`` opens it for building (creating the directory if needed) and takes
    the build lock, so two builds cannot run at once; readers are not affected.  Use
    it as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, create: bool = False) -> None:
        self.path = Path(path).expanduser() if path is not None else default_store_path()
        self.writable = create
        self._ox: pyoxigraph.Store | None = None
        self._manifest: dict[str, Any] | None = None
        self._lock_file: IO[bytes] | None = None
        self._version: str | None = None  # the version this object reads
        self._version_lock: IO[bytes] | None = None
        if create:
            if self.path.exists() and not self.path.is_dir():
                raise StoreError(f"{self.path} is a file, not a store directory", fix="pass --store DIR")
            try:
                self.extractions_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the store at {self.path} ({exc.strerror or exc})",
                                 fix="pass --store DIR with a writable directory") from exc
            self._lock_build()
        else:
            self._pin()

    # --- paths -------------------------------------------------------------------------

    @property
    def graphs_dir(self) -> Path:
        return self.path / GRAPHS

    @property
    def pointer_path(self) -> Path:
        return self.path / POINTER

    @property
    def version(self) -> str | None:
        """The version of the graph this object reads (None before there is one)."""
        if self._version is None and self.writable:
            with contextlib.suppress(StoreError):
                self._pin()
        return self._version

    @property
    def oxigraph_dir(self) -> Path:
        """The Oxigraph database of the version this object reads."""
        version = self.version
        if version is None:
            raise StoreError(f"no graph at {self.path}", fix="run `kg build PATH` first or pass --store")
        return self.graphs_dir / version / "oxigraph"

    @property
    def extractions_dir(self) -> Path:
        return self.path / "extractions"

    @property
    def manifest_path(self) -> Path:
        return self.path / "manifest.json"

    def current_version(self) -> str | None:
        """The version ``current`` names, or None when no graph was ever completed."""
        try:
            text = self.pointer_path.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError) as exc:
            raise StoreError(f"cannot read {self.pointer_path} ({exc})", fix=REBUILD_FIX) from None
        if not _VERSION_NAME.match(text):
            raise StoreError(f"{self.pointer_path} does not name a graph version", fix=REBUILD_FIX)
        return text

    def has_graph(self) -> bool:
        """True once a complete graph has been written."""
        try:
            version = self.current_version()
        except StoreError:
            return False
        return version is not None and (self.graphs_dir / version / COMPLETE).is_file()

    @property
    def graph_info(self) -> dict[str, Any]:
        """``complete.json`` of the version this object reads: ``triples``, ``built``."""
        version = self.version
        if version is None:
            return {}
        try:
            return dict(json.loads((self.graphs_dir / version / COMPLETE).read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return {}

    # --- locking -----------------------------------------------------------------------

    def _lock_build(self) -> None:
        """The build lock: one build at a time, never waiting.  Readers do not take it."""
        lock_path = self.path / BUILD_LOCK
        try:
            fh = open(lock_path, "a+b")  # noqa: SIM115 - held until close()
        except OSError:
            raise StoreError(f"cannot write the lock file {lock_path}", fix="pass --store DIR with a writable directory") from None
        if not _flock(fh, exclusive=True):
            fh.close()
            raise StoreError(
                f"the store {self.path} is being built by another kg process",
                fix="wait for it to finish, or pass --store DIR to build elsewhere",
            )
        self._lock_file = fh

    def build_running(self) -> bool:
        """Whether a build holds the store's build lock right now."""
        try:
            with open(self.path / BUILD_LOCK, "rb") as fh:
                return not _flock(fh, exclusive=False)
        except OSError:
            return False

    def _pin(self) -> None:
        """Choose the version to read: the one ``current`` names, complete, locked shared.

        A build may switch ``current`` and delete the old version between our reading
        the pointer and locking the version; then the pointer is read again.
        """
        for _attempt in range(50):
            version = self.current_version()
            if version is None:
                self._no_graph()
            vdir = self.graphs_dir / version
            try:
                fh = open(vdir / VERSION_LOCK, "rb")  # noqa: SIM115 - held until close()
            except FileNotFoundError:
                if self.current_version() == version:
                    raise StoreError(f"the graph {vdir} that {self.pointer_path} names is missing", fix=REBUILD_FIX) from None
                continue  # deleted after a newer version became current
            except OSError:
                fh = None  # a read-only copy of a store: nobody can be deleting anything
            if fh is not None and not _flock(fh, exclusive=False):
                fh.close()
                time.sleep(0.01)
                continue  # being deleted
            if not (vdir / COMPLETE).is_file():
                if fh is not None:
                    fh.close()
                if self.current_version() != version:
                    continue
                raise StoreError(f"the graph in {vdir} is incomplete", fix=REBUILD_FIX)
            self._release_version()
            self._version, self._version_lock = version, fh
            return
        raise StoreError(f"the graph in {self.path} keeps changing under the reader", fix="try again")

    def _no_graph(self) -> NoReturn:
        if (self.path / "oxigraph" / "CURRENT").is_file():
            raise StoreError(f"the store {self.path} was written by an earlier version of kg", fix=REBUILD_FIX)
        if self.path.is_dir() and self.build_running():
            raise StoreError(f"no graph at {self.path} yet: the first build is still running",
                             fix="wait for it to finish and try again")
        raise StoreError(f"no graph at {self.path}", fix="run `kg build PATH` first or pass --store")

    def _release_version(self) -> None:
        self._ox = None  # pyoxigraph has no close(): dropping the last reference closes RocksDB
        self._version = None
        if self._version_lock is not None:
            self._version_lock.close()  # closing the descriptor releases the flock
            self._version_lock = None

    # --- reading the graph -------------------------------------------------------------

    @property
    def oxigraph(self) -> pyoxigraph.Store:
        """The Oxigraph database of the pinned version, opened read-only on first use."""
        if self._ox is None:
            import pyoxigraph

            path = self.oxigraph_dir
            try:
                self._ox = pyoxigraph.Store.read_only(str(path))
            except (OSError, RuntimeError, ValueError) as exc:
                raise self.damaged(exc) from None
        return self._ox

    def damaged(self, exc: BaseException) -> StoreError:
        """The error for a graph database that cannot be read."""
        where = self.oxigraph_dir if self._version is not None else self.path
        detail = " ".join(str(exc).split())
        if len(detail) > 200:
            detail = detail[:199] + "…"
        return StoreError(f"the graph database in {where} is damaged or unreadable ({detail})", fix=REBUILD_FIX)

    @contextlib.contextmanager
    def reading(self, *, any_error: bool = True) -> Iterator[pyoxigraph.Store]:
        """The database, with its I/O and corruption errors turned into :class:`StoreError`.

        With ``any_error=False`` only errors that :func:`is_damage` recognises are
        turned (a query's own errors, a failing ``SERVICE`` call, stay as they are).
        """
        ox = self.oxigraph
        try:
            yield ox
        except (OSError, RuntimeError) as exc:
            if any_error or is_damage(exc):
                raise self.damaged(exc) from None
            raise

    def query(self, sparql: str, **options: Any) -> Any:
        """Run SPARQL on the default graph: ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.

        Raises pyoxigraph's ``SyntaxError`` unchanged; :mod:`kg.query` turns it into a
        :class:`~kg.errors.QueryError` with line and column.  Results are lazy:
        reading them may raise what :func:`is_damage` recognises.
        """
        with self.reading(any_error=False) as ox:
            return ox.query(sparql, **options)

    def dump(self, format: str | pyoxigraph.RdfFormat = "turtle", prefixes: dict[str, str] | None = None) -> bytes:
        """Serialise the default graph (``turtle``, ``trig``, ``nt``, ``nq``, ``jsonld``, ``rdfxml``)."""
        import pyoxigraph

        fmt = rdf_format(format)
        kwargs: dict[str, Any] = {"format": fmt}
        if not fmt.supports_datasets:
            kwargs["from_graph"] = pyoxigraph.DefaultGraph()
        if prefixes and fmt in (pyoxigraph.RdfFormat.TURTLE, pyoxigraph.RdfFormat.TRIG, pyoxigraph.RdfFormat.RDF_XML):
            kwargs["prefixes"] = prefixes
        with self.reading() as ox:
            result = ox.dump(**kwargs)
        assert result is not None  # no output argument: Oxigraph returns the bytes
        return result

    def __len__(self) -> int:
        """Number of triples in the graph."""
        with self.reading() as ox:
            return len(ox)

    # --- writing the graph -------------------------------------------------------------

    def replace_graph(self, graph: rdflib.Graph) -> int:
        """Make ``graph`` the store's graph; returns the number of triples loaded.

        rdflib writes N-Triples and Oxigraph's bulk loader parses them into a new
        version: much faster than adding triples one by one through Python.  Readers
        see the old graph until the new one is complete.
        """
        import pyoxigraph

        data = graph.serialize(format="nt", encoding="utf-8")
        return self._write_version(lambda ox: ox.bulk_load(data, pyoxigraph.RdfFormat.N_TRIPLES),
                                   start_from_current=False)

    def replace_ntriples(self, data: bytes, info: dict[str, Any] | None = None) -> int:
        """:meth:`replace_graph` for a graph already written as N-Triples (no rdflib Graph).

        ``info`` is kept in the version's ``complete.json`` (see :attr:`graph_info`).
        """
        import pyoxigraph

        return self._write_version(lambda ox: ox.bulk_load(data, pyoxigraph.RdfFormat.N_TRIPLES),
                                   start_from_current=False, info=info)

    def update_graph(self, remove: Iterable[pyoxigraph.Triple] = (), add: Iterable[pyoxigraph.Triple] = (),
                     info: dict[str, Any] | None = None, expected: int | None = None) -> int:
        """Remove and add triples as one change; returns the number of triples after.

        ``info`` is kept in the new version's ``complete.json``, as in :meth:`replace_ntriples`.
        ``expected``, when the caller knows it (every removed triple is in the graph and
        no added one is), is the number of triples after the change: counting a big
        database takes longer than a small change.

        The new version starts as a backup of the current one (hard links, not a
        copy), so a small change costs little however big the graph is.  Readers see
        all of the change or none of it: it becomes visible with the version switch.
        """
        import pyoxigraph

        graph = pyoxigraph.DefaultGraph()
        removals = [pyoxigraph.Quad(t.subject, t.predicate, t.object, graph) for t in remove]
        additions = [pyoxigraph.Quad(t.subject, t.predicate, t.object, graph) for t in add]

        def change(ox: pyoxigraph.Store) -> None:
            for quad in removals:
                ox.remove(quad)
            ox.extend(additions)

        return self._write_version(change, start_from_current=True, info=info, expected=expected)

    def _write_version(self, fill: Callable[[pyoxigraph.Store], object], *, start_from_current: bool,
                       info: dict[str, Any] | None = None, expected: int | None = None) -> int:
        """Write the next version with ``fill``, then make it current; returns its number of triples.

        The database is closed before ``complete.json`` and the pointer are written:
        Oxigraph may still compact an open database, and readers must find final files.
        """
        import pyoxigraph

        if not self.writable:
            raise StoreError(f"the store {self.path} was opened for reading", fix="open it with Store(path, create=True)")
        self.collect_garbage()
        base = self.current_version() if start_from_current else None
        name = self._new_version_name()
        vdir = self.graphs_dir / name
        fix = "check the disk space and permissions, then rebuild"
        ok = False
        try:
            problem = None
            try:
                vdir.mkdir(parents=True)
                (vdir / VERSION_LOCK).touch()
                if base is not None:
                    with self.reading() as current:
                        current.backup(str(vdir / "oxigraph"))
                ox: pyoxigraph.Store | None = pyoxigraph.Store(str(vdir / "oxigraph"))
            except (OSError, RuntimeError) as exc:
                raise StoreError(f"cannot create a new graph version in {vdir} ({exc})", fix=fix) from None
            try:
                assert ox is not None
                fill(ox)
                ox.flush()
                count = len(ox) if expected is None else expected
            except (OSError, SyntaxError, RuntimeError, ValueError) as exc:
                # Kept as text: the exception's traceback would keep the database open.
                problem = " ".join(str(exc).split())
            ox = None  # the last reference: RocksDB closes and its files are final
            if problem is not None:
                raise StoreError(f"cannot write the graph to {vdir} ({problem})", fix=fix)
            info = {**(info or {}), "format": MANIFEST_FORMAT, "triples": count, "built": _now(), "base": base}
            try:
                _fsync_tree(vdir)  # the database reaches the disk before anything points at it
                _write_atomic(vdir / COMPLETE, json.dumps(info, indent=2).encode("utf-8") + b"\n", durable=True)
                _write_atomic(self.pointer_path, name.encode("ascii") + b"\n", durable=True)
            except OSError as exc:
                raise StoreError(f"cannot switch {self.pointer_path} to the new graph ({exc.strerror or exc})",
                                 fix=fix) from None
            ok = True
        finally:
            if not ok:
                ox = None
                shutil.rmtree(vdir, ignore_errors=True)
        self._release_version()
        self._pin()
        self.collect_garbage()
        return count

    def _new_version_name(self) -> str:
        numbers = [int(p.name) for p in self._version_dirs()]
        with contextlib.suppress(StoreError):
            current = self.current_version()
            if current is not None:
                numbers.append(int(current))
        return f"{max(numbers, default=0) + 1:06d}"

    def _version_dirs(self) -> list[Path]:
        try:
            return sorted(p for p in self.graphs_dir.iterdir() if _VERSION_NAME.match(p.name))
        except OSError:
            return []

    def collect_garbage(self) -> list[str]:
        """Delete the versions that are not current and that no reader holds; returns their names.

        Only a build (holding the build lock) deletes: a version that is not current
        is either old or a build's leftover after a crash.
        """
        if not self.writable:
            return []
        try:
            current = self.current_version()
        except StoreError:
            current = None
        removed = []
        for vdir in self._version_dirs():
            if vdir.name in (current, self._version):
                continue
            try:
                fh = open(vdir / VERSION_LOCK, "rb")  # noqa: SIM115 - closed below
            except OSError:
                fh = None  # never finished: nobody can be reading it
            try:
                if fh is not None and not _flock(fh, exclusive=True):
                    continue  # a reader still uses it; a later build deletes it
                # The marker goes first, so a reader that slips in sees an incomplete version.
                with contextlib.suppress(OSError):
                    (vdir / COMPLETE).unlink()
                shutil.rmtree(vdir, ignore_errors=True)
                removed.append(vdir.name)
            finally:
                if fh is not None:
                    fh.close()
        legacy = self.path / "oxigraph"
        if current is not None and legacy.is_dir():
            # The single database of stores written before graph versions; old readers
            # took the build lock shared, so holding it exclusively means none is open.
            shutil.rmtree(legacy, ignore_errors=True)
        return removed

    # --- the extraction cache ----------------------------------------------------------

    def cache_path(self, key: str) -> Path:
        return self.extractions_dir / f"{key}.json"

    def cached(self, article: Article, model: str, version: str) -> Extraction | None:
        """The cached extraction of ``article`` by this model and extractor version, if any."""
        path = self.cache_path(cache_key(article, model, version))
        if not path.is_file():
            return None
        try:
            return Extraction.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            # A damaged cache entry is not an error: extracting again repairs it.
            return None

    def has_cached(self, article: Article, model: str, version: str) -> bool:
        """Whether :meth:`cached` has an entry for ``article``, without building its records
        (a build asks this of every article it is given, and building them was most of
        an unchanged build).  An entry that is not a JSON object with its article is a miss."""
        path = self.cache_path(cache_key(article, model, version))
        try:
            data = json.loads(path.read_bytes())
        except (OSError, ValueError):
            return False
        return isinstance(data, dict) and isinstance(data.get("article"), dict)

    def save_extraction(self, extraction: Extraction, model: str, version: str, *, save_manifest: bool = True) -> str:
        """Cache ``extraction`` and record its article in the manifest; returns the cache key.

        The manifest is saved straight away by default, so an interrupted build keeps
        what it extracted.
        """
        article = extraction.article
        key = cache_key(article, model, version)
        # compact: json's C encoder does not indent, and nobody reads cache entries by hand
        data = json.dumps(extraction.to_dict(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        try:
            _write_atomic(self.cache_path(key), data)
        except OSError as exc:
            raise StoreError(f"cannot write the extraction cache in {self.extractions_dir} ({exc.strerror or exc})",
                             fix="check the disk space and permissions") from exc
        self.record_article(article, key, model, version, save=save_manifest)
        return key

    def record_article(self, article: Article, key: str, model: str, version: str, *, save: bool = True) -> None:
        """Point the manifest entry of ``article`` at cache entry ``key`` (and save the manifest)."""
        manifest = self.manifest
        manifest["articles"][article.id] = {
            "source": article.source,
            "sha256": article.sha256,
            "cache": key,
            "title": article.title,
            "model": model,
            "extractor_version": version,
        }
        manifest["model"] = model
        manifest["extractor_version"] = version
        if save:
            self.write_manifest()

    def all_extractions(self, known: dict[str, Extraction] | None = None) -> list[Extraction]:
        """The cached extraction of every article in the manifest, sorted by article id.

        ``known`` maps cache keys to extractions already in memory (those of the
        articles a build has just extracted), which are then not read back.
        """
        extractions, errors = self._load_extractions(known)
        if errors:
            raise errors[0]
        return extractions

    def usable_extractions(self) -> tuple[list[Extraction], list[InputError]]:
        """Like :meth:`all_extractions`, but a missing or damaged entry is dropped from the
        manifest and reported (the article is extracted again when it is next built)."""
        extractions, errors = self._load_extractions()
        if not errors:
            return extractions, []
        kept = {x.article.id for x in extractions}
        lost = [(aid, entry) for aid, entry in self.manifest["articles"].items() if aid not in kept]
        for article_id, _entry in lost:
            del self.manifest["articles"][article_id]
        self.write_manifest()
        return extractions, [
            InputError(f"the cached extraction of {article_id} is missing or damaged and was dropped",
                       path=entry.get("source") or article_id, fix="build the file again to extract it anew")
            for article_id, entry in lost
        ]

    def _load_extractions(self, known: dict[str, Extraction] | None = None) -> tuple[list[Extraction], list[StoreError]]:
        out: list[Extraction] = []
        errors: list[StoreError] = []
        for article_id, entry in sorted(self.manifest["articles"].items()):
            if known and str(entry.get("cache")) in known:
                out.append(known[str(entry.get("cache"))])
                continue
            path = self.cache_path(str(entry.get("cache")))
            try:
                out.append(Extraction.from_dict(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError):
                errors.append(StoreError(
                    f"the cached extraction of {article_id} ({path}) is missing or damaged",
                    fix=f"build {entry.get('source') or article_id} again, or run `kg build --rebuild`",
                ))
        return out, errors

    # --- the manifest ------------------------------------------------------------------

    @property
    def manifest(self) -> dict[str, Any]:
        """The manifest, loaded on first use (an empty one for a new store)."""
        if self._manifest is None:
            self._manifest = self._read_manifest()
        return self._manifest

    def _read_manifest(self) -> dict[str, Any]:
        empty: dict[str, Any] = {"format": MANIFEST_FORMAT, "articles": {}, "model": None}
        if not self.manifest_path.is_file():
            return empty
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self.manifest_path} is not valid JSON ({exc})", fix=REBUILD_FIX) from exc
        if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
            raise StoreError(f"{self.manifest_path} is not a kg manifest", fix=REBUILD_FIX)
        data.pop("triples", None)  # kept in complete.json of each graph version now
        data.pop("built", None)
        return {**empty, **data}

    def recover_manifest(self) -> int:
        """Write a new manifest from the extraction cache (the newest entry per article id).

        For a manifest that cannot be read; returns the number of articles recovered.
        """
        newest: dict[str, tuple[float, str, Extraction]] = {}
        for path in sorted(self.extractions_dir.glob("*.json")):
            try:
                x = Extraction.from_dict(json.loads(path.read_text(encoding="utf-8")))
                mtime = path.stat().st_mtime
            except (OSError, ValueError, KeyError, TypeError):
                continue
            seen = newest.get(x.article.id)
            if seen is None or mtime > seen[0]:
                newest[x.article.id] = (mtime, path.stem, x)
        self._manifest = {"format": MANIFEST_FORMAT, "articles": {}, "model": None}
        for _mtime, key, x in newest.values():
            self.record_article(x.article, key, x.model, x.extractor_version, save=False)
        self.write_manifest()
        return len(newest)

    def write_manifest(self) -> None:
        data = json.dumps(self.manifest, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8")
        try:
            _write_atomic(self.manifest_path, data + b"\n")
        except OSError as exc:
            raise StoreError(f"cannot write {self.manifest_path} ({exc.strerror or exc})",
                             fix="check the disk space and permissions") from exc

    def articles(self) -> dict[str, dict[str, Any]]:
        """Manifest entries by article id."""
        return dict(self.manifest["articles"])

    # --- lifecycle ---------------------------------------------------------------------

    def close(self) -> None:
        """Release the database and the locks (idempotent)."""
        self._release_version()
        if self._lock_file is not None:
            self._lock_file.close()
            self._lock_file = None

    def __enter__(self) -> Store:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def __del__(self) -> None:
        with contextlib.suppress(Exception):
            self.close()

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r}{', create=True' if self.writable else ''})"


def rdf_format(format: str | pyoxigraph.RdfFormat) -> pyoxigraph.RdfFormat:
    """A ``pyoxigraph.RdfFormat`` from a kg format name (or a format, returned as is)."""
    import pyoxigraph

    if isinstance(format, pyoxigraph.RdfFormat):
        return format
    names = {
        "turtle": pyoxigraph.RdfFormat.TURTLE,
        "ttl": pyoxigraph.RdfFormat.TURTLE,
        "trig": pyoxigraph.RdfFormat.TRIG,
        "nt": pyoxigraph.RdfFormat.N_TRIPLES,
        "ntriples": pyoxigraph.RdfFormat.N_TRIPLES,
        "nq": pyoxigraph.RdfFormat.N_QUADS,
        "nquads": pyoxigraph.RdfFormat.N_QUADS,
        "jsonld": pyoxigraph.RdfFormat.JSON_LD,
        "json-ld": pyoxigraph.RdfFormat.JSON_LD,
        "rdfxml": pyoxigraph.RdfFormat.RDF_XML,
        "xml": pyoxigraph.RdfFormat.RDF_XML,
    }
    try:
        return names[format.lower()]
    except KeyError:
        from kg.errors import UsageError

        raise UsageError(f"unknown RDF format {format!r}", fix=f"use one of {', '.join(DUMP_FORMATS)}") from None
