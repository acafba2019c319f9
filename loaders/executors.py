"""Where extraction runs: in the loading process, on a local process pool, or on a Dask cluster.

Extraction is CPU-bound, pure Python and independent per article; writing is
one stream into one graph. So extraction is what spreads, and the writer
stays one client of Neo4j (a cluster or Aura takes the same driver).

Every option is a `concurrent.futures.Executor` (Dask's `Client.get_executor()`
is one), so the pipeline does not know which it has. Dask was chosen over
Ray: pure-Python wheels from PyPI, a scheduler that is one command
(`dask scheduler`, `dask worker ADDRESS`), the concurrent.futures interface,
and no object store or per-node daemon to run beside Neo4j.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Iterator

from .errors import LiaisonError

#: Below this many articles a pool costs more (each worker loads the spaCy
#: models, 2-5 s) than it saves.
POOL_THRESHOLD = 300


def default_workers(articles: int | None) -> int:
    """Workers for a local load of this many articles: every core for big loads, none for small."""
    if articles is not None and articles < POOL_THRESHOLD:
        return 0
    return os.cpu_count() or 1


def _warm() -> bool:
    # Load the pipelines a worker will need before the first article arrives.
    from .extract import nlp_for
    from .extract.languages import LINGUA_FRANCA

    for lang in (LINGUA_FRANCA, "xx"):
        nlp_for(lang)
    return True


@contextlib.contextmanager
def executor_for(workers: int = 0, scheduler: str | None = None) -> Iterator:
    """An executor for extraction: None (in process), a local pool, or a Dask cluster at `scheduler`."""
    if scheduler:
        try:
            from distributed import Client
        except ImportError:  # pragma: no cover - distributed is a dependency
            raise LiaisonError("--scheduler needs Dask: pip install 'dask[distributed]'") from None
        try:
            client = Client(scheduler, timeout="20s")
        except OSError as exc:
            raise LiaisonError(f"Cannot reach the Dask scheduler at {scheduler} ({exc}); start one with "
                               "`dask scheduler` and workers with `dask worker ADDRESS`, or drop --scheduler.") \
                from None
        try:
            if not client.scheduler_info().get("workers"):
                client.wait_for_workers(1, timeout=60)
            yield client.get_executor(pure=False)
        finally:
            client.close()
        return
    if workers <= 1:
        yield None
        return
    # forkserver: workers start from a clean interpreter, not a copy of a
    # process that may hold driver sockets or Streamlit threads.
    ctx = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        for f in [pool.submit(_warm) for _ in range(workers)]:
            f.result()
        yield pool
