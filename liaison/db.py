"""The one place that creates the Neo4j driver.

One driver per process, for the process's whole life (the driver pools
connections and is thread-safe; sessions are cheap and are not). Loaders,
the CLI and the explorer all receive the driver from here.
"""

from __future__ import annotations

import logging
import threading

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable, Neo4jError

from .errors import ConnectionProblem
from .settings import Settings

# The server's notifications (e.g. "property key not in the database" on a
# first load) are advice for query authors, not for analysts running a load;
# the console reads them from the result summary instead.
logging.getLogger("neo4j.notifications").setLevel(logging.ERROR)

_lock = threading.Lock()
_drivers: dict[Settings, neo4j.Driver] = {}


def get_driver(settings: Settings | None = None) -> neo4j.Driver:
    """Return the process's driver for these settings, checking it can connect."""
    settings = settings or Settings.from_env()
    with _lock:
        driver = _drivers.get(settings)
        if driver is None:
            driver = GraphDatabase.driver(
                settings.uri,
                auth=(settings.username, settings.password),
                connection_timeout=10,
                max_connection_lifetime=3600,
            )
            try:
                driver.verify_connectivity()
            except Exception as exc:  # noqa: BLE001 - translated below
                driver.close()
                raise explain(exc, settings) from exc
            _drivers[settings] = driver
        return driver


def close(settings: Settings) -> None:
    """Close the process's driver for these settings (before its server restarts)."""
    with _lock:
        driver = _drivers.pop(settings, None)
    if driver is not None:
        driver.close()


def close_all() -> None:
    with _lock:
        for driver in _drivers.values():
            driver.close()
        _drivers.clear()


def explain(exc: Exception, settings: Settings) -> ConnectionProblem:
    """Turn a driver exception into a message that says what to do next."""
    if isinstance(exc, AuthError):
        return ConnectionProblem(
            f"Neo4j at {settings.uri} refused the credentials of user "
            f"'{settings.username}'. Check NEO4J_USERNAME / NEO4J_PASSWORD "
            "(the local server's password is in .neo4j/password)."
        )
    if isinstance(exc, (ServiceUnavailable, OSError)):
        return ConnectionProblem(
            f"Cannot reach Neo4j at {settings.uri}. Start the local server with "
            "`liaison neo4j start` (or `make run`), or set NEO4J_URI to a running server."
        )
    if isinstance(exc, Neo4jError):
        return ConnectionProblem(f"Neo4j at {settings.uri} answered with an error: {exc.message}")
    return ConnectionProblem(f"Cannot use Neo4j at {settings.uri}: {exc}")
