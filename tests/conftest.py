"""Fixtures: one real Neo4j server for the whole session, an empty graph per test.

The tests run their own instance ("test", Bolt port 7688 by default) beside
the one `make run` uses, so running the tests never touches an analyst's
graph. It is stopped at the end of the session unless LIAISON_KEEP_TEST_SERVER=1.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from liaison.settings import STATE_DIR, Settings, local_password

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
#: How many articles corpus/ holds (tests count them rather than assume a number).
CORPUS_SIZE = sum(1 for p in CORPUS.glob("*.txt"))
TEST_PORT = int(os.environ.get("LIAISON_TEST_BOLT_PORT", "7688"))


@pytest.fixture(scope="session")
def neo4j_settings():
    from liaison.server import LocalServer

    password = local_password(STATE_DIR / "test-password")
    server = LocalServer(state_dir=STATE_DIR, name="test", bolt_port=TEST_PORT)
    server.provision(log=lambda *_: None)
    server.start(password, timeout=240, log=lambda *_: None)
    settings = Settings(uri=server.uri, username="neo4j", password=password, database="neo4j")
    saved = {k: os.environ.get(k) for k in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE")}
    # Subprocesses (CLI, streamlit) inherit these and reach the test server.
    os.environ.update(NEO4J_URI=settings.uri, NEO4J_USERNAME="neo4j", NEO4J_PASSWORD=password,
                      NEO4J_DATABASE="neo4j")
    yield settings
    for k, v in saved.items():
        if v is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = v
    from liaison.db import close_all

    close_all()
    if os.environ.get("LIAISON_KEEP_TEST_SERVER") != "1":
        server.stop()


@pytest.fixture(scope="session")
def driver(neo4j_settings):
    from liaison.db import get_driver

    return get_driver(neo4j_settings)


def wipe(driver, database="neo4j"):
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)


_corpus_loaded = {"yes": False}


@pytest.fixture
def graph(driver, neo4j_settings):
    """An empty graph (schema in place) for one test."""
    from loaders.write import ensure_schema

    wipe(driver)
    _corpus_loaded["yes"] = False
    ensure_schema(driver, neo4j_settings.database)
    return driver


@pytest.fixture
def corpus_graph(driver, neo4j_settings):
    """The whole corpus, loaded once and shared by tests that only read it."""
    from loaders.pipeline import load_paths

    if not _corpus_loaded["yes"]:
        wipe(driver)
        report = load_paths(driver, neo4j_settings.database, [CORPUS])
        assert not report.skipped, report.skipped
        _corpus_loaded["yes"] = True
    return driver


def counts(driver) -> dict:
    """Nodes and relationships the articles wrote (the schema-version marker left out)."""
    records, _, _ = driver.execute_query(
        "RETURN COUNT { MATCH (n) WHERE NOT n:GraphSchema } AS nodes, COUNT { MATCH ()-[r]->() } AS rels")
    return {"nodes": records[0]["nodes"], "rels": records[0]["rels"]}
