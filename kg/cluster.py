"""Extraction on a Dask cluster: ``kg build --cluster tcp://HOST:8786``.

Extraction is the slow step and each article is extracted alone, so it spreads over
any number of machines.  The articles go to the cluster's workers in batches (one
``nlp.pipe`` per batch); each worker process loads the spaCy model once and keeps
it.  The results come back in input order, so the build's extraction cache,
resolution and graph are those of a local build.  Everything after extraction
(resolution, the graph) runs where ``kg build`` runs.

Workers need kg and the model installed (the same versions as the machine that
runs ``kg build``); start them with ``dask scheduler`` and ``dask worker ADDRESS``.
"""
from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from kg.errors import UsageError

if TYPE_CHECKING:
    from kg.records import Article, Extraction

__all__ = ["extract_on_cluster", "BATCH"]

#: Articles per task: big enough for ``nlp.pipe`` to batch, small enough to spread.
BATCH = 8
CONNECT_TIMEOUT = "20s"


def _client(address: str) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise UsageError("--cluster needs dask.distributed, which is not installed",
                         fix="install it with `pip install 'kg[cluster]'`") from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        detail = " ".join(str(exc).split())[:200]
        raise UsageError(f"cannot reach the Dask scheduler at {address} ({detail})",
                         fix="check the address (tcp://HOST:PORT) and that `dask scheduler` runs there") from None


def extract_batch(articles: Sequence[Article], model: str) -> list[tuple[Article, Extraction | Exception]]:
    """Run on a worker: extract ``articles`` with the worker's copy of ``model``."""
    from kg.api import _extract_serial
    from kg.nlp import load_model

    return list(_extract_serial(articles, load_model(model)))


def extract_on_cluster(articles: Sequence[Article], model: str, address: str) -> Iterator[tuple[Article, Extraction | Exception]]:
    """Extract ``articles`` on the cluster at ``address``, yielding in input order.

    An article whose extraction fails is yielded with its error, as in a local
    build; an error that is not about one article (no model on a worker) is raised.
    """
    client = _client(address)
    try:
        batches = [list(articles[i:i + BATCH]) for i in range(0, len(articles), BATCH)]
        futures = client.map(extract_batch, batches, model=model, pure=False)
        try:
            for future in futures:
                yield from future.result()
        except BaseException:  # a KgError from a worker, Ctrl-C, or the consumer stopping
            client.cancel(futures)
            raise
    finally:
        client.close()
