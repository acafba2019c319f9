"""Shared data access for the pages: one cached driver, cached read queries.

Errors from the server become LiaisonError messages that pages show with
st.error; pages never see a traceback.
"""

from __future__ import annotations

import neo4j
import streamlit as st

from liaison.db import explain, get_driver
from liaison.errors import ConnectionProblem, LiaisonError, QueryError
from liaison.settings import Settings


@st.cache_resource(show_spinner=False)
def _settings() -> Settings:
    return Settings.from_env()


def driver() -> neo4j.Driver:
    # get_driver keeps one driver per process; only a successful connection is
    # remembered, so the page recovers on reload once the server is up.
    return get_driver(_settings())


def database() -> str:
    return _settings().database


def read(query: str, **params) -> list[neo4j.Record]:
    """Run a read query; translate driver errors into LiaisonError."""
    settings = _settings()
    try:
        records, _, _ = driver().execute_query(
            query, params, database_=settings.database, routing_=neo4j.RoutingControl.READ
        )
        return records
    except LiaisonError:
        raise
    except (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.AuthError, OSError) as exc:
        raise explain(exc, settings) from exc
    except neo4j.exceptions.Neo4jError as exc:
        raise QueryError(f"The query failed: {exc.message}") from exc


@st.cache_data(ttl=30, show_spinner=False)
def read_rows(query: str, **params) -> list[dict]:
    return [r.data() for r in read(query, **params)]


def guarded(fn):
    """Run a page body; show library errors as an actionable message."""
    try:
        fn()
    except ConnectionProblem as exc:
        st.error(f"**Cannot reach the graph.** {exc}", icon="🔌")
    except LiaisonError as exc:
        st.error(str(exc), icon="⚠️")
