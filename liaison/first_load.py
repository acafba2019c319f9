"""`liaison load --bulk`: an archive's first load, built offline by neo4j-admin import.

loaders.bulk builds the import files and finishes the graph; this module owns
what only the project's own server allows: checking the database is empty,
stopping the server, importing, starting it again, and putting an empty
database back when anything after the stop fails, so a failed bulk load
leaves no half-written graph (the next load starts from nothing, as before).
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path
from typing import Callable
from urllib.parse import urlparse

from loaders.bulk import BulkError, Plan, build, finish
from loaders.pipeline import LoadReport

from .db import close, get_driver
from .server import LocalServer, ServerError
from .settings import Settings

Q_ANY_NODE = "MATCH (n) WHERE NOT n:GraphSchema RETURN labels(n) AS labels LIMIT 1"
Q_DOCUMENTS = "MATCH (d:Document) RETURN count(d) AS n"


def check_target(settings: Settings, server: LocalServer) -> None:
    """Refuse, saying what to do, unless the settings name this running local server and its graph is empty."""
    uri = urlparse(settings.uri)
    if uri.hostname not in ("127.0.0.1", "localhost", "::1") or (uri.port or 7687) != server.bolt_port:
        raise BulkError(
            f"--bulk builds the store offline with neo4j-admin, so it needs the project's own local "
            f"server ({server.uri}); NEO4J_URI is {settings.uri}. Load without --bulk to write through "
            "the driver to any server.")
    if not server.status().running:
        raise BulkError(f"The local server '{server.name}' is not running: `liaison neo4j start` first.")
    if settings.database != "neo4j":
        raise BulkError(f"--bulk imports into the database 'neo4j'; NEO4J_DATABASE is {settings.database!r}.")
    driver = get_driver(settings)
    records, _, _ = driver.execute_query(Q_ANY_NODE, database_=settings.database)
    if records:
        docs = driver.execute_query(Q_DOCUMENTS, database_=settings.database).records[0]["n"]
        raise BulkError(
            f"The graph is not empty (it holds {docs:,} documents, and nodes labelled "
            f"{':'.join(records[0]['labels'])}): --bulk builds a graph from nothing. Load without --bulk "
            "to add articles to it, or start from an empty database (make clean-neo4j).")


def empty_database(server: LocalServer) -> None:
    """Remove the stopped server's 'neo4j' store: it creates an empty one on its next start."""
    for sub in ("databases", "transactions"):
        shutil.rmtree(server.home / "data" / sub / "neo4j", ignore_errors=True)


def import_files(settings: Settings, server: LocalServer, plan: Plan, log: Callable[[str], None] = print,
                 timeout: float = 6 * 3600) -> float:
    """Stop the server, import the plan's files into 'neo4j', start it again; seconds the import took.

    If the import fails, the server comes back with an empty database and BulkError says why."""
    close(settings)      # its connections die with the server
    server.stop()
    log(f"Importing {plan.node_count:,} nodes and {plan.relationship_count:,} relationships "
        "(neo4j-admin database import)...")
    started = time.perf_counter()
    try:
        server.admin(*plan.import_args(), f"--report-file={server.home / 'logs' / 'bulk-import.report'}",
                     timeout=timeout, env={"HEAP_SIZE": "1g"})
    except ServerError as exc:
        empty_database(server)
        server.start(settings.password, timeout=240, log=log)
        raise BulkError(f"neo4j-admin import failed; the database is empty again, as before the load. "
                        f"The files are kept in {plan.out_dir}. {exc}") from exc
    seconds = time.perf_counter() - started
    server.start(settings.password, timeout=240, log=log)
    return seconds


def bulk_load(settings: Settings, server: LocalServer, paths, work_dir: Path, executor=None,
              progress: Callable[[Path], None] | None = None, review: bool = True,
              log: Callable[[str], None] = print, keep_files: bool = False) -> tuple[LoadReport, Plan]:
    """A first load into the empty graph of the local server (see the module docstring)."""
    started = time.perf_counter()
    check_target(settings, server)
    out = Path(work_dir) / time.strftime("bulk-%Y%m%d-%H%M%S")
    plan = build(paths, out, executor=executor, progress=progress)
    report = plan.report
    if not report.loaded:
        shutil.rmtree(out, ignore_errors=True)
        report.seconds = time.perf_counter() - started
        return report, plan
    plan.seconds["import"] = import_files(settings, server, plan, log=log)
    try:
        t = time.perf_counter()
        finish(get_driver(settings), settings.database, plan, review=review, log=log)
        plan.seconds["finish"] = time.perf_counter() - t
    except Exception as exc:
        close(settings)
        server.stop()
        empty_database(server)
        server.start(settings.password, timeout=240, log=log)
        raise BulkError(f"The imported graph could not be finished ({type(exc).__name__}: {exc}); "
                        "the database is empty again, as before the load.") from exc
    if not keep_files:
        shutil.rmtree(out, ignore_errors=True)
    report.write_seconds = sum(plan.seconds.get(k, 0.0) for k in ("entities", "import", "finish"))
    report.seconds = time.perf_counter() - started
    return report, plan
