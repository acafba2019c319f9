"""The benchmark's own Neo4j instance, so a benchmark never touches an analyst's graph.

Instance "bench" under the project's state folder, on its own port
(LIAISON_BENCH_BOLT_PORT, default 7689), with a heap and page cache sized for
a graph of 100,000 articles (LIAISON_BENCH_HEAP, LIAISON_BENCH_PAGECACHE).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .settings import STATE_DIR, Settings, local_password


@contextlib.contextmanager
def bench_server(work_dir: Path, log=print, keep: bool | None = None, fresh: bool = True):
    """The bench instance, started; `fresh` starts it on an empty store (its data folder removed).

    Removing the store is both the honest start of a load "from scratch" and
    the only quick way to empty a big graph: deleting hubs with hundreds of
    thousands of relationships exceeds the transaction memory pool.
    """
    import shutil

    from .db import get_driver
    from .server import LocalServer

    port = int(os.environ.get("LIAISON_BENCH_BOLT_PORT", "7689"))
    server = LocalServer(state_dir=STATE_DIR, name="bench", bolt_port=port,
                         heap=os.environ.get("LIAISON_BENCH_HEAP", "2g"),
                         pagecache=os.environ.get("LIAISON_BENCH_PAGECACHE", "3g"))
    password = local_password(STATE_DIR / "bench-password")
    if fresh:
        server.stop()
        shutil.rmtree(server.home / "data", ignore_errors=True)
    server.provision(log=log)
    server.start(password, timeout=240, log=log)
    settings = Settings(uri=server.uri, username="neo4j", password=password, database="neo4j")
    try:
        yield get_driver(settings), settings.database, server
    finally:
        if not (keep if keep is not None else os.environ.get("LIAISON_KEEP_BENCH_SERVER") == "1"):
            server.stop()
