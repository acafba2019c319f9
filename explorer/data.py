"""Shared data access for the pages: one cached driver, cached read queries.

Errors from the server become LiaisonError messages that pages show with
st.error; pages never see a traceback.
"""

from __future__ import annotations

import hashlib
import json

import neo4j
import streamlit as st

from liaison.db import explain, get_driver
from liaison.errors import ConnectionProblem, LiaisonError, QueryError
from liaison.settings import EXPLORER_TIMEOUT_VAR, Settings, explorer_timeout


def _settings() -> Settings:
    # Read every time (cheap): a changed environment or password file takes
    # effect on the next rerun, and cached results are keyed by it (below).
    return Settings.from_env()


def driver() -> neo4j.Driver:
    # get_driver keeps one driver per process; only a successful connection is
    # remembered, so the page recovers on reload once the server is up.
    return get_driver(_settings())


def database() -> str:
    return _settings().database


def read(query: str, **params) -> list[neo4j.Record]:
    """Run a read query under the explorer's time limit; translate driver errors into LiaisonError."""
    settings = _settings()
    timeout = explorer_timeout()
    try:
        records, _, _ = driver().execute_query(
            neo4j.Query(query, timeout=timeout), params, database_=settings.database,
            routing_=neo4j.RoutingControl.READ,
        )
        return records
    except LiaisonError:
        raise
    except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.AuthError, OSError) as exc:
        raise explain(exc, settings) from exc
    except neo4j.exceptions.Neo4jError as exc:
        raise QueryError(failure_message(exc, timeout)) from exc


def failure_message(exc: neo4j.exceptions.Neo4jError, timeout: float) -> str:
    """What the page shows when a query fails: what happened and what to do about it."""
    code = exc.code or ""
    if "TransactionTimedOut" in code or "Timeout" in code:
        return (f"The graph took longer than {timeout:g} s to answer (the explorer's time limit), so the server "
                "stopped the query. Narrow the view (a country, a period, fewer node types) and try again, or "
                f"raise {EXPLORER_TIMEOUT_VAR} (seconds).")
    if "MemoryPoolOutOfMemory" in code or "OutOfMemory" in code:
        return ("The graph ran out of memory answering this view. Narrow it (a country, a period, fewer node "
                "types) or give the server more memory (server.memory.transaction.total.max).")
    return (f"The query failed: {exc.message} ({code}). If the graph was just reloaded, reload the page; "
            "otherwise report it with this message.")


@st.cache_data(ttl=30, show_spinner=False)
def _read_rows(graph_key: str, query: str, params_json: str) -> list[dict]:
    return [r.data() for r in read(query, **json.loads(params_json))]


def read_rows(query: str, **params) -> list[dict]:
    """Cached read, keyed by the graph it was read from, the query and its parameters."""
    s = _settings()
    graph_key = f"{s.uri}|{s.username}|{s.database}|{hashlib.sha256(s.password.encode()).hexdigest()[:12]}"
    return _read_rows(graph_key, query, json.dumps(params, sort_keys=True, default=str))


read_rows.clear = _read_rows.clear


def guarded(fn):
    """Run a page body; show library errors as an actionable message."""
    try:
        fn()
    except ConnectionProblem as exc:
        st.error(f"**Cannot reach the graph.** {exc}", icon="🔌")
    except LiaisonError as exc:
        st.error(str(exc), icon="⚠️")
