"""The on-disk store directory: the built graph, the extraction cache and the manifest.

::

    <store>/
      oxigraph/                 pyoxigraph.Store (RocksDB) holding the graph in the default graph
      extractions/<key>.json    Extraction.to_dict() per article
      manifest.json             {"articles": {id: {...}}, "model": ..., "built": ...}
      kg.lock                   advisory lock: one build at a time, no reads during a build

Extraction is the slow step, so its results are cached per article under a key that
changes whenever the article, the extractor or the model changes.  Resolution and
RDF generation are cheap and global, so every build re-runs them over the cached
extractions of *all* articles in the manifest and replaces the whole graph.

The Oxigraph database is opened lazily, on the first graph operation: a build opens
it only after extraction, because processes forked while an on-disk Oxigraph store
is open can hang.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import hashlib
import json
import os
import tempfile
from pathlib import Path
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any

from kg.errors import StoreError
from kg.records import Article, Extraction

if TYPE_CHECKING:  # heavy or optional imports, for annotations only
    import pyoxigraph
    import rdflib

__all__ = ["Store", "DEFAULT_STORE", "STORE_ENV", "default_store_path", "cache_key"]

DEFAULT_STORE = ".kg"
STORE_ENV = "KG_STORE"
MANIFEST_FORMAT = 1

#: Formats ``Store.dump`` accepts by name (besides a ``pyoxigraph.RdfFormat``).
DUMP_FORMATS = ("turtle", "trig", "nt", "nq", "jsonld", "rdfxml")


def default_store_path() -> Path:
    """``$KG_STORE`` if set, else ``.kg`` in the working directory."""
    return Path(os.environ.get(STORE_ENV) or DEFAULT_STORE)


def cache_key(article: Article, model: str, version: str) -> str:
    """sha256 of the article's hash, the extractor version and the model name.

    NUL separators keep ("ab", "c") and ("a", "bc") from colliding.
    """
    raw = "\0".join((article.sha256, version, model)).encode("utf-8")
    return hashlib.sha256(raw).hexdigest()


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat()


def _write_atomic(path: Path, data: bytes) -> None:
    """Write via a temporary file and rename, so a crash never leaves half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class Store:
    """A kg store directory.

    ``Store(path)`` opens an existing store for reading and raises :class:`StoreError`
    when there is no built graph there.  ``Store(path, create=True)`` opens it for
    building (creating the directory if needed) and takes the store's lock, so two
    builds cannot run at once.  Use it as a context manager, or call :meth:`close`.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, create: bool = False) -> None:
        self.path = Path(path).expanduser() if path is not None else default_store_path()
        self.writable = create
        self._ox: pyoxigraph.Store | None = None
        self._manifest: dict[str, Any] | None = None
        self._lock_file: IO[bytes] | None = None
        if create:
            if self.path.exists() and not self.path.is_dir():
                raise StoreError(f"{self.path} is a file, not a store directory", fix="pass --store DIR")
            try:
                self.extractions_dir.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"cannot create the store at {self.path} ({exc.strerror or exc})",
                                 fix="pass --store DIR with a writable directory") from exc
        elif not self.has_graph():
            raise StoreError(f"no graph at {self.path}", fix="run `kg build PATH` first or pass --store")
        self._lock(exclusive=create)

    # --- paths -------------------------------------------------------------------------

    @property
    def oxigraph_dir(self) -> Path:
        return self.path / "oxigraph"

    @property
    def extractions_dir(self) -> Path:
        return self.path / "extractions"

    @property
    def manifest_path(self) -> Path:
        return self.path / "manifest.json"

    def has_graph(self) -> bool:
        """True once a graph has been written (RocksDB's ``CURRENT`` file exists)."""
        return (self.oxigraph_dir / "CURRENT").is_file()

    # --- locking -----------------------------------------------------------------------

    def _lock(self, *, exclusive: bool) -> None:
        """Advisory lock: builders exclusive, readers shared, never waiting.

        Oxigraph itself only locks read-write opens; readers use its read-only mode
        (so several queries can run at once), which must not overlap a write.  This
        lock makes both cases a clear error instead of a hang or undefined behaviour.
        """
        try:
            import fcntl
        except ImportError:  # Windows: rely on Oxigraph's own lock
            return
        lock_path = self.path / "kg.lock"
        try:
            fh = open(lock_path, "a+b")  # noqa: SIM115 - held until close()
        except OSError:
            if exclusive:
                raise StoreError(f"cannot write the lock file {lock_path}", fix="pass --store DIR with a writable directory")
            return  # a read-only directory: nobody can be building in it through kg
        try:
            fcntl.flock(fh.fileno(), (fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH) | fcntl.LOCK_NB)
        except OSError as exc:
            fh.close()
            raise self._locked_error() from exc
        self._lock_file = fh

    def _locked_error(self) -> StoreError:
        if self.writable:
            return StoreError(
                f"the store {self.path} is in use by another kg process",
                fix="wait for it to finish, or pass --store DIR to build elsewhere",
            )
        return StoreError(
            f"the store {self.path} is being rebuilt by another kg process",
            fix="wait for the build to finish and try again",
        )

    # --- the Oxigraph database ---------------------------------------------------------

    @property
    def oxigraph(self) -> pyoxigraph.Store:
        """The Oxigraph database, opened on first use (read-only unless building)."""
        if self._ox is None:
            import pyoxigraph

            try:
                if self.writable:
                    self.oxigraph_dir.mkdir(parents=True, exist_ok=True)
                    self._ox = pyoxigraph.Store(str(self.oxigraph_dir))
                else:
                    self._ox = pyoxigraph.Store.read_only(str(self.oxigraph_dir))
            except OSError as exc:
                text = str(exc)
                if "lock" in text.lower():
                    raise self._locked_error() from exc
                raise StoreError(
                    f"cannot open the graph database in {self.oxigraph_dir} ({text})",
                    fix="rebuild it with `kg build PATH` (delete the directory first if it is corrupt)",
                ) from exc
        return self._ox

    def replace_graph(self, graph: rdflib.Graph) -> int:
        """Replace the default graph with ``graph``; returns the number of triples loaded.

        rdflib writes N-Triples and Oxigraph's bulk loader parses them: much faster than
        adding triples one by one through Python.
        """
        import pyoxigraph

        if not self.writable:
            raise StoreError(f"the store {self.path} was opened for reading", fix="open it with Store(path, create=True)")
        data = graph.serialize(format="nt", encoding="utf-8")
        ox = self.oxigraph
        try:
            ox.clear_graph(pyoxigraph.DefaultGraph())
            ox.bulk_load(data, pyoxigraph.RdfFormat.N_TRIPLES)
            ox.flush()
        except (OSError, SyntaxError) as exc:
            raise StoreError(f"cannot write the graph to {self.oxigraph_dir} ({exc})",
                             fix="check the disk space and permissions, then rebuild") from exc
        count = len(ox)
        manifest = self.manifest
        manifest["triples"] = count
        manifest["built"] = _now()
        self.write_manifest()
        return count

    def query(self, sparql: str, **options: Any) -> Any:
        """Run SPARQL on the default graph: ``QuerySolutions``, ``QueryBoolean`` or ``QueryTriples``.

        Raises pyoxigraph's ``SyntaxError`` unchanged; :mod:`kg.query` turns it into a
        :class:`~kg.errors.QueryError` with line and column.
        """
        return self.oxigraph.query(sparql, **options)

    def dump(self, format: str | pyoxigraph.RdfFormat = "turtle", prefixes: dict[str, str] | None = None) -> bytes:
        """Serialise the default graph (``turtle``, ``trig``, ``nt``, ``nq``, ``jsonld``, ``rdfxml``)."""
        import pyoxigraph

        fmt = rdf_format(format)
        kwargs: dict[str, Any] = {"format": fmt}
        if not fmt.supports_datasets:
            kwargs["from_graph"] = pyoxigraph.DefaultGraph()
        if prefixes and fmt in (pyoxigraph.RdfFormat.TURTLE, pyoxigraph.RdfFormat.TRIG, pyoxigraph.RdfFormat.RDF_XML):
            kwargs["prefixes"] = prefixes
        result = self.oxigraph.dump(**kwargs)
        assert result is not None  # no output argument: Oxigraph returns the bytes
        return result

    def __len__(self) -> int:
        """Number of triples in the graph."""
        return len(self.oxigraph)

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

    def save_extraction(self, extraction: Extraction, model: str, version: str, *, save_manifest: bool = True) -> str:
        """Cache ``extraction`` and record its article in the manifest; returns the cache key.

        The manifest is saved straight away by default, so an interrupted build keeps
        what it extracted.
        """
        article = extraction.article
        key = cache_key(article, model, version)
        data = json.dumps(extraction.to_dict(), ensure_ascii=False, indent=1).encode("utf-8")
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

    def all_extractions(self) -> list[Extraction]:
        """The cached extraction of every article in the manifest, sorted by article id."""
        out: list[Extraction] = []
        for article_id, entry in sorted(self.manifest["articles"].items()):
            path = self.cache_path(entry["cache"])
            try:
                out.append(Extraction.from_dict(json.loads(path.read_text(encoding="utf-8"))))
            except (OSError, ValueError, KeyError, TypeError) as exc:
                raise StoreError(
                    f"the cached extraction of {article_id} ({path}) is missing or damaged",
                    fix=f"build {entry.get('source') or article_id} again, or delete {self.path} and rebuild",
                ) from exc
        return out

    # --- the manifest ------------------------------------------------------------------

    @property
    def manifest(self) -> dict[str, Any]:
        """The manifest, loaded on first use (an empty one for a new store)."""
        if self._manifest is None:
            self._manifest = self._read_manifest()
        return self._manifest

    def _read_manifest(self) -> dict[str, Any]:
        empty: dict[str, Any] = {"format": MANIFEST_FORMAT, "articles": {}, "model": None, "built": None}
        if not self.manifest_path.is_file():
            return empty
        try:
            data = json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreError(f"{self.manifest_path} is not valid JSON ({exc})",
                             fix=f"delete {self.path} and rebuild") from exc
        if not isinstance(data, dict) or not isinstance(data.get("articles"), dict):
            raise StoreError(f"{self.manifest_path} is not a kg manifest", fix=f"delete {self.path} and rebuild")
        return {**empty, **data}

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
        """Release the database and the lock (idempotent)."""
        if self._ox is not None:
            if self.writable:
                with contextlib.suppress(OSError):
                    self._ox.flush()
            # pyoxigraph has no close(): dropping the last reference closes RocksDB.
            self._ox = None
        if self._lock_file is not None:
            self._lock_file.close()  # closing the descriptor releases the flock
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

