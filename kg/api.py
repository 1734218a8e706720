"""The library API that the CLI wraps: build, query, export, visualise, why.

::

    from kg import api
    report = api.build(["seeds/"], store=".kg")              # BuildReport
    result = api.query("queries/remain_jailed.rq")          # QueryResult
    data   = api.export(format="turtle")                    # bytes
    path   = api.visualise(output="graph.html", focus="Kowalczyk")

``store`` is a store directory (default ``$KG_STORE`` or ``.kg``) or an open
:class:`~kg.store.Store`.  Every error is a :class:`~kg.errors.KgError`.

spaCy, rdflib, networkx and pyvis are imported inside the functions that need them,
so importing this module (and ``kg --help``) stays instant.
"""
from __future__ import annotations

import contextlib
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from kg.errors import InputError, KgError, StoreError, UsageError
from kg.inputs import leave_out, skipped_note
from kg.limits import DEFAULT_TIMEOUT
from kg.outputs import write_output
from kg.remote import is_url
from kg.store import Store, cache_key, default_store_path

if TYPE_CHECKING:
    from kg.query import QueryResult
    from kg.records import Article, Extraction

__all__ = ["BuildReport", "build", "forget", "query", "export", "graph", "stats", "validate", "visualise", "why",
           "queries_dir"]

StoreLike = Union[Store, str, "os.PathLike[str]", None]


# --- build ---------------------------------------------------------------------------


@dataclass
class BuildReport:
    """What one ``build`` did."""

    store: Path
    model: str
    read: int = 0  # articles read from the inputs given
    extracted: int = 0  # of those, extracted now
    reused: int = 0  # of those, taken from the extraction cache
    failed: list[InputError] = field(default_factory=list)  # inputs that could not be read or extracted
    articles: int = 0  # articles in the store after the build (earlier builds included)
    persons: int = 0
    events: int = 0
    triples: int = 0
    seconds: float = 0.0
    graph_written: bool = False  # False: the store (if any) keeps the graph it had
    rebuilt: bool = False  # the graph was rebuilt from the extraction cache on request
    undated: list[str] = field(default_factory=list)  # sources of articles read now with no published date
    skipped: list[str] = field(default_factory=list)  # annotation files found in folders and left out

    @property
    def ok(self) -> bool:
        return not self.failed

    @property
    def exit_code(self) -> int:
        return InputError.exit_code if self.failed else 0

    def summary(self) -> str:
        """One line for people."""
        def n(count: int, noun: str) -> str:
            return f"{count:,} {noun}{'' if count == 1 else 's'}"

        if not self.graph_written:
            failed = f" ({n(len(self.failed), 'input')} failed)" if self.failed else ""
            return f"nothing built: no article could be read or extracted{failed}" + skipped_note(self.skipped)
        earlier = self.articles - self.read
        if self.rebuilt and not self.read:
            return (f"rebuilt {self.store} from the extraction cache: {n(self.articles, 'article')}"
                    + (f" ({len(self.failed)} damaged cache entr{'y' if len(self.failed) == 1 else 'ies'} dropped)" if self.failed else "")
                    + f"; {n(self.persons, 'person')}, {n(self.events, 'event')}, {n(self.triples, 'triple')}"
                    + f" in {self.seconds:.1f}s")
        parts = [
            f"built {self.store}: {n(self.read, 'article')} read ({self.extracted} extracted, {self.reused} from cache"
            + (f", {n(len(self.failed), 'input')} failed" if self.failed else "")
            + ")",
        ]
        if earlier > 0:
            parts.append(f"{earlier} kept from earlier builds")
        parts.append(f"{n(self.persons, 'person')}, {n(self.events, 'event')}, {n(self.triples, 'triple')} in {self.seconds:.1f}s")
        line = "; ".join(parts)
        if self.skipped:
            line += skipped_note(self.skipped)
        if self.undated:
            shown = ", ".join(self.undated[:3]) + (f" and {len(self.undated) - 3} more" if len(self.undated) > 3 else "")
            line += (f"\nnote: {n(len(self.undated), 'article')} with no published date ({shown}): built, but days and "
                     "weekdays in them stay unresolved; add 'published: YYYY-MM-DD' front matter or a 'date YYYY-MM-DD' first line")
        return line


def build(
    paths: Iterable[str | os.PathLike[str]] | str | os.PathLike[str] = (),
    store: StoreLike = None,
    model: str | None = None,
    progress: bool = True,
    jobs: int = 1,
    rebuild: bool = False,
    exclude: Sequence[str] = (),
    cluster: str | None = None,
) -> BuildReport:
    """Read ``paths``, extract what is not cached, and rebuild the store's graph.

    Articles given now are added or updated; articles built earlier stay.  The graph
    is the one resolution over every article in the store gives; when few articles
    change, only what they touch is resolved and written again (:mod:`kg.incremental`).
    Inputs that cannot be read (or
    extracted) are listed in ``BuildReport.failed``; the others are still built.
    When nothing can be read, the store is left as it was.

    ``exclude`` globs leave out the files they match (by path or by file name); in
    folders, annotation files (``gold*.jsonl``) are left out too, and named in
    ``BuildReport.skipped``.

    ``rebuild`` writes the graph again from the extraction cache even with no
    ``paths`` (the way to repair a damaged database): a manifest that cannot be read
    is recovered from the cache, and a damaged cache entry is dropped and reported.

    The graph is switched in only once it is complete: interrupted at any point, the
    store keeps the graph it had, and readers are never locked out.

    ``cluster`` is the address of a Dask scheduler to extract on (see :mod:`kg.cluster`).
    """
    from kg.extract import EXTRACTOR_VERSION
    from kg.nlp import model_name
    from kg.read import read_paths

    started = time.monotonic()
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    paths = [os.fspath(p) for p in paths]
    if jobs < 1:
        raise UsageError(f"--jobs must be 1 or more, not {jobs}")
    if not paths and not rebuild:
        raise UsageError("no files or folders to build", fix="name them, or pass --rebuild to rebuild the graph from the cache")
    if is_url(store):
        from kg.remote import build_remote

        return build_remote(paths, str(store), model=model, progress=progress, jobs=jobs, rebuild=rebuild, cluster=cluster)
    result = read_paths(paths)
    skipped = leave_out(result, paths, exclude)
    # The model name is part of every cache key, but with nothing readable there is
    # nothing to look up, and no reason to fail when no model is installed.
    name = model_name(model) if result.articles else (model or "")
    failed: list[InputError] = list(result.errors)
    path = Path(store).expanduser() if isinstance(store, (str, os.PathLike)) else _default_path(store)
    if not result.articles and not rebuild:
        # Nothing to add: do not create an empty store, nor rewrite an existing graph.
        return BuildReport(store=path, model=name, failed=failed, seconds=time.monotonic() - started, skipped=skipped)
    if rebuild and not isinstance(store, Store) and not (path / "manifest.json").exists() \
            and not (path / "extractions").is_dir():
        raise StoreError(f"nothing to rebuild at {path}: no store there", fix="run `kg build PATH` first or pass --store")

    with _open(store, create=True) as st:
        report = BuildReport(store=st.path, model=name, read=len(result.articles), failed=failed, rebuilt=rebuild,
                             undated=[a.source for a in result.articles if not a.published], skipped=skipped)
        if rebuild:
            try:
                st.manifest  # noqa: B018 - reading it is the check
            except StoreError as exc:
                recovered = st.recover_manifest()
                if progress:
                    print(f"{exc.reason}: recovered {recovered} articles from the extraction cache", file=sys.stderr)

        todo: list[Article] = []
        for article in result.articles:
            if not st.has_cached(article, name, EXTRACTOR_VERSION):
                todo.append(article)
            else:
                st.record_article(article, cache_key(article, name, EXTRACTOR_VERSION), name, EXTRACTOR_VERSION, save=False)
                report.reused += 1
        st.write_manifest()

        fresh: dict[str, Extraction] = {}  # by cache key: not read back from the disk
        if todo:
            # The manifest is saved every MANIFEST_SECONDS and when extraction stops, for
            # whatever reason (not after every article: it grows with the store, and
            # writing it whole per article made a long build quadratic).  A killed build
            # loses at most those seconds of records; their cache entries stay on disk.
            saved = time.monotonic()
            try:
                for article, outcome in _extract(todo, name, jobs, progress, cluster):
                    if isinstance(outcome, Exception):
                        failed.append(_extraction_failed(article, outcome))
                        continue
                    fresh[st.save_extraction(outcome, name, EXTRACTOR_VERSION, save_manifest=False)] = outcome
                    report.extracted += 1
                    if time.monotonic() - saved >= MANIFEST_SECONDS:
                        st.write_manifest()
                        saved = time.monotonic()
            finally:
                st.write_manifest()

        if st.manifest["articles"] and not rebuild and not fresh and _graph_is_current(st, report):
            pass  # every article cached and the graph made from exactly these: nothing to write
        elif st.manifest["articles"]:
            _rebuild_graph(st, report, drop_damaged=rebuild, known=fresh)
    report.seconds = time.monotonic() - started
    return report


def _default_path(store: StoreLike) -> Path:
    return store.path if isinstance(store, Store) else default_store_path()


def _articles_digest(manifest: dict[str, Any]) -> str:
    """Which extractions a graph is made of: sha256 of the article ids and cache keys."""
    import hashlib

    h = hashlib.sha256()
    for aid, entry in sorted(manifest["articles"].items()):
        h.update(f"{aid}\0{entry.get('cache')}\n".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _graph_is_current(st: Store, report: BuildReport) -> bool:
    """Whether the store's graph was made from exactly the manifest's extractions (then
    fill ``report`` from it): an unchanged build need not write the graph again."""
    info = st.graph_info
    if not st.has_graph() or info.get("articles") != _articles_digest(st.manifest):
        return False
    try:
        bool(st.query("ASK { ?s ?p ?o }"))  # the database opens and reads
    except (StoreError, OSError, RuntimeError, ValueError):
        return False  # damaged: write it again
    report.persons, report.events = int(info.get("persons", 0)), int(info.get("events", 0))
    report.triples = int(info.get("triples", 0))
    report.articles = len(st.manifest["articles"])
    report.graph_written = True
    return True


def _rebuild_graph(st: Store, report: BuildReport, *, drop_damaged: bool = False,
                   known: dict[str, Extraction] | None = None) -> None:
    """Bring the graph up to the manifest: only what the changed articles touch when the
    store's graph index allows it (:mod:`kg.incremental`), else resolve over every
    cached extraction and replace the graph."""
    from kg import incremental

    with _cyclic_gc_paused():
        done = None if drop_damaged else incremental.update(st, _articles_digest(st.manifest), known)
        if done is None:
            if drop_damaged:
                extractions, lost = st.usable_extractions()
                report.failed.extend(lost)
            else:
                extractions = st.all_extractions(known)
            # The database is opened only now, after extraction (forked workers and an open
            # on-disk Oxigraph store do not mix).
            done = incremental.build_full(st, extractions, _articles_digest(st.manifest))
    report.triples, report.persons, report.events = done
    report.graph_written = True
    report.articles = len(st.manifest["articles"])


@contextlib.contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while the graph is written.  The step makes
    hundreds of thousands of objects that form no cycles, and each full collection walks
    every object of the process (the loaded model, the store's index): at a million
    triples that was a third of adding one article.  Reference counting still frees
    everything as usual; the collector runs again when the step ends."""
    import gc

    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _extraction_failed(article: Article, exc: Exception) -> InputError:
    detail = str(exc).splitlines()[0] if str(exc) else ""
    return InputError(
        f"extraction failed ({type(exc).__name__}{': ' + detail if detail else ''})",
        path=article.source,
        fix="the other articles were built; please report this with the file",
    )


def _extract(articles: Sequence[Article], model: str, jobs: int, progress: bool,
             cluster: str | None = None) -> Iterator[tuple[Article, Extraction | Exception]]:
    """Extract ``articles`` in order, yielding each with its extraction or its error.

    One article whose extraction raises must not lose the whole build, so errors are
    yielded, not raised, except :class:`KgError` s that are not about one input (a
    missing model).
    """
    from tqdm import tqdm

    if cluster:
        from kg.cluster import extract_on_cluster

        source = extract_on_cluster(articles, model, cluster)
    elif jobs > 1 and len(articles) > 1:
        if progress:
            print(f"loading spaCy model {model}, starting {jobs} workers...", file=sys.stderr)
        source = _extract_parallel(articles, model, jobs)
    else:
        if progress:
            print(f"loading spaCy model {model}...", file=sys.stderr)
        source = _extract_serial(articles, _load(model))
    bar = tqdm(total=len(articles), desc="extracting", unit="article", file=sys.stderr, disable=not progress,
               dynamic_ncols=True)
    try:
        for article, outcome in source:
            bar.set_postfix_str(article.id[:40], refresh=False)
            bar.update(1)
            yield article, outcome
    finally:
        bar.close()


def _load(model: str) -> Any:
    from kg.nlp import load_model

    return load_model(model)


def _extract_serial(articles: Sequence[Article], nlp: Any) -> Iterator[tuple[Article, Extraction | Exception]]:
    from kg.extract import extract_all

    remaining = list(articles)
    while remaining:
        done = 0
        try:
            # extract_all batches the parser; it yields in input order, so the article
            # being worked on when it raises is remaining[done].
            for extraction in extract_all(remaining, nlp):
                yield remaining[done], extraction
                done += 1
            remaining = []
        except KgError as exc:
            if not isinstance(exc, InputError):
                raise
            yield remaining[done], exc
            remaining = remaining[done + 1 :]
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the build
            yield remaining[done], exc
            remaining = remaining[done + 1 :]


_WORKER_NLP: Any = None


def _worker_init(model: str) -> None:
    global _WORKER_NLP
    from kg.nlp import load_model

    _WORKER_NLP = load_model(model)


def _worker_extract(articles: list[Article]) -> list[tuple[Article, Extraction | Exception]]:
    return list(_extract_serial(articles, _WORKER_NLP))


#: How often a build saves its manifest while it extracts (seconds).
MANIFEST_SECONDS = 2.0

#: Articles per task in ``-j`` workers: enough for ``nlp.pipe`` to batch.
WORKER_BATCH = 4


def _extract_parallel(articles: Sequence[Article], model: str, jobs: int) -> Iterator[tuple[Article, Extraction | Exception]]:
    """Extract in ``jobs`` worker processes, with the model loaded once per process.

    The articles go out in small batches, each parsed with one ``nlp.pipe``.  Where
    the platform has ``fork`` (Linux), the model is loaded here and the workers are
    forked from this process before it starts any thread, so they share the loaded
    model and start at once (what spaCy's own ``n_process`` does).  Elsewhere they are
    spawned and each loads the model.  Either way the workers are started here, not
    on the first read of the iterator returned.
    """
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    batch = max(1, min(WORKER_BATCH, len(articles) // jobs))
    batches = [list(articles[i:i + batch]) for i in range(0, len(articles), batch)]
    if sys.platform.startswith("linux"):
        global _WORKER_NLP
        _WORKER_NLP = _load(model)  # inherited by the forked workers
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(batches)), mp_context=multiprocessing.get_context("fork"))
    else:
        pool = ProcessPoolExecutor(max_workers=min(jobs, len(batches)), mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_worker_init, initargs=(model,))
    try:
        futures = [pool.submit(_worker_extract, b) for b in batches]
    except BaseException:
        pool.shutdown(cancel_futures=True)
        raise
    return _parallel_results(pool, batches, futures)


def _parallel_results(pool: Any, batches: list[list[Article]],
                      futures: list[Any]) -> Iterator[tuple[Article, Extraction | Exception]]:
    with pool:
        for chunk, future in zip(batches, futures):
            try:
                yield from future.result()
            except KgError as exc:
                if not isinstance(exc, InputError):
                    for f in futures:
                        f.cancel()
                    raise
                for article in chunk:
                    yield article, exc
            except Exception as exc:  # noqa: BLE001 - see _extract_serial
                for article in chunk:
                    yield article, exc


def forget(articles: Iterable[str], store: StoreLike = None) -> Any:
    """Remove ``articles`` (ids, source paths or file names) and everything only they
    supported: the graph becomes the one the articles that remain give, from the
    extraction cache (no model needed; an increment when few articles go).  Returns a :class:`kg.forget.ForgetReport`;
    see :mod:`kg.forget`."""
    from kg.forget import forget_articles

    if is_url(store):
        from kg.remote import forget_remote

        return forget_remote(list(articles), str(store))
    path = Path(store).expanduser() if isinstance(store, (str, os.PathLike)) else _default_path(store)
    if not isinstance(store, Store) and not (path / "manifest.json").is_file():
        raise StoreError(f"no store at {path}", fix="run `kg build PATH` first or pass --store")
    with _open(store, create=True) as st:
        return forget_articles(st, articles)


def stats(store: StoreLike = None) -> Any:
    """What the store holds: a :class:`~kg.stats.StoreStats` (articles, people, events by
    type, people by current status, triples, size on disk, model, extractor version)."""
    from kg.stats import stats as _stats

    if is_url(store):
        from kg.stats import stats_remote

        return stats_remote(str(store))
    path = store.path if isinstance(store, Store) else (Path(store).expanduser() if store is not None else default_store_path())
    return _stats(path)


# --- reading the store ---------------------------------------------------------------


@contextlib.contextmanager
def _open(store: StoreLike, *, create: bool = False) -> Iterator[Store]:
    """A Store for ``store`` (a path, None for the default, or an open Store, left open)."""
    if isinstance(store, Store):
        yield store
        return
    if is_url(store):
        from kg.remote import RemoteStore

        yield RemoteStore(str(store))  # type: ignore[misc]
        return
    path = Path(store).expanduser() if store is not None else None
    st = Store(path, create=create)
    try:
        yield st
    finally:
        st.close()


def query(text_or_path: str | os.PathLike[str], store: StoreLike = None, *, timeout: float | None = DEFAULT_TIMEOUT,
          limit: int | None = None, allow_service: bool = False) -> QueryResult:
    """Run SPARQL (text or a ``.rq`` file) on the store; the result is fully materialised.

    The query runs in a child process: after ``timeout`` seconds (None or 0: no
    limit) it is stopped and :class:`~kg.errors.QueryError` raised; Ctrl-C stops it
    at once.  ``limit`` keeps the first rows only (``result.truncated`` says whether
    there were more).  ``SERVICE`` calls to other endpoints are refused unless
    ``allow_service``.  The store may be a path or an open Store (whose directory
    is read again, at its current graph).
    """
    from kg.limits import run_bounded

    if is_url(store):
        from kg.remote import query_remote

        return query_remote(text_or_path, str(store), timeout=timeout, limit=limit, allow_service=allow_service)
    path = store.path if isinstance(store, Store) else (Path(store).expanduser() if store is not None else default_store_path())
    return run_bounded(path, text_or_path, timeout=timeout, max_rows=limit or None, allow_service=allow_service)


def export(store: StoreLike = None, format: str = "turtle", include_ontology: bool = False,
           output: str | os.PathLike[str] | None = None) -> bytes:
    """The graph as ``turtle``, ``trig``, ``nt``, ``nq`` or ``jsonld`` bytes (also written to ``output``).

    ``graphml`` and ``gexf`` give the drawn graph for Gephi or Cytoscape; ``csv`` writes
    ``nodes.csv`` and ``edges.csv`` into the folder ``output`` and returns ``b""``.
    """
    from kg.export import export as _export
    from kg.networks import NETWORK_FORMATS

    if format in NETWORK_FORMATS:
        return _export_network(store, format, output)
    with _open(store) as st:
        data = _export(st, format=format, include_ontology=include_ontology)
    if output is not None:
        write_output(output, data)
    return data


def _export_network(store: StoreLike, format: str, output: str | os.PathLike[str] | None) -> bytes:
    from kg.networks import network_graph, to_bytes, write_csv

    if format == "csv" and output is None:
        raise UsageError("CSV export writes two files, nodes.csv and edges.csv", fix="pass -o FOLDER")
    with _open(store) as st:
        G = network_graph(st)
    if format == "csv":
        assert output is not None
        write_csv(G, output)
        return b""
    data = to_bytes(G, format)
    if output is not None:
        write_output(output, data)
    return data


def graph(store: StoreLike = None) -> Any:
    """The store's graph as an in-memory ``rdflib.Graph`` (a copy: later builds do not change it).

    For code written against rdflib; SPARQL through :func:`query` is much faster on big graphs.
    """
    import rdflib

    from kg.query import PREFIXES

    with _open(store) as st:
        data = st.dump("nt")
    g = rdflib.Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns, override=True)
    g.parse(data=data, format="nt")
    return g


def validate(store: StoreLike = None, shapes: str | os.PathLike[str] | None = None) -> Any:
    """Check the graph against ``ontology/shapes.ttl`` (or ``shapes``) with pySHACL: a
    :class:`~kg.validate.ValidationReport` (``conforms``, ``violations``, ``text``)."""
    from kg.validate import validate as _validate

    with _open(store) as st:
        return _validate(st, Path(shapes) if shapes is not None else None)


def visualise(store: StoreLike = None, output: str | os.PathLike[str] = "graph.html", focus: str | None = None,
              depth: int = 2, include_articles: bool = False, explorer: bool | None = None) -> Path:
    """Write the interactive graph page; ``focus`` keeps a person's neighbourhood only.

    ``explorer`` (the default without ``focus`` and ``include_articles``) writes the
    full-size page of :mod:`kg.graphpage` (fixed layout, search, filters, side panel,
    re-focus); otherwise the network page of :mod:`kg.viz` is written.
    """
    if explorer is None:
        explorer = focus is None and not include_articles
    if explorer:
        from kg.graphpage import write_page
        from kg.viz import _as_rdflib

        with _open(store) as st:
            g = _as_rdflib(st)
        return write_page(g, Path(output), focus=focus)
    from kg.viz import visualise as _visualise

    with _open(store) as st:
        source: Any = st
        if is_url(store):  # a SPARQL server: the page is drawn from a copy of the graph
            import rdflib

            source = rdflib.Graph().parse(data=st.dump("nt").decode("utf-8"), format="nt")
        return _visualise(source, Path(output), focus=focus, depth=depth, include_articles=include_articles)


# --- why -----------------------------------------------------------------------------

_PEOPLE = """
SELECT ?person ?name ?label WHERE {
  ?person a kg:Person ; rdfs:label ?name .
  OPTIONAL { { ?person skos:altLabel ?label } UNION { ?person skos:prefLabel ?label } }
}
"""


def queries_dir() -> Path:
    """The repository's ``queries/`` folder (next to the package)."""
    return Path(__file__).resolve().parent.parent / "queries"


def why(name: str, store: StoreLike = None) -> QueryResult:
    """Every fact about the person called ``name``, with its sentence and source.

    Runs ``queries/why.rq`` with ``?person`` bound to each matching person (matched
    like ``--focus``: any name, case and accents ignored, part of a name is enough).
    """
    import pyoxigraph

    from kg.query import run_query
    from kg.viz import Named, match_names, suggest_names

    path = queries_dir() / "why.rq"
    if not path.is_file():
        raise StoreError(f"the query file {path} is missing", fix="run kg from a checkout of the repository")
    with _open(store) as st:
        people: dict[str, Named] = {}
        for row in run_query(st, _PEOPLE).rows:
            key = row["person"].value
            current = people.get(key) or Named(key, row["name"].value, ())
            if row.get("label") is not None:
                current = Named(key, current.display, (*current.labels, row["label"].value))
            people[key] = current
        matches = match_names(name, people.values())
        if not matches:
            suggestions = suggest_names(name, people.values())
            fix = ("did you mean " + ", ".join(suggestions) + "?") if suggestions else "`kg query queries/people.rq` lists every name"
            raise UsageError(f"no person named {name!r} in the graph", fix=fix)
        merged: QueryResult | None = None
        for person in sorted(matches, key=lambda p: (p.display, p.key)):
            result = run_query(st, path, bindings={"person": pyoxigraph.NamedNode(person.key)})
            if merged is None:
                merged = result
            else:
                merged.rows.extend(result.rows)
        assert merged is not None
        return merged


# --- evaluation ----------------------------------------------------------------------


def evaluate(gold: str | os.PathLike[str], entities: str | os.PathLike[str] | None = None,
             store: StoreLike = None, articles: Sequence[str | os.PathLike[str]] = (),
             model: str | None = None, progress: bool = False,
             texts: str | os.PathLike[str] | None = None) -> Any:
    """Score a graph against gold annotations (see docs/evaluation.md).

    With ``articles``, they are built into a fresh temporary store first (the user's
    store is left alone); otherwise the graph in ``store`` is scored.  ``texts`` is a
    folder of ``<article id>.txt`` files that gold given as character offsets points
    into (default: ``texts/`` beside the gold file, when there is one).
    """
    import tempfile

    import rdflib

    from kg.evaluate import evaluate as _evaluate

    gold_path = Path(gold)
    if not gold_path.is_file():
        raise UsageError(f"no gold file at {gold_path}", fix="pass the path of a gold .jsonl file")
    if entities is not None and not Path(entities).is_file():
        raise UsageError(f"no entities file at {entities}", fix="pass the path of an entities .json file, or leave --entities out")
    with contextlib.ExitStack() as stack:
        if articles:
            tmp = stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-eval-"))
            report = build(list(articles), store=Path(tmp) / "store", model=model, progress=progress)
            if not report.read:
                raise UsageError("none of the articles could be read", fix="check the paths given after the gold file")
            store = Path(tmp) / "store"
        with _open(store) as st:
            graph = rdflib.Graph()
            graph.parse(data=st.dump("nt").decode("utf-8"), format="nt")
        text_dir = Path(texts) if texts is not None else gold_path.parent / "texts"
        if texts is not None and not text_dir.is_dir():
            raise UsageError(f"no folder of texts at {text_dir}", fix="pass the folder holding <article id>.txt files")
        by_id = {p.stem: p.read_text(encoding="utf-8", errors="replace") for p in sorted(text_dir.glob("*.txt"))} \
            if text_dir.is_dir() else {}
        return _evaluate(graph, gold_path, Path(entities) if entities is not None else None, by_id)
